"""Turning raw layers into checked inputs: plan parcels with limits, buildings, green areas."""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from pyproj import CRS

from planner.io import indicators
from planner.io.clean import clean, traces
from planner.io.crs import crs_label
from planner.io.fields import ALIASES, INDICATOR_TARGETS, FieldMap, recognise
from planner.io.gdal import read_layer
from planner.io.plan_version import read_version
from planner.io.raw import RawLayer
from planner.model import CheckWarning, InputError, InputInfo

if TYPE_CHECKING:
    from geopandas import GeoDataFrame


@dataclass(frozen=True, slots=True)
class Layer:
    """What every loaded layer has: provenance, geometry in its own CRS, feature ids, warnings."""

    info: InputInfo
    crs: CRS | None
    fids: np.ndarray
    geometry: np.ndarray
    fields: FieldMap
    warnings: tuple[CheckWarning, ...]


@dataclass(frozen=True, slots=True)
class PlanLayer(Layer):
    ids: np.ndarray  # str per parcel
    land_use: np.ndarray  # str or None per parcel
    #: indicator -> float arrays of lower / upper bounds, NaN where that side is not controlled.
    lower: dict[str, np.ndarray]
    upper: dict[str, np.ndarray]
    #: indicator -> the text as written, per parcel ("" where absent).
    texts: dict[str, np.ndarray]
    #: Each parcel's place in natural id order ("XG-2" before "XG-10"): results and reports follow it.
    rank: np.ndarray
    #: Metres a building must stand back from the road red line (退线距离), NaN where the plan does not say.
    setback: np.ndarray
    #: indicator -> per parcel: the limit is not known although the plan should say it (its cell could not be
    #: read, its bounds contradict each other, or the layer has no field for the indicator at all). Such an
    #: indicator is "not checked", never "not controlled" (docs/architecture.md §2.4).
    limit_unknown: dict[str, np.ndarray] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class BuildingLayer(Layer):
    ids: np.ndarray
    floors: np.ndarray  # above-ground storeys as stated (NaN: not stated)
    #: Sum of GB/T 50353 storey coefficients above ground: footprint x this = counted area. NaN: unknown.
    storey_factor: np.ndarray
    gfa: np.ndarray  # stated counted area, NaN where absent
    height: np.ndarray  # stated height, else sum of storey heights, else NaN
    use: np.ndarray  # str or None
    #: Where buildings stand that could not be measured (left out for their geometry, or drawn as a CAD outline
    #: that does not close), in the layer's CRS: FAR, density, height and land use are "not checked" there; None
    #: for one whose place cannot be told (it may stand on any parcel).
    unmeasured: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=object))


@dataclass(frozen=True, slots=True)
class GreenLayer(Layer):
    factor: np.ndarray
    #: Where green areas lie that could not be counted (left out for their geometry, drawn open, or with a factor
    #: that cannot be read), in the layer's CRS: the green ratio is "not checked" there (None: anywhere).
    unmeasured: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=object))


# --- geometry ------------------------------------------------------------------------------------

def _layer_polygons(raw: RawLayer, describe) -> tuple[np.ndarray, np.ndarray, list[CheckWarning]]:
    """The cleaned polygons of a layer; a layer left with no polygon at all cannot be checked."""
    geometry, kept, warnings = clean(raw.geometry, describe, crs=raw.crs, problems=raw.read_problems)
    if not kept.any():
        raise nothing_usable(raw.path, raw.layer, len(raw.geometry), warnings)
    return geometry, kept, warnings


def unmeasured(raw: RawLayer, geometry: np.ndarray, kept: np.ndarray) -> np.ndarray:
    """Where the features left out stand, and what was drawn but is no feature (planner.io.clean.traces)."""
    return np.concatenate([traces(raw.geometry, geometry, kept, raw.crs), raw.stray]).astype(object)


