"""The report's pages: a build_document() document paginated onto a PDF or a printer, with a running header, page
numbers, repeated table headers and headings kept with what follows."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLineF, QMarginsF, QPointF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextTable,
)

from planner.messages import (
    QT_TRANSLATE_NOOP,
)
from planner.report.fonts import ensure_gui_application

if TYPE_CHECKING:  # QtPrintSupport loads QtWidgets: only the window, which prints, imports it
    from PySide6.QtPrintSupport import QPrinter

#: Table headers' background, in the HTML and again when a header row repeats on the next page.
HEADER_BACKGROUND = "#dfe6ee"
PAGE_NUMBER = QT_TRANSLATE_NOOP("messages", "Page {page} of {pages}")


def _tables(document: QTextDocument) -> list[QTextTable]:
    found = []

    def walk(frame) -> None:
        for child in frame.childFrames():
            if isinstance(child, QTextTable):
                found.append(child)
            walk(child)

    walk(document.rootFrame())
    return found


def repeat_table_headers(document: QTextDocument) -> None:
    """Tables whose first row is a header (its cells have the header background) repeat it on every page."""
    header = QColor(HEADER_BACKGROUND)
    for table in _tables(document):
        if table.rows() < 2:
            continue
        cell = table.cellAt(0, 0)
        if cell.format().background().color() != header:
            continue
        fmt = table.format()
        if fmt.headerRowCount() != 1:
            fmt.setHeaderRowCount(1)
            table.setFormat(fmt)


def _fit_images(document: QTextDocument, width_px: float) -> None:
    """Shrink images wider than the body (given in CSS pixels) to fit it, keeping their aspect."""
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            if fmt.isImageFormat():
                image = fmt.toImageFormat()
                if image.width() > width_px:
                    ratio = width_px / image.width()
                    image.setWidth(width_px)
                    image.setHeight(image.height() * ratio)
                    cursor = QTextCursor(document)
                    cursor.setPosition(fragment.position())
                    cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
                    cursor.setCharFormat(image)
            it += 1
        block = block.next()


def _keeps_with_next(block) -> bool:
    """Headings stay with what follows them, and a map with its caption."""
    if block.blockFormat().headingLevel() > 0:
        return True
    return _only_image(block)


def _only_image(block) -> bool:
    it = block.begin()
    found = False
    while not it.atEnd():
        fmt = it.fragment().charFormat()
        if not fmt.isImageFormat() and it.fragment().text().strip():
            return False
        found = found or fmt.isImageFormat()
        it += 1
    return found


def _first_line_top(layout, block) -> float:
    rect = layout.blockBoundingRect(block)
    lines = block.layout()
    return rect.top() + (lines.lineAt(0).y() if lines.lineCount() else 0.0)


def _keep_with_next(document: QTextDocument, page_height: float) -> int:
    """Move headings (or maps) whose follower starts on a later page to that page; returns how many moved.

    A block that starts a page by a page break (each violating parcel does) places what follows it whatever
    came before, so the parts between such breaks are fixed independently: each pass moves the first such
    heading of every part, and the caller lays out again while any moved. (Moving a heading shifts the rest of
    its part, so only the first of a part is decided on this layout.)"""
    always = QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore
    layout = document.documentLayout()
    moved = 0
    settled = False  # this part has had its move: skip to the next page break
    block = document.begin()
    while block.isValid():
        following = block.next()
        if block.blockFormat().pageBreakPolicy() & always:
            settled = False
        if not settled and following.isValid() and _keeps_with_next(block):
            top = _first_line_top(layout, block)
            page = math.floor((top + 0.5) / page_height)
            next_page = math.floor((_first_line_top(layout, following) + 0.5) / page_height)
            breaks = bool(following.blockFormat().pageBreakPolicy() & always)
            at_page_top = top - page * page_height < page_height * 0.05
            if next_page > page and not breaks and not at_page_top:
                fmt = block.blockFormat()
                fmt.setPageBreakPolicy(fmt.pageBreakPolicy() | always)
                QTextCursor(block).setBlockFormat(fmt)
                moved += 1
                settled = True
        block = following
    return moved


class _PageFrame:
    """An A4 page of the device as the report prints it: a running header above the body and the page number
    below, 9 mm each. _paint_pages and _paint_report both frame their pages with it."""

    def __init__(self, device: QPagedPaintDevice, dpi: float, font: QFont) -> None:
        self.full = device.pageLayout().paintRectPixels(round(dpi))
        self.mm = dpi / 25.4
        self.header_h, self.footer_h = 9 * self.mm, 9 * self.mm
        self.body = QRectF(0, self.header_h, self.full.width(), self.full.height() - self.header_h - self.footer_h)
        self.small = QFont(font)
        self.small.setPointSizeF(8)

    def header(self, painter: QPainter, text: str) -> None:
        mm, width = self.mm, self.body.width()
        painter.setFont(self.small)
        painter.setPen(QColor(70, 70, 70))
        painter.drawText(QRectF(0, 0, width, self.header_h - 2.5 * mm),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom), text)
        painter.setPen(QPen(QColor(120, 120, 120), max(1.0, 0.25 * mm)))
        painter.drawLine(QPointF(0, self.header_h - 1.5 * mm), QPointF(width, self.header_h - 1.5 * mm))

    def footer(self, painter: QPainter, text: str) -> None:
        mm = self.mm
        painter.setFont(self.small)
        painter.setPen(QColor(70, 70, 70))
        painter.drawText(QRectF(0, self.full.height() - self.footer_h + 2.5 * mm, self.body.width(),
                                self.footer_h - 2.5 * mm),
                         int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop), text)


def _paint_pages(document: QTextDocument, device: QPagedPaintDevice, dpi: float) -> int:
    """Paint the document page by page onto device: running header, the page's slice, page number."""
    frame = _PageFrame(device, dpi, document.defaultFont())
    body = frame.body

    def laid_out(source: QTextDocument) -> QTextDocument:
        doc = source.clone(document)  # images are found through the parent's resources
        doc.setDefaultFont(document.defaultFont())
        doc.setDocumentMargin(0)
        doc.documentLayout().setPaintDevice(device)
        doc.setPageSize(QSizeF(body.width(), body.height()))
        return doc

    doc = laid_out(document)
    _fit_images(doc, body.width() * 96 / dpi)
    for _ in range(20):  # one pass per heading moved in the part with the most (usually one or two)
        if not _keep_with_next(doc, body.height()):
            break
        # Qt relays out an edit incrementally, and then skips blocks when drawing: lay out a fresh copy.
        doc = laid_out(doc)
    pages = doc.pageCount()

    header = str(document.property("plannerHeader") or "")
    numbering = str(document.property("plannerPageNumber") or "{page} / {pages}")
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("cannot paint on the output device")
    try:
        for page in range(pages):
            if page:
                device.newPage()
            frame.header(painter, header)
            painter.save()
            painter.translate(0, frame.header_h - page * body.height())
            # The layout puts a block moved to the next page a hair above the page line (fixed-point
            # rounding): nudge the slice up so such a block is not also drawn, clipped, on this page.
            doc.drawContents(painter, QRectF(0, page * body.height() - 0.25, body.width(), body.height()))
            painter.restore()
            frame.footer(painter, numbering.format(page=page + 1, pages=pages))
    finally:
        painter.end()
    return pages


