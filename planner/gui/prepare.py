"""What the window shows of a check, made in the worker after the check: the map's layers (Qt paths in tiles,
reclassed by the new verdicts), the findings table's arrays, and indexes from parcel and building ids to their
rows. The UI thread then only installs what was made here (MainWindow._on_runner_finished).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from planner.gui.finding_table import FindingTable
from planner.gui.map_canvas import LayerStyle, _Layer, prepare_layer
from planner.gui.session import Session, display_geometry, in_display_crs
from planner.model import CheckResult

__all__ = ["Prepared", "Preparer", "first_rows", "rows_by_id"]


def first_rows(ids: np.ndarray) -> dict[str, int]:
    """id -> its first row."""
    rows: dict[str, int] = {}
    for k, i in enumerate(np.asarray(ids).tolist()):
        rows.setdefault(str(i), k)
    return rows


def rows_by_id(ids: np.ndarray) -> dict[str, list[int]]:
    """id -> every row holding it (ids may repeat: a scheme with two 1#)."""
    rows: dict[str, list[int]] = {}
    for k, i in enumerate(np.asarray(ids).tolist()):
        rows.setdefault(str(i), []).append(k)
    return rows


@dataclass
class Prepared:
    """What the UI thread installs after a check round."""

    result: CheckResult | None
    table: FindingTable
    #: plan id -> first plan row; building id -> its rows in the buildings layer.
    plan_rows: dict[str, int] = field(default_factory=dict)
    building_rows: dict[str, list[int]] = field(default_factory=dict)
    #: building id -> the parcels (of the result) it stands on, the first first.
    building_parcels: dict[str, list[str]] = field(default_factory=dict)
    #: role -> the map layer to install (new geometry, or the shown one reclassed).
    layers: dict[str, _Layer] = field(default_factory=dict)
    #: the map's layer of changed parcels while comparing, with the id -> feature of each.
    changes: _Layer | None = None
    change_ids: dict[str, int] = field(default_factory=dict)
    #: the plan changes panel's rows (planner.gui.changes_panel.ChangeRows).
    change_rows: Any = None
    #: per finding (report order), what a review badge on the map stands for: the plan row of a finding about a
    #: parcel itself (-1: none), the index into `mark_buildings` of a finding naming a building of its own (-1).
    mark_rows: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    mark_building: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    mark_buildings: list[str] = field(default_factory=list)
    #: the comparison of plan versions this was made with (None: not comparing).
    comparison: Any = None
    #: the layers (by identity) this was made for.
    sources: dict[str, Any] = field(default_factory=dict)


@dataclass
class Preparer:
    """Called in the worker with (result, layers, comparison); made on the UI thread with what it needs of it."""

    lang: str
    styles: Mapping[str, dict[int, LayerStyle]]
    titles: Mapping[str, str]
    #: role -> (the layer object the map shows, the map's prepared layer) at the start of the round.
    shown: Mapping[str, tuple[Any, _Layer | None]]
    classes: Callable[[Session], dict[str, np.ndarray]]
    change_layer: Callable[[Any, Any], tuple] | None = None
    change_styles: dict[int, LayerStyle] | None = None
    change_title: str = ""
    #: ChangesPanel.rows: the plan changes panel's rows (it reads only its language and translations).
    change_rows: Callable[[Any, Any], Any] | None = None

    def __call__(self, result: CheckResult | None, layers: Mapping[str, Any], comparison: Any = None) -> Prepared:
        session = Session(layers=dict(layers), result=result)
        plan, buildings = session.plan, session.buildings
        prepared = Prepared(result, FindingTable(result, self.lang), sources=dict(layers), comparison=comparison)
        if plan is not None:
            prepared.plan_rows = first_rows(plan.ids)
        if buildings is not None:
            prepared.building_rows = rows_by_id(buildings.ids)
        if result is not None:
            table = result.parcels
            owner = np.searchsorted(table.building_offsets, np.arange(len(table.building_ids)), side="right") - 1
            parcels = prepared.building_parcels
            for building, parcel in zip(table.building_ids.tolist(), table.ids[owner].tolist()):
                listed = parcels.setdefault(str(building), [])
                if str(parcel) not in listed:
                    listed.append(str(parcel))
        findings = prepared.table.findings
        group: dict[str, int] = {}
        prepared.mark_building = np.fromiter(
            (-1 if f.building is None else group.setdefault(str(f.building), len(group)) for f in findings),
            np.int64, len(findings))
        prepared.mark_buildings = list(group)
        plan_rows = prepared.plan_rows
        prepared.mark_rows = np.fromiter(
            (-1 if f.building is not None or f.parcel is None else plan_rows.get(str(f.parcel), -1)
             for f in findings), np.int64, len(findings))
        classes = self.classes(session)
        fresh = [role for role in layers if self.shown.get(role, (None, None))[0] is not layers[role]
                 or self.shown[role][1] is None]
        geometry = display_geometry(session) if fresh else {}
        for role, layer in layers.items():
            if role not in self.styles:
                continue
            cls = classes.get(role)
            if role in fresh:
                if role not in geometry:
                    continue
                labels = layer.ids if role in ("plan", "buildings") else None
                made = prepare_layer(geometry[role], self.styles[role], classes=cls, labels=labels,
                                     title=self.titles.get(role, role))
            else:
                shown = self.shown[role][1]
                made = shown if cls is None or np.array_equal(cls, shown.classes) else shown.with_classes(cls)
            made.tree  # noqa: B018 (the picking index, built here rather than on the first click)
            prepared.layers[role] = made
        if comparison is not None and plan is not None and self.change_rows is not None:
            prepared.change_rows = self.change_rows(comparison, plan)
        if comparison is not None and plan is not None and self.change_layer is not None:
            (new, new_classes, new_ids), (old, old_classes, old_ids) = self.change_layer(comparison, plan)
            kinds = np.concatenate([new_classes, old_classes])
            ids = np.concatenate([new_ids, old_ids]).astype(object)
            if len(kinds):
                aligned = np.concatenate(in_display_crs(session, [(plan.crs, new), (comparison.other.crs, old)]))
                prepared.changes = prepare_layer(aligned, self.change_styles or {}, classes=kinds, labels=ids,
                                                 title=self.change_title)
                prepared.change_ids = {str(i): k for k, i in reversed(list(enumerate(ids.tolist())))}
        return prepared
