"""Vectorised shapely operations on both cores: GEOS releases the GIL, so two threads truly run at once."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np

#: Below this many elements a second thread costs more than it saves.
MIN_SPLIT = 2000

_POOL = ThreadPoolExecutor(max_workers=1, thread_name_prefix="planner-geos")
_BACKGROUND = ThreadPoolExecutor(max_workers=1, thread_name_prefix="planner-background")


def on_two_cores(operation: Callable[..., np.ndarray], *arrays: np.ndarray, **kwargs) -> np.ndarray:
    """operation(*arrays) with the second half of every array worked in a helper thread."""
    n = len(arrays[0])
    if n < MIN_SPLIT:
        return operation(*arrays, **kwargs)
    half = n // 2
    future = _POOL.submit(operation, *(a[half:] for a in arrays), **kwargs)
    first = operation(*(a[:half] for a in arrays), **kwargs)
    return np.concatenate([first, future.result()])


def in_background(function: Callable, *args, **kwargs) -> Future:
    """function(*args) in a thread of its own, for a result needed later: its GEOS calls then run on the second
    core while the caller's Python runs on the first. A pool apart from on_two_cores', which `function` may use.
    """
    return _BACKGROUND.submit(function, *args, **kwargs)


def now(function: Callable, *args, **kwargs) -> Future:
    """function(*args) here and now, as a finished Future: for code that hands its work to in_background or not."""
    done: Future = Future()
    done.set_result(function(*args, **kwargs))
    return done
