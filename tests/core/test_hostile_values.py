"""Hostile values: mappings that cannot be right, impossible building sizes, duplicate ids, huge cells.

Each case ends in exit 2 with one line naming the file and what to do, or in a warning and a verdict that
never passes what was not measured.
"""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
import shapely

from planner.checking.engine import check
from planner.io.fields import load_mapping
from planner.io.layers import load_buildings, load_green, load_plan
from planner.messages import error_message, warning_message
from planner.model import InputError
from tests.helpers import SAMPLES, rect, write_layer

A = rect(0, 0, 100, 50)  # 5000 m²


def plan(tmp_path, **fields):
    columns = {"地块编号": ["A"], "用地代码": ["070102"], "容积率": ["≤2.0"], "建筑密度": ["≤40%"],
               "建筑限高": ["≤30"], "绿地率": ["—"], **fields}
    return load_plan(write_layer(tmp_path / "plan.gpkg", "地块", [A], **columns))


def buildings(tmp_path, rows):
    """rows: (id, rectangle, storeys, height)."""
    return load_buildings(write_layer(tmp_path / "buildings.gpkg", "建筑", [r[1] for r in rows],
                                      建筑编号=[r[0] for r in rows], 层数=[float(r[2]) for r in rows],
                                      建筑高度=[float(r[3]) for r in rows], 建筑用途=["住宅"] * len(rows)))


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "planner", "check", *args], capture_output=True, text=True,
                          timeout=120)


# --- mappings ------------------------------------------------------------------------------------------------

def test_a_mapping_with_a_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "mapping.toml"
    path.write_bytes(b"\xef\xbb\xbf" + '[plan]\nfar = "RJL"\n'.encode("utf-8"))  # as Windows Notepad saves it
    assert load_mapping(path) == {"plan": {"far": "RJL"}}


def test_a_mapping_that_is_a_folder_says_so(tmp_path):
    with pytest.raises(InputError) as caught:
        load_mapping(tmp_path)
    assert caught.value.code == "mapping_is_folder"
    assert error_message("mapping_is_folder", caught.value.details, "en") == \
        f"{tmp_path}: is a folder; --mapping takes a .toml file."


def test_a_mapping_in_gbk_says_to_save_it_as_utf8(tmp_path):
    path = tmp_path / "mapping.toml"
    path.write_bytes('[plan]\nfar = "容积率"\n'.encode("gbk"))
    with pytest.raises(InputError) as caught:
        load_mapping(path)
    assert caught.value.code == "mapping_not_utf8"


def test_one_column_for_two_indicators_is_refused_naming_both(tmp_path):
    path = tmp_path / "mapping.toml"
    path.write_text('[plan]\nfar = "容积率"\ndensity = "容积率"\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_plan(write_layer(tmp_path / "plan.gpkg", "地块", [A], 地块编号=["A"], 容积率=["≤2.0"]),
                  mapping=load_mapping(path))
    assert caught.value.code == "mapping_shared_field"
    message = error_message(caught.value.code, caught.value.details, "en")
    assert "far, density" in message and '"容积率"' in message


def test_the_cli_refuses_a_shared_column_in_one_stderr_line(tmp_path):
    mapping = tmp_path / "mapping.toml"
    mapping.write_text('[plan]\nfar = "容积率"\ndensity = "容积率"\n', encoding="utf-8")
    done = run_cli("--plan", str(SAMPLES / "xiguan_plan.gpkg"), "--buildings", str(SAMPLES / "scheme_violating.gpkg"),
                   "--mapping", str(mapping), "--lang", "en")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "far, density" in done.stderr and "容积率" in done.stderr


# --- impossible building values ------------------------------------------------------------------------------

@pytest.mark.parametrize(("storeys", "height"), [(0, 12.0), (-3, 12.0), (500, 12.0)])
def test_impossible_storeys_leave_far_not_checked_never_passed(tmp_path, storeys, height):
    # 30 x 40 = 1200 m² footprint: with 12 storeys FAR would be 2.88 > 2.0; with 0 storeys it used to count 0.
    result = check(plan(tmp_path), buildings(tmp_path, [("1#", rect(10, 5, 30, 40), storeys, height)]))
    parcel = result.parcels[0]
    assert parcel.checked["far"] == "not_checked"
    assert parcel.checked["density"] == "pass"  # 1200 / 5000 = 24% <= 40%: the footprint is still measured
    assert parcel.status == "partial"
    # "-3" is not read as a number at all ("unreadable_value"); 0 and 500 are numbers no building has.
    warning = next(w for w in result.warnings if w.code in ("impossible_value", "unreadable_value"))
    assert warning.building == "1#" and warning.details["field"] == "层数"
    assert f"{storeys:g}" in warning_message(warning, "en")


