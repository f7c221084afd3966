"""Hostile input: coordinates that are not numbers or lie where no feature can be, in every layer and in `planner
diff`; files that are folders, empty, cut off or missing a part; library warnings. No crash, no silent wrong
verdict: a bad feature is left out and named, a file that cannot be trusted is refused with one line on stderr.
"""

from __future__ import annotations

import json
import os
import sqlite3
import struct
import subprocess
import sys
import warnings
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyproj import CRS

from planner.checking.engine import check
from planner.io import files
from planner.io.clean import clean, crs_box, finite
from planner.io.controls import load_controls
from planner.io.layers import load_buildings, load_green, load_plan
from planner.messages import error_message, warning_message
from planner.model import CheckResult, InputError
from tests.helpers import ROOT, SAMPLES, X0, Y0, rect, with_vertex, write_layer

PLAN = SAMPLES / "xiguan_plan.gpkg"
SCHEME = SAMPLES / "scheme_violating.gpkg"
LINES = SAMPLES / "xiguan_lines.gpkg"
DXF = SAMPLES / "xiguan_scheme.dxf"
BUILDINGS_LAYER, GREEN_LAYER, ROAD_LAYER = "建筑", "绿地", "道路红线"
#: GeoJSON is WGS 84 unless it says otherwise (the old "crs" member, which GDAL reads).
EPSG_4542 = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4542"}}
COORDINATE_CODES = ("coordinates_not_finite", "coordinates_absurd", "coordinates_outside_crs",
                    "coordinates_far_away")

#: Layers without a CRS are written on purpose; NaN coordinates make shapely warn while the tests build them.
pytestmark = [pytest.mark.filterwarnings("ignore:'crs' was not provided:UserWarning"),
              pytest.mark.filterwarnings("ignore:invalid value encountered:RuntimeWarning")]


# --- building bad layers ----------------------------------------------------------------------------------

def read(path: Path, layer: str | None = None) -> gpd.GeoDataFrame:
    return gpd.read_file(path, layer=layer, engine="pyogrio")


def write(frame: gpd.GeoDataFrame, path: Path, layer: str) -> Path:
    frame.to_file(path, layer=layer, driver="GPKG", engine="pyogrio")
    return path


#: Each layer role: the sample file and layer, the id column and the feature made bad (one with findings).
ROLES = {
    "plan": (PLAN, None, "地块编号", "XG-06-01"),
    "buildings": (SCHEME, BUILDINGS_LAYER, "建筑编号", "3#"),  # crosses XG-06-01 and XG-06-02
    "green": (SCHEME, GREEN_LAYER, "绿地编号", None),  # the green area on XG-05-01 (green ratio above maximum)
    "lines": (LINES, ROAD_LAYER, "编号", "HX-FK-02"),  # setbacks of 1# and 4#, 10# beyond it
}
BAD_VALUES = {"nan": (np.nan, "coordinates_not_finite"), "inf": (np.inf, "coordinates_not_finite"),
              "1e15": (1e15, "coordinates_absurd")}


def bad_and_without(tmp_path: Path, role: str, value: float) -> tuple[Path, Path, int, str]:
    """The role's sample layer with one vertex of one feature set to `value`, and the same layer without that
    feature. Returns both files, the bad feature's fid (GPKG fids count from 1) and its id."""
    source, layer, id_column, target = ROLES[role]
    frame = read(source, layer)
    if target is None:  # the green area with most of its area on XG-05-01
        parcel = read(PLAN).set_index("地块编号").geometry["XG-05-01"]
        target = frame[id_column][frame.geometry.intersection(parcel).area.idxmax()]
    row = int(np.flatnonzero(frame[id_column] == target)[0])
    name = layer or "plan"
    bad = frame.copy()
    bad.loc[row, "geometry"] = with_vertex(frame.geometry[row], value)
    without = frame.drop(index=row).reset_index(drop=True)
    return (write(bad, tmp_path / f"{role}_bad.gpkg", name), write(without, tmp_path / f"{role}_without.gpkg", name),
            row + 1, target)


def run_check(plan=PLAN, buildings=SCHEME, green=SCHEME, lines=LINES) -> CheckResult:
    controls = [load_controls(lines)]
    return check(load_plan(plan), load_buildings(buildings, BUILDINGS_LAYER), load_green(green, GREEN_LAYER),
                 controls=controls)


