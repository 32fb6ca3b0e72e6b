"""Week insights: the quality report's per-week checks, for one week, green / amber / red.

One place for the rules a week is held to (tools/quality_checks/ calls the same functions, so
the report and the Plan page's preview can never disagree):

- hard sets: fractional hard sets (1.0 prime mover, 0.5 synergist, working blocks only, RIR ≤ 4)
  of the goal's big movers between the floor of ``core.validation.volume_floor`` and 22;
- balance: weekly pull sets ≥ push / 1.25, ≥ push with an injured shoulder;
- session time: every lifting, conditioning, rehab or mobility session at 70–105 % of the client's
  minutes in a build week (lifting), else at least half (runs last as long as their distance);
- 1RMs: which lifts the client gave a 1RM for are loaded in kg, and no prescription is a % of a
  1RM the client has not given.

Green passes the report's check; amber misses it by up to ``AMBER_MARGIN`` of the limit; red by
more. Deload and transition weeks are held only where the report holds them. ``INSIGHT_RULES``
turns red insights into validator warnings (never errors), so every draft (engine, AI, file, a
coach's edit) is held to them before the preview; the hard-set floor and band keep the
validator's own rules (``coaching``), so they are not warned of twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from core.dates import WEEKDAY_NAMES
from core.events import holds_event
from core.exercises.library import LibraryExercise, find_exercise
from core.schemas import (
    ClientProfile,
    Exercise,
    Goal,
    Microcycle,
    SessionType,
    WorkoutBlock,
    WorkoutInstance,
)
from core.validation.context import Context, Problem, Rule, fmt, week_label
from core.validation.measures import bar_out_of_reach
from core.validation.volume_floor import (
    FLOOR_MUSCLES,
    HARD_SET_MAX_RIR,
    LEVEL_FLOOR,
    SET_CEILING,
    floor_muscles,
    goal_muscles,
    hard_set_floor,
    lifting_minutes,
)

Level = Literal["green", "amber", "red"]
LEVELS: tuple[Level, ...] = ("green", "amber", "red")
AMBER_MARGIN = 0.2
"""A figure within 20 % of the limit it misses is amber (close), further out red."""

HARD_SETS, BALANCE, SESSION_TIME, ONE_RMS = "Hard sets", "Pull:push", "Session time", "1RMs"


@dataclass(frozen=True)
class Insight:
    """One check of one week: its name, how it reads (green / amber / red) and why, in words."""

    check: str
    level: Level
    sentence: str


def _worst(levels: Iterable[Level]) -> Level:
    return max(levels, key=LEVELS.index, default="green")


def at_least(value: float, limit: float) -> Level:
    """Green at or above ``limit``, amber a little under it, red further under."""
    if value >= limit - 1e-9:
        return "green"
    return "amber" if value >= limit * (1 - AMBER_MARGIN) - 1e-9 else "red"


def at_most(value: float, limit: float) -> Level:
    """Green at or below ``limit``, amber a little over it, red further over."""
    if value <= limit + 1e-9:
        return "green"
    return "amber" if value <= limit * (1 + AMBER_MARGIN) + 1e-9 else "red"


# --- what a week is made of ----------------------------------------------------------------------


def working_exercises(workout: WorkoutInstance) -> Iterator[Exercise]:
    """Exercises outside warm-up, cool-down and mobility blocks (drills, not prescriptions)."""
    # The engine's timing rules (imported here: the engine package imports this validator).
    from core.generation.engine.timing import is_flow

    for block in workout.blocks:
        if not is_flow(block.label):
            yield from block.exercises


def is_lift(workout: WorkoutInstance) -> bool:
    return workout.session_type == SessionType.LIFT


# --- hard sets -----------------------------------------------------------------------------------

MAIN_MUSCLES = FLOOR_MUSCLES


def hard_sets(workouts: Iterable[WorkoutInstance]) -> dict[str, float]:
    """Fractional hard sets per muscle: 1.0 a set for a prime mover, 0.5 for a synergist."""
    totals: dict[str, float] = {}
    for workout in workouts:
        for exercise in working_exercises(workout):
            entry = find_exercise(exercise.name)
            if entry is None or not entry.counts_as_hard_sets:
                continue
            if exercise.rir is not None and exercise.rir > HARD_SET_MAX_RIR:
                continue
            for muscle in entry.primary:
                totals[muscle] = totals.get(muscle, 0.0) + exercise.sets
            for muscle in entry.secondary:
                totals[muscle] = totals.get(muscle, 0.0) + 0.5 * exercise.sets
    return totals


def week_floor(profile: ClientProfile, workouts: list[WorkoutInstance]) -> float:
    """The week's hard-set floor: the level's, or what its lifting minutes can hold."""
    return hard_set_floor(profile, lifting_minutes(profile, workouts))


def outside_band(sets: float, held: bool, floor: float) -> bool:
    """Over the ceiling, or under the floor for a muscle the goal holds to it."""
    return sets > SET_CEILING or (held and sets < floor)


def _muscle_level(sets: float, held: bool, floor: float) -> Level:
    return _worst([at_most(sets, SET_CEILING), at_least(sets, floor) if held else "green"])


def hard_set_insight(micro: Microcycle, profile: ClientProfile) -> Insight | None:
    """The goal's big movers against the floor and 22 (None in a week without lifting)."""
    if not any(is_lift(workout) for workout in micro.workouts):
        return None
    totals = hard_sets(micro.workouts)
    held = floor_muscles(profile)
    floor = week_floor(profile, micro.workouts)
    shown = [m for m in MAIN_MUSCLES if m in held or totals.get(m, 0.0) > SET_CEILING]
    if micro.deload:
        figures = ", ".join(f"{m} {fmt(totals.get(m, 0.0))}" for m in shown)
        return Insight(
            HARD_SETS,
            "green",
            "A deload week cuts hard sets on purpose" + (f": {figures}." if figures else "."),
        )
    parts, levels = [], []
    for muscle in shown:
        sets = totals.get(muscle, 0.0)
        level = _muscle_level(sets, muscle in held, floor)
        levels.append(level)
        why = ""
        if sets > SET_CEILING:
            why = f" (over {SET_CEILING})"
        elif muscle in held and sets < floor:
            why = f" (under {fmt(floor)})"
        parts.append(f"{muscle} {fmt(sets)}{why}")
    if not held:
        sentence = f"No muscle is held to a floor for this goal; none may pass {SET_CEILING} sets"
        sentence += f": {', '.join(parts)}." if parts else "."
        return Insight(HARD_SETS, _worst(levels), sentence)
    level_floor = LEVEL_FLOOR[profile.experience] * goal_muscles(profile.goal)[1]
    scaled = (
        f" The floor is what {fmt(lifting_minutes(profile, micro.workouts))} minutes of working "
        "sets can hold."
        if floor < level_floor
        else ""
    )
    return Insight(
        HARD_SETS,
        _worst(levels),
        f"Hard sets this week against {fmt(floor)}–{SET_CEILING}: {', '.join(parts)}.{scaled}",
    )


