"""Land-use compatibility: may a building of use U stand on a parcel coded C?

The table is data (resources/land_use.toml), so an authority can edit it. This module only parses code strings,
resolves aliases, reads each code by its edition of the classification and answers the question. Pure Python: no
Qt, no pandas.

`LandUseTable.judge` answers with one of four outcomes: "allowed", "ancillary" (allowed only as 附属/配套 of the
parcel's main use: the engine warns, it does not find a violation), "not_allowed" and "unknown" (unknown use,
unknown or undecided code, a GBJ 137-90 code, a code whose edition matters but is not known, empty input). The
engine turns "unknown" into a warning and leaves land use not checked on the parcel, never a violation.
`LandUseTable.check` is the same answer as True (allowed, also as ancillary), False or None.

Editions. Letter codes are GB 50137-2011 ("2011") or, before it, GBJ 137-90 ("1990", named but never judged);
numeric codes are the 用地用海 classification of 2023 ("2023") or its 2020 trial ("2020"). A plan's edition is
given (`edition="2020"`) or told by its codes (`LandUseTable.editions_of`), see `Editions`.
"""

from __future__ import annotations

import math
import re
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["EDITIONS", "Editions", "Judgement", "LandUse", "LandUseTable", "looks_like_code", "shipped_table", "split_codes"]

#: The editions of the classification a plan's codes can follow.
EDITIONS = ("1990", "2011", "2020", "2023")
#: Each family of codes: (its older edition, its newer edition, which is the default).
_LETTERS, _DIGITS = ("1990", "2011"), ("2020", "2023")

# ----------------------------------------------------------------------------------------------------
# Code strings
# ----------------------------------------------------------------------------------------------------

# Separators after NFKC, which has already turned ／＋，；（） into /+,;(). "、" has no compatibility form.
_CODE_SEPARATORS = re.compile(r"[/、,;+|()\[\]【】\s]+")
# A bracketed part: a secondary use ("100101(080403)") or a qualifier ("R21(安置)", "M1(创)").
_BRACKETED = re.compile(r"[(\[【]([^()\[\]【】]*)[)\]】]")
# CAD layer names: "YDGIS-070102", "YD_R2". Only a letters-only prefix is stripped, so "R2-1" is left alone.
_LAYER_PREFIX = re.compile(r"^[A-Z]{2,}[-_]+")
# Zhejiang village suffix: "1001v", "1207V" mean village land of the same class.
_VILLAGE_SUFFIX = re.compile(r"(?<=\d)V$")
# "R2B1" holds two codes. The token is split only when it consists of letter codes alone and contains a
# digit, so that a word such as "YDGIS" does not turn into five one-letter codes.
_CONCATENATED = re.compile(r"(?:[A-Z]\d*){2,}")
_LETTER_CODE = re.compile(r"[A-Z]\d*")
# "RB", "BR", "Rb" (商住兼容): two or three class letters of GB 50137-2011 or GBJ 137-90, nothing else.
_CLASS_LETTERS = re.compile(r"[RABMWSUGHECTD]{2,3}")
# The only shapes a single code can take: a letter code or a numeric code. Anything else, such as the 三调 code
# "05H1", is unknown. It must not be read as "05" 湿地 by prefix matching.
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


def _token_codes(token: str) -> list[str]:
    token = _VILLAGE_SUFFIX.sub("", _LAYER_PREFIX.sub("", token.strip()))
    if not token:
        return []
    if _CONCATENATED.fullmatch(token) and any(c.isdigit() for c in token):
        return _LETTER_CODE.findall(token)
    if _CLASS_LETTERS.fullmatch(token):
        return list(token)
    if token.isdigit() and len(token) in (3, 5, 7):
        # A numeric DBF/Excel field drops the leading zero: 70102 stands for 070102, 9010501 for the local
        # eight-digit 09010501. 用地用海 codes always have an even number of digits.
        return ["0" + token]
    return [token]


