"""Sunlight in the window (issue 16): File > Load existing buildings…, View > Sunlight standard… (kept in
QSettings), the existing buildings and the facade-hours layers on the map (in the Layers panel, with a legend in
hours), and a sunlight section in the inspector for a clicked building. The analysis itself runs in the worker
with the check (planner.gui.worker, CheckRunner.sunlight).

MainWindow calls into this module from a few lines marked "sunlight (issue 16)": install() once, refresh() after
every check, legend(), panel_rows() and clicked().
"""

from __future__ import annotations

import html
from typing import Any

import numpy as np
import shapely
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from planner.checking.sunlight import CITY_SIZES, ZONES, SunlightSettings, city_names, settings
from planner.gui.map_canvas import LayerStyle
from planner.gui.session import in_display_crs
from planner.messages import (
    CITY_SIZE_NAMES,
    FACING_TEXT,
    QT_TRANSLATE_NOOP,
    hours_text,
    sunlight_standard_text,
    tr,
)
from planner.model import InputError

SUNLIGHT_LAYER = "sunlight"
EXISTING_LAYER = "existing"

LOAD_EXISTING = QT_TRANSLATE_NOOP("messages", "Load &existing buildings…")
SUNLIGHT_STANDARD = QT_TRANSLATE_NOOP("messages", "Sunlight &standard…")
DIALOG_TITLE = QT_TRANSLATE_NOOP("messages", "Sunlight standard")
DIALOG_HINT = QT_TRANSLATE_NOOP("messages", "Choose a city of resources/sunlight.toml, or the building climate zone "
                                            "(建筑气候区划) and the city size. Without a choice, sunlight is not "
                                            "analysed.")
LABEL_CITY = QT_TRANSLATE_NOOP("messages", "City")
LABEL_ZONE = QT_TRANSLATE_NOOP("messages", "Climate zone")
LABEL_SIZE = QT_TRANSLATE_NOOP("messages", "City size")
NOT_CHOSEN = QT_TRANSLATE_NOOP("messages", "(none: sunlight not analysed)")
BY_ZONE = QT_TRANSLATE_NOOP("messages", "(by climate zone and city size)")
LAYER_FACADES = QT_TRANSLATE_NOOP("messages", "Sunlight on facades")
LAYER_EXISTING = QT_TRANSLATE_NOOP("messages", "Existing buildings")
LEGEND_CLASSES = (QT_TRANSLATE_NOOP("messages", "Facade sun < 1 h"),
                  QT_TRANSLATE_NOOP("messages", "Facade sun 1-2 h"),
                  QT_TRANSLATE_NOOP("messages", "Facade sun 2-3 h (below its standard)"),
                  QT_TRANSLATE_NOOP("messages", "Facade sun ≥ its standard"))
LEGEND_EXISTING = QT_TRANSLATE_NOOP("messages", "Existing building")
SECTION_TITLE = QT_TRANSLATE_NOOP("messages", "Sunlight of {building}")
SECTION_ROLE = {False: QT_TRANSLATE_NOOP("messages", "scheme building"),
                True: QT_TRANSLATE_NOOP("messages", "existing building")}
FACADE_LINE = QT_TRANSLATE_NOOP("messages", "facing {facing}: least {hours}, {length} below the standard")
FACADE_BEFORE = QT_TRANSLATE_NOOP("messages", " (without the scheme: least {hours})")
OTHER_FACADES = QT_TRANSLATE_NOOP("messages", "{count} other facades are not held to the standard: they face "
                                              "away from the south, or would not get it with nothing around them.")
NOT_ANALYSED_FOR = QT_TRANSLATE_NOOP("messages", "{building} does not need sun, or is out of reach of the scheme's "
                                                 "shadows: it was not analysed.")

#: Facade classes: below 1 h, 1-2 h, 2 h up to its standard, at or above its standard.
BELOW_1, BELOW_2, BELOW_STANDARD, MEETS = range(4)
HOUR_COLOURS = (QColor(215, 48, 31), QColor(245, 140, 40), QColor(240, 215, 40), QColor(40, 150, 70))
FACADE_STYLES = {k: LayerStyle(None, colour, 4.0) for k, colour in enumerate(HOUR_COLOURS)}
EXISTING_STYLES = {0: LayerStyle(QColor(205, 205, 205), QColor(110, 110, 110), 1.0)}

_KEYS = ("sunlight/city", "sunlight/zone", "sunlight/size")


