"""The map canvas draws what it is given where it belongs, and navigates and picks as a user expects."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QKeyEvent, QMouseEvent, QPainter, QWheelEvent
from PySide6.QtWidgets import QApplication
from shapely.geometry import MultiPolygon, Polygon

from planner.gui.map_canvas import BACKGROUND, SELECTION_COLOR, ZOOM_STEP, LayerStyle, MapCanvas
from tests.helpers import X0, Y0

RED = QColor(220, 40, 40)
BLUE = QColor(40, 60, 220)
GREEN = QColor(40, 170, 60)
DARK = QColor(30, 30, 30)
STYLES = {0: LayerStyle(RED, DARK), 1: LayerStyle(BLUE, DARK)}
SIZE = 200


def box(x0: float, y0: float, x1: float, y1: float) -> Polygon:
    """A square in metres from the test origin (real-sized map coordinates, as in EPSG:4542)."""
    return shapely.box(X0 + x0, Y0 + y0, X0 + x1, Y0 + y1)


def geoms(*shapes) -> np.ndarray:
    array = np.empty(len(shapes), dtype=object)
    array[:] = shapes
    return array


@pytest.fixture
def canvas(qtbot) -> MapCanvas:
    widget = MapCanvas()
    qtbot.addWidget(widget)
    widget.resize(SIZE, SIZE)
    return widget


def show_square_metres(canvas: MapCanvas, mpp: float = 0.5) -> None:
    """View the 100 m x 100 m square at the origin (at 0.5 m/px it fills the 200 px canvas)."""
    canvas.set_view(X0 + 50, Y0 + 50, mpp)


def pixel(canvas: MapCanvas, image: QImage, x: float, y: float) -> QColor:
    """The colour drawn at map point (x, y) metres from the test origin."""
    p = canvas.map_to_screen(X0 + x, Y0 + y)
    return image.pixelColor(int(p.x()), int(p.y()))


def same(a: QColor, b: QColor, tolerance: int = 3) -> bool:
    return all(abs(u - v) <= tolerance for u, v in zip(a.getRgb()[:3], b.getRgb()[:3]))


def squares_layer(canvas: MapCanvas) -> None:
    """Three features: red square, blue square, red square with a square hole."""
    holed = box(10, 60, 40, 90).difference(box(20, 70, 30, 80))
    canvas.set_layer("squares", geoms(box(10, 10, 40, 40), box(60, 10, 90, 40), holed), STYLES,
                     classes=np.array([0, 1, 0]))
    show_square_metres(canvas)


def mouse(canvas: MapCanvas, kind: QEvent.Type, x: float, y: float, button=Qt.MouseButton.LeftButton,
          buttons=Qt.MouseButton.LeftButton) -> None:
    point = QPointF(x, y)
    QApplication.sendEvent(canvas, QMouseEvent(kind, point, canvas.mapToGlobal(point), button, buttons,
                                               Qt.KeyboardModifier.NoModifier))


def click(canvas: MapCanvas, x: float, y: float) -> None:
    mouse(canvas, QEvent.Type.MouseButtonPress, x, y)
    mouse(canvas, QEvent.Type.MouseButtonRelease, x, y, buttons=Qt.MouseButton.NoButton)


def click_map(canvas: MapCanvas, x: float, y: float) -> None:
    p = canvas.map_to_screen(X0 + x, Y0 + y)
    click(canvas, p.x(), p.y())


# -- drawing ---------------------------------------------------------------------------------------------------


def test_fills_follow_classes_and_background_stays_outside(canvas):
    squares_layer(canvas)
    image = canvas.render_image(SIZE, SIZE)
    assert same(pixel(canvas, image, 25, 25), RED)
    assert same(pixel(canvas, image, 75, 25), BLUE)
    assert same(pixel(canvas, image, 50, 50), BACKGROUND)
    assert same(pixel(canvas, image, 75, 75), BACKGROUND)


def test_outline_is_drawn_on_the_edge(canvas):
    squares_layer(canvas)
    canvas.set_view(X0 + 50.25, Y0 + 50, 0.5)  # half a pixel over: the 1-px outline covers one pixel whole
    image = canvas.render_image(SIZE, SIZE)
    edge = canvas.map_to_screen(X0 + 60, Y0 + 25)  # left edge of the blue square, on a pixel's centre
    assert edge.x() == 119.5
    assert same(image.pixelColor(119, int(edge.y())), DARK, 10)
    assert same(image.pixelColor(117, int(edge.y())), BACKGROUND)
    assert same(image.pixelColor(121, int(edge.y())), BLUE)


def test_a_hole_is_not_filled(canvas):
    squares_layer(canvas)
    image = canvas.render_image(SIZE, SIZE)
    assert same(pixel(canvas, image, 25, 75), BACKGROUND)  # the hole
    assert same(pixel(canvas, image, 15, 85), RED)  # the ring around it


def test_rings_in_either_orientation_fill_and_holes_stay_empty(canvas):
    # Exterior clockwise and hole counter-clockwise: the reverse of the usual convention.
    shell = [(X0 + 10, Y0 + 10), (X0 + 10, Y0 + 90), (X0 + 90, Y0 + 90), (X0 + 90, Y0 + 10)]
    hole = [(X0 + 40, Y0 + 40), (X0 + 60, Y0 + 40), (X0 + 60, Y0 + 60), (X0 + 40, Y0 + 60)]
    canvas.set_layer("odd", geoms(Polygon(shell, [hole])), STYLES)
    show_square_metres(canvas)
    image = canvas.render_image(SIZE, SIZE)
    assert same(pixel(canvas, image, 20, 20), RED)
    assert same(pixel(canvas, image, 50, 50), BACKGROUND)


def test_overlapping_features_of_one_class_stay_filled_where_they_overlap(canvas):
    # Many features share one path per tile; an even-odd fill would punch their overlap out.
    canvas.set_layer("overlap", geoms(box(10, 10, 60, 60), box(40, 40, 90, 90)), STYLES)
    show_square_metres(canvas)
    image = canvas.render_image(SIZE, SIZE)
    assert same(pixel(canvas, image, 50, 50), RED)
    assert same(pixel(canvas, image, 80, 20), BACKGROUND)


def test_multipolygons_draw_every_part_and_empty_geometries_are_skipped(canvas):
    parts = MultiPolygon([box(10, 10, 30, 30), box(70, 70, 90, 90)])
    canvas.set_layer("multi", geoms(None, Polygon(), parts), STYLES)
    show_square_metres(canvas)
    image = canvas.render_image(SIZE, SIZE)
    assert same(pixel(canvas, image, 20, 20), RED)
    assert same(pixel(canvas, image, 75, 75), RED)  # (80, 80) lies under the north arrow's box
    assert same(pixel(canvas, image, 50, 50), BACKGROUND)
    assert canvas.layer_bounds("multi") == pytest.approx((X0 + 10, Y0 + 10, X0 + 90, Y0 + 90))


def test_an_empty_layer_draws_nothing_and_has_no_bounds(canvas):
    canvas.set_layer("empty", geoms(), STYLES)
    assert canvas.layer_bounds("empty") is None
    assert canvas.layer_bounds("no such layer") is None
    image = canvas.render_image(SIZE, SIZE)
    assert same(image.pixelColor(SIZE // 2, SIZE // 2), BACKGROUND)


def test_layer_order_decides_which_colour_shows_where_layers_overlap(canvas):
    canvas.set_layer("lower", geoms(box(10, 10, 90, 90)), {0: LayerStyle(GREEN, DARK)})
    canvas.set_layer("upper", geoms(box(30, 30, 70, 70)), STYLES)
    show_square_metres(canvas)
    assert canvas.layer_keys() == ["upper", "lower"]  # a new key goes on top
    assert same(pixel(canvas, canvas.render_image(SIZE, SIZE), 50, 50), RED)
    canvas.set_layer_order(["lower", "upper"])
    assert canvas.layer_keys() == ["lower", "upper"]
    assert same(pixel(canvas, canvas.render_image(SIZE, SIZE), 50, 50), GREEN)


def test_replacing_a_layer_keeps_its_place(canvas):
    canvas.set_layer("a", geoms(box(0, 0, 10, 10)), STYLES)
    canvas.set_layer("b", geoms(box(0, 0, 10, 10)), STYLES)
    canvas.set_layer("a", geoms(box(0, 0, 20, 20)), STYLES)
    assert canvas.layer_keys() == ["b", "a"]
    canvas.remove_layer("b")
    assert canvas.layer_keys() == ["a"]


def test_hidden_layers_are_neither_drawn_nor_picked(canvas, qtbot):
    canvas.set_layer("lower", geoms(box(10, 10, 90, 90)), {0: LayerStyle(GREEN, DARK)})
    canvas.set_layer("upper", geoms(box(30, 30, 70, 70)), STYLES)
    show_square_metres(canvas)
    canvas.set_layer_visible("upper", False)
    assert same(pixel(canvas, canvas.render_image(SIZE, SIZE), 50, 50), GREEN)
    with qtbot.waitSignal(canvas.featureClicked, timeout=1000) as blocker:
        click_map(canvas, 50, 50)
    assert blocker.args == ["lower", 0]
    canvas.set_layer_visible("lower", False)
    assert same(pixel(canvas, canvas.render_image(SIZE, SIZE), 50, 50), BACKGROUND)
    with qtbot.waitSignal(canvas.featureClicked, timeout=1000) as blocker:
        click_map(canvas, 50, 50)
    assert blocker.args == ["", -1]


def test_set_classes_restyles_and_rebuilds_only_the_tiles_that_changed(canvas):
    # 40 x 40 squares of 2 m: several tiles.
    x, y = np.meshgrid(np.arange(40) * 2.5, np.arange(40) * 2.5)
    squares = shapely.box(X0 + x.ravel(), Y0 + y.ravel(), X0 + x.ravel() + 2, Y0 + y.ravel() + 2)
    canvas.set_layer("grid", squares, STYLES)
    show_square_metres(canvas, mpp=0.05)  # 10 m in view, squares of 40 px: drawn as shapes
    canvas.set_view(X0 + 1, Y0 + 1, 0.05)
    assert same(pixel(canvas, canvas.render_image(SIZE, SIZE), 1, 1), RED)
    before = {id(p) for p in canvas._layers["grid"].groups.paths}
    classes = np.zeros(len(squares), dtype=int)
    classes[0] = 1
    canvas.set_classes("grid", classes)
    after = [id(p) for p in canvas._layers["grid"].groups.paths]
    assert same(pixel(canvas, canvas.render_image(SIZE, SIZE), 1, 1), BLUE)
    assert same(pixel(canvas, canvas.render_image(SIZE, SIZE), 3.5, 1), RED)
    rebuilt = sum(1 for p in after if p not in before)
    assert 0 < rebuilt < len(after) / 4, (rebuilt, len(after))


def test_features_smaller_than_a_pixel_still_show_at_a_city_wide_scale(canvas):
    # 2 m buildings 10 m apart, seen at 5 m/px: drawn as dots, neither vanishing nor filling the block.
    x, y = np.meshgrid(np.arange(20) * 10.0, np.arange(20) * 10.0)
    tiny = shapely.box(X0 + x.ravel(), Y0 + y.ravel(), X0 + x.ravel() + 2, Y0 + y.ravel() + 2)
    canvas.set_layer("tiny", tiny, STYLES)
    canvas.set_view(X0 + 100, Y0 + 100, 5.0)
    image = canvas.render_image(SIZE, SIZE)
    block = image.copy(canvas.map_to_screen(X0, Y0 + 200).toPoint().x(), canvas.map_to_screen(X0, Y0 + 200).toPoint().y(),
                       40, 40)
    marked = sum(1 for i in range(40) for j in range(40) if not same(block.pixelColor(i, j), BACKGROUND))
    assert 300 <= marked <= 500, marked  # one dot per building, 400 of them


def test_selection_is_outlined_on_top_in_the_selection_colour(canvas):
    squares_layer(canvas)
    canvas.set_selection("squares", [1])
    assert canvas.selection() == ("squares", [1])
    image = canvas.render_image(SIZE, SIZE)
    edge = canvas.map_to_screen(X0 + 60, Y0 + 25)
    colours = [image.pixelColor(int(edge.x()) + dx, int(edge.y())) for dx in (-1, 0)]
    assert all(same(c, SELECTION_COLOR, 10) for c in colours), [c.getRgb() for c in colours]
    assert same(pixel(canvas, image, 75, 25), BLUE)  # outline only: the fill still shows
    assert not same(pixel(canvas, image, 10, 25), SELECTION_COLOR, 60)  # the red square is not selected
    canvas.set_selection("squares", [])
    assert canvas.selection() == ("", [])
    assert not same(canvas.render_image(SIZE, SIZE).pixelColor(int(edge.x()), int(edge.y())), SELECTION_COLOR, 60)


def test_zoom_to_selection_shows_the_selected_feature(canvas):
    squares_layer(canvas)
    canvas.set_view(X0 + 5000, Y0 + 5000, 10.0)
    canvas.set_selection("squares", [1])
    canvas.zoom_to_selection()
    minx, miny, maxx, maxy = canvas.view_bounds()
    assert minx <= X0 + 60 and maxx >= X0 + 90 and miny <= Y0 + 10 and maxy >= Y0 + 40
    assert maxx - minx < 100


def test_removing_the_selected_layer_clears_the_selection(canvas):
    squares_layer(canvas)
    canvas.set_selection("squares", [0, 2])
    canvas.remove_layer("squares")
    assert canvas.selection() == ("", [])
    canvas.render_image(SIZE, SIZE)


def test_labels_appear_only_when_zoomed_in(canvas):
    light = {0: LayerStyle(QColor(245, 245, 200), QColor(150, 150, 150))}
    canvas.set_layer("plan", geoms(box(0, 0, 30, 30), box(40, 0, 70, 30)), light,
                     labels=np.array(["B0001-01", "B0001-02"], dtype=object))
    canvas.set_view(X0 + 15, Y0 + 15, 0.25)  # 30 m = 120 px wide
    labels = canvas.visible_labels()
    assert [label.text for label in labels] == ["B0001-01"]
    centre = canvas.map_to_screen(X0 + 15, Y0 + 15)
    assert (labels[0].x, labels[0].y) == pytest.approx((centre.x(), centre.y()), abs=1)
    assert dark_pixels(canvas.render_image(SIZE, SIZE), centre) > 5

    canvas.set_view(X0 + 15, Y0 + 15, 2.0)  # 30 m = 15 px wide
    assert canvas.visible_labels() == []
    assert dark_pixels(canvas.render_image(SIZE, SIZE), canvas.map_to_screen(X0 + 15, Y0 + 15)) == 0


def test_labels_need_room_for_their_text_and_missing_ids_are_not_drawn(canvas):
    canvas.set_layer("plan", geoms(box(0, 0, 20, 20), box(40, 0, 60, 20)), STYLES,
                     labels=np.array(["B0001-01-A-LONG-IDENTIFIER", None], dtype=object))
    canvas.set_view(X0 + 30, Y0 + 10, 0.25)  # both 80 px wide: room for 40 px, not for the long text
    assert canvas.visible_labels() == []
    canvas.set_view(X0 + 30, Y0 + 10, 0.05)
    assert [label.text for label in canvas.visible_labels(2000, 2000)] == ["B0001-01-A-LONG-IDENTIFIER"]


def dark_pixels(image: QImage, centre: QPointF) -> int:
    x0, y0 = int(centre.x()) - 30, int(centre.y()) - 5
    return sum(1 for x in range(x0, x0 + 60) for y in range(y0, y0 + 10) if image.pixelColor(x, y).lightness() < 100)


def test_legend_is_drawn_top_right(canvas):
    squares_layer(canvas)
    plain = canvas.render_image(SIZE, SIZE)
    arrow_alone = canvas.north_arrow_rect()
    canvas.set_legend([(RED, "违规"), (BLUE, "合规")])
    legend = canvas.render_image(SIZE, SIZE)
    arrow_moved = canvas.north_arrow_rect()  # the north arrow steps left of the legend
    changed = [(x, y) for x in range(0, SIZE, 4) for y in range(0, SIZE, 4) if plain.pixel(x, y) != legend.pixel(x, y)
               and not arrow_alone.contains(QPointF(x, y)) and not arrow_moved.contains(QPointF(x, y))]
    assert changed
    assert all(x > SIZE / 2 and y < SIZE / 2 for x, y in changed)
    # Turned off (View > Show legend), the map is as it was without one.
    canvas.set_legend_visible(False)
    assert canvas.render_image(SIZE, SIZE) == plain


def test_the_widget_paints_what_render_image_draws(canvas):
    squares_layer(canvas)
    grabbed = canvas.grab().toImage()
    p = canvas.map_to_screen(X0 + 75, Y0 + 25).toPoint()
    assert same(grabbed.pixelColor(p), BLUE)
    assert same(grabbed.pixelColor(canvas.map_to_screen(X0 + 50, Y0 + 50).toPoint()), BACKGROUND)


def test_paths_read_in_batches_draw_the_same(canvas, monkeypatch):
    """A city's vertices become Qt paths PATH_BATCH vertices at a time (the GIL is let go between batches)."""
    from planner.gui import map_canvas

    squares_layer(canvas)
    whole = canvas.render_image(SIZE, SIZE)
    paths = list(canvas.prepared_layer("squares").groups.paths)
    monkeypatch.setattr(map_canvas, "PATH_BATCH", 1)  # every path in a batch of its own
    monkeypatch.setattr(map_canvas, "GIL_SLICE", 1)  # the holed square's rings got feature by feature
    squares_layer(canvas)
    assert canvas.prepared_layer("squares").groups.paths == paths
    assert canvas.render_image(SIZE, SIZE) == whole


