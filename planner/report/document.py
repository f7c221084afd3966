"""The violation report: a check result as HTML in a QTextDocument with maps, paginated onto PDF or a printer.

QtCore, QtGui and QtPrintSupport only (no widgets), so the CLI writes reports without a display. Every
finding, verdict and value is worded by planner.messages, so the report says what the GUI and the CLI say.
"""

from __future__ import annotations

import datetime
import html
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtGui import QImage

from planner.checking.verdicts import (
    indicator_verdict,
    is_named,
)
from planner.messages import (
    DETAIL_MAPS_LEFT_OUT,
    INDICATOR_NAMES,
    QT_TRANSLATE_NOOP,
    achieved_text,
    format_area,
    format_limit,
    parcel_status_name,
    rule_name,
    tr,
    unchecked_message,
    verdict_name,
    violation_message,
    violation_messages,
    warning_message,
    warning_messages,
    warning_name,
)
from planner.model import (
    CONTROL_RULES,
    DECLARED_RULES,
    INDICATORS,
    RULES,
    CheckResult,
    ParcelResult,
    Violation,
    version_name,
)
from planner.report.fonts import ensure_gui_application, report_font
from planner.report.maps import (
    MAP_SIZE,
    SETBACK_ON_OVERVIEW,
    _bounds,
    _map_data,
    _MapData,
    _Measure,
    _measure_bounds,
    _measures,
    _union_bounds,
    render_map,
    shown_controls,
)
from planner.report.pages import HEADER_BACKGROUND, PAGE_NUMBER, HtmlPart, Report, TablePart, write_document_pdf
from planner.resources import planner_version

TITLE = QT_TRANSLATE_NOOP("messages", "Regulatory plan compliance report")


SUBTITLE = QT_TRANSLATE_NOOP("messages", "Check of a building scheme against the regulatory detailed plan")


LABEL_AUTHORITY = QT_TRANSLATE_NOOP("messages", "Authority")


LABEL_SCHEME = QT_TRANSLATE_NOOP("messages", "Scheme")


LABEL_PLAN = QT_TRANSLATE_NOOP("messages", "Regulatory plan")


LABEL_PLAN_VERSION = QT_TRANSLATE_NOOP("messages", "Plan version")


LABEL_DATE = QT_TRANSLATE_NOOP("messages", "Date")


LABEL_REVIEWER = QT_TRANSLATE_NOOP("messages", "Reviewer")


SECTION_SUMMARY = QT_TRANSLATE_NOOP("messages", "Overall verdict")


SECTION_OVERVIEW = QT_TRANSLATE_NOOP("messages", "Overview map")


SECTION_PARCELS = QT_TRANSLATE_NOOP("messages", "Parcels the scheme touches")


SECTION_VIOLATING = QT_TRANSLATE_NOOP("messages", "Violating parcels")


SECTION_OTHER = QT_TRANSLATE_NOOP("messages", "Findings on no parcel")


SECTION_WARNINGS = QT_TRANSLATE_NOOP("messages", "Warnings")


SECTION_PROVENANCE = QT_TRANSLATE_NOOP("messages", "Inputs and provenance")


SECTION_CONVENTIONS = QT_TRANSLATE_NOOP("messages", "Counting conventions")


SECTION_OPINION = QT_TRANSLATE_NOOP("messages", "Review opinion and signature")


VERDICT_FAILS = QT_TRANSLATE_NOOP("messages", "Overall verdict: the scheme does not comply with the plan.")


VERDICT_INCOMPLETE = QT_TRANSLATE_NOOP("messages", "Overall verdict: no findings, but the check is not complete, "
                                                   "so the scheme is not found compliant.")
VERDICT_PASSES = QT_TRANSLATE_NOOP("messages", "Overall verdict: the scheme complies with the plan.")


COUNTS_FAILS = QT_TRANSLATE_NOOP("messages", "{violations} findings; {violating} of the {checked} parcels the "
                                             "scheme touches are in breach.")


COUNTS_PASSES = QT_TRANSLATE_NOOP("messages", "No findings on the {checked} parcels the scheme touches.")


COUNTS_WARNINGS = QT_TRANSLATE_NOOP("messages", "{warnings} warnings are listed in the Warnings section: read "
                                                "them before relying on this verdict.")


COUNTS_REVIEWED = QT_TRANSLATE_NOOP("messages", "Review: {accepted} of the {count} findings accepted as approved "
                                                "exceptions.")


HEADER_RULE = QT_TRANSLATE_NOOP("messages", "Rule")


HEADER_FINDINGS = QT_TRANSLATE_NOOP("messages", "Number of findings")


COUNT_MARGINAL = QT_TRANSLATE_NOOP("messages", "{count} ({marginal} marginal)")


OVERVIEW_CAPTION = QT_TRANSLATE_NOOP("messages", "The parcels the scheme touches; violating parcels and the "
                                                 "buildings named in findings in red.")


DETAIL_CAPTION = QT_TRANSLATE_NOOP("messages", "Parcel {parcel} (thick outline) and the buildings on it.")


NO_MAP = QT_TRANSLATE_NOOP("messages", "No map: the layers were not given to the report.")


HEADER_PARCEL = QT_TRANSLATE_NOOP("messages", "Parcel")


HEADER_LAND_USE = QT_TRANSLATE_NOOP("messages", "Land use")


HEADER_STATUS = QT_TRANSLATE_NOOP("messages", "Verdict")


HEADER_INDICATOR = QT_TRANSLATE_NOOP("messages", "Indicator")


HEADER_WRITTEN = QT_TRANSLATE_NOOP("messages", "Limit as written")


HEADER_READ = QT_TRANSLATE_NOOP("messages", "Limit as read")


HEADER_ACHIEVED = QT_TRANSLATE_NOOP("messages", "Achieved")


HEADER_VERDICT = QT_TRANSLATE_NOOP("messages", "Verdict")






PARCEL_HEADING = QT_TRANSLATE_NOOP("messages", "Parcel {parcel}")


PARCEL_FACTS = QT_TRANSLATE_NOOP("messages", "Land use {code}; site area {site}; counted floor area {gfa}; "
                                             "footprints {footprint}; green area (weighted) {green}.")


PARCEL_BUILDINGS = QT_TRANSLATE_NOOP("messages", "Buildings: {buildings}.")


FINDINGS_HEADING = QT_TRANSLATE_NOOP("messages", "Findings on this parcel")


FINDING_NUMBER = QT_TRANSLATE_NOOP("messages", "Finding {number}")


MARGINAL_LABEL = QT_TRANSLATE_NOOP("messages", "marginal breach")


REVIEW_ACCEPTED = QT_TRANSLATE_NOOP("messages", "Accepted by the reviewer as an approved exception.")


REVIEW_REASON = QT_TRANSLATE_NOOP("messages", "Reason: {reason}")


