"""The built-in sample terminal behind `status --demo`: a realistic mix of
findings relative to any `today`, made in memory (nothing is read or written)."""

from __future__ import annotations

from datetime import date, timedelta

from .profile import Sim, Terminal
from .validate import add_months

DEMO_NAME = "demo"


def demo_terminal(today: date) -> tuple[Terminal, dict[str, date]]:
    purchased = add_months(today, -26)
    term = Terminal(
        name=DEMO_NAME,
        purchased=purchased,
        activated=purchased + timedelta(days=4),
        brand="Lakala",
        serial="DEMO-0001",
        sim=Sim(carrier="China Mobile", expires=today + timedelta(days=12), plan="30 MB/month"),
        # support_phone is left out on purpose: the demo shows a profile note too,
        # and posguide ships no real phone number.
    )
    ago = lambda days: today - timedelta(days=days)  # noqa: E731
    latest = {
        "transaction": ago(2),
        "maintenance": ago(41),
        "inspection": ago(75),
        "password-change": ago(40),
        "software-update": ago(20),
        "fee-check": ago(33),
    }
    return term, latest
