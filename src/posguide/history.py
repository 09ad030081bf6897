"""The dated events: what was done to which terminal, when, and by whom.

The model only: events are kept by the store (posguide.store), in posguide.db
for a local home. Status needs only the latest date of each kind per terminal,
which the store answers with an index lookup however long the history is.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from typing import Any

# What `posguide record KIND` accepts; wizards add `sim-swap` and `checklist`.
RECORD_KINDS = (
    "transaction", "maintenance", "inspection", "password-change",
    "software-update", "fee-check", "sim-renewal",
)
KINDS = RECORD_KINDS + ("sim-swap", "checklist")
# Not a kind: a key of Store.latest() present while the latest fee check of a
# terminal (by date, then by order recorded) found money taken above the plan
# (status `fee_rate`); status.py spells it out too, so `status --demo` need not
# import this module.
FEE_ABOVE_PLAN = "fee-check:above-plan"


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
