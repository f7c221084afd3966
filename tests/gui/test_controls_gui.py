"""Control lines in the main window (offscreen): loaded, checked, drawn, and their setback segments shown."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from PySide6.QtGui import QColor

from planner.gui.app import sample_files
from planner.gui.map_canvas import LayerStyle, MapCanvas
from planner.gui.session import display_geometry
from planner.io.controls import KIND_ID
from planner.resources import sample_path

LINES = str(sample_path("xiguan_lines.gpkg"))


@pytest.fixture
def checked(qtbot, window):
    with qtbot.waitSignal(window.checkFinished, timeout=30000):
        window.open_files([*sample_files(), ("lines", LINES, None)])
    return window


def _setbacks(window):
    return [v for v in window.session.result.violations if v.rule == "setback"]


def _reddish(c):
    return c.red() > 170 and c.green() < 90 and c.blue() < 90


def _orange(c):
    return c.red() > 220 and 90 < c.green() < 180 and c.blue() < 80


def _any_near(image, point, test, radius=2):
    x0, y0 = round(point.x()), round(point.y())
    return any(test(image.pixelColor(x, y)) for x in range(x0 - radius, x0 + radius + 1)
               for y in range(y0 - radius, y0 + radius + 1)
               if 0 <= x < image.width() and 0 <= y < image.height())


def test_control_lines_load_check_and_show_their_setbacks(checked):
    window = checked
    assert window.session.lines is not None
    setbacks = _setbacks(window)
    assert setbacks, "the violating scheme has buildings too close to red lines"
    rules = {getattr(window.findings.proxy.finding(r), "rule", None) for r in range(window.findings.proxy.rowCount())}
    assert "setback" in rules
    assert "lines" in window.canvas.layer_keys()
    assert window.canvas.layer_title("lines") == "Control lines"
    keys = window.canvas.layer_keys()  # top first: lines below the buildings, above the parcels
    assert keys.index("buildings") < keys.index("lines") < keys.index("plan")
    assert len(window.canvas.overlay_segments()) == len(setbacks)
    # Hiding the lines hides their segments.
    window.layer_panel.visibilityChanged.emit("lines", False)
    assert window.canvas.overlay_segments() == []
    window.layer_panel.visibilityChanged.emit("lines", True)
    assert len(window.canvas.overlay_segments()) == len(setbacks)


def test_a_road_red_line_is_drawn_red_and_a_setback_segment_orange(checked):
    window, canvas = checked, checked.canvas
    geometry = display_geometry(window.session)
    lines, footprints = geometry["lines"], geometry["buildings"]
    road = np.flatnonzero(window.session.lines.kinds == KIND_ID["road_red_line"])
    segments = [shapely.LineString(s) for s, _label in canvas.overlay_segments()]
    for i in road.tolist():  # a red line whose middle lies clear of buildings and measured segments
        middle = shapely.line_interpolate_point(shapely.boundary(lines[i]) if lines[i].area else lines[i], 0.5,
                                                normalized=True)
        if shapely.distance(middle, shapely.union_all(footprints)) > 5 and \
                (not segments or shapely.distance(middle, shapely.union_all(segments)) > 5):
            break
    else:
        pytest.fail("no red line clear of buildings")
    canvas.set_view(middle.x, middle.y, 0.5)
    image = canvas.render_image(canvas.width(), canvas.height())
    assert _any_near(image, canvas.map_to_screen(middle.x, middle.y), _reddish)

    (a, b), _label = canvas.overlay_segments()[0]
    mx, my = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
    canvas.set_view(mx, my, 0.1)
    image = canvas.render_image(canvas.width(), canvas.height())
    along = [canvas.map_to_screen(a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])) for t in (0.4, 0.5, 0.6)]
    assert any(_any_near(image, p, _orange) for p in along)


def test_selecting_a_setback_finding_zooms_to_the_building_and_its_segment(checked):
    window, canvas = checked, checked.canvas
    proxy = window.findings.proxy
    row = next(r for r in range(proxy.rowCount()) if getattr(proxy.finding(r), "rule", None) == "setback")
    finding = proxy.finding(row)
    window.findings.view.selectRow(row)
    key, indices = canvas.selection()
    assert key == "buildings" and indices
    minx, miny, maxx, maxy = canvas.view_bounds()
    for x, y in finding.details["segment"]:
        assert minx <= x <= maxx and miny <= y <= maxy


def test_line_layers_are_stroked_and_polygons_still_filled(qtbot):
    canvas = MapCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(200, 200)
    grey = LayerStyle(QColor(200, 200, 200), QColor(0, 0, 200), 1.0)
    geometry = np.array([shapely.box(0, 0, 40, 40),
                         shapely.LineString([(50, 0), (50, 100)]),
                         shapely.MultiLineString([[(60, 0), (60, 100)], [(70, 0), (70, 100)]])], dtype=object)
    canvas.set_layer("mixed", geometry, {0: grey, 1: LayerStyle(QColor(255, 255, 0), QColor(220, 0, 0), 3.0)},
                     classes=np.array([0, 1, 1]))
    canvas.set_view(50, 50, 0.5)
    image = canvas.render_image(200, 200)
    for x in (50, 60, 70):
        assert _any_near(image, canvas.map_to_screen(x, 50), _reddish, 1)
    # Between the lines: background, not the style's fill.
    c = image.pixelColor(canvas.map_to_screen(55, 50).toPoint())
    assert not (c.red() > 240 and c.green() > 240 and c.blue() < 50)
    c = image.pixelColor(canvas.map_to_screen(20, 20).toPoint())
    assert (c.red(), c.green(), c.blue()) == (200, 200, 200)


def test_setback_rows_show_the_measured_and_required_distances(qtbot):
    from planner import check, load_buildings, load_plan
    from planner.gui.violations import FindingsModel
    from planner.io.controls import load_controls
    from planner.resources import sample_path

    plan = load_plan(sample_path("xiguan_plan.gpkg"))
    buildings = load_buildings(sample_path("scheme_violating.gpkg"), "建筑")
    result = check(plan, buildings, controls=[load_controls(sample_path("xiguan_lines.gpkg"))])
    model = FindingsModel("en")
    model.set_result(result)
    rows = [r for r in range(model.rowCount()) if getattr(model.finding(r), "rule", None) == "setback"]
    assert rows
    for row in rows:
        finding = model.finding(row)
        actual = model.index(row, model.ACTUAL).data()
        limit = model.index(row, model.LIMIT).data()
        assert actual == f"{finding.details['distance']:.2f} m" and limit == f"≥{finding.details['required']:.2f} m"
