"""Terminals and their facts: the model, validation, and TOML load/save.

profile.toml is meant to be read and edited by people: native TOML dates, one
table per terminal, a `[policy]` table for the status thresholds, a `schema`
number. Money and rates are stored as strings so no float ever holds them.
"""

from __future__ import annotations

import contextlib
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields, replace
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from . import validate as v
from .errors import DataError, NeedsConfirmation, UsageError, ValidationError
from .home import Home, atomic_write, read_bytes, toml_problem
from .i18n import t
from .prose import join

if TYPE_CHECKING:
    from .store import Revision

SCHEMA = 1


@dataclass
class Sim:
    carrier: str | None = None
    iccid: str | None = None
    expires: date | None = None
    plan: str | None = None


@dataclass
class Fees:
    """The fee plan of the contract, every part optional. Rates in percent."""

    debit: Decimal | None = None
    debit_cap: Decimal | None = None  # CNY per debit card transaction
    credit: Decimal | None = None
    qr: Decimal | None = None  # scan-to-pay
    per_transaction: Decimal | None = None  # a fixed add-on the contract allows (D0)
    yearly: Decimal | None = None  # a yearly charge the contract allows (SIM/data)


# The parts of a terminal kept in a table of their own: `sim.iccid`, `fees.debit`.
SUBTABLES = ("sim", "fees")


@dataclass
class Terminal:
    name: str
    purchased: date
    brand: str | None = None
    model: str | None = None
    serial: str | None = None
    terminal_id: str | None = None
    merchant_no: str | None = None
    merchant_name: str | None = None  # the registered name, as on the contract
    mcc: str | None = None  # merchant category code, from the contract
    location: str | None = None
    activated: date | None = None
    service_years: int = 3
    support_phone: str | None = None
    fee_rate: Decimal | None = None
    fee_cap: Decimal | None = None
    sim: Sim = field(default_factory=Sim)
    fees: Fees = field(default_factory=Fees)

    def get(self, key: str) -> Any:
        table, dot, rest = key.partition(".")
        if dot and table in SUBTABLES:
            return getattr(getattr(self, table), rest)
        return getattr(self, key)

    def set(self, key: str, value: Any) -> None:
        table, dot, rest = key.partition(".")
        if dot and table in SUBTABLES:
            setattr(getattr(self, table), rest, value)
        else:
            setattr(self, key, value)

    @property
    def service_end(self) -> date:
        return v.add_months(self.purchased, 12 * self.service_years)

    @property
    def started(self) -> date:
        """When the terminal's clocks start without an event: activation, else purchase."""
        return self.activated or self.purchased


# ------------------------------------------------------------------ fields

Parser = Callable[[str, date, bool], Any]


@dataclass(frozen=True)
class Field:
    key: str
    parse: Parser
    required: bool = False
    prompt: bool = True  # asked by an interactive `init`


def _mk(key: str, fn: Callable[..., Any], required: bool = False, prompt: bool = True) -> Field:
    return Field(key, fn, required, prompt)


def _date_not_future(key: str) -> Parser:
    def parse(text: str, today: date, force: bool) -> date:
        value = v.parse_date(text, today, key)
        if value > today:
            raise ValidationError(key, t("validate.date_future", field=v.field_label(key),
                                         value=value.isoformat()))
        return value

    return parse


def _mcc(text: str, force: bool, home: Home | None) -> str:
    """Checked against the MCC table (the shipped one and `home`'s own
    entries), which is read only when a person sets the value (a saved
    profile is loaded with `force`: no table, no import)."""
    if force:
        return v.mcc_format(text, "mcc")
    from .merchant import check_mcc, load_tables

    return check_mcc(text, "mcc", force, load_tables(home))


