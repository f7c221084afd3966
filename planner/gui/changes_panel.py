"""The plan changes panel: what an amendment changed (parcel by parcel) and which findings depend on it.

Shown while the official compares another plan version with the one in force (planner.versions.compare). The map
gets a layer of the changed parcels, outlined by kind of change over the parcels' status colours.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from planner.gui.map_canvas import LayerStyle
from planner.io.layers import PlanLayer
from planner.messages import INDICATOR_NAMES, land_use_text, rule_name, tr, violation_message
from planner.model import Violation, version_name
from planner.versions.compare import VerdictComparison, VersionComparison

__all__ = ["CHANGES_LAYER", "CHANGE_KINDS", "CHANGE_STYLES", "ChangeRows", "ChangesPanel", "RowsModel",
           "change_geometry"]

#: The map layer of changed parcels.
CHANGES_LAYER = "changes"
#: Kinds of change drawn on the map, by class number: parcels of the version in force, then the old
#: version's parcels that are gone.
CHANGE_KINDS = ("changed", "renamed", "split", "merged", "added", "removed")
#: Outlines only, thick, so each parcel's status colour still shows through.
CHANGE_STYLES = {
    0: LayerStyle(None, QColor(230, 120, 0), 3.0),  # changed: orange
    1: LayerStyle(None, QColor(0, 150, 200), 3.0),  # renamed: cyan
    2: LayerStyle(None, QColor(140, 60, 170), 3.0),  # split: purple
    3: LayerStyle(None, QColor(40, 80, 200), 3.0),  # merged: blue
    4: LayerStyle(None, QColor(0, 150, 60), 3.0),  # added: green
    5: LayerStyle(None, QColor(180, 0, 0), 2.0, dashed=True),  # removed (old parcel): dashed dark red
}
ID_ROLE = Qt.ItemDataRole.UserRole
#: Up to this many rows, the columns are sized to their texts; beyond, they keep their widths (drag to widen).
FIT_ROWS = 500
FINDING_ROLE = Qt.ItemDataRole.UserRole + 1


def change_geometry(comparison: VersionComparison, plan: PlanLayer) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """The parcels to outline as (geometry, class (index into CHANGE_KINDS), id) per layer, each in its own
    layer's CRS: the changed parcels of the version in force, then the old version's parcels that are gone."""
    diff = comparison.changes
    kinds = np.asarray(diff.new_kind, dtype=object)
    rows = np.flatnonzero(np.isin(kinds, CHANGE_KINDS))
    removed = np.asarray(diff.removed_rows, dtype=np.int64)
    changed = np.array([CHANGE_KINDS.index(k) for k in kinds[rows]], dtype=np.int64)
    gone = np.full(len(removed), CHANGE_KINDS.index("removed"), dtype=np.int64)
    return [(plan.geometry[rows], changed, plan.ids[rows]),
            (comparison.other.geometry[removed], gone, comparison.other.ids[removed])]


Row = tuple[list[str], str, object]  # the cells, the parcel id selecting it, the Violation under the version in force


class ChangeRows(NamedTuple):
    """What the panel shows of a comparison: made by ChangesPanel.rows (in the worker for a city's 9,000 rows)."""

    summary: str
    changes: list[Row]
    verdicts: list[Row]


class RowsModel(QAbstractTableModel):
    """Read-only rows of texts (one line each; the full text in the tooltip), for tables of thousands of rows."""

    def __init__(self, headers: list[str], parent=None) -> None:
        super().__init__(parent)
        self._headers = headers
        self._rows: list[Row] = []

    def set_rows(self, rows: list[Row]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row(self, row: int) -> Row:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and \
                0 <= section < len(self._headers):
            return self._headers[section]
        return super().headerData(section, orientation, role)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        cells, parcel, finding = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return cells[index.column()] if index.column() < len(cells) else None
        if role == ID_ROLE:
            return parcel
        if role == FINDING_ROLE:
            return finding
        return None


class ChangesPanel(QWidget):
    """Two tables: the parcels an amendment changed, and the findings that appear, disappear or change."""

    parcelSelected = Signal(str)  # a parcel id of the version in force, or of the old version if it is gone
    findingSelected = Signal(object)  # a Violation under the version in force

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.changes = self._table([self.tr("Change"), self.tr("Parcel"), self.tr("What changed")])
        self.verdicts = self._table([self.tr("Change"), self.tr("Rule"), self.tr("Parcel"), self.tr("Building"),
                                     self.tr("Under the version in force"), self.tr("Under the other version")])
        self.changes.selectionModel().selectionChanged.connect(self._on_changes_selection_changed)
        self.verdicts.selectionModel().selectionChanged.connect(self._on_verdicts_selection_changed)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.changes, self.tr("Parcels changed"))
        self.tabs.addTab(self.verdicts, self.tr("Findings that depend on the version"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs)
        self.set_comparison(None, None)

    def _table(self, headers: list[str]) -> QTableView:
        """A table over a RowsModel: one line a row (no row is measured), columns sized to the rows in view."""
        table = QTableView(self)
        table.setModel(RowsModel(headers, table))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.horizontalHeader().setStretchLastSection(True)
        table.setWordWrap(False)
        return table

    # --- filling -------------------------------------------------------------------------------------

    def set_comparison(self, comparison: VersionComparison | None, plan: PlanLayer | None,
                       rows: ChangeRows | None = None) -> None:
        """Show a comparison; `rows`: what rows() made of it already (in the worker), else made here."""
        if comparison is None or plan is None:
            self._fill(self.changes, [])
            self._fill(self.verdicts, [])
            self.summary.setText(self.tr("Not comparing plan versions. In the Plan versions panel, choose a "
                                         "version and \"Compare with the version in force\"."))
            return
        rows = rows or self.rows(comparison, plan)
        self.summary.setText(rows.summary)
        self._fill(self.changes, rows.changes)
        self._fill(self.verdicts, rows.verdicts)

    def rows(self, comparison: VersionComparison, plan: PlanLayer) -> ChangeRows:
        """The summary and the rows of both tables. Reads only the language and translations: the window's worker
        calls it off the UI thread."""
        diff, verdicts = comparison.changes, comparison.verdicts
        other = version_name(comparison.other.info)
        counts = diff.counts
        findings = (self.tr("Findings: {appeared} appear, {disappeared} disappear, {changed} change, "
                            "{unchanged} the same.").format(**verdicts.summary) if verdicts is not None
                    else self.tr("Load a scheme to see which findings depend on the version."))
        summary = (
            self.tr("Comparing the version in force, {new}, with {old}.").format(new=version_name(plan.info), old=other)
            + " " + self.tr("Parcels: {added} added, {removed} removed, {changed} changed, {split} split, "
                            "{merged} merged, {unchanged} unchanged.").format(**counts)
            + " " + findings)
        return ChangeRows(summary, self._change_rows(comparison, plan),
                          self._verdict_rows(verdicts) if verdicts is not None else [])

    def _change_rows(self, comparison: VersionComparison, plan: PlanLayer) -> list[tuple[list[str], str, object]]:
        diff = comparison.changes
        kind_names = {"changed": self.tr("Changed"), "renamed": self.tr("Renamed"), "split": self.tr("Split"),
                      "merged": self.tr("Merged"), "added": self.tr("Added"), "removed": self.tr("Removed")}
        rows: list[tuple[list[str], str, object]] = []
        separator = "、" if self.lang == "zh" else ", "  # ids listed inside a sentence
        for change in diff.changed:
            kind = "renamed" if change.renamed_from is not None else "changed"
            rows.append(([kind_names[kind], change.id, self._describe(change)], change.id, None))
        for split in diff.splits:
            text = self.tr("{old} is now {new}").format(old=split.old_id, new=separator.join(split.new_ids))
            rows.append(([kind_names["split"], split.old_id, text], split.new_ids[0], None))
        for merge in diff.merges:
            text = self.tr("{old} are now {new}").format(old=separator.join(merge.old_ids), new=merge.new_id)
            rows.append(([kind_names["merged"], merge.new_id, text], merge.new_id, None))
        for parcel in diff.added:
            rows.append(([kind_names["added"], parcel, self.tr("new in the version in force")], parcel, None))
        for parcel in diff.removed:
            rows.append(([kind_names["removed"], parcel, self.tr("not in the version in force")], parcel, None))
        return rows

    def _describe(self, change) -> str:
        parts = []
        if change.renamed_from is not None:
            parts.append(self.tr("was {old}").format(old=change.renamed_from))
        for indicator, (old, new) in change.indicators.items():
            name = tr(INDICATOR_NAMES[indicator], self.lang)
            parts.append(f"{name} {old or '-'} → {new or '-'}")
        if change.land_use is not None:
            old, new = change.land_use
            parts.append(self.tr("land use {old} → {new}").format(old=land_use_text(old, self.lang),
                                                                   new=land_use_text(new, self.lang)))
        if change.geometry:
            parts.append(self.tr("boundary redrawn ({old:.0f} m² → {new:.0f} m²)").format(
                old=change.area_old, new=change.area_new))
        return ("；" if self.lang == "zh" else "; ").join(parts)

    def _verdict_rows(self, verdicts: VerdictComparison) -> list[tuple[list[str], str, object]]:
        names = {"appeared": self.tr("Appears"), "disappeared": self.tr("Disappears"), "changed": self.tr("Changes")}
        rows: list[tuple[list[str], str, object]] = []

        def row(kind: str, now: Violation | None, before: Violation | None) -> None:
            v = now or before
            rows.append(([names[kind], rule_name(v.rule, self.lang), v.parcel or "-", v.building or "-",
                          violation_message(now, self.lang) if now else "-",
                          violation_message(before, self.lang) if before else "-"], v.parcel or "", now))

        for v in verdicts.appeared:
            row("appeared", v, None)
        for v in verdicts.disappeared:
            row("disappeared", None, v)
        for before, now in verdicts.changed:
            row("changed", now, before)
        return rows

    @staticmethod
    def _fill(table: QTableView, rows: list[Row]) -> None:
        table.model().set_rows(rows)
        if rows and len(rows) <= FIT_ROWS:  # columns fit their texts; a city's thousands of rows are not measured
            for column in range(table.model().columnCount() - 1):
                table.resizeColumnToContents(column)
                table.setColumnWidth(column, min(table.columnWidth(column), 320))

    # --- selection -------------------------------------------------------------------------------------

    def _on_changes_selection_changed(self) -> None:
        rows = self.changes.selectionModel().selectedRows()
        if rows:
            self.parcelSelected.emit(rows[0].data(ID_ROLE))

    def _on_verdicts_selection_changed(self) -> None:
        rows = self.verdicts.selectionModel().selectedRows()
        if not rows:
            return
        finding = rows[0].data(FINDING_ROLE)
        if finding is not None:
            self.findingSelected.emit(finding)
        elif rows[0].data(ID_ROLE):
            self.parcelSelected.emit(rows[0].data(ID_ROLE))