REVIEW_NOTE = QT_TRANSLATE_NOOP("messages", "Reviewer's note: {note}")


HEADER_WARNING = QT_TRANSLATE_NOOP("messages", "Warning")


HEADER_EXPLANATION = QT_TRANSLATE_NOOP("messages", "What the engine did")


NO_WARNINGS = QT_TRANSLATE_NOOP("messages", "None: every input was read as written.")


SECTION_ORPHANED = QT_TRANSLATE_NOOP("messages", "Reviewer's notes on findings no longer found")


SECTION_VERSIONS = QT_TRANSLATE_NOOP("messages", "Findings that depend on the plan version")


VERSIONS_INTRO = QT_TRANSLATE_NOOP("messages", "The scheme was also checked against the plan version {old}. "
                                   "Under the version in force ({new}), {appeared} findings appear, {disappeared} "
                                   "disappear and {changed} change; {unchanged} are the same under both.")


VERSIONS_SAME = QT_TRANSLATE_NOOP("messages", "The scheme was also checked against the plan version {old}: every "
                                  "verdict is the same under both versions.")


HEADER_CHANGE = QT_TRANSLATE_NOOP("messages", "Change")


HEADER_BUILDING = QT_TRANSLATE_NOOP("messages", "Building")


HEADER_NUMBER = QT_TRANSLATE_NOOP("messages", "No.")


HEADER_FINDING = QT_TRANSLATE_NOOP("messages", "Finding")


SECTION_OTHER_VIOLATING = QT_TRANSLATE_NOOP("messages", "Findings on the other {count} violating parcels")



HEADER_IN_FORCE = QT_TRANSLATE_NOOP("messages", "Under the version in force")


HEADER_OTHER_VERSION = QT_TRANSLATE_NOOP("messages", "Under the other version")


CHANGE_NAMES = {"appeared": QT_TRANSLATE_NOOP("messages", "Appears"),
                "disappeared": QT_TRANSLATE_NOOP("messages", "Disappears"),
                "changed": QT_TRANSLATE_NOOP("messages", "Changes")}


ROLE_COMPARED_PLAN = QT_TRANSLATE_NOOP("messages", "Other plan version")


ORPHANED_INTRO = QT_TRANSLATE_NOOP("messages", "These notes were written on findings that this check no longer "
                                               "reports (the scheme or the plan has changed); they are kept as "
                                               "part of the record.")


HEADER_INPUT = QT_TRANSLATE_NOOP("messages", "Input")


HEADER_FILE = QT_TRANSLATE_NOOP("messages", "File")


HEADER_LAYER = QT_TRANSLATE_NOOP("messages", "Layer")


HEADER_FEATURES = QT_TRANSLATE_NOOP("messages", "Features")


HEADER_CRS = QT_TRANSLATE_NOOP("messages", "Coordinate system")


ROLE_PLAN = QT_TRANSLATE_NOOP("messages", "Plan parcels")


ROLE_BUILDINGS = QT_TRANSLATE_NOOP("messages", "Buildings")


ROLE_GREEN = QT_TRANSLATE_NOOP("messages", "Green areas")


NO_GREEN = QT_TRANSLATE_NOOP("messages", "No green layer was given: green ratio is not assessed.")


WORKING_CRS = QT_TRANSLATE_NOOP("messages", "Working coordinate system (areas in m², lengths in m): {crs}.")


PLANNER_VERSION = QT_TRANSLATE_NOOP("messages", "The measurements in this annex were computed by Planner {version} on "
                                                "{time} (local time); the conclusion is that of the signing "
                                                "officials.")


UNKNOWN_CRS = QT_TRANSLATE_NOOP("messages", "unknown (local planar metres)")


CONVENTIONS = (
    QT_TRANSLATE_NOOP("messages", "Counted floor area (计容面积): a building's stated counted area when present; "
                                  "otherwise its footprint × the sum of its above-ground storey coefficients: a "
                                  "storey 2.20 m high or more counts 1, a lower one 0.5 (GB/T 50353-2013, 3.0.1); "
                                  "storeys without a stated height count 1."),
    QT_TRANSLATE_NOOP("messages", "Underground storeys never count toward FAR."),
    QT_TRANSLATE_NOOP("messages", "A building in several parcels gives each parcel the share of its counted area "
                                  "that its footprint has there."),
    QT_TRANSLATE_NOOP("messages", "FAR = counted floor area / site area, the site area being the parcel polygon's "
                                  "area."),
    QT_TRANSLATE_NOOP("messages", "Building density = area of the union of the footprints inside the parcel / "
                                  "site area: overlaps count once, holes not at all."),
    QT_TRANSLATE_NOOP("messages", "Height = the largest stated height of a building on the parcel (the sum of its "
                                  "storey heights when none is stated)."),
    QT_TRANSLATE_NOOP("messages", "Green ratio = green area inside the parcel weighted by each area's counting "
                                  "factor (折算系数), overlaps once, / site area; without a green layer it is not "
                                  "assessed."),
    QT_TRANSLATE_NOOP("messages", "Limits are closed intervals: a value equal to its limit complies. A bare number "
                                  "is a maximum for FAR, density and height and a minimum for green ratio; empty, "
                                  "\"—\" or \"/\" means not controlled."),
    QT_TRANSLATE_NOOP("messages", "Values are compared at full precision. A breach that would pass once rounded "
                                  "half-up to the precision shown (FAR 0.01, ratios 0.1 %, heights 0.1 m) is still "
                                  "a breach, marked marginal."),
    QT_TRANSLATE_NOOP("messages", "Pieces of a footprint under 1 m² in a parcel are digitising slivers: they do not "
                                  "make a building cross a parcel boundary or stand outside the plan, but their "
                                  "area counts where it lies."),
)


OPINION_LABEL = QT_TRANSLATE_NOOP("messages", "Overall opinion")


SIGNATURE = QT_TRANSLATE_NOOP("messages", "Signature")


SEAL = QT_TRANSLATE_NOOP("messages", "Authority (seal)")


ROLE_LINES = QT_TRANSLATE_NOOP("messages", "Control lines")


CAPTION_CONTROLS = QT_TRANSLATE_NOOP("messages", "Control lines and zones on the map: {kinds}.")


CAPTION_MEASURES = QT_TRANSLATE_NOOP("messages", "Measured setback distances (dashed orange): {measures}.")


@dataclass(frozen=True)
class ReportMeta:
    """What the report says about itself: who issues it, for which scheme and plan, when, by whom."""

    authority: str = ""
    scheme_name: str = ""
    plan_name: str = ""
    plan_version: str = ""
    reviewer: str = ""
    date: str = field(default_factory=lambda: datetime.date.today().isoformat())


#: Image width in CSS pixels (1/96 inch): the 180 mm between A4 margins of 15 mm. Wider pages keep it;
#: narrower ones shrink it (_fit_images).
PAGE_WIDTH_PX = 680


