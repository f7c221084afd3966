"""The applicant's declared 技术经济指标 against what the drawing measures (issue 15): DeclaredFigure rows and a
`declared_<indicator>` finding where a figure differs beyond its tolerance.

What is measured, per parcel the scheme touches (its row of the ParcelTable):
site_area = the parcel's area; counted_gfa = the counted floor area on it (§2.2); far, density, green_ratio and
height = the parcel's measured FAR, density, green ratio and tallest building. For the whole scheme (a figure
without a parcel) over the parcels the scheme touches: the sums of their site areas and counted floor areas, FAR =
counted floor area / site area, density = the footprints' area (per parcel, overlaps once) / site area, green
ratio = the weighted green area / site area, height = the tallest building. The total floor area (总建筑面积)
includes underground and uncounted floors that a footprint layer does not show: it is listed, never measured.

Tolerances (what a rounded figure in a 技术经济指标表 may differ by): FAR 0.01, density and green ratio 0.5 percentage
point, areas 1 % of the measured area, heights 0.1 m. A figure further off is a finding: actual = the measured
value, limit = the declared value, details: indicator, difference (declared - measured), tolerance.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import replace

import numpy as np

from planner.model import DECLARED_INDICATORS, CheckResult, DeclaredFigure, InputError, ParcelTable, Violation

__all__ = ["ABSOLUTE_TOLERANCES", "AREA_TOLERANCE", "declared_figures", "measured_values", "tolerance",
           "with_declared"]

#: Tolerances in the indicator's own unit (ratios are fractions: 0.005 is half a percentage point).
ABSOLUTE_TOLERANCES: dict[str, float] = {"far": 0.01, "density": 0.005, "green_ratio": 0.005, "height": 0.1}
#: Areas may differ by this share of the measured area.
AREA_TOLERANCE = 0.01
#: Figures that are listed but not measured (see the module docstring).
NOT_MEASURED = frozenset({"gfa"})
#: Floating-point slack, so that a figure exactly at the tolerance (2.48 against 2.49) is not a finding.
_EPSILON = 1e-9


def tolerance(indicator: str, measured: float | None) -> float:
    """How far a declared figure may be from the measured one."""
    if indicator in ABSOLUTE_TOLERANCES:
        return ABSOLUTE_TOLERANCES[indicator]
    return AREA_TOLERANCE * abs(measured) if measured is not None else 0.0


def _finite(value: float) -> float | None:
    value = float(value)
    return value if math.isfinite(value) else None


def measured_values(parcels: ParcelTable, k: int | None) -> dict[str, float | None]:
    """What the drawing measures for parcel row `k`, or for the whole scheme (k None); None: not measured."""
    if k is not None:
        return {"site_area": _finite(parcels.site_area[k]), "gfa": None, "counted_gfa": _finite(parcels.gfa[k]),
                "far": _finite(parcels.far[k]), "density": _finite(parcels.density[k]),
                "green_ratio": _finite(parcels.green_ratio[k]), "height": _finite(parcels.max_height[k])}
    if len(parcels) == 0:
        return dict.fromkeys(DECLARED_INDICATORS)
    site = float(np.sum(parcels.site_area))
    counted = float(np.sum(parcels.gfa))
    green = np.asarray(parcels.green_area, dtype=float)
    heights = np.asarray(parcels.max_height, dtype=float)
    ratio = (lambda x: x / site) if site > 0 else (lambda x: None)
    return {"site_area": site, "gfa": None, "counted_gfa": counted, "far": ratio(counted),
            "density": ratio(float(np.sum(parcels.footprint_area))),
            "green_ratio": None if np.isnan(green).any() else ratio(float(np.sum(green))),
            "height": None if np.isnan(heights).all() else float(np.nanmax(heights))}


def declared_figures(result: CheckResult, rows: Iterable, path: str = "") -> tuple[list[DeclaredFigure],
                                                                                   list[Violation]]:
    """Each declared row (planner.io.declared.DeclaredRow: parcel, indicator, declared, row) beside its measured
    value, and a finding for each that differs beyond tolerance. A parcel the scheme does not touch is an error
    naming the file and row (a figure for it cannot be checked, and a mistyped id must not pass unseen)."""
    parcels = result.parcels
    index = {str(pid): k for k, pid in enumerate(parcels.ids.tolist())}
    measured_of: dict[str | None, dict[str, float | None]] = {}
    figures, findings = [], []
    for row in rows:
        if row.parcel is not None and row.parcel not in index:
            raise InputError("declared_parcel_unknown", path=path, row=row.row, parcel=row.parcel,
                             parcels=", ".join(index) or "-")
        if row.parcel not in measured_of:
            measured_of[row.parcel] = measured_values(parcels, None if row.parcel is None else index[row.parcel])
        measured = None if row.indicator in NOT_MEASURED else measured_of[row.parcel][row.indicator]
        allowed = tolerance(row.indicator, measured)
        differs = measured is not None and abs(row.declared - measured) > allowed + _EPSILON
        figures.append(DeclaredFigure(parcel=row.parcel, indicator=row.indicator, declared=row.declared,
                                      measured=measured, tolerance=allowed, differs=differs))
        if differs:
            findings.append(Violation(rule=f"declared_{row.indicator}", parcel=row.parcel, actual=measured,
                                      limit=row.declared,
                                      details={"indicator": row.indicator, "tolerance": allowed,
                                               "difference": row.declared - measured}))
    return figures, findings


def with_declared(result: CheckResult, rows: Iterable, path: str = "") -> CheckResult:
    """The result with the declared figures (`declared`) and their findings after the plan's (`violations`)."""
    figures, findings = declared_figures(result, rows, path)
    return replace(result, declared=tuple(figures), violations=result.violations + tuple(findings))
