"""The PDF violation report read back as users get it: pdftotext for the words, pdffonts for the embedded font."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtGui import QImage

from planner import check, load_buildings, load_green, load_plan
from planner.messages import violation_message, warning_message
from planner.report.document import ReportMeta, build_document, report_html, write_pdf
from planner.report.fonts import ensure_gui_application
from planner.report.pages import print_document

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_plans"
PLAN = SAMPLES / "xiguan_plan.gpkg"
VIOLATING = SAMPLES / "scheme_violating.gpkg"

VIOLATING_PARCELS = ("XG-05-01", "XG-05-02", "XG-06-01", "XG-06-02", "XG-06-03", "XG-06-04", "XG-07-01")
META = ReportMeta(authority="酒泉市自然资源局", scheme_name="西关片区住宅项目 FA-2025-017",
                  plan_name="酒泉市肃州区西关单元控制性详细规划", plan_version="酒政函〔2025〕12号",
                  reviewer="李明", date="2025-04-01")
OPINION = "Revise the scheme: XG-06-01 exceeds its FAR."
EXCEPTION_REASON = "within the survey tolerance"

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdffonts") is None,
                                   reason="poppler-utils (pdftotext, pdffonts) is not installed")


def _squash(text: str) -> str:
    """Text without whitespace: pdftotext wraps long sentences and spaces table cells."""
    return re.sub(r"\s+", "", text)


def _text(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    return subprocess.run(["pdftotext", "-layout", *pages, str(pdf), "-"], capture_output=True, text=True,
                          check=True, encoding="utf-8").stdout


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))


@pytest.fixture(scope="module")
def checked():
    plan = load_plan(PLAN)
    buildings = load_buildings(VIOLATING, "建筑")
    green = load_green(VIOLATING, "绿地")
    result = check(plan, buildings, green)
    return result, {"plan": plan, "buildings": buildings, "green": green}


def _review(result):
    """A review with an opinion and one finding accepted as an exception (planner.review's Review when present)."""
    marginal = next(v for v in result.violations if v.marginal)
    try:
        from planner.review import FindingNote, Review
    except ImportError:
        note = SimpleNamespace(note="", accepted=True, reason=EXCEPTION_REASON)
        return SimpleNamespace(opinion=OPINION, reviewer="王工",
                               note_for=lambda finding: note if finding is marginal else None)
    review = Review(opinion=OPINION, reviewer="王工")
    return review.with_note(marginal, FindingNote(accepted=True, reason=EXCEPTION_REASON))


@pytest.fixture(scope="module")
def pdfs(checked, tmp_path_factory):
    result, layers = checked
    ensure_gui_application()
    out = tmp_path_factory.mktemp("report")
    paths = {}
    for lang in ("zh", "en"):
        paths[lang] = out / f"report_{lang}.pdf"
        write_pdf(result, layers, META, paths[lang], lang, review=_review(result))
    return paths


@needs_poppler
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_finding_limit_and_value_is_in_the_pdf(checked, pdfs, lang):
    result, _layers = checked
    text = _text(pdfs[lang])
    flat = _squash(text)
    for parcel in VIOLATING_PARCELS:
        assert parcel in text
    # XG-06-01: FAR 2.78 against "≤2.0" as written and ≤2.00 as read; XG-06-02 density 28.7% against ≤25%.
    for shown in ("2.78", "≤2.0", "≤2.00", "2.50", "≤2.50", "28.7%", "≤25.0%", "49.5 m", "18.3 m", "19.9%"):
        assert shown in text, shown
    for violation in result.violations:
        assert _squash(violation_message(violation, lang)) in flat, violation
    for warning in result.warnings:
        assert _squash(warning_message(warning, lang)) in flat, warning
    assert "10#" in text and "3#" in text  # building findings: outside the plan, crossing parcels


@needs_poppler
def test_marginal_breach_is_marked(checked, pdfs):
    text = _squash(_text(pdfs["en"]))
    assert "FAR2.5004exceedsthemaximum2.50(2.50whenroundedto0.01;thelimitappliestotheexactvalue)." in text
    assert "marginalbreach" in text
    assert "marginalviolation" in text  # the verdict column of XG-06-04's table


@needs_poppler
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_provenance_names_inputs_hashes_and_working_crs(pdfs, lang):
    text = _text(pdfs[lang])
    assert hashlib.sha256(PLAN.read_bytes()).hexdigest() in text
    assert hashlib.sha256(VIOLATING.read_bytes()).hexdigest() in text
    assert "xiguan_plan.gpkg" in text and "scheme_violating.gpkg" in text
    assert "控规地块" in text and "建筑" in text  # layer names
    assert "EPSG:4542" in text
    assert "Planner" in text


@needs_poppler
def test_english_title_block_and_page_numbers(pdfs):
    text = _text(pdfs["en"])
    for shown in (META.authority, META.scheme_name, META.plan_name, META.plan_version, META.reviewer, META.date):
        assert shown in text
    assert "Regulatory plan compliance report" in text
    assert "the scheme does not comply with the plan" in text
    assert "Page 1 of" in text
    assert f"Page {_pages(pdfs['en'])} of {_pages(pdfs['en'])}" in text
    assert "GB/T50353" in _squash(text)  # the counting conventions


@needs_poppler
def test_chinese_report_has_chinese_titles_and_page_numbers(pdfs):
    text = _text(pdfs["zh"])
    assert "第 1 / " in text
    for title in ("控规符合性审查报告", "审查结论", "计算规则", "输入数据及来源", "方案不符合控规要求"):
        assert title in text, title
    assert "Regulatory plan compliance report" not in text


@needs_poppler
def test_chinese_font_is_embedded(pdfs):
    fonts = subprocess.run(["pdffonts", str(pdfs["zh"])], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:] if line.strip()]
    cjk = [row for row in rows if re.search(r"CJK|Hei|Han|Song|Sim|YaHei|PingFang|Ming|Kai", row[0], re.IGNORECASE)]
    assert cjk, fonts
    # Columns: name, type (one or two words), encoding, emb, sub, uni, object id, generation.
    assert all(row[-5] == "yes" for row in cjk), fonts


