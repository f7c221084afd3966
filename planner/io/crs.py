"""Choosing the working CRS (metric, conformal), deciding which layers need reprojecting, and testing that each
layer's numbers can be in the CRS it declares (docs/architecture.md §2.2)."""

from __future__ import annotations

import math
import weakref
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import shapely
from pyproj import CRS, Proj, Transformer

from planner.model import InputError

WEB_MERCATOR_CODES = {3857, 900913, 3785, 102100}

#: China, roughly (lon 73-136 E, lat 3-54 N): where a candidate CRS must put a layer's numbers to fit.
CHINA = (73.0, 3.0, 136.0, 54.0)
#: Degrees a layer may reach beyond the area of use of the CRS it declares and still be taken as right: zones
#: are used a little past their edges, and a city's data a little past its zone.
DECLARED_MARGIN = 2.0
#: The same for a candidate: a layer fits a zone when it lies in (or just past) the zone's strip.
CANDIDATE_MARGIN = 0.5
#: At most this many fitting CRSs are named, best first.
MAX_FITS = 4
#: Candidates that put a layer this close (km) to the layers that are right come before all others.
NEAR_KM = 100.0
_EARTH_KM_PER_DEGREE = 111.32
_WEB_MERCATOR_RADIUS = 6378137.0


def is_metric_projected(crs: CRS) -> bool:
    """A projected CRS in metres that is not Web Mercator (whose areas are far off away from the equator)."""
    if not crs.is_projected or crs.to_epsg() in WEB_MERCATOR_CODES:
        return False
    operation = crs.coordinate_operation
    if operation is not None and "pseudo mercator" in operation.method_name.lower():
        return False
    units = {axis.unit_name.lower() for axis in crs.axis_info}
    return units <= {"metre", "meter", "m"}


def local_metric_crs(lon: float, lat: float) -> CRS:
    """CGCS2000 3-degree Gauss-Kruger CM zone inside China, the UTM zone elsewhere."""
    if 73.0 <= lon <= 136.0 and 3.0 <= lat <= 54.0:
        return CRS.from_epsg(4534 + round((lon - 75.0) / 3.0))
    zone = int(math.floor((lon + 180.0) / 6.0)) % 60 + 1
    return CRS.from_epsg((32600 if lat >= 0 else 32700) + zone)


def looks_geographic(bounds: tuple[float, float, float, float]) -> bool:
    """Coordinates that fit in degrees: a layer without a CRS like this cannot be measured in metres."""
    minx, miny, maxx, maxy = bounds
    return -180.0 <= minx <= maxx <= 180.0 and -90.0 <= miny <= maxy <= 90.0


def crs_label(crs: CRS | None) -> str | None:
    if crs is None:
        return None
    epsg = crs.to_epsg()
    return f"EPSG:{epsg}" if epsg else crs.name


def crs_title(crs: CRS | None) -> str | None:
    """The label and the name ("EPSG:4542 CGCS2000 / 3-degree Gauss-Kruger CM 99E"), as messages name a CRS."""
    label = crs_label(crs)
    return label if crs is None or label == crs.name else f"{label} {crs.name}"


def reproject(geometry: np.ndarray, source: CRS, target: CRS) -> np.ndarray:
    """Geometries from one CRS to another, x always easting/longitude whatever the EPSG axis order says."""
    transformer = Transformer.from_crs(source, target, always_xy=True)
    return shapely.transform(geometry, lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1])))


# --- can the numbers be in the CRS? --------------------------------------------------------------------
# A few points of a layer's bounds (corners and centre) are read in its CRS and must land in that CRS's area
# of use. When they cannot, the numbers are tried in the CRSs Chinese data comes in (Candidate), and those that
# put them in China and in their own area of use are named. All of it is a handful of transforms, never one per
# vertex.

Bounds = tuple[float, float, float, float]


