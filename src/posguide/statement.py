"""Settlement statements (结算明细/对账单): read them, check every sale against
the fee plan, and find the money a merchant loses (DESIGN.md section 9).

    audit(sources, terminal, unit=None, mapping={}, progress=None) -> Audit

Rows are streamed: what is kept is aggregates (per card type, per week), the
rows of findings (at most ROW_LIMIT per finding, the totals always whole) and
8-byte keys for matching voids, refunds and the same row in two files. A
statement of a million rows is read in a few tens of MiB.

Pure: no printing, no clock; `progress` is called with (bytes or rows done,
total) for a progress bar the CLI may draw. Money is Decimal from the text of
the file (an XLSX number cell is a binary double in the file itself: it is
taken by its shortest decimal form, the text the spreadsheet wrote, and refused
when that is not whole fen). A card number is masked the moment it is read.
"""

from __future__ import annotations

import csv
import io
import re
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal

from .errors import DataError, UsageError
from .fees import CARDS, HUNDRED, RATE_PLACES, TOLERANCE, ZERO, Agreed, Card, agreed_for
from .i18n import t, tn
from .merchant import foreign_fields
from .profile import Terminal
from .validate import CENT, luhn_ok, round_cent

Unit = Literal["yuan", "fen"]
Kind = Literal["sale", "void", "refund", "deduction", "other"]

# Rows kept per finding; the counts and totals always cover every row.
ROW_LIMIT = 200
# Voids, refunds and uncredited sales kept as rows to show (the rest as sums
# and hashes): which are shown is known only at the end, after matching.
EXAMPLES = 4 * ROW_LIMIT
# How far below the top of a file the header row may be (title rows above it).
HEADER_SEARCH = 30
# A rise of the effective rate smaller than this (percentage points) is noise.
RISE_MIN = Decimal("0.05")
FINDING_CODES = ("above_plan", "rate_rose", "fixed_fee", "deduction", "unsettled", "foreign")
# Fewer sales than this with the same extra amount is not a pattern.
FIXED_MIN = 3

# ------------------------------------------------------------------ columns

# field -> the header names providers use (normalised: see _norm).
ALIASES: dict[str, tuple[str, ...]] = {
    "time": ("交易时间", "交易日期时间", "时间", "交易完成时间", "支付时间", "transactiontime",
             "transtime", "txntime", "tradetime", "time", "datetime"),
    "date": ("交易日期", "日期", "清算日期", "记账日期", "transactiondate", "transdate",
             "txndate", "tradedate", "date"),
    "amount": ("交易金额", "金额", "订单金额", "交易本金", "amount", "transactionamount",
               "transamount", "txnamount", "tradeamount", "saleamount"),
    "fee": ("手续费", "手续费金额", "商户手续费", "交易手续费", "fee", "feeamount", "fees",
            "commission", "mdr", "charge"),
    "settled": ("结算金额", "入账金额", "到账金额", "清算金额", "实收金额", "结算款",
                "settledamount", "settled", "settlementamount", "netamount",
                "creditedamount", "credited", "payout"),
    "card": ("卡类型", "卡种", "卡类别", "借贷标识", "借贷类型", "卡性质", "cardtype",
             "cardkind", "card"),
    "type": ("交易类型", "交易类别", "业务类型", "交易名称", "type", "transactiontype",
             "transtype", "txntype", "tradetype"),
    "payment": ("支付方式", "交易方式", "支付渠道", "渠道", "paymentmethod", "paymenttype",
                "channel", "method"),
    "terminal_id": ("终端号", "终端编号", "终端id", "终端代码", "terminalid", "terminalno",
                    "terminal", "tid"),
    "merchant_no": ("商户号", "商户编号", "商户代码", "merchantno", "merchantid",
                    "merchantnumber", "mid"),
    "ref": ("参考号", "检索参考号", "系统参考号", "交易参考号", "referenceno", "refno",
            "reference", "referencenumber", "rrn"),
    "orig_ref": ("原参考号", "原检索参考号", "原交易参考号", "原交易检索参考号", "originalref",
                 "originalreference", "originalrrn", "origrrn", "origref"),
    "card_no": ("卡号", "交易卡号", "银行卡号", "付款卡号", "cardno", "cardnumber", "pan",
                "maskedpan", "maskedcard"),
}
FIELD_NAMES = tuple(ALIASES)
MONEY_FIELDS = ("amount", "fee", "settled")
_ALIAS_INDEX = {alias: name for name, aliases in ALIASES.items() for alias in aliases}
_UNIT_HINTS = {"分": "fen", "fen": "fen", "cent": "fen", "cents": "fen",
               "元": "yuan", "yuan": "yuan", "cny": "yuan", "rmb": "yuan"}
_BRACKETS = re.compile(r"[(（\[【]([^)）\]】]*)[)）\]】]")
_TITLE_UNIT = re.compile(r"(?:单位|unit)\s*[:：]?\s*(分|元|fen|yuan|cents?)", re.I)
_TOTAL_WORDS = ("合计", "总计", "小计", "汇总", "total", "sum", "subtotal")


def _norm(header: str) -> tuple[str, str | None]:
    """A header as compared with ALIASES, and the unit written in it:
    "交易金额（分）" -> ("交易金额", "fen"), "Fee Amount (CNY)" -> ("feeamount", "yuan")."""
    unit = None
    for inner in _BRACKETS.findall(header):
        unit = _UNIT_HINTS.get(inner.strip().lower(), unit)
    text = _BRACKETS.sub("", header)
    for suffix, hint in (("/分", "fen"), ("/元", "yuan"), ("(分", "fen")):
        if text.endswith(suffix):
            text, unit = text[: -len(suffix)], hint
    text = re.sub(r"[\s_\-./:：]+", "", text).lower()
    return text, unit


@dataclass(frozen=True)
class Layout:
    """Where each field is in the rows of one file."""

    header_line: int  # 1-based line (row) of the header
    headers: tuple[str, ...]
    columns: dict[str, int]  # field -> column index
    units: dict[str, Unit]  # money field -> unit

    def to_json(self) -> dict[str, Any]:
        return {"header_line": self.header_line,
                "columns": {f: self.headers[i] for f, i in self.columns.items()},
                "units": dict(self.units)}


class UnknownLayout(UsageError):
    """The header row could not be found: names what was seen and the --map to write."""


class BadRows(DataError):
    """Rows that cannot be read; the message names each row and column."""


def parse_map(items: Iterable[str]) -> dict[str, str]:
    """`--map HEADER=FIELD` options -> {normalised header: field}."""
    out: dict[str, str] = {}
    for item in items:
        header, eq, name = item.rpartition("=")
        name = name.strip().lower()
        if not eq or not header.strip() or name not in ALIASES:
            raise UsageError(t("statement.bad_map", value=item, fields=", ".join(FIELD_NAMES)))
        out[_norm(header.strip())[0]] = name
    return out


def _match_header(cells: list[str], mapping: Mapping[str, str], unit: Unit | None,
                  title_unit: Unit | None) -> tuple[dict[str, int], dict[str, Unit]]:
    columns: dict[str, int] = {}
    units: dict[str, Unit] = {}
    for i, cell in enumerate(cells):
        key, cell_unit = _norm(cell)
        if not key:
            continue
        name = mapping.get(key) or _ALIAS_INDEX.get(key)
        if name is None or name in columns:
            continue
        columns[name] = i
        if name in MONEY_FIELDS:
            units[name] = unit or cell_unit or title_unit or "yuan"  # type: ignore[assignment]
    return columns, units


