"""Control lines and protected zones (五线, 生态保护红线, 永久基本农田, 建筑控制线) and setbacks from road red lines.

Loading: `load_controls` reads a line/zone file (every layer of it that says what it holds) into a
`ControlLayer`; the kind of each feature comes from its kind field or, failing that, its layer's name, read
through `ControlTable` (resources/control_lines.toml, which also holds the setback table).

The checks against these layers are planner.checking.controls.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from planner.io.clean import clean, mostly_outside_crs
from planner.io.crs import check_declared, crs_label, reproject
from planner.io.frames import is_frame
from planner.io.gdal import list_layers, read_layer
from planner.io.layers import (
    Layer,
    field_map,
    nothing_usable,
    read_numbers,
    text_column,
    without_at_least,
)
from planner.io.raw import RawLayer
from planner.model import CheckWarning, InputError, InputInfo

if TYPE_CHECKING:
    from geopandas import GeoDataFrame

__all__ = ["KINDS", "ControlLayer", "ControlTable", "default_table", "load_controls"]

#: Kinds of control feature. The index of a kind is its id in ControlLayer.kinds (-1: unknown, not used).
KINDS: tuple[str, ...] = ("road_red_line", "green_line", "blue_line", "purple_line", "yellow_line",
                          "ecological_red_line", "basic_farmland", "building_line")
KIND_ID = {kind: k for k, kind in enumerate(KINDS)}
UNKNOWN = -1
ROAD = KIND_ID["road_red_line"]
BUILDING_LINE = KIND_ID["building_line"]
#: Kinds whose areas no building may stand in; the rule of a finding is the kind's id.
ZONE_KINDS = ("green_line", "blue_line", "purple_line", "yellow_line", "ecological_red_line", "basic_farmland")
PROTECTED_KINDS = ("ecological_red_line", "basic_farmland")
HEIGHT_CLASSES = ("multi_storey", "high_rise")
SOURCES = ("parcel", "line", "table")



# --- the table -------------------------------------------------------------------------------------------

_IGNORED = re.compile(r"[\s_\-·]+")


def normalise(text: object) -> str:
    """Text as compared with names and aliases: NFKC, case-folded, without spaces, "_", "-" or "·"."""
    return _IGNORED.sub("", unicodedata.normalize("NFKC", str(text)).casefold())


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    """Texts naming one of several ids: whole-text aliases, and names that may also stand inside a longer text."""

    exact: dict[str, str]
    #: (name, id), longest name first: the most specific name contained in a text wins.
    contained: tuple[tuple[str, str], ...]

    @classmethod
    def build(cls, entries: dict[str, dict[str, Any]], where: str, extra_names=lambda key, spec: ()) -> _Vocabulary:
        exact: dict[str, str] = {}
        contained: dict[str, str] = {}
        for key, spec in entries.items():
            names = [normalise(n) for n in (key, *spec.get("names", ()), *extra_names(key, spec))]
            for text in names + [normalise(a) for a in spec.get("aliases", ())]:
                if exact.get(text, key) != key:
                    raise ValueError(f"{where}{text!r} names both {exact[text]!r} and {key!r}")
                exact[text] = key
            for text in names:
                contained[text] = key
        ordered = sorted(contained.items(), key=lambda item: -len(item[0]))
        return cls(exact, tuple(ordered))

    def find(self, text: object) -> str | None:
        if text is None:
            return None
        key = normalise(text)
        if not key:
            return None
        if key in self.exact:
            return self.exact[key]
        return next((found for name, found in self.contained if name in key), None)


def _default_path() -> Path:
    from planner.resources import resource_path

    return Path(resource_path("control_lines.toml"))


@dataclass(frozen=True, slots=True, eq=False)
class ControlTable:
    """resources/control_lines.toml: kind and road-class vocabularies, the setback table, high-rise heights."""

    kinds: _Vocabulary
    road_classes: _Vocabulary
    #: road class id -> {"zh", "en"}, in file order.
    road_class_names: dict[str, dict[str, str]]
    #: road class id -> (multi-storey, high-rise) setback in metres.
    setbacks: dict[str, tuple[float, float]]
    high_rise_above: float
    high_rise_above_residential: float
    source: Path | None = None

    @classmethod
    def load(cls, path: str | Path | None = None) -> ControlTable:
        path = Path(path) if path is not None else _default_path()
        with path.open("rb") as handle:
            return cls.from_dict(tomllib.load(handle), path)

    @classmethod
    def from_dict(cls, data: dict[str, Any], source: Path | None = None) -> ControlTable:
        where = f"{source}: " if source else ""
        unknown = sorted(set(data.get("kinds", {})) - set(KINDS))
        if unknown:
            raise ValueError(f"{where}unknown kinds {unknown}; the kinds are {', '.join(KINDS)}")
        roads = data.get("road_classes", {})
        setbacks = {}
        for road, spec in roads.items():
            distances = spec.get("setback", {})
            try:
                setbacks[road] = (float(distances["multi_storey"]), float(distances["high_rise"]))
            except (KeyError, TypeError, ValueError):
                raise ValueError(f"{where}road class {road!r} needs setback = {{ multi_storey = m, high_rise = m }}"
                                 ) from None
        heights = data.get("heights", {})
        return cls(
            kinds=_Vocabulary.build(data.get("kinds", {}), where),
            road_classes=_Vocabulary.build(roads, where, lambda key, spec: (spec.get("zh", ""), spec.get("en", ""))),
            road_class_names={road: {"zh": spec.get("zh", road), "en": spec.get("en", road)}
                              for road, spec in roads.items()},
            setbacks=setbacks,
            high_rise_above=float(heights.get("high_rise_above", 24.0)),
            high_rise_above_residential=float(heights.get("high_rise_above_residential", 27.0)),
            source=source)

    def kind_of(self, text: object) -> str | None:
        """The kind a field value or layer name names ("道路红线", "城市绿线", "RED", "blue_line"), or None."""
        return self.kinds.find(text)

    def road_class_of(self, text: object) -> str | None:
        return self.road_classes.find(text)

    def road_class_name(self, road_class: str, lang: str) -> str:
        names = self.road_class_names.get(road_class)
        return road_class if names is None else names["zh" if lang == "zh" else "en"]


_TABLES: dict[Path | None, ControlTable] = {}


def default_table() -> ControlTable:
    """The shipped table, read once."""
    if None not in _TABLES:
        _TABLES[None] = ControlTable.load()
    return _TABLES[None]


# --- loading ---------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class ControlLayer(Layer):
    """Control features of one file, lines and polygons alike, in the file's CRS.

    `fields` is the field map of the first layer read; `info.layer` names every layer read, joined by ", ".
    """

    ids: np.ndarray  # str: the id (编号) or name (名称) field, else "<layer>#<fid>"
    kinds: np.ndarray  # int8 index into KINDS; -1 where the kind cannot be told (warned, not used)
    setback: np.ndarray  # the line's own setback (退让距离) in metres, NaN where not stated
    road_class: np.ndarray  # road class id of the setback table, None where absent or unknown
    layers: np.ndarray  # str: the layer each feature comes from


def load_controls(path: str | Path | GeoDataFrame, layer: str | None = None,
                  mapping: dict[str, dict[str, str]] | None = None, table: ControlTable | None = None) -> ControlLayer:
    """Read control lines and zones. Without `layer`, a file of several layers gives every layer whose name or
    kind field says what it holds (others are skipped with a warning; empty layers quietly).

    A GeoDataFrame is one layer (never modified): its kind field, else `layer` as its name, says the kind.
    """
    table = table or default_table()
    skipped: list[str] = []
    if is_frame(path):  # one layer: nothing to list (read_layer makes the RawLayer, as for every loader)
        raws = [read_layer(path, "lines", layer)]
        path = raws[0].path
    else:
        path = Path(path)
        names = list_layers(path, "lines")  # a DXF: the whole drawing, each CAD layer naming its kind
        if layer is not None or len(names) <= 1:
            raws = [read_layer(path, "lines", layer)]
        else:
            raws = _kind_layers(path, names, mapping, table, skipped)
    parts = [_load_layer(raw, mapping, table) for raw in raws]
    if not any(len(part["fids"]) for part in parts):  # every feature was left out: nothing to check against
        raise nothing_usable(raws[0].path, ", ".join(raw.layer for raw in raws), sum(len(raw.fields) for raw in raws),
                             [w for part in parts for w in part["geometry_warnings"]])
    crs = next((raw.crs for raw in raws if raw.crs is not None), None)
    geometries = []
    for raw, part in zip(raws, parts):
        geometry = part["geometry"]
        # Each layer against its own CRS before they are joined: after, a wrong one could not be named.
        check_declared(f"{path} [{raw.layer}]" if len(raws) > 1 else str(path), raw.crs, geometry)
        if crs is not None and raw.crs is not None and not raw.crs.equals(crs, ignore_axis_order=True):
            geometry = reproject(geometry, raw.crs, crs)
        geometries.append(geometry)
    warnings = [w for raw in raws for w in raw.warnings] + [w for part in parts for w in part["warnings"]]
    warnings += [CheckWarning("control_layer_skipped", None, None, {"path": path.name, "layer": name})
                 for name in skipped]
    first = raws[0]
    info = InputInfo(role="lines", path=str(path), layer=", ".join(raw.layer for raw in raws),
                     features=sum(len(raw.fields) for raw in raws), crs=crs_label(crs), sha256=first.sha256)

    def joined(key: str, dtype) -> np.ndarray:
        return np.concatenate([part[key] for part in parts]).astype(dtype)

    return ControlLayer(info=info, crs=crs, fids=joined("fids", np.int64),
                        geometry=np.concatenate(geometries).astype(object), fields=parts[0]["fields"],
                        warnings=tuple(warnings), ids=joined("ids", object), kinds=joined("kinds", np.int8),
                        setback=joined("setback", float), road_class=joined("road_class", object),
                        layers=joined("layers", object))


def _kind_layers(path: Path, names: list[str], mapping, table: ControlTable, skipped: list[str]) -> list[RawLayer]:
    """The layers of a file whose name or kind field says what they hold; the others' names go to `skipped`."""
    raws = []
    for name in names:
        try:
            raw = read_layer(path, "lines", name)
        except InputError as exc:
            if exc.code in ("empty_layer", "no_geometry"):
                continue
            raise
        fields = field_map(raw, "lines", mapping)
        if fields.get("kind") is None and table.kind_of(name) is None:
            skipped.append(name)
        else:
            raws.append(raw)
    if not raws:
        if not skipped:
            raise InputError("empty_layer", path=str(path), layer=", ".join(names))
        raise InputError("layer_ambiguous", path=str(path), role="lines", layers=", ".join(names))
    return raws


