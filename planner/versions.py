"""Plan versions: which approval a plan layer carries (批复文号 PFWH, 批复时间 PFSJ, a version label).

A 控规 is amended (调整) over its life; every check names the version it was made against. The data often
says it itself (PFWH/PFSJ on every parcel); otherwise the official states it on load (`--plan-version` ...).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pandas as pd

#: At most this many distinct approval numbers are named; a layer amended parcel by parcel may hold more.
MAX_NAMED_APPROVALS = 3


@dataclass(frozen=True, slots=True)
class PlanVersion:
    """What an official calls a plan version. Empty strings: not known."""

    label: str = ""  # e.g. "2025 年调整"
    approval_number: str = ""  # 批复文号, e.g. "酒政函〔2025〕37号"
    approval_date: str = ""  # 批复时间, ISO "2025-06-18" when it could be read, else as written

    @property
    def known(self) -> bool:
        return bool(self.label or self.approval_number or self.approval_date)

    def name(self, fallback: str = "") -> str:
        """The short name of this version: its label, else its approval number, else `fallback`."""
        return self.label or self.approval_number or fallback

    def describe(self, fallback: str = "") -> str:
        """One line naming the version fully: "2025 年调整 (酒政函〔2025〕37号, 2025-06-18)"."""
        extra = [part for part in (self.approval_number, self.approval_date) if part and part != self.name()]
        name = self.name(fallback)
        if not extra:
            return name
        return f"{name} ({', '.join(extra)})" if name else ", ".join(extra)

    def overridden(self, label: str = "", approval_number: str = "", approval_date: str = "") -> PlanVersion:
        """This version with what the official stated replacing what the data said."""
        return PlanVersion(label=label.strip() or self.label,
                           approval_number=approval_number.strip() or self.approval_number,
                           approval_date=normalise_date(approval_date) or self.approval_date)

    def as_json(self) -> dict[str, str | None]:
        return {"label": self.label or None, "approval_number": self.approval_number or None,
                "approval_date": self.approval_date or None}


def version_name(info, full: bool = False) -> str:
    """How an input (model.InputInfo) names its plan version: the short name, or with `full` the approval number
    and date too; the file's name when the version is not known."""
    stem = Path(info.path).stem
    version = info.version or PlanVersion()
    return version.describe(stem) if full else version.name(stem)


def with_version(plan, label: str = "", approval_number: str = "", approval_date: str = ""):
    """A plan layer (planner.layers.PlanLayer) with what the official stated replacing what its fields say."""
    version = (plan.info.version or PlanVersion()).overridden(label, approval_number, approval_date)
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
