"""Domain schemas (pydantic v2): the spec's program hierarchy, the client profile and the preview.

Attributes are snake_case; JSON uses the spec's camelCase names (``weeklyTargets``, ``weekNumber``…).
Unknown keys are rejected so a malformed LLM answer or profile file fails loudly, with a path.
"""

from __future__ import annotations

import uuid
from datetime import date, time
from enum import StrEnum
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    computed_field,
    field_validator,
    model_validator,
)
from pydantic.alias_generators import to_camel

from core.units import DistanceUnit, LoadUnit, format_distance, format_load


class ProgramType(StrEnum):
    ENDURANCE = "endurance"
    STRENGTH = "strength"
    SHRED = "shred"
    HYBRID = "hybrid"
    REHAB = "rehab"
    OTHER = "other"


class SessionType(StrEnum):
    RUN = "run"
    LIFT = "lift"
    METCON = "metcon"
    MOBILITY = "mobility"
    REST = "rest"
    OTHER = "other"


class WorkoutStatus(StrEnum):
    SCHEDULED = "scheduled"
    COMPLETED = "completed"
    SKIPPED = "skipped"


class Goal(StrEnum):
    STRENGTH = "strength"
    MUSCLE_GAIN = "muscle_gain"
    WEIGHT_LOSS = "weight_loss"
    ENDURANCE = "endurance"
    GENERAL_FITNESS = "general_fitness"
    REHAB = "rehab"


class Experience(StrEnum):
    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"


class Equipment(StrEnum):
    BARBELL = "barbell"
    DUMBBELLS = "dumbbells"
    KETTLEBELL = "kettlebell"
    MACHINES = "machines"
    CABLES = "cables"
    PULL_UP_BAR = "pull_up_bar"
    BENCH = "bench"
    BANDS = "bands"
    TREADMILL = "treadmill"
    BIKE = "bike"
    ROWER = "rower"
    NONE = "none"


class Weekday(StrEnum):
    """A day of the week, Monday first (``number`` 0 = Monday, as ``date.weekday()``)."""

    MONDAY = "monday"
    TUESDAY = "tuesday"
    WEDNESDAY = "wednesday"
    THURSDAY = "thursday"
    FRIDAY = "friday"
    SATURDAY = "saturday"
    SUNDAY = "sunday"

    @property
    def number(self) -> int:
        return list(Weekday).index(self)

    @property
    def label(self) -> str:
        """ "Tuesday", as a coach writes it."""
        return self.value.capitalize()

    @classmethod
    def of(cls, day: date) -> Weekday:
        return cls.of_index(day.weekday())

    @classmethod
    def of_index(cls, index: int) -> Weekday:
        """0 = Monday … 6 = Sunday."""
        return list(cls)[index]


class BodyArea(StrEnum):
    KNEE = "knee"
    SHOULDER = "shoulder"
    LOWER_BACK = "lower_back"
    HIP = "hip"
    ELBOW = "elbow"
    WRIST = "wrist"
    ANKLE = "ankle"
    NECK = "neck"


FiniteFloat = Annotated[float, Field(allow_inf_nan=False)]
"""NaN and ±Infinity are not valid JSON and mean nothing to a coach."""


def _without_nul(text: str) -> str:
    """PostgreSQL cannot store or compare text with NUL (0x00); nobody types one on purpose."""
    if "\x00" in text:
        raise ValueError("text cannot contain the NUL character (\\0)")
    return text


class DomainModel(BaseModel):
    """Base: camelCase JSON, snake_case attributes, unknown keys rejected."""

    model_config = ConfigDict(
        alias_generator=to_camel,
        validate_by_name=True,
        validate_by_alias=True,
        serialize_by_alias=True,
        extra="forbid",
        str_strip_whitespace=True,
    )


class KeyValuePair(DomainModel):
    """Metrics and targets travel to and from the LLM as pairs; they are stored as JSON objects."""

    key: str = Field(min_length=1, max_length=80)
    value: FiniteFloat | str


def pairs_to_dict(pairs: list[KeyValuePair]) -> dict[str, float | str]:
    return {pair.key: pair.value for pair in pairs}


