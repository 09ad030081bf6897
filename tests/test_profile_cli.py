"""init, terminal and profile commands through the real CLI, with real files."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from conftest import TODAY, files_in


def test_empty_home_welcomes_without_traceback(cli, home: Path) -> None:
    r = cli()
    assert r.exit_code == 0
    assert "posguide init" in r.out and "posguide status --demo" in r.out
    r = cli(env={"POSGUIDE_LANG": "zh"})
    assert "欢迎使用" in r.out and "posguide init" in r.out
    r = cli("profile", "show")
    assert r.exit_code == 2
    assert "posguide init" in r.err and "Traceback" not in r.output
    assert not home.exists() or not (home / "profile.toml").exists()


def test_init_no_input_saves_and_shows(cli, terminal, home: Path) -> None:
    r = cli("profile", "show", "--json")
    assert r.exit_code == 0
    data = json.loads(r.stdout)
    assert data["name"] == "main"
    assert data["purchased"] == "2024-03-01"
    assert data["fee_rate"] == "0.60"
    assert data["sim"] == {"carrier": "China Mobile", "iccid": "89860012345678901238",
                           "expires": "2026-12-05", "plan": None}
    profile = home / "profile.toml"
    assert stat.S_IMODE(profile.stat().st_mode) == 0o600
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert "schema = 1" in profile.read_text()
    assert "purchased = 2024-03-01\n" in profile.read_text()  # a native TOML date


def test_init_no_input_lists_what_is_missing(cli, home: Path) -> None:
    r = cli("init", "--no-input")
    assert r.exit_code == 2
    assert "--purchased" in r.err
    assert not (home / "profile.toml").exists()


@pytest.mark.parametrize(("args", "says"), [
    (["--purchased", "2024-02-30"], "not a real calendar date"),
    (["--purchased", "2024-03-01", "--activated", "2024-02-01"], "before purchased"),
    (["--purchased", "2099-01-01"], "in the future"),
    (["--purchased", "2024-03-01", "--brand", "4111 1111 1111 1111"], "card number"),
    (["--purchased", "2024-03-01", "--support-phone", "13812345678"], "--force"),
    (["--purchased", "2024-03-01", "--sim-iccid", "89860012345678901239"], "check digit"),
    (["--purchased", "2024-03-01", "--merchant-no", "123"], "a merchant number has 15"),
    (["--purchased", "2024-03-01", "--fee-rate", "6"], "at most 5"),
    (["--purchased", "2024-03-01", "--name", "my shop"], "1-32"),
])
def test_init_refuses_bad_values(cli, home: Path, args: list[str], says: str) -> None:
    r = cli("init", "--no-input", *args, env={"POSGUIDE_TODAY": TODAY})
    assert r.exit_code == 2, r.output
    assert says in r.err
    assert "Traceback" not in r.output
    assert not (home / "profile.toml").exists()


def test_init_force_accepts_confirmable_values(cli) -> None:
    r = cli("init", "--no-input", "--purchased", "2024-03-01", "--support-phone", "13812345678",
            "--force")
    assert r.exit_code == 0, r.output
    assert json.loads(cli("profile", "show", "--json").stdout)["support_phone"] == "13812345678"


def test_init_refuses_duplicate_name(cli, terminal) -> None:
    r = cli("init", "--no-input", "--purchased", "2024-03-01")
    assert r.exit_code == 2
    assert "already exists" in r.err


def test_profile_set_and_unset(cli, terminal, home: Path) -> None:
    r = cli("profile", "set", "sim.expires", "2027-01-31")
    assert r.exit_code == 0, r.output
    assert "2026-12-05" in r.out and "2027-01-31" in r.out
    assert json.loads(cli("profile", "show", "--json").stdout)["sim"]["expires"] == "2027-01-31"
    assert (home / "profile.toml.bak").exists()
    assert "2026-12-05" in (home / "profile.toml.bak").read_text()
    r = cli("profile", "unset", "sim.plan")
    assert r.exit_code == 0
    r = cli("profile", "unset", "purchased")
    assert r.exit_code == 2
    r = cli("profile", "set", "colour", "red")
    assert r.exit_code == 2 and "sim.expires" in r.err  # lists the keys


def test_profile_set_relative_date(cli, terminal) -> None:
    r = cli("profile", "set", "sim.expires", "+6m", env={"POSGUIDE_TODAY": TODAY})
    assert r.exit_code == 0
    assert json.loads(cli("profile", "show", "--json").stdout)["sim"]["expires"] == "2027-05-23"


def test_profile_set_bad_values_change_nothing(cli, terminal, home: Path) -> None:
    before = files_in(home)
    for key, value in [("sim.expires", "2027-02-31"), ("note", "x"), ("brand", "4111111111111111"),
                       ("activated", "2020-01-01"), ("support_phone", "13812345678")]:
        r = cli("profile", "set", key, value)
        assert r.exit_code == 2, (key, r.output)
        assert "Traceback" not in r.output
    assert files_in(home) == before


def test_profile_path(cli, home: Path) -> None:
    assert cli("profile", "path").stdout.strip() == str(home)
    other = home.parent / "其他 目录"
    assert cli("--home", str(other), "profile", "path").stdout.strip() == str(other)
    # global options work after the command too
    assert cli("profile", "path", "--home", str(other)).stdout.strip() == str(other)


def test_broken_profile_exit_3_and_untouched(cli, terminal, home: Path) -> None:
    profile = home / "profile.toml"
    r = cli("profile", "show")
    profile.write_bytes(profile.read_bytes().replace(b"schema = 1", b"schema = = 1"))
    r = cli("profile", "show")
    assert r.exit_code == 3 and "profile.toml.bak" not in r.err  # there is no backup yet
    profile.write_bytes(profile.read_bytes().replace(b"schema = = 1", b"schema = 1"))
    assert cli("profile", "set", "brand", "Y").exit_code == 0  # now the old file is the .bak
    broken = profile.read_bytes().replace(b"schema = 1", b"schema = = 1")
    profile.write_bytes(broken)
    for args in (["profile", "show"], ["profile", "set", "brand", "X"], ["terminal", "list"],
                 ["init", "--no-input", "--name", "two", "--purchased", "2024-01-01"]):
        r = cli(*args)
        assert r.exit_code == 3, (args, r.output)
        assert str(profile) in r.err
        assert "line" in r.err
        assert "profile.toml.bak" in r.err
        assert profile.read_bytes() == broken


@pytest.mark.parametrize(("old", "new", "says"), [
    (b"schema = 1", b"schema = 9", "schema"),
    (b"purchased = 2024-03-01", b"purchased = 2024-03-01\ncolour = 1", "colour"),
    (b"purchased = 2024-03-01", b'purchased = "March"', "purchased"),
    (b'support_phone = "95016"', b'support_phone = "hello"', "support_phone"),
    (b'brand = "Lakala"', b'brand = "4111 1111 1111 1111"', "card number"),
])
def test_invalid_values_in_file_exit_3(cli, terminal, home: Path, old, new, says) -> None:
    profile = home / "profile.toml"
    profile.write_bytes(profile.read_bytes().replace(old, new))
    r = cli("profile", "show")
    assert r.exit_code == 3
    assert says in r.err
    if old != b"schema = 1":
        assert "line" in r.err  # the line of the bad value is named


def test_terminal_list_use_remove(cli, terminal) -> None:
    r = cli("init", "--no-input", "--name", "店铺2", "--purchased", "2025-01-01")
    assert r.exit_code == 0
    r = cli("terminal", "list")
    assert "main *" in r.out and "店铺2" in r.out
    assert cli("terminal", "use", "店铺2").exit_code == 0
    assert json.loads(cli("profile", "show", "--json").stdout)["name"] == "店铺2"
    assert json.loads(cli("-t", "main", "profile", "show", "--json").stdout)["name"] == "main"
    r = cli("profile", "show", "--json", env={"POSGUIDE_TERMINAL": "main"})
    assert json.loads(r.stdout)["name"] == "main"
    r = cli("terminal", "remove", "店铺2")
    assert r.exit_code == 2 and "--yes" in r.err
    assert cli("terminal", "remove", "店铺2", "--yes").exit_code == 0
    assert json.loads(cli("profile", "show", "--json").stdout)["name"] == "main"
    r = cli("terminal", "use", "nope")
    assert r.exit_code == 2 and "main" in r.err


def test_lock_held_elsewhere_fails_with_exit_3(cli, terminal, home: Path) -> None:
    from filelock import FileLock

    with FileLock(str(home / ".lock")):
        r = cli("profile", "set", "brand", "X", env={"POSGUIDE_LOCK_TIMEOUT": "0.2"})
    assert r.exit_code == 3
    assert "Another posguide" in r.err


def test_version_and_bad_lang(cli) -> None:
    from posguide import __version__

    assert cli("--version").stdout.strip() == f"posguide {__version__}"
    r = cli("--lang", "fr", "profile", "path")
    assert r.exit_code == 2 and "zh or en" in r.err


def test_unknown_option_is_a_usage_error(cli) -> None:
    r = cli("profile", "show", "--bogus")
    assert r.exit_code == 2
    assert "--bogus" in r.err and "Traceback" not in r.output
    r = cli("--lang", "zh", "profile", "show", "--bogus")
    assert "错误" in r.err


def test_chinese_messages(cli, home: Path) -> None:
    r = cli("--lang", "zh", "init", "--no-input", "--purchased", "2024-02-30")
    assert r.exit_code == 2
    assert "日历上不存在" in r.err


def _editor(tmp_path: Path, python_code: str) -> str:
    """An $EDITOR that runs `python_code` on the file it is given."""
    import sys

    script = tmp_path / "editor.py"
    script.write_text("import sys\nfrom pathlib import Path\np = Path(sys.argv[1])\n" + python_code)
    return f"{sys.executable} {script}"


def test_profile_edit_saves_a_valid_edit_keeping_comments(cli, terminal, home, tmp_path) -> None:
    editor = _editor(tmp_path, "p.write_text(p.read_text().replace('brand = \"Lakala\"', "
                               "'brand = \"Lakala\"  # from the box'))")
    r = cli("profile", "edit", env={"EDITOR": editor})
    assert r.exit_code == 0, r.output
    assert "# from the box" in (home / "profile.toml").read_text()
    assert (home / "profile.toml.bak").exists()
    assert stat.S_IMODE((home / "profile.toml").stat().st_mode) == 0o600


def test_profile_edit_keeps_the_old_file_when_the_edit_is_invalid(cli, terminal, home,
                                                                   tmp_path) -> None:
    before = (home / "profile.toml").read_bytes()
    editor = _editor(tmp_path, "p.write_text(p.read_text().replace('purchased = 2024-03-01', "
                               "'purchased = 2024-02-30'))")
    r = cli("profile", "edit", env={"EDITOR": editor})
    assert r.exit_code == 3
    assert "kept" in r.err and "profile.toml.rejected" in r.err
    assert (home / "profile.toml").read_bytes() == before
    assert b"2024-02-30" in (home / "profile.toml.rejected").read_bytes()
    assert not list(home.glob("profile-*.toml"))  # the temp copy is cleaned up


def test_profile_edit_with_a_missing_editor(cli, terminal, home) -> None:
    before = (home / "profile.toml").read_bytes()
    r = cli("profile", "edit", env={"EDITOR": "/nonexistent/editor", "VISUAL": None})
    assert r.exit_code == 2 and "$EDITOR" in r.err
    assert (home / "profile.toml").read_bytes() == before


def test_hand_written_numbers_and_type_errors_read_well(cli, terminal, home) -> None:
    profile = home / "profile.toml"
    profile.write_text(profile.read_text().replace('fee_rate = "0.60"', "fee_rate = 0.6"))
    assert json.loads(cli("profile", "show", "--json").stdout)["fee_rate"] == "0.6"
    profile.write_text(profile.read_text().replace("fee_rate = 0.6", "fee_rate = 0.1234567"))
    assert cli("profile", "show").exit_code == 3  # too many places, as when typed
    profile.write_text(profile.read_text().replace("fee_rate = 0.1234567", 'fee_rate = "0.60"')
                       .replace("service_years = 3", 'service_years = "three"'))
    r = cli("profile", "show")
    assert r.exit_code == 3 and "expected a whole number" in r.err
    r = cli("--lang", "zh", "profile", "show")
    assert "应为整数" in r.err and " str" not in r.err and "int" not in r.err


def test_profile_edit_can_mend_a_broken_file(cli, terminal, home, tmp_path) -> None:
    profile = home / "profile.toml"
    profile.write_bytes(profile.read_bytes().replace(b"schema = 1", b"schema = = 1"))
    editor = _editor(tmp_path, "p.write_text(p.read_text().replace('schema = = 1', 'schema = 1'))")
    r = cli("profile", "edit", env={"EDITOR": editor})
    assert r.exit_code == 0, r.output
    assert "cannot be read at the moment" in r.out
    assert cli("profile", "show").exit_code == 0


def test_rejected_edit_does_not_advise_restoring_the_backup(cli, terminal, home, tmp_path) -> None:
    cli("profile", "set", "brand", "Y")  # a backup exists
    editor = _editor(tmp_path, "p.write_text(p.read_text() + 'colour = 1\\n')")
    r = cli("profile", "edit", env={"EDITOR": editor})
    assert r.exit_code == 3
    assert "Your edit was not saved" in r.err and "profile.toml is unchanged" in r.err
    assert "cp " not in r.err


def test_a_save_clears_temp_files_left_by_a_killed_writer(cli, terminal, home) -> None:
    stale = home / ".profile.toml.abc123.tmp"
    stale.write_text("half a profile")
    assert cli("profile", "set", "brand", "X").exit_code == 0
    assert not stale.exists()


def test_mending_a_broken_file_keeps_the_last_good_backup(cli, terminal, home, tmp_path) -> None:
    cli("profile", "set", "brand", "Y")
    good_backup = (home / "profile.toml.bak").read_bytes()
    profile = home / "profile.toml"
    profile.write_bytes(profile.read_bytes() + b"oops = \n")
    editor = _editor(tmp_path, "p.write_text(p.read_text().replace('oops = \\n', ''))")
    assert cli("profile", "edit", env={"EDITOR": editor}).exit_code == 0
    assert (home / "profile.toml.bak").read_bytes() == good_backup
