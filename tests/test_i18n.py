"""Chinese and English are equal citizens: a missing translation fails here."""

from __future__ import annotations

import importlib
import pkgutil
import re
import string
from pathlib import Path

import pytest

import posguide.messages
from posguide.i18n import detect_lang

SRC = Path(posguide.__file__).parent


def all_messages() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for info in pkgutil.iter_modules(posguide.messages.__path__):
        module = importlib.import_module(f"posguide.messages.{info.name}")
        for key, entry in module.MESSAGES.items():
            assert key.split(".")[0] == info.name, f"{key} is in the wrong module {info.name}"
            out[key] = entry
    return out


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_message_has_both_languages_with_the_same_placeholders() -> None:
    for key, entry in all_messages().items():
        assert set(entry) == {"en", "zh"}, key
        assert entry["en"].strip() and entry["zh"].strip(), key
        assert fields(entry["en"]) == fields(entry["zh"]), key


def test_every_key_used_in_the_code_exists() -> None:
    known = all_messages()
    used = set()
    pattern = re.compile(r"""\btn?\(\s*["']([a-z_]+\.[A-Za-z0-9_.\-]+)["']""")
    for path in SRC.rglob("*.py"):
        used |= set(pattern.findall(path.read_text(encoding="utf-8")))
    missing = sorted(k for k in used if k not in known)
    assert not missing, missing


@pytest.mark.parametrize(("env", "lang"), [
    ({}, "en"),
    ({"LANG": "zh_CN.UTF-8"}, "zh"),
    ({"LANG": "en_US.UTF-8", "LC_ALL": "zh_TW.UTF-8"}, "zh"),
    ({"LANGUAGE": "zh_CN:en"}, "zh"),
    ({"LANG": "zh_CN.UTF-8", "POSGUIDE_LANG": "en"}, "en"),
    ({"LANG": "C"}, "en"),
])
def test_language_detection(env: dict[str, str], lang: str) -> None:
    assert detect_lang(env) == lang


def walk(command, path="posguide"):
    yield path, command
    for name, sub in getattr(command, "commands", {}).items():
        yield from walk(sub, name if path == "posguide" else f"{path}.{name}")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_command_and_option_has_help_in_both_languages(lang: str) -> None:
    from posguide.cli import build_command
    from posguide.i18n import set_lang

    set_lang(lang)
    known = all_messages()
    for path, command in walk(build_command()):
        assert f"help.{path}" in known, f"help.{path}"
        assert command.help == known[f"help.{path}"][lang]
        for param in command.params:
            key = "help.posguide.help" if param.name == "help" else f"help.{path}.{param.name}"
            assert key in known, key
            assert param.help == known[key][lang], key


def test_every_command_is_in_the_readme() -> None:
    from posguide.cli import build_command

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    for path, _ in walk(build_command()):
        if path == "posguide":
            continue
        words = path.replace(".", " ")
        assert f"posguide {words}" in readme, f"`posguide {words}` is not in the README"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_help_screens_render(cli, lang: str) -> None:
    from posguide.cli import build_command

    for path, _ in walk(build_command()):
        args = [] if path == "posguide" else path.split(".")
        r = cli("--lang", lang, *args, "--help")
        assert r.exit_code == 0, (path, r.output)
        assert "Traceback" not in r.output
        if lang == "zh":
            assert "选项" in r.stdout and "用法：" in r.stdout
            assert "显示本帮助并退出" in r.stdout
            assert "Show this message" not in r.stdout and "Usage:" not in r.stdout


@pytest.mark.parametrize(("args", "zh", "where"), [
    (["fee", "check", "--amount"], "选项 --amount 后面需要一个值", "posguide fee check --help"),
    (["statsu"], "没有“statsu”这个命令", "posguide --help"),
    (["status", "--json=3"], "选项 --json 不接受值", "posguide status --help"),
    (["profile", "show", "--bogus"], "没有这个选项：--bogus", "posguide profile show --help"),
    (["fee", "check", "--amount", "1"], "缺少选项 --settled。", "posguide fee check --help"),
    (["record"], "缺少类别。", "posguide record --help"),
        (["profile", "set"], "缺少键。", "posguide profile set --help"),
    (["status", "extra"], "多余的参数：extra", "posguide status --help"),
])
def test_usage_errors_in_chinese_point_to_the_right_help(cli, args, zh, where) -> None:
    r = cli("--lang", "zh", *args)
    assert r.exit_code == 2
    assert zh in r.stderr and where in r.stderr
    assert "Traceback" not in r.output
    r = cli("--lang", "en", *args)
    assert r.exit_code == 2 and where in r.stderr and "错误" not in r.stderr


def test_keys_built_from_names_exist() -> None:
    """Keys made with f-strings escape the scan above: check them by name."""
    from posguide.history import KINDS
    from posguide.profile import FIELDS
    from posguide.status import CODES, GROUPS, INTERVALS, SEVERITIES

    known = all_messages()
    wanted = [f"kind.{k}" for k in KINDS]
    wanted += [f"status.code.{c}" for c in CODES] + [f"status.group.{g}" for g in GROUPS]
    wanted += [f"status.severity.{s}" for s in SEVERITIES]
    wanted += [f"status.{c}.{s}" for c in INTERVALS for s in ("ok", "warn", "critical")]
    wanted += [f"status.{c}.{s}" for c in ("terminal_service", "sim_expiry")
               for s in ("ok", "warn", "critical", "unknown")]
    wanted += [f"fields.{k}" for k in FIELDS] + [f"hint.{k}" for k in FIELDS if k != "name"]
    missing = [k for k in wanted if k not in known]
    assert not missing, missing


def test_calendar_item_names_exist_for_every_dated_code() -> None:
    from posguide.status import CODES

    known = all_messages()
    missing = [c for c in CODES if c != "profile" and f"remind.item.{c}" not in known]
    assert not missing, missing


@pytest.mark.parametrize(("text", "width", "lines"), [
    # a list item wraps under its text, not under its number
    ("  2、如不一致，请服务商更正费率，并退还多扣的钱。", 20,
     ["  2、如不一致，请服", "     务商更正费率，", "     并退还多扣的", "     钱。"]),
    ("  1. Compare this with the rate in your contract.", 30,
     ["  1. Compare this with the", "     rate in your contract."]),
    # a number at the start of a sentence is not a list marker
    ("10.00 taken on 1,000.00 is 1.00%", 20, ["10.00 taken on", "1,000.00 is 1.00%"]),
    # never a closing bracket at the start of a line
    ("下次在50天后（2027-01-12）。", 24, ["下次在50天后", "（2027-01-12）。"]),
])
def test_prose_wraps_lists_and_chinese(text: str, width: int, lines: list[str]) -> None:
    from posguide.prose import wrap

    assert wrap(text, width) == lines
