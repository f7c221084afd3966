"""GeoDataFrames as input layers: a frame built in Python (Jupyter, geopandas) read like a file's layer.

`raw_from_frame` makes a `RawLayer` of a GeoDataFrame, so field recognition, mappings, cleaning and warnings
are the loaders' own, as for a file. The frame is never modified: its columns are copied and its geometry goes
through WKB (the hash needs it anyway), so the engine's work (repairs, prepared geometry) touches copies only.

This module does not import geopandas: `is_frame` looks for it among the loaded modules (an object cannot be a
GeoDataFrame unless geopandas is loaded). Files never go through geopandas: they stay on pyogrio's Arrow path.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import shapely
from pyproj import CRS

from planner.io.clean import from_wkb
from planner.io.raw import RawLayer
from planner.model import InputError

if TYPE_CHECKING:
    from geopandas import GeoDataFrame

__all__ = ["FRAME_PATH", "is_frame", "raw_from_frame"]

#: What a frame's input is called where a file's path would be (provenance, warnings, the report).
FRAME_PATH = Path("<GeoDataFrame>")


def is_frame(source: Any) -> bool:
    """Whether `source` is a GeoDataFrame (rather than a path)."""
    geopandas = sys.modules.get("geopandas")
    return geopandas is not None and isinstance(source, geopandas.GeoDataFrame)


def raw_from_frame(frame: GeoDataFrame, role: str, layer: str | None = None) -> RawLayer:
    """A GeoDataFrame as the layer a file would give.

    `layer` names it in warnings and provenance (default: the role, e.g. "plan"); for control lines, as a file's
    layer name does, it may say the kind ("道路红线"). The path is `FRAME_PATH`. Fields are the non-geometry
    columns with names as text, indexed like feature ids by position (0 .. n-1); a named or non-integer index
    becomes a column first, as geopandas' `to_file` writes it. CRS from `frame.crs` (None: none stated, as for a
    file without one). The SHA-256 is taken over the column names, values, geometry (WKB) and CRS, so
    provenance still tells two inputs apart.
    """
    name = layer or role
    if len(frame) == 0:
        raise InputError("empty_layer", path=str(FRAME_PATH), layer=name)
    geometry_column = frame._geometry_column_name if frame._geometry_column_name in frame.columns else None
    if geometry_column is None:
        raise InputError("no_geometry", path=str(FRAME_PATH), layer=name)
    table = pd.DataFrame(frame)  # a plain DataFrame view: the steps below make new objects, never edit it
    if _index_is_written(frame.index):
        table = table.reset_index()
    others = [c for c in table.columns if c == geometry_column or _is_geometry(table[c])]
    fields = table.drop(columns=others).copy(deep=True)
    fields.columns = [str(c) for c in fields.columns]
    fields.index = pd.RangeIndex(len(fields), name="fid")
    wkb = shapely.to_wkb(np.asarray(frame.geometry.array, dtype=object))
    geometry, problems = from_wkb(wkb)
    crs = CRS.from_user_input(frame.crs) if frame.crs is not None else None
    return RawLayer(path=FRAME_PATH, layer=name, fields=fields, geometry=geometry, crs=crs, encoding=None,
                    sha256=_sha256(fields, wkb, crs), read_problems=problems)


def _index_is_written(index: pd.Index) -> bool:
    """geopandas' rule for `to_file(index=None)`: a named index, or one not of integers, is written as columns."""
    return list(index.names) != [None] or not pd.api.types.is_integer_dtype(index.dtype)


def _is_geometry(column: pd.Series) -> bool:
    return getattr(column.dtype, "name", "") == "geometry"


def _sha256(fields: pd.DataFrame, wkb: np.ndarray, crs: CRS | None) -> str:
    digest = hashlib.sha256()
    for name, dtype in fields.dtypes.items():
        digest.update(f"{name}\0{dtype}\0".encode())
    try:
        rows = pd.util.hash_pandas_object(fields, index=False).to_numpy()
    except TypeError:  # unhashable cells (lists, dicts): their text stands for them
        rows = pd.util.hash_pandas_object(fields.astype(str), index=False).to_numpy()
    digest.update(rows.tobytes())
    for item in wkb.tolist():
        blob = b"" if item is None else item
        digest.update(len(blob).to_bytes(8, "little"))
        digest.update(blob)
    digest.update((crs.to_wkt() if crs is not None else "").encode())
    return digest.hexdigest()
