"""Forty processes writing one home at the same moment lose nothing and leave
every file valid (DESIGN 2: writes are serialised by a lock, each atomic).

Two depths: the core (`Store.append`, `Store.editing`) from forked
processes released together by a barrier, and the real `posguide` command
line as 40 separate programs started at once.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import subprocess
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from conftest import TODAY, local_store
from posguide import profile as prof
from posguide.history import Event
from posguide.home import Home

PROCESSES = 40
APPENDERS, EDITORS, READERS = 28, 8, 4
APPENDS_EACH = 5


def make_home(root: Path) -> Home:
    store = local_store(root)
    with store.editing(create=True) as profile:
        profile.add(prof.from_flat({"name": "main", "purchased": "2024-03-01",
                                    "brand": "Lakala"}, date.fromisoformat(TODAY)))
    store.close()
    return Home(root)


def assert_home_valid(root: Path) -> tuple[prof.Profile, list[Event]]:
    """Every file readable, private, and no temp file left behind."""
    home = Home(root)
    store = local_store(root)
    profile = store.load_profile()
    assert profile is not None
    if home.backup.exists():
        prof.loads(home.backup.read_bytes(), home)
    events = store.events()
    store.close()
    import sqlite3

    db = sqlite3.connect(root / "posguide.db")
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert db.execute("SELECT count(*) FROM pending").fetchone() == (0,)
    db.close()
    leftovers = [p.name for p in root.rglob("*.tmp")]
    assert leftovers == []
    assert root.stat().st_mode & 0o777 == 0o700
    for path in root.rglob("*"):
        if path.is_file():
            assert path.stat().st_mode & 0o777 == 0o600, path
    return profile, events


# ------------------------------------------------------------------ the core


def _worker(role: str, index: int, root: str, barrier, errors) -> None:  # type: ignore[no-untyped-def]
    try:
        barrier.wait(timeout=30)
        if role == "append":
            for j in range(APPENDS_EACH):
                store = local_store(Path(root))  # a new store each time, as each command
                store.append([Event("main", "maintenance", date(2026, 11, 1 + j % 20),
                                    note=f"a{index}-{j}")])
                store.close()
        elif role == "edit":
            name = f"w{index}"
            store = local_store(Path(root))
            with store.editing() as profile:
                profile.add(prof.Terminal(name=name, purchased=date(2025, 1, 1)))
            store.close()
            store = local_store(Path(root))
            # The profile and an event in one change, as a renewal or a swap.
            with store.change() as change:
                change.profile.terminals[name].location = f"shelf {index}"
                change.profile.default = name
                change.record([Event(name, "inspection", date(2026, 11, 2))])
            store.close()
        else:
            deadline = time.monotonic() + 2
            while time.monotonic() < deadline:
                store = local_store(Path(root))
                loaded = store.load_profile()
                assert loaded is not None and "main" in loaded.terminals
                latest = store.latest()
                assert set(latest) <= {"main", *(f"w{i}" for i in range(PROCESSES))}
                store.events()
                store.close()
    except BaseException as exc:  # reported to the test, which fails with it
        errors.put(f"{role} {index}: {type(exc).__name__}: {exc}")
        raise


def test_forty_processes_at_once_through_the_core(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "home"
    make_home(root)
    # Forty writers queue for one lock: give the last one time to get its turn.
    monkeypatch.setenv("POSGUIDE_LOCK_TIMEOUT", "60")
    ctx = mp.get_context("fork")
    barrier = ctx.Barrier(PROCESSES)
    errors = ctx.Queue()
    roles = ["append"] * APPENDERS + ["edit"] * EDITORS + ["read"] * READERS
    procs = [ctx.Process(target=_worker, args=(role, i, str(root), barrier, errors))
             for i, role in enumerate(roles)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=60)
    problems = []
    while not errors.empty():
        problems.append(errors.get())
    assert problems == []
    assert [p.exitcode for p in procs] == [0] * PROCESSES

    profile, events = assert_home_valid(root)
    expected = {f"a{i}-{j}" for i in range(APPENDERS) for j in range(APPENDS_EACH)}
    inspections = [e for e in events if e.kind == "inspection"]
    events = [e for e in events if e.kind == "maintenance"]
    notes = Counter(e.note for e in events)
    assert set(notes) == expected and set(notes.values()) == {1}  # none lost, none twice
    assert len({e.id for e in events}) == len(events)
    editors = range(APPENDERS, APPENDERS + EDITORS)
    assert set(profile.terminals) == {"main", *(f"w{i}" for i in editors)}
    for i in editors:
        assert profile.terminals[f"w{i}"].location == f"shelf {i}"  # no lost update
    assert profile.default in {f"w{i}" for i in editors}
    assert sorted(e.terminal for e in inspections) == sorted(f"w{i}" for i in editors)
    # The SQL summary agrees with a full read.
    store = local_store(root)
    assert store.latest()["main"] == {"maintenance": max(e.date for e in events)}
    store.close()


# ------------------------------------------------------------------ the command line


def has_command(name: str) -> bool:
    from posguide.cli import build_command

    return name in build_command().commands  # type: ignore[attr-defined]


@pytest.mark.skipif(not has_command("record"), reason="`posguide record` not built yet")
def test_forty_posguide_programs_at_once(tmp_path: Path) -> None:
    root = tmp_path / "home"
    make_home(root)
    env = {**os.environ, "POSGUIDE_HOME": str(root), "POSGUIDE_LANG": "en",
           "POSGUIDE_TODAY": TODAY, "POSGUIDE_LOCK_TIMEOUT": "60", "NO_COLOR": "1"}
    recorders, setters, readers = 26, 10, 4
    commands = (
        [["record", "inspection", "--note", f"r{i}"] for i in range(recorders)]
        + [["profile", "set", "location", f"desk {i}"] for i in range(setters)]
        + [["status", "--json"] for _ in range(readers)]
    )
    assert len(commands) == PROCESSES
    procs = [subprocess.Popen([sys.executable, "-m", "posguide", *args], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for args in commands]
    for args, p in zip(commands, procs, strict=True):
        out, err = p.communicate(timeout=90)
        code = p.returncode
        assert code in (0, 1), (args, code, err)  # status may say "attention" (1)
        assert "Traceback" not in err
        if args[0] == "status":
            assert json.loads(out)["terminals"][0]["name"] == "main"

    profile, events = assert_home_valid(root)
    assert sorted(str(e.note) for e in events) == sorted(f"r{i}" for i in range(recorders))
    assert {e.kind for e in events} == {"inspection"}
    assert profile.terminals["main"].location in {f"desk {i}" for i in range(setters)}
    assert profile.terminals["main"].brand == "Lakala"
