"""posguide on a Chinese Windows PC (DESIGN.md section 12), simulated on Linux:
no POSIX-only module or call, a rename refused while a file is held open, the
display language from the Windows API, consoles that are not UTF-8, and
%EDITOR% values the Windows way."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import TODAY
from posguide import home as home_mod
from posguide.cli import profile_cmd
from posguide.cli.profile_cmd import editor_command, split_windows
from posguide.errors import DataError
from posguide.home import REPLACE_DELAYS, atomic_write
from posguide.i18n import detect_lang, windows_ui_language
from posguide.render import tolerate_console_encoding

NAME = "门店一号"
PLACE = "收银台左边 😀"  # an emoji: not in gbk (cp936), let alone ascii


@pytest.fixture
def chinese_terminal(cli) -> None:
    r = cli("init", "--no-input", "--name", NAME, "--purchased", "2024-03-01",
            "--brand", "拉卡拉", "--location", PLACE, env={"POSGUIDE_TODAY": TODAY})
    assert r.exit_code == 0, r.output


def posguide(*args: str, encoding: str, input: bytes | None = None,
             env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """posguide in a process of its own whose stdio speaks `encoding`, as a
    Chinese Windows does when output goes to a pipe or a file (cp936)."""
    full = {**os.environ, "PYTHONIOENCODING": encoding, "POSGUIDE_TODAY": TODAY, **(env or {})}
    full.pop("PYTHONUTF8", None)
    return subprocess.run([sys.executable, "-m", "posguide", *args], input=input,
                          capture_output=True, env=full, timeout=60, check=False)


# ------------------------------------------------------------- no POSIX-only names

# `posix` itself cannot be hidden here: the standard library imports it on
# Linux (shutil, ...). The source check below covers it.
POSIX_ONLY_MODULES = ("fcntl", "pwd", "grp", "termios", "tty", "pty", "resource",
                      "readline", "syslog")
# Names os has on Linux and not on Windows (Python 3.11/3.12: fchmod came in 3.13).
POSIX_ONLY_OS = ("fchmod", "fchown", "chown", "lchown", "getuid", "geteuid", "getgid",
                 "getegid", "fork", "forkpty", "killpg", "setsid", "getpgid",
                 "mkfifo", "mknod", "fdatasync", "sync", "statvfs", "pipe2",
                 "O_NOFOLLOW", "O_NONBLOCK", "O_CLOEXEC", "O_NOCTTY", "O_DIRECTORY")

HIDDEN = f"""
import os, sys
for name in {POSIX_ONLY_MODULES!r}:
    sys.modules[name] = None  # import raises ImportError, as on Windows
for name in {POSIX_ONLY_OS!r}:
    if hasattr(os, name):
        delattr(os, name)
