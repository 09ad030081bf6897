"""What Tab offers after a command: checklist names, terminal names, record
kinds and profile keys. Each runs on a Tab press, so each reads only what it
needs (the profile or the checklist folder) and never fails: a home that
cannot be read simply offers nothing."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from ..home import Home


def _matching(words: Iterable[str], incomplete: str) -> list[str]:
    return [w for w in words if w.startswith(incomplete)]


def _home(ctx: typer.Context) -> Home:
    """The home the command line names (--home), else the usual one."""
    from ..home import Home, resolve_home

    option = ctx.find_root().params.get("home")
    return Home(resolve_home(option if isinstance(option, str) else None))


def checklist_names(ctx: typer.Context, incomplete: str) -> list[str]:
    from ..checklist import builtin_ids, custom_paths

    names = builtin_ids()
    with contextlib.suppress(Exception):  # a Tab press must never print a traceback
        names += [p.stem for p in custom_paths(_home(ctx))]
    return _matching(names, incomplete)


def terminal_names(ctx: typer.Context, incomplete: str) -> list[str]:
    from ..profile import load

    try:
        profile = load(_home(ctx))
    except Exception:  # noqa: BLE001 - an unreadable profile offers nothing
        return []
    return _matching(sorted(profile.terminals) if profile else [], incomplete)


def record_kinds(incomplete: str) -> list[str]:
    from ..history import RECORD_KINDS

    return _matching(RECORD_KINDS, incomplete)


def history_kinds(incomplete: str) -> list[str]:
    from ..history import KINDS

    return _matching(KINDS, incomplete)


def profile_keys(incomplete: str) -> list[str]:
    from ..profile import FIELD_ORDER

    return _matching([k for k in FIELD_ORDER if k != "name"], incomplete)
