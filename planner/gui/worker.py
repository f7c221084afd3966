"""Loading layers and checking in a worker thread, with progress and cancel, never on the GUI thread."""

from __future__ import annotations

import dataclasses
import gc
import itertools
import logging
import sys
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from types import FunctionType
from typing import Any

import numpy as np
import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, QTimer, Signal, Slot

from planner.checking import engine
from planner.io import layers
from planner.io.controls import load_controls
from planner.io.existing import load_existing
from planner.model import InputError
from planner.versions.compare import compare_versions

__all__ = ["ROLES", "CheckRunner", "CheckWorker", "Job", "LoadRequest", "background_work", "release_later"]

log = logging.getLogger(__name__)

ROLES = ("plan", "buildings", "green", "lines", "existing")  # existing: sunlight (issue 16)

LOADERS: dict[str, Callable[..., layers.Layer]] = {
    "plan": layers.load_plan,
    "buildings": layers.load_buildings,
    "green": layers.load_green,
    "lines": load_controls,  # layer None: every layer of the file that says what it holds
    "existing": load_existing,  # sunlight (issue 16): 现状建筑 with heights and uses
}

#: Share of the progress bar one layer's reading takes; the check has the rest.
READ_SHARE = 0.1


@dataclass(frozen=True, slots=True)
class LoadRequest:
    """One layer to (re)load: its role, file, layer name (None: the only or obvious one) and field mapping.

    `mapping` has the shape of planner.io.fields.load_mapping: {role: {target: column}}.
    """

    role: str
    path: str
    layer: str | None = None
    mapping: dict[str, dict[str, str]] | None = None

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValueError(f"unknown role {self.role!r}; use one of {', '.join(ROLES)}")


