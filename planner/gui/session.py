"""What the window has loaded and found, as plain Python (no Qt): layers, the last result, map classes."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from planner.checking.verdicts import (  # noqa: F401 (the map classes, re-exported for the GUI)
    BUILDING_OK,
    BUILDING_VIOLATION,
    PARCEL_NOT_ASSESSED,
    PARCEL_PASS,
    PARCEL_UNTOUCHED,
    PARCEL_VIOLATION,
    building_status,
    parcel_status,
)
from planner.io.controls import ControlLayer
from planner.io.crs import align
from planner.io.layers import BuildingLayer, GreenLayer, Layer, PlanLayer
from planner.model import CheckResult
from planner.versions.compare import VersionComparison

ROLES = ("plan", "buildings", "green", "lines")


@dataclass(frozen=True)
class Session:
    """The loaded layers and the result of checking them. Immutable: every change makes a new session."""

    layers: dict[str, Layer] = field(default_factory=dict)
    result: CheckResult | None = None
    #: Every plan version loaded, in loading order; layers["plan"] is the one in force for the check.
    versions: tuple[PlanLayer, ...] = ()
    #: The plan in force against another version, while the official compares them.
    comparison: VersionComparison | None = None

    @property
    def plan(self) -> PlanLayer | None:
        return self.layers.get("plan")  # type: ignore[return-value]

    @property
    def buildings(self) -> BuildingLayer | None:
        return self.layers.get("buildings")  # type: ignore[return-value]

    @property
    def green(self) -> GreenLayer | None:
        return self.layers.get("green")  # type: ignore[return-value]

    @property
    def lines(self) -> ControlLayer | None:
        """The control lines and zones (one file, every layer of it that was loaded)."""
        return self.layers.get("lines")  # type: ignore[return-value]

    @property
    def in_force(self) -> int | None:
        """The index in `versions` of the plan in force."""
        plan = self.plan
        return next((k for k, v in enumerate(self.versions) if v is plan), None)

    def with_layers(self, layers: dict[str, Layer], result: CheckResult | None) -> Session:
        """The session with `layers` loaded and checked. A plan joins the versions (replacing a version read
        from the same file and layer: a reload) and is the one in force."""
        versions = self.versions
        plan = layers.get("plan")
        if plan is not None and all(v is not plan for v in versions):  # by identity: == compares arrays
            same = [k for k, v in enumerate(versions) if _source(v) == _source(plan)]
            versions = (tuple(plan if k == same[0] else v for k, v in enumerate(versions)) if same
                        else (*versions, plan))
        return replace(self, layers={**self.layers, **layers}, result=result, versions=versions)

    def with_version(self, index: int, version) -> Session:
        """The session with plan version `index` renamed (label, approval number, date as the official states)."""
        old = self.versions[index]
        new = replace(old, info=replace(old.info, version=version))
        layers = {**self.layers, "plan": new} if self.layers.get("plan") is old else self.layers
        result = self.result
        if result is not None and layers is not self.layers:  # the result names the version it was made against
            result = replace(result, inputs={**result.inputs, "plan": new.info})
        versions = tuple(new if k == index else v for k, v in enumerate(self.versions))
        comparison = self.comparison
        if comparison is not None:  # the comparison names both versions too
            verdicts = comparison.verdicts
            if verdicts is not None:
                verdicts = replace(verdicts,
                                   old_plan=new.info if verdicts.old_plan == old.info else verdicts.old_plan,
                                   new_plan=new.info if verdicts.new_plan == old.info else verdicts.new_plan)
            comparison = replace(comparison, other=new if comparison.other is old else comparison.other,
                                 verdicts=verdicts)
        return replace(self, layers=layers, result=result, versions=versions, comparison=comparison)

    def without(self, role: str) -> Session:
        """The session with one layer removed; the result goes too, since it no longer matches. Removing the
        plan removes the version in force; the other versions stay loaded."""
        versions = tuple(v for v in self.versions if v is not self.plan) if role == "plan" else self.versions
        return replace(self, layers={k: v for k, v in self.layers.items() if k != role}, result=None,
                       versions=versions, comparison=None)

    def without_version(self, index: int) -> Session:
        """The session without plan version `index` (not the one in force: remove the plan layer for that)."""
        gone = self.versions[index]
        comparison = None if self.comparison is not None and self.comparison.other is gone else self.comparison
        return replace(self, versions=tuple(v for v in self.versions if v is not gone), comparison=comparison)


def _source(plan: PlanLayer) -> tuple[str, str]:
    return plan.info.path, plan.info.layer


def display_geometry(session: Session) -> dict[str, np.ndarray]:
    """Every loaded layer's geometry in one metric CRS (the check's working CRS), for drawing."""
    roles = [role for role in ROLES if role in session.layers]
    if not roles:
        return {}
    layers = [(session.layers[r].info.path, session.layers[r].crs, session.layers[r].geometry) for r in roles]
    _crs, geometries, _notes = align(layers, check=False)  # drawn as they are: the check says what is wrong
    return dict(zip(roles, geometries))


def in_display_crs(session: Session, parts: list[tuple]) -> list[np.ndarray]:
    """(crs, geometry) parts brought to the CRS display_geometry draws in. The loaded layers choose that CRS as
    they do there; one feature of each is enough to choose it without reprojecting them all again."""
    layers = [(layer.info.path, layer.crs, layer.geometry[:1]) for role in ROLES
              if (layer := session.layers.get(role)) is not None]
    _crs, aligned, _notes = align([*layers, *(("", crs, geometry) for crs, geometry in parts)], check=False)
    return aligned[len(layers):]


def parcel_classes(session: Session) -> np.ndarray:
    """Per plan parcel: untouched, pass, not assessed, violation (planner.checking.verdicts)."""
    return parcel_status(session.result, 0 if session.plan is None else len(session.plan.ids))


def building_classes(session: Session) -> np.ndarray:
    """Per building: marked when a finding names it (planner.checking.verdicts)."""
    buildings = session.buildings
    return building_status(session.result, np.zeros(0) if buildings is None else buildings.ids)


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