def test_a_picture_too_long_to_draw_at_once_is_finished_in_later_turns(canvas, qtbot, monkeypatch):
    """A whole city takes ~50 ms to draw: the widget draws DRAW_SLICE at a time between other events, showing the
    last picture (moved to the new view) until the new one is whole."""
    from planner.gui import map_canvas

    squares_layer(canvas)
    assert same(pixel(canvas, canvas.grab().toImage(), 25, 25), RED)  # small: drawn at once, as always
    monkeypatch.setattr(map_canvas, "DRAW_SLICE", 0.0)  # every turn draws one piece
    canvas.set_classes("squares", np.array([1, 0, 0]))
    stand_in = canvas.grab().toImage()
    assert same(pixel(canvas, stand_in, 25, 25), RED) and same(pixel(canvas, stand_in, 75, 25), BLUE)
    qtbot.waitUntil(lambda: canvas._drawing is None, timeout=2000)
    drawn = canvas.grab().toImage()
    assert same(pixel(canvas, drawn, 25, 25), BLUE) and same(pixel(canvas, drawn, 75, 25), RED)
    assert drawn == canvas.render_image(SIZE, SIZE).convertToFormat(drawn.format())
    # Zoomed out: the last picture, half as big, stands in where its features now are.
    canvas.set_view(X0 + 50, Y0 + 50, 1.0)
    stand_in = canvas.grab().toImage()
    assert canvas._drawing is not None
    assert same(pixel(canvas, stand_in, 25, 25), BLUE) and same(pixel(canvas, stand_in, 75, 25), RED)
    assert same(pixel(canvas, stand_in, -40, 50), BACKGROUND)  # outside the last picture
    canvas.finish_drawing()  # what a screenshot does
    assert canvas._drawing is None
    assert canvas.grab().toImage() == canvas.render_image(SIZE, SIZE).convertToFormat(drawn.format())


