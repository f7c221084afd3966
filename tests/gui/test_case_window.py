"""A registered case open in the window: its checks recorded as submissions and compared (fixed / still open /
new), its review kept in the register and restored from it, declared figures, and the notice written from the
window and recorded with the case."""

from __future__ import annotations

from datetime import date

from planner.cases.register import CaseFile, open_register
from planner.gui.case_list import show_cases
from planner.model import CaseDetails, finding_key
from planner.review import FindingNote, review_from_text
from tests.core.test_outputs_cli import needs_poppler, pdf_text
from tests.helpers import SAMPLES

PLAN = SAMPLES / "xiguan_plan.gpkg"
VIOLATING = SAMPLES / "scheme_violating.gpkg"
RESUBMITTED = SAMPLES / "scheme_resubmitted.gpkg"
DECLARED = SAMPLES / "xiguan_declared.csv"
#: Received the Tuesday before 国庆 2026: 20 working days end on 2 November.
CASE = CaseDetails(number="酒规审〔2026〕101号", project="西关小区住宅", applicant="酒泉某置业有限公司",
                   received=date(2026, 9, 29), limit_days=20, officer="张三")


def _scheme(path) -> list[tuple[str, str, str]]:
    return [("buildings", str(path), "建筑"), ("green", str(path), "绿地")]


def _register(tmp_path):
    path = tmp_path / "cases.sqlite"
    files = [CaseFile.of("plan", PLAN, "控规地块"), CaseFile.of("buildings", VIOLATING, "建筑"),
             CaseFile.of("green", VIOLATING, "绿地")]
    with open_register(path) as register:
        register.add_case(CASE, files)
    return path


def _open_case(qtbot, window, register):
    window.setProperty("case_register", str(register))
    dialog = show_cases(window, today=date(2026, 10, 28))
    with qtbot.waitSignal(window.case_window.submissionRecorded, timeout=30000):
        dialog.open_case(CASE.number)
    dialog.close()


def test_a_resubmission_checked_in_the_window_is_compared_with_the_first(qtbot, window, tmp_path):
    register = _register(tmp_path)
    _open_case(qtbot, window, register)
    case = window.case_window
    assert CASE.number in window.windowTitle() and "2026-11-02" in window.windowTitle()
    assert case.status_label.text() == f"Case {CASE.number}: deadline 2026-11-02; working days left: 3 (due soon)"
    assert case.status_label.property("deadline") == "due_soon" and "#fbe7b5" in case.status_label.styleSheet()
    assert case.submission == 1
    assert case.panel.summary.text() == f"First submission of case {CASE.number}: nothing to compare with."

    with qtbot.waitSignal(case.submissionRecorded, timeout=30000) as recorded:
        window.open_files(_scheme(RESUBMITTED))
    assert recorded.args == [2]
    found = case.resubmission
    assert found.summary == {"fixed": 3, "still_open": 10, "new": 0}
    assert case.panel.summary.text() == "Against submission 1: 3 fixed, 10 still open, 0 new."
    fixed = case.panel.items("fixed")
    assert len(fixed) == 3 and sorted(r["key"] for r in found.fixed) == [
        "v|height_max|XG-06-02|", "v|land_use|XG-07-01|11#", "v|outside_plan||10#"]
    # Each fixed item with the sentence its own check worded (the first submission's, in English).
    height = next(r for r in found.fixed if r["rule"] == "height_max")
    assert height["message"] in fixed and "XG-06-02" in height["message"]
    assert case.dock.isVisible()
    with open_register(register) as reg:
        assert [(s.number, s.violations) for s in reg.submissions(CASE.number)] == [(1, 13), (2, 10)]
        assert reg.get_case(CASE.number).status == "reviewing"


