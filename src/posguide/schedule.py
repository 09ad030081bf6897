"""`remind install|uninstall`: `posguide notify run` once a day in the user's
own scheduler: cron on Linux (and other Unix), launchd on macOS, the Task
Scheduler on Windows.

Each entry is tied to one home: the scheduled command names the home and the
full path of posguide, and the entry carries a tag made from the home, so
installing for a second home adds a second entry and uninstalling touches only
this home's. Only our own crontab line is ever changed.
"""

from __future__ import annotations

import hashlib
import plistlib
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import DataError, UsageError
from .i18n import t

if TYPE_CHECKING:
    from .store import Store

SCHEDULERS = ("cron", "launchd", "schtasks")
DEFAULT_TIME = "09:00"


def default_scheduler(platform: str) -> str:
    if platform == "darwin":
        return "launchd"
    if platform == "win32":
        return "schtasks"
    return "cron"


def pick_scheduler(value: str | None, platform: str = sys.platform) -> str:
    """The scheduler asked for (`--scheduler`), else this platform's own."""
    chosen = value or default_scheduler(platform)
    if chosen not in SCHEDULERS:
        raise UsageError(t("schedule.bad_scheduler", value=chosen,
                           choices=" | ".join(SCHEDULERS)))
    return chosen


def posguide_argv(executable: str = sys.executable, platform: str = sys.platform,
                  which: str | None = None) -> list[str]:
    """The full path of this posguide: the console script beside the running
    Python (a venv's bin/ or Scripts/), else the one on PATH (`which`, found
    when not given), else python -m."""
    import shutil

    python = Path(executable).absolute()
    name = "posguide.exe" if platform == "win32" else "posguide"
    for folder in (python.parent, python.parent / "Scripts"):
        if (folder / name).is_file():
            return [str(folder / name)]
    found = which if which is not None else shutil.which("posguide")
    if found:
        return [str(Path(found).absolute())]
    return [str(python), "-m", "posguide"]


def not_ready(store: Store) -> str | None:
    """Why a daily `notify run` in this home could do nothing, or None: it
    needs terminals to look at and a channel to tell. Installing it anyway
    would leave a job that fails every morning, unseen."""
    from .notify import load_channels

    profile = store.load_profile()
    if profile is None or not profile.terminals:
        return t("schedule.needs_profile", home=str(store.home.root))
    if not load_channels(store.home):
        return t("schedule.needs_channel")
    return None


def parse_time(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)", text.strip())
    if not match:
        raise UsageError(t("schedule.bad_time", value=text))
    return int(match.group(1)), int(match.group(2))


def tag_id(home: Path) -> str:
    return hashlib.sha256(str(home).encode("utf-8")).hexdigest()[:10]


def scheduled_argv(posguide: list[str], home: Path, lang: str) -> list[str]:
    """What the scheduler runs: the full path of posguide and the home, spelled
    out (a scheduler has none of the user's environment)."""
    return [*posguide, "--home", str(home), "--lang", lang, "notify", "run"]


@dataclass
class Plan:
    """What install or uninstall will do: `shown` is printed by --dry-run."""

    scheduler: str
    shown: str
    # (argv, stdin) pairs to run, in order; and files to write or delete.
    commands: list[tuple[list[str], str | None]] = field(default_factory=list)
    write: tuple[Path, bytes] | None = None
    delete: Path | None = None
    crontab: str | None = None  # the new table, for cron


# --- cron -----------------------------------------------------------------------

def cron_tag(home: Path) -> str:
    return f"# posguide-remind:{tag_id(home)}"


def cron_line(argv: list[str], hour: int, minute: int, home: Path) -> str:
    # In a crontab a bare % ends the command: escape it.
    command = " ".join(shlex.quote(a) for a in argv).replace("%", "\\%")
    return f"{minute} {hour} * * * {command} > /dev/null {cron_tag(home)}"


def crontab_with(table: str, line: str, home: Path) -> str:
    """The table with our line for this home put in (replacing an older one)."""
    lines = [x for x in table.splitlines() if not x.endswith(cron_tag(home))]
    lines.append(line)
    return "\n".join(lines) + "\n"


def crontab_without(table: str, home: Path) -> str:
    lines = [x for x in table.splitlines() if not x.endswith(cron_tag(home))]
    return "\n".join(lines) + ("\n" if lines else "")


def read_crontab() -> str:
    try:
        done = subprocess.run(["crontab", "-l"], capture_output=True, text=True, timeout=30,
                              check=False)
    except FileNotFoundError:
        raise DataError(t("schedule.missing", program="crontab")) from None
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise DataError(t("schedule.failed", command="crontab -l", error=str(exc))) from None
    if done.returncode != 0:
        if "no crontab" in done.stderr.lower():
            return ""
        raise DataError(t("schedule.failed", command="crontab -l",
                          error=done.stderr.strip() or done.returncode))
    return done.stdout


# --- launchd --------------------------------------------------------------------

def launchd_label(home: Path) -> str:
    return f"org.posguide.remind.{tag_id(home)}"


def launchd_plist(argv: list[str], hour: int, minute: int, home: Path) -> bytes:
    return plistlib.dumps({
        "Label": launchd_label(home),
        "ProgramArguments": argv,
        "StartCalendarInterval": {"Hour": hour, "Minute": minute},
        "StandardErrorPath": str(home / "remind-errors.log"),
        "RunAtLoad": False,
    })


