"""How a plan's indicator columns become limits: main column, upper/lower columns, and their warnings."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

import geopandas as gpd
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.checking.rules import PRECISION, round_half_up, round_half_up_array
from planner.io.layers import load_plan
from tests.helpers import X0, Y0, rect


def plan_with(tmp_path, **columns):
    n = len(next(iter(columns.values())))
    frame = gpd.GeoDataFrame({"地块编号": [f"P{i}" for i in range(n)], "用地代码": ["070102"] * n, **columns},
                             geometry=[rect(100 * i, 0, 50, 50) for i in range(n)], crs="EPSG:4542")
    path = tmp_path / "plan.gpkg"
    frame.to_file(path, layer="控规地块", engine="pyogrio")
    return load_plan(path)


def limit_warnings(plan):
    """The plan's warnings but those about the indicators these small plans have no field for."""
    return [w for w in plan.warnings if w.code != "indicator_field_missing"]


def codes(plan):
    return sorted(w.code for w in limit_warnings(plan))


def test_lower_column_adds_a_minimum_to_the_main_maximum(tmp_path):
    plan = plan_with(tmp_path, 容积率=["≤2.5"], RJLXX=["1.0"])
    assert (plan.lower["far"][0], plan.upper["far"][0]) == (1.0, 2.5)
    assert plan.texts["far"][0] == "≤2.5; ≥1.0"
    assert codes(plan) == []


def test_upper_column_overrides_the_main_maximum(tmp_path):
    plan = plan_with(tmp_path, 容积率=["≤2.5"], RJLSX=["3.0"])
    assert (np.isnan(plan.lower["far"][0]), plan.upper["far"][0]) == (True, 3.0)


def test_contradicting_columns_leave_the_indicator_unassessed_with_a_warning(tmp_path):
    # ≤1.0 from the main column and ≥1.5 from the lower column: no FAR can satisfy both.
    plan = plan_with(tmp_path, 容积率=["≤1.0"], RJLXX=["1.5"])
    assert np.isnan(plan.lower["far"][0]) and np.isnan(plan.upper["far"][0])
    assert codes(plan) == ["empty_limit"]
    assert limit_warnings(plan)[0].parcel == "P0"


def test_zero_in_a_lower_column_means_no_minimum_and_is_not_warned(tmp_path):
    plan = plan_with(tmp_path, 容积率=["≤2.5", "≤2.5"], RJLXX=["0", "1.2"])
    assert np.isnan(plan.lower["far"][0]) and plan.lower["far"][1] == 1.2
    assert codes(plan) == []


def test_bare_zero_in_the_main_column_is_not_a_limit_and_is_warned_once_per_field(tmp_path):
    plan = plan_with(tmp_path, 容积率=["0", "0", "≤2.0"])
    assert np.isnan(plan.upper["far"][0]) and np.isnan(plan.upper["far"][1]) and plan.upper["far"][2] == 2.0
    [warning] = limit_warnings(plan)
    assert warning.code == "zero_limit_ignored"
    assert warning.details["count"] == 2 and warning.details["parcels"] == "P0, P1"


def test_ratio_written_without_percent_in_an_upper_column_is_read_and_warned(tmp_path):
    plan = plan_with(tmp_path, JZMDSX=["35", "0.3"])
    assert plan.upper["density"].tolist() == [0.35, 0.3]
    [warning] = limit_warnings(plan)
    assert warning.code == "percent_assumed" and warning.details["field"] == "JZMDSX"
    assert warning.details["count"] == 1


def test_unreadable_text_warns_per_parcel_naming_field_and_text(tmp_path):
    plan = plan_with(tmp_path, 绿地率=["见图则", "≥35%", "见图则"])
    unreadable = [w for w in plan.warnings if w.code == "unreadable_indicator"]
    assert [(w.parcel, w.details["field"], w.details["text"]) for w in unreadable] == [
        ("P0", "绿地率", "见图则"), ("P2", "绿地率", "见图则")]
    assert np.isnan(plan.lower["green_ratio"][0]) and plan.lower["green_ratio"][1] == 0.35


