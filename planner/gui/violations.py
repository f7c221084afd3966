"""The findings table: every violation and warning of a check, filterable, sortable, linked to the map."""

from __future__ import annotations

from typing import Any

import numpy as np

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from planner.gui.finding_table import (  # noqa: F401 (finding_code, sort_key: re-exported for the window)
    BLANK,
    RULE_ORDER,
    Finding,
    FindingTable,
    finding_buildings,
    finding_code,
    finding_parcels,
    sort_key,
)
from planner.messages import QT_TRANSLATE_NOOP, RULE_NAMES, rule_name, tr, warning_name
from planner.model import CheckResult, CheckWarning
from planner.review import FindingNote, Review

__all__ = ["OFF_SCHEME_ROLE", "REVIEW_ROLE", "REVIEW_STATES", "SORT_ROLE", "Finding", "FindingsModel", "FindingsPanel", "finding_buildings",
           "finding_parcels"]

#: Raw values for sorting (floats for Actual, ranks for Severity and Rule, ids for Parcel and Building).
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
#: The Violation or CheckWarning of a row.
FINDING_ROLE = Qt.ItemDataRole.UserRole + 2
#: A row's review state (REVIEW_STATES).
REVIEW_ROLE = Qt.ItemDataRole.UserRole + 3
#: True for a warning about a parcel the scheme does not touch (not among the result's parcels).
OFF_SCHEME_ROLE = Qt.ItemDataRole.UserRole + 4

# Fixed texts live in the one "messages" context (tests/test_translations.py), so they are marked with
# QT_TRANSLATE_NOOP and translated by planner.messages.tr with the widget's own language, rather than
# self.tr(), which would depend on a translator installed on the application.
HEADERS = (
    QT_TRANSLATE_NOOP("messages", "Severity"),
    QT_TRANSLATE_NOOP("messages", "Rule"),
    QT_TRANSLATE_NOOP("messages", "Parcel"),
    QT_TRANSLATE_NOOP("messages", "Building"),
    QT_TRANSLATE_NOOP("messages", "Actual"),
    QT_TRANSLATE_NOOP("messages", "Limit"),
    QT_TRANSLATE_NOOP("messages", "Marginal"),
    QT_TRANSLATE_NOOP("messages", "Message"),
    QT_TRANSLATE_NOOP("messages", "Review"),
)
#: A finding's review state (planner.review): no note yet, a note written, accepted as an approved exception.
REVIEW_STATES = ("open", "noted", "accepted")
REVIEW_NAMES = {"open": QT_TRANSLATE_NOOP("messages", "open"),
                "noted": QT_TRANSLATE_NOOP("messages", "noted"),
                "accepted": QT_TRANSLATE_NOOP("messages", "accepted as exception")}
REVIEW_FILTERS = (("all", QT_TRANSLATE_NOOP("messages", "All review states")),
                  ("open", QT_TRANSLATE_NOOP("messages", "Open")),
                  ("reviewed", QT_TRANSLATE_NOOP("messages", "Reviewed (noted or accepted)")),
                  ("noted", QT_TRANSLATE_NOOP("messages", "Noted")),
                  ("accepted", QT_TRANSLATE_NOOP("messages", "Accepted as exception")))
#: Tints of the Review cell: a reviewed finding looks reviewed at a glance.
REVIEW_COLOURS = {"noted": QColor(214, 230, 248), "accepted": QColor(210, 238, 212)}
REVIEW_MARKS = {"open": "", "noted": "✎ ", "accepted": "✓ "}
SEVERITY_FILTERS = (("all", QT_TRANSLATE_NOOP("messages", "All severities")),
                    ("violation", QT_TRANSLATE_NOOP("messages", "Violations")),
                    ("warning", QT_TRANSLATE_NOOP("messages", "Warnings")),
                    ("off_scheme", QT_TRANSLATE_NOOP("messages",
                                                     "Warnings about parcels the scheme does not touch")))
