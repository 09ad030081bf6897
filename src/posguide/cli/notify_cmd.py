"""`posguide notify add|list|remove|test|run`: reminders that reach people."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..i18n import get_lang, t, tn
from ..render import console, print_json, say
from .common import STATE

if TYPE_CHECKING:
    from ..channels import Outgoing
    from ..notify import Channel, Outcome

app = typer.Typer(no_args_is_help=True, rich_markup_mode="rich")
Opt = typer.Option


@app.command("add")
def add(
    kind: Annotated[str, typer.Argument(metavar="KIND")],
    url: Annotated[str | None, typer.Argument(metavar="URL")] = None,
    name: Annotated[str | None, Opt("--name", metavar="NAME")] = None,
    format_: Annotated[str | None, Opt("--format", metavar="FORMAT")] = None,
    secret: Annotated[str | None, Opt("--secret", metavar="SECRET")] = None,
    host: Annotated[str | None, Opt("--host", metavar="HOST")] = None,
    port: Annotated[int | None, Opt("--port", metavar="PORT")] = None,
    security: Annotated[str | None, Opt("--security", metavar="starttls|ssl|none")] = None,
    user: Annotated[str | None, Opt("--user", metavar="USER")] = None,
    password_file: Annotated[str | None, Opt("--password-file", metavar="FILE")] = None,
    sender: Annotated[str | None, Opt("--from", metavar="ADDRESS")] = None,
    to: Annotated[list[str] | None, Opt("--to", metavar="ADDRESS")] = None,
) -> None:
    from ..notify import new_channel

    options = {"URL": url, "--format": format_, "--secret": secret, "--host": host,
               "--port": port, "--security": security, "--user": user,
               "--password-file": password_file, "--from": sender, "--to": to}
    channel = new_channel(STATE.home, kind, options, name, get_lang())
    channel_name = channel.name
    say(t("notify.added", name=channel_name, target=channel.target()), style="green")
    say(t("notify.added_next", name=channel_name))


@app.command("list")
def list_(json_: Annotated[bool, Opt("--json")] = False) -> None:
    from ..notify import overview

    rows = overview(STATE.home)
    if json_:
        print_json({"schema": 1, "channels": [
            {**c.to_json(), "state": _state_json(s)} for c, s in rows]})
        return
    if not rows:
        say(t("notify.none_yet"))
        return
    from rich.table import Table

    table = Table(title=tn("notify.list_title", len(rows)), title_justify="left")
    for head in ("name", "kind", "target", "last"):
        table.add_column(t(f"notify.col.{head}"), overflow="fold")
    for channel, state in rows:
        table.add_row(channel.name, f"{channel.kind} ({channel.lang})"
                      if channel.kind != "webhook"
                      else f"{channel.settings['format']} ({channel.lang})",
                      channel.target(), _last_words(state))
    console().print(table)


def _state_json(state: dict[str, Any]) -> dict[str, Any]:
    pending = state.get("pending")
    return {
        "last": state.get("last"),
        "last_sent": state.get("last_sent"),
        "pending": None if not pending else {
            "status": pending["status"], "items": len(pending["items"]),
            "since": pending["since"], "tries": pending["tries"],
            "error": pending.get("error")},
    }


def _last_words(state: dict[str, Any]) -> str:
    pending = state.get("pending")
    last = state.get("last")
    words = []
    if last:
        if last.get("ok"):
            words.append(t("notify.last_ok", date=last["date"]))
        else:
            words.append(t("notify.last_failed", date=last["date"], error=last.get("error")))
    if pending:
        words.append(tn("notify.last_pending", len(pending["items"]), since=pending["since"]))
    return "\n".join(words) or t("notify.last_never")


@app.command("remove")
def remove(name: Annotated[str, typer.Argument(metavar="NAME")]) -> None:
    from ..notify import remove_channel

    remove_channel(STATE.home, name)
    say(t("notify.removed", name=name), style="green")


def _sender() -> Any:
    import time

    from ..channels import SENDERS

    def send(channel: Channel, message: Outgoing) -> None:
        SENDERS[channel.kind](channel.settings, message, time.time())

    return send


def _report(outcomes: list[Outcome]) -> int:
    failed = False
    for o in outcomes:
        if o.result == "failed":
            failed = True
            say(t("notify.out.failed", name=o.channel, error=o.error), style="red", err=True)
        elif o.result == "sent" and not o.items:
            say(t("notify.out.test_ok", name=o.channel), style="green")
        elif o.result == "sent":
            say(tn("notify.out.sent", o.items, name=o.channel), style="green")
        elif o.result == "held":
            say(tn("notify.out.held", o.items, name=o.channel))
        else:
            say(t("notify.out.nothing", name=o.channel))
    return 1 if failed else 0


@app.command("test")
def test(name: Annotated[str | None, typer.Argument(metavar="NAME")] = None) -> int:
    from ..notify import test as do_test

    return _report(do_test(STATE.home, STATE.today(), _sender(), name))


@app.command("run")
def run() -> int:
    from ..notify import run as do_run

    return _report(do_run(STATE.store, STATE.today(), _sender()))
