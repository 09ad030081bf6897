"""`statement audit --html FILE`: the audit as one page a service agent can send
to a merchant. Self-contained: inline CSS and an inline SVG chart, no script,
nothing fetched, every text from a file escaped, in the user's language."""

from __future__ import annotations

from decimal import Decimal
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from ..fees import format_money
from ..i18n import get_lang, t, tn
from .statement_view import (
    card_label,
    cell,
    finding_sentence,
    finding_words,
    rate_text,
    row_columns,
)

if TYPE_CHECKING:
    from ..statement import Audit

# The chart's colours, also looked for by the screenshot test.
TAKEN = "#1f6fb2"
OVER = "#d62728"
AGREED = "#f0a800"

CSS = """
body{font-family:system-ui,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;
margin:2em auto;max-width:60em;padding:0 1em;color:#222;line-height:1.45}
h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.15em;margin-top:1.6em}
.verdict{font-size:1.3em;font-weight:bold;padding:.5em .8em;border-radius:.3em}
.higher{background:#fde2e1;color:#8a1010}.ok{background:#e3f4e1;color:#1d5e1a}
.neutral{background:#eef0f3;color:#333}
table{border-collapse:collapse;margin:.5em 0}td,th{padding:.2em .6em;border-bottom:1px solid #ddd}
th{text-align:left;background:#f4f4f4}td.n{text-align:right;font-variant-numeric:tabular-nums}
.finding{border-left:.35em solid #d62728;padding:.1em 1em;margin:1em 0;background:#fff8f8}
.finding.foreign{border-color:#f0a800;background:#fffbef}.todo{color:#333}
.small{color:#666;font-size:.9em}svg{max-width:100%;height:auto}
"""


def write_report(path: Path, result: Audit) -> None:
    """Where the user asked, atomically, mode 0600, the folder left alone."""
    from ..home import atomic_write

    atomic_write(path, report(result).encode("utf-8"), in_home=False)


def report(result: Audit) -> str:
    e = escape
    first = result.first.isoformat() if result.first else "-"
    last = result.last.isoformat() if result.last else "-"
    title = t("statement.html.title", name=result.terminal)
    sales = result.sales
    if result.verdict == "higher":
        said = t("statement.html.verdict_higher", overpaid=format_money(result.overpaid))
        verdict = f'<p class="verdict higher">{e(said)}</p>'
    elif result.verdict == "unknown":
        said = t("statement.html.verdict_unknown", count=result.unchecked)
        verdict = f'<p class="verdict neutral">{e(said)}</p>'
    elif result.findings or result.unchecked:
        # Nothing above the plan, but something to look at: no green banner.
        verdict = f'<p class="verdict neutral">{e(t("statement.html.verdict_ok"))}</p>'
    else:
        verdict = f'<p class="verdict ok">{e(t("statement.html.verdict_ok"))}</p>'
    totals = tn("statement.sales", sales.count, amount=format_money(sales.amount),
               fees=format_money(sales.taken), plan=format_money(sales.expected),
               difference=format_money(result.difference))
    rates = t("statement.rate", rate=rate_text(sales.effective_rate),
              agreed=rate_text(sales.agreed_rate))
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if get_lang() == "zh" else "en"}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # Nothing may be fetched or run: the page is sent to people as it is.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; img-src data:\">",
        f"<title>{e(title)}</title><style>{CSS}</style></head><body>",
        f"<h1>{e(title)}</h1>",
        f'<p class="small">{e(t("statement.html.period", first=first, last=last))}</p>',
        verdict,
        f"<p>{e(totals)}</p>",
        f"<p>{e(rates)}</p>",
        *([f'<p class="small">{e(tn("statement.not_yet_due", result.not_yet_due, amount=format_money(result.not_yet_due_amount)))}</p>']  # noqa: E501
          if result.not_yet_due else []),
        f"<h2>{e(t('statement.html.chart'))}</h2>",
        chart_svg(result),
        f"<h2>{e(t('statement.html.by_card'))}</h2>",
        _card_table(result),
        f"<h2>{e(t('statement.html.findings'))}</h2>",
    ]
    if not result.findings:
        parts.append(f"<p>{e(t('statement.clean'))}</p>")
    for finding in result.findings:
        css = "finding foreign" if finding.code == "foreign" else "finding"
        parts.append(f'<div class="{css}"><h3>{e(t(f"statement.code.{finding.code}"))}</h3>')
        parts.append(f"<p>{e(finding_sentence(finding))}</p>")
        if finding.rows:
            columns = row_columns(finding)
            parts.append("<table><tr>" + "".join(
                f"<th>{e(t(f'statement.col.{c}'))}</th>" for c in columns) + "</tr>")
            for row in finding.rows:
                parts.append("<tr>" + "".join(
                    f'<td class="n">{e(cell(row, c))}</td>' if c in _NUMERIC
                    else f"<td>{e(cell(row, c))}</td>" for c in columns) + "</tr>")
            parts.append("</table>")
            more = finding.count - len(finding.rows)
            if more > 0:
                parts.append(f'<p class="small">{e(t("statement.more_rows", count=more))}</p>')
        parts.append(f'<p class="todo"><b>{e(t("statement.html.todo"))}:</b> '
                     f"{e(t(f'statement.todo.{finding.code}', **finding_words(finding)))}</p>")
        parts.append("</div>")
    files = ", ".join(Path(f.name).name for f in result.files)
    parts.append(f'<p class="small">{e(t("statement.html.made", files=files))}</p>')
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


