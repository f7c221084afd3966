"""The window's case actions (issue 15): File > Load declared indicators…, Enter declared indicators…, Technical and
economic indicators…, and the Export menu's documents; installed by MainWindow._build_case_actions.

What they act on lives beside: planner.gui.case_window (the open case, its submissions and review),
planner.gui.declared_dialog (typing declared figures, the 技术经济指标 table), planner.gui.documents (the PDFs).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QFileDialog, QMenu

from planner.gui.case_window import CaseController
from planner.gui.declared_dialog import DeclaredDialog, IndicatorTableDialog, write_declared_csv
from planner.gui.documents import Documents
from planner.messages import DECLARED_NEEDS_CHECK, DECLARED_TYPED_SAVED, tr

__all__ = ["CaseActions", "install_case_actions"]

DECLARED_FILTER = "CSV / Excel (*.csv *.xlsx);;All files (*)"


class CaseActions(QObject):
    """The menu actions; `window.case_window` and `window.documents` do the work."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.indicator_dialog: IndicatorTableDialog | None = None
        file_menu = window.menuBar().actions()[0].menu()
        before = window.result_actions[0] if getattr(window, "result_actions", None) else None
        self.load_declared_action = QAction(self.tr("Load &declared indicators…"), window)
        self.load_declared_action.triggered.connect(lambda _c=False: self.ask_load_declared())
        self.enter_declared_action = QAction(self.tr("&Enter declared indicators…"), window)
        self.enter_declared_action.triggered.connect(lambda _c=False: self.enter_declared())
        self.indicators_action = QAction(self.tr("&Technical and economic indicators (技术经济指标)…"), window)
        self.indicators_action.triggered.connect(lambda _c=False: self.show_indicators())
        for action in (self.load_declared_action, self.enter_declared_action, self.indicators_action):
            file_menu.insertAction(before, action)
        file_menu.insertSeparator(before)
        self.export_menu = QMenu(self.tr("E&xport"), window)
        self.notice_action = self.export_menu.addAction(self.tr("&Notice to the applicant (一次性告知书)…"))
        self.notice_action.triggered.connect(lambda _c=False: window.documents.export("notice"))
        self.opinion_action = self.export_menu.addAction(self.tr("Review &opinion (审查意见书)…"))
        self.opinion_action.triggered.connect(lambda _c=False: window.documents.export("opinion"))
        self.conditions_action = self.export_menu.addAction(
            self.tr("Planning &conditions (规划条件) for the selected parcel…"))
        self.conditions_action.triggered.connect(lambda _c=False: window.documents.export("conditions"))
        window.menuBar().insertMenu(window.view_menu.menuAction(), self.export_menu)

    def _needs_result(self) -> bool:
        if self.window.session.result is None:
            self.window.stage_label.setText(tr(DECLARED_NEEDS_CHECK, self.window.lang))
            return True
        return False

    def ask_load_declared(self) -> None:
        window = self.window
        start = str(window.settings.value("last_directory", str(Path.home())))
        path, _ = QFileDialog.getOpenFileName(window, self.tr("Load declared indicators"), start, DECLARED_FILTER)
        if path:
            window.settings.setValue("last_directory", str(Path(path).parent))
            window.case_window.load_declared(path)
            self._refresh_indicators()

    def enter_declared(self, dialog: DeclaredDialog | None = None, path: str | None = None) -> bool:
        """Type the figures in; saved as a CSV in the user's data folder (or `path`) and applied as a file's."""
        window = self.window
        if self._needs_result():
            return False
        if dialog is None:
            dialog = DeclaredDialog(window.lang, [str(p) for p in window.session.result.parcels.ids.tolist()],
                                    window)
            for row in window.case_window.declared_rows or []:
                dialog.add_row(row.parcel or "", row.indicator, f"{row.declared:g}")
            if dialog.table.rowCount() == 0:
                dialog.add_row()
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
        path = path or str(self._typed_path())
        try:
            write_declared_csv(dialog.rows(), path)
        except OSError as exc:
            from planner.model import InputError

            window._show_error(InputError("output_unwritable", path=path, error=exc.strerror or str(exc)))
            return False
        loaded = window.case_window.load_declared(path)
        if loaded:
            window.stage_label.setText(f"{window.stage_label.text()} "
                                       f"{tr(DECLARED_TYPED_SAVED, window.lang).format(path=path)}")
        self._refresh_indicators()
        return loaded

    def _typed_path(self) -> Path:
        window = self.window
        location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
        folder = Path(location or Path.home() / ".planner") / "declared"
        folder.mkdir(parents=True, exist_ok=True)
        case = window.case_window.number
        stem = case or (Path(window.session.buildings.info.path).stem if window.session.buildings else "scheme")
        return folder / ("".join(c if c not in '\\/:*?"<>|' else "_" for c in stem) + "_declared.csv")

    def show_indicators(self) -> IndicatorTableDialog | None:
        window = self.window
        if self._needs_result():
            return None
        if self.indicator_dialog is None:
            self.indicator_dialog = IndicatorTableDialog(window.session.result, window.lang, window)
        else:
            self.indicator_dialog.show_result(window.session.result, window.lang)
        self.indicator_dialog.show()
        self.indicator_dialog.raise_()
        return self.indicator_dialog

    def _refresh_indicators(self) -> None:
        if self.indicator_dialog is not None and self.window.session.result is not None:
            self.indicator_dialog.show_result(self.window.session.result, self.window.lang)


def install_case_actions(window) -> CaseActions:
    """The open case, the documents and their menu actions, on `window`."""
    window.case_window = CaseController(window)
    window.documents = Documents(window)
    window.case_actions = CaseActions(window)
    return window.case_actions
