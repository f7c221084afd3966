"""XLSX and GeoPackage exports: real numbers with formats, translated sheets, findings layers QGIS can read."""

from __future__ import annotations

import dataclasses
import hashlib
import sqlite3
import threading
import unicodedata
import zipfile

import numpy as np
import openpyxl
import pyogrio
import pytest
import shapely

import planner
from planner import check, load_buildings, load_green, load_plan
from planner.model import CheckWarning, InputError
from planner.report import exports
from planner.report.exports import OutputIsInputError, write_findings_gpkg, write_xlsx
from planner.resources import sample_path
from planner.review import FindingNote, Review

PLAN = sample_path("xiguan_plan.gpkg")
VIOLATING = sample_path("scheme_violating.gpkg")
COMPLIANT = sample_path("scheme_compliant.gpkg")
SHEETS = {"en": ["Parcels", "Findings", "Buildings", "Provenance"], "zh": ["地块", "审查意见", "建筑", "数据来源"]}


@pytest.fixture(scope="module")
def layers():
    return load_plan(PLAN), load_buildings(VIOLATING, "建筑"), load_green(VIOLATING, "绿地")


@pytest.fixture(scope="module")
def result(layers):
    return check(*layers)


def _xlsx(result, tmp_path, lang="en", review=None, name="out.xlsx"):
    path = tmp_path / name
    write_xlsx(result, path, lang, review)
    return openpyxl.load_workbook(path)


def _records(sheet) -> list[dict]:
    rows = list(sheet.iter_rows())
    header = [c.value for c in rows[0]]
    return [dict(zip(header, row)) for row in rows[1:]]


def _by(records, key, value):
    found = [r for r in records if r[key].value == value]
    assert len(found) == 1, (key, value, [r[key].value for r in records])
    return found[0]


# --- XLSX ------------------------------------------------------------------------------------------

def test_sheets_are_named_in_the_language(result, tmp_path):
    assert _xlsx(result, tmp_path, "en").sheetnames == SHEETS["en"]
    assert _xlsx(result, tmp_path, "zh", name="zh.xlsx").sheetnames == SHEETS["zh"]


def test_parcels_sheet_has_one_row_per_result_parcel_in_order(result, tmp_path):
    records = _records(_xlsx(result, tmp_path)["Parcels"])
    assert [r["Parcel"].value for r in records] == [p.id for p in result.parcels]
    assert len(records) == len(result.parcels) == 7


def test_far_cells_are_numbers_with_two_decimals(result, tmp_path):
    records = _records(_xlsx(result, tmp_path)["Parcels"])
    marginal = _by(records, "Parcel", "XG-06-04")["FAR"]
    assert isinstance(marginal.value, float) and marginal.data_type == "n"
    assert marginal.value == pytest.approx(2.5004, abs=1e-12)
    assert marginal.value == result.parcels.far[list(result.parcels.ids).index("XG-06-04")]  # raw, unrounded
    assert marginal.number_format == "0.00"
    far = _by(records, "Parcel", "XG-06-01")["FAR"]
    assert far.value == pytest.approx(2.778) and far.number_format == "0.00"


def test_ratios_are_fractions_with_a_percent_format(result, tmp_path):
    row = _by(_records(_xlsx(result, tmp_path)["Parcels"]), "Parcel", "XG-06-02")
    assert row["Building density"].value == pytest.approx(0.2868)
    assert row["Building density"].number_format == "0.0%"
    assert row["Green ratio"].value == pytest.approx(0.378) and row["Green ratio"].number_format == "0.0%"
    assert row["Density max"].value == pytest.approx(0.25) and row["Density max"].number_format == "0.0%"


