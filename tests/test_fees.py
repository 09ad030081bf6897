"""Fee checks: exact money, half-up rounding, the cap, the one-cent tolerance,
and `posguide fee check` recording what it found."""

from __future__ import annotations

import ast
import decimal
import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import TODAY, recorded
from posguide import fees
from posguide.errors import ValidationError

D = Decimal


# ------------------------------------------------------------------ the core


@pytest.mark.parametrize(("amount", "rate", "expected"), [
    # Exactly half a cent rounds up (half-even would give 0.02 and 1.00 here).
    ("5.00", "0.5", "0.03"),
    ("201.00", "0.5", "1.01"),  # float: 201 * 0.5 / 100 = 1.00499999... -> 1.00
    ("4.99", "0.5", "0.02"),  # 0.02495: just under half a cent
    ("5.01", "0.5", "0.03"),  # 0.02505: just over
    ("1.00", "0.55", "0.01"),  # 0.0055
    ("1000", "0.60", "6.00"),
    ("0.01", "0.60", "0.00"),  # a tiny amount has no fee to the cent
    ("999999999999.99", "5", "50000000000.00"),  # the largest amount is still exact
])
def test_expected_fee_rounds_half_up_to_the_cent(amount: str, rate: str, expected: str) -> None:
    result = fees.check(D(amount), D(amount), D(rate))
    assert str(result.expected_fee) == expected


def test_the_example_from_the_design() -> None:
    result = fees.check_text("1000", "994", "0.60")
    assert result.fee == D("6.00")
    assert result.expected_fee == D("6.00")
    assert result.effective_rate == D("0.6000")
    assert result.verdict == "ok"
    assert result.to_json() == {
        "amount": "1000.00", "settled": "994.00", "fee": "6.00", "expected_fee": "6.00",
        "effective_rate": "0.6000", "agreed_rate": "0.60", "verdict": "ok",
    }


@pytest.mark.parametrize(("settled", "verdict"), [
    ("993.99", "ok"),  # 6.01 taken: one cent more is rounding
    ("993.98", "higher"),  # 6.02: more than a cent
    ("994.01", "ok"),  # 5.99
    ("994.02", "lower"),  # 5.98
    ("990.00", "higher"),
    ("1000.00", "lower"),
])
def test_verdict_on_each_side_of_the_one_cent_tolerance(settled: str, verdict: str) -> None:
    assert fees.check_text("1000.00", settled, "0.60").verdict == verdict


def test_tiny_amounts() -> None:
    one_cent = fees.check_text("0.01", "0.01", "0.60")
    assert (one_cent.fee, one_cent.expected_fee, one_cent.effective_rate) == (
        D("0.00"), D("0.00"), D("0.0000"))
    assert one_cent.verdict == "ok"
    # The whole cent taken is within the tolerance...
    all_taken = fees.check_text("0.01", "0", "0.60")
    assert all_taken.effective_rate == D("100.0000") and all_taken.verdict == "ok"
    # ...two cents are not.
    assert fees.check_text("0.02", "0", "0.60").verdict == "higher"


def test_the_cap_per_transaction() -> None:
    capped = fees.check_text("10000", "9980", "0.60", "20")
    assert capped.expected_fee == D("20.00")  # 60.00 by the rate, capped at 20.00
    assert capped.capped and capped.verdict == "ok"
    assert capped.effective_rate == D("0.2000")
    assert fees.check_text("10000", "9940", "0.60", "20").verdict == "higher"
    under = fees.check_text("1000", "994", "0.60", "20")
    assert under.expected_fee == D("6.00") and not under.capped
    # The rate's fee is rounded first, then capped: 3333.33 * 0.6% = 19.99998 -> 20.00.
    at = fees.check_text("3333.33", "3313.33", "0.60", "20")
    assert at.expected_fee == D("20.00") and not at.capped
    assert fees.check_text("10000", "10000", "0.60", "0").expected_fee == D("0.00")


@pytest.mark.parametrize(("amount", "settled", "says"), [
    ("1000.001", "994", "at most 2 decimal places"),
    ("1e3", "994", "'1e3' is not an amount"),
    ("1E3", "994", "not an amount"),
    ("-1000", "994", "not an amount"),
    ("NaN", "1", "not an amount"),
    ("Infinity", "1", "not an amount"),
    ("1000", "993.995", "settled"),
    ("0", "0", "more than 0"),
    ("0.00", "0", "more than 0"),
    ("100", "200", "more than the transaction amount"),
])
def test_refused_amounts(amount: str, settled: str, says: str) -> None:
    with pytest.raises(ValidationError) as info:
        fees.check_text(amount, settled, "0.60")
    assert says in info.value.message


