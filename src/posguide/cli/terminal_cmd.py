"""`posguide terminal list|use|remove`: the terminals in this home."""

from __future__ import annotations

from typing import Annotated

import typer

from ..i18n import t, tn
from ..render import console, print_json, say
from . import complete
from .common import STATE, interactive

app = typer.Typer(no_args_is_help=True, rich_markup_mode="rich")


@app.command("list")
def list_(json_: Annotated[bool, typer.Option("--json")] = False) -> None:
    from rich.table import Table

    from ..profile import to_json

    profile = STATE.profile()
    if json_:
        print_json({"default": profile.default,
                    "terminals": [to_json(x) for x in profile.terminals.values()]})
        return
    table = Table(title=tn("terminal.list_title", len(profile.terminals)),
                  title_justify="left")
    for key in ("name", "brand", "model", "serial", "sim.expires", "location"):
        table.add_column(t(f"fields.{key}"), overflow="fold")
    for term in profile.terminals.values():
        name = term.name + (" *" if term.name == profile.default else "")
        table.add_row(name, *[str(term.get(k) or "-") for k in
                              ("brand", "model", "serial", "sim.expires", "location")])
    console().print(table)
    say(t("terminal.default_note"), style="dim")


@app.command("use")
def use(name: Annotated[str, typer.Argument(
        metavar="NAME", autocompletion=complete.terminal_names)]) -> None:
    with STATE.store.editing() as profile:
        profile.pick(name)
        profile.default = name
    say(t("terminal.now_default", name=name), style="green")


@app.command("remove")
def remove(
    name: Annotated[str, typer.Argument(metavar="NAME", autocompletion=complete.terminal_names)],
    yes: Annotated[bool, typer.Option("--yes", "-y")] = False,
) -> None:
    profile = STATE.profile()
    profile.pick(name)  # a clear error before any question
    if not yes:
        if not interactive():
            from ..errors import UsageError

            raise UsageError(t("terminal.remove_needs_yes", name=name))
        from ..prompts import ConsolePrompter, ask_yes_no

        if not ask_yes_no(ConsolePrompter(), t("terminal.remove_confirm", name=name), False):
            say(t("terminal.not_removed"))
            raise typer.Exit(0)  # the user chose not to: not an error
    STATE.store.remove_terminal(name)
    say(t("terminal.removed", name=name), style="green")
