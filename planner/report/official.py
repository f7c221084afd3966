"""What the official documents of issue 15 share (一次性告知书, 审查意见书, 规划条件): who issues them for which case
and plan, dates in Chinese form in local time, the 技术经济指标 table, the seal area, and writing them as PDF through
the report's pagination (planner.report.pages)."""

from __future__ import annotations

import datetime
import html
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtGui import QTextDocument

from planner.cases.calendar import WorkingCalendar, deadline, load_office_calendar
from planner.cases.office import OfficeSettings
from planner.messages import (
    DECLARED_NAMES,
    INDICATOR_NAMES,
    QT_TRANSLATE_NOOP,
    WHOLE_SCHEME,
    chinese_date,
    format_declared,
    format_limit,
    format_value,
    plan_basis,
    tr,
)
from planner.model import INDICATORS, CaseDetails, CheckResult
from planner.report.fonts import ensure_gui_application, report_font
from planner.report.pages import HEADER_BACKGROUND, PAGE_NUMBER, repeat_table_headers, write_document_pdf
from planner.resources import planner_version

LABEL_CASE_NUMBER = QT_TRANSLATE_NOOP("messages", "Case number")
LABEL_PROJECT = QT_TRANSLATE_NOOP("messages", "Project")
LABEL_APPLICANT = QT_TRANSLATE_NOOP("messages", "Applicant")
LABEL_SITE = QT_TRANSLATE_NOOP("messages", "Site")
LABEL_RECEIVED = QT_TRANSLATE_NOOP("messages", "Received")
LABEL_DEADLINE = QT_TRANSLATE_NOOP("messages", "Statutory deadline")
DEADLINE_ESTIMATED = QT_TRANSLATE_NOOP("messages", "{date} (estimated: the official holidays of that year are not "
                                                   "published yet; only weekends were left out)")
SEAL_AREA = QT_TRANSLATE_NOOP("messages", "(seal)")
HEADER_ITEM = QT_TRANSLATE_NOOP("messages", "Indicator")
HEADER_WHERE = QT_TRANSLATE_NOOP("messages", "Parcel")
HEADER_DECLARED = QT_TRANSLATE_NOOP("messages", "Declared")
HEADER_MEASURED = QT_TRANSLATE_NOOP("messages", "Measured")
HEADER_PLAN_LIMIT = QT_TRANSLATE_NOOP("messages", "Plan limit")
HEADER_TOLERANCE = QT_TRANSLATE_NOOP("messages", "Tolerance")
HEADER_AGREES = QT_TRANSLATE_NOOP("messages", "Declared vs measured")
AGREES = {"match": QT_TRANSLATE_NOOP("messages", "matches"), "differs": QT_TRANSLATE_NOOP("messages", "differs"),
          "not_measured": QT_TRANSLATE_NOOP("messages", "not measured"),
          "not_declared": QT_TRANSLATE_NOOP("messages", "not declared")}

STYLE = """
h1 { font-size: 18pt; font-weight: bold; margin-top: 4pt; margin-bottom: 6pt; }
h2 { font-size: 12pt; font-weight: bold; margin-top: 10pt; margin-bottom: 4pt; }
p { margin-top: 3pt; margin-bottom: 3pt; line-height: 140%; }
li { margin-top: 2pt; margin-bottom: 4pt; line-height: 140%; }
th { background-color: #dfe6ee; font-weight: bold; text-align: left; }
.authority { font-size: 13pt; font-weight: bold; }
.muted { color: #555555; }
.violation { color: #b4231a; font-weight: bold; }
.small { font-size: 8.5pt; }
"""
TABLE = ('<table width="100%" border="1" cellspacing="0" cellpadding="4" style="border-collapse: collapse; '
         'border-color: #9aa5b1;">')
GAP = '<p style="font-size: 4pt;">&nbsp;</p>'


def e(text: Any) -> str:
    return html.escape("" if text is None else str(text))


def local_today() -> datetime.date:
    """Today in the computer's own time zone (never UTC's date)."""
    return datetime.datetime.now().astimezone().date()


@dataclass(frozen=True)
class DocumentMeta:
    """Who issues a document, for which case and plan, on which day; the resubmission deadline it sets."""

    case: CaseDetails
    authority: str
    plan_name: str
    plan_approval: str  # 批复文号 (all of them, as the plan layer states them)
    plan_approval_date: str
    plan_label: str
    issued: datetime.date
    resubmit_days: int
    resubmit_by: datetime.date | None
    resubmit_estimated: bool
    signoff_levels: int = 3