@pytest.mark.parametrize(("amount", "settled", "rate", "cap"), [
    (D("1000.001"), D("994"), D("0.6"), None),
    (D("NaN"), D("1"), D("0.6"), None),
    (D("-0"), D("0"), D("0.6"), None),
    (D("1000"), D("-1"), D("0.6"), None),
    (D("1000"), D("994"), D("NaN"), None),
    (D("1000"), D("994"), D("-0.1"), None),  # 0 is a plan's rate (public welfare), -0.1 none
    (D("1000"), D("994"), D("5.01"), None),
    (D("1000"), D("994"), D("0.6"), D("0.001")),
])
def test_the_core_refuses_inexact_values_given_as_decimals(amount, settled, rate, cap) -> None:
    with pytest.raises(ValidationError):
        fees.check(amount, settled, rate, cap)


@pytest.mark.parametrize(("value", "text"), [
    (D("0.6000"), "0.60%"), (D("0.6"), "0.60%"), (D("0.6050"), "0.605%"),
    (D("0.61234"), "0.6123%"), (D("0.61235"), "0.6124%"), (D("100"), "100.00%"),
    (D("0"), "0.00%"), (D("0.38"), "0.38%"),
])
def test_rates_are_shown_without_noise(value: Decimal, text: str) -> None:
    assert fees.format_rate(value) == text


@pytest.mark.parametrize(("value", "text"), [
    (D("1000"), "1,000.00"), (D("1234567.5"), "1,234,567.50"), (D("0"), "0.00"),
    (D("994.005"), "994.01"),  # half-up, as the fees themselves are rounded
    (D("6.00"), "6.00"),
])
def test_money_is_shown_with_grouping_and_cents(value: Decimal, text: str) -> None:
    assert fees.format_money(value) == text


def test_the_helpers_show_a_recorded_fee_check_as_the_command_did() -> None:
    """History keeps a fee check's numbers as strings; formatted back, they read
    exactly as `fee check` printed them."""
    data = fees.check_text("1000", "990", "0.6").to_event_data()
    assert fees.format_money(D(data["fee"])) == "10.00"
    assert fees.format_money(D(data["amount"])) == "1,000.00"
    assert fees.format_rate(D(data["effective_rate"])) == "1.00%"
    assert fees.format_rate(D(data["agreed_rate"])) == "0.60%"


def test_fees_module_contains_no_float() -> None:
    tree = ast.parse(Path(fees.__file__).read_text(encoding="utf-8"))
    floats = [node.lineno for node in ast.walk(tree)
              if (isinstance(node, ast.Constant) and isinstance(node.value, float))
              or (isinstance(node, ast.Name) and node.id == "float")]
    assert floats == []


cents = st.integers(min_value=1, max_value=10**14 - 1)
rates = st.integers(min_value=1, max_value=50000).map(lambda n: D(n).scaleb(-4))


@given(amount_cents=cents, fee_share=st.integers(0, 10**6), rate=rates,
       cap_cents=st.none() | st.integers(0, 10**6))
def test_property_exact_and_consistent(amount_cents: int, fee_share: int, rate: Decimal,
                                       cap_cents: int | None) -> None:
    amount = D(amount_cents).scaleb(-2)
    fee_cents = amount_cents * fee_share // 10**6
    settled = D(amount_cents - fee_cents).scaleb(-2)
    cap = None if cap_cents is None else D(cap_cents).scaleb(-2)
    with decimal.localcontext() as ctx:
        # Any float mixed into a Decimal operation would raise here.
        ctx.traps[decimal.FloatOperation] = True
        result = fees.check(amount, settled, rate, cap)
        again = fees.check_text(str(amount), str(settled), str(rate),
                                None if cap is None else str(cap))
    assert again == result
    for value in (result.amount, result.settled, result.fee, result.expected_fee,
                  result.effective_rate, result.agreed_rate):
        assert type(value) is Decimal
    assert result.fee == amount - settled
    exact = amount * rate / 100
    by_rate = exact.quantize(D("0.01"), rounding=decimal.ROUND_HALF_UP)
    assert abs(by_rate - exact) <= D("0.005")
    assert result.expected_fee == (by_rate if cap is None else min(by_rate, cap))
    assert abs(result.effective_rate - result.fee / amount * 100) <= D("0.00005")
    difference = result.fee - result.expected_fee
    expected_verdict = ("higher" if difference > D("0.01")
                        else "lower" if difference < D("-0.01") else "ok")
    assert result.verdict == expected_verdict
    assert all(isinstance(v, str) for v in result.to_json().values())
    assert D(result.to_json()["fee"]) == result.fee


