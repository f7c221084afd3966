"""Shared test helpers: writing small layers to real files so tests go through GDAL like users do."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
import shapely
from shapely.geometry import box

#: A metric origin inside EPSG:4542 (CGCS2000 GK CM 99E), near Jiuquan.
X0, Y0 = 457_000.0, 4_398_000.0
#: The repository's root, its sample plans and the golden outputs.
ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_plans"
GOLDEN = ROOT / "tests" / "golden"


def rect(x: float, y: float, w: float, h: float):
    """An axis-aligned rectangle offset from the Jiuquan origin (metres)."""
    return box(X0 + x, Y0 + y, X0 + x + w, Y0 + y + h)


def write_layer(path: Path, layer: str, geometry: list, crs: str | None = "EPSG:4542", **columns) -> Path:
    frame = gpd.GeoDataFrame(columns, geometry=geometry, crs=crs)
    driver = {".gpkg": "GPKG", ".shp": "ESRI Shapefile", ".geojson": "GeoJSON", ".fgb": "FlatGeobuf"}[path.suffix]
    frame.to_file(path, layer=layer if driver == "GPKG" else None, driver=driver, engine="pyogrio")
    return path


def write_gbk_shapefile(path, frame: gpd.GeoDataFrame):
    """As old Chinese desktop tools do: GBK bytes, no .cpg, DBF language byte 0."""
    pyogrio.write_dataframe(frame, path, driver="ESRI Shapefile", encoding="GBK")
    path.with_suffix(".cpg").unlink(missing_ok=True)
    dbf = path.with_suffix(".dbf")
    raw = bytearray(dbf.read_bytes())
    raw[29] = 0
    dbf.write_bytes(bytes(raw))
    return path


def with_vertex(geometry, x: float, k: int = 1):
    """`geometry` with the x of its vertex `k` replaced (k = 1: not the ring's start, so the ring stays closed)."""
    def replace(coordinates: np.ndarray) -> np.ndarray:
        coordinates = coordinates.copy()
        coordinates[k, 0] = x
        return coordinates

    with np.errstate(all="ignore"):
        return shapely.transform(geometry, replace)
