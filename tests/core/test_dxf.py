"""CAD drawings (DXF) through the normal pipeline: drawings written with ezdxf, read through GDAL."""

from __future__ import annotations

import json
import math
from pathlib import Path

import ezdxf
import numpy as np
import pytest
import shapely

from planner.cli import main
from planner.io import dxf
from planner.io.controls import KINDS, load_controls
from planner.io.gdal import choose_layer, list_layers, read_layer
from planner.io.layers import load_buildings, load_green, load_plan
from planner.messages import WARNING_NAMES, WARNING_TEMPLATES, error_message, warning_message
from planner.model import InputError
from tests.helpers import X0, Y0, rect, write_layer

#: A metric origin like those of CGCS2000 Gauss-Kruger drawings.
DX, DY = 500_000.0, 4_400_000.0
#: The bulged building: a 20 x 10 rectangle with a semicircular end of radius 5.
BULGED_AREA = 20 * 10 + math.pi * 5**2 / 2


def new_drawing(version: str = "R2018", gbk: bool = False):
    doc = ezdxf.new(version)
    if gbk:
        doc.encoding = "gbk"  # ezdxf then writes $DWGCODEPAGE ANSI_936 and GBK bytes, as Chinese CAD does
    return doc, doc.modelspace()


def outline(msp, layer: str, *points, origin=(DX, DY), close: bool = True, hatch: bool = False):
    """A closed LWPOLYLINE; a point of three values (x, y, bulge) starts an arc."""
    shifted = [(origin[0] + p[0], origin[1] + p[1], 0, 0, p[2] if len(p) > 2 else 0) for p in points]
    entity = msp.add_lwpolyline(shifted, format="xyseb", close=close, dxfattribs={"layer": layer})
    if hatch:
        fill = msp.add_hatch(dxfattribs={"layer": layer})
        fill.paths.add_polyline_path([(x, y) for x, y, *_ in shifted], is_closed=True)
    return entity


def box(msp, layer: str, x: float, y: float, w: float, h: float, **kwargs):
    return outline(msp, layer, (x, y), (x + w, y), (x + w, y + h), (x, y + h), **kwargs)


def text(msp, layer: str, x: float, y: float, words: str, origin=(DX, DY)):
    return msp.add_text(words, dxfattribs={"layer": layer, "insert": (origin[0] + x, origin[1] + y)})


def mtext(msp, layer: str, x: float, y: float, words: str, origin=(DX, DY)):
    return msp.add_mtext(words, dxfattribs={"layer": layer, "insert": (origin[0] + x, origin[1] + y)})


def save(doc, path: Path) -> Path:
    doc.saveas(path)
    return path


def plan_drawing(path: Path, version: str = "R2018", gbk: bool = False) -> Path:
    """Three parcels on land-use layers: A (10000 m², FAR ≤2.5, green ≥35%), B (8000 m², FAR ≤1.5, density
    ≤30%), C (3600 m², no texts), with an open line, a stray text and layers of no role."""
    doc, msp = new_drawing(version, gbk)
    box(msp, "YDGIS-070102", 0, 0, 100, 100)
    text(msp, "YD-文字", 50, 90, "XG-01-01")
    text(msp, "YD-文字", 50, 80, "容积率≤2.5")
    text(msp, "YD-文字", 50, 70, "绿地率≥35%")
    box(msp, "用地-R2／B1", 120, 0, 100, 80)
    mtext(msp, "用地-R2／B1", 170, 70, "{\\fSimSun|b0|i0|c134;XG-01-02}\\PFAR≤1.5\\P\\A1;建筑密度≤30%")
    box(msp, "YD-R2", 240, 0, 60, 60)
    msp.add_line((DX + 240, DY + 70), (DX + 300, DY + 70), dxfattribs={"layer": "YD-R2"})
    text(msp, "YD-文字", 500, 500, "容积率≤9")
    msp.add_line((DX - 10, DY - 20), (DX + 400, DY - 20), dxfattribs={"layer": "道路中心线"})
    text(msp, "图框", 0, -50, "西关片区控制性详细规划")
    return save(doc, path)


