"""Recognising a layer's fields by alias (docs/architecture.md §2.1) or by an explicit TOML mapping."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from planner.model import InputError

#: role -> target -> aliases, most specific first. Matching is case-insensitive.
ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "plan": {
        "id": ("地块编号", "地块代码", "dkbh", "dkdm", "parcel_id"),
        # Codes before names: 用地性质 sometimes holds the name ("二类城镇住宅用地") when a code column exists.
        "land_use": ("用地代码", "地类编号", "地类代码", "yddm", "dldm", "zdldm", "ydxz_n", "ydxz", "land_use",
                     "用地性质"),
        "far": ("容积率", "rjl", "far"),
        "far_max": ("容积率上限", "rjlsx", "rjl_sx", "far_max"),
        "far_min": ("容积率下限", "rjlxx", "rjl_xx", "far_min"),
        "density": ("建筑密度", "jzmd", "density"),
        "density_max": ("建筑密度上限", "jzmdsx", "jzmd_sx", "density_max"),
        "density_min": ("建筑密度下限", "jzmdxx", "jzmd_xx", "density_min"),
        "height": ("建筑限高", "限高", "jzxg", "height_limit"),
        "height_max": ("建筑限高上限", "jzgdsx", "jzxgsx", "jzxg_sx", "height_max"),
        "height_min": ("建筑限高下限", "jzgdxx", "jzxgxx", "jzxg_xx", "height_min"),
        "green_ratio": ("绿地率", "ldl", "green_ratio"),
        "green_max": ("绿地率上限", "ldlsx", "ldl_sx", "green_max"),
        "green_min": ("绿地率下限", "ldlxx", "ldl_xx", "green_min"),
        # Metres a building must stand back from the road red line on this parcel (planner/controls.py).
        "setback": ("退线距离", "后退红线", "后退红线距离", "htjl", "setback"),
        # Which approval the plan version carries (planner/versions.py).
        "approval_number": ("批复文号", "pfwh", "approval_number"),
        "approval_date": ("批复时间", "批复日期", "pfsj", "approval_date"),
        "version": ("规划版本", "版本号", "版本", "plan_version"),
    },
    "buildings": {
        "id": ("建筑编号", "楼栋号", "楼号", "jzbh", "building_id"),
        "floors": ("地上层数", "层数", "dscs", "cs", "floors"),
        "height": ("建筑高度", "jzgd", "height"),
        "storey_height": ("层高", "cg", "storey_height"),
        "gfa": ("计容面积", "计容建筑面积", "jrmj", "gfa"),
        "basement_floors": ("地下层数", "dxcs", "basement_floors"),
        "use": ("建筑用途", "建筑功能", "用途", "yt", "use"),
    },
    "green": {
        "id": ("绿地编号", "ldbh", "green_id"),
        "factor": ("折算系数", "xs", "factor"),
    },
    # Control lines and zones (道路红线, 五线, 生态保护红线, 永久基本农田, 建筑控制线): planner/controls.py.
    "lines": {
        "id": ("编号", "线编号", "bh", "line_id"),
        # CAD (DXF) delivers one layer, "entities", whose "Layer" field names each entity's CAD layer.
        "kind": ("控制线类型", "类型", "线型", "lx", "kind", "图层", "layer"),
        "setback": ("退让距离", "退线距离", "trjl", "setback"),
        "road_class": ("道路等级", "dldj", "road_class"),
        "name": ("名称", "道路名称", "mc", "dlmc", "name"),
    },
}

INDICATOR_TARGETS = ("far", "density", "height", "green_ratio")


@dataclass(frozen=True, slots=True)
class FieldMap:
    """Which column of a layer holds each target; targets absent from `columns` were not found."""

    role: str
    columns: dict[str, str]

    def get(self, target: str) -> str | None:
        return self.columns.get(target)


def _shapefile_prefix_match(field: str, alias: str, encoding: str) -> bool:
    """DBF cuts names at 10 bytes: "计容建筑面积" arrives as "计容建筑面" (GBK). Match such truncations."""
    if not alias.startswith(field) or alias == field:
        return False
    return len(field.encode(encoding, errors="replace")) >= 9 and len(alias.encode(encoding, errors="replace")) > 10


def recognise(role: str, columns: list[str], *, shapefile_encoding: str | None = None,
              explicit: dict[str, str] | None = None, source: str = "") -> FieldMap:
    """Map targets to columns: an explicit mapping first, then aliases (exact, then Shapefile prefixes)."""
    lowered = {c.lower().strip(): c for c in columns}
    found: dict[str, str] = {}
    for target, column in (explicit or {}).items():
        if target not in ALIASES[role]:
            raise InputError("mapping_unknown_target", path=source, role=role, target=target,
                             targets=", ".join(ALIASES[role]))
        if column.lower().strip() not in lowered:
            raise InputError("mapping_missing_field", path=source, role=role, target=target, field=column,
                             fields=", ".join(columns))
        found[target] = lowered[column.lower().strip()]
    _refuse_shared_columns(found, role, source)
    taken = set(found.values())
    for target, aliases in ALIASES[role].items():
        if target in found:
            continue
        column = _first_match(aliases, lowered, shapefile_encoding, taken)
        if column is not None:
            found[target] = column
            taken.add(column)
    return FieldMap(role, found)


def _refuse_shared_columns(found: dict[str, str], role: str, source: str) -> None:
    """One column named for two targets (e.g. FAR and density both "RJL") would measure one against the
    other's limit: refused, naming both targets."""
    by_column: dict[str, list[str]] = {}
    for target, column in found.items():
        by_column.setdefault(column, []).append(target)
    for column, targets in by_column.items():
        if len(targets) > 1:
            raise InputError("mapping_shared_field", path=source, role=role, field=column,
                             targets=", ".join(targets))


def _first_match(aliases: tuple[str, ...], lowered: dict[str, str], encoding: str | None,
                 taken: set[str]) -> str | None:
    for alias in aliases:
        column = lowered.get(alias.lower())
        if column is not None and column not in taken:
            return column
    if encoding:
        for alias in aliases:
            for low, column in lowered.items():
                if column not in taken and _shapefile_prefix_match(low, alias.lower(), encoding):
                    return column
    return None


def load_mapping(path: str | Path) -> dict[str, dict[str, str]]:
    """Read a TOML mapping: `[plan] far = "RJL_2"`, `[buildings] floors = "LC"`, `[green] factor = "K"`."""
    path = Path(path)
    if path.is_dir():
        raise InputError("mapping_is_folder", path=str(path))
    try:
        # utf-8-sig: Windows Notepad saves UTF-8 with a byte-order mark, which TOML itself does not allow.
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise InputError("file_missing", path=str(path)) from None
    except UnicodeDecodeError:
        raise InputError("mapping_not_utf8", path=str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError("mapping_unreadable", path=str(path), error=str(exc)) from None
    except OSError as exc:
        raise InputError("file_unreadable", path=str(path), error=exc.strerror or str(exc)) from None
    mapping: dict[str, dict[str, str]] = {}
    for role, table in data.items():
        if role not in ALIASES or not isinstance(table, dict):
            raise InputError("mapping_unknown_role", path=str(path), role=role, roles=", ".join(ALIASES))
        mapping[role] = {str(k): str(v) for k, v in table.items()}
    return mapping
