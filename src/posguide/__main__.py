"""Entry point: `posguide` and `python -m posguide`.

The language is picked before the CLI is built, so help texts and typer's own
words come out in it. Errors are turned into messages and exit codes here and
nowhere else.
"""

from __future__ import annotations

import contextlib
import os
import sys

from . import errors
from .i18n import detect_lang, normalise_lang, set_lang, t

# Options that may stand anywhere on the command line; they are moved in front
# of the command so `posguide status --lang zh` works like `posguide --lang zh status`.
_GLOBAL_WITH_VALUE = ("--home", "--lang", "--terminal", "-t", "--database")


def hoist_globals(argv: list[str]) -> tuple[list[str], dict[str, str]]:
    front: list[str] = []
    rest: list[str] = []
    found: dict[str, str] = {}
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            rest.extend(argv[i:])
            break
        name, eq, value = arg.partition("=")
        if name in _GLOBAL_WITH_VALUE and (eq or i + 1 < len(argv)):
            if not eq:
                value = argv[i + 1]
                i += 1
            key = "--terminal" if name == "-t" else name
            found[key] = value
            front.extend([key, value])
        else:
            rest.append(arg)
        i += 1
    return front + rest, found


def main(argv: list[str] | None = None) -> int:
    from .render import tolerate_console_encoding

    tolerate_console_encoding()  # before anything is printed
    args = list(sys.argv[1:] if argv is None else argv)
    args, found = hoist_globals(args)
    lang = detect_lang()
    if "--lang" in found:
        chosen = normalise_lang(found["--lang"])
        if chosen is None:
            set_lang(lang)
            _print_error(t("cli.bad_lang", value=found["--lang"]))
            return errors.USAGE
        lang = chosen
    set_lang(lang)
    return run(args)


def run(args: list[str]) -> int:
    from .cli.common import STATE
    from .render import reset_consoles

    reset_consoles()
    STATE.reset(None, None)  # nothing left from an earlier in-process run
    _lenient_stdin()
    try:
        return _run(args)
    finally:
        _finish()


def _finish() -> None:
    """The store's notices, said once whatever happened, and its connection closed."""
    from .cli.common import STATE

    try:
        STATE.finish()
    except errors.PosguideError as exc:
        _print_error(exc.message)
    except Exception as exc:  # closing must not turn a result into a traceback
        if os.environ.get("POSGUIDE_DEBUG"):
            raise
        _print_error(t("cli.bug_after_save" if _may_have_saved() else "cli.bug",
                       error=_unexpected(exc)))


def _run(args: list[str]) -> int:
    from .cli import build_command

    try:
        import typer

        command = build_command(args)
        try:
            result = command.main(args=args, prog_name="posguide", standalone_mode=False)
        except typer.Abort:
            # End of input at a prompt (EOFError) or a plain abort.
            _print_error(t("cli.aborted"))
            return errors.INTERRUPTED
        if result == errors.INTERRUPTED:
            _print_error(t("cli.interrupted"), style="yellow")  # typer's Ctrl-C
        return result if isinstance(result, int) else 0
    except errors.PosguideError as exc:
        # A paused or interrupted wizard is not a failure: said calmly.
        calm = exc.exit_code in (errors.ATTENTION, errors.INTERRUPTED)
        _print_error(exc.message, style="yellow" if calm else "red")
        return exc.exit_code
    except KeyboardInterrupt:
        _print_error(t("cli.interrupted"), style="yellow")
        return errors.INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`posguide history | head`): it took what it
        # wanted, nothing is wrong. Saves are done before output, so none is cut.
        _quiet_stdout()
        return errors.OK
    except Exception as exc:
        from typer._click.exceptions import ClickException

        if isinstance(exc, ClickException):
            from .cli.common import click_error_message

            _print_error(click_error_message(exc, args))
            return exc.exit_code
        if os.environ.get("POSGUIDE_DEBUG"):
            raise
        _print_error(t("cli.bug_after_save" if _may_have_saved() else "cli.bug",
                       error=_unexpected(exc)))
        return 70


def _unexpected(exc: BaseException) -> str:
    """An unexpected error as one line for the user, with no database password
    in it (the driver's own messages may quote a connection string)."""
    text = f"{type(exc).__name__}: {exc}"
    if "posguide.database" in sys.modules:
        from .database import scrub

        text = scrub(text)
    return text


def _may_have_saved() -> bool:
    """Whether this run took the write lock (see Home.may_have_saved): then a
    bug must not be reported as leaving the data unchanged."""
    common = sys.modules.get("posguide.cli.common")
    home = common.STATE.__dict__.get("home") if common is not None else None
    return bool(getattr(home, "may_have_saved", False))


def _lenient_stdin() -> None:
    """Piped answers that are not valid text (a stray byte) arrive as lone
    surrogates, which the validators refuse with a message, instead of
    failing inside the read."""
    reconfigure = getattr(sys.stdin, "reconfigure", None)
    if reconfigure is not None:
        # Already reading, or not a text stream: then it stays as it is.
        with contextlib.suppress(ValueError, OSError, AttributeError):
            reconfigure(errors="surrogateescape")


def _quiet_stdout() -> None:
    """Point stdout at the null device, so that the interpreter's last flush
    does not fail again on the closed pipe (the recipe in Python's signal docs)."""
    # Not a real file descriptor (a test's stream): nothing will flush it then.
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _print_error(message: str, style: str = "red") -> None:
    from .render import say

    say(message, style, err=True)


def entry() -> None:
    sys.exit(main())


if __name__ == "__main__":
    entry()
