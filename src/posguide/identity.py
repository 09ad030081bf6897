"""Is a merchant number or terminal ID this terminal's own?

One comparison for every place that meets such numbers: a statement row
(`statement audit`'s `foreign` finding) and a receipt. Lenient about how the
number is written (spaces, dashes, letter case), strict about what it is.
"""

from __future__ import annotations

import re

from .profile import Terminal

_SEPARATORS = re.compile(r"[\s\-()（）]")


def same_merchant_no(a: str, b: str) -> bool:
    return _SEPARATORS.sub("", a).upper() == _SEPARATORS.sub("", b).upper()


def same_terminal_id(a: str, b: str) -> bool:
    return _SEPARATORS.sub("", a).upper() == _SEPARATORS.sub("", b).upper()


def foreign_ids(term: Terminal, merchant_no: str | None = None,
                terminal_id: str | None = None) -> list[str]:
    """The fields ("merchant_no", "terminal_id") whose value is not this
    terminal's. A field the profile or the caller does not know is not compared."""
    differs = []
    if merchant_no and term.merchant_no and not same_merchant_no(merchant_no, term.merchant_no):
        differs.append("merchant_no")
    if terminal_id and term.terminal_id and not same_terminal_id(terminal_id, term.terminal_id):
        differs.append("terminal_id")
    return differs