def write_document_pdf(document: QTextDocument | Report, path: str | Path, title: str, creator: str) -> None:
    """Write a document (or a Report in parts) as an A4 portrait PDF (15 mm margins, 300 dpi) with embedded fonts,
    running header and page numbers."""
    ensure_gui_application()
    writer = QPdfWriter(str(path))
    writer.setResolution(300)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
    writer.setTitle(title)
    writer.setCreator(creator)
    if isinstance(document, Report):
        _paint_report(document, writer, writer.resolution())
    else:
        _paint_pages(document, writer, writer.resolution())


def print_document(document: QTextDocument | Report, printer: QPrinter) -> None:
    """Print a build_document() report (or a document) with the same pagination, header and page numbers."""
    ensure_gui_application()
    if isinstance(document, Report):
        if not printer.docName():
            printer.setDocName(document.title)
        _paint_report(document, printer, printer.resolution())
        return
    if not printer.docName():
        printer.setDocName(document.metaInformation(QTextDocument.MetaInformation.DocumentTitle))
    _paint_pages(document, printer, printer.resolution())


# --- reports in parts: bounded memory and one layout per part --------------------------------------------------

#: Table text colours and weights by CSS class of the report's style sheet (planner.report.document._STYLE).
CELL_STYLES = {"": (QColor(0, 0, 0), False), "bold": (QColor(0, 0, 0), True),
               "violation": (QColor("#b4231a"), True), "marginal": (QColor("#b8650a"), True),
               "pass": (QColor("#2e7031"), False), "muted": (QColor("#666666"), False)}
