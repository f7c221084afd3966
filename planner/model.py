"""Plain result types of a check: frozen dataclasses holding rule ids and numbers, never sentences (a result also
keeps the geometry it measured, for CheckResult.to_geodataframes)."""

from __future__ import annotations

import gc
import hashlib
import json
import math
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence, Sized
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from datetime import date
from itertools import repeat
from pathlib import Path
from typing import Any

import numpy as np


@contextmanager
def no_garbage_collection() -> Iterator[None]:
    """Pause the cycle collector while a city's worth of objects is made (findings, their sentences, the JSON
    tree): the inputs and the result hold hundreds of thousands of objects, and each of its passes would walk
    them all (a third to a half of the time at city scale). What is made inside makes no reference cycles, so
    nothing waits to be collected.

    When the collector was running before, what was made is handed straight to its oldest generation on the way
    out (gc.freeze then gc.unfreeze: two list splices): the collector's next pass over the youngest generation
    would otherwise walk every object made here (~50 ms after a city's check), and a later pass over the middle
    one walk them again, only to find them all alive. They stay collectable: a full collection still scans them,
    and they are freed as usual when no longer referenced. Skipped when objects are frozen already (the window
    freezes what survives a round, planner.gui.worker.background_work): gc.unfreeze would thaw those too.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if not gc.get_freeze_count():
                gc.freeze()
                gc.unfreeze()
            gc.enable()


#: Indicators a parcel can control, in report order. Ratios (density, green_ratio) are fractions.
INDICATORS: tuple[str, ...] = ("far", "density", "height", "green_ratio")

#: How one indicator of one parcel was checked: its limit met or broken, no limit in the plan, or not checked
#: (a limit exists, or should, but it or the achieved value could not be known). docs/architecture.md §2.4.
CHECK_STATES: tuple[str, ...] = ("pass", "fail", "not_controlled", "not_checked")
#: What a parcel's `checked` reports on: the four indicators and land use (its buildings' uses against its code).
CHECKED_ITEMS: tuple[str, ...] = INDICATORS + ("land_use",)
#: A parcel's verdict: a finding on it; every indicator with a limit checked and met; some indicators not
#: checked (never shown as compliant); nothing that it controls could be checked.
PARCEL_STATES: tuple[str, ...] = ("violation", "pass", "partial", "not_assessed")

#: The achieved value that each indicator's limit is compared with: the ParcelResult attribute, the ParcelTable
#: column and the JSON key of a parcel. The one table every view reads (messages, report, exports, CLI, window).
ACHIEVED: dict[str, str] = {"far": "far", "density": "density", "height": "max_height", "green_ratio": "green_ratio"}

#: Rule ids of every check, in report order.
RULES: tuple[str, ...] = (
    "far_max",
    "far_min",
    "density_max",
    "density_min",
    "height_max",
    "height_min",
    "green_min",
    "green_max",
    "land_use",
    "crosses_parcel",
    "outside_plan",
)

#: Rule ids of a check against control lines and zones (planner/controls.py; `planner check --lines`).
CONTROL_RULES: tuple[str, ...] = (
    "crosses_red_line",
    "beyond_red_line",
    "setback",
    "green_line",
    "blue_line",
    "purple_line",
    "yellow_line",
    "ecological_red_line",
    "basic_farmland",
    "building_line",
)

#: Rule ids of the applicant's declared figures (技术经济指标, `planner check --declared`) that differ from what the
#: drawing measures beyond the tolerance (planner.checking.declared): `declared_<indicator>` of DECLARED_INDICATORS.
DECLARED_RULES: tuple[str, ...] = ("declared_site_area", "declared_gfa", "declared_counted_gfa", "declared_far",
                                   "declared_density", "declared_green_ratio", "declared_height")

#: Rule ids of the sunlight analysis (planner/checking/sunlight.py; `planner check --sunlight-zone/--sunlight-city`):
#: a scheme building that needs sun gets less than its standard; an existing home pushed below its standard, or
#: losing time where it is already below.
SUNLIGHT_RULES: tuple[str, ...] = ("sunlight", "sunlight_impact")

#: Every rule id, in report order.
ALL_RULES: tuple[str, ...] = RULES + CONTROL_RULES + DECLARED_RULES + SUNLIGHT_RULES

#: Which achieved value and which bound each indicator rule compares.
INDICATOR_RULES: dict[str, tuple[str, str]] = {
    "far_max": ("far", "hi"),
    "far_min": ("far", "lo"),
    "density_max": ("density", "hi"),
    "density_min": ("density", "lo"),
    "height_max": ("height", "hi"),
    "height_min": ("height", "lo"),
    "green_max": ("green_ratio", "hi"),
    "green_min": ("green_ratio", "lo"),
}

#: The kind of finding each rule makes (the JSON's "kind"): what an official filters on.
RULE_KINDS: dict[str, str] = {
    **{rule: "indicator" for rule in INDICATOR_RULES},
    "land_use": "land_use",
    "crosses_parcel": "geometry",
    "outside_plan": "geometry",
    "crosses_red_line": "control_line",
    "beyond_red_line": "control_line",
    "green_line": "control_line",
    "blue_line": "control_line",
    "purple_line": "control_line",
    "yellow_line": "control_line",
    "setback": "setback",
    "ecological_red_line": "protected_zone",
    "basic_farmland": "protected_zone",
    "building_line": "building_line",
    **{rule: "declared" for rule in DECLARED_RULES},
    **{rule: "sunlight" for rule in SUNLIGHT_RULES},
}

#: The kind of each warning code that is a finding on the plan rather than about the inputs.
WARNING_KINDS: dict[str, str] = {"plan_conflict": "plan_conflict"}


@dataclass(frozen=True, slots=True)
class Violation:
    """One breach. `limit` is (lo, hi) for indicator rules, the land-use code for `land_use`, the required
    distance for `setback`. Control-line rules keep their numbers in `details` (planner/controls.py)."""

    rule: str
    parcel: str | None
    building: str | None = None
    actual: Any = None
    limit: Any = None
    marginal: bool = False
    #: Extra numbers a message may need (e.g. the area outside the plan, the parcels crossed).
    details: dict[str, Any] = field(default_factory=dict, compare=False)

    @classmethod
    def many(cls, count: int, rule: Iterable, parcel: Iterable, building: Iterable, actual: Iterable,
             limit: Iterable, marginal: Iterable, details: Iterable[dict]) -> list[Violation]:
        """`count` violations from columns, one iterable per field (`itertools.repeat(x)` for a value they share;
        each needs its own `details` dict). Equal to calling the class `count` times, in about half the time: a
        city-wide check makes ~10^5 findings, and the frozen __init__ sets each field through
        object.__setattr__; here each field is set for all of them by its slot descriptor, in C.
        """
        columns = (rule, parcel, building, actual, limit, marginal, details)
        if any(len(column) != count for column in columns if isinstance(column, Sized)):
            raise ValueError(f"columns of {count} violations differ in length")
        found = list(map(object.__new__, repeat(cls, count)))
        for set_field, column in zip(_FIELD_SETTERS, columns):
            deque(map(set_field, found, column), maxlen=0)  # runs the map, keeps nothing
        return found


#: Violation's slot descriptors in field order: each __set__(violation, value) stores one field.
_FIELD_SETTERS = tuple(Violation.__dict__[f.name].__set__ for f in fields(Violation))


@dataclass(frozen=True, slots=True)
class CheckWarning:
    """Something the engine did or could not do: an unreadable value, a repaired geometry, an assumption.

    `code` is a stable id; `details` holds what a message needs (file, layer, field, text ...).
    """

    code: str
    parcel: str | None = None
    building: str | None = None
    details: dict[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True, slots=True)
class PlanVersion:
    """What an official calls a plan version. Empty strings: not known."""

    label: str = ""  # e.g. "2025 年调整"
    approval_number: str = ""  # 批复文号, e.g. "酒政函〔2025〕37号"
    approval_date: str = ""  # 批复时间, ISO "2025-06-18" when it could be read, else as written

    @property
    def known(self) -> bool:
        return bool(self.label or self.approval_number or self.approval_date)

    def name(self, fallback: str = "") -> str:
        """The short name of this version: its label, else its approval number, else `fallback`."""
        return self.label or self.approval_number or fallback

    def describe(self, fallback: str = "") -> str:
        """One line naming the version fully: "2025 年调整 (酒政函〔2025〕37号, 2025-06-18)"."""
        extra = [part for part in (self.approval_number, self.approval_date) if part and part != self.name()]
        name = self.name(fallback)
        if not extra:
            return name
        return f"{name} ({', '.join(extra)})" if name else ", ".join(extra)

    def overridden(self, label: str = "", approval_number: str = "", approval_date: str = "") -> PlanVersion:
        """This version with what the official stated replacing what the data said (`approval_date` already
        normalised: planner.io.plan_version.normalise_date)."""
        return PlanVersion(label=label.strip() or self.label,
                           approval_number=approval_number.strip() or self.approval_number,
                           approval_date=approval_date.strip() or self.approval_date)

    def as_json(self) -> dict[str, str | None]:
        return {"label": self.label or None, "approval_number": self.approval_number or None,
                "approval_date": self.approval_date or None}


@dataclass(frozen=True, slots=True)
class InputInfo:
    """Provenance of one input layer."""

    role: str  # "plan", "buildings", "green" or "lines"
    path: str
    layer: str
    features: int
    crs: str | None
    sha256: str
    #: A plan layer's version (批复文号, 批复时间, label): from its fields or as the official stated it.
    version: PlanVersion | None = None
    #: The working CRS ("EPSG:4542 CGCS2000 / 3-degree Gauss-Kruger CM 99E") when the layer was reprojected
    #: to it for measuring; None when it was measured in its own CRS (set by the check).
    measured_in: str | None = None

    @property
    def crs_shown(self) -> str:
        """The CRS as the inputs lines show it: the layer's, and "→ working CRS" when it was reprojected."""
        crs = self.crs or "-"
        return f"{crs} → {self.measured_in}" if self.measured_in else crs


