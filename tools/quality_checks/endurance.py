"""Running and events: distance progression, long runs, easy/hard, tapers and peaks."""

from __future__ import annotations

from datetime import timedelta

from core.events import quiet_days
from core.generation.engine.phases import is_taper
from core.schemas import (
    MesocycleDetailed,
    Microcycle,
    ProgramType,
    SessionType,
    WorkoutInstance,
)
from core.validation.week_insights import (
    given_lifts,
    working_exercises,
)
from tools.quality_checks.program import GeneratedProgram, Outcome, outcome

RAMP_LIMIT, RAMP_SLACK_KM = 0.10, 0.5
PEAK_OVER_FIRST = 1.25
LONG_SHARE = (0.25, 0.35)
HARD_SHARE = 0.20
HARD_RPE = 7


def week_runs(micro: Microcycle) -> list[tuple[float, float, bool]]:
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


def peak_target(
    program: GeneratedProgram, totals: list[tuple[MesocycleDetailed, Microcycle, float]]
) -> float:
    """The peak a runner's weeks are held to, as a multiple of week 1: PEAK_OVER_FIRST (over 12–16
    weeks), or what the plan's build weeks before its taper can reach at the 10 % rule when that
    is less (six weeks to a marathon, three of them before a three-week taper, hold two rises of
    10 %: 1.21 ×). The safety rule wins over the target."""
    growth = [
        micro
        for meso, micro, km in totals
        if km and not micro.deload and not program.is_event_week(micro) and not is_taper(meso.phase)
    ]
    return min(PEAK_OVER_FIRST, (1 + RAMP_LIMIT) ** max(0, len(growth) - 1))


def check_endurance(program: GeneratedProgram) -> Outcome:
    """Weekly km up ≤ 10 % a week, a peak ≥ 1.25× week 1 (``peak_target``: less where a short
    plan to a race cannot reach it at 10 % a week), the long run 25–35 % of the week (with 4+
    runs) and the longest run, ≤ 20 % of the km hard."""
    if program.program_type not in (ProgramType.ENDURANCE, ProgramType.HYBRID):
        return outcome("no running goal", [])
    weeks = [(meso, micro, week_runs(micro)) for meso, micro in program.full_weeks()]
    totals = [(meso, micro, sum(km for km, _h, _l in runs)) for meso, micro, runs in weeks]
    build_km = [km for _meso, micro, km in totals if not micro.deload and km]
    if not build_km:
        return outcome("no running (cross-training)", [])
    failures = []
    previous = None
    for meso, micro, km in totals:
        if micro.deload or not km:
            continue
        if previous and km > previous * (1 + RAMP_LIMIT) and km - previous > RAMP_SLACK_KM:
            failures.append(f"{meso.phase} wk {micro.week_number}: {previous:g} → {km:g} km")
        previous = km
    peak = max(build_km)
    target = peak_target(program, totals)
    # a reached-for peak is rounded down to keep each rise within 10 %: the ramp rule's slack
    slack = RAMP_SLACK_KM if target < PEAK_OVER_FIRST else 0.0
    if program.program_type == ProgramType.ENDURANCE and peak < target * build_km[0] - slack:
        failures.append(f"peak {peak:g} km < {target:.2f} × week 1 ({build_km[0]:g} km)")
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
    return outcome(figure, failures)


TAPER_KEEPS = 0.60
"""The event week's running at most 60 % of the heaviest build week (a 40–60 % taper)."""
OPENER_RANGE = (85.0, 95.0)


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
    heaviest build week) and a meet or test day peaked (openers at 85–95 % for every given lift
    that week, or the week before when the event is early in its week). Without one: the program
    ends with a deload week."""
    last = _last_week(program)
    event = program.profile.event
    if last is None:
        return outcome("no weeks", ["the program has no full week"])
    if event is None:
        ends = "ends with a deload" if last.deload else "ends with a build week"
        return outcome(f"no event; {ends}", [] if last.deload else [f"week {last.week_number}"])
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
            sum(km for km, _h, _l in week_runs(micro))
            for _meso, micro in program.full_weeks()
            if not micro.deload and not program.is_event_week(micro)
        ]
        peak = max(build_km, default=0.0)
        week_km = sum(km for km, _h, _l in week_runs(last))
        if peak and week_km > TAPER_KEEPS * peak + 0.1:
            failures.append(f"event week {week_km:.1f} km > 60 % of the peak {peak:.1f} km")
        figure = f"taper to {week_km:.1f} of {peak:.1f} km, last session {gap} d before"
    else:
        # the openers of a meet early in its week come in the week before (its quiet days too)
        window = [micro for _meso, micro in program.full_weeks() if program.is_event_week(micro)]
        singles = [
            exercise
            for micro in window
            for workout in micro.workouts
            for exercise in working_exercises(workout)
            if exercise.reps == 1
            and OPENER_RANGE[0] <= (exercise.pct_one_rm or 0) <= OPENER_RANGE[1]
        ]
        given = given_lifts(program.profile)
        if given and not singles:
            failures.append("no openers (singles at 85–95 %) in the event week")
        elif singles:
            opened = {exercise.name.lower() for exercise in singles}
            failures += [
                f"no opener for {lift}"
                for lift, entry in given.items()
                if entry.name.lower() not in opened
            ]
        figure = f"{len(singles)} openers, last session {gap} d before"
    return outcome(figure, failures)
