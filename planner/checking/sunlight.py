"""Sunlight analysis (日照分析, facade-line analysis 线上日照): the hours of sun along every facade of every building
that needs sun, on the standard day, against the standard of resources/sunlight.toml (GB 50180-2018 4.0.9).

The model (GB/T 50947-2014 terms):

* The sun: declination of the standard day (大寒日 -20.2°, 冬至日 -23.44°), hour angle from true solar time (真太阳
  时), so the time band is the same in every city; elevation and azimuth by the usual spherical formulas. Grid
  north of the working CRS is turned to true north (meridian convergence, from pyproj).
* Time: the band (8:00-16:00 or 9:00-15:00) cut into steps of `step_minutes`; each step is tested at its middle
  and counts whole (a band of 8 h at 1 min is 480 steps, and a fully sunlit point gets 480 min exactly).
* Points: every edge of a footprint (outer and inner rings) cut into pieces of at most `spacing` m; one point
  at the middle of each piece, at the calculation height (0.9 m above the ground floor, which is taken to hold
  homes; the ground is taken to be flat: no terrain, no podium).
* A point is sunlit at a step when the sun is above the horizon, its ray makes at least the sweep angle with
  the wall in plan (最小扫掠角; the ray's horizontal direction within 90° - sweep of the wall's outward normal),
  and no building (scheme, existing, the point's own building: a wing of an L or U) rises above the ray: a
  prism of height H whose footprint the ray enters at horizontal distance s blocks it when H - h > s tan(elev).
  A building without a height casts no shadow (warned).
* Hours: the sunlit runs of steps; runs shorter than the minimum continuous time are dropped; "cumulative"
  adds every run, or only the longest `periods`; "longest" is the longest run.

How it is computed (chosen by measuring, see benchmarks/bench_sunlight.py): a per-point horizon by edges. For
each point and each obstacle edge facing it within the obstacle's reach, the edge spans a range of azimuths
seen from the point, hence a contiguous range of time steps (the sun's azimuth grows through the day). An edge
that is too low even at the range's lowest sun is dropped, one that is too high even at its highest sun and
farthest end blocks the whole range outright, and only the rest are measured step by step (the ray's distance
to the edge's line). All of it is numpy over (point, edge, step) in chunks, on two threads.

What keeps it fast (benchmarks/bench_sunlight.py, the district of 200 + 2,000 buildings: 60-117 s before, about
4 s after, the same hours at every point): only the steps where a point may be lit at all are worked (a facade
facing north is skipped outright); the points of one facade edge are first taken together, so an obstacle edge
that is the facade's own, behind it, out of reach, or too low over the facade's lit steps is dropped for the
whole facade by exact bounds (segment-to-segment distances, the directions between the two segments) before any
point is looked at; whole ranges are marked through a difference table; the step tests skip steps already dark
and points dark all day; the minutes of sun are a count when every run counts.
"""

from __future__ import annotations

import math
import tomllib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from pyproj import CRS, Transformer

from planner.io.landuse import shipped_table
from planner.model import CheckResult, CheckWarning, InputError, Violation
from planner.resources import resource_path

ZONES = ("I", "II", "III", "IV", "V", "VI", "VII")
CITY_SIZES = ("large", "small")
DAYS = ("dahan", "dongzhi")
COUNTINGS = ("cumulative", "longest")
EXISTING_RULES = ("no_worse", "below_only", "none")

#: Elements (point, edge, step) worked at once: bounds the memory of one chunk (about 40 bytes each).
CHUNK_ELEMENTS = 4_000_000
#: Points per chunk of the sunlit table (points x steps booleans).
CHUNK_POINTS = 4096


# --- the rules as data ------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def table() -> dict[str, Any]:
    """resources/sunlight.toml as read."""
    with resource_path("sunlight.toml").open("rb") as handle:
        return tomllib.load(handle)


@dataclass(frozen=True, slots=True)
class Standard:
    """What a building of one type must get: `hours` of sun on `day` within `band` (true solar time)."""

    type: str  # "home", "elderly", "kindergarten", "school", "old_district"
    day: str  # "dahan" or "dongzhi"
    hours: float
    band: tuple[float, float]
    source: str

    def as_json(self) -> dict[str, Any]:
        return {"type": self.type, "day": self.day, "hours": self.hours, "band": list(self.band),
                "source": self.source}


@dataclass(frozen=True, slots=True)
class SunlightSettings:
    """The row of the table and the calculation parameters a check uses."""

    zone: str
    size: str
    city: str | None = None
    height: float = 0.9
    spacing: float = 1.0
    step_minutes: float = 1.0
    sweep_angle: float = 15.0
    min_continuous: dict[str, float] = field(default_factory=lambda: {"dahan": 0.0, "dongzhi": 0.0})
    counting: str = "cumulative"
    periods: int = 0
    existing_rule: str = "no_worse"
    tolerance_minutes: float = 1.0
    band: tuple[float, float] | None = None  # a city's band for every standard
    old_district: bool = False
    #: Facades facing within this range (degrees clockwise from true north) are held to the standard.
    held_facing: tuple[float, float] = (135.0, 225.0)

    def standard(self, kind: str) -> Standard:
        """The standard of a building type ("home", "elderly", "kindergarten", "school")."""
        data = table()
        if kind == "home" and self.old_district:
            row = data["old_district"]
            return self._banded(Standard("old_district", row["day"], float(row["hours"]), tuple(row["band"]),
                                         row["source"]))
        spec = data["types"][kind]
        if spec.get("standard") == "national":
            row = national_row(self.zone, self.size)
            return self._banded(Standard(kind, row["day"], float(row["hours"]), tuple(row["band"]), row["source"]))
        return self._banded(Standard(kind, spec["day"], float(spec["hours"]), tuple(spec["band"]), spec["source"]))

    def _banded(self, standard: Standard) -> Standard:
        return standard if self.band is None else replace(standard, band=self.band)

    def as_json(self) -> dict[str, Any]:
        return {"zone": self.zone, "city_size": self.size, "city": self.city, "height": self.height,
                "spacing": self.spacing, "step_minutes": self.step_minutes, "sweep_angle": self.sweep_angle,
                "min_continuous": dict(self.min_continuous), "counting": self.counting, "periods": self.periods,
                "existing_rule": self.existing_rule, "old_district": self.old_district,
                "held_facing": list(self.held_facing),
                "band": None if self.band is None else list(self.band)}