def dict_to_pairs(values: dict[str, float | str]) -> list[KeyValuePair]:
    return [KeyValuePair(key=key, value=value) for key, value in values.items()]


class WeeklyTarget(DomainModel):
    week_offset: int = Field(ge=0, le=51)
    split: str = Field(min_length=1, max_length=200)
    total_mileage: float | None = Field(default=None, ge=0, le=300)
    long_run_mileage: float | None = Field(default=None, ge=0, le=100)
    avg_intensity_pct_1rm: float | None = Field(
        default=None, ge=30, le=105, alias="avgIntensityPct1rm"
    )
    total_sets_main_lifts: int | None = Field(default=None, ge=0, le=200)
    deload: bool = False

    @field_validator("split")
    @classmethod
    def _seven_days(cls, value: str) -> str:
        days = value.split("-")
        if len(days) != 7:
            raise ValueError(
                f"the split needs 7 dash-separated days Mon–Sun (e.g. "
                f"'Upper-Lower-Rest-Upper-Lower-Rest-Rest'), got {len(days)}"
            )
        return value

    @property
    def split_days(self) -> list[str]:
        """The Mon–Sun pattern as seven labels ("Upper-Lower-Rest-…")."""
        return [part.strip() for part in self.split.split("-")]


class MesocyclePlan(DomainModel):
    """One block of a macrocycle: phase label, weeks, one weekly target per week."""

    id: str | None = Field(default=None, max_length=80, description="label only, never a key")
    phase: str = Field(min_length=1, max_length=60)
    weeks: int = Field(ge=1, le=12)
    weekly_targets: list[WeeklyTarget]

    @model_validator(mode="after")
    def _targets_match_weeks(self) -> MesocyclePlan:
        if len(self.weekly_targets) != self.weeks:
            raise ValueError(
                f"phase '{self.phase}' has {self.weeks} weeks but "
                f"{len(self.weekly_targets)} weekly targets; give one target per week"
            )
        offsets = [target.week_offset for target in self.weekly_targets]
        if offsets != list(range(self.weeks)):
            raise ValueError(
                f"phase '{self.phase}': weekly targets must be numbered 0..{self.weeks - 1} "
                f"in order, got {offsets}"
            )
        return self


class Macrocycle(DomainModel):
    id: str = Field(min_length=1, max_length=80)
    name: str = Field(min_length=1, max_length=120)
    length_weeks: int = Field(ge=1, le=104)
    mesocycles: list[MesocyclePlan] = Field(min_length=1)

    @model_validator(mode="after")
    def _weeks_add_up(self) -> Macrocycle:
        total = sum(plan.weeks for plan in self.mesocycles)
        if total != self.length_weeks:
            raise ValueError(
                f"macrocycle '{self.name}' is {self.length_weeks} weeks long but its phases "
                f"add up to {total} weeks"
            )
        return self


def program_type_target_problems(plan: MesocyclePlan, program_type: ProgramType) -> list[str]:
    """The origin's first schema rule, keyed on program type: which weekly targets are required."""
    problems: list[str] = []
    for target in plan.weekly_targets:
        week = f"phase '{plan.phase}' week {target.week_offset + 1}"
        if program_type == ProgramType.STRENGTH:
            if target.avg_intensity_pct_1rm is None:
                problems.append(f"{week}: a strength block needs an average intensity (% 1RM)")
            if target.total_sets_main_lifts is None:
                problems.append(f"{week}: a strength block needs a main-lift set target")
        if program_type == ProgramType.ENDURANCE:
            if target.total_mileage is None:
                problems.append(f"{week}: an endurance block needs a weekly mileage target")
            if target.long_run_mileage is None:
                problems.append(f"{week}: an endurance block needs a long-run mileage target")
    return problems


