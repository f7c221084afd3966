"""The peer: the same four indicators as a GIS analyst would compute them with geopandas.

Overlay buildings with parcels, give each piece its share of the building's counted area, dissolve pieces per
parcel for the footprint union (density), groupby for sums and maxima, and overlay + dissolve the green areas
(per parcel and factor) for the weighted green area. Run as a script it writes the frame to a pickle, so the
benchmark can time it in a subprocess of its own:

    python benchmarks/peer.py --plan plan.gpkg --buildings buildings.gpkg --green green.gpkg --out peer.pkl
"""

from __future__ import annotations

import argparse

import geopandas as gpd
import numpy as np
import pandas as pd


def peer_check(plan_path, buildings_path, green_path) -> pd.DataFrame:
    """Per parcel (index 地块编号): far, density, max_height, green_ratio."""
    parcels = gpd.read_file(plan_path, engine="pyogrio")[["地块编号", "geometry"]]
    parcels["site_area"] = parcels.area
    buildings = gpd.read_file(buildings_path, engine="pyogrio")
    green = gpd.read_file(green_path, engine="pyogrio")

    # Counted area: the stated 计容面积, else footprint x storeys. Height: the stated one, else storey heights
    # (one height for every storey, or a bottom-up list that names every storey).
    buildings["footprint"] = buildings.area
    buildings["counted"] = buildings["计容面积"].fillna(buildings["footprint"] * buildings["层数"])
    storeys = buildings["层高"].str.split(",").explode().astype(float)
    listed = storeys.groupby(level=0).agg(["sum", "count"])
    from_storeys = np.where(listed["count"] == 1, listed["sum"] * buildings["层数"],
                            np.where(listed["count"] == buildings["层数"], listed["sum"], np.nan))
    buildings["height"] = buildings["建筑高度"].fillna(pd.Series(from_storeys, index=buildings.index))

    pieces = gpd.overlay(buildings[["footprint", "counted", "height", "geometry"]], parcels[["地块编号", "geometry"]],
                         how="intersection", keep_geom_type=True)
    pieces["gfa"] = pieces["counted"] * pieces.area / pieces["footprint"]
    sums = pieces.groupby("地块编号").agg(gfa=("gfa", "sum"), max_height=("height", "max"))
    footprint = pieces[["地块编号", "geometry"]].dissolve(by="地块编号").area.rename("footprint_area")

    green_pieces = gpd.overlay(green[["折算系数", "geometry"]], parcels[["地块编号", "geometry"]],
                               how="intersection", keep_geom_type=True)
    green_by_factor = green_pieces.dissolve(by=["地块编号", "折算系数"]).reset_index()
    green_by_factor["weighted"] = green_by_factor.area * green_by_factor["折算系数"]
    green_area = green_by_factor.groupby("地块编号")["weighted"].sum().rename("green_area")

    result = (parcels.drop(columns="geometry").set_index("地块编号")
              .join(sums, how="inner").join(footprint).join(green_area))
    result["green_area"] = result["green_area"].fillna(0.0)
    return pd.DataFrame({
        "far": result["gfa"] / result["site_area"],
        "density": result["footprint_area"] / result["site_area"],
        "max_height": result["max_height"],
        "green_ratio": result["green_area"] / result["site_area"],
    })


# --- comparing with the engine (not timed) ---------------------------------------------------------

def engine_frame(result) -> pd.DataFrame:
    """The engine's CheckResult as a frame like the peer's."""
    return pd.DataFrame(
        [(p.id, p.far, p.density, np.nan if p.max_height is None else p.max_height,
          np.nan if p.green_ratio is None else p.green_ratio) for p in result.parcels],
        columns=["地块编号", "far", "density", "max_height", "green_ratio"]).set_index("地块编号")


def green_overlap_parcels(plan_path, green_path) -> dict[str, bool]:
    """Parcels where green areas overlap each other: parcel id -> whether the overlapping factors differ."""
    parcels = gpd.read_file(plan_path, engine="pyogrio")
    green = gpd.read_file(green_path, engine="pyogrio")
    geometry = green.geometry.to_numpy()
    factor = green["折算系数"].to_numpy(dtype=float)
    a, b = green.sindex.query(geometry, predicate="intersects")
    keep = a < b
    a, b = a[keep], b[keep]
    shared = gpd.GeoSeries(geometry[a], crs=green.crs).intersection(gpd.GeoSeries(geometry[b], crs=green.crs))
    positive = (shared.area > 0).to_numpy()
    overlaps = gpd.GeoDataFrame({"differ": factor[a[positive]] != factor[b[positive]]},
                                geometry=shared[positive].to_numpy(), crs=green.crs)
    hits = gpd.overlay(overlaps, parcels[["地块编号", "geometry"]], how="intersection", keep_geom_type=True)
    hits = hits[hits.area > 0]
    return hits.groupby("地块编号")["differ"].any().to_dict()


def compare(engine_result, peer: pd.DataFrame, green_overlaps: dict[str, bool] | None = None,
            rtol: float = 1e-6) -> dict:
    """Where the engine and the peer differ by more than `rtol` (relative), per indicator.

    FAR and density must agree on every parcel. Height must agree too. Green ratio is compared on parcels
    without overlapping green areas; on parcels whose green areas overlap with different factors the two
    count differently (the engine counts a doubly covered area once, at its highest factor; the peer's
    dissolve per factor counts it once per factor), which is reported, not asserted.
    """
    engine = engine_frame(engine_result)
    common = engine.index.intersection(peer.index)
    report: dict = {"parcels_engine": len(engine), "parcels_peer": len(peer), "parcels_compared": len(common),
                    "only_engine": sorted(engine.index.difference(peer.index))[:20],
                    "only_peer": sorted(peer.index.difference(engine.index))[:20], "mismatches": {}}
    e, p = engine.loc[common], peer.loc[common]
    overlapping = set(green_overlaps or {})
    differing_factors = {k for k, v in (green_overlaps or {}).items() if v}
    for column in ("far", "density", "max_height", "green_ratio"):
        a, b = e[column].to_numpy(dtype=float), p[column].to_numpy(dtype=float)
        both_nan = np.isnan(a) & np.isnan(b)
        with np.errstate(divide="ignore", invalid="ignore"):
            rel = np.abs(a - b) / np.maximum(np.abs(b), 1e-12)
        bad = ~both_nan & ~(rel <= rtol)
        rows = [(pid, float(x), float(y), float(r)) for pid, x, y, r in zip(common[bad], a[bad], b[bad], rel[bad])]
        if column == "green_ratio":
            report["green_overlap_parcels"] = len(overlapping & set(common))
            report["green_overlap_differing_factors"] = len(differing_factors & set(common))
            report["green_expected_differences"] = [r for r in rows if r[0] in differing_factors]
            report["green_same_factor_overlap_differences"] = [r for r in rows if r[0] in overlapping
                                                               and r[0] not in differing_factors]
            rows = [r for r in rows if r[0] not in overlapping]
        report["mismatches"][column] = rows
    report["agree"] = not any(report["mismatches"].values()) and not report["only_engine"] \
        and not report["only_peer"]
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description="geopandas peer of `planner check`")
    parser.add_argument("--plan", required=True)
    parser.add_argument("--buildings", required=True)
    parser.add_argument("--green", required=True)
    parser.add_argument("--out", help="write the frame to this pickle")
    args = parser.parse_args()
    frame = peer_check(args.plan, args.buildings, args.green)
    if args.out:
        frame.to_pickle(args.out)
    else:
        print(frame.describe())


if __name__ == "__main__":
    main()