@needs_poppler
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_pages_have_the_running_header(pdfs, lang):
    assert _pages(pdfs[lang]) > 1
    header = _squash(f"{META.authority} · {META.scheme_name} · {META.plan_version}")
    for page in (1, 2, _pages(pdfs[lang])):
        top = _text(pdfs[lang], page, page).strip().splitlines()[0]
        assert _squash(top) == header, (page, top)


@needs_poppler
def test_each_violating_parcel_starts_a_page_with_its_table(pdfs):
    pages = _pages(pdfs["en"])
    starts = {}
    for page in range(1, pages + 1):
        lines = _text(pdfs["en"], page, page).strip().splitlines()
        for line in lines[1:5]:  # under the running header (and the section heading on the first one)
            match = re.match(r"\s*\d+\.\d+\s+Parcel (XG-\S+)", line)
            if match:
                starts[match.group(1)] = page
    assert set(starts) == set(VIOLATING_PARCELS)
    for parcel, page in starts.items():
        text = _text(pdfs["en"], page, page)
        assert "Limit as written" in text and "Findings on this parcel" in text, parcel


@needs_poppler
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_review_opinion_and_accepted_finding_show(pdfs, lang):
    text = _text(pdfs[lang])
    assert OPINION in text
    assert EXCEPTION_REASON in text
    accepted = "Accepted by the reviewer as an approved exception" if lang == "en" else "例外"
    assert accepted in _squash(text) or accepted in text


@needs_poppler
def test_headers_repeat_when_a_table_crosses_a_page(checked, tmp_path):
    """Many warnings make the warnings table run over a page: its header row is printed again."""
    result, layers = checked
    from dataclasses import replace

    warnings = tuple(result.warnings) * 30
    path = tmp_path / "long.pdf"
    write_pdf(replace(result, warnings=warnings), layers, META, path, "en")
    texts = [_text(path, p, p) for p in range(1, _pages(path) + 1)]
    with_rows = [t for t in texts if "Unreadable limit" in t]
    assert len(with_rows) >= 2
    assert all("What the engine did" in t for t in with_rows)


def test_document_tables_repeat_their_header_rows(checked):
    result, layers = checked
    report = build_document(result, layers, META, "en")
    from planner.report.pages import _tables

    documents = report.documents()  # kept: a table goes with its document
    tables = [t for document in documents for t in _tables(document)]
    assert tables
    headed = [t for t in tables if t.format().headerRowCount() == 1]
    # The title block and the signature table have no header row; every data table has one.
    assert len(headed) >= len(tables) - 3


def test_html_references_its_maps(checked):
    result, layers = checked
    html, images = report_html(result, layers, META, "en")
    assert "planner-map-overview.png" in images
    assert len(images) == 1 + len(VIOLATING_PARCELS)  # the overview and one detail map per violating parcel
    for name, draw in images.items():  # drawn only when its page is painted
        assert f'src="{name}"' in html
        image = draw()
        assert isinstance(image, QImage) and image.width() >= 1500 and not image.isNull()


