"""What `statement audit` shows people: the summary, a weekly chart of the
effective rate against the agreed one, and each finding with its rows and what
to do. The chart is drawn with ASCII marks only (= # |), which keep their
width in every terminal, Chinese ones included."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..fees import format_money, format_rate
from ..i18n import t, tn
from ..render import SEVERITY_STYLE

if TYPE_CHECKING:
    from rich.console import Console

    from ..statement import Audit, Finding, Row

ROWS_SHOWN = 10
BAR, OVER, MARK = "=", "#", "|"


def card_label(card: str) -> str:
    return t(f"statement.card.{card}")


def rate_text(rate: Decimal | None) -> str:
    return "-" if rate is None else format_rate(rate)


def chart_rows(result: Audit, width: int) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(week, rate, [(marks, kind)]) per week: kind is taken, over, agreed or
    space. The scale is shared, so bars of different weeks compare."""
    weeks = sorted((m, w) for m, w in result.weeks.items() if w.checked_amount)
    top = max([w.effective_rate or Decimal(0) for _, w in weeks]
              + [w.agreed_rate or Decimal(0) for _, w in weeks] + [Decimal("0.01")])
    out = []
    for monday, week in weeks:
        taken = week.effective_rate or Decimal(0)
        agreed = week.agreed_rate or Decimal(0)
        n_taken = int(taken / top * (width - 1) + Decimal("0.5"))
        n_agreed = int(agreed / top * (width - 1) + Decimal("0.5"))
        cells = []
        for i in range(max(n_taken, n_agreed + 1)):
            if i == n_agreed:
                cells.append((MARK, "agreed"))
            elif i < n_taken:
                cells.append((BAR if i < n_agreed else OVER, "taken" if i < n_agreed else "over"))
            else:
                cells.append((" ", "space"))
        runs: list[tuple[str, str]] = []
        for char, kind in cells:
            if runs and runs[-1][1] == kind:
                runs[-1] = (runs[-1][0] + char, kind)
            else:
                runs.append((char, kind))
        out.append((monday.isoformat(), rate_text(week.effective_rate), runs))
    return out


STYLES = {"taken": "cyan", "over": "bold red", "agreed": "bold yellow", "space": ""}


def render(out: Console, result: Audit) -> None:
    from rich.table import Table
    from rich.text import Text

    from ..render import say

    first = result.first.isoformat() if result.first else "-"
    last = result.last.isoformat() if result.last else "-"
    out.print(Text(t("statement.title", name=result.terminal, first=first, last=last),
                   style="bold"), soft_wrap=True)
    sales = result.sales
    if not sales.count:
        say(t("statement.no_sales"))
    else:
        say(tn("statement.sales", sales.count, amount=format_money(sales.amount),
              fees=format_money(sales.taken), plan=format_money(sales.expected),
              difference=format_money(result.difference)))
        say(t("statement.rate", rate=rate_text(sales.effective_rate),
              agreed=rate_text(sales.agreed_rate)))
    if result.voids["count"] or result.refunds["count"]:
        say(t("statement.reversals", voids=result.voids["count"],
              voids_matched=result.voids["matched"], refunds=result.refunds["count"],
              refunds_matched=result.refunds["matched"]), style="dim")
    duplicates = sum(f.duplicates for f in result.files)
    if duplicates:
        say(tn("statement.duplicates", duplicates), style="dim")
    if result.unchecked:
        say(tn("statement.unchecked", result.unchecked), style="yellow")
    if result.not_yet_due:
        say(tn("statement.not_yet_due", result.not_yet_due,
               amount=format_money(result.not_yet_due_amount)), style="dim")
    if result.other_rows:
        say(tn("statement.other_rows", result.other_rows), style="dim")

    if result.by_card:
        table = Table(box=None, padding=(0, 1, 0, 0), show_edge=False)
        for key in ("card", "sales", "amount", "fees", "plan", "difference", "rate", "agreed"):
            table.add_column(t(f"statement.col.{key}"), justify="left" if key == "card"
                             else "right", no_wrap=True)
        items = sorted(result.by_card.items())
        if len(items) > 1:
            items.append(("all", sales))
        for card, tally in items:
            diff = tally.fee - tally.expected
            table.add_row(card_label(card), str(tally.count), format_money(tally.amount),
                          format_money(tally.taken), format_money(tally.expected),
                          Text(format_money(diff), style="red" if diff > Decimal("0.01") else ""),
                          rate_text(tally.effective_rate), rate_text(tally.agreed_rate))
        out.print()
        out.print(table)

    rows = chart_rows(result, max(min(out.width, 100) - 23, 20))
    if rows:
        out.print()
        out.print(Text(t("statement.chart_title", bar=BAR, mark=MARK, over=OVER)),
                  soft_wrap=True)
        for week, rate, runs in rows:
            line = Text(f"{week}  {rate:>8}  ")
            for chars, kind in runs:
                line.append(chars, style=STYLES[kind])
            out.print(line, soft_wrap=True, overflow="crop", no_wrap=True)

    out.print()
    if not result.findings:
        if result.verdict == "unknown":
            _marked(out, "info", tn("statement.nothing_checked", result.unchecked))
        elif result.unchecked:
            _marked(out, "ok", tn("statement.clean_checked", sales.count - result.unchecked))
        else:
            _marked(out, "ok", t("statement.clean"))
        return
    if result.verdict == "higher":
        found = tn("statement.found", len(result.findings),
                   overpaid=format_money(result.overpaid))
    else:  # only unsettled, foreign or a rate rise: no money clause of 0.00
        found = tn("statement.found_nothing_above", len(result.findings))
    _marked(out, "warn", found)
    for finding in result.findings:
        out.print()
        _finding(out, finding, len(result.files) == 1)


