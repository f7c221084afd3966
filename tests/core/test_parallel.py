"""The engine's threads: work split over two cores or done in the background gives what one thread gives."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest
import shapely

from planner.checking.engine import check
from planner.io.layers import load_buildings, load_green, load_plan
from planner.parallel import MIN_SPLIT, in_background, indexed_in_slices, now, on_two_cores

SAMPLES = Path(__file__).resolve().parents[2] / "sample_plans"


def test_on_two_cores_equals_one_call():
    rng = np.random.default_rng(0)
    boxes = shapely.box(*rng.uniform(0, 100, (4, 3 * MIN_SPLIT)))
    others = shapely.box(*rng.uniform(0, 100, (4, 3 * MIN_SPLIT)))
    assert np.array_equal(on_two_cores(shapely.area, boxes), shapely.area(boxes))
    assert np.array_equal(on_two_cores(shapely.relate_pattern, boxes, others, pattern="T********"),
                          shapely.relate_pattern(boxes, others, "T********"))
    split = on_two_cores(shapely.intersection, boxes, others)
    assert shapely.equals_exact(split, shapely.intersection(boxes, others), tolerance=0).all()


def test_indexed_in_slices_equals_one_call():
    """Coordinates, parts and rings made a slice at a time (the GIL let go between slices) with the index of one call."""
    holed = shapely.Polygon([(0, 0), (9, 0), (9, 9), (0, 9)], [[(2, 2), (4, 2), (4, 4), (2, 4)]])
    pair = shapely.MultiPolygon([shapely.box(20, 0, 22, 2), shapely.box(30, 0, 31, 1)])
    geometry = np.array([holed, pair, shapely.box(0, 0, 1, 1), shapely.Polygon(), pair, holed], dtype=object)
    for operation in (shapely.get_coordinates, shapely.get_parts, shapely.get_rings):
        whole, index = operation(geometry, return_index=True)
        sliced, sliced_index = indexed_in_slices(operation, geometry, size=2)
        assert np.array_equal(sliced_index, index)
        if whole.dtype == object:
            assert shapely.equals_exact(sliced, whole, tolerance=0).all()
        else:
            assert np.array_equal(sliced, whole)


def test_in_background_returns_the_result_or_raises():
    assert in_background(sum, [1, 2, 3]).result() == 6
    with pytest.raises(ZeroDivisionError):
        in_background(lambda: 1 / 0).result()


def _summary(result):
    return ([(p.id, p.far, p.density, p.green_ratio, p.violations) for p in result.parcels], result.violations,
            [(w.code, w.parcel, w.building) for w in result.warnings])


def test_checks_in_two_threads_at_once_agree_with_one():
    plan = load_plan(SAMPLES / "xiguan_plan.gpkg")
    buildings = load_buildings(SAMPLES / "scheme_violating.gpkg")
    green = load_green(SAMPLES / "scheme_violating.gpkg")
    alone = _summary(check(plan, buildings, green))
    results: list = [None, None]

    def run(k: int) -> None:
        results[k] = [_summary(check(plan, buildings, green)) for _ in range(5)]

    threads = [threading.Thread(target=run, args=(k,)) for k in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(got == alone for runs in results for got in runs)


def test_now_is_a_finished_future():
    done = now(sum, [1, 2, 3])
    assert done.done() and done.result() == 6
