"""`posguide db init|push|pull`: the team's shared database (DESIGN.md 2a)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from ..i18n import t
from ..render import print_notices, say
from .common import STATE

if TYPE_CHECKING:
    from ..store.postgres import PostgresStore

app = typer.Typer(no_args_is_help=True, rich_markup_mode="rich")


def _team() -> PostgresStore:
    from ..errors import UsageError
    from ..store.postgres import PostgresStore

    store = STATE.store
    if not isinstance(store, PostgresStore):
        raise UsageError(t("db.needs_url"))
    return store


@app.command("init")
def init() -> None:
    team = _team()
    before, after, notices = team.init_schema()
    print_notices(notices)
    if before == after:
        say(t("db.init_current", where=team.describe(), version=after), style="green")
    elif before == 0:
        say(t("db.init_created", where=team.describe(), version=after), style="green")
    else:
        say(t("db.init_upgraded", where=team.describe(), old=before, version=after),
            style="green")


@app.command("push")
def push() -> None:
    from ..store.local import LocalStore
    from ..team import push as do_push

    team = _team()
    local = LocalStore(STATE.home)
    try:
        done = do_push(local, team)
        print_notices(local.notices)
    finally:
        local.close()
    print_notices(done.notices)
    _said(done, "db.pushed", frm=str(STATE.home.root), to=team.describe())


@app.command("pull")
def pull() -> None:
    from ..store.local import LocalStore
    from ..team import pull as do_pull

    team = _team()
    local = LocalStore(STATE.home)
    try:
        done = do_pull(team, local)
        print_notices(local.notices)
    finally:
        local.close()
    _said(done, "db.pulled", frm=team.describe(), to=str(STATE.home.root))


def _said(done, key: str, frm: str, to: str) -> None:  # type: ignore[no-untyped-def]
    if not (done.terminals or done.events or done.progress):
        say(t("db.nothing_new", frm=frm, to=to, same=done.same), style="green")
        return
    say(t(key, frm=frm, to=to, terminals=done.terminals, events=done.events,
          progress=done.progress, same=done.same), style="green")