# --- pull and push -------------------------------------------------------------------------------

PUSH = frozenset({"horizontal_push", "vertical_push"})
PULL = frozenset({"horizontal_pull", "vertical_pull"})
PULL_PER_PUSH = 1 / 1.25


def push_pull_sets(workouts: Iterable[WorkoutInstance]) -> tuple[int, int]:
    """(push sets, pull sets) of a week's working exercises."""
    push = pull = 0
    for workout in workouts:
        session_push, session_pull = blocks_push_pull_sets(workout.blocks)
        push, pull = push + session_push, pull + session_pull
    return push, pull


def blocks_push_pull_sets(blocks: Iterable[WorkoutBlock]) -> tuple[int, int]:
    """(push sets, pull sets) of one session's working blocks (drills left out)."""
    # The engine's timing rules (imported here: the engine package imports this validator).
    from core.generation.engine.timing import is_flow

    push = pull = 0
    for block in blocks:
        if is_flow(block.label):
            continue
        for exercise in block.exercises:
            entry = find_exercise(exercise.name)
            if entry is None:
                continue
            push += exercise.sets if entry.pattern in PUSH else 0
            pull += exercise.sets if entry.pattern in PULL else 0
    return push, pull


def shoulder_injured(profile: ClientProfile) -> bool:
    return "shoulder" in {area.value for area in profile.injuries}