#: The button under the filters: warnings about parcels the scheme does not touch are hidden unless asked for.
OFF_SCHEME_HIDDEN = QT_TRANSLATE_NOOP("messages",
                                      "Warnings about parcels the scheme does not touch ({count}, hidden): show")
OFF_SCHEME_SHOWN = QT_TRANSLATE_NOOP("messages", "Warnings about parcels the scheme does not touch ({count}): hide")
ALL_RULES = QT_TRANSLATE_NOOP("messages", "All rules")
COUNT_TEXT = QT_TRANSLATE_NOOP("messages", "{shown} of {total} findings")
TEXT_FILTER_HINT = QT_TRANSLATE_NOOP("messages", "Filter: parcel, building or words")
#: The text filter waits this long after the last key before filtering.
TEXT_DELAY_MS = 250

#: How many of a column's texts that look widest are measured to size it to its contents (FindingsPanel.contents_width).
CONTENTS_CANDIDATES = 24
#: The widest a column but the message is sized to its contents (its full text is in the tooltip and the message).
MAX_COLUMN_WIDTH = 170
#: When the table is narrow: the rule column gives way (last) down to this, no column goes below the second, and the
#: message keeps at least the third (FindingsPanel.fit_columns).
MIN_RULE_WIDTH, MIN_COLUMN_WIDTH, MIN_MESSAGE_WIDTH = 110, 40, 140

# Subtle tints for the Severity cell, readable under the selection and the alternating row colour.
VIOLATION_COLOUR = QColor(248, 215, 213)
MARGINAL_COLOUR = QColor(252, 228, 196)
WARNING_COLOUR = QColor(240, 234, 214)