FIELDS: dict[str, Field] = {
    f.key: f
    for f in [
        _mk("name", lambda s, d, f: v.check_name(s, "name"), prompt=False),
        _mk("brand", lambda s, d, f: v.check_text(s, "brand", 40)),
        _mk("model", lambda s, d, f: v.check_text(s, "model", 40)),
        _mk("serial", lambda s, d, f: v.check_serial(s, "serial")),
        _mk("terminal_id", lambda s, d, f: v.check_terminal_id(s, "terminal_id")),
        _mk("merchant_no", lambda s, d, f: v.check_merchant_no(s, "merchant_no")),
        _mk("merchant_name", lambda s, d, f: v.check_text(s, "merchant_name", 80)),
        _mk("mcc", lambda s, d, f: _mcc(s, f, None)),  # parse_field passes the home
        _mk("location", lambda s, d, f: v.check_text(s, "location", 80)),
        _mk("purchased", _date_not_future("purchased"), required=True),
        _mk("activated", _date_not_future("activated")),
        _mk("service_years", lambda s, d, f: v.parse_int(s, "service_years", 1, 10)),
        _mk("support_phone", lambda s, d, f: v.check_phone(s, "support_phone", f)),
        _mk("fee_rate", lambda s, d, f: v.parse_rate(s, "fee_rate")),
        _mk("fee_cap", lambda s, d, f: v.parse_money(s, "fee_cap"), prompt=False),
        _mk("sim.carrier", lambda s, d, f: v.check_text(s, "sim.carrier", 40)),
        _mk("sim.iccid", lambda s, d, f: v.check_iccid(s, "sim.iccid", f)),
        _mk("sim.expires", lambda s, d, f: v.parse_date(s, d, "sim.expires")),
        _mk("sim.plan", lambda s, d, f: v.check_text(s, "sim.plan", 80)),
        _mk("fees.debit", lambda s, d, f: v.parse_plan_rate(s, "fees.debit"), prompt=False),
        _mk("fees.debit_cap", lambda s, d, f: v.parse_plan_money(s, "fees.debit_cap", True),
            prompt=False),
        _mk("fees.credit", lambda s, d, f: v.parse_plan_rate(s, "fees.credit"), prompt=False),
        _mk("fees.qr", lambda s, d, f: v.parse_plan_rate(s, "fees.qr"), prompt=False),
        _mk("fees.per_transaction",
            lambda s, d, f: v.parse_plan_money(s, "fees.per_transaction"), prompt=False),
        _mk("fees.yearly", lambda s, d, f: v.parse_plan_money(s, "fees.yearly"), prompt=False),
    ]
}

# The order of `profile show --json` and of CSV columns.
FIELD_ORDER = list(FIELDS)
# Missing these makes status less useful (the `profile` finding).
IMPORTANT = ("serial", "support_phone", "sim.expires")


def parse_field(key: str, text: str, today: date, force: bool = False,
                home: Home | None = None) -> Any:
    """One field's value from what was typed. `home` is where the MCC table's
    own entries live (read only for `mcc`); without it, the shipped table."""
    spec = FIELDS.get(key)
    if spec is None:
        raise UsageError(t("profile.unknown_key", key=key, keys=join(FIELD_ORDER)))
    if key == "mcc":
        return _mcc(text, force, home)
    return spec.parse(text, today, force)


def check_terminal(term: Terminal, today: date) -> None:
    """Rules that join two fields."""
    if term.purchased > today:
        raise ValidationError("purchased", t("validate.date_future",
                                             field=v.field_label("purchased"),
                                             value=term.purchased.isoformat()))
    if term.activated and term.activated < term.purchased:
        raise ValidationError("activated", t("validate.activated_before_purchase",
                                             activated=term.activated.isoformat(),
                                             purchased=term.purchased.isoformat()))


# The 2016 reform lets the card's issuer take at most 0.35% of a debit card sale
# and the card network 0.0325% from the merchant's side (its other 0.0325% is
# the issuer's to pay); a 2021 notice cut both by 10% for standard merchants.
# A debit rate below (0.35% + 0.0325%) x 0.9 leaves the acquirer less than
# nothing: possible as a promotion or for a public-welfare merchant (0%), but
# more often a typing mistake, so it is said, not refused.
DEBIT_FLOOR = (Decimal("0.35") + Decimal("0.0325")) * Decimal("0.9")


def plan_warnings(term: Terminal) -> list[str]:
    """What looks wrong in a fee plan that may still be right."""
    debit = term.fees.debit
    if debit is not None and debit < DEBIT_FLOOR:
        return [t("profile.debit_below_floor", rate=f"{debit}%",
                  floor=f"{DEBIT_FLOOR.normalize()}%")]
    return []


def format_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def to_flat(term: Terminal) -> dict[str, str]:
    """Every field as text, dotted keys: CSV rows, `profile set` round trips."""
    return {key: format_value(term.get(key)) for key in FIELD_ORDER}


def to_json(term: Terminal) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in FIELD_ORDER:
        value = term.get(key)
        if isinstance(value, date | Decimal):
            value = format_value(value)
        table, dot, rest = key.partition(".")
        if dot and table in SUBTABLES:
            out.setdefault(table, {})[rest] = value
        else:
            out[key] = value
    return out