def _load_layer(raw: RawLayer, mapping, table: ControlTable) -> dict[str, Any]:
    fields = field_map(raw, "lines", mapping)
    frame = raw.fields
    n = len(frame)
    fids = frame.index.to_numpy()
    source = {"path": raw.path.name, "layer": raw.layer}
    fallback = np.array([f"{raw.layer}#{f}" for f in fids], dtype=object)
    id_column = fields.get("id") or fields.get("name")
    ids = fallback.copy()
    if id_column is not None:
        named = text_column(frame[id_column])
        ids = np.where(pd.isna(named), fallback, named).astype(object)
    def describe(i: int) -> tuple[None, None, dict]:
        return None, None, {**source, "fid": int(fids[i]), "line": ids[i]}

    # Mostly outside its CRS's area: the CRS is wrong, not the features (check_declared below says so once).
    crs = None if mostly_outside_crs(raw.geometry, raw.crs) else raw.crs
    geometry, kept, geometry_warnings = clean(raw.geometry, describe, lines=True, crs=crs,
                                              unusable="control_geometry_unusable", problems=raw.read_problems)
    warnings = list(raw.warnings) + geometry_warnings

    layer_kind = table.kind_of(raw.layer)
    kinds = np.full(n, KIND_ID[layer_kind] if layer_kind else UNKNOWN, dtype=np.int8)
    kind_column = fields.get("kind")
    texts = np.full(n, None, dtype=object)
    if kind_column is not None:
        texts = text_column(frame[kind_column])
        codes, values = pd.factorize(texts, use_na_sentinel=True)
        found = np.array([KIND_ID.get(table.kind_of(v), UNKNOWN) for v in values] + [UNKNOWN], dtype=np.int8)
        from_field = found[codes]
        kinds = np.where(from_field != UNKNOWN, from_field, kinds).astype(np.int8)
    unknown = kept & (kinds == UNKNOWN)
    if unknown.any():
        seen = [t for t in dict.fromkeys(texts[unknown].tolist()) if t]
        warnings.append(CheckWarning("control_kind_unknown", None, None, {
            **source, "field": kind_column or "-", "count": int(unknown.sum()), "lines": _listed(ids[unknown]),
            "texts": ", ".join(seen[:5]) + (" …" if len(seen) > 5 else "") or "-"}))

    setback = np.full(n, np.nan)
    setback_column = fields.get("setback")
    if setback_column is not None:
        values = frame[setback_column]
        if not pd.api.types.is_numeric_dtype(values.dtype):
            values = values.astype(object).map(without_at_least)  # "≥10m" as on parcels
        setback, bad = read_numbers(values, ("m", "米"))
        warnings.extend(CheckWarning("unreadable_line_value", None, None, {
            **source, "field": setback_column, "text": text, "line": ids[i]}) for i, text in bad if kept[i])
    road_class = np.full(n, None, dtype=object)
    class_texts = np.full(n, None, dtype=object)
    road_column = fields.get("road_class")
    if road_column is not None:
        class_texts = text_column(frame[road_column])
        codes, values = pd.factorize(class_texts, use_na_sentinel=True)
        road_class = np.array([table.road_class_of(v) for v in values] + [None], dtype=object)[codes]
    undecided = kept & (kinds == ROAD) & np.isnan(setback) & pd.isna(road_class)
    if undecided.any():
        seen = [t for t in dict.fromkeys(class_texts[undecided].tolist()) if t]
        warnings.append(CheckWarning("setback_unknown", None, None, {
            **source, "field": road_column or "-", "count": int(undecided.sum()), "lines": _listed(ids[undecided]),
            "texts": ", ".join(seen[:5]) + (" …" if len(seen) > 5 else "") or "-"}))
    return {"fields": fields, "fids": fids[kept], "geometry": geometry[kept], "ids": ids[kept],
            "kinds": kinds[kept], "setback": setback[kept], "road_class": road_class[kept],
            "layers": np.full(int(kept.sum()), raw.layer, dtype=object), "warnings": warnings,
            "geometry_warnings": geometry_warnings}


def _listed(ids: np.ndarray) -> str:
    shown = [str(i) for i in ids[:10].tolist()]
    return ", ".join(shown) + (" …" if len(ids) > 10 else "")
