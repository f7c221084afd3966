"""The findings table and the parcel inspector, on the violating sample scheme."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from shapely.geometry import box

from planner import check, load_buildings, load_green, load_plan
from planner.checking.verdicts import indicator_verdict
from planner.gui.inspector import ParcelInspector
from planner.gui.violations import (
    MARGINAL_COLOUR,
    SORT_ROLE,
    VIOLATION_COLOUR,
    WARNING_COLOUR,
    FindingsModel,
    FindingsPanel,
)
from planner.messages import (
    VERDICT_NAMES,
    WARNING_NAMES,
    WARNING_TEMPLATES,
    format_area,
    violation_message,
)
from planner.model import CheckWarning, Violation
from planner.resources import sample_path
from tests.helpers import X0, Y0, rect, write_layer

M = FindingsModel  # column numbers


@pytest.fixture(scope="module")
def plan():
    return load_plan(sample_path("xiguan_plan.gpkg"))


@pytest.fixture(scope="module")
def result(plan):
    scheme = sample_path("scheme_violating.gpkg")
    return check(plan, load_buildings(scheme, "建筑"), load_green(scheme, "绿地"))


@pytest.fixture(scope="module")
def result_without_green(plan):
    return check(plan, load_buildings(sample_path("scheme_violating.gpkg"), "建筑"))


def parcel(result, parcel_id):
    return next(p for p in result.parcels if p.id == parcel_id)


def row_of(model, predicate) -> int:
    return next(r for r in range(model.rowCount()) if predicate(model.finding(r)))


@pytest.fixture
def panel(qtbot, result):
    widget = FindingsPanel("en")
    qtbot.addWidget(widget)
    widget.set_result(result)
    return widget


# -- messages --------------------------------------------------------------------------------------------

def test_every_warning_code_has_a_title():
    assert set(WARNING_NAMES) == set(WARNING_TEMPLATES)


def test_indicator_verdicts(result, result_without_green):
    assert indicator_verdict(parcel(result, "XG-06-04"), "far") == "marginal violation"
    xg0601 = parcel(result, "XG-06-01")
    assert [indicator_verdict(xg0601, i) for i in ("far", "density", "height", "green_ratio")] == [
        "violation", "pass", "pass", "violation"]
    assert indicator_verdict(parcel(result, "XG-07-01"), "far") == "not controlled"
    assert indicator_verdict(parcel(result, "XG-07-01"), "green_ratio") == "pass"
    assert indicator_verdict(parcel(result_without_green, "XG-06-01"), "green_ratio") == "not assessed"
    assert indicator_verdict(parcel(result_without_green, "XG-06-01"), "far") == "violation"
    assert set(VERDICT_NAMES) == {"pass", "violation", "marginal violation", "not assessed", "not controlled"}


# -- the model -------------------------------------------------------------------------------------------

def test_model_passes_the_model_tester(qtmodeltester, result):
    model = FindingsModel("en")
    model.set_result(result)
    qtmodeltester.check(model)
    model.set_severity("warning")
    model.sort(M.ACTUAL, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)
    model.set_result(None)
    qtmodeltester.check(model)
    assert model.rowCount() == 0


def test_one_row_per_violation_then_per_warning(result):
    model = FindingsModel("en")
    model.set_result(result)
    assert len(result.violations) == 13 and len(result.warnings) == 5  # the sample as designed
    assert model.rowCount() == len(result.violations) + len(result.warnings)
    assert [model.finding(r) for r in range(model.rowCount())] == [*result.violations, *result.warnings]
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())] == [
        "Severity", "Rule", "Parcel", "Building", "Actual", "Limit", "Marginal", "Message", "Review"]


def test_cells_of_a_marginal_far_breach(result):
    model = FindingsModel("en")
    model.set_result(result)
    row = row_of(model, lambda f: getattr(f, "rule", "") == "far_max" and f.parcel == "XG-06-04")
    texts = [model.index(row, c).data() for c in range(model.columnCount())]
    # The exact value of a marginal breach: rounded, "2.50 above ≤2.50" would contradict itself.
    assert texts[:7] == ["violation", "FAR above maximum", "XG-06-04", "", "2.5004", "≤2.50", "marginal"]
    assert texts[7] == violation_message(model.finding(row), "en")
    assert model.index(row, M.SEVERITY).data(Qt.ItemDataRole.BackgroundRole) == MARGINAL_COLOUR
    assert model.index(row, M.ACTUAL).data(SORT_ROLE) == pytest.approx(2.5004)


def test_cells_of_a_crossing_building_and_of_other_findings(result):
    model = FindingsModel("en")
    model.set_result(result)
    row = row_of(model, lambda f: getattr(f, "rule", "") == "crosses_parcel")
    assert model.index(row, M.BUILDING).data() == "3#"
    assert model.index(row, M.ACTUAL).data() == "2 parcels"
    assert model.index(row, M.PARCEL).data() == "XG-06-01, XG-06-02"
    assert model.index(row, M.SEVERITY).data(Qt.ItemDataRole.BackgroundRole) == VIOLATION_COLOUR

    row = row_of(model, lambda f: getattr(f, "rule", "") == "land_use" and f.building == "G-6")
    assert [model.index(row, c).data() for c in (M.ACTUAL, M.LIMIT, M.MARGINAL)] == ["住宅", "M1", ""]
    row = row_of(model, lambda f: getattr(f, "rule", "") == "outside_plan")
    assert model.index(row, M.ACTUAL).data() == format_area(280.0)
    assert model.index(row, M.PARCEL).data() == ""
    row = row_of(model, lambda f: getattr(f, "rule", "") == "green_min")
    assert [model.index(row, c).data() for c in (M.ACTUAL, M.LIMIT)] == ["19.9%", "≥35.0%"]

    row = row_of(model, lambda f: getattr(f, "code", "") == "no_floor_area")
    texts = [model.index(row, c).data() for c in range(model.columnCount())]
    assert texts[:7] == ["warning", "No floor area", "", "G-4", "", "", ""]
    assert "G-4" in texts[7]
    assert model.index(row, M.SEVERITY).data(Qt.ItemDataRole.BackgroundRole) == WARNING_COLOUR


def test_chinese_model(result):
    model = FindingsModel("zh")
    model.set_result(result)
    assert model.headerData(M.SEVERITY, Qt.Orientation.Horizontal) == "类别"
    assert model.index(0, M.SEVERITY).data() == "不符合"
    row = row_of(model, lambda f: getattr(f, "rule", "") == "crosses_parcel")
    assert model.index(row, M.ACTUAL).data() == "2 个地块"


def test_sorting_by_actual_is_numeric(result):
    model = FindingsModel("en")
    model.set_result(result)
    model.set_show_off_scheme(True)  # every warning, the one about XG-04-01 (not touched by the scheme) too
    model.sort(M.ACTUAL, Qt.SortOrder.AscendingOrder)
    values = [model.index(r, M.ACTUAL).data(SORT_ROLE) for r in range(model.rowCount())]
    numbers = [v for v in values if isinstance(v, float)]
    assert numbers == sorted(numbers) and len(numbers) == 11
    assert values[:len(numbers)] == numbers  # numbers first, then texts (uses), then blanks (warnings)
    assert values[-len(result.warnings):] == [None] * len(result.warnings)
    shown = [model.index(r, M.ACTUAL).data() for r in range(len(numbers))]
    # As text "18.30 m" < "2.50" < "280.0 m²" < "49.5 m"; as numbers they run the other way round.
    assert shown.index("2.5004") < shown.index("18.3 m") < shown.index("49.5 m") < shown.index(format_area(280.0))


def test_sorting_ids_is_natural(result):
    model = FindingsModel("en")
    model.set_result(result)
    model.sort(M.BUILDING, Qt.SortOrder.AscendingOrder)
    buildings = [model.index(r, M.BUILDING).data() for r in range(model.rowCount())]
    named = [b for b in buildings if b]
    assert named.index("3#") < named.index("8#") < named.index("10#") < named.index("11#")


# -- the panel -------------------------------------------------------------------------------------------

def test_filters_change_the_rows_and_the_count(panel, result):
    total = len(result.violations) + len(result.warnings)
    assert total == 18  # 13 violations, 5 warnings, one of them about XG-04-01, hidden (the scheme misses it)
    assert panel.count_label.text() == "17 of 18 findings"
    panel.severity_combo.setCurrentIndex(panel.severity_combo.findData("warning"))
    assert panel.proxy.rowCount() == 4
    assert panel.count_label.text() == "4 of 18 findings"
    panel.severity_combo.setCurrentIndex(panel.severity_combo.findData("violation"))
    assert panel.count_label.text() == f"{len(result.violations)} of {total} findings"
    panel.severity_combo.setCurrentIndex(panel.severity_combo.findData("all"))
    panel.rule_combo.setCurrentIndex(panel.rule_combo.findData("far_max"))
    assert panel.rule_combo.currentText() == "FAR above maximum"
    assert {panel.proxy.finding(r).rule for r in range(panel.proxy.rowCount())} == {"far_max"}
    assert panel.count_label.text() == f"2 of {total} findings"
    panel.rule_combo.setCurrentIndex(0)
    assert panel.count_label.text() == "17 of 18 findings"


def test_warnings_about_parcels_the_scheme_does_not_touch_are_hidden_until_asked_for(panel, result):
    """XG-04-01's unreadable indicator is about the plan: the scheme has no building on XG-04-01."""
    assert "XG-04-01" not in result.parcels.ids.tolist()
    off = [w for w in result.warnings if w.parcel == "XG-04-01"]
    assert [w.code for w in off] == ["unreadable_indicator"]
    shown = [panel.proxy.finding(r) for r in range(panel.proxy.rowCount())]
    assert off[0] not in shown and len(shown) == 17
    button = panel.off_scheme_button
    assert not button.isHidden()
    assert button.text() == "Warnings about parcels the scheme does not touch (1, hidden): show"
    button.click()
    assert panel.proxy.rowCount() == 18 and panel.count_label.text() == "18 of 18 findings"
    assert button.text() == "Warnings about parcels the scheme does not touch (1): hide"
    button.click()
    assert panel.proxy.rowCount() == 17
    # The severity filter's entry shows them alone.
    panel.severity_combo.setCurrentIndex(panel.severity_combo.findData("off_scheme"))
    assert [panel.proxy.finding(r) for r in range(panel.proxy.rowCount())] == off
    assert button.isHidden()
    # Warnings about a touched parcel (or about a building) stay among the others.
    panel.severity_combo.setCurrentIndex(panel.severity_combo.findData("warning"))
    assert {panel.proxy.finding(r).code for r in range(panel.proxy.rowCount())} == {
        "geometry_repaired", "no_floor_area", "no_height", "unknown_use"}