# --- the setting ------------------------------------------------------------------------------------------

def stored_choice(store: QSettings) -> tuple[str | None, str | None, str | None]:
    """(city, zone, size) as kept in QSettings; None where nothing is chosen."""
    return tuple(str(store.value(k, "") or "") or None for k in _KEYS)  # type: ignore[return-value]


def store_choice(store: QSettings, city: str | None, zone: str | None, size: str | None) -> None:
    for key, value in zip(_KEYS, (city, zone, size)):
        store.setValue(key, value or "")


def chosen_settings(store: QSettings) -> SunlightSettings | None:
    """The sunlight settings of the stored choice; None when nothing (or nothing valid) is chosen."""
    city, zone, size = stored_choice(store)
    try:
        return settings(zone, size, city)
    except InputError:
        return None


class SunlightDialog(QDialog):
    """A city of resources/sunlight.toml, or a climate zone and a city size."""

    def __init__(self, lang: str, choice: tuple[str | None, str | None, str | None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.setWindowTitle(tr(DIALOG_TITLE, lang))
        hint = QLabel(tr(DIALOG_HINT, lang), self)
        hint.setWordWrap(True)
        self.city = QComboBox(self)
        self.city.addItem(tr(NOT_CHOSEN, lang), "")
        self.city.addItem(tr(BY_ZONE, lang), "-")
        for name in city_names():
            self.city.addItem(name, name)
        self.zone = QComboBox(self)
        for zone in ZONES:
            self.zone.addItem(zone, zone)
        self.size = QComboBox(self)
        for size in CITY_SIZES:
            self.size.addItem(tr(CITY_SIZE_NAMES[size], lang), size)
        city, zone, size = choice
        self.city.setCurrentIndex(max(0, self.city.findData(city if city else ("-" if zone else ""))))
        self.zone.setCurrentIndex(max(0, self.zone.findData(zone or "II")))
        self.size.setCurrentIndex(max(0, self.size.findData(size or "large")))
        self.city.currentIndexChanged.connect(self._enable)
        form = QFormLayout()
        form.addRow(tr(LABEL_CITY, lang), self.city)
        form.addRow(tr(LABEL_ZONE, lang), self.zone)
        form.addRow(tr(LABEL_SIZE, lang), self.size)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self._enable()

    def _enable(self) -> None:
        by_zone = self.city.currentData() == "-"
        self.zone.setEnabled(by_zone)
        self.size.setEnabled(by_zone)

    def choice(self) -> tuple[str | None, str | None, str | None]:
        city = self.city.currentData()
        if city == "-":
            return None, self.zone.currentData(), self.size.currentData()
        return (city or None), None, None


# --- the window -------------------------------------------------------------------------------------------

def install(window) -> None:
    """The menu actions, the worker's settings and the inspector's section."""
    file_menu = window.menuBar().actions()[0].menu()
    window.load_existing_action = QAction(tr(LOAD_EXISTING, window.lang), window)
    window.load_existing_action.triggered.connect(lambda _checked=False: window.ask_open("existing"))
    anchor = next((a for a in file_menu.actions() if a.menu() is window.recent_menu), None)
    file_menu.insertAction(anchor, window.load_existing_action)
    window.sunlight_action = QAction(tr(SUNLIGHT_STANDARD, window.lang), window)
    window.sunlight_action.triggered.connect(lambda _checked=False: ask_standard(window))
    window.view_menu.addAction(window.sunlight_action)
    window.runner.sunlight = chosen_settings(window.settings)
    box = QGroupBox(window.inspector)
    box.setVisible(False)
    window.sunlight_label = QLabel(box)
    window.sunlight_label.setWordWrap(True)
    window.sunlight_label.setTextFormat(Qt.TextFormat.RichText)
    QVBoxLayout(box).addWidget(window.sunlight_label)
    window.inspector.layout().addWidget(box)
    window.sunlight_box = box


def ask_standard(window) -> None:
    dialog = SunlightDialog(window.lang, stored_choice(window.settings), window)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        set_choice(window, *dialog.choice())


def set_choice(window, city: str | None, zone: str | None, size: str | None) -> None:
    """Keep the choice and check again with it (when something is loaded)."""
    store_choice(window.settings, city, zone, size)
    window.runner.sunlight = chosen_settings(window.settings)
    if window.session.layers:
        window._start([])


def facade_lines(result) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(lines, classes, building index) of a result's sunlight: each facade held to the standard cut as the
    analysis cut it (one piece per sampling point), each piece classed by its hours against its building's
    standard, and the consecutive pieces of a facade in one class joined into one line."""
    sun = getattr(result, "sunlight", None)
    if sun is None or not sun.buildings:
        return np.zeros(0, dtype=object), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    spacing = sun.settings.spacing
    starts, ends, hours, owner, facade = [], [], [], [], []
    first_facade = 0
    for k, entry in enumerate(sun.buildings):
        rows = np.flatnonzero(sun.point_building == k)
        a = np.array([f.start for f in entry.facades], dtype=float).reshape(-1, 2)
        b = np.array([f.end for f in entry.facades], dtype=float).reshape(-1, 2)
        held = np.array([f.held for f in entry.facades], dtype=bool)
        length = np.hypot(*(b - a).T)
        pieces = np.maximum(1, np.ceil(length / spacing - 1e-9)).astype(np.int64)
        if pieces.sum() != len(rows):  # not cut as expected: one line a held facade, at its least hours
            starts.append(a[held])
            ends.append(b[held])
            hours.append(np.array([f.min_hours for f in entry.facades])[held])
            owner.append(np.full(int(held.sum()), k))
            facade.append(first_facade + np.flatnonzero(held))
            first_facade += len(a)
            continue
        edge = np.repeat(np.arange(len(a)), pieces)
        j = np.arange(len(edge)) - np.repeat(np.cumsum(pieces) - pieces, pieces)
        step = ((b - a) / pieces[:, None])[edge]
        keep = held[edge]  # facades not held to the standard (facing north ...) are not drawn
        starts.append((a[edge] + step * j[:, None])[keep])
        ends.append((a[edge] + step * (j + 1)[:, None])[keep])
        hours.append(sun.point_hours[rows][keep])
        owner.append(np.full(int(keep.sum()), k))
        facade.append((first_facade + edge)[keep])
        first_facade += len(a)
    if not starts or not sum(len(x) for x in starts):
        return np.zeros(0, dtype=object), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    start, end = np.concatenate(starts), np.concatenate(ends)
    hours_all, owner_all = np.concatenate(hours), np.concatenate(owner)
    standard = np.array([b.standard.hours for b in sun.buildings])[owner_all]
    eps = 1e-9
    classes = np.where(hours_all >= standard - eps, MEETS,
                       np.where(hours_all < 1 - eps, BELOW_1, np.where(hours_all < 2 - eps, BELOW_2, BELOW_STANDARD)))
    # Runs of one class along one facade: one line each (long lines are drawn thick, 1 m pieces would be hairs).
    facade_all = np.concatenate(facade)
    first = np.flatnonzero(np.r_[True, (facade_all[1:] != facade_all[:-1]) | (classes[1:] != classes[:-1])])
    last = np.r_[first[1:], len(classes)] - 1
    lines = shapely.linestrings(np.stack([start[first], end[last]], axis=1))
    return lines, classes[first].astype(np.int64), owner_all[first]


def refresh(window) -> None:
    """After a check: the existing buildings layer and the facade-hours layer, as the session has them."""
    canvas, session = window.canvas, window.session
    existing = session.layers.get("existing")
    before = canvas.layer_keys()
    if existing is not None:
        geometry = in_display_crs(session, [(existing.crs, existing.geometry)])[0]
        canvas.set_layer(EXISTING_LAYER, geometry, EXISTING_STYLES, labels=existing.ids,
                         title=tr(LAYER_EXISTING, window.lang))
    elif EXISTING_LAYER in before:
        canvas.remove_layer(EXISTING_LAYER)
    result = session.result
    lines, classes, owner = facade_lines(result)
    window.sunlight_owner = owner
    if len(lines):
        crs = result.geometry.crs if getattr(result, "geometry", None) is not None else session.buildings.crs
        geometry = in_display_crs(session, [(crs, lines)])[0]
        canvas.set_layer(SUNLIGHT_LAYER, geometry, FACADE_STYLES, classes=classes,
                         title=tr(LAYER_FACADES, window.lang))
    elif SUNLIGHT_LAYER in before:
        canvas.remove_layer(SUNLIGHT_LAYER)
    keys = canvas.layer_keys()
    if any(k not in before for k in (EXISTING_LAYER, SUNLIGHT_LAYER) if k in keys):
        # Facades on top; the existing buildings with the scheme's, below its buildings.
        order = [k for k in keys if k != SUNLIGHT_LAYER]
        if EXISTING_LAYER in order and EXISTING_LAYER not in before:
            order.remove(EXISTING_LAYER)
            where = order.index("buildings") + 1 if "buildings" in order else 0
            order.insert(where, EXISTING_LAYER)
        canvas.set_layer_order(([SUNLIGHT_LAYER] if SUNLIGHT_LAYER in keys else []) + order)
        window.layer_panel.set_layers(window._panel_rows())
    window.sunlight_box.setVisible(False)


def legend(window) -> list[tuple[LayerStyle, str]]:
    """Legend entries (style, words) for what this module draws."""
    out: list[tuple[LayerStyle, str]] = []
    if EXISTING_LAYER in window.canvas.layer_keys():
        out.append((EXISTING_STYLES[0], tr(LEGEND_EXISTING, window.lang)))
    if SUNLIGHT_LAYER in window.canvas.layer_keys():
        out += [(FACADE_STYLES[k], tr(text, window.lang)) for k, text in enumerate(LEGEND_CLASSES)]
    return out


def panel_rows(window, titles: dict[str, str], infos: dict[str, Any]) -> None:
    """Names and sources of this module's layers for the Layers panel (in place)."""
    titles[SUNLIGHT_LAYER] = tr(LAYER_FACADES, window.lang)
    titles[EXISTING_LAYER] = tr(LAYER_EXISTING, window.lang)
    existing = window.session.layers.get("existing")
    buildings = window.session.buildings
    if SUNLIGHT_LAYER in window.canvas.layer_keys() and (existing or buildings) is not None:
        infos[SUNLIGHT_LAYER] = (existing or buildings).info


def clicked(window, key: str, index: int) -> None:
    """Show the sunlight of the building clicked on the map (scheme, existing or a facade piece)."""
    building, existing = None, None
    if index >= 0:
        if key == "buildings" and window.session.buildings is not None:
            building, existing = str(window.session.buildings.ids[index]), False
        elif key == EXISTING_LAYER and window.session.layers.get("existing") is not None:
            building, existing = str(window.session.layers["existing"].ids[index]), True
            window.canvas.set_selection(EXISTING_LAYER, [index])
        elif key == SUNLIGHT_LAYER and window.session.result is not None:
            owner = getattr(window, "sunlight_owner", np.zeros(0, dtype=np.int64))
            if index < len(owner):
                building = window.session.result.sunlight.buildings[int(owner[index])].building
    show_building(window, building, existing)
    if key in (EXISTING_LAYER, SUNLIGHT_LAYER) and not window.sunlight_box.isHidden():
        window._show_inspector()


def show_building(window, building: str | None, existing: bool | None = None) -> None:
    """The inspector's sunlight section for `building` (hidden without sunlight or building)."""
    box, label, lang = window.sunlight_box, window.sunlight_label, window.lang
    result = window.session.result
    sun = getattr(result, "sunlight", None)
    if building is None or sun is None:
        box.setVisible(False)
        return
    entry = next((b for b in sun.buildings if b.building == building and existing in (None, b.existing)), None)
    box.setTitle(tr(SECTION_TITLE, lang).format(building=building))
    if entry is None:
        label.setText(html.escape(tr(NOT_ANALYSED_FOR, lang).format(building=building)))
        box.setVisible(True)
        return
    lines = [f"<b>{html.escape(tr(SECTION_ROLE[entry.existing], lang))}</b> · "
             f"{html.escape(sunlight_standard_text(entry.standard, lang))}"]
    held = [f for f in entry.facades if f.held]
    for f in held or entry.facades[:0]:
        text = tr(FACADE_LINE, lang).format(facing=tr(FACING_TEXT, lang).format(degrees=f"{f.facing:.0f}"),
                                            hours=hours_text(f.min_hours, lang), length=f"{f.length_below:,.1f} m")
        if f.min_hours_before is not None:
            text += tr(FACADE_BEFORE, lang).format(hours=hours_text(f.min_hours_before, lang))
        colour = "#b4231a" if f.length_below > 0 else "#2e7031"
        lines.append(f'<span style="color: {colour};">{html.escape(text)}</span>')
    others = len(entry.facades) - len(held)
    if others:
        lines.append(f'<span style="color: #666666;">{html.escape(tr(OTHER_FACADES, lang).format(count=others))}'
                     "</span>")
    label.setText("<br/>".join(lines))
    box.setVisible(True)
