"""Existing buildings around a site (现状建筑), for the sunlight analysis: read like the scheme's buildings
(planner.io.layers.load_buildings: footprints, height or storeys, use), under the role "existing".

An existing building states a height, or storeys: a building with storeys but no height is given storeys x the
storey height of its use (resources/storey_heights.toml), warned; one with neither casts no shadow (warned by
planner.checking.sunlight). What only FAR needs (counted areas, estimated storeys) is not asked of it.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
from geopandas import GeoDataFrame

from planner.io.landuse import shipped_table
from planner.io.layers import BuildingLayer, load_buildings, storey_heights
from planner.model import CheckWarning

#: Warnings of load_buildings about floor area, which the sunlight analysis does not use.
NOT_ASKED = ("no_floor_area", "storeys_estimated", "no_height")


def load_existing(path: str | Path | GeoDataFrame, layer: str | None = None,
                  mapping: dict[str, dict[str, str]] | None = None) -> BuildingLayer:
    """Read existing buildings (a file or a GeoDataFrame) with their heights (or storeys) and uses."""
    loaded = load_buildings(path, layer, mapping)
    height = loaded.height.copy()
    default, by_use = storey_heights()
    table = shipped_table()
    source = {"path": Path(loaded.info.path).name, "layer": loaded.info.layer}
    warnings = [w for w in loaded.warnings if w.code not in NOT_ASKED]
    for i in np.flatnonzero(np.isnan(height) & ~np.isnan(loaded.floors)).tolist():
        use = loaded.use[i]
        per = by_use.get(table.normalise_use(use) if isinstance(use, str) else None, default)
        height[i] = float(loaded.floors[i]) * per
        warnings.append(CheckWarning("sunlight_height_estimated", None, str(loaded.ids[i]), {
            **source, "fid": int(loaded.fids[i]), "storeys": int(loaded.floors[i]), "storey_height": f"{per:g}",
            "height": f"{height[i]:g}"}))
    return replace(loaded, info=replace(loaded.info, role="existing"), height=height, warnings=tuple(warnings))
