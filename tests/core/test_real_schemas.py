"""Plans and schemes with the field names real bureaus write (resources/fields.toml), checked end to end.

Each test builds a small plan in one real schema (Hangzhou XG_GHDK, Xiamen, Zhongshan, the national 用地用海
schema, an ArcGIS building export with HEIGHT only, an old GBK Shapefile without .cpg), runs `planner check
--json` on it and asserts the verdicts worked out by hand in the comments: a parcel that breaches, one that
passes, and that no parcel passes without every item checked.

Parcels are 100 m x 50 m (5000 m²) side by side: P1 at x 0-100, P2 at x 100-200, P3 at x 200-300 (EPSG:4542).
"""

from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import openpyxl
import pyogrio
import pytest

from planner.checking.engine import check
from planner.cli import main
from planner.io.fields import ALIASES, FIELDS, load_field_table, recognise
from planner.io.landuse import shipped_table
from planner.io.layers import load_buildings, load_plan, storey_heights
from planner.messages import achieved_text, warning_message
from planner.report.exports import write_xlsx
from tests.helpers import rect, write_gbk_shapefile, write_layer

P1, P2, P3 = rect(0, 0, 100, 50), rect(100, 0, 100, 50), rect(200, 0, 100, 50)
#: GDAL says so when it writes a GBK Shapefile's field names (the fixture of an old Chinese tool).
pytestmark = pytest.mark.filterwarnings("ignore:Could not decode error message:RuntimeWarning")
ITEMS = ("far", "density", "height", "green_ratio", "land_use")


def green(path, *areas):
    """A green layer with the usual names: one rectangle per (x, width) across a parcel's full 50 m depth."""
    return write_layer(path, "绿地", [rect(x, 0, w, 50) for x, w in areas],
                       绿地编号=[f"G{k}" for k in range(1, len(areas) + 1)], 折算系数=[1.0] * len(areas))


def run(tmp_path, capsys, plan, buildings, green_path=None, *extra) -> tuple[int, dict, str]:
    out = tmp_path / "result.json"
    args = ["check", "--plan", str(plan), "--buildings", str(buildings), "--json", str(out), "--lang", "en", *extra]
    if green_path is not None:
        args += ["--green", str(green_path)]
    code = main(args)
    summary = capsys.readouterr().out
    return code, json.loads(out.read_text(encoding="utf-8")), summary


def parcels_of(doc: dict) -> dict[str, dict]:
    return {p["id"]: p for p in doc["parcels"]}


def findings(doc: dict) -> set[tuple[str, str | None]]:
    return {(v["rule"], v["parcel"]) for v in doc["violations"]}


def all_pass(parcel: dict) -> bool:
    return parcel["status"] == "pass" and set(parcel["checked"].values()) <= {"pass", "not_controlled"}


def warnings_of(doc: dict, code: str) -> list[dict]:
    return [w for w in doc["warnings"] if w["code"] == code]


# --- the table itself -------------------------------------------------------------------------------------

def test_every_name_says_where_it_comes_from():
    for role, targets in ALIASES.items():
        for target, names in targets.items():
            said = " ".join(FIELDS.sources[role][target]).lower()
            assert said, f"[{role}.{target}] has no sources"
            missing = [n for n in names if n.lower() not in said]
            assert not missing, f"[{role}.{target}]: {missing} not named in its sources"


