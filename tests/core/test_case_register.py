"""The case register (planner.cases.register): round trip, deadlines, list flags, whole-or-nothing saves under a
kill, two processes at once, refused files; and resubmission comparison by finding key."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date

import pytest

from planner.cases.register import SCHEMA_VERSION, CaseFile, open_register
from planner.cases.resubmission import compare_submissions, violation_of
from planner.model import CaseDetails, InputError, Violation, finding_key
from tests.helpers import ROOT, SAMPLES

PLAN = SAMPLES / "xiguan_plan.gpkg"
SCHEME = SAMPLES / "scheme_violating.gpkg"

#: Received the Tuesday before 国庆 2026: 20 working days skip 1-7 October and count Saturday 10 October (调休).
NATIONAL_DAY = CaseDetails(number="酒规审〔2026〕101号", project="西关小区住宅", applicant="酒泉某置业有限公司",
                           site="肃州区西关", received=date(2026, 9, 29), limit_days=20, officer="张三",
                           reviewer="李四", approver="王五")


def test_round_trip_of_details_and_deadline(tmp_path):
    with open_register(tmp_path / "cases.sqlite") as register:
        added = register.add_case(NATIONAL_DAY, [CaseFile.of("plan", PLAN, "控规地块")])
    with open_register(tmp_path / "cases.sqlite") as register:
        case = register.get_case(NATIONAL_DAY.number)
        record = register.record(NATIONAL_DAY.number)
    assert case == added
    for key in ("number", "project", "applicant", "site", "received", "limit_days", "officer", "reviewer",
                "approver"):
        assert getattr(case, key) == getattr(NATIONAL_DAY, key)
    assert case.status == "accepted"
    assert case.deadline == date(2026, 11, 2) and not case.deadline_estimated
    assert [(f.role, f.layer, f.submission) for f in record.files] == [("plan", "控规地块", None)]
    assert record.files[0].sha256 == __import__("hashlib").sha256(PLAN.read_bytes()).hexdigest()
    assert [e.status for e in record.events] == ["accepted"]
    assert record.events[0].at.endswith("+00:00")  # stored in UTC


def test_list_flags_on_fixed_days(tmp_path):
    with open_register(tmp_path / "r.sqlite") as register:
        register.add_case(NATIONAL_DAY)
        register.add_case(CaseDetails(number="B", received=date(2026, 10, 9), limit_days=20))
        # 2026-10-28 (Wednesday): the working days after it up to 2 November are 29, 30 October and 2 November.
        rows = {r.case.number: r for r in register.list_cases(date(2026, 10, 28))}
        assert rows[NATIONAL_DAY.number].working_days_left == 3
        assert rows[NATIONAL_DAY.number].due_soon and not rows[NATIONAL_DAY.number].overdue
        # B: 9 October + 20 working days (10 October, a Saturday, is a working day) = 5 November.
        assert rows["B"].case.deadline == date(2026, 11, 5)
        assert rows["B"].working_days_left == 6 and not rows["B"].due_soon
        late = {r.case.number: r for r in register.list_cases(date(2026, 11, 4))}[NATIONAL_DAY.number]
        assert late.working_days_left == -2 and late.overdue and not late.due_soon
        assert late.as_json()["deadline"] == "2026-11-02" and late.as_json()["working_days_left"] == -2
        register.close_case(NATIONAL_DAY.number)
        closed = {r.case.number: r for r in register.list_cases(date(2026, 11, 4))}[NATIONAL_DAY.number]
        assert closed.case.status == "closed" and not closed.overdue
        assert [r.case.number for r in register.list_cases(date(2026, 11, 4), include_closed=False)] == ["B"]
        assert [e.status for e in register.record(NATIONAL_DAY.number).events] == ["accepted", "closed"]


def test_errors_are_input_errors_with_codes(tmp_path):
    path = tmp_path / "r.sqlite"
    with open_register(path) as register:
        register.add_case(NATIONAL_DAY)
        with pytest.raises(InputError) as exists:
            register.add_case(NATIONAL_DAY)
        assert exists.value.code == "case_exists" and exists.value.details["number"] == NATIONAL_DAY.number
        with pytest.raises(InputError) as unknown:
            register.get_case("nope")
        assert unknown.value.code == "case_unknown"
        register.close_case(NATIONAL_DAY.number)
        with pytest.raises(InputError) as closed:
            register.add_submission(NATIONAL_DAY.number, [], {"violations": []})
        assert closed.value.code == "case_closed"
    (tmp_path / "junk.sqlite").write_bytes(b"this is not a database at all" * 200)
    with pytest.raises(InputError) as junk:
        open_register(tmp_path / "junk.sqlite")
    assert junk.value.code == "register_unreadable"
    db = sqlite3.connect(path)
    db.execute("INSERT INTO schema_version (version) VALUES (?)", (SCHEMA_VERSION + 1,))
    db.commit()
    db.close()
    with pytest.raises(InputError) as newer:
        open_register(path)
    assert newer.value.code == "register_newer" and newer.value.details["version"] == SCHEMA_VERSION + 1


def test_a_register_held_by_another_writer_is_locked(tmp_path, monkeypatch):
    import planner.cases.register as module

    path = tmp_path / "r.sqlite"
    open_register(path).close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        monkeypatch.setattr(module, "BUSY_TIMEOUT_SECONDS", 0.2)
        with open_register(path) as register, pytest.raises(InputError) as locked:
            register.add_case(NATIONAL_DAY)
        assert locked.value.code == "register_locked"
    finally:
        other.execute("ROLLBACK")
        other.close()


# --- whole or nothing ----------------------------------------------------------------------------------------

_DIE_BEFORE_COMMIT = """
import os, sys
from datetime import date
import planner.cases.register as module
from planner.model import CaseDetails

