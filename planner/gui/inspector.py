"""The parcel inspector: one parcel's limits, achieved values and verdicts, its buildings and its findings."""

from __future__ import annotations

import html
import math

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.checking.verdicts import indicator_verdict
from planner.io.landuse import LandUseTable, shipped_table
from planner.messages import (
    INDICATOR_LABELS,
    QT_TRANSLATE_NOOP,
    achieved_text,
    format_area,
    format_limit,
    format_value,
    parcel_status_name,
    tr,
    verdict_name,
    violation_message,
    warning_message,
)
from planner.model import ACHIEVED, INDICATORS, CheckResult, CheckWarning, ParcelResult
from planner.review import Review

__all__ = ["ParcelInspector"]

# Fixed texts are in the one "messages" context and follow the widget's language (see violations.py).
EMPTY_HINT = QT_TRANSLATE_NOOP("messages", "Select a parcel on the map or a finding in the table.")
NOT_CHECKED = QT_TRANSLATE_NOOP("messages", "Parcel {parcel} is not touched by the scheme, so it was not checked.")
PARCEL_TITLE = QT_TRANSLATE_NOOP("messages", "Parcel {parcel}")
SITE_AREA = QT_TRANSLATE_NOOP("messages", "Site area {area}")
INDICATOR_HEADERS = (
    QT_TRANSLATE_NOOP("messages", "Indicator"),
    QT_TRANSLATE_NOOP("messages", "Limit as written"),
    QT_TRANSLATE_NOOP("messages", "Limit as read"),
    QT_TRANSLATE_NOOP("messages", "Achieved"),
    QT_TRANSLATE_NOOP("messages", "Verdict"),
)
BUILDINGS_CAPTION = QT_TRANSLATE_NOOP("messages", "Buildings on this parcel")
BUILDING_HEADERS = (
    QT_TRANSLATE_NOOP("messages", "Building"),
    QT_TRANSLATE_NOOP("messages", "Use"),
    QT_TRANSLATE_NOOP("messages", "Storeys"),
    QT_TRANSLATE_NOOP("messages", "Height"),
    QT_TRANSLATE_NOOP("messages", "Footprint area"),
    QT_TRANSLATE_NOOP("messages", "Counted area"),
    QT_TRANSLATE_NOOP("messages", "Footprint share"),
    QT_TRANSLATE_NOOP("messages", "Counted-area share"),
)
#: What the two share columns measure (their header tooltips).
SHARE_TIPS = (
    QT_TRANSLATE_NOOP("messages", "The building's footprint on this parcel, as a share of all the footprints on "
                                  "it (what building density counts)."),
    QT_TRANSLATE_NOOP("messages", "The counted floor area the building brings this parcel, as a share of the "
                                  "parcel's counted floor area (what FAR counts)."),
)
NO_BUILDINGS = QT_TRANSLATE_NOOP("messages", "No building stands on this parcel.")
FINDINGS_CAPTION = QT_TRANSLATE_NOOP("messages", "Findings")
NO_FINDINGS = QT_TRANSLATE_NOOP("messages", "No findings on this parcel.")
REVIEW_NOTED = QT_TRANSLATE_NOOP("messages", "noted")
REVIEW_ACCEPTED = QT_TRANSLATE_NOOP("messages", "accepted as exception")

#: Subtle tints of a verdict cell (background, text).
VERDICT_COLOURS = {
    "violation": (QColor(248, 215, 213), QColor(140, 20, 20)),
    "marginal violation": (QColor(252, 228, 196), QColor(130, 70, 0)),
    "pass": (None, QColor(30, 110, 50)),
    "not assessed": (None, QColor(110, 110, 110)),
    "not controlled": (None, QColor(110, 110, 110)),
}
_LIMIT_UNUSABLE = ("unreadable_indicator", "empty_limit")


def _land_use_table() -> LandUseTable:
    return shipped_table()


