"""`posguide statement audit`: statements in two providers' layouts and as XLSX,
with problems of every kind planted (tests/statements.py works out their money
on its own), found exactly, to the cent."""

from __future__ import annotations

import json
from decimal import Decimal as D
from pathlib import Path

import pytest

import statements as st

ENV = {"POSGUIDE_TODAY": "2026-12-01"}


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def audit_json(cli, *args: str, code: int = 0) -> dict:
    r = cli("statement", "audit", *args, "--json", env=ENV)
    assert r.exit_code == code, r.output
    return json.loads(r.stdout)


def by_code(data: dict) -> dict[str, dict]:
    return {f["code"]: f for f in data["findings"]}


def setup(cli, built: st.Built, name: str = "main") -> None:
    r = cli(*st.init_args(built, name), env=ENV)
    assert r.exit_code == 0, r.output


def assert_layout_a(data: dict, ex: st.Expected) -> None:
    found = by_code(data)
    assert list(found) == ex.codes
    above = found["above_plan"]
    assert above["count"] == ex.above_plan_count and above["money"]["total"] == str(ex.above_plan)
    assert all(D(r["fee"]) - D(r["expected"]) == D(r["difference"]) for r in above["rows"])
    fixed = found["fixed_fee"]
    assert ex.fixed_each is not None and ex.rose_week is not None
    assert fixed["count"] == ex.fixed_count
    assert fixed["money"] == {"total": str(ex.fixed_each * ex.fixed_count),
                              "each": str(ex.fixed_each), "allowed": "0.00"}
    deduction = found["deduction"]
    assert deduction["money"] == {"total": str(ex.deduction_total), "allowed": "59.00",
                                  "beyond": str(ex.deduction_beyond)}
    assert deduction["kinds"] == {"sim": "118.00"} and deduction["count"] == 2
    unsettled = found["unsettled"]  # the voided sale, also uncredited, is not in it
    assert unsettled["count"] == ex.unsettled_count
    assert unsettled["money"]["total"] == str(ex.unsettled_missing)
    foreign = found["foreign"]
    assert foreign["count"] == ex.foreign_count
    assert foreign["money"]["total"] == str(ex.foreign_amount)
    assert foreign["rows"][0]["terminal_id"] == "LKL99999"
    rose = found["rate_rose"]
    assert rose["card"] == ex.rate_rose and rose["rose_week"] == ex.rose_week.isoformat()
    assert rose["from_week"] == "2026-11-02"
    assert D("0.59") < D(rose["rate_before"]) < D("0.61")
    assert D("0.67") < D(rose["rate_after"]) < D("0.69")
    summary = data["summary"]
    assert summary["voids"]["count"] == summary["voids"]["matched"] == 1
    assert summary["refunds"]["count"] == summary["refunds"]["matched"] == 1
    assert summary["overpaid"] == str(ex.above_plan + ex.fixed_each * ex.fixed_count
                                      + ex.deduction_beyond)


def test_layout_a_chinese_yuan_bom_finds_every_planted_problem(cli, tmp_path: Path) -> None:
    built = st.layout_a_problems()
    setup(cli, built)
    path = write(tmp_path / "11月结算明细.csv", st.layout_a_csv(built))
    data = audit_json(cli, str(path))
    assert_layout_a(data, built.expected)
    info = data["summary"]["files"][0]
    assert info["encoding"] == "utf-8-sig" and info["header_line"] == 5
    assert info["units"] == {"amount": "yuan", "fee": "yuan", "settled": "yuan"}
    # every sale of the terminal, the foreign one left out
    sales = [x for x in built.txns if x.kind == "sale" and x.terminal_id == "LKL00123"]
    assert data["summary"]["sales"] == len(sales)
    assert data["summary"]["amount"] == str(sum(x.amount for x in sales))
    assert data["summary"]["fees"] == str(sum(x.fee for x in sales))


