"""`posguide fee check`: was the fee taken from a transaction the fee agreed?"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from ..i18n import t
from ..render import marked, print_json, say
from .common import STATE

if TYPE_CHECKING:
    from ..fees import FeeCheck
    from ..profile import Terminal

app = typer.Typer(no_args_is_help=True, rich_markup_mode="rich")


@app.command("check")
def check(
    amount: Annotated[str, typer.Option("--amount", metavar="MONEY")],
    settled: Annotated[str, typer.Option("--settled", metavar="MONEY")],
    rate: Annotated[str | None, typer.Option("--rate", metavar="PERCENT")] = None,
    cap: Annotated[str | None, typer.Option("--cap", metavar="MONEY")] = None,
    card: Annotated[str | None, typer.Option("--card", metavar="debit|credit|qr")] = None,
    json_: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    from ..fees import check_and_record

    today = STATE.today()
    done = check_and_record(STATE.store, STATE.terminal_name, amount, settled, rate, cap, today,
                            card=card)
    result, term = done.result, done.terminal

    if json_:
        print_json(result.to_json())
        if term is None:
            say(t("fee.not_recorded"), err=True)
        return
    _explain(result, term)
    if term is not None:
        say(t("fee.recorded", name=term.name, date=today.isoformat()), style="dim")
    else:
        say(t("fee.not_recorded"), style="dim")


def _explain(result: FeeCheck, term: Terminal | None) -> None:
    from ..fees import format_money, format_rate

    if result.cap is not None and result.capped:
        agreed = t("fee.agreed_capped", rate=format_rate(result.agreed_rate),
                   cap=format_money(result.cap))
    else:
        agreed = format_rate(result.agreed_rate)
    words = {
        "fee": format_money(result.fee),
        "amount": format_money(result.amount),
        "rate": format_rate(result.effective_rate),
        "agreed": agreed,
        "expected": format_money(result.expected_fee),
        "difference": format_money(abs(result.difference)),
    }
    if result.verdict == "ok":
        say(t("fee.ok", **words), style="green")
    elif result.verdict == "higher":
        say(t("fee.higher", **words), style="bold red")
        say(t("fee.higher_todo"))
        if term is not None and term.support_phone:
            _support_phone(term.support_phone)
    else:
        say(t("fee.lower", **words), style="yellow")
        say(t("fee.lower_todo"))


def _support_phone(number: str) -> None:
    """The saved support number, with a warning when it is a mobile: the one
    number a merchant is told to call about a wrong fee must not be a scammer's."""
    from ..validate import classify_phone

    say(t("fee.support_phone", phone=number))
    phone = classify_phone(number)
    if phone is not None and phone.kind == "mobile":
        marked("warn", t("fee.support_phone_mobile"))

