"""Security promises (DESIGN 2 and 7) as facts:

- the home is 0700 and every file in it 0600 after every command, whatever the
  umask;
- a file written where the user asks leaves that folder's permissions alone;
- terminal and checklist names cannot point outside the home;
- values full of TOML syntax are stored as data and read back exactly;
- a custom checklist is data: its text is shown, never run or interpreted;
- after a long session that tries to slip card numbers and secrets in
  everywhere, no file holds a card number, a PIN, a CVV or a password.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import TODAY, Cli
from posguide.validate import contains_card_number, luhn_check_digit

ENV: dict[str, str | None] = {"POSGUIDE_TODAY": TODAY}
CARD = "6222 0212 3456 7890 12" + luhn_check_digit("622202123456789012")
CARD_PLAIN = CARD.replace(" ", "")
# "PIN: 1234", "CVV=123", "password: hunter2", "密码：888888" and the like.
SECRET_VALUE = re.compile(
    r"(?i)\b(pin|cvv2?|cvc2?|cvn2?|password|passwd|pwd)\b\s*[:=：]\s*\S"
    r"|(密码|口令|安全码)\s*[:=：是为]\s*\S"
)


def has_command(*path: str) -> bool:
    from posguide.cli import build_command

    command = build_command()
    for name in path:
        commands = getattr(command, "commands", {})
        if name not in commands:
            return False
        command = commands[name]
    return True


def walk(root: Path) -> Iterator[Path]:
    yield root
    yield from root.rglob("*")


def bad_modes(root: Path) -> list[str]:
    wrong = []
    for path in walk(root):
        mode = path.stat().st_mode & 0o777
        want = 0o700 if path.is_dir() else 0o600
        if mode != want:
            wrong.append(f"{oct(mode)} {path.relative_to(root.parent)}")
    return wrong


@pytest.fixture
def open_umask() -> Iterator[None]:
    """umask 0: a file posguide forgets to protect would come out 0666."""
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


# ------------------------------------------------------------------ the session


def session(outside: Path) -> list[tuple[tuple[str, ...], str | None, tuple[int, ...]]]:
    """(args, piped input, accepted exit codes) for every command there is,
    with card numbers and secrets offered wherever text goes in."""
    fleet_csv = outside / "in.csv"
    fleet_csv.write_text(
        "name,purchased,location,sim.plan\n"
        "shop3,2025-02-01,Back door,Data 10G\n", encoding="utf-8")
    card_csv = outside / "card.csv"
    card_csv.write_text(f"name,purchased,location\nshop4,2025-02-01,{CARD}\n", encoding="utf-8")
    steps: list[tuple[tuple[str, ...], str | None, tuple[int, ...]]] = [
        (("init", "--no-input", "--purchased", "2024-03-01", "--activated", "2024-03-05",
          "--brand", "Lakala", "--serial", "N5-0012345", "--support-phone", "95016",
          "--sim-iccid", "89860012345678901238", "--sim-expires", "2026-12-05",
          "--sim-carrier", "China Mobile", "--fee-rate", "0.60", "--location", "东门 店"),
         None, (0,)),
        (("init", "--no-input", "--name", "店二", "--purchased", "2025-01-02"), None, (0,)),
        # Card numbers and secrets, offered everywhere text goes in: all refused.
        (("init", "--no-input", "--name", CARD_PLAIN, "--purchased", "2025-01-02"), None, (2,)),
        (("init", "--no-input", "--name", "x1", "--purchased", "2025-01-02", "--model", CARD),
         None, (2,)),
        (("profile", "set", "location", f"card {CARD}"), None, (2,)),
        (("profile", "set", "sim.plan", CARD_PLAIN), None, (2,)),
        (("profile", "set", "serial", CARD.replace(" ", "-")), None, (2,)),
        (("record", "maintenance", "--note", f"paid with {CARD}"), None, (2,)),
        (("record", "password-change", "--note", "new password: hunter2"), None, (2,)),
        (("record", "password-change", "--note", "PIN 1234 set"), None, (2,)),
        (("record", "password-change", "--note", "管理员密码：888888"), None, (2,)),
        (("record", "inspection", "--note", "CVV=123 on the back"), None, (2,)),
        (("terminal", "import", str(card_csv)), None, (2,)),
        (("fee", "check", "--amount", CARD_PLAIN, "--settled", "1"), None, (2,)),
        # Ordinary use.
        (("profile", "set", "location", 'Shop "A" [back] # room'), None, (0,)),
        (("profile", "unset", "brand"), None, (0,)),
        (("terminal", "use", "店二"), None, (0,)),
        (("terminal", "use", "main"), None, (0,)),
        (("terminal", "list", "--json"), None, (0,)),
        (("profile", "show", "--json"), None, (0,)),
        (("profile", "path",), None, (0,)),
        (("record", "maintenance", "--note", "cleaned the reader"), None, (0,)),
        (("record", "password-change", "--note", "changed the admin password"), None, (0,)),
        (("record", "transaction", "--date", "2026-11-20"), None, (0,)),
        (("record", "sim-renewal", "--expires", "+1y"), None, (0,)),
        (("-t", "店二", "record", "inspection"), None, (0,)),
        (("status",), None, (0, 1)),
        (("status", "--all", "--json"), None, (0, 1)),
        (("status", "--check"), None, (0, 1)),
        (("history",), None, (0,)),
        (("history", "--json", "--all"), None, (0,)),
        (("history", "--csv"), None, (0,)),
        (("remind", "--ics", str(outside / "due.ics")), None, (0,)),
        (("fee", "check", "--amount", "1000", "--settled", "994", "--rate", "0.6"), None, (0,)),
        (("terminal", "export", str(outside / "fleet.csv")), None, (0,)),
        (("terminal", "import", str(fleet_csv)), None, (0,)),
        (("checklist",), None, (0,)),
    ]
    # At each step: a card number as the answer, then as the reason for a
    # skip, then secrets as reasons (each refused and the step asked again).
    answers = "\n".join([CARD, "s", f"reason {CARD}", "s", "PIN: 4321", "s",
                         "密码：888888", "y"] * 40) + "\n"
    if has_command("checklist"):
        steps += [
            (("checklist", "maintenance"), "\n".join(["y"] * 80) + "\n", (0,)),
            (("checklist", "security"), answers, (0, 1)),
            (("checklist", "activation"), answers, (0, 1)),
            (("checklist", "legit-check"), answers, (0, 1)),
        ]
    if has_command("sim-swap"):
        steps += [(("sim-swap",), answers, (0, 1))]
    steps += [
        (("terminal", "remove", "shop3", "--yes"), None, (0,)),
    ]
    return steps


def test_a_long_session_keeps_the_home_private_and_free_of_secrets(
        cli: Cli, home: Path, tmp_path: Path, open_umask: None) -> None:
    outside = tmp_path / "desk"
    outside.mkdir(mode=0o755)
    outside.chmod(0o755)
    for args, piped, codes in session(outside):
        r = cli(*args, input=piped, env=ENV)
        assert r.exit_code in codes, (args, r.exit_code, r.output[-800:])
        assert "Traceback" not in r.output and "unexpected problem" not in r.output, args
        assert bad_modes(home) == [], (args, bad_modes(home))
        assert outside.stat().st_mode & 0o777 == 0o755, args  # the user's folder

    # Every file posguide wrote, in the home and where the user asked.
    written = [p for p in walk(home) if p.is_file()]
    written += [outside / "due.ics", outside / "fleet.csv"]
    assert {p.name for p in written} >= {"profile.toml", "posguide.db"}
    for path in written:
        text = path.read_bytes().decode("utf-8", "replace")
        assert not contains_card_number(text), (path, text)
        assert CARD_PLAIN[-8:] not in text.replace(" ", "").replace("-", ""), path
        assert not SECRET_VALUE.search(text), (path, SECRET_VALUE.search(text))
        for word in ("hunter2", "888888", "4321"):
            assert word not in text, (path, word)


# ------------------------------------------------------------------ the user's folders


def test_files_written_where_the_user_asks_leave_that_folder_alone(
        cli: Cli, terminal: object, tmp_path: Path) -> None:
    desk = tmp_path / "Desktop"
    desk.mkdir()
    desk.chmod(0o755)
    assert cli("remind", "--ics", str(desk / "due.ics"), env=ENV).exit_code == 0
    assert cli("terminal", "export", str(desk / "fleet.csv"), env=ENV).exit_code == 0
    assert desk.stat().st_mode & 0o777 == 0o755
    assert (desk / "due.ics").stat().st_mode & 0o777 == 0o600
    assert (desk / "fleet.csv").stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in desk.iterdir()) == ["due.ics", "fleet.csv"]


# ------------------------------------------------------------------ names


ESCAPES = ["../x", "/abs", "..", ".", "a/b", "a\\b", "~", "../../etc", "x/../../y", "-x/..",
           "main/../..", "%2e%2e", "\u2215x", "x\u0000y", " ../x "]


def test_terminal_names_cannot_escape_the_home(cli: Cli, terminal: object, home: Path,
                                                tmp_path: Path) -> None:
    before_tree = sorted(str(p) for p in tmp_path.rglob("*"))
    profile_before = (home / "profile.toml").read_bytes()
    for name in ESCAPES:
        attempts = [
            ("init", "--no-input", "--name", name, "--purchased", "2025-01-02"),
            ("terminal", "use", name),
            ("terminal", "remove", name, "--yes"),
            ("-t", name, "record", "maintenance"),
            ("-t", name, "profile", "set", "location", "x"),
            ("-t", name, "status"),
        ]
        if has_command("checklist"):
            attempts.append(("-t", name, "checklist", "maintenance"))
        for args in attempts:
            r = cli(*args, input="y\n" * 5, env=ENV)
            assert r.exit_code == 2, (args, r.exit_code, r.output)
            assert "Traceback" not in r.output
        csv_file = tmp_path / "names.csv"
        csv_file.write_text(f'name,purchased\n"{name}",2025-01-02\n', encoding="utf-8")
        r = cli("terminal", "import", str(csv_file), env=ENV)
        assert r.exit_code == 2, (name, r.output)
        csv_file.unlink()
    assert (home / "profile.toml").read_bytes() == profile_before
    assert sorted(str(p) for p in tmp_path.rglob("*")) == before_tree


@pytest.mark.skipif(not has_command("checklist"), reason="checklists not built yet")
@pytest.mark.parametrize("name", ["../x", "/etc/passwd", "..", "./maintenance",
                                  "../../home/profile", "x\\..\\y", ".hidden"])
def test_checklist_names_cannot_reach_outside_the_checklists_folder(
        cli: Cli, terminal: object, home: Path, tmp_path: Path, name: str) -> None:
    # A valid checklist file placed where a "../" name would reach it.
    bait = tmp_path / "x.toml"
    bait.write_text('id = "x"\nmode = "read-do"\ntitle = { en = "Bait", zh = "诱饵" }\n'
                    '[[sections]]\nid = "s"\ntitle = { en = "S", zh = "S" }\n'
                    '[[sections.steps]]\nid = "a"\nkind = "note"\n'
                    'action = { en = "Bait step", zh = "诱饵" }\n', encoding="utf-8")
    (home / "checklists").mkdir(mode=0o700)
    r = cli("checklist", name, input="\n" * 5, env=ENV)
    assert r.exit_code == 2, r.output
    assert "Bait" not in r.output and "Traceback" not in r.output


# ------------------------------------------------------------------ TOML syntax as data

TOML_HOSTILE = [
    'a "quoted" word',
    "single ' quote",
    "]",
    "[terminals.evil]",
    "x = 1",
    "# not a comment",
    "back\\slash \\n \\u0041",
    '""" triple',
    "''' triple",
    "a = { b = 1 }",
    "[[terminals]]",
    "tab\there",
    "店 \"二\" ] [",
    "=+-@ formula",
    "\u2028line separator",
    "\U0001F600 emoji",
]