def test_the_issue_names_are_recognised_for_the_right_item():
    plan = {"JZGD": "height", "KZGD": "height", "JZXG": "height", "建筑限高": "height", "控制高度": "height",
            "绝对高度": "height_absolute", "JZMDSX": "density_max", "JZMDXX": "density_min",
            "JZMDZ": "density_max", "JZMDX": "density_min", "LDLSX": "green_max", "LDLXX": "green_min",
            "LDLLX": "green_min", "KGLSX": "green_max", "RJLSX": "far_max", "RJLXX": "far_min",
            "DSRJLSX": "far_max", "DSRJLXX": "far_min", "YDYHFLDM": "land_use", "YDXZDM": "land_use",
            "YDXZDH": "land_use", "YDDM": "land_use", "DLBM": "land_use", "GHDLBM": "land_use",
            "地块性质": "land_use", "JZTR": "setback", "建筑退让": "setback", "PZWH": "approval_number",
            "PFWH": "approval_number", "PZSJ": "approval_date", "PFSJ": "approval_date"}
    for name, target in plan.items():
        assert recognise("plan", [name]).columns == {target: name}, name
    buildings = {"CS": "floors", "DSCS": "floors", "DXCS": "basement_floors", "FLOOR": "floors", "Floor": "floors",
                 "layer": "floors", "JZCS": "floors", "计容建筑面积": "gfa", "JRJZMJ": "gfa", "JZGD": "height",
                 "HEIGHT": "height", "JZYT": "use", "JZFL": "use"}
    numbers = {"FLOOR": [6], "Floor": [6], "layer": [6]}
    for name, target in buildings.items():
        assert recognise("buildings", [name], values=lambda c: numbers.get(c, [])).columns == {target: name}, name


def test_a_name_listed_for_two_items_is_refused(tmp_path):
    path = tmp_path / "fields.toml"
    path.write_text('[plan.far]\nnames = ["RJL"]\n[plan.density]\nnames = ["rjl"]\n', encoding="utf-8")
    with pytest.raises(ValueError, match="both"):
        load_field_table(path)


def test_land_use_names_are_looked_up_in_the_table():
    table = shipped_table()
    assert table.code_for_name("二类居住用地") == "R2"
    # 商业用地 is B1 in GB 50137-2011 and 0901 in 用地用海, which allow different uses: alone it cannot be told,
    # in a column whose other names are 2011 names it is B1.
    assert table.code_for_name(" 商业用地 ") is None
    assert table.code_for_name(" 商业用地 ", "letters") == "B1"
    assert table.name_family(["二类居住用地", "商业用地"]) == "letters"
    assert table.code_for_name("二类城镇住宅用地") == "070102"
    assert table.code_for_name("二类居住用地/商业用地") == "R2/B1"
    assert table.code_for_name("居住用地") == "R"  # R and 07 allow the same uses: the first in the table
    assert table.code_for_name("未知用地") is None
    assert table.code_for_name("二类居住用地/未知用地") is None  # a part it cannot read: not half a verdict


# --- Hangzhou (入库 layer XG_GHDK): the height limit is JZGD ------------------------------------------------

def test_hangzhou_jzgd_is_the_height_limit(tmp_path, capsys):
    plan = write_layer(tmp_path / "XG_GHDK.gpkg", "XG_GHDK", [P1, P2], DKBH=["HZ-01", "HZ-02"],
                       YDXZ=["R21", "R21"], RJL=["≤2.0", "2.5"], JZMD=["≤30%", "30"], JZGD=["24", "60"],
                       LDL=["≥35%", "30"])
    # Hangzhou's buildings: JZGD on a buildings layer is the building's own height.
    buildings = write_layer(tmp_path / "jz.gpkg", "jz", [rect(10, 10, 40, 25), rect(110, 10, 40, 25)],
                            JZBH=["1#", "2#"], CS=[9, 10], JZGD=[27.0, 30.0], JZYT=["住宅", "住宅"])
    greens = green(tmp_path / "ld.gpkg", (55, 40), (155, 30))
    assert load_plan(plan).fields.get("height") == "JZGD"
    assert load_buildings(buildings).fields.columns == {"id": "JZBH", "floors": "CS", "height": "JZGD",
                                                        "use": "JZYT"}
    code, doc, _ = run(tmp_path, capsys, plan, buildings, greens)
    # HZ-01: 1000 m² x 9 = 9000 / 5000 = FAR 1.80 <= 2.0; density 1000/5000 = 20% <= 30%; height 27 m > 24 m:
    # breach (before: JZGD was not read, height was "not checked" and the breach went unseen); green 2000/5000 =
    # 40% >= 35%. HZ-02: FAR 10000/5000 = 2.00 <= 2.5, density 20% <= 30%, height 30 <= 60, green 1500/5000 =
    # 30% >= 30% (inclusive), R21 allows housing: it passes on every item.
    assert code == 1
    assert findings(doc) == {("height_max", "HZ-01")}
    parcels = parcels_of(doc)
    assert parcels["HZ-01"]["status"] == "violation"
    assert parcels["HZ-01"]["checked"] == {"far": "pass", "density": "pass", "height": "fail",
                                           "green_ratio": "pass", "land_use": "pass"}
    assert parcels["HZ-01"]["limits"]["height"] == [None, 24.0]
    assert parcels["HZ-02"]["far"] == pytest.approx(2.0)
    assert parcels["HZ-02"]["green_ratio"] == pytest.approx(0.30)
    assert all_pass(parcels["HZ-02"])


