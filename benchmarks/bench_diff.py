"""Benchmark of `planner diff`: a synthetic city's plan against an amended copy of it.

    python benchmarks/bench_diff.py [--parcels 20000] [--runs 5] [--seed 0]

The plan is benchmarks/city.py's (generated once into benchmarks/_data/<parcels>/ and reused). The amended
copy (plan_amended.gpkg beside it, rewritten every run) changes 1 % of the parcels in each way: FAR limits
raised, land uses changed, limits rewritten with the same meaning ("≤2.5" -> "2.5", not a change), parcels
removed, added beyond the city, renamed, reshaped (2 m off one side), split in two (one half keeping the id)
and pairs of neighbours merged. Times `planner.versions.diff.diff_plans` on the two loaded layers (median and minimum of
--runs) and `python -m planner diff ... --json` end to end once, and checks the counts against the design.
Exit status 0 when they agree.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

import city

from planner.io.layers import load_plan
from planner.versions.diff import diff_plans

SHARE = 0.01  # of the parcels, per kind of change


def amend(plan: gpd.GeoDataFrame, seed: int) -> tuple[gpd.GeoDataFrame, dict[str, int]]:
    """An amended copy of a city plan, and the counts `planner diff` should report."""
    rng = np.random.default_rng(seed + 1)
    n = len(plan)
    each = max(1, int(n * SHARE))
    bounds = shapely.bounds(plan.geometry.values)
    # Right neighbours sharing the whole edge: merge candidates (k merges with k + 1).
    nxt = np.r_[bounds[1:], np.full((1, 4), np.nan)]
    pairs = np.flatnonzero((nxt[:, 0] == bounds[:, 2]) & (nxt[:, 1] == bounds[:, 1]) & (nxt[:, 3] == bounds[:, 3]))
    pairs = pairs[np.r_[True, np.diff(pairs) > 1]]  # no chains: k and k + 1 never both start a pair
    merged = rng.choice(pairs, size=each, replace=False)
    taken = np.zeros(n, dtype=bool)
    taken[merged] = taken[merged + 1] = True
    free = rng.permutation(np.flatnonzero(~taken))
    kinds = ["far", "land_use", "rewritten", "removed", "renamed", "reshaped", "split"]
    picks = {kind: np.sort(free[k * each:(k + 1) * each]) for k, kind in enumerate(kinds)}

    frame = plan.copy()
    geometry = frame.geometry.values.copy()
    frame.loc[picks["far"], "容积率"] = "≤4.5"  # no city parcel has 4.5
    frame.loc[picks["land_use"], "用地代码"] = "090104"  # nor this code
    rewritten = frame.loc[picks["rewritten"], "容积率"]
    frame.loc[picks["rewritten"], "容积率"] = [t[1:] if t.startswith("≤") else t.replace("-", "～") for t in rewritten]
    frame.loc[picks["renamed"], "地块编号"] = [f"{i}R" for i in frame.loc[picks["renamed"], "地块编号"]]
    b = bounds[picks["reshaped"]]
    geometry[picks["reshaped"]] = shapely.box(b[:, 0], b[:, 1], b[:, 2] - 2.0, b[:, 3])
    b = bounds[merged]
    geometry[merged] = shapely.box(b[:, 0], b[:, 1], bounds[merged + 1, 2], b[:, 3])
    b = bounds[picks["split"]]
    middle = (b[:, 0] + b[:, 2]) / 2
    geometry[picks["split"]] = shapely.box(b[:, 0], b[:, 1], middle, b[:, 3])
    halves = frame.loc[picks["split"]].copy()
    halves["地块编号"] = [f"{i}a" for i in halves["地块编号"]]
    halves_geometry = shapely.box(middle, b[:, 1], b[:, 2], b[:, 3])
    # Added: copies of the first parcels, one row above the whole city.
    added = frame.iloc[:each].copy()
    added["地块编号"] = [f"NEW-{k + 1:05d}" for k in range(each)]
    added_geometry = shapely.transform(geometry[:each], lambda xy: xy + [0.0, bounds[:, 3].max() - bounds[:, 1].min()
                                                                           + 100.0])
    frame = frame.set_geometry(geometry)
    keep = np.ones(n, dtype=bool)
    keep[picks["removed"]] = keep[merged + 1] = False
    amended = pd.concat([frame[keep], halves.set_geometry(halves_geometry), added.set_geometry(added_geometry)],
                        ignore_index=True)
    expected = {"added": each, "removed": each, "changed": 4 * each, "split": each, "merged": each,
                "unchanged": n - 2 * each - each - 4 * each - each}
    return gpd.GeoDataFrame(amended, geometry="geometry", crs=plan.crs), expected


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parcels", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--data", default=None, help="directory of the city (default benchmarks/_data/<parcels>)")
    args = parser.parse_args()
    directory = Path(args.data or HERE / "_data" / str(args.parcels))

    start = time.perf_counter()
    paths = city.write_city(directory, args.parcels, args.seed)
    old_path, new_path = paths["plan"], directory / "plan_amended.gpkg"
    plan = gpd.read_file(old_path, engine="pyogrio")
    amended, expected = amend(plan, args.seed)
    new_path.unlink(missing_ok=True)
    amended.to_file(new_path, layer=city.FILES["plan"][1], driver="GPKG", engine="pyogrio")
    print(f"city and amended copy ready in {time.perf_counter() - start:.1f} s: {len(plan)} -> {len(amended)} parcels")

    start = time.perf_counter()
    old, new = load_plan(old_path), load_plan(new_path)
    print(f"loading both plans: {time.perf_counter() - start:.2f} s")
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        diff = diff_plans(old, new)
        times.append(time.perf_counter() - start)
    print(f"diff_plans, {args.parcels} parcels: median {statistics.median(times):.3f} s, min {min(times):.3f} s "
          f"({args.runs} runs)")

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "diff.json"
        env = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"}
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "planner", "diff", "--old", str(old_path), "--new",
                               str(new_path), "--json", str(out), "--lang", "en"], env=env, capture_output=True,
                              check=False)
        elapsed = time.perf_counter() - start
        document = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
    print(f"planner diff end to end (exit {done.returncode}): {elapsed:.2f} s")

    got = diff.counts
    cli = {k: (len(v) if isinstance(v, list) else v) for k, v in document.items()
           if k in ("added", "removed", "changed", "split", "merged", "unchanged")}
    ok = got == expected and cli.get("merged") == expected["merged"] and done.returncode == 1
    print(f"counts: {got}\nexpected: {expected}\n{'OK' if ok else 'MISMATCH'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