def _usable(columns: Mapping[str, int]) -> bool:
    return ("amount" in columns and ("time" in columns or "date" in columns)
            and ("fee" in columns or "settled" in columns))


def find_layout(head: list[tuple[int, list[str]]], source: str, mapping: Mapping[str, str],
                unit: Unit | None) -> Layout:
    """The header row among the first rows: the first one naming an amount, a
    date and a fee or settled amount. Title rows above it may say the unit."""
    title_unit: Unit | None = None
    best: tuple[int, int, list[str]] | None = None
    for line, cells in head:
        texts = [c.strip() for c in cells]
        columns, units = _match_header(texts, mapping, unit, title_unit)
        if _usable(columns):
            return Layout(line, tuple(texts), columns, units)
        if best is None or len(columns) > best[0] or (
            len(columns) == best[0] == 0 and sum(map(bool, texts)) > len(best[2])
        ):
            best = (len(columns), line, [c for c in texts if c])
        for text in texts:
            found = _TITLE_UNIT.search(text)
            if found:
                title_unit = _UNIT_HINTS[found.group(1).lower()]  # type: ignore[assignment]
    raise _unknown_layout(head, source, mapping, unit, best)


def _unknown_layout(head: list[tuple[int, list[str]]], source: str, mapping: Mapping[str, str],
                    unit: Unit | None, best: tuple[int, int, list[str]] | None) -> UnknownLayout:
    from .prose import join

    if best is None:
        return UnknownLayout(t("statement.empty", path=source))
    _, line, headers = best
    columns, _ = _match_header(headers, mapping, unit, None)
    missing = []
    if "amount" not in columns:
        missing.append("amount")
    if "time" not in columns and "date" not in columns:
        missing.append("time")
    if "fee" not in columns and "settled" not in columns:
        missing.append("fee")
    # Suggest real headers of the file: unmapped ones, by what the next row holds.
    sample = next((cells for ln, cells in head if ln > line and any(c.strip() for c in cells)),
                  [])
    unmapped = [h for h in headers if (mapping.get(_norm(h)[0]) or _ALIAS_INDEX.get(_norm(h)[0]))
                is None]
    values = dict(zip(headers, sample, strict=False))
    suggestion = []
    for name in missing:
        wants_date = name == "time"
        pick = next((h for h in unmapped
                     if _looks_like_date(values.get(h, "")) == wants_date
                     and (wants_date or _looks_like_money(values.get(h, "")))), None)
        if pick is not None:
            unmapped.remove(pick)
        suggestion.append(f'--map "{_visible(pick or "HEADER")}={name}"')
    return UnknownLayout(t("statement.unknown_layout", path=source, line=line,
                           headers=join(f"“{_visible(h)}”" for h in headers[:30]),
                           missing=join(t("statement.fee_or_settled") if m == "fee" else m
                                        for m in missing),
                           map=" ".join(suggestion),
                           fields=", ".join(FIELD_NAMES)))


def _looks_like_date(text: str) -> bool:
    return bool(re.match(r"^\s*\d{4}[-/.年]?\d{1,2}[-/.月]?\d{1,2}", text))


def _looks_like_money(text: str) -> bool:
    return bool(re.fullmatch(r"\s*[-¥￥]?\s*[\d,]+(\.\d+)?\s*", text))


# ------------------------------------------------------------------ cells


def _visible(text: str) -> str:
    """Text from a file made safe to show: control characters and the marks that
    reorder text become visible placeholders, a card number is masked."""
    if not text.isprintable():
        text = "".join(ch if ch.isprintable() or ch == " " else f"\\x{ord(ch):02x}"
                       if ord(ch) < 256 else f"\\u{ord(ch):04x}" for ch in text)
    return mask_card_numbers(text)


_DIGITS = re.compile(r"\d[\d \-]{11,}\d")


def mask_card_numbers(text: str) -> str:
    """Every run of 13-19 digits that passes the Luhn check, shown as its first 6
    and last 4 digits only: 6222021234567890123 -> 622202*********0123."""
    if len(text) < 13 or not _DIGITS.search(text):
        return text

    def mask(match: re.Match[str]) -> str:
        digits = re.sub(r"\D", "", match.group(0))
        if 13 <= len(digits) <= 19 and luhn_ok(digits):
            return digits[:6] + "*" * (len(digits) - 10) + digits[-4:]
        return match.group(0)

    return _DIGITS.sub(mask, text)


def mask_card(text: str) -> str:
    """A card number column: at most the first 6 and last 4 digits, whatever the
    file held (a full number, or one masked less than that)."""
    value = text.strip()
    if not value:
        return ""
    if (13 <= len(value) <= 19 and value[6] == "*" and not value[6:-4].strip("*")
            and value[:6].isdigit() and value[-4:].isdigit()):
        return value  # masked as statements usually are: 6 digits, stars, 4 digits
    if not value.isascii() or not all(ch.isdigit() or ch in "*xX# -" for ch in value):
        return _visible(value)
    chars = [ch for ch in value if ch not in " -"]
    digits = sum(ch.isdigit() for ch in chars)
    if digits <= 10 and len(chars) >= 13:
        return "".join(chars).replace("x", "*").replace("X", "*").replace("#", "*")
    return "".join(chars[:6]) + "*" * max(len(chars) - 10, 3) + "".join(chars[-4:])


class _Bad(Exception):
    def __init__(self, field: str, value: str, reason: str) -> None:
        self.field = field
        self.value = value
        self.reason = reason


def _money(cell: Any, unit: Unit, name: str) -> Decimal | None:
    """A money cell: None when empty. Yuan to the fen, or whole fen. (Not
    quantized: 12.3 stays 12.3 until it is shown; sums are exact either way.)"""
    if type(cell) is str:
        # Nearly every cell is plain text such as 1234.50: a few str methods
        # (C speed) say so, and Decimal reads it; anything else (spaces,
        # grouping commas, ¥, more places) takes the careful way below.
        whole, dot, places = cell.partition(".")
        digits = whole[1:] if whole[:1] == "-" else whole
        # Below 10**13 (of the unit), as the careful way checks: 13 digits.
        if digits.isdecimal() and len(digits) <= 13:
            if unit == "yuan":
                if not dot or (len(places) <= 2 and places.isdecimal()):
                    return Decimal(cell)
            elif not dot:
                return Decimal(cell).scaleb(-2)
    elif type(cell) is float:  # an XLSX number cell: its shortest decimal text
        text = repr(cell)
        point = text.find(".")
        if ("e" not in text and (point == -1 or len(text) - point <= 3) and text[-1].isdigit()
                and len(text) <= 16 and abs(cell) < 1e13):
            if unit == "yuan":
                return Decimal(text)
            if cell.is_integer():
                return Decimal(int(cell)).scaleb(-2)
    return _money_cell(cell, unit, name)


