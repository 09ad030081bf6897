"""The local store: `profile.toml` for terminals and policy, `posguide.db`
(SQLite through the standard library, WAL) for the history and the wizard
progress, both in the home (DESIGN.md section 2).

Writers hold the home's lock (home.Home.locked) for everything they write, the
profile and the database alike, so one lock serialises the two files; SQLite's
busy timeout is the same as the lock's, for a reader that meets a checkpoint.
`synchronous=FULL`: with WAL, NORMAL would keep the database consistent but
could lose the last commits to a power cut, after posguide said "saved".

Both or neither. A change of the profile together with events or progress
(a SIM swap, a renewal, a checklist that sets a field) is written in three
steps, each atomic:

1. the database gets a `pending` row: the new profile.toml bytes, the events,
   the progress to forget;
2. profile.toml is replaced (temp file, fsync, rename; the old one as .bak);
3. one transaction adds the events, forgets the progress, drops the row.

Killed anywhere, the next command, whatever it is, finds the row: when
profile.toml already holds the new bytes, step 3 is done then (rolled
forward); when it does not, step 2 never happened and the row is dropped
(nothing was changed). Either way a one-line notice says so.

The database is opened only when needed: reading a home that has none creates
none, and `sqlite3` is imported only then. A database that cannot be read is
never overwritten or recreated.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from ..errors import DataError, UsageError
from ..home import FILE_MODE, Home, ensure_dir, lock_timeout, os_error, read_bytes
from ..i18n import t
from . import Change, ProfileText, Revision, Store, current_user, sql

if TYPE_CHECKING:
    import sqlite3

    from ..history import Event
    from ..profile import Profile


def connect(target: str, uri: bool) -> sqlite3.Connection:
    """Open a connection (tests replace this to simulate a full disk)."""
    import sqlite3

    return sqlite3.connect(target, uri=uri, isolation_level=None, timeout=lock_timeout(),
                           check_same_thread=False)


class LocalStore(Store):
    def __init__(self, home: Home) -> None:
        self.home = home
        self.notices: list[str] = []
        self._conn: sqlite3.Connection | None = None
        self._writable = False  # the connection may write
        self._ready = False  # schema checked, old home imported, pending change settled

    def describe(self) -> str:
        return str(self.home.db)

    def close(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(Exception):
                self._conn.close()
        self._conn = None
        self._ready = False

    # ================================================================ the profile

    def load_profile(self) -> Profile | None:
        from ..profile import load

        self._settle()
        return load(self.home)

    @contextlib.contextmanager
    def change(self, *, create: bool = False,
               base: Mapping[str, Revision] | None = None) -> Iterator[Change]:
        # `base` needs no check here: one person's home, and every change is
        # made under the lock from what is on disk at that moment.
        from ..profile import Profile, loads

        with self.home.locked():
            self._settle()
            old = read_bytes(self.home.profile)
            if old is None:
                if not create:
                    raise UsageError(t("profile.none_yet"))
                profile = Profile()
            else:
                profile = loads(old, self.home)
            import copy  # only writers need it

            change = Change(profile)
            before = copy.deepcopy(profile)
            yield change
            # Compared as data, not as text: a hand-edited file keeps its
            # comments and layout unless something in it really changes.
            self._save(change, change.profile != before or old is None)

    def profile_text(self) -> ProfileText:
        from ..profile import ProfileInvalid, loads

        self._settle()
        raw = read_bytes(self.home.profile)
        if raw is None:
            raise UsageError(t("profile.none_yet"))
        problem = None
        try:
            loads(raw, self.home)
        except ProfileInvalid as exc:
            problem = exc.detail
        return ProfileText(raw=raw, base=raw, problem=problem)

    def save_profile_text(self, text: ProfileText, edited: bytes) -> None:
        from ..home import atomic_write
        from ..profile import ProfileInvalid, keep_rejected, loads
        from . import Conflict

        home = self.home
        with home.locked():
            self._settle()
            if read_bytes(home.profile) != text.base:
                raise Conflict(t("profile.edit_conflict", kept=keep_rejected(home, edited)))
            try:
                loads(edited, home)
            except ProfileInvalid as exc:
                raise DataError(t("profile.edit_invalid", error=exc.detail,
                                  kept=keep_rejected(home, edited))) from None
            # The user's own text (comments, order) is what is written. Only a
            # good file becomes the backup: mending a broken one keeps the last good.
            if text.problem is None:
                atomic_write(home.backup, text.raw)
            atomic_write(home.profile, edited)

    def _save(self, change: Change, profile_changed: bool) -> None:
        """Write what one change() block did: see the module's docstring."""
        from ..profile import dumps, save_bytes

        new = dumps(change.profile) if profile_changed else b""
        rows = self._rows(change.events)
        if not rows and self._absent():
            change.cleared.clear()  # no database: no progress to forget, none to make
        if not rows and not change.cleared:
            if profile_changed:
                save_bytes(self.home, new)
            return
        conn = self._writer()
        if not profile_changed:
            with self._tx(conn):
                self._apply(conn, rows, change.cleared)
            return
        with self._tx(conn):
            conn.execute(sql.PUT_PENDING, (new, json.dumps(rows, ensure_ascii=False),
                                           json.dumps(change.cleared, ensure_ascii=False)))
        try:
            save_bytes(self.home, new)
        except BaseException:
            # profile.toml still holds the old bytes, so the next command would
            # drop the row anyway; dropping it now keeps that quiet.
            with contextlib.suppress(Exception), self._tx(conn):
                conn.execute(sql.DROP_PENDING)
            raise
        with self._tx(conn):
            self._apply(conn, rows, change.cleared)
            conn.execute(sql.DROP_PENDING)

    # ================================================================ history

    def append(self, events: Iterable[Event]) -> None:
        rows = self._rows(events)
        if not rows:
            return
        with self.home.locked():
            conn = self._writer()
            with self._tx(conn):
                self._apply(conn, rows, [])

    def events(self, *, terminal: str | None = None, kind: str | None = None,
               since: date | None = None, by: str | None = None) -> list[Event]:
        conn = self._db()
        if conn is None:
            return []
        query, params = sql.select_events(terminal, kind, since, by)
        with self._guard():
            events = (sql.event_from_row(row) for row in conn.execute(query, params))
            return [e for e in events if e is not None]

    def latest(self, terminals: Iterable[str] | None = None) -> dict[str, dict[str, date]]:
        conn = self._db()
        if conn is None:
            return {}
        wanted = list(terminals) if terminals is not None else None
        out: dict[str, dict[str, date]] = {}
        with self._guard():
            if wanted is None:
                for term, kind, day in conn.execute(sql.LATEST_ALL):
                    if d := sql.stored_day(day):
                        out.setdefault(term, {})[kind] = d
                return out
            # One query per chunk of terminals (SQLite allows 999 parameters
            # in old builds), however many terminals and kinds.
            from ..history import KINDS

            kinds = ",".join(["(?)"] * len(KINDS))
            for start in range(0, len(wanted), sql.IN_CHUNK):
                chunk = wanted[start:start + sql.IN_CHUNK]
                values = ",".join(["(?)"] * len(chunk))
                query = sql.LATEST_SOME.format(values=values, kinds=kinds)
                for term, kind, day in conn.execute(query, [*chunk, *KINDS]):
                    if d := sql.stored_day(day):
                        out.setdefault(term, {})[kind] = d
        return out

    def fee_flags(self, terminals: Iterable[str] | None = None) -> dict[str, date | None]:
        from ..fee_history import fee_flags

        conn = self._db()
        if conn is None:
            return {}
        with self._guard():
            if terminals is None:
                return fee_flags(conn.execute(sql.LATEST_FEE_CHECK_ALL))
            wanted = list(terminals)
            rows: list[tuple[str, str, str | None]] = []
            for start in range(0, len(wanted), sql.IN_CHUNK):
                chunk = wanted[start:start + sql.IN_CHUNK]
                values = ",".join(["(?)"] * len(chunk))
                rows += conn.execute(sql.FEE_CHECKS_SOME.format(values=values), chunk)
            return fee_flags(rows)

    def last_completed(self, terminal: str,
                       checklists: Iterable[str] | None = None) -> dict[str, date]:
        conn = self._db()
        if conn is None:
            return {}
        out: dict[str, date] = {}
        with self._guard():
            if checklists is None:
                for cid, day in conn.execute(sql.COMPLETED_ALL, (terminal,)):
                    if d := sql.stored_day(day):
                        out[cid] = d
                return out
            for cid in checklists:
                row = conn.execute(sql.COMPLETED_ONE, (terminal, cid)).fetchone()
                if row is not None and (d := sql.stored_day(row[0])):
                    out[cid] = d
        return out

    # ================================================================ progress

    def load_progress(self, terminal: str, checklist: str) -> dict[str, Any] | None:
        conn = self._db()
        if conn is None:
            return None
        with self._guard():
            row = conn.execute(sql.LOAD_PROGRESS, (terminal, checklist)).fetchone()
        if row is None:
            return None
        return sql.progress_from_text(row[0], where=self.describe(), terminal=terminal,
                                      checklist=checklist)

    def save_progress(self, terminal: str, checklist: str, data: dict[str, Any]) -> None:
        payload = json.dumps(data, ensure_ascii=False)
        with self.home.locked():
            conn = self._writer()
            with self._tx(conn):
                conn.execute(sql.SAVE_PROGRESS, (terminal, checklist, payload))

    def clear_progress(self, terminal: str, checklist: str | None = None) -> None:
        with self.home.locked():
            self._settle()
            if self._absent():
                return  # nothing saved, nothing to forget
            conn = self._writer()
            with self._tx(conn):
                self._apply(conn, [], [(terminal, checklist)])

    def all_progress(self) -> list[tuple[str, str, dict[str, Any]]]:
        conn = self._db()
        if conn is None:
            return []
        with self._guard():
            rows = conn.execute(sql.ALL_PROGRESS).fetchall()
        return sql.readable_progress(rows, where=self.describe())

    # ================================================================ writing rows

    @staticmethod
    def _rows(events: Iterable[Event]) -> list[list[Any]]:
        events = list(events)
        if not events:
            return []
        user = current_user()
        for event in events:
            if not event.by:
                event.by = user
        return [list(sql.event_row(e, user)) for e in events]

    @staticmethod
    def _apply(conn: sqlite3.Connection, rows: list[list[Any]],
               cleared: Iterable[Iterable[Any]]) -> None:
        if rows:
            conn.executemany(sql.INSERT_EVENT, rows)
        for terminal, checklist in cleared:
            if checklist is None:
                conn.execute(sql.CLEAR_TERMINAL_PROGRESS, (terminal,))
            else:
                conn.execute(sql.CLEAR_PROGRESS, (terminal, checklist))

    @contextlib.contextmanager
    def _tx(self, conn: sqlite3.Connection) -> Iterator[None]:
        """One transaction, taken for writing at once (BEGIN IMMEDIATE)."""
        with self._guard():
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                with contextlib.suppress(Exception):
                    conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    @contextlib.contextmanager
    def _guard(self) -> Iterator[None]:
        """SQLite's errors as the messages the rest of posguide gives."""
        import sqlite3

        try:
            yield
        except sqlite3.DatabaseError as exc:
            raise db_error(exc, self.home) from exc

    # ================================================================ the database

    def _absent(self) -> bool:
        try:
            os.lstat(self.home.db)
        except FileNotFoundError:
            return True
        except OSError as exc:
            raise os_error(exc, self.home.db) from exc
        return False

    def _settle(self) -> None:
        """Before anything is read: an older home imported, an interrupted
        change finished. Opens the database only when there is one (or an
        older home's files to import)."""
        if not self._ready:
            self._db()

    def _writer(self) -> sqlite3.Connection:
        """The database for writing, made if needed. Call with the lock held."""
        if self._conn is not None and self._ready and self._writable:
            return self._conn
        with self.home.locked():
            return self._open_for_writing()

    def _db(self) -> sqlite3.Connection | None:
        """The database, ready to use; None for a reader when there is none.
        A reader takes no lock unless there is work to do first (an upgrade,
        an older home to import, an interrupted change to settle)."""
        if self._conn is not None and self._ready:
            return self._conn
        absent = self._absent()
        old_home = old_home_present(self.home)
        if absent and not old_home:
            self._ready = True
            return None
        writable = self._home_writable()
        if not absent:
            conn = self._connect(create=False, read_only=not writable)
            try:
                version = self._version(conn)
                with self._guard():
                    pending = version == sql.LATEST_VERSION and \
                        conn.execute(sql.GET_PENDING).fetchone() is not None
            except BaseException:
                conn.close()
                raise
            if version == sql.LATEST_VERSION and not pending and not old_home:
                self._conn, self._writable, self._ready = conn, writable, True
                return conn
            conn.close()
        if writable:
            try:
                with self.home.locked():
                    return self._open_for_writing()
            except DataError:
                # The home cannot be written after all (a read-only mount, a
                # full disk): read what is there, and say what is left to do.
                pass
        return self._open_read_only(absent, old_home)

    def _home_writable(self) -> bool:
        root = self.home.root
        if not os.access(root, os.W_OK):
            return False
        db = self.home.db
        return not os.path.exists(db) or os.access(db, os.W_OK)

    def _open_for_writing(self) -> sqlite3.Connection:
        """Open (making it if needed), upgrade, import an older home, settle
        a pending change. Call with the lock held."""
        if self._conn is not None and not self._writable:
            self.close()
        if self._conn is None:
            self._conn = self._connect(create=True)
            self._writable = True
        conn = self._conn
        self._ready = False
        self._migrate(conn)
        if old_home_present(self.home):
            from . import legacy

            self.notices += legacy.import_home(conn, self.home, self._tx)
        self._finish_pending(conn)
        self._tighten()
        self._ready = True
        return conn

    def _open_read_only(self, absent: bool, old_home: bool) -> sqlite3.Connection | None:
        from . import legacy

        if absent:
            # Only an older home's files: read them into memory, as imported.
            conn = connect(":memory:", False)
            self._migrate(conn)
            legacy.import_home(conn, self.home, self._tx, rename=False)
        else:
            conn = self._connect(create=False, read_only=True)
            version = self._version(conn)
            if version != sql.LATEST_VERSION:
                raise DataError(t("store.needs_upgrade", path=str(self.home.db)))
            with self._guard():
                pending = conn.execute(sql.GET_PENDING).fetchone()
            if pending is not None:
                self.notices.append(t("store.pending_read_only", path=str(self.home.db)))
        self._conn, self._writable, self._ready = conn, False, True
        return conn

    def _connect(self, create: bool, read_only: bool = False) -> sqlite3.Connection:
        import sqlite3

        path = self.home.db
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            info = None
        except OSError as exc:
            raise os_error(exc, path) from exc
        if info is not None and not stat.S_ISREG(info.st_mode):
            # A symlink, a pipe or a device where our database should be.
            raise DataError(t("store.not_a_file", path=str(path)))
        if info is None:
            if not create:
                raise DataError(t("store.missing", path=str(path)))
            ensure_dir(self.home.root)
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL
                             | getattr(os, "O_NOFOLLOW", 0), FILE_MODE)
                os.close(fd)
            except FileExistsError:
                pass
            except OSError as exc:
                raise os_error(exc, path) from exc
        mode = "ro" if read_only else "rw"
        target = f"file:{uri_path(str(path))}?mode={mode}"
        with self._guard():
            conn = connect(target, True)
            if read_only:
                try:
                    conn.execute(sql.ANY_TABLE_SQLITE).fetchone()
                except sqlite3.OperationalError:
                    # A WAL database in a folder we may not write: SQLite cannot
                    # make its shared-memory file, but may read the file as it is.
                    conn.close()
                    conn = connect(target + "&immutable=1", True)
            try:
                conn.execute(f"PRAGMA busy_timeout = {int(lock_timeout() * 1000)}")
                if not read_only:
                    conn.execute("PRAGMA synchronous = FULL")
                    # What is deleted is overwritten (a wizard's answers once
                    # done, a planted progress file's text), not left in free pages.
                    conn.execute("PRAGMA secure_delete = ON")
            except BaseException:
                conn.close()
                raise
        return conn

    def _version(self, conn: sqlite3.Connection) -> int:
        with self._guard():
            if conn.execute(sql.HAS_SCHEMA_TABLE_SQLITE).fetchone() is None:
                if conn.execute(sql.ANY_TABLE_SQLITE).fetchone()[0]:
                    raise DataError(t("store.foreign", path=str(self.home.db)))
                return 0
            row = conn.execute(sql.VERSION).fetchone()
        if row is None or not isinstance(row[0], int):
            raise DataError(t("store.damaged", path=str(self.home.db),
                              error="posguide_schema", backup=str(self.home.db_backup)))
        if row[0] > sql.LATEST_VERSION:
            raise DataError(t("store.newer", path=str(self.home.db), found=row[0],
                              known=sql.LATEST_VERSION))
        return int(row[0])

    def _migrate(self, conn: sqlite3.Connection) -> None:
        version = self._version(conn)
        if version == sql.LATEST_VERSION:
            return
        with self._guard():
            if version == 0:
                conn.execute("PRAGMA journal_mode = WAL")
            elif self._writable:
                self._backup(conn)
        for migration in sql.MIGRATIONS:
            if migration.version <= version:
                continue
            with self._tx(conn):
                for statement in sql.statements(migration, "sqlite"):
                    conn.execute(statement)

    def _backup(self, conn: sqlite3.Connection) -> None:
        """The database as it is, before a migration changes it: SQLite's
        backup API makes a consistent copy even of a database in use."""
        target = self.home.db_backup
        tmp = target.with_name(target.name + ".tmp")
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        copy = connect(str(tmp), False)
        try:
            conn.backup(copy)
        finally:
            copy.close()
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, target)

    def _finish_pending(self, conn: sqlite3.Connection) -> None:
        """Settle a change a killed command left half done (module docstring)."""
        with self._guard():
            row = conn.execute(sql.GET_PENDING).fetchone()
        if row is None:
            return
        profile_bytes, events_json, cleared_json = row
        rows = json.loads(events_json)
        if read_bytes(self.home.profile) == bytes(profile_bytes):
            with self._tx(conn):
                self._apply(conn, rows, json.loads(cleared_json))
                conn.execute(sql.DROP_PENDING)
            self.notices.append(t("store.rolled_forward", count=len(rows)))
        else:
            with self._tx(conn):
                conn.execute(sql.DROP_PENDING)
            self.notices.append(t("store.rolled_back"))

    def _tighten(self) -> None:
        """0600 for the database and SQLite's files beside it, every time."""
        for suffix in ("", "-wal", "-shm"):
            path = self.home.db.with_name(self.home.db.name + suffix)
            with contextlib.suppress(OSError):
                if os.lstat(path).st_mode & 0o777 != FILE_MODE:
                    os.chmod(path, FILE_MODE)


