"""A CheckResult as the `planner.check/1` JSON document (DESIGN.md 2.3): raw, unrounded values."""

from __future__ import annotations

import math
from typing import Any

from planner.messages import violation_message, warning_message
from planner.model import INDICATORS, CheckResult, InputInfo, ParcelResult, Violation

SCHEMA = "planner.check/1"


def _number(value: float | None) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


def _input(info: InputInfo | None) -> dict[str, Any] | None:
    if info is None:
        return None
    return {"path": info.path, "layer": info.layer, "features": info.features, "crs": info.crs,
            "sha256": info.sha256}


def violation_json(v: Violation, lang: str) -> dict[str, Any]:
    limit = list(v.limit) if isinstance(v.limit, tuple) else v.limit
    if v.rule == "crosses_parcel":
        limit = None
    out = {"rule": v.rule, "parcel": v.parcel, "building": v.building, "actual": v.actual, "limit": limit,
           "marginal": v.marginal, "message": violation_message(v, lang)}
    if v.rule == "crosses_parcel":
        out["parcels"] = v.details.get("parcels", [])
        out["areas"] = v.details.get("areas", [])
    return out


def parcel_json(p: ParcelResult, lang: str) -> dict[str, Any]:
    return {
        "id": p.id, "land_use": p.land_use, "site_area": p.site_area, "gfa": p.gfa,
        "footprint_area": p.footprint_area, "green_area": _number(p.green_area),
        "far": p.far, "density": p.density, "max_height": _number(p.max_height),
        "green_ratio": _number(p.green_ratio),
        "limits": {k: list(p.limits[k]) if k in p.limits else [None, None] for k in INDICATORS},
        "limit_texts": {k: p.limit_texts.get(k, "") for k in INDICATORS},
        "buildings": list(p.buildings), "status": p.status,
        "violations": [violation_json(v, lang) for v in p.violations],
    }


def result_json(result: CheckResult, lang: str) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "crs": result.crs,
        "inputs": {role: _input(info) for role, info in result.inputs.items()},
        "parcels": [parcel_json(p, lang) for p in result.parcels],
        "violations": [violation_json(v, lang) for v in result.violations],
        "warnings": [{"code": w.code, "message": warning_message(w, lang), "parcel": w.parcel,
                      "building": w.building} for w in result.warnings],
        "summary": result.summary,
    }
