"""CAD drawings (DXF) as layers: closed outlines on chosen CAD layers, attributes from the texts inside them.

GDAL reads a DXF as one layer, "entities", whose "Layer" field names each entity's CAD layer and whose "Text"
field holds TEXT/MTEXT content. Here CAD layers play the part of layers. For plan parcels, buildings and green
areas the `layer` argument of planner.io.gdal.read_layer names one CAD layer or several separated by ";", each an
exact name (case-insensitive, as in AutoCAD) or a pattern with * and ? ("YD*;用地*"). Without one, every CAD
layer whose name suggests the role is read (a plan has one CAD layer per land-use code: "YDGIS-070102",
"YD-R2", "用地-B1").

Closed polylines, polylines whose ends meet, circles and hatches are outlines (GDAL densifies arcs and
bulges); open lines on the chosen layers are reported, one warning per CAD layer. A text belongs to the
smallest outline its insertion point lies in, and becomes a column that planner.io.fields recognises
("1#" -> 建筑编号, "18/-2" -> 地上层数 18 and 地下层数 2, "容积率≤2.5" -> 容积率 "≤2.5"). Texts on the chosen
layers, or on layers whose names suggest the role ("建筑-文字"), are the role's own: one that lies in no
outline, cannot be read or is not understood is warned about. Texts on layers of no role ("0", "TEXT") are
used when they lie in an outline and read as something; texts on another role's layers are left alone.

A parcel's land use comes from a land-use text inside it, else from its CAD layer name ("YDGIS-070102" ->
"070102"). The text wins: it is written for that parcel, while a parcel copied onto the wrong layer keeps the
other colour unnoticed. A more specific code wins over its own prefix ("R" and "R2" give "R2") without a
warning; a real disagreement is warned about.

Control lines (role "lines") read the whole drawing as GDAL gives it, each entity's CAD layer naming its kind.

Drawings are measured in metres. The header's $INSUNITS says what a drawing unit is: millimetres (as
architects draw), centimetres and decimetres are scaled to metres, and said (dxf_units_scaled). AutoCAD's
templates set it whatever the drawing holds (acadiso.dwt says millimetres, acad.dwt inches), so a unit is only
believed when the outlines read in it have a size buildings and parcels have (dxf_units_ignored); other units
(inches, feet, kilometres...) are read as metres with a warning (dxf_units_unknown), unitless (0) and metres
(6) as they are.
"""

from __future__ import annotations

import fnmatch
import hashlib
import re
import threading
import unicodedata
import warnings as pywarnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import pyogrio
import shapely
from pyogrio.errors import DataLayerError, DataSourceError
from pyogrio.raw import read_arrow

from planner.io.clean import finite, quiet_nan
from planner.io.files import check_file, dxf_complete, gdal_failure, reading_warnings
from planner.io.raw import RawLayer
from planner.model import CheckWarning, InputError

GDAL_LAYER = "entities"
POLYGON_ROLES = ("plan", "buildings", "green")

#: Words in a CAD layer name that say which role it plays; ASCII hints match the start of a name token.
#: Narrower than planner.io.gdal.LAYER_HINTS: a drawing's "规划道路" or "KG-图框" are no parcels.
CAD_HINTS: dict[str, tuple[str, ...]] = {
    "plan": ("用地", "地块", "yd", "dk"),
    "buildings": ("建筑", "build", "jz"),
    "green": ("绿地", "ld", "green"),
}

#: Columns made from texts, named as planner.io.fields recognises them, per role.
COLUMNS: dict[str, tuple[str, ...]] = {
    "plan": ("地块编号", "用地代码", "容积率", "建筑密度", "建筑限高", "绿地率"),
    "buildings": ("建筑编号", "地上层数", "地下层数", "建筑高度", "建筑用途"),
    "green": ("绿地编号",),
}
ID_COLUMN = {"plan": "地块编号", "buildings": "建筑编号", "green": "绿地编号"}
CAD_LAYER, HANDLE, TEXTS = "CAD图层", "句柄", "文字"

# GDAL's DXF options are process-wide config options: a read sets and restores them under this lock.
_GDAL_LOCK = threading.Lock()


# --- text ----------------------------------------------------------------------------------------

_UNICODE_ESCAPE = re.compile(r"\\U\+([0-9A-Fa-f]{4})")
# "\M+5B4A8": a double-byte character of code page n (AutoCAD's "MIF" form in old drawings).
_MIF_ESCAPE = re.compile(r"\\M\+([1-5])([0-9A-Fa-f]{4})")
_MIF_CODECS = {"1": "cp932", "2": "cp950", "3": "cp949", "4": "johab", "5": "gbk"}
# MTEXT codes GDAL may leave behind: \fFont|b0;  \H2.5x;  \C1;  \A1;  \Q15;  \W0.8;  \T2;  \pxi2;  \L \O \K ...
_MTEXT_PARAMETER = re.compile(r"\\[ACcFfHhQqTWwp][^;\\{}]*;")
_MTEXT_STACK = re.compile(r"\\S([^;^#/]*)[\^#/]([^;]*);")
_MTEXT_TOGGLE = re.compile(r"\\[LlOoKkNnXx]")
_SPECIAL = {"%%c": "⌀", "%%C": "⌀", "%%d": "°", "%%D": "°", "%%p": "±", "%%P": "±", "%%%": "%",
            "%%u": "", "%%U": "", "%%o": "", "%%O": ""}
