"""Control lines, protected zones and setbacks (planner/controls.py) on hand-worked cases.

Unless a test says otherwise the plan has two 100 m x 50 m parcels side by side, A (x 0-100) and B (x 100-200),
both 070102 (housing), in EPSG:4542; a road red line runs along their north edge, y = 50, from x -20 to 220,
a branch road (支路): the setback table asks 7 m of low and multi-storey buildings, 10 m of high-rise ones.
Footprints are rectangles at known distances from it; every expected number is worked out beside it.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
import pytest
import shapely
from pyproj import Transformer
from shapely.geometry import LineString, Polygon

from planner.checking.engine import check
from planner.cli import main
from planner.io.controls import KINDS, ControlTable, load_controls
from planner.io.layers import load_buildings, load_plan
from planner.messages import violation_message, warning_message
from planner.model import InputError
from planner.report.serialise import result_json
from tests.helpers import X0, Y0, rect, write_layer

A = rect(0, 0, 100, 50)
B = rect(100, 0, 100, 50)
NORTH = [(-20, 50), (220, 50)]


def line(*points):
    """A line from local coordinates (metres from the Jiuquan origin)."""
    return LineString([(X0 + x, Y0 + y) for x, y in points])


def area(*points):
    return Polygon([(X0 + x, Y0 + y) for x, y in points])


def write_plan(tmp_path, parcels=(("A", A), ("B", B)), codes=None, **columns):
    ids = [p for p, _g in parcels]
    return write_layer(tmp_path / "plan.gpkg", "地块", [g for _p, g in parcels], 地块编号=ids,
                       用地代码=codes or ["070102"] * len(ids), 容积率=["≤3.0"] * len(ids), **columns)


def write_buildings(tmp_path, rows):
    """rows: (id, geometry, storeys, height, use)."""
    return write_layer(tmp_path / "buildings.gpkg", "建筑", [r[1] for r in rows], 建筑编号=[r[0] for r in rows],
                       层数=[np.nan if r[2] is None else float(r[2]) for r in rows],
                       建筑高度=[np.nan if r[3] is None else float(r[3]) for r in rows], 建筑用途=[r[4] for r in rows])


def write_lines(tmp_path, layer, geometries, name="lines.gpkg", crs="EPSG:4542", **columns):
    """Add a layer to a GeoPackage of control lines (several calls give several layers)."""
    path = tmp_path / name
    frame = gpd.GeoDataFrame(columns, geometry=geometries, crs=crs)
    frame.to_file(path, layer=layer, driver="GPKG", engine="pyogrio", append=path.exists())
    return path


def house(bid, geometry, height=9.0, storeys=3, use="住宅"):
    return (bid, geometry, storeys, height, use)


def run(tmp_path, buildings, lines, *, plan=None, line_layer="道路红线", **line_columns):
    """Check `buildings` on the plan against one control layer of `lines` (geometries) with `line_columns`."""
    plan_path = plan or write_plan(tmp_path)
    lines_path = write_lines(tmp_path, line_layer, lines, **line_columns)
    return check(load_plan(plan_path), load_buildings(write_buildings(tmp_path, buildings)),
                 controls=[load_controls(lines_path)])


def road(tmp_path, buildings, road_class="支路", **extra):
    return run(tmp_path, buildings, [line(*NORTH)], 道路等级=[road_class], **extra)


def found(result, rule=None):
    return {v.building: v for v in result.violations if rule is None or v.rule == rule}


def rules_of(result):
    return sorted((v.rule, v.building) for v in result.violations)


def codes(result):
    return [w.code for w in result.warnings]


# --- setbacks: the setback table ---------------------------------------------------------------------------

def test_setback_from_the_table_boundaries_included(tmp_path):
    result = road(tmp_path, [
        house("at", rect(10, 30, 20, 13)),  # top at y 43: 50 - 43 = 7 m, exactly the 7 m required: passes
        house("short", rect(40, 30, 20, 13.5)),  # top at 43.5: 6.5 m < 7
        house("far", rect(70, 20, 20, 10)),  # 20 m
    ])
    assert rules_of(result) == [("setback", "short")]
    v = found(result)["short"]
    assert v.parcel == "A"
    assert v.actual == pytest.approx(6.5) and v.limit == 7.0 and not v.marginal
    assert v.details["source"] == "table" and v.details["road_class"] == "branch"
    assert v.details["height_class"] == "multi_storey"
    assert v.details["line"] == "道路红线#1"
    (x1, y1), (x2, y2) = v.details["segment"]
    assert y1 == pytest.approx(Y0 + 43.5) and y2 == pytest.approx(Y0 + 50) and x1 == pytest.approx(x2)
    assert X0 + 40 <= x1 <= X0 + 60


@pytest.mark.parametrize(("use", "storeys", "height", "required"), [
    ("住宅", 9, 27.0, 7.0),  # housing up to 27 m is multi-storey (GB 50352-2019 3.1.2)
    ("住宅", 10, 27.1, 10.0),  # above 27 m: high-rise
    ("办公", 7, 24.0, 7.0),  # other buildings up to 24 m
    ("办公", 7, 24.5, 10.0),  # above 24 m: high-rise
    ("办公", 1, 30.0, 7.0),  # a single-storey hall above 24 m is not high-rise
    ("住宅", 1, 30.0, 10.0),  # ... but single-storey housing above 27 m is
])
def test_height_class_sets_the_table_row(tmp_path, use, storeys, height, required):
    result = road(tmp_path, [house("1", rect(10, 30, 20, 14), height, storeys, use)])  # 6 m from the line
    v = found(result, "setback")["1"]
    assert v.limit == required and v.actual == pytest.approx(6.0)
    assert v.details["height_class"] == ("high_rise" if required == 10.0 else "multi_storey")


@pytest.mark.parametrize(("road_class", "multi", "high"), [
    ("快速路", 25.0, 30.0), ("主干路", 15.0, 20.0), ("次干道", 10.0, 15.0), ("城市支路", 7.0, 10.0)])
def test_every_road_class_of_the_table(tmp_path, road_class, multi, high):
    result = road(tmp_path, [house("low", rect(10, 0, 20, 49), 9.0), house("tall", rect(50, 0, 20, 49), 60.0, 20)],
                  road_class)  # both 1 m from the line
    assert found(result, "setback")["low"].limit == multi
    assert found(result, "setback")["tall"].limit == high


def test_unknown_height_is_held_to_the_smaller_distance_and_warned_between(tmp_path):
    result = road(tmp_path, [
        house("near", rect(10, 30, 20, 14), None, None),  # 6 m: short even of the 7 m of a low building
        house("between", rect(40, 30, 20, 12), None, None),  # 8 m: enough low, not enough high-rise (10 m)
        house("clear", rect(70, 30, 20, 10), None, None),  # 10 m: enough either way
    ])
    assert rules_of(result) == [("setback", "near")]
    v = found(result)["near"]
    assert v.limit == 7.0 and v.details["height_class"] is None
    uncertain = [w for w in result.warnings if w.code == "setback_uncertain"]
    assert [(w.building, w.details["distance"], w.details["low"], w.details["high"]) for w in uncertain] == [
        ("between", pytest.approx(8.0), 7.0, 10.0)]
    assert "8.00 m" in warning_message(uncertain[0], "en")


def test_marginal_setback(tmp_path):
    result = road(tmp_path, [house("1", rect(10, 30, 20, 13.004))])  # 6.996 m: shows as 7.00 m, but is short
    v = found(result, "setback")["1"]
    assert v.actual == pytest.approx(6.996) and v.marginal
    assert "6.9960 m" in violation_message(v, "en")


def test_one_setback_finding_per_building_the_worst_line(tmp_path):
    # A corner building 5 m from the branch road (7 m: 2 m short) and 8 m from an arterial (15 m: 7 m short).
    lines = [line(*NORTH), line((100, -20), (100, 60))]
    result = run(tmp_path, [house("1", rect(80, 35, 12, 10))], lines, 道路等级=["支路", "主干路"])
    v = found(result, "setback")["1"]
    assert len(result.violations) == 1
    assert v.details["line"] == "道路红线#2" and v.actual == pytest.approx(8.0) and v.limit == 15.0


# --- setbacks: the parcel's and the line's own ----------------------------------------------------------------

def test_setback_from_the_parcel_field(tmp_path):
    plan = write_plan(tmp_path, 退线距离=["12m", None])  # A asks 12 m; B says nothing: the table's 7 m
    result = road(tmp_path, [
        house("A-short", rect(10, 30, 20, 10)),  # 10 m < 12
        house("A-at", rect(40, 30, 20, 8)),  # 12 m: passes
        house("B-ok", rect(110, 30, 20, 10)),  # 10 m >= 7
    ], plan=plan)
    assert rules_of(result) == [("setback", "A-short")]
    v = found(result)["A-short"]
    assert v.limit == 12.0 and v.details["source"] == "parcel" and v.details["road_class"] == "branch"
    assert "the setback of parcel A" in violation_message(v, "en")


def test_setback_from_the_line_field(tmp_path):
    # An arterial (15 m in the table) whose line states 9 m.
    result = road(tmp_path, [house("short", rect(10, 30, 20, 11.1)), house("at", rect(40, 30, 20, 11))],
                  "主干路", 退让距离=[9.0])
    assert rules_of(result) == [("setback", "short")]
    v = found(result)["short"]
    assert v.limit == 9.0 and v.actual == pytest.approx(8.9) and v.details["source"] == "line"


def test_parcel_field_comes_before_the_line_and_the_line_before_the_table(tmp_path):
    plan = write_plan(tmp_path, HTJL=[5.0, np.nan])
    result = road(tmp_path, [
        house("A", rect(10, 30, 20, 14)),  # 6 m: the parcel's 5 m, not the line's 9 m: passes
        house("B", rect(110, 30, 20, 14)),  # 6 m: the line's 9 m, not the table's 15 m
    ], "主干路", plan=plan, 退让距离=[9.0])
    assert rules_of(result) == [("setback", "B")]
    assert found(result)["B"].limit == 9.0


def test_unreadable_parcel_setback_is_warned_and_not_used(tmp_path):
    plan = write_plan(tmp_path, 退线距离=["见图则", "≥8米"])
    result = road(tmp_path, [house("A", rect(10, 30, 20, 14)), house("B", rect(110, 30, 20, 14))], plan=plan)
    # A falls back to the table (7 m); B reads "≥8米" as 8 m.
    assert {b: v.limit for b, v in found(result, "setback").items()} == {"A": 7.0, "B": 8.0}
    warning = next(w for w in result.warnings if w.code == "unreadable_setback")
    assert warning.parcel == "A" and warning.details["text"] == "见图则"


def test_road_line_without_setback_or_known_class_is_warned(tmp_path):
    result = run(tmp_path, [house("1", rect(10, 30, 20, 19))], [line(*NORTH), line((-20, 60), (220, 60))],
                 道路等级=["景观路", None])
    assert result.violations == ()  # 1 m away, but nothing says how far it must be
    warning = next(w for w in result.warnings if w.code == "setback_unknown")
    assert warning.details["count"] == 2 and warning.details["texts"] == "景观路"


# --- crossing and beyond the road red line -------------------------------------------------------------------

def test_building_crossing_the_red_line(tmp_path):
    result = road(tmp_path, [house("1", rect(40, 45, 10, 10))])  # y 45-55: 10 m of the line inside it
    # Its north half stands on no parcel too; no setback finding (its distance is 0), and not "beyond".
    assert rules_of(result) == [("crosses_red_line", "1"), ("outside_plan", "1")]
    v = found(result)["1"]
    assert v.actual == pytest.approx(10.0) and v.details["how"] == "crosses"
    assert v.details["lines"] == ["道路红线#1"]


def test_building_touching_the_red_line_does_not_cross_it_but_has_no_setback(tmp_path):
    result = road(tmp_path, [house("1", rect(40, 40, 10, 10))])  # its north wall lies on the line
    assert rules_of(result) == [("setback", "1")]
    assert found(result)["1"].actual == 0.0


def test_building_beyond_a_red_line_through_its_parcel(tmp_path):
    # A widening: the red line runs through A at y = 40; 1 stands north of it, inside A, on the road's side.
    # 2 stands south of it, 20 m away: on the parcel's side, far enough.
    result = run(tmp_path, [house("1", rect(10, 42, 10, 5)), house("2", rect(60, 10, 10, 10))],
                 [line((-20, 40), (220, 40))], 道路等级=["支路"])
    assert rules_of(result) == [("beyond_red_line", "1")]
    v = found(result, "beyond_red_line")["1"]
    assert v.parcel == "A" and v.actual == pytest.approx(2.0) and v.details["how"] == "beyond"


def test_building_on_no_parcel_beyond_the_red_line(tmp_path):
    # North of the line, in the road: on no parcel; judged from the nearest parcel, A.
    result = road(tmp_path, [house("kiosk", rect(40, 55, 10, 5))])
    assert rules_of(result) == [("beyond_red_line", "kiosk"), ("outside_plan", "kiosk")]
    v = found(result, "beyond_red_line")["kiosk"]
    assert v.parcel is None and v.actual == pytest.approx(5.0)


def test_red_line_polygon_stands_for_its_edge(tmp_path):
    # The road's land drawn as a polygon, y 50-70: its edge is the red line.
    road_land = area((-20, 50), (220, 50), (220, 70), (-20, 70))
    result = run(tmp_path, [house("near", rect(10, 30, 20, 14.5)), house("in-road", rect(60, 55, 10, 10))],
                 [road_land], 道路等级=["支路"])
    assert rules_of(result) == [("beyond_red_line", "in-road"), ("outside_plan", "in-road"), ("setback", "near")]
    assert found(result, "setback")["near"].actual == pytest.approx(5.5)


# --- zones: 五线 and protected land ----------------------------------------------------------------------------

@pytest.mark.parametrize(("layer", "rule", "kind"), [
    ("绿线", "green_line", "control_line"), ("蓝线", "blue_line", "control_line"),
    ("紫线", "purple_line", "control_line"), ("黄线", "yellow_line", "control_line"),
    ("生态保护红线", "ecological_red_line", "protected_zone"), ("永久基本农田", "basic_farmland", "protected_zone"),
])
def test_building_on_a_zone(tmp_path, layer, rule, kind):
    zone = area((0, 0), (30, 0), (30, 20), (0, 20))
    result = run(tmp_path, [
        house("half", rect(20, 5, 20, 10)),  # x 20-30 inside: 10 x 10 = 100 m²
        house("sliver", rect(29.5, 0, 10, 1)),  # x 29.5-30, y 0-1 inside: 0.5 m², a sliver
        house("exactly-1", rect(29, 19, 10, 10)),  # x 29-30, y 19-20: exactly 1 m²: counts
        house("clear", rect(50, 5, 10, 10)),
    ], [zone], line_layer=layer)
    assert rules_of(result) == sorted([(rule, "exactly-1"), (rule, "half")])
    v = found(result)["half"]
    assert v.actual == pytest.approx(100.0) and v.details["how"] == "overlaps"
    assert found(result)["exactly-1"].actual == pytest.approx(1.0)
    doc = result_json(result, "en")
    assert {v["kind"] for v in doc["violations"]} == {kind}
    assert doc["violations"][0]["area"] == pytest.approx(100.0)


def test_open_zone_line_crossed_and_closed_line_read_as_an_area(tmp_path):
    open_line = line((-10, 25), (210, 25))  # a blue line along a canal bank, not closed
    ring = line((150, 5), (190, 5), (190, 45), (150, 45), (150, 5))  # a closed polyline (CAD): an area
    result = run(tmp_path, [house("across", rect(10, 20, 10, 10)), house("inside", rect(160, 10, 10, 10)),
                            house("beside", rect(40, 30, 10, 10))], [open_line, ring], line_layer="蓝线")
    assert rules_of(result) == [("blue_line", "across"), ("blue_line", "inside")]
    assert found(result)["across"].details["how"] == "crosses" and found(result)["across"].actual is None
    assert found(result)["inside"].actual == pytest.approx(100.0)
    assert violation_message(found(result)["across"], "en") == "Building across crosses the blue line 蓝线#1."


def test_plan_conflict_on_construction_parcels_only(tmp_path):
    plan = write_plan(tmp_path, parcels=(("A", A), ("B", B), ("P", rect(200, 0, 100, 50))),
                      codes=["070102", "0901", "1401"])
    eco = area((90, 40), (300, 40), (300, 60), (90, 60))  # 10 m over A, B and the park P
    farmland = area((95, -10), (300, -10), (300, 0.004), (95, 0.004))  # 0.4 m² of B: a sliver
    lines = write_lines(tmp_path, "生态保护红线", [eco])
    write_lines(tmp_path, "永久基本农田", [farmland])
    result = check(load_plan(plan), load_buildings(write_buildings(tmp_path, [house("far", rect(20, 5, 10, 10))])),
                   controls=[load_controls(lines)])
    conflicts = [w for w in result.warnings if w.code == "plan_conflict"]
    # A: 10 x 10 = 100 m²; B (commercial): 100 x 10 = 1000 m²; the park P allows no building: no conflict.
    assert [(w.parcel, w.details["area"]) for w in conflicts] == [("A", pytest.approx(100.0)),
                                                                   ("B", pytest.approx(1000.0))]
    assert conflicts[0].details["line_kind"] == "ecological_red_line"
    doc = result_json(result, "en")
    warning = next(w for w in doc["warnings"] if w["code"] == "plan_conflict")
    assert warning["kind"] == "plan_conflict" and warning["lines"] == ["生态保护红线#1"]
    assert "construction land" in warning["message"] and "100.0 m²" in warning["message"]
    assert result.violations == ()


# --- building control lines --------------------------------------------------------------------------------

def test_building_control_line(tmp_path):
    envelope = area((5, 5), (95, 5), (95, 40), (5, 40))  # A's buildable area
    result = run(tmp_path, [
        house("inside", rect(10, 10, 20, 20)),
        house("partly", rect(80, 30, 20, 10)),  # x 95-100 outside: 5 x 10 = 50 m²
        house("all-out", rect(10, 42, 20, 5)),  # in A but wholly outside its envelope: 100 m²
        house("sliver", rect(40, 30, 10, 10.05)),  # 0.5 m² above y 40: a sliver
        house("on-B", rect(120, 42, 20, 5)),  # B has no building control line
    ], [envelope], line_layer="建筑控制线")
    assert rules_of(result) == [("building_line", "all-out"), ("building_line", "partly")]
    assert found(result)["partly"].actual == pytest.approx(50.0)
    assert found(result)["all-out"].actual == pytest.approx(100.0)
    assert found(result)["all-out"].details["lines"] == ["建筑控制线#1"]


def test_building_control_line_of_a_neighbouring_parcel(tmp_path):
    envelope = area((60, 0), (100, 0), (100, 50), (60, 50))  # A's, reaching A's east edge at x = 100
    result = run(tmp_path, [
        house("touching", rect(100, 10, 10, 10)),  # in B, against the envelope's edge: not governed by it
        house("into", rect(99.8, 30, 10, 10)),  # in B, 0.2 x 10 = 2 m² inside A's envelope: governed, 98 m² out
    ], [envelope], line_layer="建筑控制线")
    assert rules_of(result) == [("building_line", "into"), ("crosses_parcel", "into")]
    assert found(result, "building_line")["into"].actual == pytest.approx(98.0)


def test_open_building_control_line_crossed(tmp_path):
    result = run(tmp_path, [house("1", rect(10, 10, 10, 10)), house("2", rect(40, 10, 10, 10))],
                 [line((45, -10), (45, 60))], line_layer="建筑控制线")
    assert rules_of(result) == [("building_line", "2")]
    assert found(result)["2"].details["how"] == "crosses"


# --- kinds: from fields and from layer names -------------------------------------------------------------------

def test_kinds_from_a_field(tmp_path):
    zones = [area((0, 0), (10, 0), (10, 10), (0, 10)), area((20, 0), (30, 0), (30, 10), (20, 10)),
             area((40, 0), (50, 0), (50, 10), (40, 10)), area((60, 0), (70, 0), (70, 10), (60, 10))]
    result = run(tmp_path, [house(str(k), rect(x, 0, 10, 10)) for k, x in enumerate((0, 20, 40, 60))], zones,
                 line_layer="控制线", 类型=["城市蓝线", "紫线", "Yellow Line", "LX"])
    # "LX" names nothing (it is a field name, not a kind): that zone is not used, and a warning says so.
    assert rules_of(result) == [("blue_line", "0"), ("purple_line", "1"), ("yellow_line", "2")]
    warning = next(w for w in result.warnings if w.code == "control_kind_unknown")
    assert warning.details["count"] == 1 and warning.details["texts"] == "LX"
    assert warning.details["field"] == "类型"


def test_field_kind_wins_over_the_layer_name_and_the_layer_name_fills_blanks(tmp_path):
    zones = [area((0, 0), (10, 0), (10, 10), (0, 10)), area((20, 0), (30, 0), (30, 10), (20, 10))]
    result = run(tmp_path, [house("0", rect(0, 0, 10, 10)), house("1", rect(20, 0, 10, 10))], zones,
                 line_layer="绿线", kind=["yellow_line", None])
    assert rules_of(result) == [("green_line", "1"), ("yellow_line", "0")]


def test_cad_delivery_kind_from_the_layer_field_and_closed_polylines_as_areas(tmp_path):
    # GDAL reads a DXF as one layer "entities" whose "Layer" field holds each entity's CAD layer.
    ring = line((0, 0), (30, 0), (30, 20), (0, 20), (0, 0))
    result = run(tmp_path, [house("1", rect(20, 5, 20, 10)), house("2", rect(60, 30, 20, 14.5))],
                 [line(*NORTH), ring], line_layer="entities", Layer=["道路红线", "城市绿线"], 道路等级=["支路", None])
    assert rules_of(result) == [("green_line", "1"), ("setback", "2")]
    assert found(result, "green_line")["1"].actual == pytest.approx(100.0)


@pytest.mark.parametrize(("layer", "kind"), [
    ("道路红线", "road_red_line"), ("road_red_line", "road_red_line"), ("规划绿线", "green_line"),
    ("Blue_Line", "blue_line"), ("城市紫线", "purple_line"), ("yellow line", "yellow_line"),
    ("生态保护红线", "ecological_red_line"), ("ECOLOGICAL_RED_LINE", "ecological_red_line"),
    ("永久基本农田保护红线", "basic_farmland"), ("basic_farmland", "basic_farmland"),
    ("建筑控制线", "building_line"), ("building_line", "building_line"), ("RED", "road_red_line"),
])
def test_kind_from_the_layer_name(tmp_path, layer, kind):
    path = write_lines(tmp_path, layer, [line(*NORTH)])
    controls = load_controls(path)
    assert [KINDS[k] for k in controls.kinds] == [kind]


@pytest.mark.parametrize("text", ["用地红线", "红线宽度", "lines_blue", "misc"])
def test_names_that_tell_no_kind(text):
    assert ControlTable.load().kind_of(text) is None


def test_layer_of_unknown_kind_is_warned_not_guessed(tmp_path):
    path = write_lines(tmp_path, "misc", [line(*NORTH)])
    controls = load_controls(path)
    assert list(controls.kinds) == [-1]
    assert [w.code for w in controls.warnings] == ["control_kind_unknown"]
    result = check(load_plan(write_plan(tmp_path)),
                   load_buildings(write_buildings(tmp_path, [house("1", rect(40, 45, 10, 10))])), controls=[controls])
    assert rules_of(result) == [("outside_plan", "1")] and "control_kind_unknown" in codes(result)


def test_every_layer_of_a_file_that_says_what_it_holds(tmp_path):
    path = write_lines(tmp_path, "道路红线", [line(*NORTH)], 道路等级=["支路"])
    write_lines(tmp_path, "绿线", [area((0, 0), (30, 0), (30, 20), (0, 20))])
    write_lines(tmp_path, "notes", [line((0, 0), (1, 1))])
    controls = load_controls(path)
    assert controls.info.layer == "道路红线, 绿线" and controls.info.features == 2
    assert [KINDS[k] for k in controls.kinds] == ["road_red_line", "green_line"]
    assert [w.code for w in controls.warnings] == ["control_layer_skipped"]
    only_green = load_controls(path, "绿线")
    assert [KINDS[k] for k in only_green.kinds] == ["green_line"]
    with pytest.raises(InputError) as error:
        load_controls(path, "missing")
    assert error.value.code == "layer_missing"


def test_a_file_of_layers_that_say_nothing_is_ambiguous(tmp_path):
    path = write_lines(tmp_path, "a", [line(*NORTH)])
    write_lines(tmp_path, "b", [line(*NORTH)])
    with pytest.raises(InputError) as error:
        load_controls(path)
    assert error.value.code == "layer_ambiguous"


def test_ids_names_and_unusable_geometry(tmp_path):
    path = write_lines(tmp_path, "道路红线", [line(*NORTH), shapely.Point(X0, Y0), line((0, 60), (10, 60))],
                       编号=["HX-1", "HX-2", None], 退让距离=["8", "x", "abc"])
    controls = load_controls(path)
    assert list(controls.ids) == ["HX-1", "道路红线#3"]  # the point is dropped; a blank id falls back to the fid
    assert controls.setback[0] == 8.0 and math.isnan(controls.setback[1])
    # The last line states "abc" and no road class: its setback cannot be known.
    assert sorted(w.code for w in controls.warnings) == ["control_geometry_unusable", "setback_unknown",
                                                          "unreadable_line_value"]


# --- coordinate systems ----------------------------------------------------------------------------------------

def test_lines_in_another_crs_than_the_plan(tmp_path):
    to_degrees = Transformer.from_crs("EPSG:4542", "EPSG:4326", always_xy=True)
    north = shapely.transform(line(*NORTH).segmentize(5.0),
                              lambda xy: np.column_stack(to_degrees.transform(xy[:, 0], xy[:, 1])))
    zone = shapely.transform(area((0, 0), (30, 0), (30, 20), (0, 20)).segmentize(5.0),
                             lambda xy: np.column_stack(to_degrees.transform(xy[:, 0], xy[:, 1])))
    path = write_lines(tmp_path, "道路红线", [north], crs="EPSG:4326", 道路等级=["支路"])
    write_lines(tmp_path, "绿线", [zone], crs="EPSG:4326")
    result = check(load_plan(write_plan(tmp_path)), load_buildings(write_buildings(tmp_path, [
        house("short", rect(40, 30, 20, 13.5)), house("green", rect(20, 5, 20, 10))])),
        controls=[load_controls(path)])
    assert result.crs == "EPSG:4542"
    assert rules_of(result) == [("green_line", "green"), ("setback", "short")]
    assert found(result, "setback")["short"].actual == pytest.approx(6.5, abs=1e-3)
    assert found(result, "green_line")["green"].actual == pytest.approx(100.0, abs=0.05)
    assert any(w.code == "reprojected" and w.details["from"] == "EPSG:4326" for w in result.warnings)


# --- the result: parcels, JSON, messages --------------------------------------------------------------------

def test_findings_count_on_the_parcel_and_in_the_json(tmp_path):
    result = road(tmp_path, [house("short", rect(40, 30, 20, 13.5)), house("ok", rect(110, 10, 10, 10))])
    parcels = {p.id: p for p in result.parcels}
    assert parcels["A"].status == "violation" and [v.rule for v in parcels["A"].violations] == ["setback"]
    # B meets its FAR limit, but this plan has no density, height or green-ratio field: never a plain pass.
    assert parcels["B"].status == "partial"
    assert parcels["B"].checked == {"far": "pass", "density": "not_checked", "height": "not_checked",
                                    "green_ratio": "not_checked", "land_use": "pass"}
    doc = result_json(result, "en")
    v = doc["violations"][0]
    assert v["kind"] == "setback" and v["distance"] == pytest.approx(6.5) and v["required"] == 7.0
    assert v["source"] == "table" and len(v["segment"]) == 2 and v["line"] == "道路红线#1"
    assert doc["inputs"]["lines"][0]["layer"] == "道路红线"
    assert v["message"] == ("Building short stands 6.50 m from the road red line 道路红线#1; 7.00 m is required "
                            "(setback table: branch road, low or multi-storey building).")
    zh = violation_message(result.violations[0], "zh")
    assert "6.50 m" in zh and "支路" in zh and zh != v["message"]


def test_without_lines_nothing_changes(tmp_path):
    plan = load_plan(write_plan(tmp_path))
    buildings = load_buildings(write_buildings(tmp_path, [house("1", rect(40, 45, 10, 10))]))
    assert check(plan, buildings).violations == check(plan, buildings, controls=[]).violations
    assert result_json(check(plan, buildings), "en")["inputs"]["lines"] == []


# --- the command line -----------------------------------------------------------------------------------------

def test_cli_lines_end_to_end(tmp_path, capsys):
    write_plan(tmp_path)
    write_buildings(tmp_path, [house("short", rect(40, 30, 20, 13.5)), house("green", rect(20, 5, 20, 10))])
    lines = write_lines(tmp_path, "道路红线", [line(*NORTH)], 道路等级=["支路"])
    write_lines(tmp_path, "绿线", [area((0, 0), (30, 0), (30, 20), (0, 20))])
    out = tmp_path / "out.json"
    code = main(["check", "--plan", str(tmp_path / "plan.gpkg"), "--buildings", str(tmp_path / "buildings.gpkg"),
                 "--lines", str(lines), "--lines-layer", "道路红线", "--lines", str(lines), "--lines-layer", "绿线",
                 "--json", str(out), "--lang", "en"])
    assert code == 1
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert [i["layer"] for i in doc["inputs"]["lines"]] == ["道路红线", "绿线"]
    by_rule = {v["rule"]: v for v in doc["violations"]}
    assert set(by_rule) == {"setback", "green_line"}
    assert by_rule["setback"]["kind"] == "setback"
    assert by_rule["setback"]["distance"] == pytest.approx(6.5) and by_rule["setback"]["required"] == 7.0
    assert by_rule["green_line"]["kind"] == "control_line" and by_rule["green_line"]["area"] == pytest.approx(100)
    summary = capsys.readouterr().out
    assert "Control lines:" in summary and "[Setback from the road red line too small]" in summary


def test_cli_lines_passing_exits_0_and_a_missing_lines_file_exits_2(tmp_path, capsys):
    write_plan(tmp_path)
    write_buildings(tmp_path, [house("ok", rect(40, 10, 20, 10))])
    lines = write_lines(tmp_path, "道路红线", [line(*NORTH)], 道路等级=["支路"])
    args = ["check", "--plan", str(tmp_path / "plan.gpkg"), "--buildings", str(tmp_path / "buildings.gpkg")]
    assert main([*args, "--lines", str(lines)]) == 0
    assert main([*args, "--lines", str(tmp_path / "none.gpkg")]) == 2
    assert "none.gpkg" in capsys.readouterr().err


def test_cli_lines_layer_needs_a_lines_file(capsys):
    with pytest.raises(SystemExit):
        main(["check", "--plan", "p", "--buildings", "b", "--lines-layer", "x"])
    assert "--lines-layer needs a --lines FILE" in capsys.readouterr().err


# --- the sample --------------------------------------------------------------------------------------------

def test_sample_lines(monkeypatch):
    root = Path(__file__).resolve().parents[2]
    monkeypatch.chdir(root)
    plan = load_plan("sample_plans/xiguan_plan.gpkg")
    lines = load_controls("sample_plans/xiguan_lines.gpkg")
    violating = check(plan, load_buildings("sample_plans/scheme_violating.gpkg"), controls=[lines])
    compliant = check(plan, load_buildings("sample_plans/scheme_compliant.gpkg"), controls=[lines])
    sys.path.insert(0, str(root / "sample_plans"))
    from generate_lines import EXPECTED_LINE_VIOLATIONS, EXPECTED_PLAN_CONFLICTS

    got = [(v.rule, v.building) for v in violating.violations if v.rule in dict.fromkeys(
        r for r, _b, _n in EXPECTED_LINE_VIOLATIONS)]
    assert got == [(rule, building) for rule, building, _n in EXPECTED_LINE_VIOLATIONS]
    for v, (_rule, _building, numbers) in zip([v for v in violating.violations if (v.rule, v.building) in got],
                                               EXPECTED_LINE_VIOLATIONS):
        for key, value in numbers.items():
            assert v.details[key] == (pytest.approx(value) if isinstance(value, float) else value), (v, key)
    assert not [v for v in compliant.violations]
    for result in (violating, compliant):
        conflicts = [(w.parcel, w.details["line_kind"], w.details["area"]) for w in result.warnings
                     if w.code == "plan_conflict"]
        assert conflicts == [(p, k, pytest.approx(a)) for p, k, a in EXPECTED_PLAN_CONFLICTS]
    assert pyogrio.list_layers("sample_plans/xiguan_lines.gpkg")[:, 0].tolist() == [
        "道路红线", "绿线", "蓝线", "生态保护红线", "建筑控制线"]
