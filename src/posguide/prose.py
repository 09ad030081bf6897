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

    from .prompts import Prompter

# A line may not start with these...
NO_START = frozenset("。，、；：？！）」』”’》〉】…,.;:?!)]}%")
# ...nor end with these.
NO_END = frozenset("（「『“‘《〈【([{")


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _break_before(text: str, i: int) -> bool:
    """May a line end just before text[i]?"""
    prev, ch = text[i - 1], text[i]
    if ch.isspace():
        return False
    if prev.isspace():
        return True
    if ch in NO_START or prev in NO_END:
        return False
    return _wide(prev) or _wide(ch)


def _wrap_paragraph(text: str, width: int) -> list[str]:
    from rich.cells import cell_len

    lines: list[str] = []
    start = cells = 0
    last_break: int | None = None
    i = 0
    while i < len(text):
        ch = text[i]
        if i > start and _break_before(text, i):
            last_break = i
        w = cell_len(ch)
        if cells + w > width and i > start and not ch.isspace():
            cut = last_break if last_break is not None and last_break > start else i
            lines.append(text[start:cut].rstrip())
            start, last_break = cut, None
            cells = cell_len(text[start:i])
            continue  # look at text[i] again, now on the new line
        cells += w
        i += 1
    lines.append(text[start:].rstrip())
    return lines


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


def say(prompter: Prompter, text: str, style: str | None = None) -> None:
    """Show running text through a prompter, wrapped as `Prose`."""
    prompter.show(Prose(text, style or ""))


def join(items: Iterable[str]) -> str:
    """A list in running text: `a, b, c` in English, `a、b、c` in Chinese."""
    from .i18n import get_lang

    return ("、" if get_lang() == "zh" else ", ").join(items)