def test_areas_heights_limits_and_counts(result, tmp_path):
    records = _records(_xlsx(result, tmp_path)["Parcels"])
    row = _by(records, "Parcel", "XG-06-01")
    assert row["Site area (m²)"].value == pytest.approx(10000.0)
    assert row["Site area (m²)"].number_format == "#,##0.0"
    assert row["Counted floor area (m²)"].value == pytest.approx(27780.0)
    assert row["Max height (m)"].value == pytest.approx(54.0) and row["Max height (m)"].number_format == "0.0"
    assert row["FAR min"].value is None and row["FAR max"].value == pytest.approx(2.0)
    assert row["FAR max"].number_format == "0.00"
    assert row["FAR as written"].value == "≤2.0"
    assert row["Status"].value == "violation"
    assert row["Violations"].value == 3 and isinstance(row["Violations"].value, int)
    assert row["Rules"].value == "far_max, green_min, crosses_parcel"
    assert row["Buildings on the parcel"].value == "1#, 2#, 3#"
    height_range = _by(records, "Parcel", "XG-06-03")
    assert (height_range["Height min (m)"].value, height_range["Height max (m)"].value) == (24, 50)
    assert height_range["Height as written"].value == "24-50m"
    park = _by(records, "Parcel", "XG-07-01")  # FAR, density and height are "—": not controlled
    assert all(park[h].value is None for h in ("FAR min", "FAR max", "FAR as written", "Height max (m)"))
    assert park["Green ratio min"].value == pytest.approx(0.7)


def test_findings_sheet_lists_violations_then_warnings(result, tmp_path):
    records = _records(_xlsx(result, tmp_path)["Findings"])
    assert len(records) == len(result.violations) + len(result.warnings) == 18
    assert [r["Severity"].value for r in records] == ["violation"] * 13 + ["warning"] * 5
    assert [r["Rule id"].value for r in records[:13]] == [v.rule for v in result.violations]
    assert [r["Rule id"].value for r in records[13:]] == [w.code for w in result.warnings]
    marginal = [(r["Rule id"].value, r["Parcel"].value) for r in records if r["Marginal"].value is True]
    assert marginal == [("far_max", "XG-06-04")]
    assert all(r["Marginal"].value is False for r in records[:13] if r["Parcel"].value != "XG-06-04")
    assert all(r["Marginal"].value is None for r in records[13:])  # not a question for a warning


def test_findings_numbers_and_limits(result, tmp_path):
    records = _records(_xlsx(result, tmp_path)["Findings"])
    far = [r for r in records if r["Rule id"].value == "far_max"]
    assert far[0]["Actual"].value == pytest.approx(2.778) and far[0]["Actual"].number_format == "0.00"
    assert far[0]["Limit min"].value is None and far[0]["Limit max"].value == pytest.approx(2.0)
    # A marginal breach shows its exact value: 2.5004, not a 2.50 that seems to meet ≤2.50.
    assert far[1]["Actual"].value == pytest.approx(2.5004) and far[1]["Actual"].number_format == "0.0000"
    density = next(r for r in records if r["Rule id"].value == "density_max")
    assert density["Actual"].value == pytest.approx(0.2868) and "%" in density["Actual"].number_format
    land_use = next(r for r in records if r["Building"].value == "G-6")
    assert land_use["Actual"].value == "住宅" and land_use["Limit"].value == "M1"
    crossing = next(r for r in records if r["Rule id"].value == "crosses_parcel")
    assert crossing["Parcel"].value == "XG-06-01, XG-06-02" and crossing["Actual"].value == 2
    outside = next(r for r in records if r["Rule id"].value == "outside_plan")
    assert outside["Actual"].value == pytest.approx(280.0) and outside["Building"].value == "10#"
    assert outside["Message"].value.startswith("Building 10#")


def test_chinese_headers_and_messages(result, tmp_path):
    workbook = _xlsx(result, tmp_path, "zh")
    parcels = _records(workbook["地块"])
    assert _by(parcels, "地块编号", "XG-06-04")["容积率"].value == pytest.approx(2.5004)
    findings = _records(workbook["审查意见"])
    assert findings[0]["类别"].value == "不符合" and findings[-1]["类别"].value == "提示"
    assert findings[0]["说明"].value.startswith("地块XG-05-01")


def test_sheet_layout(result, tmp_path):
    workbook = _xlsx(result, tmp_path, "zh")
    for sheet in workbook:
        assert all(c.font.b for c in sheet[1]), sheet.title
        assert not any(c.font.b for c in sheet[2]), sheet.title
        assert sheet.freeze_panes in ("B2", "C2")
        assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}{sheet.max_row}"
        for column in sheet.iter_cols(min_row=1, max_row=1):
            header = column[0]
            wide = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in header.value)
            width = sheet.column_dimensions[header.column_letter].width
            assert width >= min(wide, 40), (sheet.title, header.value, width)
    assert workbook["审查意见"].freeze_panes == "C2"


