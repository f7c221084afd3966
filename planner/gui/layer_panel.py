"""The layers panel: what is loaded, shown or hidden, in drawing order, with where it came from; below it the
legend of what the map's colours and line styles mean (beside the map, so it never covers a parcel)."""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from planner.model import InputInfo

KEY_ROLE = Qt.ItemDataRole.UserRole
#: Rows the layers list shows before it scrolls; it is never taller than its layers need.
MAX_LIST_ROWS = 8
SWATCH = QSize(26, 14)


class LegendEntry(NamedTuple):
    """One line of the legend: how a class of features is drawn, and what it means."""

    text: str
    fill: QColor | None  # None: a line (or an outline), drawn as a line across the swatch
    stroke: QColor
    width: float = 1.0
    pattern: str = ""  # "", "dash" or "dashdot"


class _LayerList(QListWidget):
    """A list exactly as tall as its rows (up to MAX_LIST_ROWS): three layers take three rows, not the dock."""

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        rows = min(max(self.count(), 1), MAX_LIST_ROWS)
        row = self.sizeHintForRow(0) if self.count() else self.fontMetrics().height() + 4
        return QSize(160, rows * row + 2 * self.frameWidth() + 4)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(100, self.sizeHint().height())


class LayerPanel(QWidget):
    """A checkable list, top = drawn on top. Drag to reorder; buttons to zoom to or remove a layer. The legend
    below it (set_legend) says what the map's symbols mean."""

    visibilityChanged = Signal(str, bool)
    orderChanged = Signal(list)  # keys, top first
    removeRequested = Signal(str)
    zoomRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = _LayerList(self)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.list.itemChanged.connect(self._on_list_item_changed)
        self.list.model().rowsMoved.connect(self._on_list_rows_moved)
        self.list.itemDoubleClicked.connect(lambda item: self.zoomRequested.emit(item.data(KEY_ROLE)))
        self.zoom_button = QPushButton(self.tr("Zoom to"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.zoom_button.clicked.connect(lambda: self._emit_for_current(self.zoomRequested))
        self.remove_button.clicked.connect(lambda: self._emit_for_current(self.removeRequested))
        buttons = QHBoxLayout()
        buttons.addWidget(self.zoom_button)
        buttons.addWidget(self.remove_button)

        legend = self.tr("Legend")
        self.legend_caption = QLabel(f"<b>{legend}</b>", self)
        self.legend = QWidget()
        self._legend_grid = QGridLayout(self.legend)
        self._legend_grid.setContentsMargins(2, 2, 2, 2)
        self._legend_grid.setHorizontalSpacing(6)
        self._legend_grid.setVerticalSpacing(3)
        self._legend_entries: list[LegendEntry] = []
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.legend)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        layout.addSpacing(6)
        layout.addWidget(self.legend_caption)
        layout.addWidget(scroll, 1)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(200, super().sizeHint().height())

    def set_layers(self, layers: list[tuple[str, str, InputInfo | None, bool]]) -> None:
        """(key, title, provenance, visible) per layer, top first. Replaces the list without emitting signals."""
        self.list.blockSignals(True)
        self.list.clear()
        for key, title, info, visible in layers:
            item = QListWidgetItem(title)
            item.setData(KEY_ROLE, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsDragEnabled)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsDropEnabled)
            item.setCheckState(Qt.CheckState.Checked if visible else Qt.CheckState.Unchecked)
            if info is not None:
                item.setToolTip(self.tr("{path}\nlayer: {layer}\n{features} features · {crs}").format(
                    path=info.path, layer=info.layer, features=info.features, crs=info.crs or "-"))
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.list.updateGeometry()  # as tall as its rows

    def keys(self) -> list[str]:
        return [self.list.item(i).data(KEY_ROLE) for i in range(self.list.count())]

    def set_legend(self, entries: list[LegendEntry]) -> None:
        """The legend's lines, in order (replacing the previous ones)."""
        entries = list(entries)
        if entries == self._legend_entries:
            return
        self._legend_entries = entries
        for row in range(self._legend_grid.rowCount()):
            self._legend_grid.setRowStretch(row, 0)  # the stretch below the last entry moves down with it
        while self._legend_grid.count():
            widget = self._legend_grid.takeAt(0).widget()
            if widget is not None:
                widget.hide()  # gone from the picture now, not when the event loop deletes it
                widget.deleteLater()
        for row, entry in enumerate(entries):
            swatch = QLabel(self.legend)
            swatch.setPixmap(legend_swatch(entry, self.devicePixelRatioF()))
            swatch.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
            text = QLabel(entry.text, self.legend)
            text.setWordWrap(True)
            self._legend_grid.addWidget(swatch, row, 0)
            self._legend_grid.addWidget(text, row, 1)
        self._legend_grid.setColumnStretch(1, 1)
        self._legend_grid.setRowStretch(len(entries), 1)

    def legend_texts(self) -> list[str]:
        return [entry.text for entry in self._legend_entries]

    def _emit_for_current(self, signal) -> None:
        item = self.list.currentItem()
        if item is not None:
            signal.emit(item.data(KEY_ROLE))

    def _on_list_item_changed(self, item: QListWidgetItem) -> None:
        self.visibilityChanged.emit(item.data(KEY_ROLE), item.checkState() == Qt.CheckState.Checked)

    def _on_list_rows_moved(self, *_args) -> None:
        self.orderChanged.emit(self.keys())


def legend_swatch(entry: LegendEntry, ratio: float = 1.0) -> QPixmap:
    """A small picture of a symbol: a filled box with its outline, or a line in its pattern."""
    pixmap = QPixmap(round(SWATCH.width() * ratio), round(SWATCH.height() * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    pen = QPen(entry.stroke, max(1.0, min(entry.width, 3.0)))
    if entry.pattern == "dash":
        pen.setStyle(Qt.PenStyle.DashLine)
    elif entry.pattern == "dashdot":
        pen.setStyle(Qt.PenStyle.DashDotLine)
    w, h = SWATCH.width(), SWATCH.height()
    if entry.fill is None:
        painter.setPen(pen)
        painter.drawLine(QPointF(1, h / 2), QPointF(w - 1, h / 2))
    else:
        painter.setPen(pen)
        painter.setBrush(entry.fill)
        inset = pen.widthF() / 2 + 0.5
        painter.drawRect(QRectF(inset, inset, w - 2 * inset, h - 2 * inset))
    painter.end()
    return pixmap
