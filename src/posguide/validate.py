"""Parsers for every value a user can type. Each returns a clean value or raises
ValidationError (bad) or NeedsConfirmation (valid but suspicious), with a
message in the user's language that names the field and what is expected.

Pure functions: `today` is passed in, nothing is printed.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .errors import NeedsConfirmation, ValidationError
from .i18n import t

CENT = Decimal("0.01")

_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_REL_RE = re.compile(r"^\+(\d{1,4})([dmy])$")
_MONEY_RE = re.compile(r"^\d{1,12}(\.\d{1,2})?$")
_RATE_RE = re.compile(r"^\d{1,3}(\.\d{1,4})?$")
_DIGIT_RUN_RE = re.compile(r"[0-9]+(?:[ -][0-9]+)*")
# Dashes people type between digit groups, besides "-".
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-"))
_SEPARATORS = re.compile(r"[\s\-()（）]")


def _err(field: str, key: str, **params: object) -> ValidationError:
    return ValidationError(field, t(key, field=field_label(field), **params))


def field_label(field: str) -> str:
    """The field's name as the user sees it, e.g. `sim.expires (SIM 到期日)`."""
    from .i18n import catalogue, get_lang

    labels = catalogue("fields")
    entry = labels.get(f"fields.{field}")
    if entry is None:
        return field
    lang = get_lang()
    return f"{field}（{entry[lang]}）" if lang == "zh" else f"{field} ({entry[lang]})"


# ---------------------------------------------------------------- dates


