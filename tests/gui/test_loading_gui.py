"""Loading in the GUI: the background check runner, the layer chooser, field mapping and its memory."""

from __future__ import annotations

import logging
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QObject, QSettings, QTimer
from PySide6.QtWidgets import QDialogButtonBox

import planner
from planner.checking import engine
from planner.gui import worker as worker_module
from planner.gui.field_mapping import (
    TARGET_LABELS,
    FieldMappingDialog,
    LayerChooserDialog,
    MappingMemory,
    requirements_met,
)
from planner.gui.worker import CheckRunner, CheckWorker, LoadRequest
from planner.io.gdal import layer_columns
from planner.model import InputError
from tests.helpers import rect, write_layer

SAMPLES = Path(__file__).resolve().parents[2] / "sample_plans"
PLAN = SAMPLES / "xiguan_plan.gpkg"
SCHEME = SAMPLES / "scheme_violating.gpkg"
REQUESTS = [LoadRequest("plan", str(PLAN)), LoadRequest("buildings", str(SCHEME), "建筑"),
            LoadRequest("green", str(SCHEME), "绿地")]


@pytest.fixture(scope="module")
def sample_layers():
    return {"plan": planner.load_plan(PLAN), "buildings": planner.load_buildings(SCHEME, "建筑"),
            "green": planner.load_green(SCHEME, "绿地")}


@pytest.fixture(scope="module")
def expected_violations(sample_layers):
    return len(planner.check(sample_layers["plan"], sample_layers["buildings"], sample_layers["green"]).violations)


class Recorder:
    """Everything a runner emits, in order."""

    def __init__(self, runner: CheckRunner) -> None:
        self.events: list[tuple] = []
        runner.progressed.connect(lambda percent, stage: self.events.append(("progressed", percent, stage)))
        runner.loaded.connect(lambda role, layer: self.events.append(("loaded", role, layer)))
        runner.finished.connect(lambda result, layers: self.events.append(("finished", result, layers)))
        runner.failed.connect(lambda role, error: self.events.append(("failed", role, error)))
        runner.cancelled.connect(lambda: self.events.append(("cancelled",)))

    def of(self, kind: str) -> list[tuple]:
        return [e for e in self.events if e[0] == kind]

    def ends(self) -> list[tuple]:
        return [e for e in self.events if e[0] in ("finished", "failed", "cancelled")]


@pytest.fixture
def runner(qtbot):
    runner = CheckRunner()
    yield runner
    assert runner.shutdown(timeout_ms=10_000)


def odd_plan(tmp_path: Path) -> Path:
    """A plan whose columns no alias knows."""
    return write_layer(tmp_path / "odd.gpkg", "parcels", [rect(0, 0, 100, 100), rect(100, 0, 100, 100)],
                       PID=["A-1", "A-2"], LANDCODE=["R2", "B1"], FAR_2=[2.5, 3.0])


# --- the runner ---------------------------------------------------------------------------------------

def test_runner_loads_three_layers_and_checks_off_the_gui_thread(qtbot, runner, expected_violations):
    recorder = Recorder(runner)
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(1)
    began = time.perf_counter()
    with qtbot.waitSignal(runner.finished, timeout=60_000) as finished:
        runner.start(REQUESTS, {})
        assert time.perf_counter() - began < 0.05
        assert runner.is_running()
    timer.stop()
    result, layers = finished.args
    assert isinstance(result, planner.CheckResult)
    assert len(result.violations) == expected_violations == 13
    assert [e[1] for e in recorder.of("loaded")] == ["plan", "buildings", "green"]
    assert set(layers) == {"plan", "buildings", "green"}
    assert layers["buildings"] is recorder.of("loaded")[1][2]
    percents = [e[1] for e in recorder.of("progressed")]
    assert percents == sorted(percents) and percents[-1] == 100
    assert {"reading plan", "overlay", "done"} <= {e[2] for e in recorder.of("progressed")}
    assert len(ticks) > 0, "the GUI thread's event loop did not run during the check"
    assert not runner.is_running()
    qtbot.waitUntil(lambda: not runner._runs, timeout=5_000)  # the thread was quit, waited for and dropped