def test_rate_rose_money_is_what_the_first_weeks_rate_would_have_taken(cli,
                                                                        tmp_path: Path) -> None:
    built = st.layout_a_problems()
    setup(cli, built)
    data = audit_json(cli, str(write(tmp_path / "a.csv", st.layout_a_csv(built))))
    rose = by_code(data)["rate_rose"]
    credit = [x for x in built.txns if x.kind == "sale" and x.card == "credit"
              and x.terminal_id == "LKL00123" and x.settled is not None]
    first = [x for x in credit if x.day < st.MONDAY + st.timedelta(days=7)]
    rose_week = built.expected.rose_week
    assert rose_week is not None
    later = [x for x in credit if x.day >= rose_week]
    base = sum((x.fee for x in first), D(0)) / sum((x.amount for x in first), D(0))
    extra = st.cent(sum((x.fee for x in later), D(0))
                    - sum((x.amount for x in later), D(0)) * base)
    assert rose["money"]["extra"] == str(extra)
    assert [w["week"] for w in rose["weeks"]] == ["2026-11-02", "2026-11-09", "2026-11-16",
                                                  "2026-11-23"]


def test_layout_b_english_fen_gbk(cli, tmp_path: Path) -> None:
    built = st.layout_b_problems()
    setup(cli, built)
    path = write(tmp_path / "report.csv", st.layout_b_csv(built))
    data = audit_json(cli, str(path))
    ex = built.expected
    found = by_code(data)
    # The 3 CNY from week two raises the effective rate, but that is the fixed
    # fee, said once: no rate_rose.
    assert list(found) == ex.codes
    assert found["above_plan"]["count"] == 1
    assert found["above_plan"]["money"]["total"] == "15.00"
    assert found["above_plan"]["rows"][0]["expected"] == "25.00"  # the cap
    assert found["fixed_fee"]["count"] == ex.fixed_count == 24
    assert found["fixed_fee"]["money"]["total"] == "72.00"
    assert found["deduction"]["money"] == {"total": "298.00", "allowed": "0.00",
                                           "beyond": "298.00"}
    assert found["deduction"]["kinds"] == {"deposit": "298.00"}
    assert found["unsettled"]["money"]["total"] == str(ex.unsettled_missing)
    assert found["unsettled"]["rows"][0]["ref"] == "R90000000003"  # not the voided sale
    assert found["foreign"]["rows"][0]["merchant_no"] == "836290058199999"
    info = data["summary"]["files"][0]
    assert info["encoding"] == "gb18030" and info["header_line"] == 3
    assert set(info["units"].values()) == {"fen"}
    assert data["summary"]["voids"]["matched"] == 1


def test_xlsx_gives_the_same_audit_as_the_csv(cli, tmp_path: Path) -> None:
    built = st.layout_a_problems()
    setup(cli, built)
    from_csv = audit_json(cli, str(write(tmp_path / "a.csv", st.layout_a_csv(built))))
    from_xlsx = audit_json(cli, str(write(tmp_path / "a.xlsx", st.layout_a_xlsx(built))))
    assert_layout_a(from_xlsx, built.expected)
    assert from_xlsx["findings"] == [
        {**f, "rows": [{**r, "file": str(tmp_path / "a.xlsx")} for r in f["rows"]]}
        for f in from_csv["findings"]]
    assert from_xlsx["summary"]["files"][0]["format"] == "xlsx"


def test_several_files_merge_and_a_row_in_two_files_counts_once(cli, tmp_path: Path) -> None:
    built = st.layout_a_problems()
    setup(cli, built)
    whole = audit_json(cli, str(write(tmp_path / "all.csv", st.layout_a_csv(built))))
    middle = st.MONDAY + st.timedelta(days=14)
    overlap = st.MONDAY + st.timedelta(days=10)  # both files hold Nov 12-15
    first = st.Built([x for x in built.txns if x.day < middle], *_rest(built))
    second = st.Built([x for x in built.txns if x.day >= overlap], *_rest(built))
    doubled = sum(1 for x in built.txns if overlap <= x.day < middle)
    assert doubled > 3
    merged = audit_json(cli, str(write(tmp_path / "a1.csv", st.layout_a_csv(first))),
                        str(write(tmp_path / "a2.csv", st.layout_a_csv(second))))
    assert [f["duplicates"] for f in merged["summary"]["files"]] == [0, doubled]
    strip = lambda d: {k: v for k, v in d["summary"].items() if k != "files"}  # noqa: E731
    assert strip(merged) == strip(whole)
    for a, b in zip(merged["findings"], whole["findings"], strict=True):
        assert (a["code"], a["count"], a["money"]) == (b["code"], b["count"], b["money"])


