"""The status rules of DESIGN.md section 5, as pure functions.

    evaluate(terminal, latest, policy, today) -> [Finding, ...]

`latest` maps a history kind to the latest date it was recorded for this
terminal (Store.latest() gives it for every terminal). Nothing here reads the
clock, the disk or prints: the CLI passes everything in and renders the result.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property, partial
from typing import Any

from .i18n import t
from .profile import IMPORTANT, Terminal
from .prose import join

SEVERITIES = ("ok", "info", "warn", "critical")
RANK = {s: i for i, s in enumerate(SEVERITIES)}

# Every code, in the order people read them, with its group.
CODES: dict[str, str] = {
    "terminal_service": "terminal",
    "profile": "terminal",
    "sim_expiry": "sim",
    "dormancy": "activity",
    "maintenance": "care",
    "inspection": "care",
    "password": "security",
    "software": "security",
    "fee_check": "security",
    "fee_rate": "security",
}
GROUPS = ("terminal", "sim", "activity", "care", "security")

# Interval clocks: the history kind that restarts each.
INTERVALS: dict[str, str] = {
    "dormancy": "transaction",
    "maintenance": "maintenance",
    "inspection": "inspection",
    "password": "password-change",
    "software": "software-update",
    "fee_check": "fee-check",
}

# The commands that fix each code, the main one first (`profile` builds its own).
FIXES: dict[str, tuple[str, ...]] = {
    "terminal_service": ("posguide checklist renewal",),
    "sim_expiry": ("posguide sim-swap", "posguide record sim-renewal"),
    "dormancy": ("posguide checklist dormancy", "posguide record transaction"),
    "maintenance": ("posguide checklist maintenance",),
    "inspection": ("posguide checklist inspection",),
    "password": ("posguide checklist security",),
    "software": ("posguide checklist security",),
    "fee_check": ("posguide fee check --amount AMOUNT --settled SETTLED",),
    "fee_rate": ("posguide statement audit FILE", "posguide checklist legit-check"),
}


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    due: date | None
    days: int | None  # due minus today; negative when overdue
    # The sentence, made only when it is read: `status --all` over a fleet
    # shows one item per terminal, and wording all nine was a third of its time.
    words: Callable[[], str] = field(repr=False, compare=False)
    fixes: tuple[str, ...] = ()

    @cached_property
    def message(self) -> str:
        return self.words()

    @property
    def group(self) -> str:
        return CODES[self.code]

    @property
    def fix(self) -> str | None:
        """The main fix, for JSON and one-line displays."""
        return self.fixes[0] if self.fixes and self.severity != "ok" else None

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "due": self.due.isoformat() if self.due else None,
            "days": self.days,
            "message": self.message,
            "fix": self.fix,
        }


def when(days: int, due: date) -> str:
    """"in 12 days (2026-12-05)", "today (…)", "3 days overdue (…)"."""
    one = "_one" if abs(days) == 1 else ""
    if days > 0:
        return t(f"status.in_days{one}", days=days, date=due.isoformat())
    if days == 0:
        return t("status.today", date=due.isoformat())
    return t(f"status.overdue_days{one}", days=-days, date=due.isoformat())


def _expiry(code: str, end: date | None, warn_days: int, today: date, suffix: str) -> Finding:
    if end is None:
        return Finding(code, "info", None, None, partial(t, f"status.{code}.unknown"),
                       ("posguide profile set sim.expires DATE" + suffix,))
    days = (end - today).days
    if days < 0:
        severity = "critical"
    elif days <= warn_days:
        severity = "warn"
    else:
        severity = "ok"
    return Finding(code, severity, end, days,
                   lambda: t(f"status.{code}.{severity}", when=when(days, end)),
                   tuple(c + suffix for c in FIXES[code]))


def _interval(code: str, last: date | None, term: Terminal, warn: int, critical: int,
              today: date, suffix: str) -> Finding:
    # An event from before this terminal existed (a removed terminal's history
    # under a reused name) does not count: the clock starts with the terminal.
    if last is not None and last < term.started:
        last = None
    start = last or term.started
    idle = (today - start).days
    due = start + timedelta(days=warn)
    days = (due - today).days
    if idle >= critical:
        severity = "critical"
    elif idle >= warn:
        severity = "warn"
    else:
        severity = "ok"
    key = "status.since_last" if last else "status.since_start"
    if code == "dormancy":
        key += "_tx"
    if idle in (0, 1):
        key += ("_zero", "_one")[idle]

    def words() -> str:
        event = t("status.event.activation" if term.activated else "status.event.purchase")
        since = t(key, days=idle, date=start.isoformat(), event=event)
        return t(f"status.{code}.{severity}", since=since, when=when(days, due))

    return Finding(code, severity, due, days, words, tuple(c + suffix for c in FIXES[code]))


# What to type in place of the value in a suggested `profile set`.
_PLACEHOLDER = {"serial": "SN", "support_phone": "PHONE", "sim.expires": "DATE"}


def _profile(term: Terminal, suffix: str) -> Finding:
    missing = [key for key in IMPORTANT if term.get(key) in (None, "")]
    if not missing:
        return Finding("profile", "ok", None, None, partial(t, "status.profile.ok"))

    def words() -> str:
        names = join(t(f"fields.{k}") for k in missing)
        return t("status.profile.info", fields=names)

    fixes = tuple(f"posguide profile set {k} {_PLACEHOLDER[k]}{suffix}" for k in missing)
    return Finding("profile", "info", None, None, words, fixes)


def _fee_rate(checked: bool, found: date | None, term: Terminal, suffix: str) -> Finding:
    """Money taken above the plan, as the latest fee check or audit that
    checked anything found it (`found`: its day, from Store.fee_flags)."""
    if found is None or found < term.started:
        key = "status.fee_rate.ok" if checked else "status.fee_rate.unknown"
        return Finding("fee_rate", "ok", None, None, partial(t, key))
    return Finding("fee_rate", "warn", None, None,
                   partial(t, "status.fee_rate.warn", date=found.isoformat()),
                   tuple(c + suffix for c in FIXES["fee_rate"]))


_PLACEHOLDERS = ("DATE", "SN", "PHONE", "AMOUNT", "SETTLED", "NAME")


def shown(command: str) -> str:
    """A fix command as the person reads it: the value to type in their own
    language (`--amount 交易金额`); JSON keeps the command as it is."""
    from .i18n import get_lang

    if get_lang() != "zh":
        return command
    words = command.split(" ")
    return " ".join(t(f"status.placeholder.{w}") if w in _PLACEHOLDERS else w for w in words)


def with_terminal(command: str, name: str) -> str:
    """`command` aimed at terminal `name` (names are letters, digits, - and _,
    so they need no quoting in a shell)."""
    return f"{command} --terminal {name}"


def evaluate(term: Terminal, latest: Mapping[str, date], policy: Mapping[str, int],
             today: date, name_in_fixes: bool = False,
             fee_flag: date | None = None, fee_checked: bool | None = None) -> list[Finding]:
    """Every code for one terminal, in CODES order. `name_in_fixes`: the fix
    commands name the terminal, because the default would pick another one.
    `fee_flag`: the day a fee check found money above the plan, if the latest
    did (Store.fee_flags); `fee_checked`: whether any fee check checked
    anything (by default: whether there is a fee check at all)."""
    suffix = with_terminal("", term.name) if name_in_fixes else ""
    found = {
        "terminal_service": _expiry("terminal_service", term.service_end,
                                    policy["terminal_service_warn_days"], today, suffix),
        "profile": _profile(term, suffix),
        "sim_expiry": _expiry("sim_expiry", term.sim.expires, policy["sim_expiry_warn_days"],
                              today, suffix),
    }
    for code, kind in INTERVALS.items():
        found[code] = _interval(code, latest.get(kind), term,
                                policy[f"{code}_warn_days"], policy[f"{code}_critical_days"],
                                today, suffix)
    checked = bool(latest.get("fee-check")) if fee_checked is None else fee_checked
    found["fee_rate"] = _fee_rate(checked, fee_flag, term, suffix)
    return [found[code] for code in CODES]


# Among findings of one severity, what hurts the merchant most comes first: an
# expired SIM card or service period stops payments today; a late cleaning does not.
IMPACT = {code: i for i, code in enumerate((
    "sim_expiry", "terminal_service", "fee_rate", "dormancy", "inspection", "fee_check",
    "password",
    "software", "maintenance", "profile",
))}


def urgency(f: Finding) -> tuple[int, int, int]:
    """Sort key, most urgent first: severity, then impact, then the nearest due date."""
    return (-RANK[f.severity], IMPACT[f.code], f.days if f.days is not None else 10**6)


def counts(findings: list[Finding]) -> dict[str, int]:
    out = dict.fromkeys(SEVERITIES, 0)
    for f in findings:
        out[f.severity] += 1
    return out


def needs_attention(findings: list[Finding]) -> bool:
    return any(f.severity in ("warn", "critical") for f in findings)
