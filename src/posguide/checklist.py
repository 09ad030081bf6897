"""Checklists: the model, and the loader that turns a TOML file into it.

The format is docs/checklist-format.md. Built-in files ship as package data in
`posguide/checklists/`; custom ones are `<home>/checklists/*.toml`. A file is
data only: it is validated key by key, and every error names the file and the
key, so a merchant who edits one by hand can find the mistake.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import DataError, UsageError
from .history import RECORD_KINDS
from .home import Home, check_own_file, read_bytes, reason
from .i18n import LANGS, get_lang, t
from .prose import join
from .shown import is_clean

MODES = ("read-do", "do-confirm")
KINDS = ("do", "check", "input", "note")
INPUTS = ("iccid", "date", "money", "rate", "phone", "number", "text")
ON_NO = ("troubleshoot", "stop", "continue")

# The order `posguide checklist` lists the built-in ones in: the order a
# terminal's life meets them. Others (if any) follow alphabetically.
BUILTIN_ORDER = ("activation", "daily", "payment-card", "transaction", "sim-swap",
                 "maintenance", "inspection", "security", "dormancy", "renewal", "legit-check")

_ID_RE = re.compile(r"^[a-z0-9-]{1,32}$")
_STEP_ID_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")

# The kind of value each profile field takes, so `input` and `sets` agree.
_FIELD_INPUT = {
    "sim.iccid": "iccid", "sim.expires": "date", "purchased": "date", "activated": "date",
    "fee_rate": "rate", "fee_cap": "money", "support_phone": "phone", "service_years": "number",
}


@dataclass(frozen=True)
class Text:
    """One text in both languages."""

    en: str
    zh: str

    def get(self, lang: str | None = None) -> str:
        return self.zh if (lang or get_lang()) == "zh" else self.en

    def __str__(self) -> str:
        return self.get()

    @classmethod
    def message(cls, key: str, **params: object) -> Text:
        """A text from the message catalogue (for steps defined in code)."""
        return cls(en=t(key, "en", **params), zh=t(key, "zh", **params))


@dataclass(frozen=True)
class Step:
    id: str
    kind: str
    action: Text
    why: Text | None = None
    critical: bool = False
    records: str | None = None
    on_no: str = "continue"
    troubleshoot: tuple[Text, ...] = ()
    stop_message: Text | None = None
    input: str | None = None
    sets: str | None = None
    section: int = 0  # index into Checklist.sections
    # Only for steps built in code (the SIM swap's data entry); never from a file.
    default: str | None = None
    parse: Callable[[str, bool], Any] | None = None  # (text, force) -> value
    render: Callable[[Mapping[str, Any]], Any] | None = None  # kind "confirm": what to confirm


@dataclass(frozen=True)
class Section:
    id: str
    title: Text


@dataclass(frozen=True)
class Checklist:
    id: str
    mode: str
    title: Text
    sections: tuple[Section, ...]
    steps: tuple[Step, ...]
    intro: Text | None = None
    records: str | None = None
    source: str = "builtin"  # or "custom"
    path: str = ""

    def step_index(self, step_id: str) -> int | None:
        for i, step in enumerate(self.steps):
            if step.id == step_id:
                return i
        return None


# ------------------------------------------------------------------ validation


class _Bad(Exception):
    def __init__(self, key: str, problem: str, step_id: str | None = None) -> None:
        self.key = key
        self.problem = problem
        self.step_id = step_id


def _keys(table: Mapping[str, Any], where: str, allowed: set[str], required: set[str]) -> None:
    for key in table:
        if key not in allowed:
            raise _Bad(f"{where}{key}", t("checklist.err_unknown_key",
                                          allowed=join(sorted(allowed))))
    for key in sorted(required):
        if key not in table:
            raise _Bad(f"{where}{key}", t("checklist.err_missing"))


def _text(value: Any, key: str) -> Text:
    if not isinstance(value, dict):
        raise _Bad(key, t("checklist.err_text"))
    extra = set(value) - set(LANGS)
    if extra:
        raise _Bad(key, t("checklist.err_text"))
    for lang in LANGS:
        text = value.get(lang)
        if not isinstance(text, str) or not text.strip():
            raise _Bad(f"{key}.{lang}", t("checklist.err_text_lang", lang=lang))
    return Text(en=value["en"].strip(), zh=value["zh"].strip())


def _choice(value: Any, key: str, choices: tuple[str, ...]) -> str:
    if not isinstance(value, str) or value not in choices:
        raise _Bad(key, t("checklist.err_choice", value=str(value), choices=join(choices)))
    return value


_STEP_KEYS = {
    "do": {"id", "kind", "action", "why", "critical", "records"},
    "check": {"id", "kind", "action", "why", "critical", "records", "on_no", "troubleshoot",
              "stop_message"},
    "input": {"id", "kind", "action", "why", "critical", "records", "input", "sets"},
    "note": {"id", "kind", "action", "why"},
}


def _step(raw: Any, where: str, section: int, seen: set[str]) -> Step:
    if not isinstance(raw, dict):
        raise _Bad(where, t("checklist.err_table"))
    step_id = raw.get("id")
    if not isinstance(step_id, str) or not _STEP_ID_RE.match(step_id):
        raise _Bad(f"{where}.id", t("checklist.err_step_id"))
    if step_id in seen:
        raise _Bad(f"{where}.id", t("checklist.err_duplicate", id=step_id), step_id)
    seen.add(step_id)
    try:
        kind = _choice(raw.get("kind"), f"{where}.kind", KINDS)
        required = {"id", "kind", "action"} | ({"input"} if kind == "input" else set())
        if kind != "note":
            required.add("why")
        _keys(raw, f"{where}.", _STEP_KEYS[kind], required)
        action = _text(raw["action"], f"{where}.action")
        why = _text(raw["why"], f"{where}.why") if "why" in raw else None
        critical = raw.get("critical", False)
        if not isinstance(critical, bool):
            raise _Bad(f"{where}.critical", t("checklist.err_bool"))
        records = raw.get("records")
        if records is not None:
            records = _choice(records, f"{where}.records", RECORD_KINDS)
        on_no = "continue"
        troubleshoot: tuple[Text, ...] = ()
        stop_message = None
        input_kind = sets = None
        if kind == "check":
            on_no = _choice(raw.get("on_no", "continue"), f"{where}.on_no", ON_NO)
            if on_no == "troubleshoot":
                items = raw.get("troubleshoot")
                if not isinstance(items, list) or not items:
                    raise _Bad(f"{where}.troubleshoot", t("checklist.err_troubleshoot"))
                troubleshoot = tuple(_text(item, f"{where}.troubleshoot[{n}]")
                                     for n, item in enumerate(items, start=1))
            elif "troubleshoot" in raw:
                raise _Bad(f"{where}.troubleshoot", t("checklist.err_only_with",
                                                      other='on_no = "troubleshoot"'))
            if "stop_message" in raw:
                if on_no != "stop":
                    raise _Bad(f"{where}.stop_message", t("checklist.err_only_with",
                                                          other='on_no = "stop"'))
                stop_message = _text(raw["stop_message"], f"{where}.stop_message")
        if kind == "input":
            input_kind = _choice(raw.get("input"), f"{where}.input", INPUTS)
            sets = raw.get("sets")
            if sets is not None:
                sets = _sets(sets, f"{where}.sets", input_kind)
    except _Bad as bad:
        bad.step_id = bad.step_id or step_id
        raise
    return Step(id=step_id, kind=kind, action=action, why=why, critical=critical,
                records=records, on_no=on_no, troubleshoot=troubleshoot,
                stop_message=stop_message, input=input_kind, sets=sets, section=section)


def _sets(value: Any, key: str, input_kind: str) -> str:
    from .profile import FIELD_ORDER

    fields = [f for f in FIELD_ORDER if f != "name"]  # renaming a terminal is not a step
    if not isinstance(value, str) or value not in fields:
        raise _Bad(key, t("checklist.err_choice", value=str(value), choices=join(fields)))
    wanted = _FIELD_INPUT.get(value, "text")
    if input_kind != wanted:
        raise _Bad(key, t("checklist.err_sets_input", field=value, input=wanted))
    return value


def parse(data: Mapping[str, Any], stem: str, source: str = "builtin", path: str = "") -> Checklist:
    """Build a checklist from parsed TOML. Raises _Bad naming the key."""
    _keys(data, "", {"id", "mode", "records", "title", "intro", "sections"},
          {"id", "mode", "title", "sections"})
    cid = data["id"]
    if not isinstance(cid, str) or not _ID_RE.match(cid):
        raise _Bad("id", t("checklist.err_id"))
    if cid != stem:
        raise _Bad("id", t("checklist.err_id_stem", id=cid, stem=stem))
    mode = _choice(data["mode"], "mode", MODES)
    records = data.get("records")
    if records is not None:
        records = _choice(records, "records", RECORD_KINDS)
    title = _text(data["title"], "title")
    intro = _text(data["intro"], "intro") if "intro" in data else None
    raw_sections = data["sections"]
    if not isinstance(raw_sections, list) or not raw_sections:
        raise _Bad("sections", t("checklist.err_no_steps"))
    sections: list[Section] = []
    steps: list[Step] = []
    seen_steps: set[str] = set()
    seen_sections: set[str] = set()
    for n, raw in enumerate(raw_sections, start=1):
        where = f"sections[{n}]"
        if not isinstance(raw, dict):
            raise _Bad(where, t("checklist.err_table"))
        _keys(raw, f"{where}.", {"id", "title", "steps"}, {"id", "title", "steps"})
        sid = raw["id"]
        if not isinstance(sid, str) or not _STEP_ID_RE.match(sid):
            raise _Bad(f"{where}.id", t("checklist.err_step_id"))
        if sid in seen_sections:
            raise _Bad(f"{where}.id", t("checklist.err_duplicate", id=sid))
        seen_sections.add(sid)
        sections.append(Section(id=sid, title=_text(raw["title"], f"{where}.title")))
        raw_steps = raw["steps"]
        if not isinstance(raw_steps, list) or not raw_steps:
            raise _Bad(f"{where}.steps", t("checklist.err_no_steps"))
        for m, raw_step in enumerate(raw_steps, start=1):
            steps.append(_step(raw_step, f"{where}.steps[{m}]", n - 1, seen_steps))
    return Checklist(id=cid, mode=mode, title=title, sections=tuple(sections), steps=tuple(steps),
                     intro=intro, records=records, source=source, path=path)


def loads(raw: bytes, stem: str, path: str, source: str) -> Checklist:
    """Parse and validate one file's bytes; a DataError names the file and key."""
    from .tomlfile import read_toml

    data = read_toml(raw, path, lambda detail: DataError(
        t("checklist.bad_file", path=path, detail=detail)))
    try:
        return parse(data, stem, source, path)
    except _Bad as bad:
        detail = t("checklist.bad_key", key=bad.key, problem=bad.problem)
        line = _line_of(raw, bad.step_id) if bad.step_id else None
        if line:
            detail = t("checklist.at_line", line=line, detail=detail)
        raise DataError(t("checklist.bad_file", path=path, detail=detail)) from None


