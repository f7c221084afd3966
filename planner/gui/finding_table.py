"""The findings of one result as arrays, built once per result (in the worker): display texts, sort ranks per
column, filter arrays, lowercase search strings, and indexes from a parcel or building id to its findings.

No widgets and no Qt objects: a FindingTable is made on the worker's thread and handed to the window, whose table
model, map and inspector then only index arrays (planner.gui.violations.FindingsModel).
"""

from __future__ import annotations

import heapq
import re
from typing import Any

import numpy as np

from planner.messages import (
    QT_TRANSLATE_NOOP,
    RULE_NAMES,
    WARNING_NAMES,
    format_area,
    format_distance,
    format_limit,
    format_value,
    rule_name,
    tr,
    violation_messages,
    warning_messages,
    warning_name,
)
from planner.model import CONTROL_RULES, INDICATOR_RULES, RULES, CheckResult, CheckWarning, Violation, finding_key

__all__ = ["COLUMNS", "Finding", "FindingTable", "finding_buildings", "finding_code", "finding_parcels",
           "sort_key"]

Finding = Violation | CheckWarning

SEVERITY_NAMES = {"violation": QT_TRANSLATE_NOOP("messages", "violation"),
                  "warning": QT_TRANSLATE_NOOP("messages", "warning")}
MARGINAL_TEXT = QT_TRANSLATE_NOOP("messages", "marginal")
PARCELS_COUNT = QT_TRANSLATE_NOOP("messages", "{count} parcels")

#: The table's columns, in order (planner.gui.violations.FindingsModel numbers them the same).
COLUMNS = ("severity", "rule", "parcel", "building", "actual", "limit", "marginal", "message", "review")
SEVERITY, RULE, PARCEL, BUILDING, ACTUAL, LIMIT, MARGINAL, MESSAGE, REVIEW = range(len(COLUMNS))

#: Report order of every rule id and warning code, for the Rule column's sort.
RULE_ORDER = {code: k for k, code in enumerate([*RULES, *RULE_NAMES, *WARNING_NAMES])}
_DIGITS = re.compile(r"(\d+)")
BLANK = (2,)  # the sort key of an empty cell
#: Keys sorted at once by dense_ranks (the rest is a merge).
SORT_SLICE = 4096


def finding_code(finding: Finding) -> str:
    """The rule id of a violation, the code of a warning."""
    return finding.rule if isinstance(finding, Violation) else finding.code


def finding_parcels(finding: Finding) -> tuple[str, ...]:
    """Every parcel a finding names: its own, plus the parcels a crossing building stands in."""
    named = [finding.parcel] if finding.parcel is not None else []
    listed = None
    if isinstance(finding, Violation) or finding.code == "parcels_overlap":
        listed = finding.details.get("parcels")
    if isinstance(listed, str):
        listed = listed.split(", ")
    for parcel in listed or ():
        if parcel not in named:
            named.append(str(parcel))
    return tuple(named)


def finding_buildings(finding: Finding) -> tuple[str, ...]:
    """Every building a finding names: its own, plus the buildings a height finding is about (tallest first)."""
    named = [finding.building] if finding.building is not None else []
    listed = finding.details.get("buildings") if isinstance(finding, Violation) else None
    for building in listed or ():
        if str(building) not in named:
            named.append(str(building))
    return tuple(named)


def natural(text: str) -> tuple:
    """"XG-06-2" before "XG-06-10", "2#" before "10#"."""
    return tuple(int(part) if k % 2 else part.casefold() for k, part in enumerate(_DIGITS.split(text)))


def sort_key(value: Any) -> tuple:
    """Orders mixed sort values: numbers numerically, then texts naturally, then blanks."""
    if value is None or value == "":
        return BLANK
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (0, float(value))
    return (1, natural(str(value)))