_STYLE = """
h1 { font-size: 17pt; font-weight: bold; margin-top: 2pt; margin-bottom: 2pt; }
h2 { font-size: 12.5pt; font-weight: bold; margin-top: 12pt; margin-bottom: 5pt; color: #1f3550; }
h3 { font-size: 11pt; font-weight: bold; margin-top: 8pt; margin-bottom: 4pt; color: #1f3550; }
h4 { font-size: 9.5pt; font-weight: bold; margin-top: 6pt; margin-bottom: 2pt; }
p { margin-top: 2pt; margin-bottom: 3pt; }
th { background-color: #dfe6ee; font-weight: bold; text-align: left; }
.authority { font-size: 13pt; font-weight: bold; }
.subtitle { font-size: 10pt; color: #444444; }
.caption { font-size: 8.5pt; color: #444444; }
.fails { font-size: 12pt; font-weight: bold; color: #b4231a; }
.passes { font-size: 12pt; font-weight: bold; color: #2e7031; }
.violation { color: #b4231a; font-weight: bold; }
.marginal { color: #b8650a; font-weight: bold; }
.pass { color: #2e7031; }
.muted { color: #666666; }
.hash { font-family: "DejaVu Sans Mono", monospace; font-size: 7.5pt; }
.note { color: #1f3550; }
.small { font-size: 8.5pt; }
"""


#: Header cells have this background; after setHtml, tables whose first cell has it repeat their first row.


_TABLE = '<table width="100%" border="1" cellspacing="0" cellpadding="4" style="border-collapse: collapse; ' \
         'border-color: #9aa5b1;">'


#: A small vertical gap between two tables that would otherwise touch.
_GAP = '<p style="font-size: 4pt;">&nbsp;</p>'


def _e(text: Any) -> str:
    return html.escape("" if text is None else str(text))


#: Detail pages (with a map) are made for at most this many violating parcels unless the caller asks for more;
#: the findings on the others are listed in one table (`planner check --max-detail-maps`).
MAX_DETAIL_MAPS = 200


#: A table of more rows than this (the parcels of a city, its warnings, the findings on parcels without a detail
#: page) is painted row by row (pages.TablePart) instead of laid out by QTextDocument.
LONG_TABLE_ROWS = 300
#: The parcels and warnings tables of more rows than this are painted row by row too, and what follows goes on
#: below them: QTextDocument lays a table out whole, in one call that holds Python's GIL (200 rows about 100 ms),
#: while the window's thread waits for it.
HTML_TABLE_ROWS = 40


class _Html:
    """Collects the report's HTML in parts, numbering sections as they come, with how to draw the maps each part
    references (a map is drawn only when its part is painted)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.parts: list[str] = []
        self.section = 0
        #: How to draw each map of the current part, by resource name.
        self.maps: dict[str, Callable[[], QImage]] = {}
        self.done: list[HtmlPart | TablePart] = []
        #: The part being collected goes on below the one before it, on the same page (HtmlPart.follows).
        self.follows = False

    def new_part(self) -> None:
        """End the current part: what follows starts a new page (and the current part's maps are released once
        its pages are painted)."""
        if self.parts:
            self.done.append(HtmlPart("".join(self.parts), self.maps, follows=self.follows))
        self.parts, self.maps, self.follows = [], {}, False

    def go_on(self) -> None:
        """End the current part; what follows goes on below it on the same page. (Qt lays a part out, and paints
        a page of it, in one call that holds Python's GIL: shorter parts, and the window's thread gets it
        between them.)"""
        if self.parts:  # (after a long table, or nothing, what follows stays as long_table or the start left it)
            self.new_part()
            self.follows = True

    def long_table(self, heading: str, headers: list[str], rows: list[list[tuple[str, str]]],
                   widths: list[float], *, then_go_on: bool = False) -> None:
        """A table painted row by row after the current part, under a heading (plain text, numbered); what comes
        after it starts a new page, or with `then_go_on` goes on below it."""
        self.new_part()
        self.done.append(TablePart(heading, headers, widths, rows))
        self.follows = then_go_on

    def finished(self) -> list[HtmlPart | TablePart]:
        self.new_part()
        return self.done

    @property
    def images(self) -> dict[str, Callable[[], QImage]]:
        """How to draw every map of the report, by resource name."""
        out: dict[str, Callable[[], QImage]] = {}
        for part in self.done:
            if isinstance(part, HtmlPart):
                out.update(part.maps)
        out.update(self.maps)
        return out

    def t(self, text: str, **values: Any) -> str:
        translated = tr(text, self.lang)
        return translated.format(**values) if values else translated

    def add(self, text: str) -> None:
        self.parts.append(text)

    def heading(self, text: str, *, page_break: bool = False) -> None:
        self.section += 1
        style = ' style="page-break-before: always;"' if page_break else ""
        self.add(f"<h2{style}>{self.section}&nbsp;&nbsp;{_e(self.t(text))}</h2>")

    def table(self, headers: list[str], rows: list[list[str]], widths: list[int] | None = None) -> None:
        """rows hold HTML already escaped."""
        out = [_TABLE, "<thead><tr>"]
        for k, h in enumerate(headers):
            width = f' width="{widths[k]}%"' if widths else ""
            out.append(f'<th bgcolor="{HEADER_BACKGROUND}"{width}>{_e(h)}</th>')
        out.append("</tr></thead><tbody>")
        for row in rows:
            out.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>")
        out.append("</tbody></table>")
        self.add("".join(out))


_VERDICT_CLASS = {"violation": "violation", "marginal violation": "marginal", "pass": "pass",
                  "not assessed": "muted", "not controlled": "muted"}


def _review_note(review: Any, finding: Any):
    """The reviewer's note on a finding, None when there is none (review is duck-typed: note_for(finding))."""
    if review is None or not hasattr(review, "note_for"):
        return None
    try:
        note = review.note_for(finding)
    except (KeyError, LookupError, TypeError):
        return None
    if note is None or getattr(note, "is_empty", False):
        return None
    return note


def _note_text(doc: _Html, note: Any) -> str:
    """A note as one line of plain text: accepted as an exception (and why), then the note itself."""
    bits = []
    if getattr(note, "accepted", False) is True:
        bits.append(doc.t(REVIEW_ACCEPTED))
    reason = str(getattr(note, "reason", "") or "").strip()
    if reason:
        bits.append(doc.t(REVIEW_REASON, reason=reason))
    text = str(getattr(note, "note", "") or "").strip()
    if text:
        bits.append(doc.t(REVIEW_NOTE, note=text))
    return " ".join(bits)


