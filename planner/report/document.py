"""The violation report: a check result as HTML in a QTextDocument with maps, paginated onto PDF or a printer.

QtCore, QtGui and QtPrintSupport only (no widgets), so the CLI writes reports without a display. Every
finding, verdict and value is worded by planner.messages, so the report says what the GUI and the CLI say.
"""

from __future__ import annotations

import datetime
import html
import math
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPainterPath,
    QPdfWriter,
    QPen,
    QPolygonF,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextTable,
)
from PySide6.QtPrintSupport import QPrinter

from planner.checking.verdicts import (
    BUILDING_OK,
    BUILDING_VIOLATION,
    PARCEL_NOT_ASSESSED,
    PARCEL_PASS,
    PARCEL_UNTOUCHED,
    PARCEL_VIOLATION,
    building_status,
    indicator_verdict,
    parcel_status,
)
from planner.io.crs import align
from planner.messages import (
    INDICATOR_NAMES,
    QT_TRANSLATE_NOOP,
    format_area,
    format_distance,
    format_limit,
    format_value,
    rule_name,
    tr,
    verdict_name,
    violation_message,
    warning_message,
    warning_name,
)
from planner.model import ACHIEVED, CONTROL_RULES, INDICATORS, RULES, CheckResult, ParcelResult, Violation, version_name

__all__ = ["ReportMeta", "build_document", "ensure_gui_application", "print_document", "report_html",
           "write_pdf"]

# --- fixed texts -------------------------------------------------------------------------------------

TITLE = QT_TRANSLATE_NOOP("messages", "Regulatory plan compliance report")
SUBTITLE = QT_TRANSLATE_NOOP("messages", "Check of a building scheme against the regulatory detailed plan")
LABEL_AUTHORITY = QT_TRANSLATE_NOOP("messages", "Authority")
LABEL_SCHEME = QT_TRANSLATE_NOOP("messages", "Scheme")
LABEL_PLAN = QT_TRANSLATE_NOOP("messages", "Regulatory plan")
LABEL_PLAN_VERSION = QT_TRANSLATE_NOOP("messages", "Plan version")
LABEL_DATE = QT_TRANSLATE_NOOP("messages", "Date")
LABEL_REVIEWER = QT_TRANSLATE_NOOP("messages", "Reviewer")

SECTION_SUMMARY = QT_TRANSLATE_NOOP("messages", "Overall verdict")
SECTION_OVERVIEW = QT_TRANSLATE_NOOP("messages", "Overview map")
SECTION_PARCELS = QT_TRANSLATE_NOOP("messages", "Parcels the scheme touches")
SECTION_VIOLATING = QT_TRANSLATE_NOOP("messages", "Violating parcels")
SECTION_OTHER = QT_TRANSLATE_NOOP("messages", "Findings on no parcel")
SECTION_WARNINGS = QT_TRANSLATE_NOOP("messages", "Warnings")
SECTION_PROVENANCE = QT_TRANSLATE_NOOP("messages", "Inputs and provenance")
SECTION_CONVENTIONS = QT_TRANSLATE_NOOP("messages", "Counting conventions")
SECTION_OPINION = QT_TRANSLATE_NOOP("messages", "Review opinion and signature")

VERDICT_FAILS = QT_TRANSLATE_NOOP("messages", "Overall verdict: the scheme does not comply with the plan.")
VERDICT_PASSES = QT_TRANSLATE_NOOP("messages", "Overall verdict: the scheme complies with the plan.")
COUNTS_FAILS = QT_TRANSLATE_NOOP("messages", "{violations} findings; {violating} of the {checked} parcels the "
                                             "scheme touches are in breach.")
COUNTS_PASSES = QT_TRANSLATE_NOOP("messages", "No findings on the {checked} parcels the scheme touches.")
COUNTS_WARNINGS = QT_TRANSLATE_NOOP("messages", "{warnings} warnings are listed in the Warnings section: read "
                                                "them before relying on this verdict.")
COUNTS_REVIEWED = QT_TRANSLATE_NOOP("messages", "Review: {accepted} of the {count} findings accepted as approved "
                                                "exceptions.")
HEADER_RULE = QT_TRANSLATE_NOOP("messages", "Rule")
HEADER_FINDINGS = QT_TRANSLATE_NOOP("messages", "Number of findings")
COUNT_MARGINAL = QT_TRANSLATE_NOOP("messages", "{count} ({marginal} marginal)")

OVERVIEW_CAPTION = QT_TRANSLATE_NOOP("messages", "The parcels the scheme touches; violating parcels and the "
                                                 "buildings named in findings in red.")
DETAIL_CAPTION = QT_TRANSLATE_NOOP("messages", "Parcel {parcel} (thick outline) and the buildings on it.")
NO_MAP = QT_TRANSLATE_NOOP("messages", "No map: the layers were not given to the report.")

HEADER_PARCEL = QT_TRANSLATE_NOOP("messages", "Parcel")
HEADER_LAND_USE = QT_TRANSLATE_NOOP("messages", "Land use")
HEADER_STATUS = QT_TRANSLATE_NOOP("messages", "Verdict")
HEADER_INDICATOR = QT_TRANSLATE_NOOP("messages", "Indicator")
HEADER_WRITTEN = QT_TRANSLATE_NOOP("messages", "Limit as written")
HEADER_READ = QT_TRANSLATE_NOOP("messages", "Limit as read")
HEADER_ACHIEVED = QT_TRANSLATE_NOOP("messages", "Achieved")
HEADER_VERDICT = QT_TRANSLATE_NOOP("messages", "Verdict")
STATUS_VIOLATION = QT_TRANSLATE_NOOP("messages", "violation")
STATUS_PASS = QT_TRANSLATE_NOOP("messages", "pass")

PARCEL_HEADING = QT_TRANSLATE_NOOP("messages", "Parcel {parcel}")
PARCEL_FACTS = QT_TRANSLATE_NOOP("messages", "Land use {code}; site area {site}; counted floor area {gfa}; "
                                             "footprints {footprint}; green area (weighted) {green}.")
PARCEL_BUILDINGS = QT_TRANSLATE_NOOP("messages", "Buildings: {buildings}.")
FINDINGS_HEADING = QT_TRANSLATE_NOOP("messages", "Findings on this parcel")
FINDING_NUMBER = QT_TRANSLATE_NOOP("messages", "Finding {number}")
MARGINAL_LABEL = QT_TRANSLATE_NOOP("messages", "marginal breach")
REVIEW_ACCEPTED = QT_TRANSLATE_NOOP("messages", "Accepted by the reviewer as an approved exception.")
REVIEW_REASON = QT_TRANSLATE_NOOP("messages", "Reason: {reason}")
REVIEW_NOTE = QT_TRANSLATE_NOOP("messages", "Reviewer's note: {note}")

HEADER_WARNING = QT_TRANSLATE_NOOP("messages", "Warning")
HEADER_EXPLANATION = QT_TRANSLATE_NOOP("messages", "What the engine did")
NO_WARNINGS = QT_TRANSLATE_NOOP("messages", "None: every input was read as written.")
SECTION_ORPHANED = QT_TRANSLATE_NOOP("messages", "Reviewer's notes on findings no longer found")
SECTION_VERSIONS = QT_TRANSLATE_NOOP("messages", "Findings that depend on the plan version")
VERSIONS_INTRO = QT_TRANSLATE_NOOP("messages", "The scheme was also checked against the plan version {old}. "
                                   "Under the version in force ({new}), {appeared} findings appear, {disappeared} "
                                   "disappear and {changed} change; {unchanged} are the same under both.")
VERSIONS_SAME = QT_TRANSLATE_NOOP("messages", "The scheme was also checked against the plan version {old}: every "
                                  "verdict is the same under both versions.")
HEADER_CHANGE = QT_TRANSLATE_NOOP("messages", "Change")
HEADER_BUILDING = QT_TRANSLATE_NOOP("messages", "Building")
HEADER_IN_FORCE = QT_TRANSLATE_NOOP("messages", "Under the version in force")
HEADER_OTHER_VERSION = QT_TRANSLATE_NOOP("messages", "Under the other version")
CHANGE_NAMES = {"appeared": QT_TRANSLATE_NOOP("messages", "Appears"),
                "disappeared": QT_TRANSLATE_NOOP("messages", "Disappears"),
                "changed": QT_TRANSLATE_NOOP("messages", "Changes")}
ROLE_COMPARED_PLAN = QT_TRANSLATE_NOOP("messages", "Other plan version")
ORPHANED_INTRO = QT_TRANSLATE_NOOP("messages", "These notes were written on findings that this check no longer "
                                               "reports (the scheme or the plan has changed); they are kept as "
                                               "part of the record.")

