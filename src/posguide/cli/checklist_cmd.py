"""`posguide checklist [NAME] [--restart] [--print] [--json]`: list, run or print
a checklist. Running one needs a terminal (its events belong to one); listing
and printing do not."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..errors import UsageError
from ..i18n import t
from ..prose import Prose, join, say
from ..render import console, print_json, write_utf8
from . import complete
from .common import STATE

if TYPE_CHECKING:
    from ..checklist import Checklist, Entry
    from ..profile import Profile, Terminal
    from ..prompts import Prompter
    from ..store import Revision
    from ..wizard import Completion


def checklist(
    name: Annotated[str | None, typer.Argument(
        metavar="NAME", autocompletion=complete.checklist_names)] = None,
    restart: Annotated[bool, typer.Option("--restart")] = False,
    print_: Annotated[bool, typer.Option("--print")] = False,
    json_: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    from ..checklist import find

    if name is None:
        list_checklists(json_)
        return
    if json_:
        raise UsageError(t("checklist.json_with_name"))
    if restart and print_:
        raise UsageError(t("checklist.restart_print"))
    found = find(STATE.home, name)
    if print_:
        from ..shown import shown

        write_utf8(shown(to_markdown(found)))  # a custom file's text, too
        return
    if found.id == "sim-swap" and found.source == "builtin":
        # One procedure, one saved progress: the swap's steps end with saving
        # the new card, which only the SIM swap wizard does.
        from .simswap_cmd import sim_swap

        sim_swap(restart=restart)
        return
    run(found, restart)


# ------------------------------------------------------------------ the list


def _current_terminal() -> str | None:
    """The terminal whose dates the list shows, if one can be chosen."""
    profile = STATE.store.load_profile()
    if profile is None or not profile.terminals:
        return None
    try:
        return profile.pick(STATE.terminal_name).name
    except UsageError:
        if STATE.terminal_name:
            raise  # a terminal that was asked for by name and is not there
        return None  # several terminals and no default: list without dates


def last_done(terminal: str | None, ids: list[str]) -> dict[str, str]:
    """{checklist id: latest completion date} for one terminal."""
    if terminal is None:
        return {}
    return {cid: day.isoformat()
            for cid, day in STATE.store.last_completed(terminal, ids).items()}


def _step_count(c: Checklist) -> int:
    """The steps a run goes through: `checklist sim-swap` runs the swap wizard,
    which asks the new card's details too."""
    if c.id == "sim-swap" and c.source == "builtin":
        from ..simswap import wizard_steps

        return wizard_steps(c)
    return len(c.steps)


def list_checklists(as_json: bool) -> None:
    from ..checklist import discover

    entries = discover(STATE.home)
    terminal = _current_terminal()
    dates = last_done(terminal, [e.id for e in entries])
    if as_json:
        print_json({"terminal": terminal, "checklists": [_entry_json(e, dates) for e in entries]})
        return
    from rich.table import Table

    title = (t("checklist.list_title_for", name=terminal) if terminal
             else t("checklist.list_title"))
    table = Table(title=title, title_justify="left", box=None, padding=(0, 2, 0, 0),
                  header_style="bold")
    table.add_column(t("checklist.col_name"), no_wrap=True)
    table.add_column(t("checklist.col_title"), overflow="fold", ratio=1)
    table.add_column(t("checklist.col_mode"), overflow="fold")
    table.add_column(t("checklist.col_steps"), justify="right")
    table.add_column(t("checklist.col_last"), no_wrap=True)
    for e in entries:
        name = e.id + (" " + t("checklist.custom_mark") if e.source == "custom" else "")
        c = e.checklist
        if c is None:
            table.add_row(name, f"[!] {t('checklist.broken')}", "", "", "", style="yellow")
            continue
        last = dates.get(e.id) or (t("checklist.never") if terminal else "-")
        table.add_row(name, c.title.get(), t(f"checklist.mode.{c.mode}"), str(_step_count(c)),
                      last)
    out = console()
    out.print(table)
    for e in entries:
        if e.error:  # in full, below the table: it names the file, the key and the line
            out.print(Prose(f"[!] {e.error}", "yellow"))
    if terminal is None:
        out.print(Prose(t("checklist.list_no_terminal"), "dim"))
    out.print(Prose(t("checklist.list_hint", folder=str(STATE.home.checklists_dir)), "dim"))


