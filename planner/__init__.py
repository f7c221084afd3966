"""Planner: check building schemes against a regulatory detailed plan (控制性详细规划).

The core API, free of Qt::

    from planner import load_plan, load_buildings, load_green, check
    result = check(load_plan("plan.gpkg"), load_buildings("scheme.gpkg"), load_green("scheme.gpkg"),
                   controls=[load_controls("lines.gpkg")])  # control lines are optional
"""

from importlib.metadata import PackageNotFoundError, version

from planner.controls import load_controls
from planner.engine import Cancelled, check
from planner.layers import load_buildings, load_green, load_plan
from planner.model import CheckResult, CheckWarning, InputError, ParcelResult, Violation

try:
    __version__ = version("planner")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = ["Cancelled", "CheckResult", "CheckWarning", "InputError", "ParcelResult", "Violation", "check",
           "load_buildings", "load_controls", "load_green", "load_plan", "__version__"]
