"""Reading layers through GDAL (pyogrio): layer choice, Shapefile encodings, provenance."""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import struct
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyogrio
from pyogrio.errors import DataLayerError, DataSourceError
from pyogrio.raw import read_arrow
from pyproj import CRS

from planner.io.clean import from_wkb
from planner.io.files import check_file, gdal_failure, reading_warnings
from planner.io.frames import is_frame, raw_from_frame
from planner.io.raw import RawLayer
from planner.model import InputError
from planner.parallel import in_background

if TYPE_CHECKING:
    from geopandas import GeoDataFrame

#: Words in a layer name that say which role it plays; ASCII hints match the start of a name token.
LAYER_HINTS: dict[str, tuple[str, ...]] = {
    "plan": ("地块", "用地", "控规", "规划", "parcel", "plan", "dk", "yd", "kg"),
    "buildings": ("建筑", "楼", "building", "build", "jz", "footprint"),
    "green": ("绿地", "绿化", "green", "ld", "lh"),
    "lines": ("线", "农田", "line", "red", "hx"),
}

#: DBF language-driver ids (header byte 29) that name a code page worth trusting.
DBF_LANGUAGE_IDS = {0x4D: "GBK", 0x7A: "GBK", 0x4F: "BIG5", 0x78: "BIG5", 0x7B: "CP932", 0x13: "CP932",
                    0x4E: "CP949", 0x79: "CP949", 0x03: "CP1252", 0x01: "CP437", 0x02: "CP850"}


def file_sha256(path: Path) -> str:
    """SHA-256 of a file; of a Shapefile's .shp/.shx/.dbf/.prj/.cpg, or a .gdb folder's files, in name order."""
    digest = hashlib.sha256()
    for part in _files_of(path):
        with part.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    return digest.hexdigest()


def _files_of(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file())
    if path.suffix.lower() == ".shp":
        siblings = [path.with_suffix(s) for s in (".shp", ".shx", ".dbf", ".prj", ".cpg")]
        found = [p for p in siblings if p.exists()]
        found += [p for p in path.parent.glob(path.stem + ".*")
                  if p.suffix.lower() in {".shx", ".dbf", ".prj", ".cpg"} and p not in found]
        return sorted(set(found))
    return [path]


def shapefile_encoding(shp: Path) -> str:
    """The encoding of a Shapefile's DBF: .cpg, then the language byte, then strict UTF-8, then GB18030.

    Chinese desktop tools long wrote GBK without declaring it; GDAL would then read Latin-1 mojibake.
    """
    for cpg in (shp.with_suffix(".cpg"), shp.with_suffix(".CPG")):
        if cpg.exists():
            declared = _codec_from_cpg(cpg.read_bytes().decode("ascii", "ignore").strip())
            if declared:
                return declared
    dbf = next((p for p in (shp.with_suffix(".dbf"), shp.with_suffix(".DBF")) if p.exists()), None)
    if dbf is None:
        return "UTF-8"
    data = dbf.read_bytes()
    if len(data) > 29 and data[29] in DBF_LANGUAGE_IDS:
        return DBF_LANGUAGE_IDS[data[29]]
    try:
        _dbf_text_bytes(data).decode("utf-8")
        return "UTF-8"
    except UnicodeDecodeError:
        return "GB18030"


def _encoding_source(shp: Path) -> str:
    """What named the encoding shapefile_encoding chose for a Shapefile that turned out not to be in it: its .cpg
    file, or its .dbf's language byte."""
    for cpg in (shp.with_suffix(".cpg"), shp.with_suffix(".CPG")):
        if cpg.exists() and _codec_from_cpg(cpg.read_bytes().decode("ascii", "ignore").strip()):
            return cpg.name
    return shp.with_suffix(".dbf").name  # (its header's language byte)


def _codec_from_cpg(text: str) -> str | None:
    name = text.upper().replace(" ", "")
    if name in {"65001", "UTF8"}:
        name = "UTF-8"
    elif name.isdigit():
        name = f"CP{name}"
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    return name


