"""Soak test for the engine's threads: run planner.checking.engine.check() many times, each in a subprocess, and count
the runs that crash (a negative return code: -11 is a segmentation fault, -6 an abort).

    python benchmarks/stress_threads.py [--runs 200] [--checks 1] [--parcels 2000] [--rectangles]

The plan is the crash report's case made common: every parcel is drawn as a self-crossing "bow tie", which
planner.io.layers.load_plan repairs into two triangles (a MultiPolygon, so no rectangle shortcut in GEOS's
prepared covers()). Each parcel holds buildings and green areas, some across its edges, so the main thread
(buildings) and the background thread (green areas) both run covers() and intersection() on the parcels at
the same time. Every check gets fresh parcel geometry (a WKB round trip), as a freshly started program would.
`--rectangles` draws plain rectangles instead (GEOS decides covers() for them without its lazy indexes).

Prints one line per crashed run, then the crash count; exit status 1 when a run crashed or failed.
Each run also prints a digest of its results, which must be the same in every run and check.

Measured with the defaults (2 cores, shapely 2.2.0, GEOS 3.14.1; about 8 minutes), when the green-area thread
still tested the main thread's prepared parcels: 86 of 200 runs crashed (85 segmentation faults, 1 abort) and one
more stopped with GEOSException "vector::reserve" from covers(). With its own prepared copies: 0 of 200, every
digest the same as before. `--rectangles`, before the fix: 0 of 10 runs of 3 checks.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

COLUMNS = 50  # parcels per row of the grid
WIDTH, HEIGHT = 100.0, 60.0  # of each parcel's bounding box
STEP_X, STEP_Y = 120.0, 80.0  # parcels do not touch
X0, Y0 = 457_000.0, 4_398_000.0  # EPSG:4542, near Jiuquan


def write_plan(directory: Path, parcels: int, rectangles: bool = False) -> tuple[Path, Path, Path]:
    """plan.gpkg, buildings.gpkg and green.gpkg for `parcels` parcels, written with geopandas."""
    import geopandas as gpd
    import numpy as np
    from shapely.geometry import Polygon, box

    plan_rows, building_rows, green_rows = [], [], []
    for i in range(parcels):
        x, y = X0 + STEP_X * (i % COLUMNS), Y0 + STEP_Y * (i // COLUMNS)
        if rectangles:
            outline = box(x, y, x + WIDTH, y + HEIGHT)
        else:  # crosses itself at its middle: repaired into a left and a right triangle
            outline = Polygon([(x, y), (x + WIDTH, y + HEIGHT), (x + WIDTH, y), (x, y + HEIGHT)])
        plan_rows.append((f"P{i}", outline))
        for side, sx in (("L", x), ("R", x + WIDTH - 8.0)):  # inside each triangle, near its long side
            gx = sx + (12.0 if side == "L" else -12.0)  # green areas a little further in, as many as buildings
            for k, sy in enumerate((15.0, 25.5, 37.0)):
                building_rows.append((f"B{i}{side}{k}", box(sx, y + sy, sx + 8.0, y + sy + 8.0), 3 + k))
                green_rows.append((f"G{i}{side}{k}", box(gx, y + sy, gx + 8.0, y + sy + 8.0)))
        # Across the left triangle's edges, and across the parcel's left or right edge: clipped, not covered.
        building_rows.append((f"B{i}X", box(x + 20.0, y + 40.0, x + 30.0, y + 50.0), 6))
        green_rows.append((f"G{i}X", box(x + 30.0, y + 10.0, x + 40.0, y + 20.0)))
        building_rows.append((f"B{i}E", box(x - 4.0, y + 27.0, x + 4.0, y + 33.0), 2))
        green_rows.append((f"G{i}E", box(x + WIDTH - 4.0, y + 27.0, x + WIDTH + 4.0, y + 33.0)))
    green_rows.reverse()  # the two threads then walk the parcels towards each other, and meet on some of them
    crs = "EPSG:4542"
    plan = gpd.GeoDataFrame({"地块编号": [r[0] for r in plan_rows], "用地代码": ["070102"] * parcels,
                             "容积率": ["≤2.0"] * parcels, "建筑密度": ["≤30%"] * parcels,
                             "建筑限高": ["≤24m"] * parcels, "绿地率": ["≥30%"] * parcels},
                            geometry=[r[1] for r in plan_rows], crs=crs)
    buildings = gpd.GeoDataFrame({"建筑编号": [r[0] for r in building_rows], "建筑用途": ["住宅"] * len(building_rows),
                                  "层数": np.array([float(r[2]) for r in building_rows])},
                                 geometry=[r[1] for r in building_rows], crs=crs)
    green = gpd.GeoDataFrame({"绿地编号": [r[0] for r in green_rows], "折算系数": np.ones(len(green_rows))},
                             geometry=[r[1] for r in green_rows], crs=crs)
    paths = directory / "plan.gpkg", directory / "buildings.gpkg", directory / "green.gpkg"
    for frame, path, layer in zip((plan, buildings, green), paths, ("地块", "建筑", "绿地")):
        frame.to_file(path, layer=layer, driver="GPKG", engine="pyogrio")
    return paths


def run_checks(directory: Path, checks: int) -> str:
    """Load the layers, check `checks` times on fresh parcel geometry; the digest of the results."""
    import shapely

    from planner.checking.engine import check
    from planner.io.layers import load_buildings, load_green, load_plan

    plan = load_plan(directory / "plan.gpkg")
    buildings = load_buildings(directory / "buildings.gpkg")
    green = load_green(directory / "green.gpkg")
    digests = set()
    for _ in range(checks):
        fresh = dataclasses.replace(plan, geometry=shapely.from_wkb(shapely.to_wkb(plan.geometry)))
        result = check(fresh, buildings, green)
        digest = hashlib.sha256()
        for column in ("gfa", "footprint_area", "green_area", "far", "density", "green_ratio"):
            digest.update(getattr(result.parcels, column).tobytes())
        digest.update(repr([(v.rule, v.parcel, v.building, v.actual, v.details) for v in result.violations]).encode())
        digests.add(digest.hexdigest()[:16])
    if len(digests) != 1:
        raise SystemExit(f"results differ between checks: {sorted(digests)}")
    return digests.pop()


def soak(directory: Path, runs: int, checks: int, timeout: float = 300.0) -> tuple[int, list[int], set[str]]:
    """Run `runs` subprocesses of `checks` checks each. Returns (crashes, return codes of failures, digests)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    crashes, failures, digests = 0, [], set()
    for k in range(runs):
        done = subprocess.run([sys.executable, __file__, "--child", str(directory), "--checks", str(checks)],
                              capture_output=True, text=True, env=env, timeout=timeout)
        if done.returncode < 0:
            crashes += 1
            print(f"run {k + 1}: crashed, return code {done.returncode}", flush=True)
        elif done.returncode != 0:
            failures.append(done.returncode)
            print(f"run {k + 1}: failed, return code {done.returncode}\n{done.stderr[-2000:]}", flush=True)
        else:
            digests.add(done.stdout.strip())
    return crashes, failures, digests


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=200, help="subprocesses (default 200)")
    parser.add_argument("--checks", type=int, default=1, help="checks in each subprocess (default 1)")
    parser.add_argument("--parcels", type=int, default=2000)
    parser.add_argument("--rectangles", action="store_true", help="rectangular parcels instead of bow ties")
    parser.add_argument("--child", metavar="DIR", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(run_checks(Path(args.child), args.checks))
        return 0
    with tempfile.TemporaryDirectory(prefix="planner-stress-") as tmp:
        write_plan(Path(tmp), args.parcels, args.rectangles)
        start = time.perf_counter()
        crashes, failures, digests = soak(Path(tmp), args.runs, args.checks)
        elapsed = time.perf_counter() - start
    print(f"{crashes} of {args.runs} runs crashed ({args.runs * args.checks} checks of {args.parcels} "
          f"{'rectangular' if args.rectangles else 'bow-tie'} parcels, {elapsed:.0f} s); "
          f"{len(failures)} failed otherwise; result digests: {', '.join(sorted(digests)) or '-'}")
    return 1 if crashes or failures or len(digests) > 1 else 0


if __name__ == "__main__":
    sys.exit(main())