# -- navigation ------------------------------------------------------------------------------------------------


def test_wheel_zoom_keeps_the_map_point_under_the_cursor(canvas, qtbot):
    squares_layer(canvas)
    cursor = QPointF(37, 142)
    before = canvas.screen_to_map(cursor)
    mpp = canvas.metres_per_pixel()
    with qtbot.waitSignal(canvas.viewChanged, timeout=1000) as blocker:
        QApplication.sendEvent(canvas, QWheelEvent(
            cursor, canvas.mapToGlobal(cursor), QPoint(0, 0), QPoint(0, 120), Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False))
    assert canvas.metres_per_pixel() == pytest.approx(mpp / ZOOM_STEP)
    assert blocker.args == [pytest.approx(mpp / ZOOM_STEP)]
    assert canvas.screen_to_map(cursor) == pytest.approx(before, abs=1e-6)
    QApplication.sendEvent(canvas, QWheelEvent(
        cursor, canvas.mapToGlobal(cursor), QPoint(0, 0), QPoint(0, -240), Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False))
    assert canvas.metres_per_pixel() == pytest.approx(mpp * ZOOM_STEP)
    assert canvas.screen_to_map(cursor) == pytest.approx(before, abs=1e-6)


def test_drag_pans_by_the_dragged_pixels_and_does_not_pick(canvas, qtbot):
    squares_layer(canvas)
    grabbed = canvas.screen_to_map(QPointF(100, 100))
    with qtbot.assertNotEmitted(canvas.featureClicked):
        mouse(canvas, QEvent.Type.MouseButtonPress, 100, 100)
        mouse(canvas, QEvent.Type.MouseMove, 120, 110, button=Qt.MouseButton.NoButton)
        mouse(canvas, QEvent.Type.MouseMove, 150, 130, button=Qt.MouseButton.NoButton)
        mouse(canvas, QEvent.Type.MouseButtonRelease, 150, 130, buttons=Qt.MouseButton.NoButton)
    assert canvas.screen_to_map(QPointF(150, 130)) == pytest.approx(grabbed, abs=1e-6)
    assert canvas.metres_per_pixel() == 0.5


