"""Issue 16: what a Chinese user meets is Chinese, and nothing is cut off.

Help at 80 columns for every command in both languages has no "…"; typer's own
words, placeholders and the install-completion message are Chinese; messages
name fields by their Chinese label, not by an ASCII key; OS errors are not the
system's English; a command in a hint never breaks across lines."""

from __future__ import annotations

import errno
import re
from pathlib import Path

import pytest

from conftest import TODAY
from posguide.i18n import set_lang


def command_paths() -> list[list[str]]:
    from posguide.cli import build_command

    root = build_command([])
    paths: list[list[str]] = [[]]

    def walk(cmd, path: list[str]) -> None:
        for name, sub in getattr(cmd, "commands", {}).items():
            paths.append([*path, name])
            walk(sub, [*path, name])

    walk(root, [])
    return paths


PATHS = command_paths()


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "posguide")
def test_help_at_80_columns_is_never_cut(cli, path: list[str], lang: str) -> None:
    r = cli("--lang", lang, *path, "--help", env={"COLUMNS": "80", "POSGUIDE_WIDTH": None})
    assert r.exit_code == 0, r.output
    assert "…" not in r.stdout, r.stdout
    from rich.cells import cell_len

    assert all(cell_len(line) <= 80 for line in r.stdout.splitlines()), r.stdout
    if lang == "zh":
        for english in ("Usage", "Options", "Arguments", "Commands", "[OPTIONS]", "COMMAND",
                        "[ARGS]", "<str>", "[default", "[required]", "KIND", "NAME", "KEY",
                        "VALUE", "MONEY", "DATE", "PERCENT", "TEXT", "PHONE"):
            assert english not in r.stdout, (english, r.stdout)


def test_chinese_help_wraps_the_record_kinds_whole(cli) -> None:
    r = cli("--lang", "zh", "record", "--help", env={"COLUMNS": "80"})
    flat = "".join(line.strip("│ ") for line in r.stdout.splitlines())
    for kind in ("transaction", "password-change", "software-update", "sim-renewal"):
        assert kind in flat


@pytest.mark.parametrize("args, words", [
    (["record"], "缺少类别"),
    (["profile", "set"], "缺少键"),
    (["terminal", "use"], "缺少名称"),
    (["fee", "check", "--amount", "1"], "缺少选项 --settled"),
])
def test_missing_arguments_are_named_in_chinese(cli, args, words) -> None:
    r = cli("--lang", "zh", *args)
    assert r.exit_code == 2
    assert words in r.stderr
    assert "'" not in r.stderr.split("\n")[0]


FIELD_KEYS = ("purchased", "activated", "sim.expires", "sim.iccid", "support_phone",
              "fee_rate", "amount", "settled", "date", "serial", "merchant_no")


@pytest.mark.parametrize("args", [
    ["init", "--no-input", "--purchased", "2030-01-01"],
    ["init", "--no-input", "--purchased", "soon"],
    ["init", "--no-input", "--purchased", "2025-01-01", "--last-maintenance", "2099-01-01"],
    ["init", "--no-input", "--purchased", "2025-01-01", "--sim-iccid", "12345"],
    ["profile", "set", "purchased", "2024-02-30"],
    ["profile", "set", "sim.expires", "soon"],
    ["profile", "set", "merchant_no", "12"],
    ["record", "maintenance", "--date", "2099-01-01"],
    ["fee", "check", "--amount", "abc", "--settled", "1"],
    ["fee", "check", "--amount", "10", "--settled", "9", "--rate", "x"],
])
def test_chinese_errors_name_fields_by_their_label(cli, terminal, args) -> None:
    r = cli("--lang", "zh", *args, env={"POSGUIDE_TODAY": TODAY})
    assert r.exit_code == 2, r.output
    message = r.stderr
    assert re.search(r"[\u4e00-\u9fff]", message), message
    # Keys may stand in a command to copy (`posguide profile set ...`), never as
    # the name of what was wrong.
    prose = re.sub(r"`[^`]*`|posguide [^\s，。；]*( [a-z.\-_]+)*", "", message)
    for key in FIELD_KEYS:
        assert not re.search(rf"(?<![\w.-]){re.escape(key)}(?![\w.-])", prose), (key, message)


