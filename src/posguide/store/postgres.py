"""The team store: terminals, policy, history and wizard progress of a service
agent's staff in one PostgreSQL database (DESIGN.md 2a).

History and progress run the queries of store/sql.py that the local store runs
(only the placeholder style differs). Terminals live one row each (`terminals`),
their facts as the TOML table profile.toml would hold, read back through the
same validation, with a revision number that grows on every save:

- a save based on an older revision than the database holds is refused with
  Conflict, naming who saved the newer one and when (`UPDATE ... WHERE rev = ?`
  at save time: no lock is held while a person types);
- every write is one transaction: the profile change, its events and the
  progress it clears land together or not at all;
- reading runs single SELECTs and never writes, so a read-only role answers
  every reading command; a write by such a role is told it may not write.

The connection is opened on first use, with a connect timeout; every driver
error is turned into a DataError without the URL's password (database.py).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from ..database import Database, connect, errors_said
from ..errors import DataError, UsageError
from ..i18n import t
from . import Change, Conflict, ProfileText, Revision, Store, current_user, sql

if TYPE_CHECKING:
    import psycopg

    from ..history import Event
    from ..home import Home
    from ..profile import Profile, Terminal

# One key for the schema's advisory lock: `db init` run by two people at once
# upgrades once; the second waits, then finds nothing to do.
SCHEMA_LOCK = 0x706F7367  # "posg"
TABLES = ("posguide_schema", "meta", "events", "progress", "terminals", "settings")
READER, WRITER = "posguide_reader", "posguide_writer"

_AT = "to_char(changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') || ' UTC'"
LOAD_TERMINALS = (f"SELECT name, facts, rev, changed_by, {_AT} FROM terminals "
                  "WHERE facts IS NOT NULL ORDER BY seq")
TERMINAL_ROW = f"SELECT facts, rev, changed_by, {_AT} FROM terminals WHERE name = %s"
UPDATE_TERMINAL = ("UPDATE terminals SET facts = %s, rev = rev + 1, changed_by = %s, "
                   "changed_at = now() WHERE name = %s AND rev = %s")
INSERT_TERMINAL = ("INSERT INTO terminals (name, facts, rev, changed_by) VALUES (%s, %s, 1, %s) "
                   "ON CONFLICT (name) DO NOTHING")
LOAD_SETTINGS = f"SELECT key, value, rev, changed_by, {_AT} FROM settings WHERE key = ANY(%s)"
UPDATE_SETTING = ("UPDATE settings SET value = %s, rev = rev + 1, changed_by = %s, "
                  "changed_at = now() WHERE key = %s AND rev = %s")
INSERT_SETTING = ("INSERT INTO settings (key, value, rev, changed_by) VALUES (%s, %s, 1, %s) "
                  "ON CONFLICT (key) DO NOTHING")
PUT_SETTING = ("INSERT INTO settings (key, value, rev, changed_by) VALUES (%s, %s, 1, %s) "
               "ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
               "rev = settings.rev + 1, changed_by = excluded.changed_by, changed_at = now()")
DELETE_SETTING = "DELETE FROM settings WHERE key = %s"
# The latest date of each kind for the terminals asked about, in one pass of
# the events_latest index (valid SQL on both engines; the local store asks
# one terminal and kind at a time, which SQLite answers as fast in-process).
LATEST_SOME = ("SELECT terminal, kind, MAX(day) FROM events WHERE terminal = ANY(%s) "
               "GROUP BY terminal, kind")
INSERT_EVENT = sql.placeholders(sql.INSERT_EVENT) + " ON CONFLICT (id) DO NOTHING"
FEE_CHECKS_SOME = ("SELECT terminal, day, data FROM events "
                   "WHERE kind = 'fee-check' AND terminal = ANY(%s) ORDER BY seq")


def _q(query: str) -> str:
    return sql.placeholders(query)


@dataclass(frozen=True)
class TeamBase:
    """What a `profile edit` of the team's profile was based on."""

    revisions: dict[str, Revision]
    facts: dict[str, str]  # terminal -> facts text as read
    policy: Revision | None


def facts_text(term: Terminal) -> str:
    """A terminal's facts as its profile.toml table, in TOML."""
    import tomli_w

    from ..profile import _term_to_toml

    return tomli_w.dumps(_term_to_toml(term))