def scheme_drawing(path: Path, version: str = "R2000", gbk: bool = True, origin=(DX, DY)) -> Path:
    """Buildings on 建筑 and a green area on 绿地, placed on plan_drawing's parcels."""
    doc, msp = new_drawing(version, gbk)
    outline(msp, "建筑", (10, 10), (30, 10, 1), (30, 20), (10, 20), origin=origin)  # bulge 1: a semicircle
    text(msp, "建筑", 15, 15, "1#", origin=origin)
    text(msp, "建筑", 20, 15, "18F", origin=origin)
    box(msp, "建筑", 50, 10, 30, 20, origin=origin)
    mtext(msp, "建筑", 55, 25, "2#\\P18/-2", origin=origin)
    box(msp, "建筑", 130, 10, 40, 30, origin=origin)
    text(msp, "建筑", 140, 20, "A栋", origin=origin)
    text(msp, "建筑", 140, 15, "12层", origin=origin)
    box(msp, "建筑", 250, 10, 10, 10, origin=origin)
    text(msp, "建筑", 252, 15, "3#", origin=origin)
    text(msp, "建筑", 252, 12, "18F+", origin=origin)
    box(msp, "绿地", 10, 40, 40, 40, origin=origin)
    return save(doc, path)


def codes(warnings) -> list[str]:
    return [w.code for w in warnings]


# --- text ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "clean"), [
    ("{\\fSimSun|b0|i0|c134;\\H2.5x;18F}\\P\\A1;H=54.0m", "18F\nH=54.0m"),
    ("\\U+5EFA\\U+7B51", "建筑"),
    ("\\M+5B5D8\\M+5BFE9", "地块"),
    ("{\\C1;容积率}\\~≤2.5", "容积率 ≤2.5"),
    ("%%c600", "⌀600"),
    ("\\Sx^y;", "x/y"),
    ("  1#  ", "1#"),
])
def test_clean_text(raw, clean):
    assert dxf.clean_text(raw) == clean


@pytest.mark.parametrize(("words", "found"), [
    ("1#", [("建筑编号", "1#")]),
    ("1号楼", [("建筑编号", "1号楼")]),
    ("A栋", [("建筑编号", "A栋")]),
    ("G-1", [("建筑编号", "G-1")]),
    ("3#楼", [("建筑编号", "3#楼")]),
    ("18F", [("地上层数", "18")]),
    ("18层", [("地上层数", "18")]),
    ("１８Ｆ", [("地上层数", "18")]),
    ("18/-2", [("地上层数", "18"), ("地下层数", "2")]),
    ("18F/-2F", [("地上层数", "18"), ("地下层数", "2")]),
    ("-2F", [("地下层数", "2")]),
    ("地下2层", [("地下层数", "2")]),
    ("地上18层地下2层", [("地上层数", "18"), ("地下层数", "2")]),
    ("H=54.0m", [("建筑高度", "54.0")]),
    ("高54m", [("建筑高度", "54")]),
    ("3#楼 18F", [("建筑编号", "3#楼"), ("地上层数", "18")]),
    ("3#楼18F", [("建筑编号", "3#楼"), ("地上层数", "18")]),
    ("1#\n18F\nH=54.0m", [("建筑编号", "1#"), ("地上层数", "18"), ("建筑高度", "54.0")]),
    ("住宅", [("建筑用途", "住宅")]),
    ("某某小区", []),
])
def test_building_texts(words, found):
    assert dxf.read_text(words, "buildings") == (tuple(found), (), () if found else (words,))


@pytest.mark.parametrize("words", ["18F+", "1-3F", "18层/地下", "F1-2", "十八层", "地上十八层"])
def test_storey_texts_that_do_not_read(words):
    assert dxf.read_text(words, "buildings") == ((), (words,), ())


