"""Intersections of convex polygons with convex polygons, in bulk in numpy.

Why: shapely.intersection runs a whole GEOS overlay for each pair, about 12 µs even for two rectangles, and a city
has some 40,000 buildings straddling parcel lines. Most footprints and parcels are convex, and a convex polygon
cut by a convex one is Sutherland–Hodgman: cut by the half-plane of each clip edge in turn. numpy does each cut
for all pairs at once, on vertex arrays padded to the longest ring.

Exactness: each pair is worked relative to its clip's first vertex (for nearby coordinates the differences are
exact, so nothing is lost at 4,400,000 m northings), and each side test carries its rounding bound (Shewchuk's
orient2d filter). A pair with a vertex so near a clip line that its side is in doubt is left to GEOS, and so is
one where an edge crosses a clip line at so shallow an angle that the crossing point could be off by more than a
thousandth of the coordinates' rounding step (where GEOS and this code could round it apart).
"""

from __future__ import annotations

import numpy as np
import shapely

from planner.parallel import indexed_in_slices

#: Shewchuk's ccwerrboundA: a 2x2 determinant whose magnitude exceeds this times the sum of its products' magnitudes
#: has the sign of the exact one.
ERROR_BOUND = (3.0 + 16.0 * 2.0**-53) * 2.0**-53


def is_convex(geometry: np.ndarray) -> np.ndarray:
    """True for each single Polygon without holes whose exterior ring is convex and encloses an area.

    Repeated vertices are ignored, and so are straight ones (or ones whose turn is lost in rounding); a ring that
    doubles back on itself or winds around twice is not convex.
    """
    geometry = np.asarray(geometry, dtype=object)
    polygons = (shapely.get_type_id(geometry) == shapely.GeometryType.POLYGON) & ~shapely.is_empty(geometry)
    polygons &= shapely.get_num_interior_rings(geometry) == 0
    coords, ring = indexed_in_slices(shapely.get_coordinates, geometry)  # of the others too: cheaper than picking
    convex = polygons & _convex_rings(coords, ring, len(geometry))
    return convex


def _convex_rings(coords: np.ndarray, ring: np.ndarray, n: int) -> np.ndarray:
    """is_convex for `n` closed rings given as coordinates with the ring of each."""
    dx, dy = np.diff(coords[:, 0]), np.diff(coords[:, 1])
    real = (ring[1:] == ring[:-1]) & ((dx != 0) | (dy != 0))  # edges within a ring, not of repeated vertices
    dx, dy, owner = dx[real], dy[real], ring[1:][real]
    edges = np.bincount(owner, minlength=n)
    following = np.arange(1, len(owner) + 1)
    ends = np.cumsum(edges)[edges > 0]
    following[ends - 1] = ends - edges[edges > 0]  # a ring's last edge is followed by its first
    next_dx, next_dy = dx[following], dy[following]
    first, second = dx * next_dy, dy * next_dx
    turn = first - second
    turn[np.abs(turn) <= ERROR_BOUND * (np.abs(first) + np.abs(second))] = 0.0  # straight, or lost in rounding
    angle = np.arctan2(turn, dx * next_dx + dy * next_dy)
    left = np.bincount(owner, weights=turn > 0, minlength=n)
    right = np.bincount(owner, weights=turn < 0, minlength=n)
    back = np.bincount(owner, weights=np.abs(angle) == np.pi, minlength=n)  # straight but reversed: a spike
    winding = np.bincount(owner, weights=angle, minlength=n)  # ±2π for a simple ring, ±4π for a star ...
    return ((left == 0) | (right == 0)) & (back == 0) & (edges >= 3) & (np.abs(np.abs(winding) - 2 * np.pi) < 1e-6)