@pytest.mark.parametrize("value", TOML_HOSTILE)
def test_values_with_toml_syntax_round_trip_as_data(cli: Cli, terminal: object, home: Path,
                                                    value: str) -> None:
    for key in ("location", "sim.plan"):
        r = cli("profile", "set", key, value, env=ENV)
        assert r.exit_code == 0, (value, r.output)
    shown = json.loads(cli("profile", "show", "--json").stdout)
    assert shown["location"] == value.strip() and shown["sim"]["plan"] == value.strip()
    data = tomllib.loads((home / "profile.toml").read_text(encoding="utf-8"))
    assert list(data["terminals"]) == ["main"]  # nothing injected
    assert set(data) <= {"schema", "default", "policy", "terminals"}
    # And through a CSV export and import, the other way data comes in.
    exported = cli("terminal", "export").stdout
    assert cli("terminal", "remove", "main", "--yes").exit_code == 0
    (home / "in.csv").write_text(exported, encoding="utf-8")
    assert cli("terminal", "import", str(home / "in.csv"), env=ENV).exit_code == 0
    again = json.loads(cli("profile", "show", "--json").stdout)
    assert again == shown


@pytest.mark.parametrize("value", ["a\u0000b", "line\nbreak", "bell\u0007", "esc\u001b[31m",
                                   "del\u007f", "cr\rhere"])
