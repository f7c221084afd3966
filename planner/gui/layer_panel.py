"""The layers panel: what is loaded, shown or hidden, in drawing order, with where it came from."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.model import InputInfo

KEY_ROLE = Qt.ItemDataRole.UserRole


class LayerPanel(QWidget):
    """A checkable list, top = drawn on top. Drag to reorder; buttons to zoom to or remove a layer."""

    visibilityChanged = Signal(str, bool)
    orderChanged = Signal(list)  # keys, top first
    removeRequested = Signal(str)
    zoomRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget(self)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.list)
        layout.addLayout(buttons)

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

    def keys(self) -> list[str]:
        return [self.list.item(i).data(KEY_ROLE) for i in range(self.list.count())]

    def _emit_for_current(self, signal) -> None:
        item = self.list.currentItem()
        if item is not None:
            signal.emit(item.data(KEY_ROLE))

    def _on_list_item_changed(self, item: QListWidgetItem) -> None:
        self.visibilityChanged.emit(item.data(KEY_ROLE), item.checkState() == Qt.CheckState.Checked)

    def _on_list_rows_moved(self, *_args) -> None:
        self.orderChanged.emit(self.keys())
