"""The Python API for notebooks: loaders that take GeoDataFrames, and CheckResult.to_geodataframes().

Every input is built in memory with geopandas (EPSG:4542, metres from the Jiuquan origin of tests/helpers.py):

* plan: parcel A-1 (x 0-100, y 0-100; 10,000 m²; FAR ≤ 2.0, density ≤ 30 %, height ≤ 40 m, green ≥ 30 %) and
  A-2 (x 100-200; FAR ≤ 3.0, density ≤ 30 %, height ≤ 24 m, green not controlled), both 070102 (housing);
* buildings: 1# on A-1, 40 x 50 m (2,000 m²), 12 storeys of 3 m: counted area 24,000 m², FAR 2.4 > 2.0
  (far_max), density 20 %, height 36 m; 2# on A-2, 30 x 85 m (2,550 m²), 3 storeys of 3 m: FAR 0.765,
  density 25.5 %, height 9 m, its north side at y = 95;
* green: 40 x 80 m on A-1 (3,200 m²): green ratio 32 %;
* control lines: a road red line of a branch road (支路) along y = 100: a multi-storey building must stand 7 m
  back (resources/control_lines.toml), 2# stands 5 m back (setback).
"""

from __future__ import annotations

import dataclasses

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from geopandas.testing import assert_geodataframe_equal
from shapely.geometry import LineString

import planner
from planner import check, load_buildings, load_controls, load_green, load_plan
from planner.io.frames import FRAME_PATH
from planner.model import InputError
from tests.helpers import X0, Y0, rect

CRS = "EPSG:4542"
A1, A2 = rect(0, 0, 100, 100), rect(100, 0, 100, 100)
B1, B2 = rect(10, 10, 40, 50), rect(120, 10, 30, 85)
GREEN = rect(55, 10, 40, 80)


def plan_frame(crs=CRS) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"地块编号": ["A-1", "A-2"], "用地代码": ["070102", "070102"], "容积率": ["≤2.0", "≤3.0"],
                             "建筑密度": ["≤30%", "≤30%"], "建筑限高": [40.0, 24.0], "绿地率": ["≥30%", "—"]},
                            geometry=[A1, A2], crs=crs)


def building_frame(crs=CRS) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"建筑编号": ["1#", "2#"], "层数": [12, 3], "层高": [3.0, 3.0], "建筑用途": ["住宅", "住宅"]},
                            geometry=[B1, B2], crs=crs)


def green_frame() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"绿地编号": ["G1"], "折算系数": [1.0]}, geometry=[GREEN], crs=CRS)


def line_frame() -> gpd.GeoDataFrame:
    north = LineString([(X0 - 20, Y0 + 100), (X0 + 220, Y0 + 100)])
    return gpd.GeoDataFrame({"编号": ["HX-1"], "控制线类型": ["道路红线"], "道路名称": ["纬一路"], "道路等级": ["支路"]},
                            geometry=[north], crs=CRS)


def check_frames(plan=None, buildings=None, green=None, lines=None):
    plan = plan_frame() if plan is None else plan
    buildings = building_frame() if buildings is None else buildings
    green = green_frame() if green is None else green
    lines = line_frame() if lines is None else lines
    return check(load_plan(plan), load_buildings(buildings), load_green(green), controls=[load_controls(lines)])


def test_frames_are_checked_like_files_by_hand():
    result = check_frames()
    parcels = {p.id: p for p in result.parcels}
    a, b = parcels["A-1"], parcels["A-2"]
    assert a.site_area == pytest.approx(10_000)
    assert a.gfa == pytest.approx(24_000) and a.far == pytest.approx(2.4)
    assert a.density == pytest.approx(0.2) and a.max_height == pytest.approx(36)
    assert a.green_ratio == pytest.approx(0.32)
    assert b.gfa == pytest.approx(7_650) and b.far == pytest.approx(0.765) and b.density == pytest.approx(0.255)
    assert b.max_height == pytest.approx(9)
    found = {(v.rule, v.parcel, v.building): v for v in result.violations}
    assert set(found) == {("far_max", "A-1", None), ("setback", "A-2", "2#")}
    assert found["far_max", "A-1", None].actual == pytest.approx(2.4)
    assert found["far_max", "A-1", None].limit == (None, 2.0)
    assert found["setback", "A-2", "2#"].actual == pytest.approx(5.0)
    assert found["setback", "A-2", "2#"].limit == pytest.approx(7.0)
    assert result.crs == CRS
    plan_info = result.inputs["plan"]
    assert (plan_info.path, plan_info.layer, plan_info.features, plan_info.crs) == (str(FRAME_PATH), "plan", 2, CRS)
    assert result.lines[0].layer == "lines"


