"""A real PostgreSQL server for the team-store tests.

The server comes from `$POSGUIDE_TEST_PG_URL` (a superuser's URL: `.ci/run`
starts a throwaway cluster and sets it); without one, a throwaway cluster is
started here when PostgreSQL's programs are installed (through runuser as an
unprivileged user when we are root). When neither works the tests skip with the
reason, except under CI=true, where a missing server is a failure: the team
store must be tested in CI.

Every test gets a database of its own, dropped afterwards.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

import pgcluster


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def no_server(reason: str) -> None:
    if in_ci():
        pytest.fail(f"CI=true needs a PostgreSQL server for the team-store tests: {reason}",
                    pytrace=False)
    pytest.skip(f"no PostgreSQL server for the team-store tests: {reason}")


def with_database(url: str, database: str, user: str | None = None,
                  password: str | None = None) -> str:
    """`url` pointing at another database (and, if given, another role)."""
    parts = urlsplit(url)
    host = parts.hostname or "127.0.0.1"
    netloc = f"{host}:{parts.port}" if parts.port else host
    user = user if user is not None else parts.username
    password = password if password is not None else (
        parts.password if user == parts.username else None)
    if user:
        netloc = f"{user}:{password}@{netloc}" if password else f"{user}@{netloc}"
    return urlunsplit((parts.scheme, netloc, "/" + database, parts.query, ""))


@dataclass
class Server:
    admin_url: str  # a superuser, database "postgres"

    def admin(self, database: str = "postgres"):  # type: ignore[no-untyped-def]
        import psycopg

        return psycopg.connect(with_database(self.admin_url, database), autocommit=True,
                               connect_timeout=5)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[Server]:
    url = os.environ.get("POSGUIDE_TEST_PG_URL", "").strip()
    started: pgcluster.Cluster | None = None
    if not url:
        if pgcluster.find_bindir() is None:
            no_server("set POSGUIDE_TEST_PG_URL, or install PostgreSQL "
                      "(apt-get install postgresql)")
        try:
            started = pgcluster.start()
        except (RuntimeError, OSError) as exc:
            no_server(f"could not start a throwaway cluster: {exc}")
        assert started is not None
        url = started.url
    try:
        import psycopg

        with psycopg.connect(url, connect_timeout=5) as conn:
            conn.execute("SELECT 1")
    except Exception as exc:  # noqa: BLE001 - any failure means no server
        if started is not None:
            pgcluster.stop(started.folder)
        no_server(f"cannot connect to it: {type(exc).__name__}")
    try:
        yield Server(url)
    finally:
        if started is not None:
            pgcluster.stop(started.folder)


@dataclass
class TeamDb:
    """One test's own database on the server."""

    server: Server
    name: str

    @property
    def url(self) -> str:
        """The superuser's URL for this database (with its password)."""
        return with_database(self.server.admin_url, self.name)

    def url_for(self, role: str, password: str | None = None) -> str:
        return with_database(self.server.admin_url, self.name, user=role, password=password)

    def sql(self, query: str, *params: object) -> list[tuple]:  # type: ignore[type-arg]
        with self.server.admin(self.name) as conn:
            cur = conn.execute(query, params or None)
            return cur.fetchall() if cur.description else []

    def create_role(self, name: str, password: str, *, writer: bool) -> str:
        """A login role that may read (and, if `writer`, write) posguide's
        tables, as the README tells a team's administrator to make one.
        Returns its URL with the password in it."""
        with self.server.admin(self.name) as conn:
            conn.execute(f'DROP ROLE IF EXISTS "{name}"')
            conn.execute(f"CREATE ROLE \"{name}\" LOGIN PASSWORD '{password}' "
                         f"IN ROLE {'posguide_writer' if writer else 'posguide_reader'}")
        self._roles.append(name)
        return self.url_for(name, password)

    def __post_init__(self) -> None:
        self._roles: list[str] = []


@pytest.fixture
def team_db(pg_server: Server, tmp_path: Path) -> Iterator[TeamDb]:
    name = "t_" + os.urandom(6).hex()
    with pg_server.admin() as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    db = TeamDb(pg_server, name)
    try:
        yield db
    finally:
        with pg_server.admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            for role in db._roles:
                conn.execute(f'DROP ROLE IF EXISTS "{role}"')