class FitnessProgram(DomainModel):
    program_type: ProgramType
    overview: str = Field(min_length=1, max_length=4000)
    macrocycles: list[Macrocycle] = Field(min_length=1)

    @model_validator(mode="after")
    def _targets_fit_program_type(self) -> FitnessProgram:
        problems = [
            problem
            for macrocycle in self.macrocycles
            for plan in macrocycle.mesocycles
            for problem in program_type_target_problems(plan, self.program_type)
        ]
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def all_phases(self) -> list[tuple[Macrocycle, int, MesocyclePlan]]:
        """(macrocycle, order_index, plan) for every phase, in program order."""
        return [
            (macrocycle, index, plan)
            for macrocycle in self.macrocycles
            for index, plan in enumerate(macrocycle.mesocycles)
        ]


MAX_PCT_ONE_RM = 110
"""The highest %1RM a plan stores (an overload above the 1RM is written in kg alone)."""


class Exercise(DomainModel):
    """One structured prescription inside a block; the seed's activity string is derived from it."""

    name: str = Field(min_length=1, max_length=120)
    sets: int = Field(ge=1, le=20)
    reps: int | None = Field(default=None, ge=1, le=100, description="reps, or a range's low end")
    reps_max: int | None = Field(default=None, ge=1, le=100)
    load_kg: float | None = Field(default=None, ge=0, le=600)
    pct_one_rm: float | None = Field(default=None, gt=0, le=MAX_PCT_ONE_RM)
    rpe: float | None = Field(default=None, ge=1, le=10)
    rir: float | None = Field(default=None, ge=0, le=10)
    rest_seconds: int | None = Field(default=None, ge=0, le=900)
    duration_minutes: float | None = Field(default=None, gt=0, le=600)
    distance_km: float | None = Field(
        default=None, gt=0, le=250, description="per set (e.g. 6 × 0.8 km intervals)"
    )
    notes: str | None = Field(default=None, max_length=500)
    rationale: str | None = Field(default=None, max_length=300)

    @model_validator(mode="after")
    def _has_a_dose(self) -> Exercise:
        if self.reps is None and self.duration_minutes is None and self.distance_km is None:
            raise ValueError(f"'{self.name}' needs reps, a duration or a distance")
        if self.reps_max is not None and (self.reps is None or self.reps_max < self.reps):
            raise ValueError(f"'{self.name}': the rep range's top must not be below its bottom")
        return self

    @property
    def activity(self) -> str:
        """The seed's free-text form, e.g. "Back Squat: 4x6 @ 75% 1RM, 180s rest" (kg, km)."""
        return self.describe(Units())

    def describe(self, units: Units) -> str:
        """``activity`` with loads and distances in ``units``: "Back Squat: 3x5 @ 185 lb"."""
        load, distance = units.load, units.distance
        dose = f"{self.sets}x"
        if self.reps is not None:
            dose += f"{self.reps}" + (f"-{self.reps_max}" if self.reps_max else "")
        elif self.duration_minutes is not None:
            dose += f"{_number(self.duration_minutes)} min"
        else:
            dose += format_distance(self.distance_km or 0, distance)
        extras = []
        if self.reps is not None and self.duration_minutes is not None:
            extras.append(f"{_number(self.duration_minutes)} min")
        if self.distance_km is not None and (
            self.reps is not None or self.duration_minutes is not None
        ):
            extras.append(format_distance(self.distance_km, distance))  # not already the dose
        if self.load_kg is not None:
            dose += f" @ {format_load(self.load_kg, load)}"
        elif self.pct_one_rm is not None:
            dose += f" @ {_number(self.pct_one_rm)}% 1RM"
        if self.rir is not None:
            extras.append(f"RIR {_number(self.rir)}")
        elif self.rpe is not None:
            extras.append(f"RPE {_number(self.rpe)}")
        if self.rest_seconds:
            extras.append(f"{self.rest_seconds}s rest")
        return f"{self.name}: " + ", ".join([dose, *extras])


def _number(value: float) -> str:
    return f"{value:g}"


class WorkoutBlock(DomainModel):
    label: str = Field(min_length=1, max_length=60)
    exercises: list[Exercise] = Field(default_factory=list, max_length=30)

    @model_validator(mode="before")
    @classmethod
    def _drop_derived_activities(cls, data: object) -> object:
        # ``activities`` is derived output; accept it back (round trips) but never trust it.
        if isinstance(data, dict) and "activities" in data:
            data = {key: value for key, value in data.items() if key != "activities"}
        return data

    # mypy rejects any decorator over @property; pydantic documents computed_field this way.
    @computed_field  # type: ignore[prop-decorator]
    @property
    def activities(self) -> list[str]:
        return [exercise.activity for exercise in self.exercises]


