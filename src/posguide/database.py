"""Which store a run uses, and the connection to a team's PostgreSQL database.

`--database URL`, else `$POSGUIDE_DATABASE`, else `database = "..."` in
`<home>/config.toml` (DESIGN.md 2a). Without one, the store is local and this
module never imports the PostgreSQL driver: local start-up pays nothing for it.

A password may stand in the URL, but it never leaves this module: `where()` is
the URL as people see it (no password), `scrub()` takes the password (and any
`password=` setting) out of any text before it is shown, including the driver's
own error messages. `~/.pgpass` and `PGPASSWORD` work because libpq reads them
itself when the URL has no password.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import DataError, PosguideError, UsageError
from .i18n import t

if TYPE_CHECKING:
    import psycopg

SCHEMES = ("postgresql://", "postgres://")
CONNECT_TIMEOUT = 5  # seconds; $POSGUIDE_DB_TIMEOUT overrides

# Every password seen in this process: scrub() removes each from any text.
_SECRETS: set[str] = set()


@dataclass(frozen=True)
class Database:
    url: str
    source: str  # "--database", "POSGUIDE_DATABASE" or the config file's path

    def where(self) -> str:
        """The URL as it may be shown, built from its parts: scheme://user@
        host:port/database. No password, no query settings, whatever the
        password holds ('@', '/', ':')."""
        scheme, _, rest = self.url.partition("://")
        userinfo, host, path = _parts(rest)
        user = userinfo.split(":", 1)[0]
        shown = f"{scheme}://" + (f"{user}@" if user else "") + host + path
        # No password is in it by construction; a long one is still taken out
        # (a user named as the password), a short one would mask the host.
        return scrub(shown, short=False)


def resolve(option: str | None, home_root: Path) -> Database | None:
    """The team database this run uses, or None for the local store."""
    if option is not None:
        return _checked(option, "--database")
    env = os.environ.get("POSGUIDE_DATABASE")
    if env is not None and env.strip():
        return _checked(env, "POSGUIDE_DATABASE")
    config = home_root / "config.toml"
    try:
        raw = config.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        from .home import os_error

        raise os_error(exc, config) from exc
    import tomllib

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        # The text may hold a password: say only where and what kind of error.
        detail = str(exc).split("(")[-1].rstrip(")") if isinstance(
            exc, tomllib.TOMLDecodeError) else t("database.not_utf8")
        raise DataError(t("database.bad_config", path=str(config), detail=scrub(detail))) from None
    value = data.get("database")
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise DataError(t("database.bad_config", path=str(config),
                          detail=t("database.config_not_text")))
    return _checked(value, str(config))


def _checked(url: str, source: str) -> Database:
    url = url.strip()
    remember_secret(url)
    if not url.lower().startswith(SCHEMES):
        raise UsageError(t("database.bad_url", source=source, url=redact(url)))
    return Database(url, source)


# ------------------------------------------------------------ secrets

# scheme://user:password@ ... up to the LAST '@' before any query: a password
# may hold '@', '/' or ':' (bob:p@ss/1@host), and all of it is masked.
_USERINFO = re.compile(r"(?P<head>[a-z][a-z0-9+.-]*://[^:/@\s]*):(?P<pw>[^\s?#\"']*)@", re.I)
_SETTING = re.compile(r"(?P<head>\bpassword\s*=\s*)(?P<pw>'(?:[^'\\]|\\.)*'|[^\s&]+)", re.I)


def _parts(rest: str) -> tuple[str, str, str]:
    """(userinfo, host[:port], /database) of what follows "scheme://": the
    userinfo ends at the last '@' before the query, the host at the next '/'."""
    rest = rest.split("?", 1)[0].split("#", 1)[0]
    at = rest.rfind("@")
    userinfo, hostpart = (rest[:at], rest[at + 1:]) if at >= 0 else ("", rest)
    host, slash, database = hostpart.partition("/")
    return userinfo, host, slash + database


def _passwords_in(url: str) -> list[str]:
    from urllib.parse import unquote

    found = []
    for match in _USERINFO.finditer(url):
        found += [match.group("pw"), unquote(match.group("pw"))]
    _, sep, rest = url.partition("://")
    if sep:
        userinfo = _parts(rest)[0]
        if ":" in userinfo:
            pw = userinfo.split(":", 1)[1]
            found += [pw, unquote(pw)]
    for match in _SETTING.finditer(url):
        pw = match.group("pw").strip("'")
        found += [pw, unquote(pw)]
    # The driver may split a password at '@', '/' or ':' itself (libpq ends the
    # userinfo at the first '@'), and show a piece of it as a host name or port.
    pieces = [piece for pw in found for piece in re.split(r"[@/:]", pw)]
    return [pw for pw in found + pieces if pw]


def remember_secret(url: str) -> None:
    """Note the password in `url`, so scrub() can take it out of any text."""
    _SECRETS.update(_passwords_in(url))


def redact(text: str) -> str:
    """`text` with every URL password and `password=` setting masked."""
    text = _USERINFO.sub(lambda m: f"{m.group('head')}:***@", text)
    return _SETTING.sub(lambda m: f"{m.group('head')}***", text)


def scrub(text: str, *, short: bool = True) -> str:
    """`text` with no password in it: the URL forms masked and every password
    this process has seen replaced, wherever it stands; one of one or two
    characters (`short`) only where it stands on its own, between characters
    that are neither letters, digits nor '.' (`"ss@host"`, not `127.0.0.1`):
    replaced everywhere, it would garble every message."""
    text = redact(text)
    for secret in sorted(_SECRETS, key=len, reverse=True):
        if len(secret) >= 3:
            text = text.replace(secret, "***")
        elif short and secret in text:
            text = re.sub(rf"(?<![^\W_]|\.){re.escape(secret)}(?![^\W_]|\.)", "***", text)
    return text


# ------------------------------------------------------------ connecting


def connect_timeout() -> int:
    try:
        return max(1, int(os.environ.get("POSGUIDE_DB_TIMEOUT", CONNECT_TIMEOUT)))
    except ValueError:
        return CONNECT_TIMEOUT


def connect(db: Database, *, autocommit: bool = False) -> psycopg.Connection[Any]:
    """A connection to the team database, or a DataError (exit 3) that says why
    without the password, within the connect timeout."""
    try:
        import psycopg
    except ImportError:  # pragma: no cover - psycopg is a dependency
        raise DataError(t("database.no_driver")) from None
    try:
        return psycopg.connect(db.url, connect_timeout=connect_timeout(),
                               application_name="posguide", autocommit=autocommit)
    except psycopg.Error as exc:
        raise connect_error(db, exc) from None


def connect_error(db: Database, exc: BaseException) -> DataError:
    reason = _reason(exc)
    lowered = reason.lower()
    if "password authentication failed" in lowered or "no password supplied" in lowered \
            or "authentication failed" in lowered:
        return DataError(t("database.auth_failed", where=db.where(), reason=reason))
    if "does not exist" in lowered and "database" in lowered:
        return DataError(t("database.no_such_database", where=db.where(), reason=reason))
    return DataError(t("database.unreachable", where=db.where(), reason=reason))


def _reason(exc: BaseException) -> str:
    """The driver's message, one line, no password."""
    text = " ".join(str(exc).split())
    return scrub(text) or type(exc).__name__


@contextmanager
def errors_said(db: Database, *, writing: bool,
                denied: str = "database.read_only") -> Iterator[None]:
    """Turn the driver's errors into ours: a role that may not write, a schema
    not made yet, a server gone away. Never with the password in them."""
    import psycopg
    from psycopg import errors as pe

    try:
        yield
    except PosguideError:
        raise
    except (pe.InsufficientPrivilege, pe.ReadOnlySqlTransaction) as exc:
        if writing:
            raise DataError(t(denied, where=db.where(), role=_role(db))) from None
        raise DataError(t("database.no_read", where=db.where(), role=_role(db),
                          reason=_reason(exc))) from None
    except pe.UndefinedTable:
        raise DataError(t("database.no_schema", where=db.where())) from None
    except psycopg.OperationalError as exc:
        raise connect_error(db, exc) from None
    except psycopg.Error as exc:
        raise DataError(t("database.failed", where=db.where(), reason=_reason(exc))) from None


def _role(db: Database) -> str:
    from urllib.parse import unquote, urlsplit

    try:
        user = urlsplit(db.url).username
    except ValueError:
        user = None
    return unquote(user) if user else (os.environ.get("PGUSER") or _login())


def _login() -> str:
    from .store import current_user

    return current_user()