def _dbf_text_bytes(data: bytes) -> bytes:
    """Field names and records of a DBF: every byte a text codec must accept (the rest is binary header)."""
    if len(data) < 32:
        return b""
    header_length = struct.unpack_from("<H", data, 8)[0]
    names = b"".join(data[i:i + 11].split(b"\0", 1)[0] for i in range(32, max(32, header_length - 1), 32))
    return names + data[header_length:].rstrip(b"\x1a")


def is_dxf(path: Path) -> bool:
    return path.suffix.lower() == ".dxf"


def list_layers(path: Path, role: str | None = None) -> list[str]:
    """The layers of a file; of a DXF, the CAD layers holding closed outlines (planner.io.dxf), or for control
    lines (`role` "lines") the whole drawing as GDAL's one layer."""
    check_file(path)
    if is_dxf(path):
        from planner.io import dxf

        return dxf.list_layers(path, role)
    try:
        with warnings.catch_warnings():  # GDAL's warnings on opening are repeated, and kept, by read_layer
            warnings.simplefilter("ignore")
            return [str(name) for name, _geometry_type in pyogrio.list_layers(path)]
    except (DataSourceError, DataLayerError, OSError) as exc:
        raise gdal_failure(path, _gdal_message(exc)) from None


def choose_layer(path: Path, layers: list[str], role: str, requested: str | None) -> str:
    """The named layer, the only layer, or the one whose name leaves no doubt about its role.

    Of a DXF, the CAD layers chosen for the role, joined by ";" (see planner.io.dxf).
    """
    if is_dxf(path) and role != "lines":
        from planner.io import dxf
        return dxf.choose_layer(path, role, requested)
    if requested is not None:
        if requested in layers:
            return requested
        raise InputError("layer_missing", path=str(path), layer=requested, layers=", ".join(layers))
    if len(layers) == 1:
        return layers[0]
    if not layers:
        raise InputError("empty_layer", path=str(path), layer="")
    matching = [name for name in layers if name_suggests(name, role)]
    if len(matching) == 1:
        return matching[0]
    raise InputError("layer_ambiguous", path=str(path), role=role, layers=", ".join(layers))


def name_suggests(name: str, role: str) -> bool:
    lowered = name.lower()
    tokens = [t for t in re.split(r"[^a-z0-9]+", lowered) if t]
    for hint in LAYER_HINTS[role]:
        if hint.isascii():
            if any(token.startswith(hint) for token in tokens):
                return True
        elif hint in lowered:
            return True
    return False


#: WKB values made into Python bytes per call (_wkb).
WKB_SLICE = 50_000


def _wkb(column) -> np.ndarray:
    """The geometry column's WKB as an object array of bytes, WKB_SLICE values at a time: Arrow makes the bytes
    objects holding Python's GIL (30 ms for 200,000 footprints at once), and the window's thread waits for it."""
    return np.concatenate([np.zeros(0, dtype=object), *(column.slice(start, WKB_SLICE).to_numpy(zero_copy_only=False)
                                                         for start in range(0, len(column), WKB_SLICE))])