def _rest(built: st.Built) -> tuple:
    return built.expected, built.plan, built.merchant_no, built.terminal_id


def test_a_clean_statement_passes_check_and_a_bad_one_fails_it(cli, tmp_path: Path) -> None:
    clean = st.layout_a_clean()
    setup(cli, clean)
    path = write(tmp_path / "clean.csv", st.layout_a_csv(clean))
    r = cli("statement", "audit", str(path), "--check", env=ENV)
    assert r.exit_code == 0, r.output
    assert "No money lost" in r.out
    assert audit_json(cli, str(path))["findings"] == []
    bad = write(tmp_path / "bad.csv", st.layout_a_csv(st.layout_a_problems()))
    r = cli("statement", "audit", str(bad), "--check", env=ENV)
    assert r.exit_code == 1
    assert "6 findings" in r.out


def test_json_is_only_json_with_money_as_decimal_strings(cli, tmp_path: Path) -> None:
    built = st.layout_b_problems()
    setup(cli, built)
    r = cli("statement", "audit", str(write(tmp_path / "b.csv", st.layout_b_csv(built))),
            "--json", env=ENV)
    data = json.loads(r.stdout)  # nothing else on stdout
    assert data["summary"].pop("files")[0]["units"] == {"amount": "fen", "fee": "fen",
                                                         "settled": "fen"}

    def walk(value, key=""):
        if isinstance(value, dict):
            for k, v in value.items():
                yield from walk(v, k)
        elif isinstance(value, list):
            for v in value:
                yield from walk(v, key)
        else:
            yield key, value

    money_keys = {"amount", "fee", "fees", "plan_fees", "difference", "expected", "settled",
                  "total", "each", "allowed", "beyond", "overpaid", "extra"}
    for key, value in walk(data):
        assert not isinstance(value, float), key
        if key in money_keys:
            assert isinstance(value, str) and D(value) == D(value).quantize(D("0.01")), key


def test_full_card_numbers_are_masked_everywhere(cli, tmp_path: Path, home: Path) -> None:
    built = st.layout_a_problems()
    setup(cli, built)
    path = write(tmp_path / "a.csv", st.layout_a_csv(built))
    assert st.FULL_CARD.encode() in path.read_bytes()
    report = tmp_path / "report.html"
    outputs = [cli("statement", "audit", str(path), "--json", env=ENV).stdout,
               cli("statement", "audit", str(path), "--html", str(report), env=ENV).output,
               cli("--lang", "zh", "statement", "audit", str(path), env=ENV).output,
               report.read_text(encoding="utf-8"),
               cli("history", "--json").stdout]
    outputs += [p.read_text(encoding="utf-8", errors="replace") for p in home.iterdir()
                if p.is_file()]
    for text in outputs:
        assert st.FULL_CARD not in text
    data = json.loads(outputs[0])
    cards = {r.get("card_no") for f in data["findings"] for r in f["rows"]}
    cards |= {r.get("card_no") for r in data["summary"]["refunds"]["unmatched"]}
    assert all(c is None or c.count("*") >= 3 for c in cards)


