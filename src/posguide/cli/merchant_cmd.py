"""`posguide merchant decode` and `posguide receipt check`: what a merchant
number says, and whether what a receipt shows is this merchant's own."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import UsageError
from ..i18n import get_lang, t
from ..render import console, marked, print_json, say
from .common import STATE, interactive

if TYPE_CHECKING:
    from ..merchant import Decoded, Finding, Mcc, ReceiptCheck, Region
    from ..profile import Terminal

app = typer.Typer(no_args_is_help=True, rich_markup_mode="rich")
receipt_app = typer.Typer(no_args_is_help=True, rich_markup_mode="rich")


# ------------------------------------------------------------------ decode


@app.command("decode")
def decode(
    number: Annotated[str, typer.Argument(metavar="NUMBER")],
    json_: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    from .. import merchant

    decoded = merchant.decode(number, merchant.load_tables(STATE.home))
    if json_:
        print_json(decoded.to_json())
        return
    _show_decoded(decoded)


def _show_decoded(d: Decoded) -> None:
    from rich.table import Table

    from ..prose import Prose

    say(t("merchant.decoded_title", number=d.grouped), style="bold")
    table = Table(show_header=False, box=None, padding=(0, 2, 0, 0))
    table.add_column(no_wrap=True, style="bold")
    table.add_column(no_wrap=True)
    table.add_column()
    table.add_row(t("merchant.part.acquirer"), d.acquirer_code,
                  Prose(_unreadable(d.acquirer_code) or _acquirer_text(d)))
    table.add_row(t("merchant.part.region"), d.region_code,
                  Prose(_unreadable(d.region_code) or _region_text(d.regions)))
    table.add_row(t("merchant.part.mcc"), d.mcc_code,
                  Prose(_unreadable(d.mcc_code) or _mcc_text(d.mcc)))
    table.add_row(t("merchant.part.sequence"), d.sequence, Prose(t("merchant.sequence_text")))
    console().print(table)
    console().print()
    say(t("merchant.cannot_know"))
    say(t("merchant.decode_next"), style="dim")


def _unreadable(code: str) -> str | None:
    """What to say of a part that is not digits (decode reads the rest)."""
    return None if code.isdigit() else t("merchant.part_unreadable", code=code, count=len(code))


def _acquirer_text(d: Decoded) -> str:
    acq = d.acquirer
    if acq is None:
        return t("merchant.acquirer_unknown")
    return t(f"merchant.acquirer_{acq.kind.replace('-', '_')}", name=acq.names.get())


def _region_text(regions: tuple[Region, ...]) -> str:
    found = {r.convention: r.names.get() for r in regions}
    if "unionpay" in found and "national" in found:
        return t("merchant.region_both", unionpay=found["unionpay"], national=found["national"])
    if "unionpay" in found:
        return t("merchant.region_unionpay", name=found["unionpay"])
    if "national" in found:
        return t("merchant.region_national", name=found["national"])
    return t("merchant.region_unknown")


def _mcc_text(mcc: Mcc | None) -> str:
    if mcc is None:
        return t("merchant.mcc_unknown")
    lines = [mcc.names.get(), t(f"merchant.class_long.{mcc.fee_class}")]
    if mcc.note is not None:
        lines.append(mcc.note.get())
    return "\n".join(lines)


# ------------------------------------------------------------------ receipt check


@receipt_app.command("check")
def check(
    merchant_no: Annotated[str | None, typer.Option("--merchant-no", metavar="N")] = None,
    name: Annotated[str | None, typer.Option("--name", metavar="TEXT")] = None,
    terminal_id: Annotated[str | None, typer.Option("--terminal-id", metavar="ID")] = None,
    mcc: Annotated[str | None, typer.Option("--mcc", metavar="CODE")] = None,
    json_: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    from .. import merchant

    profile = STATE.profile()
    term = STATE.terminal(profile)
    if merchant_no is None:
        if not interactive():
            raise UsageError(t("merchant.receipt_missing"))
        merchant_no, name, terminal_id, mcc = _ask_receipt(name, terminal_id, mcc)
    receipt = merchant.parse_receipt(merchant_no, name, terminal_id, mcc)
    result = merchant.check_receipt(receipt, term, merchant.load_tables(STATE.home),
                                    profile.terminals.values())
    if json_:
        print_json({"terminal": term.name, **result.to_json()})
    else:
        _show_check(result, term, profile.needs_name(term.name, STATE.terminal_name is not None))
    if result.verdict != "match":
        raise typer.Exit(1)


def _ask_receipt(name: str | None, terminal_id: str | None,
                 mcc: str | None) -> tuple[str, str | None, str | None, str | None]:
    """Ask, one at a time, for what the receipt shows (the merchant number is
    required, the rest may be skipped with Enter)."""
    from .. import merchant
    from .. import validate as v
    from ..prompts import ConsolePrompter, ask_value

    prompter = ConsolePrompter()
    prompter.say(t("merchant.ask_intro"), style="bold")
    number = ask_value(prompter, t("merchant.ask_merchant_no"),
                       lambda s, f: merchant.split_number(s))
    assert number is not None  # required: asked until given
    if name is None:
        name = ask_value(prompter, t("merchant.ask_name"),
                         lambda s, f: v.check_text(s, "merchant_name", 80), optional=True)
    if terminal_id is None:
        terminal_id = ask_value(prompter, t("merchant.ask_terminal_id"),
                                lambda s, f: v.check_terminal_id(s), optional=True)
    if mcc is None:
        mcc = ask_value(prompter, t("merchant.ask_mcc"),
                        lambda s, f: merchant.check_mcc(s, "mcc", force=True), optional=True)
    prompter.say("")
    return number, name, terminal_id, mcc


def _grouped(number: str | None) -> str:
    if number and len(number) == 15:
        # Dashes, not spaces: the number is never split across two lines.
        return "-".join((number[:3], number[3:7], number[7:11], number[11:]))
    return number or ""


def _mcc_words(code: str, mcc: Mcc | None) -> str:
    """`5411 Supermarkets and grocery stores (preferential)`, or the bare code."""
    if mcc is None:
        return t("merchant.mcc_words_unlisted", code=code)
    return t("merchant.mcc_words", code=code, name=mcc.names.get(),
             fee_class=t(f"merchant.class.{mcc.fee_class}"))


def _finding_text(f: Finding, result: ReceiptCheck, suffix: str) -> tuple[str, str]:
    """(severity, words) for one finding."""
    if f.field == "merchant_no":
        words = {"receipt": _grouped(f.receipt), "own": _grouped(f.own)}
    elif f.field == "mcc":
        words = {"receipt": _mcc_words(f.receipt, result.receipt_mcc),
                 "own": _mcc_words(f.own or "", result.own_mcc)}
    else:
        words = {"receipt": f.receipt, "own": f.own or "", "other": f.other_terminal or ""}
    severity = {"match": "ok", "mismatch": "critical", "unknown": "info", "near": "info"}[f.status]
    key = f"merchant.check.{f.field}.{f.status}"
    if f.detail and f.status in ("mismatch", "match", "near"):
        key += f".{f.detail}"
    return severity, t(key, suffix=suffix, **words)


def _show_check(result: ReceiptCheck, term: Terminal, name_needed: bool) -> None:
    from ..i18n import sentences, tn
    from ..prose import join

    checked = [t(f"merchant.what.{f.field}") for f in result.findings]

    verdict = result.verdict
    if verdict == "match":
        marked("ok", t("merchant.verdict_match", what=join(checked)))
    elif verdict == "mismatch":
        kinds = {f.kind for f in result.mismatches}
        marked("critical", sentences(
            tn("merchant.verdict_mismatch", len(result.mismatches)),
            t("merchant.verdict_foreign" if "foreign" in kinds else "merchant.verdict_jump")))
    elif any(f.status in ("match", "near") for f in result.findings):
        marked("info", t("merchant.verdict_incomplete"))
    else:
        marked("info", t("merchant.verdict_nothing_compared"))
    console().print()
    suffix = f" --terminal {term.name}" if name_needed else ""
    for finding in result.findings:
        severity, text = _finding_text(finding, result, suffix)
        marked(severity, text)
    if result.mcc_from_number and any(f.field == "mcc" and f.status != "match"
                                      for f in result.findings):
        say(t("merchant.mcc_from_number"), style="dim")
    console().print()
    if verdict == "mismatch":
        kinds = {f.kind for f in result.mismatches}
        steps = [t("merchant.todo_foreign_stop") if "foreign" in kinds
                 else t("merchant.todo_keep")]
        steps.append(t("merchant.todo_three_records"))
        if term.support_phone:
            steps.append(t("merchant.todo_call_saved", phone=term.support_phone))
        else:
            steps.append(t("merchant.todo_call_contract", suffix=suffix))
        steps.append(t("merchant.todo_legit", suffix=suffix))
        numbered = [f"  {n}{'、' if get_lang() == 'zh' else '. '}{s}"
                    for n, s in enumerate(steps, start=1)]
        say("\n".join([t("merchant.todo_title"), *numbered]))
        say(t("merchant.todo_never_ads"), style="bold")
        if term.support_phone:
            from ..validate import classify_phone

            phone = classify_phone(term.support_phone)
            if phone is not None and phone.kind == "mobile":
                marked("warn", t("fee.support_phone_mobile"))
    elif verdict == "incomplete":
        say(t("merchant.todo_incomplete"))