def test_a_new_plan_is_checked_against_the_scheme_already_loaded(qtbot, runner, sample_layers,
                                                                 expected_violations):
    previous = {"buildings": sample_layers["buildings"], "green": sample_layers["green"]}
    recorder = Recorder(runner)
    with qtbot.waitSignal(runner.finished, timeout=60_000) as finished:
        runner.start([LoadRequest("plan", str(PLAN))], previous)
    result, layers = finished.args
    assert len(result.violations) == expected_violations
    assert layers["buildings"] is sample_layers["buildings"]
    assert [e[1] for e in recorder.of("loaded")] == ["plan"]


def test_a_plan_alone_finishes_without_a_result(qtbot, runner):
    with qtbot.waitSignal(runner.finished, timeout=60_000) as finished:
        runner.start([LoadRequest("plan", str(PLAN))], {})
    result, layers = finished.args
    assert result is None
    assert list(layers) == ["plan"]


def test_a_missing_file_fails_with_file_missing(qtbot, runner, tmp_path):
    recorder = Recorder(runner)
    with qtbot.waitSignal(runner.failed, timeout=10_000) as failed:
        runner.start([LoadRequest("plan", str(tmp_path / "nowhere.gpkg")), *REQUESTS[1:]], {})
    role, error = failed.args
    assert role == "plan"
    assert isinstance(error, InputError) and error.code == "file_missing"
    qtbot.wait(50)
    assert recorder.ends() == [("failed", role, error)]
    assert not recorder.of("loaded")
    assert not runner.is_running()


def test_unrecognised_fields_fail_with_the_role(qtbot, runner, tmp_path):
    with qtbot.waitSignal(runner.failed, timeout=10_000) as failed:
        runner.start([LoadRequest("plan", str(odd_plan(tmp_path)))], {})
    role, error = failed.args
    assert role == "plan"
    assert error.code == "fields_unrecognised"
    assert error.details["role"] == "plan" and "PID" in error.details["fields"]


def test_a_bug_is_reported_and_logged(qtbot, runner, monkeypatch, caplog):
    def broken(*args):
        raise ZeroDivisionError("bug")

    monkeypatch.setitem(worker_module.LOADERS, "green", broken)
    with caplog.at_level(logging.ERROR), qtbot.waitSignal(runner.failed, timeout=10_000) as failed:
        runner.start(REQUESTS, {})
    assert failed.args[0] == "green"
    assert isinstance(failed.args[1], ZeroDivisionError)
    assert any(r.exc_info and r.exc_info[0] is ZeroDivisionError for r in caplog.records)


@pytest.fixture
def slow_check(monkeypatch):
    """engine.check replaced by one that runs until cancelled (10 s at most), polling like the engine does."""
    started = threading.Event()

    def check(plan, buildings, green=None, *, progress=None, cancelled=None, **_):
        started.set()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if cancelled():
                raise engine.Cancelled()
            progress(0.5, "overlay")
            time.sleep(0.005)
        return "too late"

    monkeypatch.setattr(worker_module.engine, "check", check)
    return started


def test_cancel_stops_the_run_quickly(qtbot, runner, sample_layers, slow_check):
    recorder = Recorder(runner)
    runner.start([], sample_layers)
    assert slow_check.wait(10)
    began = time.perf_counter()
    with qtbot.waitSignal(runner.cancelled, timeout=2_000):
        runner.cancel()
    assert time.perf_counter() - began < 1.0
    qtbot.wait(50)
    assert not recorder.of("finished") and not recorder.of("failed")
    assert not runner.is_running()
    qtbot.waitUntil(lambda: not runner._runs, timeout=5_000)


def test_cancel_between_layers(qtbot, sample_layers):
    worker = CheckWorker()
    events = []
    worker.loaded.connect(lambda role, layer: (events.append(role), worker.cancel()))
    worker.cancelled.connect(lambda: events.append("cancelled"))
    worker.finished.connect(lambda *a: events.append("finished"))
    worker.run(REQUESTS, {})  # directly, on this thread: signals are delivered at once
    assert events == ["plan", "cancelled"]


