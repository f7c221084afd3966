"""Malformed inputs for `planner check` and `planner diff`, each written by a function from the sample data.

Each builder writes one case into an empty folder and returns a `Case`: the command line to run and what must
come of it. `Exit2`: the input cannot be checked, and the one line on stderr holds the given words (the file, and
where it applies the layer, feature and field). `Warn`: the check goes on with the given warning codes, a warning
of the first code holds the given words, and the verdict is right: no parcel or checked item passes that does not
pass on the clean sample (the baseline), no new finding names a parcel or building the bad feature does not touch,
and `verdict` holds. `Clean`: read exactly as the baseline is (same findings, statuses and checked states).

Nothing here is checked in: the cases are made from sample_plans/ with geopandas, pyogrio and plain bytes.
`python -m tests.core.corpus.generate FOLDER` writes every case into FOLDER/<name>/ with a manifest.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import struct
import sys
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from tests.helpers import SAMPLES, with_vertex

PLAN = SAMPLES / "xiguan_plan.gpkg"
PLAN_2025 = SAMPLES / "xiguan_plan_2025.gpkg"
SCHEME = SAMPLES / "scheme_violating.gpkg"
COMPLIANT = SAMPLES / "scheme_compliant.gpkg"
LINES = SAMPLES / "xiguan_lines.gpkg"
DXF = SAMPLES / "xiguan_scheme.dxf"
GBK_SHP = SAMPLES / "xiguan_plan_gbk.shp"
PLAN_LAYER, BUILDINGS_LAYER, GREEN_LAYER, ROAD_LAYER = "控规地块", "建筑", "绿地", "道路红线"
LINE_LAYERS = ("道路红线", "绿线", "蓝线", "生态保护红线", "建筑控制线")

# --- what the sample holds (sample_plans/README.md), for saying what a bad feature touches ---------------------

#: The buildings standing on each parcel the violating scheme touches (10# stands on no parcel).
ON_PARCEL = {
    "XG-05-01": ("G-1", "G-2", "G-3", "G-4"), "XG-05-02": ("G-5", "G-6", "G-7"),
    "XG-06-01": ("1#", "2#", "3#"), "XG-06-02": ("3#", "4#", "5#", "6#"), "XG-06-03": ("7#", "8#"),
    "XG-06-04": ("9#",), "XG-07-01": ("11#",),
}
STANDS_ON = {b: tuple(p for p, on in ON_PARCEL.items() if b in on) for on in ON_PARCEL.values() for b in on}
#: The parcel each green area lies on.
GREEN_ON = {"V-L1": "XG-05-01", "V-L2": "XG-05-01", "V-L3": "XG-05-02", "V-L4": "XG-05-02", "V-L5": "XG-06-01",
            "V-L6": "XG-06-01", "V-L7": "XG-06-02", "V-L8": "XG-06-02", "V-L9": "XG-06-02", "V-L10": "XG-06-03",
            "V-L11": "XG-06-03", "V-L12": "XG-06-04", "V-L13": "XG-07-01"}
#: The buildings and parcels whose findings a road red line gives (setbacks, beyond the line).
LINE_FINDINGS = {"HX-FK-02": ("1#", "4#", "10#", "XG-06-01", "XG-06-02")}


def touched_by(role: str, feature: str) -> frozenset[str]:
    """The parcels and buildings a feature of `role` touches: what a finding it causes may name."""
    if role == "plan":
        return frozenset({feature, *ON_PARCEL.get(feature, ())})
    if role == "buildings":
        return frozenset({feature, *STANDS_ON.get(feature, ())})
    if role == "green":
        return frozenset({feature, GREEN_ON[feature]})
    return frozenset({feature, *LINE_FINDINGS.get(feature, ())})


# --- expected outcomes ------------------------------------------------------------------------------------------

#: A check of the JSON document of the case (planner.check/1) against the baseline's; raises AssertionError.
Verdict = Callable[[dict, dict], None]


@dataclass(frozen=True)
class Exit2:
    """Exit 2, one line on stderr holding every word of `words`."""

    words: tuple[str, ...]


@dataclass(frozen=True)
class Warn:
    """The check goes on, warning `codes` (new against the baseline); a warning of codes[0] holds `words`;
    new findings name only parcels or buildings in `touches`; `verdict` holds. `stderr`: words of a notice the
    run prints on stderr (one line) while going on."""

    codes: tuple[str, ...]
    words: tuple[str, ...] = ()
    touches: frozenset[str] = frozenset()
    verdict: Verdict | None = None
    stderr: tuple[str, ...] = ()


@dataclass(frozen=True)
class Clean:
    """Read as the baseline is: the same exit code, findings, parcel statuses and checked states; no warning
    the baseline does not give, but `codes`."""

    codes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Case:
    name: str
    #: What is malformed: plan, buildings, green, lines, dxf, files, mapping, review, diff.
    kind: str
    argv: tuple[str, ...]
    expect: Exit2 | Warn | Clean
    #: The key of BASELINES the verdict is compared with.
    baseline: str = "scheme"

    @property
    def outcome(self) -> str:
        return {Exit2: "exit 2", Warn: "warning, right verdict", Clean: "clean"}[type(self.expect)]


def check_argv(plan: Path | str = PLAN, buildings: Path | str = SCHEME, green: Path | str | None = SCHEME, *,
               plan_layer: str | None = None, buildings_layer: str | None = BUILDINGS_LAYER,
               green_layer: str | None = GREEN_LAYER, lines: Path | str | None = None,
               lines_layer: str | None = None, extra: tuple[str, ...] = ()) -> tuple[str, ...]:
    argv = ["check", "--plan", str(plan)]
    if plan_layer:
        argv += ["--plan-layer", plan_layer]
    argv += ["--buildings", str(buildings)]
    if buildings_layer:
        argv += ["--buildings-layer", buildings_layer]
    if green is not None:
        argv += ["--green", str(green)]
        if green_layer:
            argv += ["--green-layer", green_layer]
    if lines is not None:
        argv += ["--lines", str(lines)]
        if lines_layer:
            argv += ["--lines-layer", lines_layer]
    return (*argv, *extra)


def diff_argv(old: Path | str = PLAN, new: Path | str = PLAN_2025, extra: tuple[str, ...] = ()) -> tuple[str, ...]:
    return ("diff", "--old", str(old), "--new", str(new), *extra)


#: The clean runs the cases are compared with.
BASELINES: dict[str, tuple[str, ...]] = {
    "scheme": check_argv(),
    "lines": check_argv(lines=LINES),
    "dxf": check_argv(buildings=DXF, buildings_layer=None, green=None),
    "diff": diff_argv(),
}


# --- verdicts ---------------------------------------------------------------------------------------------------

def _parcel(result: dict, parcel: str) -> dict:
    found = [p for p in result["parcels"] if p["id"] == parcel]
    assert found, f"parcel {parcel} is not in the result"
    return found[0]


def state(parcel: str, item: str, *states: str) -> Verdict:
    """Parcel `parcel`'s checked state of `item` is one of `states`."""
    def verdict(result: dict, _baseline: dict) -> None:
        got = _parcel(result, parcel)["checked"][item]
        assert got in states, f"{parcel} {item}: {got}, expected {' or '.join(states)}"
    return verdict


def states_everywhere(item: str, *states: str) -> Verdict:
    """Every parcel's checked state of `item` is one of `states`."""
    def verdict(result: dict, _baseline: dict) -> None:
        got = {p["id"]: p["checked"][item] for p in result["parcels"]}
        assert got and all(s in states for s in got.values()), (item, got)
    return verdict


def status(parcel: str, *statuses: str) -> Verdict:
    def verdict(result: dict, _baseline: dict) -> None:
        got = _parcel(result, parcel)["status"]
        assert got in statuses, f"{parcel}: {got}, expected {' or '.join(statuses)}"
    return verdict


def same_statuses(result: dict, baseline: dict) -> None:
    """Every parcel's status and checked states are the baseline's."""
    def table(document: dict) -> dict:
        return {p["id"]: (p["status"], p["checked"]) for p in document["parcels"]}
    assert table(result) == table(baseline)


def no_parcels(result: dict, _baseline: dict) -> None:
    assert result["parcels"] == [], [p["id"] for p in result["parcels"]]


def all_of(*verdicts: Verdict) -> Verdict:
    def verdict(result: dict, baseline: dict) -> None:
        for each in verdicts:
            each(result, baseline)
    return verdict


# --- reading and writing layers ---------------------------------------------------------------------------------

@cache
def _frame(path: Path, layer: str | None) -> gpd.GeoDataFrame:
    return gpd.read_file(path, layer=layer, engine="pyogrio")