def test_mouse_move_reports_map_coordinates(canvas, qtbot):
    squares_layer(canvas)
    with qtbot.waitSignal(canvas.cursorMoved, timeout=1000) as blocker:
        mouse(canvas, QEvent.Type.MouseMove, 50, 150, button=Qt.MouseButton.NoButton, buttons=Qt.MouseButton.NoButton)
    assert blocker.args == [pytest.approx(X0 + 25), pytest.approx(Y0 + 25)]


def test_zoom_to_bounds_puts_the_bounds_inside_the_view(canvas):
    canvas.resize(300, 200)
    for bounds in [(X0, Y0, X0 + 1000, Y0 + 50), (X0, Y0, X0 + 10, Y0 + 800), (X0 + 5, Y0 + 5, X0 + 5, Y0 + 5)]:
        canvas.zoom_to_bounds(*bounds)
        minx, miny, maxx, maxy = canvas.view_bounds()
        assert minx <= bounds[0] and miny <= bounds[1] and maxx >= bounds[2] and maxy >= bounds[3]
    canvas.zoom_to_bounds(X0, Y0, X0 + 1000, Y0 + 50, margin=0.1)
    minx, _, maxx, _ = canvas.view_bounds()
    assert maxx - minx == pytest.approx(1200)  # the wide side fits, with 10 % on each side


