"""Does posguide stay fast when a home grows?

    .venv/bin/python bench/scale.py [--rounds 15]

Comparisons, each from medians of alternating runs on the same machine:

- `posguide status --all` over 1,000 terminals against `posguide status` on a
  home with one terminal (goal: at most 3x);
- `posguide status` with 100,000 history events in posguide.db against the
  same home with an empty history (goal: at most 1.2x, issue 10);
- the `posguide checklist` list (when each checklist was last done) with those
  100,000 events against an empty history (goal: at most 1.5x, issue 10).

Also shown for reference: `status --all --json` over the 1,000 terminals.
Nothing is asserted; timings vary between machines.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

GOAL_FLEET = 3.0
GOAL_HISTORY = 1.2
GOAL_CHECKLIST = 1.5
TODAY = date(2026, 11, 23)


def posguide_cmd() -> list[str]:
    script = Path(sys.executable).with_name("posguide")
    return [str(script)] if script.exists() else [sys.executable, "-m", "posguide"]


def fleet_home(root: Path, count: int) -> None:
    """A home with `count` terminals, as an agent's fleet looks."""
    from posguide import profile as prof
    from posguide.home import Home

    profile = prof.Profile()
    for i in range(count):
        term = prof.from_flat({
            "name": f"shop-{i:04d}",
            "purchased": (TODAY - timedelta(days=30 + i % 900)).isoformat(),
            "brand": "Lakala", "model": "Q7", "serial": f"N5-{i:07d}", "support_phone": "95016",
            "fee_rate": "0.60", "sim.carrier": "China Mobile",
            "sim.expires": (TODAY + timedelta(days=i % 400 - 30)).isoformat(),
            "location": f"Street {i % 97}",
        }, TODAY)
        profile.add(term)
    home = Home(root)
    with home.locked():
        prof.save(home, profile)


def add_history(root: Path, count: int) -> None:
    """`count` events of every kind, finished checklists among them."""
    from posguide.checklist import builtin_ids
    from posguide.history import KINDS, Event
    from posguide.home import Home
    from posguide.store.local import LocalStore

    ids = builtin_ids()
    events = []
    for i in range(count):
        kind = KINDS[i % len(KINDS)]
        data = {"checklist": ids[i % len(ids)], "steps": 12, "skipped": []} \
            if kind == "checklist" else {}
        events.append(Event("shop-0000", kind, TODAY - timedelta(days=i % 700),
                            note="routine" if i % 3 else None, data=data))
    store = LocalStore(Home(root))
    store.append(events)
    store.close()


def run(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr.decode()}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    pg = posguide_cmd()
    tmp = Path(tempfile.mkdtemp(prefix="posguide-scale-"))
    try:
        base = {**os.environ, "POSGUIDE_LANG": "en", "POSGUIDE_TODAY": TODAY.isoformat(),
                "NO_COLOR": "1", "POSGUIDE_WIDTH": "120"}
        # Cached bytecode, as an installed posguide has (see startup.py).
        for var in ("POSGUIDE_TERMINAL", "POSGUIDE_DEBUG", "PYTHONDONTWRITEBYTECODE"):
            base.pop(var, None)
        homes = {name: tmp / name for name in ("one", "fleet", "empty", "long")}
        fleet_home(homes["one"], 1)
        fleet_home(homes["fleet"], 1000)
        fleet_home(homes["empty"], 1)
        fleet_home(homes["long"], 1)
        add_history(homes["long"], 100_000)
        env = {name: {**base, "POSGUIDE_HOME": str(path)} for name, path in homes.items()}
        first_long = run([*pg, "status"], env["long"])  # the first open after the writes

        cases = {
            "status, 1 terminal": ([*pg, "status"], env["one"]),
            "status --all, 1,000 terminals": ([*pg, "status", "--all"], env["fleet"]),
            "status --all --json, 1,000 terminals": ([*pg, "status", "--all", "--json"],
                                                     env["fleet"]),
            "status, empty history": ([*pg, "status"], env["empty"]),
            "status, 100,000 events": ([*pg, "status"], env["long"]),
            "checklist list, empty history": ([*pg, "checklist"], env["empty"]),
            "checklist list, 100,000 events": ([*pg, "checklist"], env["long"]),
        }
        for cmd, e in cases.values():
            run(cmd, e)
        times: dict[str, list[float]] = {name: [] for name in cases}
        for _ in range(args.rounds):
            for name, (cmd, e) in cases.items():
                times[name].append(run(cmd, e))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    med = {name: statistics.median(values) for name, values in times.items()}
    print(f"scale: medians of {args.rounds} alternating rounds, {sys.executable}")
    print(f"{'program':46} {'median ms':>9}")
    for name, value in med.items():
        print(f"{name:46} {value * 1000:9.1f}")
    print(f"{'first status after 100,000 events written':46} {first_long * 1000:9.1f}")
    print()
    rows = [
        ("status --all 1,000 / status 1 terminal",
         med["status --all, 1,000 terminals"] / med["status, 1 terminal"], GOAL_FLEET),
        ("status 100,000 events / empty history",
         med["status, 100,000 events"] / med["status, empty history"], GOAL_HISTORY),
        ("checklist list 100,000 events / empty history",
         med["checklist list, 100,000 events"] / med["checklist list, empty history"],
         GOAL_CHECKLIST),
    ]
    print(f"{'ratio':46} {'value':>9} {'goal':>7}  verdict")
    for name, ratio, goal in rows:
        print(f"{name:46} {ratio:8.2f}x {goal:6.2f}x  {'ok' if ratio <= goal else 'OVER'}")


if __name__ == "__main__":
    main()