def old_home_present(home: Home) -> bool:
    """Whether files of a home from before posguide.db are here to import
    (two stats in the usual case, without importing store/legacy.py)."""
    if home.history.exists():
        return True
    if not home.progress_dir.is_dir():
        return False
    from . import legacy

    return legacy.present(home)


def uri_path(path: str) -> str:
    """A path as the path of an SQLite `file:` URI: the characters a URI gives
    a meaning to are escaped (urllib.parse would cost 2 ms of every start)."""
    for char, code in (("%", "%25"), ("?", "%3f"), ("#", "%23")):
        path = path.replace(char, code)
    return path


def db_error(exc: Exception, home: Home) -> DataError:
    """A SQLite error said as posguide says the others: a lock, a full disk, no
    permission, else a damaged database (named, with how to restore it)."""
    text = str(exc)
    low = text.lower()
    path = home.db
    if "locked" in low or "busy" in low:
        return DataError(t("home.locked", path=str(home.root)))
    if "disk is full" in low or "disk i/o" in low and "full" in low:
        return DataError(t("home.disk_full", path=str(path), error=text))
    if "readonly" in low or "read-only" in low or "unable to open" in low:
        return DataError(t("home.no_permission", path=str(path), error=text))
    return DataError(t("store.damaged", path=str(path), error=text,
                       backup=str(home.db_backup)))
