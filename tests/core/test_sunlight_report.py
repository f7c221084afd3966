"""Sunlight in the PDF report (planner/report/document.py _sunlight_section) and the XLSX (exports.py), on the
sample: its existing buildings and the city 酒泉 (zone VII, small city: 大寒日 ≥ 3 h, 8:00-16:00)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from planner import check, load_buildings, load_green, load_plan
from planner.checking.sunlight import apply, settings
from planner.io.existing import load_existing
from planner.report.document import ReportMeta, build_document

SAMPLES = Path(__file__).resolve().parents[2] / "sample_plans"


@pytest.fixture(scope="module")
def checked():
    plan = load_plan(SAMPLES / "xiguan_plan.gpkg")
    buildings = load_buildings(SAMPLES / "scheme_violating.gpkg", "建筑")
    green = load_green(SAMPLES / "scheme_violating.gpkg", "绿地")
    existing = load_existing(SAMPLES / "xiguan_existing.gpkg")
    result = check(plan, buildings, green)
    sunny = apply(result, buildings, existing, settings(city="酒泉"))
    # As planner check and the window do: the existing buildings named among the inputs.
    return result, replace(sunny, inputs={**sunny.inputs, "existing": existing.info})


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_report_sunlight_section(checked):
    _, sunny = checked
    text = build_document(sunny, {}, ReportMeta(), "en").plain_text()
    section = text[text.index("Hours of sun on the standard day"):]
    assert "Parameters used" in section and "Buildings that need sun" in section
    for value in ("zone VII, small (城区常住人口 < 50万) city", "酒泉", "housing: Major Cold (大寒) ≥ 3 h 0 min, 8:00-16:00 (true solar time)",
                  "15°", "1 m", "1 min", "0.9 m above the floor of the lowest storey", "every sunlit period added up",
                  "xiguan_existing.gpkg, layer 现状建筑, 9 buildings"):
        assert value in section, value
    # XZ-9 is existing: its held south facade is pushed below 3 h by the scheme; without the scheme it had 3 h+.
    xz9 = next(b for b in sunny.sunlight.buildings if b.building == "XZ-9")
    south = next(f for f in xz9.facades if f.held and f.length_below > 0)
    assert south.min_hours < 3.0 <= south.min_hours_before
    hours = f"{int(round(south.min_hours * 60)) // 60} h {int(round(south.min_hours * 60)) % 60} min"
    lines = section.splitlines()
    rows = [lines[k:k + 7] for k, line in enumerate(lines) if line == "XZ-9"]  # one cell a line
    row = next(r for r in rows if r[4] == hours)
    assert row[1] == "existing" and row[3] == f"{south.facing:.0f}° from north"
    assert row[5] == f"{south.length_below:,.1f} m" and south.length_below > 0
    before = south.min_hours_before * 60
    assert row[6] == f"least {int(round(before)) // 60} h {int(round(before)) % 60} min; 0.0 m below"


def test_report_says_when_sunlight_was_not_analysed(checked):
    plain, _ = checked
    text = build_document(plain, {}, ReportMeta(), "zh").plain_text()
    assert "未进行日照分析" in text
    assert "Parameters used" not in text and "采用的参数" not in text


def test_xlsx_sunlight_sheet(checked, tmp_path):
    from openpyxl import load_workbook

    from planner.report.exports import write_xlsx

    plain, sunny = checked
    write_xlsx(sunny, tmp_path / "sun.xlsx", "en")
    book = load_workbook(tmp_path / "sun.xlsx", read_only=True)
    assert "Sunlight" in book.sheetnames
    rows = list(book["Sunlight"].iter_rows(values_only=True))
    header = rows[0]
    assert header[:2] == ("Building", "Existing") and "Least sun without the scheme (h)" in header
    column = {name: k for k, name in enumerate(header)}
    xz9 = next(b for b in sunny.sunlight.buildings if b.building == "XZ-9")
    south = next(f for f in xz9.facades if f.held and f.length_below > 0)
    row = next(r for r in rows[1:] if r[0] == "XZ-9" and r[column["Least sun (h)"]] == pytest.approx(south.min_hours))
    assert row[column["Existing"]] is True and row[column["Held to the standard"]] is True
    assert row[column["Length below the standard (m)"]] == pytest.approx(south.length_below)
    assert row[column["Least sun without the scheme (h)"]] == pytest.approx(south.min_hours_before)
    assert len(rows) - 1 == sum(len(b.facades) for b in sunny.sunlight.buildings)
    # Not analysed: no sheet.
    write_xlsx(plain, tmp_path / "plain.xlsx", "en")
    assert "Sunlight" not in load_workbook(tmp_path / "plain.xlsx", read_only=True).sheetnames