_SPECIAL_RE = re.compile("|".join(re.escape(k) for k in _SPECIAL))
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def decode_escapes(text: str) -> str:
    """\\U+5EFA and \\M+5xxxx escapes as characters: GDAL decodes them in MTEXT, not in TEXT or layer names."""
    if "\\" not in text:
        return text
    text = _UNICODE_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    return _MIF_ESCAPE.sub(_mif_character, text)


def _mif_character(match: re.Match) -> str:
    try:
        return bytes.fromhex(match.group(2)).decode(_MIF_CODECS[match.group(1)])
    except UnicodeDecodeError:
        return match.group(0)


def clean_text(text: str) -> str:
    """The words of a TEXT/MTEXT as a reader sees them: escapes decoded, formatting codes dropped."""
    text = decode_escapes(text)
    if "\\" in text or "{" in text:
        text = text.replace("\\P", "\n").replace("\\~", " ")
        text = _MTEXT_STACK.sub(r"\1/\2", text)
        text = _MTEXT_PARAMETER.sub("", _MTEXT_TOGGLE.sub("", text))
        text = re.sub(r"(?<!\\)[{}]", "", text).replace("\\{", "{").replace("\\}", "}").replace("\\\\", "\\")
    if "%%" in text:
        text = _SPECIAL_RE.sub(lambda m: _SPECIAL[m.group(0)], text)
    return _CONTROL.sub("", text).strip()


def _normal(text: str) -> str:
    """Full-width forms folded (NFKC: "１８Ｆ" -> "18F", "／" -> "/"), runs of spaces as one."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


# --- encoding ------------------------------------------------------------------------------------

_HEADER_VALUE = re.compile(rb"\$(ACADVER|DWGCODEPAGE|INSUNITS)[ \t]*\r?\n[ \t]*\d+[ \t]*\r?\n([^\r\n]*)")
_BINARY_VERSION = re.compile(rb"\$ACADVER\x00.{1,2}?AC(\d{4})\x00", re.DOTALL)
# $INSUNITS came with R2000, whose binary DXF writes group codes in two bytes: 70, then a little-endian int16.
_BINARY_INSUNITS = re.compile(rb"\$INSUNITS\x00\x46\x00(..)", re.DOTALL)


def text_encoding(data: bytes) -> str | None:
    """The DXF_ENCODING to give GDAL, or None to let it follow $DWGCODEPAGE.

    R2007 (AC1021) and later drawings are UTF-8 whatever $DWGCODEPAGE says, but GDAL follows the code page
    and turns Chinese into mojibake. Older ones are in their code page (GDAL maps ANSI_936 to GBK itself);
    a drawing that claims the default ANSI_1252 yet holds UTF-8 or GBK bytes was written by a tool that did
    not declare its encoding, as Shapefiles without .cpg are.
    """
    if data.startswith(b"AutoCAD Binary DXF"):  # group codes as bytes, strings NUL-terminated
        version = _BINARY_VERSION.search(data[:1 << 12])
        return "UTF-8" if version and int(version.group(1)) >= 1021 else None
    header = {m.group(1).decode(): m.group(2).strip().decode("ascii", "replace")
              for m in _HEADER_VALUE.finditer(data[:1 << 16])}
    version = header.get("ACADVER", "").upper()
    if version.startswith("AC") and version[2:].isdigit() and int(version[2:]) >= 1021:
        return "UTF-8"
    if header.get("DWGCODEPAGE", "").upper() not in ("", "ANSI_1252") or data.isascii():
        return None
    for codec in ("UTF-8", "GB18030"):
        try:
            data.decode(codec)
        except UnicodeDecodeError:
            continue
        return codec
    return None


# --- units ---------------------------------------------------------------------------------------

#: $INSUNITS codes scaled to metres, and metres per unit: millimetres, centimetres, decimetres.
METRIC_UNITS = {4: 0.001, 5: 0.01, 14: 0.1}
#: $INSUNITS codes read as they are: unitless and metres.
METRES = (0, 6)
#: A unit is believed when the outlines read in it are, in the median, at least this many metres across
#: (the diagonal of their bounding boxes): no set of buildings, parcels, green areas or lines is smaller.
MIN_MEDIAN_SIZE = 3.0


def drawing_units(data: bytes) -> int:
    """The $INSUNITS code of a DXF's header; 0 (unitless) when it has none."""
    head = data[:1 << 16]
    if head.startswith(b"AutoCAD Binary DXF"):
        found = _BINARY_INSUNITS.search(head)
        return int.from_bytes(found.group(1), "little", signed=True) if found else 0
    value = next((m.group(2).strip() for m in _HEADER_VALUE.finditer(head) if m.group(1) == b"INSUNITS"), b"0")
    return int(value) if value.lstrip(b"-").isdigit() else 0


def in_metres(shapes: np.ndarray, units: int, source: dict) -> tuple[np.ndarray, list[CheckWarning]]:
    """`shapes` (a copy) in metres, and what was done to them: scaled from the drawing's unit, or left as they
    are because the unit is not one plans are drawn in or their sizes say the header is wrong."""
    if units in METRES:
        return shapes.copy(), []
    details = {**source, "units": units}
    factor = METRIC_UNITS.get(units)
    if factor is None:
        return shapes.copy(), [CheckWarning("dxf_units_unknown", None, None, details)]
    sized = shapes[~shapely.is_empty(shapes) & (shapely.get_type_id(shapes) != shapely.GeometryType.POINT)]
    if len(sized):
        bounds = shapely.bounds(sized)
        size = float(np.nanmedian(np.hypot(bounds[:, 2] - bounds[:, 0], bounds[:, 3] - bounds[:, 1]))) * factor
        if size < MIN_MEDIAN_SIZE:
            return shapes.copy(), [CheckWarning("dxf_units_ignored", None, None, {**details, "size": size})]
    return (shapely.transform(shapes, lambda xy: xy * factor),
            [CheckWarning("dxf_units_scaled", None, None, {**details, "divisor": round(1 / factor)})])


