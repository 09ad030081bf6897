"""How fast posguide starts, against the floor and against a bare typer app.

    .venv/bin/python bench/startup.py [--rounds 30]

Every program is run once per round, in turn, so a busy neighbour on the
machine slows all of them alike. The table shows each program's median, and
each ratio as the median of the per-round ratios:

- `python -c pass`: the interpreter alone, the floor;
- a bare typer app that prints one rich table (written to a temp folder, run by
  the same interpreter), the price of the toolkit itself;
- `posguide status` on a home with one terminal and a short history, found as
  on a user's machine (the platform's data folder, no POSGUIDE_HOME); while
  `status` did not exist this ran `posguide profile show` and said so. The
  history is in posguide.db, so this includes importing sqlite3 and opening
  the database; the same home before anything was recorded (profile.toml
  only, no database) is shown beside it for what that costs;
- shell completion: the shell runs the program on every Tab with typer's
  completion variables set (`_POSGUIDE_COMPLETE=complete_bash`, `COMP_WORDS`,
  `COMP_CWORD`), for posguide and for the bare app.

Goals (issue 7): status and completion at most 1.15x the bare app and at most
9x `python -c pass`. The result is a table; nothing is asserted, timings vary
between machines.
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
from pathlib import Path

BARE_APP = '''\
import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer()


@app.callback()
def root() -> None:
    """A bare app with a group, like posguide."""


@app.command()
def status() -> None:
    table = Table("check", "state", "due")
    table.add_row("sim_expiry", "warn", "2026-12-05")
    Console().print(table)


@app.command()
def other() -> None:
    """A second command, so completion has a choice to make."""


if __name__ == "__main__":
    app(prog_name="bare")
'''

GOAL_VS_BARE = 1.15
GOAL_VS_PYTHON = 9.0


def posguide_cmd() -> list[str]:
    """The console script next to this interpreter, as a user runs it."""
    script = Path(sys.executable).with_name("posguide")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "posguide"]


def has_command(base: list[str], env: dict[str, str], name: str) -> bool:
    done = subprocess.run([*base, name, "--help"], env=env, capture_output=True)
    return done.returncode == 0


def make_home(base: list[str], env: dict[str, str], history: bool = True) -> None:
    done = subprocess.run(
        [*base, "init", "--no-input", "--purchased", "2024-03-01", "--brand", "Lakala",
         "--serial", "N5-0012345", "--support-phone", "95016", "--fee-rate", "0.60",
         "--sim-carrier", "China Mobile", "--sim-expires", "2026-12-05"],
        env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"could not create the benchmark home: {done.stderr}")
    for kind in ("transaction", "maintenance", "inspection") if history else ():
        # a history, as in real use
        subprocess.run([*base, "record", kind], env=env, capture_output=True, check=True)


def time_once(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):  # status --check style "attention" is fine
        sys.exit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr.decode()}")
    return elapsed


def measure(cases: dict[str, tuple[list[str], dict[str, str]]],
            rounds: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {name: [] for name in cases}
    for cmd, env in cases.values():  # warm the page cache and bytecode
        time_once(cmd, env)
    for _ in range(rounds):
        for name, (cmd, env) in cases.items():
            times[name].append(time_once(cmd, env))
    return times


def paired(times: dict[str, list[float]], a: str, b: str) -> float:
    """The median of the per-round ratios a/b: each pair ran back to back, so
    a neighbour's load that comes and goes mostly cancels out."""
    return statistics.median(x / y for x, y in zip(times[a], times[b], strict=True))


def verdict(ratio: float, goal: float) -> str:
    return "ok" if ratio <= goal else "OVER"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="posguide-bench-"))
    try:
        bare = tmp / "bare.py"
        bare.write_text(BARE_APP, encoding="utf-8")
        # The home is found as on a user's machine (no POSGUIDE_HOME): the
        # platform's data folder, here inside the temp folder.
        env = {**os.environ, "HOME": str(tmp), "XDG_DATA_HOME": str(tmp / "data"),
               "POSGUIDE_LANG": "en", "POSGUIDE_TODAY": "2026-11-23", "NO_COLOR": "1"}
        # PYTHONDONTWRITEBYTECODE would leave edited modules compiled from
        # source on every run; an installed posguide has its bytecode cached.
        for var in ("POSGUIDE_HOME", "POSGUIDE_TERMINAL", "POSGUIDE_DEBUG",
                    "PYTHONDONTWRITEBYTECODE"):
            env.pop(var, None)
        pg = posguide_cmd()
        make_home(pg, env)
        fresh = {**env, "POSGUIDE_HOME": str(tmp / "fresh")}
        make_home(pg, fresh, history=False)
        main_cmd = ["status"] if has_command(pg, env, "status") else ["profile", "show"]
        label = "posguide " + " ".join(main_cmd)
        if main_cmd != ["status"]:
            label += " (status not built yet)"

        def completing(prog: str, words: str) -> dict[str, str]:
            return {**env, f"_{prog.upper()}_COMPLETE": "complete_bash",
                    "COMP_WORDS": words, "COMP_CWORD": "1"}

        py = sys.executable
        cases = {
            "python -c pass": ([py, "-c", "pass"], env),
            "bare typer+rich table": ([py, str(bare), "status"], env),
            label: ([*pg, *main_cmd], env),
            f"{label}, nothing recorded yet (no database)": ([*pg, *main_cmd], fresh),
            "bare typer completion": ([py, str(bare)], completing("bare", "bare st")),
            "posguide completion": (pg, completing("posguide", "posguide st")),
        }
        times = measure(cases, args.rounds)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    medians = {name: statistics.median(values) for name, values in times.items()}
    print(f"startup: medians of {args.rounds} alternating rounds, {sys.executable}")
    print(f"{'program':62} {'median ms':>9}")
    for name, value in medians.items():
        print(f"{name:62} {value * 1000:9.1f}")
    print()
    print(f"{'ratio (median of per-round ratios)':62} {'value':>9} {'goal':>7}  verdict")
    rows = [
        (f"{label} / bare typer+rich", paired(times, label, "bare typer+rich table"),
         GOAL_VS_BARE),
        (f"{label} / python -c pass", paired(times, label, "python -c pass"), GOAL_VS_PYTHON),
        ("posguide completion / bare typer completion",
         paired(times, "posguide completion", "bare typer completion"), GOAL_VS_BARE),
        ("posguide completion / python -c pass",
         paired(times, "posguide completion", "python -c pass"), GOAL_VS_PYTHON),
    ]
    for name, ratio, goal in rows:
        print(f"{name:62} {ratio:8.2f}x {goal:6.2f}x  {verdict(ratio, goal)}")


if __name__ == "__main__":
    main()
