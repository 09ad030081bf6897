"""Reminders that reach people (DESIGN.md section 11): the channels, what is
new or worse since a channel's last message, and the delivery state that makes
sure nothing is lost and nothing delivered is sent twice.

Channels live in `<home>/notify.toml`, each channel's delivery state in
`<home>/notify-state.json`; both are written atomically, under the home's lock,
mode 0600. A channel remembers, per terminal and status code, the severity its
last delivered message told it (`delivered`). A run sends what is now worse
than that. A failed send changes nothing but `pending`, so the next run finds
the same items still owed and tries again.

The crash window, honestly: a message is marked "sending" before it goes and
"delivered" right after the channel took it. A run killed in between (after
the robot or mail server accepted the message, before the state was written:
a few milliseconds) cannot know whether it arrived. The next run sends it
again, saying it may be a repeat; an email keeps its Message-ID, so mail
readers show it once. Everything outside that window is sent exactly once.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from .errors import DataError, UsageError
from .home import Home, atomic_write, read_bytes
from .i18n import get_lang, set_lang, t, tn

if TYPE_CHECKING:
    from .channels import Outgoing
    from .profile import Terminal
    from .status import Finding
    from .store import Store

SCHEMA = 1
KINDS = ("desktop", "webhook", "email")
SECURITIES = ("starttls", "ssl", "none")
NAME_RE = re.compile(r"[A-Za-z0-9_-]{1,32}")
# What each kind keeps in notify.toml, and which of those are required.
SETTINGS: dict[str, tuple[set[str], set[str]]] = {
    "desktop": (set(), set()),
    "webhook": ({"url", "format", "secret"}, {"url", "format"}),
    "email": ({"host", "port", "security", "user", "password_file", "sender", "to"},
              {"host", "port", "security", "sender", "to"}),
}
NOTIFY_SEVERITIES = ("warn", "critical")  # info is for `status`, not for a message
_RANK = {"ok": 0, "info": 0, "warn": 1, "critical": 2}


def config_path(home: Home) -> Any:
    return home.root / "notify.toml"


def state_path(home: Home) -> Any:
    return home.root / "notify-state.json"


def run_lock_path(home: Home) -> Any:
    return home.root / ".notify.lock"


@dataclass
class Channel:
    name: str
    kind: str
    lang: str
    settings: dict[str, Any] = field(default_factory=dict)

    def target(self) -> str:
        """Where it sends, with its secrets masked, for `notify list`."""
        from .channels import mask_url

        s = self.settings
        if self.kind == "webhook":
            return mask_url(s["url"]) + (" (" + t("notify.signed") + ")" if s.get("secret")
                                         else "")
        if self.kind == "email":
            return f"{', '.join(s['to'])} via {s['host']}:{s['port']} ({s['security']})"
        return t("notify.desktop_target")

    def to_json(self) -> dict[str, Any]:
        """For `notify list --json`: no secret, the address masked."""
        from .channels import mask_url

        out: dict[str, Any] = {"name": self.name, "kind": self.kind, "lang": self.lang}
        s = self.settings
        if self.kind == "webhook":
            out.update(format=s["format"], url=mask_url(s["url"]), signed=bool(s.get("secret")))
        elif self.kind == "email":
            out.update(host=s["host"], port=s["port"], security=s["security"],
                       sender=s["sender"], to=list(s["to"]), user=s.get("user"),
                       password_file=s.get("password_file"))
        return out


# --- notify.toml ----------------------------------------------------------------

def load_channels(home: Home) -> dict[str, Channel]:
    """The channels, checked: a wrong entry names the file and the key (exit 3,
    whatever is wrong: a hand-edited file is data, not a mistyped option)."""
    from .tomlfile import read_toml

    path = config_path(home)
    raw = read_bytes(path)
    if raw is None:
        return {}

    def bad(key: str, problem: str) -> DataError:
        return DataError(t("notify.config_bad", path=str(path), key=key, problem=problem))

    data = read_toml(raw, str(path), lambda detail: bad("-", detail))
    if data.get("schema") != SCHEMA:
        raise bad("schema", t("notify.expected_schema", schema=SCHEMA))
    tables = data.get("channels", {})
    if not isinstance(tables, dict):
        raise bad("channels", t("notify.expected_table"))
    out: dict[str, Channel] = {}
    for name, entry in tables.items():
        where = f"channels.{name}"
        if not NAME_RE.fullmatch(name):
            raise bad(where, t("notify.name_rule"))
        if not isinstance(entry, dict) or entry.get("kind") not in KINDS:
            raise bad(f"{where}.kind", t("notify.expected_one_of", choices=" | ".join(KINDS)))
        kind = entry["kind"]
        lang = entry.get("lang", "en")
        if lang not in ("en", "zh"):
            raise bad(f"{where}.lang", t("notify.expected_one_of", choices="en | zh"))
        settings = {k: v for k, v in entry.items() if k not in ("kind", "lang")}
        allowed, required = SETTINGS[kind]
        for key in settings:
            if key not in allowed:
                raise bad(f"{where}.{key}", t("notify.no_such_key"))
        for key in sorted(required - set(settings)):
            raise bad(f"{where}.{key}", t("notify.missing_key"))
        try:
            settings = check_settings(kind, settings)
        except UsageError as exc:
            raise bad(where, exc.message) from None
        out[name] = Channel(name, kind, lang, settings)
    return out


# Which `notify add` options each kind takes (URL is the webhook's argument).
OPTIONS: dict[str, set[str]] = {
    "desktop": set(),
    "webhook": {"URL", "--format", "--secret"},
    "email": {"--host", "--port", "--security", "--user", "--password-file", "--from", "--to"},
}


def new_channel(home: Home, kind: str, options: Mapping[str, Any], name: str | None,
                lang: str) -> Channel:
    """Add the channel `notify add KIND` describes and return it. `options`
    holds every option as typed (None when not given), keyed as the user
    types it ("URL", "--host", ...): each kind's rules are checked here,
    whether it came from the command line or from anywhere else."""
    from pathlib import Path

    if kind not in KINDS:
        raise UsageError(t("notify.bad_kind", kind=kind, kinds=" | ".join(KINDS)))
    stray = [k for k, v in options.items() if v is not None and k not in OPTIONS[kind]]
    if stray:
        raise UsageError(t("notify.stray_option", option=stray[0], kind=kind))
    settings: dict[str, Any] = {}
    if kind == "webhook":
        from .channels import check_url, robot_for_url

        url = options.get("URL")
        if not url:
            raise UsageError(t("notify.needs_url"))
        url = check_url(url)
        settings = {"url": url, "format": options.get("--format") or robot_for_url(url)}
        if options.get("--secret") is not None:
            settings["secret"] = options["--secret"]
    elif kind == "email":
        for option in ("--host", "--from", "--to"):
            if not options.get(option):
                raise UsageError(t("notify.needs_option", option=option))
        security = options.get("--security") or "starttls"
        settings = {"host": options["--host"],
                    "port": options.get("--port") or (465 if security == "ssl" else 587),
                    "security": security, "sender": options["--from"],
                    "to": list(options["--to"])}
        if options.get("--user"):
            settings["user"] = options["--user"]
        if options.get("--password-file"):
            path = Path(options["--password-file"]).expanduser().absolute()
            if not path.is_file():
                raise UsageError(t("notify.password_missing", path=str(path)))
            settings["password_file"] = str(path)
    settings = check_settings(kind, settings)
    if name is not None and not NAME_RE.fullmatch(name):
        raise UsageError(t("notify.bad_name", name=name))
    with home.locked():
        channels = load_channels(home)
        channel = Channel(name or default_name(kind, settings, channels), kind, lang, settings)
        if channel.name in channels:
            raise UsageError(t("notify.exists", name=channel.name))
        channels[channel.name] = channel
        atomic_write(config_path(home), _dump_channels(channels))
    return channel


def check_settings(kind: str, s: dict[str, Any]) -> dict[str, Any]:
    """A channel's settings as they must be, whether typed or read from the file."""
    from .channels import check_url, robots

    s = dict(s)
    for key in ("url", "format", "secret", "host", "security", "user", "password_file",
                "sender"):
        if key in s and not isinstance(s[key], str):
            raise UsageError(t("notify.missing_value", key=key))
    if kind == "webhook":
        if not isinstance(s.get("url"), str):
            raise UsageError(t("notify.missing_value", key="url"))
        s["url"] = check_url(s["url"])
        if s.get("format") not in robots():
            raise UsageError(t("notify.bad_format", formats=" | ".join(robots())))
        if s.get("secret") is not None:
            if not isinstance(s["secret"], str) or not s["secret"].strip():
                raise UsageError(t("notify.bad_secret"))
            if robots()[s["format"]].signing == "none":
                raise UsageError(t("notify.secret_unused", format=s["format"]))
    elif kind == "email":
        from .channels import LOOPBACK

        for key in ("host", "sender"):
            if not isinstance(s.get(key), str) or not s[key].strip():
                raise UsageError(t("notify.missing_value", key=key))
        port = s.get("port")
        if isinstance(port, bool) or not isinstance(port, int) or not 0 < port < 65536:
            raise UsageError(t("notify.bad_port", value=port))
        to = s.get("to")
        if isinstance(to, str):
            to = [to]
        if not isinstance(to, list) or not to or not all(isinstance(a, str) for a in to):
            raise UsageError(t("notify.missing_value", key="to"))
        for address in [s["sender"], *to]:
            if not re.fullmatch(r"[^@\s<>,]+@[^@\s<>,]+\.[^@\s<>,]+", address):
                raise UsageError(t("notify.bad_address", value=address))
        s["to"] = to
        if s.get("security") not in SECURITIES:
            raise UsageError(t("notify.bad_security"))
        # A password or a message must not cross the network in the clear.
        if s["security"] == "none" and s["host"] not in LOOPBACK:
            raise UsageError(t("notify.plain_smtp", host=s["host"]))
        if s.get("password_file") and not s.get("user"):
            raise UsageError(t("notify.password_needs_user"))
        # A login with no password is refused by every real server, after
        # the message was composed: say so now.
        if s.get("user") and not s.get("password_file"):
            raise UsageError(t("notify.user_needs_password"))
    return s


