"""The report's pages: a build_document() document paginated onto a PDF or a printer, with a running header, page
numbers, repeated table headers and headings kept with what follows."""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
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


def _paint_pages(document: QTextDocument, device: QPagedPaintDevice, dpi: float) -> int:
    """Paint the document page by page onto device: running header, the page's slice, page number."""
    layout = device.pageLayout()
    full = layout.paintRectPixels(round(dpi))
    mm = dpi / 25.4
    header_h, footer_h = 9 * mm, 9 * mm
    body = QRectF(0, header_h, full.width(), full.height() - header_h - footer_h)

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
    small = QFont(document.defaultFont())
    small.setPointSizeF(8)
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("cannot paint on the output device")
    try:
        for page in range(pages):
            if page:
                device.newPage()
            painter.setFont(small)
            painter.setPen(QColor(70, 70, 70))
            top = QRectF(0, 0, body.width(), header_h - 2.5 * mm)
            painter.drawText(top, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom), header)
            painter.setPen(QPen(QColor(120, 120, 120), max(1.0, 0.25 * mm)))
            painter.drawLine(QPointF(0, header_h - 1.5 * mm), QPointF(body.width(), header_h - 1.5 * mm))
            painter.save()
            painter.translate(0, header_h - page * body.height())
            # The layout puts a block moved to the next page a hair above the page line (fixed-point
            # rounding): nudge the slice up so such a block is not also drawn, clipped, on this page.
            doc.drawContents(painter, QRectF(0, page * body.height() - 0.25, body.width(), body.height()))
            painter.restore()
            painter.setFont(small)
            painter.setPen(QColor(70, 70, 70))
            bottom = QRectF(0, full.height() - footer_h + 2.5 * mm, body.width(), footer_h - 2.5 * mm)
            painter.drawText(bottom, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                             numbering.format(page=page + 1, pages=pages))
    finally:
        painter.end()
    return pages


def write_document_pdf(document: QTextDocument, path: str | Path, title: str, creator: str) -> None:
    """Write a document as an A4 portrait PDF (15 mm margins, 300 dpi) with embedded fonts, running header and
    page numbers."""
    ensure_gui_application()
    writer = QPdfWriter(str(path))
    writer.setResolution(300)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
    writer.setTitle(title)
    writer.setCreator(creator)
    _paint_pages(document, writer, writer.resolution())


def print_document(document: QTextDocument, printer: QPrinter) -> None:
    """Print a build_document() document with the same pagination, header and page numbers."""
    ensure_gui_application()
    if not printer.docName():
        printer.setDocName(document.metaInformation(QTextDocument.MetaInformation.DocumentTitle))
    _paint_pages(document, printer, printer.resolution())
