"""Vectorised shapely operations on both cores: GEOS releases the GIL, so two threads truly run at once.

What may run in a background thread (on_two_cores' helper, in_background): only whole GEOS calls on geometry
objects no other thread uses at the same time (give a thread its own copies of any prepared geometry: own_copies).
The one exception is reading plain geometry: two threads may measure, intersect, unite or test the same
unprepared geometry at once, and query the same STRtree (shapely builds it when it is made). Prepared geometry,
never: GEOS builds its indexes on first use and keeps scratch state in them at every use, so two threads testing
one prepared geometry at once crash the program (a segmentation fault, now and then). Mind that shapely's
predicates (covers, intersects, relate_pattern ...) use the preparation of their first geometry whenever it has
one, and STRtree.query(geometry, predicate=...) that of `geometry`.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np
import shapely

#: Below this many elements a second thread costs more than it saves.
MIN_SPLIT = 2000
#: Elements per call in in_slices: 5,000 polygons take shapely.from_wkb 8-13 ms, the window's thread waiting as long.
GIL_SLICE = 5_000

_POOL = ThreadPoolExecutor(max_workers=1, thread_name_prefix="planner-geos")
_BACKGROUND = ThreadPoolExecutor(max_workers=1, thread_name_prefix="planner-background")


def on_two_cores(operation: Callable[..., np.ndarray], *arrays: np.ndarray, **kwargs) -> np.ndarray:
    """operation(*arrays) with the second half of every array worked in a helper thread.

    Both halves may hold the same geometry (pairs): never a predicate whose first geometries are prepared.
    """
    n = len(arrays[0])
    if n < MIN_SPLIT:
        return operation(*arrays, **kwargs)
    half = n // 2
    future = _POOL.submit(operation, *(a[half:] for a in arrays), **kwargs)
    first = operation(*(a[:half] for a in arrays), **kwargs)
    return np.concatenate([first, future.result()])


def in_slices(operation: Callable[..., np.ndarray], *arrays: np.ndarray, size: int = GIL_SLICE,
              **kwargs) -> np.ndarray:
    """operation(*arrays) in calls of at most `size` elements, joined: for the shapely functions that hold Python's
    GIL throughout (from_wkb, to_wkb, the constructors such as multipolygons: they make Python objects), so that
    other threads, the window's among them, get it between the calls. (GEOS predicates and measures, is_valid,
    make_valid, area ..., release it and need no slicing.)"""
    n = len(arrays[0])
    if n <= size:
        return operation(*arrays, **kwargs)
    return np.concatenate([operation(*(a[start:start + size] for a in arrays), **kwargs)
                           for start in range(0, n, size)])


def indexed_in_slices(operation: Callable[..., tuple[np.ndarray, np.ndarray]], geometry: np.ndarray,
                      size: int = GIL_SLICE) -> tuple[np.ndarray, np.ndarray]:
    """operation(geometry, return_index=True) (get_coordinates, get_parts, get_rings: they hold the GIL throughout)
    in calls of at most `size` geometries, joined, the index counting from the first geometry as in one call."""
    n = len(geometry)
    if n <= size:
        return operation(geometry, return_index=True)
    starts = range(0, n, size)
    made, index = zip(*(operation(geometry[start:start + size], return_index=True) for start in starts))
    return np.concatenate(made), np.concatenate([i + start for i, start in zip(index, starts)])


def in_background(function: Callable, *args, **kwargs) -> Future:
    """function(*args) in a thread of its own, for a result needed later: its GEOS calls then run on the second
    core while the caller's Python runs on the first. A pool apart from on_two_cores', which `function` may use.
    `function` must not use prepared geometry the caller uses too: give it its own_copies.
    """
    return _BACKGROUND.submit(function, *args, **kwargs)


def now(function: Callable, *args, **kwargs) -> Future:
    """function(*args) here and now, as a finished Future: for code that hands its work to in_background or not."""
    done: Future = Future()
    done.set_result(function(*args, **kwargs))
    return done


def own_copies(geometry: np.ndarray) -> np.ndarray:
    """New geometry objects with the x, y coordinates of `geometry`, exactly (None stays None): for a thread to
    prepare and use while another thread uses the originals. Z and M are left out: the engine measures in the
    plane (and planner.layers drops Z). At 20,000 parcels this takes 6-10 ms, a WKB round trip 22-25 ms.
    """
    return shapely.force_2d(geometry)
