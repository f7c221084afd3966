"""model.no_garbage_collection hands what was made inside to the collector's oldest generation on the way out."""

import gc

import pytest

from planner.model import no_garbage_collection


class Node:
    pass


@pytest.fixture
def collector():
    enabled = gc.isenabled()
    gc.enable()
    yield
    gc.unfreeze()
    if not enabled:
        gc.disable()


def _generation(obj) -> int | None:
    for generation in range(3):
        if any(o is obj for o in gc.get_objects(generation)):
            return generation
    return None


def test_objects_made_inside_go_to_the_oldest_generation(collector):
    gc.unfreeze()
    with no_garbage_collection():
        assert not gc.isenabled()
        made = [Node() for _ in range(10)]
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0  # promoted, not frozen: a full collection still sees them
    assert _generation(made) == 2 and _generation(made[-1]) == 2


def test_a_cycle_made_inside_is_still_collected(collector):
    gc.unfreeze()
    with no_garbage_collection():
        a, b = Node(), Node()
        a.other, b.other = b, a
    del a, b
    assert gc.collect() >= 2


def test_frozen_objects_stay_frozen(collector):
    kept = Node()
    gc.freeze()
    frozen = gc.get_freeze_count()
    with no_garbage_collection():
        made = Node()
    assert gc.get_freeze_count() == frozen  # the window's frozen objects are not thawed
    assert _generation(made) == 0
    assert kept is not None


def test_left_disabled_when_it_was_disabled(collector):
    gc.disable()
    with no_garbage_collection():
        made = Node()
    assert not gc.isenabled()
    assert _generation(made) in (0, 1, 2)
