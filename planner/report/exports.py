"""Spreadsheet (XLSX) and GIS (GeoPackage) exports of a CheckResult: real numbers, translated headers."""

from __future__ import annotations

import math
import os
import queue
import re
import tempfile
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain, repeat
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from planner.checking.verdicts import is_named
from planner.io.crs import align, crs_label, reproject
from planner.io.layers import BuildingLayer, PlanLayer
from planner.messages import (
    FAR_ESTIMATED,
    QT_TRANSLATE_NOOP,
    format_limit,
    parcel_status_name,
    rule_name,
    tr,
    violation_messages,
    warning_messages,
    warning_name,
)
from planner.model import (
    ACHIEVED,
    INDICATOR_RULES,
    INDICATORS,
    PARCEL_STATES,
    CheckResult,
    CheckWarning,
    InputError,
    Violation,
)
from planner.parallel import in_slices

__all__ = ["OutputIsInputError", "write_findings_gpkg", "write_xlsx"]

# --- words -----------------------------------------------------------------------------------------

#: Export headers and sheet names, marked for lupdate in their own context ("Parcel" is 地块编号 in a
#: spreadsheet header but 地块 in a sentence); the Chinese is in resources/translations.
_WORDS: dict[str, str] = {
    "sheet_parcels": QT_TRANSLATE_NOOP("exports", "Parcels"),
    "sheet_findings": QT_TRANSLATE_NOOP("exports", "Findings"),
    "sheet_buildings": QT_TRANSLATE_NOOP("exports", "Buildings"),
    "sheet_provenance": QT_TRANSLATE_NOOP("exports", "Provenance"),
    "parcel": QT_TRANSLATE_NOOP("exports", "Parcel"),
    "land_use": QT_TRANSLATE_NOOP("exports", "Land-use code"),
    "site_area": QT_TRANSLATE_NOOP("exports", "Site area (m²)"),
    "gfa": QT_TRANSLATE_NOOP("exports", "Counted floor area (m²)"),
    "footprint_area": QT_TRANSLATE_NOOP("exports", "Footprint area (m²)"),
    "green_area": QT_TRANSLATE_NOOP("exports", "Green area (m²)"),
    "far": QT_TRANSLATE_NOOP("exports", "FAR"),
    "density": QT_TRANSLATE_NOOP("exports", "Building density"),
    "max_height": QT_TRANSLATE_NOOP("exports", "Max height (m)"),
    "green_ratio": QT_TRANSLATE_NOOP("exports", "Green ratio"),
    "far_lo": QT_TRANSLATE_NOOP("exports", "FAR min"),
    "far_hi": QT_TRANSLATE_NOOP("exports", "FAR max"),
    "far_text": QT_TRANSLATE_NOOP("exports", "FAR as written"),
    "density_lo": QT_TRANSLATE_NOOP("exports", "Density min"),
    "density_hi": QT_TRANSLATE_NOOP("exports", "Density max"),
    "density_text": QT_TRANSLATE_NOOP("exports", "Density as written"),
    "height_lo": QT_TRANSLATE_NOOP("exports", "Height min (m)"),
    "height_hi": QT_TRANSLATE_NOOP("exports", "Height max (m)"),
    "height_text": QT_TRANSLATE_NOOP("exports", "Height as written"),
    "green_ratio_lo": QT_TRANSLATE_NOOP("exports", "Green ratio min"),
    "green_ratio_hi": QT_TRANSLATE_NOOP("exports", "Green ratio max"),
    "green_ratio_text": QT_TRANSLATE_NOOP("exports", "Green ratio as written"),
    "status": QT_TRANSLATE_NOOP("exports", "Status"),
    "far_estimated": QT_TRANSLATE_NOOP("exports", "FAR from estimated storeys"),
    "violations": QT_TRANSLATE_NOOP("exports", "Violations"),
    "rules": QT_TRANSLATE_NOOP("exports", "Rules"),
    "parcel_buildings": QT_TRANSLATE_NOOP("exports", "Buildings on the parcel"),
    "severity": QT_TRANSLATE_NOOP("exports", "Severity"),
    "rule_id": QT_TRANSLATE_NOOP("exports", "Rule id"),
    "rule": QT_TRANSLATE_NOOP("exports", "Rule"),
    "building": QT_TRANSLATE_NOOP("exports", "Building"),
    "actual": QT_TRANSLATE_NOOP("exports", "Actual"),
    "limit_lo": QT_TRANSLATE_NOOP("exports", "Limit min"),
    "limit_hi": QT_TRANSLATE_NOOP("exports", "Limit max"),
    "limit": QT_TRANSLATE_NOOP("exports", "Limit"),
    "marginal": QT_TRANSLATE_NOOP("exports", "Marginal"),
    "message": QT_TRANSLATE_NOOP("exports", "Message"),
    "note": QT_TRANSLATE_NOOP("exports", "Reviewer note"),
    "accepted": QT_TRANSLATE_NOOP("exports", "Accepted"),
    "reason": QT_TRANSLATE_NOOP("exports", "Reason"),
    "violation": QT_TRANSLATE_NOOP("exports", "violation"),
    "warning": QT_TRANSLATE_NOOP("exports", "warning"),
    "use": QT_TRANSLATE_NOOP("exports", "Use"),
    "storeys": QT_TRANSLATE_NOOP("exports", "Storeys"),
    "height": QT_TRANSLATE_NOOP("exports", "Height (m)"),
    "counted_area": QT_TRANSLATE_NOOP("exports", "Counted area (m²)"),
    "outside_area": QT_TRANSLATE_NOOP("exports", "Outside the plan (m²)"),
    "building_parcels": QT_TRANSLATE_NOOP("exports", "Parcels it stands on"),
    "role": QT_TRANSLATE_NOOP("exports", "Role"),
    "file": QT_TRANSLATE_NOOP("exports", "File"),
    "layer": QT_TRANSLATE_NOOP("exports", "Layer"),
    "features": QT_TRANSLATE_NOOP("exports", "Features"),
    "crs": QT_TRANSLATE_NOOP("exports", "CRS"),
    "sha256": QT_TRANSLATE_NOOP("exports", "SHA-256"),
    "path": QT_TRANSLATE_NOOP("exports", "Path"),
    "role_plan": QT_TRANSLATE_NOOP("exports", "Plan"),
    "role_buildings": QT_TRANSLATE_NOOP("exports", "Scheme buildings"),
    "role_green": QT_TRANSLATE_NOOP("exports", "Green areas"),
    "working_crs": QT_TRANSLATE_NOOP("exports", "Working CRS"),
    "version": QT_TRANSLATE_NOOP("exports", "Planner version"),
    "parcels_checked": QT_TRANSLATE_NOOP("exports", "Parcels checked"),
    "parcels_violating": QT_TRANSLATE_NOOP("exports", "Parcels violating"),
    "violations_total": QT_TRANSLATE_NOOP("exports", "Violations"),
    "warnings_total": QT_TRANSLATE_NOOP("exports", "Warnings"),
    "reviewer": QT_TRANSLATE_NOOP("exports", "Reviewer"),
    "opinion": QT_TRANSLATE_NOOP("exports", "Review opinion"),
    "input_plan": QT_TRANSLATE_NOOP("exports", "plan"),
    "input_buildings": QT_TRANSLATE_NOOP("exports", "buildings"),
    "input_green": QT_TRANSLATE_NOOP("exports", "green-area"),
    "is_input": QT_TRANSLATE_NOOP("exports", "it is the {role} input of this check; choose another output file"),
}