def _entry_json(e: Entry, dates: dict[str, str]) -> dict[str, Any]:
    c = e.checklist
    return {
        "id": e.id,
        "source": e.source,
        "path": e.path,
        "title": c.title.get() if c else None,
        "mode": c.mode if c else None,
        "steps": _step_count(c) if c else None,
        "last_completed": dates.get(e.id),
        "error": e.error,
    }


# ------------------------------------------------------------------ running


def resume_command(words: str, profile: Profile, term: Terminal) -> str:
    """The command that continues this wizard, naming the terminal when the
    default would pick another one."""
    command = f"posguide {words}"
    if len(profile.terminals) > 1 and (profile.default != term.name or STATE.terminal_name):
        command += f" --terminal {term.name}"
    return command


def based_on(profile: Profile, term: Terminal) -> dict[str, Revision]:
    """What a wizard's save is based on: the terminal as it was when it began
    (a team store refuses to save over a change someone made meanwhile)."""
    rev = profile.revisions.get(term.name)
    return {term.name: rev} if rev is not None else {}


def load_terminal(cid: str) -> tuple[Profile, Terminal]:
    profile = STATE.store.load_profile()
    if profile is None or not profile.terminals:
        raise UsageError(t("checklist.needs_terminal", id=cid))
    return profile, STATE.terminal(profile)


def run(found: Checklist, restart: bool) -> None:
    from ..prompts import ConsolePrompter
    from ..wizard import ProgressStore, Wizard, complete, support_hint

    profile, term = load_terminal(found.id)
    today = STATE.today()
    prompter = ConsolePrompter()
    store = ProgressStore(STATE.store, term.name, found.id)
    wizard = Wizard(found, prompter, store, today=today,
                    resume_command=resume_command(f"checklist {found.id}", profile, term),
                    terminal=term, restart=restart, support_hint=support_hint(term.support_phone),
                    home=STATE.home)
    answers = wizard.run()
    done = complete(STATE.store, term.name, found, answers, today, base=based_on(profile, term))
    show_completion(prompter, found, term.name, done)


def show_completion(prompter: Prompter, found: Checklist, terminal: str, done: Completion) -> None:
    n = len(found.steps)
    prompter.say()
    say(prompter, t("wizard.completed", title=found.title.get(), done=n - len(done.skipped), n=n),
                 style="bold green")
    if done.skipped:
        numbers = {s.id: k for k, s in enumerate(found.steps, start=1)}
        items = [t("wizard.skipped_step_reason", k=numbers[s.id], reason=a.reason) if a.reason
                 else t("wizard.skipped_step", k=numbers[s.id]) for s, a in done.skipped]
        say(prompter, t("wizard.skipped_steps", steps=join(items)), style="yellow")
    kinds = [t(f"kind.{e.kind}") for e in done.events]
    say(prompter, t("wizard.recorded", terminal=terminal, kinds=join(kinds)))
    from ..profile import format_value

    for key, value in done.changes.items():
        say(prompter, t("wizard.profile_set", label=t(f"fields.{key}"),
                        value=format_value(value)))


# ------------------------------------------------------------------ --print


def to_markdown(c: Checklist) -> str:
    """The checklist as Markdown to print and pin by the till: numbered steps
    with a box to tick, the critical ones marked, each with its reason."""
    lines = [f"# {c.title.get()}", "", f"*{t(f'checklist.print_mode.{c.mode}')}*", "",
             t("checklist.print_fill"), ""]
    if c.intro is not None:
        lines += [c.intro.get(), ""]
    number = 0
    for index, section in enumerate(c.sections):
        lines += [f"## {section.title.get()}", ""]
        for step in (s for s in c.steps if s.section == index):
            number += 1
            mark = f" **{t('checklist.print_critical')}**" if step.critical else ""
            blank = "  ________________" if step.kind == "input" else ""
            lines.append(f"- [ ] {number}. {step.action.get()}{blank}{mark}")
            quote: list[str] = []
            if step.why is not None:
                quote.append(t("checklist.print_why", why=step.why.get()))
            if step.kind == "check" and step.troubleshoot:
                quote += ["", t("checklist.print_if_no")]
                quote += [f"- {item.get()}" for item in step.troubleshoot]
            elif step.kind == "check" and step.stop_message is not None:
                quote += ["", t("checklist.print_if_no_stop", message=step.stop_message.get())]
            lines += [f"  > {q}".rstrip() for q in quote]
        lines.append("")
    if c.id == "sim-swap" and c.source == "builtin":
        lines += [t("checklist.print_sim_swap_data"), ""]
    lines += ["---", t("checklist.print_footer", id=c.id), ""]
    return "\n".join(lines)