def _probe(bounds: Bounds) -> tuple[np.ndarray, np.ndarray]:
    """The four corners and the centre of `bounds`; the centre last."""
    minx, miny, maxx, maxy = bounds
    return (np.array([minx, maxx, minx, maxx, (minx + maxx) / 2]),
            np.array([miny, miny, maxy, maxy, (miny + maxy) / 2]))


def _inside(area: Bounds, lon: np.ndarray, lat: np.ndarray, margin: float) -> np.ndarray:
    """Per row (or for a 1-D array, the whole): every point finite and inside `area` widened by `margin`."""
    west, south, east, north = area
    ok = np.isfinite(lon) & np.isfinite(lat) & (lat >= south - margin) & (lat <= north + margin)
    if west <= east:  # an area across the antimeridian (west > east) is tested in latitude only
        ok &= (lon >= west - margin) & (lon <= east + margin)
    return ok.all(axis=-1)


@lru_cache(maxsize=64)
def _declared_area(crs: CRS) -> Bounds | None:
    """Where `crs` is meant to be used (lon/lat degrees), or None when that cannot be told.

    An ESRI .prj carries no area: the EPSG CRS it certainly is lends its own; a Transverse Mercator without
    one (a city's own zone) is used near its central meridian.
    """
    area = crs.area_of_use
    if area is None:
        code = crs.to_epsg(min_confidence=90)  # lower confidences match other zones' CRSs
        area = CRS.from_epsg(code).area_of_use if code else None
    if area is not None:
        return area.bounds
    operation = crs.coordinate_operation if crs.is_projected else None
    if operation is not None and "transverse mercator" in operation.method_name.lower():
        cm = next((p.value for p in operation.params if "longitude" in p.name.lower()), None)
        if cm is not None:
            return (cm - 3.0, -80.0, cm + 3.0, 84.0)
    return None


@lru_cache(maxsize=64)
def _to_lonlat(crs: CRS) -> Transformer | None:
    """The inverse projection to the CRS's own geographic CRS (no datum shift is needed to test an area)."""
    geodetic = crs.geodetic_crs
    return None if geodetic is None else Transformer.from_crs(crs, geodetic, always_xy=True)


def fits(crs: CRS, bounds: Bounds) -> bool:
    """Whether a layer of these bounds can be in `crs`: read in it, it lies in (or near) the CRS's area of use.
    True when that cannot be told (no area of use, no geographic CRS, no geometry)."""
    if not all(math.isfinite(v) for v in bounds):
        return True
    area = _declared_area(crs)
    if area is None:
        return True
    if crs.is_geographic:  # any degrees will do: CGCS2000's stated area, for one, leaves out the Nansha islands
        return looks_geographic(bounds)
    xs, ys = _probe(bounds)
    # Degrees under a projected CRS would lie within 180 m of its false origin, near the equator: when read as
    # degrees they land in China or in the CRS's own area, they are degrees.
    if crs.is_projected and looks_geographic(bounds) and (_inside(CHINA, xs, ys, 0.0) or _inside(area, xs, ys, 0.0)):
        return False
    transformer = _to_lonlat(crs)
    if transformer is None:
        return True
    lon, lat = transformer.transform(xs, ys, errcheck=False)
    return bool(_inside(area, np.asarray(lon), np.asarray(lat), DECLARED_MARGIN))


