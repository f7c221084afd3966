"""Reviewer notes on a check's findings: per-finding notes and approved exceptions, an overall opinion, the file.

The file is ``planner.review/1`` JSON: ``reviewer``, ``opinion``, ``notes`` (finding_key -> note, accepted,
reason), ``saved_at`` and, since the review files record the scheme they were written for, ``scheme``: per file
of the scheme (``buildings``, ``green``) its path, layer and SHA-256. The field is optional, so the schema name
stays planner.review/1: a file without it (written before it existed) is still read, with a notice that it names
no scheme, and records the scheme when it is next saved; an older Planner reading a newer file ignores the field.
A review whose recorded scheme differs (another SHA-256 or layer) is never applied to the scheme given
(ReviewForAnotherScheme).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from planner.model import CheckResult, CheckWarning, InputError, InputInfo, Violation, finding_key

__all__ = ["SCHEMA", "SCHEME_ROLES", "STALE_AFTER_SECONDS", "FindingNote", "Notice", "Review",
           "ReviewForAnotherScheme", "ReviewStore", "SchemeFile", "annotated", "archive_path", "backup_path",
           "copy_atomically", "load_review", "orphaned_notes", "read_review", "remove_stale_temporaries",
           "review_from_text", "review_path", "review_text", "save_review", "scheme_mismatch", "scheme_of"]

SCHEMA = "planner.review/1"
SUFFIX = ".review.json"
BACKUP_SUFFIX = ".bak"
#: The files of a scheme a review records (the plan and control lines are what it is checked against, not it).
SCHEME_ROLES = ("buildings", "green")
#: A temporary file of an interrupted save this much older than now is no longer being written (a save takes
#: milliseconds): the next save removes it, unless its name holds the id of a process still running here.
STALE_AFTER_SECONDS = 60.0

Finding = Violation | CheckWarning


@dataclass(frozen=True, slots=True)
class SchemeFile:
    """One file of the scheme a review was written for: where it was, which layer, the SHA-256 of its content."""

    path: str
    layer: str
    sha256: str

    @classmethod
    def of(cls, info: InputInfo) -> SchemeFile:
        return cls(path=os.path.abspath(info.path) if info.path else "", layer=info.layer, sha256=info.sha256)

    def same_file(self, other: SchemeFile) -> bool:
        """The same path and layer (whatever the content)."""
        return (os.path.normcase(self.path) == os.path.normcase(other.path) and self.layer == other.layer)


def scheme_of(inputs: Mapping[str, InputInfo | None]) -> dict[str, SchemeFile]:
    """The scheme's identity from a result's inputs (``result.inputs``, or role -> a loaded layer's info)."""
    return {role: SchemeFile.of(info) for role in SCHEME_ROLES if (info := inputs.get(role)) is not None}


def scheme_mismatch(recorded: Mapping[str, SchemeFile],
                    given: Mapping[str, SchemeFile]) -> tuple[str, SchemeFile, SchemeFile] | None:
    """(role, recorded, given) of the first file of the scheme that differs (SHA-256 or layer), else None.

    A role only one side has is no mismatch: a review begun before the green areas were loaded goes on when
    they are, and records them.
    """
    for role in SCHEME_ROLES:
        old, new = recorded.get(role), given.get(role)
        if old is not None and new is not None and (old.sha256 != new.sha256 or old.layer != new.layer):
            return role, old, new
    return None


@dataclass(frozen=True, slots=True)
class FindingNote:
    """What the official wrote about one finding. `reason` says why an accepted finding is an approved exception.

    The data stay permissive (an accepted note without a reason loads and saves); the GUI asks for the reason.
    """

    note: str = ""
    accepted: bool = False
    reason: str = ""

    @property
    def is_empty(self) -> bool:
        return not self.note.strip() and not self.accepted and not self.reason.strip()


@dataclass(frozen=True, slots=True)
class Review:
    """The review of one scheme. `notes` is keyed by finding_key; treat it as read-only (use with_note)."""

    opinion: str = ""  # 审查意见
    reviewer: str = ""  # 审查人
    notes: dict[str, FindingNote] = field(default_factory=dict)
    #: The scheme the review was written for, per role (SCHEME_ROLES); empty: it names none (an old file).
    scheme: dict[str, SchemeFile] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        """Nothing written (the scheme it is for does not count)."""
        return not self.opinion.strip() and not self.reviewer.strip() and not self.notes

    def for_scheme(self, scheme: Mapping[str, SchemeFile]) -> Review:
        return replace(self, scheme=dict(scheme))

    def to_review_again(self) -> Review:
        """The notes of a review written for another scheme, to be reviewed again for this one: every note and
        reason is kept, no finding stays accepted as an approved exception, and the overall opinion (on the
        other scheme) is not carried over. Names no scheme."""
        notes = {key: replace(note, accepted=False) for key, note in self.notes.items()}
        return Review(reviewer=self.reviewer, notes={k: n for k, n in notes.items() if not n.is_empty})

    def note_for(self, finding: Finding | str) -> FindingNote:
        """The note on a finding (or on a finding_key); an empty note when there is none."""
        key = finding if isinstance(finding, str) else finding_key(finding)
        return self.notes.get(key, FindingNote())

    def get(self, finding: Finding | str) -> FindingNote | None:
        """The note on a finding, None when the official wrote none (note_for gives an empty note instead)."""
        return self.notes.get(finding if isinstance(finding, str) else finding_key(finding))

    def with_note(self, finding: Finding | str, note: FindingNote) -> Review:
        """The review with `note` on `finding`; an empty note removes the entry."""
        key = finding if isinstance(finding, str) else finding_key(finding)
        notes = dict(self.notes)
        if note.is_empty:
            notes.pop(key, None)
        else:
            notes[key] = note
        return replace(self, notes=notes)

    def with_opinion(self, opinion: str) -> Review:
        return replace(self, opinion=opinion)

    def with_reviewer(self, reviewer: str) -> Review:
        return replace(self, reviewer=reviewer)


def _findings(result: CheckResult) -> Iterable[Finding]:
    return (*result.violations, *result.warnings)


def annotated(review: Review, result: CheckResult) -> list[tuple[Finding, FindingNote]]:
    """The findings of `result` that carry a note, in report order (violations, then warnings)."""
    if not review.notes:
        return []
    out = []
    for finding in _findings(result):
        note = review.notes.get(finding_key(finding))
        if note is not None:
            out.append((finding, note))
    return out


def orphaned_notes(review: Review, result: CheckResult) -> dict[str, FindingNote]:
    """Notes whose finding is no longer in `result` (fixed by an amendment, or the data changed).

    They are kept in the review and reported, never dropped: the finding may come back, and what was decided
    about it is part of the record.
    """
    present = {finding_key(f) for f in _findings(result)}
    return {key: note for key, note in review.notes.items() if key not in present}


# --- the file ----------------------------------------------------------------------------------------

def review_path(scheme_path: str | Path) -> Path:
    """Where the review of a scheme lives: ``<scheme file name>.review.json`` beside it (beside a .gdb folder)."""
    scheme = Path(scheme_path)
    return scheme.parent / f"{scheme.name}{SUFFIX}"


def backup_path(path: str | Path) -> Path:
    """Where save_review keeps the version it replaced: ``<name>.bak``."""
    path = Path(path)
    return path.with_name(path.name + BACKUP_SUFFIX)


def archive_path(path: str | Path, scheme: Mapping[str, SchemeFile]) -> Path:
    """Where a review written for another scheme is kept when the official imports its notes or starts afresh:
    ``<scheme file name>.review.<first 12 hex digits of that scheme's SHA-256>.json`` beside it."""
    path = Path(path)
    recorded = next((scheme[r] for r in SCHEME_ROLES if r in scheme), None)
    tag = recorded.sha256[:12] if recorded is not None else "unknown"
    stem = path.name[:-len(SUFFIX)] if path.name.endswith(SUFFIX) else path.name
    return path.with_name(f"{stem}.review.{tag}.json")


@dataclass(frozen=True, slots=True)
class Notice:
    """Something the official should know about a review that was still read (worded by messages.notice_message):
    ``review_names_no_scheme``, ``review_backup_used``."""

    code: str
    details: dict[str, Any]


class ReviewForAnotherScheme(InputError):
    """A review file written for another scheme, or for an earlier content of this one: it is not applied.

    ``review`` is what the file holds (the window offers to import its notes to review again), ``role`` the file
    of the scheme that differs, ``written`` what the review recorded for it and ``given`` the file given now.
    The code is ``review_scheme_changed`` when the same file and layer now hold other content, else
    ``review_other_scheme``.
    """

    def __init__(self, path: str | Path, role: str, written: SchemeFile, given: SchemeFile, review: Review) -> None:
        code = "review_scheme_changed" if written.same_file(given) else "review_other_scheme"
        super().__init__(code, path=str(path), role=role, written_path=written.path, written_layer=written.layer,
                         written_sha256=written.sha256, given_path=given.path, given_layer=given.layer,
                         given_sha256=given.sha256)
        self.path, self.role, self.written, self.given, self.review = Path(path), role, written, given, review


def load_review(path: str | Path) -> Review:
    """Read a review as it is, whatever scheme it was written for (read_review checks that); a missing file is
    an empty review.

    Raises InputError for a file that cannot be used, so that an official's notes are never silently replaced
    by an empty review: ``review_truncated`` (the file is cut off, and its .bak copy is whole),
    ``review_truncated_no_backup`` (cut off, no whole .bak), ``review_not_utf8`` (saved in another encoding),
    ``review_unreadable`` (anything else: not JSON, not a planner.review/1 file).
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Review()
    except OSError as exc:
        raise InputError("review_unreadable", path=str(path), error=exc.strerror or str(exc)) from exc
    try:
        return _parse(raw)
    except _CutOff:
        backup = backup_path(path)
        whole = _whole_backup(backup)
        raise InputError("review_truncated" if whole is not None else "review_truncated_no_backup",
                         path=str(path), size=len(raw), backup=str(backup)) from None
    except UnicodeDecodeError:
        raise InputError("review_not_utf8", path=str(path)) from None
    except (ValueError, TypeError) as exc:
        raise InputError("review_unreadable", path=str(path), error=str(exc)) from exc


def read_review(path: str | Path, scheme: Mapping[str, SchemeFile], *,
                backup_if_cut_off: bool = False) -> tuple[Review, tuple[Notice, ...]]:
    """The review at `path` for the scheme `scheme` (scheme_of a result's inputs), and what to tell the official.

    The review comes back bound to the scheme (the recorded files and those given). A file that names no scheme
    is read, with the notice ``review_names_no_scheme``. With `backup_if_cut_off`, a cut-off file whose .bak
    copy is whole gives the .bak's review, with the notice ``review_backup_used``. Raises ReviewForAnotherScheme
    for a review written for another scheme, and load_review's errors.
    """
    path = Path(path)
    notices: list[Notice] = []
    try:
        review = load_review(path)
    except InputError as exc:
        if not (backup_if_cut_off and exc.code == "review_truncated"):
            raise
        review = load_review(backup_path(path))
        notices.append(Notice("review_backup_used", {"path": str(path), "backup": str(backup_path(path))}))
    mismatch = scheme_mismatch(review.scheme, scheme)
    if mismatch is not None:
        raise ReviewForAnotherScheme(path, *mismatch, review)
    if not review.scheme and (path.exists() or notices):
        given = next((scheme[r] for r in SCHEME_ROLES if r in scheme), SchemeFile("", "", ""))
        notices.append(Notice("review_names_no_scheme", {"path": str(path), "given_path": given.path,
                                                         "given_layer": given.layer}))
    return review.for_scheme({**review.scheme, **scheme}), tuple(notices)


class _CutOff(ValueError):
    """The file ends before its JSON does: a save was interrupted (or a copy cut short)."""


#: What may stand at the point where a cut-off JSON text stops parsing: nothing, or the start of a literal,
#: a number's fraction or exponent, or a \u escape.
_TOKEN_START = re.compile(r"t(?:r(?:ue?)?)?|f(?:a(?:l(?:se?)?)?)?|n(?:u(?:ll?)?)?|-|\.\d*|[eE][-+]?|")
_ESCAPE_START = re.compile(r"u[0-9a-fA-F]{0,3}")


def _parse(raw: bytes) -> Review:
    data = raw.rstrip(b"\x00")  # a file system may leave the unwritten end of a file as zeros after a crash
    if not data.strip():
        raise _CutOff("the file is empty")
    try:
        text = data.decode("utf-8-sig")  # -sig: a file touched by Notepad starts with a BOM
    except UnicodeDecodeError as exc:
        if exc.end == len(data) and exc.reason == "unexpected end of data":  # cut inside a Chinese character
            raise _CutOff(str(exc)) from None
        raise
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        rest = exc.doc[exc.pos:].rstrip()
        if (exc.msg.startswith("Unterminated string") or _TOKEN_START.fullmatch(rest)
                or (exc.msg.startswith("Invalid \\uXXXX") and _ESCAPE_START.fullmatch(rest))):
            raise _CutOff(str(exc)) from None
        raise
    return _from_json(value)


def _whole_backup(backup: Path) -> Review | None:
    try:
        return _parse(backup.read_bytes())
    except (OSError, UnicodeDecodeError, ValueError, TypeError):
        return None


def _from_json(data: Any) -> Review:
    if not isinstance(data, dict):
        raise TypeError("not a JSON object")
    if data.get("schema") != SCHEMA:
        raise ValueError(f"schema is {data.get('schema')!r}, not {SCHEMA!r}")
    notes_data = data.get("notes", {})
    if not isinstance(notes_data, dict):
        raise TypeError("\"notes\" is not an object")
    notes = {}
    for key, item in notes_data.items():
        if not isinstance(item, dict):
            raise TypeError(f"note {key!r} is not an object")
        note = FindingNote(note=_text(item, "note", key), accepted=item.get("accepted", False),
                           reason=_text(item, "reason", key))
        if not isinstance(note.accepted, bool):
            raise TypeError(f"note {key!r}: \"accepted\" is not true or false")
        if not note.is_empty:
            notes[key] = note
    return Review(opinion=_text(data, "opinion"), reviewer=_text(data, "reviewer"), notes=notes,
                  scheme=_scheme_from_json(data.get("scheme")))


_SHA256 = re.compile(r"[0-9a-fA-F]{64}")


def _scheme_from_json(data: Any) -> dict[str, SchemeFile]:
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise TypeError("\"scheme\" is not an object")
    scheme = {}
    for role, item in data.items():
        if role not in SCHEME_ROLES:
            continue  # a file of a later Planner's scheme this one does not compare
        where = f"scheme {role!r}: "
        if not isinstance(item, dict):
            raise TypeError(f"{where}not an object")
        values = {name: item.get(name, "") for name in ("path", "layer", "sha256")}
        for name, value in values.items():
            if not isinstance(value, str):
                raise TypeError(f"{where}\"{name}\" is not text")
        if not _SHA256.fullmatch(values["sha256"]):
            raise ValueError(f"{where}\"sha256\" is not a SHA-256 ({values['sha256']!r})")
        scheme[role] = SchemeFile(values["path"], values["layer"], values["sha256"].lower())
    return scheme


def _text(data: dict, name: str, key: str | None = None) -> str:
    value = data.get(name, "")
    if not isinstance(value, str):
        raise TypeError(f"{'' if key is None else f'note {key!r}: '}\"{name}\" is not text")
    return value


def _to_json(review: Review) -> dict[str, Any]:
    data: dict[str, Any] = {
        "schema": SCHEMA,
        "saved_at": datetime.now(UTC).astimezone().isoformat(timespec="seconds"),
        "reviewer": review.reviewer,
        "opinion": review.opinion,
        "notes": {key: {"note": n.note, "accepted": n.accepted, "reason": n.reason}
                  for key, n in review.notes.items()},
    }
    if review.scheme:
        data["scheme"] = {role: {"path": f.path, "layer": f.layer, "sha256": f.sha256}
                          for role, f in review.scheme.items()}
    return data


def review_text(review: Review) -> str:
    """The review as its planner.review/1 JSON text (what a file holds; the case register keeps it too)."""
    return json.dumps(_to_json(review), ensure_ascii=False, sort_keys=True, indent=2) + "\n"


def review_from_text(text: str) -> Review:
    """A review from its planner.review/1 JSON text (as review_text gives it and the case register keeps it).
    Raises ValueError or TypeError for a text that is not one."""
    return _parse(text.encode("utf-8"))


def save_review(review: Review, path: str | Path) -> None:
    """Write a review atomically: a crash at any point leaves either the previous file or the new one, whole.

    The new text goes to a temporary file in the same directory (so os.replace stays on one file system), is
    flushed and fsync'ed, and then replaces the file in one step. The version it replaces is kept as
    ``<name>.bak``, written the same way, if it is a whole review: a cut-off file never replaces a whole backup.
    UTF-8 JSON, keys sorted, Chinese as is. Temporary files that interrupted saves left in the directory are
    removed first (remove_stale_temporaries).
    """
    path = Path(path)
    remove_stale_temporaries(path.parent)
    text = json.dumps(_to_json(review), ensure_ascii=False, sort_keys=True, indent=2) + "\n"
    mode = _mode_for(path)
    new = _write_temporary(path, text.encode("utf-8"), mode)
    try:
        try:
            previous: bytes | None = path.read_bytes()
        except FileNotFoundError:
            previous = None
        if previous is not None and _is_whole(previous):
            backup = backup_path(path)
            old = _write_temporary(backup, previous, mode)
            try:
                os.replace(old, backup)
            except BaseException:
                _remove(old)
                raise
        os.replace(new, path)
    except BaseException:
        _remove(new)
        raise
    _sync_directory(path.parent)


def copy_atomically(source: str | Path, target: str | Path) -> None:
    """Copy a file's bytes to `target` as save_review writes (temporary file, fsync, rename)."""
    source, target = Path(source), Path(target)
    data = source.read_bytes()
    name = _write_temporary(target, data, _mode_for(source))
    try:
        os.replace(name, target)
    except BaseException:
        _remove(name)
        raise
    _sync_directory(target.parent)


def _is_whole(data: bytes) -> bool:
    try:
        _parse(data)
    except (UnicodeDecodeError, ValueError, TypeError):
        return False
    return True


#: Our temporary files: ``.<review file>.<process id>.<8 random characters>.tmp`` (before the process id was
#: part of the name: without it). The review file is a ``….review.json``, its ``.bak`` or an archive_path.
_TEMPORARY = re.compile(r"\..+\.review(?:\.[0-9a-f]{12}|\.unknown)?\.json(?:\.bak)?\.(?:(\d{1,10})\.)?[a-z0-9_]{8}\.tmp")


def remove_stale_temporaries(directory: str | Path, now: float | None = None) -> list[Path]:
    """Remove the temporary files interrupted review saves left in `directory`; returns those removed.

    Only our own (by the name pattern _TEMPORARY), and only stale ones: last written more than
    STALE_AFTER_SECONDS ago, and not named with the id of a process running on this machine (another Planner
    may be saving right now, or a suspended one resume). Nothing that cannot be listed or removed is an error.
    """
    now = time.time() if now is None else now
    removed = []
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return removed
    for entry in entries:
        match = _TEMPORARY.fullmatch(entry.name)
        if match is None:
            continue
        try:
            if not entry.is_file(follow_symlinks=False) or now - entry.stat().st_mtime <= STALE_AFTER_SECONDS:
                continue
        except OSError:
            continue
        if match.group(1) is not None and _process_running(int(match.group(1))):
            continue
        with contextlib.suppress(OSError):
            os.unlink(entry.path)
            removed.append(Path(entry.path))
    return removed


def _process_running(pid: int) -> bool:
    """Whether process `pid` runs on this machine. POSIX only: on Windows os.kill(pid, 0) would end the process,
    so there the age of the file decides alone."""
    if os.name != "posix" or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: it runs, as another user
        return True
    return True


def _write_temporary(path: Path, data: bytes, mode: int | None) -> str:
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        if mode is not None:
            os.chmod(name, mode)  # mkstemp makes 0600; keep the file as readable as it was
    except BaseException:
        _remove(name)
        raise
    return name


def _mode_for(path: Path) -> int | None:
    if os.name != "posix":
        return None
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _remove(name: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(name)


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable (POSIX); Windows cannot open a directory, and needs no such step."""
    if os.name != "posix":
        return
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class ReviewStore:
    """The review of the scheme that is open, and where it is saved (plain Python: the window owns one).

    ``open_for(scheme, identity)`` loads the review beside the scheme for the scheme's identity (scheme_of);
    ``save(review)`` writes it back, recording that identity. Errors propagate and leave the store unbound, so
    nothing is overwritten: InputError (the window says the file cannot be used), ReviewForAnotherScheme (the
    window asks whether to import its notes or start afresh, then calls take_over). A cut-off file whose .bak
    is whole opens the .bak (``notices`` says so). A review that is still empty is not written, so opening a
    scheme leaves no file behind, and an unchanged review is not rewritten.
    """

    def __init__(self) -> None:
        self.path: Path | None = None
        self.scheme: dict[str, SchemeFile] = {}
        self.review = Review()
        self._saved: Review | None = Review()  # None: what is on disk must be rewritten (cut off, no identity)
        self.notices: tuple[Notice, ...] = ()

    def open_for(self, scheme_path: str | Path, scheme: Mapping[str, SchemeFile] | None = None, *,
                 at: str | Path | None = None) -> Review:
        """`at`: where the review file is (default: review_path, beside the scheme)."""
        path = Path(at) if at is not None else review_path(scheme_path)
        self.close()  # a review that cannot be opened leaves the store unbound: no edit is saved over another file
        review, notices = read_review(path, scheme or {}, backup_if_cut_off=True)
        on_disk = None if notices else review
        self.path, self.scheme, self.review, self._saved, self.notices = (path, dict(review.scheme), review,
                                                                          on_disk, notices)
        return review

    def accepts(self, scheme: Mapping[str, SchemeFile]) -> bool:
        """Whether the open review may go on for `scheme` (the same files, or files added: green areas)."""
        return self.path is not None and scheme_mismatch(self.scheme, scheme) is None

    def bind(self, scheme: Mapping[str, SchemeFile]) -> None:
        """Record the files of `scheme` (accepts() must hold); the next save writes them."""
        self.scheme = {**self.scheme, **scheme}
        self.review = self.review.for_scheme(self.scheme)

    def take_over(self, other: ReviewForAnotherScheme, scheme: Mapping[str, SchemeFile], review: Review) -> Path:
        """Put `review` (a fresh one, or other.review.to_review_again()) in place of the review written for
        another scheme, for `scheme`, and save it now. The other review's file is kept first as archive_path;
        returns that path."""
        kept = archive_path(other.path, other.review.scheme)
        copy_atomically(other.path, kept)
        self.path, self.scheme, self.notices = other.path, dict(scheme), ()
        self._saved = None
        self.save(review)
        return kept

    def close(self) -> None:
        self.path, self.scheme, self.review, self._saved, self.notices = None, {}, Review(), Review(), ()

    @property
    def dirty(self) -> bool:
        return self.review != self._saved

    def save(self, review: Review | None = None) -> bool:
        """Store `review` (if given) and write it to the current path, with the scheme's identity. Returns
        whether a file was written."""
        if review is not None:
            self.review = review
        self.review = self.review.for_scheme(self.scheme)
        if self.path is None or not self.dirty:
            return False
        if self.review.is_empty and not self.path.exists():
            self._saved = self.review
            return False
        save_review(self.review, self.path)
        self._saved = self.review
        return True
