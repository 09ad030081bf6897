"""`posguide` on its own: a short welcome on an empty machine, else the help."""

from __future__ import annotations

import typer

from ..i18n import t
from ..render import console
from .common import STATE


def welcome(ctx: typer.Context) -> None:
    from ..profile import load

    profile = load(STATE.home)
    if profile is None or not profile.terminals:
        console().print(t("cli.welcome", home=str(STATE.home.root)), markup=False,
                        highlight=False)
        return
    console().print(ctx.get_help(), markup=False, highlight=False)
