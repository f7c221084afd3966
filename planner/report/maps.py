"""The report's maps: an overview and a detail per violating parcel, drawn with QPainter onto a QImage, with legend,
north arrow and scale bar (symbology from planner.report.symbology)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import shapely
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)

from planner.checking.verdicts import (
    BUILDING_OK,
    BUILDING_VIOLATION,
    PARCEL_NOT_ASSESSED,
    PARCEL_PARTIAL,
    PARCEL_PASS,
    PARCEL_UNTOUCHED,
    PARCEL_VIOLATION,
    building_status,
    parcel_status,
)
from planner.io.crs import align
from planner.messages import (
    QT_TRANSLATE_NOOP,
    format_distance,
    tr,
)
from planner.model import CheckResult
from planner.report.fonts import report_font
from planner.report.symbology import (
    BUILDING_SYMBOLS,
    CONTROL_SYMBOLS,
    FOCUS_COLOUR,
    GREEN_SYMBOL,
    LEGEND_FOCUS,
    LEGEND_SETBACK,
    PARCEL_SYMBOLS,
    SETBACK_COLOUR,
    Symbol,
)

NORTH = QT_TRANSLATE_NOOP("messages", "N")


#: The overview map draws the measured setback distances when there are at most this many.
SETBACK_ON_OVERVIEW = 20
#: A road red line on paper: long dash, gap, dot, gap (in pen widths), as plans draw it.
DASH_DOT = [5.0, 1.6, 0.8, 1.6]


MAP_SIZE = (1500, 950)  # 212 dpi across the 180 mm body: a map of 1800 px took a third longer to embed


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
    #: One spatial index per layer (by field name), built on first use and kept for every map of the report.
    trees: dict[str, shapely.STRtree] = field(default_factory=dict, repr=False)

    def in_view(self, layer: str, view: _View) -> np.ndarray:
        """Rows of layer `layer` ("plan", "buildings", "green", "controls") that meet the view's box, in order."""
        geometry = getattr(self, layer)
        if geometry is None or not len(geometry):
            return np.zeros(0, dtype=np.int64)
        tree = self.trees.get(layer)
        if tree is None:
            tree = self.trees[layer] = shapely.STRtree(geometry)
        # The box is the query geometry, so GEOS prepares the box, never `geometry`, which a check in another
        # thread may be using.
        return np.sort(tree.query(view.box, predicate="intersects")).astype(np.int64)


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


def _nice_length(target: float) -> float:
    """The longest 1, 2 or 5 x 10^n not above target."""
    exponent = math.floor(math.log10(target))
    for step in (5, 2, 1):
        if step * 10 ** exponent <= target:
            return step * 10 ** exponent
    return 10 ** exponent


def _halo_text(painter: QPainter, point: QPointF, text: str, font: QFont, colour: QColor, halo_colour: QColor,
               halo: float) -> None:
    """Text centred on point, with a halo so it reads on any fill: the text drawn in the halo's colour at 12
    offsets round the point, then on top (glyphs come from Qt's cache; stroking the text's outline with a wide
    pen took 2 ms a label, most of a detail map's time)."""
    metrics = QFontMetricsF(font)
    width = metrics.horizontalAdvance(text)
    x, y = point.x() - width / 2, point.y() + (metrics.ascent() - metrics.descent()) / 2
    painter.setFont(font)
    painter.setPen(QColor(halo_colour.red(), halo_colour.green(), halo_colour.blue()))
    for k in range(12):
        angle = k * math.pi / 6
        painter.drawText(QPointF(x + halo * math.cos(angle), y + halo * math.sin(angle)), text)
    painter.setPen(colour)
    painter.drawText(QPointF(x, y), text)


def _font(pixels: int, bold: bool = False) -> QFont:
    font = report_font()
    font.setPixelSize(pixels)
    font.setBold(bold)
    return font


