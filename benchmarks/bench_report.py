"""Benchmark of the PDF report (planner.report.document.write_pdf) for a district scheme on the city's plan.

    python benchmarks/bench_report.py [--parcels 20000] [--violating 200 500 2000 all] [--runs 3]
                                      [--max-detail-maps N]

For each --violating N the script writes a district scheme: the buildings and green areas of the ~N parcels
of the synthetic city nearest its south-west corner (benchmarks/city.py; about 96 % of its parcels break
their plan, so about N violate). `all` is the whole city's scheme. A district's report draws a detail map for
every violating parcel (max_detail_maps = N); the whole city's uses the report's default (200, the others'
findings in one table); --max-detail-maps sets it for every size. The plan stays the whole city. Each run is a
fresh child process that loads the layers, checks, and writes the PDF; it prints the PDF's wall time, the
child's peak RSS (ru_maxrss, so it includes the layers and the check) and its RSS before the PDF, the pages
and the file size. The script prints the median of --runs per N.
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

import city  # noqa: E402
from bench_check import child_env, machine, planner_version  # noqa: E402

VIOLATING_SHARE = 0.96  # of the city's parcels (the share is printed per run, from the check)


def district(directory: Path, n_parcels: int, wanted: int) -> dict[str, Path]:
    """The buildings and green areas of the ceil(wanted / VIOLATING_SHARE) parcels nearest the city's origin."""
    import geopandas as gpd
    import numpy as np
    import shapely

    paths = city.write_city(directory, n_parcels)
    count = math.ceil(wanted / VIOLATING_SHARE)
    if count >= n_parcels:
        return paths
    out = {"plan": paths["plan"], "buildings": directory / f"district_{wanted}_buildings.gpkg",
           "green": directory / f"district_{wanted}_green.gpkg"}
    stamp = directory / f"district_{wanted}.json"
    if stamp.exists() and json.loads(stamp.read_text()) == {"city": city.VERSION, "parcels": count}:
        return out
    plan = gpd.read_file(paths["plan"], engine="pyogrio")
    centre = shapely.get_coordinates(plan.geometry.centroid) - np.array(city.ORIGIN)
    chosen = plan.geometry.values[np.argsort(np.max(np.abs(centre), axis=1), kind="stable")[:count]]
    area = shapely.union_all(chosen)
    for role in ("buildings", "green"):
        frame = gpd.read_file(paths[role], engine="pyogrio")
        keep = shapely.within(shapely.point_on_surface(frame.geometry.values), area)
        frame[keep].to_file(out[role], layer=city.FILES[role][1], engine="pyogrio")
    stamp.write_text(json.dumps({"city": city.VERSION, "parcels": count}))
    return out


def child(plan: str, buildings: str, green: str, pdf: str, maps: str) -> None:
    """Load, check, write the PDF; print one JSON line of figures."""
    import numpy as np

    import planner  # noqa: F401  (provides to_geodataframes)
    from planner.checking.engine import check
    from planner.io.layers import load_buildings, load_green, load_plan
    from planner.report.document import ReportMeta, write_pdf

    layers = {"plan": load_plan(plan), "buildings": load_buildings(buildings), "green": load_green(green)}
    result = check(layers["plan"], layers["buildings"], layers["green"])
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    start = time.perf_counter()
    violating = int(np.sum(result.parcels.status == "violation"))
    maps = violating if maps == "all" else int(maps)
    write_pdf(result, layers, ReportMeta(scheme_name="district"), pdf, "zh", max_detail_maps=maps)
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    pages = next((int(line.split()[-1]) for line in info.splitlines() if line.startswith("Pages:")), -1)
    print(json.dumps({"seconds": elapsed, "peak": peak, "before": before, "pages": pages,
                      "bytes": Path(pdf).stat().st_size,
                      "violating": violating, "maps": maps,
                      "findings": len(result.violations)}))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parcels", type=int, default=20000)
    parser.add_argument("--violating", nargs="+", default=["200", "500"],
                        help="violating parcels of each district (numbers), or all (the whole city)")
    parser.add_argument("--max-detail-maps", type=int, default=None,
                        help="detail maps per report (default: every violating parcel of a district, 200 on the city)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", metavar="DIR", help="keep the last PDF of each size in DIR")
    parser.add_argument("--child", nargs=5, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(*args.child)
        return 0
    print(f"machine: {machine()}")
    print(f"planner: {planner_version()}")
    directory = HERE / "_data" / str(args.parcels)
    from planner.report.document import MAX_DETAIL_MAPS

    for size in args.violating:
        wanted = args.parcels if size == "all" else int(size)
        paths = district(directory, args.parcels, wanted)
        maps = args.max_detail_maps if args.max_detail_maps is not None else (
            MAX_DETAIL_MAPS if size == "all" else "all")
        runs = []
        with tempfile.TemporaryDirectory() as tmp:
            pdf = Path(args.keep or tmp) / f"report_{wanted}.pdf"
            pdf.parent.mkdir(parents=True, exist_ok=True)
            for _ in range(args.runs):
                out = subprocess.run([sys.executable, __file__, "--child", str(paths["plan"]), str(paths["buildings"]),
                                      str(paths["green"]), str(pdf), str(maps)], capture_output=True, text=True, env={**child_env(), "QT_QPA_PLATFORM": "offscreen"},
                                     cwd=REPO)
                if out.returncode:
                    print(f"{wanted}: child failed ({out.returncode}): {out.stderr[-2000:]}")
                    return 1
                runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
        last = runs[-1]
        print(f"{last['violating']} violating parcels ({last['findings']:,} findings, detail maps for at most "
              f"{last['maps']}), {last['pages']} pages, "
              f"{last['bytes'] / 1e6:.1f} MB: PDF median {statistics.median(r['seconds'] for r in runs):.1f} s "
              f"(runs {', '.join('%.1f' % r['seconds'] for r in runs)}), peak RSS median "
              f"{statistics.median(r['peak'] for r in runs) / 2**20:,.0f} MB "
              f"(before the PDF {statistics.median(r['before'] for r in runs) / 2**20:,.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
