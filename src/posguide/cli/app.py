"""The root command: global options, and each command group added from its module."""

from __future__ import annotations

from typing import Annotated

import typer

from .. import __version__
from ..render import console
from . import profile_cmd, terminal_cmd
from .common import STATE
from .init_cmd import init
from .record_cmd import history, record
from .remind_cmd import remind
from .status_cmd import status

app = typer.Typer(
    name="posguide",
    add_completion=True,
    no_args_is_help=False,
    invoke_without_command=True,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["--help", "-h"]},
)


def _version(value: bool) -> None:
    if value:
        console().print(f"posguide {__version__}", markup=False, highlight=False)
        raise typer.Exit(0)


@app.callback()
def root(
    ctx: typer.Context,
    home: Annotated[str | None, typer.Option("--home", metavar="PATH")] = None,
    lang: Annotated[str | None, typer.Option("--lang", metavar="zh|en")] = None,
    terminal: Annotated[str | None, typer.Option("--terminal", "-t", metavar="NAME")] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True)
    ] = False,
) -> None:
    # --lang was already applied before the app was built (see __main__).
    STATE.reset(home, terminal)
    if ctx.invoked_subcommand is None:
        from .welcome import welcome

        welcome(ctx)


app.command("init")(init)
app.command("status")(status)
app.command("record")(record)
app.command("history")(history)
app.command("remind")(remind)
app.add_typer(terminal_cmd.app, name="terminal")
app.add_typer(profile_cmd.app, name="profile")
