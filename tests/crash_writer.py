"""A writer for tests/test_crash.py to kill: it writes a home through the store
until SIGKILL stops it, and prints a line after each write that returned (so
the test knows what was promised as saved).

    python tests/crash_writer.py HOME MODE SEED [KILL_AT]

MODE is one of:

- `profile`: profile generation N holds N % 4 + 1 extra terminals, each with
  location "gen N", so any mix of two generations would show;
- `history`: events carrying a running `seq`, resumed after the last one;
- `both`: the two in turn;
- `swap`, `renewal`, `checklist`: a SIM swap (simswap.record_swap), a plan
  renewal (records.record sim-renewal), a checklist whose step sets a field
  (wizard.complete): each changes the profile and records events in one
  change, generation N leaving a mark in both (see test_crash.agree).

With KILL_AT=K the writer does one write of MODE and kills itself at the
K-th point around a write (before and after every write, fsync, rename and
database statement that changes something), so a test can try every instant.
"""

from __future__ import annotations

import os
import random
import signal
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from posguide import profile as prof
from posguide.history import Event
from posguide.home import Home
from posguide.store.local import LocalStore

TODAY = date(2026, 11, 23)
BASE_EXPIRY = date(2027, 1, 1)
CHECKLIST = """
id = "shelf"
mode = "read-do"
title = { en = "Move the terminal", zh = "挪动终端" }
[[sections]]
id = "s"
title = { en = "Move", zh = "挪动" }
[[sections.steps]]
id = "where"
kind = "input"
input = "text"
sets = "model"
records = "inspection"
action = { en = "Where is it now?", zh = "现在放在哪里？" }
why = { en = "So the next person finds it.", zh = "方便下一个人找到。" }
"""


def generation(profile: prof.Profile) -> int:
    location = profile.terminals["main"].location or "gen 0"
    return int(location.split()[1])


def write_profile(store: LocalStore) -> int:
    with store.editing() as profile:
        gen = generation(profile) + 1
        for name in [n for n in profile.terminals if n != "main"]:
            profile.remove(name)
        for k in range(gen % 4 + 1):
            profile.add(prof.Terminal(name=f"t{k}", purchased=date(2025, 1, 1),
                                      model="x" * (gen % 3 * 15) or None,
                                      sim=prof.Sim(plan="p" * (gen % 5 * 16) or None)))
        for term in profile.terminals.values():
            term.location = f"gen {gen}"
        profile.default = "main"
    return gen


def write_history(store: LocalStore, seq: int, rng: random.Random) -> int:
    size = rng.choice([1, 1, 3, 40])
    note = "n" * rng.choice([0, 10, 150])
    store.append([Event("main", "maintenance", date(2026, 11, 1), note=note or None,
                        data={"seq": seq + k}) for k in range(size)])
    return seq + size - 1


def iccid(gen: int) -> str:
    """A valid 20-digit ICCID for generation `gen` (Luhn check digit)."""
    from posguide.validate import luhn_ok

    body = f"8986{gen:015d}"
    return next(body + str(d) for d in range(10) if luhn_ok(body + str(d)))


def swap_gen(store: LocalStore) -> int:
    plan = store.profile().terminals["main"].sim.plan or "gen 0"
    return int(plan.split()[1])


def write_swap(store: LocalStore) -> int:
    from posguide.checklist import load_builtin
    from posguide.simswap import (
        CARRIER,
        EXPIRES,
        ICCID,
        PLAN,
        TEST_PAYMENT,
        record_swap,
        wizard_checklist,
    )
    from posguide.wizard import Answer

    gen = swap_gen(store) + 1
    term = store.profile().terminals["main"]
    checklist = wizard_checklist(load_builtin("sim-swap"), term, TODAY, lambda *a: None)
    answers: dict[str, Any] = {s.id: Answer("done") for s in checklist.steps
                               if s.kind != "input"}
    answers[TEST_PAYMENT] = Answer("done")
    answers[ICCID] = Answer("value", value=iccid(gen))
    answers[CARRIER] = Answer("value", value="China Mobile")
    answers[PLAN] = Answer("value", value=f"gen {gen}")
    # The expiry stays: the renewals count themselves by it.
    answers[EXPIRES] = Answer("value", value=(term.sim.expires or BASE_EXPIRY).isoformat())
    store.save_progress("main", checklist.id, {"version": 1, "checklist": checklist.id})
    record_swap(store, "main", checklist, answers, TODAY)
    return gen


