"""Merchant numbers and receipts: what a 15-character number says, and whether
what a receipt shows is this merchant's own (跳码, 二清).

The tables (acquirers, region codes, MCCs) are data files shipped in
`posguide/data/`, each entry with its source; `<home>/data/<same name>.toml`
adds or overrides entries. Every file is validated key by key, and an error
names the file and the key, as for checklists. Tables are read only by the
commands that need them.

Pure: nothing printed, no clock.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from .errors import DataError, NeedsConfirmation
from .i18n import LANGS, get_lang, t
from .prose import join

if TYPE_CHECKING:
    from .home import Home
    from .profile import Terminal

FEE_CLASSES = ("standard", "preferential", "welfare")
# Lower fees first: a sale filed under a class earlier in this list than the
# merchant's own is the classic 跳码 (the network is paid less).
_FEE_ORDER = {"welfare": 0, "preferential": 1, "standard": 2}
GROUPS = ("retail", "food", "lodging", "services", "auto", "leisure", "telecom",
          "supermarket", "fuel", "transport", "utilities", "medical", "education", "social")
CONVENTIONS = ("unionpay", "national")
ACQUIRER_KINDS = ("bank", "payment-company")
TABLES = ("acquirers", "regions", "mcc")

@dataclass(frozen=True)
class Names:
    en: str
    zh: str

    def get(self, lang: str | None = None) -> str:
        return self.zh if (lang or get_lang()) == "zh" else self.en

    def to_json(self) -> dict[str, str]:
        return {"en": self.en, "zh": self.zh}


@dataclass(frozen=True)
class Acquirer:
    code: str
    names: Names
    kind: str
    source: str
    origin: str  # the file it came from


@dataclass(frozen=True)
class Region:
    code: str
    convention: str
    names: Names
    source: str
    origin: str


@dataclass(frozen=True)
class Mcc:
    code: str
    names: Names
    fee_class: str
    group: str
    source: str
    origin: str
    note: Names | None = None


@dataclass
class Tables:
    acquirers: dict[str, Acquirer] = field(default_factory=dict)
    regions: dict[tuple[str, str], Region] = field(default_factory=dict)  # (convention, code)
    mccs: dict[str, Mcc] = field(default_factory=dict)


# ------------------------------------------------------------------ loading


class _Bad(Exception):
    def __init__(self, key: str, problem: str) -> None:
        self.key = key
        self.problem = problem


def _table(value: Any, key: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise _Bad(key, t("merchant.err_table"))
    return value


def _keys(entry: Mapping[str, Any], where: str, allowed: set[str], required: set[str]) -> None:
    for key in entry:
        if key not in allowed:
            raise _Bad(f"{where}.{key}", t("merchant.err_unknown_key",
                                           allowed=join(sorted(allowed))))
    for key in sorted(required - set(entry)):
        raise _Bad(f"{where}.{key}", t("merchant.err_missing"))


def _top(data: Mapping[str, Any], allowed: tuple[str, ...]) -> None:
    for key in data:
        if key not in allowed:
            raise _Bad(key, t("merchant.err_top_key", allowed=join(allowed)))


def _string(value: Any, key: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _Bad(key, t("merchant.err_text"))
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
        raise _Bad(key, t("merchant.err_control"))
    return value.strip()


def _names(entry: Mapping[str, Any], where: str) -> Names:
    return Names(en=_string(entry["en"], f"{where}.en"), zh=_string(entry["zh"], f"{where}.zh"))


def _choice(value: Any, key: str, choices: tuple[str, ...]) -> str:
    if not isinstance(value, str) or value not in choices:
        raise _Bad(key, t("merchant.err_choice", value=str(value), choices=join(choices)))
    return value


def _code(code: str, key: str, length: int) -> str:
    if not (len(code) == length and code.isascii() and code.isdigit()):
        raise _Bad(key, t("merchant.err_code", length=length))
    return code


def _parse(name: str, data: Mapping[str, Any], origin: str, into: Tables) -> None:
    """Add the entries of one file (`name` is one of TABLES) to `into`."""
    if name == "acquirers":
        _top(data, ("acquirers",))
        for code, raw in _table(data.get("acquirers", {}), "acquirers").items():
            where = f"acquirers.{code}"
            entry = _table(raw, where)
            _code(code, where, 3)
            _keys(entry, where, {"en", "zh", "kind", "source"}, {"en", "zh", "kind", "source"})
            into.acquirers[code] = Acquirer(
                code, _names(entry, where), _choice(entry["kind"], f"{where}.kind", ACQUIRER_KINDS),
                _string(entry["source"], f"{where}.source"), origin)
    elif name == "regions":
        _top(data, CONVENTIONS)
        for convention in CONVENTIONS:
            for code, raw in _table(data.get(convention, {}), convention).items():
                where = f"{convention}.{code}"
                entry = _table(raw, where)
                _code(code, where, 4)
                _keys(entry, where, {"en", "zh", "source"}, {"en", "zh", "source"})
                into.regions[(convention, code)] = Region(
                    code, convention, _names(entry, where),
                    _string(entry["source"], f"{where}.source"), origin)
    else:
        _top(data, ("mcc",))
        for code, raw in _table(data.get("mcc", {}), "mcc").items():
            where = f"mcc.{code}"
            entry = _table(raw, where)
            _code(code, where, 4)
            _keys(entry, where, {"en", "zh", "class", "group", "note", "source"},
                  {"en", "zh", "class", "group", "source"})
            note = None
            if "note" in entry:
                raw_note = _table(entry["note"], f"{where}.note")
                _keys(raw_note, f"{where}.note", set(LANGS), set(LANGS))
                note = _names(raw_note, f"{where}.note")
            into.mccs[code] = Mcc(
                code, _names(entry, where),
                _choice(entry["class"], f"{where}.class", FEE_CLASSES),
                _choice(entry["group"], f"{where}.group", GROUPS),
                _string(entry["source"], f"{where}.source"), origin, note)


def loads(raw: bytes, name: str, origin: str, into: Tables) -> None:
    """Read one table file's bytes into `into`; a DataError names the file and key."""
    from .tomlfile import read_toml

    data = read_toml(raw, origin, lambda detail: DataError(
        t("merchant.bad_file", path=origin, detail=detail)))
    try:
        _parse(name, data, origin, into)
    except _Bad as bad:
        raise DataError(t("merchant.bad_file", path=origin,
                          detail=t("merchant.bad_key", key=bad.key, problem=bad.problem))) \
            from None


