"""The home this run works in, for the few places handed no home: the
profile's field parsers check `mcc` against the MCC table, whose extra entries
live in the home. The CLI sets it when it resolves the home (a tiny module, so
that costs nothing at start-up)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .home import Home

home: Home | None = None
