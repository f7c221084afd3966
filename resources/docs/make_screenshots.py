"""Regenerates the README's pictures of the window from the real main window, offscreen, at 1400x900.

    python resources/docs/make_screenshots.py            # both languages
    python resources/docs/make_screenshots.py --lang zh  # one

Each language runs in a process of its own (Qt's translator and locale are per application), with settings and
the user's data folder in a temporary directory: nothing of the user's is read or written, and no review file is
written beside the bundled sample. The window opens the sample plan, its violating scheme and the control lines,
selects the height breach (its building outlined and numbered on the map, and selected in the parcel inspector)
and notes three findings (one accepted as an approved exception), so the picture shows reviewed findings. In
Chinese it then puts the amended plan in force and compares it with the sample plan (plan_versions.png).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
OUTPUTS = {"en": HERE / "main_window.png", "zh": HERE / "main_window_zh.png"}
#: Two plan versions compared (the amended sample against the one before it), in Chinese.
VERSIONS = HERE / "plan_versions.png"
#: Sunlight (issue 16): the sample with its existing buildings and the city 酒泉, the facade-hours layer around XZ-9.
SUNLIGHT = HERE / "sunlight.png"
SIZE = (1400, 900)


def shoot(lang: str, out: Path, data: Path) -> None:
    """Run in the child process: open the sample in the window and save it as a PNG."""
    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from planner.gui.app import install_translators, sample_files
    from planner.gui.main_window import MainWindow
    from planner.resources import sample_path

    app = QApplication.instance() or QApplication([])
    app.setOrganizationName("Planner")
    app.setApplicationName("Planner")
    install_translators(app, lang)
    settings = QSettings(str(data / "planner.ini"), QSettings.Format.IniFormat)
    settings.setValue("report/reviewer", "张工" if lang == "zh" else "A. Reviewer")
    window = MainWindow(lang, settings)
    window.setProperty("quiet_errors", True)
    window.resize(*SIZE)
    window.show()
    loop = QEventLoop()
    window.checkFinished.connect(loop.quit)
    QTimer.singleShot(60000, loop.quit)
    window.open_files([*sample_files(), ("lines", str(sample_path("xiguan_lines.gpkg")), None)])
    loop.exec()
    if window.session.result is None:
        raise SystemExit(f"the sample was not checked: {window.stage_label.text()}")
    _review_one(window, lang)
    _select(window, "height_max")
    _save(app, window, out)
    if lang == "zh":
        _compare_versions(app, window, loop)
    window.runner.shutdown()
    window.close()


def shoot_sunlight(out: Path, data: Path) -> None:
    """Run in the child process: the sample with its existing buildings (xiguan_existing.gpkg) and the sunlight
    standard of 酒泉; the sunlight_impact finding on XZ-9 selected, the map on XZ-9 and the scheme south of it, the
    inspector showing XZ-9's facades (English)."""
    import numpy as np
    import shapely
    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from planner.gui import sunlight_layer
    from planner.gui.app import install_translators, sample_files
    from planner.gui.main_window import MainWindow
    from planner.gui.session import in_display_crs
    from planner.resources import sample_path

    app = QApplication.instance() or QApplication([])
    app.setOrganizationName("Planner")
    app.setApplicationName("Planner")
    install_translators(app, "en")
    settings = QSettings(str(data / "planner.ini"), QSettings.Format.IniFormat)
    sunlight_layer.store_choice(settings, "酒泉", None, None)
    window = MainWindow("en", settings)
    window.setProperty("quiet_errors", True)
    window.resize(*SIZE)
    window.show()
    loop = QEventLoop()
    window.checkFinished.connect(loop.quit)
    QTimer.singleShot(60000, loop.quit)
    window.open_files([*sample_files(), ("existing", str(sample_path("xiguan_existing.gpkg")), "现状建筑")])
    loop.exec()
    if window.session.result is None or window.session.result.sunlight is None:
        raise SystemExit(f"the sample's sunlight was not analysed: {window.stage_label.text()}")
    _select(window, "sunlight_impact")
    existing = window.session.layers["existing"]
    row = int(np.flatnonzero(existing.ids == "XZ-9")[0])
    sunlight_layer.show_building(window, "XZ-9", True)  # the inspector's section, without a selection on the map
    window._show_inspector()
    shape = in_display_crs(window.session, [(existing.crs, existing.geometry[row:row + 1])])[0][0]
    x0, y0, x1, y1 = shapely.bounds(shape)
    window.canvas.zoom_to_bounds(x0 - 75, y0 - 65, x1 + 35, y1 + 15)
    _save(app, window, out)
    window.runner.shutdown()
    window.close()


