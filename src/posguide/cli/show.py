"""Tables that show a terminal's facts to a person."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..i18n import t

if TYPE_CHECKING:
    from rich.table import Table

    from ..home import Home
    from ..profile import Terminal


RATE_KEYS = ("fee_rate", "fees.debit", "fees.credit", "fees.qr")


def terminal_table(term: Terminal, is_default: bool = False, home: Home | None = None) -> Table:
    from rich.table import Table

    from ..profile import FIELD_ORDER, format_value

    title = t("show.title", name=term.name)
    if is_default:
        title += " " + t("show.default_mark")
    table = Table(title=title, show_header=False, title_justify="left", box=None,
                  padding=(0, 2, 0, 0))
    table.add_column(no_wrap=True, style="bold")
    table.add_column(overflow="fold")
    table.add_column(style="dim", overflow="fold")
    for key in FIELD_ORDER:
        value = term.get(key)
        text = format_value(value) if value is not None else t("show.not_set")
        if key in RATE_KEYS and value is not None:
            text += " %"
        if key == "mcc" and value is not None:
            text += _mcc_meaning(value, home)
        table.add_row(t(f"fields.{key}"), text, key)
    table.add_row(t("show.service_end"), term.service_end.isoformat(), "")
    return table


def _mcc_meaning(code: str, home: Home | None) -> str:
    """`  Restaurants (standard fees)`: what the saved code means, so a typing slip
    shows. Read from the MCC table (with `home`'s own entries) only when a
    code is saved."""
    from ..errors import DataError
    from ..merchant import load_tables

    try:
        mcc = load_tables(home).mccs.get(code)
    except DataError:  # a broken table of the home's own: `receipt check` names it
        return ""
    if mcc is None:
        return "  " + t("show.mcc_unlisted")
    return "  " + t("show.mcc_meaning", name=mcc.names.get(),
                    fee_class=t(f"merchant.class.{mcc.fee_class}"))
