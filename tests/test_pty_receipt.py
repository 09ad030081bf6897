"""`posguide receipt check` run bare in a real terminal: it asks for what the
receipt shows, one item at a time, in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import TODAY
from ptyutil import expect_prompt, finish, spawn

WORDS = {
    "en": {"number": "Merchant number on the receipt", "bad": "has 3 characters",
           "name": "Merchant name on the receipt", "tid": "Terminal ID on the receipt",
           "mcc": "Business type code (MCC)", "differs": "2 things differ",
           "todo": "What to do now:", "same": "This receipt is yours"},
    "zh": {"number": "小票上的商户号", "bad": "有 3 位", "name": "小票上的商户名称",
           "tid": "小票上的终端号", "mcc": "商户类别码（MCC）", "differs": "有 2 处不一致",
           "todo": "现在请这样做", "same": "这张小票是您自己的"},
}


@pytest.fixture
def shop(cli):
    r = cli("init", "--no-input", "--purchased", "2024-03-01", "--support-phone", "95016",
            "--merchant-no", "822581058120001", "--merchant-name", "快乐面馆", "--mcc", "5812",
            "--terminal-id", "AB12CD34", env={"POSGUIDE_TODAY": TODAY})
    assert r.exit_code == 0, r.output


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_asks_for_what_the_receipt_shows(home: Path, shop, lang: str) -> None:
    words = WORDS[lang]
    child = spawn(home, "receipt", "check", lang=lang)
    expect_prompt(child, words["number"])
    child.sendline("123")
    child.expect(words["bad"])
    expect_prompt(child, words["number"])
    child.sendline("822-2900-5411-0042")
    expect_prompt(child, words["name"])
    child.sendline("快乐面馆")
    expect_prompt(child, words["tid"])
    child.sendline("")
    expect_prompt(child, words["mcc"])
    child.sendline("")
    child.expect(words["differs"])
    child.expect(words["todo"])
    assert finish(child) == 1


def test_a_matching_receipt_asked_for_exits_0(home: Path, shop) -> None:
    child = spawn(home, "receipt", "check")
    for answer in ("822581058120001", "", "AB12CD34", ""):
        expect_prompt(child)
        child.sendline(answer)
    child.expect(WORDS["en"]["same"])
    assert finish(child) == 0