def version_name(info: InputInfo, full: bool = False) -> str:
    """How an input names its plan version: the short name, or with `full` the approval number and date too;
    the file's name when the version is not known."""
    stem = Path(info.path).stem
    version = info.version or PlanVersion()
    return version.describe(stem) if full else version.name(stem)


@dataclass(frozen=True, slots=True)
class ParcelResult:
    """What the scheme achieves on one parcel it touches, and the limits it is held to."""

    id: str
    land_use: str | None
    site_area: float
    gfa: float
    footprint_area: float
    green_area: float | None
    far: float
    density: float
    max_height: float | None
    green_ratio: float | None
    #: indicator -> (lo, hi) as read; None for a side that is not controlled. Missing key: not controlled.
    limits: dict[str, tuple[float | None, float | None]]
    #: indicator -> the text written in the plan (for the report).
    limit_texts: dict[str, str]
    buildings: tuple[str, ...]
    violations: tuple[Violation, ...]
    #: indicator -> "pass", "fail", "not_controlled" or "not_checked" (CHECK_STATES), as checking.verdicts decided.
    checked: dict[str, str] = field(default_factory=dict)
    #: "violation", "pass", "partial" or "not_assessed" (PARCEL_STATES), as checking.verdicts decided.
    status: str = "pass"
    #: The FAR rests on storeys estimated from building heights (no storeys or counted area were stated).
    far_estimated: bool = False


