"""The 一次性告知书 (issue 15): one numbered list of everything the applicant must change, each item what to do with
the plan's basis, for the case, dated in local time, with the resubmission deadline, the officer and a seal area.

一次告知: every finding of the check is an item exactly once (notice_items), except those the official accepted as
approved exceptions (planner.review); an item the official wrote a note on carries the note.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planner.messages import QT_TRANSLATE_NOOP, action_message, chinese_date, plan_basis, tr, with_note
from planner.model import CheckResult, Violation
from planner.report.official import (
    GAP,
    DocumentMeta,
    Page,
    case_pairs,
    deadline_text,
    e,
    seal_block,
    short_basis,
    write,
)

NOTICE_TITLE = QT_TRANSLATE_NOOP("messages", "Notice of everything to correct (one-time notice)")
NOTICE_INTRO = QT_TRANSLATE_NOOP("messages", "The building scheme of the project \"{project}\" (case {number}) was "
                                             "checked against {plan}. The following {count} items must be "
                                             "corrected; this notice lists all of them at once:")
NOTICE_NOTHING = QT_TRANSLATE_NOOP("messages", "The building scheme of the project \"{project}\" (case {number}) "
                                               "was checked against {plan}; nothing needs to be corrected.")
NOTICE_RESUBMIT = QT_TRANSLATE_NOOP("messages", "Please resubmit the corrected scheme by {date} ({days} working "
                                                "days from the date of this notice), with a statement of how each "
                                                "item was corrected.")
NOTICE_OFFICER = QT_TRANSLATE_NOOP("messages", "Case officer: {officer}")
NOTICE_CONTACT = QT_TRANSLATE_NOOP("messages", "Telephone: ____________")
NOTICE_ACCEPTED = QT_TRANSLATE_NOOP("messages", "{count} findings accepted by the reviewing official as approved "
                                                "exceptions are not listed.")
NOTICE_HEADER = QT_TRANSLATE_NOOP("messages", "One-time notice · case {number}")


@dataclass(frozen=True, slots=True)
class NoticeItem:
    """One item of the notice: the finding it comes from and its sentence (with the official's note)."""

    finding: Violation
    text: str


def _note(review: Any, finding: Violation):
    if review is None or not hasattr(review, "get"):
        return None
    return review.get(finding)


def notice_items(result: CheckResult, meta: DocumentMeta, lang: str, review: Any = None) -> tuple[list[NoticeItem],
                                                                                                 int]:
    """The items, one per finding not accepted as an approved exception, in the check's order; and how many
    findings were left out as accepted."""
    basis = short_basis(meta, lang)
    items, accepted = [], 0
    for finding in result.violations:
        note = _note(review, finding)
        if note is not None and note.accepted:
            accepted += 1
            continue
        text = action_message(finding, lang, basis)
        if note is not None and note.note.strip():
            text = with_note(text, note.note.strip(), lang)
        items.append(NoticeItem(finding, text))
    return items, accepted


def notice_page(result: CheckResult, meta: DocumentMeta, lang: str, review: Any = None) -> Page:
    page = Page(lang)
    case = meta.case
    if meta.authority:
        page.p(meta.authority, "authority", "center")
    page.add(f'<h1 align="center">{e(page.t(NOTICE_TITLE))}</h1>')
    page.labelled(case_pairs(meta, lang)[:4])
    page.add(GAP)
    items, accepted = notice_items(result, meta, lang, review)
    page.p((case.applicant or "_" * 12) + ("：" if lang == "zh" else ":"))  # the salutation: "XX公司："
    plan = plan_basis(meta.plan_name, meta.plan_approval, lang)
    values = {"project": case.project or "-", "number": case.number or "-", "plan": plan, "count": len(items)}
    if items:
        page.p(page.t(NOTICE_INTRO, **values))
        page.add("<ol>" + "".join(f"<li>{e(item.text)}</li>" for item in items) + "</ol>")
    else:
        page.p(page.t(NOTICE_NOTHING, **values))
    if accepted:
        page.p(page.t(NOTICE_ACCEPTED, count=accepted), "muted small")
    if items:
        page.p(page.t(NOTICE_RESUBMIT, date=deadline_text(meta.resubmit_by, meta.resubmit_estimated, lang),
                      days=meta.resubmit_days))
    page.add(GAP)
    page.p(page.t(NOTICE_OFFICER, officer=case.officer or "_" * 10) + "    " + page.t(NOTICE_CONTACT))
    seal_block(page, meta)
    return page


def write_notice(result: CheckResult, meta: DocumentMeta, path: str | Path, lang: str, review: Any = None) -> None:
    """Write the 一次性告知书 as an A4 PDF."""
    page = notice_page(result, meta, lang, review)
    title = tr(NOTICE_TITLE, lang)
    header = tr(NOTICE_HEADER, lang).format(number=meta.case.number or "-") + " · " + chinese_date(meta.issued, lang)
    write(page, path, title, header)