_BORDER = QColor("#9aa5b1")
_HEADING = QColor("#1f3550")


@dataclass
class HtmlPart:
    """A stretch of the report laid out by QTextDocument on pages of its own (it starts a page unless `follows`).

    `maps` names each image the HTML references and how to draw it: a map is drawn only when the part's
    pages are painted, and released with the part, so memory holds one part's maps whatever the report's size."""

    html: str
    maps: dict[str, Callable[[], QImage]] = field(default_factory=dict)
    #: Goes on below the part before it on the same page instead of starting a page (the report's first pages
    #: are several parts, for no Qt layout of them to take long: each holds Python's GIL from start to end).
    follows: bool = False


@dataclass
class TablePart:
    """A long table painted row by row (QTextDocument lays a table of thousands of rows out in minutes): a heading,
    a header row repeated on every page, and rows of (text, style) cells, style a key of CELL_STYLES. It follows
    the part before it on the same page; widths are percentages of the body width."""

    heading: str
    headers: list[str]
    widths: list[float]
    rows: list[list[tuple[str, str]]]


@dataclass
class Report:
    """A report as parts, with what every page shows (running header, page numbering) and its default font."""

    parts: list[HtmlPart | TablePart]
    font: QFont
    title: str = ""
    header: str = ""
    page_number: str = "{page} / {pages}"
    style: str = ""  # the style sheet of every HtmlPart

    def documents(self) -> list[QTextDocument]:
        """Each HtmlPart as a QTextDocument, unpaginated (for tests and previews of the HTML)."""
        return [self._document(part) for part in self.parts if isinstance(part, HtmlPart)]

    def plain_text(self) -> str:
        """The whole report's text, part after part (tables painted row by row give their rows tab-separated): what
        a reader would find in it, for tests and for searching a preview."""
        texts = []
        for part in self.parts:
            if isinstance(part, HtmlPart):
                texts.append(self._document(part).toPlainText())
            else:
                texts.append("\n".join([part.heading, "\t".join(part.headers)]
                                       + ["\t".join(text for text, _ in row) for row in part.rows]))
        return "\n".join(texts)

    def _document(self, part: HtmlPart) -> QTextDocument:
        document = QTextDocument()
        document.setUndoRedoEnabled(False)
        document.setDefaultFont(self.font)
        document.setDocumentMargin(0)
        document.setHtml(f'<html><head><meta charset="utf-8"/><style>{self.style}</style></head>'
                         f"<body>{part.html}</body></html>")
        repeat_table_headers(document)
        return document


