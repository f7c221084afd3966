"""The one geometry cleaner: every layer's features go through `clean` before anything measures them."""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Mapping
from contextlib import contextmanager
from functools import lru_cache, partial

import numpy as np
import pandas as pd
import shapely
from pyproj import CRS, Transformer

from planner.io.crs import crs_label
from planner.model import CheckWarning
from planner.parallel import in_slices, on_two_cores

__all__ = ["LINE_TYPES", "POLYGON_TYPES", "clean", "finite", "from_wkb", "polygonal_part", "quiet_nan", "traces"]

POLYGON_TYPES = (shapely.GeometryType.POLYGON, shapely.GeometryType.MULTIPOLYGON)
LINE_TYPES = (shapely.GeometryType.LINESTRING, shapely.GeometryType.MULTILINESTRING,
              shapely.GeometryType.LINEARRING)

#: describe(i) -> (parcel id, building id, details) naming feature i in a warning.
Describe = Callable[[int], tuple[str | None, str | None, dict]]

#: What reading found wrong with a feature's geometry as written: position -> (code, reason). "ring_not_closed":
#: the geometry holds the ring closed; "geometry_unreadable": the geometry is None.
ReadProblems = Mapping[int, tuple[str, str]]

#: No coordinate on Earth, in any unit a layer is drawn in (metres, feet, even millimetres), is this large.
ABSURD = 1e10
#: A feature this far from the bulk of its layer (in metres) is a vertex typed wrong: a city spans tens of
#: kilometres (_far_from_layer).
FAR_METRES = 100_000.0