@dataclass(frozen=True, slots=True, eq=False)
class ParcelTable(Sequence[ParcelResult]):
    """The parcels a check touched, as columns (numpy arrays, NaN = not assessed / not controlled).

    A city-wide check touches tens of thousands of parcels: columns keep the engine fast and feed tables and
    JSON directly, while indexing or iterating still gives one ParcelResult per parcel.
    """

    ids: np.ndarray  # str
    land_use: np.ndarray  # str or None
    site_area: np.ndarray
    gfa: np.ndarray
    footprint_area: np.ndarray
    green_area: np.ndarray  # NaN everywhere without a green layer
    far: np.ndarray
    density: np.ndarray
    max_height: np.ndarray
    green_ratio: np.ndarray
    lower: dict[str, np.ndarray]  # indicator -> lower bounds
    upper: dict[str, np.ndarray]
    texts: dict[str, np.ndarray]  # indicator -> the limit as written ("" where absent)
    building_ids: np.ndarray  # the ids of the buildings on parcel k are building_ids[offsets[k]:offsets[k+1]]
    building_offsets: np.ndarray
    violations: tuple[tuple[Violation, ...], ...]
    rows: np.ndarray  # each parcel's row in the plan layer (ids may repeat; rows do not)
    #: indicator -> each parcel's CHECK_STATES entry; and each parcel's PARCEL_STATES entry (checking.verdicts).
    checked: dict[str, np.ndarray]
    status: np.ndarray
    #: Per parcel: its FAR rests on storeys estimated from a building's height (None: none was estimated).
    far_estimated: np.ndarray | None = None
    #: Beside building_ids: each building's row in CheckResult.buildings, its footprint on the parcel (m²) and the
    #: counted floor area that footprint brings it (its counted area x the share of its footprint there, §2.2).
    #: Empty when not measured.
    building_rows: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    building_footprint: np.ndarray = field(default_factory=lambda: np.zeros(0))
    building_counted: np.ndarray = field(default_factory=lambda: np.zeros(0))

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, k):  # type: ignore[override]
        if isinstance(k, slice):
            return [self[i] for i in range(*k.indices(len(self)))]
        if k < 0:
            k += len(self)
        return ParcelResult(
            id=str(self.ids[k]), land_use=self.land_use[k], site_area=float(self.site_area[k]),
            gfa=float(self.gfa[k]), footprint_area=float(self.footprint_area[k]),
            green_area=_optional(self.green_area[k]), far=float(self.far[k]), density=float(self.density[k]),
            max_height=_optional(self.max_height[k]), green_ratio=_optional(self.green_ratio[k]),
            limits={i: (_optional(self.lower[i][k]), _optional(self.upper[i][k])) for i in INDICATORS
                    if not (math.isnan(self.lower[i][k]) and math.isnan(self.upper[i][k]))},
            limit_texts={i: str(self.texts[i][k]) for i in INDICATORS if self.texts[i][k]},
            buildings=tuple(map(str, self.building_ids[self.building_offsets[k]:self.building_offsets[k + 1]])),
            violations=self.violations[k], checked={i: str(self.checked[i][k]) for i in CHECKED_ITEMS},
            status=str(self.status[k]),
            far_estimated=self.far_estimated is not None and bool(self.far_estimated[k]))

    def __iter__(self) -> Iterator[ParcelResult]:
        return (self[k] for k in range(len(self)))


