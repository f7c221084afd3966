"""Write the control lines of the sample plan (sample_plans/xiguan_lines.gpkg) and check their designed findings.

Run ``python sample_plans/generate_lines.py`` after ``generate.py``. Deterministic like it (fixed GeoPackage
timestamps). Layers, all EPSG:4542, named so that Planner tells their kind from the layer name alone:

* ``道路红线``: road red lines along both sides of every road between the blocks (LineString; 编号, 名称,
  道路等级, 退让距离). The south edge of XG-02 follows the parcel's chamfered corner, the west edge of XG-12 too.
* ``绿线``: the green line of the park XG-07-01 (Polygon).
* ``蓝线``: the blue line of a canal running along the plan's south edge, outside it (Polygon).
* ``生态保护红线``: an ecological protection red line west of the plan that reaches 12 m into the industrial
  parcel XG-09-01 (a plan conflict).
* ``建筑控制线``: the building control line of block XG-06 (its four parcels), 8 m inside the block's edges.

The verification recomputes every designed finding with plain shapely (distances, areas) and asserts it.
"""

from __future__ import annotations

import os
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import shapely
from generate import (
    BUILDINGS_LAYER,
    CRS,
    FIXED_DATE,
    HERE,
    _shift,
    _write_gpkg,
    poly,
    rect,
)
from shapely.geometry import LineString

LINES_FILE = "xiguan_lines.gpkg"

# Roads between the blocks (local metres; see generate.py): name, class, and where they run.
#   y 410-430  富康路  次干路     y 180-210  肃州大道  主干路
#   x 220-250  西关路  次干路     x 450-470  文化巷    支路      x 650-680  解放路  主干路
ROADS = {
    "FK": ("富康路", "次干路"),
    "SZ": ("肃州大道", "主干路"),
    "XG": ("西关路", "次干路"),
    "WH": ("文化巷", "支路"),
    "JF": ("解放路", "主干路"),
}

# (road, local polyline, 退让距离 or None): one red line per block side facing a road.
RED_LINES: list[tuple[str, list[tuple[float, float]], float | None]] = [
    # 富康路 (y 410-430): south side along XG-05..XG-08, north side along XG-01..XG-04.
    ("FK", [(0, 410), (220, 410)], None),
    # Along XG-06 the plan asks 12 m, whatever the building (a shopping street's arcade line).
    ("FK", [(250, 410), (450, 410)], 12.0),
    ("FK", [(470, 410), (650, 410)], None),
    ("FK", [(680, 410), (880, 410)], None),
    ("FK", [(0, 430), (220, 430)], None),
    ("FK", [(250, 430), (438, 430), (450, 442)], None),  # XG-02-03's chamfered corner
    ("FK", [(470, 430), (650, 430)], None),
    ("FK", [(680, 430), (880, 430)], None),
    # 肃州大道 (y 180-210).
    ("SZ", [(0, 180), (220, 180)], None),
    ("SZ", [(250, 180), (450, 180)], None),
    ("SZ", [(470, 180), (650, 180)], None),
    ("SZ", [(680, 180), (880, 180)], None),
    ("SZ", [(0, 210), (220, 210)], None),
    ("SZ", [(250, 210), (450, 210)], None),
    ("SZ", [(470, 210), (650, 210)], None),
    ("SZ", [(680, 210), (880, 210)], None),
    # 西关路 (x 220-250).
    ("XG", [(220, 0), (220, 180)], None),
    ("XG", [(220, 210), (220, 410)], None),
    ("XG", [(220, 430), (220, 630)], None),
    ("XG", [(250, 0), (250, 180)], None),
    ("XG", [(250, 210), (250, 410)], None),
    ("XG", [(250, 430), (250, 630)], None),
    # 文化巷 (x 450-470).
    ("WH", [(450, 0), (450, 180)], None),
    ("WH", [(450, 210), (450, 410)], None),
    ("WH", [(450, 442), (450, 630)], None),
    ("WH", [(470, 0), (470, 180)], None),
    ("WH", [(470, 210), (470, 410)], None),
    ("WH", [(470, 430), (470, 630)], None),
    # 解放路 (x 650-680; south of y 410 its land is the road parcels XG-DL-01/02).
    ("JF", [(650, 0), (650, 180)], None),
    ("JF", [(650, 210), (650, 410)], None),
    ("JF", [(650, 430), (650, 630)], None),
    ("JF", [(692, 0), (680, 12), (680, 180)], None),  # XG-12-01's chamfered corner
    ("JF", [(680, 210), (680, 410)], None),
    ("JF", [(680, 430), (680, 630)], None),
]

