"""Runs a checklist one step at a time, the way DESIGN.md section 6 promises.

The runner talks only through a `Prompter` (say, show, ask), so tests drive it
with scripted answers and no terminal. Progress is saved after every answer, so
quitting, Ctrl-C or the end of piped input never loses what was answered; the
next run offers to resume at the same step.

Nothing here reads the clock: `today` is passed in.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from . import validate as v
from .checklist import Checklist, Step
from .errors import DataError, Interrupted, NeedsConfirmation, Paused, ValidationError
from .history import Event
from .i18n import t
from .profile import Terminal, check_terminal, format_value, parse_field, with_value
from .prompts import Prompter, ask_yes_no, confirm_anyway
from .prose import say

if TYPE_CHECKING:
    from .home import Home
    from .store import Revision, Store

PROGRESS_VERSION = 1

# What a person may type, by meaning. NFKC first, so full-width "ｙ" or "？"
# from a Chinese input method count the same as "y" and "?".
_TOKENS = {
    "done": {"y", "yes", "ok", "done", "是", "好", "好了", "完成", "做好了", "对"},
    "no": {"n", "no", "否", "不", "不是", "没有"},
    "skip": {"s", "skip", "跳过"},
    "back": {"b", "back", "返回", "上一步"},
    "quit": {"q", "quit", "退出", "暂停"},
    "why": {"?", "why", "为什么"},
}
# Input steps take free values, so only these words mean something else there.
_INPUT_TOKENS = ("skip", "back", "quit", "why")


def classify(text: str) -> str | None:
    """The meaning of an answer: "" for Enter, a token name, or None."""
    value = unicodedata.normalize("NFKC", text).strip().lower()
    if not value:
        return ""
    for token, words in _TOKENS.items():
        if value in words:
            return token
    return None


# ------------------------------------------------------------------ the support number


def mobile_warning(phone: str | None) -> str | None:
    """The warning shown next to a saved support number that is a mobile
    number (DESIGN section 7): the one place that text comes from."""
    found = v.classify_phone(phone) if phone else None
    if found is None or found.kind != "mobile":
        return None
    return t("wizard.support_mobile", phone=found.number)


def support_hint(phone: str | None) -> str:
    """What to do when the troubleshooting steps did not help: call the
    support number saved in the profile (warned about if it is a mobile),
    else the one in the contract or on the terminal's sticker."""
    if not phone:
        return t("wizard.support_unknown")
    hint = t("wizard.support_phone", phone=phone)
    warning = mobile_warning(phone)
    return f"{hint}\n{warning}" if warning else hint


# ------------------------------------------------------------------ answers and progress


@dataclass
class Answer:
    status: str  # done | no | skipped | value
    value: str | None = None
    forced: bool = False  # a suspicious value the person confirmed (bad ICCID check digit)
    reason: str | None = None  # why a critical step was skipped

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"status": self.status}
        if self.value is not None:
            out["value"] = self.value
        if self.forced:
            out["forced"] = True
        if self.reason:
            out["reason"] = self.reason
        return out

    @classmethod
    def from_json(cls, obj: Any) -> Answer:
        if not isinstance(obj, dict) or obj.get("status") not in ("done", "no", "skipped", "value"):
            raise ValueError("bad answer")
        value, reason = obj.get("value"), obj.get("reason")
        if value is not None and not isinstance(value, str):
            raise ValueError("bad value")
        if reason is not None and not isinstance(reason, str):
            raise ValueError("bad reason")
        return cls(status=obj["status"], value=value, forced=obj.get("forced") is True,
                   reason=reason)


@dataclass
class Saved:
    at: str  # the step id to resume at
    answers: dict[str, Answer]
    started: str
    saved: str


