"""Benchmark of the window on the synthetic city: per action, its time and the longest stall of the UI thread.

    python benchmarks/bench_gui.py [--parcels 20000] [--runs 3] [--only open,sort] [--pdf-city]

Creates the MainWindow offscreen (QT_QPA_PLATFORM=offscreen) and drives it as an official would: open the city
(plan, buildings, green), click a parcel and a building on the map, select a finding row, sort, filter by rule,
severity and text, re-check, load a second plan version, compare the versions, put a version in force, export
XLSX, GeoPackage and PDF, and open the print preview. A 10 ms QTimer heartbeat runs on the UI thread throughout;
the longest gap between two of its ticks while an action runs (and for SETTLE_MS after it ends, so that a
repaint or a queued slot it caused counts) is that action's UI stall. An action ends when the window shows its
outcome (the check round's checkFinished, an export's file written, the preview's pages painted).

Each action runs `--runs` times; the script prints the median and the worst of each, with PASS/FAIL against the
100 ms stall target, and the open time against 4x the time of `planner check` on the same files (measured here
as a subprocess, `--check-runs` times). The PDF and the print preview are made for a district scheme (the
buildings of ~200 violating parcels on the city's plan, as benchmarks/bench_report.py writes it) unless
`--pdf-city`: the whole city's report has a detail map per violating parcel.

The city is generated once into benchmarks/_data/<parcels>/ (bench_check.py's city); the second plan version is
written to a temporary folder (every 10th parcel's FAR limit lowered, every 50th parcel renamed). Exit status 0
when every stall is under the target and open is within 4x check.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

STALL_TARGET_MS = 100.0
OPEN_FACTOR = 4.0
HEARTBEAT_MS = 10
SETTLE_MS = 150
TIMEOUT_S = 600.0


class Heartbeat:
    """A 10 ms timer on the UI thread; `worst` is the longest gap between ticks since `reset`."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(HEARTBEAT_MS)
        self.timer.timeout.connect(self._tick)
        self.last = time.perf_counter()
        self.worst = 0.0
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst = max(self.worst, now - self.last)
        self.last = now

    def reset(self) -> None:
        self.last = time.perf_counter()
        self.worst = 0.0

    def gap(self) -> float:
        """The worst gap, counting the one still open (an action that has not yet returned to the loop)."""
        return max(self.worst, time.perf_counter() - self.last)


def spin(condition: Callable[[], bool], timeout: float = TIMEOUT_S) -> bool:
    """Run the event loop until `condition()` (polled every 5 ms) or the timeout; True when it held."""
    from PySide6.QtCore import QEventLoop, QTimer

    if condition():
        return True
    loop = QEventLoop()
    deadline = time.perf_counter() + timeout
    state = {"ok": False}

    def poll() -> None:
        if condition():
            state["ok"] = True
            loop.quit()
        elif time.perf_counter() > deadline:
            loop.quit()

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(poll)
    timer.start()
    loop.exec()
    timer.stop()
    return state["ok"]


def settle(ms: float) -> None:
    end = time.perf_counter() + ms / 1000
    spin(lambda: time.perf_counter() >= end)


class Driver:
    """Runs actions on the window and records (total ms, stall ms) per action name."""

    def __init__(self, heartbeat: Heartbeat) -> None:
        self.heartbeat = heartbeat
        self.results: dict[str, list[tuple[float, float]]] = {}

    def run(self, name: str, start: Callable[[], object], done: Callable[[], bool] = lambda: True) -> None:
        settle(40)  # the heartbeat ticks regularly before the action starts
        self.heartbeat.reset()
        t0 = time.perf_counter()
        start()
        ok = spin(done)
        total = (time.perf_counter() - t0) * 1000
        settle(SETTLE_MS)
        stall = self.heartbeat.gap() * 1000
        if not ok:
            print(f"  {name}: did not finish within {TIMEOUT_S:.0f} s", flush=True)
        self.results.setdefault(name, []).append((total, stall))
        print(f"  {name:<28} {total:9.0f} ms   stall {stall:7.0f} ms", flush=True)


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{model}, nproc {len(os.sched_getaffinity(0))}"