def test_the_off_scheme_group_in_chinese(qtbot, result):
    panel = FindingsPanel("zh")
    qtbot.addWidget(panel)
    panel.set_result(result)
    assert panel.off_scheme_button.text() == "方案未涉及地块的警告1条（已隐藏）：显示"
    assert panel.severity_combo.itemText(panel.severity_combo.findData("off_scheme")) == "方案未涉及地块的警告"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_columns_are_sized_to_their_contents_as_qt_would(qtbot, result, lang):
    """contents_width measures only the texts that look widest; Qt's resizeColumnToContents measures every row."""
    panel = FindingsPanel(lang)
    qtbot.addWidget(panel)
    panel.resize(1600, 400)
    panel.show()
    panel.set_result(result)
    ours = [panel.contents_width(column) for column in range(M.MESSAGE)]
    for column in range(M.MESSAGE):
        panel.view.resizeColumnToContents(column)
    assert ours == [panel.view.columnWidth(column) for column in range(M.MESSAGE)]
    assert ours[M.RULE] > ours[M.SEVERITY] > 0


def test_rule_combo_lists_the_codes_present(panel, result):
    codes = [panel.rule_combo.itemData(i) for i in range(panel.rule_combo.count())]
    present = {v.rule for v in result.violations} | {w.code for w in result.warnings}
    assert codes[0] is None and set(codes[1:]) == present and len(codes) == len(present) + 1
    assert codes.index("far_max") < codes.index("crosses_parcel") < codes.index("no_floor_area")
    assert panel.rule_combo.itemText(codes.index("no_height")) == "No height"