def test_home_shows_everything_and_plus_minus_zoom(canvas, qtbot):
    squares_layer(canvas)
    canvas.set_view(X0 + 5000, Y0 + 5000, 0.01)
    for key, check in [(Qt.Key.Key_Home, None), (Qt.Key.Key_Plus, 1 / ZOOM_STEP), (Qt.Key.Key_Minus, ZOOM_STEP)]:
        mpp = canvas.metres_per_pixel()
        QApplication.sendEvent(canvas, QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier))
        if check is None:
            minx, miny, maxx, maxy = canvas.view_bounds()
            assert minx <= X0 + 10 and miny <= Y0 + 10 and maxx >= X0 + 90 and maxy >= Y0 + 90
        else:
            assert canvas.metres_per_pixel() == pytest.approx(mpp * check)


def test_the_first_layer_is_shown_whole(canvas):
    canvas.set_layer("far", geoms(shapely.box(600_000, 3_000_000, 601_000, 3_000_500)), STYLES)
    minx, miny, maxx, maxy = canvas.view_bounds()
    assert minx <= 600_000 and maxx >= 601_000 and miny <= 3_000_000 and maxy >= 3_000_500


@pytest.mark.parametrize(("mpp", "label"), [(0.004, "0.2 m"), (0.5, "50 m"), (1.0, "100 m"), (4.0, "200 m"),
                                             (10.0, "1 km"), (20.0, "2 km"), (100.0, "10 km")])
