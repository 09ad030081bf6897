"""Running text that wraps well in Chinese as well as in English.

rich wraps at spaces only. A Chinese sentence has none, so rich treats a whole
clause as one long "word": it moves it to the next line at the first space
before it (leaving a short, ragged line such as `答 s` followed by the rest) and
folds it wherever the width runs out, even before a full stop. `Prose` breaks
the way Chinese text is set: between any two Chinese characters, at spaces,
never before closing punctuation (。，、）” ...) and never after opening
punctuation (（“ ...). English text wraps at spaces exactly as before.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult
    from rich.measure import Measurement
    from rich.text import Text as RichText

    from .prompts import Prompter

# A line may not start with these...
NO_START = frozenset("。，、；：？！）」』”’》〉】…,.;:?!)]}%")
# ...nor end with these.
NO_END = frozenset("（「『“‘《〈【([{")


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


# ------------------------------------------------------------ commands

# A command in running text is one unit: a line never breaks inside
# `posguide sim-swap`, so it can be copied from the terminal as it is. The words
# a command may continue with (tests/test_i18n.py checks this covers every
# command of the app, every record kind and every checklist name).
COMMAND_WORDS = frozenset([
    "status", "init", "checklist", "sim-swap", "record", "history", "remind", "fee",
    "check", "terminal", "list", "use", "remove", "import", "export", "profile", "show",
    "set", "unset", "path", "edit", "add", "db", "decode", "install", "merchant", "notify",
    "pull", "push", "receipt", "run", "test", "uninstall", "statement", "audit",
])
# Words after which the next word is the command's own argument (a name, key,
# kind, file or value), with how many such words follow.
_ARGS = {"set": 2, "unset": 1, "use": 1, "remove": 1, "checklist": 1, "record": 1,
         "import": 1, "export": 1, "add": 1, "decode": 1, "audit": 1}
# English words that end a command even where an argument could follow.
_STOP = frozenset([
    "a", "an", "and", "as", "at", "before", "by", "each", "every", "first", "followed",
    "for", "from", "if", "in", "is", "it", "later", "next", "now", "of", "on", "once", "or",
    "the", "then", "to", "when", "with", "again", "afterwards", "instead",
])
_TOKEN = re.compile(r" ([^\s`]+)")
_TRAIL = ".,;:!?)]}>\"'"


def _ascii_prefix(word: str) -> str:
    """The part of `word` before any wide character or Chinese punctuation:
    `status，看` is `status`; a sentence's closing full stop is not part of it."""
    end = 0
    while end < len(word) and not _wide(word[end]) and word[end] not in NO_START - set(".:"):
        end += 1
    return word[:end].rstrip(_TRAIL)


def command_spans(text: str) -> list[tuple[int, int]]:
    """Where the commands (and `quoted` spans) stand in `text`."""
    spans: list[tuple[int, int]] = []
    for match in re.finditer(r"`[^`\n]+`", text):
        spans.append(match.span())
    for match in re.finditer(r"(?<![\w-])posguide(?![\w-])", text):
        if any(a <= match.start() < b for a, b in spans):
            continue
        end = match.end()
        args = 0  # argument words still expected
        wants_value = False
        while True:
            tok = _TOKEN.match(text, end)
            if tok is None:
                break
            word = _ascii_prefix(tok.group(1))
            if not word:
                break
            option = word.startswith("-") and len(word) > 1
            if option:
                wants_value = "=" not in word
            elif word in COMMAND_WORDS and not args:
                args = _ARGS.get(word, 0)
                wants_value = False
            elif (args or wants_value) and word.lower() not in _STOP:
                args = max(args - 1, 0)
                wants_value = False
            elif re.fullmatch(r"[A-Z][A-Z_.]*|\[[^\]]+\]|<[^>]+>", word):
                pass  # a placeholder: NAME, [FILE.csv]
            else:
                break
            end = tok.start(1) + len(word)
            if len(word) < len(tok.group(1)):
                break  # punctuation or a Chinese word follows: the command ends here
        spans.append((match.start(), end))
    return spans


# ------------------------------------------------------------ wrapping


def _break_before(text: str, i: int, inside: list[bool]) -> bool:
    """May a line end just before text[i]?"""
    prev, ch = text[i - 1], text[i]
    if ch.isspace() or inside[i]:
        return False
    if prev.isspace():
        return True
    if ch in NO_START or prev in NO_END:
        return False
    return _wide(prev) or _wide(ch)


