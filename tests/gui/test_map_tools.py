"""The map's toolbar (identify, pan, zoom, measure) does what a QGIS user expects, the land-use view colours parcels
by their class, and the findings table fits beside the inspector."""

from __future__ import annotations

import math

import numpy as np
import pytest
import shapely
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

from planner.gui.map_canvas import HIGHLIGHT_COLOR, SELECTION_COLOR, LayerStyle, MapCanvas
from planner.gui.map_tools import TOOLS, MapToolbar, polygon_area, polyline_length
from planner.gui.violations import MIN_MESSAGE_WIDTH, MIN_RULE_WIDTH, FindingsModel
from planner.report.symbology import (
    BUILDING_SYMBOLS,
    CONTROL_SYMBOLS,
    MEASURE_COLOUR,
    PARCEL_SYMBOLS,
    land_use_colours,
    opaque,
)
from planner.checking.verdicts import BUILDING_VIOLATION, PARCEL_VIOLATION
from tests.helpers import X0, Y0

SIZE = 200
MPP = 0.1  # 10 px a metre: the corners of the test triangles fall on whole pixels


def mouse(canvas: MapCanvas, kind: QEvent.Type, point: QPointF, button=Qt.MouseButton.LeftButton,
          buttons=Qt.MouseButton.LeftButton) -> None:
    QApplication.sendEvent(canvas, QMouseEvent(kind, point, canvas.mapToGlobal(point), button, buttons,
                                               Qt.KeyboardModifier.NoModifier))


def click(canvas: MapCanvas, point: QPointF, button=Qt.MouseButton.LeftButton) -> None:
    mouse(canvas, QEvent.Type.MouseButtonPress, point, button, button)
    mouse(canvas, QEvent.Type.MouseButtonRelease, point, button, Qt.MouseButton.NoButton)


def double_click(canvas: MapCanvas, point: QPointF) -> None:
    """What Qt sends for a double-click: press, release, double-click, release."""
    click(canvas, point)
    mouse(canvas, QEvent.Type.MouseButtonDblClick, point)
    mouse(canvas, QEvent.Type.MouseButtonRelease, point, buttons=Qt.MouseButton.NoButton)


def key(canvas: MapCanvas, which: Qt.Key) -> None:
    QApplication.sendEvent(canvas, QKeyEvent(QEvent.Type.KeyPress, which, Qt.KeyboardModifier.NoModifier))


def at(canvas: MapCanvas, x: float, y: float) -> QPointF:
    """The widget point of map point (x, y) metres from the test origin."""
    return canvas.map_to_screen(X0 + x, Y0 + y)


@pytest.fixture
def tools(qtbot):
    """A 200 px canvas at 0.1 m/px over a 10 m square, with the toolbar's tools."""
    parent = QWidget()
    qtbot.addWidget(parent)
    canvas = MapCanvas(parent)
    canvas.resize(SIZE, SIZE)
    square = np.empty(1, dtype=object)
    square[0] = shapely.box(X0, Y0, X0 + 10, Y0 + 10)
    canvas.set_layer("plan", square, {0: LayerStyle(QColor(200, 230, 200), QColor(60, 60, 60))})
    canvas.set_view(X0 + 5, Y0 + 5, MPP)
    toolbar = MapToolbar(canvas, "en", parent)
    yield toolbar
    del parent  # kept alive until the test is done: it owns the canvas and the toolbar


def test_the_tools_are_one_exclusive_group_of_checkable_actions_with_icons_tips_and_shortcuts(tools):
    assert tools.current() == "identify" and tools.actions["identify"].isChecked()
    for name in TOOLS:
        action = tools.actions[name]
        assert action.isCheckable() and action.actionGroup() is tools.group
        assert not action.icon().isNull() and not action.shortcut().isEmpty()
        assert action.shortcut().toString() in action.toolTip()
    assert tools.group.isExclusive()
    tools.actions["measure"].trigger()
    assert tools.current() == "measure" and not tools.actions["identify"].isChecked()
    assert tools.canvas.tool() is tools.tool("measure")
    tools.actions["zoom_all"].trigger()  # a plain action: the tool stays
    assert tools.current() == "measure"