def from_flat(row: dict[str, str], today: date, force: bool = False) -> Terminal:
    """Build a terminal from text values, validating each like `init` does.
    Raises ValidationError for the first bad field (callers collect them)."""
    values: dict[str, Any] = {}
    for key, text in row.items():
        if text is None or text.strip() == "":
            continue
        values[key] = parse_field(key, text, today, force)
    if "purchased" not in values:
        raise ValidationError("purchased", t("validate.required", field=v.field_label("purchased")))
    if "name" not in values:
        values["name"] = "main"
    term = Terminal(name=values.pop("name"), purchased=values.pop("purchased"))
    for key, value in values.items():
        term.set(key, value)
    check_terminal(term, today)
    return term


# ------------------------------------------------------------------ TOML


def _term_to_toml(term: Terminal) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in fields(term):
        if f.name == "name" or f.name in SUBTABLES:
            continue
        value = getattr(term, f.name)
        if value is None:
            continue
        out[f.name] = str(value) if isinstance(value, Decimal) else value
    for table in SUBTABLES:
        part = getattr(term, table)
        values = {f.name: getattr(part, f.name) for f in fields(part)}
        values = {k: str(v_) if isinstance(v_, Decimal) else v_
                  for k, v_ in values.items() if v_ is not None}
        if values:
            out[table] = values
    return out


class _Bad(Exception):
    def __init__(self, key: str, problem: str) -> None:
        self.key = key
        self.problem = problem


_TYPES: dict[str, tuple[type, ...]] = {
    "purchased": (date,), "activated": (date,), "sim.expires": (date,),
    "service_years": (int,),
    # money and rates: text, or a bare number (read as Decimal, see loads)
    "fee_rate": (str, Decimal), "fee_cap": (str, Decimal),
    **{f"fees.{f.name}": (str, Decimal) for f in fields(Fees)},
}


def _term_from_toml(name: str, data: Any, today: date | None = None) -> Terminal:
    """Re-validate what a person may have edited by hand."""
    if not isinstance(data, dict):
        raise _Bad(f"terminals.{name}", t("profile.type.dict"))
    try:
        v.check_name(name)
    except ValidationError as exc:
        raise _Bad(f"terminals.{name}", exc.message) from None
    flat: dict[str, Any] = {}
    for key, value in data.items():
        if key in SUBTABLES:
            if not isinstance(value, dict):
                raise _Bad(f"terminals.{name}.{key}", t("profile.type.dict"))
            for sk, sv in value.items():
                flat[f"{key}.{sk}"] = sv
        else:
            flat[key] = value
    term = Terminal(name=name, purchased=date.min)
    if "purchased" not in flat:
        raise _Bad(f"terminals.{name}.purchased", t("validate.required", field="purchased"))
    for key, value in flat.items():
        where = f"terminals.{name}.{key}"
        if key not in FIELDS or key == "name":
            raise _Bad(where, t("profile.unknown_key_short"))
        want = _TYPES.get(key, (str,))
        if isinstance(value, bool) or not isinstance(value, want) or (
            date in want and type(value) is not date
        ):
            raise _Bad(where, t("profile.bad_type", expected=t(f"profile.type.{want[0].__name__}")))
        if key in ("service_years", "purchased", "activated", "sim.expires"):
            parsed = value
            if key == "service_years" and not (isinstance(value, int) and 1 <= value <= 10):
                raise _Bad(where, t("validate.int_range", field=key, value=value, low=1, high=10))
            if isinstance(value, date) and not v.in_range(value):
                raise _Bad(where, t("validate.date_range", field=key, value=value.isoformat(),
                                    low=v.MIN_DATE.isoformat(), high=v.MAX_DATE.isoformat()))
            if key in ("purchased", "activated") and isinstance(value, date) \
                    and today is not None and value > today:
                # The same rule as `init` and `profile set` (check_terminal).
                raise _Bad(where, t("validate.date_future", field=key,
                                    value=value.isoformat()))
        else:
            try:
                # Hand edits are trusted for confirmable values (a confirmed
                # mobile number stays), but everything else is checked again.
                parsed = parse_field(key, str(value), v.MAX_DATE, force=True)
            except ValidationError as exc:
                raise _Bad(where, exc.message) from None
        term.set(key, parsed)
    if term.activated and term.activated < term.purchased:
        raise _Bad(f"terminals.{name}.activated", t("validate.activated_before_purchase",
                                                     activated=term.activated.isoformat(),
                                                     purchased=term.purchased.isoformat()))
    return term