class ProgressStore:
    """One wizard's saved progress for one terminal, kept by the store
    (posguide.db for a local home), written after every answer."""

    def __init__(self, store: Store, terminal: str, checklist_id: str) -> None:
        self.store = store
        self.terminal = terminal
        self.checklist_id = checklist_id

    def load(self) -> Saved | None:
        data = self.store.load_progress(self.terminal, self.checklist_id)
        if data is None:
            return None
        try:
            if (data.get("version") != PROGRESS_VERSION
                    or data.get("checklist") != self.checklist_id):
                raise ValueError("not this wizard's progress")
            answers = {str(k): Answer.from_json(a) for k, a in data["answers"].items()}
            at, started, saved = data["at"], data["started"], data["saved"]
            if not all(isinstance(x, str) for x in (at, started, saved)):
                raise ValueError("bad fields")
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
            # Never overwrite what cannot be read: say how to start over.
            raise DataError(t("store.progress_unreadable", path=self.store.describe(),
                              terminal=self.terminal, checklist=self.checklist_id)) from exc
        return Saved(at=at, answers=answers, started=started, saved=saved)

    def save(self, at: str, answers: dict[str, Answer], started: date, today: date) -> None:
        data = {
            "version": PROGRESS_VERSION, "checklist": self.checklist_id,
            "terminal": self.terminal, "at": at, "started": started.isoformat(),
            "saved": today.isoformat(),
            "answers": {k: a.to_json() for k, a in answers.items()},
        }
        self.store.save_progress(self.terminal, self.checklist_id, data)

    def clear(self) -> None:
        self.store.clear_progress(self.terminal, self.checklist_id)


# ------------------------------------------------------------------ the runner


class _Quit(Exception):
    """The person typed q, or a check said stop: pause here."""

    def __init__(self, key: str) -> None:
        self.key = key


NEXT, BACK = 1, -1


