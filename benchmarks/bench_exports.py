"""Benchmark of the exports (planner.report.exports) on the synthetic city: XLSX and GeoPackage.

    python benchmarks/bench_exports.py [--parcels 20000] [--runs 3] [--dense] [--profile]

Loads the city (benchmarks/city.py; --dense: the city with ~6 findings a parcel, bench_check.py --dense),
checks it once, then times write_xlsx and write_findings_gpkg --runs times each in this process and prints the
medians (target: XLSX under 3 s at 20,000 parcels) with the files' sizes. Each is timed twice: wording every
violation itself, and given the sentences, as the window (its findings table has them) and `planner check`
(its summary has them) give them. --profile prints where the time of one more run of each goes.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

import city  # noqa: E402
from bench_check import machine, planner_version  # noqa: E402

XLSX_TARGET_S = 3.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parcels", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dense", action="store_true", help="the city with ~6 findings a parcel")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)
    print(f"machine: {machine()}")
    print(f"planner: {planner_version()}")
    from planner.checking.engine import check
    from planner.io.layers import load_buildings, load_green, load_plan
    from planner.messages import violation_messages
    from planner.report.exports import write_findings_gpkg, write_xlsx

    directory = HERE / "_data" / (f"{args.parcels}-dense" if args.dense else str(args.parcels))
    paths = city.write_city(directory, args.parcels, dense=args.dense) if args.dense else \
        city.write_city(directory, args.parcels)
    plan, buildings, green = load_plan(paths["plan"]), load_buildings(paths["buildings"]), load_green(paths["green"])
    result = check(plan, buildings, green)
    print(f"city: {len(result.parcels):,} parcels, {len(buildings.ids):,} buildings, {len(result.violations):,} "
          f"findings, {len(result.warnings):,} warnings")
    sentences = violation_messages(list(result.violations), "zh")
    ok = True
    with tempfile.TemporaryDirectory(prefix="planner-exports-") as tmp:
        xlsx, gpkg = Path(tmp) / "city.xlsx", Path(tmp) / "city.gpkg"
        jobs = {"XLSX": (xlsx, lambda p: write_xlsx(result, p, "zh")),
                "XLSX, sentences given": (xlsx, lambda p: write_xlsx(result, p, "zh", messages=sentences)),
                "GPKG": (gpkg, lambda p: write_findings_gpkg(result, plan, buildings, p, "zh")),
                "GPKG, sentences given": (gpkg, lambda p: write_findings_gpkg(result, plan, buildings, p, "zh",
                                                                             messages=sentences))}
        for name, (path, write) in jobs.items():
            times = []
            for _ in range(args.runs):
                start = time.perf_counter()
                write(path)
                times.append(time.perf_counter() - start)
            median = statistics.median(times)
            target = ""
            if name.startswith("XLSX"):
                target = f"   target < {XLSX_TARGET_S:.0f} s: {'PASS' if median < XLSX_TARGET_S else 'FAIL'}"
                ok = ok and median < XLSX_TARGET_S
            print(f"{name}: median {median:.2f} s (runs {', '.join(f'{t:.2f}' for t in times)}), "
                  f"{path.stat().st_size / 1e6:.1f} MB{target}")
            if args.profile:
                profile = cProfile.Profile()
                profile.enable()
                write(path)
                profile.disable()
                pstats.Stats(profile).sort_stats("cumulative").print_stats(20)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
