"""Where the data lives, and how it is written safely.

Every write goes to a temp file in the same folder, is fsynced, then renamed over
the target, so a crash leaves either the old or the new file, never half of one.
Writers are serialised by one lock file per home; a second process waits a few
seconds, then fails with a clear message (exit 3).

Readers take no lock. On Windows a file that another process holds open cannot
be renamed over, so a reader could make a writer's rename fail; but a reader
holds a file only for one read (`read_bytes`), and the rename is retried for
about a second when the target is held open (`replace`), which also covers the
virus scanner and the search indexer, which no lock of ours would keep out. A
lock for readers would make `status` wait behind a writer and fail in a home
it may only read.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import DataError, PosguideError, UsageError

if TYPE_CHECKING:
    from filelock import FileLock
from .i18n import t

APP = "posguide"

def lock_timeout() -> float:
    """Seconds a writer waits for another posguide: $POSGUIDE_LOCK_TIMEOUT or 5."""
    try:
        return max(0.0, float(os.environ.get("POSGUIDE_LOCK_TIMEOUT", "5")))
    except ValueError:
        return 5.0


# One lock object per lock file in this process: FileLock counts nested
# acquires of the same object, so code may lock inside a locked command, even
# through two Home objects for the same folder (separate objects would wait
# for each other forever).
# Keyed by process too: a FileLock must not be used across fork.
_LOCKS: dict[tuple[int, str], FileLock] = {}
DIR_MODE = 0o700
FILE_MODE = 0o600


def resolve_home(option: str | os.PathLike[str] | None = None) -> Path:
    """--home, else $POSGUIDE_HOME, else the platform's user data folder."""
    if option:
        check_path(option)
        return Path(option).expanduser()
    env = os.environ.get("POSGUIDE_HOME")
    if env:
        return Path(env).expanduser()
    common = _desktop_linux_data_dir()
    if common is not None:
        return common
    import platformdirs  # only needed when no override is given

    return Path(platformdirs.user_data_dir(APP, appauthor=False))


def _desktop_linux_data_dir() -> Path | None:
    """platformdirs' user data folder in the common Linux case, without
    importing it (2 ms of every start). None for anything less plain (Android,
    a relative XDG_DATA_HOME or HOME): platformdirs decides those.
    tests/test_home_path.py checks the two agree."""
    if sys.platform != "linux" or hasattr(sys, "getandroidapilevel") or \
            os.environ.get("ANDROID_DATA"):
        return None
    xdg = os.environ.get("XDG_DATA_HOME", "")
    if os.path.isabs(xdg):
        return Path(xdg, APP)
    home = os.environ.get("HOME", "")
    if not os.path.isabs(home):
        return None
    return Path(home, ".local", "share", APP)


# A path the user typed wrong is a usage error (exit 2); a file that is there
# but cannot be read or written (permissions, a full disk) is a data error (3).
WRONG_PATH = (errno.ENOENT, errno.ENOTDIR, errno.EISDIR, errno.ENAMETOOLONG)
NO_PERMISSION = (errno.EACCES, errno.EPERM, errno.EROFS)


def check_path(path: str | os.PathLike[str]) -> None:
    """A path no system can open (a NUL in it, which only a program can pass)
    is a usage error, said like any wrong path."""
    if "\x00" in os.fspath(path):
        raise UsageError(t("home.bad_path", path=os.fspath(path)))


def user_file_error(exc: OSError, path: Path) -> PosguideError:
    """An OSError on a file the user named (an export, a calendar): said
    without the home's advice about --home."""
    if exc.errno == errno.EISDIR:
        return UsageError(t("home.is_folder", path=str(path)))
    if exc.errno in WRONG_PATH:
        return UsageError(t("home.no_folder", path=str(path), folder=str(path.parent)))
    if exc.errno in NO_PERMISSION:
        return DataError(t("home.file_permission", path=str(path)))
    return os_error(exc, path)


_REASONS = ("ENOENT", "EACCES", "EPERM", "EROFS", "ENOSPC", "EDQUOT", "EISDIR", "ENOTDIR",
            "EEXIST", "EIO", "ENAMETOOLONG", "EBUSY", "ETXTBSY", "EMFILE", "ENOEXEC", "ELOOP",
            "EXDEV", "EINVAL", "ENOTEMPTY")


def reason(exc: OSError) -> str:
    """What the system said, in the user's language: the system's own text
    (strerror) is English whatever the locale."""
    from .i18n import get_lang

    if get_lang() != "zh" and exc.strerror:
        return exc.strerror
    name = errno.errorcode.get(exc.errno or -1, "")
    if name in _REASONS:
        return t(f"home.reason.{name}")
    return t("home.reason.other", code=exc.errno if exc.errno is not None else "?")


