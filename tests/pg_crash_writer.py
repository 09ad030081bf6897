"""A writer for tests/test_team_stress.py to kill: it loops changing the team's
profile and recording an event in one change, and prints the generation after
each change that returned (what was promised as saved).

    python tests/pg_crash_writer.py HOME URL

Generation N sets every terminal's location to "gen N", adds or removes one
terminal (N % 3 + 1 extra), and records one event with data {"gen": N}: a
profile of one generation with the events of another would show.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from posguide.history import Event
from posguide.home import Home
from posguide.profile import Terminal
from posguide.store.postgres import PostgresStore


def main(home: str, url: str) -> None:
    store = PostgresStore(Home(Path(home)), url)
    while True:
        with store.change() as change:
            profile = change.profile
            gen = int((profile.terminals["main"].location or "gen 0").split()[1]) + 1
            for name in [n for n in profile.terminals if n != "main"]:
                profile.remove(name)
            for k in range(gen % 3 + 1):
                profile.add(Terminal(name=f"t{k}", purchased=date(2025, 1, 1)))
            for term in profile.terminals.values():
                term.location = f"gen {gen}"
            profile.default = "main"
            change.record([Event("main", "maintenance", date(2026, 11, 1),
                                 data={"gen": gen})])
        print(gen, flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
