"""The quality report's checks: each a pure function of one generated program.

The per-week rules (hard sets, pull:push, session time, 1RMs) live in
core.validation.week_insights, where the Plan page's week insights read them too: the report and
the preview cannot disagree. A check reads a ``GeneratedProgram`` (the profile, the outline and every phase broken down) and
returns an ``Outcome``: passed or not, the figure it measured and a few examples of what failed.
The targets and their sources are written down in docs/engine.md.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from core.events import holds_event, quiet_days
from core.exercises.exposure import LADDERS, phase_options
from core.exercises.library import find_exercise, fits_level
from core.generation.engine.reps_table import reps_to_failure as table_reps_to_failure
from core.generation.engine.rests import MAIN_BLOCK
from core.generation.engine.timing import is_warmup, ramp_up_reps, session_seconds
from core.generation.engine.workouts import COOL_DOWN_MAX_MINUTES
from core.plates import client_step, is_on_step
from core.schemas import (
    ClientProfile,
    Exercise,
    Experience,
    FitnessProgram,
    Goal,
    MesocycleDetailed,
    Microcycle,
    ProgramType,
    SessionType,
    WorkoutInstance,
)
from core.units import format_load
from core.validation.isolation_reps import ISOLATION_MIN_REPS, heavy_isolation
from core.validation.measures import HARD_SET_BANDS
from core.validation.rest_periods import long_rests, rest_problem, rested_sets
from core.validation.set_counts import judged_blocks, set_count_problems, set_counts
from core.validation.volume_floor import (
    HARD_SET_MAX_RIR,
    LEVEL_FLOOR,
    REHAB_LEG_FLOOR,
    REHAB_LEG_MUSCLES,
    SET_CEILING,
    floor_muscles,
    goal_muscles,
    hard_set_limit,
    rehab_legs,
)
from core.validation.warmups import session_warmup_faults
from core.validation.week_insights import (
    LIFTING_GOALS,
    MAIN_MUSCLES,
    balance_met,
    given_lifts,
    hard_sets,
    is_lift,
    is_timed,
    loaded_lifts,
    outside_band,
    pull_needed,
    push_pull_sets,
    session_share,
    time_band,
    unknown_one_rm,
    week_floor,
    working_exercises,
)

# --- what a check reads and returns ----------------------------------------------------------------


@dataclass(frozen=True)
class GeneratedProgram:
    """One program as the coach would read it: the outline and each phase's breakdown."""

    profile: ClientProfile
    weeks: int
    start: date
    program: FitnessProgram
    phases: tuple[tuple[date, MesocycleDetailed], ...]

    @property
    def program_type(self) -> ProgramType:
        return self.program.program_type

    def full_weeks(self) -> Iterator[tuple[MesocycleDetailed, Microcycle]]:
        """Every Monday–Sunday week of every phase (transition weeks left out)."""
        for _start, meso in self.phases:
            for micro in meso.microcycles:
                if micro.week_number > 0:
                    yield meso, micro

    def is_event_week(self, micro: Microcycle) -> bool:
        """The week holding the client's event: judged by the event check (it ends early)."""
        return holds_event(micro, self.profile)

    def build_weeks(self) -> Iterator[tuple[MesocycleDetailed, Microcycle]]:
        for meso, micro in self.full_weeks():
            if not micro.deload:
                yield meso, micro

    def measured_weeks(self) -> Iterator[tuple[MesocycleDetailed, Microcycle]]:
        """The build weeks a week's volume and pull:push are measured on: not a week away dates
        cut short (sessions dropped), not the event's week (it ends early by design: nothing on
        or after the event, quiet days before it; the event check judges it)."""
        for meso, micro in self.build_weeks():
            if not self.cut_short(micro) and not self.is_event_week(micro):
                yield meso, micro

    def free_days(self, micro: Microcycle) -> int | None:
        """Days of a week the client can train on when away some of it, else None (as the
        validator counts them: a week with away dates may hold fewer sessions)."""
        if micro.start_date is None or micro.end_date is None:
            return None
        days = [
            micro.start_date + timedelta(days=offset)
            for offset in range((micro.end_date - micro.start_date).days + 1)
        ]
        if all(self.profile.unavailable_on(day) is None for day in days):
            return None
        return sum(self.profile.can_train_on(day) for day in days)

    def cut_short(self, micro: Microcycle) -> bool:
        """Away dates took training days out of the week: no measure of the block's volume."""
        free = self.free_days(micro)
        low, _high = wanted_days(self.profile, self.program_type)
        return free is not None and len({w.date for w in micro.workouts}) < low


@dataclass
class Outcome:
    passed: bool
    figure: str
    examples: list[str] = field(default_factory=list)


Check = Callable[[GeneratedProgram], Outcome]
MAX_EXAMPLES = 3


def _outcome(figure: str, failures: list[str]) -> Outcome:
    return Outcome(not failures, figure, failures[:MAX_EXAMPLES])


def _where(micro: Microcycle, workout: WorkoutInstance, meso: MesocycleDetailed) -> str:
    return f"{meso.phase} wk {micro.week_number} {workout.date:%a}"


def _has_warmup(workout: WorkoutInstance) -> bool:
    return any(is_warmup(block.label) and block.exercises for block in workout.blocks)


