"""The numpy clipper of convex polygons (planner.checking.clip) against GEOS, and the engine's routing of pairs to it."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from planner.checking.clip import clip_convex, is_convex
from planner.checking.engine import overlay

# Local coordinates, and projected ones as in CGCS2000 Gauss-Krüger, without and with the zone number.
ORIGINS = [(0.0, 0.0), (-250.0, 130.0), (500000.0, 4400000.0), (39500000.0, 4400000.0)]
SIZES = [1e-3, 1.0, 30.0, 400.0]


def square(x0: float, y0: float, size: float) -> shapely.Polygon:
    return shapely.box(x0, y0, x0 + size, y0 + size)


# --- is_convex ---------------------------------------------------------------------------------------------------

def test_is_convex_shapes():
    l_shape = shapely.Polygon([(0, 0), (2, 0), (2, 1), (1, 1), (1, 2), (0, 2)])
    with_hole = shapely.Polygon([(0, 0), (4, 0), (4, 4), (0, 4)], [[(1, 1), (2, 1), (2, 2), (1, 2)]])
    cases = {
        "square": (square(0, 0, 1), True),
        "square clockwise": (shapely.reverse(square(0, 0, 1)), True),
        "triangle": (shapely.Polygon([(0, 0), (1, 0), (0, 1)]), True),
        "square at GK coordinates": (square(500000.5, 4400000.25, 12.0), True),
        "L shape": (l_shape, False),
        "L shape clockwise": (shapely.reverse(l_shape), False),
        "hole": (with_hole, False),
        "multipolygon": (shapely.MultiPolygon([square(0, 0, 1), square(3, 0, 1)]), False),
        "multipolygon of one": (shapely.MultiPolygon([square(0, 0, 1)]), False),
        "collinear points": (shapely.Polygon([(0, 0), (1, 0), (2, 0), (2, 1), (2, 2), (0, 2), (0, 1)]), True),
        "repeated points": (shapely.Polygon([(0, 0), (0, 0), (1, 0), (1, 1), (1, 1), (1, 1), (0, 1), (0, 0)]), True),
        "start on a straight vertex": (shapely.Polygon([(1, 0), (2, 0), (2, 2), (0, 2), (0, 0)]), True),
        "dent of one millimetre": (shapely.Polygon([(0, 0), (50, 0.001), (100, 0), (100, 100), (0, 100)]), False),
        "bump of one millimetre": (shapely.Polygon([(0, 0), (50, -0.001), (100, 0), (100, 100), (0, 100)]), True),
        "spike": (shapely.Polygon([(0, 0), (2, 0), (3, 0), (2, 0), (2, 2), (0, 2)]), False),
        "bow tie": (shapely.Polygon([(0, 0), (1, 1), (1, 0), (0, 1)]), False),
        "pentagram": (shapely.Polygon([(np.cos(a), np.sin(a)) for a in np.arange(5) * 4 * np.pi / 5]), False),
        "all on a line": (shapely.Polygon([(0, 0), (1, 1), (2, 2), (0, 0)]), False),
        "empty": (shapely.Polygon(), False),
        "line": (shapely.LineString([(0, 0), (1, 0), (1, 1)]), False),
        "point": (shapely.Point(0, 0), False),
        "none": (None, False),
    }
    got = is_convex(np.array([g for g, _ in cases.values()], dtype=object))
    assert dict(zip(cases, got.tolist())) == {name: want for name, (_, want) in cases.items()}


def test_is_convex_of_no_geometry():
    assert is_convex(np.array([], dtype=object)).shape == (0,)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.floats(-1, 1), st.floats(-1, 1)), min_size=3, max_size=30),
       st.sampled_from(ORIGINS), st.sampled_from(SIZES), st.booleans())
def test_is_convex_of_hulls_and_their_dents(points, origin, size, clockwise):
    hull = shapely.convex_hull(shapely.MultiPoint([(origin[0] + x * size, origin[1] + y * size) for x, y in points]))
    assume(isinstance(hull, shapely.Polygon) and hull.area > 1e-6 * size * size)
    if clockwise:
        hull = shapely.reverse(hull)
    ring = shapely.get_coordinates(hull)[:-1]
    # A vertex pulled in to the centre of the hull makes it concave.
    centre = shapely.get_coordinates(hull.centroid)[0]
    dented = shapely.Polygon(np.vstack([ring[:1], [centre], ring[1:]]))
    assert is_convex(np.array([hull, dented])).tolist() == [True, False]


# --- clip_convex against GEOS ------------------------------------------------------------------------------------

@st.composite
def convex_polygons(draw, origin, size):
    """A convex polygon near `origin`: the hull of random points, in either orientation, starting anywhere, with
    repeated and straight (collinear) vertices sometimes."""
    points = draw(st.lists(st.tuples(st.floats(-1, 1), st.floats(-1, 1)), min_size=3, max_size=12))
    dx, dy = draw(st.floats(-1, 1)), draw(st.floats(-1, 1))
    coords = np.array(points) * size + [origin[0] + dx * size, origin[1] + dy * size]
    hull = shapely.convex_hull(shapely.MultiPoint(coords))
    assume(isinstance(hull, shapely.Polygon) and hull.area > 0)
    return draw(variants(hull))


@st.composite
def variants(draw, polygon):
    """The same polygon, maybe reversed, starting at another vertex, with a vertex repeated or a straight one."""
    ring = shapely.get_coordinates(polygon)[:-1]
    if draw(st.booleans()):
        ring = ring[::-1]
    ring = np.roll(ring, draw(st.integers(0, len(ring) - 1)), axis=0)
    change = draw(st.sampled_from(["none", "repeat", "straight", "straight axis"]))
    k = draw(st.integers(0, len(ring) - 1))
    if change == "repeat":
        ring = np.insert(ring, k, ring[k], axis=0)
    elif change == "straight":  # the midpoint of an edge: straight, or a hair off it after rounding
        ring = np.insert(ring, k + 1, (ring[k] + ring[(k + 1) % len(ring)]) / 2, axis=0)
    elif change == "straight axis":  # exactly straight: a point on an axis-parallel edge of the bounding box
        x0, y0, x1, y1 = shapely.bounds(polygon)
        box = shapely.get_coordinates(shapely.box(x0, y0, x1, y1))
        return draw(st.sampled_from([shapely.Polygon(np.insert(box, 1, [(x0 + x1) / 2, y0], axis=0)),
                                     shapely.Polygon(box[::-1])]))
    return shapely.Polygon(ring)


@st.composite
def pairs(draw):
    """(subject, clip) in one of the configurations that matter: overlapping at random, disjoint, one inside the
    other, identical, sharing an edge, touching at a vertex, a thin sliver across the other."""
    origin = draw(st.sampled_from(ORIGINS))
    # Not millimetres at GK coordinates: their rounding step (1 to 7 nm) is 1e-5 of such a polygon, where GEOS
    # itself is off by more than the tolerances (it collapses slivers of 1e-8 m² there to lines).
    size = draw(st.sampled_from(SIZES if max(origin) < 1e5 else SIZES[1:]))
    kind = draw(st.sampled_from(["random", "disjoint", "inside", "identical", "halves", "half", "vertex", "sliver"]))
    a = draw(convex_polygons(origin, size))
    if kind == "random":
        b = draw(convex_polygons(origin, size * draw(st.sampled_from([0.1, 1.0, 3.0]))))
    elif kind == "disjoint":
        x0, y0, x1, y1 = shapely.bounds(a)
        b = square(x1 + size * draw(st.floats(0.01, 1)), y0, size)
    elif kind == "inside":
        b = draw(variants(shapely.affinity.scale(a, 0.5, 0.5)))
    elif kind == "identical":
        b = draw(variants(a))
    elif kind in ("halves", "half"):
        # Split along a diagonal: two convex polygons sharing an edge exactly.
        ring = shapely.get_coordinates(shapely.normalize(a))[:-1]
        assume(len(ring) >= 4)
        i = draw(st.integers(2, len(ring) - 2))
        first, second = shapely.Polygon(ring[:i + 1]), shapely.Polygon(np.vstack([ring[i:], ring[:1]]))
        assume(first.area > 0 and second.area > 0)
        a, b = (first, second) if kind == "halves" else (a, first)
        a, b = draw(variants(a)), draw(variants(b))
    elif kind == "vertex":
        # b has a's rightmost vertex and lies right of it.
        ring = shapely.get_coordinates(a)[:-1]
        v = ring[np.argmax(ring[:, 0])]
        b = shapely.Polygon([v, v + [size, -size / 3], v + [size, size / 2]])
    else:
        x0, y0, x1, y1 = shapely.bounds(a)
        width = draw(st.sampled_from([1e-7, 1e-5, 1e-3]))
        y = y0 + (y1 - y0) * draw(st.floats(0, 1))
        angle = draw(st.floats(-0.5, 0.5))
        b = shapely.affinity.rotate(shapely.box(x0 - size, y, x1 + size, y + width * size), angle, use_radians=True)
    if draw(st.booleans()):
        a, b = b, a
    return a, b


def assert_matches_geos(subjects: np.ndarray, clips: np.ndarray) -> None:
    assert is_convex(subjects).all() and is_convex(clips).all()
    ours, theirs = clip_convex(subjects, clips), shapely.intersection(subjects, clips)
    ours_area, their_area = shapely.area(ours), shapely.area(theirs)
    assert np.all(np.abs(ours_area - their_area) <= np.maximum(1e-9 * their_area, 1e-9))
    assert shapely.is_empty(ours[ours_area == 0]).all()  # no piece of no area
    assert shapely.is_valid(ours).all()
    # Where a crossing point falls exactly halfway between two doubles (a tie), GEOS and numpy may round it apart:
    # one rounding step at each vertex is allowed besides, which matters only for slivers at GK coordinates.
    step = np.spacing(np.abs(shapely.bounds(subjects)).max(axis=1))
    apart = shapely.area(shapely.symmetric_difference(ours, theirs))
    assert np.all(apart <= 1e-6 * shapely.area(subjects) + step * shapely.length(subjects))


@settings(max_examples=250, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(st.lists(pairs(), min_size=1, max_size=12))
def test_clip_convex_equals_geos(batch):
    subjects = np.array([a for a, _ in batch], dtype=object)
    clips = np.array([b for _, b in batch], dtype=object)
    assume(is_convex(subjects).all() and is_convex(clips).all())  # a straight vertex can round to a dent
    assert_matches_geos(subjects, clips)


def test_clip_convex_cases():
    big = square(0, 0, 10)
    cases = [
        (big, square(5, 5, 10), 25.0),  # corner overlap
        (big, square(10, 0, 10), 0.0),  # shared edge
        (big, square(10, 10, 10), 0.0),  # shared vertex
        (big, square(20, 0, 10), 0.0),  # apart
        (big, square(2, 2, 3), 9.0),  # inside
        (square(2, 2, 3), big, 9.0),  # around
        (big, shapely.reverse(big), 100.0),  # identical, the other way round
        (big, shapely.Polygon([(5, -5), (15, 5), (5, 15), (-5, 5)]), 100.0),  # a diamond with its corners
        (shapely.Polygon([(0, 0), (10, 0), (5, 8)]), shapely.box(0, 0, 10, 4), 30.0),  # a triangle's lower half
    ]
    subjects = np.array([s for s, _c, _a in cases], dtype=object)
    clips = np.array([c for _s, c, _a in cases], dtype=object)
    assert_matches_geos(subjects, clips)
    assert np.allclose(shapely.area(clip_convex(subjects, clips)), [a for _s, _c, a in cases], rtol=1e-12)


def test_clip_convex_mixes_clips_of_many_and_few_edges():
    rng = np.random.default_rng(1)
    angles = [np.sort(rng.uniform(0, 2 * np.pi, k)) for k in rng.integers(3, 40, 300)]
    centres = rng.uniform(0, 50, (300, 2)) + [500000.0, 4400000.0]
    clips = np.array([shapely.Polygon(c + 20 * np.column_stack([np.cos(a), np.sin(a)])) for c, a in
                      zip(centres, angles)], dtype=object)
    subjects = shapely.box(*(centres.T - rng.uniform(0, 30, (2, 300))), *(centres.T + rng.uniform(0, 30, (2, 300))))
    assert_matches_geos(subjects, clips)


def test_clip_convex_leaves_vertices_in_doubt_to_geos(monkeypatch):
    # Vertices of the subjects within rounding of the clip's edge: their side decides whether a sliver is left.
    a, b = np.array([0.1, 0.3]), np.array([37.7, 21.9])
    on_edge = a + 0.37 * (b - a)
    clip = shapely.Polygon([a, b, b + [-30, 40], a + [-30, 40]])
    subjects = np.array([shapely.Polygon([on_edge, on_edge + [5, -20], on_edge + [15, -5]]),  # outside
                         shapely.Polygon([on_edge, on_edge + [5, 20], on_edge + [-5, 15]])])  # inside
    clips = np.array([clip, clip])
    asked = []
    intersection = shapely.intersection
    monkeypatch.setattr(shapely, "intersection", lambda *args: asked.append(args) or intersection(*args))
    ours = clip_convex(subjects, clips)
    assert len(asked) == 1 and len(asked[0][0]) == 2
    monkeypatch.undo()
    assert shapely.is_empty(ours[0]) and shapely.equals(ours[1], subjects[1])
    assert_matches_geos(subjects, clips)


def test_clip_convex_drops_slivers_that_collapse_when_rounded():
    # Inside by a tenth of the rounding step of GK coordinates: the cut points round onto the vertex.
    a, b = np.array([500000.1, 4400000.3]), np.array([500037.7, 4400021.9])
    on_edge = a + 0.37 * (b - a)
    clip = shapely.Polygon([a, b, b + [-30, 40], a + [-30, 40]])
    subject = shapely.Polygon([on_edge, on_edge + [5, -20], on_edge + [15, -5]])
    assert shapely.is_empty(clip_convex(np.array([subject]), np.array([clip]))[0])
    assert shapely.area(shapely.intersection(subject, clip)) == 0


def test_clip_convex_shares_cut_points_between_neighbours():
    # A building across the edge two parcels share, one listing it each way: its pieces meet exactly.
    left = shapely.Polygon([(500000.0, 4400000.0), (500031.3, 4400007.1), (500024.9, 4400063.7),
                            (499995.2, 4400050.0)])
    right = shapely.Polygon([(500031.3, 4400007.1), (500070.0, 4400010.0), (500060.0, 4400070.0),
                             (500024.9, 4400063.7)])
    building = shapely.affinity.rotate(shapely.box(500018.0, 4400030.0, 500040.0, 4400042.0), 17)
    pieces = clip_convex(np.array([building, building]), np.array([left, right]))
    assert not shapely.overlaps(pieces[0], pieces[1])
    assert shapely.area(pieces).sum() == pytest.approx(building.area, rel=1e-10)
    shared = set(map(tuple, shapely.get_coordinates(pieces[0]))) & set(map(tuple, shapely.get_coordinates(pieces[1])))
    assert len(shared) == 2


# --- the engine's overlay ----------------------------------------------------------------------------------------

def test_overlay_routes_convex_pairs_to_numpy_and_the_rest_to_geos():
    l_shape = shapely.Polygon([(0, 0), (40, 0), (40, 20), (20, 20), (20, 40), (0, 40)])
    parcels = np.array([
        l_shape,  # concave
        shapely.Polygon([(40, 0), (80, 0), (80, 40), (40, 40)], [[(60, 10), (70, 10), (70, 20), (60, 20)]]),
        shapely.MultiPolygon([square(0, 40, 20), square(100, 100, 5)]),
        shapely.Polygon([(40, 40), (80, 40), (80, 80), (40, 80)]),  # convex
        shapely.Polygon([(0, 60), (20, 40), (40, 60), (20, 80)]),  # convex diamond
    ], dtype=object)
    parcels = shapely.transform(parcels, lambda c: c + [500000.0, 4400000.0])
    buildings = shapely.transform(np.array([
        square(30, 10, 20),  # across the L and the holed parcel
        shapely.affinity.rotate(square(35, 35, 10), 30),  # on four parcels
        shapely.Polygon([(10, 35), (30, 35), (30, 45), (25, 45), (25, 60), (10, 60)]),  # concave
        square(55, 5, 20),  # over the hole
        square(50, 50, 5),  # inside a parcel
        square(15, 38, 10),
    ], dtype=object), lambda c: c + [500000.0, 4400000.0])
    shapely.prepare(parcels)
    pieces = overlay(buildings, shapely.area(buildings), parcels, shapely.STRtree(parcels))
    expected = shapely.area(shapely.intersection(buildings[pieces.feature], parcels[pieces.parcel]))
    assert np.allclose(pieces.area, expected, rtol=1e-12, atol=0)
    assert np.allclose(shapely.area(pieces.geometry), pieces.area, rtol=1e-12, atol=0)
    assert (pieces.area > 0).all()
    # Every pair with a piece is found.
    every = shapely.area(shapely.intersection(buildings[:, None], parcels[None, :]))
    assert sorted(zip(pieces.feature.tolist(), pieces.parcel.tolist())) == sorted(zip(*np.nonzero(every > 0)))
