"""The checking engine: one STRtree, bulk queries, clipping only what straddles, numpy aggregation."""

from __future__ import annotations

from collections.abc import Callable
import re
from dataclasses import dataclass

import numpy as np
import shapely

from planner import rules
from planner.crs import align, crs_label
from planner.landuse import LandUseTable
from planner.layers import BuildingLayer, GreenLayer, PlanLayer
from planner.model import (INDICATOR_RULES, INDICATORS, CheckResult, CheckWarning, ParcelResult, Violation)

Progress = Callable[[float, str], None]


class Cancelled(Exception):
    """Raised between stages when the caller's `cancelled()` says so."""


@dataclass(frozen=True, slots=True)
class Pieces:
    """The parts of features inside parcels: feature index, parcel index, area, geometry (None = whole)."""

    feature: np.ndarray
    parcel: np.ndarray
    area: np.ndarray
    geometry: np.ndarray


def overlay(features: np.ndarray, areas: np.ndarray, parcels: np.ndarray, tree: shapely.STRtree) -> Pieces:
    """Split features by parcels. A feature covered by a parcel is taken whole; only the rest are clipped."""
    feature, parcel = tree.query(features, predicate="intersects")
    covered = shapely.covers(parcels[parcel], features[feature])
    geometry = features[feature].copy()
    area = areas[feature].copy()
    clip = np.flatnonzero(~covered)
    if len(clip):
        geometry[clip] = shapely.intersection(features[feature[clip]], parcels[parcel[clip]])
        area[clip] = shapely.area(geometry[clip])
    keep = area > 0  # touching along an edge gives an empty or zero-area piece
    return Pieces(feature[keep], parcel[keep], area[keep], geometry[keep])


def overlapping(geometry: np.ndarray) -> np.ndarray:
    """Mask of features that overlap another feature by a positive area."""
    a, b = shapely.STRtree(geometry).query(geometry, predicate="intersects")
    pair = a < b
    a, b = a[pair], b[pair]
    # Buildings sharing a wall only touch; for polygons, interiors meeting means a positive shared area.
    shared = shapely.relate_pattern(geometry[a], geometry[b], "T********")
    mask = np.zeros(len(geometry), dtype=bool)
    mask[a[shared]] = True
    mask[b[shared]] = True
    return mask


def union_area_by_parcel(pieces: Pieces, n_parcels: int, weights: np.ndarray | None = None,
                         overlapping_features: np.ndarray | None = None) -> np.ndarray:
    """Area of the union of pieces per parcel (overlaps once), optionally weighted per piece.

    Parcels without overlapping pieces are summed directly; the few with overlaps get a real union. With
    weights (green factors) an area covered several times counts once, at its highest factor.
    """
    w = np.ones(len(pieces.area)) if weights is None else weights
    total = np.bincount(pieces.parcel, weights=pieces.area * w, minlength=n_parcels)
    if overlapping_features is None or not overlapping_features.any():
        return total
    affected = np.unique(pieces.parcel[overlapping_features[pieces.feature]])
    order = np.argsort(pieces.parcel, kind="stable")
    starts = np.searchsorted(pieces.parcel[order], affected, side="left")
    ends = np.searchsorted(pieces.parcel[order], affected, side="right")
    for parcel, start, end in zip(affected, starts, ends):
        idx = order[start:end]
        total[parcel] = _weighted_union_area(pieces.geometry[idx], w[idx])
    return total


def _weighted_union_area(geometry: np.ndarray, weights: np.ndarray) -> float:
    """Σ over factor levels f (descending) of f x (area covered at >= f) - (area covered at > f)."""
    levels = np.unique(weights)[::-1]
    area, covered_above = 0.0, 0.0
    for level in levels:
        covered = shapely.union_all(geometry[weights >= level]).area
        area += level * (covered - covered_above)
        covered_above = covered
    return area