GREEN_LINES = [("LX-01", "西关公园绿线", rect(470, 210, 650, 300))]
BLUE_LINES = [("LANX-01", "西干渠蓝线", rect(-20, -30, 900, -6))]
ECOLOGICAL = [("STHX-01", "讨赖河湿地生态保护红线", rect(-120, 30, 12, 150))]
BUILDING_LINES = [("JZKZX-06", "XG-06街坊建筑控制线", rect(258, 218, 442, 402))]

#: What Planner reports for scheme_violating.gpkg with these lines, beyond EXPECTED_VIOLATIONS of generate.py:
#: (rule, building, numbers worked out by hand in README.md).
EXPECTED_LINE_VIOLATIONS: list[tuple[str, str, dict]] = [
    ("setback", "1#", {"distance": 7.0, "required": 12.0, "source": "line"}),
    ("building_line", "1#", {"area": 60.0}),
    ("setback", "2#", {"distance": 12.0, "required": 15.0, "source": "table"}),
    ("setback", "4#", {"distance": 10.0, "required": 12.0, "source": "line"}),
    ("setback", "5#", {"distance": 5.0, "required": 7.0, "source": "table"}),
    ("building_line", "5#", {"area": 60.0}),
    ("setback", "6#", {"distance": 5.0, "required": 7.0, "source": "table"}),
    ("building_line", "6#", {"area": 36.0}),
    ("beyond_red_line", "10#", {"distance": 3.0}),
    ("green_line", "11#", {"area": 450.0}),
]
#: The plan conflict reported with either scheme: (parcel, kind, area m²).
EXPECTED_PLAN_CONFLICTS = [("XG-09-01", "ecological_red_line", 12.0 * 120.0)]


def _line(coords) -> LineString:
    return LineString(_shift(coords))


def red_lines_frame() -> gpd.GeoDataFrame:
    rows = []
    for k, (road, coords, setback) in enumerate(RED_LINES, start=1):
        name, road_class = ROADS[road]
        rows.append({"编号": f"HX-{road}-{k:02d}", "名称": name, "道路等级": road_class, "退让距离": setback,
                     "geometry": _line(coords)})
    frame = gpd.GeoDataFrame(rows, geometry="geometry", crs=CRS)
    frame["退让距离"] = frame["退让距离"].astype("float64")
    return frame


def zones_frame(zones) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame([{"编号": zid, "名称": name, "geometry": poly(ring)} for zid, name, ring in zones],
                            geometry="geometry", crs=CRS)


def write_lines() -> Path:
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": FIXED_DATE})
    path = HERE / LINES_FILE
    _write_gpkg(path, {
        "道路红线": red_lines_frame(),
        "绿线": zones_frame(GREEN_LINES),
        "蓝线": zones_frame(BLUE_LINES),
        "生态保护红线": zones_frame(ECOLOGICAL),
        "建筑控制线": zones_frame(BUILDING_LINES),
    })
    return path


# --- verification with plain shapely -----------------------------------------------------------------------

SETBACKS = {"主干路": (15.0, 20.0), "次干路": (10.0, 15.0), "支路": (7.0, 10.0)}  # resources/control_lines.toml


def _height(row) -> float | None:
    if pd.notna(row["建筑高度"]):
        return float(row["建筑高度"])
    storeys = "" if pd.isna(row["层高"]) else str(row["层高"])
    if not storeys or pd.isna(row["层数"]):
        return None
    heights = [float(h) for h in storeys.split(",")]
    return sum(heights * int(row["层数"]) if len(heights) == 1 else heights[: int(row["层数"])])