def _bracketed(match: re.Match) -> str:
    """The codes inside brackets, between separators; words (a qualifier such as 安置 or 创) are dropped."""
    codes = [c for token in _CODE_SEPARATORS.split(match.group(1).upper()) for c in _token_codes(token)]
    return " " + " ".join(c for c in codes if _WELL_FORMED.fullmatch(c)) + " "


@lru_cache(maxsize=8192)
def _split_codes(text: str) -> tuple[str, ...]:
    text = _BRACKETED.sub(_bracketed, unicodedata.normalize("NFKC", text))
    out: list[str] = []
    for token in _CODE_SEPARATORS.split(text.upper()):
        out.extend(c for c in _token_codes(token) if c not in out)
    return tuple(out)


def split_codes(text: str | None) -> list[str]:
    """Split a parcel's land-use code string into component codes, normalised (NFKC, upper case).

    "R2/B1", "R2／B1", "R2、B1", "R2+B1", "R2 B1" and "R2B1" all give ["R2", "B1"]; "RB", "BR" and "Rb" (商住兼容)
    give the two letters. "100101(080403)" gives ["100101", "080403"], while a word in brackets qualifies the code
    and is dropped: "R21(安置)" and "R21（安置）" give ["R21"], "M1(创)" gives ["M1"]. "1001v" gives ["1001"],
    "YDGIS-070102" gives ["070102"], and a number that lost its leading zero gets it back (70102 -> "070102",
    9010501 -> "09010501"). Duplicates are dropped and the order is kept. Empty text gives [].
    """
    return list(_split_codes(_text(text)))


def looks_like_code(text: object) -> bool:
    """Whether a land-use text is written as a code ("R2", "070102", "R2/B1", "100101(080403)") rather than
    as a name ("二类居住用地"): its first component has the shape of a code."""
    codes = _split_codes(_text(text))
    return bool(codes) and bool(_WELL_FORMED.fullmatch(codes[0]))


def _is_letter(code: str) -> bool:
    return code[:1].isalpha()


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
    """One land-use code of one edition.

    `uses` are allowed outright (for a class: the union over its subclasses); None when nothing is decided.
    `ancillary` uses are allowed only as 附属/配套 of the main use. `complete` is False when some subclass, or the
    code itself, is undecided: a use outside `uses` and `ancillary` is then "cannot tell", not "not allowed".
    `source` names the [sources] its reading rests on.
    """

    code: str
    zh: str
    en: str
    uses: frozenset[str] | None
    ancillary: frozenset[str] = frozenset()
    complete: bool = True
    edition: str = ""
    source: tuple[str, ...] = ()

    def name(self, lang: str = "zh") -> str:
        return self.zh if lang.startswith("zh") else self.en

    def _rules(self) -> tuple:
        return self.uses, self.ancillary, self.complete


@dataclass(frozen=True, slots=True)
class Editions:
    """How a plan's codes are read: the edition of its letter codes and of its numeric codes.

    `letters` is "1990" or "2011"; `digits` is "2020" or "2023". Either is None when the plan's codes are of both
    editions (`mixed`), and `digits` is also None when nothing tells the edition: a code the two editions read
    differently is then judged only where both readings agree (letter codes are GB 50137-2011 unless a code tells
    otherwise). `evidence` lists, per edition, the plan's codes that only it has. `declared` is the edition the
    plan was said to use, if any.
    """

    letters: str | None = "2011"
    digits: str | None = None
    declared: str | None = None
    evidence: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def codes_only_in(self, edition: str) -> tuple[str, ...]:
        return dict(self.evidence).get(edition, ())

    def notes(self) -> list[tuple[str, dict[str, Any]]]:
        """What the plan should be told about its editions, as (warning code, details) pairs:

        * land_use_edition_conflict: the plan was said to use one edition, but has codes only the other one of
          that family has (they are read by the edition that has them);
        * land_use_editions_mixed: no edition was said, and the codes are of both editions of a family;
        * land_use_edition_found: no edition was said, and codes only GBJ 137-90 or the 2020 trial have tell it.
        """
        notes: list[tuple[str, dict[str, Any]]] = []
        for older, newer in (_LETTERS, _DIGITS):
            old, new = self.codes_only_in(older), self.codes_only_in(newer)
            if self.declared in (older, newer):
                other = newer if self.declared == older else older
                if self.codes_only_in(other):
                    notes.append(("land_use_edition_conflict", {
                        "edition": self.declared, "other_edition": other, "codes": list(self.codes_only_in(other))}))
            elif old and new:
                notes.append(("land_use_editions_mixed", {"edition": older, "codes": list(old),
                                                          "other_edition": newer, "other_codes": list(new)}))
            elif old:
                notes.append(("land_use_edition_found", {"edition": older, "codes": list(old)}))
        return notes