def read_layer(source: str | Path | GeoDataFrame, role: str, layer: str | None = None) -> RawLayer:
    """Read one layer through GDAL's Arrow stream. Raises InputError naming the file and layer on any failure.

    Where every loader's source is told apart: a GeoDataFrame is taken as it is (planner.io.frames, `layer`
    then names it), a DXF goes to planner.io.dxf, any other path to GDAL.
    """
    if is_frame(source):
        return raw_from_frame(source, role, layer)
    if not isinstance(source, (str, os.PathLike)):
        raise TypeError(f"expected a path or a GeoDataFrame, not {type(source).__name__}")
    path = Path(source)
    if is_dxf(path):
        from planner.io import dxf
        return dxf.read_layer(path, role, layer)
    name = choose_layer(path, list_layers(path), role, layer)
    encoding = shapefile_encoding(path) if path.suffix.lower() == ".shp" else None
    sha256 = in_background(file_sha256, path)  # hashlib lets go of the GIL: the file is hashed while GDAL reads it
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            meta, table = read_arrow(path, layer=name, encoding=encoding, return_fids=True)
    except UnicodeDecodeError as exc:
        if encoding is None:
            raise gdal_failure(path, _gdal_message(exc)) from None
        raise InputError("shapefile_encoding_wrong", path=str(path), encoding=encoding,
                         source=_encoding_source(path)) from None
    except (DataSourceError, DataLayerError, OSError, ValueError) as exc:
        raise gdal_failure(path, _gdal_message(exc)) from None
    if table.num_rows == 0:
        raise InputError("empty_layer", path=str(path), layer=name)
    geometry_column = _geometry_column(meta, table.column_names)
    if geometry_column is None:
        raise InputError("no_geometry", path=str(path), layer=name)
    fid_column = meta.get("fid_column") or ""
    fids = table.column(fid_column).to_numpy() if fid_column in table.column_names else np.arange(table.num_rows)
    geometry, problems = from_wkb(_wkb(table.column(geometry_column)))
    attributes = table.drop_columns([c for c in (fid_column, geometry_column) if c in table.column_names])
    fields = attributes.to_pandas()
    fields.index = pd.Index(fids, name="fid")
    crs = CRS.from_user_input(meta["crs"]) if meta.get("crs") else None
    return RawLayer(path=path, layer=name, fields=fields, geometry=geometry, crs=crs, encoding=encoding,
                    sha256=sha256.result(), warnings=reading_warnings(caught, path, name),
                    read_problems=problems)


# --- what the field-mapping dialog and the layer chooser show ------------------------------------------------

def layer_encoding(path: Path) -> str | None:
    """The encoding a Shapefile is read with (None for self-describing formats)."""
    return shapefile_encoding(path) if path.suffix.lower() == ".shp" else None


def layer_columns(path: str | Path, layer: str | None = None) -> list[str]:
    """A layer's attribute column names as the loaders see them (GBK Shapefiles decoded)."""
    path = Path(path)
    return [str(c) for c in pyogrio.read_info(path, layer=layer, encoding=layer_encoding(path))["fields"]]


def describe_layers(path: str | Path) -> list[tuple[str, str | None, int | None]]:
    """(name, geometry type, feature count) of each layer of a file; of a DXF, the CAD layers with closed
    outlines (read as polygons). A count GDAL cannot tell is None."""
    path = Path(path)
    check_file(path)
    if is_dxf(path):
        from planner.io import dxf
        return [(name, "Polygon", count) for name, count in dxf.outline_counts(dxf.drawing(path)).items()]
    encoding = layer_encoding(path)
    rows: list[tuple[str, str | None, int | None]] = []
    for name, geometry in pyogrio.list_layers(path):
        try:
            count: int | None = int(pyogrio.read_info(path, layer=name, encoding=encoding)["features"])
        except (DataSourceError, DataLayerError, OSError, ValueError):  # a layer GDAL cannot describe is listed
            count = None
        rows.append((str(name), geometry, count))
    return rows


def sample_values(path: str | Path, layer: str | None, rows: int = 5) -> dict[str, list]:
    """The values of each column in the first `rows` features, as read (GBK Shapefiles decoded), for showing
    an official what a column holds. Through GDAL's Arrow stream: no geopandas needed."""
    path = Path(path)
    _meta, table = read_arrow(path, layer=layer, encoding=layer_encoding(path), read_geometry=False,
                              max_features=rows)
    return {str(name): table.column(name).to_pylist() for name in table.column_names}


def _geometry_column(meta: dict, columns: list[str]) -> str | None:
    named = meta.get("geometry_name") or ""
    for candidate in (named, "wkb_geometry", "geometry"):
        if candidate and candidate in columns:
            return candidate
    return None


def _gdal_message(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
