"""How the map shows things, on screen and on paper: colours, line styles and legend words by status and kind.

The window's map (planner.gui) and the report's maps (planner.report.maps) both draw from here, so screen and
paper cannot drift apart. Legend words are source texts of the "messages" translation context.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

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
           "LandUseClass", "LandUseColours", "MEASURE_CASING", "MEASURE_COLOUR", "MEASURE_FILL",
           "PARCEL_SYMBOLS", "SETBACK_COLOUR", "UNKNOWN_CONTROL",
           "Symbol", "land_use_colours", "opaque"]

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


# --- land-use view ---------------------------------------------------------------------------------------------

#: Measuring on the window's map (distance, area): near-black on a white casing, unlike every red, the selection's
#: cyan and the control lines' colours.
MEASURE_COLOUR = QColor(20, 20, 20)
MEASURE_CASING = QColor(255, 255, 255)
MEASURE_FILL = QColor(20, 20, 20, 40)


@dataclass(frozen=True, slots=True)
class LandUseClass:
    """A class of the land-use view (resources/landuse_colours.toml): its codes, fill and legend words."""

    key: str
    codes: tuple[str, ...]
    fill: QColor
    zh: str
    en: str

    def legend(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    @property
    def symbol(self) -> Symbol:
        return Symbol(self.en, QColor(self.fill), self.fill.darker(150), 0.8)


@dataclass(frozen=True)
class LandUseColours:
    """The land-use colour table: classes in legend order and the colour of a parcel without a known code."""

    classes: tuple[LandUseClass, ...]
    unknown: LandUseClass

    def class_of(self, land_use: object) -> int:
        """The index of the class a land-use code string falls in (its first component decides), -1 for none."""
        from planner.io.landuse import split_codes

        codes = split_codes(None if land_use is None else str(land_use))
        if not codes:
            return -1
        code = codes[0]
        best, best_len = -1, 0
        for index, cls in enumerate(self.classes):
            for prefix in cls.codes:
                numeric = prefix.isdigit()
                if numeric != code[:1].isdigit():
                    continue
                if code.startswith(prefix) and len(prefix) > best_len:
                    best, best_len = index, len(prefix)
        return best

    def classes_of(self, land_uses) -> np.ndarray:
        """class_of for every parcel, each distinct code string worked out once (a city has few)."""
        values = [None if v is None or (isinstance(v, float) and v != v) else str(v) for v in land_uses]
        known: dict[str | None, int] = {}
        out = np.empty(len(values), dtype=np.int64)
        for k, value in enumerate(values):
            if value not in known:
                known[value] = self.class_of(value)
            out[k] = known[value]
        return out


@lru_cache(maxsize=4)
def land_use_colours(path=None) -> LandUseColours:
    """The land-use colour table (resources/landuse_colours.toml, or another file of that form)."""
    import tomllib

    from planner.resources import resource_path

    with open(path or resource_path("landuse_colours.toml"), "rb") as f:
        data = tomllib.load(f)

    def made(key: str, entry: dict) -> LandUseClass:
        return LandUseClass(key, tuple(str(c).upper() for c in entry.get("codes", ())), QColor(*entry["rgb"]),
                            str(entry["zh"]), str(entry["en"]))

    return LandUseColours(tuple(made(k, v) for k, v in data["classes"].items()), made("unknown", data["unknown"]))
