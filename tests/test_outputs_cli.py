"""`planner check --pdf --xlsx --gpkg --review` on the violating sample, and the window's export actions."""

from __future__ import annotations

import shutil
import subprocess

import openpyxl
import pyogrio
import pytest
from PySide6.QtCore import QSettings

from planner.cli import main
from planner.model import finding_key
from planner.resources import sample_path
from planner.review import FindingNote, Review, save_review

PLAN = str(sample_path("xiguan_plan.gpkg"))
SCHEME = str(sample_path("scheme_violating.gpkg"))
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


def pdf_text(path) -> str:
    return "".join(subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                                  check=True).stdout.split())


@needs_poppler
def test_check_writes_pdf_xlsx_and_gpkg_with_the_review(tmp_path, capsys):
    # A copy of the scheme so the review file can sit next to it without touching the bundled sample.
    scheme = tmp_path / "scheme.gpkg"
    shutil.copy(SCHEME, scheme)
    review_file = tmp_path / "review.json"
    save_review(Review(opinion="同意按临界情况处理，请核实计容面积。", reviewer="李明",
                       notes={"v|far_max|XG-06-04|": FindingNote("计容面积以竣工测量为准", True, "测量误差")}),
                review_file)
    out = {k: tmp_path / f"r.{k}" for k in ("pdf", "xlsx", "gpkg")}
    code = main(["check", "--plan", PLAN, "--buildings", str(scheme), "--buildings-layer", "建筑",
                 "--green", str(scheme), "--green-layer", "绿地", "--lang", "zh", "--review", str(review_file),
                 "--authority", "酒泉市自然资源局", "--pdf", str(out["pdf"]), "--xlsx", str(out["xlsx"]),
                 "--gpkg", str(out["gpkg"])])
    assert code == 1
    text = pdf_text(out["pdf"])
    for expected in ("酒泉市自然资源局", "XG-06-04", "2.5004", "同意按临界情况处理", "计容面积以竣工测量为准", "李明"):
        assert expected in text, expected
    book = openpyxl.load_workbook(out["xlsx"])
    assert book.sheetnames[:2] == ["地块", "审查意见"]
    layers = [name for name, _type in pyogrio.list_layers(out["gpkg"])]
    assert {"violating_parcels", "violating_buildings"} <= set(layers)
    parcels = pyogrio.read_dataframe(out["gpkg"], layer="violating_parcels")
    assert sorted(parcels["parcel_id"]) == ["XG-05-01", "XG-05-02", "XG-06-01", "XG-06-02", "XG-06-03",
                                            "XG-06-04", "XG-07-01"]


def test_review_saved_next_to_the_scheme_is_used_without_being_named(tmp_path):
    scheme = tmp_path / "scheme.gpkg"
    shutil.copy(SCHEME, scheme)
    from planner.review import review_path

    save_review(Review(opinion="OPINION-BESIDE"), review_path(scheme))
    xlsx = tmp_path / "r.xlsx"
    assert main(["check", "--plan", PLAN, "--buildings", str(scheme), "--lang", "en", "--xlsx", str(xlsx)]) == 1
    provenance = openpyxl.load_workbook(xlsx).worksheets[-1]
    assert any("OPINION-BESIDE" in str(cell.value) for row in provenance.iter_rows() for cell in row)


def test_an_unwritable_output_is_one_line_and_exit_2(tmp_path, capsys):
    code = main(["check", "--plan", PLAN, "--buildings", SCHEME, "--lang", "en",
                 "--xlsx", str(tmp_path / "no" / "such" / "dir" / "r.xlsx")])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1 and err[0].startswith("planner:") and "r.xlsx" in err[0]


def test_an_output_over_an_input_is_refused(capsys):
    assert main(["check", "--plan", PLAN, "--buildings", SCHEME, "--lang", "en", "--xlsx", PLAN]) == 2
    assert "xiguan_plan.gpkg" in capsys.readouterr().err


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
    assert window.export_pdf(str(tmp_path / "w.pdf")) and window.export_xlsx(str(tmp_path / "w.xlsx"))
    assert window.export_gpkg(str(tmp_path / "w.gpkg"))
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