def _optional(value: float) -> float | None:
    return None if math.isnan(value) else float(value)


@dataclass(frozen=True, slots=True, eq=False)
class BuildingTable:
    """Every checked building as columns, in input order (NaN = not stated / not known)."""

    ids: np.ndarray  # str
    use: np.ndarray  # str or None
    floors: np.ndarray
    height: np.ndarray
    footprint_area: np.ndarray
    counted_area: np.ndarray  # 计容面积 used: stated, else footprint x storey coefficients, 0 when unknown
    outside_area: np.ndarray  # m² on no parcel

    def __len__(self) -> int:
        return len(self.ids)


@dataclass(frozen=True, slots=True, eq=False)
class ResultGeometry:
    """The geometry a check measured, in its working CRS: the engine's own arrays, shared, not copied."""

    #: The working CRS (a pyproj CRS; None: local planar metres of unknown CRS).
    crs: Any
    parcels: np.ndarray  # shapely geometry of every plan parcel, by plan row (ParcelTable.rows index it)
    buildings: np.ndarray  # shapely footprint of every building, in input order (as BuildingTable)


#: The function behind CheckResult.to_geodataframes: planner.report.frames.to_geodataframes, which the package
#: `planner` hands to `provide_geodataframes` when it is imported (before any of its modules can be used). model
#: sits below messages, which words the findings, so it cannot import that function itself.
_to_geodataframes: Callable[..., tuple[Any, Any]] | None = None


