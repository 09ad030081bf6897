"""The home this run works in, for the few places handed no home: the
profile's field parsers check `mcc` against the MCC table, whose extra entries
live in the home. The CLI says how to find it at the start of every run (a
tiny module, so that costs nothing at start-up); the home is resolved only
when asked for."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .home import Home

_source: Callable[[], Home] | None = None


def use(source: Callable[[], Home] | None) -> None:
    global _source
    _source = source


def home() -> Home | None:
    return _source() if _source is not None else None