# --- published tables ------------------------------------------------------------------------------

# --- days -----------------------------------------------------------------------------------------


def wanted_days(profile: ClientProfile, program_type: ProgramType) -> tuple[int, int]:
    """(fewest, most) training days a week: min(days, 6); a rehab client at least min(days, 3)."""
    days = profile.days_per_week
    if program_type == ProgramType.REHAB:
        return min(days, 3), days
    return min(days, 6), min(days, 6)


def check_days(program: GeneratedProgram) -> Outcome:
    low, high = wanted_days(program.profile, program.program_type)
    failures, counts = [], set()
    for meso, micro in program.full_weeks():
        if program.is_event_week(micro):
            continue
        days = len({workout.date for workout in micro.workouts})
        counts.add(days)
        free = program.free_days(micro)
        fewest = low if free is None else min(low, free)
        if not fewest <= days <= high or days > program.profile.days_per_week:
            failures.append(f"{meso.phase} wk {micro.week_number}: {days} days")
    shown = "–".join(str(n) for n in sorted({min(counts), max(counts)})) if counts else "0"
    asked = f"{low}" if low == high else f"{low}–{high}"
    return _outcome(f"{shown} of {asked} days", failures)


# --- session time ---------------------------------------------------------------------------------


def check_session_time(program: GeneratedProgram) -> Outcome:
    """Lifting sessions of build weeks at 70–105 % of the client's minutes; no lifting, metcon,
    rehab or mobility session of a full week under half (runs are as long as their distance); the
    event's week is the event check's."""
    minutes = program.profile.minutes_per_session
    shares: list[float] = []
    failures = []
    for meso, micro in program.full_weeks():
        if program.is_event_week(micro):
            continue  # openers and pre-event mobility are short on purpose (the event check)
        for workout in micro.workouts:
            if not is_timed(workout):
                continue
            share = session_share(workout, minutes)
            shares.append(share)
            low, high = time_band(workout, micro.deload)
            if not low <= share <= high:
                failures.append(f"{_where(micro, workout, meso)} {workout.title}: {share:.0%}")
    if not shares:
        return _outcome("no timed sessions", [])
    return _outcome(f"{min(shares):.0%}–{max(shares):.0%} of {minutes} min", failures)


# --- volume and balance ---------------------------------------------------------------------------


def _lifts(program: GeneratedProgram) -> bool:
    return any(
        is_lift(workout) for _meso, micro in program.full_weeks() for workout in micro.workouts
    )


def check_volume(program: GeneratedProgram) -> Outcome:
    """Build-week hard sets of the goal's muscles between the floor and 22; the floor is the
    level's, or what the week's lifting minutes can hold when that is less (the figure says so)."""
    profile = program.profile
    muscles = floor_muscles(profile)
    if not _lifts(program):
        return _outcome("no lifting", [])
    failures, lowest, highest = [], float("inf"), 0.0
    floors: set[float] = set()
    for meso, micro in program.measured_weeks():
        totals = hard_sets(micro.workouts)
        floor = week_floor(profile, micro.workouts)
        floors.add(floor)
        for muscle in MAIN_MUSCLES:
            sets = totals.get(muscle, 0.0)
            highest = max(highest, sets)
            if muscle in muscles:
                lowest = min(lowest, sets)
            if outside_band(sets, muscle in muscles, floor):
                failures.append(f"{meso.phase} wk {micro.week_number} {muscle} {sets:g}")
    low = "-" if lowest == float("inf") else f"{lowest:g}"
    level = LEVEL_FLOOR[profile.experience] * goal_muscles(profile.goal)[1]
    band = "–".join(f"{floor:g}" for floor in sorted({min(floors), max(floors)})) if floors else "-"
    timed = " (floor scaled to the lifting minutes)" if floors and min(floors) < level else ""
    return _outcome(f"{low}–{highest:g} sets (band {band}–{SET_CEILING}){timed}", failures)


def check_set_limits(program: GeneratedProgram) -> Outcome:
    """No muscle past the weekly hard sets the validator warns above (volume_floor.hard_set_limit:
    22 for a big mover, the level band's top for arms, calves and core): the engine, the
    validator and the report agree on one limit."""
    top = HARD_SET_BANDS[program.profile.experience][1]
    failures, highest = [], 0.0
    for meso, micro in program.full_weeks():
        for muscle, sets in hard_sets(micro.workouts).items():
            highest = max(highest, sets)
            if sets > hard_set_limit(muscle, top):
                failures.append(f"{meso.phase} wk {micro.week_number} {muscle} {sets:g}")
    return _outcome(f"most {highest:g} sets a muscle", failures)


def check_balance(program: GeneratedProgram) -> Outcome:
    """Weekly pull sets ≥ push / 1.25, and ≥ push with an injured shoulder (measured weeks)."""
    needed = pull_needed(program.profile)
    ratios, failures = [], []
    for meso, micro in program.measured_weeks():
        push, pull = push_pull_sets(micro.workouts)
        if push == 0:
            continue
        ratios.append(pull / push)
        if not balance_met(push, pull, needed):
            failures.append(f"{meso.phase} wk {micro.week_number}: pull {pull} / push {push}")
    if not ratios:
        return _outcome("no pushing", [])
    return _outcome(f"pull:push ≥ {min(ratios):.2f} (need {needed:.2f})", failures)