def selected_findings(panel):
    rows = panel.view.selectionModel().selectedRows()
    return [panel.proxy.finding(index.row()) for index in sorted(rows, key=lambda i: i.row())]


def test_select_feature_selects_a_parcels_rows_quietly(qtbot, panel):
    with qtbot.assertNotEmitted(panel.findingSelected):
        assert panel.select_feature("XG-06-01", None) == 3
    found = selected_findings(panel)
    assert [(f.rule, f.building) for f in found] == [("far_max", None), ("green_min", None),
                                                      ("crosses_parcel", "3#")]
    assert panel.current_finding() is found[0]
    with qtbot.assertNotEmitted(panel.findingSelected):
        assert panel.select_feature("XG-06-02", None) == 3  # its own two and the building crossing into it
        assert {f.rule for f in selected_findings(panel)} == {"density_max", "height_max", "crosses_parcel"}
        assert panel.select_feature("XG-06-01", "G-4") == 2  # the building wins over the parcel
        assert {f.code for f in selected_findings(panel)} == {"no_floor_area", "no_height"}
        assert panel.select_feature(None, "no such building") == 0
        assert selected_findings(panel) == []
        assert panel.select_feature(None, None) == 0


def test_select_feature_sees_only_the_shown_rows(panel):
    panel.severity_combo.setCurrentIndex(panel.severity_combo.findData("warning"))
    assert panel.select_feature("XG-06-01", None) == 0
    assert panel.select_feature(None, "G-4") == 2