@pytest.mark.parametrize(("words", "found"), [
    ("容积率≤2.5", [("容积率", "≤2.5")]),
    ("FAR≤2.5", [("容积率", "≤2.5")]),
    ("容积率：1.2-2.5", [("容积率", "1.2-2.5")]),
    ("建筑密度≤30%", [("建筑密度", "≤30%")]),
    ("绿地率≥35%", [("绿地率", "≥35%")]),
    ("限高≤60m", [("建筑限高", "≤60m")]),
    ("建筑限高60m", [("建筑限高", "60m")]),
    ("用地性质:R2", [("用地代码", "R2")]),
    ("R2", [("用地代码", "R2")]),
    ("0701", [("用地代码", "0701")]),
    ("R2/B1", [("用地代码", "R2/B1")]),
    ("XG-01-02", [("地块编号", "XG-01-02")]),
    ("A-01", [("地块编号", "A-01")]),
    ("地块编号：A1", [("地块编号", "A1")]),
    ("1.25ha", []),
    ("60", []),
])
def test_parcel_texts(words, found):
    assert dxf.read_text(words, "plan") == (tuple(found), (), () if found else (words,))


def test_lines_and_words_not_understood_are_kept_for_the_warning():
    assert dxf.read_text("8#\n1F\n其他用途XYZ", "buildings") == (
        (("建筑编号", "8#"), ("地上层数", "1")), (), ("其他用途XYZ",))
    assert dxf.read_text("3#楼 18F 西单元", "buildings") == (
        (("建筑编号", "3#楼"), ("地上层数", "18")), (), ("西单元",))


@pytest.mark.parametrize(("name", "code"), [
    ("YDGIS-070102", "070102"), ("YD-R2", "R2"), ("xx-070102#旧", "070102"), ("用地-R2／B1", "R2/B1"),
    ("0701／09", "0701/09"), ("YD_B1", "B1"), ("建筑", None), ("YD", None), ("用地", None), ("YD-文字", None),
])
def test_land_use_in_layer_names(name, code):
    assert dxf.layer_land_use(name) == code


@pytest.mark.parametrize(("text", "layer", "merged", "conflict"), [
    ("R2", None, "R2", False), (None, "070102", "070102", False), ("R2", "R", "R2", False),
    ("0701", "070102", "070102", False), ("R2", "B1", "R2", True), ("R2/B1", "R2／B1", "R2/B1", False),
])
def test_the_text_wins_over_the_layer_name(text, layer, merged, conflict):
    assert dxf.merge_land_use(text, layer) == (merged, conflict)


@pytest.mark.parametrize(("name", "role"), [
    ("YDGIS-070102", "plan"), ("YD-R2", "plan"), ("用地-B1", "plan"), ("地块", "plan"), ("DK_A", "plan"),
    ("建筑", "buildings"), ("JZ-住宅", "buildings"), ("BUILDING", "buildings"),
    ("绿地", "green"), ("LD", "green"), ("Green-Area", "green"),
])
def test_cad_layer_names_suggest_roles(name, role):
    assert [r for r in dxf.POLYGON_ROLES if dxf.cad_name_suggests(name, r)] == [role]


@pytest.mark.parametrize("name", ["建筑控制线", "用地红线", "YD-LINE", "规划道路", "0", "TEXT"])
def test_cad_layer_names_that_suggest_nothing(name):
    assert not any(dxf.cad_name_suggests(name, r) for r in dxf.POLYGON_ROLES)


# --- encodings -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("version", "gbk"), [("R2000", True), ("R2018", False)])
def test_gbk_and_utf8_drawings_read_the_same(tmp_path, version, gbk):
    path = plan_drawing(tmp_path / f"plan_{version}.dxf", version, gbk)
    data = path.read_bytes()
    if gbk:  # the drawing really is GBK, as Chinese CAD writes R2000-2004
        assert b"ANSI_936" in data and "用地".encode("gbk") in data
    else:
        assert "用地".encode("utf-8") in data
    assert list_layers(path) == ["YD-R2", "YDGIS-070102", "用地-R2／B1"]
    plan = load_plan(path)
    assert sorted(plan.ids[:2]) == ["XG-01-01", "XG-01-02"]
    assert dict(zip(plan.ids, plan.land_use)) == {"XG-01-01": "070102", "XG-01-02": "R2/B1",
                                                  plan.ids[2]: "R2"}


