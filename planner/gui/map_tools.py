"""The map's tools, as in QGIS: identify/select (the default), pan, zoom in and out, zoom to all, measure distance
and measure area, and the choice between the status and the land-use colours of parcels.

A tool is given the canvas's mouse and key events first (MapCanvas.set_tool); what it does not take, the canvas
does as always (a click selects, a drag pans, the wheel zooms). Measurements are drawn on the canvas's overlay in
symbology.MEASURE_COLOUR, never in a red.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QColor,
    QFontMetricsF,
    QIcon,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QPolygonF,
)
from PySide6.QtWidgets import QFrame, QLabel, QToolBar, QVBoxLayout, QWidget

from planner.gui.map_canvas import DRAG_THRESHOLD_PX, MapCanvas
from planner.messages import (
    MAP_TOOLBAR,
    identify_building_message,
    identify_parcel_message,
    map_tool_text,
    measure_area_message,
    measure_distance_message,
    tr,
)
from planner.report.symbology import (
    MEASURE_CASING,
    MEASURE_COLOUR,
    MEASURE_FILL,
    PARCEL_SYMBOLS,
    land_use_colours,
    opaque,
)

__all__ = ["TOOLS", "IdentifyPopup", "MapTool", "MapToolbar", "MeasureTool", "PanTool", "ZoomTool", "identify_text",
           "polygon_area", "polyline_length"]

#: The tools of the toolbar, in order; zoom to all is a plain action between them.
TOOLS = ("identify", "pan", "zoom_in", "zoom_out", "measure", "measure_area")
SHORTCUTS = {"identify": "Ctrl+Shift+I", "pan": "Ctrl+Shift+P", "zoom_in": "Ctrl+Alt+=", "zoom_out": "Ctrl+Alt+-",
             "zoom_all": "Ctrl+Shift+F", "measure": "Ctrl+Shift+M", "measure_area": "Ctrl+Shift+J",
             "land_use_view": "Ctrl+Shift+L"}
#: A click of the zoom tools zooms by this factor.
ZOOM_CLICK_FACTOR = 2.0
MEASURE_LABEL_PX = 36.0  # segments shorter than this on screen go without their own length


def polyline_length(points: list[tuple[float, float]]) -> float:
    """Length of a line through these map points (metres in the map's metric CRS)."""
    if len(points) < 2:
        return 0.0
    xy = np.asarray(points, dtype=float)
    return float(np.hypot(*np.diff(xy, axis=0).T).sum())


def polygon_area(points: list[tuple[float, float]]) -> float:
    """Area of the polygon with these corners (shoelace), whichever way round they go."""
    if len(points) < 3:
        return 0.0
    x, y = np.asarray(points, dtype=float).T
    return float(abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))) / 2)


class MapTool(QObject):
    """What the mouse does on the map. Each handler returns True when it took the event (the canvas then does
    nothing more with it)."""

    cursor = Qt.CursorShape.ArrowCursor

    def __init__(self, canvas: MapCanvas) -> None:
        super().__init__(canvas)
        self.canvas = canvas

    def activate(self) -> None:
        self.canvas.setCursor(self.cursor)

    def deactivate(self) -> None:
        self.canvas.unsetCursor()

    def press(self, event: QMouseEvent) -> bool:
        return False

    def move(self, event: QMouseEvent) -> bool:
        return False

    def release(self, event: QMouseEvent) -> bool:
        return False

    def double_click(self, event: QMouseEvent) -> bool:
        return False

    def key(self, event: QKeyEvent) -> bool:
        return False

    def paint(self, painter: QPainter, w: int, h: int) -> None:
        """Draw on the map's overlay (widget pixels)."""