# --- Xiamen: KZGD (控制高度), YDXZ names beside YDXZDH codes -------------------------------------------------

XIAMEN = dict(DKBH=["XM-01", "XM-02", "XM-03"], YDXZ=["二类居住用地", "商业用地", "二类居住用地"],
              YDXZDH=["R2", "B1", "R2"], KZGD=["50", "80", "50"], RJL=["≤2.8", "≤4.0", "≤2.8"],
              JZMD=["≤25%", "≤50%", "≤25%"], LDL=["≥30%", "≥20%", "≥30%"])


def xiamen_scheme(tmp_path):
    buildings = write_layer(tmp_path / "jz.gpkg", "建筑",
                            [rect(10, 10, 40, 25), rect(110, 10, 40, 25), rect(210, 10, 40, 25)],
                            建筑编号=["A", "B", "C"], 层数=[14, 6, 11], 建筑高度=[54.0, 18.0, 33.0],
                            建筑用途=["住宅", "住宅", "住宅"])
    return buildings, green(tmp_path / "ld.gpkg", (55, 40), (155, 30), (255, 30))


def check_xiamen(doc: dict) -> None:
    # XM-01 (R2): 1000 m² x 14 = FAR 2.80 <= 2.8 (inclusive), density 20%, green 2000/5000 = 40%; height 54 m >
    # KZGD 50 m: breach. XM-02 (B1 商业): housing is not a use of B1: breach; FAR 1.20, density 20%, height
    # 18 <= 80, green 30% >= 20% pass. XM-03 (R2): FAR 2.20, density 20%, height 33 <= 50, green 30% >= 30%,
    # housing on R2: passes on every item.
    assert findings(doc) == {("height_max", "XM-01"), ("land_use", "XM-02")}
    parcels = parcels_of(doc)
    assert parcels["XM-01"]["far"] == pytest.approx(2.8) and parcels["XM-01"]["checked"]["far"] == "pass"
    assert parcels["XM-01"]["checked"]["height"] == "fail"
    assert parcels["XM-02"]["checked"]["land_use"] == "fail" and parcels["XM-02"]["land_use"] == "B1"
    assert all_pass(parcels["XM-03"])
    assert [p["land_use"] for p in doc["parcels"]] == ["R2", "B1", "R2"]


def test_xiamen_takes_the_code_field_not_the_name_field(tmp_path, capsys):
    plan = write_layer(tmp_path / "xiamen.gpkg", "控规", [P1, P2, P3], **XIAMEN)
    loaded = load_plan(plan)
    # Both are land-use fields; YDXZ holds names, YDXZDH codes: the code field is the one read.
    assert loaded.fields.get("land_use") == "YDXZDH" and loaded.fields.get("height") == "KZGD"
    assert not [w for w in loaded.warnings if w.code == "land_use_names_read"]
    code, doc, _ = run(tmp_path, capsys, plan, *xiamen_scheme(tmp_path))
    assert code == 1
    check_xiamen(doc)


