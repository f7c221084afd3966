"""The plan versions panel: every plan version loaded, which one is in force, and comparing two of them.

A 控规 is amended (调整) over its life. Each plan layer the official opens stays here as a version, named by
its label, approval number (批复文号) and date (批复时间): read from the data, or typed into the table.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.io.layers import PlanLayer
from planner.io.plan_version import normalise_date
from planner.model import PlanVersion, version_name

#: Table columns; the three version fields can be edited in place.
COL_IN_FORCE, COL_LABEL, COL_APPROVAL, COL_DATE, COL_FILE, COL_PARCELS = range(6)
EDITABLE = (COL_LABEL, COL_APPROVAL, COL_DATE)


class VersionsPanel(QWidget):
    """A table of plan versions with buttons to put one in force, compare it with the one in force, remove it."""

    useRequested = Signal(int)  # put version k in force (re-check)
    compareRequested = Signal(int)  # compare version k with the one in force
    compareStopped = Signal()
    removeRequested = Signal(int)
    versionEdited = Signal(int, object)  # k, PlanVersion as the official typed it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._filling = False
        self.table = QTableWidget(0, 6, self)
        self.table.setHorizontalHeaderLabels([self.tr("In force"), self.tr("Version"), self.tr("Approval number"),
                                              self.tr("Approval date"), self.tr("File"), self.tr("Parcels")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemChanged.connect(self._on_table_item_changed)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(self._on_table_item_double_clicked)
        self.use_button = QPushButton(self.tr("Use for the check"), self)
        self.compare_button = QPushButton(self.tr("Compare with the version in force"), self)
        self.stop_button = QPushButton(self.tr("Stop comparing"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.use_button.clicked.connect(lambda: self._emit_for_current(self.useRequested))
        self.compare_button.clicked.connect(lambda: self._emit_for_current(self.compareRequested))
        self.stop_button.clicked.connect(self.compareStopped)
        self.remove_button.clicked.connect(lambda: self._emit_for_current(self.removeRequested))
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.use_button, self.compare_button, self.stop_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self._in_force: int | None = None
        self._compared: int | None = None
        self._update_buttons()

    def set_versions(self, versions: tuple[PlanLayer, ...], in_force: int | None, compared: int | None) -> None:
        """Show the versions; mark the one in force (bold, ●) and the one compared with it (○)."""
        self._filling = True
        self._in_force, self._compared = in_force, compared
        selected = self.current()
        self.table.setRowCount(len(versions))
        for k, plan in enumerate(versions):
            version = plan.info.version or PlanVersion()
            mark = "●" if k == in_force else ("○" if k == compared else "")
            cells = {COL_IN_FORCE: mark, COL_LABEL: version.label, COL_APPROVAL: version.approval_number,
                     COL_DATE: version.approval_date, COL_FILE: f"{Path(plan.info.path).name} [{plan.info.layer}]",
                     COL_PARCELS: str(len(plan.ids))}
            for column, text in cells.items():
                item = QTableWidgetItem(text)
                flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                if column in EDITABLE:
                    flags |= Qt.ItemFlag.ItemIsEditable
                item.setFlags(flags)
                if column == COL_FILE:
                    item.setToolTip(plan.info.path)
                if column == COL_IN_FORCE:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if k == in_force:
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(k, column, item)
        if selected is not None and selected < len(versions):
            self.table.selectRow(selected)
        self._filling = False
        self._update_buttons()
        self._update_status(versions)

    def current(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _update_status(self, versions: tuple[PlanLayer, ...]) -> None:
        def name(k: int) -> str:
            return version_name(versions[k].info)

        parts = []
        if self._in_force is not None:
            parts.append(self.tr("In force: {name}").format(name=name(self._in_force)))
        if self._compared is not None and self._compared < len(versions):
            parts.append(self.tr("compared with: {name}").format(name=name(self._compared)))
        self.status.setText("; ".join(parts))

    def _update_buttons(self) -> None:
        k = self.current()
        other = k is not None and k != self._in_force
        self.use_button.setEnabled(other)
        self.compare_button.setEnabled(other and self._in_force is not None)
        self.remove_button.setEnabled(other)
        self.stop_button.setEnabled(self._compared is not None)

    def _emit_for_current(self, signal) -> None:
        k = self.current()
        if k is not None:
            signal.emit(k)

    def _on_table_item_double_clicked(self, item: QTableWidgetItem) -> None:
        if item.column() not in EDITABLE and item.row() != self._in_force:
            self.useRequested.emit(item.row())

    def _on_table_item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() not in EDITABLE:
            return
        row = item.row()

        def text(column: int) -> str:
            cell = self.table.item(row, column)
            return cell.text().strip() if cell is not None else ""

        version = PlanVersion(label=text(COL_LABEL), approval_number=text(COL_APPROVAL),
                              approval_date=normalise_date(text(COL_DATE)))
        self.versionEdited.emit(row, version)
