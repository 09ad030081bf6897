"""A writer killed at any moment leaves a readable home (DESIGN 2).

`crash_writer.py` loops writing the profile and the history; it is killed
with SIGKILL after a random short delay, 120 times. After every kill the
profile is one whole generation (the one before or the one being written,
never a mix) and never older than the last save that returned; the history
holds every record whose append returned, at most a torn last line, which is
reported once and set aside by the next write. Some rounds also cut the last
record short, as a power cut can (SIGKILL alone leaves the page cache whole).

POSGUIDE_CRASH_SEED=N replays one run; POSGUIDE_CRASH_ROUNDS=N changes its length.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from conftest import TODAY, Cli
from posguide import profile as prof
from posguide.history import Event, History, parse
from posguide.home import Home

WRITER = Path(__file__).with_name("crash_writer.py")
ROUNDS = int(os.environ.get("POSGUIDE_CRASH_ROUNDS", "120"))


def make_home(root: Path) -> Home:
    home = Home(root)
    with prof.editing(home, create=True) as profile:
        profile.add(prof.Terminal(name="main", purchased=date(2024, 3, 1), location="gen 0"))
    return home


def check_profile(home: Home, promised: int) -> int:
    """Loads, is one whole generation, and not older than promised."""
    profile = prof.load(home)  # raises DataError if half-written
    assert profile is not None
    gen = int(profile.terminals["main"].location.split()[1])  # type: ignore[union-attr]
    assert gen >= promised, (gen, promised)
    extra = {f"t{k}" for k in range(gen % 4 + 1)} if gen else set()
    assert set(profile.terminals) == {"main"} | extra
    assert {t.location for t in profile.terminals.values()} == {f"gen {gen}"}
    if home.backup.exists():
        backup = prof.loads(home.backup.read_bytes(), home)
        backup_gen = int(backup.terminals["main"].location.split()[1])  # type: ignore[union-attr]
        assert backup_gen in (gen - 1, gen)
    return gen


def check_history(home: Home, promised: int) -> list[Event]:
    """Every promised record is there, in order, once; only the last line
    may be torn, and then it is reported exactly once."""
    raw = home.history.read_bytes() if home.history.exists() else b""
    parsed = parse(raw)
    torn = bool(raw) and not raw.endswith(b"\n")
    assert parsed.bad_lines == ([raw.count(b"\n") + 1] if torn else []), parsed.bad_lines
    seqs = [e.data["seq"] for e in parsed.events]
    assert seqs == list(range(len(seqs)))  # no gap, no duplicate
    assert len(seqs) - 1 >= promised, (len(seqs) - 1, promised)
    reader = History(home)
    assert [e.data["seq"] for e in reader.events()] == seqs
    assert len(reader.notices) == (1 if torn else 0), reader.notices
    return parsed.events


def check_files(root: Path) -> None:
    for path in root.rglob("*"):
        if path.is_file():
            assert path.stat().st_mode & 0o777 == 0o600, path
    assert root.stat().st_mode & 0o777 == 0o700


def cut_last_record(home: Home, rng: random.Random) -> int | None:
    """Leave the last record half written, as a power cut would. Returns the
    seq of the last record still whole."""
    raw = home.history.read_bytes() if home.history.exists() else b""
    if raw.count(b"\n") < 2:  # nothing written yet (killed early), or one record
        return None
    start = raw.rstrip(b"\n").rfind(b"\n") + 1
    keep = rng.randint(start + 1, len(raw) - 2)
    os.truncate(home.history, keep)
    return len(parse(raw[:start]).events) - 1


def test_sigkill_at_random_moments_never_leaves_a_half_written_file(tmp_path: Path) -> None:
    seed = int(os.environ.get("POSGUIDE_CRASH_SEED", str(random.randrange(10**6))))
    rng = random.Random(seed)
    root = tmp_path / "home"
    home = make_home(root)
    env = {**os.environ, "POSGUIDE_LOCK_TIMEOUT": "30"}
    promised_gen, promised_seq = 0, -1
    kills = cuts = torn_by_kill = 0
    modes = ["profile", "history", "both"]
    for round_ in range(ROUNDS):
        mode = modes[round_ % 3]
        proc = subprocess.Popen([sys.executable, str(WRITER), str(root), mode,
                                 str(rng.randrange(10**6))],
                                env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)
        assert proc.stdout is not None
        ready = proc.stdout.readline()
        assert ready == "ready\n", (ready, proc.communicate()[1], f"seed {seed}")
        time.sleep(rng.uniform(0.0, 0.03))
        proc.send_signal(signal.SIGKILL)
        out, err = proc.communicate(timeout=30)
        assert proc.returncode == -signal.SIGKILL, (proc.returncode, err, f"seed {seed}")
        assert "Traceback" not in err, err
        kills += 1
        for line in out.splitlines():
            what, number = line.split()
            if what == "p":
                promised_gen = int(number)
            else:
                promised_seq = int(number)

        context = f"seed {seed}, round {round_} ({mode})"
        try:
            promised_gen = check_profile(home, promised_gen)
            raw = home.history.read_bytes() if home.history.exists() else b""
            torn_now = bool(raw) and not raw.endswith(b"\n")
            torn_by_kill += torn_now
            events = check_history(home, promised_seq)
            promised_seq = len(events) - 1
            check_files(root)
        except AssertionError as exc:
            raise AssertionError(f"{context}: {exc}") from exc
        if mode != "profile" and rng.random() < 0.25 and not torn_now:
            whole = cut_last_record(home, rng)
            if whole is not None:
                cuts += 1
                promised_seq = whole
                check_history(home, promised_seq)  # torn: reported, rest readable

    assert kills >= 100
    # The next write sets a torn tail aside and everything before it is kept.
    History(home).append([Event("main", "inspection", date(2026, 11, 2), data={"seq": -1})])
    raw = home.history.read_bytes()
    assert raw.endswith(b"\n") and parse(raw).bad_lines == []
    assert History(home).events()[-1].kind == "inspection"
    if cuts:
        assert (root / "history.jsonl.torn").exists()
    check_files(root)
    leftovers = len(list(root.glob(".*.tmp")))
    print(f"seed {seed}: {kills} kills, {cuts} records cut short by the test, "
          f"{torn_by_kill} rounds found a torn last record, {leftovers} temp files left")


def test_a_torn_record_is_reported_once_and_set_aside_by_the_next_write(
        cli: Cli, terminal: object, home: Path) -> None:
    h = History(Home(home))
    h.append([Event("main", "maintenance", date(2026, 11, 1), note="cleaned")])
    whole = (home / "history.jsonl").read_bytes()
    torn = b'{"id":"abc","terminal":"main","kind":"inspec'
    (home / "history.jsonl").write_bytes(whole + torn)

    reader = History(Home(home))
    assert [e.note for e in reader.events()] == ["cleaned"]
    assert len(reader.notices) == 1 and "cut off" in reader.notices[0]

    env: dict[str, str | None] = {"POSGUIDE_TODAY": TODAY}
    shown = cli("history", env=env)
    assert shown.exit_code == 0 and "cleaned" in shown.out
    assert shown.err.count("cut off") == 1, shown.stderr  # reported once per command

    recorded = cli("record", "inspection", env=env)
    assert recorded.exit_code == 0, recorded.output
    assert recorded.err.count("cut off") == 1, recorded.stderr
    assert (home / "history.jsonl.torn").read_bytes() == torn + b"\n"
    assert (home / "history.jsonl.torn").stat().st_mode & 0o777 == 0o600

    after = cli("history", env=env)
    assert "cut off" not in after.err
    kinds = [e.kind for e in History(Home(home)).events()]
    assert kinds == ["maintenance", "inspection"]