def clip_convex(subjects: np.ndarray, clips: np.ndarray) -> np.ndarray:
    """shapely.intersection(subjects, clips) for pairs of convex polygons (is_convex), in bulk.

    Pieces without area come out empty. Vertices of a subject that stay are kept exactly; the others are where its
    edges cross the clip's, computed from the edges' lower ends, so neighbours sharing an edge get the same points.
    """
    n = len(subjects)
    sx, sy, count = _vertices(subjects)
    cx, cy, corners = _vertices(clips)
    ox, oy = cx[:, :1].copy(), cy[:, :1].copy()
    sx, sy, cx, cy = sx - ox, sy - oy, cx - ox, cy - oy
    turn = np.sign(_twice_area(cx, cy, corners))  # the clip's orientation: its inside is on this side of each edge
    # A crossing point off by less than a thousandth of the coordinates' rounding step rounds as GEOS's does.
    tolerance = 1e-3 * np.spacing(np.maximum(np.maximum(np.abs(ox[:, 0]), np.abs(oy[:, 0])), 1e5))
    # Clips with the most edges first: the cut by edge j concerns only a prefix of the rows.
    order = np.argsort(-corners, kind="stable")
    sx, sy, count, cx, cy, corners, turn, tolerance = (
        a[order] for a in (sx, sy, count, cx, cy, corners, turn, tolerance))
    doubt = np.zeros(n, dtype=bool)
    for j in range(int(corners.max(initial=0))):
        m = np.count_nonzero(corners > j)
        k = np.where(j + 1 < corners[:m], j + 1, 0)
        side, error = _side(sx[:m], sy[:m], cx[:m, j], cy[:m, j], cx[np.arange(m), k], cy[np.arange(m), k],
                            turn[:m])
        valid = np.arange(sx.shape[1]) < count[:m, None]
        doubt[:m] |= np.any((np.abs(side) <= error) & (side != 0) & valid, axis=1)
        cut = np.flatnonzero(np.any((side < 0) & valid, axis=1))  # the others lie wholly inside this half-plane
        x, y, count[cut], shallow = _cut(sx[cut], sy[cut], count[cut], side[cut], error[cut], tolerance[cut])
        doubt[cut[shallow]] = True
        if x.shape[1] > sx.shape[1]:
            sx, sy = _widen(sx, x.shape[1]), _widen(sy, x.shape[1])
        sx[cut, :x.shape[1]], sy[cut, :x.shape[1]] = x, y
    back = np.empty(n, dtype=np.intp)
    back[order] = np.arange(n)
    sx, sy, count, doubt = sx[back], sy[back], count[back], doubt[back]
    pieces = _polygons(sx + ox, sy + oy, count)
    pieces[shapely.area(pieces) == 0] = shapely.Polygon()  # collapsed onto a line or a point (once rounded)
    if doubt.any():
        exact = shapely.intersection(subjects[doubt], clips[doubt])
        exact[shapely.area(exact) == 0] = shapely.Polygon()  # a point or a line where they touch
        pieces[doubt] = exact
    return pieces


