"""The one geometry cleaner: every layer's features go through `clean` before anything measures them."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import shapely

from planner.model import CheckWarning
from planner.parallel import on_two_cores

__all__ = ["LINE_TYPES", "POLYGON_TYPES", "clean", "polygonal_part"]

POLYGON_TYPES = (shapely.GeometryType.POLYGON, shapely.GeometryType.MULTIPOLYGON)
LINE_TYPES = (shapely.GeometryType.LINESTRING, shapely.GeometryType.MULTILINESTRING,
              shapely.GeometryType.LINEARRING)

#: describe(i) -> (parcel id, building id, details) naming feature i in a warning.
Describe = Callable[[int], tuple[str | None, str | None, dict]]


def clean(geometry: np.ndarray, describe: Describe, *, lines: bool = False,
          unusable: str = "geometry_not_polygon") -> tuple[np.ndarray, np.ndarray, list[CheckWarning]]:
    """Features made fit to measure: 2D, polygons (and with `lines`, lines too), invalid polygons repaired.

    Returns the cleaned geometry (a new array: the caller's is left alone), the mask of usable features and a
    warning per feature repaired or left out; `unusable` is the warning code for a feature of the wrong kind.
    """
    geometry = np.array(geometry, dtype=object)
    if len(geometry) and shapely.has_z(geometry).any():  # CAD and survey data often carry Z; areas are planar
        geometry = shapely.force_2d(geometry)
    missing = shapely.is_missing(geometry) | shapely.is_empty(geometry)
    types = shapely.get_type_id(geometry)
    collection = np.flatnonzero(types == shapely.GeometryType.GEOMETRYCOLLECTION)
    geometry[collection] = [(_usable_part if lines else polygonal_part)(g) for g in geometry[collection]]
    if lines:  # a ring is a closed line: GEOS measures LineStrings
        rings = np.flatnonzero(types == shapely.GeometryType.LINEARRING)
        geometry[rings] = [shapely.LineString(g.coords) for g in geometry[rings]]
    types = shapely.get_type_id(geometry)
    polygonal = np.isin(types, POLYGON_TYPES) & ~shapely.is_empty(geometry)
    linear = (np.isin(types, LINE_TYPES) & ~shapely.is_empty(geometry)) if lines else np.zeros(len(types), bool)
    invalid = polygonal & ~on_two_cores(shapely.is_valid, geometry)
    warnings: list[CheckWarning] = []
    for i in np.flatnonzero(invalid):
        reason = shapely.is_valid_reason(geometry[i])
        repaired = polygonal_part(shapely.make_valid(geometry[i]))
        parcel, building, details = describe(i)
        if shapely.is_empty(repaired) or repaired.area == 0:
            polygonal[i] = False
            warnings.append(CheckWarning("geometry_unrepairable", parcel, building, {**details, "reason": reason}))
        else:
            geometry[i] = repaired
            warnings.append(CheckWarning("geometry_repaired", parcel, building, {**details, "reason": reason}))
    kept = polygonal | linear
    for i in np.flatnonzero(~kept & ~invalid):  # (an unrepairable polygon was warned above)
        parcel, building, details = describe(i)
        code = "geometry_missing" if missing[i] else unusable
        kind = "" if missing[i] else geometry[i].geom_type
        warnings.append(CheckWarning(code, parcel, building, {**details, "geometry_type": kind}))
    return geometry, kept, warnings


def polygonal_part(geometry):
    """The polygons of a geometry (make_valid may add stray lines and points to a collection)."""
    if geometry is None:
        return shapely.Polygon()
    parts = shapely.get_parts(geometry)
    polygons = [p for p in parts if p.geom_type in ("Polygon", "MultiPolygon") and not p.is_empty]
    if not polygons:
        return shapely.Polygon()
    return shapely.union_all(polygons) if len(polygons) > 1 else polygons[0]


def _usable_part(geometry):
    """A collection's polygons if it has any, else its lines, else nothing."""
    polygons = polygonal_part(geometry)
    if not shapely.is_empty(polygons):
        return polygons
    lines = [p for p in shapely.get_parts(geometry) if p.geom_type in ("LineString", "MultiLineString")]
    return shapely.union_all(lines) if lines else shapely.LineString()
