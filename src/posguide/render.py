"""Output for people (rich) and for scripts (plain JSON on stdout).

Colour follows the terminal; NO_COLOR turns it off (rich honours it); no escape
codes when stdout is not a terminal. Marks are plain ASCII-width characters so
tables stay aligned in Chinese terminals, where ✓ ✗ ⚠ often draw double-wide.

Two encodings. Output for scripts (JSON, CSV, Markdown) is UTF-8 bytes on every
platform, whatever the console's code page: a Chinese Windows pipes text in
cp936, which `terminal import` and every JSON reader would get wrong. Output for
people follows the console, and a character it cannot show becomes "?" rather
than a crash (see `tolerate_console_encoding`).
"""

from __future__ import annotations

import json
import os
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

# Severity -> (mark, style). The marks are single-width in every terminal.
SEVERITY_STYLE = {
    "ok": ("[+]", "green"),
    "info": ("[i]", "cyan"),
    "warn": ("[!]", "yellow"),
    "critical": ("[x]", "bold red"),
}


def _console(stderr: bool) -> Console:
    from rich.console import Console
    from rich.segment import Segment

    from .shown import shown

    class SafeConsole(Console):
        """A console that never sends a control character it did not make
        itself: every piece of text it renders, tables and prose alike, goes
        through shown() (rich's own escape codes live in styles and control
        segments, which are left alone). Markup is off: text from a file is
        never read as rich markup (`[link=...]` would write a hyperlink)."""

        def render(self, renderable: Any, options: Any = None) -> Any:
            for segment in super().render(renderable, options):
                text = segment.text
                if segment.control or text.isprintable() or text == "\n":
                    yield segment
                else:
                    yield Segment(shown(text), segment.style, segment.control)

        def on_broken_pipe(self) -> None:
            # rich exits 1 here; a reader that stopped early (`| head`) is not a
            # problem, so the CLI's own handler ends the run quietly with 0.
            self.quiet = True
            raise BrokenPipeError

    width = None
    value = os.environ.get("POSGUIDE_WIDTH", "")
    if value.isascii() and value.isdigit() and 20 <= int(value) <= 1000:
        width = int(value)
    return SafeConsole(stderr=stderr, width=width, soft_wrap=False, highlight=False,
                       emoji=False, markup=False)


_consoles: dict[bool, Console] = {}


def reset_consoles() -> None:
    """Forget the consoles, so the next output re-reads the environment (each
    in-process run in the tests starts fresh, as a real process would)."""
    _consoles.clear()


def console() -> Console:
    if False not in _consoles:
        _consoles[False] = _console(False)
    return _consoles[False]


def err_console() -> Console:
    if True not in _consoles:
        _consoles[True] = _console(True)
    return _consoles[True]


def print_json(data: Any) -> None:
    """Plain JSON on stdout, nothing else: no colour, no wrapping. Indented for
    a person at a terminal; one line when piped, because the indenting encoder
    is pure Python and several times slower on a fleet's worth of findings."""
    from .shown import json_safe

    indent = 2 if sys.stdout.isatty() else None
    write_utf8(json_safe(json.dumps(data, ensure_ascii=False, indent=indent)) + "\n")


def write_utf8(text: str) -> None:
    """Text for scripts and files on stdout as UTF-8 bytes, written as they
    are: no code page, and no newline translation (Windows would turn a CSV's
    \\r\\n into \\r\\r\\n)."""
    out = sys.stdout
    buffer = getattr(out, "buffer", None)
    if buffer is None:  # a stream that takes only text (one a caller put there)
        out.write(text)
        out.flush()
        return
    out.flush()  # anything already written as text goes first
    buffer.write(text.encode("utf-8"))
    buffer.flush()


# What a console encoding may do with a character it cannot encode. Python's
# default for stdout is "strict" (a crash: an emoji in a terminal's notes on a
# cp936 console, any Chinese under ASCII); "surrogateescape" fails the same way.
# stderr's default, "backslashreplace", does not fail and is left alone.
_FAILING = ("strict", "surrogateescape")
REPLACE_KEEPING_WIDTH = "posguide-replace"


def _replace_keeping_width(exc: UnicodeError) -> tuple[str, int]:
    """A "?" for each column the character would take: rich measured the text
    before it was encoded, so a table with an emoji in a GBK console stays
    aligned ("??" for the emoji; nothing for a mark that takes no column)."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    import unicodedata

    marks = []
    for ch in exc.object[exc.start:exc.end]:
        if unicodedata.category(ch) in ("Mn", "Me", "Cf"):  # combining, zero-width
            continue
        marks.append("??" if unicodedata.east_asian_width(ch) in ("W", "F") else "?")
    return "".join(marks), exc.end


def tolerate_console_encoding() -> None:
    """Make people's output unable to crash on the console's encoding: when
    stdout or stderr cannot encode every character (gbk/cp936, ascii, ...),
    what it cannot show becomes "?". Called once at start-up. A UTF-8 stream,
    a Windows console (UTF-8 to Python: it writes UTF-16 to the console) and
    a test's stream are left as they are."""
    import codecs

    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None)
        reconfigure = getattr(stream, "reconfigure", None)
        if not encoding or reconfigure is None:
            continue
        try:
            name = codecs.lookup(encoding).name
        except LookupError:
            continue
        if not name.startswith("utf") and getattr(stream, "errors", None) in _FAILING:
            codecs.register_error(REPLACE_KEEPING_WIDTH, _replace_keeping_width)
            reconfigure(errors=REPLACE_KEEPING_WIDTH)


def say(text: str, style: str | None = None, *, err: bool = False) -> None:
    """A message for people, wrapped as running text in either language (see
    prose.Prose: Chinese breaks between characters, not only at spaces). The
    text is printed as it is, never read as rich markup."""
    from .prose import Prose

    (err_console() if err else console()).print(Prose(text, style or ""))


def print_notices(notices: list[str]) -> None:
    """Things the user should hear once (a torn history record set aside, ...),
    on stderr so --json output stays clean."""
    for notice in notices:
        say(notice, "yellow", err=True)


def marked(severity: str, message: str) -> None:
    """`[!] message`, the lines after the first indented under the text
    (wrapped as Chinese is set, so the mark is never left alone on its line)."""
    from rich.text import Text

    from .prose import wrap

    mark, style = SEVERITY_STYLE[severity]
    out = console()
    indent = " " * (len(mark) + 1)
    for number, line in enumerate(wrap(message, max(out.width - len(indent), 20))):
        out.print(Text((mark + " " if number == 0 else indent) + line, style=style),
                  soft_wrap=True)