def frame(path: Path, layer: str | None = None) -> gpd.GeoDataFrame:
    """A sample layer as a GeoDataFrame of its own (read once, copied for each case)."""
    return _frame(path, layer).copy()


def plan_frame() -> gpd.GeoDataFrame:
    return frame(PLAN)


def buildings_frame() -> gpd.GeoDataFrame:
    return frame(SCHEME, BUILDINGS_LAYER)


def green_frame() -> gpd.GeoDataFrame:
    return frame(SCHEME, GREEN_LAYER)


def write(data: gpd.GeoDataFrame, path: Path, layer: str) -> Path:
    with warnings.catch_warnings():  # layers without a CRS are written on purpose
        warnings.filterwarnings("ignore", "'crs' was not provided", UserWarning)
        data.to_file(path, layer=layer, driver="GPKG", engine="pyogrio")
    return path


def write_plan(d: Path, data: gpd.GeoDataFrame, name: str = "plan.gpkg") -> Path:
    return write(data, d / name, PLAN_LAYER)


def write_scheme(d: Path, buildings: gpd.GeoDataFrame | None = None, green: gpd.GeoDataFrame | None = None,
                 name: str = "scheme.gpkg") -> Path:
    """A scheme GeoPackage with both layers, either replaced."""
    path = d / name
    write(buildings if buildings is not None else buildings_frame(), path, BUILDINGS_LAYER)
    write(green if green is not None else green_frame(), path, GREEN_LAYER)
    return path


def write_lines(d: Path, road: gpd.GeoDataFrame, name: str = "lines.gpkg", road_layer: str = ROAD_LAYER) -> Path:
    """The control-line file with its road red lines replaced (the other layers as in the sample)."""
    path = d / name
    write(road, path, road_layer)
    for layer in LINE_LAYERS[1:]:
        write(frame(LINES, layer), path, layer)
    return path


def row_of(data: gpd.GeoDataFrame, id_column: str, feature: str) -> int:
    return int(np.flatnonzero(data[id_column].to_numpy() == feature)[0])


def bow_tie(geometry):
    """A polygon's first ring with its second and third vertices swapped: it crosses itself."""
    ring = list(shapely.get_coordinates(geometry.exterior))
    ring[1], ring[2] = ring[2], ring[1]
    return shapely.Polygon(ring)


def looped(geometry):
    """A polygon with a small loop crossing itself at its second vertex: repaired, it is the polygon again (and a
    triangle of half a square metre)."""
    ring = [tuple(c) for c in shapely.get_coordinates(geometry.exterior)]
    x, y = ring[1]
    return shapely.Polygon([*ring[:2], (x + 1, y + 1), (x + 1, y), (x, y + 1), *ring[1:]])


def flat(geometry):
    """A polygon whose vertices all lie on one line: no area, nothing to repair."""
    x0, y0, x1, _y1 = geometry.bounds
    return shapely.Polygon([(x0, y0), ((x0 + x1) / 2, y0), (x1, y0), (x0, y0)])


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- the roles' layers, as the cases change them ------------------------------------------------------------------

@dataclass(frozen=True)
class Role:
    """A layer role: its sample frame, id column, the layer name in the files the cases write, and how to run a
    check with the role's file replaced."""

    name: str
    load: Callable[[], gpd.GeoDataFrame]
    id_column: str
    layer: str
    baseline: str

    def write(self, d: Path, data: gpd.GeoDataFrame) -> tuple[Path, tuple[str, ...]]:
        """Write `data` as this role's layer; the file and the command line using it."""
        if self.name == "plan":
            path = write_plan(d, data)
            return path, check_argv(plan=path)
        if self.name == "buildings":
            path = write_scheme(d, buildings=data)
            return path, check_argv(buildings=path, green=path)
        if self.name == "green":
            path = write_scheme(d, green=data)
            return path, check_argv(buildings=path, green=path)
        path = write_lines(d, data)
        return path, check_argv(lines=path)


ROLES = {
    "plan": Role("plan", plan_frame, "地块编号", PLAN_LAYER, "scheme"),
    "buildings": Role("buildings", buildings_frame, "建筑编号", BUILDINGS_LAYER, "scheme"),
    "green": Role("green", green_frame, "绿地编号", GREEN_LAYER, "scheme"),
    "lines": Role("lines", lambda: frame(LINES, ROAD_LAYER), "编号", ROAD_LAYER, "lines"),
}
#: The feature made bad, by its place in the layer: the first, one in the middle that carries findings, the last.
POSITIONS = {
    "plan": {"first": "XG-01-01", "middle": "XG-06-02", "last": "XG-12-02"},
    "buildings": {"first": "G-1", "middle": "4#", "last": "11#"},
    "green": {"first": "V-L1", "middle": "V-L7", "last": "V-L13"},
    "lines": {"first": "HX-FK-01", "middle": "HX-FK-02", "last": "HX-JF-34"},
}
BAD_VALUES = {"nan": (np.nan, "coordinates_not_finite"), "inf": (np.inf, "coordinates_not_finite"),
              "1e15": (1e15, "coordinates_absurd")}


def feature_case(name: str, role: str, feature: str, change: Callable, codes: tuple[str, ...],
                 words: tuple[str, ...] = (), verdict: Verdict | None = None,
                 touches: frozenset[str] | None = None) -> Callable[[Path], Case]:
    """A case whose role layer has `change(geometry)` applied to one feature's geometry."""
    def build(d: Path) -> Case:
        spec = ROLES[role]
        data = spec.load()
        row = row_of(data, spec.id_column, feature)
        data.loc[row, "geometry"] = change(data.geometry.iloc[row])
        path, argv = spec.write(d, data)
        said = words or (f"{path.name} layer {spec.layer}:", f"feature {row + 1} ", feature)
        return Case(name, role, argv, Warn(codes, said, touches if touches is not None else touched_by(role, feature),
                                           verdict), spec.baseline)
    return build


def field_case(name: str, role: str, feature: str | None, column: str, value, codes: tuple[str, ...],
               words: tuple[str, ...] = (), verdict: Verdict | None = None, *, as_text: bool = False,
               expect: Exit2 | Clean | None = None, touches: frozenset[str] | None = None) -> Callable[[Path], Case]:
    """A case whose role layer has one cell (of `feature`; every cell when None) set to `value`; with `as_text`
    the column becomes text first (as a layer typed by hand holds it). `value` None with feature None drops the
    column."""
    def build(d: Path) -> Case:
        spec = ROLES[role]
        data = spec.load()
        if feature is None and value is None:
            data = data.drop(columns=[column])
        else:
            if as_text:
                data[column] = [None if v is None or v != v else (str(int(v)) if isinstance(v, float) and
                                                                   v.is_integer() else str(v))
                                for v in data[column].tolist()]
                data[column] = data[column].astype(object)
            elif isinstance(value, str) or value is None:
                data[column] = data[column].astype(object)
            rows = slice(None) if feature is None else row_of(data, spec.id_column, feature)
            data.loc[rows, column] = value
        _path, argv = spec.write(d, data)
        if expect is not None:
            return Case(name, role, argv, expect, spec.baseline)
        reach = touches if touches is not None else (touched_by(role, feature) if feature else frozenset())
        return Case(name, role, argv, Warn(codes, words, reach, verdict), spec.baseline)
    return build


# --- the cases ----------------------------------------------------------------------------------------------------

Builder = Callable[[Path], Case]


#: What a building or green area left out leaves on the parcel it stands on: not checked, never passed (a
#: minimum already broken by what is known stays broken: XG-05-01's FAR and density, XG-06-02's green ratio).
LEFT_OUT = {
    ("buildings", "first"): all_of(*(state("XG-05-01", item, "not_checked") for item in ("height", "land_use"))),
    ("buildings", "middle"): all_of(*(state("XG-06-02", item, "not_checked")
                                      for item in ("far", "density", "height", "land_use"))),
    ("buildings", "last"): all_of(status("XG-07-01", "partial"), state("XG-07-01", "land_use", "not_checked")),
    ("green", "first"): state("XG-05-01", "green_ratio", "not_checked"),
    ("green", "middle"): state("XG-06-02", "green_ratio", "not_checked", "fail"),
    ("green", "last"): state("XG-07-01", "green_ratio", "not_checked", "fail"),
}