def test_unicode_escapes_in_layer_names_and_texts(tmp_path):
    # ezdxf writes Chinese as \U+ escapes into an R2000 drawing of the default code page, as AutoCAD does.
    doc, msp = new_drawing("R2000")
    box(msp, "建筑", 0, 0, 10, 10)
    text(msp, "建筑", 5, 5, "1号楼")
    text(msp, "建筑", 5, 3, "18层")
    path = save(doc, tmp_path / "escaped.dxf")
    assert b"\\u+5efa" in path.read_bytes().lower()
    assert list_layers(path) == ["建筑"]
    raw = read_layer(path, "buildings")
    assert raw.fields[["建筑编号", "地上层数"]].values.tolist() == [["1号楼", "18"]]


def test_a_binary_drawing(tmp_path):
    doc, msp = new_drawing()
    box(msp, "建筑", 0, 0, 10, 10)
    text(msp, "建筑", 5, 5, "6层")
    path = tmp_path / "binary.dxf"
    doc.saveas(path, fmt="bin")
    assert path.read_bytes().startswith(b"AutoCAD Binary DXF")
    assert read_layer(path, "buildings").fields[["CAD图层", "地上层数"]].values.tolist() == [["建筑", "6"]]


def test_the_encoding_given_to_gdal():
    header = b"  0\nSECTION\n  2\nHEADER\n  9\n$ACADVER\n  1\n%s\n  9\n$DWGCODEPAGE\n  3\n%s\n"
    assert dxf.text_encoding(header % (b"AC1032", b"ANSI_1252") + "建筑".encode()) == "UTF-8"
    assert dxf.text_encoding(header % (b"AC1015", b"ANSI_936") + "建筑".encode("gbk")) is None  # GDAL maps it
    assert dxf.text_encoding(header % (b"AC1015", b"ANSI_1252") + "建筑".encode("gbk")) == "GB18030"
    assert dxf.text_encoding(header % (b"AC1015", b"ANSI_1252") + "建筑".encode()) == "UTF-8"
    assert dxf.text_encoding(header % (b"AC1015", b"ANSI_1252") + "Café ".encode("cp1252")) is None
    assert dxf.text_encoding(header % (b"AC1015", b"ANSI_1252")) is None


# --- geometry --------------------------------------------------------------------------------------

def test_bulges_are_densified_to_the_true_area(tmp_path):
    path = scheme_drawing(tmp_path / "scheme.dxf")
    buildings = load_buildings(path)
    area = dict(zip(buildings.ids, shapely.area(buildings.geometry)))
    assert area["1#"] == pytest.approx(BULGED_AREA, rel=0.005)
    assert area["2#"] == pytest.approx(600.0)


def test_circles_hatches_and_polylines_whose_ends_meet_are_outlines(tmp_path):
    doc, msp = new_drawing()
    msp.add_circle((DX, DY), 10, dxfattribs={"layer": "建筑"})
    outline(msp, "建筑", (20, 0), (30, 0), (30, 10), (20, 10), (20, 0), close=False)  # closed, flag not set
    box(msp, "建筑", 40, 0, 10, 10, hatch=True)  # a hatch filling the polyline: the same building once
    fill = msp.add_hatch(dxfattribs={"layer": "建筑"})  # a hatch on its own: an outline
    fill.paths.add_polyline_path([(DX + 60, DY), (DX + 70, DY), (DX + 70, DY + 5), (DX + 60, DY + 5)])
    path = save(doc, tmp_path / "shapes.dxf")
    raw = read_layer(path, "buildings")
    assert sorted(np.round(shapely.area(raw.geometry)).tolist()) == [50.0, 100.0, 100.0, round(math.pi * 100)]
    assert "dxf_open_lines" not in codes(raw.warnings)


def test_paper_space_is_not_the_site(tmp_path):
    doc, msp = new_drawing()
    box(msp, "建筑", 0, 0, 10, 10)
    doc.paperspace().add_lwpolyline([(0, 0), (420, 0), (420, 297), (0, 297)], close=True,
                                    dxfattribs={"layer": "建筑"})  # a sheet frame drawn on the same layer
    raw = read_layer(save(doc, tmp_path / "sheet.dxf"), "buildings")
    assert shapely.area(raw.geometry).tolist() == [100.0]


