"""The window's case list: deadlines counted over 国庆 2026, working days left on a fixed day, overdue and
due-soon rows marked, New case and Open case through the register."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from planner.cases.register import CaseFile, open_register
from planner.gui.case_list import CLOSED_COLOUR, DUE_SOON_COLOUR, OVERDUE_COLOUR, show_cases
from planner.model import CaseDetails
from tests.helpers import SAMPLES

#: Received the Tuesday before 国庆: 20 working days skip 1-7 October and count Saturday 10 October (调休).
BEFORE_NATIONAL_DAY = CaseDetails(number="酒规审〔2026〕101号", project="西关小区住宅", applicant="酒泉某置业有限公司",
                                  received=date(2026, 9, 29), limit_days=20)


def _register(tmp_path, *cases: CaseDetails, files=()):
    path = tmp_path / "cases.sqlite"
    with open_register(path) as register:
        for case in cases:
            register.add_case(case, files)
    return path


def _texts(dialog, row: int) -> list[str]:
    return [dialog.table.item(row, c).text() for c in range(dialog.table.columnCount())]


def test_case_received_before_national_day(window, tmp_path):
    later = CaseDetails(number="B-2", project="厂房", applicant="乙", received=date(2026, 10, 20), limit_days=20)
    window.setProperty("case_register", str(_register(tmp_path, BEFORE_NATIONAL_DAY, later)))
    # 28 October 2026: the working days after it up to 2 November are 29, 30 October and 2 November.
    dialog = show_cases(window, today=date(2026, 10, 28))
    assert dialog.table.rowCount() == 2
    assert _texts(dialog, 0) == ["酒规审〔2026〕101号", "西关小区住宅", "酒泉某置业有限公司", "2026-09-29",
                                 "2026-11-02", "3 (due soon)", "Case accepted"]
    assert dialog.table.item(0, 0).background().color() == DUE_SOON_COLOUR
    # 20 October + 20 working days = 17 November; 14 working days after 28 October.
    assert _texts(dialog, 1)[4:6] == ["2026-11-17", "14"]
    assert dialog.table.item(1, 0).background().style() == Qt.BrushStyle.NoBrush  # not due soon: no colour
    dialog.today = date(2026, 11, 4)
    dialog.refresh()
    assert _texts(dialog, 0)[5] == "-2 (overdue)"
    assert dialog.table.item(0, 5).background().color() == OVERDUE_COLOUR


def test_file_menu_opens_the_list_and_a_new_case_is_added(window, tmp_path):
    window.setProperty("case_register", str(tmp_path / "new.sqlite"))
    assert window.cases_action in window.menuBar().actions()[0].menu().actions()
    window.cases_action.trigger()
    dialog = window.case_list
    assert dialog.isVisible() and dialog.table.rowCount() == 0
    dialog.add_case(CaseDetails(number="N-1", received=date(2026, 9, 29)), [])
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 4).text() == "2026-11-02"


def test_open_case_hands_its_files_to_the_window(window, tmp_path, monkeypatch):
    files = [CaseFile.of("plan", SAMPLES / "xiguan_plan.gpkg", "控规地块"),
             CaseFile.of("buildings", SAMPLES / "scheme_violating.gpkg", "建筑")]
    window.setProperty("case_register", str(_register(tmp_path, BEFORE_NATIONAL_DAY, files=files)))
    opened = []
    monkeypatch.setattr(window, "open_files", opened.append)
    dialog = show_cases(window, today=date(2026, 10, 28))
    dialog.open_selected()
    assert opened == [[("plan", str(SAMPLES / "xiguan_plan.gpkg"), "控规地块"),
                       ("buildings", str(SAMPLES / "scheme_violating.gpkg"), "建筑")]]
    assert window.property("case_number") == BEFORE_NATIONAL_DAY.number


def test_a_case_is_closed_from_the_list_after_confirming(window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    other = CaseDetails(number="B-2", project="厂房", applicant="乙", received=date(2026, 10, 20), limit_days=20)
    register = _register(tmp_path, BEFORE_NATIONAL_DAY, other)
    window.setProperty("case_register", str(register))
    dialog = show_cases(window, today=date(2026, 10, 28))
    asked = []

    def answer(reply):
        def question(_parent, _title, text, *_args):
            asked.append(text)
            return reply
        return question

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    assert not dialog.close_selected()  # declined: nothing changes
    assert asked == [f"Close case {BEFORE_NATIONAL_DAY.number} (西关小区住宅)? Its status becomes “Closed” and it "
                     "takes no further submissions; the files stay open in the window."]
    assert dialog.table.rowCount() == 2
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    assert dialog.close_selected()
    assert [_texts(dialog, k)[0] for k in range(dialog.table.rowCount())] == ["B-2"]  # closed cases hidden
    assert window.stage_label.text() == f"Case {BEFORE_NATIONAL_DAY.number} closed."
    dialog.show_closed.setChecked(True)
    assert dialog.selected_number() == "B-2"  # the open case is selected, not the closed one listed first
    closed = next(k for k in range(dialog.table.rowCount()) if _texts(dialog, k)[0] == BEFORE_NATIONAL_DAY.number)
    assert _texts(dialog, closed)[5:] == ["-", "Closed"]
    assert dialog.table.item(closed, 0).foreground().color() == CLOSED_COLOUR  # greyed
    dialog.table.selectRow(closed)
    assert not dialog.close_case_button.isEnabled()  # a closed case cannot be closed again
    with open_register(register) as reg:
        assert reg.get_case(BEFORE_NATIONAL_DAY.number).status == "closed"
        assert [e.status for e in reg.record(BEFORE_NATIONAL_DAY.number).events][-1] == "closed"
        assert reg.get_case("B-2").status == "accepted"


def test_file_close_case_closes_the_case_open_in_the_window(window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from planner.gui.case_list import close_open_case

    register = _register(tmp_path, BEFORE_NATIONAL_DAY)
    window.setProperty("case_register", str(register))
    assert not close_open_case(window)
    assert window.stage_label.text().startswith("No case is open in the window")
    monkeypatch.setattr(window, "open_files", lambda files: None)
    dialog = show_cases(window, today=date(2026, 10, 28))
    dialog.open_selected()
    assert window.case_window.number == BEFORE_NATIONAL_DAY.number
    window.menuBar().actions()[0].menu().aboutToShow.emit()
    assert window.close_case_action.isEnabled()
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    window.close_case_action.trigger()
    assert window.case_window.number is None and BEFORE_NATIONAL_DAY.number not in window.windowTitle()
    assert window.case_window.status_label.text() == "" and window.case_window.status_label.styleSheet() == ""
    assert dialog.table.rowCount() == 0  # the list follows
    with open_register(register) as reg:
        assert reg.get_case(BEFORE_NATIONAL_DAY.number).status == "closed"
    window.menuBar().actions()[0].menu().aboutToShow.emit()
    assert not window.close_case_action.isEnabled()


def test_another_register_lists_its_own_cases_and_is_remembered(window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from planner.gui.case_list import SETTING, register_path_for

    first = _register(tmp_path, BEFORE_NATIONAL_DAY)
    (tmp_path / "other").mkdir()
    other = _register(tmp_path / "other", CaseDetails(number="C-9", project="学校", received=date(2026, 10, 20)))
    window.setProperty("case_register", str(first))  # `planner gui --register first`
    dialog = show_cases(window, today=date(2026, 10, 28))
    assert dialog.where.text() == f"Case register: {first}"
    assert [_texts(dialog, 0)[0]] == [BEFORE_NATIONAL_DAY.number]
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(other), ""))
    dialog.other_register_button.click()
    assert dialog.where.text() == f"Case register: {other}"
    assert dialog.table.rowCount() == 1 and _texts(dialog, 0)[:2] == ["C-9", "学校"]
    assert window.settings.value(SETTING) == str(other)
    assert register_path_for(window) == other  # this session follows the choice too
    window.setProperty("case_register", None)
    assert register_path_for(window) == other  # and the next session (the setting)
    dialog.close()
    window.setProperty("case_register", str(first))  # --register overrides the setting
    assert [_texts(show_cases(window), 0)[0]] == [BEFORE_NATIONAL_DAY.number]