@cache
def builtin_tables() -> Tables:
    from importlib.resources import files

    tables = Tables()
    for name in TABLES:
        origin = f"posguide/data/{name}.toml"
        try:
            raw = (files("posguide") / "data" / f"{name}.toml").read_bytes()
        except OSError as exc:
            raise DataError(t("merchant.bad_file", path=origin, detail=str(exc))) from exc
        loads(raw, name, origin, tables)
    return tables


def load_tables(home: Home | None) -> Tables:
    """The shipped tables, with the home's own entries (`<home>/data/*.toml`)
    added on top (an entry there replaces the shipped one with its code)."""
    from dataclasses import replace

    from .home import read_bytes

    base = builtin_tables()
    if home is None:
        return base
    tables = replace(base, acquirers=dict(base.acquirers), regions=dict(base.regions),
                     mccs=dict(base.mccs))
    for name in TABLES:
        path = home.root / "data" / f"{name}.toml"
        raw = read_bytes(path)
        if raw is not None:
            loads(raw, name, str(path), tables)
    return tables


# ------------------------------------------------------------------ numbers


def check_mcc(text: str, field: str = "mcc", force: bool = False,
              tables: Tables | None = None) -> str:
    """Four digits. One that `tables` do not know must be confirmed (`force`):
    most likely a typing slip, possibly a category posguide does not list.
    Without `tables`, the shipped ones (a caller with a home passes the home's)."""
    from .validate import field_label, mcc_format

    value = mcc_format(text, field)
    if not force:
        known = (tables or builtin_tables()).mccs
        if value not in known:
            raise NeedsConfirmation(field, t("merchant.unknown_mcc", field=field_label(field),
                                             value=value), value)
    return value


@dataclass(frozen=True)
class Decoded:
    number: str
    acquirer_code: str
    region_code: str
    mcc_code: str
    sequence: str
    acquirer: Acquirer | None
    regions: tuple[Region, ...]  # what the region code means in each convention known
    mcc: Mcc | None

    @property
    def grouped(self) -> str:
        return " ".join((self.acquirer_code, self.region_code, self.mcc_code, self.sequence))

    def to_json(self) -> dict[str, Any]:
        acq = self.acquirer
        mcc = self.mcc
        return {
            "number": self.number,
            "acquirer": {"code": self.acquirer_code,
                         "name": acq.names.to_json() if acq else None,
                         "kind": acq.kind if acq else None,
                         "source": acq.source if acq else None},
            "region": {"code": self.region_code,
                       "meanings": [{"convention": r.convention, "name": r.names.to_json(),
                                     "source": r.source} for r in self.regions]},
            "mcc": {"code": self.mcc_code,
                    "name": mcc.names.to_json() if mcc else None,
                    "fee_class": mcc.fee_class if mcc else None,
                    "group": mcc.group if mcc else None,
                    "note": mcc.note.to_json() if mcc and mcc.note else None,
                    "source": mcc.source if mcc else None},
            "sequence": self.sequence,
        }