def write_renewal(store: LocalStore) -> int:
    from posguide.records import record

    expires = store.profile().terminals["main"].sim.expires or BASE_EXPIRY
    gen = (expires - BASE_EXPIRY).days + 1
    record(store, "main", "sim-renewal", TODAY, TODAY,
           expires=BASE_EXPIRY + timedelta(days=gen))
    return gen


def write_checklist(store: LocalStore) -> int:
    from posguide.checklist import find
    from posguide.wizard import Answer, complete

    model = store.profile().terminals["main"].model or "gen 0"
    gen = int(model.split()[1]) + 1
    checklist = find(store.home, "shelf")
    store.save_progress("main", "shelf", {"version": 1, "checklist": "shelf"})
    complete(store, "main", checklist, {"where": Answer("value", value=f"gen {gen}")}, TODAY)
    return gen


WRITERS = {"swap": write_swap, "renewal": write_renewal, "checklist": write_checklist}


# ------------------------------------------------------------------ killing at a point


def kill_at(point: int) -> None:
    """SIGKILL this process at the `point`-th instant around a write."""
    import sqlite3

    from posguide.store import local

    count = [0]

    def tick() -> None:
        count[0] += 1
        if count[0] == point:
            os.kill(os.getpid(), signal.SIGKILL)

    def around(fn: Any) -> Any:
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            tick()
            result = fn(*args, **kwargs)
            tick()
            return result

        return wrapped

    for name in ("write", "fsync", "replace", "rename", "unlink"):
        setattr(os, name, around(getattr(os, name)))

    class Counted:
        """A connection whose changing statements are points too."""

        def __init__(self, conn: sqlite3.Connection) -> None:
            self.conn = conn

        def execute(self, statement: str, *args: Any) -> Any:
            if statement.split()[0].upper() in ("SELECT", "PRAGMA"):
                return self.conn.execute(statement, *args)
            tick()
            result = self.conn.execute(statement, *args)
            tick()
            return result

        def executemany(self, statement: str, *args: Any) -> Any:
            tick()
            result = self.conn.executemany(statement, *args)
            tick()
            return result

        def __getattr__(self, name: str) -> Any:
            return getattr(self.conn, name)

    real = local.connect
    local.connect = lambda *a: Counted(real(*a))  # type: ignore[assignment,return-value]


def warm_up(store: LocalStore) -> None:
    """Imports and the database opened before "ready": the kill should fall
    among writes, not among imports."""
    import posguide.checklist
    import posguide.records
    import posguide.simswap
    import posguide.wizard  # noqa: F401

    with store.home.locked():
        store._writer()


def main() -> None:
    root, mode, seed = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    point = int(sys.argv[4]) if len(sys.argv) > 4 else None
    rng = random.Random(seed)
    store = LocalStore(Home(root))
    if mode in WRITERS:
        store.load_profile()  # settle what an earlier kill left, as every command does
        if point is not None:
            kill_at(point)
            print(f"g {WRITERS[mode](store)}", flush=True)
            return
        warm_up(store)
        print("ready", flush=True)
        while True:
            print(f"g {WRITERS[mode](store)}", flush=True)
    seq = max((int(e.data.get("seq", -1)) for e in store.events()), default=-1) + 1
    warm_up(store)
    print("ready", flush=True)
    while True:
        if mode in ("history", "both"):
            last = write_history(store, seq, rng)
            print(f"h {last}", flush=True)
            seq = last + 1
        if mode in ("profile", "both"):
            print(f"p {write_profile(store)}", flush=True)


if __name__ == "__main__":
    main()
