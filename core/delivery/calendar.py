"""A client's sessions as an iCalendar (RFC 5545) feed: one all-day event per workout.

Minimal stand-in written with the client-link work so the feed route can be served and tested;
the delivery work's builder (on the ``icalendar`` package, same signature) replaces it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from core.dates import now
from core.read_models import ClientRecord, WorkoutRecord
from core.schemas import WorkoutBlock


def calendar_ics(client: ClientRecord, workouts: Sequence[WorkoutRecord], today: date) -> bytes:
    """Every workout as an all-day VEVENT (UID = the workout's id, so a calendar app updates the
    same event when the plan changes), the exercises in its description."""
    stamp = f"{now():%Y%m%dT%H%M%SZ}"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Periodize//Client calendar//EN",
        "CALSCALE:GREGORIAN",
        _text("X-WR-CALNAME", f"{client.name} · training"),
    ]
    for workout in workouts:
        exercises = [
            exercise.activity
            for block in workout.blocks
            for exercise in WorkoutBlock.model_validate(block).exercises
        ]
        lines += [
            "BEGIN:VEVENT",
            f"UID:{workout.id}@periodize",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{workout.date:%Y%m%d}",
            f"DTEND;VALUE=DATE:{workout.date + timedelta(days=1):%Y%m%d}",
            _text("SUMMARY", workout.title),
            _text("DESCRIPTION", "\n".join(exercises)),
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines).encode("utf-8")


def _text(name: str, value: str) -> str:
    escaped = (
        value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")
    )
    return f"{name}:{escaped}"


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 §3.1)."""
    encoded, parts = line.encode("utf-8"), list[str]()
    while len(encoded) > 75:
        cut = 75 if not parts else 74
        while cut > 0 and (encoded[cut] & 0xC0) == 0x80:  # never inside a UTF-8 character
            cut -= 1
        parts.append(encoded[:cut].decode("utf-8"))
        encoded = encoded[cut:]
    parts.append(encoded.decode("utf-8"))
    return "\r\n ".join(parts)
