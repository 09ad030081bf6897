"""`posguide init`: add a terminal, asking for what is missing when a person is
at the keyboard, asking nothing with --no-input."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Annotated, Any

import typer

from ..errors import NeedsConfirmation, UsageError, ValidationError
from ..i18n import get_lang, sentences, t
from ..prose import join
from ..render import say
from .common import STATE, interactive

Opt = typer.Option


def init(
    name: Annotated[str, Opt("--name", metavar="NAME")] = "main",
    brand: Annotated[str | None, Opt("--brand", metavar="TEXT")] = None,
    model: Annotated[str | None, Opt("--model", metavar="TEXT")] = None,
    serial: Annotated[str | None, Opt("--serial", metavar="SN")] = None,
    terminal_id: Annotated[str | None, Opt("--terminal-id", metavar="ID")] = None,
    merchant_no: Annotated[str | None, Opt("--merchant-no", metavar="NUMBER")] = None,
    merchant_name: Annotated[str | None, Opt("--merchant-name", metavar="TEXT")] = None,
    mcc: Annotated[str | None, Opt("--mcc", metavar="CODE")] = None,
    location: Annotated[str | None, Opt("--location", metavar="TEXT")] = None,
    purchased: Annotated[str | None, Opt("--purchased", metavar="DATE")] = None,
    activated: Annotated[str | None, Opt("--activated", metavar="DATE")] = None,
    service_years: Annotated[str | None, Opt("--service-years", metavar="N")] = None,
    support_phone: Annotated[str | None, Opt("--support-phone", metavar="PHONE")] = None,
    fee_rate: Annotated[str | None, Opt("--fee-rate", metavar="PERCENT")] = None,
    fee_cap: Annotated[str | None, Opt("--fee-cap", metavar="MONEY")] = None,
    fee_debit: Annotated[str | None, Opt("--fee-debit", metavar="PERCENT")] = None,
    fee_debit_cap: Annotated[str | None, Opt("--fee-debit-cap", metavar="MONEY")] = None,
    fee_credit: Annotated[str | None, Opt("--fee-credit", metavar="PERCENT")] = None,
    fee_qr: Annotated[str | None, Opt("--fee-qr", metavar="PERCENT")] = None,
    fee_per_transaction: Annotated[str | None,
                                   Opt("--fee-per-transaction", metavar="MONEY")] = None,
    fee_yearly: Annotated[str | None, Opt("--fee-yearly", metavar="MONEY")] = None,
    sim_carrier: Annotated[str | None, Opt("--sim-carrier", metavar="TEXT")] = None,
    sim_iccid: Annotated[str | None, Opt("--sim-iccid", metavar="ICCID")] = None,
    sim_expires: Annotated[str | None, Opt("--sim-expires", metavar="DATE")] = None,
    sim_plan: Annotated[str | None, Opt("--sim-plan", metavar="TEXT")] = None,
    last_transaction: Annotated[str | None, Opt("--last-transaction", metavar="DATE")] = None,
    last_maintenance: Annotated[str | None, Opt("--last-maintenance", metavar="DATE")] = None,
    last_inspection: Annotated[str | None, Opt("--last-inspection", metavar="DATE")] = None,
    last_password_change: Annotated[
        str | None, Opt("--last-password-change", metavar="DATE")] = None,
    last_software_update: Annotated[
        str | None, Opt("--last-software-update", metavar="DATE")] = None,
    last_fee_check: Annotated[str | None, Opt("--last-fee-check", metavar="DATE")] = None,
    no_input: Annotated[bool, Opt("--no-input")] = False,
    force: Annotated[bool, Opt("--force")] = False,
    yes: Annotated[bool, Opt("--yes", "-y")] = False,
) -> None:
    given = {
        "name": name, "brand": brand, "model": model, "serial": serial,
        "terminal_id": terminal_id, "merchant_no": merchant_no,
        "merchant_name": merchant_name, "mcc": mcc, "location": location,
        "purchased": purchased, "activated": activated, "service_years": service_years,
        "support_phone": support_phone, "fee_rate": fee_rate, "fee_cap": fee_cap,
        "sim.carrier": sim_carrier, "sim.iccid": sim_iccid, "sim.expires": sim_expires,
        "sim.plan": sim_plan,
        "fees.debit": fee_debit, "fees.debit_cap": fee_debit_cap, "fees.credit": fee_credit,
        "fees.qr": fee_qr, "fees.per_transaction": fee_per_transaction,
        "fees.yearly": fee_yearly,
    }
    last_given = {
        "transaction": last_transaction, "maintenance": last_maintenance,
        "inspection": last_inspection, "password-change": last_password_change,
        "software-update": last_software_update, "fee-check": last_fee_check,
    }
    ask = interactive() and not no_input
    from ..profile import FIELDS, Terminal, check_terminal, parse_field

    today = STATE.today()
    existing = STATE.store.load_profile()
    taken = set(existing.terminals) if existing is not None else set()
    parse_field("name", name, today)  # a bad --name fails before any question
    if name in taken and not ask:
        raise UsageError(t("profile.exists", name=name))

    prompter = None
    if ask:
        from ..prompts import ConsolePrompter, ask_value

        prompter = ConsolePrompter()
        if name in taken:
            # A second terminal: ask its name rather than send the merchant
            # off to find the --name flag.
            prompter.say(t("init.name_taken", name=name, names=join(sorted(taken))))
            name = ask_value(prompter, t("init.ask_name"),
                             partial(_new_name, today, taken)) or name
            given["name"] = name
        prompter.say(t("init.intro", name=name), style="bold")

    values: dict[str, Any] = {}
    errors: list[str] = []
    for key, text in given.items():
        if text is None:
            continue
        try:
            values[key] = parse_field(key, text, today, force, STATE.home)
        except NeedsConfirmation as warn:
            if prompter is not None:
                from ..prompts import confirm_anyway

                if confirm_anyway(prompter, warn):
                    values[key] = parse_field(key, text, today, True, STATE.home)
                    continue
                values.pop(key, None)  # asked again below
            else:
                errors.append(sentences(warn.message, t("init.use_force")))
        except ValidationError as exc:
            if prompter is None or key == "name":
                errors.append(exc.message)
            else:
                prompter.say(exc.message, style="yellow")  # and asked again below

    if prompter is not None:
        from ..prompts import ask_value

        for key, spec in FIELDS.items():
            if key in values or not spec.prompt:
                continue
            question = f"{t('fields.' + key)}（{t('hint.' + key)}）" if get_lang() == "zh" \
                else f"{t('fields.' + key)} ({t('hint.' + key)})"
            values[key] = ask_value(
                prompter, question, partial(_parse, key, today, values.get("purchased")),
                optional=not spec.required,
            )
    elif "purchased" not in values and not errors:
        errors.append(t("init.missing", fields="--purchased"))
    last_done = _last_done(last_given, today, values.get("purchased"), errors)
    if errors:
        raise UsageError("\n".join(errors))
    if prompter is not None:
        last_done = _ask_last_done(prompter, last_done, today, values["purchased"])

    term = Terminal(name=values.pop("name", "main"), purchased=values.pop("purchased"))
    for key, value in values.items():
        if value is not None:
            term.set(key, value)
    check_terminal(term, today)

    if prompter is not None:
        from ..prompts import ask_yes_no
        from .show import terminal_table

        prompter.show(terminal_table(term, home=STATE.home))
        if not yes and not ask_yes_no(prompter, t("init.confirm_save"), default=True):
            prompter.say(t("init.not_saved"))
            raise typer.Exit(0)  # the user chose not to: not an error

    from ..profile import plan_warnings
    from ..records import add_terminal

    for warning in plan_warnings(term):
        say(warning, style="yellow", err=True)
    added = add_terminal(STATE.store, term, last_done, today)
    say(t("init.saved", name=term.name, path=STATE.saved_where()), style="green")
    if added.is_default:
        say(t("init.is_default", name=term.name))
    else:
        say(t("init.not_default", name=term.name))
    say(t("init.next_asked" if prompter is not None else "init.next"))


def _new_name(today: date, taken: set[str], text: str, force: bool) -> str:
    from ..profile import parse_field

    value: str = parse_field("name", text, today, force)
    if value in taken:
        raise ValidationError("name", t("init.name_still_taken", name=value))
    return value


def _last_done(given: dict[str, str | None], today: date, purchased: date | None,
               errors: list[str]) -> dict[str, date]:
    """The --last-... flags, each checked like `posguide record --date`."""
    from ..records import check_last_done
    from ..validate import parse_date

    out: dict[str, date] = {}
    for kind, text in given.items():
        if text is None:
            continue
        try:
            day = parse_date(text, today, f"--last-{kind}")
            out[kind] = check_last_done(kind, day, purchased, today)
        except ValidationError as exc:
            errors.append(exc.message)
    return out


def _ask_last_done(prompter: Any, known: dict[str, date], today: date,
                   purchased: date) -> dict[str, date]:
    """When each thing status keeps a clock for was last done; Enter for
    "don't know" (the clock then counts from activation, as before)."""
    from ..prompts import ask_value
    from ..records import LAST_DONE, check_last_done
    from ..validate import parse_date

    def parse(kind: str, text: str, force: bool) -> date:
        return check_last_done(kind, parse_date(text, today, f"--last-{kind}"), purchased,
                               today)

    prompter.say()
    prompter.say(t("init.last_intro"), style="bold")
    out = dict(known)
    for kind in LAST_DONE:
        if kind in out:
            continue
        day = ask_value(prompter, t(f"init.last.{kind}"), partial(parse, kind), optional=True)
        if day is not None:
            out[kind] = day
    return out


def _parse(key: str, today: date, purchased: date | None, text: str, force: bool) -> Any:
    """One answer, checked at once against the purchase date where that matters,
    so a merchant is asked again right there rather than after every question."""
    from ..profile import parse_field

    value = parse_field(key, text, today, force, STATE.home)
    if key == "activated" and purchased is not None and value < purchased:
        raise ValidationError(key, t("validate.activated_before_purchase",
                                     activated=value.isoformat(),
                                     purchased=purchased.isoformat()))
    return value
