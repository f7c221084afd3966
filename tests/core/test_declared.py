"""Declared 技术经济指标 (issue 15): reading CSV (UTF-8 with/without BOM, GBK) and XLSX with errors naming file, row
and column; comparing with the measured values within the stated tolerances; the sample's one wrong figure."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import orjson
import pytest

from planner import check, load_buildings, load_green, load_plan
from planner.checking.declared import declared_figures, measured_values, with_declared
from planner.io.declared import DeclaredRow, read_declared
from planner.messages import error_message, violation_message
from planner.model import ALL_RULES, DECLARED_RULES, RULE_KINDS, InputError

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_plans"
PLAN = SAMPLES / "xiguan_plan.gpkg"
VIOLATING = SAMPLES / "scheme_violating.gpkg"
DECLARED = SAMPLES / "xiguan_declared.csv"


@pytest.fixture(scope="module")
def result():
    return check(load_plan(PLAN), load_buildings(VIOLATING, "建筑"), load_green(VIOLATING, "绿地"))


def _csv(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "d.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_rules_are_in_the_model_tables():
    assert set(DECLARED_RULES) <= set(ALL_RULES)
    assert {RULE_KINDS[r] for r in DECLARED_RULES} == {"declared"}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_csv_in_each_encoding_reads_chinese_names_and_percentages(tmp_path, encoding):
    path = _csv(tmp_path, "地块,指标,申报值\nXG-06-01,容积率,2.48\nXG-06-01,绿地率,35%\n,建筑密度,0.25\n"
                          "XG-06-02,建筑高度,49.5米\n,用地面积,\"95,200\"\nXG-06-02,green_ratio,35\n", encoding)
    rows = read_declared(path)
    assert [(r.parcel, r.indicator, r.row) for r in rows] == [
        ("XG-06-01", "far", 2), ("XG-06-01", "green_ratio", 3), (None, "density", 4), ("XG-06-02", "height", 5),
        (None, "site_area", 6), ("XG-06-02", "green_ratio", 7)]
    assert [r.declared for r in rows] == pytest.approx([2.48, 0.35, 0.25, 49.5, 95200.0, 0.35])


def test_xlsx_reads_numbers_and_texts(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in (["parcel", "indicator", "declared"], ["XG-06-01", "far", 2.48], [None, "计容建筑面积", 27780],
                ["XG-06-01", "density", "20.8%"]):
        sheet.append(row)
    path = tmp_path / "d.xlsx"
    book.save(path)
    rows = read_declared(path)
    assert [(r.parcel, r.indicator, r.declared) for r in rows] == [
        ("XG-06-01", "far", pytest.approx(2.48)), (None, "counted_gfa", 27780.0),
        ("XG-06-01", "density", pytest.approx(0.208))]


@pytest.mark.parametrize(("text", "code", "details"), [
    ("parcel,what,declared\nXG-06-01,far,2\n", "declared_column_missing", {"column": "indicator"}),
    ("parcel,indicator,declared\nXG-06-01,plot ratio,2\n", "declared_indicator_unknown",
     {"row": 2, "column": "indicator", "value": "plot ratio"}),
    ("parcel,indicator,declared\n\nXG-06-01,容积率,二点五\n", "declared_value",
     {"row": 3, "column": "declared", "value": "二点五"}),
    ("parcel,indicator,declared\nXG-06-01,建筑密度,35m\n", "declared_value", {"row": 2, "value": "35m"}),
    ("parcel,indicator,declared\nXG-06-01,far,2\nXG-06-01,容积率,2.1\n", "declared_duplicate",
     {"row": 3, "first": 2}),
])
def test_unreadable_tables_name_file_row_and_column(tmp_path, text, code, details):
    path = _csv(tmp_path, text)
    with pytest.raises(InputError) as caught:
        read_declared(path)
    assert caught.value.code == code
    assert caught.value.details["path"] == str(path)
    for key, value in details.items():
        assert caught.value.details[key] == value
    message = error_message(caught.value.code, caught.value.details, "zh")
    assert str(path) in message and "{" not in message


def test_value_error_message_in_chinese(tmp_path):
    path = _csv(tmp_path, "parcel,indicator,declared\nXG-06-01,容积率,二点五\n")
    with pytest.raises(InputError) as caught:
        read_declared(path)
    assert error_message(caught.value.code, caught.value.details, "zh") == (
        f"{path} 第2行“declared”列：“二点五”无法识别为数值，应填写如 2.48。")


def test_not_a_table_and_binary_file(tmp_path):
    with pytest.raises(InputError) as caught:
        read_declared(_csv(tmp_path, "x", name="d.json"))
    assert caught.value.code == "declared_unreadable"
    bad = tmp_path / "d.xlsx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(InputError) as caught:
        read_declared(bad)
    assert caught.value.code == "declared_unreadable"


def test_sample_declares_one_wrong_figure(result):
    figures, findings = declared_figures(result, read_declared(DECLARED), str(DECLARED))
    assert len(figures) == 10
    assert [(v.rule, v.parcel, v.limit) for v in findings] == [("declared_far", "XG-06-01", 2.48)]
    assert findings[0].actual == pytest.approx(27780 / 10000)
    assert findings[0].details["difference"] == pytest.approx(2.48 - 2.778)
    assert violation_message(findings[0], "zh") == "地块XG-06-01：申报容积率2.48，实测2.78，相差0.30，超出允许误差0.01。"
    assert violation_message(findings[0], "en") == ("Parcel XG-06-01: declared FAR 2.48, measured 2.78, a difference "
                                                    "of 0.30, beyond the tolerance of 0.01.")
    gfa = next(f for f in figures if f.indicator == "gfa")
    assert gfa.measured is None and not gfa.differs  # total floor area is listed, never measured
    site = next(f for f in figures if f.parcel is None and f.indicator == "site_area")
    assert site.measured == pytest.approx(95200.0) and not site.differs  # sum of the 7 parcels touched


def test_tolerances_at_and_beyond_the_edge(result):
    k = list(result.parcels.ids).index("XG-06-01")  # far 2.778, density 0.208, height 54.0, site 10000
    assert measured_values(result.parcels, k)["far"] == pytest.approx(2.778)
    rows = [DeclaredRow("XG-06-01", "far", 2.788, 2), DeclaredRow("XG-06-01", "density", 0.2130, 3),
            DeclaredRow("XG-06-01", "height", 54.1, 4), DeclaredRow("XG-06-01", "site_area", 10100.0, 5),
            DeclaredRow("XG-06-02", "far", 2.0509, 6), DeclaredRow("XG-06-02", "density", 0.2924, 7),
            DeclaredRow("XG-06-02", "height", 49.61, 8), DeclaredRow("XG-06-02", "site_area", 10101.0, 9)]
    figures, findings = declared_figures(result, rows)
    assert [f.differs for f in figures] == [False, False, False, False, True, True, True, True]
    assert [v.rule for v in findings] == ["declared_far", "declared_density", "declared_height",
                                          "declared_site_area"]


def test_whole_scheme_ratios_are_over_the_parcels_touched(result):
    whole = measured_values(result.parcels, None)
    site = float(np.sum(result.parcels.site_area))
    assert whole["far"] == pytest.approx(float(np.sum(result.parcels.gfa)) / site)
    assert whole["density"] == pytest.approx(float(np.sum(result.parcels.footprint_area)) / site)
    assert whole["height"] == 54.9


def test_a_parcel_the_scheme_does_not_touch_is_named(result):
    with pytest.raises(InputError) as caught:
        with_declared(result, [DeclaredRow("XG-01-01", "far", 1.0, 7)], "d.csv")
    assert caught.value.code == "declared_parcel_unknown"
    assert caught.value.details["row"] == 7 and caught.value.details["parcel"] == "XG-01-01"


def test_cli_json_has_the_finding_and_the_table(tmp_path):
    out = tmp_path / "r.json"
    run = subprocess.run([sys.executable, "-m", "planner", "check", "--plan", str(PLAN), "--buildings",
                          str(VIOLATING), "--buildings-layer", "建筑", "--green", str(VIOLATING), "--green-layer",
                          "绿地", "--declared", str(DECLARED), "--json", str(out), "--lang", "zh"],
                         capture_output=True, text=True, cwd=ROOT, env=_env())
    assert run.returncode == 1, run.stderr
    assert "地块XG-06-01：申报容积率2.48，实测2.78，相差0.30，超出允许误差0.01。" in run.stdout
    data = orjson.loads(out.read_bytes())
    found = [v for v in data["violations"] if v["kind"] == "declared"]
    assert len(found) == 1
    assert found[0]["rule"] == "declared_far" and found[0]["declared"] == 2.48
    assert found[0]["actual"] == pytest.approx(2.778)
    assert len(data["declared"]) == 10
    assert sum(row["differs"] for row in data["declared"]) == 1


def test_cli_unreadable_declared_file_is_one_line_exit_2(tmp_path):
    path = _csv(tmp_path, "parcel,indicator,declared\nXG-06-01,容积率,abc\n")
    run = subprocess.run([sys.executable, "-m", "planner", "check", "--plan", str(PLAN), "--buildings",
                          str(VIOLATING), "--buildings-layer", "建筑", "--declared", str(path), "--lang", "en"],
                         capture_output=True, text=True, cwd=ROOT, env=_env())
    assert run.returncode == 2
    assert run.stderr.strip().splitlines() == [
        f"planner: {path} row 2, column declared: \"abc\" cannot be read as a number; expected e.g. 2.48."]


def _env() -> dict[str, str]:
    import os

    return {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
