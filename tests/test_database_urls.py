"""Passwords in a team database URL that hold '@', '/' or ':', or are one or two
characters long: never shown, however the URL is cut, also when the server
cannot be reached."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from conftest import Cli


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])  # closed again: nothing listens there


URLS = [  # (password, the URL around it, with {host} for host:port)
    ("pa/ss", "postgresql://bob:pa/ss@{host}/team"),
    ("p@ss", "postgresql://bob:p@ss@{host}/team"),
    ("p@s/s:1", "postgresql://bob:p@s/s:1@{host}/team?sslmode=disable"),
    ("q", "postgresql://bob:q@{host}/team"),
    ("Zq", "postgres://bob:Zq@{host}/team"),
]


@pytest.mark.parametrize(("password", "url"), URLS)
def test_where_is_built_from_the_parts_and_holds_no_password(password: str, url: str) -> None:
    from posguide.database import _checked

    db = _checked(url.format(host="db.example.net:5433"), "--database")
    scheme = url.split("://")[0]
    assert db.where() == f"{scheme}://bob@db.example.net:5433/team"


@pytest.mark.parametrize(("password", "url"), URLS)
def test_scrub_takes_every_piece_of_the_password_out(password: str, url: str) -> None:
    from posguide.database import remember_secret, scrub

    full = url.format(host="h:5432")
    remember_secret(full)
    pieces = password.replace("@", " ").replace("/", " ").replace(":", " ").split()
    # What a driver that cut the URL at the first '@' might say.
    said = (f'connection to {full} failed: could not translate host name "{pieces[-1]}@h"'
            f' (password "{password}")')
    out = scrub(said)
    assert f'"{password}"' not in out and f":{password}@" not in out
    if len(password) >= 3:
        assert password not in out
    for piece in pieces:
        assert f'"{piece}@' not in out and f":{piece}@" not in out
    assert "127.0.0.1" in scrub("server at 127.0.0.1, port 1")  # hosts stay readable


@pytest.mark.parametrize(("password", "url"), URLS)
def test_an_unreachable_server_shows_no_piece_of_the_password(cli: Cli, tmp_path: Path,
                                                              password: str, url: str) -> None:
    port = closed_port()
    full = url.format(host=f"127.0.0.1:{port}")
    pieces = password.replace("@", " ").replace("/", " ").replace(":", " ").split()
    for args in (["status"], ["history"]):
        r = cli("--home", str(tmp_path / "h"), "--database", full, *args)
        assert r.exit_code in (2, 3), r.output
        assert "Traceback" not in r.output
        assert f":{password}@" not in r.output and f'"{password}' not in r.output
        if len(password) >= 3:
            assert password not in r.output
        for piece in pieces:
            assert f"{piece}@" not in r.output and f":{piece}" not in r.output.replace(
                f":{port}", ""), r.output
        assert "bob@127.0.0.1" in r.output or "bob@" not in r.output, r.output
