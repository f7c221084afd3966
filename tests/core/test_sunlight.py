"""Sunlight analysis (planner/checking/sunlight.py): cases worked by hand, and pvlib as the oracle of the sun.

The hand cases use the sun as a vector in (east, north, up) at hour angle w (afternoon positive), latitude f and
declination d, a form apart from the module's atan2 formulas:
    E = -cos d sin w,   N = sin d cos f - cos d cos w sin f,   U = sin d sin f + cos d cos w cos f.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from shapely.geometry import box

from planner.checking import sunlight as S
from planner.model import ALL_RULES, RULE_KINDS

LAT = 40.0
DAHAN = -20.2


def config(**changes) -> S.SunlightSettings:
    return S.SunlightSettings(zone="II", size="large", **changes)  # 大寒日 ≥ 2 h, 8:00-16:00


def run(scheme, existing=None, cfg=None, lat=LAT):
    def frame(rows):
        return (np.array([r[0] for r in rows], object), np.array([r[1] for r in rows], object),
                np.array([r[2] for r in rows], float), np.array([r[3] for r in rows], object))
    return S.analyse(frame(scheme), frame(existing) if existing else None, cfg or config(), None, latitude=lat,
                     north=0.0, threads=1)


def facade(result, building, facing, y=None):
    entry = next(b for b in result.buildings if b.building == building)
    return next(f for f in entry.facades if abs(f.facing - facing) < 1e-6 and (y is None or f.start[1] == y))


def sun(w_deg, f=LAT, d=DAHAN):
    w, f, d = map(math.radians, (w_deg, f, d))
    return (-math.cos(d) * math.sin(w), math.sin(d) * math.cos(f) - math.cos(d) * math.cos(w) * math.sin(f),
            math.sin(d) * math.sin(f) + math.cos(d) * math.cos(w) * math.cos(f))


def bisect(condition, lo, hi):
    """The hour angle in [lo, hi] where condition turns from True to False."""
    for _ in range(80):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if condition(mid) else (lo, mid)
    return lo


def steps_within(start_h, end_h, band=(8.0, 16.0), step=1.0):
    """Minutes of the 1-minute steps whose middles fall in [start_h, end_h] (the module's counting)."""
    middles = S.step_times(band, step)
    return float(np.count_nonzero((middles >= start_h) & (middles <= end_h))) * step


# A 1 m wide home whose south facade has one sampling point, at (0, 0), 0.9 m up.
HOME = ("R", box(-0.5, 0, 0.5, 10), 30.0, "住宅")


def test_point_north_of_a_long_wall_analytic():
    # Wall 20.9 m high (20 m above the 0.9 m plane), its north face 40 m south. Lit while U / -N >= 20 / 40.
    k = 20.0 / 40.0
    f, d = math.radians(LAT), math.radians(DAHAN)
    cos_w0 = -math.sin(d) * (math.sin(f) + k * math.cos(f)) / (math.cos(d) * (math.cos(f) - k * math.sin(f)))
    w0 = math.degrees(math.acos(cos_w0))  # 31.92°: lit from 9:52.3 to 14:07.7, 255.3 min
    assert sun(w0)[2] / -sun(w0)[1] == pytest.approx(k)
    result, found = run([HOME], [("W", box(-5000, -41, 5000, -40), 20.9, "围墙")])
    south = facade(result, "R", 180.0)
    expected = steps_within(12 - w0 / 15, 12 + w0 / 15)
    assert expected == 256.0
    assert south.min_hours * 60 == pytest.approx(expected)
    assert abs(south.min_hours * 60 - 2 * w0 / 15 * 60) <= 1.0  # to the minute
    assert south.length_below == 0.0 and south.held
    assert found == []
    # 10 m closer: U / -N >= 20 / 30 is never met on 大寒日 at 40° N (noon: tan 29.8° = 0.573 < 0.667).
    result, found = run([HOME], [("W", box(-5000, -31, 5000, -30), 20.9, "围墙")])
    assert facade(result, "R", 180.0).min_hours == 0.0
    assert [(v.rule, v.building, v.actual, v.limit) for v in found] == [("sunlight", "R", 0.0, 2.0)]
    assert found[0].details["length"] == pytest.approx(1.0) and found[0].details["facing"] == 180.0


def test_north_facade_gets_no_sun():
    result, found = run([HOME])
    north = facade(result, "R", 0.0)
    assert north.min_hours == 0.0 and not north.held and north.length_below == 0.0
    # With nothing around, the south facade is lit from 8:00 to 16:00 except where the sun is more than 75° off
    # the normal: |E| / -N > tan 75° (before 8:00 at 40° N on 大寒日 it is not: the whole band counts).
    assert abs(sun(-60)[0]) / -sun(-60)[1] < math.tan(math.radians(75))
    assert facade(result, "R", 180.0).min_hours == 8.0
    assert found == []


def test_gap_between_two_slabs():
    # Two very tall slabs 1 m deep, their north faces 40 m south, an 80 m gap centred on the point: sun only
    # while the ray passes the slabs' far inner corners (x = ±40, y = -41), i.e. while |E| / -N <= 40 / 41.
    slabs = [("A", box(-5000, -41, -40, -40), 1000.0, "办公"), ("B", box(40, -41, 5000, -40), 1000.0, "办公")]
    result, _ = run([HOME], slabs)
    limit = bisect(lambda w: abs(sun(w)[0]) / -sun(w)[1] <= 40 / 41, 0.0, 90.0)
    expected = steps_within(12 - limit / 15, 12 + limit / 15)
    assert 60 < expected < 480
    assert facade(result, "R", 180.0).min_hours * 60 == pytest.approx(expected)
    assert abs(expected - 2 * limit / 15 * 60) <= 1.0


def test_sweep_angle():
    # An east wall (a home 1 m deep, 10 m long north-south, facing east at x = 0.5). No obstacles.
    home = ("E", box(-9.5, 0, 0.5, 1), 30.0, "住宅")
    # Sweep 0°: lit from 8:00 until the sun passes due south at noon: exactly 4 h.
    result, _ = run([home], cfg=config(sweep_angle=0.0))
    assert facade(result, "E", 90.0).min_hours == 4.0
    # Sweep 15°: until the sun is 15° east of south, E / -N = tan 15°.
    result, _ = run([home], cfg=config(sweep_angle=15.0))
    w15 = bisect(lambda w: sun(w)[0] / -sun(w)[1] >= math.tan(math.radians(15)), -90.0, 0.0)
    expected = steps_within(8.0, 12 + w15 / 15)
    assert abs(expected - (4 + w15 / 15) * 60) <= 1.0 and expected < 240
    assert facade(result, "E", 90.0).min_hours * 60 == pytest.approx(expected)
    # Beijing's 12°: a little longer.
    result, _ = run([home], cfg=config(sweep_angle=12.0))
    assert facade(result, "E", 90.0).min_hours * 60 > expected


def test_minimum_continuous_and_periods():
    lit = np.zeros((1, 100), dtype=bool)
    lit[0, 0:3] = lit[0, 10:20] = lit[0, 50:90] = True  # runs of 3, 10 and 40 minutes
    assert S.minutes(lit, 1.0).tolist() == [53.0]
    assert S.minutes(lit, 1.0, min_continuous=5.0).tolist() == [50.0]  # Beijing 大寒日: the 3 min run is dropped
    assert S.minutes(lit, 1.0, min_continuous=30.0).tolist() == [40.0]  # Beijing 冬至日
    assert S.minutes(lit, 1.0, periods=1).tolist() == [40.0]  # longest
    assert S.minutes(lit, 1.0, periods=2).tolist() == [50.0]  # Hangzhou: the longest two
    assert S.minutes(np.ones((2, 8), bool), 5.0).tolist() == [40.0, 40.0]


def test_existing_home_already_below_loses_more():
    # Existing home X behind an existing wall gets 1.5 h-ish (below 2 h); a scheme tower to its south-east takes
    # its morning: sunlight_impact. Without the tower, nothing is reported.
    # Wall 22.4 m above the plane, 40 m away: U / -N >= 0.56 from 11:05 to 12:55 (1.83 h) by the formula of
    # test_point_north_of_a_long_wall_analytic.
    wall = ("W", box(-5000, -41, 5000, -40), 23.3, "围墙")
    home = ("X", box(-0.5, 0, 0.5, 10), 30.0, "住宅")
    # A scheme building north of the home, within reach but casting its shadow away from the south facade.
    result, found = run([("S1", box(-10, 30, 10, 40), 20.0, "商业")], [wall, home])
    before = facade(result, "X", 180.0)
    assert abs(before.min_hours * 60 - 110) <= 2
    assert before.min_hours_before == before.min_hours
    assert found == []
    tower = ("T", box(0, -60, 30, -50), 100.0, "办公")  # 0° to 26.6° east of south: the late morning
    result, found = run([tower], [wall, home])
    after = facade(result, "X", 180.0)
    assert after.min_hours_before == before.min_hours
    assert after.min_hours * 60 == pytest.approx(before.min_hours * 60 / 2, abs=1)  # the morning half is gone
    assert [(v.rule, v.building) for v in found] == [("sunlight_impact", "X")]
    details = found[0].details
    assert details["before"] == pytest.approx(before.min_hours) and details["worse"] == 1 and details["pushed"] == 0
    assert found[0].actual == pytest.approx(after.min_hours)
    # "below_only": a home already below is not protected further.
    _, found = run([tower], [wall, home], cfg=config(existing_rule="below_only"))
    assert found == []


def test_existing_home_pushed_below():
    home = ("X", box(-0.5, 0, 0.5, 10), 18.0, "住宅")
    result, found = run([("T", box(-100, -41, 100, -40), 30.9, "办公")], [home])
    south = facade(result, "X", 180.0)
    assert south.min_hours_before == 8.0 and south.min_hours < 2.0 and south.length_below == pytest.approx(1.0)
    assert [(v.rule, v.details["pushed"]) for v in found] == [("sunlight_impact", 1)]


def test_concave_building_shades_itself():
    # An L: its east wing (x 20-30) reaches 30 m further south than the west part's south face (y = 0), and is
    # 30 m high: it takes that face's afternoon, the face's east end first.
    ell = ("L", box(0, 0, 20, 10).union(box(20, -30, 30, 10)), 30.0, "住宅")
    result, _ = run([ell])
    inner = facade(result, "L", 180.0, y=0.0)
    assert inner.min_hours < 4.5  # the whole afternoon is gone at the east end


def test_pvlib_is_the_oracle_of_the_sun():
    pvlib = pytest.importorskip("pvlib")
    import pandas as pd

    for date, lat in (("2024-01-20", 39.7), ("2023-12-22", 30.3), ("2024-01-20", 45.8)):
        times = pd.date_range(f"{date} 08:00", f"{date} 16:00", freq="37min", tz="UTC")
        position = pvlib.solarposition.get_solarposition(times, lat, 0.0, altitude=0, method="nrel_numpy")
        doy = times.day_of_year.to_numpy()
        eot = pvlib.solarposition.equation_of_time_spencer71(doy)  # minutes
        decl = np.degrees(pvlib.solarposition.declination_spencer71(doy))
        solar = times.hour.to_numpy() + times.minute.to_numpy() / 60 + eot / 60  # true solar time at lon 0
        for k in range(len(times)):
            elevation, azimuth = S.sun_position(lat, float(decl[k]), np.array([solar[k]]))
            assert elevation[0] == pytest.approx(position["elevation"].iloc[k], abs=0.3)
            assert azimuth[0] == pytest.approx(position["azimuth"].iloc[k], abs=0.3)


def test_standard_days_and_declinations():
    assert S.declination("dahan") == -20.2 and S.declination("dongzhi") == -23.44
    assert len(S.step_times((8.0, 16.0), 1.0)) == 480 and len(S.step_times((9.0, 15.0), 5.0)) == 72


def test_table_rows_and_types():
    assert S.settings() is None
    row = S.settings("II", "large").standard("home")
    assert (row.day, row.hours, row.band) == ("dahan", 2.0, (8.0, 16.0))
    assert S.settings("VII", "small").standard("home").hours == 3.0
    iv_large, iv_small = S.settings("IV", "large").standard("home"), S.settings("IV", "small").standard("home")
    assert (iv_large.day, iv_large.hours) == ("dahan", 3.0)
    assert (iv_small.day, iv_small.hours, iv_small.band) == ("dongzhi", 1.0, (9.0, 15.0))
    assert S.settings("V").standard("home").day == "dongzhi"
    assert S.settings("II", "large").standard("elderly").hours == 2.0
    assert S.settings("II", "large").standard("kindergarten").hours == 3.0
    assert S.settings("II", "large").standard("school").day == "dongzhi"
    assert S.settings("II", "large", old_district=True).standard("home").hours == 1.0
    beijing = S.settings(city="北京")
    assert beijing.sweep_angle == 12.0 and beijing.min_continuous == {"dahan": 5.0, "dongzhi": 30.0}
    assert S.settings(city="杭州").standard("home").band == (9.0, 15.0)
    assert [S.sun_type(u) for u in ("住宅", "高层住宅楼", "老年人住宅", "幼儿园", "小学教学楼", "办公", None, "宿舍")] == [
        "home", "home", "elderly", "kindergarten", "school", None, None, "home"]
    with pytest.raises(Exception) as error:
        S.settings(city="火星")
    assert error.value.code == "sunlight_city_unknown"
    with pytest.raises(Exception) as error:
        S.settings("II")
    assert error.value.code == "sunlight_choice"


def test_rules_registered():
    assert ALL_RULES[-2:] == ("sunlight", "sunlight_impact")
    assert RULE_KINDS["sunlight"] == RULE_KINDS["sunlight_impact"] == "sunlight"


# --- the CLI on the bundled sample -------------------------------------------------------------------------

def _sample_args():
    from planner.resources import sample_path

    return ["check", "--plan", str(sample_path("xiguan_plan.gpkg")), "--buildings",
            str(sample_path("scheme_violating.gpkg")), "--existing", str(sample_path("xiguan_existing.gpkg"))]


def test_cli_reports_the_sample_neighbour_pushed_below(tmp_path, capsys):
    import json

    from planner.cli import main

    out = tmp_path / "check.json"
    assert main([*_sample_args(), "--sunlight-city", "酒泉", "--json", str(out), "--lang", "en"]) == 1
    printed = capsys.readouterr().out
    doc = json.loads(out.read_text(encoding="utf-8"))
    impact = [v for v in doc["violations"] if v["rule"] == "sunlight_impact"]
    assert [(v["kind"], v["building"], v["limit"]) for v in impact] == [("sunlight", "XZ-9", 3.0)]
    assert impact[0]["details"]["before"] == 8.0 and impact[0]["actual"] < 3.0
    assert "Existing building XZ-9 (housing): the scheme cuts its sun on Major Cold (大寒) from 8 h 0 min to" in printed
    assert "Sunlight: climate zone VII, small" in printed and "latitude 39.74°" in printed
    xz9 = next(b for b in doc["sunlight"] if b["building"] == "XZ-9")
    assert xz9["existing"] is True and xz9["standard"]["day"] == "dahan" and xz9["standard"]["hours"] == 3.0
    south = next(f for f in xz9["facades"] if abs(f["facing"] - 180) < 1)
    assert south["min_hours_before"] == 8.0 and south["min_hours"] < 3.0 and south["length_below_m"] > 0
    assert doc["sunlight_settings"]["city"] == "酒泉" and doc["sunlight_settings"]["sweep_angle"] == 15.0
    assert doc["inputs"]["existing"]["layer"] == "现状建筑"
    codes = [w["code"] for w in doc["warnings"]]
    assert "sunlight_height_estimated" in codes  # XZ-9 states storeys only


def test_cli_says_sunlight_was_not_checked(tmp_path, capsys):
    import json

    from planner.cli import main

    out = tmp_path / "check.json"
    main([*_sample_args(), "--json", str(out), "--lang", "zh"])
    assert "日照：未分析（请选择 --sunlight-zone 和 --city-size，或 --sunlight-city）。" in capsys.readouterr().out
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["sunlight"] == [] and doc["sunlight_settings"] is None
    assert not [v for v in doc["violations"] if v["kind"] == "sunlight"]


def test_cli_unknown_city_is_one_line(capsys):
    from planner.cli import main

    assert main([*_sample_args(), "--sunlight-city", "火星", "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "has no city named 火星" in err and "北京" in err
    assert main([*_sample_args(), "--sunlight-zone", "II", "--lang", "en"]) == 2
    assert "climate zone II with city size - is not a row" in capsys.readouterr().err


def test_the_notice_lists_the_sunlight_items_with_the_standard_as_basis(tmp_path, capsys):
    """一次告知: a scheme home short of sun and the neighbour it pushes below are items of the notice, each with the
    sunlight standard (not the plan's approval) as its basis."""
    import subprocess

    from planner.cli import main

    case = tmp_path / "case.toml"
    case.write_text('number = "JG-1"\nproject = "西关"\nreceived = 2026-11-20\n', encoding="utf-8")
    notice = tmp_path / "notice.pdf"
    assert main([*_sample_args(), "--sunlight-city", "酒泉", "--case", str(case), "--notice", str(notice),
                 "--lang", "zh"]) == 1
    text = "".join(subprocess.run(["pdftotext", str(notice), "-"], capture_output=True, text=True,
                                  check=True).stdout.split())
    item = text[text.index("现状建筑XZ-9"):]
    assert item.index("方案使其大寒日日照由8小时0分减少为") < item.index("依据：《城市居住区规划设计标准》GB50180-2018第4.0.9条")
    assert text.count("GB50180-2018第4.0.9条") == 4  # 1#, 3#, 5# short of sun, and XZ-9
