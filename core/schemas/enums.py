"""The vocabularies of the domain: program and session types, goals, levels, equipment, days, body areas."""

from __future__ import annotations

from datetime import date
from enum import StrEnum


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