# --- the drawing ---------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Drawing:
    """Every entity of a DXF as GDAL reads it, CAD layer names and texts decoded. Shared: never modify."""

    fids: np.ndarray  # int64
    layers: np.ndarray  # CAD layer per entity
    handles: np.ndarray  # entity handle (hex text); the INSERT's for the parts of an exploded block
    texts: np.ndarray  # the cleaned text of TEXT/MTEXT/ATTRIB entities, None for all else
    model: np.ndarray  # bool: in model space (paper-space title blocks and viewports are not the site)
    outline: np.ndarray  # bool: a closed shape (closed polyline, circle, hatch...) in model space
    hatch: np.ndarray  # bool: a HATCH (often the fill of a polyline outline drawn once more)
    open_line: np.ndarray  # bool: a line in model space that does not close
    shapes: np.ndarray  # 2D geometry; outlines as polygons
    attributes: pd.DataFrame  # GDAL's fields, Layer and Text decoded, indexed by fid (for control lines)
    sha256: str
    #: bool: every coordinate a number. An entity with NaN or infinity stays out of any GEOS operation here; the
    #: loaders' planner.io.clean names it.
    finite: np.ndarray
    caught: tuple[pywarnings.WarningMessage, ...]  # what GDAL warned about while reading
    units: int = 0  # $INSUNITS: what one drawing unit is (shapes are in drawing units)


def is_dxf(path: Path) -> bool:
    return path.suffix.lower() == ".dxf"


def drawing(path: Path) -> Drawing:
    """The drawing at `path`, read once while the file is unchanged (listing and each role read it)."""
    check_file(path)
    if path.is_dir():  # (a folder named .gdb passes check_file, but is no drawing)
        raise InputError("path_is_folder", path=str(path))
    stat = path.stat()
    with _GDAL_LOCK:
        return _read_cached(str(path.resolve()), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=2)  # a plan and a scheme
def _read_cached(path: str, _mtime_ns: int, _size: int) -> Drawing:
    return _read(Path(path))


def _read(path: Path) -> Drawing:
    data = path.read_bytes()
    if not dxf_complete(data):  # GDAL reads what comes before a cut: the drawing's last entities would be lost
        raise InputError("dxf_truncated", path=str(path))
    options = {"DXF_CLOSED_LINE_AS_POLYGON": "TRUE",
               # Each polyline of a block its own feature: a block of two footprints is two buildings.
               "DXF_MERGE_BLOCK_GEOMETRIES": "FALSE",
               "DXF_ENCODING": text_encoding(data)}
    previous = {name: pyogrio.get_gdal_config_option(name) for name in options}
    pyogrio.set_gdal_config_options(options)
    try:
        with pywarnings.catch_warnings(record=True) as caught:
            pywarnings.simplefilter("always")
            meta, table = read_arrow(path, layer=GDAL_LAYER, return_fids=True)
        frame = table.drop_columns([c for c in ("wkb_geometry", "geometry") if c in table.column_names]).to_pandas()
    except (DataSourceError, DataLayerError, OSError, ValueError) as exc:  # UnicodeDecodeError is a ValueError
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise gdal_failure(path, message) from None
    finally:
        pyogrio.set_gdal_config_options(previous)
    geometry_column = meta.get("geometry_name") or "wkb_geometry"
    if table.num_rows == 0 or geometry_column not in table.column_names:
        raise InputError("empty_layer", path=str(path), layer=GDAL_LAYER)
    fid_column = meta.get("fid_column") or "OGC_FID"
    fids = frame.pop(fid_column).to_numpy(dtype=np.int64) if fid_column in frame else np.arange(len(frame))
    frame.index = pd.Index(fids, name="fid")
    with quiet_nan():  # a NaN coordinate is told per feature by planner.io.clean
        geometry = shapely.from_wkb(table.column(geometry_column).to_numpy(zero_copy_only=False),
                                    on_invalid="ignore")
        geometry = shapely.force_2d(geometry)  # text insertion points and old POLYLINEs carry Z; areas are planar

    layers = _decoded(frame["Layer"] if "Layer" in frame else pd.Series([""] * len(frame)), decode_escapes)
    subclasses = frame["SubClasses"].fillna("").astype(str) if "SubClasses" in frame else pd.Series([""] * len(frame))
    hatch = subclasses.str.contains("AcDbHatch", regex=False).to_numpy()
    types = shapely.get_type_id(geometry)
    raw_text = frame["Text"] if "Text" in frame else pd.Series([None] * len(frame))
    is_text = (types == shapely.GeometryType.POINT) & raw_text.notna().to_numpy() & ~hatch
    texts = np.full(len(frame), None, dtype=object)
    texts[is_text] = _decoded(raw_text[is_text], clean_text)
    # PaperSpace arrives as an object column of True and None (model space).
    paper = frame["PaperSpace"].to_numpy(dtype=object) if "PaperSpace" in frame else np.full(len(frame), None)
    model = np.array([v is not True and v != 1 for v in paper], dtype=bool)

    shapes = geometry.copy()
    polygonal = np.isin(types, (shapely.GeometryType.POLYGON, shapely.GeometryType.MULTIPOLYGON))
    lines = np.isin(types, (shapely.GeometryType.LINESTRING, shapely.GeometryType.LINEARRING,
                            shapely.GeometryType.MULTILINESTRING))
    # Circles, ellipses and polylines whose last vertex meets the first (without the closed flag) are closed.
    ring = lines & (types != shapely.GeometryType.MULTILINESTRING) & shapely.is_closed(geometry)
    ring &= shapely.get_num_coordinates(geometry) >= 4
    if ring.any():
        coords, index = shapely.get_coordinates(geometry[ring], return_index=True)
        with quiet_nan():
            shapes[ring] = shapely.polygons(shapely.linearrings(coords, indices=index))
    outline = (polygonal | ring) & model & ~is_text
    attributes = frame.copy()
    if "Layer" in attributes:
        attributes["Layer"] = layers
    if "Text" in attributes:
        attributes["Text"] = np.where(is_text, texts, attributes["Text"].to_numpy(dtype=object))
    handles = frame["EntityHandle"].fillna("").astype(str).to_numpy(dtype=object) if "EntityHandle" in frame \
        else np.array([f"#{f}" for f in fids], dtype=object)
    return Drawing(fids=fids, layers=layers, handles=handles, texts=texts, model=model, outline=outline,
                   hatch=hatch & outline, open_line=lines & ~ring & model, shapes=shapes, attributes=attributes,
                   sha256=hashlib.sha256(data).hexdigest(),  # as planner.io.gdal.file_sha256 of the one file
                   finite=finite(shapes), caught=tuple(caught), units=drawing_units(data))


