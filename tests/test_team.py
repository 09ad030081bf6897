"""The team store against a real PostgreSQL server (DESIGN.md 2a): two staff
members on one database, conflicting saves, a read-only role, the password
kept out of everything, db init/push/pull.

The server: tests/pg.py (CI starts one; locally a throwaway cluster is started
when PostgreSQL is installed, else these skip; under CI=true they fail).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import TODAY, Cli, Result
from pg import TeamDb, pg_server, team_db, with_database  # noqa: F401 - fixtures

SRC = Path(__file__).resolve().parents[1] / "src"


class Staff:
    """One person: a home of their own, the team's database, a name."""

    def __init__(self, cli: Cli, home: Path, url: str, name: str) -> None:
        self.cli, self.home, self.url, self.name = cli, home, url, name

    def __call__(self, *args: str, input: str | None = None,
                 env: dict[str, str | None] | None = None) -> Result:
        full = {"POSGUIDE_DATABASE": self.url, "POSGUIDE_USER": self.name,
                "POSGUIDE_TODAY": TODAY, **(env or {})}
        return self.cli("--home", str(self.home), *args, input=input, env=full)


def init_terminal(person: Staff, name: str, *extra: str) -> None:
    r = person("init", "--no-input", "--name", name, "--purchased", "2024-03-01",
               "--serial", f"SN-{name}", "--support-phone", "95016", *extra)
    assert r.exit_code == 0, r.output


@pytest.fixture
def team(cli: Cli, tmp_path: Path, team_db: TeamDb) -> tuple[Staff, Staff]:  # noqa: F811
    anna = Staff(cli, tmp_path / "anna", team_db.url, "anna")
    bob = Staff(cli, tmp_path / "bob", team_db.url, "bob")
    r = anna("db", "init")
    assert r.exit_code == 0, r.output
    return anna, bob


def all_files_text(*folders: Path) -> str:
    out = []
    for folder in folders:
        if folder.exists():
            for path in folder.rglob("*"):
                if path.is_file():
                    out.append(path.read_bytes().decode("utf-8", "replace"))
    return "\n".join(out)


# ------------------------------------------------------------------ two staff


def test_two_staff_see_each_others_terminals_and_events(team) -> None:
    anna, bob = team
    init_terminal(anna, "shop1")
    init_terminal(bob, "shop2")
    assert anna("record", "maintenance", "-t", "shop1", "--date", "2026-11-20").exit_code == 0
    assert bob("record", "inspection", "-t", "shop2", "--date", "2026-11-21").exit_code == 0
    assert bob("record", "transaction", "-t", "shop1", "--date", "2026-11-22").exit_code == 0

    for person in (anna, bob):
        status = json.loads(person("status", "--all", "--json").stdout)
        assert sorted(t["name"] for t in status["terminals"]) == ["shop1", "shop2"]
        events = json.loads(person("history", "--all", "--json").stdout)["events"]
        assert [(e["terminal"], e["kind"], e["by"]) for e in events] == [
            ("shop1", "maintenance", "anna"), ("shop2", "inspection", "bob"),
            ("shop1", "transaction", "bob")]
    # The maintenance clock anna restarted is bob's too.
    status = json.loads(bob("status", "--json", "-t", "shop1").stdout)
    maint = {f["code"]: f for f in status["terminals"][0]["findings"]}["maintenance"]
    assert maint["severity"] == "ok" and maint["due"] == "2026-12-20"

    r = anna("history", "--all", "--by", "bob")
    assert r.exit_code == 0, r.output
    assert "bob" in r.out and "Tamper inspection" in r.out and "Cleaning" not in r.out
    r = anna("history", "--all")
    assert "anna" in r.out and "bob" in r.out  # the "by" column
    # Nothing of the team's was written to either home.
    assert not (anna.home / "profile.toml").exists()
    assert not (bob.home / "posguide.db").exists()