def _finding_html(doc: _Html, number: int, finding: Violation, review: Any) -> str:
    lang = doc.lang
    label = f"<b>{_e(doc.t(FINDING_NUMBER, number=number))}</b> · {_e(rule_name(finding.rule, lang))}"
    if finding.marginal:
        label += f' · <span class="marginal">{_e(doc.t(MARGINAL_LABEL))}</span>'
    out = f"<p>{label}<br/>{_e(violation_message(finding, lang))}"
    note = _review_note(review, finding)
    if note is not None and _note_text(doc, note):
        out += f'<br/><span class="note">{_e(_note_text(doc, note))}</span>'
    return out + "</p>"


def _orphaned_notes(review: Any, result: CheckResult, lang: str) -> list[tuple[str, Any]]:
    """Notes of a planner.review.Review whose finding this result no longer has, as (what it named, note)."""
    try:
        from planner.model import key_parts
        from planner.review import Review, orphaned_notes
    except ImportError:
        return []
    if not isinstance(review, Review):
        return []
    out = []
    for key, note in orphaned_notes(review, result).items():
        parts = key_parts(key)
        code = parts.get("code") or ""
        name = rule_name(code, lang) if parts.get("kind") == "violation" else warning_name(code, lang)
        out.append((" · ".join(p for p in (name, parts.get("parcel"), parts.get("building")) if p), note))
    return out


def _land_use_name(code: str | None, lang: str) -> str:
    if not code:
        return "-"
    try:
        name = _land_use_table().land_use_name(code, lang)
    except (OSError, ValueError, ImportError):
        name = None
    return name or "-"


def _land_use_table():
    from planner.io.landuse import shipped_table

    return shipped_table()


def _meta_values(result: CheckResult, meta: ReportMeta, review: Any) -> dict[str, str]:
    plan = result.inputs.get("plan")
    buildings = result.inputs.get("buildings")
    reviewer = meta.reviewer or (getattr(review, "reviewer", "") if review is not None else "") or ""
    return {
        "authority": meta.authority,
        "scheme": meta.scheme_name or (Path(buildings.path).stem if buildings else ""),
        "plan": meta.plan_name or (Path(plan.path).stem if plan else ""),
        "plan_version": meta.plan_version or (plan.version.describe() if plan and plan.version else ""),
        "date": meta.date or datetime.date.today().isoformat(),
        "reviewer": reviewer,
    }


def _running_header(values: dict[str, str], lang: str) -> str:
    parts = [values["authority"], values["scheme"], values["plan_version"]]
    return " · ".join(p for p in parts if p) or tr(TITLE, lang)


def report_html(result: CheckResult, layers: dict[str, Any], meta: ReportMeta, lang: str,
                review: Any = None, comparison: Any = None,
                max_detail_maps: int = MAX_DETAIL_MAPS) -> tuple[str, dict[str, Callable[[], QImage]]]:
    """The report's HTML parts as one page, and how to draw each map it references, by resource name (the long
    tables painted row by row are not in it)."""
    doc = _report(result, layers, meta, lang, review, comparison, max_detail_maps)
    parts = doc.finished()
    return _page(doc, "".join(p.html for p in parts if isinstance(p, HtmlPart))), doc.images


def _report(result: CheckResult, layers: dict[str, Any], meta: ReportMeta, lang: str, review: Any,
            comparison: Any, max_detail_maps: int) -> _Html:
    ensure_gui_application()
    doc = _Html(lang)
    values = _meta_values(result, meta, review)
    number_of = _finding_numbers(result)
    _title_block(doc, values)
    _summary_section(doc, result, review)
    data = _map_data(result, layers) if layers else None
    doc.go_on()  # each section of the first pages a part of its own
    _overview_section(doc, result, data)
    doc.go_on()
    _parcels_section(doc, result)
    doc.go_on()
    _declared_section(doc, result, review, number_of)
    doc.go_on()
    _warnings_section(doc, result, review)
    _violating_section(doc, result, data, review, number_of, max_detail_maps)
    _other_findings_section(doc, result, review, number_of)
    _sunlight_section(doc, result)
    _orphaned_section(doc, result, review)
    if comparison is not None:
        _versions_section(doc, comparison)
    _provenance_section(doc, result, comparison)
    _conventions_section(doc)
    _opinion_section(doc, values, review)
    return doc


def _page(doc: _Html, body_html: str) -> str:
    """HTML as one page with the report's title and style sheet."""
    return (f'<html><head><meta charset="utf-8"/><title>{_e(doc.t(TITLE))}</title>'
            f"<style>{_STYLE}</style></head><body>{body_html}</body></html>")


def _finding_numbers(result: CheckResult) -> Callable[[Violation], int]:
    """Number a finding by its place in result.violations, from 1 (0 for a finding the result does not have)."""
    numbers = {id(v): k + 1 for k, v in enumerate(result.violations)}

    def number_of(v: Violation) -> int:
        if id(v) in numbers:
            return numbers[id(v)]
        for k, other in enumerate(result.violations):
            if other == v:
                return k + 1
        return 0

    return number_of


def _add_map(doc: _Html, name: str, draw: Callable[[], QImage], caption: str, shown: list[str],
             measures: list[_Measure]) -> None:
    """A map at page width under resource `name` (drawn by `draw` when its page is painted), and its caption naming
    the control lines and setbacks it shows."""
    doc.maps[name] = draw
    doc.add(f'<p align="center"><img src="{name}" width="{PAGE_WIDTH_PX}" '
            f'height="{round(PAGE_WIDTH_PX * MAP_SIZE[1] / MAP_SIZE[0])}"/></p>')
    doc.add(f'<p align="center" class="caption">{_e(caption)}{_map_notes(doc, shown, measures)}</p>')


def _title_block(doc: _Html, values: dict[str, str]) -> None:
    """Authority, title and subtitle, and a table of scheme, plan, plan version, date, reviewer and authority."""
    if values["authority"]:
        doc.add(f'<p align="center" class="authority">{_e(values["authority"])}</p>')
    doc.add(f'<h1 align="center">{_e(doc.t(TITLE))}</h1>')
    doc.add(f'<p align="center" class="subtitle">{_e(doc.t(SUBTITLE))}</p>')

    def cell(label: str, value: str, span: int = 1) -> str:
        colspan = f' colspan="{span}"' if span > 1 else ""
        return f'<td width="17%"><b>{_e(doc.t(label))}</b></td><td{colspan}>{_e(value or "-")}</td>'

    doc.add(_TABLE
            + f'<tr>{cell(LABEL_SCHEME, values["scheme"], 3)}</tr>'
            + f'<tr>{cell(LABEL_PLAN, values["plan"], 3)}</tr>'
            + f'<tr>{cell(LABEL_PLAN_VERSION, values["plan_version"])}{cell(LABEL_DATE, values["date"])}</tr>'
            + f'<tr>{cell(LABEL_REVIEWER, values["reviewer"])}{cell(LABEL_AUTHORITY, values["authority"])}</tr>'
            + "</table>")