def nothing_usable(path: Path, layer: str, count: int, warnings: list[CheckWarning]) -> InputError:
    """The error for a layer none of whose `count` features can be used: it names the first and why."""
    if not warnings:
        return InputError("no_polygons", path=str(path), layer=layer)
    return InputError("nothing_usable", path=str(path), layer=layer, count=count, first=warnings[0])


# --- values --------------------------------------------------------------------------------------

def _is_blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, str) and value.strip() in {"", "—", "-", "－", "/", "／"}


BLANK_TEXTS = ("", "—", "-", "－", "/", "／")


_DIGITS = re.compile(r"(\d+)")


def natural_rank(ids: np.ndarray) -> np.ndarray:
    """The position of each id in natural order, where "XG-2" sorts before "XG-10"."""
    def key(text: str) -> list:
        parts: list = _DIGITS.split(text)
        parts[1::2] = map(int, parts[1::2])  # split() puts the digit runs at odd positions
        return parts

    order = sorted(range(len(ids)), key=lambda i: key(str(ids[i])))
    rank = np.empty(len(ids), dtype=np.int64)
    rank[order] = np.arange(len(ids))
    return rank


def text_column(column: pd.Series) -> np.ndarray:
    """A column as trimmed text per feature (None where blank)."""
    if pd.api.types.is_string_dtype(column.dtype) and not pd.api.types.is_object_dtype(column.dtype):
        text = column.str.strip()
        blank = text.isna() | text.isin(BLANK_TEXTS)
        result = text.to_numpy(dtype=object, na_value=None)
        result[blank.to_numpy()] = None
        return result
    # Numbers, dates and mixed object columns: convert each distinct value once.
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    texts = np.array([None if _is_blank(v) else _as_text(v) for v in uniques] + [None], dtype=object)
    return texts[codes]  # the NaN sentinel -1 picks the trailing None


def _ids(frame: pd.DataFrame, column: str | None, fids: np.ndarray) -> tuple[np.ndarray, list[int]]:
    """Feature ids as text; a feature without one is called "#<fid>". Returns ids and the positions lacking one."""
    if column is None:
        return np.array([f"#{f}" for f in fids], dtype=object), []
    ids = text_column(frame[column])
    lacking = np.flatnonzero(pd.isna(ids)).tolist()
    for i in lacking:
        ids[i] = f"#{fids[i]}"
    return ids, lacking


def _as_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


_NUMBER = re.compile(r"^[+]?(\d+(?:\.\d*)?|\.\d+)$")


def read_number(value: Any, units: tuple[str, ...] = ()) -> float | None:
    """A number from a numeric or text cell ("18", "18层", "18F", "45.5m"); None when blank; ValueError if junk."""
    if _is_blank(value):
        return None
    if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
        number = float(value)
    else:
        text = unicodedata.normalize("NFKC", str(value)).strip().replace(" ", "")
        for unit in units:
            if text.lower().endswith(unit):
                text = text[: -len(unit)]
                break
        if not _NUMBER.match(text):
            raise ValueError(str(value))
        number = float(text)
    if not math.isfinite(number) or number < 0:
        raise ValueError(str(value))
    return number


def read_numbers(column: pd.Series, units: tuple[str, ...] = ()) -> tuple[np.ndarray, list[tuple[int, str]]]:
    """A column as floats (NaN = blank), reading each distinct text once; also (position, text) of junk."""
    if pd.api.types.is_numeric_dtype(column.dtype) and not pd.api.types.is_bool_dtype(column.dtype):
        array = column.to_numpy(dtype=float, na_value=np.nan, copy=True)
        bad_mask = ~np.isnan(array) & ((array < 0) | ~np.isfinite(array))
        bad = [(int(i), str(array[i])) for i in np.flatnonzero(bad_mask)]
        array[bad_mask] = np.nan
        return array, bad
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    parsed = np.full(len(uniques) + 1, np.nan)  # the last slot serves the NaN sentinel (-1)
    junk = set()
    for k, value in enumerate(uniques):
        try:
            number = read_number(value, units)
        except ValueError:
            junk.add(k)
            continue
        parsed[k] = np.nan if number is None else number
    array = parsed[codes]
    bad = [(int(i), str(uniques[codes[i]])) for i in np.flatnonzero(np.isin(codes, list(junk)))] if junk else []
    return array, bad


