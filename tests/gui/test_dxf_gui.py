"""CAD drawings in the window: the layer chooser lists CAD layers, the runner and drag-and-drop load drawings."""

from __future__ import annotations

from planner.io.layers import load_plan
from tests.core.test_dxf import plan_drawing, scheme_drawing


def test_layer_chooser_lists_cad_layers_and_preselects_all_land_use_layers(qtbot, tmp_path):
    from planner.gui.field_mapping import LayerChooserDialog

    path = plan_drawing(tmp_path / "plan.dxf")
    dialog = LayerChooserDialog(path, "plan", lang="en")
    qtbot.addWidget(dialog)
    rows = [[dialog.table.item(r, c).text() for c in range(3)] for r in range(dialog.table.rowCount())]
    assert rows == [["YD-R2", "Polygon", "1"], ["YDGIS-070102", "Polygon", "1"], ["用地-R2／B1", "Polygon", "1"]]
    assert dialog.chosen_layer() == "YD-R2;YDGIS-070102;用地-R2／B1"
    dialog.table.selectRow(1)
    assert dialog.chosen_layer() == "YDGIS-070102"
    assert load_plan(path, dialog.chosen_layer()).ids.tolist() == ["XG-01-01"]


def test_the_window_runner_loads_drawings(qtbot, tmp_path):
    from planner.gui.worker import CheckRunner, LoadRequest

    plan, scheme = plan_drawing(tmp_path / "plan.dxf"), scheme_drawing(tmp_path / "scheme.dxf")
    runner = CheckRunner()
    try:
        with qtbot.waitSignal(runner.finished, timeout=60_000) as finished:
            runner.start([LoadRequest("plan", str(plan), "YD*;用地*"), LoadRequest("buildings", str(scheme)),
                          LoadRequest("green", str(scheme), "绿地")], {})
    finally:
        assert runner.shutdown(timeout_ms=10_000)
    result, layers = finished.args
    assert sorted((v.rule, v.parcel) for v in result.violations) == [("far_max", "XG-01-02"),
                                                                     ("green_min", "XG-01-01")]
    assert layers["plan"].info.layer == "YD-R2;YD-文字;YDGIS-070102;用地-R2／B1"


def test_a_plan_drawing_dropped_on_the_window_loads_all_its_land_use_layers(tmp_path, qtbot):
    """Several CAD layers suggest parcels (YDGIS-070102, 用地-R2／B1, YD-R2): dropped on the window, they are
    read together as the plan, without asking what the file holds."""
    from PySide6.QtCore import QSettings

    from planner.gui.main_window import MainWindow

    plan = plan_drawing(tmp_path / "plan.dxf")
    window = MainWindow("en", QSettings(str(tmp_path / "planner.ini"), QSettings.Format.IniFormat))
    window.setProperty("quiet_errors", True)
    qtbot.addWidget(window)
    [(role, path, layers)] = window._roles_for_dropped(str(plan))
    assert (role, path) == ("plan", str(plan))
    assert sorted(layers.split(";")) == sorted(["YDGIS-070102", "用地-R2／B1", "YD-R2"])
    with qtbot.waitSignal(window.checkFinished, timeout=20000):
        window.open_files([(role, path, layers)])
    ids = window.session.plan.ids.tolist()
    assert len(ids) == 3 and {"XG-01-01", "XG-01-02"} < set(ids)  # the third has no id text: named by handle
