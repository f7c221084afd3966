"""Recognising a layer's fields by alias (docs/architecture.md §2.1) or by an explicit TOML mapping.

The aliases are data: resources/fields.toml lists, per layer role and item, the field names real plans and
schemes use and where each was seen. `ALIASES` is that file as a dict (role -> target -> names).
"""

from __future__ import annotations

import math
import tomllib
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planner.io.landuse import looks_like_code
from planner.model import InputError
from planner.resources import resource_path


@dataclass(frozen=True, slots=True)
class FieldTable:
    """resources/fields.toml as read: names per role and target, in file order, and how each is used."""

    #: role -> target -> names, most specific first. Matching is case-insensitive.
    aliases: dict[str, dict[str, tuple[str, ...]]]
    #: role -> target -> where its names come from (one line per source).
    sources: dict[str, dict[str, tuple[str, ...]]]
    #: role -> target -> names taken only when most of the column's values are numbers.
    if_numbers: dict[str, dict[str, frozenset[str]]]
    #: (role, target) pairs whose column is chosen by its values: the first that holds land-use codes.
    prefer_codes: frozenset[tuple[str, str]]


def load_field_table(path: str | Path | None = None) -> FieldTable:
    """Read resources/fields.toml (or `path`). Raises ValueError naming the problem when a table has no names,
    a name is listed for two items of one role, or an `if_numbers` name is not among the item's names."""
    path = Path(path) if path is not None else resource_path("fields.toml")
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    aliases: dict[str, dict[str, tuple[str, ...]]] = {}
    sources: dict[str, dict[str, tuple[str, ...]]] = {}
    if_numbers: dict[str, dict[str, frozenset[str]]] = {}
    prefer_codes: set[tuple[str, str]] = set()
    for role, targets in data.items():
        if not isinstance(targets, dict):
            continue  # version = 1
        seen: dict[str, str] = {}
        aliases[role], sources[role], if_numbers[role] = {}, {}, {}
        for target, spec in targets.items():
            names = tuple(str(n).strip() for n in spec.get("names", ()))
            if not names:
                raise ValueError(f"{path}: [{role}.{target}] lists no names")
            for name in names:
                key = name.lower()
                if seen.setdefault(key, target) != target:
                    raise ValueError(f"{path}: name {name!r} is listed for both [{role}.{seen[key]}] and "
                                     f"[{role}.{target}]")
            checked = frozenset(str(n).strip().lower() for n in spec.get("if_numbers", ()))
            unknown = checked - {n.lower() for n in names}
            if unknown:
                raise ValueError(f"{path}: [{role}.{target}] if_numbers names {sorted(unknown)}, not among its names")
            aliases[role][target] = names
            sources[role][target] = tuple(str(s) for s in spec.get("sources", ()))
            if_numbers[role][target] = checked
            if spec.get("prefer_codes", False):
                prefer_codes.add((role, target))
    return FieldTable(aliases, sources, if_numbers, frozenset(prefer_codes))


FIELDS = load_field_table()
#: role -> target -> aliases, most specific first (resources/fields.toml). Matching is case-insensitive.
ALIASES: dict[str, dict[str, tuple[str, ...]]] = FIELDS.aliases

INDICATOR_TARGETS = ("far", "density", "height", "green_ratio")


@dataclass(frozen=True, slots=True)
class FieldMap:
    """Which column of a layer holds each target; targets absent from `columns` were not found."""

    role: str
    columns: dict[str, str]

    def get(self, target: str) -> str | None:
        return self.columns.get(target)


#: Values a recognition by values looks at: enough to tell, few enough for a city-wide layer.
SAMPLE_VALUES = 500
#: Share of the non-blank values that must agree: "most values".
MOST = 0.5


def _blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return str(value).strip() in {"", "—", "-", "－", "/", "／", "<NA>", "nan", "None"}


def _share(values: Iterable[Any], test: Callable[[Any], bool]) -> float:
    """Share of the (first SAMPLE_VALUES) non-blank values passing `test`; 0 when all are blank."""
    passed = total = 0
    for value in values:
        if _blank(value):
            continue
        total += 1
        passed += bool(test(value))
        if total >= SAMPLE_VALUES:
            break
    return passed / total if total else 0.0


def _is_number(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return math.isfinite(value)
    try:
        return math.isfinite(float(unicodedata.normalize("NFKC", str(value)).strip()))
    except ValueError:
        return False


def mostly_numbers(values: Iterable[Any]) -> bool:
    """Most non-blank values are numbers (18, "18", 3.0)."""
    return _share(values, _is_number) > MOST


def mostly_codes(values: Iterable[Any]) -> bool:
    """Most non-blank values look like land-use codes ("R2", "070102", "R2/B1"), not names ("二类居住用地")."""
    return _share(values, lambda v: looks_like_code(_code_text(v))) > MOST


def _code_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # 70102.0 from a numeric DBF field is the code 070102
    return str(value)


def _shapefile_prefix_match(field: str, alias: str, encoding: str) -> bool:
    """DBF cuts names at 10 bytes: "计容建筑面积" arrives as "计容建筑面" (GBK). Match such truncations."""
    if not alias.startswith(field) or alias == field:
        return False
    return len(field.encode(encoding, errors="replace")) >= 9 and len(alias.encode(encoding, errors="replace")) > 10


def recognise(role: str, columns: list[str], *, shapefile_encoding: str | None = None,
              explicit: dict[str, str] | None = None, source: str = "",
              values: Callable[[str], Iterable[Any]] | None = None) -> FieldMap:
    """Map targets to columns: an explicit mapping first, then aliases (exact, then Shapefile prefixes).

    `values(column)` gives a column's values (or a sample of them). Without it, names that must be told by their
    values (resources/fields.toml `if_numbers`) are not taken, and `prefer_codes` takes the first column found.
    """
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
        matches = _matches(aliases, lowered, shapefile_encoding, taken, FIELDS.if_numbers[role][target], values)
        column = next(matches, None)
        if column is not None and (role, target) in FIELDS.prefer_codes and values is not None \
                and not mostly_codes(values(column)):
            column = next((c for c in matches if mostly_codes(values(c))), column)
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


def _matches(aliases: tuple[str, ...], lowered: dict[str, str], encoding: str | None, taken: set[str],
             if_numbers: frozenset[str], values: Callable[[str], Iterable[Any]] | None):
    """The columns `aliases` find, best first (exact names in alias order, then Shapefile truncations), each
    once; a name of `if_numbers` only where the column's values are mostly numbers."""
    given: set[str] = set()

    def usable(alias: str, column: str) -> bool:
        if column in taken or column in given:
            return False
        if alias.lower() in if_numbers and (values is None or not mostly_numbers(values(column))):
            return False
        given.add(column)
        return True

    for alias in aliases:
        column = lowered.get(alias.lower())
        if column is not None and usable(alias, column):
            yield column
    if encoding:
        for alias in aliases:
            for low, column in lowered.items():
                if _shapefile_prefix_match(low, alias.lower(), encoding) and usable(alias, column):
                    yield column


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
