"""status, record, history and remind through the real CLI."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from conftest import TODAY, files_in, saved_progress

T = {"POSGUIDE_TODAY": TODAY}


def status_json(cli, *args: str, env=None) -> dict:
    r = cli("status", "--json", *args, env=env or T)
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def by_code(data: dict, terminal: int = 0) -> dict[str, dict]:
    return {f["code"]: f for f in data["terminals"][terminal]["findings"]}


def test_status_without_profile_explains_in_two_lines(cli, home: Path) -> None:
    for lang, word in (("en", "No terminal profile yet"), ("zh", "还没有终端资料")):
        r = cli("--lang", lang, "status")
        assert r.exit_code == 0
        assert word in r.out and "posguide init" in r.out and "posguide status --demo" in r.out
        assert len(r.stdout.strip().splitlines()) <= 3  # two sentences; rich may wrap one
    assert not home.exists()


def test_demo_reads_and_writes_nothing(cli, home: Path) -> None:
    for lang in ("en", "zh"):
        r = cli("--lang", lang, "status", "--demo", env=T)
        assert r.exit_code == 0
        assert "Traceback" not in r.output
    assert not home.exists()
    data = status_json(cli, "--demo")
    severities = {f["severity"] for f in data["terminals"][0]["findings"]}
    assert severities == {"ok", "info", "warn", "critical"}  # a realistic mix


def test_json_shape(cli, terminal) -> None:
    data = status_json(cli)
    assert data["schema"] == 1 and data["today"] == TODAY
    assert data["terminals"][0]["name"] == "main"
    findings = data["terminals"][0]["findings"]
    assert [f["code"] for f in findings] == ["terminal_service", "profile", "sim_expiry",
                                             "dormancy", "maintenance", "inspection",
                                             "password", "software", "fee_check", "fee_rate"]
    for f in findings:
        assert set(f) == {"code", "severity", "due", "days", "message", "fix"}
        assert f["severity"] in ("ok", "info", "warn", "critical")
    sim = by_code(data)["sim_expiry"]
    assert sim == {**sim, "severity": "warn", "due": "2026-12-05", "days": 12,
                   "fix": "posguide sim-swap"}


def test_sim_expired_yesterday_is_first_in_red_with_both_fixes(cli, terminal) -> None:
    cli("profile", "set", "sim.expires", "2026-11-22")
    # Nothing else was ever recorded, so cleaning, inspection and more are long
    # overdue too: the SIM card still comes first, since without it no payment works.
    for lang, expired in (("en", "SIM card expired yesterday (2026-11-22)"),
                          ("zh", "流量卡已于昨天（2026-11-22）到期")):
        r = cli("--lang", lang, "status", env=T)
        assert r.exit_code == 0
        lines = [line for line in r.stdout.splitlines() if line.strip()]
        assert lines[1].startswith("[x]")  # the first finding, marked critical
        assert expired in r.out
        assert "posguide sim-swap" in r.out and "posguide record sim-renewal" in r.out


def test_sim_expired_is_red_on_a_colour_terminal(cli, terminal, monkeypatch) -> None:
    cli("profile", "set", "sim.expires", "2026-11-22")
    monkeypatch.delenv("NO_COLOR")
    from rich.console import Console

    from conftest import local_store
    from posguide.cli.status_view import render_one
    from posguide.profile import DEFAULT_POLICY
    from posguide.status import evaluate

    store = local_store(Path(__import__("os").environ["POSGUIDE_HOME"]))
    term = store.profile().terminals["main"]
    findings = evaluate(term, store.latest().get("main", {}), DEFAULT_POLICY,
                        date(2026, 11, 23))
    store.close()
    console = Console(record=True, width=100, force_terminal=True, color_system="truecolor")
    render_one(console, term, findings, date(2026, 11, 23))
    text = console.export_text(styles=True, clear=False)
    assert "\x1b[1;31m[x]" in text  # bold red mark
    assert "\x1b[1;31mSIM card expired yesterday" in text
    svg = console.export_svg()
    assert "SIM&#160;card&#160;expired" in svg or "SIM card expired" in svg


def test_check_exit_code(cli, terminal) -> None:
    assert cli("status", "--check", env=T).exit_code == 1
    r = cli("status", "--check", "--today", "2024-03-06")
    assert r.exit_code == 0, r.output  # the day after activation: nothing due yet


def test_today_option(cli, terminal) -> None:
    data = status_json(cli, "--today", "2027-03-02")
    assert by_code(data)["terminal_service"]["severity"] == "critical"
    assert data["today"] == "2027-03-02"
    r = cli("status", "--today", "2027-02-30")
    assert r.exit_code == 2 and "today" in r.err


def test_record_moves_the_clock(cli, terminal) -> None:
    before = by_code(status_json(cli))["maintenance"]
    assert before["severity"] == "critical"
    r = cli("record", "maintenance", "--note", "cleaned the reader", env=T)
    assert r.exit_code == 0 and "Recorded" in r.out
    after = by_code(status_json(cli))["maintenance"]
    assert after["severity"] == "ok" and after["due"] == "2026-12-23"
    r = cli("record", "inspection", "--date", "2026-11-01", env=T)
    assert r.exit_code == 0
    assert by_code(status_json(cli))["inspection"]["due"] == "2026-12-01"


@pytest.mark.parametrize(("args", "code", "says"), [
    (["record", "dance"], 2, "maintenance"),
    (["record", "maintenance", "--date", "2027-01-01"], 2, "future"),
    (["record", "maintenance", "--date", "2026-02-30"], 2, "calendar"),
    (["record", "maintenance", "--note", "card 4111 1111 1111 1111"], 2, "card number"),
    (["record", "sim-renewal"], 2, "--expires"),
    (["record", "sim-renewal", "--expires", "2026-01-01"], 2, "after"),
])
def test_record_refuses_bad_input(cli, terminal, home: Path, args, code, says) -> None:
    before = files_in(home)
    r = cli(*args, env=T)
    assert r.exit_code == code, r.output
    assert says in r.err
    after = files_in(home)
    after.pop("history.index.json", None)
    before.pop("history.index.json", None)
    assert after == before


def test_sim_renewal_updates_expiry_and_keeps_the_old_date(cli, terminal) -> None:
    r = cli("record", "sim-renewal", "--expires", "+1y", env=T)
    assert r.exit_code == 0, r.output
    assert "2026-12-05" in r.out and "2027-11-23" in r.out
    profile = json.loads(cli("profile", "show", "--json").stdout)
    assert profile["sim"]["expires"] == "2027-11-23"
    events = json.loads(cli("history", "--json").stdout)["events"]
    assert events[-1]["kind"] == "sim-renewal"
    assert events[-1]["data"]["old_expires"] == "2026-12-05"
    assert by_code(status_json(cli))["sim_expiry"]["severity"] == "ok"


def test_history_filters_and_formats(cli, terminal) -> None:
    cli("record", "maintenance", "--date", "2026-10-01", env=T)
    cli("record", "transaction", "--date", "2026-11-20", "--note", "=SUM(A1)", env=T)
    cli("record", "maintenance", "--date", "2026-11-21", env=T)
    events = json.loads(cli("history", "--json").stdout)["events"]
    assert [e["date"] for e in events] == ["2026-10-01", "2026-11-20", "2026-11-21"]
    assert all(e["terminal"] == "main" for e in events)
    events = json.loads(cli("history", "--json", "--kind", "maintenance",
                            "--since", "2026-11-01").stdout)["events"]
    assert [(e["kind"], e["date"]) for e in events] == [("maintenance", "2026-11-21")]
    r = cli("history", "--csv")
    lines = r.stdout.splitlines()
    assert lines[0] == "date,terminal,kind,note,data,by"
    assert "2026-11-20,main,transaction,'=SUM(A1)," in r.stdout  # not a formula in a spreadsheet
    r = cli("--lang", "zh", "history")
    assert "清洁保养" in r.stdout and "2026-11-21" in r.stdout
    assert cli("history", "--kind", "nope").exit_code == 2


def test_status_all_most_urgent_first_and_within(cli, terminal) -> None:
    cli("init", "--no-input", "--name", "b", "--purchased", "2026-11-01",
        "--sim-expires", "2027-06-01", "--serial", "SN-2", "--support-phone", "95016", env=T)
    cli("init", "--no-input", "--name", "c", "--purchased", "2026-11-20",
        "--sim-expires", "2026-11-20", env=T)
    data = status_json(cli, "--all")
    assert [t["name"] for t in data["terminals"]] == ["main", "b", "c"]
    r = cli("status", "--all", env=T)
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert lines[1].split() == ["Terminal", "Item", "Due", "Days", "Fix"]
    names = [line.split()[0] for line in lines[2:4]]
    # Both overdue; c's SIM card expired (no payments) outranks main's late cleaning.
    assert names == ["c", "main"]  # and b has nothing due
    # c is not the default terminal, so its fix says which terminal to fix
    assert lines[2].split()[1:] == ["[x]", "SIM", "expiry", "and", "1", "more", "2026-11-20", "-3",
                                    "posguide", "sim-swap", "--terminal", "c"]
    assert "1 terminal with nothing due" in r.out
    data = status_json(cli, "--all", "--within", "15")
    for t in data["terminals"]:
        assert all(f["days"] is not None and f["days"] <= 15 for f in t["findings"])
    assert cli("status", "--all", "--within", "soon", env=T).exit_code == 2


def test_an_old_history_torn_by_a_crash_is_imported_and_reported_once(cli, terminal,
                                                                      home: Path) -> None:
    """A history.jsonl from the release before posguide.db, its last line cut
    by a crash mid-write: status imports the rest and says which line stayed."""
    good = b'{"id":"m1","terminal":"main","kind":"maintenance","date":"2026-11-01"}\n'
    (home / "history.jsonl").write_bytes(good + b'{"id":"x","terminal":"main","kind":"insp')
    r = cli("status", "--json", env=T)
    assert r.exit_code == 0
    assert by_code(json.loads(r.stdout))["maintenance"]["due"] == "2026-12-01"
    assert "line 2" in r.err and "history.jsonl.migrated" in r.err
    r = cli("record", "inspection", env=T)
    assert r.exit_code == 0 and "line 2" not in r.err
    r = cli("history", "--json")
    assert r.err == ""
    kinds = [e["kind"] for e in json.loads(r.stdout)["events"]]
    assert kinds == ["maintenance", "inspection"]
    assert (home / "history.jsonl.migrated").read_bytes().endswith(b'"kind":"insp')


def test_latest_follows_every_new_record_and_never_goes_back(cli, terminal, home: Path) -> None:
    cli("record", "maintenance", "--date", "2026-11-01", env=T)
    assert by_code(status_json(cli))["maintenance"]["due"] == "2026-12-01"
    cli("record", "maintenance", "--date", "2026-11-10", env=T)
    assert by_code(status_json(cli))["maintenance"]["due"] == "2026-12-10"
    # a backdated event does not move the clock backwards
    cli("record", "maintenance", "--date", "2026-10-10", env=T)
    assert by_code(status_json(cli))["maintenance"]["due"] == "2026-12-10"


def test_remind_writes_a_calendar_that_parses(cli, terminal, tmp_path: Path) -> None:
    from icalendar import Calendar

    target = tmp_path / "日历 posguide.ics"
    r = cli("remind", "--ics", str(target), env=T)
    assert r.exit_code == 0, r.output
    cal = Calendar.from_ical(target.read_bytes())
    events = list(cal.walk("VEVENT"))
    uids = [str(e["UID"]) for e in events]
    assert len(uids) == len(set(uids))
    by_uid = {str(e["UID"]): e for e in events}
    sim_due = next(e for u, e in by_uid.items() if "sim_expiry-due" in u)
    assert sim_due.decoded("DTSTART") == date(2026, 12, 5)
    sim_act = next(e for u, e in by_uid.items() if "sim_expiry-act" in u)
    assert sim_act.decoded("DTSTART") == date(2026, 11, 23)  # the warn window began already
    service_act = next(e for u, e in by_uid.items() if "terminal_service-act" in u)
    assert service_act.decoded("DTSTART") == date(2026, 12, 31)  # 2027-03-01 minus 60 days
    for e in events:
        assert e.decoded("DTSTART") >= date(2026, 11, 23)
        alarms = list(e.walk("VALARM"))
        assert alarms and str(alarms[0]["ACTION"]) == "DISPLAY"
    # Re-export: the same UIDs, so a calendar updates instead of duplicating.
    cli("record", "maintenance", env=T)
    cli("remind", "--ics", str(target), env=T)
    again = {str(e["UID"]) for e in Calendar.from_ical(target.read_bytes()).walk("VEVENT")}
    assert again == set(uids)
    assert target.stat().st_mode & 0o777 == 0o600


def test_remind_without_profile_is_a_usage_error(cli, tmp_path: Path) -> None:
    r = cli("remind", "--ics", str(tmp_path / "x.ics"))
    assert r.exit_code == 2 and "posguide init" in r.err
    assert not (tmp_path / "x.ics").exists()


def test_status_all_stays_aligned_with_chinese_names(cli, terminal) -> None:
    from rich.cells import cell_len

    cli("init", "--no-input", "--name", "前台收银机", "--purchased", "2026-11-20",
        "--sim-expires", "2026-11-20", env=T)
    r = cli("--lang", "zh", "status", "--all", env=T)
    rows = [line for line in r.stdout.splitlines() if "[x]" in line or "[!]" in line]
    assert len(rows) == 2
    columns = {cell_len(row[: row.index("[")]) for row in rows}
    assert len(columns) == 1  # the marks line up in terminal cells
    due_columns = {cell_len(row[: row.index("20")]) for row in rows}
    assert len(due_columns) == 1


def test_remind_leaves_the_target_folders_permissions_alone(cli, terminal, tmp_path: Path) -> None:
    shared = tmp_path / "Desktop"
    shared.mkdir()
    shared.chmod(0o755)
    assert cli("remind", "--ics", str(shared / "posguide.ics"), env=T).exit_code == 0
    assert shared.stat().st_mode & 0o777 == 0o755
    r = cli("remind", "--ics", str(tmp_path / "missing" / "x.ics"), env=T)
    assert r.exit_code == 2 and "does not exist" in r.err  # a path typed wrong


def test_history_shows_event_details_in_words(cli, terminal) -> None:
    cli("record", "sim-renewal", "--expires", "2027-12-05", env=T)
    cli("fee", "check", "--amount", "1000", "--settled", "994", env=T)
    r = cli("history", env=T)
    assert "expiry 2026-12-05 moved to 2027-12-05" in r.out
    assert "fee 6.00 on 1,000.00 (0.60%): as agreed" in r.out
    assert "{" not in r.stdout  # no raw dicts
    r = cli("--lang", "zh", "history", env=T)
    assert "到期日 2026-12-05 改为 2027-12-05" in r.out


def test_fix_commands_name_the_terminal_when_it_is_not_the_default(cli, terminal) -> None:
    cli("init", "--no-input", "--name", "店二", "--purchased", "2026-11-01", env=T)
    fixes = [f["fix"] for f in by_code(status_json(cli, "-t", "店二")).values() if f["fix"]]
    assert fixes and all(f.endswith(" --terminal 店二") for f in fixes)
    r = cli("-t", "店二", "status", env=T)
    assert "posguide profile set serial SN --terminal 店二" in r.out
    # the default terminal's own fixes stay short, unless it was chosen by name
    fixes = [f["fix"] for f in by_code(status_json(cli)).values() if f["fix"]]
    assert fixes and not any("--terminal" in f for f in fixes)
    fixes = [f["fix"] for f in by_code(status_json(cli, "-t", "main")).values() if f["fix"]]
    assert all(f.endswith(" --terminal main") for f in fixes)


def test_a_reused_name_does_not_inherit_the_old_terminals_history(cli, terminal) -> None:
    cli("record", "maintenance", "--date", "2025-01-01", env=T)
    assert cli("terminal", "remove", "main", "--yes").exit_code == 0
    cli("init", "--no-input", "--purchased", "2026-11-20", env=T)
    maintenance = by_code(status_json(cli))["maintenance"]
    assert maintenance["severity"] == "ok"
    assert maintenance["due"] == "2026-12-20"  # counted from the new terminal's purchase
    assert "purchase" in maintenance["message"] and "activation" not in maintenance["message"]


def test_clock_restarted_today_says_today(cli, terminal) -> None:
    cli("record", "maintenance", env=T)
    msg = by_code(status_json(cli))["maintenance"]["message"]
    assert "done today (2026-11-23)" in msg
    r = cli("--lang", "zh", "status", "--json", env=T)
    assert "今天刚做过（2026-11-23）" in r.stdout


def test_record_refuses_dates_before_purchase_and_stray_expires(cli, terminal) -> None:
    r = cli("record", "maintenance", "--date", "2024-02-01", env=T)
    assert r.exit_code == 2 and "before the terminal was bought (2024-03-01)" in r.err
    r = cli("record", "inspection", "--expires", "+1y", env=T)
    assert r.exit_code == 2 and "sim-renewal" in r.err
    assert json.loads(cli("history", "--json").stdout)["events"] == []


def test_removing_a_terminal_forgets_its_wizard_progress(cli, terminal, home: Path) -> None:
    r = cli("checklist", "maintenance", input="y\n", env=T)
    assert r.exit_code == 1  # paused after one answer
    assert saved_progress(home, "maintenance") is not None
    assert cli("terminal", "remove", "main", "--yes").exit_code == 0
    assert saved_progress(home, "maintenance") is None


def test_calendar_titles_read_well_in_chinese(cli, terminal, tmp_path: Path) -> None:
    from icalendar import Calendar

    target = tmp_path / "r.ics"
    assert cli("--lang", "zh", "remind", "--ics", str(target), env=T).exit_code == 0
    titles = {str(e["SUMMARY"]) for e in Calendar.from_ical(target.read_bytes()).walk("VEVENT")}
    assert "posguide：流量卡到期（main）" in titles
    assert "posguide：流量卡将于2026-12-05到期，请提前处理（main）" in titles
    assert not any("到期到期" in title for title in titles)


def test_status_all_fits_80_columns(cli, terminal) -> None:
    cli("init", "--no-input", "--name", "front-counter-2", "--purchased", "2026-11-20",
        "--sim-expires", "2026-11-20", env=T)
    r = cli("status", "--all", env={**T, "POSGUIDE_WIDTH": "80"})
    from rich.cells import cell_len

    assert max(cell_len(line) for line in r.stdout.splitlines()) <= 80
    assert "fix: posguide sim-swap --terminal front-counter-2" in r.stdout


@pytest.mark.parametrize("width", ["60", "80", "100"])
def test_status_wraps_with_a_hanging_indent_in_chinese(cli, width: str) -> None:
    from rich.cells import cell_len

    r = cli("--lang", "zh", "status", "--demo", env={**T, "POSGUIDE_WIDTH": width})
    lines = r.stdout.splitlines()
    body = lines[1:next(i for i, line in enumerate(lines) if line.startswith("正常"))]
    # Fix commands are never wrapped (copied from the screen, they must stay one line).
    assert all(cell_len(line) <= int(width) for line in body
               if not line.strip().startswith(("处理：", "或：")))
    assert any("处理：posguide fee check --amount 交易金额 --settled 到账金额" in line
               for line in body)
    starts = {cell_len(line[: line.index(line.strip()[0])]) for line in body
              if line.strip() and not line.startswith("[")}
    assert starts == {13}  # "[x] " + the widest topic (使用情况, 8 cells) + " "
    assert not any(line.strip()[:1] in "）。，、" for line in body if line.strip())


def test_remind_refuses_a_folder_or_a_device_as_the_file(cli, terminal, tmp_path: Path) -> None:
    r = cli("remind", "--ics", str(tmp_path), env=T)
    assert r.exit_code == 2 and "is a folder" in r.err
    r = cli("remind", "--ics", "/dev/null", env=T)
    assert r.exit_code == 2 and "not an ordinary file" in r.err
    assert Path("/dev/null").is_char_device()