def _line_of(raw: bytes, step_id: str) -> int | None:
    """The line of `id = "<step_id>"`, to point a person at the right step."""
    pattern = re.compile(rf"""^\s*id\s*=\s*["']{re.escape(step_id)}["']""")
    for number, line in enumerate(raw.decode("utf-8", "replace").splitlines(), start=1):
        if pattern.match(line):
            return number
    return None


# ------------------------------------------------------------------ finding them


def _builtin_dir() -> Any:
    from importlib.resources import files

    return files("posguide") / "checklists"


def builtin_ids() -> list[str]:
    folder = _builtin_dir()
    try:
        names = [p.name for p in folder.iterdir() if p.name.endswith(".toml")]
    except (FileNotFoundError, NotADirectoryError):
        return []
    ids = [n[: -len(".toml")] for n in names]
    order = {name: i for i, name in enumerate(BUILTIN_ORDER)}
    return sorted(ids, key=lambda x: (order.get(x, len(order)), x))


def load_builtin(cid: str) -> Checklist:
    resource = _builtin_dir() / f"{cid}.toml"
    path = f"posguide/checklists/{cid}.toml"
    try:
        raw = resource.read_bytes()
    except OSError as exc:
        raise DataError(t("checklist.bad_file", path=path, detail=reason(exc))) from exc
    return loads(raw, cid, path, "builtin")