def test_a_zero_height_leaves_height_not_checked(tmp_path):
    result = check(plan(tmp_path), buildings(tmp_path, [("1#", rect(10, 5, 10, 10), 3, 0.0)]))
    parcel = result.parcels[0]
    assert parcel.checked["height"] == "not_checked" and parcel.checked["far"] == "pass"  # 300 / 5000
    assert parcel.status == "partial"
    assert [w.details["quantity"] for w in result.warnings if w.code == "impossible_value"] == ["height"]


def test_a_known_breach_stands_beside_an_unknown_building(tmp_path):
    # 1#: 40 x 40 x 8 storeys = 12800 m², FAR 2.56 > 2.0 whatever 2# (0 storeys) adds: the breach is certain.
    result = check(plan(tmp_path), buildings(tmp_path, [("1#", rect(5, 5, 40, 40), 8, 24.0),
                                                        ("2#", rect(60, 5, 10, 10), 0, 3.0)]))
    parcel = result.parcels[0]
    assert [v.rule for v in parcel.violations] == ["far_max"]
    assert parcel.violations[0].actual == pytest.approx(12800 / 5000)
    assert parcel.checked["far"] == "fail" and parcel.status == "violation"


def test_duplicate_building_ids_are_warned(tmp_path):
    result = check(plan(tmp_path), buildings(tmp_path, [("1#", rect(5, 5, 10, 10), 3, 9.0),
                                                        ("1#", rect(60, 5, 10, 10), 3, 9.0)]))
    warning = next(w for w in result.warnings if w.code == "duplicate_building_id")
    assert warning.building == "1#" and warning.details["count"] == 2


def test_ids_and_duplicates_are_read_the_same_a_slice_at_a_time(tmp_path, monkeypatch):
    """A city's ids are made into texts and counted a slice at a time (so the window's thread gets the GIL between
    slices); slices of one and two give what reading them whole gives."""
    from planner.io import layers

    rows = [("1#", rect(5, 5, 10, 10), 3, 9.0), (" 2# ", rect(20, 5, 5, 5), 3, 9.0),
            ("1#", rect(60, 5, 10, 10), 3, 9.0), ("3#", rect(40, 40, 5, 5), 3, 9.0), ("1#", rect(5, 40, 5, 5), 3, 9.0)]
    whole = buildings(tmp_path, rows)
    monkeypatch.setattr(layers, "TEXT_SLICE", 2)
    monkeypatch.setattr(layers, "GIL_SLICE", 1)
    sliced = buildings(tmp_path, rows)
    assert sliced.ids.tolist() == whole.ids.tolist() == ["1#", "2#", "1#", "3#", "1#"]
    duplicates = [(w.building, w.details["count"]) for w in sliced.warnings if w.code == "duplicate_building_id"]
    assert duplicates == [("1#", 3)]


# --- huge cells ---------------------------------------------------------------------------------------------

def test_a_huge_cell_is_not_echoed_whole(tmp_path):
    huge = "见图则" * 400_000  # 1.2 million characters
    result = check(plan(tmp_path, 容积率=[huge]), buildings(tmp_path, [("1#", rect(10, 5, 10, 10), 3, 9.0)]))
    warning = next(w for w in result.warnings if w.code == "unreadable_indicator")
    sentence = warning_message(warning, "en")
    assert len(sentence) < 400 and "…" in sentence
    assert result.parcels[0].checked["far"] == "not_checked"


# --- features left out: what they would change is not checked where they stand ---------------------------------

