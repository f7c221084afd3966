"""Declared indicators in the window (issue 15): a table to type the applicant's figures in, and the
技术经济指标 table (declared vs measured vs plan limit) of the check shown.

The figures typed in are written as a declared-indicators CSV (the format `planner check --declared` reads) and
read back through planner.io.declared, so a value is understood, and refused, exactly as from a file.
"""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from planner.messages import DECLARED_NAMES, tr
from planner.model import DECLARED_INDICATORS, CheckResult

__all__ = ["DeclaredDialog", "IndicatorTableDialog", "indicator_table_html", "write_declared_csv"]


def write_declared_csv(rows: list[tuple[str, str, str]], path: str | Path) -> None:
    """(parcel, indicator id, declared as typed) rows as a declared-indicators CSV (UTF-8 with BOM, for Excel)."""
    with open(path, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["parcel", "indicator", "declared"])
        writer.writerows(rows)


class DeclaredDialog(QDialog):
    """Parcel (blank: the whole scheme), indicator, declared value: one figure a row."""

    def __init__(self, lang: str, parcels: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.parcels = parcels
        self.setWindowTitle(self.tr("Declared indicators"))
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("Parcel (blank: whole scheme)"), self.tr("Indicator"),
                                              self.tr("Declared")])
        self.table.horizontalHeader().setStretchLastSection(True)
        add = QPushButton(self.tr("&Add row"), self)
        add.clicked.connect(lambda: self.add_row())
        remove = QPushButton(self.tr("&Remove row"), self)
        remove.clicked.connect(self.remove_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        row_buttons = QHBoxLayout()
        row_buttons.addWidget(add)
        row_buttons.addWidget(remove)
        row_buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(row_buttons)
        layout.addWidget(buttons)
        self.resize(560, 360)

    def add_row(self, parcel: str = "", indicator: str = "far", declared: str = "") -> None:
        k = self.table.rowCount()
        self.table.insertRow(k)
        parcel_box = QComboBox(self.table)
        parcel_box.setEditable(True)
        parcel_box.addItems(["", *self.parcels])
        parcel_box.setCurrentText(parcel)
        self.table.setCellWidget(k, 0, parcel_box)
        indicator_box = QComboBox(self.table)
        for key in DECLARED_INDICATORS:
            indicator_box.addItem(tr(DECLARED_NAMES[key], self.lang), key)
        indicator_box.setCurrentIndex(list(DECLARED_INDICATORS).index(indicator))
        self.table.setCellWidget(k, 1, indicator_box)
        self.table.setItem(k, 2, QTableWidgetItem(declared))

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def rows(self) -> list[tuple[str, str, str]]:
        """(parcel, indicator id, declared as typed) of every row with a value."""
        out = []
        for k in range(self.table.rowCount()):
            item = self.table.item(k, 2)
            value = item.text().strip() if item is not None else ""
            if value:
                out.append((self.table.cellWidget(k, 0).currentText().strip(),
                            self.table.cellWidget(k, 1).currentData(), value))
        return out


def indicator_table_html(result: CheckResult, lang: str) -> str:
    """The 技术经济指标 table of the opinion (planner.report.official.indicator_rows) as HTML for the window."""
    from planner.report.official import INDICATOR_HEADERS, STYLE

    from planner.report.official import indicator_rows

    head = "".join(f"<th>{tr(h, lang)}</th>" for h in INDICATOR_HEADERS)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>"
                   for row in indicator_rows(result, lang))
    return (f"<html><head><style>{STYLE}</style></head><body><table border='1' cellspacing='0' cellpadding='4'>"
            f"<tr>{head}</tr>{body}</table></body></html>")


class IndicatorTableDialog(QDialog):
    """The 技术经济指标 table: declared vs measured vs plan limit (not modal: the official keeps working)."""

    def __init__(self, result: CheckResult, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Technical and economic indicators (技术经济指标)"))
        self.browser = QTextBrowser(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.close)
        layout.addWidget(close)
        self.resize(820, 460)
        self.show_result(result, lang)

    def show_result(self, result: CheckResult, lang: str) -> None:
        self.browser.setHtml(indicator_table_html(result, lang))