def check(plan: PlanLayer, buildings: BuildingLayer, green: GreenLayer | None = None, *,
          land_use_table: LandUseTable | None = None, progress: Progress | None = None,
          cancelled: Callable[[], bool] | None = None) -> CheckResult:
    """Measure what the scheme achieves on every parcel it touches and find every breach of the plan."""

    def stage(fraction: float, name: str) -> None:
        if cancelled is not None and cancelled():
            raise Cancelled()
        if progress is not None:
            progress(fraction, name)

    stage(0.0, "align")
    layers = [(plan.info.path, plan.crs, plan.geometry), (buildings.info.path, buildings.crs, buildings.geometry)]
    if green is not None:
        layers.append((green.info.path, green.crs, green.geometry))
    working, geometries, crs_notes = align(layers)
    parcels_geom, building_geom = geometries[0], geometries[1]
    green_geom = geometries[2] if green is not None else None
    warnings = [*plan.warnings, *buildings.warnings, *(green.warnings if green is not None else ()),
                *(CheckWarning(code, None, None, details) for code, details in crs_notes)]
    n_parcels, n_buildings = len(parcels_geom), len(building_geom)

    stage(0.05, "overlay")
    site_area = shapely.area(parcels_geom)
    footprint = shapely.area(building_geom)
    shapely.prepare(parcels_geom)
    tree = shapely.STRtree(parcels_geom)
    pieces = overlay(building_geom, footprint, parcels_geom, tree)
    if n_buildings and not len(pieces.area) and n_parcels:
        warnings.append(CheckWarning("scheme_outside_plan", None, None, {"path": buildings.info.path}))

    stage(0.45, "indicators")
    counted = np.where(np.isnan(buildings.gfa), footprint * np.nan_to_num(buildings.storey_factor), buildings.gfa)
    share = counted[pieces.feature] * pieces.area / footprint[pieces.feature]
    gfa = np.bincount(pieces.parcel, weights=share, minlength=n_parcels)
    footprint_union = union_area_by_parcel(pieces, n_parcels, overlapping_features=overlapping(building_geom))
    # A building stands on a parcel where it has more than a sliver, or where its largest piece lies.
    largest = _largest_piece(pieces, n_buildings)
    attributed = (pieces.area >= rules.SLIVER_AREA) | largest
    max_height = np.full(n_parcels, np.nan)
    np.fmax.at(max_height, pieces.parcel[attributed], buildings.height[pieces.feature[attributed]])

    stage(0.7, "green")
    touched = np.zeros(n_parcels, dtype=bool)
    touched[pieces.parcel[attributed]] = True
    green_area = None
    if green is not None and green_geom is not None:
        green_pieces = overlay(green_geom, shapely.area(green_geom), parcels_geom, tree)
        weights = green.factor[green_pieces.feature]
        green_area = union_area_by_parcel(green_pieces, n_parcels, weights,
                                          overlapping_features=overlapping(green_geom))
        touched[green_pieces.parcel[green_pieces.area >= rules.SLIVER_AREA]] = True

    stage(0.8, "findings")
    with np.errstate(divide="ignore", invalid="ignore"):
        achieved = {
            "far": gfa / site_area,
            "density": footprint_union / site_area,
            "height": max_height,
            "green_ratio": green_area / site_area if green_area is not None else np.full(n_parcels, np.nan),
        }
    violations_by_parcel: dict[int, list[Violation]] = {int(p): [] for p in np.flatnonzero(touched)}
    building_violations: list[Violation] = []
    for rule, (indicator, side) in INDICATOR_RULES.items():
        actual = np.where(touched, achieved[indicator], np.nan)
        for p in rules.indicator_breaches(rule, actual, plan.lower[indicator], plan.upper[indicator]):
            bound = (plan.upper if side == "hi" else plan.lower)[indicator][p]
            violations_by_parcel[int(p)].append(Violation(
                rule, plan.ids[p], None, float(actual[p]), _limit(plan, indicator, p),
                rules.is_marginal(rule, float(actual[p]), float(bound))))
    table = land_use_table if land_use_table is not None else LandUseTable.load()
    land_use_violations, land_use_warnings = _land_use(plan, buildings, pieces, attributed, table)
    warnings += land_use_warnings
    for p, violation in land_use_violations:
        violations_by_parcel[p].append(violation)
    for b in rules.crossing_buildings(pieces.feature, pieces.area, n_buildings):
        mine = np.flatnonzero((pieces.feature == b) & (pieces.area >= rules.SLIVER_AREA))
        mine = mine[np.argsort(-pieces.area[mine])]
        crossed = [plan.ids[pieces.parcel[i]] for i in mine]
        violation = Violation("crosses_parcel", crossed[0], buildings.ids[b], len(crossed), None, False,
                              {"parcels": crossed, "areas": [float(pieces.area[i]) for i in mine]})
        building_violations.append(violation)
        for i in mine:
            violations_by_parcel[int(pieces.parcel[i])].append(violation)
    outside = rules.outside_area(footprint, pieces.feature, pieces.area)
    for b in rules.outside_buildings(outside):
        building_violations.append(Violation("outside_plan", None, buildings.ids[b], float(outside[b]), None, False,
                                             {"footprint_area": float(footprint[b])}))

    stage(0.9, "results")
    buildings_on = _buildings_by_parcel(pieces, attributed, buildings.ids)
    parcel_results = tuple(
        _parcel_result(plan, p, site_area, gfa, footprint_union, green_area, achieved, buildings_on.get(p, ()),
                       violations_by_parcel[p])
        for p in sorted(violations_by_parcel, key=lambda p: _natural_key(str(plan.ids[p]))))
    rule_order = {rule: k for k, rule in enumerate(INDICATOR_RULES)}
    all_violations = [v for result in parcel_results for v in result.violations if v.rule != "crosses_parcel"]
    all_violations.sort(key=lambda v: (_natural_key(str(v.parcel)), rule_order.get(v.rule, 99)))
    all_violations += building_violations
    stage(1.0, "done")
    return CheckResult(crs=crs_label(working) or "local", inputs={
        "plan": plan.info, "buildings": buildings.info, "green": green.info if green is not None else None},
        parcels=parcel_results, violations=tuple(all_violations), warnings=tuple(warnings))


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