def _coordinates() -> Iterator[tuple[str, str, Builder]]:
    """A NaN, infinite or absurd vertex, in every layer, in its first, a middle and its last feature."""
    for role, positions in POSITIONS.items():
        for value_name, (value, code) in BAD_VALUES.items():
            for position, feature in positions.items():
                name = f"{role}-vertex-{value_name}-{position}"
                yield name, role, feature_case(name, role, feature, lambda g, v=value: with_vertex(g, v), (code,),
                                               verdict=LEFT_OUT.get((role, position)))
    # 4#'s vertex far outside EPSG:4542's zone, and 300 km east of the rest (inside the zone).
    yield "buildings-vertex-outside-crs", "buildings", feature_case(
        "buildings-vertex-outside-crs", "buildings", "4#", lambda g: with_vertex(g, 5e7), ("coordinates_outside_crs",))
    for role in ("plan", "buildings", "lines"):  # nothing usable left: refused, naming the first
        name = f"{role}-vertex-nan-everywhere"
        yield name, role, _everywhere(name, role)
    yield "buildings-vertex-far-away", "buildings", feature_case(
        "buildings-vertex-far-away", "buildings", "4#", lambda g: with_vertex(g, g.bounds[0] + 300_000),
        ("coordinates_far_away",))


def _everywhere(name: str, role: str) -> Builder:
    def build(d: Path) -> Case:
        spec = ROLES[role]
        data = spec.load()
        data["geometry"] = [with_vertex(g, np.nan) for g in data.geometry]
        if role == "lines":  # the road red lines alone (with the sample's other layers, those would be checked)
            path = write(data, d / "lines.gpkg", ROAD_LAYER)
            argv = check_argv(lines=path)
        else:
            path, argv = spec.write(d, data)
        first = data[spec.id_column].iloc[0]
        return Case(name, role, argv, Exit2((path.name, f"layer {spec.layer}", f"none of its {len(data)} features",
                                             "feature 1 ", first, "not numbers")))
    return build


def _geometries() -> Iterator[tuple[str, str, Builder]]:
    """No geometry, an empty one, the wrong kind, a self-crossing or flat ring, repeated vertices, Z."""
    for role, feature in (("plan", "XG-06-02"), ("buildings", "4#"), ("green", "V-L1"), ("lines", "HX-FK-02")):
        for how, change in (("none", lambda g: None), ("empty", lambda g: shapely.Polygon())):
            if role == "lines" and how == "empty":
                change = lambda g: shapely.LineString()  # noqa: E731
            name = f"{role}-geometry-{how}"
            # No geometry: the feature may stand anywhere, so what it would change is checked nowhere.
            anywhere = {"buildings": states_everywhere("density", "not_checked", "fail", "not_controlled"),
                        "green": states_everywhere("green_ratio", "not_checked", "fail", "not_controlled")}
            yield name, role, feature_case(name, role, feature, change, ("geometry_missing",),
                                           verdict=anywhere.get(role), touches=_anywhere(role, feature))
    kinds = (("plan", "XG-06-02", "point", lambda g: g.centroid, "geometry_not_polygon"),
             ("buildings", "4#", "point", lambda g: g.centroid, "geometry_not_polygon"),
             ("buildings", "4#", "line", lambda g: g.exterior, "geometry_not_polygon"),
             ("green", "V-L1", "line", lambda g: shapely.LineString(g.exterior.coords), "geometry_not_polygon"),
             ("lines", "HX-FK-02", "point", lambda g: g.centroid, "control_geometry_unusable"))
    for role, feature, kind, change, code in kinds:
        name = f"{role}-geometry-{kind}"
        words = ("not a polygon",) if code == "geometry_not_polygon" else ("neither a line nor an area",)
        yield name, role, feature_case(name, role, feature, change, (code,),
                                       (f"layer {ROLES[role].layer}:", *words))
    for role, feature in (("plan", "XG-06-02"), ("buildings", "4#"), ("green", "V-L7")):
        name = f"{role}-geometry-self-crossing"
        touches = touched_by(role, feature)
        if role == "plan":  # a parcel repaired into two triangles: what stood on it may now stand beside it
            touches |= touched_by("plan", "XG-06-01")
        yield name, role, feature_case(name, role, feature, bow_tie if role == "plan" else looped,
                                       ("geometry_repaired",), touches=touches)
    for role, feature in (("plan", "XG-06-02"), ("buildings", "4#")):
        name = f"{role}-geometry-flat"
        yield name, role, feature_case(name, role, feature, flat, ("geometry_unrepairable",))
    yield "buildings-geometry-repeated-vertices", "buildings", _clean_geometry(
        "buildings-geometry-repeated-vertices", lambda g: shapely.Polygon(
            [c for c in g.exterior.coords for _ in (0, 1)][:-1]))
    yield "buildings-geometry-3d", "buildings", _clean_geometry(
        "buildings-geometry-3d", lambda g: shapely.force_3d(g, 12.5))
    yield "buildings-ring-not-closed", "buildings", _unclosed_ring


def _anywhere(role: str, feature: str) -> frozenset[str]:
    """What a finding may name when a feature without geometry could stand on any parcel: any of them."""
    if role in ("buildings", "green"):
        return frozenset(ON_PARCEL) | touched_by(role, feature)
    return touched_by(role, feature)


def _clean_geometry(name: str, change: Callable) -> Builder:
    def build(d: Path) -> Case:
        data = buildings_frame()
        data["geometry"] = [change(g) for g in data.geometry]
        path = write_scheme(d, buildings=data)
        return Case(name, "buildings", check_argv(buildings=path, green=path), Clean())
    return build


def _unclosed_ring(d: Path) -> Case:
    """4# written with a ring whose last point is not its first (GDAL passes it on from a GeoPackage)."""
    from pyogrio.raw import write as write_raw

    data = buildings_frame()
    wkb = []
    for name, geometry in zip(data["建筑编号"], data.geometry):
        ring = shapely.get_coordinates(geometry.exterior)
        if name == "4#" and len(ring) > 4:
            ring = ring[:-1]
        wkb.append(struct.pack("<BII", 1, 3, 1) + struct.pack("<I", len(ring)) + ring.astype("<f8").tobytes())
    path = d / "scheme.gpkg"
    columns = [c for c in data.columns if c != "geometry"]
    write_raw(path, np.array(wkb, dtype=object), [data[c].to_numpy() for c in columns], columns,
              layer=BUILDINGS_LAYER, driver="GPKG", geometry_type="Polygon", crs="EPSG:4542")
    write(green_frame(), path, GREEN_LAYER)
    return Case("buildings-ring-not-closed", "buildings", check_argv(buildings=path, green=path),
                Warn(("ring_not_closed",), ("scheme.gpkg layer 建筑:", "feature 11 ", "4#"),
                     touched_by("buildings", "4#"), same_statuses))


def _overlapping_parcel(d: Path) -> Case:
    """A second parcel XG-06-99 drawn over XG-06-02: the buildings there count on both, and are said to."""
    data = plan_frame()
    copy = data[data["地块编号"] == "XG-06-02"].copy()
    copy["地块编号"] = "XG-06-99"
    path = write_plan(d, gpd.GeoDataFrame(pd.concat([data, copy], ignore_index=True), crs=data.crs))
    return Case("plan-parcels-overlap", "plan", check_argv(plan=path), Warn(
        ("parcels_overlap",), ("XG-06-02", "XG-06-99"), touched_by("plan", "XG-06-02") | {"XG-06-99", "XG-06-01"}))


def _ids() -> Iterator[tuple[str, str, Builder]]:
    yield "plan-parcels-overlap", "plan", _overlapping_parcel
    yield "buildings-id-duplicate", "buildings", field_case(
        "buildings-id-duplicate", "buildings", "4#", "建筑编号", "3#", ("duplicate_building_id",),
        ("building id 3# is used by 2 buildings",), touches=touched_by("buildings", "4#") | touched_by("buildings", "3#"))
    yield "plan-id-duplicate", "plan", field_case(
        "plan-id-duplicate", "plan", "XG-06-02", "地块编号", "XG-06-01", ("duplicate_parcel_id",),
        ("parcel id XG-06-01 is used by 2 parcels",),
        touches=touched_by("plan", "XG-06-02") | touched_by("plan", "XG-06-01"))
    every_building = frozenset(f"#{fid}" for fid in range(1, 19))
    yield "buildings-id-field-missing", "buildings", field_case(
        "buildings-id-field-missing", "buildings", None, "建筑编号", None, ("building_id_field_missing",),
        ("layer 建筑: no building-id field",), same_statuses, touches=every_building)
    yield "buildings-id-blank", "buildings", field_case(
        "buildings-id-blank", "buildings", "4#", "建筑编号", None, ("missing_id",),
        ("layer 建筑: feature 11 has no 建筑编号", "#11"), same_statuses, touches=frozenset({"#11"}))
    yield "plan-id-blank", "plan", field_case(
        "plan-id-blank", "plan", "XG-06-02", "地块编号", None, ("missing_id",),
        ("layer 控规地块: feature 17 has no 地块编号",), touches=touched_by("plan", "XG-06-02") | {"#17"})
    yield "plan-id-field-missing", "plan", field_case(
        "plan-id-field-missing", "plan", None, "地块编号", None, (),
        expect=Exit2(("plan.gpkg", "layer 控规地块", "no parcel-id field recognised", "地块编号")))
    yield "green-id-field-missing", "green", field_case(
        "green-id-field-missing", "green", None, "绿地编号", None, (), expect=Clean())