class CheckWorker(QObject):
    """Loads the requested layers, then checks plan + buildings (+ green, + control lines). Lives in a QThread.

    Stages reported by `progressed` are the keys of planner.messages.STAGE_NAMES ("reading plan", "overlay",
    ...): the GUI turns them into words with messages.stage_name.
    """

    progressed = Signal(int, str)
    loaded = Signal(str, object)
    finished = Signal(object, dict)
    failed = Signal(str, object)
    cancelled = Signal()
    #: planner.versions.compare.VersionComparison with the other plan version, just before `finished`.
    compared = Signal(object)
    #: What `prepare(result, layers, comparison)` made of the round (planner.gui.prepare), just before `finished`.
    prepared = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # threading.Event, not a Qt signal: the worker's thread is busy in run() and handles no events.
        self._cancel = threading.Event()
        #: sunlight (issue 16): the standard chosen (planner.checking.sunlight.SunlightSettings), None: not analysed.
        self.sunlight = None
        self._prepare: Callable[..., object] | None = None

    def cancel(self) -> None:
        """Ask the run to stop at the next layer or engine stage. Safe from any thread."""
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    @Slot(object, object, object, object)
    def run(self, requests: Sequence[LoadRequest], previous: Mapping[str, layers.Layer] | None = None,
            versus: layers.PlanLayer | None = None, prepare: Callable[..., object] | None = None) -> None:
        """Load `requests` in order, then check with those and the `previous` layers they do not replace; with
        `versus` (another plan version), also compare the verdicts and the plans (`compared`); with `prepare`,
        emit what it makes of (result, layers, comparison) (`prepared`: the map's paths, the table's arrays).

        Ends with exactly one of finished, failed or cancelled.
        """
        self._prepare = prepare
        try:
            self._run(list(requests), dict(previous or {}), versus)
        except engine.Cancelled:
            self.cancelled.emit()
        except Exception as error:
            log.exception("checking failed unexpectedly")
            self.failed.emit("check", error)

    def _run(self, requests: list[LoadRequest], current: dict[str, layers.Layer],
             versus: layers.PlanLayer | None = None) -> None:
        reading = READ_SHARE * len(requests)
        for step, request in enumerate(requests):
            if self.is_cancelled():
                raise engine.Cancelled()
            self.progressed.emit(_percent(READ_SHARE * step), f"reading {request.role}")
            try:
                layer = LOADERS[request.role](request.path, request.layer, request.mapping)
            except InputError as error:
                self.failed.emit(request.role, error)
                return
            except Exception as error:
                log.exception("reading %s layer %s of %s failed unexpectedly", request.role, request.layer,
                              request.path)
                self.failed.emit(request.role, error)
                return
            current[request.role] = layer
            self.loaded.emit(request.role, layer)
        if self.is_cancelled():
            raise engine.Cancelled()
        if current.get("plan") is None or current.get("buildings") is None:
            if current.get("plan") is not None and versus is not None and versus is not current["plan"]:
                try:  # no scheme yet: what the amendment changed can still be shown
                    comparison = compare_versions(versus, current["plan"])
                    self.compared.emit(comparison)
                except InputError as error:
                    self.failed.emit(_role_of(error, current), error)
                    return
            else:
                comparison = None
            self._prepared(None, current, comparison)
            self.progressed.emit(100, "done")
            self.finished.emit(None, current)
            return

        def progress(fraction: float, stage: str) -> None:
            self.progressed.emit(_percent(reading + fraction * (1.0 - reading)), stage)

        lines = current.get("lines")
        controls = [lines] if lines is not None else []
        try:
            result = engine.check(current["plan"], current["buildings"], current.get("green"), controls=controls,
                                  progress=progress, cancelled=self.is_cancelled)
            result = self._sunlight(result, current, progress)  # sunlight (issue 16)
            comparison = None
            if versus is not None and versus is not current["plan"]:
                self.progressed.emit(100, "comparing")
                comparison = compare_versions(versus, current["plan"], result, current["buildings"],
                                              current.get("green"), controls, cancelled=self.is_cancelled)
                self.compared.emit(comparison)
        except InputError as error:
            self.failed.emit(_role_of(error, current), error)
            return
        self._prepared(result, current, comparison)
        self.finished.emit(result, current)

    def _prepared(self, result: object, current: dict, comparison: object) -> None:
        if self._prepare is None:
            return
        if self.is_cancelled():
            raise engine.Cancelled()
        self.progressed.emit(100, "drawing")
        self.prepared.emit(self._prepare(result, current, comparison))
        if self.is_cancelled():
            raise engine.Cancelled()

    # --- sunlight (issue 16) ---------------------------------------------------------------------------------
    def _sunlight(self, result, current: dict, progress) -> Any:
        """The result with sunlight analysed as chosen (planner.cli does the same), the existing buildings named
        among its inputs."""
        from dataclasses import replace

        from planner.checking.sunlight import apply

        existing = current.get("existing")
        if self.sunlight is None and existing is None:
            return result
        if self.is_cancelled():
            raise engine.Cancelled()
        progress(0.95, "sunlight")
        result = apply(result, current["buildings"], existing, self.sunlight)
        if existing is not None:
            result = replace(result, inputs={**result.inputs, "existing": existing.info})
        return result


def _percent(fraction: float) -> int:
    return max(0, min(100, round(fraction * 100)))


def _role_of(error: InputError, current: Mapping[str, layers.Layer]) -> str:
    """The role of the layer an error from the check names (a CRS problem names its file), else "check"."""
    path = error.details.get("path")
    for role in ROLES:
        layer = current.get(role)
        if layer is not None and path is not None and layer.info.path == path:
            return role
    return "check"