def test_a_bad_row_names_its_line_and_column(cli, tmp_path: Path) -> None:
    built = st.layout_a_problems()
    setup(cli, built)
    text = st.layout_a_csv(built).decode("utf-8-sig").splitlines()
    line_amount, line_date = 10, 20  # 1-based lines of the file
    cells = text[line_amount - 1].split(",")
    cells[7] = "12,3a"
    text[line_amount - 1] = ",".join(cells[:7]) + ',"12,3a",' + ",".join(cells[8:])
    cells = text[line_date - 1].split(",")
    cells[0] = "2026-02-30 10:00:00"
    text[line_date - 1] = ",".join(cells)
    path = write(tmp_path / "bad.csv", ("\ufeff" + "\r\n".join(text) + "\r\n").encode())
    for lang, amount, day in (
        ("en", f"line {line_amount}, column “交易金额(元)”: '12,3a' is not an amount",
         f"line {line_date}, column “交易时间”: '2026-02-30 10:00:00' is not a real calendar"),
        ("zh", f"第 {line_amount} 行，“交易金额(元)”列：“12,3a”不是金额",
         f"第 {line_date} 行，“交易时间”列：“2026-02-30 10:00:00”在日历上不存在"),
    ):
        r = cli("--lang", lang, "statement", "audit", str(path), "--check", env=ENV)
        assert r.exit_code == 3, r.output
        flat = "".join(r.stderr.split())  # wrapped at the console width
        assert "".join(amount.split()) in flat and "".join(day.split()) in flat
        assert "Traceback" not in r.output
    assert json.loads(cli("history", "--json").stdout)["events"] == []


def test_an_unknown_layout_shows_the_headers_and_the_map_to_write(cli, tmp_path: Path) -> None:
    built = st.layout_a_clean()
    setup(cli, built)
    text = st.layout_a_csv(built).decode("utf-8-sig")
    odd = text.replace("交易金额(元)", "流水额").replace("交易时间", "发生于")
    path = write(tmp_path / "odd.csv", odd.encode("utf-8"))
    r = cli("statement", "audit", str(path), env=ENV)
    assert r.exit_code == 2, r.output
    assert "“发生于”" in r.err and "“流水额”" in r.err and "line 5" in r.err
    assert '--map "流水额=amount"' in r.err and '--map "发生于=time"' in r.err
    data = audit_json(cli, str(path), "--map", "流水额=amount", "--map", "发生于=time")
    assert data["findings"] == [] and data["summary"]["sales"] == 60
    r = cli("statement", "audit", str(path), "--map", "流水额", env=ENV)
    assert r.exit_code == 2 and "HEADER=FIELD" in r.err


def test_unit_from_the_command_line(cli, tmp_path: Path) -> None:
    built = st.layout_b_problems()
    setup(cli, built)
    text = st.layout_b_csv(built).decode("gbk").replace("Unit: fen (金额单位：分)", "")
    path = write(tmp_path / "b.csv", text.encode("gbk"))
    wrong = audit_json(cli, str(path))  # read as yuan: every amount 100 times too big
    assert D(wrong["summary"]["amount"]) > 1000000
    right = audit_json(cli, str(path), "--unit", "fen")
    assert by_code(right)["above_plan"]["money"]["total"] == "15.00"
    assert cli("statement", "audit", str(path), "--unit", "jiao", env=ENV).exit_code == 2


def test_without_a_plan_it_says_how_to_set_one(cli, tmp_path: Path) -> None:
    cli("init", "--no-input", "--purchased", "2025-01-01", env=ENV)
    path = write(tmp_path / "a.csv", st.layout_a_csv(st.layout_a_clean()))
    r = cli("statement", "audit", str(path), env=ENV)
    assert r.exit_code == 2 and "profile set fees.debit" in r.err
    r = cli("statement", "audit", str(tmp_path / "missing.csv"), env=ENV)
    assert r.exit_code == 2


def test_an_audit_is_one_fee_check_event_and_status_shows_fee_rate(cli, tmp_path: Path,
                                                                   home: Path) -> None:
    built = st.layout_a_problems()
    setup(cli, built)
    path = write(tmp_path / "a.csv", st.layout_a_csv(built))
    cli("statement", "audit", str(path), env=ENV)
    events = json.loads(cli("history", "--json").stdout)["events"]
    audits = [e for e in events if e["kind"] == "fee-check"]
    assert len(audits) == 1
    data = audits[0]["data"]
    assert data["source"] == "statement" and data["verdict"] == "higher"
    assert "rows" not in data and "310000000045" not in json.dumps(data)
    r = cli("status", "--json", env=ENV)
    fee_rate = next(f for f in json.loads(r.stdout)["terminals"][0]["findings"]
                    if f["code"] == "fee_rate")
    assert fee_rate["severity"] == "warn"
    assert fee_rate["fix"] == "posguide statement audit FILE"
    assert "2026-12-01" in fee_rate["message"]
    r = cli("status", env=ENV)
    assert "posguide statement audit FILE" in r.out
    # A clean audit afterwards clears it (the latest check decides).
    clean = st.layout_a_clean()
    cli("statement", "audit", str(write(tmp_path / "c.csv", st.layout_a_csv(clean))), env=ENV)
    r = cli("status", "--json", env=ENV)
    fee_rate = next(f for f in json.loads(r.stdout)["terminals"][0]["findings"]
                    if f["code"] == "fee_rate")
    assert fee_rate["severity"] == "ok"
    r = cli("history", env=ENV)
    assert r.exit_code == 0 and "fee" in r.out.lower()