def test_open_lines_are_one_warning_per_cad_layer(tmp_path):
    doc, msp = new_drawing()
    box(msp, "建筑", 0, 0, 10, 10)
    text(msp, "建筑", 5, 5, "1#")
    text(msp, "建筑", 5, 3, "3F")
    for k in range(12):
        msp.add_line((DX + k, DY + 20), (DX + k, DY + 30), dxfattribs={"layer": "建筑"})
    msp.add_line((DX, DY + 40), (DX + 9, DY + 40), dxfattribs={"layer": "道路"})  # not chosen: not reported
    path = save(doc, tmp_path / "lines.dxf")
    buildings = load_buildings(path)
    [warning] = [w for w in buildings.warnings if w.code == "dxf_open_lines"]
    assert warning.details["cad_layer"] == "建筑" and warning.details["count"] == 12
    assert warning.details["handles"].endswith(" …")
    assert "12 lines do not close" in warning_message(warning, "en")


# --- choosing CAD layers ---------------------------------------------------------------------------

def test_every_cad_layer_suggesting_the_role_is_read(tmp_path):
    path = plan_drawing(tmp_path / "plan.dxf")
    assert choose_layer(path, list_layers(path), "plan", None) == "YD-R2;YDGIS-070102;用地-R2／B1"
    plan = load_plan(path)
    assert plan.info.layer == "YD-R2;YDGIS-070102;用地-R2／B1"
    assert len(plan.ids) == 3


@pytest.mark.parametrize(("requested", "chosen"), [
    ("YDGIS-070102", ["YDGIS-070102"]),
    ("ydgis-070102; 用地-R2／B1", ["YDGIS-070102", "用地-R2／B1"]),
    ("YD*", ["YD-R2", "YD-文字", "YDGIS-070102"]),
    ("entities", ["YD-R2", "YDGIS-070102", "用地-R2／B1"]),
])
def test_naming_cad_layers(tmp_path, requested, chosen):
    path = plan_drawing(tmp_path / "plan.dxf")
    assert choose_layer(path, list_layers(path), "plan", requested) == ";".join(chosen)


def test_a_cad_layer_that_is_not_there(tmp_path):
    path = plan_drawing(tmp_path / "plan.dxf")
    with pytest.raises(InputError) as error:
        load_plan(path, "YD-B9")
    assert error.value.code == "layer_missing"
    assert error.value.details["layers"] == "YD-R2, YDGIS-070102, 用地-R2／B1"


def test_cad_layers_that_say_nothing_are_ambiguous(tmp_path):
    doc, msp = new_drawing()
    box(msp, "A1", 0, 0, 10, 10)
    box(msp, "A2", 20, 0, 10, 10)
    path = save(doc, tmp_path / "odd.dxf")
    with pytest.raises(InputError) as error:
        load_buildings(path)
    assert error.value.code == "layer_ambiguous" and error.value.details["layers"] == "A1, A2"
    assert load_buildings(path, "A1;A2").info.features == 2


def test_a_drawing_without_outlines(tmp_path):
    doc, msp = new_drawing()
    outline(msp, "建筑", (0, 0), (10, 0), (10, 10), (0, 10), close=False)
    path = save(doc, tmp_path / "open.dxf")
    with pytest.raises(InputError) as error:
        load_buildings(path)
    assert error.value.code == "dxf_no_outlines" and error.value.details["count"] == 1
    assert "建筑" in error_message(error.value.code, error.value.details, "en")
    with pytest.raises(InputError) as error:
        load_buildings(plan_drawing(tmp_path / "plan.dxf"), "道路中心线")
    assert error.value.code == "dxf_no_outlines"


# --- attributes from texts -------------------------------------------------------------------------