def _dump_channels(channels: Mapping[str, Channel]) -> bytes:
    import tomli_w

    tables = {c.name: {"kind": c.kind, "lang": c.lang, **c.settings}
              for c in channels.values()}
    head = ("# posguide's reminder channels: `posguide notify list` shows them.\n"
            "# Keep this file private (it holds robot addresses and keys).\n")
    return (head + tomli_w.dumps({"schema": SCHEMA, "channels": tables})).encode("utf-8")


def remove_channel(home: Home, name: str) -> None:
    """Forget a channel and what it was owed (under the run lock too: a run in
    progress must not write the channel's state back)."""
    with run_lock(home), home.locked():
        channels = load_channels(home)
        if name not in channels:
            raise UsageError(t("notify.no_channel", name=name,
                               names=", ".join(channels) or "-"))
        del channels[name]
        atomic_write(config_path(home), _dump_channels(channels))
        state = load_state(home)
        if state.pop(name, None) is not None:
            save_state(home, state)


def default_name(kind: str, settings: Mapping[str, Any], taken: Mapping[str, Any]) -> str:
    base = settings.get("format", kind) if kind == "webhook" else kind
    name, n = base, 2
    while name in taken:
        name, n = f"{base}{n}", n + 1
    return name


# --- notify-state.json ----------------------------------------------------------