def test_csv_import_keeps_the_column_name_the_user_must_type(cli, tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_text("name,purchased\nshop1,2024-02-30\n", encoding="utf-8")
    r = cli("--lang", "zh", "terminal", "import", str(path))
    assert "purchased（购买日期）" in r.stderr


def test_fix_commands_in_chinese_have_chinese_placeholders(cli) -> None:
    r = cli("--lang", "zh", "status", "--demo", env={"POSGUIDE_TODAY": TODAY})
    assert "--amount 交易金额 --settled 到账金额" in r.stdout
    for english in ("AMOUNT", "SETTLED", "PHONE", " DATE", " SN"):
        assert english not in r.stdout
    # JSON is for scripts: the command as it is.
    r = cli("--lang", "zh", "status", "--demo", "--json", env={"POSGUIDE_TODAY": TODAY})
    assert "--amount AMOUNT --settled SETTLED" in r.stdout


def test_install_completion_speaks_chinese(cli, tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path), "SHELL": "/bin/bash"}
    r = cli("--lang", "zh", "--install-completion", env=env)
    assert r.exit_code == 0, r.output
    assert "已为 bash 装好命令补全" in r.stdout and "重新打开终端" in r.stdout
    assert "installed" not in r.stdout and "restart" not in r.stdout
    assert (tmp_path / ".bashrc").exists()


@pytest.mark.parametrize("code", [errno.ENOENT, errno.EACCES, errno.ENOSPC, errno.EIO, 9999])
def test_os_errors_are_said_in_chinese(code: int) -> None:
    from posguide.home import os_error

    set_lang("zh")
    try:
        message = os_error(OSError(code, "Some English text"), Path("/x/y")).message
    finally:
        set_lang("en")
    assert "English" not in message and re.search(r"[\u4e00-\u9fff]", message)


def test_a_missing_editor_is_said_in_chinese(cli, terminal) -> None:
    r = cli("--lang", "zh", "profile", "edit", env={"EDITOR": "/nonexistent/editor"})
    assert r.exit_code == 2
    assert "没有这个文件或文件夹" in r.stderr and "No such file" not in r.stderr


def test_a_broken_profile_is_located_in_chinese(cli, terminal, home: Path) -> None:
    (home / "profile.toml").write_text("schema = 1\n[terminals\n", encoding="utf-8")
    r = cli("--lang", "zh", "status")
    assert r.exit_code == 3
    assert "第 2 行" in r.stderr and "TOML" in r.stderr
    assert "Expected" not in r.stderr and "line" not in r.stderr


HINTS = [
    "没有更多回答，已在第 1 步（共 22 步）暂停，答案已保存。继续请运行：posguide sim-swap",
    "Paused at step 3 of 22; your answers are saved. To continue, run posguide sim-swap "
    "--terminal shop2 when you are ready.",
    "改正购买日期：posguide profile set purchased 后面跟上日期。以后每次都这样做。",
    "先运行 `posguide checklist legit-check`，再拨打合同上的客服电话。",
    "测试：posguide fee check --amount 100 --settled 99.40 --terminal 店铺2，然后看结果。",
]


@pytest.mark.parametrize("hint", HINTS)
def test_a_command_in_a_hint_never_breaks(hint: str) -> None:
    from rich.cells import cell_len

    from posguide.prose import command_spans, wrap

    commands = [hint[a:b] for a, b in command_spans(hint)]
    assert commands and all(c.strip("`").startswith("posguide") for c in commands)
    for width in range(20, 100):
        lines = wrap(hint, width)
        assert all(cell_len(x) <= width for x in lines)
        for command in commands:
            if cell_len(command) + 2 <= width:
                assert any(command in line for line in lines), (width, command, lines)


def test_command_words_cover_every_command() -> None:
    from posguide.prose import COMMAND_WORDS

    assert {w for path in PATHS for w in path} <= COMMAND_WORDS


def test_the_paused_hint_keeps_the_command_whole(cli, terminal) -> None:
    r = cli("--lang", "zh", "sim-swap", input="", env={"POSGUIDE_TODAY": TODAY,
                                                        "POSGUIDE_WIDTH": "80"})
    assert r.exit_code == 1
    assert any(line.strip().endswith("posguide sim-swap") or "posguide sim-swap" in line
               for line in r.stderr.splitlines()), r.stderr
    assert not any(line.rstrip().endswith("posguide") for line in r.stderr.splitlines())