class ParcelInspector(QWidget):
    """Shows one parcel of a CheckResult; an empty hint when there is none."""

    INDICATOR, WRITTEN, READ, ACHIEVED, VERDICT = range(5)
    VERDICT_ROLE = Qt.ItemDataRole.UserRole + 1  # the verdict code (a key of messages.VERDICT_NAMES)

    def __init__(self, lang: str = "zh", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self._result: CheckResult | None = None
        self._parcel_id: str | None = None
        self._building_rows: dict[str, list[int]] = {}
        self._review: Review = Review()

        self.hint_label = QLabel(self._t(EMPTY_HINT), self)
        self.hint_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint_label.setWordWrap(True)
        self.hint_label.setEnabled(False)  # drawn greyed: a hint, not content

        self.title_label = QLabel(self)
        self.title_label.setTextFormat(Qt.TextFormat.RichText)
        self.title_label.setWordWrap(True)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.indicator_table = _FittedTable([self._t(h) for h in INDICATOR_HEADERS], len(INDICATORS),
                                            numeric=(self.READ, self.ACHIEVED))
        self.buildings_caption = QLabel(f"<b>{html.escape(self._t(BUILDINGS_CAPTION))}</b>", self)
        self.building_table = _FittedTable([self._t(h) for h in BUILDING_HEADERS], 0, numeric=(2, 3, 4, 5, 6, 7),
                                           max_rows=10)
        for column, tip in zip((6, 7), SHARE_TIPS):
            self.building_table.horizontalHeaderItem(column).setToolTip(self._t(tip))
        self.findings_caption = QLabel(f"<b>{html.escape(self._t(FINDINGS_CAPTION))}</b>", self)
        self.findings_label = QLabel(self)
        self.findings_label.setTextFormat(Qt.TextFormat.RichText)
        self.findings_label.setWordWrap(True)
        self.findings_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.findings_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(6, 6, 6, 6)
        column.addWidget(self.title_label)
        column.addWidget(self.indicator_table)
        column.addSpacing(4)
        column.addWidget(self.buildings_caption)
        column.addWidget(self.building_table)
        column.addSpacing(4)
        column.addWidget(self.findings_caption)
        column.addWidget(self.findings_label)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)

        self._pages = QStackedWidget(self)
        self._pages.addWidget(self.hint_label)
        self._pages.addWidget(scroll)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._pages)

    # -- our API ---------------------------------------------------------------------------------------

    @property
    def parcel_id(self) -> str | None:
        """The parcel shown, None when the hint is shown."""
        return self._parcel_id if self._pages.currentIndex() == 1 else None

    def show_parcel(self, result: CheckResult | None, parcel_id: str | None,
                    buildings: tuple[str, ...] | list[str] = ()) -> None:
        """Show one parcel; the rows of `buildings` (the buildings a selected finding is about) are selected."""
        if result is not self._result:
            self._result = result
            self._building_rows = None  # made when first needed (or given by set_building_rows)
        self._parcel_id = parcel_id
        if result is None or parcel_id is None:
            self._show_hint(self._t(EMPTY_HINT))
            return
        where = np.flatnonzero(result.parcels.ids == parcel_id)
        if not len(where):
            self._show_hint(self._t(NOT_CHECKED).format(parcel=parcel_id))
            return
        parcel = result.parcels[int(where[0])]
        warnings = self._warnings_of(parcel)
        self._fill_title(parcel)
        self._fill_indicators(parcel, warnings)
        self._fill_buildings(result, parcel, int(where[0]), set(buildings))
        self._fill_findings(parcel, warnings)
        self._pages.setCurrentIndex(1)

    def clear(self) -> None:
        self.show_parcel(None, None)

    def set_building_rows(self, result: CheckResult | None, rows: dict[str, list[int]] | None) -> None:
        """The result's building id -> rows index, made once per result (in the window's worker)."""
        self._result = result
        self._building_rows = rows

    def set_review(self, review: Review) -> None:
        """The official's notes: each finding listed says whether it is noted or accepted as an exception."""
        if review is self._review:
            return
        self._review = review
        if self.parcel_id is not None and self._result is not None:
            where = np.flatnonzero(self._result.parcels.ids == self.parcel_id)
            if len(where):
                parcel = self._result.parcels[int(where[0])]
                self._fill_findings(parcel, self._warnings_of(parcel))

    # -- filling ---------------------------------------------------------------------------------------

    def _warnings_of(self, parcel: ParcelResult) -> tuple[CheckWarning, ...]:
        result = self._result
        if result is None:
            return ()
        return tuple(w for w in result.warnings
                     if w.parcel == parcel.id or (w.building is not None and w.building in parcel.buildings))

    def _review_tag(self, finding) -> str:
        """" — accepted as exception" or " — noted" after a finding the official has reviewed."""
        note = self._review.get(finding)
        if note is None or note.is_empty:
            return ""
        state = REVIEW_ACCEPTED if note.accepted else REVIEW_NOTED
        return f" <b style='color:#2e7d32'>[{html.escape(self._t(state))}]</b>"

    def _t(self, text: str) -> str:
        return tr(text, self._lang)

    def _show_hint(self, text: str) -> None:
        self.hint_label.setText(text)
        self._pages.setCurrentIndex(0)

    def _fill_title(self, parcel: ParcelResult) -> None:
        if parcel.violations and all(v.marginal for v in parcel.violations):
            words, colour = verdict_name("marginal violation", self._lang), VERDICT_COLOURS["marginal violation"][1]
        else:
            words = parcel_status_name(parcel.status, self._lang)
            colour = VERDICT_COLOURS.get(parcel.status, VERDICT_COLOURS["not assessed"])[1]
        first = (f"<span style='font-size:large'><b>{html.escape(self._t(PARCEL_TITLE).format(parcel=parcel.id))}"
                 f"</b></span> &nbsp; <span style='color:{colour.name()}'><b>{html.escape(words)}</b></span>")
        parts = []
        if parcel.land_use:
            name = _land_use_table().land_use_name(parcel.land_use, self._lang)
            parts.append(f"{parcel.land_use} {name}" if name else parcel.land_use)
        parts.append(self._t(SITE_AREA).format(area=format_area(parcel.site_area)))
        self.title_label.setText(first + "<br>" + html.escape(" · ".join(parts)))

    def _fill_indicators(self, parcel: ParcelResult, warnings: tuple[CheckWarning, ...]) -> None:
        table = self.indicator_table
        unusable = {w.details.get("indicator"): str(w.details.get("text", "")) for w in warnings
                    if w.code in _LIMIT_UNUSABLE and w.parcel == parcel.id}
        for row, indicator in enumerate(INDICATORS):
            verdict = indicator_verdict(parcel, indicator)
            written = parcel.limit_texts.get(indicator) or unusable.get(indicator) or "-"
            achieved = getattr(parcel, ACHIEVED[indicator])
            if achieved is not None and math.isnan(achieved):
                achieved = None
            cells = (self._t(INDICATOR_LABELS[indicator]), written,
                     format_limit(indicator, parcel.limits.get(indicator)),
                     achieved_text(parcel, indicator, self._lang, exact=verdict == "marginal violation")
                     if achieved is not None else format_value(indicator, None),
                     verdict_name(verdict, self._lang))
            for column, text in enumerate(cells):
                item = _item(text, numeric=column in (self.READ, self.ACHIEVED))
                if column == self.VERDICT:
                    item.setData(self.VERDICT_ROLE, verdict)
                    background, foreground = VERDICT_COLOURS[verdict]
                    if background is not None:
                        item.setBackground(background)
                    item.setForeground(foreground)
                table.setItem(row, column, item)
        table.fit()

    def selected_buildings(self) -> list[str]:
        """The ids of the building rows selected (the buildings the selected finding is about)."""
        rows = sorted({index.row() for index in self.building_table.selectionModel().selectedRows()})
        return [self.building_table.item(r, 0).text() for r in rows]

    def _fill_buildings(self, result: CheckResult, parcel: ParcelResult, at: int, named: set[str]) -> None:
        table = self.building_table
        buildings = result.buildings
        parcels = result.parcels
        lo, hi = int(parcels.building_offsets[at]), int(parcels.building_offsets[at + 1])
        if len(parcels.building_rows) >= hi:  # each building's row, and what it brings this parcel
            rows = parcels.building_rows[lo:hi].tolist()
            footprint_here = parcels.building_footprint[lo:hi].tolist()
            counted_here = parcels.building_counted[lo:hi].tolist()
        else:
            if self._building_rows is None:
                self._building_rows = _rows_by_id(result.buildings.ids) if result.buildings is not None else {}
            rows = [r for building in dict.fromkeys(parcel.buildings) for r in self._building_rows.get(building, ())]
            footprint_here = counted_here = [math.nan] * len(rows)
        total_footprint = math.fsum(x for x in footprint_here if not math.isnan(x))
        table.clearSelection()
        table.setRowCount(len(rows))
        chosen = []
        for row, (k, footprint, counted) in enumerate(zip(rows, footprint_here, counted_here)):
            floors = float(buildings.floors[k])
            height = float(buildings.height[k])
            use = buildings.use[k]
            use_text = "-" if use is None or (isinstance(use, float) and math.isnan(use)) else str(use)
            cells = (str(buildings.ids[k]), use_text,
                     "-" if math.isnan(floors) else f"{floors:g}",
                     "-" if math.isnan(height) else format_value("height", height),
                     format_area(float(buildings.footprint_area[k])), format_area(float(buildings.counted_area[k])),
                     _share(footprint, total_footprint), _share(counted, parcel.gfa))
            for column, text in enumerate(cells):
                table.setItem(row, column, _item(text, numeric=column >= 2))
            if cells[0] in named:
                chosen.append(row)
        self.building_table.setVisible(bool(rows))
        if not rows:
            self.buildings_caption.setText(f"<b>{html.escape(self._t(BUILDINGS_CAPTION))}</b>: "
                                           f"{html.escape(self._t(NO_BUILDINGS))}")
        else:
            self.buildings_caption.setText(f"<b>{html.escape(self._t(BUILDINGS_CAPTION))}</b> ({len(rows)})")
        table.fit()
        if chosen:
            table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
            for row in chosen:
                table.selectRow(row)
            table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
            table.scrollToItem(table.item(chosen[0], 0))

    def _fill_findings(self, parcel: ParcelResult, warnings: tuple[CheckWarning, ...]) -> None:
        items = [f"<li>{html.escape(violation_message(v, self._lang))}{self._review_tag(v)}</li>"
                 for v in parcel.violations]
        items += [f"<li style='color:#666'>{html.escape(warning_message(w, self._lang))}{self._review_tag(w)}</li>"
                  for w in warnings]
        if items:
            self.findings_label.setText("<ul style='margin-left:-20px'>" + "".join(items) + "</ul>")
        else:
            self.findings_label.setText(html.escape(self._t(NO_FINDINGS)))