# --- dosing ---------------------------------------------------------------------------------------

DEADLIFTS = frozenset({"Deadlift", "Sumo Deadlift", "Trap Bar Deadlift"})
DEADLIFT_MAX_REPS, DEADLIFT_HEAVY_PCT = 8, 70.0
STRAIGHT_SETS, NEAR_FAILURE_RIR = 4, 1
TABLE_SLACK_HARDER, TABLE_SLACK_EASIER = 1.0, 2.0
STATED_RIR_LIMIT = 4
"""A reserve of 4+ is "easy" and not held to the table (deloads keep reps at a lighter load)."""


def dosing_problems(exercise: Exercise) -> list[str]:
    """What a coach would correct in one prescription's dose."""
    problems = []
    top = exercise.reps_max or exercise.reps
    if exercise.reps is None and exercise.rir is not None:
        problems.append("RIR on timed or distance work")
    if (
        exercise.reps is not None
        and exercise.sets >= STRAIGHT_SETS
        and exercise.rir is not None
        and exercise.rir <= NEAR_FAILURE_RIR
    ):
        problems.append(f"{exercise.sets} straight sets at RIR {exercise.rir:g}")
    entry = find_exercise(exercise.name)
    if entry is not None and entry.name in DEADLIFTS and top is not None and top > 8:
        heavy = exercise.pct_one_rm is None or exercise.pct_one_rm >= DEADLIFT_HEAVY_PCT
        if heavy:
            problems.append(f"{top} reps of a {entry.name}")
    if heavy_isolation(exercise):
        problems.append(
            f"{exercise.reps} reps of single-joint work (at least {ISOLATION_MIN_REPS})"
        )
    if exercise.pct_one_rm is not None and exercise.reps is not None and exercise.rir is not None:
        failure = table_reps_to_failure(exercise.pct_one_rm)
        needed = (top or 0) + exercise.rir
        if needed > failure + TABLE_SLACK_HARDER:
            problems.append(
                f"{top} reps + RIR {exercise.rir:g} at {exercise.pct_one_rm:g} % "
                f"(table: {failure:.0f} to failure)"
            )
        elif exercise.rir < STATED_RIR_LIMIT and needed < failure - TABLE_SLACK_EASIER:
            problems.append(
                f"RIR {exercise.rir:g} understated: {top} reps at {exercise.pct_one_rm:g} % "
                f"(table: {failure:.0f} to failure)"
            )
    return problems


def check_dosing(program: GeneratedProgram) -> Outcome:
    failures, count = [], 0
    for meso, micro in program.full_weeks():
        for workout in micro.workouts:
            for exercise in working_exercises(workout):
                for problem in dosing_problems(exercise):
                    count += 1
                    failures.append(f"{_where(micro, workout, meso)} {exercise.name}: {problem}")
    return _outcome(f"{count} dosing error{'' if count == 1 else 's'}", failures)


# --- 1RMs -----------------------------------------------------------------------------------------


def check_one_rm_use(program: GeneratedProgram) -> Outcome:
    """Every given 1RM lift is programmed with kg loads in each phase of a strength or
    muscle-gain program."""
    if program.profile.goal not in LIFTING_GOALS:
        return _outcome("not a lifting goal", [])
    lifts = given_lifts(program.profile)
    if not lifts:
        return _outcome("no usable 1RM", [])
    failures, used = [], 0
    for _start, meso in program.phases:
        loaded = loaded_lifts(meso.workouts())
        missing = [lift for lift, entry in lifts.items() if entry.name.lower() not in loaded]
        used += len(lifts) - len(missing)
        failures += [f"{meso.phase}: {lift} unused" for lift in missing]
    return _outcome(f"{used} of {len(lifts) * len(program.phases)} lift-phases", failures)


def check_no_unknown_one_rm(program: GeneratedProgram) -> Outcome:
    """No prescription as a % of a 1RM the client has not given (a % needs a kg load)."""
    failures = []
    for meso, micro in program.full_weeks():
        for workout in micro.workouts:
            for exercise in working_exercises(workout):
                if unknown_one_rm(exercise):
                    failures.append(
                        f"{_where(micro, workout, meso)} {exercise.name} "
                        f"{exercise.pct_one_rm:g} % of no 1RM"
                    )
    return _outcome(f"{len(failures)} unknown-1RM prescriptions", failures)


# --- progression ----------------------------------------------------------------------------------

BODYWEIGHT_EQUIPMENT = frozenset({"pull_up_bar", "bench"})


def _top_loads(meso: MesocycleDetailed) -> dict[str, tuple[float, float]]:
    """Per lift: (heaviest build-week load, its %1RM)."""
    tops: dict[str, tuple[float, float]] = {}
    for micro in meso.microcycles:
        if micro.week_number == 0 or micro.deload:
            continue
        for workout in micro.workouts:
            for exercise in working_exercises(workout):
                if exercise.load_kg is None or not exercise.pct_one_rm:
                    continue
                best = tops.get(exercise.name)
                if best is None or exercise.load_kg > best[0]:
                    tops[exercise.name] = (exercise.load_kg, exercise.pct_one_rm)
    return tops