def second_version(plan: Path, out: Path) -> Path:
    """An amended plan: every 10th parcel's FAR limit lowered by a fifth, every 50th parcel renamed."""
    import pyogrio

    target = out / "plan_v2.gpkg"
    if target.exists():
        return target
    frame = pyogrio.read_dataframe(plan)
    ids, far = frame.columns[0], "容积率"
    for k in range(0, len(frame), 10):
        frame.at[k, far] = re.sub(r"\d+(\.\d+)?", lambda m: f"{float(m.group()) * 0.8:.2f}",
                                  str(frame.at[k, far]), count=1)
    for k in range(5, len(frame), 50):
        frame.at[k, ids] = f"{frame.at[k, ids]}-A"
    pyogrio.write_dataframe(frame, target, layer="控规地块")
    return target


def check_time(paths: dict[str, Path], runs: int) -> float:
    """Median seconds of `planner check` on the city (JSON to a file, as bench_check does)."""
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "planner", "check", "--plan", str(paths["plan"]), "--buildings",
                            str(paths["buildings"]), "--green", str(paths["green"]), "--json", f"{tmp}/c.json"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT,
                           env={**os.environ, "PYTHONPATH": str(ROOT)})
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--parcels", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--check-runs", type=int, default=3)
    parser.add_argument("--only", default="", help="comma-separated action prefixes to run (open always runs)")
    parser.add_argument("--pdf-city", action="store_true", help="PDF and preview of the whole city's check")
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF and the print preview")
    args = parser.parse_args()

    import city  # noqa: F401 (bench_check's city generator)
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    data = HERE / "_data" / str(args.parcels)
    if not (data / "plan.gpkg").exists():
        subprocess.run([sys.executable, str(HERE / "bench_check.py"), "--parcels", str(args.parcels), "--runs", "1",
                        "--no-peer"], check=False, cwd=ROOT)
    work = Path(tempfile.mkdtemp(prefix="bench_gui_"))
    os.environ["XDG_DATA_HOME"] = str(work / "data")
    # The scheme through links in a folder of our own: the review file is written beside the scheme, not in _data.
    paths = {}
    for role, name in (("plan", "plan.gpkg"), ("buildings", "buildings.gpkg"), ("green", "green.gpkg")):
        (work / name).symlink_to(data / name)
        paths[role] = work / name
    v2 = second_version(data / "plan.gpkg", work)
    district = None
    if not args.no_pdf and not args.pdf_city:
        from bench_report import district as make_district

        found = make_district(data, args.parcels, 200)
        district = {role: work / f"district_{Path(p).name}" for role, p in found.items() if role != "plan"}
        for role, p in found.items():
            if role != "plan":
                district[role].symlink_to(p)
    wanted = [w for w in args.only.split(",") if w]

    def chosen(name: str) -> bool:
        return not wanted or any(name.startswith(w) for w in wanted)

    import PySide6
    print(f"machine: {machine()}; PySide6 {PySide6.__version__}; city {args.parcels} parcels; runs {args.runs}")
    check_s = check_time(paths, args.check_runs)
    print(f"planner check on the city: {check_s:.2f} s (median of {args.check_runs})", flush=True)

    app = QApplication.instance() or QApplication([])
    from planner.gui.main_window import MainWindow

    heartbeat = Heartbeat()
    driver = Driver(heartbeat)
    files = [("plan", str(paths["plan"]), "控规地块"), ("buildings", str(paths["buildings"]), "建筑"),
             ("green", str(paths["green"]), "绿地")]

    for run in range(args.runs):
        print(f"run {run + 1}", flush=True)
        settings = QSettings(str(work / f"planner_{run}.ini"), QSettings.Format.IniFormat)
        window = MainWindow("zh", settings)
        window.setProperty("quiet_errors", True)
        window.resize(1400, 900)
        window.show()
        settle(200)
        rounds = {"n": 0}
        window.checkFinished.connect(lambda: rounds.__setitem__("n", rounds["n"] + 1))

        def check_round(action: Callable[[], object]) -> tuple[Callable[[], object], Callable[[], bool]]:
            before = {}

            def start() -> None:
                before["n"] = rounds["n"]
                action()

            return start, lambda: rounds["n"] > before["n"]

        driver.run("open city", *check_round(lambda: window.open_files(files)))
        result = window.session.result
        panel = window.findings
        # The parcel with the most findings, a building a finding names.
        counts: dict[str, int] = {}
        for v in result.violations:
            counts[v.parcel] = counts.get(v.parcel, 0) + 1
        parcel_id = max(counts, key=counts.get)
        building_id = next(v.building for v in result.violations if v.building is not None)

        def click(key: str, feature_id: str) -> Callable[[], None]:
            layer = window.session.layers[key]
            import numpy as np
            import shapely

            from planner.gui.session import display_geometry

            row = int(np.flatnonzero(layer.ids == feature_id)[0])
            geometry = display_geometry(window.session)[key][row]
            point = shapely.point_on_surface(geometry)
            window.canvas.zoom_to_bounds(*shapely.bounds(geometry).tolist(), margin=2.0)
            settle(50)

            def start() -> None:
                pos = window.canvas.map_to_screen(point.x, point.y).toPoint()
                QTest.mouseClick(window.canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)

            return start

        if chosen("click"):
            driver.run("click parcel on map", click("plan", parcel_id))
            selected = len(panel.view.selectionModel().selectedRows())
            driver.run("click building on map", click("buildings", building_id))
            print(f"    (parcel {parcel_id}: {selected} rows selected; building {building_id}: "
                  f"{len(panel.view.selectionModel().selectedRows())})")
        if chosen("select"):
            def select_row(fraction: float) -> Callable[[], None]:
                def start() -> None:
                    from PySide6.QtCore import QItemSelectionModel

                    index = panel.view.model().index(int(panel.view.model().rowCount() * fraction), 0)
                    flags = QItemSelectionModel.SelectionFlag
                    panel.view.selectionModel().setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)
                return start

            driver.run("select finding row", select_row(0.37))
            driver.run("select finding row (2)", select_row(0.81))
        if chosen("sort"):
            from planner.gui.violations import FindingsModel

            for name, column, order in (("sort by message", FindingsModel.MESSAGE, Qt.SortOrder.AscendingOrder),
                                        ("sort by parcel desc", FindingsModel.PARCEL, Qt.SortOrder.DescendingOrder),
                                        ("sort by actual", FindingsModel.ACTUAL, Qt.SortOrder.AscendingOrder),
                                        ("sort by rule", FindingsModel.RULE, Qt.SortOrder.AscendingOrder)):
                driver.run(name, lambda c=column, o=order: panel.view.sortByColumn(c, o))
        if chosen("filter"):
            combo = panel.rule_combo
            far = max(combo.findData("far_max"), 1)
            driver.run("filter rule", lambda: combo.setCurrentIndex(far))
            driver.run("filter rule: all", lambda: combo.setCurrentIndex(0))
            driver.run("filter severity warnings", lambda: panel.severity_combo.setCurrentIndex(2))
            driver.run("filter severity all", lambda: panel.severity_combo.setCurrentIndex(0))
            text = getattr(panel, "text_filter", None)
            if text is not None:
                def typed(value: str) -> tuple[Callable[[], None], Callable[[], bool]]:
                    return (lambda: text.setText(value)), (lambda: panel.filter_text() == value)

                driver.run("filter text (parcel id)", *typed(parcel_id))
                driver.run("filter text (words)", *typed("容积率"))
                driver.run("filter text: none", *typed(""))
        if chosen("recheck"):
            driver.run("re-check", *check_round(lambda: window._start([])))
        if chosen("version"):
            driver.run("load plan version", *check_round(lambda: window.open_files([("plan", str(v2), "控规地块")])))
            first = next(k for k, v in enumerate(window.session.versions) if v is not window.session.plan)
            driver.run("compare versions", *check_round(lambda: window.compare_version(first)))
            driver.run("put version in force", *check_round(lambda: window.use_version(first)))
            window.stop_comparing()
        if chosen("export"):
            for name, export, suffix in (("export XLSX", window.export_xlsx, "xlsx"),
                                         ("export GPKG", window.export_gpkg, "gpkg")):
                target = work / f"out_{run}.{suffix}"
                driver.run(name, *exported(window, export, target))
        if not args.no_pdf and (chosen("export") or chosen("pdf") or chosen("print") or chosen("open district")):
            if district is not None:
                driver.run("open district (for PDF)", *check_round(lambda: window.open_files(
                    [("buildings", str(district["buildings"]), "建筑"), ("green", str(district["green"]), "绿地")])))
            if chosen("export") or chosen("pdf"):
                driver.run("export PDF", *exported(window, window.export_pdf, work / f"out_{run}.pdf"))
            if chosen("print"):
                driver.run("print preview", *previewed(window))
        window.runner.shutdown()
        window.close()
        window.deleteLater()
        settle(100)

    print()
    print(f"{'action':<28} {'total ms':>10} {'stall ms':>10} {'worst':>8}  (median of {args.runs}; target stall "
          f"<= {STALL_TARGET_MS:.0f} ms)")
    failed = False
    for name, values in driver.results.items():
        total = statistics.median(v[0] for v in values)
        stall = statistics.median(v[1] for v in values)
        worst = max(v[1] for v in values)
        verdict = "PASS" if stall <= STALL_TARGET_MS else "FAIL"
        failed |= verdict == "FAIL"
        print(f"{name:<28} {total:10.0f} {stall:10.0f} {worst:8.0f}  {verdict}")
    open_s = statistics.median(v[0] for v in driver.results["open city"]) / 1000
    ok = open_s <= OPEN_FACTOR * check_s
    failed |= not ok
    print(f"open {open_s:.2f} s = {open_s / check_s:.1f}x planner check ({check_s:.2f} s); target <= {OPEN_FACTOR:.0f}x:"
          f" {'PASS' if ok else 'FAIL'}")
    del app
    return 1 if failed else 0


