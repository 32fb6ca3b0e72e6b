"""What a long build-week session does with the minutes its sets leave: work, not stretching.

A session whose sets are at the week's band and whose rests are as long as their loads call for
may still be short of the client's minutes (a beginner's band of sets in a 2-hour session). It
then ends with a conditioning circuit on the client's own equipment, and where even that leaves
it short, with easy aerobic work: a coach fills spare time with training a client benefits from
(ACSM 2011: 150 minutes a week of moderate aerobic work beside strength training), never with a
longer cool-down.
"""

from __future__ import annotations

import math

from core.generation.engine.sessions import Ctx
from core.generation.engine.timing import blocks_seconds
from core.schemas import Exercise, Goal, WorkoutBlock
from core.validation.week_insights import TIME_LOW

BUILD_FILL, DELOAD_FILL = 0.8, 0.6
"""The share of the client's minutes a build week's (a deload's) session is filled toward."""
COOL_DOWN_MAX_MINUTES = 10.0

FINISHER_GOALS = frozenset(
    {Goal.WEIGHT_LOSS, Goal.GENERAL_FITNESS, Goal.MUSCLE_GAIN, Goal.STRENGTH}
)
FINISHER_MIN_MINUTES, FINISHER_MAX_MINUTES = 5, 20
FINISHER_MAX_SHARE = 0.25
"""A finisher is at most 20 minutes, or a quarter of a longer session (30 of 120 minutes)."""
FINISHER_ON_MIN, FINISHER_OFF_S = 0.75, 15
FINISHER_LABEL = "Conditioning circuit"


def _spare_minutes(ctx: Ctx, blocks: list[WorkoutBlock], deload: bool, longest: int) -> int:
    """Whole minutes of work (at most ``longest``) the session has room for before a full
    cool-down, toward BUILD_FILL of the client's minutes (DELOAD_FILL in a deload); in a build
    week at least FINISHER_MIN_MINUTES where even a full cool-down would leave the session under
    the 70 % it should reach (a rehab day of five sets: five minutes of walking rather than a
    69 % session); 0 when none fits."""
    written = blocks_seconds(blocks)
    fill = DELOAD_FILL if deload else BUILD_FILL
    minutes = min(
        math.floor((fill * ctx.budget_seconds - written) / 60 - COOL_DOWN_MAX_MINUTES), longest
    )
    if minutes >= FINISHER_MIN_MINUTES:
        return minutes
    cooled = written + COOL_DOWN_MAX_MINUTES * 60
    short = not deload and cooled < TIME_LOW * ctx.profile.minutes_per_session * 60
    return FINISHER_MIN_MINUTES if short else 0