HEADER_INPUT = QT_TRANSLATE_NOOP("messages", "Input")
HEADER_FILE = QT_TRANSLATE_NOOP("messages", "File")
HEADER_LAYER = QT_TRANSLATE_NOOP("messages", "Layer")
HEADER_FEATURES = QT_TRANSLATE_NOOP("messages", "Features")
HEADER_CRS = QT_TRANSLATE_NOOP("messages", "Coordinate system")
ROLE_PLAN = QT_TRANSLATE_NOOP("messages", "Plan parcels")
ROLE_BUILDINGS = QT_TRANSLATE_NOOP("messages", "Buildings")
ROLE_GREEN = QT_TRANSLATE_NOOP("messages", "Green areas")
NO_GREEN = QT_TRANSLATE_NOOP("messages", "No green layer was given: green ratio is not assessed.")
WORKING_CRS = QT_TRANSLATE_NOOP("messages", "Working coordinate system (areas in m², lengths in m): {crs}.")
PLANNER_VERSION = QT_TRANSLATE_NOOP("messages", "Checked and reported by Planner {version} on {time}.")
UNKNOWN_CRS = QT_TRANSLATE_NOOP("messages", "unknown (local planar metres)")

CONVENTIONS = (
    QT_TRANSLATE_NOOP("messages", "Counted floor area (计容面积): a building's stated counted area when present; "
                                  "otherwise its footprint × the sum of its above-ground storey coefficients: a "
                                  "storey 2.20 m high or more counts 1, a lower one 0.5 (GB/T 50353-2013, 3.0.1); "
                                  "storeys without a stated height count 1."),
    QT_TRANSLATE_NOOP("messages", "Underground storeys never count toward FAR."),
    QT_TRANSLATE_NOOP("messages", "A building in several parcels gives each parcel the share of its counted area "
                                  "that its footprint has there."),
    QT_TRANSLATE_NOOP("messages", "FAR = counted floor area / site area, the site area being the parcel polygon's "
                                  "area."),
    QT_TRANSLATE_NOOP("messages", "Building density = area of the union of the footprints inside the parcel / "
                                  "site area: overlaps count once, holes not at all."),
    QT_TRANSLATE_NOOP("messages", "Height = the largest stated height of a building on the parcel (the sum of its "
                                  "storey heights when none is stated)."),
    QT_TRANSLATE_NOOP("messages", "Green ratio = green area inside the parcel weighted by each area's counting "
                                  "factor (折算系数), overlaps once, / site area; without a green layer it is not "
                                  "assessed."),
    QT_TRANSLATE_NOOP("messages", "Limits are closed intervals: a value equal to its limit complies. A bare number "
                                  "is a maximum for FAR, density and height and a minimum for green ratio; empty, "
                                  "\"—\" or \"/\" means not controlled."),
    QT_TRANSLATE_NOOP("messages", "Values are compared at full precision. A breach that would pass once rounded "
                                  "half-up to the precision shown (FAR 0.01, ratios 0.1 %, heights 0.1 m) is still "
                                  "a breach, marked marginal."),
    QT_TRANSLATE_NOOP("messages", "Pieces of a footprint under 1 m² in a parcel are digitising slivers: they do not "
                                  "make a building cross a parcel boundary or stand outside the plan, but their "
                                  "area counts where it lies."),
)

OPINION_LABEL = QT_TRANSLATE_NOOP("messages", "Overall opinion")
SIGNATURE = QT_TRANSLATE_NOOP("messages", "Signature")
SEAL = QT_TRANSLATE_NOOP("messages", "Authority (seal)")
PAGE_NUMBER = QT_TRANSLATE_NOOP("messages", "Page {page} of {pages}")

LEGEND_VIOLATION = QT_TRANSLATE_NOOP("messages", "Parcel with violations")
LEGEND_PASS = QT_TRANSLATE_NOOP("messages", "Parcel passes")
LEGEND_NOT_ASSESSED = QT_TRANSLATE_NOOP("messages", "Parcel not assessed")
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
ROLE_LINES = QT_TRANSLATE_NOOP("messages", "Control lines")
CAPTION_CONTROLS = QT_TRANSLATE_NOOP("messages", "Control lines and zones on the map: {kinds}.")
CAPTION_MEASURES = QT_TRANSLATE_NOOP("messages", "Measured setback distances (dashed orange): {measures}.")
NORTH = QT_TRANSLATE_NOOP("messages", "N")


@dataclass(frozen=True)
class ReportMeta:
    """What the report says about itself: who issues it, for which scheme and plan, when, by whom."""

    authority: str = ""
    scheme_name: str = ""
    plan_name: str = ""
    plan_version: str = ""
    reviewer: str = ""
    date: str = field(default_factory=lambda: datetime.date.today().isoformat())


# --- the application and fonts -----------------------------------------------------------------------

_APP: QGuiApplication | None = None

#: CJK families in order of preference; any other family that writes Simplified Chinese comes next.
CJK_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC",
                "SimSun")


def ensure_gui_application() -> QGuiApplication:
    """The running QGuiApplication (fonts and painting need one), created offscreen when there is no display."""
    global _APP
    app = QGuiApplication.instance()
    if app is not None:
        return app  # type: ignore[return-value]
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _APP = QGuiApplication(sys.argv[:1] or ["planner"])
    return _APP


def cjk_family() -> str | None:
    """A font family that has Chinese glyphs, preferring the common sans families."""
    families = QFontDatabase.families()
    for name in CJK_FAMILIES:
        if name in families:
            return name
    chinese = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    return chinese[0] if chinese else None


def report_font(point_size: float = 9.5) -> QFont:
    font = QFont()
    family = cjk_family()
    if family:
        font.setFamilies([family])
    font.setPointSizeF(point_size)
    return font


# --- map data ----------------------------------------------------------------------------------------

# The GUI's colours (planner/gui/main_window.py): fill, outline, outline width at screen scale.
PARCEL_COLOURS = {
    PARCEL_UNTOUCHED: (QColor(236, 236, 230), QColor(150, 150, 150), 0.6),
    PARCEL_PASS: (QColor(170, 220, 170), QColor(80, 140, 80), 0.8),
    PARCEL_NOT_ASSESSED: (QColor(250, 225, 150), QColor(170, 140, 60), 0.8),
    PARCEL_VIOLATION: (QColor(240, 150, 140), QColor(190, 40, 30), 1.0),
}
BUILDING_COLOURS = {
    BUILDING_OK: (QColor(110, 120, 140), QColor(60, 65, 80), 0.6),
    BUILDING_VIOLATION: (QColor(200, 30, 30), QColor(120, 0, 0), 1.2),
}
GREEN_COLOURS = (QColor(120, 195, 175), QColor(0, 110, 90), 0.6)
FOCUS_COLOUR = QColor(20, 20, 20)


@dataclass(frozen=True)
class _ControlStyle:
    """How a kind of control feature (planner.io.controls.KINDS) is drawn: a zone's fill (None: the polygon stands
    for its outline only), the line colour, its width in map line units, dashed or not, and its legend name."""

    legend: str
    colour: QColor
    width: float
    fill: QColor | None = None
    dashed: bool = False


#: The conventional colours of the 五线, protected zones and building control lines.
CONTROL_STYLES: dict[str, _ControlStyle] = {
    "road_red_line": _ControlStyle(LEGEND_ROAD_RED_LINE, QColor(220, 0, 0), 4.0),
    "green_line": _ControlStyle(LEGEND_GREEN_LINE, QColor(60, 160, 60), 2.5, QColor(60, 160, 60, 70)),
    "blue_line": _ControlStyle(LEGEND_BLUE_LINE, QColor(30, 100, 220), 2.5, QColor(30, 100, 220, 55)),
    "purple_line": _ControlStyle(LEGEND_PURPLE_LINE, QColor(140, 60, 170), 2.5, QColor(140, 60, 170, 55)),
    "yellow_line": _ControlStyle(LEGEND_YELLOW_LINE, QColor(230, 180, 0), 2.5, QColor(230, 180, 0, 70)),
    "ecological_red_line": _ControlStyle(LEGEND_ECOLOGICAL_RED_LINE, QColor(150, 0, 0), 2.5,
                                         QColor(250, 200, 200, 170)),
    "basic_farmland": _ControlStyle(LEGEND_BASIC_FARMLAND, QColor(130, 150, 60), 1.5, QColor(200, 220, 120, 170)),
    "building_line": _ControlStyle(LEGEND_BUILDING_LINE, QColor(80, 80, 80), 2.5, None, True),
}
SETBACK_COLOUR = QColor(230, 120, 0)
#: The overview map draws the measured setback distances when there are at most this many.
SETBACK_ON_OVERVIEW = 20

MAP_SIZE = (1800, 1140)
#: Image width in CSS pixels (1/96 inch): the 180 mm between A4 margins of 15 mm. Wider pages keep it;
#: narrower ones shrink it (_fit_images).
PAGE_WIDTH_PX = 680


@dataclass
class _MapData:
    plan: np.ndarray
    plan_ids: np.ndarray
    plan_classes: np.ndarray
    buildings: np.ndarray | None
    building_ids: np.ndarray | None
    building_classes: np.ndarray | None
    green: np.ndarray | None
    plan_rows: dict[str, list[int]]
    #: Control lines and zones of every given file, in the working CRS, with their kinds (names of KINDS).
    controls: np.ndarray | None = None
    control_kinds: np.ndarray | None = None


@dataclass(frozen=True)
class _Measure:
    """A measured setback: the shortest segment from a footprint to the red line, and its label."""

    segment: np.ndarray  # [[x1, y1], [x2, y2]] in the working CRS
    label: str
    building: str | None = None