def split_number(text: str, field: str = "merchant_no") -> str:
    """A merchant number's 15 characters (letters and digits), or a
    ValidationError that says what is wrong with it: the same rule as the
    profile's `merchant_no`, so what one accepts the other does too."""
    from .validate import check_merchant_no

    return check_merchant_no(text, field)


def decode(text: str, tables: Tables) -> Decoded:
    """Read a merchant number as acquirer (3) + region (4) + MCC (4) +
    sequence (4), leniently (DESIGN.md 10): a part that is not all digits is
    not the usual code and is shown as unknown; the rest is still read."""
    value = split_number(text)
    acquirer, region, mcc = value[:3], value[3:7], value[7:11]
    regions = tuple(tables.regions[(c, region)] for c in CONVENTIONS
                    if region.isdigit() and (c, region) in tables.regions)
    return Decoded(value, acquirer, region, mcc, value[11:],
                   tables.acquirers.get(acquirer) if acquirer.isdigit() else None, regions,
                   tables.mccs.get(mcc) if mcc.isdigit() else None)


def embedded_mcc(number: str) -> str | None:
    """The MCC a merchant number carries by convention, when it is digits."""
    code = number[7:11]
    return code if len(code) == 4 and code.isdigit() else None


# ------------------------------------------------------------------ comparing


def same_number(a: str | None, b: str | None) -> bool:
    """Two merchant numbers, or two terminal IDs, are the same once written
    the same way (width, separators, case)."""
    from .validate import clean_merchant_no

    return clean_merchant_no(a or "") == clean_merchant_no(b or "")


def foreign_fields(term: Terminal, merchant_no: str | None,
                   terminal_id: str | None) -> tuple[str, ...]:
    """Which of a record's merchant number and terminal ID (a receipt, a
    statement row) are not this terminal's: ("merchant_no",), ("terminal_id",),
    both, or none. A value the record does not show, or the terminal has not
    saved, cannot differ. The statement audit's `foreign` finding uses this."""
    found: list[str] = []
    if merchant_no and term.merchant_no and not same_number(merchant_no, term.merchant_no):
        found.append("merchant_no")
    if terminal_id and term.terminal_id and not same_number(terminal_id, term.terminal_id):
        found.append("terminal_id")
    return tuple(found)