def test_a_new_start_replaces_the_running_one(qtbot, runner, sample_layers, slow_check, monkeypatch):
    recorder = Recorder(runner)
    runner.start([], sample_layers)
    assert slow_check.wait(10)
    monkeypatch.undo()  # the second run checks for real
    with qtbot.waitSignal(runner.finished, timeout=60_000) as finished:
        runner.start([], sample_layers)
    assert isinstance(finished.args[0], planner.CheckResult)
    qtbot.wait(50)
    assert [e[0] for e in recorder.ends()] == ["finished"]  # the replaced run's end is not heard
    qtbot.waitUntil(lambda: not runner._runs, timeout=5_000)


def test_shutdown_while_running_cancels_and_waits(qtbot, sample_layers, slow_check):
    runner = CheckRunner()
    runner.start([], sample_layers)
    assert slow_check.wait(10)
    threads = [run.thread for run in runner._runs]
    began = time.perf_counter()
    assert runner.shutdown()
    assert time.perf_counter() - began < 1.0
    assert all(thread.isFinished() for thread in threads)
    assert not runner.is_running()
    del runner
    qtbot.wait(50)  # late queued signals of the dropped run must not crash anything


def test_a_runner_deleted_mid_run_stops_its_thread(qtbot, sample_layers, slow_check):
    owner = QObject()
    runner = CheckRunner(owner)
    runner.start([], sample_layers)
    assert slow_check.wait(10)
    threads = [run.thread for run in runner._runs]
    runs = runner._runs
    began = time.perf_counter()
    shiboken6.delete(owner)  # as when a window is closed and deleted without calling shutdown()
    assert time.perf_counter() - began < 1.0
    assert not runs and all(thread.isFinished() for thread in threads)
    qtbot.wait(50)


def test_load_request_knows_its_roles():
    with pytest.raises(ValueError):
        LoadRequest("roads", "x.gpkg")


# --- choosing a layer ------------------------------------------------------------------------------

def test_layer_chooser_lists_layers_and_preselects_by_name(qtbot, tmp_path):
    dialog = LayerChooserDialog(SCHEME, "buildings", lang="en")
    qtbot.addWidget(dialog)
    table = dialog.table
    rows = [[table.item(r, c).text() for c in range(3)] for r in range(table.rowCount())]
    assert rows == [["建筑", "Polygon", "18"], ["绿地", "Polygon", "13"]]
    assert dialog.chosen_layer() == "建筑"
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    dialog.show()
    assert dialog.grab().save(str(tmp_path / "chooser.png"))


def test_layer_chooser_preselects_green_and_nothing_when_in_doubt(qtbot):
    green = LayerChooserDialog(SCHEME, "green", lang="en")
    plan = LayerChooserDialog(SCHEME, "plan", lang="zh")
    qtbot.addWidget(green)
    qtbot.addWidget(plan)
    assert green.chosen_layer() == "绿地"
    assert plan.chosen_layer() is None
    assert not plan.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert plan.windowTitle() == "选择图层"
    plan.table.selectRow(1)
    assert plan.chosen_layer() == "绿地"
    assert plan.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_choose_returns_the_only_layer_without_asking(qtbot):
    assert LayerChooserDialog.choose(None, PLAN, "plan") == "控规地块"
    with pytest.raises(InputError) as error:
        LayerChooserDialog.choose(None, SAMPLES / "nowhere.gpkg", "plan")
    assert error.value.code == "file_missing"


# --- mapping fields --------------------------------------------------------------------------------

