"""verdicts.building_status and is_named: the same marks as np.isin, by hash lookup (linear at city scale;
benchmarks/bench_status.py times it)."""

from types import SimpleNamespace

import numpy as np

from planner.checking.verdicts import BUILDING_OK, BUILDING_VIOLATION, building_status, is_named
from planner.model import Violation


def test_building_status_marks_buildings_named_by_building_rules():
    ids = np.array(["A", "B", "C", "B", "D", "E"], dtype=object)
    result = SimpleNamespace(violations=(
        Violation("land_use", "P1", "B"),
        Violation("crosses_parcel", "P1", "D"),
        Violation("far", "P1", "C"),          # a parcel rule: C is not marked
        Violation("outside_plan", None, "Z"),  # names a building the layer does not have
        Violation("land_use", "P2", None),
    ))
    status = building_status(result, ids)
    assert status.tolist() == [BUILDING_OK, BUILDING_VIOLATION, BUILDING_OK, BUILDING_VIOLATION,
                               BUILDING_VIOLATION, BUILDING_OK]
    old = np.isin(ids, ["B", "D", "Z"])
    assert (status == np.where(old, BUILDING_VIOLATION, BUILDING_OK)).all()
    assert building_status(None, ids).tolist() == [BUILDING_OK] * 6


def test_is_named_equals_np_isin():
    rng = np.random.default_rng(3)
    ids = np.array([f"B{i}" for i in rng.integers(0, 50, 300)], dtype=object)
    named = {f"B{i}" for i in rng.integers(0, 80, 40)}
    assert (is_named(ids, named) == np.isin(ids, list(named))).all()
    assert (is_named(ids.astype(str), named) == np.isin(ids.astype(str), list(named))).all()
    assert is_named(ids, set()).tolist() == [False] * 300
    assert is_named(np.zeros(0, dtype=object), named).tolist() == []
    assert is_named(np.array([1, 2, 3]), [2]).tolist() == [False, True, False]


def test_is_named_looks_ids_up_a_slice_at_a_time(monkeypatch):
    """Lookups over a city's ids go a slice at a time (the GIL let go between slices), with the same answer."""
    import numpy as np

    from planner.checking import verdicts

    monkeypatch.setattr(verdicts, "GIL_SLICE", 2)
    ids = np.array(["1#", "2#", "3#", "1#", "5#"], dtype=object)
    assert verdicts.is_named(ids, {"1#", "5#"}).tolist() == [True, False, False, True, True]