def _label(key: str, lang: str) -> str:
    return tr(_WORDS[key], lang, "exports")


# --- refusing to overwrite inputs ------------------------------------------------------------------

class OutputIsInputError(InputError, ValueError):
    """The output path is an input file of the check: writing would destroy what was checked.

    Raised as the existing "output_unwritable" error ("{path}: cannot be written ({error})."), with the
    reason in `lang`, so the CLI and the window report it without a new message template.
    """

    def __init__(self, path: str, role: str, lang: str = "en") -> None:
        role_name = _label(f"input_{role}", lang) if f"input_{role}" in _WORDS else role
        super().__init__("output_unwritable", path=path, role=role,
                         error=_label("is_input", lang).format(role=role_name))

    def __str__(self) -> str:
        return f"{self.details['path']}: cannot be written ({self.details['error']})."


_SHAPEFILE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg", ".qix", ".sbn", ".sbx")


def _input_files(path: str) -> list[Path]:
    """An input's file, and for a Shapefile the files beside it that make it up."""
    p = Path(path)
    if p.suffix.lower() in _SHAPEFILE_PARTS:
        return [p.with_suffix(s) for s in _SHAPEFILE_PARTS] + [p.with_suffix(s.upper()) for s in _SHAPEFILE_PARTS]
    return [p]


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))


def _refuse_inputs(path: Path, inputs: Iterable[tuple[str, str]], lang: str) -> None:
    for role, input_path in inputs:
        if any(_same_file(path, f) for f in _input_files(input_path)):
            raise OutputIsInputError(str(path), role, lang)


def _result_inputs(result: CheckResult) -> list[tuple[str, str]]:
    return [(role, info.path) for role, info in result.inputs.items() if info is not None]


def _atomic(path: Path, write: Callable[[Path], None]) -> None:
    """write(temp) into a temporary file beside `path`, then move it into place in one step."""
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=path.suffix or ".tmp", dir=path.parent)
    os.close(fd)
    temp = Path(name)
    try:
        temp.unlink()  # GDAL will not create a GeoPackage over an empty file; openpyxl does not mind
        write(temp)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


# --- findings as rows ------------------------------------------------------------------------------

#: Number formats, by indicator and kind of quantity (Excel codes; they read the same in WPS and LibreOffice).
FORMATS = {"far": "0.00", "density": "0.0%", "green_ratio": "0.0%", "height": "0.0",
           "area": "#,##0.0", "count": "0",
           # Excel shows a boolean cell as TRUE/FALSE whatever its format; LibreOffice would show 1/0 without.
           "bool": '"TRUE";"TRUE";"FALSE"'}
#: A marginal breach shows two more decimals, so the cell itself says why 2.50 breaches ≤2.50.
EXACT_FORMATS = {"far": "0.0000", "density": "0.00%", "green_ratio": "0.00%", "height": "0.00"}


def _number(value: Any) -> float | None:
    if value is None or isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        return None
    value = float(value)
    return None if math.isnan(value) else value


def _finding_parcels(v: Violation) -> list[str]:
    if v.rule == "crosses_parcel":
        return [str(p) for p in v.details.get("parcels", [])] or ([v.parcel] if v.parcel else [])
    return [v.parcel] if v.parcel else []


@dataclass(slots=True)
class _Findings:
    """Violations and warnings, as columns of the numbers and words every export needs: a list per field, not an
    object per finding (a city has tens of thousands, and each object would be one more for the garbage collector
    to walk, on the window's export thread while the UI thread waits)."""

    severity: list[str] = field(default_factory=list)  # "violation" | "warning"
    code: list[str] = field(default_factory=list)
    name: list[str] = field(default_factory=list)
    parcel: list[str] = field(default_factory=list)
    building: list[str] = field(default_factory=list)
    actual: list[Any] = field(default_factory=list)  # float, text or None
    actual_format: list[str | None] = field(default_factory=list)
    lower: list[float | None] = field(default_factory=list)
    upper: list[float | None] = field(default_factory=list)
    limit_format: list[str | None] = field(default_factory=list)
    limit: list[str] = field(default_factory=list)
    marginal: list[bool | None] = field(default_factory=list)
    message: list[str] = field(default_factory=list)
    source: list[Violation | CheckWarning] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.code)

    def extend(self, other: _Findings) -> _Findings:
        for name in self.__slots__:  # type: ignore[attr-defined]
            getattr(self, name).extend(getattr(other, name))
        return self


def _violation_findings(violations: Sequence[Violation], lang: str, messages: Sequence[str]) -> _Findings:
    """The violations with their sentences from `messages` (violation_messages words them in bulk). Each rule's
    name is translated once, and each limit written once (format_limit)."""
    found = _Findings()
    names: dict[str, str] = {}
    limits: dict[tuple[str, float | None, float | None], str] = {}
    code, name_, parcel_, building_ = found.code.append, found.name.append, found.parcel.append, found.building.append
    actual_, actual_format_ = found.actual.append, found.actual_format.append
    lower_, upper_, limit_format_, limit_ = found.lower.append, found.upper.append, found.limit_format.append, \
        found.limit.append
    for v in violations:
        rule = v.rule
        name = names.get(rule)
        if name is None:
            name = names[rule] = rule_name(rule, lang)
        parcels = _finding_parcels(v)
        actual: Any = v.actual
        actual_format = limit_format = None
        lower = upper = None
        limit = ""
        if rule in INDICATOR_RULES:
            indicator = INDICATOR_RULES[rule][0]
            actual = _number(v.actual)
            actual_format = (EXACT_FORMATS if v.marginal else FORMATS)[indicator]
            limit_format = FORMATS[indicator]
            if isinstance(v.limit, tuple):
                lower, upper = _number(v.limit[0]), _number(v.limit[1])
                key = (indicator, *v.limit)
                # Only floats (and None) away from zero are looked up: 0.0 == -0.0 and 2 == 2.0 but may be
                # written differently.
                if len(key) == 3 and all(type(x) is float and x != 0 or x is None for x in v.limit):
                    limit = limits.get(key)  # type: ignore[arg-type]
                    if limit is None:
                        limit = limits[key] = format_limit(indicator, v.limit)  # type: ignore[index]
                else:
                    limit = format_limit(indicator, v.limit)
        elif rule == "outside_plan":
            actual, actual_format = _number(v.actual), FORMATS["area"]
        elif rule == "crosses_parcel":
            actual, actual_format = len(parcels), FORMATS["count"]
        else:
            number = _number(v.actual)
            actual = number if number is not None else (None if v.actual is None else str(v.actual))
            limit = "" if v.limit is None else str(v.limit)
        code(rule)
        name_(name)
        parcel_(", ".join(parcels))
        building_(v.building or "")
        actual_(actual)
        actual_format_(actual_format)
        lower_(lower)
        upper_(upper)
        limit_format_(limit_format)
        limit_(limit)
    found.severity = ["violation"] * len(found)
    found.marginal = [bool(v.marginal) for v in violations]
    found.message = list(messages)
    found.source = list(violations)
    return found


def _warning_findings(warnings: Sequence[CheckWarning], lang: str) -> _Findings:
    n = len(warnings)
    return _Findings(["warning"] * n, [w.code for w in warnings], [warning_name(w.code, lang) for w in warnings],
                     [w.parcel or "" for w in warnings], [w.building or "" for w in warnings], [None] * n, [None] * n,
                     [None] * n, [None] * n, [None] * n, [""] * n, [None] * n,
                     warning_messages(warnings, lang), list(warnings))


def _violation_texts(result: CheckResult, lang: str, messages: Sequence[str] | None) -> Sequence[str]:
    """Each violation's sentence: `messages` when the caller has them already (the window's findings table, the
    CLI's summary: a city's 10^5 sentences take ~0.4 s to word), else worded here."""
    if messages is None:
        return violation_messages(list(result.violations), lang)
    if len(messages) != len(result.violations):
        raise ValueError(f"{len(messages)} messages for {len(result.violations)} violations")
    return messages


def _findings(result: CheckResult, lang: str, messages: Sequence[str] | None = None) -> _Findings:
    violations = list(result.violations)
    return _violation_findings(violations, lang, _violation_texts(result, lang, messages)).extend(
        _warning_findings(result.warnings, lang))


def _review_columns(review, finding: Violation | CheckWarning) -> tuple[str | None, bool | None, str | None]:
    """(note, accepted, reason) of a finding from a review (duck-typed: ``review.note_for(finding)`` gives an
    object with .note, .accepted, .reason). A finding without a note, or with an empty one, gives blanks."""
    entry = review.note_for(finding) if review is not None else None
    if entry is None or getattr(entry, "is_empty", False):
        return None, None, None
    note, accepted, reason = (getattr(entry, name, None) for name in ("note", "accepted", "reason"))
    if not note and not accepted and not reason:
        return None, None, None
    return note or None, bool(accepted), reason or None


# --- XLSX ------------------------------------------------------------------------------------------

@dataclass(slots=True)
class _Column:
    header: str
    values: Sequence[Any]
    #: One number format for the column, or one per row (None: General).
    format: str | Sequence[str | None] | None = None
    max_width: int = 40


def _float_column(values: np.ndarray) -> np.ndarray:
    """A float column as cell values: NaN (not assessed / not controlled) is written as an empty cell."""
    return np.asarray(values, dtype=float)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    return str(value)


def _display_width(text: str) -> int:
    """Columns a spreadsheet needs for the text: CJK and full-width characters take two."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def _shown(value: Any, number_format: str | None) -> str:
    """Roughly what a cell shows, to size its column."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "FALSE" if not value else "TRUE"
    if isinstance(value, (int, float)):
        if number_format and "%" in number_format:
            return f"{value * 100:.2f}%"
        if number_format and "," in number_format:
            return f"{value:,.1f}"
        return f"{value:.4f}" if number_format == EXACT_FORMATS["far"] else f"{value:.2f}"
    return str(value)


_SAMPLE_ROWS = 2000  # columns are sized from the first rows; a city-wide sheet need not be measured whole


def _width(column: _Column) -> float:
    widest = _display_width(column.header)
    formats = column.format
    values = column.values[:_SAMPLE_ROWS]
    if isinstance(values, np.ndarray) and values.dtype == np.float64 and not isinstance(formats, (list, tuple)):
        # What _shown shows of each number, in one pass; its texts are ASCII, as wide as long.
        if formats and "%" in formats:
            shown = map("{:.2f}%".format, (values * 100).tolist())
        elif formats and "," in formats:
            shown = map("{:,.1f}".format, values.tolist())
        else:
            shown = map(("{:.4f}" if formats == EXACT_FORMATS["far"] else "{:.2f}").format, values.tolist())
        widest = max(widest, max(map(len, shown), default=0))
    else:
        for value, number_format in zip(values, formats if isinstance(formats, (list, tuple)) else repeat(formats)):
            widest = max(widest, _display_width(_shown(value, number_format)))
    return min(max(widest, 6), column.max_width) + 2


def _add_sheet(workbook, title: str, columns: list[_Column], freeze_columns: int) -> dict[str | None, int]:
    """A sheet with its header row, widths, frozen panes, filter and print layout; its data rows come later.

    Returns the style id of every number format its data cells use (openpyxl registers them here, so
    styles.xml holds them when the package is written).
    """
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.styles.fonts import DEFAULT_FONT
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title)
    n_rows = len(columns[0].values)
    for k, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(k)].width = _width(column)
    sheet.freeze_panes = f"{get_column_letter(freeze_columns + 1)}2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{n_rows + 1}"
    # Printed (or saved as PDF), a sheet fits the page width in landscape and repeats its header row.
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = "9"  # A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    # The workbook's own font in bold (a bare Font(bold=True) has no name, and LibreOffice picks a serif).
    bold = Font(name=DEFAULT_FONT.name, sz=DEFAULT_FONT.sz, family=DEFAULT_FONT.family, scheme=DEFAULT_FONT.scheme,
                bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=column.header)
        cell.font = bold
        header.append(cell)
    sheet.append(header)

    styles: dict[str | None, int] = {None: 0}
    for column in columns:
        formats = column.format if isinstance(column.format, (list, tuple)) else [column.format]
        for number_format in formats:
            if number_format not in styles:
                probe = WriteOnlyCell(sheet)
                probe.number_format = number_format
                styles[number_format] = probe.style_id
    return styles


_MAX_CELL_TEXT = 32767  # Excel's limit on the characters of one cell
#: The characters XML forbids (openpyxl's ILLEGAL_CHARACTERS_RE) but NUL, which _escaped puts between texts.
_ILLEGAL_BUT_NUL = re.compile(r"[\001-\010\013\014\016-\037]")


def _escape(text: str) -> str:
    """& < > as entities. (str.replace returns the string itself when the character is absent, and searches in C;
    str.translate would look every character up in a dict.)"""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _number_text(x: float) -> str:
    return str(int(x)) if x.is_integer() and abs(x) < 1e15 else repr(x)


#: Cell value types of a column written as numbers, and as text (bool is not a number here: it has its own cell).
_NUMBER_TYPES = frozenset({int, float, type(None), np.float64, np.float32, np.int64, np.int32})
_TEXT_TYPES = frozenset({str, type(None)})

#: Rows of a sheet made into XML at a time (_rows_xml): every C call on a chunk (join, escape, encode, compress)
#: holds the GIL a few milliseconds at most, so the window's UI thread gets it back while it exports.
_ROWS_CHUNK = 2000

#: A column's cells for the rows start:stop, given those rows' numbers as text: pieces that put together row by row
#: make each row's cell ("" where it is empty): a str is the same in every row, a list has a text per row.
_CellMaker = Callable[[int, int, list[str]], list[str | list[str]]]


def _number_texts(numbers: np.ndarray) -> list[str | None]:
    """Numbers as cell values: whole numbers without a decimal point, others as repr (the shortest text that reads
    back the same float); None for NaN and infinities (an empty cell)."""
    finite = np.isfinite(numbers)
    whole = finite & (np.abs(numbers) < 1e15)
    whole[whole] = numbers[whole] == np.floor(numbers[whole])
    fraction = finite & ~whole
    texts = np.full(len(numbers), None, dtype=object)
    if whole.any():
        texts[whole] = np.array(list(map(str, numbers[whole].astype(np.int64).tolist())), dtype=object)
    if fraction.any():
        texts[fraction] = np.array(list(map(repr, numbers[fraction].tolist())), dtype=object)
    return texts.tolist()


def _escaped(texts: list[str]) -> list[str]:
    """Texts cleaned of the characters XML forbids, cut to a cell's limit and escaped: all of them as one string
    when they can be (none has a forbidden character, none is too long), else text by text."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    joined = "\x00".join(texts)  # NUL is itself forbidden, so a cleaned text never holds one
    if (joined.count("\x00") != len(texts) - 1 or _ILLEGAL_BUT_NUL.search(joined)
            or (len(joined) > _MAX_CELL_TEXT and max(map(len, texts)) > _MAX_CELL_TEXT)):
        joined = "\x00".join(ILLEGAL_CHARACTERS_RE.sub("", t)[:_MAX_CELL_TEXT] for t in texts)
    return _escape(joined).split("\x00")


def _number_texts_by_rows(numbers: np.ndarray) -> Callable[[int, int], list[str | None]]:
    """_number_texts of numbers[start:stop]. A column of few values over many rows (storeys, limits, counts)
    has each value worded once (repr takes ~0.5 µs a number); the others are worded a chunk at a time."""
    sample = numbers[:_ROWS_CHUNK]
    if len(numbers) > len(sample) and len(np.unique(sample)) * 2 <= len(sample):
        values, inverse = np.unique(numbers, return_inverse=True)  # NaNs as one value, -0.0 as 0.0 (both "0")
        words = np.array(_number_texts(values), dtype=object)
        return lambda start, stop: words[inverse[start:stop]].tolist()
    return lambda start, stop: _number_texts(numbers[start:stop])


def _cells_of_numbers(pre: str, numbers: np.ndarray, attr: str | None, attrs: list[str]) -> _CellMaker:
    """A column of numbers (NaN and infinities: empty cells) as <c> elements. `pre` is '<c r="' and the column's
    letter; `attr` the style attribute of every cell, or None when `attrs` has one per row."""
    mid = f'"{attr}><v>'
    every = attr is not None and bool(np.isfinite(numbers).all())
    number_texts = _number_texts_by_rows(numbers)

    def make(start: int, stop: int, rows: list[str]) -> list[str | list[str]]:
        texts = number_texts(start, stop)
        if every:  # no empty cell, one style: no text made per cell
            return [pre, rows, mid, texts, "</v></c>"]  # type: ignore[list-item]
        row_attrs = repeat(attr) if attr is not None else attrs[start:stop]
        return [[f'{pre}{r}"{a}><v>{t}</v></c>' if t is not None else "" for r, t, a in zip(rows, texts, row_attrs)]]
    return make


def _cells_of_texts(pre: str, values: list[str | None], attr: str | None, attrs: list[str]) -> _CellMaker:
    """A column of strings (None: empty) as inline-string <c> elements."""
    mid = f'" t="inlineStr"{attr}><is><t xml:space="preserve">'
    every = attr is not None and None not in values

    def make(start: int, stop: int, rows: list[str]) -> list[str | list[str]]:
        part = values[start:stop]
        if every:
            return [pre, rows, mid, _escaped(part), "</t></is></c>"]  # type: ignore[arg-type]
        texts = _escaped(["" if v is None else v for v in part])
        row_attrs = repeat(attr) if attr is not None else attrs[start:stop]
        return [[f'{pre}{r}" t="inlineStr"{a}><is><t xml:space="preserve">{t}</t></is></c>' if v is not None else ""
                 for r, t, v, a in zip(rows, texts, part, row_attrs)]]
    return make


def _cells_of_numbers_or_texts(pre: str, values: list[Any], attr: str | None, attrs: list[str]) -> _CellMaker:
    """A column of numbers and strings (None: empty), as a finding's figure is a number or a land-use code: the
    numbers worded and the strings escaped a chunk at a time, as in the columns of one kind."""
    is_text = np.fromiter((type(v) is str for v in values), bool, len(values))
    numbers = np.array([np.nan if t or v is None else v for v, t in zip(values, is_text.tolist())], dtype=float)
    text_cell = '" t="inlineStr"{}><is><t xml:space="preserve">{}</t></is></c>'

    def make(start: int, stop: int, rows: list[str]) -> list[str | list[str]]:
        flags = is_text[start:stop].tolist()
        texts = _escaped([v if f else "" for v, f in zip(values[start:stop], flags)])
        row_attrs = repeat(attr) if attr is not None else attrs[start:stop]
        return [[pre + r + text_cell.format(a, t) if f else (f'{pre}{r}"{a}><v>{n}</v></c>' if n is not None else "")
                 for r, n, f, t, a in zip(rows, _number_texts(numbers[start:stop]), flags, texts, row_attrs)]]
    return make


def _cells_of_anything(pre: str, values: list[Any], attr: str | None, attrs: list[str]) -> _CellMaker:
    """A mixed column, cell by cell: booleans, numbers, text."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    def make(start: int, stop: int, rows: list[str]) -> list[str | list[str]]:
        texts: list[str] = []
        row_attrs = repeat(attr) if attr is not None else attrs[start:stop]
        for r, value, a in zip(rows, values[start:stop], row_attrs):
            if value is None:
                texts.append("")
            elif isinstance(value, (bool, np.bool_)):
                texts.append(f'{pre}{r}" t="b"{a}><v>{int(value)}</v></c>')
            elif isinstance(value, (int, float, np.integer, np.floating)):
                number = float(value)
                texts.append(f'{pre}{r}"{a}><v>{_number_text(number)}</v></c>' if math.isfinite(number) else "")
            else:
                text = _escape(ILLEGAL_CHARACTERS_RE.sub("", str(value))[:_MAX_CELL_TEXT])
                texts.append(f'{pre}{r}" t="inlineStr"{a}><is><t xml:space="preserve">{text}</t></is></c>')
        return [texts]
    return make


def _rows_xml(columns: list[_Column], styles: dict[str | None, int], chunk: int | None = None) -> Iterator[str]:
    """The data rows of a sheet (from row 2) as SpreadsheetML, `chunk` rows at a time.

    openpyxl builds an object per cell (about 15 µs each: 45 s for a city-wide check of 200 000 buildings); here
    each column is turned into text a chunk at a time, by its type (numbers, texts, or mixed cell by cell), and
    the chunk's rows are joined in one call. A column without an empty cell and with one style gives its values
    and the tags between them (the same in every row), not a text per cell. Strings are inline, so text never turns
    into a formula.
    """
    from openpyxl.utils import get_column_letter

    n_rows = len(columns[0].values)
    chunk = chunk or _ROWS_CHUNK
    makers: list[_CellMaker] = []
    for k, column in enumerate(columns):
        pre = f'<c r="{get_column_letter(k + 1)}'
        attrs: list[str] = []
        if isinstance(column.format, (list, tuple)):
            attr = None
            attrs = [f' s="{styles[f]}"' if styles[f] else "" for f in column.format]
        else:
            style = styles[column.format]
            attr = f' s="{style}"' if style else ""
        values = column.values
        if isinstance(values, np.ndarray) and values.dtype.kind == "f":
            makers.append(_cells_of_numbers(pre, values, attr, attrs))
            continue
        values = list(values)
        kinds = set(map(type, values))
        if kinds <= _NUMBER_TYPES:
            makers.append(_cells_of_numbers(pre, np.array(values, dtype=float), attr, attrs))  # None -> NaN
        elif kinds <= _TEXT_TYPES:
            makers.append(_cells_of_texts(pre, values, attr, attrs))
        elif kinds <= _NUMBER_TYPES | _TEXT_TYPES:
            makers.append(_cells_of_numbers_or_texts(pre, values, attr, attrs))
        else:
            makers.append(_cells_of_anything(pre, values, attr, attrs))
    for start in range(0, n_rows, chunk):
        stop = min(start + chunk, n_rows)
        rows = list(map(str, range(start + 2, stop + 2)))  # each row's number, shared by its cells
        pieces: list[str | list[str]] = ['<row r="', rows, '">']
        for make in makers:
            pieces += make(start, stop, rows)
        pieces.append("</row>")
        streams: list[str | list[str]] = []  # the pieces, neighbouring constant ones as one
        for piece in pieces:
            if isinstance(piece, str) and streams and isinstance(streams[-1], str):
                streams[-1] += piece
            else:
                streams.append(piece)
        # One join for the chunk: row by row, the constant pieces and each row's own.
        yield "".join(chain.from_iterable(zip(*(repeat(s) if isinstance(s, str) else s for s in streams))))


#: Bytes given to the writer thread at a time (_write_behind). Each write takes the GIL back a few times (after
#: the CRC, the deflate and the file write), each time waiting up to the switch interval (5 ms) while this thread
#: runs Python: in writes of a few megabytes the waits are few against the work.
_WRITE_BYTES = 4 << 20


def _batched(chunks: Iterable[bytes], size: int) -> Iterator[bytes]:
    """`chunks` joined into pieces of at least `size` bytes (the last may be shorter)."""
    batch: list[bytes] = []
    held = 0
    for data in chunks:
        batch.append(data)
        held += len(data)
        if held >= size:
            yield b"".join(batch)
            batch, held = [], 0
    if batch:
        yield b"".join(batch)


def _write_behind(out, chunks: Iterable[bytes], depth: int = 2) -> None:
    """Write `chunks` into `out` (a zip member) on a second thread, which compresses while this thread makes the
    next chunks: zlib lets go of the GIL while it deflates. The chunks are written _WRITE_BYTES at a time, and at
    most `depth` such pieces wait (bounded memory); an error of the writer is raised here, and one of `chunks`
    after the writer has stopped."""
    waiting: queue.Queue[bytes | None] = queue.Queue(depth)
    failed: list[BaseException] = []

    def drain() -> None:
        while (data := waiting.get()) is not None:
            if not failed:  # after an error, only empty the queue so that the maker never blocks
                try:
                    out.write(data)
                except BaseException as error:  # noqa: BLE001 - raised again in the maker's thread
                    failed.append(error)

    writer = threading.Thread(target=drain, name="xlsx-writer", daemon=True)
    writer.start()
    try:
        for data in _batched(chunks, _WRITE_BYTES):
            if failed:
                break
            waiting.put(data)
    finally:
        waiting.put(None)
        writer.join()
    if failed:
        raise failed[0]


def _write_workbook(path: Path, sheets: list[tuple[str, list[_Column], int]]) -> None:
    """Save the workbook: openpyxl writes the package (styles, headers, layout), then each sheet's rows are
    streamed into its worksheet part."""
    import io
    import zipfile

    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    styles = [_add_sheet(workbook, title, columns, freeze) for title, columns, freeze in sheets]
    skeleton = io.BytesIO()
    workbook.save(skeleton)
    parts = {f"xl/worksheets/sheet{k + 1}.xml": k for k in range(len(sheets))}
    # Level 1: a city's sheets compress 4x faster than at zlib's default, and the file is ~15 % larger.
    with zipfile.ZipFile(skeleton) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED,
                                                                compresslevel=1) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            k = parts.get(item.filename)
            if k is None:
                target.writestr(item, data)
                continue
            columns = sheets[k][1]
            xml = data.decode("utf-8")
            head, end, tail = xml.partition("</sheetData>")
            if not end:
                raise RuntimeError(f"openpyxl wrote {item.filename} without sheetData")  # pragma: no cover
            last = f"{get_column_letter(len(columns))}{len(columns[0].values) + 1}"
            # The dimension lets readers (openpyxl read-only, pandas) size the sheet without scanning it.
            head = re.sub(r'<dimension ref="[^"]*"\s*/>', "", head, count=1).replace(
                "</sheetPr>", f'</sheetPr><dimension ref="A1:{last}"/>', 1)
            with target.open(item.filename, "w") as out:
                _write_behind(out, chain([head.encode("utf-8")],
                                         (rows.encode("utf-8") for rows in _rows_xml(columns, styles[k])),
                                         [(end + tail).encode("utf-8")]))


def _parcel_columns(result: CheckResult, lang: str) -> list[_Column]:
    p = result.parcels
    violations = p.violations
    offsets = p.building_offsets.tolist()
    building_ids = [str(b) for b in p.building_ids.tolist()]
    status = {state: parcel_status_name(state, lang) for state in PARCEL_STATES}
    columns = [
        _Column(_label("parcel", lang), list(map(str, p.ids.tolist()))),
        _Column(_label("land_use", lang), _texts(p.land_use)),
        *(_Column(_label(name, lang), _float_column(getattr(p, name)), FORMATS["area"])
          for name in ("site_area", "gfa", "footprint_area", "green_area")),
        *(_Column(_label(column, lang), _float_column(getattr(p, column)), FORMATS[indicator])
          for indicator, column in ACHIEVED.items()),
    ]
    for indicator in INDICATORS:
        columns += [
            _Column(_label(f"{indicator}_lo", lang), _float_column(p.lower[indicator]), FORMATS[indicator]),
            _Column(_label(f"{indicator}_hi", lang), _float_column(p.upper[indicator]), FORMATS[indicator]),
            _Column(_label(f"{indicator}_text", lang), [str(t) or None for t in p.texts[indicator].tolist()]),
        ]
    columns += [
        _Column(_label("status", lang), [status[s] for s in p.status.tolist()]),
        _Column(_label("far_estimated", lang),
                [tr(FAR_ESTIMATED, lang) if e else None for e in (p.far_estimated.tolist() if p.far_estimated
                                                                    is not None else [False] * len(p))]),
        _Column(_label("violations", lang), [len(v) for v in violations], FORMATS["count"]),
        _Column(_label("rules", lang), [", ".join(dict.fromkeys(x.rule for x in v)) or None for v in violations]),
        _Column(_label("parcel_buildings", lang), [", ".join(building_ids[offsets[k]:offsets[k + 1]]) or None
                                                   for k in range(len(p))], max_width=60),
    ]
    return columns


def _finding_columns(findings: _Findings, lang: str, review) -> list[_Column]:
    severity = {"violation": _label("violation", lang), "warning": _label("warning", lang)}
    f = findings
    columns = [
        _Column(_label("severity", lang), [severity[s] for s in f.severity]),
        _Column(_label("rule_id", lang), f.code),
        _Column(_label("rule", lang), f.name),
        _Column(_label("parcel", lang), [p or None for p in f.parcel]),
        _Column(_label("building", lang), [b or None for b in f.building]),
        _Column(_label("actual", lang), f.actual, f.actual_format),
        _Column(_label("limit_lo", lang), f.lower, f.limit_format),
        _Column(_label("limit_hi", lang), f.upper, f.limit_format),
        _Column(_label("limit", lang), [x or None for x in f.limit]),
        _Column(_label("marginal", lang), f.marginal, FORMATS["bool"]),
        _Column(_label("message", lang), f.message, max_width=100),
    ]
    if review is not None:
        notes = [_review_columns(review, s) for s in f.source]
        columns += [
            _Column(_label("note", lang), [n[0] for n in notes], max_width=60),
            _Column(_label("accepted", lang), [n[1] for n in notes], FORMATS["bool"]),
            _Column(_label("reason", lang), [n[2] for n in notes], max_width=60),
        ]
    return columns


def _building_parcels(result: CheckResult) -> dict[str, str]:
    """Building id -> the parcels it stands on, as its cell shows them ("A, B"), from the parcel table's building
    lists (in the parcels' order). Texts, not a list per building: a city has 200,000 buildings, and each list
    would be one more object for the garbage collector to walk."""
    p = result.parcels
    owners = p.ids[np.repeat(np.arange(len(p)), np.diff(p.building_offsets))].tolist()
    on: dict[str, str] = {}
    for building, parcel in zip(map(str, p.building_ids.tolist()), map(str, owners)):
        listed = on.get(building)
        on[building] = parcel if listed is None else f"{listed}, {parcel}"
    return on


def _building_rules(result: CheckResult) -> dict[str, str]:
    """Building id -> the rules its violations break, as its cell shows them ("land_use, crosses_parcel")."""
    rules: dict[str, dict[str, None]] = {}
    for v in result.violations:
        if v.building is not None:
            rules.setdefault(str(v.building), {})[v.rule] = None
    return {building: ", ".join(found) for building, found in rules.items()}


def _texts(values: np.ndarray) -> list[str | None]:
    """_text of every value: a column of strings (and None) as it is."""
    values = values.tolist()
    return values if set(map(type, values)) <= _TEXT_TYPES else [_text(v) for v in values]


def _looked_up(texts: dict[str, str], ids: list[str]) -> list[str | None]:
    """Each id's text, None where it has none (or an empty one)."""
    cells = list(map(texts.get, ids))
    return [c or None for c in cells] if "" in cells else cells


def _building_columns(result: CheckResult, lang: str) -> list[_Column]:
    b = result.buildings
    assert b is not None
    ids = list(map(str, b.ids.tolist()))
    on = _building_parcels(result)
    rules = _building_rules(result)
    return [
        _Column(_label("building", lang), ids),
        _Column(_label("use", lang), _texts(b.use)),
        _Column(_label("storeys", lang), _float_column(b.floors), FORMATS["count"]),
        _Column(_label("height", lang), _float_column(b.height), FORMATS["height"]),
        *(_Column(_label(name, lang), _float_column(getattr(b, name)), FORMATS["area"])
          for name in ("footprint_area", "counted_area", "outside_area")),
        _Column(_label("building_parcels", lang), _looked_up(on, ids), max_width=60),
        _Column(_label("rules", lang), _looked_up(rules, ids)),
    ]


_PROVENANCE = (("role", 24), ("file", 40), ("layer", 30), ("features", 10), ("crs", 16), ("sha256", 66),
               ("path", 80))


def _provenance_columns(result: CheckResult, lang: str, review=None) -> list[_Column]:
    """The inputs (role, file, layer, features, CRS, SHA-256, full path), then the working CRS, the version,
    the counts, and the reviewer and opinion of a review."""
    from planner.resources import planner_version


    rows: list[list[Any]] = [
        [_label(f"role_{role}", lang) if f"role_{role}" in _WORDS else role, Path(info.path).name, info.layer,
         info.features, info.crs, info.sha256, str(info.path)]
        for role, info in result.inputs.items() if info is not None]
    summary = result.summary
    rows += [[None], [_label("working_crs", lang), result.crs], [_label("version", lang), planner_version()],
             *([_label(f"{key}_total" if key in ("violations", "warnings") else key, lang), summary[key]]
               for key in ("parcels_checked", "parcels_violating", "violations", "warnings"))]
    for key in ("reviewer", "opinion"):
        text = getattr(review, key, None) if review is not None else None
        if text:
            rows.append([_label(key, lang), str(text)])
    rows = [row + [None] * (len(_PROVENANCE) - len(row)) for row in rows]
    return [_Column(_label(key, lang), [row[k] for row in rows], FORMATS["count"] if key == "features" else None,
                    max_width=width) for k, (key, width) in enumerate(_PROVENANCE)]


# --- sunlight (issue 16): one row per facade of every building that needs sun -----------------------------

_WORDS.update({
    "sheet_sunlight": QT_TRANSLATE_NOOP("exports", "Sunlight"),
    "sun_existing": QT_TRANSLATE_NOOP("exports", "Existing"),
    "sun_standard": QT_TRANSLATE_NOOP("exports", "Standard"),
    "sun_standard_hours": QT_TRANSLATE_NOOP("exports", "Standard (h)"),
    "sun_facing": QT_TRANSLATE_NOOP("exports", "Facing (° from north)"),
    "sun_length": QT_TRANSLATE_NOOP("exports", "Facade length (m)"),
    "sun_held": QT_TRANSLATE_NOOP("exports", "Held to the standard"),
    "sun_min_hours": QT_TRANSLATE_NOOP("exports", "Least sun (h)"),
    "sun_below": QT_TRANSLATE_NOOP("exports", "Length below the standard (m)"),
    "sun_min_hours_before": QT_TRANSLATE_NOOP("exports", "Least sun without the scheme (h)"),
    "sun_below_before": QT_TRANSLATE_NOOP("exports", "Length below without the scheme (m)"),
})


def _sunlight_columns(result: CheckResult, lang: str) -> list[_Column]:
    """Every facade of every building that needs sun: building, existing, standard, facing, length, held, least
    hours and length below (existing buildings: also without the scheme). Hours as decimal numbers."""
    from planner.messages import sunlight_standard_text

    rows = [(b, f) for b in result.sunlight.buildings for f in b.facades]
    hours = "0.00"
    return [
        _Column(_label("building", lang), [b.building for b, _ in rows]),
        _Column(_label("sun_existing", lang), [b.existing for b, _ in rows], FORMATS["bool"]),
        _Column(_label("use", lang), [b.use for b, _ in rows]),
        _Column(_label("sun_standard", lang), [sunlight_standard_text(b.standard, lang) for b, _ in rows],
                max_width=50),
        _Column(_label("sun_standard_hours", lang), [b.standard.hours for b, _ in rows], hours),
        _Column(_label("sun_facing", lang), [round(f.facing, 1) for _, f in rows], "0"),
        _Column(_label("sun_length", lang), [math.dist(f.start, f.end) for _, f in rows], FORMATS["area"]),
        _Column(_label("sun_held", lang), [f.held for _, f in rows], FORMATS["bool"]),
        _Column(_label("sun_min_hours", lang), [f.min_hours for _, f in rows], hours),
        _Column(_label("sun_below", lang), [f.length_below for _, f in rows], FORMATS["area"]),
        _Column(_label("sun_min_hours_before", lang), [f.min_hours_before for _, f in rows], hours),
        _Column(_label("sun_below_before", lang), [f.length_below_before for _, f in rows], FORMATS["area"]),
    ]


def write_xlsx(result: CheckResult, path, lang: str, review=None, messages: Sequence[str] | None = None) -> None:
    """Write the check as a workbook: parcels, findings, buildings and provenance sheets.

    Numbers are stored as numbers with display formats (FAR 0.00, ratios 0.0 %, areas #,##0.0, heights
    0.0); ratios are fractions, as in the JSON. `review`, when given, adds each finding's reviewer note,
    acceptance and reason (``review.note_for(finding)``). `messages`: the violations' sentences in `lang`, in
    order, when the caller has them (else they are worded here). The file is written beside `path` and moved
    into place; an input file of the check is never overwritten (OutputIsInputError).
    """
    path = Path(path)
    _refuse_inputs(path, _result_inputs(result), lang)
    findings = _findings(result, lang, messages)
    sheets = [(_label("sheet_parcels", lang), _parcel_columns(result, lang), 1),
              (_label("sheet_findings", lang), _finding_columns(findings, lang, review), 2)]
    if result.buildings is not None:
        sheets.append((_label("sheet_buildings", lang), _building_columns(result, lang), 1))
    if getattr(result, "sunlight", None) is not None:  # sunlight (issue 16)
        sheets.append((_label("sheet_sunlight", lang), _sunlight_columns(result, lang), 1))
    sheets.append((_label("sheet_provenance", lang), _provenance_columns(result, lang, review), 1))
    _atomic(path, lambda temp: _write_workbook(temp, sheets))


# --- GeoPackage ------------------------------------------------------------------------------------

def _working_geometry(result: CheckResult, plan: PlanLayer, buildings: BuildingLayer):
    """Plan and building geometry in the result's working CRS (as the engine aligned them)."""
    from pyproj import CRS

    working, (parcels, footprints), _notes = align([(plan.info.path, plan.crs, plan.geometry),
                                                    (buildings.info.path, buildings.crs, buildings.geometry)])
    if crs_label(working) != result.crs and result.crs != "local":
        # The green layer chose the working CRS in the check (plan and buildings had none usable).
        try:
            target = CRS.from_user_input(result.crs)
        except Exception:  # noqa: BLE001 - a CRS name pyproj cannot parse back: keep align's choice
            target = None
        if target is not None:
            if working is not None:
                parcels, footprints = reproject(parcels, working, target), reproject(footprints, working, target)
            working = target
    return working, parcels, footprints


def _wkb(geometry: np.ndarray) -> np.ndarray:
    """WKB of every geometry as a MultiPolygon: a repaired footprint may be one, and a layer has one type."""
    geometry = np.asarray(geometry, dtype=object).copy()
    single = np.flatnonzero(shapely.get_type_id(geometry) == shapely.GeometryType.POLYGON)
    if len(single):  # (in slices: shapely's constructors and to_wkb hold Python's GIL throughout)
        geometry[single] = in_slices(lambda g: shapely.multipolygons(g, indices=np.arange(len(g))), geometry[single])
    return in_slices(shapely.to_wkb, geometry)


def _strings(values: Iterable[Any]) -> np.ndarray:
    return np.array([None if v is None else str(v) for v in values], dtype=object)


def _floats(values: Iterable[Any]) -> np.ndarray:
    return np.array([np.nan if v is None else float(v) for v in values], dtype=np.float64)


def _write_layer(path: Path, layer: str, columns: dict[str, np.ndarray], geometry: np.ndarray | None,
                 crs_wkt: str | None) -> None:
    from pyogrio.raw import write

    names = list(columns)
    data, masks = [], []
    for values in columns.values():
        if values.dtype != object:
            data.append(values)
            masks.append(None)
            continue
        mask = np.array([v is None for v in values], dtype=bool)
        present = [v for v in values if v is not None]
        if present and all(isinstance(v, (bool, np.bool_)) for v in present):
            data.append(np.array([bool(v) if v is not None else False for v in values], dtype=bool))
        else:
            data.append(np.array(["" if v is None else str(v) for v in values], dtype=object))
        masks.append(mask if mask.any() else None)
    kwargs: dict[str, Any] = {}
    if geometry is not None:
        kwargs.update(geometry_type="MultiPolygon", crs=crs_wkt)
    wkb = _wkb(geometry) if geometry is not None else None
    # In slices: pyogrio holds the interpreter lock while it writes, and the window exports on a thread of its own
    # while its UI thread runs (a city's findings in one call held it for most of a second).
    n = len(next(iter(columns.values()))) if columns else (0 if wkb is None else len(wkb))
    for start in range(0, max(n, 1), GPKG_SLICE):
        part = slice(start, start + GPKG_SLICE)
        write(str(path), wkb[part] if wkb is not None else None, [d[part] for d in data], names,
              field_mask=[None if m is None else m[part] for m in masks], layer=layer, driver="GPKG",
              append=start > 0, **kwargs)


#: Features written to a GeoPackage layer per call (_write_layer): pyogrio holds the GIL while it writes, 4,000
#: violating parcels with their messages for 60-130 ms, 1,000 for 15-35 ms.
GPKG_SLICE = 1000


def write_findings_gpkg(result: CheckResult, plan: PlanLayer, buildings: BuildingLayer, path, lang: str,
                        review=None, messages: Sequence[str] | None = None) -> None:
    """Write the findings as a GeoPackage for QGIS, in the check's working CRS.

    Layers: ``violating_parcels`` (polygons of the parcels with a violation: rule ids, counts, achieved
    values as fractions / metres, limits as written, messages), ``violating_buildings`` (footprints of the
    buildings a violation names: land use, crossing, outside the plan) and ``findings`` (an attribute table,
    one row per violation, with the reviewer's note when `review` is given). `messages` as for write_xlsx.
    An existing output is replaced; an input file of the check never is (OutputIsInputError).
    """
    path = Path(path)
    _refuse_inputs(path, _result_inputs(result) + [("plan", plan.info.path), ("buildings", buildings.info.path)],
                   lang)
    working, parcel_geometry, building_geometry = _working_geometry(result, plan, buildings)
    crs_wkt = working.to_wkt() if working is not None else None
    texts = _violation_texts(result, lang, messages)  # each sentence once, for all three layers
    sentence_of = {id(v): text for v, text in zip(result.violations, texts)}

    p = result.parcels
    violating = [k for k, v in enumerate(p.violations) if v]
    rows = p.rows[violating] if violating else np.zeros(0, dtype=np.int64)
    parcels = {
        "parcel_id": _strings(p.ids[k] for k in violating),
        "land_use": _strings(p.land_use[k] for k in violating),
        "rules": _strings(",".join(dict.fromkeys(v.rule for v in p.violations[k])) for k in violating),
        "violations": np.array([len(p.violations[k]) for k in violating], dtype=np.int32),
        "marginal_only": np.array([all(v.marginal for v in p.violations[k]) for k in violating], dtype=bool),
        "site_area": p.site_area[violating].astype(np.float64),
        "far": p.far[violating].astype(np.float64),
        "density": p.density[violating].astype(np.float64),
        "max_height": p.max_height[violating].astype(np.float64),
        "green_ratio": p.green_ratio[violating].astype(np.float64),
        **{f"{indicator}_limit": _strings(str(p.texts[indicator][k]) or None for k in violating)
           for indicator in INDICATORS},
        "message": _strings("\n".join(sentence_of[id(v)] for v in p.violations[k]) for k in violating),
    }

    named: dict[str, list[Violation]] = {}
    for v in result.violations:
        if v.building is not None:
            named.setdefault(str(v.building), []).append(v)
    building_ids = buildings.ids.astype(str)
    building_rows = np.flatnonzero(is_named(building_ids, named))
    found = [named[building_ids[r]] for r in building_rows.tolist()]
    footprints = {
        "building_id": _strings(building_ids[r] for r in building_rows.tolist()),
        "use": _strings(buildings.use[r] for r in building_rows.tolist()),
        "rules": _strings(",".join(dict.fromkeys(v.rule for v in vs)) for vs in found),
        "parcel_ids": _strings(",".join(dict.fromkeys(x for v in vs for x in _finding_parcels(v))) or None
                               for vs in found),
        "message": _strings("\n".join(sentence_of[id(v)] for v in vs) for vs in found),
    }

    table = _violation_findings(result.violations, lang, texts)
    findings = {
        "rule": _strings(table.code),
        "rule_name": _strings(table.name),
        "parcel": _strings(",".join(_finding_parcels(v)) or None for v in result.violations),
        "building": _strings(b or None for b in table.building),
        "actual": _floats(a if not isinstance(a, str) else None for a in table.actual),
        "actual_text": _strings(a if isinstance(a, str) else None for a in table.actual),
        "limit_lo": _floats(table.lower),
        "limit_hi": _floats(table.upper),
        "limit": _strings(x or None for x in table.limit),
        "marginal": np.array([bool(m) for m in table.marginal], dtype=bool),
        "message": _strings(table.message),
    }
    if review is not None:
        notes = [_review_columns(review, s) for s in table.source]
        findings["note"] = _strings(n[0] for n in notes)
        findings["accepted"] = np.array([n[1] for n in notes], dtype=object)  # null: not decided
        findings["reason"] = _strings(n[2] for n in notes)

    def write(temp: Path) -> None:
        _write_layer(temp, "violating_parcels", parcels, parcel_geometry[rows], crs_wkt)
        _write_layer(temp, "violating_buildings", footprints, building_geometry[building_rows], crs_wkt)
        _write_layer(temp, "findings", findings, None, None)

    _atomic(path, write)
