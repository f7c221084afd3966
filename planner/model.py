"""Plain result types of a check: frozen dataclasses holding rule ids and numbers, never sentences."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: Indicators a parcel can control, in report order. Ratios (density, green_ratio) are fractions.
INDICATORS: tuple[str, ...] = ("far", "density", "height", "green_ratio")

#: Rule ids of this issue, in report order.
RULES: tuple[str, ...] = (
    "far_max",
    "far_min",
    "density_max",
    "density_min",
    "height_max",
    "height_min",
    "green_min",
    "green_max",
    "land_use",
    "crosses_parcel",
    "outside_plan",
)

#: Which achieved value and which bound each indicator rule compares.
INDICATOR_RULES: dict[str, tuple[str, str]] = {
    "far_max": ("far", "hi"),
    "far_min": ("far", "lo"),
    "density_max": ("density", "hi"),
    "density_min": ("density", "lo"),
    "height_max": ("height", "hi"),
    "height_min": ("height", "lo"),
    "green_max": ("green_ratio", "hi"),
    "green_min": ("green_ratio", "lo"),
}


@dataclass(frozen=True, slots=True)
class Violation:
    """One breach. `limit` is (lo, hi) for indicator rules, the land-use code for `land_use`."""

    rule: str
    parcel: str | None
    building: str | None = None
    actual: Any = None
    limit: Any = None
    marginal: bool = False
    #: Extra numbers a message may need (e.g. the area outside the plan, the parcels crossed).
    details: dict[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True, slots=True)
class CheckWarning:
    """Something the engine did or could not do: an unreadable value, a repaired geometry, an assumption.

    `code` is a stable id; `details` holds what a message needs (file, layer, field, text ...).
    """

    code: str
    parcel: str | None = None
    building: str | None = None
    details: dict[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True, slots=True)
class InputInfo:
    """Provenance of one input layer."""

    role: str  # "plan", "buildings" or "green"
    path: str
    layer: str
    features: int
    crs: str | None
    sha256: str


@dataclass(frozen=True, slots=True)
class ParcelResult:
    """What the scheme achieves on one parcel it touches, and the limits it is held to."""

    id: str
    land_use: str | None
    site_area: float
    gfa: float
    footprint_area: float
    green_area: float | None
    far: float
    density: float
    max_height: float | None
    green_ratio: float | None
    #: indicator -> (lo, hi) as read; None for a side that is not controlled. Missing key: not controlled.
    limits: dict[str, tuple[float | None, float | None]]
    #: indicator -> the text written in the plan (for the report).
    limit_texts: dict[str, str]
    buildings: tuple[str, ...]
    violations: tuple[Violation, ...]

    @property
    def status(self) -> str:
        return "violation" if self.violations else "pass"


@dataclass(frozen=True, slots=True)
class CheckResult:
    crs: str
    inputs: dict[str, InputInfo | None]
    parcels: tuple[ParcelResult, ...]
    violations: tuple[Violation, ...]
    warnings: tuple[CheckWarning, ...]

    @property
    def summary(self) -> dict[str, int]:
        return {
            "parcels_checked": len(self.parcels),
            "parcels_violating": sum(1 for p in self.parcels if p.violations),
            "violations": len(self.violations),
            "warnings": len(self.warnings),
        }


class InputError(Exception):
    """Input that cannot be checked at all (exit code 2). `code` and `details` make the message."""

    def __init__(self, code: str, **details: Any) -> None:
        super().__init__(code, details)
        self.code = code
        self.details = details
