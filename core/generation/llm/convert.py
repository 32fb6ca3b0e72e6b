"""Drafts → domain objects: dates and ids assigned by code, problems phrased for the repair prompt."""

from __future__ import annotations

import uuid

from pydantic import ValidationError

from core.dates import WEEKDAY_NAMES, DateRange, day_in_week
from core.generation.base import OPENAI
from core.generation.llm.drafts import DraftOutline, DraftWeek
from core.generation.llm.repair import short
from core.schemas import (
    ClientProfile,
    FitnessProgram,
    Microcycle,
    Weekday,
    WorkoutInstance,
    describe_validation_error,
)
from core.validation.measures import is_rest_label


class DraftProblems(Exception):
    """A draft that parsed but cannot become a domain object; ``problems`` go to the repair prompt."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def draft_week_to_microcycle(
    draft: DraftWeek, week_number: int, dates: DateRange, deload: bool
) -> Microcycle:
    """Dates each session from its weekday; raises ``DraftProblems`` with readable paths."""
    problems: list[str] = []
    workouts: list[WorkoutInstance] = []
    for index, workout in enumerate(draft.workouts):
        where = f"session {index + 1} ('{short(workout.title, 60)}', {workout.weekday})"
        day = day_in_week(dates, WEEKDAY_NAMES.index(workout.weekday))
        if not dates.start_date <= day <= dates.end_date:
            first = WEEKDAY_NAMES[dates.start_date.weekday()]
            problems.append(
                f"{where}: {workout.weekday} is not part of this week, which runs {first}–Sun; "
                "use one of the listed training days"
            )
            continue
        data = workout.model_dump(exclude={"weekday"})
        data["date"] = day
        try:
            workouts.append(WorkoutInstance.model_validate(data))
        except ValidationError as error:
            problems.extend(f"{where} › {line}" for line in describe_validation_error(error))
    if problems:
        raise DraftProblems(problems)
    workouts.sort(key=lambda item: item.date)
    try:
        return Microcycle(
            week_number=week_number,
            start_date=dates.start_date,
            end_date=dates.end_date,
            deload=deload,
            generated_by=OPENAI,
            metrics=[item.model_dump() for item in draft.metrics],
            workouts=workouts,
        )
    except ValidationError as error:
        raise DraftProblems(
            [f"week {week_number} › {line}" for line in describe_validation_error(error)]
        ) from None


def draft_outline_to_program(draft: DraftOutline) -> FitnessProgram:
    """Macrocycle ids are assigned here (labels, never keys); raises ``DraftProblems``."""
    data = draft.model_dump()
    for macrocycle in data["macrocycles"]:
        macrocycle["id"] = str(uuid.uuid4())
    try:
        return FitnessProgram.model_validate(data)
    except ValidationError as error:
        raise DraftProblems(describe_validation_error(error)) from None


def outline_problems(program: FitnessProgram, weeks: int, profile: ClientProfile) -> list[str]:
    """What a parsed outline must also satisfy: the requested length and the client's days."""
    problems: list[str] = []
    total = sum(macrocycle.length_weeks for macrocycle in program.macrocycles)
    if total != weeks:
        problems.append(f"the macrocycles add up to {total} weeks; the program must be {weeks}")
    for macrocycle in program.macrocycles:
        for plan in macrocycle.mesocycles:
            for target in plan.weekly_targets:
                where = f"'{macrocycle.name}' › '{plan.phase}' › week {target.week_offset + 1}"
                days = target.split_days
                if len(days) != 7:
                    problems.append(
                        f"{where}: the split '{target.split}' has {len(days)} days; give 7 "
                        "(Monday to Sunday, 'Rest' for rest days)"
                    )
                training = sum(1 for day in days if not is_rest_label(day))
                problems.extend(f"{where}: {line}" for line in _weekday_problems(days, profile))
                if training > profile.days_per_week:
                    problems.append(
                        f"{where}: {training} training days, but the client has only "
                        f"{profile.days_per_week} a week"
                    )
    return problems


def _weekday_problems(days: list[str], profile: ClientProfile) -> list[str]:
    """A split that trains on a day off, or off the client's training days when they gave some."""
    if len(days) != 7:
        return []
    trained = [Weekday.of_index(index) for index, day in enumerate(days) if not is_rest_label(day)]
    problems = [
        f"the split trains on {day.label}, one of the client's days off"
        for day in trained
        if day in profile.days_off
    ]
    if profile.training_days:
        wanted = ", ".join(day.label for day in profile.training_days)
        problems.extend(
            f"the split trains on {day.label}; put its sessions on the client's training days "
            f"({wanted})"
            for day in trained
            if day not in profile.training_days and day not in profile.days_off
        )
    return problems
