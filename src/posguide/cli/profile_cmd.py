"""`posguide profile show|set|unset|path|edit`: one terminal's facts."""

from __future__ import annotations

import os
import shlex
import subprocess
from typing import Annotated

import typer

from ..errors import NeedsConfirmation, UsageError
from ..home import reason as home_reason
from ..i18n import sentences, t
from ..render import console, print_json, say
from . import complete
from .common import STATE, interactive

app = typer.Typer(no_args_is_help=True, rich_markup_mode="rich")


@app.command("show")
def show(json_: Annotated[bool, typer.Option("--json")] = False) -> None:
    from ..profile import to_json
    from .show import terminal_table

    profile = STATE.profile()
    term = STATE.terminal(profile)
    if json_:
        print_json(to_json(term))
        return
    console().print(terminal_table(term, is_default=term.name == profile.default,
                                   home=STATE.home))


@app.command("set")
def set_(
    key: Annotated[str, typer.Argument(metavar="KEY", autocompletion=complete.profile_keys)],
    value: Annotated[str, typer.Argument(metavar="VALUE")],
    force: Annotated[bool, typer.Option("--force")] = False,
) -> None:
    from ..profile import check_terminal, format_value, parse_field, plan_warnings, with_value

    if key == "name":
        raise UsageError(t("profile.no_rename"))
    today = STATE.today()
    try:
        parsed = parse_field(key, value, today, force, STATE.home)
    except NeedsConfirmation as warn:
        if not interactive():
            raise UsageError(sentences(warn.message, t("init.use_force"))) from None
        from ..prompts import ConsolePrompter, confirm_anyway

        if not confirm_anyway(ConsolePrompter(), warn):
            say(t("profile.not_changed"))
            raise typer.Exit(0) from None  # the user chose not to: not an error
        parsed = parse_field(key, value, today, True, STATE.home)
    with STATE.store.editing() as profile:
        term = STATE.terminal(profile)
        old = term.get(key)
        new_term = with_value(term, key, parsed)
        check_terminal(new_term, today)
        profile.terminals[term.name] = new_term
    say(t("profile.set_done", name=term.name, key=key, old=format_value(old) or "-",
          new=format_value(parsed)), style="green")
    if key.startswith("fees."):
        for warning in plan_warnings(new_term):
            say(warning, style="yellow", err=True)


@app.command("unset")
def unset(key: Annotated[str, typer.Argument(
        metavar="KEY", autocompletion=complete.profile_keys)]) -> None:
    from ..profile import FIELDS, Terminal, with_value

    if key not in FIELDS:
        raise UsageError(t("profile.unknown_key", key=key, keys=", ".join(FIELDS)))
    if key in ("name", "purchased"):
        raise UsageError(t("profile.cannot_unset", key=key))
    default = Terminal.__dataclass_fields__[key].default if key == "service_years" else None
    with STATE.store.editing() as profile:
        term = STATE.terminal(profile)
        profile.terminals[term.name] = with_value(term, key, default)
    say(t("profile.unset_done", name=term.name, key=key),
                    style="green")


@app.command("path")
def path() -> None:
    # Plain print: scripts use this in $(...), so no wrapping or colour.
    from ..shown import shown

    typer.echo(shown(str(STATE.home.root)))


@app.command("edit")
def edit() -> None:
    from ..profile_edit import edit as edit_text

    store = STATE.store
    text = store.profile_text()
    if text.problem is not None:
        # The one command that may open a broken file: to mend it.
        say(t("profile.edit_broken_start", error=text.problem), style="yellow")
    editor = (os.environ.get("VISUAL", "").strip() or os.environ.get("EDITOR", "").strip()
              or default_editor())

    def again(problem: str) -> bool:
        if not interactive():
            return False
        from ..prompts import ConsolePrompter, ask_yes_no

        prompter = ConsolePrompter()
        prompter.say(t("profile.edit_problem", error=problem), style="yellow")
        return ask_yes_no(prompter, t("profile.edit_again"), default=True)

    if not edit_text(store, text, lambda path: _run_editor(editor, str(path)), again):
        say(t("profile.not_changed"))
        return
    say(t("profile.edit_saved", path=STATE.saved_where()), style="green")


def default_editor() -> str:
    """Notepad is on every Windows; vi on every other system posguide runs on."""
    return "notepad" if os.name == "nt" else "vi"


def editor_command(editor: str, posix: bool | None = None) -> list[str]:
    """$VISUAL/$EDITOR as a command line, split the platform's way (POSIX
    shell words, or Windows' rules where backslashes are path separators and
    double quotes group a path with spaces, as in
    `"C:\\Program Files\\Notepad++\\notepad++.exe" -multiInst`). A value that
    names an existing file is that file, spaces and all."""
    if posix is None:
        posix = os.name != "nt"
    bare = editor.strip().strip('"')
    if os.path.isfile(bare):
        return [bare]
    return shlex.split(editor) if posix else split_windows(editor)


def split_windows(line: str) -> list[str]:
    """Split a command line as Windows programs do (CommandLineToArgvW): white
    space between words, double quotes group and are taken away, backslashes
    are literal unless they stand before a quote (2n+1 of them make n and a
    quote). Single quotes mean nothing, so `C:\\Users\\O'Brien` stays whole."""
    words: list[str] = []
    word: list[str] = []
    in_word = quoted = False
    backslashes = 0
    for ch in line:
        if ch == "\\":
            backslashes += 1
            in_word = True
            continue
        if ch == '"':
            word.append("\\" * (backslashes // 2))
            if backslashes % 2:
                word.append('"')
            else:
                quoted = not quoted
            backslashes = 0
            in_word = True
            continue
        word.append("\\" * backslashes)
        backslashes = 0
        if ch in " \t" and not quoted:
            if in_word:
                words.append("".join(word))
                word, in_word = [], False
            continue
        word.append(ch)
        in_word = True
    word.append("\\" * backslashes)
    if in_word:
        words.append("".join(word))
    return words


def _run_editor(editor: str, path: str) -> None:
    try:
        command = editor_command(editor)
        if not command or not command[0]:
            # A value of only quotes names no program: the profile itself must
            # not be run as one.
            command = [default_editor()]
        code = subprocess.call([*command, path])
    except ValueError as exc:  # shlex found an unclosed quote
        raise UsageError(t("profile.editor_failed", editor=editor,
                           error=t("profile.editor_quote"))) from exc
    except OSError as exc:
        raise UsageError(t("profile.editor_failed", editor=editor,
                           error=home_reason(exc))) from exc
    if code != 0:
        raise UsageError(t("profile.editor_failed", editor=editor,
                           error=t("profile.editor_exit", code=code)))