def _plain_name(text: str) -> str:
    """A name without what receipts and people vary: width, case, spaces,
    punctuation (（）·- ...)."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in text if unicodedata.category(ch)[0] not in "PSZC")


def compare_names(receipt: str, own: str) -> str:
    """"match", "shortened" or "mismatch". A receipt may cut a long name, so
    a receipt name that is part of the own name counts ("shortened"), when it
    is long enough to still be a name: at least 4 characters, or 60% of the
    own name. A receipt name longer than the own one is another name: the own
    name inside it ("便利店" in "好又多便利店") is what another shop's name
    looks like, not a cut."""
    a, b = _plain_name(receipt), _plain_name(own)
    if a == b:
        return "match"
    if a and len(a) < len(b) and a in b and len(a) >= 2 \
            and (len(a) >= 4 or len(a) >= 0.6 * len(b)):
        return "shortened"
    return "mismatch"


@dataclass(frozen=True)
class Receipt:
    """What a receipt shows. `mcc` is None when not given: then the one the
    merchant number carries is used."""

    merchant_no: str
    name: str | None = None
    terminal_id: str | None = None
    mcc: str | None = None


@dataclass(frozen=True)
class Finding:
    field: str         # merchant_no, name, terminal_id, mcc
    status: str        # match, mismatch, unknown (own value not saved), near
    kind: str | None   # foreign (another merchant: 二清), jump (another category: 跳码)
    receipt: str
    own: str | None
    # mcc: cheaper, dearer, other_kind, unlisted, same_kind, own_number (the
    # merchant's own number carries another code than the contract's); name: shortened;
    # terminal_id: another_terminal (the ID of another terminal in the profile)
    detail: str | None = None
    other_terminal: str | None = None  # with detail another_terminal: its name

    def to_json(self) -> dict[str, Any]:
        return {"field": self.field, "status": self.status, "kind": self.kind,
                "receipt": self.receipt, "own": self.own, "detail": self.detail,
                "other_terminal": self.other_terminal}


@dataclass(frozen=True)
class ReceiptCheck:
    findings: tuple[Finding, ...]
    receipt_mcc: Mcc | None
    own_mcc: Mcc | None
    mcc_from_number: bool  # the receipt's MCC was read from its merchant number

    @property
    def mismatches(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.status == "mismatch")

    @property
    def unknown(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.status == "unknown")

    @property
    def verdict(self) -> str:
        """mismatch, incomplete (something could not be compared) or match."""
        if self.mismatches:
            return "mismatch"
        return "incomplete" if self.unknown else "match"

    def to_json(self) -> dict[str, Any]:
        def mcc_json(m: Mcc | None) -> dict[str, Any] | None:
            if m is None:
                return None
            return {"code": m.code, "name": m.names.to_json(), "fee_class": m.fee_class,
                    "group": m.group}

        return {"verdict": self.verdict,
                "kinds": sorted({f.kind for f in self.mismatches if f.kind}),
                "findings": [f.to_json() for f in self.findings],
                "receipt_mcc": mcc_json(self.receipt_mcc), "own_mcc": mcc_json(self.own_mcc),
                "mcc_from_number": self.mcc_from_number}


def parse_receipt(merchant_no: str, name: str | None, terminal_id: str | None,
                  mcc: str | None) -> Receipt:
    """What the user typed from the receipt, validated field by field."""
    from . import validate as v

    number = split_number(merchant_no, "merchant_no")
    clean_name = v.check_text(name, "merchant_name", 80) if name and name.strip() else None
    tid = v.check_terminal_id(terminal_id, "terminal_id") if terminal_id and terminal_id.strip() \
        else None
    code = check_mcc(mcc, "mcc", force=True) if mcc and mcc.strip() else None
    return Receipt(number, clean_name, tid, code)


def check_receipt(receipt: Receipt, term: Terminal, tables: Tables,
                  others: Iterable[Terminal] = ()) -> ReceiptCheck:
    """Compare what a receipt shows with the terminal's own facts. `others`
    are the profile's other terminals: a terminal ID of one of them is named
    (the receipt was checked against the wrong terminal), though it still
    differs from this one's."""
    findings: list[Finding] = []

    def add(field_: str, ok: bool | None, kind: str, shown: str, own: str | None,
            detail: str | None = None) -> None:
        status = "unknown" if ok is None else ("match" if ok else "mismatch")
        findings.append(Finding(field_, status, kind if status == "mismatch" else None,
                                shown, own, detail))

    own_no = term.merchant_no
    add("merchant_no", None if not own_no else same_number(receipt.merchant_no, own_no),
        "foreign", receipt.merchant_no, own_no)
    if receipt.name is not None:
        own_name = term.merchant_name
        if not own_name:
            add("name", None, "foreign", receipt.name, None)
        else:
            how = compare_names(receipt.name, own_name)
            add("name", how != "mismatch", "foreign", receipt.name, own_name,
                "shortened" if how == "shortened" else None)
    if receipt.terminal_id is not None:
        own_tid = term.terminal_id
        same = None if not own_tid else same_number(receipt.terminal_id, own_tid)
        other = None if same else next(
            (o.name for o in others if o.name != term.name and o.terminal_id
             and same_number(receipt.terminal_id, o.terminal_id)), None)
        if other is not None:
            findings.append(Finding("terminal_id", "mismatch", "foreign", receipt.terminal_id,
                                    own_tid, "another_terminal", other))
        else:
            add("terminal_id", same, "foreign", receipt.terminal_id, own_tid)

    from_number = receipt.mcc is None
    code = receipt.mcc or embedded_mcc(receipt.merchant_no)
    own_code = term.mcc
    shown_mcc = tables.mccs.get(code) if code else None
    own_mcc = tables.mccs.get(own_code) if own_code else None
    if code is not None:
        if not own_code:
            add("mcc", None, "jump", code, None)
        elif code == own_code:
            add("mcc", True, "jump", code, own_code)
        elif from_number and own_no and same_number(receipt.merchant_no, own_no):
            # The merchant's own number, whose 8th-11th characters say another
            # code than the contract: the MCC sits there by convention only
            # (DOMAIN.md), and the number itself is right. Not 跳码: a question
            # for the acquirer.
            findings.append(Finding("mcc", "near", None, code, own_code, "own_number"))
        elif shown_mcc is None or own_mcc is None:
            add("mcc", False, "jump", code, own_code, "unlisted")
        elif shown_mcc.fee_class != own_mcc.fee_class:
            cheaper = _FEE_ORDER[shown_mcc.fee_class] < _FEE_ORDER[own_mcc.fee_class]
            add("mcc", False, "jump", code, own_code, "cheaper" if cheaper else "dearer")
        elif shown_mcc.group != own_mcc.group:
            add("mcc", False, "jump", code, own_code, "other_kind")
        else:
            # The same kind of business with the same fees (5814 fast food for
            # 5812 restaurants): not 跳码, but not what the contract says either.
            findings.append(Finding("mcc", "near", None, code, own_code, "same_kind"))
    return ReceiptCheck(tuple(findings), shown_mcc, own_mcc, from_number and code is not None)
