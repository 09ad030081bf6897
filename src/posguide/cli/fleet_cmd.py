"""`posguide terminal import|export`: a fleet of terminals as one CSV file.

Registered on the `terminal` group by `register()` (see app.py), so the group's
own module stays small.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ..home import reason as home_reason
from ..i18n import t
from ..render import say
from .common import STATE


def register(group: typer.Typer) -> None:
    group.command("import")(import_)
    group.command("export")(export)


def import_(
    file: Annotated[Path, typer.Argument(metavar="FILE.csv", dir_okay=False, allow_dash=True)],
    update: Annotated[bool, typer.Option("--update")] = False,
    force: Annotated[bool, typer.Option("--force")] = False,
) -> None:
    from ..errors import DataError
    from ..fleet import plan_import, read_source
    from ..profile import plan_warnings

    source = str(file)
    if source == "-":  # `posguide terminal export | ... | posguide terminal import -`
        source = t("fleet.stdin")
        try:
            raw = sys.stdin.buffer.read()
        except OSError as exc:
            raise DataError(t("fleet.cannot_read", path=source,
                              error=home_reason(exc))) from None
    else:
        raw = read_source(file)
    today = STATE.today()
    # One locked write: validate against the profile as it is under the lock,
    # and change nothing unless every row is good.
    with STATE.store.editing(create=True) as profile:
        plan = plan_import(profile, raw, today, source=source, update=update, force=force,
                           home=STATE.home)
        plan.apply(profile)
        default = profile.default
    say(t("fleet.imported", path=source, added=len(plan.added),
                updated=len(plan.updated)), style="green")
    if default is not None and any(term.name == default for term in plan.added):
        say(t("fleet.default_is", name=default))
    for term in plan.added + plan.updated:
        for warning in plan_warnings(term):
            say(f"{term.name}: {warning}", style="yellow", err=True)


def export(
    file: Annotated[Path | None, typer.Argument(metavar="[FILE.csv]", dir_okay=False)] = None,
) -> None:
    from ..fleet import export_csv, write_export

    profile = STATE.profile()
    text = export_csv(profile.terminals.values())
    if file is None:
        # No BOM on stdout: it is for pipes and scripts. A FILE is for spreadsheets.
        from ..render import write_utf8

        write_utf8(text)
        return
    write_export(file, text)
    say(t("fleet.exported", count=len(profile.terminals), path=str(file)),
                    style="green")