def _fill_white(image: QImage) -> None:
    """image.fill(white) for an RGB32 image, through numpy. The first touch of a new image's memory can be slow (page
    faults: 20-70 ms for a map on a virtual machine); numpy lets go of Python's GIL meanwhile, QImage.fill does not,
    and the window's thread would wait for it while a report is made in the background."""
    np.frombuffer(image.bits(), dtype=np.uint32)[...] = 0xFFFFFFFF


def render_map(data: _MapData, bounds, lang: str, *, focus: list[int] | None = None, margin: float = 0.08,
               label_buildings: bool = False, size: tuple[int, int] = MAP_SIZE,
               measures: list[_Measure] | None = None, shown: list[str] | None = None) -> QImage:
    """A north-up map of `bounds` (metres) with legend, north arrow and scale bar, as an RGB image.

    Control zones lie above the parcels and below the buildings, control lines above the buildings, and the
    measured setbacks (`measures`) on top, with their distances."""
    width, full_height = size
    legend_font = _font(round(width / 70))
    measures = measures or []
    rows = _legend_rows(data, bounds, size, margin, focus, measures, legend_font)
    strip = _legend_height(legend_font, rows)
    height = full_height - round(strip)  # the map above, legend and scale bar in a strip below
    view = _View(bounds, width, height, margin)
    present = _legend_entries(data, view, focus, measures)
    if shown is not None:  # the control kinds the map shows, by legend name, for the caption
        names = {style.legend for style in CONTROL_SYMBOLS.values()}
        shown.extend(entry[0] for entry in present if entry[0] in names)
    image = QImage(width, full_height, QImage.Format.Format_RGB32)
    _fill_white(image)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setClipRect(QRectF(0, 0, width, height))
    line = width / 900  # the GUI's outline widths are for a screen; this image is printed at ~250 dpi

    parcels = data.in_view("plan", view)
    controls, zones = _controls_in_view(data, view)
    buildings = data.in_view("buildings", view)
    _draw_parcels(painter, data, view, parcels, line)
    _draw_green(painter, data, view, line)
    _draw_zones(painter, data, view, zones, line)
    _draw_buildings(painter, data, view, buildings, line)
    if focus:
        _draw_focus(painter, data, view, focus, line)
    _draw_lines(painter, data, view, controls, zones, line)
    _label_parcels(painter, data, view, parcels)
    if label_buildings and len(buildings):
        _label_buildings(painter, data, view, buildings)
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


def shown_controls(data: _MapData, bounds, *, focus: list[int] | None = None, margin: float = 0.08,
                   size: tuple[int, int] = MAP_SIZE, measures: list[_Measure] | None = None) -> list[str]:
    """The control kinds (by legend name) render_map would show with these arguments, without drawing the map:
    a caption can name them before the map is drawn (the report draws a map only when its page is painted)."""
    width, full_height = size
    legend_font = _font(round(width / 70))
    measures = measures or []
    rows = _legend_rows(data, bounds, size, margin, focus, measures, legend_font)
    view = _View(bounds, width, full_height - round(_legend_height(legend_font, rows)), margin)
    names = {style.legend for style in CONTROL_SYMBOLS.values()}
    return [entry[0] for entry in _legend_entries(data, view, focus, measures) if entry[0] in names]


def _legend_rows(data: _MapData, bounds, size: tuple[int, int], margin: float, focus: list[int] | None,
                 measures: list[_Measure], font: QFont) -> int:
    """How many rows the legend needs (at least LEGEND_ROWS).

    The legend's rows depend on what the map shows, and the map's height on the legend's rows: count what a map
    with the smallest legend would show (a taller legend only shows less)."""
    width, full_height = size
    view = _View(bounds, width, full_height - round(_legend_height(font, LEGEND_ROWS)), margin)
    entries = _legend_entries(data, view, focus, measures)
    return max(LEGEND_ROWS, math.ceil(len(entries) / LEGEND_COLUMNS))


