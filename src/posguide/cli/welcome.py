"""`posguide` on its own: a short welcome on an empty machine, else the help."""

from __future__ import annotations

import typer

from ..i18n import t
from ..render import console, say
from .common import STATE


def welcome(ctx: typer.Context) -> None:
    profile = STATE.store.load_profile()
    if profile is None or not profile.terminals:
        say(t("cli.welcome", home=str(STATE.home.root)))
        return
    console().print(ctx.get_help(), markup=False, highlight=False)