def clean(geometry: np.ndarray, describe: Describe, *, lines: bool = False,
          unusable: str = "geometry_not_polygon", crs: CRS | None = None,
          problems: ReadProblems | None = None) -> tuple[np.ndarray, np.ndarray, list[CheckWarning]]:
    """Features made fit to measure: 2D, polygons (and with `lines`, lines too), invalid polygons repaired.

    A feature with a vertex that is not a number (NaN, infinite), or lies far outside the area the layer's CRS
    covers, or far from every other feature of the layer, is left out with a warning naming it: it would
    crash GEOS or be measured where it is not. `problems` are what reading found (`from_wkb`).

    Returns the cleaned geometry (a new array: the caller's is left alone), the mask of usable features and a
    warning per feature repaired or left out; `unusable` is the warning code for a feature of the wrong kind.
    """
    geometry = np.array(geometry, dtype=object)
    problems = problems or {}
    with quiet_nan():  # NaN coordinates are told per feature below, not as a RuntimeWarning
        if len(geometry) and shapely.has_z(geometry).any():  # CAD and survey data often carry Z; areas are planar
            geometry = shapely.force_2d(geometry)
        missing = shapely.is_missing(geometry) | shapely.is_empty(geometry)
        types = shapely.get_type_id(geometry)
        warnings: list[CheckWarning] = []
        dropped = np.zeros(len(geometry), dtype=bool)
        collection = np.flatnonzero(types == shapely.GeometryType.GEOMETRYCOLLECTION)
        if len(collection):  # NaN would make GEOS throw while taking a collection apart
            bad = collection[~finite(geometry[collection])]
            warnings += _coordinate_warnings(geometry, bad, "coordinates_not_finite", describe)
            dropped[bad] = True
            collection = collection[~np.isin(collection, bad)]
            geometry[collection] = [(_usable_part if lines else polygonal_part)(g) for g in geometry[collection]]
        if lines:  # a ring is a closed line: GEOS measures LineStrings
            rings = np.flatnonzero(types == shapely.GeometryType.LINEARRING)
            geometry[rings] = [shapely.LineString(g.coords) for g in geometry[rings]]
        types = shapely.get_type_id(geometry)
        polygonal = np.isin(types, POLYGON_TYPES) & ~shapely.is_empty(geometry) & ~dropped
        linear = (np.isin(types, LINE_TYPES) & ~shapely.is_empty(geometry) & ~dropped) if lines \
            else np.zeros(len(types), bool)
        valid = on_two_cores(shapely.is_valid, geometry)
        # A NaN or infinite coordinate makes a polygon or line invalid: only the invalid ones need looking at.
        suspect = np.flatnonzero((polygonal | linear) & ~valid)
        bad = suspect[~finite(geometry[suspect])]
        warnings += _coordinate_warnings(geometry, bad, "coordinates_not_finite", describe)
        dropped[bad] = True
        usable = (polygonal | linear) & ~dropped
        for code, found in _out_of_place(geometry, usable, crs):
            warnings += _coordinate_warnings(geometry, found, code, describe, crs)
            dropped[found] = True
        polygonal &= ~dropped
        linear &= ~dropped
        invalid = polygonal & ~valid
        for i in np.flatnonzero(invalid):
            reason = shapely.is_valid_reason(geometry[i])
            repaired = polygonal_part(shapely.make_valid(geometry[i]))
            parcel, building, details = describe(i)
            if shapely.is_empty(repaired) or repaired.area == 0:
                polygonal[i] = False
                warnings.append(CheckWarning("geometry_unrepairable", parcel, building,
                                             {**details, "reason": reason}))
            else:
                geometry[i] = repaired
                warnings.append(CheckWarning("geometry_repaired", parcel, building, {**details, "reason": reason}))
        for i in np.flatnonzero(linear & ~valid):  # a line whose points all coincide has no length to measure
            parts = [p for p in shapely.get_parts(geometry[i]) if shapely.is_valid(p)]
            if parts:  # (a part of no length adds nothing to a multi-line)
                geometry[i] = parts[0] if len(parts) == 1 else shapely.MultiLineString(parts)
                continue
            linear[i] = False
            dropped[i] = True
            parcel, building, details = describe(i)
            warnings.append(CheckWarning("line_degenerate", parcel, building, details))
    kept = polygonal | linear
    for i in np.flatnonzero(~kept & ~invalid & ~dropped):  # (an unrepairable polygon was warned above)
        parcel, building, details = describe(i)
        if problems.get(i, ("",))[0] == "geometry_unreadable":
            warnings.append(CheckWarning("geometry_unreadable", parcel, building,
                                         {**details, "reason": problems[i][1]}))
            continue
        code = "geometry_missing" if missing[i] else unusable
        kind = "" if missing[i] else geometry[i].geom_type
        warnings.append(CheckWarning(code, parcel, building, {**details, "geometry_type": kind}))
    for i, (code, _reason) in sorted(problems.items()):
        if code == "ring_not_closed" and kept[i]:
            parcel, building, details = describe(i)
            warnings.append(CheckWarning(code, parcel, building, details))
    return geometry, kept, warnings


def traces(original: np.ndarray, cleaned: np.ndarray, kept: np.ndarray, crs: CRS | None = None) -> np.ndarray:
    """Where the features `clean` left out (~kept) stand, as far as their coordinates tell: the convex hull of
    their vertices that are numbers and lie where the layer's kept features could (not absurd, inside the area of
    the CRS, near the kept features). A building or green area left out is still there: the items it would
    change are "not checked" where it stands, never passed without it.

    Returns one trace per feature left out, in the layer's CRS: None where its place cannot be told (no
    geometry, or no vertex where one can be): it may stand anywhere.
    """
    left = np.flatnonzero(~np.asarray(kept, dtype=bool))
    if not len(left):
        return np.empty(0, dtype=object)
    with quiet_nan():
        coordinates, index = shapely.get_coordinates(np.asarray(original, dtype=object)[left], return_index=True)
        usable = np.isfinite(coordinates).all(axis=1) & (np.abs(coordinates) <= ABSURD).all(axis=1)
        box = crs_box(crs)
        if box is not None:
            usable &= ((coordinates[:, 0] >= box[0]) & (coordinates[:, 0] <= box[2]) & (coordinates[:, 1] >= box[1])
                       & (coordinates[:, 1] <= box[3]))
        if np.any(kept):
            xmin, ymin, xmax, ymax = shapely.total_bounds(np.asarray(cleaned, dtype=object)[kept])
            margin = _far_margin(crs)
            usable &= ((coordinates[:, 0] >= xmin - margin) & (coordinates[:, 0] <= xmax + margin)
                       & (coordinates[:, 1] >= ymin - margin) & (coordinates[:, 1] <= ymax + margin))
        found = np.full(len(left), None, dtype=object)
        for k in np.unique(index[usable]):  # (a few features: one by one)
            found[k] = shapely.convex_hull(shapely.multipoints(coordinates[usable & (index == k)]))
    return found