def exported(window, export, target: Path) -> tuple[Callable[[], object], Callable[[], bool]]:
    """Start an export; it is done when the window says so (exportFinished) or, for a window that exports on the
    UI thread, when the call returned."""
    state = {"done": False}
    signal = getattr(window, "exportFinished", None)

    def start() -> None:
        target.unlink(missing_ok=True)
        state["done"] = False
        if signal is not None:
            def finished(*_args) -> None:
                state["done"] = True
                signal.disconnect(finished)
            signal.connect(finished)
            export(str(target))
        else:
            export(str(target))
            state["done"] = True

    return start, lambda: state["done"]


def previewed(window) -> tuple[Callable[[], object], Callable[[], bool]]:
    """Open the print preview; done once its dialog shows the pages (then it is closed)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtPrintSupport import QPrintPreviewDialog
    from PySide6.QtWidgets import QApplication

    state = {"done": False}

    def dialog():
        return next((w for w in QApplication.topLevelWidgets()
                     if isinstance(w, QPrintPreviewDialog) and w.isVisible()), None)

    def start() -> None:
        state["done"] = False
        QTimer.singleShot(0, window.print_preview)

    def done() -> bool:
        shown = dialog()
        ready = getattr(window, "preview_ready", lambda: True)
        if shown is not None and ready():
            state["done"] = True
            QTimer.singleShot(SETTLE_MS // 2, shown.reject)
        return state["done"]

    return start, done


if __name__ == "__main__":
    sys.exit(main())
