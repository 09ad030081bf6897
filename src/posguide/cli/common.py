"""What every command shares: the global options, the clock, and small helpers
that turn core results into output."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any

from ..errors import UsageError
from ..home import Home, resolve_home
from ..i18n import t

if TYPE_CHECKING:
    from ..profile import Profile, Terminal


@dataclass
class State:
    home_option: str | None = None
    terminal_option: str | None = None
    extras: dict[str, Any] = field(default_factory=dict)

    def reset(self, home: str | None, terminal: str | None) -> None:
        """Start a fresh run (in-process tests run many in one interpreter)."""
        self.home_option = home
        self.terminal_option = terminal
        self.extras.clear()
        self.__dict__.pop("home", None)

    @cached_property
    def home(self) -> Home:
        return Home(resolve_home(self.home_option))

    @property
    def terminal_name(self) -> str | None:
        return self.terminal_option or os.environ.get("POSGUIDE_TERMINAL") or None

    def today(self) -> date:
        """The one place the CLI reads the clock. POSGUIDE_TODAY (YYYY-MM-DD)
        pins it, for tests and for trying things out."""
        pinned = os.environ.get("POSGUIDE_TODAY")
        if pinned:
            try:
                return date.fromisoformat(pinned)
            except ValueError:
                raise UsageError(t("cli.bad_today_env", value=pinned)) from None
        return date.today()

    def profile(self) -> Profile:
        from ..profile import load_required

        return load_required(self.home)

    def terminal(self, profile: Profile | None = None) -> Terminal:
        return (profile or self.profile()).pick(self.terminal_name)


STATE = State()


def interactive() -> bool:
    """Ask questions only when a person is at the keyboard."""
    return sys.stdin is not None and sys.stdin.isatty()


def click_error_message(exc: Any) -> str:
    """A click usage error in the user's language, with where to get help."""
    message = exc.format_message()
    ctx = getattr(exc, "ctx", None)
    path = ctx.command_path if ctx is not None else "posguide"
    return t("cli.usage_error", message=message, command=path)
