"""Starting the desktop application: Qt application, translations, settings, the main window."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from planner.messages import default_language
from planner.resources import resource_path, sample_path

log = logging.getLogger(__name__)

SAMPLE_PLAN = ("plan", "xiguan_plan.gpkg", "控规地块")
SAMPLE_SCHEME = (("buildings", "scheme_violating.gpkg", "建筑"), ("green", "scheme_violating.gpkg", "绿地"))


def install_translators(app: QApplication, lang: str) -> list[QTranslator]:
    """Planner's own Chinese translation, and Qt's for its standard dialogs and buttons."""
    if lang != "zh":
        return []
    translators = []
    for directory, name in ((str(resource_path("translations")), "planner_zh_CN"),
                            (QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath), "qtbase_zh_CN")):
        translator = QTranslator(app)
        if translator.load(name, directory):
            app.installTranslator(translator)
            translators.append(translator)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    return translators


def sample_files() -> list[tuple[str, str, str]]:
    """The bundled sample plan and its violating scheme: what a new user sees first."""
    return [(role, str(sample_path(name)), layer) for role, name, layer in (SAMPLE_PLAN, *SAMPLE_SCHEME)]


def run_gui(files: list[tuple[str, str, str | None]] | None = None, lang: str | None = None,
            screenshot: str | None = None, settings: QSettings | None = None, register: str | None = None) -> int:
    """Open the main window on `files` ((role, path, layer)), or on the sample when None; run the event loop.

    With `screenshot`, wait until loading and checking have finished, save the window as a PNG and exit.
    """
    from planner.gui.main_window import MainWindow

    logging.basicConfig(level=logging.INFO)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("Planner")
    app.setApplicationName("Planner")
    lang = lang or default_language()
    install_translators(app, lang)
    window = MainWindow(lang, settings)
    sys.excepthook = _report_unexpected(window, lang)
    if screenshot:
        window.setProperty("quiet_errors", True)
        window.resize(1600, 1000)
        window.checkFinished.connect(lambda: QTimer.singleShot(300, lambda: _save_and_quit(window, screenshot)))
    if register:  # `planner gui --register PATH`: the case register for this session
        window.setProperty("case_register", register)
    window.show()
    QTimer.singleShot(0, lambda: window.open_files(sample_files() if files is None else files))
    if files is None and not screenshot:  # opened without files: the official's open cases come first
        from planner.gui.case_list import show_cases_on_start

        QTimer.singleShot(0, lambda: show_cases_on_start(window))
    return app.exec()


def _report_unexpected(window, lang: str):
    """An exception escaping a Qt slot is a bug: log it with its traceback and tell the user, don't crash."""
    from PySide6.QtWidgets import QMessageBox

    from planner.messages import error_message

    def hook(kind, error, trace) -> None:
        log.error("unexpected error", exc_info=(kind, error, trace))
        text = error_message("unexpected", {"error": f"{kind.__name__}: {error}"}, lang)
        if window.property("quiet_errors"):
            window.stage_label.setText(text)
        else:
            QMessageBox.critical(window, "Planner", text)

    return hook


def _save_and_quit(window, path: str) -> None:
    window.canvas.finish_drawing()  # a big map's picture is otherwise drawn over several turns of the event loop
    window.grab().save(path)
    log.info("screenshot saved to %s", Path(path).resolve())
    window.close()
    QApplication.instance().quit()
