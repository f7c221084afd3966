"""A CheckResult as two GeoDataFrames, for scripts and notebooks: `to_geodataframes(result, lang)`.

`CheckResult.to_geodataframes()` calls this function: model cannot import it (messages, which words the
findings, sits above model), so the package `planner` hands it to `model.provide_geodataframes` when imported.
geopandas is imported when a frame is made, not with this module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import shapely

from planner.checking.verdicts import is_named
from planner.messages import default_language, violation_message
from planner.model import INDICATOR_RULES, RULE_KINDS, CheckResult, Violation

if TYPE_CHECKING:
    from geopandas import GeoDataFrame

__all__ = ["PARCEL_COLUMNS", "FINDING_COLUMNS", "to_geodataframes"]

PARCEL_COLUMNS = ("id", "land_use", "site_area", "gfa", "far", "density", "max_height", "green_ratio", "status")
FINDING_COLUMNS = ("rule", "kind", "parcel", "building", "actual", "limit", "marginal", "message")


def to_geodataframes(result: CheckResult, lang: str | None = None) -> tuple[GeoDataFrame, GeoDataFrame]:
    """(parcels, findings) of a check as GeoDataFrames in its working CRS (None when that is unknown).

    parcels: one row per parcel the scheme touches, in the result's order, with `PARCEL_COLUMNS` (ratios as
    fractions, heights in metres, NaN where not assessed; `status` as in the JSON: violation, pass, partial or not_assessed) and the
    parcel's geometry.

    findings: one row per violation, in the result's order, with `FINDING_COLUMNS`: `kind` as in the JSON
    (model.RULE_KINDS), `actual` as in the JSON (a number; the building's use for `land_use`; the number of
    parcels crossed for `crosses_parcel`), `limit` the bound the finding breaks (the maximum of a `*_max` rule, the
    minimum of a `*_min`, the parcel's land-use code for `land_use`, the required metres for `setback`; None for
    the others), and `message` the finding's sentence in `lang` ("zh" or "en"; default: the system's language,
    as the CLI). The geometry is the footprint of the building the finding names, else its parcel's, else None.
    A building id that several footprints share names them all (their union), as the window selects them all.
    """
    import geopandas as gpd

    geometry = result.geometry
    if geometry is None:
        raise ValueError("this CheckResult holds no geometry (it was not made by planner.check)")
    lang = lang or default_language()
    crs = geometry.crs
    parcels = result.parcels
    parcel_geometry = np.asarray(geometry.parcels, dtype=object)[parcels.rows]
    status = parcels.status
    parcel_frame = gpd.GeoDataFrame({
        "id": parcels.ids.astype(object), "land_use": parcels.land_use.astype(object),
        "site_area": parcels.site_area.astype(float), "gfa": parcels.gfa.astype(float),
        "far": parcels.far.astype(float), "density": parcels.density.astype(float),
        "max_height": parcels.max_height.astype(float), "green_ratio": parcels.green_ratio.astype(float),
        "status": status,
    }, geometry=gpd.GeoSeries(parcel_geometry, crs=crs), crs=crs)

    violations = result.violations
    shapes = _finding_geometry(result, parcel_geometry)
    finding_frame = gpd.GeoDataFrame({
        "rule": np.array([v.rule for v in violations], dtype=object),
        "kind": np.array([RULE_KINDS.get(v.rule, "other") for v in violations], dtype=object),
        "parcel": np.array([v.parcel for v in violations], dtype=object),
        "building": np.array([v.building for v in violations], dtype=object),
        "actual": _objects(v.actual for v in violations),
        "limit": _objects(_limit(v) for v in violations),
        "marginal": np.array([bool(v.marginal) for v in violations], dtype=bool),
        "message": np.array([violation_message(v, lang) for v in violations], dtype=object),
    }, geometry=gpd.GeoSeries(shapes, crs=crs), crs=crs)
    return parcel_frame, finding_frame


def _objects(values) -> np.ndarray:
    """An object column (a list of tuples would otherwise become a 2-D array)."""
    items = list(values)
    out = np.empty(len(items), dtype=object)
    out[:] = items
    return out


def _limit(v: Violation) -> Any:
    """The bound a finding breaks, one value per finding (the JSON keeps both sides of an indicator's limit)."""
    if v.rule in INDICATOR_RULES:
        lo, hi = v.limit
        return hi if INDICATOR_RULES[v.rule][1] == "hi" else lo
    if v.rule in ("land_use", "setback"):
        return v.limit
    return None


def _finding_geometry(result: CheckResult, parcel_geometry: np.ndarray) -> np.ndarray:
    """Per violation: its building's footprint, else its parcel's geometry, else None."""
    footprints = np.asarray(result.geometry.buildings, dtype=object)
    building_ids = result.buildings.ids.astype(str) if result.buildings is not None else np.zeros(0, dtype=str)
    named = {str(v.building) for v in result.violations if v.building is not None}
    rows: dict[str, list[int]] = {}
    for row in np.flatnonzero(is_named(building_ids, named)).tolist():
        rows.setdefault(str(building_ids[row]), []).append(row)
    building_shape = {b: footprints[r[0]] if len(r) == 1 else shapely.union_all(footprints[r])
                      for b, r in rows.items()}
    # A parcel's own findings are listed under it (ParcelTable.violations): that row is the one it was found on,
    # even where parcel ids repeat. Others (a control-line finding on no listed parcel) go by the first such id.
    parcels = result.parcels
    slot_of = {}
    for k, found in enumerate(parcels.violations):
        for v in found:
            slot_of.setdefault(id(v), k)
    first_slot: dict[str, int] = {}
    for k, pid in enumerate(parcels.ids.tolist()):
        first_slot.setdefault(str(pid), k)
    shapes = np.full(len(result.violations), None, dtype=object)
    for n, v in enumerate(result.violations):
        if v.building is not None and str(v.building) in building_shape:
            shapes[n] = building_shape[str(v.building)]
            continue
        k = slot_of.get(id(v))
        if k is None and v.parcel is not None:
            k = first_slot.get(str(v.parcel))
        if k is not None:
            shapes[n] = parcel_geometry[k]
    return shapes
