"""Choosing a layer of a multi-layer file, mapping unrecognised fields, and remembering mappings per schema."""

from __future__ import annotations

import hashlib
import json
import logging
import math
from pathlib import Path
from typing import Any

from pyogrio.errors import DataLayerError, DataSourceError
from PySide6.QtCore import QItemSelectionModel, QSettings, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.io.fields import ALIASES, INDICATOR_TARGETS, recognise
from planner.io.gdal import (
    choose_layer,
    describe_layers,
    is_dxf,
    layer_columns,
    layer_encoding,
    list_layers,
    sample_values,
)
from planner.messages import INDICATOR_NAMES, QT_TRANSLATE_NOOP, ROLE_NAMES, default_language, tr
from planner.model import InputError

log = logging.getLogger(__name__)

__all__ = ["TARGET_LABELS", "FieldMappingDialog", "LayerChooserDialog", "MappingMemory", "requirements_met"]

#: Every target of planner.io.fields.ALIASES as officials call it (the core keeps only target ids).
TARGET_LABELS: dict[str, dict[str, str]] = {
    "plan": {
        "id": QT_TRANSLATE_NOOP("messages", "Parcel id"),
        "land_use": QT_TRANSLATE_NOOP("messages", "Land-use code"),
        "land_use_name": QT_TRANSLATE_NOOP("messages", "Land-use name"),
        "far": QT_TRANSLATE_NOOP("messages", "FAR"),
        "far_max": QT_TRANSLATE_NOOP("messages", "FAR upper"),
        "far_min": QT_TRANSLATE_NOOP("messages", "FAR lower"),
        "density": QT_TRANSLATE_NOOP("messages", "Building density"),
        "density_max": QT_TRANSLATE_NOOP("messages", "Density upper"),
        "density_min": QT_TRANSLATE_NOOP("messages", "Density lower"),
        "height": QT_TRANSLATE_NOOP("messages", "Height limit"),
        "height_max": QT_TRANSLATE_NOOP("messages", "Height limit upper"),
        "height_min": QT_TRANSLATE_NOOP("messages", "Height limit lower"),
        "height_absolute": QT_TRANSLATE_NOOP("messages", "Absolute elevation limit (not checked)"),
        "green_ratio": QT_TRANSLATE_NOOP("messages", "Green ratio"),
        "green_max": QT_TRANSLATE_NOOP("messages", "Green ratio upper"),
        "green_min": QT_TRANSLATE_NOOP("messages", "Green ratio lower"),
        "setback": QT_TRANSLATE_NOOP("messages", "Setback from road red line (m)"),
        "approval_number": QT_TRANSLATE_NOOP("messages", "Approval number (批复文号)"),
        "approval_date": QT_TRANSLATE_NOOP("messages", "Approval date (批复时间)"),
        "version": QT_TRANSLATE_NOOP("messages", "Plan version"),
    },
    "buildings": {
        "id": QT_TRANSLATE_NOOP("messages", "Building id"),
        "floors": QT_TRANSLATE_NOOP("messages", "Storeys"),
        "height": QT_TRANSLATE_NOOP("messages", "Height (m)"),
        "storey_height": QT_TRANSLATE_NOOP("messages", "Storey heights"),
        "gfa": QT_TRANSLATE_NOOP("messages", "Counted floor area"),
        "basement_floors": QT_TRANSLATE_NOOP("messages", "Underground storeys"),
        "use": QT_TRANSLATE_NOOP("messages", "Use"),
    },
    "green": {
        "id": QT_TRANSLATE_NOOP("messages", "Green area id"),
        "factor": QT_TRANSLATE_NOOP("messages", "Green factor"),
    },
    "lines": {
        "id": QT_TRANSLATE_NOOP("messages", "Line id"),
        "kind": QT_TRANSLATE_NOOP("messages", "Control line kind"),
        "setback": QT_TRANSLATE_NOOP("messages", "Setback from the line (m)"),
        "road_class": QT_TRANSLATE_NOOP("messages", "Road class"),
        "name": QT_TRANSLATE_NOOP("messages", "Name"),
    },
}

#: What a layer must have to be loaded, as planner.io.layers requires it: every group needs one of its targets.
REQUIRED: dict[str, tuple[tuple[str, ...], ...]] = {
    "plan": (("id",), ("land_use", "land_use_name") + tuple(t for t in ALIASES["plan"] if t.split("_")[0] in
                                                            ("far", "density", "height", "green"))),
    "buildings": (("floors", "gfa", "height"),),
    "green": (),
    "lines": (),
}