def test_scheme_attributes_from_texts(tmp_path):
    path = scheme_drawing(tmp_path / "scheme.dxf")
    raw = read_layer(path, "buildings")
    frame = raw.fields.set_index("建筑编号")
    assert frame.loc["1#", "地上层数"] == "18"
    assert frame.loc["2#", ["地上层数", "地下层数"]].tolist() == ["18", "2"]
    assert frame.loc["A栋", "地上层数"] == "12"
    assert frame.loc["1#", "CAD图层"] == "建筑" and frame.loc["1#", "文字"] == "1# / 18F"
    buildings = load_buildings(path)
    floors = dict(zip(buildings.ids, buildings.floors))
    assert floors["1#"] == 18 and floors["2#"] == 18 and floors["A栋"] == 12 and np.isnan(floors["3#"])


def test_what_cannot_be_read_is_warned_feature_by_feature(tmp_path):
    path = scheme_drawing(tmp_path / "scheme.dxf")
    buildings = load_buildings(path)
    [unreadable] = [w for w in buildings.warnings if w.code == "dxf_storeys_unreadable"]
    assert unreadable.building == "3#" and unreadable.details["text"] == "18F+"
    # The storeys-less building keeps the usual path: it counts 0 and is listed.
    assert [w.building for w in buildings.warnings if w.code == "no_floor_area"] == ["3#"]
    message = warning_message(unreadable, "en")
    assert "18F+" in message and "3#" in message and unreadable.details["handle"] in message

    plan = load_plan(plan_drawing(tmp_path / "plan.dxf"))
    by_code = {w.code: w for w in plan.warnings}
    assert by_code["dxf_no_id"].details["cad_layer"] == "YD-R2"
    no_id = by_code["dxf_no_id"]
    assert no_id.parcel == no_id.details["name"] == f"#{no_id.details['outline']}"
    assert by_code["dxf_text_outside"].details["text"] == "容积率≤9"
    assert by_code["dxf_open_lines"].details["cad_layer"] == "YD-R2"
    assert "西关片区控制性详细规划" not in str([w.details for w in plan.warnings])  # a layer of no role: left alone
    assert "missing_id" not in codes(plan.warnings)


def test_conflicting_texts_are_not_guessed(tmp_path):
    doc, msp = new_drawing()
    box(msp, "建筑", 0, 0, 20, 20)
    text(msp, "建筑", 5, 5, "1#")
    text(msp, "建筑", 5, 10, "18F")
    text(msp, "建筑", 5, 15, "17F")
    text(msp, "建筑", 15, 15, "18F")  # the same value twice is no conflict
    box(msp, "建筑", 30, 0, 10, 10)
    text(msp, "建筑", 35, 5, "2#")
    text(msp, "建筑", 35, 3, "2#")
    text(msp, "建筑", 32, 2, "6F")
    path = save(doc, tmp_path / "conflict.dxf")
    buildings = load_buildings(path)
    [conflict] = [w for w in buildings.warnings if w.code == "dxf_text_conflict"]
    assert conflict.building == "1#" and conflict.details["texts"] == "\"18F\" / \"17F\""
    assert dict(zip(buildings.ids, buildings.floors))["2#"] == 6
    assert np.isnan(dict(zip(buildings.ids, buildings.floors))["1#"])


def test_the_smallest_outline_holding_a_text_gets_it(tmp_path):
    doc, msp = new_drawing()
    box(msp, "建筑", 0, 0, 100, 100)
    text(msp, "建筑", 50, 90, "1#")
    text(msp, "建筑", 50, 80, "2F")
    box(msp, "建筑", 10, 10, 20, 20)  # a tower inside a podium
    text(msp, "建筑", 15, 15, "2#")
    text(msp, "建筑", 15, 12, "30F")
    path = save(doc, tmp_path / "nested.dxf")
    buildings = load_buildings(path)
    assert dict(zip(buildings.ids, buildings.floors)) == {"1#": 2, "2#": 30}