def test_each_person_has_a_default_terminal_of_their_own(team) -> None:
    anna, bob = team
    init_terminal(anna, "shop1")
    init_terminal(anna, "shop2")
    # bob never chose: the team's default (the first terminal) serves him.
    assert json.loads(bob("status", "--json").stdout)["terminals"][0]["name"] == "shop1"
    assert bob("terminal", "use", "shop2").exit_code == 0
    assert json.loads(bob("status", "--json").stdout)["terminals"][0]["name"] == "shop2"
    assert json.loads(anna("status", "--json").stdout)["terminals"][0]["name"] == "shop1"


# ------------------------------------------------------------------ conflicts


def test_second_of_two_conflicting_saves_is_refused_with_the_first_name(team, tmp_path) -> None:
    """anna opens the profile in her editor; while it is open bob changes the
    same terminal; anna's save is refused, naming bob, and bob's change stays."""
    anna, bob = team
    init_terminal(anna, "shop1")
    editor = tmp_path / "editor.py"
    # The editor: bob saves a change while anna's editor is open, then anna edits.
    editor.write_text(
        "import os, subprocess, sys\n"
        "env = dict(os.environ, POSGUIDE_USER='bob')\n"
        f"subprocess.run([sys.executable, '-m', 'posguide', '--home', {str(bob.home)!r},\n"
        "                'profile', 'set', 'location', 'back room', '-t', 'shop1'],\n"
        "               env=env, check=True, capture_output=True)\n"
        "path = sys.argv[1]\n"
        "text = open(path, encoding='utf-8').read()\n"
        "open(path, 'w', encoding='utf-8').write(\n"
        "    text.replace('[terminals.shop1]', '[terminals.shop1]\\nmodel = \"A8\"'))\n")
    env = {"EDITOR": f"{sys.executable} {editor}",
           "PYTHONPATH": str(SRC)}
    r = anna("profile", "edit", env=env)
    assert r.exit_code == 3, r.output
    assert "bob" in r.err and "shop1" in r.err and "UTC" in r.err
    shown = json.loads(anna("profile", "show", "--json", "-t", "shop1").stdout)
    assert shown["location"] == "back room" and shown["model"] is None
    assert (anna.home / "profile.toml.rejected").exists()  # her edit is kept for her

    # Without anything in between, the same edit saves.
    env["EDITOR"] = (f"{sys.executable} -c \"import sys; p = sys.argv[1]; t = open(p).read(); "
                     f"open(p, 'w').write(t.replace('[terminals.shop1]', "
                     f"'[terminals.shop1]\\nmodel = \\'A8\\''))\"")
    r = anna("profile", "edit", env=env)
    assert r.exit_code == 0, r.output
    shown = json.loads(bob("profile", "show", "--json", "-t", "shop1").stdout)
    assert shown["location"] == "back room" and shown["model"] == "A8"


def test_a_save_based_on_an_old_revision_is_refused_through_the_store(team) -> None:
    """The store's contract, as two wizards on one terminal use it: each
    started from what it saw; the first to finish saves, the second is refused."""
    from posguide.home import Home
    from posguide.store import Conflict
    from posguide.store.postgres import PostgresStore

    anna, bob = team
    init_terminal(anna, "shop1")
    os.environ["POSGUIDE_USER"] = "anna"
    try:
        a = PostgresStore(Home(anna.home), anna.url)
        b = PostgresStore(Home(bob.home), bob.url)
        seen_a = a.profile().revisions
        seen_b = b.profile().revisions
        with a.change(base=seen_a) as change:
            change.profile.terminals["shop1"].sim.iccid = "89860012345678901238"
        os.environ["POSGUIDE_USER"] = "bob"
        with pytest.raises(Conflict) as refused, b.change(base=seen_b) as change:
            change.profile.terminals["shop1"].sim.iccid = "89860099999999999990"
        assert refused.value.by == "anna" and refused.value.terminal == "shop1"
        assert "anna" in refused.value.message
        assert b.profile().terminals["shop1"].sim.iccid == "89860012345678901238"
        # Based on what is there now, bob's save goes through.
        with b.change(base=b.profile().revisions) as change:
            change.profile.terminals["shop1"].location = "front"
        a.close()
        b.close()
    finally:
        os.environ.pop("POSGUIDE_USER", None)