_SEPARATORS = re.compile(r"[,，;；、\s/]+")


def read_storey_heights(value: Any) -> tuple[float, ...]:
    """Storey heights bottom-up: "3.0" or "4.5,2.1,3,3" (also "4.5，3" and "4.5 3"). ValueError if junk."""
    if _is_blank(value):
        return ()
    if isinstance(value, (int, float, np.integer, np.floating)):
        number = read_number(value)
        return () if number is None else (number,)
    parts = [p for p in _SEPARATORS.split(unicodedata.normalize("NFKC", str(value)).strip()) if p]
    heights = tuple(read_number(p, ("m", "米")) for p in parts)
    if any(h is None or h <= 0 for h in heights):
        raise ValueError(str(value))
    return heights  # type: ignore[return-value]


#: GB/T 50353-2013 3.0.1: a storey of structural height >= 2.20 m counts in full, a lower one half.
FULL_STOREY_HEIGHT = 2.20


def storey_coefficients(floors: float | None, heights: tuple[float, ...]) -> tuple[float | None, float | None]:
    """(sum of storey coefficients, height from storeys) for one building; None where unknown.

    One stated storey height applies to every storey; a list gives storeys bottom-up, storeys past its end
    count 1 (no height stated). Without a storey count, a list of several heights is the storey count.
    """
    if floors is None:
        if len(heights) <= 1:
            return None, None
        floors = float(len(heights))
    count = int(math.ceil(floors))
    if len(heights) == 1:
        per_storey = [heights[0]] * count
    else:
        per_storey = list(heights[:count])
    coefficient = sum(1.0 if h >= FULL_STOREY_HEIGHT else 0.5 for h in per_storey) + (count - len(per_storey))
    coefficient -= count - floors  # a fractional storey count ("2.5") counts its fraction
    height = sum(per_storey) if len(per_storey) == count and per_storey else None
    return coefficient, height


def _storey_columns(floors: np.ndarray, storey_text: pd.Series, ids: np.ndarray, source: dict,
                    field_name: str | None, warnings: list) -> tuple[np.ndarray, np.ndarray]:
    """Storey-coefficient sums and heights from storeys, computed once per distinct (floors, 层高) pair."""
    floor_codes, _floors = pd.factorize(floors, use_na_sentinel=False)
    text_codes, text_values = pd.factorize(storey_text, use_na_sentinel=False)
    uniques, codes = np.unique(floor_codes.astype(np.int64) * (len(text_values) + 1) + text_codes,
                               return_inverse=True)
    texts = storey_text.to_numpy(dtype=object)
    factor_of, height_of = np.full(len(uniques), np.nan), np.full(len(uniques), np.nan)
    first = pd.Series(np.arange(len(codes))).groupby(codes).first().to_numpy()
    junk = []
    for k, i in enumerate(first):
        try:
            heights = read_storey_heights(texts[i])
        except ValueError:
            junk.append(k)
            heights = ()  # unreadable 层高: its storeys count 1 each, as if no height were stated; warned below
        factor, height = storey_coefficients(None if np.isnan(floors[i]) else float(floors[i]), heights)
        factor_of[k] = np.nan if factor is None else factor
        height_of[k] = np.nan if height is None else height
    for i in np.flatnonzero(np.isin(codes, junk)) if junk else ():
        warnings.append(CheckWarning("unreadable_value", None, ids[i],
                                     {**source, "field": field_name, "text": str(texts[i])}))
    return factor_of[codes], height_of[codes]


# --- loading -------------------------------------------------------------------------------------

#: Above this a storey count, a height or a counted floor area is a typing error, not a building (the tallest
#: towers have about 160 storeys and 830 m; the largest buildings under 2 million m² of floor area).
MAX_STOREYS = 200
MAX_HEIGHT = 1000.0
MAX_COUNTED_AREA = 10_000_000.0