def _is_bodyweight(exercise: Exercise) -> bool:
    entry = find_exercise(exercise.name)
    return (
        entry is not None
        and not entry.timed
        and entry.counts_as_hard_sets
        and set(entry.equipment) <= BODYWEIGHT_EQUIPMENT
        and exercise.reps is not None
    )


def _bodyweight_reps(meso: MesocycleDetailed) -> list[dict[str, int]]:
    """Per build week: the fewest reps of each bodyweight exercise."""
    weeks = []
    for micro in meso.microcycles:
        if micro.week_number == 0 or micro.deload:
            continue
        reps: dict[str, int] = {}
        for workout in micro.workouts:
            for exercise in working_exercises(workout):
                if _is_bodyweight(exercise) and exercise.reps is not None:
                    reps[exercise.name] = min(reps.get(exercise.name, 100), exercise.reps)
        weeks.append(reps)
    return weeks


def check_progression(program: GeneratedProgram) -> Outcome:
    """Phase k+1's loads start above phase k's (a raised training max, never a copy), and
    bodyweight work never progresses by cutting reps."""
    failures = []
    phases = [meso for _start, meso in program.phases]
    raised = compared = 0
    for before, after in itertools.pairwise(phases):
        old, new = _top_loads(before), _top_loads(after)
        for lift in old.keys() & new.keys():
            (old_kg, old_pct), (new_kg, new_pct) = old[lift], new[lift]
            compared += 1
            lighter_phase = new_pct < old_pct
            ok = new_kg > old_kg or (lighter_phase and new_kg / new_pct >= old_kg / old_pct)
            raised += ok
            if not ok:
                failures.append(
                    f"{after.phase} {lift} {new_kg:g} kg after {old_kg:g} kg in {before.phase}"
                )
    weeks = [week for meso in phases for week in _bodyweight_reps(meso)]
    for previous, current in itertools.pairwise(weeks):
        for name in previous.keys() & current.keys():
            if current[name] < previous[name]:
                failures.append(f"{name} reps cut {previous[name]} → {current[name]}")
    return _outcome(f"{raised} of {compared} phase loads raised", failures)


STALL_WORDS = "stall"


def _heavy_days(
    meso: MesocycleDetailed, lifts: set[str]
) -> list[tuple[Microcycle, dict[str, Exercise]]]:
    """Per full week of a phase: each given lift's heaviest loaded prescription."""
    weeks = []
    for micro in meso.microcycles:
        if micro.week_number == 0:
            continue
        heaviest: dict[str, Exercise] = {}
        for workout in micro.workouts:
            for exercise in working_exercises(workout):
                entry = find_exercise(exercise.name)
                if entry is None or entry.name.lower() not in lifts or exercise.load_kg is None:
                    continue
                best = heaviest.get(entry.name)
                if best is None or exercise.load_kg > (best.load_kg or 0):
                    heaviest[entry.name] = exercise
        weeks.append((micro, heaviest))
    return weeks


def check_linear_progression(program: GeneratedProgram) -> Outcome:
    """A novice on a strength or muscle-gain program progresses linearly (Rippetoe): each given
    1RM lift's heaviest load of the week never falls within a phase and rises over it, at the
    same reps every week of the phase; the rationale writes the stall rule; no planned deload
    before the program's last week (which ends a program without an event on an easier week)."""
    profile = program.profile
    if profile.experience != Experience.BEGINNER or profile.goal not in LIFTING_GOALS:
        return _outcome("not a novice lifting program", [])
    lifts = {entry.name.lower() for entry in given_lifts(profile).values()}
    failures: list[str] = []
    raised = steps = 0
    final = program.phases[-1][1].microcycles[-1] if program.phases else None
    for _start, meso in program.phases:
        weeks = [
            (micro, week)
            for micro, week in _heavy_days(meso, lifts)
            if not (micro is final and micro.deload)
        ]
        failures += [
            f"{meso.phase} wk {micro.week_number}: a planned deload"
            for micro, _ in weeks
            if micro.deload
        ]
        for name in sorted({name for _micro, week in weeks for name in week}):
            rows = [(micro, week[name]) for micro, week in weeks if name in week]
            for (_, before), (micro, after) in itertools.pairwise(rows):
                steps += 1
                old_kg, new_kg = before.load_kg or 0.0, after.load_kg or 0.0
                raised += new_kg > old_kg
                where = f"{meso.phase} wk {micro.week_number}: {name}"
                if new_kg < old_kg:
                    failures.append(f"{where} {new_kg:g} kg after {old_kg:g} kg")
                if after.reps != before.reps:
                    failures.append(f"{where} {after.reps} reps after {before.reps}")
            if len(rows) > 1 and (rows[-1][1].load_kg or 0) <= (rows[0][1].load_kg or 0):
                failures.append(f"{meso.phase}: {name} never heavier than week 1")
            if not any(STALL_WORDS in (row.rationale or "") for _micro, row in rows):
                failures.append(f"{meso.phase}: {name} without a stall rule")
    if not steps and not failures:
        return _outcome("no loaded main lift", [])
    return _outcome(f"{raised} of {steps} weekly loads raised", failures)


def _in_circuit(workout: WorkoutInstance, exercise: Exercise) -> bool:
    return any(
        "circuit" in block.label.lower() and exercise in block.exercises for block in workout.blocks
    )