def toml_problem(exc: ValueError) -> str:
    """tomllib's complaint, located: English only in English."""
    from .i18n import get_lang

    text = str(exc)
    if get_lang() != "zh":
        return text
    import re

    where = re.search(r"at line (\d+), column (\d+)", text)
    if where:
        return t("home.toml_at", line=where.group(1), column=where.group(2))
    return t("home.toml_bad")


def os_error(exc: OSError, path: Path, reading: bool = False) -> DataError:
    """Turn an OSError into a message that says what to do about it. A failed
    read is said as a read (`reading`), not as a write."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT) and not reading:
        key = "home.disk_full"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        key = "home.read_no_permission" if reading else "home.no_permission"
    else:
        key = "home.io_error"
    return DataError(t(key, path=str(path), error=reason(exc)))


# Opened without following a symlink and without waiting on a FIFO (where the
# platform has the flags: Windows has neither, nor FIFOs).
_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
               | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))


def _what(mode: int) -> str:
    """What a file that is not an ordinary one is, for a message."""
    if stat.S_ISLNK(mode):
        return t("home.kind.symlink")
    if stat.S_ISFIFO(mode):
        return t("home.kind.fifo")
    if stat.S_ISDIR(mode):
        return t("home.kind.folder")
    if stat.S_ISSOCK(mode):
        return t("home.kind.socket")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return t("home.kind.device")
    return t("home.kind.other")


def not_regular(path: Path, mode: int) -> DataError:
    return DataError(t("home.not_regular", path=str(path), what=_what(mode)))


def check_own_file(path: Path) -> bool:
    """Whether one of posguide's own files exists; DataError (exit 3) when
    something other than an ordinary file (a symlink, a FIFO, a device, a
    folder) stands in its place: posguide neither opens nor replaces it."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return False
    except OSError as exc:
        if exc.errno == errno.ENOTDIR:
            return False
        raise os_error(exc, path, reading=True) from exc
    if not stat.S_ISREG(st.st_mode):
        raise not_regular(path, st.st_mode)
    return True


@contextlib.contextmanager
def open_own(path: Path) -> Iterator[int | None]:
    """A read-only descriptor of one of posguide's own files, or None when it
    does not exist. Never follows a symlink, never waits on a FIFO, refuses
    anything but an ordinary file, and takes away what others may do with it
    (mode 0600), as every write does."""
    if not hasattr(os, "O_NOFOLLOW"):
        check_own_file(path)  # Windows: no flag for it, so look first
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        yield None
        return
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.EMLINK, errno.ENXIO, errno.EISDIR):
            try:
                st = os.lstat(path)
            except OSError:
                raise os_error(exc, path, reading=True) from exc
            raise not_regular(path, st.st_mode) from exc
        if exc.errno == errno.ENOTDIR:
            yield None
            return
        raise os_error(exc, path, reading=True) from exc
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise not_regular(path, st.st_mode)
        if st.st_mode & 0o077 and hasattr(os, "fchmod"):
            # A read-only home (or someone else's file) stays as it is.
            with contextlib.suppress(OSError):
                os.fchmod(fd, st.st_mode & FILE_MODE)
        yield fd
    finally:
        os.close(fd)


def open_own_append(path: Path) -> int:
    """A descriptor to append to one of posguide's own files, created 0600
    when missing; refused (exit 3) when a symlink, FIFO or device stands in
    its place."""
    flags = (os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
             | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
             | getattr(os, "O_BINARY", 0))
    try:
        fd = os.open(path, flags, FILE_MODE)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.EMLINK, errno.ENXIO, errno.EISDIR):
            try:
                st = os.lstat(path)
            except OSError:
                raise os_error(exc, path) from exc
            raise not_regular(path, st.st_mode) from exc
        raise os_error(exc, path) from exc
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise not_regular(path, st.st_mode)
        if st.st_mode & 0o077 and hasattr(os, "fchmod"):
            with contextlib.suppress(OSError):
                os.fchmod(fd, st.st_mode & FILE_MODE)
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_fd(fd: int, path: Path, start: int = 0) -> bytes:
    """Everything in `fd` from `start` on."""
    chunks: list[bytes] = []
    try:
        if start:
            os.lseek(fd, start, os.SEEK_SET)
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    except OSError as exc:
        raise os_error(exc, path, reading=True) from exc
    return b"".join(chunks)


def ensure_dir(path: Path) -> Path:
    try:
        path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        mode = path.stat().st_mode & 0o777
        if mode & ~DIR_MODE:
            # Take away what others may do, but never give back what the
            # owner took away: a home made read-only on purpose stays so.
            path.chmod(mode & DIR_MODE)
    except OSError as exc:
        raise os_error(exc, path) from exc
    return path


