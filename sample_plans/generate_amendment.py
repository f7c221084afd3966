"""Write the amended version of the sample plan (sample_plans/xiguan_plan_2025.gpkg) and check its design.

Run ``python sample_plans/generate_amendment.py`` after ``generate.py``. Deterministic like it (fixed
GeoPackage timestamps). The file has the layer ``控规地块`` with the fields of ``xiguan_plan.gpkg`` and is the
2025 amendment (局部调整) of that plan, approved by 酒政函〔2025〕37号 on 2025-06-18 (every parcel's
批复文号 / 批复时间: the version as a whole). Against the 2024 version it has, one of each:

* a FAR limit raised: XG-06-01 ≤2.0 → ≤2.8 (the violating scheme's far_max there disappears);
* a height limit tightened: XG-06-04 ≤80米 → ≤50米 (the violating scheme's 9#, 54.9 m, now breaks it);
* a land use changed: XG-03-03 090104 旅馆用地 → 0902 商务金融用地;
* a split keeping the id: XG-04-01 (hospital) into XG-04-01 (north half) and XG-04-04 (south half);
* a merge: XG-11-02 (kindergarten) and XG-11-03 into XG-11-02;
* a removal: the road parcel XG-DL-01 (the road is left as a gap, like the others);
* a rename: the road parcel XG-DL-02 renumbered XG-DL-01, the id just freed;
* a reshape: XG-09-01 loses the 12 m x 120 m notch lying in the ecological protection red line;
* an addition: XG-13-01, a public car park east of 解放路's block XG-12.

and three limits written differently with the same meaning (not changes): XG-10-02 容积率 "≤２.５" → "≤2.5",
XG-11-01 建筑密度 "25%" → "≤25%", XG-03-01 绿地率 "35%" → "0.35".

The verification recomputes the design with plain shapely: the geometry relations of each change, and the
indicators the violating scheme achieves on the changed parcels against the new limits (generate.py's
designed_indicators).
"""

from __future__ import annotations

import os

import geopandas as gpd
import pyogrio
import shapely
from generate import (
    BUILDINGS_LAYER,
    CRS,
    GREEN_LAYER,
    HERE,
    PARCELS,
    PLAN_LAYER,
    _write_gpkg,
    designed_indicators,
    poly,
    rect,
)

AMENDED_FILE = "xiguan_plan_2025.gpkg"
APPROVAL_2025 = ("酒政函〔2025〕37号", "2025-06-18")
FIXED_DATE = "2025-06-18T00:00:00Z"

#: New limit texts by parcel id: (field, text).
LIMITS: dict[str, dict[str, str]] = {
    "XG-06-01": {"容积率": "≤2.8"},
    "XG-06-04": {"建筑限高": "≤50米"},
    # Written differently, same limit:
    "XG-10-02": {"容积率": "≤2.5"},
    "XG-11-01": {"建筑密度": "≤25%"},
    "XG-03-01": {"绿地率": "0.35"},
}
LAND_USES = {"XG-03-03": ("0902", "商务金融用地")}
REMOVED = "XG-DL-01"
RENAMED = ("XG-DL-02", "XG-DL-01")
#: XG-04-01 (680-800 x 430-630) split at y 530; the north half keeps the id.
SPLIT = ("XG-04-01", [("XG-04-01", rect(680, 530, 800, 630)), ("XG-04-04", rect(680, 430, 800, 530))])
SPLIT_LIMITS = ("≤1.5", "≤30%", "≤40m", "≥35%")  # the split pieces' FAR is written now ("见图则" before)
MERGED = (("XG-11-02", "XG-11-03"), "XG-11-02", rect(470, 0, 650, 90))
RESHAPED = ("XG-09-01", [(0, 0), (110, 0), (110, 180), (0, 180), (0, 150), (12, 150), (12, 30), (0, 30)])
ADDED = ("XG-13-01", "120803", "社会停车场用地", rect(910, 0, 1000, 180), "—", "—", "≤12m", "≥20%")

#: What `planner diff --old xiguan_plan.gpkg --new xiguan_plan_2025.gpkg` reports (planner.diff/1, abridged).
EXPECTED_DIFF = {
    "added": ["XG-13-01"],
    "removed": ["XG-DL-01"],
    "changed": {"XG-03-03": "land_use", "XG-06-01": "far", "XG-06-04": "height", "XG-09-01": "geometry",
                "XG-DL-01": "renamed_from XG-DL-02"},
    "split": [("XG-04-01", ["XG-04-01", "XG-04-04"])],
    "merged": [(["XG-11-02", "XG-11-03"], "XG-11-02")],
    "unchanged": 27,
}

#: scheme_violating.gpkg checked against the new version instead of the old: (rule, parcel, building).
VIOLATIONS_GONE = [("far_max", "XG-06-01", None)]
VIOLATIONS_NEW = [("height_max", "XG-06-04", None)]


