"""Tests for planner.io.indicators: reading 控规 indicator cells into closed intervals."""

from __future__ import annotations

import math
import pickle
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from planner.io.indicators import (
    INDICATORS,
    NO_UPPER_SENTINEL,
    REASONS,
    IndicatorError,
    Limit,
    bound_percent_assumed,
    is_zero_placeholder,
    parse_bound,
    parse_limit,
)

RATIOS = ("density", "green_ratio")
NAN = float("nan")


def fullwidth(text: str) -> str:
    """The full-width form a Chinese IME produces: ASCII 0x21-0x7E shifted to U+FF01.., space to U+3000."""
    return "".join(
        "\u3000" if c == " " else chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text
    )


def plain(x: float) -> str:
    """x written the way a person would: positional, shortest round-tripping digits, no exponent."""
    return format(Decimal(repr(x)), "f")


def as_fraction(x: float, percent: bool) -> float:
    """What a ratio cell holding x means, by the percent rule."""
    return x / 100 if percent or x > 1 else x


def close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= 1e-12


# --- the table: every accepted form ------------------------------------------------------------------

# (value, indicator, lo, hi, percent_assumed)
ACCEPTED = [
    # bare numbers: the direction depends on the indicator (DOMAIN.md 1.2)
    ("2.5", "far", None, 2.5, False),
    ("30%", "density", None, 0.30, False),
    ("24", "height", None, 24.0, False),
    ("35%", "green_ratio", 0.35, None, False),
    ("0.35", "green_ratio", 0.35, None, False),
    ("35", "green_ratio", 0.35, None, True),
    ("35", "density", None, 0.35, True),
    ("0.3", "density", None, 0.3, False),
    ("1", "density", None, 1.0, False),  # <= 1 without "%" is a fraction
    ("100", "density", None, 1.0, True),
    ("100%", "green_ratio", 1.0, None, False),
    ("1.5", "density", None, 0.015, True),  # > 1 without "%": read as 1.5 %, flagged
    (".5", "far", None, 0.5, False),
    ("2.", "far", None, 2.0, False),
    ("  2.5 ", "far", None, 2.5, False),
    # numeric cells (DBF numeric fields, numpy scalars, Decimal)
    (2.5, "far", None, 2.5, False),
    (24, "height", None, 24.0, False),
    (35, "green_ratio", 0.35, None, True),
    (0.35, "density", None, 0.35, False),
    (np.float64(2.5), "far", None, 2.5, False),
    (np.int64(24), "height", None, 24.0, False),
    (np.float32(0.5), "density", None, 0.5, False),
    (Decimal("1.8"), "far", None, 1.8, False),
    # symbol comparators, ASCII and full-width
    ("≤2.5", "far", None, 2.5, False),
    ("<2.5", "far", None, 2.5, False),  # strict is read as closed on purpose
    ("＜2.5", "far", None, 2.5, False),
    ("<=2.5", "far", None, 2.5, False),
    ("≦2.5", "far", None, 2.5, False),
    ("≥1.0", "far", 1.0, None, False),
    (">1.0", "far", 1.0, None, False),
    ("＞1.0", "far", 1.0, None, False),
    (">=1.0", "far", 1.0, None, False),
    ("≧1.0", "far", 1.0, None, False),
    ("≥35%", "green_ratio", 0.35, None, False),
    ("≤20%", "green_ratio", None, 0.20, False),  # industrial green maximum
    ("≥30%", "density", 0.30, None, False),  # industrial 建筑系数-style minimum
    ("≤35", "density", None, 0.35, True),
    ("≤60米", "height", None, 60.0, False),
    ("≤24m", "height", None, 24.0, False),
    ("≤24M", "height", None, 24.0, False),
    ("≤0", "far", None, 0.0, False),  # an explicit comparator makes 0 a real limit
    ("≥0", "far", 0.0, None, False),
    # full-width digits, point, percent, space
    ("２．５", "far", None, 2.5, False),
    ("≤２．５", "far", None, 2.5, False),
    ("３５％", "green_ratio", 0.35, None, False),
    ("≥\u3000３５％", "green_ratio", 0.35, None, False),
    ("２４ｍ", "height", None, 24.0, False),
    ("≤ 2.5", "far", None, 2.5, False),
    ("2 .5", "far", None, 2.5, False),
    # Chinese comparator words
    ("不大于2.5", "far", None, 2.5, False),
    ("不超过24米", "height", None, 24.0, False),
    ("不高于60m", "height", None, 60.0, False),
    ("小于等于30%", "density", None, 0.30, False),
    ("小于2.0", "far", None, 2.0, False),
    ("不小于35%", "green_ratio", 0.35, None, False),
    ("不低于30%", "green_ratio", 0.30, None, False),
    ("不少于30%", "green_ratio", 0.30, None, False),
    ("大于等于1.0", "far", 1.0, None, False),
    ("大于1.0", "far", 1.0, None, False),
    ("24米以下", "height", None, 24.0, False),
    ("24米及以下", "height", None, 24.0, False),
    ("35%以上", "green_ratio", 0.35, None, False),
    ("1.0以上", "far", 1.0, None, False),
    # ranges, every separator, units on either or both ends
    ("1.5-2.5", "far", 1.5, 2.5, False),
    ("1.5~2.5", "far", 1.5, 2.5, False),
    ("1.5～2.5", "far", 1.5, 2.5, False),
    ("1.5—2.5", "far", 1.5, 2.5, False),
    ("1.5——2.5", "far", 1.5, 2.5, False),
    ("1.5–2.5", "far", 1.5, 2.5, False),
    ("1.5－2.5", "far", 1.5, 2.5, False),
    ("1.5至2.5", "far", 1.5, 2.5, False),
    ("1.5 - 2.5", "far", 1.5, 2.5, False),
    ("2.5-2.5", "far", 2.5, 2.5, False),
    ("0-2.5", "far", 0.0, 2.5, False),
    ("30%-40%", "density", 0.30, 0.40, False),
    ("30-40%", "density", 0.30, 0.40, False),
    ("30%-40", "green_ratio", 0.30, 0.40, False),
    ("0.3-0.4", "green_ratio", 0.30, 0.40, False),
    ("30-40", "green_ratio", 0.30, 0.40, True),
    ("0.5-40", "density", 0.005, 0.40, True),  # one reading for both ends
    ("24-50m", "height", 24.0, 50.0, False),
    ("24m-50m", "height", 24.0, 50.0, False),
    ("24米-50米", "height", 24.0, 50.0, False),
    ("２４～５０ｍ", "height", 24.0, 50.0, False),
    ("1.0≤x≤2.5", "far", 1.0, 2.5, False),
    ("1.0<FAR<2.5", "far", 1.0, 2.5, False),
    ("2.5≥x≥1.0", "far", 1.0, 2.5, False),
    # labels in front
    ("H≤24m", "height", None, 24.0, False),
    ("h≤24", "height", None, 24.0, False),
    ("FAR≤2.5", "far", None, 2.5, False),
    ("容积率：2.5", "far", None, 2.5, False),
    ("绿地率≥35%", "green_ratio", 0.35, None, False),
    ("建筑密度≤30%", "density", None, 0.30, False),
]


