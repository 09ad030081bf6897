"""Fee checks: what was taken from one settled transaction against what was agreed.

Pure and exact: every amount and rate is a `Decimal` built from the text the user
typed (validate.parse_money / parse_rate), money is rounded half-up to the cent
(the way a merchant rounds by hand, not Python's half-even), and no float ever
takes part. Under a decimal context that traps `FloatOperation`, nothing here
raises, which the tests check.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, localcontext
from functools import cached_property
from typing import TYPE_CHECKING, Literal

from . import validate as v
from .errors import ValidationError
from .i18n import t

if TYPE_CHECKING:
    from .profile import Terminal
    from .store import Store

Verdict = Literal["ok", "higher", "lower"]

CENT = v.CENT
# A fee within one cent of the agreed one is "as agreed": providers round each
# transaction on their own, and a cent either way is rounding, not a rate change.
TOLERANCE = CENT
# Effective rates are shown to four places: 0.6050% vs 0.60% is visible, while
# more places would only show the noise of rounding to the cent.
RATE_PLACES = Decimal("0.0001")
HUNDRED = Decimal(100)
ZERO = Decimal(0)

Card = Literal["debit", "credit", "qr"]
CARDS: tuple[Card, ...] = ("debit", "credit", "qr")


@dataclass(frozen=True)
class Agreed:
    """What the contract allows on one sale of one card type."""

    rate: Decimal
    cap: Decimal | None = None
    per_transaction: Decimal = ZERO

    def fee(self, amount: Decimal) -> Decimal:
        """The fee the plan allows on `amount`: the rate's fee half-up to the
        cent, capped, plus the fixed add-on."""
        return self.priced(amount)[0]

    @cached_property
    def _factor(self) -> Decimal:
        return self.rate / HUNDRED  # exact: a rate has at most 4 places

    def priced(self, amount: Decimal) -> tuple[Decimal, bool]:
        """`fee(amount)`, and whether the cap (not the rate) set it. One call
        per sale of a statement, so computed in as few steps as it can be."""
        fee = (amount * self._factor).quantize(CENT, rounding=ROUND_HALF_UP)
        capped = self.cap is not None and fee > self.cap
        if capped:
            fee = self.cap  # type: ignore[assignment]
        if self.per_transaction:
            return (fee + self.per_transaction).quantize(CENT), capped
        return fee, capped


def agreed_for(term: Terminal, card: Card | None) -> Agreed | None:
    """The plan's terms for a card type. The plan's own rate for the card when
    it names one (with the debit cap for debit cards), else `fee_rate` and
    `fee_cap`, which stand for every card type the plan does not name. None
    when nothing is known."""
    plan = term.fees
    add_on = plan.per_transaction or ZERO
    rate = None if card is None else getattr(plan, card)
    if rate is not None:
        return Agreed(rate, plan.debit_cap if card == "debit" else None, add_on)
    if term.fee_rate is not None:
        cap = term.fee_cap
        if card == "debit" and plan.debit_cap is not None:
            cap = plan.debit_cap
        return Agreed(term.fee_rate, cap, add_on)
    return None


@dataclass(frozen=True)
class FeeCheck:
    amount: Decimal  # the sale, to the cent
    settled: Decimal  # what reached the account
    fee: Decimal  # amount - settled
    expected_fee: Decimal  # amount * rate / 100, half-up to the cent, then capped
    effective_rate: Decimal  # fee / amount * 100, to 4 places
    agreed_rate: Decimal
    cap: Decimal | None
    verdict: Verdict
    per_transaction: Decimal = ZERO  # the fixed add-on the plan allows, in expected_fee

    @property
    def difference(self) -> Decimal:
        """How much more (positive) or less (negative) was taken than agreed."""
        return self.fee - self.expected_fee

    @property
    def capped(self) -> bool:
        """True when the cap, not the rate, set the expected fee."""
        return self.cap is not None and _rate_fee(self.amount, self.agreed_rate) > self.cap

    def to_json(self) -> dict[str, str]:
        """The `fee check --json` object: money and rates as decimal strings."""
        return {
            "amount": str(self.amount),
            "settled": str(self.settled),
            "fee": str(self.fee),
            "expected_fee": str(self.expected_fee),
            "effective_rate": str(self.effective_rate),
            "agreed_rate": str(self.agreed_rate),
            "verdict": self.verdict,
        }

    def to_event_data(self) -> dict[str, str]:
        """What a `fee-check` history event keeps: the numbers, as text."""
        data = self.to_json()
        if self.cap is not None:
            data["cap"] = str(self.cap)
        if self.per_transaction:
            data["per_transaction"] = str(self.per_transaction)
        return data


def _rate_fee(amount: Decimal, rate: Decimal) -> Decimal:
    return v.round_cent(amount * rate / HUNDRED)


def _money(value: Decimal, field: str) -> Decimal:
    """A finite, non-negative amount with at most two places, as the cent."""
    # is_signed() also refuses -0, so "-0.00" never shows up in the output.
    places = value.as_tuple().exponent  # a letter for NaN and infinity
    if not isinstance(places, int) or places < -2 or value.is_signed():
        raise ValidationError(field, t("validate.money", field=v.field_label(field),
                                       value=str(value)))
    return value.quantize(CENT)


def check(amount: Decimal, settled: Decimal, rate: Decimal,
          cap: Decimal | None = None, per_transaction: Decimal = ZERO) -> FeeCheck:
    """Compare the fee taken from one transaction with the agreed rate and cap.

    Raises ValidationError for an amount of 0, a settled amount above the
    amount, or a value that is not exact money (more than two places, negative,
    infinite, NaN).
    """
    # Enough digits for 12-digit amounts times 4-place rates, whatever the
    # caller's context says; traps (FloatOperation in the tests) are kept.
    with localcontext() as ctx:
        ctx.prec = max(ctx.prec, 40)
        amount = _money(amount, "amount")
        settled = _money(settled, "settled")
        if cap is not None:
            cap = _money(cap, "fee_cap")
        # A plan may say 0% (public welfare); a rate typed on the command line
        # (validate.parse_rate) is above 0.
        if not rate.is_finite() or not Decimal(0) <= rate <= Decimal(5):
            raise ValidationError("fee_rate", t("validate.rate", field=v.field_label("fee_rate"),
                                                value=str(rate)))
        if amount == 0:
            raise ValidationError("amount", t("fee.zero_amount",
                                              field=v.field_label("amount")))
        if settled > amount:
            raise ValidationError("settled", t("fee.settled_over", settled=format_money(settled),
                                               amount=format_money(amount)))
        fee = amount - settled
        per_transaction = _money(per_transaction, "fees.per_transaction")
        expected = Agreed(rate, cap, per_transaction).fee(amount)
        effective = (fee / amount * HUNDRED).quantize(RATE_PLACES, rounding=ROUND_HALF_UP)
        difference = fee - expected
        verdict: Verdict = "ok"
        if difference > TOLERANCE:
            verdict = "higher"
        elif difference < -TOLERANCE:
            verdict = "lower"
        return FeeCheck(amount=amount, settled=settled, fee=fee, expected_fee=expected,
                        effective_rate=effective, agreed_rate=rate, cap=cap, verdict=verdict,
                        per_transaction=per_transaction)


def check_text(amount: str, settled: str, rate: str, cap: str | None = None,
               per_transaction: Decimal = ZERO) -> FeeCheck:
    """`check` from what the user typed, each value parsed like everywhere else."""
    return check(
        v.parse_money(amount, "amount"),
        v.parse_money(settled, "settled"),
        v.parse_rate(rate, "fee_rate"),
        None if cap is None else v.parse_money(cap, "fee_cap"),
        per_transaction,
    )


# How `fee check` shows money and rates to people, for every place that shows a
# fee check the same way (`history` shows the numbers of `fee-check` events,
# which are kept as decimal strings: format_money(Decimal(data["fee"]))).


def format_money(value: Decimal) -> str:
    """An amount of CNY for people: 1000 -> '1,000.00', the cent always shown,
    thousands grouped, rounded half-up to the cent. No currency sign: the
    sentence around it says 元 or CNY."""
    return f"{v.round_cent(value):,.2f}"


def format_rate(value: Decimal) -> str:
    """A rate in percent for people, without noise: 0.6 -> '0.60%',
    0.6050 -> '0.605%', 0.61234 -> '0.6123%' (at least 2, at most 4 places)."""
    text = f"{value.quantize(RATE_PLACES, rounding=ROUND_HALF_UP):f}"
    whole, _, places = text.partition(".")
    places = places.rstrip("0")
    return f"{whole}.{places.ljust(2, '0')}%"


# `--cap none` checks without the profile's cap (e.g. a credit card transaction
# when the saved cap is the one for debit cards).
NO_CAP = ("none", "无")


@dataclass
class Checked:
    result: FeeCheck
    terminal: Terminal | None  # None: no profile, so nothing was recorded


def check_and_record(store: Store, terminal: str | None, amount: str, settled: str,
                     rate: str | None, cap: str | None, today: date,
                     card: str | None = None) -> Checked:
    """`fee check`: the agreed rate and cap from the terminal's fee plan for
    the card type (`card`), else its `fee_rate`/`fee_cap`, unless given; the
    check; and a `fee-check` event for the terminal (when there is a profile
    to say which terminal it was)."""
    from .errors import UsageError
    from .fee_history import record_fee_check

    profile = store.load_profile()
    term = profile.pick(terminal) if profile is not None and profile.terminals else None
    kind = parse_card(card)
    per_transaction = ZERO
    if rate is None and term is not None:
        agreed = agreed_for(term, kind)
        named = [c for c in CARDS if getattr(term.fees, c) is not None]
        if agreed is None and kind is None and named:
            raise UsageError(t("fee.which_card", cards=", ".join(named)))
        if agreed is not None:
            rate = str(agreed.rate)
            per_transaction = agreed.per_transaction
            if cap is None and agreed.cap is not None:
                cap = str(agreed.cap)
    elif cap is None and term is not None and term.fee_cap is not None:
        cap = str(term.fee_cap)
    if cap is not None and cap.strip().lower() in NO_CAP:
        cap = None
    if rate is None:
        raise UsageError(t("fee.no_rate"))
    result = check_text(amount, settled, rate, cap, per_transaction)
    if term is not None:
        data = result.to_event_data()
        if kind is not None:
            data["card"] = kind
        record_fee_check(store, term.name, today, data)
    return Checked(result, term)


def parse_card(text: str | None) -> Card | None:
    """`--card debit|credit|qr`."""
    from .errors import UsageError

    if text is None:
        return None
    value = text.strip().lower()
    for card in CARDS:
        if value == card:
            return card
    raise UsageError(t("fee.bad_card", value=text, cards=", ".join(CARDS)))
