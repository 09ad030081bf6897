"""Tab after a command offers what can follow it: checklist names (custom ones
too), terminal names, record kinds, profile keys (issue 16)."""

from __future__ import annotations

from pathlib import Path

import pytest


def complete(cli, words: str) -> list[str]:
    """What bash would be offered, from the real program (completion ends the
    process, so it runs as one)."""
    import os
    import subprocess
    import sys

    parts = words.split(" ")
    env = {**os.environ, "_POSGUIDE_COMPLETE": "complete_bash", "COMP_WORDS": words,
           "COMP_CWORD": str(len(parts) - 1)}
    r = subprocess.run([sys.executable, "-m", "posguide"], env=env, capture_output=True,
                       text=True, timeout=60)
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    return r.stdout.split()


@pytest.mark.parametrize("words, expected", [
    ("posguide checklist ma", ["maintenance"]),
    ("posguide checklist pa", ["payment-card"]),
    ("posguide record pa", ["password-change"]),
    ("posguide record s", ["software-update", "sim-renewal"]),
    ("posguide history --kind sim", ["sim-renewal", "sim-swap"]),
    ("posguide profile set sim.e", ["sim.expires"]),
    ("posguide profile unset fee_", ["fee_rate", "fee_cap"]),
])
def test_fixed_words(cli, words: str, expected: list[str]) -> None:
    assert complete(cli, words) == expected


def test_terminal_names_and_custom_checklists(cli, terminal, home: Path) -> None:
    assert cli("init", "--no-input", "--name", "shop2", "--purchased", "2025-01-01"
               ).exit_code == 0
    assert complete(cli, "posguide terminal use ") == ["main", "shop2"]
    assert complete(cli, "posguide terminal remove sh") == ["shop2"]
    assert complete(cli, "posguide -t s") == ["shop2"]
    (home / "checklists").mkdir()
    (home / "checklists" / "closing.toml").write_text("not even toml [", encoding="utf-8")
    assert complete(cli, "posguide checklist cl") == ["closing"]


def test_an_unreadable_profile_offers_nothing_and_no_traceback(cli, home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "profile.toml").write_text("[[[", encoding="utf-8")
    assert complete(cli, "posguide terminal use ") == []
