"""The parsers behind every field, table-driven."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from posguide import validate as v
from posguide.errors import NeedsConfirmation, ValidationError

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(("text", "expected"), [
    ("2026-01-31", date(2026, 1, 31)),
    ("today", TODAY),
    ("+30d", date(2026, 12, 23)),
    ("+6m", date(2027, 5, 23)),
    ("+1y", date(2027, 11, 23)),
    (" 2024-02-29 ", date(2024, 2, 29)),
])
def test_dates(text: str, expected: date) -> None:
    assert v.parse_date(text, TODAY) == expected


def test_month_arithmetic_clamps_to_month_end() -> None:
    assert v.add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert v.add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)


@pytest.mark.parametrize("text", ["2026-02-30", "2025-02-29", "2026-13-01", "26-1-1", "", "soon",
                                  "+6w", "2026/01/31", "+99999y"])
def test_bad_dates(text: str) -> None:
    with pytest.raises(ValidationError) as info:
        v.parse_date(text, TODAY, "sim.expires")
    assert "sim.expires" in info.value.message


@pytest.mark.parametrize(("text", "expected"), [
    ("1000", Decimal("1000")), ("99.5", Decimal("99.5")), ("0.01", Decimal("0.01")),
    ("1,000.00", Decimal("1000.00")), ("¥12.30", Decimal("12.30")),
])
def test_money(text: str, expected: Decimal) -> None:
    assert v.parse_money(text) == expected


@pytest.mark.parametrize("text", ["1e3", "1.005", "-5", "NaN", "Infinity", "", "1.2.3", "0x10"])
def test_bad_money(text: str) -> None:
    with pytest.raises(ValidationError):
        v.parse_money(text)


@pytest.mark.parametrize("text", ["0.60", "0.6%", "5", "0.0001", "0.38"])
def test_rates(text: str) -> None:
    assert Decimal("0") < v.parse_rate(text) <= 5


@pytest.mark.parametrize("text", ["0", "5.01", "60", "1e-1", "-0.6", "0.60001", "abc"])
def test_bad_rates(text: str) -> None:
    with pytest.raises(ValidationError):
        v.parse_rate(text)


@pytest.mark.parametrize(("text", "found"), [
    ("4111 1111 1111 1111", True),
    ("card 4111-1111-1111-1111 paid", True),
    ("2026-11-23 6222021234567890128", True),
    ("6222021234567890128", True),
    ("order 4111111111111112", False),  # fails Luhn
    ("89860012345678901238", False),  # an ICCID (20 digits) is not a card number
    ("paid 1000.00 on 2026-11-23", False),
    ("phone 4001234567", False),
    # what a Chinese input method types: full-width digits and spaces
    ("卡号６２２２０２１２３４５６７８９０１２８", True),
    ("6222\u30000212\u30003456\u30007890\u3000128", True),
    ("6222–0212–3456–7890–128", True),  # en dashes
    ("٦٢٢٢٠٢١٢٣٤٥٦٧٨٩٠١٢٨", True),  # Arabic-Indic digits
    ("金额１０００元", False),
])
def test_card_numbers(text: str, found: bool) -> None:
    assert v.contains_card_number(text) is found


def test_free_text_refuses_card_numbers() -> None:
    with pytest.raises(ValidationError) as info:
        v.check_text("4111 1111 1111 1111", "note")
    assert "card number" in info.value.message


@pytest.mark.parametrize(("text", "kind"), [
    ("95016", "service"), ("95588", "service"), ("955880", "service"), ("96111", "service"),
    ("400-123-4567", "business"), ("8001234567", "business"),
    ("010-12345678", "landline"), ("0755 1234 5678", "landline"),
    ("13812345678", "mobile"), ("+86 138 1234 5678", "mobile"),
])
def test_phone_kinds(text: str, kind: str) -> None:
    phone = v.classify_phone(text)
    assert phone is not None and phone.kind == kind


def test_mobile_support_number_needs_confirmation() -> None:
    with pytest.raises(NeedsConfirmation) as info:
        v.check_phone("13812345678")
    assert "scam" in info.value.message
    assert v.check_phone("13812345678", force=True) == "13812345678"


@pytest.mark.parametrize("text", ["12345", "95", "call me", "1381234567"])
def test_bad_phones(text: str) -> None:
    with pytest.raises(ValidationError):
        v.check_phone(text)


def test_iccid() -> None:
    assert v.check_iccid("8986 0012 3456 7890 1238") == "89860012345678901238"
    assert v.check_iccid("8986001234567890123F") == "8986001234567890123F"
    with pytest.raises(NeedsConfirmation) as info:
        v.check_iccid("89860012345678901239")
    assert "should be 8" in info.value.message
    assert v.check_iccid("89860012345678901239", force=True).endswith("9")
    for bad in ("1234567890123456789", "8986", "89860012345678901238123", "8986-0012-3456-789#-12"):
        with pytest.raises(ValidationError):
            v.check_iccid(bad)


@pytest.mark.parametrize(("fn", "good", "bad"), [
    (v.check_merchant_no, "822100058120345", "82210005812034"),
    (v.check_terminal_id, "A1B2C3D4", "A1B2C3D"),
    (v.check_name, "店铺_1号", "has space"),
    (v.check_name, "shop-1", "x" * 33),
    (v.check_name, "a", "../etc"),
])
def test_identifiers(fn, good: str, bad: str) -> None:
    assert fn(good)
    with pytest.raises(ValidationError):
        fn(bad)


@settings(max_examples=100, deadline=None)
@given(body=st.text(alphabet="0123456789", min_size=12, max_size=18),
       width=st.booleans(), sep=st.sampled_from(["", " ", "\u3000", "-", "\uff0d"]))
def test_card_numbers_in_any_digit_form_are_found(body: str, width: bool, sep: str) -> None:
    number = body + v.luhn_check_digit(body)
    if width:
        number = number.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    grouped = sep.join(number[i:i + 4] for i in range(0, len(number), 4))
    assert v.contains_card_number(f"备注 {grouped} 完")
