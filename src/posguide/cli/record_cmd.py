"""`posguide record KIND` and `posguide history`."""

from __future__ import annotations

from typing import Annotated

import typer

from ..i18n import t
from ..prose import join
from ..render import console, print_json, say
from . import complete
from .common import STATE, interactive


def record(
    kind: Annotated[str, typer.Argument(metavar="KIND", autocompletion=complete.record_kinds)],
    date_: Annotated[str | None, typer.Option("--date", metavar="DATE")] = None,
    note: Annotated[str | None, typer.Option("--note", metavar="TEXT")] = None,
    expires: Annotated[str | None, typer.Option("--expires", metavar="DATE")] = None,
) -> None:
    from ..records import check_kind
    from ..records import record as do_record
    from ..validate import parse_date

    check_kind(kind)
    today = STATE.today()
    day = parse_date(date_, today, "date") if date_ else today
    new_expires = parse_date(expires, today, "sim.expires") if expires else None
    if kind == "sim-renewal" and new_expires is None and interactive():
        from ..prompts import ConsolePrompter, ask_value

        term = STATE.terminal()
        prompter = ConsolePrompter()
        prompter.say(t("record.current_expiry", name=term.name,
                       date=term.sim.expires.isoformat() if term.sim.expires else "-"))
        new_expires = ask_value(prompter, t("record.ask_expires"),
                                lambda s, f: parse_date(s, today, "sim.expires"))
    done = do_record(STATE.store, STATE.terminal_name, kind, day, today, note, new_expires)
    event = done.event
    say(t("record.done", kind=t(f"kind.{kind}"), name=event.terminal,
                date=event.date.isoformat()), style="green")
    if kind == "sim-renewal":
        say(t("record.renewed", old=done.old_expires.isoformat() if done.old_expires
                    else "-", new=event.data["new_expires"]))


def history(
    json_: Annotated[bool, typer.Option("--json")] = False,
    csv: Annotated[bool, typer.Option("--csv")] = False,
    since: Annotated[str | None, typer.Option("--since", metavar="DATE")] = None,
    kind: Annotated[str | None, typer.Option("--kind", metavar="KIND",
                                                   autocompletion=complete.history_kinds)] = None,
    all_: Annotated[bool, typer.Option("--all")] = False,
    by: Annotated[str | None, typer.Option("--by", metavar="NAME")] = None,
) -> None:
    from ..errors import UsageError
    from ..history import KINDS
    from ..validate import parse_date

    if json_ and csv:
        raise UsageError(t("history.json_or_csv"))
    if kind and kind not in KINDS:
        raise UsageError(t("record.bad_kind", kind=kind, kinds=join(KINDS)))
    today = STATE.today()
    since_day = parse_date(since, today, "since") if since else None
    profile = STATE.profile()
    terminal = None if all_ else STATE.terminal(profile).name
    events = STATE.store.events(terminal=terminal, kind=kind, since=since_day,
                                by=by.strip() if by else None)
    events.sort(key=lambda e: e.date)
    if json_:
        print_json({"schema": 1, "events": [e.to_json() for e in events]})
        return
    if csv:
        _write_csv(events)
        return
    from rich.table import Table

    out = console()
    if not events:
        say(t("history.empty"))
        return
    table = Table(title_justify="left", header_style="bold")
    table.add_column(t("history.col.date"), no_wrap=True)
    if all_:
        table.add_column(t("history.col.terminal"), overflow="fold")
    table.add_column(t("history.col.kind"), overflow="fold")
    table.add_column(t("history.col.details"), overflow="fold")
    table.add_column(t("history.col.by"), overflow="fold")
    for e in events:
        details = _details(e.kind, e.data)
        if e.note:
            details = f"{e.note}  {details}".strip()
        row = [e.date.isoformat()] + ([e.terminal] if all_ else []) + [
            t(f"kind.{e.kind}") if e.kind in KINDS else e.kind, details, e.by or "-"]
        table.add_row(*row)
    out.print(table)


def _details(kind: str, data: dict) -> str:
    """An event's data as a short line a merchant can read."""

    def card(sim: dict) -> str:
        parts = [sim.get("carrier"), sim.get("iccid"), sim.get("plan")]
        text = " ".join(str(p) for p in parts if p)
        if sim.get("expires"):
            text += " " + t("history.detail.expires", date=sim["expires"])
        return text.strip() or "-"

    if kind == "checklist":
        text = t("history.detail.checklist", checklist=data.get("checklist", "?"),
                 steps=data.get("steps", "?"), skipped=len(data.get("skipped") or []))
        if data.get("no"):
            text += " " + t("history.detail.no", steps=join(map(str, data["no"])))
        return text
    if kind == "sim-swap" and isinstance(data.get("old"), dict):
        return t("history.detail.swap", old=card(data["old"]), new=card(data.get("new") or {}))
    if kind == "sim-renewal" and "new_expires" in data:
        return t("history.detail.renewal", old=data.get("old_expires") or "-",
                 new=data["new_expires"])
    if kind == "fee-check" and data.get("verdict") in ("ok", "higher", "lower", "unknown"):
        from decimal import Decimal, InvalidOperation

        from ..fees import format_money, format_rate

        try:
            return t("history.detail.fee", amount=format_money(Decimal(data["amount"])),
                     fee=format_money(Decimal(data["fee"])),
                     rate=format_rate(Decimal(data["effective_rate"])),
                     verdict=t(f"history.verdict.{data['verdict']}"))
        except (KeyError, TypeError, InvalidOperation):
            pass  # an event edited by hand: shown as plain data below
    if set(data) <= {"checklist", "step"} and "checklist" in data:
        return t("history.detail.from_checklist", checklist=data["checklist"])
    return " ".join(f"{k}={v}" for k, v in data.items() if v not in (None, "", [], {}))


def _write_csv(events: list) -> None:
    import csv as csv_mod
    import io
    import json

    from ..render import write_utf8
    from ..validate import spreadsheet_safe

    out = io.StringIO()
    writer = csv_mod.writer(out, lineterminator="\r\n")  # RFC 4180, like export
    writer.writerow(["date", "terminal", "kind", "note", "data", "by"])
    for e in events:
        writer.writerow([e.date.isoformat(), spreadsheet_safe(e.terminal), e.kind,
                         spreadsheet_safe(e.note or ""),
                         json.dumps(e.data, ensure_ascii=False) if e.data else "",
                         spreadsheet_safe(e.by or "")])
    write_utf8(out.getvalue())
