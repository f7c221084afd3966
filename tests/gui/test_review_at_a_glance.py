"""Review at a glance: each finding's review state (open, noted, accepted as exception) in the findings table, a
filter by it, the count of violations reviewed in the status bar, and the state beside the parcel's findings in
the inspector."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt

from planner import check, load_buildings, load_green, load_plan
from planner.gui.violations import REVIEW_COLOURS, REVIEW_ROLE, FindingsModel
from planner.resources import sample_path
from planner.review import FindingNote, Review

M = FindingsModel


@pytest.fixture(scope="module")
def result():
    plan = load_plan(sample_path("xiguan_plan.gpkg"))
    scheme = sample_path("scheme_violating.gpkg")
    return check(plan, load_buildings(scheme, "建筑"), load_green(scheme, "绿地"))


def reviewed(result) -> Review:
    """The height breach noted, the marginal FAR breach accepted as an exception."""
    height = next(v for v in result.violations if v.rule == "height_max")
    marginal = next(v for v in result.violations if v.marginal)
    return (Review().with_note(height, FindingNote(note="4# to be lowered by two storeys"))
            .with_note(marginal, FindingNote(accepted=True, reason="规委会纪要")))


def states(model) -> dict[str, str]:
    return {f"{getattr(model.finding(r), 'rule', '')}|{model.finding(r).parcel}": model.index(r, M.REVIEW).data()
            for r in range(model.rowCount())}


def test_the_review_column_shows_each_findings_state(result):
    model = FindingsModel("en")
    model.set_result(result)
    assert model.headerData(M.REVIEW, Qt.Orientation.Horizontal) == "Review"
    assert set(states(model).values()) == {"open"}
    model.set_review(reviewed(result))
    shown = states(model)
    assert shown["height_max|XG-06-02"] == "✎ noted"
    assert shown["far_max|XG-06-04"] == "✓ accepted as exception"
    assert shown["far_max|XG-06-01"] == "open"
    row = next(r for r in range(model.rowCount()) if model.index(r, M.REVIEW).data(REVIEW_ROLE) == "accepted")
    assert model.index(row, M.REVIEW).data(Qt.ItemDataRole.BackgroundRole) == REVIEW_COLOURS["accepted"]
    assert model.index(row, M.REVIEW).data(Qt.ItemDataRole.ToolTipRole) == "规委会纪要"
    assert model.review_counts() == (2, 13)  # of the sample's 13 violations
    # Sorted by review state: open first, then noted, then accepted.
    model.sort(M.REVIEW, Qt.SortOrder.DescendingOrder)
    assert model.index(0, M.REVIEW).data(REVIEW_ROLE) == "accepted"
    assert model.index(1, M.REVIEW).data(REVIEW_ROLE) == "noted"


def test_the_review_column_in_chinese(result):
    model = FindingsModel("zh")
    model.set_result(result)
    model.set_review(reviewed(result))
    assert model.headerData(M.REVIEW, Qt.Orientation.Horizontal) == "审查状态"
    assert set(states(model).values()) == {"待审查", "✎ 已批注", "✓ 同意作为例外"}


@pytest.mark.parametrize(("state", "count"), [("all", 17), ("open", 15), ("reviewed", 2), ("noted", 1),
                                              ("accepted", 1)])
def test_findings_filter_by_review_state(result, state, count):
    model = FindingsModel("en")
    model.set_result(result)
    model.set_review(reviewed(result))
    model.set_show_off_scheme(False)  # as the findings panel shows them
    model.set_review_filter(state)
    assert model.rowCount() == count  # of 18: the warning about XG-04-01 (the scheme misses it) is hidden
    with pytest.raises(ValueError):
        model.set_review_filter("done")


def test_a_note_written_in_the_window_shows_in_the_table_status_bar_and_inspector(qtbot, window, tmp_path):
    """The scheme is a copy, so its review file is written beside the copy, not into sample_plans/."""
    scheme = tmp_path / "scheme_violating.gpkg"
    shutil.copy(sample_path("scheme_violating.gpkg"), scheme)
    with qtbot.waitSignal(window.checkFinished, timeout=20000):
        window.open_files([("plan", str(sample_path("xiguan_plan.gpkg")), "控规地块"),
                           ("buildings", str(scheme), "建筑"), ("green", str(scheme), "绿地")])
    assert window.review_label.text() == "0 of 13 violations reviewed"
    proxy = window.findings.proxy
    row = next(r for r in range(proxy.rowCount()) if getattr(proxy.finding(r), "rule", None) == "height_max")
    window.findings.view.selectRow(row)
    window.review_panel.note_edit.setPlainText("4# to be lowered by two storeys")
    with qtbot.waitSignal(window.review_panel.reviewChanged, timeout=3000):
        pass
    assert window.review_label.text() == "1 of 13 violations reviewed"
    assert proxy.index(row, M.REVIEW).data() == "✎ noted"
    assert "[noted]" in window.inspector.findings_label.text()
    window.review_panel.accepted_check.setChecked(True)
    window.review_panel.reason_edit.setText("Committee minutes 2025/3")
    window.review_panel.flush()
    assert proxy.index(row, M.REVIEW).data() == "✓ accepted as exception"
    assert "[accepted as exception]" in window.inspector.findings_label.text()
    # Filtered to what is still open: the reviewed finding goes from the table.
    window.findings.review_combo.setCurrentIndex(window.findings.review_combo.findData("open"))
    assert proxy.rowCount() == 16  # of 18: the reviewed one, and the warning about XG-04-01 the scheme misses
    assert (tmp_path / "scheme_violating.gpkg.review.json").exists()


def test_the_samples_review_goes_to_the_users_data_folder_not_into_sample_plans(qtbot, window, user_data):
    """Opening the bundled sample and writing a note leaves sample_plans/ as it was: the review is kept in the
    user's data folder (an installed sample folder may be read-only, and it is the source tree's)."""
    from planner.gui.app import sample_files

    before = sorted(p.name for p in sample_path().iterdir())
    with qtbot.waitSignal(window.checkFinished, timeout=20000):
        window.open_files(sample_files())
    expected = window.sample_review_folder() / "scheme_violating.gpkg.review.json"
    assert str(expected).startswith(str(user_data))
    assert window.review_store.path == expected
    proxy = window.findings.proxy
    window.findings.view.selectRow(0)
    window.review_panel.note_edit.setPlainText("seen")
    window.review_panel.flush()
    assert expected.exists()
    assert sorted(p.name for p in sample_path().iterdir()) == before
    assert proxy.index(0, M.REVIEW).data() == "✎ noted"
    # Opened again (another window), the note is there.
    from planner.gui.main_window import MainWindow

    again = MainWindow("en", window.settings)
    again.setProperty("quiet_errors", True)
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.checkFinished, timeout=20000):
        again.open_files(sample_files())
    assert again.review_label.text() == "1 of 13 violations reviewed"
    again.runner.shutdown()


def test_a_scheme_elsewhere_keeps_its_review_beside_it(window, tmp_path):
    from planner.review import review_path

    scheme = tmp_path / "scheme.gpkg"
    assert window.review_file_for(str(scheme)) == review_path(scheme) == tmp_path / "scheme.gpkg.review.json"


def test_reviewed_parcels_and_buildings_carry_a_marker_on_the_map(qtbot, window, tmp_path):
    """XG-06-04's only finding (the marginal FAR breach) accepted: its parcel gets a ✓ badge; XG-06-02's height
    breach noted while its density breach is still open: no badge; 3#'s only finding noted: a ✎ badge."""
    scheme = tmp_path / "scheme_violating.gpkg"
    shutil.copy(sample_path("scheme_violating.gpkg"), scheme)
    with qtbot.waitSignal(window.checkFinished, timeout=20000):
        window.open_files([("plan", str(sample_path("xiguan_plan.gpkg")), "控规地块"),
                           ("buildings", str(scheme), "建筑"), ("green", str(scheme), "绿地")])
    assert window.canvas.review_marks("plan") == {} and window.canvas.review_marks("buildings") == {}
    proxy = window.findings.proxy

    def review(rule: str, parcel: str, accepted: bool) -> None:
        row = next(r for r in range(proxy.rowCount())
                   if getattr(proxy.finding(r), "rule", None) == rule and proxy.finding(r).parcel == parcel)
        window.findings.view.selectRow(row)
        window.review_panel.note_edit.setPlainText("checked")
        if accepted:
            window.review_panel.accepted_check.setChecked(True)
            window.review_panel.reason_edit.setText("Committee minutes 2025/3")
        window.review_panel.flush()

    review("far_max", "XG-06-04", accepted=True)
    plan_ids = list(window.session.plan.ids)
    assert window.canvas.review_marks("plan") == {plan_ids.index("XG-06-04"): "accepted"}
    review("height_max", "XG-06-02", accepted=False)
    assert plan_ids.index("XG-06-02") not in window.canvas.review_marks("plan")  # its density breach is open
    review("crosses_parcel", "XG-06-01", accepted=False)
    building_ids = list(window.session.buildings.ids)
    assert window.canvas.review_marks("buildings") == {building_ids.index("3#"): "noted"}
    # The badge is drawn: the map picture differs from the one without marks.
    window.canvas.zoom_to_all()
    with_marks = window.canvas.render_image(400, 300)
    window.canvas.set_review_marks("plan", {})
    window.canvas.set_review_marks("buildings", {})
    assert window.canvas.render_image(400, 300) != with_marks