def load_custom(path: Path) -> Checklist:
    raw = read_bytes(path)
    if raw is None:
        raise DataError(t("checklist.bad_file", path=str(path), detail=t("checklist.err_gone")))
    if path.stem in builtin_ids():
        raise DataError(t("checklist.bad_file", path=str(path),
                          detail=t("checklist.err_shadows_builtin", id=path.stem)))
    return loads(raw, path.stem, str(path), "custom")


@dataclass
class Entry:
    """One checklist as `posguide checklist` lists it: loaded, or broken."""

    id: str
    source: str
    path: str
    checklist: Checklist | None = None
    error: str | None = None


def custom_paths(home: Home) -> list[Path]:
    folder = home.checklists_dir
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.toml") if p.is_file())


def discover(home: Home) -> list[Entry]:
    """Every built-in and custom checklist; a broken custom file is listed
    with its error instead of stopping the list."""
    entries: list[Entry] = []
    for cid in builtin_ids():
        entries.append(Entry(cid, "builtin", f"posguide/checklists/{cid}.toml",
                             checklist=load_builtin(cid)))
    for path in custom_paths(home):
        entry = Entry(path.stem, "custom", str(path))
        try:
            entry.checklist = load_custom(path)
        except DataError as exc:
            entry.error = exc.message
        entries.append(entry)
    return entries


def find(home: Home, name: str) -> Checklist:
    """The checklist called `name`: built-in first, then the home's own."""
    if name in builtin_ids():
        return load_builtin(name)
    # A file name the system can hold: a 300-character name is no checklist.
    plain = (name and len(name) <= 64 and is_clean(name)
             and not any(ch in name for ch in "/\\\0") and not name.startswith("."))
    path = home.checklists_dir / f"{name}.toml"
    if plain and check_own_file(path):
        return load_custom(path)  # a broken file says why (exit 3)
    names = builtin_ids() + [p.stem for p in custom_paths(home)]
    raise UsageError(t("checklist.unknown", name=name, names=join(names)))


__all__ = ["Checklist", "Entry", "Section", "Step", "Text", "builtin_ids", "discover", "find",
           "load_builtin", "load_custom", "loads", "parse"]