def _decoded(values: pd.Series, decode) -> np.ndarray:
    """`decode` over a text column, once per distinct value."""
    codes, uniques = pd.factorize(values.fillna("").astype(str), use_na_sentinel=False)
    return np.array([decode(str(u)) for u in uniques], dtype=object)[codes] if len(uniques) else \
        np.array([], dtype=object)


# --- CAD layers ----------------------------------------------------------------------------------

def cad_name_suggests(name: str, role: str) -> bool:
    """A CAD layer name that says it holds `role` outlines; a "线" (line) layer never does (建筑控制线, 用地红线)."""
    lowered = unicodedata.normalize("NFKC", name).lower()
    tokens = [t for t in re.split(r"[^a-z0-9]+", lowered) if t]
    if "线" in lowered or any("line" in t for t in tokens):
        return False
    return any(any(t.startswith(h) for t in tokens) if h.isascii() else h in lowered for h in CAD_HINTS[role])


def outline_counts(d: Drawing) -> dict[str, int]:
    """CAD layer -> closed outlines on it, in name order."""
    counts = pd.Series(d.layers[d.outline]).value_counts()
    return {str(name): int(counts[name]) for name in sorted(counts.index)}


def list_layers(path: Path, role: str | None = None) -> list[str]:
    """The CAD layers holding closed outlines; for control lines, the drawing as one layer ("entities")."""
    if role == "lines":
        return [GDAL_LAYER]
    return list(outline_counts(drawing(path)))


def choose_layer(path: Path, role: str, requested: str | None) -> str:
    """The CAD layers read for `role`, joined by ";" (what read_layer reads when given this back)."""
    return ";".join(select_layers(path, drawing(path), role, requested))


def select_layers(path: Path, d: Drawing, role: str, requested: str | None) -> list[str]:
    """The named CAD layers (";"-separated names or * ? patterns), else all whose names suggest the role."""
    listed = list(outline_counts(d))
    if requested is not None and requested.strip() not in ("", GDAL_LAYER):
        return _matching(path, requested, sorted(set(d.layers[d.model])), listed)
    if not listed:
        _raise_no_outlines(path, d, sorted(set(d.layers[d.open_line])))
    if requested is not None or len(listed) == 1:
        return listed  # "entities": every CAD layer that holds outlines
    suggested = [name for name in listed if cad_name_suggests(name, role)]
    if suggested:
        return suggested
    raise InputError("layer_ambiguous", path=str(path), role=role, layers=", ".join(listed))


def _matching(path: Path, requested: str, names: list[str], listed: list[str]) -> list[str]:
    chosen: list[str] = []
    for item in (part.strip() for part in requested.split(";")):
        if not item:
            continue
        wanted = item.casefold()
        if any(c in item for c in "*?["):
            found = [n for n in names if fnmatch.fnmatchcase(n.casefold(), wanted)]
        else:
            found = [n for n in names if n.casefold() == wanted]
        if not found:
            raise InputError("layer_missing", path=str(path), layer=item, layers=", ".join(listed) or "-")
        chosen += [n for n in found if n not in chosen]
    if not chosen:
        raise InputError("layer_missing", path=str(path), layer=requested, layers=", ".join(listed) or "-")
    return chosen


def _raise_no_outlines(path: Path, d: Drawing, layers: list[str]) -> None:
    in_layers = d.open_line & np.isin(d.layers, layers)
    raise InputError("dxf_no_outlines", path=str(path), layer=";".join(layers) or "-", count=int(in_layers.sum()),
                     layers=", ".join(outline_counts(d)) or "-")


# --- land-use codes in layer names ---------------------------------------------------------------

_CODE_PART = re.compile(r"[A-Z]\d*|\d{2,8}")  # 8 digits: local subclasses such as 09010501


