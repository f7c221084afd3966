"""The report in short parts (issue 13: no Qt layout or paint holds Python's GIL for long): parts that go on below
one another on the same page, long tables painted row by row, and shapely calls in slices."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
import shapely

from planner import check, load_buildings, load_green, load_plan
from planner.parallel import in_slices
from planner.report.fonts import ensure_gui_application, report_font

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_plans"

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True,
                          encoding="utf-8").stdout
    return [" ".join(page.split()) for page in text.split("\f") if page.strip()]


def _write(parts, path: Path) -> list[str]:
    from planner.report.pages import Report, write_document_pdf

    ensure_gui_application()
    write_document_pdf(Report(parts, report_font(), header="H", style="h2 { margin-top: 12pt; }"), path, "t", "c")
    return _pages(path)


@needs_poppler
def test_a_following_part_goes_on_on_the_same_page(tmp_path):
    from planner.report.pages import HtmlPart

    first, second = HtmlPart("<h2>Alpha</h2><p>one</p>"), HtmlPart("<h2>Beta</h2><p>two</p>")
    apart = _write([first, second], tmp_path / "apart.pdf")
    assert len(apart) == 2 and "Alpha" in apart[0] and "Beta" in apart[1]
    together = _write([first, HtmlPart(second.html, follows=True)], tmp_path / "together.pdf")
    assert len(together) == 1
    page = together[0]
    assert page.index("Alpha") < page.index("one") < page.index("Beta") < page.index("two")


@needs_poppler
def test_a_following_part_without_room_starts_the_next_page_at_its_top(tmp_path):
    """The first part fills its page but for a line or two: the following part's heading would be alone at the
    bottom, so it goes to the next page, at its top (not pushed down by where the first part ended)."""
    from planner.report.pages import HtmlPart

    lines = 20
    while len(_write([HtmlPart("<p>line</p>" * (lines + 1))], tmp_path / "fill.pdf")) == 1:
        lines += 1  # the most lines of a page
    filler = HtmlPart("<p>line</p>" * lines)
    pages = _write([filler, HtmlPart("<h2>Beta</h2>" + "<p>two</p>" * 3, follows=True)], tmp_path / "next.pdf")
    assert len(pages) == 2 and "Beta" not in pages[0]
    # As high on its page as the same part starting a page of its own (not pushed down by the filler's end).
    fresh = tmp_path / "fresh.pdf"
    _write([HtmlPart("<h2>Beta</h2>" + "<p>two</p>" * 3)], fresh)
    assert _line_of("Beta", tmp_path / "next.pdf", 2) == _line_of("Beta", fresh, 1)


def _line_of(word: str, pdf: Path, page: int) -> int:
    text = subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, text=True, check=True, encoding="utf-8").stdout
    return next(k for k, line in enumerate(text.splitlines()) if word in line)


def _sample():
    plan = load_plan(SAMPLES / "xiguan_plan.gpkg")
    buildings = load_buildings(SAMPLES / "scheme_violating.gpkg", "建筑")
    green = load_green(SAMPLES / "scheme_violating.gpkg", "绿地")
    return check(plan, buildings, green), {"plan": plan, "buildings": buildings, "green": green}


def test_the_first_pages_are_parts_that_follow_and_long_tables_are_painted(monkeypatch):
    import planner.report.document as document
    from planner.report.pages import HtmlPart, TablePart

    result, layers = _sample()
    ensure_gui_application()
    parts = document.build_document(result, layers, document.ReportMeta(), "en").parts
    # Title and summary; the overview, the parcels (7 rows: HTML), the warnings go on below, each a part.
    assert isinstance(parts[0], HtmlPart) and not parts[0].follows
    assert "overview" in parts[1].html.lower() and parts[1].follows
    assert any(isinstance(p, HtmlPart) and p.follows and "XG-05-01" in p.html for p in parts[2:4])
    assert not any(isinstance(p, TablePart) for p in parts)
    # Over HTML_TABLE_ROWS parcels: painted row by row, and what comes after goes on below it.
    monkeypatch.setattr(document, "HTML_TABLE_ROWS", 5)
    parts = document.build_document(result, layers, document.ReportMeta(), "en").parts
    k = next(i for i, p in enumerate(parts) if isinstance(p, TablePart))
    assert [row[0][0] for row in parts[k].rows] == [p.id for p in result.parcels]
    assert isinstance(parts[k + 1], HtmlPart) and parts[k + 1].follows
    # Over LONG_TABLE_ROWS (a city): what comes after the table starts a page, as before.
    monkeypatch.setattr(document, "LONG_TABLE_ROWS", 5)
    parts = document.build_document(result, layers, document.ReportMeta(), "en").parts
    k = next(i for i, p in enumerate(parts) if isinstance(p, TablePart))
    assert isinstance(parts[k + 1], HtmlPart) and not parts[k + 1].follows


def test_in_slices_calls_in_slices_and_gives_the_same():
    boxes = shapely.box(np.arange(25.0), 0, np.arange(25.0) + 1, 1)
    wkb = shapely.to_wkb(boxes)
    sizes = []

    def from_wkb(values, **kwargs):
        sizes.append(len(values))
        return shapely.from_wkb(values, **kwargs)

    out = in_slices(from_wkb, wkb, size=10, on_invalid="ignore")
    assert sizes == [10, 10, 5]
    assert shapely.equals(out, boxes).all() and len(out) == 25
    sizes.clear()
    assert len(in_slices(from_wkb, wkb[:0], size=10)) == 0 and sizes == [0]