def findings(result: CheckResult) -> list[tuple]:
    return sorted((v.rule, v.parcel or "", v.building or "", repr(v.actual), repr(v.limit), v.marginal)
                  for v in result.violations)


def warning_keys(result: CheckResult) -> list[tuple]:
    return sorted((w.code, w.parcel or "", w.building or "", str(w.details.get("green", "")),
                   str(w.details.get("line", ""))) for w in result.warnings)


@pytest.mark.parametrize("kind", list(BAD_VALUES))
@pytest.mark.parametrize("role", list(ROLES))
def test_a_bad_vertex_leaves_its_feature_out_and_names_it(tmp_path, role, kind):
    value, code = BAD_VALUES[kind]
    bad, without, fid, target = bad_and_without(tmp_path, role, value)
    paths = {"plan": PLAN, "buildings": SCHEME, "green": SCHEME, "lines": LINES}
    result = run_check(**{**paths, role: bad})
    reference = run_check(**{**paths, role: without})

    told = [w for w in result.warnings if w.code in COORDINATE_CODES]
    assert [w.code for w in told] == [code]
    message = warning_message(told[0], "en")
    assert f"{bad.name} layer {ROLES[role][1] or 'plan'}:" in message
    assert f"feature {fid} " in message and target in message
    assert "left out" in message
    # Everything else is exactly what the same data without the bad feature gives.
    assert findings(result) == findings(reference)
    assert [k for k in warning_keys(result) if k[0] not in COORDINATE_CODES] == warning_keys(reference)
    if role == "buildings":  # the bad building is named by no finding, so by none on a parcel it does not stand on
        assert not [v for v in result.violations if v.building == target]
        assert {v.parcel for v in result.violations} == {v.parcel for v in reference.violations}


def test_the_clean_sample_gives_the_findings_a_bad_vertex_takes_away(tmp_path):
    """The comparison above can fail: the features made bad do carry findings of their own."""
    clean_result = run_check()
    for role in ROLES:
        _bad, without, _fid, _target = bad_and_without(tmp_path, role, np.nan)
        paths = {"plan": PLAN, "buildings": SCHEME, "green": SCHEME, "lines": LINES, role: without}
        assert findings(run_check(**paths)) != findings(clean_result), role


def test_a_vertex_far_outside_the_crs_area_and_one_far_from_the_layer(tmp_path):
    frame = read(SCHEME, BUILDINGS_LAYER)
    bad = frame.copy()
    bad.loc[0, "geometry"] = with_vertex(frame.geometry[0], 5e7)  # within 1e10, far outside EPSG:4542's zone
    bad.loc[1, "geometry"] = with_vertex(frame.geometry[1], frame.geometry[1].bounds[0] + 300_000)  # in the zone
    buildings = load_buildings(write(bad, tmp_path / "b.gpkg", BUILDINGS_LAYER), BUILDINGS_LAYER)
    told = {w.building: w for w in buildings.warnings if w.code in COORDINATE_CODES}
    assert {b: w.code for b, w in told.items()} == {"G-1": "coordinates_outside_crs", "G-2": "coordinates_far_away"}
    assert warning_message(told["G-1"], "en") == (
        "b.gpkg layer 建筑: feature 1 (building G-1) has a vertex at (50000000, 4400570), far outside the area its "
        "coordinate system EPSG:4542 covers; it is left out. Correct the vertex, or the layer's coordinate system, "
        "and check again.")
    x, y = frame.geometry[1].bounds[0] + 300_000, shapely.get_coordinates(frame.geometry[1])[1, 1]
    assert f"has a vertex at ({x:.0f}, {y:.0f}), far away from all the other features of the layer" in \
        warning_message(told["G-2"], "en")
    assert len(buildings.geometry) == len(frame) - 2


