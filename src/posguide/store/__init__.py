"""One store: every command reads and writes terminals, policy, history and
wizard progress through this interface, and nothing else.

Two implementations share it (DESIGN.md section 2 and 2a):

- `LocalStore` (store/local.py): `profile.toml` in the home for terminals and
  policy (the file people read and edit), `posguide.db` (SQLite, WAL) for the
  history and the wizard progress.
- the team store (PostgreSQL, issue 11): everything in one database, shared.

Both run the same SQL for history and progress (store/sql.py), adapting only
the parameter style. Commands make one call into a store and never touch files
or SQL themselves; `home.py` stays the one place that knows paths.

Semantics every implementation keeps:

- `change()` is the one way to write the profile. What the block does to
  `change.profile`, the events it `record`s and the progress it clears are
  saved together when the block ends without an exception: both or neither,
  even when the process is killed at any instant (the local store may roll an
  interrupted change forward at the start of the next command, with a notice).
  Nothing is written when the block raises.
- A change saved with `base` (the `Profile.revisions` a person looked at) is
  refused with `Conflict` when another person has changed one of those
  terminals since. Nothing holds a lock while a person types.
- Every event records who did it: `Event.by`, filled with `current_user()`
  when the caller leaves it empty.
- Reading never writes: a reading command on a home without a database creates
  none, and a read-only home (or database role) still answers.
- A database that cannot be read (damaged, foreign, a newer schema) is never
  overwritten: `DataError` (exit 3) naming it and how to restore it.
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from datetime import date
from typing import TYPE_CHECKING, Any

from ..errors import DataError

if TYPE_CHECKING:
    from ..database import Database
    from ..history import Event
    from ..home import Home
    from ..profile import Profile


# Plain classes rather than dataclasses: this module is imported on every
# start, and each dataclass costs a few hundred microseconds to create.


class Revision:
    """What a terminal's saved facts were based on: a number that grows with
    every save (the team store), and who saved it and when, where known.
    The local store keeps `number` 0 and checks profile.toml itself."""

    __slots__ = ("at", "by", "number")

    def __init__(self, number: int = 0, by: str | None = None, at: str | None = None) -> None:
        self.number = number
        self.by = by
        self.at = at  # ISO timestamp, said in a conflict message

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Revision) and \
            (self.number, self.by, self.at) == (other.number, other.by, other.at)

    def __hash__(self) -> int:
        return hash((self.number, self.by, self.at))

    def __repr__(self) -> str:
        return f"Revision({self.number!r}, by={self.by!r}, at={self.at!r})"


class Conflict(DataError):
    """A save based on what another person has changed since (DESIGN 2a):
    refused, never silently overwritten. `terminal`, `by`, `at` say who and when."""

    def __init__(self, message: str, terminal: str | None = None, by: str | None = None,
                 at: str | None = None) -> None:
        super().__init__(message)
        self.terminal = terminal
        self.by = by
        self.at = at


class Change:
    """What one `Store.change()` block does, saved as one: the profile as the
    block leaves it, the events it records, the progress it forgets."""

    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self.events: list[Event] = []
        # (terminal, checklist id); checklist None: every checklist of that terminal
        self.cleared: list[tuple[str, str | None]] = []

    def record(self, events: Iterable[Event]) -> None:
        self.events.extend(events)

    def clear_progress(self, terminal: str, checklist: str | None = None) -> None:
        self.cleared.append((terminal, checklist))


class ProfileText:
    """The profile as text for a person to edit (`profile edit`): `raw`, the
    `problem` with it if it does not load (an edit may mend it), and `base`,
    what the store compares with when the edit is saved."""

    def __init__(self, raw: bytes, base: Any, problem: str | None = None) -> None:
        self.raw = raw
        self.base = base
        self.problem = problem


def current_user() -> str:
    """Who is doing this: $POSGUIDE_USER, else the login name."""
    user = os.environ.get("POSGUIDE_USER", "").strip()
    if user:
        return user
    import getpass  # only writers need it

    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no login name (a container without passwd)
        return str(os.getuid()) if hasattr(os, "getuid") else "unknown"


class Store(ABC):
    """Terminals, policy, history and wizard progress of one home or team."""

    #: The home folder: custom checklists and config live there for both stores.
    home: Home
    #: Things to tell the user once (an interrupted change finished, an older
    #: home imported); the CLI prints them on stderr.
    notices: list[str]

    # ------------------------------------------------------------ the profile

    @abstractmethod
    def load_profile(self) -> Profile | None:
        """The terminals and policy, or None when there is no profile yet.
        `Profile.revisions` says what each terminal's facts are based on."""

    def profile(self) -> Profile:
        """The profile; a usage error naming `posguide init` when there is none."""
        from ..errors import UsageError
        from ..i18n import t

        profile = self.load_profile()
        if profile is None or not profile.terminals:
            raise UsageError(t("profile.none_yet"))
        return profile

    @abstractmethod
    def change(self, *, create: bool = False,
               base: Mapping[str, Revision] | None = None) -> AbstractContextManager[Change]:
        """`with store.change() as change:` lock, load, let the block change
        `change.profile` and `record` events, save all of it as one.
        `create`: start from an empty profile when there is none (else a
        usage error). `base`: refuse with Conflict when a terminal named in it
        was changed by someone since that revision."""

    @contextmanager
    def editing(self, create: bool = False) -> Iterator[Profile]:
        """A change of the profile alone."""
        with self.change(create=create) as change:
            yield change.profile

    @abstractmethod
    def profile_text(self) -> ProfileText:
        """The profile as the text a person edits (`profile edit`)."""

    @abstractmethod
    def save_profile_text(self, text: ProfileText, edited: bytes) -> None:
        """Save an edited profile text. Refused, with the edit kept aside
        (`profile.toml.rejected`) and nothing else changed, when it does not
        load (ProfileInvalid) or the profile changed since `text` was read
        (Conflict)."""

    def remove_terminal(self, name: str) -> Profile:
        """Remove a terminal and forget its half-done wizards (they would
        otherwise be offered to a new terminal of the same name). Its history
        stays. Returns the profile as saved."""
        with self.change() as change:
            change.profile.remove(name)
            change.clear_progress(name)
        return change.profile

    # ------------------------------------------------------------ history

    @abstractmethod
    def append(self, events: Iterable[Event]) -> None:
        """Record events durably, all or none."""

    @abstractmethod
    def events(self, *, terminal: str | None = None, kind: str | None = None,
               since: date | None = None, by: str | None = None) -> list[Event]:
        """Events matching every filter given, in the order recorded."""

    @abstractmethod
    def latest(self, terminals: Iterable[str] | None = None) -> dict[str, dict[str, date]]:
        """{terminal: {kind: latest date}}: what status needs of the history,
        for the terminals given (history.KINDS, a lookup each) or all of them."""

    @abstractmethod
    def fee_flags(self, terminals: Iterable[str] | None = None) -> dict[str, date | None]:
        """{terminal: day} of each terminal whose latest fee check that checked
        anything found money taken above the plan (status `fee_rate`), None
        when it found none, for the terminals given or all (one with no such
        check left out); the rule is fee_history.fee_flags, in one place."""

    @abstractmethod
    def last_completed(self, terminal: str,
                       checklists: Iterable[str] | None = None) -> dict[str, date]:
        """{checklist id: latest completion date} of one terminal (`checklist`
        and `sim-swap` events name the checklist they complete), for the ids
        given (one index lookup each) or every id found."""

    # ------------------------------------------------------------ wizard progress

    @abstractmethod
    def load_progress(self, terminal: str, checklist: str) -> dict[str, Any] | None:
        """A paused wizard's saved state (as wizard.py wrote it), or None."""

    @abstractmethod
    def save_progress(self, terminal: str, checklist: str, data: dict[str, Any]) -> None:
        """Replace the saved state of one wizard of one terminal."""

    @abstractmethod
    def clear_progress(self, terminal: str, checklist: str | None = None) -> None:
        """Forget one wizard's state (checklist None: every wizard of the terminal)."""

    @abstractmethod
    def all_progress(self) -> list[tuple[str, str, dict[str, Any]]]:
        """Every saved wizard state, (terminal, checklist, data): for `db push`."""

    # ------------------------------------------------------------ where

    @abstractmethod
    def describe(self) -> str:
        """Where the history and progress are, for messages: a file, or a URL
        without its password."""

    @abstractmethod
    def close(self) -> None:
        """Release connections. Safe to call twice."""


def open_store(home: Home, database: str | Database | None = None) -> Store:
    """The store for this run: the team's PostgreSQL database when a URL is
    given (`--database`, $POSGUIDE_DATABASE, config.toml: resolved by the
    caller), else the local home. The PostgreSQL driver is imported only then."""
    if database:
        from .postgres import PostgresStore

        store: Store = PostgresStore(home, database)
        return store
    from .local import LocalStore

    return LocalStore(home)


__all__ = ["Change", "Conflict", "ProfileText", "Revision", "Store",
           "current_user", "open_store"]
