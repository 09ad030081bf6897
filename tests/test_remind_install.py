"""remind install/uninstall: the exact entry for each scheduler, and on Linux
only our own crontab line changed. `crontab` is a fake script on PATH that
keeps the table in a temp file: the real user crontab is never touched."""

from __future__ import annotations

import os
import plistlib
import subprocess
import sys
from pathlib import Path

import pytest

from posguide.schedule import tag_id

pytestmark = pytest.mark.skipif(os.name != "posix", reason="shell scripts stand in for tools")

OTHER = "# the user's own jobs\nMAILTO=me@example.com\n15 3 * * 0 /usr/bin/backup --all\n"


@pytest.fixture
def crontab(tmp_path: Path, monkeypatch) -> Path:
    """A fake `crontab` on PATH: `-l` prints the table, `-` replaces it."""
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    table = tmp_path / "crontab.txt"
    script = bin_ / "crontab"
    script.write_text(f"""#!/bin/sh
T="{table}"
case "$1" in
  -l) if [ -f "$T" ]; then cat "$T"; else echo "no crontab for $(id -un)" >&2; exit 1; fi ;;
  -) cat > "$T" ;;
  *) echo "unexpected: $*" >&2; exit 2 ;;
esac
""")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_}{os.pathsep}{os.environ['PATH']}")
    return table


DEAD_HOOK = "http://127.0.0.1:9/hook"  # nothing listens on the discard port


def ready(cli, *home: str) -> None:
    """A home a daily check can work in: a terminal, and a channel to tell."""
    args = ["--home", home[0]] if home else []
    assert cli(*args, "init", "--no-input", "--purchased", "2024-03-01").exit_code == 0
    assert cli(*args, "notify", "add", "webhook", DEAD_HOOK).exit_code == 0


def expected_exe() -> str:
    exe = Path(sys.executable).absolute().parent / "posguide"
    assert exe.is_file()  # the venv's console script
    return str(exe)


def test_dry_run_prints_the_exact_crontab_line_and_changes_nothing(cli, home, crontab) -> None:
    r = cli("remind", "install", "--dry-run", "--time", "08:30", "--scheduler", "cron")
    assert r.exit_code == 0, r.output
    line = (f"30 8 * * * {expected_exe()} --home {home} --lang en notify run > /dev/null "
            f"# posguide-remind:{tag_id(home)}")
    assert r.stdout == line + "\n"
    assert not crontab.exists()


