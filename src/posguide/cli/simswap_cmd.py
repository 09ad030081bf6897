"""`posguide sim-swap [--restart]`: swap the terminal's data SIM card, step by
step, and end with the profile holding the new card."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..i18n import t
from ..prose import Prose, say
from .common import STATE

if TYPE_CHECKING:
    from ..profile import Profile, Sim, Terminal
    from ..prompts import Prompter
    from ..status import Finding


def sim_swap(restart: Annotated[bool, typer.Option("--restart")] = False) -> None:
    from ..checklist import load_builtin
    from ..prompts import ConsolePrompter
    from ..simswap import TEST_PAYMENT, record_swap, tested, wizard_checklist
    from ..wizard import ProgressStore, Wizard, support_hint
    from .checklist_cmd import based_on, load_terminal, resume_command

    profile, term = load_terminal("sim-swap")
    today = STATE.today()
    checklist = wizard_checklist(load_builtin("sim-swap"), term, today, compare_table)
    prompter = ConsolePrompter()
    show_current(prompter, profile, term, today)
    store = ProgressStore(STATE.store, term.name, checklist.id)
    wizard = Wizard(checklist, prompter, store, today=today,
                    resume_command=resume_command("sim-swap", profile, term),
                    terminal=term, restart=restart, support_hint=support_hint(term.support_phone),
                    home=STATE.home)
    answers = wizard.run()
    if not tested(answers):
        # A skipped test payment proves nothing: keep every answer, but ask
        # the test payment again before the new card replaces the old one.
        raise wizard.reopen(TEST_PAYMENT, "simswap.untested")
    swap = record_swap(STATE.store, term.name, checklist, answers, today,
                       base=based_on(profile, term))
    prompter.say()
    say(prompter, t("simswap.saved", name=term.name, iccid=swap.new.iccid or "-"),
                 style="bold green")
    say(prompter, t("simswap.old_in_history"))
    finding = sim_finding(profile, swap.terminal, today)
    say(prompter, t("simswap.new_state"), style="bold")
    show_finding(prompter, finding)


def sim_finding(profile: Profile, term: Terminal, today: date) -> Finding:
    from ..status import evaluate

    latest = STATE.store.latest([term.name]).get(term.name, {})
    findings = evaluate(term, latest, profile.effective_policy(), today)  # sim_expiry only
    return next(f for f in findings if f.code == "sim_expiry")


def show_finding(prompter: Prompter, finding: Finding) -> None:
    from rich.text import Text

    from ..render import SEVERITY_STYLE

    mark, style = SEVERITY_STYLE[finding.severity]
    line = Text(f"{mark} ", style=style)
    line.append(finding.message, style=style if finding.severity != "ok" else "")
    line.overflow = "fold"
    prompter.show(line)


def show_current(prompter: Prompter, profile: Profile, term: Terminal, today: date) -> None:
    """The card in the terminal now, and whether a swap is due."""
    from rich.table import Table

    from ..status import when

    sim = term.sim
    prompter.say()
    say(prompter, t("simswap.current_title", name=term.name), style="bold")
    if not any((sim.carrier, sim.iccid, sim.plan, sim.expires)):
        say(prompter, t("simswap.no_card"))
        return
    table = Table(show_header=False, box=None, padding=(0, 2, 0, 2))
    table.add_column(no_wrap=True, style="bold")
    table.add_column(overflow="fold")
    expires = when((sim.expires - today).days, sim.expires) if sim.expires else None
    for key, value in (("sim.carrier", sim.carrier), ("sim.iccid", sim.iccid),
                       ("sim.plan", sim.plan), ("sim.expires", expires)):
        table.add_row(t(f"fields.{key}"), value or t("show.not_set"))
    prompter.show(table)
    finding = sim_finding(profile, term, today)
    show_finding(prompter, finding)
    if finding.severity == "ok":
        say(prompter, t("simswap.why_ok"))
    else:
        say(prompter, t("simswap.renewal_instead"), style="dim")


def compare_table(old: Sim, new: Sim, tested: bool = True) -> Any:
    """Old and new card side by side, the changed rows marked; below it, when
    the test payment was skipped, that answering y will not save yet."""
    from rich.console import Group
    from rich.table import Table

    from ..profile import format_value

    table = Table(title=t("simswap.compare_title"), title_justify="left", box=None,
                  padding=(0, 2, 0, 2), header_style="bold")
    table.add_column("")
    table.add_column(t("simswap.col_old"), overflow="fold")
    table.add_column(t("simswap.col_new"), overflow="fold")
    table.add_column("", no_wrap=True)
    for key in ("iccid", "carrier", "plan", "expires"):
        before, after = getattr(old, key), getattr(new, key)
        mark = t("simswap.changed") if before != after else ""
        table.add_row(t(f"fields.sim.{key}"), format_value(before) or "-",
                      format_value(after) or "-", mark, style="bold" if mark else "")
    if tested:
        return table
    return Group(table, Prose(t("simswap.untested_note"), "yellow"))
