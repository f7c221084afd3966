"""Planner: check building schemes against a regulatory detailed plan (控制性详细规划).

The core API, free of Qt::

    from planner import load_plan, load_buildings, load_green, check
    result = check(load_plan("plan.gpkg"), load_buildings("scheme.gpkg"), load_green("scheme.gpkg"),
                   controls=[load_controls("lines.gpkg")])  # control lines are optional
"""

from planner.checking.engine import Cancelled, check
from planner.io.controls import load_controls
from planner.io.layers import load_buildings, load_green, load_plan
from planner.model import CheckResult, CheckWarning, InputError, ParcelResult, Violation
from planner.resources import planner_version

__version__ = planner_version()

__all__ = ["Cancelled", "CheckResult", "CheckWarning", "InputError", "ParcelResult", "Violation", "check",
           "load_buildings", "load_controls", "load_green", "load_plan", "__version__"]
