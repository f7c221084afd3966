"""One small pure function per rule, vectorised over all parcels or buildings."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

import numpy as np

from planner.model import INDICATOR_RULES

#: Display precision of each indicator (docs/architecture.md §2.2): FAR 0.01, ratios 0.1 %, heights 0.1 m.
PRECISION: dict[str, Decimal] = {
    "far": Decimal("0.01"),
    "density": Decimal("0.001"),
    "green_ratio": Decimal("0.001"),
    "height": Decimal("0.1"),
    "distance": Decimal("0.01"),  # setbacks from the road red line, in metres
}

PLACES = {indicator: -step.as_tuple().exponent for indicator, step in PRECISION.items()}

#: Footprint pieces smaller than this (m²) are digitising slivers: they make no crossing, no outside finding.
SLIVER_AREA = 1.0


def round_half_up(value: float, indicator: str) -> float:
    """Round as people do on paper (2.175 -> 2.18), not as binary floats do (round(2.175, 2) == 2.17)."""
    places = PLACES[indicator]
    scaled = float(value) * 10**places
    if abs(scaled - math.floor(scaled) - 0.5) > 1e-6:
        # Far from a tie, ordinary rounding agrees with half-up; the string gives the nearest double.
        return float(f"{round(scaled)}e-{places}")
    return float(Decimal(repr(float(value))).quantize(PRECISION[indicator], rounding=ROUND_HALF_UP))


def round_half_up_array(values: np.ndarray, indicator: str) -> np.ndarray:
    """round_half_up over an array (NaN stays NaN): numpy rounding, Decimal only near a tie."""
    values = np.asarray(values, dtype=float)
    step = 10.0 ** PLACES[indicator]
    scaled = values * step
    rounded = np.round(scaled) / step
    with np.errstate(invalid="ignore"):
        near_tie = np.abs(scaled - np.floor(scaled) - 0.5) <= 1e-6
    for k in np.flatnonzero(near_tie):
        rounded[k] = round_half_up(float(values[k]), indicator)
    return rounded


def indicator_breaches(rule: str, actual: np.ndarray, lower: np.ndarray, upper: np.ndarray) -> np.ndarray:
    """Positions where `actual` breaks the rule's closed bound, compared in full precision.

    NaN in `actual` (not assessed) or in the bound (not controlled) never breaches.
    """
    _indicator, side = INDICATOR_RULES[rule]
    with np.errstate(invalid="ignore"):
        if side == "hi":
            return np.flatnonzero(actual > upper)
        return np.flatnonzero(actual < lower)


def is_marginal(rule: str, actual: float, bound: float) -> bool:
    """A breach that would pass once the achieved value is rounded half-up to display precision."""
    indicator, side = INDICATOR_RULES[rule]
    shown = round_half_up(actual, indicator)
    return shown <= bound if side == "hi" else shown >= bound


def marginal(rule: str, actual: np.ndarray, bound: np.ndarray) -> np.ndarray:
    """is_marginal over arrays of breaches; only values within half a display unit of the bound can be."""
    indicator, _side = INDICATOR_RULES[rule]
    near = np.abs(actual - bound) <= float(PRECISION[indicator]) / 2 * (1 + 1e-9)
    result = np.zeros(len(actual), dtype=bool)
    for k in np.flatnonzero(near):
        result[k] = is_marginal(rule, float(actual[k]), float(bound[k]))
    return result


def crossing_buildings(piece_building: np.ndarray, piece_area: np.ndarray, n_buildings: int) -> np.ndarray:
    """Buildings standing in two parcels or more, slivers aside."""
    real = piece_area >= SLIVER_AREA
    return np.flatnonzero(np.bincount(piece_building[real], minlength=n_buildings) >= 2)


def doubled_area(footprint_area: np.ndarray, piece_building: np.ndarray, piece_area: np.ndarray) -> np.ndarray:
    """Area of each footprint counted on two parcels at once, where the plan's parcels overlap."""
    inside = np.bincount(piece_building, weights=piece_area, minlength=len(footprint_area))
    return np.maximum(inside - footprint_area, 0.0)


def outside_area(footprint_area: np.ndarray, piece_building: np.ndarray, piece_area: np.ndarray) -> np.ndarray:
    """Area of each footprint that lies on no parcel (footprint minus its pieces inside parcels)."""
    inside = np.bincount(piece_building, weights=piece_area, minlength=len(footprint_area))
    return np.maximum(footprint_area - inside, 0.0)


def outside_buildings(outside: np.ndarray) -> np.ndarray:
    """Buildings with more than a sliver on no parcel."""
    return np.flatnonzero(outside > SLIVER_AREA)