def test_scale_bar_is_a_round_length(canvas, mpp, label):
    canvas.set_view(X0, Y0, mpp)
    assert canvas.scale_bar_label() == label
    length, _ = canvas.scale_bar()
    assert 0.4 * 120 <= length / mpp <= 120


# -- picking ---------------------------------------------------------------------------------------------------


def test_click_picks_the_feature_under_the_cursor(canvas, qtbot):
    squares_layer(canvas)
    with qtbot.waitSignal(canvas.featureClicked, timeout=1000) as blocker:
        click_map(canvas, 75, 25)
    assert blocker.args == ["squares", 1]


def test_click_on_empty_space_or_a_hole_picks_nothing(canvas, qtbot):
    squares_layer(canvas)
    for x, y in [(50, 50), (25, 75)]:
        with qtbot.waitSignal(canvas.featureClicked, timeout=1000) as blocker:
            click_map(canvas, x, y)
        assert blocker.args == ["", -1]


def test_the_topmost_layer_and_the_smallest_feature_win(canvas, qtbot):
    canvas.set_layer("parcels", geoms(box(0, 0, 100, 100), box(20, 20, 40, 40)), STYLES)
    canvas.set_layer("buildings", geoms(box(60, 60, 80, 80)), STYLES)
    show_square_metres(canvas)
    for (x, y), expected in [((30, 30), ["parcels", 1]), ((10, 10), ["parcels", 0]), ((70, 70), ["buildings", 0])]:
        with qtbot.waitSignal(canvas.featureClicked, timeout=1000) as blocker:
            click_map(canvas, x, y)
        assert blocker.args == expected


