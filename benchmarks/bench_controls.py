"""Benchmark of the control-line checks (planner/controls.py): what `controls=` adds to `planner.checking.engine.check()`.

    python benchmarks/bench_controls.py [--parcels 20000] [--lines 10000] [--runs 5] [--profile]

Reuses benchmarks/city.py's synthetic city (generated once into benchmarks/_data/<parcels>/) and adds
lines.gpkg, 10,000 control features drawn on it:

* 道路红线: one red line along every side of every block (the street grid's road edges), with a road class
  (道路等级) by road: every 4th road an arterial (主干路), every 2nd a secondary road (次干路), the rest
  branch roads (支路); the first road each way an expressway (快速路). A tenth of them state 退让距离. 3 % are
  planned widenings drawn 20 m inside the block, through parcels and buildings (crossings, buildings beyond).
* 绿线: green zones over the south-west corner of some parcels (12-30 m square).
* 蓝线: canal strips along some roads, reaching 10 m into the parcels beside them.
* 生态保护红线: a few large zones at the city's west edge, overlapping parcels (plan conflicts).
* 建筑控制线: the building control line of some parcels, 6 m inside the parcel's edges.

It times `check(plan, buildings, green)` and `check(plan, buildings, green, controls=[lines])` alternately,
`--runs` times each, and prints both medians and the difference: the target is <= 1 s. Exit status 0 when
the target is met, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

import city

TARGET_S = 1.0
VERSION = 3  # bump when the lines change, so cached files are rebuilt
LINES_FILE = "lines.gpkg"


def make_lines(plan: gpd.GeoDataFrame, n_lines: int, seed: int = 0) -> dict[str, gpd.GeoDataFrame]:
    """Control-line layers on the city's plan: layer name -> frame, `n_lines` features in all."""
    rng = np.random.default_rng(seed)
    bounds = shapely.bounds(plan.geometry.values)
    block = plan["地块编号"].str.slice(1, 5).astype(int).to_numpy()
    blocks = np.unique(block)
    box = np.array([[bounds[block == b, 0].min(), bounds[block == b, 1].min(), bounds[block == b, 2].max(),
                     bounds[block == b, 3].max()] for b in blocks])
    # Road index of each block side: blocks share grid rows and columns, so their edges share coordinates.
    xs = np.unique(np.round(np.concatenate([box[:, 0], box[:, 2]]), 6))
    ys = np.unique(np.round(np.concatenate([box[:, 1], box[:, 3]]), 6))
    sides = []
    for x0, y0, x1, y1 in box:
        sides += [((x0, y0), (x1, y0), "y", y0), ((x1, y0), (x1, y1), "x", x1), ((x1, y1), (x0, y1), "y", y1),
                  ((x0, y1), (x0, y0), "x", x0)]
    n_red = min(len(sides), int(n_lines * 0.9))
    sides = sides[:n_red]
    classes = []
    for _a, _b, axis, value in sides:
        k = int(np.searchsorted(xs if axis == "x" else ys, round(value, 6)) // 2)
        classes.append("快速路" if k == 0 else "主干路" if k % 4 == 0 else "次干路" if k % 2 == 0 else "支路")
    coords = np.array([[a, b] for a, b, _axis, _v in sides], dtype=float)
    # Planned widenings: 3 % of the red lines lie 20 m inside the block, through parcels and buildings.
    widened = rng.random(n_red) < 0.03
    direction = coords[:, 1] - coords[:, 0]
    inward = np.column_stack([-direction[:, 1], direction[:, 0]]) / np.linalg.norm(direction, axis=1)[:, None]
    coords[widened] += 20.0 * inward[widened][:, None, :]
    red = gpd.GeoDataFrame({
        "编号": [f"HX{k:05d}" for k in range(n_red)],
        "道路等级": classes,
        "退让距离": np.where(rng.random(n_red) < 0.1, rng.choice([8.0, 12.0, 18.0], n_red), np.nan),
    }, geometry=shapely.linestrings(coords), crs=city.CRS)

    rest = n_lines - n_red
    n_eco = min(20, rest // 50)
    n_blue = rest // 10
    n_building = rest // 2
    n_green = rest - n_eco - n_blue - n_building
    n = len(plan)
    picks = rng.choice(n, size=n_green, replace=False)
    size = rng.uniform(12.0, 30.0, n_green)
    green = gpd.GeoDataFrame({"编号": [f"LX{k:04d}" for k in range(n_green)]},
                             geometry=shapely.box(bounds[picks, 0], bounds[picks, 1], bounds[picks, 0] + size,
                                                  bounds[picks, 1] + size), crs=city.CRS)
    along = rng.choice(len(box), size=n_blue, replace=False)
    blue = gpd.GeoDataFrame({"编号": [f"LANX{k:04d}" for k in range(n_blue)]},
                            geometry=shapely.box(box[along, 0], box[along, 1] - 6.0, box[along, 2],
                                                 box[along, 1] + 10.0), crs=city.CRS)
    x_min, y_min = bounds[:, 0].min(), bounds[:, 1].min()
    y_max = bounds[:, 3].max()
    step = (y_max - y_min) / max(1, n_eco)
    eco = gpd.GeoDataFrame({"编号": [f"STHX{k:02d}" for k in range(n_eco)]},
                           geometry=shapely.box(x_min - 300.0, y_min + np.arange(n_eco) * step,
                                                x_min + rng.uniform(20.0, 150.0, n_eco),
                                                y_min + np.arange(n_eco) * step + step * 0.6), crs=city.CRS)
    governed = rng.choice(n, size=n_building, replace=False)
    envelope = gpd.GeoDataFrame({"编号": [f"JZKZX{k:05d}" for k in range(len(governed))]},
                                geometry=shapely.box(bounds[governed, 0] + 6.0, bounds[governed, 1] + 6.0,
                                                     bounds[governed, 2] - 6.0, bounds[governed, 3] - 6.0),
                                crs=city.CRS)
    return {"道路红线": red, "绿线": green, "蓝线": blue, "生态保护红线": eco, "建筑控制线": envelope}


def write_lines(directory: Path, n_parcels: int, n_lines: int, seed: int = 0) -> Path:
    """lines.gpkg next to the city's files, reused when this version wrote it for this city."""
    path = directory / LINES_FILE
    stamp = directory / "lines.json"
    wanted = {"version": VERSION, "city": city.VERSION, "parcels": n_parcels, "lines": n_lines, "seed": seed}
    if path.exists() and stamp.exists() and json.loads(stamp.read_text()) == wanted:
        return path
    plan = gpd.read_file(city.city_paths(directory)["plan"], engine="pyogrio")
    path.unlink(missing_ok=True)
    for name, frame in make_lines(plan, n_lines, seed).items():
        frame.to_file(path, layer=name, driver="GPKG", engine="pyogrio", append=path.exists())
    stamp.write_text(json.dumps(wanted))
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parcels", type=int, default=20000)
    parser.add_argument("--lines", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--data", default=None, help="directory of the city (default benchmarks/_data/<parcels>)")
    parser.add_argument("--profile", action="store_true", help="also time the parts of check_controls")
    args = parser.parse_args()

    from planner.checking.engine import check
    from planner.io.controls import load_controls
    from planner.io.layers import load_buildings, load_green, load_plan

    directory = Path(args.data) if args.data else HERE / "_data" / str(args.parcels)
    paths = city.write_city(directory, args.parcels, args.seed)
    lines_path = write_lines(directory, args.parcels, args.lines, args.seed)
    start = time.perf_counter()
    plan, buildings, green = load_plan(paths["plan"]), load_buildings(paths["buildings"]), load_green(paths["green"])
    loaded = time.perf_counter() - start
    start = time.perf_counter()
    lines = load_controls(lines_path)
    lines_loaded = time.perf_counter() - start
    print(f"city: {len(plan.ids)} parcels, {len(buildings.ids)} buildings, {len(green.factor)} green areas "
          f"(loaded in {loaded:.2f} s)")
    kinds = Counter(lines.layers.tolist())
    print(f"lines: {len(lines.ids)} features ({', '.join(f'{k} {v}' for k, v in kinds.items())}), "
          f"loaded in {lines_loaded:.2f} s")

    check(plan, buildings, green)  # warm-up: imports, tables
    result = check(plan, buildings, green, controls=[lines])
    without, with_lines = [], []
    for _ in range(args.runs):
        start = time.perf_counter()
        check(plan, buildings, green)
        without.append(time.perf_counter() - start)
        start = time.perf_counter()
        result = check(plan, buildings, green, controls=[lines])
        with_lines.append(time.perf_counter() - start)
    rules = Counter(v.rule for v in result.violations)
    control_rules = {k: v for k, v in rules.items() if k in (
        "crosses_red_line", "beyond_red_line", "setback", "green_line", "blue_line", "purple_line", "yellow_line",
        "ecological_red_line", "basic_farmland", "building_line")}
    conflicts = sum(1 for w in result.warnings if w.code == "plan_conflict")
    print(f"findings: {', '.join(f'{k} {v}' for k, v in sorted(control_rules.items()))}; "
          f"plan_conflict warnings {conflicts}")
    a, b = statistics.median(without), statistics.median(with_lines)
    print(f"check() without lines: median {a:.3f} s (min {min(without):.3f}) over {args.runs} runs")
    print(f"check() with lines:    median {b:.3f} s (min {min(with_lines):.3f}) over {args.runs} runs")
    extra = b - a
    verdict = "PASS" if extra <= TARGET_S else "FAIL"
    print(f"extra time for {len(lines.ids)} control features: {extra:.3f} s (target <= {TARGET_S:.1f} s) {verdict}")
    if args.profile:
        _profile(plan, buildings, green, lines)
    return 0 if extra <= TARGET_S else 1


def _profile(plan, buildings, green, lines) -> None:
    import cProfile
    import pstats

    from planner.checking.engine import check

    profiler = cProfile.Profile()
    profiler.enable()
    check(plan, buildings, green, controls=[lines])
    profiler.disable()
    stats = pstats.Stats(profiler)
    stats.sort_stats("cumulative").print_stats(r"controls\.py", 25)


if __name__ == "__main__":
    sys.exit(main())