def _money_cell(cell: Any, unit: Unit, name: str) -> Decimal | None:
    if cell is None or cell == "":
        return None
    if isinstance(cell, bool):
        raise _Bad(name, str(cell), "money")
    if isinstance(cell, int):
        value = Decimal(cell)
    elif isinstance(cell, float):
        # An XLSX number: the shortest decimal text of the double, which is
        # what the spreadsheet wrote (123.45 stays 123.45).
        value = Decimal(repr(cell))
        if not value.is_finite() or abs(value) >= 10**13:
            raise _Bad(name, str(cell), "money")
        if unit == "yuan" and value != round_cent(value) \
                and abs(value - round_cent(value)) < Decimal("1e-6"):
            value = round_cent(value)  # 0.1 + 0.2 computed by a formula
    else:
        text = str(cell).strip()
        if not text or text in ("-", "--", "—"):
            return None
        text = text.replace(",", "").replace("，", "").replace("¥", "").replace("￥", "")
        text = text.replace("元", "").replace(" ", "")
        if text.startswith("(") and text.endswith(")"):
            text = "-" + text[1:-1]  # accounting negative
        if "_" in text:  # Decimal would read 1_000 as 1000
            raise _Bad(name, str(cell), "money")
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise _Bad(name, str(cell), "money") from None
    # Up to 12 digits of yuan, as everywhere in posguide: more is no sale, and
    # sums of a million rows stay exact in Decimal's 28 digits.
    if not value.is_finite() or abs(value) >= 10**13:
        raise _Bad(name, str(cell), "money")
    if unit == "fen":
        if value != value.to_integral_value():
            raise _Bad(name, str(cell), "fen")
        return value.scaleb(-2).quantize(CENT)
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        if value != round_cent(value):
            raise _Bad(name, str(cell), "places")
        value = round_cent(value)
    return value.quantize(CENT)


_DATE_TEXT = re.compile(r"^\s*(\d{4})\s*[-/.年]?\s*(\d{1,2})\s*[-/.月]?\s*(\d{1,2})")


class _Dates:
    """Dates from cells, cached by their text: a statement has few distinct days."""

    def __init__(self) -> None:
        self.cache: dict[str, date] = {}

    def __call__(self, cell: Any, name: str) -> date:
        if isinstance(cell, datetime):
            return cell.date()
        if isinstance(cell, date):
            return cell
        text = str(cell).strip() if cell is not None else ""
        key = text[:10]
        day = self.cache.get(key)
        if day is not None and len(text) != 8:
            return day
        match = _DATE_TEXT.match(text)
        if not match:
            raise _Bad(name, text, "date")
        if len(text) >= 8 and text[:8].isdigit() and len(match.group(0).strip()) > 8:
            match = _DATE_TEXT.match(text[:8])  # 20261101102030
            assert match is not None
        try:
            day = date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            raise _Bad(name, text, "impossible_date") from None
        if len(text) != 8:
            self.cache[key] = day
        return day


def _lookup(table: dict[str, Any], text: str, classify: Callable[[str], Any]) -> Any:
    found = table.get(text, table)
    if found is table:
        found = table[text] = classify(text)
    return found


def classify_kind(text: str) -> Kind:
    """消费 sale, 撤销 void, 退货 refund, money taken for something else, or other."""
    low = text.strip().lower()
    if not low:
        return "sale"
    if any(w in low for w in ("撤销", "冲正", "void", "cancel", "reversal")):
        return "void"
    if any(w in low for w in ("退货", "退款", "refund", "return")):
        return "refund"
    if _gives_back(low):
        return "other"  # money paid to the merchant (手续费返还) is no deduction
    sort = deduction_kind(low)
    if sort is not None and sort != "other":
        return "deduction"
    if any(w in low for w in ("消费", "收款", "销售", "支付", "预授权完成", "sale", "purchase",
                              "payment", "pay")):
        return "sale"
    return "deduction" if sort is not None else "other"


# Money given back to the merchant: a fee refunded, a rebate, a subsidy. Looked
# for before the deduction words (手续费返还 has 费 in it).
_GIVE_BACK = ("返还", "返佣", "返现", "退还", "补贴", "退款", "rebate", "refund", "cashback",
              "subsidy")


def _gives_back(low: str) -> bool:
    return any(w in low for w in _GIVE_BACK)


def deduction_kind(low: str) -> str | None:
    """What money taken from a settlement is for: deposit, sim, annual, service,
    other; None when the text names no deduction (or money given back)."""
    if _gives_back(low):
        return None
    if any(w in low for w in ("押金", "保证金", "冻结", "deposit", "freeze")):
        return "deposit"
    if any(w in low for w in ("流量", "sim", "通讯", "通信", "data plan")):
        return "sim"
    if any(w in low for w in ("年费", "annual", "yearly")):
        return "annual"
    if any(w in low for w in ("服务费", "技术服务", "service")):
        return "service"
    if any(w in low for w in ("扣款", "扣费", "代扣", "deduct", "charge", "费")):
        return "other"  # after the sale words: 消费 (a sale) has 费 in it too
    return None


def classify_card(text: str) -> Card | None:
    low = text.strip().lower()
    if not low:
        return None
    if any(w in low for w in ("贷记", "信用", "credit", "准贷")):
        return "credit"
    if any(w in low for w in ("借记", "储蓄", "debit")):
        return "debit"
    if any(w in low for w in ("微信", "支付宝", "扫码", "二维码", "云闪付", "qr", "wechat",
                              "alipay", "scan")):
        return "qr"
    return None


# ------------------------------------------------------------------ sources


@dataclass(frozen=True)
class Source:
    path: Path
    name: str  # as the user wrote it, for messages


def _rows_csv(path: Path, name: str) -> tuple[Iterator[tuple[int, list[Any]]], str]:
    """The first rows of a CSV file (to find the header in) and its encoding."""
    try:
        raw = open(path, "rb")  # noqa: SIM115 - closed by the generator
    except OSError as exc:
        raise UsageError(t("statement.cannot_open", path=name,
                           error=exc.strerror or str(exc))) from None
    sample = raw.read(1 << 16)
    raw.seek(0)
    encoding = _encoding(sample)

    def rows() -> Iterator[tuple[int, list[Any]]]:
        with raw:
            text = io.TextIOWrapper(raw, encoding=encoding, newline="")
            reader = csv.reader(text)
            try:
                for cells in reader:
                    yield reader.line_num, cells
            except UnicodeDecodeError:
                raise DataError(t("statement.mixed_encoding", path=name,
                                  line=reader.line_num + 1, encoding=encoding)) from None
            except csv.Error as exc:
                raise DataError(t("statement.bad_csv", path=name, line=reader.line_num,
                                  error=str(exc))) from None

    return rows(), encoding


def _encoding(sample: bytes) -> str:
    """UTF-8 with a BOM, UTF-8, else GB18030 (a superset of GBK and GB2312)."""
    if sample.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    cut = sample
    if len(sample) == 1 << 16:  # a character may be split at the end of the sample
        cut = sample[: sample.rfind(b"\n") + 1] or sample[:-4]
    try:
        cut.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "gb18030"


def _rows_xlsx(path: Path, name: str) -> list[list[Any]]:
    # Imported here only: the one command that reads spreadsheets pays for it.
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
        sheet = book.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except Exception as exc:  # calamine raises its own error types, and OSError
        raise DataError(t("statement.bad_xlsx", path=name, error=str(exc))) from None
    return sheet