def pull_needed(profile: ClientProfile) -> float:
    """Pull sets needed per push set: 1 / 1.25, or 1 with an injured shoulder."""
    return 1.0 if shoulder_injured(profile) else PULL_PER_PUSH


def balance_met(push: int, pull: int, needed: float) -> bool:
    return pull >= push * needed - 1e-9


def balance_insight(micro: Microcycle, profile: ClientProfile) -> Insight | None:
    """Pull sets against push sets (None in a week with neither)."""
    push, pull = push_pull_sets(micro.workouts)
    if not push and not pull:
        return None
    if not push:
        return Insight(BALANCE, "green", f"{pull} pull sets and no pressing this week.")
    needed = pull_needed(profile)
    figures = f"{pull} pull sets to {push} push ({pull / push:.2f} pull per push)"
    if micro.deload:
        return Insight(BALANCE, "green", f"A deload week: {figures}.")
    why = " with an injured shoulder" if shoulder_injured(profile) else ""
    return Insight(
        BALANCE,
        at_least(pull / push, needed),
        f"{figures}; at least {needed:.2f} needed{why}.",
    )


# --- session time --------------------------------------------------------------------------------

TIME_LOW, TIME_HIGH, TIME_FLOOR = 0.70, 1.05, 0.50


def is_timed(workout: WorkoutInstance) -> bool:
    """A session held to the client's minutes: a run lasts as long as its distance, a rest day
    has none."""
    return workout.session_type not in (SessionType.RUN, SessionType.REST)


def session_minutes(workout: WorkoutInstance) -> float:
    """A realistic length of the session (``core.generation.engine.timing``): work, rest, set-up,
    changeovers, ramp-up sets and the warm-up."""
    from core.generation.engine.timing import session_seconds

    return session_seconds(workout) / 60


def time_band(workout: WorkoutInstance, deload: bool) -> tuple[float, float]:
    """(lowest, highest) share of the client's minutes: 70–105 % for a build week's lifting,
    50–105 % otherwise."""
    low = TIME_LOW if is_lift(workout) and not deload else TIME_FLOOR
    return low, TIME_HIGH


def session_share(workout: WorkoutInstance, minutes: int) -> float:
    return session_minutes(workout) / minutes


def session_time_insight(micro: Microcycle, profile: ClientProfile) -> Insight | None:
    """Each timed session's length against the client's minutes (None with no timed session)."""
    minutes = profile.minutes_per_session
    parts, levels = [], []
    for workout in micro.workouts:
        if not is_timed(workout):
            continue
        share = session_share(workout, minutes)
        low, high = time_band(workout, micro.deload)
        level = _worst([at_least(share, low), at_most(share, high)])
        levels.append(level)
        why = ""
        if share < low:
            why = f", under {low:.0%}"
        elif share > high:
            why = f", over {high:.0%}"
        day = WEEKDAY_NAMES[workout.date.weekday()]
        parts.append(f"{day} {share * minutes:.0f} min ({share:.0%}{why})")
    if not parts:
        return None
    return Insight(
        SESSION_TIME,
        _worst(levels),
        f"Sessions against the client's {minutes} minutes: {', '.join(parts)}.",
    )


# --- 1RMs ----------------------------------------------------------------------------------------

LIFTING_GOALS = frozenset({Goal.STRENGTH, Goal.MUSCLE_GAIN})
"""Goals whose every phase loads each lift the client gave a 1RM for."""


def given_lifts(profile: ClientProfile) -> dict[str, LibraryExercise]:
    """The client's 1RM lifts that the library knows, their equipment allows, no injury rules
    out and the empty bar is not too heavy for (measures.bar_out_of_reach)."""
    equipment = {item.value for item in profile.equipment}
    injuries = {area.value for area in profile.injuries}
    lifts = {}
    for lift in profile.one_rep_maxes:
        entry = find_exercise(lift)
        if entry is None or not set(entry.equipment) <= equipment:
            continue
        if set(entry.loads) & injuries or bar_out_of_reach(profile, entry):
            continue
        lifts[lift] = entry
    return lifts