def _measures(violations, limit: int | None = None) -> list[_Measure]:
    """The measured segments of the setback findings among violations (none when there are more than limit)."""
    out = []
    for v in violations:
        segment = (v.details or {}).get("segment") if v.rule == "setback" else None
        if segment is None:
            continue
        coords = np.asarray(segment, dtype=float).reshape(-1, 2)
        if len(coords) != 2 or not np.isfinite(coords).all():
            continue
        distance = v.details.get("distance", v.actual)
        label = format_distance(float(distance)) if distance is not None else format_distance(
            float(np.hypot(*(coords[1] - coords[0]))))
        out.append(_Measure(coords, label, v.building))
    if limit is not None and len(out) > limit:
        return []
    return out


def _measure_bounds(measures: list[_Measure]):
    if not measures:
        return None
    coords = np.concatenate([m.segment for m in measures])
    return (float(coords[:, 0].min()), float(coords[:, 1].min()), float(coords[:, 0].max()),
            float(coords[:, 1].max()))


def _map_data(result: CheckResult, layers: dict[str, Any]) -> _MapData | None:
    """Every layer in the working CRS with the classes the GUI colours it by; None without a plan layer."""
    roles = [role for role in ("plan", "buildings", "green") if layers.get(role) is not None]
    if "plan" not in roles:
        return None
    lines = layers.get("lines") or []
    if not isinstance(lines, (list, tuple)):
        lines = [lines]
    lines = [c for c in lines if c is not None]
    # The same order as planner.checking.engine.check aligns them in, so the working CRS is the one the findings are in.
    _crs, geometries, _notes = align([(layers[r].info.path, layers[r].crs, layers[r].geometry) for r in roles]
                                     + [(c.info.path, c.crs, c.geometry) for c in lines])
    geometry = dict(zip(roles, geometries))
    controls = control_kinds = None
    if lines:
        from planner.io.controls import KINDS

        control_geometry = np.concatenate([np.asarray(g, dtype=object) for g in geometries[len(roles):]])
        kinds = np.concatenate([np.asarray(c.kinds, dtype=np.int64) for c in lines])
        known = (kinds >= 0) & (kinds < len(KINDS)) & ~shapely.is_missing(control_geometry)
        controls = control_geometry[known]
        control_kinds = np.array(KINDS, dtype=object)[kinds[known]] if known.any() else np.zeros(0, dtype=object)
    plan = layers["plan"]
    classes = parcel_status(result, len(plan.ids))
    rows_by_id: dict[str, list[int]] = {}
    for row, pid in enumerate(map(str, plan.ids)):
        rows_by_id.setdefault(pid, []).append(row)
    buildings = layers.get("buildings")
    building_classes = None if buildings is None else building_status(result, buildings.ids)
    return _MapData(plan=geometry["plan"], plan_ids=plan.ids.astype(str), plan_classes=classes,
                    buildings=geometry.get("buildings"),
                    building_ids=None if buildings is None else buildings.ids.astype(str),
                    building_classes=building_classes, green=geometry.get("green"), plan_rows=rows_by_id,
                    controls=controls, control_kinds=control_kinds)


def _bounds(geometry: np.ndarray) -> tuple[float, float, float, float] | None:
    geometry = geometry[~shapely.is_missing(geometry) & ~shapely.is_empty(geometry)]
    if not len(geometry):
        return None
    return tuple(float(v) for v in shapely.total_bounds(geometry))  # type: ignore[return-value]


def _union_bounds(*boxes):
    boxes = [b for b in boxes if b is not None]
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


class _View:
    """Map metres to image pixels: (x, y) north-up inside a width x height image."""

    def __init__(self, bounds, width: int, height: int, margin: float) -> None:
        minx, miny, maxx, maxy = bounds
        dx, dy = max(maxx - minx, 1.0), max(maxy - miny, 1.0)
        dx, dy = dx * (1 + 2 * margin), dy * (1 + 2 * margin)
        self.scale = min(width / dx, height / dy)  # pixels per metre
        self.cx, self.cy = (minx + maxx) / 2, (miny + maxy) / 2
        self.width, self.height = width, height

    @property
    def box(self):
        hw, hh = self.width / 2 / self.scale, self.height / 2 / self.scale
        return shapely.box(self.cx - hw, self.cy - hh, self.cx + hw, self.cy + hh)

    def xy(self, coords: np.ndarray) -> np.ndarray:
        out = np.empty_like(coords)
        out[:, 0] = (coords[:, 0] - self.cx) * self.scale + self.width / 2
        out[:, 1] = self.height / 2 - (coords[:, 1] - self.cy) * self.scale
        return out


def _paths(geometry: np.ndarray, view: _View) -> list[QPainterPath]:
    """One QPainterPath per polygon geometry, in image pixels (odd-even fill keeps holes open)."""
    parts, part_owner = shapely.get_parts(geometry, return_index=True)
    rings, ring_part = shapely.get_rings(parts, return_index=True)
    coords, coord_ring = shapely.get_coordinates(rings, return_index=True)
    pixels = view.xy(coords)
    starts = np.searchsorted(coord_ring, np.arange(len(rings) + 1))
    ring_owner = part_owner[ring_part]
    paths = [QPainterPath() for _ in range(len(geometry))]
    for path in paths:
        path.setFillRule(Qt.FillRule.OddEvenFill)
    for r in range(len(rings)):
        ring = pixels[starts[r]:starts[r + 1]]
        paths[ring_owner[r]].addPolygon(QPolygonF([QPointF(x, y) for x, y in ring.tolist()]))
    return paths


def _line_paths(geometry: np.ndarray, view: _View) -> list[QPainterPath]:
    """One open QPainterPath per geometry tracing its lines, or its polygons' rings, in image pixels."""
    polygons = np.isin(shapely.get_type_id(geometry), (3, 6))
    geometry = np.where(polygons, shapely.boundary(geometry), geometry)
    parts, part_owner = shapely.get_parts(geometry, return_index=True)
    coords, coord_part = shapely.get_coordinates(parts, return_index=True)
    pixels = view.xy(coords)
    starts = np.searchsorted(coord_part, np.arange(len(parts) + 1))
    paths = [QPainterPath() for _ in range(len(geometry))]
    for k in range(len(parts)):
        points = pixels[starts[k]:starts[k + 1]].tolist()
        if len(points) < 2:
            continue
        path = paths[part_owner[k]]
        path.moveTo(*points[0])
        for x, y in points[1:]:
            path.lineTo(x, y)
    return paths


def _in_view(geometry: np.ndarray | None, view: _View) -> np.ndarray:
    if geometry is None or not len(geometry):
        return np.zeros(0, dtype=np.int64)
    return np.flatnonzero(shapely.intersects(geometry, view.box))


def _nice_length(target: float) -> float:
    """The longest 1, 2 or 5 x 10^n not above target."""
    exponent = math.floor(math.log10(target))
    for step in (5, 2, 1):
        if step * 10 ** exponent <= target:
            return step * 10 ** exponent
    return 10 ** exponent


def _halo_text(painter: QPainter, point: QPointF, text: str, font: QFont, colour: QColor, halo_colour: QColor,
               halo: float) -> None:
    """Text centred on point, with a halo so it reads on any fill."""
    path = QPainterPath()
    metrics = QFontMetricsF(font)
    width = metrics.horizontalAdvance(text)
    path.addText(QPointF(point.x() - width / 2, point.y() + (metrics.ascent() - metrics.descent()) / 2), font, text)
    painter.setPen(QPen(halo_colour, halo * 2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                        Qt.PenJoinStyle.RoundJoin))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawPath(path)


def _font(pixels: int, bold: bool = False) -> QFont:
    font = report_font()
    font.setPixelSize(pixels)
    font.setBold(bold)
    return font


