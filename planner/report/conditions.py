"""The 规划条件 sheet of one parcel (issue 15, 一书三证: issued before land transfer): the parcel's indicators as
written and as read, its land use with its name, its setback and the control lines and zones that touch it, with
the plan's approval number."""

from __future__ import annotations

from pathlib import Path

from planner.checking.conditions import ParcelConditions
from planner.messages import (
    INDICATOR_NAMES,
    KIND_NAMES,
    QT_TRANSLATE_NOOP,
    chinese_date,
    format_area,
    format_distance,
    format_limit,
    plan_basis,
    tr,
)
from planner.model import INDICATORS
from planner.report.official import GAP, DocumentMeta, Page, e, seal_block, write

CONDITIONS_TITLE = QT_TRANSLATE_NOOP("messages", "Planning conditions of parcel {parcel}")
CONDITIONS_HEADER = QT_TRANSLATE_NOOP("messages", "Planning conditions · parcel {parcel}")
LABEL_PARCEL = QT_TRANSLATE_NOOP("messages", "Parcel")
LABEL_SITE_AREA = QT_TRANSLATE_NOOP("messages", "Site area")
LABEL_LAND_USE = QT_TRANSLATE_NOOP("messages", "Land use")
LABEL_PLAN = QT_TRANSLATE_NOOP("messages", "Regulatory plan")
LABEL_APPROVAL = QT_TRANSLATE_NOOP("messages", "Approval number")
LABEL_APPROVAL_DATE = QT_TRANSLATE_NOOP("messages", "Approved on")
SECTION_INDICATORS = QT_TRANSLATE_NOOP("messages", "Planning indicators")
SECTION_SETBACKS = QT_TRANSLATE_NOOP("messages", "Setbacks and control lines")
HEADER_INDICATOR = QT_TRANSLATE_NOOP("messages", "Indicator")
HEADER_WRITTEN = QT_TRANSLATE_NOOP("messages", "As written in the plan")
HEADER_READ = QT_TRANSLATE_NOOP("messages", "As read by Planner")
NOT_CONTROLLED = QT_TRANSLATE_NOOP("messages", "not controlled")
NOT_READABLE = QT_TRANSLATE_NOOP("messages", "cannot be read: see the plan's drawings (图则)")
SETBACK_PARCEL = QT_TRANSLATE_NOOP("messages", "Setback from the road red line stated for the parcel: {distance}.")
SETBACK_NONE = QT_TRANSLATE_NOOP("messages", "The plan states no setback for the parcel: the setback table of the "
                                             "road's class applies.")
HEADER_KIND = QT_TRANSLATE_NOOP("messages", "Control line")
HEADER_LINE = QT_TRANSLATE_NOOP("messages", "Id")
HEADER_HOW = QT_TRANSLATE_NOOP("messages", "Where")
HEADER_LINE_SETBACK = QT_TRANSLATE_NOOP("messages", "Setback stated on the line")
HOW_NAMES = {"inside": QT_TRANSLATE_NOOP("messages", "runs through or covers part of the parcel"),
             "borders": QT_TRANSLATE_NOOP("messages", "on the parcel's boundary")}
COVERS = QT_TRANSLATE_NOOP("messages", "covers {area} of the parcel")
NO_LINES = QT_TRANSLATE_NOOP("messages", "No control line or zone of the files given touches the parcel.")
NO_LINE_FILES = QT_TRANSLATE_NOOP("messages", "No control-line file was given (--lines): the control lines are not "
                                              "listed.")
CONDITIONS_NOTE = QT_TRANSLATE_NOOP("messages", "Read from the plan layer {file} (layer {layer}, SHA-256 {sha}) by "
                                                "Planner; the conditions are those the issuing authority signs.")


def _land_use(conditions: ParcelConditions, lang: str) -> str:
    code = conditions.land_use
    if not code:
        return "-"
    from planner.io.landuse import shipped_table

    name = shipped_table().land_use_name(code, lang, conditions.edition)
    if not name or name == code:
        return code
    return f"{code}（{name}）" if lang == "zh" else f"{code} ({name})"


def conditions_page(conditions: ParcelConditions, meta: DocumentMeta, lang: str) -> Page:
    page = Page(lang)
    if meta.authority:
        page.p(meta.authority, "authority", "center")
    page.add(f'<h1 align="center">{e(page.t(CONDITIONS_TITLE, parcel=conditions.parcel))}</h1>')
    page.labelled([(LABEL_PARCEL, conditions.parcel), (LABEL_SITE_AREA, format_area(conditions.site_area)),
                   (LABEL_LAND_USE, _land_use(conditions, lang)), (LABEL_PLAN, plan_basis(meta.plan_name, "", lang)),
                   (LABEL_APPROVAL, conditions.approval), (LABEL_APPROVAL_DATE, conditions.approval_date)])
    page.heading(SECTION_INDICATORS)
    rows = []
    for indicator in INDICATORS:
        written = conditions.texts.get(indicator) or "-"
        if indicator in conditions.unknown:
            read = page.t(NOT_READABLE)
        elif indicator in conditions.limits:
            read = format_limit(indicator, conditions.limits[indicator])
        else:
            read = page.t(NOT_CONTROLLED)
        name = tr(INDICATOR_NAMES[indicator], lang)
        rows.append([e(name[:1].upper() + name[1:]), e(written), e(read)])
    page.table([page.t(h) for h in (HEADER_INDICATOR, HEADER_WRITTEN, HEADER_READ)], rows, [28, 36, 36])
    page.heading(SECTION_SETBACKS)
    if conditions.setback is not None:
        page.p(page.t(SETBACK_PARCEL, distance=format_distance(conditions.setback)))
    else:
        page.p(page.t(SETBACK_NONE))
    if not conditions.controls:
        page.p(page.t(NO_LINE_FILES), "muted")
    elif not conditions.lines:
        page.p(page.t(NO_LINES))
    else:
        rows = []
        for touch in conditions.lines:
            how = page.t(HOW_NAMES[touch.how])
            if touch.area:
                how += "；" if lang == "zh" else "; "
                how += page.t(COVERS, area=format_area(touch.area))
            rows.append([e(tr(KIND_NAMES.get(touch.kind, touch.kind), lang)), e(touch.id), e(how),
                         e(format_distance(touch.setback) if touch.setback is not None else "-")])
        page.table([page.t(h) for h in (HEADER_KIND, HEADER_LINE, HEADER_HOW, HEADER_LINE_SETBACK)], rows,
                   [22, 22, 36, 20])
    page.add(GAP)
    info = conditions.plan
    page.p(page.t(CONDITIONS_NOTE, file=Path(info.path).name, layer=info.layer, sha=info.sha256[:12]), "muted small")
    seal_block(page, meta)
    return page


def write_conditions(conditions: ParcelConditions, meta: DocumentMeta, path: str | Path, lang: str) -> None:
    """Write the parcel's 规划条件 sheet as an A4 PDF."""
    page = conditions_page(conditions, meta, lang)
    title = tr(CONDITIONS_TITLE, lang).format(parcel=conditions.parcel)
    header = tr(CONDITIONS_HEADER, lang).format(parcel=conditions.parcel) + " · " + chinese_date(meta.issued, lang)
    write(page, path, title, header)