def test_real_layers_are_never_flagged():
    """The samples, a province of patches around a city and a sparse spread of features keep every feature."""
    for load, layer in ((load_plan, None), (load_buildings, BUILDINGS_LAYER), (load_green, GREEN_LAYER)):
        loaded = load(PLAN if load is load_plan else SCHEME, layer)
        assert not [w for w in loaded.warnings if w.code in COORDINATE_CODES]
    lines = load_controls(LINES)
    assert not [w for w in lines.warnings if w.code in COORDINATE_CODES]
    rng = np.random.default_rng(1)
    layers = {
        "province": np.concatenate([rng.normal(0, 3_000, (3000, 2)), rng.uniform(-300_000, 300_000, (1000, 2))]),
        "sparse": np.concatenate([rng.normal(0, 3_000, (200, 2)), rng.uniform(-150_000, 150_000, (20, 2))]),
        "two districts": np.concatenate([rng.normal(0, 3_000, (300, 2)), rng.normal(400_000, 3_000, (200, 2))]),
    }
    for name, centres in layers.items():
        squares = shapely.buffer(shapely.points(centres + [X0, Y0]), 20, cap_style="square")
        for crs in (None, CRS.from_epsg(4542)):
            _geometry, kept, told = clean(squares, lambda i: (None, None, {"fid": i}), crs=crs)
            assert kept.all() and not told, name


def describe_fid(i: int) -> tuple[None, None, dict]:
    return None, None, {"fid": i}


def test_without_a_crs_the_layer_itself_says_what_is_far():
    city = [rect(10 * i, 0, 5, 5) for i in range(5)]
    _geometry, kept, told = clean(np.array(city + [rect(150_000, 0, 5, 5)], dtype=object), describe_fid)
    assert kept.tolist() == [True] * 5 + [False]
    assert [(w.code, w.details["fid"]) for w in told] == [("coordinates_far_away", 5)]
    assert told[0].details["vertex"].startswith("(60700")
    _geometry, kept, told = clean(np.array(city + [rect(90_000, 0, 5, 5)], dtype=object), describe_fid)
    assert kept.all() and not told  # 90 km away: the brief's ~100 km is not exceeded
    # A spike: one vertex of a 5 m building typed 120 km off (its centre stays within 100 km of the others).
    spike = with_vertex(rect(50, 0, 5, 5), X0 + 120_000)
    _geometry, kept, told = clean(np.array(city + [spike], dtype=object), describe_fid)
    assert kept.tolist() == [True] * 5 + [False]
    assert [(w.code, w.details["vertex"]) for w in told] == [("coordinates_far_away", f"({X0 + 120_000:.0f}, {Y0 + 5:.0f})")]


def test_crs_area_of_use():
    west, south, east, north = crs_box(CRS.from_epsg(4542))
    assert west < X0 < east and south < Y0 < north
    assert east < 1_000_000 and west > 0  # a GK zone is ~300 km wide: widened by as much on each side
    assert crs_box(CRS.from_epsg(4326)) == (-360.0, -90.0, 360.0, 90.0)
    assert crs_box(None) is None


def test_a_layer_with_nothing_usable_is_refused_naming_the_first(tmp_path):
    nan = with_vertex(rect(0, 0, 10, 10), np.nan)
    path = write_layer(tmp_path / "plan.gpkg", "地块", [nan, rect(0, 0, 1e15, 5)],
                       地块编号=["A", "B"], 容积率=["2.0", "2.0"])
    with pytest.raises(InputError) as raised:
        load_plan(path)
    assert raised.value.code == "nothing_usable"
    assert error_message(raised.value.code, raised.value.details, "en") == (
        f"{path} layer 地块: none of its 2 features can be used. The first: plan.gpkg layer 地块: feature 1 "
        "(parcel A) has a vertex whose coordinates are not numbers (NaN, 4398010); it is left out. Correct the "
        "vertex and check again.")


def test_a_control_file_with_nothing_usable_is_refused(tmp_path):
    line = shapely.from_wkt(f"LINESTRING ({X0} {Y0}, NaN {Y0 + 10})")
    path = write_layer(tmp_path / "lines.gpkg", "道路红线", [line], 编号=["HX-1"])
    with pytest.raises(InputError) as raised:
        load_controls(path)
    assert raised.value.code == "nothing_usable"
    assert "(line HX-1)" in error_message(raised.value.code, raised.value.details, "en")


