"""The schema and every query of the history and the wizard progress, shared by
the local store (SQLite) and the team store (PostgreSQL).

Written in the SQL both engines speak: `?` placeholders (the PostgreSQL store
turns them into `%s` with `placeholders()`), ids and dates as text (a date is
ISO `YYYY-MM-DD`, which sorts as the date does), JSON as text, upserts with
`ON CONFLICT ... DO UPDATE`. The few words that differ between engines are
named in `DIALECTS` and filled into the statements by `statements()`.

Migrations are numbered and applied in order, each in its own transaction with
the version bump (as in llm's migrations.py): a schema is never half upgraded.
Version 0 is "no posguide tables yet".
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

# Words that differ: the auto-numbered key, and bytes.
DIALECTS: dict[str, dict[str, str]] = {
    "sqlite": {"serial": "INTEGER PRIMARY KEY", "blob": "BLOB"},
    "postgres": {"serial": "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY", "blob": "BYTEA"},
}


class Migration:
    """One step of the schema: statements for both engines, and for each alone
    (the local store's pending table; the team store's terminals tables)."""

    __slots__ = ("about", "postgres", "shared", "sqlite", "version")

    def __init__(self, version: int, about: str, shared: tuple[str, ...] = (),
                 sqlite: tuple[str, ...] = (), postgres: tuple[str, ...] = ()) -> None:
        self.version = version
        self.about = about
        self.shared = shared
        self.sqlite = sqlite
        self.postgres = postgres


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1, "history, wizard progress, facts about the store",
        shared=(
            # One row: the schema's version. Its name says the database is posguide's.
            "CREATE TABLE posguide_schema (version INTEGER NOT NULL)",
            "INSERT INTO posguide_schema (version) VALUES (0)",
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            # seq: the order recorded. checklist: the checklist a `checklist` or
            # `sim-swap` event completes (NULL for every other event), so "last
            # completed" is an index lookup. data: the event's JSON object.
            # by_user: who did it ("by" is a reserved word).
            """CREATE TABLE events (
                seq {serial},
                id TEXT NOT NULL,
                terminal TEXT NOT NULL,
                kind TEXT NOT NULL,
                day TEXT NOT NULL,
                checklist TEXT,
                note TEXT,
                data TEXT,
                by_user TEXT
            )""",
            "CREATE INDEX events_latest ON events (terminal, kind, day)",
            "CREATE INDEX events_completed ON events (terminal, checklist, day)",
            "CREATE INDEX events_day ON events (day)",
            # Unique: an event is the same event wherever it is copied (db push,
            # db pull, an old home imported twice): never recorded twice.
            "CREATE UNIQUE INDEX events_id ON events (id)",
            """CREATE TABLE progress (
                terminal TEXT NOT NULL,
                checklist TEXT NOT NULL,
                data TEXT NOT NULL,
                PRIMARY KEY (terminal, checklist)
            )""",
        ),
        sqlite=(
            # A change of profile.toml and the database together, written here
            # first and rolled forward by the next command if one was killed
            # half way (store/local.py). At most one row.
            """CREATE TABLE pending (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                profile {blob},
                events TEXT NOT NULL,
                cleared TEXT NOT NULL
            )""",
        ),
        postgres=(
            # The team's terminals, one row each: `facts` is the terminal's
            # table of profile.toml as TOML text (read back through the same
            # validation as the file), NULL once removed. `rev` grows with every
            # save: a save based on an older rev is refused (DESIGN 2a), naming
            # changed_by and changed_at. seq keeps the order they were added.
            """CREATE TABLE terminals (
                seq BIGINT GENERATED ALWAYS AS IDENTITY,
                name TEXT PRIMARY KEY,
                facts TEXT,
                rev BIGINT NOT NULL,
                changed_by TEXT NOT NULL,
                changed_at TIMESTAMPTZ NOT NULL DEFAULT now()
            )""",
            # The team's [policy] (key 'policy', JSON), its default terminal
            # ('default') and each person's own ('default:NAME').
            """CREATE TABLE settings (
                key TEXT PRIMARY KEY,
                value TEXT NOT NULL,
                rev BIGINT NOT NULL,
                changed_by TEXT NOT NULL,
                changed_at TIMESTAMPTZ NOT NULL DEFAULT now()
            )""",
        ),
    ),
)

LATEST_VERSION = MIGRATIONS[-1].version


def statements(migration: Migration, dialect: str) -> list[str]:
    """The migration's statements for one engine, its version bump last."""
    words = DIALECTS[dialect]
    own = migration.sqlite if dialect == "sqlite" else migration.postgres
    out = [s.format(**words) for s in (*migration.shared, *own)]
    out.append(f"UPDATE posguide_schema SET version = {int(migration.version)}")
    return out


