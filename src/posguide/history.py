"""The dated events: what was done to which terminal, and when.

Stored as JSON Lines (`history.jsonl`), one event a line, appended with a single
write and fsync under the home's lock. A crash can only tear the last line; the
next writer moves a torn tail to `history.jsonl.torn` and says so once, so the
rest always stays readable.

Status needs only the latest date of each kind per terminal. That summary is
cached in `history.index.json` together with the byte offset it covers; a
reader parses only what was appended since, so a long history costs nothing.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .errors import DataError
from .home import Home, atomic_write, os_error, read_bytes
from .i18n import t
from .prose import join

# What `posguide record KIND` accepts; wizards add `sim-swap` and `checklist`.
RECORD_KINDS = (
    "transaction", "maintenance", "inspection", "password-change",
    "software-update", "fee-check", "sim-renewal",
)
KINDS = RECORD_KINDS + ("sim-swap", "checklist")
INDEX_VERSION = 1


@dataclass
class Event:
    terminal: str
    kind: str
    date: date
    note: str | None = None
    data: dict[str, Any] = field(default_factory=dict)
    # os.urandom rather than secrets: the same bytes, without secrets' 3 ms of imports.
    id: str = field(default_factory=lambda: os.urandom(6).hex())
    # Who did it ($POSGUIDE_USER, else the login name): filled in by the store.
    by: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "terminal": self.terminal, "kind": self.kind,
                               "date": self.date.isoformat()}
        if self.note:
            out["note"] = self.note
        if self.data:
            out["data"] = self.data
        if self.by:
            out["by"] = self.by
        return out

    @classmethod
    def from_json(cls, obj: Any) -> Event:
        if not isinstance(obj, dict):
            raise ValueError("not an object")
        terminal, kind, day = obj.get("terminal"), obj.get("kind"), obj.get("date")
        if not (isinstance(terminal, str) and isinstance(kind, str) and isinstance(day, str)):
            raise ValueError("missing fields")
        data = obj.get("data") or {}
        note, by = obj.get("note"), obj.get("by")
        if not isinstance(data, dict) or (note is not None and not isinstance(note, str)) \
                or (by is not None and not isinstance(by, str)):
            raise ValueError("bad fields")
        return cls(terminal=terminal, kind=kind, date=date.fromisoformat(day), note=note,
                   data=data, id=str(obj.get("id") or ""), by=by)


def _encode(event: Event) -> bytes:
    return (json.dumps(event.to_json(), ensure_ascii=False, separators=(",", ":")) + "\n").encode()


@dataclass
class Parsed:
    events: list[Event]
    bad_lines: list[int]  # 1-based line numbers that could not be read


def parse(raw: bytes, first_line: int = 1) -> Parsed:
    events: list[Event] = []
    bad: list[int] = []
    for offset, line in enumerate(raw.split(b"\n")):
        if not line.strip():
            continue
        try:
            events.append(Event.from_json(json.loads(line)))
        except (ValueError, UnicodeDecodeError, RecursionError):
            # RecursionError: a hostile line nested deeper than json can follow.
            bad.append(first_line + offset)
    return Parsed(events, bad)


def _write_all_or_nothing(fd: int, payload: bytes) -> None:
    """Append `payload` and fsync it. A filling disk writes part and then
    fails: the part is cut off again, so a failed record is not half saved."""
    start = os.fstat(fd).st_size
    view = memoryview(payload)
    try:
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    except OSError:
        with contextlib.suppress(OSError):
            os.ftruncate(fd, start)
        raise


class History:
    def __init__(self, home: Home) -> None:
        self.home = home
        self.notices: list[str] = []  # said once to the user by the CLI

    # ------------------------------------------------------------ writing

    def append(self, events: Iterable[Event]) -> None:
        """Append events durably. Takes the home's lock."""
        payload = b"".join(_encode(e) for e in events)
        if not payload:
            return
        with self.home.locked():
            self._repair_torn_tail()
            path = self.home.history
            try:
                fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
                try:
                    _write_all_or_nothing(fd, payload)
                finally:
                    os.close(fd)
            except OSError as exc:
                raise os_error(exc, path) from exc

    def _repair_torn_tail(self) -> None:
        """A last line without its newline was cut by a crash: set it aside."""
        path = self.home.history
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            return
        if size == 0:
            return
        try:
            with open(path, "rb") as fh:
                fh.seek(max(0, size - 65536))
                tail = fh.read()
        except OSError as exc:
            raise os_error(exc, path) from exc
        if tail.endswith(b"\n"):
            return
        cut = tail.rfind(b"\n")
        # Keep everything up to the last newline (all of the file before the
        # 64 KiB read when none is in it: no record is that long).
        keep = size - len(tail) + cut + 1
        torn = tail[cut + 1 :]
        try:
            fd = os.open(self.home.root / "history.jsonl.torn",
                         os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                _write_all_or_nothing(fd, torn + b"\n")  # kept before it is cut
            finally:
                os.close(fd)
            os.truncate(path, keep)
        except OSError as exc:
            raise os_error(exc, path) from exc
        self.notices.append(t("history.torn", path=str(path),
                              kept=str(self.home.root / "history.jsonl.torn")))

    # ------------------------------------------------------------ reading

    def events(self) -> list[Event]:
        """Every readable event, in the order recorded."""
        raw = read_bytes(self.home.history) or b""
        parsed = parse(raw)
        self._note_bad(parsed.bad_lines, raw)
        return parsed.events

    def _note_bad(self, bad: list[int], raw: bytes) -> None:
        if not bad:
            return
        torn_tail = not raw.endswith(b"\n") and bad[-1] == raw.count(b"\n") + 1
        if torn_tail and len(bad) == 1:
            self.notices.append(t("history.torn_unrepaired", path=str(self.home.history)))
        else:
            self.notices.append(t("history.bad_lines", path=str(self.home.history),
                                  lines=join(map(str, bad[:10]))))

    def latest(self) -> dict[str, dict[str, date]]:
        """{terminal: {kind: latest date}}, from the index plus what is new."""
        path = self.home.history
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            return {}
        except OSError as exc:
            raise os_error(exc, path) from exc
        index = self._read_index(size)
        if index is not None and index["size"] == size:
            return _dates(index["latest"])
        start = 0
        latest: dict[str, Any] = {}
        if index is not None and index["size"] < size:
            start, latest = index["size"], dict(index["latest"])
        latest = {k: dict(v) for k, v in latest.items()}
        try:
            with open(path, "rb") as fh:
                fh.seek(start)
                raw = fh.read()
        except OSError as exc:
            raise os_error(exc, path) from exc
        # Only whole lines are summarised; a torn tail is left for later.
        complete = raw[: raw.rfind(b"\n") + 1]
        parsed = parse(complete)
        if parsed.bad_lines or len(complete) != len(raw):
            self._note_bad(parse(raw).bad_lines, raw)
        for e in parsed.events:
            kinds = latest.setdefault(e.terminal, {})
            day = e.date.isoformat()
            if kinds.get(e.kind, "") < day:
                kinds[e.kind] = day
        self._write_index(start + len(complete), latest)
        return _dates(latest)

    def _read_index(self, size: int) -> dict[str, Any] | None:
        """The cached summary when it is whole and fits the history as it is
        now, else None: it is only a cache, rebuilt from the history itself."""
        raw = read_bytes(self.home.root / "history.index.json")
        if raw is None:
            return None
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            return None
        if not isinstance(data, dict) or data.get("version") != INDEX_VERSION:
            return None
        covered, latest = data.get("size"), data.get("latest")
        if type(covered) is not int or not 0 <= covered <= size or not isinstance(latest, dict):
            return None
        for kinds in latest.values():
            if not isinstance(kinds, dict):
                return None
            for day in kinds.values():
                try:
                    date.fromisoformat(day)
                except (TypeError, ValueError):
                    return None
        if covered and not self._ends_a_line(covered):
            return None  # the history was rewritten under it
        return data

    def _ends_a_line(self, offset: int) -> bool:
        try:
            with open(self.home.history, "rb") as fh:
                fh.seek(offset - 1)
                return fh.read(1) == b"\n"
        except OSError:
            return False

    def _write_index(self, size: int, latest: dict[str, dict[str, str]]) -> None:
        data = json.dumps({"version": INDEX_VERSION, "size": size, "latest": latest},
                          ensure_ascii=False).encode()
        # A read-only home can still show status: the cache is optional.
        with contextlib.suppress(DataError):
            atomic_write(self.home.root / "history.index.json", data)


def _dates(latest: dict[str, dict[str, str]]) -> dict[str, dict[str, date]]:
    out: dict[str, dict[str, date]] = {}
    for term, kinds in latest.items():
        out[term] = {}
        for kind, day in kinds.items():
            try:
                out[term][kind] = date.fromisoformat(day)
            except (TypeError, ValueError):
                continue
    return out


def filter_events(events: Iterable[Event], terminal: str | None = None, kind: str | None = None,
                  since: date | None = None) -> Iterator[Event]:
    for e in events:
        if terminal and e.terminal != terminal:
            continue
        if kind and e.kind != kind:
            continue
        if since and e.date < since:
            continue
        yield e
