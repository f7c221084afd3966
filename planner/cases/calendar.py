"""Statutory deadlines over Chinese working days (行政许可法 第四十二条 and 第八十二条).

A time limit of N working days runs from the day after acceptance: the deadline is the N-th working day after
the received date. Public holidays are excluded and 调休 make-up days (weekend days declared working days) count.
Which days are which comes from the `chinese-calendar` package (the State Council's notices up to its release),
then from an office's holidays.toml (resources/holidays.toml, overridden by one in the user data folder) for the
years the package does not know yet; a year in neither is counted with weekends only and the deadline is marked
estimated, never silently wrong.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import chinese_calendar

from planner.model import InputError
from planner.resources import resource_path, user_data_dir

__all__ = ["Deadline", "OfficeCalendar", "WorkingCalendar", "deadline", "load_office_calendar",
           "working_days_between"]


@dataclass(frozen=True)
class OfficeCalendar:
    """Years entered by an office (holidays.toml): year -> days off on weekdays, weekend working days, source."""

    holidays: dict[int, frozenset[date]] = field(default_factory=dict)
    workdays: dict[int, frozenset[date]] = field(default_factory=dict)
    sources: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Deadline:
    """The last working day of a time limit. `estimated_years`: years counted with weekends only (no data)."""

    day: date
    estimated_years: tuple[int, ...] = ()

    @property
    def estimated(self) -> bool:
        return bool(self.estimated_years)


def _dates(path: Path, year: int, key: str, values: object) -> frozenset[date]:
    if not isinstance(values, list):
        raise InputError("holidays_unreadable", path=str(path), error=f"[{year}] {key}: not a list of dates")
    days = set()
    for value in values:
        try:
            day = value if isinstance(value, date) else date.fromisoformat(str(value))
        except ValueError:
            raise InputError("holidays_unreadable", path=str(path),
                             error=f"[{year}] {key}: {value!r} is not a date (YYYY-MM-DD)") from None
        if day.year != year:
            raise InputError("holidays_unreadable", path=str(path), error=f"[{year}] {key}: {day} is not in {year}")
        days.add(day)
    return frozenset(days)


def _read_office_file(path: Path) -> OfficeCalendar:
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise InputError("holidays_unreadable", path=str(path), error=str(error)) from None
    calendar = OfficeCalendar()
    for key, entry in table.items():
        if not (key.isdigit() and isinstance(entry, dict)):
            raise InputError("holidays_unreadable", path=str(path), error=f"[{key}]: expected a year such as [2027]")
        year = int(key)
        calendar.holidays[year] = _dates(path, year, "holidays", entry.get("holidays", []))
        calendar.workdays[year] = _dates(path, year, "workdays", entry.get("workdays", []))
        calendar.sources[year] = str(entry.get("source", ""))
    return calendar


def load_office_calendar(paths: Iterable[Path] | None = None) -> OfficeCalendar:
    """The office's extra years: the bundled resources/holidays.toml, then holidays.toml in the user data folder
    (a year in a later file replaces the same year in an earlier one). Missing files are skipped."""
    if paths is None:
        paths = (resource_path("holidays.toml"), user_data_dir() / "holidays.toml")
    merged = OfficeCalendar()
    for path in paths:
        if Path(path).is_file():
            office = _read_office_file(Path(path))
            merged.holidays.update(office.holidays)
            merged.workdays.update(office.workdays)
            merged.sources.update(office.sources)
    return merged


class WorkingCalendar:
    """Answers "is this a working day?" and says which years it had to guess."""

    def __init__(self, office: OfficeCalendar | None = None) -> None:
        self.office = office if office is not None else OfficeCalendar()
        self.estimated_years: set[int] = set()

    def is_working_day(self, day: date) -> bool:
        if day.year in self.office.holidays:  # an office's entry wins: it may be newer than the package
            if day in self.office.holidays[day.year]:
                return False
            if day in self.office.workdays.get(day.year, ()):
                return True
            return day.weekday() < 5
        try:
            return bool(chinese_calendar.is_workday(day))
        except NotImplementedError:  # the package has no notice for this year yet
            self.estimated_years.add(day.year)
            return day.weekday() < 5

    def source(self, year: int) -> str:
        """Where the year's holidays come from: the office's notice, the package, or "" (weekends only)."""
        if year in self.office.holidays:
            return self.office.sources.get(year, "") or "holidays.toml"
        return "" if year in self.estimated_years else f"chinese-calendar {chinese_calendar.__version__}"


def deadline(received: date, limit_days: int, calendar: WorkingCalendar | None = None) -> Deadline:
    """The `limit_days`-th working day after `received` (the day of acceptance itself does not count)."""
    if limit_days < 1:
        raise ValueError(f"a time limit is at least one working day, not {limit_days}")
    calendar = calendar or WorkingCalendar(load_office_calendar())
    before = set(calendar.estimated_years)
    day, counted = received, 0
    while counted < limit_days:
        day += timedelta(days=1)
        counted += calendar.is_working_day(day)
    return Deadline(day, tuple(sorted(calendar.estimated_years - before)))


def working_days_between(today: date, until: date, calendar: WorkingCalendar | None = None) -> int:
    """Working days left from `today` to `until`: the working days after today up to and including `until`
    (0 on the deadline itself, or when it falls on a day off with nothing after today); negative when `until`
    has passed (the working days it is overdue by)."""
    calendar = calendar or WorkingCalendar(load_office_calendar())
    if until >= today:
        return sum(calendar.is_working_day(today + timedelta(days=n)) for n in range(1, (until - today).days + 1))
    return -sum(calendar.is_working_day(until + timedelta(days=n)) for n in range(1, (today - until).days + 1))