def dense_ranks(keys: list[tuple]) -> np.ndarray:
    """Each key's rank among the distinct keys (equal keys, equal rank): the order `sorted(keys)` gives."""
    n = len(keys)
    # Sorted in slices, then merged in Python: one sort of a city's 50,000 keys compares tuples in C for 150 ms
    # without letting the interpreter lock go, and the window's UI thread waits for it meanwhile.
    slices = [sorted(range(start, min(start + SORT_SLICE, n)), key=keys.__getitem__)
              for start in range(0, n, SORT_SLICE)]
    order = slices[0] if len(slices) == 1 else list(heapq.merge(*slices, key=keys.__getitem__))
    ranks = np.zeros(n, np.int64)
    rank, previous = -1, None
    for k in order:
        key = keys[k]
        if key != previous:
            rank += 1
            previous = key
        ranks[k] = rank
    return ranks


class FindingTable:
    """A result's findings (violations, then warnings: report order) as arrays for the table, map and inspector."""

    def __init__(self, result: CheckResult | None, lang: str) -> None:
        self.lang = lang
        self.findings: tuple[Finding, ...] = () if result is None else (*result.violations, *result.warnings)
        findings = self.findings
        n = len(findings)
        touched = set() if result is None else {str(p) for p in result.parcels.ids.tolist()}
        self.is_warning = np.fromiter((isinstance(f, CheckWarning) for f in findings), bool, n)
        self.off_scheme = np.fromiter((isinstance(f, CheckWarning) and f.parcel is not None
                                       and str(f.parcel) not in touched for f in findings), bool, n)
        self.codes = np.array([finding_code(f) for f in findings], dtype=object)
        self.parcels = [finding_parcels(f) for f in findings]
        self.buildings = [finding_buildings(f) for f in findings]
        self.keys = [finding_key(f) for f in findings]
        self.texts = self._texts(result)
        self._violations = () if result is None else result.violations
        # What the text filter searches: parcels, buildings, rule and message, lowercased once.
        self.search = np.array([" ".join((*p, *b, t[RULE], t[MESSAGE])).casefold()
                                for p, b, t in zip(self.parcels, self.buildings, self.texts)], dtype=object)
        self.by_parcel = _index(self.parcels)
        self.by_building = _index(self.buildings)
        self.sort_keys: dict[int, list[tuple]] = {}
        self.ranks: dict[int, np.ndarray] = {}
        self.kinds: dict[int, np.ndarray] = {}
        for column in range(REVIEW):
            self._rank(column)

    def __len__(self) -> int:
        return len(self.findings)

    def rows_of(self, parcel: str | None, building: str | None) -> np.ndarray:
        """The findings (report order) naming `building` if given, else `parcel`."""
        if building is not None:
            return self.by_building.get(str(building), _NONE)
        if parcel is not None:
            return self.by_parcel.get(str(parcel), _NONE)
        return _NONE

    def set_keys(self, column: int, keys: list[tuple]) -> None:
        """Sort keys of a column computed elsewhere (the review states)."""
        self.sort_keys[column] = keys
        self.ranks[column] = dense_ranks(keys)
        self.kinds[column] = np.array([key[0] for key in keys], dtype=np.int64)

    def order(self, column: int, descending: bool, rows: np.ndarray) -> np.ndarray:
        """`rows` sorted by `column`: numbers, then texts, then blanks whichever the direction; equal keys keep
        report order (descending too)."""
        if column not in self.ranks or not len(rows):
            return rows
        rank = self.ranks[column][rows]
        if descending:
            return rows[np.lexsort((rows, -rank, self.kinds[column][rows]))]
        return rows[np.lexsort((rows, rank))]

    def _rank(self, column: int) -> None:
        keys = [sort_key(self._sort_value(k, column)) for k in range(len(self.findings))]
        self.set_keys(column, keys)

    def _texts(self, result: CheckResult | None) -> list[tuple[str, ...]]:
        lang = self.lang
        if result is None:
            return []
        messages = violation_messages(list(result.violations), lang)
        violation = tr(SEVERITY_NAMES["violation"], lang)
        warning = tr(SEVERITY_NAMES["warning"], lang)
        marginal = tr(MARGINAL_TEXT, lang)
        names: dict[str, str] = {}
        texts = []
        for f, message in zip(result.violations, messages):
            name = names.get(f.rule)
            if name is None:
                name = names[f.rule] = rule_name(f.rule, lang)
            texts.append(_violation_cells(f, lang, violation, name, marginal, message))
        for w, message in zip(result.warnings, warning_messages(result.warnings, lang)):
            name = names.get("w:" + w.code)
            if name is None:
                name = names["w:" + w.code] = warning_name(w.code, lang)
            texts.append((warning, name, w.parcel or "", w.building or "", "", "", "", message))
        return texts

    def violation_messages(self, result: CheckResult | None, lang: str) -> list[str] | None:
        """The sentences of `result`'s violations in `lang` as this table shows them, for an export to reuse;
        None when the table was made from another result or language."""
        if result is None or result.violations is not self._violations or lang != self.lang:
            return None
        return [texts[MESSAGE] for texts in self.texts[:len(self._violations)]]

    def _sort_value(self, k: int, column: int) -> Any:
        f = self.findings[k]
        if column == SEVERITY:
            return 1 if isinstance(f, CheckWarning) else 0
        if column == RULE:
            return RULE_ORDER.get(finding_code(f), len(RULE_ORDER))
        if column == PARCEL:
            return f.parcel
        if column == BUILDING:
            return next(iter(self.buildings[k]), None)
        if column == MARGINAL:
            return int(isinstance(f, Violation) and f.marginal)
        if column == MESSAGE:
            return self.texts[k][MESSAGE]
        if isinstance(f, CheckWarning):
            return None
        if column == ACTUAL:
            if f.rule == "crosses_parcel":
                return float(len(self.parcels[k]))
            return float(f.actual) if isinstance(f.actual, (int, float)) else f.actual
        if column == LIMIT:
            if f.rule in INDICATOR_RULES and f.limit:
                bound = f.limit[1] if INDICATOR_RULES[f.rule][1] == "hi" else f.limit[0]
                return None if bound is None else float(bound)
            if f.rule == "setback" and isinstance(f.limit, (int, float)):
                return float(f.limit)
            return f.limit if isinstance(f.limit, str) else None
        return None

    def sort_value(self, k: int, column: int) -> Any:
        """The raw value a column sorts finding k by (numbers, ids, ranks)."""
        return self._sort_value(k, column)