class _Run(QObject):
    """One run's thread and worker; lives on the GUI thread, so the worker's signals arrive there queued."""

    requested = Signal(object, object, object, object)

    def __init__(self, runner: CheckRunner) -> None:
        super().__init__()
        self.runner = runner
        self.thread = QThread()
        self.thread.setObjectName("planner-check")
        self.worker = CheckWorker()
        self.worker.moveToThread(self.thread)
        queued = Qt.ConnectionType.QueuedConnection
        self.requested.connect(self.worker.run, queued)
        self.worker.progressed.connect(self._on_worker_progressed, queued)
        self.worker.loaded.connect(self._on_worker_loaded, queued)
        self.worker.finished.connect(self._on_worker_finished, queued)
        self.worker.compared.connect(self._on_worker_compared, queued)
        self.worker.prepared.connect(self._on_worker_prepared, queued)
        self.worker.failed.connect(self._on_worker_failed, queued)
        self.worker.cancelled.connect(self._on_worker_cancelled, queued)
        # quit() is thread-safe: the thread's event loop stops as soon as run() returns.
        for signal in (self.worker.finished, self.worker.failed, self.worker.cancelled):
            signal.connect(self.thread.quit, Qt.ConnectionType.DirectConnection)
        # Back to the GUI thread before its own ends, so that dropping the worker there deletes it legally.
        self.thread.finished.connect(self._on_thread_ending, Qt.ConnectionType.DirectConnection)
        self.thread.finished.connect(self._on_thread_finished, queued)

    def start(self, requests: list[LoadRequest], previous: dict[str, Any], versus: Any = None,
              prepare: Callable[..., object] | None = None) -> None:
        self.worker.sunlight = getattr(self.runner, "sunlight", None)  # sunlight (issue 16)
        self.thread.start()
        self.requested.emit(requests, previous, versus, prepare)

    def current(self) -> bool:
        return shiboken6.isValid(self.runner) and self.runner._run is self

    @Slot(int, str)
    def _on_worker_progressed(self, percent: int, stage: str) -> None:
        if self.current():
            self.runner.progressed.emit(percent, stage)

    @Slot(str, object)
    def _on_worker_loaded(self, role: str, layer: object) -> None:
        if self.current():
            self.runner.loaded.emit(role, layer)
        else:
            release_later([layer])

    @Slot(object, dict)
    def _on_worker_finished(self, result: object, current: dict) -> None:
        if self._end():
            self.runner.finished.emit(result, current)
        else:  # a city's result and layers, freed here at once, would hold the UI thread
            release_later([result, current])

    @Slot(object)
    def _on_worker_compared(self, comparison: object) -> None:
        if self.current():
            self.runner.compared.emit(comparison)
        else:
            release_later([comparison])

    @Slot(object)
    def _on_worker_prepared(self, prepared: object) -> None:
        if self.current():
            self.runner.prepared.emit(prepared)
        else:
            release_later([prepared])

    @Slot(str, object)
    def _on_worker_failed(self, role: str, error: object) -> None:
        if self._end():
            self.runner.failed.emit(role, error)

    @Slot()
    def _on_worker_cancelled(self) -> None:
        if self._end():
            self.runner.cancelled.emit()

    def _end(self) -> bool:
        """Mark the run over; True when the runner should still hear of it (it was neither replaced nor deleted)."""
        if not self.current():
            return False
        self.runner._run = None
        return True

    def _on_thread_ending(self) -> None:
        app = QCoreApplication.instance()
        if app is not None:
            self.worker.moveToThread(app.thread())

    @Slot()
    def _on_thread_finished(self) -> None:
        self.thread.wait()  # finished() is emitted just before the thread really ends: a few microseconds
        if shiboken6.isValid(self.runner):
            # Not now: this slot runs on this very object, which dropping the last reference would delete.
            QTimer.singleShot(0, self.runner, lambda: self.runner._retire(self))


