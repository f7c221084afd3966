"""The case open in the window (issue 15): its number and deadline in the title and status bar, each check recorded
as a submission and compared with the last (the Resubmission tab), its review kept in the register too.

Thin on purpose: planner.cases.register keeps the case, planner.cases.resubmission compares submissions; this
module reads the window's session and shows what they say. MainWindow owns one CaseController
(`window.case_window`), made in its `_build_case_actions` block; the case list calls `open_case`.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDockWidget, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from planner.cases.register import CaseFile, CaseRecord, open_register
from planner.cases.resubmission import Resubmission, compare_submissions, finding_records, violation_of
from planner.messages import (
    CASE_RECORDED,
    CASE_REVIEW_CARRIED,
    CASE_REVIEW_RESTORED,
    CASE_WINDOW_STATUS,
    CASE_WINDOW_TITLE,
    DOCUMENT_RECORDED,
    RESUBMISSION_ALL_FIXED,
    RESUBMISSION_FIRST,
    RESUBMISSION_SECTIONS,
    RESUBMISSION_TITLE,
    case_days_left_text,
    case_deadline_text,
    rule_name,
    tr,
    violation_message,
)
from planner.model import CaseDetails, CheckResult, InputError, finding_key
from planner.review import Review, review_from_text, review_text, scheme_mismatch

__all__ = ["CaseController", "ResubmissionPanel", "output_kind", "window_files"]

log = logging.getLogger(__name__)

#: The window's exports by their first bytes (the name the official typed may lack its suffix) -> report kind
#: (planner.cases.register.REPORT_KINDS). An XLSX is a ZIP; a GeoPackage an SQLite database.
_OUTPUT_MAGIC = ((b"%PDF", "report"), (b"PK\x03\x04", "spreadsheet"), (b"SQLite format 3\x00", "geopackage"))


def output_kind(path: str | Path) -> str | None:
    """The kind of report a file the window exported is: report (PDF), spreadsheet (XLSX), geopackage; None for
    anything else or a file that cannot be read."""
    try:
        with open(path, "rb") as stream:
            head = stream.read(16)
    except OSError:
        return None
    return next((kind for magic, kind in _OUTPUT_MAGIC if head.startswith(magic)), None)


def window_files(window) -> list[CaseFile]:
    """The files checked in the window, as a submission's files (the declared-figures file among them)."""
    files = []
    for role, layer in window.session.layers.items():
        info = getattr(layer, "info", None)
        if info is not None and info.path:
            files.append(CaseFile(role=role, path=str(Path(info.path).absolute()), layer=info.layer or "",
                                  sha256=info.sha256 or ""))
    declared = getattr(window, "case_window", None)
    if declared is not None and declared.declared_path:
        files.append(CaseFile.of("declared", declared.declared_path))
    return files


class ResubmissionPanel(QWidget):
    """Fixed / still open / new against the case's last submission, each item with its sentence."""

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        self.resubmission: Resubmission | None = None

    def clear(self) -> None:
        self.resubmission = None
        self.summary.setText("")
        self.tree.clear()

    def show_first(self, number: str) -> None:
        self.clear()
        self.summary.setText(tr(RESUBMISSION_FIRST, self.lang).format(number=number))

    def show_resubmission(self, found: Resubmission, sentences: dict[str, str]) -> None:
        """`sentences`: this check's sentence of each finding still open or new, by finding key."""
        self.clear()
        self.resubmission = found
        text = tr(RESUBMISSION_TITLE, self.lang).format(previous=found.previous, **found.summary)
        if found.all_fixed:
            text += "\n" + tr(RESUBMISSION_ALL_FIXED, self.lang).format(previous=found.previous)
        self.summary.setText(text)
        for kind, marker, items in (("fixed", "✓", found.fixed), ("still_open", "✗", found.still_open),
                                    ("new", "+", found.new)):
            top = QTreeWidgetItem([f"{tr(RESUBMISSION_SECTIONS[kind], self.lang)} ({len(items)})"])
            top.setData(0, Qt.ItemDataRole.UserRole, kind)
            self.tree.addTopLevelItem(top)
            for item in items:
                sentence = self.sentence(item, kind, sentences)
                child = QTreeWidgetItem([f"{marker} {sentence}"])
                child.setToolTip(0, f"{rule_name(item['rule'], self.lang)}: {sentence}")
                child.setData(0, Qt.ItemDataRole.UserRole, item["key"])
                top.addChild(child)
            top.setExpanded(True)

    def sentence(self, item: dict, kind: str, sentences: dict[str, str]) -> str:
        """A fixed item in its own check's words when that check spoke this language; the others in this
        check's; else worded again from the record."""
        found = self.resubmission
        own = item.get("message") if kind == "fixed" and found is not None and found.previous_lang == self.lang \
            else sentences.get(item["key"]) if kind != "fixed" else None
        return own or violation_message(violation_of(item), self.lang)

    def items(self, kind: str) -> list[str]:
        """The sentences shown under `kind` (fixed, still_open, new)."""
        for k in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(k)
            if top.data(0, Qt.ItemDataRole.UserRole) == kind:
                return [top.child(j).text(0)[2:] for j in range(top.childCount())]
        return []