def _shown_number(value: float) -> str:
    return f"{value:g}"


def _info(raw: RawLayer, role: str) -> InputInfo:
    return InputInfo(role=role, path=str(raw.path), layer=raw.layer, features=len(raw.fields),
                     crs=crs_label(raw.crs), sha256=raw.sha256)


def field_map(raw: RawLayer, role: str, mapping: dict[str, dict[str, str]] | None) -> FieldMap:
    columns = [str(c) for c in raw.fields.columns]
    return recognise(role, columns, shapefile_encoding=raw.encoding, explicit=(mapping or {}).get(role),
                     source=raw.source)


def _require(fields: FieldMap, raw: RawLayer, role: str, any_of: tuple[str, ...], label: str) -> None:
    if not any(fields.get(t) for t in any_of):
        columns = [str(c) for c in raw.fields.columns]
        wanted = "; ".join(f"{t}: {'/'.join(ALIASES[role][t][:4])}" for t in any_of)
        raise InputError("fields_unrecognised", path=str(raw.path), layer=raw.layer, role=role, needed=label,
                         wanted=wanted, fields=", ".join(map(str, columns)) or "-")


def load_plan(path: str | Path | GeoDataFrame, layer: str | None = None,
              mapping: dict[str, dict[str, str]] | None = None) -> PlanLayer:
    """Read a plan parcel layer and parse its indicators. Raises InputError when it cannot be checked.

    `path` is a file or a GeoDataFrame (never modified; `layer` then names it: planner.io.frames).
    """
    raw = read_layer(path, "plan", layer)
    fields = field_map(raw, "plan", mapping)
    _require(fields, raw, "plan", ("id",), "id")
    limit_targets = ("land_use",) + tuple(t for t in ALIASES["plan"] if t.split("_")[0] in
                                          ("far", "density", "height", "green"))
    _require(fields, raw, "plan", limit_targets, "indicators")
    frame = raw.fields
    fids = frame.index.to_numpy()
    ids, lacking = _ids(frame, fields.get("id"), fids)
    source = {"path": raw.path.name, "layer": raw.layer}
    warnings = list(raw.warnings)
    warnings += [CheckWarning("missing_id", ids[i], None, {**source, "field": fields.get("id"), "fid": int(fids[i])})
                 for i in lacking]

    def describe(i):
        return ids[i], None, {**source, "fid": int(fids[i])}

    geometry, kept, geometry_warnings = _layer_polygons(raw, describe)
    warnings += geometry_warnings
    for parcel_id, count in Counter(ids[kept]).items():
        if count > 1:
            warnings.append(CheckWarning("duplicate_parcel_id", parcel_id, None, {**source, "count": count}))

    land_use_column = fields.get("land_use")
    land_use = text_column(frame[land_use_column]) if land_use_column else np.full(len(frame), None, dtype=object)
    if land_use_column is None:
        warnings.append(CheckWarning("land_use_field_missing", None, None, source))
    lower, upper, texts, limit_unknown, limit_warnings = _parse_limits(frame, fields, ids, source)
    warnings += limit_warnings
    setback = _parse_setback(frame, fields.get("setback"), ids, source, warnings)
    version = read_version(frame, fields.get("version"), fields.get("approval_number"), fields.get("approval_date"))
    return PlanLayer(info=replace(_info(raw, "plan"), version=version), crs=raw.crs, fids=fids[kept],
                     geometry=geometry[kept], fields=fields, warnings=tuple(warnings), ids=ids[kept],
                     land_use=land_use[kept],
                     lower={k: v[kept] for k, v in lower.items()}, upper={k: v[kept] for k, v in upper.items()},
                     texts={k: v[kept] for k, v in texts.items()}, rank=natural_rank(ids[kept]),
                     setback=setback[kept], limit_unknown={k: v[kept] for k, v in limit_unknown.items()})


