"""The flows an official uses, on the real main window (offscreen): open, see, select, load, cancel."""

from __future__ import annotations

import subprocess
import sys
import time

import geopandas as gpd
import numpy as np
import pytest
import shapely
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from planner import check, load_buildings, load_green, load_plan
from planner.gui.app import sample_files
from planner.gui.field_mapping import FieldMappingDialog
from planner.gui.session import PARCEL_UNTOUCHED, PARCEL_VIOLATION, parcel_classes
from planner.resources import sample_path


def open_and_wait(qtbot, window, files, timeout=20000):
    with qtbot.waitSignal(window.checkFinished, timeout=timeout):
        window.open_files(files)


@pytest.fixture
def sample_result():
    plan = load_plan(sample_path("xiguan_plan.gpkg"))
    scheme = sample_path("scheme_violating.gpkg")
    return check(plan, load_buildings(scheme, "建筑"), load_green(scheme, "绿地"))


def test_open_the_sample_and_see_the_findings(qtbot, window, sample_result):
    open_and_wait(qtbot, window, sample_files())
    expected = len(sample_result.violations) + len(sample_result.warnings)
    assert len(window.findings.model.findings()) == expected
    assert window.findings.model.rowCount() == expected - window.findings.model.off_scheme_count()
    assert sorted(window.canvas.layer_keys()) == ["buildings", "green", "plan"]
    classes = parcel_classes(window.session)
    assert (classes == PARCEL_VIOLATION).sum() == sample_result.summary["parcels_violating"]
    assert (classes == PARCEL_UNTOUCHED).sum() == len(window.session.plan.ids) - len(sample_result.parcels)
    assert window.crs_label.text() == "EPSG:4542"


def _row_of(window, rule, parcel):
    proxy = window.findings.proxy
    for row in range(proxy.rowCount()):
        finding = proxy.finding(row)
        if getattr(finding, "rule", None) == rule and finding.parcel == parcel:
            return row
    raise AssertionError(f"no {rule} row for {parcel}")


def test_selecting_a_finding_selects_and_zooms_to_it_and_fills_the_inspector(qtbot, window):
    open_and_wait(qtbot, window, sample_files())
    row = _row_of(window, "far_max", "XG-06-01")
    window.findings.view.selectRow(row)
    key, indices = window.canvas.selection()
    plan_row = int(np.flatnonzero(window.session.plan.ids == "XG-06-01")[0])
    assert (key, indices) == ("plan", [plan_row])
    # The view now shows the parcel, closer than the whole plan.
    minx, miny, maxx, maxy = window.canvas.view_bounds()
    parcel = window.session.plan.geometry[plan_row].bounds
    assert minx <= parcel[0] and miny <= parcel[1] and maxx >= parcel[2] and maxy >= parcel[3]
    assert window.inspector.parcel_id == "XG-06-01"


def test_clicking_a_building_on_the_map_selects_its_findings(qtbot, window):
    open_and_wait(qtbot, window, sample_files())
    building = int(np.flatnonzero(window.session.buildings.ids == "10#")[0])  # the kiosk outside the plan
    window.canvas.zoom_to_all()
    centre = window.session.buildings.geometry[building].representative_point()
    point = window.canvas.map_to_screen(centre.x, centre.y)
    qtbot.mouseClick(window.canvas, Qt.MouseButton.LeftButton, pos=point.toPoint())
    assert window.canvas.selection() == ("buildings", [building])
    selected = {window.findings.proxy.finding(i.row()).rule
                for i in window.findings.view.selectionModel().selectedRows()}
    assert selected == {"outside_plan"}