class _Table:
    """The rows of one file below its header, and the file line of the row
    read last (asked only for a row that is kept or bad: the loop stays lean)."""

    def __init__(self, rows: Iterator[list[Any]], line: Callable[[], int],
                 position: Callable[[], int], total: int, close: Callable[[], None]) -> None:
        self.rows = rows
        self.line = line
        self.position = position
        self.total = total
        self.close = close


def _csv_body(path: Path, encoding: str, skip: int, size: int) -> _Table:
    raw = open(path, "rb")  # noqa: SIM115 - closed by the table's close()
    reader = csv.reader(io.TextIOWrapper(raw, encoding=encoding, newline=""))
    for _ in range(skip):  # the title rows and the header, read already
        next(reader, None)
    return _Table(reader, lambda: reader.line_num, raw.tell, size, raw.close)


def _xlsx_body(sheet: list[list[Any]], header_line: int, layout: Layout) -> _Table:
    skip = {layout.columns[f] for f in (*MONEY_FIELDS, "date", "time") if f in layout.columns}
    text_columns = [i for i in layout.columns.values() if i not in skip]
    done = [header_line]

    def rows() -> Iterator[list[Any]]:
        for cells in sheet[header_line:]:
            done[0] += 1
            # text fields as text: a reference number may be a number cell
            for i in text_columns:
                if i < len(cells) and type(cells[i]) is not str:
                    cells[i] = _cell_text(cells[i])
            yield cells

    return _Table(rows(), lambda: done[0], lambda: done[0], len(sheet), lambda: None)


def is_xlsx(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(4) == b"PK\x03\x04"
    except OSError:
        return False


# ------------------------------------------------------------------ results


@dataclass(frozen=True)
class Row:
    """One statement row as findings show it: masked, no other cells."""

    file: str
    line: int
    day: date
    kind: str
    amount: Decimal
    fee: Decimal | None = None
    expected: Decimal | None = None
    settled: Decimal | None = None
    card: str | None = None
    card_no: str | None = None
    ref: str | None = None
    terminal_id: str | None = None
    merchant_no: str | None = None
    what: str | None = None  # the row's transaction type as written, or what differs

    @property
    def difference(self) -> Decimal | None:
        if self.fee is None or self.expected is None:
            return None
        return self.fee - self.expected

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"file": self.file, "line": self.line, "date": self.day.isoformat(),
                               "kind": self.kind, "amount": _s(self.amount)}
        for key in ("fee", "expected", "settled", "difference"):
            value = getattr(self, key)
            if value is not None:
                out[key] = str(value.quantize(CENT))
        for key in ("card", "card_no", "ref", "terminal_id", "merchant_no", "what"):
            value = getattr(self, key)
            if value:
                out[key] = value
        return out


@dataclass
class Finding:
    code: str
    money: dict[str, Decimal]  # named totals, e.g. {"overpaid": ...}
    count: int  # rows (or weeks) concerned, all of them
    rows: list[Row] = field(default_factory=list)  # at most ROW_LIMIT
    facts: dict[str, Any] = field(default_factory=dict)  # rates, weeks, kinds

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "count": self.count,
                "money": {k: str(v.quantize(CENT)) for k, v in self.money.items()},
                **{k: _jsonable(v) for k, v in self.facts.items()},
                "rows": [r.to_json() for r in self.rows],
                "rows_listed": len(self.rows)}


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


@dataclass
class Tally:
    """Sales of one card type or one week."""

    count: int = 0
    amount: Decimal = ZERO
    fee: Decimal = ZERO  # taken, on the sales checked
    expected: Decimal = ZERO  # what the plan allows on the same sales
    checked_amount: Decimal = ZERO
    taken: Decimal = ZERO  # taken on every sale whose fee is known, checked or not

    def merge(self, other: Tally) -> None:
        self.count += other.count
        self.amount += other.amount
        self.fee += other.fee
        self.expected += other.expected
        self.checked_amount += other.checked_amount
        self.taken += other.taken

    def add(self, amount: Decimal, fee: Decimal | None, expected: Decimal | None) -> None:
        self.count += 1
        self.amount += amount
        if fee is not None:
            self.taken += fee
        if fee is not None and expected is not None:
            self.fee += fee
            self.expected += expected
            self.checked_amount += amount

    @property
    def effective_rate(self) -> Decimal | None:
        return _rate(self.fee, self.checked_amount)

    @property
    def agreed_rate(self) -> Decimal | None:
        return _rate(self.expected, self.checked_amount)

    def to_json(self) -> dict[str, Any]:
        return {"sales": self.count, "amount": _s(self.amount), "fees": _s(self.taken),
                "checked_fees": _s(self.fee), "checked_amount": _s(self.checked_amount),
                "plan_fees": _s(self.expected), "difference": _s(self.fee - self.expected),
                "effective_rate": _opt(self.effective_rate), "agreed_rate": _opt(self.agreed_rate)}


def _s(money: Decimal) -> str:
    return str(money.quantize(CENT))


def _rate(fee: Decimal, amount: Decimal) -> Decimal | None:
    if not amount:
        return None
    return (fee / amount * HUNDRED).quantize(RATE_PLACES, rounding=ROUND_HALF_UP)


