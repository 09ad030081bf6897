"""Due dates as an iCalendar file, made with the `icalendar` library.

For each terminal and clock: an all-day event on the due date, and for the
expiry clocks (service period, SIM card) a second one on the day to act (the
start of the warn window), because some calendars drop alarms on import. UIDs
are derived from the terminal and the clock, so importing a newer file updates
the events instead of duplicating them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .i18n import t
from .status import Finding, shown

PRODID = "-//posguide//posguide reminders//EN"


@dataclass(frozen=True)
class Reminder:
    uid: str
    day: date
    summary: str
    description: str


def _uid_part(text: str) -> str:
    # Terminal names may be Chinese: keep UIDs ASCII by hex-encoding them.
    return text.encode("utf-8").hex()


def reminders(terminal: str, findings: list[Finding], warn_days: dict[str, int],
              today: date) -> list[Reminder]:
    out: list[Reminder] = []
    for f in findings:
        if f.due is None:
            continue
        label = t(f"remind.item.{f.code}")
        fix = shown(f.fixes[0]) if f.fixes else ""
        description = f"{f.message}\n{t('status.fix', command=fix)}" if fix else f.message
        base = f"{_uid_part(terminal)}-{f.code}"
        # An overdue item is put on today, so it shows where the merchant looks.
        due_day = max(f.due, today)
        out.append(Reminder(f"{base}-due@posguide", due_day,
                            t("remind.due", terminal=terminal, item=label), description))
        if f.code in warn_days:
            act = f.due - timedelta(days=warn_days[f.code])
            out.append(Reminder(f"{base}-act@posguide", max(act, today),
                                t("remind.act", terminal=terminal, item=label,
                                  due=f.due.isoformat()), description))
    return out


def to_ics(items: list[Reminder], now: datetime) -> bytes:
    from icalendar import Alarm, Calendar, Event

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", t("remind.calendar_name"))
    for item in items:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", now)
        event.add("dtstart", item.day)
        event.add("dtend", item.day + timedelta(days=1))
        event.add("summary", item.summary)
        event.add("description", item.description)
        event.add("transp", "TRANSPARENT")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", item.summary)
        # 09:00 on the day (all-day events start at midnight).
        alarm.add("trigger", timedelta(hours=9))
        event.add_component(alarm)
        cal.add_component(event)
    return cal.to_ical()


EXPIRY_CODES = ("terminal_service", "sim_expiry")