#: judge()'s outcomes, best first for a use (some component allows it outright > ancillary > not allowed).
ALLOWED, ANCILLARY, NOT_ALLOWED, UNKNOWN = "allowed", "ancillary", "not_allowed", "unknown"
#: Why a judgement is "unknown": the building's use is not recognised; the code is not in the table; the code
#: is too coarse or outside ordinary permits; it is a GBJ 137-90 code; its edition matters and is not known.
REASONS = ("use", "code", "undecided", "old_edition", "edition")


@dataclass(frozen=True, slots=True)
class Judgement:
    """May a building stand on a parcel: `outcome` is "allowed", "ancillary", "not_allowed" or "unknown".

    `ancillary` lists (use id, component code) pairs allowed only as ancillary (for "ancillary"); `reasons` says
    why the answer is "unknown" (REASONS), also when a certain "not_allowed" made the rest moot.
    """

    outcome: str
    ancillary: tuple[tuple[str, str], ...] = ()
    reasons: tuple[str, ...] = ()


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
    #: edition -> normalised code -> entry. Entries already include the ancillary use when `ancillary_anywhere`
    #: is set, and a class the union of its subclasses.
    editions: dict[str, dict[str, LandUse]]
    source: Path | None = None
    #: The use id of ancillary structures (门卫, 设备用房 ...), allowed wherever any building is.
    ancillary_use: str | None = None
    #: source key -> the reference it stands for ([sources] of the file).
    sources: dict[str, str] = field(default_factory=dict)
    # The engine asks once per unique (code, use) pair, but the same code text recurs across pairs.
    _code_cache: dict[tuple, tuple[tuple[str, tuple[LandUse, ...]], ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _use_cache: dict[str, tuple[str | None, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    #: normalised land-use name (zh or en) -> the codes bearing it, in file order; built on first use.
    _names: dict[str, tuple[str, ...]] = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def land_uses(self) -> dict[str, LandUse]:
        """The current editions' entries: GB 50137-2011 letter codes and 2023 用地用海 numeric codes."""
        return {**self.editions.get("2011", {}), **self.editions.get("2023", {})}

    # -- loading ---------------------------------------------------------------------------------------

    @classmethod
    def load(cls, path: Path | str | None = None) -> LandUseTable:
        """Read the table from TOML (default: the shipped resources/land_use.toml).

        Raises ValueError naming the problem if the file is inconsistent: an unknown use under a code, an alias
        shared by two uses, a malformed code, a code in the wrong edition's section, an unknown source key. An
        official who edits the file sees the typo at once, instead of getting silently wrong results.
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
        anywhere = ancillary if ancillary and data.get("ancillary_anywhere", False) else None
        sources = {str(k): str(v) for k, v in data.get("sources", {}).items()}

        raw: dict[str, dict[str, dict]] = {edition: {} for edition in EDITIONS}
        for section, letters_in, editions_of_digits in (("land_use", "2011", None), ("land_use_2020", None, "2020"),
                                                         ("land_use_1990", "1990", None)):
            for raw_code, spec in data.get(section, {}).items():
                parts = _split_codes(raw_code)
                if len(parts) != 1 or not _WELL_FORMED.fullmatch(parts[0]):
                    raise ValueError(f"{where}{section} key {raw_code!r} is not a single land-use code")
                code = parts[0]
                unknown = sorted({*spec.get("uses", ()), *spec.get("ancillary", ())} - uses.keys())
                if unknown:
                    raise ValueError(f"{where}{section} {raw_code!r} names unknown uses {unknown}")
                unknown = sorted(set(spec.get("source", ())) - sources.keys())
                if unknown:
                    raise ValueError(f"{where}{section} {raw_code!r} names unknown sources {unknown}")
                if _is_letter(code):
                    if letters_in is None or "editions" in spec:
                        raise ValueError(f"{where}{section} {raw_code!r}: a letter code belongs in [land_use] "
                                         "(GB 50137-2011) or [land_use_1990], without `editions`")
                    raw[letters_in][code] = spec
                    continue
                if section == "land_use_1990":
                    raise ValueError(f"{where}{section} {raw_code!r}: GBJ 137-90 codes are letter codes")
                in_editions = [editions_of_digits] if editions_of_digits else list(spec.get("editions", _DIGITS))
                if not set(in_editions) <= set(_DIGITS) or not in_editions:
                    raise ValueError(f"{where}{section} {raw_code!r}: editions must be among {list(_DIGITS)}")
                for edition in in_editions:
                    raw[edition][code] = spec
        tables = {edition: _resolve(raw[edition], edition, anywhere) for edition in EDITIONS}
        return cls(uses=uses, aliases=aliases, editions=tables, source=source, ancillary_use=ancillary,
                   sources=sources)

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

    # -- editions --------------------------------------------------------------------------------------

    def _exact(self, code: str, edition: str) -> LandUse | None:
        return self.editions[edition].get(code)

    def _fallback(self, code: str, edition: str) -> LandUse | None:
        """The entry of the longest code that is a prefix of `code` (itself included), in one edition.

        A numeric code falls back only to a class of four digits or more, or to one without subclasses: the
        用地用海 code list is closed, so "0799" is no kind of 07, while the local "09010501" is a 090105 and
        "1601" a 16.
        """
        if not _WELL_FORMED.fullmatch(code):
            return None
        table = self.editions[edition]
        if _is_letter(code):
            for end in range(len(code), 0, -1):
                if code[:end] in table:
                    return table[code[:end]]
            return None
        entry = table.get(code)
        if entry is not None or len(code) % 2:
            return entry
        for end in range(len(code) - 2, 1, -2):
            entry = table.get(code[:end])
            if entry is not None:
                leaf = not any(other.startswith(entry.code) and other != entry.code for other in table)
                return entry if end >= 4 or leaf else None
        return None

    def _only_in(self, code: str) -> str | None:
        """The edition that alone has `code`, within its family (letters: 1990/2011; digits: 2020/2023)."""
        older, newer = _LETTERS if _is_letter(code) else _DIGITS
        if not _is_letter(code):  # the two 用地用海 editions: a code exactly in one and not the other tells
            exact = self._exact(code, older) is not None, self._exact(code, newer) is not None
            if exact[0] != exact[1]:
                return older if exact[0] else newer
            if any(exact):
                return None
        # Letters: GBJ 137-90 codes that GB 50137-2011 cannot read even as a class (C, T, D), and the other way
        # round (A, B, H). A code both can read (R23 is 1990's and a 2011 R2) tells nothing: local codes (R211,
        # U4 干渠, M11) extend 2011 classes with numbers 1990 also used.
        found = self._fallback(code, older) is not None, self._fallback(code, newer) is not None
        if found[0] != found[1]:
            return older if found[0] else newer
        return None

    def editions_of(self, code_texts: Iterable[object], declared: str | None = None) -> Editions:
        """How a plan whose parcels carry `code_texts` is read: its `declared` edition for that family of codes,
        else the edition its codes tell (codes only one edition has), else GB 50137-2011 for letters and, for
        numeric codes, whichever reading of the two 用地用海 editions agrees."""
        if declared is not None and declared not in EDITIONS:
            raise ValueError(f"land-use edition {declared!r} is not one of {', '.join(EDITIONS)}")
        evidence: dict[str, list[str]] = {edition: [] for edition in EDITIONS}
        seen: set[str] = set()
        for text in code_texts:
            for code in _split_codes(_text(text)):
                if code in seen:
                    continue
                seen.add(code)
                edition = self._only_in(code)
                if edition is not None:
                    evidence[edition].append(code)
        chosen = []
        for (older, newer), default in ((_LETTERS, "2011"), (_DIGITS, None)):
            if declared in (older, newer):
                chosen.append(declared)
            elif evidence[older] and evidence[newer]:
                chosen.append(None)
            elif evidence[older]:
                chosen.append(older)
            elif evidence[newer]:
                chosen.append(newer)
            else:
                chosen.append(default)
        return Editions(letters=chosen[0], digits=chosen[1], declared=declared,
                        evidence=tuple((e, tuple(codes)) for e, codes in evidence.items() if codes))

    def _editions(self, code_text: object, edition: Editions | str | None) -> Editions:
        if isinstance(edition, Editions):
            return edition
        return self.editions_of([code_text], edition)

    def _readings(self, code: str, editions: Editions) -> tuple[LandUse, ...]:
        """The entries `code` is read as: none (unknown), one, or two when the plan's edition is not known and
        the two editions of its family read it differently (then a verdict needs both to agree)."""
        older, newer = _LETTERS if _is_letter(code) else _DIGITS
        chosen = editions.letters if _is_letter(code) else editions.digits
        if chosen is not None:
            other = older if chosen == newer else newer
            if _is_letter(code):  # the plan's edition, its classes included, before the other
                entry = self._fallback(code, chosen) or self._fallback(code, other)
            else:  # the 用地用海 editions: a code exactly in either before a class of it
                entry = (self._exact(code, chosen) or self._exact(code, other) or self._fallback(code, chosen)
                         or self._fallback(code, other))
            return (entry,) if entry is not None else ()
        for look in (self._exact, self._fallback):
            found = [e for e in (look(code, newer), look(code, older)) if e is not None]
            if len(found) == 2 and found[0]._rules() == found[1]._rules():
                found = found[:1]
            if found:
                return tuple(found)
        return ()

    # -- codes -----------------------------------------------------------------------------------------

    def _components(self, code_text: object,
                    editions: Editions) -> tuple[tuple[str, tuple[LandUse, ...]], ...]:
        raw = _text(code_text)
        key = (raw, editions.letters, editions.digits)
        cached = self._code_cache.get(key)
        if cached is None:
            cached = tuple((c, self._readings(c, editions)) for c in _split_codes(raw))
            self._code_cache[key] = cached
        return cached

    def lookup(self, code: str, edition: Editions | str | None = None) -> LandUse | None:
        """The entry one component code is read as (the 2023 reading when the edition is not known)."""
        readings = self._readings(code, self._editions(code, edition))
        return readings[0] if readings else None

    def unknown_codes(self, code_text: str, edition: Editions | str | None = None) -> list[str]:
        """Components the table cannot fully judge: codes with no entry, undecided entries (e.g. H11), classes
        with an undecided subclass (H), GBJ 137-90 codes, and codes whose reading depends on an unknown edition."""
        comps = self._components(code_text, self._editions(code_text, edition))
        return [c for c, readings in comps if len(readings) != 1 or not readings[0].complete]

    def edition_pair(self, code_text: str, edition: Editions | str | None = None) -> tuple[str, str] | None:
        """The two editions (older, newer) that read the first component of `code_text` differently when the plan's
        edition is not known, or None when every component has one reading."""
        for code, readings in self._components(code_text, self._editions(code_text, edition)):
            if len(readings) > 1:
                return _LETTERS if _is_letter(code) else _DIGITS
        return None

    def allowed_uses(self, code_text: str, edition: Editions | str | None = None) -> frozenset[str] | None:
        """Uses allowed outright on a parcel: the union over the components the table can judge.

        A mixed code tolerates an unknown component: "R2/X9" gives R2's uses. The result is None only when
        no component can be judged (or the text is empty). The set can therefore be incomplete. Use
        `unknown_codes` (or `judge`, which does) before calling a use outside it a violation. Uses allowed only
        as ancillary are not in it.
        """
        comps = self._components(code_text, self._editions(code_text, edition))
        judged = [readings[0].uses for _, readings in comps if readings and readings[0].uses is not None]
        if not judged:
            return None
        return frozenset().union(*judged)

    def land_use_name(self, code_text: str, lang: str = "zh", edition: Editions | str | None = None) -> str | None:
        """Display name of a code string. The names of mixed codes are joined with " / ", and an unknown
        component shows as its code. None if the text is empty or no component is known."""
        comps = self._components(code_text, self._editions(code_text, edition))
        if not any(readings for _, readings in comps):
            return None
        return " / ".join(readings[0].name(lang) if readings else c for c, readings in comps)

    def code_for_name(self, name: object, family: str | None = None) -> str | None:
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
        if family is None and len(parts) > 1:  # the parts of one mixed name follow one family
            family = self.name_family(parts)
        codes = [self._code_of_name(p, family) for p in parts]
        if not codes or None in codes:
            return None
        return "/".join(dict.fromkeys(codes))  # type: ignore[arg-type]

    def name_family(self, names: list[object]) -> str | None:
        """Which family of codes a column of land-use names follows ("letters" or "digits"): the one that more of
        its names belong to; None when they tie."""
        if not self._names:
            self.code_for_name("")
        votes = {"letters": 0, "digits": 0}
        for name in names:
            for part in _USE_SEPARATORS.split(unicodedata.normalize("NFKC", _text(name))):
                key = _norm_alias(part)
                codes = self._names.get(key) or self._names.get(key + "用地") or ()
                for family in {"letters" if _is_letter(c) else "digits" for c in codes}:
                    votes[family] += 1
        if votes["letters"] == votes["digits"]:
            return None
        return max(votes, key=votes.get)

    def _code_of_name(self, name: str, family: str | None = None) -> str | None:
        key = _norm_alias(name)
        codes = self._names.get(key) or ((self._names.get(key + "用地") or ()) if not key.endswith("用地") else ())
        if family is not None:  # "letters" (GB 50137-2011) or "digits" (用地用海): "商业用地" is B1 or 0901
            codes = tuple(c for c in codes if _is_letter(c) == (family == "letters"))
        if not codes:
            return None
        if len({self.land_uses[c].uses for c in codes}) > 1:
            return None
        return codes[0]

    # -- the check -------------------------------------------------------------------------------------

    def judge(self, code_text: object, use_text: object, edition: Editions | str | None = None) -> Judgement:
        """May a building of `use_text` stand on a parcel coded `code_text`?

        Each use of the building is judged on each component of the code: allowed outright by some component
        ("allowed"), else allowed as ancillary by some component ("ancillary"), else not allowed, unless a
        component cannot judge it ("unknown": an unknown, undecided or GBJ 137-90 code, or one whose two edition
        readings disagree). The building is "not_allowed" if any of its recognised uses certainly is, else
        "unknown" if any use is not recognised or not judged, else "ancillary" if any use is only ancillary, else
        "allowed". `edition`: the plan's `Editions` (editions_of), an edition it uses, or None (told by the code).
        """
        editions = self._editions(code_text, edition)
        use_ids = self._use_ids(use_text)
        comps = self._components(code_text, editions)
        if not use_ids:
            return Judgement(UNKNOWN, reasons=("use",))
        if not comps:
            return Judgement(UNKNOWN, reasons=("code",))
        outcomes, ancillary, reasons = [], [], []
        for use_id in use_ids:
            if use_id is None:
                outcomes.append(UNKNOWN)
                reasons.append("use")
                continue
            found = [(c, self._status(use_id, readings)) for c, readings in comps]
            statuses = [s for _, (s, _why) in found]
            if ALLOWED in statuses:
                outcomes.append(ALLOWED)
            elif ANCILLARY in statuses:
                outcomes.append(ANCILLARY)
                ancillary.append((use_id, next(c for c, (s, _why) in found if s == ANCILLARY)))
            elif UNKNOWN in statuses:
                outcomes.append(UNKNOWN)
                reasons.extend(why for _, (s, why) in found if s == UNKNOWN)
            else:
                outcomes.append(NOT_ALLOWED)
        for outcome in (NOT_ALLOWED, UNKNOWN, ANCILLARY):
            if outcome in outcomes:
                break
        else:
            outcome = ALLOWED
        return Judgement(outcome, tuple(ancillary) if outcome == ANCILLARY else (), tuple(dict.fromkeys(reasons)))

    @staticmethod
    def _status(use_id: str, readings: tuple[LandUse, ...]) -> tuple[str, str]:
        """(outcome, why unknown) of one use on one component."""
        if not readings:
            return UNKNOWN, "code"
        found = []
        for entry in readings:
            if entry.uses is not None and use_id in entry.uses:
                found.append((ALLOWED, ""))
            elif use_id in entry.ancillary:
                found.append((ANCILLARY, ""))
            elif not entry.complete:
                found.append((UNKNOWN, "old_edition" if entry.edition == "1990" else "undecided"))
            else:
                found.append((NOT_ALLOWED, ""))
        if len(set(found)) > 1:
            return UNKNOWN, "edition"
        return found[0]

    def check(self, code_text: str, use_text: object, edition: Editions | str | None = None) -> bool | None:
        """`judge` as True (allowed, also as ancillary only), False (not allowed) or None (cannot tell).

        A multi-use building ("住宅/商业") needs all its uses allowed.
        """
        outcome = self.judge(code_text, use_text, edition).outcome
        return None if outcome == UNKNOWN else outcome != NOT_ALLOWED


def _resolve(raw: dict[str, dict], edition: str, anywhere: str | None) -> dict[str, LandUse]:
    """One edition's entries, with each class's uses the union of its subclasses' and each `ancillary` list
    applied to the class that has it, its subclasses and its superclasses (minus what they allow outright)."""
    codes = sorted(raw, key=len)
    below = {c: [d for d in codes if d != c and d.startswith(c)] for c in codes}
    above = {c: [a for a in codes if a != c and c.startswith(a)] for c in codes}
    uses: dict[str, frozenset[str] | None] = {}
    complete: dict[str, bool] = {}
    for code in sorted(codes, key=len, reverse=True):  # subclasses first
        own = raw[code].get("uses")
        children = [d for d in below[code] if not any(d.startswith(m) for m in below[code] if m != d and len(m) < len(d))]
        if not children:
            uses[code] = None if own is None else frozenset(own)
            complete[code] = own is not None
            continue
        decided = [uses[d] for d in children if uses[d] is not None]
        if own is not None:
            decided.append(frozenset(own))
        uses[code] = frozenset().union(*decided) if decided else None
        complete[code] = all(complete[d] for d in children)
    out: dict[str, LandUse] = {}
    for code in raw:
        spec = raw[code]
        allowed = uses[code]
        if allowed and anywhere:  # an empty list (roads, water, 留白) stays empty: no building at all
            allowed = allowed | {anywhere}
        related = [*above[code], code, *below[code]]
        extra = frozenset(u for c in related for u in raw[c].get("ancillary", ())) - (allowed or frozenset())
        source = next((tuple(raw[c]["source"]) for c in [code, *sorted(above[code], key=len, reverse=True)]
                       if raw[c].get("source")), ())
        zh = spec.get("zh", code)
        out[code] = LandUse(code, zh, spec.get("en", zh), allowed, extra, complete[code], edition, source)
    return out


@lru_cache(maxsize=1)
def shipped_table() -> LandUseTable:
    """The table in resources/land_use.toml, read once per process (the engine, inspector and report share it)."""
    return LandUseTable.load()