def test_a_code_field_wins_over_a_name_field_listed_before_it(tmp_path):
    """YDXZ comes before 地块性质 in the alias list (each holds a code in some databases, a name in others): the
    values decide."""
    plan = write_layer(tmp_path / "plan.gpkg", "dk", [P1, P2], DKBH=["A", "B"], YDXZ=["二类居住用地", "商业用地"],
                       地块性质=["R2", "B1"], RJL=["≤2.0", "≤3.0"])
    loaded = load_plan(plan)
    assert loaded.fields.get("land_use") == "地块性质"
    assert list(loaded.land_use) == ["R2", "B1"]
    assert not [w for w in loaded.warnings if w.code == "land_use_names_read"]
    # Where both hold names, the first is read, and its names are looked up.
    names = write_layer(tmp_path / "names.gpkg", "dk", [P1], DKBH=["A"], YDXZ=["二类居住用地"], 地块性质=["住宅"],
                        RJL=["≤2.0"])
    assert load_plan(names).fields.get("land_use") == "YDXZ" and list(load_plan(names).land_use) == ["R2"]


def test_xiamen_with_names_only_still_checks_land_use(tmp_path, capsys):
    plan = write_layer(tmp_path / "xiamen.gpkg", "控规", [P1, P2, P3],
                       **{k: v for k, v in XIAMEN.items() if k != "YDXZDH"})
    loaded = load_plan(plan)
    assert loaded.fields.get("land_use") == "YDXZ"
    assert list(loaded.land_use) == ["R2", "B1", "R2"]
    code, doc, _ = run(tmp_path, capsys, plan, *xiamen_scheme(tmp_path))
    assert code == 1
    check_xiamen(doc)  # the same verdicts as with the code field (before: land use was skipped on every parcel)
    [read] = warnings_of(doc, "land_use_names_read")
    assert read["message"] == ("xiamen.gpkg layer 控规: field YDXZ gives land use by name, not by code; 2 names "
                               "were looked up in the land-use table and checked as these codes: 二类居住用地 → R2, "
                               "商业用地 → B1.")


# --- Zhongshan: JZMDZ/JZMDX and LDLSX/LDLLX pairs ----------------------------------------------------------

def test_zhongshan_bound_pairs_are_read_as_upper_and_lower(tmp_path, capsys):
    plan = write_layer(tmp_path / "zhongshan.gpkg", "KZXXGH", [P1, P2, P3], DKBH=["ZS-01", "ZS-02", "ZS-03"],
                       YDXZDM=["R2"] * 3, RJL=["≤3.0"] * 3, JZXG=["≤80"] * 3, JZMDZ=["30"] * 3,
                       JZMDX=["20"] * 3, LDLSX=["50"] * 3, LDLLX=["35"] * 3)
    loaded = load_plan(plan)
    assert {t: loaded.fields.get(t) for t in ("density_max", "density_min", "green_max", "green_min")} == {
        "density_max": "JZMDZ", "density_min": "JZMDX", "green_max": "LDLSX", "green_min": "LDLLX"}
    assert loaded.fields.get("green_ratio") is None  # LDLSX is never the main (minimum) green limit
    buildings = write_layer(tmp_path / "jz.gpkg", "建筑",
                            [rect(5, 5, 40, 40), rect(105, 5, 50, 25), rect(205, 5, 20, 25)],
                            建筑编号=["1", "2", "3"], 层数=[9, 10, 6], 建筑高度=[27.0, 30.0, 18.0],
                            建筑用途=["住宅"] * 3)
    greens = green(tmp_path / "ld.gpkg", (50, 30), (160, 40), (240, 40))
    code, doc, _ = run(tmp_path, capsys, plan, buildings, greens)
    # ZS-01: footprint 40 x 40 = 1600 m², density 32% > JZMDZ 30%: breach; FAR 1600 x 9 / 5000 = 2.88 <= 3.0;
    # green 30 x 50 = 1500 m² = 30% < LDLLX 35%: breach (before: LDLLX was ignored and LDLSX 50% alone let it
    # pass). ZS-02: 1250 m² = 25% within 20-30%, FAR 2.50, green 2000 m² = 40% within 35-50%: passes.
    # ZS-03: 500 m² = 10% < JZMDX 20%: breach of the minimum; FAR 0.60, green 40%.
    assert code == 1
    assert findings(doc) == {("density_max", "ZS-01"), ("green_min", "ZS-01"), ("density_min", "ZS-03")}
    parcels = parcels_of(doc)
    assert parcels["ZS-01"]["limits"]["density"] == [0.2, 0.3]
    assert parcels["ZS-01"]["limits"]["green_ratio"] == [0.35, 0.5]
    assert parcels["ZS-01"]["density"] == pytest.approx(0.32)
    assert parcels["ZS-01"]["green_ratio"] == pytest.approx(0.30)
    assert parcels["ZS-03"]["checked"]["density"] == "fail"
    assert all_pass(parcels["ZS-02"])


