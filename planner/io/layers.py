"""Turning raw layers into checked inputs: plan parcels with limits, buildings, green areas."""

from __future__ import annotations

import math
import re
import tomllib
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from pyproj import CRS

from planner.io import indicators
from planner.io.clean import clean, mostly_outside_crs, traces
from planner.io.crs import crs_label
from planner.io.dxf import CAD_LAYER, HANDLE, TEXTS
from planner.io.fields import ALIASES, INDICATOR_TARGETS, SAMPLE_VALUES, FieldMap, recognise
from planner.io.gdal import read_layer
from planner.io.landuse import looks_like_code, shipped_table
from planner.io.plan_version import read_version
from planner.io.raw import RawLayer
from planner.model import CheckWarning, InputError, InputInfo
from planner.parallel import GIL_SLICE
from planner.resources import resource_path

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
    #: True where the storeys (and so the counted area) were estimated from the building's height: it stated
    #: neither storeys nor a counted area (resources/storey_heights.toml). Its parcels' FAR is an estimate.
    storeys_estimated: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
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
    # A layer mostly outside its CRS's area has the wrong CRS, not wrong features: its features are kept, and the
    # check refuses the layer once (crs.align names the CRSs its numbers fit, near the other layers).
    crs = None if mostly_outside_crs(raw.geometry, raw.crs) else raw.crs
    geometry, kept, warnings = clean(raw.geometry, describe, crs=crs, problems=raw.read_problems)
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


#: Texts made per call in text_column.
TEXT_SLICE = 50_000