def load_state(home: Home) -> dict[str, dict[str, Any]]:
    path = state_path(home)
    raw = read_bytes(path)
    if raw is None:
        return {}
    try:
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict) or data.get("schema") != SCHEMA \
                or not isinstance(data.get("channels"), dict):
            raise ValueError("schema")
        for cs in data["channels"].values():
            _check_channel_state(cs)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise DataError(t("notify.state_bad", path=str(path))) from None
    return data["channels"]


def _check_channel_state(cs: Any) -> None:
    """A channel's state as run() writes it, or ValueError: a file edited by
    hand or cut short must stop with a message, never with a traceback."""
    def severities(value: Any) -> bool:
        return isinstance(value, dict) and all(
            isinstance(k, str) and v in NOTIFY_SEVERITIES for k, v in value.items())

    def day(value: Any) -> bool:
        if not isinstance(value, str):
            return False
        try:
            date.fromisoformat(value)
        except ValueError:
            return False
        return True

    if not isinstance(cs, dict) or not severities(cs.get("delivered", {})):
        raise ValueError("delivered")
    for key in ("last_sent", "checked"):
        if cs.get(key) is not None and not day(cs[key]):
            raise ValueError(key)
    pending = cs.get("pending")
    if pending is not None and not (
            isinstance(pending, dict) and isinstance(pending.get("id"), str)
            and pending.get("status") in ("sending", "failed")
            and severities(pending.get("items")) and day(pending.get("since"))
            and isinstance(pending.get("tries"), int)
            and isinstance(pending.get("error"), str | None)):
        raise ValueError("pending")
    last = cs.get("last")
    if last is not None and not (isinstance(last, dict) and day(last.get("date"))
                                 and isinstance(last.get("ok"), bool)
                                 and isinstance(last.get("error", ""), str)):
        raise ValueError("last")