# --- the national 用地用海 schema: YDYHFLDM, DSRJLSX/DSRJLXX, PZWH/PZSJ, JZTR --------------------------------

def test_national_schema_with_ydyhfldm(tmp_path, capsys):
    plan = write_layer(tmp_path / "xxgh.gpkg", "DK", [P1, P2], DKBH=["GJ-01", "GJ-02"],
                       YDYHFLDM=["070102", "0901"], YDYHFLMC=["二类城镇住宅用地", "商业用地"],
                       DSRJLSX=["2.0", "3.0"], DSRJLXX=["1.0", "0"], JZMDSX=["30%", "50%"], JZGDSX=["54", "24"],
                       LDLXX=["30%", "20%"], JZTR=["10", "8"], PZWH=["厦府〔2021〕12号"] * 2,
                       PZSJ=["2021-03-15"] * 2)
    loaded = load_plan(plan)
    assert {t: loaded.fields.get(t) for t in ("land_use", "land_use_name", "far_max", "far_min", "setback",
                                              "approval_number", "approval_date")} == {
        "land_use": "YDYHFLDM", "land_use_name": "YDYHFLMC", "far_max": "DSRJLSX", "far_min": "DSRJLXX",
        "setback": "JZTR", "approval_number": "PZWH", "approval_date": "PZSJ"}
    buildings = write_layer(tmp_path / "jz.gpkg", "建筑", [rect(10, 10, 40, 20), rect(110, 10, 40, 25)],
                            建筑编号=["住1", "商1"], 层数=[5, 7], 建筑高度=[15.0, 21.0], 建筑用途=["住宅", "商业"])
    greens = green(tmp_path / "ld.gpkg", (55, 30), (160, 20))
    code, doc, _ = run(tmp_path, capsys, plan, buildings, greens)
    # GJ-01 (070102): 800 m² x 5 = 4000 / 5000 = FAR 0.80 < DSRJLXX 1.0: breach; density 16%, height 15 <= 54,
    # green 1500/5000 = 30% >= 30%. GJ-02 (0901): FAR 1000 x 7 / 5000 = 1.40 <= 3.0 (DSRJLXX "0" = no minimum),
    # density 20% <= 50%, height 21 <= 24, green 1000/5000 = 20% >= 20%, 商业 on 0901: passes.
    assert code == 1
    assert findings(doc) == {("far_min", "GJ-01")}
    parcels = parcels_of(doc)
    assert parcels["GJ-01"]["checked"]["far"] == "fail" and parcels["GJ-01"]["limits"]["far"] == [1.0, 2.0]
    assert all_pass(parcels["GJ-02"])
    assert doc["inputs"]["plan"]["version"] == {"label": None, "approval_number": "厦府〔2021〕12号",
                                                "approval_date": "2021-03-15"}
    assert not warnings_of(doc, "zero_limit_ignored")  # 0 in a lower-bound column just means "no minimum"


# --- an ArcGIS building export with HEIGHT only ------------------------------------------------------------