def test_a_new_plan_layer_with_odd_fields_loads_through_the_mapping_dialog(qtbot, window, tmp_path, monkeypatch):
    open_and_wait(qtbot, window, sample_files())
    # An amended plan with unrecognised field names: one parcel around the whole scheme, FAR limit 0.1.
    path = tmp_path / "amended.gpkg"
    scheme_bounds = shapely.total_bounds(window.session.buildings.geometry)
    gpd.GeoDataFrame({"PID": ["NEW-1"], "LANDCODE": ["070102"], "FAR_2": ["≤0.1"]},
                     geometry=[shapely.box(*scheme_bounds).buffer(10)], crs="EPSG:4542").to_file(
        path, layer="amended", engine="pyogrio")
    chosen = {"id": "PID", "land_use": "LANDCODE", "far": "FAR_2"}

    def accept(dialog):
        for target, column in chosen.items():
            dialog.set_column(target, column)
        assert dialog.requirements_met()
        return FieldMappingDialog.DialogCode.Accepted

    monkeypatch.setattr(FieldMappingDialog, "exec", accept)
    with qtbot.waitSignal(window.checkFinished, timeout=20000):
        window.open_files([("plan", str(path), "amended")])
    qtbot.waitUntil(lambda: window.session.plan is not None and window.session.plan.ids.tolist() == ["NEW-1"],
                    timeout=20000)
    qtbot.waitUntil(lambda: window.session.result is not None and len(window.session.result.parcels) == 1,
                    timeout=20000)
    assert "far_max" in {v.rule for v in window.session.result.violations if v.parcel == "NEW-1"}
    # The mapping is remembered for this schema.
    assert window.mapping_memory.recall("plan", ["PID", "LANDCODE", "FAR_2"]) == chosen


def test_cancelling_the_field_mapping_says_what_to_do_in_the_window(qtbot, window, monkeypatch, tmp_path):
    """A window user is told to name the fields in the dialog, not to use the command line's --mapping."""
    path = tmp_path / "odd.gpkg"
    gpd.GeoDataFrame({"PID": ["A-1"], "LANDCODE": ["R2"], "FAR_2": [2.5]}, geometry=[shapely.box(0, 0, 100, 100)],
                     crs="EPSG:4542").to_file(path, layer="parcels", engine="pyogrio")
    monkeypatch.setattr(FieldMappingDialog, "exec", lambda dialog: FieldMappingDialog.DialogCode.Rejected)
    with qtbot.waitSignal(window.checkFinished, timeout=20000):
        window.open_files([("plan", str(path), "parcels")])
    text = window.stage_label.text()
    assert "odd.gpkg" in text and "field-mapping dialog" in text and "--mapping" not in text


def test_cancelling_a_long_check_keeps_what_was_loaded(qtbot, window, monkeypatch):
    open_and_wait(qtbot, window, sample_files())
    before = window.session.result
    import planner.checking.engine

    original = planner.checking.engine.check

    def slow_check(*args, cancelled=None, **kwargs):
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if cancelled is not None and cancelled():
                raise planner.checking.engine.Cancelled()
            time.sleep(0.01)
        return original(*args, cancelled=cancelled, **kwargs)

    monkeypatch.setattr(planner.checking.engine, "check", slow_check)
    window.open_files([("plan", str(sample_path("xiguan_plan.gpkg")), "控规地块")])
    qtbot.waitUntil(lambda: window.cancel_button.isVisible(), timeout=5000)
    started = time.monotonic()
    with qtbot.waitSignal(window.checkFinished, timeout=5000):
        qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
    assert time.monotonic() - started < 3
    assert window.session.result is before
    assert "Cancelled" in window.stage_label.text()


def test_a_missing_file_is_reported_and_the_window_keeps_its_data(qtbot, window, tmp_path):
    open_and_wait(qtbot, window, sample_files())
    before = window.session
    with qtbot.waitSignal(window.checkFinished, timeout=20000):
        window.open_files([("plan", str(tmp_path / "nowhere.gpkg"), "x")])
    assert window.session is before
    assert "nowhere.gpkg" in window.stage_label.text()