def test_review_notes_are_kept_in_the_register_and_restored_from_it(qtbot, window, settings, tmp_path):
    from planner.gui.main_window import MainWindow

    register = _register(tmp_path)
    _open_case(qtbot, window, register)
    finding = next(v for v in window.session.result.violations if v.rule == "density_max" and v.parcel == "XG-06-02")
    review = window.review_panel.review().with_note(finding, FindingNote("applicant to reduce footprint"))
    window.review_panel.set_review(review)
    window.review_panel.reviewChanged.emit()
    with open_register(register) as reg:
        kept = review_from_text(reg.record(CASE.number).review)
    assert kept.notes[finding_key(finding)].note == "applicant to reduce footprint"
    review_file = window.review_store.path
    window.close()
    review_file.unlink()  # the notes can only come back from the register now

    again = MainWindow("en", settings)
    again.setProperty("quiet_errors", True)
    qtbot.addWidget(again)
    try:
        _open_case(qtbot, again, register)
        assert again.review_panel.review().notes[finding_key(finding)].note == "applicant to reduce footprint"
        assert review_file.exists()  # and the review file has them again
    finally:
        again.runner.shutdown()


def test_declared_figures_from_the_sample_give_the_declared_far_finding(qtbot, window, tmp_path):
    register = _register(tmp_path)
    _open_case(qtbot, window, register)
    with qtbot.waitSignal(window.case_window.submissionRecorded, timeout=30000):
        assert window.case_window.load_declared(str(DECLARED))
    declared = [v for v in window.findings.model.findings() if getattr(v, "rule", "").startswith("declared_")]
    far = [v for v in declared if v.rule == "declared_far"]
    assert [(v.parcel, v.limit) for v in far] == [("XG-06-01", 2.48)]
    assert abs(far[0].actual - 2.778) < 0.001  # 27 780 m² counted on 10 000 m²
    table = window.case_actions.show_indicators().browser.toPlainText()
    assert "2.48" in table and "differs" in table
    # The declared file is part of the scheme: a submission with it, and the next check applies it again.
    with open_register(register) as reg:
        files = reg.record(CASE.number).current_files()
    assert any(f.role == "declared" and f.path == str(DECLARED) for f in files)
    with qtbot.waitSignal(window.checkFinished, timeout=30000):
        window._start([])
    assert any(v.rule == "declared_far" for v in window.session.result.violations)


def test_figures_typed_in_are_applied_like_a_file(qtbot, window, tmp_path):
    from planner.gui.declared_dialog import DeclaredDialog

    with qtbot.waitSignal(window.checkFinished, timeout=30000):
        window.open_files([("plan", str(PLAN), "控规地块"), *_scheme(VIOLATING)])
    dialog = DeclaredDialog("en", ["XG-06-01"], window)
    dialog.add_row("XG-06-01", "far", "2.48")
    dialog.add_row("", "site_area", "")  # no value: left out
    assert window.case_actions.enter_declared(dialog, str(tmp_path / "typed.csv"))
    assert (tmp_path / "typed.csv").read_text(encoding="utf-8-sig").splitlines() == [
        "parcel,indicator,declared", "XG-06-01,far,2.48"]
    assert [v.parcel for v in window.session.result.violations if v.rule == "declared_far"] == ["XG-06-01"]


@needs_poppler
def test_the_notice_written_from_the_window_names_the_case_and_is_recorded(qtbot, window, tmp_path):
    register = _register(tmp_path)
    _open_case(qtbot, window, register)
    pdf = tmp_path / "notice.pdf"
    with qtbot.waitSignal(window.documents.documentWritten, timeout=30000) as written:
        assert window.documents.export("notice", str(pdf))
    assert written.args == ["notice", str(pdf)]
    text = pdf_text(pdf)
    assert CASE.number.replace(" ", "") in text and "西关小区住宅" in text
    with open_register(register) as reg:
        record = reg.record(CASE.number)
    assert [(r.kind, r.path, r.submission) for r in record.reports] == [("notice", str(pdf), 1)]
    assert record.case.status == "notified"
    assert window.stage_label.text() == f"Written: {pdf}; recorded with case {CASE.number}."