def _summary_section(doc: _Html, result: CheckResult, review: Any) -> None:
    """Overall verdict: complies or not, the counts of findings and warnings, the accepted exceptions, and the
    number of findings by rule."""
    summary = result.summary
    doc.heading(SECTION_SUMMARY)
    unchecked = unchecked_message(result.unchecked_counts(), doc.lang)
    if result.violations:
        doc.add(f'<p class="fails">{_e(doc.t(VERDICT_FAILS))}</p>')
        counts = doc.t(COUNTS_FAILS, violations=summary["violations"], violating=summary["parcels_violating"],
                       checked=summary["parcels_checked"])
        doc.add(f"<p>{_e(counts)}</p>")
    elif unchecked:  # never "complies" while something it should meet went unchecked
        doc.add(f'<p class="fails">{_e(doc.t(VERDICT_INCOMPLETE))}</p>')
    else:
        doc.add(f'<p class="passes">{_e(doc.t(VERDICT_PASSES))}</p>')
        doc.add(f"<p>{_e(doc.t(COUNTS_PASSES, checked=summary['parcels_checked']))}</p>")
    if unchecked:
        doc.add(f"<p>{_e(unchecked)}</p>")
    if result.warnings:
        doc.add(f"<p>{_e(doc.t(COUNTS_WARNINGS, warnings=summary['warnings']))}</p>")
    if review is not None and result.violations:
        notes = [_review_note(review, v) for v in result.violations]
        accepted = sum(1 for n in notes if n is not None and getattr(n, "accepted", False) is True)
        if accepted:
            doc.add(f"<p>{_e(doc.t(COUNTS_REVIEWED, count=len(notes), accepted=accepted))}</p>")
    _rule_counts_table(doc, result)


def _rule_counts_table(doc: _Html, result: CheckResult) -> None:
    """The number of findings (and marginal ones) for every rule, in two column pairs."""
    # The control-line rules are listed when lines were checked against (or a finding names one).
    found_rules = {v.rule for v in result.violations}
    rules = list(RULES) + [r for r in CONTROL_RULES if result.lines or r in found_rules]
    rules += sorted(found_rules - set(rules))
    cells = []
    for rule in rules:
        found = [v for v in result.violations if v.rule == rule]
        marginal = sum(1 for v in found if v.marginal)
        count = doc.t(COUNT_MARGINAL, count=len(found), marginal=marginal) if marginal else str(len(found))
        css = "violation" if found else "muted"
        cells.append((_e(rule_name(rule, doc.lang)), f'<span class="{css}">{_e(count)}</span>'))
    half = (len(cells) + 1) // 2
    rows = []
    for k in range(half):
        left = cells[k]
        right = cells[half + k] if half + k < len(cells) else ("", "")
        rows.append([left[0], left[1], right[0], right[1]])
    doc.table([doc.t(HEADER_RULE), doc.t(HEADER_FINDINGS), doc.t(HEADER_RULE), doc.t(HEADER_FINDINGS)], rows,
              [33, 17, 33, 17])


def _overview_section(doc: _Html, result: CheckResult, data: _MapData | None) -> None:
    """Overview map: the touched parcels, the buildings named in findings and the measured setbacks."""
    doc.heading(SECTION_OVERVIEW)
    if data is None:
        doc.add(f'<p class="muted">{_e(doc.t(NO_MAP))}</p>')
        return
    touched_rows = np.asarray(result.parcels.rows, dtype=np.int64)
    named = {v.building for v in result.violations if v.building is not None}
    flagged = None
    if data.buildings is not None and named:
        flagged = _bounds(data.buildings[is_named(data.building_ids, named)])
    measures = _measures(result.violations, SETBACK_ON_OVERVIEW)
    bounds = _union_bounds(_bounds(data.plan[touched_rows]) if len(touched_rows) else None, flagged,
                           _measure_bounds(measures))
    bounds = bounds or _bounds(data.plan)
    if bounds is not None:
        lang = doc.lang
        shown = shown_controls(data, bounds, margin=0.06, measures=measures)
        _add_map(doc, "planner-map-overview.png",
                 lambda: render_map(data, bounds, lang, margin=0.06, measures=measures),
                 doc.t(OVERVIEW_CAPTION), shown, measures)


def _parcels_section(doc: _Html, result: CheckResult) -> None:
    """Every parcel the scheme touches in one table: land use, each indicator's value and limit, verdict."""
    if len(result.parcels) > HTML_TABLE_ROWS:
        doc.section += 1
        doc.long_table(f"{doc.section}  {doc.t(SECTION_PARCELS)}",
                       [doc.t(HEADER_PARCEL), doc.t(HEADER_LAND_USE)]
                       + [_indicator_title(i, doc.lang) for i in INDICATORS] + [doc.t(HEADER_STATUS)],
                       _parcel_rows_plain(doc, result), [12, 9, 14, 16, 20, 16, 13],
                       then_go_on=len(result.parcels) <= LONG_TABLE_ROWS)
        return
    doc.heading(SECTION_PARCELS)
    rows = [_parcel_row(doc, p, result) for p in result.parcels]
    doc.table([doc.t(HEADER_PARCEL), doc.t(HEADER_LAND_USE)] + [_indicator_title(i, doc.lang) for i in INDICATORS]
              + [doc.t(HEADER_STATUS)], rows, [12, 9, 14, 16, 20, 16, 13])


def _parcel_row(doc: _Html, p: ParcelResult, result: CheckResult) -> list[str]:
    """One row of the parcels table (HTML cells); breached values in the verdict's colour."""
    cells = [f"<b>{_e(p.id)}</b>", _e(p.land_use or "-")]
    for indicator in INDICATORS:
        verdict = indicator_verdict(p, indicator)
        value = achieved_text(p, indicator, doc.lang)
        limit = format_limit(indicator, p.limits.get(indicator))
        text = _e(value) + (f' <span class="muted">({_e(limit)})</span>' if limit != "-" else "")
        if verdict in ("violation", "marginal violation"):
            text = f'<span class="{_VERDICT_CLASS[verdict]}">{text}</span>'
        cells.append(text)
    css = {"violation": "violation", "pass": "pass"}.get(p.status, "muted")
    cells.append(f'<span class="{css}">{_e(parcel_status_name(p.status, doc.lang))}</span>')
    return cells


# --- issue 15: the applicant's declared figures (技术经济指标) ----------------------------------------------------
SECTION_DECLARED = QT_TRANSLATE_NOOP("messages", "Technical and economic indicators: declared and measured")


