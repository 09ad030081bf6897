"""A checklist in a real pseudo-terminal: Ctrl-C at step 3 saves the progress
and exits 130; the next run offers to resume at step 3 and completes (exit 0)."""

from __future__ import annotations

from pathlib import Path

import pexpect
import pytest

from conftest import TODAY, recorded, saved_progress
from posguide.checklist import load_builtin
from ptyutil import finish, press_ctrl_c, spawn

ENV = {"POSGUIDE_TODAY": TODAY}
ASK = {
    "en": {"do": "Done? [Enter/y, s, b, q, ?]", "check": "Yes or no? Type y or n [s, b, q, ?]",
           "note": "[Enter to go on, b, q]", "step": "Step {k} of {n}",
           "resume": "Resume at step 3? [Y/n]", "stopped": "Stopped. Nothing is lost",
           "done": "Done: Monthly care is complete"},
    "zh": {"do": "完成了吗？[回车/y, s, b, q, ?]", "check": "请答 y（是）或 n（否）[s, b, q, ?]",
           "note": "[回车继续, b, q]", "step": "第 {k} 步（共 {n} 步）",
           "resume": "从第 3 步继续吗？ [Y/n]", "stopped": "已中止。没有丢失任何内容",
           "done": "完成：“每月保养”已全部走完"},
}


def answer(child: pexpect.spawn, lang: str, k: int, n: int, kind: str, value: str) -> None:
    child.expect_exact(ASK[lang]["step"].format(k=k, n=n))
    child.expect_exact(ASK[lang][kind])
    child.sendline(value)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_ctrl_c_at_step_3_then_resume_at_step_3(terminal, home: Path, lang: str) -> None:
    steps = load_builtin("maintenance").steps
    n = len(steps)
    child = spawn(home, "checklist", "maintenance", lang=lang, env=ENV)
    answer(child, lang, 1, n, steps[0].kind, "y")
    answer(child, lang, 2, n, steps[1].kind, "")
    child.expect_exact(ASK[lang]["step"].format(k=3, n=n))
    child.expect_exact(ASK[lang][steps[2].kind])
    press_ctrl_c(child)
    child.expect_exact(ASK[lang]["stopped"])
    assert finish(child) == 130
    saved = saved_progress(home, "maintenance")
    assert saved["at"] == steps[2].id
    assert set(saved["answers"]) == {steps[0].id, steps[1].id}

    child = spawn(home, "checklist", "maintenance", lang=lang, env=ENV)
    child.expect_exact(ASK[lang]["resume"])
    child.sendline("")
    for k in range(3, n + 1):
        step = steps[k - 1]
        answer(child, lang, k, n, step.kind, "" if step.kind == "note" else "y")
    child.expect_exact(ASK[lang]["done"])
    assert finish(child) == 0
    assert "Step 1 of" not in (child.before or "")
    assert saved_progress(home, "maintenance") is None
    kinds = [e.kind for e in recorded(home)]
    assert kinds[-2:] == ["checklist", "maintenance"]
