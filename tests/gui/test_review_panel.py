"""The review panel: a note and an approved exception per finding, debounced saving, Chinese words."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from planner.gui.review_panel import DEBOUNCE_MS, ReviewPanel
from planner.messages import tr
from planner.model import finding_key
from planner.review import (
    FindingNote,
    Review,
)
from tests.core.test_review import CHINESE, _check_violating, violation


@pytest.fixture(scope="module")
def result():
    return _check_violating()


@pytest.fixture(scope="module")
def result_again():
    """A second, separate check of the same files: new objects, same findings."""
    return _check_violating()


@pytest.fixture
def panel(qtbot):
    widget = ReviewPanel("en")
    qtbot.addWidget(widget)
    widget.resize(380, 620)
    widget.show()
    return widget


def test_panel_keeps_each_findings_note(qtbot, panel, result, result_again):
    a, b = violation(result, "far_max", "XG-06-01"), violation(result, "land_use", "XG-07-01")
    panel.set_review(Review())
    panel.show_finding(a)
    assert "XG-06-01" in panel.finding_label.text()
    with qtbot.waitSignal(panel.reviewChanged, timeout=5 * DEBOUNCE_MS):
        type_text(panel.note_edit, "规委会同意")
    assert not panel.reason_edit.isEnabled()
    panel.accepted_check.click()
    assert panel.reason_edit.isEnabled()
    assert panel.reason_warning.isVisibleTo(panel), "accepted without a reason is flagged"
    type_text(panel.reason_edit, "纪要12号")
    assert not panel.reason_warning.isVisibleTo(panel)

    panel.show_finding(b)
    assert panel.note_edit.toPlainText() == "" and not panel.accepted_check.isChecked()
    assert not panel.reason_edit.isEnabled()
    type_text(panel.note_edit, "需调整")
    type_text(panel.reviewer_edit, "张伟")
    type_text(panel.opinion_edit, "请修改后重新报审。")

    # The same finding of a separate check shows the note written on the first.
    panel.show_finding(violation(result_again, "far_max", "XG-06-01"))
    assert panel.note_edit.toPlainText() == "规委会同意"
    assert panel.accepted_check.isChecked() and panel.reason_edit.text() == "纪要12号"
    assert panel.reason_edit.isEnabled()

    with qtbot.waitSignal(panel.reviewChanged, timeout=5 * DEBOUNCE_MS):
        pass
    review = panel.review()
    assert review.notes == {finding_key(a): FindingNote("规委会同意", True, "纪要12号"),
                            finding_key(b): FindingNote("需调整")}
    assert review.reviewer == "张伟" and review.opinion == "请修改后重新报审。"


def test_panel_debounces_and_flushes(qtbot, panel, result):
    panel.show_finding(violation(result, "far_max", "XG-06-01"))
    emitted = []
    panel.reviewChanged.connect(lambda: emitted.append(1))
    qtbot.keyClicks(panel.note_edit, "abc")
    assert emitted == [] and panel.change_pending, "one signal after a run of keystrokes, not one per key"
    panel.flush()
    assert emitted == [1] and not panel.change_pending
    qtbot.wait(2 * DEBOUNCE_MS)
    assert emitted == [1]


def test_set_review_and_show_finding_are_not_edits(qtbot, panel, result):
    emitted = []
    panel.reviewChanged.connect(lambda: emitted.append(1))
    far = violation(result, "far_max", "XG-06-01")
    panel.set_review(CHINESE)
    panel.show_finding(far)
    panel.show_finding(None)
    qtbot.wait(2 * DEBOUNCE_MS)
    assert emitted == [] and panel.review() is CHINESE
    assert panel.reviewer_edit.text() == CHINESE.reviewer
    assert panel.opinion_edit.toPlainText() == CHINESE.opinion


def test_panel_without_a_finding_disables_the_note(qtbot, panel, result):
    panel.set_review(CHINESE)
    panel.show_finding(None)
    assert not panel.note_edit.isEnabled() and not panel.accepted_check.isEnabled()
    assert not panel.reason_edit.isEnabled() and not panel.reason_warning.isVisibleTo(panel)
    assert panel.reviewer_edit.isEnabled() and panel.opinion_edit.isEnabled()
    panel.show_finding(violation(result, "far_max", "XG-06-01"))
    assert panel.note_edit.isEnabled()
    assert panel.note_edit.toPlainText() == CHINESE.notes["v|far_max|XG-06-01|"].note


def test_clearing_a_note_removes_it(qtbot, panel, result):
    far = violation(result, "far_max", "XG-06-01")
    panel.set_review(Review().with_note(far, FindingNote("x")))
    panel.show_finding(far)
    panel.note_edit.selectAll()
    qtbot.keyClick(panel.note_edit, Qt.Key.Key_Delete)
    assert panel.review().notes == {}


def test_panel_shows_warnings_too(qtbot, panel, result):
    warning = next(w for w in result.warnings if w.code == "no_height")
    panel.show_finding(warning)
    assert "G-4" in panel.finding_label.text()
    type_text(panel.note_edit, "已补充")
    assert panel.review().note_for(warning) == FindingNote("已补充")


def test_panel_speaks_chinese(qtbot):
    widget = ReviewPanel("zh")
    qtbot.addWidget(widget)
    assert widget.accepted_check.text() == tr("Accepted (approved exception)", "zh") == "同意作为例外"
    assert "审查意见" in widget.opinion_caption.text()


def type_text(widget, text: str) -> None:
    """Key presses carrying `text`, as an input method commits Chinese (QTest.keyClicks takes ASCII only)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char))
