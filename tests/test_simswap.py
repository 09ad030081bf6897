"""`posguide sim-swap` through the real entry point with piped answers: the
start screen, the data entry and its checks, saving only on confirmation, the
old card in the history, and a failed test that leaves the profile alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import TODAY, saved_progress
from posguide.simswap import CARRIER, CONFIRM, EXPIRES, ICCID, PLAN, TEST_PAYMENT
from test_checklist_cli import NEW_ICCID, answers_for, events, swap_checklist

ENV = {"POSGUIDE_TODAY": TODAY}
OLD_ICCID = "89860012345678901238"  # the `terminal` fixture's card


def physical() -> list[str]:
    """Answers for every step before the new card's carrier, plan and expiry:
    the physical swap, with the new ICCID typed before the card goes in."""
    c = swap_checklist()
    return answers_for(c)[: c.step_index(CARRIER)]


def swap_lines(iccid: list[str], tail: list[str]) -> list[str]:
    """The physical steps with `iccid` typed at the ICCID step, then `tail`."""
    lines = physical()
    at = index_of(ICCID)
    lines[at:at + 1] = iccid
    return lines + tail


def index_of(step_id: str) -> int:
    c = swap_checklist()
    i = c.step_index(step_id)
    assert i is not None
    return i


def run(cli, lines: list[str], *args: str):
    return cli(*args, "sim-swap", input="\n".join(lines) + "\n", env=ENV)


def test_the_start_shows_the_card_and_why_a_swap_is_due(cli, terminal) -> None:
    r = run(cli, ["q"])
    assert r.exit_code == 1
    out = r.out
    assert "Terminal main: the SIM card in it now" in out
    assert f"SIM ICCID {OLD_ICCID}" in out
    assert "SIM carrier China Mobile" in out
    assert "SIM expiry date in 12 days (2026-12-05)" in out
    assert "[!]" in out and "12 days" in out
    assert "posguide record sim-renewal" in out
    # The wizard's own intro, not the file's "run posguide sim-swap afterwards".
    assert "your profile keeps the old card until you confirm" in out


def test_a_whole_swap_saves_the_new_card_and_keeps_the_old_in_the_history(
        cli, terminal, home: Path) -> None:
    before = (home / "profile.toml").read_text(encoding="utf-8")
    lines = swap_lines(["12345", "89860012345678901239", "n", NEW_ICCID],
                       ["", "5G 30MB/month", "+1y", "y"])
    r = run(cli, lines)
    assert r.exit_code == 0, r.output
    out = r.out
    assert "'12345' is not an ICCID" in out
    assert "the check digit should be 8" in out  # shown, refused, asked again
    assert "[Enter keeps China Mobile; s, b, q, ?]" in out
    assert "Old and new card" in out
    assert f"SIM ICCID {OLD_ICCID} {NEW_ICCID} changed" in out
    assert "SIM expiry date 2026-12-05 2027-11-23 changed" in out
    assert f"Saved: terminal main now has the new SIM card ({NEW_ICCID})." in out
    assert "[+] SIM card is valid; it expires in 365 days (2027-11-23)." in out

    text = (home / "profile.toml").read_text(encoding="utf-8")
    assert f'iccid = "{NEW_ICCID}"' in text and "expires = 2027-11-23" in text
    assert 'plan = "5G 30MB/month"' in text and 'carrier = "China Mobile"' in text
    assert (home / "profile.toml.bak").read_text(encoding="utf-8") == before
    shown = json.loads(cli("profile", "show", "--json").stdout)
    assert shown["sim"] == {"carrier": "China Mobile", "iccid": NEW_ICCID,
                            "expires": "2027-11-23", "plan": "5G 30MB/month"}
    swap = [e for e in events(home) if e["kind"] == "sim-swap"]
    assert len(swap) == 1 and swap[0]["date"] == TODAY
    assert swap[0]["data"]["old"] == {"carrier": "China Mobile", "iccid": OLD_ICCID,
                                      "plan": None, "expires": "2026-12-05"}
    assert swap[0]["data"]["new"]["iccid"] == NEW_ICCID
    assert swap[0]["data"]["skipped"] == []
    assert "transaction" in [e["kind"] for e in events(home)]  # the test collection
    status = json.loads(cli("status", "--json", env=ENV).stdout)
    sim = next(f for f in status["terminals"][0]["findings"] if f["code"] == "sim_expiry")
    assert (sim["severity"], sim["due"], sim["days"]) == ("ok", "2027-11-23", 365)
    assert saved_progress(home, "sim-swap") is None


def test_a_failed_test_then_quit_leaves_the_old_card(cli, terminal, home: Path) -> None:
    before = (home / "profile.toml").read_bytes()
    test_at = index_of("test-payment")
    lines = physical()[:test_at] + ["n", "n", "q"]
    r = run(cli, lines)
    assert r.exit_code == 1, r.output
    assert r.out.count("Try these, one at a time:") == 2
    assert "call support on 95016" in r.out
    assert f"Paused at step {test_at + 1} of" in r.err and "posguide sim-swap" in r.err
    assert (home / "profile.toml").read_bytes() == before
    assert [e["kind"] for e in events(home) if e["kind"] != "terminal-added"] == []
    saved = saved_progress(home, "sim-swap")
    assert saved["at"] == "test-payment" and "test-payment" not in saved["answers"]
    assert json.loads(cli("profile", "show", "--json").stdout)["sim"]["iccid"] == OLD_ICCID


def test_a_failed_test_warns_about_a_saved_mobile_support_number(cli, terminal) -> None:
    assert cli("profile", "set", "support_phone", "13812345678", "--force").exit_code == 0
    lines = physical()[:index_of(TEST_PAYMENT)] + ["n", "q"]
    r = run(cli, lines)
    assert r.exit_code == 1, r.output
    assert ("call support on 13812345678. [!] 13812345678 is a mobile number: most likely a "
            "sales agent or a scam, not your provider's support line. Check the number in "
            "your contract or on the terminal's sticker.") in r.out


def test_a_skipped_test_payment_keeps_the_old_card_until_a_test_works(
        cli, terminal, home: Path) -> None:
    before = (home / "profile.toml").read_bytes()
    test_at = index_of(TEST_PAYMENT)
    lines = physical()
    lines[test_at:test_at + 1] = ["s", "no card of my own at hand"]
    r = run(cli, lines + ["", "5G 30MB/month", "+1y", "y"])
    assert r.exit_code == 1, r.output
    # Told before answering the confirmation, and again when it pauses.
    assert "[!] The test payment was skipped, so y does not save the new card yet" in r.out
    assert (f"The new card is not saved yet: posguide records a new card only after a test "
            f"payment with it works, and the test payment (step {test_at + 1} of "
            f"{len(swap_checklist().steps)}) was skipped.") in r.err
    assert "then run posguide sim-swap to continue at that step" in r.err
    assert "Saved: terminal main" not in r.out
    assert (home / "profile.toml").read_bytes() == before
    assert [e["kind"] for e in events(home) if e["kind"] != "terminal-added"] == []
    saved = saved_progress(home, "sim-swap")
    assert saved["at"] == TEST_PAYMENT and TEST_PAYMENT not in saved["answers"]
    assert saved["answers"][ICCID] == {"status": "value", "value": NEW_ICCID}
    assert saved["answers"][PLAN] == {"status": "value", "value": "5G 30MB/month"}

    # The next run resumes at the test payment; once it works, the rest is kept.
    after_test = len(swap_checklist().steps) - test_at - 1
    r = run(cli, ["", "y"] + [""] * after_test)
    assert r.exit_code == 0, r.output
    assert f"Resume at step {test_at + 1}?" in r.out
    assert f"Saved: terminal main now has the new SIM card ({NEW_ICCID})." in r.out
    assert "The test payment was skipped" not in r.out
    sim = json.loads(cli("profile", "show", "--json").stdout)["sim"]
    assert sim == {"carrier": "China Mobile", "iccid": NEW_ICCID, "expires": "2027-11-23",
                   "plan": "5G 30MB/month"}
    swap = next(e for e in events(home) if e["kind"] == "sim-swap")
    assert swap["data"]["skipped"] == []


def test_record_swap_refuses_an_untested_swap(terminal, home: Path) -> None:
    from datetime import date

    from conftest import local_store
    from posguide.simswap import record_swap
    from posguide.wizard import Answer

    c = swap_checklist()
    answers = {s.id: Answer("done") for s in c.steps if s.kind != "input"}
    answers[ICCID] = Answer("value", value=NEW_ICCID)
    answers[TEST_PAYMENT] = Answer("skipped", reason="later")
    before = (home / "profile.toml").read_bytes()
    with pytest.raises(ValueError, match="without a working test payment"):
        record_swap(local_store(home), "main", c, answers, date.fromisoformat(TODAY))
    assert (home / "profile.toml").read_bytes() == before


def test_the_same_card_and_a_past_expiry_are_refused(cli, terminal, home: Path) -> None:
    lines = swap_lines([OLD_ICCID, NEW_ICCID], ["s", "s", "2026-11-01", "2026-12-31", "y"])
    r = run(cli, lines)
    assert r.exit_code == 0, r.output
    assert "this is the ICCID of the card you are replacing" in r.out
    assert "2026-11-01 has already passed" in r.out
    shown = json.loads(cli("profile", "show", "--json").stdout)
    # Skipped carrier and plan mean "not known" for the new card.
    assert shown["sim"] == {"carrier": None, "iccid": NEW_ICCID, "expires": "2026-12-31",
                            "plan": None}
    swap = next(e for e in events(home) if e["kind"] == "sim-swap")
    assert swap["data"]["skipped"] == [{"step": CARRIER}, {"step": PLAN}]


def test_a_confirmed_bad_check_digit_is_kept_and_noted(cli, terminal, home: Path) -> None:
    typo = NEW_ICCID[:-1] + str((int(NEW_ICCID[-1]) + 1) % 10)
    r = run(cli, swap_lines([typo, "y"], ["", "s", "+6m", "y"]))
    assert r.exit_code == 0, r.output
    assert json.loads(cli("profile", "show", "--json").stdout)["sim"]["iccid"] == typo
    swap = next(e for e in events(home) if e["kind"] == "sim-swap")
    assert swap["data"]["iccid_check_digit_confirmed"] is True


def test_no_at_the_confirmation_saves_nothing_and_back_changes_an_answer(
        cli, terminal, home: Path) -> None:
    before = (home / "profile.toml").read_bytes()
    r = run(cli, physical() + ["", "s", "+1y", "n", "b", "2027-06-30", "y"])
    assert r.exit_code == 0, r.output
    assert "Nothing is saved. Type b to go back" in r.out
    assert "[Enter keeps 2027-11-23; s, b, q, ?]" in r.out  # the earlier answer, offered back
    assert (home / "profile.toml.bak").read_bytes() == before
    assert json.loads(cli("profile", "show", "--json").stdout)["sim"]["expires"] == "2027-06-30"


def test_answers_given_in_the_data_entry_survive_a_pause(cli, terminal, home: Path) -> None:
    r = run(cli, physical() + ["China Unicom"])
    assert r.exit_code == 1
    assert f"step {index_of(PLAN) + 1} of" in r.err
    saved = saved_progress(home, "sim-swap")
    assert saved["answers"][ICCID] == {"status": "value", "value": NEW_ICCID}
    assert saved["answers"][CARRIER] == {"status": "value", "value": "China Unicom"}
    r = run(cli, ["", "1GB a month", "+1y", "y"])
    assert r.exit_code == 0, r.output
    assert f"Resume at step {index_of(PLAN) + 1}?" in r.out
    sim = json.loads(cli("profile", "show", "--json").stdout)["sim"]
    assert sim == {"carrier": "China Unicom", "iccid": NEW_ICCID, "expires": "2027-11-23",
                   "plan": "1GB a month"}
    assert index_of(CONFIRM) == index_of(EXPIRES) + 1


def test_checklist_sim_swap_runs_the_same_wizard(cli, terminal, home: Path) -> None:
    lines = physical() + ["", "s", "+1y", "y"]
    r = cli("checklist", "sim-swap", input="\n".join(lines) + "\n", env=ENV)
    assert r.exit_code == 0, r.output
    assert json.loads(cli("profile", "show", "--json").stdout)["sim"]["iccid"] == NEW_ICCID
    r = cli("checklist", "--json")
    row = next(x for x in json.loads(r.stdout)["checklists"] if x["id"] == "sim-swap")
    assert row["last_completed"] == TODAY


def test_a_terminal_without_a_card_on_record(cli, home: Path) -> None:
    assert cli("init", "--no-input", "--purchased", "2025-01-01", env=ENV).exit_code == 0
    r = run(cli, physical() + ["China Telecom", "s", "+1y", "y"])
    assert r.exit_code == 0, r.output
    assert "No SIM card details are recorded for this terminal yet." in r.out
    swap = next(e for e in events(home) if e["kind"] == "sim-swap")
    assert swap["data"]["old"] == {"carrier": None, "iccid": None, "plan": None, "expires": None}


def test_sim_swap_needs_a_terminal(cli, home: Path) -> None:
    r = run(cli, ["y"])
    assert r.exit_code == 2
    assert "posguide init" in r.err


def test_sim_swap_in_chinese(cli, terminal, home: Path) -> None:
    r = run(cli, swap_lines(["8986", NEW_ICCID], ["", "s", "+1y", "y"]), "--lang", "zh")
    assert r.exit_code == 0, r.output
    out = r.out
    assert "终端 main：目前使用的流量卡" in out
    assert "不是有效 ICCID" in out
    assert "旧卡与新卡对照" in out and "有变化" in out
    assert f"已保存：终端 main 的流量卡已更新为新卡（{NEW_ICCID}）。" in out


def test_the_new_iccid_is_asked_before_the_card_goes_in_and_the_list_counts_the_wizard(
        cli, terminal) -> None:
    # Issue 16: once the card is sealed in its slot, its number cannot be read.
    c = swap_checklist()
    ids = [s.id for s in c.steps]
    assert ids.index(ICCID) < ids.index("insert-new") < ids.index(TEST_PAYMENT)
    assert ids.index(TEST_PAYMENT) < ids.index(CARRIER) < ids.index(CONFIRM)
    assert "note-new-iccid" not in ids  # the file's "write it down" is asked instead
    iccid = c.steps[ids.index(ICCID)]
    assert "卡板" in iccid.action.zh and "卡托" not in iccid.action.zh
    # `posguide checklist` lists the steps `posguide checklist sim-swap` runs.
    rows = json.loads(cli("checklist", "--json").stdout)["checklists"]
    assert next(r for r in rows if r["id"] == "sim-swap")["steps"] == len(c.steps)
    table = cli("checklist").stdout
    line = next(x for x in table.splitlines() if x.startswith("sim-swap"))
    assert f" {len(c.steps)} " in line