def test_people_see_the_summary_chart_and_what_to_do(cli, tmp_path: Path) -> None:
    built = st.layout_a_problems()
    setup(cli, built)
    path = write(tmp_path / "a.csv", st.layout_a_csv(built))
    r = cli("statement", "audit", str(path), env={**ENV, "POSGUIDE_WIDTH": "80"})
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert all(len(line) <= 80 for line in lines)
    weeks = [line for line in lines if line.startswith("2026-11-")]
    assert len(weeks) == 4
    assert "#" not in weeks[0] and "#" in weeks[2] and "#" in weeks[3]
    assert all("|" in line for line in weeks)
    assert "4.57 CNY" in r.out and "refund 4.57 CNY" in r.out
    assert "2.00 CNY each" in r.out and "59.00 CNY beyond it" in r.out
    r = cli("--lang", "zh", "statement", "audit", str(path), env={**ENV, "POSGUIDE_WIDTH": "80"})
    from rich.cells import cell_len

    assert all(cell_len(line) <= 80 for line in r.stdout.splitlines())
    assert "每周实际费率" in r.stdout and "共多扣 4.57 元" in r.out
    weeks_zh = [line for line in r.stdout.splitlines() if line.startswith("2026-11-")]
    assert weeks_zh == weeks  # ASCII marks: the same columns in a Chinese terminal


def test_text_from_the_file_cannot_drive_the_terminal(cli, tmp_path: Path) -> None:
    built = st.layout_a_problems()
    for x in built.txns:
        if x.kind == "deduction":
            x.type_text = "流量卡服务费\x1b]52;c;aGk=\x07\x1b[31m"
    setup(cli, built)
    path = write(tmp_path / "a.csv", st.layout_a_csv(built))
    for args in ((), ("--json",)):
        r = cli("statement", "audit", str(path), *args, env=ENV)
        assert "\x1b" not in r.output and "\x07" not in r.output
    html = tmp_path / "r.html"
    cli("statement", "audit", str(path), "--html", str(html), env=ENV)
    assert "\x1b" not in html.read_text(encoding="utf-8")


def test_html_report_is_one_self_contained_page(cli, tmp_path: Path) -> None:
    built = st.layout_a_problems()
    for x in built.txns:
        if x.kind == "deduction":
            x.type_text = "流量卡服务费<script>alert(1)</script>"
    setup(cli, built)
    path = write(tmp_path / "a.csv", st.layout_a_csv(built))
    report = tmp_path / "out" / "report.html"
    report.parent.mkdir()
    r = cli("--lang", "zh", "statement", "audit", str(path), "--html", str(report), env=ENV)
    assert r.exit_code == 0 and str(report) in r.out
    page = report.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="zh-CN">' in page
    assert "<script" not in page and "&lt;script&gt;" in page
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in page and "<svg" in page and "src=" not in page
    assert "超出约定多扣 73.57 元" in page and "终端 main 费率核对报告" in page
    r = cli("statement", "audit", str(path), "--html", str(tmp_path / "no" / "r.html"), env=ENV)
    assert r.exit_code == 2, r.output