@dataclass
class Wizard:
    """Ask every step of `checklist`; `run()` returns the answers once all are
    given, or raises Paused / Interrupted with the progress saved."""

    checklist: Checklist
    prompter: Prompter
    store: ProgressStore
    today: date
    resume_command: str
    terminal: Terminal | None = None
    restart: bool = False
    support_hint: str | None = None
    home: Home | None = None  # where the MCC table's own entries live
    answers: dict[str, Answer] = field(default_factory=dict)
    _started: date | None = None
    _shown_section: int | None = None
    _pos: int = 0

    # -------------------------------------------------------------- flow

    def run(self) -> dict[str, Answer]:
        steps = self.checklist.steps
        saved = None
        if self.restart:
            self.store.clear()
        else:
            saved = self.store.load()
        self._header()
        self._started = self.today
        # Until the person has answered "resume?", the saved progress stays as
        # it is: stopping at that question must not overwrite it.
        ready = saved is None
        try:
            if saved is not None:
                self._pos = self._offer_resume(saved)
                ready = True
            while self._pos < len(steps):
                step = steps[self._pos]
                self._show_step(self._pos)
                move = self._answer(step)
                if move == BACK:
                    self._pos -= 1
                else:
                    self._pos += 1
                self._save()
        except _Quit as quit_:
            self._save()
            raise Paused(self._pause_text(quit_.key)) from None
        except EOFError:
            if ready:
                self._save()
            raise Paused(self._pause_text("wizard.paused_eof")) from None
        except KeyboardInterrupt:
            if ready:
                self._save()
            raise Interrupted(self._pause_text("wizard.interrupted")) from None
        return self.answers

    def reopen(self, step_id: str, key: str) -> Paused:
        """Forget the answer to `step_id` and save the progress at that step, so
        the next run asks it again with every other answer kept. For an answer
        that turns out not to be enough once the whole list is answered (the
        SIM swap's skipped test payment). Returns the Paused to raise; `key`
        is its message, with the same placeholders as `wizard.paused`."""
        index = self.checklist.step_index(step_id)
        if index is None:
            raise ValueError(f"no step {step_id!r} in {self.checklist.id}")
        self.answers.pop(step_id, None)
        self._pos = index
        self._save()
        return Paused(self._pause_text(key))

    def _save(self) -> None:
        steps = self.checklist.steps
        at = steps[min(self._pos, len(steps) - 1)].id
        self.store.save(at, self.answers, self._started or self.today, self.today)

    def _pause_text(self, key: str) -> str:
        k = min(self._pos, len(self.checklist.steps) - 1) + 1
        return t(key, k=k, n=len(self.checklist.steps), command=self.resume_command)

    def _offer_resume(self, saved: Saved) -> int:
        steps = self.checklist.steps
        known = {s.id: s for s in steps}
        answers = {k: a for k, a in saved.answers.items()
                   if k in known and self._still_valid(known[k], a)}
        index = self.checklist.step_index(saved.at)
        if index is None:  # the file changed since: the first step not yet answered
            index = next((i for i, s in enumerate(steps) if s.id not in answers), 0)
        dropped = [i for i, s in enumerate(steps) if s.id in saved.answers and s.id not in answers]
        index = min([index, *dropped])  # an answer that no longer holds is asked again
        self._pos = index  # what a pause during the question below reports
        say(self.prompter, t("wizard.resume_found", k=index + 1, n=len(steps), date=saved.saved))
        if ask_yes_no(self.prompter, t("wizard.resume_ask", k=index + 1), default=True):
            self.answers = answers
            self._started = v.parse_day(saved.started) or self.today
            return index
        self.answers = {}
        self.store.clear()
        say(self.prompter, t("wizard.starting_over"))
        return 0

    def _still_valid(self, step: Step, answer: Answer) -> bool:
        """A saved answer is checked again like a typed one: the file may have
        been edited, and nothing unchecked may reach the history or profile."""
        try:
            if answer.reason is not None:
                v.check_text(answer.reason, "note", 200)
            if answer.value is not None:
                if step.kind != "input" and step.parse is None:
                    return False
                self.parse_input(step, answer.value, answer.forced)
        except (ValidationError, NeedsConfirmation):
            return False
        return True

    # -------------------------------------------------------------- showing

    def _header(self) -> None:
        c = self.checklist
        mode = t(f"checklist.mode.{c.mode}")
        self.prompter.say()
        say(self.prompter, f"{c.title.get()}  [{mode}]", style="bold")
        say(self.prompter, t(f"wizard.mode_hint.{c.mode}"), style="dim")
        if c.intro is not None:
            say(self.prompter, c.intro.get())
        say(self.prompter, t("wizard.keys"), style="dim")

    def _show_step(self, i: int) -> None:
        steps = self.checklist.steps
        step = steps[i]
        section = self.checklist.sections[step.section]
        if step.section != self._shown_section:
            self._shown_section = step.section
            self.prompter.say()
            say(self.prompter, t("wizard.section", k=step.section + 1,
                                m=len(self.checklist.sections), title=section.title.get()),
                              style="bold underline")
        self.prompter.say()
        head = t("wizard.step_of", k=i + 1, n=len(steps), section=section.title.get())
        if step.critical:
            head += "  " + t("wizard.critical_mark")
        say(self.prompter, head, style="bold yellow" if step.critical else "bold")
        say(self.prompter, step.action.get())
        earlier = self.answers.get(step.id)
        if earlier is not None:
            say(self.prompter, self._earlier_text(earlier), style="dim")
        if step.kind == "input" and step.input == "phone":
            # Enter would keep the saved number: say so if it is a mobile.
            default = self._input_default(step)
            warning = mobile_warning(default[0]) if default else None
            if warning:
                say(self.prompter, warning, style="yellow")
        if step.kind == "confirm" and step.render is not None:
            self.prompter.show(step.render(self.answers))


    def _earlier_text(self, answer: Answer) -> str:
        if answer.status == "value":
            return t("wizard.earlier_value", value=answer.value or "")
        if answer.status == "skipped":
            if answer.reason:
                return t("wizard.earlier_skipped_reason", reason=answer.reason)
            return t("wizard.earlier_skipped")
        return t(f"wizard.earlier_{answer.status}")

    def _prompt(self, step: Step) -> str:
        if step.kind == "input":
            default = self._input_default(step)
            if default is not None:
                return t("wizard.ask_input_default", default=default[0])
        return t(f"wizard.ask_{step.kind}")

    def _why(self, step: Step) -> None:
        if step.why is None:
            say(self.prompter, t("wizard.no_why"), style="cyan")
        else:
            say(self.prompter, t("wizard.why", why=step.why.get()), style="cyan")

    # -------------------------------------------------------------- answering

    def _answer(self, step: Step) -> int:
        while True:
            raw = self.prompter.ask(self._prompt(step))
            token = classify(raw)
            if step.kind == "input" and token not in _INPUT_TOKENS and token != "":
                if self._take_value(step, raw):
                    return NEXT
                continue
            if token == "why":
                self._why(step)
            elif token == "back":
                if self._pos == 0:
                    say(self.prompter, t("wizard.first_step"), style="yellow")
                else:
                    return BACK
            elif token == "quit":
                raise _Quit("wizard.paused")
            elif token == "skip":
                if self._skip(step):
                    return NEXT
            elif step.kind == "input":  # Enter
                default = self._input_default(step)
                if default is None:
                    say(self.prompter, t("wizard.input_required"), style="yellow")
                elif self._take_value(step, default[0], default[1]):
                    return NEXT
            elif self._simple(step, token):
                return NEXT

    def _simple(self, step: Step, token: str | None) -> bool:
        """Answers to do, check, note and confirm steps. True moves on."""
        kind = step.kind
        if kind in ("do", "note") and token in ("", "done"):
            self.answers[step.id] = Answer("done")
            return True
        if kind == "check" and token == "done":
            self.answers[step.id] = Answer("done")
            return True
        if kind == "check" and token == "no":
            return self._no(step)
        if kind == "confirm" and token in ("", "done"):
            self.answers[step.id] = Answer("done")
            return True
        if kind == "confirm" and token == "no":
            say(self.prompter, t("wizard.confirm_no"), style="yellow")
            return False
        say(self.prompter, t(f"wizard.keys_{kind}"), style="yellow")
        return False

    def _no(self, step: Step) -> bool:
        if step.on_no == "continue":
            self.answers[step.id] = Answer("no")
            return True
        if step.on_no == "stop":
            self.answers[step.id] = Answer("no")
            message = step.stop_message.get() if step.stop_message else t("wizard.stop_default")
            say(self.prompter, message, style="bold yellow")
            raise _Quit("wizard.stopped")
        say(self.prompter, t("wizard.troubleshoot_intro"), style="bold")
        for n, item in enumerate(step.troubleshoot, start=1):
            say(self.prompter, f"{n}. {item.get()}")
        say(self.prompter, t("wizard.troubleshoot_again"), style="cyan")
        if self.support_hint:
            say(self.prompter, self.support_hint, style="cyan")
        return False

    def _skip(self, step: Step) -> bool:
        if step.kind == "confirm":
            say(self.prompter, t("wizard.no_skip_confirm"), style="yellow")
            return False
        if step.kind == "note":  # nothing to do, so nothing to skip
            self.answers[step.id] = Answer("done")
            return True
        if not step.critical:
            self.answers[step.id] = Answer("skipped")
            return True
        say(self.prompter, t("wizard.critical_skip"), style="yellow")
        reason = self.prompter.ask(t("wizard.skip_reason")).strip()
        if not reason:
            say(self.prompter, t("wizard.not_skipped"))
            return False
        try:
            reason = v.check_text(reason, "note", 200)
        except ValidationError as exc:
            say(self.prompter, exc.message, style="yellow")
            return False
        self.answers[step.id] = Answer("skipped", reason=reason)
        return True

    def _input_default(self, step: Step) -> tuple[str, bool] | None:
        earlier = self.answers.get(step.id)
        if earlier is not None and earlier.status == "value" and earlier.value:
            return earlier.value, earlier.forced
        if step.default:
            return step.default, False
        if step.sets and self.terminal is not None:
            current = format_value(self.terminal.get(step.sets))
            if current:  # Enter keeps what the profile already holds
                return current, True
        return None

    def _take_value(self, step: Step, text: str, forced: bool = False) -> bool:
        try:
            value = self.parse_input(step, text, forced)
        except NeedsConfirmation as warn:
            if not confirm_anyway(self.prompter, warn):
                return False
            value, forced = self.parse_input(step, text, True), True
        except ValidationError as exc:
            say(self.prompter, exc.message, style="yellow")
            return False
        self.answers[step.id] = Answer("value", value=format_value(value), forced=forced)
        return True

    def parse_input(self, step: Step, text: str, force: bool) -> Any:
        return parse_input(step, text, force, self.today, self.terminal, self.home)