def document_meta(result: CheckResult | None, case: CaseDetails | None = None, *, authority: str = "",
                  plan_name: str = "", settings: OfficeSettings | None = None,
                  issued: datetime.date | None = None, calendar: WorkingCalendar | None = None,
                  plan_info: Any = None) -> DocumentMeta:
    """The details a document prints: the case (empty when not given), the plan's name and approval (from the plan
    layer's version, or its file name), the date of issue (today, local time) and the resubmission deadline
    (settings.resubmit_days working days after the date of issue, over Chinese working days)."""
    settings = settings or OfficeSettings()
    issued = issued or local_today()
    info = plan_info if plan_info is not None else (result.inputs.get("plan") if result is not None else None)
    version = getattr(info, "version", None)
    name = plan_name or (Path(info.path).stem if info is not None and info.path else "")
    due = deadline(issued, settings.resubmit_days, calendar or WorkingCalendar(load_office_calendar()))
    return DocumentMeta(case=case or CaseDetails(), authority=authority or settings.authority, plan_name=name,
                        plan_approval=getattr(version, "approval_number", "") or "",
                        plan_approval_date=getattr(version, "approval_date", "") or "",
                        plan_label=getattr(version, "label", "") or "", issued=issued,
                        resubmit_days=settings.resubmit_days, resubmit_by=due.day,
                        resubmit_estimated=due.estimated, signoff_levels=settings.signoff_levels)


def deadline_text(day: datetime.date | None, estimated: bool, lang: str) -> str:
    text = chinese_date(day, lang)
    return tr(DEADLINE_ESTIMATED, lang).format(date=text) if estimated and day is not None else text


class Page:
    """An official document's HTML, collected part by part, with Chinese section numbers (一、二、…)."""

    NUMERALS = "一二三四五六七八九十"

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.parts: list[str] = []
        self.section = 0

    def t(self, text: str, **values: Any) -> str:
        translated = tr(text, self.lang)
        return translated.format(**values) if values else translated

    def add(self, text: str) -> None:
        self.parts.append(text)

    def p(self, text: str, css: str = "", align: str = "") -> None:
        attributes = (f' class="{css}"' if css else "") + (f' align="{align}"' if align else "")
        self.add(f"<p{attributes}>{e(text)}</p>")

    def heading(self, text: str) -> None:
        self.section += 1
        number = (f"{self.NUMERALS[self.section - 1]}、" if self.lang == "zh" and self.section <= 10
                  else f"{self.section}. ")
        self.add(f"<h2>{e(number)}{e(self.t(text))}</h2>")

    def table(self, headers: list[str], rows: Iterable[list[str]], widths: list[int] | None = None) -> None:
        """rows hold HTML already escaped."""
        out = [TABLE]
        if headers:
            out.append("<thead><tr>")
            for k, h in enumerate(headers):
                width = f' width="{widths[k]}%"' if widths else ""
                out.append(f'<th bgcolor="{HEADER_BACKGROUND}"{width}>{e(h)}</th>')
            out.append("</tr></thead>")
        out.append("<tbody>")
        for k, row in enumerate(rows):
            # Without a header row, the first row carries the column widths.
            sized = widths is not None and not headers and k == 0
            out.append("<tr>" + "".join(f'<td width="{widths[j]}%">{cell}</td>' if sized else f"<td>{cell}</td>"
                                        for j, cell in enumerate(row)) + "</tr>")
        out.append("</tbody></table>")
        self.add("".join(out))

    def labelled(self, pairs: list[tuple[str, str]]) -> None:
        """A two-column table of label and value, two pairs a row."""
        rows = []
        for k in range(0, len(pairs), 2):
            row = []
            for label, value in pairs[k:k + 2]:
                row += [f"<b>{e(self.t(label))}</b>", e(value or "-")]
            rows.append(row + ["", ""] * (2 - len(pairs[k:k + 2])))
        self.table([], rows, [14, 36, 14, 36])

    def html(self, title: str) -> str:
        return (f'<html><head><meta charset="utf-8"/><title>{e(title)}</title><style>{STYLE}</style></head>'
                f"<body>{''.join(self.parts)}</body></html>")


