"""The 审查意见书 (issue 15): the formal internal document of a case: its details, the basis (plan, approval
number, version), the 技术经济指标 table, the findings grouped by parcel with rule and basis, the resubmission
comparison when there is one, the officer's overall opinion, and the 经办/审核/审定 lines (an office's sign-off
levels) with dates and a seal area. The detailed report (planner.report.document) is its technical annex."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from planner.messages import (
    QT_TRANSLATE_NOOP,
    WHOLE_SCHEME,
    chinese_date,
    plan_basis,
    rule_name,
    tr,
    violation_message,
)
from planner.model import CheckResult, Violation
from planner.cases.resubmission import violation_of
from planner.report.official import (
    GAP,
    INDICATOR_HEADERS,
    INDICATOR_WIDTHS,
    DocumentMeta,
    Page,
    case_pairs,
    e,
    indicator_rows,
    seal_block,
    short_basis,
    write,
)

OPINION_TITLE = QT_TRANSLATE_NOOP("messages", "Review opinion")
OPINION_HEADER = QT_TRANSLATE_NOOP("messages", "Review opinion · case {number}")
SECTION_BASIS = QT_TRANSLATE_NOOP("messages", "Basis of the review")
BASIS_PLAN = QT_TRANSLATE_NOOP("messages", "Regulatory plan: {plan}")
BASIS_APPROVAL = QT_TRANSLATE_NOOP("messages", "Approval number: {approval}; approved on {date}")
BASIS_VERSION = QT_TRANSLATE_NOOP("messages", "Plan version: {version}")
BASIS_SCHEME = QT_TRANSLATE_NOOP("messages", "Scheme checked: {file} (layer {layer}, SHA-256 {sha})")
BASIS_CONDITIONS = QT_TRANSLATE_NOOP("messages", "The parcels' planning conditions (规划条件) as the plan layer "
                                                 "states them: see the technical annex.")
SECTION_INDICATORS = QT_TRANSLATE_NOOP("messages", "Technical and economic indicators")
SECTION_FINDINGS = QT_TRANSLATE_NOOP("messages", "Findings")
FINDINGS_NONE = QT_TRANSLATE_NOOP("messages", "The check found nothing that breaks the plan.")
GROUP_PARCEL = QT_TRANSLATE_NOOP("messages", "Parcel {parcel}")
GROUP_OTHER = QT_TRANSLATE_NOOP("messages", "Buildings and control lines")
HEADER_NUMBER = QT_TRANSLATE_NOOP("messages", "No.")
HEADER_RULE = QT_TRANSLATE_NOOP("messages", "Rule")
HEADER_FINDING = QT_TRANSLATE_NOOP("messages", "Finding")
HEADER_BASIS = QT_TRANSLATE_NOOP("messages", "Basis")
HEADER_HANDLING = QT_TRANSLATE_NOOP("messages", "Official's note")
ACCEPTED = QT_TRANSLATE_NOOP("messages", "Accepted as an approved exception: {reason}")
SECTION_RESUBMISSION = QT_TRANSLATE_NOOP("messages", "Against the previous submission")
RESUBMISSION_KINDS = {"fixed": QT_TRANSLATE_NOOP("messages", "Fixed ({count})"),
                      "still_open": QT_TRANSLATE_NOOP("messages", "Still open ({count})"),
                      "new": QT_TRANSLATE_NOOP("messages", "New ({count})")}
SECTION_OPINION = QT_TRANSLATE_NOOP("messages", "Overall opinion")
SIGNOFF_ROLES = {"officer": QT_TRANSLATE_NOOP("messages", "Case officer (经办)"),
                 "reviewer": QT_TRANSLATE_NOOP("messages", "Reviewed by (审核)"),
                 "approver": QT_TRANSLATE_NOOP("messages", "Approved by (审定)")}
HEADER_SIGNOFF = QT_TRANSLATE_NOOP("messages", "Sign-off")
HEADER_NAME = QT_TRANSLATE_NOOP("messages", "Name of the official")
HEADER_SIGNATURE = QT_TRANSLATE_NOOP("messages", "Signature")
HEADER_DATE = QT_TRANSLATE_NOOP("messages", "Date")
BLANK_DATE = QT_TRANSLATE_NOOP("messages", "____ / __ / __")
ANNEX = QT_TRANSLATE_NOOP("messages", "Annex: the technical report, whose measurements were computed by Planner; "
                                      "the conclusion is that of the officials who sign this opinion.")


def _group_of(v: Violation, touched: set[str]) -> str | None:
    return v.parcel if v.parcel is not None and v.parcel in touched else None


def _note_cell(page: Page, review: Any, v: Violation) -> str:
    note = review.get(v) if review is not None and hasattr(review, "get") else None
    if note is None:
        return ""
    bits = []
    if note.accepted:
        bits.append(page.t(ACCEPTED, reason=note.reason.strip() or "-"))
    if note.note.strip():
        bits.append(note.note.strip())
    return e(" ".join(bits))


def _findings(page: Page, result: CheckResult, meta: DocumentMeta, review: Any) -> None:
    page.heading(SECTION_FINDINGS)
    if not result.violations:
        page.p(page.t(FINDINGS_NONE))
        return
    touched = set(map(str, result.parcels.ids.tolist()))
    groups: dict[str | None, list[Violation]] = {}
    for v in result.violations:
        groups.setdefault(_group_of(v, touched), []).append(v)
    basis = short_basis(meta, page.lang)
    number = 0
    order = [pid for pid in map(str, result.parcels.ids.tolist()) if pid in groups] + ([None] if None in groups
                                                                                        else [])
    for group in order:
        title = page.t(GROUP_PARCEL, parcel=group) if group is not None else page.t(GROUP_OTHER)
        page.add(f"<p><b>{e(title)}</b></p>")
        rows = []
        for v in groups[group]:
            number += 1
            where = "" if v.parcel is not None or v.building is not None else tr(WHOLE_SCHEME, page.lang) + " · "
            rows.append([str(number), e(rule_name(v.rule, page.lang)), e(where + violation_message(v, page.lang)),
                         e(basis), _note_cell(page, review, v)])
        page.table([page.t(h) for h in (HEADER_NUMBER, HEADER_RULE, HEADER_FINDING, HEADER_BASIS, HEADER_HANDLING)],
                   rows, [6, 17, 43, 16, 18])
        page.add(GAP)


def _worded(item: Any, lang: str) -> str:
    """A finding of the resubmission comparison in the document's language: a Violation, or the register's record
    of one (planner.cases.resubmission), worded again from its numbers rather than in the language it was kept in."""
    if isinstance(item, dict):
        item = violation_of(item)
    return violation_message(item, lang) if isinstance(item, Violation) else str(item)


def _resubmission(page: Page, resubmission: Any) -> None:
    """Fixed, still open and new findings against the previous submission (duck-typed: lists of findings)."""
    page.heading(SECTION_RESUBMISSION)
    for kind, title in RESUBMISSION_KINDS.items():
        found = list(getattr(resubmission, kind, ()) or ())
        page.add(f"<p><b>{e(page.t(title, count=len(found)))}</b></p>")
        if found:
            page.add("<ul>" + "".join(f"<li>{e(_worded(item, page.lang))}</li>" for item in found) + "</ul>")


def _signoff(page: Page, meta: DocumentMeta) -> None:
    roles = ("officer", "reviewer", "approver")[:meta.signoff_levels]
    case = meta.case
    rows = [[f"<b>{e(page.t(SIGNOFF_ROLES[role]))}</b>", e(getattr(case, role) or ""), "<br/><br/>",
             e(page.t(BLANK_DATE))] for role in roles]
    page.table([page.t(h) for h in (HEADER_SIGNOFF, HEADER_NAME, HEADER_SIGNATURE, HEADER_DATE)], rows,
               [24, 22, 28, 26])


def opinion_page(result: CheckResult, meta: DocumentMeta, lang: str, review: Any = None,
                 resubmission: Any = None) -> Page:
    page = Page(lang)
    if meta.authority:
        page.p(meta.authority, "authority", "center")
    page.add(f'<h1 align="center">{e(page.t(OPINION_TITLE))}</h1>')
    page.labelled(case_pairs(meta, lang))
    page.heading(SECTION_BASIS)
    page.p(page.t(BASIS_PLAN, plan=plan_basis(meta.plan_name, "", lang)))
    if meta.plan_approval:
        page.p(page.t(BASIS_APPROVAL, approval=meta.plan_approval, date=meta.plan_approval_date or "-"))
    if meta.plan_label:
        page.p(page.t(BASIS_VERSION, version=meta.plan_label))
    scheme = result.inputs.get("buildings")
    if scheme is not None:
        page.p(page.t(BASIS_SCHEME, file=Path(scheme.path).name, layer=scheme.layer, sha=scheme.sha256[:12]))
    page.p(page.t(BASIS_CONDITIONS), "muted")
    page.heading(SECTION_INDICATORS)
    page.table([page.t(h) for h in INDICATOR_HEADERS], indicator_rows(result, lang), INDICATOR_WIDTHS)
    _findings(page, result, meta, review)
    if resubmission is not None:
        _resubmission(page, resubmission)
    page.heading(SECTION_OPINION)
    opinion = (getattr(review, "opinion", "") or "").strip() if review is not None else ""
    body = e(opinion).replace("\n", "<br/>") if opinion else "<br/>" * 5
    page.add(f'<table width="100%" border="1" cellspacing="0" cellpadding="6"><tr><td>{body}</td></tr></table>')
    page.add(GAP)
    _signoff(page, meta)
    seal_block(page, meta)
    page.p(page.t(ANNEX), "muted small")
    return page


def write_opinion(result: CheckResult, meta: DocumentMeta, path: str | Path, lang: str, review: Any = None,
                  resubmission: Any = None) -> None:
    """Write the 审查意见书 as an A4 PDF. `resubmission`: an object with `fixed`, `still_open` and `new` lists of
    findings against the previous submission (planner.cases), or None."""
    page = opinion_page(result, meta, lang, review, resubmission)
    title = tr(OPINION_TITLE, lang)
    header = tr(OPINION_HEADER, lang).format(number=meta.case.number or "-") + " · " + chinese_date(meta.issued, lang)
    write(page, path, title, header)
