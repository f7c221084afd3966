"""The window at city scale: findings sorted and filtered on precomputed arrays, rows found through an index made
once per result, a text filter, and exports written off the UI thread (the UI keeps ticking)."""

from __future__ import annotations

import time

import numpy as np
import pytest
import shapely
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest

from planner import check, load_buildings, load_green, load_plan
from planner.gui.app import sample_files
from planner.gui.finding_table import FindingTable, finding_buildings, finding_parcels, sort_key
from planner.gui.session import display_geometry
from planner.gui.violations import FindingsModel, FindingsPanel
from planner.resources import sample_path
from tests.helpers import rect, write_layer

M = FindingsModel


@pytest.fixture(scope="module")
def result():
    plan = load_plan(sample_path("xiguan_plan.gpkg"))
    scheme = sample_path("scheme_violating.gpkg")
    return check(plan, load_buildings(scheme, "建筑"), load_green(scheme, "绿地"))


def shown(model) -> list:
    return [model.finding(r) for r in range(model.rowCount())]


@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_sorting_by_message_gives_pythons_sorted_order(result, order):
    model = FindingsModel("en")
    model.set_result(result)
    findings = model.findings()
    messages = [model.table.texts[k][M.MESSAGE] for k in range(len(findings))]
    model.sort(M.MESSAGE, order)
    descending = order == Qt.SortOrder.DescendingOrder
    expected = sorted(range(len(findings)), key=lambda k: sort_key(messages[k]), reverse=descending)
    assert [id(f) for f in shown(model)] == [id(findings[k]) for k in expected]
    assert [model.index(r, M.MESSAGE).data() for r in range(model.rowCount())] == \
        sorted(messages, key=sort_key, reverse=descending)


def test_sorting_by_actual_keeps_blanks_last_both_ways(result):
    model = FindingsModel("en")
    model.set_result(result)
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        model.sort(M.ACTUAL, order)
        kinds = [model.sort_key(r, M.ACTUAL)[0] for r in range(model.rowCount())]
        assert kinds == sorted(kinds)  # numbers, then texts, then blanks, whichever the direction
        numbers = [model.sort_key(r, M.ACTUAL)[1] for r, kind in enumerate(kinds) if kind == 0]
        assert numbers == sorted(numbers, reverse=order == Qt.SortOrder.DescendingOrder)


def test_the_index_finds_what_a_scan_finds(result):
    table = FindingTable(result, "en")
    findings = table.findings
    parcels = {p for f in findings for p in finding_parcels(f)}
    buildings = {b for f in findings for b in finding_buildings(f)}
    assert buildings  # the violating scheme names buildings
    for parcel in parcels:
        assert table.rows_of(parcel, None).tolist() == [k for k, f in enumerate(findings)
                                                        if parcel in finding_parcels(f)]
    for building in buildings:
        assert table.rows_of(None, building).tolist() == [k for k, f in enumerate(findings)
                                                          if building in finding_buildings(f)]
    assert table.rows_of("no such parcel", None).tolist() == []


def test_text_filter_finds_a_building_id_once_typing_pauses(qtbot, result):
    panel = FindingsPanel("en")
    qtbot.addWidget(panel)
    panel.set_result(result)
    building = next(v.building for v in result.violations if v.building is not None)
    total = panel.proxy.rowCount()
    panel.text_filter.setText(building.upper())  # any case
    assert panel.proxy.rowCount() == total  # not yet: the filter waits for typing to pause
    qtbot.waitUntil(lambda: panel.filter_text() == building.upper(), timeout=2000)
    rows = shown(panel.proxy)
    assert rows and all(building.casefold() in " ".join((*finding_parcels(f), *finding_buildings(f),
                                                         panel.model.table.texts[panel.model.findings().index(f)][
                                                             M.MESSAGE])).casefold() for f in rows)
    assert any(building in finding_buildings(f) for f in rows)
    assert panel.count_label.text() == f"{len(rows)} of {len(result.violations) + len(result.warnings)} findings"
    # Words of the rule's name or the message; cleared, every row is back.
    panel.set_filter_text("far above")
    assert {f.rule for f in shown(panel.proxy)} == {"far_max"}
    panel.set_filter_text("exceeds the maximum")
    assert shown(panel.proxy) and all(f.rule.endswith("_max") for f in shown(panel.proxy))
    panel.set_filter_text("")
    assert panel.proxy.rowCount() == total


