"""Every finding points at its building: selecting it names the building in the table, outlines and numbers it on
the map, and selects it in the parcel inspector, for each kind of finding of the sample (with control lines)."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from planner.gui.app import sample_files
from planner.gui.main_window import MainWindow
from planner.gui.map_canvas import HIGHLIGHT_COLOR
from planner.gui.session import display_geometry
from planner.gui.violations import FindingsModel
from planner.resources import sample_path

LINES = str(sample_path("xiguan_lines.gpkg"))


@pytest.fixture(scope="module")
def window(qapp, tmp_path_factory):
    """One checked window for the module (loading the sample and its control lines takes a second)."""
    settings = QSettings(str(tmp_path_factory.mktemp("settings") / "planner.ini"), QSettings.Format.IniFormat)
    win = MainWindow("en", settings)
    win.setProperty("quiet_errors", True)
    win.resize(1400, 900)
    win.show()
    loop = QEventLoop()
    win.checkFinished.connect(loop.quit)
    QTimer.singleShot(30000, loop.quit)
    win.open_files([*sample_files(), ("lines", LINES, None)])
    loop.exec()
    assert win.session.result is not None
    yield win
    win.runner.shutdown()
    win.close()


def select(window, rule: str, parcel: str | None = None, building: str | None = None):
    proxy = window.findings.proxy
    for row in range(proxy.rowCount()):
        f = proxy.finding(row)
        if getattr(f, "rule", None) == rule and (parcel is None or f.parcel == parcel) \
                and (building is None or f.building == building):
            window.findings.view.selectRow(row)
            QApplication.processEvents()
            return row, f
    raise AssertionError(f"no {rule} finding")


def rows_of(window, ids) -> list[int]:
    return sorted(int(r) for b in ids for r in np.flatnonzero(window.session.buildings.ids == b))


def highlighted(window) -> list[str]:
    key, rows = window.canvas.highlight()
    assert key == "buildings"
    return sorted(str(window.session.buildings.ids[r]) for r in rows)


def building_cell(window, row) -> str:
    return window.findings.proxy.index(row, FindingsModel.BUILDING).data()


@pytest.mark.parametrize(("rule", "parcel", "building", "height"), [
    ("height_max", "XG-06-02", "4#", "49.5 m"),  # 4# is the one building above 45 m
    ("height_min", "XG-06-03", "7#", "18.3 m"),  # 7#, the tallest, is still below 24 m
])
def test_a_height_finding_names_and_highlights_its_building(window, rule, parcel, building, height):
    row, finding = select(window, rule, parcel)
    assert finding.details["buildings"] == [building]
    assert building_cell(window, row) == building
    message = window.findings.proxy.index(row, FindingsModel.MESSAGE).data()
    assert f"the tallest building, {building}, is {height}" in message
    assert window.canvas.selection()[0] == "plan"  # the parcel selected, its building outlined and numbered
    assert highlighted(window) == [building]
    assert window.canvas._highlight[2] == [building]
    assert window.inspector.parcel_id == parcel and window.inspector.selected_buildings() == [building]
    # The building is inside the view, outlined in the highlight colour.
    minx, miny, maxx, maxy = window.canvas.view_bounds()
    bx0, by0, bx1, by1 = window.session.buildings.geometry[rows_of(window, [building])[0]].bounds
    assert minx <= bx0 and maxx >= bx1 and miny <= by0 and maxy >= by1
    image = window.canvas.grab().toImage()
    corner = window.canvas.map_to_screen(bx0, by1).toPoint()
    assert any(image.pixelColor(corner.x() + dx, corner.y() + dy) == HIGHLIGHT_COLOR
               for dx in range(-2, 3) for dy in range(-2, 3))


@pytest.mark.parametrize(("rule", "parcel", "buildings", "column", "shares"), [
    # FAR: 1# 16200, 2# 9900 and 3#'s 1680 of XG-06-01's 27780 m² counted (sample_plans/README.md, row 1).
    ("far_max", "XG-06-01", ["1#", "2#", "3#"], 7, ["58.3%", "35.6%", "6.0%"]),
    # Density: 3#'s 168, 4#'s 1000, 5#'s 1400 and 6#'s 300 of XG-06-02's 2868 m² of footprint (row 3).
    ("density_max", "XG-06-02", ["3#", "4#", "5#", "6#"], 6, ["5.9%", "34.9%", "48.8%", "10.5%"]),
    # Green ratio of XG-06-01: its buildings are listed and highlighted too.
    ("green_min", "XG-06-01", ["1#", "2#", "3#"], 6, ["43.3%", "43.3%", "13.5%"]),
    # XG-05-01 (FAR below its minimum): G-4 has no storeys, so it brings no counted area.
    ("far_min", "XG-05-01", ["G-1", "G-2", "G-3", "G-4"], 7, ["79.4%", "19.8%", "0.8%", "0.0%"]),
])
def test_a_parcel_finding_highlights_the_parcels_buildings_with_their_shares(window, rule, parcel, buildings,
                                                                           column, shares):
    _row, _finding = select(window, rule, parcel)
    assert window.canvas.selection() == ("plan", [int(np.flatnonzero(window.session.plan.ids == parcel)[0])])
    assert highlighted(window) == sorted(buildings)
    table = window.inspector.building_table
    assert [table.item(r, 0).text() for r in range(table.rowCount())] == buildings
    assert [table.item(r, column).text() for r in range(table.rowCount())] == shares
    assert window.inspector.selected_buildings() == buildings


@pytest.mark.parametrize(("rule", "building", "parcels"), [
    ("land_use", "G-6", ["XG-05-02"]),
    ("crosses_parcel", "3#", ["XG-06-01", "XG-06-02"]),
    ("outside_plan", "10#", []),
    ("setback", "1#", ["XG-06-01"]),
    ("building_line", "5#", ["XG-06-02"]),
    ("beyond_red_line", "10#", []),
    ("green_line", "11#", ["XG-07-01"]),
])
def test_a_building_finding_selects_and_numbers_its_building_and_shows_its_parcels(window, rule, building, parcels):
    row, _finding = select(window, rule, building=building)
    assert building_cell(window, row) == building
    assert window.canvas.selection() == ("buildings", rows_of(window, [building]))
    assert highlighted(window) == [building] and window.canvas._highlight[2] == [building]
    minx, miny, maxx, maxy = window.canvas.view_bounds()
    for parcel in parcels:  # the parcels it stands on stay in view: a crossing is seen across the line
        px0, py0, px1, py1 = window.session.plan.geometry[np.flatnonzero(window.session.plan.ids == parcel)[0]].bounds
        assert minx <= px0 and maxx >= px1 and miny <= py0 and maxy >= py1, parcel
    if parcels:
        assert window.inspector.selected_buildings() == [building]


def test_clicking_a_building_selects_the_findings_that_name_it_in_their_details(window):
    """4# is named by a height finding (in its details) and a setback: selecting it on the map selects both."""
    window.canvas.set_selection("", [])
    building = rows_of(window, ["4#"])[0]
    window._on_canvas_feature_clicked("buildings", building)
    selected = {window.findings.proxy.finding(i.row()).rule
                for i in window.findings.view.selectionModel().selectedRows()}
    assert selected == {"height_max", "setback"}


