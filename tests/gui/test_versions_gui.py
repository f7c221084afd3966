"""Plan versions in the window: several loaded, one in force, renamed, switched, and compared (offscreen).

The amended sample (sample_plans/xiguan_plan_2025.gpkg, see sample_plans/README.md) raises XG-06-01's FAR limit
from ≤2.0 to ≤2.8 (the scheme's 2.78 now passes) and lowers XG-06-04's height limit from ≤80 m to ≤50 m
(the scheme's 54.9 m tower now breaks it).
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QSettings

from planner.gui.changes_panel import CHANGE_KINDS, CHANGES_LAYER
from planner.gui.main_window import MainWindow
from planner.gui.versions_panel import COL_APPROVAL, COL_IN_FORCE, COL_LABEL
from planner.resources import sample_path

OLD, NEW = "xiguan_plan.gpkg", "xiguan_plan_2025.gpkg"


def wait(qtbot, window, action, timeout=20000):
    with qtbot.waitSignal(window.checkFinished, timeout=timeout):
        action()


@pytest.fixture
def two_versions(qtbot, window):
    """The old plan with the violating scheme, then the amended plan loaded as a second version."""
    scheme = str(sample_path("scheme_violating.gpkg"))
    wait(qtbot, window, lambda: window.open_files([("plan", str(sample_path(OLD)), "控规地块"),
                                                   ("buildings", scheme, "建筑"), ("green", scheme, "绿地")]))
    wait(qtbot, window, lambda: window.open_files([("plan", str(sample_path(NEW)), "控规地块")]))
    return window


def findings(window) -> set[tuple[str, str]]:
    return {(v.rule, v.parcel) for v in window.session.result.violations}


def test_a_second_plan_is_a_new_version_in_force_and_the_first_stays_loaded(two_versions):
    window = two_versions
    session = window.session
    assert [v.info.path.endswith(name) for v, name in zip(session.versions, (OLD, NEW))] == [True, True]
    assert session.in_force == 1 and session.plan is session.versions[1]
    assert session.result.inputs["plan"].version.approval_number == "酒政函〔2025〕37号"
    table = window.versions_panel.table
    assert table.rowCount() == 2
    assert [table.item(k, COL_IN_FORCE).text() for k in range(2)] == ["", "●"]
    assert table.item(1, COL_APPROVAL).text() == "酒政函〔2025〕37号"
    # Under the amended plan XG-06-01's FAR 2.78 passes ≤2.8; XG-06-04's 54.9 m breaks ≤50 m.
    assert ("far_max", "XG-06-01") not in findings(window)
    assert ("height_max", "XG-06-04") in findings(window)


def test_putting_the_old_version_in_force_rechecks_against_it(qtbot, two_versions):
    window = two_versions
    window.versions_panel.table.selectRow(0)
    assert window.versions_panel.use_button.isEnabled()
    wait(qtbot, window, window.versions_panel.use_button.click)
    assert window.session.in_force == 0 and len(window.session.versions) == 2
    assert ("far_max", "XG-06-01") in findings(window)
    assert ("height_max", "XG-06-04") not in findings(window)
    assert window.versions_panel.table.item(0, COL_IN_FORCE).text() == "●"


def test_the_official_names_a_version_and_the_result_and_report_use_the_name(two_versions):
    window = two_versions
    window.versions_panel.table.item(1, COL_LABEL).setText("2025年调整")
    session = window.session
    assert session.plan.info.version.label == "2025年调整"
    assert session.versions[1].info.version.approval_number == "酒政函〔2025〕37号"  # kept
    assert session.result.inputs["plan"].version.label == "2025年调整"
    html = window.report_document().plain_text()
    assert "2025年调整 (酒政函〔2025〕37号, 2025-06-18)" in html


def test_comparing_shows_what_changed_and_which_findings_depend_on_the_version(qtbot, two_versions):
    window = two_versions
    window.versions_panel.table.selectRow(0)
    wait(qtbot, window, window.versions_panel.compare_button.click)
    comparison = window.session.comparison
    assert comparison is not None and comparison.other is window.session.versions[0]
    changes = window.changes.changes.model()
    rows = {(changes.index(r, 0).data(), changes.index(r, 1).data()): changes.index(r, 2).data()
            for r in range(changes.rowCount())}
    assert rows[("Changed", "XG-06-01")] == "FAR ≤2.0 → ≤2.8"
    assert ("Split", "XG-04-01") in rows and ("Merged", "XG-11-02") in rows and ("Added", "XG-13-01") in rows
    verdicts = window.changes.verdicts.model()
    seen = {(verdicts.index(r, 0).data(), verdicts.index(r, 2).data()) for r in range(verdicts.rowCount())}
    assert seen == {("Appears", "XG-06-04"), ("Disappears", "XG-06-01")}
    # The map outlines the changed parcels by kind of change, and the legend names the kinds shown.
    assert CHANGES_LAYER in window.canvas.layer_keys()
    legend = [text for _colour, text in window.canvas._legend]
    assert "Parcel split" in legend and "Parcels merged" in legend
    # Selecting a change selects the parcel on the map and shows it in the inspector.
    row = next(r for r in range(changes.rowCount()) if changes.index(r, 1).data() == "XG-06-01")
    window.changes.changes.selectRow(row)
    key, selected = window.canvas.selection()
    assert key == "plan" and window.session.plan.ids[selected].tolist() == ["XG-06-01"]
    # The report lists the findings that depend on the version, naming both as the official named them.
    window.versions_panel.table.item(0, COL_LABEL).setText("2024年版")
    window.versions_panel.table.item(1, COL_LABEL).setText("2025年调整")
    text = window.report_document().plain_text()
    assert "Findings that depend on the plan version" in text
    assert "against the plan version 2024年版" in text and "Under the version in force (2025年调整)" in text


def test_the_changes_layer_holds_the_changed_parcels_and_the_removed_ones(qtbot, two_versions):
    window = two_versions
    window.compare_version(0)
    qtbot.waitUntil(lambda: window.session.comparison is not None, timeout=20000)
    diff = window.session.comparison.changes
    changed = int(np.isin(diff.new_kind, CHANGE_KINDS).sum())
    assert len(window._change_ids) == len({*window.session.plan.ids[np.isin(diff.new_kind, CHANGE_KINDS)].tolist(),
                                           *diff.removed})
    assert changed + len(diff.removed_rows) == window.canvas._layer(CHANGES_LAYER).classes.size


def test_stop_comparing_and_removing_a_version(qtbot, two_versions):
    window = two_versions
    wait(qtbot, window, lambda: window.compare_version(0))
    window.stop_comparing()
    assert window.session.comparison is None and CHANGES_LAYER not in window.canvas.layer_keys()
    assert window.changes.changes.model().rowCount() == 0
    window.remove_version(0)
    assert len(window.session.versions) == 1 and window.session.in_force == 0
    assert window.versions_panel.table.rowCount() == 1


def test_a_version_named_by_the_official_is_remembered_for_that_plan_file(qtbot, tmp_path, two_versions):
    window = two_versions
    window.versions_panel.table.item(0, COL_LABEL).setText("2024年版")
    window.versions_panel.table.item(0, COL_APPROVAL).setText("酒政函〔2024〕58号")
    # A new window with the same settings, opening the same file: the name comes back.
    again = MainWindow("en", window.settings)
    again.setProperty("quiet_errors", True)
    qtbot.addWidget(again)
    wait(qtbot, again, lambda: again.open_files([("plan", str(sample_path(OLD)), "控规地块")]))
    assert again.session.plan.info.version.label == "2024年版"
    assert again.session.plan.info.version.approval_number == "酒政函〔2024〕58号"
    assert again.session.plan.info.version.approval_date == "2025-03-05"  # as the table held it
    assert again.versions_panel.table.item(0, COL_LABEL).text() == "2024年版"
    # Another plan file does not inherit it.
    wait(qtbot, again, lambda: again.open_files([("plan", str(sample_path(NEW)), "控规地块")]))
    assert again.session.plan.info.version.label == ""
    again.runner.shutdown()


def test_a_layout_saved_before_the_version_docks_existed_is_not_restored(qtbot, tmp_path):
    """An older Planner saved its dock layout without the plan versions and plan changes docks (and before the
    map-first layout); restoring it would put the docks in odd places, so it is dropped. A layout saved by this
    version is restored."""
    from PySide6.QtCore import Qt

    from planner.gui.main_window import STATE_KEY, WINDOW_STATE_VERSION

    settings = QSettings(str(tmp_path / "old.ini"), QSettings.Format.IniFormat)
    first = MainWindow("en", settings)
    qtbot.addWidget(first)
    first.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, first.findings_dock)
    settings.setValue("window/state", first.saveState(2))  # as an older Planner saved it
    second = MainWindow("en", settings)
    qtbot.addWidget(second)
    assert second.dockWidgetArea(second.findings_dock) == Qt.DockWidgetArea.BottomDockWidgetArea
    assert second.dockWidgetArea(second.changes_dock) == Qt.DockWidgetArea.BottomDockWidgetArea
    settings.setValue(STATE_KEY, first.saveState(WINDOW_STATE_VERSION))
    third = MainWindow("en", settings)
    qtbot.addWidget(third)
    assert third.dockWidgetArea(third.findings_dock) == Qt.DockWidgetArea.RightDockWidgetArea


def test_a_plan_without_a_version_asks_for_one(qtbot, window, tmp_path):
    import geopandas as gpd

    from tests.helpers import rect

    path = tmp_path / "plan.gpkg"
    gpd.GeoDataFrame({"地块编号": ["P1"], "容积率": ["≤2.0"]}, geometry=[rect(0, 0, 100, 100)],
                     crs="EPSG:4542").to_file(path, layer="控规地块", engine="pyogrio")
    wait(qtbot, window, lambda: window.open_files([("plan", str(path), "控规地块")]))
    assert "names no version" in window.stage_label.text()
    window.versions_panel.table.item(0, COL_APPROVAL).setText("酒政函〔2026〕1号")
    assert window.session.plan.info.version.approval_number == "酒政函〔2026〕1号"


def test_two_plan_versions_compare_without_a_scheme(qtbot, window):
    """What an amendment changed needs no scheme: the diff alone fills the table and the map."""
    wait(qtbot, window, lambda: window.open_files([("plan", str(sample_path(OLD)), "控规地块")]))
    wait(qtbot, window, lambda: window.open_files([("plan", str(sample_path(NEW)), "控规地块")]))
    wait(qtbot, window, lambda: window.compare_version(0))
    comparison = window.session.comparison
    assert comparison is not None and comparison.verdicts is None
    assert comparison.changes.counts == {"added": 1, "removed": 1, "changed": 5, "split": 1, "merged": 1,
                                         "unchanged": 27}
    assert window.changes.changes.model().rowCount() == 9 and window.changes.verdicts.model().rowCount() == 0
    assert "Load a scheme" in window.changes.summary.text()
    assert CHANGES_LAYER in window.canvas.layer_keys()


def test_another_plan_version_keeps_the_plan_below_the_scheme(two_versions):
    """A reloaded plan layer (another version, put in force) stays where it was: under buildings and green."""
    keys = two_versions.canvas.layer_keys()
    assert keys.index("plan") > keys.index("buildings") and keys.index("plan") > keys.index("green")


def test_new_layers_go_where_they_belong_and_the_users_order_is_kept():
    from planner.gui.main_window import with_new_layer

    assert with_new_layer([], "plan") == ["plan"]
    assert with_new_layer(["buildings", "green", "plan"], "lines") == ["buildings", "lines", "green", "plan"]
    # The user put the plan on top: lines go above it, the rest keeps the user's order.
    assert with_new_layer(["plan", "buildings", "green"], "lines") == ["lines", "plan", "buildings", "green"]
    assert with_new_layer(["plan"], "buildings") == ["buildings", "plan"]
    assert with_new_layer(["changes", "plan"], "green") == ["changes", "green", "plan"]