def _parse_setback(frame: pd.DataFrame, column: str | None, ids: np.ndarray, source: dict,
                   warnings: list[CheckWarning]) -> np.ndarray:
    """The parcel's setback from the road red line in metres ("10", "10m", "≥10米"); NaN where blank or unreadable
    (warned: the line's own setback or the setback table then applies)."""
    if column is None:
        return np.full(len(frame), np.nan)
    values = frame[column]
    if not pd.api.types.is_numeric_dtype(values.dtype):
        values = values.astype(object).map(without_at_least)
    array, bad = read_numbers(values, ("m", "米"))
    warnings.extend(CheckWarning("unreadable_setback", ids[i], None, {**source, "field": column, "text": text})
                    for i, text in bad)
    return array


def without_at_least(value: Any) -> Any:
    """A setback is a minimum, and plans often write it so: "≥10m" and ">=10" read as 10."""
    if not isinstance(value, str):
        return value
    text = unicodedata.normalize("NFKC", value).strip()
    for prefix in ("≥", ">=", "不小于"):
        if text.startswith(prefix):
            return text[len(prefix):].strip()
    return text


_BOUND_COLUMNS = {"far": ("far_min", "far_max"), "density": ("density_min", "density_max"),
                  "height": ("height_min", "height_max"), "green_ratio": ("green_min", "green_max")}


def _parse_limits(frame: pd.DataFrame, fields: FieldMap, ids: np.ndarray, source: dict):
    """Parse each indicator's columns into lower/upper arrays (NaN = not controlled) and warn per parcel.

    The main column ("≤2.5") comes first; an upper or lower column (RJLSX / RJLXX) then sets its side.
    Each distinct text is parsed once.
    """
    n = len(frame)
    lower, upper, texts, unknown, warnings = {}, {}, {}, {}, []
    for indicator in INDICATOR_TARGETS:
        lo, hi = np.full(n, np.nan), np.full(n, np.nan)
        shown = np.full(n, "", dtype=object)
        lo_target, hi_target = _BOUND_COLUMNS[indicator]
        # No field at all for an indicator: every parcel's limit is unknown, not "not controlled" (and said once).
        unread = np.full(n, not any(fields.get(t) for t in (indicator, lo_target, hi_target)))
        if n and unread[0]:
            wanted = "/".join(ALIASES["plan"][indicator][:3])
            warnings.append(CheckWarning("indicator_field_missing", None, None,
                                         {**source, "indicator": indicator, "wanted": wanted}))
        for target, side in ((indicator, None), (lo_target, "lo"), (hi_target, "hi")):
            column = fields.get(target)
            if column is None:
                continue
            codes, uniques = pd.factorize(frame[column], use_na_sentinel=False)
            parsed = [_parse_cell(value, indicator, side) for value in uniques]
            for k, result in enumerate(parsed):
                rows = np.flatnonzero(codes == k)
                value = uniques[k]
                if isinstance(result, indicators.IndicatorError):
                    warnings.extend(CheckWarning("unreadable_indicator", ids[i], None, {
                        **source, "field": column, "text": str(value), "reason": result.reason,
                        "indicator": indicator}) for i in rows)
                    unread[rows] = True
                    continue
                if result is None:
                    continue
                if result == "zero":
                    if side != "lo":  # 0 is how a lower-bound column says "no minimum": nothing to tell
                        warnings.append(_listed("zero_limit_ignored", source, column, ids[rows]))
                    continue
                if side is None:
                    lo[rows] = np.nan if result.lo is None else result.lo
                    hi[rows] = np.nan if result.hi is None else result.hi
                    text = str(value).strip()
                    percent_assumed = result.percent_assumed
                else:
                    (lo if side == "lo" else hi)[rows] = result
                    text = ("≥" if side == "lo" else "≤") + str(value).strip()
                    percent_assumed = indicators.bound_percent_assumed(value, indicator)
                shown[rows] = [f"{t}; {text}" if t else text for t in shown[rows]]
                if percent_assumed:
                    warnings.append(_listed("percent_assumed", source, column, ids[rows]))
        for i in np.flatnonzero(~np.isnan(lo) & ~np.isnan(hi) & (lo > hi)):
            warnings.append(CheckWarning("empty_limit", ids[i], None,
                                         {**source, "indicator": indicator, "text": shown[i]}))
            lo[i] = hi[i] = np.nan
            unread[i] = True
        # A side read from one column does not make up for another column that could not be read.
        lower[indicator], upper[indicator], texts[indicator], unknown[indicator] = lo, hi, shown, unread
    return lower, upper, texts, unknown, _merge_listed(warnings)


