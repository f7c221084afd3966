"""The map status of every plan parcel and scheme building after a check, shared by the GUI and the report."""

from __future__ import annotations

import numpy as np

from planner.model import INDICATORS, CheckResult

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
    achieved = {"far": table.far, "density": table.density, "height": table.max_height,
                "green_ratio": table.green_ratio}
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
