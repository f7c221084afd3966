"""Choosing the working CRS (metric, conformal) and deciding which layers need reprojecting (docs/architecture.md §2.2)."""

from __future__ import annotations

import math

import numpy as np
import shapely
from pyproj import CRS, Transformer

from planner.model import InputError

WEB_MERCATOR_CODES = {3857, 900913, 3785, 102100}


def is_metric_projected(crs: CRS) -> bool:
    """A projected CRS in metres that is not Web Mercator (whose areas are far off away from the equator)."""
    if not crs.is_projected or crs.to_epsg() in WEB_MERCATOR_CODES:
        return False
    operation = crs.coordinate_operation
    if operation is not None and "pseudo mercator" in operation.method_name.lower():
        return False
    units = {axis.unit_name.lower() for axis in crs.axis_info}
    return units <= {"metre", "meter", "m"}


def local_metric_crs(lon: float, lat: float) -> CRS:
    """CGCS2000 3-degree Gauss-Kruger CM zone inside China, the UTM zone elsewhere."""
    if 73.0 <= lon <= 136.0 and 3.0 <= lat <= 54.0:
        return CRS.from_epsg(4534 + round((lon - 75.0) / 3.0))
    zone = int(math.floor((lon + 180.0) / 6.0)) % 60 + 1
    return CRS.from_epsg((32600 if lat >= 0 else 32700) + zone)


def looks_geographic(bounds: tuple[float, float, float, float]) -> bool:
    """Coordinates that fit in degrees: a layer without a CRS like this cannot be measured in metres."""
    minx, miny, maxx, maxy = bounds
    return -180.0 <= minx <= maxx <= 180.0 and -90.0 <= miny <= maxy <= 90.0


def crs_label(crs: CRS | None) -> str | None:
    if crs is None:
        return None
    epsg = crs.to_epsg()
    return f"EPSG:{epsg}" if epsg else crs.name


def reproject(geometry: np.ndarray, source: CRS, target: CRS) -> np.ndarray:
    """Geometries from one CRS to another, x always easting/longitude whatever the EPSG axis order says."""
    transformer = Transformer.from_crs(source, target, always_xy=True)
    return shapely.transform(geometry, lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1])))


def align(layers: list[tuple[str, CRS | None, np.ndarray]]
          ) -> tuple[CRS | None, list[np.ndarray], list[tuple[str, dict]]]:
    """Bring layers (name, crs, geometry) into one metric working CRS.

    The first metric projected CRS (the plan's, if it has one) is the working CRS; geographic and Web
    Mercator layers are reprojected to the local Gauss-Kruger (or UTM) zone. A layer without a CRS is taken
    to be in the working CRS when its coordinates look metric (warned), and refused when they look like
    degrees. Returns the CRS (None: unknown local planar metres), the geometries and warnings (code, details).
    """
    warnings: list[tuple[str, dict]] = []
    working = next((crs for _name, crs, _g in layers if crs is not None and is_metric_projected(crs)), None)
    if working is None:
        referenced = [(crs, g) for _name, crs, g in layers if crs is not None]
        if referenced:
            crs, geometry = referenced[0]
            minx, miny, maxx, maxy = shapely.total_bounds(geometry)
            to_lonlat = Transformer.from_crs(crs, 4326, always_xy=True)
            lon, lat = to_lonlat.transform((minx + maxx) / 2, (miny + maxy) / 2)
            working = local_metric_crs(lon, lat)
    aligned = []
    for name, crs, geometry in layers:
        if crs is None:
            if looks_geographic(tuple(shapely.total_bounds(geometry))):
                raise InputError("crs_missing_degrees", path=name)
            note = ("crs_assumed", {"path": name, "crs": crs_label(working) or "-"})
            aligned.append(geometry)
        elif working is not None and not crs.equals(working, ignore_axis_order=True):
            aligned.append(reproject(geometry, crs, working))
            note = ("reprojected", {"path": name, "from": crs_label(crs), "to": crs_label(working)})
        else:
            aligned.append(geometry)
            continue
        if note not in warnings:  # buildings and green from one file: one note about that file
            warnings.append(note)
    return working, aligned, warnings