#: Plan fields, each removed in turn: the item it limits can no longer be checked anywhere, never passes.
PLAN_FIELDS = {"容积率": "far", "建筑密度": "density", "建筑限高": "height", "绿地率": "green_ratio"}


def _plan_fields() -> Iterator[tuple[str, str, Builder]]:
    for column, item in PLAN_FIELDS.items():
        name = f"plan-field-missing-{item}"
        yield name, "plan", _without_columns(name, (column,), ("indicator_field_missing",),
                                             (f"layer {PLAN_LAYER}:", item.replace("_", " ") if item != "far"
                                              else "FAR"), states_everywhere(item, "not_checked", "fail"))
    yield "plan-field-missing-land-use", "plan", _without_columns(
        "plan-field-missing-land-use", ("用地代码", "用地性质"), ("land_use_field_missing",),
        (f"layer {PLAN_LAYER}: no land-use field",), states_everywhere("land_use", "not_checked", "fail"))
    # Without 用地代码, 用地性质 is the land-use field: it holds names ("二类城镇住宅用地"), no codes of the table.
    yield "plan-field-missing-land-use-code", "plan", _without_columns(
        # Without the code field, the name field 用地性质 is read by name (issue 12): a name the table does not
        # know leaves land use not checked on its parcel, said.
        "plan-field-missing-land-use-code", ("用地代码",), ("land_use_names_read", "unknown_land_use"), (), None)
    yield "plan-fields-missing-all", "plan", _without_columns(
        "plan-fields-missing-all", (*PLAN_FIELDS, "用地代码", "用地性质"), (), (), None,
        Exit2(("plan.gpkg", f"layer {PLAN_LAYER}", "no land-use or indicator field recognised")))


def _without_columns(name: str, columns: tuple[str, ...], codes: tuple[str, ...], words: tuple[str, ...],
                     verdict: Verdict | None, expect: Exit2 | None = None) -> Builder:
    def build(d: Path) -> Case:
        path = write_plan(d, plan_frame().drop(columns=list(columns)))
        argv = check_argv(plan=path)
        if expect is not None:
            return Case(name, "plan", argv, expect)
        return Case(name, "plan", argv, Warn(codes, words, frozenset(), verdict))
    return build


#: Limit cells that cannot be read, written into XG-06-02's 容积率 (FAR 2.04 passes its "2.2").
UNREADABLE_FAR = {
    "see-sheet": "见图则", "dangling-dash": "2.5-", "comparator-alone": "≤", "decimal-comma": "1,5",
    "per-use-labels": "R2:2.5;B1:3.0", "infinity": "∞", "per-use-slash": "2.0/1.5", "negative": "-2.2",
    "backwards-range": "3-2", "percent-far": "22%", "chinese-numerals": "二点二", "two-numbers": "2.2 2.5",
    "double-comparator": "≤≤2.2", "exponent": "2.2e0", "huge": "见图则" * 200_000,
}
#: Cells that read as the sample's own "2.2" does.
READABLE_FAR = {"fullwidth": "２．２", "fullwidth-comparator": "≤２.２", "padded": "  2.2\u3000", "zero-width": "2.2\u200b"}


def _limits() -> Iterator[tuple[str, str, Builder]]:
    pass_far = state("XG-06-02", "far", "not_checked")
    for label, text in UNREADABLE_FAR.items():
        name = f"plan-far-unreadable-{label}"
        shown = text if len(text) < 50 else "见图则见图则"
        yield name, "plan", field_case(name, "plan", "XG-06-02", "容积率", text, ("unreadable_indicator",),
                                       ("Parcel XG-06-02: field 容积率", shown[:12]), pass_far)
    for label, text in READABLE_FAR.items():
        name = f"plan-far-readable-{label}"
        yield name, "plan", field_case(name, "plan", "XG-06-02", "容积率", text, (), expect=Clean())
    others = (("density", "XG-06-01", "建筑密度", "见图则"), ("height", "XG-06-02", "建筑限高", "四十五米"),
              ("green", "XG-06-03", "绿地率", "≥25%%"), ("density-over-100", "XG-06-04", "建筑密度", "130%"))
    for label, parcel, column, text in others:
        name = f"plan-{label}-unreadable"
        item = PLAN_FIELDS[column]
        yield name, "plan", field_case(name, "plan", parcel, column, text, ("unreadable_indicator",),
                                       (f"Parcel {parcel}: field {column}",), state(parcel, item, "not_checked"))
    # Bounds that contradict each other: an upper column below the lower one, or below the main cell's minimum.
    yield "plan-far-bounds-contradict", "plan", _bounds("plan-far-bounds-contradict",
                                                        {"容积率上限": "1.0", "容积率下限": "2.0"}, "far")
    yield "plan-far-main-and-upper-contradict", "plan", _bounds(
        "plan-far-main-and-upper-contradict", {"容积率": "≥3.0", "容积率上限": "2.0"}, "far")
    yield "plan-height-range-and-upper-contradict", "plan", _bounds(
        "plan-height-range-and-upper-contradict", {"建筑限高": "30-50m", "建筑限高上限": "20"}, "height")
    for label, code, warned in (("unknown", "ZZ99", "unknown_land_use"), ("blank", None, "land_use_missing"),
                                ("words", "住宅", "unknown_land_use")):
        name = f"plan-land-use-{label}"
        yield name, "plan", field_case(name, "plan", "XG-06-02", "用地代码", code, (warned,), ("XG-06-02",),
                                       state("XG-06-02", "land_use", "not_checked"))
    # A code the table does not list is read by its class ("070199" as 0701, "R9" as R); full-width digits fold.
    for label, code in (("fullwidth", "０７０１０２"), ("unlisted-subclass", "070199"), ("legacy-subclass", "R9")):
        name = f"plan-land-use-{label}"
        yield name, "plan", field_case(name, "plan", "XG-06-02", "用地代码", code, (), expect=Clean())


def _bounds(name: str, cells: dict[str, str], item: str) -> Builder:
    def build(d: Path) -> Case:
        data = plan_frame()
        row = row_of(data, "地块编号", "XG-06-02")
        for column, text in cells.items():
            if column not in data:
                data[column] = None
            data[column] = data[column].astype(object)
            data.loc[row, column] = text
        path = write_plan(d, data)
        return Case(name, "plan", check_argv(plan=path), Warn(
            ("empty_limit",), ("Parcel XG-06-02:", "contradict"), touched_by("plan", "XG-06-02"),
            state("XG-06-02", item, "not_checked")))
    return build


