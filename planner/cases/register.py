"""The case register (案卷登记): an embedded SQLite file with every case, its files, submissions, reports and events.

Default place: user_data_dir()/cases.sqlite (`--register PATH` on the command line, a setting in the window).
The file is in WAL mode, so the window and a `planner` command can have it open at once; every change is one
transaction (BEGIN IMMEDIATE ... COMMIT), so a crash or a kill mid-way leaves the case as it was or whole,
never half-written. Time stamps are stored in UTC ISO 8601 (the documents and the window show local time);
dates of the case (received, deadline) are calendar days, YYYY-MM-DD.

The register keeps what the other layers hand it without interpreting it: a submission's findings as
compressed JSON records (planner.cases.resubmission), a review as its planner.review/1 JSON text.
"""

from __future__ import annotations

import hashlib
import sqlite3
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import orjson

from planner.cases.calendar import WorkingCalendar, load_office_calendar, working_days_between
from planner.cases.case_file import with_deadline
from planner.model import CASE_STATUSES, CaseDetails, InputError
from planner.resources import user_data_dir

__all__ = ["DUE_SOON_DAYS", "FILE_ROLES", "REPORT_KINDS", "SCHEMA_VERSION", "CaseFile", "CaseRecord", "CaseRow",
           "Event", "Register", "Report", "Submission", "default_register_path", "file_sha256", "open_register",
           "scheme_digest"]

