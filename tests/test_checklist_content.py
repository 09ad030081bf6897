"""The built-in checklists: every file parses and follows the rules of
docs/checklist-format.md on its own (so a broken file fails here even before
the engine loads it), and the content keeps the promises of DOMAIN.md: short
sections, actions with a verb, both languages, no phone numbers or web
addresses, never a request for a card number, PIN or password."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

CHECKLISTS = Path(__file__).resolve().parent.parent / "src" / "posguide" / "checklists"
BUILT_IN = ("activation", "daily", "payment-card", "transaction", "sim-swap", "maintenance",
            "inspection", "security", "dormancy", "renewal", "legit-check")

RECORD_KINDS = {"transaction", "maintenance", "inspection", "password-change",
                "software-update", "fee-check", "sim-renewal"}
PROFILE_FIELDS = {"name", "brand", "model", "serial", "terminal_id", "merchant_no",
                  "merchant_name", "mcc", "location",
                  "purchased", "activated", "service_years", "support_phone", "fee_rate",
                  "fee_cap", "sim.carrier", "sim.iccid", "sim.expires", "sim.plan"}
TOP_KEYS = {"id", "mode", "records", "title", "intro", "sections"}
SECTION_KEYS = {"id", "title", "steps"}
STEP_KEYS = {"id", "kind", "critical", "action", "why", "records", "on_no", "troubleshoot",
             "stop_message", "input", "sets"}
KIND_KEYS = {"do": set(), "note": set(), "check": {"on_no", "troubleshoot", "stop_message"},
             "input": {"input", "sets"}}

# Verbs that open or carry an English action. Every action must use one, so a
# step tells the merchant what to do and never only names a thing to check.
EN_VERBS = frozenset(re.findall(r"[a-z]+", """
agree answer ask back brush call change charge check choose clean compare confirm connect
count decide find finish follow get give glance go hold insert keep let lock look make move
open pay photograph plan press print put read recall remove renew replace return run save
shake sign store switch take tell think turn type unplug update wait watch weigh wipe write
"""))
# The same idea for Chinese: at least one of these action words.
ZH_VERBS = ("看", "查", "输入", "关机", "开机", "按", "插", "取", "放", "换", "改", "对", "擦",
            "收", "打", "拨", "问", "告诉", "记", "确认", "充电", "拿", "装", "清", "检查",
            "回想", "选", "签", "交", "留", "存", "备份", "联系", "拔", "算", "运行", "定", "想",
            "找", "推", "等", "做", "拍", "锁", "删", "卸", "付", "退", "用", "摸", "掂", "晃",
            "翻", "核对", "刷", "挪", "读")


def load(name: str) -> dict[str, Any]:
    with open(CHECKLISTS / f"{name}.toml", "rb") as fh:
        return tomllib.load(fh)


def texts(obj: Any) -> list[dict[str, str]]:
    """Every {en, zh} text in a parsed checklist."""
    found: list[dict[str, str]] = []
    if isinstance(obj, dict):
        if set(obj) == {"en", "zh"}:
            return [obj]
        for value in obj.values():
            found += texts(value)
    elif isinstance(obj, list):
        for value in obj:
            found += texts(value)
    return found


def steps(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for section in data["sections"] for step in section["steps"]]


def is_text(value: Any) -> bool:
    return (isinstance(value, dict) and set(value) == {"en", "zh"}
            and all(isinstance(v, str) and v.strip() for v in value.values()))


def test_exactly_the_built_in_files_ship() -> None:
    assert sorted(p.stem for p in CHECKLISTS.glob("*.toml")) == sorted(BUILT_IN)


@pytest.mark.parametrize("name", BUILT_IN)
def test_follows_the_format(name: str) -> None:
    data = load(name)
    assert set(data) <= TOP_KEYS, set(data) - TOP_KEYS
    assert data["id"] == name and re.fullmatch(r"[a-z0-9-]{1,32}", name)
    assert data["mode"] in ("read-do", "do-confirm")
    assert data.get("records", "transaction") in RECORD_KINDS
    assert is_text(data["title"])
    if "intro" in data:
        assert is_text(data["intro"])
    assert data["sections"], "at least one section"
    section_ids = [s["id"] for s in data["sections"]]
    assert len(section_ids) == len(set(section_ids))
    for section in data["sections"]:
        assert set(section) == SECTION_KEYS, section["id"]
        assert is_text(section["title"])
    step_ids = [s["id"] for s in steps(data)]
    assert len(step_ids) == len(set(step_ids)), "step ids must be unique"
    for step in steps(data):
        where = f"{name}:{step['id']}"
        assert re.fullmatch(r"[a-z0-9-]{1,32}", step["id"]), where
        assert set(step) <= STEP_KEYS, (where, set(step) - STEP_KEYS)
        kind = step["kind"]
        assert kind in KIND_KEYS, where
        extra = set(step) & {"on_no", "troubleshoot", "stop_message", "input", "sets"}
        assert extra <= KIND_KEYS[kind], (where, extra)
        assert is_text(step["action"]) and is_text(step["why"]), where
        assert isinstance(step.get("critical", False), bool), where
        if "records" in step:
            assert step["records"] in RECORD_KINDS, where
        if kind == "check":
            assert step["on_no"] in ("troubleshoot", "stop", "continue"), where
            has_steps = "troubleshoot" in step
            assert has_steps == (step["on_no"] == "troubleshoot"), where
            if has_steps:
                assert step["troubleshoot"] and all(is_text(x) for x in step["troubleshoot"])
            if "stop_message" in step:
                assert step["on_no"] == "stop" and is_text(step["stop_message"]), where
            if step["on_no"] == "stop":
                assert "stop_message" in step, f"{where}: say what to do when it stops"
        if kind == "input":
            assert step["input"] in ("iccid", "date", "money", "rate", "phone", "number",
                                     "text"), where
            if "sets" in step:
                assert step["sets"] in PROFILE_FIELDS, where
        if kind == "note":
            assert not step.get("critical"), f"{where}: a note cannot be critical"


@pytest.mark.parametrize("name", BUILT_IN)
def test_sections_are_short_chunks(name: str) -> None:
    # DOMAIN.md "Checklist design": about 5 to 9 items a chunk, so a merchant
    # never holds more in mind than that between two pause points.
    for section in load(name)["sections"]:
        assert 5 <= len(section["steps"]) <= 9, (name, section["id"], len(section["steps"]))


@pytest.mark.parametrize("name", BUILT_IN)
def test_every_action_has_a_verb(name: str) -> None:
    for step in steps(load(name)):
        if step["kind"] == "note":
            continue
        words = set(re.findall(r"[a-z]+", step["action"]["en"].lower()))
        assert words & EN_VERBS, f"{name}:{step['id']} en: {step['action']['en']}"
        zh = step["action"]["zh"]
        assert any(v in zh for v in ZH_VERBS), f"{name}:{step['id']} zh: {zh}"


@pytest.mark.parametrize("name", BUILT_IN)
def test_no_phone_numbers_web_addresses_or_secrets_asked(name: str) -> None:
    for text in texts(load(name)):
        for lang, value in text.items():
            where = f"{name} [{lang}]: {value}"
            # A run of 5+ digits (with spaces or dashes) looks like a phone number.
            assert not re.search(r"\d[\d -]{3,}\d", value), where
            assert not re.search(r"https?:|www\.|://|\.com\b|\.cn\b", value, re.I), where
            assert "QR code" not in value and "二维码" not in value, where
    for step in steps(load(name)):
        if step["kind"] == "input":
            # Never a card number, PIN, CVV or password: only the fields listed.
            assert step.get("sets") in PROFILE_FIELDS, f"{name}:{step['id']}"


@pytest.mark.parametrize("name", BUILT_IN)
def test_critical_steps_come_first_in_do_confirm_sections(name: str) -> None:
    # In a DO-CONFIRM list the order is free, so the critical items lead.
    # A READ-DO list follows the order of the work instead.
    data = load(name)
    if data["mode"] != "do-confirm":
        return
    for section in data["sections"]:
        flags = [bool(s.get("critical")) for s in section["steps"]]
        assert flags == sorted(flags, reverse=True), (name, section["id"])


def test_kinds_recorded_match_the_brief() -> None:
    recorded = {name: load(name).get("records") for name in BUILT_IN}
    assert recorded == {"activation": None, "daily": None, "payment-card": "transaction",
                        "transaction": "transaction", "sim-swap": None,
                        "maintenance": "maintenance", "inspection": "inspection",
                        "security": None, "dormancy": None, "renewal": None,
                        "legit-check": None}
    security = {s["id"]: s.get("records") for s in steps(load("security"))}
    assert "password-change" in security.values() and "software-update" in security.values()
    modes = {name: load(name)["mode"] for name in BUILT_IN}
    assert modes["transaction"] == "do-confirm" and modes["sim-swap"] == "read-do"
    # Work done as it is read is READ-DO, whatever the subject (issue 16).
    assert modes["security"] == "read-do" and modes["legit-check"] == "read-do"
    assert modes["daily"] == "do-confirm" and modes["payment-card"] == "do-confirm"


def test_tamper_signs_stop_the_terminal() -> None:
    # DOMAIN.md: on any suspicion, stop using it and call the provider.
    checks = [s for s in steps(load("inspection")) if s["kind"] == "check"]
    assert len(checks) >= 7
    assert all(s["on_no"] == "stop" for s in checks)


def test_sim_swap_test_collection_leads_to_troubleshooting() -> None:
    test = next(s for s in steps(load("sim-swap")) if s["id"] == "test-payment")
    assert test["kind"] == "check" and test["on_no"] == "troubleshoot"
    assert len(test["troubleshoot"]) >= 4


# ---------------------------------------------------------------- with the engine

SAMPLE_INPUT = {"serial": "LKL-N5-0012345", "merchant_no": "822100058120001", "mcc": "5812",
                "support_phone": "95016", "fee_rate": "0.60", "activated": "today",
                "service_years": "5", "terminal_id": "12345678", "sim.expires": "+1y"}


def piped_answers(name: str) -> str:
    """One answer a line: every step done or confirmed, inputs given a valid value."""
    lines = []
    for step in steps(load(name)):
        lines.append(SAMPLE_INPUT[step["sets"]] if step["kind"] == "input" else "y")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("name", BUILT_IN)
def test_the_engine_loads_every_file(name: str) -> None:
    engine = pytest.importorskip("posguide.checklist")
    checklist = engine.load_builtin(name)
    assert [s.id for s in checklist.steps] == [s["id"] for s in steps(load(name))]
    assert checklist.records == load(name).get("records")


# sim-swap is left out: `posguide checklist sim-swap` runs the SIM swap wizard,
# which adds the new card's details after these steps (tested with the wizard).
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", [n for n in BUILT_IN if n != "sim-swap"])
def test_runs_to_completion_from_piped_answers(cli: Any, terminal: Any, home: Path,
                                               name: str, lang: str) -> None:
    pytest.importorskip("posguide.wizard")
    from conftest import recorded

    r = cli("--lang", lang, "checklist", name, input=piped_answers(name),
            env={"POSGUIDE_TODAY": "2026-11-23"})
    assert r.exit_code == 0, r.output
    data = load(name)
    assert data["title"][lang] in r.stdout
    expected = {"checklist"} | {data.get("records")} | {s.get("records") for s in steps(data)}
    kinds = {e.kind for e in recorded(home) if str(e.date) == "2026-11-23"}
    assert expected - {None} <= kinds, (expected, kinds)
    shown = json.loads(cli("profile", "show", "--json").stdout)
    for step in steps(data):
        if step.get("sets") in ("serial", "merchant_no", "mcc", "support_phone"):
            assert shown[step["sets"]] == SAMPLE_INPUT[step["sets"]]
        if step.get("sets") == "service_years":
            assert shown["service_years"] == 5
        if step.get("sets") == "activated":
            assert shown["activated"] == "2026-11-23"