def test_buildings_sheet(result, tmp_path):
    records = _records(_xlsx(result, tmp_path)["Buildings"])
    assert [r["Building"].value for r in records] == list(result.buildings.ids)
    crossing = _by(records, "Building", "3#")
    assert crossing["Parcels it stands on"].value == "XG-06-01, XG-06-02" and crossing["Rules"].value == "crosses_parcel"
    assert crossing["Counted area (m²)"].value == pytest.approx(2688.0)
    assert crossing["Storeys"].value == 6 and crossing["Use"].value == "住宅"
    kiosk = _by(records, "Building", "10#")
    assert kiosk["Outside the plan (m²)"].value == pytest.approx(280.0) and kiosk["Parcels it stands on"].value is None
    unknown = _by(records, "Building", "G-4")  # nothing known: empty cells, never 0 or "nan"
    assert unknown["Storeys"].value is None and unknown["Height (m)"].value is None


def test_provenance_sheet(result, tmp_path):
    rows = [[c.value for c in row] for row in _xlsx(result, tmp_path)["Provenance"].iter_rows()]
    assert rows[0] == ["Role", "File", "Layer", "Features", "CRS", "SHA-256", "Path"]
    plan = result.inputs["plan"]
    assert rows[1] == ["Plan", "xiguan_plan.gpkg", "控规地块", 36, "EPSG:4542", plan.sha256, plan.path]
    assert rows[1][5] == hashlib.sha256(PLAN.read_bytes()).hexdigest()
    assert [r[:3] for r in rows[2:4]] == [["Scheme buildings", "scheme_violating.gpkg", "建筑"],
                                          ["Green areas", "scheme_violating.gpkg", "绿地"]]
    facts = {r[0]: r[1] for r in rows[4:] if r[0]}
    assert facts["Working CRS"] == "EPSG:4542"
    assert facts["Planner version"] == planner.__version__
    assert facts["Violations"] == 13 and facts["Warnings"] == 5


def test_review_columns(result, tmp_path):
    marginal = next(v for v in result.violations if v.marginal)
    review = Review(reviewer="张工", opinion="同意，按临界处理。").with_note(
        marginal, FindingNote(note="核实计容面积", accepted=True, reason="修约后符合"))
    workbook = _xlsx(result, tmp_path, "zh", review)
    records = _records(workbook["审查意见"])
    noted = [r for r in records if r["审查备注"].value]
    assert len(noted) == 1 and noted[0]["地块编号"].value == "XG-06-04"
    assert (noted[0]["已认可"].value, noted[0]["理由"].value) == (True, "修约后符合")
    assert all(r["已认可"].value is None for r in records if r is not noted[0])
    facts = {row[0].value: row[1].value for row in workbook["数据来源"].iter_rows() if row[0].value}
    assert facts["审查人"] == "张工" and facts["审查意见"] == "同意，按临界处理。"
    assert "审查备注" not in _records(_xlsx(result, tmp_path, "zh", name="plain.xlsx")["审查意见"])[0]


def test_text_that_looks_like_a_formula_stays_text(result, tmp_path):
    odd = dataclasses.replace(result, warnings=(CheckWarning("no_height", None, "=1+1", {}),))
    sheet = _xlsx(odd, tmp_path)["Findings"]
    cell = _records(sheet)[-1]["Building"]
    assert cell.value == "=1+1" and cell.data_type == "s"


def test_text_cells_are_cleaned_cut_and_escaped(result, tmp_path):
    """Texts are written as they read back: & < > escaped; characters XML forbids (NUL too) dropped and a text longer
    than a cell holds cut at 32,767 characters, without touching the other cells of the column."""
    def buildings(names, name):
        odd = dataclasses.replace(result, warnings=tuple(CheckWarning("no_height", None, n, {}) for n in names))
        records = _records(_xlsx(odd, tmp_path, name=name)["Findings"])
        return [r["Building"].value for r in records[-len(names):]]

    assert buildings(["<b>&c", "a > b", "plain"], "escaped.xlsx") == ["<b>&c", "a > b", "plain"]
    assert buildings(["a\x00b", "<c>"], "nul.xlsx") == ["ab", "<c>"]  # NUL separates the texts of a chunk
    assert buildings(["a\x00b", "x\x07y\x1f", "<b>&c", "z" * 40_000, "plain"], "cleaned.xlsx") == \
        ["ab", "xy", "<b>&c", "z" * 32_767, "plain"]


