"""How fast `posguide statement audit` reads a statement, and in how much memory.

    .venv/bin/pip install pandas   # for this comparison only, not a dependency
    .venv/bin/python bench/statement.py [--rows 100000] [--memory-rows 1000000] [--rounds 5]

Side by side, each program run once per round in turn (a busy neighbour on the
machine slows all of them alike), medians reported:

- pandas reading the same CSV statement (`import pandas; pandas.read_csv(...)`,
  the import included, as a user would pay it);
- `posguide statement audit FILE.csv --json` on it (start-up, reading, every
  sale checked, the findings, the JSON);
- the same rows as XLSX, audited the same way.

Then the peak memory (ru_maxrss of the child) of one audit of a CSV of
`--memory-rows` rows.

Targets (issue 13): CSV audit within 2x pandas' read, XLSX within 3x the CSV
audit, peak memory under 80 MiB for 1,000,000 rows. Exits 1 when one is missed.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the XLSX writer of the tests

HEADER = ("交易时间,商户号,终端号,检索参考号,卡号,卡类型,交易类型,交易金额(元),手续费(元),"
          "结算金额(元)")
TITLE = ["拉卡拉商户结算明细", "商户名称：街角小店,,", "查询日期：2026-11-01 至 2026-11-30", ""]
RATES = {"贷记卡": Decimal("0.60"), "借记卡": Decimal("0.55"), "扫码": Decimal("0.38")}
CENT = Decimal("0.01")


def rows(count: int) -> list[list[str]]:
    """A month of sales as a Lakala-like export: debit, credit and QR, the debit
    cap, one in 500 charged a little above the plan (so there are findings)."""
    rng = random.Random(13)
    out = []
    for i in range(count):
        amount = Decimal(rng.randint(500, 500000)) / 100
        card = ("贷记卡", "借记卡", "扫码")[i % 3]
        fee = (amount * RATES[card] / 100).quantize(CENT, rounding=ROUND_HALF_UP)
        if card == "借记卡" and fee > 20:
            fee = Decimal(20)
        if i % 500 == 7:
            fee += Decimal("0.50")
        day = 1 + i * 28 // count
        out.append([f"2026-11-{day:02d} {i % 24:02d}:{i % 60:02d}:{i % 60:02d}",
                    "822581083986056", "LKL00123", str(300000000000 + i),
                    f"622202******{i % 10000:04d}", card, "消费", str(amount), str(fee),
                    str(amount - fee)])
    return out


def write_csv(path: Path, data: list[list[str]]) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        fh.write("\r\n".join(TITLE + [HEADER] + [",".join(r) for r in data]) + "\r\n")


def write_xlsx(path: Path, data: list[list[str]]) -> None:
    from statements import xlsx_bytes

    sheet: list[list[object]] = [[t] for t in TITLE] + [HEADER.split(",")]
    sheet += [r[:7] + [Decimal(v) for v in r[7:]] for r in data]
    path.write_bytes(xlsx_bytes(sheet))


def timed(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def peak_rss_mib(args: list[str], env: dict[str, str]) -> float:
    """The child's peak resident memory, measured by a fresh parent whose only
    child it is (ru_maxrss of RUSAGE_CHILDREN, KiB on Linux)."""
    probe = ("import resource, subprocess, sys\n"
             "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)\n"
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")
    done = subprocess.run([sys.executable, "-c", probe, *args], env=env, check=True,
                          capture_output=True, text=True)
    kib = int(done.stdout.strip())
    return kib / 1024 if sys.platform != "darwin" else kib / 1024 / 1024


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--memory-rows", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=5)
    opts = parser.parse_args()
    try:
        import pandas  # noqa: F401
    except ImportError:
        print("pandas is needed for the comparison: .venv/bin/pip install pandas", file=sys.stderr)
        return 2
    python = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = {**os.environ, "POSGUIDE_HOME": str(folder / "home"), "POSGUIDE_LANG": "en",
               "POSGUIDE_TODAY": "2026-12-01"}
        subprocess.run([python, "-m", "posguide", "init", "--no-input", "--purchased",
                        "2025-01-10", "--merchant-no", "822581083986056", "--terminal-id",
                        "LKL00123", "--fee-debit", "0.55", "--fee-debit-cap", "20",
                        "--fee-credit", "0.60", "--fee-qr", "0.38"], env=env, check=True,
                       stdout=subprocess.DEVNULL)
        data = rows(opts.rows)
        csv_path, xlsx_path = folder / "statement.csv", folder / "statement.xlsx"
        write_csv(csv_path, data)
        write_xlsx(xlsx_path, data)
        programs = {
            "pandas.read_csv (import included)": [
                python, "-c",
                f"import pandas; pandas.read_csv({str(csv_path)!r}, skiprows=4)"],
            "posguide statement audit CSV": [python, "-m", "posguide", "statement", "audit",
                                             str(csv_path), "--json"],
            "posguide statement audit XLSX": [python, "-m", "posguide", "statement", "audit",
                                              str(xlsx_path), "--json"],
        }
        times: dict[str, list[float]] = {name: [] for name in programs}
        for _ in range(opts.rounds):
            for name, args in programs.items():
                times[name].append(timed(args, env))
        medians = {name: statistics.median(values) for name, values in times.items()}
        pandas_s, csv_s, xlsx_s = medians.values()
        ratio_csv = statistics.median(c / p for c, p in zip(times[list(programs)[1]],
                                                            times[list(programs)[0]],
                                                            strict=True))
        ratio_xlsx = statistics.median(x / c for x, c in zip(times[list(programs)[2]],
                                                             times[list(programs)[1]],
                                                             strict=True))
        print(f"{opts.rows:,} rows, {opts.rounds} rounds, median wall time:")
        for name, value in medians.items():
            print(f"  {name:<38} {value:6.2f} s")
        ok_csv, ok_xlsx = ratio_csv <= 2.0, ratio_xlsx <= 3.0
        print(f"  CSV audit / pandas read:  {ratio_csv:4.2f}x (target <= 2x)  "
              f"{'ok' if ok_csv else 'MISSED'}")
        print(f"  XLSX audit / CSV audit:   {ratio_xlsx:4.2f}x (target <= 3x)  "
              f"{'ok' if ok_xlsx else 'MISSED'}")
        del data
        big = folder / "big.csv"
        write_csv(big, rows(opts.memory_rows))
        start = time.perf_counter()
        mib = peak_rss_mib([python, "-m", "posguide", "statement", "audit", str(big), "--json"],
                           env)
        took = time.perf_counter() - start
        ok_mem = mib < 80
        print(f"{opts.memory_rows:,} rows: peak memory {mib:5.1f} MiB in {took:.1f} s "
              f"(target < 80 MiB)  {'ok' if ok_mem else 'MISSED'}")
    return 0 if ok_csv and ok_xlsx and ok_mem else 1


if __name__ == "__main__":
    sys.exit(main())