def test_conditions_need_a_selected_parcel(qtbot, window, tmp_path):
    with qtbot.waitSignal(window.checkFinished, timeout=30000):
        window.open_files([("plan", str(PLAN), "控规地块")])
    assert not window.documents.export("conditions", str(tmp_path / "c.pdf"), case=CASE)
    assert window.stage_label.text().startswith("Select a parcel on the map first")
    row = next(k for k, p in enumerate(window.session.plan.ids) if p == "XG-06-02")
    window.canvas.set_selection("plan", [row])
    with qtbot.waitSignal(window.documents.documentWritten, timeout=30000):
        assert window.documents.export("conditions", str(tmp_path / "c.pdf"), case=CASE)
    assert (tmp_path / "c.pdf").stat().st_size > 1000
    assert window.stage_label.text() == f"Written: {tmp_path / 'c.pdf'}"


def test_reports_exported_from_the_window_are_recorded_with_the_open_case(qtbot, window, tmp_path):
    from planner.gui.case_window import output_kind

    register = _register(tmp_path)
    _open_case(qtbot, window, register)
    # The spreadsheet's name without its suffix: the file's first bytes say what it is.
    written = [(window.export_xlsx, tmp_path / "findings"), (window.export_gpkg, tmp_path / "findings.gpkg"),
               (window.export_pdf, tmp_path / "report.pdf")]
    for export, path in written:
        with qtbot.waitSignal(window.case_window.reportRecorded, timeout=60000) as recorded:
            assert export(str(path))
        assert recorded.args == [output_kind(path), str(path)]
    assert window.stage_label.text() == f"Written: {tmp_path / 'report.pdf'}; recorded with case {CASE.number}."
    with open_register(register) as reg:
        reports = reg.record(CASE.number).reports
    assert [(r.kind, r.path, r.submission) for r in reports] == [
        ("spreadsheet", str(tmp_path / "findings"), 1), ("geopackage", str(tmp_path / "findings.gpkg"), 1),
        ("report", str(tmp_path / "report.pdf"), 1)]
    # Without a case open nothing is recorded (and a file of another kind never is).
    window.case_window.close_case()
    with qtbot.waitSignal(window.exportFinished, timeout=60000):
        assert window.export_xlsx(str(tmp_path / "after.xlsx"))
    (tmp_path / "notes.txt").write_text("notes", encoding="utf-8")
    assert output_kind(tmp_path / "notes.txt") is None and output_kind(tmp_path / "missing.pdf") is None
    with open_register(register) as reg:
        assert len(reg.record(CASE.number).reports) == 3


def test_a_document_into_a_missing_folder_is_refused_in_one_clear_sentence(qtbot, window, tmp_path, caplog):
    from planner.messages import error_message

    register = _register(tmp_path)
    _open_case(qtbot, window, register)
    pdf = tmp_path / "no such folder" / "notice.pdf"
    with qtbot.waitSignal(window.documents.writer.failed, timeout=30000) as failed:
        assert window.documents.export("notice", str(pdf))
    kind, error = failed.args
    assert kind == "notice" and error.code == "output_folder_missing"
    assert window.stage_label.text() == (
        f"{pdf}: cannot be written: the folder {tmp_path / 'no such folder'} does not exist. Choose an existing "
        "folder, or create this one first, and export again.")
    assert error_message(error.code, error.details, "zh") == (
        f"{pdf}：无法写入：文件夹{tmp_path / 'no such folder'}不存在。请选择已有的文件夹，或先建立该文件夹，然后重新导出。")
    assert not pdf.parent.exists()
    assert not [r for r in caplog.records if r.levelname in ("ERROR", "CRITICAL")]  # no traceback logged
    with open_register(register) as reg:
        record = reg.record(CASE.number)
    assert not record.reports and record.case.status == "reviewing"  # nothing issued, nothing recorded
