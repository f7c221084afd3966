"""How the map shows things, on screen and on paper: colours, line styles and legend words by status and kind.

The window's map (planner.gui) and the report's maps (planner.report.maps) both draw from here, so screen and
paper cannot drift apart. Legend words are source texts of the "messages" translation context.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor

from planner.checking.verdicts import (
    BUILDING_OK,
    BUILDING_VIOLATION,
    PARCEL_NOT_ASSESSED,
    PARCEL_PARTIAL,
    PARCEL_PASS,
    PARCEL_UNTOUCHED,
    PARCEL_VIOLATION,
)
from planner.messages import QT_TRANSLATE_NOOP

__all__ = ["BUILDING_SYMBOLS", "CONTROL_SYMBOLS", "FOCUS_COLOUR", "GREEN_SYMBOL", "LEGEND_FOCUS", "LEGEND_SETBACK",
           "PARCEL_SYMBOLS", "SETBACK_COLOUR", "UNKNOWN_CONTROL", "Symbol", "opaque"]

LEGEND_VIOLATION = QT_TRANSLATE_NOOP("messages", "Parcel with violations")
LEGEND_PASS = QT_TRANSLATE_NOOP("messages", "Parcel passes")
LEGEND_NOT_ASSESSED = QT_TRANSLATE_NOOP("messages", "Parcel not assessed")
LEGEND_PARTIAL = QT_TRANSLATE_NOOP("messages", "Parcel partly checked (not compliant until checked)")
LEGEND_UNTOUCHED = QT_TRANSLATE_NOOP("messages", "Parcel untouched by the scheme")
LEGEND_BUILDING_FLAGGED = QT_TRANSLATE_NOOP("messages", "Building named in a finding")
LEGEND_BUILDING = QT_TRANSLATE_NOOP("messages", "Building")
LEGEND_GREEN = QT_TRANSLATE_NOOP("messages", "Green area")
LEGEND_FOCUS = QT_TRANSLATE_NOOP("messages", "Parcel of this section")
LEGEND_ROAD_RED_LINE = QT_TRANSLATE_NOOP("messages", "Road red line")
LEGEND_GREEN_LINE = QT_TRANSLATE_NOOP("messages", "Green line")
LEGEND_BLUE_LINE = QT_TRANSLATE_NOOP("messages", "Blue line")
LEGEND_PURPLE_LINE = QT_TRANSLATE_NOOP("messages", "Purple line")
LEGEND_YELLOW_LINE = QT_TRANSLATE_NOOP("messages", "Yellow line")
LEGEND_ECOLOGICAL_RED_LINE = QT_TRANSLATE_NOOP("messages", "Ecological red line")
LEGEND_BASIC_FARMLAND = QT_TRANSLATE_NOOP("messages", "Basic farmland")
LEGEND_BUILDING_LINE = QT_TRANSLATE_NOOP("messages", "Building control line")
LEGEND_SETBACK = QT_TRANSLATE_NOOP("messages", "Measured setback distance")


@dataclass(frozen=True, slots=True)
class Symbol:
    """How one class of features is drawn, and its legend words."""

    legend: str
    fill: QColor | None  # None: outline only (a line, or a polygon standing for its outline)
    stroke: QColor
    width: float  # outline width in screen pixels; on paper, in map line units (see paper_width)
    dashed: bool = False
    dash_dot: bool = False  # a road red line: dash-dot, as plans draw it (takes precedence over `dashed`)
    print_width: float | None = None  # on paper, where it differs from the screen's

    @property
    def paper_width(self) -> float:
        return self.width if self.print_width is None else self.print_width


#: Parcels by status (planner.checking.verdicts), in legend order. Three reds must never be confused: a violating
#: parcel is a light salmon fill with a muted outline, a building named in a finding a deep magenta with a thick
#: dark outline, and a road red line (道路红线) a dark red dash-dot line, which stays visible on a failing parcel.
PARCEL_SYMBOLS: dict[int, Symbol] = {
    PARCEL_VIOLATION: Symbol(LEGEND_VIOLATION, QColor(248, 186, 172), QColor(196, 122, 106), 1.0),
    PARCEL_PASS: Symbol(LEGEND_PASS, QColor(170, 220, 170), QColor(80, 140, 80), 0.8),
    PARCEL_PARTIAL: Symbol(LEGEND_PARTIAL, QColor(250, 200, 120), QColor(200, 110, 20), 1.0),
    PARCEL_NOT_ASSESSED: Symbol(LEGEND_NOT_ASSESSED, QColor(250, 225, 150), QColor(170, 140, 60), 0.8),
    PARCEL_UNTOUCHED: Symbol(LEGEND_UNTOUCHED, QColor(236, 236, 230), QColor(150, 150, 150), 0.6),
}
#: Buildings by status, in legend order.
BUILDING_SYMBOLS: dict[int, Symbol] = {
    BUILDING_VIOLATION: Symbol(LEGEND_BUILDING_FLAGGED, QColor(165, 20, 115), QColor(70, 0, 45), 2.0, print_width=2.0),
    BUILDING_OK: Symbol(LEGEND_BUILDING, QColor(110, 120, 140), QColor(60, 65, 80), 0.6),
}
#: Green areas: an opaque teal, not the "pass" green of a parcel.
GREEN_SYMBOL = Symbol(LEGEND_GREEN, QColor(120, 195, 175), QColor(0, 110, 90), 0.6)

#: Control lines and zones by kind (planner.io.controls.KINDS) in their conventional colours. Zone fills are
#: translucent, so the parcels show through on paper. Red-line and building-line polygons are outlines only:
#: they can be whole blocks or parcels, whose status colours a fill would hide.
CONTROL_SYMBOLS: dict[str, Symbol] = {
    "road_red_line": Symbol(LEGEND_ROAD_RED_LINE, None, QColor(180, 0, 0), 2.5, dash_dot=True, print_width=4.0),
    "green_line": Symbol(LEGEND_GREEN_LINE, QColor(60, 160, 60, 70), QColor(60, 160, 60), 2.0, print_width=2.5),
    "blue_line": Symbol(LEGEND_BLUE_LINE, QColor(30, 100, 220, 55), QColor(30, 100, 220), 2.0, print_width=2.5),
    "purple_line": Symbol(LEGEND_PURPLE_LINE, QColor(140, 60, 170, 55), QColor(140, 60, 170), 2.0,
                          print_width=2.5),
    "yellow_line": Symbol(LEGEND_YELLOW_LINE, QColor(230, 180, 0, 70), QColor(230, 180, 0), 2.0, print_width=2.5),
    "ecological_red_line": Symbol(LEGEND_ECOLOGICAL_RED_LINE, QColor(250, 200, 200, 170), QColor(150, 0, 0), 2.0,
                                  print_width=2.5),
    "basic_farmland": Symbol(LEGEND_BASIC_FARMLAND, QColor(200, 220, 120, 170), QColor(130, 150, 60), 1.5),
    "building_line": Symbol(LEGEND_BUILDING_LINE, None, QColor(80, 80, 80), 1.5, dashed=True, print_width=2.5),
}
#: A control feature whose kind could not be told (not checked; drawn grey in the window).
UNKNOWN_CONTROL = Symbol("", QColor(225, 225, 225), QColor(140, 140, 140), 1.0)

#: The outline of the parcel a report section is about.
FOCUS_COLOUR = QColor(20, 20, 20)
#: A measured setback distance: a dashed orange segment.
SETBACK_COLOUR = QColor(230, 120, 0)


def opaque(colour: QColor, background: QColor = QColor(255, 255, 255)) -> QColor:
    """A translucent colour as it looks over `background`, made opaque: the window draws opaque fills, about 3x
    faster than translucent ones at a city-wide view (Qt blends every covered pixel)."""
    alpha = colour.alphaF()
    mix = [round(c * alpha + b * (1 - alpha)) for c, b in zip(colour.getRgb()[:3], background.getRgb()[:3])]
    return QColor(*mix)