def test_plan_values_that_cannot_be_right_are_refused_with_the_reason(cli) -> None:
    cli("init", "--no-input", "--purchased", "2025-01-01", env=ENV)
    # A minus sign reads as an option on a command line; through init's --flag=VALUE
    # (and CSV import, and profile edit) it reaches the check.
    for flag in ("--fee-debit=-0.5", "--fee-yearly=-59"):
        r = cli("init", "--no-input", "--name", "x", "--purchased", "2025-01-01", flag, env=ENV)
        assert r.exit_code == 2 and "is negative" in r.err, r.err
    cases = [("fees.credit", "120", "more than 100%"),
             ("fees.qr", "38", "far above any card fee"), ("fees.debit", "0.55555", "4 decimal"),
             ("fees.debit_cap", "0", "a cap of 0"), ("fees.per_transaction", "2.005", "2 decimal"),
             ("fees.credit", "abc", "not a number")]
    for key, value, says in cases:
        r = cli("profile", "set", key, value, env=ENV)
        assert r.exit_code == 2 and says in r.err, (key, value, r.err)
    r = cli("profile", "set", "fees.debit", "0.30", env=ENV)
    assert r.exit_code == 0 and "below 0.34425%" in r.err  # a note, not a refusal
    r = cli("profile", "set", "fees.debit", "0.55", env=ENV)
    assert r.exit_code == 0 and r.stderr == ""
    for key, value in (("fees.debit_cap", "20"), ("fees.credit", "0.60"), ("fees.qr", "0.38"),
                       ("fees.per_transaction", "2"), ("fees.yearly", "59")):
        assert cli("profile", "set", key, value, env=ENV).exit_code == 0
    shown = json.loads(cli("profile", "show", "--json").stdout)["fees"]
    assert shown == {"debit": "0.55", "debit_cap": "20", "credit": "0.60", "qr": "0.38",
                     "per_transaction": "2", "yearly": "59"}
    r = cli("profile", "show")
    assert "Debit card rate" in r.out and "0.55 %" in r.out
    assert cli("profile", "unset", "fees.qr").exit_code == 0
    assert json.loads(cli("profile", "show", "--json").stdout)["fees"]["qr"] is None


def test_the_plan_is_a_toml_table_and_survives_export_and_import(cli, home: Path,
                                                                 tmp_path: Path) -> None:
    built = st.layout_a_problems()
    setup(cli, built)
    text = (home / "profile.toml").read_text(encoding="utf-8")
    assert "[terminals.main.fees]" in text and 'debit = "0.55"' in text
    out = tmp_path / "fleet.csv"
    assert cli("terminal", "export", str(out)).exit_code == 0
    header = out.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    assert "fees.debit" in header and "fees.yearly" in header
    assert cli("terminal", "remove", "main", "--yes").exit_code == 0
    r = cli("terminal", "import", str(out), env=ENV)
    assert r.exit_code == 0, r.output
    assert (home / "profile.toml").read_text(encoding="utf-8").count("[terminals.main.fees]") == 1
    shown = json.loads(cli("profile", "show", "--json").stdout)["fees"]
    assert shown["debit_cap"] == "20" and shown["yearly"] == "59"


@pytest.mark.parametrize(("card", "settled", "verdict"), [
    ("debit", "9980.00", "ok"),  # 0.55% of 10000 is 55, capped at 20
    ("credit", "9940.00", "ok"),  # 0.60%
    ("qr", "9962.00", "ok"),  # 0.38%
    ("debit", "9945.00", "higher"),  # the cap was not applied
])
def test_fee_check_takes_the_plan_for_the_card(cli, card: str, settled: str,
                                               verdict: str) -> None:
    setup(cli, st.layout_a_problems())
    r = cli("fee", "check", "--amount", "10000", "--settled", settled, "--card", card,
            "--json", env=ENV)
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["verdict"] == verdict
    status = json.loads(cli("status", "--json", env=ENV).stdout)["terminals"][0]["findings"]
    fee_rate = next(f for f in status if f["code"] == "fee_rate")
    assert fee_rate["severity"] == ("warn" if verdict == "higher" else "ok")


