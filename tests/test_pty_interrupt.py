"""Ctrl-C at every kind of question, in a real pseudo-terminal: posguide stops
with exit 130, says so, shows no traceback, and leaves nothing half written
(the saved files are byte for byte what they were, or a wizard's progress is
saved whole so the next run can resume)."""

from __future__ import annotations

import json
from pathlib import Path

import pexpect
import pytest

from conftest import TODAY, Cli, recorded, saved_progress
from posguide.validate import luhn_check_digit
from ptyutil import PROMPT_END, expect_prompt, finish, press_ctrl_c, spawn

ENV = {"POSGUIDE_TODAY": TODAY}
INTERRUPTED = {"en": "Interrupted", "zh": "已中断"}
NEW_ICCID = "8986001122334455667" + luhn_check_digit("8986001122334455667")


def interrupt(child: pexpect.spawn, says: str | None = None) -> int:
    """Press Ctrl-C at the question on screen now; return the exit code."""
    press_ctrl_c(child)
    if says is not None:
        child.expect_exact(says)
    return finish(child)


def snapshot(home: Path) -> dict[str, bytes]:
    """Every file in the home (the lock file aside: it holds nothing), the
    database as what it holds: its events and each wizard's saved progress."""
    if not home.exists():
        return {}
    files = {str(p.relative_to(home)): p.read_bytes() for p in home.rglob("*")
             if p.is_file() and p.name != ".lock" and not p.name.startswith("posguide.db")}
    events = recorded(home)
    if events:
        files["events"] = json.dumps([e.to_json() for e in events]).encode()
    if (home / "posguide.db").exists():
        import sqlite3

        db = sqlite3.connect(f"file:{home / 'posguide.db'}?mode=ro", uri=True)
        for terminal, checklist, data in db.execute("SELECT * FROM progress"):
            files[f"progress/{terminal}/{checklist}"] = data.encode()
        db.close()
    return files


def no_temp_files(home: Path) -> bool:
    return not list(home.rglob("*.tmp"))


# ------------------------------------------------------------------ init


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_ctrl_c_at_a_later_init_question(home: Path, lang: str) -> None:
    child = spawn(home, "init", lang=lang, env=ENV)
    for i in range(8):  # brand, model, serial, terminal ID, merchant no., name, MCC, location
        expect_prompt(child)
        child.sendline("Lakala" if i == 0 else "")
    expect_prompt(child, "Purchase date" if lang == "en" else "购买日期")
    assert interrupt(child, INTERRUPTED[lang]) == 130
    assert not (home / "profile.toml").exists()
    assert no_temp_files(home)


def test_ctrl_c_at_the_init_save_confirmation(cli: Cli, terminal: object, home: Path) -> None:
    before = snapshot(home)
    child = spawn(home, "init", "--name", "shop2", "--purchased", "2025-01-02", env=ENV)
    for _ in range(16 + 6):  # Enter skips every optional question, and the six "last done"
        expect_prompt(child)
        child.sendline("")
    expect_prompt(child, "Save this terminal?")
    assert interrupt(child, "Interrupted") == 130
    assert snapshot(home) == before  # shop2 not saved, nothing else touched
    assert no_temp_files(home)


def test_ctrl_c_at_the_keep_a_mobile_number_question(home: Path) -> None:
    child = spawn(home, "init", "--purchased", "2024-03-01", "--support-phone", "13812345678",
                  env=ENV)
    expect_prompt(child, "Keep this value anyway?")
    assert interrupt(child, "Interrupted") == 130
    assert not (home / "profile.toml").exists()


# ------------------------------------------------------------------ one-question commands


def test_ctrl_c_at_the_terminal_remove_confirmation(cli: Cli, terminal: object,
                                                    home: Path) -> None:
    before = snapshot(home)
    child = spawn(home, "terminal", "remove", "main", env=ENV)
    expect_prompt(child, "main")
    assert interrupt(child, "Interrupted") == 130
    assert snapshot(home) == before


def test_ctrl_c_at_profile_set_confirmation(cli: Cli, terminal: object, home: Path) -> None:
    before = snapshot(home)
    child = spawn(home, "profile", "set", "support_phone", "13812345678", env=ENV)
    expect_prompt(child, "Keep this value anyway?")
    assert interrupt(child, "Interrupted") == 130
    assert snapshot(home) == before


def test_ctrl_c_at_the_sim_renewal_expiry_question(cli: Cli, terminal: object,
                                                   home: Path) -> None:
    before = snapshot(home)
    child = spawn(home, "record", "sim-renewal", env=ENV)
    expect_prompt(child)
    assert interrupt(child, "Interrupted") == 130
    assert snapshot(home) == before


# ------------------------------------------------------------------ wizards


