"""Shared test helpers: writing small layers to real files so tests go through GDAL like users do."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import geopandas as gpd  # noqa: E402
import pytest  # noqa: E402
from shapely.geometry import box  # noqa: E402

#: A metric origin inside EPSG:4542 (CGCS2000 GK CM 99E), near Jiuquan.
X0, Y0 = 457_000.0, 4_398_000.0


def rect(x: float, y: float, w: float, h: float):
    """An axis-aligned rectangle offset from the Jiuquan origin (metres)."""
    return box(X0 + x, Y0 + y, X0 + x + w, Y0 + y + h)


def write_layer(path: Path, layer: str, geometry: list, crs: str | None = "EPSG:4542", **columns) -> Path:
    frame = gpd.GeoDataFrame(columns, geometry=geometry, crs=crs)
    driver = {".gpkg": "GPKG", ".shp": "ESRI Shapefile", ".geojson": "GeoJSON", ".fgb": "FlatGeobuf"}[path.suffix]
    frame.to_file(path, layer=layer if driver == "GPKG" else None, driver=driver, engine="pyogrio")
    return path


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    return tmp_path


@pytest.fixture(autouse=True, scope="session")
def _widgets_application(qapp):
    """A QApplication from the start: the report code creates a bare QGuiApplication when none exists
    (the CLI needs no widgets), and a later widget test could not run on that."""
    yield qapp


@pytest.fixture
def settings(tmp_path):
    """The window's settings in a file of the test's own, not the user's."""
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "planner.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, settings):
    """The main window, shown offscreen, with error dialogs turned into status-bar text."""
    from planner.gui.main_window import MainWindow

    win = MainWindow("en", settings)
    win.setProperty("quiet_errors", True)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    yield win
    win.runner.shutdown()
