"""The checklist loader and the runner, in-process, with scripted answers.

The runner is driven through a scripted Prompter (no terminal); what it shows
is rendered by rich at 80 columns so the assertions read the real transcript.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from conftest import local_store, recorded, saved_progress
from posguide.checklist import builtin_ids, find, load_builtin, load_custom
from posguide.errors import DataError, Interrupted, Paused, UsageError
from posguide.home import Home
from posguide.i18n import set_lang
from posguide.profile import load
from posguide.wizard import Answer, ProgressStore, Wizard, classify, complete

TODAY = date(2026, 11, 23)

MINI = """
id = "mini"
mode = "read-do"
records = "maintenance"
title = { en = "Mini care", zh = "小保养" }
intro = { en = "A short test checklist.", zh = "一份简短的测试清单。" }

[[sections]]
id = "first"
title = { en = "First part", zh = "第一部分" }

[[sections.steps]]
id = "wipe"
kind = "do"
action = { en = "Wipe the screen with a dry cloth.", zh = "用干布擦屏幕。" }
why = { en = "Dust hides tampering.", zh = "灰尘会掩盖篡改痕迹。" }

[[sections.steps]]
id = "power"
kind = "do"
critical = true
action = { en = "Switch the terminal off.", zh = "关机。" }
why = { en = "Cleaning a live terminal can short it.", zh = "带电清洁可能短路。" }

[[sections.steps]]
id = "lights"
kind = "check"
action = { en = "Are all the lights out?", zh = "指示灯都灭了吗？" }
why = { en = "Lights on mean it is still powered.", zh = "灯亮说明还在通电。" }
on_no = "troubleshoot"
troubleshoot = [ { en = "Hold the power key for ten seconds.", zh = "长按电源键十秒。" },
                 { en = "Unplug the charger.", zh = "拔掉充电器。" } ]

[[sections]]
id = "second"
title = { en = "Second part", zh = "第二部分" }

[[sections.steps]]
id = "password"
kind = "check"
records = "password-change"
action = { en = "Did you change the admin password today?", zh = "今天改过管理密码了吗？" }
why = { en = "Old passwords leak.", zh = "旧密码容易泄露。" }
on_no = "continue"

[[sections.steps]]
id = "seal"
kind = "check"
action = { en = "Is the seal on the case unbroken?", zh = "机壳上的封条完好吗？" }
why = { en = "A broken seal is a sign of tampering.", zh = "封条破损是被篡改的迹象。" }
on_no = "stop"
stop_message.en = "Stop using the terminal and call your provider."
stop_message.zh = "停止使用终端并联系服务商。"

[[sections.steps]]
id = "expiry"
kind = "input"
input = "date"
sets = "sim.expires"
action = { en = "Type the SIM card's expiry date.", zh = "输入流量卡到期日。" }
why = { en = "So posguide can remind you.", zh = "这样 posguide 才能提醒您。" }

[[sections.steps]]
id = "spent"
kind = "input"
input = "money"
action = { en = "Type what the cleaning card cost.", zh = "输入清洁卡的价格。" }
why = { en = "For your accounts.", zh = "用于记账。" }