class PostgresStore(Store):
    def __init__(self, home: Home, database: str | Database) -> None:
        self.home = home
        self.db = database if isinstance(database, Database) else Database(database,
                                                                           "--database")
        self.notices: list[str] = []
        self._conn: psycopg.Connection[Any] | None = None
        self._schema_ok = False

    # ------------------------------------------------------------ connection

    def _connection(self) -> psycopg.Connection[Any]:
        if self._conn is None or self._conn.closed:
            self._conn = connect(self.db, autocommit=True)
            self._schema_ok = False
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def describe(self) -> str:
        return self.db.where()

    def _check_schema(self, conn: psycopg.Connection[Any]) -> None:
        if self._schema_ok:
            return
        found = schema_version(conn)
        if found == 0:
            raise DataError(t("database.no_schema", where=self.db.where()))
        if found > sql.LATEST_VERSION:
            raise DataError(t("database.schema_newer", where=self.db.where(), found=found,
                              known=sql.LATEST_VERSION))
        if found < sql.LATEST_VERSION:
            raise DataError(t("database.schema_older", where=self.db.where(), found=found,
                              known=sql.LATEST_VERSION))
        self._schema_ok = True

    @contextmanager
    def _reading(self) -> Iterator[psycopg.Connection[Any]]:
        with errors_said(self.db, writing=False):
            conn = self._connection()
            self._check_schema(conn)
            yield conn

    @contextmanager
    def _writing(self) -> Iterator[psycopg.Connection[Any]]:
        with errors_said(self.db, writing=True):
            conn = self._connection()
            self._check_schema(conn)
            with conn.transaction():
                yield conn

    # ------------------------------------------------------------ the profile

    def load_profile(self) -> Profile | None:
        with self._reading() as conn:
            return self._load(conn)[0]

    def _load(self, conn: psycopg.Connection[Any]) -> tuple[Profile | None, dict[str, str],
                                                             Revision | None]:
        """The profile, each terminal's facts text, and the policy's revision."""
        import tomllib
        from decimal import Decimal

        from ..profile import Profile, _Bad, _term_from_toml

        profile = Profile()
        texts: dict[str, str] = {}
        for name, facts, rev, by, at in conn.execute(LOAD_TERMINALS):
            try:
                data = tomllib.loads(facts, parse_float=Decimal)
                profile.terminals[name] = _term_from_toml(name, data)
            except tomllib.TOMLDecodeError as exc:
                raise self._bad_row(f"terminals.{name}", str(exc)) from None
            except _Bad as bad:
                raise self._bad_row(bad.key, bad.problem) from None
            texts[name] = facts
            profile.revisions[name] = Revision(rev, by, at)
        me = f"default:{current_user()}"
        settings = {key: (value, Revision(rev, by, at)) for key, value, rev, by, at
                    in conn.execute(LOAD_SETTINGS, (["policy", "default", me],))}
        policy_rev = None
        if "policy" in settings:
            profile.policy = self._policy(settings["policy"][0])
            policy_rev = settings["policy"][1]
        for key in (me, "default"):
            if key in settings and settings[key][0] in profile.terminals:
                profile.default = settings[key][0]
                break
        if not profile.terminals and not settings:
            return None, texts, None
        return profile, texts, policy_rev

    def _policy(self, text: str) -> dict[str, int]:
        from ..profile import DEFAULT_POLICY

        try:
            policy = json.loads(text)
        except ValueError:
            raise self._bad_row("policy", t("profile.type.dict")) from None
        if not isinstance(policy, dict):
            raise self._bad_row("policy", t("profile.type.dict"))
        for key, value in policy.items():
            if key not in DEFAULT_POLICY or isinstance(value, bool) or \
                    not isinstance(value, int) or not 0 <= value <= 3650:
                raise self._bad_row(f"policy.{key}", t("profile.policy_value"))
        return policy

    def _bad_row(self, key: str, problem: str) -> DataError:
        return DataError(t("database.bad_row", where=self.db.where(), key=key, problem=problem))

    @contextmanager
    def change(self, *, create: bool = False,
               base: Mapping[str, Revision] | None = None) -> Iterator[Change]:
        from ..profile import Profile

        with self._writing() as conn:
            profile, texts, policy_rev = self._load(conn)
            if profile is None:
                if not create:
                    raise UsageError(t("profile.none_yet"))
                profile = Profile()
            before_policy = dict(profile.policy)
            before_default = profile.default
            loaded = dict(profile.revisions)
            change = Change(profile)
            yield change
            self._save_profile(conn, change.profile, texts, loaded, dict(base or {}),
                               before_policy, policy_rev, before_default)
            self._save_events(conn, change.events)
            for terminal, checklist in change.cleared:
                self._clear(conn, terminal, checklist)

    def _save_profile(self, conn: psycopg.Connection[Any], profile: Profile,
                      texts: Mapping[str, str], loaded: Mapping[str, Revision],
                      base: Mapping[str, Revision], before_policy: Mapping[str, int],
                      policy_rev: Revision | None, before_default: str | None) -> None:
        me = current_user()
        after = {name: facts_text(term) for name, term in profile.terminals.items()}
        # Terminals the save is based on but does not change: still checked.
        for name, rev in base.items():
            if name not in after and name not in texts:
                continue
            if after.get(name) == texts.get(name):
                self._still(conn, name, rev)
        saved: dict[str, Revision] = {}
        for name, facts in after.items():
            if name in texts:
                if facts != texts[name]:
                    expected = base.get(name, loaded[name]).number
                    self._update(conn, name, facts, expected, me)
                    saved[name] = Revision(expected + 1, me)
            elif name in base and base[name].number:
                # Based on a terminal that is gone now: someone removed it.
                self._update(conn, name, facts, base[name].number, me)
            else:
                saved[name] = Revision(self._insert(conn, name, facts, me), me)
        for name in texts:
            if name not in after:
                self._update(conn, name, None, base.get(name, loaded[name]).number, me)
        profile.revisions = {name: saved.get(name) or loaded.get(name) or Revision()
                             for name in profile.terminals}
        if dict(profile.policy) != dict(before_policy):
            value = json.dumps(profile.policy, sort_keys=True)
            if policy_rev is None:
                done = conn.execute(INSERT_SETTING, ("policy", value, me)).rowcount
            else:
                done = conn.execute(UPDATE_SETTING,
                                    (value, me, "policy", policy_rev.number)).rowcount
            if not done:
                raise self._settings_conflict(conn)
        if profile.default != before_default:
            if profile.default is None:
                conn.execute(DELETE_SETTING, (f"default:{me}",))
            else:
                conn.execute(PUT_SETTING, (f"default:{me}", profile.default, me))
                conn.execute(INSERT_SETTING, ("default", profile.default, me))

    def _still(self, conn: psycopg.Connection[Any], name: str, rev: Revision) -> None:
        row = conn.execute(TERMINAL_ROW, (name,)).fetchone()
        if row is None:
            if rev.number:
                raise self._conflict(conn, name)
            return
        if row[1] != rev.number:
            raise self._conflict(conn, name)

    def _update(self, conn: psycopg.Connection[Any], name: str, facts: str | None,
                expected: int, me: str) -> None:
        if not conn.execute(UPDATE_TERMINAL, (facts, me, name, expected)).rowcount:
            raise self._conflict(conn, name)

    def _insert(self, conn: psycopg.Connection[Any], name: str, facts: str, me: str) -> int:
        """Add a terminal; its revision number."""
        if conn.execute(INSERT_TERMINAL, (name, facts, me)).rowcount:
            return 1
        row = conn.execute(TERMINAL_ROW, (name,)).fetchone()
        if row is not None and row[0] is None and \
                conn.execute(UPDATE_TERMINAL, (facts, me, name, row[1])).rowcount:
            return int(row[1]) + 1  # removed before this change began: the name is free
        raise self._conflict(conn, name, added=True)

    def _conflict(self, conn: psycopg.Connection[Any], name: str,
                  added: bool = False) -> Conflict:
        row = conn.execute(TERMINAL_ROW, (name,)).fetchone()
        by, at = (row[2], row[3]) if row else ("?", "?")
        if added:
            key = "database.conflict_added"
        elif row is None or row[0] is None:
            key = "database.conflict_removed"
        else:
            key = "database.conflict"
        return Conflict(t(key, name=name, by=by, at=at), name, by, at)

    def _settings_conflict(self, conn: psycopg.Connection[Any]) -> Conflict:
        rows = conn.execute(LOAD_SETTINGS, (["policy"],)).fetchall()
        by, at = (rows[0][3], rows[0][4]) if rows else ("?", "?")
        return Conflict(t("database.conflict_settings", by=by, at=at), None, by, at)

    def profile_text(self) -> ProfileText:
        from ..profile import dumps

        with self._reading() as conn:
            profile, texts, policy_rev = self._load(conn)
        if profile is None:
            raise UsageError(t("profile.none_yet"))
        return ProfileText(dumps(profile), TeamBase(dict(profile.revisions), texts, policy_rev))

    def save_profile_text(self, text: ProfileText, edited: bytes) -> None:
        from ..profile import ProfileInvalid, loads

        base = text.base
        assert isinstance(base, TeamBase)
        try:
            new = loads(edited, self.home)
        except ProfileInvalid as exc:
            raise DataError(t("profile.edit_invalid", error=exc.detail,
                              kept=self._keep_rejected(edited))) from None
        try:
            with self._writing() as conn:
                current, texts, policy_rev = self._load(conn)
                before_default = current.default if current else None
                self._save_profile(conn, new, base.facts, base.revisions, base.revisions,
                                   current.policy if current else {}, base.policy,
                                   before_default)
                self._check_policy_base(conn, base.policy, policy_rev)
        except Conflict as exc:
            raise Conflict(exc.message + "\n" + self._keep_rejected(edited),
                           exc.terminal, exc.by, exc.at) from None

    def _check_policy_base(self, conn: psycopg.Connection[Any], based: Revision | None,
                           now: Revision | None) -> None:
        if (based.number if based else 0) != (now.number if now else 0):
            raise self._settings_conflict(conn)

    def _keep_rejected(self, edited: bytes) -> str:
        """Kept aside as a local edit is: card numbers masked, never a PIN."""
        from ..profile import keep_rejected

        return keep_rejected(self.home, edited)

    # ------------------------------------------------------------ history

    def append(self, events: Iterable[Event]) -> None:
        events = list(events)
        if not events:
            return
        with self._writing() as conn:
            self._save_events(conn, events)

    def _save_events(self, conn: psycopg.Connection[Any], events: list[Event]) -> None:
        if not events:
            return
        me = current_user()
        with conn.cursor() as cur:
            cur.executemany(INSERT_EVENT, [sql.event_row(e, me) for e in events])
        for e in events:
            e.by = e.by or me

    def events(self, *, terminal: str | None = None, kind: str | None = None,
               since: date | None = None, by: str | None = None) -> list[Event]:
        query, params = sql.select_events(terminal, kind, since, by)
        with self._reading() as conn:
            events = (sql.event_from_row(row) for row in conn.execute(_q(query), params))
            return [e for e in events if e is not None]

    def latest(self, terminals: Iterable[str] | None = None) -> dict[str, dict[str, date]]:
        with self._reading() as conn:
            if terminals is None:
                rows = conn.execute(sql.LATEST_ALL)
            else:
                wanted = list(terminals)
                if not wanted:
                    return {}
                rows = conn.execute(LATEST_SOME, (wanted,))
            out: dict[str, dict[str, date]] = {}
            for term, kind, day in rows:
                if d := sql.stored_day(day):
                    out.setdefault(term, {})[kind] = d
            return out

    def fee_flags(self, terminals: Iterable[str] | None = None) -> dict[str, date | None]:
        from ..fee_history import fee_flags

        with self._reading() as conn:
            if terminals is None:
                return fee_flags(conn.execute(sql.LATEST_FEE_CHECK_ALL))
            wanted = list(terminals)
            if not wanted:
                return {}
            return fee_flags(conn.execute(FEE_CHECKS_SOME, (wanted,)))

    def last_completed(self, terminal: str,
                       checklists: Iterable[str] | None = None) -> dict[str, date]:
        with self._reading() as conn:
            if checklists is None:
                rows = conn.execute(_q(sql.COMPLETED_ALL), (terminal,)).fetchall()
            else:
                rows = []
                for cid in checklists:
                    row = conn.execute(_q(sql.COMPLETED_ONE), (terminal, cid)).fetchone()
                    if row and row[0]:
                        rows.append((cid, row[0]))
            return {cid: d for cid, day in rows if (d := sql.stored_day(day))}

    # ------------------------------------------------------------ progress

    def load_progress(self, terminal: str, checklist: str) -> dict[str, Any] | None:
        with self._reading() as conn:
            row = conn.execute(_q(sql.LOAD_PROGRESS), (terminal, checklist)).fetchone()
        if row is None:
            return None
        return sql.progress_from_text(row[0], where=self.describe(), terminal=terminal,
                                      checklist=checklist)

    def save_progress(self, terminal: str, checklist: str, data: dict[str, Any]) -> None:
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        with self._writing() as conn:
            conn.execute(_q(sql.SAVE_PROGRESS), (terminal, checklist, text))

    def clear_progress(self, terminal: str, checklist: str | None = None) -> None:
        with self._writing() as conn:
            self._clear(conn, terminal, checklist)

    def _clear(self, conn: psycopg.Connection[Any], terminal: str,
               checklist: str | None) -> None:
        if checklist is None:
            conn.execute(_q(sql.CLEAR_TERMINAL_PROGRESS), (terminal,))
        else:
            conn.execute(_q(sql.CLEAR_PROGRESS), (terminal, checklist))

    def all_progress(self) -> list[tuple[str, str, dict[str, Any]]]:
        """Every saved wizard state: (terminal, checklist, data)."""
        with self._reading() as conn:
            rows = conn.execute(sql.ALL_PROGRESS).fetchall()
        return sql.readable_progress(rows, where=self.describe())

    # ------------------------------------------------------------ the schema

    def init_schema(self) -> tuple[int, int, list[str]]:
        """Create or upgrade the schema (`db init`, and `db push` first).
        Returns (version before, version now, notices)."""
        with errors_said(self.db, writing=True, denied="database.init_denied"):
            conn = self._connection()
            before: int | None = None  # as found under the lock: what this run upgraded
            while True:
                with conn.transaction():
                    conn.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,))
                    found = schema_version(conn)
                    before = found if before is None else before
                    if found > sql.LATEST_VERSION:
                        raise DataError(t("database.schema_newer", where=self.db.where(),
                                          found=found, known=sql.LATEST_VERSION))
                    if found == sql.LATEST_VERSION:
                        break
                    migration = sql.MIGRATIONS[found]  # versions are 1, 2, ...
                    for statement in sql.statements(migration, "postgres"):
                        conn.execute(statement)  # type: ignore[arg-type]
            notices = self._grant(conn)
            self._schema_ok = True
            return before or 0, sql.LATEST_VERSION, notices

    def _grant(self, conn: psycopg.Connection[Any]) -> list[str]:
        """The reader and writer group roles a team gives its people (README):
        made when missing and this role may, and granted on posguide's tables."""
        from psycopg import errors as pe

        notices: list[str] = []
        tables = ", ".join(TABLES)
        for role, rights in ((READER, "SELECT"), (WRITER, "SELECT, INSERT, UPDATE, DELETE")):
            try:
                with conn.transaction():
                    conn.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,))
                    exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s",
                                          (role,)).fetchone()
                    if not exists:
                        conn.execute(f"CREATE ROLE {role} NOLOGIN")  # type: ignore[arg-type]
                    conn.execute(f"GRANT {rights} ON {tables} TO {role}")  # type: ignore[arg-type]
            except (pe.InsufficientPrivilege, pe.DuplicateObject):
                notices.append(t("database.no_grant", role=role))
        return notices


def schema_version(conn: psycopg.Connection[Any]) -> int:
    """The schema's version; 0 when posguide's tables are not there."""
    # pg_class is read with a fresh snapshot (to_regclass would ask the
    # backend's catalog cache, which an advisory lock does not refresh: a
    # second `db init` waiting on the lock would not see the first one's tables).
    row = conn.execute("SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class c "
                       "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                       "WHERE c.relname = 'posguide_schema' "
                       "AND n.nspname = ANY(current_schemas(false)))").fetchone()
    if not row or not row[0]:
        return 0
    version = conn.execute(sql.VERSION).fetchone()
    return int(version[0]) if version else 0