def test_an_indicator_without_a_field_is_said_once_and_never_passes(tmp_path):
    from planner.messages import warning_message

    plan = plan_with(tmp_path, 容积率=["≤2.5", "—"], 建筑密度=["≤30%", "≤30%"], 绿地率=["≥35%", "≥35%"])
    missing = [w for w in plan.warnings if w.code == "indicator_field_missing"]
    assert [w.details["indicator"] for w in missing] == ["height"]
    assert warning_message(missing[0], "en") == (
        "plan.gpkg layer 控规地块: no height field was found (looked for 建筑限高/限高/控制高度); height is not checked on "
        "any parcel. If the layer holds it under another name, name that field in the field mapping.")
    assert plan.limit_unknown["height"].all() and not plan.limit_unknown["far"].any()


@given(st.floats(0, 1000, allow_nan=False), st.sampled_from(sorted(PRECISION)))
def test_fast_half_up_rounding_agrees_with_decimal(value, indicator):
    expected = float(Decimal(repr(value)).quantize(PRECISION[indicator], rounding=ROUND_HALF_UP))
    assert round_half_up(value, indicator) == expected
    assert round_half_up_array(np.array([value, math.nan]), indicator)[0] == expected


def test_half_up_on_binary_ties():
    # round(2.175, 2) is 2.17 in binary floating point; on paper (and in the report) it is 2.18.
    assert round_half_up(2.175, "far") == 2.18
    assert round_half_up(0.3005, "density") == 0.301
    assert round_half_up(24.05, "height") == 24.1
    assert round_half_up_array(np.array([2.175, 2.5004]), "far").tolist() == [2.18, 2.5]


def test_a_building_where_parcels_overlap_is_warned_with_the_area_counted_twice(tmp_path):
    from planner.checking.engine import check
    from planner.io.layers import load_buildings

    frame = gpd.GeoDataFrame({"地块编号": ["A", "B", "C"], "用地代码": ["070102"] * 3, "容积率": ["≤2.0"] * 3},
                             geometry=[rect(0, 0, 50, 50), rect(40, 0, 50, 50), rect(90, 0, 50, 50)],
                             crs="EPSG:4542")
    frame.to_file(tmp_path / "plan.gpkg", layer="控规地块", engine="pyogrio")
    # A and B share the strip 40 <= x <= 50; B and C only touch along x = 90.
    gpd.GeoDataFrame({"建筑编号": ["1", "2"], "层数": [3, 3]},
                     geometry=[rect(30, 10, 20, 10), rect(85, 10, 10, 10)],
                     crs="EPSG:4542").to_file(tmp_path / "b.gpkg", layer="建筑", engine="pyogrio")
    result = check(load_plan(tmp_path / "plan.gpkg"), load_buildings(tmp_path / "b.gpkg"))
    [warning] = [w for w in result.warnings if w.code == "parcels_overlap"]
    # Building 1 (x 30-50): 20 x 10 in A and the 10 x 10 part at x 40-50 in B as well: 100 m² counted twice.
    assert (warning.building, warning.details["parcels"], warning.details["area"]) == ("1", "A, B", 100.0)


def test_building_table_reports_counted_and_outside_areas(tmp_path):
    from planner.checking.engine import check
    from planner.io.layers import load_buildings

    gpd.GeoDataFrame({"地块编号": ["A"], "用地代码": ["070102"], "容积率": ["≤2.0"]}, geometry=[rect(0, 0, 50, 50)],
                     crs="EPSG:4542").to_file(tmp_path / "plan.gpkg", layer="控规地块", engine="pyogrio")
    gpd.GeoDataFrame({"建筑编号": ["1", "2"], "层数": [3, 2], "计容面积": [None, 999.0], "建筑高度": [9.0, None]},
                     geometry=[rect(40, 10, 20, 10), rect(5, 5, 10, 10)],
                     crs="EPSG:4542").to_file(tmp_path / "b.gpkg", layer="建筑", engine="pyogrio")
    table = check(load_plan(tmp_path / "plan.gpkg"), load_buildings(tmp_path / "b.gpkg")).buildings
    assert table.ids.tolist() == ["1", "2"]
    assert table.floors.tolist() == [3.0, 2.0]
    assert table.footprint_area.tolist() == [200.0, 100.0]
    assert table.counted_area.tolist() == [200.0 * 3, 999.0]  # stated 计容面积 wins over 100 x 2
    assert table.outside_area.tolist() == [100.0, 0.0]  # building 1 reaches x = 60, the parcel ends at 50
    assert table.height[0] == 9.0 and np.isnan(table.height[1])


