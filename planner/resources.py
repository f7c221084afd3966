"""Finds bundled files (resources/ and sample_plans/ in a source tree, or inside an installed wheel) and
Planner's own version. Imports nothing of ours: every layer may use it."""

from __future__ import annotations

from importlib import resources as _importlib_resources
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _installed_version
from pathlib import Path

_SOURCE_ROOT = Path(__file__).resolve().parent.parent


def _bundled_dir(name: str) -> Path:
    source = _SOURCE_ROOT / name
    if source.is_dir():
        return source
    # Installed from a wheel: the folder ships as the package planner._<name> (see pyproject.toml).
    return Path(str(_importlib_resources.files(f"planner._{name}")))


def resource_path(*parts: str) -> Path:
    """Path of a file under resources/ (the land-use table, translations ...)."""
    return _bundled_dir("resources").joinpath(*parts)


def sample_path(*parts: str) -> Path:
    """Path of a file under sample_plans/."""
    return _bundled_dir("sample_plans").joinpath(*parts)


def planner_version() -> str:
    """Planner's version as installed; "0+unknown" in a source tree that was never installed."""
    try:
        return _installed_version("planner")
    except PackageNotFoundError:
        return "0+unknown"


def user_data_dir() -> Path:
    """Planner's folder in the user's data location, the one Qt's QStandardPaths.AppDataLocation gives the window
    (organisation and application "Planner"), worked out without Qt so that the command line finds the same
    case register: %APPDATA%\\Planner\\Planner on Windows, ~/Library/Application Support/Planner/Planner on macOS,
    $XDG_DATA_HOME/Planner/Planner (default ~/.local/share) elsewhere. Not created here."""
    import os
    import sys

    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "Planner" / "Planner"