def _declared_section(doc: _Html, result: CheckResult, review: Any, number_of: Callable[[Violation], int]) -> None:
    """The applicant's declared figures beside the measured values and the plan's limits, and the findings on
    those that differ beyond tolerance (`planner check --declared`); nothing without declared figures."""
    if not result.declared:
        return
    from planner.report.official import INDICATOR_HEADERS, INDICATOR_WIDTHS, indicator_rows

    doc.heading(SECTION_DECLARED)
    doc.table([doc.t(h) for h in INDICATOR_HEADERS], indicator_rows(result, doc.lang), INDICATOR_WIDTHS)
    for v in result.violations:
        if v.rule in DECLARED_RULES:
            doc.add(_finding_html(doc, number_of(v), v, review))
# --- end of issue 15 ---------------------------------------------------------------------------------------------


def _parcel_rows_plain(doc: _Html, result: CheckResult) -> list[list[tuple[str, str]]]:
    """The parcels table as (text, style) cells, for a table painted row by row."""
    status = {"violation": "violation", "pass": "pass"}
    rows = []
    for p in result.parcels:
        cells = [(str(p.id), "bold"), (p.land_use or "-", "")]
        for indicator in INDICATORS:
            verdict = indicator_verdict(p, indicator)
            text = achieved_text(p, indicator, doc.lang)
            limit = format_limit(indicator, p.limits.get(indicator))
            if limit != "-":
                text += f" ({limit})"
            cells.append((text, _VERDICT_CLASS.get(verdict, "") if verdict in ("violation", "marginal violation")
                          else ""))
        cells.append((parcel_status_name(p.status, doc.lang), status.get(p.status, "muted")))
        rows.append(cells)
    return rows


def _warnings_section(doc: _Html, result: CheckResult, review: Any) -> None:
    """Warnings: everything the engine repaired, assumed or could not read, with the reviewer's notes."""
    if len(result.warnings) > HTML_TABLE_ROWS:
        doc.section += 1
        rows = []
        for w, text in zip(result.warnings, warning_messages(result.warnings, doc.lang)):
            note = _review_note(review, w)
            if note is not None and _note_text(doc, note):
                text += "\n" + _note_text(doc, note)
            rows.append([(warning_name(w.code, doc.lang), ""), (text, "")])
        doc.long_table(f"{doc.section}  {doc.t(SECTION_WARNINGS)}", [doc.t(HEADER_WARNING), doc.t(HEADER_EXPLANATION)],
                       rows, [22, 78], then_go_on=len(result.warnings) <= LONG_TABLE_ROWS)
        return
    doc.heading(SECTION_WARNINGS)
    if not result.warnings:
        doc.add(f"<p>{_e(doc.t(NO_WARNINGS))}</p>")
        return
    rows = []
    for w in result.warnings:
        text = _e(warning_message(w, doc.lang))
        note = _review_note(review, w)
        if note is not None and _note_text(doc, note):
            text += f'<br/><span class="note">{_e(_note_text(doc, note))}</span>'
        rows.append([_e(warning_name(w.code, doc.lang)), text])
    doc.table([doc.t(HEADER_WARNING), doc.t(HEADER_EXPLANATION)], rows, [22, 78])


def _violating_section(doc: _Html, result: CheckResult, data: _MapData | None, review: Any,
                       number_of: Callable[[Violation], int], max_detail_maps: int = MAX_DETAIL_MAPS) -> None:
    """Violating parcels, from a new page: one subsection per parcel, each on a page of its own, with its detail
    map, for the first `max_detail_maps` in the order of the parcels table; the findings on the others in one
    table after them, with a sentence saying how many were left out and how to have them all."""
    violating = [p for p in result.parcels if p.violations]
    if violating:
        doc.new_part()
        doc.heading(SECTION_VIOLATING)  # a new part: a new page
    detailed, rest = violating[:max(0, max_detail_maps)], violating[max(0, max_detail_maps):]
    if rest:
        doc.add(f"<p>{_e(doc.t(DETAIL_MAPS_LEFT_OUT, shown=len(detailed), total=len(violating), left=len(rest)))}</p>")
    touched = set(np.asarray(result.parcels.rows).tolist())
    for index, p in enumerate(detailed):
        if index:
            doc.new_part()  # a page of its own; its map is drawn when it is painted, and released after
        doc.add(f"<h3>{doc.section}.{index + 1}&nbsp;&nbsp;{_e(doc.t(PARCEL_HEADING, parcel=p.id))}</h3>")
        _parcel_facts(doc, p)
        if data is not None:
            _detail_map(doc, p, index + 1, data, touched)
        doc.table([doc.t(HEADER_INDICATOR), doc.t(HEADER_WRITTEN), doc.t(HEADER_READ), doc.t(HEADER_ACHIEVED),
                   doc.t(HEADER_VERDICT)], _indicator_rows(p, result, doc.lang), [20, 20, 20, 18, 22])
        doc.add(f"<h4>{_e(doc.t(FINDINGS_HEADING))}</h4>")
        for v in p.violations:
            doc.add(_finding_html(doc, number_of(v), v, review))
    if rest:
        _other_violating_table(doc, rest, review, number_of, len(detailed) + 1)


def _other_violating_table(doc: _Html, parcels: list[ParcelResult], review: Any,
                           number_of: Callable[[Violation], int], number: int) -> None:
    """The findings on the violating parcels without a detail page, one row each (their values, limits and
    verdicts are in the parcels table)."""
    heading = f"{doc.section}.{number}  {doc.t(SECTION_OTHER_VIOLATING, count=len(parcels))}"
    headers = [doc.t(HEADER_PARCEL), doc.t(HEADER_NUMBER), doc.t(HEADER_RULE), doc.t(HEADER_FINDING)]
    widths = [13, 8, 19, 60]
    findings = [v for p in parcels for v in p.violations]
    texts = violation_messages(findings, doc.lang)
    rows = []
    marginal = doc.t(MARGINAL_LABEL)
    for v, text in zip(findings, texts):
        note = _review_note(review, v)
        if note is not None and _note_text(doc, note):
            text += "\n" + _note_text(doc, note)
        rule = rule_name(v.rule, doc.lang)
        rows.append([(str(v.parcel or "-"), "bold"), (str(number_of(v)), ""),
                     (f"{rule} · {marginal}" if v.marginal else rule, "marginal" if v.marginal else ""), (text, "")])
    if len(rows) > LONG_TABLE_ROWS:
        doc.long_table(heading, headers, rows, widths)
        return
    doc.add(f'<h3 style="page-break-before: always;">{_e(heading)}</h3>')
    doc.table(headers, [[f'<span class="{style}">{_e(text)}</span>' if style else _e(text).replace("\n", "<br/>")
                         for text, style in row] for row in rows], [int(w) for w in widths])


