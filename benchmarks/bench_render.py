"""Benchmark of the map canvas on the synthetic city: layer setup, full and zoomed redraws, a pan.

    python benchmarks/bench_render.py [--parcels 20000] [--runs 7] [--width 1600 --height 1000]

Loads parcels (4 status classes, labelled with their ids), buildings (2 classes) and green areas into a
MapCanvas offscreen and times, each `--runs` times: (a) layer setup (geometry to Qt paths, tiling), (b) a full
redraw with the whole city in view, (c) a zoomed-in redraw (a view ~300 m wide in the middle), (d) a pan at
that zoom (each run moves a quarter of the view). Redraws go through `render_image`, which draws every frame
from the prepared paths (no picture cache). Prints median and min of each, PASS/FAIL against the targets
(full <= 100 ms, zoomed and pan <= 20 ms), and writes the pictures to /tmp/render_full.png and
/tmp/render_zoom.png. Exit status 0 when every target passes.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import city
import numpy as np
import pyogrio
import shapely
from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from planner.gui.map_canvas import LayerStyle, MapCanvas

FULL_TARGET_MS = 100.0
ZOOM_TARGET_MS = 20.0
ZOOM_VIEW_M = 300.0

# Parcel status after a check, as the main window colours them: pass, violation, marginal, not touched.
PARCEL_STYLES = {
    0: LayerStyle(QColor("#d9ecd0"), QColor("#5d8a4e")),
    1: LayerStyle(QColor("#f6c1bd"), QColor("#c0392b"), 1.5),
    2: LayerStyle(QColor("#fbe3b0"), QColor("#c78a14")),
    3: LayerStyle(QColor("#ebeae4"), QColor("#9a988f")),
}
PARCEL_SHARES = [0.70, 0.15, 0.05, 0.10]
BUILDING_STYLES = {0: LayerStyle(QColor("#9a9aa6"), QColor("#4a4a55")),
                   1: LayerStyle(QColor("#e0533f"), QColor("#8e2314"))}
GREEN_STYLES = {0: LayerStyle(QColor("#8cc784"), QColor("#4f8f47"))}


def machine() -> str:
    model = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"{model}, nproc {cpus}"


def timed(action: Callable[[int], object], runs: int) -> list[float]:
    """Milliseconds of `action(run)` for each run."""
    times = []
    for run in range(runs):
        start = time.perf_counter()
        action(run)
        times.append((time.perf_counter() - start) * 1000)
    return times


def report(name: str, times: list[float], target: float | None) -> bool:
    median = statistics.median(times)
    verdict = "" if target is None else (f"  {'PASS' if median <= target else 'FAIL'} (target <= {target:.0f} ms)")
    print(f"{name:<34} median {median:8.1f} ms   min {min(times):8.1f} ms{verdict}")
    return target is None or median <= target


def load(directory: Path) -> dict[str, tuple[np.ndarray, np.ndarray | None]]:
    """(geometry, parcel ids or None) per role, read with pyogrio."""
    layers = {}
    for role, path in city.city_paths(directory).items():
        columns = ["地块编号"] if role == "plan" else []
        frame = pyogrio.read_dataframe(path, columns=columns, use_arrow=True)
        ids = frame["地块编号"].to_numpy(dtype=object) if role == "plan" else None
        layers[role] = (np.asarray(frame.geometry.array), ids)
    return layers


def build(canvas: MapCanvas, layers, parcel_classes: np.ndarray, building_classes: np.ndarray) -> None:
    plan, ids = layers["plan"]
    canvas.set_layer("plan", plan, PARCEL_STYLES, classes=parcel_classes, labels=ids, title="控规地块")
    canvas.set_layer("green", layers["green"][0], GREEN_STYLES, title="绿地")
    canvas.set_layer("buildings", layers["buildings"][0], BUILDING_STYLES, classes=building_classes, title="建筑")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parcels", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--width", type=int, default=1600)
    parser.add_argument("--height", type=int, default=1000)
    parser.add_argument("--data", default=None, help="directory of the city (default benchmarks/_data/<parcels>)")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])  # noqa: F841 (Qt needs it alive)

    print(f"machine: {machine()}")
    print(f"Python {platform.python_version()}, PySide6 {pyside_version} (Qt {qVersion()}), shapely "
          f"{shapely.__version__}, numpy {np.__version__}, QT_QPA_PLATFORM={os.environ['QT_QPA_PLATFORM']}")
    directory = Path(args.data) if args.data else HERE / "_data" / str(args.parcels)
    start = time.perf_counter()
    city.write_city(directory, args.parcels, args.seed)
    layers = load(directory)
    counts = {role: len(g) for role, (g, _) in layers.items()}
    vertices = sum(int(shapely.get_num_coordinates(g).sum()) for g, _ in layers.values())
    print(f"city: {counts['plan']} parcels, {counts['buildings']} buildings, {counts['green']} green areas, "
          f"{vertices:,} vertices; read in {time.perf_counter() - start:.2f} s")
    print(f"view: {args.width} x {args.height} px, {args.runs} runs each\n")

    rng = np.random.default_rng(args.seed)
    parcel_classes = rng.choice(len(PARCEL_SHARES), size=counts["plan"], p=PARCEL_SHARES)
    building_classes = (rng.random(counts["buildings"]) < 0.1).astype(np.int64)

    canvases: list[MapCanvas] = []

    def setup(_run: int) -> None:
        canvas = MapCanvas()
        canvas.resize(args.width, args.height)
        build(canvas, layers, parcel_classes, building_classes)
        canvases[:] = [canvas]

    ok = report("(a) layer setup (3 layers)", timed(setup, args.runs), None)
    canvas = canvases[0]
    w, h = args.width, args.height

    canvas.zoom_to_all()
    start = time.perf_counter()
    full = canvas.render_image(w, h)
    first = (time.perf_counter() - start) * 1000
    ok &= report("(b) full redraw, whole city", timed(lambda _: canvas.render_image(w, h), args.runs), FULL_TARGET_MS)
    print(f"    first frame {first:.1f} ms; {canvas.metres_per_pixel():.2f} m/px, scale bar {canvas.scale_bar_label()}")
    full.save("/tmp/render_full.png")

    minx, miny, maxx, maxy = canvas.layer_bounds("plan")
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
    canvas.set_view(cx, cy, ZOOM_VIEW_M / w)
    zoomed = canvas.render_image(w, h)
    ok &= report(f"(c) zoomed redraw, {ZOOM_VIEW_M:.0f} m view",
                 timed(lambda _: canvas.render_image(w, h), args.runs), ZOOM_TARGET_MS)
    print(f"    {canvas.metres_per_pixel():.3f} m/px, {len(canvas.visible_labels(w, h))} labels, "
          f"scale bar {canvas.scale_bar_label()}")
    zoomed.save("/tmp/render_zoom.png")

    def pan(run: int) -> None:
        step = w / 4 if run % 4 < 2 else -w / 4  # right, right, left, left: stays near the middle
        canvas.pan_by(step, h / 8)
        canvas.render_image(w, h)

    ok &= report("(d) pan at that zoom (pan + redraw)", timed(pan, args.runs), ZOOM_TARGET_MS)

    def restyle(run: int) -> None:
        classes = parcel_classes.copy()
        flip = rng.random(len(classes)) < 0.05
        classes[flip] = (classes[flip] + 1 + run) % len(PARCEL_SHARES)
        canvas.set_classes("plan", classes)

    report("(e) set_classes, 5 % of parcels", timed(restyle, args.runs), None)
    print("\npictures: /tmp/render_full.png, /tmp/render_zoom.png")
    print("ALL PASS" if ok else "SOME TARGETS FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
