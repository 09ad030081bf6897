"""The fee plan and `fee_rate` on the team store (PostgreSQL): what one person's
audit found, the other's `status` shows. Same server rules as tests/test_team.py."""

from __future__ import annotations

import json
from pathlib import Path

import statements as st
from pg import TeamDb, pg_server, team_db  # noqa: F401 - fixtures
from test_team import Staff, init_terminal, team  # noqa: F401 - the fixture


def fee_rate(person: Staff, *args: str) -> list[str]:
    data = json.loads(person("status", "--json", *args).stdout)
    return [f["severity"] for t in data["terminals"] for f in t["findings"]
            if f["code"] == "fee_rate"]


def test_an_audit_by_one_is_the_fee_rate_of_all(team, tmp_path: Path) -> None:  # noqa: F811
    anna, bob = team
    built = st.layout_a_problems()
    init_terminal(anna, "shop1", "--merchant-no", built.merchant_no, "--terminal-id",
                  built.terminal_id, "--fee-debit", "0.55", "--fee-debit-cap", "20",
                  "--fee-credit", "0.60", "--fee-qr", "0.38", "--fee-yearly", "59")
    init_terminal(anna, "shop2", "--fee-rate", "0.60")
    shown = json.loads(bob("profile", "show", "--json", "-t", "shop1").stdout)["fees"]
    assert shown["debit_cap"] == "20" and shown["yearly"] == "59"
    statement = tmp_path / "a.csv"
    statement.write_bytes(st.layout_a_csv(built))
    r = anna("statement", "audit", str(statement), "-t", "shop1", "--check")
    assert r.exit_code == 1, r.output
    assert fee_rate(bob, "-t", "shop1") == ["warn"]
    assert fee_rate(bob, "--all") == ["warn", "ok"]  # shop1, shop2
    # A clean check afterwards, the same day, decides: the latest one counts.
    r = bob("fee", "check", "--amount", "1000", "--settled", "994", "--card", "credit",
            "-t", "shop1")
    assert r.exit_code == 0, r.output
    assert fee_rate(anna, "-t", "shop1") == ["ok"]
    assert fee_rate(anna, "--all") == ["ok", "ok"]