def test_field_mapping_dialog_maps_odd_columns_and_the_plan_then_loads(qtbot, tmp_path):
    path = odd_plan(tmp_path)
    dialog = FieldMappingDialog(path, None, "plan", lang="en")
    qtbot.addWidget(dialog)
    table = dialog.table
    shown = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    assert shown == {"PID": "A-1 · A-2", "LANDCODE": "R2 · B1", "FAR_2": "2.5 · 3"}
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert dialog.mapping() == {}
    assert not ok.isEnabled()
    assert dialog.combos["far"].currentText() == "— not present —"

    dialog.combos["id"].setCurrentIndex(dialog.combos["id"].findText("PID"))
    assert not ok.isEnabled(), "an id alone is not enough"
    dialog.combos["land_use"].setCurrentIndex(dialog.combos["land_use"].findText("LANDCODE"))
    assert ok.isEnabled()
    dialog.set_column("far", "FAR_2")
    assert dialog.mapping() == {"id": "PID", "land_use": "LANDCODE", "far": "FAR_2"}

    dialog.show()
    assert dialog.grab().save(str(tmp_path / "mapping.png"))
    plan = planner.load_plan(path, mapping={"plan": dialog.mapping()})
    assert list(plan.ids) == ["A-1", "A-2"]
    assert list(plan.upper["far"]) == [2.5, 3.0]
    assert dialog.loader_mapping() == {"plan": dialog.mapping()}


def test_field_mapping_needs_an_indicator_as_well_as_the_id(qtbot, tmp_path):
    dialog = FieldMappingDialog(odd_plan(tmp_path), "parcels", "plan", lang="en")
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.set_column("far", "FAR_2")
    assert not ok.isEnabled(), "an indicator without an id is not enough"
    dialog.set_column("id", "PID")
    assert ok.isEnabled()
    dialog.set_column("id", None)
    assert not ok.isEnabled()


def test_field_mapping_names_indicators_left_without_a_field_and_asks_before_going_on(qtbot, tmp_path, monkeypatch):
    dialog = FieldMappingDialog(odd_plan(tmp_path), "parcels", "plan", lang="en")
    qtbot.addWidget(dialog)
    dialog.set_column("id", "PID")
    dialog.set_column("far", "FAR_2")
    # Only FAR has a field: density, height and green ratio would go unchecked, and the dialog says so.
    assert dialog.unmapped_indicators() == ["density", "height", "green_ratio"]
    assert "building density, height, green ratio" in dialog.unmapped_label.text()
    asked = []
    monkeypatch.setattr(dialog, "confirm_unmapped", lambda unmapped: asked.append(unmapped) or False)
    dialog.accept()
    assert asked == [["density", "height", "green_ratio"]] and dialog.result() == 0  # still open: choose fields
    monkeypatch.setattr(dialog, "confirm_unmapped", lambda unmapped: True)
    dialog.accept()
    assert dialog.result() == 1
    dialog.set_column("far", None)
    dialog.set_column("density", "FAR_2")
    assert dialog.unmapped_indicators() == ["far", "height", "green_ratio"]


def test_field_mapping_preselects_what_is_recognised(qtbot):
    dialog = FieldMappingDialog(SCHEME, "建筑", "buildings", lang="zh")
    qtbot.addWidget(dialog)
    assert dialog.mapping() == {"id": "建筑编号", "floors": "层数", "height": "建筑高度", "storey_height": "层高",
                                "gfa": "计容面积", "basement_floors": "地下层数", "use": "建筑用途"}
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert dialog.windowTitle() == "建筑图层的字段"
    assert dialog.combos["floors"].itemText(0) == "— 无此字段 —"


def test_field_mapping_reads_gbk_shapefile_samples(qtbot):
    dialog = FieldMappingDialog(SAMPLES / "xiguan_plan_gbk.shp", None, "plan", lang="en")
    qtbot.addWidget(dialog)
    assert dialog.columns[0] == "地块编号"
    assert layer_columns(SAMPLES / "xiguan_plan_gbk.shp") == dialog.columns
    assert dialog.samples["地块编号"][0].startswith("XG-")
    assert dialog.mapping()["far"] == "容积率"