def test_dry_run_prints_the_launchd_plist(cli, home, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    r = cli("--lang", "zh", "remind", "install", "--dry-run", "--time", "7:05",
            "--scheduler", "launchd")
    assert r.exit_code == 0, r.output
    path = tmp_path / "Library" / "LaunchAgents" / f"org.posguide.remind.{tag_id(home)}.plist"
    head, _, rest = r.stdout.partition("\n")
    assert head == f"# {path}"
    xml, _, commands = rest.partition("</plist>\n")
    plist = plistlib.loads((xml + "</plist>\n").encode())
    assert plist == {
        "Label": f"org.posguide.remind.{tag_id(home)}",
        "ProgramArguments": [expected_exe(), "--home", str(home), "--lang", "zh", "notify", "run"],
        "StartCalendarInterval": {"Hour": 7, "Minute": 5},
        "StandardErrorPath": str(home / "remind-errors.log"),
        "RunAtLoad": False,
    }
    assert commands.split("\n")[1:3] == [f"launchctl unload {path}",
                                         f"launchctl load -w {path}"]
    assert not path.exists()


def test_dry_run_prints_the_schtasks_command(cli, home) -> None:
    r = cli("remind", "install", "--dry-run", "--scheduler", "schtasks")
    assert r.exit_code == 0, r.output
    tr = subprocess.list2cmdline([expected_exe(), "--home", str(home), "--lang", "en",
                                  "notify", "run"])
    assert r.stdout == subprocess.list2cmdline(
        ["schtasks", "/Create", "/F", "/SC", "DAILY", "/TN", f"posguide remind {tag_id(home)}",
         "/TR", tr, "/ST", "09:00"]) + "\n"
    r = cli("remind", "uninstall", "--dry-run", "--scheduler", "schtasks")
    assert r.stdout == f'schtasks /Delete /F /TN "posguide remind {tag_id(home)}"\n'


def test_install_and_uninstall_change_only_our_own_line(cli, home, crontab) -> None:
    ready(cli)
    crontab.write_text(OTHER)
    r = cli("remind", "install", "--scheduler", "cron")
    assert r.exit_code == 0, r.output
    assert "every day at 09:00" in r.out
    lines = crontab.read_text().splitlines()
    assert lines[:3] == OTHER.splitlines()
    assert len(lines) == 4 and lines[3].startswith("0 9 * * * ")
    assert lines[3].endswith(f"# posguide-remind:{tag_id(home)}")
    # Again, at another time: replaced, not added.
    assert cli("remind", "install", "--time", "18:45", "--scheduler", "cron").exit_code == 0
    lines = crontab.read_text().splitlines()
    assert len(lines) == 4 and lines[3].startswith("45 18 * * * ")
    assert "already" in cli("remind", "install", "--time", "18:45", "--scheduler", "cron").out
    # Another home gets its own line; uninstalling this one leaves it.
    other_home = home.parent / "agent"
    ready(cli, str(other_home))
    assert cli("--home", str(other_home), "remind", "install",
               "--scheduler", "cron").exit_code == 0
    assert len(crontab.read_text().splitlines()) == 5
    r = cli("remind", "uninstall", "--scheduler", "cron")
    assert r.exit_code == 0 and "Removed" in r.out
    lines = crontab.read_text().splitlines()
    assert lines[:3] == OTHER.splitlines() and len(lines) == 4
    assert str(other_home) in lines[3]
    r = cli("remind", "uninstall", "--scheduler", "cron")
    assert r.exit_code == 0 and "nothing changed" in r.out
    assert crontab.read_text().splitlines()[:3] == OTHER.splitlines()


def test_install_into_an_empty_crontab(cli, home, crontab) -> None:
    ready(cli)
    assert cli("remind", "install", "--scheduler", "cron").exit_code == 0
    assert len(crontab.read_text().splitlines()) == 1
    assert cli("remind", "uninstall", "--scheduler", "cron").exit_code == 0
    assert crontab.read_text() == ""


def test_the_installed_line_runs(cli, home, crontab, tmp_path) -> None:
    """The command cron would run, run by a shell: the home is the one given,
    whatever POSGUIDE_HOME the shell has."""
    ready(cli)
    assert cli("remind", "install", "--scheduler", "cron").exit_code == 0
    line = crontab.read_text().splitlines()[0]
    command = line.split(" ", 5)[5].rpartition(" > /dev/null")[0]
    env = {"PATH": "/usr/bin:/bin", "POSGUIDE_HOME": str(tmp_path / "elsewhere")}
    done = subprocess.run(["/bin/sh", "-c", command], env=env, capture_output=True, text=True,
                          timeout=60, check=False)
    # This home's channel was tried (and failed: nothing listens there); the
    # other home, with no profile, would have been exit 3.
    assert done.returncode == 1, done.stderr
    assert "json: not sent" in done.stderr


@pytest.mark.parametrize(("args", "says"), [
    (["remind", "install", "--time", "25:00"], "--time"),
    (["remind", "install", "--time", "9"], "HH:MM"),
    (["remind", "install", "--scheduler", "at"], "--scheduler"),
    (["remind"], "posguide remind install"),
    (["remind", "--ics", "x.ics", "install"], "--ics"),
])
def test_bad_input(cli, args, says) -> None:
    r = cli(*args)
    assert r.exit_code == 2, r.output
    assert says in r.err


def test_no_crontab_program_fails_clearly(cli, tmp_path, monkeypatch) -> None:
    ready(cli)
    (tmp_path / "empty").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    r = cli("remind", "install", "--scheduler", "cron")
    assert r.exit_code == 3 and "no crontab" in r.err


def test_a_percent_in_the_home_is_escaped_for_cron(cli, tmp_path, crontab) -> None:
    odd = tmp_path / "50% off"
    r = cli("--home", str(odd), "remind", "install", "--dry-run", "--scheduler", "cron")
    assert "'" + str(odd).replace("%", "\\%") + "'" in r.stdout


def test_schtasks_install_and_uninstall_run_the_printed_commands(cli, home, tmp_path,
                                                                 monkeypatch) -> None:
    """A fake schtasks records its arguments and keeps one task name in a file."""
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    log, tasks = tmp_path / "schtasks.log", tmp_path / "tasks"
    tasks.write_text("")
    (bin_ / "schtasks").write_text(f"""#!/bin/sh
printf '%s|' "$@" >> "{log}"; echo >> "{log}"
case "$1" in
  /Create) echo "$6" >> "{tasks}" ;;
  /Query) grep -qx "$3" "{tasks}" || exit 1 ;;
  /Delete) grep -vx "$4" "{tasks}" > "{tasks}.new"; mv "{tasks}.new" "{tasks}" ;;
esac
""")
    (bin_ / "schtasks").chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_}{os.pathsep}{os.environ['PATH']}")
    name = f"posguide remind {tag_id(home)}"
    ready(cli)
    assert cli("remind", "install", "--scheduler", "schtasks", "--time", "06:00").exit_code == 0
    create = log.read_text().splitlines()[0].split("|")
    assert create[:6] == ["/Create", "/F", "/SC", "DAILY", "/TN", name]
    assert create[6] == "/TR" and create[7].endswith(f"--home {home} --lang en notify run")
    assert create[8:10] == ["/ST", "06:00"]
    assert tasks.read_text().splitlines() == [name]
    assert "Removed" in cli("remind", "uninstall", "--scheduler", "schtasks").out
    assert tasks.read_text() == ""
    assert "nothing changed" in cli("remind", "uninstall", "--scheduler", "schtasks").out