def test_measuring_a_3_4_5_triangle(tools):
    canvas = tools.canvas
    tools.set_tool("measure")
    readings = []
    tools.tool().measured.connect(readings.append)
    click(canvas, at(canvas, 0, 0))
    mouse(canvas, QEvent.Type.MouseMove, at(canvas, 3, 0), Qt.MouseButton.NoButton, Qt.MouseButton.NoButton)
    assert readings[-1] == "Length 3.00 m (last segment 3.00 m)"  # live, with the cursor
    click(canvas, at(canvas, 3, 0))
    double_click(canvas, at(canvas, 3, 4))
    tool = tools.tool()
    assert tool.finished and tool.points == [(X0, Y0), (X0 + 3, Y0), (X0 + 3, Y0 + 4)]  # no doubled corner
    assert tool.text() == "Length 7.00 m (last segment 4.00 m)"
    # The hypotenuse alone is 5.00 m; a new click after a finished measurement starts a new one.
    click(canvas, at(canvas, 0, 0))
    double_click(canvas, at(canvas, 3, 4))
    assert tool.text() == "Length 5.00 m (last segment 5.00 m)" == readings[-1]
    key(canvas, Qt.Key.Key_Escape)  # Esc on a finished measurement clears it
    assert tool.points == [] and readings[-1] == ""


def test_measuring_an_area(tools):
    canvas = tools.canvas
    tools.set_tool("measure_area")
    for x, y in ((0, 0), (3, 0), (0, 4)):
        click(canvas, at(canvas, x, y))
    key(canvas, Qt.Key.Key_Escape)  # Esc ends (closes) the polygon
    tool = tools.tool()
    assert tool.finished
    assert tool.text() == "Area 6.00 m², perimeter 12.00 m"
    assert math.isclose(tool.measured_area(), 6.0) and math.isclose(tool.perimeter(), 12.0)
    assert polygon_area([(0, 0), (0, 4), (3, 0)]) == 6.0 and polyline_length([(0, 0), (3, 4)]) == 5.0
    # Two points make no area: ending there clears.
    click(canvas, at(canvas, 0, 0))
    click(canvas, at(canvas, 3, 0))
    key(canvas, Qt.Key.Key_Escape)
    assert tool.points == []


def test_a_measured_line_is_drawn_near_black_not_red(tools):
    canvas = tools.canvas
    tools.set_tool("measure")
    click(canvas, at(canvas, 1, 2))
    double_click(canvas, at(canvas, 9, 2))
    image = canvas.render_image(SIZE, SIZE)
    p = at(canvas, 3, 2)  # a quarter along the line: no label there
    drawn = image.pixelColor(int(p.x()), int(p.y()))
    assert max(abs(a - b) for a, b in zip(drawn.getRgb()[:3], MEASURE_COLOUR.getRgb()[:3])) <= 40
    assert canvas.tool().finished


def test_measuring_selects_nothing(tools, qtbot):
    canvas = tools.canvas
    tools.set_tool("measure")
    picked = []
    canvas.featureClicked.connect(lambda k, i: picked.append((k, i)))
    click(canvas, at(canvas, 5, 5))
    assert picked == [] and canvas.selection() == ("", [])


def test_pan_moves_the_view_by_the_dragged_amount_and_selects_nothing(tools):
    canvas = tools.canvas
    tools.set_tool("pan")
    picked = []
    canvas.featureClicked.connect(lambda k, i: picked.append((k, i)))
    cx, cy = canvas.center()
    mouse(canvas, QEvent.Type.MouseButtonPress, QPointF(100, 100))
    mouse(canvas, QEvent.Type.MouseMove, QPointF(115, 90))
    mouse(canvas, QEvent.Type.MouseMove, QPointF(130, 80))
    mouse(canvas, QEvent.Type.MouseButtonRelease, QPointF(130, 80), buttons=Qt.MouseButton.NoButton)
    # Dragged 30 px right and 20 px up at 0.1 m/px: the map moved with the mouse, the view 3 m west, 2 m south.
    nx, ny = canvas.center()
    assert math.isclose(nx, cx - 3.0) and math.isclose(ny, cy - 2.0)
    assert canvas.metres_per_pixel() == MPP
    click(canvas, QPointF(100, 100))  # a click with the pan tool selects nothing
    assert picked == [] and canvas.selection() == ("", [])


