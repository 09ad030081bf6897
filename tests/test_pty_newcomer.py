"""Issue 16, in a real terminal: line editing in answers, a second `init` that
asks for a name, the "last done" questions that make the first status true,
and Ctrl-C whose message starts on a line of its own."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import TODAY
from ptyutil import expect_prompt, finish, press_ctrl_c, spawn

ENV = {"POSGUIDE_TODAY": TODAY}
LEFT = "\x1b[D"
BACKSPACE = "\x7f"


def init_no_input(home: Path, *args: str) -> None:
    import os

    subprocess.run([sys.executable, "-m", "posguide", "init", "--no-input", *args],
                   env={**os.environ, "POSGUIDE_HOME": str(home), **ENV}, check=True,
                   capture_output=True)


def test_arrow_keys_and_backspace_edit_the_answer(home: Path) -> None:
    child = spawn(home, "init", env=ENV)
    expect_prompt(child, "Brand")
    child.send("Lakaa" + LEFT + "l\r")  # the cursor moves back: Lakala, not Lakaa^[[Dl
    expect_prompt(child, "Model")
    child.send("N55" + BACKSPACE + "\r")  # N5
    for _ in range(6):  # serial, terminal ID, merchant number, name, MCC, location
        expect_prompt(child)
        child.sendline("")
    expect_prompt(child, "Purchase date")
    child.sendline("2024-03-01")
    for _ in range(3 + 5 + 6):  # activation..support, fee..plan, the six "last done"
        expect_prompt(child)
        child.sendline("")
    expect_prompt(child, "Save this terminal?")
    child.sendline("y")
    assert finish(child) == 0
    text = (home / "profile.toml").read_text(encoding="utf-8")
    assert 'brand = "Lakala"' in text and 'model = "N5"' in text
    assert "\x1b" not in text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_second_init_asks_for_a_name_and_when_things_were_last_done(
        home: Path, lang: str) -> None:
    init_no_input(home, "--purchased", "2024-03-01")
    child = spawn(home, "init", lang=lang, env=ENV)
    child.expect_exact("main")  # the name that is taken, said before the question
    expect_prompt(child, "Name for the new terminal" if lang == "en" else "新终端的名称")
    child.sendline("main")  # still taken: asked again
    child.expect_exact("'main' is taken too" if lang == "en" else "“main”也已经有了")
    expect_prompt(child)
    child.sendline("shop2")
    for _ in range(8):  # brand .. location
        expect_prompt(child)
        child.sendline("")
    expect_prompt(child)
    child.sendline("2025-06-01")  # purchased
    for _ in range(3 + 5):
        expect_prompt(child)
        child.sendline("")
    child.expect_exact("last take a payment" if lang == "en" else "上次用它收款")
    for answer in ("2026-11-20", "2026-11-01", "", "2026-10-01", "2099-01-01", "2026-11-15",
                   ""):
        # the cleaning date is asked again after a date in the future
        expect_prompt(child)
        child.sendline(answer)
    expect_prompt(child)
    child.sendline("y")
    child.expect_exact("terminal use shop2" if lang == "en" else "terminal use shop2")
    assert finish(child) == 0

    import os

    shown = subprocess.run(
        [sys.executable, "-m", "posguide", "history", "--json", "--terminal", "shop2"],
        env={**os.environ, "POSGUIDE_HOME": str(home), **ENV}, capture_output=True, text=True)
    events = json.loads(shown.stdout)["events"]
    told = {e["kind"]: e["date"] for e in events}
    assert told == {"transaction": "2026-11-20", "maintenance": "2026-11-01",
                    "password-change": "2026-10-01", "software-update": "2026-11-15"}
    assert all(e["data"] == {"source": "init"} for e in events), events

    status = subprocess.run(
        [sys.executable, "-m", "posguide", "status", "--json", "--terminal", "shop2"],
        env={**os.environ, "POSGUIDE_HOME": str(home), **ENV}, capture_output=True, text=True)
    found = {f["code"]: f["severity"] for f in json.loads(status.stdout)["terminals"][0]
             ["findings"]}
    assert found["maintenance"] == found["dormancy"] == found["password"] == "ok"
    assert found["software"] == "ok"


@pytest.mark.parametrize("lang, says", [("en", "Interrupted"), ("zh", "已中断")])
def test_after_ctrl_c_the_message_starts_on_a_new_line(home: Path, lang: str, says: str) -> None:
    child = spawn(home, "init", lang=lang, env=ENV)
    expect_prompt(child, "Brand" if lang == "en" else "品牌")
    child.send("Lak")
    child.expect_exact("Lak")  # echoed: the answer is being typed
    press_ctrl_c(child)
    child.expect_exact(says)
    before = child.before or ""
    # What stands on the line of the message is the message alone.
    last_line = re.split(r"[\r\n]", before)[-1]
    assert re.sub(r"\x1b\[[0-9;]*m|\^C", "", last_line).strip() == "", repr(before[-80:])
    assert finish(child) == 130
