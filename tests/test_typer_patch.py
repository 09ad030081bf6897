"""posguide reaches into typer in one module (cli/typer_patch.py). When a typer
upgrade moves what it reaches for, this fails loudly, before a Chinese user
meets English or a help text cut with "…"."""

from __future__ import annotations

import typer

from posguide.cli import typer_patch


def test_every_internal_the_patch_uses_is_still_there() -> None:
    assert typer_patch.check() == [], (typer.__version__, typer_patch.check())


def test_the_patch_takes_effect(cli) -> None:
    r = cli("--lang", "zh", "record", "--help", env={"COLUMNS": "80"})
    assert r.exit_code == 0
    assert "用法：posguide record [选项] " in r.stdout
    assert "╭─ 选项 " in r.stdout and "╭─ 参数 " in r.stdout
    assert "…" not in r.stdout and "<str>" not in r.stdout
    from typer import rich_utils

    assert getattr(rich_utils._make_rich_text, "_posguide", False)