def test_control_characters_are_refused(cli: Cli, terminal: object, home: Path,
                                        value: str) -> None:
    before = (home / "profile.toml").read_bytes()
    r = cli("profile", "set", "location", value, env=ENV)
    assert r.exit_code == 2, r.output
    assert "location" in r.err
    assert (home / "profile.toml").read_bytes() == before


# ------------------------------------------------------------------ custom checklists are data

DATA_ONLY = '''\
id = "shady"
mode = "read-do"
title = { en = "Shady [bold red]list[/] {0.__class__}", zh = "可疑 [link=file:///etc]清单[/link]" }
intro = { en = "__import__('os').system('touch {marker}')", zh = "$(touch {marker})" }

[[sections]]
id = "s1"
title = { en = "{field} {{x}} %s", zh = "{field}" }

[[sections.steps]]
id = "one"
kind = "do"
action = { en = "Press [b]OK[/b] then `rm -rf /` {t}", zh = "按 [b]确定[/b] {t}" }
why = { en = "eval(1+1) ${HOME}", zh = "eval(1+1)" }
'''


@pytest.mark.skipif(not has_command("checklist"), reason="checklists not built yet")
def test_a_custom_checklist_is_shown_as_text_never_run(cli: Cli, terminal: object, home: Path,
                                                       tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    folder = home / "checklists"
    folder.mkdir(mode=0o700)
    (folder / "shady.toml").write_text(DATA_ONLY.replace("{marker}", str(marker)),
                                       encoding="utf-8")
    (folder / "shady.toml").chmod(0o600)

    printed = cli("checklist", "shady", "--print", env=ENV)
    assert printed.exit_code == 0, printed.output
    ran = cli("checklist", "shady", input="?\ny\n", env=ENV)
    assert ran.exit_code == 0, ran.output
    for out in (printed.stdout, ran.stdout):
        assert "[bold red]list[/]" in out  # rich markup shown, not applied
        assert "{0.__class__}" in out  # no str.format on file text
        assert "Press [b]OK[/b]" in out
    assert "eval(1+1) ${HOME}" in ran.stdout  # the `?` answer shows `why` as written
    assert not marker.exists()


@pytest.mark.skipif(not has_command("checklist"), reason="checklists not built yet")
@pytest.mark.parametrize("extra", ['exec = "print(1)"', 'python = "import os"',
                                   'hook = { en = "a", zh = "b" }'])
def test_a_custom_checklist_with_unknown_keys_is_refused(cli: Cli, terminal: object,
                                                         home: Path, extra: str) -> None:
    folder = home / "checklists"
    folder.mkdir(mode=0o700)
    (folder / "hooked.toml").write_text(
        f'id = "hooked"\nmode = "read-do"\n{extra}\ntitle = {{ en = "H", zh = "H" }}\n'
        '[[sections]]\nid = "s"\ntitle = { en = "S", zh = "S" }\n'
        '[[sections.steps]]\nid = "a"\nkind = "note"\naction = { en = "A", zh = "A" }\n',
        encoding="utf-8")
    r = cli("checklist", "hooked", input="\n", env=ENV)
    assert r.exit_code == 3, r.output
    assert "hooked.toml" in r.err and extra.split()[0] in r.err