class CheckRunner(QObject):
    """Starts CheckWorker runs on their own QThread and re-emits their signals on the GUI thread.

    Starting while a run is going cancels that run; its late signals are dropped. Call `shutdown()` before
    the application quits (it is also connected to QCoreApplication.aboutToQuit).
    """

    progressed = Signal(int, str)
    loaded = Signal(str, object)
    finished = Signal(object, dict)
    failed = Signal(str, object)
    cancelled = Signal()
    compared = Signal(object)
    prepared = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._run: _Run | None = None
        self._runs: set[_Run] = set()  # every run whose thread has not ended yet, current or cancelled
        #: sunlight (issue 16): the standard each new run analyses with (None: not analysed).
        self.sunlight = None
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        # A window deleted mid-run takes its runner along: a QThread destroyed while running aborts the process.
        self.destroyed.connect(partial(_stop_all, self._runs))

    def start(self, requests: Sequence[LoadRequest], previous: Mapping[str, Any] | None = None,
              versus: Any = None, prepare: Callable[..., object] | None = None) -> None:
        """Load `requests` and check, in the background; with `versus` (another plan version) compare too
        (`compared` comes before `finished`); with `prepare`, `prepared` brings what it made of the round before
        `finished`. Returns at once."""
        if self._run is not None:
            self._run.worker.cancel()
        run = _Run(self)
        self._run = run
        self._runs.add(run)
        run.start(list(requests), dict(previous or {}), versus, prepare)

    def cancel(self) -> None:
        """Ask the current run to stop; `cancelled` follows once it has (at the next layer or engine stage)."""
        if self._run is not None:
            self._run.worker.cancel()

    def is_running(self) -> bool:
        """True from start() until finished, failed or cancelled has been emitted."""
        return self._run is not None

    def shutdown(self, timeout_ms: int = -1) -> bool:
        """Cancel every run and wait for the threads to end (forever by default). True when all ended."""
        stopped = True
        for run in list(self._runs):
            run.worker.cancel()
        for run in list(self._runs):
            run.thread.quit()
            if timeout_ms < 0:
                run.thread.wait()
            elif not run.thread.wait(timeout_ms):
                stopped = False
                continue
            self._retire(run)
        self._run = None
        return stopped

    def _retire(self, run: _Run) -> None:
        self._runs.discard(run)


def _stop_all(runs: set[_Run], *_args: object) -> None:
    # At the application's end Qt may already have deleted a run's thread or worker: skip what is gone.
    for run in list(runs):
        if shiboken6.isValid(run.worker):
            run.worker.cancel()
    for run in list(runs):
        if shiboken6.isValid(run.thread):
            run.thread.quit()
            run.thread.wait()
    runs.clear()


def release_later(objects: list, delay: float = 0.5) -> None:
    """Drop these objects on the UI thread, a little at a time, starting `delay` seconds from now. Call it from the
    UI thread only (its queue and timer live there).

    The list must hold the last references (the caller keeps none). The memory of an old result (tens of thousands
    of findings and their texts, 200,000 geometries, a map's Qt paths) is given back piece by piece: what nobody
    else refers to is taken apart (attributes, and long lists, dicts and object arrays in pieces of RELEASE_PIECE)
    so that no single free runs long, and each turn of the event loop frees for at most RELEASE_SLICE seconds,
    every RELEASE_INTERVAL_MS. On the UI thread rather than a thread of its own: a second thread busy in Python
    would make the UI thread wait for the interpreter lock at every call from Qt into Python (a table's repaint
    makes hundreds), up to the switch interval each, for as long as the freeing lasts.
    """
    _Releaser.instance().add(objects, delay)


#: Pieces long lists, dicts and object arrays are cut into; records in a piece (tuples of texts, sort keys) are
#: freed together with it.
RELEASE_PIECE = 500
#: Most objects a piece's records may hold for the piece to be freed whole (~0.5 ms).
RELEASE_OBJECTS = 20_000
#: Seconds of freeing per turn of the event loop, and the pause between two turns that free.
RELEASE_SLICE = 0.002
RELEASE_INTERVAL_MS = 5

_LEAF_TYPES = frozenset({str, bytes, int, float, complex, bool, type(None)})
_LEAVES = tuple(_LEAF_TYPES)
_RECORD_TYPES = frozenset({tuple, list})


