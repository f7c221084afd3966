"""The main window: map in the middle, layers on the left, findings below, the parcel inspector on the right."""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import replace
from pathlib import Path

import numpy as np
from PySide6.QtCore import QSettings, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QFrame,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QWidget,
)

from planner.gui.changes_panel import CHANGE_KINDS, CHANGE_STYLES, CHANGES_LAYER, ChangesPanel, change_geometry
from planner.gui.field_mapping import FieldMappingDialog, LayerChooserDialog, MappingMemory
from planner.gui.inspector import ParcelInspector
from planner.gui.layer_panel import LayerPanel, LegendEntry
from planner.gui.map_canvas import LayerStyle, MapCanvas
from planner.gui.map_tools import TOOLS as MAP_TOOLS
from planner.gui.map_tools import MapToolbar, identify_text
from planner.gui.prepare import Prepared, Preparer
from planner.gui.review_panel import ReviewPanel
from planner.gui import sunlight_layer  # sunlight (issue 16)
from planner.gui.session import (
    ROLES,
    Session,
    building_classes,
    building_rows,
    display_geometry,
    in_display_crs,
    parcel_classes,
    parcel_row,
)
from planner.gui.versions_panel import VersionsPanel
from planner.gui.violations import FindingsPanel, finding_buildings, finding_parcels
from planner.gui.worker import CheckRunner, Job, LoadRequest, background_work, release_later
from planner.io.controls import KIND_ID, KINDS
from planner.io.gdal import is_dxf, layer_columns, list_layers, name_suggests
from planner.io.layers import PlanLayer
from planner.messages import (
    REVIEW_FRESH_BUTTON,
    REVIEW_IMPORT_BUTTON,
    MAP_TOOLBAR,
    REVIEW_OTHER_TITLE,
    error_message,
    notice_message,
    tr,
)
from planner.model import INDICATOR_RULES, CheckWarning, InputError, PlanVersion, Violation
from planner.report.symbology import (
    BUILDING_SYMBOLS,
    CONTROL_SYMBOLS,
    GREEN_SYMBOL,
    PARCEL_SYMBOLS,
    UNKNOWN_CONTROL,
    Symbol,
    land_use_colours,
    opaque,
)
from planner.resources import sample_path
from planner.review import (
    SCHEME_ROLES,
    Review,
    ReviewForAnotherScheme,
    ReviewStore,
    archive_path,
    review_path,
    scheme_of,
)

log = logging.getLogger(__name__)

VECTOR_FILTER = "GIS layers and CAD drawings (*.gpkg *.shp *.geojson *.json *.fgb *.gdb *.dxf);;All files (*)"
MAX_RECENT = 8
#: The docks' layout version: raise it when docks are added, so an older saved layout does not misplace them.
WINDOW_STATE_VERSION = 3  # 2: plan versions and plan changes docks; 3: map-first layout
#: Where the window's dock layout is saved: one key per layout version, so an older layout is never restored.
STATE_KEY = f"window/state_v{WINDOW_STATE_VERSION}"
#: The map's least share of the window's width: a saved layout that leaves it less is not restored.
MAP_SHARE = 0.6
LAYERS_WIDTH = 210
BOTTOM_HEIGHT = 290
INSPECTOR_WIDTH = 470


def _layer_style(symbol: Symbol) -> LayerStyle:
    """The window draws a symbol with an opaque fill (see symbology.opaque)."""
    fill = None if symbol.fill is None else opaque(symbol.fill)
    return LayerStyle(fill, symbol.stroke, symbol.width, symbol.dashed, symbol.dash_dot)


PARCEL_STYLES = {status: _layer_style(symbol) for status, symbol in PARCEL_SYMBOLS.items()}
BUILDING_STYLES = {status: _layer_style(symbol) for status, symbol in BUILDING_SYMBOLS.items()}
GREEN_STYLES = {0: _layer_style(GREEN_SYMBOL)}
#: Control lines and zones by kind, the index into planner.io.controls.KINDS (-1: unknown).
LINE_STYLES = {KIND_ID[kind]: _layer_style(symbol) for kind, symbol in CONTROL_SYMBOLS.items()}
LINE_STYLES[-1] = _layer_style(UNKNOWN_CONTROL)
#: Bottom to top: control lines above parcels and green areas, below buildings.
DRAW_ORDER = ("plan", "green", "lines", "buildings")