def layer_land_use(name: str) -> str | None:
    """The land-use code a CAD layer name carries: "YDGIS-070102" -> "070102", "YD-R2" -> "R2",
    "xx-070102#1" -> "070102", "用地-R2／B1" -> "R2/B1" (CAD writes the mixed-use "/" full-width); else None."""
    from planner.io.landuse import split_codes

    text = unicodedata.normalize("NFKC", name).split("#", 1)[0].strip()
    candidate = re.split(r"[-_\s]+", text)[-1].strip()
    codes = split_codes(candidate)
    if not codes or not all(_CODE_PART.fullmatch(c) for c in codes):
        return None
    return candidate.upper()


def merge_land_use(text: str | None, layer: str | None) -> tuple[str | None, bool]:
    """(the parcel's land use, whether text and layer name disagree). The text wins; a code refining the
    other ("R" -> "R2", "0701" -> "070102") is taken without a conflict."""
    if text is None or layer is None:
        return text or layer, False
    a, b = _normal(text).upper(), _normal(layer).upper()
    if a == b or a.startswith(b):
        return text, False
    if b.startswith(a):
        return layer, False
    return text, True


# --- reading texts -------------------------------------------------------------------------------

_NUMBER = r"\d+(?:\.\d+)?"
_LABEL_SEP = r"\s*[:=]?\s*"
_ID_SUFFIX = r"(?:#楼|号楼|#|号|栋|幢|座)"
_BUILDING_ID = re.compile(rf"(?:(?:楼号|楼栋号|建筑编号){_LABEL_SEP})?[A-Z0-9]+(?:-[A-Z0-9]+)*{_ID_SUFFIX}",
                          re.IGNORECASE)
_SPLIT_AFTER_ID = re.compile(rf"^([A-Z0-9]+(?:-[A-Z0-9]+)*{_ID_SUFFIX})(?=[\d-]|地|H|高)", re.IGNORECASE)
_STOREY = r"(?:F|层)"
_ABOVE_BELOW = re.compile(rf"({_NUMBER}){_STOREY}?\s*/\s*-\s*(\d+){_STOREY}?", re.IGNORECASE)
_ABOVE = re.compile(rf"(?:地上)?({_NUMBER}){_STOREY}", re.IGNORECASE)
_BELOW = re.compile(rf"(?:-(\d+){_STOREY}|地下(\d+)层|-(\d+)F)", re.IGNORECASE)
_ABOVE_AND_BELOW = re.compile(rf"地上({_NUMBER})层[,;/\s]*地下(\d+)层")
# (Chinese numerals too: "十八层" is storeys written out, which should be said, not passed over as an unknown text.)
_LOOKS_LIKE_STOREYS = re.compile(rf"[\d一二三四五六七八九十百两]\s*{_STOREY}|{_STOREY}\s*\d|\d\s*/\s*-|地[上下]",
                                 re.IGNORECASE)
_BUILDING_HEIGHT = re.compile(rf"(?:H|高|高度|建筑高度|檐口高度){_LABEL_SEP}({_NUMBER})\s*(?:m|米)?", re.IGNORECASE)

_PLAN_LABELS = (
    ("容积率", re.compile(rf"(?:容积率|FAR|RJL){_LABEL_SEP}(.+)", re.IGNORECASE)),
    ("建筑密度", re.compile(rf"(?:建筑密度|密度|JZMD){_LABEL_SEP}(.+)", re.IGNORECASE)),
    ("绿地率", re.compile(rf"(?:绿地率|LDL){_LABEL_SEP}(.+)", re.IGNORECASE)),
    ("建筑限高", re.compile(rf"(?:建筑限高|限高|建筑高度|高度|JZXG|H){_LABEL_SEP}(.+)", re.IGNORECASE)),
    ("用地代码", re.compile(rf"(?:用地性质|用地代码|用地类型|性质|地类|YDXZ|YDDM){_LABEL_SEP}(.+)", re.IGNORECASE)),
    ("地块编号", re.compile(rf"(?:地块编号|地块号|编号|DKBH){_LABEL_SEP}(.+)", re.IGNORECASE)),
)
_GREEN_ID_LABEL = re.compile(rf"(?:绿地编号|编号|LDBH){_LABEL_SEP}(.+)", re.IGNORECASE)
# "XG-01-02", "A-01", "DK3-2", "西关-01": parts joined by "-", with a letter and a digit somewhere.
_ID_LIKE = re.compile(r"[A-Z0-9\u4e00-\u9fff]+(?:-[A-Z0-9\u4e00-\u9fff]+)+", re.IGNORECASE)
_LAND_USE_LIKE = re.compile(r"[A-Z0-9/()、+]+", re.IGNORECASE)


def _id_like(text: str) -> bool:
    return bool(_ID_LIKE.fullmatch(text)) and any(c.isdigit() for c in text) and \
        any(c.isalpha() for c in text) and len(text) <= 24


def _land_use_like(text: str) -> bool:
    """A bare code the land-use table knows ("R2", "0701", "R2/B1"); 2-digit numbers are too often other things."""
    from planner.io.landuse import shipped_table, split_codes

    if not _LAND_USE_LIKE.fullmatch(text):
        return False
    codes = split_codes(text)
    if not codes or any(not _CODE_PART.fullmatch(c) or (c.isdigit() and len(c) < 4) for c in codes):
        return False
    return not shipped_table().unknown_codes(text)


