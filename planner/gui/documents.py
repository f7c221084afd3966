"""Documents from the window (issue 15): 一次性告知书, 审查意见书 and a parcel's 规划条件, written in a worker thread
and recorded with the open case.

The documents themselves are planner.report.notice / opinion / conditions; this module gathers what they need from
the window (the result, the review, the case or the case form, the selected parcel), asks for the PDF path and
writes it off the UI thread (a QTextDocument and a QPdfWriter need no widgets).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QFileDialog

from planner.messages import (
    CASE_REPORT_KINDS,
    DOCUMENT_NEEDS_CHECK,
    DOCUMENT_NEEDS_PARCEL,
    DOCUMENT_NEEDS_PLAN,
    DOCUMENT_RECORDED,
    DOCUMENT_WRITING,
    DOCUMENT_WRITTEN,
    tr,
)
from planner.model import CaseDetails, InputError

__all__ = ["DOCUMENT_KINDS", "DocumentWriter", "Documents", "check_writable"]

log = logging.getLogger(__name__)

#: The documents the window writes: kind (planner.cases.register.REPORT_KINDS) -> file name suffix.
DOCUMENT_KINDS = {"notice": "_一次性告知书.pdf", "opinion": "_审查意见书.pdf", "conditions": "_规划条件.pdf"}


def check_writable(path: str) -> None:
    """Refuse, before anything is made, a path whose folder is missing or may not be written in (InputError)."""
    target = Path(path)
    folder = target.parent
    if not folder.is_dir():
        raise InputError("output_folder_missing", path=path, folder=str(folder))
    if not os.access(folder, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
        raise InputError("output_not_writable", path=path)


def unwritable(path: str, exc: OSError) -> InputError:
    """An OSError while writing, as the error that names the file (Qt's painter gives no errno: worded as a
    file that may not be written)."""
    if exc.errno is None:
        return InputError("output_not_writable", path=exc.filename or path)
    return InputError("output_unwritable", path=exc.filename or path, error=exc.strerror or str(exc))


class DocumentWriter(QObject):
    """Runs one write at a time in a Python thread; `written` or `failed` arrive on the GUI thread (queued)."""

    written = Signal(str, str)  # kind, path
    failed = Signal(str, object)  # kind, InputError or another exception

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.thread: threading.Thread | None = None

    def start(self, kind: str, path: str, write: Callable[[str], None]) -> None:
        def run() -> None:
            try:
                check_writable(path)
                write(path)
                if not Path(path).is_file():  # Qt's PDF writer says nothing when it could not open the file
                    raise InputError("output_not_writable", path=path)
            except InputError as error:
                self.failed.emit(kind, error)
            except OSError as exc:
                self.failed.emit(kind, unwritable(path, exc))
            except Exception as error:  # a bug: logged, and the window says so in one line
                log.exception("writing the %s %s failed unexpectedly", kind, path)
                self.failed.emit(kind, error)
            else:
                self.written.emit(kind, path)

        self.thread = threading.Thread(target=run, name=f"planner-{kind}", daemon=True)
        self.thread.start()

    def is_running(self) -> bool:
        return self.thread is not None and self.thread.is_alive()

    def wait(self, timeout: float | None = None) -> None:
        if self.thread is not None:
            self.thread.join(timeout)


class Documents(QObject):
    """Export > Notice to the applicant…, Review opinion…, Planning conditions… of one window."""

    documentWritten = Signal(str, str)  # kind, path (after the register recorded it, with a case open)

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.writer = DocumentWriter(self)
        self.writer.written.connect(self._on_writer_written)
        self.writer.failed.connect(self._on_writer_failed)

    def _lang(self) -> str:
        return self.window.lang

    def _say(self, text: str) -> None:
        self.window.stage_label.setText(text)

    def _case(self) -> CaseDetails | None:
        """The open case's details, else those typed in the case form (not registered); None: cancelled."""
        controller = self.window.case_window
        if controller.case is not None:
            return controller.case
        from planner.cases.case_file import with_deadline
        from planner.gui.case_list import NewCaseDialog

        dialog = NewCaseDialog(self._lang(), self.window)
        dialog.with_files.hide()
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        try:
            return with_deadline(dialog.case())
        except InputError as error:
            self.window._show_error(error)
            return None

    def _meta(self, case: CaseDetails, plan_info=None):
        from planner.cases.office import load_office_settings
        from planner.report.official import document_meta

        settings = load_office_settings().overridden(authority=str(self.window.settings.value("report/authority",
                                                                                              "")))
        result = self.window.session.result if plan_info is None else None
        return document_meta(result, case, settings=settings, plan_info=plan_info)

    def _ask_path(self, kind: str, path: str | None) -> str | None:
        if path:
            return path
        window = self.window
        start = Path(str(window.settings.value("last_directory", str(Path.home()))))
        case = window.case_window.case
        stem = case.number if case is not None else (
            Path(window.session.buildings.info.path).stem if window.session.buildings is not None else "planner")
        stem = "".join(c if c not in '\\/:*?"<>|' else "_" for c in stem)
        chosen, _ = QFileDialog.getSaveFileName(window, tr(CASE_REPORT_KINDS[kind], self._lang()),
                                                str(start / f"{stem}{DOCUMENT_KINDS[kind]}"), "PDF (*.pdf)")
        return chosen or None

    def _refuse(self, template: str, **values: str) -> bool:
        self._say(tr(template, self._lang()).format(**values))
        return False

    def export(self, kind: str, path: str | None = None, case: CaseDetails | None = None,
               parcel: str | None = None) -> bool:
        """Write the document `kind` (notice, opinion, conditions) to `path` (asked when None) in the background.
        Returns whether the write was started; `documentWritten` follows."""
        window, lang = self.window, self._lang()
        session = window.session
        if kind == "conditions":
            if session.plan is None:
                return self._refuse(DOCUMENT_NEEDS_PLAN)
            parcel = parcel or self.selected_parcel()
            if parcel is None:
                return self._refuse(DOCUMENT_NEEDS_PARCEL)
        elif session.result is None:
            return self._refuse(DOCUMENT_NEEDS_CHECK, document=tr(CASE_REPORT_KINDS[kind], lang))
        case = case or self._case()
        if case is None:
            return False
        path = self._ask_path(kind, path)
        if not path:
            return False
        if self.writer.is_running():
            self.writer.wait()
        write = self._writer_for(kind, case, parcel)
        window.settings.setValue("last_directory", str(Path(path).parent))
        self._say(tr(DOCUMENT_WRITING, lang).format(path=path))
        self.writer.start(kind, path, write)
        return True

    def _writer_for(self, kind: str, case: CaseDetails, parcel: str | None) -> Callable[[str], None]:
        """What the worker thread runs: everything it reads is taken now, on the GUI thread (the session and the
        review are immutable)."""
        window, lang = self.window, self._lang()
        session = window.session
        review = window.review_panel.review()
        if kind == "notice":
            from planner.report.notice import write_notice

            result, meta = session.result, self._meta(case)
            return lambda p: write_notice(result, meta, p, lang, review)
        if kind == "opinion":
            from planner.report.opinion import write_opinion

            result, meta = session.result, self._meta(case)
            resubmission = window.case_window.resubmission if window.case_window.case is case else None
            return lambda p: write_opinion(result, meta, p, lang, review, resubmission)
        from planner.checking.conditions import parcel_conditions
        from planner.report.conditions import write_conditions

        plan, lines = session.plan, session.lines
        meta = self._meta(case, plan_info=plan.info)

        def conditions(p: str) -> None:
            write_conditions(parcel_conditions(plan, parcel, [lines] if lines is not None else []), meta, p, lang)

        return conditions

    def selected_parcel(self) -> str | None:
        """The parcel selected on the map (or the parcel of the selected building)."""
        window = self.window
        key, rows = window.canvas.selection()
        session = window.session
        if key == "plan" and rows and session.plan is not None:
            return str(session.plan.ids[rows[0]])
        if key == "buildings" and rows and session.buildings is not None:
            return window._parcel_of_building(str(session.buildings.ids[rows[0]]))
        return None

    def _on_writer_written(self, kind: str, path: str) -> None:
        controller = self.window.case_window
        lang = self._lang()
        if controller.number is None:
            self._say(tr(DOCUMENT_WRITTEN, lang).format(path=path))
        else:
            from planner.cases.register import open_register

            try:
                with open_register(controller.register) as register:
                    register.record_report(controller.number, kind, path, controller.submission)
                    if kind == "notice":
                        register.set_status(controller.number, "notified")
            except InputError as error:
                self.window._show_error(error)
            else:
                self._say(tr(DOCUMENT_RECORDED, lang).format(path=path, number=controller.number))
        self.documentWritten.emit(kind, path)

    def _on_writer_failed(self, _kind: str, error: object) -> None:
        self._say(self.window._show_error(error))

