"""Verdicts, decided in one place: each indicator of a parcel, each plan parcel and each scheme building.

The window, the report, the exports and the CLI all ask here; none decides a status itself.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from planner.model import ACHIEVED, INDICATOR_RULES, INDICATORS, CheckResult, CheckWarning, ParcelResult, Violation

PARCEL_UNTOUCHED, PARCEL_PASS, PARCEL_NOT_ASSESSED, PARCEL_VIOLATION = 0, 1, 2, 3
BUILDING_OK, BUILDING_VIOLATION = 0, 1

#: Rules that concern a building rather than a parcel's totals: the building itself is marked.
BUILDING_RULES = ("land_use", "crosses_parcel", "outside_plan")


def parcel_status(result: CheckResult | None, n_parcels: int) -> np.ndarray:
    """Per plan parcel: untouched, pass, not assessed (touched, nothing it controls measurable), violation."""
    status = np.full(n_parcels, PARCEL_UNTOUCHED, dtype=np.int64)
    if result is None or not len(result.parcels):
        return status
    table = result.parcels
    achieved = {indicator: getattr(table, column) for indicator, column in ACHIEVED.items()}
    assessed = np.zeros(len(table), dtype=bool)
    for indicator in INDICATORS:
        controlled = ~np.isnan(table.lower[indicator]) | ~np.isnan(table.upper[indicator])
        assessed |= controlled & ~np.isnan(achieved[indicator])
    violating = np.array([bool(v) for v in table.violations], dtype=bool)
    status[table.rows] = np.where(violating, PARCEL_VIOLATION, np.where(assessed, PARCEL_PASS, PARCEL_NOT_ASSESSED))
    return status


def building_status(result: CheckResult | None, building_ids: np.ndarray) -> np.ndarray:
    """Per building: marked when a finding names it (land use, crossing, outside the plan)."""
    status = np.full(len(building_ids), BUILDING_OK, dtype=np.int64)
    if result is None:
        return status
    named = {v.building for v in result.violations if v.rule in BUILDING_RULES and v.building is not None}
    status[np.isin(building_ids, list(named))] = BUILDING_VIOLATION
    return status


#: Warnings that mean a parcel's limit for an indicator was written but could not be used.
_LIMIT_UNUSABLE = ("unreadable_indicator", "empty_limit")

def indicator_verdict(parcel: ParcelResult, indicator: str, warnings: tuple[CheckWarning, ...] = ()) -> str:
    """How one indicator of one parcel fared: "pass", "violation", "marginal violation", "not controlled" or
    "not assessed" (planner.messages.VERDICT_NAMES has their words).

    A limit that was written but unreadable (an unreadable_indicator or empty_limit warning among `warnings`
    for this parcel and indicator) is "not assessed", not "not controlled".
    """
    if any(w.code in _LIMIT_UNUSABLE and w.parcel == parcel.id and w.details.get("indicator") == indicator
           for w in warnings):
        return "not assessed"
    lo, hi = parcel.limits.get(indicator, (None, None))
    if lo is None and hi is None:
        return "not controlled"
    achieved = getattr(parcel, ACHIEVED[indicator])
    if achieved is None or achieved != achieved:  # NaN: a parcel of no area
        return "not assessed"
    breaches = indicator_breaches(parcel.violations, indicator)
    if not breaches:
        return "pass"
    return "violation" if any(not v.marginal for v in breaches) else "marginal violation"


def indicator_breaches(violations: Iterable[Violation], indicator: str) -> list[Violation]:
    """The findings that break a limit of `indicator` (a green-line finding is not a green-ratio breach)."""
    return [v for v in violations if INDICATOR_RULES.get(v.rule, ("",))[0] == indicator]
