"""Land-use compatibility: may a building of use U stand on a parcel coded C?

The table is data (resources/land_use.toml), so an authority can edit it. This module only parses
code strings, resolves aliases and answers the question. Pure Python: no Qt, no pandas.

Answers are three-valued. True means allowed, False means not allowed, and None means the table cannot
tell (unknown use, unknown or undecided code, empty input). The engine turns None into a warning, never
into a violation.
"""

from __future__ import annotations

import math
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["LandUse", "LandUseTable", "looks_like_code", "shipped_table", "split_codes"]

# ----------------------------------------------------------------------------------------------------
# Code strings
# ----------------------------------------------------------------------------------------------------

# Separators after NFKC, which has already turned ／＋，；（） into /+,;(). "、" has no compatibility form.
# Parentheses separate too, because "100101(080403)" is a main use plus a secondary use.
_CODE_SEPARATORS = re.compile(r"[/、,;+|()\[\]\s]+")
# CAD layer names: "YDGIS-070102", "YD_R2". Only a letters-only prefix is stripped, so "R2-1" is left alone.
_LAYER_PREFIX = re.compile(r"^[A-Z]{2,}[-_]+")
# Zhejiang village suffix: "1001v", "1207V" mean village land of the same class.
_VILLAGE_SUFFIX = re.compile(r"(?<=\d)V$")
# "R2B1" holds two codes. The token is split only when it consists of letter codes alone and contains a
# digit, so that a word such as "YDGIS" does not turn into five one-letter codes.
_CONCATENATED = re.compile(r"(?:[A-Z]\d*){2,}")
_LETTER_CODE = re.compile(r"[A-Z]\d*")
# The only shapes a single code can take: a GB 50137 letter code or a 2023 numeric code. Anything else,
# such as the 三调 code "05H1", is unknown. It must not be read as "05" 湿地 by prefix matching.
_WELL_FORMED = re.compile(r"[A-Z]\d*|\d+")


def _text(value: object) -> str:
    """Text of a field value. None and NaN (an empty pandas cell) give ""; 70102.0 gives "70102"."""
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer():
            value = int(value)
    return str(value)


@lru_cache(maxsize=8192)
def _split_codes(text: str) -> tuple[str, ...]:
    out: list[str] = []
    for token in _CODE_SEPARATORS.split(unicodedata.normalize("NFKC", text).upper()):
        token = _VILLAGE_SUFFIX.sub("", _LAYER_PREFIX.sub("", token.strip()))
        if not token:
            continue
        if _CONCATENATED.fullmatch(token) and any(c.isdigit() for c in token):
            parts = _LETTER_CODE.findall(token)
        elif token.isdigit() and len(token) in (3, 5):
            # A numeric DBF/Excel field drops the leading zero: 70102 stands for 070102. 2023 codes always
            # have an even number of digits.
            parts = ["0" + token]
        else:
            parts = [token]
        out.extend(p for p in parts if p not in out)
    return tuple(out)


def split_codes(text: str | None) -> list[str]:
    """Split a parcel's land-use code string into component codes, normalised (NFKC, upper case).

    "R2/B1", "R2／B1", "R2、B1", "R2+B1", "R2 B1" and "R2B1" all give ["R2", "B1"].
    "100101(080403)" gives ["100101", "080403"], "1001v" gives ["1001"] and "YDGIS-070102" gives
    ["070102"]. Duplicates are dropped and the order is kept. Empty text gives [].
    """
    return list(_split_codes(_text(text)))


def looks_like_code(text: object) -> bool:
    """Whether a land-use text is written as a code ("R2", "070102", "R2/B1", "100101(080403)") rather than
    as a name ("二类居住用地"): its first component has the shape of a code."""
    codes = _split_codes(_text(text))
    return bool(codes) and bool(_WELL_FORMED.fullmatch(codes[0]))


# ----------------------------------------------------------------------------------------------------
# Building uses
# ----------------------------------------------------------------------------------------------------

_USE_SEPARATORS = re.compile(r"[/、,;+|]")
# Tried only when the exact alias lookup fails. They turn "高层住宅楼" into 住宅楼 and "商业建筑" into 商业.
# The list is short on purpose: a wrong guess becomes a false violation, while None only becomes a warning.
_USE_PREFIXES = ("超高层", "小高层", "中高层", "高层", "多层", "低层")
_USE_SUFFIXES = (" building", "建筑", "用房", "楼")


