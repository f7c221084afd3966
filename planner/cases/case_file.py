"""A case's details from a TOML file (`planner check --case FILE.toml`, `planner case add --from FILE.toml`).

Keys: number, project, applicant, site, received (YYYY-MM-DD), limit_days, officer, reviewer, approver. Only
`number` is required; a key Planner does not know is an error naming it (a misspelt "recieved" must not leave
the deadline silently uncounted).
"""

from __future__ import annotations

import tomllib
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from planner.cases.calendar import WorkingCalendar, deadline, load_office_calendar
from planner.model import STATUTORY_LIMIT_DAYS, CaseDetails, InputError

__all__ = ["CASE_KEYS", "case_details", "read_case_file", "with_deadline"]

#: The keys of a case file and of `planner case add`'s options, in the order the documents print them.
CASE_KEYS: tuple[str, ...] = ("number", "project", "applicant", "site", "received", "limit_days", "officer",
                              "reviewer", "approver")


def _received(source: str, value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise InputError("case_value", path=source, key="received", value=str(value),
                         expected="YYYY-MM-DD") from None


def _limit(source: str, value: Any) -> int:
    if value is None or value == "":
        return STATUTORY_LIMIT_DAYS
    try:
        days = int(str(value).strip())
    except ValueError:
        days = 0
    if days < 1 or days > 366:
        raise InputError("case_value", path=source, key="limit_days", value=str(value),
                         expected="1-366")
    return days


def case_details(values: dict[str, Any], source: str = "") -> CaseDetails:
    """CaseDetails from a mapping of CASE_KEYS (a case file's table, or the command line's options).
    `source` names where the values came from in an error (a file path, or "--number ..." options)."""
    unknown = sorted(set(values) - set(CASE_KEYS))
    if unknown:
        raise InputError("case_key_unknown", path=source, key=unknown[0], keys=", ".join(CASE_KEYS))
    number = str(values.get("number") or "").strip()
    if not number:
        raise InputError("case_number_missing", path=source)
    text = {key: str(values.get(key) or "").strip() for key in ("project", "applicant", "site", "officer",
                                                                 "reviewer", "approver")}
    return CaseDetails(number=number, received=_received(source, values.get("received")),
                       limit_days=_limit(source, values.get("limit_days")), **text)


def read_case_file(path: str | Path) -> CaseDetails:
    """The case described by a TOML file, without its deadline (see with_deadline)."""
    path = Path(path)
    if not path.is_file():
        raise InputError("file_missing", path=str(path))
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise InputError("case_file_unreadable", path=str(path), error=str(error)) from None
    return case_details(table, str(path))


def with_deadline(case: CaseDetails, calendar: WorkingCalendar | None = None) -> CaseDetails:
    """The case with its deadline counted over working days (unchanged without a received date)."""
    if case.received is None:
        return replace(case, deadline=None, deadline_estimated=False)
    due = deadline(case.received, case.limit_days, calendar or WorkingCalendar(load_office_calendar()))
    return replace(case, deadline=due.day, deadline_estimated=due.estimated)
