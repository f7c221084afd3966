"""A layer as read from a file (GDAL or a CAD drawing), before any field is interpreted."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from pyproj import CRS

from planner.model import CheckWarning

__all__ = ["RawLayer"]


@dataclass(frozen=True, slots=True)
class RawLayer:
    """One layer as read, before any interpretation: attribute columns indexed by feature id (FID)."""

    path: Path
    layer: str
    fields: pd.DataFrame
    geometry: np.ndarray  # shapely geometries (None where a feature has none), aligned with `fields`
    crs: CRS | None
    encoding: str | None  # the Shapefile encoding used, None for self-describing formats
    sha256: str
    #: What reading found but could not use (a CAD outline without an id text, a text in no outline).
    warnings: tuple[CheckWarning, ...] = ()
    #: Features whose geometry could not be read as written: position -> (code, reason), for planner.io.clean.
    read_problems: dict[int, tuple[str, str]] = field(default_factory=dict)
    #: What is drawn on the layer but is no feature: a CAD outline that does not close (a building or green area
    #: whose size cannot be measured). Where it lies, the items it would change are "not checked".
    stray: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=object))

    @property
    def source(self) -> str:
        return f"{self.path.name}:{self.layer}"
