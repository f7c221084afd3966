"""The window's export actions (PDF, XLSX, GeoPackage) keep the review notes across a restart."""

from __future__ import annotations

import shutil

from PySide6.QtCore import QSettings

from planner.model import finding_key
from planner.review import FindingNote
from tests.core.test_outputs_cli import PLAN, SCHEME, needs_poppler, pdf_text


@needs_poppler
def test_window_exports_and_keeps_review_notes_across_a_restart(qtbot, tmp_path):
    from planner.gui.main_window import MainWindow

    scheme = tmp_path / "scheme.gpkg"
    shutil.copy(SCHEME, scheme)
    files = [("plan", PLAN, "控规地块"), ("buildings", str(scheme), "建筑"), ("green", str(scheme), "绿地")]
    settings = QSettings(str(tmp_path / "planner.ini"), QSettings.Format.IniFormat)
    window = MainWindow("en", settings)
    window.setProperty("quiet_errors", True)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.checkFinished, timeout=20000):
        window.open_files(files)
    finding = next(v for v in window.session.result.violations if v.rule == "far_max" and v.parcel == "XG-06-04")
    window.review_panel.show_finding(finding)
    window.review_panel.set_review(window.review_panel.review().with_note(
        finding, FindingNote("checked against the survey", True, "measurement tolerance")).with_opinion("OK-42"))
    window._save_review()
    for export, name in ((window.export_pdf, "w.pdf"), (window.export_xlsx, "w.xlsx"), (window.export_gpkg, "w.gpkg")):
        with qtbot.waitSignal(window.exportFinished, timeout=60000) as written:
            assert export(str(tmp_path / name))  # started: the file is written in the background
        assert written.args == [str(tmp_path / name), True]
    text = pdf_text(tmp_path / "w.pdf")
    assert "checkedagainstthesurvey" in text and "OK-42" in text
    window.close()

    # "Restart": a new window on the same scheme finds the notes again.
    again = MainWindow("en", settings)
    again.setProperty("quiet_errors", True)
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.checkFinished, timeout=20000):
        again.open_files(files)
    review = again.review_panel.review()
    assert review.opinion == "OK-42"
    assert review.note_for(finding_key(finding)).reason == "measurement tolerance"
    again.close()


def test_window_exports_write_the_sentences_its_table_shows(qtbot, tmp_path, monkeypatch):
    """The findings table has worded every violation (~0.4 s for a city): XLSX and GeoPackage write those
    sentences and word none again; a table made in another language is not reused."""
    import openpyxl
    import pyogrio

    from planner.gui.finding_table import MESSAGE
    from planner.gui.main_window import MainWindow
    from planner.report import exports

    files = [("plan", PLAN, "控规地块"), ("buildings", SCHEME, "建筑"), ("green", SCHEME, "绿地")]
    window = MainWindow("en", QSettings(str(tmp_path / "planner.ini"), QSettings.Format.IniFormat))
    window.setProperty("quiet_errors", True)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.checkFinished, timeout=20000):
        window.open_files(files)
    result, table = window.session.result, window.findings.model.table
    shown = [table.texts[k][MESSAGE] for k in range(len(result.violations))]
    assert table.violation_messages(result, "en") == shown and len(shown) == 13
    assert table.violation_messages(result, "zh") is None
    assert table.violation_messages(None, "en") is None

    def no_wording(*_args, **_kwargs):
        raise AssertionError("the export worded the violations again")

    monkeypatch.setattr(exports, "violation_messages", no_wording)
    for export, name in ((window.export_xlsx, "w.xlsx"), (window.export_gpkg, "w.gpkg")):
        with qtbot.waitSignal(window.exportFinished, timeout=60000) as written:
            assert export(str(tmp_path / name))
        assert written.args == [str(tmp_path / name), True]
    sheet = openpyxl.load_workbook(tmp_path / "w.xlsx")["Findings"]
    column = [c.value for c in sheet[1]].index("Message")
    assert [row[column].value for row in sheet.iter_rows(min_row=2, max_row=14)] == shown
    assert list(pyogrio.read_dataframe(tmp_path / "w.gpkg", layer="findings")["message"]) == shown
    window.close()
