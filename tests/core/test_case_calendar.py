"""Statutory deadlines over Chinese working days (planner.cases.calendar) and case files (planner.cases.case_file).

Hand-counted from the State Council's 2026 arrangement: 国庆/中秋 2026 is 1-7 October off, Saturday 10 October a
make-up working day (调休); 中秋 is Friday 25 September.
"""

from datetime import date

import pytest

from planner.cases.calendar import (OfficeCalendar, WorkingCalendar, deadline, load_office_calendar,
                                    working_days_between)
from planner.cases.case_file import read_case_file, with_deadline
from planner.model import CaseDetails, InputError


def test_deadline_over_national_day_counts_the_make_up_saturday():
    # Received Tue 29 Sep 2026. Working days: 30 Sep (1); 8, 9 Oct (2, 3); Sat 10 Oct 调休 (4); 12-16 (5-9);
    # 19-23 (10-14); 26-30 (15-19); Mon 2 Nov (20).
    due = deadline(date(2026, 9, 29), 20, WorkingCalendar())
    assert due.day == date(2026, 11, 2)
    assert not due.estimated


def test_acceptance_day_does_not_count():
    # Received Mon 2 Nov 2026: one working day ends Tue 3 Nov, five end Mon 9 Nov.
    assert deadline(date(2026, 11, 2), 1, WorkingCalendar()).day == date(2026, 11, 3)
    assert deadline(date(2026, 11, 2), 5, WorkingCalendar()).day == date(2026, 11, 9)


def test_year_without_data_counts_weekends_only_and_says_so():
    # Received Mon 21 Dec 2026, 20 working days: 22-25 and 28-31 Dec 2026 are 8 (no holiday then), then 2027
    # without official data: Fri 1 Jan 2027 counts as a working day when only weekends are known (9), 4-8 Jan
    # (14), 11-15 (19), Mon 18 Jan (20).
    due = deadline(date(2026, 12, 21), 20, WorkingCalendar())
    assert due.day == date(2027, 1, 18)
    assert due.estimated_years == (2027,)


def test_office_holiday_table_fills_a_year_the_package_does_not_know():
    office = OfficeCalendar(holidays={2027: frozenset({date(2027, 1, 1), date(2027, 1, 4)})},
                            workdays={2027: frozenset({date(2027, 1, 9)})}, sources={2027: "国办发明电〔2026〕1号"})
    calendar = WorkingCalendar(office)
    # As above, but Fri 1 and Mon 4 Jan 2027 are off and Sat 9 Jan works: December (8), 5-8 Jan (12), Sat 9 Jan
    # (13), 11-15 (18), 18, 19 Jan (20).
    due = deadline(date(2026, 12, 21), 20, calendar)
    assert due.day == date(2027, 1, 19) and not due.estimated
    assert not calendar.is_working_day(date(2027, 1, 1)) and calendar.is_working_day(date(2027, 1, 9))
    assert calendar.source(2027) == "国办发明电〔2026〕1号"


def test_office_file_is_read_and_bad_dates_are_named(tmp_path):
    good = tmp_path / "holidays.toml"
    good.write_text('[2027]\nholidays = ["2027-01-01"]\nworkdays = ["2027-02-07"]\nsource = "通知"\n', encoding="utf-8")
    office = load_office_calendar([good, tmp_path / "absent.toml"])
    assert office.holidays[2027] == frozenset({date(2027, 1, 1)})
    assert office.workdays[2027] == frozenset({date(2027, 2, 7)})
    bad = tmp_path / "bad.toml"
    bad.write_text('[2027]\nholidays = ["2027-13-01"]\n', encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_office_calendar([bad])
    assert error.value.code == "holidays_unreadable" and "2027-13-01" in error.value.details["error"]


def test_bundled_holiday_file_reads():
    load_office_calendar()  # the bundled example must stay valid TOML


def test_working_days_left_and_overdue():
    calendar = WorkingCalendar()
    # From Wed 30 Sep 2026 to Mon 12 Oct: 8, 9, 10 (调休), 12 Oct = 4 working days left.
    assert working_days_between(date(2026, 9, 30), date(2026, 10, 12), calendar) == 4
    assert working_days_between(date(2026, 10, 12), date(2026, 10, 12), calendar) == 0
    # Deadline Fri 9 Oct, today Mon 12 Oct: overdue by 10 (调休) and 12 Oct = 2 working days.
    assert working_days_between(date(2026, 10, 12), date(2026, 10, 9), calendar) == -2


def test_case_file_reads_every_key_and_counts_the_deadline(tmp_path):
    path = tmp_path / "case.toml"
    path.write_text('number = "JG-2026-0931"\nproject = "西关小区"\napplicant = "西关置业"\nsite = "西关路"\n'
                    'received = 2026-09-29\nlimit_days = 20\nofficer = "张三"\nreviewer = "李四"\n'
                    'approver = "王五"\n', encoding="utf-8")
    case = with_deadline(read_case_file(path), WorkingCalendar())
    assert case == CaseDetails(number="JG-2026-0931", project="西关小区", applicant="西关置业", site="西关路",
                               received=date(2026, 9, 29), limit_days=20, deadline=date(2026, 11, 2),
                               officer="张三", reviewer="李四", approver="王五")


@pytest.mark.parametrize(("text", "code", "named"), [
    ('number = "A"\nrecieved = "2026-01-05"\n', "case_key_unknown", "recieved"),
    ('project = "x"\n', "case_number_missing", None),
    ('number = "A"\nreceived = "5/3/2026"\n', "case_value", "received"),
    ('number = "A"\nlimit_days = 0\n', "case_value", "limit_days"),
    ('number = "A\n', "case_file_unreadable", None),
])
def test_case_file_errors_name_the_key(tmp_path, text, code, named):
    path = tmp_path / "case.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as error:
        read_case_file(path)
    assert error.value.code == code
    assert error.value.details["path"] == str(path)
    if named:
        assert error.value.details["key"] == named