@pytest.mark.parametrize(("value", "indicator", "lo", "hi", "assumed"), ACCEPTED)
def test_accepted_forms(value, indicator, lo, hi, assumed):
    limit = parse_limit(value, indicator)
    assert isinstance(limit, Limit)
    assert close(limit.lo, lo) and close(limit.hi, hi), limit
    assert limit.percent_assumed is assumed
    assert limit.text == (value.strip() if isinstance(value, str) else str(value))
    assert limit.bounds == (limit.lo, limit.hi)


NOT_CONTROLLED = [
    None, NAN, np.float64("nan"), np.float32("nan"), Decimal("NaN"),
    "", " ", "\u3000", "\t\n", "—", "——", "-", "--", "－", "/", "／", "–", "无", "不控制", "不限",
    "nan", "NaN", "None", "<NA>",
]


@pytest.mark.parametrize("indicator", INDICATORS)
@pytest.mark.parametrize("value", NOT_CONTROLLED)
def test_not_controlled(value, indicator):
    assert parse_limit(value, indicator) is None
    assert parse_bound(value, indicator) is None
    assert not is_zero_placeholder(value)


ZEROS = [0, 0.0, -0.0, np.float64(0), np.int32(0), Decimal("0"), "0", "0.0", "0.00", "00", ".0", "0%", "0m",
         "０", "０．０", " 0 "]