#: What a text gave: (column, value) pairs, the pieces that look like storeys but do not read, and the pieces
#: (lines or words) that say nothing Planner reads.
Reading = tuple[tuple[tuple[str, str], ...], tuple[str, ...], tuple[str, ...]]


@lru_cache(maxsize=65536)
def read_text(text: str, role: str) -> Reading:
    """What one text says for `role`, line by line; a line that says nothing whole is read word by word."""
    found: list[tuple[str, str]] = []
    unreadable: list[str] = []
    unknown: list[str] = []
    for line in text.splitlines():
        line = _normal(line)
        if not line:
            continue
        pairs, bad = _read_piece(line, role)
        if not pairs and " " in line:  # "3#楼 18F": several things on one line
            words = [(word, *_read_piece(word, role)) for word in line.split(" ")]
            if any(word_pairs for _, word_pairs, _ in words):
                pairs = [pair for _, word_pairs, _ in words for pair in word_pairs]
                bad = [piece for _, _, word_bad in words for piece in word_bad]
                unknown += [word for word, word_pairs, word_bad in words if not word_pairs and not word_bad]
        elif not pairs and not bad:
            unknown.append(line)
        found += pairs
        unreadable += bad
    return tuple(dict.fromkeys(found)), tuple(unreadable), tuple(unknown)


def _read_piece(text: str, role: str) -> tuple[list[tuple[str, str]], list[str]]:
    if role == "buildings":
        return _read_building(text)
    if role == "plan":
        return _read_parcel(text), []
    match = _GREEN_ID_LABEL.fullmatch(text)
    if match:
        return [("绿地编号", match.group(1).strip())], []
    return ([("绿地编号", text)] if _id_like(text) else []), []


def _read_building(text: str) -> tuple[list[tuple[str, str]], list[str]]:
    if _BUILDING_ID.fullmatch(text):
        return [("建筑编号", re.sub(rf"^(?:楼号|楼栋号|建筑编号){_LABEL_SEP}", "", text))], []
    split = _SPLIT_AFTER_ID.match(text)
    if split:  # "3#楼18F": an id and storeys written together
        first, rest = _read_building(split.group(1))
        more, bad = _read_building(text[split.end():].strip())
        return first + more, rest + bad
    storeys = _read_storeys(text)
    if storeys is not None:
        return storeys, []
    match = _BUILDING_HEIGHT.fullmatch(text)
    if match:
        return [("建筑高度", match.group(1))], []
    if _LOOKS_LIKE_STOREYS.search(text):
        return [], [text]
    if _id_like(text):  # "G-1", "YE-1": an id without "#" or "栋"
        return [("建筑编号", text)], []
    from planner.io.landuse import shipped_table

    if shipped_table().normalise_use(text) is not None:
        return [("建筑用途", text)], []
    return [], []


def _read_storeys(text: str) -> list[tuple[str, str]] | None:
    """"18F", "18层", "地上18层" -> above; "-2F", "地下2层" -> below; "18/-2", "18F/-2F" and
    "地上18层地下2层" -> both."""
    for pattern in (_ABOVE_BELOW, _ABOVE_AND_BELOW):
        match = pattern.fullmatch(text)
        if match:
            return [("地上层数", match.group(1)), ("地下层数", match.group(2))]
    match = _ABOVE.fullmatch(text)
    if match:
        return [("地上层数", match.group(1))]
    match = _BELOW.fullmatch(text)
    if match:
        return [("地下层数", next(g for g in match.groups() if g))]
    return None


def _read_parcel(text: str) -> list[tuple[str, str]]:
    for column, pattern in _PLAN_LABELS:
        match = pattern.fullmatch(text)
        if match:
            return [(column, match.group(1).strip())]
    if _land_use_like(text):
        return [("用地代码", text.upper())]
    if _id_like(text):
        return [("地块编号", text)]
    return []


# --- one role ------------------------------------------------------------------------------------

def read_layer(path: Path, role: str, layer: str | None) -> RawLayer:
    """The outlines of the chosen CAD layers with the texts inside them as columns (control lines: the
    drawing's lines and areas as GDAL gives them)."""
    d = drawing(path)
    if role not in POLYGON_ROLES:
        return _lines(path, d, layer)
    names = select_layers(path, d, role, layer)
    chosen = np.isin(d.layers, names)
    picked = np.flatnonzero(d.outline & chosen)
    if len(picked) == 0:
        _raise_no_outlines(path, d, names)
    picked = _without_hatch_copies(d, picked)
    source = {"path": path.name, "layer": ";".join(names)}
    warnings = _open_line_warnings(d, chosen, source)
    own, foreign = _own_layers(d, names, role)
    owners, text_rows = _assign_texts(d, picked, foreign)
    frame, text_warnings = _columns(d, picked, role, owners, text_rows, own, source)
    geometry, unit_warnings = in_metres(d.shapes[picked], d.units, source)
    return RawLayer(path=path, layer=";".join(names), fields=frame, geometry=geometry, crs=None,
                    encoding=None, sha256=d.sha256,
                    warnings=reading_warnings(d.caught, path, ";".join(names)) + tuple(unit_warnings + warnings
                                                                                     + text_warnings),
                    stray=d.shapes[d.open_line & chosen & d.finite].copy())