class CaseController(QObject):
    """The window's open case. Connected after the window's own slots, so the session is up to date."""

    submissionRecorded = Signal(int)  # the submission number a check was recorded as
    reviewRestored = Signal()
    reportRecorded = Signal(str, str)  # kind, path: a window export recorded with the open case

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.number: str | None = None
        self.case: CaseDetails | None = None
        self.register: Path | None = None
        self.today = None
        self.submission: int | None = None
        self.resubmission: Resubmission | None = None
        self.sentences: dict[str, str] = {}
        self.declared_rows: list | None = None  # planner.io.declared.DeclaredRow
        self.declared_path = ""
        self._pending_review: str | None = None  # the register's review, restored after the case's first check
        self._saved_review: Review | None = None
        self._base_title = window.windowTitle()
        self.status_label = QLabel(window)
        window.statusBar().addPermanentWidget(self.status_label)
        self.panel = ResubmissionPanel(window.lang, window)
        self.dock = QDockWidget(self.tr("Resubmission"), window)
        self.dock.setObjectName("dock_resubmission")
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        window.tabifyDockWidget(window.findings_dock, self.dock)
        self.dock.hide()
        window.view_menu.addAction(self.dock.toggleViewAction())
        window.runner.finished.connect(self._on_runner_finished)
        window.review_panel.reviewChanged.connect(self._on_review_changed)
        window.exportFinished.connect(self._on_export_finished)

    # --- opening -------------------------------------------------------------------------------------
    def open_case(self, number: str, register: Path, record: CaseRecord, today=None) -> None:
        """Make `number` the window's case (before its files are loaded): title, status bar, the review kept in
        the register (restored once the check has run), the declared figures registered with it."""
        self.number, self.register, self.case = number, Path(register), record.case
        self.today = today  # the day working days are counted from (None: today)
        self.submission, self.resubmission, self.sentences = None, None, {}
        self._pending_review = record.review
        self._saved_review = None
        declared = [f for f in record.current_files() if f.role == "declared"]
        self.declared_rows, self.declared_path = None, ""
        if declared:
            self._read_declared(declared[-1].path)
        self._show_case(record.row)
        self.panel.clear()

    def close_case(self) -> None:
        self.number = self.case = self.register = None
        self.panel.clear()
        self.dock.hide()
        self.status_label.setText("")
        self.status_label.setProperty("deadline", "")
        self.status_label.setStyleSheet("")
        self.window.setWindowTitle(self._base_title)

    def _show_case(self, row) -> None:
        """Title and status bar; `row`: the register's CaseRow (working days left, overdue, due soon)."""
        case, lang = self.case, self.window.lang
        deadline = case_deadline_text(case.deadline, case.deadline_estimated, lang)
        self.window.setWindowTitle(f"{tr(CASE_WINDOW_TITLE, lang).format(number=case.number, project=case.project or '-', deadline=deadline)}"
                                   f" — {self._base_title}")
        self.status_label.setText(tr(CASE_WINDOW_STATUS, lang).format(
            number=case.number, deadline=deadline,
            days=case_days_left_text(row.working_days_left, row.overdue, row.due_soon, lang)))
        # Marked as in the case list: overdue light red, due within 3 working days light amber.
        from planner.gui.case_list import DUE_SOON_COLOUR, OVERDUE_COLOUR

        state = "overdue" if row.overdue else "due_soon" if row.due_soon else ""
        colour = OVERDUE_COLOUR if row.overdue else DUE_SOON_COLOUR if row.due_soon else None
        self.status_label.setProperty("deadline", state)
        self.status_label.setStyleSheet(f"QLabel {{ background: {colour.name()}; padding: 0 4px; }}"
                                        if colour is not None else "")

    # --- each check ------------------------------------------------------------------------------------
    def _on_runner_finished(self, result, _layers) -> None:
        window = self.window
        if window.session.result is None:
            return
        if self.declared_rows is not None and not window.session.result.declared:
            if not self.apply_declared():
                return
        if self.number is None or window.session.buildings is None:
            return
        self._restore_review()
        self.record_check(window.session.result)

    def record_check(self, result: CheckResult) -> int | None:
        """Record the check as a submission of the case and show it against the last one."""
        from planner.report.serialise import sentences

        window, lang = self.window, self.window.lang
        files = window_files(window)
        messages = sentences(result, lang)
        records = finding_records(result, messages, lang)
        try:
            with open_register(self.register) as register:
                previous = register.previous_submission(self.number, files)
                self.submission = register.add_submission(self.number, files, records)
                review = window.review_panel.review()
                if not review.is_empty:
                    register.save_review(self.number, review_text(review))
                    self._saved_review = review
                row = register.record(self.number, self.today).row
        except InputError as error:
            window._show_error(error)
            return None
        self.case = row.case
        self._show_case(row)
        self.sentences = {finding_key(v): messages[id(v)] for v in result.violations}
        if previous is None:
            self.resubmission = None
            self.panel.show_first(self.number)
        else:
            self.resubmission = compare_submissions(previous.findings, records, previous.number, self.submission)
            self.panel.show_resubmission(self.resubmission, self.sentences)
            self.dock.show()
            self.dock.raise_()
        window.stage_label.setText(tr(CASE_RECORDED, lang).format(number=self.number, submission=self.submission,
                                                                  path=self.register))
        self.submissionRecorded.emit(self.submission)
        return self.submission

    # --- the window's exports ----------------------------------------------------------------------------
    def _on_export_finished(self, path: str, ok: bool) -> None:
        """A report, spreadsheet or GeoPackage written from the window while a case is open is recorded as a
        report of the case, with the submission it shows."""
        if not ok or self.number is None:
            return
        kind = output_kind(path)
        if kind is None:
            return
        try:
            with open_register(self.register) as register:
                register.record_report(self.number, kind, path, self.submission)
        except InputError as error:
            self.window._show_error(error)
            return
        self.window.stage_label.setText(tr(DOCUMENT_RECORDED, self.window.lang).format(path=path,
                                                                                     number=self.number))
        self.reportRecorded.emit(kind, path)

    # --- the review ------------------------------------------------------------------------------------
    def _restore_review(self) -> None:
        """The review the register keeps for the case, in the review panel (and so in the review file): as it
        is when written for this scheme; carried over to be reviewed again when written for an earlier one and
        the panel has nothing yet."""
        text, self._pending_review = self._pending_review, None
        if not text:
            return
        window = self.window
        try:
            kept = review_from_text(text)
        except (ValueError, TypeError) as error:
            log.warning("the review of case %s in %s cannot be read: %s", self.number, self.register, error)
            return
        scheme = window.review_store.scheme
        current = window.review_panel.review()
        if scheme_mismatch(kept.scheme, scheme) is None:
            review, message = kept.for_scheme(scheme), CASE_REVIEW_RESTORED
        elif current.is_empty:
            review, message = kept.to_review_again().for_scheme(scheme), CASE_REVIEW_CARRIED
        else:
            return
        if review.notes == current.notes and review.opinion == current.opinion:
            return
        window.review_panel.set_review(review)
        window._save_review()
        window._show_review_state()
        window.review_panel.set_notice(tr(message, window.lang).format(number=self.number, path=self.register))
        self._saved_review = review
        self.reviewRestored.emit()

    def _on_review_changed(self) -> None:
        if self.number is None:
            return
        review = self.window.review_panel.review()
        if self._saved_review is not None and review == self._saved_review:
            return
        try:
            with open_register(self.register) as register:
                register.save_review(self.number, review_text(review))
        except InputError as error:
            self.window._show_error(error)
            return
        self._saved_review = review

    # --- declared figures --------------------------------------------------------------------------------
    def _read_declared(self, path: str) -> bool:
        from planner.io.declared import read_declared

        try:
            self.declared_rows = read_declared(path)
        except InputError as error:
            self.window._show_error(error)
            self.declared_rows, self.declared_path = None, ""
            return False
        self.declared_path = str(Path(path).absolute())
        return True

    def load_declared(self, path: str) -> bool:
        """Read the applicant's declared figures (CSV or XLSX) and apply them to the check shown; the next checks
        apply them too. With a case open, the check is recorded again (the declared file is part of the scheme)."""
        if not self._read_declared(path):
            return False
        if self.window.session.result is None:
            return True
        if not self.apply_declared():
            return False
        if self.number is not None and self.window.session.buildings is not None:
            self.record_check(self.window.session.result)
        return True

    def apply_declared(self) -> bool:
        """The session's result with the declared figures beside the measured ones, and their findings."""
        from planner.checking.declared import with_declared
        from planner.messages import DECLARED_APPLIED

        window = self.window
        result = without_declared(window.session.result)
        try:
            declared = with_declared(result, self.declared_rows or [], self.declared_path)
        except InputError as error:
            window._show_error(error)
            self.declared_rows, self.declared_path = None, ""
            declared = result
        window.session = replace(window.session, result=declared)
        window._refresh_after_check()
        if self.declared_rows is None:
            return False
        differs = sum(1 for f in declared.declared if f.differs)
        window.stage_label.setText(tr(DECLARED_APPLIED, window.lang).format(
            path=self.declared_path or "-", count=len(declared.declared), differs=differs))
        return True


def without_declared(result: CheckResult) -> CheckResult:
    """The result without declared figures and their findings (before others are applied)."""
    from planner.model import DECLARED_RULES

    if not result.declared and not any(v.rule in DECLARED_RULES for v in result.violations):
        return result
    return replace(result, declared=(), violations=tuple(v for v in result.violations if v.rule not in DECLARED_RULES))