def text_column(column: pd.Series) -> np.ndarray:
    """A column as trimmed text per feature (None where blank)."""
    if pd.api.types.is_string_dtype(column.dtype) and not pd.api.types.is_object_dtype(column.dtype):
        text = column.str.strip()
        blank = text.isna() | text.isin(BLANK_TEXTS)
        # Making the texts holds the GIL (25 ms for 200,000): a slice at a time.
        result = np.concatenate([np.zeros(0, dtype=object), *(
            text.iloc[start:start + TEXT_SLICE].to_numpy(dtype=object, na_value=None)
            for start in range(0, len(text), TEXT_SLICE))])
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
    by_name = {str(c): c for c in raw.fields.columns}

    def values(column: str) -> list:
        """A sample of a column's non-blank values, for the names told by their values (fields.toml)."""
        return raw.fields[by_name[column]].dropna().iloc[:SAMPLE_VALUES].tolist()

    return recognise(role, columns, shapefile_encoding=raw.encoding, explicit=(mapping or {}).get(role),
                     source=raw.source, values=values)


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
    limit_targets = ("land_use", "land_use_name") + tuple(t for t in ALIASES["plan"] if t.split("_")[0] in
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

    land_use = _land_uses(frame, fields.get("land_use") or fields.get("land_use_name"), source, warnings)
    lower, upper, texts, limit_unknown, limit_warnings = _parse_limits(frame, fields, ids, source)
    warnings += limit_warnings
    _absolute_heights(frame, fields.get("height_absolute"), ids, kept, lower, upper, limit_unknown, source,
                      warnings)
    unused = unused_indicator_columns(frame, fields)
    if unused:
        warnings.append(CheckWarning("unused_indicator_columns", None, None, {**source, "fields": ", ".join(unused)}))
    setback = _parse_setback(frame, fields.get("setback"), ids, source, warnings)
    version = read_version(frame, fields.get("version"), fields.get("approval_number"), fields.get("approval_date"))
    return PlanLayer(info=replace(_info(raw, "plan"), version=version), crs=raw.crs, fids=fids[kept],
                     geometry=geometry[kept], fields=fields, warnings=tuple(warnings), ids=ids[kept],
                     land_use=land_use[kept],
                     lower={k: v[kept] for k, v in lower.items()}, upper={k: v[kept] for k, v in upper.items()},
                     texts={k: v[kept] for k, v in texts.items()}, rank=natural_rank(ids[kept]),
                     setback=setback[kept], limit_unknown={k: v[kept] for k, v in limit_unknown.items()})


def _land_uses(frame: pd.DataFrame, column: str | None, source: dict, warnings: list[CheckWarning]) -> np.ndarray:
    """Each parcel's land-use code. A value written as a name ("二类居住用地") is looked up by name in the shipped
    land-use table and replaced by its code ("R2"), with one warning naming what was read so; a name the table
    does not know is kept as written (the check then says it cannot judge it)."""
    if column is None:
        warnings.append(CheckWarning("land_use_field_missing", None, None, source))
        return np.full(len(frame), None, dtype=object)
    texts = text_column(frame[column])
    codes, uniques = pd.factorize(texts, use_na_sentinel=True)
    table = shipped_table()
    resolved, read = [], []
    names = [text for text in uniques.tolist() if not looks_like_code(text)]
    family = table.name_family(names)  # a name two families share is read in the family of the column's others
    for text in uniques.tolist():
        code = None if looks_like_code(text) else table.code_for_name(text, family)
        resolved.append(text if code is None else code)
        if code is not None:
            read.append(f"{text} → {code}")
    if read:
        warnings.append(CheckWarning("land_use_names_read", None, None, {
            **source, "field": column, "count": len(read),
            "names": ", ".join(read[:10]) + (" …" if len(read) > 10 else "")}))
    return np.array(resolved + [None], dtype=object)[codes]  # the NaN sentinel -1 picks the trailing None


def _absolute_heights(frame: pd.DataFrame, column: str | None, ids: np.ndarray, kept: np.ndarray,
                      lower: dict[str, np.ndarray], upper: dict[str, np.ndarray],
                      limit_unknown: dict[str, np.ndarray], source: dict, warnings: list[CheckWarning]) -> None:
    """An absolute elevation limit (绝对高度, metres above the 1985 datum) is not compared with building heights.
    One warning per layer names the parcels that have one; where it is the parcel's only height limit, height is
    "not checked" there (limit_unknown), never "not controlled"."""
    if column is None:
        return
    codes, uniques = pd.factorize(frame[column], use_na_sentinel=True)
    written = np.array([not _is_blank(v) and not indicators.is_zero_placeholder(v) for v in uniques] + [False])
    stated = written[codes] & kept  # the NaN sentinel -1 picks the trailing False
    if not stated.any():
        return
    only = stated & np.isnan(lower["height"]) & np.isnan(upper["height"])
    limit_unknown["height"] |= only
    warnings.append(CheckWarning("absolute_height_not_checked", None, None, {
        **source, "field": column, "count": int(stated.sum()), "parcels": _first_ten(ids[stated]),
        "only": int(only.sum()), "only_parcels": _first_ten(ids[only])}))


def _first_ten(ids: np.ndarray) -> str:
    return ", ".join(map(str, ids[:10])) + (" …" if len(ids) > 10 else "")


#: Column names that say an indicator (容积率, 建筑密度, 限高 ...) in Chinese or in pinyin initials / English.
_INDICATOR_NAME = re.compile(r"容积率|密度|限高|高度|绿地率|绿化率|rjl|jzmd|ldl|jzxg|jzgd|kzgd|kgl|"
                             r"(?:^|_)(?:far|density|height|green)", re.IGNORECASE)
#: Column names that say something else, whatever their values look like (areas, ids, codes, names, dates ...).
_OTHER_NAME = re.compile(r"面积|area|^mj|mj$|shape|objectid|^fid$|^id$|编号|bh$|代码|编码|dm$|bm$|名称|mc$|长度|"
                         r"周长|len|perimeter|坐标|^[xy]$|年|日期|时间|year|date|人口|户|车位|序号|xh$|bsm|标识",
                         re.IGNORECASE)
#: Limit syntax: "≤2.5", "≥35%", "35%", "24m", "24米", "1.5-2.5".
_LIMIT_TEXT = re.compile(r"^[≤≥<>≦≧]=?\s*\d|\d\s*%$|\d\s*(?:m|米)$|^\d+(?:\.\d+)?\s*[-~～]\s*\d+(?:\.\d+)?$")


def unused_indicator_columns(frame: pd.DataFrame, fields: FieldMap) -> list[str]:
    """Columns of a plan layer that look like an indicator but were not used: by name (容积率, JZMD, 限高 ...), or by
    values (limit texts such as "≤2.5" or "35%", or numbers from 0 to 100 that are not a run of ids), unless the
    name says they hold something else (an area, an id, a code, a date). An official is told, in case a limit
    was missed."""
    used = set(fields.columns.values())
    found = []
    for column in frame.columns:
        name = str(column)
        if name in used or name in (CAD_LAYER, HANDLE, TEXTS):
            continue
        by_name = bool(_INDICATOR_NAME.search(name)) and "人口" not in name  # 人口密度 is not a building control
        if by_name or (not _OTHER_NAME.search(name)
                       and _values_look_like_limits(frame[column].dropna().iloc[:SAMPLE_VALUES])):
            found.append(name)
    return found


def _values_look_like_limits(values: pd.Series) -> bool:
    texts = [unicodedata.normalize("NFKC", str(v)).strip() for v in values.tolist() if not _is_blank(v)]
    if not texts or pd.api.types.is_bool_dtype(values.dtype) or pd.api.types.is_datetime64_any_dtype(values.dtype):
        return False
    if sum(bool(_LIMIT_TEXT.search(t)) for t in texts) * 2 > len(texts):
        return True
    numbers = []
    for text in texts:
        try:
            numbers.append(float(text))
        except ValueError:
            return False
    if not all(0 < x <= 100 for x in numbers):
        return False
    # 1, 2, 3 ... each once: a numbering, not limits (limits repeat from parcel to parcel, or have decimals).
    return not (all(x.is_integer() for x in numbers) and len(set(numbers)) == len(numbers))


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
    # Storeys, a counted area or a height: a height alone still checks density, height and land use, and gives
    # an estimated floor area (resources/storey_heights.toml).
    _require(fields, raw, "buildings", ("floors", "gfa", "height"), "floors")
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
    use = text_column(values("use"))
    # Estimated only where neither storeys nor a counted area is written: a value written but impossible or
    # unreadable (0, -3, 500 storeys) is an error to correct, and FAR stays "not checked" there.
    unstated = pd.isna(text_column(values("floors"))) & pd.isna(text_column(values("gfa")))
    storeys_estimated = unstated & np.isnan(storey_factor) & np.isnan(gfa) & ~np.isnan(height)
    if storeys_estimated.any():
        _estimate_storeys(storeys_estimated, height, storey_factor, values("storey_height"), use, ids, fids, kept,
                          {**source, "storey_field": fields.get("storey_height")}, warnings)
    counts: Counter = Counter()
    kept_ids = ids[kept]
    for start in range(0, len(kept_ids), GIL_SLICE):  # Counter counts in C holding the GIL: 30-50 ms for 200,000
        counts.update(kept_ids[start:start + GIL_SLICE].tolist())
    for building_id, count in counts.items():
        if count > 1:
            warnings.append(CheckWarning("duplicate_building_id", None, building_id, {**source, "count": count}))
    for i in np.flatnonzero(kept & np.isnan(storey_factor) & np.isnan(gfa)):
        warnings.append(CheckWarning("no_floor_area", None, ids[i], source))
    for i in np.flatnonzero(kept & np.isnan(height)):
        warnings.append(CheckWarning("no_height", None, ids[i], source))
    if fields.get("use") is None:
        warnings.append(CheckWarning("use_field_missing", None, None, source))
    else:  # a building without a use leaves land use not checked where it stands: said, not left to be guessed
        warnings.extend(CheckWarning("use_missing", None, ids[i], {**source, "field": fields.get("use"),
                                                                   "fid": int(fids[i])})
                        for i in np.flatnonzero(kept & pd.isna(use)))
    return BuildingLayer(info=_info(raw, "buildings"), crs=raw.crs, fids=fids[kept], geometry=geometry[kept],
                         fields=fields, warnings=tuple(warnings), ids=ids[kept], floors=floors[kept],
                         storey_factor=storey_factor[kept], gfa=gfa[kept], height=height[kept], use=use[kept],
                         storeys_estimated=storeys_estimated[kept], unmeasured=unmeasured(raw, geometry, kept))


@lru_cache(maxsize=1)
def storey_heights() -> tuple[float, dict[str, float]]:
    """(default, use id -> metres) of resources/storey_heights.toml: the storey heights that estimate a building's
    storeys from its height when it states neither storeys nor a counted area."""
    with resource_path("storey_heights.toml").open("rb") as handle:
        data = tomllib.load(handle)
    return float(data["default"]), {str(k): float(v) for k, v in data.get("uses", {}).items()}


def _estimate_storeys(estimate: np.ndarray, height: np.ndarray, storey_factor: np.ndarray, storey_text: pd.Series,
                      use: np.ndarray, ids: np.ndarray, fids: np.ndarray, kept: np.ndarray, source: dict,
                      warnings: list[CheckWarning]) -> None:
    """Storeys of the buildings in `estimate` (a height, no storeys, no counted area) from their height: the whole
    storey heights in it, at least 1, at the building's one stated storey height, else the storey height of its use
    (resources/storey_heights.toml). Fills `storey_factor` in place and warns per building."""
    default, by_use = storey_heights()
    table = shipped_table()
    rows = np.flatnonzero(estimate)
    # The storey height depends only on (stated 层高, use): worked out once per distinct pair.
    pairs = pd.MultiIndex.from_arrays([storey_text.to_numpy(dtype=object)[rows], use[rows]]).factorize()
    codes, uniques = pairs
    chosen: list[tuple[float, dict]] = []
    for text, use_text in uniques.tolist():
        try:
            stated = read_storey_heights(None if pd.isna(text) else text)
        except ValueError:
            stated = ()  # warned as unreadable with the other storey heights
        use_id = table.normalise_use(use_text) if isinstance(use_text, str) else None
        if len(stated) == 1:
            chosen.append((stated[0], {"basis": "stated", "field": source["storey_field"]}))
        elif use_id in by_use:
            chosen.append((by_use[use_id], {"basis": "use", "use_id": use_id}))
        else:
            chosen.append((default, {"basis": "default"}))
    per = np.array([c[0] for c in chosen])[codes]
    storeys = np.maximum(1, np.floor(height[rows] / per + 1e-9)).astype(int)
    full = per >= FULL_STOREY_HEIGHT  # GB/T 50353-2013 3.0.1: a lower storey counts half
    storey_factor[rows] = np.where(full, storeys, 0.5 * storeys)
    for k in np.flatnonzero(kept[rows]).tolist():
        i = rows[k]
        warnings.append(CheckWarning("storeys_estimated", None, ids[i], {
            "path": source["path"], "layer": source["layer"], "fid": int(fids[i]),
            "height": _shown_number(height[i]), "storey_height": _shown_number(per[k]), "storeys": int(storeys[k]),
            **chosen[codes[k]][1]}))


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