#: Targets marked in the dialog: the one always needed, and the main columns of an "at least one" group.
MARKED: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "plan": (("id",), ("land_use",) + INDICATOR_TARGETS),
    "buildings": ((), ("floors", "gfa", "height")),
    "green": ((), ()),
    "lines": ((), ()),
}

REQUIREMENT_TEXTS = {
    "plan": QT_TRANSLATE_NOOP("messages", "Needed: the parcel id (*) and at least one of land use or an "
                                          "indicator (†)."),
    "buildings": QT_TRANSLATE_NOOP("messages", "Needed: storeys, counted floor area or height (†). With a "
                                               "height alone, storeys are estimated and FAR is marked as an "
                                               "estimate."),
    "green": QT_TRANSLATE_NOOP("messages", "Nothing is required: without a factor every green area counts in "
                                           "full."),
}

NOT_PRESENT = QT_TRANSLATE_NOOP("messages", "— not present —")
OK_TEXT = QT_TRANSLATE_NOOP("messages", "OK")
CANCEL_TEXT = QT_TRANSLATE_NOOP("messages", "Cancel")
CHOOSER_TITLE = QT_TRANSLATE_NOOP("messages", "Choose a layer")
CHOOSER_PROMPT = QT_TRANSLATE_NOOP("messages", "{file} holds several layers. Which is the {role} layer?")
CHOOSER_HEADERS = (QT_TRANSLATE_NOOP("messages", "Layer"), QT_TRANSLATE_NOOP("messages", "Geometry"),
                   QT_TRANSLATE_NOOP("messages", "Features"))
#: GDAL's geometry type names as GIS users in China know them (面, 线, 点).
GEOMETRY_NAMES = {
    "Polygon": QT_TRANSLATE_NOOP("messages", "Polygon"),
    "MultiPolygon": QT_TRANSLATE_NOOP("messages", "Multi-polygon"),
    "LineString": QT_TRANSLATE_NOOP("messages", "Line"),
    "MultiLineString": QT_TRANSLATE_NOOP("messages", "Multi-line"),
    "Point": QT_TRANSLATE_NOOP("messages", "Point"),
    "MultiPoint": QT_TRANSLATE_NOOP("messages", "Multi-point"),
}
NO_GEOMETRY = QT_TRANSLATE_NOOP("messages", "None")
MAPPING_TITLE = QT_TRANSLATE_NOOP("messages", "Fields of the {role} layer")
MAPPING_PROMPT = QT_TRANSLATE_NOOP("messages", "{file} layer {layer}: choose the column that holds each item.")
MAPPING_HEADERS = (QT_TRANSLATE_NOOP("messages", "Column"), QT_TRANSLATE_NOOP("messages", "Sample values"))
ITEMS_HEADING = QT_TRANSLATE_NOOP("messages", "Items")
COLUMNS_HEADING = QT_TRANSLATE_NOOP("messages", "Columns in the layer")
ALIASES_TIP = QT_TRANSLATE_NOOP("messages", "Recognised by itself when named: {names}")

SAMPLES = 3
SAMPLE_ROWS = 5


#: The fields that give an indicator's limit: the limit itself or one of its bounds.
_INDICATOR_FIELDS = {"far": ("far", "far_max", "far_min"), "density": ("density", "density_max", "density_min"),
                     "height": ("height", "height_max", "height_min"),
                     "green_ratio": ("green_ratio", "green_max", "green_min")}
UNMAPPED_TEXT = QT_TRANSLATE_NOOP("messages", "No field for: {indicators}. These will not be checked, and no parcel "
                                              "will be shown as compliant while they are not.")
UNMAPPED_TITLE = QT_TRANSLATE_NOOP("messages", "Indicators without a field")
UNMAPPED_QUESTION = QT_TRANSLATE_NOOP("messages", "No field was chosen for {indicators}. They will not be "
                                                  "checked on any parcel, and the parcels will show as partly "
                                                  "checked. Go on without them?")
UNMAPPED_GO_ON = QT_TRANSLATE_NOOP("messages", "Go on without them")
UNMAPPED_GO_BACK = QT_TRANSLATE_NOOP("messages", "Choose fields")


