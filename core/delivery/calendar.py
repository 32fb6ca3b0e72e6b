"""The client's calendar (iCalendar, RFC 5545): one event per workout, its exercises described.

Pure, for the one-off download and for the subscribed feed alike. Each event's UID is the
workout's id, so a calendar app that reads the feed again replaces an event instead of adding a
copy. Events are all-day unless the coach set a session time; a timed event is in the client's
time zone, with that zone's VTIMEZONE in the file (RFC 5545 §3.6.5) so any app shows the right hour.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from core.delivery.prescription import activity_text
from core.schemas import ClientProfile, WorkoutInstance

PRODID = "-//Periodize//Training plan//EN"
UID_DOMAIN = "periodize"
DEFAULT_MINUTES = 60
"""A timed session without planned minutes is shown an hour long."""


def workout_description(workout: WorkoutInstance, profile: ClientProfile) -> str:
    """The event's text: each block's exercises (sets×reps @ load, in the client's units), notes."""
    lines: list[str] = []
    if workout.planned_minutes:
        effort = f", target RPE {workout.target_rpe:g}" if workout.target_rpe else ""
        lines.append(f"{workout.planned_minutes} min{effort}")
    for block in workout.blocks:
        if not block.exercises:
            continue
        lines.append(f"{block.label}:")
        for exercise in block.exercises:
            lines.append(f"- {activity_text(exercise, profile.units)}")
            if exercise.notes:
                lines.append(f"  {exercise.notes}")
    if workout.notes:
        lines.append(f"Notes: {workout.notes}")
    return "\n".join(lines)


def _event(
    workout: WorkoutInstance,
    profile: ClientProfile,
    stamp: datetime,
    start_time: time | None,
) -> Event:
    if workout.id is None:
        raise ValueError(f"'{workout.title}' on {workout.date} has no id: save the plan first")
    start: date | datetime
    if start_time is None:
        start, end = workout.date, workout.date + timedelta(days=1)  # DTEND is exclusive
    else:
        start = datetime.combine(workout.date, start_time, ZoneInfo(profile.timezone))
        end = start + timedelta(minutes=workout.planned_minutes or DEFAULT_MINUTES)
    return Event.new(
        uid=f"{workout.id}@{UID_DOMAIN}",
        stamp=stamp,
        start=start,
        end=end,
        summary=workout.title,
        description=workout_description(workout, profile),
        categories=[workout.session_type.value],
    )


def calendar_ics(
    client: ClientProfile,
    workouts: Sequence[WorkoutInstance],
    today: date,
    start_time: time | None = None,
) -> bytes:
    """The client's workouts as an iCalendar file (UTF-8 bytes).

    ``today`` (the client's) dates the file: every DTSTAMP is its midnight UTC, so the same plan
    read twice on one day gives the same bytes. ``start_time`` is the client's usual session time,
    in their time zone; None makes every event all-day.
    """
    stamp = datetime.combine(today, time(0), UTC)
    # Built field by field: Calendar.new would add a random UID, and the bytes would change on
    # every read of an unchanged plan.
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.calendar_name = f"Training plan: {client.name}"  # NAME and X-WR-CALNAME
    calendar.add("X-WR-TIMEZONE", client.timezone)
    for workout in sorted(workouts, key=lambda w: w.date):
        calendar.add_component(_event(workout, client, stamp, start_time))
    if start_time is not None and workouts:
        days = [workout.date for workout in workouts]
        # Only the zone's rules for the plan's span: the whole history would be kilobytes.
        calendar.add_missing_timezones(
            first_date=min(days) - timedelta(days=1), last_date=max(days) + timedelta(days=1)
        )
    return calendar.to_ical()