def _parcel_facts(doc: _Html, p: ParcelResult) -> None:
    """A violating parcel's land use, areas and buildings, in one paragraph."""
    green = format_area(p.green_area) if p.green_area is not None else "-"
    name = _land_use_name(p.land_use, doc.lang)
    code = (p.land_use or "-") + (f" ({name})" if name != "-" else "")
    facts = doc.t(PARCEL_FACTS, code=code, site=format_area(p.site_area), gfa=format_area(p.gfa),
                  footprint=format_area(p.footprint_area), green=green)
    doc.add(f"<p>{_e(facts)}")
    doc.add(f" {_e(doc.t(PARCEL_BUILDINGS, buildings=', '.join(p.buildings) or '-'))}</p>")


def _detail_map(doc: _Html, p: ParcelResult, number: int, data: _MapData, touched: set[int]) -> None:
    """The detail map of violating parcel `number` (its touched plan rows outlined) with its setbacks measured."""
    rows = data.plan_rows.get(p.id, [])
    focus = [r for r in rows if r in touched] or rows
    if not focus:
        return
    measures = _measures(p.violations)
    bounds = _union_bounds(_bounds(data.plan[focus]), _measure_bounds(measures))
    shown = shown_controls(data, bounds, focus=focus, margin=0.3, measures=measures)
    lang = doc.lang
    _add_map(doc, f"planner-map-parcel-{number}.png",
             lambda: render_map(data, bounds, lang, focus=focus, margin=0.3, label_buildings=True, measures=measures),
             doc.t(DETAIL_CAPTION, parcel=p.id), shown, measures)


def _other_findings_section(doc: _Html, result: CheckResult, review: Any,
                            number_of: Callable[[Violation], int]) -> None:
    """Findings on no parcel the scheme touches (a building outside the plan, a control line), when there are any."""
    touched_ids = set(map(str, result.parcels.ids))
    others = [v for v in result.violations if (v.parcel is None or v.parcel not in touched_ids)
              and v.rule not in DECLARED_RULES]  # those are in the 技术经济指标 section
    if not others:
        return
    doc.heading(SECTION_OTHER)
    for v in others:
        doc.add(_finding_html(doc, number_of(v), v, review))


def _sunlight_section(doc: _Html, result: CheckResult) -> None:
    """Sunlight (日照分析): the standard and calculation parameters used, and per building that needs sun its held
    facades' least hours and length below the standard (existing buildings: also without the scheme); or a
    sentence that sunlight was not analysed."""
    from planner import messages as m

    sun = getattr(result, "sunlight", None)
    doc.heading(m.SECTION_SUNLIGHT)
    if sun is None:
        doc.add(f"<p>{_e(doc.t(m.SUNLIGHT_NOT_ANALYSED))}</p>")
        return
    config = sun.settings
    intro = doc.t(m.SUNLIGHT_INTRO, spacing=f"{config.spacing:g}", height=f"{config.height:g}",
                  low=f"{config.held_facing[0]:g}", high=f"{config.held_facing[1]:g}")
    doc.add(f"<p>{_e(intro)}</p>")
    doc.add(f"<h3>{doc.section}.1&nbsp;&nbsp;{_e(doc.t(m.SUNLIGHT_PARAMETERS_HEADING))}</h3>")
    doc.table([doc.t(m.HEADER_PARAMETER), doc.t(m.HEADER_VALUE)],
              [[f"<b>{_e(name)}</b>", _e(value)] for name, value in
               m.sunlight_parameter_rows(sun, doc.lang, result.inputs.get("existing"))],
              [32, 68])
    heading = f"{doc.section}.2  {doc.t(m.SUNLIGHT_BUILDINGS_HEADING)}"
    rows = m.sunlight_facade_rows(sun, doc.lang)
    if not rows:
        doc.add(f"<h3>{_e(heading)}</h3><p>{_e(doc.t(m.SUNLIGHT_NO_BUILDINGS))}</p>")
        return
    headers = [doc.t(h) for h in (HEADER_BUILDING, m.HEADER_SUN_ROLE, m.HEADER_SUN_STANDARD, m.HEADER_FACADE,
                                  m.HEADER_LEAST_SUN, m.HEADER_LENGTH_BELOW, m.HEADER_BEFORE)]
    widths = [12, 10, 24, 12, 12, 12, 18]
    styled = [[(cell, "violation" if below and k in (4, 5) else ("bold" if k == 0 else ""))
               for k, cell in enumerate(cells)] for cells, below in rows]
    if len(styled) > LONG_TABLE_ROWS:
        doc.long_table(heading, headers, styled, widths)
        return
    doc.add(f"<h3>{_e(heading)}</h3>")
    doc.table(headers, [[f"<b>{_e(text)}</b>" if style == "bold" else
                         f'<span class="{style}">{_e(text)}</span>' if style else _e(text) for text, style in row]
                        for row in styled], widths)


def _orphaned_section(doc: _Html, result: CheckResult, review: Any) -> None:
    """The reviewer's notes on findings this check no longer reports, kept as part of the record."""
    orphaned = _orphaned_notes(review, result, doc.lang)
    if not orphaned:
        return
    doc.heading(SECTION_ORPHANED)
    doc.add(f"<p>{_e(doc.t(ORPHANED_INTRO))}</p>")
    for what, note in orphaned:
        doc.add(f'<p><b>{_e(what)}</b><br/><span class="note">{_e(_note_text(doc, note))}</span></p>')


def _provenance_section(doc: _Html, result: CheckResult, comparison: Any) -> None:
    """Inputs and provenance: each input file, layer, feature count, CRS and SHA-256; the working CRS; the Planner
    version and time of the check."""
    doc.heading(SECTION_PROVENANCE)
    role_names = {"plan": ROLE_PLAN, "buildings": ROLE_BUILDINGS, "green": ROLE_GREEN, "lines": ROLE_LINES}
    inputs = [(role, result.inputs[role]) for role in ("plan", "buildings", "green") if result.inputs.get(role)]
    inputs += [("lines", info) for info in (result.lines or ()) if info is not None]
    if comparison is not None and comparison.old_plan is not None:
        role_names["compared"] = ROLE_COMPARED_PLAN
        inputs.append(("compared", comparison.old_plan))
    doc.table([doc.t(h) for h in (HEADER_INPUT, HEADER_FILE, HEADER_LAYER, HEADER_FEATURES, HEADER_CRS)],
              [[f"<b>{_e(doc.t(role_names[role]))}</b>", _e(Path(info.path).name), _e(info.layer),
                str(info.features), _e(info.crs_shown)] for role, info in inputs], [17, 30, 20, 11, 22])
    doc.add(_GAP)
    # The hashes in a table of their own: one line per input, never split from the row it belongs to.
    doc.table([doc.t(HEADER_INPUT), "SHA-256"],
              [[f"<b>{_e(doc.t(role_names[role]))}</b>", f'<span class="hash">{_e(info.sha256)}</span>']
               for role, info in inputs], [17, 83])
    if result.inputs.get("green") is None:
        doc.add(f"<p>{_e(doc.t(NO_GREEN))}</p>")
    doc.add(f"<p>{_e(doc.t(WORKING_CRS, crs=result.crs or doc.t(UNKNOWN_CRS)))}</p>")
    now = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M")
    doc.add(f"<p>{_e(doc.t(PLANNER_VERSION, version=planner_version(), time=now))}</p>")