class IdentifyTool(MapTool):
    """The default tool: the canvas's own click (select) and drag (pan); remembers where the last click was, so
    that the attributes of what it picked show beside it."""

    def __init__(self, canvas: MapCanvas) -> None:
        super().__init__(canvas)
        self.last_click: QPointF | None = None
        self.popup: IdentifyPopup | None = None  # the toolbar's: Esc closes it

    def key(self, event: QKeyEvent) -> bool:
        if event.key() == Qt.Key.Key_Escape and self.popup is not None and self.popup.isVisible():
            self.popup.hide()
            return True
        return False

    def release(self, event: QMouseEvent) -> bool:
        if event.button() == Qt.MouseButton.LeftButton:
            self.last_click = QPointF(event.position())
        return False  # the canvas selects (featureClicked) as without a tool


class PanTool(MapTool):
    """Drag to move the map; a click selects nothing."""

    cursor = Qt.CursorShape.OpenHandCursor

    def __init__(self, canvas: MapCanvas) -> None:
        super().__init__(canvas)
        self._last: QPointF | None = None

    def press(self, event: QMouseEvent) -> bool:
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        self._last = QPointF(event.position())
        self.canvas.setCursor(Qt.CursorShape.ClosedHandCursor)
        return True

    def move(self, event: QMouseEvent) -> bool:
        if self._last is None or not event.buttons() & Qt.MouseButton.LeftButton:
            return False
        pos = event.position()
        self.canvas.pan_by(pos.x() - self._last.x(), pos.y() - self._last.y())
        self._last = QPointF(pos)
        return True

    def release(self, event: QMouseEvent) -> bool:
        if event.button() != Qt.MouseButton.LeftButton or self._last is None:
            return False
        self._last = None
        self.canvas.setCursor(self.cursor)
        return True


class ZoomTool(MapTool):
    """Zoom in (or out) by a click where the user clicks; zoom in to a dragged rectangle."""

    cursor = Qt.CursorShape.CrossCursor

    def __init__(self, canvas: MapCanvas, zoom_in: bool) -> None:
        super().__init__(canvas)
        self.zoom_in = zoom_in
        self._press: QPointF | None = None
        self._now: QPointF | None = None

    def press(self, event: QMouseEvent) -> bool:
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        self._press = self._now = QPointF(event.position())
        return True

    def move(self, event: QMouseEvent) -> bool:
        if self._press is None:
            return False
        self._now = QPointF(event.position())
        self.canvas.update()
        return True

    def release(self, event: QMouseEvent) -> bool:
        if event.button() != Qt.MouseButton.LeftButton or self._press is None:
            return False
        start, end = self._press, QPointF(event.position())
        self._press = self._now = None
        if self.zoom_in and (end - start).manhattanLength() >= 4 * DRAG_THRESHOLD_PX:
            (x1, y1), (x2, y2) = self.canvas.screen_to_map(start), self.canvas.screen_to_map(end)
            self.canvas.zoom_to_bounds(min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2), margin=0.0)
        else:
            factor = ZOOM_CLICK_FACTOR if self.zoom_in else 1 / ZOOM_CLICK_FACTOR
            self.canvas.zoom_by(factor, end)
        self.canvas.update()
        return True

    def paint(self, painter: QPainter, w: int, h: int) -> None:
        if self._press is None or self._now is None or not self.zoom_in:
            return
        rect = QRectF(self._press, self._now).normalized()
        painter.setPen(_pen(MEASURE_COLOUR, 1.0, Qt.PenStyle.DashLine))
        painter.setBrush(MEASURE_FILL)
        painter.drawRect(rect)