def test_an_unclosed_ring_is_closed_and_said(tmp_path):
    """GDAL keeps an unclosed ring of a GeoPackage (and of GeoJSON, warning); shapely then reads None."""
    ring = [(X0, Y0), (X0 + 20, Y0), (X0 + 20, Y0 + 20), (X0, Y0 + 20)]
    wkb = struct.pack("<BII", 1, 3, 1) + struct.pack("<I", len(ring)) + b"".join(struct.pack("<dd", *p) for p in ring)
    from pyogrio.raw import write as write_raw

    path = tmp_path / "b.gpkg"
    write_raw(path, np.array([wkb, rect(100, 0, 20, 20).wkb], dtype=object),
              [np.array(["A", "B"], dtype=object), np.array([3, 3])], ["建筑编号", "层数"], layer="建筑",
              driver="GPKG", geometry_type="Polygon", crs="EPSG:4542")
    geojson = tmp_path / "b.geojson"
    geojson.write_text(json.dumps({"type": "FeatureCollection", "crs": EPSG_4542, "features": [
        {"type": "Feature", "properties": {"建筑编号": "A", "层数": 3},
         "geometry": {"type": "Polygon", "coordinates": [[list(p) for p in ring]]}}]}), encoding="utf-8")
    for source in (path, geojson):
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # nothing may leak
            buildings = load_buildings(source)
        (told,) = [w for w in buildings.warnings if w.code == "ring_not_closed"]
        assert told.building == "A"
        assert shapely.area(buildings.geometry[0]) == 400.0
        assert "ring that is not closed" in warning_message(told, "en")
        assert not [w for w in buildings.warnings if w.code == "gdal_warning"]  # GDAL's own words are not repeated


def test_unreadable_wkb_is_named(tmp_path):
    from planner.io.clean import from_wkb

    geometry, problems = from_wkb(np.array([rect(0, 0, 1, 1).wkb, b"\x01\x03\x00\x00", None], dtype=object))
    assert geometry[0] is not None and geometry[1] is None and geometry[2] is None
    assert problems[1][0] == "geometry_unreadable" and 2 not in problems
    _g, kept, told = clean(geometry, lambda i: (None, f"b{i}", {"fid": i}), problems=problems)
    assert kept.tolist() == [True, False, False]
    assert [(w.code, w.building) for w in told] == [("geometry_unreadable", "b1"), ("geometry_missing", "b2")]


# --- DXF ----------------------------------------------------------------------------------------------------

def dxf_with(tmp_path: Path, value: bytes) -> Path:
    data = DXF.read_bytes()
    first = b" 10\n456356.0\n 20\n4400570.0\n"  # G-1's second vertex
    assert data.count(first) == 1
    path = tmp_path / "scheme.dxf"
    path.write_bytes(data.replace(first, b" 10\n" + value + b"\n 20\n4400570.0\n"))
    return path


@pytest.mark.parametrize("value, code", [(b"nan", "coordinates_not_finite"), (b"inf", "coordinates_not_finite"),
                                         (b"1e15", "coordinates_absurd")])
def test_a_bad_vertex_in_a_drawing(tmp_path, value, code):
    buildings = load_buildings(dxf_with(tmp_path, value))
    told = [w for w in buildings.warnings if w.code in COORDINATE_CODES]
    assert [(w.code, w.building) for w in told] == [(code, "G-1")]  # named by its label, though its outline broke
    assert "G-1" not in buildings.ids.tolist() and len(buildings.ids) == 17
    lines = load_controls(dxf_with(tmp_path, value))
    assert [w.code for w in lines.warnings if w.code in COORDINATE_CODES] == [code]


def test_a_drawing_cut_off_is_refused(tmp_path):
    data = DXF.read_bytes()
    cut = tmp_path / "cut.dxf"
    cut.write_bytes(data[: int(len(data) * 0.8)])
    with pytest.raises(InputError) as raised:
        load_buildings(cut)
    assert raised.value.code == "dxf_truncated"
    assert files.dxf_complete(data)
    assert files.dxf_complete(data.replace(b"\n", b"\r\n") + b"\r\n\x1a")  # CRLF and a DOS end byte: complete
    assert not files.dxf_complete(data[:-4])  # "0\nE"
    assert not files.dxf_complete(data.rsplit(b"ENDSEC", 1)[0])


# --- clean, for any ring ------------------------------------------------------------------------------------

