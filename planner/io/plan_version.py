"""Plan versions: which approval a plan layer carries (批复文号 PFWH, 批复时间 PFSJ, a version label).

A 控规 is amended (调整) over its life; every check names the version it was made against. The data often
says it itself (PFWH/PFSJ on every parcel); otherwise the official states it on load (`--plan-version` ...).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import replace
from typing import Any

import pandas as pd

from planner.model import PlanVersion

#: At most this many distinct approval numbers are named; a layer amended parcel by parcel may hold more.
MAX_NAMED_APPROVALS = 3


def with_version(plan, label: str = "", approval_number: str = "", approval_date: str = ""):
    """A plan layer (planner.io.layers.PlanLayer) with what the official stated replacing what its fields say."""
    version = (plan.info.version or PlanVersion()).overridden(label, approval_number, normalise_date(approval_date))
    return replace(plan, info=replace(plan.info, version=version))


def read_version(frame: pd.DataFrame, label_column: str | None, number_column: str | None,
                 date_column: str | None) -> PlanVersion:
    """The version a plan layer's own fields state.

    A plan amended parcel by parcel holds several approval numbers: the most common ones are named, most
    common first, and the date is the latest one (the approval that made this version).
    """
    label = _most_common(frame[label_column]) if label_column else []
    numbers = _most_common(frame[number_column]) if number_column else []
    dates = [normalise_date(v) for v in frame[date_column].tolist()] if date_column else []
    dates = [d for d in dates if d]
    number = "；".join(numbers[:MAX_NAMED_APPROVALS]) + ("…" if len(numbers) > MAX_NAMED_APPROVALS else "")
    return PlanVersion(label=label[0] if label else "", approval_number=number,
                       approval_date=max(dates, key=_date_order) if dates else "")


def _most_common(column: pd.Series) -> list[str]:
    texts = [_text(v) for v in column.tolist()]
    return [text for text, _count in Counter(t for t in texts if t).most_common()]


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip()


_DATE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")
_COMPACT_DATE = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})\s*$")


def normalise_date(value: Any) -> str:
    """A date as ISO "yyyy-mm-dd" when it can be read ("2025/6/18", "2025年6月18日", "20250618", a datetime);
    any other text is kept as written (an official's "2025 年 6 月" is still worth showing); blank gives ""."""
    if isinstance(value, (dt.date, pd.Timestamp)) and not pd.isna(value):
        return value.strftime("%Y-%m-%d")
    text = _text(value)
    match = _DATE.match(text) or _COMPACT_DATE.match(text)
    if match:
        try:
            return dt.date(*map(int, match.groups())).isoformat()
        except ValueError:
            return text
    return text


def _date_order(text: str) -> tuple[int, str]:
    """ISO dates sort by date, after any date kept as written."""
    return (1, text) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else (0, text)