def placeholders(sql: str, style: str = "%s") -> str:
    """`?` placeholders in another driver's style (no query here has a `?`
    inside a string literal)."""
    return sql.replace("?", style)


# ------------------------------------------------------------------ the schema

HAS_SCHEMA_TABLE_SQLITE = (
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'posguide_schema'")
ANY_TABLE_SQLITE = "SELECT count(*) FROM sqlite_master"
VERSION = "SELECT version FROM posguide_schema"

GET_META = "SELECT value FROM meta WHERE key = ?"
SET_META = ("INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value")

# ------------------------------------------------------------------ events

EVENT_COLUMNS = "id, terminal, kind, day, checklist, note, data, by_user"
INSERT_EVENT = f"INSERT INTO events ({EVENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
COUNT_EVENTS = "SELECT count(*) FROM events"
HAS_EVENT = "SELECT 1 FROM events WHERE id = ?"

# Every terminal at once (a fleet): one pass over the index.
LATEST_ALL = "SELECT terminal, kind, MAX(day) FROM events GROUP BY terminal, kind"
# Some terminals at once, as many as IN_CHUNK in one query ({marks}: that many ?).
IN_CHUNK = 400  # with the kinds, below the 999 parameters of old SQLite builds
# One query, yet one index lookup per (terminal, kind) pair: a GROUP BY would
# walk every event of the terminals (100,000 for a busy one). {values}: (?),(?)...
# for the terminals, {kinds} the same for history.KINDS.
LATEST_SOME = ("WITH t(terminal) AS (VALUES {values}), k(kind) AS (VALUES {kinds}) "
               "SELECT t.terminal, k.kind, (SELECT MAX(day) FROM events e "
               "WHERE e.terminal = t.terminal AND e.kind = k.kind) FROM t, k")
# Per terminal, its latest fee check that checked anything (fee_flags skips
# verdict "unknown": written as event_row writes JSON), one index walk each.
FEE_CHECKS_SOME = ("WITH t(terminal) AS (VALUES {values}) "
                   "SELECT e.terminal, e.day, e.data FROM t JOIN events e ON e.seq = "
                   "(SELECT seq FROM events WHERE terminal = t.terminal AND kind = 'fee-check' "
                   "AND (data IS NULL OR data NOT LIKE '%\"verdict\":\"unknown\"%') "
                   "ORDER BY day DESC, seq DESC LIMIT 1)")
# Per (terminal, checklist): one lookup in events_completed.
COMPLETED_ONE = "SELECT MAX(day) FROM events WHERE terminal = ? AND checklist = ?"
COMPLETED_ALL = ("SELECT checklist, MAX(day) FROM events "
                 "WHERE terminal = ? AND checklist IS NOT NULL GROUP BY checklist")
# The fee checks of all terminals, in the order recorded (FEE_CHECKS_SOME: of some):
# the latest that checked anything says whether money was taken above the
# plan (`fee_rate`; see fee_flag).
LATEST_FEE_CHECK_ALL = ("SELECT terminal, day, data FROM events WHERE kind = 'fee-check' "
                        "ORDER BY seq")


# The kinds whose events complete a checklist (the `checklist` column).
COMPLETING_KINDS = ("checklist", "sim-swap")


def select_events(terminal: str | None = None, kind: str | None = None,
                  since: date | None = None, by: str | None = None) -> tuple[str, list[Any]]:
    """The events matching every filter given, in the order recorded."""
    where: list[str] = []
    params: list[Any] = []
    for column, value in (("terminal", terminal), ("kind", kind), ("by_user", by)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    if since is not None:
        where.append("day >= ?")
        params.append(since.isoformat())
    sql = f"SELECT {EVENT_COLUMNS} FROM events"
    if where:
        sql += " WHERE " + " AND ".join(where)
    return sql + " ORDER BY seq", params


# ------------------------------------------------------------------ progress

LOAD_PROGRESS = "SELECT data FROM progress WHERE terminal = ? AND checklist = ?"
SAVE_PROGRESS = ("INSERT INTO progress (terminal, checklist, data) VALUES (?, ?, ?) "
                 "ON CONFLICT (terminal, checklist) DO UPDATE SET data = excluded.data")
# Only where there is none yet (an import must not replace newer progress).
ADD_PROGRESS = ("INSERT INTO progress (terminal, checklist, data) VALUES (?, ?, ?) "
                "ON CONFLICT (terminal, checklist) DO NOTHING")
CLEAR_PROGRESS = "DELETE FROM progress WHERE terminal = ? AND checklist = ?"
CLEAR_TERMINAL_PROGRESS = "DELETE FROM progress WHERE terminal = ?"
ALL_PROGRESS = "SELECT terminal, checklist, data FROM progress ORDER BY terminal, checklist"

def progress_from_text(text: Any, *, where: str, terminal: str,
                       checklist: str) -> dict[str, Any]:
    """A wizard's saved progress as stored (JSON text), for every store. A
    damaged entry (not JSON, not an object, nested past reason) is a DataError
    (exit 3) saying how to start over: never offered as no progress, which the
    next save would overwrite."""
    import json

    from ..errors import DataError
    from ..i18n import t

    try:
        data = json.loads(text) if isinstance(text, str | bytes) else None
    except (ValueError, RecursionError):
        data = None
    if not isinstance(data, dict):
        raise DataError(t("store.progress_unreadable", path=where, terminal=terminal,
                          checklist=checklist))
    return data



def readable_progress(rows: Any, *, where: str) -> list[tuple[str, str, dict[str, Any]]]:
    """Every (terminal, checklist, data) of ALL_PROGRESS rows that can be read.
    An unreadable entry is left out here: load_progress says so when the
    wizard offers it."""
    from ..errors import DataError

    out = []
    for terminal, checklist, text in rows:
        try:
            out.append((terminal, checklist, progress_from_text(
                text, where=where, terminal=terminal, checklist=checklist)))
        except DataError:
            continue
    return out

# ------------------------------------------------------------------ pending (local)

GET_PENDING = "SELECT profile, events, cleared FROM pending WHERE id = 1"
PUT_PENDING = "INSERT INTO pending (id, profile, events, cleared) VALUES (1, ?, ?, ?)"
DROP_PENDING = "DELETE FROM pending WHERE id = 1"


def event_row(event: Any, by: str | None) -> tuple[Any, ...]:
    """An Event as the values of INSERT_EVENT (`by` when the event has none)."""
    import json

    cid = event.data.get("checklist") if event.kind in COMPLETING_KINDS else None
    data = json.dumps(event.data, ensure_ascii=False, separators=(",", ":")) \
        if event.data else None
    return (event.id, event.terminal, event.kind, event.date.isoformat(),
            cid if isinstance(cid, str) else None, event.note or None, data,
            event.by or by)


def event_from_row(row: Iterable[Any]) -> Any:
    """The Event of a row selected with EVENT_COLUMNS, or None for a row that
    posguide would not have written (a database edited by other means): it is
    checked as every stored event is (Event.from_json)."""
    import json

    from ..history import Event

    id_, terminal, kind, day, _checklist, note, data, by = row
    try:
        loaded = json.loads(data) if data else {}
        return Event.from_json({"id": id_, "terminal": terminal, "kind": kind, "date": day,
                                "note": note, "data": loaded if isinstance(loaded, dict)
                                else {}, "by": by})
    except (ValueError, TypeError, RecursionError):
        return None


def stored_day(value: Any) -> date | None:
    """A day read back from the events table, or None when it is not one
    posguide would have written (see validate.parse_day)."""
    from ..validate import parse_day

    return parse_day(value) if isinstance(value, str) else None