class _Releaser(QObject):
    """The UI thread's queue of objects to free (release_later)."""

    _instance: _Releaser | None = None

    def __init__(self) -> None:
        super().__init__()
        self._stacks: list[list] = []  # each a list of objects to free, popped from the end
        self._timer = QTimer(self)
        self._timer.setInterval(RELEASE_INTERVAL_MS)
        self._timer.timeout.connect(self._free_some)

    @classmethod
    def instance(cls) -> _Releaser:
        if cls._instance is None or not shiboken6.isValid(cls._instance):
            cls._instance = _Releaser()
        return cls._instance

    def add(self, objects: list, delay: float) -> None:
        QTimer.singleShot(max(0, round(delay * 1000)), self, lambda: self._start(objects))

    def _start(self, objects: list) -> None:
        self._stacks.append(objects)
        if not self._timer.isActive():
            self._timer.start()

    def pending(self) -> int:
        """How many objects wait to be looked at (tests)."""
        return sum(len(stack) for stack in self._stacks)

    def _free_some(self) -> None:
        deadline = time.perf_counter() + RELEASE_SLICE
        stacks = self._stacks
        while stacks:
            stack = stacks[-1]
            while stack:
                item = stack.pop()
                try:
                    if sys.getrefcount(item) <= _ALONE:  # nobody but this variable holds it
                        stack.extend(_parts(item))
                except Exception:  # taking apart is only a way to free in small steps
                    log.debug("could not take apart %r", type(item), exc_info=True)
                del item
                if time.perf_counter() > deadline:
                    return
            stacks.pop()
        self._timer.stop()


def _alone() -> int:
    """sys.getrefcount of an object only a local variable holds, as _free_some asks it: 2 on Python 3.11-3.13 (the
    variable and the call's argument); newer interpreters that borrow references may count fewer."""
    stack = [object()]
    item = stack.pop()
    return sys.getrefcount(item)


_ALONE = _alone()


def _parts(item: object) -> list:
    """What an object nobody else holds refers to, to be freed after it, one by one or in pieces."""
    if isinstance(item, _LEAVES) or isinstance(item, type):
        return []
    if isinstance(item, np.ndarray):
        return _pieces(item.ravel().tolist()) if item.dtype == object else []
    if isinstance(item, (list, tuple)):
        return _pieces(item)
    if isinstance(item, (set, frozenset)):
        return _pieces(list(item))
    if isinstance(item, dict):
        if len(item) <= RELEASE_PIECE:
            return _pieces(list(item.values()))
        # Emptied a piece at a time, then looked at again: freeing (or even copying) 200,000 entries at once is long.
        values = [item.popitem()[1] for _ in range(RELEASE_PIECE)]
        return [item, *_pieces(values)]
    if isinstance(item, FunctionType):  # a job's work: what its closure holds (the result it wrote)
        return [cell.cell_contents for cell in item.__closure__ or () if _filled(cell)]
    attributes = getattr(item, "__dict__", None)
    if isinstance(attributes, dict):
        values = list(attributes.values())
    elif dataclasses.is_dataclass(item):  # a dataclass with slots (the layers, the result's tables)
        values = [getattr(item, f.name, None) for f in dataclasses.fields(item)]
    else:
        return []
    return [x for x in values if not isinstance(x, _LEAVES)]


def _filled(cell) -> bool:
    try:
        cell.cell_contents  # noqa: B018 - an empty cell (a name not yet bound) raises ValueError
    except ValueError:
        return False
    return True


def _pieces(items: list | tuple) -> list:
    """A long sequence cut into pieces; a short one's elements that cannot simply be freed with it."""
    if len(items) > RELEASE_PIECE:
        return [items[k:k + RELEASE_PIECE] for k in range(0, len(items), RELEASE_PIECE)]
    if _flat(items):
        return []
    return [x for x in items if not isinstance(x, _LEAVES)]


def _flat(items: list | tuple) -> bool:
    """Whether every element is a leaf (text, number), a numeric array, or a record (tuple or list) of leaves or of
    tuples of leaves (a sort key), RELEASE_OBJECTS objects at most in all: then freeing them at once is quick.
    Looked at with map and set, in C."""
    types = set(map(type, items))
    if types <= _LEAF_TYPES:
        return True
    if types == {np.ndarray}:
        return all(a.dtype != object for a in items)
    if not types <= _LEAF_TYPES | _RECORD_TYPES:
        return False
    records = [x for x in items if type(x) in _RECORD_TYPES] if types & _LEAF_TYPES else items
    size = sum(map(len, records))
    if size > RELEASE_OBJECTS:
        return False
    inner = set(map(type, itertools.chain.from_iterable(records)))
    if inner <= _LEAF_TYPES:
        return True
    if not inner <= _LEAF_TYPES | {tuple}:
        return False
    nested = [x for x in itertools.chain.from_iterable(records) if type(x) is tuple]
    return size + sum(map(len, nested)) <= RELEASE_OBJECTS and \
        set(map(type, itertools.chain.from_iterable(nested))) <= _LEAF_TYPES