# ------------------------------------------------------------------ read-only


def test_a_read_only_role_reads_everything_and_may_not_write(team, team_db: TeamDb,  # noqa: F811
                                                              cli: Cli, tmp_path) -> None:
    anna, _ = team
    init_terminal(anna, "shop1")
    assert anna("record", "maintenance", "--date", "2026-11-20").exit_code == 0
    url = team_db.create_role("viewer_ro", "s3cret-viewer", writer=False)
    viewer = Staff(cli, tmp_path / "viewer", url, "viewer")
    for args in (["status", "--all"], ["status", "--all", "--json"], ["history", "--all"],
                 ["history", "--json"], ["terminal", "list"], ["profile", "show"],
                 ["checklist"], ["terminal", "export"], ["db", "pull"],
                 ["remind", "--ics", str(tmp_path / "r.ics")]):
        r = viewer(*args)
        assert r.exit_code == 0, (args, r.output)
    r = viewer("status", "--all")
    assert "shop1" in r.out
    r = viewer("record", "maintenance")
    assert r.exit_code == 3, r.output
    assert "viewer_ro" in r.err and "may only read" in r.err
    r = viewer("--lang", "zh", "profile", "set", "location", "x")
    assert r.exit_code == 3 and "只有读取权限" in r.err
    assert "s3cret-viewer" not in r.output
    # Nothing was recorded.
    events = json.loads(anna("history", "--json").stdout)["events"]
    assert [e["kind"] for e in events] == ["maintenance"]


def test_a_writer_role_made_as_the_readme_says_can_work(team, team_db: TeamDb,  # noqa: F811
                                                         cli: Cli, tmp_path) -> None:
    url = team_db.create_role("clerk_rw", "clerk-pw-1", writer=True)
    clerk = Staff(cli, tmp_path / "clerk", url, "clerk")
    init_terminal(clerk, "shop9")
    assert clerk("record", "inspection").exit_code == 0
    r = clerk("db", "init")  # not the owner: nothing to upgrade, nothing refused
    assert r.exit_code == 0, r.output


# ------------------------------------------------------------------ the password


def test_the_password_appears_in_no_output_file_or_error(team, team_db: TeamDb,  # noqa: F811
                                                          cli: Cli, tmp_path) -> None:
    password = "Pw-9f3kQz-unique"
    url = team_db.create_role("pwtest", password, writer=True)
    person = Staff(cli, tmp_path / "pw", url, "pw")
    outputs = []
    init_terminal(person, "shop1")
    for args in (["status"], ["history", "--json"], ["record", "maintenance"], ["db", "init"],
                 ["db", "push"], ["db", "pull"], ["terminal", "list", "--json"],
                 ["profile", "show", "--json"], ["profile", "path"], ["status", "--bogus"],
                 ["--help"], ["db", "--help"]):
        outputs.append(person(*args).output)
    # A wrong password, a wrong database, an unreachable server: said without it.
    wrong = with_database(url, team_db.name, user="pwtest", password=password + "x")
    outputs.append(cli("--home", str(person.home), "--database", wrong, "status").output)
    gone = with_database(url, "no_such_db_here")
    r = cli("--home", str(person.home), "--database", gone, "status")
    assert r.exit_code == 3
    outputs.append(r.output)
    text = "\n".join(outputs)
    assert password not in text
    assert "did not accept the login" in text
    assert password not in all_files_text(person.home, tmp_path / "pw")
    stored = team_db.sql("SELECT string_agg(concat_ws(' ', id, terminal, note, data, by_user), "
                         "' ') FROM events")[0][0]
    assert stored and password not in stored
    # --database on the command line, written into config.toml: the same.
    (person.home / "config.toml").write_text(f'database = "{url}"\n')
    r = cli("--home", str(person.home), "status", "--all")
    assert r.exit_code == 0 and password not in r.output