def designed_setbacks(buildings: gpd.GeoDataFrame, red: gpd.GeoDataFrame) -> dict[str, tuple[float, float, str]]:
    """Building -> (distance, required, source) of the red line it falls shortest of, by brute force."""
    out = {}
    for _, b in buildings.iterrows():
        geometry = shapely.make_valid(b.geometry)
        height = _height(b)
        residential = b["建筑用途"] == "住宅"
        single = not residential and pd.notna(b["层数"]) and b["层数"] == 1
        high = height is not None and not single and height > (27.0 if residential else 24.0)
        worst = None
        for _, line in red.iterrows():
            if geometry.intersects(line.geometry):
                continue
            distance = geometry.distance(line.geometry)
            if pd.notna(line["退让距离"]):
                required, source = float(line["退让距离"]), "line"
            else:
                required, source = SETBACKS[line["道路等级"]][1 if high else 0], "table"
            if distance < required - 1e-6 and (worst is None or required - distance > worst[1] - worst[0]):
                worst = (distance, required, source)
        if worst is not None:
            out[b["建筑编号"]] = (round(worst[0], 6), worst[1], worst[2])
    return out


def verify() -> None:
    path = HERE / LINES_FILE
    layers = list(pyogrio.list_layers(path)[:, 0])
    assert layers == ["道路红线", "绿线", "蓝线", "生态保护红线", "建筑控制线"], layers
    red = pyogrio.read_dataframe(path, layer="道路红线")
    assert red.crs.to_epsg() == 4542 and red["编号"].is_unique
    plan = pyogrio.read_dataframe(HERE / "xiguan_plan.gpkg")
    parcels = dict(zip(plan["地块编号"], plan.geometry))
    # Red lines lie on the edges of parcels, never through one.
    for line in red.geometry:
        for pid, geometry in parcels.items():
            assert not shapely.relate_pattern(geometry, line, "T********"), pid
    violating = pyogrio.read_dataframe(HERE / "scheme_violating.gpkg", layer=BUILDINGS_LAYER)
    compliant = pyogrio.read_dataframe(HERE / "scheme_compliant.gpkg", layer=BUILDINGS_LAYER)
    expected = {b: (n["distance"], n["required"], n["source"]) for rule, b, n in EXPECTED_LINE_VIOLATIONS
                if rule == "setback"}
    outside = {b for b in violating["建筑编号"] if not shapely.union_all(plan.geometry.values).covers(
        shapely.make_valid(violating.set_index("建筑编号").loc[b, "geometry"]))}
    assert designed_setbacks(violating[~violating["建筑编号"].isin(outside)], red) == expected
    assert designed_setbacks(compliant, red) == {}
    # Building control line of XG-06: the area of each footprint outside it.
    envelope = poly(BUILDING_LINES[0][2])
    block = shapely.union_all([parcels[p] for p in ("XG-06-01", "XG-06-02", "XG-06-03", "XG-06-04")])
    out_of_line = {}
    for bid, geometry in zip(violating["建筑编号"], violating.geometry):
        if block.intersection(geometry).area > 0:
            area = geometry.difference(envelope).area
            if area >= 1.0:
                out_of_line[bid] = area
    assert out_of_line == {b: n["area"] for rule, b, n in EXPECTED_LINE_VIOLATIONS if rule == "building_line"}
    green = poly(GREEN_LINES[0][2])
    on_green = {b: g.intersection(green).area for b, g in zip(violating["建筑编号"], violating.geometry)
                if g.intersection(green).area >= 1.0}
    assert on_green == {"11#": 450.0}
    assert not any(g.intersects(green) for g in compliant.geometry)
    # 10# stands in 富康路, 3 m from the red lines on either side.
    kiosk = violating.set_index("建筑编号").loc["10#", "geometry"]
    assert round(min(kiosk.distance(line) for line in red.geometry), 6) == 3.0
    # The ecological red line reaches into XG-09-01 only.
    eco = poly(ECOLOGICAL[0][2])
    conflicts = [(pid, round(g.intersection(eco).area, 6)) for pid, g in parcels.items() if g.intersection(eco).area]
    assert conflicts == [(p, a) for p, _k, a in EXPECTED_PLAN_CONFLICTS], conflicts
    print(f"{LINES_FILE}: {len(red)} road red lines; designed findings verified")


def main() -> None:
    os.chdir(HERE)
    write_lines()
    verify()


if __name__ == "__main__":
    main()
