"""The checking engine: one STRtree, bulk queries, clipping only what straddles, numpy aggregation."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, replace
from itertools import repeat
from operator import attrgetter
from typing import Any

import numpy as np
import pandas as pd
import shapely

from planner.checking import rules, verdicts
from planner.checking.clip import clip_convex, is_convex
from planner.checking.controls import check_controls
from planner.io.controls import ControlLayer, ControlTable
from planner.io.crs import align, crs_label, measured_in
from planner.io.landuse import EDITIONS, Judgement, LandUseTable, shipped_table
from planner.io.layers import BuildingLayer, GreenLayer, PlanLayer
from planner.model import (
    ALL_RULES,
    CHECKED_ITEMS,
    INDICATOR_RULES,
    INDICATORS,
    BuildingTable,
    CheckResult,
    CheckWarning,
    InputInfo,
    ParcelTable,
    ResultGeometry,
    Violation,
    no_garbage_collection,
)
from planner.parallel import in_background, now, on_two_cores, own_copies

Progress = Callable[[float, str], None]


class Cancelled(Exception):
    """Raised between stages when the caller's `cancelled()` says so."""


@dataclass(frozen=True, slots=True)
class Pieces:
    """The parts of features inside parcels: feature index, parcel index, area and geometry of each part."""

    feature: np.ndarray
    parcel: np.ndarray
    area: np.ndarray
    geometry: np.ndarray


def overlay(features: np.ndarray, areas: np.ndarray, parcels: np.ndarray, tree: shapely.STRtree) -> Pieces:
    """Split features by parcels. A feature covered by a parcel is taken whole; only the rest are clipped.

    `parcels` must be prepared (shapely.prepare): covers() is then cheap, and most features are covered.
    """
    feature, parcel = tree.query(features)  # bounding boxes only: covers() and clipping decide the rest
    covered = shapely.covers(parcels[parcel], features[feature])
    geometry = features[feature]
    area = areas[feature]
    clip = np.flatnonzero(~covered)
    if len(clip):
        geometry[clip] = _intersection(features, parcels, feature[clip], parcel[clip])
        area[clip] = shapely.area(geometry[clip])
    keep = area > 0  # bounding boxes that meet, or polygons touching along an edge, give no piece
    if keep.all():
        return Pieces(feature, parcel, area, geometry)
    return Pieces(feature[keep], parcel[keep], area[keep], geometry[keep])


def _intersection(features: np.ndarray, parcels: np.ndarray, feature: np.ndarray, parcel: np.ndarray) -> np.ndarray:
    """shapely.intersection(features[feature], parcels[parcel]): pairs of convex polygons are clipped in numpy
    (planner.checking.clip: several times faster than GEOS), every other pair by GEOS."""
    subjects, clips = features[feature], parcels[parcel]
    convex = _each_convex(parcels, parcel)
    convex[convex] = _each_convex(features, feature[convex])
    pieces = np.empty(len(feature), dtype=object)
    fast, slow = np.flatnonzero(convex), np.flatnonzero(~convex)
    if len(fast):
        pieces[fast] = on_two_cores(clip_convex, subjects[fast], clips[fast])
    if len(slow):
        pieces[slow] = on_two_cores(shapely.intersection, subjects[slow], clips[slow])
    return pieces


