"""Reviewer notes on a check's findings: per-finding notes and approved exceptions, an overall opinion, the file."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from planner.model import CheckResult, CheckWarning, InputError, Violation, finding_key

__all__ = ["SCHEMA", "FindingNote", "Review", "ReviewStore", "annotated", "load_review", "orphaned_notes",
           "review_path", "save_review"]

SCHEMA = "planner.review/1"
SUFFIX = ".review.json"
BACKUP_SUFFIX = ".bak"

Finding = Violation | CheckWarning

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

    @property
    def is_empty(self) -> bool:
        return not self.opinion.strip() and not self.reviewer.strip() and not self.notes

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


def load_review(path: str | Path) -> Review:
    """Read a review; a missing file is an empty review.

    Raises InputError("review_unreadable", path=..., error=...) for a file that cannot be read or is not a
    planner.review/1 file: an official's notes are never silently replaced by an empty review.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Review()
    except OSError as exc:
        raise InputError("review_unreadable", path=str(path), error=exc.strerror or str(exc)) from exc
    try:
        data = json.loads(raw.decode("utf-8-sig"))  # -sig: a file touched by Notepad starts with a BOM
        return _from_json(data)
    except (UnicodeDecodeError, ValueError, TypeError) as exc:
        raise InputError("review_unreadable", path=str(path), error=str(exc)) from exc


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
    return Review(opinion=_text(data, "opinion"), reviewer=_text(data, "reviewer"), notes=notes)


def _text(data: dict, name: str, key: str | None = None) -> str:
    value = data.get(name, "")
    if not isinstance(value, str):
        raise TypeError(f"{'' if key is None else f'note {key!r}: '}\"{name}\" is not text")
    return value


def _to_json(review: Review) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "saved_at": datetime.now(UTC).astimezone().isoformat(timespec="seconds"),
        "reviewer": review.reviewer,
        "opinion": review.opinion,
        "notes": {key: {"note": n.note, "accepted": n.accepted, "reason": n.reason}
                  for key, n in review.notes.items()},
    }


def save_review(review: Review, path: str | Path) -> None:
    """Write a review atomically: a crash at any point leaves either the previous file or the new one, whole.

    The new text goes to a temporary file in the same directory (so os.replace stays on one file system), is
    flushed and fsync'ed, and then replaces the file in one step. The version it replaces is kept as
    ``<name>.bak``, written the same way. UTF-8 JSON, keys sorted, Chinese as is.
    """
    path = Path(path)
    text = json.dumps(_to_json(review), ensure_ascii=False, sort_keys=True, indent=2) + "\n"
    mode = _mode_for(path)
    new = _write_temporary(path, text.encode("utf-8"), mode)
    try:
        try:
            previous: bytes | None = path.read_bytes()
        except FileNotFoundError:
            previous = None
        if previous is not None:
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


def _write_temporary(path: Path, data: bytes, mode: int | None) -> str:
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
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

    ``open_for(scheme)`` loads the review beside the scheme (InputError propagates: the window says the file
    is unreadable and does not overwrite it); ``save(review)`` writes it back. A review that is still empty is
    not written, so opening a scheme leaves no file behind, and an unchanged review is not rewritten.
    """

    def __init__(self) -> None:
        self.path: Path | None = None
        self.review = Review()
        self._saved = Review()

    def open_for(self, scheme_path: str | Path) -> Review:
        path = review_path(scheme_path)
        review = load_review(path)
        self.path, self.review, self._saved = path, review, review
        return review

    def close(self) -> None:
        self.path, self.review, self._saved = None, Review(), Review()

    @property
    def dirty(self) -> bool:
        return self.review != self._saved

    def save(self, review: Review | None = None) -> bool:
        """Store `review` (if given) and write it to the current path. Returns whether a file was written."""
        if review is not None:
            self.review = review
        if self.path is None or not self.dirty:
            return False
        if self.review.is_empty and not self.path.exists():
            self._saved = self.review
            return False
        save_review(self.review, self.path)
        self._saved = self.review
        return True
