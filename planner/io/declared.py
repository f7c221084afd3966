"""The applicant's declared 技术经济指标 (`planner check --declared FILE`): a CSV (UTF-8 with or without BOM, or GBK)
or XLSX table with the columns parcel (blank: the whole scheme), indicator and declared.

Indicators are named in Chinese (容积率, 建筑密度, 绿地率, 建筑高度, 总建筑面积, 计容建筑面积, 用地面积) or by their ids
(model.DECLARED_INDICATORS). Values are read as the plan's limit cells are (planner.io.indicators): "35%" or 0.35
for ratios (a bare number above 1 is a percentage), "49.5m" or "49.5米" for heights; areas in m² ("12,000",
"12000㎡"). A cell that cannot be read stops the check with an error naming the file, row and column.
"""

from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from planner.io.indicators import IndicatorError, parse_bound
from planner.model import DECLARED_INDICATORS, InputError

__all__ = ["COLUMNS", "INDICATOR_WORDS", "DeclaredRow", "read_declared"]

#: The header names each column is recognised by (case-insensitive).
COLUMNS: dict[str, tuple[str, ...]] = {
    "parcel": ("parcel", "地块", "地块编号", "parcel_id"),
    "indicator": ("indicator", "指标", "指标名称", "项目"),
    "declared": ("declared", "申报值", "申报", "数值", "value"),
}

#: Words naming each declared indicator (its id, and the names a 技术经济指标表 uses).
INDICATOR_WORDS: dict[str, tuple[str, ...]] = {
    "site_area": ("site_area", "用地面积", "净用地面积", "建设用地面积"),
    "gfa": ("gfa", "总建筑面积", "建筑面积"),
    "counted_gfa": ("counted_gfa", "计容建筑面积", "计容面积"),
    "far": ("far", "容积率"),
    "density": ("density", "建筑密度"),
    "green_ratio": ("green_ratio", "绿地率"),
    "height": ("height", "建筑高度", "建筑限高", "高度"),
}
_BY_WORD = {word.lower(): indicator for indicator, words in INDICATOR_WORDS.items() for word in words}
_AREA = re.compile(r"^([0-9]+(?:\.[0-9]*)?)(?:m2|m²|㎡|平方米|平米)?$", re.IGNORECASE)
#: What a value of each indicator should look like, for the error message.
EXPECTED = {"site_area": "m²", "gfa": "m²", "counted_gfa": "m²", "far": "2.48", "density": "35% / 0.35",
            "green_ratio": "35% / 0.35", "height": "45 / 45m"}


@dataclass(frozen=True, slots=True)
class DeclaredRow:
    """One declared figure as read: `row` is the file's row number (the header is row 1)."""

    parcel: str | None
    indicator: str
    declared: float
    row: int


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return unicodedata.normalize("NFKC", str(value)).strip()


def _csv_rows(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # gb18030 decodes any byte sequence, so this is only reached for an empty mapping of encodings
        raise InputError("declared_unreadable", path=str(path), error="not UTF-8 or GBK text")
    try:
        return [row for row in csv.reader(io.StringIO(text))]
    except csv.Error as error:
        raise InputError("declared_unreadable", path=str(path), error=str(error)) from None


def _xlsx_rows(path: Path) -> list[list[object]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # a corrupt or encrypted workbook: openpyxl raises many kinds
        raise InputError("declared_unreadable", path=str(path), error=f"{type(error).__name__}: {error}") from None
    try:
        sheet = book.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def _value(path: Path, row: int, column: str, indicator: str, raw: object) -> float:
    text = _text(raw)

    def unreadable() -> InputError:
        return InputError("declared_value", path=str(path), row=row, column=column, value=text,
                          expected=EXPECTED[indicator])

    if not text:
        raise unreadable()
    if indicator in ("site_area", "gfa", "counted_gfa"):
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            number = float(raw)
        else:
            match = _AREA.fullmatch(text.replace(",", "").replace(" ", ""))
            if match is None:
                raise unreadable()
            number = float(match.group(1))
        if not math.isfinite(number) or number <= 0:
            raise unreadable()
        return number
    try:
        number = parse_bound(raw if not isinstance(raw, str) else text, indicator)
    except IndicatorError:
        raise unreadable() from None
    if number is None or not math.isfinite(number):
        raise unreadable()
    return number


def read_declared(path: str | Path) -> list[DeclaredRow]:
    """The declared figures of a CSV or XLSX file, in file order; one figure per (parcel, indicator)."""
    path = Path(path)
    if not path.is_file():
        raise InputError("file_missing", path=str(path))
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        rows: list[list[object]] = _xlsx_rows(path)
    elif suffix in (".csv", ".txt"):
        rows = _csv_rows(path)  # type: ignore[assignment]
    else:
        raise InputError("declared_unreadable", path=str(path), error="expected a .csv or .xlsx file")
    # Row numbers as a spreadsheet shows them (the header is row 1), blank rows skipped but counted.
    numbered = [(k, row) for k, row in enumerate(rows, start=1) if any(_text(cell) for cell in row)]
    if not numbered:
        raise InputError("declared_unreadable", path=str(path), error="the file is empty")
    header = [_text(cell) for cell in numbered[0][1]]
    where: dict[str, int] = {}
    for key, names in COLUMNS.items():
        found = [k for k, name in enumerate(header) if name.lower() in names]
        if not found:
            raise InputError("declared_column_missing", path=str(path), column=key, names=" / ".join(names),
                             columns=", ".join(h for h in header if h) or "-")
        where[key] = found[0]
    figures: list[DeclaredRow] = []
    seen: dict[tuple[str | None, str], int] = {}
    for number, row in numbered[1:]:
        cells = list(row) + [None] * (len(header) - len(row))
        parcel = _text(cells[where["parcel"]]) or None
        word = _text(cells[where["indicator"]])
        indicator = _BY_WORD.get(word.lower())
        if indicator is None:
            raise InputError("declared_indicator_unknown", path=str(path), row=number,
                             column=header[where["indicator"]], value=word,
                             indicators="、".join(INDICATOR_WORDS[i][1] for i in DECLARED_INDICATORS))
        declared = _value(path, number, header[where["declared"]], indicator, cells[where["declared"]])
        key = (parcel, indicator)
        if key in seen:
            raise InputError("declared_duplicate", path=str(path), row=number, first=seen[key],
                             parcel=parcel or "-", value=word)
        seen[key] = number
        figures.append(DeclaredRow(parcel, indicator, declared, number))
    return figures
