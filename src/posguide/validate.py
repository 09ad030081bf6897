"""Parsers for every value a user can type. Each returns a clean value or raises
ValidationError (bad) or NeedsConfirmation (valid but suspicious), with a
message in the user's language that names the field and what is expected.

Pure functions: `today` is passed in, nothing is printed.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from contextlib import contextmanager
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
_SEPARATORS = re.compile(r"[\s\-()（）]")


def _err(field: str, key: str, **params: object) -> ValidationError:
    return ValidationError(field, t(key, field=field_label(field), **params))


_keys_shown = False


@contextmanager
def keys_shown() -> Iterator[None]:
    """Within: field names keep their key in Chinese too, for where the user
    must find and type it (a CSV file's column): `sim.expires（SIM 到期日）`."""
    global _keys_shown
    before, _keys_shown = _keys_shown, True
    try:
        yield
    finally:
        _keys_shown = before


def field_label(field: str) -> str:
    """The field's name as the user sees it: `sim.expires (SIM expiry date)` in
    English, `SIM 到期日` in Chinese, where an ASCII key in the middle of a
    sentence only gets in the way (see `keys_shown`)."""
    from .i18n import catalogue, get_lang

    labels = catalogue("fields")
    entry = labels.get(f"fields.{field}")
    if entry is None:
        return field
    lang = get_lang()
    if lang == "zh":
        return f"{field}（{entry[lang]}）" if _keys_shown else entry[lang]
    return f"{field} ({entry[lang]})"


# ---------------------------------------------------------------- dates

# The one calendar range posguide handles, for every date it reads or works
# out. Wide enough for any real terminal; narrow enough that a date in it plus
# the longest service (10 years) and the longest policy interval (3650 days)
# stays far inside what Python's date can hold, so no computation on a date
# posguide accepted can overflow later.
MIN_DATE = date(1970, 1, 1)
MAX_DATE = date(2199, 12, 31)


def in_range(day: date) -> bool:
    return MIN_DATE <= day <= MAX_DATE


def parse_day(text: str) -> date | None:
    """A stored YYYY-MM-DD (history, caches), or None when it is not one or
    lies outside the range."""
    if len(text) != 10 or not text.isascii():
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None
    return day if in_range(day) else None


def check_range(day: date, field: str, text: str | None = None) -> date:
    if not in_range(day):
        raise _err(field, "validate.date_range", value=text or day.isoformat(),
                   low=MIN_DATE.isoformat(), high=MAX_DATE.isoformat())
    return day


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
                    day = today + timedelta(days=count)
                else:
                    day = add_months(today, count * (12 if unit == "y" else 1))
            except (OverflowError, ValueError):
                day = date.max
            return check_range(day, field, text)
    match = _DATE_RE.match(value)
    if not match:
        key = "validate.date_format" if relative else "validate.date_format_abs"
        raise _err(field, key, value=text)
    try:
        day = date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError as exc:
        if 1 <= int(match.group(2)) <= 12 and 1 <= int(match.group(3)) <= 31 and \
                not 1 <= int(match.group(1)) <= 9999:
            raise _err(field, "validate.date_range", value=text, low=MIN_DATE.isoformat(),
                       high=MAX_DATE.isoformat()) from exc
        raise _err(field, "validate.date_impossible", value=text) from exc
    return check_range(day, field, text)


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


# Characters that end a line: a card number is never read across lines.
_LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")


def _digit(ch: str) -> int | None:
    """The digit `ch` stands for in any script (full-width, Arabic-Indic,
    Devanagari, ...), or None."""
    if "0" <= ch <= "9":
        return ord(ch) - 48
    if ch.isascii():
        return None
    import unicodedata

    return unicodedata.digit(ch, None)


@functools.cache
def _date_re() -> re.Pattern[str]:
    # A calendar date in digits: YYYY-MM-DD, YYYY/MM/DD or YYYY.MM.DD.
    return re.compile(r"(?<!\d)(?:19|20|21)\d\d([-/.])(?:0?[1-9]|1[0-2])\1"
                      r"(?:0?[1-9]|[12]\d|3[01])(?!\d)")


def _digit_groups(text: str) -> Iterator[list[tuple[int, int, str]]]:
    """Runs of digit groups: a group is consecutive digits, given as
    (start, end, digits); groups of one run are separated by anything that is
    neither a letter nor a line break (spaces of any width, tabs, dashes,
    dots, commas, slashes, underscores, brackets, zero-width characters, any
    number of them). A letter, a line break or a date (2026-11-23, which is
    how a date is written, not a card) ends the run."""
    plain = text if text.isascii() else "".join(
        str(d) if (d := _digit(ch)) is not None else ch for ch in text)
    if len(plain) != len(text):  # a digit value of two characters: none exist
        plain = text
    breaks: set[int] = set()
    if "-" in plain or "/" in plain or "." in plain:
        for m in _date_re().finditer(plain):
            breaks.update(range(m.start(), m.end()))
    run: list[tuple[int, int, str]] = []
    start = -1
    digits: list[str] = []
    for i, ch in enumerate(plain):
        if "0" <= ch <= "9" and i not in breaks:
            if not digits:
                start = i
            digits.append(ch)
            continue
        if digits:
            run.append((start, i, "".join(digits)))
            digits = []
        if run and (i in breaks or ch.isalpha() or ch in _LINE_BREAKS):
            yield run
            run = []
    if digits:
        run.append((start, len(text), "".join(digits)))
    if run:
        yield run


def find_card_numbers(text: str) -> list[tuple[int, int]]:
    """Where `text` holds a bank card number: 13-19 digits passing Luhn,
    whatever separates them, as (start, end) indexes into `text`.

    A run of digit groups ("2026-11-23 6222 0212 ...") is tried as every span
    of whole groups, so a card number next to a date is still caught, while a
    single long number that is not a card (a 20-digit ICCID) is not.
    """
    found: list[tuple[int, int]] = []
    for run in _digit_groups(text):
        if sum(len(g[2]) for g in run) < 13:
            continue
        i = 0
        while i < len(run):
            digits = ""
            hit = None
            for j in range(i, len(run)):
                digits += run[j][2]
                if len(digits) > 19:
                    break
                if len(digits) >= 13 and luhn_ok(digits):
                    hit = j
            if hit is None:
                i += 1
                continue
            found.append((run[i][0], run[hit][1]))
            i = hit + 1
    return found


def contains_card_number(text: str) -> bool:
    """Whether `text` holds a bank card number (see find_card_numbers)."""
    if text.isascii():
        if sum(map(text.count, "0123456789")) < 13:
            return False
    elif not _many_digits(text):
        return False
    return bool(find_card_numbers(text))


def _many_digits(text: str) -> bool:
    """At least 13 digits of any script: below that no card number fits."""
    count = sum(map(text.count, "0123456789"))
    if count >= 13:
        return True
    import unicodedata

    return count + sum(1 for ch in text if not ch.isascii()
                       and unicodedata.digit(ch, None) is not None) >= 13


def mask_card_numbers(text: str) -> str:
    """`text` with the digits of every card number in it replaced by `*`
    except the last four: for files kept aside, such as a rejected edit."""
    spans = find_card_numbers(text)
    if not spans:
        return text
    out = list(text)
    for start, end in spans:
        positions = [i for i in range(start, end) if _digit(text[i]) is not None]
        for i in positions[:-4]:
            out[i] = "*"
    return "".join(out)


# A secret written next to its name: "PIN: 1234", "password=abc", "CVV 123",
# "密码：888888", "取款密码 123456", "PIN码是1234". The word alone ("changed
# the admin password", "PIN pad cleaned", "密码已修改") is fine: that is what
# a merchant should record.


@functools.cache
def _secret_re() -> re.Pattern[str]:
    # Compiled on first need: most texts hold none of the words, and every
    # profile load checks every text.
    sep = r"[\s.\-_*·]?"  # "p i n", "P.I.N.", "pass-word"
    en_word = (
        rf"p{sep}i{sep}n(?:{sep}(?:codes?|numbers?|no|码|號|号))?"
        r"|cvv2?|cvc2?|cvn2?|csc|cid"
        rf"|pass{sep}(?:words?|wd|codes?|phrase)|passwort|passwd|pwd|pswd"
    )
    zh_word = r"密\s*[码碼]|口\s*令|安\s*全\s*[码碼]|[验驗]\s*[证證]\s*[码碼]"
    # An explicit "name: value" or "name = value": any value that holds a
    # digit, or a word of four or more letters and signs (not Chinese text:
    # "密码：已改" is a remark, not a secret).
    assigned = r"\s*[:=：＝]\s*(?:\S*\d|[\x21-\x7e]{4,})"
    # Or a value with digits right after it, perhaps after "is", "是", "改为"
    # (a date is not a secret: "password 2026-11-23" says when it was changed).
    linked = (r"\s*(?:(?:is|was|to|now|set\s+to|changed\s+to|"
              r"(?:已|被)?(?:修?改|设置?|設置?|换|換|更新)?(?:为|為|成|是)了?)\s*)?"
              r"[\-:：]?\s*(?!\d{4}[-/.年]\d)[\x21-\x7e]*\d{3,}")
    return re.compile(
        rf"(?<![a-z])(?:{en_word})\.?(?![a-z])(?:{assigned}|{linked})"
        rf"|(?:{zh_word})(?:{assigned}|{linked})"
    )


def _secret_form(text: str) -> str:
    """Text as the secret patterns read it: full-width letters and digits
    made plain, lower case, invisible characters dropped."""
    import unicodedata

    text = unicodedata.normalize("NFKC", text).casefold()
    if text.isascii():
        return text
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


_SQUEEZE = str.maketrans("", "", " .-_*\t")
_SECRET_WORDS = ("pin", "pass", "pwd", "pswd", "cvv", "cvc", "cvn", "csc", "cid", "密", "口令",
                 "安全", "验证", "驗證")


def contains_secret(text: str) -> bool:
    # A secret needs its value: a digit, or an "=" or ":" before it. And its
    # name, however spaced. Most text has neither, and is let through without
    # compiling the patterns (a cost at every start otherwise).
    form = text if text.isascii() else _secret_form(text)
    if not any(c in form for c in ":=：＝") and not any(ch.isdigit() for ch in form):
        return False
    squeezed = form.lower().translate(_SQUEEZE)
    if not any(word in squeezed for word in _SECRET_WORDS):
        return False
    return _secret_re().search(_secret_form(text)) is not None


def check_text(text: str, field: str, max_len: int = 200) -> str:
    """Free text: no card number, no PIN or password, no control characters,
    a sane length."""
    from .shown import is_clean

    value = text.strip()
    if len(value) > max_len:
        raise _err(field, "validate.too_long", max=max_len)
    if not is_clean(value):
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


def is_name(text: str) -> bool:
    """1-32 letters, digits, - and _, CJK characters (no card-number check)."""
    return 1 <= len(text) <= 32 and all(map(_name_char, text))


def check_name(text: str, field: str = "name") -> str:
    value = text.strip()
    if not is_name(value):
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