def render_map(data: _MapData, bounds, lang: str, *, focus: list[int] | None = None, margin: float = 0.08,
               label_buildings: bool = False, size: tuple[int, int] = MAP_SIZE,
               measures: list[_Measure] | None = None, shown: list[str] | None = None) -> QImage:
    """A north-up map of `bounds` (metres) with legend, north arrow and scale bar, as an RGB image.

    Control zones lie above the parcels and below the buildings, control lines above the buildings, and the
    measured setbacks (`measures`) on top, with their distances."""
    width, full_height = size
    legend_font = _font(round(width / 70))
    measures = measures or []
    # The legend's rows depend on what the map shows, and the map's height on the legend's rows: count what a
    # map with the smallest legend would show (a taller legend only shows less).
    rows = LEGEND_ROWS
    entries = _legend_entries(data, _View(bounds, width, full_height - round(_legend_height(legend_font, rows)),
                                          margin), focus, measures)
    rows = max(LEGEND_ROWS, math.ceil(len(entries) / LEGEND_COLUMNS))
    strip = _legend_height(legend_font, rows)
    height = full_height - round(strip)  # the map above, legend and scale bar in a strip below
    view = _View(bounds, width, height, margin)
    present = _legend_entries(data, view, focus, measures)
    if shown is not None:  # the control kinds the map shows, by legend name, for the caption
        names = {style.legend for style in CONTROL_STYLES.values()}
        shown.extend(entry[0] for entry in present if entry[0] in names)
    image = QImage(width, full_height, QImage.Format.Format_RGB32)
    image.fill(QColor(255, 255, 255))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setClipRect(QRectF(0, 0, width, height))
    line = width / 900  # the GUI's outline widths are for a screen; this image is printed at ~250 dpi

    parcels = _in_view(data.plan, view)
    parcel_paths = _paths(data.plan[parcels], view)
    for cls in (PARCEL_UNTOUCHED, PARCEL_NOT_ASSESSED, PARCEL_PASS, PARCEL_VIOLATION):  # violations on top
        fill, outline, w = PARCEL_COLOURS[cls]
        painter.setPen(QPen(outline, w * line * 2))
        painter.setBrush(fill)
        for k in np.flatnonzero(data.plan_classes[parcels] == cls):
            painter.drawPath(parcel_paths[k])

    if data.green is not None:
        green = _in_view(data.green, view)
        if len(green):
            fill, outline, w = GREEN_COLOURS
            painter.setPen(QPen(outline, w * line * 2))
            painter.setBrush(fill)
            for path in _paths(data.green[green], view):
                painter.drawPath(path)

    controls = _in_view(data.controls, view)
    zones = controls[np.isin(shapely.get_type_id(data.controls[controls]), (3, 6))] if len(controls) else controls
    for kind, style in CONTROL_STYLES.items():  # zones: filled, outlined, under the buildings
        if style.fill is None or not len(zones):
            continue
        members = zones[data.control_kinds[zones] == kind]
        if not len(members):
            continue
        painter.setPen(QPen(style.colour, style.width * line * 0.6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                            Qt.PenJoinStyle.RoundJoin))
        painter.setBrush(style.fill)
        for path in _paths(data.controls[members], view):
            painter.drawPath(path)

    building_paths: list[QPainterPath] = []
    buildings = np.zeros(0, dtype=np.int64)
    if data.buildings is not None:
        buildings = _in_view(data.buildings, view)
        building_paths = _paths(data.buildings[buildings], view)
        for cls in (BUILDING_OK, BUILDING_VIOLATION):
            members = np.flatnonzero(data.building_classes[buildings] == cls)
            if not len(members):
                continue
            fill, outline, w = BUILDING_COLOURS[cls]
            painter.setPen(QPen(outline, w * line * 2))
            painter.setBrush(fill)
            for k in members:
                painter.drawPath(building_paths[k])

    if focus:
        painter.setPen(QPen(FOCUS_COLOUR, 7 * line, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                            Qt.PenJoinStyle.RoundJoin))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for path in _paths(data.plan[focus], view):
            painter.drawPath(path)

    # Lines above the buildings: every line, and the outline of a zone kind drawn without fill (a road red-line
    # polygon stands for its edge; building control lines are dashed outlines).
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for kind in reversed(CONTROL_STYLES):  # road red lines last, on top
        style = CONTROL_STYLES[kind]
        members = controls[data.control_kinds[controls] == kind] if len(controls) else controls
        if style.fill is not None:
            members = np.setdiff1d(members, zones)
        if not len(members):
            continue
        pen = QPen(style.colour, style.width * line, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap,
                   Qt.PenJoinStyle.RoundJoin)
        if style.dashed:
            pen.setDashPattern([4.0, 2.5])
        painter.setPen(pen)
        for path in _line_paths(data.controls[members], view):
            painter.drawPath(path)

    # Parcel labels where the parcel is wide enough on the image to hold its id, and the id fits the image.
    label_font = _font(round(width / 62), bold=True)
    metrics = QFontMetricsF(label_font)
    anchors = shapely.get_coordinates(shapely.point_on_surface(data.plan[parcels])) if len(parcels) else []
    inside = QRectF(0, 0, width, height)
    for k, (x, y) in zip(parcels, view.xy(np.asarray(anchors).reshape(-1, 2)).tolist()):
        text = data.plan_ids[k]
        minx, _miny, maxx, _maxy = shapely.bounds(data.plan[k])
        text_width = metrics.horizontalAdvance(text)
        if (maxx - minx) * view.scale < text_width * 1.1:
            continue
        if inside.contains(QRectF(x - text_width / 2, y - metrics.height() / 2, text_width, metrics.height())):
            _halo_text(painter, QPointF(x, y), text, label_font, QColor(40, 40, 40), QColor(255, 255, 255, 230),
                       width / 600)

    if label_buildings and len(buildings):
        small = _font(round(width / 58), bold=True)
        anchors = view.xy(shapely.get_coordinates(shapely.point_on_surface(data.buildings[buildings])))
        small_metrics = QFontMetricsF(small)
        for k, (x, y) in zip(buildings, anchors.tolist()):
            text_width = small_metrics.horizontalAdvance(data.building_ids[k])
            if not inside.contains(QRectF(x - text_width / 2, y - small_metrics.height() / 2, text_width,
                                          small_metrics.height())):
                continue
            _fill, outline, _w = BUILDING_COLOURS[int(data.building_classes[k])]
            _halo_text(painter, QPointF(x, y), data.building_ids[k], small, QColor(255, 255, 255), outline,
                       width / 600)

    _draw_measures(painter, measures, view, line, width)

    _north_arrow(painter, lang, width, height)
    painter.setClipping(False)
    painter.setPen(QPen(QColor(80, 80, 80), 2))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(QRectF(1, 1, width - 2, height - 1))
    scale_width = _scale_bar(painter, view, QRectF(0, height, width, strip))
    _legend(painter, present, lang, QRectF(0, height, width - scale_width, strip), legend_font, rows)
    painter.end()
    return image


def _legend_entries(data: _MapData, view: _View, focus: list[int] | None,
                    measures: list[_Measure]) -> list[tuple[str, QColor, QColor, str]]:
    """(name, fill, outline, swatch) of what the map shows: swatch "box", "line" or "dashed"."""
    present: list[tuple[str, QColor, QColor, str]] = []
    parcels = _in_view(data.plan, view)
    for cls in (PARCEL_VIOLATION, PARCEL_PASS, PARCEL_NOT_ASSESSED, PARCEL_UNTOUCHED):
        if (data.plan_classes[parcels] == cls).any():
            fill, outline, _w = PARCEL_COLOURS[cls]
            present.append((_PARCEL_LEGEND[cls], fill, outline, "box"))
    if data.green is not None and len(_in_view(data.green, view)):
        fill, outline, _w = GREEN_COLOURS
        present.append((LEGEND_GREEN, fill, outline, "box"))
    if data.buildings is not None:
        buildings = _in_view(data.buildings, view)
        for cls in (BUILDING_OK, BUILDING_VIOLATION):
            if (data.building_classes[buildings] == cls).any():
                fill, outline, _w = BUILDING_COLOURS[cls]
                present.append((LEGEND_BUILDING_FLAGGED if cls == BUILDING_VIOLATION else LEGEND_BUILDING, fill,
                                outline, "box"))
    if focus:
        present.append((LEGEND_FOCUS, QColor(255, 255, 255), FOCUS_COLOUR, "box"))
    controls = _in_view(data.controls, view)
    if len(controls):
        shown = set(data.control_kinds[controls].tolist())
        zone_kinds = set(data.control_kinds[controls[np.isin(shapely.get_type_id(data.controls[controls]),
                                                             (3, 6))]].tolist())
        for kind, style in CONTROL_STYLES.items():
            if kind not in shown:
                continue
            if style.fill is not None and kind in zone_kinds:
                present.append((style.legend, style.fill, style.colour, "box"))
            else:
                present.append((style.legend, QColor(255, 255, 255), style.colour,
                                "dashed" if style.dashed else "line"))
    if measures and any(shapely.intersects(shapely.linestrings(m.segment), view.box) for m in measures):
        present.append((LEGEND_SETBACK, QColor(255, 255, 255), SETBACK_COLOUR, "measure"))
    return present