def _save(app, window, out: Path) -> None:
    for _ in range(5):
        app.processEvents()
    window.canvas.finish_drawing()
    window.grab().save(str(out))


def _compare_versions(app, window, loop) -> None:
    """The amended plan (2025) put in force, compared with the sample plan it amends: what changed, on the map and
    in the Plan changes tab, and which findings depend on the version."""
    from planner.resources import sample_path

    window.canvas.set_selection("", [])
    window.canvas.set_highlight("", [])
    window.open_files([("plan", str(sample_path("xiguan_plan_2025.gpkg")), "控规地块")])
    loop.exec()
    old = next(k for k, v in enumerate(window.session.versions) if v.info.path.endswith("xiguan_plan.gpkg"))
    window.compare_version(old)
    loop.exec()
    window.changes_dock.raise_()
    changes = window.changes.changes
    model = changes.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 1).data() == "XG-06-01")
    changes.selectRow(row)  # the FAR raised by the amendment; the inspector shows the parcel
    window.canvas.zoom_to_all()
    _save(app, window, VERSIONS)


def _select(window, rule: str) -> None:
    proxy = window.findings.proxy
    for row in range(proxy.rowCount()):
        if getattr(proxy.finding(row), "rule", None) == rule:
            window.findings.view.selectRow(row)
            window.findings.view.scrollTo(proxy.index(row, 0))
            return


def _review_one(window, lang: str) -> None:
    """Note the height breach and 3#'s crossing of a parcel boundary and accept the marginal FAR breach of XG-06-04
    as an approved exception, as an official would (3#, every finding of it reviewed, carries a ✎ on the map)."""
    from planner.review import FindingNote

    violations = window.session.result.violations
    marginal = next(v for v in violations if v.marginal)
    height = next(v for v in violations if v.rule == "height_max")
    crossing = next(v for v in violations if v.rule == "crosses_parcel")
    moved = "3#楼须移入XG-06-01地块" if lang == "zh" else "3# to be moved inside XG-06-01"
    reason = "规委会2025年第3次会议纪要" if lang == "zh" else "Planning committee minutes 2025/3"
    note = "4#楼须降低两层" if lang == "zh" else "4# to be lowered by two storeys"
    review = (window.review_panel.review().with_note(marginal, FindingNote(accepted=True, reason=reason))
              .with_note(height, FindingNote(note=note)).with_note(crossing, FindingNote(note=moved)))
    window.review_panel.set_review(review)
    window._on_review_panel_review_changed()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=sorted(OUTPUTS), action="append")
    parser.add_argument("--sunlight", action="store_true", help="only the sunlight picture (sunlight.png)")
    parser.add_argument("--child", nargs=2, metavar=("LANG", "PNG"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        lang, out = args.child
        if lang == "sunlight":
            shoot_sunlight(Path(out), Path(os.environ["PLANNER_SCREENSHOT_DATA"]))
        else:
            shoot(lang, Path(out), Path(os.environ["PLANNER_SCREENSHOT_DATA"]))
        return 0
    for lang in ([] if args.sunlight else args.lang or sorted(OUTPUTS)) + ["sunlight"]:
        out = SUNLIGHT if lang == "sunlight" else OUTPUTS[lang]
        with tempfile.TemporaryDirectory() as data:
            env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
                   "PLANNER_SCREENSHOT_DATA": data, "XDG_DATA_HOME": data, "XDG_CONFIG_HOME": data,
                   "LANG": "zh_CN.UTF-8" if lang == "zh" else "en_US.UTF-8",
                   "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
            subprocess.run([sys.executable, __file__, "--child", lang, str(out)], check=True, env=env)
        print(out)
        if lang == "zh":
            print(VERSIONS)
    return 0


if __name__ == "__main__":
    sys.exit(main())