DEFAULT_POLICY: dict[str, int] = {
    "terminal_service_warn_days": 60,
    "sim_expiry_warn_days": 30,
    "dormancy_warn_days": 90,
    "dormancy_critical_days": 330,
    "maintenance_warn_days": 30,
    "maintenance_critical_days": 60,
    "inspection_warn_days": 30,
    "inspection_critical_days": 60,
    "password_warn_days": 90,
    "password_critical_days": 180,
    "software_warn_days": 60,
    "software_critical_days": 120,
    "fee_check_warn_days": 30,
    "fee_check_critical_days": 90,
}


@dataclass
class Profile:
    terminals: dict[str, Terminal] = field(default_factory=dict)
    default: str | None = None
    policy: dict[str, int] = field(default_factory=dict)
    # What each terminal's saved facts are based on (store.Revision): set by
    # the store that loaded it, checked by the team store when saving.
    revisions: dict[str, Revision] = field(default_factory=dict, compare=False, repr=False)

    def effective_policy(self) -> dict[str, int]:
        return {**DEFAULT_POLICY, **self.policy}

    def pick(self, name: str | None) -> Terminal:
        """--terminal, else $POSGUIDE_TERMINAL (passed in as `name`), else the
        default, else the only one."""
        if not self.terminals:
            raise UsageError(t("profile.no_terminals"))
        if name:
            if name not in self.terminals:
                raise UsageError(t("profile.no_such_terminal", name=name,
                                   names=join(self.terminals)))
            return self.terminals[name]
        if self.default and self.default in self.terminals:
            return self.terminals[self.default]
        if len(self.terminals) == 1:
            return next(iter(self.terminals.values()))
        raise UsageError(t("profile.which_terminal", names=join(self.terminals)))

    def needs_name(self, name: str, chosen_explicitly: bool = False) -> bool:
        """Whether a command shown for terminal `name` must say --terminal: it
        would otherwise run on the default one (or, when the user chose this
        terminal by flag or environment, that choice may be gone next time)."""
        if len(self.terminals) <= 1:
            return False
        return chosen_explicitly or self.default != name

    def add(self, term: Terminal) -> None:
        if term.name in self.terminals:
            raise UsageError(t("profile.exists", name=term.name))
        self.terminals[term.name] = term
        if self.default is None or self.default not in self.terminals:
            self.default = term.name

    def remove(self, name: str) -> None:
        self.pick(name)
        del self.terminals[name]
        if self.default == name:
            self.default = next(iter(self.terminals), None)

    def to_toml(self) -> dict[str, Any]:
        out: dict[str, Any] = {"schema": SCHEMA}
        if self.default:
            out["default"] = self.default
        if self.policy:
            out["policy"] = dict(self.policy)
        out["terminals"] = {name: _term_to_toml(term) for name, term in self.terminals.items()}
        return out


def dumps(profile: Profile) -> bytes:
    import tomli_w

    header = t("profile.file_header") + "\n"
    return header.encode() + tomli_w.dumps(profile.to_toml()).encode()


class ProfileInvalid(DataError):
    """profile.toml (or an edit of it) cannot be read; `detail` says why."""

    def __init__(self, message: str, detail: str) -> None:
        super().__init__(message)
        self.detail = detail


def _bad_file(home: Home, detail: str) -> ProfileInvalid:
    message = t("profile.unreadable", path=str(home.profile), detail=detail)
    if home.backup.exists():
        message += "\n" + t("profile.restore_backup", path=str(home.profile),
                            backup=str(home.backup))
    return ProfileInvalid(message, detail)