def provide_geodataframes(function: Callable[..., tuple[Any, Any]]) -> None:
    """Set the function behind CheckResult.to_geodataframes (planner/__init__.py does)."""
    global _to_geodataframes
    _to_geodataframes = function


@dataclass(frozen=True, slots=True)
class CheckResult:
    crs: str
    inputs: dict[str, InputInfo | None]
    parcels: ParcelTable
    violations: tuple[Violation, ...]
    warnings: tuple[CheckWarning, ...]
    buildings: BuildingTable | None = None
    #: Provenance of each control-line file checked against (`planner check --lines`), in the order given.
    lines: tuple[InputInfo, ...] = ()
    #: The parcels and footprints as measured (for to_geodataframes); None when the result was made without them.
    geometry: ResultGeometry | None = field(default=None, compare=False, repr=False)
    #: The applicant's declared figures beside what was measured (`planner check --declared`, issue 15); their
    #: differences beyond tolerance are among `violations` (DECLARED_RULES).
    declared: tuple[DeclaredFigure, ...] = ()
    #: The sunlight analysis (planner.checking.sunlight.SunlightResult); None when sunlight was not checked.
    sunlight: Any = field(default=None, compare=False, repr=False)

    def to_geodataframes(self, lang: str | None = None) -> tuple[Any, Any]:
        """(parcels, findings) as two GeoDataFrames in the working CRS; `lang` "zh" or "en" words the findings'
        messages (default: the system's language, as the CLI). See planner.report.frames.to_geodataframes.

        The work is done by planner.report.frames, one layer up (it words the findings through
        planner.messages, which model must not import): the package `planner` provides it when imported.
        """
        if _to_geodataframes is None:
            raise RuntimeError("to_geodataframes is provided by the package planner (import planner)")
        return _to_geodataframes(self, lang=lang)

    @property
    def summary(self) -> dict[str, int]:
        status = self.parcels.status
        return {
            "parcels_checked": len(self.parcels),
            "parcels_violating": int(np.count_nonzero(status == "violation")),
            "parcels_partial": int(np.count_nonzero(status == "partial")),
            "parcels_not_assessed": int(np.count_nonzero(status == "not_assessed")),
            "violations": len(self.violations),
            "warnings": len(self.warnings),
        }

    def unchecked_counts(self) -> dict[str, int]:
        """indicator (or "land_use") -> on how many parcels it was not checked (only those with any)."""
        counts = {i: int(np.count_nonzero(self.parcels.checked[i] == "not_checked")) for i in CHECKED_ITEMS}
        return {i: n for i, n in counts.items() if n}


# --- applications (案卷): issue 15 ---------------------------------------------------------------------

#: A case's status, in the order a case goes through them: 受理, 审查中, 已一次性告知补正, 已办结.
CASE_STATUSES: tuple[str, ...] = ("accepted", "reviewing", "notified", "closed")
#: The statutory time limit of an administrative licence in working days (行政许可法 第四十二条).
STATUTORY_LIMIT_DAYS = 20


@dataclass(frozen=True, slots=True)
class CaseDetails:
    """An application (案卷) as its register and documents name it. Empty strings and None: not known.

    `deadline` is the last working day to decide, counted over Chinese working days from the day after
    `received` (planner.cases.calendar); `deadline_estimated` is true when a year it spans has no official
    holiday data and only weekends were excluded (every document that prints the deadline says so).
    """

    number: str = ""  # 受理号
    project: str = ""  # 项目名称
    applicant: str = ""  # 建设单位
    site: str = ""  # 建设地点
    received: date | None = None  # 受理日期
    limit_days: int = STATUTORY_LIMIT_DAYS
    deadline: date | None = None
    deadline_estimated: bool = False
    officer: str = ""  # 经办人
    reviewer: str = ""  # 审核人
    approver: str = ""  # 审定人
    status: str = "accepted"