def _controls_in_view(data: _MapData, view: _View) -> tuple[np.ndarray, np.ndarray]:
    """Rows of the control lines and zones in view, and of those among them that are polygons (zones)."""
    controls = data.in_view("controls", view)
    zones = controls[np.isin(shapely.get_type_id(data.controls[controls]), (3, 6))] if len(controls) else controls
    return controls, zones


def _draw_parcels(painter: QPainter, data: _MapData, view: _View, parcels: np.ndarray, line: float) -> None:
    """The parcels in view, filled by verdict, violating ones drawn last."""
    parcel_paths = _paths(data.plan[parcels], view)
    for cls in (PARCEL_UNTOUCHED, PARCEL_NOT_ASSESSED, PARCEL_PASS, PARCEL_PARTIAL, PARCEL_VIOLATION):  # breaches on top
        fill, outline, w = _parts(PARCEL_SYMBOLS[cls])
        painter.setPen(QPen(outline, w * line * 2))
        painter.setBrush(fill)
        for k in np.flatnonzero(data.plan_classes[parcels] == cls):
            painter.drawPath(parcel_paths[k])


def _draw_green(painter: QPainter, data: _MapData, view: _View, line: float) -> None:
    """The green areas in view."""
    if data.green is None:
        return
    green = data.in_view("green", view)
    if len(green):
        fill, outline, w = _parts(GREEN_SYMBOL)
        painter.setPen(QPen(outline, w * line * 2))
        painter.setBrush(fill)
        for path in _paths(data.green[green], view):
            painter.drawPath(path)


def _draw_zones(painter: QPainter, data: _MapData, view: _View, zones: np.ndarray, line: float) -> None:
    """Control zones of the kinds drawn filled: filled and outlined, under the buildings."""
    for kind, style in CONTROL_SYMBOLS.items():
        if style.fill is None or not len(zones):
            continue
        members = zones[data.control_kinds[zones] == kind]
        if not len(members):
            continue
        painter.setPen(QPen(style.stroke, style.paper_width * line * 0.6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                            Qt.PenJoinStyle.RoundJoin))
        painter.setBrush(style.fill)
        for path in _paths(data.controls[members], view):
            painter.drawPath(path)


def _draw_buildings(painter: QPainter, data: _MapData, view: _View, buildings: np.ndarray, line: float) -> None:
    """The building footprints in view, those named in findings drawn last."""
    if data.buildings is None:
        return
    building_paths = _paths(data.buildings[buildings], view)
    for cls in (BUILDING_OK, BUILDING_VIOLATION):
        members = np.flatnonzero(data.building_classes[buildings] == cls)
        if not len(members):
            continue
        fill, outline, w = _parts(BUILDING_SYMBOLS[cls])
        painter.setPen(QPen(outline, w * line * 2))
        painter.setBrush(fill)
        for k in members:
            painter.drawPath(building_paths[k])


def _draw_focus(painter: QPainter, data: _MapData, view: _View, focus: list[int], line: float) -> None:
    """A thick outline round the plan rows of the parcel a detail map is about."""
    painter.setPen(QPen(FOCUS_COLOUR, 7 * line, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                        Qt.PenJoinStyle.RoundJoin))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for path in _paths(data.plan[focus], view):
        painter.drawPath(path)


def _draw_lines(painter: QPainter, data: _MapData, view: _View, controls: np.ndarray, zones: np.ndarray,
                line: float) -> None:
    """Control lines above the buildings: every line, and the outline of a zone kind drawn without fill (a road
    red-line polygon stands for its edge; building control lines are dashed outlines). Road red lines on top."""
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for kind in reversed(CONTROL_SYMBOLS):  # road red lines last, on top
        style = CONTROL_SYMBOLS[kind]
        members = controls[data.control_kinds[controls] == kind] if len(controls) else controls
        if style.fill is not None:
            members = np.setdiff1d(members, zones)
        if not len(members):
            continue
        pen = QPen(style.stroke, style.paper_width * line, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap,
                   Qt.PenJoinStyle.RoundJoin)
        if style.dash_dot:
            pen.setDashPattern(DASH_DOT)
        elif style.dashed:
            pen.setDashPattern([4.0, 2.5])
        painter.setPen(pen)
        for path in _line_paths(data.controls[members], view):
            painter.drawPath(path)