def check_no_repeats(program: GeneratedProgram) -> Outcome:
    """No identical prescription (exercise, sets, reps, load, effort) twice in one week."""
    failures = []
    for meso, micro in program.full_weeks():
        seen: set[tuple] = set()
        for workout in micro.workouts:
            if not is_lift(workout):
                continue
            for exercise in working_exercises(workout):
                if _in_circuit(workout, exercise):
                    continue  # conditioning intervals repeat as a metcon's do
                key = (
                    exercise.name,
                    exercise.sets,
                    exercise.reps,
                    exercise.reps_max,
                    exercise.load_kg,
                    exercise.pct_one_rm,
                    exercise.rir,
                    exercise.duration_minutes,
                )
                if key in seen:
                    failures.append(f"{meso.phase} wk {micro.week_number}: {exercise.activity}")
                seen.add(key)
    return _outcome(f"{len(failures)} repeats", failures)


def check_level(program: GeneratedProgram) -> Outcome:
    """No regression below the client's level (a wall push-up for an intermediate lifter) where
    the phase had an option that suits the level (core.exercises.exposure.phase_options)."""
    profile = program.profile
    level = profile.experience.value
    equipment = frozenset(item.value for item in profile.equipment)
    injuries = frozenset(area.value for area in profile.injuries)
    failures, checked = [], 0
    for phase_index, (_start, meso) in enumerate(program.phases):
        for micro in meso.microcycles:
            for workout in micro.workouts:
                if not is_lift(workout):
                    continue
                for exercise in working_exercises(workout):
                    entry = find_exercise(exercise.name)
                    if entry is None:
                        continue
                    checked += 1
                    options = phase_options(entry.pattern, equipment, injuries, phase_index, level)
                    if not fits_level(entry, level, injuries) and entry not in options:
                        failures.append(f"{_where(micro, workout, meso)} {entry.name} for {level}")
    return _outcome(f"{checked - len(failures)} of {checked} fit the level", failures)


# --- structure ------------------------------------------------------------------------------------

RAMP_FROM_PCT = 70.0
WARMUP_FROM_MINUTES = 25


def check_ramp_up(program: GeneratedProgram) -> Outcome:
    """Ramp-up sets written before every lift at ≥ 70 % 1RM (back-off sets right after the same
    lift's top set need none)."""
    failures, heavy = [], 0
    for meso, micro in program.full_weeks():
        for workout in micro.workouts:
            previous = None
            for exercise in working_exercises(workout):
                back_off = exercise.name == previous
                previous = exercise.name
                if back_off or (exercise.pct_one_rm or 0) < RAMP_FROM_PCT:
                    continue
                heavy += 1
                if not ramp_up_reps(exercise):
                    failures.append(f"{_where(micro, workout, meso)} {exercise.name}")
    return _outcome(f"{heavy - len(failures)} of {heavy} heavy lifts ramped", failures)


def check_warmup(program: GeneratedProgram) -> Outcome:
    """A warm-up in every lifting or conditioning session of 25 minutes or more, of moving drills
    with one for the first main lift's prime movers (``core.validation.warmups``)."""
    failures, sessions = [], 0
    for meso, micro in program.full_weeks():
        for workout in micro.workouts:
            if workout.session_type not in (SessionType.LIFT, SessionType.METCON):
                continue
            if session_seconds(workout) / 60 < WARMUP_FROM_MINUTES:
                continue
            sessions += 1
            where = f"{_where(micro, workout, meso)} {workout.title}"
            if not _has_warmup(workout):
                failures.append(f"{where}: no warm-up")
            elif faults := session_warmup_faults(workout):
                failures.append(f"{where}: {faults[0]}")
    return _outcome(f"{sessions - len(failures)} of {sessions} warmed up", failures)


def check_cool_down(program: GeneratedProgram) -> Outcome:
    """A build week's cool-down of at most 10 minutes (Van Hooren & Peake 2018): a long
    session's spare time goes to training, not to stretching (a deload's may be easy mobility)."""
    failures, longest = [], 0.0
    for meso, micro in program.build_weeks():
        for workout in micro.workouts:
            for block in workout.blocks:
                if "cool" not in block.label.lower():
                    continue
                minutes = sum(
                    exercise.sets * (exercise.duration_minutes or 0) for exercise in block.exercises
                )
                longest = max(longest, minutes)
                if minutes > COOL_DOWN_MAX_MINUTES + 1e-9:
                    failures.append(f"{_where(micro, workout, meso)} {workout.title}: {minutes:g}")
    return _outcome(f"longest cool-down {longest:g} min", failures)


def check_hard_mains(program: GeneratedProgram) -> Outcome:
    """A build week's main-lift working sets are hard sets: RIR ≤ 4 (a RIR 5 deadlift is not a
    working set a coach writes; deloads are easy on purpose)."""
    failures, rows = [], 0
    for meso, micro in program.build_weeks():
        for workout in micro.workouts:
            for block in workout.blocks:
                if block.label != MAIN_BLOCK:
                    continue
                for exercise in block.exercises:
                    if exercise.reps is None or exercise.rir is None:
                        continue
                    rows += 1
                    if exercise.rir > HARD_SET_MAX_RIR:
                        failures.append(
                            f"{_where(micro, workout, meso)} {exercise.name} RIR {exercise.rir:g}"
                        )
    return _outcome(f"{rows - len(failures)} of {rows} main-lift rows at RIR ≤ 4", failures)


