"""An older home, from before posguide.db: `history.jsonl` (JSON Lines, one
event a line) and `progress/<terminal>/<checklist>.json`, imported on first
use (DESIGN.md section 2).

The import is one transaction that also marks it done in `meta`, so it happens
once: nothing lost, nothing counted twice. Only after it is committed are the
old files renamed `*.migrated` (kept, as they were); a process killed before
the commit leaves the database as it was and the import simply runs again, one
killed after it finds the mark and only finishes the renames. Lines that could
not be read stay in `history.jsonl.migrated` and are named in a notice.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..home import Home, os_error, read_bytes
from ..i18n import t
from ..prose import join
from . import sql

if TYPE_CHECKING:
    import sqlite3

    from ..history import Event

MARK = "legacy_import"
SUFFIX = ".migrated"
PROGRESS_VERSION = 1


def present(home: Home) -> bool:
    """Whether an older home's files are still here to import."""
    if home.history.exists():
        return True
    return bool(_progress_files(home))


def _progress_files(home: Home) -> list[Path]:
    folder = home.progress_dir
    try:
        if not folder.is_dir():
            return []
        return sorted(p for p in folder.glob("*/*.json") if p.is_file())
    except OSError:
        return []


# ------------------------------------------------------------------ history.jsonl


@dataclass
class Parsed:
    events: list[Event]
    bad_lines: list[int]  # 1-based line numbers that could not be read


def parse(raw: bytes, first_line: int = 1) -> Parsed:
    """Every readable event of a history.jsonl, and the lines that are not."""
    from ..history import Event

    events: list[Event] = []
    bad: list[int] = []
    for offset, line in enumerate(raw.split(b"\n")):
        if not line.strip():
            continue
        try:
            event = Event.from_json(json.loads(line))
        except (ValueError, UnicodeDecodeError, RecursionError):
            # RecursionError: a hostile line nested deeper than json can follow.
            bad.append(first_line + offset)
            continue
        if not event.id:
            import hashlib

            # The same line gives the same id, so a repeated import could be seen.
            event.id = hashlib.sha256(line).hexdigest()[:12]
        events.append(event)
    return Parsed(events, bad)


def encode(event: Event) -> bytes:
    """One history.jsonl line, as the release before posguide.db wrote it."""
    return (json.dumps(event.to_json(), ensure_ascii=False, separators=(",", ":"))
            + "\n").encode()


# ------------------------------------------------------------------ progress files


def _progress(path: Path) -> tuple[str, str, str] | None:
    """(terminal, checklist, data as JSON) of one progress file, None if unreadable."""
    raw = read_bytes(path)
    if raw is None:
        return None
    terminal, checklist = path.parent.name, path.stem
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None
    if (not isinstance(data, dict) or data.get("version") != PROGRESS_VERSION
            or data.get("checklist") != checklist):
        return None
    return terminal, checklist, json.dumps(data, ensure_ascii=False)


# ------------------------------------------------------------------ the import


Tx = Callable[["sqlite3.Connection"], AbstractContextManager[None]]


def import_home(conn: sqlite3.Connection, home: Home, tx: Tx, rename: bool = True) -> list[str]:
    """Import the old files into `conn` in one transaction, then rename them.
    An event whose id the database already holds, or progress it already has,
    is not added again: a second run (or a killed one run again) changes
    nothing. Returns the notices to show. Call with the home's lock held
    (unless `rename` is False: a read-only home read into memory)."""
    from . import current_user

    history_raw = read_bytes(home.history)
    files = _progress_files(home)
    parsed = parse(history_raw or b"")
    progress = [(p, _progress(p)) for p in files]
    added = 0
    with tx(conn):
        for event in parsed.events:
            if conn.execute(sql.HAS_EVENT, (event.id,)).fetchone() is None:
                # An event from before `by` existed has none: left empty, not guessed.
                conn.execute(sql.INSERT_EVENT, sql.event_row(event, None))
                added += 1
        for _path, row in progress:
            if row is not None:
                conn.execute(sql.ADD_PROGRESS, row)
        conn.execute(sql.SET_META, (MARK, json.dumps({
            "events": added, "bad_lines": parsed.bad_lines,
            "progress": sum(1 for _, r in progress if r is not None), "by": current_user()})))
    notices: list[str] = []
    if rename:
        notices.append(t("store.imported", events=added,
                         progress=sum(1 for _, r in progress if r is not None),
                         path=str(home.db)))
        if parsed.bad_lines:
            notices.append(t("store.import_bad_lines", lines=join(
                map(str, parsed.bad_lines[:10])), path=str(home.history) + SUFFIX))
        bad = [p for p, r in progress if r is None]
        if bad:
            notices.append(t("store.import_bad_progress", files=join(
                str(p) + SUFFIX for p in bad)))
        _rename_all(home, history_raw is not None, files)
    return notices


def _rename_all(home: Home, history: bool, files: list[Path]) -> None:
    """The old files, kept beside the database as `*.migrated`. The history's
    summary cache (history.index.json) is only a cache: removed."""
    for path in ([home.history] if history else []) + files:
        target = path.with_name(path.name + SUFFIX)
        n = 1
        while target.exists():  # a copy migrated before: keep both
            target = path.with_name(f"{path.name}{SUFFIX}.{n}")
            n += 1
        try:
            os.replace(path, target)
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise os_error(exc, path) from exc
    with contextlib.suppress(OSError):
        os.unlink(home.root / "history.index.json")
