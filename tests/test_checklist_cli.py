"""`posguide checklist` through the real entry point: the list, --print, running
built-in and custom checklists from piped answers, and their records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import TODAY, recorded, saved_progress
from posguide.checklist import Checklist, builtin_ids, load_builtin
from posguide.validate import luhn_check_digit
from test_checklist_engine import MINI, STRAIGHT

ENV = {"POSGUIDE_TODAY": TODAY}
NEW_ICCID = "8986001122334455667" + luhn_check_digit("8986001122334455667")

# A valid answer for each input step, by the profile field it sets or its kind.
BY_FIELD = {"serial": "N5-0099887", "support_phone": "95016", "merchant_no": "123456789012345",
            "mcc": "5812",
            "terminal_id": "AB12CD34", "fee_rate": "0.38", "activated": "2024-03-06",
            "purchased": "2024-03-01", "sim.expires": "+1y", "sim.iccid": NEW_ICCID,
            "service_years": "5"}
BY_INPUT = {"iccid": NEW_ICCID, "date": "+1y", "money": "10", "rate": "0.6", "phone": "95016",
            "number": "12", "text": "ok"}


def answers_for(c: Checklist) -> list[str]:
    """Lines that walk a checklist straight through, every step done."""
    out = []
    for step in c.steps:
        if step.kind == "input":
            out.append(BY_FIELD.get(step.sets or "") or BY_INPUT[step.input or "text"])
        elif step.kind == "note":
            out.append("")
        else:
            out.append("y")
    return out


def swap_checklist() -> Checklist:
    """The checklist `posguide checklist sim-swap` really runs."""
    from datetime import date

    from posguide.profile import Terminal
    from posguide.simswap import wizard_checklist

    term = Terminal(name="main", purchased=date(2024, 3, 1))
    return wizard_checklist(load_builtin("sim-swap"), term, date.fromisoformat(TODAY),
                            lambda old, new, tested: "")


def events(home: Path) -> list[dict]:
    return [e.to_json() for e in recorded(home)]


def custom(home: Path, name: str, text: str) -> Path:
    folder = home / "checklists"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


# ------------------------------------------------------------------ the list


def test_the_list_works_without_a_profile(cli, home: Path) -> None:
    r = cli("checklist")
    assert r.exit_code == 0, r.output
    for cid in builtin_ids():
        assert cid in r.out
    assert "Monthly care" in r.out and "READ-DO" in r.out
    assert "No terminal is chosen" in r.out
    assert not (home / "profile.toml").exists()


def test_the_list_shows_when_each_was_last_done(cli, terminal, home: Path) -> None:
    r = cli("checklist", env=ENV)
    assert "Checklists for terminal main" in r.out
    line = next(x for x in r.stdout.splitlines() if x.startswith("maintenance"))
    assert line.split()[-1] == "never"
    done = cli("checklist", "maintenance", input="\n".join(
        answers_for(load_builtin("maintenance"))) + "\n", env=ENV)
    assert done.exit_code == 0, done.output
    r = cli("checklist", env={"POSGUIDE_TODAY": "2026-12-01"})
    line = next(x for x in r.stdout.splitlines() if x.startswith("maintenance"))
    assert line.split()[-1] == TODAY
    data = json.loads(cli("checklist", "--json").stdout)
    assert data["terminal"] == "main"
    rows = {row["id"]: row for row in data["checklists"]}
    assert rows["maintenance"] == {
        "id": "maintenance", "source": "builtin", "path": "posguide/checklists/maintenance.toml",
        "title": "Monthly care", "mode": "read-do",
        "steps": len(load_builtin("maintenance").steps), "last_completed": TODAY,
        "error": None}
    assert rows["security"]["last_completed"] is None


def test_the_list_in_chinese(cli, terminal) -> None:
    r = cli("--lang", "zh", "checklist")
    assert r.exit_code == 0
    assert "每月保养" in r.out and "边读边做" in r.out and "从未" in r.out


def test_a_custom_checklist_is_listed_and_runs(cli, terminal, home: Path) -> None:
    custom(home, "mini", MINI)
    r = cli("checklist")
    line = next(x for x in r.stdout.splitlines() if x.startswith("mini"))
    assert "(custom)" in line and "Mini care" in line and " 8 " in line
    r = cli("checklist", "mini", input="\n".join(STRAIGHT) + "\n", env=ENV)
    assert r.exit_code == 0, r.output
    assert "Done: Mini care is complete (8 of 8 steps done)." in r.out
    assert "Saved to the profile: SIM expiry date = 2027-06-30" in r.out
    kinds = [e["kind"] for e in events(home)]
    assert kinds[-3:] == ["checklist", "maintenance", "password-change"]
    assert events(home)[-3]["data"]["source"] == "custom"
    shown = json.loads(cli("profile", "show", "--json").stdout)
    assert shown["sim"]["expires"] == "2027-06-30"


def test_a_broken_custom_file_is_listed_as_broken_and_refused(cli, terminal, home: Path) -> None:
    path = custom(home, "mini", MINI.replace('kind = "check"', 'kind = "chek"', 1))
    r = cli("checklist")
    assert r.exit_code == 0, r.output
    assert "maintenance" in r.out  # the others still listed
    assert "cannot be used" in r.out and "sections[1].steps[3].kind" in r.out
    data = json.loads(cli("checklist", "--json").stdout)
    row = next(x for x in data["checklists"] if x["id"] == "mini")
    assert row["title"] is None and str(path) in row["error"]
    r = cli("checklist", "mini", input="y\n")
    assert r.exit_code == 3
    assert str(path) in r.err and "sections[1].steps[3].kind" in r.err
    assert "'chek' is not allowed; use one of: do, check, input, note" in r.err
    assert "Traceback" not in r.output


def test_a_custom_file_with_a_built_in_name_is_refused_in_the_list(cli, home: Path) -> None:
    custom(home, "security", MINI.replace('"mini"', '"security"'))
    r = cli("checklist", "--json")
    rows = [x for x in json.loads(r.stdout)["checklists"] if x["id"] == "security"]
    assert [x["source"] for x in rows] == ["builtin", "custom"]
    assert "built-in" in rows[1]["error"]


def test_unknown_name_and_bad_flag_mixes(cli, terminal) -> None:
    r = cli("checklist", "cleaning")
    assert r.exit_code == 2
    assert "There is no checklist called 'cleaning'" in r.err and "maintenance" in r.err
    assert cli("checklist", "maintenance", "--print", "--restart").exit_code == 2
    assert cli("checklist", "maintenance", "--json").exit_code == 2


def test_running_needs_a_terminal(cli, home: Path) -> None:
    r = cli("checklist", "maintenance", input="y\n")
    assert r.exit_code == 2
    assert "posguide init" in r.err and "--print" in r.err
    assert not (home / "posguide.db").exists()


# ------------------------------------------------------------------ --print


def test_print_renders_markdown_without_a_profile(cli, home: Path) -> None:
    r = cli("checklist", "maintenance", "--print")
    assert r.exit_code == 0
    md = r.stdout
    c = load_builtin("maintenance")
    assert md.startswith("# Monthly care\n\n*READ-DO: read each step, do it, then tick it.*\n")
    for section in c.sections:
        assert f"\n## {section.title.en}\n" in md
    first = c.steps[0]
    assert f"- [ ] 1. {first.action.en} **(critical)**\n" in md
    assert f"  > Why: {first.why.en}\n" in md  # type: ignore[union-attr]
    assert f"- [ ] {len(c.steps)}. " in md
    assert md.count("- [ ] ") == len(c.steps)
    assert md.rstrip().endswith("posguide checklist maintenance")
    assert not home.exists() or not (home / "posguide.db").exists()


def test_print_in_chinese_with_troubleshooting(cli) -> None:
    r = cli("--lang", "zh", "checklist", "sim-swap", "--print")
    assert r.exit_code == 0
    md = r.stdout
    c = load_builtin("sim-swap")
    assert md.startswith("# 更换流量卡\n")
    assert "（关键）" in md and "> 原因：" in md
    signal = next(s for s in c.steps if s.id == "signal")
    assert "  > 如果不是：\n" in md
    assert f"  > - {signal.troubleshoot[0].zh}\n" in md
    assert "posguide sim-swap" in md


# ------------------------------------------------------------------ running


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("cid", builtin_ids())
def test_every_built_in_checklist_runs_to_completion(cli, terminal, home: Path, cid: str,
                                                     lang: str) -> None:
    c = swap_checklist() if cid == "sim-swap" else load_builtin(cid)
    lines = answers_for(c)
    r = cli("--lang", lang, "checklist", cid, input="\n".join(lines) + "\n", env=ENV)
    assert r.exit_code == 0, r.output
    assert "Traceback" not in r.output
    assert ("完成：" if lang == "zh" else "Done:") in r.stdout or cid == "sim-swap"
    recorded = [e for e in events(home) if e["kind"] != "terminal-added"]
    first = recorded[0]
    assert first["kind"] == ("sim-swap" if cid == "sim-swap" else "checklist")
    assert first["data"]["checklist"] == cid and first["data"]["skipped"] == []
    assert first["date"] == TODAY
    wanted = {k for k in [c.records, *(s.records for s in c.steps)] if k}
    assert {e["kind"] for e in recorded[1:]} == wanted
    assert saved_progress(home, f"{cid}") is None


def test_finishing_maintenance_resets_the_maintenance_clock(cli, terminal) -> None:
    before = json.loads(cli("status", "--json", env=ENV).stdout)
    finding = {f["code"]: f for f in before["terminals"][0]["findings"]}["maintenance"]
    assert finding["severity"] == "critical"
    lines = answers_for(load_builtin("maintenance"))
    assert cli("checklist", "maintenance", input="\n".join(lines) + "\n", env=ENV).exit_code == 0
    after = json.loads(cli("status", "--json", env=ENV).stdout)
    finding = {f["code"]: f for f in after["terminals"][0]["findings"]}["maintenance"]
    assert (finding["severity"], finding["due"]) == ("ok", "2026-12-23")


def test_quit_pauses_with_exit_1_and_the_next_run_resumes(cli, terminal, home: Path) -> None:
    r = cli("checklist", "security", input="y\ny\nq\n", env=ENV)
    assert r.exit_code == 1
    assert "Paused at step 3 of" in r.err and "posguide checklist security" in r.err
    saved = saved_progress(home, "security")
    assert saved["at"] == load_builtin("security").steps[2].id
    lines = answers_for(load_builtin("security"))[2:]
    r = cli("checklist", "security", input="\n".join(["", *lines]) + "\n", env=ENV)
    assert r.exit_code == 0, r.output
    assert "Resume at step 3? [Y/n]" in r.out
    # The password step was confirmed before the pause and still counts.
    assert "password-change" in [e["kind"] for e in events(home)]


def test_end_of_input_pauses_and_restart_starts_over(cli, terminal, home: Path) -> None:
    r = cli("checklist", "security", input="y\n", env=ENV)
    assert r.exit_code == 1
    assert "No more answers came in" in r.err and "step 2 of" in r.err
    lines = answers_for(load_builtin("security"))
    r = cli("checklist", "security", "--restart", input="\n".join(lines) + "\n", env=ENV)
    assert r.exit_code == 0, r.output
    assert "Resume" not in r.out


def test_progress_is_kept_per_terminal(cli, terminal, home: Path) -> None:
    r = cli("init", "--no-input", "--name", "shop2", "--purchased", "2025-01-01", env=ENV)
    assert r.exit_code == 0, r.output
    assert cli("checklist", "security", input="y\nq\n", env=ENV).exit_code == 1
    r = cli("--terminal", "shop2", "checklist", "security", input="q\n", env=ENV)
    assert r.exit_code == 1
    assert "Resume" not in r.out
    assert "posguide checklist security --terminal shop2" in r.err
    assert saved_progress(home, "security") is not None
    assert saved_progress(home, "security", "shop2") is not None
    r = cli("checklist", "security", input="q\n", env=ENV)
    assert "Resume at step 2?" in r.out


def test_the_readme_example_is_a_working_custom_checklist(cli, terminal, home: Path) -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("**Your own checklists**", 1)[1].split("```toml\n", 1)[1]
    text = block.split("```", 1)[0]
    custom(home, "closing", text)
    r = cli("checklist")
    assert "closing (custom)" in r.out and "Closing the shop" in r.out
    r = cli("checklist", "closing", input="n\n", env=ENV)
    assert r.exit_code == 1  # a "no" that says stop pauses the checklist
    assert "Paused at step 1 of 1 until that is put right" in r.err
    r = cli("--lang", "zh", "checklist", "closing", input="\ny\n", env=ENV)
    assert r.exit_code == 0, r.output
    assert "完成：“打烊检查”已全部走完" in r.out


# ------------------------------------------------------------------ the support number

MOBILE_WARNING = ("[!] 13812345678 is a mobile number: most likely a sales agent or a scam, "
                  "not your provider's support line. Check the number in your contract or on "
                  "the terminal's sticker.")


def test_a_saved_mobile_support_number_is_shown_with_a_warning(cli, terminal,
                                                                home: Path) -> None:
    r = cli("profile", "set", "support_phone", "138 1234 5678", "--force")
    assert r.exit_code == 0, r.output
    custom(home, "mini", MINI)
    # The lights step fails once: its troubleshooting ends with the saved number.
    r = cli("checklist", "mini", input="\n".join(["", "y", "n", "q"]) + "\n", env=ENV)
    assert r.exit_code == 1, r.output
    assert ("Still not working? Type q to pause here (your answers are kept) and call "
            "support on 13812345678. " + MOBILE_WARNING) in r.out
    r = cli("--lang", "zh", "checklist", "mini", "--restart",
            input="\n".join(["", "y", "n", "q"]) + "\n", env=ENV)
    assert ("[!] 13812345678 是手机号：很可能是推销员或骗子，不是服务商的客服电话。"
            "请核对合同或机身标签上的号码。") in r.stdout.replace("\n", "")


def test_a_saved_mobile_is_flagged_where_enter_would_keep_it(cli, terminal, home: Path) -> None:
    assert cli("profile", "set", "support_phone", "13812345678", "--force").exit_code == 0
    activation = load_builtin("activation")
    at = activation.step_index("support-phone")
    assert at is not None
    lines = answers_for(activation)[:at] + ["q"]
    r = cli("checklist", "activation", input="\n".join(lines) + "\n", env=ENV)
    assert r.exit_code == 1, r.output
    step = r.out.split(f"Step {at + 1} of")[1]
    assert MOBILE_WARNING in step
    assert step.index(MOBILE_WARNING) < step.index("[Enter keeps 13812345678;")


def test_a_service_number_gets_no_warning(cli, terminal, home: Path) -> None:
    custom(home, "mini", MINI)
    r = cli("checklist", "mini", input="\n".join(["", "y", "n", "q"]) + "\n", env=ENV)
    assert "call support on 95016." in r.out
    assert "mobile number" not in r.out


# ------------------------------------------------------------------ renewal


def test_renewal_records_the_new_service_period(cli, terminal, home: Path) -> None:
    renewal = load_builtin("renewal")
    at = renewal.step_index("renewal-saved")
    assert at is not None and renewal.steps[at].sets == "service_years"
    lines = answers_for(renewal)
    lines[at:at + 1] = ["five", "12", "5"]
    r = cli("checklist", "renewal", input="\n".join(lines) + "\n", env=ENV)
    assert r.exit_code == 0, r.output
    assert "[Enter keeps 3; s, b, q, ?]" in r.out
    assert "service_years (Service period (years)): 'five' must be a whole number from 1 to 10." \
        in r.out
    assert "'12' must be a whole number from 1 to 10." in r.out
    assert "Saved to the profile: Service period (years) = 5" in r.out
    assert json.loads(cli("profile", "show", "--json").stdout)["service_years"] == 5
    status = json.loads(cli("status", "--json", env=ENV).stdout)
    service = next(f for f in status["terminals"][0]["findings"]
                   if f["code"] == "terminal_service")
    assert (service["severity"], service["due"]) == ("ok", "2029-03-01")


def test_renewal_skipped_for_a_replacement_keeps_the_service_period(cli, terminal,
                                                                    home: Path) -> None:
    renewal = load_builtin("renewal")
    at = renewal.step_index("renewal-saved")
    assert at is not None
    lines = answers_for(renewal)
    lines[at] = "s"
    before = (home / "profile.toml").read_bytes()
    r = cli("--lang", "zh", "checklist", "renewal", input="\n".join(lines) + "\n", env=ENV)
    assert r.exit_code == 0, r.output
    assert "已保存到终端资料" not in r.out
    assert (home / "profile.toml").read_bytes() == before