def test_buildings_failing_a_setback_or_the_building_control_line_are_marked_on_the_map(window):
    """Every building a finding names is drawn as a flagged building, on screen and in the report's maps (one
    symbology): the setbacks of 1#, 2#, 4#, 5# and 6#, the building line of 1#, 5# and 6#, beyond the red line and
    outside the plan 10#, on the green line 11#, as well as the crossing 3#, the height breaches 4# and 7#, and
    the land-use breaches G-6 and 11#."""
    from planner.gui.session import BUILDING_VIOLATION, building_classes
    from planner.report.symbology import BUILDING_SYMBOLS, opaque

    marked = window.session.buildings.ids[building_classes(window.session) == BUILDING_VIOLATION]
    assert set(marked.tolist()) == {"1#", "2#", "3#", "4#", "5#", "6#", "7#", "10#", "11#", "G-6"}
    window.canvas.set_selection("", [])
    window.canvas.set_highlight("", [])
    five = window.session.buildings.geometry[rows_of(window, ["5#"])[0]]
    window.canvas.set_view(five.centroid.x, five.centroid.y, 0.2)
    image = window.canvas.render_image(window.canvas.width(), window.canvas.height())
    inside = window.canvas.map_to_screen(five.representative_point().x, five.representative_point().y - 2)
    assert image.pixelColor(inside.toPoint()) == opaque(BUILDING_SYMBOLS[BUILDING_VIOLATION].fill)


def test_violating_parcels_buildings_and_red_lines_do_not_share_one_red(window):
    """On a failing parcel the road red line still shows: three reds far apart, the line dash-dot on top of the
    parcel fill."""
    from planner.gui.main_window import LINE_STYLES
    from planner.io.controls import KIND_ID
    from planner.report.symbology import (
        BUILDING_SYMBOLS,
        BUILDING_VIOLATION,
        CONTROL_SYMBOLS,
        PARCEL_SYMBOLS,
        PARCEL_VIOLATION,
    )

    def distance(a, b):
        return sum((x - y) ** 2 for x, y in zip(a.getRgb()[:3], b.getRgb()[:3])) ** 0.5

    parcel, building = PARCEL_SYMBOLS[PARCEL_VIOLATION], BUILDING_SYMBOLS[BUILDING_VIOLATION]
    red_line = CONTROL_SYMBOLS["road_red_line"]
    assert red_line.dash_dot and LINE_STYLES[KIND_ID["road_red_line"]].dash_dot
    for a, b in ((parcel.fill, red_line.stroke), (building.fill, red_line.stroke), (parcel.fill, building.fill),
                 (parcel.stroke, red_line.stroke)):
        assert distance(a, b) > 80, (a.getRgb(), b.getRgb())
    assert building.width >= 2 * parcel.width  # a thick outline
    # Drawn: a red line running across the failing parcel XG-06-01 shows its own colour there.
    lines = window.session.lines
    road = [k for k in np.flatnonzero(lines.kinds == KIND_ID["road_red_line"]).tolist()]
    plan_row = int(np.flatnonzero(window.session.plan.ids == "XG-06-01")[0])
    geometry = display_geometry(window.session)
    parcel_geom = geometry["plan"][plan_row]
    near = [k for k in road if shapely.distance(geometry["lines"][k], parcel_geom) < 1]
    assert near, "a road red line borders XG-06-01"
    edge = shapely.intersection(shapely.boundary(geometry["lines"][near[0]]) if geometry["lines"][near[0]].area
                                else geometry["lines"][near[0]], parcel_geom.buffer(0.5))
    window.canvas.set_selection("", [])
    window.canvas.set_highlight("", [])
    window.canvas.set_view(edge.centroid.x, edge.centroid.y, 0.5)
    image = window.canvas.render_image(window.canvas.width(), window.canvas.height())
    centre = window.canvas.map_to_screen(edge.centroid.x, edge.centroid.y).toPoint()
    reds = sum(1 for x in range(centre.x() - 40, centre.x() + 40) for y in range(centre.y() - 40, centre.y() + 40)
               if distance(image.pixelColor(x, y), red_line.stroke) < 30)
    assert reds > 20