def _building_values() -> Iterator[tuple[str, str, Builder]]:
    """Storeys, heights, counted areas and storey heights no building has, or written as words."""
    far_unknown = state("XG-06-02", "far", "not_checked", "fail")
    numbers = (("storeys-zero", "层数", 0, "impossible_value", far_unknown),
               ("storeys-negative", "层数", -3, "unreadable_value", far_unknown),
               ("storeys-500", "层数", 500, "impossible_value", far_unknown),
               ("storeys-1e9", "层数", 1e9, "impossible_value", far_unknown),
               ("height-zero", "建筑高度", 0.0, "impossible_value", None),
               ("height-negative", "建筑高度", -1.0, "unreadable_value", None),
               ("height-5000", "建筑高度", 5000.0, "impossible_value", None),
               ("area-zero", "计容面积", 0.0, "impossible_value", None),
               ("area-negative", "计容面积", -100.0, "unreadable_value", None),
               ("area-1e12", "计容面积", 1e12, "impossible_value", None))
    for label, column, value, code, verdict in numbers:
        name = f"buildings-{label}"
        yield name, "buildings", field_case(name, "buildings", "4#", column, value, (code,) if code else (),
                                            ("4#", column) if code else (), verdict)
    texts = (("storeys-words", "层数", "十六层", "unreadable_value", far_unknown),
             ("storeys-basement", "层数", "-2", "unreadable_value", far_unknown),
             ("storeys-slash", "层数", "16/-1", "unreadable_value", far_unknown),
             ("storeys-about", "层数", "约16", "unreadable_value", far_unknown),
             ("storeys-comma", "层数", "1,6", "unreadable_value", far_unknown),
             ("height-words", "建筑高度", "四十九米", "unreadable_value", None),
             ("storey-height-junk", "层高", "3.0,abc", "unreadable_value", None),
             ("storey-height-zero", "层高", "0", "unreadable_value", None),
             ("area-words", "计容面积", "约两万", "unreadable_value", None))
    for label, column, text, code, verdict in texts:
        name = f"buildings-{label}"
        yield name, "buildings", field_case(name, "buildings", "4#", column, text, (code,), ("4#", column), verdict,
                                            as_text=True)
    for label, column, text in (("storeys-f", "层数", "16F"), ("storeys-ceng", "层数", "16层"),
                                ("storeys-fullwidth", "层数", "１６"), ("height-metres", "建筑高度", "49.5m"),
                                ("basement-words", "地下层数", "负一")):  # (underground storeys are not counted)
        name = f"buildings-{label}"
        yield name, "buildings", field_case(name, "buildings", "4#", column, text, (), as_text=True,
                                            expect=Clean())
    for label, text, code, words in (("unknown", "火星基地", "unknown_use", ("Building 4#", "火星基地")),
                                     ("blank", None, "use_missing", ("layer 建筑: feature 11 (building 4#)", "建筑用途")),
                                     ("spaces", "  ", "use_missing", ("building 4#",))):
        name = f"buildings-use-{label}"
        yield name, "buildings", field_case(name, "buildings", "4#", "建筑用途", text, (code,), words,
                                            state("XG-06-02", "land_use", "not_checked"))
    yield "buildings-use-field-missing", "buildings", field_case(
        "buildings-use-field-missing", "buildings", None, "建筑用途", None, ("use_field_missing",),
        ("layer 建筑: no building-use field",), states_everywhere("land_use", "not_checked", "not_controlled"))
    yield "buildings-floors-field-missing", "buildings", _no_floor_fields


def _no_floor_fields(d: Path) -> Case:
    data = buildings_frame().drop(columns=["层数", "计容面积"])
    path = write_scheme(d, buildings=data)
    # Heights alone are enough (issue 12): storeys are estimated from them and every output says so.
    return Case("buildings-floors-field-missing", "buildings", check_argv(buildings=path, green=path),
                Warn(("storeys_estimated",), ("scheme.gpkg", "estimated from its height")))


def _green_values() -> Iterator[tuple[str, str, Builder]]:
    """A counting factor that is no factor: V-L1 lies on XG-05-01, whose green ratio breaks its maximum."""
    for label, value in (("words", "高"), ("above-one", 1.5), ("negative", -0.5)):
        name = f"green-factor-{label}"
        yield name, "green", field_case(name, "green", "V-L1", "折算系数", value, ("unreadable_factor",),
                                        ("layer 绿地: green area V-L1", "折算系数"),
                                        state("XG-05-01", "green_ratio", "not_checked", "fail"))
    yield "green-factor-blank", "green", field_case("green-factor-blank", "green", "V-L1", "折算系数", None, (),
                                                    expect=Clean())


def _crs() -> Iterator[tuple[str, str, Builder]]:
    def no_crs(role: str) -> Builder:
        def build(d: Path) -> Case:
            spec = ROLES[role]
            data = spec.load().set_crs(None, allow_override=True)
            path, argv = spec.write(d, data)
            return Case(f"{role}-crs-missing", role, argv, Clean(("crs_assumed",)), spec.baseline)
        return build

    for role in ("plan", "buildings", "green"):
        yield f"{role}-crs-missing", role, no_crs(role)

    def labelled(name: str, crs: str, expect: Exit2 | Warn) -> Builder:
        def build(d: Path) -> Case:
            data = buildings_frame().set_crs(crs, allow_override=True)
            path = write_scheme(d, buildings=data, green=green_frame().set_crs(crs, allow_override=True))
            return Case(name, "buildings", check_argv(buildings=path, green=path), expect)
        return build

    yield "buildings-crs-degrees-label", "buildings", labelled(
        "buildings-crs-degrees-label", "EPSG:4326",
        Exit2(("scheme.gpkg", "cannot be in the coordinate system it declares, EPSG:4326", "EPSG:4542")))
    every = frozenset({*STANDS_ON, "10#"})
    yield "buildings-crs-web-mercator-label", "buildings", labelled(
        "buildings-crs-web-mercator-label", "EPSG:3857",
        Warn(("scheme_outside_plan",), ("scheme.gpkg",), every, no_parcels))
    yield "buildings-crs-wrong-zone", "buildings", labelled(
        "buildings-crs-wrong-zone", "EPSG:4547", Warn(("scheme_outside_plan",), ("scheme.gpkg",), every, no_parcels))

    def plan_in(name: str, expect, *, drop_crs: bool) -> Builder:
        def build(d: Path) -> Case:
            data = plan_frame().to_crs("EPSG:4326")
            if drop_crs:
                data = data.set_crs(None, allow_override=True)
            path = write_plan(d, data)
            return Case(name, "plan", check_argv(plan=path), expect)
        return build

    yield "plan-crs-degrees", "plan", plan_in("plan-crs-degrees", Warn(("reprojected",), ("plan.gpkg",),
                                                                        frozenset(ON_PARCEL), same_statuses),
                                              drop_crs=False)
    yield "plan-crs-degrees-missing", "plan", plan_in(
        "plan-crs-degrees-missing", Exit2(("plan.gpkg", "no coordinate system", "degrees")), drop_crs=True)


# --- files ----------------------------------------------------------------------------------------------------

def _cut(source: Path, target: Path, size: int) -> Path:
    target.write_bytes(source.read_bytes()[:size])
    return target