original = module.Register._insert_files
def insert_then_die(self, db, case_id, files, submission, stamp):
    original(self, db, case_id, files, submission, stamp)
    os._exit(9)  # the case row and its files are written, the transaction not committed
module.Register._insert_files = insert_then_die
register = module.open_register(sys.argv[1])
files = [module.CaseFile(role="plan", path="/p.gpkg", sha256="a" * 64),
         module.CaseFile(role="buildings", path="/b.gpkg", sha256="b" * 64)]
register.add_case(CaseDetails(number="HALF", received=date(2026, 9, 29)), files)
"""

_ADD_MANY = """
import sys
from datetime import date
import planner.cases.register as module
from planner.model import CaseDetails

register = module.open_register(sys.argv[1])
print("ready", flush=True)
for n in range(100000):
    files = [module.CaseFile(role="lines", path=f"/l{k}.gpkg", sha256=f"{k:064d}") for k in range(20)]
    register.add_case(CaseDetails(number=f"K{n}", received=date(2026, 9, 29)), files)
"""


def _python(script: str, *args: str, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-c", script, *args], env=env, cwd=ROOT, **kwargs)


def test_a_process_dying_before_commit_leaves_no_half_case(tmp_path):
    path = tmp_path / "r.sqlite"
    with open_register(path) as register:
        register.add_case(NATIONAL_DAY)
    assert _python(_DIE_BEFORE_COMMIT, str(path)).wait(timeout=60) == 9
    with open_register(path) as register:
        assert [r.case.number for r in register.list_cases(date(2026, 10, 1))] == [NATIONAL_DAY.number]
        with pytest.raises(InputError):
            register.get_case("HALF")
        count = register._db.execute("SELECT COUNT(*) FROM files").fetchone()[0]
    assert count == 0  # the files written inside the dead transaction are gone with it


def test_sigkill_mid_way_leaves_every_case_whole(tmp_path):
    path = tmp_path / "r.sqlite"
    process = _python(_ADD_MANY, str(path), stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "ready"
    time.sleep(0.8)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    with open_register(path) as register:
        rows = register.list_cases(date(2026, 10, 1))
        counts = dict(register._db.execute(
            "SELECT cases.number, COUNT(files.id) FROM cases LEFT JOIN files ON files.case_id = cases.id "
            "GROUP BY cases.id").fetchall())
        assert register._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert len(rows) >= 1  # it was killed while adding, not before
    assert set(counts.values()) == {20}  # every case with all its files


def test_two_processes_write_at_once(tmp_path):
    path = tmp_path / "r.sqlite"
    script = """
import sys
from datetime import date
import planner.cases.register as module
from planner.model import CaseDetails
register = module.open_register(sys.argv[1])
for n in range(15):
    register.add_case(CaseDetails(number=f"{sys.argv[2]}-{n}", received=date(2026, 9, 29)),
                      [module.CaseFile(role="plan", path="/p", sha256="c" * 64)])
    register.list_cases(date(2026, 10, 1))
"""
    first, second = _python(script, str(path), "A"), _python(script, str(path), "B")
    assert first.wait(timeout=120) == 0 and second.wait(timeout=120) == 0
    with open_register(path) as register:
        numbers = [r.case.number for r in register.list_cases(date(2026, 10, 1))]
        assert register._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert sorted(numbers) == sorted([f"A-{n}" for n in range(15)] + [f"B-{n}" for n in range(15)])


# --- resubmissions -----------------------------------------------------------------------------------------

def _records(*violations: Violation) -> dict:
    return {"violations": [{"key": finding_key(v), "rule": v.rule, "parcel": v.parcel, "building": v.building,
                            "actual": v.actual, "limit": list(v.limit) if isinstance(v.limit, tuple) else v.limit,
                            "marginal": v.marginal, "details": {}} for v in violations]}


def test_resubmission_fixed_still_open_new():
    height = Violation("height_max", "XG-06-02", None, 49.5, (None, 45.0), details={"buildings": ["4#"]})
    density = Violation("density_max", "XG-06-02", None, 0.27, (None, 0.25))
    kiosk = Violation("outside_plan", None, "10#", 280.0)
    green = Violation("green_min", "XG-06-04", None, 0.30, (0.35, None))
    found = compare_submissions(_records(height, density, kiosk), _records(density, green), 1, 2)
    assert [r["key"] for r in found.fixed] == [finding_key(height), finding_key(kiosk)]
    assert [r["key"] for r in found.still_open] == ["v|density_max|XG-06-02|"]
    assert [r["key"] for r in found.new] == ["v|green_min|XG-06-04|"]
    assert found.summary == {"fixed": 2, "still_open": 1, "new": 1} and not found.all_fixed
    assert found.as_json()["previous_submission"] == 1 and found.as_json()["submission"] == 2
    # A record is enough to word the finding again: the Violation it came from.
    assert violation_of(found.fixed[0]) == height
    assert compare_submissions(_records(height), _records(), 1).all_fixed