def loaded_lifts(workouts: Iterable[WorkoutInstance]) -> set[str]:
    """Library names (lower case) of the working exercises written with a kg load."""
    keys = set()
    for workout in workouts:
        for exercise in working_exercises(workout):
            entry = find_exercise(exercise.name)
            if entry is not None and exercise.load_kg is not None:
                keys.add(entry.name.lower())
    return keys


def unknown_one_rm(exercise: Exercise) -> bool:
    """A % of a 1RM with no load: a 1RM the client has not given."""
    return exercise.pct_one_rm is not None and exercise.load_kg is None


def one_rm_insight(micro: Microcycle, profile: ClientProfile) -> Insight | None:
    """Which given 1RMs the week loads from, and any % of a 1RM the client has not given (None
    when neither applies)."""
    lifts = given_lifts(profile)
    unknown = list(
        dict.fromkeys(
            exercise.name
            for workout in micro.workouts
            for exercise in working_exercises(workout)
            if unknown_one_rm(exercise)
        )
    )
    if not lifts and not unknown:
        return None
    loaded = loaded_lifts(micro.workouts)
    used = [lift for lift, entry in lifts.items() if entry.name.lower() in loaded]
    missing = [lift for lift in lifts if lift not in used]
    sentences: list[str] = []
    levels: list[Level] = []
    if lifts:
        sentences.append(
            f"Loaded from the client's 1RMs: {', '.join(used)}."
            if used
            else "No lift is loaded from the client's 1RMs this week."
        )
    lifting = profile.goal in LIFTING_GOALS and any(is_lift(w) for w in micro.workouts)
    if missing and lifting:
        levels.append("amber")
        sentences.append(
            f"Not loaded this week: {', '.join(missing)} (a {profile.goal.value.replace('_', ' ')} "
            "phase loads every lift given a 1RM)."
        )
    if unknown:
        levels.append("red")
        sentences.append(f"Written as a % of a 1RM the client has not given: {', '.join(unknown)}.")
    return Insight(ONE_RMS, _worst(levels), " ".join(sentences))


# --- the week ------------------------------------------------------------------------------------

InsightCheck = Callable[[Microcycle, ClientProfile], "Insight | None"]
INSIGHTS: tuple[InsightCheck, ...] = (
    hard_set_insight,
    balance_insight,
    session_time_insight,
    one_rm_insight,
)


EVENT_WEEK = "Event week"


def week_insights(
    micro: Microcycle, profile: ClientProfile, checks: Sequence[InsightCheck] = INSIGHTS
) -> list[Insight]:
    """Every check of one week (or those of ``checks``), in the report's order; none for the
    transition week (the report leaves it out). The event's week is light on purpose: only its
    1RMs are held."""
    if micro.is_transition:
        return []
    if holds_event(micro, profile):
        event = Insight(
            EVENT_WEEK,
            "green",
            "The week of the event: volume and session length fall on purpose before it.",
        )
        rms = one_rm_insight(micro, profile) if one_rm_insight in checks else None
        return [event] + ([rms] if rms is not None else [])
    return [insight for check in checks if (insight := check(micro, profile)) is not None]


WARNED = (balance_insight, session_time_insight, one_rm_insight)
"""The checks whose red insights the validator warns of; the hard-set floor and band already
have the validator's own rules (core/validation/coaching.py)."""


def _insight_problems(ctx: Context) -> Iterator[Problem]:
    """Each full week's red insights as warnings: they never block saving."""
    for micro in ctx.full_weeks():
        for insight in week_insights(micro, ctx.profile, WARNED):
            if insight.level == "red":  # the event week's own insight is always green
                yield Problem(
                    "warning", f"{week_label(micro)} › {insight.check.lower()}", insight.sentence
                )


INSIGHT_RULES: tuple[Rule, ...] = (_insight_problems,)