def test_fee_check_without_card_on_a_plan_with_rates_per_card_asks_which(cli) -> None:
    setup(cli, st.layout_a_problems())
    r = cli("fee", "check", "--amount", "100", "--settled", "99.40", env=ENV)
    assert r.exit_code == 2 and "--card debit" in r.err
    r = cli("fee", "check", "--amount", "100", "--settled", "99.40", "--card", "amex", env=ENV)
    assert r.exit_code == 2 and "debit, credit, qr" in r.err
    # fee_rate stands for card types the plan does not name
    cli("profile", "set", "fee_rate", "0.60", env=ENV)
    r = cli("fee", "check", "--amount", "100", "--settled", "99.40", "--json", env=ENV)
    assert r.exit_code == 0 and json.loads(r.stdout)["verdict"] == "ok"


def test_fee_check_counts_the_fixed_add_on_the_plan_allows(cli) -> None:
    setup(cli, st.layout_a_problems())
    cli("profile", "set", "fees.per_transaction", "2", env=ENV)
    r = cli("fee", "check", "--amount", "100", "--settled", "97.40", "--card", "credit",
            "--json", env=ENV)
    assert json.loads(r.stdout)["expected_fee"] == "2.60"
    assert json.loads(r.stdout)["verdict"] == "ok"


def test_the_fee_flag_is_no_kind_in_latest(cli, tmp_path: Path, home: Path) -> None:
    from conftest import local_store

    built = st.layout_a_problems()
    setup(cli, built)
    cli("statement", "audit", str(write(tmp_path / "a.csv", st.layout_a_csv(built))), env=ENV)
    store = local_store(home)
    from posguide.history import KINDS

    assert set(store.latest()["main"]) <= set(KINDS)
    assert store.fee_flags() == store.fee_flags(["main"])
    assert str(store.fee_flags()["main"]) == "2026-12-01"
    store.close()


def test_every_message_a_finding_builds_exists_in_both_languages() -> None:
    from posguide.cli.statement_view import row_columns
    from posguide.i18n import catalogue
    from posguide.statement import FINDING_CODES, Finding

    known = catalogue("statement")
    keys = [f"statement.{part}.{code}" for code in FINDING_CODES
            for part in ("code", "todo", "finding")]
    keys += [f"statement.deduction.{k}" for k in ("deposit", "sim", "annual", "service",
                                                  "withheld", "other")]
    keys += [f"statement.col.{c}" for code in FINDING_CODES
             for c in row_columns(Finding(code, {}, 0))]
    keys += [f"statement.card.{c}" for c in ("debit", "credit", "qr", "unknown", "all")]
    for key in keys:
        assert set(known[key]) == {"en", "zh"}, key


from hypothesis import given  # noqa: E402
from hypothesis import strategies as hs  # noqa: E402


@given(hs.one_of(hs.text(max_size=20), hs.floats(allow_nan=True), hs.integers()))
def test_a_money_cell_is_exact_money_or_refused(cell) -> None:
    from posguide.statement import _Bad, _money

    for unit in ("yuan", "fen"):
        try:
            value = _money(cell, unit, "amount")
        except _Bad:
            continue
        if value is not None:
            assert value.is_finite() and value == value.quantize(D("0.01"))


@given(hs.integers(min_value=-10**12, max_value=10**12))
def test_plain_money_text_is_read_exactly(fen: int) -> None:
    from posguide.statement import _money

    text = f"{D(fen).scaleb(-2):f}"
    assert _money(text, "yuan", "amount") == D(fen) / 100
    assert _money(str(fen), "fen", "amount") == D(fen) / 100


def test_money_held_back_from_a_sales_settlement_is_a_deduction(cli, tmp_path: Path) -> None:
    built = st.layout_a_clean()
    held = built.txns[5]
    held.settled = held.amount - held.fee - D("30.00")  # e.g. the SIM fee, held back
    setup(cli, built)
    data = audit_json(cli, str(write(tmp_path / "a.csv", st.layout_a_csv(built))))
    found = by_code(data)
    assert list(found) == ["deduction"]
    assert found["deduction"]["kinds"] == {"withheld": "30.00"}
    assert found["deduction"]["money"] == {"total": "30.00", "allowed": "0.00",
                                           "beyond": "30.00"}
    assert found["deduction"]["rows"][0]["settled"] == str(held.settled)
