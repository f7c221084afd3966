"""Planner: check building schemes against a regulatory detailed plan (控制性详细规划).

The core API, free of Qt::

    from planner import load_plan, load_buildings, load_green, check
    result = check(load_plan("plan.gpkg"), load_buildings("scheme.gpkg"), load_green("scheme.gpkg"),
                   controls=[load_controls("lines.gpkg")])  # control lines are optional

The loaders take a GeoDataFrame as well as a path (`load_plan(frame, layer="plan")`), and
`result.to_geodataframes(lang="en")` gives `(parcels, findings)` as GeoDataFrames (planner.report.frames).
"""

from planner import model
from planner.checking.engine import Cancelled, check
from planner.io.controls import load_controls
from planner.io.layers import load_buildings, load_green, load_plan
from planner.model import CheckResult, CheckWarning, InputError, ParcelResult, Violation
from planner.report.frames import to_geodataframes
from planner.resources import planner_version

# CheckResult.to_geodataframes is planner.report.frames.to_geodataframes: model, below messages in the layers, cannot
# import it, so it is handed over here, where every use of the package begins.
model.provide_geodataframes(to_geodataframes)

__version__ = planner_version()

__all__ = ["Cancelled", "CheckResult", "CheckWarning", "InputError", "ParcelResult", "Violation", "check",
           "load_buildings", "load_controls", "load_green", "load_plan", "to_geodataframes", "__version__"]
