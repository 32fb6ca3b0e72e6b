"""The Clients form's week: training days, days off, session time and the away-dates grid."""

from __future__ import annotations

import uuid
from datetime import date, time

import pandas as pd
import pytest

from core.errors import InvalidPlan
from core.read_models import ClientRecord
from core.schemas import UnavailableDates, Weekday
from tests.factories import make_profile
from ui.profile_form import (
    profile_from_form,
    roster_frame,
    unavailable_frame,
    unavailable_from_frame,
)

FORM = {
    "name": "Ana",
    "goal": "strength",
    "experience": "beginner",
    "days_per_week": 3,
    "minutes_per_session": 45,
    "one_rep_maxes": "",
    "bodyweight_kg": None,
    "timezone": "UTC",
}


def test_the_away_grid_round_trips_and_skips_blank_rows() -> None:
    profile = make_profile(
        unavailable=[
            UnavailableDates(start=date(2026, 12, 24), end=date(2027, 1, 2), label="holiday"),
            UnavailableDates(start=date(2027, 3, 5), end=date(2027, 3, 5)),
        ]
    )
    frame = unavailable_frame(profile)
    assert list(frame.columns) == ["start", "end", "label"]
    blank = pd.DataFrame([{"start": None, "end": None, "label": "  "}])
    rows = unavailable_from_frame(pd.concat([frame, blank], ignore_index=True))
    assert rows == [
        {"start": date(2026, 12, 24), "end": date(2027, 1, 2), "label": "holiday"},
        {"start": date(2027, 3, 5), "end": date(2027, 3, 5), "label": None},
    ]
    assert unavailable_from_frame(unavailable_frame(None)) == []


def test_a_half_filled_away_row_is_refused_naming_the_row() -> None:
    frame = pd.DataFrame(
        [
            {"start": date(2026, 12, 24), "end": date(2027, 1, 2), "label": "holiday"},
            {"start": pd.Timestamp("2027-02-01"), "end": None, "label": "trip"},
        ]
    )
    with pytest.raises(InvalidPlan) as caught:
        unavailable_from_frame(frame)
    assert caught.value.problems == [
        "Unavailable dates, row 2: give the first and the last day away (the same day twice "
        "for one day)"
    ]


def test_the_form_keeps_the_week_and_says_what_is_wrong_in_its_own_words() -> None:
    profile = profile_from_form(
        {
            **FORM,
            "training_days": [Weekday.TUESDAY, Weekday.THURSDAY, Weekday.SATURDAY],
            "days_off": [Weekday.SUNDAY],
            "session_time": time(7, 15),
            "unavailable": [{"start": date(2026, 12, 24), "end": date(2027, 1, 2), "label": "x"}],
        }
    )
    assert profile.training_days == [Weekday.TUESDAY, Weekday.THURSDAY, Weekday.SATURDAY]
    assert profile.session_time == time(7, 15)
    with pytest.raises(InvalidPlan) as caught:
        profile_from_form({**FORM, "training_days": [Weekday.MONDAY]})
    assert caught.value.problems == [
        "1 training day is picked (Mon) but days per week is 3; pick 3 days or set days per "
        "week to 1"
    ]
    with pytest.raises(InvalidPlan) as caught:
        profile_from_form(
            {**FORM, "unavailable": [{"start": date(2027, 1, 2), "end": date(2026, 12, 24)}]}
        )
    assert caught.value.problems == [
        "Unavailable dates, row 1: the unavailable dates end (2026-12-24) before they start "
        "(2027-01-02)"
    ]


def test_the_roster_shows_the_week_and_the_away_dates() -> None:
    away = UnavailableDates(start=date(2026, 12, 24), end=date(2027, 1, 2), label="holiday")
    planned = make_profile(
        days_per_week=3,
        training_days=["tuesday", "thursday", "saturday"],
        session_time="18:30",
        days_off=["sunday"],
        unavailable=[away],
    )
    frame = roster_frame(
        [ClientRecord(uuid.uuid4(), planned), ClientRecord(uuid.uuid4(), make_profile())]
    )
    assert list(frame["Week"]) == ["Tue, Thu, Sat at 18:30 · no Sun", "any days"]
    assert list(frame["Away"]) == ["24 Dec – 2 Jan 2027 (holiday)", "—"]