class _JobThread(QThread):
    """A QThread (not a bare Python thread): the report's QTextDocument and painters start timers, which need the
    event dispatcher a QThread has."""

    def __init__(self, job: Job) -> None:
        super().__init__()
        self.setObjectName("planner-job")
        self._job = job

    def run(self) -> None:
        self._job._run()


class Job(QObject):
    """One piece of work (an export, the report for a preview) on a thread of its own, never on the UI thread.

    `finished(value)` or `failed(error)` arrives on the UI thread when it ends, unless it was cancelled first:
    `cancel()` cannot stop a writer half-way, but its outcome is then dropped (`abandoned` runs instead, on the
    job's thread) and `cancelled` follows at once.
    """

    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()

    def __init__(self, work: Callable[[], object], parent: QObject | None = None,
                 abandoned: Callable[[], object] | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self._abandoned = abandoned
        self._cancel = threading.Event()
        self._done = threading.Event()
        self._thread = _JobThread(self)
        # The thread object outlives a window closed mid-job: it is dropped once the thread has ended.
        _JOB_THREADS.add(self._thread)
        self._thread.finished.connect(lambda thread=self._thread: _JOB_THREADS.discard(thread),
                                      Qt.ConnectionType.QueuedConnection)
        self._thread.finished.connect(self._let_go, Qt.ConnectionType.QueuedConnection)

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        if not self._cancel.is_set():
            self._cancel.set()
            self.cancelled.emit()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def is_running(self) -> bool:
        return not self._done.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the work to end (tests, closing the window); True when it did."""
        return self._done.wait(timeout)

    def _let_go(self) -> None:
        """Once the thread has ended (its outcome delivered): what the work refers to, a result a newer check may
        have replaced meanwhile, is freed on the UI thread a little at a time, and the job itself is deleted (a child
        of the window, it would otherwise keep its work, and so that result, until the window closes)."""
        work = [self._work, self._abandoned]
        self._work = self._abandoned = None
        release_later(work)
        self.deleteLater()

    def _run(self) -> None:
        try:
            value = self._work()
            if self._cancel.is_set() and self._abandoned is not None:
                self._abandoned()
        except Exception as error:  # reported on the UI thread, worded there
            if not isinstance(error, (InputError, OSError)):
                log.exception("a background job failed unexpectedly")
            self._done.set()
            if shiboken6.isValid(self) and not self._cancel.is_set():
                self.failed.emit(error)
            return
        self._done.set()
        if shiboken6.isValid(self) and not self._cancel.is_set():
            self.finished.emit(value)


_JOB_THREADS: set[QThread] = set()


#: How long a thread may hold the interpreter lock while another waits (Python's default is 5 ms). The UI thread
#: takes the lock back for each Qt call it makes from Python (a map redraw makes thousands): with the worker
#: busy, each of them would wait up to this long.
SWITCH_INTERVAL = 0.0005


def background_work(busy: bool) -> None:
    """Tell whether work runs in the background (a check round, an export).

    While it does, Python's cyclic garbage collector does not run on its own: a full collection over a city's
    objects holds the interpreter lock, and so the UI thread, for hundreds of milliseconds. When the work is over,
    the objects that survived it are frozen (gc.freeze: never scanned again; they are still freed when no longer
    referenced) and the collector runs again, over new objects only. The price: reference cycles made during a
    round and left as garbage are not collected.
    """
    sys.setswitchinterval(SWITCH_INTERVAL)
    if busy:
        gc.disable()
    elif not gc.isenabled():
        gc.freeze()
        gc.enable()