def test_an_unexpected_error_does_not_show_the_password(team, team_db: TeamDb,  # noqa: F811
                                                          cli: Cli, tmp_path, monkeypatch) -> None:
    from posguide.store.postgres import PostgresStore

    password = "Leak-me-not-42"
    url = team_db.create_role("bugtest", password, writer=True)

    def broken(self, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError(f"driver said: could not use {url} (password={password})")

    monkeypatch.setattr(PostgresStore, "events", broken)
    person = Staff(cli, tmp_path / "bug", url, "bug")
    init_terminal(person, "shop1")
    r = person("history")
    assert r.exit_code == 70, r.output
    assert "driver said" in r.err and password not in r.output


def test_an_unreachable_server_is_said_clearly_and_quickly(cli: Cli, tmp_path: Path) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again below: nothing listens there
    password = "Unreachable-pw-77"
    url = f"postgresql://anna:{password}@127.0.0.1:{port}/team"
    start = time.monotonic()
    for args in (["status"], ["record", "maintenance"], ["db", "init"], ["history"]):
        r = cli("--home", str(tmp_path / "h"), "--database", url, *args)
        assert r.exit_code == 3, r.output
        assert "Cannot reach the team database postgresql://anna@127.0.0.1" in r.err
        assert password not in r.output
        assert "Traceback" not in r.output
    assert time.monotonic() - start < 20
    # A server that does not answer at all is given up after the connect timeout.
    blackhole = f"postgresql://anna:{password}@10.255.255.1:5432/team"
    start = time.monotonic()
    r = cli("--home", str(tmp_path / "h"), "--database", blackhole, "status",
            env={"POSGUIDE_DB_TIMEOUT": "2"})
    assert r.exit_code == 3 and password not in r.output
    assert time.monotonic() - start < 10
    assert not (tmp_path / "h").exists() or password not in all_files_text(tmp_path / "h")


def test_pgpass_and_pgpassword_work(team, team_db: TeamDb, cli: Cli, tmp_path) -> None:  # noqa: F811
    anna, _ = team
    init_terminal(anna, "shop1")
    team_db.create_role("passfile", "from-pgpass-1", writer=False)
    bare = team_db.url_for("passfile")  # no password in the URL
    assert "from-pgpass-1" not in bare
    pgpass = tmp_path / "pgpass"
    pgpass.write_text("*:*:*:passfile:from-pgpass-1\n")
    pgpass.chmod(0o600)
    r = cli("--home", str(tmp_path / "p"), "--database", bare, "status", "--all",
            env={"PGPASSFILE": str(pgpass), "POSGUIDE_TODAY": TODAY})
    assert r.exit_code == 0, r.output
    r = cli("--home", str(tmp_path / "p"), "--database", bare, "status", "--all",
            env={"PGPASSWORD": "from-pgpass-1", "POSGUIDE_TODAY": TODAY,
                 "PGPASSFILE": str(tmp_path / "none")})
    assert r.exit_code == 0, r.output


# ------------------------------------------------------------------ choosing the store


def test_the_database_comes_from_option_then_environment_then_config(
        team, cli: Cli, tmp_path) -> None:
    anna, _ = team
    init_terminal(anna, "shop1")
    home = tmp_path / "plain"
    home.mkdir()
    # config.toml
    (home / "config.toml").write_text(f'database = "{anna.url}"\n')
    r = cli("--home", str(home), "terminal", "list", "--json")
    assert r.exit_code == 0 and "shop1" in r.stdout
    # $POSGUIDE_DATABASE wins over config.toml, --database over both.
    r = cli("--home", str(home), "terminal", "list",
            env={"POSGUIDE_DATABASE": "sqlite:///nope"})
    assert r.exit_code == 2 and "POSGUIDE_DATABASE" in r.err
    r = cli("--home", str(home), "--database", "mysql://x@y/z", "status")
    assert r.exit_code == 2 and "--database" in r.err
    r = cli("status", "--json", "--home", str(home), "--database", anna.url,
            env={"POSGUIDE_DATABASE": "sqlite:///nope", "POSGUIDE_TODAY": TODAY})
    assert r.exit_code == 0 and "shop1" in r.stdout
    (home / "config.toml").write_text('database = "postgresql://x@y/z\n')
    r = cli("--home", str(home), "status")
    assert r.exit_code == 3 and "config.toml" in r.err


def test_the_local_store_never_imports_the_driver(tmp_path: Path) -> None:
    env = dict(os.environ, POSGUIDE_HOME=str(tmp_path / "h"))
    env.pop("POSGUIDE_DATABASE", None)
    code = ("import sys; from posguide.__main__ import main; main(['status', '--demo']); "
            "main(['status']); print('psycopg' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.stdout.strip().splitlines()[-1] == "False", done.stdout + done.stderr


# ------------------------------------------------------------------ db init / push / pull


def test_db_init_is_idempotent_and_safe_run_twice_at_once(team_db: TeamDb,  # noqa: F811
                                                          tmp_path: Path) -> None:
    env = dict(os.environ, POSGUIDE_DATABASE=team_db.url, POSGUIDE_HOME=str(tmp_path / "h"))
    procs = [subprocess.Popen([sys.executable, "-m", "posguide", "db", "init"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(4)]
    results = [p.communicate(timeout=60) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], results
    assert sum("is ready" in out for out, _ in results) == 1
    assert team_db.sql("SELECT version FROM posguide_schema") == [(1,)]
    again = subprocess.run([sys.executable, "-m", "posguide", "db", "init"], env=env,
                           capture_output=True, text=True, timeout=60)
    assert again.returncode == 0 and "up to date" in again.stdout


def test_db_push_and_pull_twice_change_nothing(cli: Cli, tmp_path: Path,
                                               team_db: TeamDb) -> None:  # noqa: F811
    local = tmp_path / "local"
    lenv = {"POSGUIDE_TODAY": TODAY, "POSGUIDE_USER": "anna"}

    def here(*args: str, input: str | None = None) -> Result:
        return cli("--home", str(local), *args, input=input, env=lenv)

    for name in ("shop1", "shop2"):
        r = here("init", "--no-input", "--name", name, "--purchased", "2024-03-01")
        assert r.exit_code == 0, r.output
    assert here("record", "maintenance", "-t", "shop1", "--date", "2026-11-01").exit_code == 0
    assert here("record", "transaction", "-t", "shop2", "--note", "first sale").exit_code == 0
    r = here("checklist", "security", "-t", "shop1", input="y\nq\n")  # paused: progress
    assert r.exit_code == 1, r.output
    before = json.loads(here("history", "--all", "--json").stdout)["events"]

    def push() -> Result:
        return cli("--home", str(local), "--database", team_db.url, "db", "push", env=lenv)

    r = push()
    assert r.exit_code == 0, r.output
    assert "2 terminals, 2 events, 1 paused" in r.out
    counts = team_db.sql("SELECT (SELECT count(*) FROM events), "
                         "(SELECT count(*) FROM terminals), (SELECT count(*) FROM progress)")
    r = push()
    assert r.exit_code == 0 and "Nothing new" in r.out, r.output
    assert team_db.sql("SELECT (SELECT count(*) FROM events), "
                       "(SELECT count(*) FROM terminals), "
                       "(SELECT count(*) FROM progress)") == counts == [(2, 2, 1)]
    team = Staff(cli, tmp_path / "unused", team_db.url, "anna")
    assert json.loads(team("history", "--all", "--json").stdout)["events"] == before

    # Another home pulls the team back; twice changes nothing.
    other = tmp_path / "other"

    def pull() -> Result:
        return cli("--home", str(other), "--database", team_db.url, "db", "pull", env=lenv)

    r = pull()
    assert r.exit_code == 0, r.output
    assert "2 terminals and 2 events" in r.out
    snapshot = (other / "profile.toml").read_bytes()
    r = pull()
    assert r.exit_code == 0 and "Nothing new" in r.out, r.output
    assert (other / "profile.toml").read_bytes() == snapshot
    pulled = cli("--home", str(other), "history", "--all", "--json", env=lenv)
    assert json.loads(pulled.stdout)["events"] == before

    # A terminal on both sides with different facts stops the copy, nothing written.
    assert here("profile", "set", "location", "moved", "-t", "shop2").exit_code == 0
    assert here("record", "inspection", "-t", "shop1").exit_code == 0
    r = push()
    assert r.exit_code == 3 and "shop2" in r.err, r.output
    assert team_db.sql("SELECT count(*) FROM events") == [(2,)]


# ------------------------------------------------------------------ wizards


def _swap_lines() -> tuple[list[str], str]:
    """Piped answers for a whole `posguide sim-swap`, the last one ("y", save)
    apart; and the new card's ICCID."""
    from datetime import date

    from posguide.checklist import load_builtin
    from posguide.profile import Terminal
    from posguide.simswap import CARRIER, CONFIRM, EXPIRES, ICCID, PLAN, wizard_checklist
    from posguide.validate import luhn_check_digit

    new_iccid = "8986001122334455667" + luhn_check_digit("8986001122334455667")
    term = Terminal(name="shop1", purchased=date(2024, 3, 1))
    c = wizard_checklist(load_builtin("sim-swap"), term, date.fromisoformat(TODAY),
                         lambda old, new, tested: "")
    typed = {ICCID: new_iccid, CARRIER: "", PLAN: "plan B", EXPIRES: "+1y"}
    lines = []
    for step in c.steps[: c.step_index(CONFIRM)]:  # the ICCID is typed before the card goes in
        lines.append(typed.get(step.id, "" if step.kind == "note" else "y"))
    return lines, new_iccid


def test_a_sim_swap_is_not_saved_over_a_change_made_while_it_ran(team, tmp_path) -> None:
    """anna's SIM swap waits at "Save this?" while bob changes the same
    terminal; her save is refused naming bob, and bob's change stays. Her
    answers are kept: run again, the swap resumes and saves."""
    import threading

    anna, bob = team
    init_terminal(anna, "shop1", "--sim-iccid", "89860012345678901238",
                  "--sim-expires", "2026-12-05", "--sim-carrier", "China Mobile")
    lines, new_iccid = _swap_lines()
    env = dict(os.environ, POSGUIDE_DATABASE=anna.url, POSGUIDE_USER="anna",
               POSGUIDE_TODAY=TODAY, POSGUIDE_HOME=str(anna.home), PYTHONPATH=str(SRC),
               POSGUIDE_LANG="en")
    proc = subprocess.Popen([sys.executable, "-m", "posguide", "sim-swap"], env=env,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
    stdout = proc.stdout
    seen: list[str] = []

    def read() -> None:  # chunks, not lines: the last prompt ends without a newline
        while chunk := os.read(stdout.fileno(), 65536):
            seen.append(chunk.decode("utf-8", "replace"))

    reader = threading.Thread(target=read)
    reader.start()
    proc.stdin.write("\n".join(lines) + "\n")
    proc.stdin.flush()
    deadline = time.monotonic() + 60
    while "Save this?" not in "".join(seen) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert "Save this?" in "".join(seen), "".join(seen)
    r = bob("profile", "set", "sim.plan", "bob's plan", "-t", "shop1")
    assert r.exit_code == 0, r.output
    proc.stdin.write("y\n")
    proc.stdin.close()
    err = proc.stderr.read()
    proc.wait(timeout=60)
    reader.join(timeout=10)
    assert proc.returncode == 3, "".join(seen) + err
    assert "bob" in err and "shop1" in err
    shown = json.loads(anna("profile", "show", "--json", "-t", "shop1").stdout)
    assert shown["sim"]["plan"] == "bob's plan"
    assert shown["sim"]["iccid"] == "89860012345678901238"
    assert [e["kind"] for e in json.loads(anna("history", "--json").stdout)["events"]] == []
    # Run again: it offers to resume, and now saves on top of bob's change.
    r = anna("sim-swap", input="y\n" + "y\n")
    assert r.exit_code == 0, r.output
    shown = json.loads(bob("profile", "show", "--json", "-t", "shop1").stdout)
    assert shown["sim"]["iccid"] == new_iccid


def test_under_ci_a_missing_server_fails_instead_of_skipping(monkeypatch) -> None:
    import pg

    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true needs a PostgreSQL server"):
        pg.no_server("nothing installed")
    monkeypatch.setenv("CI", "")
    with pytest.raises(pytest.skip.Exception, match="nothing installed"):
        pg.no_server("nothing installed")


def test_damaged_progress_in_the_team_store_is_said_as_locally(team, team_db: TeamDb,  # noqa: F811
                                                               home: Path) -> None:
    anna, _ = team
    init_terminal(anna, "shop1")
    r = anna("checklist", "security", "-t", "shop1", input="y\nq\n")  # paused: progress
    assert r.exit_code == 1, r.output
    for raw in BAD_PROGRESS:
        text = raw.decode("utf-8", "replace")
        team_db.sql("UPDATE progress SET data = %s", text)
        r = anna("checklist", "security", "-t", "shop1", input="y\n" * 30)
        assert r.exit_code == 3, (raw[:40], r.output)
        assert "--restart" in r.err and "Traceback" not in r.output
        assert team_db.sql("SELECT data FROM progress") == [(text,)]
    # A push of a local home keeps the team's damaged entry as it is.
    local = Staff(anna.cli, home, "", "anna")
    init_terminal(local, "shop1", "--serial", "SN-shop1")
    r = local("checklist", "security", "-t", "shop1", input="y\nq\n", env={
        "POSGUIDE_DATABASE": None})
    r = anna.cli("--home", str(home), "--database", team_db.url, "db", "push",
                 env={"POSGUIDE_TODAY": TODAY})
    assert r.exit_code in (0, 3) and "Traceback" not in r.output, r.output
    assert team_db.sql("SELECT data FROM progress") == [(text,)]


BAD_PROGRESS = [b"[" * 100000, b"\xff", b"{}", b"[1]", b'"text"']


def test_push_and_pull_carry_the_policy_and_the_default_terminal(cli: Cli, tmp_path: Path,
                                                                  team_db: TeamDb,  # noqa: F811
                                                                  ) -> None:
    local = tmp_path / "local"
    lenv = {"POSGUIDE_TODAY": TODAY, "POSGUIDE_USER": "anna"}

    def here(*args: str, home: Path = local) -> Result:
        return cli("--home", str(home), *args, env=lenv)

    for name in ("shop1", "shop2"):
        assert here("init", "--no-input", "--name", name, "--purchased",
                    "2024-03-01").exit_code == 0
    assert here("terminal", "use", "shop2").exit_code == 0
    profile = local / "profile.toml"
    profile.write_text(profile.read_text() + "\n[policy]\nmaintenance_warn_days = 14\n")
    r = here("--database", team_db.url, "db", "push")
    assert r.exit_code == 0, r.output
    assert "maintenance_warn_days" in team_db.sql(
        "SELECT value FROM settings WHERE key = 'policy'")[0][0]
    # Pulled into a new home: the policy and the default come along.
    other = tmp_path / "other"
    r = here("--database", team_db.url, "db", "pull", home=other)
    assert r.exit_code == 0, r.output
    pulled = (other / "profile.toml").read_text()
    assert "maintenance_warn_days = 14" in pulled and 'default = "shop2"' in pulled
    # Both sides with a policy, different: refused, nothing written.
    profile.write_text(profile.read_text().replace("= 14", "= 21"))
    before = team_db.sql("SELECT value, rev FROM settings WHERE key = 'policy'")
    r = here("--database", team_db.url, "db", "push")
    assert r.exit_code == 3 and "[policy]" in r.err, r.output
    assert team_db.sql("SELECT value, rev FROM settings WHERE key = 'policy'") == before