def parse_input(step: Step, text: str, force: bool, today: date,
                terminal: Terminal | None = None, home: Home | None = None) -> Any:
    """Validate an input step's answer: the step's own parser (code-defined
    steps), else the profile field it sets, else its input kind."""
    if step.parse is not None:
        return step.parse(text, force)
    if step.sets:
        value = parse_field(step.sets, text, today, force, home)
        if terminal is not None:
            check_terminal(with_value(terminal, step.sets, value), today)
        return value
    kind = step.input or "text"
    parsers: dict[str, Callable[[], Any]] = {
        "iccid": lambda: v.check_iccid(text, "sim.iccid", force),
        "date": lambda: v.parse_date(text, today, "date"),
        "money": lambda: v.parse_money(text, "amount"),
        "rate": lambda: v.parse_rate(text, "fee_rate"),
        "phone": lambda: v.check_phone(text, "support_phone", force),
        "number": lambda: whole_number(text),
        "text": lambda: v.check_text(text, "note", 200),
    }
    return parsers[kind]()


NUMBER_MAX = 999_999


def whole_number(text: str) -> int:
    """An `input = "number"` answer without a profile field: a count, 0 or more.
    (With `sets`, the field's own range applies: service_years is 1-10.)"""
    value = text.strip()
    if not value.isascii() or not value.isdigit() or int(value) > NUMBER_MAX:
        raise ValidationError("number", t("wizard.bad_number", value=text, high=NUMBER_MAX))
    return int(value)