"""


def test_every_module_imports_and_saves_with_posix_only_names_hidden(tmp_path: Path) -> None:
    script = HIDDEN + textwrap.dedent("""
        import importlib, pkgutil
        import posguide
        names = [info.name for info in pkgutil.walk_packages(posguide.__path__, "posguide.")]
        for name in names:
            importlib.import_module(name)
        print(len(names), "modules")
        from posguide.__main__ import main
        steps = [
            ["init", "--no-input", "--name", "shop1", "--purchased", "2024-03-01"],
            ["profile", "set", "location", "counter"],
            ["record", "maintenance"],
            ["terminal", "export", sys.argv[1] + "/fleet.csv"],
            ["remind", "--ics", sys.argv[1] + "/due.ics"],
            ["remind", "install", "--dry-run", "--scheduler", "schtasks"],
            ["notify", "add", "desktop"],
            ["notify", "list"],
            ["status"],
        ]
        for args in steps:
            code = main(args)
            assert code in (0, 1), (args, code)
        """)
    env = {**os.environ, "POSGUIDE_TODAY": TODAY}
    r = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True,
                       text=True, env=env, timeout=120, check=False)
    assert r.returncode == 0, r.stdout + r.stderr
    assert " modules" in r.stdout
    assert "traceback" not in r.stderr.lower()
    assert b"counter" in (Path(os.environ["POSGUIDE_HOME"]) / "profile.toml").read_bytes()
    assert (tmp_path / "fleet.csv").exists() and (tmp_path / "due.ics").exists()


def test_no_module_imports_a_posix_only_module_at_its_top() -> None:
    """What the run above cannot hide (`posix`), and lazy imports too: any
    import of a POSIX-only module must sit inside a function or behind
    `except ImportError`."""
    import ast

    import posguide

    forbidden = {*POSIX_ONLY_MODULES, "posix"}
    found = []
    for path in Path(posguide.__file__).parent.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        guarded = {id(node) for t in ast.walk(tree) if isinstance(t, ast.Try)
                   for node in ast.walk(t)
                   if any(isinstance(h.type, ast.Name) and h.type.id in
                          ("ImportError", "ModuleNotFoundError") for h in t.handlers)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module] + ([f"os.{a.name}" for a in node.names]
                                         if node.module == "os" else [])
            else:
                continue
            for name in names:
                bad = name.split(".")[0] in forbidden or (
                    name.startswith("os.") and name[3:] in POSIX_ONLY_OS)
                if bad and id(node) not in guarded:
                    found.append(f"{path.name}:{node.lineno} {name}")
    assert not found, found


def test_a_save_without_os_fchmod_still_makes_the_file_private(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delattr(os, "fchmod", raising=False)
    target = tmp_path / "home" / "profile.toml"
    atomic_write(target, b"schema = 1\n")
    assert target.read_bytes() == b"schema = 1\n"
    assert target.stat().st_mode & 0o777 == 0o600


# ----------------------------------------------------------- a file held open


def held_open(path: object) -> PermissionError:
    """What Windows raises when renaming over a file another process has open."""
    exc = PermissionError(13, "The process cannot access the file because it is being "
                              "used by another process", str(path))
    exc.winerror = 32  # type: ignore[attr-defined]  # ERROR_SHARING_VIOLATION
    return exc


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    slept: list[float] = []
    monkeypatch.setattr(home_mod.time, "sleep", slept.append)
    return slept


def flaky_replace(monkeypatch: pytest.MonkeyPatch, failures: int,
                  make=held_open) -> list[str]:
    """os.replace failing `failures` times (then working), recording each try."""
    real = os.replace
    tries: list[str] = []

    def replace(src: str, dst: str) -> None:
        tries.append(str(dst))
        if len(tries) <= failures:
            raise make(dst)
        real(src, dst)

    monkeypatch.setattr(home_mod.os, "replace", replace)
    return tries


def test_a_replace_held_open_twice_is_tried_again_and_succeeds(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, sleeps: list[float]) -> None:
    target = tmp_path / "home" / "profile.toml"
    atomic_write(target, b"old\n")
    tries = flaky_replace(monkeypatch, failures=2)
    atomic_write(target, b"new\n")
    assert target.read_bytes() == b"new\n"
    assert len(tries) == 3
    assert sleeps == list(REPLACE_DELAYS[:2])
    assert sorted(p.name for p in target.parent.iterdir()) == ["profile.toml"]  # no temp left


def test_a_file_held_open_for_good_fails_clearly_and_keeps_the_old_one(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, sleeps: list[float]) -> None:
    target = tmp_path / "home" / "profile.toml"
    atomic_write(target, b"old\n")
    tries = flaky_replace(monkeypatch, failures=1000)
    with pytest.raises(DataError) as caught:
        atomic_write(target, b"new\n")
    assert str(target) in caught.value.message
    assert target.read_bytes() == b"old\n"
    assert len(tries) == len(REPLACE_DELAYS) + 1
    assert 0.5 <= sum(sleeps) <= 1.5  # about a second, then the user hears of it
    assert sorted(p.name for p in target.parent.iterdir()) == ["profile.toml"]


def test_a_permission_error_that_is_not_a_hold_is_not_retried(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, sleeps: list[float]) -> None:
    target = tmp_path / "home" / "profile.toml"
    flaky_replace(monkeypatch, failures=1000,
                  make=lambda dst: PermissionError(13, "Permission denied", str(dst)))
    with pytest.raises(DataError):
        atomic_write(target, b"new\n")
    assert sleeps == []


def test_profile_set_saves_through_a_brief_hold(cli, terminal, home: Path,
                                                monkeypatch: pytest.MonkeyPatch,
                                                sleeps: list[float]) -> None:
    tries = flaky_replace(monkeypatch, failures=2)
    r = cli("profile", "set", "location", "front desk")
    assert r.exit_code == 0, r.output
    assert 'location = "front desk"' in (home / "profile.toml").read_text()
    assert len(sleeps) == 2 and len(tries) >= 3


# ------------------------------------------------------------ display language


@pytest.mark.parametrize(("langid", "lang"), [
    (0x0804, "zh"),  # Chinese (Simplified, China)
    (0x0404, "zh"),  # Chinese (Traditional, Taiwan)
    (0x0C04, "zh"),  # Chinese (Hong Kong)
    (0x1004, "zh"),  # Chinese (Singapore)
    (0x0409, "en"),  # English (United States)
    (0x0411, "en"),  # Japanese: not Chinese, so English
    (None, "en"),    # not Windows
])
def test_the_windows_display_language_decides_when_no_locale_variable_is_set(
        langid: int | None, lang: str) -> None:
    assert detect_lang({}, ui_language=lambda: langid) == lang


def test_a_locale_variable_or_posguide_lang_wins_over_the_windows_language() -> None:
    def not_asked() -> int:
        raise AssertionError("the Windows API is asked only when nothing else says")

    assert detect_lang({"LANG": "en_US.UTF-8"}, ui_language=not_asked) == "en"
    assert detect_lang({"POSGUIDE_LANG": "en"}, ui_language=not_asked) == "en"
    assert detect_lang({"LANG": "zh_CN.UTF-8"}, ui_language=not_asked) == "zh"


def test_the_windows_api_is_asked_only_on_windows() -> None:
    if os.name == "nt":
        assert isinstance(windows_ui_language(), int)
        return
    assert windows_ui_language() is None
    # Elsewhere not even ctypes is imported for it (start-up time).
    code = ("import sys; from posguide.i18n import detect_lang; "
            "print(detect_lang({}), 'ctypes' in sys.modules)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       timeout=60, check=True)
    assert r.stdout.split() == ["en", "False"]


def test_a_chinese_windows_gets_chinese(cli, terminal,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import posguide.i18n

    monkeypatch.delenv("POSGUIDE_LANG")
    for var in ("LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(posguide.i18n, "windows_ui_language", lambda: 0x0804)
    r = cli("profile", "show")
    assert r.exit_code == 0
    assert "品牌" in r.out  # the field names in Chinese
    monkeypatch.setattr(posguide.i18n, "windows_ui_language", lambda: 0x0409)
    assert "品牌" not in cli("profile", "show").out


# -------------------------------------------------- consoles that are not UTF-8


@pytest.mark.parametrize("encoding", ["gbk", "cp936"])
def test_export_and_import_round_trip_through_a_cp936_pipe(
        chinese_terminal, home: Path, tmp_path: Path, encoding: str) -> None:
    exported = posguide("terminal", "export", encoding=encoding)
    assert exported.returncode == 0, exported.stderr
    text = exported.stdout.decode("utf-8")  # UTF-8 whatever the console says
    assert NAME in text and PLACE in text
    assert "\r\r\n" not in text and text.count("\r\n") == 2  # header and one row
    other = tmp_path / "other-home"
    imported = posguide("terminal", "import", "-", encoding=encoding, input=exported.stdout,
                        env={"POSGUIDE_HOME": str(other)})
    assert imported.returncode == 0, imported.stderr.decode(encoding, "replace")
    again = posguide("terminal", "export", encoding=encoding,
                     env={"POSGUIDE_HOME": str(other)})
    assert again.stdout == exported.stdout


@pytest.mark.parametrize("encoding", ["gbk", "ascii"])
def test_profile_show_json_with_an_emoji_on_a_narrow_console(chinese_terminal,
                                                              encoding: str) -> None:
    r = posguide("profile", "show", "--json", encoding=encoding)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout.decode("utf-8"))
    assert data["name"] == NAME and data["location"] == PLACE


@pytest.mark.parametrize("encoding", ["gbk", "ascii"])
def test_people_output_never_crashes_on_the_console_encoding(chinese_terminal,
                                                             encoding: str) -> None:
    """The emoji (and under ascii, every Chinese character) becomes "?"."""
    for args in (["--lang", "zh", "status"], ["--lang", "zh", "profile", "show"],
                 ["--lang", "zh", "terminal", "list"], ["--lang", "en", "status"]):
        r = posguide(*args, encoding=encoding)
        assert r.returncode in (0, 1), (args, r.stderr.decode(encoding, "replace"))
        out = r.stdout.decode(encoding)  # what the console expects: no UTF-8 slipped in
        assert ("?" if encoding == "ascii" else NAME) in out


def test_gbk_keeps_the_chinese_and_replaces_only_the_emoji(chinese_terminal) -> None:
    r = posguide("--lang", "zh", "profile", "show", encoding="gbk")
    assert r.returncode == 0
    out = r.stdout.decode("gbk")
    assert NAME in out and "收银台左边 ??" in out
    # The emoji's two columns are kept as "??": the table's last column stays in line.
    rows = {key: line for line in out.splitlines() for key in ("brand", "location")
            if line.rstrip().endswith(key)}
    starts = {key: columns(line[:line.index(key)]) for key, line in rows.items()}
    assert starts["brand"] == starts["location"], rows


def columns(text: str) -> int:
    """How many columns a terminal gives `text` (CJK characters take two)."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def test_record_under_ascii_saves_and_says_so(chinese_terminal, home: Path) -> None:
    r = posguide("--lang", "zh", "record", "maintenance", "--note", "清洁 😀", encoding="ascii")
    assert r.returncode == 0, r.stderr
    assert b"?" in r.stdout
    history = posguide("history", "--json", encoding="ascii")
    events = json.loads(history.stdout.decode("utf-8"))["events"]
    assert [e["note"] for e in events if e["kind"] == "maintenance"] == ["清洁 😀"]