class _TableLayout:
    """A TablePart measured for a body width: fonts, column edges, the height of every row."""

    def __init__(self, part: TablePart, font: QFont, width: float, dpi: float) -> None:
        self.part = part
        px = dpi / 96  # CSS pixel
        self.pad = 4 * px
        self.font = QFont(font)
        self.bold = QFont(font)
        self.bold.setBold(True)
        self.heading_font = QFont(font)
        self.heading_font.setPointSizeF(12.5)
        self.heading_font.setBold(True)
        total = sum(part.widths) or 1.0
        edges = [0.0]
        for w in part.widths:
            edges.append(edges[-1] + width * w / total)
        self.edges = edges
        metrics = QFontMetricsF(self.font, _device(dpi))
        bold_metrics = QFontMetricsF(self.bold, _device(dpi))
        self.line = max(metrics.lineSpacing(), bold_metrics.lineSpacing())
        # The widest character a cell is likely to hold: a text no longer than the inner width / this fits.
        self.widest = max(metrics.horizontalAdvance(c) for c in "国WM%@—")
        self.widest_bold = max(bold_metrics.horizontalAdvance(c) for c in "国WM%@—")
        heading_metrics = QFontMetricsF(self.heading_font, _device(dpi))
        self.heading_top = 12 * dpi / 72  # h2's margins: 12 pt above, 5 pt below
        self.heading_height = heading_metrics.lineSpacing() + 17 * dpi / 72 if part.heading else 0.0
        self.header_height = self._height([(h, "bold") for h in part.headers], metrics, bold_metrics)
        self.heights = [self._height(row, metrics, bold_metrics) for row in part.rows]

    def _inner(self, k: int) -> float:
        return self.edges[k + 1] - self.edges[k] - 2 * self.pad

    def _height(self, row, metrics: QFontMetricsF, bold_metrics: QFontMetricsF) -> float:
        lines = 1.0
        for k, (text, style) in enumerate(row):
            bold = CELL_STYLES.get(style, CELL_STYLES[""])[1]
            inner = self._inner(k)
            if len(text) * (self.widest_bold if bold else self.widest) <= inner and "\n" not in text:
                continue  # fits on one line whatever its characters
            m = bold_metrics if bold else metrics
            if "\n" in text or m.horizontalAdvance(text) > inner:
                rect = m.boundingRect(QRectF(0, 0, inner, 1e9), _WRAP, text)
                lines = max(lines, rect.height() / self.line)
        return lines * self.line + 2 * self.pad


_WRAP = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
_DEVICES: dict[float, QImage] = {}


def _device(dpi: float) -> QImage:
    """A 1 x 1 image with the given resolution, for font metrics in that device's pixels."""
    image = _DEVICES.get(dpi)
    if image is None:
        image = _DEVICES[dpi] = QImage(1, 1, QImage.Format.Format_RGB32)
        dots = round(dpi / 0.0254)
        image.setDotsPerMeterX(dots)
        image.setDotsPerMeterY(dots)
    return image


def _paint_table_rows(painter: QPainter, table: _TableLayout, y: float, rows: range, heading: bool) -> None:
    """Paint the table's heading (when `heading`), its header row and rows `rows` from y down."""
    part = table.part
    if heading and part.heading:
        painter.setFont(table.heading_font)
        painter.setPen(_HEADING)
        painter.drawText(QRectF(0, y + table.heading_top, table.edges[-1], table.heading_height),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop), part.heading)
        y += table.heading_height
    cells = [([(h, "bold") for h in part.headers], table.header_height, True)]
    cells += [(part.rows[r], table.heights[r], False) for r in rows]
    top = y
    ascent = QFontMetricsF(table.font, painter.device()).ascent()
    current: tuple[QColor, bool] | None = None
    lines = []
    for row, height, is_header in cells:
        if is_header:
            painter.fillRect(QRectF(0, y, table.edges[-1], height), QColor(HEADER_BACKGROUND))
        for k, (text, style) in enumerate(row):
            if not text:
                continue
            look = CELL_STYLES.get(style, CELL_STYLES[""])
            if look != current:
                painter.setFont(table.bold if look[1] else table.font)
                painter.setPen(look[0])
                current = look
            if height <= table.line + 2 * table.pad + 0.5 and "\n" not in text:  # one line: no text layout
                painter.drawText(QPointF(table.edges[k] + table.pad, y + table.pad + ascent), text)
            else:
                painter.drawText(QRectF(table.edges[k] + table.pad, y + table.pad, table._inner(k), height), _WRAP,
                                 text)
        lines.append(QLineF(0, y, table.edges[-1], y))
        y += height
    lines.append(QLineF(0, y, table.edges[-1], y))
    lines += [QLineF(x, top, x, y) for x in table.edges]
    painter.setPen(QPen(_BORDER, 1))
    painter.drawLines(lines)