class MeasureTool(MapTool):
    """Click points to measure a distance along them (or, with `area`, the area and perimeter of the polygon they
    make); the reading follows the cursor. A double-click or Esc ends the measurement, which stays on the map until
    the next click starts another; Esc on an ended measurement clears it."""

    cursor = Qt.CursorShape.CrossCursor
    measured = Signal(str)  # the reading, as the status bar shows it ("" when cleared)

    def __init__(self, canvas: MapCanvas, area: bool = False, lang: str = "zh") -> None:
        super().__init__(canvas)
        self.area = area
        self.lang = lang
        self.points: list[tuple[float, float]] = []  # map coordinates
        self.hover: tuple[float, float] | None = None  # the cursor while measuring
        self.finished = False

    # -- readings ---------------------------------------------------------------------------------------

    def _live(self) -> list[tuple[float, float]]:
        if self.hover is not None and not self.finished and self.points:
            return [*self.points, self.hover]
        return list(self.points)

    def length(self) -> float:
        """Length of the measured line so far (with the cursor's point while measuring), in metres."""
        return polyline_length(self._live())

    def segment(self) -> float:
        """Length of the last segment (to the cursor while measuring)."""
        live = self._live()
        return polyline_length(live[-2:])

    def measured_area(self) -> float:
        return polygon_area(self._live())

    def perimeter(self) -> float:
        live = self._live()
        return polyline_length([*live, live[0]]) if len(live) >= 3 else polyline_length(live)

    def text(self) -> str:
        """The reading: "Length 12.00 m (last segment 5.00 m)" or "Area 6.00 m², perimeter 12.00 m"."""
        if not self.points:
            return ""
        if self.area:
            return measure_area_message(self.measured_area(), self.perimeter(), self.lang)
        return measure_distance_message(self.length(), self.segment(), self.lang)

    # -- control ----------------------------------------------------------------------------------------

    def add_point(self, x: float, y: float) -> None:
        """A corner at map point (x, y); one on the previous corner is not counted twice (a double-click)."""
        if self.finished:
            self.clear()
        if self.points and math.isclose(self.points[-1][0], x) and math.isclose(self.points[-1][1], y):
            return
        self.points.append((float(x), float(y)))
        self._changed()

    def finish(self) -> None:
        """End the measurement; too few points for a reading (one, or two for an area) clear it."""
        self.hover = None
        if len(self.points) < (3 if self.area else 2):
            self.clear()
            return
        self.finished = True
        self._changed()

    def clear(self) -> None:
        self.points, self.hover, self.finished = [], None, False
        self._changed()

    def deactivate(self) -> None:
        self.clear()
        super().deactivate()

    def _changed(self) -> None:
        self.measured.emit(self.text())
        self.canvas.update()

    # -- events -----------------------------------------------------------------------------------------

    def press(self, event: QMouseEvent) -> bool:
        if event.button() == Qt.MouseButton.LeftButton:
            self.add_point(*self.canvas.screen_to_map(event.position()))
            return True
        if event.button() == Qt.MouseButton.RightButton and self.points and not self.finished:
            self.finish()
            return True
        return False

    def move(self, event: QMouseEvent) -> bool:
        if self.points and not self.finished:
            self.hover = self.canvas.screen_to_map(event.position())
            self._changed()
        return False  # the canvas still reports the cursor's coordinates

    def release(self, event: QMouseEvent) -> bool:
        return event.button() in (Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton)

    def double_click(self, event: QMouseEvent) -> bool:
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        self.add_point(*self.canvas.screen_to_map(event.position()))
        self.finish()
        return True

    def key(self, event: QKeyEvent) -> bool:
        if event.key() != Qt.Key.Key_Escape or not self.points:
            return False
        if self.finished:
            self.clear()
        else:
            self.finish()
        return True

    # -- drawing ----------------------------------------------------------------------------------------

    def paint(self, painter: QPainter, w: int, h: int) -> None:
        live = self._live()
        if not live:
            return
        screen = [self.canvas.map_to_screen(x, y) for x, y in live]
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        path = QPainterPath()
        path.addPolygon(QPolygonF(screen))
        if self.area and len(screen) >= 3:
            path.closeSubpath()
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(MEASURE_FILL)
            painter.drawPath(path)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(_pen(MEASURE_CASING, 5.0))  # the casing keeps the line visible on any fill
        painter.drawPath(path)
        painter.setPen(_pen(MEASURE_COLOUR, 2.0))
        painter.drawPath(path)
        painter.setPen(_pen(MEASURE_COLOUR, 1.5))
        painter.setBrush(MEASURE_CASING)
        for point in screen[:len(self.points)]:
            painter.drawEllipse(point, 3.5, 3.5)
        font = self.canvas.font()
        font.setPixelSize(11)
        painter.setFont(font)
        metrics = QFontMetricsF(font)
        if not self.area:  # each segment's own length beside it
            for a, b, pa, pb in zip(live, live[1:], screen, screen[1:]):
                if math.hypot(pb.x() - pa.x(), pb.y() - pa.y()) >= MEASURE_LABEL_PX:
                    _label(painter, metrics, QPointF((pa.x() + pb.x()) / 2, (pa.y() + pb.y()) / 2 - 12),
                           f"{polyline_length([a, b]):,.2f} m")
        end = screen[-1]
        _label(painter, metrics, QPointF(end.x() + 14 + metrics.horizontalAdvance(self.text()) / 2, end.y() + 16),
               self.text(), bold=True)
        painter.restore()


