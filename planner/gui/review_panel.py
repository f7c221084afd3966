"""The reviewer's notes: a note and an approved exception on the current finding, the reviewer, the opinion."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from planner.messages import QT_TRANSLATE_NOOP, rule_name, tr, violation_message, warning_message, warning_name
from planner.model import CheckWarning, Violation, finding_key
from planner.review import FindingNote, Review, ReviewStore

__all__ = ["DEBOUNCE_MS", "ReviewPanel", "ReviewStore"]

Finding = Violation | CheckWarning

# reviewChanged comes this long after the last keystroke, so an autosave does not write on every key.
DEBOUNCE_MS = 500

# Fixed texts are in the one "messages" context and follow the widget's language (see violations.py).
FINDING_CAPTION = QT_TRANSLATE_NOOP("messages", "Finding")
NO_FINDING = QT_TRANSLATE_NOOP("messages", "Select a finding in the table to write a note on it.")
NOTE_CAPTION = QT_TRANSLATE_NOOP("messages", "Note")
NOTE_PLACEHOLDER = QT_TRANSLATE_NOOP("messages", "Your note on this finding")
ACCEPTED_TEXT = QT_TRANSLATE_NOOP("messages", "Accepted (approved exception)")
REASON_CAPTION = QT_TRANSLATE_NOOP("messages", "Reason")
REASON_PLACEHOLDER = QT_TRANSLATE_NOOP("messages", "Basis: approval no., meeting minutes")
REASON_MISSING = QT_TRANSLATE_NOOP("messages", "An accepted finding needs a reason.")
REVIEWER_CAPTION = QT_TRANSLATE_NOOP("messages", "Reviewer")
REVIEWER_PLACEHOLDER = QT_TRANSLATE_NOOP("messages", "Your name")
OPINION_CAPTION = QT_TRANSLATE_NOOP("messages", "Overall opinion")
OPINION_PLACEHOLDER = QT_TRANSLATE_NOOP("messages", "The review opinion on the whole scheme")
VIOLATION_TITLE = QT_TRANSLATE_NOOP("messages", "Violation: {name}")
WARNING_TITLE = QT_TRANSLATE_NOOP("messages", "Warning: {name}")

WARNING_COLOUR = QColor(176, 0, 32)


class ReviewPanel(QWidget):
    """Edits a Review: the note on the finding shown (show_finding), the reviewer and the overall opinion.

    review() is current after every keystroke. reviewChanged is debounced: it is emitted DEBOUNCE_MS after the
    last edit (flush() emits a pending one at once, e.g. before the window closes), never for set_review or
    show_finding. Notes are kept by finding_key, so a finding shown again, or the same finding of a re-check,
    shows its note.
    """

    reviewChanged = Signal()

    def __init__(self, lang: str = "zh", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self._review = Review()
        self._finding: Finding | None = None
        self._key: str | None = None
        self._filling = False  # True while widgets are set from the review: no edits then

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.reviewChanged)

        #: What the official should know about the review file (it names no scheme, its backup was used, notes
        #: were imported from another scheme's review); hidden when there is nothing to say.
        self.notice_label = QLabel(self)
        self.notice_label.setWordWrap(True)
        self.notice_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        palette = self.notice_label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, WARNING_COLOUR)
        self.notice_label.setPalette(palette)
        self.notice_label.hide()

        self.finding_caption = _caption(self._t(FINDING_CAPTION), self)
        self.finding_label = QLabel(self)
        self.finding_label.setTextFormat(Qt.TextFormat.RichText)
        self.finding_label.setWordWrap(True)
        self.finding_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.finding_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        self.note_caption = _caption(self._t(NOTE_CAPTION), self)
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setPlaceholderText(self._t(NOTE_PLACEHOLDER))
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(_lines_height(self.note_edit, 4))

        self.accepted_check = QCheckBox(self._t(ACCEPTED_TEXT), self)
        self.reason_caption = QLabel(self._t(REASON_CAPTION), self)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setPlaceholderText(self._t(REASON_PLACEHOLDER))
        self.reason_edit.setClearButtonEnabled(True)
        self.reason_caption.setBuddy(self.reason_edit)
        self.reason_warning = QLabel(self._t(REASON_MISSING), self)
        self.reason_warning.setWordWrap(True)
        palette = self.reason_warning.palette()
        palette.setColor(QPalette.ColorRole.WindowText, WARNING_COLOUR)
        self.reason_warning.setPalette(palette)
        policy = self.reason_warning.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # the fields below stay put while the reason is typed
        self.reason_warning.setSizePolicy(policy)
        self.reason_warning.hide()

        self.reviewer_caption = _caption(self._t(REVIEWER_CAPTION), self)
        self.reviewer_edit = QLineEdit(self)
        self.reviewer_edit.setPlaceholderText(self._t(REVIEWER_PLACEHOLDER))
        self.reviewer_caption.setBuddy(self.reviewer_edit)
        self.opinion_caption = _caption(self._t(OPINION_CAPTION), self)
        self.opinion_edit = QPlainTextEdit(self)
        self.opinion_edit.setPlaceholderText(self._t(OPINION_PLACEHOLDER))
        self.opinion_edit.setTabChangesFocus(True)
        self.opinion_edit.setMinimumHeight(_lines_height(self.opinion_edit, 5))

        reason_row = QHBoxLayout()
        reason_row.setContentsMargins(22, 0, 0, 0)  # under the check box's text, not its box
        reason_row.addWidget(self.reason_caption)
        reason_row.addWidget(self.reason_edit, 1)
        warning_row = QHBoxLayout()
        warning_row.setContentsMargins(22, 0, 0, 0)
        warning_row.addWidget(self.reason_warning)
        rule = QFrame(self)
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFrameShadow(QFrame.Shadow.Sunken)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.notice_label)
        layout.addWidget(self.finding_caption)
        layout.addWidget(self.finding_label)
        layout.addSpacing(4)
        layout.addWidget(self.note_caption)
        layout.addWidget(self.note_edit)
        layout.addWidget(self.accepted_check)
        layout.addLayout(reason_row)
        layout.addLayout(warning_row)
        layout.addWidget(rule)
        layout.addSpacing(2)
        layout.addWidget(self.reviewer_caption)
        layout.addWidget(self.reviewer_edit)
        layout.addWidget(self.opinion_caption)
        layout.addWidget(self.opinion_edit, 1)

        self.note_edit.textChanged.connect(self._on_note_edited)
        self.accepted_check.toggled.connect(self._on_accepted_check_toggled)
        self.reason_edit.textChanged.connect(self._on_note_edited)
        self.reviewer_edit.textChanged.connect(self._on_reviewer_edit_text_changed)
        self.opinion_edit.textChanged.connect(self._on_opinion_edit_text_changed)
        self._show_note()

    # -- our API ---------------------------------------------------------------------------------------

    def set_review(self, review: Review) -> None:
        """Show `review` (a scheme was opened); drops a pending reviewChanged, since nothing was edited."""
        self._timer.stop()
        self._review = review
        self._filling = True
        try:
            self.reviewer_edit.setText(review.reviewer)
            self.opinion_edit.setPlainText(review.opinion)
        finally:
            self._filling = False
        self._show_note()

    def review(self) -> Review:
        return self._review

    def set_notice(self, text: str) -> None:
        """Show `text` (already in the panel's language) above the notes; an empty text hides it."""
        self.notice_label.setText(text)
        self.notice_label.setVisible(bool(text))

    def notice(self) -> str:
        return self.notice_label.text()

    def finding(self) -> Finding | None:
        return self._finding

    def show_finding(self, finding: Finding | None) -> None:
        """Show `finding` and its note (None: nothing to annotate; the note fields are disabled)."""
        self._finding = finding
        self._key = None if finding is None else finding_key(finding)
        self._show_note()

    def flush(self) -> None:
        """Emit a pending reviewChanged now (before saving on close, say)."""
        if self._timer.isActive():
            self._timer.stop()
            self.reviewChanged.emit()

    @property
    def change_pending(self) -> bool:
        return self._timer.isActive()

    # -- showing ---------------------------------------------------------------------------------------

    def _t(self, text: str) -> str:
        return tr(text, self._lang)

    def _show_note(self) -> None:
        finding = self._finding
        note = FindingNote() if self._key is None else self._review.note_for(self._key)
        if finding is None:
            self.finding_label.setText(html.escape(self._t(NO_FINDING)))
            self.finding_label.setEnabled(False)  # drawn greyed: a hint, not content
        else:
            self.finding_label.setEnabled(True)
            self.finding_label.setText(self._finding_html(finding))
        self._filling = True
        try:
            self.note_edit.setPlainText(note.note)
            self.accepted_check.setChecked(note.accepted)
            self.reason_edit.setText(note.reason)
        finally:
            self._filling = False
        for widget in (self.note_caption, self.note_edit, self.accepted_check):
            widget.setEnabled(finding is not None)
        self._update_reason_state()

    def _finding_html(self, finding: Finding) -> str:
        lang = self._lang
        if isinstance(finding, Violation):
            title = self._t(VIOLATION_TITLE).format(name=rule_name(finding.rule, lang))
            message = violation_message(finding, lang)
        else:
            title = self._t(WARNING_TITLE).format(name=warning_name(finding.code, lang))
            message = warning_message(finding, lang)
        return f"<b>{html.escape(title)}</b><br>{html.escape(message)}"

    def _update_reason_state(self) -> None:
        accepted = self._finding is not None and self.accepted_check.isChecked()
        self.reason_caption.setEnabled(accepted)
        self.reason_edit.setEnabled(accepted)
        self.reason_warning.setVisible(accepted and not self.reason_edit.text().strip())

    # -- edits -----------------------------------------------------------------------------------------

    def _edited(self, review: Review) -> None:
        if review != self._review:
            self._review = review
            self._timer.start()  # restarts: one signal after the last of a run of keystrokes

    def _on_note_edited(self) -> None:
        self._update_reason_state()
        if self._filling or self._key is None:
            return
        note = FindingNote(note=self.note_edit.toPlainText(), accepted=self.accepted_check.isChecked(),
                           reason=self.reason_edit.text())
        self._edited(self._review.with_note(self._key, note))

    def _on_accepted_check_toggled(self, checked: bool) -> None:
        self._on_note_edited()
        if checked and not self._filling and not self.reason_edit.text().strip():
            self.reason_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_reviewer_edit_text_changed(self, text: str) -> None:
        if not self._filling:
            self._edited(self._review.with_reviewer(text))

    def _on_opinion_edit_text_changed(self) -> None:
        if not self._filling:
            self._edited(self._review.with_opinion(self.opinion_edit.toPlainText()))


def _caption(text: str, parent: QWidget) -> QLabel:
    return QLabel(f"<b>{html.escape(text)}</b>", parent)


def _lines_height(edit: QPlainTextEdit, lines: int) -> int:
    margins = edit.contentsMargins()
    return (edit.fontMetrics().lineSpacing() * lines + 2 * int(edit.document().documentMargin())
            + margins.top() + margins.bottom() + 2 * edit.frameWidth())
