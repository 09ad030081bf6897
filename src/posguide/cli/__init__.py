"""The typer app: one small module per command group.

Help texts are not written into the decorators: `build_command()` fills them in
from the message catalogue after the click command tree is built, so they follow
the language chosen at run time and a meta-test can check every one exists in
both languages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from typer._click import Command, Context, HelpFormatter


def build_command(args: list[str] | None = None) -> Command:
    """The click command for this run: only the command named in `args` is
    built (and its module imported); without one, the whole tree."""
    import typer.main

    from .app import make_app

    command = typer.main.get_command(make_app(named_command(args or [])))
    translate_help(command, "posguide")
    return command


def named_command(args: list[str]) -> str | None:
    """The command a command line names, after the global options that
    __main__.hoist_globals moved to its front. None for help, completion, or
    anything unclear: then the whole tree is built."""
    import os

    from .common import command_words

    if any(key.startswith("_POSGUIDE_COMPLETE") for key in os.environ):
        return None
    words = command_words(args)
    return words[0] if words else None


def translate_help(command: Command, path: str) -> None:
    from ..i18n import catalogue, get_lang
    from .typer_patch import localise_command

    lang = get_lang()
    localise_command(command)
    texts = catalogue("help")
    entry = texts.get(f"help.{path}")
    if entry is not None:
        command.help = entry[lang]
        command.short_help = entry[lang].split("\n")[0]
    # typer's help renderer (rich_utils, which pulls in markdown and pygments:
    # half of the start-up time) is imported only when help is shown; its own
    # words are translated at that moment rather than on every run.
    command.format_help = _translating(command.format_help)  # type: ignore[method-assign,assignment]
    for param in command.params:
        key = "help.posguide.help" if param.name == "help" else f"help.{path}.{param.name}"
        p_entry = texts.get(key)
        if p_entry is not None:
            param.help = p_entry[lang]  # type: ignore[attr-defined]
    for name, sub in getattr(command, "commands", {}).items():
        translate_help(sub, name if path == "posguide" else f"{path}.{name}")


def _translating(format_help: Callable[[Context, HelpFormatter], None]
                 ) -> Callable[[Context, HelpFormatter], None]:
    def wrapper(ctx: Context, formatter: HelpFormatter) -> None:
        from ..i18n import get_lang, t
        from .typer_patch import translate_help_words

        translate_help_words(get_lang())
        # click makes the --help option itself, outside command.params.
        help_option = ctx.command.get_help_option(ctx)
        if help_option is not None:
            help_option.help = t("help.posguide.help")
        format_help(ctx, formatter)

    return wrapper
