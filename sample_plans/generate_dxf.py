"""Write the violating scheme as a CAD drawing (sample_plans/xiguan_scheme.dxf) and check what Planner reads.

Run ``python sample_plans/generate_dxf.py`` after ``generate.py`` (it needs ezdxf, from the ``test`` extra).
Deterministic: ezdxf's fixed metadata for testing. The drawing is what a design institute hands in, an
AutoCAD R2000 DXF in GBK ($DWGCODEPAGE ANSI_936) without a coordinate system, in the plan's EPSG:4542 metres:

* ``建筑``: each footprint of scheme_violating.gpkg as a closed LWPOLYLINE (G-7 keeps its bow-tie);
* ``建筑-文字``: one MTEXT label per building: id, storeys ("18/-1" with a basement, "6F" without), the height
  ("H=54.9m", stated or the sum of its storey heights) and the use;
* ``绿地``: each green area as a closed LWPOLYLINE, V-L13 (holed where 11# stands) as a HATCH;
* ``绿地-文字``: the green ids; ``图框`` and ``道路中心线``: a title and road centre lines, layers of no role.

A CAD label carries no 层高 list and no 计容面积, so Planner reads storeys × footprint everywhere: 7# counts
5 storeys (2100 m² more than the GeoPackage's 4.5) and 9# 18 × 1400 = 25200 m², FAR 2.52, a plain rather than
a marginal breach. Every other finding is the GeoPackage's. verify() checks exactly that, that each footprint
and green area reads back with its area, and that the only CAD warning is 8#'s use "其他用途XYZ", a label
line Planner does not understand (the GeoPackage's unknown_use).
"""

from __future__ import annotations

import sys
from pathlib import Path

import ezdxf
import geopandas as gpd
import pandas as pd
import shapely
from generate import BUILDINGS_LAYER, GREEN_LAYER, HERE, _building_height, _shift

sys.path.insert(0, str(HERE.parent))  # planner, when run from a checkout

SCHEME = HERE / "scheme_violating.gpkg"
PLAN = HERE / "xiguan_plan.gpkg"
DXF_FILE = "xiguan_scheme.dxf"
LABELS, GREEN_LABELS = "建筑-文字", "绿地-文字"

#: How the drawing's findings differ from the GeoPackage's: (rule, parcel, building) -> marginal in the DXF.
MARGINAL_CHANGES = {("far_max", "XG-06-04", None): False}
#: What reading the drawing itself reports: 8#'s unknown use "其他用途XYZ" is a label line not understood.
EXPECTED_CAD_WARNINGS = [("dxf_text_unused", "8#")]


def building_label(row: pd.Series) -> str:
    """MTEXT lines as a designer labels a footprint: "9#", "18/-2", "H=54.9m", "住宅"."""
    lines = [str(row["建筑编号"])]
    floors, basement = row["层数"], row["地下层数"]
    if pd.notna(floors):
        lines.append(f"{int(floors)}/-{int(basement)}" if pd.notna(basement) and basement > 0 else f"{int(floors)}F")
    height = _building_height(floors, row["层高"], row["建筑高度"])
    if height is not None:
        lines.append(f"H={height:.1f}m")
    if pd.notna(row["建筑用途"]):
        lines.append(str(row["建筑用途"]))
    return "\\P".join(lines)


def write() -> Path:
    ezdxf.options.write_fixed_meta_data_for_testing = True
    doc = ezdxf.new("R2000")
    doc.encoding = "gbk"  # ezdxf writes $DWGCODEPAGE ANSI_936 and GBK bytes, as Chinese CAD does for R2000
    msp = doc.modelspace()
    buildings = gpd.read_file(SCHEME, layer=BUILDINGS_LAYER)
    green = gpd.read_file(SCHEME, layer=GREEN_LAYER)
    for _, row in buildings.iterrows():
        msp.add_lwpolyline(list(row.geometry.exterior.coords)[:-1], close=True, dxfattribs={"layer": "建筑"})
        where = _label_point(row.geometry)
        msp.add_mtext(building_label(row), dxfattribs={"layer": LABELS, "insert": where, "char_height": 2.5})
    for _, row in green.iterrows():
        shape = row.geometry
        if shape.interiors:
            hatch = msp.add_hatch(dxfattribs={"layer": "绿地"})
            hatch.paths.add_polyline_path(list(shape.exterior.coords)[:-1], flags=ezdxf.const.BOUNDARY_PATH_EXTERNAL)
            for ring in shape.interiors:
                hatch.paths.add_polyline_path(list(ring.coords)[:-1], flags=ezdxf.const.BOUNDARY_PATH_OUTERMOST)
        else:
            msp.add_lwpolyline(list(shape.exterior.coords)[:-1], close=True, dxfattribs={"layer": "绿地"})
        msp.add_text(str(row["绿地编号"]), dxfattribs={"layer": GREEN_LABELS, "insert": _label_point(shape),
                                                     "height": 2.5})
    minx, miny = buildings.total_bounds[:2]
    msp.add_text("西关单元某地块建设工程设计方案总平面图", dxfattribs={"layer": "图框", "insert": (minx, miny - 60),
                                                              "height": 8})
    for y in (195.0, 420.0):  # the centre lines of 肃州大道 and 富康路 (generate.py's local metres)
        msp.add_line(*_shift([(-20.0, y), (900.0, y)]), dxfattribs={"layer": "道路中心线"})
    path = HERE / DXF_FILE
    doc.saveas(path)
    return path


def _label_point(shape) -> tuple[float, float]:
    point = shapely.point_on_surface(shapely.make_valid(shape))
    return (round(point.x, 3), round(point.y, 3))


def verify(path: Path) -> None:
    from planner import check, load_buildings, load_green, load_plan

    plan = load_plan(PLAN)
    drawn = (load_buildings(path), load_green(path))
    written = (load_buildings(SCHEME, BUILDINGS_LAYER), load_green(SCHEME, GREEN_LAYER))
    assert _rounded(_footprints(drawn[0])) == _rounded(_footprints(written[0]))
    assert _rounded(sorted(shapely.area(drawn[1].geometry))) == _rounded(
        sorted(shapely.area(written[1].geometry)))
    cad = sorted((w.code, w.building) for layer in drawn for w in layer.warnings if w.code.startswith("dxf_"))
    assert cad == EXPECTED_CAD_WARNINGS, cad
    found = {(v.rule, v.parcel, v.building): v.marginal for v in check(plan, *drawn).violations}
    designed = {(v.rule, v.parcel, v.building): v.marginal for v in check(plan, *written).violations}
    assert found == {**designed, **MARGINAL_CHANGES}, (found, designed)
    print(f"{path.name}: {len(drawn[0].ids)} buildings, {len(drawn[1].geometry)} green areas, "
          f"{len(found)} findings as designed")


def _footprints(layer) -> dict[str, float]:
    return {str(i): round(float(a), 6) for i, a in zip(layer.ids, shapely.area(layer.geometry))}


def _rounded(value):
    """Areas through DXF text round-trip to about 1e-9 m²; compare at a millimetre square."""
    if isinstance(value, dict):
        return {k: round(v, 4) for k, v in value.items()}
    return [round(v, 4) for v in value]


if __name__ == "__main__":
    verify(write())