#: The version of the tables this Planner writes; a register written by a later Planner (higher) is refused.
SCHEMA_VERSION = 1
#: Roles of a case's files: the plan, the scheme (buildings, green areas), control lines, declared indicators.
FILE_ROLES = ("plan", "buildings", "green", "lines", "declared")
#: The files of a scheme (what an applicant resubmits); the plan and lines are what it is checked against.
SCHEME_ROLES = ("buildings", "green", "declared")
#: What Planner hands out for a case.
REPORT_KINDS = ("report", "notice", "opinion", "conditions", "spreadsheet", "geopackage", "json")
#: A case due within this many working days is marked (the window's colour, the list's flag).
DUE_SOON_DAYS = 3
#: How long a change waits for another process's transaction to end before it says the register is locked.
BUSY_TIMEOUT_SECONDS = 10.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS cases (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    project TEXT NOT NULL DEFAULT '',
    applicant TEXT NOT NULL DEFAULT '',
    site TEXT NOT NULL DEFAULT '',
    received TEXT,
    limit_days INTEGER NOT NULL,
    officer TEXT NOT NULL DEFAULT '',
    reviewer TEXT NOT NULL DEFAULT '',
    approver TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS submissions (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    checked_at TEXT NOT NULL,
    scheme TEXT NOT NULL,
    violations INTEGER NOT NULL,
    warnings INTEGER NOT NULL,
    findings BLOB NOT NULL,
    UNIQUE (case_id, number)
);
CREATE TABLE IF NOT EXISTS files (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    path TEXT NOT NULL,
    layer TEXT NOT NULL DEFAULT '',
    sha256 TEXT NOT NULL DEFAULT '',
    submission INTEGER,
    added_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS reviews (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    saved_at TEXT NOT NULL,
    review TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS reports (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL DEFAULT '',
    submission INTEGER,
    issued_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    status TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS files_case ON files (case_id);
CREATE INDEX IF NOT EXISTS submissions_case ON submissions (case_id);
CREATE INDEX IF NOT EXISTS events_case ON events (case_id);
CREATE INDEX IF NOT EXISTS reports_case ON reports (case_id);
CREATE INDEX IF NOT EXISTS reviews_case ON reviews (case_id);
"""


def default_register_path() -> Path:
    return user_data_dir() / "cases.sqlite"


def now_utc() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def file_sha256(path: str | Path) -> str:
    """The SHA-256 of a file's content ("" when it cannot be read: the file is registered all the same)."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return ""
    return digest.hexdigest()


def scheme_digest(files: Iterable[CaseFile]) -> str:
    """What identifies a submitted scheme: the SHA-256 and layers of its buildings, green and declared files."""
    parts = sorted(f"{f.role}:{f.layer}:{f.sha256}" for f in files if f.role in SCHEME_ROLES)
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class CaseFile:
    """A file of a case. `submission`: the submission it was checked in (None: registered with the case)."""

    role: str
    path: str
    layer: str = ""
    sha256: str = ""
    submission: int | None = None
    added_at: str = ""

    @classmethod
    def of(cls, role: str, path: str | Path, layer: str | None = None) -> CaseFile:
        """A file as given, with its SHA-256 worked out here."""
        if role not in FILE_ROLES:
            raise ValueError(f"unknown file role {role!r}")
        return cls(role=role, path=str(Path(path).absolute()), layer=layer or "", sha256=file_sha256(path))


@dataclass(frozen=True, slots=True)
class Submission:
    """One check of a submitted scheme. `findings`: the records of planner.cases.resubmission (decompressed)."""

    number: int
    checked_at: str
    scheme: str
    violations: int
    warnings: int
    findings: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Report:
    kind: str
    path: str
    sha256: str
    issued_at: str
    submission: int | None = None


@dataclass(frozen=True, slots=True)
class Event:
    at: str
    status: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class CaseRow:
    """A line of the case list: the case (with its deadline) and how it stands on `today`.

    `working_days_left`: working days after today up to the deadline (negative: overdue by that many); None
    without a received date. A closed case is neither overdue nor due soon."""

    case: CaseDetails
    working_days_left: int | None
    overdue: bool
    due_soon: bool
    created_at: str
    updated_at: str

    def as_json(self) -> dict[str, Any]:
        c = self.case
        return {"number": c.number, "project": c.project, "applicant": c.applicant, "site": c.site,
                "received": c.received.isoformat() if c.received else None, "limit_days": c.limit_days,
                "deadline": c.deadline.isoformat() if c.deadline else None,
                "deadline_estimated": c.deadline_estimated, "working_days_left": self.working_days_left,
                "overdue": self.overdue, "due_soon": self.due_soon, "status": c.status, "officer": c.officer,
                "reviewer": c.reviewer, "approver": c.approver, "created_at": self.created_at,
                "updated_at": self.updated_at}


@dataclass(frozen=True, slots=True)
class CaseRecord:
    """Everything the register holds on a case (`planner case show`)."""

    row: CaseRow
    files: tuple[CaseFile, ...]
    submissions: tuple[Submission, ...]
    reports: tuple[Report, ...]
    events: tuple[Event, ...]
    review: str | None  # the last planner.review/1 JSON text kept with the case

    @property
    def case(self) -> CaseDetails:
        return self.row.case

    def current_files(self) -> list[CaseFile]:
        """The files to check now: per role the latest registered (every control-line file of the latest
        submission or registration that has any)."""
        latest: dict[str, CaseFile] = {}
        for f in self.files:  # in the order they were added
            if f.role != "lines":
                latest[f.role] = f
        lines = [f for f in self.files if f.role == "lines"]
        if lines:
            last = lines[-1].submission
            lines = [f for f in lines if f.submission == last]
        return [*latest.values(), *lines]

    def as_json(self) -> dict[str, Any]:
        return {**self.row.as_json(),
                "files": [{"role": f.role, "path": f.path, "layer": f.layer, "sha256": f.sha256,
                           "submission": f.submission, "added_at": f.added_at} for f in self.files],
                "submissions": [{"number": s.number, "checked_at": s.checked_at, "violations": s.violations,
                                 "warnings": s.warnings} for s in self.submissions],
                "reports": [{"kind": r.kind, "path": r.path, "sha256": r.sha256, "issued_at": r.issued_at,
                             "submission": r.submission} for r in self.reports],
                "events": [{"at": e.at, "status": e.status, "note": e.note} for e in self.events]}


def open_register(path: str | Path | None = None, calendar: WorkingCalendar | None = None) -> Register:
    """The register at `path` (default: default_register_path()), created with its folder when missing."""
    return Register(Path(path) if path is not None else default_register_path(), calendar)


class Register:
    """A connection to a case register. Use as a context manager, or call close()."""

    def __init__(self, path: Path, calendar: WorkingCalendar | None = None) -> None:
        self.path = path
        self._calendar = calendar
        if path.is_dir():
            raise InputError("register_unreadable", path=str(path), error="a folder, not a file")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None,
                                       check_same_thread=False)
        except (OSError, sqlite3.Error) as error:
            raise InputError("register_unreadable", path=str(path), error=str(error)) from None
        try:
            self._prepare()
        except BaseException:
            self._db.close()
            raise

    # --- the connection ------------------------------------------------------------------------------
    def _prepare(self) -> None:
        with self._errors():
            self._db.execute("PRAGMA foreign_keys = ON")
            mode = self._db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":  # e.g. a file system without shared memory: still one writer
                self._db.execute("PRAGMA journal_mode = DELETE")
            self._db.execute("PRAGMA synchronous = FULL")
        with self._errors():  # reading needs no lock: a register another process is writing to opens
            version = self._schema_version(self._db)
        if version is not None and version > SCHEMA_VERSION:
            raise InputError("register_newer", path=str(self.path), version=version, supported=SCHEMA_VERSION)
        if version is not None:
            return
        with self._transaction() as db:  # a new register: created by one process, whole
            version = self._schema_version(db)
            if version is None:
                others = db.execute("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
                if others:
                    raise InputError("register_unreadable", path=str(self.path),
                                     error="an SQLite file of another program (no Planner tables)")
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        db.execute(statement)
                db.execute("INSERT INTO schema_version (version) VALUES (?)", (SCHEMA_VERSION,))

    @staticmethod
    def _schema_version(db: sqlite3.Connection) -> int | None:
        if not db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").fetchone():
            return None
        return db.execute("SELECT MAX(version) FROM schema_version").fetchone()[0]

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.OperationalError as error:
            if "locked" in str(error) or "busy" in str(error):
                raise InputError("register_locked", path=str(self.path)) from None
            raise InputError("register_unreadable", path=str(self.path), error=str(error)) from None
        except sqlite3.DatabaseError as error:
            raise InputError("register_unreadable", path=str(self.path), error=str(error)) from None

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One change: all of it is committed, or (on any error, or a crash before COMMIT) none of it."""
        with self._errors():
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Register:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def calendar(self) -> WorkingCalendar:
        if self._calendar is None:
            self._calendar = WorkingCalendar(load_office_calendar())
        return self._calendar

    # --- changes ---------------------------------------------------------------------------------------
    def add_case(self, case: CaseDetails, files: Iterable[CaseFile] = ()) -> CaseDetails:
        """Register a new case (status accepted) with the files it came with; its number must be new."""
        stamp = now_utc()
        with self._transaction() as db:
            if db.execute("SELECT 1 FROM cases WHERE number = ?", (case.number,)).fetchone():
                raise InputError("case_exists", number=case.number, path=str(self.path))
            cursor = db.execute(
                "INSERT INTO cases (number, project, applicant, site, received, limit_days, officer, reviewer, "
                "approver, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'accepted', ?, ?)",
                (case.number, case.project, case.applicant, case.site,
                 case.received.isoformat() if case.received else None, case.limit_days, case.officer,
                 case.reviewer, case.approver, stamp, stamp))
            case_id = cursor.lastrowid
            db.execute("INSERT INTO events (case_id, at, status) VALUES (?, ?, 'accepted')", (case_id, stamp))
            self._insert_files(db, case_id, files, None, stamp)
        return self.get_case(case.number)

    def _insert_files(self, db: sqlite3.Connection, case_id: int, files: Iterable[CaseFile],
                      submission: int | None, stamp: str) -> None:
        db.executemany("INSERT INTO files (case_id, role, path, layer, sha256, submission, added_at) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?)",
                       [(case_id, f.role, f.path, f.layer, f.sha256, submission, stamp) for f in files])

    def add_files(self, number: str, files: Iterable[CaseFile]) -> None:
        stamp = now_utc()
        with self._transaction() as db:
            case_id = self._case_id(db, number)
            self._insert_files(db, case_id, files, None, stamp)
            db.execute("UPDATE cases SET updated_at = ? WHERE id = ?", (stamp, case_id))

    def set_status(self, number: str, status: str, note: str = "") -> None:
        """Change a case's status, recording the change as an event (the same status again records nothing)."""
        if status not in CASE_STATUSES:
            raise ValueError(f"unknown case status {status!r}")
        stamp = now_utc()
        with self._transaction() as db:
            case_id = self._case_id(db, number)
            current = db.execute("SELECT status FROM cases WHERE id = ?", (case_id,)).fetchone()[0]
            if current == status:
                return
            db.execute("UPDATE cases SET status = ?, updated_at = ? WHERE id = ?", (status, stamp, case_id))
            db.execute("INSERT INTO events (case_id, at, status, note) VALUES (?, ?, ?, ?)",
                       (case_id, stamp, status, note))

    def close_case(self, number: str, note: str = "") -> None:
        self.set_status(number, "closed", note)

    def add_submission(self, number: str, files: Iterable[CaseFile], findings: dict[str, Any],
                       reports: Iterable[Report] = ()) -> int:
        """Record a check of the case's scheme: the files checked, the findings (planner.cases.resubmission
        records) and the reports written from it, in one transaction. The same scheme as the latest
        submission (same SHA-256 of its buildings, green and declared files) is a re-check of it: its findings
        and files are replaced and its number returned; another scheme is the next submission. An accepted
        case goes under review. A closed case takes no submission."""
        files = list(files)
        scheme = scheme_digest(files)
        blob = zlib.compress(orjson.dumps(findings, option=orjson.OPT_SERIALIZE_NUMPY, default=str))
        summary = findings.get("summary", {})
        stamp = now_utc()
        with self._transaction() as db:
            case_id = self._case_id(db, number)
            status = db.execute("SELECT status FROM cases WHERE id = ?", (case_id,)).fetchone()[0]
            if status == "closed":
                raise InputError("case_closed", number=number, path=str(self.path))
            last = db.execute("SELECT number, scheme FROM submissions WHERE case_id = ? ORDER BY number DESC "
                              "LIMIT 1", (case_id,)).fetchone()
            counts = (int(summary.get("violations", 0)), int(summary.get("warnings", 0)))
            if last is not None and last[1] == scheme:
                submission = last[0]
                db.execute("UPDATE submissions SET checked_at = ?, violations = ?, warnings = ?, findings = ? "
                           "WHERE case_id = ? AND number = ?", (stamp, *counts, blob, case_id, submission))
                db.execute("DELETE FROM files WHERE case_id = ? AND submission = ?", (case_id, submission))
            else:
                submission = 1 if last is None else last[0] + 1
                db.execute("INSERT INTO submissions (case_id, number, checked_at, scheme, violations, warnings, "
                           "findings) VALUES (?, ?, ?, ?, ?, ?, ?)", (case_id, submission, stamp, scheme, *counts,
                                                                       blob))
            self._insert_files(db, case_id, files, submission, stamp)
            self._insert_reports(db, case_id, [replace(r, submission=submission) for r in reports], stamp)
            if status == "accepted":
                db.execute("UPDATE cases SET status = 'reviewing' WHERE id = ?", (case_id,))
                db.execute("INSERT INTO events (case_id, at, status) VALUES (?, ?, 'reviewing')", (case_id, stamp))
            db.execute("UPDATE cases SET updated_at = ? WHERE id = ?", (stamp, case_id))
        return submission

    def _insert_reports(self, db: sqlite3.Connection, case_id: int, reports: Iterable[Report], stamp: str) -> None:
        rows = []
        for r in reports:
            if r.kind not in REPORT_KINDS:
                raise ValueError(f"unknown report kind {r.kind!r}")
            rows.append((case_id, r.kind, r.path, r.sha256 or file_sha256(r.path), r.submission,
                         r.issued_at or stamp))
        db.executemany("INSERT INTO reports (case_id, kind, path, sha256, submission, issued_at) "
                       "VALUES (?, ?, ?, ?, ?, ?)", rows)

    def record_report(self, number: str, kind: str, path: str | Path, submission: int | None = None) -> None:
        """Record a document issued for the case (its SHA-256 is taken from the file now)."""
        stamp = now_utc()
        report = Report(kind=kind, path=str(Path(path).absolute()), sha256=file_sha256(path), issued_at=stamp,
                        submission=submission)
        with self._transaction() as db:
            case_id = self._case_id(db, number)
            self._insert_reports(db, case_id, [report], stamp)
            db.execute("UPDATE cases SET updated_at = ? WHERE id = ?", (stamp, case_id))

    def save_review(self, number: str, review_json: str) -> None:
        """Keep the case's review (planner.review/1 JSON text); the latest one is the case's."""
        stamp = now_utc()
        with self._transaction() as db:
            case_id = self._case_id(db, number)
            db.execute("INSERT INTO reviews (case_id, saved_at, review) VALUES (?, ?, ?)",
                       (case_id, stamp, review_json))

    # --- reading ---------------------------------------------------------------------------------------
    def _case_id(self, db: sqlite3.Connection, number: str) -> int:
        row = db.execute("SELECT id FROM cases WHERE number = ?", (number,)).fetchone()
        if row is None:
            raise InputError("case_unknown", number=number, path=str(self.path))
        return row[0]

    _CASE_COLUMNS = ("number, project, applicant, site, received, limit_days, officer, reviewer, approver, status, "
                     "created_at, updated_at")

    def _details(self, row: tuple) -> tuple[CaseDetails, str, str]:
        number, project, applicant, site, received, limit, officer, reviewer, approver, status, created, updated = row
        case = CaseDetails(number=number, project=project, applicant=applicant, site=site,
                           received=date.fromisoformat(received) if received else None, limit_days=limit,
                           officer=officer, reviewer=reviewer, approver=approver, status=status)
        return with_deadline(case, self.calendar), created, updated

    def get_case(self, number: str) -> CaseDetails:
        """The case with its deadline counted over working days."""
        with self._errors():
            row = self._db.execute(f"SELECT {self._CASE_COLUMNS} FROM cases WHERE number = ?", (number,)).fetchone()
        if row is None:
            raise InputError("case_unknown", number=number, path=str(self.path))
        return self._details(row)[0]

    def _row(self, row: tuple, today: date) -> CaseRow:
        case, created, updated = self._details(row)
        left = None if case.deadline is None else working_days_between(today, case.deadline, self.calendar)
        open_case = case.status != "closed"
        return CaseRow(case=case, working_days_left=left, overdue=open_case and left is not None and left < 0,
                       due_soon=open_case and left is not None and 0 <= left <= DUE_SOON_DAYS,
                       created_at=created, updated_at=updated)

    def list_cases(self, today: date | None = None, include_closed: bool = True) -> list[CaseRow]:
        """Every case, by received date then number, with working days left on `today` (default: today)."""
        today = today or date.today()
        with self._errors():
            rows = self._db.execute(f"SELECT {self._CASE_COLUMNS} FROM cases ORDER BY received IS NULL, received, "
                                    "number").fetchall()
        listed = [self._row(row, today) for row in rows]
        return listed if include_closed else [r for r in listed if r.case.status != "closed"]

    def has_open_cases(self) -> bool:
        with self._errors():
            return self._db.execute("SELECT 1 FROM cases WHERE status != 'closed' LIMIT 1").fetchone() is not None

    def submissions(self, number: str) -> list[Submission]:
        with self._errors():
            case_id = self._case_id(self._db, number)
            rows = self._db.execute("SELECT number, checked_at, scheme, violations, warnings, findings FROM "
                                    "submissions WHERE case_id = ? ORDER BY number", (case_id,)).fetchall()
        return [Submission(n, at, scheme, v, w, orjson.loads(zlib.decompress(blob)))
                for n, at, scheme, v, w, blob in rows]

    def previous_submission(self, number: str, files: Iterable[CaseFile]) -> Submission | None:
        """The submission a check of `files` is compared with: the latest one of another scheme (checking the
        latest scheme again compares it with the one before it, as add_submission replaces it)."""
        scheme = scheme_digest(files)
        submissions = self.submissions(number)
        if submissions and submissions[-1].scheme == scheme:
            submissions = submissions[:-1]
        return submissions[-1] if submissions else None

    def record(self, number: str, today: date | None = None) -> CaseRecord:
        """Everything on a case: details, files, submissions, reports, events and its latest review."""
        today = today or date.today()
        with self._errors():
            db = self._db
            row = db.execute(f"SELECT {self._CASE_COLUMNS} FROM cases WHERE number = ?", (number,)).fetchone()
            if row is None:
                raise InputError("case_unknown", number=number, path=str(self.path))
            case_id = self._case_id(db, number)
            files = tuple(CaseFile(*r) for r in db.execute(
                "SELECT role, path, layer, sha256, submission, added_at FROM files WHERE case_id = ? ORDER BY id",
                (case_id,)))
            reports = tuple(Report(kind=k, path=p, sha256=s, issued_at=at, submission=n) for k, p, s, n, at in
                            db.execute("SELECT kind, path, sha256, submission, issued_at FROM reports WHERE "
                                       "case_id = ? ORDER BY id", (case_id,)))
            events = tuple(Event(*r) for r in db.execute(
                "SELECT at, status, note FROM events WHERE case_id = ? ORDER BY id", (case_id,)))
            review = db.execute("SELECT review FROM reviews WHERE case_id = ? ORDER BY id DESC LIMIT 1",
                                (case_id,)).fetchone()
        return CaseRecord(row=self._row(row, today), files=files, submissions=tuple(self.submissions(number)),
                          reports=reports, events=events, review=review[0] if review else None)
