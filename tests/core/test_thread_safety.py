"""The engine's threads never test one prepared geometry at the same time.

The crash this guards against (a segmentation fault, no output, now and then): the main thread's overlay ran
shapely.covers on the prepared parcels while the background green-area thread ran covers on the same ones. GEOS
builds a prepared polygon's indexes on first use and keeps scratch state in them at every use, and two threads
at once corrupt them. GEOS decides covers() for a rectangle without any of that, so only other parcels crashed:
in the report, one that crossed itself and was repaired into two pieces.

Here every parcel is such a bow tie, with as many green areas as buildings, listed in opposite orders so that the
two threads meet on the same parcels: before the fix, nearly one check in two crashed. The soak with many more
runs is benchmarks/stress_threads.py.
"""

from __future__ import annotations

import hashlib
import inspect
import os
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest
import shapely
from shapely.geometry import Polygon, box

from planner.checking import engine
from planner.io.layers import load_buildings, load_green, load_plan
from planner.parallel import now
from tests.helpers import X0, Y0, write_layer

REPO = Path(__file__).resolve().parents[1]
PARCELS = 2000  # with 16,000 buildings and 16,000 green areas: both threads busy in covers() together
#: Subprocesses, and checks in each. Before the fix 87 of 200 such checks crashed (benchmarks/stress_threads.py):
#: 10 would all pass by chance about one time in 300.
RUNS, CHECKS = 1, 10


def _digest(result) -> str:
    digest = hashlib.sha256()
    for column in ("gfa", "footprint_area", "green_area", "far", "density", "green_ratio"):
        digest.update(getattr(result.parcels, column).tobytes())
    digest.update(repr([(v.rule, v.parcel, v.building, v.actual, v.details) for v in result.violations]).encode())
    digest.update(repr([(w.code, w.parcel, w.building) for w in result.warnings]).encode())
    return digest.hexdigest()


CHILD = f"""
import dataclasses, hashlib, sys
import shapely
from planner.checking.engine import check
from planner.io.layers import load_buildings, load_green, load_plan
{inspect.getsource(_digest)}
directory = sys.argv[1]
plan = load_plan(directory + "/plan.gpkg")
buildings, green = load_buildings(directory + "/buildings.gpkg"), load_green(directory + "/green.gpkg")
for _ in range({CHECKS}):
    # Fresh parcels each time, as in a program just started: nothing prepared yet.
    fresh = dataclasses.replace(plan, geometry=shapely.from_wkb(shapely.to_wkb(plan.geometry)))
    print(_digest(check(fresh, buildings, green)), flush=True)
"""


def _write_plan(directory: Path, n: int, bow_ties: bool = True) -> Path:
    """n parcels 100 m x 60 m; a bow tie is repaired into a left and a right triangle. In each triangle three
    buildings and three green areas; one building and one green area across a triangle's edge, one of each
    across the parcel's outline (those are clipped)."""
    outlines, buildings, floors, greens = [], [], [], []
    for i in range(n):
        x, y = X0 + 120.0 * (i % 50), Y0 + 80.0 * (i // 50)
        corners = [(x, y), (x + 100, y + 60), (x + 100, y), (x, y + 60)] if bow_ties else \
            [(x, y), (x + 100, y), (x + 100, y + 60), (x, y + 60)]
        outlines.append(Polygon(corners))
        for bx, gx in ((x, x + 12), (x + 92, x + 80)):
            for k, by in enumerate((y + 15, y + 25.5, y + 37)):
                buildings.append(box(bx, by, bx + 8, by + 8))
                floors.append(3.0 + k)
                greens.append(box(gx, by, gx + 8, by + 8))
        buildings += [box(x + 20, y + 40, x + 30, y + 50), box(x - 4, y + 27, x + 4, y + 33)]
        floors += [6.0, 2.0]
        greens += [box(x + 30, y + 10, x + 40, y + 20), box(x + 96, y + 27, x + 104, y + 33)]
    greens.reverse()  # the threads walk the parcels towards each other
    write_layer(directory / "plan.gpkg", "地块", outlines, 地块编号=[f"P{i}" for i in range(n)],
                用地代码=["070102"] * n, 容积率=["≤2.0"] * n, 建筑密度=["≤30%"] * n, 建筑限高=["≤24m"] * n,
                绿地率=["≥30%"] * n)
    write_layer(directory / "buildings.gpkg", "建筑", buildings, 建筑编号=[f"B{k}" for k in range(len(buildings))],
                建筑用途=["住宅"] * len(buildings), 层数=np.array(floors))
    write_layer(directory / "green.gpkg", "绿地", greens, 绿地编号=[f"G{k}" for k in range(len(greens))],
                折算系数=np.ones(len(greens)))
    return directory


def _load(directory: Path):
    return (load_plan(directory / "plan.gpkg"), load_buildings(directory / "buildings.gpkg"),
            load_green(directory / "green.gpkg"))


@pytest.fixture(scope="module")
def bow_ties(tmp_path_factory) -> Path:
    return _write_plan(tmp_path_factory.mktemp("bow_ties"), PARCELS)


def test_the_parcels_are_repaired_into_two_pieces(bow_ties):
    plan, _buildings, _green = _load(bow_ties)
    assert (shapely.get_num_geometries(plan.geometry) == 2).all()
    assert {w.code for w in plan.warnings} == {"geometry_repaired"}


def test_each_thread_prepares_parcels_of_its_own(tmp_path, monkeypatch):
    """No parcel object is prepared and tested by the overlays of two threads (rectangles here: GEOS takes its
    shortcut for them, so this check in pytest's own process cannot crash even without the fix)."""
    used = []
    overlay = engine.overlay

    def spy(features, areas, parcels, tree):
        used.append((threading.get_ident(), shapely.is_prepared(parcels).all(), {id(p) for p in parcels}))
        return overlay(features, areas, parcels, tree)

    monkeypatch.setattr(engine, "overlay", spy)
    plan, buildings, green = _load(_write_plan(tmp_path, 60, bow_ties=False))
    engine.check(plan, buildings, green)
    (main, main_prepared, main_parcels), (background, background_prepared, background_parcels) = \
        sorted(used, key=lambda u: u[0] != threading.get_ident())
    assert main == threading.get_ident() and background != main
    assert main_prepared and background_prepared
    assert not main_parcels & background_parcels


def test_both_threads_busy_on_repaired_parcels_never_crash(bow_ties, monkeypatch):
    """Checks in subprocesses, so a crash shows as a negative return code; every result as without threads."""
    monkeypatch.setattr(engine, "in_background", now)  # the green areas measured before the buildings, one thread
    reference = _digest(engine.check(*_load(bow_ties)))
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    runs = [subprocess.run([sys.executable, "-c", CHILD, str(bow_ties)], capture_output=True, text=True, env=env,
                           timeout=300, check=False) for _ in range(RUNS)]
    crashed = [run.returncode for run in runs if run.returncode < 0]
    assert not crashed, f"{len(crashed)} of {RUNS} runs crashed (return codes {crashed})"
    assert [run.returncode for run in runs] == [0] * RUNS, runs[0].stderr[-2000:]
    digests = [line for run in runs for line in run.stdout.split()]
    assert digests == [reference] * (RUNS * CHECKS)
