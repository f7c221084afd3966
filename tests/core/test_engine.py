"""The engine on hand-worked cases: small layers written through GDAL, loaded and checked, numbers by hand.

Unless a test says otherwise the plan has two 100 m x 50 m parcels side by side, A (x 0-100) and B (x 100-200),
each 5000 m², in EPSG:4542. Every expected number is worked out in the expression or in a comment.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pyogrio
import pytest
import shapely
from pyproj import Transformer
from shapely.geometry import Point, Polygon

from planner.checking.engine import check
from planner.io.fields import load_mapping
from planner.io.layers import load_buildings, load_green, load_plan
from planner.messages import warning_message
from planner.model import CheckResult, InputError, ParcelResult
from tests.helpers import X0, Y0, rect, write_gbk_shapefile, write_layer

A = rect(0, 0, 100, 50)  # 5000 m²
B = rect(100, 0, 100, 50)  # 5000 m²

pytestmark = [
    pytest.mark.filterwarnings("ignore:'crs' was not provided:UserWarning"),  # layers without a CRS, on purpose
    pytest.mark.filterwarnings("ignore:Field .* will be written as a Float64:RuntimeWarning"),  # File GDB
]


# --- writing small layers ---------------------------------------------------------------------------

PLAN_DEFAULTS = {"地块编号": None, "用地代码": "070102", "容积率": "", "建筑密度": "", "建筑限高": "", "绿地率": ""}
BUILDING_DEFAULTS = {"建筑编号": None, "建筑用途": "住宅", "层数": None, "地下层数": None, "层高": "",
                     "建筑高度": None, "计容面积": None}
GREEN_DEFAULTS = {"绿地编号": None, "折算系数": 1.0}
NUMERIC = {"层数", "地下层数", "建筑高度", "计容面积", "折算系数"}


def poly(coords, holes=()):
    """A polygon from local coordinates (metres from the Jiuquan origin)."""
    shift = lambda ring: [(X0 + x, Y0 + y) for x, y in ring]
    return Polygon(shift(coords), [shift(h) for h in holes])


def parcel(pid, geometry, **fields):
    return {"地块编号": pid, "geometry": geometry, **fields}


def building(bid, geometry, **fields):
    return {"建筑编号": bid, "geometry": geometry, **fields}


def green_area(gid, geometry, factor=1.0):
    return {"绿地编号": gid, "折算系数": factor, "geometry": geometry}


def columns(rows, defaults):
    keys = list(dict.fromkeys([*defaults, *(k for r in rows for k in r if k != "geometry")]))
    out = {}
    for key in keys:
        values = [r.get(key, defaults.get(key)) for r in rows]
        out[key] = np.array([np.nan if v is None else float(v) for v in values]) if key in NUMERIC else values
    return out


def write_rows(path, layer, rows, defaults, crs="EPSG:4542"):
    return write_layer(path, layer, [r["geometry"] for r in rows], crs=crs, **columns(rows, defaults))


def run(tmp_path, parcels, buildings, greens=None, *, plan_crs="EPSG:4542", buildings_crs="EPSG:4542",
        green_crs="EPSG:4542") -> CheckResult:
    plan = load_plan(write_rows(tmp_path / "plan.gpkg", "地块", parcels, PLAN_DEFAULTS, plan_crs))
    scheme = load_buildings(write_rows(tmp_path / "buildings.gpkg", "建筑", buildings, BUILDING_DEFAULTS,
                                       buildings_crs))
    green = None
    if greens is not None:
        green = load_green(write_rows(tmp_path / "green.gpkg", "绿地", greens, GREEN_DEFAULTS, green_crs))
    return check(plan, scheme, green)


def result_of(result: CheckResult, pid: str) -> ParcelResult:
    found = [p for p in result.parcels if p.id == pid]
    assert len(found) == 1, [p.id for p in result.parcels]
    return found[0]


def findings(result: CheckResult) -> list[tuple[str, str | None, str | None]]:
    return sorted((v.rule, v.parcel or "", v.building or "") for v in result.violations)


def warning_codes(result: CheckResult) -> list[str]:
    return [w.code for w in result.warnings]


# --- counted floor area and FAR ------------------------------------------------------------------------

def test_far_is_footprint_times_storeys(tmp_path):
    result = run(tmp_path, [parcel("A", A)], [
        building("1", rect(10, 10, 20, 30), 层数=6),
        building("2", rect(50, 10, 10, 10), 层数=3),
    ])
    p = result_of(result, "A")
    assert p.gfa == pytest.approx(20 * 30 * 6 + 10 * 10 * 3)
    assert p.far == pytest.approx((20 * 30 * 6 + 10 * 10 * 3) / (100 * 50))
    assert p.site_area == pytest.approx(5000)
    assert p.buildings == ("1", "2")


def test_stated_counted_area_is_preferred_over_storeys(tmp_path):
    result = run(tmp_path, [parcel("A", A)], [
        building("1", rect(10, 10, 20, 30), 层数=6, 层高="3.0", 计容面积=1234.5),  # not 600 x 6 = 3600
        building("2", rect(50, 10, 10, 10), 层数=3),
    ])
    p = result_of(result, "A")
    assert p.gfa == pytest.approx(1234.5 + 10 * 10 * 3)
    assert p.far == pytest.approx((1234.5 + 300) / 5000)


@pytest.mark.parametrize(("floors", "storey_height", "storeys_counted"), [
    (4, "4.5,2.1,3,3", 1 + 0.5 + 1 + 1),  # the 2.1 m storey counts half: 3.5
    (5, "3.0", 5),  # one height for every storey
    (4, "2.1", 4 * 0.5),  # one low height for every storey: all half
    (1, "2.1", 0.5),  # a single storey of 2.1 m
    (3, "2.20", 3),  # exactly 2.20 m counts in full (>=)
    (3, "2.2,2.19,2.2", 1 + 0.5 + 1),
    (6, "", 6),  # storeys without heights count 1
    (4, "4.5,2.1", 1 + 0.5 + 1 + 1),  # storeys past the end of the list have no height: 1 each
])
def test_storey_coefficients(tmp_path, floors, storey_height, storeys_counted):
    result = run(tmp_path, [parcel("A", A)], [building("1", rect(10, 10, 20, 10), 层数=floors, 层高=storey_height)])
    p = result_of(result, "A")
    assert p.gfa == pytest.approx(20 * 10 * storeys_counted)
    assert p.far == pytest.approx(20 * 10 * storeys_counted / 5000)


def test_underground_storeys_never_count(tmp_path):
    result = run(tmp_path, [parcel("A", A)], [
        building("1", rect(10, 10, 20, 10), 层数=3, 地下层数=2, 层高="3.0"),
    ])
    assert result_of(result, "A").gfa == pytest.approx(200 * 3)  # not 200 x 5


def test_straddling_building_shares_counted_area_by_footprint(tmp_path):
    # x 94-104: 6 x 10 = 60 m² in A, 4 x 10 = 40 m² in B; 100 m² x 5 storeys = 500 m² counted.
    result = run(tmp_path, [parcel("A", A), parcel("B", B)], [building("S", rect(94, 10, 10, 10), 层数=5)])
    a, b = result_of(result, "A"), result_of(result, "B")
    assert a.gfa == pytest.approx(500 * 60 / 100)
    assert b.gfa == pytest.approx(500 * 40 / 100)
    assert a.far == pytest.approx(300 / 5000)
    assert b.far == pytest.approx(200 / 5000)
    assert a.footprint_area == pytest.approx(60)
    assert b.footprint_area == pytest.approx(40)
    assert a.buildings == ("S",) and b.buildings == ("S",)


def test_straddling_building_with_stated_counted_area_shares_it(tmp_path):
    # 计容面积 1000 split 60/40.
    result = run(tmp_path, [parcel("A", A), parcel("B", B)],
                 [building("S", rect(94, 10, 10, 10), 层数=5, 计容面积=1000)])
    assert result_of(result, "A").gfa == pytest.approx(600)
    assert result_of(result, "B").gfa == pytest.approx(400)


# --- density ---------------------------------------------------------------------------------------

def test_density_counts_overlapping_footprints_once(tmp_path):
    # 20 x 20 at (10,10) and 20 x 20 at (20,20) overlap by 10 x 10: union = 400 + 400 - 100.
    result = run(tmp_path, [parcel("A", A)], [
        building("1", rect(10, 10, 20, 20), 层数=1),
        building("2", rect(20, 20, 20, 20), 层数=1),
    ])
    p = result_of(result, "A")
    assert p.footprint_area == pytest.approx(400 + 400 - 100)
    assert p.density == pytest.approx(700 / 5000)
    # FAR does not union: each building's counted area counts in full.
    assert p.gfa == pytest.approx(400 + 400)


def test_density_of_buildings_sharing_a_wall(tmp_path):
    # Touching along x = 20 only: no overlap, 100 + 100.
    result = run(tmp_path, [parcel("A", A)], [
        building("1", rect(10, 10, 10, 10), 层数=1),
        building("2", rect(20, 10, 10, 10), 层数=1),
    ])
    assert result_of(result, "A").footprint_area == pytest.approx(200)


def test_density_of_three_mutually_overlapping_footprints(tmp_path):
    # x 10-30, 20-40 and 25-45 (all y 10-20) overlap pairwise by 100, 50 and 150 m²; the union is x 10-45.
    result = run(tmp_path, [parcel("A", A)], [
        building("1", rect(10, 10, 20, 10), 层数=1),
        building("2", rect(20, 10, 20, 10), 层数=1),
        building("3", rect(25, 10, 20, 10), 层数=1),
    ])
    assert result_of(result, "A").footprint_area == pytest.approx(35 * 10)


def test_density_of_a_chain_of_overlapping_footprints(tmp_path):
    # x 10-30, 25-45, 40-60: 1 and 3 do not meet, 2 overlaps both by 50 m². Union x 10-60 = 500 m².
    result = run(tmp_path, [parcel("A", A)], [
        building("1", rect(10, 10, 20, 10), 层数=1),
        building("2", rect(25, 10, 20, 10), 层数=1),
        building("3", rect(40, 10, 20, 10), 层数=1),
        building("4", rect(70, 10, 10, 10), 层数=1),  # alone: 100 m²
    ])
    assert result_of(result, "A").footprint_area == pytest.approx(50 * 10 + 100)


def test_density_of_identical_footprints_digitised_twice(tmp_path):
    result = run(tmp_path, [parcel("A", A)], [
        building("1", rect(10, 10, 20, 10), 层数=1), building("1bis", rect(10, 10, 20, 10), 层数=1)])
    assert result_of(result, "A").footprint_area == pytest.approx(200)


def test_density_of_overlapping_footprints_across_a_parcel_line(tmp_path):
    # 1: x 90-110, 2: x 95-115 (y 10-20). In A: x 90-100 = 100 m² (2's 50 inside it);
    # in B: x 100-115 = 150 m² (1's 100 inside it).
    result = run(tmp_path, [parcel("A", A), parcel("B", B)], [
        building("1", rect(90, 10, 20, 10), 层数=1), building("2", rect(95, 10, 20, 10), 层数=1)])
    assert result_of(result, "A").footprint_area == pytest.approx(100)
    assert result_of(result, "B").footprint_area == pytest.approx(150)
    assert result_of(result, "A").gfa == pytest.approx(100 + 50)  # counted areas are not unioned
    assert sorted(v.building for v in result.violations) == ["1", "2"]


def test_density_excludes_a_courtyard(tmp_path):
    # 30 x 30 with a 10 x 10 courtyard: 900 - 100 = 800 m²; 2 storeys -> 1600 m².
    courtyard = poly([(10, 10), (40, 10), (40, 40), (10, 40)], [[(20, 20), (30, 20), (30, 30), (20, 30)]])
    result = run(tmp_path, [parcel("A", A)], [building("1", courtyard, 层数=2)])
    p = result_of(result, "A")
    assert p.footprint_area == pytest.approx(900 - 100)
    assert p.density == pytest.approx(800 / 5000)
    assert p.gfa == pytest.approx(800 * 2)


def test_density_splits_a_straddling_building(tmp_path):
    result = run(tmp_path, [parcel("A", A), parcel("B", B)], [
        building("S", rect(94, 10, 10, 10), 层数=1),  # 60 in A, 40 in B
        building("2", rect(120, 10, 10, 10), 层数=1),  # 100 in B
    ])
    assert result_of(result, "A").density == pytest.approx(60 / 5000)
    assert result_of(result, "B").density == pytest.approx((40 + 100) / 5000)


# --- height ----------------------------------------------------------------------------------------

def test_height_is_the_largest_stated(tmp_path):
    result = run(tmp_path, [parcel("A", A)], [
        building("1", rect(10, 10, 10, 10), 层数=8, 建筑高度=24.0),
        building("2", rect(30, 10, 10, 10), 层数=10, 建筑高度=30.5),
        building("3", rect(50, 10, 10, 10), 层数=2, 建筑高度=7.2),
    ])
    assert result_of(result, "A").max_height == pytest.approx(30.5)


def test_stated_height_overrides_storey_heights(tmp_path):
    result = run(tmp_path, [parcel("A", A)], [building("1", rect(10, 10, 10, 10), 层数=5, 层高="3.0", 建筑高度=20.0)])
    assert result_of(result, "A").max_height == pytest.approx(20.0)  # not 5 x 3.0 = 15


def test_height_is_sum_of_storey_heights_when_not_stated(tmp_path):
    result = run(tmp_path, [parcel("A", A)], [
        building("1", rect(10, 10, 10, 10), 层数=4, 层高="4.5,2.1,3,3"),  # 4.5 + 2.1 + 3 + 3 = 12.6
        building("2", rect(30, 10, 10, 10), 层数=3, 建筑高度=10.0),
    ])
    assert result_of(result, "A").max_height == pytest.approx(4.5 + 2.1 + 3 + 3)


def test_height_from_one_storey_height(tmp_path):
    result = run(tmp_path, [parcel("A", A)], [building("1", rect(10, 10, 10, 10), 层数=5, 层高="3.0")])
    assert result_of(result, "A").max_height == pytest.approx(5 * 3.0)


def test_building_without_height_is_not_assessed(tmp_path):
    result = run(tmp_path, [parcel("A", A, 建筑限高="≤24m")], [building("1", rect(10, 10, 10, 10), 层数=3)])
    p = result_of(result, "A")
    assert p.max_height is None
    assert not p.violations
    assert [(w.code, w.building) for w in result.warnings if w.code == "no_height"] == [("no_height", "1")]


def test_building_without_height_does_not_hide_the_others(tmp_path):
    result = run(tmp_path, [parcel("A", A)], [
        building("1", rect(10, 10, 10, 10), 层数=3),
        building("2", rect(30, 10, 10, 10), 层数=6, 建筑高度=20.0),
    ])
    assert result_of(result, "A").max_height == pytest.approx(20.0)
    assert ("no_height", "1") in [(w.code, w.building) for w in result.warnings]


# --- green ratio -----------------------------------------------------------------------------------

def test_green_is_factor_weighted(tmp_path):
    # 0.25 x (20 x 10) + 1.0 x (10 x 10) = 50 + 100.
    result = run(tmp_path, [parcel("A", A)], [building("1", rect(60, 10, 10, 10), 层数=1)],
                 [green_area("roof", rect(10, 10, 20, 10), 0.25), green_area("lawn", rect(10, 30, 10, 10), 1.0)])
    p = result_of(result, "A")
    assert p.green_area == pytest.approx(0.25 * 200 + 100)
    assert p.green_ratio == pytest.approx(150 / 5000)


def test_green_without_factor_field_counts_one(tmp_path):
    plan = load_plan(write_rows(tmp_path / "plan.gpkg", "地块", [parcel("A", A)], PLAN_DEFAULTS))
    scheme = load_buildings(write_rows(tmp_path / "b.gpkg", "建筑", [building("1", rect(60, 10, 10, 10), 层数=1)],
                                       BUILDING_DEFAULTS))
    green = load_green(write_layer(tmp_path / "g.gpkg", "绿地", [rect(10, 10, 20, 10)], 绿地编号=["L"]))
    assert result_of(check(plan, scheme, green), "A").green_area == pytest.approx(200)


def test_overlapping_green_counts_once(tmp_path):
    # 20 x 10 at x 10-30 and 20 x 10 at x 20-40 overlap by 10 x 10: 200 + 200 - 100.
    result = run(tmp_path, [parcel("A", A)], [building("1", rect(60, 10, 10, 10), 层数=1)],
                 [green_area("L1", rect(10, 10, 20, 10)), green_area("L2", rect(20, 10, 20, 10))])
    assert result_of(result, "A").green_area == pytest.approx(300)
    assert result_of(result, "A").green_ratio == pytest.approx(300 / 5000)


def test_overlapping_green_with_different_factors_counts_the_higher(tmp_path):
    # L1 (1.0) x 10-30, L2 (0.25) x 20-40: the 100 m² overlap counts at 1.0, L2's own 100 m² at 0.25.
    result = run(tmp_path, [parcel("A", A)], [building("1", rect(60, 10, 10, 10), 层数=1)],
                 [green_area("L1", rect(10, 10, 20, 10), 1.0), green_area("L2", rect(20, 10, 20, 10), 0.25)])
    assert result_of(result, "A").green_area == pytest.approx(1.0 * 200 + 0.25 * 100)


def test_overlapping_green_higher_factor_on_top_of_lower(tmp_path):
    # A 0.6 strip (x 10-40) with a 1.0 lawn inside it (x 20-30) and a 0.25 roof over part (x 35-50):
    # 1.0 x 100 + 0.6 x (300 - 100) + 0.25 x (150 - 50) = 100 + 120 + 25.
    result = run(tmp_path, [parcel("A", A)], [building("1", rect(60, 10, 10, 10), 层数=1)],
                 [green_area("strip", rect(10, 10, 30, 10), 0.6), green_area("lawn", rect(20, 10, 10, 10), 1.0),
                  green_area("roof", rect(35, 10, 15, 10), 0.25)])
    assert result_of(result, "A").green_area == pytest.approx(100 + 0.6 * 200 + 0.25 * 100)


def test_identical_green_with_three_factors_counts_the_highest(tmp_path):
    result = run(tmp_path, [parcel("A", A)], [building("1", rect(60, 10, 10, 10), 层数=1)],
                 [green_area("a", rect(10, 10, 10, 10), 0.25), green_area("b", rect(10, 10, 10, 10), 1.0),
                  green_area("c", rect(10, 10, 10, 10), 0.6)])
    assert result_of(result, "A").green_area == pytest.approx(100)


def test_green_straddling_parcels_is_split(tmp_path):
    result = run(tmp_path, [parcel("A", A), parcel("B", B)],
                 [building("1", rect(10, 10, 10, 10), 层数=1), building("2", rect(150, 10, 10, 10), 层数=1)],
                 [green_area("L", rect(90, 30, 20, 10))])  # 10 x 10 each side
    assert result_of(result, "A").green_area == pytest.approx(100)
    assert result_of(result, "B").green_area == pytest.approx(100)


def test_parcel_touched_only_by_green_is_checked(tmp_path):
    # The scheme's green reaches B (20 x 10 = 200 m²) though no building stands there: B is listed and checked.
    result = run(tmp_path, [parcel("A", A), parcel("B", B, 绿地率="≥35%")],
                 [building("1", rect(10, 10, 10, 10), 层数=1)], [green_area("L", rect(150, 10, 20, 10))])
    b = result_of(result, "B")
    assert (b.gfa, b.far, b.footprint_area, b.buildings, b.max_height) == (0, 0, 0, (), None)
    assert b.green_ratio == pytest.approx(200 / 5000)
    assert [v.rule for v in b.violations] == ["green_min"]


def test_without_green_layer_green_is_not_assessed(tmp_path):
    result = run(tmp_path, [parcel("A", A, 绿地率="≥35%")], [building("1", rect(10, 10, 10, 10), 层数=1)])
    p = result_of(result, "A")
    assert p.green_ratio is None  # never 0
    assert p.green_area is None
    assert not [v for v in result.violations if v.rule.startswith("green")]
    # Not a pass: the plan limits green ratio and nothing measured it (land use was checked and met).
    assert p.checked == {"far": "not_controlled", "density": "not_controlled", "height": "not_controlled",
                         "green_ratio": "not_checked", "land_use": "pass"}
    assert p.status == "partial"


def test_with_green_layer_a_parcel_without_green_has_zero(tmp_path):
    # The green layer exists (on B), so A's green ratio is measured: 0 < 35%.
    result = run(tmp_path, [parcel("A", A, 绿地率="≥35%"), parcel("B", B)],
                 [building("1", rect(10, 10, 10, 10), 层数=1)], [green_area("L", rect(150, 10, 10, 10))])
    p = result_of(result, "A")
    assert p.green_ratio == 0.0
    assert [v.rule for v in p.violations] == ["green_min"]


# --- each indicator rule at its boundary ---------------------------------------------------------------

@pytest.mark.parametrize(("gfa", "violation", "marginal"), [
    (12500, False, None),  # 12500 / 5000 = 2.5 exactly: closed interval, passes
    (12502, True, True),  # 2.5004 shows as 2.50
    (12524.5, True, True),  # 2.5049 shows as 2.50
    (12525, True, False),  # 2.505 rounds half-up to 2.51
    (12550, True, False),  # 2.51
])
def test_far_max_boundary(tmp_path, gfa, violation, marginal):
    result = run(tmp_path, [parcel("A", A, 容积率="≤2.5")], [building("1", rect(10, 10, 10, 10), 层数=1, 计容面积=gfa)])
    p = result_of(result, "A")
    assert p.far == pytest.approx(gfa / 5000, rel=1e-12)
    assert p.limits["far"] == (None, 2.5)
    found = [v for v in result.violations if v.rule == "far_max"]
    if not violation:
        assert found == [] and p.status == "pass"
        return
    (v,) = found
    assert (v.parcel, v.building, v.limit, v.marginal) == ("A", None, (None, 2.5), marginal)
    assert v.actual == pytest.approx(gfa / 5000, rel=1e-12)
    assert p.violations == (v,)


def test_far_max_marginal_exact_value_is_kept(tmp_path):
    # Full precision: 2.5004 is compared, not its display 2.50.
    result = run(tmp_path, [parcel("A", A, 容积率="≤2.5")],
                 [building("1", rect(10, 10, 10, 10), 层数=1, 计容面积=2.5004 * 5000)])
    (v,) = result.violations
    assert v.actual == pytest.approx(2.5004, rel=1e-12)
    assert v.marginal is True


@pytest.mark.parametrize(("gfa", "violation", "marginal"), [
    (5000, False, None),  # FAR 1.0 exactly
    (5200, False, None),
    (4500, True, False),  # 0.9
    (4999, True, True),  # 0.9998 shows as 1.00
])
def test_far_min_boundary(tmp_path, gfa, violation, marginal):
    result = run(tmp_path, [parcel("A", A, 用地代码="100101", 容积率="≥1.0")],
                 [building("1", rect(10, 10, 10, 10), 建筑用途="工业", 层数=1, 计容面积=gfa)])
    found = [(v.rule, v.parcel, v.marginal) for v in result.violations]
    assert found == ([("far_min", "A", marginal)] if violation else [])
    assert result_of(result, "A").limits["far"] == (1.0, None)


DENSITY_CASES = {
    1500: [rect(0, 0, 30, 50)],  # 0.30 exactly
    1510: [rect(0, 0, 30, 50), rect(40, 0, 10, 1)],  # 0.302
    1500.25: [rect(0, 0, 30, 50), rect(40, 0, 0.25, 1)],  # 0.30005 shows as 30.0%
    1470: [rect(0, 0, 30, 49)],  # 0.294
    1502.5: [rect(0, 0, 30, 50), rect(40, 0, 2.5, 1)],  # 0.3005 rounds half-up to 30.1%
}


@pytest.mark.parametrize(("footprint", "expected"), [
    (1500, []), (1510, [("density_max", False)]), (1500.25, [("density_max", True)]),
    (1502.5, [("density_max", False)]),
])
def test_density_max_boundary(tmp_path, footprint, expected):
    buildings = [building(str(i), g, 层数=1) for i, g in enumerate(DENSITY_CASES[footprint])]
    result = run(tmp_path, [parcel("A", A, 建筑密度="≤30%")], buildings)
    p = result_of(result, "A")
    assert p.density == pytest.approx(footprint / 5000, rel=1e-12)
    assert p.limits["density"] == (None, pytest.approx(0.30))
    assert [(v.rule, v.marginal) for v in result.violations] == expected


@pytest.mark.parametrize(("footprint", "expected"), [(1500, []), (1510, []), (1470, [("density_min", False)])])
def test_density_min_boundary(tmp_path, footprint, expected):
    buildings = [building(str(i), g, 建筑用途="工业", 层数=1) for i, g in enumerate(DENSITY_CASES[footprint])]
    result = run(tmp_path, [parcel("A", A, 用地代码="100101", 建筑密度="≥30%")], buildings)
    assert result_of(result, "A").density == pytest.approx(footprint / 5000, rel=1e-12)
    assert [(v.rule, v.marginal) for v in result.violations] == expected


@pytest.mark.parametrize(("height", "expected"), [
    (24.0, []), (23.0, []), (24.1, [("height_max", False)]), (24.04, [("height_max", True)]),
    (24.05, [("height_max", False)]),  # rounds half-up to 24.1
])
def test_height_max_boundary(tmp_path, height, expected):
    result = run(tmp_path, [parcel("A", A, 建筑限高="≤24m")],
                 [building("1", rect(10, 10, 10, 10), 层数=8, 建筑高度=height)])
    assert result_of(result, "A").limits["height"] == (None, 24.0)
    assert [(v.rule, v.marginal) for v in result.violations] == expected


@pytest.mark.parametrize(("height", "expected"), [
    (24.0, []), (50.0, []), (23.9, [("height_min", False)]), (23.96, [("height_min", True)]),
    (50.1, [("height_max", False)]),
])
def test_height_range_boundary(tmp_path, height, expected):
    result = run(tmp_path, [parcel("A", A, 用地代码="0902", 建筑限高="24-50m")],
                 [building("1", rect(10, 10, 10, 10), 建筑用途="办公", 层数=8, 建筑高度=height)])
    assert result_of(result, "A").limits["height"] == (24.0, 50.0)
    assert [(v.rule, v.marginal) for v in result.violations] == expected


def test_height_min_from_storey_heights(tmp_path):
    # 7# of the sample: 4.5 + 2.1 + 3.9 x 3 = 18.3 m < 24.
    result = run(tmp_path, [parcel("A", A, 用地代码="0902", 建筑限高="24-50m")],
                 [building("7", rect(10, 10, 10, 10), 建筑用途="办公", 层数=5, 层高="4.5,2.1,3.9,3.9,3.9")])
    (v,) = result.violations
    assert (v.rule, v.parcel) == ("height_min", "A")
    assert v.actual == pytest.approx(4.5 + 2.1 + 3 * 3.9)


GREEN_CASES = {
    1750: [rect(0, 0, 35, 50)],  # 0.35
    1740: [rect(0, 0, 58, 30)],  # 0.348
    1000: [rect(0, 0, 20, 50)],  # 0.20
    1010: [rect(0, 0, 20, 50), rect(30, 0, 10, 1)],  # 0.202
}


@pytest.mark.parametrize(("green", "expected"), [(1750, []), (1740, [("green_min", False)])])
def test_green_min_boundary(tmp_path, green, expected):
    result = run(tmp_path, [parcel("A", A, 绿地率="≥35%")], [building("1", rect(80, 40, 10, 10), 层数=1)],
                 [green_area(f"L{i}", g) for i, g in enumerate(GREEN_CASES[green])])
    p = result_of(result, "A")
    assert p.green_ratio == pytest.approx(green / 5000, rel=1e-12)
    assert p.limits["green_ratio"] == (pytest.approx(0.35), None)
    assert [(v.rule, v.marginal) for v in result.violations] == expected


@pytest.mark.parametrize(("green", "expected"), [(1000, []), (1010, [("green_max", False)])])
def test_green_max_boundary(tmp_path, green, expected):
    result = run(tmp_path, [parcel("A", A, 用地代码="100101", 绿地率="≤20%")],
                 [building("1", rect(80, 40, 10, 10), 建筑用途="工业", 层数=1)],
                 [green_area(f"L{i}", g) for i, g in enumerate(GREEN_CASES[green])])
    assert result_of(result, "A").green_ratio == pytest.approx(green / 5000, rel=1e-12)
    assert [(v.rule, v.marginal) for v in result.violations] == expected


def test_bare_numbers_far_is_a_maximum_green_a_minimum(tmp_path):
    # FAR 2.0 bare = maximum: 10500 / 5000 = 2.1 breaches; green 35% bare = minimum: 1500 / 5000 = 0.3 breaches.
    result = run(tmp_path, [parcel("A", A, 容积率="2.0", 绿地率="35%")],
                 [building("1", rect(80, 40, 10, 10), 层数=1, 计容面积=10500)], [green_area("L", rect(0, 0, 30, 50))])
    assert findings(result) == [("far_max", "A", ""), ("green_min", "A", "")]


def test_not_controlled_indicators_are_not_checked(tmp_path):
    result = run(tmp_path, [parcel("A", A, 容积率="—", 建筑密度="/", 建筑限高="", 绿地率="—")],
                 [building("1", rect(0, 0, 100, 50), 层数=30, 建筑高度=100.0)], [green_area("L", rect(0, 0, 1, 1))])
    p = result_of(result, "A")
    assert p.far == pytest.approx(30) and p.density == pytest.approx(1)
    assert p.limits == {}
    assert p.violations == ()


# --- land use ------------------------------------------------------------------------------------------

def test_housing_on_industrial_land_is_a_violation(tmp_path):
    result = run(tmp_path, [parcel("A", A, 用地代码="100101")],
                 [building("G-6", rect(10, 10, 10, 10), 建筑用途="住宅", 层数=6),
                  building("G-1", rect(30, 10, 10, 10), 建筑用途="工业", 层数=1)])
    (v,) = result.violations
    assert (v.rule, v.parcel, v.building) == ("land_use", "A", "G-6")
    assert v.actual == "住宅" and v.limit == "100101"
    assert result_of(result, "A").violations == (v,)


def test_housing_on_mixed_residential_commercial_passes(tmp_path):
    result = run(tmp_path, [parcel("A", A, 用地代码="R2/B1")], [building("9", rect(10, 10, 10, 10), 建筑用途="住宅", 层数=6)])
    assert result.violations == ()
    assert "unknown_use" not in warning_codes(result)


def test_gatehouse_on_industrial_land_passes(tmp_path):
    result = run(tmp_path, [parcel("A", A, 用地代码="100101")], [building("G-3", rect(10, 10, 8, 6), 建筑用途="门卫", 层数=1)])
    assert result.violations == ()


def test_unknown_use_is_a_warning_not_a_violation(tmp_path):
    result = run(tmp_path, [parcel("A", A, 用地代码="0902")],
                 [building("8", rect(10, 10, 10, 8), 建筑用途="其他用途XYZ", 层数=1)])
    assert result.violations == ()
    (w,) = [w for w in result.warnings if w.code == "unknown_use"]
    assert w.building == "8" and w.details["text"] == "其他用途XYZ"


def run_edition(tmp_path, parcels, buildings, edition=None) -> CheckResult:
    plan = load_plan(write_rows(tmp_path / "plan.gpkg", "地块", parcels, PLAN_DEFAULTS))
    scheme = load_buildings(write_rows(tmp_path / "buildings.gpkg", "建筑", buildings, BUILDING_DEFAULTS))
    return check(plan, scheme, land_use_edition=edition)


def test_office_on_school_land_is_ancillary_with_a_warning(tmp_path):
    result = run(tmp_path, [parcel("A", A, 用地代码="A33")],
                 [building("J-1", rect(10, 10, 20, 10), 建筑用途="教学楼", 层数=4),
                  building("J-2", rect(40, 10, 20, 10), 建筑用途="办公楼", 层数=4)])
    assert result.violations == ()
    (w,) = [w for w in result.warnings if w.code == "land_use_ancillary"]
    assert (w.parcel, w.building) == ("A", "J-2")
    assert warning_message(w, "en") == ("Building J-2 (办公楼) stands on parcel A, whose land use A33 Primary and "
                                        "secondary schools allows office buildings only as ancillary to its main use: "
                                        "check that this one serves it.")
    assert warning_message(w, "zh") == ("建筑J-2（办公楼）位于地块A，该地块用地性质A33 中小学用地仅允许办公建筑作为主要用途的"
                                        "附属配套设施：请核实该建筑是否为主要用途服务。")
    p = result_of(result, "A")
    assert p.checked["land_use"] == "pass" and p.status == "pass"


def test_shops_on_plain_r2_pass_without_a_warning(tmp_path):
    # R2 = R21 + R22 服务设施用地, whose shops and kindergartens stand on R2 outright.
    result = run(tmp_path, [parcel("A", A, 用地代码="R2")],
                 [building("S", rect(10, 10, 20, 10), 建筑用途="商业", 层数=2),
                  building("K", rect(40, 10, 20, 10), 建筑用途="幼儿园", 层数=3)])
    assert result.violations == ()
    assert not [w for w in result.warnings if w.code.startswith("land_use")]
    assert result_of(result, "A").checked["land_use"] == "pass"


def test_a_2020_trial_code_is_read_by_the_trial_with_a_warning(tmp_path):
    result = run(tmp_path, [parcel("A", A, 用地代码="090302"), parcel("B", B, 用地代码="070102")],
                 [building("G", rect(10, 10, 20, 10), 建筑用途="体育馆", 层数=1)])
    assert result.violations == ()
    (w,) = [w for w in result.warnings if w.code == "land_use_edition_found"]
    assert w.parcel is None and w.details["codes"] == ["090302"]
    assert warning_message(w, "en").endswith(
        ": land-use codes 090302 exist only in the 2020 trial 用地用海 classification, so the plan's "
        "codes of that kind are read by that edition. If the plan follows another, give its edition "
        "(--land-use-edition).")
    assert "仅见于《国土空间调查、规划、用途管制用地用海分类指南（试行）》（2020年）" in warning_message(w, "zh")


@pytest.mark.parametrize(("edition", "rules", "state"), [
    (None, [], "not_checked"),  # 2020 干渠 and 2023 水工设施用地 disagree about a pumping station
    ("2020", ["land_use"], "fail"),  # a canal: no building
    ("2023", [], "pass"),
])
def test_the_plan_edition_decides_a_code_whose_meaning_changed(tmp_path, edition, rules, state):
    result = run_edition(tmp_path, [parcel("A", A, 用地代码="1311")],
                         [building("P", rect(10, 10, 20, 10), 建筑用途="泵站", 层数=1)], edition)
    assert [v.rule for v in result.violations] == rules
    assert result_of(result, "A").checked["land_use"] == state
    unclear = [w for w in result.warnings if w.code == "land_use_edition_unclear"]
    assert [(w.parcel, w.details["text"]) for w in unclear] == ([("A", "1311")] if edition is None else [])
    if edition is None:
        assert warning_message(unclear[0], "en") == (
            "Parcel A: land-use code 1311 allows other buildings in the 2020 trial 用地用海 classification than in "
            "the 2023 用地用海 classification, and the plan does not say which it follows; land use is not checked "
            "there. Give the plan's edition (--land-use-edition).")


def test_gbj_137_90_codes_are_not_judged_with_2011_meanings(tmp_path):
    # C2 exists only in GBJ 137-90, so the plan's letter codes are of that edition: its S2 is a 广场 (square),
    # not 2011's 城市轨道交通用地, and no verdict is given on either parcel.
    result = run(tmp_path, [parcel("A", A, 用地代码="C2"), parcel("B", B, 用地代码="S2")],
                 [building("1", rect(10, 10, 20, 10), 建筑用途="商业", 层数=2),
                  building("2", rect(110, 10, 20, 10), 建筑用途="地铁站", 层数=1)])
    assert result.violations == ()
    assert [(w.code, w.parcel) for w in result.warnings if w.code.startswith("land_use")] == [
        ("land_use_edition_found", None), ("land_use_old_edition", "A"), ("land_use_old_edition", "B")]
    assert result_of(result, "A").checked["land_use"] == "not_checked"
    assert result_of(result, "B").status == "not_assessed"  # it controls nothing else
    (w,) = [w for w in result.warnings if w.code == "land_use_old_edition" and w.parcel == "A"]
    assert warning_message(w, "en").startswith("Parcel A: land-use code C2 is read as a GBJ 137-90 code")


def test_a_code_too_coarse_to_judge(tmp_path):
    result = run(tmp_path, [parcel("A", A, 用地代码="H11")], [building("1", rect(10, 10, 20, 10), 层数=2)])
    (w,) = [w for w in result.warnings if w.code == "land_use_undecided"]
    assert warning_message(w, "en").startswith("Parcel A: land use H11 (Urban construction land) does not say")
    assert warning_message(w, "zh").startswith("地块A：用地性质H11（城市建设用地）未明确可建何种建筑")
    assert result_of(result, "A").checked["land_use"] == "not_checked"


def test_unknown_land_use_edition_is_refused(tmp_path):
    with pytest.raises(ValueError, match="2015"):
        run_edition(tmp_path, [parcel("A", A)], [building("1", rect(10, 10, 20, 10), 层数=2)], "2015")


# --- crossing parcel lines, slivers and the outside of the plan -----------------------------------------

def test_building_crossing_two_parcels(tmp_path):
    # x 98-103, y 10-20: 2 x 10 = 20 m² in A, 3 x 10 = 30 m² in B.
    result = run(tmp_path, [parcel("A", A), parcel("B", B)], [building("3", rect(98, 10, 5, 10), 层数=6)])
    (v,) = result.violations
    assert (v.rule, v.building) == ("crosses_parcel", "3")
    assert v.parcel in ("A", "B")
    assert sorted(v.details["parcels"]) == ["A", "B"]
    assert dict(zip(v.details["parcels"], v.details["areas"])) == {"A": pytest.approx(20), "B": pytest.approx(30)}
    assert result_of(result, "A").violations == (v,)
    assert result_of(result, "B").violations == (v,)
    assert result_of(result, "A").gfa == pytest.approx(50 * 6 * 20 / 50)


def test_piece_of_exactly_one_square_metre_crosses(tmp_path):
    # "Under 1 m²" is a sliver, so 1 m² exactly (tab x 99-100, y 10-11) makes the building cross.
    tab = poly([(99, 10), (110, 10), (110, 20), (100, 20), (100, 11), (99, 11)])
    result = run(tmp_path, [parcel("A", A), parcel("B", B)], [building("T", tab, 层数=1)])
    assert [v.rule for v in result.violations] == ["crosses_parcel"]


# Main body x 100-110, y 10-20 in B (100 m²), plus a 0.5 x 1 tab in A (x 99.5-100, y 10-11).
SLIVER_TAB = [(99.5, 10), (110, 10), (110, 20), (100, 20), (100, 11), (99.5, 11)]


def test_sliver_does_not_make_a_building_cross(tmp_path):
    result = run(tmp_path, [parcel("A", A), parcel("B", B)], [building("T", poly(SLIVER_TAB), 层数=4)])
    assert result.violations == ()
    b = result_of(result, "B")
    assert b.buildings == ("T",)
    # B loses only the 0.5 m² that lies in A.
    assert b.footprint_area == pytest.approx(100)
    assert b.gfa == pytest.approx(100.5 * 4 * 100 / 100.5)


def test_sliver_area_still_counts_where_it_lies(tmp_path):
    # A is touched by its own building (10 x 10), so A also gets the 0.5 m² sliver of T.
    result = run(tmp_path, [parcel("A", A), parcel("B", B)], [
        building("T", poly(SLIVER_TAB), 层数=4),
        building("1", rect(10, 10, 10, 10), 层数=2),
    ])
    assert result.violations == ()
    a, b = result_of(result, "A"), result_of(result, "B")
    assert a.footprint_area == pytest.approx(100 + 0.5)
    assert a.gfa == pytest.approx(100 * 2 + 0.5 * 4)
    assert a.density == pytest.approx(100.5 / 5000)
    assert b.footprint_area == pytest.approx(100)
    assert b.gfa == pytest.approx(100 * 4)
    assert "T" not in a.buildings  # a sliver does not put the building on A


def test_buildings_outside_the_plan(tmp_path):
    result = run(tmp_path, [parcel("A", A), parcel("B", B)], [
        building("in", rect(10, 10, 10, 10), 层数=1),
        building("kiosk", rect(300, 0, 20, 14), 层数=1),  # wholly outside: 280 m²
        building("edge", rect(-1, 10, 11, 5), 层数=1),  # x -1..0 outside: 1 x 5 = 5 m²
        building("tab", poly([(-0.5, 30), (20, 30), (20, 40), (0, 40), (0, 31), (-0.5, 31)]), 层数=1),  # 0.5 m²
        building("one", poly([(-1, 42), (30, 42), (30, 48), (0, 48), (0, 43), (-1, 43)]), 层数=1),  # 1 m² exactly
    ])
    outside = {v.building: v for v in result.violations if v.rule == "outside_plan"}
    assert sorted(outside) == ["edge", "kiosk"]  # more than 1 m²; 0.5 and 1.0 are not findings
    assert outside["kiosk"].actual == pytest.approx(280)
    assert outside["kiosk"].parcel is None
    assert outside["edge"].actual == pytest.approx(5)
    assert all("kiosk" not in p.buildings for p in result.parcels)
    assert [v.rule for v in result.violations] == ["outside_plan", "outside_plan"]


def test_scheme_entirely_off_the_plan_is_warned(tmp_path):
    result = run(tmp_path, [parcel("A", A)], [building("far-away", rect(5000, 5000, 10, 10), 层数=1)])
    assert len(result.parcels) == 0
    assert [v.rule for v in result.violations] == ["outside_plan"]
    assert "scheme_outside_plan" in warning_codes(result)


# --- bad input -----------------------------------------------------------------------------------------

def test_duplicate_parcel_ids_are_warned_and_both_checked(tmp_path):
    result = run(tmp_path, [parcel("P1", A, 容积率="≤1.0"), parcel("P1", B, 容积率="≤1.0")], [
        building("1", rect(10, 10, 10, 10), 层数=60),  # 6000 / 5000 = 1.2 > 1.0
        building("2", rect(110, 10, 10, 10), 层数=10),  # 1000 / 5000 = 0.2
    ])
    (w,) = [w for w in result.warnings if w.code == "duplicate_parcel_id"]
    assert w.parcel == "P1" and w.details["count"] == 2
    assert len(result.parcels) == 2
    assert sorted(p.far for p in result.parcels) == [pytest.approx(0.2), pytest.approx(1.2)]
    assert findings(result) == [("far_max", "P1", "")]
    assert sorted(p.status for p in result.parcels) == ["pass", "violation"]


def test_bow_tie_building_is_repaired_and_counted(tmp_path):
    # The ring crosses itself at (20, 20): two triangles of 1/2 x 20 x 10 = 100 m² each.
    bow_tie = poly([(10, 10), (30, 30), (30, 10), (10, 30)])
    assert not bow_tie.is_valid
    result = run(tmp_path, [parcel("A", A)], [building("G-7", bow_tie, 层数=2), building("1", rect(50, 10, 10, 10), 层数=1)])
    (w,) = [w for w in result.warnings if w.code == "geometry_repaired"]
    assert w.building == "G-7"
    p = result_of(result, "A")
    assert p.footprint_area == pytest.approx(200 + 100)
    assert p.gfa == pytest.approx(200 * 2 + 100)
    assert "G-7" in p.buildings


def test_building_without_storeys_or_area_counts_zero_but_is_listed(tmp_path):
    result = run(tmp_path, [parcel("A", A)], [
        building("G-4", rect(10, 10, 15, 12)),  # 180 m², no storeys, no 计容面积
        building("1", rect(50, 10, 10, 10), 层数=2),
    ])
    assert ("no_floor_area", "G-4") in [(w.code, w.building) for w in result.warnings]
    p = result_of(result, "A")
    assert p.gfa == pytest.approx(200)  # G-4 counts 0
    assert p.footprint_area == pytest.approx(180 + 100)  # but its footprint covers ground
    assert p.buildings == ("G-4", "1")


def test_unreadable_indicator_is_warned_and_not_assessed(tmp_path):
    result = run(tmp_path, [parcel("A", A, 容积率="见图则", 建筑密度="≤10%")],
                 [building("1", rect(0, 0, 50, 50), 层数=10)])  # FAR 25000 / 5000 = 5, density 0.5
    (w,) = [w for w in result.warnings if w.code == "unreadable_indicator"]
    assert w.parcel == "A"
    assert w.details["field"] == "容积率" and w.details["text"] == "见图则"
    p = result_of(result, "A")
    assert "far" not in p.limits
    assert p.far == pytest.approx(5.0)
    assert findings(result) == [("density_max", "A", "")]  # the rest of the parcel is still checked


def test_point_in_buildings_layer_is_warned_and_the_rest_checked(tmp_path):
    result = run(tmp_path, [parcel("A", A)], [
        building("1", rect(10, 10, 10, 10), 层数=3),
        building("P", Point(X0 + 50, Y0 + 20), 层数=3),
    ])
    (w,) = [w for w in result.warnings if w.code == "geometry_not_polygon"]
    assert w.building == "P"
    p = result_of(result, "A")
    assert p.buildings == ("1",)
    assert p.gfa == pytest.approx(300)


# --- coordinate systems --------------------------------------------------------------------------------

CRS_PARCELS = [parcel("A", A, 容积率="≤0.7", 建筑密度="≤30%"), parcel("B", B, 建筑限高="≤24m", 绿地率="≥35%")]
CRS_BUILDINGS = [
    building("1", rect(10, 10, 20, 30), 层数=6, 建筑高度=18.0),
    building("S", rect(94, 10, 10, 10), 层数=5, 建筑高度=30.0),
    building("2", rect(150, 20, 10, 10), 层数=3, 层高="3.0"),
]
CRS_GREEN = [green_area("L", rect(110, 35, 80, 10)), green_area("roof", rect(150, 20, 10, 10), 0.25)]

_TO_DEGREES = Transformer.from_crs("EPSG:4542", "EPSG:4326", always_xy=True)


def reprojected(rows, crs="EPSG:4326"):
    """The rows with their (EPSG:4542) geometry converted to `crs`, x = easting / longitude."""
    transformer = Transformer.from_crs("EPSG:4542", crs, always_xy=True)

    def convert(geometry):
        return shapely.transform(geometry, lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1])))
    return [{**r, "geometry": convert(r["geometry"])} for r in rows]


def in_degrees(rows):
    return reprojected(rows, "EPSG:4326")


def numbers(result: CheckResult) -> dict:
    return {p.id: (p.site_area, p.gfa, p.footprint_area, p.green_area, p.far, p.density, p.max_height,
                   p.green_ratio) for p in result.parcels}


def assert_same_numbers(result: CheckResult, baseline: CheckResult, rel=1e-6):
    got, want = numbers(result), numbers(baseline)
    assert sorted(got) == sorted(want)
    for pid in want:
        # pytest.approx refuses None (not assessed) in newer versions: those must match exactly.
        assert [g is None for g in got[pid]] == [w is None for w in want[pid]], pid
        pairs = [(g, w) for g, w in zip(got[pid], want[pid]) if w is not None]
        assert [g for g, _ in pairs] == pytest.approx([w for _, w in pairs], rel=rel), pid
    assert findings(result) == findings(baseline)


@pytest.fixture
def baseline(tmp_path_factory):
    return run(tmp_path_factory.mktemp("baseline"), CRS_PARCELS, CRS_BUILDINGS, CRS_GREEN)


def test_crs_baseline_numbers(baseline):
    a, b = result_of(baseline, "A"), result_of(baseline, "B")
    assert a.gfa == pytest.approx(600 * 6 + 60 * 5)  # FAR 0.78 > 0.7
    assert b.gfa == pytest.approx(40 * 5 + 100 * 3)
    assert b.green_area == pytest.approx(800 + 0.25 * 100)
    assert b.max_height == pytest.approx(30.0)  # S stands on B (40 m²) too
    assert findings(baseline) == [("crosses_parcel", "A", "S"), ("far_max", "A", ""), ("green_min", "B", ""),
                                  ("height_max", "B", "")]


def test_buildings_in_degrees_plan_in_metres(tmp_path, baseline):
    result = run(tmp_path, CRS_PARCELS, in_degrees(CRS_BUILDINGS), CRS_GREEN, buildings_crs="EPSG:4326")
    assert result.crs == "EPSG:4542"
    assert_same_numbers(result, baseline)
    assert "reprojected" in warning_codes(result)


@pytest.mark.parametrize("crs", ["EPSG:4326", "EPSG:4490", "EPSG:3857"])
def test_all_layers_geographic_or_web_mercator_work_in_the_local_gauss_kruger_zone(tmp_path, baseline, crs):
    lon, _lat = _TO_DEGREES.transform(X0, Y0)
    assert 4534 + round((lon - 75) / 3) == 4542  # lon ~ 98.5
    result = run(tmp_path, reprojected(CRS_PARCELS, crs), reprojected(CRS_BUILDINGS, crs),
                 reprojected(CRS_GREEN, crs), plan_crs=crs, buildings_crs=crs, green_crs=crs)
    assert result.crs == "EPSG:4542"
    assert_same_numbers(result, baseline)


def test_web_mercator_plan_is_reprojected_not_measured(tmp_path, baseline):
    # Web Mercator areas at 39.7° N are ~1 / cos²(39.7°) = 1.69 times too large: the plan must be reprojected.
    result = run(tmp_path, reprojected(CRS_PARCELS, "EPSG:3857"), CRS_BUILDINGS, CRS_GREEN, plan_crs="EPSG:3857")
    assert result.crs == "EPSG:4542"
    assert_same_numbers(result, baseline)


def test_layer_without_crs_in_metres_is_assumed_and_warned(tmp_path, baseline):
    result = run(tmp_path, CRS_PARCELS, CRS_BUILDINGS, CRS_GREEN, plan_crs=None)
    (w,) = [w for w in result.warnings if w.code == "crs_assumed"]
    assert "plan.gpkg" in w.details["path"]
    assert_same_numbers(result, baseline, rel=1e-12)


def test_layer_without_crs_in_degrees_is_refused(tmp_path):
    with pytest.raises(InputError) as caught:
        run(tmp_path, CRS_PARCELS, in_degrees(CRS_BUILDINGS), buildings_crs=None)
    assert caught.value.code == "crs_missing_degrees"
    assert "buildings.gpkg" in caught.value.details["path"]


# --- Shapefile encodings and file formats -----------------------------------------------------------------



def test_gbk_shapefile_without_cpg(tmp_path):
    plan_frame = gpd.GeoDataFrame({
        "地块编号": ["西关-01", "西关-02"], "用地代码": ["R2", "0902"], "用地性质": ["二类居住用地", "商务金融用地"],
        "容积率": ["≤2.5", "≤3.0"], "建筑密度": ["≤30%", "≤35%"], "绿地率": ["≥30%", "≥25%"],
    }, geometry=[A, B], crs="EPSG:4542")
    buildings_frame = gpd.GeoDataFrame({
        "建筑编号": ["一号楼", "二号楼"], "建筑用途": ["住宅", "办公"], "层数": [30, 2],
    }, geometry=[rect(10, 10, 20, 30), rect(150, 10, 10, 10)], crs="EPSG:4542")
    plan_path = write_gbk_shapefile(tmp_path / "plan.shp", plan_frame)
    buildings_path = write_gbk_shapefile(tmp_path / "jianzhu.shp", buildings_frame)
    assert not plan_path.with_suffix(".cpg").exists()
    assert plan_path.with_suffix(".dbf").read_bytes()[29] == 0
    # The fixture is what users get: without help GDAL gives mojibake.
    assert "地块编号" not in pyogrio.read_info(plan_path)["fields"]

    plan = load_plan(plan_path)
    assert plan.fields.get("id") == "地块编号"
    assert plan.fields.get("land_use") == "用地代码"
    assert plan.fields.get("far") == "容积率"
    assert list(plan.ids) == ["西关-01", "西关-02"]
    assert list(plan.land_use) == ["R2", "0902"]
    assert list(plan.texts["far"]) == ["≤2.5", "≤3.0"]
    scheme = load_buildings(buildings_path)
    assert list(scheme.ids) == ["一号楼", "二号楼"]
    assert list(scheme.use) == ["住宅", "办公"]

    result = check(plan, scheme)
    a = result_of(result, "西关-01")
    assert a.far == pytest.approx(600 * 30 / 5000)  # 3.6 > 2.5
    assert a.buildings == ("一号楼",)
    assert findings(result) == [("far_max", "西关-01", "")]


FORMATS = [".gpkg", ".shp", ".geojson", ".fgb", ".gdb"]


def write_any(path, layer, frame: gpd.GeoDataFrame):
    if path.suffix == ".gdb":
        pyogrio.write_dataframe(frame, path, layer=layer, driver="OpenFileGDB")
        return path
    return write_layer(path, layer, list(frame.geometry), crs=frame.crs,
                       **{c: list(frame[c]) for c in frame.columns if c != "geometry"})


def format_plan():
    return gpd.GeoDataFrame({
        "DKBH": ["A", "B", "C"], "YDDM": ["070102", "100101", "0902"],
        "RJL": ["≤2.5", "≥1.0", "见图则"], "JZMD": ["≤30%", "≥30%", "≤35%"],
        "JZXG": ["≤24m", "24米", "24-50m"], "LDL": ["≥35%", "≤20%", "≥25%"],
    }, geometry=[A, B, rect(0, 50, 100, 50)], crs="EPSG:4542")


def format_buildings():
    return gpd.GeoDataFrame({
        "JZBH": ["1", "S", "G-6", "7", "bow"],
        "YT": ["住宅", "住宅", "住宅", "办公", "工业"],
        "CS": [20, 5, 6, 5, 1],
        "JZGD": [60.0, 15.0, np.nan, np.nan, 4.5],
        "CG": ["3.0", "3.0", "2.9", "4.5,2.1,3.9,3.9,3.9", ""],
    }, geometry=[rect(10, 10, 20, 30), rect(94, 10, 10, 10), rect(150, 10, 10, 10), rect(20, 60, 20, 20),
                 poly([(160, 30), (180, 40), (180, 30), (160, 40)])], crs="EPSG:4542")


def check_files(plan_path, buildings_path) -> CheckResult:
    return check(load_plan(plan_path), load_buildings(buildings_path))


@pytest.fixture
def gpkg_result(tmp_path_factory):
    folder = tmp_path_factory.mktemp("gpkg")
    return check_files(write_any(folder / "plan.gpkg", "dikuai", format_plan()),
                       write_any(folder / "jianzhu.gpkg", "jianzhu", format_buildings()))


def test_format_baseline(gpkg_result):
    a, b, c = (result_of(gpkg_result, pid) for pid in "ABC")
    assert a.gfa == pytest.approx(600 * 20 + 60 * 5)  # 12300 / 5000 = 2.46 <= 2.5
    # S's 40 m² x 5, G-6 100 m² x 6, the bow-tie's two 1/2 x 10 x 10 triangles x 1 storey.
    assert b.gfa == pytest.approx(40 * 5 + 100 * 6 + 100 * 1)
    assert c.max_height == pytest.approx(4.5 + 2.1 + 3.9 * 3)
    assert c.gfa == pytest.approx(400 * 4.5)
    assert "far" not in c.limits
    # A: FAR 2.46 <= 2.5, density 660 / 5000 <= 30%, but 1's 60 m > 24 m. B (100101): FAR 900 / 5000 < 1.0,
    # density 240 / 5000 < 30%, and two 住宅 on industrial land (S has 40 m² there). C: 18.3 m < 24 m.
    assert findings(gpkg_result) == [
        ("crosses_parcel", "A", "S"), ("density_min", "B", ""), ("far_min", "B", ""), ("height_max", "A", ""),
        ("height_min", "C", ""), ("land_use", "B", "G-6"), ("land_use", "B", "S"),
    ]
    assert {"geometry_repaired", "unreadable_indicator"} <= set(warning_codes(gpkg_result))


@pytest.mark.parametrize("suffix", FORMATS)
def test_file_formats_give_identical_results(tmp_path, suffix, gpkg_result):
    plan_path = write_any(tmp_path / f"plan{suffix}", "dikuai", format_plan())
    buildings_path = write_any(tmp_path / f"jianzhu{suffix}", "jianzhu", format_buildings())
    result = check_files(plan_path, buildings_path)
    assert result.crs == gpkg_result.crs == "EPSG:4542"
    assert_same_numbers(result, gpkg_result, rel=1e-9)
    # FlatGeobuf stores features in spatial-index order, so compare buildings and warnings as sets.
    for got, want in zip(result.parcels, gpkg_result.parcels):
        assert (got.id, got.land_use, got.limits, got.limit_texts, sorted(got.buildings), got.status) == \
               (want.id, want.land_use, want.limits, want.limit_texts, sorted(want.buildings), want.status)
    assert sorted((v.rule, v.parcel or "", v.building or "", v.marginal) for v in result.violations) == \
           sorted((v.rule, v.parcel or "", v.building or "", v.marginal) for v in gpkg_result.violations)
    assert sorted((w.code, w.parcel or "", w.building or "") for w in result.warnings) == \
           sorted((w.code, w.parcel or "", w.building or "") for w in gpkg_result.warnings)


# --- field recognition ---------------------------------------------------------------------------------

def test_pinyin_field_names(tmp_path):
    plan = load_plan(write_any(tmp_path / "plan.gpkg", "dikuai", format_plan()))
    assert plan.fields.columns == {"id": "DKBH", "land_use": "YDDM", "far": "RJL", "density": "JZMD",
                                   "height": "JZXG", "green_ratio": "LDL"}
    scheme = load_buildings(write_any(tmp_path / "jianzhu.gpkg", "jianzhu", format_buildings()))
    assert scheme.fields.columns == {"id": "JZBH", "floors": "CS", "height": "JZGD", "storey_height": "CG",
                                     "use": "YT"}


def test_field_names_are_case_insensitive(tmp_path):
    frame = gpd.GeoDataFrame({"dkbh": ["A"], "Yddm": ["070102"], "rjl": ["≤1.0"]}, geometry=[A], crs="EPSG:4542")
    plan = load_plan(write_any(tmp_path / "plan.gpkg", "dk", frame))
    assert plan.fields.columns == {"id": "dkbh", "land_use": "Yddm", "far": "rjl"}
    assert plan.upper["far"][0] == 1.0


@pytest.mark.parametrize(("upper", "lower"), [("RJLSX", "RJLXX"), ("rjlsx", "rjlxx")])
def test_far_upper_and_lower_columns(tmp_path, upper, lower):
    frame = gpd.GeoDataFrame({"DKBH": ["A", "B"], "YDDM": ["070102", "070102"], upper: [2.0, 2.0],
                              lower: [1.2, 1.2]}, geometry=[A, B], crs="EPSG:4542")
    plan = load_plan(write_any(tmp_path / "plan.gpkg", "dk", frame))
    scheme = load_buildings(write_rows(tmp_path / "b.gpkg", "jz", [
        building("low", rect(0, 0, 50, 50), 层数=2),  # 5000 / 5000 = 1.0 < 1.2
        building("high", rect(100, 0, 50, 50), 层数=4, 计容面积=10500),  # 10500 / 5000 = 2.1 > 2.0
    ], BUILDING_DEFAULTS))
    result = check(plan, scheme)
    assert result_of(result, "A").limits["far"] == (1.2, 2.0)
    assert findings(result) == [("far_max", "B", ""), ("far_min", "A", "")]


def test_mapping_file_for_odd_names(tmp_path):
    plan_path = write_any(tmp_path / "plan.gpkg", "dk", gpd.GeoDataFrame(
        {"PID": ["A"], "LANDCODE": ["070102"], "FAR_2": ["≤1.0"]}, geometry=[A], crs="EPSG:4542"))
    buildings_path = write_any(tmp_path / "b.gpkg", "jz", gpd.GeoDataFrame(
        {"BID": ["1"], "LC": [8], "GAO": [25.0]}, geometry=[rect(0, 0, 50, 20)], crs="EPSG:4542"))
    green_path = write_any(tmp_path / "g.gpkg", "ld", gpd.GeoDataFrame(
        {"K": [0.5]}, geometry=[rect(60, 0, 10, 10)], crs="EPSG:4542"))
    with pytest.raises(InputError) as caught:
        load_plan(plan_path)
    assert caught.value.code == "fields_unrecognised"

    toml = tmp_path / "mapping.toml"
    toml.write_text('[plan]\nid = "PID"\nland_use = "LANDCODE"\nfar = "FAR_2"\n\n'
                    '[buildings]\nid = "BID"\nfloors = "LC"\nheight = "GAO"\n\n[green]\nfactor = "K"\n',
                    encoding="utf-8")
    mapping = load_mapping(toml)
    plan = load_plan(plan_path, mapping=mapping)
    scheme = load_buildings(buildings_path, mapping=mapping)
    green = load_green(green_path, mapping=mapping)
    result = check(plan, scheme, green)
    p = result_of(result, "A")
    assert p.far == pytest.approx(1000 * 8 / 5000)  # 1.6 > 1.0
    assert p.max_height == pytest.approx(25.0)
    assert p.green_area == pytest.approx(0.5 * 100)
    assert p.buildings == ("1",)
    assert findings(result) == [("far_max", "A", "")]


def test_layer_without_recognisable_fields(tmp_path):
    path = write_any(tmp_path / "plan.gpkg", "dk", gpd.GeoDataFrame(
        {"foo": ["A"], "bar": [1.5]}, geometry=[A], crs="EPSG:4542"))
    with pytest.raises(InputError) as caught:
        load_plan(path)
    assert caught.value.code == "fields_unrecognised"
    assert "foo" in caught.value.details["fields"] and "bar" in caught.value.details["fields"]
    assert "plan.gpkg" in caught.value.details["path"]


def test_buildings_layer_without_storeys_or_area_fields(tmp_path):
    path = write_any(tmp_path / "b.gpkg", "jz", gpd.GeoDataFrame(
        {"名称": ["1"], "备注": ["x"]}, geometry=[rect(0, 0, 10, 10)], crs="EPSG:4542"))
    with pytest.raises(InputError) as caught:
        load_buildings(path)
    assert caught.value.code == "fields_unrecognised"
    assert "名称" in caught.value.details["fields"] and "备注" in caught.value.details["fields"]