def finding_words(finding: Finding) -> dict[str, Any]:
    """The values a finding's sentences are made of, for every output."""
    money = {k: format_money(v) for k, v in finding.money.items()}
    words: dict[str, Any] = {"count": finding.count, **money}
    facts = finding.facts
    if finding.code == "rate_rose":
        words.update(card=card_label(facts["card"]), before=format_rate(facts["rate_before"]),
                     after=format_rate(facts["rate_after"]),
                     from_week=facts["from_week"].isoformat(),
                     rose_week=facts["rose_week"].isoformat())
    if finding.code == "deduction":
        from ..prose import join

        words["kinds"] = join(f"{t(f'statement.deduction.{kind}')} {format_money(value)}"
                              for kind, value in facts["kinds"].items())
    return words


def finding_sentence(finding: Finding) -> str:
    key = f"statement.finding.{finding.code}"
    if finding.code == "fixed_fee" and finding.money.get("allowed"):
        key += "_allowed"
    words = finding_words(finding)
    return tn(key, words.pop("count"), **words)


def _finding(out: Console, finding: Finding, one_file: bool) -> None:
    from rich.table import Table

    from ..render import say

    _marked(out, "critical" if finding.code != "foreign" else "warn",
            t("statement.heading", code=t(f"statement.code.{finding.code}"),
              sentence=finding_sentence(finding)))
    if finding.rows:
        table = Table(box=None, padding=(0, 1, 0, 0), show_edge=False)
        columns = row_columns(finding)
        for key in columns:
            table.add_column(t(f"statement.col.{key}"), no_wrap=key not in ("what", "card_no"),
                             justify="right" if key in MONEY_COLUMNS else "left",
                             overflow="fold")
        for row in finding.rows[:ROWS_SHOWN]:
            table.add_row(*[cell(row, key, one_file) for key in columns])
        out.print(table)
        more = finding.count - min(len(finding.rows), ROWS_SHOWN)
        if more > 0:
            say("  " + t("statement.more_rows", count=more), style="dim")
    say(t(f"statement.todo.{finding.code}", **finding_words(finding)))


MONEY_COLUMNS = ("amount", "fees", "plan", "difference", "settled")


def row_columns(finding: Finding) -> list[str]:
    if finding.code in ("above_plan", "fixed_fee"):
        return ["line", "date", "card", "amount", "fees", "plan", "difference", "card_no"]
    if finding.code == "unsettled":
        return ["line", "date", "card", "amount", "fees", "settled", "ref"]
    if finding.code == "deduction":
        return ["line", "date", "amount", "what"]
    return ["line", "date", "amount", "what", "ref"]


def cell(row: Row, key: str, one_file: bool = False) -> str:
    """One cell of a finding's row, as text (masked card numbers only)."""
    from pathlib import Path

    if key == "line":
        return str(row.line) if one_file else f"{Path(row.file).name}:{row.line}"
    if key == "date":
        return row.day.isoformat()
    if key == "card":
        return card_label(row.card or "unknown")
    if key == "amount":
        return format_money(row.amount)
    if key == "fees":
        return "-" if row.fee is None else format_money(row.fee)
    if key == "plan":
        return "-" if row.expected is None else format_money(row.expected)
    if key == "difference":
        return "-" if row.difference is None else format_money(row.difference)
    if key == "settled":
        return "-" if row.settled is None else format_money(row.settled)
    if key == "card_no":
        return row.card_no or ""
    if key == "ref":
        return row.ref or ""
    if key == "what":
        parts = [row.what or ""]
        if row.merchant_no:
            parts.append(f"{t('fields.merchant_no')} {row.merchant_no}")
        if row.terminal_id:
            parts.append(f"{t('fields.terminal_id')} {row.terminal_id}")
        return " ".join(p for p in parts if p)
    raise KeyError(key)


def _marked(out: Console, severity: str, message: str) -> None:
    from rich.text import Text

    from ..prose import wrap

    mark, style = SEVERITY_STYLE[severity]
    indent = " " * (len(mark) + 1)
    for number, line in enumerate(wrap(message, max(out.width - len(indent), 20))):
        out.print(Text((mark + " " if number == 0 else indent) + line, style=style),
                  soft_wrap=True)