def test_clicking_a_parcel_selects_its_rows(qtbot, window):
    with qtbot.waitSignal(window.checkFinished, timeout=20000):
        window.open_files(sample_files())
    result = window.session.result
    parcel_id = max({v.parcel for v in result.violations if v.parcel},
                    key=lambda p: sum(p in finding_parcels(f) for f in result.violations))
    row = int(np.flatnonzero(window.session.plan.ids == parcel_id)[0])
    shown_geometry = display_geometry(window.session)
    geometry = shown_geometry["plan"][row]
    window.canvas.zoom_to_bounds(*shapely.bounds(geometry).tolist(), margin=1.0)
    # A point of the parcel no building or green area covers: the click picks the parcel.
    covered = shapely.union_all(np.concatenate([shown_geometry["buildings"], shown_geometry["green"]]))
    point = shapely.point_on_surface(shapely.difference(geometry, covered.buffer(2)))
    QTest.mouseClick(window.canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     window.canvas.map_to_screen(point.x, point.y).toPoint())
    panel = window.findings
    selected = sorted(index.row() for index in panel.view.selectionModel().selectedRows())
    expected = [r for r in range(panel.proxy.rowCount()) if parcel_id in finding_parcels(panel.proxy.finding(r))]
    assert len(expected) >= 2 and selected == expected
    assert window.inspector.parcel_id == parcel_id