DEVELOPER_WORDS = re.compile(
    r"\b(offline|fallback|generated|slot|weekly target|None|null|meso-\d|DOMAIN)\b|"
    r"\b[a-z]+_[a-z_]+\b"
)
ONE_SETS = re.compile(r"(?<![\d.])1 (?:sets|reps|rounds)\b")
GOAL_WORDS = {
    Goal.STRENGTH: "strength",
    Goal.MUSCLE_GAIN: "muscle gain",
    Goal.WEIGHT_LOSS: "weight loss",
    Goal.ENDURANCE: "endurance",
    Goal.GENERAL_FITNESS: "general fitness",
    Goal.REHAB: "rehab",
}
_PROGRAM_NAME = re.compile(r"\d+-week ([a-z ]+?) (?:program|macrocycle)")


def _texts(program: GeneratedProgram) -> Iterator[tuple[str, str]]:
    yield "overview", program.program.overview
    for macro in program.program.macrocycles:
        yield "macrocycle", macro.name
    for _start, meso in program.phases:
        for micro in meso.microcycles:
            for workout in micro.workouts:
                yield "title", workout.title
                yield "notes", workout.notes or ""
                for block in workout.blocks:
                    for exercise in block.exercises:
                        yield exercise.name, exercise.rationale or ""
                        yield exercise.name, exercise.notes or ""


def check_wording(program: GeneratedProgram) -> Outcome:
    """Words a coach uses: "2 sets" never "1 sets", no developer terms, the goal named."""
    failures = []
    goal = GOAL_WORDS[program.profile.goal]
    for where, text in _texts(program):
        text = text.replace(program.profile.name, "the client")
        if one := ONE_SETS.search(text):
            failures.append(f"{where}: '{one.group(0)}'")
        word = DEVELOPER_WORDS.search(text)
        if word:
            failures.append(f"{where}: '{word.group(0)}'")
        for name in _PROGRAM_NAME.findall(text):
            if name != goal:
                failures.append(f"{where}: '{name}' program for a {goal} client")
    if goal not in program.program.overview:
        failures.append(f"overview does not name the goal ({goal})")
    unique = list(dict.fromkeys(failures))
    return _outcome(f"{len(unique)} wording faults", unique)


# --- the client's week and gym -------------------------------------------------------------------


def check_load_steps(program: GeneratedProgram) -> Outcome:
    """Every load a whole step of the client's gym in their unit (5 lb, 2.5 kg, 2 kg dumbbells)."""
    failures, loads = [], 0
    for meso, micro in program.full_weeks():
        for workout in micro.workouts:
            for exercise in workout.exercises:
                if exercise.load_kg is None:
                    continue
                loads += 1
                entry = find_exercise(exercise.name)
                step = client_step(program.profile, entry.equipment if entry else ())
                if not is_on_step(exercise.load_kg, step):
                    shown = format_load(exercise.load_kg, step.unit)
                    failures.append(f"{_where(micro, workout, meso)}: {shown} off {step.text}")
    return _outcome(f"{loads - len(failures)} of {loads} loads on the step", failures)


def check_schedule(program: GeneratedProgram) -> Outcome:
    """No session on a day off or away date; on the training days unless the week says it moved."""
    failures, sessions = [], 0
    days = {day.number for day in program.profile.training_days}
    weeks = ((meso, micro) for _start, meso in program.phases for micro in meso.microcycles)
    for meso, micro in weeks:
        for workout in micro.workouts:
            sessions += 1
            where = _where(micro, workout, meso)
            if not program.profile.can_train_on(workout.date):
                failures.append(f"{where}: the client is away or off")
            elif days and workout.date.weekday() not in days and not _says_moved(workout):
                failures.append(f"{where}: not a training day and no word why")
    return _outcome(f"{sessions - len(failures)} of {sessions} sessions on free days", failures)


def _says_moved(workout: WorkoutInstance) -> bool:
    return "Moved from" in (workout.notes or "")


# --- injuries -------------------------------------------------------------------------------------

REHAB_LEG_SETS = REHAB_LEG_FLOOR


def _steps(meso: MesocycleDetailed, injuries: set[str]) -> tuple[dict[str, int], list[str]]:
    """(highest graded-exposure step per injured area, faults) of one phase's lifting sessions:
    a heavy load of an injured area, or a step whose rationale does not name the rule."""
    highest: dict[str, int] = {}
    faults = []
    for micro in meso.microcycles:
        for workout in micro.workouts:
            for exercise in working_exercises(workout):
                entry = find_exercise(exercise.name)
                if entry is None:
                    continue
                heavy = entry.loaded_areas(injuries)
                if heavy:
                    faults.append(
                        f"{_where(micro, workout, meso)} {entry.name} loads the {heavy[0]}"
                    )
                for area, stage in entry.regression:
                    if area not in injuries:
                        continue
                    highest[area] = max(highest.get(area, 0), stage)
                    if "graded exposure" not in (exercise.rationale or ""):
                        faults.append(f"{_where(micro, workout, meso)} {entry.name}: rule unnamed")
    return highest, faults