_NUMERIC = ("amount", "fees", "plan", "difference", "settled")


def _card_table(result: Audit) -> str:
    e = escape
    keys = ("card", "sales", "amount", "fees", "plan", "difference", "rate", "agreed")
    out = ["<table><tr>" + "".join(f"<th>{e(t(f'statement.col.{k}'))}</th>" for k in keys)
           + "</tr>"]
    items = sorted(result.by_card.items())
    if len(items) > 1:
        items.append(("all", result.sales))
    for card, tally in items:
        values = (card_label(card), str(tally.count), format_money(tally.amount),
                  format_money(tally.taken), format_money(tally.expected),
                  format_money(tally.fee - tally.expected), rate_text(tally.effective_rate),
                  rate_text(tally.agreed_rate))
        out.append("<tr>" + "".join(
            f"<td>{e(v)}</td>" if i == 0 else f'<td class="n">{e(v)}</td>'
            for i, v in enumerate(values)) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


def chart_svg(result: Audit) -> str:
    """Bars of the weekly effective rate (the part above the plan in red) and
    a mark at the agreed rate of each week, on one shared scale."""
    e = escape
    weeks = sorted((m, w) for m, w in result.weeks.items() if w.checked_amount)
    if not weeks:
        return ""
    top = max([w.effective_rate or Decimal(0) for _, w in weeks]
              + [w.agreed_rate or Decimal(0) for _, w in weeks] + [Decimal("0.01")])
    step = Decimal("0.05")  # the axis in round steps: 0.10%, 0.20%, ...
    top = ((top * Decimal("1.2") / step).to_integral_value(rounding="ROUND_CEILING")) * step
    bar_w, gap, left, height, base = 44, 22, 64, 250, 290
    width = max(left + len(weeks) * (bar_w + gap) + 20, 480)

    def y(rate: Decimal) -> float:
        return float(base - rate / top * height)  # a drawing position, never money

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="360" '
           f'viewBox="0 0 {width} 360" role="img" aria-label="{e(t("statement.html.chart"))}">',
           '<rect width="100%" height="100%" fill="#ffffff"/>',
           f'<line x1="{left}" y1="{base}" x2="{width - 10}" y2="{base}" stroke="#888"/>']
    for i in range(5):
        rate = top * i / 4
        out.append(f'<text x="{left - 6}" y="{y(rate) + 4:.1f}" font-size="11" '
                   f'text-anchor="end" fill="#555">{e(rate_text(rate))}</text>')
        out.append(f'<line x1="{left}" y1="{y(rate):.1f}" x2="{width - 10}" '
                   f'y2="{y(rate):.1f}" stroke="#eee"/>')
    for i, (monday, week) in enumerate(weeks):
        x = left + 10 + i * (bar_w + gap)
        taken = week.effective_rate or Decimal(0)
        agreed = week.agreed_rate or Decimal(0)
        low = min(taken, agreed)
        out.append(f'<rect x="{x}" y="{y(low):.1f}" width="{bar_w}" '
                   f'height="{base - y(low):.1f}" fill="{TAKEN}"/>')
        if taken > agreed:
            out.append(f'<rect x="{x}" y="{y(taken):.1f}" width="{bar_w}" '
                       f'height="{y(agreed) - y(taken):.1f}" fill="{OVER}"/>')
        out.append(f'<rect x="{x - 5}" y="{y(agreed) - 2:.1f}" width="{bar_w + 10}" height="4" '
                   f'fill="{AGREED}"/>')
        out.append(f'<text x="{x + bar_w / 2}" y="{y(max(taken, agreed)) - 6:.1f}" '
                   f'font-size="11" text-anchor="middle" fill="#222">'
                   f"{e(rate_text(taken))}</text>")
        extra = week.fee - week.expected
        if extra > Decimal("0.01"):  # what the red part cost, in money
            out.append(f'<text x="{x + bar_w / 2}" y="{y(max(taken, agreed)) - 20:.1f}" '
                       f'font-size="11" font-weight="bold" text-anchor="middle" '
                       f'fill="{OVER}">+{e(format_money(extra))}</text>')
        out.append(f'<text x="{x + bar_w / 2}" y="{base + 16}" font-size="11" '
                   f'text-anchor="middle" fill="#555">{e(monday.strftime("%m-%d"))}</text>')
    legend = [(TAKEN, t("statement.html.legend_taken")), (OVER, t("statement.html.legend_over")),
              (AGREED, t("statement.html.legend_agreed"))]
    for i, (colour, label) in enumerate(legend):
        x = left + i * 140
        out.append(f'<rect x="{x}" y="326" width="14" height="14" fill="{colour}"/>')
        out.append(f'<text x="{x + 20}" y="338" font-size="13" fill="#222">{e(label)}</text>')
    out.append("</svg>")
    return "\n".join(out)
