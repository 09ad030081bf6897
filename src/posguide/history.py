"""The dated events: what was done to which terminal, when, and by whom.

The model only: events are kept by the store (posguide.store), in posguide.db
for a local home. Status needs only the latest date of each kind per terminal,
which the store answers with an index lookup however long the history is.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .shown import is_clean
from .validate import contains_card_number, is_name, parse_day

# What `posguide record KIND` accepts; wizards add `sim-swap` and `checklist`.
RECORD_KINDS = (
    "transaction", "maintenance", "inspection", "password-change",
    "software-update", "fee-check", "sim-renewal",
)
KINDS = RECORD_KINDS + ("sim-swap", "checklist")


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
        """An event as stored, checked as `record` checks what it writes: one
        that would not have been written is not read (ValueError: the caller
        reports or skips it). A date outside posguide's range, data of the
        wrong type or a control character would otherwise break a later
        command."""
        if not isinstance(obj, dict):
            raise ValueError("not an object")
        terminal, kind, day = obj.get("terminal"), obj.get("kind"), obj.get("date")
        if not (isinstance(terminal, str) and isinstance(kind, str) and isinstance(day, str)):
            raise ValueError("missing fields")
        data = obj.get("data") or {}
        note, by = obj.get("note"), obj.get("by")
        event_id = obj.get("id") or ""
        if not isinstance(data, dict) or (note is not None and not isinstance(note, str)) \
                or (by is not None and not isinstance(by, str)):
            raise ValueError("bad fields")
        parsed_day = parse_day(day)
        if parsed_day is None:
            raise ValueError("bad date")
        if not _good_name_and_kind(terminal, kind) or not isinstance(event_id, str) \
                or not (event_id.isascii() and event_id.isalnum() and len(event_id) <= 64
                        or _short_clean(event_id or "-")) \
                or (by is not None and not _short_clean(by or "-")):
            raise ValueError("bad name, kind, id or by")
        if note is not None and not _good_note(note):
            raise ValueError("bad note")
        if data:
            _check_data(data)
        return cls(terminal=terminal, kind=kind, date=parsed_day, note=note,
                   data=data, id=event_id, by=by)


# The types of the data keys posguide writes and reads back (history's
# details, status). A hand edit of another type is not read.
_DATA_TYPES: dict[str, tuple[type, ...]] = {
    "checklist": (str,), "step": (str,), "steps": (int,), "skipped": (list,), "no": (list,),
    "answers": (dict,), "source": (str,), "old": (dict,), "new": (dict,),
    "old_expires": (str, type(None)), "new_expires": (str,), "iccid": (str, type(None)),
    "verdict": (str,), "amount": (str,), "settled": (str,), "fee": (str,),
    "expected_fee": (str,), "effective_rate": (str,), "agreed_rate": (str,),
    "cap": (str,),
}


@functools.lru_cache(maxsize=4096)
def _good_name_and_kind(terminal: str, kind: str) -> bool:
    """A history holds few names and kinds, each on many lines: checked once."""
    return is_name(terminal) and _short_clean(kind)


@functools.lru_cache(maxsize=4096)
def _good_note(note: str) -> bool:
    return len(note) <= 1000 and is_clean(note) and not contains_card_number(note)


def _short_clean(text: str) -> bool:
    return 0 < len(text) <= 64 and is_clean(text)


def _check_data(data: dict[str, Any]) -> None:
    for key, value in data.items():
        want = _DATA_TYPES.get(key)
        if want is not None and (isinstance(value, bool) or not isinstance(value, want)):
            raise ValueError(f"data.{key} has the wrong type")
        if key in ("old_expires", "new_expires") and value is not None \
                and parse_day(value) is None:
            raise ValueError(f"data.{key} is not a date")
    _check_values(data, 0)


def _check_values(value: Any, depth: int) -> None:
    """Every text in the data is clean (no control character), and nesting
    stays shallow. (Not checked for card numbers: data holds values of their
    own format, such as a merchant number, that may pass Luhn by chance;
    they were checked by that format when written.)"""
    if depth > 6:
        raise ValueError("nested too deeply")
    if isinstance(value, str):
        if not is_clean(value):
            raise ValueError("bad text in data")
    elif isinstance(value, dict):
        for k, item in value.items():
            _check_values(k, depth + 1)
            _check_values(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _check_values(item, depth + 1)
    elif isinstance(value, float):
        raise ValueError("no floats in event data (money is text)")