def test_a_straddler_where_parcels_overlap_counts_the_shared_part_on_both(tmp_path):
    from planner.checking.engine import check
    from planner.io.layers import load_buildings

    # A (0..50) and B (40..90) overlap on 40..50; building 1 spans 30..70, so neither parcel covers it.
    gpd.GeoDataFrame({"地块编号": ["A", "B"], "用地代码": ["070102"] * 2, "容积率": ["≤9"] * 2},
                     geometry=[rect(0, 0, 50, 50), rect(40, 0, 50, 50)],
                     crs="EPSG:4542").to_file(tmp_path / "plan.gpkg", layer="控规地块", engine="pyogrio")
    gpd.GeoDataFrame({"建筑编号": ["1"], "层数": [1]}, geometry=[rect(30, 10, 40, 10)],
                     crs="EPSG:4542").to_file(tmp_path / "b.gpkg", layer="建筑", engine="pyogrio")
    result = check(load_plan(tmp_path / "plan.gpkg"), load_buildings(tmp_path / "b.gpkg"))
    by_id = {p.id: p for p in result.parcels}
    # In A: x 30..50 = 200 m²; in B: x 40..70 = 300 m²; the 40..50 strip (100 m²) is in both.
    assert by_id["A"].footprint_area == 200.0 and by_id["B"].footprint_area == 300.0
    [warning] = [w for w in result.warnings if w.code == "parcels_overlap"]
    assert warning.details["area"] == 100.0


def test_a_two_parcel_straddler_gets_exact_shares(tmp_path):
    from planner.checking.engine import check
    from planner.io.layers import load_buildings

    # A (0..50) and B (50..100) meet at x = 50; building 1 spans 40..70 with 2 storeys and a 45° neighbour
    # rotated to make its pieces non-rectangular.
    gpd.GeoDataFrame({"地块编号": ["A", "B"], "用地代码": ["070102"] * 2, "容积率": ["≤9"] * 2},
                     geometry=[rect(0, 0, 50, 50), rect(50, 0, 50, 50)],
                     crs="EPSG:4542").to_file(tmp_path / "plan.gpkg", layer="控规地块", engine="pyogrio")
    import shapely

    diamond = shapely.Polygon([(X0 + 50, Y0 + 10), (X0 + 60, Y0 + 20), (X0 + 50, Y0 + 30), (X0 + 40, Y0 + 20)])
    gpd.GeoDataFrame({"建筑编号": ["1", "2"], "层数": [2, 1]}, geometry=[rect(40, 30, 30, 10), diamond],
                     crs="EPSG:4542").to_file(tmp_path / "b.gpkg", layer="建筑", engine="pyogrio")
    result = check(load_plan(tmp_path / "plan.gpkg"), load_buildings(tmp_path / "b.gpkg"))
    by_id = {p.id: p for p in result.parcels}
    # Building 1: 100 m² in A, 200 m² in B; the diamond (200 m²) splits 100 / 100.
    assert by_id["A"].footprint_area == pytest.approx(100 + 100)
    assert by_id["B"].footprint_area == pytest.approx(200 + 100)
    assert by_id["A"].gfa == pytest.approx(100 * 2 + 100) and by_id["B"].gfa == pytest.approx(200 * 2 + 100)