@contextmanager
def quiet_nan():
    """Shapely's RuntimeWarning "invalid value encountered" silenced: a NaN coordinate sets numpy's invalid flag in
    every GEOS call that meets it. `clean` names such features itself. The warnings filter is needed besides
    np.errstate because on_two_cores' helper thread does not share the caller's errstate."""
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.filterwarnings("ignore", "invalid value encountered", RuntimeWarning)
        yield


def finite(geometry: np.ndarray) -> np.ndarray:
    """Per feature: every coordinate is a number (no NaN, no infinity). A feature without coordinates is finite."""
    geometry = np.asarray(geometry, dtype=object)
    coordinates, index = shapely.get_coordinates(geometry, return_index=True)
    result = np.ones(len(geometry), dtype=bool)
    result[index[~np.isfinite(coordinates).all(axis=1)]] = False
    return result


def from_wkb(wkb: np.ndarray) -> tuple[np.ndarray, dict[int, tuple[str, str]]]:
    """Geometry from WKB (None where a feature has none), and what could not be read as written.

    A polygon whose ring does not end where it starts is read closed ("ring_not_closed"); WKB that cannot be
    read at all gives None ("geometry_unreadable", with GEOS's reason): both are warned about by `clean`.
    """
    with quiet_nan():  # NaN coordinates: `clean` tells them per feature
        # (from_wkb holds the GIL throughout: in slices, for the window's thread to run between them)
        geometry = on_two_cores(partial(in_slices, shapely.from_wkb), wkb, on_invalid="ignore")
    problems: dict[int, tuple[str, str]] = {}
    missing = shapely.is_missing(geometry)
    unread = np.flatnonzero(missing & pd.notna(wkb)) if missing.any() else ()
    for i in unread:  # rare: one by one
        with quiet_nan():
            fixed = shapely.from_wkb(wkb[i], on_invalid="fix")  # (shapely's "fix" only closes rings)
        if fixed is not None:
            geometry[i] = fixed
            problems[int(i)] = ("ring_not_closed", "")
            continue
        try:
            shapely.from_wkb(wkb[i], on_invalid="raise")
            reason = "-"
        except (shapely.errors.GEOSException, shapely.errors.ShapelyError, ValueError, TypeError) as exc:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        problems[int(i)] = ("geometry_unreadable", reason)
    return geometry, problems


# --- coordinates out of place ---------------------------------------------------------------------------------

def _out_of_place(geometry: np.ndarray, usable: np.ndarray, crs: CRS | None) -> list[tuple[str, np.ndarray]]:
    """(code, positions) of the usable features with a vertex where no feature of this layer can be: too large to
    be on Earth, far outside the area the CRS covers, or far beyond where the bulk of the layer lies."""
    positions = np.flatnonzero(usable)
    if not len(positions):
        return []
    # Rows xmin, ymin, xmax, ymax: numpy reduces contiguous rows many times faster than the columns of (n, 4).
    bounds = np.ascontiguousarray(shapely.bounds(geometry[positions]).T)
    found = []
    absurd = np.abs(bounds).max(axis=0) > ABSURD
    found.append(("coordinates_absurd", positions[absurd]))
    box = crs_box(crs)
    outside = np.zeros(len(positions), dtype=bool)
    if box is not None:
        outside = ~absurd & ((bounds[0] < box[0]) | (bounds[1] < box[1]) | (bounds[2] > box[2])
                             | (bounds[3] > box[3]))
        found.append(("coordinates_outside_crs", positions[outside]))
    rest = ~absurd & ~outside
    far = np.zeros(len(positions), dtype=bool)
    far[rest] = _far_from_layer(bounds[:, rest] if not rest.all() else bounds, _far_margin(crs))
    found.append(("coordinates_far_away", positions[far]))
    return [(code, where) for code, where in found if len(where)]