def test_launchd_install_writes_the_plist_and_loads_it(cli, home, tmp_path,
                                                       monkeypatch) -> None:
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    log = tmp_path / "launchctl.log"
    (bin_ / "launchctl").write_text(f'#!/bin/sh\necho "$*" >> "{log}"\n'
                                    '[ "$1" = unload ] && exit 1\nexit 0\n')
    (bin_ / "launchctl").chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("HOME", str(tmp_path))
    path = tmp_path / "Library" / "LaunchAgents" / f"org.posguide.remind.{tag_id(home)}.plist"
    ready(cli)
    assert cli("remind", "install", "--scheduler", "launchd").exit_code == 0
    plist = plistlib.loads(path.read_bytes())
    assert plist["ProgramArguments"][-2:] == ["notify", "run"]
    assert log.read_text().splitlines() == [f"unload {path}", f"load -w {path}"]
    assert "Removed" in cli("remind", "uninstall", "--scheduler", "launchd").out
    assert not path.exists()
    assert log.read_text().splitlines()[-1] == f"unload -w {path}"
    assert "nothing changed" in cli("remind", "uninstall", "--scheduler", "launchd").out


def test_install_refuses_a_home_with_no_terminal_or_no_channel(cli, home, crontab) -> None:
    """A daily check that could do nothing would fail every morning, unseen:
    refused (exit 2, as every command that needs `posguide init` first), and
    --dry-run says why it would be."""
    r = cli("remind", "install", "--scheduler", "cron")
    assert r.exit_code == 2 and "posguide init" in r.err and str(home) in "".join(r.err.split())
    r = cli("--lang", "zh", "remind", "install", "--scheduler", "cron")
    assert r.exit_code == 2 and "还没有终端" in r.err and "posguide init" in r.err
    assert cli("init", "--no-input", "--purchased", "2024-03-01").exit_code == 0
    r = cli("remind", "install", "--scheduler", "cron")
    assert r.exit_code == 2 and "posguide notify add desktop" in " ".join(r.err.split())
    r = cli("--lang", "zh", "remind", "install", "--scheduler", "cron")
    assert r.exit_code == 2 and "还没有提醒渠道" in r.err
    assert not crontab.exists()  # nothing installed
    r = cli("remind", "install", "--dry-run", "--scheduler", "cron")
    assert r.exit_code == 0 and "notify run" in r.stdout
    assert "no reminder channel yet" in " ".join(r.err.split())
    assert cli("notify", "add", "webhook", DEAD_HOOK).exit_code == 0
    assert cli("remind", "install", "--scheduler", "cron").exit_code == 0


def test_a_broken_notify_toml_is_exit_3_for_install(cli, home, crontab) -> None:
    ready(cli)
    (home / "notify.toml").write_text("schema = 7\n")
    r = cli("remind", "install", "--scheduler", "cron")
    assert r.exit_code == 3 and "notify.toml" in r.err
    assert not crontab.exists()


def test_posguide_argv_finds_the_console_script_per_platform(tmp_path) -> None:
    from posguide.schedule import posguide_argv

    venv = tmp_path / "venv"
    (venv / "Scripts").mkdir(parents=True)
    (venv / "Scripts" / "posguide.exe").write_text("")
    python = str(venv / "python.exe")
    assert posguide_argv(python, "win32", which="") == [str(venv / "Scripts" / "posguide.exe")]
    # Not beside this Python: the one on PATH, else python -m.
    assert posguide_argv(python, "linux", which="/opt/bin/posguide") == ["/opt/bin/posguide"]
    assert posguide_argv(python, "linux", which="") == [
        str(Path(python).absolute()), "-m", "posguide"]