def loads(raw: bytes, home: Home) -> Profile:
    """Read and check a profile as every command would write it. Dates are
    checked against `home.today` when the caller knows the day."""
    try:
        # utf-8-sig: a BOM that a Windows editor put in front is fine.
        text = raw.decode("utf-8-sig")
        # Decimal, never float: a hand-written `fee_rate = 0.6` is read exactly.
        data = tomllib.loads(text, parse_float=Decimal)
    except UnicodeDecodeError as exc:
        raise _bad_file(home, t("profile.not_utf8")) from exc
    except tomllib.TOMLDecodeError as exc:
        raise _bad_file(home, toml_problem(exc)) from exc
    except RecursionError:  # hostile nesting, deeper than tomllib can follow
        raise _bad_file(home, t("profile.too_deep")) from None
    bad_comment = check_comments(text)
    if bad_comment is not None:
        raise _bad_file(home, bad_comment)
    schema = data.get("schema")
    if type(schema) is not int or schema != SCHEMA:  # not true, 1.0 or "1"
        raise _bad_file(home, t("profile.bad_schema", found=_shown_value(schema),
                                expected=SCHEMA))
    unknown = set(data) - {"schema", "default", "policy", "terminals"}
    if unknown:
        raise _bad_file(home, t("profile.bad_key", key=join(sorted(unknown)),
                                problem=t("profile.unknown_key_short")))
    terminals_raw = data.get("terminals", {})
    if not isinstance(terminals_raw, dict):
        raise _bad_file(home, t("profile.bad_key", key="terminals",
                                problem=t("profile.type.dict")))
    profile = Profile()
    try:
        for name, tdata in terminals_raw.items():
            profile.terminals[name] = _term_from_toml(name, tdata, home.today)
    except _Bad as bad:
        detail = t("profile.bad_key", key=bad.key, problem=bad.problem)
        line = _line_of(raw, bad.key)
        if line:
            detail = t("profile.at_line", line=line, detail=detail)
        raise _bad_file(home, detail) from None
    default = data.get("default")
    if default is not None and (not isinstance(default, str) or default not in profile.terminals):
        raise _bad_file(home, t("profile.bad_key", key="default",
                                problem=t("profile.default_missing")))
    profile.default = default
    policy = data.get("policy", {})
    if not isinstance(policy, dict):
        raise _bad_file(home, t("profile.bad_key", key="policy", problem=t("profile.type.dict")))
    for key, value in policy.items():
        if key not in DEFAULT_POLICY:
            raise _bad_file(home, t("profile.bad_key", key=f"policy.{key}",
                                    problem=t("profile.policy_keys",
                                              keys=join(DEFAULT_POLICY))))
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 3650:
            raise _bad_file(home, t("profile.bad_key", key=f"policy.{key}",
                                    problem=t("profile.policy_value")))
    problem = check_policy(policy)
    if problem is not None:
        raise _bad_file(home, problem)
    profile.policy = dict(policy)
    return profile


def check_policy(policy: dict[str, int]) -> str | None:
    """A warn interval longer than its critical one would make a clock turn
    critical before it warns: what is wrong, or None."""
    merged = {**DEFAULT_POLICY, **policy}
    for key, warn in merged.items():
        if not key.endswith("_warn_days"):
            continue
        critical_key = key.replace("_warn_days", "_critical_days")
        critical = merged.get(critical_key)
        if critical is not None and warn > critical:
            return t("profile.policy_order", warn=f"policy.{key}", warn_days=warn,
                     critical=f"policy.{critical_key}", critical_days=critical)
    return None


def _shown_value(value: object) -> str:
    if value is None:
        return t("profile.schema_missing")
    if isinstance(value, str):
        return f'"{value[:20]}"'
    return str(value).lower() if isinstance(value, bool) else str(value)[:20]


def toml_comments(text: str) -> Iterator[tuple[int, str]]:
    """(line number, text) of every comment in TOML `text`: a `#` outside
    strings, to the end of its line. Strings, multi-line ones included, are
    stepped over so a `#` inside one is not taken for a comment."""
    i, line, n = 0, 1, len(text)
    while i < n:
        ch = text[i]
        if ch == "\n":
            line += 1
            i += 1
        elif ch == "#":
            end = text.find("\n", i)
            end = n if end < 0 else end
            yield line, text[i + 1:end]
            i = end
        elif ch in "\"'":
            quote = ch * 3 if text.startswith(ch * 3, i) else ch
            j = i + len(quote)
            while j < n:
                if ch == '"' and text[j] == "\\":
                    j += 2
                    continue
                if text.startswith(quote, j):
                    break
                if text[j] == "\n" and len(quote) == 1:
                    break  # an unclosed string: tomllib has refused it already
                j += 1
            line += text.count("\n", i, j)
            i = j + len(quote)
        else:
            i += 1