def test_buildings_with_height_only_are_checked_with_estimated_storeys(tmp_path, capsys):
    plan = write_layer(tmp_path / "plan.gpkg", "地块", [P1, P2, P3], 地块编号=["A", "B", "C"],
                       用地代码=["070102"] * 3, 容积率=["≤1.0"] * 3, 建筑密度=["≤40%"] * 3, 建筑限高=["≤24"] * 3,
                       绿地率=["/"] * 3)
    # ArcGIS exports often write HEIGHT as text, with "0" for unknown.
    buildings = write_layer(tmp_path / "arcgis.gpkg", "buildings",
                            [rect(10, 10, 40, 25), rect(110, 10, 40, 25), rect(210, 10, 20, 25)],
                            OBJECTID=[1, 2, 3], HEIGHT=["18.5", "0", "12"])
    loaded = load_buildings(buildings)  # before: exit 2, "no storeys or counted-area field recognised"
    assert loaded.fields.columns == {"height": "HEIGHT"}
    assert list(loaded.storeys_estimated) == [True, False, True]
    code, doc, summary = run(tmp_path, capsys, plan, buildings)
    # No use and no storey height: 3.0 m a storey (storey_heights.toml default). #1: 18.5 / 3.0 -> 6 storeys x
    # 1000 m² = 6000 / 5000 = FAR 1.20 > 1.0: breach, estimated. #2: HEIGHT "0" is no height: FAR and height
    # are not checked on B (never a zero floor area). #3: 12 / 3.0 = 4 storeys x 500 m² = 2000 / 5000 = FAR
    # 0.40 <= 1.0, estimated. Density 20%, 20%, 10% <= 40% everywhere. No use field: land use is not checked,
    # so no parcel is "pass".
    assert code == 1
    assert findings(doc) == {("far_max", "A")}
    parcels = parcels_of(doc)
    assert parcels["A"]["far"] == pytest.approx(1.2) and parcels["A"]["far_estimated"] is True
    assert parcels["A"]["checked"] == {"far": "fail", "density": "pass", "height": "pass",
                                       "green_ratio": "not_controlled", "land_use": "not_checked"}
    assert parcels["B"]["checked"]["far"] == "not_checked" and parcels["B"]["checked"]["height"] == "not_checked"
    assert parcels["B"]["checked"]["density"] == "pass" and "far_estimated" not in parcels["B"]
    assert parcels["C"]["far"] == pytest.approx(0.4) and parcels["C"]["far_estimated"] is True
    assert [parcels[p]["status"] for p in "ABC"] == ["violation", "partial", "partial"]
    estimated = warnings_of(doc, "storeys_estimated")
    assert [w["building"] for w in estimated] == ["#1", "#3"]
    assert estimated[0]["message"] == (
        "arcgis.gpkg layer buildings: building #1 (feature 1) states neither storeys nor a counted floor area; 6 "
        "storeys were estimated from its height 18.5 m at 3 m a storey (assumed for any use in "
        "storey_heights.toml). The FAR of the parcels it stands on is an estimate: ask for its storeys or "
        "counted floor area.")
    assert [w["building"] for w in warnings_of(doc, "impossible_value")] == ["#2"]
    row = next(line for line in summary.splitlines() if line.startswith("A "))
    assert "1.20 (estimated) (≤1.00) ✗" in row
    # Every other output marks it too: the report's and the inspector's words, and the spreadsheet.
    result = check(load_plan(plan), loaded)
    by_id = {p.id: p for p in result.parcels}
    assert achieved_text(by_id["A"], "far", "en") == "1.20 (estimated)"
    assert achieved_text(by_id["A"], "far", "zh") == "1.20 （估算）"
    assert achieved_text(by_id["A"], "density", "en") == "20.0%"
    write_xlsx(result, tmp_path / "out.xlsx", "en")
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx", read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    column = rows[0].index("FAR from estimated storeys")
    assert [r[column] for r in rows[1:]] == ["(estimated)", None, "(estimated)"]


