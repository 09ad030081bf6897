"""Chinese as a merchant reads it at 80 columns: the wording the review asked
for, lists joined with 、, and lines that break between characters instead of
leaving ragged lines or starting with a full stop."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.cells import cell_len

from conftest import TODAY
from posguide.checklist import builtin_ids, load_builtin
from posguide.i18n import set_lang, t
from posguide.prose import NO_END, NO_START, join, wrap
from test_checklist_cli import answers_for, custom, events
from test_checklist_engine import MINI

ENV = {"POSGUIDE_TODAY": TODAY, "POSGUIDE_WIDTH": "80", "COLUMNS": "80"}
SRC = Path(__file__).resolve().parent.parent / "src" / "posguide"
MY_TEXTS = [*sorted((SRC / "checklists").glob("*.toml")),
            *(SRC / "messages" / f"{area}.py" for area in ("wizard", "checklist", "simswap"))]


# ------------------------------------------------------------------ wrapping


SENTENCE = ("先像平时一样收款，收完再逐条核对。符合就答 y，不符合就答 n。每天第一笔，"
            "或者觉得哪笔不对劲时，都可以用它过一遍。")


def test_chinese_breaks_between_characters_and_fills_the_line() -> None:
    assert wrap(SENTENCE, 80) == [
        "先像平时一样收款，收完再逐条核对。符合就答 y，不符合就答 n。每天第一笔，或者觉得",
        "哪笔不对劲时，都可以用它过一遍。",
    ]


def test_no_line_starts_with_closing_or_ends_with_opening_punctuation() -> None:
    text = "每天早上第一位顾客来之前，看一眼插卡口、键盘和连线。像这样的仔细检查，每月做一次。"
    # At 80 columns rich put the final 。 alone on a line; here 次 goes with it.
    assert wrap(text, 80) == [
        "每天早上第一位顾客来之前，看一眼插卡口、键盘和连线。像这样的仔细检查，每月做一",
        "次。",
    ]
    quoted = "把真终端换成被篡改过的“双胞胎”是常见手法（posguide profile show）。"
    for width in range(10, 70):  # from the longest unbreakable run, "（posguide"
        lines = wrap(quoted, width)
        assert all(cell_len(x) <= width for x in lines), width
        assert all(x[0] not in NO_START for x in lines[1:]), (width, lines)
        assert all(x[-1] not in NO_END for x in lines[:-1]), (width, lines)
        assert "".join(lines).replace(" ", "") == quoted.replace(" ", ""), width


def test_english_wraps_at_spaces_and_keeps_words_whole() -> None:
    text = "Answer y (yes) or n (no): Enter alone does not count here, so a slip of the finger"
    assert wrap(text, 30) == ["Answer y (yes) or n (no):", "Enter alone does not count",
                              "here, so a slip of the finger"]
    assert wrap("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]  # too long: cut
    assert wrap("one\n\ntwo", 10) == ["one", "", "two"]


def test_lists_are_joined_in_the_language_of_the_text() -> None:
    set_lang("zh")
    try:
        assert join(["完成检查清单", "交易"]) == "完成检查清单、交易"
    finally:
        set_lang("en")
    assert join(["checklist", "transaction"]) == "checklist, transaction"


# ------------------------------------------------------------------ wording


def test_the_inspection_is_called_as_status_and_history_call_it() -> None:
    inspection = load_builtin("inspection")
    assert inspection.title.zh == "防篡改检查"
    assert inspection.title.zh == t("kind.inspection", "zh") == t("status.code.inspection", "zh")
    for path in MY_TEXTS:
        assert "改装" not in path.read_text(encoding="utf-8"), path


def test_the_yes_no_prompt_is_plain_chinese() -> None:
    assert t("wizard.ask_check", "zh") == "请答 y（是）或 n（否）[s, b, q, ?]"
    for path in MY_TEXTS:
        assert "是否如此" not in path.read_text(encoding="utf-8"), path


@pytest.mark.parametrize("cid", builtin_ids())
def test_an_intro_does_not_repeat_the_mode_the_header_already_shows(cid: str) -> None:
    intro = load_builtin(cid).intro
    if intro is not None:
        assert "边读边做" not in intro.zh and "先做后核对" not in intro.zh
        assert "as you read it" not in intro.en


# ------------------------------------------------------------------ at 80 columns


@pytest.mark.parametrize("cid", [c for c in builtin_ids() if c != "sim-swap"])
def test_every_checklist_reads_cleanly_at_80_columns(cli, terminal, cid: str) -> None:
    r = cli("--lang", "zh", "checklist", cid,
            input="\n".join(answers_for(load_builtin(cid))) + "\n", env=ENV)
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    for line in lines:
        assert cell_len(line.rstrip()) <= 80, line
        # A wrapped line never starts with closing punctuation.
        assert not line or line[0] not in NO_START, line
    # The mode is shown once, as a hint under the title; no list joined with ", ".
    assert r.stdout.count("边读边做") + r.stdout.count("先做后核对") == 2
    recorded = next(x for x in lines if x.startswith("已记入终端 main 的历史："))
    assert ", " not in recorded and "完成检查清单" in recorded


def test_the_completion_in_chinese_names_skips_and_fields_in_words(cli, terminal,
                                                                   home: Path) -> None:
    custom(home, "mini", MINI)
    # wipe: s; power (critical): s with a reason; then straight through.
    lines = ["s", "s", "没带布", "y", "y", "y", "2027-06-30", "12.50", ""]
    r = cli("--lang", "zh", "checklist", "mini", input="\n".join(lines) + "\n", env=ENV)
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert "完成：“小保养”已全部走完（8 步中完成 6 步）。" in out
    assert "跳过的步骤：第 1 步、第 2 步（没带布）" in out
    assert "已记入终端 main 的历史：完成检查清单、清洁保养、更换管理密码" in out
    assert "已保存到终端资料：流量卡到期日 = 2027-06-30" in out
    assert [e["kind"] for e in events(home)][-3:] == ["checklist", "maintenance",
                                                      "password-change"]


def test_sim_swap_examples_are_quoted_in_chinese() -> None:
    set_lang("zh")
    try:
        carrier = t("simswap.carrier_action")
        plan = t("simswap.plan_action")
    finally:
        set_lang("en")
    assert "如“中国移动”" in carrier
    assert "如“每月 30MB，一年期”" in plan
    assert not re.search(r"如 \S", carrier + plan)
