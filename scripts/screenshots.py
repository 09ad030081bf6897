"""Regenerate the README's pictures of `posguide status --demo` (SVG, both languages).

    .venv/bin/python scripts/screenshots.py

The demo is computed for a fixed day so the pictures only change when the
output does.
"""

from __future__ import annotations

import io
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


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for lang in ("en", "zh"):
        set_lang(lang)
        console = Console(record=True, width=88, file=io.StringIO(), force_terminal=True,
                          color_system="truecolor", highlight=False, emoji=False)
        term, latest = demo_terminal(DAY)
        console.print(f"$ posguide --lang {lang} status --demo", style="dim")
        render_one(console, term, evaluate(term, latest, DEFAULT_POLICY, DAY), DAY)
        console.print(t("status.demo_note"), style="dim", markup=False)
        path = OUT / f"status-demo-{lang}.svg"
        console.save_svg(str(path), title="posguide status --demo")
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
