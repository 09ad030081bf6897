"""The SIM swap: the built-in `sim-swap` checklist's physical steps, then the
new card's details, a side-by-side check, and only then the profile change.

The physical steps live in `checklists/sim-swap.toml` so they can be read,
printed (`posguide checklist sim-swap --print`) and revised like any checklist.
The data entry is built here, in code, because it is tied to behaviour a file
cannot express: the new ICCID must differ from the old one, the expiry cannot
be in the past, Enter keeps the old carrier and plan, and the last step shows
old and new side by side. Both parts run as ONE checklist through the same
runner, so back, skip, quit, Ctrl-C, resume and piped answers behave exactly
as in every other checklist, and answers typed in the data entry survive a
Ctrl-C like any other answer.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from . import validate as v
from .checklist import Checklist, Section, Step, Text
from .errors import DataError, ValidationError
from .history import Event
from .i18n import t
from .profile import Sim, Terminal, format_value
from .prose import join
from .wizard import Answer, completion_events

if TYPE_CHECKING:
    from .store import Revision, Store

# Steps of sim-swap.toml that only make sense when it is read on its own: its
# closing note says "now run posguide sim-swap", which is where we already are.
FILE_ONLY_STEPS = frozenset({"save-details"})
# The file's "write the new ICCID down before it goes in": the wizard asks for
# the number at that very point instead, while the card is still readable.
NOTE_ICCID = "note-new-iccid"

ICCID, CARRIER, PLAN, EXPIRES, CONFIRM = (
    "new-card-iccid", "new-card-carrier", "new-card-plan", "new-card-expires", "new-card-save")
DATA_STEPS = (ICCID, CARRIER, PLAN, EXPIRES, CONFIRM)
# The step of sim-swap.toml that proves the new card reaches the payment
# system. Until it is answered "yes", the profile keeps the old card.
TEST_PAYMENT = "test-payment"


def wizard_checklist(base: Checklist, term: Terminal, today: date,
                     render: Callable[[Sim, Sim, bool], Any]) -> Checklist:
    """The built-in swap steps followed by the new card's details.

    `render(old, new, tested)` draws the side-by-side comparison for the last
    step; `tested` is False when the test payment was skipped, so the person
    is told before answering that the card will not be saved yet."""
    steps = [s for s in base.steps if s.id not in FILE_ONLY_STEPS]
    clash = {s.id for s in steps} & set(DATA_STEPS)
    if clash:
        raise DataError(t("checklist.bad_file", path=base.path, detail=t(
            "checklist.bad_key", key="id", problem=t("checklist.err_duplicate",
                                                     id=join(sorted(clash))))))
    section = len(base.sections)
    old = term.sim

    def parse_iccid(text: str, force: bool) -> str:
        value = v.check_iccid(text, "sim.iccid", force)
        if old.iccid and value == old.iccid:
            raise ValidationError("sim.iccid", t("simswap.same_iccid",
                                                 field=v.field_label("sim.iccid")))
        return value

    def parse_expiry(text: str, force: bool) -> date:
        value = v.parse_date(text, today, "sim.expires")
        if value < today:
            raise ValidationError("sim.expires", t("simswap.expiry_past",
                                                   field=v.field_label("sim.expires"),
                                                   value=value.isoformat()))
        return value

    def step(step_id: str, key: str, **kw: Any) -> Step:
        return Step(id=step_id, action=Text.message(f"simswap.{key}_action"),
                    why=Text.message(f"simswap.{key}_why"), section=section, **kw)

    iccid = step(ICCID, "iccid", kind="input", input="iccid", critical=True, parse=parse_iccid)
    at = next((i for i, s in enumerate(steps) if s.id == NOTE_ICCID), None)
    if at is not None:  # asked before the card goes in, in that step's part
        steps[at] = replace(iccid, section=steps[at].section)
    data = [
        *([] if at is not None else [iccid]),
        step(CARRIER, "carrier", kind="input", input="text", default=old.carrier,
             parse=lambda s, f: v.check_text(s, "sim.carrier", 40)),
        step(PLAN, "plan", kind="input", input="text", default=old.plan,
             parse=lambda s, f: v.check_text(s, "sim.plan", 80)),
        step(EXPIRES, "expires", kind="input", input="date", critical=True, parse=parse_expiry),
        step(CONFIRM, "confirm", kind="confirm",
             render=lambda answers: render(old, new_sim(answers), tested(answers))),
    ]
    return replace(
        base,
        intro=Text.message("simswap.intro"),
        sections=(*base.sections, Section(id="new-card", title=Text.message("simswap.section"))),
        steps=(*steps, *data),
    )


def wizard_steps(base: Checklist) -> int:
    """How many steps the swap wizard runs on top of sim-swap.toml: what
    `posguide checklist` lists for it, as `posguide checklist sim-swap` runs
    the wizard."""
    ids = [s.id for s in base.steps if s.id not in FILE_ONLY_STEPS]
    return len(ids) + len(DATA_STEPS) - (1 if NOTE_ICCID in ids else 0)


def tested(answers: Mapping[str, Answer]) -> bool:
    """Whether the test payment with the new card worked (answered yes, not
    skipped): only then may the new card replace the old one in the profile."""
    answer = answers.get(TEST_PAYMENT)
    return answer is not None and answer.status == "done"


def new_sim(answers: Mapping[str, Answer]) -> Sim:
    """The new card as answered so far. A skipped answer means "not known":
    the old card's value would be wrong for the new card."""

    def value(step_id: str) -> str | None:
        answer = answers.get(step_id)
        return answer.value if answer is not None and answer.status == "value" else None

    expires = value(EXPIRES)
    return Sim(carrier=value(CARRIER), iccid=value(ICCID), plan=value(PLAN),
               expires=date.fromisoformat(expires) if expires else None)


def sim_json(sim: Sim) -> dict[str, str | None]:
    return {"carrier": sim.carrier, "iccid": sim.iccid, "plan": sim.plan,
            "expires": format_value(sim.expires) or None}


@dataclass
class Swap:
    old: Sim
    new: Sim
    terminal: Terminal
    events: list[Event]


def record_swap(store: Store, terminal: str, checklist: Checklist, answers: dict[str, Answer],
                today: date, base: Mapping[str, Revision] | None = None) -> Swap:
    """Put the new card in the profile and the old card's facts in the history,
    and forget the progress: one change, all or none.

    Only for a swap whose test payment worked: the caller pauses the wizard
    at the test payment otherwise (DESIGN section 6: the profile keeps the
    old card until a swap succeeds).

    `base`: the terminal's revision when the wizard began; a team store
    refuses the swap (Conflict) when someone changed the terminal since."""
    if not tested(answers):
        raise ValueError("a SIM swap without a working test payment is not recorded")
    new = new_sim(answers)
    events = completion_events(checklist, answers, terminal, today)
    with store.change(base=base) as change:
        term = change.profile.pick(terminal)
        old = replace(term.sim)
        term.sim = replace(new)
        saved = replace(term, sim=replace(new))
        first = events[0]
        data = {"checklist": checklist.id, "old": sim_json(old), "new": sim_json(new),
                "steps": first.data["steps"], "skipped": first.data["skipped"]}
        if answers.get(ICCID) is not None and answers[ICCID].forced:
            data["iccid_check_digit_confirmed"] = True
        swap_event = Event(terminal=terminal, kind="sim-swap", date=today, data=data)
        events = [swap_event, *events[1:]]
        change.record(events)
        change.clear_progress(terminal, checklist.id)
    return Swap(old=old, new=new, terminal=saved, events=events)
