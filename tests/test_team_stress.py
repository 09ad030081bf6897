"""The crash and concurrency suites against the team store (PostgreSQL).

- Crash: `pg_crash_writer.py` loops one change (the profile of generation N
  and an event saying N) and is killed with SIGKILL at random moments. After
  every kill the team's profile is one whole generation, never older than the
  last change that returned, and the events are exactly those of the
  generations saved: both or neither, whatever the instant.
- Concurrency: 10 `posguide record` programs at once (and two editors and a
  reader): 0 events lost, nothing doubled, every terminal saved.

POSGUIDE_CRASH_SEED=N replays one run; POSGUIDE_PG_CRASH_ROUNDS=N changes its length.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

from conftest import TODAY
from pg import TeamDb, pg_server, team_db  # noqa: F401 - fixtures

WRITER = Path(__file__).with_name("pg_crash_writer.py")
SRC = Path(__file__).resolve().parents[1] / "src"
ROUNDS = int(os.environ.get("POSGUIDE_PG_CRASH_ROUNDS", "25"))


def env_for(url: str, home: Path, user: str = "anna") -> dict[str, str]:
    return dict(os.environ, POSGUIDE_DATABASE=url, POSGUIDE_HOME=str(home),
                POSGUIDE_USER=user, POSGUIDE_TODAY=TODAY, PYTHONPATH=str(SRC))


def posguide(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "posguide", *args], env=env,
                          capture_output=True, text=True, timeout=120)


def check(team_db: TeamDb, promised: int) -> int:  # noqa: F811
    from posguide.home import Home
    from posguide.store.postgres import PostgresStore

    store = PostgresStore(Home(Path("/nonexistent")), team_db.url)
    try:
        profile = store.profile()
        gen = int((profile.terminals["main"].location or "gen 0").split()[1])
        assert gen >= promised, (gen, promised)
        extra = {f"t{k}" for k in range(gen % 3 + 1)} if gen else set()
        assert set(profile.terminals) == {"main"} | extra
        assert {t.location for t in profile.terminals.values()} == {f"gen {gen}"}
        gens = Counter(e.data.get("gen") for e in store.events())
        assert gens == Counter(range(1, gen + 1)), (gen, sorted(gens, key=str))
    finally:
        store.close()
    return gen


def test_a_writer_killed_at_any_moment_leaves_both_or_neither(team_db: TeamDb,  # noqa: F811
                                                              tmp_path: Path) -> None:
    seed = int(os.environ.get("POSGUIDE_CRASH_SEED", random.randrange(1 << 30)))
    rng = random.Random(seed)
    env = env_for(team_db.url, tmp_path / "h")
    assert posguide(env, "db", "init").returncode == 0
    r = posguide(env, "init", "--no-input", "--name", "main", "--purchased", "2024-03-01")
    assert r.returncode == 0, r.stderr
    assert posguide(env, "profile", "set", "location", "gen 0").returncode == 0
    promised = 0
    for _round in range(ROUNDS):
        proc = subprocess.Popen([sys.executable, str(WRITER), str(tmp_path / "h"), team_db.url],
                                env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)
        # The writer needs ~0.3 s to import and connect, then changes every few ms.
        time.sleep(rng.uniform(0.3, 1.2))
        proc.send_signal(signal.SIGKILL)
        out, err = proc.communicate(timeout=30)
        lines = out.split()
        assert "Traceback" not in err, f"seed {seed}: {err}"
        if lines:
            promised = int(lines[-1])
        gen = check(team_db, promised)
        promised = gen
    assert promised > ROUNDS, f"seed {seed}: the writer hardly wrote ({promised})"
    # No connection of a killed writer is left holding anything.
    time.sleep(0.5)
    r = posguide(env, "record", "inspection")
    assert r.returncode == 0, f"seed {seed}: {r.stderr}"


def test_ten_programs_recording_at_once_lose_nothing(team_db: TeamDb,  # noqa: F811
                                                     tmp_path: Path) -> None:
    env = env_for(team_db.url, tmp_path / "h")
    assert posguide(env, "db", "init").returncode == 0
    r = posguide(env, "init", "--no-input", "--name", "main", "--purchased", "2024-03-01")
    assert r.returncode == 0, r.stderr
    for name in ("e0", "e1"):
        assert posguide(env, "init", "--no-input", "--name", name,
                        "--purchased", "2024-03-01").returncode == 0
    procs = []
    for i in range(10):
        penv = env_for(team_db.url, tmp_path / f"h{i}", user=f"staff{i}")
        procs.append(subprocess.Popen(
            [sys.executable, "-m", "posguide", "record", "maintenance", "-t", "main",
             "--date", f"2026-11-{1 + i:02d}", "--note", f"by {i}"],
            env=penv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    for i, name in enumerate(("e0", "e1")):  # editors of their own terminals
        procs.append(subprocess.Popen(
            [sys.executable, "-m", "posguide", "profile", "set", "location", f"shelf {i}",
             "-t", name], env=env_for(team_db.url, tmp_path / f"ed{i}", user=f"ed{i}"),
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    procs.append(subprocess.Popen([sys.executable, "-m", "posguide", "status", "--all", "--json"],
                                  env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True))
    results = [(p.wait(timeout=120), *p.communicate()) for p in procs]
    assert [code for code, _, _ in results] == [0] * len(procs), results
    json.loads(results[-1][1])  # the reader saw a whole fleet
    events = json.loads(posguide(env, "history", "--all", "--json").stdout)["events"]
    assert sorted(e["note"] for e in events) == sorted(f"by {i}" for i in range(10))
    assert {e["by"] for e in events} == {f"staff{i}" for i in range(10)}
    assert len({e["id"] for e in events}) == 10
    assert {e["date"] for e in events} == {date(2026, 11, 1 + i).isoformat() for i in range(10)}
    fleet = json.loads(posguide(env, "terminal", "list", "--json").stdout)["terminals"]
    assert {t["name"]: t["location"] for t in fleet} == {
        "main": None, "e0": "shelf 0", "e1": "shelf 1"}