def _lines(path: Path, d: Drawing, layer: str | None) -> RawLayer:
    keep = d.model & pd.isna(d.texts)  # texts would each be warned as "neither a line nor an area"
    if layer is not None and layer.strip() not in ("", GDAL_LAYER):
        keep &= np.isin(d.layers, _matching(path, layer, sorted(set(d.layers[keep])), sorted(set(d.layers[keep]))))
    if not keep.any():
        raise InputError("empty_layer", path=str(path), layer=layer or GDAL_LAYER)
    geometry, unit_warnings = in_metres(d.shapes[keep], d.units, {"path": path.name, "layer": layer or GDAL_LAYER})
    return RawLayer(path=path, layer=layer or GDAL_LAYER, fields=d.attributes[keep].copy(),
                    geometry=geometry, crs=None, encoding=None, sha256=d.sha256,
                    warnings=reading_warnings(d.caught, path, layer or GDAL_LAYER) + tuple(unit_warnings))


def _without_hatch_copies(d: Drawing, picked: np.ndarray) -> np.ndarray:
    """Drop hatches that fill a polyline outline also chosen (CAD plans often hatch each parcel in its colour)."""
    is_hatch = d.hatch[picked]
    if not is_hatch.any() or is_hatch.all():
        return picked
    hatches, outlines = picked[is_hatch], picked[~is_hatch]
    hatches, outlines = hatches[d.finite[hatches]], outlines[d.finite[outlines]]  # NaN: GEOS would throw
    valid = shapely.make_valid(d.shapes[np.concatenate([hatches, outlines])])
    hatch_shapes, outline_shapes = valid[:len(hatches)], valid[len(hatches):]
    h, o = shapely.STRtree(outline_shapes).query(hatch_shapes, predicate="intersects")
    overlap = shapely.area(shapely.intersection(hatch_shapes[h], outline_shapes[o]))
    union = shapely.area(hatch_shapes[h]) + shapely.area(outline_shapes[o]) - overlap
    same = overlap >= 0.99 * union
    copies = np.zeros(len(hatches), dtype=bool)
    copies[h[same]] = True
    return np.setdiff1d(picked, hatches[copies])


def _open_line_warnings(d: Drawing, chosen: np.ndarray, source: dict) -> list[CheckWarning]:
    """One warning per chosen CAD layer holding lines that do not close: they are no outlines."""
    rows = np.flatnonzero(d.open_line & chosen)
    warnings = []
    for name, group in pd.Series(rows).groupby(d.layers[rows], sort=True):
        handles = d.handles[group.to_numpy()]
        listed = ", ".join(handles[:10]) + (" …" if len(handles) > 10 else "")
        warnings.append(CheckWarning("dxf_open_lines", None, None, {**source, "cad_layer": str(name),
                                                                    "count": len(handles), "handles": listed}))
    return warnings


def _own_layers(d: Drawing, names: list[str], role: str) -> tuple[set[str], set[str]]:
    """(CAD layers whose texts are the role's own, layers of other roles whose texts are left alone)."""
    layers = set(d.layers[d.model & pd.notna(d.texts)])
    own = set(names) | {n for n in layers if cad_name_suggests(n, role)}
    foreign = {n for n in layers - own if any(cad_name_suggests(n, r) for r in POLYGON_ROLES if r != role)}
    return own, foreign


def _assign_texts(d: Drawing, picked: np.ndarray, foreign: set[str]) -> tuple[np.ndarray, np.ndarray]:
    """The texts considered (all but those of other roles' layers), and for each the position in `picked` of
    the smallest outline holding it (-1: none)."""
    rows = np.flatnonzero(d.model & pd.notna(d.texts) & ~np.isin(d.layers, list(foreign)))
    rows = rows[np.array([bool(t) for t in d.texts[rows]], dtype=bool)] if len(rows) else rows
    owners = np.full(len(rows), -1, dtype=np.int64)
    if len(rows):
        shapes = d.shapes[picked].copy()
        broken = np.flatnonzero(~d.finite[picked])  # NaN: GEOS would throw. Its other vertices hold its texts
        shapes[broken] = [_finite_box(g) for g in shapes[broken]]  # (so the warning names it by its id)
        points = np.where(d.finite[rows], d.shapes[rows], None)  # None: no outline holds it
        point, shape = shapely.STRtree(shapes).query(points, predicate="intersects")
        order = np.lexsort((shapely.area(shapes[shape]), point))  # smallest outline first for each text
        point, shape = point[order], shape[order]
        first = np.r_[True, point[1:] != point[:-1]] if len(point) else np.zeros(0, dtype=bool)
        owners[point[first]] = shape[first]
    return owners, rows


def _finite_box(geometry) -> shapely.Geometry | None:
    """The box around the vertices of `geometry` that are numbers (None if none is)."""
    coordinates = shapely.get_coordinates(geometry)
    coordinates = coordinates[np.isfinite(coordinates).all(axis=1)]
    if not len(coordinates):
        return None
    return shapely.box(*coordinates.min(axis=0), *coordinates.max(axis=0))


