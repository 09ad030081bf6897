"""The SIM swap in a real pseudo-terminal, as a merchant would do it: the whole
swap in Chinese and in English with one malformed ICCID corrected, and Ctrl-C
in the middle of the new card's details followed by a run that resumes."""

from __future__ import annotations

import json
from pathlib import Path

import pexpect
import pytest

from conftest import TODAY, recorded, saved_progress
from posguide.simswap import CARRIER, ICCID, PLAN
from ptyutil import finish, press_ctrl_c, spawn
from test_checklist_cli import NEW_ICCID, swap_checklist

ENV = {"POSGUIDE_TODAY": TODAY}
OLD_ICCID = "89860012345678901238"
ASK = {
    "en": {"do": "Done? [Enter/y, s, b, q, ?]", "check": "Yes or no? Type y or n [s, b, q, ?]",
           "note": "[Enter to go on, b, q]", "input": "Your answer [",
           "confirm": "Save this? [y/n, b, q]", "step": "Step {k} of {n}",
           "bad": "is not an ICCID", "compare": "Old and new card",
           "saved": f"Saved: terminal main now has the new SIM card ({NEW_ICCID}).",
           "state": "SIM card is valid", "stopped": "Stopped. Nothing is lost",
           "resume": "Resume at step {k}? [Y/n]"},
    "zh": {"do": "完成了吗？[回车/y, s, b, q, ?]", "check": "请答 y（是）或 n（否）[s, b, q, ?]",
           "note": "[回车继续, b, q]", "input": "请输入 [",
           "confirm": "保存吗？[y/n, b, q]", "step": "第 {k} 步（共 {n} 步）",
           "bad": "不是有效 ICCID", "compare": "旧卡与新卡对照",
           "saved": f"已保存：终端 main 的流量卡已更新为新卡（{NEW_ICCID}）。",
           "state": "流量卡", "stopped": "已中止。没有丢失任何内容",
           "resume": "从第 {k} 步继续吗？ [Y/n]"},
}


def answer(child: pexpect.spawn, lang: str, k: int, n: int, kind: str, value: str) -> None:
    child.expect_exact(ASK[lang]["step"].format(k=k, n=n))
    child.expect_exact(ASK[lang][kind])
    child.sendline(value)


def walk(child: pexpect.spawn, lang: str, start: int, stop: int) -> None:
    """Answer steps start..stop-1 (0-based) of the swap: every one done."""
    steps = swap_checklist().steps
    for i in range(start, stop):
        kind = steps[i].kind
        answer(child, lang, i + 1, len(steps), kind, "" if kind == "note" else "y")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_whole_swap_in_a_real_terminal(cli, terminal, home: Path, lang: str) -> None:
    c = swap_checklist()
    n = len(c.steps)
    at = c.step_index(ICCID)
    assert at is not None
    child = spawn(home, "sim-swap", lang=lang, env=ENV)
    child.expect_exact(OLD_ICCID)  # the current card first
    walk(child, lang, 0, at)
    answer(child, lang, at + 1, n, "input", "8986 0012 3456")  # too short
    child.expect_exact(ASK[lang]["bad"])
    child.expect_exact(ASK[lang]["input"])
    child.sendline(NEW_ICCID)
    # Typed before the card goes in (issue 16); the rest after the test payment.
    carrier = c.step_index(CARRIER)
    assert carrier is not None and at < c.step_index("insert-new") < carrier  # type: ignore[operator]
    walk(child, lang, at + 1, carrier)
    answer(child, lang, carrier + 1, n, "input", "")  # Enter keeps China Mobile
    answer(child, lang, carrier + 2, n, "input", "30MB")
    answer(child, lang, carrier + 3, n, "input", "+1y")
    child.expect_exact(ASK[lang]["compare"])
    child.expect_exact(ASK[lang]["confirm"])
    child.sendline("y")
    child.expect_exact(ASK[lang]["saved"])
    child.expect_exact(ASK[lang]["state"])
    assert finish(child) == 0

    text = (home / "profile.toml").read_text(encoding="utf-8")
    assert f'iccid = "{NEW_ICCID}"' in text
    assert "expires = 2027-11-23" in text and 'plan = "30MB"' in text
    assert 'carrier = "China Mobile"' in text
    history = [e.to_json() for e in recorded(home)]
    swap = [e for e in history if e["kind"] == "sim-swap"]
    assert len(swap) == 1
    assert swap[0]["data"]["old"] == {"carrier": "China Mobile", "iccid": OLD_ICCID,
                                      "plan": None, "expires": "2026-12-05"}
    shown = json.loads(cli("profile", "show", "--json").stdout)
    assert shown["sim"] == {"carrier": "China Mobile", "iccid": NEW_ICCID,
                            "expires": "2027-11-23", "plan": "30MB"}
    status = json.loads(cli("status", "--json", env=ENV).stdout)
    sim = next(f for f in status["terminals"][0]["findings"] if f["code"] == "sim_expiry")
    assert (sim["severity"], sim["days"]) == ("ok", 365)


def test_ctrl_c_in_the_data_entry_then_resume_keeps_the_answers(cli, terminal,
                                                                home: Path) -> None:
    c = swap_checklist()
    n = len(c.steps)
    at = c.step_index(ICCID)
    plan = c.step_index(PLAN)
    assert at is not None and plan is not None
    child = spawn(home, "sim-swap", env=ENV)
    walk(child, "en", 0, at)
    answer(child, "en", at + 1, n, "input", NEW_ICCID)
    carrier = c.step_index(CARRIER)
    assert carrier is not None
    walk(child, "en", at + 1, carrier)
    answer(child, "en", carrier + 1, n, "input", "China Unicom")
    child.expect_exact(ASK["en"]["step"].format(k=plan + 1, n=n))
    child.expect_exact(ASK["en"]["input"])
    press_ctrl_c(child)
    child.expect_exact(ASK["en"]["stopped"])
    assert finish(child) == 130
    saved = saved_progress(home, "sim-swap")
    assert saved["at"] == PLAN
    assert saved["answers"][ICCID]["value"] == NEW_ICCID
    assert saved["answers"][CARRIER]["value"] == "China Unicom"
    assert json.loads(cli("profile", "show", "--json").stdout)["sim"]["iccid"] == OLD_ICCID

    child = spawn(home, "sim-swap", env=ENV)
    child.expect_exact(ASK["en"]["resume"].format(k=plan + 1))
    child.sendline("")
    answer(child, "en", plan + 1, n, "input", "1GB")
    answer(child, "en", plan + 2, n, "input", "+6m")
    child.expect_exact(ASK["en"]["confirm"])
    child.sendline("y")
    child.expect_exact(ASK["en"]["saved"])
    assert finish(child) == 0
    sim = json.loads(cli("profile", "show", "--json").stdout)["sim"]
    assert sim == {"carrier": "China Unicom", "iccid": NEW_ICCID, "expires": "2027-05-23",
                   "plan": "1GB"}
