"""A CheckResult as the `planner.check/1` JSON document (docs/architecture.md §2.3): raw, unrounded values.

Beyond docs/architecture.md §2.3, every violation and warning carries a `kind` (model.RULE_KINDS, model.WARNING_KINDS):

* violations: "indicator" (far_*, density_*, height_*, green_*), "land_use", "geometry" (crosses_parcel,
  outside_plan), "control_line" (crosses_red_line, beyond_red_line, green_line, blue_line, purple_line,
  yellow_line), "protected_zone" (ecological_red_line, basic_farmland), "setback", "building_line";
* violations of the applicant's declared figures (`planner check --declared`): "declared" (declared_<indicator>),
  with `declared` (the applicant's figure), `actual` (the measured one), `indicator`, `difference` and `tolerance`;
  the top-level `declared` lists every declared figure (planner.checking.declared);
* warnings: "plan_conflict" (a construction parcel on protected land: a finding on the plan itself), else
  "input" (about the data: unreadable values, repairs, assumptions).

Control-line violations add `line_kind` (the kind of control line), `how` ("overlaps", "crosses", "beyond",
"outside", "too_close") and `lines` (the ids of the lines concerned), plus by rule: `area` (m², zones and
building control lines; null for an open line crossed), `length` (m of red line inside the footprint, crosses_red_line),
`distance` (m, beyond_red_line and setback), and for `setback`: `required` (m), `source` ("parcel", "line" or
"table"), `line` (the line measured from), `segment` ([[x, y], [x, y]]: the shortest segment from the
footprint to that line, in the working CRS, to draw the measure), `road_class` and `height_class` (what the
table was read with; null when not used or not known). `plan_conflict` warnings add `line_kind`, `lines` and
`area`. `inputs.lines` lists each control-line file checked (empty without `--lines`).

Each parcel has `status`, one of "violation", "pass", "partial" (some item not checked: never compliant) and
"not_assessed" (nothing it controls could be checked), and `checked`: for "far", "density", "height",
"green_ratio" and "land_use", one of "pass", "fail", "not_controlled" (the plan sets no limit; for land use: no
building stands on the parcel) and "not_checked" (the limit could not be read or is missing, or what the scheme
achieves could not be measured: no green layer, a building without floor area, height or use, a building or green
area left out for its geometry, a green factor that cannot be read). `summary` adds
`parcels_partial` and `parcels_not_assessed` (docs/architecture.md §2.4).

A parcel whose FAR rests on storeys estimated from building heights (a building stated its height but neither
its storeys nor its counted floor area: planner.io.layers, resources/storey_heights.toml) carries
`"far_estimated": true`; the key is absent on every other parcel. Its `far` and `checked.far` ("pass"/"fail")
are then an estimate, and a `storeys_estimated` warning per building says how it was made.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any

from planner.messages import diff_warning_messages, violation_message, violation_messages, warning_messages
from planner.model import (
    CHECKED_ITEMS,
    INDICATORS,
    RULE_KINDS,
    WARNING_KINDS,
    CheckResult,
    CheckWarning,
    InputInfo,
    ParcelTable,
    Violation,
    no_garbage_collection,
)
from planner.versions.diff import ParcelChange, PlanDiff

SCHEMA = "planner.check/1"
DIFF_SCHEMA = "planner.diff/1"


def _input(info: InputInfo | None) -> dict[str, Any] | None:
    if info is None:
        return None
    out = {"path": info.path, "layer": info.layer, "features": info.features, "crs": info.crs,
           "sha256": info.sha256}
    if info.version is not None:
        out["version"] = info.version.as_json()
    return out


#: Details of a control-line violation copied into its JSON, when present.
CONTROL_KEYS = ("line_kind", "how", "lines", "area", "length", "distance", "required", "source", "line", "segment",
                "road_class", "height_class")
CONTROL_KINDS = ("control_line", "protected_zone", "setback", "building_line")


def violation_json(v: Violation, message: str) -> dict[str, Any]:
    crossing = v.rule == "crosses_parcel"
    kind = RULE_KINDS.get(v.rule, "other")
    out = {"kind": kind, "rule": v.rule, "parcel": v.parcel, "building": v.building, "actual": v.actual,
           "limit": None if crossing else (list(v.limit) if isinstance(v.limit, tuple) else v.limit),
           "marginal": v.marginal, "message": message}
    if crossing:
        out["parcels"] = v.details.get("parcels", [])
        out["areas"] = v.details.get("areas", [])
    if kind in CONTROL_KINDS:
        out.update({key: v.details[key] for key in CONTROL_KEYS if key in v.details})
    if kind == "declared":  # the applicant's figure (limit) against the measured one (actual)
        out["declared"] = v.limit
        out.update({key: v.details[key] for key in ("indicator", "difference", "tolerance") if key in v.details})
    if kind == "sunlight":
        out["details"] = {k: v.details[k] for k in ("standard_hours", "day", "type", "band", "length", "facing",
                                                    "before", "lost", "pushed", "worse") if k in v.details}
    if "buildings" in v.details and not crossing:  # a height finding: the buildings it is about, tallest first
        out["buildings"] = list(v.details["buildings"])
        out["heights"] = list(v.details.get("heights", []))
    return out


_FIELDS = attrgetter("rule", "parcel", "building", "actual", "limit", "marginal", "details")


def violations_json(violations: list[Violation], messages: dict[int, str]) -> list[dict[str, Any]]:
    """violation_json of each violation (its sentence in `messages` by id), the same dicts: the common kinds
    (indicator findings without buildings named, land use, crossings: all but a few of a city's ~10^5) made in
    one loop without a call each."""
    out = []
    append = out.append
    kinds = RULE_KINDS
    for v in violations:
        rule, parcel, building, actual, limit, marginal, details = _FIELDS(v)
        kind = kinds.get(rule, "other")
        if "buildings" in details and rule != "crosses_parcel":
            append(violation_json(v, messages[id(v)]))
        elif kind == "indicator" or kind == "land_use":
            append({"kind": kind, "rule": rule, "parcel": parcel, "building": building, "actual": actual,
                    "limit": list(limit) if isinstance(limit, tuple) else limit, "marginal": marginal,
                    "message": messages[id(v)]})
        elif rule == "crosses_parcel":
            append({"kind": kind, "rule": rule, "parcel": parcel, "building": building, "actual": actual,
                    "limit": None, "marginal": marginal, "message": messages[id(v)],
                    "parcels": details.get("parcels", []), "areas": details.get("areas", [])})
        else:
            append(violation_json(v, messages[id(v)]))
    return out


def warning_json(w: CheckWarning, message: str) -> dict[str, Any]:
    kind = WARNING_KINDS.get(w.code, "input")
    out = {"kind": kind, "code": w.code, "message": message, "parcel": w.parcel, "building": w.building}
    if kind == "plan_conflict":
        out.update({key: w.details.get(key) for key in ("line_kind", "lines", "area")})
    return out


def _column(values) -> list:
    """A float column as JSON values: NaN (not assessed / not controlled) becomes null."""
    return [None if x != x else x for x in values.tolist()]


def parcels_json(parcels: ParcelTable, as_json: Callable[[Violation], dict]) -> list[dict[str, Any]]:
    """The parcels array, built column by column (a city has tens of thousands of parcels): each nested object
    (limits, limit texts, checked items) is made from one row of its columns by dict(zip(keys, row))."""
    limits = zip(*[map(list, zip(_column(parcels.lower[k]), _column(parcels.upper[k]), strict=True))
                   for k in INDICATORS], strict=True)
    texts = zip(*[parcels.texts[k].tolist() for k in INDICATORS], strict=True)
    building_ids = [str(b) for b in parcels.building_ids.tolist()]
    offsets = parcels.building_offsets.tolist()
    checked = zip(*[parcels.checked[item].tolist() for item in CHECKED_ITEMS], strict=True)
    estimated = parcels.far_estimated.tolist() if parcels.far_estimated is not None else [False] * len(parcels)
    columns = zip(parcels.ids.tolist(), parcels.land_use.tolist(), parcels.site_area.tolist(),
                  parcels.gfa.tolist(), parcels.footprint_area.tolist(), _column(parcels.green_area),
                  parcels.far.tolist(), parcels.density.tolist(), _column(parcels.max_height),
                  _column(parcels.green_ratio), limits, texts, parcels.status.tolist(), checked, parcels.violations,
                  estimated, strict=True)
    out = []
    append = out.append
    for k, (pid, land_use, site, gfa, footprint, green, far, density, height, ratio, limit, text, status, items,
            violations, far_estimated) in enumerate(columns):
        row = {
            "id": pid, "land_use": land_use, "site_area": site, "gfa": gfa, "footprint_area": footprint,
            "green_area": green, "far": far, "density": density, "max_height": height, "green_ratio": ratio,
            "limits": dict(zip(INDICATORS, limit)),
            "limit_texts": dict(zip(INDICATORS, text)),
            "buildings": building_ids[offsets[k]:offsets[k + 1]],
            "status": status,
            "checked": dict(zip(CHECKED_ITEMS, items)),
            "violations": list(map(as_json, violations)),
        }
        if far_estimated:
            row["far_estimated"] = True
        append(row)
    return out


def sentences(result: CheckResult, lang: str) -> dict[int, str]:
    """Each violation's sentence, by id(violation): made once, used by the JSON and the summary alike."""
    with no_garbage_collection():
        return dict(zip(map(id, result.violations), violation_messages(result.violations, lang), strict=True))


def result_json(result: CheckResult, lang: str, messages: dict[int, str] | None = None) -> dict[str, Any]:
    """The `planner.check/1` document as a tree of dicts and lists (a city's has ~10^6 of them: made with the
    cycle collector paused)."""
    with no_garbage_collection():
        return _result_json(result, lang, messages)


def _result_json(result: CheckResult, lang: str, messages: dict[int, str] | None) -> dict[str, Any]:
    messages = messages if messages is not None else sentences(result, lang)
    # A violation is listed under its parcel(s) and at the top: its dict is built once.
    listed = violations_json(result.violations, messages)
    built = dict(zip(map(id, result.violations), listed, strict=True))
    by_id = built.__getitem__

    def as_json(v: Violation) -> dict[str, Any]:
        return by_id(id(v))

    return {
        "schema": SCHEMA,
        "crs": result.crs,
        "inputs": {**{role: _input(info) for role, info in result.inputs.items()},
                   "lines": [_input(info) for info in result.lines]},
        "parcels": parcels_json(result.parcels, as_json),
        "violations": listed,
        "warnings": [warning_json(w, m) for w, m in zip(result.warnings, warning_messages(result.warnings, lang))],
        "summary": result.summary,
        **({"declared": declared_json(result)} if result.declared else {}),
        **sunlight_json(result),
    }


def declared_json(result: CheckResult) -> list[dict[str, Any]]:
    """`declared` (`planner check --declared`): each declared figure beside the measured one (null: not measured)
    and whether it differs beyond `tolerance` (then a finding of kind "declared" is among the violations)."""
    return [{"parcel": f.parcel, "indicator": f.indicator, "declared": f.declared, "measured": f.measured,
             "tolerance": f.tolerance, "differs": f.differs} for f in result.declared]


def comparison_json(comparison, lang: str) -> dict[str, Any]:
    """`compare` of `planner check --compare-plan OLD`: the findings that depend on the plan version.

    `plan` is the other (old) version's input; `appeared` are findings under the version in force only,
    `disappeared` under the old version only, `changed` the same finding with other numbers ({"old", "new"}).
    """
    def as_json(v: Violation) -> dict[str, Any]:
        return violation_json(v, violation_message(v, lang))

    return {
        "plan": _input(comparison.old_plan),
        "appeared": [as_json(v) for v in comparison.appeared],
        "disappeared": [as_json(v) for v in comparison.disappeared],
        "changed": [{"rule": new.rule, "parcel": new.parcel, "building": new.building, "old": as_json(old),
                     "new": as_json(new)} for old, new in comparison.changed],
        "summary": comparison.summary,
    }


# --- planner diff ---------------------------------------------------------------------------------------

def _change_json(change: ParcelChange) -> dict[str, Any]:
    out: dict[str, Any] = {"id": change.id}
    if change.renamed_from is not None:
        out["renamed_from"] = change.renamed_from
    out["indicators"] = {i: {"old": old, "new": new} for i, (old, new) in change.indicators.items()}
    if change.land_use is not None:
        out["land_use"] = {"old": change.land_use[0], "new": change.land_use[1]}
    out.update(geometry=change.geometry, area_old=change.area_old, area_new=change.area_new)
    return out


def diff_json(diff: PlanDiff, lang: str) -> dict[str, Any]:
    """The `planner.diff/1` document."""
    return {
        "schema": DIFF_SCHEMA,
        "old": _input(diff.old),
        "new": _input(diff.new),
        "added": list(diff.added),
        "removed": list(diff.removed),
        "changed": [_change_json(c) for c in diff.changed],
        "split": [{"from": s.old_id, "into": list(s.new_ids)} for s in diff.splits],
        "merged": [{"from": list(m.old_ids), "into": m.new_id} for m in diff.merges],
        "unchanged": diff.unchanged,
        "warnings": [{"code": code, "message": message} for code, message in diff_warning_messages(diff, lang)],
    }


# --- sunlight ---------------------------------------------------------------------------------------------

def sunlight_json(result: CheckResult) -> dict[str, Any]:
    """`sunlight`: one entry per building that needs sun (`building`, `existing`, `use`, `standard` {type, day,
    hours, band, source}, `facades`: each {`from`, `to` (working CRS), `facing` (degrees clockwise from true
    north), `min_hours`, `length_below_m` (of the part held to the standard), `held` (faces south-east to
    south-west and could meet the standard with nothing around it), and for existing buildings
    `min_hours_before` and `length_below_m_before`: without the scheme}); empty when sunlight was not checked.
    `sunlight_settings`: the zone, city size or city, and the calculation parameters used; null when not
    checked (no zone or city was chosen; the terminal summary says so too). Sunlight findings (kind "sunlight") add `details`."""
    sun = result.sunlight
    if sun is None:
        return {"sunlight": [], "sunlight_settings": None}
    return {"sunlight": [b.as_json() for b in sun.buildings], "sunlight_settings": sun.as_json()}