def test_storey_height_comes_from_the_building_then_its_use(tmp_path):
    buildings = write_layer(tmp_path / "b.gpkg", "b", [rect(0, 0, 10, 10)] * 4, 建筑编号=["1", "2", "3", "4"],
                            建筑高度=[36.0, 36.0, 36.0, 36.0], 层高=["4.5", "", "", ""],
                            建筑用途=["办公", "办公", "工业厂房", "住宅"])
    loaded = load_buildings(buildings)
    # 36 m at: its own 层高 4.5 -> 8; 办公 3.6 -> 10; 工业 8.0 -> 4 (floor of 4.5); 住宅 3.0 -> 12.
    assert list(loaded.storey_factor) == [8, 10, 4, 12]
    assert storey_heights() == (3.0, {"residential": 3.0, "dormitory": 3.0, "office": 3.6, "commercial": 4.5,
                                      "industrial": 8.0, "warehouse": 8.0})
    bases = {w.building: warning_message(w, "en") for w in loaded.warnings if w.code == "storeys_estimated"}
    assert "at 4.5 m a storey (the storey height in field 层高)" in bases["1"]
    assert "at 3.6 m a storey (assumed for Office in storey_heights.toml)" in bases["2"]
    zh = next(warning_message(w, "zh") for w in loaded.warnings if w.building == "2")
    assert "10" in zh and "3.6" in zh and "办公" in zh


def test_a_cad_layer_column_is_not_read_as_storeys(tmp_path):
    cad = write_layer(tmp_path / "cad.gpkg", "b", [rect(0, 0, 10, 10)] * 2, Layer=["建筑", "0"],
                      HEIGHT=[12.0, 15.0])
    assert load_buildings(cad).fields.columns == {"height": "HEIGHT"}
    storeys = write_layer(tmp_path / "wuhan.gpkg", "b", [rect(0, 0, 10, 10)] * 2, Layer=[4, 5])
    loaded = load_buildings(storeys)
    assert loaded.fields.columns == {"floors": "Layer"}
    assert list(loaded.floors) == [4, 5] and not loaded.storeys_estimated.any()


# --- columns that look like indicators but are not read ----------------------------------------------------

def test_unused_indicator_like_columns_are_named(tmp_path):
    plan = write_layer(tmp_path / "plan.gpkg", "dk", [P1, P2, P3], PID=["A", "B", "C"], FAR_2=["≤2.0"] * 3,
                       MD=["≤30%", "≤35%", "≤30%"], GD=["24m", "24m", "36m"], 限高类型=["机场限高"] * 3,
                       BSM=[1, 2, 3], 用地面积=[5000.0] * 3, 备注=["", "", "保留"])
    # As when the mapping dialog is accepted with only the id and FAR: density and height are in MD and GD.
    loaded = load_plan(plan, mapping={"plan": {"id": "PID", "far": "FAR_2"}})
    [unused] = [w for w in loaded.warnings if w.code == "unused_indicator_columns"]
    # MD and GD by their values, 限高类型 by its name; BSM (1, 2, 3: a numbering), 用地面积 (an area) and 备注 are
    # not indicators.
    assert unused.details["fields"] == "MD, GD, 限高类型"
    assert warning_message(unused, "en") == (
        "plan.gpkg layer dk: fields MD, GD, 限高类型 look like indicators but were not read. If one of them holds a "
        "limit, name it in a mapping (--mapping) or in the field-mapping dialog, and check again.")
    for item in ("density", "height", "green_ratio"):
        assert loaded.limit_unknown[item].all()  # and they are "not checked", never "not controlled"


def test_a_plan_using_every_column_has_no_such_warning(tmp_path):
    plan = write_layer(tmp_path / "plan.gpkg", "dk", [P1], 地块编号=["A"], 用地代码=["R2"], 用地性质=["二类居住用地"],
                       用地面积=[5000.0], 容积率=["≤2.0"], 建筑密度=["≤30%"], 建筑限高=["24"], 绿地率=["≥35%"])
    assert not [w for w in load_plan(plan).warnings if w.code == "unused_indicator_columns"]


# --- an old GBK Shapefile without .cpg: names only, 控制高度, 绝对高度 ----------------------------------------