def check_graded_exposure(program: GeneratedProgram) -> Outcome:
    """An injured knee, hip, shoulder or elbow is trained by graded-exposure steps in every phase
    of a lifting program (never loaded heavily), the step never falls from phase to phase, and a
    knee or hip rehab reaches 4 quad and 4 glute sets by its last build week."""
    profile = program.profile
    injuries = {area.value for area in profile.injuries}
    areas = sorted(injuries & set(LADDERS))
    if not areas or not _lifts(program):
        return _outcome("no injured area with steps" if not areas else "no lifting", [])
    failures: list[str] = []
    ladder: dict[str, list[int]] = {area: [] for area in areas}
    for _start, meso in program.phases:
        highest, faults = _steps(meso, injuries)
        failures += faults
        full = [micro for micro in meso.microcycles if micro.week_number > 0]
        if full and all(program.is_event_week(micro) for micro in full):
            continue  # the event's week leaves accessories out (the event check judges it)
        for area in areas:
            steps = ladder[area]
            stage = highest.get(area, 0)
            if not stage:
                failures.append(f"{meso.phase}: the injured {area} is not trained")
            elif steps and stage < steps[-1]:
                failures.append(f"{meso.phase}: {area} step {stage} after {steps[-1]}")
            steps.append(stage)
    figure = "; ".join(f"{area} steps {'→'.join(map(str, ladder[area]))}" for area in areas)
    if rehab_legs(profile):
        last = [micro for _meso, micro in program.build_weeks()][-1:]
        totals = hard_sets(last[0].workouts) if last else {}
        legs = {muscle: totals.get(muscle, 0.0) for muscle in REHAB_LEG_MUSCLES}
        figure += "; last build week " + ", ".join(f"{m} {n:g}" for m, n in legs.items())
        failures += [f"last build week {m} {n:g}" for m, n in legs.items() if n < REHAB_LEG_SETS]
    return _outcome(figure, failures)


# --- endurance ------------------------------------------------------------------------------------

RAMP_LIMIT, RAMP_SLACK_KM = 0.10, 0.5
PEAK_OVER_FIRST = 1.25
LONG_SHARE = (0.25, 0.35)
HARD_SHARE = 0.20
HARD_RPE = 7


def _runs(micro: Microcycle) -> list[tuple[float, float, bool]]:
    """(km, hard km, long?) of each run session of a week."""
    runs = []
    for workout in micro.workouts:
        if workout.session_type != SessionType.RUN:
            continue
        km = hard = 0.0
        for exercise in workout.exercises:
            distance = (exercise.distance_km or 0) * exercise.sets
            km += distance
            hard += distance if (exercise.rpe or 0) >= HARD_RPE else 0
        long = "long" in workout.title.lower()
        if km:
            runs.append((km, hard, long))
    return runs


def check_endurance(program: GeneratedProgram) -> Outcome:
    """Weekly km up ≤ 10 % a week, a peak ≥ 1.25× week 1, the long run 25–35 % of the week
    (with 4+ runs) and the longest run, ≤ 20 % of the km hard."""
    if program.program_type not in (ProgramType.ENDURANCE, ProgramType.HYBRID):
        return _outcome("no running goal", [])
    weeks = [(meso, micro, _runs(micro)) for meso, micro in program.full_weeks()]
    totals = [(meso, micro, sum(km for km, _h, _l in runs)) for meso, micro, runs in weeks]
    build_km = [km for _meso, micro, km in totals if not micro.deload and km]
    if not build_km:
        return _outcome("no running (cross-training)", [])
    failures = []
    previous = None
    for meso, micro, km in totals:
        if micro.deload or not km:
            continue
        if previous and km > previous * (1 + RAMP_LIMIT) and km - previous > RAMP_SLACK_KM:
            failures.append(f"{meso.phase} wk {micro.week_number}: {previous:g} → {km:g} km")
        previous = km
    peak = max(build_km)
    if program.program_type == ProgramType.ENDURANCE and peak < PEAK_OVER_FIRST * build_km[0]:
        failures.append(f"peak {peak:g} km < 1.25 × week 1 ({build_km[0]:g} km)")
    for meso, micro, runs in weeks:
        if program.is_event_week(micro):
            continue  # the race is the week's long run and its hard part (the event check)
        week_km = sum(km for km, _h, _l in runs)
        longs = [km for km, _h, long in runs if long]
        if longs and len(runs) >= 4 and not LONG_SHARE[0] <= longs[0] / week_km <= LONG_SHARE[1]:
            failures.append(f"{meso.phase} wk {micro.week_number}: long run {longs[0]:g} km")
        if longs and any(km > longs[0] + 1e-9 for km, _h, long in runs if not long):
            failures.append(f"{meso.phase} wk {micro.week_number}: long run not the longest")
        hard = sum(h for _k, h, _l in runs)
        if week_km and hard > HARD_SHARE * week_km + 0.2:
            failures.append(f"{meso.phase} wk {micro.week_number}: {hard:g} km hard")
    figure = f"{build_km[0]:.1f} → peak {peak:.1f} km ({peak / build_km[0]:.2f}×)"
    return _outcome(figure, failures)


# --- plan to a date -------------------------------------------------------------------------------

TAPER_KEEPS = 0.60
"""The event week's running at most 60 % of the heaviest build week (a 40–60 % taper)."""
OPENER_RANGE = (85.0, 95.0)


