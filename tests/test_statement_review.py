"""Review findings on `statement audit`, each caught by the test named after it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ENV = {"POSGUIDE_TODAY": "2026-12-01"}
HEADER = "交易时间,检索参考号,交易类型,交易金额(元),手续费(元),结算金额(元)\n"


def csv_file(path: Path, rows: list[str], header: str = HEADER) -> Path:
    path.write_text(header + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def init(cli, *fee: str) -> None:
    r = cli("init", "--no-input", "--purchased", "2025-01-10", *fee, env=ENV)
    assert r.exit_code == 0, r.output


def fee_rate(cli) -> dict:
    r = cli("status", "--json", env=ENV)
    return next(f for f in json.loads(r.stdout)["terminals"][0]["findings"]
                if f["code"] == "fee_rate")


# Only a debit rate, and no card column: no sale can be checked.
UNCHECKABLE = ["2026-11-20 10:00:00,100000000001,消费,100.00,0.60,99.40",
               "2026-11-20 11:00:00,100000000002,消费,50.00,0.30,49.70"]


def test_an_audit_that_checked_nothing_says_so_and_clears_no_warning(cli, tmp_path: Path,
                                                                     lang: str) -> None:
    init(cli, "--fee-debit", "0.50")
    # A fee check that found money above the plan: status warns.
    r = cli("fee", "check", "--amount", "1000", "--settled", "991", "--card", "debit", env=ENV)
    assert r.exit_code in (0, 1), r.output
    assert fee_rate(cli)["severity"] == "warn"
    path = csv_file(tmp_path / "s.csv", UNCHECKABLE)
    r = cli("statement", "audit", str(path), "--json", env=ENV)
    data = json.loads(r.stdout)["summary"]
    assert data["fees"] == "0.90" and data["checked_fees"] == "0.00"
    assert data["plan_fees"] == "0.00" and data["unchecked_sales"] == 2
    r = cli("statement", "audit", str(path), env={**ENV, "POSGUIDE_LANG": lang})
    assert r.exit_code == 0, r.output
    if lang == "en":
        assert "No money lost" not in r.out and "Nothing could be checked" in r.out
        assert "Fees taken 0.90" in r.out
    else:
        assert "没有多扣" not in r.out and "没能核对" in r.out
        assert "实扣手续费 0.90" in r.out
    r = cli("statement", "audit", str(path), "--check", env=ENV)
    assert r.exit_code == 1
    events = json.loads(cli("history", "--json").stdout)["events"]
    assert events[-1]["data"]["verdict"] == "unknown"
    # ... and the earlier warning stands: nothing was checked that could lift it.
    assert fee_rate(cli)["severity"] == "warn"
    html = tmp_path / "r.html"
    cli("statement", "audit", str(path), "--html", str(html), env=ENV)
    assert 'class="verdict ok"' not in html.read_text(encoding="utf-8")


def test_partly_checked_is_clean_only_for_the_sales_checked(cli, tmp_path: Path) -> None:
    init(cli, "--fee-debit", "0.60")
    header = "交易时间,检索参考号,卡类型,交易类型,交易金额(元),手续费(元),结算金额(元)\n"
    path = csv_file(tmp_path / "s.csv", [
        "2026-11-20 10:00:00,100000000001,借记卡,消费,100.00,0.60,99.40",
        "2026-11-20 11:00:00,100000000002,贷记卡,消费,50.00,0.30,49.70"], header)
    r = cli("statement", "audit", str(path), env={**ENV, "POSGUIDE_LANG": "en"})
    assert "No money lost on the one sale checked" in r.out, r.out
    assert "every sale was charged" not in r.out
    assert "Fees taken 0.90" in r.out


def test_a_clean_audit_still_clears_the_warning(cli, tmp_path: Path) -> None:
    init(cli)
    assert cli("profile", "set", "fee_rate", "0.60", env=ENV).exit_code == 0
    cli("fee", "check", "--amount", "1000", "--settled", "991", "--card", "debit", env=ENV)
    assert fee_rate(cli)["severity"] == "warn"
    path = csv_file(tmp_path / "s.csv", UNCHECKABLE)
    r = cli("statement", "audit", str(path), "--check", env=ENV)
    assert r.exit_code == 0, r.output
    assert fee_rate(cli)["severity"] == "ok"


def test_nothing_is_recorded_when_the_html_report_cannot_be_written(cli,
                                                                    tmp_path: Path) -> None:
    init(cli, "--fee-debit", "0.60", "--fee-credit", "0.60")
    path = csv_file(tmp_path / "s.csv", UNCHECKABLE)
    r = cli("statement", "audit", str(path), "--html", str(tmp_path / "no" / "r.html"),
            env=ENV)
    assert r.exit_code != 0 and r.exit_code != 70, r.output
    events = json.loads(cli("history", "--json").stdout)["events"]
    assert not [e for e in events if e["kind"] == "fee-check"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_named_as_a_statement_is_not_a_regular_file(cli, tmp_path: Path,
                                                           lang: str) -> None:
    init(cli, "--fee-debit", "0.60")
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    r = cli("statement", "audit", str(fifo), env={**ENV, "POSGUIDE_LANG": lang})
    assert r.exit_code == 2
    assert ("not an ordinary file" if lang == "en" else "不是普通文件") in r.err
    r = cli("statement", "audit", str(tmp_path / "missing.csv"), env=ENV)
    assert r.exit_code == 2


@pytest.fixture(params=["en", "zh"])
def lang(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.mark.parametrize("text", ["手续费返还", "手续费返佣", "服务费退还", "刷卡补贴",
                                  "Fee rebate", "service fee refund", "流量费返现"])
def test_money_given_back_is_no_deduction(text: str) -> None:
    from posguide.statement import classify_kind, deduction_kind

    assert classify_kind(text) != "deduction"
    assert deduction_kind(text.lower()) is None


def test_a_rebate_or_a_credit_in_a_statement_is_not_money_taken(cli, tmp_path: Path) -> None:
    init(cli)
    assert cli("profile", "set", "fee_rate", "0.60", env=ENV).exit_code == 0
    path = csv_file(tmp_path / "s.csv", [
        "2026-11-20 10:00:00,100000000001,消费,100.00,0.60,99.40",
        "2026-11-21 02:00:00,100000000002,手续费返还,0.00,0.00,5.00",
        # a row with a deduction's name, but money paid in: nothing was taken
        "2026-11-21 02:00:00,100000000003,其他扣款,0.00,0.00,3.00",
        "2026-11-22 02:00:00,100000000004,流量卡服务费,0.00,0.00,-59.00"])
    data = json.loads(cli("statement", "audit", str(path), "--json", env=ENV).stdout)
    found = {f["code"]: f for f in data["findings"]}
    assert list(found) == ["deduction"]
    assert found["deduction"]["count"] == 1
    assert found["deduction"]["money"]["total"] == "59.00"
    assert data["summary"]["other_rows"] == 2


def test_an_uncredited_sale_of_the_last_day_is_not_yet_due(cli, tmp_path: Path,
                                                           lang: str) -> None:
    init(cli)
    assert cli("profile", "set", "fee_rate", "0.60", env=ENV).exit_code == 0
    path = csv_file(tmp_path / "s.csv", [
        "2026-11-19 10:00:00,100000000001,消费,100.00,0.60,99.40",
        "2026-11-19 12:00:00,100000000002,消费,200.00,1.20,0.00",  # never credited
        "2026-11-20 10:00:00,100000000003,消费,100.00,0.60,99.40",
        "2026-11-20 22:00:00,100000000004,消费,300.00,1.80,0.00"])  # due tomorrow
    data = json.loads(cli("statement", "audit", str(path), "--json", env=ENV).stdout)
    found = {f["code"]: f for f in data["findings"]}
    assert list(found) == ["unsettled"] and found["unsettled"]["count"] == 1
    assert found["unsettled"]["money"]["amount"] == "200.00"
    assert data["summary"]["not_yet_due"] == {"sales": 1, "amount": "300.00"}
    r = cli("statement", "audit", str(path), env={**ENV, "POSGUIDE_LANG": lang})
    said = " ".join(r.out.split())
    if lang == "en":
        assert "1 sale of the last day (300.00 CNY) is not credited yet" in said, r.out
    else:
        assert "最后一天有 1 笔交易（300.00 元）尚未到账" in said, r.out
    html = tmp_path / "r.html"
    cli("statement", "audit", str(path), "--html", str(html), env=ENV)
    assert "300.00" in html.read_text(encoding="utf-8")


def test_a_provider_capping_higher_than_the_plan_is_above_plan_not_a_fixed_fee(
        cli, tmp_path: Path) -> None:
    init(cli, "--fee-debit", "0.50", "--fee-debit-cap", "20", "--fee-credit", "0.60")
    header = "交易时间,检索参考号,卡类型,交易类型,交易金额(元),手续费(元),结算金额(元)\n"
    # Debit sales big enough to hit the cap: the plan caps at 20, the provider at 25.
    rows = [f"2026-11-{10 + i} 10:00:00,10000000000{i},借记卡,消费,{amount}.00,25.00,"
            f"{amount - 25}.00" for i, amount in enumerate((8000, 9000, 12000, 15000, 20000))]
    path = csv_file(tmp_path / "s.csv", rows, header)
    data = json.loads(cli("statement", "audit", str(path), "--json", env=ENV).stdout)
    found = {f["code"]: f for f in data["findings"]}
    assert "fixed_fee" not in found, found
    assert found["above_plan"]["count"] == 5
    assert found["above_plan"]["money"]["total"] == "25.00"


@pytest.mark.parametrize("unit", ["yuan", "fen"])
@pytest.mark.parametrize("cell", ["12345678901234", "-12345678901234", "99999999999999.00",
                                  "9999999999999", "1234567890123.45", "-9999999999999"])
def test_the_quick_and_the_careful_money_readers_agree(cell: str, unit: str) -> None:
    from posguide.statement import _Bad, _money, _money_cell

    def read(reader, value):  # type: ignore[no-untyped-def]
        try:
            return reader(value, unit, "amount")
        except _Bad:
            return "refused"

    assert read(_money, cell) == read(_money_cell, cell)
    number = float(cell)
    assert read(_money, number) == read(_money_cell, number)


def test_voids_and_uncredited_sales_keep_few_rows_yet_count_all(cli, tmp_path: Path,
                                                                 monkeypatch) -> None:
    import posguide.statement as statement

    monkeypatch.setattr(statement, "EXAMPLES", 3)
    init(cli)
    assert cli("profile", "set", "fee_rate", "0.60", env=ENV).exit_code == 0
    rows = []
    for i in range(10):
        rows.append(f"2026-11-1{i} 10:00:00,2000000000{i:02d},消费,100.00,0.60,0.00")
        rows.append(f"2026-11-1{i} 11:00:00,3000000000{i:02d},撤销,-50.00,0.00,0.00")
    rows.append("2026-11-25 10:00:00,100000000099,消费,100.00,0.60,99.40")
    path = csv_file(tmp_path / "s.csv", rows)
    data = json.loads(cli("statement", "audit", str(path), "--json", env=ENV).stdout)
    found = {f["code"]: f for f in data["findings"]}
    assert found["unsettled"]["count"] == 10
    assert found["unsettled"]["money"]["amount"] == "1000.00"
    assert found["unsettled"]["money"]["total"] == "994.00"
    assert len(found["unsettled"]["rows"]) == 3
    voids = data["summary"]["voids"]
    assert voids["count"] == 10 and voids["amount"] == "500.00"
    assert len(voids["unmatched"]) <= 3


def test_findings_without_money_above_the_plan_say_no_zero_amount(cli, tmp_path: Path,
                                                                  lang: str) -> None:
    init(cli)
    assert cli("profile", "set", "fee_rate", "0.60", env=ENV).exit_code == 0
    path = csv_file(tmp_path / "s.csv", [
        "2026-11-19 12:00:00,100000000002,消费,200.00,1.20,0.00",  # never credited
        "2026-11-20 10:00:00,100000000003,消费,100.00,0.60,99.40"])
    r = cli("statement", "audit", str(path), env={**ENV, "POSGUIDE_LANG": lang,
                                                  "POSGUIDE_WIDTH": "200"})
    if lang == "en":
        assert "1 finding, not money taken above your plan." in r.out, r.out
        assert "0.00 CNY taken above" not in r.out and "finding(s)" not in r.out
        assert "Difference" in r.out and "Extra" not in r.out
        assert "2 sales, 300.00 CNY" in r.out
    else:
        assert "发现 1 个问题，但没有超出约定的多扣。" in r.out, r.out
        assert "多扣 0.00" not in r.out
        assert "差额" in r.out
    html = tmp_path / "r.html"
    cli("statement", "audit", str(path), "--html", str(html), env=ENV)
    page = html.read_text(encoding="utf-8")
    assert 'class="verdict ok"' not in page and 'class="verdict neutral"' in page


def test_one_sale_is_said_in_the_singular(cli, tmp_path: Path) -> None:
    init(cli)
    assert cli("profile", "set", "fee_rate", "0.60", env=ENV).exit_code == 0
    path = csv_file(tmp_path / "s.csv", ["2026-11-20 10:00:00,100000000003,消费,100.00,0.60,99.40"])
    r = cli("statement", "audit", str(path), env={**ENV, "POSGUIDE_WIDTH": "200"})
    assert "1 sale, 100.00 CNY. Fee taken 0.60 CNY" in r.out, r.out
    assert "1 sales" not in r.out


def test_an_unknown_layout_says_fee_or_settled_would_do(cli, tmp_path: Path,
                                                       lang: str) -> None:
    init(cli)
    assert cli("profile", "set", "fee_rate", "0.60", env=ENV).exit_code == 0
    path = csv_file(tmp_path / "s.csv", ["2026-11-20 10:00:00,100.00"], "交易时间,交易金额(元)\n")
    r = cli("statement", "audit", str(path), env={**ENV, "POSGUIDE_LANG": lang})
    assert r.exit_code == 2, r.output
    said = " ".join(r.err.split())
    wanted = "fee (or settled)" if lang == "en" else "fee（手续费）或 settled（结算金额）"
    assert wanted in said, said


def test_rate_rose_says_paid_more_than_the_first_rate_not_overcharged() -> None:
    from posguide.i18n import catalogue

    zh = catalogue("statement")["statement.finding.rate_rose"]["zh"]
    assert "多付" in zh and "多扣" not in zh


def test_after_only_an_audit_that_checked_nothing_status_still_says_unknown(
        cli, tmp_path: Path) -> None:
    init(cli, "--fee-debit", "0.50")
    before = fee_rate(cli)
    path = csv_file(tmp_path / "s.csv", UNCHECKABLE)
    assert cli("statement", "audit", str(path), env=ENV).exit_code == 0
    after = fee_rate(cli)
    assert after["severity"] == "ok" and after["message"] == before["message"]
    r = cli("history", env=ENV)
    assert "not checked" in r.out, r.out