class MainWindow(QMainWindow):
    """Loads a plan and a scheme in a worker thread, checks them, and links map, findings and inspector."""

    checkFinished = Signal()  # a load/check round ended (done, failed or cancelled): screenshots wait for it
    exportFinished = Signal(str, bool)  # an export ended: its path, and whether it was written

    def __init__(self, lang: str, settings: QSettings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.settings = settings or QSettings()
        self.session = Session()
        self.review_store = ReviewStore()
        self.mapping_memory = MappingMemory(self.settings)
        self.runner = CheckRunner(self)
        self.runner.progressed.connect(self._on_runner_progressed)
        self.runner.finished.connect(self._on_runner_finished)
        self.runner.failed.connect(self._on_runner_failed)
        self.runner.cancelled.connect(self._on_runner_cancelled)
        self.runner.compared.connect(self._on_runner_compared)
        self.runner.prepared.connect(self._on_runner_prepared)
        self._prepared: Prepared | None = None  # what the worker made for showing the last round
        self._incoming: Prepared | None = None  # what it made for the round under way
        self._pending: list[LoadRequest] = []
        #: The plan version the official compares with the one in force (None: not comparing).
        self.compare_with: PlanLayer | None = None
        self._comparison = None  # the last round's comparison, until its check finishes
        self._change_ids: dict[str, int] = {}  # parcel id -> feature of the map's layer of changes
        self._jobs: list[Job] = []  # exports and report previews under way
        self._previewing = False  # a print preview's pages are being made
        self.preview_painter = self._paint_preview  # what paints the print preview's pages (tests wrap it)
        self.setWindowTitle(self.tr("Planner — regulatory plan checker"))
        self.setAcceptDrops(True)
        self._build_widgets()
        self._build_menus()
        self._build_case_actions()
        self._build_status_bar()
        self._build_map_tools()
        self._build_case_window()  # issue 15
        sunlight_layer.install(self)  # sunlight (issue 16)
        self._restore_layout()

    # --- construction ----------------------------------------------------------------------------
    # --- cases (issue 15): File > Cases…, planner.gui.case_list ------------------------------------
    def _build_case_actions(self) -> None:
        from planner.gui.case_list import add_case_actions

        self.case_list = None  # the case list dialog, once opened
        add_case_actions(self)

    def _build_case_window(self) -> None:
        """The open case, declared figures and documents: planner.gui.case_actions (needs menus and docks)."""
        from planner.gui.case_actions import install_case_actions

        install_case_actions(self)
    # --- end of cases -------------------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.canvas = MapCanvas(self)
        self.canvas.featureClicked.connect(self._on_canvas_feature_clicked)
        self.canvas.cursorMoved.connect(self._on_canvas_cursor_moved)
        self.canvas.viewChanged.connect(self._on_canvas_view_changed)
        self.setCentralWidget(self.canvas)
        self.layer_panel = LayerPanel(self)
        self.layer_panel.visibilityChanged.connect(self.canvas.set_layer_visible)
        self.layer_panel.visibilityChanged.connect(self._on_layer_panel_visibility_changed)
        self.layer_panel.orderChanged.connect(self.canvas.set_layer_order)
        self.layer_panel.removeRequested.connect(self.remove_layer)
        self.layer_panel.zoomRequested.connect(self._on_layer_panel_zoom_requested)
        self.findings = FindingsPanel(self.lang, self)
        self.findings.findingSelected.connect(self._on_findings_finding_selected)
        self.inspector = ParcelInspector(self.lang, self)
        self.inspector.setMinimumWidth(260)  # its tables scroll sideways when the dock is narrower than they are
        self.review_panel = ReviewPanel(self.lang, self)
        self.review_panel.reviewChanged.connect(self._on_review_panel_review_changed)
        self.versions_panel = VersionsPanel(self)
        self.versions_panel.useRequested.connect(self.use_version)
        self.versions_panel.compareRequested.connect(self.compare_version)
        self.versions_panel.compareStopped.connect(self.stop_comparing)
        self.versions_panel.removeRequested.connect(self.remove_version)
        self.versions_panel.versionEdited.connect(self._on_versions_panel_version_edited)
        self.changes = ChangesPanel(self.lang, self)
        self.changes.parcelSelected.connect(self._on_changes_parcel_selected)
        self.changes.findingSelected.connect(self._on_findings_finding_selected)
        self.layers_dock = self._dock("layers", self.tr("Layers"), self.layer_panel)
        self.findings_dock = self._dock("findings", self.tr("Findings"), self.findings)
        self.inspector_dock = self._dock("inspector", self.tr("Parcel"), self.inspector)
        self.review_dock = self._dock("review", self.tr("Review"), _scrolled(self.review_panel))
        self.versions_dock = self._dock("versions", self.tr("Plan versions"), self.versions_panel)
        self.changes_dock = self._dock("changes", self.tr("Plan changes"), self.changes)
        self._versions_shown_for = 1  # the number of plan versions the versions dock was last shown or hidden for
        self._update_legend()
        self.apply_default_layout()

    def _dock(self, name: str, title: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{name}")
        dock.setWidget(widget)
        return dock

    def _docks(self) -> tuple[QDockWidget, ...]:
        return (self.layers_dock, self.findings_dock, self.changes_dock, self.versions_dock, self.inspector_dock,
                self.review_dock)

    def apply_default_layout(self) -> None:
        """The map first: layers and legend in a slim column on the left, the findings below the map with the
        parcel inspector beside them (shown once something is selected), plan versions and changes as tabs beside
        the findings (shown when there is something to compare)."""
        left, bottom = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.BottomDockWidgetArea
        self.setCorner(Qt.Corner.TopLeftCorner, left)
        self.setCorner(Qt.Corner.BottomLeftCorner, left)
        for dock in self._docks():
            dock.setFloating(False)
        self.addDockWidget(left, self.layers_dock)
        self.addDockWidget(bottom, self.findings_dock)
        self.addDockWidget(bottom, self.inspector_dock)
        self.splitDockWidget(self.findings_dock, self.inspector_dock, Qt.Orientation.Horizontal)
        self.tabifyDockWidget(self.findings_dock, self.changes_dock)
        self.tabifyDockWidget(self.findings_dock, self.versions_dock)
        self.tabifyDockWidget(self.inspector_dock, self.review_dock)
        self.layers_dock.show()
        self.findings_dock.show()
        self.changes_dock.setVisible(self.session.comparison is not None)
        self._versions_shown_for = len(self.session.versions)
        self.versions_dock.setVisible(self._versions_shown_for > 1)
        selected = bool(self.canvas.selection()[0])
        self.inspector_dock.setVisible(selected)
        self.review_dock.setVisible(selected)
        self.findings_dock.raise_()
        self.inspector_dock.raise_()
        self.resizeDocks([self.layers_dock], [LAYERS_WIDTH], Qt.Orientation.Horizontal)
        self.resizeDocks([self.findings_dock], [BOTTOM_HEIGHT], Qt.Orientation.Vertical)
        self._size_inspector()

    def reset_layout(self) -> None:
        """View > Reset layout: the default layout, and the saved one forgotten."""
        self.settings.remove(STATE_KEY)
        self.apply_default_layout()

    def map_share(self) -> float:
        """The map's share of the window's width."""
        return self.canvas.width() / max(self.width(), 1)

    def _size_inspector(self) -> None:
        if self.inspector_dock.isVisible():
            width = self.findings_dock.width() + self.inspector_dock.width()
            inspector = min(INSPECTOR_WIDTH, max(width // 2, 260))
            self.resizeDocks([self.findings_dock, self.inspector_dock], [max(width - inspector, 200), inspector],
                             Qt.Orientation.Horizontal)

    def _show_inspector(self) -> None:
        """The inspector opens when something is selected (the review tab beside it stays in front if it was)."""
        if self.inspector_dock.isVisible() or self.review_dock.isVisible():
            return
        self.inspector_dock.show()
        self.review_dock.show()
        self.inspector_dock.raise_()
        self._size_inspector()

    def _update_versions_dock(self) -> None:
        """The plan versions appear when a second version is loaded, and go when one is left."""
        count = len(self.session.versions)
        if (count > 1) != (self._versions_shown_for > 1):
            self.versions_dock.setVisible(count > 1)
        self._versions_shown_for = count

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        for role, text, shortcut in (("plan", self.tr("Open &plan layer…"), QKeySequence.StandardKey.Open),
                                     ("buildings", self.tr("Open scheme &buildings…"), None),
                                     ("green", self.tr("Open scheme &green areas…"), None),
                                     ("lines", self.tr("Open &control lines…"), None)):
            action = QAction(text, self)
            if shortcut is not None:
                action.setShortcut(shortcut)
            action.triggered.connect(lambda _checked=False, r=role: self.ask_open(r))
            file_menu.addAction(action)
        self.recent_menu = QMenu(self.tr("Open &recent"), self)
        file_menu.addMenu(self.recent_menu)
        self._refresh_recent_menu()
        file_menu.addSeparator()
        self.result_actions = []
        for text, handler, shortcut in (
                (self.tr("Export report as &PDF…"), self.export_pdf, None),
                (self.tr("Print &preview…"), self.print_preview, None),
                (self.tr("P&rint…"), self.print_report, QKeySequence.StandardKey.Print),
                (self.tr("Export &spreadsheet (XLSX)…"), self.export_xlsx, None),
                (self.tr("Export findings as &GeoPackage…"), self.export_gpkg, None)):
            action = QAction(text, self)
            if shortcut is not None:
                action.setShortcut(shortcut)
            action.triggered.connect(handler)
            action.setEnabled(False)
            file_menu.addAction(action)
            self.result_actions.append(action)
        settings_action = QAction(self.tr("Report &settings…"), self)
        settings_action.triggered.connect(self.edit_report_settings)
        file_menu.addAction(settings_action)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        self.view_menu = view_menu
        zoom_all = QAction(self.tr("Zoom to &all"), self)
        zoom_all.setShortcut(QKeySequence(Qt.Key.Key_Home))
        zoom_all.triggered.connect(self.canvas.zoom_to_all)
        zoom_selection = QAction(self.tr("Zoom to &selection"), self)
        zoom_selection.triggered.connect(self.zoom_to_selection)
        view_menu.addActions([zoom_all, zoom_selection])
        # The legend is in the Layers panel, beside the map; drawn on the map too when asked (for a screenshot).
        self.legend_action = QAction(self.tr("&Legend on the map"), self)
        self.legend_action.setCheckable(True)
        self.legend_action.setChecked(str(self.settings.value("map/legend_on_map", "false")).lower() == "true")
        self.legend_action.toggled.connect(self._on_legend_action_toggled)
        self.canvas.set_legend_visible(self.legend_action.isChecked())
        view_menu.addAction(self.legend_action)
        view_menu.addSeparator()
        for dock in self._docks():
            view_menu.addAction(dock.toggleViewAction())
        view_menu.addSeparator()
        reset = QAction(self.tr("&Reset layout"), self)
        reset.triggered.connect(self.reset_layout)
        view_menu.addAction(reset)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.progress.setMaximumWidth(220)
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self._cancel)
        self.stage_label = QLabel(self)
        self.scale_label = QLabel(self)
        self.coordinates_label = QLabel(self)
        self.crs_label = QLabel(self)
        self.review_label = QLabel(self)  # "12 of 20 violations reviewed"
        bar.addWidget(self.stage_label)
        bar.addWidget(self.progress)
        bar.addWidget(self.cancel_button)
        for label in (self.review_label, self.scale_label, self.coordinates_label, self.crs_label):
            bar.addPermanentWidget(label)

    # --- loading ---------------------------------------------------------------------------------

    def ask_open(self, role: str) -> None:
        start = self.settings.value("last_directory", str(Path.home()))
        path, _filter = QFileDialog.getOpenFileName(self, self.tr("Open layer"), start, VECTOR_FILTER)
        if path:
            self.settings.setValue("last_directory", str(Path(path).parent))
            self.open_files([(role, path, None)])

    def open_files(self, files: list[tuple[str, str, str | None]]) -> None:
        """Load (role, path, layer) files and check. A layer None asks the user when the file has several."""
        requests = []
        for role, path, layer in files:
            if role == "lines" and not layer:
                # Control lines come in several layers of one file (道路红线, 绿线, ...): all are read.
                requests.append(LoadRequest(role, path, None, None))
                self._remember_recent(role, path, "")
                continue
            if layer is None:
                layer = self._choose_layer(role, path)
                if layer is None:
                    continue  # the user cancelled the layer chooser
            requests.append(LoadRequest(role, path, layer, self._mapping_for(role, path, layer)))
            self._remember_recent(role, path, layer)
        if requests:
            self._start(requests)

    def _choose_layer(self, role: str, path: str) -> str | None:
        try:
            return LayerChooserDialog.choose(self, path, role, lang=self.lang)
        except InputError as exc:
            self._show_error(exc)
            return None

    def _mapping_for(self, role: str, path: str, layer: str) -> dict | None:
        remembered = self.mapping_memory.recall(role, self._columns(path, layer))
        return {role: remembered} if remembered else None

    @staticmethod
    def _columns(path: str, layer: str) -> list[str]:
        try:
            return layer_columns(path, layer)
        except Exception:  # the loader reports an unreadable file properly, naming it
            return []

    def _start(self, requests: list[LoadRequest], plan: PlanLayer | None = None) -> None:
        """Load and check in the background; `plan`: check against this plan version instead of the one in force."""
        if self.runner.is_running() and plan is None:
            self._pending.extend(requests)  # loaded once the current round ends
            return
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        layers = dict(self.session.layers)
        if plan is not None:
            layers["plan"] = plan
        self._comparison = None
        stale, self._incoming = self._incoming, None  # made for a round that was cancelled
        if stale is not None:
            release_later([stale])
        # Before the worker starts: the engine's no_garbage_collection turns the collector back on at its end when
        # it found it on, and a worker round with it on pauses for full collections (65-125 ms, the GIL held).
        background_work(True)
        try:
            self.runner.start(requests, layers, self.compare_with, self._preparer())
        except BaseException:  # the collector back on unless other work runs: an error must not leave it off
            background_work(self.runner.is_running() or bool(self._jobs))
            raise

    def _preparer(self) -> Preparer:
        """What the worker runs after the check: the map's layers and the findings' arrays (planner.gui.prepare)."""
        shown = {role: (layer, self.canvas.prepared_layer(role)) for role, layer in self.session.layers.items()}
        return Preparer(self.lang, {"plan": PARCEL_STYLES, "buildings": BUILDING_STYLES, "green": GREEN_STYLES,
                                    "lines": LINE_STYLES}, self._titles(), shown, _classes,
                        change_geometry, CHANGE_STYLES, self.tr("Plan changes"), self.changes.rows)

    def _on_runner_prepared(self, prepared: Prepared) -> None:
        self._incoming = prepared

    def remove_layer(self, role: str) -> None:
        self.session = self.session.without(role)
        self.canvas.remove_layer(role)
        self._refresh_after_check()
        if self.session.layers:
            # What is left is re-checked (e.g. the plan alone shows no findings any more).
            self._start([])

    def _on_runner_progressed(self, percent: int, stage: str) -> None:
        from planner.messages import stage_name

        self.progress.setValue(percent)
        self.stage_label.setText(stage_name(stage, self.lang))

    def _on_runner_finished(self, result, layers: dict) -> None:
        changed = [role for role in layers if self.session.layers.get(role) is not layers[role]]
        # What the last round showed is let go of a little at a time (release_later): freeing a city's findings,
        # texts and Qt paths at once would hold the UI thread for a few hundred milliseconds.
        release_later([self.session, self._prepared, self.findings.model.table,
                       *(self.canvas.prepared_layer(k) for k in self.canvas.layer_keys())])
        self._prepared, self._incoming = self._incoming, None
        self.session = replace(self.session.with_layers(layers, result), comparison=self._comparison)
        self._comparison = None
        status = ""
        if "plan" in changed:
            before = self.session
            self._recall_version()
            self._rebind_prepared(before)
            if not self.session.plan.info.version.known:
                # Checks and reports name the version used: ask for it where it can be typed in.
                self.versions_dock.show()
                self.versions_dock.raise_()
                status = self.tr("This plan layer names no version: type its label, approval number (批复文号) "
                                 "and date in the Plan versions panel.")
        self._show_layers(changed)
        self._refresh_after_check()
        self._end_round(status)

    def _on_runner_compared(self, comparison) -> None:
        self._comparison = comparison

    # --- plan versions ---------------------------------------------------------------------------

    def use_version(self, index: int) -> None:
        """Put plan version `index` in force and re-check. Comparing with it compares with the previous one."""
        plan = self.session.versions[index]
        if self.compare_with is plan:
            self.compare_with = self.session.plan
        self._start([], plan=plan)

    def compare_version(self, index: int) -> None:
        """Compare plan version `index` with the one in force: what changed, and which findings depend on it."""
        self.compare_with = self.session.versions[index]
        self.changes_dock.show()
        self.changes_dock.raise_()
        self._start([])

    def stop_comparing(self) -> None:
        self.compare_with = None
        self.session = replace(self.session, comparison=None)
        self._show_comparison()

    def remove_version(self, index: int) -> None:
        if self.session.versions[index] is self.compare_with:
            self.compare_with = None
        self.session = self.session.without_version(index)
        self._show_comparison()

    def _on_versions_panel_version_edited(self, index: int, version) -> None:
        was = self.session.versions[index]
        self.settings.setValue(_version_key(was.info), json.dumps(version.as_json(), ensure_ascii=False))
        before = self.session
        self.session = self.session.with_version(index, version)
        self._rebind_prepared(before)
        if self.compare_with is was:
            self.compare_with = self.session.versions[index]
        self._show_comparison()

    def _recall_version(self) -> None:
        """The version the official named for this plan file before (kept in the settings by file content)."""
        index = self.session.in_force
        stored = self.settings.value(_version_key(self.session.plan.info)) if index is not None else None
        if not stored:
            return
        try:
            values = json.loads(str(stored))
        except ValueError:
            return
        version = PlanVersion(**{k: str(values.get(k) or "") for k in ("label", "approval_number", "approval_date")})
        self.session = self.session.with_version(index, version)

    def _show_comparison(self) -> None:
        """The versions table, the changes panel and the map's layer of changed parcels, as the session has them."""
        session = self.session
        compared = next((k for k, v in enumerate(session.versions) if v is self.compare_with), None)
        self.versions_panel.set_versions(session.versions, session.in_force, compared)
        self._update_versions_dock()
        comparison = session.comparison
        prepared = self._current_prepared()
        made = prepared is not None and comparison is not None and prepared.comparison is comparison
        self.changes.set_comparison(comparison, session.plan, prepared.change_rows if made else None)
        self.canvas.remove_layer(CHANGES_LAYER)
        self._change_ids = {}
        if comparison is not None and prepared is not None and prepared.comparison is comparison:
            if prepared.changes is not None:  # made in the worker
                self.canvas.set_prepared_layer(CHANGES_LAYER, prepared.changes)
                self._change_ids = prepared.change_ids
                keys = [k for k in self.canvas.layer_keys() if k != CHANGES_LAYER]
                above = [k for k in keys if k in ("buildings", "lines", "green")]
                self.canvas.set_layer_order(above + [CHANGES_LAYER] + [k for k in keys if k not in above])
        elif comparison is not None and session.plan is not None:
            (new, new_classes, new_ids), (old, old_classes, old_ids) = change_geometry(comparison, session.plan)
            classes = np.concatenate([new_classes, old_classes])
            ids = np.concatenate([new_ids, old_ids]).astype(object)
            if len(classes):
                aligned = np.concatenate(in_display_crs(session, [(session.plan.crs, new),
                                                                  (comparison.other.crs, old)]))
                self.canvas.set_layer(CHANGES_LAYER, aligned, CHANGE_STYLES, classes=classes, labels=ids,
                                      title=self.tr("Plan changes"))
                self._change_ids = {str(i): k for k, i in reversed(list(enumerate(ids.tolist())))}
                keys = [k for k in self.canvas.layer_keys() if k != CHANGES_LAYER]
                above = [k for k in keys if k in ("buildings", "lines", "green")]
                self.canvas.set_layer_order(above + [CHANGES_LAYER] + [k for k in keys if k not in above])
        self.layer_panel.set_layers(self._panel_rows())
        self._update_legend()

    def _on_changes_parcel_selected(self, parcel_id: str) -> None:
        row = self.plan_row(parcel_id)
        if row is not None:
            self.canvas.set_selection("plan", [row])
            self.canvas.set_highlight("", [])
            self.canvas.zoom_to_selection()
            self.inspector.show_parcel(self.session.result, parcel_id)
            self._show_inspector()
            return
        feature = self._change_ids.get(parcel_id)  # a parcel the version in force no longer has
        if feature is not None and CHANGES_LAYER in self.canvas.layer_keys():
            self.canvas.set_selection(CHANGES_LAYER, [feature])
            self.canvas.set_highlight("", [])
            self.canvas.zoom_to_selection()

    def _on_runner_failed(self, role: str, error: object) -> None:
        if isinstance(error, InputError) and error.code == "fields_unrecognised":
            if self._ask_mapping(error):
                return  # retried with the mapping
            # The dialog was cancelled: say what to do here, in the window (not "--mapping", which is the CLI's).
            error = InputError("fields_unrecognised_window", **error.details)
        self._end_round(self._show_error(error))

    def _on_runner_cancelled(self) -> None:
        self._end_round(self.tr("Cancelled; the previous result is kept."))

    def _end_round(self, status: str = "") -> None:
        self._show_busy(bool(self._jobs))
        background_work(bool(self._jobs) or bool(self._pending))
        if self._pending:
            pending, self._pending = self._pending, []
            self._start(pending)
            return
        self.stage_label.setText(status)
        self.checkFinished.emit()

    def _ask_mapping(self, error: InputError) -> bool:
        path, layer, role = error.details.get("path"), error.details.get("layer"), error.details.get("role")
        if not (path and layer and role):
            return False
        columns = self._columns(path, layer)
        dialog = FieldMappingDialog(path, layer, role, self, lang=self.lang,
                                    initial=self.mapping_memory.recall(role, columns))
        if dialog.exec() != FieldMappingDialog.DialogCode.Accepted:
            return False
        mapping = dialog.mapping()
        self.mapping_memory.remember(role, columns, mapping)
        retry = LoadRequest(role, path, layer, {role: mapping})
        QTimer.singleShot(0, lambda: self._start([retry]))
        return True

    def _show_error(self, error: object) -> str:
        """Tell the user what could not be loaded (a dialog, or the status bar when quiet); returns the text."""
        if isinstance(error, InputError):
            text = error_message(error.code, error.details, self.lang)
        else:
            log.error("unexpected error while loading or checking", exc_info=error)  # type: ignore[arg-type]
            text = error_message("unexpected", {"error": f"{type(error).__name__}: {error}"}, self.lang)
        if not self.property("quiet_errors"):  # screenshots and tests set it: no modal dialog
            QMessageBox.warning(self, self.tr("Cannot load"), text)
        return text

    # --- showing ---------------------------------------------------------------------------------

    def _show_layers(self, roles: list[str]) -> None:
        prepared = self._prepared
        before = self.canvas.layer_keys()
        fresh = not before
        added = []
        if prepared is not None:  # made in the worker: installed here
            for role in DRAW_ORDER:
                if role in roles and role in prepared.layers:
                    if role not in before:
                        added.append(role)
                    self.canvas.remove_layer(role)
                    self.canvas.set_prepared_layer(role, prepared.layers[role])
            roles = []
        geometry = display_geometry(self.session) if roles else {}
        titles = self._titles()
        for role in DRAW_ORDER:  # drawn bottom to top
            if role in roles and role in geometry:
                if role not in before:
                    added.append(role)
                self.canvas.remove_layer(role)
                styles = {"plan": PARCEL_STYLES, "buildings": BUILDING_STYLES, "green": GREEN_STYLES,
                          "lines": LINE_STYLES}[role]
                # Parcels by their ids, buildings by their numbers (楼号) once they are big enough on screen.
                labels = self.session.layers[role].ids if role in ("plan", "buildings") else None
                classes = self.session.lines.kinds if role == "lines" else None
                self.canvas.set_layer(role, geometry[role], styles, classes=classes, labels=labels,
                                      title=titles[role])
        # A reloaded layer (another plan version) keeps its place in the user's order; a new one goes where it
        # belongs (lines below the buildings), not simply on top.
        order = [k for k in before if k in self.canvas.layer_keys()]
        for role in added:
            order = with_new_layer(order, role)
        self.canvas.set_layer_order(order)
        self._update_legend()
        if fresh or "plan" in roles:
            self.canvas.zoom_to_all()

    def _update_legend(self) -> None:
        """The legend of what is drawn: in the Layers panel, and on the map when asked (View > Legend on the map)."""
        styled = self._parcel_legend() + [(style, tr(symbol.legend, self.lang)) for style, symbol in (
            *((BUILDING_STYLES[k], s) for k, s in BUILDING_SYMBOLS.items()),
            (GREEN_STYLES[0], GREEN_SYMBOL))]
        comparison = self.session.comparison
        if comparison is not None:
            present = set(np.asarray(comparison.changes.new_kind).tolist()) | (
                {"removed"} if len(comparison.changes.removed_rows) else set())
            names = self._change_names()
            styled += [(CHANGE_STYLES[k], names[kind]) for k, kind in enumerate(CHANGE_KINDS) if kind in present]
        lines = self.session.lines
        if lines is not None:
            for kind in sorted(set(np.asarray(lines.kinds).tolist()) - {-1}):
                styled.append((LINE_STYLES[kind], tr(CONTROL_SYMBOLS[KINDS[kind]].legend, self.lang)))
        styled += sunlight_layer.legend(self) if hasattr(self, "sunlight_box") else []  # sunlight (issue 16)
        self.canvas.set_legend([(style.fill if style.fill is not None else style.stroke, text)
                                for style, text in styled])
        self.layer_panel.set_legend([LegendEntry(text, style.fill, style.stroke, style.stroke_width,
                                                 "dashdot" if style.dash_dot else "dash" if style.dashed else "")
                                     for style, text in styled])

    # --- the map's tools and the parcels' colours ---------------------------------------------------

    def _build_map_tools(self) -> None:
        """The map toolbar (planner.gui.map_tools) above the map, its tools and colour views in the View menu."""
        self.map_tools = MapToolbar(self.canvas, self.lang, self)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.map_tools.toolbar)
        self.map_tools.parcelViewChanged.connect(self._on_map_tools_parcel_view_changed)
        self.canvas.featureClicked.connect(self._on_canvas_feature_identified)
        self.measure_label = QLabel(self)  # "Length 12.00 m (last segment 5.00 m)"
        self.statusBar().addWidget(self.measure_label)
        for name in ("measure", "measure_area"):
            self.map_tools.tool(name).measured.connect(self.measure_label.setText)
        self.view_menu.addSeparator()
        tools = self.view_menu.addMenu(tr(MAP_TOOLBAR, self.lang))
        tools.addActions([self.map_tools.actions[name] for name in (*MAP_TOOLS, "zoom_all")])
        self.view_menu.addActions([self.map_tools.actions["status_view"], self.map_tools.actions["land_use_view"]])

    def parcel_view(self) -> str:
        """How parcels are coloured: "status" (the check's verdict, the default) or "land_use"."""
        tools = getattr(self, "map_tools", None)
        return tools.parcel_view() if tools is not None else "status"

    def _on_map_tools_parcel_view_changed(self, _view: str) -> None:
        if self.session.plan is not None and "plan" in self.canvas.layer_keys():
            self._apply_parcel_colours()
        self._update_legend()

    def _land_use_styles(self) -> tuple[dict[int, LayerStyle], list]:
        """The land-use classes' styles (the unknown class last) and the classes, from the one colour table."""
        table = land_use_colours()
        classes = [*table.classes, table.unknown]
        return {k: _layer_style(c.symbol) for k, c in enumerate(classes)}, classes

    def _apply_parcel_colours(self) -> None:
        """Colour the parcels by status or by land use, as the toolbar says."""
        if self.parcel_view() == "land_use":
            styles, classes = self._land_use_styles()
            found = land_use_colours().classes_of(self.session.plan.land_use)
            self.canvas.set_styles("plan", styles)
            self.canvas.set_classes("plan", np.where(found < 0, len(classes) - 1, found))
        else:
            self.canvas.set_styles("plan", PARCEL_STYLES)
            self.canvas.set_classes("plan", parcel_classes(self.session))

    def _parcel_legend(self) -> list:
        """The parcels' legend entries: every status, or the land-use classes the plan has, in legend order."""
        if self.parcel_view() != "land_use":
            return [(PARCEL_STYLES[k], tr(s.legend, self.lang)) for k, s in PARCEL_SYMBOLS.items()]
        if self.session.plan is None:
            return []
        styles, classes = self._land_use_styles()
        found = land_use_colours().classes_of(self.session.plan.land_use)
        present = set(np.where(found < 0, len(classes) - 1, found).tolist())
        return [(styles[k], c.legend(self.lang)) for k, c in enumerate(classes) if k in present]

    def _on_canvas_feature_identified(self, key: str, index: int) -> None:
        """The identify tool: the picked feature's attributes beside the click (it is selected as well)."""
        if self.map_tools.current() == "identify":
            self.map_tools.show_identified(identify_text(self.session, self.canvas, key, index, self.lang))

    def _change_names(self) -> dict[str, str]:
        """Legend names of the kinds of plan change (planner.gui.changes_panel.CHANGE_KINDS)."""
        return {"changed": self.tr("Parcel changed by the amendment"), "renamed": self.tr("Parcel renamed"),
                "split": self.tr("Parcel split"), "merged": self.tr("Parcels merged"),
                "added": self.tr("Parcel added"), "removed": self.tr("Parcel removed (old version)")}

    def _on_legend_action_toggled(self, shown: bool) -> None:
        self.canvas.set_legend_visible(shown)
        self.settings.setValue("map/legend_on_map", "true" if shown else "false")

    def _setback_segments(self) -> list:
        """The measured segments of the setback findings, with their distances, for the map."""
        result = self.session.result
        if result is None:
            return []
        segments = []
        for violation in result.violations:
            segment = violation.details.get("segment") if violation.rule == "setback" else None
            if segment:
                distance = violation.details.get("distance")
                label = f"{distance:.2f} m" if isinstance(distance, (int, float)) else ""
                segments.append((segment, label))
        return segments

    def _refresh_segments(self) -> None:
        """Setback segments show while the control lines do."""
        shown = "lines" in self.canvas.layer_keys() and self.canvas.is_layer_visible("lines")
        self.canvas.set_overlay_segments(self._setback_segments() if shown else [])

    def _on_layer_panel_visibility_changed(self, key: str, _visible: bool) -> None:
        if key == "lines":
            self._refresh_segments()

    def _refresh_after_check(self) -> None:
        prepared = self._current_prepared()
        for role in ("plan", "buildings"):
            if self.session.layers.get(role) is None or role not in self.canvas.layer_keys():
                continue
            if prepared is not None and role in prepared.layers:
                if self.canvas.prepared_layer(role) is not prepared.layers[role]:
                    self.canvas.set_prepared_layer(role, prepared.layers[role])
            else:
                self.canvas.set_classes(role, _classes(self.session)[role])
        if self.session.plan is not None and self.parcel_view() == "land_use":
            self._apply_parcel_colours()  # the worker classed the parcels by status; this view colours by land use
        result = self.session.result
        self.findings.set_result(result, prepared.table if prepared is not None else None)
        self._refresh_segments()
        self._update_legend()
        self.inspector.set_building_rows(result, prepared.building_rows if prepared is not None else None)
        self.inspector.show_parcel(result, None)
        self.crs_label.setText(result.crs if result is not None else "")
        self.layer_panel.set_layers(self._panel_rows())
        for action in self.result_actions:
            action.setEnabled(result is not None)
        self._show_comparison()
        sunlight_layer.refresh(self)  # sunlight (issue 16)
        self._update_legend()  # sunlight (issue 16): with the layers refresh() drew
        self._open_review()
        self._show_review_state()

    def _titles(self) -> dict[str, str]:
        return {"plan": self.tr("Plan parcels"), "buildings": self.tr("Scheme buildings"),
                "green": self.tr("Scheme green areas"), "lines": self.tr("Control lines"),
                CHANGES_LAYER: self.tr("Plan changes")}

    def _panel_rows(self) -> list:
        titles = self._titles()
        comparison = self.session.comparison
        infos = {**{k: v.info for k, v in self.session.layers.items()},
                 **({CHANGES_LAYER: comparison.other.info} if comparison is not None else {})}
        sunlight_layer.panel_rows(self, titles, infos)  # sunlight (issue 16)
        return [(key, titles.get(key, key), infos[key], self.canvas.is_layer_visible(key))
                for key in self.canvas.layer_keys() if key in infos]

    # --- review notes and outputs -------------------------------------------------------------------

    def _open_review(self) -> None:
        """The review saved next to the scheme's buildings file, when the scheme changed: another file, or the same
        file with other content (the review is then checked against it again, as on opening)."""
        buildings = self.session.buildings
        store = self.review_store
        if buildings is None:
            if store.path is not None:
                self._save_review()
                store.close()
                self.review_panel.set_review(Review())
                self.review_panel.set_notice("")
            return
        scheme = scheme_of({role: self.session.layers[role].info for role in SCHEME_ROLES
                            if role in self.session.layers})
        if self.review_file_for(buildings.info.path) == store.path and store.accepts(scheme):
            store.bind(scheme)  # green areas loaded since: the review records them too
            return
        self._save_review()  # under the scheme it was written for
        self.review_panel.set_notice("")
        try:
            review = store.open_for(buildings.info.path, scheme, at=self.review_file_for(buildings.info.path))
        except ReviewForAnotherScheme as other:
            review = self._take_over_review(other, scheme)
        except InputError as exc:
            self._show_error(exc)
            review = Review()
        else:
            if store.notices:
                self._show_review_notice("\n\n".join(notice_message(n.code, n.details, self.lang)
                                                      for n in store.notices))
        if not review.reviewer:
            review = review.with_reviewer(str(self.settings.value("report/reviewer", "")))
        self.review_panel.set_review(review)
        self._show_review_state()

    def review_file_for(self, scheme_path: str) -> Path:
        """Where the review of a scheme is kept: beside it (planner.review.review_path), except for the bundled
        sample, whose folder belongs to the installation (read-only when installed, the source tree otherwise): its
        review goes to the user's data folder, so opening the sample never writes into sample_plans/."""
        beside = review_path(scheme_path)
        try:
            bundled = Path(scheme_path).resolve().is_relative_to(sample_path().resolve())
        except OSError:
            bundled = False
        if not bundled:
            return beside
        folder = self.sample_review_folder()
        folder.mkdir(parents=True, exist_ok=True)
        return folder / beside.name

    @staticmethod
    def sample_review_folder() -> Path:
        """The user's data folder for the reviews of the bundled sample (QStandardPaths.AppDataLocation)."""
        location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
        return Path(location or Path.home() / ".planner") / "sample_reviews"

    def _take_over_review(self, other: ReviewForAnotherScheme, scheme: dict) -> Review:
        """A review file written for another scheme: never applied as it is. The official imports its notes to
        review them again (no approved exception carried over) or starts a fresh review; the other review's file
        is kept aside either way."""
        imported = self.ask_review_of_another_scheme(other)
        review = other.review.to_review_again() if imported else Review()
        try:
            kept = self.review_store.take_over(other, scheme, review)
        except OSError as exc:
            self.review_store.close()
            self._show_error(InputError("output_unwritable", path=exc.filename or str(other.path),
                                        error=exc.strerror or str(exc)))
            return review
        self._show_review_notice(notice_message("review_imported" if imported else "review_fresh",
                                                {"kept": str(kept)}, self.lang))
        return self.review_store.review

    def ask_review_of_another_scheme(self, other: ReviewForAnotherScheme) -> bool:
        """Ask whether to import the notes of a review written for another scheme (True) or start a fresh review
        (False; also what closing the question means)."""
        notes = other.review.notes.values()
        box = QMessageBox(QMessageBox.Icon.Question, tr(REVIEW_OTHER_TITLE, self.lang),
                          notice_message(other.code, other.details, self.lang), parent=self)
        box.setInformativeText(notice_message("review_import_question", {
            "count": len(notes), "accepted": sum(1 for n in notes if n.accepted),
            "kept": str(archive_path(other.path, other.review.scheme))}, self.lang))
        import_button = box.addButton(tr(REVIEW_IMPORT_BUTTON, self.lang), QMessageBox.ButtonRole.AcceptRole)
        fresh_button = box.addButton(tr(REVIEW_FRESH_BUTTON, self.lang), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(import_button)
        box.setEscapeButton(fresh_button)
        box.exec()
        return box.clickedButton() is import_button

    def _show_review_notice(self, text: str) -> None:
        """A notice about the review file, shown above the notes, with the review dock brought forward."""
        self.review_panel.set_notice(text)
        self.review_dock.show()
        self.review_dock.raise_()

    def _on_review_panel_review_changed(self) -> None:
        self._save_review()
        self._show_review_state()

    def _show_review_state(self) -> None:
        """Each finding's review state in the table and the inspector, and how many violations are reviewed in the
        status bar."""
        review = self.review_panel.review()
        self.findings.set_review(review)
        self.inspector.set_review(review)
        reviewed, total = self.findings.model.review_counts()
        self.review_label.setText(self.tr("{reviewed} of {total} violations reviewed").format(
            reviewed=reviewed, total=total) if total else "")
        self._refresh_review_marks()

    def review_marks(self) -> tuple[dict[int, str], dict[int, str]]:
        """Map markers of what is reviewed: (plan row -> state, buildings row -> state). A building is marked when
        every finding naming it is reviewed; a parcel when every finding about the parcel itself (no building of
        its own) is. The state is "accepted" when all of them are accepted as exceptions, else "noted"."""
        prepared = self._current_prepared()
        if prepared is not None and len(prepared.mark_rows) == len(self.findings.model.findings()):
            return self._review_marks_of(prepared)
        by_parcel: dict[str, list[str]] = {}
        by_building: dict[str, list[str]] = {}
        model = self.findings.model
        for finding, state in zip(model.findings(), model.review_states()):
            if finding.building is not None:
                by_building.setdefault(str(finding.building), []).append(state)
            elif finding.parcel is not None:
                by_parcel.setdefault(str(finding.parcel), []).append(state)

        def mark(states: list[str]) -> str | None:
            if "open" in states:
                return None
            return "accepted" if all(s == "accepted" for s in states) else "noted"

        parcels: dict[int, str] = {}
        for parcel_id, states in by_parcel.items():
            row = self.plan_row(parcel_id)
            if row is not None and (state := mark(states)):
                parcels[row] = state
        buildings: dict[int, str] = {}
        for building_id, states in by_building.items():
            if state := mark(states):
                for row in self.building_rows(building_id):
                    buildings[row] = state
        return parcels, buildings

    def _review_marks_of(self, prepared: Prepared) -> tuple[dict[int, str], dict[int, str]]:
        """review_marks from the worker's per-finding arrays: counts per parcel row and per building, in numpy."""
        states = self.findings.model.review_state_codes()  # 0 open, 1 noted, 2 accepted
        if not states.any():
            return {}, {}

        def marks(groups: np.ndarray) -> dict[int, str]:
            chosen = groups >= 0
            g, s = groups[chosen], states[chosen]
            if not len(g):
                return {}
            size = int(g.max()) + 1
            present = np.bincount(g, minlength=size) > 0
            reviewed = present & (np.bincount(g, weights=s == 0, minlength=size) == 0)
            accepted = reviewed & (np.bincount(g, weights=s != 2, minlength=size) == 0)
            return {int(k): "accepted" if accepted[k] else "noted" for k in np.flatnonzero(reviewed).tolist()}

        parcels = marks(prepared.mark_rows)
        buildings: dict[int, str] = {}
        for group, state in marks(prepared.mark_building).items():
            for row in prepared.building_rows.get(prepared.mark_buildings[group], ()):
                buildings[row] = state
        return parcels, buildings

    def _refresh_review_marks(self) -> None:
        """Reviewed parcels and buildings carry a badge on the map (a thin overlay, like the setback segments)."""
        parcels, buildings = self.review_marks()
        self.canvas.set_review_marks("plan", parcels)
        self.canvas.set_review_marks("buildings", buildings)

    def _save_review(self) -> None:
        if self.review_store.path is None:
            return
        review = self.review_panel.review()
        try:
            self.review_store.save(review)
        except OSError as exc:
            self._show_error(InputError("output_unwritable", path=str(self.review_store.path), error=str(exc)))
        if review.reviewer:
            self.settings.setValue("report/reviewer", review.reviewer)

    def report_meta(self):
        from planner.report.document import ReportMeta

        layers = self.session.layers
        return ReportMeta(authority=str(self.settings.value("report/authority", "")),
                          scheme_name=Path(layers["buildings"].info.path).stem if "buildings" in layers else "",
                          plan_name=Path(layers["plan"].info.path).stem if "plan" in layers else "",
                          reviewer=self.review_panel.review().reviewer)

    def _ask_output(self, title: str, suffix: str, name_filter: str) -> str | None:
        start = Path(str(self.settings.value("last_directory", str(Path.home()))))
        stem = Path(self.session.buildings.info.path).stem if self.session.buildings is not None else "planner"
        path, _ = QFileDialog.getSaveFileName(self, title, str(start / f"{stem}{suffix}"), name_filter)
        return path or None

    def _write(self, write, path: str) -> bool:
        """Write an output in the background (Job): the window stays usable, with progress and Cancel in the status
        bar; `exportFinished(path, ok)` tells when it is written. Returns whether it was started."""
        existed = Path(path).exists()
        job = Job(lambda: write(path), self, abandoned=lambda: _remove_unfinished(path, existed))
        self._jobs.append(job)
        self.stage_label.setText(self.tr("Writing {path}…").format(path=path))
        self._show_busy(True)

        def ended(ok: bool, error: object = None, cancelled: bool = False) -> None:
            if job in self._jobs:
                self._jobs.remove(job)
            self._show_busy(bool(self._jobs) or self.runner.is_running())
            background_work(bool(self._jobs) or self.runner.is_running())
            if cancelled:
                self.stage_label.setText(self.tr("Cancelled; the previous result is kept."))
            elif error is not None:
                if isinstance(error, InputError):
                    self._show_error(error)
                elif isinstance(error, OSError):
                    self._show_error(InputError("output_unwritable", path=path, error=error.strerror or str(error)))
                else:
                    self._show_error(error)
            else:
                self.stage_label.setText(self.tr("Written: {path}").format(path=path))
            self.exportFinished.emit(path, ok)

        job.finished.connect(lambda _value: ended(True))
        job.failed.connect(lambda error: ended(False, error))
        job.cancelled.connect(lambda: ended(False, cancelled=True))
        background_work(True)
        job.start()
        return True

    def _show_busy(self, busy: bool) -> None:
        """The status bar's progress and Cancel while a check or an export runs (an export: no percentage)."""
        if busy and not self.runner.is_running():
            self.progress.setRange(0, 0)
        elif not busy or self.runner.is_running():
            self.progress.setRange(0, 100)
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)

    def _cancel(self) -> None:
        """Cancel: the check under way, else the exports under way."""
        if self.runner.is_running():
            self.runner.cancel()
            return
        for job in list(self._jobs):
            job.cancel()

    def wait_for_exports(self, timeout: float | None = None) -> bool:
        """Wait for the exports under way to be written (closing the window, tests); True when all ended."""
        return all(job.wait(timeout) for job in list(self._jobs))

    def export_pdf(self, path: str | None = None) -> bool:
        from planner.report.document import write_pdf

        path = path or self._ask_output(self.tr("Export report"), "_report.pdf", "PDF (*.pdf)")
        result, layers, meta, review = self.session.result, dict(self.session.layers), self.report_meta(), \
            self.review_panel.review()
        verdicts, lang = self._verdicts(), self.lang
        return bool(path) and self._write(lambda p: write_pdf(result, layers, meta, p, lang, review, verdicts), path)

    def export_xlsx(self, path: str | None = None) -> bool:
        from planner.report.exports import write_xlsx

        path = path or self._ask_output(self.tr("Export spreadsheet"), "_findings.xlsx", "Excel (*.xlsx)")
        result, review, lang = self.session.result, self.review_panel.review(), self.lang
        table = self.findings.model.table  # its sentences are reused (read in the job: ~10^5 of them in a city)
        return bool(path) and self._write(
            lambda p: write_xlsx(result, p, lang, review, table.violation_messages(result, lang)), path)

    def export_gpkg(self, path: str | None = None) -> bool:
        from planner.report.exports import write_findings_gpkg

        path = path or self._ask_output(self.tr("Export findings"), "_findings.gpkg", "GeoPackage (*.gpkg)")
        result, plan, buildings, review, lang = (self.session.result, self.session.plan, self.session.buildings,
                                                 self.review_panel.review(), self.lang)
        table = self.findings.model.table
        return bool(path) and self._write(
            lambda p: write_findings_gpkg(result, plan, buildings, p, lang, review,
                                          table.violation_messages(result, lang)), path)

    def report_document(self):
        from planner.report.document import build_document

        return build_document(self.session.result, self.session.layers, self.report_meta(), self.lang,
                              self.review_panel.review(), self._verdicts())

    def _verdicts(self):
        """The findings that depend on the plan version, for the report, while comparing."""
        comparison = self.session.comparison
        return comparison.verdicts if comparison is not None else None  # None too without a scheme

    def print_report(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from planner.report.pages import print_document

        from planner.report.document import build_document

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec() != QPrintDialog.DialogCode.Accepted:
            return
        result, layers, meta, review = self.session.result, dict(self.session.layers), self.report_meta(), \
            self.review_panel.review()
        verdicts, lang = self._verdicts(), self.lang
        # Built and painted onto the printer on a Job's thread (QPainter may paint a QPrinter from another thread).
        job = Job(lambda: print_document(build_document(result, layers, meta, lang, review, verdicts), printer), self)
        self._jobs.append(job)
        self.stage_label.setText(self.tr("Preparing the report…"))
        self._show_busy(True)

        def ended(error: object = None) -> None:
            if job in self._jobs:
                self._jobs.remove(job)
            self._show_busy(bool(self._jobs) or self.runner.is_running())
            background_work(bool(self._jobs) or self.runner.is_running())
            self.stage_label.setText(self._show_error(error) if error is not None else "")

        job.finished.connect(lambda _value: ended())
        job.failed.connect(ended)
        job.cancelled.connect(ended)
        background_work(True)
        job.start()

    def print_preview(self) -> None:
        """The print preview. Its pages (the report built, laid out and painted: the maps are the long part) are made
        on a Job's thread each time the preview asks for them, while the UI thread keeps handling events."""
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.preview = QPrintPreviewDialog(printer, self)
        self.preview.paintRequested.connect(lambda target: self.preview_painter(target))
        self.preview.exec()

    def preview_ready(self) -> bool:
        """No preview's pages are being made."""
        return not self._previewing

    def _paint_preview(self, target) -> None:
        """QPrintPreviewDialog.paintRequested: build and paint the report onto `target` on a Job's thread (QPainter
        may paint a QPrinter from another thread) and handle events meanwhile; return once the pages are painted,
        as the preview expects."""
        from PySide6.QtCore import QEventLoop

        from planner.report.document import build_document
        from planner.report.pages import print_document

        result, layers, meta, review = self.session.result, dict(self.session.layers), self.report_meta(), \
            self.review_panel.review()
        verdicts, lang = self._verdicts(), self.lang
        job = Job(lambda: print_document(build_document(result, layers, meta, lang, review, verdicts), target),
                  self)
        loop = QEventLoop()
        outcome: dict[str, object] = {}
        job.finished.connect(lambda _v: loop.quit())
        job.failed.connect(lambda error: (outcome.__setitem__("error", error), loop.quit()))
        self._jobs.append(job)
        self._previewing = True
        self.stage_label.setText(self.tr("Preparing the report…"))
        self._show_busy(True)
        background_work(True)
        job.start()
        try:
            loop.exec()
        finally:
            self._previewing = False
            self._jobs.remove(job)
            self._show_busy(bool(self._jobs) or self.runner.is_running())
            background_work(bool(self._jobs) or self.runner.is_running())
            self.stage_label.setText("")
        if "error" in outcome:
            self._show_error(outcome["error"])

    def edit_report_settings(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        current = str(self.settings.value("report/authority", ""))
        text, accepted = QInputDialog.getText(self, self.tr("Report settings"),
                                              self.tr("Authority named in the report's title:"), text=current)
        if accepted:
            self.settings.setValue("report/authority", text.strip())

    # --- linking map, findings and inspector -----------------------------------------------------

    def _on_findings_finding_selected(self, finding: Violation | CheckWarning) -> None:
        """Select what the finding is about on the map and zoom to it: a building finding selects its building and
        shows the parcels it stands on; a parcel's finding selects the parcel and outlines and numbers the
        buildings it is about (the ones above a height limit; every building of the parcel for FAR, density and
        green ratio). The inspector shows the parcel with those buildings selected."""
        session = self.session
        parcel_id, building_id = finding.parcel, finding.building
        own = self.building_rows(building_id)
        parcels = [row for p in finding_parcels(finding) if (row := self.plan_row(p)) is not None]
        about, labels = self.finding_building_rows(finding)
        if own and building_id is not None:  # the parcels it stands on, named by the finding or not
            parcels = list(dict.fromkeys([*parcels, *self.parcel_rows_of_buildings([building_id])]))
        include = self.canvas.feature_bounds("plan", parcels) if own and "plan" in self.canvas.layer_keys() else None
        if own:
            self.canvas.set_selection("buildings", own)
        else:
            self.canvas.set_selection("plan", parcels)
        self.canvas.set_highlight("buildings" if about else "", about, labels)
        segment = getattr(finding, "details", {}).get("segment") if getattr(finding, "rule", None) == "setback" \
            else None
        if segment:  # the building and the red line it stands too close to, with the measured distance between
            (x1, y1), (x2, y2) = segment
            include = _union(include, (min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)))
        # Room around what is selected: a parcel's neighbours, a building's parcels, keep their context.
        self.canvas.zoom_to_selection(include=include, margin=0.15 if own else 0.3)
        self.inspector.show_parcel(session.result, parcel_id or self._parcel_of_building(building_id), labels)
        self.review_panel.show_finding(finding)
        self._show_inspector()

    def finding_building_rows(self, finding: Violation | CheckWarning) -> tuple[list[int], list[str]]:
        """The rows (in the buildings layer) and ids of the buildings a finding is about: those it names, or, for a
        FAR, density or green-ratio finding, every building on its parcel."""
        session = self.session
        if session.buildings is None:
            return [], []
        named = finding_buildings(finding)
        rows = [row for b in named for row in self.building_rows(b)]
        result = session.result
        if not named and getattr(finding, "rule", None) in INDICATOR_RULES and result is not None:
            table = result.parcels
            at = np.flatnonzero(table.ids == finding.parcel)
            if len(at):
                lo, hi = int(table.building_offsets[at[0]]), int(table.building_offsets[at[0] + 1])
                rows = (table.building_rows[lo:hi].tolist() if len(table.building_rows) >= hi else
                        [row for b in dict.fromkeys(table.building_ids[lo:hi].tolist())
                         for row in self.building_rows(b)])
        rows = [row for row in dict.fromkeys(rows) if 0 <= row < len(session.buildings.ids)]
        return rows, [str(session.buildings.ids[row]) for row in rows]

    def _on_canvas_feature_clicked(self, key: str, index: int) -> None:
        if key == "plan" and self.session.plan is not None and index >= 0:
            parcel_id = str(self.session.plan.ids[index])
            self.canvas.set_selection("plan", [index])
            self.canvas.set_highlight("", [])
            self.findings.select_feature(parcel_id, None)
            self.inspector.show_parcel(self.session.result, parcel_id)
            self._show_inspector()
        elif key == "buildings" and self.session.buildings is not None and index >= 0:
            building_id = str(self.session.buildings.ids[index])
            self.canvas.set_selection("buildings", [index])
            self.canvas.set_highlight("buildings", [index], [building_id])
            self.findings.select_feature(None, building_id)
            self.inspector.show_parcel(self.session.result, self._parcel_of_building(building_id), [building_id])
            self._show_inspector()
        else:
            self.canvas.set_selection("", [])
            self.canvas.set_highlight("", [])
        sunlight_layer.clicked(self, key, index)  # sunlight (issue 16)

    def parcel_rows_of_buildings(self, building_ids) -> list[int]:
        """The plan rows of every parcel these buildings stand on (a crossing building: each of its parcels)."""
        result = self.session.result
        if result is None or self.session.plan is None:
            return []
        prepared = self._current_prepared()
        if prepared is not None:
            ids = dict.fromkeys(p for b in building_ids for p in prepared.building_parcels.get(str(b), ()))
        else:
            table = result.parcels
            hits = np.flatnonzero(np.isin(table.building_ids, [str(b) for b in building_ids]))
            at = np.searchsorted(table.building_offsets, hits, side="right") - 1
            ids = dict.fromkeys(str(table.ids[i]) for i in at.tolist())
        return [row for p in ids if (row := self.plan_row(p)) is not None]

    def plan_row(self, parcel_id: str | None) -> int | None:
        """The plan row of a parcel id (the first, if ids repeat): from the index made with the result."""
        prepared = self._current_prepared()
        if prepared is None or parcel_id is None:
            return parcel_row(self.session, parcel_id)
        return prepared.plan_rows.get(str(parcel_id))

    def building_rows(self, building_id: str | None) -> list[int]:
        """The rows of a building id in the buildings layer (ids may repeat)."""
        prepared = self._current_prepared()
        if prepared is None or building_id is None:
            return building_rows(self.session, building_id)
        return list(prepared.building_rows.get(str(building_id), ()))

    def _rebind_prepared(self, before: Session) -> None:
        """A plan version renamed (Session.with_version: the same features, another label) keeps the worker's
        indexes and layers."""
        prepared = self._prepared
        if prepared is None or prepared.result is not before.result or \
                any(before.layers.get(r) is not layer for r, layer in prepared.sources.items()):
            return
        prepared.result = self.session.result
        prepared.sources = {role: self.session.layers.get(role) for role in prepared.sources}
        if prepared.comparison is before.comparison:
            prepared.comparison = self.session.comparison

    def _current_prepared(self) -> Prepared | None:
        """The worker's indexes and layers when they were made for the session's layers and result."""
        prepared = self._prepared
        if prepared is None or prepared.result is not self.session.result:
            return None
        layers = self.session.layers
        if any(layers.get(role) is not layer for role, layer in prepared.sources.items()) or \
                any(role not in prepared.sources for role in layers):
            return None
        return prepared

    def zoom_to_selection(self) -> None:
        """View > Zoom to selection: the selected features, and for buildings the parcels they stand on too (a
        building alone would fill the map at 0.1 m/px and lose the parcels it crosses)."""
        key, rows = self.canvas.selection()
        include = None
        if key == "buildings" and self.session.buildings is not None and "plan" in self.canvas.layer_keys():
            ids = [self.session.buildings.ids[r] for r in rows if 0 <= r < len(self.session.buildings.ids)]
            include = self.canvas.feature_bounds("plan", self.parcel_rows_of_buildings(ids))
        self.canvas.zoom_to_selection(include=include, margin=0.15)

    def _parcel_of_building(self, building_id: str | None) -> str | None:
        result = self.session.result
        if result is None or building_id is None:
            return None
        prepared = self._current_prepared()
        if prepared is not None:
            return next(iter(prepared.building_parcels.get(str(building_id), ())), None)
        table = result.parcels
        hits = np.flatnonzero(table.building_ids == building_id)
        if not len(hits):
            return None
        parcel = np.searchsorted(table.building_offsets, hits[0], side="right") - 1
        return str(table.ids[parcel])

    def _on_canvas_cursor_moved(self, x: float, y: float) -> None:
        self.coordinates_label.setText(f"x {x:,.1f}  y {y:,.1f}")

    def _on_canvas_view_changed(self, metres_per_pixel: float) -> None:
        self.scale_label.setText(self.tr("{m:.2f} m/px").format(m=metres_per_pixel))

    def _on_layer_panel_zoom_requested(self, key: str) -> None:
        bounds = self.canvas.layer_bounds(key)
        if bounds is not None:
            self.canvas.zoom_to_bounds(*bounds)

    # --- files, recent files, drag and drop, layout -----------------------------------------------

    def _remember_recent(self, role: str, path: str, layer: str) -> None:
        entry = f"{role}|{path}|{layer}"
        recent = [e for e in self._recent() if e != entry]
        self.settings.setValue("recent_files", [entry, *recent][:MAX_RECENT])
        self._refresh_recent_menu()

    def _recent(self) -> list[str]:
        value = self.settings.value("recent_files", [])
        return [value] if isinstance(value, str) else list(value or [])

    def _refresh_recent_menu(self) -> None:
        self.recent_menu.clear()
        names = {"plan": self.tr("plan"), "buildings": self.tr("buildings"), "green": self.tr("green"),
                 "lines": self.tr("control lines")}
        for entry in self._recent():
            role, path, layer = (entry.split("|") + ["", "", ""])[:3]
            shown = f" [{layer}]" if layer else ""
            action = self.recent_menu.addAction(f"{names.get(role, role)}: {Path(path).name}{shown}")
            action.triggered.connect(lambda _c=False, r=role, p=path, n=layer: self.open_files([(r, p, n or None)]))
        self.recent_menu.setEnabled(bool(self._recent()))

    def dragEnterEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 (Qt override)
        files = []
        for url in event.mimeData().urls():
            files += self._roles_for_dropped(url.toLocalFile())
        if files:
            self.open_files(files)
        event.acceptProposedAction()

    def _roles_for_dropped(self, path: str) -> list[tuple[str, str, str | None]]:
        """A dropped scheme file may hold buildings and green layers, a control-lines file several line layers
        (all read together); anything else asks what it is."""
        try:
            layers = list_layers(Path(path))
        except InputError as exc:
            self._show_error(exc)
            return []
        found = [(role, path, name) for role in ROLES for name in layers if name_suggests(name, role)]
        if is_dxf(Path(path)):  # a drawing's CAD layers of one role (用地-R2, 用地-B1 …) load together
            found = [(role, path, ";".join(n for r, _p, n in found if r == role))
                     for role in ROLES if role != "lines" and any(r == role for r, _p, _n in found)]
        line_layers = [name for role, _p, name in found if role == "lines"]
        if len(line_layers) > 1:  # every line layer, loaded as one control-lines file
            found = [f for f in found if f[0] != "lines" and f[2] not in line_layers] + [("lines", path, None)]
        roles_found = {role for role, _p, _l in found}
        if found and len(found) == len(roles_found):
            return found
        role = self._ask_role(path)
        return [(role, path, None)] if role else []

    def _ask_role(self, path: str) -> str | None:
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("Load layer"))
        box.setText(self.tr("What does {name} hold?").format(name=Path(path).name))
        buttons = {box.addButton(self.tr("Plan parcels"), QMessageBox.ButtonRole.AcceptRole): "plan",
                   box.addButton(self.tr("Scheme buildings"), QMessageBox.ButtonRole.AcceptRole): "buildings",
                   box.addButton(self.tr("Scheme green areas"), QMessageBox.ButtonRole.AcceptRole): "green",
                   box.addButton(self.tr("Control lines"), QMessageBox.ButtonRole.AcceptRole): "lines"}
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return buttons.get(box.clickedButton())

    def _restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1400, 900)
        state = self.settings.value(STATE_KEY)
        # A layout saved under another layout version is under another key, so never restored here; a damaged one
        # is refused by restoreState. Either way the default layout stays.
        self._layout_checked = False
        if state is not None and not self.restoreState(state, WINDOW_STATE_VERSION):
            log.info("the saved window layout could not be restored; using the default layout")
            self.apply_default_layout()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if not self._layout_checked:
            self._layout_checked = True
            self.ensure_map_first()

    def ensure_map_first(self) -> bool:
        """A restored layout that leaves the map less than MAP_SHARE of the window's width (docks widened, floated
        back or stacked by an earlier run) is replaced by the default layout. Returns whether it was."""
        layout = self.layout()
        if layout is not None:
            layout.activate()
        if self.map_share() >= MAP_SHARE:
            return False
        log.info("the saved window layout left the map %d px of %d; using the default layout",
                 self.canvas.width(), self.width())
        self.reset_layout()
        if layout is not None:
            layout.activate()
        return True

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self.runner.shutdown()
        self.wait_for_exports()  # a file half written is worse than a window that takes a moment to close
        self._save_review()
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue(STATE_KEY, self.saveState(WINDOW_STATE_VERSION))
        super().closeEvent(event)


def _remove_unfinished(path: str, existed: bool) -> None:
    """A cancelled export that went on writing: its file goes, unless one was there before."""
    if not existed:
        Path(path).unlink(missing_ok=True)


def _classes(session: Session) -> dict[str, np.ndarray]:
    """The map classes of each layer: parcels and buildings by their verdicts, control lines by kind."""
    classes = {}
    if session.plan is not None:
        classes["plan"] = parcel_classes(session)
    if session.buildings is not None:
        classes["buildings"] = building_classes(session)
    if session.lines is not None:
        classes["lines"] = np.asarray(session.lines.kinds)
    return classes


def _union(a: tuple[float, float, float, float] | None,
           b: tuple[float, float, float, float] | None) -> tuple[float, float, float, float] | None:
    """The rectangle holding both (either may be None)."""
    if a is None or b is None:
        return a if b is None else b
    return min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])


def _scrolled(widget: QWidget) -> QScrollArea:
    """A panel that scrolls when its dock is shorter than the panel wants (the review's fields)."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(widget)
    return scroll


def with_new_layer(order_top_first: list[str], key: str) -> list[str]:
    """`order_top_first` with `key` placed just above the topmost layer that DRAW_ORDER draws below it."""
    rest = [k for k in order_top_first if k != key]
    rank = {k: i for i, k in enumerate(DRAW_ORDER)}  # bottom to top
    below = [i for i, k in enumerate(rest) if rank.get(k, len(rank)) < rank[key]]
    at = below[0] if below else len(rest)
    return rest[:at] + [key] + rest[at:]


def _version_key(info) -> str:
    """Settings key of a plan layer's named version: the file's content and the layer, not its path, so a copy
    keeps the name and an amended file does not inherit it."""
    digest = hashlib.sha256(f"{info.sha256}|{info.layer}".encode()).hexdigest()[:24]
    return f"plan_versions/{digest}"