def save_state(home: Home, state: Mapping[str, Any]) -> None:
    with home.locked():
        # One line: the indenting encoder is pure Python, several times slower
        # on a fleet's worth of items.
        data = json.dumps({"schema": SCHEMA, "channels": state}, ensure_ascii=False,
                          separators=(",", ":"), sort_keys=True)
        atomic_write(state_path(home), data.encode("utf-8"))


@contextlib.contextmanager
def run_lock(home: Home) -> Iterator[None]:
    """One `notify run` (or `remove`) at a time: two runs from two schedulers
    must not both send the same message."""
    from filelock import FileLock, Timeout

    from .home import lock_timeout

    home.ensure()
    lock = FileLock(str(run_lock_path(home)))
    try:
        lock.acquire(timeout=lock_timeout())
    except Timeout:
        raise DataError(t("notify.busy", path=str(home.root))) from None
    with contextlib.suppress(OSError):
        os.chmod(run_lock_path(home), 0o600)
    try:
        yield
    finally:
        lock.release()


# --- what there is to say -------------------------------------------------------



Looked = list[tuple["Terminal", list["Finding"]]]


def look(store: Store, today: date) -> Looked:
    """Every terminal's findings, as `status --all` has them, in the current
    language. No profile (a mistyped home) is an error, exit 3: a scheduled
    check must not stay silent."""
    from .status import evaluate

    profile = store.load_profile()
    if profile is None or not profile.terminals:
        raise DataError(t("notify.no_profile", path=str(store.home.root)))
    latest = store.latest(profile.terminals)
    flags = store.fee_flags(profile.terminals)
    policy = profile.effective_policy()
    return [(term, evaluate(term, latest.get(term.name, {}), policy, today,
                            profile.needs_name(term.name), flags.get(term.name),
                            term.name in flags))
            for term in profile.terminals.values()]


def key_of(terminal: str, code: str) -> str:
    return f"{terminal}/{code}"


def current(looked: Looked) -> dict[str, str]:
    return {key_of(term.name, f.code): f.severity
            for term, findings in looked for f in findings
            if f.severity in NOTIFY_SEVERITIES}


def owed(delivered: Mapping[str, str], now: Mapping[str, str]) -> dict[str, str]:
    """What is new or worse than the channel was last told."""
    return {k: s for k, s in now.items() if _RANK[s] > _RANK.get(delivered.get(k, "ok"), 0)}


