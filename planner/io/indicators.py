"""Read 控规 indicator cells ("≤2.5", "35%", "24-50m", "—", RJLSX/RJLXX numbers) as closed intervals."""

from __future__ import annotations

import math
import numbers
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import pandas as pd

from planner.model import INDICATORS

__all__ = [
    "INDICATORS",
    "NO_UPPER_SENTINEL",
    "RATIOS",
    "REASONS",
    "IndicatorError",
    "Limit",
    "bound_percent_assumed",
    "is_zero_placeholder",
    "parse_bound",
    "parse_limit",
]

#: Indicators held as fractions of the site area: "35%" -> 0.35.
RATIOS: frozenset[str] = frozenset({"density", "green_ratio"})

#: The side a bare number limits (DOMAIN.md 1.2): a maximum for intensity and height, a minimum for green.
_BARE_SIDE: dict[str, str] = {"far": "hi", "density": "hi", "height": "hi", "green_ratio": "lo"}

#: bxgis submission schemas write 9999 into an upper-bound column (RJLSX ...) that is not controlled;
#: read literally it would even be a 9999% density.
NO_UPPER_SENTINEL = 9999.0

#: Every IndicatorError.reason, stable ids for messages.
REASONS: tuple[str, ...] = (
    "unreadable",
    "negative",
    "percent_not_allowed",
    "over_100_percent",
    "empty_range",
    "per_use_values",
)


@dataclass(frozen=True, slots=True)
class Limit:
    """A closed interval [lo, hi] read from one cell; a None side is not controlled."""

    lo: float | None
    hi: float | None
    #: The cell as written (outer whitespace trimmed; str(value) for numbers), for the report.
    text: str
    #: A ratio written without "%" and > 1 was read as a percentage ("35" -> 0.35): worth a review warning.
    percent_assumed: bool = False

    @property
    def bounds(self) -> tuple[float | None, float | None]:
        return (self.lo, self.hi)


class IndicatorError(ValueError):
    """A cell that holds something other than a limit we can read without guessing."""

    def __init__(self, text: str, reason: str) -> None:
        # Both go to args so the exception pickles (multiprocessing) and compares sensibly.
        super().__init__(text, reason)
        self.text = text
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.reason}: {self.text!r}"