def _ring_wkb(points: list[tuple[float, float]]) -> bytes:
    closed = points + [points[0]]
    return struct.pack("<BII", 1, 3, 1) + struct.pack("<I", len(closed)) + \
        b"".join(struct.pack("<dd", *p) for p in closed)


_BASE = st.tuples(st.floats(0, 500), st.floats(0, 500))
_ODD = st.sampled_from(["repeat", "collinear", "nan", "inf", "far", "absurd", "none"])


@st.composite
def rings(draw):
    points = draw(st.lists(_BASE, min_size=3, max_size=7))
    points = [(X0 + x, Y0 + y) for x, y in points]
    for _ in range(draw(st.integers(0, 3))):
        odd = draw(_ODD)
        k = draw(st.integers(1, len(points) - 1))  # not the first: a ring whose start is NaN cannot close
        x, y = points[k]
        if odd == "repeat":
            points.insert(k, (x, y))
        elif odd == "collinear":
            px, py = points[k - 1]
            points.insert(k, ((x + px) / 2, (y + py) / 2))
        elif odd == "nan":
            points[k] = (np.nan, y)
        elif odd == "inf":
            points[k] = (x, -np.inf)
        elif odd == "far":
            points[k] = (x + draw(st.sampled_from([2e5, 5e6, 3e7])), y)
        elif odd == "absurd":
            points[k] = (1e15, y)
    return points


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(rings(), min_size=1, max_size=8), st.booleans(), st.booleans())
def test_clean_never_raises_and_accounts_for_every_feature(features, with_crs, as_lines):
    with np.errstate(all="ignore"):
        geometry = shapely.from_wkb(np.array([_ring_wkb(p) for p in features], dtype=object), on_invalid="ignore")
        if as_lines:
            geometry = np.array([None if g is None else shapely.LineString(g.exterior.coords) for g in geometry],
                                dtype=object)
    crs = CRS.from_epsg(4542) if with_crs else None
    cleaned, kept, told = clean(geometry, lambda i: (None, None, {"fid": i}), lines=as_lines, crs=crs)
    named = [w.details["fid"] for w in told]
    for i in range(len(features)):
        if kept[i]:
            assert shapely.is_valid(cleaned[i]) and finite(cleaned[i:i + 1])[0]
            assert np.abs(shapely.get_coordinates(cleaned[i])).max() <= 1e10
            assert named.count(i) <= 1  # a repaired polygon is named once
        else:
            assert named.count(i) == 1, (i, [w.code for w in told])
    if with_crs:
        box = crs_box(crs)
        for g in cleaned[kept]:
            xmin, ymin, xmax, ymax = shapely.bounds(g)
            assert box[0] <= xmin and xmax <= box[2] and box[1] <= ymin and ymax <= box[3]


# --- files that are no layer --------------------------------------------------------------------------------

def _gpkg_without_layers(path: Path) -> Path:
    """A GeoPackage as GDAL creates one before any layer is added: its metadata tables, no content."""
    connection = sqlite3.connect(path)
    connection.executescript("""
        PRAGMA application_id = 1196444487; PRAGMA user_version = 10400;
        CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY,
            organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL,
            description TEXT);
        INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', NULL),
            ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', NULL);
        CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL,
            identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT
            (strftime('%Y-%m-%dT%H:%M:%fZ','now')), min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE,
            srs_id INTEGER);
        CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,
            geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
            CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name));
    """)
    connection.commit()
    connection.close()
    return path


def _shapefile_without(tmp_path: Path, part: str) -> Path:
    for suffix in (".shp", ".shx", ".dbf", ".prj"):
        if suffix != part:
            (tmp_path / f"plan{suffix}").write_bytes((SAMPLES / f"xiguan_plan_gbk{suffix}").read_bytes())
    return tmp_path / "plan.shp"


