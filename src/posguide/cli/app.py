"""The root command: global options, and the table of commands.

Each command lives in its own module, imported only when that command runs
(or when help or completion needs the whole tree): on a slow machine, every
module not imported is start-up time saved.
"""

from __future__ import annotations

import importlib
from functools import cache
from typing import Annotated, Any

import typer

from .. import __version__
from ..render import console
from . import complete
from .common import STATE

# name -> (module in posguide.cli, attribute). A typer.Typer attribute is a group.
COMMANDS: dict[str, tuple[str, str]] = {
    "status": ("status_cmd", "status"),
    "init": ("init_cmd", "init"),
    "checklist": ("checklist_cmd", "checklist"),
    "sim-swap": ("simswap_cmd", "sim_swap"),
    "record": ("record_cmd", "record"),
    "history": ("record_cmd", "history"),
    "remind": ("remind_cmd", "app"),
    "notify": ("notify_cmd", "app"),
    "fee": ("fee_cmd", "app"),
    "statement": ("statement_cmd", "app"),
    "terminal": ("terminal_cmd", "app"),
    "profile": ("profile_cmd", "app"),
    "merchant": ("merchant_cmd", "app"),
    "receipt": ("merchant_cmd", "receipt_app"),
    "db": ("db_cmd", "app"),
}


@cache
def _load(name: str) -> Any:
    module_name, attr = COMMANDS[name]
    module = importlib.import_module(f"{__package__}.{module_name}")
    if name == "terminal":
        from . import fleet_cmd

        fleet_cmd.register(module.app)  # terminal import|export (once: cached)
    return getattr(module, attr)


def _version(value: bool) -> None:
    if value:
        console().print(f"posguide {__version__}", markup=False, highlight=False)
        raise typer.Exit(0)


def root(
    ctx: typer.Context,
    home: Annotated[str | None, typer.Option("--home", metavar="PATH")] = None,
    lang: Annotated[str | None, typer.Option("--lang", metavar="zh|en")] = None,
    terminal: Annotated[str | None, typer.Option(
        "--terminal", "-t", metavar="NAME", autocompletion=complete.terminal_names)] = None,
    database: Annotated[str | None, typer.Option("--database", metavar="URL")] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True)
    ] = False,
) -> None:
    # --lang was already applied before the app was built (see __main__).
    from ..errors import UsageError
    from ..i18n import t

    if home is not None and not home.strip():
        raise UsageError(t("cli.empty_option", option="--home"))
    if terminal is not None and not terminal.strip():
        raise UsageError(t("cli.empty_option", option="--terminal"))
    STATE.reset(home, terminal, database)
    if ctx.invoked_subcommand is None:
        from .welcome import welcome

        welcome(ctx)


def make_app(only: str | None = None) -> typer.Typer:
    """The root app with every command, or with just `only` when the command
    line names one (its help, errors and behaviour are the same either way)."""
    app = typer.Typer(
        name="posguide",
        add_completion=True,
        no_args_is_help=False,
        invoke_without_command=True,
        rich_markup_mode="rich",
        context_settings={"help_option_names": ["--help", "-h"]},
    )
    app.callback()(root)
    for name in [only] if only in COMMANDS else COMMANDS:
        target = _load(name)
        if isinstance(target, typer.Typer):
            app.add_typer(target, name=name)
        else:
            app.command(name)(target)
    return app
