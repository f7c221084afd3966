"""What the window has loaded and found, as plain Python (no Qt): layers, the last result, map classes."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from planner.crs import align
from planner.layers import BuildingLayer, GreenLayer, Layer, PlanLayer
from planner.model import INDICATORS, CheckResult

ROLES = ("plan", "buildings", "green")

# Map classes of parcels and buildings (the canvas styles them; the legend names them).
PARCEL_UNTOUCHED, PARCEL_PASS, PARCEL_NOT_ASSESSED, PARCEL_VIOLATION = 0, 1, 2, 3
BUILDING_OK, BUILDING_VIOLATION = 0, 1

#: Rules that concern a building rather than a parcel's totals: the building itself is marked.
BUILDING_RULES = ("land_use", "crosses_parcel", "outside_plan")


@dataclass(frozen=True)
class Session:
    """The loaded layers and the result of checking them. Immutable: every change makes a new session."""

    layers: dict[str, Layer] = field(default_factory=dict)
    result: CheckResult | None = None

    @property
    def plan(self) -> PlanLayer | None:
        return self.layers.get("plan")  # type: ignore[return-value]

    @property
    def buildings(self) -> BuildingLayer | None:
        return self.layers.get("buildings")  # type: ignore[return-value]

    @property
    def green(self) -> GreenLayer | None:
        return self.layers.get("green")  # type: ignore[return-value]

    def with_layers(self, layers: dict[str, Layer], result: CheckResult | None) -> Session:
        return replace(self, layers={**self.layers, **layers}, result=result)

    def without(self, role: str) -> Session:
        """The session with one layer removed; the result goes too, since it no longer matches."""
        return replace(self, layers={k: v for k, v in self.layers.items() if k != role}, result=None)


def display_geometry(session: Session) -> dict[str, np.ndarray]:
    """Every loaded layer's geometry in one metric CRS (the check's working CRS), for drawing."""
    roles = [role for role in ROLES if role in session.layers]
    if not roles:
        return {}
    layers = [(session.layers[r].info.path, session.layers[r].crs, session.layers[r].geometry) for r in roles]
    _crs, geometries, _notes = align(layers)
    return dict(zip(roles, geometries))


def parcel_classes(session: Session) -> np.ndarray:
    """Per plan parcel: untouched, pass, not assessed (touched, nothing it controls could be measured), violation."""
    plan, result = session.plan, session.result
    if plan is None:
        return np.zeros(0, dtype=np.int64)
    classes = np.full(len(plan.ids), PARCEL_UNTOUCHED, dtype=np.int64)
    if result is None:
        return classes
    table = result.parcels
    achieved = {"far": table.far, "density": table.density, "height": table.max_height,
                "green_ratio": table.green_ratio}
    assessed = np.zeros(len(table), dtype=bool)
    for indicator in INDICATORS:
        controlled = ~np.isnan(table.lower[indicator]) | ~np.isnan(table.upper[indicator])
        assessed |= controlled & ~np.isnan(achieved[indicator])
    violating = np.array([bool(v) for v in table.violations], dtype=bool)
    classes[table.rows] = np.where(violating, PARCEL_VIOLATION, np.where(assessed, PARCEL_PASS, PARCEL_NOT_ASSESSED))
    return classes


def building_classes(session: Session) -> np.ndarray:
    """Per building: marked when a finding names it (land use, crossing, outside the plan)."""
    buildings, result = session.buildings, session.result
    if buildings is None:
        return np.zeros(0, dtype=np.int64)
    classes = np.full(len(buildings.ids), BUILDING_OK, dtype=np.int64)
    if result is None:
        return classes
    named = {v.building for v in result.violations if v.rule in BUILDING_RULES and v.building is not None}
    classes[np.isin(buildings.ids, list(named))] = BUILDING_VIOLATION
    return classes


def parcel_row(session: Session, parcel_id: str | None) -> int | None:
    """The plan row of a parcel id (the first, if ids repeat)."""
    if session.plan is None or parcel_id is None:
        return None
    rows = np.flatnonzero(session.plan.ids == parcel_id)
    return int(rows[0]) if len(rows) else None


def building_rows(session: Session, building_id: str | None) -> list[int]:
    if session.buildings is None or building_id is None:
        return []
    return np.flatnonzero(session.buildings.ids == building_id).tolist()