def _far_from_layer(bounds: np.ndarray, gap: float) -> np.ndarray:
    """Features (by their bounds: rows xmin, ymin, xmax, ymax) lying far from where the bulk of their layer lies:
    a vertex typed wrong.

    Along each axis the features' centres fall into groups wherever an empty stretch separates them wider than
    `gap` (100 km), or than three times the widest stretch inside the largest group if that is more (a sparse
    layer); the largest group on both axes is the bulk. Far are the features of a group apart from it that
    holds at most one in a hundred of the layer's features (at least two, and fewer than the bulk), and the
    spikes: features reaching that far beyond the bulk's centres and a thousand times larger than the layer's
    median feature (a building of 30 m with one vertex 100 km off).

    Never far: anything in a layer whose features all lie within `gap` of each other (a city spans tens of km),
    a sparse but continuous spread (a province of ecological red lines), a second area as large as a few
    percent of the layer, a layer of large features. When two groups tie for the largest, nothing is far.
    """
    n = bounds.shape[1]
    far = np.zeros(n, dtype=bool)
    if n == 0 or (bounds[2].max() - bounds[0].min() <= gap and bounds[3].max() - bounds[1].min() <= gap):
        return far
    extent = np.maximum(bounds[2] - bounds[0], bounds[3] - bounds[1])
    spike = extent > 1000 * np.median(extent)  # (fewer than half the features): judged by their reach alone
    rest = np.flatnonzero(~spike)
    bulk = np.ones(len(rest), dtype=bool)
    centres, widths = [], []
    for axis in (0, 1):
        centre = (bounds[axis, rest] + bounds[axis + 2, rest]) / 2
        order = np.argsort(centre, kind="stable")
        steps = np.diff(centre[order])
        groups, sizes, main = _groups(steps, gap)
        inside = steps[(groups[:-1] == main) & (groups[1:] == main)]
        width = max(gap, 3 * inside.max()) if len(inside) else gap
        groups, sizes, main = _groups(steps, width)
        if (sizes == sizes[main]).sum() > 1:  # no bulk to speak of
            return np.zeros(n, dtype=bool)
        member = np.empty(len(rest), dtype=np.int64)
        member[order] = groups
        bulk &= member == main
        far[rest] |= (member != main) & (sizes[member] <= min(max(2, n // 100), sizes[main] - 1))
        centres.append(centre)
        widths.append(width)
    reach = np.zeros(n, dtype=bool)
    for axis in (0, 1):  # a spike reaches beyond the bulk's centres by more than the axis' width
        low, high = centres[axis][bulk].min() - widths[axis], centres[axis][bulk].max() + widths[axis]
        reach |= (bounds[axis] < low) | (bounds[axis + 2] > high)
    return far | (spike & reach)


def _groups(steps: np.ndarray, width: float) -> tuple[np.ndarray, np.ndarray, int]:
    """Sorted values split wherever a step exceeds `width`: each value's group, the group sizes, the largest."""
    groups = np.concatenate([[0], np.cumsum(steps > width)])
    sizes = np.bincount(groups)
    return groups, sizes, int(np.argmax(sizes))


def _far_margin(crs: CRS | None) -> float:
    """FAR_METRES in the CRS's unit (a degree is about 111 km; without a CRS, coordinates are taken as metres)."""
    if crs is None:
        return FAR_METRES
    try:
        if crs.is_geographic:
            return 1.0
        factor = crs.axis_info[0].unit_conversion_factor
    except (AttributeError, IndexError):
        return FAR_METRES
    return FAR_METRES / factor if factor and math.isfinite(factor) else FAR_METRES


def mostly_outside_crs(geometry: np.ndarray, crs: CRS | None) -> bool:
    """True when most features lie outside the area `crs` covers: then the layer's declared CRS is wrong, not its
    features, and the loaders say so once (crs.check_declared names the CRSs the numbers fit) instead of
    leaving out every feature."""
    box = crs_box(crs)
    if box is None or not len(geometry):
        return False
    with np.errstate(invalid="ignore"):
        bounds = shapely.bounds(geometry)
    present = ~np.isnan(bounds).any(axis=1)
    b = bounds[present]
    outside = (b[:, 0] < box[0]) | (b[:, 1] < box[1]) | (b[:, 2] > box[2]) | (b[:, 3] > box[3])
    return bool(len(b)) and np.count_nonzero(outside) * 2 > len(b)


def crs_box(crs: CRS | None) -> tuple[float, float, float, float] | None:
    """Where a feature of a layer in `crs` can lie, in its coordinates (x easting or longitude): the CRS's area
    of use widened on each side by its own width and height (at least 100 km; for degrees, at least 1 degree).
    None when the CRS does not say its area of use."""
    if crs is None:
        return None
    try:
        return _crs_box(crs.to_wkt())
    except Exception:  # a CRS pyproj cannot write out: no area to compare with  # noqa: BLE001
        return None


@lru_cache(maxsize=32)
def _crs_box(wkt: str) -> tuple[float, float, float, float] | None:
    try:
        crs = CRS.from_wkt(wkt)
        area = crs.area_of_use
        if area is None and crs.to_epsg() is not None:  # an ESRI .prj names no area; its EPSG twin does
            area = CRS.from_epsg(crs.to_epsg()).area_of_use
        if crs.is_geographic:
            west, south, east, north = area.bounds if area is not None else (-180.0, -90.0, 180.0, 90.0)
            minimum = 1.0
        else:
            if area is None:
                return None
            transformer = Transformer.from_crs(crs.geodetic_crs, crs, always_xy=True)
            west, south, east, north = transformer.transform_bounds(*area.bounds, densify_pts=21)
            minimum = _far_margin(crs)
    except Exception:  # pyproj cannot tell: no area to compare with  # noqa: BLE001
        return None
    if not all(map(math.isfinite, (west, south, east, north))) or west > east or south > north:
        return None
    dx, dy = max(east - west, minimum), max(north - south, minimum)
    box = (west - dx, south - dy, east + dx, north + dy)
    if crs.is_geographic:
        box = (max(box[0], -360.0), max(box[1], -90.0), min(box[2], 360.0), min(box[3], 90.0))
    return box


def _coordinate_warnings(geometry: np.ndarray, positions: np.ndarray, code: str, describe: Describe,
                         crs: CRS | None = None) -> list[CheckWarning]:
    """One warning per feature left out for its coordinates, showing the vertex that is out of place."""
    warnings = []
    box = crs_box(crs) if code == "coordinates_outside_crs" else None
    for i in positions:
        coordinates = shapely.get_coordinates(geometry[i])
        if code == "coordinates_not_finite":
            k = int(np.flatnonzero(~np.isfinite(coordinates).all(axis=1))[0])
        elif box is not None:
            below = np.maximum(np.array(box[:2]) - coordinates, 0)
            above = np.maximum(coordinates - np.array(box[2:]), 0)
            k = int(np.argmax((below + above).max(axis=1)))
        else:  # the vertex farthest from the feature's median vertex
            k = int(np.argmax(np.abs(coordinates - np.median(coordinates, axis=0)).max(axis=1)))
        parcel, building, details = describe(int(i))
        vertex = "(" + ", ".join(_number(v) for v in coordinates[k]) + ")"
        extra = {"crs": crs_label(crs) or "-"} if code == "coordinates_outside_crs" else {}
        warnings.append(CheckWarning(code, parcel, building, {**details, "vertex": vertex, **extra}))
    return warnings


def _number(value: float) -> str:
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return f"{value:.10g}"


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
