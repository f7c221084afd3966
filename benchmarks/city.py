"""A synthetic city for the benchmark: parcels on a street grid, ~10 buildings and one green area each.

Layout (EPSG:4542, origin x=456000, y=4400000):

* Parcels form a grid of columns and rows 60-100 m wide; every 3 columns and 3 rows a road 24 m wide
  separates blocks, so parcels inside a block share their edges and parcels across a road do not.
* Each parcel is cut into 4 x 3 cells inside an 8 m setback; 10 of the 12 cells hold a building, 50-80 %
  of the cell each way. About 15 % are turned 12 degrees at most (then shrunk so they stay in their cell).
* About 10 % of the buildings straddle a parcel line: buildings of the parcel's last column of cells are
  pushed across its right edge into the neighbour of the same block (buildings of its top row across its top
  edge where the parcel is the last of its block row), never further than the neighbour's setback, so they
  meet no other building there.
* About 3 % of the buildings overlap another footprint of the same parcel: a building is stretched into the
  building of the next cell.
* One green area per parcel: a ring along the parcel's edge, inset 0.5 m, 3-7.5 m wide; factor 1.0, 0.6 on
  15 % of parcels. On ~3 % of parcels with a neighbour in the block the ring grows a tab 4 m into the
  neighbour, overlapping the neighbour's ring (so green areas straddle and overlap, sometimes with
  different factors).

`make_city(n)` is deterministic for a seed; `write_city(directory, n)` writes plan.gpkg, buildings.gpkg and
green.gpkg and reuses them when a previous run with the same generator version wrote them.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

CRS = "EPSG:4542"
ORIGIN = (456000.0, 4400000.0)
BLOCK = 3  # parcels per block, each way
ROAD = 24.0
SETBACK = 8.0
CELLS_X, CELLS_Y = 4, 3
BUILDINGS_PER_PARCEL = 10
STRADDLE_SHARE = 0.10
OVERLAP_SHARE = 0.03
ROTATED_SHARE = 0.15
VERSION = 4  # bump when the generator changes, so cached files are rebuilt
#: The dense city (--dense in bench_check.py): more buildings straddle a parcel line and more have a use their
#: land use does not permit, for ~6 findings a parcel (~128,000 on 20,000 parcels) like the city of issue 13.
DENSE_STRADDLE_SHARE = 0.25
DENSE_WRONG_USE_SHARE = 0.40

FILES = {"plan": ("plan.gpkg", "控规地块"), "buildings": ("buildings.gpkg", "建筑"), "green": ("green.gpkg", "绿地")}

LAND_USES = np.array(["070102", "R2", "R2/B1", "0901", "100101"], dtype=object)
LAND_USE_WEIGHTS = [0.35, 0.2, 0.1, 0.2, 0.15]
USES = np.array(["住宅", "商业", "工业"], dtype=object)
# Land use -> (FAR texts, height texts) to draw from.
LIMIT_TEXTS = {
    "070102": (["≤2.5", "1.0-2.0", "≤2.0"], ["≤60m", "≤36m", "≤24m"]),
    "R2": (["≤2.5", "1.0-2.0", "≤2.0"], ["≤60m", "≤36m"]),
    "R2/B1": (["≤2.5", "1.0-2.0", "≤3.0"], ["≤60m", "≤50m"]),
    "0901": (["≤2.5", "1.0-2.0", "≤3.0"], ["≤24m", "≤50m"]),
    "100101": (["≤1.2", "0.8-1.5", "≤2.0"], ["≤24m", "≤36m"]),
}
DENSITY_TEXTS = ["≤30%", "≤35%", "≤25%"]
GREEN_TEXTS = ["≥35%", "≥30%", "≥20%", "≥15%"]
STOREY_LISTS = [("4.5,3,3", 3, 10.5), ("5.1,4.5,3.9,3.9", 4, 17.4), ("4.5,3.3,3.3,3.3,3.3", 5, 17.7)]


def _grid(n: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Parcel rectangles in row-major order with their neighbours inside the block."""
    nx = max(1, math.ceil(math.sqrt(n)))
    ny = math.ceil(n / nx)
    widths, heights = rng.uniform(60.0, 100.0, nx), rng.uniform(60.0, 100.0, ny)
    xs = ORIGIN[0] + np.concatenate([[0.0], np.cumsum(widths)[:-1]]) + (np.arange(nx) // BLOCK) * ROAD
    ys = ORIGIN[1] + np.concatenate([[0.0], np.cumsum(heights)[:-1]]) + (np.arange(ny) // BLOCK) * ROAD
    k = np.arange(n)
    i, j = k % nx, k // nx
    x0, y0 = xs[i], ys[j]
    x1, y1 = x0 + widths[i], y0 + heights[j]
    has_right = (i % BLOCK != BLOCK - 1) & (i + 1 < nx) & (k + 1 < n)
    has_top = (j % BLOCK != BLOCK - 1) & (k + nx < n)
    block = (j // BLOCK) * math.ceil(nx / BLOCK) + i // BLOCK
    return {"x0": x0, "y0": y0, "x1": x1, "y1": y1, "has_right": has_right, "has_top": has_top,
            "block": block, "in_block": (j % BLOCK) * BLOCK + i % BLOCK}


def _plan(grid: dict[str, np.ndarray], rng: np.random.Generator) -> gpd.GeoDataFrame:
    n = len(grid["x0"])
    land_use = rng.choice(LAND_USES, size=n, p=LAND_USE_WEIGHTS)
    far = np.empty(n, dtype=object)
    height = np.empty(n, dtype=object)
    for code, (far_texts, height_texts) in LIMIT_TEXTS.items():
        mine = np.flatnonzero(land_use == code)
        far[mine] = rng.choice(np.array(far_texts, dtype=object), size=len(mine))
        height[mine] = rng.choice(np.array(height_texts, dtype=object), size=len(mine))
    ids = [f"B{b:04d}-{k + 1:02d}" for b, k in zip(grid["block"], grid["in_block"])]
    return gpd.GeoDataFrame({
        "地块编号": ids,
        "用地代码": land_use,
        "容积率": far,
        "建筑密度": rng.choice(np.array(DENSITY_TEXTS, dtype=object), size=n),
        "建筑限高": height,
        "绿地率": rng.choice(np.array(GREEN_TEXTS, dtype=object), size=n),
    }, geometry=shapely.box(grid["x0"], grid["y0"], grid["x1"], grid["y1"]), crs=CRS)


def _rectangles(x0, y0, w, h, angle) -> np.ndarray:
    """Rectangles (lower-left corner, size) turned by `angle` radians about their centres, in bulk."""
    cx, cy = x0 + w / 2, y0 + h / 2
    dx = np.array([-0.5, 0.5, 0.5, -0.5, -0.5])[None, :] * w[:, None]
    dy = np.array([-0.5, -0.5, 0.5, 0.5, -0.5])[None, :] * h[:, None]
    cos, sin = np.cos(angle)[:, None], np.sin(angle)[:, None]
    coords = np.stack([cx[:, None] + dx * cos - dy * sin, cy[:, None] + dx * sin + dy * cos], axis=-1)
    return shapely.polygons(coords)


def _buildings(grid: dict[str, np.ndarray], land_use: np.ndarray, rng: np.random.Generator,
               dense: bool = False) -> gpd.GeoDataFrame:
    n = len(grid["x0"])
    per = BUILDINGS_PER_PARCEL
    n_b = n * per
    cells = np.argsort(rng.random((n, CELLS_X * CELLS_Y)), axis=1)[:, :per]
    parcel = np.repeat(np.arange(n), per)
    cell = cells.ravel()
    col, row = cell % CELLS_X, cell // CELLS_X
    cw = (grid["x1"] - grid["x0"] - 2 * SETBACK)[parcel] / CELLS_X
    ch = (grid["y1"] - grid["y0"] - 2 * SETBACK)[parcel] / CELLS_Y
    cell_x0 = grid["x0"][parcel] + SETBACK + col * cw
    cell_y0 = grid["y0"][parcel] + SETBACK + row * ch
    w, h = cw * rng.uniform(0.5, 0.8, n_b), ch * rng.uniform(0.5, 0.8, n_b)
    x0 = cell_x0 + rng.random(n_b) * (cw - w)
    y0 = cell_y0 + rng.random(n_b) * (ch - h)

    # Straddling: the last cell column crosses the right edge, or (last parcel of a block row) the top row
    # crosses the top edge.
    right = (col == CELLS_X - 1) & grid["has_right"][parcel]
    top = ~right & ~grid["has_right"][parcel] & (row == CELLS_Y - 1) & grid["has_top"][parcel]
    candidates = right | top
    share = DENSE_STRADDLE_SHARE if dense else STRADDLE_SHARE
    chance = min(1.0, share * n_b / max(1, candidates.sum()))
    straddle = candidates & (rng.random(n_b) < chance)
    right &= straddle
    top &= straddle

    # Overlapping: a building stretched into the building of the next cell to the right, same parcel.
    occupant = np.full((n, CELLS_X * CELLS_Y), -1)
    occupant[parcel, cell] = np.arange(n_b)
    neighbour = np.where(col < CELLS_X - 1, occupant[parcel, np.minimum(cell + 1, CELLS_X * CELLS_Y - 1)], -1)
    can_overlap = (neighbour >= 0) & ~straddle
    can_overlap[can_overlap] &= ~straddle[neighbour[can_overlap]]
    chance = min(1.0, OVERLAP_SHARE / 2 * n_b / max(1, can_overlap.sum()))
    stretch = np.flatnonzero(can_overlap & (rng.random(n_b) < chance))
    into = neighbour[stretch]
    f = rng.uniform(0.1, 0.4, len(stretch))
    y0[stretch] = y0[into] + f * h[into]
    h[stretch] = (1 - f) * h[into]
    w[stretch] = x0[into] + rng.uniform(0.2, 0.5, len(stretch)) * w[into] - x0[stretch]
    overlapping = np.zeros(n_b, dtype=bool)
    overlapping[stretch] = overlapping[into] = True

    # Rotated: shrunk to 70 % and centred in the cell, so that turned by up to 12 degrees they stay inside it.
    rotated = ~overlapping & (rng.random(n_b) < ROTATED_SHARE)
    angle = np.where(rotated, np.radians(rng.uniform(-12.0, 12.0, n_b)), 0.0)
    w[rotated] *= 0.7
    h[rotated] *= 0.7
    x0[rotated] = cell_x0[rotated] + (cw[rotated] - w[rotated]) / 2
    y0[rotated] = cell_y0[rotated] + (ch[rotated] - h[rotated]) / 2
    geometry = _rectangles(x0, y0, w, h, angle)

    # Push straddlers across the edge by 25-60 % of their extent, at most to 0.5 m short of the neighbour's
    # setback.
    bounds = shapely.bounds(geometry)
    reach = rng.uniform(0.25, 0.6, n_b)
    ext_x, ext_y = bounds[:, 2] - bounds[:, 0], bounds[:, 3] - bounds[:, 1]
    dx = np.where(right, grid["x1"][parcel] + np.minimum(reach * ext_x, SETBACK - 0.5) - bounds[:, 2], 0.0)
    dy = np.where(top, grid["y1"][parcel] + np.minimum(reach * ext_y, SETBACK - 0.5) - bounds[:, 3], 0.0)
    moved = np.flatnonzero(straddle)
    geometry[moved] = _translate(geometry[moved], dx[moved], dy[moved])

    # Uses follow the land use, 1.5 % do not.
    code = land_use[parcel]
    use = np.full(n_b, "住宅", dtype=object)
    use[code == "0901"] = "商业"
    use[code == "100101"] = "工业"
    mixed = code == "R2/B1"
    use[mixed] = np.where(rng.random(mixed.sum()) < 0.5, "住宅", "商业")
    wrong = rng.random(n_b) < (DENSE_WRONG_USE_SHARE if dense else 0.015)
    use[wrong] = rng.choice(USES, size=wrong.sum())

    floors = np.select([use == "住宅", use == "商业"], [rng.integers(3, 12, n_b), rng.integers(2, 7, n_b)],
                       rng.integers(1, 5, n_b)).astype(np.int64)
    storey = np.full(n_b, "3.0", dtype=object)
    per_storey = np.full(n_b, 3.0)
    r = rng.random(n_b)
    for text, value, lo, hi in (("3.3", 3.3, 0.80, 0.87), ("2.9", 2.9, 0.87, 0.92), ("4.5", 4.5, 0.92, 0.95)):
        pick = (r >= lo) & (r < hi)
        storey[pick], per_storey[pick] = text, value
    storeys_height = floors * per_storey
    listed = np.flatnonzero(r >= 0.95)
    which = rng.integers(0, len(STOREY_LISTS), len(listed))
    for k, (text, count, total) in enumerate(STOREY_LISTS):
        mine = listed[which == k]
        storey[mine], floors[mine], storeys_height[mine] = text, count, total
    height = np.round(storeys_height + rng.uniform(0.3, 1.5, n_b), 2)
    height[rng.random(n_b) < 0.3] = np.nan
    unknown = rng.random(n_b) < 0.005
    storey[unknown] = None
    height[unknown] = np.nan
    footprint = shapely.area(geometry)
    gfa = np.where(rng.random(n_b) < 0.05, np.round(footprint * floors * rng.uniform(0.85, 1.1, n_b), 2), np.nan)
    return gpd.GeoDataFrame({
        "建筑编号": [f"J{p + 1:05d}-{k + 1:02d}" for p, k in zip(parcel, np.tile(np.arange(per), n))],
        "建筑用途": use,
        "层数": floors,
        "层高": storey,
        "建筑高度": height,
        "计容面积": gfa,
        "地下层数": rng.integers(0, 3, n_b),
    }, geometry=geometry, crs=CRS)


def _translate(geometry: np.ndarray, dx: np.ndarray, dy: np.ndarray) -> np.ndarray:
    """Each geometry moved by its own (dx, dy), in bulk."""
    coords, index = shapely.get_coordinates(geometry, return_index=True)
    coords += np.column_stack([dx[index], dy[index]])
    return shapely.set_coordinates(geometry.copy(), coords)


def _green(grid: dict[str, np.ndarray], rng: np.random.Generator) -> gpd.GeoDataFrame:
    n = len(grid["x0"])
    x0, y0, x1, y1 = grid["x0"] + 0.5, grid["y0"] + 0.5, grid["x1"] - 0.5, grid["y1"] - 0.5
    g = rng.uniform(3.0, 7.5, n)
    geometry = shapely.difference(shapely.box(x0, y0, x1, y1), shapely.box(x0 + g, y0 + g, x1 - g, y1 - g))
    tab = np.flatnonzero(grid["has_right"] & (rng.random(n) < 0.03))
    ymid = (y0[tab] + y1[tab]) / 2
    tabs = shapely.box(x1[tab] - g[tab], ymid - 5.0, grid["x1"][tab] + 4.0, ymid + 5.0)
    geometry[tab] = shapely.union(geometry[tab], tabs)
    factor = np.where(rng.random(n) < 0.15, 0.6, 1.0)
    return gpd.GeoDataFrame({"绿地编号": [f"G{k + 1:05d}" for k in range(n)], "折算系数": factor},
                            geometry=geometry, crs=CRS)


def make_city(n_parcels: int, seed: int = 0,
              dense: bool = False) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """(plan, buildings, green) GeoDataFrames of a synthetic city with `n_parcels` parcels (`dense`: with ~6
    findings a parcel)."""
    rng = np.random.default_rng(seed)
    grid = _grid(n_parcels, rng)
    plan = _plan(grid, rng)
    buildings = _buildings(grid, plan["用地代码"].to_numpy(dtype=object), rng, dense)
    green = _green(grid, rng)
    return plan, buildings, green


def city_paths(directory: str | Path) -> dict[str, Path]:
    return {role: Path(directory) / name for role, (name, _layer) in FILES.items()}


def _generator(n_parcels: int, seed: int, dense: bool) -> dict:
    return {"version": VERSION, "parcels": n_parcels, "seed": seed, **({"dense": True} if dense else {})}


def write_city(directory: str | Path, n_parcels: int, seed: int = 0, dense: bool = False) -> dict[str, Path]:
    """Write plan.gpkg, buildings.gpkg, green.gpkg into `directory` (reused when already written)."""
    directory = Path(directory)
    paths = city_paths(directory)
    if is_cached(directory, n_parcels, seed, dense):
        return paths
    stamp = directory / "city.json"
    wanted = _generator(n_parcels, seed, dense)
    directory.mkdir(parents=True, exist_ok=True)
    stamp.unlink(missing_ok=True)
    frames = dict(zip(FILES, make_city(n_parcels, seed, dense)))
    for role, frame in frames.items():
        paths[role].unlink(missing_ok=True)
        frame.to_file(paths[role], layer=FILES[role][1], driver="GPKG", engine="pyogrio")
    counts = {role: len(frame) for role, frame in frames.items()}
    stamp.write_text(json.dumps({"generator": wanted, "features": counts}, ensure_ascii=False))
    return paths


def is_cached(directory: str | Path, n_parcels: int, seed: int = 0, dense: bool = False) -> bool:
    """Whether `directory` holds the files of this city from this version of the generator."""
    directory = Path(directory)
    stamp = directory / "city.json"
    if not stamp.exists() or not all(p.exists() for p in city_paths(directory).values()):
        return False
    try:
        return json.loads(stamp.read_text())["generator"] == _generator(n_parcels, seed, dense)
    except (ValueError, KeyError):
        return False


def city_counts(directory: str | Path) -> dict[str, int]:
    return json.loads((Path(directory) / "city.json").read_text())["features"]


if __name__ == "__main__":
    import argparse
    import time

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parcels", type=int, default=2000)
    parser.add_argument("--out", default=None)
    args = parser.parse_args()
    start = time.perf_counter()
    plan, buildings, green = make_city(args.parcels)
    print(f"generated {len(plan)} parcels, {len(buildings)} buildings, {len(green)} green areas "
          f"in {time.perf_counter() - start:.2f} s")
    if args.out:
        start = time.perf_counter()
        write_city(args.out, args.parcels)
        print(f"written to {args.out} in {time.perf_counter() - start:.2f} s")
    pd.set_option("display.width", 160)
    print(plan.head(3))
    print(buildings.head(3))