def requirements_met(role: str, mapping: dict[str, str]) -> bool:
    """True when `mapping` (target -> column) names what planner.io.layers needs to load a `role` layer."""
    return all(any(mapping.get(t) for t in group) for group in REQUIRED[role])


def _buttons(dialog: QDialog, lang: str) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    box.button(QDialogButtonBox.StandardButton.Ok).setText(tr(OK_TEXT, lang))
    box.button(QDialogButtonBox.StandardButton.Cancel).setText(tr(CANCEL_TEXT, lang))
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class LayerChooserDialog(QDialog):
    """Lists a file's layers with geometry type and feature count; preselects the one its name suggests.

    A DXF lists its CAD layers that hold outlines; several can be chosen (a plan has one per land-use code).
    """

    def __init__(self, path: str | Path, role: str, parent: QWidget | None = None, *,
                 lang: str | None = None) -> None:
        super().__init__(parent)
        self.path, self.role = Path(path), role
        self.lang = lang or default_language()
        self.layers = list_layers(self.path)
        self.setWindowTitle(tr(CHOOSER_TITLE, self.lang))

        prompt = QLabel(tr(CHOOSER_PROMPT, self.lang).format(file=self.path.name,
                                                             role=tr(ROLE_NAMES[role], self.lang)))
        prompt.setWordWrap(True)
        self.table = QTableWidget(len(self.layers), 3)
        self.table.setHorizontalHeaderLabels([tr(h, self.lang) for h in CHOOSER_HEADERS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection if is_dxf(self.path)
                                    else QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for row, (name, geometry, features) in enumerate(self._describe()):
            self.table.setItem(row, 0, QTableWidgetItem(name))
            self.table.setItem(row, 1, QTableWidgetItem(geometry))
            count = QTableWidgetItem(features)
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, 2, count)
        self.table.doubleClicked.connect(self.accept)

        self.buttons = _buttons(self, self.lang)
        self.table.itemSelectionChanged.connect(self._on_table_itemSelectionChanged)
        layout = QVBoxLayout(self)
        layout.addWidget(prompt)
        layout.addWidget(self.table)
        layout.addWidget(self.buttons)

        suggested = self.suggested_layer() or ""
        for name in suggested.split(";") if is_dxf(self.path) else [suggested]:  # a DXF's may name several
            if name in self.layers:
                self.table.selectionModel().select(
                    self.table.model().index(self.layers.index(name), 0),
                    QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
        self._on_table_itemSelectionChanged()
        self.resize(460, 120 + 30 * min(len(self.layers), 10))

    def _describe(self) -> list[tuple[str, str, str]]:
        return [(name, self._geometry_name(geometry), "?" if count is None else f"{count:,}")
                for name, geometry, count in describe_layers(self.path)]

    def _geometry_name(self, geometry: str | None) -> str:
        if not geometry:
            return tr(NO_GEOMETRY, self.lang)
        plain = str(geometry).removeprefix("3D ").removesuffix(" Z").removesuffix(" M").removesuffix(" ZM")
        return tr(GEOMETRY_NAMES[plain], self.lang) if plain in GEOMETRY_NAMES else str(geometry)

    def suggested_layer(self) -> str | None:
        """The layer planner.io.gdal.choose_layer would take for this role unasked, if any."""
        try:
            return choose_layer(self.path, self.layers, self.role, None)
        except InputError:
            return None

    def chosen_layer(self) -> str | None:
        """The layer chosen; of a DXF, the CAD layers chosen joined by ";" as planner.io.gdal.read_layer takes them."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return ";".join(self.layers[r] for r in rows) if rows else None

    def _on_table_itemSelectionChanged(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.chosen_layer() is not None)

    @classmethod
    def choose(cls, parent: QWidget | None, path: str | Path, role: str, *, lang: str | None = None) -> str | None:
        """The only layer of `path` directly, else the one the official picks; None if they cancel.

        Raises InputError when the file is missing, unreadable or has no layers.
        """
        layers = list_layers(Path(path))
        if not layers:
            raise InputError("empty_layer", path=str(path), layer="")
        if len(layers) == 1:
            return layers[0]
        dialog = cls(path, role, parent, lang=lang)
        return dialog.chosen_layer() if dialog.exec() == QDialog.DialogCode.Accepted else None


class FieldMappingDialog(QDialog):
    """Maps a layer's columns to what Planner reads, showing sample values; OK once loading can succeed."""

    def __init__(self, path: str | Path, layer: str | None, role: str, parent: QWidget | None = None, *,
                 initial: dict[str, str] | None = None, lang: str | None = None) -> None:
        """`layer` None takes the only or obvious layer; `initial` (target -> column, e.g. from MappingMemory)
        is preselected before what the column names say by themselves."""
        super().__init__(parent)
        self.path, self.role = Path(path), role
        self.lang = lang or default_language()
        encoding = layer_encoding(self.path)
        self.layer = choose_layer(self.path, list_layers(self.path), role, layer)
        self.columns = layer_columns(self.path, self.layer)
        self.samples = self._read_samples(encoding)
        role_name = tr(ROLE_NAMES[role], self.lang)
        self.setWindowTitle(tr(MAPPING_TITLE, self.lang).format(role=role_name))

        prompt = QLabel(tr(MAPPING_PROMPT, self.lang).format(file=self.path.name, layer=self.layer))
        prompt.setWordWrap(True)

        self.table = QTableWidget(len(self.columns), 2)
        self.table.setHorizontalHeaderLabels([tr(h, self.lang) for h in MAPPING_HEADERS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        for row, column in enumerate(self.columns):
            self.table.setItem(row, 0, QTableWidgetItem(column))
            samples = QTableWidgetItem(" · ".join(self.samples[column]))
            samples.setToolTip("\n".join(self.samples[column]))
            self.table.setItem(row, 1, samples)

        recognised = self._recognised(encoding, initial)
        always, one_of = MARKED[role]
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.combos: dict[str, QComboBox] = {}
        for target, aliases in ALIASES[role].items():
            combo = QComboBox()
            combo.addItem(tr(NOT_PRESENT, self.lang), None)
            for column in self.columns:
                combo.addItem(column, column)
            chosen = recognised.get(target)
            if chosen is not None:
                combo.setCurrentIndex(self.columns.index(chosen) + 1)
            combo.currentIndexChanged.connect(self._on_combo_currentIndexChanged)
            label = QLabel(tr(TARGET_LABELS[role][target], self.lang)
                           + (" *" if target in always else " †" if target in one_of else ""))
            if target in always or target in one_of:
                font = QFont(label.font())
                font.setBold(True)
                label.setFont(font)
            tip = tr(ALIASES_TIP, self.lang).format(names=", ".join(aliases))
            label.setToolTip(tip)
            combo.setToolTip(tip)
            label.setBuddy(combo)
            form.addRow(label, combo)
            self.combos[target] = combo
        targets = QWidget()
        targets.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidget(targets)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setMinimumWidth(targets.sizeHint().width() + 24)

        self.requirement = QLabel(tr(REQUIREMENT_TEXTS[role], self.lang))
        self.requirement.setWordWrap(True)
        self.buttons = _buttons(self, self.lang)

        left = QVBoxLayout()
        left.addWidget(_heading(tr(COLUMNS_HEADING, self.lang)))
        left.addWidget(self.table)
        right = QVBoxLayout()
        right.addWidget(_heading(tr(ITEMS_HEADING, self.lang)))
        right.addWidget(scroll)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(prompt)
        layout.addLayout(columns, 1)
        layout.addWidget(self.requirement)
        self.unmapped_label = QLabel(self)
        self.unmapped_label.setWordWrap(True)
        self.unmapped_label.setStyleSheet("color: #a35200;")
        layout.addWidget(self.unmapped_label)
        layout.addWidget(self.buttons)
        self._on_combo_currentIndexChanged()
        self.resize(760, min(620, 200 + 34 * len(self.combos)))

    def _read_samples(self, encoding: str | None) -> dict[str, list[str]]:
        """Up to SAMPLES distinct non-empty values of each column from the first rows."""
        try:
            values = sample_values(self.path, self.layer, SAMPLE_ROWS)
        except (DataSourceError, DataLayerError, OSError, ValueError):  # samples help; columns alone still map
            log.warning("no sample values from %s:%s", self.path, self.layer, exc_info=True)
            return {c: [] for c in self.columns}
        samples: dict[str, list[str]] = {}
        for column in self.columns:
            shown: list[str] = []
            for value in values.get(column, []):
                text = _sample_text(value)
                if text and text not in shown:
                    shown.append(text)
                if len(shown) == SAMPLES:
                    break
            samples[column] = shown
        return samples

    def _recognised(self, encoding: str | None, initial: dict[str, str] | None) -> dict[str, str]:
        """What recognise() finds, after the `initial` choices that still name columns of this layer."""
        present = {c.lower().strip() for c in self.columns}
        explicit = {t: c for t, c in (initial or {}).items()
                    if t in ALIASES[self.role] and c and c.lower().strip() in present}
        return recognise(self.role, self.columns, shapefile_encoding=encoding, explicit=explicit,
                         values=lambda column: self.samples.get(column, [])).columns

    def mapping(self) -> dict[str, str]:
        """target -> column for every item given a column."""
        return {target: combo.currentData() for target, combo in self.combos.items()
                if combo.currentData() is not None}

    def loader_mapping(self) -> dict[str, dict[str, str]]:
        """mapping() in the shape planner.io.layers loaders take: {role: {target: column}}."""
        return {self.role: self.mapping()}

    def set_column(self, target: str, column: str | None) -> None:
        """Pick `column` (None: not present) for `target`, as the official would in its combo box."""
        combo = self.combos[target]
        combo.setCurrentIndex(0 if column is None else combo.findData(column))

    def requirements_met(self) -> bool:
        return requirements_met(self.role, self.mapping())

    def _on_combo_currentIndexChanged(self, _index: int = 0) -> None:
        met = self.requirements_met()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(met)
        self.requirement.setStyleSheet("" if met else "color: #b00020;")
        unmapped = self.unmapped_indicators()
        self.unmapped_label.setText(tr(UNMAPPED_TEXT, self.lang).format(indicators=self._names(unmapped))
                                    if unmapped else "")
        self.unmapped_label.setVisible(bool(unmapped))

    def unmapped_indicators(self) -> list[str]:
        """The plan's indicators given no field at all (neither the limit nor a bound): they will not be checked."""
        if self.role != "plan":
            return []
        mapping = self.mapping()
        return [i for i in INDICATOR_TARGETS if not any(mapping.get(t) for t in _INDICATOR_FIELDS[i])]

    def _names(self, indicators: list[str]) -> str:
        separator = "、" if self.lang == "zh" else ", "
        return separator.join(tr(INDICATOR_NAMES[i], self.lang) for i in indicators)

    def accept(self) -> None:
        """OK: with indicators left without a field, the official says once more that they go unchecked."""
        unmapped = self.unmapped_indicators()
        if unmapped and not self.confirm_unmapped(unmapped):
            return
        super().accept()

    def confirm_unmapped(self, unmapped: list[str]) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, tr(UNMAPPED_TITLE, self.lang),
                          tr(UNMAPPED_QUESTION, self.lang).format(indicators=self._names(unmapped)),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.button(QMessageBox.StandardButton.Yes).setText(tr(UNMAPPED_GO_ON, self.lang))
        box.button(QMessageBox.StandardButton.No).setText(tr(UNMAPPED_GO_BACK, self.lang))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    return label


def _sample_text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float):
        return f"{value:.6g}"
    text = str(value).strip()
    return text if len(text) <= 40 else text[:39] + "…"


class MappingMemory:
    """Field mappings remembered per schema (role + the layer's column names) in QSettings."""

    GROUP = "field_mappings"

    def __init__(self, settings: QSettings | None = None) -> None:
        self.settings = settings if settings is not None else QSettings("Planner", "Planner")

    @staticmethod
    def schema_key(role: str, columns: list[str]) -> str:
        digest = hashlib.sha256("\n".join(sorted(map(str, columns))).encode("utf-8")).hexdigest()[:20]
        return f"{MappingMemory.GROUP}/{role}_{digest}"

    def recall(self, role: str, columns: list[str]) -> dict[str, str] | None:
        """The mapping remembered for a layer with exactly these columns, or None."""
        stored = self.settings.value(self.schema_key(role, columns))
        if not stored:
            return None
        try:
            mapping = json.loads(str(stored))
        except ValueError:
            return None
        if not isinstance(mapping, dict):
            return None
        present = set(map(str, columns))
        return {str(t): str(c) for t, c in mapping.items() if t in ALIASES.get(role, {}) and c in present} or None

    def remember(self, role: str, columns: list[str], mapping: dict[str, str]) -> None:
        # JSON text, not a QVariantMap: INI files on every platform then store it the same way.
        self.settings.setValue(self.schema_key(role, columns), json.dumps(mapping, ensure_ascii=False,
                                                                          sort_keys=True))
        self.settings.sync()

    def forget(self, role: str, columns: list[str]) -> None:
        self.settings.remove(self.schema_key(role, columns))
