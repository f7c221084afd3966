"""The case list (File > Cases…): the register's cases with their deadlines, New case and Open case.

Thin on purpose: planner.cases.register counts deadlines and working days and keeps the cases; this module
shows them and hands a case's files to MainWindow.open_files (whose review file beside the buildings comes
back with them, as when the files are opened by hand).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.cases.register import CaseFile, CaseRow, default_register_path, open_register
from planner.messages import (
    CASE_CLOSE_CONFIRM,
    CASE_CLOSE_NONE,
    CASE_CLOSED,
    CASE_COLUMNS,
    CASE_LABELS,
    CASE_REGISTER_SHOWN,
    case_days_left_text,
    case_deadline_text,
    case_status_name,
    error_message,
    tr,
)
from planner.model import STATUTORY_LIMIT_DAYS, CaseDetails, InputError

__all__ = ["CaseListDialog", "NewCaseDialog", "add_case_actions", "close_case", "register_path_for",
           "show_cases", "show_cases_on_start"]

#: Row colours: overdue (light red), due within 3 working days (light amber). The text says it too.
OVERDUE_COLOUR = QColor("#f8d0d0")
DUE_SOON_COLOUR = QColor("#fbe7b5")
CLOSED_COLOUR = QColor("#808080")  # a closed case's text: grey
SETTING = "cases/register"


def register_path_for(window: QWidget) -> Path:
    """The register of this window: `planner gui --register PATH`, else the setting cases/register, else the
    default in the user data folder."""
    given = window.property("case_register")
    if given:
        return Path(str(given))
    settings = getattr(window, "settings", None) or QSettings()
    stored = settings.value(SETTING, "")
    return Path(str(stored)) if stored else default_register_path()


class NewCaseDialog(QDialog):
    """A form for a new case's details (受理): number, project, applicant, site, received, limit, officers."""

    def __init__(self, lang: str, parent: QWidget | None = None, today: date | None = None,
                 has_files: bool = False) -> None:
        super().__init__(parent)
        self.lang = lang
        self.setWindowTitle(self.tr("New case"))
        form = QFormLayout()
        self.fields: dict[str, QLineEdit] = {}
        labels = {**{k: tr(v, lang) for k, v in CASE_COLUMNS.items()}, **{k: tr(v, lang) for k, v in CASE_LABELS.items()}}
        for key in ("number", "project", "applicant", "site"):
            self.fields[key] = QLineEdit(self)
            form.addRow(labels[key], self.fields[key])
        self.received = QDateEdit(self)
        self.received.setCalendarPopup(True)
        self.received.setDisplayFormat("yyyy-MM-dd")
        today = today or date.today()
        self.received.setDate(QDate(today.year, today.month, today.day))
        form.addRow(labels["received"], self.received)
        self.limit_days = QSpinBox(self)
        self.limit_days.setRange(1, 366)
        self.limit_days.setValue(STATUTORY_LIMIT_DAYS)
        form.addRow(labels["limit_days"], self.limit_days)
        for key in ("officer", "reviewer", "approver"):
            self.fields[key] = QLineEdit(self)
            form.addRow(labels[key], self.fields[key])
        self.with_files = QCheckBox(self.tr("Register the files open in the window with the case"), self)
        self.with_files.setChecked(has_files)
        self.with_files.setEnabled(has_files)
        form.addRow(self.with_files)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def case(self) -> CaseDetails:
        """The details typed (raises InputError without a number, as a case file would)."""
        from planner.cases.case_file import case_details

        day = self.received.date()
        values = {key: edit.text() for key, edit in self.fields.items()}
        values.update(received=date(day.year(), day.month(), day.day()), limit_days=self.limit_days.value())
        return case_details(values, self.tr("New case"))