def _conventions_section(doc: _Html) -> None:
    """Counting conventions: how floor area, the indicators, limits and marginal breaches are counted."""
    doc.heading(SECTION_CONVENTIONS)
    doc.add("<ol>" + "".join(f"<li>{_e(doc.t(c))}</li>" for c in CONVENTIONS) + "</ol>")


def _opinion_section(doc: _Html, values: dict[str, str], review: Any) -> None:
    """Review opinion and signature: the reviewer's opinion (blank lines to write on without one), then reviewer,
    date, signature and seal."""
    doc.heading(SECTION_OPINION)
    opinion = (getattr(review, "opinion", "") or "") if review is not None else ""
    blank = "<br/>" * 4
    body = _e(opinion).replace("\n", "<br/>") if opinion else blank
    doc.add(_TABLE + f'<tr><td width="22%"><b>{_e(doc.t(OPINION_LABEL))}</b></td><td>{body}</td></tr></table>')
    doc.add(_GAP)
    doc.add(_TABLE
            + f'<tr><td width="22%"><b>{_e(doc.t(LABEL_REVIEWER))}</b></td><td width="28%">{_e(values["reviewer"])}'
            f'</td><td width="20%"><b>{_e(doc.t(SIGNATURE))}</b></td><td width="30%"><br/><br/></td></tr>'
            f'<tr><td><b>{_e(doc.t(LABEL_DATE))}</b></td><td>{_e(values["date"])}</td>'
            f'<td><b>{_e(doc.t(SEAL))}</b></td><td><br/><br/><br/></td></tr></table>')


def _versions_section(doc: _Html, comparison: Any) -> None:
    """Findings that appear, disappear or change between the plan in force and the other version checked."""
    name = version_name(comparison.old_plan, full=True)
    in_force = version_name(comparison.new_plan)
    doc.heading(SECTION_VERSIONS)
    if not comparison.differs:
        doc.add(f"<p>{_e(doc.t(VERSIONS_SAME, old=name))}</p>")
        return
    doc.add(f"<p>{_e(doc.t(VERSIONS_INTRO, old=name, new=in_force, **comparison.summary))}</p>")
    rows = []
    for kind, found in (("appeared", comparison.appeared), ("disappeared", comparison.disappeared)):
        for v in found:
            text = _e(violation_message(v, doc.lang))
            rows.append([_e(doc.t(CHANGE_NAMES[kind])), _e(v.parcel or "-"), _e(v.building or "-"),
                         text if kind == "appeared" else "-", text if kind == "disappeared" else "-"])
    for before, after in comparison.changed:
        rows.append([_e(doc.t(CHANGE_NAMES["changed"])), _e(after.parcel or "-"), _e(after.building or "-"),
                     _e(violation_message(after, doc.lang)), _e(violation_message(before, doc.lang))])
    doc.table([doc.t(h) for h in (HEADER_CHANGE, HEADER_PARCEL, HEADER_BUILDING, HEADER_IN_FORCE,
                                  HEADER_OTHER_VERSION)], rows, [10, 11, 9, 35, 35])


def _map_notes(doc: _Html, shown: list[str], measures: list[_Measure]) -> str:
    """Caption lines (HTML) naming the control lines a map shows and the setbacks it measures, so the words
    are in the report's text as well as in the map's image."""
    out = ""
    if shown:
        out += "<br/>" + _e(doc.t(CAPTION_CONTROLS, kinds=", ".join(doc.t(name) for name in shown)))
    if measures:
        listed = ", ".join(f"{m.building} {m.label}" if m.building else m.label for m in measures)
        out += "<br/>" + _e(doc.t(CAPTION_MEASURES, measures=listed))
    return out


def _indicator_title(indicator: str, lang: str) -> str:
    name = tr(INDICATOR_NAMES[indicator], lang)
    return name[:1].upper() + name[1:]


def _indicator_rows(p: ParcelResult, result: CheckResult, lang: str) -> list[list[str]]:
    rows = []
    for indicator in INDICATORS:
        verdict = indicator_verdict(p, indicator)
        written = p.limit_texts.get(indicator, "") or "-"
        read = format_limit(indicator, p.limits.get(indicator))
        achieved = achieved_text(p, indicator, lang)
        css = _VERDICT_CLASS.get(verdict, "")
        rows.append([_e(_indicator_title(indicator, lang)), _e(written), _e(read), _e(achieved),
                     f'<span class="{css}">{_e(verdict_name(verdict, lang))}</span>'])
    land = [v for v in p.violations if v.rule == "land_use"]
    if p.land_use or land:
        verdict = "violation" if land else "pass"
        uses = sorted({str(v.actual) for v in land})
        rows.append([_e(tr(HEADER_LAND_USE, lang)), _e(p.land_use or "-"), _e(_land_use_name(p.land_use, lang)),
                     _e(", ".join(uses) or "-"),
                     f'<span class="{_VERDICT_CLASS[verdict]}">{_e(verdict_name(verdict, lang))}</span>'])
    return rows


def build_document(result: CheckResult, layers: dict[str, Any], meta: ReportMeta, lang: str,
                   review: Any = None, comparison: Any = None, max_detail_maps: int = MAX_DETAIL_MAPS) -> Report:
    """The report in parts (pages.Report), to write as PDF or print (pages.print_document): each part is laid out
    once when painted, and its maps are drawn only then. Detail pages with maps for the first `max_detail_maps`
    violating parcels (in the order of the parcels table), the findings on the others in one table."""
    doc = _report(result, layers, meta, lang, review, comparison, max_detail_maps)
    values = _meta_values(result, meta, review)
    return Report(doc.finished(), report_font(), title=tr(TITLE, lang), header=_running_header(values, lang),
                  page_number=tr(PAGE_NUMBER, lang), style=_STYLE)


def write_pdf(result: CheckResult, layers: dict[str, Any], meta: ReportMeta, path: str | Path, lang: str,
              review: Any = None, comparison: Any = None, max_detail_maps: int = MAX_DETAIL_MAPS) -> None:
    """Write the report as an A4 portrait PDF with embedded fonts, running header and page numbers.

    `comparison` (planner.versions.compare.VerdictComparison) adds the findings that depend on the plan version;
    `max_detail_maps` bounds the violating parcels given a detail page with a map (build_document)."""
    ensure_gui_application()
    document = build_document(result, layers, meta, lang, review, comparison, max_detail_maps)
    title = tr(TITLE, lang) + (f" — {meta.scheme_name}" if meta.scheme_name else "")
    write_document_pdf(document, path, title, f"Planner {planner_version()}")