#: What an applicant may declare (技术经济指标), in table order: the `declared_<indicator>` rules check them.
DECLARED_INDICATORS: tuple[str, ...] = ("site_area", "gfa", "counted_gfa", "far", "density", "green_ratio",
                                        "height")


@dataclass(frozen=True, slots=True)
class DeclaredFigure:
    """One figure of the applicant's 技术经济指标 beside what Planner measured. `parcel` None: the whole scheme.
    Ratios are fractions (as everywhere in the core); `measured` None: Planner could not measure it."""

    parcel: str | None
    indicator: str
    declared: float
    measured: float | None
    tolerance: float
    differs: bool


# --- finding keys: how a review names a finding across checks -------------------------------------

#: A finding: a breach, or a warning about the input.
Finding = Violation | CheckWarning

#: Details of a warning that tell it apart from another of the same code on the same parcel or building. Measured
#: numbers ("area", "count") and listings that an amendment changes ("parcels") are left out on purpose, and so
#: is the file path, which an amended plan usually changes (file-level warnings are the exception, see below).
_IDENTIFYING = ("field", "text", "fid", "indicator", "green", "line_kind", "line")
#: Violations named by their building alone.
_BUILDING_NAMED = ("crosses_parcel",)
#: Warnings about a whole file (a missing field, a coordinate system) have nothing else naming them.
_FILE_LEVEL = ("path", "layer")


def _part(value: Any) -> str:
    # "|" separates the parts, so an id holding one must not be read as two parts.
    return "" if value is None else str(value).replace("%", "%25").replace("|", "%7C")


def _unpart(text: str) -> str | None:
    return None if text == "" else text.replace("%7C", "|").replace("%25", "%")


def finding_key(finding: Finding) -> str:
    """A key naming a finding the same way in every check of the same data.

    Violations: ``v|rule|parcel|building`` (a crossing building: ``v|crosses_parcel||building``). Warnings:
    ``w|code|parcel|building|digest``, the digest (12 hex digits) taken over the details that identify the
    warning (field, text, fid, indicator, green area; for a warning that names no parcel, building or green area
    also the file name and layer). Measured values never enter a key, so a re-check after an amendment keeps the
    notes of findings that are still there. A "|" or "%" inside an id is escaped (%7C, %25).
    Two findings that no detail tells apart (a scheme with two buildings 1# both lacking a height) share a key,
    and so a note: they read the same to the official too.
    """
    if isinstance(finding, Violation):
        # A crossing building's parcel is the one holding its largest share, which a measured area decides: the
        # building alone names the finding.
        parcel = None if finding.rule in _BUILDING_NAMED else finding.parcel
        return "|".join(("v", _part(finding.rule), _part(parcel), _part(finding.building)))
    details = finding.details or {}
    identifying = {k: details[k] for k in _IDENTIFYING if details.get(k) is not None}
    if finding.parcel is None and finding.building is None and "green" not in identifying:
        for k in _FILE_LEVEL:
            if details.get(k) is not None:
                # The file name, not the path: the same scheme opened from another folder keeps its notes.
                identifying[k] = Path(str(details[k])).name if k == "path" else details[k]
    text = json.dumps(sorted((k, str(v)) for k, v in identifying.items()), ensure_ascii=False)
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
    return "|".join(("w", _part(finding.code), _part(finding.parcel), _part(finding.building), digest))


def key_parts(key: str) -> dict[str, str | None]:
    """What a key names, for showing a note whose finding is gone: kind ("violation"/"warning"), code, parcel,
    building."""
    parts = key.split("|")
    parts += [""] * (4 - len(parts))
    kind = {"v": "violation", "w": "warning"}.get(parts[0], parts[0])
    return {"kind": kind, "code": _unpart(parts[1]), "parcel": _unpart(parts[2]), "building": _unpart(parts[3])}


class InputError(Exception):
    """Input that cannot be checked at all (exit code 2). `code` and `details` make the message."""

    def __init__(self, code: str, **details: Any) -> None:
        super().__init__(code, details)
        self.code = code
        self.details = details