[[sections.steps]]
id = "done-note"
kind = "note"
action = { en = "That is all for this month.", zh = "本月就到这里。" }
"""

# Answers that walk MINI straight through.
STRAIGHT = ["", "y", "y", "y", "y", "2027-06-30", "12.50", ""]


class Script:
    """A Prompter that answers from a list and keeps the transcript."""

    def __init__(self, answers: list[Any]) -> None:
        self.answers = list(answers)
        self.buffer = io.StringIO()
        self.console = Console(file=self.buffer, width=80, no_color=True, highlight=False,
                               emoji=False)
        self.asked: list[str] = []

    def say(self, text: str = "", style: str | None = None) -> None:
        self.console.print(text, markup=False, highlight=False)

    def show(self, renderable: Any) -> None:
        self.console.print(renderable)

    def ask(self, question: str) -> str:
        self.asked.append(question)
        self.console.print(question, end=" ", markup=False, highlight=False)
        if not self.answers:
            self.console.print()
            raise EOFError
        answer = self.answers.pop(0)
        if answer is KeyboardInterrupt:
            raise KeyboardInterrupt
        self.console.print(answer, markup=False, highlight=False)
        return answer

    @property
    def text(self) -> str:
        return self.buffer.getvalue()

    @property
    def flat(self) -> str:
        return " ".join(self.text.split())


@pytest.fixture
def mini(home: Path, terminal) -> Path:
    """MINI as a custom checklist in the test home (with the usual terminal)."""
    folder = home / "checklists"
    folder.mkdir(mode=0o700, exist_ok=True)
    path = folder / "mini.toml"
    path.write_text(MINI, encoding="utf-8")
    return path


def run(home: Path, answers: list[Any], restart: bool = False, **kw: Any) -> tuple[Script, Wizard]:
    h = Home(home)
    checklist = find(h, "mini")
    script = Script(answers)
    profile = load(h)
    assert profile is not None
    wizard = Wizard(checklist, script, ProgressStore(local_store(home), "main", "mini"),
                    today=TODAY,
                    resume_command="posguide checklist mini", terminal=profile.terminals["main"],
                    restart=restart, **kw)
    return script, wizard


def progress(home: Path) -> dict[str, Any]:
    return saved_progress(home, "mini")


# ------------------------------------------------------------------ loading


def test_a_good_file_loads_into_the_model(mini: Path) -> None:
    c = load_custom(mini)
    assert (c.id, c.mode, c.records, c.source) == ("mini", "read-do", "maintenance", "custom")
    assert [s.id for s in c.sections] == ["first", "second"]
    assert [s.id for s in c.steps] == ["wipe", "power", "lights", "password", "seal", "expiry",
                                       "spent", "done-note"]
    power = c.steps[1]
    assert power.critical and power.kind == "do" and power.section == 0
    assert c.steps[2].troubleshoot[1].get("zh") == "拔掉充电器。"
    assert c.steps[4].on_no == "stop"
    assert (c.steps[5].input, c.steps[5].sets) == ("date", "sim.expires")
    assert c.steps[7].why is None  # a note may go without a reason


BROKEN = [
    ('mode = "read-do"', 'mode = "read_do"', "mode", "read-do, do-confirm"),
    ('id = "mini"', 'id = "other"', "id", "mini.toml"),
    ('kind = "do"\naction = { en = "Wipe', 'kind = "do"\nactoin = { en = "Wipe',
     "sections[1].steps[1].actoin", "unknown key"),
    ('zh = "关机。"', 'zh = ""', "sections[1].steps[2].action.zh", "zh"),
    ('sets = "sim.expires"', 'sets = "sim.expiry"', "sections[2].steps[3].sets", "sim.expires"),
    ('sets = "sim.expires"', 'sets = "fee_rate"', "sections[2].steps[3].sets", 'input = "rate"'),
    ('records = "password-change"', 'records = "password"', "sections[2].steps[1].records",
     "password-change"),
    ('id = "seal"', 'id = "wipe"', "sections[2].steps[2].id", "twice"),
    ('on_no = "continue"', 'on_no = "continue"\ntroubleshoot = []',
     "sections[2].steps[1].troubleshoot", 'on_no = "troubleshoot"'),
    ('critical = true\naction = { en = "Switch', 'critical = "yes"\naction = { en = "Switch',
     "sections[1].steps[2].critical", "true or false"),
    ('input = "money"', 'input = "cash"', "sections[2].steps[4].input", "iccid, date"),
    ('input = "money"', 'input = "text"\nsets = "service_years"', "sections[2].steps[4].sets",
     'the field service_years needs input = "number"'),
]


@pytest.mark.parametrize(("old", "new", "key", "says"), BROKEN)
def test_a_broken_file_names_the_file_and_the_key(mini: Path, old: str, new: str, key: str,
                                                  says: str) -> None:
    assert old in MINI
    mini.write_text(MINI.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_custom(mini)
    message = err.value.message
    assert str(mini) in message
    assert f"{key}:" in message
    assert says in message
    assert err.value.exit_code == 3


def test_a_broken_step_is_located_by_line(mini: Path) -> None:
    mini.write_text(MINI.replace('zh = "关机。"', 'zh = ""'), encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_custom(mini)
    line = MINI.splitlines().index('id = "power"') + 1
    assert f"near line {line}" in err.value.message


def test_bad_toml_and_a_missing_why_are_reported(mini: Path) -> None:
    mini.write_text(MINI.replace('mode = "read-do"', 'mode = read-do'), encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_custom(mini)
    assert "line 3" in err.value.message and str(mini) in err.value.message
    dust = 'why = { en = "Dust hides tampering.", zh = "灰尘会掩盖篡改痕迹。" }\n'
    mini.write_text(MINI.replace(dust, ""), encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_custom(mini)
    assert "sections[1].steps[1].why: required but missing" in err.value.message


def test_a_custom_file_cannot_take_a_built_in_name(home: Path) -> None:
    folder = home / "checklists"
    folder.mkdir(parents=True)
    (folder / "maintenance.toml").write_text(MINI.replace('"mini"', '"maintenance"'))
    with pytest.raises(DataError) as err:
        load_custom(folder / "maintenance.toml")
    assert "built-in" in err.value.message and "my-maintenance" in err.value.message
    # The built-in one is what `find` returns.
    assert find(Home(home), "maintenance").source == "builtin"


def test_an_unknown_name_lists_the_names(home: Path) -> None:
    with pytest.raises(UsageError) as err:
        find(Home(home), "cleaning")
    assert "cleaning" in err.value.message and "maintenance" in err.value.message
    with pytest.raises(UsageError):
        find(Home(home), "../profile")


@pytest.mark.parametrize("cid", builtin_ids())
def test_every_built_in_checklist_loads(cid: str) -> None:
    c = load_builtin(cid)
    assert c.id == cid and c.steps and c.source == "builtin"
    for lang in ("en", "zh"):
        assert c.title.get(lang) and all(s.action.get(lang) for s in c.steps)


def test_answers_are_understood_in_both_scripts() -> None:
    assert [classify(x) for x in ("", " Y ", "ｙ", "是", "n", "否", "S", "跳过", "b", "返回",
                                  "q", "退出", "?", "？", "maybe")] == [
        "", "done", "done", "done", "no", "no", "skip", "skip", "back", "back", "quit", "quit",
        "why", "why", None]


# ------------------------------------------------------------------ running


def test_straight_through_records_events_and_sets_the_profile(home: Path, mini: Path) -> None:
    script, wizard = run(home, STRAIGHT)
    answers = wizard.run()
    assert script.answers == []
    text = script.text
    assert "Mini care  [READ-DO]" in text
    assert "Part 1 of 2: First part" in text and "Part 2 of 2: Second part" in text
    assert "Step 2 of 8 - First part  [!] critical" in text
    assert "Step 6 of 8 - Second part" in text
    assert answers["expiry"] == Answer("value", value="2027-06-30")
    assert answers["spent"] == Answer("value", value="12.50")

    h = Home(home)
    done = complete(wizard.store.store, "main", wizard.checklist, answers, TODAY)
    assert [e.kind for e in done.events] == ["checklist", "maintenance", "password-change"]
    events = [e for e in recorded(home) if e.kind != "terminal-added"]
    assert [(e.kind, e.date) for e in events] == [("checklist", TODAY), ("maintenance", TODAY),
                                                  ("password-change", TODAY)]
    assert events[0].data == {"checklist": "mini", "steps": 8, "skipped": [], "source": "custom",
                              "answers": {"expiry": "2027-06-30", "spent": "12.50"}}
    assert events[2].data == {"checklist": "mini", "step": "password"}
    profile = load(h)
    assert profile is not None
    assert profile.terminals["main"].sim.expires == date(2027, 6, 30)
    assert saved_progress(home, "mini") is None


def test_why_back_and_an_unknown_answer(home: Path, mini: Path) -> None:
    script, wizard = run(home, ["?", "b", "maybe", "y", "b", "", "y", "y", "y", "y",
                                "2027-06-30", "1", ""])
    wizard.run()
    flat = script.flat
    assert "Why: Dust hides tampering." in flat
    assert "This is the first step; there is nothing before it." in flat
    assert "Press Enter (or y) when this is done." in flat
    # Back from step 2 shows step 1 again with the earlier answer.
    assert flat.count("Step 1 of 8") == 2
    assert "Earlier answer: done" in flat


def test_n_on_a_do_step_explains_the_keys(home: Path, mini: Path) -> None:
    script, wizard = run(home, ["n", "", "y", "yes", "n", "y", "2027-06-30", "1", ""])
    answers = wizard.run()
    assert "Press Enter (or y) when this is done." in script.flat
    assert answers["password"].status == "no"
    done = complete(wizard.store.store, "main", wizard.checklist, answers, TODAY)
    # A check answered "no" records nothing of its own, and says so in the event.
    assert [e.kind for e in done.events] == ["checklist", "maintenance"]
    assert done.events[0].data["no"] == ["password"]


def test_enter_is_done_on_do_and_note_steps_but_no_answer_to_a_check(
        home: Path, mini: Path) -> None:
    # wipe (do): Enter; power (do): Enter; lights (check): Enter, refused, then y;
    # password, seal: y; the inputs; done-note: Enter.
    script, wizard = run(home, ["", "", "", "y", "y", "y", "2027-06-30", "1", ""])
    answers = wizard.run()
    assert answers["wipe"] == Answer("done") and answers["power"] == Answer("done")
    assert answers["lights"] == Answer("done") and answers["done-note"] == Answer("done")
    assert script.asked[:4] == ["Done? [Enter/y, s, b, q, ?]", "Done? [Enter/y, s, b, q, ?]",
                                "Yes or no? Type y or n [s, b, q, ?]",
                                "Yes or no? Type y or n [s, b, q, ?]"]
    assert script.asked[-1] == "[Enter to go on, b, q]"
    assert ("Answer y (yes) or n (no): Enter alone does not count here, so a slip of the "
            "finger cannot confirm a check.") in script.flat
    assert script.flat.count("Enter alone does not count here") == 1
    assert "a question needs y (yes) or n (no)" in script.flat  # the keys, shown first


def test_a_critical_step_needs_a_reason_to_be_skipped(home: Path, mini: Path) -> None:
    script, wizard = run(home, ["s", "s", "", "s", "4111 1111 1111 1111", "s",
                                "no cloth and no time", "y", "s", "y", "2027-06-30", "s", ""])
    answers = wizard.run()
    flat = script.flat
    assert "This is a critical step" in flat
    assert "Not skipped." in flat
    assert "card number" in flat  # a reason is free text: no card numbers in it
    assert answers["wipe"] == Answer("skipped")
    assert answers["power"] == Answer("skipped", reason="no cloth and no time")
    assert answers["password"] == Answer("skipped")
    assert answers["spent"] == Answer("skipped")
    done = complete(wizard.store.store, "main", wizard.checklist, answers, TODAY)
    assert done.events[0].data["skipped"] == [
        {"step": "wipe"}, {"step": "power", "reason": "no cloth and no time"},
        {"step": "password"}, {"step": "spent"}]
    assert "password-change" not in [e.kind for e in done.events]


def test_input_is_validated_and_asked_again(home: Path, mini: Path) -> None:
    script, wizard = run(home, ["", "y", "y", "y", "y", "2027-02-30", "next year", "",
                                "1e3", "12.345", "12.34", ""])
    answers = wizard.run()
    flat = script.flat
    assert "'2027-02-30' is not a real calendar date" in flat
    assert "'next year' is not a date" in flat
    # Enter on a step that sets a profile field keeps the profile's value.
    assert "Your answer [Enter keeps 2026-12-05; s, b, q, ?]:" in flat
    assert answers["expiry"].value == "2026-12-05"
    assert "'1e3' is not an amount" in flat and "'12.345' is not an amount" in flat
    assert answers["spent"].value == "12.34"


def test_input_needs_a_value_when_there_is_no_default(home: Path, mini: Path) -> None:
    script, wizard = run(home, STRAIGHT[:6] + ["", "7"] + [""])
    answers = wizard.run()
    assert "Type the value, or s to skip this step." in script.flat
    assert answers["spent"].value == "7"


def test_troubleshoot_shows_the_steps_then_asks_again(home: Path, mini: Path) -> None:
    script, wizard = run(home, ["", "y", "n", "n", "y", "y", "y", "2027-06-30", "1", ""],
                         support_hint="Still not working? Call 95016.")
    answers = wizard.run()
    flat = script.flat
    assert flat.count("Try these, one at a time:") == 2
    assert "1. Hold the power key for ten seconds. 2. Unplug the charger." in flat
    assert "Still not working? Call 95016." in flat
    assert answers["lights"] == Answer("done")


def test_stop_pauses_with_the_message_and_resumes_there(home: Path, mini: Path) -> None:
    script, wizard = run(home, ["", "y", "y", "y", "n"])
    with pytest.raises(Paused) as err:
        wizard.run()
    assert err.value.exit_code == 1
    assert "Stop using the terminal and call your provider." in script.flat
    assert "step 5 of 8" in err.value.message and "posguide checklist mini" in err.value.message
    assert progress(home)["at"] == "seal"
    script, wizard = run(home, ["y", "y", "2027-06-30", "1", ""])
    wizard.run()
    assert "Resume at step 5? [Y/n]" in script.flat
    assert "Step 1 of 8" not in script.flat


def test_quit_saves_and_the_next_run_resumes(home: Path, mini: Path) -> None:
    script, wizard = run(home, ["", "y", "q"])
    with pytest.raises(Paused) as err:
        wizard.run()
    assert "Paused at step 3 of 8" in err.value.message
    saved = progress(home)
    assert saved["at"] == "lights"
    assert saved["answers"] == {"wipe": {"status": "done"}, "power": {"status": "done"}}
    assert (home / "posguide.db").stat().st_mode & 0o777 == 0o600

    script, wizard = run(home, ["", "y", "y", "y", "2027-06-30", "1", ""])
    answers = wizard.run()
    assert "You stopped this at step 3 of 8 (last saved 2026-11-23)." in script.flat
    assert "Step 3 of 8" in script.flat and "Step 2 of 8" not in script.flat
    assert set(answers) == {"wipe", "power", "lights", "password", "seal", "expiry", "spent",
                            "done-note"}


def test_declining_to_resume_starts_over(home: Path, mini: Path) -> None:
    _, wizard = run(home, ["", "y", "q"])
    with pytest.raises(Paused):
        wizard.run()
    script, wizard = run(home, ["n"] + STRAIGHT)
    wizard.run()
    assert "Starting over from step 1." in script.flat


def test_restart_ignores_the_saved_progress(home: Path, mini: Path) -> None:
    _, wizard = run(home, ["", "s", "nope, later", "q"])
    with pytest.raises(Paused):
        wizard.run()
    script, wizard = run(home, STRAIGHT, restart=True)
    answers = wizard.run()
    assert "Resume" not in script.flat
    assert answers["power"] == Answer("done")


def test_end_of_input_pauses_and_ctrl_c_interrupts(home: Path, mini: Path) -> None:
    _, wizard = run(home, ["", "y"])
    with pytest.raises(Paused) as err:
        wizard.run()
    assert "No more answers came in" in err.value.message and "step 3 of 8" in err.value.message
    assert progress(home)["at"] == "lights"

    _, wizard = run(home, ["", "y", KeyboardInterrupt])
    with pytest.raises(Interrupted) as interrupted:
        wizard.run()
    assert interrupted.value.exit_code == 130
    assert "step 4 of 8" in interrupted.value.message
    assert progress(home)["at"] == "password"


def test_stopping_at_the_resume_question_keeps_the_progress(home: Path, mini: Path) -> None:
    _, wizard = run(home, ["", "y", "y", "q"])
    with pytest.raises(Paused):
        wizard.run()
    before = progress(home)
    _, wizard = run(home, [KeyboardInterrupt])
    with pytest.raises(Interrupted) as err:
        wizard.run()
    assert "step 4 of 8" in err.value.message
    assert progress(home) == before


def test_unreadable_progress_is_not_overwritten(home: Path, mini: Path) -> None:
    import sqlite3

    store = local_store(home)
    store.save_progress("main", "mini", {"version": 1})
    store.close()
    with sqlite3.connect(home / "posguide.db") as db:
        db.execute("UPDATE progress SET data = '{torn'")
    db.close()
    _, wizard = run(home, STRAIGHT)
    with pytest.raises(DataError) as err:
        wizard.run()
    assert str(home) in err.value.message and "--restart" in err.value.message
    with sqlite3.connect(home / "posguide.db") as db:
        assert db.execute("SELECT data FROM progress").fetchall() == [("{torn",)]
    db.close()
    _, wizard = run(home, STRAIGHT, restart=True)
    wizard.run()


def test_back_into_an_input_step_offers_the_earlier_answer(home: Path, mini: Path) -> None:
    script, wizard = run(home, STRAIGHT[:5] + ["2027-01-31", "b", "", "3", ""])
    answers = wizard.run()
    assert "Earlier answer: 2027-01-31" in script.flat
    assert "[Enter keeps 2027-01-31; s, b, q, ?]" in script.flat
    assert answers["expiry"].value == "2027-01-31"


def test_a_value_that_clashes_with_the_profile_is_refused(home: Path, mini: Path) -> None:
    text = MINI.replace('sets = "sim.expires"', 'sets = "activated"')
    (home / "checklists" / "mini.toml").write_text(text)
    script, wizard = run(home, STRAIGHT[:5] + ["2024-01-01", "2024-03-10", "1", ""])
    answers = wizard.run()
    assert "activated (2024-01-01) is before purchased (2024-03-01)" in script.flat
    complete(wizard.store.store, "main", wizard.checklist, answers, TODAY)
    profile = load(Home(home))
    assert profile is not None and profile.terminals["main"].activated == date(2024, 3, 10)


def test_runs_in_chinese(home: Path, mini: Path) -> None:
    set_lang("zh")
    script, wizard = run(home, ["?", "", "s", "", "y", "否", "是", "否", "y", "+6m", "¥12", ""])
    answers = wizard.run()
    flat = script.flat
    assert "小保养 [边读边做]" in flat
    assert "第 2 步（共 8 步）- 第一部分 [!] 关键步骤" in flat
    assert "原因：灰尘会掩盖篡改痕迹。" in flat
    assert "这是关键步骤" in flat
    assert answers["password"].status == "no" and answers["lights"].status == "done"
    assert answers["expiry"].value == "2027-05-23"
    assert answers["spent"].value == "12"


@pytest.mark.parametrize(("phone", "mobile"), [
    ("95016", False), ("4008001234", False), ("010-12345678", False), (None, False),
    ("13812345678", True), ("+86 138 1234 5678", True),
])
def test_the_support_hint_warns_about_a_mobile_number(phone: str | None, mobile: bool) -> None:
    from posguide.wizard import mobile_warning, support_hint

    set_lang("en")
    hint = support_hint(phone)
    warning = mobile_warning(phone)
    if phone is None:
        assert hint == ("Still not working? Type q to pause here (your answers are kept) and "
                        "call the support number in your contract or on the terminal's sticker.")
    else:
        assert hint.startswith("Still not working? Type q to pause here (your answers are "
                               f"kept) and call support on {phone}.")
    if mobile:
        assert warning == ("[!] 13812345678 is a mobile number: most likely a sales agent or a "
                           "scam, not your provider's support line. Check the number in your "
                           "contract or on the terminal's sticker.")
        assert hint.endswith("\n" + warning)
    else:
        assert warning is None and "\n" not in hint


def test_a_number_input_takes_whole_numbers_and_a_field_its_own_range(mini: Path,
                                                                     home: Path) -> None:
    # The "spent" step as a count of its own, then as the service period.
    mini.write_text(MINI.replace('input = "money"', 'input = "number"'), encoding="utf-8")
    script, wizard = run(home, STRAIGHT[:6] + ["-1", "1.5", "１２", "1000000", "12", ""])
    answers = wizard.run()
    assert answers["spent"] == Answer("value", value="12")
    for bad in ("-1", "1.5", "１２", "1000000"):
        assert f"'{bad}' is not a whole number. Type digits only, from 0 to 999999." in script.flat

    mini.write_text(MINI.replace('input = "money"', 'input = "number"\nsets = "service_years"'),
                    encoding="utf-8")
    before = (home / "profile.toml").read_bytes()
    script, wizard = run(home, STRAIGHT[:6] + ["11", "0", "5", ""], restart=True)
    answers = wizard.run()
    assert "[Enter keeps 3; s, b, q, ?]" in script.flat
    assert ("service_years (Service period (years)): '11' must be a whole number from 1 to 10."
            in script.flat)
    assert "'0' must be a whole number from 1 to 10." in script.flat
    done = complete(wizard.store.store, "main", wizard.checklist, answers, TODAY)
    assert done.changes == {"sim.expires": date(2027, 6, 30), "service_years": 5}
    profile = load(Home(home))
    assert profile is not None
    assert profile.terminals["main"].service_years == 5
    assert profile.terminals["main"].service_end == date(2029, 3, 1)
    assert (home / "profile.toml.bak").read_bytes() == before


def test_enter_keeping_the_saved_values_leaves_the_profile_alone(mini: Path,
                                                                home: Path) -> None:
    mini.write_text(MINI.replace('input = "money"', 'input = "number"\nsets = "service_years"'),
                    encoding="utf-8")
    before = (home / "profile.toml").read_bytes()
    bak = home / "profile.toml.bak"
    bak_before = bak.read_bytes() if bak.exists() else None
    # Enter at the expiry (keeps 2026-12-05) and at the service period (keeps 3).
    script, wizard = run(home, STRAIGHT[:5] + ["", "", ""])
    answers = wizard.run()
    assert answers["expiry"].value == "2026-12-05" and answers["spent"].value == "3"
    done = complete(wizard.store.store, "main", wizard.checklist, answers, TODAY)
    assert done.changes == {}
    assert (home / "profile.toml").read_bytes() == before
    assert (bak.read_bytes() if bak.exists() else None) == bak_before
    assert [e.kind for e in done.events] == ["checklist", "maintenance", "password-change"]
