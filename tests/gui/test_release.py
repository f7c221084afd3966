"""release_later: an old result is freed on the UI thread a slice at a time, and nothing anyone else holds is
touched."""

from __future__ import annotations

import gc
import time
import weakref
from dataclasses import dataclass

import numpy as np
import pytest

from planner.gui import worker
from planner.gui.worker import _Releaser, release_later


class Sentinel:
    """Something deep inside the old result whose end the test can watch."""


@dataclass(frozen=True, slots=True)
class Record:
    name: str
    rows: list
    sentinel: Sentinel


@pytest.fixture
def releaser():
    yield _Releaser.instance()
    _Releaser.instance()._stacks.clear()


def old_result(shared: dict, sentinel: Sentinel) -> dict:
    return {
        "texts": [(f"p{k}", "violation", f"message {k}") for k in range(200_000)],
        "index": {f"b{k}": [k, k + 1] for k in range(30_000)},
        "geometry": np.array([Sentinel() for _ in range(5_000)], dtype=object),
        "records": [Record(f"r{k}", [k], sentinel) for k in range(3_000)],
        "shared": shared,
    }


def test_an_old_result_is_freed_a_slice_at_a_time(qtbot, releaser):
    sentinel = Sentinel()
    gone = weakref.ref(sentinel)
    shared = {f"k{k}": [k] for k in range(2_000)}  # the new result still uses it
    objects = [old_result(shared, sentinel)]
    del sentinel
    gc.disable()  # only the release may free the sentinel
    try:
        release_later(objects, delay=0)
        del objects
        qtbot.waitUntil(lambda: releaser.pending() > 0, timeout=2000)
        # One turn frees for about RELEASE_SLICE, not the whole result.
        started = time.perf_counter()
        releaser._free_some()
        assert time.perf_counter() - started < 0.05
        assert releaser.pending() > 0 and gone() is not None
        qtbot.waitUntil(lambda: releaser.pending() == 0 and not releaser._timer.isActive(), timeout=20000)
        assert gone() is None
    finally:
        gc.enable()
    # What someone else holds is left whole.
    assert len(shared) == 2_000 and shared["k1999"] == [1999]


def test_records_of_texts_go_with_their_piece_and_objects_one_by_one():
    assert worker._flat([("a", 1, 2.5), (1, ("x", 2, "-", 10))])  # a record, a sort key
    assert not worker._flat([(1, ("x", ("y",)))])  # deeper: looked at by itself
    assert worker._flat([np.zeros(3), np.ones(2)])
    assert not worker._flat([np.array([Sentinel()], dtype=object)])
    assert not worker._flat([("a", [1, 2])])  # a list inside a record: looked at by itself
    assert not worker._flat([tuple(range(30_000))])  # too many to free at once
    pieces = worker._parts(list(range(1_201)))
    assert [len(p) for p in pieces] == [500, 500, 201]


def test_a_finished_job_lets_go_of_what_its_work_wrote(qtbot, releaser):
    """A job is a child of the window: once its thread has ended, the result its work refers to (which a newer
    check may have replaced meanwhile) is freed through release_later, taken apart like any old result, and the
    job is deleted; the sentence list the window still shows is left whole."""
    from PySide6.QtCore import QObject

    from planner.gui.worker import Job

    window = QObject()
    sentinel = Sentinel()
    gone = weakref.ref(sentinel)
    shown = [f"message {k}" for k in range(1_000)]  # the findings table's, still shown
    result = old_result({}, sentinel)
    written: list[int] = []

    def exporter(result):  # as the window's export_xlsx: a closure over the result it writes
        return lambda path: written.append(len(result["texts"]) + len(shown))

    work = (lambda write, path: lambda: write(path))(exporter(result), "out.xlsx")  # as MainWindow._write
    job = Job(work, window)
    del sentinel, result, work
    gc.disable()  # only the release may free the sentinel
    try:
        with qtbot.waitSignal(job.finished, timeout=5000):
            job.start()
        qtbot.waitUntil(lambda: job._work is None, timeout=5000)
        assert written == [201_000] and job._abandoned is None
        qtbot.waitUntil(lambda: gone() is None, timeout=20000)
    finally:
        gc.enable()
    assert len(shown) == 1_000
    qtbot.waitUntil(lambda: not window.children(), timeout=2000)  # the job deleted
