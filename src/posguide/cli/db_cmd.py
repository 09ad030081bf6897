"""`posguide db init|push|pull`: the team's shared database (DESIGN.md 2a)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from ..i18n import t
from ..render import print_notices, say
from .common import STATE

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..store.local import LocalStore
    from ..store.postgres import PostgresStore
    from ..team import Copied

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
    from ..team import push as do_push

    team = _team()
    _copy(lambda local: do_push(local, team), "db.pushed",
          frm=str(STATE.home.root), to=team.describe())


@app.command("pull")
def pull() -> None:
    from ..team import pull as do_pull

    team = _team()
    _copy(lambda local: do_pull(team, local), "db.pulled",
          frm=team.describe(), to=str(STATE.home.root))


def _copy(run: Callable[[LocalStore], Copied], key: str, frm: str, to: str) -> None:
    """Copy between this home's local store and the team's, then say what moved."""
    from ..store.local import LocalStore

    local = LocalStore(STATE.home)
    try:
        done = run(local)
        print_notices(local.notices)
    finally:
        local.close()
    print_notices(done.notices)
    if not (done.terminals or done.events or done.progress):
        say(t("db.nothing_new", frm=frm, to=to, same=done.same), style="green")
        return
    say(t(key, frm=frm, to=to, terminals=done.terminals, events=done.events,
          progress=done.progress, same=done.same), style="green")