def progress_of(home: Path, name: str) -> dict:
    data = saved_progress(home, name)
    assert data is not None
    assert (home / "posguide.db").stat().st_mode & 0o777 == 0o600
    return data


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_ctrl_c_at_a_checklist_step_saves_the_progress(cli: Cli, terminal: object, home: Path,
                                                       lang: str) -> None:
    before = snapshot(home)
    child = spawn(home, "checklist", "maintenance", lang=lang, env=ENV)
    for _ in range(2):
        expect_prompt(child, "Done?" if lang == "en" else "完成了吗")
        child.sendline("y")
    expect_prompt(child, "Done?" if lang == "en" else "完成了吗")
    press_ctrl_c(child)
    child.expect(r"posguide\s+checklist\s+maintenance")  # how to resume
    assert finish(child) == 130
    saved = progress_of(home, "maintenance")
    assert saved["checklist"] == "maintenance" and len(saved["answers"]) == 2
    after = snapshot(home)
    after.pop("progress/main/maintenance")
    assert after == before  # no event recorded, profile untouched
    assert no_temp_files(home)


def _first_prompt_with(child: pexpect.spawn, wanted: str, limit: int = 40) -> None:
    """Answer y to every do and check step until a question contains `wanted`;
    the spawn stops there, at that question."""
    for _ in range(limit):
        index = child.expect([wanted, r"Done\?", r"Yes or no\?"])
        child.expect(PROMPT_END)
        if index == 0:
            return
        child.sendline("y")
    pytest.fail(f"never asked {wanted!r}")


@pytest.mark.parametrize(("name", "answers", "question"), [
    ("inspection", [], "Yes or no?"),  # a yes/no check step
    ("security", ["s"], "type the reason"),  # the reason for skipping a critical step
])
def test_ctrl_c_at_other_kinds_of_checklist_questions(cli: Cli, terminal: object, home: Path,
                                                      name: str, answers: list[str],
                                                      question: str) -> None:
    child = spawn(home, "checklist", name, env=ENV)
    expect_prompt(child)
    for answer in answers:
        child.sendline(answer)
        expect_prompt(child, question)
    if not answers:
        _first_prompt_with(child, question)
    assert interrupt(child) == 130
    progress_of(home, name)
    assert recorded(home) == []


def test_ctrl_c_at_the_resume_question_keeps_the_saved_progress(cli: Cli, terminal: object,
                                                                home: Path) -> None:
    r = cli("checklist", "maintenance", input="y\ny\nq\n", env={**ENV})
    assert r.exit_code == 1, r.output  # paused
    saved = saved_progress(home, "maintenance")
    child = spawn(home, "checklist", "maintenance", env=ENV)
    expect_prompt(child, "Resume at step")
    assert interrupt(child) == 130
    assert saved_progress(home, "maintenance") == saved


def test_ctrl_c_at_a_checklist_input_question(cli: Cli, terminal: object, home: Path) -> None:
    folder = home / "checklists"
    folder.mkdir(mode=0o700)
    (folder / "mine.toml").write_text(
        'id = "mine"\nmode = "read-do"\ntitle = { en = "Mine", zh = "我的" }\n'
        '[[sections]]\nid = "s"\ntitle = { en = "Part", zh = "部分" }\n'
        '[[sections.steps]]\nid = "a"\nkind = "do"\n'
        'action = { en = "Do it", zh = "做" }\nwhy = { en = "W", zh = "W" }\n'
        '[[sections.steps]]\nid = "b"\nkind = "input"\ninput = "date"\n'
        'action = { en = "When?", zh = "何时？" }\nwhy = { en = "W", zh = "W" }\n',
        encoding="utf-8")
    before = snapshot(home)
    child = spawn(home, "checklist", "mine", env=ENV)
    expect_prompt(child, "Done?")
    child.sendline("y")
    expect_prompt(child, "Your answer")
    child.sendline("not a date")
    expect_prompt(child, "Your answer")  # asked again after the bad value
    assert interrupt(child) == 130
    assert progress_of(home, "mine")["answers"] == {"a": {"status": "done"}}
    after = snapshot(home)
    after.pop("progress/main/mine")
    assert after == before


def test_ctrl_c_at_the_sim_swap_save_question_keeps_the_old_card(cli: Cli, terminal: object,
                                                                 home: Path) -> None:
    before = (home / "profile.toml").read_bytes()
    child = spawn(home, "sim-swap", env=ENV)
    _first_prompt_with(child, "Your answer")  # the new card's ICCID, before it goes in
    child.sendline(NEW_ICCID)
    _first_prompt_with(child, "Your answer")  # its carrier, after the test payment
    for value in ("China Unicom", "10G", "+1y"):
        child.sendline(value)
        index = child.expect([r"Your answer", r"Save this\?"])
        child.expect(PROMPT_END)
    assert index == 1
    assert interrupt(child) == 130
    assert (home / "profile.toml").read_bytes() == before  # the old card stays
    assert "sim-swap" not in {e.kind for e in recorded(home)}
    assert progress_of(home, "sim-swap")["checklist"] == "sim-swap"
