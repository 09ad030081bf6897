"""Recording what was done: `posguide record KIND`. Pure of output; the CLI
renders what this returns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from .errors import UsageError, ValidationError
from .history import RECORD_KINDS, Event
from .i18n import t
from .prose import join
from .validate import check_text, field_label

if TYPE_CHECKING:
    from .profile import Terminal
    from .store import Store


@dataclass
class Recorded:
    event: Event
    old_expires: date | None = None


def check_kind(kind: str) -> str:
    if kind not in RECORD_KINDS:
        raise UsageError(t("record.bad_kind", kind=kind, kinds=join(RECORD_KINDS)))
    return kind


def record(store: Store, terminal: str | None, kind: str, day: date, today: date,
           note: str | None = None, expires: date | None = None) -> Recorded:
    """Record one event. `sim-renewal` also moves the SIM's expiry to `expires`
    in the same change (both or neither), and keeps the old date in the event."""
    check_kind(kind)
    if day > today:
        raise ValidationError("date", t("validate.date_future", field=field_label("date"),
                                        value=day.isoformat()))
    if expires is not None and kind != "sim-renewal":
        raise UsageError(t("record.expires_only_renewal"))
    if kind == "sim-renewal":
        if expires is None:
            raise UsageError(t("record.needs_expires"))
        if expires <= day:
            raise ValidationError("sim.expires", t("record.expires_not_after",
                                                   expires=expires.isoformat(),
                                                   day=day.isoformat()))
    clean_note = check_text(note, "note") if note else None
    with store.change() as change:
        term = change.profile.pick(terminal)
        _check_after_purchase(term.purchased, day)
        old = None
        data = {}
        if kind == "sim-renewal":
            assert expires is not None
            old = term.sim.expires
            term.sim.expires = expires
            data = {"old_expires": old.isoformat() if old else None,
                    "new_expires": expires.isoformat()}
            if term.sim.iccid:
                data["iccid"] = term.sim.iccid
        event = Event(term.name, kind, day, clean_note, data)
        change.record([event])
    return Recorded(event, old)


def _check_after_purchase(purchased: date, day: date) -> None:
    """Nothing is done to a terminal before it was bought: such a date is a typo."""
    if day < purchased:
        raise ValidationError("date", t("record.before_purchase", date=day.isoformat(),
                                        purchased=purchased.isoformat()))


# What `posguide init` asks was last done, in the order it asks: each restarts
# a status clock, so a new terminal's first status counts from the real day
# rather than from activation (which made everything look overdue at once).
LAST_DONE = ("transaction", "maintenance", "inspection", "password-change",
             "software-update", "fee-check")


def check_last_done(kind: str, day: date, purchased: date | None, today: date) -> date:
    """A "last done" date as `record` would accept it: not in the future, and
    not before the terminal was bought."""
    check_kind(kind)
    if day > today:
        raise ValidationError(f"--last-{kind}", t("validate.date_future",
                                                  field=field_label(f"--last-{kind}"),
                                                  value=day.isoformat()))
    if purchased is not None:
        _check_after_purchase(purchased, day)
    return day


@dataclass
class Added:
    terminal: Terminal
    is_default: bool
    events: list[Event]


def add_terminal(store: Store, term: Terminal, last_done: dict[str, date],
                 today: date) -> Added:
    """Add a terminal to the profile, and what was last done to it to the
    history (marked as told at init), in one change: both or neither."""
    events = [Event(term.name, kind, check_last_done(kind, day, term.purchased, today),
                    data={"source": "init"})
              for kind, day in last_done.items()]
    with store.change(create=True) as change:
        change.profile.add(term)
        is_default = change.profile.default == term.name
        if events:
            change.record(events)
    return Added(term, is_default, events)