def _sheet_parts(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist() if name.startswith("xl/worksheets/")}


def test_rows_written_in_chunks_are_the_same_bytes(result, tmp_path, monkeypatch):
    """A sheet's rows are made a chunk at a time and handed to the writer thread in pieces: cutting them small
    (3 rows, every chunk a write of its own) gives the same sheets."""
    write_xlsx(result, tmp_path / "whole.xlsx", "zh")
    monkeypatch.setattr(exports, "_ROWS_CHUNK", 3)
    monkeypatch.setattr(exports, "_WRITE_BYTES", 1)
    write_xlsx(result, tmp_path / "chunks.xlsx", "zh")
    whole, chunks = _sheet_parts(tmp_path / "whole.xlsx"), _sheet_parts(tmp_path / "chunks.xlsx")
    assert len(whole) == 4 and whole == chunks
    assert len(result.violations) + len(result.warnings) > 3 * 3  # the findings sheet took several chunks


def _writer_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "xlsx-writer"]


def test_a_failed_write_keeps_the_older_output(result, tmp_path, monkeypatch):
    """An error on the writer thread (a full disk), or in making the rows, reaches the caller; the older output
    stays, no temporary file is left and the writer thread has ended."""
    path = tmp_path / "out.xlsx"
    path.write_bytes(b"an older export")
    write = zipfile._ZipWriteFile.write

    def full_disk(self, data):  # the disk fills up while the writer thread writes a sheet's rows
        if threading.current_thread().name == "xlsx-writer":
            raise OSError(28, "No space left on device")
        return write(self, data)

    with monkeypatch.context() as patch:
        patch.setattr(zipfile._ZipWriteFile, "write", full_disk)
        with pytest.raises(OSError, match="No space left"):
            write_xlsx(result, path, "en")
    assert path.read_bytes() == b"an older export" and [p.name for p in tmp_path.iterdir()] == ["out.xlsx"]
    assert _writer_threads() == []

    rows_xml = exports._rows_xml

    def broken(columns, styles, chunk=None):
        rows = rows_xml(columns, styles, 2)
        yield next(rows)
        raise ValueError("a bug while making rows")

    monkeypatch.setattr(exports, "_rows_xml", broken)
    with pytest.raises(ValueError, match="a bug while making rows"):
        write_xlsx(result, path, "en")
    assert path.read_bytes() == b"an older export" and [p.name for p in tmp_path.iterdir()] == ["out.xlsx"]
    assert _writer_threads() == []


def test_compliant_scheme_gives_empty_findings(tmp_path):
    result = check(load_plan(PLAN), load_buildings(COMPLIANT, "建筑"), load_green(COMPLIANT, "绿地"))
    workbook = _xlsx(result, tmp_path)
    findings = _records(workbook["Findings"])
    assert [r["Severity"].value for r in findings] == ["warning"] * len(result.warnings)  # the plan's 见图则
    assert {r["Status"].value for r in _records(workbook["Parcels"])} == {"pass"}


