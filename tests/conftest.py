"""Fixtures for every test. Qt's fixtures live in tests/gui/conftest.py: the core's tests never start Qt."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    return tmp_path