def _laid_out(report: Report, part: HtmlPart, device: QPagedPaintDevice, size: QSizeF, width_px: float,
              offset: float | None = None) -> QTextDocument:
    """The part's document laid out in pages of `size` on `device`, its first block `offset` further down."""
    document = report._document(part)
    if offset:
        _move_down(document, offset, device)
    document.documentLayout().setPaintDevice(device)
    document.setPageSize(size)
    _fit_images(document, width_px)
    return document


def _laid_out_chain(report: Report, part: HtmlPart, device: QPagedPaintDevice, size: QSizeF, width_px: float,
                    offset: float | None = None) -> list[QTextDocument]:
    """The part laid out (_laid_out) with its headings kept with what follows them: the documents made on the
    way, the last the one to paint (PySide deletes a clone with the document it was cloned from: keep them all
    until the part is painted)."""
    document = _laid_out(report, part, device, size, width_px, offset)
    chain = [document]
    for _ in range(20):  # a part is a few pages: relaying it out is cheap
        if not _keep_with_next(document, size.height()):
            break
        fixed = document.clone()
        chain.append(fixed)
        fixed.setDefaultFont(report.font)
        fixed.setDocumentMargin(0)
        fixed.documentLayout().setPaintDevice(device)
        fixed.setPageSize(size)
        document = fixed
    return chain


def _move_down(document: QTextDocument, offset: float, device: QPagedPaintDevice) -> None:
    """Start the document's first block `offset` device pixels further down: an empty block first, and the
    offset added to the top margin of the block after it (the layout leaves out the top margin of a document's
    first block, and counts margins in CSS pixels)."""
    scale = device.logicalDpiY() / 96
    cursor = QTextCursor(document)
    cursor.insertBlock()
    first = cursor.blockFormat()  # the part's first block, now the second
    first.setTopMargin(first.topMargin() + (offset - _spacer_height(device)) / scale)
    cursor.setBlockFormat(first)
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    cursor.setBlockFormat(_spacer())


