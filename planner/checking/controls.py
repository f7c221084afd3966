"""Checking footprints against control lines and protected zones (planner.io.controls loads them).

`check_controls` runs inside `planner.checking.engine.check` on geometry already in the working CRS. It makes
one STRtree per group of features and queries all footprints at once; exact geometry (clipping, distances,
shortest lines) is computed only for the candidate pairs. The rules, each a Violation of a rule in
`planner.model.CONTROL_RULES`:

* `green_line`, `blue_line`, `purple_line`, `yellow_line` (kind "control_line") and `ecological_red_line`,
  `basic_farmland` (kind "protected_zone"): a footprint overlaps a zone of that kind by 1 m² or more (less is a
  digitising sliver), or crosses (interiors meet) an open line of that kind, which delimits an area without
  saying on which side it lies. A zone is a polygon, or a closed line (CAD delivers areas so).
* `crosses_red_line`: a footprint's interior meets a road red line. Road red lines are always lines: a red-line
  polygon (a road's land, or a block's outline) stands for its edge, so the rules below hold for both.
* `beyond_red_line`: a footprint that does not cross any red line but lies on the far side of one from its
  parcel: the segment from its parcel's representative point to a vertex of the footprint crosses red lines
  an odd number of times. The parcel is the one holding the footprint's largest piece; a building on no parcel
  is judged from the nearest parcel. (A segment through the exact point where two red-line features join, or
  grazing a red line's corner, would be miscounted; real data does not put a parcel's representative point so.)
* `setback`: a footprint stands closer to a road red line than required (a closed interval: exactly the
  required distance passes, to DISTANCE_TOLERANCE). The distance is the shortest one from the footprint to
  the line. The requirement comes from the footprint's parcel (退线距离), else the line (退让距离), else the
  setback table by the line's road class and the building's height class. One finding per building: the line
  it falls shortest of.
  Buildings already crossing or beyond a red line get no setback finding (their distance is 0 or meaningless).
  A building whose height is unknown is held to the smaller of the table's two distances (so what is reported
  is certain); when it stands between the two, a `setback_uncertain` warning says so.
* `building_line`: a footprint has 1 m² or more outside the building control lines (建筑控制线 polygons) that
  govern it, those overlapping its parcel or itself; or it crosses an open building control line.
* `plan_conflict` (a warning on the plan): a construction parcel (its land use allows some building other
  than ancillary ones, per resources/land_use.toml) overlaps an ecological red line or basic farmland zone by
  1 m² or more.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import shapely

from planner.checking import rules
from planner.io.clean import POLYGON_TYPES
from planner.io.controls import (
    BUILDING_LINE,
    HEIGHT_CLASSES,
    KIND_ID,
    KINDS,
    PROTECTED_KINDS,
    ROAD,
    SOURCES,
    UNKNOWN,
    ZONE_KINDS,
    ControlLayer,
    ControlTable,
    default_table,
)
from planner.io.landuse import LandUseTable
from planner.io.layers import BuildingLayer, PlanLayer
from planner.model import CONTROL_RULES, CheckWarning, Violation
from planner.parallel import on_two_cores

__all__ = ["check_controls"]

#: Distances closer than this to the requirement count as equal. GEOS measures segment to segment through
#: projections whose rounding, at projected coordinates of millions of metres, is some 1e-9 m: a building drawn
#: exactly 15 m from the line can measure 14.999999999999998 m. A micrometre is far below any survey.
DISTANCE_TOLERANCE = 1e-6

@dataclass(frozen=True, slots=True)
class _Features:
    """Every usable control feature of every layer, in the working CRS."""

    kind: np.ndarray
    geometry: np.ndarray
    ids: np.ndarray
    setback: np.ndarray
    road_class: np.ndarray

    def __len__(self) -> int:
        return len(self.kind)


def _features(controls: Sequence[ControlLayer], geometries: Sequence[np.ndarray]) -> _Features:
    if not controls:
        empty = np.array([], dtype=object)
        return _Features(np.array([], dtype=np.int8), empty, empty, np.array([]), empty)
    kind = np.concatenate([c.kinds for c in controls]).astype(np.int8)
    use = kind != UNKNOWN
    return _Features(kind[use], np.concatenate(list(geometries)).astype(object)[use],
                     np.concatenate([c.ids for c in controls]).astype(object)[use],
                     np.concatenate([c.setback for c in controls]).astype(float)[use],
                     np.concatenate([c.road_class for c in controls]).astype(object)[use])


def check_controls(controls: Sequence[ControlLayer], geometries: Sequence[np.ndarray], *, plan: PlanLayer,
                   parcels: np.ndarray, parcel_tree: shapely.STRtree, buildings: BuildingLayer,
                   footprints: np.ndarray, footprint_area: np.ndarray, building_parcel: np.ndarray,
                   land_use_table: LandUseTable, table: ControlTable | None = None
                   ) -> tuple[list[tuple[int, Violation]], list[CheckWarning]]:
    """Check footprints (and the plan's parcels) against control features already in the working CRS.

    `geometries[k]` is `controls[k].geometry` aligned; `building_parcel[b]` is the parcel row holding building
    b's largest piece (-1: none). Returns (parcel row or -1, violation) pairs, ordered by building then rule,
    and the warnings.
    """
    table = table or default_table()
    features = _features(controls, geometries)
    found: list[tuple[int, str, dict[str, Any]]] = []  # (building, rule, details)
    warnings: list[CheckWarning] = []
    types = shapely.get_type_id(features.geometry)
    is_area = np.isin(types, POLYGON_TYPES)

    # Areas no building may stand in, and building control lines: polygons, or closed lines (CAD).
    other = np.flatnonzero(features.kind != ROAD)
    areas = features.geometry.copy()
    lines_only = other[~is_area[other]]
    if len(lines_only):
        built = shapely.build_area(shapely.node(features.geometry[lines_only]))
        closed = shapely.area(built) > 0
        areas[lines_only[closed]] = built[closed]
        is_area[lines_only[closed]] = True
    zone = np.flatnonzero(is_area & np.isin(features.kind, [KIND_ID[k] for k in ZONE_KINDS]))
    found += _zone_findings(features, zone, areas, footprints, footprint_area)
    open_lines = np.flatnonzero(~is_area & (features.kind != ROAD))
    found += _open_line_findings(features, open_lines, footprints)
    envelopes = np.flatnonzero(is_area & (features.kind == BUILDING_LINE))
    found += _building_line_findings(features, envelopes, areas, parcels, footprints, footprint_area,
                                     building_parcel)
    road = np.flatnonzero(features.kind == ROAD)
    road_found, road_warnings = _road_findings(features, road, is_area, plan, parcels, parcel_tree, buildings,
                                               footprints, building_parcel, land_use_table, table)
    found += road_found
    warnings += road_warnings
    protected = np.flatnonzero(is_area & np.isin(features.kind, [KIND_ID[k] for k in PROTECTED_KINDS]))
    warnings += _plan_conflicts(features, protected, areas, plan, parcels, land_use_table)
    return _violations(_merged(found), plan, buildings, building_parcel), warnings


def _merged(found: list[tuple[int, str, dict]]) -> list[tuple[int, str, dict]]:
    """One finding per building and rule: a zone overlapped and an open line of the same kind crossed, or a
    building both outside its building control line and across an open one, make one finding naming every
    line (the overlap's numbers kept)."""
    merged: dict[tuple[int, str], dict] = {}
    for building, rule, details in found:
        key = (building, rule)
        if key not in merged:
            merged[key] = details
            continue
        first = merged[key]
        if first["how"] == "crosses":
            first, details = details, first
        merged[key] = {**first, "lines": list(dict.fromkeys([*first["lines"], *details["lines"]]))}
    return [(building, rule, details) for (building, rule), details in merged.items()]


def _overlap_areas(features_a: np.ndarray, areas_a: np.ndarray, zones: np.ndarray) -> np.ndarray:
    """Area of each feature inside its zone (pairs); a feature the zone covers is not clipped."""
    shapely.prepare(zones)
    area = areas_a.copy()
    covered = shapely.covers(zones, features_a)
    clip = np.flatnonzero(~covered)
    if len(clip):
        area[clip] = shapely.area(on_two_cores(shapely.intersection, features_a[clip], zones[clip]))
    return area


def _zone_findings(features: _Features, zone: np.ndarray, areas: np.ndarray, footprints: np.ndarray,
                   footprint_area: np.ndarray) -> list[tuple[int, str, dict]]:
    if not len(zone) or not len(footprints):
        return []
    geometry = areas[zone]
    building, z = shapely.STRtree(geometry).query(footprints, predicate="intersects")
    area = _overlap_areas(footprints[building], footprint_area[building], geometry[z])
    meet = area > 0
    building, z, area = building[meet], z[meet], area[meet]
    kind = features.kind[zone[z]].astype(np.int64)
    found = []
    for key, members in _groups(building * len(KINDS) + kind):
        total = float(area[members].sum())
        if total >= rules.SLIVER_AREA:
            name = KINDS[key % len(KINDS)]
            found.append((key // len(KINDS), name, {"line_kind": name, "how": "overlaps", "area": total,
                                                     "lines": _unique(features.ids[zone[z[members]]])}))
    return found


def _unique(values: np.ndarray) -> list[str]:
    return [str(v) for v in dict.fromkeys(values.tolist())]


def _crossing_pairs(lines: np.ndarray, footprints: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(building, line) pairs whose interiors meet: the line passes through the footprint, not along its edge."""
    if not len(lines) or not len(footprints):
        return np.array([], dtype=np.intp), np.array([], dtype=np.intp)
    building, line = shapely.STRtree(lines).query(footprints, predicate="intersects")
    inside = shapely.relate_pattern(footprints[building], lines[line], "T********")
    return building[inside], line[inside]


def _open_line_findings(features: _Features, open_lines: np.ndarray,
                        footprints: np.ndarray) -> list[tuple[int, str, dict]]:
    building, line = _crossing_pairs(features.geometry[open_lines], footprints)
    kind = features.kind[open_lines[line]].astype(np.int64)
    found = []
    for key, members in _groups(building * len(KINDS) + kind):
        name = KINDS[key % len(KINDS)]
        found.append((key // len(KINDS), name, {"line_kind": name, "how": "crosses", "area": None,
                                                 "lines": _unique(features.ids[open_lines[line[members]]])}))
    return found


def _building_line_findings(features: _Features, envelopes: np.ndarray, areas: np.ndarray, parcels: np.ndarray,
                            footprints: np.ndarray, footprint_area: np.ndarray,
                            building_parcel: np.ndarray) -> list[tuple[int, str, dict]]:
    """Footprints with 1 m² or more outside the building control lines that govern them: those of their parcel,
    and those they overlap by 1 m² or more (a footprint touching an envelope along an edge is not governed)."""
    if not len(envelopes) or not len(footprints):
        return []
    geometry = areas[envelopes]
    tree = shapely.STRtree(geometry)
    # The parcels a building control line governs: those it overlaps by more than a sliver.
    p, e = tree.query(parcels, predicate="intersects")
    shared = _overlap_areas(geometry[e], shapely.area(geometry[e]), parcels[p])
    p, e = p[shared >= rules.SLIVER_AREA], e[shared >= rules.SLIVER_AREA]
    governed = np.zeros(len(parcels), dtype=bool)
    governed[p] = True
    b, k = tree.query(footprints, predicate="intersects")
    overlap = _overlap_areas(footprints[b], footprint_area[b], geometry[k])
    meet = overlap > 0
    b, k, overlap = b[meet], k[meet], overlap[meet]
    inside = np.bincount(b, weights=overlap, minlength=len(footprints))
    several = np.flatnonzero(np.bincount(b, minlength=len(footprints)) > 1)
    for building in several.tolist():  # envelopes overlapping each other: count the shared part once
        mine = geometry[k[b == building]]
        inside[building] = shapely.area(shapely.intersection(footprints[building], shapely.union_all(mine)))
    subject = inside >= rules.SLIVER_AREA
    has_parcel = building_parcel >= 0
    subject[has_parcel] |= governed[building_parcel[has_parcel]]
    outside = np.where(subject, footprint_area - inside, 0.0)
    flagged = np.flatnonzero(outside >= rules.SLIVER_AREA)
    if not len(flagged):
        return []
    named: dict[int, list[str]] = {}
    for building, envelope in zip(b.tolist(), k.tolist()):
        named.setdefault(building, []).append(str(features.ids[envelopes[envelope]]))
    by_parcel: dict[int, list[str]] = {}
    for parcel, envelope in zip(p.tolist(), e.tolist()):
        by_parcel.setdefault(parcel, []).append(str(features.ids[envelopes[envelope]]))
    found = []
    for building in flagged.tolist():
        lines = named.get(building) or by_parcel.get(int(building_parcel[building]), [])
        found.append((building, "building_line", {"line_kind": "building_line", "how": "outside",
                                                  "area": float(outside[building]),
                                                  "lines": list(dict.fromkeys(lines))}))
    return found


def _height_class(buildings: BuildingLayer, land_use_table: LandUseTable, table: ControlTable) -> np.ndarray:
    """0 multi-storey, 1 high-rise, -1 unknown height (GB 50352-2019 3.1.2 as set in the table)."""
    codes, uses = pd.factorize(buildings.use, use_na_sentinel=True)
    residential = np.array([land_use_table.normalise_use(u) == "residential" for u in uses.tolist()] + [False],
                           dtype=bool)[codes]
    threshold = np.where(residential, table.high_rise_above_residential, table.high_rise_above)
    single_storey = ~residential & (buildings.floors == 1)
    with np.errstate(invalid="ignore"):
        high = (buildings.height > threshold) & ~single_storey
    return np.where(np.isnan(buildings.height) & ~single_storey, -1, high.astype(np.int8)).astype(np.int8)


def _road_findings(features: _Features, road: np.ndarray, is_area: np.ndarray, plan: PlanLayer, parcels: np.ndarray,
                   parcel_tree: shapely.STRtree, buildings: BuildingLayer, footprints: np.ndarray,
                   building_parcel: np.ndarray, land_use_table: LandUseTable, table: ControlTable
                   ) -> tuple[list[tuple[int, str, dict]], list[CheckWarning]]:
    if not len(road) or not len(footprints):
        return [], []
    # A red-line polygon stands for its edge: a road's land and a block's outline are then read alike.
    lines = np.where(is_area[road], shapely.boundary(features.geometry[road]), features.geometry[road])
    ids = features.ids[road]
    line_setback = features.setback[road]
    roads = list(table.setbacks)
    road_class = np.array([roads.index(c) if c in table.setbacks else -1 for c in features.road_class[road]],
                          dtype=np.int64)
    multi = np.array([table.setbacks[c][0] for c in roads] + [np.nan])[road_class]
    high = np.array([table.setbacks[c][1] for c in roads] + [np.nan])[road_class]
    parcel_setback = np.full(len(footprints), np.nan)
    on_parcel = building_parcel >= 0
    parcel_setback[on_parcel] = plan.setback[building_parcel[on_parcel]]

    # Candidate pairs by bounding boxes: each line's box grown by the most any building may need from it.
    # (A "dwithin" query would prepare every footprint; boxes and numpy are several times faster.)
    most_from_parcels = float(np.nanmax(parcel_setback)) if np.isfinite(parcel_setback).any() else 0.0
    reach = np.fmax(np.where(np.isfinite(line_setback), line_setback, np.fmax(multi, high)), most_from_parcels)
    reach = np.nan_to_num(reach, nan=0.0)
    line_box = shapely.bounds(lines)
    grown = shapely.box(line_box[:, 0] - reach, line_box[:, 1] - reach, line_box[:, 2] + reach, line_box[:, 3] + reach)
    b, r = shapely.STRtree(grown).query(footprints)
    height_class = _height_class(buildings, land_use_table, table)[b]
    from_table = np.where(height_class == 1, high[r], np.where(height_class == 0, multi[r], np.fmin(multi[r], high[r])))
    source = np.where(np.isfinite(parcel_setback[b]), 0, np.where(np.isfinite(line_setback[r]), 1, 2))
    required = np.choose(source, [parcel_setback[b], line_setback[r], from_table])
    # Unknown height: held to the smaller distance, but told when it stands short of the larger one.
    unsure = (source == 2) & (height_class == -1)
    bound = np.where(unsure, np.fmax(multi[r], high[r]), required)
    footprint_box = shapely.bounds(footprints)[b]
    gap_x = np.maximum(np.maximum(line_box[r, 0] - footprint_box[:, 2], footprint_box[:, 0] - line_box[r, 2]), 0.0)
    gap_y = np.maximum(np.maximum(line_box[r, 1] - footprint_box[:, 3], footprint_box[:, 1] - line_box[r, 3]), 0.0)
    gap = np.hypot(gap_x, gap_y)  # never more than the true distance
    keep = (gap == 0) | (gap < bound)
    b, r, source, required, unsure, height_class = (b[keep], r[keep], source[keep], required[keep], unsure[keep],
                                                     height_class[keep])
    distance = shapely.distance(footprints[b], lines[r])
    found: list[tuple[int, str, dict]] = []

    # Crossing: interiors meet.
    touching = np.flatnonzero(distance == 0)
    crossing = touching[shapely.relate_pattern(footprints[b[touching]], lines[r[touching]], "T********")]
    if len(crossing):
        length = shapely.length(shapely.intersection(lines[r[crossing]], footprints[b[crossing]]))
        for building, members in _groups(b[crossing]):
            found.append((building, "crosses_red_line", {
                "line_kind": "road_red_line", "how": "crosses", "length": float(length[members].sum()),
                "lines": _unique(ids[r[crossing[members]]])}))
    crossed = np.zeros(len(footprints), dtype=bool)
    crossed[b[crossing]] = True
    excluded = crossed.copy()
    excluded[b[touching]] = True
    beyond, beyond_found = _beyond(lines, ids, parcels, parcel_tree, footprints, building_parcel, excluded)
    found += beyond_found

    # Setbacks, for the buildings on the right side of every red line.
    keep = ~(crossed | beyond)[b]
    b, r, distance, source, required, unsure, height_class = (
        b[keep], r[keep], distance[keep], source[keep], required[keep], unsure[keep], height_class[keep])
    with np.errstate(invalid="ignore"):
        short = distance < required - DISTANCE_TOLERANCE
        uncertain = unsure & ~short & (distance < np.fmax(multi[r], high[r]) - DISTANCE_TOLERANCE)
    warnings = _uncertain_warnings(buildings, ids, b, r, distance, multi, high, uncertain, building_parcel, plan)
    pick = np.flatnonzero(short)
    if len(pick):
        shortfall = required[pick] - distance[pick]
        pick = pick[np.lexsort((-shortfall, b[pick]))]
        pick = pick[np.r_[True, b[pick][1:] != b[pick][:-1]]]  # the line each building falls shortest of
        segments = shapely.get_coordinates(shapely.shortest_line(footprints[b[pick]], lines[r[pick]]))
        segments = segments.reshape(-1, 2, 2).tolist()
        class_names = [roads[c] if c >= 0 else None for c in road_class[r[pick]].tolist()]
        height_names = [HEIGHT_CLASSES[h] if h >= 0 else None for h in height_class[pick].tolist()]
        line_ids = [str(i) for i in ids[r[pick]].tolist()]
        for k, (building, measured, needed, origin) in enumerate(zip(
                b[pick].tolist(), distance[pick].tolist(), required[pick].tolist(), source[pick].tolist())):
            found.append((building, "setback", {
                "line_kind": "road_red_line", "how": "too_close", "line": line_ids[k], "lines": [line_ids[k]],
                "distance": measured, "required": needed, "source": SOURCES[origin], "segment": segments[k],
                "road_class": class_names[k], "height_class": height_names[k]}))
    return found, warnings


def _groups(keys: np.ndarray):
    """(key, positions) for each distinct key, keys ascending, positions in their original order."""
    if not len(keys):
        return
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
    ends = np.r_[starts[1:], len(order)]
    for key, start, end in zip(sorted_keys[starts].tolist(), starts.tolist(), ends.tolist()):
        yield key, order[start:end]


def _beyond(lines: np.ndarray, ids: np.ndarray, parcels: np.ndarray, parcel_tree: shapely.STRtree,
            footprints: np.ndarray, building_parcel: np.ndarray,
            excluded: np.ndarray) -> tuple[np.ndarray, list[tuple[int, str, dict]]]:
    """Buildings on the far side of a red line from their parcel: the segment from the parcel's representative
    point to one of the footprint's vertices crosses red lines an odd number of times."""
    beyond = np.zeros(len(footprints), dtype=bool)
    if not len(parcels):
        return beyond, []
    parcel = building_parcel.copy()
    lost = np.flatnonzero(parcel < 0)
    if len(lost):
        near_building, near_parcel = parcel_tree.query_nearest(footprints[lost], all_matches=False)
        parcel[lost[near_building]] = near_parcel
    candidates = np.flatnonzero((parcel >= 0) & ~excluded)
    if not len(candidates):
        return beyond, []
    used, slot = np.unique(parcel[candidates], return_inverse=True)
    start = shapely.get_coordinates(shapely.point_on_surface(parcels[used]))[slot]
    coords, index = shapely.get_coordinates(footprints[candidates], return_index=True)
    end = coords[np.unique(index, return_index=True)[1]]
    segments = shapely.linestrings(np.stack([start, end], axis=1))
    s, r = shapely.STRtree(lines).query(segments, predicate="intersects")
    if not len(s):
        return beyond, []
    crossings = shapely.get_num_geometries(shapely.intersection(segments[s], lines[r]))
    odd = np.bincount(s, weights=crossings, minlength=len(segments)) % 2 == 1
    found = []
    if odd.any():
        flagged = candidates[odd]
        beyond[flagged] = True
        crossed = np.flatnonzero(odd[s] & (crossings > 0))
        building = candidates[s[crossed]]
        distance = shapely.distance(footprints[building], lines[r[crossed]])
        for key, members in _groups(building):
            found.append((key, "beyond_red_line", {
                "line_kind": "road_red_line", "how": "beyond", "distance": float(distance[members].min()),
                "lines": _unique(ids[r[crossed[members]]])}))
    return beyond, found


def _uncertain_warnings(buildings, ids, b, r, distance, multi, high, uncertain, building_parcel,
                        plan) -> list[CheckWarning]:
    if not uncertain.any():
        return []
    warnings = []
    pick = np.flatnonzero(uncertain)
    pick = pick[np.lexsort((distance[pick], b[pick]))]
    pick = pick[np.r_[True, b[pick][1:] != b[pick][:-1]]]
    for i in pick.tolist():
        p = int(building_parcel[b[i]])
        warnings.append(CheckWarning("setback_uncertain", str(plan.ids[p]) if p >= 0 else None,
                                     str(buildings.ids[b[i]]), {
                                         "line": str(ids[r[i]]), "distance": float(distance[i]),
                                         "low": float(min(multi[r[i]], high[r[i]])),
                                         "high": float(max(multi[r[i]], high[r[i]]))}))
    return warnings


def _plan_conflicts(features: _Features, protected: np.ndarray, areas: np.ndarray, plan: PlanLayer,
                    parcels: np.ndarray, land_use_table: LandUseTable) -> list[CheckWarning]:
    """Construction parcels of the plan overlapping an ecological red line or basic farmland zone."""
    if not len(protected) or not len(parcels):
        return []
    geometry = areas[protected]
    p, z = shapely.STRtree(geometry).query(parcels, predicate="intersects")
    if not len(p):
        return []
    codes, values = pd.factorize(plan.land_use, use_na_sentinel=True)
    construction = np.array([_is_construction(land_use_table, v) for v in values.tolist()] + [False])[codes]
    keep = construction[p]
    p, z = p[keep], z[keep]
    area = _overlap_areas(parcels[p], shapely.area(parcels[p]), geometry[z])
    frame = pd.DataFrame({"parcel": p, "rank": plan.rank[p], "kind": features.kind[protected[z]], "area": area,
                          "line": features.ids[protected[z]]})
    frame = frame[frame["area"] > 0]
    warnings = []
    for (_rank, parcel, kind), group in frame.groupby(["rank", "parcel", "kind"], sort=True):
        total = float(group["area"].sum())
        if total >= rules.SLIVER_AREA:
            warnings.append(CheckWarning("plan_conflict", str(plan.ids[parcel]), None, {
                "line_kind": KINDS[kind], "lines": _unique(group["line"]), "area": total,
                "code": plan.land_use[parcel]}))
    return warnings


def _is_construction(table: LandUseTable, code: str) -> bool:
    """Land whose use allows a building beyond ancillary ones (parks allow only those: not construction)."""
    allowed = table.allowed_uses(code) if isinstance(code, str) and code else None
    return bool(allowed and allowed - {table.ancillary_use})


_RULE_ORDER = {rule: k for k, rule in enumerate(CONTROL_RULES)}


def _violations(found: list[tuple[int, str, dict]], plan: PlanLayer, buildings: BuildingLayer,
                building_parcel: np.ndarray) -> list[tuple[int, Violation]]:
    found.sort(key=lambda f: (f[0], _RULE_ORDER[f[1]]))
    half_step = float(rules.PRECISION["distance"]) / 2 * (1 + 1e-9)
    parcel_ids = [str(i) for i in plan.ids.tolist()]
    out = []
    for building, rule, details in found:
        p = int(building_parcel[building])
        limit = None
        marginal = False
        if rule == "setback":
            actual, limit = details["distance"], details["required"]
            # Only a distance within half a display step of the requirement can round up to it.
            marginal = limit - actual <= half_step and rules.round_half_up(actual, "distance") >= limit
        elif rule == "beyond_red_line":
            actual = details["distance"]
        elif rule == "crosses_red_line":
            actual = details["length"]
        else:
            actual = details.get("area")
        out.append((p, Violation(rule, parcel_ids[p] if p >= 0 else None, str(buildings.ids[building]), actual,
                                 limit, marginal, details)))
    return out