def _label_parcels(painter: QPainter, data: _MapData, view: _View, parcels: np.ndarray) -> None:
    """Parcel ids where the parcel is wide enough on the image to hold its id, and the id fits the image."""
    width, height = view.width, view.height
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


def _label_buildings(painter: QPainter, data: _MapData, view: _View, buildings: np.ndarray) -> None:
    """Building ids, white on a halo of the building's outline colour, where the id fits the image."""
    width, height = view.width, view.height
    inside = QRectF(0, 0, width, height)
    small = _font(round(width / 58), bold=True)
    anchors = view.xy(shapely.get_coordinates(shapely.point_on_surface(data.buildings[buildings])))
    small_metrics = QFontMetricsF(small)
    for k, (x, y) in zip(buildings, anchors.tolist()):
        text_width = small_metrics.horizontalAdvance(data.building_ids[k])
        if not inside.contains(QRectF(x - text_width / 2, y - small_metrics.height() / 2, text_width,
                                      small_metrics.height())):
            continue
        _fill, outline, _w = _parts(BUILDING_SYMBOLS[int(data.building_classes[k])])
        _halo_text(painter, QPointF(x, y), data.building_ids[k], small, QColor(255, 255, 255), outline,
                   width / 600)


def _parts(symbol: Symbol) -> tuple[QColor | None, QColor, float]:
    return symbol.fill, symbol.stroke, symbol.width


def _legend_entries(data: _MapData, view: _View, focus: list[int] | None,
                    measures: list[_Measure]) -> list[tuple[str, QColor, QColor, str]]:
    """(name, fill, outline, swatch) of what the map shows: swatch "box", "line", "dashed" or "dashdot"."""
    present: list[tuple[str, QColor, QColor, str]] = []
    parcels = data.in_view("plan", view)
    for cls in PARCEL_SYMBOLS:  # legend order
        if (data.plan_classes[parcels] == cls).any():
            fill, outline, _w = _parts(PARCEL_SYMBOLS[cls])
            present.append((PARCEL_SYMBOLS[cls].legend, fill, outline, "box"))
    if data.green is not None and len(data.in_view("green", view)):
        fill, outline, _w = _parts(GREEN_SYMBOL)
        present.append((GREEN_SYMBOL.legend, fill, outline, "box"))
    if data.buildings is not None:
        buildings = data.in_view("buildings", view)
        for cls in (BUILDING_OK, BUILDING_VIOLATION):
            if (data.building_classes[buildings] == cls).any():
                fill, outline, _w = _parts(BUILDING_SYMBOLS[cls])
                present.append((BUILDING_SYMBOLS[cls].legend, fill, outline, "box"))
    if focus:
        present.append((LEGEND_FOCUS, QColor(255, 255, 255), FOCUS_COLOUR, "box"))
    controls = data.in_view("controls", view)
    if len(controls):
        shown = set(data.control_kinds[controls].tolist())
        zone_kinds = set(data.control_kinds[controls[np.isin(shapely.get_type_id(data.controls[controls]),
                                                             (3, 6))]].tolist())
        for kind, style in CONTROL_SYMBOLS.items():
            if kind not in shown:
                continue
            if style.fill is not None and kind in zone_kinds:
                present.append((style.legend, style.fill, style.stroke, "box"))
            else:
                present.append((style.legend, QColor(255, 255, 255), style.stroke,
                                "dashdot" if style.dash_dot else "dashed" if style.dashed else "line"))
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
            elif swatch == "dashdot":
                pen.setDashPattern([2.5, 0.8, 0.5, 0.8])
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
