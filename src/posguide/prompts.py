"""The small interface through which commands and wizards talk to a person.

A person at a terminal gets line editing; piped input is read one answer a
line and echoed, so a transcript reads like a conversation. End of input raises
EOFError, which callers turn into "paused" or a clear error.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from .errors import NeedsConfirmation, ValidationError
from .i18n import t

T = TypeVar("T")


class Prompter(Protocol):
    def say(self, text: str = "", style: str | None = None) -> None: ...

    def show(self, renderable: Any) -> None: ...

    def ask(self, question: str) -> str: ...


class ConsolePrompter:
    def __init__(self) -> None:
        from .render import console

        self.console = console()

    def say(self, text: str = "", style: str | None = None) -> None:
        from .prose import Prose

        self.console.print(Prose(text, style or ""))

    def show(self, renderable: Any) -> None:
        self.console.print(renderable)

    def ask(self, question: str) -> str:
        if sys.stdin.isatty():
            return self._ask_at_terminal(question)
        self.console.print(question, end=" ", markup=False, highlight=False, style="bold")
        line = sys.stdin.readline()
        if line == "":
            self.console.print()
            raise EOFError
        answer = line.rstrip("\r\n")
        self.console.print(answer, markup=False, highlight=False)
        return answer

    def _ask_at_terminal(self, question: str) -> str:
        editing = _line_editing()  # before the question shows: keys typed at once are kept
        with self.console.capture() as captured:
            self.console.print(question, end=" ", markup=False, highlight=False, style="bold")
        head, _, last = captured.get().rpartition("\n")
        if head:
            self.console.file.write(head + "\n")
        if editing:
            # The question's last line is readline's prompt, so it knows where
            # the answer starts (an empty answer then still ends the line);
            # colour codes take no room on screen, which \001 \002 tell it.
            last = re.sub(r"(\x1b\[[0-9;]*m)", "\x01\\1\x02", last)
        self.console.file.flush()
        try:
            return input(last)
        except (KeyboardInterrupt, EOFError):
            # The message that follows starts on a line of its own, not after
            # the question and whatever was typed.
            self.console.print()
            raise


_editing: bool | None = None


def _line_editing() -> bool:
    """Arrow keys, backspace and history in answers typed at a terminal:
    `input()` uses readline once it is imported. Imported here, on the first
    question, so commands that ask nothing do not pay for it; where there is
    no readline (Windows), the console's own line editing applies."""
    global _editing
    if _editing is None:
        try:
            import readline  # noqa: F401
        except ImportError:
            _editing = False
        else:
            _editing = True
    return _editing


YES = {"y", "yes", "是", "是的", "好", "对", "确认"}
NO = {"n", "no", "否", "不", "不是", "取消"}


def ask_yes_no(prompter: Prompter, question: str, default: bool | None = None) -> bool:
    hint = {None: "y/n", True: "Y/n", False: "y/N"}[default]
    while True:
        answer = prompter.ask(f"{question} [{hint}]").strip().lower()
        if not answer and default is not None:
            return default
        if answer in YES:
            return True
        if answer in NO:
            return False
        prompter.say(t("prompt.yes_no"), style="yellow")


def confirm_anyway(prompter: Prompter, warn: NeedsConfirmation) -> bool:
    """Show why a value is suspicious and ask whether to keep it (default no).
    The one place every command and wizard asks this."""
    prompter.say(warn.message, style="yellow")
    return ask_yes_no(prompter, t("prompt.keep_anyway"), default=False)


def ask_value(
    prompter: Prompter,
    question: str,
    parse: Callable[[str, bool], T],
    *,
    optional: bool = False,
    default: str | None = None,
) -> T | None:
    """Ask until `parse(text, force)` accepts the answer. An empty answer skips
    an optional question. A NeedsConfirmation is shown and must be confirmed."""
    suffix = f" [{default}]" if default else ""
    while True:
        text = prompter.ask(f"{question}{suffix}").strip()
        if not text and default:
            text = default
        if not text:
            if optional:
                return None
            prompter.say(t("prompt.required"), style="yellow")
            continue
        try:
            return parse(text, False)
        except NeedsConfirmation as warn:
            if confirm_anyway(prompter, warn):
                return parse(text, True)
        except ValidationError as exc:
            prompter.say(exc.message, style="yellow")
