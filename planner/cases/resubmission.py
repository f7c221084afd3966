"""Resubmissions (补正后重新提交): which findings of the last submission a new one fixed, left open or added.

A submission's findings are kept in the register as records (finding_records): per violation its key
(model.finding_key, the key review notes and the plan-version comparison use), rule, parcel, building, the
numbers and details a sentence needs, and the sentence in the language of that check. Comparing two sets of
records by key says, for every item the applicant was told about, whether it is fixed. Only violations are
compared: warnings are about the data, not items the applicant must change.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from planner.model import CheckResult, Violation, finding_key, key_parts

__all__ = ["RECORDS_SCHEMA", "Resubmission", "compare_submissions", "finding_records", "violation_of"]

RECORDS_SCHEMA = "planner.findings/1"


def _plain(value: Any) -> Any:
    """A value as JSON can hold it (numpy scalars and arrays, tuples)."""
    if hasattr(value, "tolist"):
        return value.tolist()
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, float) and value != value:
        return None
    return value


def _record(v: Violation, message: str | None) -> dict[str, Any]:
    out = {"key": finding_key(v), "rule": v.rule, "parcel": v.parcel, "building": v.building,
           "actual": _plain(v.actual), "limit": _plain(v.limit), "marginal": bool(v.marginal),
           "details": _plain(v.details or {})}
    if message is not None:
        out["message"] = message
    return out


def finding_records(result: CheckResult, messages: dict[int, str] | None = None, lang: str = "") -> dict[str, Any]:
    """What the register keeps of a check: its counts, each violation as a record, each warning's key.
    `messages`: each violation's sentence by id (report.serialise.sentences), kept in the language `lang`."""
    messages = messages or {}
    return {
        "schema": RECORDS_SCHEMA,
        "lang": lang,
        "summary": dict(result.summary),
        "violations": [_record(v, messages.get(id(v))) for v in result.violations],
        "warnings": [{"key": finding_key(w), "code": w.code, "parcel": w.parcel, "building": w.building}
                     for w in result.warnings],
    }


def violation_of(record: dict[str, Any]) -> Violation:
    """The Violation a record was made from (to word it again, in another language, with messages)."""
    limit = record.get("limit")
    return Violation(rule=record["rule"], parcel=record.get("parcel"), building=record.get("building"),
                     actual=record.get("actual"), limit=tuple(limit) if isinstance(limit, list) else limit,
                     marginal=bool(record.get("marginal")), details=dict(record.get("details") or {}))


@dataclass(frozen=True, slots=True)
class Resubmission:
    """A new submission against the last: items `fixed` (in the last, gone now), `still_open` (in both: the
    current record), `new` (only now). Items are records (key, rule, parcel, building, actual, limit, marginal,
    details, and the sentence of their own check under "message")."""

    previous: int  # the submission compared with
    current: int | None  # the new submission's number (None until recorded)
    fixed: tuple[dict[str, Any], ...]
    still_open: tuple[dict[str, Any], ...]
    new: tuple[dict[str, Any], ...]
    previous_lang: str = ""

    @property
    def all_fixed(self) -> bool:
        return not self.still_open and not self.new

    @property
    def summary(self) -> dict[str, int]:
        return {"fixed": len(self.fixed), "still_open": len(self.still_open), "new": len(self.new)}

    def as_json(self) -> dict[str, Any]:
        def item(record: dict[str, Any]) -> dict[str, Any]:
            return {k: record.get(k) for k in ("key", "rule", "parcel", "building", "actual", "limit", "marginal",
                                               "message")}

        return {"previous_submission": self.previous, "submission": self.current, **self.summary,
                "fixed": [item(r) for r in self.fixed], "still_open": [item(r) for r in self.still_open],
                "new": [item(r) for r in self.new]}


def _by_key(records: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in records:
        grouped[r["key"]].append(r)
    return grouped


def compare_submissions(previous: dict[str, Any], current: dict[str, Any], previous_number: int,
                        current_number: int | None = None) -> Resubmission:
    """Match the violations of two submissions' records by finding key. Two findings sharing a key pair up in
    order; the surplus of the old is fixed, of the new is new. Fixed items keep the previous check's order,
    the others the current's."""
    old = _by_key(previous.get("violations", []))
    now = _by_key(current.get("violations", []))
    fixed, still_open, new = [], [], []
    for key, records in old.items():
        fixed += records[len(now.get(key, [])):]
    seen: dict[str, int] = defaultdict(int)
    for record in current.get("violations", []):
        key = record["key"]
        (still_open if seen[key] < len(old.get(key, [])) else new).append(record)
        seen[key] += 1
    return Resubmission(previous=previous_number, current=current_number, fixed=tuple(fixed),
                        still_open=tuple(still_open), new=tuple(new), previous_lang=previous.get("lang", ""))


def where(record: dict[str, Any]) -> dict[str, str | None]:
    """Parcel and building a record names (from its key when the record lacks them)."""
    parts = key_parts(record["key"])
    return {"parcel": record.get("parcel") or parts["parcel"], "building": record.get("building") or parts["building"]}