@pytest.mark.parametrize("indicator", INDICATORS)
@pytest.mark.parametrize("value", ZEROS)
def test_zero_placeholder(value, indicator):
    # bxgis writes 0.0 for an empty cell: not "FAR <= 0", and the engine can warn about it.
    assert is_zero_placeholder(value)
    assert parse_limit(value, indicator) is None
    assert parse_bound(value, indicator) is None


def test_labelled_zero_placeholder():
    assert is_zero_placeholder("FAR=0") and parse_limit("FAR=0", "far") is None
    assert is_zero_placeholder("H=0m") and parse_limit("H0m", "height") is None


@pytest.mark.parametrize("value", ["≤0", "0-2.5", "0.5", "1", 1, "-0", "2.0/0", True, "abc", None, NAN])
def test_not_zero_placeholder(value):
    assert not is_zero_placeholder(value)


# (value, indicator, reason)
REJECTED = [
    ("住宅计容建筑面积不大于3.20万方", "far", "unreadable"),
    ("见图则", "far", "unreadable"),
    ("2.5a", "far", "unreadable"),
    ("≤2.5a", "far", "unreadable"),
    ("a2.5", "far", "unreadable"),
    ("2,5", "far", "unreadable"),
    ("2.5.1", "far", "unreadable"),
    ("≤", "far", "unreadable"),
    ("≤≤2.5", "far", "unreadable"),
    ("≤2.5以下", "far", "unreadable"),
    ("≤1.5-2.5", "far", "unreadable"),
    ("1.5-", "far", "unreadable"),
    ("1.5-2.5-3.5", "far", "unreadable"),
    ("18层", "height", "unreadable"),
    ("24m", "far", "unreadable"),  # metres only on heights
    ("30米", "density", "unreadable"),
    ("H≤24", "far", "unreadable"),  # a height label on a FAR cell
    ("容积率", "far", "unreadable"),
    ("1e3", "far", "unreadable"),
    ("inf", "far", "unreadable"),
    (float("inf"), "height", "unreadable"),
    (10**400, "far", "unreadable"),
    (True, "far", "unreadable"),
    (b"2.5", "far", "unreadable"),
    ("1" * 400, "far", "unreadable"),
    ("-1", "far", "negative"),
    ("−1", "far", "negative"),
    ("-0", "far", "negative"),
    ("≤-2.5", "far", "negative"),
    ("≥-35%", "green_ratio", "negative"),
    ("-1-2", "far", "negative"),
    ("1--2", "far", "negative"),
    (-2.5, "far", "negative"),
    (np.float64(-1), "height", "negative"),
    ("35%", "far", "percent_not_allowed"),
    ("≤35%", "height", "percent_not_allowed"),
    ("1-2%", "far", "percent_not_allowed"),
    ("24m-50%", "height", "percent_not_allowed"),
    ("150%", "density", "over_100_percent"),
    ("≥101%", "green_ratio", "over_100_percent"),
    ("150", "green_ratio", "over_100_percent"),
    (150, "density", "over_100_percent"),
    ("30-150", "density", "over_100_percent"),
    ("2.5-1.5", "far", "empty_range"),
    ("50-24m", "height", "empty_range"),
    ("40%-30%", "green_ratio", "empty_range"),
    ("2.5≤x≤1.5", "far", "empty_range"),
    ("2.0/1.5", "far", "per_use_values"),
    ("2.0／1.5", "far", "per_use_values"),
    ("≤2.0/≤1.5", "far", "per_use_values"),
    ("24/50", "height", "per_use_values"),
    ("35%/30%", "green_ratio", "per_use_values"),
    ("2.0/—", "far", "per_use_values"),
    ("2.0/abc", "far", "unreadable"),
]