def two_parcels(tmp_path):
    """A (5000 m²) and B (5000 m², 100 m east), FAR ≤2.0, density ≤40 %, height ≤30 m, green ≤30 %."""
    return load_plan(write_layer(tmp_path / "plan.gpkg", "地块", [A, rect(200, 0, 100, 50)], 地块编号=["A", "B"],
                                 用地代码=["070102"] * 2, 容积率=["≤2.0"] * 2, 建筑密度=["≤40%"] * 2,
                                 建筑限高=["≤30"] * 2, 绿地率=["≤30%"] * 2))


def scheme(tmp_path, second):
    """1# on A (1200 m² x 3 storeys: FAR 0.72, density 24 %), 3# on B (100 m² x 3: FAR 0.06), and 2# as given."""
    return load_buildings(write_layer(tmp_path / "b.gpkg", "建筑", [rect(10, 5, 30, 40), second, rect(210, 5, 10, 10)],
                                      建筑编号=["1#", "2#", "3#"], 层数=[3.0] * 3, 建筑高度=[9.0] * 3,
                                      建筑用途=["住宅"] * 3))


def states(result):
    return {p.id: (p.status, dict(p.checked)) for p in result.parcels}


def test_a_building_left_out_leaves_its_parcel_unchecked_not_passed(tmp_path):
    with np.errstate(invalid="ignore"):
        nan = shapely.transform(rect(60, 5, 10, 10), lambda xy: np.where(np.arange(len(xy))[:, None] == 1,
                                                                         [[np.nan, 0]], xy))
    result = check(two_parcels(tmp_path), scheme(tmp_path, nan))
    assert [w.code for w in result.warnings if w.building == "2#"] == ["coordinates_not_finite"]
    got = states(result)
    # On A, 2# (NaN vertex, its other three corners on A) could add floor area, footprint, height and a use.
    assert got["A"] == ("not_assessed", {"far": "not_checked", "density": "not_checked", "height": "not_checked",
                                         "green_ratio": "not_checked", "land_use": "not_checked"})
    # B is measured whole: everything passes but the green ratio (no green layer).
    assert got["B"] == ("partial", {"far": "pass", "density": "pass", "height": "pass", "green_ratio": "not_checked",
                                    "land_use": "pass"})


@pytest.mark.parametrize("second", ["none", "far away"])
def test_a_building_whose_place_cannot_be_told_leaves_every_parcel_unchecked(tmp_path, second):
    geometry = None if second == "none" else rect(300_000, 0, 10, 10)  # wholly 300 km east of the others
    result = check(two_parcels(tmp_path), scheme(tmp_path, geometry))
    for parcel in ("A", "B"):
        status, checked = states(result)[parcel]
        assert status == "not_assessed" and set(checked.values()) == {"not_checked"}, (parcel, checked)


def test_a_green_area_that_cannot_be_counted_leaves_the_green_ratio_unchecked(tmp_path):
    # On A: 2500 m² with factor "高" (counted 0) and 1000 m² with factor 1: 20 % counted, ≤30 % would pass.
    green = load_green(write_layer(tmp_path / "g.gpkg", "绿地", [rect(0, 0, 50, 50), rect(50, 0, 20, 50)],
                                   绿地编号=["L1", "L2"], 折算系数=["高", "1"]))
    result = check(two_parcels(tmp_path), scheme(tmp_path, rect(60, 5, 10, 10)), green)
    parcel = next(p for p in result.parcels if p.id == "A")
    assert parcel.green_ratio == pytest.approx(1000 / 5000)
    assert parcel.checked["green_ratio"] == "not_checked" and parcel.status == "partial"
    assert [w.code for w in result.warnings if w.code == "unreadable_factor"] == ["unreadable_factor"]


def test_geometry_read_a_slice_at_a_time_is_the_same(tmp_path, monkeypatch):
    """The WKB of a layer is made into Python bytes a slice at a time (the GIL let go between slices)."""
    from planner.io import gdal

    rows = [("1#", rect(5, 5, 10, 10), 3, 9.0), ("2#", rect(20, 5, 5, 5), 3, 9.0), ("3#", rect(40, 40, 5, 5), 3, 9.0)]
    whole = buildings(tmp_path, rows)
    monkeypatch.setattr(gdal, "WKB_SLICE", 2)
    sliced = buildings(tmp_path, rows)
    assert shapely.equals_exact(sliced.geometry, whole.geometry, tolerance=0).all() and len(sliced.geometry) == 3