def _files() -> Iterator[tuple[str, str, Builder]]:
    plan_size, scheme_size, dxf_size = PLAN.stat().st_size, SCHEME.stat().st_size, DXF.stat().st_size
    cut = "is cut off"
    for label, size in (("50-bytes", 50), ("one-page", 4096), ("tenth", plan_size // 10), ("half", plan_size // 2),
                        ("nine-tenths", plan_size * 9 // 10), ("last-page-short", plan_size - 4096 + 100)):
        name = f"files-plan-gpkg-cut-{label}"
        yield name, "files", _file_case(name, "plan", lambda d, s=size: _cut(PLAN, d / "plan.gpkg", s), (cut,))
    for label, size in (("half", scheme_size // 2), ("nearly-whole", scheme_size - 1024)):
        name = f"files-scheme-gpkg-cut-{label}"
        yield name, "files", _file_case(name, "buildings", lambda d, s=size: _cut(SCHEME, d / "scheme.gpkg", s), (cut,))
    yield "files-green-gpkg-cut", "files", _file_case(
        "files-green-gpkg-cut", "green", lambda d: _cut(SCHEME, d / "green.gpkg", scheme_size * 3 // 4), (cut,))
    yield "files-lines-gpkg-cut", "files", _file_case(
        "files-lines-gpkg-cut", "lines", lambda d: _cut(LINES, d / "lines.gpkg", LINES.stat().st_size * 7 // 10),
        (cut,))
    for label, size in (("header", 300), ("tables", dxf_size * 3 // 10), ("entities", dxf_size * 6 // 10),
                        ("objects", dxf_size * 9 // 10), ("before-eof", dxf_size - 4)):
        name = f"files-dxf-cut-{label}"
        yield name, "files", _file_case(name, "buildings", lambda d, s=size: _cut(DXF, d / "scheme.dxf", s),
                                        ("the drawing is cut off",))
    for role, file in (("plan", "plan.gpkg"), ("buildings", "scheme.gpkg"), ("green", "green.gpkg"),
                       ("lines", "lines.gpkg"), ("buildings", "scheme.dxf"), ("plan", "plan.shp")):
        name = f"files-empty-{role}-{file.split('.')[1]}"
        yield name, "files", _file_case(name, role, lambda d, f=file: _touch(d / f), ("is empty (0 bytes)",))
    for role, file in (("plan", "plan.gpkg"), ("buildings", "scheme.gpkg"), ("green", "green"),
                       ("lines", "lines.gpkg")):
        name = f"files-folder-{role}"
        yield name, "files", _file_case(name, role, lambda d, f=file: _mkdir(d / f), ("is a folder, not a file",))
    yield "files-missing", "files", _file_case("files-missing", "buildings", lambda d: d / "方案.gpkg",
                                               ("no such file",))
    yield "files-not-gis", "files", _file_case("files-not-gis", "plan", lambda d: _text(d / "plan.gpkg"),
                                               ("is not in a format Planner reads",))
    yield "files-random-bytes", "files", _file_case(
        "files-random-bytes", "buildings", lambda d: _random(d / "scheme.gpkg"), ("is not in a format Planner reads",))
    yield "files-gpkg-no-layers", "files", _file_case(
        "files-gpkg-no-layers", "plan", lambda d: _gpkg_without_layers(d / "plan.gpkg"),
        ("GeoPackage without any layer",))
    yield "files-gpkg-damaged", "files", _file_case(
        "files-gpkg-damaged", "plan", lambda d: _damaged(d / "plan.gpkg"), ("is damaged",))
    yield "files-layer-missing", "files", _layer_missing
    yield "files-lines-layer-missing", "files", _lines_layer_missing
    for part, words in ((".dbf", "attribute table plan.dbf is missing"), (".shx", "index file plan.shx is missing")):
        name = f"files-shp-without-{part[1:]}"
        yield name, "files", _file_case(name, "plan", lambda d, p=part: _shapefile(d, without=p), (words,))
    for part in (".dbf", ".shp", ".shx"):
        name = f"files-shp-{part[1:]}-cut"
        yield name, "files", _file_case(name, "plan", lambda d, p=part: _shapefile(d, cut=p),
                                        (f"plan{part} is cut off",), named=part == ".shp")
    yield "files-shp-gbk-without-cpg", "files", _gbk_shapefile("files-shp-gbk-without-cpg", None)
    yield "files-shp-gbk-cpg-936", "files", _gbk_shapefile("files-shp-gbk-cpg-936", "936")
    yield "files-shp-gbk-without-prj", "files", _gbk_shapefile("files-shp-gbk-without-prj", None, prj=False)
    yield "files-shp-gbk-cpg-wrong", "files", _gbk_shapefile("files-shp-gbk-cpg-wrong", "UTF-8", expect=Exit2(
        ("plan.shp", "its texts are not UTF-8, although plan.cpg says so", "936")))
    yield "files-green-layer-empty", "files", _empty_green_layer


def _file_case(name: str, role: str, make: Callable[[Path], Path], words: tuple[str, ...], *,
               named: bool = True) -> Builder:
    """A case whose `role` file is made by `make`; its one stderr line names the file (unless `named` is False:
    a Shapefile's part is named instead) and holds `words`."""
    def build(d: Path) -> Case:
        path = make(d)
        argv = {"plan": lambda: check_argv(plan=path), "buildings": lambda: check_argv(
                    buildings=path, buildings_layer=None, green=None),
                "green": lambda: check_argv(green=path, green_layer=None),
                "lines": lambda: check_argv(lines=path)}[role]()
        return Case(name, "files", argv, Exit2((path.name, *words) if named else words))
    return build


def _touch(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def _mkdir(path: Path) -> Path:
    path.mkdir()
    return path


def _text(path: Path) -> Path:
    path.write_text("地块编号,容积率\nXG-06-02,2.2\n", encoding="utf-8")
    return path


def _random(path: Path) -> Path:
    path.write_bytes(np.random.default_rng(11).bytes(5000))
    return path


def _gpkg_without_layers(path: Path) -> Path:
    """A GeoPackage as GDAL creates one before any layer is added: its metadata tables, no content."""
    connection = sqlite3.connect(path)
    connection.executescript("""
        PRAGMA application_id = 1196444487; PRAGMA user_version = 10400;
        CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY,
            organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL,
            description TEXT);
        CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL,
            identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME, min_x DOUBLE,
            min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER);
        CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,
            geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL);
    """)
    connection.commit()
    connection.close()
    return path


def _damaged(path: Path) -> Path:
    data = bytearray(PLAN.read_bytes())
    data[2 * 4096:3 * 4096] = b"\xab" * 4096
    path.write_bytes(bytes(data))
    return path


def _shapefile(d: Path, *, without: str | None = None, cut: str | None = None) -> Path:
    for suffix in (".shp", ".shx", ".dbf", ".prj"):
        if suffix == without:
            continue
        data = GBK_SHP.with_suffix(suffix).read_bytes()
        (d / f"plan{suffix}").write_bytes(data[: len(data) * 6 // 10] if suffix == cut else data)
    return d / "plan.shp"


def _gbk_shapefile(name: str, cpg: str | None, *, prj: bool = True, expect: Exit2 | None = None) -> Builder:
    """The sample plan as an old Chinese Shapefile (GBK, no .cpg, language byte 0): read as the GeoPackage is."""
    def build(d: Path) -> Case:
        for suffix in (".shp", ".shx", ".dbf", ".prj"):
            if suffix != ".prj" or prj:
                (d / f"plan{suffix}").write_bytes(GBK_SHP.with_suffix(suffix).read_bytes())
        if cpg is not None:
            (d / "plan.cpg").write_text(cpg, encoding="ascii")
        codes = () if prj else ("crs_assumed",)
        return Case(name, "files", check_argv(plan=d / "plan.shp"), expect or Clean(codes))
    return build


def _empty_green_layer(d: Path) -> Case:
    path = write_scheme(d, green=green_frame().iloc[:0])
    return Case("files-green-layer-empty", "files", check_argv(buildings=path, green=path),
                Exit2(("scheme.gpkg", "layer 绿地", "has no features")))


def _layer_missing(d: Path) -> Case:
    return Case("files-layer-missing", "files", check_argv(buildings_layer="不存在"),
                Exit2(("scheme_violating.gpkg", 'has no layer "不存在"', "建筑, 绿地")))


def _lines_layer_missing(d: Path) -> Case:
    return Case("files-lines-layer-missing", "files", check_argv(lines=LINES, lines_layer="红线"),
                Exit2(("xiguan_lines.gpkg", 'has no layer "红线"')))


# --- mappings -----------------------------------------------------------------------------------------------------

def _mappings() -> Iterator[tuple[str, str, Builder]]:
    good = '[plan]\nfar = "容积率"\n'
    text_cases = {
        "bom": (b"\xef\xbb\xbf" + good.encode("utf-8"), Clean()),
        "empty": (b"", Clean()),
        "gbk": (good.encode("gbk"), Exit2(("mapping.toml", "not UTF-8"))),
        "utf16": (good.encode("utf-16"), Exit2(("mapping.toml", "not UTF-8"))),
        "invalid-toml": (b'[plan\nfar = "RJL"\n', Exit2(("mapping.toml", "not valid TOML"))),
        "unknown-target": ('[plan]\nrjl = "容积率"\n'.encode(), Exit2(("mapping [plan]", '"rjl"', "far"))),
        "unknown-role": ('[plans]\nfar = "容积率"\n'.encode(), Exit2(("mapping.toml", "unknown mapping table [plans]"))),
        "missing-field": ('[plan]\nfar = "不存在"\n'.encode(),
                          Exit2(("plan.gpkg", "控规地块", 'far = "不存在"', "no such field"))),
        "number-value": (b"[plan]\nfar = 3\n", Exit2(('far = "3"', "no such field"))),
        "two-targets-one-field": ('[plan]\nfar = "容积率"\ndensity = "容积率"\n'.encode(),
                                  Exit2(('"容积率"', "far, density", "[plan]"))),
        "buildings-field-of-plan": ('[buildings]\nfloors = "容积率"\n'.encode(),
                                    Exit2(("scheme.gpkg", "建筑", 'floors = "容积率"'))),
        "field-of-other-indicator": ('[plan]\nfar = "建筑密度"\n'.encode(), Warn(
            ("unreadable_indicator",), ("field 建筑密度",), frozenset(),
            all_of(states_everywhere("far", "not_checked", "not_controlled"),
                   states_everywhere("density", "not_checked")))),
    }
    for label, (data, expect) in text_cases.items():
        name = f"mapping-{label}"
        yield name, "mapping", _mapping_case(name, data, expect)
    yield "mapping-folder", "mapping", _mapping_folder
    yield "mapping-missing", "mapping", _mapping_missing


def _mapping_case(name: str, data: bytes, expect: Exit2 | Warn | Clean) -> Builder:
    def build(d: Path) -> Case:
        mapping = d / "mapping.toml"
        mapping.write_bytes(data)
        # Copies of the sample files named as the words expect, so the messages name them.
        plan, scheme = d / "plan.gpkg", d / "scheme.gpkg"
        plan.write_bytes(PLAN.read_bytes())
        scheme.write_bytes(SCHEME.read_bytes())
        return Case(name, "mapping", check_argv(plan=plan, buildings=scheme, green=scheme,
                                                extra=("--mapping", str(mapping))), expect)
    return build


def _mapping_folder(d: Path) -> Case:
    folder = _mkdir(d / "mapping.toml")
    return Case("mapping-folder", "mapping", check_argv(extra=("--mapping", str(folder))),
                Exit2(("mapping.toml", "is a folder; --mapping takes a .toml file")))


def _mapping_missing(d: Path) -> Case:
    return Case("mapping-missing", "mapping", check_argv(extra=("--mapping", str(d / "字段.toml"))),
                Exit2(("字段.toml", "no such file")))


# --- review files -------------------------------------------------------------------------------------------------

NOTE_KEY = "v|far_max|XG-06-04|"


def review_document(scheme: Path, *, sha: str | None = None, path: str | None = None) -> dict:
    """A review of the violating scheme (as saved by Planner), with an approved exception on XG-06-04's FAR."""
    digest = sha or sha256(scheme)
    where = path or os.path.abspath(scheme)
    return {"schema": "planner.review/1", "saved_at": "2025-05-01T10:00:00+08:00", "reviewer": "李明",
            "opinion": "同意按临界情况处理，其余问题须整改。",
            "notes": {NOTE_KEY: {"note": "计容面积以竣工测量为准", "accepted": True, "reason": "测量误差"}},
            "scheme": {"buildings": {"path": where, "layer": BUILDINGS_LAYER, "sha256": digest},
                       "green": {"path": where, "layer": GREEN_LAYER, "sha256": digest}}}


def review_bytes(scheme: Path, **kwargs) -> bytes:
    return (json.dumps(review_document(scheme, **kwargs), ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode()


def _reviews() -> Iterator[tuple[str, str, Builder]]:
    cuts = {"tenth": lambda b: b[: len(b) // 10], "half": lambda b: b[: len(b) // 2],
            "nine-tenths": lambda b: b[: len(b) * 9 // 10],
            "mid-character": lambda b: b[: b.index("计容".encode()) + 1],  # inside a Chinese character
            "last-brace": lambda b: b[:-2]}
    for label, cut in cuts.items():
        name = f"review-cut-{label}"
        yield name, "review", _review_case(name, lambda s, c=cut: c(review_bytes(s)),
                                           Exit2(("review.json", "is incomplete: it is cut off", "no whole backup")))
    yield "review-cut-with-backup", "review", _review_case(
        "review-cut-with-backup", lambda s: cuts["half"](review_bytes(s)),
        Exit2(("review.json", "is incomplete", "Its backup copy", "is whole")), backup=True)
    yield "review-empty", "review", _review_case("review-empty", lambda s: b"",
                                                 Exit2(("review.json", "is incomplete")))
    other = sha256(COMPLIANT)
    yield "review-other-scheme", "review", _review_case(
        "review-other-scheme", lambda s: review_bytes(s, sha=other, path=str(COMPLIANT)),
        Exit2(("review.json", "written for another scheme", "scheme_compliant.gpkg", other[:12])))
    yield "review-scheme-changed", "review", _review_case(
        "review-scheme-changed", lambda s: review_bytes(s, sha="0" * 64),
        Exit2(("review.json", "written for an earlier content", "scheme.gpkg")))
    malformed = {
        "wrong-schema": lambda s: review_bytes(s).replace(b"planner.review/1", b"planner.review/9"),
        "not-json": lambda s: "审查意见：同意。\n".encode(),
        "json-array": lambda s: b"[1, 2, 3]\n",
        "notes-not-object": lambda s: json.dumps({**review_document(s), "notes": ["x"]}).encode(),
        "accepted-not-boolean": lambda s: review_bytes(s).replace(b'"accepted": true', b'"accepted": "yes"'),
        "sha-not-sha": lambda s: review_bytes(s, sha="abc"),
        "opinion-number": lambda s: json.dumps({**review_document(s), "opinion": 5}).encode(),
    }
    for label, make in malformed.items():
        name = f"review-{label}"
        yield name, "review", _review_case(name, make, Exit2(("review.json", "the review file cannot be read",
                                                              "move it away to begin a new review")))
    yield "review-gbk", "review", _review_case("review-gbk", lambda s: review_bytes(s).decode().encode("gbk"),
                                               Exit2(("review.json", "is not UTF-8 text", "Save it again as UTF-8")))
    yield "review-folder", "review", _review_folder
    yield "review-missing", "review", _review_missing
    yield "review-names-no-scheme", "review", _review_case(
        "review-names-no-scheme", lambda s: json.dumps({k: v for k, v in review_document(s).items()
                                                        if k != "scheme"}, ensure_ascii=False).encode(),
        Warn((), stderr=("review.json", "names no scheme"), verdict=same_statuses))
    yield "review-beside-for-other-scheme", "review", _review_case(
        "review-beside-for-other-scheme", lambda s: review_bytes(s, sha=other, path=str(COMPLIANT)),
        Warn((), stderr=("review.json", "written for another scheme"), verdict=same_statuses), beside=True)


def _review_case(name: str, make: Callable[[Path], bytes], expect: Exit2 | Warn, *, backup: bool = False,
                 beside: bool = False) -> Builder:
    """The violating scheme copied into the case folder with a review file made by `make(scheme)`: named with
    --review, or (`beside`) saved next to the scheme where `planner check` finds it."""
    def build(d: Path) -> Case:
        scheme = d / "scheme.gpkg"
        scheme.write_bytes(SCHEME.read_bytes())
        review = d / ("scheme.gpkg.review.json" if beside else "review.json")
        review.write_bytes(make(scheme))
        if backup:
            (d / "review.json.bak").write_bytes(review_bytes(scheme))
        extra = () if beside else ("--review", str(review))
        return Case(name, "review", check_argv(buildings=scheme, green=scheme, extra=extra), expect)
    return build


def _review_folder(d: Path) -> Case:
    folder = _mkdir(d / "review.json")
    return Case("review-folder", "review", check_argv(extra=("--review", str(folder))),
                Exit2(("review.json", "the review file cannot be read")))


def _review_missing(d: Path) -> Case:
    return Case("review-missing", "review", check_argv(extra=("--review", str(d / "审查.review.json"))),
                Exit2(("审查.review.json", "no such file")))


# --- CAD drawings -------------------------------------------------------------------------------------------------

#: G-1's second vertex in the drawing, and 1#'s label.
G1_VERTEX = b" 10\n456356.0\n 20\n4400570.0\n"
LABEL_1 = "1#\\P18/-1\\PH=54.0m\\P住宅".encode("gbk")


def _dxf_with(d: Path, old: bytes = b"", new: bytes = b"") -> Path:
    """The sample drawing with the one occurrence of `old` replaced by `new` (a copy, without them)."""
    data = DXF.read_bytes()
    if old:
        assert data.count(old) == 1, old
        data = data.replace(old, new)
    path = d / "scheme.dxf"
    path.write_bytes(data)
    return path


def _drawings() -> Iterator[tuple[str, str, Builder]]:
    for value_name, (value, code) in BAD_VALUES.items():
        text = {"nan": b"nan", "inf": b"inf", "1e15": b"1e15"}[value_name]
        name = f"dxf-vertex-{value_name}"
        yield name, "dxf", _dxf_case(name, G1_VERTEX, b" 10\n" + text + b"\n 20\n4400570.0\n", Warn(
            (code,), ("scheme.dxf", "G-1"), touched_by("buildings", "G-1")))
    labels = {
        "storeys-words": ("1#\\P十八层\\PH=54.0m\\P住宅", ("dxf_storeys_unreadable", "storeys_estimated"),
                          ("十八层", "looks like storeys")),
        "storeys-junk": ("1#\\P18层楼\\PH=54.0m\\P住宅", ("dxf_storeys_unreadable",), ("18层楼",)),
        "no-id": ("18/-1\\PH=54.0m\\P住宅", ("dxf_no_id",), ("holds no id text",)),
        "two-ids": ("1#\\P2#\\P18/-1\\PH=54.0m\\P住宅", ("dxf_text_conflict",), ("disagree",)),
        "unknown-use": ("1#\\P18/-1\\PH=54.0m\\P火星基地", ("dxf_text_unused",), ("火星基地",)),
    }
    for label, (text, codes, words) in labels.items():
        name = f"dxf-label-{label}"
        touches = touched_by("buildings", "1#") | {"2#"}
        yield name, "dxf", _dxf_case(name, LABEL_1, text.encode("gbk"), Warn(codes, words, touches))
    yield "dxf-label-storeys-f", "dxf", _dxf_case("dxf-label-storeys-f", LABEL_1,
                                                  "1#\\P18F\\PH=54.0m\\P住宅".encode("gbk"), Clean())
    yield "dxf-outline-open", "dxf", _dxf_open
    yield "dxf-no-codepage", "dxf", _dxf_without_codepage
    yield "dxf-layer-missing", "dxf", lambda d: Case("dxf-layer-missing", "dxf", check_argv(
        buildings=_dxf_with(d), buildings_layer="不存在", green=None), Exit2(("scheme.dxf", 'has no layer "不存在"')))
    # A coordinate that is no number: GDAL reads 0, a vertex 456 km west; G-1 is left out, its label then in no
    # outline, and XG-05-01, where it stands, is not checked on what G-1 would change.
    yield "dxf-coordinate-text", "dxf", _dxf_case(
        "dxf-coordinate-text", G1_VERTEX, b" 10\nabc\n 20\n4400570.0\n",
        Warn(("coordinates_far_away", "dxf_text_outside"), ("scheme.dxf layer 建筑:", "(0, 4400570)"),
             touched_by("buildings", "G-1"), state("XG-05-01", "land_use", "not_checked")))


def _dxf_case(name: str, old: bytes, new: bytes, expect: Warn | Clean | Exit2) -> Builder:
    def build(d: Path) -> Case:
        path = _dxf_with(d, old, new)
        return Case(name, "dxf", check_argv(buildings=path, buildings_layer=None, green=None), expect, "dxf")
    return build


def _dxf_without_codepage(d: Path) -> Case:
    """The header variable $DWGCODEPAGE gone: the drawing says nothing of its encoding (its texts are GBK)."""
    data = DXF.read_bytes()
    start = data.index(b"  9\n$DWGCODEPAGE")
    end = data.index(b"  9\n", start + 4)
    path = d / "scheme.dxf"
    path.write_bytes(data[:start] + data[end:])
    return Case("dxf-no-codepage", "dxf", check_argv(buildings=path, buildings_layer=None, green=None), Clean(),
                "dxf")


def _dxf_open(d: Path) -> Case:
    """1#'s outline no longer closed (LWPOLYLINE flag 70 from 1 to 0): an open line, and its label in no outline."""
    data = DXF.read_bytes()
    label = data.index(LABEL_1)
    outline = data.index(b"LWPOLYLINE", label)
    flag = data.index(b" 70\n1\n", outline)
    path = d / "scheme.dxf"
    path.write_bytes(data[:flag] + b" 70\n0\n" + data[flag + 6:])
    return Case("dxf-outline-open", "dxf", check_argv(buildings=path, buildings_layer=None, green=None),
                Warn(("dxf_open_lines",), ("scheme.dxf", "do not close"), touched_by("buildings", "1#")),
                "dxf")


# --- control lines ------------------------------------------------------------------------------------------------

def _lines() -> Iterator[tuple[str, str, Builder]]:
    yield "lines-setback-words", "lines", field_case(
        "lines-setback-words", "lines", "HX-FK-02", "退让距离", "十二米", ("unreadable_line_value",),
        ("layer 道路红线: line HX-FK-02", "十二米"))
    yield "lines-degenerate", "lines", feature_case(
        "lines-degenerate", "lines", "HX-FK-02",
        lambda g: shapely.LineString([g.coords[0], g.coords[0]]), ("line_degenerate",))
    yield "lines-layer-unknown", "lines", _lines_unknown_layer
    yield "lines-only-unknown-layer", "lines", _lines_only_unknown


def _lines_unknown_layer(d: Path) -> Case:
    path = write_lines(d, frame(LINES, ROAD_LAYER).drop(columns=["道路等级"]), road_layer="其他")
    return Case("lines-layer-unknown", "lines", check_argv(lines=path),
                Warn(("control_layer_skipped",), ("lines.gpkg layer 其他:",), touched_by("lines", "HX-FK-02")),
                "lines")


def _lines_only_unknown(d: Path) -> Case:
    path = write(frame(LINES, ROAD_LAYER).drop(columns=["道路等级"]), d / "lines.gpkg", "其他")
    return Case("lines-only-unknown-layer", "lines", check_argv(lines=path),
                Warn(("control_kind_unknown",), ("lines.gpkg layer 其他:",), touched_by("lines", "HX-FK-02")),
                "lines")


# --- planner diff -------------------------------------------------------------------------------------------------

def _diffs() -> Iterator[tuple[str, str, Builder]]:
    def new_plan(name: str, change: Callable[[gpd.GeoDataFrame], gpd.GeoDataFrame], expect) -> Builder:
        def build(d: Path) -> Case:
            path = write_plan(d, change(frame(PLAN_2025)), "new.gpkg")
            return Case(name, "diff", diff_argv(new=path), expect, "diff")
        return build

    def vertex(value: float) -> Callable:
        def change(data):
            row = row_of(data, "地块编号", "XG-06-02")
            data.loc[row, "geometry"] = with_vertex(data.geometry.iloc[row], value)
            return data
        return change

    # The parcel left out of the new version is listed as removed, beside the warning that names it.
    yield "diff-new-vertex-nan", "diff", new_plan("diff-new-vertex-nan", vertex(np.nan), Warn(
        ("coordinates_not_finite",), ("new.gpkg layer 控规地块:", "XG-06-02"), frozenset({"XG-06-02"})))
    yield "diff-new-vertex-1e15", "diff", new_plan("diff-new-vertex-1e15", vertex(1e15), Warn(
        ("coordinates_absurd",), ("new.gpkg layer 控规地块:", "XG-06-02"), frozenset({"XG-06-02"})))

    def duplicate(data):
        data.loc[row_of(data, "地块编号", "XG-06-02"), "地块编号"] = "XG-06-01"
        return data

    yield "diff-new-duplicate-id", "diff", new_plan("diff-new-duplicate-id", duplicate, Warn(
        ("diff_duplicate_id",), ("new.gpkg layer 控规地块:", "XG-06-01"), frozenset({"XG-06-01", "XG-06-02"})))
    yield "diff-new-id-field-missing", "diff", new_plan(
        "diff-new-id-field-missing", lambda data: data.drop(columns=["地块编号"]),
        Exit2(("new.gpkg", "layer 控规地块", "no parcel-id field recognised")))
    bad_files = {
        "old-cut": ("old", lambda d: _cut(PLAN, d / "old.gpkg", PLAN.stat().st_size // 2), "is cut off"),
        "new-folder": ("new", lambda d: _mkdir(d / "new.gpkg"), "is a folder"),
        "new-empty": ("new", lambda d: _touch(d / "new.gpkg"), "is empty (0 bytes)"),
        "old-missing": ("old", lambda d: d / "旧.gpkg", "no such file"),
        "new-shp-without-dbf": ("new", lambda d: _shapefile(d, without=".dbf"), "attribute table plan.dbf is missing"),
    }
    for label, (side, make, words) in bad_files.items():
        name = f"diff-{label}"

        def build(d: Path, name=name, side=side, make=make, words=words) -> Case:
            path = make(d)
            argv = diff_argv(old=path) if side == "old" else diff_argv(new=path)
            return Case(name, "diff", argv, Exit2((path.name, words)), "diff")
        yield name, "diff", build

    def bad_mapping(d: Path) -> Case:
        mapping = d / "mapping.toml"
        mapping.write_text('[plan]\nfar = "RJL"\n', encoding="utf-8")
        return Case("diff-mapping-missing-field", "diff", diff_argv(extra=("--mapping", str(mapping))),
                    Exit2(('far = "RJL"', "no such field")), "diff")
    yield "diff-mapping-missing-field", "diff", bad_mapping


# --- all of them --------------------------------------------------------------------------------------------------

FAMILIES = (_coordinates, _geometries, _ids, _plan_fields, _limits, _building_values, _green_values, _crs, _files,
            _mappings, _reviews, _drawings, _lines, _diffs)


@cache
def builders() -> dict[str, tuple[str, Builder]]:
    """Every case: name -> (kind, builder)."""
    found: dict[str, tuple[str, Builder]] = {}
    for family in FAMILIES:
        for name, kind, build in family():
            assert name not in found, name
            found[name] = (kind, build)
    return found


def build(name: str, folder: Path) -> Case:
    """Write case `name` into `folder` (made if need be) and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    case = builders()[name][1](folder)
    assert case.name == name, (case.name, name)
    return case


def main(argv: list[str] | None = None) -> int:
    """Write every case into FOLDER/<name>/ and FOLDER/manifest.json (name, kind, outcome, command line)."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m tests.core.corpus.generate FOLDER", file=sys.stderr)
        return 2
    root = Path(args[0])
    manifest = []
    for name in builders():
        case = build(name, root / name)
        manifest.append({"name": name, "kind": case.kind, "outcome": case.outcome, "argv": list(case.argv)})
    (root / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"{len(manifest)} cases written to {root}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