def _each_convex(geometry: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """is_convex(geometry[rows]), testing each geometry once."""
    unique, inverse = np.unique(rows, return_inverse=True)
    return is_convex(geometry[unique])[inverse]


def union_area_by_parcel(pieces: Pieces, n_parcels: int, weights: np.ndarray | None = None) -> np.ndarray:
    """Area of the union of pieces per parcel (overlaps once), optionally weighted per piece.

    Most parcels have no overlapping pieces and are summed. Where two pieces overlap, their shared area is
    taken off once (at the lower weight, so overlaps count at the highest factor). Only parcels where a piece
    overlaps two others or more, where that subtraction is not exact, get a real union.
    """
    return _union_area(pieces, n_parcels, weights, now)()


def _union_area(pieces: Pieces, n_parcels: int, weights: np.ndarray | None,
                run: Callable[..., Future]) -> Callable[[], np.ndarray]:
    """union_area_by_parcel in two steps. This call finds the overlapping pairs and hands the GEOS work left (their
    shared areas, the unions) to `run`: `now`, or `in_background` to do it beside the caller's Python. The
    function returned adds it all up. Only whole GEOS calls go to the thread: there, each small numpy step would
    wait its turn for the GIL (up to 5 ms while the caller runs Python).
    """
    w = np.ones(len(pieces.area)) if weights is None else weights
    total = np.bincount(pieces.parcel, weights=pieces.area * w, minlength=n_parcels)
    a, b = _candidate_pairs(pieces)
    # Buildings sharing a wall only touch; for polygons, interiors meeting means a positive shared area.
    meet = on_two_cores(shapely.relate_pattern, pieces.geometry[a], pieces.geometry[b], pattern="T********")
    a, b = a[meet], b[meet]
    if not len(a):
        return lambda: total
    in_pairs = np.bincount(np.concatenate([a, b]), minlength=len(pieces.area))
    redo = np.unique(pieces.parcel[in_pairs >= 2])
    # The shared areas of parcels that get a real union below would be overwritten: not worth intersecting.
    single = ~np.isin(pieces.parcel[a], redo)
    shared_geometry = run(on_two_cores, shapely.intersection, pieces.geometry[a[single]], pieces.geometry[b[single]])
    members = np.flatnonzero(np.isin(pieces.parcel, redo))
    members = members[np.argsort(pieces.parcel[members], kind="stable")]  # by parcel, each in piece order
    tables, levels = _level_tables(pieces.geometry[members], w[members], np.bincount(pieces.parcel[members])[redo])
    unions = run(on_two_cores, shapely.union_all, tables, axis=1) if len(tables) else None

    def add_up() -> np.ndarray:
        shared = np.zeros(len(a))
        shared[single] = shapely.area(shared_geometry.result())
        area = total - np.bincount(pieces.parcel[a], weights=shared * np.minimum(w[a], w[b]), minlength=n_parcels)
        if unions is not None:
            area[redo] = _add_levels(shapely.area(unions.result()), levels, len(redo))
        return area

    return add_up


def _candidate_pairs(pieces: Pieces) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of pieces in the same parcel whose bounding boxes meet, for the overlap test.

    A sweep over bounding boxes sorted by parcel, then by left edge: piece i is compared with i+1, i+2 ... only
    while they share its parcel and start left of its right edge. A parcel holds few buildings, so this is a
    handful of vector passes instead of a spatial index over every piece.
    """
    bounds = shapely.bounds(pieces.geometry)
    order = _by_parcel_then(pieces.parcel, bounds[:, 0])
    parcel = pieces.parcel[order]
    minx, miny, maxx, maxy = np.take(bounds, order, axis=0).T  # take copies whole rows: faster than bounds[order]
    first_parts, second_parts = [], []
    # Pieces i whose next piece is within reach (same parcel, starting left of i's right edge), by slices.
    i = np.flatnonzero((parcel[1:] == parcel[:-1]) & (minx[1:] <= maxx[:-1]))
    step = 1
    while len(i):
        j = i + step
        boxes_meet = (miny[j] <= maxy[i]) & (miny[i] <= maxy[j])
        first_parts.append(order[i[boxes_meet]])
        second_parts.append(order[j[boxes_meet]])
        step += 1
        i = i[i + step < len(order)]
        j = i + step
        i = i[(parcel[j] == parcel[i]) & (minx[j] <= maxx[i])]
    a = np.concatenate(first_parts) if first_parts else np.array([], dtype=np.intp)
    b = np.concatenate(second_parts) if second_parts else np.array([], dtype=np.intp)
    return a, b


def _by_parcel_then(parcel: np.ndarray, key: np.ndarray) -> np.ndarray:
    """np.lexsort((key, parcel)) for parcel rows (or other non-negative integers) in two stable sorts, the second
    a radix sort when the rows fit 16 bits (plans of up to 65,536 parcels): a quarter faster at city scale."""
    by_key = np.argsort(key, kind="stable")
    rows = parcel[by_key]
    if len(rows) and rows.max() < 1 << 16:
        rows = rows.astype(np.uint16)  # numpy sorts 16-bit integers by radix when asked for a stable sort
    return by_key[np.argsort(rows, kind="stable")]


def _level_tables(geometry: np.ndarray, weights: np.ndarray,
                  sizes: np.ndarray) -> tuple[np.ndarray, list[tuple[float, np.ndarray]]]:
    """The unions a weighted union area takes, for groups of pieces (the next `sizes[k]` of them): for each factor
    level f (descending) of a group, the union of its pieces weighing f or more.

    Returns one table of rows to unite (None where a row is short or below the level: shapely.union_all(axis=1)
    skips them), level after level, and for each level the groups with pieces at it, whose rows those are. One
    GEOS call then does every union, rather than one call per group and level.
    """
    row = np.repeat(np.arange(len(sizes)), sizes)
    column = np.arange(len(row)) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    tables, levels = [], []
    for level in np.unique(weights)[::-1]:
        present = np.zeros(len(sizes), dtype=bool)
        present[row[(weights == level) | (np.isnan(weights) & np.isnan(level))]] = True
        table = np.full((len(sizes), int(sizes.max())), None, dtype=object)
        reach = weights >= level
        table[row[reach], column[reach]] = geometry[reach]
        tables.append(table[present])
        levels.append((level, present))
    return (np.concatenate(tables) if tables else np.empty((0, 1), dtype=object)), levels


def _add_levels(covered: np.ndarray, levels: list[tuple[float, np.ndarray]], n_groups: int) -> np.ndarray:
    """Σ over each group's factor levels f of f x ((area covered at >= f) - (area covered at > f)), from the areas
    of _level_tables' rows."""
    area, covered_above = np.zeros(n_groups), np.zeros(n_groups)
    start = 0
    for level, present in levels:
        here = covered[start:start + np.count_nonzero(present)]
        start += len(here)
        area[present] += level * (here - covered_above[present])
        covered_above[present] = here
    return area


def check(plan: PlanLayer, buildings: BuildingLayer, green: GreenLayer | None = None, *,
          controls: Sequence[ControlLayer] = (), control_table: ControlTable | None = None,
          land_use_table: LandUseTable | None = None, land_use_edition: str | None = None,
          progress: Progress | None = None, cancelled: Callable[[], bool] | None = None) -> CheckResult:
    """Measure what the scheme achieves on every parcel it touches and find every breach of the plan.

    `controls` are control-line layers (planner.io.controls.load_controls): footprints are also checked against
    road red lines and setbacks, the 五线, protected zones and building control lines. `land_use_edition` is the
    classification the plan's land-use codes follow ("1990" GBJ 137-90, "2011" GB 50137-2011, "2020" or "2023"
    用地用海); None: told by the codes (planner.io.landuse.LandUseTable.editions_of).
    """
    if land_use_edition is not None and land_use_edition not in EDITIONS:
        raise ValueError(f"land_use_edition {land_use_edition!r} is not one of {', '.join(EDITIONS)}")
    with no_garbage_collection():
        return _check(plan, buildings, green, tuple(controls), control_table, land_use_table, land_use_edition,
                      progress, cancelled)


def _check(plan: PlanLayer, buildings: BuildingLayer, green: GreenLayer | None, controls: tuple[ControlLayer, ...],
           control_table: ControlTable | None, land_use_table: LandUseTable | None, land_use_edition: str | None,
           progress: Progress | None, cancelled: Callable[[], bool] | None) -> CheckResult:

    def stage(fraction: float, name: str) -> None:
        if cancelled is not None and cancelled():
            raise Cancelled()
        if progress is not None:
            progress(fraction, name)

    stage(0.0, "align")
    layers = [(plan.info.path, plan.crs, plan.geometry), (buildings.info.path, buildings.crs, buildings.geometry)]
    if green is not None:
        layers.append((green.info.path, green.crs, green.geometry))
    layers += [(c.info.path, c.crs, c.geometry) for c in controls]
    # Where buildings and green areas stand that could not be measured (planner.io.clean.traces), aligned too.
    unmeasured_layers = [layer for layer in (buildings, green) if layer is not None and len(layer.unmeasured)]
    working, geometries, crs_notes = align(layers + [(layer.info.path, layer.crs, layer.unmeasured)
                                                     for layer in unmeasured_layers])
    parcels_geom, building_geom = geometries[0], geometries[1]
    control_geom = geometries[len(layers) - len(controls):len(layers)]
    unmeasured_geom = dict(zip((layer.info.role for layer in unmeasured_layers), geometries[len(layers):]))
    warnings = [*plan.warnings, *buildings.warnings, *(green.warnings if green is not None else ()),
                *(w for c in controls for w in c.warnings),
                *(CheckWarning(code, None, None, details) for code, details in crs_notes)]
    n_parcels, n_buildings = len(parcels_geom), len(building_geom)

    stage(0.05, "overlay")
    site_area = shapely.area(parcels_geom)
    footprint = on_two_cores(shapely.area, building_geom)
    # Prepared copies, not the plan layer's own objects: the window draws and picks those on its own thread while
    # a re-check runs here (two threads on one prepared geometry crash GEOS; see parallel).
    aligned_parcels, parcels_geom = parcels_geom, own_copies(parcels_geom)
    shapely.prepare(parcels_geom)
    tree = shapely.STRtree(parcels_geom)
    # The green layer needs nothing from the buildings: measured beside them, on the core they leave idle. It works
    # on its own copies of the parcels: the overlay below tests the prepared parcels_geom meanwhile (see parallel).
    green_job = None if green is None else in_background(_green_area, geometries[2], green.factor, parcels_geom,
                                                        tree, n_parcels)
    pieces = overlay(building_geom, footprint, parcels_geom, tree)
    unmeasured_rows = {role: _parcels_under(geometry, parcels_geom, tree) for role, geometry in
                       unmeasured_geom.items()}
    if n_buildings and n_parcels and not len(pieces.area):
        warnings.append(CheckWarning("scheme_outside_plan", None, None, {"path": buildings.info.path}))

    stage(0.45, "indicators")
    counted = np.where(np.isnan(buildings.gfa), footprint * np.nan_to_num(buildings.storey_factor), buildings.gfa)
    gfa = np.bincount(pieces.parcel, weights=counted[pieces.feature] * pieces.area / footprint[pieces.feature],
                      minlength=n_parcels)
    add_up_footprints = _union_area(pieces, n_parcels, None, in_background)  # its GEOS work runs beside the findings
    # A building stands on a parcel where it has more than a sliver, or where its largest piece lies.
    attributed = (pieces.area >= rules.SLIVER_AREA) | _largest_piece(pieces, n_buildings)
    max_height = np.full(n_parcels, np.nan)
    np.fmax.at(max_height, pieces.parcel[attributed], buildings.height[pieces.feature[attributed]])
    touched = np.zeros(n_parcels, dtype=bool)
    touched[pieces.parcel[attributed]] = True

    stage(0.7, "green")
    green_area = None
    if green_job is not None:
        green_area, green_parcels = green_job.result()
        touched[green_parcels] = True

    stage(0.8, "findings")
    land_use_table = land_use_table or shipped_table()
    land_use_rows, land_use_violations, land_use_warnings, land_use_unknown = _land_use(
        plan, buildings, pieces, attributed, land_use_table, land_use_edition)
    warnings += land_use_warnings
    crossing_rows, crossing_of_row, crossing = _crossing_violations(plan, buildings, pieces, n_buildings)
    warnings += _overlapping_parcel_warnings(plan, buildings, pieces, footprint)
    outside = rules.outside_area(footprint, pieces.feature, pieces.area)
    outside_violations = [
        Violation("outside_plan", None, buildings.ids[b], float(outside[b]), None, False,
                  {"footprint_area": float(footprint[b])}) for b in rules.outside_buildings(outside)]

    control_violations: list[tuple[int, Violation]] = []
    if controls:
        stage(0.85, "controls")
        control_violations, control_warnings = check_controls(
            controls, control_geom, plan=plan, parcels=parcels_geom, parcel_tree=tree, buildings=buildings,
            footprints=building_geom, footprint_area=footprint, land_use_table=land_use_table, table=control_table,
            building_parcel=_building_parcel(pieces, n_buildings))
        warnings += control_warnings

    footprint_union = add_up_footprints()  # as late as possible: the findings above ran beside its GEOS work
    with np.errstate(divide="ignore", invalid="ignore"):
        achieved = {
            "far": gfa / site_area,
            "density": footprint_union / site_area,
            "height": max_height,
            "green_ratio": green_area / site_area if green_area is not None else np.full(n_parcels, np.nan),
        }
    indicator_rows, indicator_violations = _indicator_violations(plan, achieved, touched, _OnParcel(
        pieces, attributed, n_parcels), buildings)

    stage(0.9, "results")
    touched_rows = np.flatnonzero(touched)
    rows = touched_rows[np.argsort(plan.rank[touched_rows], kind="stable")]
    # Parcel findings by parcel (plan order), then rule; a rule's findings keep the order they were made in.
    parcel_rows = np.concatenate([indicator_rows, land_use_rows])
    parcel_violations = indicator_violations + land_use_violations
    parcel_rules = _rule_ranks(parcel_violations)
    by_rank = _stable_order(plan.rank[parcel_rows], parcel_rules)
    parcel_violations = [parcel_violations[k] for k in by_rank.tolist()]
    all_violations = parcel_violations + crossing + outside_violations + [v for _p, v in control_violations]
    # Each parcel's own findings, then the crossings and control findings on it, in rule order.
    on_parcel = [(p, v) for p, v in control_violations if p >= 0]
    entry_rows = np.concatenate([parcel_rows[by_rank], crossing_rows, np.array([p for p, _v in on_parcel], dtype=int)])
    entry_rules = np.concatenate([parcel_rules[by_rank], np.full(len(crossing_rows), _RULE_RANK["crosses_parcel"]),
                                  _rule_ranks([v for _p, v in on_parcel])])
    entry_violations = parcel_violations + [crossing[k] for k in crossing_of_row.tolist()] + [v for _p, v in on_parcel]
    violations = _violations_by_parcel(entry_rows, entry_rules, entry_violations, rows, len(plan.rank))
    building_ids, offsets, building_rows, building_footprint, building_counted = _buildings_by_parcel(
        pieces, attributed, buildings.ids, rows, footprint, counted)
    table = ParcelTable(
        ids=plan.ids[rows], land_use=plan.land_use[rows], site_area=site_area[rows], gfa=gfa[rows],
        footprint_area=footprint_union[rows],
        green_area=green_area[rows] if green_area is not None else np.full(len(rows), np.nan),
        far=achieved["far"][rows], density=achieved["density"][rows], max_height=max_height[rows],
        green_ratio=achieved["green_ratio"][rows],
        lower={k: plan.lower[k][rows] for k in INDICATORS}, upper={k: plan.upper[k][rows] for k in INDICATORS},
        texts={k: plan.texts[k][rows] for k in INDICATORS}, building_ids=building_ids, building_offsets=offsets,
        violations=violations, rows=rows, building_rows=building_rows, building_footprint=building_footprint,
        building_counted=building_counted,
        **_checked(plan, buildings, pieces, attributed, achieved, land_use_unknown, violations, rows,
                   entry_rows, entry_rules,
                   unmeasured_rows),
        far_estimated=_far_estimated(buildings, pieces, n_parcels)[rows])
    if green is None:  # said once, beside the findings, not only on each parcel
        limited = int(np.count_nonzero(table.checked["green_ratio"] == "not_checked"))
        if limited:
            warnings.append(CheckWarning("green_layer_missing", None, None, {"count": limited}))
    stage(1.0, "done")

    def shown(info: InputInfo, crs) -> InputInfo:  # the inputs say which were reprojected, and to what
        working_name = measured_in(crs, working)
        return replace(info, measured_in=working_name) if working_name else info

    return CheckResult(crs=crs_label(working) or "local", inputs={
        "plan": shown(plan.info, plan.crs), "buildings": shown(buildings.info, buildings.crs),
        "green": shown(green.info, green.crs) if green is not None else None},
        parcels=table, violations=tuple(all_violations), warnings=tuple(warnings),
        buildings=BuildingTable(ids=buildings.ids, use=buildings.use, floors=buildings.floors, height=buildings.height,
                                footprint_area=footprint, counted_area=counted, outside_area=outside),
        lines=tuple(shown(c.info, c.crs) for c in controls),
        geometry=ResultGeometry(crs=working, parcels=aligned_parcels, buildings=building_geom))


def _green_area(geometry: np.ndarray, factor: np.ndarray, parcels: np.ndarray, tree: shapely.STRtree,
                n_parcels: int) -> tuple[np.ndarray, np.ndarray]:
    """Green area counted on each parcel (factored, overlaps once), and the parcels holding more than a sliver.

    Runs beside the buildings' overlay, which uses `parcels` prepared: this prepares copies of its own (two threads
    testing one prepared geometry crash GEOS). `tree` is shared: its queries only read it.
    """
    parcels = own_copies(parcels)
    shapely.prepare(parcels)
    pieces = overlay(geometry, shapely.area(geometry), parcels, tree)
    area = union_area_by_parcel(pieces, n_parcels, factor[pieces.feature])
    return area, pieces.parcel[pieces.area >= rules.SLIVER_AREA]


class _OnParcel:
    """The buildings standing on each parcel (their attributed pieces), found by parcel row in one slice."""

    def __init__(self, pieces: Pieces, attributed: np.ndarray, n_parcels: int) -> None:
        kept = np.flatnonzero(attributed)
        order = kept[np.argsort(pieces.parcel[kept], kind="stable")]
        self.feature = pieces.feature[order]
        self.offsets = np.searchsorted(pieces.parcel[order], np.arange(n_parcels + 1))

    def __call__(self, row: int) -> np.ndarray:
        return np.unique(self.feature[self.offsets[row]:self.offsets[row + 1]])


def _height_details(rule: str, rows: np.ndarray, bounds: np.ndarray, on_parcel: _OnParcel,
                    buildings: BuildingLayer) -> list[dict]:
    """Which buildings a height finding is about, tallest first: above the limit (height_max), or the tallest of a
    parcel whose buildings are all below the minimum (height_min). Ids in details["buildings"], their heights in
    details["heights"]; the finding's own `building` stays None (its key, model.finding_key, does not change).
    All findings at once: a city has tens of thousands of them."""
    if not len(rows):
        return []
    start = on_parcel.offsets[rows]
    count = on_parcel.offsets[rows + 1] - start
    finding = np.repeat(np.arange(len(rows)), count)
    first = np.concatenate(([0], np.cumsum(count)[:-1]))
    feature = on_parcel.feature[np.arange(int(count.sum())) - np.repeat(first - start, count)]
    # Each building once per finding (a building may have several pieces on one parcel).
    n = len(buildings.ids) + 1
    key = np.unique(finding.astype(np.int64) * n + feature)
    finding, feature = key // n, key % n
    height = buildings.height[feature]
    known = ~np.isnan(height)
    finding, feature, height = finding[known], feature[known], height[known]
    if rule == "height_max":
        chosen = height > bounds[finding]
    else:
        tallest = np.full(len(rows), -np.inf)
        np.maximum.at(tallest, finding, height)
        chosen = height == tallest[finding]
    finding, feature, height = finding[chosen], feature[chosen], height[chosen]
    ids = np.array([str(i) for i in buildings.ids[feature].tolist()], dtype=object)
    order = sorted(range(len(ids)), key=lambda k: (finding[k], -height[k], ids[k]))
    ids, heights = ids[order].tolist(), height[order].tolist()
    ends = np.cumsum(np.bincount(finding, minlength=len(rows))).tolist()
    starts = [0, *ends[:-1]]
    return [{"buildings": ids[a:b], "heights": heights[a:b]} for a, b in zip(starts, ends)]


def _indicator_violations(plan: PlanLayer, achieved: dict[str, np.ndarray], touched: np.ndarray,
                          on_parcel: _OnParcel, buildings: BuildingLayer) -> tuple[np.ndarray, list[Violation]]:
    """Every indicator rule on every touched parcel, closed bounds, full precision, marginal flagged. A height
    finding names its buildings (_height_details).

    Returns the parcel row of each finding and the findings, rule by rule.
    """
    rows, found = [], []
    for rule, (indicator, side) in INDICATOR_RULES.items():
        actual = np.where(touched, achieved[indicator], np.nan)
        lower, upper = plan.lower[indicator], plan.upper[indicator]
        breaches = rules.indicator_breaches(rule, actual, lower, upper)
        if not len(breaches):
            continue
        values = actual[breaches]
        bounds = (upper if side == "hi" else lower)[breaches]
        marginal = rules.marginal(rule, values, bounds)
        los = np.where(np.isnan(lower[breaches]), None, lower[breaches]).tolist()
        his = np.where(np.isnan(upper[breaches]), None, upper[breaches]).tolist()
        n = len(breaches)
        rows.append(breaches)
        details = (_height_details(rule, breaches, bounds, on_parcel, buildings) if indicator == "height"
                   else [{} for _ in range(n)])
        found += Violation.many(n, repeat(rule), plan.ids[breaches].tolist(), repeat(None), values.tolist(),
                                list(zip(los, his)), marginal.tolist(), details)
    return (np.concatenate(rows) if rows else np.array([], dtype=np.int64)), found


def _overlapping_parcel_warnings(plan: PlanLayer, buildings: BuildingLayer, pieces: Pieces,
                                 footprint: np.ndarray) -> list[CheckWarning]:
    """Buildings standing where the plan's parcels overlap: their area counts on each of those parcels."""
    doubled = rules.doubled_area(footprint, pieces.feature, pieces.area)
    warnings = []
    for b in np.flatnonzero(doubled > rules.SLIVER_AREA).tolist():
        parcels = [str(plan.ids[p]) for p in pieces.parcel[pieces.feature == b].tolist()]
        warnings.append(CheckWarning("parcels_overlap", None, buildings.ids[b],
                                     {"parcels": ", ".join(parcels), "area": round(float(doubled[b]), 1)}))
    return warnings


def _crossing_violations(plan: PlanLayer, buildings: BuildingLayer, pieces: Pieces,
                         n_buildings: int) -> tuple[np.ndarray, np.ndarray, list[Violation]]:
    """Buildings standing in two parcels or more, with the parcels crossed (largest share first).

    Returns the parcels crossed (rows, building by building) with the finding each belongs to, and the findings.
    """
    crossing = rules.crossing_buildings(pieces.feature, pieces.area, n_buildings)
    if not len(crossing):
        return np.array([], dtype=np.int64), np.array([], dtype=np.int64), []
    is_crossing = np.zeros(n_buildings, dtype=bool)
    is_crossing[crossing] = True  # a lookup by building: np.isin would sort the pieces' 200,000 building rows
    real = np.flatnonzero(is_crossing[pieces.feature] & (pieces.area >= rules.SLIVER_AREA))
    real = real[np.lexsort((-pieces.area[real], pieces.feature[real]))]
    features = pieces.feature[real]
    starts = np.flatnonzero(np.r_[True, features[1:] != features[:-1]])
    counts = np.diff(np.r_[starts, len(real)])
    parcel_ids = list(map(str, plan.ids[pieces.parcel[real]].tolist()))
    areas = pieces.area[real].tolist()
    spans = list(map(slice, starts.tolist(), (starts + counts).tolist()))  # each building's pieces
    crossed = [parcel_ids[span] for span in spans]
    found = Violation.many(len(starts), repeat("crosses_parcel"), [c[0] for c in crossed],
                           buildings.ids[features[starts]].tolist(), counts.tolist(), repeat(None), repeat(False),
                           [{"parcels": c, "areas": areas[span]} for c, span in zip(crossed, spans)])
    return pieces.parcel[real], np.repeat(np.arange(len(starts)), counts), found


def _building_parcel(pieces: Pieces, n_buildings: int) -> np.ndarray:
    """The parcel row holding each building's largest piece (-1: on no parcel)."""
    parcel = np.full(n_buildings, -1, dtype=np.int64)
    largest = _largest_piece(pieces, n_buildings)
    parcel[pieces.feature[largest]] = pieces.parcel[largest]
    return parcel


def _largest_piece(pieces: Pieces, n_buildings: int) -> np.ndarray:
    """Mask of each building's largest piece (so a building made only of slivers still stands somewhere)."""
    best = np.full(n_buildings, -1.0)
    np.maximum.at(best, pieces.feature, pieces.area)
    largest = pieces.area == best[pieces.feature]
    # Ties: keep the first piece only.
    first = np.zeros(len(pieces.area), dtype=bool)
    idx = np.flatnonzero(largest)
    _, unique_first = np.unique(pieces.feature[idx], return_index=True)
    first[idx[unique_first]] = True
    return first


#: Per-parcel warnings for a land use that cannot be judged, by the reason (planner.io.landuse.REASONS), the first
#: that applies: a code not in the table, a GBJ 137-90 code, one whose edition matters, a code too coarse to judge.
_UNJUDGED = (("code", "unknown_land_use"), ("old_edition", "land_use_old_edition"),
             ("edition", "land_use_edition_unclear"), ("undecided", "land_use_undecided"))


def _land_use(plan: PlanLayer, buildings: BuildingLayer, pieces: Pieces, attributed: np.ndarray,
              table: LandUseTable, edition: str | None = None
              ) -> tuple[np.ndarray, list[Violation], list[CheckWarning], np.ndarray]:
    """Buildings whose use the parcel's land-use code does not allow (with their parcel rows); buildings allowed
    only as ancillary to the parcel's main use, unknown uses and codes, and what the plan's codes say about their
    edition are warned. Also returns the parcel rows where land use could not be judged.

    The plan's edition is worked out once from all its codes; the table is asked once per distinct (code, use)
    pair present, not once per building.
    """
    code_of, code_names = pd.factorize(plan.land_use, use_na_sentinel=False)  # per parcel
    editions = table.editions_of([c for c in code_names.tolist() if isinstance(c, str) and c], edition)
    warnings = [CheckWarning(code, None, None, {"path": plan.info.path, **details})
                for code, details in editions.notes()]
    use_of, use_names = pd.factorize(buildings.use, use_na_sentinel=True)  # per building, -1 = no use
    b_all, p_all = pieces.feature[attributed], pieces.parcel[attributed]
    has_use = use_of[b_all] >= 0
    b_all, p_all = b_all[has_use], p_all[has_use]
    pair_keys, pair_of = _distinct(code_of[p_all].astype(np.int64) * len(use_names) + use_of[b_all])
    pairs = [(code_names[k // len(use_names)], use_names[k % len(use_names)]) for k in pair_keys.tolist()]
    judgements = [_judge(table, code, use, editions) for code, use in pairs]
    verdict = np.array([_VERDICTS[j.outcome] for j in judgements], dtype=np.int8)[pair_of]
    use_id = {use: table.normalise_use(use) for use in use_names.tolist()}
    breaking = verdict == NOT_ALLOWED
    found_on, found_of = p_all[breaking], b_all[breaking]
    uses = buildings.use[found_of].tolist()
    violations = Violation.many(len(found_of), repeat("land_use"), plan.ids[found_on].tolist(),
                                buildings.ids[found_of].tolist(), uses, plan.land_use[found_on].tolist(),
                                repeat(False), [{"use_id": use_id[use]} for use in uses])
    # The words depend on the (code, use) pair only: made once per pair, from its first building.
    ancillary = np.flatnonzero(verdict == ANCILLARY)
    a_pair, first = np.unique(pair_of[ancillary], return_index=True)
    worded = {pair: _ancillary_details(table, editions, judgements[pair], plan.land_use[p], buildings.use[b])
              for pair, p, b in zip(a_pair.tolist(), p_all[ancillary[first]].tolist(), b_all[ancillary[first]].tolist())}
    warnings += [CheckWarning("land_use_ancillary", p, b, dict(worded[pair]))
                 for p, b, pair in zip(plan.ids[p_all[ancillary]].tolist(), buildings.ids[b_all[ancillary]].tolist(),
                                       pair_of[ancillary].tolist())]
    unknown = verdict == UNKNOWN
    unknown_use = np.array(["use" in j.reasons for j in judgements], dtype=bool)[pair_of] & unknown
    warnings += [CheckWarning("unknown_use", None, buildings.ids[b], {"text": buildings.use[b],
                                                                      "path": buildings.info.path})
                 for b in np.unique(b_all[unknown_use]).tolist()]
    # One warning per parcel whose code could not judge a building, for the first reason of _UNJUDGED that applies.
    why = np.array([min((k for k, (r, _w) in enumerate(_UNJUDGED) if r in j.reasons), default=len(_UNJUDGED))
                    for j in judgements], dtype=np.int64)[pair_of]
    unknown_code = unknown & (why < len(_UNJUDGED))
    first = np.full(len(plan.ids), len(_UNJUDGED), dtype=np.int64)
    np.minimum.at(first, p_all[unknown_code], why[unknown_code])
    for p in np.flatnonzero(first < len(_UNJUDGED)).tolist():
        code = plan.land_use[p]
        warning = _UNJUDGED[first[p]][1] if code else "land_use_missing"
        details = {"text": code or "", "path": plan.info.path}
        if warning == "land_use_undecided":
            details["names"] = _names(table, code, editions)
        elif warning == "land_use_edition_unclear":
            details["edition"], details["other_edition"] = table.edition_pair(code, editions) or ("2020", "2023")
        warnings.append(CheckWarning(warning, plan.ids[p], None, details))
    # Land use could not be judged on a parcel where a building's use or the parcel's code is not known.
    unknown_rows = np.union1d(p_all[unknown], pieces.parcel[attributed][~has_use])
    return found_on, violations, warnings, unknown_rows


#: LandUseTable.judge's outcomes as numbers; ANCILLARY is allowed, with a warning.
ALLOWED, NOT_ALLOWED, UNKNOWN, ANCILLARY = 1, 0, -1, 2
_VERDICTS = {"allowed": ALLOWED, "not_allowed": NOT_ALLOWED, "unknown": UNKNOWN, "ancillary": ANCILLARY}
_NO_CODE = Judgement("unknown", reasons=("code",))


def _judge(table: LandUseTable, code, use: str, editions) -> Judgement:
    return table.judge(code, use, editions) if isinstance(code, str) and code else _NO_CODE


def _names(table: LandUseTable, code: str, editions) -> dict[str, str]:
    return {lang: table.land_use_name(code, lang, editions) or code for lang in ("zh", "en")}


def _ancillary_details(table: LandUseTable, editions, judgement: Judgement, code: str, use: str) -> dict:
    """The details of a `land_use_ancillary` warning: a building allowed on its parcel only as ancillary
    (附属/配套) to the parcel's main use."""
    components = list(dict.fromkeys(c for _use, c in judgement.ancillary))
    kinds = list(dict.fromkeys(u for u, _c in judgement.ancillary))
    names = {lang: " / ".join(f"{c} {table.land_use_name(c, lang, editions) or ''}".strip() for c in components)
             for lang in ("zh", "en")}
    kind_names = {"zh": "、".join(table.use_name(u, "zh") for u in kinds),
                  "en": ", ".join(table.use_name(u, "en").lower() for u in kinds)}
    return {"use": use, "code": code, "use_ids": kinds, "names": names, "kinds": kind_names}


def _parcels_under(geometry: np.ndarray, parcels: np.ndarray, tree: shapely.STRtree) -> np.ndarray:
    """The parcel rows where `geometry` (traces of features that could not be measured) stands: whose interior an
    area's interior meets, or a line or point touches; every parcel if a trace is None (its place is unknown)."""
    if shapely.is_missing(geometry).any():
        return np.arange(len(parcels))
    feature, parcel = tree.query(geometry, predicate="intersects")
    areal = shapely.get_dimensions(geometry[feature]) == 2
    inside = np.ones(len(feature), dtype=bool)
    if areal.any():
        inside[areal] = shapely.relate_pattern(parcels[parcel[areal]], geometry[feature[areal]], "T********")
    return np.unique(parcel[inside])


def _checked(plan: PlanLayer, buildings: BuildingLayer, pieces: Pieces, attributed: np.ndarray,
             achieved: dict[str, np.ndarray], land_use_unknown: np.ndarray,
             violations: tuple[tuple[Violation, ...], ...], rows: np.ndarray, entry_rows: np.ndarray,
             entry_rules: np.ndarray, unmeasured_rows: dict[str, np.ndarray]) -> dict[str, Any]:
    """ParcelTable's `checked` and `status` for the touched `rows` (checking.verdicts decides them).

    `entry_rows`/`entry_rules`: the plan row and rule rank of each finding on a parcel. `unmeasured_rows`: per role
    ("buildings", "green"), the parcels where a feature stands that could not be measured (left out for its
    geometry, drawn open, a green factor that cannot be read).
    """
    n_parcels = len(plan.ids)
    # What the scheme lacks: a building with no floor area to count, or no height, leaves its parcels' FAR or
    # height unmeasured (the part that is known still breaks a maximum: that finding stands). A building left out
    # leaves FAR, density, height and land use unmeasured where it stands; a green area, the green ratio.
    on_parcel = pieces.parcel[attributed]
    of_building = pieces.feature[attributed]
    gaps = {"far": np.isnan(buildings.gfa) & np.isnan(buildings.storey_factor),
            "height": np.isnan(buildings.height)}
    left_out = {"far": "buildings", "density": "buildings", "height": "buildings", "green_ratio": "green"}
    no_rows = np.array([], dtype=np.int64)
    breached = {item: np.zeros(len(rows), dtype=bool) for item in CHECKED_ITEMS}
    position = np.full(n_parcels, -1, dtype=np.int64)
    position[rows] = np.arange(len(rows))
    for rule, rank in _RULE_RANK.items():  # each item's findings, by rule: no loop over tens of thousands of them
        item = INDICATOR_RULES[rule][0] if rule in INDICATOR_RULES else rule
        if item in breached:
            hit = position[entry_rows[entry_rules == rank]]
            breached[item][hit[hit >= 0]] = True
    checked = {}
    for indicator in INDICATORS:
        controlled = ~np.isnan(plan.lower[indicator][rows]) | ~np.isnan(plan.upper[indicator][rows])
        lacking = np.zeros(n_parcels, dtype=bool)
        if indicator in gaps:
            lacking[on_parcel[gaps[indicator][of_building]]] = True
        lacking[unmeasured_rows.get(left_out[indicator], no_rows)] = True
        limit_unknown = plan.limit_unknown.get(indicator, np.zeros(n_parcels, dtype=bool))[rows]
        unmeasured = controlled & (np.isnan(achieved[indicator][rows]) | lacking[rows])
        checked[indicator] = verdicts.check_states(controlled, breached[indicator], limit_unknown | unmeasured)
    has_building = np.zeros(n_parcels, dtype=bool)
    has_building[on_parcel] = True
    unknown = np.zeros(n_parcels, dtype=bool)
    unknown[land_use_unknown] = True
    unknown[unmeasured_rows.get("buildings", no_rows)] = True
    checked["land_use"] = verdicts.check_states(has_building[rows], breached["land_use"], unknown[rows])
    has_findings = np.array([bool(found) for found in violations], dtype=bool)
    return {"checked": checked, "status": verdicts.parcel_states(checked, has_findings)}


def _far_estimated(buildings: BuildingLayer, pieces: Pieces, n_parcels: int) -> np.ndarray:
    """Per parcel: some of its counted area comes from storeys estimated from a building's height."""
    estimated = np.zeros(n_parcels, dtype=bool)
    flags = buildings.storeys_estimated
    if len(flags) == len(buildings.ids) and flags.any():
        estimated[pieces.parcel[flags[pieces.feature]]] = True
    return estimated


def _distinct(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """np.unique(keys, return_inverse=True) for small non-negative keys, by lookup instead of sorting."""
    if not len(keys):
        return keys, keys
    size = int(keys.max()) + 1
    if size > 4 * len(keys) + 1_000_000:
        return np.unique(keys, return_inverse=True)
    present = np.zeros(size, dtype=bool)
    present[keys] = True
    distinct = np.flatnonzero(present)
    position = np.zeros(size, dtype=np.int64)
    position[distinct] = np.arange(len(distinct))
    return distinct, position[keys]


def _buildings_by_parcel(pieces: Pieces, attributed: np.ndarray, ids: np.ndarray, rows: np.ndarray,
                         footprint: np.ndarray, counted: np.ndarray
                         ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Ids of the buildings standing on each parcel of `rows`, concatenated, with the offsets of each parcel, and
    each one's row in the buildings layer, footprint there and counted floor area there (its share of the counted
    area, by footprint, §2.2)."""
    parcel, feature, area = pieces.parcel[attributed], pieces.feature[attributed], pieces.area[attributed]
    position = np.full(int(parcel.max(initial=-1)) + 1, -1)
    position[rows[rows < len(position)]] = np.flatnonzero(rows < len(position))
    slot = position[parcel]  # every attributed piece lies on a touched parcel, so every slot is found
    order = _by_parcel_then(slot, feature)
    slot, feature, area = slot[order], feature[order], area[order]
    counts = np.bincount(slot, minlength=len(rows))
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(footprint[feature] > 0, area / footprint[feature], 0.0)
    return ids[feature], np.concatenate([[0], np.cumsum(counts)]), feature, area, counted[feature] * share


_RULE_RANK = {rule: k for k, rule in enumerate(ALL_RULES)}


def _rule_ranks(violations: list[Violation]) -> np.ndarray:
    """The place of each finding's rule in report order."""
    return np.fromiter(map(_RULE_RANK.__getitem__, map(attrgetter("rule"), violations)), dtype=np.int64,
                       count=len(violations))


def _stable_order(first: np.ndarray, rule: np.ndarray) -> np.ndarray:
    """Positions sorted by `first` (non-negative integers), then rule; ties keep their order.

    One key: a stable sort of a single integer array is several times faster than np.lexsort of two.
    """
    return np.argsort(first * len(ALL_RULES) + rule, kind="stable")


def _violations_by_parcel(entry_rows: np.ndarray, entry_rules: np.ndarray, entry_violations: list[Violation],
                          rows: np.ndarray, n_parcels: int) -> tuple[tuple[Violation, ...], ...]:
    """The findings on each parcel of `rows`, in rule order; findings of one rule keep their order in the entries.

    Every entry's parcel is in `rows` (findings are only made on parcels a building stands on).
    """
    slot = np.full(n_parcels, -1, dtype=np.int64)
    slot[rows] = np.arange(len(rows))
    entry_slot = slot[entry_rows]
    order = _stable_order(entry_slot, entry_rules)
    ordered = tuple(map(entry_violations.__getitem__, order.tolist()))
    ends = np.cumsum(np.bincount(entry_slot, minlength=len(rows))).tolist()
    return tuple(map(ordered.__getitem__, map(slice, [0, *ends[:-1]], ends)))  # slices of a tuple are tuples
