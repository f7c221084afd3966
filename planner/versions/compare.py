"""Verdicts across plan versions: which findings a scheme gets under one version and not the other.

`planner check --compare-plan OLD` checks the scheme against the plan in force (`--plan`) and against OLD,
then lists the findings that appear, disappear or change. Findings are matched by the review key
(planner.review.finding_key: rule, parcel, building), which names a finding the same way in every check.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from planner.model import CheckResult, InputInfo, Violation, finding_key

if TYPE_CHECKING:
    from planner.io.layers import PlanLayer
    from planner.versions.diff import PlanDiff


@dataclass(frozen=True, slots=True)
class VerdictComparison:
    """The findings of one scheme under two plan versions: `old` (compared with) and `new` (in force)."""

    old_plan: InputInfo | None
    new_plan: InputInfo | None
    appeared: tuple[Violation, ...]  # under the version in force only
    disappeared: tuple[Violation, ...]  # under the old version only
    changed: tuple[tuple[Violation, Violation], ...]  # (old, new): same finding, other numbers or limit
    unchanged: int

    @property
    def differs(self) -> bool:
        return bool(self.appeared or self.disappeared or self.changed)

    @property
    def summary(self) -> dict[str, int]:
        return {"appeared": len(self.appeared), "disappeared": len(self.disappeared), "changed": len(self.changed),
                "unchanged": self.unchanged}


@dataclass(frozen=True, slots=True)
class VersionComparison:
    """The plan in force against another version: what the amendment changed, and what that does to the
    scheme's verdicts. `other` is the other version's layer (its parcels are drawn where they differ)."""

    other: PlanLayer
    changes: PlanDiff
    verdicts: VerdictComparison | None  # None without a scheme: the plans alone are compared


def compare_versions(other: PlanLayer, plan: PlanLayer, result: CheckResult | None = None, buildings=None,
                     green=None, controls=(), progress=None, cancelled=None) -> VersionComparison:
    """Diff `other` (the old version) against `plan`, the version in force; with a scheme (buildings, green,
    control lines) whose check against `plan` is `result`, also check it against `other` and compare verdicts."""
    from planner.versions.diff import diff_plans

    changes = diff_plans(other, plan)
    if result is None or buildings is None:
        return VersionComparison(other=other, changes=changes, verdicts=None)
    verdicts = verdicts_against(other, result, buildings, green, controls, progress, cancelled)
    return VersionComparison(other=other, changes=changes, verdicts=verdicts)


def verdicts_against(other: PlanLayer, result: CheckResult, buildings, green=None, controls=(), progress=None,
                     cancelled=None) -> VerdictComparison:
    """Check the scheme (buildings, green, control lines) whose check against the plan in force is `result`
    against the `other` version too, and compare the findings."""
    from planner.checking.engine import check

    other_result = check(other, buildings, green, controls=controls, progress=progress, cancelled=cancelled)
    return compare_verdicts(other_result, result)


def compare_verdicts(old: CheckResult, new: CheckResult) -> VerdictComparison:
    """Match the findings of two checks of one scheme by key; the rest appeared or disappeared."""
    old_by_key = _by_key(old.violations)
    new_by_key = _by_key(new.violations)
    appeared: list[Violation] = []
    disappeared: list[Violation] = []
    changed: list[tuple[Violation, Violation]] = []
    unchanged = 0
    for key in old_by_key.keys() | new_by_key.keys():
        before, after = old_by_key.get(key, []), new_by_key.get(key, [])
        # Two findings sharing a key (duplicate building ids) pair up in order; the surplus is unmatched.
        for a, b in zip(before, after):
            if _same_numbers(a, b):
                unchanged += 1
            else:
                changed.append((a, b))
        disappeared += before[len(after):]
        appeared += after[len(before):]
    order = _report_order(old, new)
    return VerdictComparison(
        old_plan=old.inputs.get("plan"), new_plan=new.inputs.get("plan"),
        appeared=tuple(sorted(appeared, key=order)), disappeared=tuple(sorted(disappeared, key=order)),
        changed=tuple(sorted(changed, key=lambda pair: order(pair[1]))), unchanged=unchanged)


def _by_key(violations: tuple[Violation, ...]) -> dict[str, list[Violation]]:
    grouped: dict[str, list[Violation]] = defaultdict(list)
    for v in violations:
        grouped[finding_key(v)].append(v)
    return grouped


def _same_numbers(a: Violation, b: Violation) -> bool:
    """The same verdict in substance: measured value, limit, marginal flag and parcels crossed."""
    return (_close(a.actual, b.actual) and _close(a.limit, b.limit) and a.marginal == b.marginal
            and a.details.get("parcels") == b.details.get("parcels"))


def _close(a: Any, b: Any) -> bool:
    if isinstance(a, (tuple, list)) and isinstance(b, (tuple, list)):
        return len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b))
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
    return a == b


def _report_order(old: CheckResult, new: CheckResult):
    """Findings of the version in force first in its report order, then the old version's own ones."""
    position = {id(v): k for k, v in enumerate(new.violations)}
    offset = len(position)
    position.update({id(v): offset + k for k, v in enumerate(old.violations)})
    return lambda v: position[id(v)]