def _rows_by_id(ids: np.ndarray) -> dict[str, list[int]]:
    """Building id -> its rows in the BuildingTable; ids may repeat (a scheme with two 1#)."""
    rows: dict[str, list[int]] = {}
    for k, building in enumerate(ids.tolist()):
        rows.setdefault(str(building), []).append(k)
    return rows


class _FittedTable(QTableWidget):
    """A read-only table as wide as its columns and as tall as its rows (up to `max_rows`).

    Narrower than its columns (a slim dock), it scrolls sideways and grows by the scroll bar, so no row
    hides behind it; the text around it still wraps to the dock's width.
    """

    def __init__(self, headers: list[str], rows: int, numeric: tuple[int, ...], max_rows: int | None = None) -> None:
        super().__init__(rows, len(headers))
        self._max_rows = max_rows
        self._natural_width = self._base_height = 0
        self.setHorizontalHeaderLabels(headers)
        for column in numeric:
            self.horizontalHeaderItem(column).setTextAlignment(Qt.AlignmentFlag.AlignRight
                                                               | Qt.AlignmentFlag.AlignVCenter)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.horizontalHeader().setStretchLastSection(False)
        self.setMinimumWidth(120)

    def fit(self) -> None:
        """Columns to their contents, then the table to its columns and rows."""
        self.resizeColumnsToContents()
        for column in range(self.columnCount()):  # contents alone leave the columns cramped
            self.setColumnWidth(column, self.columnWidth(column) + 10)
        shown = self.rowCount() if self._max_rows is None else min(self.rowCount(), self._max_rows)
        frame = 2 * self.frameWidth()
        width = frame + sum(self.columnWidth(c) for c in range(self.columnCount()))
        if self.rowCount() > shown:
            width += self.verticalScrollBar().sizeHint().width()
        self._natural_width = width
        self._base_height = (frame + self.horizontalHeader().sizeHint().height()
                             + sum(self.rowHeight(r) for r in range(shown)))
        self.setMaximumWidth(width)
        self._fit_height()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def _fit_height(self) -> None:
        height = self._base_height
        if self.width() < self._natural_width:
            height += self.horizontalScrollBar().sizeHint().height()
        if height != self.height() or self.minimumHeight() != height:
            self.setFixedHeight(height)


def _share(part: float, whole: float) -> str:
    """A part as a percentage of the whole, one decimal; "-" when either is unknown or the whole is nothing."""
    if math.isnan(part) or math.isnan(whole) or whole <= 0:
        return "-"
    return f"{100 * part / whole:.1f}%"


def _item(text: str, *, numeric: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if numeric:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item