def national_row(zone: str, size: str) -> dict[str, Any]:
    """The row of GB 50180-2018 table 4.0.9 for a climate zone and city size."""
    for row in table()["national"]:
        if zone in row["zones"] and row["size"] in (size, "any"):
            return row
    raise InputError("sunlight_choice", zone=zone, size=size)


def city_names() -> tuple[str, ...]:
    return tuple(table().get("cities", {}))


def settings(zone: str | None = None, size: str | None = None, city: str | None = None,
             old_district: bool = False) -> SunlightSettings | None:
    """The settings for a zone and city size, or a city entry; None when nothing was chosen (not checked).
    An unknown city, or a zone without a size where the zone needs one, is an InputError."""
    if zone is None and city is None:
        if size is not None:
            raise InputError("sunlight_choice", zone="-", size=size)
        return None
    data = table()
    params = dict(data["parameters"])
    entry: dict[str, Any] = {}
    if city is not None:
        if city not in data.get("cities", {}):
            raise InputError("sunlight_city_unknown", city=city, cities="、".join(city_names()))
        entry = dict(data["cities"][city])
        zone = zone or entry["zone"]
        size = size or entry["size"]
        params.update({k: v for k, v in entry.items() if k in params})
    if zone not in ZONES:
        raise InputError("sunlight_choice", zone=zone, size=size or "-")
    if size is None:
        if zone in ("V", "VI"):
            size = "large"  # 无限定: either size gives the same row
        else:
            raise InputError("sunlight_choice", zone=zone, size="-")
    national_row(zone, size)  # raises when there is no row
    existing = data.get("existing", {})
    return SunlightSettings(
        zone=zone, size=size, city=city, height=float(params["height"]), spacing=float(params["spacing"]),
        step_minutes=float(params["step_minutes"]), sweep_angle=float(params["sweep_angle"]),
        min_continuous={d: float(v) for d, v in dict(params["min_continuous"]).items()},
        counting=str(params["counting"]), periods=int(params["periods"]),
        existing_rule=str(entry.get("existing_rule", existing.get("rule", "no_worse"))),
        tolerance_minutes=float(existing.get("tolerance_minutes", 1.0)),
        band=tuple(float(b) for b in entry["band"]) if "band" in entry else None, old_district=old_district,
        held_facing=tuple(float(v) for v in params.get("held_facing", (135.0, 225.0))))


def sun_type(use: object) -> str | None:
    """Which sunlight standard a building's use text calls for ("home", "elderly", "kindergarten", "school"), or
    None: it only casts shadows."""
    if not isinstance(use, str) or not use.strip():
        return None
    text = use.strip().lower()
    types = table()["types"]
    for kind, spec in types.items():
        if any(k.lower() in text for k in spec.get("keywords", ())):
            return kind
    use_id = shipped_table().normalise_use(use)
    for kind, spec in types.items():
        if use_id is not None and use_id in spec.get("uses", ()):
            return kind
    return None


# --- the sun ----------------------------------------------------------------------------------------------

def declination(day: str) -> float:
    """The sun's declination on a standard day, degrees."""
    return float(table()["days"][day]["declination"])


def step_times(band: tuple[float, float], step_minutes: float) -> np.ndarray:
    """The middle of each time step of the band, hours of true solar time."""
    count = int(round((band[1] - band[0]) * 60.0 / step_minutes))
    return band[0] + (np.arange(count) + 0.5) * step_minutes / 60.0