@pytest.mark.parametrize(("value", "indicator", "reason"), REJECTED)
def test_rejected_forms(value, indicator, reason):
    with pytest.raises(IndicatorError) as info:
        parse_limit(value, indicator)
    assert info.value.reason == reason
    assert info.value.reason in REASONS
    assert isinstance(info.value, ValueError)
    assert info.value.text  # always something to show


def test_error_keeps_original_text_and_pickles():
    with pytest.raises(IndicatorError) as info:
        parse_limit(" ２．０／１．５ ", "far")
    assert info.value.text == "２．０／１．５"
    assert info.value.reason == "per_use_values"
    again = pickle.loads(pickle.dumps(info.value))
    assert (again.text, again.reason) == (info.value.text, info.value.reason)
    assert "per_use_values" in str(info.value)


@pytest.mark.parametrize("func", [parse_limit, parse_bound, bound_percent_assumed])
def test_unknown_indicator_is_a_programming_error(func):
    with pytest.raises(ValueError) as info:
        func("2.5", "plot_ratio")
    assert not isinstance(info.value, IndicatorError)


def test_indicator_names():
    assert INDICATORS == ("far", "density", "height", "green_ratio")


def test_limit_is_frozen():
    limit = Limit(None, 2.5, "2.5")
    with pytest.raises(AttributeError):
        limit.hi = 3.0  # type: ignore[misc]
    assert limit.percent_assumed is False


# --- upper/lower columns ---------------------------------------------------------------------------

# (value, indicator, expected, percent_assumed)
BOUNDS = [
    ("2.5", "far", 2.5, False),
    (2.5, "far", 2.5, False),
    (np.float64(1.2), "far", 1.2, False),
    ("２．５", "far", 2.5, False),
    ("35", "density", 0.35, True),
    (35.0, "green_ratio", 0.35, True),
    ("35%", "green_ratio", 0.35, False),
    ("0.35", "density", 0.35, False),
    ("24m", "height", 24.0, False),
    ("24米", "height", 24.0, False),
    (9999, "far", None, False),  # bxgis "no upper bound"
    ("9999", "density", None, False),
    ("9999.0", "height", None, False),
    (0.0, "far", None, False),  # bxgis "no lower bound"
    ("0", "green_ratio", None, False),
    ("", "far", None, False),
    ("—", "far", None, False),
    (None, "far", None, False),
    (NAN, "far", None, False),
]


@pytest.mark.parametrize(("value", "indicator", "expected", "assumed"), BOUNDS)
def test_parse_bound(value, indicator, expected, assumed):
    assert close(parse_bound(value, indicator), expected)
    assert bound_percent_assumed(value, indicator) is assumed


@pytest.mark.parametrize(
    ("value", "indicator", "reason"),
    [
        ("≤2.5", "far", "unreadable"),  # the column says which side; a comparator in it is junk
        ("1.5-2.5", "far", "unreadable"),
        ("见图则", "far", "unreadable"),
        ("2.5a", "far", "unreadable"),
        ("24m", "far", "unreadable"),
        ("-1", "far", "negative"),
        (-1.0, "far", "negative"),
        ("35%", "far", "percent_not_allowed"),
        ("150", "density", "over_100_percent"),
        ("9999%", "density", "over_100_percent"),
        ("2.0/1.5", "far", "per_use_values"),
        (float("inf"), "far", "unreadable"),
    ],
)
def test_parse_bound_rejects(value, indicator, reason):
    with pytest.raises(IndicatorError) as info:
        parse_bound(value, indicator)
    assert info.value.reason == reason


# --- properties --------------------------------------------------------------------------------------

UPPER_WORDS = ["≤", "<", "＜", "<=", "≦", "不大于", "不超过", "不高于", "小于等于", "小于"]
LOWER_WORDS = ["≥", ">", "＞", ">=", "≧", "不小于", "不低于", "不少于", "大于等于", "大于"]
SEPARATORS = ["-", "~", "～", "—", "–", "至", "－", "——"]
SPACES = st.sampled_from(["", " ", "\u3000"])
magnitudes = st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False)
percents = st.floats(min_value=0, max_value=100, allow_nan=False, allow_infinity=False)