def atomic_write(path: Path, data: bytes, *, in_home: bool = True) -> None:
    """Replace `path` with `data`: temp file, fsync, rename, fsync the folder.

    In the home the folder is created and kept private (0700). A file the user
    asked for elsewhere (`in_home=False`: an export, a calendar) goes into a
    folder that must exist and whose permissions are the user's business.
    """
    import tempfile  # only writers need it; status on a slow machine does not

    check_path(path)
    folder = path.parent
    if in_home:
        ensure_dir(folder)
        check_own_file(path)  # never replace a symlink, a FIFO or a device
    elif path.is_dir():
        raise UsageError(t("home.is_folder", path=str(path)))
    elif path.exists() and not path.is_file():
        # A device or a pipe: renaming over it would replace it with a file.
        raise UsageError(t("home.not_a_file", path=str(path)))
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        try:
            _set_mode(fd, tmp_name)
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        replace(tmp_name, path)
        tmp_name = None
        fsync_dir(folder)
    except OSError as exc:
        raise (os_error(exc, path) if in_home else user_file_error(exc, path)) from exc
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def _set_mode(fd: int, name: str) -> None:
    """0600 on the open temp file; by its name where the platform has no
    os.fchmod (Windows before Python 3.13, where it only clears read-only)."""
    fchmod = getattr(os, "fchmod", None)
    if fchmod is not None:
        fchmod(fd, FILE_MODE)
    else:
        os.chmod(name, FILE_MODE)


# Windows refuses to rename over a file another process has open: access
# denied (5), a sharing violation (32) or a lock violation (33). Such a hold
# lasts milliseconds (a reader, a virus scanner), so the rename is tried again
# for about a second in all. Other platforms never set `winerror`.
HELD_OPEN = (5, 32, 33)
REPLACE_DELAYS = (0.01, 0.02, 0.05, 0.1, 0.15, 0.25, 0.4)


def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
    """os.replace, tried again while Windows says the target is held open."""
    for delay in REPLACE_DELAYS:
        try:
            os.replace(src, dst)
            return
        except PermissionError as exc:
            if getattr(exc, "winerror", None) not in HELD_OPEN:
                raise
        time.sleep(delay)
    os.replace(src, dst)


def fsync_dir(folder: Path) -> None:
    try:
        dfd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # some platforms cannot open folders; the rename is still atomic
    try:
        os.fsync(dfd)
    except OSError:
        pass  # not supported on every filesystem; nothing to recover
    finally:
        os.close(dfd)


def read_bytes(path: Path) -> bytes | None:
    """One of posguide's own files, or None when it does not exist (see
    open_own: a symlink, FIFO or device in its place is refused, exit 3)."""
    with open_own(path) as fd:
        if fd is None:
            return None
        return read_fd(fd, path)


class Home:
    """The home folder and the files in it."""

    def __init__(self, root: Path, today: date | None = None) -> None:
        self.root = root
        # Whether this run took the write lock, so may have saved something:
        # then an unexpected error must not claim the data is unchanged.
        self.may_have_saved = False
        # The day the files are checked against (a purchase date may not be
        # in the future): given by the CLI, which reads the clock; None in
        # code that has no day (then only the calendar range is checked).
        self.today = today

    @property
    def profile(self) -> Path:
        return self.root / "profile.toml"

    @property
    def backup(self) -> Path:
        return self.root / "profile.toml.bak"

    @property
    def db(self) -> Path:
        """The history and wizard progress (SQLite)."""
        return self.root / "posguide.db"

    @property
    def db_backup(self) -> Path:
        """The database as it was before its last migration."""
        return self.root / "posguide.db.bak"

    @property
    def rejected(self) -> Path:
        """An edit of the profile that could not be saved, kept for its author."""
        return self.root / "profile.toml.rejected"

    # An older home (before posguide.db): imported on first use, then renamed
    # `*.migrated` (store/legacy.py).
    @property
    def history(self) -> Path:
        return self.root / "history.jsonl"

    @property
    def progress_dir(self) -> Path:
        return self.root / "progress"

    @property
    def checklists_dir(self) -> Path:
        return self.root / "checklists"

    @property
    def lock_path(self) -> Path:
        return self.root / ".lock"

    def ensure(self) -> None:
        ensure_dir(self.root)

    @contextlib.contextmanager
    def locked(self, timeout: float | None = None) -> Iterator[None]:
        """Hold the home's write lock. Re-entrant within one process."""
        from filelock import FileLock, Timeout

        self.ensure()
        check_own_file(self.lock_path)
        path = os.path.realpath(self.lock_path)
        key = (os.getpid(), path)
        lock = _LOCKS.get(key)
        if lock is None:
            lock = _LOCKS[key] = FileLock(path)
        try:
            lock.acquire(timeout=lock_timeout() if timeout is None else timeout)
            self.may_have_saved = True
        except Timeout as exc:
            raise DataError(t("home.locked", path=str(self.root))) from exc
        except OSError as exc:
            raise os_error(exc, self.lock_path) from exc
        try:
            with contextlib.suppress(OSError):
                os.chmod(self.lock_path, FILE_MODE)
            yield
        finally:
            lock.release()
