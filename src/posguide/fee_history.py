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
    from .store import Store

KIND = "fee-check"


def record_fee_check(store: Store, terminal: str, day: date, data: dict[str, Any]) -> None:
    """Append one `fee-check` event to the store (local or the team's). Its
    `verdict` "higher" means money was taken above the plan: `status` shows
    `fee_rate` until a later check of the terminal says otherwise."""
    store.append([Event(terminal=terminal, kind=KIND, date=day, data=data)])