def _listed(code: str, source: dict, column: str, parcels: np.ndarray) -> CheckWarning:
    return CheckWarning(code, None, None, {**source, "field": column, "parcel_ids": list(map(str, parcels))})


def _merge_listed(warnings: list[CheckWarning]) -> list[CheckWarning]:
    """One warning per (code, field) for the per-value notes, naming how many parcels and the first ten."""
    merged: dict[tuple[str, str], list[str]] = {}
    kept: list[CheckWarning] = []
    for w in warnings:
        if "parcel_ids" not in w.details:
            kept.append(w)
            continue
        key = (w.code, w.details["field"])
        if key not in merged:
            merged[key] = []
            kept.append(w)
        merged[key].extend(w.details["parcel_ids"])
    result = []
    for w in kept:
        if "parcel_ids" in w.details:
            parcels = merged[(w.code, w.details["field"])]
            details = {k: v for k, v in w.details.items() if k != "parcel_ids"}
            listed = ", ".join(parcels[:10]) + (" …" if len(parcels) > 10 else "")
            w = CheckWarning(w.code, None, None, {**details, "count": len(parcels), "parcels": listed})
        result.append(w)
    return result


def _parse_cell(value: Any, indicator: str, side: str | None):
    """One cell: a Limit (main column) or float (bound column), None (not controlled), "zero", or the error."""
    try:
        if indicators.is_zero_placeholder(value):
            return "zero"
        if side is None:
            return indicators.parse_limit(value, indicator)
        return indicators.parse_bound(value, indicator)
    except indicators.IndicatorError as exc:
        return exc


