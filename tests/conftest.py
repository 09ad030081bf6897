"""Every test gets its own home folder and a fixed, colourless, 100-column
console, and runs the real CLI entry point in-process."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from posguide.__main__ import main
from posguide.i18n import set_lang


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str
    output: str  # both streams, interleaved as a user would see them

    @property
    def out(self) -> str:
        """stdout with line wrapping undone (rich wraps at the console width)."""
        return " ".join(self.stdout.split())

    @property
    def err(self) -> str:
        return " ".join(self.stderr.split())


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    h = tmp_path / "home"
    monkeypatch.setenv("POSGUIDE_HOME", str(h))
    monkeypatch.setenv("POSGUIDE_LANG", "en")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("POSGUIDE_WIDTH", "100")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("POSGUIDE_LOCK_TIMEOUT", "5")
    set_lang("en")  # a previous in-process run may have switched it
    for var in ("POSGUIDE_TERMINAL", "POSGUIDE_TODAY", "POSGUIDE_DEBUG", "LC_ALL", "LANG"):
        monkeypatch.delenv(var, raising=False)
    return h


class Cli:
    """Run `posguide ARGS` in-process through the real entry point."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | bytes | None = None,
                 env: Mapping[str, str | None] | None = None) -> Result:
        with self.runner.isolation(input=input, env=env) as (out, err, both):
            code = main(list(args))
            import sys

            sys.stdout.flush()
            sys.stderr.flush()
            return Result(code, out.getvalue().decode(), err.getvalue().decode(),
                          both.getvalue().decode())


@pytest.fixture
def cli() -> Cli:
    return Cli()


TODAY = "2026-11-23"


@pytest.fixture
def terminal(cli: Cli) -> Result:
    """A typical terminal: bought 2024-03-01, SIM expiring 2026-12-05."""
    r = cli("init", "--no-input", "--purchased", "2024-03-01", "--activated", "2024-03-05",
            "--brand", "Lakala", "--serial", "N5-0012345", "--support-phone", "95016",
            "--sim-iccid", "89860012345678901238", "--sim-expires", "2026-12-05",
            "--sim-carrier", "China Mobile", "--fee-rate", "0.60",
            env={"POSGUIDE_TODAY": TODAY})
    assert r.exit_code == 0, r.output
    return r


def files_in(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


os.environ.setdefault("HYPOTHESIS_PROFILE", "default")


def local_store(home: Path):  # type: ignore[no-untyped-def]
    """The store of the home at `home`, as a command opens it."""
    from posguide.home import Home
    from posguide.store.local import LocalStore

    return LocalStore(Home(home))


def recorded(home: Path) -> list:  # type: ignore[type-arg]
    """Every event in the home's history, in the order recorded."""
    store = local_store(home)
    try:
        return store.events()
    finally:
        store.close()


def saved_progress(home: Path, checklist: str, terminal: str = "main") -> Any:
    """A paused wizard's saved state in the store, or None."""
    store = local_store(home)
    try:
        return store.load_progress(terminal, checklist)
    finally:
        store.close()
