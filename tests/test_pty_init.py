"""The interactive `init` in a real pseudo-terminal, in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from ptyutil import expect_prompt, finish, press_ctrl_c, spawn

TEXT = {
    "en": {"intro": "Adding terminal", "purchased": "Purchase date",
           "bad": "not a real calendar date",
           "phone": "Support phone", "mobile": "mobile number", "keep": "Keep this value anyway?",
           "save": "Save this terminal?", "saved": "Saved terminal"},
    "zh": {"intro": "正在添加终端", "purchased": "购买日期", "bad": "日历上不存在",
           "phone": "客服电话", "mobile": "是手机号", "keep": "仍然使用这个值吗",
           "save": "保存这台终端吗", "saved": "已保存终端"},
}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_interactive_init_corrects_a_bad_answer(home: Path, lang: str) -> None:
    words = TEXT[lang]
    child = spawn(home, "init", "--name", "shop1", lang=lang)
    child.expect(words["intro"])

    def answer(value: str, label: str | None = None) -> None:
        expect_prompt(child, label)
        child.sendline(value)

    answer("Lakala", "Brand" if lang == "en" else "品牌")
    for _ in range(7):  # model, serial, terminal ID, merchant number, name, MCC, location
        answer("")
    answer("2024-02-30", words["purchased"])  # no such day
    child.expect(words["bad"])
    answer("2024-02-29", words["purchased"])
    answer("2024-01-15")  # activation before purchase: said at once, asked again
    child.expect("before" if lang == "en" else "早于")
    answer("")  # activation date
    answer("")  # service years
    answer("13812345678", words["phone"])
    child.expect(words["mobile"])
    answer("n", words["keep"])
    answer("95016", words["phone"])
    for _ in range(5):  # fee rate, carrier, iccid, expiry, plan
        answer("")
    for _ in range(6):  # when each status clock was last started: don't know
        answer("")
    expect_prompt(child, words["save"])
    child.sendline("y")
    child.expect(words["saved"])
    assert finish(child) == 0

    text = (home / "profile.toml").read_text(encoding="utf-8")
    assert "[terminals.shop1]" in text
    assert "purchased = 2024-02-29" in text
    assert 'support_phone = "95016"' in text


def test_ctrl_c_during_init_saves_nothing(home: Path) -> None:
    child = spawn(home, "init")
    child.expect("Brand")
    press_ctrl_c(child)
    assert finish(child) == 130
    assert not (home / "profile.toml").exists()


def test_end_of_input_during_init_saves_nothing(home: Path) -> None:
    child = spawn(home, "init")
    child.expect("Brand")
    child.sendeof()
    code = finish(child)
    assert code == 130
    assert not (home / "profile.toml").exists()


def test_profile_edit_offers_to_reopen_a_bad_edit(home: Path, tmp_path: Path) -> None:
    import subprocess
    import sys

    subprocess.run([sys.executable, "-m", "posguide", "init", "--no-input", "--purchased",
                    "2024-03-01"], env={**__import__("os").environ, "POSGUIDE_HOME": str(home)},
                   check=True, capture_output=True)
    # First edit breaks a date, the second one mends it and sets the brand.
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys\nfrom pathlib import Path\np = Path(sys.argv[1])\n"
        f"count = Path({str(tmp_path / 'n')!r})\n"
        "n = int(count.read_text()) if count.exists() else 0\ncount.write_text(str(n + 1))\n"
        "text = p.read_text()\n"
        "if n == 0:\n    p.write_text(text.replace('2024-03-01', '2024-02-30'))\n"
        "else:\n    p.write_text(text.replace('2024-02-30', '2024-03-01') + 'brand = \"X\"\\n')\n"
    )
    child = spawn(home, "profile", "edit", env={"EDITOR": f"{sys.executable} {script}"})
    expect_prompt(child, "Open the editor again")
    child.sendline("y")
    child.expect("Saved")
    assert finish(child) == 0
    assert 'brand = "X"' in (home / "profile.toml").read_text()