def test_overwrites_an_output_whole_and_leaves_no_temporary_file(result, tmp_path):
    path = tmp_path / "out.xlsx"
    path.write_bytes(b"an older export")
    write_xlsx(result, path, "en")
    assert openpyxl.load_workbook(path).sheetnames == SHEETS["en"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.xlsx"]


# --- refusing to overwrite inputs -----------------------------------------------------------------

def test_refuses_to_overwrite_an_input(result, layers, tmp_path):
    before = hashlib.sha256(PLAN.read_bytes()).hexdigest()
    with pytest.raises(InputError) as caught:
        write_xlsx(result, PLAN, "en")
    assert isinstance(caught.value, ValueError) and isinstance(caught.value, OutputIsInputError)
    assert caught.value.code == "output_unwritable"
    assert "plan input of this check" in str(caught.value) and str(PLAN) in str(caught.value)
    with pytest.raises(InputError) as caught:
        write_findings_gpkg(result, layers[0], layers[1], VIOLATING, "zh")
    assert "输入数据" in caught.value.details["error"]
    assert hashlib.sha256(PLAN.read_bytes()).hexdigest() == before
    assert not [p for p in PLAN.parent.iterdir() if p.name.startswith((".xiguan_plan", ".scheme_violating"))]


def test_refuses_the_files_of_a_shapefile_input(tmp_path):
    import shutil

    for suffix in (".shp", ".shx", ".dbf", ".prj"):
        shutil.copy(sample_path(f"xiguan_plan_gbk{suffix}"), tmp_path / f"plan{suffix}")
    result = check(load_plan(tmp_path / "plan.shp"), load_buildings(VIOLATING, "建筑"))
    dbf = (tmp_path / "plan.dbf").read_bytes()
    with pytest.raises(OutputIsInputError):
        write_xlsx(result, tmp_path / "plan.dbf", "en")
    assert (tmp_path / "plan.dbf").read_bytes() == dbf


# --- GeoPackage ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def gpkg(result, layers, tmp_path_factory):
    path = tmp_path_factory.mktemp("gpkg") / "findings.gpkg"
    write_findings_gpkg(result, layers[0], layers[1], path, "en")
    return path


def _read(path, layer):
    meta, _fids, geometry, fields = pyogrio.raw.read(path, layer=layer)
    table = dict(zip(meta["fields"], fields))
    return meta, (shapely.from_wkb(geometry) if geometry is not None else None), table


def test_gpkg_layers(gpkg):
    layers = {name: kind for name, kind in pyogrio.list_layers(gpkg)}
    assert layers == {"violating_parcels": "MultiPolygon", "violating_buildings": "MultiPolygon", "findings": None}
    with sqlite3.connect(gpkg) as db:  # what QGIS reads: two feature layers and an attribute table
        contents = dict(db.execute("select table_name, data_type from gpkg_contents"))
    assert contents == {"violating_parcels": "features", "violating_buildings": "features", "findings": "attributes"}


def test_gpkg_violating_parcels(gpkg, result):
    meta, geometry, table = _read(gpkg, "violating_parcels")
    assert meta["crs"] == "EPSG:4542"
    ids = list(table["parcel_id"])
    assert sorted(ids) == sorted(p.id for p in result.parcels if p.violations) and len(ids) == 7
    rules = dict(zip(ids, table["rules"]))
    assert rules["XG-06-04"] == "far_max"
    assert rules["XG-05-01"] == "far_min,density_min,green_max"
    assert rules["XG-06-02"] == "density_max,height_max,crosses_parcel"
    assert dict(zip(ids, table["violations"]))["XG-06-01"] == 3
    assert dict(zip(ids, table["marginal_only"])) == {i: i == "XG-06-04" for i in ids}
    assert shapely.is_valid(geometry).all()
    site = dict(zip(result.parcels.ids, result.parcels.site_area))
    assert shapely.area(geometry) == pytest.approx([site[i] for i in ids], rel=1e-12)
    far = dict(zip(ids, table["far"]))
    assert far["XG-06-04"] == pytest.approx(2.5004) and far["XG-06-01"] == pytest.approx(2.778)
    assert dict(zip(ids, table["density"]))["XG-06-02"] == pytest.approx(0.2868)
    assert dict(zip(ids, table["far_limit"]))["XG-06-04"] == "≤2.5"
    message = dict(zip(ids, table["message"]))["XG-05-01"].split("\n")
    assert len(message) == 3 and message[0].startswith("Parcel XG-05-01: FAR 0.31")


def test_gpkg_violating_buildings(gpkg, layers):
    meta, geometry, table = _read(gpkg, "violating_buildings")
    assert meta["crs"] == "EPSG:4542"
    rules = dict(zip(table["building_id"], table["rules"]))
    assert rules == {"G-6": "land_use", "3#": "crosses_parcel", "10#": "outside_plan", "11#": "land_use"}
    parcels = dict(zip(table["building_id"], table["parcel_ids"]))
    assert parcels["3#"] == "XG-06-01,XG-06-02" and parcels["G-6"] == "XG-05-02" and parcels["10#"] is None
    assert shapely.is_valid(geometry).all()
    source = dict(zip(layers[1].ids, layers[1].geometry))
    for building, shape in zip(table["building_id"], geometry):
        assert shape.equals(source[building])  # same CRS as the scheme: the footprints as drawn


def test_gpkg_findings_table(gpkg, result):
    meta, geometry, table = _read(gpkg, "findings")
    assert geometry is None and meta["geometry_type"] is None
    assert list(table["rule"]) == [v.rule for v in result.violations]
    assert [r for r, m in zip(table["parcel"], table["marginal"]) if m] == ["XG-06-04"]
    assert table["marginal"].dtype == bool
    far = list(table["rule"]).index("far_max")
    assert (table["actual"][far], table["limit_hi"][far]) == (pytest.approx(2.778), pytest.approx(2.0))
    assert np.isnan(table["limit_lo"][far])
    land_use = list(table["building"]).index("G-6")
    assert table["actual_text"][land_use] == "住宅" and table["limit"][land_use] == "M1"


def test_gpkg_review_and_overwrite(result, layers, tmp_path):
    path = tmp_path / "findings.gpkg"
    path.write_bytes(b"not a geopackage")
    marginal = next(v for v in result.violations if v.marginal)
    review = Review().with_note(marginal, FindingNote(note="核实", accepted=True, reason="修约后符合"))
    write_findings_gpkg(result, layers[0], layers[1], path, "zh", review)
    write_findings_gpkg(result, layers[0], layers[1], path, "zh", review)  # over its own output: replaced
    _meta, _geometry, table = _read(path, "findings")
    noted = [k for k, note in enumerate(table["note"]) if note]
    assert [(table["rule"][k], table["parcel"][k]) for k in noted] == [("far_max", "XG-06-04")]
    assert table["accepted"][noted[0]] and table["reason"][noted[0]] == "修约后符合"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["findings.gpkg"]


def test_gpkg_of_a_geographic_plan_is_in_the_working_crs(tmp_path):
    """A plan in degrees is measured in the local Gauss-Kruger zone; the layers come out in that zone."""
    import geopandas as gpd

    plan_4490 = tmp_path / "plan_4490.gpkg"
    gpd.read_file(PLAN).to_crs(4490).to_file(plan_4490, layer="控规地块", engine="pyogrio")
    buildings_4490 = tmp_path / "buildings_4490.gpkg"
    gpd.read_file(VIOLATING, layer="建筑").to_crs(4490).to_file(buildings_4490, layer="建筑", engine="pyogrio")
    plan, buildings = load_plan(plan_4490), load_buildings(buildings_4490)
    result = check(plan, buildings)
    assert result.crs == "EPSG:4542"
    path = tmp_path / "findings.gpkg"
    write_findings_gpkg(result, plan, buildings, path, "en")
    meta, geometry, table = _read(path, "violating_parcels")
    assert meta["crs"] == "EPSG:4542"
    site = dict(zip(result.parcels.ids, result.parcels.site_area))
    assert shapely.area(geometry) == pytest.approx([site[i] for i in table["parcel_id"]], rel=1e-9)


def test_gpkg_without_violations_has_empty_layers(tmp_path):
    plan, buildings = load_plan(PLAN), load_buildings(COMPLIANT, "建筑")
    result = check(plan, buildings, load_green(COMPLIANT, "绿地"))
    path = tmp_path / "none.gpkg"
    write_findings_gpkg(result, plan, buildings, path, "en")
    for layer in ("violating_parcels", "violating_buildings", "findings"):
        assert pyogrio.read_info(path, layer=layer)["features"] == 0
    assert pyogrio.read_info(path, layer="violating_parcels")["crs"] == "EPSG:4542"


# --- sentences made by the caller ------------------------------------------------------------------

def test_exports_take_the_sentences_the_caller_has(result, layers, tmp_path):
    """The window's findings table and the CLI's summary word every violation already: the exports write those
    sentences (in the violations' order) instead of wording them again; the rest of the outputs is the same."""
    given = [f"sentence {k}: {v.rule} @ {v.parcel}" for k, v in enumerate(result.violations)]
    write_xlsx(result, tmp_path / "given.xlsx", "en", messages=given)
    records = _records(openpyxl.load_workbook(tmp_path / "given.xlsx")["Findings"])
    assert [r["Message"].value for r in records[:len(given)]] == given
    worded = _records(_xlsx(result, tmp_path)["Findings"])
    assert [r["Message"].value for r in records[len(given):]] == [r["Message"].value for r in worded[len(given):]]
    assert [[c.value for k, c in r.items() if k != "Message"] for r in records] == \
        [[c.value for k, c in r.items() if k != "Message"] for r in worded]

    write_findings_gpkg(result, layers[0], layers[1], tmp_path / "given.gpkg", "en", messages=given)
    _meta, _geometry, table = _read(tmp_path / "given.gpkg", "findings")
    assert list(table["message"]) == given
    _meta, _geometry, parcels = _read(tmp_path / "given.gpkg", "violating_parcels")
    by_parcel = dict(zip(parcels["parcel_id"], parcels["message"]))
    assert by_parcel["XG-06-04"] == "\n".join(m for m, v in zip(given, result.violations) if v.parcel == "XG-06-04")


def test_exports_refuse_sentences_of_another_result(result, layers, tmp_path):
    with pytest.raises(ValueError, match="12 messages for 13 violations"):
        write_xlsx(result, tmp_path / "short.xlsx", "en", messages=["x"] * 12)
    with pytest.raises(ValueError, match="14 messages for 13 violations"):
        write_findings_gpkg(result, layers[0], layers[1], tmp_path / "long.gpkg", "en", messages=["x"] * 14)
    assert not (tmp_path / "short.xlsx").exists() and not (tmp_path / "long.gpkg").exists()


def test_columns_of_repeated_numbers_and_of_numbers_with_texts_make_the_cells_of_the_general_path():
    """A column of few values over many rows has each value worded once, and a column of numbers and strings
    (a finding's figure or land-use code) is worded a chunk at a time: both give the cells, byte for byte, that
    the cell-by-cell path (_cells_of_anything) gives, across chunks and for the awkward values."""
    n = 2 * exports._ROWS_CHUNK + 7
    awkward = [0.0, -0.0, 3.0, 2.5, 0.1, 1 / 3, 1e15, 1e15 + 0.5, 1e16, -7.0, float("nan"), float("inf"), 5e-324]
    repeated = np.array([awkward[k % len(awkward)] for k in range(n)])
    texts = ["R2", "a<b & c>d", "bell\x07here", "x" * 40000, ""]
    mixed = [[None, 2, 2.75, float("nan"), 1e16, *texts][k % 10] for k in range(n)]
    formats = ["0.00", None, "#,##0.0"]
    per_row = [formats[k % 3] for k in range(n)]
    styles = {None: 0, "0.00": 3, "#,##0.0": 5}
    columns = [exports._Column("repeated", repeated, "0.00"), exports._Column("mixed", mixed, per_row)]
    made = "".join(exports._rows_xml(columns, styles))

    def general(pre, values, fmt):
        attr = None if isinstance(fmt, list) else (f' s="{styles[fmt]}"' if styles[fmt] else "")
        attrs = [f' s="{styles[f]}"' if styles[f] else "" for f in fmt] if isinstance(fmt, list) else []
        return exports._cells_of_anything(pre, list(values), attr, attrs)

    makers = [general('<c r="A', repeated.tolist(), "0.00"), general('<c r="B', mixed, per_row)]
    rows = [str(r) for r in range(2, n + 2)]
    cells = [make(0, n, rows)[0] for make in makers]
    expected = "".join(f'<row r="{r}">{a}{b}</row>' for r, a, b in zip(rows, *cells))
    assert made == expected
    assert '<c r="A3" s="3"><v>0</v></c>' in made  # -0.0 is written 0, as 0.0 is
    assert '<c r="A8" s="3"><v>1000000000000000.0</v></c>' in made and '<c r="A10" s="3"><v>1e+16</v></c>' in made
    assert '<row r="12"></row>' in made and '<c r="A13"' not in made  # NaN and infinity: empty cells
    assert '<c r="B2"' not in made and '<c r="B5"' not in made  # None and NaN among the mixed: empty too
    assert '<c r="B7" t="inlineStr" s="5"><is><t xml:space="preserve">R2</t></is></c>' in made
    assert "a&lt;b &amp; c&gt;d" in made and "bellhere" in made and "x" * 32767 + "<" in made