def sun_position(latitude: float, decl: float, hours: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(elevation, azimuth) in degrees, azimuth clockwise from true north, at true solar times `hours`."""
    phi, delta = math.radians(latitude), math.radians(decl)
    omega = np.radians(15.0 * (np.asarray(hours, dtype=float) - 12.0))
    sin_e = math.sin(phi) * math.sin(delta) + math.cos(phi) * math.cos(delta) * np.cos(omega)
    elevation = np.degrees(np.arcsin(np.clip(sin_e, -1.0, 1.0)))
    # From south, west positive; then from north.
    from_south = np.arctan2(np.sin(omega), np.cos(omega) * math.sin(phi) - math.tan(delta) * math.cos(phi))
    return elevation, (np.degrees(from_south) + 180.0) % 360.0


def true_north(crs: CRS | None, x: float, y: float) -> tuple[float, float, float]:
    """(longitude, latitude, grid azimuth of true north in degrees) at x, y of `crs`."""
    if crs is None:
        raise ValueError("no CRS")
    to_lonlat, to_grid = _transformers(crs)
    lon, lat = to_lonlat.transform(x, y)
    x1, y1 = to_grid.transform(lon, lat + 0.001)
    x0, y0 = to_grid.transform(lon, lat)
    return float(lon), float(lat), math.degrees(math.atan2(x1 - x0, y1 - y0))


@lru_cache(maxsize=8)
def _transformers(crs: CRS) -> tuple[Transformer, Transformer]:
    """To longitude/latitude and back (making them is most of a small analysis's time: kept)."""
    return (Transformer.from_crs(crs, "EPSG:4326", always_xy=True),
            Transformer.from_crs("EPSG:4326", crs, always_xy=True))


# --- facades ----------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Facades:
    """The edges of some footprints and the sampling points along them."""

    building: np.ndarray  # per edge: index of its footprint
    start: np.ndarray  # (E, 2)
    end: np.ndarray  # (E, 2)
    normal: np.ndarray  # (E, 2) outward unit normal
    length: np.ndarray  # (E,)
    point_edge: np.ndarray  # per point: its edge
    points: np.ndarray  # (P, 2)
    piece: np.ndarray  # per point: the facade length it stands for


def edges_of(footprints: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(footprint index, start, end) of every edge, outer rings counter-clockwise and holes clockwise: the solid
    is on the left of each edge. Zero-length edges are left out."""
    parts, owner = shapely.get_parts(np.asarray(footprints, dtype=object), return_index=True)
    polygons = shapely.get_type_id(parts) == 3
    parts, owner = parts[polygons], owner[polygons]
    rings, ring_owner = shapely.get_rings(parts, return_index=True)
    first = np.r_[0, np.flatnonzero(np.diff(ring_owner)) + 1] if len(ring_owner) else np.zeros(0, int)
    position = np.arange(len(rings)) - np.repeat(first, np.diff(np.r_[first, len(rings)]))
    ccw = shapely.is_ccw(rings)
    flip = np.where(position == 0, ~ccw, ccw)
    coords, ring_of = shapely.get_coordinates(rings, return_index=True)
    if not len(coords):
        empty = np.zeros((0, 2))
        return np.zeros(0, dtype=np.int64), empty, empty
    same = ring_of[1:] == ring_of[:-1]
    start, end, ring = coords[:-1][same], coords[1:][same], ring_of[:-1][same]
    flipped = flip[ring]
    start[flipped], end[flipped] = end[flipped].copy(), start[flipped].copy()
    keep = np.hypot(*(end - start).T) > 1e-9
    return owner[ring_owner[ring[keep]]], start[keep], end[keep]


def sample(footprints: np.ndarray, spacing: float) -> Facades:
    building, start, end = edges_of(footprints)
    vector = end - start
    length = np.hypot(vector[:, 0], vector[:, 1])
    normal = np.column_stack([vector[:, 1], -vector[:, 0]]) / np.maximum(length, 1e-12)[:, None]
    pieces = np.maximum(1, np.ceil(length / spacing - 1e-9)).astype(np.int64)
    point_edge = np.repeat(np.arange(len(length)), pieces)
    offsets = np.r_[0, np.cumsum(pieces)[:-1]]
    j = np.arange(len(point_edge)) - np.repeat(offsets, pieces)
    fraction = (j + 0.5) / pieces[point_edge]
    points = start[point_edge] + vector[point_edge] * fraction[:, None]
    return Facades(building, start, end, normal, length, point_edge, points, (length / pieces)[point_edge])


def facing(normal: np.ndarray, north: float = 0.0) -> np.ndarray:
    """Degrees clockwise from true north that each outward normal faces (`north`: grid azimuth of true north)."""
    return (np.degrees(np.arctan2(normal[:, 0], normal[:, 1])) - north) % 360.0


# --- the sunlit table ---------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Sky:
    """The sun at each time step, in the working CRS's grid."""

    elevation: np.ndarray  # degrees
    tan: np.ndarray  # tan(elevation); -inf below the horizon
    angle: np.ndarray  # grid azimuth minus 180°, degrees in (-180, 180]: increasing through the day
    direction: np.ndarray  # (T, 2) horizontal unit vector toward the sun, grid
    step: float  # minutes

    @classmethod
    def of(cls, latitude: float, north: float, day: str, band: tuple[float, float], step: float) -> Sky:
        elevation, azimuth = sun_position(latitude, declination(day), step_times(band, step))
        grid = np.radians(azimuth + north)
        tan = np.where(elevation > 0, np.tan(np.radians(np.maximum(elevation, 0))), -np.inf)
        angle = (np.degrees(grid) - 180.0 + 180.0) % 360.0 - 180.0
        return cls(elevation, tan, angle, np.column_stack([np.sin(grid), np.cos(grid)]), step)


def _wrap(angle: np.ndarray) -> np.ndarray:
    return (angle + 180.0) % 360.0 - 180.0


def possible(points_normal: np.ndarray, sky: Sky, sweep: float) -> np.ndarray:
    """(P, T): the sun is up and in front of the wall by at least the sweep angle (nothing else counted)."""
    cosine = points_normal @ sky.direction.T
    return (cosine >= math.sin(math.radians(sweep)) - 1e-12) & (sky.elevation > 0)[None, :]


@dataclass(frozen=True, slots=True)
class Obstacles:
    """Edges that can cast shadow: per edge its building, start, end, outward normal and height above the
    calculation plane."""

    building: np.ndarray
    start: np.ndarray
    end: np.ndarray
    normal: np.ndarray
    rise: np.ndarray

    @classmethod
    def of(cls, footprints: np.ndarray, heights: np.ndarray, plane: float) -> Obstacles:
        building, start, end = edges_of(footprints)
        rise = np.asarray(heights, dtype=float)[building] - plane
        vector = end - start
        length = np.hypot(vector[:, 0], vector[:, 1])
        normal = np.column_stack([vector[:, 1], -vector[:, 0]]) / length[:, None]
        keep = rise > 0  # NaN heights and buildings below the plane cast nothing
        return cls(building[keep], start[keep], end[keep], normal[keep], rise[keep])

    def only(self, keep: np.ndarray) -> Obstacles:
        return Obstacles(self.building[keep], self.start[keep], self.end[keep], self.normal[keep], self.rise[keep])


def blocked(points: np.ndarray, own_building: np.ndarray, own_start: np.ndarray, own_end: np.ndarray,
            obstacles: Obstacles, sky: Sky, threads: int = 2, front: np.ndarray | None = None) -> np.ndarray:
    """(P, T) booleans: some obstacle edge rises above the ray from each point toward the sun at each step.

    `own_building`, `own_start`, `own_end`: the building (index into the obstacles' buildings) and the edge each
    point lies on, which is not an obstacle to it. `front` (P, T): the steps that matter (possible()); outside
    them the answer may be anything (they are dark anyway), and a point without any is not worked at all.

    Points on one facade edge (consecutive points with the same own edge) are first taken together: an obstacle
    edge too low for every point of the facade, or behind all of them, is dropped for the facade at once (exact
    bounds: the nearest and farthest distances between the two segments, and the range of directions from the
    one to the other); only the rest is worked point by point (_mark)."""
    n, steps = len(points), len(sky.tan)
    out = np.zeros((n, steps), dtype=bool)
    if not n or not len(obstacles.rise) or not steps:
        return out
    if front is None:
        first, last = np.zeros(n, dtype=np.int64), np.full(n, steps, dtype=np.int64)
    else:
        some = front.any(axis=1)
        first = np.where(some, np.argmax(front, axis=1), steps)
        last = np.where(some, steps - np.argmax(front[:, ::-1], axis=1), 0)
    up = np.isfinite(sky.tan)
    lowest = float(np.min(sky.tan[up])) if up.any() else math.inf
    # Reach: beyond rise / tan(lowest sun) an edge can shade nothing.
    reach = obstacles.rise / max(lowest, 1e-6)
    # Facades: runs of points on the same edge.
    change = np.r_[True, (own_building[1:] != own_building[:-1]) | np.any(own_start[1:] != own_start[:-1], axis=1)
                   | np.any(own_end[1:] != own_end[:-1], axis=1)]
    g_start = np.flatnonzero(change)
    g_end = np.r_[g_start[1:], n]
    g_first = np.minimum.reduceat(first, g_start)
    g_last = np.maximum.reduceat(last, g_start)
    live = np.flatnonzero(g_first < g_last)
    if not len(live):
        return out
    # Chunks of whole facades of about CHUNK_POINTS points.
    sizes = (g_end - g_start)[live]
    bounds = np.searchsorted(np.cumsum(sizes), np.arange(CHUNK_POINTS, int(sizes.sum()), CHUNK_POINTS), side="left")
    chunks = [c for c in np.split(live, np.unique(bounds + 1)) if len(c)]

    def work(groups: np.ndarray) -> None:
        p, e = _facade_candidates(groups, g_start, g_end, g_first, g_last, points, own_building, own_start,
                                  own_end, obstacles, reach, sky)
        if len(p):
            _mark(out, p, e, points, own_building, own_start, own_end, obstacles, reach, sky, first, last)

    if threads > 1 and len(chunks) > 1:
        with ThreadPoolExecutor(max_workers=threads) as pool:
            list(pool.map(work, chunks))
    else:
        for chunk in chunks:
            work(chunk)
    return out


#: Margins of the facade-wide bounds (m, degrees, relative): what is within them is left to the point-by-point
#: test, so rounding never decides what the bounds drop.
_MARGIN_M = 1e-6
_MARGIN_DEG = 1e-6
_MARGIN_REL = 1e-9


def _facade_candidates(groups, g_start, g_end, g_first, g_last, points, own_building, own_start, own_end,
                       obs: Obstacles, reach, sky: Sky) -> tuple[np.ndarray, np.ndarray]:
    """(point, obstacle edge) pairs left to test point by point for the facades `groups`: pairs of an edge with a
    facade are dropped when the edge is the facade's own, behind every point of it, out of reach of all of them,
    or too low to reach above the sun from any of them over the steps where the facade may be lit."""
    a0, a1 = points[g_start[groups]], points[g_end[groups] - 1]
    lines = shapely.linestrings(np.stack([a0, a1], axis=1))
    single = np.all(a0 == a1, axis=1)
    if single.any():
        lines[single] = shapely.points(a0[single])
    tree = shapely.STRtree(lines)
    # Candidates by envelope (each edge's grown by its reach); the distances are measured below.
    x0, y0 = np.minimum(obs.start, obs.end).T
    x1, y1 = np.maximum(obs.start, obs.end).T
    grown = reach + _MARGIN_M
    e, g = tree.query(shapely.box(x0 - grown, y0 - grown, x1 + grown, y1 + grown))
    if not len(g):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    first_point = g_start[groups[g]]
    own = ((obs.building[e] == own_building[first_point]) & np.all(obs.start[e] == own_start[first_point], axis=1)
           & np.all(obs.end[e] == own_end[first_point], axis=1))
    normal, a, b = obs.normal[e], obs.start[e], obs.end[e]
    p0, p1 = a0[g], a1[g]
    side0 = np.einsum("ij,ij->i", p0 - a, normal)
    side1 = np.einsum("ij,ij->i", p1 - a, normal)
    behind = np.maximum(side0, side1) < -_MARGIN_M
    keep = ~own & ~behind
    e, g, p0, p1, a, b, side0, side1 = (x[keep] for x in (e, g, p0, p1, a, b, side0, side1))
    in_front = np.minimum(side0, side1) > _MARGIN_M  # all points of the facade in front of the edge
    # Nearest and farthest distances between the segments (they do not cross when the facade is in front).
    near = np.minimum.reduce([_point_segment(p0, a, b), _point_segment(p1, a, b), _point_segment(a, p0, p1),
                              _point_segment(b, p0, p1)])
    rise = obs.rise[e]
    out_of_reach = in_front & (near > reach[e] * (1 + _MARGIN_REL) + _MARGIN_M)
    # Directions from the facade to the edge: within those of the four corner-to-corner vectors.
    angles = np.stack([_wrap(np.degrees(np.arctan2(v[:, 0], v[:, 1])) - 180.0) for v in (a - p0, b - p0, a - p1,
                                                                                          b - p1)])
    low, high = angles.min(axis=0), angles.max(axis=0)
    bounded = in_front & (high - low < 180.0 - 1.0)  # else the directions may cross north: point by point
    i0 = np.maximum(np.searchsorted(sky.angle, low - _MARGIN_DEG, side="left"), g_first[groups[g]])
    i1 = np.minimum(np.searchsorted(sky.angle, high + _MARGIN_DEG, side="right"), g_last[groups[g]])
    empty = bounded & (i1 <= i0)
    i0c, i1c = np.minimum(i0, len(sky.tan) - 1), np.clip(i1 - 1, 0, len(sky.tan) - 1)
    tan = np.where(np.isfinite(sky.tan), sky.tan, np.inf)
    bottom = np.minimum(tan[i0c], tan[i1c])  # the lowest sun over the range (it rises to noon, then falls)
    with np.errstate(divide="ignore"):
        too_low = bounded & (rise / np.maximum(near, 1e-12) < bottom * (1 - _MARGIN_REL))
    keep = ~(out_of_reach | empty | too_low)
    e, g = e[keep], g[keep]
    # Every point of each facade with each edge kept.
    counts = (g_end - g_start)[groups[g]]
    p = _ranges(g_start[groups[g]], counts)
    return p, np.repeat(e, counts)


def _point_segment(p: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Distance from each point p to the segment ab."""
    ab = b - a
    t = np.clip(np.einsum("ij,ij->i", p - a, ab) / np.maximum(np.einsum("ij,ij->i", ab, ab), 1e-18), 0.0, 1.0)
    return np.hypot(*(a + ab * t[:, None] - p).T)


def _mark(out: np.ndarray, p: np.ndarray, e: np.ndarray, points: np.ndarray, own_building: np.ndarray,
          own_start: np.ndarray, own_end: np.ndarray, obs: Obstacles, reach: np.ndarray, sky: Sky,
          first: np.ndarray, last: np.ndarray) -> None:
    """Mark out[p, t] where edge e blocks point p at step t, for candidate pairs (p, e), at the steps from
    first[p] to last[p] (the rows of `p` are a block no other thread writes)."""
    steps = len(sky.tan)
    P = points[p]
    a, b = obs.start[e], obs.end[e]
    # The point's own edge is no obstacle; nor is an edge the point is behind (the ray leaves through it).
    own = (obs.building[e] == own_building[p]) & np.all(a == own_start[p], axis=1) & np.all(b == own_end[p], axis=1)
    front = np.einsum("ij,ij->i", P - a, obs.normal[e]) > 1e-9
    keep = front & ~own
    p, e, P, a, b = p[keep], e[keep], P[keep], a[keep], b[keep]
    da, db = a - P, b - P
    dist_a, dist_b = np.hypot(da[:, 0], da[:, 1]), np.hypot(db[:, 0], db[:, 1])
    # Nearest distance from the point to the segment.
    ab = b - a
    t = np.clip(np.einsum("ij,ij->i", -da, ab) / np.maximum(np.einsum("ij,ij->i", ab, ab), 1e-18), 0.0, 1.0)
    near = np.hypot(*(a + ab * t[:, None] - P).T)
    rise = obs.rise[e]
    keep = near < reach[e]
    p, e, da, db, ab, dist_a, dist_b, near, rise = (x[keep] for x in (p, e, da, db, ab, dist_a, dist_b, near, rise))
    # The range of sun angles the edge spans, as seen from the point (angles from grid south, west positive).
    angle_a = _wrap(np.degrees(np.arctan2(da[:, 0], da[:, 1])) - 180.0)
    angle_b = _wrap(np.degrees(np.arctan2(db[:, 0], db[:, 1])) - 180.0)
    low, high = np.minimum(angle_a, angle_b), np.maximum(angle_a, angle_b)
    keep = high - low < 180.0  # spans the north: no winter sun behind it
    p, e, da, ab, dist_a, dist_b, near, rise = (x[keep] for x in (p, e, da, ab, dist_a, dist_b, near, rise))
    # Only the steps that matter to the point.
    i0 = np.maximum(np.searchsorted(sky.angle, low[keep], side="left"), first[p])
    i1 = np.minimum(np.searchsorted(sky.angle, high[keep], side="right"), last[p])
    keep = i1 > i0
    p, e, da, ab, dist_a, dist_b, near, rise, i0, i1 = (
        x[keep] for x in (p, e, da, ab, dist_a, dist_b, near, rise, i0, i1))
    if not len(p):
        return
    tan = np.where(np.isfinite(sky.tan), sky.tan, np.inf)  # below the horizon: blocked anyway, never "lit"
    # Highest and lowest sun over each range: elevation rises to noon and falls after it.
    noon = int(np.argmax(sky.elevation))
    top = np.where((i0 <= noon) & (noon < i1), tan[noon], np.maximum(tan[i0], tan[i1 - 1]))
    bottom = np.minimum(tan[i0], tan[i1 - 1])
    slope_near = rise / np.maximum(near, 1e-9)
    slope_far = rise / np.maximum(np.maximum(dist_a, dist_b), 1e-9)
    useful = slope_near > bottom
    whole = useful & (slope_far > top)
    partial = useful & ~whole
    # The block of rows: edges blocking a whole range counted in a difference table, then summed along the day.
    r0, r1 = int(p.min()), int(p.max()) + 1
    width = steps + 1
    table = np.zeros((r1 - r0) * width, dtype=np.int32)
    np.add.at(table, (p[whole] - r0) * width + i0[whole], 1)
    np.add.at(table, (p[whole] - r0) * width + i1[whole], -1)
    table = table.reshape(r1 - r0, width)
    covered = np.cumsum(table, axis=1, out=table)[:, :steps] > 0
    block = out[r0:r1]
    block |= covered
    if not partial.any():
        return
    # Points dark at every step that matters need no more tests.
    lo, hi = first[r0:r1], last[r0:r1]
    column = np.arange(steps)
    done = np.all(covered | (column[None, :] < lo[:, None]) | (column[None, :] >= hi[:, None]), axis=1)
    partial &= ~done[p - r0]
    flat = block.reshape(-1)
    if partial.any():
        pp, ii0, ii1 = p[partial] - r0, i0[partial], i1[partial]
        pda, pab, prise = da[partial], ab[partial], rise[partial]
        counts = ii1 - ii0
        for lo_, hi_ in _batches(counts):
            c = counts[lo_:hi_]
            pair = np.repeat(np.arange(lo_, hi_), c)
            step = _ranges(ii0[lo_:hi_], c)
            # Steps already dark (a whole range, or an earlier batch) need no test.
            open_ = ~flat[pp[pair] * steps + step]
            pair, step = pair[open_], step[open_]
            d = sky.direction[step]
            # Distance along the ray to the edge's line: s = cross(da, ab) / cross(d, ab).
            cross_d = d[:, 0] * pab[pair, 1] - d[:, 1] * pab[pair, 0]
            cross_a = pda[pair, 0] * pab[pair, 1] - pda[pair, 1] * pab[pair, 0]
            with np.errstate(divide="ignore", invalid="ignore"):
                s = cross_a / cross_d
            hit = (s > 0) & (prise[pair] > s * tan[step])
            flat[pp[pair[hit]] * steps + step[hit]] = True


def _ranges(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Concatenated arange(start, start + count) for each pair."""
    total = int(counts.sum())
    offsets = np.repeat(np.cumsum(counts) - counts, counts)
    return np.arange(total) - offsets + np.repeat(starts, counts)


def _batches(counts: np.ndarray):
    """(lo, hi) slices of `counts` whose sums stay near CHUNK_ELEMENTS."""
    cumulative = np.cumsum(counts)
    lo = 0
    while lo < len(counts):
        base = cumulative[lo - 1] if lo else 0
        hi = int(np.searchsorted(cumulative, base + CHUNK_ELEMENTS, side="right"))
        hi = max(hi, lo + 1)
        yield lo, hi
        lo = hi


def minutes(lit: np.ndarray, step: float, min_continuous: float = 0.0, periods: int = 0) -> np.ndarray:
    """Minutes of sun per row of `lit` (P, T): sunlit runs of at least `min_continuous` minutes, all of them or
    the longest `periods`."""
    n, steps = lit.shape
    if not n:
        return np.zeros(0)
    if min_continuous <= 1e-9 and periods <= 0:  # every run counts: the sunlit steps
        return np.count_nonzero(lit, axis=1) * float(step)
    padded = np.zeros((n, steps + 2), dtype=np.int8)
    padded[:, 1:-1] = lit
    change = np.diff(padded, axis=1)
    sp, st = np.nonzero(change == 1)
    _, en = np.nonzero(change == -1)
    length = (en - st) * step
    keep = length >= min_continuous - 1e-9
    sp, length = sp[keep], length[keep]
    if periods > 0 and len(sp):
        order = np.lexsort((-length, sp))
        sp, length = sp[order], length[order]
        first = np.r_[0, np.flatnonzero(np.diff(sp)) + 1]
        rank = np.arange(len(sp)) - np.repeat(first, np.diff(np.r_[first, len(sp)]))
        sp, length = sp[rank < periods], length[rank < periods]
    return np.bincount(sp, weights=length, minlength=n).astype(float)


# --- the analysis of a scheme --------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class FacadeSunlight:
    start: tuple[float, float]
    end: tuple[float, float]
    facing: float  # degrees clockwise from true north
    min_hours: float
    length_below: float  # m of facade below the standard
    held: bool  # could meet the standard if nothing stood around it: held to it
    min_hours_before: float | None = None  # existing buildings: without the scheme
    length_below_before: float | None = None

    def as_json(self) -> dict[str, Any]:
        out = {"from": list(self.start), "to": list(self.end), "facing": self.facing, "min_hours": self.min_hours,
               "length_below_m": self.length_below, "held": self.held}
        if self.min_hours_before is not None:
            out["min_hours_before"] = self.min_hours_before
            out["length_below_m_before"] = self.length_below_before
        return out


@dataclass(frozen=True, slots=True)
class BuildingSunlight:
    building: str
    existing: bool
    use: str | None
    standard: Standard
    facades: tuple[FacadeSunlight, ...]

    def as_json(self) -> dict[str, Any]:
        return {"building": self.building, "existing": self.existing, "use": self.use,
                "standard": self.standard.as_json(), "facades": [f.as_json() for f in self.facades]}


@dataclass(frozen=True, slots=True)
class SunlightResult:
    settings: SunlightSettings
    longitude: float
    latitude: float
    north: float  # grid azimuth of true north, degrees
    buildings: tuple[BuildingSunlight, ...]
    points: int = 0
    steps: int = 0
    #: Per sampling point, for drawing: x, y, hours, and the index of its entry in `buildings`.
    point_xy: np.ndarray = field(default_factory=lambda: np.zeros((0, 2)), repr=False)
    point_hours: np.ndarray = field(default_factory=lambda: np.zeros(0), repr=False)
    point_building: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64), repr=False)

    def as_json(self) -> dict[str, Any]:
        return {**self.settings.as_json(), "longitude": self.longitude, "latitude": self.latitude,
                "true_north": self.north, "points": self.points, "steps": self.steps}


def analyse(scheme: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
            existing: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None,
            config: SunlightSettings, crs: CRS | None, *, latitude: float | None = None, north: float = 0.0,
            threads: int = 2) -> tuple[SunlightResult, list[Violation]]:
    """Hours along every facade of every building that needs sun, and the findings.

    `scheme` and `existing`: (ids, footprints, heights, uses) in the working CRS. `latitude` and `north` (the grid
    azimuth of true north) stand in for a CRS in tests; otherwise they come from `crs` at the buildings' centre.
    """
    ids, geom, heights, uses = (np.asarray(x) for x in scheme)
    if existing is not None:
        e_ids, e_geom, e_heights, e_uses = (np.asarray(x) for x in existing)
    else:
        e_ids = e_uses = np.zeros(0, dtype=object)
        e_geom = np.zeros(0, dtype=object)
        e_heights = np.zeros(0)
    all_geom = np.concatenate([geom.astype(object), e_geom.astype(object)])
    all_heights = np.concatenate([heights.astype(float), e_heights.astype(float)])
    is_existing = np.r_[np.zeros(len(geom), bool), np.ones(len(e_geom), bool)]
    all_ids = np.concatenate([ids.astype(object), e_ids.astype(object)])
    all_uses = np.concatenate([uses.astype(object), e_uses.astype(object)])
    longitude = math.nan
    if latitude is None:
        x0, y0, x1, y1 = shapely.total_bounds(all_geom)
        longitude, latitude, north = true_north(crs, (x0 + x1) / 2, (y0 + y1) / 2)
    kinds = [sun_type(u) for u in all_uses.tolist()]
    needs = np.array([k is not None for k in kinds], dtype=bool)
    if is_existing.any() and (~is_existing).any():
        # An existing home beyond the reach of every scheme building's shadow keeps the hours it has: only those
        # within reach are analysed (the others still cast shadows).
        lowest = min(float(np.min(np.tan(np.radians(np.clip(
            Sky.of(latitude, north, st.day, st.band, config.step_minutes).elevation, 0.5, 90)))))
            for st in {config.standard(k) for k in set(kinds) if k is not None})
        rise = np.nan_to_num(all_heights[~is_existing] - config.height, nan=0.0).clip(0)
        tree = shapely.STRtree(all_geom[is_existing])
        _, near = tree.query(all_geom[~is_existing], predicate="dwithin", distance=rise / lowest)
        within = np.zeros(len(all_geom), dtype=bool)
        within[np.flatnonzero(is_existing)[near]] = True
        needs &= ~is_existing | within
    receivers = np.flatnonzero(needs)
    if not len(receivers):
        return SunlightResult(config, float(longitude), float(latitude), float(north), ()), []
    facades = sample(all_geom[receivers], config.spacing)
    point_building = receivers[facades.building[facades.point_edge]]  # index into all buildings
    plane = config.height
    everything = Obstacles.of(all_geom, all_heights, plane)
    existing_only = everything.only(is_existing[everything.building]) if is_existing.any() else None
    scheme_only = everything.only(~is_existing[everything.building])
    standards = {kind: config.standard(kind) for kind in set(k for k in kinds if k is not None)}
    point_kind = np.array([kinds[b] for b in point_building.tolist()], dtype=object)
    hours_after = np.zeros(len(facades.points))
    hours_before = np.full(len(facades.points), np.nan)
    hours_free = np.zeros(len(facades.points))
    steps = 0
    own_start, own_end = facades.start[facades.point_edge], facades.end[facades.point_edge]
    for kind, standard in standards.items():
        rows = np.flatnonzero(point_kind == kind)
        sky = Sky.of(latitude, north, standard.day, standard.band, config.step_minutes)
        steps = max(steps, len(sky.tan))
        # Every point of an edge faces the same way: worked per edge.
        front = possible(facades.normal, sky, config.sweep_angle)[facades.point_edge[rows]]
        where = (facades.points[rows], point_building[rows], own_start[rows], own_end[rows])
        # Existing and scheme obstacles apart: with the scheme is either, without it the existing alone.
        shade = blocked(*where, scheme_only, sky, threads, front=front)
        shade_before = (blocked(*where, existing_only, sky, threads, front=front) if existing_only is not None
                        else None)
        if shade_before is not None:
            shade |= shade_before
        count = dict(step=config.step_minutes, min_continuous=config.min_continuous.get(standard.day, 0.0),
                     periods=1 if config.counting == "longest" else config.periods)
        hours_free[rows] = minutes(front, **count) / 60.0
        hours_after[rows] = minutes(front & ~shade, **count) / 60.0
        old = is_existing[point_building[rows]]
        if old.any():
            lit_before = front[old] if shade_before is None else front[old] & ~shade_before[old]
            hours_before[rows[old]] = minutes(lit_before, **count) / 60.0
    result, found = _collect(config, facades, receivers, point_building, all_ids, all_uses, is_existing, kinds,
                             standards, hours_after, hours_before, hours_free, north)
    return SunlightResult(config, float(longitude), float(latitude), float(north), result, len(facades.points),
                          steps, facades.points, hours_after, np.searchsorted(receivers, point_building)), found


def _collect(config, facades, receivers, point_building, all_ids, all_uses, is_existing, kinds, standards,
             hours_after, hours_before, hours_free, north):
    eps = 1e-9
    tolerance = config.tolerance_minutes / 60.0 + eps
    entries, found = [], []
    edge_of_point = facades.point_edge
    face = facing(facades.normal, north)
    lo, hi = config.held_facing
    main = ((face - lo) % 360.0 <= (hi - lo) % 360.0)[edge_of_point]  # per point: on a main facade
    for k, b in enumerate(receivers.tolist()):
        standard = standards[kinds[b]]
        need = standard.hours - eps
        edges = np.flatnonzero(facades.building == k)
        rows = np.flatnonzero(point_building == b)
        old = bool(is_existing[b])
        facade_list = []
        for edge in edges.tolist():
            here = rows[edge_of_point[rows] == edge]
            after, free, piece = hours_after[here], hours_free[here], facades.piece[here]
            could = (free >= need) & main[here]
            held = bool(np.any(could))
            below = float(piece[(after < need) & could].sum())
            before = hours_before[here] if old else None
            facade_list.append(FacadeSunlight(
                tuple(map(float, facades.start[edge])), tuple(map(float, facades.end[edge])), float(face[edge]),
                float(after.min()) if len(after) else 0.0, below, held,
                float(before.min()) if old and len(before) else None,
                float(piece[(before < need) & could].sum()) if old else None))
        entry = BuildingSunlight(str(all_ids[b]), old, None if all_uses[b] is None else str(all_uses[b]), standard,
                                 tuple(facade_list))
        entries.append(entry)
        after, free, piece = hours_after[rows], hours_free[rows], facades.piece[rows]
        held = (free >= need) & main[rows]
        if not old:
            short = held & (after < need)
            if short.any():
                found.append(_finding("sunlight", entry, rows[short], after[short], piece[short], standard,
                                      edge_of_point, facades, face))
            continue
        if config.existing_rule == "none":
            continue
        before = hours_before[rows]
        pushed = held & (before >= need) & (after < need)
        worse = (before < need) & (after < before - tolerance) & main[rows]
        if config.existing_rule == "below_only":
            worse = np.zeros_like(worse)
        hit = pushed | worse
        if hit.any():
            found.append(_finding("sunlight_impact", entry, rows[hit], after[hit], piece[hit], standard,
                                  edge_of_point, facades, face, before=before[hit], pushed=int(pushed.sum()),
                                  worse=int(worse.sum())))
    return tuple(entries), found


def _finding(rule: str, entry: BuildingSunlight, rows: np.ndarray, after: np.ndarray, piece: np.ndarray,
             standard: Standard, edge_of_point: np.ndarray, facades: Facades, face: np.ndarray,
             before: np.ndarray | None = None, pushed: int = 0, worse: int = 0) -> Violation:
    worst = int(np.argmin(after))
    edge = int(edge_of_point[rows[worst]])
    details: dict[str, Any] = {
        "standard_hours": standard.hours, "day": standard.day, "type": standard.type, "band": list(standard.band),
        "length": float(piece.sum()), "facing": float(face[edge]),
        "edges": sorted({int(edge_of_point[r]) for r in rows.tolist()}),
        "point": [float(v) for v in facades.points[rows[worst]]],
    }
    if before is not None:
        details.update(before=float(before[worst]), lost=float(np.max(before - after)), pushed=pushed, worse=worse)
    return Violation(rule, None, entry.building, actual=float(after[worst]), limit=standard.hours,
                     details=details)


# --- a check's result with sunlight -------------------------------------------------------------------------

def needs_sunlight(buildings, existing=None) -> bool:
    """Whether sunlight matters to a check: the scheme has a building that needs sun, or existing buildings were
    given (an office tower can still take a neighbour's sun)."""
    return existing is not None or any(sun_type(u) is not None for u in buildings.use.tolist())


def apply(result: CheckResult, buildings, existing=None, config: SunlightSettings | None = None,
          threads: int = 2) -> CheckResult:
    """`result` with sunlight analysed (`sunlight`, its findings, its warnings); without settings, `result` as it
    is (sunlight None: not checked, which every output says: needs_sunlight tells where it matters)."""
    from planner.io.crs import reproject

    if config is None:  # the outputs say it was not checked (planner.cli, serialise: "sunlight_settings": null)
        return result
    geometry = result.geometry
    crs = geometry.crs if geometry is not None else buildings.crs
    footprints = geometry.buildings if geometry is not None else buildings.geometry
    warnings: list[CheckWarning] = []
    scheme = (buildings.ids, footprints, buildings.height, buildings.use)
    ext = None
    if existing is not None:
        e_geom = existing.geometry
        if existing.crs is not None and crs is not None and not existing.crs.equals(crs, ignore_axis_order=True):
            e_geom = reproject(e_geom, existing.crs, crs)
        ext = (existing.ids, e_geom, existing.height, existing.use)
        source = {"path": Path(existing.info.path).name, "layer": existing.info.layer}
        warnings += [CheckWarning("sunlight_no_height", None, str(i), {**source, "existing": True})
                     for i in existing.ids[np.isnan(existing.height)].tolist()]
        warnings += list(existing.warnings)
    if crs is None:
        warning = CheckWarning("sunlight_no_location", None, None, {})
        return replace(result, warnings=result.warnings + tuple(warnings) + (warning,))
    source = {"path": Path(buildings.info.path).name, "layer": buildings.info.layer}
    warnings += [CheckWarning("sunlight_no_height", None, str(i), {**source, "existing": False})
                 for i in buildings.ids[np.isnan(buildings.height)].tolist()]
    sun, found = analyse(scheme, ext, config, crs, threads=threads)
    return replace(result, violations=result.violations + tuple(found),
                   warnings=result.warnings + tuple(warnings), sunlight=sun)