@st.composite
def written_number(draw, indicator: str, *, allow_zero: bool = True):
    """(text, value-it-means, percent_assumed) for one number as a plan would write it."""
    if indicator in RATIOS:
        x = draw(percents)
        unit = draw(st.sampled_from(["", "%"]))
        value = as_fraction(x, unit == "%")
        assumed = unit == "" and x > 1
    else:
        x = draw(magnitudes)
        unit = draw(st.sampled_from(["", "m", "M", "米"])) if indicator == "height" else ""
        value, assumed = x, False
    if not allow_zero:
        assume(x != 0)
    return plain(x) + unit, value, assumed


def maybe_fullwidth(draw, text: str) -> str:
    return fullwidth(text) if draw(st.booleans()) else text


@settings(max_examples=300)
@given(data=st.data(), indicator=st.sampled_from(INDICATORS), upper=st.booleans())
def test_comparator_round_trip(data, indicator, upper):
    text, value, assumed = data.draw(written_number(indicator))
    word = data.draw(st.sampled_from(UPPER_WORDS if upper else LOWER_WORDS))
    cell = maybe_fullwidth(data.draw, word + data.draw(SPACES) + text)
    limit = parse_limit(cell, indicator)
    got = limit.hi if upper else limit.lo
    other = limit.lo if upper else limit.hi
    assert close(got, value) and other is None
    assert limit.percent_assumed is assumed


@settings(max_examples=300)
@given(data=st.data(), indicator=st.sampled_from(INDICATORS), upper=st.booleans())
def test_suffix_round_trip(data, indicator, upper):
    text, value, _ = data.draw(written_number(indicator))
    suffix = data.draw(st.sampled_from(["以下", "及以下"] if upper else ["以上", "及以上"]))
    cell = maybe_fullwidth(data.draw, text + suffix)
    limit = parse_limit(cell, indicator)
    assert close(limit.hi if upper else limit.lo, value)


@settings(max_examples=300)
@given(data=st.data(), indicator=st.sampled_from(INDICATORS))
def test_bare_number_round_trip(data, indicator):
    text, value, assumed = data.draw(written_number(indicator, allow_zero=False))
    cell = maybe_fullwidth(data.draw, data.draw(SPACES) + text + data.draw(SPACES))
    limit = parse_limit(cell, indicator)
    if indicator == "green_ratio":  # a bare green ratio is a minimum
        assert close(limit.lo, value) and limit.hi is None
    else:
        assert limit.lo is None and close(limit.hi, value)
    assert limit.percent_assumed is assumed
    if text == plain(NO_UPPER_SENTINEL):  # "no upper bound" in bxgis bound columns
        assert parse_bound(cell, indicator) is None
        return
    assert close(parse_bound(cell, indicator), value)
    assert bound_percent_assumed(cell, indicator) is assumed


@settings(max_examples=300)
@given(indicator=st.sampled_from(INDICATORS), x=magnitudes)
def test_numeric_cell_round_trip(indicator, x):
    if x == 0:
        assert parse_limit(x, indicator) is None and is_zero_placeholder(x)
        return
    if indicator in RATIOS and x > 100:
        with pytest.raises(IndicatorError, match="over_100_percent"):
            parse_limit(x, indicator)
        return
    value = as_fraction(x, False) if indicator in RATIOS else x
    limit = parse_limit(x, indicator)
    assert close(limit.lo if indicator == "green_ratio" else limit.hi, value)
    assert close(parse_limit(np.float64(x), indicator).bounds[indicator != "green_ratio"], value)


@settings(max_examples=300)
@given(data=st.data(), indicator=st.sampled_from(RATIOS))
def test_ratio_over_100_percent(data, indicator):
    x = data.draw(st.floats(min_value=100, max_value=1e9, exclude_min=True))
    unit = data.draw(st.sampled_from(["", "%"]))
    with pytest.raises(IndicatorError) as info:
        parse_limit(plain(x) + unit, indicator)
    assert info.value.reason == "over_100_percent"


