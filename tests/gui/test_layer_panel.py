"""The layers panel and the session's map classes."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

from planner import check, load_buildings, load_green, load_plan
from planner.gui.layer_panel import LayerPanel
from planner.gui.session import (
    BUILDING_VIOLATION,
    PARCEL_NOT_ASSESSED,
    PARCEL_PASS,
    PARCEL_UNTOUCHED,
    PARCEL_VIOLATION,
    Session,
    building_classes,
    display_geometry,
    parcel_classes,
)
from planner.model import InputInfo
from planner.resources import sample_path

INFO = InputInfo("plan", "/data/plan.gpkg", "控规地块", 36, "EPSG:4542", "0" * 64)


def test_panel_lists_layers_with_provenance_and_reports_visibility(qtbot):
    panel = LayerPanel()
    qtbot.addWidget(panel)
    panel.set_layers([("buildings", "Scheme buildings", None, True), ("plan", "Plan parcels", INFO, False)])
    assert panel.keys() == ["buildings", "plan"]
    plan_item = panel.list.item(1)
    assert plan_item.checkState() == Qt.CheckState.Unchecked
    assert "/data/plan.gpkg" in plan_item.toolTip() and "36" in plan_item.toolTip()
    with qtbot.waitSignal(panel.visibilityChanged) as signal:
        plan_item.setCheckState(Qt.CheckState.Checked)
    assert signal.args == ["plan", True]


def test_panel_buttons_ask_to_zoom_and_remove_the_current_layer(qtbot):
    panel = LayerPanel()
    qtbot.addWidget(panel)
    panel.set_layers([("buildings", "Scheme buildings", None, True), ("plan", "Plan parcels", INFO, True)])
    panel.list.setCurrentRow(1)
    with qtbot.waitSignal(panel.zoomRequested) as zoom:
        qtbot.mouseClick(panel.zoom_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(panel.removeRequested) as remove:
        qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert zoom.args == ["plan"] and remove.args == ["plan"]


def test_session_classes_follow_the_result():
    plan = load_plan(sample_path("xiguan_plan.gpkg"))
    scheme = sample_path("scheme_violating.gpkg")
    buildings, green = load_buildings(scheme, "建筑"), load_green(scheme, "绿地")
    session = Session({"plan": plan, "buildings": buildings, "green": green}, check(plan, buildings, green))
    classes = parcel_classes(session)
    touched = set(session.result.parcels.ids.tolist())
    for row, parcel_id in enumerate(plan.ids.tolist()):
        assert (classes[row] != PARCEL_UNTOUCHED) == (parcel_id in touched)
    # Every parcel the violating scheme touches breaks a rule (sample_plans/README.md).
    assert set(classes[classes != PARCEL_UNTOUCHED].tolist()) == {PARCEL_VIOLATION}
    marked = set(buildings.ids[building_classes(session) == BUILDING_VIOLATION].tolist())
    # Crossing, outside, housing on industrial and on park land; 4# above the height limit of XG-06-02, and 7#, the
    # tallest building of XG-06-03, below its minimum height.
    assert marked == {"3#", "10#", "G-6", "11#", "4#", "7#"}
    assert sorted(display_geometry(session)) == ["buildings", "green", "plan"]


def test_plan_alone_is_untouched_and_a_passing_parcel_is_pass():
    plan = load_plan(sample_path("xiguan_plan.gpkg"))
    assert set(parcel_classes(Session({"plan": plan})).tolist()) == {PARCEL_UNTOUCHED}
    scheme = sample_path("scheme_compliant.gpkg")
    buildings, green = load_buildings(scheme, "建筑"), load_green(scheme, "绿地")
    session = Session({"plan": plan, "buildings": buildings, "green": green}, check(plan, buildings, green))
    classes = parcel_classes(session)
    assert set(classes[classes != PARCEL_UNTOUCHED].tolist()) <= {PARCEL_PASS, PARCEL_NOT_ASSESSED}
    assert (classes == PARCEL_PASS).sum() >= 4
    assert not np.any(building_classes(session))