def _spans(text: str, width: int) -> list[tuple[int, int]]:
    """(start, end) of each line `text` wraps into, trailing spaces left out."""
    from rich.cells import cell_len

    inside = [False] * (len(text) + 1)
    for a, b in command_spans(text):
        glued_a, glued_b = a, b  # with the brackets and stops that stick to it
        while glued_a > 0 and text[glued_a - 1] in NO_END:
            glued_a -= 1
        while glued_b < len(text) and text[glued_b] in NO_START:
            glued_b += 1
        if cell_len(text[glued_a:glued_b]) > width:
            continue  # cannot stay whole on any line: it breaks like other text
        for k in range(a + 1, b):
            inside[k] = True
    lines: list[tuple[int, int]] = []

    def add(a: int, b: int) -> None:
        while b > a and text[b - 1].isspace():
            b -= 1
        lines.append((a, b))

    start = cells = 0
    last_break: int | None = None
    i = 0
    while i < len(text):
        ch = text[i]
        if i > start and _break_before(text, i, inside):
            last_break = i
        w = cell_len(ch)
        if cells + w > width and i > start and not ch.isspace():
            cut = last_break if last_break is not None and last_break > start else i
            add(start, cut)
            start, last_break = cut, None
            cells = cell_len(text[start:i])
            continue  # look at text[i] again, now on the new line
        cells += w
        i += 1
    add(start, len(text))
    return lines


def _wrap_paragraph(text: str, width: int) -> list[str]:
    return [text[a:b] for a, b in _spans(text, width)]


def wrap(text: str, width: int) -> list[str]:
    """`text` as lines of at most `width` terminal cells (a longer unbreakable
    word is cut); a newline in the text always starts a new line."""
    from rich.cells import cell_len

    width = max(width, 2)  # room for one wide character
    out: list[str] = []
    for paragraph in text.split("\n"):
        # An indented paragraph or a list item ("  1、...", "- ...") keeps its
        # indent on the lines it wraps onto, under the text, not the number.
        lead = _HANGING.match(paragraph)
        prefix = lead.group(0) if lead else ""
        hang = cell_len(prefix)
        if not hang or hang >= width // 2:
            out.extend(_wrap_paragraph(paragraph, width))
            continue
        first, *rest = _wrap_paragraph(paragraph[len(prefix):], width - hang)
        out.append(prefix + first)
        out.extend(" " * hang + line for line in rest)
    return out


# Leading spaces, and a list marker after them: "1、" "2." "3)" "-" "*" "•".
_HANGING = re.compile(r"^\s*(?:(?:\d{1,2}[、）]|\d{1,2}[.)]\s|[-*•]\s)\s*)?")


class Prose:
    """A rich renderable: `text` in `style`, wrapped by `wrap` at the width
    rich offers (the console's, or a table cell's)."""

    def __init__(self, text: str, style: str = "") -> None:
        self.text = text
        self.style = style

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.text import Text

        for line in wrap(self.text, options.max_width):
            yield Text(line, style=self.style, no_wrap=True, overflow="fold")

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        from rich.cells import cell_len
        from rich.measure import Measurement

        longest = max((cell_len(p) for p in self.text.split("\n")), default=0)
        return Measurement(min(2, longest), longest)


class ProseText:
    """Like `Prose`, for a rich `Text` that keeps its styles (typer's help
    texts, highlighted options and all): each line is a slice of it."""

    def __init__(self, text: RichText) -> None:
        self.text = text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(options.max_width, 2)
        for line in self.text.split("\n", allow_blank=True):
            for a, b in _spans(line.plain, width) or [(0, 0)]:
                part = line[a:b]
                part.no_wrap, part.overflow, part.end = True, "fold", "\n"
                yield part

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        from rich.cells import cell_len
        from rich.measure import Measurement

        longest = max((cell_len(p) for p in self.text.plain.split("\n")), default=0)
        return Measurement(min(2, longest), longest)


def say(prompter: Prompter, text: str, style: str | None = None) -> None:
    """Show running text through a prompter, wrapped as `Prose`."""
    prompter.show(Prose(text, style or ""))


def join(items: Iterable[str]) -> str:
    """A list in running text: `a, b, c` in English, `a、b、c` in Chinese."""
    from .i18n import get_lang

    return ("、" if get_lang() == "zh" else ", ").join(items)