def check_comments(text: str) -> str | None:
    """A comment may hold no card number and no PIN or password (DESIGN 7):
    what is wrong and where, or None."""
    if "#" not in text:
        return None
    # Quick look first: only a line whose text after a `#` holds something
    # suspicious can have such a comment.
    if not any(v.contains_card_number(part) or v.contains_secret(part)
               for part in (ln.partition("#")[2] for ln in text.splitlines() if "#" in ln)):
        return None
    for line, comment in toml_comments(text):
        if v.contains_card_number(comment):
            return t("profile.at_line", line=line, detail=t("profile.comment_card"))
        if v.contains_secret(comment):
            return t("profile.at_line", line=line, detail=t("profile.comment_secret"))
    return None


def _line_of(raw: bytes, dotted: str) -> int | None:
    """The line where `terminals.NAME.key` (or `...sim.key`) is written, if found."""
    import re

    parts = dotted.split(".")
    if len(parts) < 3:
        return None
    table, key = ".".join(parts[:-1]), parts[-1]
    current = ""
    header = re.compile(r"^\s*\[([^\[\]]+)\]\s*(#.*)?$")
    for number, line in enumerate(raw.decode("utf-8", "replace").splitlines(), start=1):
        match = header.match(line)
        if match:
            current = ".".join(p.strip().strip('"') for p in match.group(1).split("."))
            continue
        if current == table and re.match(rf"^\s*\"?{re.escape(key)}\"?\s*=", line):
            return number
    # A table that is itself wrong (e.g. [terminals.x] with a bad name).
    for number, line in enumerate(raw.decode("utf-8", "replace").splitlines(), start=1):
        match = header.match(line)
        if match and ".".join(p.strip().strip('"') for p in match.group(1).split(".")) == dotted:
            return number
    return None


def load(home: Home) -> Profile | None:
    """The profile, or None when there is none yet."""
    raw = read_bytes(home.profile)
    if raw is None:
        return None
    return loads(raw, home)


def save(home: Home, profile: Profile) -> None:
    """Write the profile atomically (see save_bytes). Call with the home locked."""
    save_bytes(home, dumps(profile))


def save_bytes(home: Home, new: bytes) -> None:
    """Replace profile.toml with `new`, keeping the previous good file as .bak.
    Call with the home locked (the store does)."""
    old = read_bytes(home.profile)
    if old == new:
        return
    if old is not None:
        with contextlib.suppress(DataError):
            loads(old, home)  # only a good file becomes the backup
            atomic_write(home.backup, old)
    atomic_write(home.profile, new)
    # A writer killed mid-save leaves its temp file behind. Every writer of the
    # profile holds the lock we hold now, so any such file is stale.
    for stale in home.root.glob(".profile.toml*.tmp"):
        with contextlib.suppress(OSError):
            stale.unlink()


def keep_rejected(home: Home, edited: bytes) -> str:
    """Keep an edit that was not saved as `profile.toml.rejected`, so the
    user's work is not lost, but never with a card number (masked) or a PIN
    or password (then not kept at all). Returns the sentence that says which."""
    path = home.rejected
    text = edited.decode("utf-8", "replace")
    # A number may hide in TOML escapes ("\u0036\u0032..."): such a line is
    # kept as it reads, so the mask sees (and hides) what the escapes spell.
    lines = [_unescaped(line) if v.contains_card_number(_unescaped(line)) else line
             for line in text.splitlines(keepends=True)]
    if any(v.contains_secret(_unescaped(line)) for line in lines):
        with contextlib.suppress(OSError):
            path.unlink()  # an older rejected edit would be mistaken for this one
        return t("profile.rejected_dropped")
    masked = "".join(v.mask_card_numbers(line) for line in lines)
    atomic_write(path, masked.encode("utf-8", "replace"))  # an escaped lone surrogate
    key = "profile.rejected_masked" if masked != text else "profile.rejected_kept"
    return t(key, rejected=str(path))


def _unescaped(line: str) -> str:
    """`line` with TOML's \\uXXXX and \\UXXXXXXXX escapes read."""
    if "\\u" not in line and "\\U" not in line:
        return line
    import re

    def char(m: re.Match[str]) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF else m.group(0)

    return re.sub(r"\\(?:u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8}))", char, line)


def with_value(term: Terminal, key: str, value: Any) -> Terminal:
    """A copy of `term` with one field changed (checked before saving)."""
    new = replace(term, sim=replace(term.sim), fees=replace(term.fees))
    new.set(key, value)
    return new


__all__ = [
    "FIELDS", "FIELD_ORDER", "IMPORTANT", "Fees", "NeedsConfirmation", "Profile", "Sim",
    "Terminal", "from_flat", "load", "parse_field", "plan_warnings", "save", "save_bytes",
    "to_flat", "to_json",
]