def add_finisher(ctx: Ctx, blocks: list[WorkoutBlock], deload: bool, offset: int) -> None:
    """A long build-week session whose sets are at the week's band and whose rests are long still
    short of about 80 % of the client's minutes (after a 10-minute cool-down) ends with a
    conditioning circuit on the client's own equipment (45 s on / 15 s off, 5–20 minutes, up to
    a quarter of a longer session): a
    coach puts spare time into work, not stretching (a deload's, easier, toward 60 %). Not for runners (their conditioning is the
    runs) or rehab."""
    if ctx.profile.goal not in FINISHER_GOALS:
        return
    longest = max(FINISHER_MAX_MINUTES, int(ctx.profile.minutes_per_session * FINISHER_MAX_SHARE))
    minutes = _spare_minutes(ctx, blocks, deload, longest)
    options = list(ctx.conditioning(after_lifting=True))
    if minutes < FINISHER_MIN_MINUTES or not options:
        return
    stations = 2 if minutes >= 2 * FINISHER_MIN_MINUTES and len(options) > 1 else 1
    rounds = max(1, min(minutes // stations, FINISHER_MAX_MINUTES))  # 20 rounds at most
    effort = 5.0 if deload else 7.0
    exercises = [
        Exercise(
            name=options[(offset + index) % len(options)].name,
            sets=rounds,
            duration_minutes=FINISHER_ON_MIN,
            rest_seconds=FINISHER_OFF_S,
            rpe=effort,
            rationale=(
                f"conditioning finisher: {rounds} rounds of 45 s on, 15 s off at RPE {effort:g}, so the "
                "session's spare minutes go to work"
            ),
        )
        for index in range(stations)
    ]
    blocks.append(WorkoutBlock(label=FINISHER_LABEL, exercises=exercises))


AEROBIC_MAX_MINUTES = 20
AEROBIC_MAX_SHARE = 0.3
"""… or up to 30 % of a longer session (32 minutes of 105): a long rehab day with little
strength work a healing area allows reaches the 30 minutes of moderate aerobic work ACSM
recommends on most days (Garber et al. 2011)."""
REHAB_AEROBIC_MAX_SHARE = 0.4
"""… or 40 % of a rehab session (42 minutes of 105): its controlled strength work is short while
an area heals, and ACSM's 30–60 minutes of moderate aerobic work a day still spares the area."""
AEROBIC_RPE = 4.0
STEADY_STATE = ("Rowing Machine Steady State", "Stationary Bike Ride", "Treadmill Incline Walk")
"""Steady aerobic work on the client's machines, first to last; else a brisk walk."""
BRISK_WALK = "Brisk Walk"
LOW_IMPACT_STEADY = ("Shadow Boxing", "Marching in Place")
"""Where no machine and no walk spares the client's injured areas (an ankle with only dumbbells
at hand): steady work on the spot that loads none of them, first to last."""
AEROBIC_LABEL = "Easy aerobic"


def add_easy_aerobic(ctx: Ctx, blocks: list[WorkoutBlock], after_circuit: bool = False) -> None:
    """A build-week session still short of about 80 % of the client's minutes after its finisher
    (and a 10-minute cool-down) ends with 5–20 minutes (up to 30 % of a longer session, 40 % of
    a rehab one) of easy steady aerobic work (RPE 4) on the client's own machine, else a brisk
    walk, else steady work on the spot (shadow boxing, marching), none that loads an injured
    area. A rehab session, which has no finisher (no hard circuits while an area heals), gets
    it straight after its controlled strength work: easy aerobic work that spares the area
    keeps the client's conditioning; so does a circuit day (``after_circuit``) whose few
    stations leave it short. Not for runners (their runs are the aerobic work)."""
    rehab = ctx.profile.goal == Goal.REHAB
    finished = after_circuit or any(block.label == FINISHER_LABEL for block in blocks)
    if not rehab and (ctx.profile.goal not in FINISHER_GOALS or not finished):
        return
    most = REHAB_AEROBIC_MAX_SHARE if rehab else AEROBIC_MAX_SHARE
    longest = max(AEROBIC_MAX_MINUTES, int(ctx.profile.minutes_per_session * most))
    minutes = _spare_minutes(ctx, blocks, False, longest)
    if minutes < FINISHER_MIN_MINUTES:
        return
    names = {
        option.name
        for option in (*ctx.options("run"), *ctx.conditioning(after_lifting=True))
        if (option.timed or option.name in LOW_IMPACT_STEADY)
        and not option.loaded_areas(ctx.injuries)
    }
    # a circuit station already in the session comes last (not twenty minutes more of it)
    done = {exercise.name for block in blocks for exercise in block.exercises}
    ranked = sorted((*STEADY_STATE, BRISK_WALK, *LOW_IMPACT_STEADY), key=lambda n: n in done)
    name = next((option for option in ranked if option in names), None)
    if name is None:
        return  # nothing steady spares the client's injured areas
    exercise = Exercise(
        name=name,
        sets=1,
        duration_minutes=minutes,
        rpe=AEROBIC_RPE,
        rationale=(
            f"easy aerobic work: {minutes} min steady at RPE {AEROBIC_RPE:g} (you can talk in "
            "full sentences), the session's minutes beyond its sets and finisher"
        ),
    )
    blocks.append(WorkoutBlock(label=AEROBIC_LABEL, exercises=[exercise]))
