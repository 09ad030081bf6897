"""`status --all` over a fleet on the team store (PostgreSQL on this machine)
beside the same fleet on the local store, in one run.

    .venv/bin/python bench/team.py [--terminals 10000] [--events 3] [--runs 5]
                                   [--url postgresql://...]

Makes N valid terminals (bench/fleet.py's rows) with E events each in a local
home (`terminal import`, then the events through the store), copies the home
into a fresh team database with `posguide db push`, then times, as a user sees
it (a fresh process, wall clock, start-up included), alternating the two:

- `posguide status --all` on the local home;
- `posguide --database URL status --all` on the team's database.

The server: --url (a role that may create a database), else $POSGUIDE_TEST_PG_URL,
else a throwaway cluster started with tests/pgcluster.py and stopped at the end.
The issue's target: the team store within 2x of the local store.
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
from datetime import timedelta
from pathlib import Path

sys.path[:0] = [str(Path(__file__).parent), str(Path(__file__).parents[1] / "tests")]

from fleet import TODAY, fleet_rows, write_csv  # noqa: E402

import pgcluster  # noqa: E402


def run(home: Path, *args: str) -> float:
    env = {**os.environ, "POSGUIDE_HOME": str(home), "POSGUIDE_TODAY": TODAY.isoformat(),
           "POSGUIDE_LANG": "en"}
    env.pop("POSGUIDE_DATABASE", None)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "posguide", *args], env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit(f"posguide {' '.join(args)} failed ({done.returncode}):\n"
                 + done.stderr.decode(errors="replace"))
    return elapsed


def add_events(home: Path, terminals: int, each: int) -> None:
    from posguide.history import Event
    from posguide.home import Home
    from posguide.store.local import LocalStore

    kinds = ("maintenance", "inspection", "transaction", "password-change", "fee-check")
    store = LocalStore(Home(home))
    events = [Event(f"t{i:04d}", kinds[(i + k) % len(kinds)],
                    TODAY - timedelta(days=(i * 3 + k * 17) % 200))
              for i in range(terminals) for k in range(each)]
    store.append(events)
    store.close()


def with_database(url: str, name: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--terminals", type=int, default=10000)
    parser.add_argument("--events", type=int, default=3, help="events per terminal")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--url", default=os.environ.get("POSGUIDE_TEST_PG_URL"))
    options = parser.parse_args()

    import psycopg

    cluster = None
    url = options.url
    if not url:
        cluster = pgcluster.start()
        url = cluster.url
    work = Path(tempfile.mkdtemp(prefix="posguide-bench-team-"))
    name = "bench_" + os.urandom(4).hex()
    admin = psycopg.connect(url, autocommit=True)
    try:
        admin.execute(f'CREATE DATABASE "{name}"')
        team = with_database(url, name)
        home = work / "home"
        source = work / "fleet.csv"
        write_csv(source, fleet_rows(options.terminals))
        run(home, "terminal", "import", str(source))
        add_events(home, options.terminals, options.events)
        push = run(home, "--database", team, "db", "push")
        local: list[float] = []
        shared: list[float] = []
        for _ in range(options.runs):
            local.append(run(home, "status", "--all"))
            shared.append(run(home, "--database", team, "status", "--all"))
        ratio = statistics.median(shared) / statistics.median(local)
        print(f"{options.terminals} terminals, {options.terminals * options.events} events, "
              f"{options.runs} runs each (wall time of a fresh process)")
        print(f"{'command':<44}{'median':>9}{'fastest':>9}{'slowest':>9}")
        for label, values in (("status --all, local store", local),
                              ("status --all, team store (PostgreSQL)", shared)):
            print(f"{label:<44}{statistics.median(values):>8.3f}s"
                  f"{min(values):>8.3f}s{max(values):>8.3f}s")
        print(f"team / local: {ratio:.2f}x (target: within 2x) "
              f"{'ok' if ratio <= 2 else 'OVER'}")
        print(f"db push of the whole home: {push:.2f}s")
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
        shutil.rmtree(work, ignore_errors=True)
        if cluster is not None:
            pgcluster.stop(cluster.folder)


if __name__ == "__main__":
    main()