def add_months(start: date, months: int) -> date:
    """`start` plus whole months, the day clamped to the month's end."""
    month_index = start.month - 1 + months
    year = start.year + month_index // 12
    month = month_index % 12 + 1
    next_month = date(year + month // 12, month % 12 + 1, 1)
    day = min(start.day, (next_month - timedelta(days=1)).day)
    return date(year, month, day)


def parse_date(text: str, today: date, field: str = "date", relative: bool = True) -> date:
    """YYYY-MM-DD; also `today`, `+30d`, `+6m`, `+1y` when `relative`."""
    value = text.strip().lower()
    if relative:
        if value in ("today", "今天"):
            return today
        match = _REL_RE.match(value)
        if match:
            count, unit = int(match.group(1)), match.group(2)
            try:
                if unit == "d":
                    return today + timedelta(days=count)
                return add_months(today, count * (12 if unit == "y" else 1))
            except (OverflowError, ValueError) as exc:
                raise _err(field, "validate.date_format", value=text) from exc
    match = _DATE_RE.match(value)
    if not match:
        key = "validate.date_format" if relative else "validate.date_format_abs"
        raise _err(field, key, value=text)
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError as exc:
        raise _err(field, "validate.date_impossible", value=text) from exc


# ---------------------------------------------------------------- numbers


def parse_money(text: str, field: str = "amount") -> Decimal:
    """A non-negative amount in CNY with at most two decimal places."""
    value = text.strip().replace(",", "").replace("，", "")
    if value.startswith("¥") or value.startswith("￥"):
        value = value[1:].strip()
    if not _MONEY_RE.match(value):
        raise _err(field, "validate.money", value=text)
    return Decimal(value)


def parse_rate(text: str, field: str = "fee_rate") -> Decimal:
    """A fee rate in percent: above 0 and at most 5, up to four decimal places."""
    value = text.strip().rstrip("%").strip()
    if not _RATE_RE.match(value):
        raise _err(field, "validate.rate", value=text)
    try:
        rate = Decimal(value)
    except InvalidOperation as exc:  # pragma: no cover - the regex admits only digits
        raise _err(field, "validate.rate", value=text) from exc
    if not Decimal("0") < rate <= Decimal("5"):
        raise _err(field, "validate.rate", value=text)
    return rate


# ---------------------------------------------------------------- the fee plan
#
# A plan value says exactly what is wrong with it: a merchant copying a contract
# mistypes in a few known ways (a minus sign, 0.6 written as 60, a cap of 0).

_PLAN_NUMBER_RE = re.compile(r"^-?\d{1,12}(\.\d+)?$")


def _plan_number(text: str, field: str) -> Decimal:
    value = text.strip().replace(",", "").replace("，", "")
    for sign in ("¥", "￥"):
        value = value.removeprefix(sign).strip()
    if not _PLAN_NUMBER_RE.match(value):
        raise _err(field, "validate.plan_number", value=text)
    number = Decimal(value)
    if number.is_signed() and number != 0:
        raise _err(field, "validate.plan_negative", value=text)
    return abs(number)  # "-0" is 0


def parse_plan_rate(text: str, field: str) -> Decimal:
    """A rate of the fee plan in percent: 0 (free, e.g. public welfare) up to 5,
    at most 4 places. Over 100 cannot be; over 5 is 0.6 typed as 60."""
    rate = _plan_number(text.strip().rstrip("%").strip(), field)
    places = rate.as_tuple().exponent
    if isinstance(places, int) and places < -4:
        raise _err(field, "validate.rate_places", value=text)
    if rate > 100:
        raise _err(field, "validate.rate_over_100", value=text)
    if rate > 5:
        raise _err(field, "validate.rate_too_high", value=text)
    return rate


def parse_plan_money(text: str, field: str, positive: bool = False) -> Decimal:
    """An amount of the fee plan in CNY: at most 2 places, never negative;
    `positive` also refuses 0 (a cap of 0 would mean no fee at all)."""
    money = _plan_number(text, field)
    places = money.as_tuple().exponent
    if isinstance(places, int) and places < -2:
        raise _err(field, "validate.money_places", value=text)
    if positive and money == 0:
        raise _err(field, "validate.cap_zero", value=text)
    return money


def parse_int(text: str, field: str, low: int, high: int) -> int:
    value = text.strip()
    if not value.isascii() or not value.isdigit() or not low <= int(value) <= high:
        raise _err(field, "validate.int_range", value=text, low=low, high=high)
    return int(value)


def round_cent(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


# ---------------------------------------------------------------- card numbers


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = ord(ch) - 48
        if i % 2 == 1:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0


def luhn_check_digit(body: str) -> str:
    """The digit that makes `body + digit` pass the Luhn check."""
    for d in "0123456789":
        if luhn_ok(body + d):
            return d
    raise AssertionError("unreachable")


def _plain_digits(text: str) -> str:
    """Text with every decimal digit as 0-9, every space as " " and dashes as "-"."""
    import unicodedata

    text = unicodedata.normalize("NFKC", text).translate(_DASHES)
    if text.isascii():
        return text
    return "".join(
        str(unicodedata.decimal(ch)) if ch.isdecimal() else (" " if ch.isspace() else ch)
        for ch in text
    )


def contains_card_number(text: str) -> bool:
    """13-19 digits, spaces or dashes allowed between them, passing Luhn.

    A run of digit groups ("2026-11-23 6222 0212 ...") is tried as every span
    of whole groups, so a card number next to a date is still caught, while a
    single long number that is not a card (a 20-digit ICCID) is not.
    Full-width digits and spaces (what a Chinese input method types) and other
    scripts' digits count as digits.
    """
    for match in _DIGIT_RUN_RE.finditer(_plain_digits(text)):
        groups = re.split(r"[ \-]", match.group(0))
        for i in range(len(groups)):
            digits = ""
            for group in groups[i:]:
                digits += group
                if len(digits) > 19:
                    break
                if len(digits) >= 13 and luhn_ok(digits):
                    return True
    return False


# A secret written next to its name: "PIN: 1234", "password=abc", "CVV 123",
# "密码：888888", "密码是 123456". The word alone ("changed the admin password",
# "PIN pad cleaned") is fine: that is what a merchant should record.
_SECRET_WORDS = ("pin", "cvv", "cvc", "cvn", "pass", "pwd", "密码", "口令", "安全码", "验证码")
_SECRET_VALUE = r"\s*(?:[:=：]\s*\S|(?:is|was|to|是|为|改为|改成)?\s*\d{3,})"


@functools.cache
def _secret_re() -> re.Pattern[str]:
    # Compiled on first need: most texts hold none of the words, and every
    # profile load checks every text (0.7 ms of start-up saved).
    return re.compile(
        r"(?i)(?<![a-z])(?:pin|cvv2?|cvc2?|cvn2?|passwords?|passwd|pwd|passcode)(?![a-z])"
        + _SECRET_VALUE + r"|(?:密码|口令|安全码|验证码)" + _SECRET_VALUE
    )


def contains_secret(text: str) -> bool:
    lowered = text.lower()
    if not any(word in lowered for word in _SECRET_WORDS):
        return False
    return _secret_re().search(text) is not None


def check_text(text: str, field: str, max_len: int = 200) -> str:
    """Free text: no card number, no PIN or password, no control characters,
    a sane length."""
    value = text.strip()
    if len(value) > max_len:
        raise _err(field, "validate.too_long", max=max_len)
    if any(ord(ch) < 32 and ch not in "\t" for ch in value) or "\x7f" in value:
        raise _err(field, "validate.control_chars")
    if contains_card_number(value):
        raise _err(field, "validate.card_number")
    if contains_secret(value):
        raise _err(field, "validate.secret")
    return value


# ---------------------------------------------------------------- identifiers


def _name_char(ch: str) -> bool:
    """Letters and digits (ASCII), - and _, and the CJK ideograph blocks.
    (A character test, not a regex: a regex over these Unicode ranges takes
    almost 2 ms to compile, paid at every start.)"""
    if ch.isascii():
        return ch.isalnum() or ch in "-_"
    return "\u3400" <= ch <= "\u4dbf" or "\u4e00" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def check_name(text: str, field: str = "name") -> str:
    value = text.strip()
    if not (1 <= len(value) <= 32 and all(map(_name_char, value))):
        raise _err(field, "validate.name", value=text)
    if contains_card_number(value):  # a name is stored in every history line
        raise _err(field, "validate.card_number")
    return value


# What people and receipts put between the groups of a merchant number (after
# NFKC has made full-width forms plain): spaces, dashes of every kind, dots,
# middle dots, slashes, underscores.
_NUMBER_SEPARATORS = re.compile(r"[\s\-_./·・\u2010-\u2015\u2212]")


def clean_merchant_no(text: str) -> str:
    """A merchant number as typed or printed, the one way every command reads
    it: full-width characters made plain, separators between groups removed,
    letters in capitals."""
    import unicodedata

    return _NUMBER_SEPARATORS.sub("", unicodedata.normalize("NFKC", text)).upper()


def check_merchant_no(text: str, field: str = "merchant_no") -> str:
    """15 letters or digits. Digits by convention, but some acquirers use
    letters (DOMAIN.md), so a letter is accepted anywhere: `merchant decode`
    says which parts it can then not read."""
    value = clean_merchant_no(text)
    label = field_label(field)
    if not value:
        raise ValidationError(field, t("validate.merchant_no_empty", field=label))
    odd = [ch for ch in value if not (ch.isascii() and ch.isalnum())]
    if odd:
        raise ValidationError(field, t("validate.merchant_no_chars", field=label,
                                       value=text.strip(), chars=" ".join(dict.fromkeys(odd))))
    if len(value) != 15:
        from .i18n import tn

        raise ValidationError(field, tn("validate.merchant_no_length", len(value), field=label,
                                        value=text.strip()))
    return value


def mcc_format(text: str, field: str = "mcc") -> str:
    """A merchant category code's form: 4 digits (full-width ones too). Whether
    the code is a known one is merchant.check_mcc's business."""
    import unicodedata

    value = unicodedata.normalize("NFKC", text).strip()
    if not (len(value) == 4 and value.isascii() and value.isdigit()):
        raise _err(field, "validate.mcc", value=text)
    return value


def check_terminal_id(text: str, field: str = "terminal_id") -> str:
    value = text.strip().upper()
    if not (len(value) == 8 and value.isascii() and value.isalnum()):
        raise _err(field, "validate.terminal_id", value=text)
    return value


def check_serial(text: str, field: str = "serial") -> str:
    value = text.strip().upper()
    if not (4 <= len(value) <= 32 and re.fullmatch(r"[A-Z0-9\-]+", value)):
        raise _err(field, "validate.serial", value=text)
    if contains_card_number(value):
        raise _err(field, "validate.card_number")
    return value


def check_iccid(text: str, field: str = "sim.iccid", force: bool = False) -> str:
    """19-20 characters starting 89. All digits: the Luhn check digit must match,
    or be confirmed (`force`)."""
    value = _SEPARATORS.sub("", text).upper()
    if not (19 <= len(value) <= 20 and value.startswith("89") and value.isascii()):
        raise _err(field, "validate.iccid", value=text)
    if not value.isalnum():
        raise _err(field, "validate.iccid", value=text)
    if value.isdigit() and not luhn_ok(value) and not force:
        expected = luhn_check_digit(value[:-1])
        raise NeedsConfirmation(
            field,
            t("validate.iccid_luhn", field=field_label(field), value=value,
              got=value[-1], expected=expected),
            value,
        )
    return value


# ---------------------------------------------------------------- phone numbers


@dataclass(frozen=True)
class Phone:
    number: str
    kind: str  # service, business, landline, mobile


def classify_phone(text: str) -> Phone | None:
    value = _SEPARATORS.sub("", text)
    if value.startswith("+86"):
        value = value[3:]
    elif value.startswith("0086"):
        value = value[4:]
    if not value.isascii() or not value.isdigit():
        return None
    if re.fullmatch(r"95\d{3,4}|96\d{3}", value):
        return Phone(value, "service")
    if re.fullmatch(r"(400|800)\d{7}", value):
        return Phone(value, "business")
    if re.fullmatch(r"1[3-9]\d{9}", value):
        return Phone(value, "mobile")
    if re.fullmatch(r"0[1-9]\d{8,10}", value):
        return Phone(value, "landline")
    return None


def check_phone(text: str, field: str = "support_phone", force: bool = False) -> str:
    """A support number: service (95xxx), business (400/800) or landline. A mobile
    number is likely a sales agent or a scam: it needs confirming (`force`)."""
    phone = classify_phone(text)
    if phone is None:
        raise _err(field, "validate.phone", value=text)
    if phone.kind == "mobile" and not force:
        raise NeedsConfirmation(
            field, t("validate.phone_mobile", field=field_label(field), value=phone.number),
            phone.number,
        )
    return phone.number


def spreadsheet_safe(value: str) -> str:
    """Keep a cell from being read as a formula when a CSV is opened in a
    spreadsheet (=, +, -, @ and a leading tab or CR start formulas there)."""
    if value and value[0] in "=+-@\t\r":
        return "'" + value
    return value