# ------------------------------------------------------------------ completing


@dataclass
class Completion:
    events: list[Event]
    changes: dict[str, Any]  # profile field -> new value
    skipped: list[tuple[Step, Answer]]


def completion_events(checklist: Checklist, answers: dict[str, Answer], terminal: str,
                      today: date) -> list[Event]:
    """One `checklist` event with the skipped steps and the answers, then the
    kinds the checklist and its done steps record (each kind once)."""
    skipped, said_no, values = [], [], {}
    kinds: list[tuple[str, dict[str, Any]]] = []
    for step in checklist.steps:
        answer = answers.get(step.id)
        if answer is None:
            continue
        if answer.status == "skipped":
            entry = {"step": step.id}
            if answer.reason:
                entry["reason"] = answer.reason
            skipped.append(entry)
        elif answer.status == "no":
            said_no.append(step.id)
        elif answer.status == "value" and answer.value is not None:
            values[step.id] = answer.value
        if step.records and answer.status in ("done", "value"):
            kinds.append((step.records, {"checklist": checklist.id, "step": step.id}))
    if checklist.records:
        kinds.insert(0, (checklist.records, {"checklist": checklist.id}))
    data: dict[str, Any] = {"checklist": checklist.id, "steps": len(checklist.steps),
                            "skipped": skipped}
    if checklist.source != "builtin":
        data["source"] = checklist.source
    if said_no:
        data["no"] = said_no
    if values:
        data["answers"] = values
    events = [Event(terminal=terminal, kind="checklist", date=today, data=data)]
    seen: set[str] = set()
    for kind, kind_data in kinds:
        if kind not in seen:
            seen.add(kind)
            events.append(Event(terminal=terminal, kind=kind, date=today, data=kind_data))
    return events


def profile_changes(checklist: Checklist, answers: dict[str, Answer],
                    today: date, home: Home | None = None) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for step in checklist.steps:
        answer = answers.get(step.id)
        if step.sets and answer is not None and answer.status == "value" and answer.value:
            changes[step.sets] = parse_field(step.sets, answer.value, today, answer.forced,
                                             home)
    return changes


def complete(store: Store, terminal: str, checklist: Checklist, answers: dict[str, Answer],
             today: date, base: Mapping[str, Revision] | None = None) -> Completion:
    """Record a finished checklist as one change: the profile fields it sets
    (they may still be refused), its events, and forgetting its progress;
    all or none. A field answered with the value it already holds (Enter
    keeps it) is not a change: the profile and its .bak are left alone then.

    `base`: the terminal's revision when the wizard began. It matters only
    when the checklist sets fields: a team store then refuses (Conflict) to
    save over what someone changed since; events alone conflict with nothing."""
    events = completion_events(checklist, answers, terminal, today)
    changes = profile_changes(checklist, answers, today, store.home)
    with store.change(base=base if changes else None) as change:
        term = change.profile.pick(terminal)
        changes = {k: v for k, v in changes.items() if term.get(k) != v}
        if changes:
            new = term
            for key, value in changes.items():
                new = with_value(new, key, value)
            check_terminal(new, today)
            change.profile.terminals[term.name] = new
        change.record(events)
        change.clear_progress(terminal, checklist.id)
    skipped = [(s, answers[s.id]) for s in checklist.steps
               if s.id in answers and answers[s.id].status == "skipped"]
    return Completion(events=events, changes=changes, skipped=skipped)