def centre_lonlat(crs: CRS, bounds: Bounds) -> tuple[float, float] | None:
    """The centre of `bounds` in degrees (x = longitude), or None."""
    if not all(math.isfinite(v) for v in bounds):
        return None
    x, y = (bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2
    if crs.is_geographic:
        return x, y
    transformer = _to_lonlat(crs)
    if transformer is None:
        return None
    lon, lat = transformer.transform(x, y, errcheck=False)
    return (float(lon), float(lat)) if math.isfinite(lon) and math.isfinite(lat) else None


@dataclass(frozen=True, slots=True)
class Candidate:
    """A CRS Chinese data comes in, with what it takes to read numbers in it without pyproj's database."""

    code: int
    name: str
    area: Bounds
    kind: str  # "degrees", "web_mercator" or "zone"
    #: A zone's central meridian, false easting (with the zone number in x: zone × 10⁶ + 500 000) and scale.
    cm: float
    false_easting: float
    scale: float
    #: Order among equals: degrees and Web Mercator, CGCS2000 3° and 6°, Xi'an 80, Beijing 54, UTM.
    rank: int
    #: x carries the zone number (x = 38 500 000): no local grid looks like that.
    zoned: bool

    @property
    def label(self) -> str:
        return f"EPSG:{self.code} {self.name}"


#: Gauss-Krüger families: first EPSG code, zones, degrees per zone, zone number in x, rank, scale. The i-th
#: zone's central meridian is 75 + width × i (3°: zone 25 + i; 6°: zone 13 + i; UTM: zone 43 + i).
_ZONE_FAMILIES = (
    (4534, 21, 3, False, 1, 1.0), (4513, 21, 3, True, 1, 1.0),  # CGCS2000 3-degree
    (4502, 11, 6, False, 2, 1.0), (4491, 11, 6, True, 2, 1.0),  # CGCS2000 6-degree
    (2370, 21, 3, False, 3, 1.0), (2349, 21, 3, True, 3, 1.0),  # Xian 1980 3-degree
    (2338, 11, 6, False, 4, 1.0), (2327, 11, 6, True, 4, 1.0),  # Xian 1980 6-degree
    (2422, 21, 3, False, 5, 1.0), (2401, 21, 3, True, 5, 1.0),  # Beijing 1954 3-degree
    (21453, 11, 6, False, 6, 1.0), (21413, 11, 6, True, 6, 1.0),  # Beijing 1954 6-degree
    (32643, 11, 6, False, 7, 0.9996),  # WGS 84 / UTM zones 43N-53N
)


@lru_cache(maxsize=1)
def candidates() -> tuple[Candidate, ...]:
    """Web Mercator, CGCS2000 and WGS 84 degrees, and the Gauss-Krüger and UTM zones over China (built once)."""
    def from_epsg(code: int, kind: str, cm: float = math.nan, false_easting: float = 0.0, scale: float = 1.0,
                  rank: int = 0, zoned: bool = False) -> Candidate:
        crs = CRS.from_epsg(code)
        return Candidate(code, crs.name, crs.area_of_use.bounds, kind, cm, false_easting, scale, rank, zoned)

    found = [from_epsg(3857, "web_mercator"), from_epsg(4490, "degrees"), from_epsg(4326, "degrees")]
    for first, count, width, zoned, rank, scale in _ZONE_FAMILIES:
        for i in range(count):
            cm = 75.0 + width * i
            zone = cm / 3 if width == 3 else (cm + 3) / 6
            easting = 500_000.0 + (zone * 1_000_000.0 if zoned else 0.0)
            found.append(from_epsg(first + i, "zone", cm, easting, scale, rank, zoned))
    return tuple(found)


@lru_cache(maxsize=1)
def _arrays() -> dict[str, np.ndarray]:
    cs = candidates()
    return {"kind": np.array([c.kind for c in cs]), "cm": np.array([c.cm for c in cs]),
            "easting": np.array([c.false_easting for c in cs]),
            "scale": np.array([c.scale for c in cs]), "area": np.array([c.area for c in cs]),
            "rank": np.array([c.rank for c in cs]), "zoned": np.array([c.zoned for c in cs]),
            "order": np.arange(len(cs))}


@lru_cache(maxsize=1)
def _unit_transverse_mercator() -> Proj:
    """Gauss-Krüger with central meridian 0, no false easting, scale 1: every zone is this, shifted and scaled.
    (One ellipsoid for all three datums: their differences, under 200 m, do not decide where a layer lies.)"""
    return Proj("+proj=tmerc +lat_0=0 +lon_0=0 +k=1 +x_0=0 +y_0=0 +ellps=GRS80 +units=m +no_defs")


def _read_in_candidates(bounds: Bounds) -> tuple[np.ndarray, np.ndarray]:
    """Every candidate's reading of the probe points: lon, lat arrays (candidates × points)."""
    a = _arrays()
    xs, ys = _probe(bounds)
    zones = a["kind"] == "zone"
    lon = np.full((len(a["cm"]), len(xs)), np.nan)
    lat = np.full_like(lon, np.nan)
    east = (xs[None, :] - a["easting"][zones, None]) / a["scale"][zones, None]
    north = np.broadcast_to(ys[None, :] / a["scale"][zones, None], east.shape)
    offset, latitude = _unit_transverse_mercator()(east.ravel(), np.ascontiguousarray(north).ravel(),
                                                   inverse=True, errcheck=False)
    lon[zones] = np.asarray(offset).reshape(east.shape) + a["cm"][zones, None]
    lat[zones] = np.asarray(latitude).reshape(east.shape)
    degrees = a["kind"] == "degrees"
    lon[degrees], lat[degrees] = xs, ys
    mercator = a["kind"] == "web_mercator"
    lon[mercator] = np.degrees(xs / _WEB_MERCATOR_RADIUS)
    lat[mercator] = np.degrees(np.arctan(np.sinh(ys / _WEB_MERCATOR_RADIUS)))
    return lon, lat


def _km(lon: np.ndarray, lat: np.ndarray, to: tuple[float, float]) -> np.ndarray:
    """Distance (km, equirectangular: enough to tell 5 km from 300) from points to `to`."""
    dx = (lon - to[0]) * np.cos(np.radians((lat + to[1]) / 2))
    return np.hypot(dx, lat - to[1]) * _EARTH_KM_PER_DEGREE


def fitting(bounds: Bounds, near: tuple[float, float] | None = None, hint_lon: float | None = None,
            zoned_only: bool = False) -> list[Candidate]:
    """The candidate CRSs in which a layer of these bounds lies in China and in the CRS's own area, best first.

    `near`: where the layers that are right lie (lon, lat): candidates that put this one within NEAR_KM of them
    are the only ones named when there are any, nearest first. Without it, degrees and Web Mercator come first,
    then zones whose central meridian is nearest `hint_lon` (the middle of the area of the CRS declared).
    `zoned_only`: only readings no local grid gives (Web Mercator, zone number in x).
    """
    if not all(math.isfinite(v) for v in bounds):
        return []
    a = _arrays()
    lon, lat = _read_in_candidates(bounds)
    ok = _inside(CHINA, lon, lat, 0.0)
    west, south, east, north = (a["area"][:, k, None] for k in range(4))
    ok &= (np.isfinite(lon) & (lon >= west - CANDIDATE_MARGIN) & (lon <= east + CANDIDATE_MARGIN)
           & (lat >= south - CANDIDATE_MARGIN) & (lat <= north + CANDIDATE_MARGIN)).all(axis=1)
    if zoned_only:
        ok &= a["zoned"] | (a["kind"] == "web_mercator")
    rows = np.flatnonzero(ok)
    if not len(rows):
        return []
    if near is not None:
        distance = _km(lon[rows, -1], lat[rows, -1], near)
        if (distance <= NEAR_KM).any():
            rows, distance = rows[distance <= NEAR_KM], distance[distance <= NEAR_KM]
        # Within a band of 25 km the datums (CGCS2000, Xi'an 80, Beijing 54) of one zone are equal.
        order = np.lexsort((a["order"][rows], a["rank"][rows], np.round(distance / 25.0)))
    else:
        away = np.abs(a["cm"][rows] - hint_lon) if hint_lon is not None else np.zeros(len(rows))
        away = np.where(np.isnan(away), 0.0, away)
        order = np.lexsort((a["order"][rows], a["rank"][rows], away, a["rank"][rows] > 0))
    cs = candidates()
    return [cs[k] for k in rows[order].tolist()]


def _number(value: float) -> str:
    """A coordinate as a message shows it: whole metres, or degrees to 4 decimals."""
    return f"{value:.4f}".rstrip("0").rstrip(".") if abs(value) < 1000 else f"{value:.0f}"


def _area_text(area: Bounds) -> str:
    west, south, east, north = area

    def lon(v: float) -> str:
        return f"{abs(v):g}°{'E' if v >= 0 else 'W'}"

    def lat(v: float) -> str:
        return f"{abs(v):g}°{'N' if v >= 0 else 'S'}"
    return f"{lon(west)}–{lon(east)}, {lat(south)}–{lat(north)}"


def mismatch(code: str, path: str, crs: CRS, bounds: Bounds, near: tuple[float, float] | None) -> InputError:
    """The error for a layer whose numbers cannot be in `crs` (its own, or for a layer without one the
    working CRS): the file, the CRS, where the numbers lie, and the CRSs they fit."""
    area = _declared_area(crs)
    hint = None
    if area is not None and area[0] <= area[2] and area[2] - area[0] <= 20.0:
        hint = (area[0] + area[2]) / 2
    found = fitting(bounds, near=near, hint_lon=hint)
    # Numbers without the zone number fit every zone alike: with nothing to say where the data lies, those
    # zones are named as one item (a range of central meridians), not as a list of arbitrary ones.
    unzoned = [c for c in found if c.kind == "zone" and not c.zoned]
    zones = None
    if near is None and hint is None and len({c.cm for c in unzoned}) > 1:
        found = [c for c in found if c not in unzoned]
        zones = f"{min(c.cm for c in unzoned):g}°E–{max(c.cm for c in unzoned):g}°E"
    return InputError(code, path=path, crs=crs_title(crs), x=_number((bounds[0] + bounds[2]) / 2),
                      y=_number((bounds[1] + bounds[3]) / 2), area=_area_text(area) if area else "-",
                      fits=[c.label for c in found[:MAX_FITS]], more=max(0, len(found) - MAX_FITS), zones=zones)


def check_declared(path: str, crs: CRS | None, geometry: np.ndarray,
                   near: tuple[float, float] | None = None) -> tuple[float, float] | None:
    """Raise InputError("crs_mismatch") when the layer's numbers cannot be in the CRS it declares; else its
    centre in degrees (None without a CRS or geometry)."""
    if crs is None or not len(geometry):
        return None
    bounds = tuple(float(v) for v in shapely.total_bounds(geometry))
    if not fits(crs, bounds):
        raise mismatch("crs_mismatch", path, crs, bounds, near)
    return centre_lonlat(crs, bounds)


# --- the working CRS -----------------------------------------------------------------------------------

def _zone_of_centre(crs: CRS, geometry: np.ndarray) -> CRS | None:
    centre = centre_lonlat(crs, tuple(float(v) for v in shapely.total_bounds(geometry))) if len(geometry) else None
    return None if centre is None else local_metric_crs(*centre)


def working_crs(layers: list[tuple[str, CRS | None, np.ndarray]]) -> CRS | None:
    """The CRS to measure in: the first layer's (the plan's) when it is metric projected; when it is in degrees or
    Web Mercator, the CGCS2000 3-degree zone of its centre (UTM outside China), whatever CRS the others are in.
    A first layer without a CRS follows the first metric projected layer, else the zone of the first layer with a
    CRS. None: no layer has one (local planar metres)."""
    _name, first, geometry = layers[0]
    if first is not None:
        if is_metric_projected(first):
            return first
        zone = _zone_of_centre(first, geometry)
        if zone is not None:
            return zone
    metric = next((crs for _n, crs, _g in layers if crs is not None and is_metric_projected(crs)), None)
    if metric is not None:
        return metric
    for _n, crs, geometry in layers:
        zone = _zone_of_centre(crs, geometry) if crs is not None else None
        if zone is not None:
            return zone
    return None


def measured_in(crs: CRS | None, working: CRS | None) -> str | None:
    """The working CRS (label and name) a layer in `crs` was reprojected to, or None when it was not."""
    if crs is None or working is None or crs.equals(working, ignore_axis_order=True):
        return None
    return crs_title(working)


_BOUNDS: dict[int, tuple[weakref.ref, int, tuple[float, float, float, float]]] = {}


def layer_bounds(geometry: np.ndarray) -> tuple[float, float, float, float]:
    """shapely.total_bounds(geometry) as floats, remembered for each geometry array while it lives: a layer's
    array is made once at load and never written to, and the window checks the same layers again and again
    (200,000 footprints take ~10 ms to bound). Anything that is not a weakly referable array is bounded anew."""
    key = id(geometry)
    hit = _BOUNDS.get(key)
    if hit is not None and hit[0]() is geometry and hit[1] == len(geometry):
        return hit[2]
    bounds = tuple(float(v) for v in shapely.total_bounds(geometry))
    if isinstance(geometry, np.ndarray):
        _BOUNDS[key] = (weakref.ref(geometry, lambda _ref, key=key: _BOUNDS.pop(key, None)), len(geometry),
                        bounds)
    return bounds  # type: ignore[return-value]


def align(layers: list[tuple[str, CRS | None, np.ndarray]], check: bool = True
          ) -> tuple[CRS | None, list[np.ndarray], list[tuple[str, dict]]]:
    """Bring layers (name, crs, geometry) into one metric working CRS (working_crs).

    With `check`, each layer's numbers are first tested against its CRS (check_declared) and a layer without a
    CRS against the working CRS: numbers that cannot be right raise InputError naming the CRSs they fit. A layer
    without a CRS is taken to be in the working CRS when its coordinates look metric (warned; when no layer has a
    CRS, numbers that carry a zone number or look like Web Mercator are named in the warning), and refused when
    they look like degrees. Returns the CRS (None: unknown local planar metres), the geometries and warnings
    (code, details). `check=False` draws layers as they are (the window's map before a check).
    """
    near = None
    if check:  # every layer with a CRS first: the first that is right tells where the wrong one should lie
        wrong = None
        for name, crs, geometry in layers:
            bounds = layer_bounds(geometry) if len(geometry) else None
            if crs is None or bounds is None:
                continue
            if not fits(crs, bounds):
                wrong = wrong or (name, crs, bounds)
            elif near is None:
                near = centre_lonlat(crs, bounds)
        if wrong is not None:
            raise mismatch("crs_mismatch", *wrong, near)
    working = working_crs(layers)
    warnings: list[tuple[str, dict]] = []
    aligned = []
    for name, crs, geometry in layers:
        if crs is None:
            bounds = layer_bounds(geometry)
            if looks_geographic(bounds):
                raise InputError("crs_missing_degrees", path=name)
            note = ("crs_assumed", {"path": name, "crs": crs_label(working) or "-"})
            if check and working is not None and not fits(working, bounds):
                raise mismatch("crs_missing_mismatch", name, working, bounds, near)
            if check and working is None:
                zoned = fitting(bounds, zoned_only=True)
                if zoned:
                    note = ("crs_missing_fits", {"path": name, "fits": [c.label for c in zoned[:MAX_FITS]],
                                                 "more": max(0, len(zoned) - MAX_FITS)})
            aligned.append(geometry)
        elif working is not None and not crs.equals(working, ignore_axis_order=True):
            aligned.append(reproject(geometry, crs, working))
            note = ("reprojected", {"path": name, "from": crs_label(crs), "to": crs_label(working)})
        else:
            aligned.append(geometry)
            continue
        if note not in warnings:  # buildings and green from one file: one note about that file
            warnings.append(note)
    return working, aligned, warnings