_NONE = np.zeros(0, np.int64)


def _index(named: list[tuple[str, ...]]) -> dict[str, np.ndarray]:
    """id -> the findings (ascending) naming it."""
    lists: dict[str, list[int]] = {}
    for k, ids in enumerate(named):
        for i in ids:
            lists.setdefault(str(i), []).append(k)
    return {i: np.asarray(rows, np.int64) for i, rows in lists.items()}


def _violation_cells(f: Violation, lang: str, severity: str, name: str, marginal: str,
                     message: str) -> tuple[str, ...]:
    actual = limit = ""
    parcel = f.parcel or ""
    if f.rule in INDICATOR_RULES:
        indicator = INDICATOR_RULES[f.rule][0]
        # A marginal breach shows its exact value (rounded it would equal the limit it breaks).
        actual, limit = format_value(indicator, f.actual, exact=f.marginal), format_limit(indicator, f.limit)
    elif f.rule == "land_use":
        actual, limit = str(f.actual or ""), str(f.limit or "")
    elif f.rule == "crosses_parcel":
        parcels = finding_parcels(f)
        actual = tr(PARCELS_COUNT, lang).format(count=len(parcels))
        parcel = ", ".join(parcels)
    elif f.rule == "outside_plan" and f.actual is not None:
        actual = format_area(f.actual)
    elif f.rule == "setback" and f.actual is not None:
        actual, limit = format_distance(f.actual, exact=f.marginal), f"≥{f.limit:.2f} m"
    elif f.rule in ("crosses_red_line", "beyond_red_line") and f.actual is not None:
        actual = f"{f.actual:.2f} m"  # the length across, or the distance beyond, the red line
    elif f.rule in CONTROL_RULES and isinstance(f.actual, (int, float)):
        actual = format_area(f.actual)  # the area on the zone, or outside the building control line
    return (severity, name, parcel, ", ".join(finding_buildings(f)), actual, limit, marginal if f.marginal else "",
            message)
