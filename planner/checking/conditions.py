"""A parcel's planning conditions (规划条件, issue 15) as the plan states them: its indicators as written and as
read, land use, setback, the control lines and zones that touch it, and the approval number it was set by (the
parcel's own 批复文号 when the plan layer has one per parcel, else the layer's). Numbers only; the sheet is
planner.report.conditions."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import shapely

from planner.io.controls import KINDS, ControlLayer
from planner.io.crs import reproject
from planner.io.gdal import read_layer
from planner.model import INDICATORS, InputError, InputInfo

__all__ = ["BORDER", "LineTouch", "ParcelConditions", "parcel_conditions"]

#: A control line within this many metres of a parcel's boundary borders it (drawn on the boundary, give or take
#: digitising).
BORDER = 0.5


@dataclass(frozen=True, slots=True)
class LineTouch:
    """A control line or zone touching the parcel: `how` "inside" (it runs through or covers part of the parcel)
    or "borders" (on or within BORDER m of its boundary); `area` m² of the parcel it covers (zones), `setback`
    the distance stated on the line (NaN: none)."""

    kind: str
    id: str
    how: str
    area: float | None
    setback: float | None
    road_class: str | None


@dataclass(frozen=True, slots=True)
class ParcelConditions:
    parcel: str
    plan: InputInfo
    land_use: str | None
    edition: str | None
    site_area: float
    #: indicator -> the cell as written ("" where empty)
    texts: dict[str, str]
    #: indicator -> (lo, hi) as read; missing: not controlled
    limits: dict[str, tuple[float | None, float | None]]
    #: indicators whose limit should be there but could not be read
    unknown: tuple[str, ...]
    setback: float | None
    approval: str
    approval_date: str
    lines: tuple[LineTouch, ...] = field(default_factory=tuple)
    controls: tuple[InputInfo, ...] = ()


def _optional(value: float) -> float | None:
    value = float(value)
    return None if math.isnan(value) else value


def _parcel_version(plan, k: int) -> tuple[str, str]:
    """The parcel's own approval number and date from the plan layer's fields ("" where it has none)."""
    columns = [plan.fields.get("approval_number"), plan.fields.get("approval_date")]
    if not any(columns) or not plan.info.path:
        return "", ""
    try:
        raw = read_layer(plan.info.path, "plan", plan.info.layer)
    except InputError:
        return "", ""
    fid = plan.fids[k]
    out = []
    for column in columns:
        value = raw.fields.at[fid, column] if column and column in raw.fields.columns and fid in raw.fields.index \
            else None
        out.append("" if value is None or value != value else str(value).strip())
    return out[0], out[1]


def parcel_conditions(plan, parcel: str, controls: list[ControlLayer] | tuple = (),
                      land_use_edition: str | None = None) -> ParcelConditions:
    """The conditions of `parcel` (planner.io.layers.PlanLayer `plan`), with the control lines of `controls` that
    touch it. A parcel the plan does not have is an error naming the plan and a few of its parcels."""
    ids = [str(x) for x in plan.ids.tolist()]
    rows = [k for k, pid in enumerate(ids) if pid == parcel]
    if not rows:
        raise InputError("conditions_parcel_unknown", path=plan.info.path, parcel=parcel,
                         parcels=", ".join(sorted(ids)[:12]) + ("…" if len(ids) > 12 else ""))
    k = rows[0]
    geometry = plan.geometry[k]
    limits = {}
    for indicator in INDICATORS:
        lo, hi = _optional(plan.lower[indicator][k]), _optional(plan.upper[indicator][k])
        if lo is not None or hi is not None:
            limits[indicator] = (lo, hi)
    unknown = tuple(i for i in INDICATORS if i in plan.limit_unknown and bool(plan.limit_unknown[i][k]))
    approval, approval_date = _parcel_version(plan, k)
    version = plan.info.version
    touches = []
    for layer in controls:
        geoms = layer.geometry
        if layer.crs is not None and plan.crs is not None and layer.crs != plan.crs:
            geoms = reproject(np.asarray(geoms, dtype=object), layer.crs, plan.crs)
        near = shapely.dwithin(np.asarray(geoms, dtype=object), geometry, BORDER)
        inner = geometry.buffer(-BORDER)
        for j in np.flatnonzero(near).tolist():
            kind_index = int(layer.kinds[j])
            if kind_index < 0:
                continue
            g = geoms[j]
            inside = bool(shapely.intersects(g, inner))
            area = float(shapely.area(shapely.intersection(g, geometry))) if g.geom_type.endswith("Polygon") \
                else None
            touches.append(LineTouch(kind=KINDS[kind_index], id=str(layer.ids[j]),
                                     how="inside" if inside else "borders", area=area,
                                     setback=_optional(layer.setback[j]), road_class=layer.road_class[j]))
    code = plan.land_use[k]
    edition = land_use_edition  # None: the land-use table tells the code's edition by the code
    return ParcelConditions(
        parcel=parcel, plan=plan.info, land_use=None if code is None else str(code), edition=edition,
        site_area=float(shapely.area(geometry)), texts={i: str(plan.texts[i][k] or "") for i in INDICATORS},
        limits=limits, unknown=unknown, setback=_optional(plan.setback[k]),
        approval=approval or (version.approval_number if version else ""),
        approval_date=approval_date or (version.approval_date if version else ""),
        lines=tuple(touches), controls=tuple(layer.info for layer in controls))