def launchd_path(user_home: Path, home: Path) -> Path:
    return user_home / "Library" / "LaunchAgents" / f"{launchd_label(home)}.plist"


# --- Windows Task Scheduler -----------------------------------------------------

def task_name(home: Path) -> str:
    return f"posguide remind {tag_id(home)}"


def schtasks_create(argv: list[str], hour: int, minute: int, home: Path) -> list[str]:
    tr = subprocess.list2cmdline(argv)
    if len(tr) > 261:  # schtasks' own limit on /TR
        raise UsageError(t("schedule.too_long", length=len(tr)))
    return ["schtasks", "/Create", "/F", "/SC", "DAILY", "/TN", task_name(home),
            "/TR", tr, "/ST", f"{hour:02d}:{minute:02d}"]


def schtasks_delete(home: Path) -> list[str]:
    return ["schtasks", "/Delete", "/F", "/TN", task_name(home)]


# --- plans ----------------------------------------------------------------------

def install_plan(scheduler: str, argv: list[str], at: str, home: Path,
                 user_home: Path) -> Plan:
    hour, minute = parse_time(at)
    if scheduler == "cron":
        line = cron_line(argv, hour, minute, home)
        return Plan("cron", line, crontab=line)
    if scheduler == "launchd":
        path = launchd_path(user_home, home)
        data = launchd_plist(argv, hour, minute, home)
        cmds: list[tuple[list[str], str | None]] = [
            (["launchctl", "unload", str(path)], None),
            (["launchctl", "load", "-w", str(path)], None)]
        shown = (f"# {path}\n{data.decode()}\n"
                 + "\n".join(shlex.join(c) for c, _ in cmds))
        return Plan("launchd", shown, cmds, write=(path, data))
    if scheduler == "schtasks":
        cmd = schtasks_create(argv, hour, minute, home)
        return Plan("schtasks", subprocess.list2cmdline(cmd), [(cmd, None)])
    raise UsageError(t("schedule.bad_scheduler", value=scheduler,
                       choices=" | ".join(SCHEDULERS)))


def uninstall_plan(scheduler: str, home: Path, user_home: Path) -> Plan:
    if scheduler == "cron":
        return Plan("cron", cron_tag(home))
    if scheduler == "launchd":
        path = launchd_path(user_home, home)
        cmd = ["launchctl", "unload", "-w", str(path)]
        return Plan("launchd", f"{shlex.join(cmd)}\nrm {shlex.quote(str(path))}",
                    [(cmd, None)], delete=path)
    if scheduler == "schtasks":
        cmd = schtasks_delete(home)
        return Plan("schtasks", subprocess.list2cmdline(cmd), [(cmd, None)])
    raise UsageError(t("schedule.bad_scheduler", value=scheduler,
                       choices=" | ".join(SCHEDULERS)))


def _run(argv: list[str], stdin: str | None = None, may_fail: bool = False) -> None:
    try:
        done = subprocess.run(argv, input=stdin, capture_output=True, text=True, timeout=60,
                              check=False)
    except FileNotFoundError:
        raise DataError(t("schedule.missing", program=argv[0])) from None
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise DataError(t("schedule.failed", command=argv[0], error=str(exc))) from None
    if done.returncode != 0 and not may_fail:
        raise DataError(t("schedule.failed", command=" ".join(argv[:2]),
                          error=(done.stderr or done.stdout).strip() or done.returncode))


def install(plan: Plan, home: Path) -> bool:
    """Carry out an install plan. True when something changed."""
    from .home import atomic_write

    if plan.scheduler == "cron":
        assert plan.crontab is not None
        table = read_crontab()
        new = crontab_with(table, plan.crontab, home)
        if new == (table if table.endswith("\n") or not table else table + "\n"):
            return False
        _run(["crontab", "-"], new)
        return True
    if plan.write is not None:
        path, data = plan.write
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DataError(t("schedule.failed", command=str(path.parent),
                              error=exc.strerror or str(exc))) from None
        atomic_write(path, data, in_home=False)
    for i, (argv, stdin) in enumerate(plan.commands):
        # launchd: unloading an entry that was never loaded fails; that is fine.
        _run(argv, stdin, may_fail=plan.scheduler == "launchd" and i == 0)
    return True


def uninstall(plan: Plan, home: Path) -> bool:
    """Carry out an uninstall plan. True when there was something to remove."""
    import contextlib

    if plan.scheduler == "cron":
        table = read_crontab()
        new = crontab_without(table, home)
        if cron_tag(home) not in table:
            return False
        _run(["crontab", "-"], new)
        return True
    if plan.delete is not None:
        if not plan.delete.exists():
            return False
        for argv, stdin in plan.commands:
            _run(argv, stdin, may_fail=True)
        with contextlib.suppress(FileNotFoundError):
            plan.delete.unlink()
        return True
    # schtasks: ask first, so "there was none" is not mistaken for a failure.
    if not _succeeds(["schtasks", "/Query", "/TN", task_name(home)]):
        return False
    for argv, stdin in plan.commands:
        _run(argv, stdin)
    return True


def _succeeds(argv: list[str]) -> bool:
    try:
        return subprocess.run(argv, capture_output=True, timeout=60,
                              check=False).returncode == 0
    except FileNotFoundError:
        raise DataError(t("schedule.missing", program=argv[0])) from None
    except (OSError, subprocess.TimeoutExpired):
        return False
