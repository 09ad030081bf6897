"""`posguide status`: what is fine, due soon and overdue, with the fix for each."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import UsageError
from ..i18n import t
from ..render import console, print_json, say
from .common import STATE

if TYPE_CHECKING:
    from ..profile import Terminal
    from ..status import Finding

Opt = typer.Option


def status(
    json_: Annotated[bool, Opt("--json")] = False,
    all_: Annotated[bool, Opt("--all")] = False,
    demo: Annotated[bool, Opt("--demo")] = False,
    today_: Annotated[str | None, Opt("--today", metavar="DATE")] = None,
    check: Annotated[bool, Opt("--check")] = False,
    within: Annotated[str | None, Opt("--within", metavar="PERIOD")] = None,
) -> int:
    from ..status import evaluate, needs_attention

    today = _today(today_)
    within_days = _period(within, today) if within else None
    results: list[tuple[Terminal, list[Finding]]] = []
    if demo:
        from ..demo import demo_terminal
        from ..profile import DEFAULT_POLICY

        term, latest = demo_terminal(today)
        results.append((term, evaluate(term, latest, DEFAULT_POLICY, today)))
    else:
        store = STATE.store
        profile = store.load_profile()
        if profile is None or not profile.terminals:
            if check:
                # A scheduled check with a mistyped home must not stay silent.
                from ..errors import DataError

                raise DataError(t("notify.no_profile", path=str(STATE.home.root)))
            if json_:
                print_json({"schema": 1, "today": today.isoformat(), "terminals": []})
            else:
                say(t("status.no_profile"))
            return 0
        policy = profile.effective_policy()
        terms = list(profile.terminals.values()) if all_ else [profile.pick(STATE.terminal_name)]
        names = [term.name for term in terms]
        latest_all = store.latest(names)
        flags = store.fee_flags(names)
        explicit = STATE.terminal_name is not None and not all_
        for term in terms:
            results.append((term, evaluate(term, latest_all.get(term.name, {}), policy, today,
                                           profile.needs_name(term.name, explicit),
                                           flags.get(term.name), term.name in flags)))

    if within_days is not None:
        results = [(term, [f for f in fs if _due_within(f, within_days)]) for term, fs in results]
    if json_:
        print_json({
            "schema": 1,
            "today": today.isoformat(),
            "terminals": [{"name": term.name, "findings": [f.to_json() for f in fs]}
                          for term, fs in results],
        })
    else:
        from .status_view import render_all, render_one

        out = console()
        if all_:
            render_all(out, results, today, within_days)
        else:
            term, findings = results[0]
            render_one(out, term, findings, today)
        if demo:
            say(t("status.demo_note"), style="dim")
    if check and any(needs_attention(fs) for _, fs in results):
        return 1
    return 0


def _today(text: str | None) -> date:
    real = STATE.today()
    if text is None:
        return real
    from ..validate import parse_date

    return parse_date(text, real, "today")


def _period(text: str, today: date) -> int:
    """"30", "30d", "6m", "1y" -> a number of days from today."""
    value = text.strip().lower()
    match = re.fullmatch(r"\+?(\d{1,4})([dmy]?)", value)
    if not match:
        raise UsageError(t("status.bad_within", value=text))
    count, unit = int(match.group(1)), match.group(2) or "d"
    if unit == "d":
        return count
    from ..validate import add_months

    try:
        return (add_months(today, count * (12 if unit == "y" else 1)) - today).days
    except (OverflowError, ValueError):  # beyond year 9999: every due date is within it
        return (date.max - today).days


def _due_within(f: Finding, days: int) -> bool:
    """Due within the period, overdue included."""
    return f.days is not None and f.days <= days