def test_gbk_shapefile_with_names_control_heights_and_absolute_heights(tmp_path, capsys):
    frame = gpd.GeoDataFrame({
        "地块编号": ["SG-01", "SG-02", "SG-03"],
        "用地性质名称": ["二类居住用地", "二类居住用地", "商业用地"],  # 12 bytes in GBK: the DBF keeps "用地性质名"
        "容积率": ["≤3.0"] * 3, "建筑密度": ["≤30%"] * 3, "控制高度": ["24", "", "36"], "绝对高度": ["", "85.5", "120"],
        "绿地率下限": ["30%"] * 3,
    }, geometry=[P1, P2, P3], crs="EPSG:4542")
    plan = write_gbk_shapefile(tmp_path / "kg.shp", frame)
    assert not plan.with_suffix(".cpg").exists() and "地块编号" not in pyogrio.read_info(plan)["fields"]
    loaded = load_plan(plan)
    assert {t: loaded.fields.get(t) for t in ("land_use", "land_use_name", "height", "height_absolute",
                                              "green_min")} == {
        "land_use": None, "land_use_name": "用地性质名", "height": "控制高度", "height_absolute": "绝对高度",
        "green_min": "绿地率下限"}
    buildings = write_layer(tmp_path / "jz.gpkg", "建筑",
                            [rect(10, 10, 40, 25), rect(110, 10, 40, 25), rect(210, 10, 40, 25)],
                            建筑编号=["1", "2", "3"], 层数=[10, 6, 5], 建筑高度=[30.0, 18.0, 20.0],
                            建筑用途=["住宅", "住宅", "商业"])
    greens = green(tmp_path / "ld.gpkg", (55, 30), (155, 30), (255, 30))
    code, doc, _ = run(tmp_path, capsys, plan, buildings, greens)
    # SG-01 (二类居住用地 -> R2): height 30 m > 控制高度 24 m: breach; FAR 2.00, density 20%, green 30%.
    # SG-02: only an absolute elevation (85.5 m above the datum): height is NOT checked, so the parcel is
    # "partial" although everything else passes. SG-03 (商业用地 -> B1): height 20 <= 36 (its absolute 120 m is
    # warned, not compared), FAR 1.00, density 20%, green 30%, 商业 on B1: passes.
    assert code == 1
    assert findings(doc) == {("height_max", "SG-01")}
    parcels = parcels_of(doc)
    assert [parcels[p]["land_use"] for p in ("SG-01", "SG-02", "SG-03")] == ["R2", "R2", "B1"]
    assert parcels["SG-02"]["status"] == "partial" and parcels["SG-02"]["checked"]["height"] == "not_checked"
    assert {k: v for k, v in parcels["SG-02"]["checked"].items() if k != "height"} == {
        "far": "pass", "density": "pass", "green_ratio": "pass", "land_use": "pass"}
    assert all_pass(parcels["SG-03"])
    [absolute] = warnings_of(doc, "absolute_height_not_checked")
    assert absolute["message"] == (
        "kg.shp layer kg: field 绝对高度 holds absolute elevation limits (绝对高度) on 2 parcels (SG-02, SG-03). An "
        "elevation above the datum cannot be compared with building heights, so Planner does not check it: "
        "compare the buildings' top elevations with it by hand. On 1 of these parcels (SG-02) it is the only height "
        "limit, so height is not checked there.")
    assert warnings_of(doc, "land_use_names_read")


def test_no_parcel_of_these_schemas_passes_silently():
    """What the schemas above share: a plan layer that lacks a field for an indicator leaves it "not checked" on
    every parcel; an absolute limit alone does too (never "not controlled")."""
    frame = gpd.GeoDataFrame({"DKBH": ["A"], "YDXZDM": ["R2"], "绝对高度": ["85"]}, geometry=[P1], crs="EPSG:4542")
    loaded = load_plan(frame, layer="frame")
    for item in ("far", "density", "height", "green_ratio"):
        assert loaded.limit_unknown[item].tolist() == [True], item
    assert np.isnan(loaded.upper["height"]).all()
