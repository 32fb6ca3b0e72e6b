"""The client profile: goal, level, days, equipment, injuries, 1RMs, away dates, units and an event."""

from __future__ import annotations

from datetime import date, time
from enum import StrEnum
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from core.schemas.base import DomainModel, without_nul
from core.schemas.enums import BodyArea, Equipment, Experience, Goal, Weekday
from core.units import DistanceUnit, LoadUnit

MAX_UNAVAILABLE = 30
"""Date ranges a client can be away: a year of holidays and trips, not a diary."""
MAX_UNAVAILABLE_DAYS = 366
LABEL_CHARS = 60


def short_date(day: date) -> str:
    """ "24 Dec", as a coach writes a date in a sentence."""
    return f"{day.day} {day:%b}"


def plain_label(value: str | None) -> str | None:
    """A short label as typed: no NUL, and a blank label is no label."""
    if value is None:
        return None
    return without_nul(value) or None


Label = Annotated[str | None, Field(max_length=LABEL_CHARS), AfterValidator(plain_label)]
"""A short label a coach types (a trip, an event's name)."""


class UnavailableDates(DomainModel):
    """Dates a client cannot train, both ends included (a holiday, a trip, a competition)."""

    start: date
    end: date
    label: Label = None

    @model_validator(mode="after")
    def _ends_after_start(self) -> UnavailableDates:
        if self.end < self.start:
            raise ValueError(
                f"the unavailable dates end ({self.end}) before they start ({self.start})"
            )
        if (self.end - self.start).days + 1 > MAX_UNAVAILABLE_DAYS:
            raise ValueError(
                f"unavailable dates {self.start} to {self.end} span more than a year; "
                "split them or shorten the program instead"
            )
        return self

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.end

    @property
    def words(self) -> str:
        """ "Away 24 Dec – 2 Jan (holiday)" (one day: "Away 25 Dec")."""
        span = (
            short_date(self.start)
            if self.start == self.end
            else f"{short_date(self.start)} – {short_date(self.end)}"
        )
        return f"Away {span}" + (f" ({self.label})" if self.label else "")


class Units(DomainModel):
    """The units a client's numbers are shown and typed in; everything is stored in kg and km."""

    load: LoadUnit = LoadUnit.KG
    distance: DistanceUnit = DistanceUnit.KM


class UnitChoice(DomainModel):
    """A client's own units where the coach picked them; None follows the coach's default."""

    load: LoadUnit | None = None
    distance: DistanceUnit | None = None


class Increments(DomainModel):
    """The smallest load steps the client's gym has, stored in kg like every load (a 5 lb jump is
    2.26796185 kg); core.plates rounds to them in the client's unit."""

    barbell: float = Field(gt=0, le=25, description="smallest barbell jump: a pair of plates")
    dumbbell: float = Field(gt=0, le=25, description="step between dumbbells")
    kettlebell: float = Field(gt=0, le=25, description="step between kettlebells")


class EventKind(StrEnum):
    """What the client trains for on the event day: a race distance, a meet or a test day."""

    RACE_5K = "5k"
    RACE_10K = "10k"
    HALF_MARATHON = "half_marathon"
    MARATHON = "marathon"
    MEET = "meet"
    TEST_DAY = "test_day"

    @property
    def label(self) -> str:
        """ "half marathon", "5 km race", as a coach says it."""
        return EVENT_WORDS[self]

    @property
    def is_race(self) -> bool:
        return self in RACE_KM

    @property
    def race_km(self) -> float | None:
        return RACE_KM.get(self)


EVENT_WORDS = {
    EventKind.RACE_5K: "5 km race",
    EventKind.RACE_10K: "10 km race",
    EventKind.HALF_MARATHON: "half marathon",
    EventKind.MARATHON: "marathon",
    EventKind.MEET: "meet",
    EventKind.TEST_DAY: "test day",
}
RACE_KM = {
    EventKind.RACE_5K: 5.0,
    EventKind.RACE_10K: 10.0,
    EventKind.HALF_MARATHON: 21.1,
    EventKind.MARATHON: 42.2,
}
MAX_EVENT_DAYS = 730
"""An event is planned for at most about two years ahead."""
MIN_AGE, MAX_AGE = 13, 100


class Sex(StrEnum):
    FEMALE = "female"
    MALE = "male"


class Event(DomainModel):
    """The day a program is planned to: a race, a meet or a test day (a label names it)."""

    date: date
    kind: EventKind
    label: Label = None

    @model_validator(mode="after")
    def _ahead_of_today(self, info: ValidationInfo) -> Event:
        # Only where "today" is given (the profile form): a stored profile whose event has
        # passed still loads, and the planner says what to do about it.
        today = (info.context or {}).get("today") if info is not None else None
        if isinstance(today, date):
            if self.date <= today:
                raise ValueError(
                    f"the event date ({self.date:%a %d %b %Y}) must be after today; pick the "
                    "next event or clear it"
                )
            if (self.date - today).days > MAX_EVENT_DAYS:
                raise ValueError(
                    f"the event date ({self.date:%a %d %b %Y}) is more than two years away; "
                    "plan to an event within two years"
                )
        return self

    @property
    def words(self) -> str:
        """ "the Berlin Half (half marathon) on Sun 18 Apr 2027"."""
        what = f"the {self.label} ({self.kind.label})" if self.label else f"the {self.kind.label}"
        return f"{what} on {self.date:%a %d %b %Y}"