def _land_use(plan: PlanLayer, buildings: BuildingLayer, pieces: Pieces, attributed: np.ndarray,
              table: LandUseTable) -> tuple[list[tuple[int, Violation]], list[CheckWarning]]:
    """Buildings whose use the parcel's land-use code does not allow; unknown uses and codes are warned."""
    violations, warnings = [], []
    unknown_use_warned, unknown_code_warned = set(), set()
    verdicts: dict[tuple[str | None, str | None], bool | None] = {}
    for b, p in zip(pieces.feature[attributed], pieces.parcel[attributed]):
        code, use = plan.land_use[p], buildings.use[b]
        if use is None:
            continue
        key = (code, use)
        if key not in verdicts:
            verdicts[key] = table.check(code, use) if code is not None else None
        verdict = verdicts[key]
        if verdict is False:
            violations.append((int(p), Violation("land_use", plan.ids[p], buildings.ids[b], use, code, False,
                                                 {"use_id": table.normalise_use(use)})))
        elif verdict is None:
            if table.normalise_use(use) is None:
                if b not in unknown_use_warned:
                    unknown_use_warned.add(b)
                    warnings.append(CheckWarning("unknown_use", None, buildings.ids[b],
                                                 {"text": use, "path": buildings.info.path}))
            elif p not in unknown_code_warned:
                unknown_code_warned.add(p)
                warnings.append(CheckWarning("unknown_land_use" if code else "land_use_missing", plan.ids[p],
                                             None, {"text": code or "", "path": plan.info.path}))
    return violations, warnings


def _buildings_by_parcel(pieces: Pieces, attributed: np.ndarray, ids: np.ndarray) -> dict[int, tuple[str, ...]]:
    result: dict[int, list[str]] = {}
    for b, p in zip(pieces.feature[attributed], pieces.parcel[attributed]):
        result.setdefault(int(p), []).append(str(ids[b]))
    return {p: tuple(v) for p, v in result.items()}


def _limit(plan: PlanLayer, indicator: str, p: int) -> tuple[float | None, float | None]:
    lo, hi = plan.lower[indicator][p], plan.upper[indicator][p]
    return (None if np.isnan(lo) else float(lo), None if np.isnan(hi) else float(hi))


def _optional(value: float) -> float | None:
    return None if np.isnan(value) else float(value)


def _parcel_result(plan: PlanLayer, p: int, site_area, gfa, footprint_union, green_area, achieved,
                   building_ids: tuple[str, ...], violations: list[Violation]) -> ParcelResult:
    limits = {ind: _limit(plan, ind, p) for ind in INDICATORS if _limit(plan, ind, p) != (None, None)}
    return ParcelResult(
        id=str(plan.ids[p]), land_use=plan.land_use[p], site_area=float(site_area[p]), gfa=float(gfa[p]),
        footprint_area=float(footprint_union[p]),
        green_area=None if green_area is None else float(green_area[p]),
        far=float(achieved["far"][p]), density=float(achieved["density"][p]),
        max_height=_optional(achieved["height"][p]), green_ratio=_optional(achieved["green_ratio"][p]),
        limits=limits, limit_texts={ind: str(plan.texts[ind][p]) for ind in INDICATORS if plan.texts[ind][p]},
        buildings=building_ids, violations=tuple(violations))


def _natural_key(text: str) -> tuple:
    """Sort "XG-2" before "XG-10"."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text))