class _Reject(Exception):
    """Raised deep in the parser, where the original text is not at hand; becomes an IndicatorError."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class _Num:
    value: float
    unit: str | None  # "%", "m" or None


# --- vocabulary (matched after NFKC, so "＜" is already "<", "～" is "~", "％" is "%") ------------------

# Strict and non-strict comparators both become closed bounds: the product compares on closed intervals
# (docs/architecture.md §2.2), and in Chinese legal usage "以下/以上" include the number itself anyway.
_UPPER_PREFIXES = (
    "小于等于", "不大于", "不超过", "不高于", "不多于", "最大", "最高", "上限",
    "小于", "<=", "=<", "≤", "≦", "⩽", "≯", "<",
)
_LOWER_PREFIXES = (
    "大于等于", "不小于", "不低于", "不少于", "最小", "最低", "下限",
    "大于", ">=", "=>", "≥", "≧", "⩾", "≮", ">",
)
# Longest first, so "不小于" is not read as "小于" and "<=" not as "<".
_PREFIXES: tuple[tuple[str, str], ...] = tuple(
    sorted(
        [(c, "hi") for c in _UPPER_PREFIXES] + [(c, "lo") for c in _LOWER_PREFIXES],
        key=lambda p: -len(p[0]),
    )
)
_SUFFIXES: tuple[tuple[str, str], ...] = (("及以下", "hi"), ("及以上", "lo"), ("以下", "hi"), ("以上", "lo"))

# Optional labels in front of a value ("H≤24m", "FAR≤2.5", "容积率:2.5"), per indicator so that a
# height label on a FAR cell stays unreadable.
_LABELS: dict[str, tuple[str, ...]] = {
    "far": ("容积率", "FAR", "RJL"),
    "density": ("建筑密度", "密度", "JZMD"),
    "height": ("建筑限高", "建筑高度", "限高", "高度", "JZXG", "JZGD", "H"),
    "green_ratio": ("绿地率", "LDL"),
}


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_LABEL_RE = {k: re.compile(f"(?:{_alternation(v)})[:=]?", re.IGNORECASE) for k, v in _LABELS.items()}

# A number with an optional sign (only so that negatives are reported as such) and unit.
_NUM = r"[-−]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:%|[mM]|米)?"
_NUM_PARTS = re.compile(r"([-−]?)([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(%|[mM]|米)?")
_BARE = re.compile(_NUM)
# "——" (the usual Chinese dash) or one dash/tilde; a doubled ASCII "-" is a separator plus a minus sign.
_RANGE = re.compile(f"({_NUM})(?:——|[-−–—―~〜∼]|至|到)({_NUM})")
_LE = r"(?:<=|=<|≤|≦|⩽|<)"
_GE = r"(?:>=|=>|≥|≧|⩾|>)"
_VAR = {k: f"(?:[xX]|{_alternation(v)})" for k, v in _LABELS.items()}
_BETWEEN_UP = {k: re.compile(f"({_NUM}){_LE}{v}{_LE}({_NUM})", re.IGNORECASE) for k, v in _VAR.items()}
_BETWEEN_DOWN = {k: re.compile(f"({_NUM}){_GE}{v}{_GE}({_NUM})", re.IGNORECASE) for k, v in _VAR.items()}

# A zero with no comparator: bxgis writes 0.0 for an empty cell, so it means "not controlled".
_ZERO = re.compile(r"(?:0+(?:\.0*)?|\.0+)(?:%|[mM]|米)?")
# Dashes and slashes alone ("—", "——", "-", "/", "--") mean "not controlled".
_DASHES = re.compile(r"[-−–—―‐‑‒/]*")
_NOT_CONTROLLED_WORDS = frozenset(
    {"无", "不控制", "不限", "不限制", "不作要求", "不做要求", "不要求",
     # what None/NaN/pd.NA become after a careless astype(str) upstream
     "nan", "none", "null", "<na>", "n/a"}
)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


# --- public API -------------------------------------------------------------------------------------


def parse_limit(value: object, indicator: str) -> Limit | None:
    """Read one main-column cell (容积率 / 建筑密度 / 建筑限高 / 绿地率) as a Limit.

    None means not controlled: None, NaN, "", "—", "/", "无", "不控制" ... and a bare 0 (see
    `is_zero_placeholder`). Raises IndicatorError for anything that cannot be read without guessing.
    """
    _check_indicator(indicator)
    if _is_missing(value):
        return None
    text = _as_text(value)
    try:
        found = _limit_of(value, indicator)
    except _Reject as exc:
        raise IndicatorError(text, exc.reason) from None
    if found is None:
        return None
    lo, hi, assumed = found
    return Limit(lo, hi, text, assumed)


def parse_bound(value: object, indicator: str) -> float | None:
    """Read one cell of an upper/lower column (RJLSX, RJLXX, JZMDSX, LDLXX ...): a bare number.

    None for empty/"—"/NaN, a 0 placeholder and the 9999 "no upper bound" sentinel. Ratios follow the
    same percent rule as parse_limit ("35" -> 0.35); use `bound_percent_assumed` to learn whether it
    applied. Comparators and ranges have no place in such a column: IndicatorError("unreadable").
    """
    found = _read_bound(value, indicator)
    return None if found is None else found[0]


def bound_percent_assumed(value: object, indicator: str) -> bool:
    """True when parse_bound read this ratio cell as a percentage because it was > 1 without "%"."""
    found = _read_bound(value, indicator)
    return found is not None and found[1]


def is_zero_placeholder(value: object) -> bool:
    """True for a bare 0 (0, 0.0, "0", "0.0", "0%", "0m"): read as "not controlled", worth a warning.

    An explicit "≤0" is not a placeholder. In lower-bound columns (RJLXX ...) 0 is the normal way to say
    "no lower bound", so callers may choose not to warn there.
    """
    if isinstance(value, str):
        text = _normalise(value)
        # parse_limit drops a label first ("FAR=0"), so recognise the zero behind any indicator's label.
        return any(_ZERO.fullmatch(_without_label(text, ind)) for ind in INDICATORS)
    if _is_number(value) and not _is_missing(value):
        try:
            return float(value) == 0  # type: ignore[arg-type]
        except (OverflowError, ValueError):
            return False
    return False


# --- reading values ---------------------------------------------------------------------------------


def _check_indicator(indicator: str) -> None:
    # A wrong indicator name is a programming error, not bad data: plain ValueError, not IndicatorError.
    if indicator not in _BARE_SIDE:
        raise ValueError(f"unknown indicator {indicator!r}; expected one of {INDICATORS}")


def _is_number(value: object) -> bool:
    # bool is an int, but True in a limit column is junk, not 1; numpy's timedelta64 is an Integral, but no limit.
    return isinstance(value, (numbers.Real, Decimal)) and not isinstance(value, bool | np.timedelta64)


def _is_missing(value: object) -> bool:
    # pandas' own missing values: an empty cell of a nullable column ("Float64", "string") of a GeoDataFrame.
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, np.datetime64 | np.timedelta64):
        return bool(np.isnat(value))
    if isinstance(value, Decimal):
        return value.is_nan()  # float(Decimal("sNaN")) would raise
    if isinstance(value, numbers.Real) and not isinstance(value, numbers.Integral):
        try:
            return math.isnan(value)
        except (OverflowError, ValueError):
            return False
    return False


def _as_text(value: object) -> str:
    if isinstance(value, str):
        return value.strip()
    try:
        return str(value)
    except ValueError:  # an int past sys.get_int_max_str_digits() cannot be printed
        return f"<{type(value).__name__}>"


def _normalise(text: str) -> str:
    # NFKC folds full-width digits, "．", "＜", "～", "％", "ｍ" and the ideographic space to ASCII.
    text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    return "".join(text.split())


def _number(value: object) -> float:
    """A numeric cell (int, float, numpy, Decimal) as a finite non-negative float."""
    if not _is_number(value):
        raise _Reject("unreadable")
    try:
        number = float(value)  # type: ignore[arg-type]
    except (OverflowError, ValueError, TypeError):
        raise _Reject("unreadable") from None
    if not math.isfinite(number):
        raise _Reject("unreadable")
    if number < 0:
        raise _Reject("negative")
    return number


def _token(text: str) -> _Num:
    """One number as matched by _NUM, e.g. "35%", "24米", "−1"."""
    sign, digits, unit = _NUM_PARTS.fullmatch(text).groups()  # type: ignore[union-attr]
    if sign:
        raise _Reject("negative")
    number = float(digits)
    if not math.isfinite(number):  # a few hundred digits overflow to inf
        raise _Reject("unreadable")
    return _Num(number, None if unit is None else ("%" if unit == "%" else "m"))


def _not_controlled(text: str) -> bool:
    return _DASHES.fullmatch(text) is not None or text.lower() in _NOT_CONTROLLED_WORDS


def _scale(nums: list[_Num], indicator: str) -> tuple[list[float], bool]:
    """Check units and turn ratios into fractions; both ends of a range follow one percent reading."""
    units = {n.unit for n in nums}
    if "%" in units and indicator not in RATIOS:
        raise _Reject("percent_not_allowed")
    if "m" in units and indicator != "height":
        raise _Reject("unreadable")
    values = [n.value for n in nums]
    if indicator not in RATIOS:
        return values, False
    assumed = "%" not in units and any(v > 1 for v in values)
    if "%" in units or assumed:
        values = [v / 100 for v in values]
    if any(v > 1 for v in values):
        raise _Reject("over_100_percent")
    return values, assumed


def _one_side(num: _Num, side: str, indicator: str) -> tuple[float | None, float | None, bool]:
    (value,), assumed = _scale([num], indicator)
    return (value, None, assumed) if side == "lo" else (None, value, assumed)


def _interval(low: str, high: str, indicator: str) -> tuple[float | None, float | None, bool]:
    (lo, hi), assumed = _scale([_token(low), _token(high)], indicator)
    if lo > hi:
        raise _Reject("empty_range")
    return lo, hi, assumed


#: A cell of more "/"-separated values than this is no list of per-use values (a mixed-use parcel has a few).
_MAX_USES = 10


def _reject_per_use(text: str, read_part: Callable[[str], object]) -> None:
    """ "2.0/1.5" gives one value per use; we cannot tell which use each belongs to, so refuse it."""
    parts = text.split("/", _MAX_USES)
    if len(parts) > _MAX_USES:  # not worth reading each of a pasted text's pieces
        raise _Reject("unreadable")
    try:
        for part in parts:
            read_part(part)
    except _Reject:
        raise _Reject("unreadable") from None
    raise _Reject("per_use_values")


def _without_label(text: str, indicator: str) -> str:
    match = _LABEL_RE[indicator].match(text)
    return text if match is None else text[match.end():]


def _strip_label(text: str, indicator: str) -> str:
    rest = _without_label(text, indicator)
    if not rest:  # a label alone ("容积率") is not a value
        raise _Reject("unreadable")
    return rest


def _limit_of(value: object, indicator: str) -> tuple[float | None, float | None, bool] | None:
    if not isinstance(value, str):
        number = _number(value)
        if number == 0:
            return None
        return _one_side(_Num(number, None), _BARE_SIDE[indicator], indicator)
    text = _normalise(value)
    if _not_controlled(text):
        return None
    text = _strip_label(text, indicator)
    if _not_controlled(text) or _ZERO.fullmatch(text):
        return None
    if "/" in text:
        _reject_per_use(text, lambda part: _limit_of(part, indicator))
    return _limit_of_text(text, indicator)


def _limit_of_text(text: str, indicator: str) -> tuple[float | None, float | None, bool]:
    if _BARE.fullmatch(text):
        return _one_side(_token(text), _BARE_SIDE[indicator], indicator)
    if match := _RANGE.fullmatch(text):
        return _interval(match[1], match[2], indicator)
    if match := _BETWEEN_UP[indicator].fullmatch(text):
        return _interval(match[1], match[2], indicator)
    if match := _BETWEEN_DOWN[indicator].fullmatch(text):
        return _interval(match[2], match[1], indicator)
    for word, side in _PREFIXES:
        if text.startswith(word) and _BARE.fullmatch(text[len(word):]):
            return _one_side(_token(text[len(word):]), side, indicator)
    for word, side in _SUFFIXES:
        if text.endswith(word) and _BARE.fullmatch(text[: -len(word)]):
            return _one_side(_token(text[: -len(word)]), side, indicator)
    raise _Reject("unreadable")


def _read_bound(value: object, indicator: str) -> tuple[float, bool] | None:
    """parse_bound's work, also telling whether the percent rule was assumed."""
    _check_indicator(indicator)
    if _is_missing(value):
        return None
    try:
        return _bound_of(value, indicator)
    except _Reject as exc:
        raise IndicatorError(_as_text(value), exc.reason) from None


def _bound_of(value: object, indicator: str) -> tuple[float, bool] | None:
    if isinstance(value, str):
        text = _normalise(value)
        if _not_controlled(text) or _ZERO.fullmatch(text):
            return None
        if "/" in text:
            _reject_per_use(text, lambda part: _bound_of(part, indicator))
        if not _BARE.fullmatch(text):
            raise _Reject("unreadable")
        num = _token(text)
    else:
        num = _Num(_number(value), None)
    if num.value == 0 or (num.value == NO_UPPER_SENTINEL and num.unit is None):
        return None
    (bound,), assumed = _scale([num], indicator)
    return bound, assumed