def test_a_frame_gives_the_result_its_file_gives(tmp_path):
    frames = {"plan": plan_frame(), "buildings": building_frame(), "green": green_frame(), "lines": line_frame()}
    paths = {}
    for role, frame in frames.items():
        paths[role] = tmp_path / f"{role}.gpkg"
        frame.to_file(paths[role], layer=role, driver="GPKG", engine="pyogrio")
    from_frames = check_frames(**frames)
    from_files = check(load_plan(paths["plan"]), load_buildings(paths["buildings"]), load_green(paths["green"]),
                       controls=[load_controls(paths["lines"])])
    for column in ("ids", "land_use", "site_area", "gfa", "footprint_area", "green_area", "far", "density",
                   "max_height", "green_ratio", "rows"):
        np.testing.assert_array_equal(getattr(from_frames.parcels, column), getattr(from_files.parcels, column))
    assert from_frames.violations == from_files.violations
    assert [(w.code, w.parcel, w.building) for w in from_frames.warnings] == \
        [(w.code, w.parcel, w.building) for w in from_files.warnings]
    assert from_frames.crs == from_files.crs
    for role in ("plan", "buildings", "green"):
        assert from_frames.inputs[role].features == from_files.inputs[role].features
        assert from_frames.inputs[role].crs == from_files.inputs[role].crs
    frame_parcels, frame_findings = from_frames.to_geodataframes(lang="en")
    file_parcels, file_findings = from_files.to_geodataframes(lang="en")
    assert_geodataframe_equal(frame_parcels, file_parcels)
    assert_geodataframe_equal(frame_findings, file_findings)


def test_input_frames_are_never_modified():
    frames = {"plan": plan_frame(), "buildings": building_frame(), "green": green_frame(), "lines": line_frame()}
    frames["plan"].index = pd.Index([7, 9])  # an index of the caller's own is left as it is too
    before = {role: frame.copy(deep=True) for role, frame in frames.items()}
    result = check_frames(**frames)
    result.to_geodataframes(lang="en")
    for role, frame in frames.items():
        assert_geodataframe_equal(frame, before[role])
        assert list(frame.columns) == list(before[role].columns)
        # The engine prepares the parcels it measures: copies, never the caller's geometry objects.
        assert not shapely.is_prepared(np.asarray(frame.geometry.array)).any()


@pytest.mark.filterwarnings("ignore:'crs' was not provided")
def test_a_frame_without_crs_is_taken_like_a_file_without_one(tmp_path):
    no_crs = plan_frame(crs=None)
    path = tmp_path / "plan.gpkg"
    no_crs.to_file(path, layer="plan", driver="GPKG", engine="pyogrio")
    from_frame = check(load_plan(no_crs), load_buildings(building_frame()))
    from_file = check(load_plan(path), load_buildings(building_frame()))
    assert from_frame.inputs["plan"].crs is None and from_frame.crs == CRS
    assert "crs_assumed" in {w.code for w in from_frame.warnings}
    assert [w.code for w in from_frame.warnings] == [w.code for w in from_file.warnings]
    assert from_frame.violations == from_file.violations
    parcels, _findings = from_frame.to_geodataframes(lang="en")
    assert parcels.crs == CRS

    degrees = gpd.GeoDataFrame({"地块编号": ["A"], "容积率": ["≤2"]}, geometry=[shapely.box(98.5, 39.7, 98.6, 39.8)])
    with pytest.raises(InputError) as raised:
        check(load_plan(degrees), load_buildings(building_frame(crs=None)))
    assert raised.value.code == "crs_missing_degrees"


def test_a_field_needing_a_mapping_is_mapped_like_a_files(tmp_path):
    plan = plan_frame().rename(columns={"地块编号": "PID", "容积率": "K_1"})[["PID", "K_1", "geometry"]]
    path = tmp_path / "plan.gpkg"
    plan.to_file(path, layer="plan", driver="GPKG", engine="pyogrio")
    for source in (plan, path):
        with pytest.raises(InputError) as raised:
            load_plan(source)
        assert raised.value.code == "fields_unrecognised"
        assert "PID" in raised.value.details["fields"] and "K_1" in raised.value.details["fields"]
    mapping = {"plan": {"id": "PID", "far": "K_1"}}
    result = check(load_plan(plan, mapping=mapping), load_buildings(building_frame()))
    assert [(v.rule, v.parcel) for v in result.violations] == [("far_max", "A-1")]
    assert result.violations == check(load_plan(path, mapping=mapping), load_buildings(building_frame())).violations


