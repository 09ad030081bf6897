"""The one place fee checks and statement audits are written to the history.

Both `fee check` and `statement audit` record a `fee-check` event through
`record_fee_check`, into whichever store the run uses. The event keeps numbers
as text and the verdict; never a row of a statement, never a card number.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from .history import Event

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .store import Store

KIND = "fee-check"


def record_fee_check(store: Store, terminal: str, day: date, data: dict[str, Any]) -> None:
    """Append one `fee-check` event to the store (local or the team's). Its
    `verdict` "higher" means money was taken above the plan: `status` shows
    `fee_rate` until a later check of the terminal says otherwise. A check
    with verdict "unknown" (nothing could be checked) is kept but changes
    nothing (see fee_flags)."""
    store.append([Event(terminal=terminal, kind=KIND, date=day, data=data)])


def fee_flags(rows: Iterable[tuple[str, str, str | None]]) -> dict[str, date | None]:
    """The rule for `fee_rate`, for every store: per terminal, the latest fee
    check (by day, then as recorded) that checked anything wins; when it says
    "higher", the terminal maps to its day, else to None. A terminal with no
    such check is left out. `rows` are (terminal, day, data as JSON text) in
    the order recorded. A check that could check nothing (verdict "unknown")
    neither raises nor clears the flag."""
    import json

    from .store.sql import stored_day

    by_terminal: dict[str, list[tuple[str, int, str | None]]] = {}
    for order, (terminal, day, data) in enumerate(rows):
        by_terminal.setdefault(terminal, []).append((day, order, data))
    out: dict[str, date | None] = {}
    for terminal, checks in by_terminal.items():
        for day, _, data in sorted(checks, key=lambda c: (c[0], c[1]), reverse=True):
            try:
                loaded = json.loads(data) if data else None
                verdict = loaded.get("verdict") if isinstance(loaded, dict) else None
            except (ValueError, RecursionError):
                verdict = None
            if verdict == "unknown":
                continue
            out[terminal] = stored_day(day) if verdict == "higher" else None
            break
    return out
