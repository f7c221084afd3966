"""Verdicts, decided in one place: each indicator of a parcel, each plan parcel and each scheme building.

The window, the report, the exports and the CLI all ask here; none decides a status itself.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from planner.model import (
    CONTROL_RULES,
    INDICATOR_RULES,
    CheckResult,
    ParcelResult,
    Violation,
)
from planner.parallel import GIL_SLICE

PARCEL_UNTOUCHED, PARCEL_PASS, PARCEL_NOT_ASSESSED, PARCEL_VIOLATION, PARCEL_PARTIAL = 0, 1, 2, 3, 4
BUILDING_OK, BUILDING_VIOLATION = 0, 1

#: Rules that concern a building rather than a parcel's totals: the building itself is marked. Every control-line
#: rule (red lines, setbacks, the 五线, protected zones, the building control line) names its building.
BUILDING_RULES = ("land_use", "crosses_parcel", "outside_plan", *CONTROL_RULES)
#: Parcel rules whose findings name buildings in their details (the buildings above a height limit, or the tallest
#: of a parcel below its minimum height): those buildings are marked too.
NAMING_RULES = ("height_max", "height_min")


def parcel_status(result: CheckResult | None, n_parcels: int) -> np.ndarray:
    """Per plan parcel, its map class: untouched, or its verdict (result.parcels.status) as a class."""
    status = np.full(n_parcels, PARCEL_UNTOUCHED, dtype=np.int64)
    if result is None or not len(result.parcels):
        return status
    verdict = result.parcels.status
    status[result.parcels.rows] = np.select(
        [verdict == "violation", verdict == "pass", verdict == "partial"],
        [PARCEL_VIOLATION, PARCEL_PASS, PARCEL_PARTIAL], PARCEL_NOT_ASSESSED)
    return status


def building_status(result: CheckResult | None, building_ids: np.ndarray) -> np.ndarray:
    """Per building: marked when a finding names it (land use, crossing, outside the plan, a control line or
    setback, a height limit)."""
    status = np.full(len(building_ids), BUILDING_OK, dtype=np.int64)
    if result is None:
        return status
    named = {v.building for v in result.violations if v.rule in BUILDING_RULES and v.building is not None}
    named |= {str(b) for v in result.violations if v.rule in NAMING_RULES for b in v.details.get("buildings", ())}
    status[is_named(building_ids, named)] = BUILDING_VIOLATION
    return status


def is_named(ids: np.ndarray, named: Iterable) -> np.ndarray:
    """Per id, whether `named` holds it: one hash lookup each, linear in len(ids). (np.isin on object arrays of
    ids compares every id with every name: 168 s for 200,000 buildings and 100,000 names.)"""
    names = named if isinstance(named, (set, frozenset, dict)) else set(named)
    ids = np.asarray(ids)
    if not names or not len(ids):
        return np.zeros(len(ids), dtype=bool)
    # A slice at a time: the lookups run in C holding the GIL (30 ms for 200,000 ids at once), which a window waits for.
    return np.concatenate([np.zeros(0, dtype=bool), *(
        np.fromiter(map(names.__contains__, ids[start:start + GIL_SLICE].tolist()), dtype=bool,
                    count=len(ids[start:start + GIL_SLICE])) for start in range(0, len(ids), GIL_SLICE))])


def indicator_verdict(parcel: ParcelResult, indicator: str) -> str:
    """How one indicator of one parcel fared, in the words of messages.VERDICT_NAMES: "pass", "violation",
    "marginal violation", "not controlled" or "not assessed" (its state "not_checked": never a pass)."""
    state = parcel.checked.get(indicator, "not_checked")
    if state == "fail":
        breaches = indicator_breaches(parcel.violations, indicator)
        return "violation" if any(not v.marginal for v in breaches) else "marginal violation"
    return {"pass": "pass", "not_controlled": "not controlled"}.get(state, "not assessed")


def indicator_breaches(violations: Iterable[Violation], indicator: str) -> list[Violation]:
    """The findings that break a limit of `indicator` (a green-line finding is not a green-ratio breach)."""
    return [v for v in violations if INDICATOR_RULES.get(v.rule, ("",))[0] == indicator]


# --- checked states (docs/architecture.md §2.4) ----------------------------------------------------------

def check_states(controlled: np.ndarray, breached: np.ndarray, unknown: np.ndarray) -> np.ndarray:
    """Each parcel's state for one indicator (model.CHECK_STATES): "fail" where a finding breaks its limit;
    else "not_checked" where its limit or the achieved value is unknown (`unknown`: the limit could not be read,
    or a limit exists and what the scheme achieves could not be measured); else "not_controlled" where the
    plan sets no limit; else "pass"."""
    return np.where(breached, "fail", np.where(unknown, "not_checked",
                                                np.where(controlled, "pass", "not_controlled"))).astype(object)


def parcel_states(checked: dict[str, np.ndarray], has_findings: np.ndarray) -> np.ndarray:
    """Each parcel's verdict (model.PARCEL_STATES): "violation" with any finding on it; else "partial" when some
    item was not checked but another passed; "not_assessed" when something was not checked and nothing passed,
    or nothing it controls could be measured; else "pass". A parcel is only ever "pass" when every item with a
    limit was measured and met."""
    states = np.stack([checked[item] for item in checked]) if checked else np.empty((0, len(has_findings)))
    unchecked = (states == "not_checked").any(axis=0)
    passed = (states == "pass").any(axis=0)
    return np.where(has_findings, "violation", np.where(
        unchecked, np.where(passed, "partial", "not_assessed"),
        np.where(passed, "pass", "not_assessed"))).astype(object)
