"""The rules of DESIGN.md section 5, on the day before, on, and after each threshold."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from posguide.profile import DEFAULT_POLICY, Sim, Terminal
from posguide.status import CODES, RANK, evaluate

PURCHASED = date(2024, 3, 1)
ACTIVATED = date(2024, 3, 5)


def term(**kw) -> Terminal:
    t = Terminal(name="main", purchased=PURCHASED, activated=ACTIVATED, serial="SN-1",
                 support_phone="95016", sim=Sim(expires=date(2026, 12, 5)))
    for k, v in kw.items():
        t.set(k, v)
    return t


def finding(code: str, today: date, latest=None, policy=None, **kw):
    fs = evaluate(term(**kw), latest or {}, policy or DEFAULT_POLICY, today)
    return next(f for f in fs if f.code == code)


def test_every_code_for_every_terminal() -> None:
    fs = evaluate(term(), {}, DEFAULT_POLICY, date(2026, 11, 23))
    assert [f.code for f in fs] == list(CODES)


END = date(2027, 3, 1)  # purchased + 3 years


@pytest.mark.parametrize(("today", "severity", "days"), [
    (END - timedelta(days=61), "ok", 61),
    (END - timedelta(days=60), "warn", 60),
    (END - timedelta(days=59), "warn", 59),
    (END - timedelta(days=1), "warn", 1),
    (END, "warn", 0),
    (END + timedelta(days=1), "critical", -1),
])
def test_terminal_service(today: date, severity: str, days: int) -> None:
    f = finding("terminal_service", today)
    assert (f.severity, f.due, f.days) == (severity, END, days)
    assert f.fix == (None if severity == "ok" else "posguide checklist renewal")


SIM = date(2026, 12, 5)


@pytest.mark.parametrize(("today", "severity"), [
    (SIM - timedelta(days=31), "ok"),
    (SIM - timedelta(days=30), "warn"),
    (SIM - timedelta(days=29), "warn"),
    (SIM, "warn"),
    (SIM + timedelta(days=1), "critical"),
])
def test_sim_expiry(today: date, severity: str) -> None:
    f = finding("sim_expiry", today)
    assert f.severity == severity
    assert f.due == SIM and f.days == (SIM - today).days


def test_sim_expired_yesterday_names_both_fixes() -> None:
    f = finding("sim_expiry", SIM + timedelta(days=1))
    assert f.severity == "critical"
    assert f.fixes == ("posguide sim-swap", "posguide record sim-renewal")
    assert "yesterday (2026-12-05)" in f.message


def test_sim_expiry_unknown_is_info() -> None:
    f = finding("sim_expiry", date(2026, 1, 1), **{"sim.expires": None})
    assert (f.severity, f.due, f.days) == ("info", None, None)


# Interval clocks: (code, history kind, warn, critical)
INTERVALS = [
    ("dormancy", "transaction", 90, 330),
    ("maintenance", "maintenance", 30, 60),
    ("inspection", "inspection", 30, 60),
    ("password", "password-change", 90, 180),
    ("software", "software-update", 60, 120),
    ("fee_check", "fee-check", 30, 90),
]
LAST = date(2026, 6, 1)


@pytest.mark.parametrize(("code", "kind", "warn", "critical"), INTERVALS)
@pytest.mark.parametrize(("offset", "expected"), [
    ("warn-1", "ok"), ("warn", "warn"), ("warn+1", "warn"),
    ("critical-1", "warn"), ("critical", "critical"), ("critical+1", "critical"),
])
def test_interval_clocks(code, kind, warn, critical, offset, expected) -> None:
    base, _, delta = offset.partition("+") if "+" in offset else offset.partition("-")
    n = {"warn": warn, "critical": critical}[base]
    n = n + int(delta) if "+" in offset else n - int(delta or 0)
    today = LAST + timedelta(days=n)
    f = finding(code, today, latest={kind: LAST})
    assert f.severity == expected
    assert f.due == LAST + timedelta(days=warn)
    assert f.days == (f.due - today).days
    if expected != "ok":
        assert f.fix and f.fix.startswith("posguide ")


def test_interval_clock_without_events_starts_at_activation_else_purchase() -> None:
    f = finding("maintenance", ACTIVATED + timedelta(days=30))
    assert f.severity == "warn" and f.due == ACTIVATED + timedelta(days=30)
    f = finding("maintenance", PURCHASED + timedelta(days=30), activated=None)
    assert f.due == PURCHASED + timedelta(days=30)


def test_policy_overrides_thresholds() -> None:
    policy = {**DEFAULT_POLICY, "maintenance_warn_days": 7, "maintenance_critical_days": 14}
    f = finding("maintenance", LAST + timedelta(days=7), latest={"maintenance": LAST},
                policy=policy)
    assert f.severity == "warn"
    f = finding("maintenance", LAST + timedelta(days=14), latest={"maintenance": LAST},
                policy=policy)
    assert f.severity == "critical"


def test_profile_finding() -> None:
    today = date(2026, 1, 1)
    assert finding("profile", today).severity == "ok"
    f = finding("profile", today, serial=None, support_phone=None)
    assert f.severity == "info" and f.due is None
    assert f.fixes == ("posguide profile set serial SN", "posguide profile set support_phone PHONE")


kinds = st.sampled_from(["transaction", "maintenance", "inspection", "password-change",
                         "software-update", "fee-check"])


@settings(max_examples=150, deadline=None)
@given(
    start=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1)),
    steps=st.lists(st.integers(min_value=0, max_value=400), min_size=1, max_size=6),
    latest=st.dictionaries(kinds, st.dates(min_value=date(2019, 1, 1), max_value=date(2020, 1, 1))),
    sim=st.one_of(st.none(), st.dates(min_value=date(2019, 1, 1), max_value=date(2032, 1, 1))),
)
def test_severity_never_improves_as_time_passes(start, steps, latest, sim) -> None:
    t = term(**{"sim.expires": sim})
    t.purchased = date(2019, 1, 1)
    t.activated = None
    previous = None
    today = start
    for step in steps:
        today = today + timedelta(days=step)
        current = {f.code: RANK[f.severity] for f in evaluate(t, latest, DEFAULT_POLICY, today)}
        if previous is not None:
            for code, rank in current.items():
                assert rank >= previous[code], code
        previous = current