def _label(painter: QPainter, metrics: QFontMetricsF, centre: QPointF, text: str, bold: bool = False) -> None:
    width, height = metrics.horizontalAdvance(text) + 10, metrics.height() + 4
    box = QRectF(centre.x() - width / 2, centre.y() - height / 2, width, height)
    painter.setPen(_pen(MEASURE_COLOUR, 1.5 if bold else 1.0))
    painter.setBrush(QColor(255, 255, 255, 235))
    painter.drawRoundedRect(box, 3, 3)
    painter.setPen(MEASURE_COLOUR)
    painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), text)


def _pen(colour: QColor, width: float, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    pen = QPen(colour, width, style)
    pen.setCosmetic(True)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


# ---------------------------------------------------------------------------------------------------------------
# Identify


class IdentifyPopup(QFrame):
    """A small box of a picked feature's attributes beside where the user clicked; a click elsewhere, Esc or
    another tool closes it."""

    def __init__(self, canvas: MapCanvas) -> None:
        super().__init__(canvas)
        self.setObjectName("identify_popup")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.label = QLabel(self)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.label)
        self.hide()

    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""

    def show_text(self, text: str, at: QPointF | None) -> None:
        if not text:
            self.hide()
            return
        self.label.setText(text)
        self.adjustSize()
        canvas = self.parentWidget()
        x, y = (12.0, 12.0) if at is None else (at.x() + 14, at.y() + 14)
        # Inside the map: flipped to the other side of the click near the right or bottom edge.
        if x + self.width() > canvas.width() - 4:
            x = max(4.0, x - self.width() - 28)
        if y + self.height() > canvas.height() - 4:
            y = max(4.0, y - self.height() - 28)
        self.move(int(x), int(y))
        self.show()
        self.raise_()


def identify_text(session, canvas: MapCanvas, key: str, index: int, lang: str) -> str:
    """The attributes of feature `index` of map layer `key` in words: a parcel's id, land use, area and stated
    limits; a building's number, storeys, height and use. "" for anything else."""
    if index < 0:
        return ""
    if key == "plan" and session.plan is not None and index < len(session.plan.ids):
        plan = session.plan
        limits = {indicator: str(texts[index] or "") for indicator, texts in plan.texts.items()
                  if index < len(texts)}
        land_use = plan.land_use[index] if index < len(plan.land_use) else None
        return identify_parcel_message(str(plan.ids[index]), None if land_use is None else str(land_use),
                                       canvas.feature_area(key, index), limits, lang)
    if key == "buildings" and session.buildings is not None and index < len(session.buildings.ids):
        b = session.buildings
        use = b.use[index] if index < len(b.use) else None
        return identify_building_message(str(b.ids[index]), float(b.floors[index]), float(b.height[index]),
                                         None if use is None else str(use), lang)
    return ""


# ---------------------------------------------------------------------------------------------------------------
# The toolbar