class CaseListDialog(QDialog):
    """The register's cases: number, project, applicant, received, deadline, working days left, status."""

    caseOpened = Signal(str)  # a case's number, once its files were handed to the window

    def __init__(self, register: Path, lang: str, parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self.register = register
        self.lang = lang
        self.today = today
        self.rows: list[CaseRow] = []
        self.setWindowTitle(self.tr("Cases"))
        self.where = QLabel(self)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.where.setWordWrap(True)
        self.other_register_button = QPushButton(self.tr("Use another &register…"), self)
        self.other_register_button.clicked.connect(self.ask_register)
        where = QHBoxLayout()
        where.addWidget(self.where, 1)
        where.addWidget(self.other_register_button)
        self.table = QTableWidget(0, len(CASE_COLUMNS), self)
        self.table.setHorizontalHeaderLabels([tr(text, lang) for text in CASE_COLUMNS.values()])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the project takes the room left
        self.table.verticalHeader().hide()
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.show_closed = QCheckBox(self.tr("Show closed cases"), self)
        self.show_closed.toggled.connect(lambda _on: self.refresh())
        self.new_button = QPushButton(self.tr("&New case…"), self)
        self.new_button.clicked.connect(self.ask_new_case)
        self.open_button = QPushButton(self.tr("&Open case"), self)
        self.open_button.clicked.connect(self.open_selected)
        self.close_case_button = QPushButton(self.tr("C&lose case…"), self)
        self.close_case_button.clicked.connect(self.close_selected)
        self.table.itemSelectionChanged.connect(self._enable_buttons)
        close_button = QPushButton(self.tr("Close"), self)
        close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.show_closed)
        buttons.addStretch(1)
        for button in (self.new_button, self.open_button, self.close_case_button, close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(where)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.resize(900, 420)
        self.refresh()

    def _error(self, error: InputError) -> None:
        text = error_message(error.code, error.details, self.lang)
        parent = self.parent()
        if parent is not None and parent.property("quiet_errors"):
            self.where.setText(text)
        else:
            QMessageBox.warning(self, self.tr("Cases"), text)

    def ask_register(self) -> bool:
        """Use another register file (an existing one, or a new one made on first use)."""
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Use another register"), str(self.register),
            self.tr("Case register (*.sqlite *.db);;All files (*)"),
            options=QFileDialog.Option.DontConfirmOverwrite)
        return bool(chosen) and self.use_register(Path(chosen))

    def use_register(self, path: Path) -> bool:
        """Make `path` the register of this window and of the next sessions (the setting cases/register; a
        `planner gui --register` given for this session gives way to the official's choice)."""
        window = self.parent()
        settings = getattr(window, "settings", None) or QSettings()
        settings.setValue(SETTING, str(path))
        if window is not None and window.property("case_register"):
            window.setProperty("case_register", str(path))
        self.register = Path(path)
        self.refresh()
        return True

    def refresh(self) -> None:
        self.where.setText(tr(CASE_REGISTER_SHOWN, self.lang).format(path=self.register))
        try:
            with open_register(self.register) as register:
                self.rows = register.list_cases(self.today, include_closed=self.show_closed.isChecked())
        except InputError as error:
            self.rows = []
            self._error(error)
        self.table.setRowCount(len(self.rows))
        for k, row in enumerate(self.rows):
            self._fill(k, row)
        if self.rows:  # the first open case (closed ones are listed too when asked for)
            self.table.selectRow(next((k for k, r in enumerate(self.rows) if r.case.status != "closed"), 0))
        self._enable_buttons()

    def _enable_buttons(self) -> None:
        number = self.selected_number()
        self.open_button.setEnabled(number is not None)
        row = next((r for r in self.rows if r.case.number == number), None)
        self.close_case_button.setEnabled(row is not None and row.case.status != "closed")

    def _fill(self, k: int, row: CaseRow) -> None:
        case = row.case
        closed = case.status == "closed"
        cells = [case.number, case.project, case.applicant, case.received.isoformat() if case.received else "-",
                 case_deadline_text(case.deadline, case.deadline_estimated, self.lang),
                 "-" if closed else case_days_left_text(row.working_days_left, row.overdue, row.due_soon, self.lang),
                 case_status_name(case.status, self.lang)]
        colour = OVERDUE_COLOUR if row.overdue else DUE_SOON_COLOUR if row.due_soon else None
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if colour is not None:
                item.setBackground(QBrush(colour))
            if closed:
                item.setForeground(QBrush(CLOSED_COLOUR))
            if column == 4 and case.deadline_estimated:
                item.setToolTip(text)
            self.table.setItem(k, column, item)

    def selected_number(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()].case.number if rows else None

    def ask_new_case(self) -> None:
        window = self.parent()
        files = _window_files(window)
        dialog = NewCaseDialog(self.lang, self, self.today, has_files=bool(files))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            self.add_case(dialog.case(), files if dialog.with_files.isChecked() else [])
        except InputError as error:
            self._error(error)

    def add_case(self, case: CaseDetails, files: list[CaseFile]) -> None:
        with open_register(self.register) as register:
            register.add_case(case, files)
        self.refresh()

    def close_selected(self, confirm: bool = True) -> bool:
        """Close the selected case (已办结) after asking; the list and the window follow."""
        number = self.selected_number()
        window = self.parent()
        return number is not None and window is not None and close_case(window, number, self.register, confirm)

    def open_selected(self) -> None:
        number = self.selected_number()
        if number is not None:
            self.open_case(number)

    def open_case(self, number: str) -> None:
        """Hand the case's current files to the window (which loads and checks them, and opens the review kept
        beside the buildings)."""
        try:
            with open_register(self.register) as register:
                record = register.record(number, self.today)
        except InputError as error:
            self._error(error)
            return
        files = [(f.role, f.path, f.layer or None) for f in record.current_files() if f.role != "declared"]
        window = self.parent()
        controller = getattr(window, "case_window", None)
        if controller is not None:  # the window shows the case, records its checks, keeps its review
            controller.open_case(number, self.register, record, self.today)
        if window is not None and files:
            window.setProperty("case_number", number)
            window.open_files(files)
        self.caseOpened.emit(number)


