"""A writer for tests/test_crash.py to kill: it loops writing the profile
and/or the history of a home until SIGKILL stops it, and prints a line after
each write that returned (so the test knows what was promised as saved).

    python tests/crash_writer.py HOME profile|history|both SEED

Profile generation N holds N % 4 + 1 extra terminals, each with location
"gen N", so any mix of two generations would show. History events carry a
running `seq`; the writer resumes after the last readable one.
"""

from __future__ import annotations

import random
import sys
from datetime import date
from pathlib import Path

from posguide import profile as prof
from posguide.history import Event, History
from posguide.home import Home


def generation(profile: prof.Profile) -> int:
    location = profile.terminals["main"].location or "gen 0"
    return int(location.split()[1])


def write_profile(home: Home) -> int:
    with prof.editing(home) as profile:
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


def write_history(history: History, seq: int, rng: random.Random) -> int:
    size = rng.choice([1, 1, 3, 40])
    note = "n" * rng.choice([0, 10, 150])
    history.append([Event("main", "maintenance", date(2026, 11, 1), note=note or None,
                          data={"seq": seq + k}) for k in range(size)])
    return seq + size - 1


def main() -> None:
    root, mode, seed = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    rng = random.Random(seed)
    home = Home(root)
    history = History(home)
    seq = max((int(e.data.get("seq", -1)) for e in history.events()), default=-1) + 1
    print("ready", flush=True)
    while True:
        if mode in ("history", "both"):
            last = write_history(history, seq, rng)
            print(f"h {last}", flush=True)
            seq = last + 1
        if mode in ("profile", "both"):
            print(f"p {write_profile(home)}", flush=True)


if __name__ == "__main__":
    main()