def _vertices(polygons: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """x and y of each polygon's exterior ring without the closing point, padded to the longest ring, and the
    number of vertices of each."""
    coords, index = indexed_in_slices(shapely.get_coordinates, polygons)
    size = np.bincount(index, minlength=len(polygons))
    if len(size) and (size == size[0]).all():  # all rings alike (rectangles ...): no padding to do
        x, y = coords[:, 0].reshape(len(size), size[0]), coords[:, 1].reshape(len(size), size[0])
        return x[:, :-1], y[:, :-1], size - 1
    column = np.arange(len(index)) - (np.cumsum(size) - size)[index]
    count = np.maximum(size - 1, 0)
    keep = column < count[index]
    x, y = np.zeros((2, len(polygons), int(count.max(initial=0))))
    x[index[keep], column[keep]] = coords[keep, 0]
    y[index[keep], column[keep]] = coords[keep, 1]
    return x, y, count


def _widen(a: np.ndarray, width: int) -> np.ndarray:
    return np.concatenate([a, np.zeros((len(a), width - a.shape[1]))], axis=1)


def _twice_area(x: np.ndarray, y: np.ndarray, count: np.ndarray) -> np.ndarray:
    """Twice the signed area (counter-clockwise positive) of each row's first `count` vertices, as GEOS sums it:
    Σ x_k (y_k+1 - y_k-1), exactly 0 for points on a horizontal or vertical line."""
    before_y, after_y = _previous(y, count), _next(y, count)
    valid = np.arange(x.shape[1]) < count[:, None]
    return np.sum(np.where(valid, x * (after_y - before_y), 0.0), axis=1)


def _previous(a: np.ndarray, count: np.ndarray) -> np.ndarray:
    """Each row's vertex before each vertex (the first's is the last, number count - 1)."""
    last = np.take_along_axis(a, np.maximum(count - 1, 0)[:, None], axis=1)
    return np.concatenate([last, a[:, :-1]], axis=1)


def _next(a: np.ndarray, count: np.ndarray) -> np.ndarray:
    """Each row's vertex after each vertex (the last's, number count - 1, is the first)."""
    after = np.concatenate([a[:, 1:], a[:, :1]], axis=1)
    if a.shape[1]:
        rows = np.flatnonzero(count > 0)
        after[rows, count[rows] - 1] = a[rows, 0]
    return after


def _side(x: np.ndarray, y: np.ndarray, ax: np.ndarray, ay: np.ndarray, bx: np.ndarray, by: np.ndarray,
          turn: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """How far inside the line a→b (times its length) each vertex lies, inside being the `turn` side (1: left),
    and the rounding error bound of that value.

    The line is taken from its lower end whichever way it runs, so two parcels sharing an edge see one value (of
    opposite signs) and cut a building crossing it at the same point.
    """
    flip = (bx < ax) | ((bx == ax) & (by < ay))
    lx, ly = np.where(flip, bx, ax)[:, None], np.where(flip, by, ay)[:, None]
    dx, dy = (np.where(flip, ax, bx) - lx[:, 0])[:, None], (np.where(flip, ay, by) - ly[:, 0])[:, None]
    first, second = dx * (y - ly), dy * (x - lx)
    side = first - second
    return side * np.where(flip, -turn, turn)[:, None], ERROR_BOUND * (np.abs(first) + np.abs(second))


def _cut(x: np.ndarray, y: np.ndarray, count: np.ndarray, side: np.ndarray, error: np.ndarray,
         tolerance: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """One Sutherland–Hodgman step: each row's polygon (its first `count` vertices) cut by a line, given how far
    inside it each vertex lies and that value's error bound (_side). Returns the new vertices (padded), their count,
    and the rows where a crossing point may be off by more than `tolerance`.

    Each vertex gives the point where its incoming edge crosses the line (if it strictly does), then itself (if
    inside or on the line).
    """
    m, w = x.shape
    valid = np.arange(w) < count[:, None]
    px, py, before = _previous(x, count), _previous(y, count), _previous(side, count)
    before_error = _previous(error, count)
    crossing = (((before < 0) & (side > 0)) | ((before > 0) & (side < 0))) & valid
    # From the edge's lower end, so that an edge shared by two buildings is cut at one point for both.
    flip = (px > x) | ((px == x) & (py > y))
    sx, sy, ex, ey = np.where(flip, x, px), np.where(flip, y, py), np.where(flip, px, x), np.where(flip, py, y)
    start, end = np.where(flip, side, before), np.where(flip, before, side)
    with np.errstate(invalid="ignore", divide="ignore"):  # where the edge does not cross: not kept
        t = start / (start - end)
        vx = np.stack([sx + t * (ex - sx), x], axis=2).reshape(m, 2 * w)
        vy = np.stack([sy + t * (ey - sy), y], axis=2).reshape(m, 2 * w)
        # t is off by up to (error + before_error) / |start - end|: the point by that times the edge's length.
        off = (error + before_error) / np.abs(start - end) * np.maximum(np.abs(ex - sx), np.abs(ey - sy)) * 2
    shallow = np.any(crossing & (off > tolerance[:, None]), axis=1)
    keep = np.stack([crossing, (side >= 0) & valid], axis=2).reshape(m, 2 * w)
    new_count = np.count_nonzero(keep, axis=1)
    rows, columns = np.nonzero(keep)
    slot = np.arange(len(rows)) - (np.cumsum(new_count) - new_count)[rows]
    out_x, out_y = np.zeros((2, m, int(new_count.max(initial=0))))
    out_x[rows, slot], out_y[rows, slot] = vx[rows, columns], vy[rows, columns]
    return out_x, out_y, new_count, shallow


def _polygons(x: np.ndarray, y: np.ndarray, count: np.ndarray) -> np.ndarray:
    """Polygons of each row's first `count` vertices (closed here), empty where fewer than 3."""
    n, w = x.shape
    count = np.where(count >= 3, count, 0)
    ring = np.arange(w + 1) < np.where(count > 0, count + 1, 0)[:, None]
    closed_x, closed_y = np.concatenate([x, x[:, :1]], axis=1), np.concatenate([y, y[:, :1]], axis=1)
    rows = np.flatnonzero(count)
    closed_x[rows, count[rows]], closed_y[rows, count[rows]] = x[rows, 0], y[rows, 0]
    coords = np.column_stack([closed_x[ring], closed_y[ring]])
    rings = count > 0
    ring_offsets = np.concatenate([[0], np.cumsum(count[rings] + 1)])
    geometry_offsets = np.concatenate([[0], np.cumsum(rings)])
    return shapely.from_ragged_array(shapely.GeometryType.POLYGON, coords, (ring_offsets, geometry_offsets))