def _draw_measures(painter: QPainter, measures: list[_Measure], view: _View, line: float, width: int) -> None:
    """Each measured setback as a thick dashed orange segment with end ticks and its distance."""
    if not measures:
        return
    font = _font(round(width / 60), bold=True)
    tick = 9 * line
    for m in measures:
        (x1, y1), (x2, y2) = view.xy(m.segment).tolist()
        length = math.hypot(x2 - x1, y2 - y1)
        pen = QPen(SETBACK_COLOUR, 3.2 * line, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap)
        pen.setDashPattern([2.5, 1.2])
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawLine(QPointF(x1, y1), QPointF(x2, y2))
        if length > 0:
            nx, ny = -(y2 - y1) / length * tick, (x2 - x1) / length * tick
            painter.setPen(QPen(SETBACK_COLOUR, 2.4 * line, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            for x, y in ((x1, y1), (x2, y2)):
                painter.drawLine(QPointF(x - nx, y - ny), QPointF(x + nx, y + ny))
        # The label beside the middle of the segment, on the side of its normal, clear of the ticks.
        metrics = QFontMetricsF(font)
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        if length > 0:
            ux, uy = -(y2 - y1) / length, (x2 - x1) / length
        else:
            ux, uy = 0.0, -1.0
        offset = tick + metrics.height() * 0.2 + abs(ux) * metrics.horizontalAdvance(m.label) / 2 \
            + abs(uy) * metrics.height() / 2
        _halo_text(painter, QPointF(mx + ux * offset, my + uy * offset), m.label, font, QColor(150, 70, 0),
                   QColor(255, 255, 255, 235), width / 500)


_PARCEL_LEGEND = {PARCEL_VIOLATION: LEGEND_VIOLATION, PARCEL_PASS: LEGEND_PASS,
                  PARCEL_NOT_ASSESSED: LEGEND_NOT_ASSESSED, PARCEL_UNTOUCHED: LEGEND_UNTOUCHED}


LEGEND_COLUMNS, LEGEND_ROWS = 3, 3


def _legend_row(metrics: QFontMetricsF) -> float:
    return metrics.height() * 1.45


def _legend_height(font: QFont, rows: int = LEGEND_ROWS) -> float:
    metrics = QFontMetricsF(font)
    return _legend_row(metrics) * rows + metrics.height() * 0.9


def _legend(painter: QPainter, entries, lang: str, area: QRectF, font: QFont, rows: int = LEGEND_ROWS) -> None:
    """Swatches and names in columns, filled top to bottom, in the strip under the map."""
    metrics = QFontMetricsF(font)
    row = _legend_row(metrics)
    swatch_w, swatch_h = metrics.height() * 1.5, metrics.height() * 0.95
    pad = metrics.height() * 0.45
    column = (area.width() - 2 * pad) / LEGEND_COLUMNS
    painter.setFont(font)
    for k, (text, fill, outline, swatch) in enumerate(entries[:LEGEND_COLUMNS * rows]):
        x = area.left() + pad + (k // rows) * column
        y = area.top() + pad + (k % rows) * row
        rect = QRectF(x, y + (row - swatch_h) / 2, swatch_w, swatch_h)
        if swatch == "box":
            painter.setPen(QPen(outline, 5 if fill == QColor(255, 255, 255) else 2))
            painter.setBrush(fill)
            painter.drawRect(rect)
        else:
            pen = QPen(outline, 5 if swatch == "measure" else 4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap)
            if swatch in ("dashed", "measure"):
                pen.setDashPattern([2.5, 1.2] if swatch == "measure" else [4.0, 2.5])
            painter.setPen(pen)
            mid = rect.center().y()
            painter.drawLine(QPointF(rect.left(), mid), QPointF(rect.right(), mid))
            if swatch == "measure":
                painter.setPen(QPen(outline, 3))
                for end in (rect.left() + 1.5, rect.right() - 1.5):
                    painter.drawLine(QPointF(end, rect.top()), QPointF(end, rect.bottom()))
        painter.setPen(QColor(30, 30, 30))
        painter.drawText(QRectF(rect.right() + pad, y, column - swatch_w - 2 * pad, row),
                         int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), tr(text, lang))


def _north_arrow(painter: QPainter, lang: str, width: int, height: int) -> None:
    size = width / 28
    cx, top = width - width / 30 - size / 2, width / 30
    font = _font(round(width / 55), bold=True)
    metrics = QFontMetricsF(font)
    label_h = metrics.height()
    painter.setPen(QPen(QColor(90, 90, 90), 2))
    painter.setBrush(QColor(255, 255, 255, 235))
    painter.drawRoundedRect(QRectF(cx - size * 0.85, top - size * 0.2, size * 1.7, label_h + size * 1.9), 8, 8)
    painter.setPen(QColor(20, 20, 20))
    painter.setFont(font)
    painter.drawText(QRectF(cx - size, top, 2 * size, label_h), int(Qt.AlignmentFlag.AlignCenter), tr(NORTH, lang))
    tip, base = top + label_h + size * 0.05, top + label_h + size * 1.5
    left = QPolygonF([QPointF(cx, tip), QPointF(cx - size / 2, base), QPointF(cx, base - size * 0.35)])
    right = QPolygonF([QPointF(cx, tip), QPointF(cx + size / 2, base), QPointF(cx, base - size * 0.35)])
    painter.setPen(QPen(QColor(20, 20, 20), 2))
    painter.setBrush(QColor(20, 20, 20))
    painter.drawPolygon(left)
    painter.setBrush(QColor(255, 255, 255))
    painter.drawPolygon(right)


def _scale_bar(painter: QPainter, view: _View, area: QRectF) -> float:
    """A scale bar of a round length at the right of the strip under the map; returns the width it took."""
    length = _nice_length(area.width() * 0.2 / view.scale)
    bar = length * view.scale
    font = _font(round(area.width() / 70))
    metrics = QFontMetricsF(font)
    thick = metrics.height() * 0.45
    label = f"{length:g} m"
    right = area.right() - metrics.horizontalAdvance(label) / 2 - metrics.height() * 0.6
    left = right - bar
    bottom = area.top() + area.height() * 0.7
    segments = 4
    painter.setPen(QPen(QColor(20, 20, 20), 2))
    for i in range(segments):
        painter.setBrush(QColor(20, 20, 20) if i % 2 == 0 else QColor(255, 255, 255))
        painter.drawRect(QRectF(left + bar * i / segments, bottom - thick, bar / segments, thick))
    painter.setFont(font)
    painter.setPen(QColor(20, 20, 20))
    y = bottom - thick - metrics.height() * 1.15
    centre = int(Qt.AlignmentFlag.AlignCenter)
    for x, text in ((left, "0"), (left + bar / 2, f"{length / 2:g}"), (right, label)):
        painter.drawText(QRectF(x - 300, y, 600, metrics.height()), centre, text)
    return area.right() - left + metrics.height() * 1.5


# --- HTML --------------------------------------------------------------------------------------------

_STYLE = """
h1 { font-size: 17pt; font-weight: bold; margin-top: 2pt; margin-bottom: 2pt; }
h2 { font-size: 12.5pt; font-weight: bold; margin-top: 12pt; margin-bottom: 5pt; color: #1f3550; }
h3 { font-size: 11pt; font-weight: bold; margin-top: 8pt; margin-bottom: 4pt; color: #1f3550; }
h4 { font-size: 9.5pt; font-weight: bold; margin-top: 6pt; margin-bottom: 2pt; }
p { margin-top: 2pt; margin-bottom: 3pt; }
th { background-color: #dfe6ee; font-weight: bold; text-align: left; }
.authority { font-size: 13pt; font-weight: bold; }
.subtitle { font-size: 10pt; color: #444444; }
.caption { font-size: 8.5pt; color: #444444; }
.fails { font-size: 12pt; font-weight: bold; color: #b4231a; }
.passes { font-size: 12pt; font-weight: bold; color: #2e7031; }
.violation { color: #b4231a; font-weight: bold; }
.marginal { color: #b8650a; font-weight: bold; }
.pass { color: #2e7031; }
.muted { color: #666666; }
.hash { font-family: "DejaVu Sans Mono", monospace; font-size: 7.5pt; }
.note { color: #1f3550; }
.small { font-size: 8.5pt; }
"""

#: Header cells have this background; after setHtml, tables whose first cell has it repeat their first row.
HEADER_BACKGROUND = "#dfe6ee"

_TABLE = '<table width="100%" border="1" cellspacing="0" cellpadding="4" style="border-collapse: collapse; ' \
         'border-color: #9aa5b1;">'


#: A small vertical gap between two tables that would otherwise touch.
_GAP = '<p style="font-size: 4pt;">&nbsp;</p>'


def _e(text: Any) -> str:
    return html.escape("" if text is None else str(text))


class _Html:
    """Collects the report's HTML, numbering sections as they come."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.parts: list[str] = []
        self.section = 0

    def t(self, text: str, **values: Any) -> str:
        translated = tr(text, self.lang)
        return translated.format(**values) if values else translated

    def add(self, text: str) -> None:
        self.parts.append(text)

    def heading(self, text: str, *, page_break: bool = False) -> None:
        self.section += 1
        style = ' style="page-break-before: always;"' if page_break else ""
        self.add(f"<h2{style}>{self.section}&nbsp;&nbsp;{_e(self.t(text))}</h2>")

    def table(self, headers: list[str], rows: list[list[str]], widths: list[int] | None = None) -> None:
        """rows hold HTML already escaped."""
        out = [_TABLE, "<thead><tr>"]
        for k, h in enumerate(headers):
            width = f' width="{widths[k]}%"' if widths else ""
            out.append(f'<th bgcolor="{HEADER_BACKGROUND}"{width}>{_e(h)}</th>')
        out.append("</tr></thead><tbody>")
        for row in rows:
            out.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>")
        out.append("</tbody></table>")
        self.add("".join(out))


_VERDICT_CLASS = {"violation": "violation", "marginal violation": "marginal", "pass": "pass",
                  "not assessed": "muted", "not controlled": "muted"}


def _review_note(review: Any, finding: Any):
    """The reviewer's note on a finding, None when there is none (review is duck-typed: note_for(finding))."""
    if review is None or not hasattr(review, "note_for"):
        return None
    try:
        note = review.note_for(finding)
    except (KeyError, LookupError, TypeError):
        return None
    if note is None or getattr(note, "is_empty", False):
        return None
    return note


def _note_text(doc: _Html, note: Any) -> str:
    """A note as one line of plain text: accepted as an exception (and why), then the note itself."""
    bits = []
    if getattr(note, "accepted", False) is True:
        bits.append(doc.t(REVIEW_ACCEPTED))
    reason = str(getattr(note, "reason", "") or "").strip()
    if reason:
        bits.append(doc.t(REVIEW_REASON, reason=reason))
    text = str(getattr(note, "note", "") or "").strip()
    if text:
        bits.append(doc.t(REVIEW_NOTE, note=text))
    return " ".join(bits)


def _finding_html(doc: _Html, number: int, finding: Violation, review: Any) -> str:
    lang = doc.lang
    label = f"<b>{_e(doc.t(FINDING_NUMBER, number=number))}</b> · {_e(rule_name(finding.rule, lang))}"
    if finding.marginal:
        label += f' · <span class="marginal">{_e(doc.t(MARGINAL_LABEL))}</span>'
    out = f"<p>{label}<br/>{_e(violation_message(finding, lang))}"
    note = _review_note(review, finding)
    if note is not None and _note_text(doc, note):
        out += f'<br/><span class="note">{_e(_note_text(doc, note))}</span>'
    return out + "</p>"


def _orphaned_notes(review: Any, result: CheckResult, lang: str) -> list[tuple[str, Any]]:
    """Notes of a planner.review.Review whose finding this result no longer has, as (what it named, note)."""
    try:
        from planner.model import key_parts
        from planner.review import Review, orphaned_notes
    except ImportError:
        return []
    if not isinstance(review, Review):
        return []
    out = []
    for key, note in orphaned_notes(review, result).items():
        parts = key_parts(key)
        code = parts.get("code") or ""
        name = rule_name(code, lang) if parts.get("kind") == "violation" else warning_name(code, lang)
        out.append((" · ".join(p for p in (name, parts.get("parcel"), parts.get("building")) if p), note))
    return out


def _land_use_name(code: str | None, lang: str) -> str:
    if not code:
        return "-"
    try:
        name = _land_use_table().land_use_name(code, lang)
    except (OSError, ValueError, ImportError):
        name = None
    return name or "-"


def _land_use_table():
    from planner.io.landuse import shipped_table

    return shipped_table()


def _meta_values(result: CheckResult, meta: ReportMeta, review: Any) -> dict[str, str]:
    plan = result.inputs.get("plan")
    buildings = result.inputs.get("buildings")
    reviewer = meta.reviewer or (getattr(review, "reviewer", "") if review is not None else "") or ""
    return {
        "authority": meta.authority,
        "scheme": meta.scheme_name or (Path(buildings.path).stem if buildings else ""),
        "plan": meta.plan_name or (Path(plan.path).stem if plan else ""),
        "plan_version": meta.plan_version or (plan.version.describe() if plan and plan.version else ""),
        "date": meta.date or datetime.date.today().isoformat(),
        "reviewer": reviewer,
    }


def _running_header(values: dict[str, str], lang: str) -> str:
    parts = [values["authority"], values["scheme"], values["plan_version"]]
    return " · ".join(p for p in parts if p) or tr(TITLE, lang)


def report_html(result: CheckResult, layers: dict[str, Any], meta: ReportMeta, lang: str,
                review: Any = None, comparison: Any = None) -> tuple[str, dict[str, QImage]]:
    """The report as HTML for QTextDocument, and the map images it references by resource name."""
    ensure_gui_application()
    doc = _Html(lang)
    images: dict[str, QImage] = {}
    values = _meta_values(result, meta, review)
    summary = result.summary
    numbers = {id(v): k + 1 for k, v in enumerate(result.violations)}

    def number_of(v: Violation) -> int:
        if id(v) in numbers:
            return numbers[id(v)]
        for k, other in enumerate(result.violations):
            if other == v:
                return k + 1
        return 0

    # Title block.
    if values["authority"]:
        doc.add(f'<p align="center" class="authority">{_e(values["authority"])}</p>')
    doc.add(f'<h1 align="center">{_e(doc.t(TITLE))}</h1>')
    doc.add(f'<p align="center" class="subtitle">{_e(doc.t(SUBTITLE))}</p>')
    def cell(label: str, value: str, span: int = 1) -> str:
        colspan = f' colspan="{span}"' if span > 1 else ""
        return f'<td width="17%"><b>{_e(doc.t(label))}</b></td><td{colspan}>{_e(value or "-")}</td>'

    doc.add(_TABLE
            + f'<tr>{cell(LABEL_SCHEME, values["scheme"], 3)}</tr>'
            + f'<tr>{cell(LABEL_PLAN, values["plan"], 3)}</tr>'
            + f'<tr>{cell(LABEL_PLAN_VERSION, values["plan_version"])}{cell(LABEL_DATE, values["date"])}</tr>'
            + f'<tr>{cell(LABEL_REVIEWER, values["reviewer"])}{cell(LABEL_AUTHORITY, values["authority"])}</tr>'
            + "</table>")

    # Verdict and counts by rule.
    doc.heading(SECTION_SUMMARY)
    if result.violations:
        doc.add(f'<p class="fails">{_e(doc.t(VERDICT_FAILS))}</p>')
        counts = doc.t(COUNTS_FAILS, violations=summary["violations"], violating=summary["parcels_violating"],
                       checked=summary["parcels_checked"])
        doc.add(f"<p>{_e(counts)}</p>")
    else:
        doc.add(f'<p class="passes">{_e(doc.t(VERDICT_PASSES))}</p>')
        doc.add(f"<p>{_e(doc.t(COUNTS_PASSES, checked=summary['parcels_checked']))}</p>")
    if result.warnings:
        doc.add(f"<p>{_e(doc.t(COUNTS_WARNINGS, warnings=summary['warnings']))}</p>")
    if review is not None and result.violations:
        notes = [_review_note(review, v) for v in result.violations]
        accepted = sum(1 for n in notes if n is not None and getattr(n, "accepted", False) is True)
        if accepted:
            doc.add(f"<p>{_e(doc.t(COUNTS_REVIEWED, count=len(notes), accepted=accepted))}</p>")
    # The control-line rules are listed when lines were checked against (or a finding names one).
    found_rules = {v.rule for v in result.violations}
    rules = list(RULES) + [r for r in CONTROL_RULES if result.lines or r in found_rules]
    rules += sorted(found_rules - set(rules))
    cells = []
    for rule in rules:
        found = [v for v in result.violations if v.rule == rule]
        marginal = sum(1 for v in found if v.marginal)
        count = doc.t(COUNT_MARGINAL, count=len(found), marginal=marginal) if marginal else str(len(found))
        css = "violation" if found else "muted"
        cells.append((_e(rule_name(rule, lang)), f'<span class="{css}">{_e(count)}</span>'))
    half = (len(cells) + 1) // 2
    rows2 = []
    for k in range(half):
        left = cells[k]
        right = cells[half + k] if half + k < len(cells) else ("", "")
        rows2.append([left[0], left[1], right[0], right[1]])
    doc.table([doc.t(HEADER_RULE), doc.t(HEADER_FINDINGS), doc.t(HEADER_RULE), doc.t(HEADER_FINDINGS)], rows2,
              [33, 17, 33, 17])

    data = _map_data(result, layers) if layers else None
    table = result.parcels
    touched = set(np.asarray(table.rows).tolist())
    touched_ids = set(map(str, table.ids))
    violating = [p for p in table if p.violations]

    # Overview map.
    doc.heading(SECTION_OVERVIEW)
    if data is not None:
        touched_rows = np.asarray(table.rows, dtype=np.int64)
        named = {v.building for v in result.violations if v.building is not None}
        flagged = None
        if data.buildings is not None and named:
            flagged = _bounds(data.buildings[np.isin(data.building_ids, list(named))])
        measures = _measures(result.violations, SETBACK_ON_OVERVIEW)
        bounds = _union_bounds(_bounds(data.plan[touched_rows]) if len(touched_rows) else None, flagged,
                               _measure_bounds(measures))
        bounds = bounds or _bounds(data.plan)
        if bounds is not None:
            shown: list[str] = []
            images["planner-map-overview.png"] = render_map(data, bounds, lang, margin=0.06, measures=measures,
                                                            shown=shown)
            doc.add(f'<p align="center"><img src="planner-map-overview.png" width="{PAGE_WIDTH_PX}" '
                    f'height="{round(PAGE_WIDTH_PX * MAP_SIZE[1] / MAP_SIZE[0])}"/></p>')
            doc.add(f'<p align="center" class="caption">{_e(doc.t(OVERVIEW_CAPTION))}'
                    f'{_map_notes(doc, shown, measures)}</p>')
    else:
        doc.add(f'<p class="muted">{_e(doc.t(NO_MAP))}</p>')

    # Every touched parcel in one table.
    doc.heading(SECTION_PARCELS)
    rows = []
    for p in table:
        cells = [f"<b>{_e(p.id)}</b>", _e(p.land_use or "-")]
        for indicator in INDICATORS:
            verdict = indicator_verdict(p, indicator, result.warnings)
            value = format_value(indicator, getattr(p, ACHIEVED[indicator]))
            limit = format_limit(indicator, p.limits.get(indicator))
            text = _e(value) + (f' <span class="muted">({_e(limit)})</span>' if limit != "-" else "")
            if verdict in ("violation", "marginal violation"):
                text = f'<span class="{_VERDICT_CLASS[verdict]}">{text}</span>'
            cells.append(text)
        status = STATUS_VIOLATION if p.violations else STATUS_PASS
        cells.append(f'<span class="{"violation" if p.violations else "pass"}">{_e(doc.t(status))}</span>')
        rows.append(cells)
    doc.table([doc.t(HEADER_PARCEL), doc.t(HEADER_LAND_USE)] + [_indicator_title(i, lang) for i in INDICATORS]
              + [doc.t(HEADER_STATUS)], rows, [12, 9, 14, 16, 20, 16, 13])

    # Warnings: everything the engine repaired, assumed or could not read.
    doc.heading(SECTION_WARNINGS)
    if result.warnings:
        rows = []
        for w in result.warnings:
            text = _e(warning_message(w, lang))
            note = _review_note(review, w)
            if note is not None and _note_text(doc, note):
                text += f'<br/><span class="note">{_e(_note_text(doc, note))}</span>'
            rows.append([_e(warning_name(w.code, lang)), text])
        doc.table([doc.t(HEADER_WARNING), doc.t(HEADER_EXPLANATION)], rows, [22, 78])
    else:
        doc.add(f"<p>{_e(doc.t(NO_WARNINGS))}</p>")

    # One section per violating parcel.
    if violating:
        doc.heading(SECTION_VIOLATING, page_break=True)
    for index, p in enumerate(violating):
        style = ' style="page-break-before: always;"' if index else ""
        doc.add(f"<h3{style}>{doc.section}.{index + 1}&nbsp;&nbsp;{_e(doc.t(PARCEL_HEADING, parcel=p.id))}</h3>")
        green = format_area(p.green_area) if p.green_area is not None else "-"
        name = _land_use_name(p.land_use, lang)
        code = (p.land_use or "-") + (f" ({name})" if name != "-" else "")
        facts = doc.t(PARCEL_FACTS, code=code, site=format_area(p.site_area), gfa=format_area(p.gfa),
                      footprint=format_area(p.footprint_area), green=green)
        doc.add(f"<p>{_e(facts)}")
        doc.add(f" {_e(doc.t(PARCEL_BUILDINGS, buildings=', '.join(p.buildings) or '-'))}</p>")
        if data is not None:
            rows_ = data.plan_rows.get(p.id, [])
            focus = [r for r in rows_ if r in touched] or rows_
            if focus:
                measures = _measures(p.violations)
                bounds = _union_bounds(_bounds(data.plan[focus]), _measure_bounds(measures))
                name_ = f"planner-map-parcel-{index + 1}.png"
                shown = []
                images[name_] = render_map(data, bounds, lang, focus=focus, margin=0.3, label_buildings=True,
                                           measures=measures, shown=shown)
                doc.add(f'<p align="center"><img src="{name_}" width="{PAGE_WIDTH_PX}" '
                        f'height="{round(PAGE_WIDTH_PX * MAP_SIZE[1] / MAP_SIZE[0])}"/></p>')
                doc.add(f'<p align="center" class="caption">{_e(doc.t(DETAIL_CAPTION, parcel=p.id))}'
                        f'{_map_notes(doc, shown, measures)}</p>')
        doc.table([doc.t(HEADER_INDICATOR), doc.t(HEADER_WRITTEN), doc.t(HEADER_READ), doc.t(HEADER_ACHIEVED),
                   doc.t(HEADER_VERDICT)], _indicator_rows(p, result, lang), [20, 20, 20, 18, 22])
        doc.add(f"<h4>{_e(doc.t(FINDINGS_HEADING))}</h4>")
        for v in p.violations:
            doc.add(_finding_html(doc, number_of(v), v, review))

    others = [v for v in result.violations if v.parcel is None or v.parcel not in touched_ids]
    if others:
        doc.heading(SECTION_OTHER)
        for v in others:
            doc.add(_finding_html(doc, number_of(v), v, review))

    orphaned = _orphaned_notes(review, result, lang)
    if orphaned:
        doc.heading(SECTION_ORPHANED)
        doc.add(f"<p>{_e(doc.t(ORPHANED_INTRO))}</p>")
        for what, note in orphaned:
            doc.add(f'<p><b>{_e(what)}</b><br/><span class="note">{_e(_note_text(doc, note))}</span></p>')

    if comparison is not None:
        _versions_section(doc, comparison)

    # Provenance.
    doc.heading(SECTION_PROVENANCE)
    role_names = {"plan": ROLE_PLAN, "buildings": ROLE_BUILDINGS, "green": ROLE_GREEN, "lines": ROLE_LINES}
    inputs = [(role, result.inputs[role]) for role in ("plan", "buildings", "green") if result.inputs.get(role)]
    inputs += [("lines", info) for info in (result.lines or ()) if info is not None]
    if comparison is not None and comparison.old_plan is not None:
        role_names["compared"] = ROLE_COMPARED_PLAN
        inputs.append(("compared", comparison.old_plan))
    doc.table([doc.t(h) for h in (HEADER_INPUT, HEADER_FILE, HEADER_LAYER, HEADER_FEATURES, HEADER_CRS)],
              [[f"<b>{_e(doc.t(role_names[role]))}</b>", _e(Path(info.path).name), _e(info.layer),
                str(info.features), _e(info.crs or "-")] for role, info in inputs], [17, 30, 20, 11, 22])
    doc.add(_GAP)
    # The hashes in a table of their own: one line per input, never split from the row it belongs to.
    doc.table([doc.t(HEADER_INPUT), "SHA-256"],
              [[f"<b>{_e(doc.t(role_names[role]))}</b>", f'<span class="hash">{_e(info.sha256)}</span>']
               for role, info in inputs], [17, 83])
    if result.inputs.get("green") is None:
        doc.add(f"<p>{_e(doc.t(NO_GREEN))}</p>")
    from planner.resources import planner_version

    doc.add(f"<p>{_e(doc.t(WORKING_CRS, crs=result.crs or doc.t(UNKNOWN_CRS)))}</p>")
    now = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z").strip()
    doc.add(f"<p>{_e(doc.t(PLANNER_VERSION, version=planner_version(), time=now))}</p>")

    # Conventions.
    doc.heading(SECTION_CONVENTIONS)
    doc.add("<ol>" + "".join(f"<li>{_e(doc.t(c))}</li>" for c in CONVENTIONS) + "</ol>")

    # Opinion and signature.
    doc.heading(SECTION_OPINION)
    opinion = (getattr(review, "opinion", "") or "") if review is not None else ""
    blank = "<br/>" * 4
    body = _e(opinion).replace("\n", "<br/>") if opinion else blank
    doc.add(_TABLE + f'<tr><td width="22%"><b>{_e(doc.t(OPINION_LABEL))}</b></td><td>{body}</td></tr></table>')
    doc.add(_GAP)
    doc.add(_TABLE
            + f'<tr><td width="22%"><b>{_e(doc.t(LABEL_REVIEWER))}</b></td><td width="28%">{_e(values["reviewer"])}'
            f'</td><td width="20%"><b>{_e(doc.t(SIGNATURE))}</b></td><td width="30%"><br/><br/></td></tr>'
            f'<tr><td><b>{_e(doc.t(LABEL_DATE))}</b></td><td>{_e(values["date"])}</td>'
            f'<td><b>{_e(doc.t(SEAL))}</b></td><td><br/><br/><br/></td></tr></table>')

    body_html = "".join(doc.parts)
    page = (f'<html><head><meta charset="utf-8"/><title>{_e(doc.t(TITLE))}</title>'
            f"<style>{_STYLE}</style></head><body>{body_html}</body></html>")
    return page, images


def _versions_section(doc: _Html, comparison: Any) -> None:
    """Findings that appear, disappear or change between the plan in force and the other version checked."""
    name = version_name(comparison.old_plan, full=True)
    in_force = version_name(comparison.new_plan)
    doc.heading(SECTION_VERSIONS)
    if not comparison.differs:
        doc.add(f"<p>{_e(doc.t(VERSIONS_SAME, old=name))}</p>")
        return
    doc.add(f"<p>{_e(doc.t(VERSIONS_INTRO, old=name, new=in_force, **comparison.summary))}</p>")
    rows = []
    for kind, found in (("appeared", comparison.appeared), ("disappeared", comparison.disappeared)):
        for v in found:
            text = _e(violation_message(v, doc.lang))
            rows.append([_e(doc.t(CHANGE_NAMES[kind])), _e(v.parcel or "-"), _e(v.building or "-"),
                         text if kind == "appeared" else "-", text if kind == "disappeared" else "-"])
    for before, after in comparison.changed:
        rows.append([_e(doc.t(CHANGE_NAMES["changed"])), _e(after.parcel or "-"), _e(after.building or "-"),
                     _e(violation_message(after, doc.lang)), _e(violation_message(before, doc.lang))])
    doc.table([doc.t(h) for h in (HEADER_CHANGE, HEADER_PARCEL, HEADER_BUILDING, HEADER_IN_FORCE,
                                  HEADER_OTHER_VERSION)], rows, [10, 11, 9, 35, 35])


def _map_notes(doc: _Html, shown: list[str], measures: list[_Measure]) -> str:
    """Caption lines (HTML) naming the control lines a map shows and the setbacks it measures, so the words
    are in the report's text as well as in the map's image."""
    out = ""
    if shown:
        out += "<br/>" + _e(doc.t(CAPTION_CONTROLS, kinds=", ".join(doc.t(name) for name in shown)))
    if measures:
        listed = ", ".join(f"{m.building} {m.label}" if m.building else m.label for m in measures)
        out += "<br/>" + _e(doc.t(CAPTION_MEASURES, measures=listed))
    return out


def _indicator_title(indicator: str, lang: str) -> str:
    name = tr(INDICATOR_NAMES[indicator], lang)
    return name[:1].upper() + name[1:]


def _indicator_rows(p: ParcelResult, result: CheckResult, lang: str) -> list[list[str]]:
    rows = []
    for indicator in INDICATORS:
        verdict = indicator_verdict(p, indicator, result.warnings)
        written = p.limit_texts.get(indicator, "") or "-"
        read = format_limit(indicator, p.limits.get(indicator))
        achieved = format_value(indicator, getattr(p, ACHIEVED[indicator]))
        css = _VERDICT_CLASS.get(verdict, "")
        rows.append([_e(_indicator_title(indicator, lang)), _e(written), _e(read), _e(achieved),
                     f'<span class="{css}">{_e(verdict_name(verdict, lang))}</span>'])
    land = [v for v in p.violations if v.rule == "land_use"]
    if p.land_use or land:
        verdict = "violation" if land else "pass"
        uses = sorted({str(v.actual) for v in land})
        rows.append([_e(tr(HEADER_LAND_USE, lang)), _e(p.land_use or "-"), _e(_land_use_name(p.land_use, lang)),
                     _e(", ".join(uses) or "-"),
                     f'<span class="{_VERDICT_CLASS[verdict]}">{_e(verdict_name(verdict, lang))}</span>'])
    return rows


# --- the document and its pages ----------------------------------------------------------------------

def build_document(result: CheckResult, layers: dict[str, Any], meta: ReportMeta, lang: str,
                   review: Any = None, comparison: Any = None) -> QTextDocument:
    """The report as a QTextDocument with its maps as image resources and repeating table headers."""
    ensure_gui_application()
    page, images = report_html(result, layers, meta, lang, review, comparison)
    document = QTextDocument()
    document.setDefaultFont(report_font())
    document.setDocumentMargin(0)
    for name, image in images.items():
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
    document.setHtml(page)
    repeat_table_headers(document)
    values = _meta_values(result, meta, review)
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, tr(TITLE, lang))
    document.setProperty("plannerHeader", _running_header(values, lang))
    document.setProperty("plannerPageNumber", tr(PAGE_NUMBER, lang))
    document.setProperty("plannerLanguage", lang)
    return document


def _tables(document: QTextDocument) -> list[QTextTable]:
    found = []

    def walk(frame) -> None:
        for child in frame.childFrames():
            if isinstance(child, QTextTable):
                found.append(child)
            walk(child)

    walk(document.rootFrame())
    return found


def repeat_table_headers(document: QTextDocument) -> None:
    """Tables whose first row is a header (its cells have the header background) repeat it on every page."""
    header = QColor(HEADER_BACKGROUND)
    for table in _tables(document):
        if table.rows() < 2:
            continue
        cell = table.cellAt(0, 0)
        if cell.format().background().color() != header:
            continue
        fmt = table.format()
        if fmt.headerRowCount() != 1:
            fmt.setHeaderRowCount(1)
            table.setFormat(fmt)


def _fit_images(document: QTextDocument, width_px: float) -> None:
    """Shrink images wider than the body (given in CSS pixels) to fit it, keeping their aspect."""
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            if fmt.isImageFormat():
                image = fmt.toImageFormat()
                if image.width() > width_px:
                    ratio = width_px / image.width()
                    image.setWidth(width_px)
                    image.setHeight(image.height() * ratio)
                    cursor = QTextCursor(document)
                    cursor.setPosition(fragment.position())
                    cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
                    cursor.setCharFormat(image)
            it += 1
        block = block.next()


def _keeps_with_next(block) -> bool:
    """Headings stay with what follows them, and a map with its caption."""
    if block.blockFormat().headingLevel() > 0:
        return True
    return _only_image(block)


def _only_image(block) -> bool:
    it = block.begin()
    found = False
    while not it.atEnd():
        fmt = it.fragment().charFormat()
        if not fmt.isImageFormat() and it.fragment().text().strip():
            return False
        found = found or fmt.isImageFormat()
        it += 1
    return found


def _first_line_top(layout, block) -> float:
    rect = layout.blockBoundingRect(block)
    lines = block.layout()
    return rect.top() + (lines.lineAt(0).y() if lines.lineCount() else 0.0)


def _keep_with_next(document: QTextDocument, page_height: float) -> bool:
    """Move the first heading (or map) whose follower starts on a later page to that page. True if one moved."""
    always = QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore
    layout = document.documentLayout()
    block = document.begin()
    while block.isValid():
        following = block.next()
        if following.isValid() and _keeps_with_next(block):
            top = _first_line_top(layout, block)
            page = math.floor((top + 0.5) / page_height)
            next_page = math.floor((_first_line_top(layout, following) + 0.5) / page_height)
            breaks = bool(following.blockFormat().pageBreakPolicy() & always)
            at_page_top = top - page * page_height < page_height * 0.05
            if next_page > page and not breaks and not at_page_top:
                fmt = block.blockFormat()
                fmt.setPageBreakPolicy(fmt.pageBreakPolicy() | always)
                QTextCursor(block).setBlockFormat(fmt)
                return True
        block = following
    return False


def _paint_pages(document: QTextDocument, device: QPagedPaintDevice, dpi: float) -> int:
    """Paint the document page by page onto device: running header, the page's slice, page number."""
    layout = device.pageLayout()
    full = layout.paintRectPixels(round(dpi))
    mm = dpi / 25.4
    header_h, footer_h = 9 * mm, 9 * mm
    body = QRectF(0, header_h, full.width(), full.height() - header_h - footer_h)

    def laid_out(source: QTextDocument) -> QTextDocument:
        doc = source.clone(document)  # images are found through the parent's resources
        doc.setDefaultFont(document.defaultFont())
        doc.setDocumentMargin(0)
        doc.documentLayout().setPaintDevice(device)
        doc.setPageSize(QSizeF(body.width(), body.height()))
        return doc

    doc = laid_out(document)
    _fit_images(doc, body.width() * 96 / dpi)
    for _ in range(20):
        if not _keep_with_next(doc, body.height()):
            break
        # Qt relays out an edit incrementally, and then skips blocks when drawing: lay out a fresh copy.
        doc = laid_out(doc)
    pages = doc.pageCount()

    header = str(document.property("plannerHeader") or "")
    numbering = str(document.property("plannerPageNumber") or "{page} / {pages}")
    small = QFont(document.defaultFont())
    small.setPointSizeF(8)
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("cannot paint on the output device")
    try:
        for page in range(pages):
            if page:
                device.newPage()
            painter.setFont(small)
            painter.setPen(QColor(70, 70, 70))
            top = QRectF(0, 0, body.width(), header_h - 2.5 * mm)
            painter.drawText(top, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom), header)
            painter.setPen(QPen(QColor(120, 120, 120), max(1.0, 0.25 * mm)))
            painter.drawLine(QPointF(0, header_h - 1.5 * mm), QPointF(body.width(), header_h - 1.5 * mm))
            painter.save()
            painter.translate(0, header_h - page * body.height())
            # The layout puts a block moved to the next page a hair above the page line (fixed-point
            # rounding): nudge the slice up so such a block is not also drawn, clipped, on this page.
            doc.drawContents(painter, QRectF(0, page * body.height() - 0.25, body.width(), body.height()))
            painter.restore()
            painter.setFont(small)
            painter.setPen(QColor(70, 70, 70))
            bottom = QRectF(0, full.height() - footer_h + 2.5 * mm, body.width(), footer_h - 2.5 * mm)
            painter.drawText(bottom, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                             numbering.format(page=page + 1, pages=pages))
    finally:
        painter.end()
    return pages


def write_pdf(result: CheckResult, layers: dict[str, Any], meta: ReportMeta, path: str | Path, lang: str,
              review: Any = None, comparison: Any = None) -> None:
    """Write the report as an A4 portrait PDF with embedded fonts, running header and page numbers.

    `comparison` (planner.versions.compare.VerdictComparison) adds the findings that depend on the plan version."""
    ensure_gui_application()
    document = build_document(result, layers, meta, lang, review, comparison)
    from planner.resources import planner_version

    writer = QPdfWriter(str(path))
    writer.setResolution(300)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
    writer.setTitle(tr(TITLE, lang) + (f" — {meta.scheme_name}" if meta.scheme_name else ""))
    writer.setCreator(f"Planner {planner_version()}")
    _paint_pages(document, writer, writer.resolution())


def print_document(document: QTextDocument, printer: QPrinter) -> None:
    """Print a build_document() document with the same pagination, header and page numbers."""
    ensure_gui_application()
    if not printer.docName():
        printer.setDocName(document.metaInformation(QTextDocument.MetaInformation.DocumentTitle))
    _paint_pages(document, printer, printer.resolution())