def test_a_named_index_is_a_field_as_to_file_writes_it():
    plan = plan_frame().set_index("地块编号")
    result = check(load_plan(plan), load_buildings(building_frame()))
    assert sorted(result.parcels.ids.tolist()) == ["A-1", "A-2"]


def test_control_kind_from_the_layer_name_given():
    lines = line_frame().drop(columns=["控制线类型"])
    layer = load_controls(lines, layer="道路红线")
    assert layer.info.layer == "道路红线" and layer.info.path == str(FRAME_PATH)
    assert layer.kinds.tolist() == [0]  # road_red_line


def test_what_is_neither_a_path_nor_a_geodataframe_is_refused():
    with pytest.raises(TypeError):
        load_plan(pd.DataFrame(plan_frame().drop(columns="geometry")))
    with pytest.raises(InputError) as raised:
        load_plan(plan_frame().iloc[:0])
    assert raised.value.code == "empty_layer"


def test_provenance_hashes_the_frames_content():
    plan = plan_frame()
    same = load_plan(plan.copy(deep=True)).info.sha256
    assert load_plan(plan).info.sha256 == same
    other = plan.copy()
    other.loc[0, "容积率"] = "≤2.5"
    assert load_plan(other).info.sha256 != same
    moved = plan.copy()
    moved.geometry = moved.geometry.translate(1, 0)
    assert load_plan(moved).info.sha256 != same


def test_to_geodataframes_columns_geometry_and_crs():
    result = check_frames()
    parcels, findings = result.to_geodataframes(lang="en")
    assert isinstance(parcels, gpd.GeoDataFrame) and isinstance(findings, gpd.GeoDataFrame)
    for column in ("id", "far", "density", "max_height", "green_ratio", "status", "geometry"):
        assert column in parcels.columns
    for column in ("rule", "kind", "parcel", "building", "actual", "limit", "message", "geometry"):
        assert column in findings.columns
    assert parcels.crs == CRS and findings.crs == CRS

    assert parcels["id"].tolist() == ["A-1", "A-2"]
    assert parcels["status"].tolist() == ["violation", "violation"]
    assert parcels["far"].tolist() == pytest.approx([2.4, 0.765])
    assert parcels["density"].tolist() == pytest.approx([0.2, 0.255])
    assert parcels["max_height"].tolist() == pytest.approx([36, 9])
    assert parcels["green_ratio"].tolist() == pytest.approx([0.32, 0.0])
    assert parcels.geometry.iloc[0].equals(A1) and parcels.geometry.iloc[1].equals(A2)

    by_rule = findings.set_index("rule")
    far = by_rule.loc["far_max"]
    assert (far["kind"], far["parcel"]) == ("indicator", "A-1") and pd.isna(far["building"])
    assert far["actual"] == pytest.approx(2.4) and far["limit"] == 2.0
    assert far.geometry.equals(A1)  # a parcel's finding: the parcel
    assert "A-1" in far["message"] and "2.40" in far["message"]
    setback = by_rule.loc["setback"]
    assert (setback["kind"], setback["parcel"], setback["building"]) == ("setback", "A-2", "2#")
    assert setback["actual"] == pytest.approx(5.0) and setback["limit"] == pytest.approx(7.0)
    assert setback.geometry.equals(B2)  # a building's finding: its footprint
    assert "2#" in setback["message"]


def test_to_geodataframes_words_and_entry_points():
    result = check_frames()
    _parcels, zh = result.to_geodataframes(lang="zh")
    assert any("地块" in message for message in zh["message"])
    _parcels, en = planner.to_geodataframes(result, lang="en")
    assert_geodataframe_equal(en, result.to_geodataframes(lang="en")[1])
    with pytest.raises(ValueError):
        dataclasses.replace(result, geometry=None).to_geodataframes(lang="en")


def test_a_scheme_without_findings_gives_an_empty_findings_frame():
    low = building_frame().iloc[:1].assign(层数=[3])
    result = check(load_plan(plan_frame()), load_buildings(low))
    parcels, findings = result.to_geodataframes(lang="en")
    assert parcels["status"].tolist() == ["partial"]  # A-1 limits green ratio and no green layer was given
    parcels, findings = check(load_plan(plan_frame()), load_buildings(low), load_green(green_frame())
                              ).to_geodataframes(lang="en")
    assert parcels["status"].tolist() == ["pass"]
    assert len(findings) == 0 and findings.crs == CRS
    assert "message" in findings.columns