def test_clicking_a_row_emits_its_finding(qtbot, panel, result):
    panel.resize(1200, 400)
    panel.show()
    qtbot.waitExposed(panel)
    view = panel.view
    assert result.warnings[0].parcel == "XG-04-01"  # not touched by the scheme: hidden
    rows = [*result.violations, *result.warnings[1:]]
    for row in (4, 14):
        rect = view.visualRect(panel.proxy.index(row, M.RULE))
        with qtbot.waitSignal(panel.findingSelected, timeout=1000) as blocker:
            qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert blocker.args[0] is rows[row]
    assert isinstance(blocker.args[0], CheckWarning)

    with qtbot.waitSignal(panel.findingSelected, timeout=1000) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Up)
    assert blocker.args[0] is result.warnings[1]

    # After the map selected rows, a click on the (silently) current row still tells.
    panel.select_feature("XG-06-04", None)
    rect = view.visualRect(view.currentIndex())
    with qtbot.waitSignal(panel.findingSelected, timeout=1000) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert isinstance(blocker.args[0], Violation) and blocker.args[0].parcel == "XG-06-04"


def test_programmatic_current_row_change_emits(qtbot, panel, result):
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    with qtbot.waitSignal(panel.findingSelected, timeout=1000) as blocker:
        panel.view.selectionModel().setCurrentIndex(panel.proxy.index(2, 0), flags)
    assert blocker.args == [result.violations[2]]


def test_sorting_through_the_view_keeps_the_selection_and_survives_a_new_result(qtbot, panel, result):
    with qtbot.assertNotEmitted(panel.findingSelected):
        panel.select_feature("XG-06-04", None)
        panel.view.sortByColumn(M.ACTUAL, Qt.SortOrder.DescendingOrder)
    assert [(f.rule, f.parcel) for f in selected_findings(panel)] == [("far_max", "XG-06-04")]
    assert panel.proxy.finding(0).rule == "outside_plan"  # 280 m², the largest number
    panel.severity_combo.setCurrentIndex(panel.severity_combo.findData("violation"))
    panel.view.sortByColumn(M.ACTUAL, Qt.SortOrder.AscendingOrder)
    assert panel.proxy.finding(0).rule == "density_min"  # 19.6%, the smallest number
    panel.set_result(result)
    assert panel.proxy.finding(0).rule == "density_min"
    panel.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    assert [panel.proxy.finding(r) for r in range(panel.proxy.rowCount())] == list(result.violations)


def test_a_new_result_resets_the_table(panel, result):
    panel.rule_combo.setCurrentIndex(panel.rule_combo.findData("far_max"))
    panel.set_result(None)
    assert panel.proxy.rowCount() == 0 and panel.rule_combo.count() == 1
    assert panel.count_label.text() == "0 of 0 findings"
    panel.set_result(result)
    assert panel.proxy.rowCount() == len(result.violations) + len(result.warnings) - 1  # XG-04-01's hidden


# -- the inspector ---------------------------------------------------------------------------------------

def verdicts(inspector):
    table = inspector.indicator_table
    return [table.item(r, inspector.VERDICT).text() for r in range(table.rowCount())]


@pytest.fixture
def inspector(qtbot):
    widget = ParcelInspector("en")
    qtbot.addWidget(widget)
    return widget


def test_inspector_starts_with_a_hint(inspector, result):
    assert inspector.parcel_id is None
    assert inspector.hint_label.text() == "Select a parcel on the map or a finding in the table."
    inspector.show_parcel(result, "XG-06-04")
    assert inspector.parcel_id == "XG-06-04"
    inspector.show_parcel(result, None)
    assert inspector.parcel_id is None
    inspector.show_parcel(result, "XG-04-01")  # in the plan, but no scheme touches it
    assert inspector.parcel_id is None and "XG-04-01" in inspector.hint_label.text()