def _columns(d: Drawing, picked: np.ndarray, role: str, owners: np.ndarray, rows: np.ndarray,
             own_layers: set[str], source: dict) -> tuple[pd.DataFrame, list[CheckWarning]]:
    """The attribute frame (one row per outline) and the warnings about texts and missing ids."""
    handles, layers = d.handles[picked], d.layers[picked]
    texts = d.texts[rows]
    codes, uniques = pd.factorize(pd.Series(texts, dtype=object))
    readings = [read_text(str(u), role) for u in uniques]  # each distinct text read once
    found = np.array([bool(r[0]) for r in readings], dtype=bool)[codes]
    bad = np.array([bool(r[1]) for r in readings], dtype=bool)[codes]
    unknown = np.array([bool(r[2]) for r in readings], dtype=bool)[codes] & (role != "green")  # labels, mostly
    own = np.isin(d.layers[rows], list(own_layers))
    inside = owners >= 0

    def about(k: int, pieces: tuple[str, ...] | None = None) -> dict:
        text = " / ".join(pieces) if pieces else str(texts[k])
        details = {**source, "cad_layer": str(d.layers[rows[k]]), "handle": str(d.handles[rows[k]]), "text": text}
        return details if owners[k] < 0 else {**details, "outline": handles[owners[k]]}

    warnings = [CheckWarning("dxf_text_outside", None, None, about(k))
                for k in np.flatnonzero(~inside & own & (found | bad))]
    warnings += [_about("dxf_storeys_unreadable", about(k, readings[codes[k]][1]), owners[k])
                 for k in np.flatnonzero(inside & own & bad)]
    warnings += [_about("dxf_text_unused", about(k, readings[codes[k]][2]), owners[k])
                 for k in np.flatnonzero(inside & own & unknown)]
    said = pd.DataFrame([(owners[k], column, value, k) for k in np.flatnonzero(inside & found)
                         for column, value in readings[codes[k]][0]], columns=["outline", "column", "value", "k"])
    values, conflicts = _values(said, role, len(picked), texts)
    id_column = ID_COLUMN[role]
    named = pd.notna(values[id_column])
    names = np.array([f"#{h}" for h in handles], dtype=object)  # an outline without an id text: its handle
    names[named] = values[id_column][named]
    values[id_column] = names
    warnings += [_about("dxf_text_conflict", {**source, "cad_layer": str(layers[owner]), "outline": handles[owner],
                                              "texts": shown}, owner) for owner, _column, shown in conflicts]
    if role == "plan":
        _layer_land_uses(values, layers, handles, source, warnings)
    if role != "green":
        conflicted = {owner for owner, column, _ in conflicts if column == id_column}
        warnings += [_about("dxf_no_id", {**source, "cad_layer": str(layers[i]), "outline": handles[i]}, i)
                     for i in np.flatnonzero(~named) if i not in conflicted]
    frame = pd.DataFrame({**values, CAD_LAYER: layers, HANDLE: handles,
                          TEXTS: _texts_column(owners[inside], [" ".join(str(u).split()) for u in uniques],
                                               codes[inside], len(picked))},
                         index=pd.Index(d.fids[picked], name="fid"))
    return frame, _named(warnings, role, names)


def _values(said: pd.DataFrame, role: str, n: int, texts: np.ndarray
            ) -> tuple[dict[str, np.ndarray], list[tuple[int, str, str]]]:
    """Column -> value per outline where its texts agree; (outline, column, the texts) where they do not."""
    values = {column: np.full(n, None, dtype=object) for column in COLUMNS[role]}
    distinct = said.drop_duplicates(["outline", "column", "value"])
    size = distinct.groupby(["outline", "column"])["value"].transform("size").to_numpy()
    for column, group in distinct[size == 1].groupby("column"):
        values[str(column)][group["outline"].to_numpy()] = group["value"].to_numpy()
    conflicts = [(int(owner), str(column), " / ".join(f"\"{texts[k]}\"" for k in group["k"]))
                 for (owner, column), group in distinct[size > 1].groupby(["outline", "column"])]
    return values, conflicts


def _texts_column(owners: np.ndarray, shown: list[str], codes: np.ndarray, n: int) -> np.ndarray:
    """Every distinct text inside each outline, joined with " / " (for the inspector and the spreadsheet)."""
    column = np.full(n, "", dtype=object)
    if len(owners):
        pairs = pd.DataFrame({"outline": owners, "code": codes}).drop_duplicates()
        pairs["text"] = np.array(shown, dtype=object)[pairs["code"].to_numpy()]
        joined = pairs.groupby("outline", sort=False)["text"].agg(" / ".join)
        column[joined.index.to_numpy()] = joined.to_numpy()
    return column


def _layer_land_uses(values: dict, layers: np.ndarray, handles: np.ndarray, source: dict,
                     warnings: list[CheckWarning]) -> None:
    """The land use of each parcel from its texts and its CAD layer name (module docstring: the text wins)."""
    codes, uniques = pd.factorize(pd.Series(layers, dtype=object))
    from_layer = np.array([layer_land_use(str(u)) for u in uniques], dtype=object)[codes]
    column = values["用地代码"]
    for i in range(len(column)):
        merged, conflict = merge_land_use(column[i], from_layer[i])
        if conflict:
            warnings.append(_about("dxf_land_use_conflict", {**source, "cad_layer": str(layers[i]),
                                                         "outline": handles[i], "text": column[i],
                                                         "code": from_layer[i]}, i))
        column[i] = merged


def _about(code: str, details: dict, owner: int) -> CheckWarning:
    """A warning about outline `owner`; its parcel or building is named once ids are known (_named)."""
    return CheckWarning(code, None, None, {**details, "_owner": owner})


def _named(warnings: list[CheckWarning], role: str, names: np.ndarray) -> list[CheckWarning]:
    out = []
    for w in warnings:
        if "_owner" not in w.details:
            out.append(w)
            continue
        details = {k: v for k, v in w.details.items() if k != "_owner"}
        name = str(names[w.details["_owner"]])
        details["name"] = name
        parcel = name if role == "plan" else None
        building = name if role == "buildings" else None
        out.append(CheckWarning(w.code, parcel, building, details))
    return out