def test_high_dpi_pictures_put_features_in_the_same_place(canvas):
    squares_layer(canvas)
    image = QImage(2 * SIZE, 2 * SIZE, QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(2.0)
    painter = QPainter(image)
    canvas._paint_map(painter, SIZE, SIZE)  # what paintEvent does on a 2x screen
    painter.end()
    for (x, y), colour in [((75, 25), BLUE), ((25, 25), RED), ((25, 75), BACKGROUND), ((50, 50), BACKGROUND)]:
        p = canvas.map_to_screen(X0 + x, Y0 + y)
        assert same(image.pixelColor(int(2 * p.x()), int(2 * p.y())), colour)


def test_a_label_of_an_upper_layer_never_covers_one_below(canvas):
    """A building's number that would sit on its parcel's id is left out; one clear of it is drawn."""
    canvas.set_layer("plan", geoms(box(0, 0, 100, 100)), STYLES, labels=np.array(["XG-06-02"], dtype=object))
    canvas.set_layer("buildings", geoms(box(40, 44, 60, 56), box(5, 5, 35, 35)), STYLES,
                     labels=np.array(["4#", "5#"], dtype=object))
    canvas.set_view(X0 + 50, Y0 + 50, 0.25)
    shown = [(label.key, label.text) for label in canvas.visible_labels(800, 800)]
    assert shown == [("plan", "XG-06-02"), ("buildings", "5#")]
    canvas.set_layer_visible("plan", False)
    assert [label.text for label in canvas.visible_labels(800, 800)] == ["4#", "5#"]


def test_a_north_arrow_is_drawn_in_the_top_right_corner_left_of_the_legend(canvas):
    squares_layer(canvas)
    canvas.resize(400, 300)
    image = canvas.render_image(400, 300)
    rect = canvas.north_arrow_rect()
    assert rect.right() == 400 - 12 and rect.top() == 10  # top-right corner, small
    assert rect.width() <= 30 and rect.height() <= 50
    # Its left half is a dark triangle pointing up (north is up on the map), its right half white.
    centre_x = int(rect.center().x())
    dark = [image.pixelColor(centre_x - 2, y).lightness() < 80 for y in range(int(rect.top()) + 26,
                                                                          int(rect.top()) + 34)]
    assert all(dark)
    assert image.pixelColor(centre_x + 2, int(rect.top()) + 34).lightness() > 200
    # With the legend shown, the arrow moves left of the legend box so neither hides the other.
    canvas.set_legend([(RED, "违规"), (BLUE, "合规")])
    assert canvas.north_arrow_rect().right() < rect.left()


def test_a_drawing_that_fails_is_dropped_and_the_next_paint_draws_again(canvas, monkeypatch):
    """An error half-way through a picture (reported by the window's error hook) must not leave the canvas waiting
    for that drawing forever: the next paint of the same view starts over."""
    from planner.gui import map_canvas

    squares_layer(canvas)
    canvas.set_classes("squares", np.array([1, 0, 0]))  # a new picture to draw
    advance = map_canvas._Drawing.advance

    def fails(self, seconds):
        raise RuntimeError("a label could not be placed")

    monkeypatch.setattr(map_canvas._Drawing, "advance", fails)
    with pytest.raises(RuntimeError):
        canvas.finish_drawing()
    assert canvas._drawing is None
    monkeypatch.setattr(map_canvas._Drawing, "advance", advance)
    canvas.finish_drawing()
    drawn = canvas.grab().toImage()
    assert same(pixel(canvas, drawn, 25, 25), BLUE) and same(pixel(canvas, drawn, 75, 25), RED)