def test_text_on_another_roles_layer_is_left_alone_and_neutral_text_used(tmp_path):
    doc, msp = new_drawing()
    box(msp, "YD-A", 0, 0, 100, 100)
    text(msp, "YD-A", 50, 90, "A-01")
    text(msp, "TEXT", 50, 80, "容积率≤2.0")  # a layer of no role: used, as it lies in the parcel
    text(msp, "TEXT", 50, 70, "某路")  # not understood on a layer of no role: quietly left
    box(msp, "建筑", 10, 10, 20, 20)
    text(msp, "建筑", 15, 15, "B-02")  # a building label on the buildings layer is not the parcel's id
    path = save(doc, tmp_path / "mixed.dxf")
    plan = load_plan(path, "YD-A")
    assert plan.ids.tolist() == ["A-01"] and plan.upper["far"].tolist() == [2.0]
    assert not [w for w in plan.warnings if w.code.startswith("dxf_")]


def test_land_use_text_and_layer_disagree(tmp_path):
    doc, msp = new_drawing()
    box(msp, "YD-R2", 0, 0, 100, 100)
    text(msp, "YD-R2", 50, 90, "A-01")
    text(msp, "YD-R2", 50, 80, "B1")
    box(msp, "YD-R", 200, 0, 100, 100)
    text(msp, "YD-R", 250, 90, "A-02")
    text(msp, "YD-R", 250, 80, "R2")
    path = save(doc, tmp_path / "land_use.dxf")
    plan = load_plan(path)
    assert dict(zip(plan.ids, plan.land_use)) == {"A-01": "B1", "A-02": "R2"}
    [conflict] = [w for w in plan.warnings if w.code == "dxf_land_use_conflict"]
    assert conflict.parcel == "A-01" and (conflict.details["text"], conflict.details["code"]) == ("B1", "R2")


def test_green_areas_need_no_texts(tmp_path):
    green = load_green(scheme_drawing(tmp_path / "scheme.dxf"))
    assert shapely.area(green.geometry).tolist() == [1600.0]
    assert not [w for w in green.warnings if w.code.startswith("dxf_")]


# --- end to end ------------------------------------------------------------------------------------

def test_planner_check_on_a_dxf_plan_and_a_dxf_scheme(tmp_path, capsys):
    plan = plan_drawing(tmp_path / "plan.dxf")
    scheme = scheme_drawing(tmp_path / "scheme.dxf")
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (plan, scheme)}
    out = tmp_path / "result.json"
    code = main(["check", "--plan", str(plan), "--buildings", str(scheme), "--green", str(scheme),
                 "--json", str(out), "--lang", "en"])
    assert code == 1
    result = json.loads(out.read_text(encoding="utf-8"))
    parcels = {p["id"]: p for p in result["parcels"]}
    # A: 18 storeys x (200 + 12.5 pi) + 18 x 600 on 10000 m²; green 1600 m².
    assert parcels["XG-01-01"]["far"] == pytest.approx((18 * BULGED_AREA + 18 * 600) / 10000, rel=0.005)
    assert parcels["XG-01-01"]["green_ratio"] == pytest.approx(0.16)
    # B: 12 storeys x 1200 on 8000 m² = 1.8, above 1.5; density 15%.
    assert parcels["XG-01-02"]["far"] == pytest.approx(1.8)
    assert parcels["XG-01-02"]["density"] == pytest.approx(0.15)
    rules = sorted((v["rule"], v["parcel"]) for v in result["violations"])
    assert rules == [("far_max", "XG-01-02"), ("green_min", "XG-01-01")]
    warned = {w["code"] for w in result["warnings"]}
    assert {"dxf_no_id", "dxf_open_lines", "dxf_text_outside", "dxf_storeys_unreadable", "crs_assumed",
            "no_floor_area"} <= warned
    assert result["inputs"]["plan"]["layer"] == "YD-R2;YDGIS-070102;用地-R2／B1"
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (plan, scheme)} == before  # never written
    capsys.readouterr()


