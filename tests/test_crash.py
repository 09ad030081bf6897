"""A writer killed at any moment leaves a readable home, and a change of the
profile with its events is both or neither (DESIGN 2).

`crash_writer.py` writes through the store until it is killed with SIGKILL:

- at random moments, 120 times, cycling through profile saves, history
  appends, both, SIM swaps, plan renewals and checklists that set a field.
  After every kill the profile is one whole generation (the one before or the
  one being written, never a mix) and never older than the last save that
  returned; the history holds every event whose append returned, once; and
  the profile and the history agree about every swap, renewal and checklist.
- at every instant around a write (before and after each write, fsync, rename
  and database statement) of one swap, one renewal and one checklist: the next
  command, whatever it is, finds the profile and the history agreeing, having
  rolled the change forward or back with one notice.

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

import pytest

from conftest import Cli, local_store
from posguide import profile as prof
from posguide.store.local import LocalStore

sys.path.insert(0, str(Path(__file__).parent))
from crash_writer import BASE_EXPIRY, CHECKLIST  # noqa: E402

WRITER = Path(__file__).with_name("crash_writer.py")
ROUNDS = int(os.environ.get("POSGUIDE_CRASH_ROUNDS", "120"))
MODES = ["profile", "history", "both", "swap", "renewal", "checklist"]
NOTICES = ("was stopped while saving", "was stopped before it saved")


def make_home(root: Path) -> None:
    store = local_store(root)
    with store.editing(create=True) as profile:
        profile.add(prof.Terminal(name="main", purchased=date(2024, 3, 1), location="gen 0",
                                  sim=prof.Sim(iccid="89860012345678901238")))
    store.close()
    (root / "checklists").mkdir(mode=0o700)
    (root / "checklists" / "shelf.toml").write_text(CHECKLIST, encoding="utf-8")
    (root / "checklists" / "shelf.toml").chmod(0o600)


def check_profile(store: LocalStore, promised: int) -> int:
    """Loads, is one whole generation, and not older than promised."""
    profile = store.load_profile()  # raises DataError if half-written
    assert profile is not None
    gen = int(profile.terminals["main"].location.split()[1])  # type: ignore[union-attr]
    assert gen >= promised, (gen, promised)
    extra = {f"t{k}" for k in range(gen % 4 + 1)} if gen else set()
    assert set(profile.terminals) == {"main"} | extra
    assert {t.location for t in profile.terminals.values()} == {f"gen {gen}"}
    home = store.home
    if home.backup.exists():
        backup = prof.loads(home.backup.read_bytes(), home)
        backup_gen = int(backup.terminals["main"].location.split()[1])  # type: ignore[union-attr]
        assert backup_gen in (gen - 1, gen)
    return gen


def check_history(store: LocalStore, promised: int) -> int:
    """Every promised event is there, in order, once."""
    seqs = [e.data["seq"] for e in store.events(kind="maintenance")]
    assert seqs == list(range(len(seqs)))  # no gap, no duplicate
    assert len(seqs) - 1 >= promised, (len(seqs) - 1, promised)
    return len(seqs) - 1


def agree(store: LocalStore, mode: str) -> int:
    """The profile and the history tell the same story of `mode`'s changes;
    returns how many were made."""
    profile = store.load_profile()
    assert profile is not None
    main = profile.terminals["main"]
    if mode == "swap":
        gen = int((main.sim.plan or "gen 0").split()[1])
        swaps = store.events(kind="sim-swap")
        assert len(swaps) == gen, (len(swaps), gen)
        if gen:
            assert swaps[-1].data["new"]["plan"] == f"gen {gen}"
            assert swaps[-1].data["new"]["iccid"] == main.sim.iccid
            assert swaps[-1].data["old"]["plan"] == (f"gen {gen - 1}" if gen > 1 else None)
        return gen
    if mode == "renewal":
        gen = (main.sim.expires - BASE_EXPIRY).days if main.sim.expires else 0
        renewals = store.events(kind="sim-renewal")
        assert len(renewals) == gen, (len(renewals), gen)
        if gen:
            assert renewals[-1].data["new_expires"] == main.sim.expires.isoformat()  # type: ignore[union-attr]
        return gen
    gen = int((main.model or "gen 0").split()[1])
    done = [e for e in store.events(kind="checklist") if e.data.get("checklist") == "shelf"]
    assert len(done) == gen, (len(done), gen)
    assert len(store.events(kind="inspection")) == gen
    if gen:
        assert done[-1].data["answers"] == {"where": f"gen {gen}"}
    return gen


def check_files(root: Path) -> None:
    for path in root.rglob("*"):
        if path.is_file():
            assert path.stat().st_mode & 0o777 == 0o600, path
    assert root.stat().st_mode & 0o777 == 0o700


def test_sigkill_at_random_moments_never_leaves_a_half_written_home(tmp_path: Path) -> None:
    seed = int(os.environ.get("POSGUIDE_CRASH_SEED", str(random.randrange(10**6))))
    rng = random.Random(seed)
    root = tmp_path / "home"
    make_home(root)
    env = {**os.environ, "POSGUIDE_LOCK_TIMEOUT": "30"}
    promised = {"p": 0, "h": -1, **{m: 0 for m in ("swap", "renewal", "checklist")}}
    kills = 0
    for round_ in range(ROUNDS):
        mode = MODES[round_ % len(MODES)]
        proc = subprocess.Popen([sys.executable, str(WRITER), str(root), mode,
                                 str(rng.randrange(10**6))],
                                env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)
        assert proc.stdout is not None
        ready = proc.stdout.readline()
        assert ready == "ready\n", (ready, proc.communicate()[1], f"seed {seed}")
        time.sleep(rng.uniform(0.0, 0.05))
        proc.send_signal(signal.SIGKILL)
        out, err = proc.communicate(timeout=30)
        assert proc.returncode == -signal.SIGKILL, (proc.returncode, err, f"seed {seed}")
        assert "Traceback" not in err, err
        kills += 1
        for line in out.splitlines():
            what, number = line.split()
            promised[mode if what == "g" else what] = int(number)

        context = f"seed {seed}, round {round_} ({mode})"
        store = local_store(root)
        try:
            promised["p"] = check_profile(store, promised["p"])
            promised["h"] = check_history(store, promised["h"])
            for change in ("swap", "renewal", "checklist"):
                made = agree(store, change)
                assert made >= promised[change], (change, made, promised[change])
                promised[change] = made
            check_files(root)
        except AssertionError as exc:
            raise AssertionError(f"{context}: {exc}") from exc
        finally:
            store.close()
    assert kills == ROUNDS
    leftovers = len(list(root.glob(".*.tmp")))
    print(f"seed {seed}: {kills} kills, {promised} promised, {leftovers} temp files left")


@pytest.mark.parametrize("mode", ["swap", "renewal", "checklist"])
def test_sigkill_around_every_write_of_a_change_leaves_both_or_neither(
        cli: Cli, tmp_path: Path, mode: str) -> None:
    root = tmp_path / "home"
    make_home(root)
    env = {**os.environ, "POSGUIDE_LOCK_TIMEOUT": "30"}
    made = 0
    said = {"forward": 0, "back": 0}
    point = 1
    while True:
        done = subprocess.run([sys.executable, str(WRITER), str(root), mode, "0", str(point)],
                              env=env, capture_output=True, text=True, timeout=60)
        assert "Traceback" not in done.stderr, done.stderr
        # The next command, whatever it is, settles what the kill left.
        shown = cli("--home", str(root), "profile", "show", "--json")
        assert shown.exit_code == 0, (point, shown.output)
        notices = [n for n in NOTICES if n in shown.err]
        assert len(notices) <= 1 and shown.err.count("\n") <= 2, (point, shown.stderr)
        said["forward"] += NOTICES[0] in shown.err
        said["back"] += NOTICES[1] in shown.err
        store = local_store(root)
        try:
            gen = agree(store, mode)
        except AssertionError as exc:
            raise AssertionError(f"{mode}, killed at point {point}: {exc}") from exc
        finally:
            store.close()
        assert gen in (made, made + 1), (point, gen, made)
        if done.returncode == 0:
            assert gen == made + 1  # not killed: the change was made
            break
        assert done.returncode == -signal.SIGKILL, (point, done.returncode, done.stderr)
        made = gen
        point += 1
        check_files(root)
    assert point > 10  # every write of the change was a point to kill at
    # Some kills fell after profile.toml was replaced (rolled forward), some
    # between the pending row and that (rolled back).
    assert said["forward"] >= 1 and said["back"] >= 1, said