def load_buildings(path: str | Path | GeoDataFrame, layer: str | None = None,
                   mapping: dict[str, dict[str, str]] | None = None) -> BuildingLayer:
    """Read a scheme's building footprints with storeys, heights, counted areas and uses (from a file or a
    GeoDataFrame, as load_plan)."""
    raw = read_layer(path, "buildings", layer)
    fields = field_map(raw, "buildings", mapping)
    _require(fields, raw, "buildings", ("floors", "gfa"), "floors")
    frame = raw.fields
    fids = frame.index.to_numpy()
    ids, lacking = _ids(frame, fields.get("id"), fids)
    source = {"path": raw.path.name, "layer": raw.layer}
    warnings = list(raw.warnings)
    if fields.get("id") is None:
        warnings.append(CheckWarning("building_id_field_missing", None, None, source))
    warnings += [CheckWarning("missing_id", None, ids[i], {**source, "field": fields.get("id"), "fid": int(fids[i])})
                 for i in lacking]
    geometry, kept, geometry_warnings = _layer_polygons(
        raw, lambda i: (None, ids[i], {**source, "fid": int(fids[i])}))
    warnings += geometry_warnings

    def values(target):
        name = fields.get(target)
        return frame[name] if name else pd.Series([None] * len(frame), index=frame.index, dtype=object)

    def numbers(target, units=()):
        array, bad = read_numbers(values(target), units)
        warnings.extend(CheckWarning("unreadable_value", None, ids[i],
                                     {**source, "field": fields.get(target), "text": text}) for i, text in bad)
        return array

    floors, gfa = numbers("floors", ("层", "f")), numbers("gfa", ("m2", "m²", "平方米"))
    stated_height = numbers("height", ("m", "米"))
    # Zero, negative or absurd values are not a building's size: they are unknown (and the checks that need
    # them are "not checked" on its parcels), never a silent zero floor area or height.
    for name, values_, high in (("floors", floors, MAX_STOREYS), ("gfa", gfa, MAX_COUNTED_AREA),
                                ("height", stated_height, MAX_HEIGHT)):
        impossible = ~np.isnan(values_) & ((values_ <= 0) | (values_ > high))
        warnings.extend(CheckWarning("impossible_value", None, ids[i], {
            **source, "field": fields.get(name), "text": _shown_number(values_[i]), "fid": int(fids[i]),
            "quantity": name}) for i in np.flatnonzero(impossible & kept))
        values_[impossible] = np.nan
    storey_factor, storeys_height = _storey_columns(floors, values("storey_height"), ids, source,
                                                    fields.get("storey_height"), warnings)
    height = np.where(np.isnan(stated_height), storeys_height, stated_height)
    for building_id, count in Counter(ids[kept]).items():
        if count > 1:
            warnings.append(CheckWarning("duplicate_building_id", None, building_id, {**source, "count": count}))
    for i in np.flatnonzero(kept & np.isnan(storey_factor) & np.isnan(gfa)):
        warnings.append(CheckWarning("no_floor_area", None, ids[i], source))
    for i in np.flatnonzero(kept & np.isnan(height)):
        warnings.append(CheckWarning("no_height", None, ids[i], source))
    use = text_column(values("use"))
    if fields.get("use") is None:
        warnings.append(CheckWarning("use_field_missing", None, None, source))
    else:  # a building without a use leaves land use not checked where it stands: said, not left to be guessed
        warnings.extend(CheckWarning("use_missing", None, ids[i], {**source, "field": fields.get("use"),
                                                                   "fid": int(fids[i])})
                        for i in np.flatnonzero(kept & pd.isna(use)))
    return BuildingLayer(info=_info(raw, "buildings"), crs=raw.crs, fids=fids[kept], geometry=geometry[kept],
                         fields=fields, warnings=tuple(warnings), ids=ids[kept], floors=floors[kept],
                         storey_factor=storey_factor[kept], gfa=gfa[kept], height=height[kept], use=use[kept],
                         unmeasured=unmeasured(raw, geometry, kept))


def load_green(path: str | Path | GeoDataFrame, layer: str | None = None,
               mapping: dict[str, dict[str, str]] | None = None) -> GreenLayer:
    """Read green areas with their counting factors (折算系数, default 1), from a file or a GeoDataFrame."""
    raw = read_layer(path, "green", layer)
    fields = field_map(raw, "green", mapping)
    frame = raw.fields
    fids = frame.index.to_numpy()
    ids, _ = _ids(frame, fields.get("id"), fids)
    source = {"path": raw.path.name, "layer": raw.layer}
    geometry, kept, geometry_warnings = _layer_polygons(
        raw, lambda i: (None, None, {**source, "fid": int(fids[i]), "green": ids[i]}))
    warnings = list(raw.warnings) + geometry_warnings
    factor = np.ones(len(frame))
    uncounted = np.zeros(len(frame), dtype=bool)
    column = fields.get("factor")
    if column is not None:
        for i, value in enumerate(frame[column].to_numpy(dtype=object)):
            try:
                number = read_number(value)
            except ValueError:
                number = -1.0
            if number is None:
                continue
            if not 0.0 <= number <= 1.0:
                # A factor we cannot read is not guessed: the area counts nothing, the official is told, and the
                # green ratio where it lies is "not checked" (`unmeasured`) rather than passed without it.
                warnings.append(CheckWarning("unreadable_factor", None, None,
                                             {**source, "field": column, "text": str(value), "green": ids[i]}))
                number = 0.0
                uncounted[i] = True
            factor[i] = number
    return GreenLayer(info=_info(raw, "green"), crs=raw.crs, fids=fids[kept], geometry=geometry[kept],
                      fields=fields, warnings=tuple(warnings), factor=factor[kept],
                      unmeasured=np.concatenate([unmeasured(raw, geometry, kept),
                                                 geometry[kept & uncounted]]).astype(object))