def settle(delivered: Mapping[str, str], now: Mapping[str, str]) -> dict[str, str]:
    """What the channel was told, lowered to what is still true: a SIM renewed
    (or only due soon again) is forgotten, so its next turn for the worse is news."""
    out = {}
    for k, s in delivered.items():
        if k in now:
            out[k] = s if _RANK[now[k]] >= _RANK[s] else now[k]
    return out


@contextlib.contextmanager
def language(lang: str) -> Iterator[None]:
    before = get_lang()
    set_lang(lang)
    try:
        yield
    finally:
        set_lang(before)


def compose(looked: Looked, items: Mapping[str, str], today: date, message_id: str,
            limit: int | None = None, repeat: bool = False
            ) -> tuple[Outgoing, dict[str, str]]:
    """The message for `items`, grouped per terminal, most urgent first, each
    with its fix commands, in the current language. With a byte `limit`, the
    terminals that do not fit are left for the next message; the second value
    is what this message really says."""
    from .channels import Outgoing
    from .render import SEVERITY_STYLE
    from .status import urgency

    groups = []
    for term, findings in looked:
        chosen = sorted((f for f in findings if key_of(term.name, f.code) in items),
                        key=urgency)
        if chosen:
            groups.append((urgency(chosen[0]), term, chosen))
    groups.sort(key=lambda g: g[0])
    total = sum(len(g[2]) for g in groups)

    def title(count: int) -> str:
        return tn("notify.title", count, date=today.isoformat())

    blocks: list[tuple[str, Terminal, list[Finding]]] = []
    for _, term, chosen in groups:
        head = term.name + (f" ({term.location})" if term.location else "")
        lines = [head]
        for f in chosen:
            lines.append(f"{SEVERITY_STYLE[f.severity][0]} {f.message}")
            lines.extend(f"    {fix}" for fix in f.fixes)
        blocks.append(("\n".join(lines), term, chosen))

    def text_of(kept: list[tuple[str, Terminal, list[Finding]]], left: int) -> str:
        parts = [title(sum(len(b[2]) for b in kept))]
        if repeat:
            parts.append(t("notify.maybe_repeat"))
        parts.extend(b[0] for b in kept)
        if left:
            parts.append(tn("notify.more", left))
        parts.append(t("notify.footer"))
        return "\n\n".join(parts)

    kept = list(blocks)
    text = text_of(kept, 0)
    while limit is not None and len(text.encode("utf-8")) > limit and len(kept) > 1:
        kept.pop()
        text = text_of(kept, total - sum(len(b[2]) for b in kept))
    if limit is not None and len(text.encode("utf-8")) > limit:
        # One terminal alone is too long: cut its text, keep its items.
        text = text.encode("utf-8")[:limit - 3].decode("utf-8", "ignore") + "…"
    said = {key_of(term.name, f.code): f.severity for _, term, fs in kept for f in fs}
    terminals = [{"name": term.name, "findings": [f.to_json() for f in fs]}
                 for _, term, fs in kept]
    return Outgoing(message_id, title(len(said)), text, get_lang(), terminals), said


def test_message(message_id: str) -> Outgoing:
    from .channels import Outgoing

    return Outgoing(message_id, t("notify.test_title"), t("notify.test_text"), get_lang(), [])


# --- a run ----------------------------------------------------------------------

Send = Callable[["Channel", "Outgoing"], None]


@dataclass
class Outcome:
    channel: str
    result: str  # "sent", "nothing", "held", "failed"
    items: int = 0
    error: str | None = None


def new_id() -> str:
    return os.urandom(8).hex()