def test_report_without_layers_or_review_still_builds(checked):
    result, _layers = checked
    html, images = report_html(result, {}, ReportMeta(), "zh")
    assert images == {}
    assert "XG-06-01" in html


def test_print_document_paginates_onto_a_printer(checked, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    result, layers = checked
    document = build_document(result, layers, META, "en")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    print_document(document, printer)
    assert (tmp_path / "printed.pdf").stat().st_size > 10_000
    if shutil.which("pdftotext"):
        assert "Page 1 of" in _text(tmp_path / "printed.pdf")


@needs_poppler
def test_compliant_scheme_report_says_it_complies(tmp_path):
    plan = load_plan(PLAN)
    compliant = SAMPLES / "scheme_compliant.gpkg"
    buildings = load_buildings(compliant, "建筑")
    result = check(plan, buildings)  # no green layer: green ratio is not checked, and the report says so
    path = tmp_path / "compliant.pdf"
    write_pdf(result, {"plan": plan, "buildings": buildings}, ReportMeta(), path, "en")
    text = _text(path)
    flat = " ".join(text.split())
    assert "Overall verdict: the scheme complies with the plan." not in text  # never while green went unchecked
    assert "Overall verdict: no findings, but the check is not complete, so the scheme is not found compliant." in flat
    assert "Not checked: green ratio on 4 parcels" in flat
    assert "No green layer was given" in text
    green = load_green(compliant, "绿地")
    write_pdf(check(plan, buildings, green), {"plan": plan, "buildings": buildings, "green": green}, ReportMeta(),
              path, "en")
    assert "Overall verdict: the scheme complies with the plan." in _text(path)
    assert "XG-02-01" in text


@needs_poppler
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_detail_maps_are_bounded_and_the_rest_listed(checked, tmp_path, monkeypatch, lang):
    """7 violating parcels and at most 3 detail maps: 3 detail pages with maps, a sentence saying 4 were left out
    and how to have them all, and every finding of the other 4 in one table (painted row by row when long)."""
    import planner.report.document as document
    from planner.messages import tr
    from planner.report.document import DETAIL_CAPTION, SECTION_OTHER_VIOLATING

    result, layers = checked
    drawn = []
    render = document.render_map
    monkeypatch.setattr(document, "render_map", lambda *a, **k: drawn.append(k.get("focus")) or render(*a, **k))
    for long_rows in (300, 2):  # the other parcels' table laid out by QTextDocument, then painted row by row
        monkeypatch.setattr(document, "LONG_TABLE_ROWS", long_rows)
        drawn.clear()
        path = tmp_path / f"bounded_{long_rows}.pdf"
        write_pdf(result, layers, META, path, lang, max_detail_maps=3)
        # In the order drawn (-raw): with -layout, a cell's wrapped lines interleave with its neighbours'.
        flat = _squash(subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True,
                                      check=True, encoding="utf-8").stdout)
        assert len(drawn) == 1 + 3  # the overview and three detail maps, each drawn once
        for k, parcel in enumerate(VIOLATING_PARCELS):
            caption = _squash(tr(DETAIL_CAPTION, lang).format(parcel=parcel))
            assert (caption in flat) == (k < 3), parcel
        sentence = _squash(tr(document.DETAIL_MAPS_LEFT_OUT, lang).format(shown=3, total=7, left=4))
        assert sentence in flat
        assert "--max-detail-maps7" in flat
        assert _squash(tr(SECTION_OTHER_VIOLATING, lang).format(count=4)) in flat
        for v in result.violations:  # every finding, with or without a detail page
            assert _squash(violation_message(v, lang)) in flat, v


@needs_poppler
def test_no_sentence_when_every_parcel_has_its_map(checked, tmp_path):
    import planner.report.document as document

    result, layers = checked
    path = tmp_path / "all.pdf"
    write_pdf(result, layers, META, path, "en", max_detail_maps=7)
    flat = _squash(_text(path))
    assert "--max-detail-maps" not in flat
    assert _squash(document.tr(document.DETAIL_CAPTION, "en").format(parcel="XG-07-01")) in flat


def test_a_map_image_starts_as_white_as_qimage_fill_makes_it():
    """render_map whitens its new image through numpy (which lets go of the GIL while the memory is first touched)."""
    from PySide6.QtGui import QColor

    from planner.report.maps import _fill_white

    ensure_gui_application()
    ours, theirs = QImage(37, 5, QImage.Format.Format_RGB32), QImage(37, 5, QImage.Format.Format_RGB32)
    _fill_white(ours)
    theirs.fill(QColor(255, 255, 255))
    assert ours == theirs and ours.pixel(36, 4) == 0xFFFFFFFF
