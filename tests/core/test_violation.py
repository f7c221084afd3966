"""Violation.many (the engine's bulk constructor) makes the same findings as the class, and the engine files them by
parcel and rule as it did one by one."""

from __future__ import annotations

import dataclasses
import inspect
import pickle
from itertools import repeat

import numpy as np
import pytest

from planner.checking.engine import _violations_by_parcel
from planner.model import Violation


def test_many_equals_calling_the_class():
    made = Violation.many(3, repeat("far_max"), ["A", "B", "C"], repeat(None), [2.5, 3.0, 2.004],
                          [(None, 2.0)] * 3, [False, False, True], [{}, {"k": 1}, {}])
    by_hand = [Violation("far_max", "A", None, 2.5, (None, 2.0), False),
               Violation("far_max", "B", None, 3.0, (None, 2.0), False, {"k": 1}),
               Violation("far_max", "C", None, 2.004, (None, 2.0), True)]
    assert made == by_hand
    assert [hash(v) for v in made] == [hash(v) for v in by_hand]
    assert [repr(v) for v in made] == [repr(v) for v in by_hand]
    assert [v.details for v in made] == [{}, {"k": 1}, {}]
    assert all(type(v) is Violation for v in made)


def test_many_keeps_the_interface():
    v = Violation.many(1, ["land_use"], ["A"], ["1#"], ["商业"], ["070102"], [False], [{"use_id": "commercial"}])[0]
    assert v == Violation("land_use", "A", "1#", "商业", "070102", False, {"other": "details are not compared"})
    with pytest.raises(dataclasses.FrozenInstanceError):
        v.rule = "far_max"
    assert dataclasses.replace(v, building="2#") == Violation("land_use", "A", "2#", "商业", "070102")
    assert pickle.loads(pickle.dumps(v)) == v and pickle.loads(pickle.dumps(v)).details == v.details


def test_many_takes_the_fields_in_their_order():
    params = list(inspect.signature(Violation.many).parameters)[1:]
    assert params == [f.name for f in dataclasses.fields(Violation)]


def test_many_refuses_columns_of_another_length():
    with pytest.raises(ValueError):
        Violation.many(2, repeat("far_max"), ["A"], repeat(None), [1.0, 2.0], repeat(None), repeat(False),
                       [{}, {}])


def test_no_violations():
    assert Violation.many(0, repeat("far_max"), [], [], [], [], [], []) == []


def test_violations_by_parcel_sorts_by_rule_and_keeps_each_rules_order():
    far = [Violation("far_max", "P", None, float(k)) for k in range(3)]
    land_use = Violation("land_use", "P", "1#", "商业", "070102")
    crossing = Violation("crosses_parcel", "P", "2#", 2)
    setback = Violation("setback", "P", "3#", 4.0, 5.0)
    # Entries on plan rows 7 and 3; the parcels in result order are rows 3, 7 and 5 (row 5 has none).
    entries = [(7, setback), (7, far[1]), (3, far[0]), (7, crossing), (7, land_use), (7, far[2]), (3, crossing)]
    rows = np.array([3, 7, 5])
    ranks = {"far_max": 0, "land_use": 8, "crosses_parcel": 9, "setback": 13}
    got = _violations_by_parcel(np.array([r for r, _v in entries]), np.array([ranks[v.rule] for _r, v in entries]),
                                [v for _r, v in entries], rows, 10)
    assert got == ((far[0], crossing), (far[1], far[2], land_use, crossing, setback), ())
