"""What a path holds before GDAL opens it, and what GDAL's failures mean: a folder, an empty file, a file cut off,
a Shapefile missing a part, a GeoPackage without layers, a damaged database.

GDAL says "not recognized as being in a supported file format" of a folder, an empty file and a GeoPackage
without layers alike, quotes SQL of a damaged GeoPackage, and reads what it can of a file cut off (a DXF or a
Shapefile's .dbf then silently lose their last features). These checks read headers only, never the whole file.
"""

from __future__ import annotations

import struct
import warnings
from collections.abc import Iterable
from pathlib import Path

from planner.model import CheckWarning, InputError

__all__ = ["SQLITE_MAGIC", "check_file", "dxf_complete", "gdal_failure", "reading_warnings", "sibling"]

SQLITE_MAGIC = b"SQLite format 3\x00"
#: The words of GDAL's "not recognized as being in a supported file format" in its versions' spellings.
_NOT_RECOGNISED = ("not recognized as", "not recognised as", "supported file format")
#: SQLite's words for a database file whose pages do not make sense.
_DAMAGED = ("malformed", "file is not a database", "disk i/o error", "database corrupt")


def check_file(path: Path) -> None:
    """Raise InputError if `path` is no file Planner can read as it stands: missing, a folder (a File
    Geodatabase .gdb folder excepted), empty, cut off, or a Shapefile without its .shx or .dbf."""
    if not path.exists():
        raise InputError("file_missing", path=str(path))
    if path.is_dir():
        # A File Geodatabase is a folder. GDAL would also read a folder of Shapefiles, but without the encoding
        # rules of planner.io.gdal.shapefile_encoding: the official is asked to choose the .shp itself.
        if path.suffix.lower() == ".gdb":
            return
        raise InputError("path_is_folder", path=str(path))
    size = path.stat().st_size
    if size == 0:
        raise InputError("file_empty", path=str(path))
    if path.suffix.lower() == ".shp":
        _check_shapefile(path)
    with path.open("rb") as handle:
        head = handle.read(100)
    if head.startswith(SQLITE_MAGIC):
        _check_sqlite(path, head, size)


def sibling(path: Path, suffix: str) -> Path | None:
    """The file next to `path` with the same stem and `suffix` (".dbf"), in any letter case; None if absent."""
    for candidate in (path.with_suffix(suffix), path.with_suffix(suffix.upper())):
        if candidate.is_file():
            return candidate
    return next((p for p in path.parent.glob(path.stem + ".*")
                 if p.suffix.lower() == suffix and p.stem == path.stem and p.is_file()), None)


def _check_shapefile(shp: Path) -> None:
    shx = sibling(shp, ".shx")
    if shx is None:
        raise InputError("shx_missing", path=str(shp), shx=shp.with_suffix(".shx").name)
    dbf = sibling(shp, ".dbf")
    if dbf is None:
        raise InputError("dbf_missing", path=str(shp), dbf=shp.with_suffix(".dbf").name)
    for part in (shp, shx):
        with part.open("rb") as handle:
            header = handle.read(28)
        if len(header) >= 28 and struct.unpack(">i", header[:4])[0] == 9994:
            expected = 2 * struct.unpack(">i", header[24:28])[0]  # the file length, in 16-bit words
            _refuse_if_short(part, part.stat().st_size, expected)
    with dbf.open("rb") as handle:
        header = handle.read(12)
    if len(header) == 12:
        records, header_length, record_length = struct.unpack("<IHH", header[4:12])
        _refuse_if_short(dbf, dbf.stat().st_size, header_length + records * record_length)
    else:
        _refuse_if_short(dbf, dbf.stat().st_size, 32)


def _check_sqlite(path: Path, head: bytes, size: int) -> None:
    """A GeoPackage (SQLite) shorter than the pages its header counts was cut off."""
    if len(head) < 100:
        _refuse_if_short(path, size, 100)
    page_size = struct.unpack(">H", head[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):  # no SQLite page size: a damaged header, GDAL will say
        return
    pages = struct.unpack(">I", head[28:32])[0]
    counted = pages > 0 and head[24:28] == head[92:96]  # the count is valid only if written by this change
    expected = page_size * pages if counted else -(-size // page_size) * page_size
    _refuse_if_short(path, size, expected)


def _refuse_if_short(path: Path, size: int, expected: int) -> None:
    if size < expected:
        raise InputError("file_truncated", path=str(path), size=f"{size:,}", expected=f"{expected:,}")


def dxf_complete(data: bytes) -> bool:
    """Whether a DXF's bytes end with its end marker: group code 0 and "EOF" (binary DXF: "EOF\\0").

    Trailing blank lines, NULs and a DOS end-of-file byte (Ctrl-Z), which some tools append, are allowed.
    """
    tail = data[-256:].rstrip(b"\x00\x1a \t\r\n")
    if data.startswith(b"AutoCAD Binary DXF"):
        return tail.endswith(b"EOF")
    lines = tail.splitlines()
    return len(lines) >= 2 and lines[-1].strip().upper() == b"EOF" and lines[-2].strip() == b"0"


def gdal_failure(path: Path, message: str) -> InputError:
    """The error to raise when GDAL could not open or read `path` (after check_file passed), in plain words
    where GDAL's are no help."""
    lowered = message.lower()
    sqlite = False
    if path.is_file():
        with path.open("rb") as handle:
            sqlite = handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    if sqlite and any(words in lowered for words in _DAMAGED):
        return InputError("file_damaged", path=str(path))
    if any(words in lowered for words in _NOT_RECOGNISED):
        if sqlite:
            return InputError("gpkg_no_layers", path=str(path))
        return InputError("gdb_unreadable" if path.is_dir() else "file_format_unknown", path=str(path))
    return InputError("file_unreadable", path=str(path), error=message)


#: GDAL warnings that planner.io.clean tells per feature, better than GDAL can.
_TOLD_PER_FEATURE = ("non closed ring",)


def reading_warnings(caught: Iterable[warnings.WarningMessage], path: Path, layer: str) -> tuple[CheckWarning, ...]:
    """What GDAL warned about while reading a layer, once per distinct message, as warnings of the check (they
    must not leak to the terminal; an official should see them with the others)."""
    said: dict[str, None] = {}
    for caught_warning in caught:
        text = " ".join(str(caught_warning.message).split())
        if text and not any(words in text.lower() for words in _TOLD_PER_FEATURE):
            said.setdefault(text, None)
    return tuple(CheckWarning("gdal_warning", None, None, {"path": path.name, "layer": layer, "message": text})
                 for text in said)
