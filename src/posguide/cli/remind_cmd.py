"""`posguide remind --ics FILE`: every terminal's due dates for a calendar;
`posguide remind install|uninstall`: `notify run` once a day in the system's
own scheduler."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from ..errors import UsageError
from ..i18n import get_lang, t
from ..render import console, say
from .common import STATE

app = typer.Typer(invoke_without_command=True, no_args_is_help=False,
                  rich_markup_mode="rich")
Opt = typer.Option


@app.callback()
def remind(
    ctx: typer.Context,
    ics: Annotated[Path | None, Opt("--ics", metavar="FILE")] = None,
) -> None:
    if ctx.invoked_subcommand is not None:
        if ics is not None:
            raise UsageError(t("remind.ics_alone"))
        return
    if ics is None:
        raise UsageError(t("remind.needs_what"))
    write_calendar(ics)


def write_calendar(ics: Path) -> None:
    from ..home import atomic_write
    from ..ics import EXPIRY_CODES, reminders, to_ics
    from ..status import evaluate

    profile = STATE.profile()
    today = STATE.today()
    policy = profile.effective_policy()
    warn_days = {code: policy[f"{code}_warn_days"] for code in EXPIRY_CODES}
    latest = STATE.store.latest(profile.terminals)
    flags = STATE.store.fee_flags(profile.terminals)
    items = []
    for term in profile.terminals.values():
        findings = evaluate(term, latest.get(term.name, {}), policy, today,
                            profile.needs_name(term.name), flags.get(term.name),
                            term.name in flags)
        items.extend(reminders(term.name, findings, warn_days, today))
    data = to_ics(items, datetime.now(UTC))
    target = ics.expanduser().absolute()
    atomic_write(target, data, in_home=False)
    say(t("remind.written", count=len(items), path=str(target)), style="green")
    say(t("remind.how"))


@app.command("install")
def install(
    time: Annotated[str, Opt("--time", metavar="HH:MM")] = "09:00",
    dry_run: Annotated[bool, Opt("--dry-run")] = False,
    scheduler: Annotated[str | None, Opt("--scheduler", metavar="cron|launchd|schtasks")] = None,
) -> None:
    from ..schedule import install as do_install
    from ..schedule import install_plan, not_ready, pick_scheduler, posguide_argv, scheduled_argv

    home = STATE.home.root.expanduser().absolute()
    argv = scheduled_argv(posguide_argv(), home, get_lang())
    plan = install_plan(pick_scheduler(scheduler), argv, time, home, Path.home())
    # No terminal or no channel: a usage error (exit 2), as every command that
    # needs a profile (`posguide init` first) or a channel (`notify run`) says
    # it; nothing is unreadable (that stays exit 3, from the loading itself).
    problem = not_ready(STATE.store)
    if dry_run:
        console().print(plan.shown, markup=False, highlight=False, soft_wrap=True)
        if problem:
            say(problem, style="yellow", err=True)
        return
    if problem:
        raise UsageError(problem)
    changed = do_install(plan, home)
    key = "schedule.installed" if changed else "schedule.already"
    say(t(key, scheduler=plan.scheduler, time=time), style="green")
    console().print(plan.shown, markup=False, highlight=False, soft_wrap=True)
    say(t("schedule.next"))


@app.command("uninstall")
def uninstall(
    dry_run: Annotated[bool, Opt("--dry-run")] = False,
    scheduler: Annotated[str | None, Opt("--scheduler", metavar="cron|launchd|schtasks")] = None,
) -> None:
    from ..schedule import pick_scheduler, uninstall_plan
    from ..schedule import uninstall as do_uninstall

    home = STATE.home.root.expanduser().absolute()
    plan = uninstall_plan(pick_scheduler(scheduler), home, Path.home())
    if dry_run:
        console().print(plan.shown, markup=False, highlight=False, soft_wrap=True)
        return
    removed = do_uninstall(plan, home)
    say(t("schedule.removed" if removed else "schedule.nothing", scheduler=plan.scheduler),
        style="green" if removed else None)