class MapToolbar(QObject):
    """The map's toolbar: the tools as checkable actions in one group (identify first, the default), zoom to all,
    and the parcels' colours (status or land use) as a second group."""

    parcelViewChanged = Signal(str)  # "status" or "land_use"

    def __init__(self, canvas: MapCanvas, lang: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.canvas = canvas
        self.lang = lang
        self.toolbar = QToolBar(tr(MAP_TOOLBAR, lang), parent)
        self.toolbar.setObjectName("toolbar_map")
        self.popup = IdentifyPopup(canvas)
        canvas.viewChanged.connect(self.popup.hide)  # it would point at where the feature was
        self.tools: dict[str, MapTool] = {
            "identify": IdentifyTool(canvas), "pan": PanTool(canvas), "zoom_in": ZoomTool(canvas, True),
            "zoom_out": ZoomTool(canvas, False), "measure": MeasureTool(canvas, False, lang),
            "measure_area": MeasureTool(canvas, True, lang)}
        self.tools["identify"].popup = self.popup
        self.group = QActionGroup(self)
        self.group.setExclusive(True)
        self.actions: dict[str, QAction] = {}
        for name in TOOLS:
            action = self._action(name, checkable=True)
            self.group.addAction(action)
            action.toggled.connect(lambda on, n=name: on and self.set_tool(n))
            if name == "zoom_out":
                self.toolbar.addAction(self._zoom_all_action())
            self.toolbar.addAction(action)
        self.toolbar.addSeparator()
        self.view_group = QActionGroup(self)
        self.view_group.setExclusive(True)
        for name in ("status_view", "land_use_view"):
            action = self._action(name, checkable=True)
            self.view_group.addAction(action)
            action.toggled.connect(lambda on, n=name: on and self.parcelViewChanged.emit(n.removesuffix("_view")))
            self.toolbar.addAction(action)
        self.actions["status_view"].setChecked(True)
        self._current = ""
        self.actions["identify"].setChecked(True)

    def _action(self, name: str, checkable: bool) -> QAction:
        text, tip = map_tool_text(name, self.lang)
        action = QAction(_icon(name), text, self)
        action.setObjectName(f"map_tool_{name}")
        action.setCheckable(checkable)
        shortcut = SHORTCUTS.get(name)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            tip = f"{tip} ({QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)})"
        action.setToolTip(tip)
        action.setStatusTip(tip)
        self.actions[name] = action
        return action

    def _zoom_all_action(self) -> QAction:
        action = self._action("zoom_all", checkable=False)
        action.triggered.connect(self.canvas.zoom_to_all)
        return action

    # -- our API ---------------------------------------------------------------------------------------

    def current(self) -> str:
        return self._current

    def tool(self, name: str | None = None) -> MapTool:
        return self.tools[name or self._current]

    def set_tool(self, name: str) -> None:
        """Make this tool the map's (its action checked)."""
        if name == self._current:
            return
        if self._current:
            self.tools[self._current].deactivate()
        self.popup.hide()
        self._current = name
        self.actions[name].setChecked(True)
        tool = self.tools[name]
        self.canvas.set_tool(tool)
        tool.activate()

    def parcel_view(self) -> str:
        return "land_use" if self.actions["land_use_view"].isChecked() else "status"

    def set_parcel_view(self, view: str) -> None:
        self.actions[f"{view}_view"].setChecked(True)

    def show_identified(self, text: str) -> None:
        """Show a picked feature's attributes beside the click (the identify tool's)."""
        tool = self.tools["identify"]
        self.popup.show_text(text, tool.last_click if isinstance(tool, IdentifyTool) else None)


# ---------------------------------------------------------------------------------------------------------------
# Icons, drawn (no image files)


def _icon(name: str) -> QIcon:
    pixmap = QPixmap(24, 24)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    ink = QColor(45, 50, 60)
    painter.setPen(_pen(ink, 1.8))
    _DRAW.get(name, lambda p: None)(painter)
    painter.end()
    return QIcon(pixmap)


def _draw_magnifier(painter: QPainter, sign: str) -> None:
    painter.drawEllipse(QPointF(10, 10), 6.5, 6.5)
    painter.drawLine(QPointF(15, 15), QPointF(21, 21))
    painter.drawLine(QPointF(7, 10), QPointF(13, 10))
    if sign == "+":
        painter.drawLine(QPointF(10, 7), QPointF(10, 13))


def _draw_identify(painter: QPainter) -> None:
    arrow = QPolygonF([QPointF(4, 3), QPointF(4, 18), QPointF(8, 14), QPointF(11, 20), QPointF(13, 19),
                       QPointF(10, 13), QPointF(15, 13)])
    painter.setBrush(QColor(255, 255, 255))
    painter.drawPolygon(arrow)
    painter.setBrush(QColor(40, 110, 200))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(QPointF(18, 7), 5, 5)
    painter.setPen(_pen(QColor(255, 255, 255), 1.6))
    painter.drawLine(QPointF(18, 6), QPointF(18, 10))
    painter.drawPoint(QPointF(18, 4))


def _draw_pan(painter: QPainter) -> None:
    for dx, dy in ((0, -1), (0, 1), (-1, 0), (1, 0)):
        tip = QPointF(12 + 9 * dx, 12 + 9 * dy)
        painter.drawLine(QPointF(12, 12), tip)
        side = QPointF(-dy * 3, dx * 3)
        back = QPointF(tip.x() - 3.5 * dx, tip.y() - 3.5 * dy)
        painter.drawLine(tip, back + side)
        painter.drawLine(tip, back - side)


def _draw_zoom_all(painter: QPainter) -> None:
    painter.drawRect(QRectF(7, 7, 10, 10))
    for cx, cy in ((3, 3), (21, 3), (3, 21), (21, 21)):
        dx, dy = (1 if cx < 12 else -1), (1 if cy < 12 else -1)
        painter.drawLine(QPointF(cx, cy), QPointF(cx + 4 * dx, cy))
        painter.drawLine(QPointF(cx, cy), QPointF(cx, cy + 4 * dy))


def _draw_measure(painter: QPainter) -> None:
    painter.save()
    painter.translate(12, 12)
    painter.rotate(-35)
    painter.drawRect(QRectF(-10, -3.5, 20, 7))
    for k in range(-7, 9, 3):
        painter.drawLine(QPointF(k, -3.5), QPointF(k, -0.5 if k % 2 else 0.5))
    painter.restore()


def _draw_measure_area(painter: QPainter) -> None:
    polygon = QPolygonF([QPointF(4, 19), QPointF(6, 5), QPointF(17, 3), QPointF(21, 14), QPointF(12, 21)])
    painter.setBrush(QColor(45, 50, 60, 60))
    painter.drawPolygon(polygon)
    painter.setBrush(QColor(255, 255, 255))
    for corner in polygon:
        painter.drawEllipse(corner, 1.8, 1.8)


def _draw_swatches(colours: list[QColor]) -> Callable[[QPainter], None]:
    def draw(painter: QPainter) -> None:
        painter.setPen(_pen(QColor(80, 80, 80), 1.0))
        for k, colour in enumerate(colours):
            painter.setBrush(colour)
            painter.drawRect(QRectF(3 + (k % 2) * 9, 3 + (k // 2) * 9, 9, 9))
    return draw


_DRAW: dict[str, Callable[[QPainter], None]] = {
    "identify": _draw_identify,
    "pan": _draw_pan,
    "zoom_in": lambda p: _draw_magnifier(p, "+"),
    "zoom_out": lambda p: _draw_magnifier(p, "-"),
    "zoom_all": _draw_zoom_all,
    "measure": _draw_measure,
    "measure_area": _draw_measure_area,
    # The swatches are the map's own colours (symbology): the first four statuses, the first four land-use classes.
    "status_view": lambda p: _draw_swatches([opaque(s.fill) for s in list(PARCEL_SYMBOLS.values())[:4]])(p),
    "land_use_view": lambda p: _draw_swatches([c.fill for c in land_use_colours().classes[:4]])(p),
}