class FindingsModel(QAbstractTableModel):
    """One row per finding: the result's violations, then its warnings; filtered and sorted by the model itself.

    Everything a row shows or is sorted and filtered by is precomputed once per result in a FindingTable
    (planner.gui.finding_table, built in the worker for the window): sorting is an argsort of ranks, filtering a
    numpy mask, so no Python runs per row. The rows shown are `_order`, indexes into the report order.
    A new model shows every finding; the FindingsPanel hides the warnings about parcels the scheme does not touch.
    """

    SORT_ROLE = SORT_ROLE
    FINDING_ROLE = FINDING_ROLE
    SEVERITY, RULE, PARCEL, BUILDING, ACTUAL, LIMIT, MARGINAL, MESSAGE, REVIEW = range(9)

    def __init__(self, lang: str = "zh", parent=None) -> None:
        super().__init__(parent)
        self._lang = lang
        self._table = FindingTable(None, lang)
        self._findings: tuple[Finding, ...] = ()  # report order
        self._order = np.zeros(0, np.int64)  # row -> index into _findings, as filtered and sorted
        self._sort: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)
        self._review: Review = Review()
        self._states: np.ndarray | None = None  # finding -> index into REVIEW_STATES
        self._severity = "all"
        self._rule: str | None = None
        self._review_filter = "all"
        self._show_off_scheme = True
        self._text = ""

    # -- our API ---------------------------------------------------------------------------------------

    @property
    def lang(self) -> str:
        return self._lang

    @property
    def table(self) -> FindingTable:
        return self._table

    def set_result(self, result: CheckResult | None, table: FindingTable | None = None) -> None:
        """Show a new result (None: nothing), keeping the sort order and the filters. `table`: the result's
        FindingTable when it was made already (in the worker); otherwise it is made here."""
        if table is None or table.lang != self._lang:
            table = FindingTable(result, self._lang)
        self.beginResetModel()
        self._table = table
        self._findings = table.findings
        self._states = None
        self._order = self._rows()
        self.endResetModel()

    def set_review(self, review: Review) -> None:
        """The notes the official wrote: the Review column shows each finding's state."""
        if review is self._review:
            return
        self._review = review
        self._states = None
        self._table.ranks.pop(self.REVIEW, None)
        if len(self._order):
            self.dataChanged.emit(self.index(0, self.REVIEW), self.index(len(self._order) - 1, self.REVIEW))

    def review_state(self, row: int) -> str:
        """The REVIEW_STATES entry of a row."""
        return REVIEW_STATES[self._review_codes()[self._order[row]]]

    def review_counts(self, violations_only: bool = True) -> tuple[int, int]:
        """(reviewed, total) over the violations (or every finding): noted or accepted, of all."""
        states = self._review_codes()
        chosen = ~self._table.is_warning if violations_only else np.ones(len(states), bool)
        return int(np.count_nonzero(states[chosen] != 0)), int(np.count_nonzero(chosen))

    def _review_codes(self) -> np.ndarray:
        """Each finding's review state as an index into REVIEW_STATES (0 open, 1 noted, 2 accepted)."""
        if self._states is None:
            notes = self._review.notes
            if not notes:
                self._states = np.zeros(len(self._findings), np.int64)
            else:
                codes = {"open": 0, "noted": 1, "accepted": 2}
                self._states = np.fromiter((codes[_state(notes.get(key))] for key in self._table.keys), np.int64,
                                           len(self._findings))
        return self._states

    def finding(self, row: int) -> Finding:
        return self._findings[self._order[row]]

    def findings(self) -> list[Finding]:
        """Every finding in report order (violations, then warnings)."""
        return list(self._findings)

    def off_scheme_count(self) -> int:
        """How many warnings are about parcels the scheme does not touch."""
        return int(np.count_nonzero(self._table.off_scheme))

    def review_states(self) -> list[str]:
        """The REVIEW_STATES entry of every finding, in report order (as findings())."""
        return [REVIEW_STATES[s] for s in self._review_codes().tolist()]

    def review_state_codes(self) -> np.ndarray:
        """review_states() as indexes into REVIEW_STATES (a copy)."""
        return self._review_codes().copy()

    def shown(self) -> np.ndarray:
        """The findings shown (indexes into findings()), in row order."""
        return self._order.copy()

    def rows_of_findings(self, findings: np.ndarray) -> np.ndarray:
        """The rows showing these findings (indexes into findings()), ascending; findings filtered out have none."""
        position = np.full(len(self._findings), -1, np.int64)
        position[self._order] = np.arange(len(self._order))
        rows = position[np.asarray(findings, np.int64)]
        return np.sort(rows[rows >= 0])

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort rows by the SORT_ROLE values of `column` (numbers numerically, ids naturally); -1: report order.

        An argsort of ranks precomputed per result: no Python per row."""
        self._sort = (column, order)
        self._relayout()

    def sort_key(self, row: int, column: int) -> tuple:
        """The key `sort` orders a row by."""
        self._ensure_ranks(column)
        return self._table.sort_keys[column][self._order[row]]

    # -- filters ---------------------------------------------------------------------------------------

    @property
    def severity(self) -> str:
        return self._severity

    @property
    def rule(self) -> str | None:
        return self._rule

    @property
    def review(self) -> str:
        return self._review_filter

    @property
    def show_off_scheme(self) -> bool:
        return self._show_off_scheme

    @property
    def text(self) -> str:
        return self._text

    def set_severity(self, severity: str) -> None:
        """"all", "violation", "warning" or "off_scheme" (the warnings about parcels the scheme does not touch)."""
        if severity not in ("all", "violation", "warning", "off_scheme"):
            raise ValueError(f"unknown severity {severity!r}")
        if severity != self._severity:
            self._severity = severity
            self._relayout()

    def set_rule(self, rule: str | None) -> None:
        """Only findings of this rule id or warning code (None: all)."""
        if rule != self._rule:
            self._rule = rule
            self._relayout()

    def set_review_filter(self, state: str) -> None:
        """Only findings in this review state: "all", "open", "reviewed" (noted or accepted), "noted", "accepted"."""
        if state not in ("all", "reviewed", *REVIEW_STATES):
            raise ValueError(f"unknown review state {state!r}")
        if state != self._review_filter:
            self._review_filter = state
            self._relayout()

    def refresh_review(self) -> None:
        """The notes changed: filter again by review state."""
        if self._review_filter != "all" or self._sort[0] == self.REVIEW:
            self._relayout()

    def set_show_off_scheme(self, shown: bool) -> None:
        """Show the warnings about parcels the scheme does not touch among the others (severity "off_scheme"
        shows them alone)."""
        if shown != self._show_off_scheme:
            self._show_off_scheme = shown
            self._relayout()

    def set_text(self, text: str) -> None:
        """Only findings whose parcels, buildings, rule or message contain `text` (any case); "" shows all."""
        text = text.strip()
        if text != self._text:
            self._text = text
            self._relayout()

    def _rows(self) -> np.ndarray:
        """The findings shown, filtered and sorted."""
        table = self._table
        n = len(self._findings)
        keep = np.ones(n, bool)
        if self._severity == "off_scheme":
            keep &= table.off_scheme
        elif not self._show_off_scheme:
            keep &= ~table.off_scheme
        if self._severity in ("violation", "warning"):
            keep &= table.is_warning == (self._severity == "warning")
        if self._rule is not None:
            keep &= table.codes == self._rule
        if self._review_filter != "all":
            states = self._review_codes()
            keep &= states != 0 if self._review_filter == "reviewed" else \
                states == REVIEW_STATES.index(self._review_filter)
        if self._text:
            needle = self._text.casefold()
            candidates = np.flatnonzero(keep)
            search = table.search
            hits = np.fromiter((needle in search[k] for k in candidates.tolist()), bool, len(candidates))
            keep[:] = False
            keep[candidates[hits]] = True
        rows = np.flatnonzero(keep)
        column, order = self._sort
        if 0 <= column < len(HEADERS):
            self._ensure_ranks(column)
            rows = table.order(column, order == Qt.SortOrder.DescendingOrder, rows)
        return rows

    def _ensure_ranks(self, column: int) -> None:
        if column == self.REVIEW and column not in self._table.ranks:  # three states: their codes are the ranks
            codes = self._review_codes()
            self._table.ranks[column] = codes
            self._table.kinds[column] = np.zeros(len(codes), np.int64)
            self._table.sort_keys[column] = [sort_key(c) for c in codes.tolist()]

    def _relayout(self) -> None:
        """Filter and sort again; the selection follows its findings (gone when filtered out)."""
        new = self._rows()
        if np.array_equal(new, self._order):
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        if old:
            position = np.full(len(self._findings), -1, np.int64)
            position[new] = np.arange(len(new))
            self.changePersistentIndexList(old, [
                self.index(int(position[self._order[index.row()]]), index.column())
                if index.row() < len(self._order) and position[self._order[index.row()]] >= 0 else QModelIndex()
                for index in old])
        self._order = new
        self.layoutChanged.emit()

    # -- Qt overrides ----------------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(HEADERS):
            if role == Qt.ItemDataRole.DisplayRole:
                return tr(HEADERS[section], self._lang)
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return super().headerData(section, orientation, role)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._order) or not 0 <= index.column() < len(HEADERS):
            return None
        k, column = int(self._order[index.row()]), index.column()
        finding = self._findings[k]
        if role == OFF_SCHEME_ROLE:
            return bool(self._table.off_scheme[k])
        if column == self.REVIEW:
            return self._review_data(k, role)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._table.texts[k][column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._table.texts[k][self.MESSAGE]
        if role == SORT_ROLE:
            return self._table.sort_value(k, column)
        if role == FINDING_ROLE:
            return finding
        if role == Qt.ItemDataRole.BackgroundRole and column == self.SEVERITY:
            if isinstance(finding, CheckWarning):
                return WARNING_COLOUR
            return MARGINAL_COLOUR if finding.marginal else VIOLATION_COLOUR
        if role == Qt.ItemDataRole.ForegroundRole and column == self.SEVERITY:
            return QColor(Qt.GlobalColor.black)  # the tints are light in a dark theme too
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.ACTUAL, self.LIMIT):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    # -- cells -----------------------------------------------------------------------------------------

    def _review_data(self, k: int, role: int) -> Any:
        state = REVIEW_STATES[self._review_codes()[k]]
        if role == Qt.ItemDataRole.DisplayRole:
            return REVIEW_MARKS[state] + tr(REVIEW_NAMES[state], self._lang)
        if role == Qt.ItemDataRole.ToolTipRole:
            note = self._review.notes.get(self._table.keys[k])
            if note is None:
                return None
            return "\n".join(part for part in (note.note.strip(), note.reason.strip()) if part) or None
        if role == SORT_ROLE:
            return REVIEW_STATES.index(state)
        if role == REVIEW_ROLE:
            return state
        if role == FINDING_ROLE:
            return self._findings[k]
        if role == Qt.ItemDataRole.BackgroundRole:
            return REVIEW_COLOURS.get(state)
        if role == Qt.ItemDataRole.ForegroundRole:
            # Reviewed rows read black on their tint; "open" is greyed, so what was reviewed stands out.
            return QColor(Qt.GlobalColor.black) if state != "open" else QColor(130, 130, 130)
        return None



class FindingsPanel(QWidget):
    """Filters, a count and the findings table; tells which finding the user picked, selects a map feature's."""

    findingSelected = Signal(object)  # the Violation or CheckWarning of the new current row

    def __init__(self, lang: str = "zh", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self._selecting = False  # True while select_feature moves the selection: no findingSelected then
        self._last_emitted: Finding | None = None

        self.model = FindingsModel(lang, self)
        self.model.set_show_off_scheme(False)
        # The model filters and sorts itself (numpy over arrays made once per result): no proxy between it and the
        # view. `proxy` is the name the window's code and tests use for "the rows shown".
        self.proxy = self.model

        self.severity_combo = QComboBox(self)
        for key, text in SEVERITY_FILTERS:
            self.severity_combo.addItem(tr(text, lang), key)
        self.rule_combo = QComboBox(self)
        self.review_combo = QComboBox(self)
        for key, text in REVIEW_FILTERS:
            self.review_combo.addItem(tr(text, lang), key)
        # Parcel, building or words of the message; applied once typing pauses (TEXT_DELAY_MS).
        self.text_filter = QLineEdit(self)
        self.text_filter.setPlaceholderText(tr(TEXT_FILTER_HINT, lang))
        self.text_filter.setClearButtonEnabled(True)
        self.text_filter.setMinimumWidth(120)
        # The combos are as wide as a short choice, not their longest one (their lists still show every choice in
        # full): otherwise the filter row alone takes half the window's width and squeezes the inspector beside it.
        for combo, letters in ((self.severity_combo, 12), (self.rule_combo, 14), (self.review_combo, 12)):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(letters)
            combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 24)
        self._text_timer = QTimer(self)
        self._text_timer.setSingleShot(True)
        self._text_timer.setInterval(TEXT_DELAY_MS)
        self._text_timer.timeout.connect(self._apply_text_filter)
        self.count_label = QLabel(self)
        self.off_scheme_button = QToolButton(self)  # "… the scheme does not touch (12, hidden): show"
        self.off_scheme_button.setAutoRaise(True)
        self.off_scheme_button.setCheckable(True)
        self.off_scheme_button.hide()

        self.view = QTableView(self)
        self.view.setModel(self.proxy)
        header = self.view.horizontalHeader()
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # report order until the user sorts
        header.setStretchLastSection(False)  # fit_columns gives the message what is left
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.moveSection(FindingsModel.REVIEW, FindingsModel.RULE)  # beside the severity: seen at a glance
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self._wanted_widths: list[int] = []
        self.view.viewport().installEventFilter(self)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 8)

        toolbar = QHBoxLayout()
        toolbar.setContentsMargins(0, 0, 0, 0)
        toolbar.addWidget(self.severity_combo)
        toolbar.addWidget(self.rule_combo)
        toolbar.addWidget(self.review_combo)
        toolbar.addWidget(self.text_filter, 1)
        toolbar.addWidget(self.count_label)
        # On a line of its own (when there are such warnings): beside the filters it would widen the window.
        off_scheme_row = QHBoxLayout()
        off_scheme_row.setContentsMargins(0, 0, 0, 0)
        off_scheme_row.addWidget(self.off_scheme_button)
        off_scheme_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(toolbar)
        layout.addLayout(off_scheme_row)
        layout.addWidget(self.view)

        self.severity_combo.currentIndexChanged.connect(self._on_severity_combo_current_index_changed)
        self.rule_combo.currentIndexChanged.connect(self._on_rule_combo_current_index_changed)
        self.review_combo.currentIndexChanged.connect(self._on_review_combo_current_index_changed)
        self.off_scheme_button.toggled.connect(self._on_off_scheme_button_toggled)
        self.text_filter.textChanged.connect(self._on_text_filter_text_changed)
        self.view.selectionModel().currentRowChanged.connect(self._on_view_current_row_changed)
        self.view.clicked.connect(self._on_view_clicked)
        for signal in (self.model.modelReset, self.model.layoutChanged):
            signal.connect(self._update_count)
        self._fill_rule_combo(None)
        self._update_count()

    # -- our API ---------------------------------------------------------------------------------------

    def set_result(self, result: CheckResult | None, table: FindingTable | None = None) -> None:
        """Show a result; `table`: its FindingTable, made in the worker (else made here)."""
        self._last_emitted = None
        self.model.set_result(result, table)
        self._fill_rule_combo(result)
        widths = (90, 200, 90, 70, 90, 90, 70)
        for column, width in enumerate(widths):
            self.view.setColumnWidth(column, width)
        if result is not None and len(self.model.findings()) <= 2000:  # contents decide, but not at city scale
            for column in range(len(widths)):
                # No column but the message takes much room: the message says it all, and the table shares
                # the bottom of the window with the parcel inspector.
                self.view.setColumnWidth(column, min(self.contents_width(column), MAX_COLUMN_WIDTH))
        metrics = self.view.fontMetrics()
        self.view.setColumnWidth(FindingsModel.REVIEW, min(MAX_COLUMN_WIDTH, 16 + max(
            metrics.horizontalAdvance(REVIEW_MARKS[state] + tr(REVIEW_NAMES[state], self._lang))
            for state in REVIEW_STATES)))
        self._wanted_widths = [self.view.columnWidth(c) for c in range(len(HEADERS))]
        self.fit_columns()
        self._update_count()

    def contents_width(self, column: int) -> int:
        """The width resizeColumnToContents gives a column: the widest cell among the rows Qt looks at (the first
        ones, as many as the vertical header's resizeContentsPrecision), with the grid line, or the header's.

        Qt measures every one of those cells through the model, a second for 2,000 rows of Chinese texts; here only
        the CONTENTS_CANDIDATES distinct texts that look widest (a Chinese character counting as two others) are
        measured, by the view's delegate, as Qt would."""
        view, model = self.view, self.model
        precision = view.verticalHeader().resizeContentsPrecision()
        order = model.shown()
        if precision >= 0:
            order = order[:max(precision, 1)]
        texts = model.table.texts
        first: dict[str, int] = {}  # text -> the first row showing it
        for row, k in enumerate(order.tolist()):
            first.setdefault(texts[k][column], row)
        widest = sorted(first, key=lambda text: len(text) + len(text.encode()), reverse=True)[:CONTENTS_CANDIDATES]
        hint = max((view.sizeHintForIndex(model.index(first[text], column)).width() for text in widest), default=-1)
        if hint >= 0 and view.showGrid():
            hint += 1
        header = view.horizontalHeader()
        return max(hint, 0 if header.isHidden() else header.sectionSizeHint(column))

    def fit_columns(self) -> None:
        """Fit the columns into the table's width, so that it never scrolls sideways: each column but the message
        gets the width its contents want (set_result) while there is room; when there is not, review, marginal,
        limit, severity, building, actual, parcel and then the rule column give way (the rule down to MIN_RULE_WIDTH), then every
        column in proportion; the message takes what is left
        (at least MIN_MESSAGE_WIDTH) and is elided, its whole text in the tooltip."""
        wanted = list(getattr(self, "_wanted_widths", []) or [])
        if not wanted:
            return
        available = self.view.viewport().width()
        if available <= 0:
            return
        others = [c for c in range(len(HEADERS)) if c != FindingsModel.MESSAGE]
        widths = {c: wanted[c] for c in others}
        excess = sum(widths.values()) + MIN_MESSAGE_WIDTH - available
        m = FindingsModel
        # The less telling columns give way first (the review state keeps its mark and tint when its words are
        # elided), the rule last; each down to this width.
        give_way = ((m.REVIEW, 64), (m.MARGINAL, 56), (m.LIMIT, 64), (m.SEVERITY, 64), (m.BUILDING, 56),
                    (m.ACTUAL, 64), (m.PARCEL, 64), (m.RULE, MIN_RULE_WIDTH))
        for column, least in give_way:
            if excess <= 0:
                break
            give = min(excess, max(0, widths[column] - least))
            widths[column] -= give
            excess -= give
        if excess > 0:
            total = sum(widths.values())
            scale = max(0.0, (total - excess) / total)
            widths = {c: max(MIN_COLUMN_WIDTH, int(w * scale)) for c, w in widths.items()}
        for column, width in widths.items():
            self.view.setColumnWidth(column, width)
        self.view.setColumnWidth(FindingsModel.MESSAGE, max(MIN_COLUMN_WIDTH, available - sum(widths.values())))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize \
                and event.size().width() != event.oldSize().width():
            self.fit_columns()
        return super().eventFilter(watched, event)

    def set_review(self, review: Review) -> None:
        """Show each finding's review state (and filter by it)."""
        self.model.set_review(review)
        self.model.refresh_review()
        self._update_count()

    def select_feature(self, parcel: str | None, building: str | None) -> int:
        """Select every shown row naming `building` (if given) or else `parcel`; scroll to the first.

        Returns how many rows are selected. Does not emit findingSelected: the map already shows the feature.
        """
        found = self.model.table.rows_of(parcel, building)
        rows = self.model.rows_of_findings(found).tolist()
        if not rows and parcel is not None and not self.model.show_off_scheme and \
                bool(np.any(self.model.table.off_scheme[found])):
            # Its only findings are warnings the scheme does not touch, in their hidden group: show the group.
            self.off_scheme_button.setChecked(True)
            rows = self.model.rows_of_findings(found).tolist()
        selection = QItemSelection()
        last = self.proxy.columnCount() - 1
        for start, end in _runs(rows):
            selection.select(self.proxy.index(start, 0), self.proxy.index(end, last))
        model = self.view.selectionModel()
        self._selecting = True
        try:
            flags = QItemSelectionModel.SelectionFlag
            model.select(selection, flags.ClearAndSelect | flags.Rows)
            if rows:
                first = self.proxy.index(rows[0], 0)
                model.setCurrentIndex(first, flags.NoUpdate)
                self.view.scrollTo(first, QAbstractItemView.ScrollHint.EnsureVisible)
            else:
                model.setCurrentIndex(QModelIndex(), flags.NoUpdate)
        finally:
            self._selecting = False
        self._last_emitted = None  # a click on the current row must tell again
        return len(rows)

    def current_finding(self) -> Finding | None:
        index = self.view.currentIndex()
        return index.data(FINDING_ROLE) if index.isValid() else None

    # -- handlers --------------------------------------------------------------------------------------

    def _on_severity_combo_current_index_changed(self, _index: int) -> None:
        self.model.set_severity(self.severity_combo.currentData())
        self._update_count()

    def _on_off_scheme_button_toggled(self, shown: bool) -> None:
        self.model.set_show_off_scheme(shown)
        self._update_count()

    def _on_rule_combo_current_index_changed(self, _index: int) -> None:
        self.model.set_rule(self.rule_combo.currentData())
        self._update_count()

    def _on_review_combo_current_index_changed(self, _index: int) -> None:
        self.model.set_review_filter(self.review_combo.currentData())
        self._update_count()

    def _on_text_filter_text_changed(self, _text: str) -> None:
        self._text_timer.start()

    def _apply_text_filter(self) -> None:
        self._text_timer.stop()
        self.model.set_text(self.text_filter.text())
        self._update_count()

    def filter_text(self) -> str:
        """The text the rows are filtered by now (the line edit's text once typing has paused)."""
        return self.model.text

    def set_filter_text(self, text: str) -> None:
        """Filter by this text at once (no pause)."""
        self.text_filter.setText(text)
        self._apply_text_filter()

    def _on_view_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._selecting or not current.isValid():
            return
        self._emit(current.data(FINDING_ROLE))

    def _on_view_clicked(self, index: QModelIndex) -> None:
        # A click on the row that is already current changes nothing in the selection model, but after
        # select_feature the user still expects the click to show that finding.
        if index.isValid():
            self._emit(index.data(FINDING_ROLE))

    def _emit(self, finding: Finding | None) -> None:
        if finding is None or finding is self._last_emitted:
            return
        self._last_emitted = finding
        self.findingSelected.emit(finding)

    # -- helpers ---------------------------------------------------------------------------------------

    def _fill_rule_combo(self, result: CheckResult | None) -> None:
        kept = self.rule_combo.currentData()
        codes: list[str] = []
        if result is not None:
            present = set(self.model.table.codes.tolist())
            codes = sorted(present, key=lambda c: (RULE_ORDER.get(c, len(RULE_ORDER)), c))
        self.rule_combo.blockSignals(True)
        try:
            self.rule_combo.clear()
            self.rule_combo.addItem(tr(ALL_RULES, self._lang), None)
            for code in codes:
                name = rule_name(code, self._lang) if code in RULE_NAMES else warning_name(code, self._lang)
                self.rule_combo.addItem(name, code)
            at = self.rule_combo.findData(kept) if kept is not None else -1
            self.rule_combo.setCurrentIndex(max(at, 0))
            self.rule_combo.view().setMinimumWidth(self.rule_combo.view().sizeHintForColumn(0) + 24)
        finally:
            self.rule_combo.blockSignals(False)
        self.model.set_rule(self.rule_combo.currentData())

    def _update_count(self) -> None:
        self.count_label.setText(tr(COUNT_TEXT, self._lang).format(shown=self.proxy.rowCount(),
                                                                 total=len(self.model.table)))
        count = self.model.off_scheme_count()
        shown = self.model.show_off_scheme
        self.off_scheme_button.setText(tr(OFF_SCHEME_SHOWN if shown else OFF_SCHEME_HIDDEN,
                                          self._lang).format(count=count))
        self.off_scheme_button.setVisible(count > 0 and self.model.severity != "off_scheme")


def _state(note: FindingNote | None) -> str:
    """A note's review state: accepted as an approved exception, noted, or open (no note)."""
    if note is None or note.is_empty:
        return "open"
    return "accepted" if note.accepted else "noted"


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Consecutive rows as (first, last) pairs: one selection range per run, not per row."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs
