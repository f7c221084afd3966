"""Spreadsheet (XLSX) and GIS (GeoPackage) exports of a CheckResult: real numbers, translated headers."""

from __future__ import annotations

import math
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
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
    violation_message,
    violation_messages,
    warning_message,
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


@dataclass(frozen=True, slots=True)
class _Finding:
    """One violation or warning, as the numbers and words every export needs."""

    severity: str  # "violation" | "warning"
    code: str
    name: str
    parcel: str
    building: str
    actual: Any  # float, text or None
    actual_format: str | None
    lower: float | None
    upper: float | None
    limit_format: str | None
    limit: str
    marginal: bool | None
    message: str
    source: Violation | CheckWarning


def _violation_finding(v: Violation, lang: str, message: str | None = None) -> _Finding:
    """`message`: the finding's sentence when already built (violation_messages words them in bulk)."""
    actual: Any = v.actual
    actual_format = limit_format = None
    lower = upper = None
    limit = ""
    if v.rule in INDICATOR_RULES:
        indicator = INDICATOR_RULES[v.rule][0]
        actual = _number(v.actual)
        actual_format = (EXACT_FORMATS if v.marginal else FORMATS)[indicator]
        limit_format = FORMATS[indicator]
        if isinstance(v.limit, tuple):
            lower, upper = _number(v.limit[0]), _number(v.limit[1])
            limit = format_limit(indicator, v.limit)
    elif v.rule == "outside_plan":
        actual, actual_format = _number(v.actual), FORMATS["area"]
    elif v.rule == "crosses_parcel":
        actual, actual_format = len(_finding_parcels(v)), FORMATS["count"]
    else:
        number = _number(v.actual)
        actual = number if number is not None else (None if v.actual is None else str(v.actual))
        limit = "" if v.limit is None else str(v.limit)
    return _Finding("violation", v.rule, rule_name(v.rule, lang), ", ".join(_finding_parcels(v)),
                    v.building or "", actual, actual_format, lower, upper, limit_format, limit, bool(v.marginal),
                    violation_message(v, lang) if message is None else message, v)


def _warning_finding(w: CheckWarning, lang: str) -> _Finding:
    return _Finding("warning", w.code, warning_name(w.code, lang), w.parcel or "", w.building or "", None, None,
                    None, None, None, "", None, warning_message(w, lang), w)


def _findings(result: CheckResult, lang: str) -> list[_Finding]:
    messages = violation_messages(list(result.violations), lang)
    return ([_violation_finding(v, lang, m) for v, m in zip(result.violations, messages)]
            + [_warning_finding(w, lang) for w in result.warnings])


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
    for k, value in enumerate(column.values[:_SAMPLE_ROWS]):
        number_format = formats[k] if isinstance(formats, (list, tuple)) else formats
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


_XML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_MAX_CELL_TEXT = 32767  # Excel's limit on the characters of one cell


def _number_text(x: float) -> str:
    return str(int(x)) if x.is_integer() and abs(x) < 1e15 else repr(x)


#: Cell value types of a column written as numbers, and as text (bool is not a number here: it has its own cell).
_NUMBER_TYPES = frozenset({int, float, type(None), np.float64, np.float32, np.int64, np.int32})
_TEXT_TYPES = frozenset({str, type(None)})


def _cells_of_numbers(letter: str, values: Sequence[Any], attrs: list[str]) -> list[str]:
    """A column of numbers (None, NaN and infinities: empty cells) as <c> elements, whole numbers without a
    decimal point. One float array and one comprehension: a tenth of the time of a cell-by-cell type test."""
    numbers = np.array(values, dtype=float)  # None -> NaN
    finite = np.isfinite(numbers)
    whole = finite & (np.abs(numbers) < 1e15)
    whole[whole] = numbers[whole] == np.floor(numbers[whole])
    integers = np.where(whole, numbers, 0).astype(np.int64).tolist()
    return [(f'<c r="{letter}{r}"{a}><v>{i}</v></c>' if w else f'<c r="{letter}{r}"{a}><v>{x!r}</v></c>') if ok
            else "" for r, x, i, w, ok, a in zip(range(2, len(values) + 2), numbers.tolist(), integers,
                                                 whole.tolist(), finite.tolist(), attrs)]


_TEXT_SLICE = 2_500  # cells escaped in one C call (10,000 messages: 35-40 ms): short enough that the window's UI thread
# gets the GIL back soon


def _cells_of_texts(letter: str, values: Sequence[Any], attrs: list[str]) -> list[str]:
    """A column of strings (None: empty) as inline-string <c> elements. Each slice of the column is cleaned and
    escaped as one string when it can be (no character XML forbids, no cell too long)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    escaped: list[str] = []
    for start in range(0, len(values), _TEXT_SLICE):
        texts = ["" if v is None else v for v in values[start:start + _TEXT_SLICE]]
        joined = "\x00".join(texts)  # NUL is itself illegal in XML, so it never occurs inside a cleaned text
        if ILLEGAL_CHARACTERS_RE.search(joined) or max(map(len, texts), default=0) > _MAX_CELL_TEXT:
            joined = "\x00".join(ILLEGAL_CHARACTERS_RE.sub("", t)[:_MAX_CELL_TEXT] for t in texts)
        escaped += joined.translate(_XML_ESCAPES).split("\x00")
    return [f'<c r="{letter}{r}" t="inlineStr"{a}><is><t xml:space="preserve">{t}</t></is></c>' if v is not None
            else "" for r, t, v, a in zip(range(2, len(values) + 2), escaped, values, attrs)]


def _cells_of_anything(letter: str, values: Sequence[Any], attrs: list[str]) -> list[str]:
    """A mixed column, cell by cell: booleans, numbers, text."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    texts = []
    for r, (value, a) in enumerate(zip(values, attrs), start=2):
        if value is None:
            texts.append("")
        elif isinstance(value, (bool, np.bool_)):
            texts.append(f'<c r="{letter}{r}" t="b"{a}><v>{int(value)}</v></c>')
        elif isinstance(value, (int, float, np.integer, np.floating)):
            number = float(value)
            texts.append(f'<c r="{letter}{r}"{a}><v>{_number_text(number)}</v></c>' if math.isfinite(number) else "")
        else:
            text = ILLEGAL_CHARACTERS_RE.sub("", str(value))[:_MAX_CELL_TEXT].translate(_XML_ESCAPES)
            texts.append(f'<c r="{letter}{r}" t="inlineStr"{a}><is><t xml:space="preserve">{text}</t></is></c>')
    return texts


def _rows_xml(columns: list[_Column], styles: dict[str | None, int], chunk: int = 2000) -> Iterator[str]:
    """The data rows of a sheet (from row 2) as SpreadsheetML, a chunk of rows at a time.

    openpyxl builds an object per cell (about 15 µs each: 45 s for a city-wide check of 200 000 buildings); here
    each column is turned into text at once, by its type (numbers, texts, or mixed cell by cell). Strings are
    inline, so text never turns into a formula.
    """
    from openpyxl.utils import get_column_letter

    n_rows = len(columns[0].values)
    cells: list[list[str]] = []
    for k, column in enumerate(columns):
        letter = get_column_letter(k + 1)
        if isinstance(column.format, (list, tuple)):
            attrs = [f' s="{styles[f]}"' if styles[f] else "" for f in column.format]
        else:
            style = styles[column.format]
            attrs = [f' s="{style}"' if style else ""] * n_rows
        values = column.values
        if isinstance(values, np.ndarray) and values.dtype.kind == "f":
            cells.append(_cells_of_numbers(letter, values, attrs))
            continue
        values = list(values)
        kinds = set(map(type, values))
        write = _cells_of_numbers if kinds <= _NUMBER_TYPES else _cells_of_texts if kinds <= _TEXT_TYPES else \
            _cells_of_anything
        cells.append(write(letter, values, attrs))
    rows = map("".join, zip(*cells))
    for start in range(0, n_rows, chunk):
        yield "".join(f'<row r="{r}">{row}</row>' for r, row in zip(range(start + 2, min(start + chunk, n_rows) + 2),
                                                                     rows))


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
                out.write(head.encode("utf-8"))
                for rows in _rows_xml(columns, styles[k]):
                    out.write(rows.encode("utf-8"))
                out.write((end + tail).encode("utf-8"))


def _parcel_columns(result: CheckResult, lang: str) -> list[_Column]:
    p = result.parcels
    violations = p.violations
    offsets = p.building_offsets.tolist()
    building_ids = [str(b) for b in p.building_ids.tolist()]
    status = {state: parcel_status_name(state, lang) for state in PARCEL_STATES}
    columns = [
        _Column(_label("parcel", lang), [str(i) for i in p.ids.tolist()]),
        _Column(_label("land_use", lang), [_text(u) for u in p.land_use.tolist()]),
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


def _finding_columns(findings: list[_Finding], lang: str, review) -> list[_Column]:
    severity = {"violation": _label("violation", lang), "warning": _label("warning", lang)}
    limit_formats = [f.limit_format for f in findings]
    columns = [
        _Column(_label("severity", lang), [severity[f.severity] for f in findings]),
        _Column(_label("rule_id", lang), [f.code for f in findings]),
        _Column(_label("rule", lang), [f.name for f in findings]),
        _Column(_label("parcel", lang), [f.parcel or None for f in findings]),
        _Column(_label("building", lang), [f.building or None for f in findings]),
        _Column(_label("actual", lang), [f.actual for f in findings], [f.actual_format for f in findings]),
        _Column(_label("limit_lo", lang), [f.lower for f in findings], limit_formats),
        _Column(_label("limit_hi", lang), [f.upper for f in findings], limit_formats),
        _Column(_label("limit", lang), [f.limit or None for f in findings]),
        _Column(_label("marginal", lang), [f.marginal for f in findings], FORMATS["bool"]),
        _Column(_label("message", lang), [f.message for f in findings], max_width=100),
    ]
    if review is not None:
        notes = [_review_columns(review, f.source) for f in findings]
        columns += [
            _Column(_label("note", lang), [n[0] for n in notes], max_width=60),
            _Column(_label("accepted", lang), [n[1] for n in notes], FORMATS["bool"]),
            _Column(_label("reason", lang), [n[2] for n in notes], max_width=60),
        ]
    return columns


def _building_parcels(result: CheckResult) -> dict[str, list[str]]:
    """Building id -> the parcels it stands on (from the parcel table's building lists)."""
    p = result.parcels
    on: dict[str, list[str]] = {}
    offsets = p.building_offsets.tolist()
    building_ids = p.building_ids.tolist()
    for k, parcel in enumerate(p.ids.tolist()):
        for b in building_ids[offsets[k]:offsets[k + 1]]:
            on.setdefault(str(b), []).append(str(parcel))
    return on


def _building_rules(result: CheckResult) -> dict[str, list[str]]:
    rules: dict[str, list[str]] = {}
    for v in result.violations:
        if v.building is not None:
            rules.setdefault(str(v.building), [])
            if v.rule not in rules[str(v.building)]:
                rules[str(v.building)].append(v.rule)
    return rules


def _building_columns(result: CheckResult, lang: str) -> list[_Column]:
    b = result.buildings
    assert b is not None
    ids = [str(i) for i in b.ids.tolist()]
    on = _building_parcels(result)
    rules = _building_rules(result)
    return [
        _Column(_label("building", lang), ids),
        _Column(_label("use", lang), [_text(u) for u in b.use.tolist()]),
        _Column(_label("storeys", lang), _float_column(b.floors), FORMATS["count"]),
        _Column(_label("height", lang), _float_column(b.height), FORMATS["height"]),
        *(_Column(_label(name, lang), _float_column(getattr(b, name)), FORMATS["area"])
          for name in ("footprint_area", "counted_area", "outside_area")),
        _Column(_label("building_parcels", lang), [", ".join(on.get(i, ())) or None for i in ids], max_width=60),
        _Column(_label("rules", lang), [", ".join(rules.get(i, ())) or None for i in ids]),
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


def write_xlsx(result: CheckResult, path, lang: str, review=None) -> None:
    """Write the check as a workbook: parcels, findings, buildings and provenance sheets.

    Numbers are stored as numbers with display formats (FAR 0.00, ratios 0.0 %, areas #,##0.0, heights
    0.0); ratios are fractions, as in the JSON. `review`, when given, adds each finding's reviewer note,
    acceptance and reason (``review.note_for(finding)``). The file is written beside `path` and moved into
    place; an input file of the check is never overwritten (OutputIsInputError).
    """
    path = Path(path)
    _refuse_inputs(path, _result_inputs(result), lang)
    findings = _findings(result, lang)
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
                        review=None) -> None:
    """Write the findings as a GeoPackage for QGIS, in the check's working CRS.

    Layers: ``violating_parcels`` (polygons of the parcels with a violation: rule ids, counts, achieved
    values as fractions / metres, limits as written, messages), ``violating_buildings`` (footprints of the
    buildings a violation names: land use, crossing, outside the plan) and ``findings`` (an attribute table,
    one row per violation, with the reviewer's note when `review` is given). An existing output is
    replaced; an input file of the check never is (OutputIsInputError).
    """
    path = Path(path)
    _refuse_inputs(path, _result_inputs(result) + [("plan", plan.info.path), ("buildings", buildings.info.path)],
                   lang)
    working, parcel_geometry, building_geometry = _working_geometry(result, plan, buildings)
    crs_wkt = working.to_wkt() if working is not None else None
    texts = violation_messages(list(result.violations), lang)  # each sentence once, for all three layers
    messages = {id(v): text for v, text in zip(result.violations, texts)}

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
        "message": _strings("\n".join(messages[id(v)] for v in p.violations[k]) for k in violating),
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
        "message": _strings("\n".join(messages[id(v)] for v in vs) for vs in found),
    }

    table = [_violation_finding(v, lang, text) for v, text in zip(result.violations, texts)]
    findings = {
        "rule": _strings(f.code for f in table),
        "rule_name": _strings(f.name for f in table),
        "parcel": _strings(",".join(_finding_parcels(v)) or None for v in result.violations),
        "building": _strings(f.building or None for f in table),
        "actual": _floats(f.actual if not isinstance(f.actual, str) else None for f in table),
        "actual_text": _strings(f.actual if isinstance(f.actual, str) else None for f in table),
        "limit_lo": _floats(f.lower for f in table),
        "limit_hi": _floats(f.upper for f in table),
        "limit": _strings(f.limit or None for f in table),
        "marginal": np.array([bool(f.marginal) for f in table], dtype=bool),
        "message": _strings(f.message for f in table),
    }
    if review is not None:
        notes = [_review_columns(review, f.source) for f in table]
        findings["note"] = _strings(n[0] for n in notes)
        findings["accepted"] = np.array([n[1] for n in notes], dtype=object)  # null: not decided
        findings["reason"] = _strings(n[2] for n in notes)

    def write(temp: Path) -> None:
        _write_layer(temp, "violating_parcels", parcels, parcel_geometry[rows], crs_wkt)
        _write_layer(temp, "violating_buildings", footprints, building_geometry[building_rows], crs_wkt)
        _write_layer(temp, "findings", findings, None, None)

    _atomic(path, write)