def _norm_alias(text: str) -> str:
    """Compare key for a use name: NFKC, case-folded, whitespace collapsed to one space."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


# ----------------------------------------------------------------------------------------------------
# The table
# ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LandUse:
    """One land-use code of the table. `uses` is None when the code is too coarse to decide."""

    code: str
    zh: str
    en: str
    uses: frozenset[str] | None


def _default_path() -> Path:
    try:
        from planner.resources import resource_path  # type: ignore[attr-defined]
    except ImportError:  # planner.resources does not exist yet; use the source-tree layout
        return Path(__file__).resolve().parents[1] / "resources" / "land_use.toml"
    return Path(resource_path("land_use.toml"))


@dataclass(frozen=True, eq=False)  # eq=False: hash by identity, so a table can key a cache
class LandUseTable:
    """The compatibility table. Build it with `LandUseTable.load()`."""

    #: use id -> {"zh": ..., "en": ...}, in file order.
    uses: dict[str, dict[str, str]]
    #: normalised alias -> use id.
    aliases: dict[str, str]
    #: normalised code -> entry. Entries already include the ancillary use when `ancillary_anywhere` is set.
    land_uses: dict[str, LandUse]
    source: Path | None = None
    #: The use id of ancillary structures (门卫, 设备用房 ...), allowed wherever any building is.
    ancillary_use: str | None = None
    # The engine asks once per unique (code, use) pair, but the same code text recurs across pairs.
    _code_cache: dict[str, tuple[tuple[str, LandUse | None], ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _use_cache: dict[str, tuple[str | None, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    #: normalised land-use name (zh or en) -> the codes bearing it, in file order; built on first use.
    _names: dict[str, tuple[str, ...]] = field(default_factory=dict, init=False, repr=False, compare=False)

    # -- loading ---------------------------------------------------------------------------------------

    @classmethod
    def load(cls, path: Path | str | None = None) -> LandUseTable:
        """Read the table from TOML (default: the shipped resources/land_use.toml).

        Raises ValueError naming the problem if the file is inconsistent: an unknown use under a code,
        an alias shared by two uses, or a malformed code. An official who edits the file sees the typo
        at once, instead of getting silently wrong results.
        """
        path = Path(path) if path is not None else _default_path()
        with path.open("rb") as f:
            data = tomllib.load(f)
        return cls.from_dict(data, source=path)

    @classmethod
    def from_dict(cls, data: dict[str, Any], source: Path | None = None) -> LandUseTable:
        where = f"{source}: " if source else ""
        uses: dict[str, dict[str, str]] = {}
        aliases: dict[str, str] = {}
        for use_id, spec in data.get("uses", {}).items():
            zh = spec.get("zh", use_id)
            en = spec.get("en", zh)
            uses[use_id] = {"zh": zh, "en": en}
            # The id and both display names are aliases too, so exported data (ids or names) reads back.
            for alias in (use_id, zh, en, *spec.get("aliases", ())):
                key = _norm_alias(str(alias))
                if aliases.get(key, use_id) != use_id:
                    raise ValueError(f"{where}alias {alias!r} belongs to both {aliases[key]!r} and {use_id!r}")
                aliases[key] = use_id

        ancillary = data.get("ancillary_use")
        if ancillary is not None and ancillary not in uses:
            raise ValueError(f"{where}ancillary_use {ancillary!r} is not under [uses]")
        extra = frozenset([ancillary]) if ancillary and data.get("ancillary_anywhere", False) else frozenset()

        land_uses: dict[str, LandUse] = {}
        for raw_code, spec in data.get("land_use", {}).items():
            parts = _split_codes(raw_code)
            if len(parts) != 1 or not _WELL_FORMED.fullmatch(parts[0]):
                raise ValueError(f"{where}land_use key {raw_code!r} is not a single land-use code")
            code = parts[0]
            allowed: frozenset[str] | None = None
            if "uses" in spec:
                allowed = frozenset(spec["uses"])
                unknown = sorted(allowed - uses.keys())
                if unknown:
                    raise ValueError(f"{where}land_use {raw_code!r} names unknown uses {unknown}")
                if allowed:  # an empty list (roads, water, 留白) stays empty: no building at all
                    allowed |= extra
            zh = spec.get("zh", code)
            land_uses[code] = LandUse(code, zh, spec.get("en", zh), allowed)
        return cls(uses=uses, aliases=aliases, land_uses=land_uses, source=source, ancillary_use=ancillary)

    # -- uses ------------------------------------------------------------------------------------------

    def normalise_use(self, text: object) -> str | None:
        """Canonical use id for a building-use text ("住宅", " Residential ", "高层住宅楼"). None if unknown
        or empty. A multi-use text such as "住宅/商业" is None here; `check` handles those."""
        ids = self._use_ids(text)
        return ids[0] if len(ids) == 1 else None

    def _lookup_use(self, text: str) -> str | None:
        key = _norm_alias(text)
        if not key:
            return None
        if key in self.aliases:
            return self.aliases[key]
        for prefix in ("", *_USE_PREFIXES):
            if not key.startswith(prefix):
                continue
            stem = key[len(prefix):]
            for suffix in ("", *_USE_SUFFIXES):
                if (prefix or suffix) and stem.endswith(suffix) and len(stem) > len(suffix):
                    found = self.aliases.get(stem[: len(stem) - len(suffix)].strip())
                    if found:
                        return found
        return None

    def _use_ids(self, text: object) -> tuple[str | None, ...]:
        """Use ids of a building-use text. () for empty text. A whole-text alias wins. Otherwise the text is
        split on / 、 , ; + and each part is resolved, with None for a part that is not recognised."""
        raw = _text(text)
        if raw in self._use_cache:
            return self._use_cache[raw]
        whole = self._lookup_use(raw)
        if whole is not None:
            ids: tuple[str | None, ...] = (whole,)
        else:
            parts = [p for p in _USE_SEPARATORS.split(unicodedata.normalize("NFKC", raw)) if p.strip()]
            ids = tuple(dict.fromkeys(self._lookup_use(p) for p in parts))
        self._use_cache[raw] = ids
        return ids

    def use_name(self, use_id: str, lang: str = "zh") -> str:
        """Display name of a use id. An unknown id is returned as given."""
        names = self.uses.get(use_id)
        if names is None:
            return use_id
        return names["zh"] if lang.startswith("zh") else names["en"]

    # -- codes -----------------------------------------------------------------------------------------

    def _lookup_code(self, code: str) -> LandUse | None:
        """Entry with the longest code that is a prefix of `code`, or None."""
        if not _WELL_FORMED.fullmatch(code):
            return None
        for end in range(len(code), 0, -1):
            entry = self.land_uses.get(code[:end])
            if entry is not None:
                return entry
        return None

    def _components(self, code_text: object) -> tuple[tuple[str, LandUse | None], ...]:
        raw = _text(code_text)
        cached = self._code_cache.get(raw)
        if cached is None:
            cached = tuple((c, self._lookup_code(c)) for c in _split_codes(raw))
            self._code_cache[raw] = cached
        return cached

    def unknown_codes(self, code_text: str) -> list[str]:
        """Components the table cannot judge: codes with no entry, and entries without `uses` (e.g. H11)."""
        return [c for c, e in self._components(code_text) if e is None or e.uses is None]

    def allowed_uses(self, code_text: str) -> frozenset[str] | None:
        """Uses allowed on a parcel: the union over the components the table can judge.

        A mixed code tolerates an unknown component: "R2/X9" gives R2's uses. The result is None only when
        no component can be judged (or the text is empty). The set can therefore be incomplete. Use
        `unknown_codes` (or `check`, which does) before calling a use outside it a violation.
        """
        judged = [e.uses for _, e in self._components(code_text) if e is not None and e.uses is not None]
        if not judged:
            return None
        return frozenset().union(*judged)

    def land_use_name(self, code_text: str, lang: str = "zh") -> str | None:
        """Display name of a code string. The names of mixed codes are joined with " / ", and an unknown
        component shows as its code. None if the text is empty or no component is known."""
        comps = self._components(code_text)
        if not any(e is not None for _, e in comps):
            return None
        zh = lang.startswith("zh")
        return " / ".join(c if e is None else (e.zh if zh else e.en) for c, e in comps)

    def code_for_name(self, name: object) -> str | None:
        """The code of a land-use name, for plans that write names instead of codes: "二类居住用地" -> "R2".

        Names are compared like use aliases (NFKC, case, spaces); "二类居住" is tried as "二类居住用地" too. A
        mixed name ("二类居住用地/商业用地") gives its codes joined by "/". None when a name is not in the table,
        or when it names codes of both editions that allow different uses (which one the plan means cannot
        be told).
        """
        if not self._names:
            for code, entry in self.land_uses.items():
                for text in (entry.zh, entry.en):
                    key = _norm_alias(text)
                    if code not in self._names.get(key, ()):
                        self._names[key] = (*self._names.get(key, ()), code)
        parts = [p for p in _USE_SEPARATORS.split(unicodedata.normalize("NFKC", _text(name))) if p.strip()]
        codes = [self._code_of_name(p) for p in parts]
        if not codes or None in codes:
            return None
        return "/".join(dict.fromkeys(codes))  # type: ignore[arg-type]

    def _code_of_name(self, name: str) -> str | None:
        key = _norm_alias(name)
        codes = self._names.get(key) or ((self._names.get(key + "用地") or ()) if not key.endswith("用地") else ())
        if not codes:
            return None
        if len({self.land_uses[c].uses for c in codes}) > 1:
            return None
        return codes[0]

    # -- the check -------------------------------------------------------------------------------------

    def check(self, code_text: str, use_text: object) -> bool | None:
        """May a building of `use_text` stand on a parcel coded `code_text`?

        True: every use of the building is allowed. False: some recognised use is certainly not allowed.
        That needs every code component to be judged, since an unknown component might allow it. None:
        cannot tell (empty or unknown use, empty or unknown code).
        A multi-use building ("住宅/商业") needs all its uses allowed.
        """
        use_ids = self._use_ids(use_text)
        allowed = self.allowed_uses(code_text)
        if not use_ids or allowed is None:
            return None
        complete = not self.unknown_codes(code_text)
        undecided = False
        for use_id in use_ids:
            if use_id is None:
                undecided = True
            elif use_id not in allowed:
                if complete:
                    return False
                undecided = True
        return None if undecided else True


@lru_cache(maxsize=1)
def shipped_table() -> LandUseTable:
    """The table in resources/land_use.toml, read once per process (the engine, inspector and report share it)."""
    return LandUseTable.load()
