"""`posguide remind --ics FILE`: every terminal's due dates for a calendar."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from ..i18n import t
from ..render import say
from .common import STATE


def remind(ics: Annotated[Path, typer.Option("--ics", metavar="FILE")]) -> None:
    from ..history import History
    from ..home import atomic_write
    from ..ics import EXPIRY_CODES, reminders, to_ics
    from ..status import evaluate

    profile = STATE.profile()
    today = STATE.today()
    policy = profile.effective_policy()
    warn_days = {code: policy[f"{code}_warn_days"] for code in EXPIRY_CODES}
    latest = History(STATE.home).latest()
    items = []
    for term in profile.terminals.values():
        findings = evaluate(term, latest.get(term.name, {}), policy, today,
                            profile.needs_name(term.name))
        items.extend(reminders(term.name, findings, warn_days, today))
    data = to_ics(items, datetime.now(UTC))
    target = ics.expanduser().absolute()
    atomic_write(target, data, in_home=False)
    say(t("remind.written", count=len(items), path=str(target)),
                    style="green")
    say(t("remind.how"))
