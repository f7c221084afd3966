"""Benchmark of the sunlight analysis (planner/checking/sunlight.py) against issue 16's targets.

    python benchmarks/bench_sunlight.py [--runs 5] [--threads 2]

(a) the bundled violating sample scheme with a ring of existing buildings (the sample's xiguan_existing.gpkg
plus 60 generated slabs around the unit): target < 2 s; (b) 200 scheme buildings among 2,000 existing ones
(a generated district of 10-33 storey slabs and towers, 60 % homes): target < 30 s. Both at the sample's
latitude (酒泉, 39.7° N), zone VII small city (大寒日 ≥ 3 h, 8:00-16:00, 1 min steps, 1 m sampling). Prints the
median of the runs, the sampling points, the time steps and points x steps per second (counting the steps of
the with-scheme pass and, for existing homes, the without-scheme pass). Exit 0 when both targets pass.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import shapely

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from planner.checking import sunlight as S  # noqa: E402
from planner.io.existing import load_existing  # noqa: E402
from planner.io.layers import load_buildings  # noqa: E402
from planner.resources import sample_path  # noqa: E402

SAMPLE_TARGET_S = 2.0
DISTRICT_TARGET_S = 30.0


def _frame(ids, geom, heights, uses):
    return (np.asarray(ids, object), np.asarray(geom, object), np.asarray(heights, float), np.asarray(uses, object))


def sample_case():
    scheme = load_buildings(sample_path("scheme_violating.gpkg"), "建筑")
    existing = load_existing(sample_path("xiguan_existing.gpkg"))
    x0, y0, _, _ = shapely.total_bounds(scheme.geometry)  # the unit's south-west is near the scheme's
    rng = np.random.default_rng(16)
    ring_geom, ring_h, ring_use = [], [], []
    ox, oy = x0 - 100, y0 - 300  # the unit spans about 880 m x 630 m from its south-west corner
    for k in range(60):  # 60 slabs on a ring 120-200 m outside the unit
        side, t = k % 4, (k // 4) / 15
        if side == 0:
            x, y = ox - 150 + t * 1200, oy - 150
        elif side == 1:
            x, y = ox - 150 + t * 1200, oy + 800
        elif side == 2:
            x, y = ox - 150, oy - 150 + t * 950
        else:
            x, y = ox + 1050, oy - 150 + t * 950
        ring_geom.append(shapely.box(x, y, x + 40, y + 14))
        ring_h.append(float(rng.choice([18.0, 33.0, 54.0])))
        ring_use.append("住宅" if k % 3 else "商业")
    ext = _frame(np.r_[existing.ids, [f"R{k}" for k in range(60)]], np.r_[existing.geometry, ring_geom],
                 np.r_[existing.height, ring_h], np.r_[existing.use, ring_use])
    return _frame(scheme.ids, scheme.geometry, scheme.height, scheme.use), ext, scheme.crs


def district_case():
    """200 scheme buildings in the middle of 2,000 existing ones, on a grid of 60 m x 45 m lots."""
    from pyproj import CRS

    rng = np.random.default_rng(2016)
    cols, rows = 50, 44  # 2,200 lots
    ids, geom, heights, uses, scheme = [], [], [], [], []
    x0, y0 = 456000.0, 4398000.0
    centre = [(c, r) for r in range(rows) for c in range(cols)]
    order = sorted(centre, key=lambda cr: (cr[0] - cols / 2) ** 2 + (cr[1] - rows / 2) ** 2)
    in_scheme = set(order[:200])
    for r in range(rows):
        for c in range(cols):
            x, y = x0 + c * 60.0, y0 + r * 45.0
            if rng.random() < 0.25:  # a tower
                shape = shapely.box(x + 10, y + 5, x + 35, y + 25)
                h = float(rng.choice([60.0, 80.0, 100.0]))
            else:  # a slab
                shape = shapely.box(x + 5, y + 5, x + 50, y + 18)
                h = float(rng.choice([18.0, 33.0, 54.0]))
            ids.append(f"{c}-{r}")
            geom.append(shape)
            heights.append(h)
            uses.append("住宅" if rng.random() < 0.6 else "办公")
            scheme.append((c, r) in in_scheme)
    scheme = np.array(scheme)
    ids, geom, heights, uses = (np.asarray(a, object if k != 2 else float) for k, a in
                                enumerate((ids, geom, heights, uses)))
    return (_frame(ids[scheme], geom[scheme], heights[scheme], uses[scheme]),
            _frame(ids[~scheme], geom[~scheme], heights[~scheme], uses[~scheme]), CRS.from_epsg(4542))


def time_case(name, case, runs, threads, target):
    scheme, existing, crs = case
    config = S.settings(city="酒泉")
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        result, found = S.analyse(scheme, existing, config, crs, threads=threads)
        seconds.append(time.perf_counter() - start)
    median = statistics.median(seconds)
    existing_points = int(sum(len(b.facades) and 1 for b in result.buildings if b.existing))
    rate = result.points * result.steps / median
    print(f"{name}: {len(scheme[0])} scheme + {len(existing[0])} existing buildings, "
          f"{len(result.buildings)} need sun ({existing_points} existing), {result.points:,} points x "
          f"{result.steps} steps; median {median:.2f} s of {runs} (min {min(seconds):.2f}, max {max(seconds):.2f}); "
          f"{rate / 1e6:.2f} M point-steps/s; {len(found)} findings; target < {target:g} s: "
          f"{'PASS' if median < target else 'FAIL'}")
    return median < target


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--only", choices=("sample", "district"))
    args = parser.parse_args()
    ok = True
    if args.only in (None, "sample"):
        ok &= time_case("sample + ring", sample_case(), args.runs, args.threads, SAMPLE_TARGET_S)
    if args.only in (None, "district"):
        ok &= time_case("district", district_case(), max(1, min(args.runs, 3)), args.threads, DISTRICT_TARGET_S)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
