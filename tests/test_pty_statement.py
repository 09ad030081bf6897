"""`statement audit` in a real terminal: a progress bar while a large file is
read (on stderr, and only when stderr is a terminal: the in-process tests,
whose streams are not terminals, see none)."""

from __future__ import annotations

from pathlib import Path

import statements as st
from ptyutil import finish, spawn

ENV = {"POSGUIDE_TODAY": "2026-12-01"}


def test_a_large_statement_shows_a_progress_bar(cli, home: Path, tmp_path: Path) -> None:
    built = st.layout_a_clean()
    assert cli(*st.init_args(built), env=ENV).exit_code == 0
    sale = st.a_rows(built)[0]
    rows = [list(sale) for _ in range(80_000)]
    for n, row in enumerate(rows):
        row[3] = str(400000000000 + n)  # every sale its own reference number
    path = tmp_path / "big.csv"
    path.write_bytes(("\ufeff" + st.csv_text(st.A_TITLE + [st.A_HEADER] + rows)).encode())
    child = spawn(home, "statement", "audit", str(path), env=ENV, timeout=120)
    child.expect_exact("Reading big.csv")
    child.expect_exact("80000 sales")
    assert finish(child) == 0
    r = cli("statement", "audit", str(path), env=ENV)
    assert "Reading" not in r.output
