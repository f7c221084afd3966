"""Control lines and measured setbacks in the PDF report, read back with poppler (pdftotext, pdftoppm)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from planner import check, load_buildings, load_green, load_plan
from planner.io.controls import load_controls
from planner.messages import format_distance, rule_name, tr, violation_message
from planner.model import CONTROL_RULES
from planner.report.document import ReportMeta, write_pdf
from planner.report.symbology import LEGEND_ROAD_RED_LINE

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_plans"

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
                                reason="poppler-utils (pdftotext, pdftoppm) is not installed")


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _text(pdf: Path, first: int | None = None, last: int | None = None, layout: bool = True) -> str:
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    return subprocess.run(["pdftotext", *(["-layout"] if layout else []), *pages, str(pdf), "-"],
                          capture_output=True, text=True, check=True, encoding="utf-8").stdout


@pytest.fixture(scope="module")
def checked():
    plan = load_plan(SAMPLES / "xiguan_plan.gpkg")
    buildings = load_buildings(SAMPLES / "scheme_violating.gpkg", "建筑")
    green = load_green(SAMPLES / "scheme_violating.gpkg", "绿地")
    lines = load_controls(SAMPLES / "xiguan_lines.gpkg")
    result = check(plan, buildings, green, controls=[lines])
    layers = {"plan": plan, "buildings": buildings, "green": green, "lines": [lines]}
    return result, layers


@pytest.fixture(scope="module")
def pdfs(checked, tmp_path_factory):
    result, layers = checked
    folder = tmp_path_factory.mktemp("report_controls")
    out = {}
    for lang in ("en", "zh"):
        out[lang] = folder / f"report_{lang}.pdf"
        write_pdf(result, layers, ReportMeta(date="2025-04-01"), out[lang], lang)
    return out


def _setbacks(result):
    return [v for v in result.violations if v.rule == "setback"]


def test_sample_has_setback_findings(checked):
    result, _layers = checked
    assert len(_setbacks(result)) >= 2
    assert all("segment" in v.details for v in _setbacks(result))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_finding_and_control_rule_is_in_the_text(checked, pdfs, lang):
    result, _layers = checked
    text = _squash(_text(pdfs[lang]))
    for v in result.violations:  # every finding, setbacks included, somewhere in the report
        assert _squash(violation_message(v, lang)) in text, v
    for v in _setbacks(result):
        assert _squash(format_distance(v.details["distance"])) in text
    # The rule table names every control rule once lines were checked against (read in reading order: the
    # table's cells wrap, and -layout interleaves its columns).
    flowing = _squash(_text(pdfs[lang], layout=False))
    for rule in CONTROL_RULES:
        assert _squash(rule_name(rule, lang)) in flowing, rule
    # The legend's name of the road red line, in the caption under the maps.
    assert _squash(tr(LEGEND_ROAD_RED_LINE, lang)) in text
    if lang == "zh":
        assert "道路红线" in text
    # The control-line file is in the provenance.
    assert "xiguan_lines.gpkg" in text


def test_detail_map_draws_the_measured_setback(checked, pdfs, tmp_path):
    result, _layers = checked
    v = _setbacks(result)[0]
    pdf = pdfs["en"]
    pages = int(re.search(r"^Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True,
                                                                text=True, check=True).stdout, re.M).group(1))
    heading = f"Parcel {v.parcel}"
    page = next(k for k in range(3, pages + 1) if re.search(rf"^\s*\d+\.\d+\s+{re.escape(heading)}\s*$",
                                                              _text(pdf, k, k), re.M))
    # The page's caption lists the measured distances.
    assert _squash(format_distance(v.details["distance"])) in _squash(_text(pdf, page, page))
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", str(page), "-l", str(page), str(pdf),
                    str(tmp_path / "page")], check=True)
    image = QImage(str(next(tmp_path.glob("page*.png"))))
    assert not image.isNull()
    orange = 0
    for y in range(0, image.height(), 1):
        for x in range(0, image.width(), 1):
            c = image.pixelColor(x, y)
            if abs(c.red() - 230) < 30 and abs(c.green() - 120) < 30 and c.blue() < 60:
                orange += 1
    assert orange >= 10, orange


def test_overview_without_lines_has_no_control_caption(checked, tmp_path):
    result, layers = checked
    plain = {k: v for k, v in layers.items() if k != "lines"}
    pdf = tmp_path / "plain.pdf"
    write_pdf(result, plain, ReportMeta(date="2025-04-01"), pdf, "en")
    text = _text(pdf)
    assert "Control lines and zones on the map" not in text
    # The setback sentences are still there without the lines' layer (the findings carry them).
    for v in _setbacks(result):
        assert _squash(violation_message(v, "en")) in _squash(text)