def case_pairs(meta: DocumentMeta, lang: str) -> list[tuple[str, str]]:
    """The case's details as (label, value) pairs for Page.labelled."""
    case = meta.case
    return [(LABEL_CASE_NUMBER, case.number), (LABEL_PROJECT, case.project), (LABEL_APPLICANT, case.applicant),
            (LABEL_SITE, case.site), (LABEL_RECEIVED, chinese_date(case.received, lang) if case.received else ""),
            (LABEL_DEADLINE, deadline_text(case.deadline, case.deadline_estimated, lang) if case.deadline else "")]


def seal_block(page: Page, meta: DocumentMeta) -> None:
    """The issuing authority and the date of issue at the bottom right, inside the area the seal is stamped on."""
    authority = meta.authority or "_" * 16
    page.add(GAP)
    page.add('<table width="100%" cellspacing="0" cellpadding="10"><tr><td width="55%"></td>'
             '<td width="45%" align="center" style="border: 1px dashed #999999;">'
             f'<span class="muted small">{e(page.t(SEAL_AREA))}</span><br/><br/><br/><br/>'
             f'<b>{e(authority)}</b><br/>{e(chinese_date(meta.issued, page.lang))}</td></tr></table>')


def short_basis(meta: DocumentMeta, lang: str) -> str:
    """The basis an item cites: the plan's approval number(s) when known, else the plan's name (the document's
    opening names both)."""
    return meta.plan_approval or plan_basis(meta.plan_name, "", lang)


def indicator_rows(result: CheckResult, lang: str) -> list[list[str]]:
    """The 技术经济指标 table's rows (HTML cells): each declared figure beside the measured value and the plan's
    limit, or, without declared figures, each parcel's measured indicators beside the plan's limits."""
    parcels = result.parcels
    index = {str(pid): k for k, pid in enumerate(parcels.ids.tolist())}

    def limit(parcel: str | None, indicator: str) -> str:
        if parcel is None or indicator not in INDICATORS or parcel not in index:
            return "-"
        k = index[parcel]
        lo, hi = float(parcels.lower[indicator][k]), float(parcels.upper[indicator][k])
        bounds = (None if lo != lo else lo, None if hi != hi else hi)
        return format_limit(indicator, bounds if bounds != (None, None) else None)

    rows = []
    if result.declared:
        for f in result.declared:
            if f.measured is None:
                agrees, css = AGREES["not_measured"], "muted"
            else:
                agrees, css = (AGREES["differs"], "violation") if f.differs else (AGREES["match"], "")
            tolerance = format_declared(f.indicator, f.tolerance) if f.measured is not None else "-"
            rows.append([e(f.parcel or tr(WHOLE_SCHEME, lang)), e(tr(DECLARED_NAMES[f.indicator], lang)),
                         e(format_declared(f.indicator, f.declared)), e(format_declared(f.indicator, f.measured)),
                         e(limit(f.parcel, f.indicator)), e(tolerance),
                         f'<span class="{css}">{e(tr(agrees, lang))}</span>'])
        return rows
    for k, pid in enumerate(parcels.ids.tolist()):
        for indicator in INDICATORS:
            value = float(getattr(parcels, {"height": "max_height"}.get(indicator, indicator))[k])
            rows.append([e(pid), e(tr(INDICATOR_NAMES[indicator], lang)), "-",
                         e(format_value(indicator, None if value != value else value)), e(limit(str(pid), indicator)),
                         "-", f'<span class="muted">{e(tr(AGREES["not_declared"], lang))}</span>'])
    return rows


INDICATOR_HEADERS = (HEADER_WHERE, HEADER_ITEM, HEADER_DECLARED, HEADER_MEASURED, HEADER_PLAN_LIMIT,
                     HEADER_TOLERANCE, HEADER_AGREES)
INDICATOR_WIDTHS = [13, 17, 15, 15, 14, 12, 14]


def build(page: Page, title: str, header: str) -> QTextDocument:
    """The page as a QTextDocument ready for planner.report.pages: font, running header, page numbers."""
    ensure_gui_application()
    document = QTextDocument()
    document.setDefaultFont(report_font(10.5))
    document.setDocumentMargin(0)
    document.setHtml(page.html(title))
    repeat_table_headers(document)
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, title)
    document.setProperty("plannerHeader", header)
    document.setProperty("plannerPageNumber", tr(PAGE_NUMBER, page.lang))
    document.setProperty("plannerLanguage", page.lang)
    return document


def write(page: Page, path: str | Path, title: str, header: str) -> None:
    """Write the page as an A4 PDF with the report's fonts, header and page numbers."""
    write_document_pdf(build(page, title, header), path, title, f"Planner {planner_version()}")
