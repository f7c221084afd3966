"""Write Planner's bundled sample data (a fictional 控规 unit in 酒泉市肃州区 and two schemes) next to this file.

Run ``python sample_plans/generate.py``. The output is deterministic: no randomness, fixed GeoPackage
timestamps (OGR_CURRENT_DATE) and a fixed DBF date, so two runs give byte-identical files.

Files written (all CRS EPSG:4542, CGCS2000 / 3-degree Gauss-Kruger CM 99E, x = easting):

* ``xiguan_plan.gpkg``: layer ``控规地块``, the plan: 36 parcels with TEXT indicator fields.
* ``xiguan_plan_gbk.shp`` (+ .shx .dbf .prj): the same plan as an old-style GBK Shapefile: no .cpg and the
  DBF language byte (offset 29) set to 0.
* ``scheme_compliant.gpkg``: layers ``建筑`` and ``绿地``; a housing estate that passes every rule.
* ``scheme_violating.gpkg``: layers ``建筑`` and ``绿地``; breaks every rule at least once, plus three
  data-quality cases (see ``EXPECTED_VIOLATIONS`` and ``EXPECTED_WARNINGS``).
* ``scheme_resubmitted.gpkg``: layers ``建筑`` and ``绿地``; the violating scheme resubmitted after a notice
  (补正): 4# lowered to 14 storeys (42.0 m), the kiosk 10# in the road and the housing 11# in the park taken out;
  everything else is still open (see ``RESUBMISSION_FIXED``).
* ``xiguan_existing.gpkg``: layer ``现状建筑``, existing buildings around the unit (for the sunlight analysis,
  ``planner check --existing``): a ring of homes, a school and shops outside the unit, and one old house left
  standing in the road reserve north of XG-06, which the violating scheme's 1# and 4# push below its standard
  (see ``EXISTING_BUILDINGS``).

The script re-reads every file, recomputes the designed indicators with plain shapely (the counting
conventions of docs/architecture.md §2.2) and asserts that they match the design, then prints the table that README.md
reproduces.
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import shapely
from pyproj import Transformer
from shapely.geometry import Polygon

HERE = Path(__file__).resolve().parent
CRS = "EPSG:4542"
PLAN_LAYER = "控规地块"
BUILDINGS_LAYER = "建筑"
GREEN_LAYER = "绿地"
EXISTING_LAYER = "现状建筑"
PLAN_NAME = "酒泉市肃州区西关单元控制性详细规划"  # fictional
APPROVAL = ("酒政函〔2024〕58号", "2024-06-18")
#: One parcel was amended after approval (局部调整), as real plans often are.
AMENDMENT = ("酒政函〔2025〕12号", "2025-03-05")
FIXED_DATE = "2024-06-18T00:00:00Z"

# South-west corner of the unit, from lon/lat in CGCS2000, rounded to whole metres so that local
# coordinates stay exact in binary floating point.
_x0, _y0 = Transformer.from_crs("EPSG:4490", CRS, always_xy=True).transform(98.49, 39.735)
ORIGIN = (float(round(_x0)), float(round(_y0)))

Coords = Sequence[tuple[float, float]]


def _shift(coords: Coords) -> list[tuple[float, float]]:
    ox, oy = ORIGIN
    return [(ox + x, oy + y) for x, y in coords]


def rect(x0: float, y0: float, x1: float, y1: float) -> list[tuple[float, float]]:
    """Local rectangle ring, counter-clockwise."""
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]


def poly(shell: Coords, holes: Sequence[Coords] = ()) -> Polygon:
    """Polygon from local coordinates, placed at ORIGIN."""
    return Polygon(_shift(shell), [_shift(h) for h in holes])


# --------------------------------------------------------------------------------------------------
# The plan. Street grid (local metres from the SW corner):
#   columns x: 0-220 | road 30 | 250-450 | road 20 | 470-650 | road 30 | 680-880
#   rows    y: 0-180 | road 30 | 210-410 | road 20 | 430-630
# Roads are gaps between blocks, except the 30 m road x 650-680 south of y 410, which is drawn as two
# 1207 parcels. Blocks are numbered XG-01 .. XG-12 from the north-west, row by row.
# --------------------------------------------------------------------------------------------------

# (地块编号, 用地代码, 用地性质, local ring, 容积率, 建筑密度, 建筑限高, 绿地率)
PARCELS: list[tuple[str, str, str, list[tuple[float, float]], str, str, str, str]] = [
    # --- north row, y 430-630 ---
    ("XG-01-01", "080403", "中小学用地", rect(0, 430, 130, 630), "≤1.0", "≤30%", "≤24m", "≥35%"),
    # L-shaped: the SE corner is the community-service parcel XG-01-03.
    ("XG-01-02", "R2", "二类居住用地",
     [(130, 430), (170, 430), (170, 490), (220, 490), (220, 630), (130, 630)],
     "≤2.2", "≤28%", "≤45m", "≥30%"),
    ("XG-01-03", "0702", "城镇社区服务设施用地", rect(170, 430, 220, 490), "≤1.5", "≤40%", "18", "≥20%"),
    ("XG-02-01", "070102", "二类城镇住宅用地", rect(250, 500, 450, 630), "1.2～2.0", "≤25%", "≤60m", "≥35%"),
    ("XG-02-02", "080404", "幼儿园用地", rect(250, 430, 340, 500), "≤0.8", "≤30%", "15", "≥35%"),
    # Chamfered (切角) SE corner at the crossing.
    ("XG-02-03", "0901", "商业用地",
     [(340, 430), (438, 430), (450, 442), (450, 500), (340, 500)],
     "≤2.0", "＜40％", "24米", "≥20%"),
    ("XG-03-01", "070102", "二类城镇住宅用地", rect(470, 500, 650, 630), "2.0", "≤28%", "≤54m", "35%"),
    ("XG-03-02", "0702", "城镇社区服务设施用地", rect(470, 430, 560, 500), "≤1.2", "≤35%", "≤18米", "≥25%"),
    ("XG-03-03", "090104", "旅馆用地", rect(560, 430, 650, 500), "≤3.0", "≤35%", "≤60米", "≥25%"),
    ("XG-04-01", "080601", "医院用地", rect(680, 430, 800, 630), "见图则", "≤30%", "≤40m", "≥35%"),
    ("XG-04-02", "1303", "供电用地", rect(800, 430, 880, 490), "≤1.0", "", "≤15m", "≥20%"),
    ("XG-04-03", "0902", "商务金融用地", rect(800, 490, 880, 630), "≤4.0", "≤40%", "≤80米", "≥20%"),
    # --- middle row, y 210-410 ---
    ("XG-05-01", "100101", "一类工业用地", rect(0, 310, 195, 410), "≥1.0", "≥30%", "≤24m", "≤20%"),
    ("XG-05-02", "M1", "一类工业用地", rect(0, 210, 195, 310), "≥0.8", "≥30%", "24米", "≤15%"),
    ("XG-05-03", "1402", "防护绿地", rect(195, 210, 220, 410), "—", "—", "—", "≥90%"),
    ("XG-06-01", "070102", "二类城镇住宅用地", rect(250, 310, 350, 410), "≤2.0", "≤28%", "≤60m", "≥35%"),
    ("XG-06-02", "070102", "二类城镇住宅用地", rect(350, 310, 450, 410), "2.2", "≤25%", "≤45米", "35%"),
    ("XG-06-03", "0902", "商务金融用地", rect(250, 210, 350, 310), "≤3.0", "≤35%", "24-50m", "≥25%"),
    ("XG-06-04", "R2/B1", "二类居住用地/商业用地", rect(350, 210, 450, 310), "≤2.5", "≤30%", "≤80米", "≥30%"),
    ("XG-07-01", "1401", "公园绿地", rect(470, 210, 650, 300), "—", "—", "—", "≥70%"),
    ("XG-07-02", "0701/09", "城镇住宅用地/商业服务业用地", rect(470, 300, 650, 410),
     "≤2.8", "30-40%", "≤80m", "≥25%"),
    ("XG-08-01", "B1", "商业用地", rect(680, 310, 780, 410), "≤3.5", "≤45%", "≤50m", "15%-20%"),
    ("XG-08-02", "0901", "商业用地", rect(780, 310, 880, 410), "≤2.5", "≤40%", "≤36m", "≥20%"),
    ("XG-08-03", "0902", "商务金融用地", rect(680, 210, 880, 310), "3.0", "≤35%", "≤60m", "≥25%"),
    ("XG-DL-02", "1207", "城镇村道路用地", rect(650, 210, 680, 410), "—", "—", "—", "—"),
    # --- south row, y 0-180 ---
    ("XG-09-01", "100102", "二类工业用地", rect(0, 0, 110, 180), "≥1.0", "≥30%", "≤30m", "10%-20%"),
    ("XG-09-02", "110101", "一级物流仓储用地", rect(110, 0, 220, 90), "0.8-2.0", "≥40%", "≤24m", "≤15%"),
    ("XG-09-03", "M1", "一类工业用地", rect(110, 90, 220, 180), "1.2-2.0", "≥35%", "≤24m", "≤20%"),
    ("XG-10-01", "080403", "中小学用地", rect(250, 0, 380, 180), "≤1.2", "≤30%", "≤24米", "≥35%"),
    ("XG-10-02", "070102", "二类城镇住宅用地", rect(380, 0, 450, 180), "≤２.５", "≤30%", "≤60m", "30%"),
    ("XG-11-01", "070102", "二类城镇住宅用地", rect(470, 90, 650, 180), "≤2.5", "25%", "≤80米", "≥35%"),
    ("XG-11-02", "080404", "幼儿园用地", rect(470, 0, 560, 90), "0.8", "30%", "≤15m", "≥35%"),
    ("XG-11-03", "0702", "城镇社区服务设施用地", rect(560, 0, 650, 90), "≤1.5", "≤40%", "≤24m", "≥25%"),
    ("XG-DL-01", "1207", "城镇村道路用地", rect(650, 0, 680, 180), "/", "/", "/", "/"),
    # Chamfered SW corner.
    ("XG-12-01", "090104", "旅馆用地", [(692, 0), (780, 0), (780, 180), (680, 180), (680, 12)],
     "≤3.5", "≤40%", "≤80米", "≥25%"),
    ("XG-12-02", "1401", "公园绿地", rect(780, 0, 880, 180), "—", "—", "—", "≥65%"),
]

AMENDED_PARCELS = {"XG-06-04"}


def plan_frame() -> gpd.GeoDataFrame:
    rows = []
    for pid, code, name, ring, far, dens, height, green in PARCELS:
        geom = poly(ring)
        wh, date = AMENDMENT if pid in AMENDED_PARCELS else APPROVAL
        rows.append({
            "地块编号": pid, "用地代码": code, "用地性质": name, "用地面积": int(round(geom.area)),
            "容积率": far, "建筑密度": dens, "建筑限高": height, "绿地率": green,
            "批复文号": wh, "批复时间": date, "geometry": geom,
        })
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=CRS)


# --------------------------------------------------------------------------------------------------
# Schemes. Building tuple: (建筑编号, 建筑用途, 层数, 地下层数, 层高, 建筑高度, 计容面积, local ring)
# None means null. Green tuple: (绿地编号, 绿地类型, 折算系数, local shell, local holes)
# --------------------------------------------------------------------------------------------------

_H11 = ",".join(["4.5", "2.1"] + ["3.0"] * 9)  # ground-floor lobby, equipment storey (2.1 m counts 0.5)

COMPLIANT_BUILDINGS = [
    # XG-02-01, 070102: six 11-storey slabs in two rows.
    ("1#", "住宅", 11, 1, "3.0", 34.5, None, rect(265, 520, 305, 536)),
    ("2#", "住宅", 11, 1, "3.0", None, None, rect(325, 520, 365, 536)),
    ("3#", "住宅", 11, 1, "3.0", 34.5, None, rect(385, 520, 425, 536)),
    ("4#", "住宅", 11, 1, "3.0", 34.5, None, rect(265, 580, 305, 596)),
    ("5#", "住宅", 11, 1, "3.0", None, None, rect(325, 580, 365, 596)),
    ("6#", "住宅", 11, 1, _H11, None, None, rect(385, 580, 425, 596)),
    # XG-02-02, 080404: kindergarten.
    ("YE-1", "幼儿园", 3, 0, "3.6", None, None, rect(265, 465, 315, 489)),
    # XG-02-03, 0901: street shops.
    ("S-1", "商业", 2, 0, "4.5,4.2", 10.2, None, rect(350, 470, 430, 492)),
    # XG-03-01, 070102: four 15-storey slabs, phase 2 across the road.
    ("A-1", "住宅", 15, 2, "3.0", 46.5, None, rect(490, 520, 530, 536)),
    ("A-2", "住宅", 15, 2, "3.0", None, None, rect(590, 520, 630, 536)),
    ("A-3", "住宅", 15, 2, "3.0", 46.5, None, rect(490, 585, 530, 601)),
    ("A-4", "住宅", 15, 2, "3.0", 46.5, None, rect(590, 585, 630, 601)),
]

COMPLIANT_GREEN = [
    # XG-02-01
    ("L-1", "集中绿地", 1.0, rect(265, 545, 425, 571), ()),
    ("L-2", "宅旁绿地", 1.0, rect(255, 602, 445, 625), ()),
    ("L-3", "宅旁绿地", 1.0, rect(255, 503, 445, 515), ()),
    # Overlaps L-1 by 5 m x 26 m = 130 m² (counted once).
    ("L-4", "宅旁绿地", 1.0, rect(420, 540, 445, 575), ()),
    ("L-5", "屋顶绿化", 0.25, rect(265, 520, 305, 536), ()),  # on the roof of 1#
    ("L-6", "贴建筑绿地", 0.6, rect(307, 520, 323, 536), ()),  # within 1.5 m of the walls of 1# and 2#
    # XG-02-02
    ("L-7", "集中绿地", 1.0, rect(253, 433, 337, 460), ()),
    ("L-8", "宅旁绿地", 1.0, rect(318, 462, 337, 495), ()),
    # XG-02-03
    ("L-9", "集中绿地", 1.0, rect(345, 436, 435, 462), ()),
    # XG-03-01
    ("L-10", "集中绿地", 1.0, rect(480, 545, 640, 576), ()),
    ("L-11", "宅旁绿地", 1.0, rect(475, 606, 645, 626), ()),
    ("L-12", "宅旁绿地", 1.0, rect(540, 505, 580, 540), ()),
    ("L-13", "植草砖停车", 0.25, rect(475, 503, 535, 516), ()),
]

# Bow-tie (self-intersecting) shed: the ring crosses itself at (145, 235); make_valid gives two
# triangles of 150 m² each.
_BOWTIE = [(130, 225), (160, 245), (160, 225), (130, 245)]

VIOLATING_BUILDINGS = [
    # XG-05-01, 100101 "≥1.0" "≥30%" "≤20%": a thinly built factory.
    ("G-1", "工业", 2, 0, "5.0", 10.5, None, rect(15, 340, 75, 380)),
    ("G-2", "工业", 1, 0, "7.5", 8.0, None, rect(100, 350, 140, 380)),
    ("G-3", "门卫", 1, 0, "3.3", None, None, rect(170, 315, 178, 321)),
    ("G-4", "工业", None, None, None, None, None, rect(100, 320, 115, 332)),  # no storeys, no area
    # XG-05-02, M1: passes every indicator, but G-6 is housing on industrial land.
    ("G-5", "工业", 3, 0, "6.0", 19.0, None, rect(15, 230, 115, 290)),
    ("G-6", "住宅", 6, 0, "2.9", None, None, rect(130, 275, 180, 289)),
    ("G-7", "工业", 1, 0, "4.5", None, None, _BOWTIE),
    # XG-06-01, 070102 "≤2.0" "≥35%": too much floor area, too little green.
    ("1#", "住宅", 18, 1, "3.0", None, None, rect(262, 388, 322, 403)),
    ("2#", "住宅", 11, 1, "3.0", 33.9, None, rect(262, 345, 322, 360)),
    # Straddles XG-06-01 | XG-06-02 at x = 350: 20 m x 14 m west, 12 m x 14 m east.
    ("3#", "住宅", 6, 1, "2.9", 18.3, None, rect(330, 318, 362, 332)),
    # XG-06-02, 070102 "≤25%" "≤45米": too much coverage, a tower too tall.
    ("4#", "住宅", 16, 1, "3.0", 49.5, None, rect(360, 380, 410, 400)),
    ("5#", "住宅", 2, 0, "3.3", 7.2, None, rect(375, 335, 445, 355)),
    ("6#", "住宅", 2, 0, "3.3", 7.2, None, rect(420, 375, 445, 387)),
    # XG-06-03, 0902 "24-50m": office too low (height = sum of 层高 = 18.3 m).
    ("7#", "办公", 5, 1, "4.5,2.1,3.9,3.9,3.9", None, None, rect(265, 260, 335, 290)),
    ("8#", "其他用途XYZ", 1, 0, "3.0", None, None, rect(270, 225, 280, 233)),  # unknown use
    # XG-06-04, R2/B1 "≤2.5": 计容面积 set so FAR = 2.5004 (shows as 2.50): a marginal breach.
    ("9#", "住宅", 18, 2, "3.0", 54.9, "MARGINAL", rect(365, 270, 435, 290)),
    # Kiosk in the road between XG-06 and XG-02: on no parcel at all.
    ("10#", "商业", 1, 0, "3.6", None, None, rect(300, 413, 320, 427)),
    # XG-07-01, 1401 park: housing on non-construction land.
    ("11#", "住宅", 6, 0, "3.0", 18.6, None, rect(600, 240, 630, 255)),
]

#: The violating scheme resubmitted: 4# lowered from 16 storeys (49.5 m) to 14 (42.0 m, under XG-06-02's 45 m),
#: 10# (in the road) and 11# (housing in the park) taken out; G-6 on industrial land and the rest stay.
RESUBMITTED_BUILDINGS = [
    ("4#", "住宅", 14, 1, "3.0", 42.0, None, rect(360, 380, 410, 400)) if b[0] == "4#" else b
    for b in VIOLATING_BUILDINGS if b[0] not in ("10#", "11#")
]
#: What the resubmission fixes of EXPECTED_VIOLATIONS; the others are still open.
RESUBMISSION_FIXED: list[tuple[str, str | None, str | None]] = [
    ("height_max", "XG-06-02", None),
    ("outside_plan", None, "10#"),
    ("land_use", "XG-07-01", "11#"),
]

MARGINAL_PARCEL = "XG-06-04"
MARGINAL_FAR = 2.5004

VIOLATING_GREEN = [
    # XG-05-01: too much green for industrial land.
    ("V-L1", "防护绿地", 1.0, rect(5, 390, 190, 405), ()),
    ("V-L2", "集中绿地", 1.0, rect(147, 330, 192, 380), ()),
    # XG-05-02
    ("V-L3", "集中绿地", 1.0, rect(130, 250, 185, 268), ()),
    ("V-L4", "防护绿地", 1.0, rect(5, 297, 190, 305), ()),
    # XG-06-01: too little green.
    ("V-L5", "集中绿地", 1.0, rect(262, 365, 322, 383), ()),
    ("V-L6", "宅旁绿地", 1.0, rect(255, 322, 325, 335), ()),
    # XG-06-02
    ("V-L7", "宅旁绿地", 1.0, rect(364, 311, 448, 332), ()),
    ("V-L8", "集中绿地", 1.0, rect(352, 358, 448, 372), ()),
    ("V-L9", "宅旁绿地", 1.0, rect(352, 402, 448, 409), ()),
    # XG-06-03
    ("V-L10", "集中绿地", 1.0, rect(255, 295, 345, 307), ()),
    ("V-L11", "集中绿地", 1.0, rect(290, 215, 345, 250), ()),
    # XG-06-04
    ("V-L12", "集中绿地", 1.0, rect(355, 215, 445, 262), ()),
    # XG-07-01: the park lawn, with a hole where 11# stands.
    ("V-L13", "公园绿地", 1.0, rect(475, 215, 645, 295), (rect(600, 240, 630, 255),)),
]
#: The resubmission's green areas: the park lawn without the hole 11# stood in.
RESUBMITTED_GREEN = [("V-L13", "公园绿地", 1.0, rect(475, 215, 645, 295), ()) if g[0] == "V-L13" else g
                     for g in VIOLATING_GREEN]

#: What the engine is expected to report for scheme_violating.gpkg against xiguan_plan.gpkg.
#: (rule, parcel, building); indicator rules carry parcel only.
EXPECTED_VIOLATIONS: list[tuple[str, str | None, str | None]] = [
    ("far_min", "XG-05-01", None),
    ("density_min", "XG-05-01", None),
    ("green_max", "XG-05-01", None),
    ("land_use", "XG-05-02", "G-6"),
    ("far_max", "XG-06-01", None),
    ("green_min", "XG-06-01", None),
    ("crosses_parcel", None, "3#"),
    ("density_max", "XG-06-02", None),
    ("height_max", "XG-06-02", None),
    ("height_min", "XG-06-03", None),
    ("far_max", "XG-06-04", None),  # marginal
    ("outside_plan", None, "10#"),
    ("land_use", "XG-07-01", "11#"),
]
#: Data-quality warnings expected for scheme_violating.gpkg: (what, building).
EXPECTED_WARNINGS: list[tuple[str, str]] = [
    ("no storeys and no counted area", "G-4"),
    ("invalid footprint repaired by make_valid", "G-7"),
    ("unknown use text", "8#"),
]


def _site_area(pid: str) -> float:
    ring = next(p[3] for p in PARCELS if p[0] == pid)
    return poly(ring).area


def buildings_frame(spec) -> gpd.GeoDataFrame:
    rows = []
    for bid, use, floors, under, storeys, height, gfa, ring in spec:
        if gfa == "MARGINAL":
            # Counted area such that FAR = 2.5004 exactly (in m², to float precision).
            gfa = MARGINAL_FAR * _site_area(MARGINAL_PARCEL)
        rows.append({
            "建筑编号": bid, "建筑用途": use, "层数": floors, "地下层数": under, "层高": storeys,
            "建筑高度": height, "计容面积": gfa, "geometry": poly(ring),
        })
    df = gpd.GeoDataFrame(rows, geometry="geometry", crs=CRS)
    df["层数"] = df["层数"].astype("Int32")
    df["地下层数"] = df["地下层数"].astype("Int32")
    df["建筑高度"] = df["建筑高度"].astype("float64")
    df["计容面积"] = df["计容面积"].astype("float64")
    return df


def green_frame(spec) -> gpd.GeoDataFrame:
    rows = [
        {"绿地编号": gid, "绿地类型": kind, "折算系数": factor, "geometry": poly(shell, holes)}
        for gid, kind, factor, shell, holes in spec
    ]
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=CRS)


# --------------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------------

SHP_STEM = "xiguan_plan_gbk"
DBF_LANGUAGE_BYTE = 29


def _write_gpkg(path: Path, layers: dict[str, gpd.GeoDataFrame]) -> None:
    if path.exists():
        path.unlink()
    for name, df in layers.items():
        pyogrio.write_dataframe(df, path, layer=name, driver="GPKG", append=path.exists())


def _write_gbk_shapefile(plan: gpd.GeoDataFrame) -> Path:
    base = HERE / SHP_STEM
    for ext in (".shp", ".shx", ".dbf", ".prj", ".cpg"):
        base.with_suffix(ext).unlink(missing_ok=True)
    shp = base.with_suffix(".shp")
    pyogrio.write_dataframe(plan, shp, driver="ESRI Shapefile", encoding="GBK")
    # Old Chinese-locale tools declare nothing: no .cpg, language driver id 0.
    base.with_suffix(".cpg").unlink(missing_ok=True)
    dbf = base.with_suffix(".dbf")
    raw = bytearray(dbf.read_bytes())
    raw[DBF_LANGUAGE_BYTE] = 0
    raw[1:4] = bytes([124, 6, 18])  # last-update date 2024-06-18 (YY since 1900, MM, DD): reproducible bytes
    dbf.write_bytes(bytes(raw))
    return shp


#: Existing buildings (现状建筑) around the unit: (建筑编号, 建筑用途, 层数, 建筑高度, local ring). The unit spans
#: x 0-880, y 0-630; the ring stands beyond its edges. XZ-9 is an old 2-storey house still standing in the road
#: reserve between XG-06 and XG-02 (y 410-430): with nothing around it, it gets the whole 8 h band of 大寒日; the
#: violating scheme's 1# (54 m, 10 m to its south-west) and 4# (49.5 m, 13 m to its south-east) take nearly all
#: of it: a `sunlight_impact` finding. Its storeys, not its height, are stated: its height is estimated (warned).
EXISTING_BUILDINGS: list[tuple[str, str, int, float | None, list[tuple[float, float]]]] = [
    ("XZ-1", "住宅", 6, 18.0, rect(40, 650, 100, 662)),
    ("XZ-2", "住宅", 6, 18.0, rect(160, 650, 220, 662)),
    ("XZ-3", "中学", 4, 16.0, rect(300, 650, 380, 670)),
    ("XZ-4", "住宅", 18, 54.0, rect(480, 650, 540, 665)),
    ("XZ-5", "商业", 2, 9.0, rect(650, 645, 760, 665)),
    ("XZ-6", "住宅", 11, 33.0, rect(-60, 300, -20, 315)),
    ("XZ-7", "住宅", 11, 33.0, rect(900, 300, 940, 315)),
    ("XZ-8", "办公", 20, 80.0, rect(400, -60, 440, -20)),
    ("XZ-9", "住宅", 2, None, rect(330, 413, 352, 427)),
]


def existing_frame() -> gpd.GeoDataFrame:
    rows = [{"建筑编号": bid, "建筑用途": use, "层数": floors, "建筑高度": height, "geometry": poly(ring)}
            for bid, use, floors, height, ring in EXISTING_BUILDINGS]
    df = gpd.GeoDataFrame(rows, geometry="geometry", crs=CRS)
    df["层数"] = df["层数"].astype("Int32")
    df["建筑高度"] = df["建筑高度"].astype("float64")
    return df


def write_all() -> None:
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": FIXED_DATE})
    plan = plan_frame()
    _write_gpkg(HERE / "xiguan_plan.gpkg", {PLAN_LAYER: plan})
    _write_gbk_shapefile(plan)
    _write_gpkg(HERE / "scheme_compliant.gpkg", {
        BUILDINGS_LAYER: buildings_frame(COMPLIANT_BUILDINGS),
        GREEN_LAYER: green_frame(COMPLIANT_GREEN),
    })
    _write_gpkg(HERE / "scheme_violating.gpkg", {
        BUILDINGS_LAYER: buildings_frame(VIOLATING_BUILDINGS),
        GREEN_LAYER: green_frame(VIOLATING_GREEN),
    })
    _write_gpkg(HERE / "scheme_resubmitted.gpkg", {
        BUILDINGS_LAYER: buildings_frame(RESUBMITTED_BUILDINGS),
        GREEN_LAYER: green_frame(RESUBMITTED_GREEN),
    })

    _write_gpkg(HERE / "xiguan_existing.gpkg", {EXISTING_LAYER: existing_frame()})
    write_declared(HERE / "xiguan_declared.csv")


# The violating scheme's declared 技术经济指标 (`planner check --declared`, issue 15): every figure as measured,
# except one. The applicant declares XG-06-01's FAR as 2.48 while the drawing measures 27,780 m² of counted floor
# area on 10,000 m², FAR 2.78: one finding, declared_far. The whole scheme's total floor area (总建筑面积 includes
# underground floors) is listed, not measured.
DECLARED: list[tuple[str, str, str]] = [
    ("", "用地面积", "95200"),
    ("", "总建筑面积", "131000"),
    ("XG-06-01", "用地面积", "10000"),
    ("XG-06-01", "计容建筑面积", "27780"),
    ("XG-06-01", "容积率", "2.48"),  # measured 2.78
    ("XG-06-01", "建筑密度", "20.8%"),
    ("XG-06-01", "绿地率", "19.9%"),
    ("XG-06-01", "建筑高度", "54"),
    ("XG-06-02", "容积率", "2.04"),
    ("XG-06-02", "建筑高度", "49.5"),
]
WRONG_DECLARED = ("XG-06-01", "far", 2.48, 2.778)


def write_declared(path: Path) -> None:
    """The declared figures as a UTF-8 CSV with BOM (as Excel saves it), CRLF line ends."""
    lines = ["parcel,indicator,declared"] + [",".join(row) for row in DECLARED]
    path.write_bytes(("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8"))


# --------------------------------------------------------------------------------------------------
# Verification: read back and recompute the designed numbers with the conventions of docs/architecture.md §2.2
# --------------------------------------------------------------------------------------------------

def _storey_coefficient_sum(floors, storeys) -> float | None:
    if floors is None or pd.isna(floors):
        return None
    n = int(floors)
    if storeys is None or (isinstance(storeys, float) and math.isnan(storeys)) or str(storeys).strip() == "":
        return float(n)
    hs = [float(s) for s in str(storeys).split(",")]
    if len(hs) == 1:
        hs = hs * n
    hs = (hs + [None] * n)[:n]
    return sum(1.0 if h is None or h >= 2.20 else 0.5 for h in hs)


def _building_height(floors, storeys, height) -> float | None:
    if height is not None and not pd.isna(height):
        return float(height)
    if floors is None or pd.isna(floors) or storeys is None or pd.isna(storeys) or not str(storeys).strip():
        return None
    hs = [float(s) for s in str(storeys).split(",")]
    if len(hs) == 1:
        hs = hs * int(floors)
    return sum(hs[: int(floors)])


def designed_indicators(plan: gpd.GeoDataFrame, bld: gpd.GeoDataFrame, green: gpd.GeoDataFrame) -> pd.DataFrame:
    """Per touched parcel: site area, counted area, footprint, FAR, density, height, green (plain loops)."""
    bld = bld.copy()
    bld["geometry"] = shapely.make_valid(bld.geometry.values)
    coef = [_storey_coefficient_sum(f, s) for f, s in zip(bld["层数"], bld["层高"])]
    bld["gfa"] = [
        g if not pd.isna(g) else (None if c is None else a * c)
        for g, c, a in zip(bld["计容面积"], coef, bld.geometry.area)
    ]
    bld["h"] = [_building_height(f, s, h) for f, s, h in zip(bld["层数"], bld["层高"], bld["建筑高度"])]
    rows = []
    for _, p in plan.iterrows():
        site = p.geometry.area
        inside = bld[bld.intersects(p.geometry)]
        pieces = inside.geometry.intersection(p.geometry)
        keep = pieces.area >= 1.0
        inside, pieces = inside[keep], pieces[keep]
        gr = green[green.intersects(p.geometry)]
        if inside.empty and gr.empty:
            continue
        share = pieces.area / inside.geometry.area
        gfa = float((inside["gfa"].fillna(0.0) * share).sum())
        footprint = shapely.union_all(pieces.values).area if len(pieces) else 0.0
        heights = inside["h"].dropna()
        # Green: union per factor so overlaps count once (the samples only overlap equal factors).
        g_area = 0.0
        for factor, grp in gr.groupby("折算系数"):
            g_area += factor * shapely.union_all(grp.geometry.intersection(p.geometry).values).area
        rows.append({
            "parcel": p["地块编号"], "code": p["用地代码"], "site_area": site, "gfa": gfa,
            "footprint": footprint, "far": gfa / site, "density": footprint / site,
            "max_height": float(heights.max()) if len(heights) else None,
            "green_area": g_area, "green_ratio": g_area / site,
            "buildings": ",".join(inside["建筑编号"]),
            "far_limit": p["容积率"], "density_limit": p["建筑密度"], "height_limit": p["建筑限高"],
            "green_limit": p["绿地率"],
        })
    return pd.DataFrame(rows)


def _outside(plan: gpd.GeoDataFrame, bld: gpd.GeoDataFrame) -> dict[str, float]:
    everything = shapely.union_all(plan.geometry.values)
    geoms = shapely.make_valid(bld.geometry.values)
    out = shapely.difference(geoms, everything)
    return {b: float(a) for b, a in zip(bld["建筑编号"], shapely.area(out)) if a > 1.0}


def _crossing(plan: gpd.GeoDataFrame, bld: gpd.GeoDataFrame) -> dict[str, dict[str, float]]:
    res = {}
    geoms = shapely.make_valid(bld.geometry.values)
    for bid, g in zip(bld["建筑编号"], geoms):
        parts = {pid: shapely.intersection(g, pg).area for pid, pg in zip(plan["地块编号"], plan.geometry)}
        parts = {k: v for k, v in parts.items() if v >= 1.0}
        if len(parts) > 1:
            res[bid] = parts
    return res


def verify() -> dict[str, pd.DataFrame]:
    plan = pyogrio.read_dataframe(HERE / "xiguan_plan.gpkg", layer=PLAN_LAYER)
    shp = pyogrio.read_dataframe(HERE / f"{SHP_STEM}.shp", encoding="GBK")
    assert list(pyogrio.list_layers(HERE / "xiguan_plan.gpkg")[:, 0]) == [PLAN_LAYER]
    assert plan.crs.to_epsg() == 4542 and shp.crs.to_epsg() == 4542
    assert len(plan) == len(PARCELS) >= 30
    assert plan["地块编号"].is_unique
    attrs = [c for c in plan.columns if c != "geometry"]
    assert list(shp.columns) == list(plan.columns), shp.columns
    # DBF cannot tell "" from null: the empty 建筑密度 of XG-04-02 reads back as null from the Shapefile.
    assert shp[attrs].fillna("").astype(str).equals(plan[attrs].astype(str)), "GBK Shapefile attributes differ"
    assert shapely.equals(shp.geometry.values, plan.geometry.values).all()
    # Parcels do not overlap each other.
    assert abs(shapely.union_all(plan.geometry.values).area - plan.geometry.area.sum()) < 1e-3

    _verify_raw_dbf()

    out = {}
    for name in ("scheme_compliant", "scheme_violating", "scheme_resubmitted"):
        path = HERE / f"{name}.gpkg"
        layers = list(pyogrio.list_layers(path)[:, 0])
        assert layers == [BUILDINGS_LAYER, GREEN_LAYER], layers
        bld = pyogrio.read_dataframe(path, layer=BUILDINGS_LAYER)
        green = pyogrio.read_dataframe(path, layer=GREEN_LAYER)
        assert bld.crs.to_epsg() == 4542 and green.crs.to_epsg() == 4542
        assert bld["建筑编号"].is_unique
        _assert_green_unambiguous(bld, green)
        out[name] = designed_indicators(plan, bld, green)
        out[name + "_outside"] = _outside(plan, bld)
        out[name + "_crossing"] = _crossing(plan, bld)
        out[name + "_invalid"] = list(bld.loc[~bld.geometry.is_valid, "建筑编号"])
        out[name + "_bld"] = bld
    _assert_design(out)
    return out


def _assert_green_unambiguous(bld: gpd.GeoDataFrame, green: gpd.GeoDataFrame) -> None:
    """Green overlaps only green of the same factor, and footprints only where it is roof greening."""
    g = green.geometry.values
    for i in range(len(green)):
        for j in range(i + 1, len(green)):
            if shapely.intersection(g[i], g[j]).area > 0:
                assert green["折算系数"].iloc[i] == green["折算系数"].iloc[j], (i, j)
    fp = shapely.union_all(shapely.make_valid(bld.geometry.values))
    for kind, geom in zip(green["绿地类型"], g):
        assert kind == "屋顶绿化" or shapely.intersection(geom, fp).area == 0, kind


def _verify_raw_dbf() -> None:
    base = HERE / SHP_STEM
    assert not base.with_suffix(".cpg").exists(), "a .cpg must not exist"
    raw = base.with_suffix(".dbf").read_bytes()
    assert raw[DBF_LANGUAGE_BYTE] == 0, raw[DBF_LANGUAGE_BYTE]
    header_len = int.from_bytes(raw[8:10], "little")
    header = raw[:header_len]
    names = []
    for off in range(32, header_len - 1, 32):
        if header[off] == 0x0D:
            break
        names.append(header[off:off + 11].split(b"\x00")[0])
    expected = [n.encode("gbk") for n in (
        "地块编号", "用地代码", "用地性质", "用地面积", "容积率", "建筑密度", "建筑限高", "绿地率", "批复文号", "批复时间",
    )]
    assert names == expected, names
    for n in expected:
        assert len(n) <= 10
    body = raw[header_len:]
    for text in ("二类城镇住宅用地", "≤２.５", "＜40％", "1.2～2.0", "见图则", "酒政函〔2024〕58号", "—"):
        assert text.encode("gbk") in body, text
        assert text.encode("utf-8") not in body, text
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:  # pragma: no cover
        raise AssertionError("the DBF body must not be valid UTF-8")


def _assert_design(out: dict) -> None:
    comp = out["scheme_compliant"].set_index("parcel")
    assert set(comp.index) == {"XG-02-01", "XG-02-02", "XG-02-03", "XG-03-01"}, comp.index
    assert not out["scheme_compliant_outside"] and not out["scheme_compliant_crossing"]
    assert not out["scheme_compliant_invalid"]

    v = out["scheme_violating"].set_index("parcel")
    assert set(v.index) == {"XG-05-01", "XG-05-02", "XG-06-01", "XG-06-02", "XG-06-03", "XG-06-04", "XG-07-01"}
    assert v.loc["XG-05-01", "far"] < 1.0 and v.loc["XG-05-01", "density"] < 0.30
    assert v.loc["XG-05-01", "green_ratio"] > 0.20
    assert 0.8 <= v.loc["XG-05-02", "far"] and v.loc["XG-05-02", "density"] >= 0.30
    assert v.loc["XG-05-02", "green_ratio"] <= 0.15 and v.loc["XG-05-02", "max_height"] <= 24
    assert v.loc["XG-06-01", "far"] > 2.0 and v.loc["XG-06-01", "green_ratio"] < 0.35
    assert v.loc["XG-06-01", "density"] <= 0.28 and v.loc["XG-06-01", "max_height"] <= 60
    assert v.loc["XG-06-02", "far"] <= 2.2 and v.loc["XG-06-02", "density"] > 0.25
    assert v.loc["XG-06-02", "max_height"] > 45 and v.loc["XG-06-02", "green_ratio"] >= 0.35
    assert v.loc["XG-06-03", "max_height"] < 24 and v.loc["XG-06-03", "far"] <= 3.0
    assert v.loc["XG-06-03", "density"] <= 0.35 and v.loc["XG-06-03", "green_ratio"] >= 0.25
    far = v.loc["XG-06-04", "far"]
    assert far > 2.5 and math.floor(far * 100 + 0.5) / 100 == 2.5 and abs(far - MARGINAL_FAR) < 1e-9, far
    assert v.loc["XG-07-01", "green_ratio"] >= 0.70
    assert set(out["scheme_violating_outside"]) == {"10#"}
    assert set(out["scheme_violating_crossing"]) == {"3#"}
    assert min(out["scheme_violating_crossing"]["3#"].values()) > 100
    assert out["scheme_violating_invalid"] == ["G-7"]

    r = out["scheme_resubmitted"].set_index("parcel")
    assert r.loc["XG-06-02", "max_height"] <= 45 and r.loc["XG-06-02", "density"] > 0.25  # height fixed, density not
    assert r.loc["XG-07-01", "buildings"] == "" and r.loc["XG-07-01", "green_ratio"] >= 0.70
    assert not out["scheme_resubmitted_outside"] and set(out["scheme_resubmitted_crossing"]) == {"3#"}


def _fmt(x, pct=False, nd=4):
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "—"
    return f"{100 * x:.2f}%" if pct else f"{x:.{nd}f}"


def print_tables(out: dict) -> None:
    plan = pyogrio.read_dataframe(HERE / "xiguan_plan.gpkg", layer=PLAN_LAYER)
    print(plan.drop(columns="geometry").head(6).to_string())
    shp = pyogrio.read_dataframe(HERE / f"{SHP_STEM}.shp", encoding="GBK")
    print(shp.drop(columns="geometry").iloc[[5, 9, 10, 18, 20]].to_string())
    for name in ("scheme_compliant", "scheme_violating"):
        print(f"\n### {name}\n")
        print(out[name + "_bld"].drop(columns="geometry").to_string())
        print()
        print("| parcel | code | site m² | counted m² | FAR (limit) | footprint m² | density (limit) "
              "| height m (limit) | green m² | green (limit) | buildings |")
        print("|---|---|---|---|---|---|---|---|---|---|---|")
        for _, r in out[name].iterrows():
            print(f"| {r.parcel} | {r.code} | {r.site_area:.1f} | {r.gfa:.2f} | {_fmt(r.far)} ({r.far_limit}) "
                  f"| {r.footprint:.1f} | {_fmt(r.density, True)} ({r.density_limit or 'empty'}) "
                  f"| {_fmt(r.max_height, nd=1)} ({r.height_limit}) | {r.green_area:.1f} "
                  f"| {_fmt(r.green_ratio, True)} ({r.green_limit}) | {r.buildings} |")
        print("outside plan:", out[name + "_outside"])
        print("crossing:", out[name + "_crossing"])
        print("invalid:", out[name + "_invalid"])
    total = sum(f.stat().st_size for f in HERE.iterdir() if f.suffix in {".gpkg", ".shp", ".shx", ".dbf", ".prj"})
    print(f"\ntotal size of data files: {total / 1024:.0f} KiB")


def main() -> None:
    os.chdir(HERE)
    write_all()
    out = verify()
    print_tables(out)


if __name__ == "__main__":
    main()
