"""Copying between a local home and a team's database: `db push` and `db pull`
(DESIGN.md 2a). Both go through the store interface on both sides, so each
side's own rules hold (the local home's both-or-neither, the team's revisions).

Nothing is doubled when run twice: a terminal already there with the same facts
is left as it is, an event whose id is already there is not added again (an
event of an old home that never had an id gets one made from what it says, the
same on every run), a wizard's progress already there is kept. A terminal that
is on both sides with different facts stops the copy before anything is
written: which one is right is a person's call, never silently overwritten.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .errors import DataError
from .i18n import t
from .prose import join

if TYPE_CHECKING:
    from .history import Event
    from .profile import Profile
    from .store import Change, Store
    from .store.postgres import PostgresStore


@dataclass
class Copied:
    terminals: int = 0  # added on the receiving side
    same: int = 0  # already there with the same facts
    events: int = 0
    progress: int = 0
    schema: tuple[int, int] = (0, 0)  # (before, after) on the side that was set up
    notices: list[str] = field(default_factory=list)


def with_ids(events: list[Event]) -> list[Event]:
    """Events that all have an id: one made from the event's own content (and
    how often the same content came before) where a very old home left none."""
    seen: Counter[str] = Counter()
    for event in events:
        if event.id:
            continue
        body = json.dumps([event.terminal, event.kind, event.date.isoformat(), event.note,
                           event.data, event.by], sort_keys=True, ensure_ascii=False)
        seen[body] += 1
        event.id = "h" + hashlib.sha256(f"{body}#{seen[body]}".encode()).hexdigest()[:15]
    return events


def _merge(source: Profile | None, target: Profile, copied: Copied, to: str) -> None:
    if source is None:
        return
    had_default = target.default  # adding a terminal may make it the default
    differ = []
    for name, term in source.terminals.items():
        mine = target.terminals.get(name)
        if mine is None:
            target.add(term)
            copied.terminals += 1
        elif mine == term:
            copied.same += 1
        else:
            differ.append(name)
    if differ:
        raise DataError(t("db.differs", names=join(differ), to=to))
    # The [policy] (warning days) goes with the terminals: copied where the
    # other side has none, refused where both have one and they differ.
    if source.policy and target.policy and source.policy != target.policy:
        raise DataError(t("db.policy_differs", to=to))
    if source.policy and not target.policy:
        target.policy = dict(source.policy)
    # The default terminal likewise, where the other side has none.
    if had_default is None and source.default in target.terminals:
        target.default = source.default


def _merge_and_record(source: Profile | None, events: list[Event], target: Store,
                      change: Change, copied: Copied) -> None:
    """Inside `target`'s change: the source's terminals merged in, and the
    events it does not hold yet (by id) recorded, so a second copy adds nothing."""
    _merge(source, change.profile, copied, target.describe())
    have = {e.id for e in target.events()}
    new = [e for e in events if e.id not in have]
    change.record(new)
    copied.events = len(new)


def push(local: Store, team: PostgresStore) -> Copied:
    """A local home's terminals, history and wizard progress into the team's
    database, whose schema is created or upgraded first."""
    copied = Copied()
    before, after, notices = team.init_schema()
    copied.schema, copied.notices = (before, after), notices
    source = local.load_profile()
    events = with_ids(local.events())
    progress = local.all_progress()
    with team.change(create=True) as change:
        _merge_and_record(source, events, team, change, copied)
        for terminal, checklist, data in progress:
            try:
                there = team.load_progress(terminal, checklist)
            except DataError:
                continue  # damaged there: kept for a person to look at, never replaced
            if there is None:
                team.save_progress(terminal, checklist, data)
                copied.progress += 1
    return copied


def pull(team: PostgresStore, local: Store) -> Copied:
    """The team's terminals and their history into a local home (made when
    there is none). The team's database is only read: a read-only role may pull."""
    copied = Copied()
    source = team.profile()
    events = [e for e in team.events() if e.terminal in source.terminals]
    with local.change(create=True) as change:
        _merge_and_record(source, events, local, change, copied)
    return copied