def run(store: Store, today: date, send: Send) -> list[Outcome]:
    """Send every channel what is new or worse since its last delivered
    message. `send` raises channels.SendError when a channel does not take it."""
    from .channels import SendError, max_bytes

    home = store.home
    # First the profile: a wrong home is exit 3 even when it has no channels.
    run_lang = get_lang()
    looked_by_lang: dict[str, Looked] = {run_lang: look(store, today)}
    with run_lock(home):
        channels = load_channels(home)
        if not channels:
            raise UsageError(t("notify.no_channels"))
        state = load_state(home)
        outcomes = []
        for channel in channels.values():
            with language(channel.lang):
                if channel.lang not in looked_by_lang:
                    looked_by_lang[channel.lang] = look(store, today)
                looked = looked_by_lang[channel.lang]
                now = current(looked)
                cs = state.setdefault(channel.name, {})
                cs["delivered"] = settle(cs.get("delivered", {}), now)
                cs["checked"] = today.isoformat()
                items = owed(cs["delivered"], now)
                pending = cs.get("pending")
                if not items:
                    cs["pending"] = None
                    outcomes.append(Outcome(channel.name, "nothing"))
                    continue
                critical = any(s == "critical" for s in items.values())
                if cs.get("last_sent") == today.isoformat() and not critical:
                    outcomes.append(Outcome(channel.name, "held", len(items)))
                    continue
                repeat = bool(pending and pending.get("status") == "sending")
                outgoing, said = compose(looked, items, today, new_id(),
                                         max_bytes(channel.kind, channel.settings), repeat)
                if pending and pending["items"] == said:
                    # The same message tried again keeps its id (an email's
                    # Message-ID); one that says more must not look like a repeat.
                    outgoing = replace(outgoing, id=pending["id"])
                message_id = outgoing.id
                cs["pending"] = {
                    "id": message_id, "status": "sending", "items": said,
                    "since": (pending or {}).get("since", today.isoformat()),
                    "tries": (pending or {}).get("tries", 0) + 1,
                    "error": (pending or {}).get("error"),
                }
                save_state(home, state)  # "sending": written before it goes
                try:
                    with language(run_lang):  # why it failed: said to whoever runs it
                        send(channel, outgoing)
                except SendError as exc:
                    cs["pending"]["status"] = "failed"
                    cs["pending"]["error"] = exc.message
                    cs["last"] = {"date": today.isoformat(), "ok": False, "error": exc.message}
                    save_state(home, state)
                    outcomes.append(Outcome(channel.name, "failed", len(said), exc.message))
                    continue
                cs["delivered"].update(said)
                cs["last_sent"] = today.isoformat()
                cs["pending"] = None
                cs["last"] = {"date": today.isoformat(), "ok": True, "items": len(said)}
                save_state(home, state)  # "delivered"
                outcomes.append(Outcome(channel.name, "sent", len(said)))
        save_state(home, state)
        return outcomes


def test(home: Home, today: date, send: Send, name: str | None = None) -> list[Outcome]:
    """Send a test message to one channel or all; remembered as the last result."""
    from .channels import SendError

    with run_lock(home):
        channels = load_channels(home)
        if not channels:
            raise UsageError(t("notify.no_channels"))
        if name is not None and name not in channels:
            raise UsageError(t("notify.no_channel", name=name, names=", ".join(channels)))
        state = load_state(home)
        outcomes = []
        for channel in channels.values():
            if name is not None and channel.name != name:
                continue
            cs = state.setdefault(channel.name, {})
            with language(channel.lang):
                message = test_message(new_id())
            try:
                send(channel, message)
            except SendError as exc:
                cs["last"] = {"date": today.isoformat(), "ok": False, "error": exc.message,
                              "test": True}
                outcomes.append(Outcome(channel.name, "failed", 0, exc.message))
            else:
                cs["last"] = {"date": today.isoformat(), "ok": True, "test": True}
                outcomes.append(Outcome(channel.name, "sent"))
        save_state(home, state)
        return outcomes


def overview(home: Home) -> list[tuple[Channel, dict[str, Any]]]:
    """Each channel with its state, for `notify list`."""
    channels = load_channels(home)
    state = load_state(home)
    return [(c, state.get(c.name, {})) for c in channels.values()]