# ------------------------------------------------------------------ the command


def _events(home: Path) -> list[dict]:
    return [e.to_json() for e in recorded(home)]


def test_fee_check_ok_uses_the_profile_rate_and_records(cli, terminal, home: Path) -> None:
    r = cli("fee", "check", "--amount", "1000", "--settled", "994",
            env={"POSGUIDE_TODAY": TODAY})
    assert r.exit_code == 0, r.output
    assert "6.00 taken on 1,000.00 is 0.60%, as agreed (0.60%)." in r.out
    assert "Recorded as a fee check for 'main' on 2026-11-23." in r.out
    [event] = _events(home)
    assert event["kind"] == "fee-check" and event["terminal"] == "main"
    assert event["date"] == TODAY
    assert event["data"] == {"amount": "1000.00", "settled": "994.00", "fee": "6.00",
                             "expected_fee": "6.00", "effective_rate": "0.6000",
                             "agreed_rate": "0.60", "verdict": "ok"}


def test_fee_check_higher_says_what_to_do(cli, terminal) -> None:
    r = cli("fee", "check", "--amount", "1000", "--settled", "990")
    assert r.exit_code == 0, r.output
    assert "10.00 taken on 1,000.00 is 1.00%: 4.00 more than the agreed 6.00 (0.60%)." in r.out
    assert "contract" in r.out
    assert "posguide checklist legit-check" in r.out
    assert "cheap first month" in r.out
    assert "95016" in r.out  # the support number from the profile


def test_a_mobile_support_number_is_flagged_where_it_is_shown(cli, terminal) -> None:
    r = cli("fee", "check", "--amount", "1000", "--settled", "990")
    assert "The support number in your profile is 95016" in r.out
    assert "[!]" not in r.out and "scam rather" not in r.out  # a service number is fine
    r = cli("profile", "set", "support_phone", "138 1234 5678", "--force")
    assert r.exit_code == 0, r.output
    r = cli("fee", "check", "--amount", "1000", "--settled", "990", env={"POSGUIDE_WIDTH": "80"})
    assert r.exit_code == 0, r.output
    assert "The support number in your profile is 13812345678;" in r.out
    assert r.stdout.splitlines()[-4:-1] == [
        "[!] That is a mobile number: it may be a sales agent or a scam rather than your",
        "    provider. Before you call, check the number on your contract or on the",
        "    terminal's sticker.",
    ]
    r = cli("--lang", "zh", "fee", "check", "--amount", "1000", "--settled", "990",
            env={"POSGUIDE_WIDTH": "80"})
    assert r.stdout.splitlines()[-3:-1] == [
        "[!] 这是手机号，可能是推销代理或骗子，而不是服务商的客服。拨打前请先核对合同或机",
        "    身标签上的号码。",
    ]
    # Only the "higher" advice names the number, so only it carries the warning.
    r = cli("fee", "check", "--amount", "1000", "--settled", "994")
    assert "13812345678" not in r.out and "[!]" not in r.out


def test_fee_check_lower(cli, terminal) -> None:
    r = cli("fee", "check", "--amount", "1000", "--settled", "998")
    assert "2.00 taken on 1,000.00 is 0.20%: 4.00 less than the agreed 6.00 (0.60%)." in r.out
    assert "posguide profile set fee_rate" in r.out


def test_fee_check_json_is_exactly_the_contract(cli, terminal, home: Path) -> None:
    r = cli("fee", "check", "--amount", "10000", "--settled", "9980", "--rate", "0.6",
            "--cap", "20", "--json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout) == {
        "amount": "10000.00", "settled": "9980.00", "fee": "20.00", "expected_fee": "20.00",
        "effective_rate": "0.2000", "agreed_rate": "0.6", "verdict": "ok",
    }
    assert _events(home)[0]["data"]["cap"] == "20.00"


