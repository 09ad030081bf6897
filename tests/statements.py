"""Settlement statements for the tests and the bench, with problems planted on
purpose and the money each one is worth worked out here, independently of
posguide's own code (plain Decimal arithmetic, half-up to the cent)."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from xml.sax.saxutils import escape

D = Decimal
CENT = D("0.01")
MONDAY = date(2026, 11, 2)


def cent(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def luhn_complete(body: str) -> str:
    for digit in "0123456789":
        number = body + digit
        total = 0
        for i, ch in enumerate(reversed(number)):
            n = int(ch) * (2 if i % 2 else 1)
            total += n - 9 if n > 9 else n
        if total % 10 == 0:
            return number
    raise AssertionError


FULL_CARD = luhn_complete("622202123456789012")  # 19 digits, passes Luhn


@dataclass
class Plan:
    debit: Decimal
    credit: Decimal
    debit_cap: Decimal | None = None
    qr: Decimal | None = None
    yearly: Decimal = D(0)

    def fee(self, amount: Decimal, card: str) -> Decimal:
        rate = {"debit": self.debit, "credit": self.credit, "qr": self.qr}[card]
        assert rate is not None
        fee = cent(amount * rate / 100)
        if card == "debit" and self.debit_cap is not None and fee > self.debit_cap:
            fee = self.debit_cap
        return fee


@dataclass
class Txn:
    day: date
    time: str
    kind: str  # sale void refund deduction
    amount: Decimal
    fee: Decimal
    settled: Decimal | None
    card: str = "debit"
    card_no: str = "622202******1234"
    ref: str = ""
    orig_ref: str = ""
    type_text: str = ""
    terminal_id: str = ""
    merchant_no: str = ""


@dataclass
class Expected:
    above_plan: Decimal = D(0)
    above_plan_count: int = 0
    fixed_each: Decimal | None = None
    fixed_count: int = 0
    deduction_total: Decimal = D(0)
    deduction_beyond: Decimal = D(0)
    unsettled_count: int = 0
    unsettled_missing: Decimal = D(0)
    foreign_count: int = 0
    foreign_amount: Decimal = D(0)
    rate_rose: str | None = None  # the card type whose rate rose
    rose_week: date | None = None
    codes: list[str] = field(default_factory=list)


@dataclass
class Built:
    txns: list[Txn]
    expected: Expected
    plan: Plan
    merchant_no: str
    terminal_id: str


AMOUNTS = [D(x) for x in ("128.50", "356.00", "1999.99", "45.20", "780.00", "2300.00",
                          "66.66", "505.05", "1210.40", "88.80")]


def layout_a_problems() -> Built:
    """One month of a Lakala-like terminal with one problem of every kind:
    credit rate raised from the third week, a 2 CNY fixed fee on debit sales in
    the fourth, the yearly SIM fee taken twice, a sale never credited, a row
    of another terminal, plus a void and a refund matched to their sales."""
    plan = Plan(debit=D("0.55"), credit=D("0.60"), debit_cap=D("20"), qr=D("0.38"),
                yearly=D("59"))
    mno, tid = "822581083986056", "LKL00123"
    ex = Expected()
    txns: list[Txn] = []
    seq = 0

    def ref() -> str:
        nonlocal seq
        seq += 1
        return f"{310000000000 + seq}"

    for week in range(4):
        for i in range(10):
            day = MONDAY + timedelta(days=week * 7 + i % 7)
            amount = AMOUNTS[(i + week) % len(AMOUNTS)]
            card = ("credit", "debit", "qr")[i % 3] if i < 9 else "debit"
            fee = plan.fee(amount, card)
            if card == "credit" and week >= 2:  # the quiet rise: 0.60% -> 0.68%
                hiked = cent(amount * D("0.68") / 100)
                ex.above_plan += hiked - fee
                ex.above_plan_count += 1
                fee = hiked
            if card == "debit" and week == 3:  # a fixed 2.00 the plan does not allow
                fee += D("2.00")
                ex.fixed_count += 1
            txns.append(Txn(day, f"{10 + i}:0{i % 6}:00", "sale", amount, fee, amount - fee,
                            card, ref=ref()))
        # one big debit sale a week: the cap applies (0.55% of 10000 = 55 > 20)
        day = MONDAY + timedelta(days=week * 7 + 3)
        fee = plan.fee(D("10000.00"), "debit")
        assert fee == D("20")
        if week == 3:
            fee += D("2.00")
            ex.fixed_count += 1
        txns.append(Txn(day, "15:30:00", "sale", D("10000.00"), fee, D("10000.00") - fee,
                        "debit", ref=ref()))
    ex.fixed_each = D("2.00")
    ex.rate_rose, ex.rose_week = "credit", MONDAY + timedelta(days=14)
    # unsettled: a debit sale with nothing credited
    fee = plan.fee(D("432.10"), "debit")
    txns.append(Txn(MONDAY + timedelta(days=1), "11:11:11", "sale", D("432.10"), fee, None,
                    "debit", ref=ref()))
    ex.unsettled_count, ex.unsettled_missing = 1, D("432.10") - fee
    # a voided sale (not credited, and rightly so) and its void
    fee = plan.fee(D("888.00"), "credit")
    txns.append(Txn(MONDAY + timedelta(days=8), "12:00:00", "sale", D("888.00"), fee, None,
                    "credit", card_no="625807******5678", ref=ref()))
    txns.append(Txn(MONDAY + timedelta(days=8), "12:05:00", "void", D("888.00"), fee, None,
                    "credit", card_no="625807******5678", ref=ref(), type_text="消费撤销"))
    # a refunded sale, paid with a card whose full number the file shows
    fee = plan.fee(D("300.00"), "debit")
    txns.append(Txn(MONDAY + timedelta(days=16), "09:00:00", "sale", D("300.00"), fee,
                    D("300.00") - fee, "debit", card_no=FULL_CARD, ref=ref()))
    txns.append(Txn(MONDAY + timedelta(days=16), "17:00:00", "refund", D("300.00"), D(0),
                    D("-300.00"), "debit", card_no=FULL_CARD, ref=ref(), type_text="退货"))
    # the yearly SIM fee, taken twice
    for days in (3, 21):
        txns.append(Txn(MONDAY + timedelta(days=days), "02:00:00", "deduction", D("0.00"),
                        D("0.00"), D("-59.00"), "", card_no="", ref=ref(),
                        type_text="流量卡服务费"))
    ex.deduction_total, ex.deduction_beyond = D("118.00"), D("59.00")
    # a sale under another terminal ID
    fee = plan.fee(D("520.00"), "credit")
    txns.append(Txn(MONDAY + timedelta(days=10), "13:00:00", "sale", D("520.00"), fee,
                    D("520.00") - fee, "credit", ref=ref(), terminal_id="LKL99999"))
    ex.foreign_count, ex.foreign_amount = 1, D("520.00")
    ex.codes = ["above_plan", "rate_rose", "fixed_fee", "deduction", "unsettled", "foreign"]
    txns.sort(key=lambda x: (x.day, x.time))
    for txn in txns:
        txn.merchant_no = txn.merchant_no or mno
        txn.terminal_id = txn.terminal_id or tid
    return Built(txns, ex, plan, mno, tid)


def layout_a_clean() -> Built:
    """Three weeks with every sale charged as agreed: nothing to find."""
    plan = Plan(debit=D("0.55"), credit=D("0.60"), debit_cap=D("20"), qr=D("0.38"))
    txns = []
    for n in range(60):
        day = MONDAY + timedelta(days=n % 21)
        amount = AMOUNTS[n % len(AMOUNTS)] + D(n)
        card = ("credit", "debit", "qr")[n % 3]
        fee = plan.fee(amount, card)
        txns.append(Txn(day, "10:00:00", "sale", amount, fee, amount - fee, card,
                        ref=f"{320000000000 + n}", merchant_no="822581083986056",
                        terminal_id="LKL00123"))
    txns.sort(key=lambda x: (x.day, x.time))
    return Built(txns, Expected(), plan, "822581083986056", "LKL00123")


def layout_b_problems() -> Built:
    """Another provider, three weeks: a 3 CNY instant-settlement fee on every
    sale from the second week, one debit sale charged without its cap, a
    deposit taken, a sale credited 0, a row of another merchant, a void."""
    plan = Plan(debit=D("0.50"), credit=D("0.58"), debit_cap=D("25"))
    mno, tid = "836290058125678", "SXF00077"
    ex = Expected()
    txns: list[Txn] = []
    n = 0
    for week in range(3):
        for i in range(12):
            n += 1
            day = MONDAY + timedelta(days=week * 7 + i % 6)
            amount = AMOUNTS[(i * 3 + week) % len(AMOUNTS)]
            card = "credit" if i % 2 else "debit"
            fee = plan.fee(amount, card)
            if week >= 1:
                fee += D("3.00")
                ex.fixed_count += 1
            txns.append(Txn(day, f"{9 + i}0000", "sale", amount, fee, amount - fee, card,
                            card_no="436742******0101", ref=f"R{n:011d}"))
    ex.fixed_each = D("3.00")
    # the cap not applied: 0.50% of 8000 is 40, the plan caps it at 25
    txns.append(Txn(MONDAY + timedelta(days=2), "140000", "sale", D("8000.00"), D("40.00"),
                    D("7960.00"), "debit", card_no="436742******0202", ref="R90000000001"))
    ex.above_plan, ex.above_plan_count = D("15.00"), 1
    # a deposit frozen from the settlement
    txns.append(Txn(MONDAY + timedelta(days=1), "030000", "deduction", D("0.00"), D("0.00"),
                    D("-298.00"), "", card_no="", ref="R90000000002", type_text="押金冻结"))
    ex.deduction_total = ex.deduction_beyond = D("298.00")
    # a credit sale credited 0
    fee = plan.fee(D("650.00"), "credit")
    txns.append(Txn(MONDAY + timedelta(days=4), "160000", "sale", D("650.00"), fee, D("0.00"),
                    "credit", card_no="436742******0303", ref="R90000000003"))
    ex.unsettled_count, ex.unsettled_missing = 1, D("650.00") - fee
    # a voided sale: the void names the sale's reference number
    fee = plan.fee(D("1200.00"), "debit")
    txns.append(Txn(MONDAY + timedelta(days=9), "110000", "sale", D("1200.00"), fee, D("0.00"),
                    "debit", card_no="436742******0404", ref="R90000000004"))
    txns.append(Txn(MONDAY + timedelta(days=10), "090000", "void", D("1200.00"), D("0.00"),
                    D("0.00"), "debit", card_no="436742******0404", ref="R90000000005",
                    orig_ref="R90000000004", type_text="撤销"))
    # a sale under another merchant number
    fee = plan.fee(D("77.00"), "debit")
    txns.append(Txn(MONDAY + timedelta(days=5), "120000", "sale", D("77.00"), fee,
                    D("77.00") - fee, "debit", ref="R90000000006",
                    merchant_no="836290058199999"))
    ex.foreign_count, ex.foreign_amount = 1, D("77.00")
    ex.codes = ["above_plan", "fixed_fee", "deduction", "unsettled", "foreign"]
    for txn in txns:
        txn.merchant_no = txn.merchant_no or mno
        txn.terminal_id = txn.terminal_id or tid
    txns.sort(key=lambda x: (x.day, x.time))
    return Built(txns, ex, plan, mno, tid)


# ------------------------------------------------------------------ layouts

CARD_ZH = {"debit": "借记卡", "credit": "贷记卡", "qr": "扫码", "": ""}
TYPE_ZH = {"sale": "消费", "void": "撤销", "refund": "退货", "deduction": "其他扣款"}
A_HEADER = ["交易时间", "商户号", "终端号", "检索参考号", "卡号", "卡类型", "交易类型",
            "交易金额(元)", "手续费(元)", "结算金额(元)"]


def a_rows(built: Built) -> list[list[str]]:
    rows = []
    for x in built.txns:
        rows.append([f"{x.day.isoformat()} {x.time}", x.merchant_no, x.terminal_id, x.ref,
                     x.card_no, CARD_ZH[x.card], x.type_text or TYPE_ZH[x.kind],
                     f"{-x.amount if x.kind in ('void', 'refund') else x.amount}",
                     f"{x.fee}", "" if x.settled is None else f"{x.settled}"])
    return rows


A_TITLE = [["拉卡拉商户结算明细"], ["商户名称：街角小店", "", ""],
           ["查询日期：2026-11-01 至 2026-11-30"], []]


def csv_text(rows: list[list[str]]) -> str:
    import csv

    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def layout_a_csv(built: Built) -> bytes:
    """Chinese headers, yuan, title rows above the header, a total row below,
    UTF-8 with a BOM (what Excel and the merchant apps export)."""
    total = sum((x.amount for x in built.txns if x.kind == "sale"), Decimal(0))
    rows = A_TITLE + [A_HEADER] + a_rows(built) + [["合计", "", "", "", "", "", "", str(total)]]
    return ("\ufeff" + csv_text(rows)).encode("utf-8")


B_HEADER = ["Trade Date", "Trade Time", "MID", "TID", "RRN", "Card No", "Card Type",
            "Trans Type", "Amount", "Fee", "Net Amount", "Orig RRN"]


def layout_b_csv(built: Built) -> bytes:
    """English headers from another provider, amounts in fen (said in a title
    row), Chinese values, GBK."""
    def fen(value: Decimal | None) -> str:
        return "" if value is None else str(int(value * 100))

    rows = [["随行付商户交易结算报表 Merchant settlement report"], ["Unit: fen (金额单位：分)"],
            B_HEADER]
    for x in built.txns:
        rows.append([x.day.strftime("%Y%m%d"), x.time, x.merchant_no, x.terminal_id, x.ref,
                     x.card_no, CARD_ZH[x.card], x.type_text or TYPE_ZH[x.kind],
                     fen(x.amount), fen(x.fee), fen(x.settled), x.orig_ref])
    return csv_text(rows).encode("gbk")


# ------------------------------------------------------------------ xlsx


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    """A minimal XLSX (one sheet, inline strings, numbers as numbers): what a
    spreadsheet needs, written by hand so the tests need no writer library."""
    def col(i: int) -> str:
        name = ""
        i += 1
        while i:
            i, r = divmod(i - 1, 26)
            name = chr(65 + r) + name
        return name

    sheet = io.StringIO()
    sheet.write('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                "<sheetData>")
    for r, row in enumerate(rows, start=1):
        sheet.write(f'<row r="{r}">')
        for c, value in enumerate(row):
            ref = f"{col(c)}{r}"
            if isinstance(value, Decimal | int):
                sheet.write(f'<c r="{ref}"><v>{value}</v></c>')
            elif value not in (None, ""):
                sheet.write(f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(value))}</t></is></c>')
        sheet.write("</row>")
    sheet.write("</sheetData></worksheet>")
    ns = "http://schemas.openxmlformats.org"
    office = f"{ns}/officeDocument/2006/relationships"
    kind = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    files = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{kind}.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{kind}.worksheet+xml"/>'
            "</Types>"),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{office}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"),
        "xl/workbook.xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="结算明细" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{office}/worksheet" '
            'Target="worksheets/sheet1.xml"/>'
            "</Relationships>"),
        "xl/worksheets/sheet1.xml": sheet.getvalue(),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in files.items():
            zf.writestr(name, text.encode("utf-8"))
    return out.getvalue()


def layout_a_xlsx(built: Built) -> bytes:
    """Layout A as a spreadsheet: title rows, money as number cells."""
    rows: list[list[object]] = [list[object](r) for r in A_TITLE] + [list[object](A_HEADER)]
    for row in a_rows(built):
        cells: list[object] = list(row[:7])
        cells += [Decimal(v) if v else "" for v in row[7:]]
        rows.append(cells)
    return xlsx_bytes(rows)


def init_args(built: Built, name: str = "main") -> list[str]:
    plan = built.plan
    args = ["init", "--no-input", "--name", name, "--purchased", "2025-01-10",
            "--merchant-no", built.merchant_no, "--terminal-id", built.terminal_id,
            "--fee-debit", str(plan.debit), "--fee-credit", str(plan.credit)]
    if plan.debit_cap is not None:
        args += ["--fee-debit-cap", str(plan.debit_cap)]
    if plan.qr is not None:
        args += ["--fee-qr", str(plan.qr)]
    if plan.yearly:
        args += ["--fee-yearly", str(plan.yearly)]
    return args