def amended_rows() -> list[tuple]:
    """PARCELS with the amendment applied, in the same (id, code, name, ring, far, density, height, green) form."""
    fields = ("容积率", "建筑密度", "建筑限高", "绿地率")
    rows = []
    for pid, code, name, ring, *limits in PARCELS:
        if pid == REMOVED or pid == MERGED[0][1]:
            continue
        limits = [LIMITS.get(pid, {}).get(field, text) for field, text in zip(fields, limits)]
        code, name = LAND_USES.get(pid, (code, name))
        if pid == SPLIT[0]:
            rows += [(piece, code, name, piece_ring, *SPLIT_LIMITS) for piece, piece_ring in SPLIT[1]]
            continue
        if pid == MERGED[0][0]:
            ring = MERGED[2]
        if pid == RESHAPED[0]:
            ring = RESHAPED[1]
        if pid == RENAMED[0]:
            pid = RENAMED[1]
        rows.append((pid, code, name, ring, *limits))
    return rows + [ADDED]


def amended_frame() -> gpd.GeoDataFrame:
    rows = []
    for pid, code, name, ring, far, dens, height, green in amended_rows():
        geom = poly(ring)
        rows.append({
            "地块编号": pid, "用地代码": code, "用地性质": name, "用地面积": int(round(geom.area)),
            "容积率": far, "建筑密度": dens, "建筑限高": height, "绿地率": green,
            "批复文号": APPROVAL_2025[0], "批复时间": APPROVAL_2025[1], "geometry": geom,
        })
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=CRS)


def write_amendment() -> None:
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": FIXED_DATE})
    _write_gpkg(HERE / AMENDED_FILE, {PLAN_LAYER: amended_frame()})


def verify() -> None:
    """The designed relations, recomputed from the written files with plain shapely."""
    old = pyogrio.read_dataframe(HERE / "xiguan_plan.gpkg", layer=PLAN_LAYER).set_index("地块编号")
    new = pyogrio.read_dataframe(HERE / AMENDED_FILE, layer=PLAN_LAYER)
    assert list(pyogrio.list_layers(HERE / AMENDED_FILE)[:, 0]) == [PLAN_LAYER]
    assert new.crs.to_epsg() == 4542 and new["地块编号"].is_unique and len(new) == len(old)
    assert list(new.columns) == [*old.reset_index().columns]
    new = new.set_index("地块编号")
    geoms = new.geometry.values
    assert abs(shapely.union_all(geoms).area - geoms.area.sum()) < 1e-6, "new parcels must not overlap"
    g_old, g_new = old.geometry, new.geometry

    # Unchanged boundaries stay exactly where they were.
    moved = {REMOVED, RENAMED[0], SPLIT[0], *MERGED[0], RESHAPED[0]}
    for pid in old.index.difference(list(moved)):
        assert g_old[pid].equals(g_new[pid]), pid
    # Rename: the same land under the freed id; removal: nothing new there.
    assert g_new[RENAMED[1]].equals(g_old[RENAMED[0]])
    assert shapely.intersection(g_old[REMOVED], shapely.union_all(geoms)).area == 0
    # Split: the pieces lie in the old parcel and fill it.
    pieces = [g_new[p] for p, _ in SPLIT[1]]
    assert shapely.union_all(pieces).equals(g_old[SPLIT[0]])
    # Merge: the new parcel is the two old ones.
    assert g_new[MERGED[1]].equals(shapely.union_all([g_old[p] for p in MERGED[0]]))
    # Reshape: the notch (12 m x 120 m = 1440 m²) is gone, nothing else.
    assert g_new[RESHAPED[0]].within(g_old[RESHAPED[0]])
    assert abs(g_old[RESHAPED[0]].area - g_new[RESHAPED[0]].area - 1440.0) < 1e-6
    # Addition: on land no old parcel held.
    assert shapely.intersection(g_new[ADDED[0]], shapely.union_all(g_old.values)).area == 0
    # Limits and land uses as designed; the rewritten ones read as before.
    assert new.loc["XG-06-01", "容积率"] == "≤2.8" and old.loc["XG-06-01", "容积率"] == "≤2.0"
    assert new.loc["XG-06-04", "建筑限高"] == "≤50米" and old.loc["XG-06-04", "建筑限高"] == "≤80米"
    assert (old.loc["XG-03-03", "用地代码"], new.loc["XG-03-03", "用地代码"]) == ("090104", "0902")
    assert set(new["批复文号"]) == {APPROVAL_2025[0]} and set(new["批复时间"]) == {APPROVAL_2025[1]}

    # The violating scheme against the new limits: XG-06-01's FAR passes, XG-06-04's height breaks.
    path = HERE / "scheme_violating.gpkg"
    achieved = designed_indicators(new.reset_index(), pyogrio.read_dataframe(path, layer=BUILDINGS_LAYER),
                                   pyogrio.read_dataframe(path, layer=GREEN_LAYER)).set_index("parcel")
    assert 2.0 < achieved.loc["XG-06-01", "far"] <= 2.8
    assert achieved.loc["XG-06-04", "max_height"] > 50.0
    print(f"{AMENDED_FILE}: {len(new)} parcels; XG-06-01 FAR {achieved.loc['XG-06-01', 'far']:.4f} (≤2.8), "
          f"XG-06-04 height {achieved.loc['XG-06-04', 'max_height']:.1f} m (≤50米)")


def main() -> None:
    os.chdir(HERE)
    write_amendment()
    verify()


if __name__ == "__main__":
    main()