def check_set_counts(program: GeneratedProgram) -> Outcome:
    """Every exercise of a build week's working blocks has 2-5 sets (a main lift up to 8): no
    token single sets, no six sets of one accessory (``core.validation.set_counts``)."""
    failures, judged = [], 0
    for meso, micro in program.build_weeks():
        for workout in micro.workouts:
            for block in judged_blocks(workout):
                judged += len(set_counts(block))
            failures += [
                f"{_where(micro, workout, meso)} {problem}"
                for problem in set_count_problems(workout)
            ]
    return _outcome(f"{judged - len(failures)} of {judged} exercises with 2–5 sets", failures)


def check_rests(program: GeneratedProgram) -> Outcome:
    """No working set rests longer than its effort calls for (``core.validation.rest_periods``:
    5 minutes after a heavy main-lift set, 3 after sets of 9-12, 2 after single-joint work)."""
    failures, judged = [], 0
    for meso, micro in program.full_weeks():
        for workout in micro.workouts:
            judged += rested_sets(workout)
            failures += [
                f"{_where(micro, workout, meso)} {rest_problem(exercise, ceiling)}"
                for exercise, ceiling in long_rests(workout)
            ]
    return _outcome(
        f"{judged - len(failures)} of {judged} exercises rest to their effort", failures
    )


def _last_week(program: GeneratedProgram) -> Microcycle | None:
    weeks = [micro for _meso, micro in program.full_weeks()]
    return weeks[-1] if weeks else None


def _is_hard(workout: WorkoutInstance) -> bool:
    if workout.session_type in (SessionType.LIFT, SessionType.METCON):
        return True
    return any((exercise.rpe or 0) >= HARD_RPE for exercise in workout.exercises)


def check_event(program: GeneratedProgram) -> Outcome:
    """With an event: the last week holds it, the last session falls on or just before it, no
    session after it, nothing hard in the quiet days, a race tapered (the week's km ≤ 60 % of the
    heaviest build week) and a meet or test day peaked (openers at 85–95 % that week). Without
    one: the program ends with a deload week."""
    last = _last_week(program)
    event = program.profile.event
    if last is None:
        return _outcome("no weeks", ["the program has no full week"])
    if event is None:
        ends = "ends with a deload" if last.deload else "ends with a build week"
        return _outcome(f"no event; {ends}", [] if last.deload else [f"week {last.week_number}"])
    failures = []
    if not program.is_event_week(last):
        failures.append(f"the last week ({last.start_date}) does not hold the event {event.date}")
    sessions = [w for _meso, micro in program.full_weeks() for w in micro.workouts]
    after = [w for w in sessions if w.date >= event.date]
    failures += [f"{w.date:%a %d %b}: {w.title} on or after the event" for w in after]
    before = [w for w in sessions if w.date < event.date]
    gap = (event.date - before[-1].date).days if before else 99
    allowed = 7 // max(1, min(program.profile.days_per_week, 6)) + 2
    if gap > allowed:
        failures.append(f"last session {gap} days before the event (at most {allowed})")
    quiet_from = event.date - timedelta(days=quiet_days(event))
    failures += [
        f"{w.date:%a %d %b}: {w.title} is hard {(event.date - w.date).days} days out"
        for w in before
        if w.date >= quiet_from and _is_hard(w)
    ]
    if event.kind.is_race:
        build_km = [
            sum(km for km, _h, _l in _runs(micro))
            for _meso, micro in program.full_weeks()
            if not micro.deload and not program.is_event_week(micro)
        ]
        peak = max(build_km, default=0.0)
        week_km = sum(km for km, _h, _l in _runs(last))
        if peak and week_km > TAPER_KEEPS * peak + 0.1:
            failures.append(f"event week {week_km:.1f} km > 60 % of the peak {peak:.1f} km")
        figure = f"taper to {week_km:.1f} of {peak:.1f} km, last session {gap} d before"
    else:
        singles = [
            exercise
            for workout in last.workouts
            for exercise in working_exercises(workout)
            if exercise.reps == 1
            and OPENER_RANGE[0] <= (exercise.pct_one_rm or 0) <= OPENER_RANGE[1]
        ]
        if given_lifts(program.profile) and not singles:
            failures.append("no openers (singles at 85–95 %) in the event week")
        figure = f"{len(singles)} openers, last session {gap} d before"
    return _outcome(figure, failures)


CHECKS: dict[str, Check] = {
    "days": check_days,
    "time": check_session_time,
    "volume": check_volume,
    "set-limits": check_set_limits,
    "set-counts": check_set_counts,
    "rests": check_rests,
    "balance": check_balance,
    "dosing": check_dosing,
    "1rm-use": check_one_rm_use,
    "no-unknown-1rm": check_no_unknown_one_rm,
    "progression": check_progression,
    "linear": check_linear_progression,
    "no-repeats": check_no_repeats,
    "level": check_level,
    "ramp-up": check_ramp_up,
    "warm-up": check_warmup,
    "cool-down": check_cool_down,
    "hard-mains": check_hard_mains,
    "wording": check_wording,
    "endurance": check_endurance,
    "steps": check_load_steps,
    "schedule": check_schedule,
    "injuries": check_graded_exposure,
    "event": check_event,
}
"""Every check of the report, in the order it prints."""