class ClientProfile(DomainModel):
    name: str = Field(min_length=1, max_length=120)
    goal: Goal
    experience: Experience
    days_per_week: int = Field(ge=1, le=7)
    minutes_per_session: int = Field(ge=15, le=240)
    training_days: list[Weekday] = Field(
        default_factory=list, description="preferred weekdays; empty: the planner chooses"
    )
    session_time: time | None = Field(default=None, description="preferred start time")
    unavailable: list[UnavailableDates] = Field(default_factory=list, max_length=MAX_UNAVAILABLE)
    days_off: list[Weekday] = Field(default_factory=list, description="never trains on these")
    equipment: list[Equipment] = Field(default_factory=list)
    injuries: list[BodyArea] = Field(default_factory=list)
    one_rep_maxes: dict[str, float] = Field(default_factory=dict)
    bodyweight_kg: float | None = Field(default=None, gt=20, le=400)
    timezone: str = "UTC"
    units: UnitChoice = Field(default_factory=UnitChoice)
    event: Event | None = Field(default=None, description="the day the program is planned to")
    age: int | None = Field(default=None, ge=MIN_AGE, le=MAX_AGE)
    sex: Sex | None = None

    # --- units & increments (the units work): keep at the end of the profile ---
    increments: Increments | None = None
    """The gym's load steps; None: the defaults for the client's load unit (core.plates)."""

    @field_validator("name")
    @classmethod
    def _no_nul_in_name(cls, value: str) -> str:
        return without_nul(value)

    @field_validator("one_rep_maxes")
    @classmethod
    def _positive_maxes(cls, value: dict[str, float]) -> dict[str, float]:
        for lift, kg in value.items():
            without_nul(lift)
            if not lift.strip():
                raise ValueError("a 1RM needs a lift name")
            if not 0 < kg <= 600:
                raise ValueError(f"1RM for '{lift}' must be between 0 and 600 kg, got {kg}")
        return value

    @field_validator("training_days", "days_off")
    @classmethod
    def _weekdays_once(cls, value: list[Weekday]) -> list[Weekday]:
        repeated = sorted({day for day in value if value.count(day) > 1}, key=lambda d: d.number)
        if repeated:
            raise ValueError(f"{repeated[0].label} is listed twice")
        return sorted(value, key=lambda day: day.number)

    @field_validator("unavailable")
    @classmethod
    def _in_date_order(cls, value: list[UnavailableDates]) -> list[UnavailableDates]:
        return sorted(value, key=lambda dates: (dates.start, dates.end))

    @model_validator(mode="after")
    def _days_fit_the_week(self) -> ClientProfile:
        clash = [day for day in self.training_days if day in self.days_off]
        if clash:
            raise ValueError(f"{clash[0].label} is both a training day and a day off")
        if self.training_days and len(self.training_days) != self.days_per_week:
            picked = ", ".join(day.label[:3] for day in self.training_days)
            count = len(self.training_days)
            are = "training day is" if count == 1 else "training days are"
            raise ValueError(
                f"{count} {are} picked ({picked}) but days per week is {self.days_per_week}; "
                f"pick {self.days_per_week} days or set days per week to {count}"
            )
        free = 7 - len(self.days_off)
        if self.days_per_week > free:
            raise ValueError(
                f"with {len(self.days_off)} days off a week only {free} training days fit, but "
                f"days per week is {self.days_per_week}"
            )
        return self

    def unavailable_on(self, day: date) -> UnavailableDates | None:
        """The client's unavailable dates covering ``day``, if any."""
        return next((dates for dates in self.unavailable if dates.covers(day)), None)

    def is_day_off(self, day: date) -> bool:
        return Weekday.of(day) in self.days_off

    def can_train_on(self, day: date) -> bool:
        """Neither a recurring day off nor inside unavailable dates."""
        return not self.is_day_off(day) and self.unavailable_on(day) is None

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"unknown time zone '{value}' (use a name like Europe/Berlin)"
            ) from None
        return value


def effective_units(profile: ClientProfile, coach_default: Units | None = None) -> Units:
    """The one resolver of a client's units: the client's own choice, else the coach's default
    (metric when none is given)."""
    default = coach_default or Units()
    return Units(
        load=profile.units.load or default.load,
        distance=profile.units.distance or default.distance,
    )


def with_units(profile: ClientProfile, coach_default: Units | None) -> ClientProfile:
    """The profile with both units set (the coach's default filled in): what the engine, the
    validator and the drafter get, so they need no coach."""
    units = effective_units(profile, coach_default)
    return profile.model_copy(
        update={"units": UnitChoice(load=units.load, distance=units.distance)}
    )
