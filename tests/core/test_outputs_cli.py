"""`planner check --pdf --xlsx --gpkg --review` on the violating sample, and the window's export actions."""

from __future__ import annotations

import shutil
import subprocess

import openpyxl
import pyogrio
import pytest

from planner.cli import main
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