def close_case(window: QWidget, number: str, register: Path | None = None, confirm: bool = True) -> bool:
    """Close case `number` (status 已办结: it takes no further submissions) after the official confirms it; the
    window lets go of it when it is the case open there, and the case list is refreshed. Returns whether closed."""
    register = register or register_path_for(window)
    lang = getattr(window, "lang", "en")
    try:
        with open_register(register) as opened:  # not held open while the official reads the question
            case = opened.get_case(number)
        if confirm:
            text = tr(CASE_CLOSE_CONFIRM, lang).format(number=case.number, project=case.project or "-")
            answer = QMessageBox.question(window, QCoreApplication.translate("CaseListDialog", "Close case"), text,
                                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                          QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return False
        with open_register(register) as opened:
            opened.close_case(number)
    except InputError as error:
        _show_error(window, error)
        return False
    controller = getattr(window, "case_window", None)
    if controller is not None and controller.number == number:
        controller.close_case()
    stage = getattr(window, "stage_label", None)
    if stage is not None:
        stage.setText(tr(CASE_CLOSED, lang).format(number=number))
    dialog = getattr(window, "case_list", None)
    if dialog is not None:
        dialog.refresh()
    return True


def close_open_case(window, confirm: bool = True) -> bool:
    """File > Close case…: the case open in the window."""
    controller = getattr(window, "case_window", None)
    if controller is None or controller.number is None:
        window.stage_label.setText(tr(CASE_CLOSE_NONE, window.lang))
        return False
    return close_case(window, controller.number, controller.register, confirm)


def _show_error(window: QWidget, error: InputError) -> None:
    show = getattr(window, "_show_error", None)
    if show is not None:
        text = show(error)
        if getattr(window, "stage_label", None) is not None:
            window.stage_label.setText(text)
    else:
        QMessageBox.warning(window, QCoreApplication.translate("CaseListDialog", "Cases"),
                            error_message(error.code, error.details, getattr(window, "lang", "en")))


def _window_files(window: QWidget | None) -> list[CaseFile]:
    """The files open in the window, as a case's files."""
    session = getattr(window, "session", None)
    if session is None:
        return []
    files = []
    for role, layer in session.layers.items():
        info = getattr(layer, "info", None)
        if info is not None and info.path:
            files.append(CaseFile(role=role, path=str(Path(info.path).absolute()), layer=info.layer,
                                  sha256=info.sha256))
    return files


def show_cases(window: QWidget, today: date | None = None) -> CaseListDialog:
    """The case list beside the window (not modal: the official keeps working on the map)."""
    dialog = getattr(window, "case_list", None)
    if dialog is None:
        dialog = CaseListDialog(register_path_for(window), getattr(window, "lang", "en"), window, today)
        window.case_list = dialog
    else:  # the register may have been placed elsewhere since
        dialog.register = register_path_for(window)
        dialog.today = today or dialog.today
        dialog.refresh()
    dialog.show()
    dialog.raise_()
    return dialog


def show_cases_on_start(window: QWidget) -> CaseListDialog | None:
    """On start without files: the case list when the register has open cases; nothing otherwise (a new user
    gets the sample and no empty list). A register that cannot be read says so only when the list is opened."""
    try:
        with open_register(register_path_for(window)) as register:
            if not register.has_open_cases():
                return None
    except InputError:
        return None
    return show_cases(window)


def add_case_actions(window) -> QAction:
    """File > Cases… at the top of the window's File menu."""
    action = QAction(QCoreApplication.translate("CaseListDialog", "&Cases…"), window)
    action.triggered.connect(lambda _checked=False: show_cases(window))
    file_menu = window.menuBar().actions()[0].menu()
    first = file_menu.actions()[0] if file_menu.actions() else None
    file_menu.insertAction(first, action)
    close = QAction(QCoreApplication.translate("CaseListDialog", "C&lose case…"), window)
    close.triggered.connect(lambda _checked=False: close_open_case(window))
    file_menu.insertAction(first, close)
    # Enabled while a case is open in the window (checked as the menu opens).
    file_menu.aboutToShow.connect(
        lambda: close.setEnabled(getattr(getattr(window, "case_window", None), "number", None) is not None))
    file_menu.insertSeparator(first)
    window.cases_action = action
    window.close_case_action = close
    return action