def _opt(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


@dataclass
class FileInfo:
    name: str
    format: str  # csv or xlsx
    encoding: str | None
    layout: Layout
    rows: int = 0  # data rows read
    duplicates: int = 0  # rows already read from an earlier file

    def to_json(self) -> dict[str, Any]:
        return {"file": self.name, "format": self.format, "encoding": self.encoding,
                "rows": self.rows, "duplicates": self.duplicates, **self.layout.to_json()}


@dataclass
class Audit:
    terminal: str
    files: list[FileInfo]
    first: date | None
    last: date | None
    sales: Tally
    by_card: dict[str, Tally]
    weeks: dict[date, Tally]  # keyed by the Monday of the week
    voids: dict[str, Any]
    refunds: dict[str, Any]
    unchecked: int  # sales with no rate in the plan for their card type
    lower: int  # sales charged less than the plan (no loss)
    other_rows: int
    findings: list[Finding]
    # Sales of the statement's last day not credited yet: not yet due (money
    # arrives about 14:00 the next day, T+1), so no finding.
    not_yet_due: int = 0
    not_yet_due_amount: Decimal = ZERO

    @property
    def difference(self) -> Decimal:
        return self.sales.fee - self.sales.expected

    @property
    def overpaid(self) -> Decimal:
        """Money taken above the plan: fees above it and deductions beyond it."""
        total = ZERO
        for f in self.findings:
            if f.code in ("above_plan", "fixed_fee"):
                total += f.money["total"]
            elif f.code == "deduction":
                total += f.money["beyond"]
        return total

    @property
    def verdict(self) -> str:
        """"higher" when money was taken above the plan; "unknown" when no sale
        could be checked against it (nothing to say "ok" about); else "ok"."""
        if self.overpaid > TOLERANCE:
            return "higher"
        return "ok" if self.sales.checked_amount else "unknown"

    def summary_json(self) -> dict[str, Any]:
        return {
            "terminal": self.terminal,
            "first_day": self.first.isoformat() if self.first else None,
            "last_day": self.last.isoformat() if self.last else None,
            **self.sales.to_json(),
            "overpaid": _s(self.overpaid),
            "unchecked_sales": self.unchecked,
            "sales_below_plan": self.lower,
            "other_rows": self.other_rows,
            "not_yet_due": {"sales": self.not_yet_due,
                            "amount": _s(self.not_yet_due_amount)},
            "voids": _jsonable(self.voids),
            "refunds": _jsonable(self.refunds),
            "by_card": {card: tally.to_json() for card, tally in self.by_card.items()},
            "weeks": [{"week": monday.isoformat(), **tally.to_json()}
                      for monday, tally in sorted(self.weeks.items())],
            "files": [f.to_json() for f in self.files],
        }

    def to_json(self) -> dict[str, Any]:
        return {"schema": 1, "summary": self.summary_json(),
                "findings": [f.to_json() for f in self.findings]}

    def to_event_data(self) -> dict[str, Any]:
        """What the history keeps: the summary's numbers, never a row. The keys
        `amount`, `fee`, `effective_rate` and `verdict` mean what they mean for
        one fee check, so `history` shows an audit the same way."""
        return {
            "source": "statement",
            "amount": _s(self.sales.amount),
            "fee": _s(self.sales.taken),
            "checked_fee": _s(self.sales.fee),
            "expected_fee": _s(self.sales.expected),
            "effective_rate": str(self.sales.effective_rate or ZERO),
            "verdict": self.verdict,
            "sales": self.sales.count,
            "overpaid": _s(self.overpaid),
            "first_day": self.first.isoformat() if self.first else None,
            "last_day": self.last.isoformat() if self.last else None,
            "findings": {f.code: f.count for f in self.findings},
        }


# ------------------------------------------------------------------ key sets


class _Keys:
    """A set of 64-bit hashes in one flat array (8 bytes a slot): the keys of a
    million rows take 16 MiB, where a Python set of them would take 100."""

    def __init__(self) -> None:
        self.slots = array("q", bytes(8 * 1024))
        self.mask = 1023
        self.count = 0

    @staticmethod
    def _h(key: str) -> int:
        return hash(key) or 1

    def __contains__(self, key: str) -> bool:
        h = self._h(key)
        slots, mask = self.slots, self.mask
        i = h & mask
        while True:
            found = slots[i]
            if found == h:
                return True
            if found == 0:
                return False
            i = (i + 1) & mask

    def add(self, key: str) -> None:
        self._add(self._h(key))

    def _add(self, h: int) -> None:
        if (self.count + 1) * 2 > self.mask:
            self._grow()
        slots, mask = self.slots, self.mask
        i = h & mask
        while True:
            found = slots[i]
            if found == h:
                return
            if found == 0:
                slots[i] = h
                self.count += 1
                return
            i = (i + 1) & mask

    def _grow(self) -> None:
        old = self.slots
        self.slots = array("q", bytes(8 * 2 * len(old)))
        self.mask = 2 * len(old) - 1
        self.count = 0
        for h in old:
            if h:
                self._add(h)

    def update(self, other: _Keys) -> None:
        for h in other.slots:
            if h:
                self._add(h)


class _Diffs:
    """How many sales were charged each extra amount: a fixed fee shows as the
    same extra on sales of different amounts. Bounded: when it grows past
    `limit` distinct amounts, those seen once are dropped (a rate rise makes
    every extra different; a fixed fee repeats and stays)."""

    def __init__(self, limit: int = 4096) -> None:
        self.limit = limit
        self.counts: dict[Decimal, list[Any]] = {}  # extra -> [count, first amount, varied]

    def add(self, extra: Decimal, amount: Decimal) -> None:
        entry = self.counts.get(extra)
        if entry is None:
            if len(self.counts) >= self.limit:
                self.counts = {k: v for k, v in self.counts.items() if v[0] > 1}
            self.counts[extra] = [1, amount, False]
            return
        entry[0] += 1
        if not entry[2] and entry[1] != amount:
            entry[2] = True

    def fixed(self) -> dict[Decimal, int]:
        return {extra: entry[0] for extra, entry in self.counts.items()
                if entry[0] >= FIXED_MIN and entry[2]}


# ------------------------------------------------------------------ the audit


@dataclass(slots=True)
class _Week:
    """Sales of one card type in one week: all of them (sales, sold, taken,
    allowed, checked: a Tally at the end), and those whose fee the rate (not
    the cap) sets, for `rate_rose`."""

    sales: int = 0
    sold: Decimal = ZERO
    taken: Decimal = ZERO
    allowed: Decimal = ZERO
    checked: Decimal = ZERO
    all_taken: Decimal = ZERO  # on every sale whose fee is known, checked or not
    amount: Decimal = ZERO  # of the sales the rate prices (not the cap)
    fee: Decimal = ZERO  # taken on those, less the add-on the plan allows
    count: int = 0
    diffs: _Diffs = field(default_factory=lambda: _Diffs(64))


@dataclass(slots=True)
class _Pending:
    """A row kept until every file is read: its fate depends on rows after it."""

    day: date
    amount: Decimal
    missing: Decimal  # what should have come: the amount less the fee
    key: int | None  # hash of the sale's reference number
    print_: int  # hash of (amount, card number, day)
    row: Row | None  # for the first EXAMPLES only


class _Auditor:
    def __init__(self, term: Terminal, unit: Unit | None, mapping: Mapping[str, str]) -> None:
        self.term = term
        self.unit = unit
        self.mapping = mapping
        self.agreed: dict[Card | None, Agreed | None] = {
            card: agreed_for(term, card) for card in (*CARDS, None)}
        self.dates = _Dates()
        self.kinds: dict[str, Kind] = {}
        self.cards: dict[str, Card | None] = {}
        self.deductions: dict[str, str | None] = {}
        self.foreign_cache: dict[tuple[Any, Any], tuple[str, ...]] = {}
        self.rate_weeks: dict[tuple[str, date], _Week] = {}
        self.mondays: dict[date, date] = {}
        self.first: date | None = None
        self.last: date | None = None
        self.diffs = _Diffs()  # extras of sales the rate prices
        self.capped_diffs = _Diffs()  # extras of sales the cap prices
        self.over: list[Row] = []
        self.over_count = 0
        self.over_total = ZERO
        self.unsettled: list[_Pending] = []
        self.deducted: list[Row] = []
        self.deducted_total: dict[str, Decimal] = {}
        self.deducted_count = 0
        self.foreign: list[Row] = []
        self.foreign_count = 0
        self.foreign_amount = ZERO
        # Every void and refund as (kind, amount, sale's ref, its two prints,
        # example): the row itself only for the first EXAMPLES of them, so
        # memory stays small however many there are.
        self.reversals: list[tuple[str, Decimal, int | None, tuple[int, int], Row | None]] = []
        # Every sale's reference and (amount, card, day), as 8-byte hashes in
        # flat arrays: voids and refunds are matched against them once, at the end.
        self.sale_refs = array("q")
        self.sale_prints = array("q")
        self.seen = _Keys()  # rows of the files read before this one
        self.current = _Keys()
        self.unchecked = 0
        self.lower = 0
        self.other = 0
        self.bad: list[str] = []
        self.bad_count = 0
        self.files: list[FileInfo] = []

    # -------------------------------------------------------- one file

    def read(self, source: Source, progress: Callable[[int, int], None] | None,
             many: bool) -> None:
        name = source.name
        try:
            size = source.path.stat().st_size
        except OSError as exc:
            raise UsageError(t("statement.cannot_open", path=name,
                               error=exc.strerror or str(exc))) from None
        if source.path.is_dir():
            raise UsageError(t("statement.cannot_open", path=name, error="directory"))
        sheet: list[list[Any]] | None = None
        encoding: str | None = None
        if is_xlsx(source.path):
            sheet = _rows_xlsx(source.path, name)
            first: Iterator[tuple[int, list[Any]]] = enumerate(sheet, start=1)
        else:
            first, encoding = _rows_csv(source.path, name)
        head: list[tuple[int, list[str]]] = []
        for line, cells in first:
            head.append((line, [_cell_text(c) for c in cells]))
            if len(head) >= HEADER_SEARCH:
                break
            if _usable(_match_header([c.strip() for c in head[-1][1]], self.mapping,
                                     self.unit, None)[0]):
                break
        if sheet is None:
            first.close()  # type: ignore[attr-defined]
        layout = find_layout(head, name, self.mapping, self.unit)
        info = FileInfo(name, "csv" if sheet is None else "xlsx", encoding, layout)
        self.files.append(info)
        if sheet is None:
            skip = next(i for i, (line, _) in enumerate(head) if line == layout.header_line) + 1
            table = _csv_body(source.path, encoding or "utf-8", skip, size)
        else:
            table = _xlsx_body(sheet, layout.header_line, layout)
        try:
            self._rows(info, table, many, progress)
        except UnicodeDecodeError:
            raise DataError(t("statement.mixed_encoding", path=name, line=table.line() + 1,
                              encoding=encoding)) from None
        except csv.Error as exc:
            raise DataError(t("statement.bad_csv", path=name, line=table.line(),
                              error=str(exc))) from None
        finally:
            table.close()
        if many:
            self.seen.update(self.current)
            self.current = _Keys()

    def _rows(self, info: FileInfo, table: _Table, many: bool,
              progress: Callable[[int, int], None] | None) -> None:
        cols = info.layout.columns
        units = info.layout.units
        width = max(cols.values()) + 1
        i_amount = cols["amount"]
        i_fee = cols.get("fee")
        i_settled = cols.get("settled")
        i_day = cols.get("date", cols.get("time"))
        i_type = cols.get("type")
        i_card = cols.get("card")
        i_pay = cols.get("payment")
        i_tid = cols.get("terminal_id")
        i_mno = cols.get("merchant_no")
        i_ref = cols.get("ref")
        i_orig = cols.get("orig_ref")
        i_cardno = cols.get("card_no")
        u_amount = units["amount"]
        u_fee = units.get("fee", "yuan")
        u_settled = units.get("settled", "yuan")
        name = info.name
        # Locals, not attribute look-ups: this loop runs once a row.
        money, dates, day_cache = _money, self.dates, self.dates.cache
        kinds, cards = self.kinds, self.cards
        read = 0
        line_of = table.line
        agreed_map, mondays, buckets = self.agreed, self.mondays, self.rate_weeks
        refs_append, prints_append = self.sale_refs.append, self.sale_prints.append
        has_settled = i_settled is not None
        has_ids = i_tid is not None or i_mno is not None
        foreign_cache = self.foreign_cache
        for cells in table.rows:
            if progress is not None and not read & 1023:
                progress(table.position(), table.total)
            if len(cells) < width:
                if not any(_cell_text(c).strip() for c in cells):
                    continue
                cells = list(cells) + [""] * (width - len(cells))
            try:
                amount = money(cells[i_amount], u_amount, "amount")
                if amount is None:
                    raise _Bad("amount", "", "money")
                when = cells[i_day]  # type: ignore[index]
                day = day_cache.get(when[:10]) if type(when) is str and len(when) > 8 else None
                if day is None:
                    day = dates(when, "date")
                fee = None if i_fee is None else money(cells[i_fee], u_fee, "fee")
                settled = None if i_settled is None else money(cells[i_settled], u_settled,
                                                               "settled")
            except _Bad as bad:
                # A total row at the end (合计, Total) or an empty one is no sale.
                first = next((c for c in map(_cell_text, cells) if c.strip()), "")
                if first and not first.strip().lower().startswith(_TOTAL_WORDS):
                    self._bad(info, line_of(), bad)
                continue
            read += 1
            # Cached by the cell as written: a statement has a handful of types.
            type_text = cells[i_type] if i_type is not None else ""
            kind = kinds.get(type_text) if type_text else ("sale" if amount >= 0 else "refund")
            if kind is None:
                kind = kinds[type_text] = classify_kind(type_text.strip())
                if not type_text.strip() and amount < 0:
                    kind = "refund"
            ref = cells[i_ref].strip() if i_ref is not None else ""
            key = f"{kind}|{ref}" if ref else "|".join(_cell_text(c) for c in cells)
            if many:
                if key in self.seen:
                    info.duplicates += 1
                    continue
                self.current.add(key)
            if has_ids:
                tid = cells[i_tid] if i_tid is not None else ""
                mno = cells[i_mno] if i_mno is not None else ""
                differs = foreign_cache.get((tid, mno))
                if differs is None:
                    differs = foreign_cache[(tid, mno)] = foreign_fields(
                        self.term, merchant_no=mno.strip() or None,
                        terminal_id=tid.strip() or None)
                if differs:
                    tid, mno = tid.strip(), mno.strip()
                    self.foreign_count += 1
                    self.foreign_amount += abs(amount)
                    if len(self.foreign) < ROW_LIMIT:
                        self.foreign.append(Row(
                            name, line_of(), day, kind, abs(amount), fee, None, settled,
                            ref=_visible(ref) or None,
                            terminal_id=_visible(tid) if "terminal_id" in differs else None,
                            merchant_no=_visible(mno) if "merchant_no" in differs else None,
                            what=None))
                    continue
            if self.first is None or day < self.first:
                self.first = day
            if self.last is None or day > self.last:
                self.last = day
            card_text = cells[i_card] if i_card is not None else ""
            card = cards.get(card_text) if card_text else None
            if card is None and card_text and card_text not in cards:
                card = cards[card_text] = classify_card(card_text)
            if card is None and i_pay is not None:
                pay = _cell_text(cells[i_pay])
                if pay:
                    card = _lookup(self.cards, pay, classify_card)
            card_no = cells[i_cardno] if i_cardno is not None else ""
            if card_no and not (len(card_no) == 16 and card_no[6:12] == "******"):
                card_no = mask_card(card_no)  # the usual masked form passes as it is
            amount = abs(amount)
            if kind == "sale":
                # The common case inline (a method call per row costs more than
                # half of what it does); the rare ones in _sale_rest.
                if fee is not None:
                    fee = abs(fee)
                elif settled:
                    fee = amount - settled
                agreed = agreed_map[card]
                expected: Decimal | None = None
                capped = False
                if agreed is not None and fee is not None:
                    expected, capped = agreed.priced(amount)
                sale_key = hash(("sale", ref)) if ref else None
                if sale_key is not None:
                    refs_append(sale_key)
                print_ = hash((amount, card_no, day))
                prints_append(print_)
                monday = mondays.get(day)
                if monday is None:
                    monday = mondays[day] = day - timedelta(days=day.weekday())
                label = card or "unknown"
                bucket = buckets.get((label, monday))
                if bucket is None:  # one bucket per card type and week
                    bucket = buckets[(label, monday)] = _Week()
                bucket.sales += 1
                bucket.sold += amount
                if expected is None or (has_settled and not settled):
                    self._sale_rest(name, line_of, day, amount, fee, settled, card, card_no,
                                    ref, type_text, has_settled, sale_key, print_, bucket,
                                    expected)
                    continue
                bucket.taken += fee  # type: ignore[operator]
                bucket.all_taken += fee  # type: ignore[operator]
                bucket.allowed += expected
                bucket.checked += amount
                extra = fee - expected  # type: ignore[operator]
                if not capped:
                    bucket.amount += amount
                    per = agreed.per_transaction  # type: ignore[union-attr]
                    bucket.fee += fee - per if per else fee  # type: ignore[operator]
                    bucket.count += 1
                if extra > TOLERANCE or extra < _BELOW or (
                        settled is not None and fee + settled != amount):  # type: ignore[operator]
                    self._sale_off(name, line_of, day, amount, fee, settled, card,  # type: ignore[arg-type]
                                   card_no, ref, type_text, expected, extra, capped, bucket)
            elif kind in ("void", "refund"):
                orig = _cell_text(cells[i_orig]).strip() if i_orig is not None else ""
                row = Row(name, line_of(), day, kind, amount, fee, None, settled, card,
                          card_no or None, _visible(ref) or None,
                          what=_visible(type_text.strip()))
                self.reversals.append((
                    kind, amount, hash(("sale", orig or ref)) if (orig or ref) else None,
                    _prints(row), row if len(self.reversals) < EXAMPLES else None))
            elif kind == "deduction":
                if settled is not None and (settled > 0 or not (settled or fee or amount)):
                    # Credited to the merchant, or nothing at all: no money taken.
                    self.other += 1
                    continue
                taken = abs(settled) if settled else (abs(fee) if fee else amount)
                type_text = type_text.strip()
                sort = _lookup(self.deductions, type_text.lower(), deduction_kind) or "other"
                self._deduct(Row(name, line_of(), day, kind, taken, fee, None, settled,
                                 ref=_visible(ref) or None, what=_visible(type_text)), sort)
            else:
                self.other += 1
        info.rows += read
        if progress is not None:
            progress(table.total, table.total)

    def _sale_rest(self, name: str, line: Callable[[], int], day: date, amount: Decimal,
                   fee: Decimal | None, settled: Decimal | None, card: Card | None,
                   card_no: str, ref: str, type_text: str, has_settled: bool,
                   key: int | None, print_: int, bucket: _Week,
                   expected: Decimal | None) -> None:
        """A sale the plan has no rate for, or one never credited."""
        if expected is None and (fee is not None or settled):
            self.unchecked += 1
        if fee is not None:
            bucket.all_taken += fee
        if expected is not None:
            bucket.taken += fee  # type: ignore[operator]
            bucket.allowed += expected
            bucket.checked += amount
        if has_settled and not settled:
            # no fee was seen taken from money that never came
            row = Row(name, line(), day, "sale", amount, fee, expected, settled, card,
                      card_no or None, _visible(ref) or None) \
                if len(self.unsettled) < EXAMPLES else None
            missing = amount - (fee if fee is not None else expected or ZERO)
            self.unsettled.append(_Pending(day, amount, missing, key, print_, row))

    def _sale_off(self, name: str, line: Callable[[], int], day: date, amount: Decimal,
                  fee: Decimal, settled: Decimal | None, card: Card | None, card_no: str,
                  ref: str, type_text: str, expected: Decimal, extra: Decimal,
                  capped: bool, bucket: _Week) -> None:
        """A sale charged other than the plan says, or settled short."""
        if not capped and extra > TOLERANCE:
            bucket.diffs.add(extra, amount)
        if extra > TOLERANCE:
            self.over_count += 1
            self.over_total += extra
            # A capped sale's extra repeats by itself when a provider caps
            # higher than the plan (25 for 20): it counts to a fixed fee only
            # when uncapped sales show the same extra (see finish).
            (self.capped_diffs if capped else self.diffs).add(extra, amount)
            if len(self.over) < 4 * ROW_LIMIT:
                self.over.append(Row(name, line(), day, "sale", amount, fee, expected,
                                     settled, card, card_no or None, _visible(ref) or None))
        elif extra < _BELOW:
            self.lower += 1
        if settled is not None and fee + settled != amount and settled > 0:
            withheld = amount - fee - settled
            if withheld > TOLERANCE:
                self._deduct(Row(name, line(), day, "withheld", withheld, fee, expected, settled,
                                 card, card_no or None, _visible(ref) or None,
                                 what=_visible(type_text.strip()) or None), "withheld")

    def _deduct(self, row: Row, sort: str) -> None:
        self.deducted_count += 1
        self.deducted_total[sort] = self.deducted_total.get(sort, ZERO) + row.amount
        if len(self.deducted) < ROW_LIMIT:
            self.deducted.append(row)

    def _bad(self, info: FileInfo, line: int, bad: _Bad) -> None:
        self.bad_count += 1
        if len(self.bad) >= 20:
            return
        column = info.layout.columns.get(bad.field)
        if column is None and bad.field == "date":
            column = info.layout.columns.get("time")
        header = info.layout.headers[column] if column is not None else bad.field
        self.bad.append(t(f"statement.bad.{bad.reason}", path=info.name, line=line,
                          column=_visible(header), value=_visible(bad.value)[:40]))

    # -------------------------------------------------------- findings

    def finish(self) -> Audit:
        if self.bad:
            more = self.bad_count - len(self.bad)
            text = "\n".join(self.bad)
            if more:
                text += "\n" + t("statement.bad_more", count=more)
            raise BadRows(tn("statement.bad_rows", self.bad_count) + "\n" + text)
        voids, refunds, reversed_refs, reversed_prints = self._match_reversals()
        findings: list[Finding] = []
        fixed = self.diffs.fixed()
        for extra, entry in self.capped_diffs.counts.items():
            if extra in fixed:
                fixed[extra] += entry[0]
        fixed_total = sum((extra * count for extra, count in fixed.items()), ZERO)
        fixed_count = sum(fixed.values())
        above_rows = [r for r in self.over if r.difference not in fixed][:ROW_LIMIT]
        above_count = self.over_count - fixed_count
        if above_count > 0:
            findings.append(Finding("above_plan", {"total": self.over_total - fixed_total},
                                    above_count, above_rows))
        rose = self._rate_rose(fixed)
        if rose is not None:
            findings.append(rose)
        if fixed:
            rows = [r for r in self.over if r.difference in fixed][:ROW_LIMIT]
            allowed = self.term.fees.per_transaction or ZERO
            findings.append(Finding(
                "fixed_fee", {"total": fixed_total, "each": max(fixed, key=lambda k: fixed[k]),
                              "allowed": allowed}, fixed_count, rows,
                {"amounts": {str(k): v for k, v in sorted(fixed.items())}}))
        deduction = self._deduction()
        if deduction is not None:
            findings.append(deduction)
        unsettled = [p for p in self.unsettled
                     if not ((p.key is not None and p.key in reversed_refs)
                             or p.print_ in reversed_prints)]
        # Sales of the last day are credited the next day (T+1): not yet due.
        waiting = [p for p in unsettled if p.day == self.last]
        waiting_amount = sum((p.amount for p in waiting), ZERO)
        unsettled = [p for p in unsettled if p.day != self.last]
        if unsettled:
            findings.append(Finding(
                "unsettled", {"total": sum((p.missing for p in unsettled), ZERO),
                              "amount": sum((p.amount for p in unsettled), ZERO)},
                len(unsettled), [p.row for p in unsettled if p.row is not None][:ROW_LIMIT]))
        if self.foreign_count:
            findings.append(Finding("foreign", {"total": self.foreign_amount},
                                    self.foreign_count, self.foreign))
        sales = Tally()
        by_card: dict[str, Tally] = {}
        weeks: dict[date, Tally] = {}
        for (card, monday), bucket in sorted(self.rate_weeks.items()):
            tally = Tally(bucket.sales, bucket.sold, bucket.taken, bucket.allowed,
                          bucket.checked, bucket.all_taken)
            sales.merge(tally)
            by_card.setdefault(card, Tally()).merge(tally)
            weeks.setdefault(monday, Tally()).merge(tally)
        return Audit(self.term.name, self.files, self.first, self.last, sales, by_card,
                     weeks, voids, refunds, self.unchecked, self.lower, self.other, findings,
                     len(waiting), waiting_amount)

    def _match_reversals(self) -> tuple[dict[str, Any], dict[str, Any], set[int], set[int]]:
        """Each void or refund matched to its sale: by the sale's reference
        number, else by amount, card and day (or the day before: late-night
        sales count to the next day)."""
        out: dict[str, dict[str, Any]] = {
            kind: {"count": 0, "amount": ZERO, "matched": 0, "unmatched": []}
            for kind in ("void", "refund")}
        wanted_refs = {key for _, _, key, _, _ in self.reversals if key is not None}
        wanted_prints = {p for _, _, _, pair, _ in self.reversals for p in pair}
        # One pass over the arrays for all of them together.
        refs = {h for h in self.sale_refs if h in wanted_refs} if wanted_refs else set()
        prints = ({h for h in self.sale_prints if h in wanted_prints} if wanted_prints
                  else set())
        for kind, amount, key, pair, row in self.reversals:
            entry = out[kind]
            entry["count"] += 1
            entry["amount"] += amount
            if (key is not None and key in refs) or any(p in prints for p in pair):
                entry["matched"] += 1
            elif row is not None and len(entry["unmatched"]) < ROW_LIMIT:
                entry["unmatched"].append(row.to_json())
        for entry in out.values():
            entry["amount"] = entry["amount"].quantize(CENT)
        return out["void"], out["refund"], refs, prints

    def _rate_rose(self, fixed: Mapping[Decimal, int]) -> Finding | None:
        """The first week whose effective rate (of sales the rate prices, fixed
        extras taken out) rose above the first week's, and stayed up."""
        best: Finding | None = None
        for card in sorted({c for c, _ in self.rate_weeks}):
            weeks = sorted((monday, w) for (c, monday), w in self.rate_weeks.items()
                           if c == card and w.amount)
            if len(weeks) < 2:
                continue

            def rate_of(w: _Week) -> Decimal:
                extra = sum((k * w.diffs.counts[k][0] for k in fixed if k in w.diffs.counts),
                            ZERO)
                return (w.fee - extra) / w.amount * HUNDRED

            base_monday, base = weeks[0]
            base_rate = rate_of(base)
            for i, (monday, week) in enumerate(weeks[1:], start=1):
                noise = Decimal("0.005") * week.count / week.amount * HUNDRED * 2
                if rate_of(week) - base_rate <= max(RISE_MIN, noise):
                    continue
                later = weeks[i:]
                amount = sum((w.amount for _, w in later), ZERO)
                fee = sum((w.fee for _, w in later), ZERO)
                extra_fixed = sum((k * w.diffs.counts[k][0] for _, w in later for k in fixed
                                   if k in w.diffs.counts), ZERO)
                after = (fee - extra_fixed) / amount * HUNDRED
                if after - base_rate <= RISE_MIN:
                    continue
                cost = round_cent(fee - extra_fixed - amount * base_rate / HUNDRED)
                finding = Finding(
                    "rate_rose", {"extra": cost, "amount": amount}, len(later), [],
                    {"card": card, "from_week": base_monday, "rose_week": monday,
                     "rate_before": _q(base_rate), "rate_after": _q(after),
                     "weeks": [{"week": m, "rate": _q(rate_of(w)),
                                "amount": w.amount.quantize(CENT)} for m, w in weeks]})
                if best is None or cost > best.money["extra"]:
                    best = finding
                break
        return best

    def _deduction(self) -> Finding | None:
        if not self.deducted_count:
            return None
        total = sum(self.deducted_total.values(), ZERO)
        deposits = self.deducted_total.get("deposit", ZERO)
        yearly = self.term.fees.yearly or ZERO
        years = 1
        if self.first is not None and self.last is not None:
            years = max(1, -(-((self.last - self.first).days + 1) // 365))
        allowed = min(yearly * years, total - deposits)
        beyond = total - allowed
        if beyond <= TOLERANCE:
            return None
        return Finding("deduction", {"total": total, "allowed": allowed, "beyond": beyond},
                       self.deducted_count, self.deducted,
                       {"kinds": {k: v.quantize(CENT)
                                  for k, v in sorted(self.deducted_total.items())}})


_BELOW = -TOLERANCE


def _q(rate: Decimal) -> Decimal:
    return rate.quantize(RATE_PLACES, rounding=ROUND_HALF_UP)


def _prints(row: Row) -> tuple[int, int]:
    """What a void or refund of `row` may match: a sale of the same amount and
    card on its day or the day before."""
    card = row.card_no or ""
    return hash((row.amount, card, row.day)), hash((row.amount, card, row.day - timedelta(days=1)))


def _cell_text(cell: Any) -> str:
    if cell is None:
        return ""
    if isinstance(cell, str):
        return cell
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime):
        return cell.isoformat(sep=" ")
    return str(cell)


def audit(sources: list[Source], term: Terminal, unit: Unit | None = None,
          mapping: Mapping[str, str] | None = None,
          progress: Callable[[int, int, int], None] | None = None) -> Audit:
    """Read every file into one audit of `term`'s sales against its fee plan.
    `progress(file_index, done, total)` is told how far each file is read."""
    auditor = _Auditor(term, unit, mapping or {})
    many = len(sources) > 1
    for index, source in enumerate(sources):
        tick = None
        if progress is not None:
            def tick(done: int, total: int, index: int = index) -> None:
                progress(index, done, total)
        auditor.read(source, tick, many)
    return auditor.finish()