@settings(max_examples=300)
@given(data=st.data(), indicator=st.sampled_from(INDICATORS))
def test_range_round_trip(data, indicator):
    if indicator in RATIOS:
        a, b = sorted(data.draw(st.lists(percents, min_size=2, max_size=2)))
        units = data.draw(st.sampled_from([("", ""), ("%", "%"), ("", "%"), ("%", "")]))
        percent = "%" in units[0] + units[1]
        lo, hi = as_fraction(a, percent or b > 1), as_fraction(b, percent or b > 1)
        assumed = not percent and b > 1
    else:
        a, b = sorted(data.draw(st.lists(magnitudes, min_size=2, max_size=2)))
        units = ("", "")
        if indicator == "height":
            units = data.draw(st.sampled_from([("", ""), ("m", "m"), ("", "米"), ("M", "")]))
        lo, hi, assumed = a, b, False
    sep = data.draw(st.sampled_from(SEPARATORS))
    space = data.draw(SPACES)
    cell = maybe_fullwidth(data.draw, plain(a) + units[0] + space + sep + space + plain(b) + units[1])
    limit = parse_limit(cell, indicator)
    assert close(limit.lo, lo) and close(limit.hi, hi)
    assert limit.percent_assumed is assumed
    if a < b:  # written backwards it is an empty interval, never silently swapped
        backwards = plain(b) + units[1] + sep + plain(a) + units[0]
        with pytest.raises(IndicatorError) as info:
            parse_limit(backwards, indicator)
        assert info.value.reason == "empty_range"


def check_total(value: object, indicator: str) -> None:
    """The contract on any input: a Limit with lo <= hi, None, or an IndicatorError with a known reason."""
    try:
        limit = parse_limit(value, indicator)
    except IndicatorError as exc:
        assert exc.reason in REASONS
    else:
        if limit is not None:
            assert limit.lo is not None or limit.hi is not None
            assert limit.lo is None or limit.lo >= 0
            assert limit.lo is None or limit.hi is None or limit.lo <= limit.hi
            assert all(v is None or math.isfinite(v) for v in limit.bounds)
            if indicator in RATIOS:
                assert all(v is None or v <= 1 for v in limit.bounds)
    try:
        bound = parse_bound(value, indicator)
    except IndicatorError as exc:
        assert exc.reason in REASONS
    else:
        assert bound is None or (math.isfinite(bound) and bound > 0)
    assert isinstance(is_zero_placeholder(value), bool)


# Characters the parser cares about, so random strings reach its deeper branches.
PLAN_ALPHABET = st.sampled_from(
    list("0123456789.%-~/mM≤≥<>=xX ")
    + ["米", "以下", "以上", "至", "—", "～", "－", "％", "＜", "＞", "２", "．", "不大于", "不小于", "H", "FAR", "−"]
)


@settings(max_examples=500)
@given(text=st.text(), indicator=st.sampled_from(INDICATORS))
@example(text="٣", indicator="far")
@example(text="①", indicator="far")
@example(text="½", indicator="density")
@example(text="\u200b2.5\ufeff", indicator="far")
def test_any_text_parses_or_raises_indicator_error(text, indicator):
    check_total(text, indicator)


@settings(max_examples=1000)
@given(parts=st.lists(PLAN_ALPHABET, max_size=8), indicator=st.sampled_from(INDICATORS))
def test_plan_like_text_parses_or_raises_indicator_error(parts, indicator):
    check_total("".join(parts), indicator)


@settings(max_examples=300)
@given(
    value=st.one_of(
        st.floats(), st.integers(), st.decimals(), st.booleans(), st.none(),
        st.floats(width=32).map(np.float32), st.integers(-(2**63), 2**63 - 1).map(np.int64),
    ),
    indicator=st.sampled_from(INDICATORS),
)
def test_any_number_parses_or_raises_indicator_error(value, indicator):
    check_total(value, indicator)