def test_a_dxf_scheme_lines_up_with_a_plan_that_has_a_crs(tmp_path):
    plan = write_layer(tmp_path / "plan.gpkg", "地块", [rect(0, 0, 100, 100)], 地块编号=["P-1"], 容积率=["≤1.0"])
    scheme = scheme_drawing(tmp_path / "scheme.dxf", origin=(X0, Y0))
    code = main(["check", "--plan", str(plan), "--buildings", str(scheme), "--green", str(scheme),
                 "--json", str(tmp_path / "r.json"), "--lang", "en"])
    result = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert code == 1 and result["crs"] == "EPSG:4542"
    [parcel] = result["parcels"]
    assert sorted(parcel["buildings"]) == ["1#", "2#"]  # in place: the CRS-less drawing taken as EPSG:4542
    assert parcel["far"] == pytest.approx((18 * BULGED_AREA + 18 * 600) / 10000, rel=0.005)
    assumed = [w for w in result["warnings"] if w["code"] == "crs_assumed"]
    assert assumed and "EPSG:4542" in assumed[0]["message"]


def test_a_dxf_in_degrees_is_refused(tmp_path, capsys):
    doc, msp = new_drawing()
    box(msp, "建筑", 0, 0, 0.0001, 0.0001, origin=(100.0, 30.0))
    text(msp, "建筑", 0.00005, 0.00005, "3F", origin=(100.0, 30.0))
    scheme = save(doc, tmp_path / "scheme.dxf")
    code = main(["check", "--plan", str(plan_drawing(tmp_path / "plan.dxf")), "--buildings", str(scheme),
                 "--lang", "en"])
    assert code == 2 and "degrees" in capsys.readouterr().err


def test_control_lines_from_a_drawing(tmp_path):
    doc, msp = new_drawing()
    msp.add_line((DX, DY), (DX + 100, DY), dxfattribs={"layer": "道路红线"})
    box(msp, "城市绿线", 0, 10, 30, 20)
    box(msp, "建筑", 50, 10, 10, 10)
    text(msp, "建筑", 55, 15, "1#")
    path = save(doc, tmp_path / "lines.dxf")
    controls = load_controls(path)
    kinds = sorted(KINDS[k] for k in controls.kinds if k >= 0)
    assert kinds == ["green_line", "road_red_line"]
    assert controls.info.layer == "entities"
    assert not [w for w in controls.warnings if w.code == "control_geometry_unusable"]  # texts are not lines
    assert [KINDS[k] for k in load_controls(path, "道路红线").kinds] == ["road_red_line"]


def test_every_dxf_warning_has_words():
    for code in ("dxf_open_lines", "dxf_no_id", "dxf_text_outside", "dxf_text_unused", "dxf_storeys_unreadable",
                 "dxf_text_conflict", "dxf_land_use_conflict"):
        assert code in WARNING_NAMES and code in WARNING_TEMPLATES


# --- the window's layer chooser --------------------------------------------------------------------





def test_the_sample_scheme_drawing(tmp_path):
    samples = Path(__file__).resolve().parents[2] / "sample_plans"
    out = tmp_path / "r.json"
    code = main(["check", "--plan", str(samples / "xiguan_plan.gpkg"), "--buildings", str(samples / "xiguan_scheme.dxf"),
                 "--green", str(samples / "xiguan_scheme.dxf"), "--json", str(out), "--lang", "en"])
    result = json.loads(out.read_text(encoding="utf-8"))
    assert code == 1 and len(result["violations"]) == 13  # sample_plans/README.md: the scheme as a CAD drawing
    [far] = [v for v in result["violations"] if v["parcel"] == "XG-06-04"]
    assert far["rule"] == "far_max" and far["actual"] == pytest.approx(2.52) and not far["marginal"]
    assert [(w["code"], w["building"]) for w in result["warnings"] if w["code"].startswith("dxf_")] == [
        ("dxf_text_unused", "8#")]


def test_two_layers_of_one_drawing_without_a_crs_give_one_note():
    """Buildings and green read from one DXF: the CRS assumption is said once, about that file."""
    import numpy as np
    from pyproj import CRS
    from shapely.geometry import box

    from planner.io.crs import align

    metric = np.array([box(500_000, 4_400_000, 500_010, 4_400_010)], dtype=object)
    _crs, aligned, notes = align([("plan.gpkg", CRS.from_epsg(4542), metric), ("scheme.dxf", None, metric),
                                  ("scheme.dxf", None, metric)])
    assert notes == [("crs_assumed", {"path": "scheme.dxf", "crs": "EPSG:4542"})]
    assert len(aligned) == 3
