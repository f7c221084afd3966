"""The fast sunlight kernel (planner.checking.sunlight.blocked with its facade-wide culling) against a plain
ray-against-every-edge test, on a random block of buildings: the same dark steps wherever a point may be lit."""

from __future__ import annotations

import numpy as np
from shapely.geometry import box

from planner.checking import sunlight as S


def brute(points, own_building, own_start, own_end, obs, sky):
    """(P, T): a ray from each point toward the sun at each step passes under the top of some edge's wall."""
    out = np.zeros((len(points), len(sky.tan)), dtype=bool)
    d = sky.direction
    for k, P in enumerate(points):
        for e in range(len(obs.rise)):
            a, b = obs.start[e], obs.end[e]
            if obs.building[e] == own_building[k] and (a == own_start[k]).all() and (b == own_end[k]).all():
                continue
            if np.dot(P - a, obs.normal[e]) <= 1e-9:
                continue
            ab = b - a
            # P + s d = a + u ab, solved for s and u at every step.
            det = d[:, 0] * -ab[1] + d[:, 1] * ab[0]
            with np.errstate(divide="ignore", invalid="ignore"):
                s = ((a - P)[0] * -ab[1] + (a - P)[1] * ab[0]) / det
                u = (d[:, 0] * (a - P)[1] - d[:, 1] * (a - P)[0]) / det
            out[k] |= (s > 0) & (u >= 0) & (u <= 1) & (obs.rise[e] > s * sky.tan)
    return out


def test_fast_kernel_matches_the_plain_test():
    rng = np.random.default_rng(7)
    shapes, heights = [], []
    for _ in range(14):
        x, y = rng.uniform(0, 160, 2)
        shapes.append(box(x, y, x + rng.uniform(6, 40), y + rng.uniform(6, 16)))
        heights.append(float(rng.choice([10.0, 30.0, 60.0])))
    geom, heights = np.array(shapes, object), np.array(heights)
    facades = S.sample(geom, 2.0)
    obs = S.Obstacles.of(geom, heights, 0.9)
    sky = S.Sky.of(40.0, 3.0, "dahan", (8.0, 16.0), 10.0)
    front = S.possible(facades.normal, sky, 15.0)[facades.point_edge]
    where = (facades.points, facades.building[facades.point_edge], facades.start[facades.point_edge],
             facades.end[facades.point_edge])
    fast = S.blocked(*where, obs, sky, threads=2, front=front)
    plain = brute(*where, obs, sky)
    assert front.sum() > 1000 and (plain & front).sum() > 200  # a real test: many lit and many dark steps
    assert np.array_equal(fast & front, plain & front)
    # Without `front`, every step is worked.
    assert np.array_equal(S.blocked(*where, obs, sky, threads=1), plain)