def test_field_mapping_shows_samples_without_geopandas(tmp_path):
    """geopandas blocked, as in an install without it: the dialog still shows each column's sample values."""
    code = ("import os, sys\nos.environ['QT_QPA_PLATFORM'] = 'offscreen'\nsys.modules['geopandas'] = None\n"
            "from PySide6.QtWidgets import QApplication\napp = QApplication([])\n"
            "from planner.gui.field_mapping import FieldMappingDialog\n"
            f"dialog = FieldMappingDialog({str(SAMPLES / 'xiguan_plan.gpkg')!r}, '控规地块', 'plan', lang='en')\n"
            "assert 'geopandas' not in sys.modules or sys.modules['geopandas'] is None\n"
            "print(dialog.samples['地块编号'][:2], dialog.samples['容积率'][:1])\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "['XG-01-01', 'XG-01-02'] ['≤1.0']"


def test_field_mapping_starts_from_a_remembered_mapping(qtbot, tmp_path):
    dialog = FieldMappingDialog(odd_plan(tmp_path), "parcels", "plan", lang="en",
                                initial={"id": "PID", "far": "FAR_2", "density": "GONE"})
    qtbot.addWidget(dialog)
    assert dialog.mapping() == {"id": "PID", "far": "FAR_2"}
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_green_layers_need_nothing():
    assert requirements_met("green", {})
    assert not requirements_met("buildings", {"id": "X"})
    assert requirements_met("buildings", {"gfa": "X"})
    assert requirements_met("buildings", {"height": "H"})  # storeys are then estimated from it
    assert requirements_met("plan", {"id": "P", "green_min": "G"})
    assert requirements_met("plan", {"id": "P", "land_use_name": "N"})


def test_every_item_has_a_label_in_both_languages():
    from planner.io.fields import ALIASES
    from planner.messages import tr

    for role, targets in ALIASES.items():
        assert set(TARGET_LABELS[role]) == set(targets), role
        for target, label in TARGET_LABELS[role].items():
            assert tr(label, "zh") != label, (role, target)  # translated
    assert tr(TARGET_LABELS["plan"]["height_absolute"], "zh") == "绝对高度限制（不审查）"
    assert tr(TARGET_LABELS["plan"]["land_use_name"], "zh") == "用地名称"


def test_field_mapping_preselects_a_height_only_export_and_a_numeric_layer_column(qtbot, tmp_path):
    path = write_layer(tmp_path / "arcgis.gpkg", "buildings", [rect(0, 0, 10, 10), rect(20, 0, 10, 10)],
                       Layer=["建筑", "建筑"], Floor=["6", "7"], HEIGHT=["18.5", "21"])
    dialog = FieldMappingDialog(path, None, "buildings", lang="en")
    qtbot.addWidget(dialog)
    # "Layer" holds CAD layer names, so it is not storeys; "Floor" holds numbers, so it is.
    assert dialog.mapping() == {"floors": "Floor", "height": "HEIGHT"}
    dialog.set_column("floors", None)
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()  # a height is enough


def test_mapping_memory_round_trips_through_settings(tmp_path):
    ini = str(tmp_path / "planner.ini")
    memory = MappingMemory(QSettings(ini, QSettings.Format.IniFormat))
    columns = ["PID", "LANDCODE", "FAR_2"]
    assert memory.recall("plan", columns) is None
    memory.remember("plan", columns, {"id": "PID", "land_use": "LANDCODE", "far": "FAR_2"})

    again = MappingMemory(QSettings(ini, QSettings.Format.IniFormat))
    assert again.recall("plan", ["FAR_2", "PID", "LANDCODE"]) == {"id": "PID", "land_use": "LANDCODE",
                                                                  "far": "FAR_2"}
    assert again.recall("buildings", columns) is None
    assert again.recall("plan", [*columns, "NOTE"]) is None
    again.forget("plan", columns)
    assert again.recall("plan", columns) is None


def test_mapping_memory_defaults_to_planner_settings():
    settings = MappingMemory().settings  # only looked at: writing here would touch the user's real settings
    assert (settings.organizationName(), settings.applicationName()) == ("Planner", "Planner")
