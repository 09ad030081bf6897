"""The local store (DESIGN 2): an older home imported once, a damaged or
foreign database never overwritten, a change of the profile and the history
rolled forward or back, schema versions, and reading without writing."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from conftest import TODAY, Cli, files_in, local_store, recorded, saved_progress
from posguide.errors import DataError
from posguide.history import Event
from posguide.store import sql

OLD_HOME = Path(__file__).parent / "data" / "home-0.1.0"
ENV: dict[str, str | None] = {"POSGUIDE_TODAY": TODAY}


def old_home(home: Path) -> list[dict]:
    """The home written by the release before posguide.db, copied to `home`;
    returns its events as that release wrote them."""
    shutil.copytree(OLD_HOME, home)
    lines = (home / "history.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def db_rows(home: Path) -> tuple[list[tuple], list[tuple]]:
    db = sqlite3.connect(f"file:{home / 'posguide.db'}?mode=ro", uri=True)
    try:
        events = db.execute("SELECT * FROM events ORDER BY seq").fetchall()
        progress = db.execute("SELECT * FROM progress ORDER BY terminal, checklist").fetchall()
    finally:
        db.close()
    return events, progress


# ------------------------------------------------------------------ an older home


def test_a_home_of_the_last_release_opens_with_everything(cli: Cli, home: Path) -> None:
    old = old_home(home)
    assert len(old) > 300 and {e["terminal"] for e in old} == {"main", "东门店"}

    r = cli("status", "--all", "--json", env=ENV)
    assert r.exit_code in (0, 1), r.output
    assert "moved into" in r.err and f"{len(old)} records, 2 paused" in r.err
    assert [t["name"] for t in json.loads(r.stdout)["terminals"]] == ["main", "东门店"]

    # Every event, in order, with what it said.
    shown = json.loads(cli("history", "--all", "--json", env=ENV).stdout)["events"]
    assert sorted((e["id"], e["date"]) for e in shown) == sorted((e["id"], e["date"]) for e in old)
    assert [e.id for e in recorded(home)] == [e["id"] for e in old]
    by_id = {e.id: e for e in recorded(home)}
    for e in old:
        assert by_id[e["id"]].to_json() == e  # nothing added, nothing lost (no "by" then)
    # The finished checklist counts as done; the paused ones resume at their step.
    listing = json.loads(cli("checklist", "--json", env=ENV).stdout)["checklists"]
    assert {c["id"]: c["last_completed"] for c in listing}["inspection"] == TODAY
    r = cli("checklist", "maintenance", input="y\n" + "y\n" * 40, env=ENV)
    assert "You stopped this at step 4 of 18" in r.out and "Resume at step 4?" in r.out
    assert r.exit_code == 0, r.output
    r = cli("--terminal", "东门店", "checklist", "security", input="q\n", env=ENV)
    assert "Resume at step 2?" in r.out

    # The old files stay beside the database, renamed; the cache is gone.
    names = {str(p.relative_to(home)) for p in home.rglob("*") if p.is_file()}
    assert {"history.jsonl.migrated", "progress/main/maintenance.json.migrated",
            "progress/东门店/security.json.migrated", "posguide.db"} <= names
    assert not {"history.jsonl", "history.index.json"} & names
    assert not any(n.endswith(".json") for n in names if n.startswith("progress/"))
    assert (home / "history.jsonl.migrated").read_bytes() == \
        (OLD_HOME / "history.jsonl").read_bytes()


def test_running_again_changes_nothing(cli: Cli, home: Path) -> None:
    old_home(home)
    assert cli("status", env=ENV).exit_code in (0, 1)
    before = db_rows(home)
    files = files_in(home)
    for args in (("status",), ("history", "--all"), ("checklist",), ("profile", "show")):
        r = cli(*args, env=ENV)
        assert r.exit_code in (0, 1), (args, r.output)
        assert "moved into" not in r.err
    assert db_rows(home) == before
    assert {k for k in files_in(home) if not k.startswith("posguide.db")} == \
        {k for k in files if not k.startswith("posguide.db")}


def test_old_files_put_back_are_not_counted_twice(cli: Cli, home: Path) -> None:
    """A history.jsonl restored beside an imported one (or an import killed
    after its commit, before the renames) adds only what is new."""
    old = old_home(home)
    assert cli("status", env=ENV).exit_code in (0, 1)
    before, progress = db_rows(home)
    shutil.copy(OLD_HOME / "history.jsonl", home / "history.jsonl")
    extra = json.dumps({"id": "new1", "terminal": "main", "kind": "inspection",
                        "date": "2026-11-20"}) + "\n"
    with open(home / "history.jsonl", "a", encoding="utf-8") as fh:
        fh.write(extra)
    r = cli("status", env=ENV)
    assert "moved into" in r.err and "1 records" in r.err
    after, progress_after = db_rows(home)
    assert len(after) == len(before) + 1 == len(old) + 1
    assert progress_after == progress
    assert (home / "history.jsonl.migrated.1").exists()


def test_an_import_killed_before_its_commit_simply_runs_again(home: Path,
                                                             monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    old = old_home(home)
    from posguide.store import legacy

    def killed(*args: object) -> None:
        raise KeyboardInterrupt  # as if the process stopped in the middle

    monkeypatch.setattr(legacy, "_rename_all", killed)
    store = local_store(home)
    with pytest.raises(KeyboardInterrupt):
        store.load_profile()
    store.close()
    monkeypatch.undo()
    # The transaction was committed, the files are still there: the next run
    # finds every event already in, and only renames.
    store = local_store(home)
    store.load_profile()
    assert [e.id for e in store.events()] == [e["id"] for e in old]
    store.close()
    assert (home / "history.jsonl.migrated").exists() and not (home / "history.jsonl").exists()


def test_a_read_only_old_home_is_read_without_importing(cli: Cli, home: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    old = old_home(home)
    before = files_in(home)
    from test_hostile import _read_only_filesystem

    with monkeypatch.context() as m:
        _read_only_filesystem(m, home)
        m.setattr(os, "access", lambda *a, **k: False)
        r = cli("history", "--all", "--json", env=ENV)
    assert r.exit_code == 0, r.output
    assert len(json.loads(r.stdout)["events"]) == len(old)
    assert files_in(home) == before and not (home / "posguide.db").exists()


# ------------------------------------------------------------------ reading writes nothing


def test_reading_a_home_without_history_creates_no_database(cli: Cli, terminal: object,
                                                            home: Path) -> None:
    for args in (("status",), ("history",), ("checklist",), ("profile", "show"),
                 ("terminal", "list"), ("status", "--all", "--json")):
        r = cli(*args, env=ENV)
        assert r.exit_code in (0, 1), (args, r.output)
    assert not (home / "posguide.db").exists()
    assert cli("record", "maintenance", env=ENV).exit_code == 0
    assert (home / "posguide.db").stat().st_mode & 0o777 == 0o600


def test_the_database_is_wal_with_a_schema_version(cli: Cli, terminal: object,
                                                   home: Path) -> None:
    assert cli("record", "maintenance", env=ENV).exit_code == 0
    db = sqlite3.connect(home / "posguide.db")
    assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert db.execute("SELECT version FROM posguide_schema").fetchall() == \
        [(sql.LATEST_VERSION,)]
    db.close()
    [event] = recorded(home)
    assert event.by  # who did it: the login name here
    r = cli("record", "inspection", env={**ENV, "POSGUIDE_USER": "小王"})
    assert r.exit_code == 0
    assert recorded(home)[-1].by == "小王"
    assert json.loads(cli("history", "--json").stdout)["events"][-1]["by"] == "小王"


# ------------------------------------------------------------------ damaged and foreign


def _with_db(cli: Cli, home: Path) -> bytes:
    assert cli("record", "maintenance", "--date", "2026-11-01", env=ENV).exit_code == 0
    return (home / "posguide.db").read_bytes()


@pytest.mark.parametrize("damage", ["truncated", "garbage", "zeros"])
def test_a_damaged_database_is_named_and_never_overwritten(cli: Cli, terminal: object,
                                                           home: Path, damage: str) -> None:
    good = _with_db(cli, home)
    bad = {"truncated": good[:4096 + 100], "garbage": b"this is not a database\n" * 200,
           "zeros": good[:100] + b"\0" * (len(good) - 100)}[damage]
    (home / "posguide.db").write_bytes(bad)
    for args in (("status",), ("record", "inspection"), ("history",),
                 ("checklist", "maintenance")):
        r = cli(*args, input="y\n", env=ENV)
        assert r.exit_code == 3, (damage, args, r.output)
        assert str(home / "posguide.db") in r.err.replace("\n", "") or \
            "posguide.db" in r.err, r.err
        assert "posguide.db.bak" in r.err and "Traceback" not in r.output
        assert (home / "posguide.db").read_bytes() == bad


def test_a_foreign_database_is_named_and_left_alone(cli: Cli, terminal: object,
                                                    home: Path) -> None:
    db = sqlite3.connect(home / "posguide.db")
    db.execute("CREATE TABLE photos (id INTEGER, name TEXT)")
    db.commit()
    db.close()
    before = (home / "posguide.db").read_bytes()
    for args in (("status",), ("record", "inspection")):
        r = cli(*args, env=ENV)
        assert r.exit_code == 3 and "not one made by posguide" in r.err, r.output
    assert (home / "posguide.db").read_bytes() == before


def test_a_newer_schema_is_refused_not_downgraded(cli: Cli, terminal: object,
                                                  home: Path) -> None:
    _with_db(cli, home)
    db = sqlite3.connect(home / "posguide.db")
    db.execute("UPDATE posguide_schema SET version = ?", (sql.LATEST_VERSION + 1,))
    db.commit()
    db.close()
    before = (home / "posguide.db").read_bytes()
    for args in (("status",), ("record", "inspection"), ("history",)):
        r = cli(*args, env=ENV)
        assert r.exit_code == 3 and "newer posguide" in r.err, r.output
    assert (home / "posguide.db").read_bytes() == before


def test_a_link_or_pipe_in_place_of_the_database_is_refused(cli: Cli, terminal: object,
                                                            home: Path, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.db"
    target.write_bytes(b"")
    (home / "posguide.db").symlink_to(target)
    r = cli("record", "inspection", env=ENV)
    assert r.exit_code == 3 and "not an ordinary file" in r.err
    assert target.read_bytes() == b""
    (home / "posguide.db").unlink()
    os.mkfifo(home / "posguide.db")
    r = cli("status", env=ENV)
    assert r.exit_code == 3 and "not an ordinary file" in r.err


def test_a_migration_keeps_a_backup_made_with_the_backup_api(home: Path,
                                                             monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    store = local_store(home)
    store.append([Event("main", "maintenance", date(2026, 11, 1))])
    store.close()
    later = sql.Migration(sql.LATEST_VERSION + 1, "a test column",
                          shared=("ALTER TABLE events ADD COLUMN test_only TEXT",))
    monkeypatch.setattr(sql, "MIGRATIONS", (*sql.MIGRATIONS, later))
    monkeypatch.setattr(sql, "LATEST_VERSION", later.version)
    store = local_store(home)
    store.append([Event("main", "inspection", date(2026, 11, 2))])
    assert [e.kind for e in store.events()] == ["maintenance", "inspection"]
    store.close()
    backup = sqlite3.connect(home / "posguide.db.bak")
    assert backup.execute("SELECT version FROM posguide_schema").fetchone() == \
        (later.version - 1,)
    assert backup.execute("SELECT kind FROM events").fetchall() == [("maintenance",)]
    backup.close()
    assert (home / "posguide.db.bak").stat().st_mode & 0o777 == 0o600


# ------------------------------------------------------------------ both or neither


def _pending(home: Path, profile: bytes, events: list[Event]) -> None:
    rows = [list(sql.event_row(e, "tester")) for e in events]
    db = sqlite3.connect(home / "posguide.db")
    with db:
        db.execute(sql.PUT_PENDING, (profile, json.dumps(rows), "[]"))
    db.close()


def test_a_change_killed_after_the_profile_was_written_is_finished(cli: Cli, terminal: object,
                                                                   home: Path) -> None:
    _with_db(cli, home)
    new = (home / "profile.toml").read_bytes().replace(b"2026-12-05", b"2027-12-05")
    _pending(home, new, [Event("main", "sim-renewal", date(2026, 11, 23),
                               data={"old_expires": "2026-12-05", "new_expires": "2027-12-05"})])
    (home / "profile.toml").write_bytes(new)  # the kill came after this
    r = cli("profile", "show", "--json", env=ENV)
    assert r.exit_code == 0 and json.loads(r.stdout)["sim"]["expires"] == "2027-12-05"
    assert r.err.count("was stopped while saving") == 1 and "1 history records" in r.err
    assert [e.kind for e in recorded(home)] == ["maintenance", "sim-renewal"]
    assert "stopped" not in cli("status", env=ENV).err  # said once


def test_a_change_killed_before_the_profile_was_written_is_dropped(cli: Cli, terminal: object,
                                                                   home: Path) -> None:
    _with_db(cli, home)
    before = (home / "profile.toml").read_bytes()
    new = before.replace(b"2026-12-05", b"2027-12-05")
    _pending(home, new, [Event("main", "sim-renewal", date(2026, 11, 23))])
    r = cli("status", "--json", env=ENV)
    assert r.exit_code in (0, 1) and r.err.count("was stopped before it saved") == 1
    assert (home / "profile.toml").read_bytes() == before
    assert [e.kind for e in recorded(home)] == ["maintenance"]
    db = sqlite3.connect(home / "posguide.db")
    assert db.execute("SELECT count(*) FROM pending").fetchone() == (0,)
    db.close()


def test_a_change_that_fails_leaves_neither(cli: Cli, terminal: object, home: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    _with_db(cli, home)
    before = (home / "profile.toml").read_bytes()
    from posguide import profile as prof

    def fail(*args: object) -> None:
        raise DataError("the disk said no")

    with monkeypatch.context() as m:
        m.setattr(prof, "save_bytes", fail)
        r = cli("record", "sim-renewal", "--expires", "2027-12-05", env=ENV)
    assert r.exit_code == 3 and "the disk said no" in r.err
    assert (home / "profile.toml").read_bytes() == before
    assert [e.kind for e in recorded(home)] == ["maintenance"]
    r = cli("status", env=ENV)
    assert "stopped" not in r.err


def test_removing_a_terminal_forgets_its_progress_in_the_same_change(cli: Cli, terminal: object,
                                                                     home: Path) -> None:
    assert cli("checklist", "maintenance", input="y\nq\n", env=ENV).exit_code == 1
    assert saved_progress(home, "maintenance") is not None
    assert cli("terminal", "remove", "main", "--yes").exit_code == 0
    assert saved_progress(home, "maintenance") is None


def test_removing_a_terminal_from_a_home_without_history_makes_no_database(
        cli: Cli, terminal: object, home: Path) -> None:
    assert cli("init", "--no-input", "--name", "n2", "--purchased", "2025-01-01",
               env=ENV).exit_code == 0
    assert cli("terminal", "remove", "n2", "--yes").exit_code == 0
    assert not (home / "posguide.db").exists()


def test_latest_of_many_terminals_is_one_query_a_chunk_and_matches_all(home: Path) -> None:
    store = local_store(home)
    names = [f"t{i:04d}" for i in range(sql.IN_CHUNK * 2 + 7)]
    events = [Event(terminal=n, kind="maintenance", date=date(2026, 1, 1 + i % 28))
              for i, n in enumerate(names)]
    events += [Event(terminal=n, kind="inspection", date=date(2026, 2, 1)) for n in names[::3]]
    # fee checks: the last that checked anything wins, across chunk borders
    events += [Event(terminal=n, kind="fee-check", date=date(2026, 3, 1),
                     data={"verdict": "higher"}) for n in names[::5]]
    events += [Event(terminal=n, kind="fee-check", date=date(2026, 3, 2),
                     data={"verdict": "unknown"}) for n in names[::10]]
    events += [Event(terminal=n, kind="fee-check", date=date(2026, 3, 3),
                     data={"verdict": "ok"}) for n in names[::15]]
    store.append(events)
    queries: list[str] = []
    conn = store._db()
    assert conn is not None
    conn.set_trace_callback(queries.append)
    some = store.latest(names + ["nobody"])
    conn.set_trace_callback(None)
    assert len(queries) == 3  # one a chunk
    assert some == store.latest() and len(some) == len(names)
    flags = store.fee_flags(names + ["nobody"])
    assert flags == store.fee_flags()
    assert {n for n, day in flags.items() if day} == {n for n in names[::5]
                                                      if n not in names[::15]}
    assert set(flags) == set(names[::5]) | set(names[::15])
    assert store.latest([]) == {}
    store.close()