def test_zoom_in_and_out_by_a_click_keep_the_clicked_point_and_zoom_in_to_a_rectangle(tools):
    canvas = tools.canvas
    tools.set_tool("zoom_in")
    point = at(canvas, 2, 3)
    click(canvas, point)
    assert math.isclose(canvas.metres_per_pixel(), MPP / 2)
    x, y = canvas.screen_to_map(point)
    assert math.isclose(x, X0 + 2) and math.isclose(y, Y0 + 3)
    tools.set_tool("zoom_out")
    click(canvas, point)
    assert math.isclose(canvas.metres_per_pixel(), MPP)
    tools.set_tool("zoom_in")
    canvas.set_view(X0 + 5, Y0 + 5, MPP)
    start, end = at(canvas, 2, 8), at(canvas, 6, 4)  # a 4 m square dragged
    mouse(canvas, QEvent.Type.MouseButtonPress, start)
    mouse(canvas, QEvent.Type.MouseMove, end)
    mouse(canvas, QEvent.Type.MouseButtonRelease, end, buttons=Qt.MouseButton.NoButton)
    assert math.isclose(canvas.metres_per_pixel(), 4 / SIZE)
    cx, cy = canvas.center()
    assert math.isclose(cx, X0 + 4) and math.isclose(cy, Y0 + 6)


# --- the window ------------------------------------------------------------------------------------------------


@pytest.fixture
def sample_window(qtbot, window):
    from planner.gui.app import sample_files
    from planner.resources import sample_path

    with qtbot.waitSignal(window.checkFinished, timeout=30000):
        window.open_files([*sample_files(), ("lines", str(sample_path("xiguan_lines.gpkg")), None)])
    QApplication.processEvents()
    return window


def parcel_point(window, parcel: str) -> tuple[int, QPointF]:
    """The row of a parcel and a widget point inside it, away from buildings, green areas and its label."""
    session = window.session
    row = int(np.flatnonzero(session.plan.ids == parcel)[0])
    window.canvas.zoom_to_bounds(*window.canvas.feature_bounds("plan", [row]), margin=0.3)
    geometry = window.canvas._layers["plan"].geometry[row]  # in the display CRS
    minx, miny, _maxx, _maxy = geometry.bounds
    point = shapely.Point(minx + 6, miny + 6)
    assert geometry.contains(point)
    return row, window.canvas.map_to_screen(point.x, point.y)


def test_identify_selects_a_parcel_and_shows_its_attributes(sample_window):
    window = sample_window
    canvas = window.canvas
    assert window.map_tools.current() == "identify"
    row, point = parcel_point(window, "XG-06-01")
    click(canvas, point)
    assert canvas.selection() == ("plan", [row])
    assert window.inspector.parcel_id == "XG-06-01" and window.inspector_dock.isVisible()
    text = window.map_tools.popup.text()
    assert text.splitlines()[0] == ("Parcel XG-06-01: land use 070102 (Class-2 urban housing), area 10,000.0 m²")
    assert "FAR: limit ≤2.0" in text
    # A building: its number, storeys, height and use.
    buildings = window.session.buildings
    b = int(np.flatnonzero(buildings.ids == "4#")[0])
    x, y = canvas._layers["buildings"].label_xy[b]
    click(canvas, canvas.map_to_screen(x, y))
    assert canvas.selection() == ("buildings", [b])
    expected = (f"Building 4#: {buildings.floors[b]:g} storeys, height {buildings.height[b]:g} m, "
                f"use {buildings.use[b]}")
    assert window.map_tools.popup.text() == expected
    key(canvas, Qt.Key.Key_Escape)  # Esc closes the attributes, the selection stays
    assert window.map_tools.popup.text() == "" and canvas.selection() == ("buildings", [b])
    click(canvas, canvas.map_to_screen(x, y))
    assert window.map_tools.popup.text() == expected
    canvas.zoom_to_all()
    click(canvas, QPointF(3, 3))  # nothing there (the corner of the whole plan): no popup
    assert window.map_tools.popup.text() == ""


def test_pan_tool_in_the_window_selects_no_parcel(sample_window):
    window = sample_window
    window.map_tools.actions["pan"].trigger()
    _row, point = parcel_point(window, "XG-06-01")
    click(window.canvas, point)
    assert window.canvas.selection() == ("", []) and window.map_tools.popup.text() == ""