class WorkoutInstance(DomainModel):
    """One dated session. ``id`` is assigned in code (UUID) before storage."""

    id: uuid.UUID | None = None
    date: date
    session_type: SessionType
    title: str = Field(min_length=1, max_length=120)
    blocks: list[WorkoutBlock] = Field(default_factory=list, max_length=12)
    targets: list[KeyValuePair] = Field(default_factory=list, max_length=30)
    planned_minutes: int | None = Field(default=None, ge=0, le=600)
    target_rpe: float | None = Field(default=None, ge=1, le=10)
    notes: str | None = Field(default=None, max_length=1000)

    @property
    def exercises(self) -> list[Exercise]:
        return [exercise for block in self.blocks for exercise in block.exercises]


class Microcycle(DomainModel):
    """One Monday–Sunday week; week 0 is the transition week before the first Monday."""

    id: uuid.UUID | None = None
    week_number: int = Field(ge=0, le=52)
    start_date: date | None = None
    end_date: date | None = None
    deload: bool = False
    generated_by: str | None = Field(default=None, max_length=40)
    metrics: list[KeyValuePair] = Field(default_factory=list, max_length=30)
    workouts: list[WorkoutInstance] = Field(default_factory=list, max_length=21)

    @property
    def is_transition(self) -> bool:
        return self.week_number == 0

    @model_validator(mode="after")
    def _workouts_inside_week(self) -> Microcycle:
        if self.start_date and self.end_date:
            if self.end_date < self.start_date:
                raise ValueError(f"week {self.week_number} ends before it starts")
            for workout in self.workouts:
                if not self.start_date <= workout.date <= self.end_date:
                    raise ValueError(
                        f"week {self.week_number}: workout '{workout.title}' on {workout.date} is "
                        f"outside the week ({self.start_date} to {self.end_date})"
                    )
        return self


class MesocycleDetailed(MesocyclePlan):
    """The plan plus its microcycles: what the breakdown produces."""

    mesocycle_id: uuid.UUID | None = Field(default=None, alias="mesocycleId")
    start_date: date | None = None
    end_date: date | None = None
    microcycles: list[Microcycle]

    @model_validator(mode="after")
    def _weeks_are_contiguous(self) -> MesocycleDetailed:
        numbers = [micro.week_number for micro in self.microcycles]
        expected = list(range(1, self.weeks + 1))
        if numbers and numbers[0] == 0:
            expected = [0, *expected]
        if numbers != expected:
            raise ValueError(
                f"phase '{self.phase}': weeks must be numbered {expected} in order "
                f"(0 is the transition week), got {numbers}"
            )
        return self

    def workouts(self) -> list[WorkoutInstance]:
        return [workout for micro in self.microcycles for workout in micro.workouts]


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
    return _without_nul(value) or None


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
        return _without_nul(value)

    @field_validator("one_rep_maxes")
    @classmethod
    def _positive_maxes(cls, value: dict[str, float]) -> dict[str, float]:
        for lift, kg in value.items():
            _without_nul(lift)
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


def describe_validation_error(error: ValidationError) -> list[str]:
    """Turn pydantic's error into lines a coach can read: 'sets: must be at most 20'."""
    lines = []
    for item in error.errors(include_url=False):
        path = " › ".join(_path_part(part) for part in item["loc"]) or "input"
        message = item["msg"].removeprefix("Value error, ")
        if message.startswith("Input should be "):
            message = "must be " + message.removeprefix("Input should be ")
            message = message.replace("greater than or equal to", "at least").replace(
                "less than or equal to", "at most"
            )
        lines.append(f"{path}: {message}")
    return lines


def _path_part(part: int | str) -> str:
    """Plain keys as they are; odd ones (blank, spaces, line breaks) quoted so the line stays readable."""
    text = str(part)
    return text if text.isidentifier() or text.isdigit() else repr(text)