def test_fee_check_cap_from_the_profile_and_cap_none(cli, terminal) -> None:
    assert cli("profile", "set", "fee_cap", "20").exit_code == 0
    r = cli("fee", "check", "--amount", "10000", "--settled", "9980", "--json")
    assert json.loads(r.stdout)["expected_fee"] == "20.00"
    r = cli("fee", "check", "--amount", "10000", "--settled", "9980")
    assert "as agreed (0.60%, at most 20.00 a transaction)" in r.out
    r = cli("fee", "check", "--amount", "10000", "--settled", "9940")
    assert ("60.00 taken on 10,000.00 is 0.60%: 40.00 more than the agreed 20.00 "
            "(0.60%, at most 20.00 a transaction).") in r.out
    r = cli("fee", "check", "--amount", "10000", "--settled", "9980", "--cap", "none", "--json")
    assert json.loads(r.stdout)["expected_fee"] == "60.00"
    assert json.loads(r.stdout)["verdict"] == "lower"


def test_fee_check_without_a_rate_says_how_to_set_it(cli, home: Path) -> None:
    assert cli("init", "--no-input", "--purchased", "2024-03-01").exit_code == 0
    r = cli("fee", "check", "--amount", "1000", "--settled", "994")
    assert r.exit_code == 2
    assert "--rate" in r.err and "posguide profile set fee_rate 0.60" in r.err
    assert _events(home) == []


def test_fee_check_without_a_profile_computes_but_records_nothing(cli, home: Path) -> None:
    r = cli("fee", "check", "--amount", "1000", "--settled", "994", "--rate", "0.6", "--json")
    assert r.exit_code == 0
    assert json.loads(r.stdout)["verdict"] == "ok"
    assert "posguide init" in r.err
    assert not (home / "posguide.db").exists()
    assert cli("fee", "check", "--amount", "1000", "--settled", "994").exit_code == 2


@pytest.mark.parametrize("args", [
    ["--amount", "1000.001", "--settled", "994"],
    ["--amount", "1e3", "--settled", "994"],
    ["--amount", "1000", "--settled", "1001"],
    ["--amount", "0", "--settled", "0"],
    ["--amount", "1000", "--settled", "994", "--rate", "0.6.0"],
    ["--amount", "1000", "--settled", "994", "--cap", "1e2"],
    ["--settled", "994"],
])
def test_fee_check_refuses_bad_input_and_records_nothing(cli, terminal, home: Path,
                                                         args: list[str]) -> None:
    r = cli("fee", "check", *args)
    assert r.exit_code == 2, r.output
    assert "Traceback" not in r.output
    assert _events(home) == []


def test_fee_check_in_chinese(cli, terminal) -> None:
    r = cli("--lang", "zh", "fee", "check", "--amount", "1000", "--settled", "994",
            env={"POSGUIDE_TODAY": TODAY})
    assert "交易1,000.00元，手续费6.00元，实际费率0.60%，与约定相符（0.60%）。" in r.out
    assert "已为“main”记下一次费率核对（2026-11-23）。" in r.out
    r = cli("--lang", "zh", "fee", "check", "--amount", "1000", "--settled", "990",
            env={"POSGUIDE_WIDTH": "80"})
    # Read at 80 columns: a Chinese line folds anywhere, the advice keeps its indent.
    assert r.stdout.splitlines()[:9] == [
        "交易1,000.00元，手续费10.00元，实际费率1.00%，比约定多扣了4.00元（约定0.60%，应",
        "扣6.00元）。",
        "建议这样做：",
        "  1、对照合同上的费率。",
        "  2、如不一致，请服务商更正费率，并退还多扣的钱。请拨打合同或机身上印的客服电",
        "     话，不要用广告、短信或来电里给的号码。",
        "  3、运行 `posguide checklist legit-check`，确认终端和服务商都是正规的。",
        "首月费率很低、之后悄悄上调，是常见的骗局。",
        "资料中保存的客服电话是 95016，请确认它与合同上的一致。",
    ]
    r = cli("--lang", "zh", "fee", "check", "--amount", "10000", "--settled", "9940",
            "--cap", "20")
    folded = r.stdout.replace("\n", "")  # Chinese folds without a space to collapse
    assert "比约定多扣了40.00元（约定0.60%，单笔封顶20.00元，应扣20.00元）。" in folded
    r = cli("--lang", "zh", "fee", "check", "--amount", "1e3", "--settled", "990")
    assert r.exit_code == 2 and "不是有效金额" in r.err
