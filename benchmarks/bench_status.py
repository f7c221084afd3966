"""Benchmark of verdicts.building_status (the map classes of buildings, asked by the window and the report).

    python benchmarks/bench_status.py [--parcels 20000] [--runs 5] [--old]

Times building_status on the synthetic city's check result (20,000 parcels, 200,000 buildings) and on
200,000 made-up ids of which 100,000 are named, as the median of --runs. --old also times the former
np.isin(ids, list(named)) once on a 20,000-id slice of the made-up case (it is quadratic on object arrays:
minutes on the whole). Target: well under 1 s for either.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import city  # noqa: E402
from bench_check import machine  # noqa: E402

TARGET_S = 1.0


def timed(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parcels", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--old", action="store_true", help="also time the former np.isin on a 20,000-id slice")
    args = parser.parse_args(argv)

    from planner.checking.engine import check
    from planner.checking.verdicts import BUILDING_RULES, building_status
    from planner.io.layers import load_buildings, load_green, load_plan
    from planner.model import Violation

    print(f"machine: {machine()}")
    paths = city.write_city(HERE / "_data" / str(args.parcels), args.parcels)
    plan, buildings, green = load_plan(paths["plan"]), load_buildings(paths["buildings"]), load_green(paths["green"])
    result = check(plan, buildings, green)
    named = {v.building for v in result.violations if v.rule in BUILDING_RULES and v.building is not None}
    ok = True
    city_s = timed(lambda: building_status(result, buildings.ids), args.runs)
    print(f"city: {len(buildings.ids):,} buildings, {len(named):,} named, {len(result.violations):,} findings: "
          f"building_status median {city_s * 1000:.1f} ms")
    ok &= city_s < TARGET_S

    ids = np.array([f"B{i:07d}" for i in range(200_000)], dtype=object)
    made_up = SimpleNamespace(violations=[Violation("land_use", "P", f"B{i:07d}") for i in range(0, 200_000, 2)])
    made_up_s = timed(lambda: building_status(made_up, ids), args.runs)
    print(f"made up: 200,000 ids, 100,000 named: building_status median {made_up_s * 1000:.1f} ms")
    ok &= made_up_s < TARGET_S
    if args.old:
        start = time.perf_counter()
        np.isin(ids[:20_000], [f"B{i:07d}" for i in range(0, 20_000, 2)])
        print(f"former np.isin on 20,000 ids / 10,000 named: {time.perf_counter() - start:.1f} s "
              "(quadratic: x100 for the whole)")
    print("PASS" if ok else "FAIL", f"(target < {TARGET_S:.0f} s each)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