def moderate_city(folder, side: int = 30):
    """side x side parcels of 80 m with FAR 1.0, each with four 8-storey buildings (FAR ~2.2: every parcel breaks
    its limit): ~900 parcels, 3,600 buildings."""
    parcels, ids, buildings, numbers, floors = [], [], [], [], []
    for i in range(side):
        for j in range(side):
            x, y = i * 100, j * 100
            parcels.append(rect(x, y, 80, 80))
            ids.append(f"P{i:02d}-{j:02d}")
            for k in range(4):
                buildings.append(rect(x + 5 + (k % 2) * 38, y + 5 + (k // 2) * 38, 30, 20))
                numbers.append(f"B{i:02d}{j:02d}-{k}")
                floors.append(8)
    plan = write_layer(folder / "plan.gpkg", "控规地块", parcels, 地块编号=ids, 用地代码=["R2"] * len(ids),
                       容积率=["1.0"] * len(ids))
    scheme = write_layer(folder / "scheme.gpkg", "建筑", buildings, 建筑编号=numbers, 层数=floors,
                         建筑用途=["住宅"] * len(numbers))
    return [("plan", str(plan), "控规地块"), ("buildings", str(scheme), "建筑")]


def test_export_runs_in_the_background_and_the_window_keeps_ticking(qtbot, window, tmp_path):
    with qtbot.waitSignal(window.checkFinished, timeout=60000):
        window.open_files(moderate_city(tmp_path))
    assert len(window.session.result.violations) >= 900
    ticks: list[float] = []
    heartbeat = QTimer()
    heartbeat.setInterval(10)
    heartbeat.timeout.connect(lambda: ticks.append(time.perf_counter()))
    heartbeat.start()
    qtbot.wait(50)
    target = tmp_path / "out.xlsx"
    with qtbot.waitSignal(window.exportFinished, timeout=120000) as written:
        started = time.perf_counter()
        assert window.export_xlsx(str(target))
        returned = time.perf_counter()
        assert not target.exists()  # returned before the file was written: it is written elsewhere
        assert window.cancel_button.isVisible() and window.progress.isVisible()
    heartbeat.stop()
    assert written.args == [str(target), True] and target.stat().st_size > 0
    assert returned - started < 1.0
    during = [t for t in ticks if t >= started]
    assert len(during) >= 5  # the UI thread ran its timer while the workbook was written
    gaps = np.diff([started, *during])
    assert gaps.max() < 2.0  # generous: the export took longer than that on the UI thread before
    assert not window.cancel_button.isVisible()


def test_a_cancelled_export_leaves_no_file(qtbot, window, tmp_path):
    with qtbot.waitSignal(window.checkFinished, timeout=60000):
        window.open_files(moderate_city(tmp_path, side=20))
    target = tmp_path / "cancelled.xlsx"
    with qtbot.waitSignal(window.exportFinished, timeout=10000) as ended:
        window.export_xlsx(str(target))
        window.cancel_button.click()
    assert ended.args == [str(target), False]
    assert window.wait_for_exports(120)
    assert not target.exists()
    assert "Cancelled" in window.stage_label.text()


def test_ranks_sorted_in_slices_are_pythons_order(monkeypatch):
    from planner.gui import finding_table

    monkeypatch.setattr(finding_table, "SORT_SLICE", 7)
    values = ["XG-06-10", "XG-06-2", None, 2.5, "", 10, "b", "XG-06-2", 2.5, "a", None, 3, "XG-06-1"] * 5
    keys = [sort_key(v) for v in values]
    ranks = finding_table.dense_ranks(keys)
    assert np.argsort(ranks, kind="stable").tolist() == sorted(range(len(keys)), key=keys.__getitem__)
    assert ranks[values.index("XG-06-2")] == ranks[values.index("XG-06-2", 2)]  # equal keys, equal rank


def test_print_preview_pages_are_painted_off_the_ui_thread(qtbot, window):
    from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget

    with qtbot.waitSignal(window.checkFinished, timeout=20000):
        window.open_files(sample_files())
    ticks: list[float] = []
    pages: list[int] = []
    threads: list[bool] = []
    original = window._paint_preview

    def paint(target) -> None:
        start = len(ticks)
        original(target)
        threads.append(len(ticks) > start)  # the UI thread's timer ran while the pages were made

    window.preview_painter = paint
    heartbeat = QTimer()
    heartbeat.setInterval(10)
    heartbeat.timeout.connect(lambda: ticks.append(time.perf_counter()))
    heartbeat.start()

    def close_when_painted() -> None:
        dialog = getattr(window, "preview", None)
        if isinstance(dialog, QPrintPreviewDialog) and dialog.isVisible() and window.preview_ready():
            pages.append(dialog.findChild(QPrintPreviewWidget).pageCount())
            dialog.reject()
        else:
            QTimer.singleShot(50, close_when_painted)

    QTimer.singleShot(50, close_when_painted)
    window.print_preview()
    heartbeat.stop()
    assert pages and pages[0] >= 3
    assert threads == [True]
    assert not window.cancel_button.isVisible()


def test_printing_paints_the_report_in_the_background(qtbot, window, tmp_path, monkeypatch):
    from PySide6 import QtPrintSupport
    from PySide6.QtPrintSupport import QPrinter

    target = tmp_path / "printed.pdf"

    class Accepting:
        DialogCode = QtPrintSupport.QPrintDialog.DialogCode

        def __init__(self, printer, _parent) -> None:
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(target))

        def exec(self):
            return self.DialogCode.Accepted

    monkeypatch.setattr(QtPrintSupport, "QPrintDialog", Accepting)
    with qtbot.waitSignal(window.checkFinished, timeout=20000):
        window.open_files(sample_files())
    window.print_report()
    assert window.cancel_button.isVisible()  # returned at once; printing goes on in the background
    qtbot.waitUntil(lambda: not window._jobs, timeout=60000)
    assert target.exists() and target.read_bytes().startswith(b"%PDF")