def _spacer() -> QTextBlockFormat:
    spacer = QTextBlockFormat()
    spacer.setLineHeight(0, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
    return spacer


def _spacer_height(device: QPagedPaintDevice) -> float:
    """Where a block after a _spacer() block starts, on `device` (measured once per resolution)."""
    dpi = device.logicalDpiY()
    if dpi not in _SPACERS:
        document = QTextDocument()
        document.setDocumentMargin(0)
        document.documentLayout().setPaintDevice(device)
        cursor = QTextCursor(document)
        cursor.insertBlock(QTextBlockFormat())
        cursor.insertText("x")
        QTextCursor(document).setBlockFormat(_spacer())
        _SPACERS[dpi] = document.documentLayout().blockBoundingRect(document.lastBlock()).top()
    return _SPACERS[dpi]


_SPACERS: dict[int, float] = {}


def _used_height(document: QTextDocument, page_height: float) -> float:
    """How far down its last page a paginated document's content reaches."""
    layout = document.documentLayout()
    bottom = layout.blockBoundingRect(document.lastBlock()).bottom()
    frame_bottom = layout.frameBoundingRect(document.rootFrame()).bottom()
    bottom = max(bottom, min(frame_bottom, document.pageCount() * page_height))
    return bottom - (document.pageCount() - 1) * page_height


def _paint_report(report: Report, device: QPagedPaintDevice, dpi: float) -> int:
    """Lay every part out once, then paint page by page; an HtmlPart's maps are drawn when its pages are."""
    frame = _PageFrame(device, dpi, report.font)
    body, header_h = frame.body, frame.header_h
    page_h = body.height()

    # Layout: where each part goes. An HtmlPart starts a page; a TablePart follows on the page it finds.
    plan: list[tuple[int, Any]] = []  # (first page, what to paint): ("html", part, document) or ("rows", ...)
    page, y = -1, page_h  # nothing placed yet: the first part starts page 0
    for part in report.parts:
        if isinstance(part, HtmlPart):
            # A part that follows starts where the one before ends: its first block is moved down that far.
            offset = y if part.follows and page >= 0 and y < page_h else None
            chain = _laid_out_chain(report, part, device, QSizeF(body.width(), page_h), body.width() * 96 / dpi,
                                    offset)
            document = chain[-1]
            if offset is not None and _first_line_top(document.documentLayout(), document.begin().next()) >= page_h:
                # It does not start on this page (a block moved to the next keeps its top margin, the offset with
                # it): the part starts the next page.
                offset = None
                chain = _laid_out_chain(report, part, device, QSizeF(body.width(), page_h), body.width() * 96 / dpi)
                document = chain[-1]
            if offset is None:
                page += 1
            plan.append((page, ("html", part, chain)))
            page += document.pageCount() - 1
            y = _used_height(document, page_h)
            continue
        table = _TableLayout(part, report.font, body.width(), dpi)
        gap = 6 * dpi / 96
        first = table.heading_height + table.header_height + (table.heights[0] if table.heights else 0)
        if y + gap + first > page_h:
            page, y = page + 1, 0.0
        else:
            y += gap if y > 0 else 0.0
        start, heading = 0, True
        while True:
            top = y + (table.heading_height if heading else 0) + table.header_height
            end = start
            while end < len(table.heights) and (top + table.heights[end] <= page_h or end == start):
                top += table.heights[end]
                end += 1
            plan.append((page, ("rows", table, y, range(start, end), heading)))
            y, start, heading = top, end, False
            if start >= len(table.heights):
                break
            page, y = page + 1, 0.0
    pages = page + 1

    painter = QPainter()
    if not painter.begin(device):
        raise OSError("cannot paint on the output device")
    painter.setRenderHint(QPainter.RenderHint.LosslessImageRendering)

    def running_header() -> None:
        frame.header(painter, report.header)

    def footer(number: int) -> None:
        frame.footer(painter, report.page_number.format(page=number + 1, pages=pages))

    number = 0
    try:
        running_header()

        def next_page() -> None:
            nonlocal number
            footer(number)
            device.newPage()
            number += 1
            running_header()

        for first_page, what in plan:
            while number < first_page:
                next_page()
            if what[0] == "html":
                _, part, chain = what
                document = chain[-1]
                for name, draw in part.maps.items():
                    document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), draw())
                for k in range(document.pageCount()):
                    if k:
                        next_page()
                    painter.save()
                    painter.translate(0, header_h - k * page_h)
                    # The layout puts a block moved to the next page a hair above the page line (fixed-point
                    # rounding): nudge the slice up so such a block is not also drawn, clipped, on this page.
                    document.drawContents(painter, QRectF(0, k * page_h - 0.25, body.width(), page_h))
                    painter.restore()
                for name in part.maps:  # the map goes; the document with it
                    document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), QImage())
                chain.clear()
            else:
                _, table, y, rows, heading = what
                painter.save()
                painter.translate(0, header_h)
                _paint_table_rows(painter, table, y, rows, heading)
                painter.restore()
        while number < pages - 1:
            next_page()
        footer(number)
    finally:
        painter.end()
    return pages
