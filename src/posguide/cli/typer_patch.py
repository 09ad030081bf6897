"""Everything posguide changes inside typer and its bundled click, in one place.

typer has no public way to translate its own words, to wrap help text the way
Chinese is set, or to word the `--install-completion` message, so this module
reaches into `typer.rich_utils`, `typer._click.formatting` and
`typer._completion_shared`. Each reach is named in `INTERNALS`;
tests/test_typer_patch.py checks every one still exists with the shape used
here, so a typer upgrade that moves them fails that test loudly instead of
quietly showing English (or "…") to a Chinese user.
"""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from typer._click import Command, Context, Parameter

# (module, attribute, the parameters we call it with, or None for a constant)
INTERNALS: tuple[tuple[str, str, tuple[str, ...] | None], ...] = (
    ("typer.rich_utils", "ARGUMENTS_PANEL_TITLE", None),
    ("typer.rich_utils", "OPTIONS_PANEL_TITLE", None),
    ("typer.rich_utils", "COMMANDS_PANEL_TITLE", None),
    ("typer.rich_utils", "ERRORS_PANEL_TITLE", None),
    ("typer.rich_utils", "ABORTED_TEXT", None),
    ("typer.rich_utils", "DEFAULT_STRING", None),
    ("typer.rich_utils", "REQUIRED_LONG_STRING", None),
    ("typer.rich_utils", "_make_rich_text", ("text", "style", "markup_mode")),
    ("typer._click.formatting", "HelpFormatter", None),
    ("typer._completion_shared", "install", ("shell", "prog_name", "complete_var")),
)
_WORDS = [attr for module, attr, shape in INTERNALS
          if module == "typer.rich_utils" and shape is None]


def check() -> list[str]:
    """What of INTERNALS is missing or changed shape (empty when all is well)."""
    import importlib

    problems = []
    for module_name, attr, shape in INTERNALS:
        module = importlib.import_module(module_name)
        if not hasattr(module, attr):
            problems.append(f"{module_name}.{attr} is gone")
            continue
        if shape is not None:
            params = tuple(inspect.signature(getattr(module, attr)).parameters)
            if not set(shape) <= set(params):
                problems.append(f"{module_name}.{attr}{params} no longer takes {shape}")
    from typer._click.formatting import HelpFormatter

    if "prefix" not in inspect.signature(HelpFormatter.write_usage).parameters:
        problems.append("HelpFormatter.write_usage no longer takes prefix")
    return problems


def translate_help_words(lang: str) -> None:
    """typer's own words on the help screens ("Options", "Usage: "), and help
    text wrapped by posguide's rules in Chinese (rich would cut it with "…")."""
    from typer import rich_utils

    from ..i18n import t

    for attr in _WORDS:
        setattr(rich_utils, attr, t(f"typer.{attr}", lang))
    _patch_usage_prefix()
    _patch_help_text()


def _patch_usage_prefix() -> None:
    # "Usage: " is written by click's formatter as a plain English literal.
    from typer._click.formatting import HelpFormatter

    if getattr(HelpFormatter.write_usage, "_posguide", False):
        return
    original = HelpFormatter.write_usage

    def write_usage(self: HelpFormatter, prog: str, args: str = "",
                    prefix: str | None = None) -> None:
        from ..i18n import t

        original(self, prog, args, t("typer.USAGE") if prefix is None else prefix)

    write_usage._posguide = True  # type: ignore[attr-defined]
    HelpFormatter.write_usage = write_usage  # type: ignore[method-assign]


def _patch_help_text() -> None:
    """rich wraps at spaces only: in a help table a Chinese sentence is one
    long word and gets cut with "…". In Chinese, the text goes out as
    `ProseText`, which breaks between characters and never inside a command."""
    from typer import rich_utils

    original = rich_utils._make_rich_text
    if getattr(original, "_posguide", False):
        return

    def make_rich_text(*, text: str, style: str = "", markup_mode: Any) -> Any:
        from rich.text import Text

        from ..i18n import get_lang
        from ..prose import ProseText

        made = original(text=text, style=style, markup_mode=markup_mode)
        if get_lang() == "zh" and isinstance(made, Text):
            return ProseText(made)
        return made

    make_rich_text._posguide = True  # type: ignore[attr-defined]
    rich_utils._make_rich_text = make_rich_text


def install_completion(ctx: Context, param: Parameter, value: Any) -> Any:
    """`--install-completion`, as typer's own callback does it, in the user's
    language (typer's prints English and has no hook for the words)."""
    if not value or ctx.resilient_parsing:
        return value
    from typer._completion_shared import install

    from ..i18n import t
    from ..render import say

    shell, path = install(shell=value) if isinstance(value, str) else install()
    say(t("typer.completion_installed", shell=shell, path=str(path)), "green")
    say(t("typer.completion_restart"))
    ctx.exit(0)


def localise_command(command: Command) -> None:
    """The usage line's placeholders and the `install-completion` words for
    one command, through click's public attributes."""
    from ..i18n import catalogue, get_lang, t

    lang = get_lang()
    command.options_metavar = t("typer.OPTIONS_METAVAR", lang)
    if hasattr(command, "subcommand_metavar"):
        command.subcommand_metavar = t("typer.SUBCOMMAND_METAVAR", lang)
    metavars = catalogue("typer")
    for param in command.params:
        if param.name == "install_completion":
            param.callback = install_completion
        metavar = getattr(param, "metavar", None)
        entry = metavars.get(f"typer.metavar.{metavar}")
        if entry is not None:
            param.metavar = entry[lang]
        if param.param_type_name == "argument":
            # typer shows an argument's type as "<str>": English, and no help.
            param.type = _quiet(param.type)


def _quiet(kind: Any) -> Any:
    from typer._click import types

    if type(kind) is not types.StringParamType:
        return kind

    class QuietString(types.StringParamType):
        def get_metavar(self, param: Any, ctx: Any = None) -> str:  # noqa: ARG002
            return ""

    return QuietString()
