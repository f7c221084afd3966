"""Qt fixtures for the window's tests: an offscreen QApplication, private settings, the main window."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

_APPLICATION = None


def pytest_collection_modifyitems(items):
    """A QApplication before any test runs, once the window's tests are collected: the report (tested in
    tests/core) makes a bare QGuiApplication when none exists, and no widget could be made on that."""
    global _APPLICATION
    from PySide6.QtWidgets import QApplication

    _APPLICATION = QApplication.instance() or QApplication([])


@pytest.fixture(autouse=True)
def user_data(tmp_path_factory, monkeypatch):
    """The user's data folder (QStandardPaths reads XDG_DATA_HOME on each call) in a folder of the test's own:
    the reviews of the bundled sample are written there, not into the user's home."""
    folder = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    return folder


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
