"""How long a service agent waits for a fleet to go in and out.

    .venv/bin/python bench/fleet.py [--terminals 1000] [--runs 7]

Writes a CSV of N valid terminals (every column filled, Chinese locations, real
ICCID check digits), then times, as a user would see it (a fresh process, wall
clock, interpreter start-up included):

- `posguide terminal import FILE.csv` into an empty home (a new one each run);
- `posguide terminal export FILE.csv` and `posguide terminal export` (stdout)
  from the imported home;
- `posguide --version`, the start-up alone, to tell the work from the floor.

Prints the median, fastest and slowest of the runs. Nothing is asserted:
timings vary between machines. The issue's goal is "well under a few seconds"
for 1,000 terminals.
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from posguide.profile import FIELD_ORDER
from posguide.validate import luhn_check_digit

TODAY = date(2026, 11, 23)
PLACES = ["东门", "西街", "南市场", "北站", "Mall 2F", "总店"]


def fleet_rows(count: int) -> list[dict[str, str]]:
    rows = []
    for i in range(count):
        purchased = TODAY - timedelta(days=30 + (i * 7) % 1000)
        iccid_body = f"8986{i:015d}"
        rows.append({
            "name": f"t{i:04d}",
            "brand": "Lakala" if i % 3 else "拉卡拉",
            "model": "Q1" if i % 2 else "N5",
            "serial": f"SN-{i:08d}",
            "terminal_id": f"T{i:07d}",
            "merchant_no": f"8221{i:011d}",
            "location": f"{PLACES[i % len(PLACES)]} {i}",
            "purchased": purchased.isoformat(),
            "activated": (purchased + timedelta(days=3)).isoformat(),
            "service_years": "3",
            "support_phone": "95016",
            "fee_rate": "0.60",
            "fee_cap": "20.00" if i % 4 == 0 else "",
            "sim.carrier": "中国移动",
            "sim.iccid": iccid_body + luhn_check_digit(iccid_body),
            "sim.expires": (TODAY + timedelta(days=(i * 11) % 400 - 30)).isoformat(),
            "sim.plan": "年卡 30G",
        })
    return rows


def write_csv(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=FIELD_ORDER, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)


def run(home: Path, *args: str, ok: tuple[int, ...] = (0,)) -> float:
    """Seconds one posguide run takes in `home`; stops the bench when it fails."""
    env = {**os.environ, "POSGUIDE_HOME": str(home), "POSGUIDE_TODAY": TODAY.isoformat(),
           "POSGUIDE_LANG": "en"}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "posguide", *args], env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in ok:
        sys.exit(f"posguide {' '.join(args)} failed ({done.returncode}):\n"
                 + done.stderr.decode(errors="replace"))
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--terminals", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=7)
    options = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="posguide-bench-fleet-"))
    try:
        source = work / "fleet.csv"
        write_csv(source, fleet_rows(options.terminals))
        timings: dict[str, list[float]] = {"import": [], "export FILE": [], "export (stdout)": []}
        startup: list[float] = []
        for i in range(options.runs):
            home = work / f"home{i}"
            startup.append(run(home, "--version"))
            timings["import"].append(run(home, "terminal", "import", str(source)))
            timings["export FILE"].append(run(home, "terminal", "export", str(work / "out.csv")))
            timings["export (stdout)"].append(run(home, "terminal", "export"))
        size = source.stat().st_size
        print(f"{options.terminals} terminals, {size / 1024:.0f} KiB of CSV, "
              f"{options.runs} runs each (wall time of a fresh process)")
        print(f"{'command':<34}{'median':>9}{'fastest':>9}{'slowest':>9}")
        for label, values in timings.items():
            print(f"{'posguide terminal ' + label:<34}{statistics.median(values):>8.3f}s"
                  f"{min(values):>8.3f}s{max(values):>8.3f}s")
        print(f"{'posguide --version (start-up only)':<34}{statistics.median(startup):>8.3f}s"
              f"{min(startup):>8.3f}s{max(startup):>8.3f}s")
        same = (work / "out.csv").read_bytes() == source.read_bytes()
        print(f"export of the imported fleet is byte-identical to the source: {same}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