def test_history_csv_and_checklist_markdown_are_utf8_on_a_gbk_console(
        chinese_terminal) -> None:
    assert posguide("record", "maintenance", "--note", "擦屏 😀", encoding="gbk").returncode == 0
    csv = posguide("history", "--csv", encoding="gbk")
    assert csv.returncode == 0
    text = csv.stdout.decode("utf-8")
    assert "擦屏 😀" in text and NAME in text
    assert text.endswith("\r\n") and "\r\r\n" not in text
    md = posguide("--lang", "zh", "checklist", "maintenance", "--print", encoding="gbk")
    assert md.returncode == 0
    assert md.stdout.decode("utf-8").startswith("# ")


def test_tolerate_console_encoding(monkeypatch: pytest.MonkeyPatch) -> None:
    narrow = io.TextIOWrapper(io.BytesIO(), encoding="gbk")
    wide = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    monkeypatch.setattr(sys, "stdout", narrow)
    monkeypatch.setattr(sys, "stderr", wide)
    tolerate_console_encoding()
    assert narrow.errors != "strict" and wide.errors == "strict"
    # A "?" for every column: the emoji takes two, the combining accent none.
    narrow.write("门店 😀 e\u0301 ✓|")
    narrow.flush()
    assert narrow.buffer.getvalue().decode("gbk") == "门店 ?? e ?|"  # type: ignore[attr-defined]