def test_land_use_view_colours_a_residential_parcel_yellow_and_the_status_view_comes_back(sample_window):
    window = sample_window
    canvas = window.canvas
    row, point = parcel_point(window, "XG-03-01")  # 070102 urban housing, no building on it
    assert window.session.plan.land_use[row] == "070102"
    residential = next(c for c in land_use_colours().classes if c.key == "residential")
    status_fill = opaque(PARCEL_SYMBOLS[int(canvas._layers["plan"].classes[row])].fill)
    lines_before = dict(canvas._layers["lines"].styles)
    buildings_before = dict(canvas._layers["buildings"].styles)

    def drawn() -> QColor:
        return canvas.render_image(canvas.width(), canvas.height()).pixelColor(int(point.x()), int(point.y()))

    assert drawn() == status_fill and window.parcel_view() == "status"
    window.map_tools.actions["land_use_view"].trigger()
    assert window.parcel_view() == "land_use"
    assert drawn() == opaque(residential.fill) == QColor(255, 255, 0)
    legend = window.layer_panel.legend_texts()
    assert "Residential (R, 07)" in legend and "Commercial and business (B, 09)" in legend
    assert "Parcel with violations" not in legend and "Road red line" in legend
    assert "Reserved land (16)" not in legend  # only the classes the plan has
    # Control lines and flagged buildings keep their own styles in the land-use view.
    assert canvas._layers["lines"].styles == lines_before and canvas._layers["buildings"].styles == buildings_before
    window.map_tools.actions["status_view"].trigger()
    assert drawn() == status_fill and "Parcel with violations" in window.layer_panel.legend_texts()


def test_a_new_check_keeps_the_land_use_view(qtbot, sample_window):
    window = sample_window
    window.map_tools.set_parcel_view("land_use")
    window._refresh_after_check()  # what every finished check does
    row, point = parcel_point(window, "XG-03-01")
    image = window.canvas.render_image(window.canvas.width(), window.canvas.height())
    assert image.pixelColor(int(point.x()), int(point.y())) == QColor(255, 255, 0)


def colour_distance(a: QColor, b: QColor) -> float:
    return math.dist(a.getRgb()[:3], b.getRgb()[:3])


def test_control_lines_stay_distinct_from_violation_highlighting():
    """Each control line's colour stands apart from every colour that marks a violation or a selection, and the
    road red line alone is dash-dot."""
    flagged = BUILDING_SYMBOLS[BUILDING_VIOLATION]
    violating = PARCEL_SYMBOLS[PARCEL_VIOLATION]
    marks = [flagged.fill, flagged.stroke, violating.fill, violating.stroke, SELECTION_COLOR, HIGHLIGHT_COLOR,
             MEASURE_COLOUR]
    for kind, symbol in CONTROL_SYMBOLS.items():
        for mark in marks:
            assert colour_distance(symbol.stroke, mark) >= 60, (kind, mark.getRgb())
    assert [k for k, s in CONTROL_SYMBOLS.items() if s.dash_dot] == ["road_red_line"]
    for cls in land_use_colours().classes:  # no land-use fill can pass for a flagged building
        assert colour_distance(cls.fill, flagged.fill) >= 60, cls.key


def test_land_use_classes_by_code():
    table = land_use_colours()

    def key(code):
        found = table.class_of(code)
        return table.classes[found].key if found >= 0 else None

    assert [key(c) for c in ("R2", "070102", "0701/09", "R2/B1", "B1", "0902", "080403", "M1", "110101", "1207",
                             "1303", "1401", "E1", "E2", "H41", "16")] == [
        "residential", "residential", "residential", "residential", "commercial", "commercial", "public",
        "industrial", "warehouse", "transport", "utilities", "green", "water", "rural", "special", "reserved"]
    assert key(None) is key("") is key("X9") is None


# --- the findings table --------------------------------------------------------------------------------------


def test_the_findings_columns_fit_beside_the_inspector(sample_window):
    window = sample_window
    assert window.width() == 1400
    window.findings.view.selectRow(0)  # the inspector opens beside the table
    QApplication.processEvents()
    assert window.inspector_dock.isVisible()
    view = window.findings.view
    header = view.horizontalHeader()
    assert header.length() <= view.viewport().width()
    assert view.horizontalScrollBar().maximum() == 0  # no sideways scrolling
    assert view.columnWidth(FindingsModel.RULE) >= MIN_RULE_WIDTH
    assert view.columnWidth(FindingsModel.MESSAGE) >= MIN_MESSAGE_WIDTH
    assert view.textElideMode() == Qt.TextElideMode.ElideRight


def test_clicking_a_parcel_whose_only_warnings_are_hidden_shows_and_selects_them(sample_window):
    window = sample_window
    panel = window.findings
    assert not panel.off_scheme_button.isChecked()  # XG-04-01's warning is hidden: the scheme does not touch it
    _row, point = parcel_point(window, "XG-04-01")
    click(window.canvas, point)
    assert panel.off_scheme_button.isChecked()
    rows = {index.row() for index in panel.view.selectionModel().selectedRows()}
    assert rows and all(panel.proxy.finding(r).parcel == "XG-04-01" for r in rows)
    assert panel.view.currentIndex().row() in rows