def test_inspector_verdicts(inspector, result, result_without_green):
    inspector.show_parcel(result, "XG-06-04")
    assert verdicts(inspector)[0] == "marginal violation"
    table = inspector.indicator_table
    assert [table.item(0, c).text() for c in range(table.columnCount())] == [
        "FAR", "≤2.5", "≤2.50", "2.5004", "marginal violation"]
    assert "R2/B1" in inspector.title_label.text() and "10,000.0 m²" in inspector.title_label.text()

    inspector.show_parcel(result, "XG-06-01")
    assert verdicts(inspector) == ["violation", "pass", "pass", "violation"]
    assert "二类城镇住宅用地" not in inspector.title_label.text()  # English names in English

    inspector.show_parcel(result_without_green, "XG-06-01")
    assert verdicts(inspector)[3] == "not assessed"
    assert table.item(3, inspector.ACHIEVED).text() == "-"

    inspector.show_parcel(result, "XG-07-01")
    assert verdicts(inspector) == ["not controlled", "not controlled", "not controlled", "pass"]


def test_inspector_lists_the_parcels_buildings(inspector, result):
    inspector.show_parcel(result, "XG-06-02")
    table = inspector.building_table
    ids = [table.item(r, 0).text() for r in range(table.rowCount())]
    assert ids == list(parcel(result, "XG-06-02").buildings) == ["3#", "4#", "5#", "6#"]
    buildings = result.buildings
    for r, building in enumerate(ids):
        k = buildings.ids.tolist().index(building)
        assert table.item(r, 5).text() == format_area(float(buildings.counted_area[k]))
        assert table.item(r, 1).text() == buildings.use[k]
    assert table.item(ids.index("4#"), 3).text() == "49.5 m"
    text = inspector.findings_label.text()
    assert "49.5 m" in text and "3#" in text  # the height breach and the crossing building


def test_inspector_shows_warnings_of_the_parcels_buildings(inspector, result):
    inspector.show_parcel(result, "XG-05-01")
    assert "G-4" in inspector.findings_label.text()
    ids = [inspector.building_table.item(r, 0).text() for r in range(inspector.building_table.rowCount())]
    assert ids == ["G-1", "G-2", "G-3", "G-4"]
    assert inspector.building_table.item(3, 2).text() == "-"  # G-4 has no storeys


def test_inspector_in_chinese(qtbot, result):
    inspector = ParcelInspector("zh")
    qtbot.addWidget(inspector)
    inspector.show_parcel(result, "XG-06-01")
    assert verdicts(inspector) == ["不符合", "符合", "符合", "不符合"]
    assert inspector.indicator_table.horizontalHeaderItem(inspector.VERDICT).text() == "结论"
    assert "二类城镇住宅用地" in inspector.title_label.text()
    assert "容积率" in inspector.findings_label.text()
    inspector.show_parcel(result, "XG-06-04")
    assert verdicts(inspector)[0] == "临界不符合"


def test_inspector_shows_every_building_of_a_repeated_id(qtbot, workdir):
    plan = write_layer(workdir / "plan.gpkg", "plan", [rect(0, 0, 100, 100)], 地块编号=["P-1"],
                       用地代码=["070102"], 容积率=["≤2.0"], 建筑密度=["≤30%"], 建筑限高=["24米"], 绿地率=["≥35%"])
    scheme = write_layer(workdir / "scheme.gpkg", "buildings",
                         [rect(10, 10, 20, 10), rect(50, 50, 10, 10), box(X0 + 70, Y0 + 10, X0 + 80, Y0 + 20)],
                         建筑编号=["1#", "1#", "2#"], 建筑用途=["住宅", "住宅", "住宅"], 层数=[3, 5, 2])
    result = check(load_plan(plan), load_buildings(scheme))
    inspector = ParcelInspector("en")
    qtbot.addWidget(inspector)
    inspector.show_parcel(result, "P-1")
    table = inspector.building_table
    rows = [(table.item(r, 0).text(), table.item(r, 5).text()) for r in range(table.rowCount())]
    assert rows == [("1#", format_area(600.0)), ("1#", format_area(500.0)), ("2#", format_area(200.0))]