def test_screenshot_command_writes_the_checked_window(tmp_path):
    png = tmp_path / "window.png"
    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    import os

    env = {**os.environ, **env}
    subprocess.run([sys.executable, "-m", "planner", "gui", "--lang", "en", "--screenshot", str(png)],
                   check=True, timeout=120, env=env)
    image = QImage(str(png))
    assert image.width() >= 1200 and image.height() >= 800
    # The violating parcels' salmon fill is on the picture: look for it anywhere.
    from planner.report.symbology import PARCEL_SYMBOLS, PARCEL_VIOLATION

    salmon = PARCEL_SYMBOLS[PARCEL_VIOLATION].fill
    reds = sum(1 for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)
               if image.pixelColor(x, y) == salmon)
    assert reds > 50


def test_a_dropped_scheme_file_loads_its_buildings_and_green_layers(window):
    scheme = str(sample_path("scheme_violating.gpkg"))
    assert sorted(window._roles_for_dropped(scheme)) == [("buildings", scheme, "建筑"), ("green", scheme, "绿地")]


def test_an_exception_in_a_slot_is_logged_and_shown_not_a_crash(window, caplog):
    from planner.gui.app import _report_unexpected

    hook = _report_unexpected(window, "en")
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        hook(RuntimeError, exc, exc.__traceback__)
    assert "RuntimeError: boom" in window.stage_label.text()
    assert "unexpected error" in caplog.text


def test_zooming_to_a_building_keeps_the_parcels_it_stands_on_in_view(qtbot, window):
    """3# crosses XG-06-01 and XG-06-02. View > Zoom to selection with 3# selected showed 3# alone, 50 m across
    (0.11 m/px); now both its parcels are in view, with 15% room around them."""
    open_and_wait(qtbot, window, sample_files())
    session, canvas = window.session, window.canvas
    rows = np.flatnonzero(session.buildings.ids == "3#").tolist()
    canvas.set_selection("buildings", rows)
    window.zoom_to_selection()
    parcels = [int(np.flatnonzero(session.plan.ids == p)[0]) for p in ("XG-06-01", "XG-06-02")]
    assert sorted(window.parcel_rows_of_buildings(["3#"])) == sorted(parcels)
    b = np.vstack([shapely.bounds(session.plan.geometry[parcels]),
                   shapely.bounds(session.buildings.geometry[rows])])
    minx, miny, maxx, maxy = b[:, 0].min(), b[:, 1].min(), b[:, 2].max(), b[:, 3].max()
    expected = max((maxx - minx) * 1.3 / canvas.width(), (maxy - miny) * 1.3 / canvas.height())
    assert canvas.metres_per_pixel() == pytest.approx(expected)
    vx0, vy0, vx1, vy1 = canvas.view_bounds()
    assert vx0 <= minx and vy0 <= miny and vx1 >= maxx and vy1 >= maxy
    # A building on one parcel (8# has no finding naming a parcel) keeps its parcel, at least 80 m across.
    rows = np.flatnonzero(session.buildings.ids == "8#").tolist()
    canvas.set_selection("buildings", rows)
    window.zoom_to_selection()
    parcel = window.parcel_rows_of_buildings(["8#"])
    assert len(parcel) == 1
    px0, py0, px1, py1 = session.plan.geometry[parcel[0]].bounds
    vx0, vy0, vx1, vy1 = canvas.view_bounds()
    assert vx0 <= px0 and vy0 <= py0 and vx1 >= px1 and vy1 >= py1
    assert min(vx1 - vx0, vy1 - vy0) >= 80


def test_the_collector_is_off_before_a_round_starts_and_on_after(qtbot, window, monkeypatch):
    """The engine turns the collector back on at its end when it found it on: were the worker started first, the
    rest of its round would pause for full collections that hold the GIL (and the window) 65-125 ms."""
    import gc

    from planner.gui.worker import CheckRunner

    seen = []
    start = CheckRunner.start
    monkeypatch.setattr(CheckRunner, "start", lambda self, *a, **k: (seen.append(gc.isenabled()), start(self, *a, **k)))
    open_and_wait(qtbot, window, sample_files())
    assert seen == [False]
    assert gc.isenabled()