# --------------------------------------------- a bug after a save says so


def test_a_bug_after_saving_does_not_claim_nothing_changed(
        cli, terminal, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from posguide.cli import record_cmd

    def broken_say(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the console broke")

    monkeypatch.setattr(record_cmd, "say", broken_say)
    r = cli("record", "maintenance")
    assert r.exit_code == 70
    assert "unchanged" not in r.err and "saved before the problem is kept" in r.err
    from conftest import recorded

    assert [e.kind for e in recorded(home)] == ["maintenance"]


def test_a_bug_before_any_save_says_the_data_is_unchanged(
        cli, terminal, monkeypatch: pytest.MonkeyPatch) -> None:
    import posguide.records

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("broken before saving")

    monkeypatch.setattr(posguide.records, "record", broken)
    r = cli("record", "maintenance")
    assert r.exit_code == 70 and "unchanged" in r.err


# --------------------------------------------------------------- %EDITOR%

NPP = r'"C:\Program Files\Notepad++\notepad++.exe" -multiInst -nosession'


@pytest.mark.parametrize(("value", "words"), [
    (NPP, [r"C:\Program Files\Notepad++\notepad++.exe", "-multiInst", "-nosession"]),
    (r"C:\Windows\System32\notepad.exe", [r"C:\Windows\System32\notepad.exe"]),
    (r"C:\Users\O'Brien\bin\ed.exe -n", [r"C:\Users\O'Brien\bin\ed.exe", "-n"]),
    ('"C:\\Program Files\\Microsoft VS Code\\bin\\code.cmd" --wait',
     [r"C:\Program Files\Microsoft VS Code\bin\code.cmd", "--wait"]),
    ("code  --wait\t--new-window", ["code", "--wait", "--new-window"]),
    (r'ed "a\"b" c\\"d e"', ["ed", 'a"b', r"c\d e"]),  # Windows' backslash-quote rules
    ('""', [""]),  # one empty word, as Windows reads it: no program
])
def test_editor_split_the_windows_way(value: str, words: list[str]) -> None:
    assert editor_command(value, posix=False) == words
    assert split_windows(value) == words


def test_editor_split_the_posix_way() -> None:
    assert editor_command("vim -u 'my rc'", posix=True) == ["vim", "-u", "my rc"]


def test_notepad_is_the_fallback_on_windows_only(monkeypatch: pytest.MonkeyPatch) -> None:
    assert profile_cmd.default_editor() == ("notepad" if os.name == "nt" else "vi")
    monkeypatch.setattr(profile_cmd.os, "name", "nt")
    assert profile_cmd.default_editor() == "notepad"


@pytest.fixture
def spaced_editor(tmp_path: Path) -> Path:
    """An editor program in a folder with spaces, as under C:\\Program Files."""
    folder = tmp_path / "Program Files" / "My Editor"
    folder.mkdir(parents=True)
    script = folder / "edit it.py"
    script.write_text(f"#!{sys.executable}\nimport sys\nfrom pathlib import Path\n"
                      "assert sys.argv[1] == '--wait'\np = Path(sys.argv[-1])\n"
                      "p.write_text(p.read_text().replace('Lakala', 'Lakala POS'))\n")
    script.chmod(0o755)
    return script


def test_profile_edit_with_a_quoted_editor_path_with_spaces(cli, terminal, home: Path,
                                                            spaced_editor: Path) -> None:
    r = cli("profile", "edit", env={"VISUAL": None, "EDITOR": f'"{spaced_editor}" --wait'})
    assert r.exit_code == 0, r.output
    assert "Lakala POS" in (home / "profile.toml").read_text()


def test_profile_edit_with_an_unquoted_editor_path_with_spaces(cli, terminal, home: Path,
                                                               tmp_path: Path) -> None:
    folder = tmp_path / "Program Files"
    folder.mkdir()
    script = folder / "my editor"
    script.write_text(f"#!{sys.executable}\nimport sys\nfrom pathlib import Path\n"
                      "p = Path(sys.argv[-1])\n"
                      "p.write_text(p.read_text().replace('Lakala', 'Lakala N5'))\n")
    script.chmod(0o755)
    r = cli("profile", "edit", env={"VISUAL": None, "EDITOR": str(script)})
    assert r.exit_code == 0, r.output
    assert "Lakala N5" in (home / "profile.toml").read_text()


def test_an_editor_of_only_quotes_does_not_run_the_profile(cli, terminal, home: Path,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    ran: list[list[str]] = []

    def call(argv: list[str]) -> int:
        ran.append(argv)
        return 0

    monkeypatch.setattr(profile_cmd.subprocess, "call", call)
    r = cli("profile", "edit", env={"VISUAL": None, "EDITOR": '""'})
    assert r.exit_code == 0, r.output
    assert ran[0][0] == profile_cmd.default_editor()


def test_an_editor_with_an_unclosed_quote_is_a_clear_usage_error(cli, terminal) -> None:
    r = cli("profile", "edit", env={"VISUAL": None, "EDITOR": "'vim"})
    assert r.exit_code == 2 and "$EDITOR" in r.err