def _shapefile_cut(tmp_path: Path, part: str) -> Path:
    for suffix in (".shp", ".shx", ".dbf", ".prj"):
        data = (SAMPLES / f"xiguan_plan_gbk{suffix}").read_bytes()
        (tmp_path / f"plan{suffix}").write_bytes(data[: len(data) * 6 // 10] if suffix == part else data)
    return tmp_path / "plan.shp"


def _nan_only_buildings(tmp_path: Path) -> Path:
    nan = shapely.from_wkt(f"POLYGON (({X0} {Y0}, NaN {Y0}, {X0 + 5} {Y0 + 5}, {X0} {Y0}))")
    return write_layer(tmp_path / "nan.gpkg", "建筑", [nan, nan], 建筑编号=["A", "B"], 层数=[3, 3])


def _cut(tmp_path: Path, source: Path, name: str, fraction: float = 0.8) -> Path:
    data = source.read_bytes()
    path = tmp_path / name
    path.write_bytes(data[: int(len(data) * fraction)])
    return path


#: case -> (which input is bad, how to make it, the words its one stderr line must hold).
FILE_CASES = {
    "folder": ("plan", lambda t: _mkdir(t / "plan.gpkg"), "is a folder, not a file"),
    "gdb": ("plan", lambda t: _mkdir(t / "plan.gdb"), "cannot be opened as a File Geodatabase"),
    "empty": ("plan", lambda t: _touch(t / "plan.gpkg"), "is empty (0 bytes)"),
    "no layers": ("plan", lambda t: _gpkg_without_layers(t / "plan.gpkg"), "GeoPackage without any layer"),
    "gpkg cut": ("plan", lambda t: _cut(t, PLAN, "plan.gpkg"), "is cut off: it holds"),
    "gpkg nearly whole": ("plan", lambda t: _cut(t, PLAN, "plan.gpkg", 0.99), "is cut off: it holds"),
    "gpkg damaged": ("plan", lambda t: _damaged(t / "plan.gpkg"), "is damaged: its database cannot be read"),
    "dxf cut": ("buildings", lambda t: _cut(t, DXF, "scheme.dxf"), "the drawing is cut off"),
    "no dbf": ("plan", lambda t: _shapefile_without(t, ".dbf"), "attribute table plan.dbf is missing"),
    "no shx": ("plan", lambda t: _shapefile_without(t, ".shx"), "index file plan.shx is missing"),
    "dbf cut": ("plan", lambda t: _shapefile_cut(t, ".dbf"), "plan.dbf is cut off"),
    "shp cut": ("plan", lambda t: _shapefile_cut(t, ".shp"), "plan.shp is cut off"),
    "not gis": ("plan", lambda t: _text(t / "plan.gpkg"), "is not in a format Planner reads"),
    "all nan": ("buildings", _nan_only_buildings, "none of its 2 features can be used"),
}


def _damaged(path: Path) -> Path:
    """The sample plan with its third page (SQLite's table directory) overwritten."""
    data = bytearray(PLAN.read_bytes())
    data[2 * 4096:3 * 4096] = b"\xab" * 4096
    path.write_bytes(bytes(data))
    return path


def _mkdir(path: Path) -> Path:
    path.mkdir()
    return path


def _touch(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def _text(path: Path) -> Path:
    path.write_text("地块编号,容积率\nA,2.0\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("case", list(FILE_CASES))
def test_a_file_that_is_no_layer_is_refused_in_its_own_words(tmp_path, case):
    role, make, words = FILE_CASES[case]
    path = make(tmp_path)
    load = {"plan": load_plan, "buildings": load_buildings}[role]
    with pytest.raises(InputError) as raised:
        load(path)
    message = error_message(raised.value.code, raised.value.details, "en")
    assert words in message and "<DRIVER>" not in message and "sqlite3_prepare" not in message
    assert raised.value.code != "file_unreadable"
    assert error_message(raised.value.code, raised.value.details, "zh") != message  # translated


def test_a_file_geodatabase_folder_is_read(tmp_path):
    frame = read(SCHEME, BUILDINGS_LAYER)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # (GDAL notes that FileGDB stores Integer64 as Float64)
        frame.to_file(tmp_path / "scheme.gdb", layer=BUILDINGS_LAYER, driver="OpenFileGDB", engine="pyogrio")
    assert len(load_buildings(tmp_path / "scheme.gdb").ids) == len(frame)


# --- `planner check` and `planner diff` as users run them: stderr ---------------------------------------------

#: Runs several `planner` command lines in one interpreter, each with stderr (the file descriptor, so GDAL's own
#: output counts too) in a file of its own; prints [exit code, stderr] per command as JSON.
DRIVER = """
import json, os, sys, tempfile, warnings
warnings.simplefilter("always", RuntimeWarning)
warnings.simplefilter("always", UserWarning)
from planner.cli import main
results = []
for argv in json.loads(sys.argv[1]):
    with tempfile.TemporaryFile() as err, open(os.devnull, "wb") as null:
        saved_err, saved_out = os.dup(2), os.dup(1)
        os.dup2(err.fileno(), 2)
        os.dup2(null.fileno(), 1)
        try:
            code = main(argv)
        except SystemExit as exc:
            code = exc.code
        finally:
            sys.stderr.flush()
            sys.stdout.flush()
            os.dup2(saved_err, 2)
            os.dup2(saved_out, 1)
        err.seek(0)
        results.append([code, err.read().decode("utf-8", "replace")])
print(json.dumps(results))
"""


def run_commands(commands: list[list[str]]) -> list[tuple[int, str]]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", DRIVER, json.dumps(commands)], capture_output=True, text=True,
                          encoding="utf-8", cwd=ROOT, env=env, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    return [tuple(r) for r in json.loads(done.stdout)]


def test_planner_check_and_diff_keep_stderr_to_one_line_or_nothing(tmp_path):
    commands, expected = [], []
    for case, (role, make, words) in FILE_CASES.items():
        folder = tmp_path / case.replace(" ", "_")
        folder.mkdir()
        path = str(make(folder))
        plan, buildings = (path, str(SCHEME)) if role == "plan" else (str(PLAN), path)
        commands.append(["check", "--plan", plan, "--buildings", buildings, "--lang", "en"])
        expected.append((2, words))
    bad_buildings, _without, _fid, _target = bad_and_without(tmp_path, "buildings", np.nan)
    bad_lines, _without, _fid, _target = bad_and_without(tmp_path, "lines", np.inf)
    bad_plan, _without, _fid, _target = bad_and_without(tmp_path, "plan", np.nan)
    geojson = tmp_path / "unclosed.geojson"
    ring = [[X0 + 1000, Y0], [X0 + 1020, Y0], [X0 + 1020, Y0 + 20], [X0 + 1000, Y0 + 20]]
    geojson.write_text(json.dumps({"type": "FeatureCollection", "crs": EPSG_4542, "features": [{
        "type": "Feature", "properties": {"建筑编号": "A", "层数": 3},
        "geometry": {"type": "Polygon", "coordinates": [ring]}}]}), encoding="utf-8")
    commands += [
        ["check", "--plan", str(PLAN), "--buildings", str(bad_buildings), "--buildings-layer", BUILDINGS_LAYER,
         "--green", str(SCHEME), "--green-layer", GREEN_LAYER, "--lines", str(bad_lines), "--lang", "en"],
        ["check", "--plan", str(PLAN), "--buildings", str(dxf_with(tmp_path, b"nan")), "--lang", "en"],
        ["check", "--plan", str(PLAN), "--buildings", str(geojson), "--lang", "en"],
        ["diff", "--old", str(PLAN), "--new", str(bad_plan), "--lang", "en"],
    ]
    expected += [(1, ""), (1, ""), (1, ""), (1, "")]
    for (code, stderr), (want_code, words), command in zip(run_commands(commands), expected, commands):
        assert code == want_code, (command, stderr)
        if want_code == 2:
            assert stderr.endswith("\n") and stderr.count("\n") == 1, (command, stderr)
            assert stderr.startswith("planner: ") and words in stderr, (command, stderr)
        else:
            assert stderr == "", (command, stderr)


def test_planner_check_as_a_user_runs_it(tmp_path):
    """One real `python -m planner check` (the driver above runs main() in one process)."""
    bad, _without, fid, target = bad_and_without(tmp_path, "buildings", np.nan)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run([sys.executable, "-m", "planner", "check", "--plan", str(PLAN), "--buildings", str(bad),
                           "--lang", "en"], capture_output=True, text=True, encoding="utf-8", cwd=ROOT, env=env,
                          timeout=300, check=False)
    assert done.returncode == 1 and done.stderr == ""
    assert (f"[Coordinates not numbers] buildings_bad.gpkg layer 建筑: feature {fid} (building {target}) has a vertex "
            "whose coordinates are not numbers (NaN, ") in done.stdout
