"""Regenerate the README's pictures of `posguide status --demo` (SVG, both languages).

    .venv/bin/python scripts/screenshots.py

The demo is computed for a fixed day so the pictures only change when the
output does.

rich's SVG export places each run of text by terminal cells but gives it a
`textLength` of one cell per character, so a browser squeezes every wide
(Chinese) glyph into half its width (a known, open rich issue). `fit_text`
sets each run's `textLength` to the cells it really covers.
"""

from __future__ import annotations

import html
import io
import re
import sys
from datetime import date
from pathlib import Path

from rich.console import Console

from posguide.cli.status_view import render_one
from posguide.demo import demo_terminal
from posguide.i18n import set_lang, t
from posguide.profile import DEFAULT_POLICY
from posguide.status import evaluate

DAY = date(2026, 11, 23)
OUT = Path(__file__).resolve().parent.parent / "docs"
# rich's export_svg: 20 px characters, 0.61 wide per cell.
CHAR_WIDTH = 20 * 0.61
_RUN = re.compile(r'<text class="(?P<cls>[^"]*-r\d+)" x="(?P<x>[0-9.]+)" y="(?P<y>[0-9.]+)" '
                  r'textLength="[0-9.]+" (?P<rest>[^>]*)>(?P<text>[^<]*)</text>')


def cells(escaped: str) -> int:
    from rich.cells import cell_len

    return cell_len(html.unescape(escaped))


def _pieces(text: str) -> list[str]:
    """`text` cut where it changes between wide and narrow characters, so
    neither kind is stretched to the other's width."""
    from rich.cells import cell_len

    out: list[str] = []
    for ch in text:
        if out and (cell_len(ch) == 2) == (cell_len(out[-1][-1]) == 2):
            out[-1] += ch
        else:
            out.append(ch)
    return out


def fit_text(svg: str) -> str:
    """Every text run's textLength set to the width of the cells it covers,
    wide and narrow characters in runs of their own."""

    def fix(match: re.Match[str]) -> str:
        x = float(match["x"])
        tags = []
        for piece in _pieces(html.unescape(match["text"])):
            width = CHAR_WIDTH * cells(html.escape(piece))
            escaped = html.escape(piece, quote=False).replace(" ", "&#160;")
            if piece.strip(" \u00a0"):
                tags.append(f'<text class="{match["cls"]}" x="{round(x, 4):g}" y="{match["y"]}" '
                            f'textLength="{round(width, 4):g}" {match["rest"]}>{escaped}</text>')
            x += width
        return "".join(tags)

    return _RUN.sub(fix, svg)


def main(out: Path = OUT) -> None:
    out.mkdir(exist_ok=True)
    for lang in ("en", "zh"):
        set_lang(lang)
        console = Console(record=True, width=88, file=io.StringIO(), force_terminal=True,
                          color_system="truecolor", highlight=False, emoji=False)
        term, latest = demo_terminal(DAY)
        console.print(f"$ posguide --lang {lang} status --demo", style="dim")
        render_one(console, term, evaluate(term, latest, DEFAULT_POLICY, DAY), DAY)
        console.print(t("status.demo_note"), style="dim", markup=False)
        path = out / f"status-demo-{lang}.svg"
        svg = console.export_svg(title="posguide status --demo")
        path.write_text(fit_text(svg), encoding="utf-8")
        print(f"wrote {path}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
