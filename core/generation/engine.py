"""The offline rule engine: deterministic, explainable periodized programs (no network, no clock).

Sources of the rules (DOMAIN.md §4):
- Epley (1985): 1RM = w·(1 + r/30); reps = reps-to-failure at the %1RM minus the target RIR.
- RPE = 10 − RIR (Zourdos et al. 2016); RIR ramps 3 → 2 → 1 over the build weeks, then a deload
  (volume −40–50 %, intensity −10–20 %).
- Weekly hard sets per muscle in the experience band (Schoenfeld et al. 2017 dose-response; 1.0 per
  set for a prime mover, 0.5 for a synergist), starting near the low end and adding sets.
- Session-RPE load (Foster et al. 2001): planned sRPE = target RPE × planned minutes.
- Running: the 10 % rule for weekly mileage, a long run of 25–35 % of the week, ≈ 80 % easy
  (Seiler & Kjerland 2006).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from core.dates import (
    WEEKDAY_NAMES,
    DateRange,
    day_in_week,
    mesocycle_date_range,
    microcycle_date_ranges,
)
from core.generation.base import OFFLINE
from core.generation.library import LibraryExercise, candidates
from core.schemas import (
    ClientProfile,
    Exercise,
    Experience,
    FitnessProgram,
    Goal,
    KeyValuePair,
    Macrocycle,
    MesocycleDetailed,
    MesocyclePlan,
    Microcycle,
    ProgramType,
    SessionType,
    WeeklyTarget,
    WorkoutBlock,
    WorkoutInstance,
)
from core.validation import (
    HARD_SET_BANDS,
    epley_reps_to_failure,
    exercise_seconds,
    is_rest_label,
)

MIN_WEEKS, MAX_WEEKS = 3, 52
MIN_BLOCK, MAX_BLOCK = 3, 6
PLATE_KG = 2.5
DELOAD_VOLUME = 0.55
"""Deload keeps 55 % of the sets: volume −45 % (DOMAIN.md §4: −40–50 %)."""
DELOAD_INTENSITY = 0.85
"""Deload load is 85 % of the last build week's: intensity −15 % (DOMAIN.md §4: −10–20 %)."""
MILEAGE_STEP = 1.08
"""+8 % a week: inside the 10 % rule even after rounding."""
DELOAD_MILEAGE = 0.6
DELOAD_MAX_RIR = 5
"""A deload keeps the last build week's reps at the lighter load; the reserve shown is capped at 5
(Epley would say more, and "at least 5 in reserve" is what a coach means)."""

PROGRAM_TYPE_BY_GOAL: dict[Goal, ProgramType] = {
    Goal.STRENGTH: ProgramType.STRENGTH,
    # Muscle gain is programmed as a strength-type block led by hypertrophy phases: it keeps the
    # %1RM and main-lift set targets a coach tracks, with higher volume and moderate loads.
    Goal.MUSCLE_GAIN: ProgramType.STRENGTH,
    Goal.WEIGHT_LOSS: ProgramType.SHRED,
    Goal.ENDURANCE: ProgramType.ENDURANCE,
    Goal.GENERAL_FITNESS: ProgramType.HYBRID,
    Goal.REHAB: ProgramType.REHAB,
}

TRAINING_DAYS: dict[ProgramType, tuple[int, int]] = {
    # The origin's later prompt; beginners take the low end, never more than the client's days.
    ProgramType.STRENGTH: (4, 5),
    ProgramType.ENDURANCE: (5, 6),
    ProgramType.HYBRID: (4, 5),
    ProgramType.SHRED: (5, 6),
    ProgramType.REHAB: (3, 4),
    ProgramType.OTHER: (4, 5),
}

PHASES: dict[ProgramType, tuple[str, ...]] = {
    ProgramType.STRENGTH: ("Hypertrophy", "Strength", "Peak"),
    ProgramType.ENDURANCE: ("Base", "Build", "Peak", "Taper"),
    ProgramType.REHAB: ("Restore", "Rebuild", "Return"),
    ProgramType.SHRED: ("Foundation", "Metabolic", "Definition"),
    ProgramType.HYBRID: ("Foundation", "Build", "Performance"),
    ProgramType.OTHER: ("Foundation", "Build", "Performance"),
}
MUSCLE_GAIN_PHASES = ("Hypertrophy", "Hypertrophy", "Strength")
SINGLE_PHASE: dict[ProgramType, str] = {
    ProgramType.STRENGTH: "Strength",
    ProgramType.ENDURANCE: "Base",
    ProgramType.REHAB: "Restore",
    ProgramType.SHRED: "Metabolic",
    ProgramType.HYBRID: "Foundation",
    ProgramType.OTHER: "Foundation",
}


@dataclass(frozen=True)
class PhaseStyle:
    """How a phase label doses its weeks."""

    intensity: tuple[float, float] | None
    """Main-lift %1RM of the first and the last build week (None: RIR only)."""
    accessory_reps: tuple[int, int]
    rir_offset: int
    """Added to the 3 → 2 → 1 RIR ramp (rehab and base phases stay further from failure)."""
    main_rest: int
    quality_run: str


PHASE_STYLES: dict[str, PhaseStyle] = {
    "hypertrophy": PhaseStyle((67.5, 75.0), (8, 12), 0, 150, "Tempo Run"),
    "strength": PhaseStyle((75.0, 85.0), (6, 10), 0, 180, "Tempo Run"),
    "peak": PhaseStyle((82.5, 90.0), (5, 8), 0, 210, "Interval Run"),
    "base": PhaseStyle((65.0, 72.5), (10, 15), 1, 120, "Tempo Run"),
    "build": PhaseStyle((70.0, 77.5), (8, 12), 0, 150, "Interval Run"),
    "taper": PhaseStyle((70.0, 75.0), (6, 10), 1, 150, "Tempo Run"),
    "restore": PhaseStyle(None, (12, 15), 1, 90, "Tempo Run"),
    "rebuild": PhaseStyle(None, (10, 15), 1, 90, "Tempo Run"),
    "return": PhaseStyle(None, (8, 12), 0, 120, "Tempo Run"),
    "foundation": PhaseStyle((65.0, 72.5), (10, 15), 1, 120, "Tempo Run"),
    "metabolic": PhaseStyle((67.5, 75.0), (10, 15), 0, 90, "Interval Run"),
    "definition": PhaseStyle((70.0, 77.5), (8, 12), 0, 120, "Interval Run"),
    "performance": PhaseStyle((72.5, 82.5), (6, 10), 0, 150, "Interval Run"),
}
DEFAULT_STYLE = PhaseStyle((70.0, 80.0), (8, 12), 0, 150, "Tempo Run")

SPLITS: dict[str, dict[int, str]] = {
    # Mon..Sun; no heavy main lift for the same muscle on consecutive days.
    "strength": {
        1: "Full-Rest-Rest-Rest-Rest-Rest-Rest",
        2: "Full-Rest-Rest-Full-Rest-Rest-Rest",
        3: "Full-Rest-Full-Rest-Full-Rest-Rest",
        4: "Upper-Lower-Rest-Upper-Lower-Rest-Rest",
        5: "Upper-Lower-Rest-Push-Pull-Legs-Rest",
        6: "Push-Pull-Legs-Push-Pull-Legs-Rest",
    },
    "shred": {
        1: "Full-Rest-Rest-Rest-Rest-Rest-Rest",
        2: "Full-Rest-Rest-Full-Rest-Rest-Rest",
        3: "Full-Rest-Metcon-Rest-Full-Rest-Rest",
        4: "Upper-Lower-Rest-Metcon-Full-Rest-Rest",
        5: "Upper-Lower-Metcon-Upper-Lower-Rest-Rest",
        6: "Upper-Lower-Metcon-Upper-Lower-Metcon-Rest",
    },
    "hybrid": {
        1: "Full-Rest-Rest-Rest-Rest-Rest-Rest",
        2: "Full-Rest-Rest-Run-Rest-Rest-Rest",
        3: "Full-Rest-Run-Rest-Full-Rest-Rest",
        4: "Full-Run-Rest-Full-Rest-Long Run-Rest",
        5: "Upper-Lower-Run-Rest-Full-Long Run-Rest",
        6: "Upper-Lower-Run-Upper-Lower-Long Run-Rest",
    },
    "endurance": {
        1: "Rest-Rest-Rest-Rest-Rest-Rest-Long Run",
        2: "Rest-Rest-Easy Run-Rest-Rest-Rest-Long Run",
        3: "Rest-Easy Run-Rest-{quality}-Rest-Rest-Long Run",
        4: "Rest-Easy Run-Rest-{quality}-Easy Run-Rest-Long Run",
        5: "Strength-Easy Run-Rest-{quality}-Easy Run-Rest-Long Run",
        6: "Strength-Easy Run-{quality}-Easy Run-Rest-Easy Run-Long Run",
    },
    "rehab": {
        1: "Rehab-Rest-Rest-Rest-Rest-Rest-Rest",
        2: "Rehab-Rest-Rest-Rehab-Rest-Rest-Rest",
        3: "Rehab-Rest-Rehab-Rest-Rehab-Rest-Rest",
        4: "Rehab-Mobility-Rest-Rehab-Rest-Rehab-Rest",
        5: "Rehab-Mobility-Rehab-Rest-Rehab-Mobility-Rest",
        6: "Rehab-Mobility-Rehab-Mobility-Rehab-Mobility-Rest",
    },
}
SPLIT_FAMILY: dict[ProgramType, str] = {
    ProgramType.STRENGTH: "strength",
    ProgramType.SHRED: "shred",
    ProgramType.HYBRID: "hybrid",
    ProgramType.OTHER: "hybrid",
    ProgramType.ENDURANCE: "endurance",
    ProgramType.REHAB: "rehab",
}

Slot = tuple[str, str]
"""(movement pattern, role); roles: main, secondary, accessory, core, rehab."""

SESSION_SLOTS: dict[str, tuple[tuple[Slot, ...], ...]] = {
    # One tuple per variant (A, B, …) of a label inside a week; main slots first.
    "upper": (
        (
            ("horizontal_push", "main"),
            ("horizontal_pull", "secondary"),
            ("vertical_pull", "secondary"),
            ("horizontal_push", "accessory"),
            ("vertical_push", "accessory"),
            ("elbow_flexion", "accessory"),
            ("elbow_extension", "accessory"),
        ),
        (
            ("vertical_push", "main"),
            ("vertical_pull", "secondary"),
            ("horizontal_pull", "secondary"),
            ("horizontal_push", "accessory"),
            ("vertical_push", "accessory"),
            ("elbow_extension", "accessory"),
            ("elbow_flexion", "accessory"),
        ),
    ),
    "lower": (
        (
            ("squat", "main"),
            ("hinge", "secondary"),
            ("lunge", "accessory"),
            ("hinge", "accessory"),
            ("calf", "accessory"),
            ("core", "core"),
        ),
        (
            ("hinge", "main"),
            ("squat", "secondary"),
            ("lunge", "accessory"),
            ("hinge", "accessory"),
            ("squat", "accessory"),
            ("calf", "accessory"),
            ("core", "core"),
        ),
    ),
    "push": (
        (
            ("horizontal_push", "main"),
            ("vertical_push", "secondary"),
            ("horizontal_push", "accessory"),
            ("vertical_push", "accessory"),
            ("elbow_extension", "accessory"),
            ("core", "core"),
        ),
    ),
    "pull": (
        (
            ("horizontal_pull", "main"),
            ("vertical_pull", "secondary"),
            ("horizontal_pull", "accessory"),
            ("hinge", "accessory"),
            ("elbow_flexion", "accessory"),
            ("carry", "core"),
        ),
    ),
    "legs": (
        (
            ("squat", "main"),
            ("hinge", "secondary"),
            ("lunge", "accessory"),
            ("hinge", "accessory"),
            ("calf", "accessory"),
            ("core", "core"),
        ),
    ),
    "full": (
        (
            ("squat", "main"),
            ("horizontal_push", "main"),
            ("horizontal_pull", "secondary"),
            ("hinge", "accessory"),
            ("vertical_pull", "accessory"),
            ("elbow_flexion", "accessory"),
            ("elbow_extension", "accessory"),
            ("calf", "accessory"),
            ("core", "core"),
        ),
        (
            ("hinge", "main"),
            ("vertical_push", "main"),
            ("vertical_pull", "secondary"),
            ("lunge", "accessory"),
            ("horizontal_push", "accessory"),
            ("elbow_extension", "accessory"),
            ("elbow_flexion", "accessory"),
            ("calf", "accessory"),
            ("carry", "core"),
        ),
    ),
    "strength": (
        (
            ("squat", "secondary"),
            ("hinge", "secondary"),
            ("horizontal_push", "secondary"),
            ("horizontal_pull", "secondary"),
            ("lunge", "accessory"),
            ("vertical_pull", "accessory"),
            ("calf", "accessory"),
            ("core", "core"),
        ),
    ),
    "rehab": (
        (
            ("hinge", "rehab"),
            ("squat", "rehab"),
            ("horizontal_pull", "rehab"),
            ("horizontal_push", "rehab"),
            ("vertical_pull", "rehab"),
            ("lunge", "rehab"),
            ("calf", "rehab"),
            ("core", "core"),
            ("carry", "core"),
        ),
    ),
}
MAX_SETS = {"main": 6, "secondary": 5, "accessory": 5, "core": 3, "rehab": 3}
ACCESSORY_MAX_SETS = {Experience.BEGINNER: 4, Experience.INTERMEDIATE: 5, Experience.ADVANCED: 6}
REST_SECONDS = {"secondary": 120, "accessory": 75, "core": 45, "rehab": 60}
VOLUME_FACTOR: dict[ProgramType, float] = {
    # Share of the band's weekly sets the lifting aims for: full for lifting goals, support for
    # endurance, conservative for rehab.
    ProgramType.STRENGTH: 1.0,
    ProgramType.SHRED: 1.0,
    ProgramType.HYBRID: 1.0,
    ProgramType.OTHER: 1.0,
    ProgramType.ENDURANCE: 0.5,
    ProgramType.REHAB: 0.6,
}
MAIN_SETS: dict[Experience, tuple[int, int]] = {
    # Sets per main-lift slot: first build week, from the second build week on.
    Experience.BEGINNER: (3, 3),
    Experience.INTERMEDIATE: (3, 4),
    Experience.ADVANCED: (4, 5),
}
PACE_MIN_PER_KM: dict[Experience, float] = {
    Experience.BEGINNER: 7.0,
    Experience.INTERMEDIATE: 6.0,
    Experience.ADVANCED: 5.25,
}
KM_PER_RUN: dict[ProgramType, dict[Experience, float]] = {
    # Starting weekly mileage per run session of the split.
    ProgramType.ENDURANCE: {
        Experience.BEGINNER: 4.0,
        Experience.INTERMEDIATE: 7.0,
        Experience.ADVANCED: 10.0,
    },
    ProgramType.HYBRID: {
        Experience.BEGINNER: 3.0,
        Experience.INTERMEDIATE: 5.0,
        Experience.ADVANCED: 7.0,
    },
}
METCON_WORK_MIN, METCON_REST_S = 0.75, 15
TRANSITION_MINUTES = 20
MOBILITY_DOSE_MIN = 2.5


# --- small helpers --------------------------------------------------------------------------------


def program_type_for(goal: Goal) -> ProgramType:
    return PROGRAM_TYPE_BY_GOAL[goal]


def phase_style(phase: str) -> PhaseStyle:
    """The style of a phase label; unknown labels (an LLM's) match by keyword, else a default."""
    lowered = phase.lower()
    for key, style in PHASE_STYLES.items():
        if key in lowered:
            return style
    return DEFAULT_STYLE


def round_to_plate(kg: float) -> float:
    """Round a load to the 2.5 kg plate increment (DOMAIN.md §4)."""
    return round(kg / PLATE_KG) * PLATE_KG


def _round_half_up(value: float) -> int:
    return math.floor(value + 0.5)


def _round_pct(value: float) -> float:
    return _round_half_up(value / 2.5) * 2.5


def _floor_km(km: float) -> float:
    return math.floor(km * 10 + 1e-6) / 10


def block_lengths(weeks: int) -> list[int]:
    """Mesocycle lengths of 3–6 weeks adding up to ``weeks`` (4-week blocks preferred)."""
    if weeks < MIN_WEEKS:
        raise ValueError(
            f"a program needs at least {MIN_WEEKS} weeks (build weeks then a deload); got {weeks}"
        )
    if weeks > MAX_WEEKS:
        raise ValueError(f"a program covers at most {MAX_WEEKS} weeks; got {weeks}")
    count = max(math.ceil(weeks / MAX_BLOCK), min(weeks // MIN_BLOCK, _round_half_up(weeks / 4)))
    base, extra = divmod(weeks, count)
    return [base + (1 if index < extra else 0) for index in range(count)]


def phase_labels(goal: Goal, program_type: ProgramType, count: int) -> list[str]:
    """Phase labels for ``count`` blocks; the sequence's last label closes the macrocycle."""
    sequence = MUSCLE_GAIN_PHASES if goal == Goal.MUSCLE_GAIN else PHASES[program_type]
    if count == 1:
        return [sequence[0] if goal == Goal.MUSCLE_GAIN else SINGLE_PHASE[program_type]]
    if count < len(sequence):
        return list(sequence[:count])
    body = sequence[:-1]
    labels = [body[index * len(body) // (count - 1)] for index in range(count - 1)]
    return [*labels, sequence[-1]]


def training_days(program_type: ProgramType, profile: ClientProfile) -> int:
    low, high = TRAINING_DAYS[program_type]
    wanted = low if profile.experience == Experience.BEGINNER else high
    return max(1, min(wanted, profile.days_per_week))


def split_for(program_type: ProgramType, days: int, phase: str) -> str:
    templates = SPLITS[SPLIT_FAMILY[program_type]]
    template = templates[min(days, max(templates))]
    quality = "Intervals" if phase_style(phase).quality_run == "Interval Run" else "Tempo Run"
    return template.format(quality=quality)


def session_kind(label: str) -> tuple[str, str]:
    """(kind, variant) of a split label: ("lift", "upper"), ("run", "long"), ("rest", "")…"""
    lowered = label.strip().lower()
    if is_rest_label(label) or lowered.startswith("rest"):
        return "rest", ""
    if re.search(r"run|tempo|interval|jog|hill|fartlek|threshold", lowered):
        if "long" in lowered:
            return "run", "long"
        if re.search(r"tempo|interval|hill|fartlek|threshold|quality|speed", lowered):
            return "run", "quality"
        return "run", "easy"
    if re.search(r"metcon|hiit|conditioning|circuit|cardio", lowered):
        return "metcon", ""
    if re.search(r"mobility|yoga|stretch|recovery", lowered):
        return "mobility", ""
    for variant in ("upper", "lower", "push", "pull", "legs", "rehab", "strength", "full"):
        if variant in lowered:
            return "lift", variant
    if re.search(r"squat|deadlift|hinge|leg", lowered):
        return "lift", "lower"
    if re.search(r"bench|press|chest|arm", lowered):
        return "lift", "upper"
    return "lift", "full"


def main_slot_count(split: str) -> int:
    """Main-lift slots a split's week holds (the outline's and the breakdown's shared count)."""
    count, seen = 0, {}
    for label in split.split("-"):
        kind, variant = session_kind(label)
        if kind != "lift":
            continue
        variants = SESSION_SLOTS[variant]
        index = seen.get(variant, 0)
        seen[variant] = index + 1
        count += sum(role == "main" for _, role in variants[index % len(variants)])
    return count


def _run_labels(split: str) -> list[str]:
    return [label for label in split.split("-") if session_kind(label)[0] == "run"]


def _long_share(runs: int) -> float:
    """Long run as a share of the week: 30 % with 4+ runs (25–35 % rule), more with fewer runs."""
    return {0: 0.0, 1: 1.0, 2: 0.5, 3: 0.35}.get(runs, 0.30)


def _km_cap(profile: ClientProfile) -> float:
    """Longest run that fits a session, with 10 % spare for interval recoveries."""
    return 0.9 * profile.minutes_per_session / PACE_MIN_PER_KM[profile.experience]


def _max_weekly_km(profile: ClientProfile, runs: int) -> float:
    cap, share = _km_cap(profile), _long_share(runs)
    if runs <= 1:
        return cap
    return min(cap / share, cap * (runs - 1) / (1 - share))


# --- outline --------------------------------------------------------------------------------------


@dataclass
class _MileageState:
    level: float
    ceiling: float


def _mileage_targets(phase: str, builds: int, state: _MileageState) -> tuple[list[float], float]:
    """Weekly km of the build weeks (+8 %/week, the 10 % rule) and of the deload."""
    weeks: list[float] = []
    level = state.level
    taper = "taper" in phase.lower()
    for index in range(builds):
        if taper:
            level = _floor_km(state.level * 0.85 ** (index + 1))
        elif index > 0:
            level = _floor_km(min(state.ceiling, level * MILEAGE_STEP))
        weeks.append(level)
    if not taper:
        state.level = weeks[-1]
    return weeks, _floor_km(weeks[-1] * DELOAD_MILEAGE)


def _intensity_targets(style: PhaseStyle, builds: int) -> list[float]:
    assert style.intensity is not None
    first, last = style.intensity
    if builds == 1:
        return [last]
    return [_round_pct(first + (last - first) * index / (builds - 1)) for index in range(builds)]


def _main_sets(experience: Experience, build_index: int) -> int:
    first, later = MAIN_SETS[experience]
    return first if build_index == 0 else later


def _weekly_targets(
    profile: ClientProfile,
    program_type: ProgramType,
    phase: str,
    weeks: int,
    mileage: _MileageState | None,
) -> list[WeeklyTarget]:
    split = split_for(program_type, training_days(program_type, profile), phase)
    builds = weeks - 1
    style = phase_style(phase)
    lifts_by_percent = program_type not in (ProgramType.ENDURANCE, ProgramType.REHAB)
    slots = main_slot_count(split)
    intensity = _intensity_targets(style, builds) if lifts_by_percent and style.intensity else None
    km, deload_km = _mileage_targets(phase, builds, mileage) if mileage else ([], 0.0)
    share = _long_share(len(_run_labels(split)))
    targets = []
    for offset in range(weeks):
        deload = offset == weeks - 1
        index = min(offset, builds - 1)
        pct = sets = total_km = long_km = None
        if intensity and slots:
            last_sets = _main_sets(profile.experience, builds - 1)
            pct = _round_pct(intensity[-1] * DELOAD_INTENSITY) if deload else intensity[index]
            per_slot = (
                max(1, _round_half_up(last_sets * 0.5))
                if deload
                else _main_sets(profile.experience, index)
            )
            sets = per_slot * slots
        if mileage:
            total_km = deload_km if deload else km[index]
            long_km = round(total_km * share, 1)
        targets.append(
            WeeklyTarget(
                week_offset=offset,
                split=split,
                total_mileage=total_km,
                long_run_mileage=long_km,
                avg_intensity_pct_1rm=pct,
                total_sets_main_lifts=sets,
                deload=deload,
            )
        )
    return targets


def _mileage_state(profile: ClientProfile, program_type: ProgramType) -> _MileageState | None:
    if program_type not in KM_PER_RUN:
        return None
    split = split_for(program_type, training_days(program_type, profile), "Base")
    runs = len(_run_labels(split))
    if runs == 0:
        return None
    ceiling = _floor_km(_max_weekly_km(profile, runs))
    start = _floor_km(min(KM_PER_RUN[program_type][profile.experience] * runs, ceiling))
    return _MileageState(level=max(start, 0.5), ceiling=max(ceiling, 0.5))


def _overview(
    profile: ClientProfile,
    program_type: ProgramType,
    weeks: int,
    start_date: date,
    plans: list[MesocyclePlan],
) -> str:
    phases = " → ".join(f"{plan.phase} ({plan.weeks} wk)" for plan in plans)
    days = training_days(program_type, profile)
    injuries = ", ".join(area.value.replace("_", " ") for area in profile.injuries)
    equipment = ", ".join(item.value.replace("_", " ") for item in profile.equipment) or "none"
    lines = [
        f"{weeks}-week {program_type.value} program for {profile.name} "
        f"({profile.goal.value.replace('_', ' ')}, {profile.experience.value}), starting "
        f"{start_date:%a %d %b %Y}.",
        f"Phases: {phases}. Each block builds for all but its last week, which is a deload "
        "(about −45 % volume, −15 % intensity).",
        f"{days} training days a week of up to {profile.minutes_per_session} min; "
        f"equipment: {equipment}.",
    ]
    if injuries:
        lines.append(f"No exercise loads the injured areas ({injuries}).")
    if start_date.weekday() != 0:
        lines.append("The first days until Sunday are a light transition week (week 0).")
    return " ".join(lines)


# --- breakdown: context and skeleton --------------------------------------------------------------


@dataclass(frozen=True)
class _Ctx:
    profile: ClientProfile
    program_type: ProgramType
    plan: MesocyclePlan
    style: PhaseStyle
    equipment: frozenset[str]
    injuries: frozenset[str]
    variation: int
    budget_seconds: int
    builds: int

    def options(self, pattern: str) -> tuple[LibraryExercise, ...]:
        return candidates(pattern, self.equipment, self.injuries)


@dataclass
class _Item:
    exercise: LibraryExercise
    role: str
    session: int
    contributions: tuple[tuple[str, float], ...]
    primary: tuple[str, ...]


@dataclass
class _Session:
    weekday: int
    label: str
    kind: str
    variant: str
    warmup: tuple[LibraryExercise, ...] = ()
    items: list[int] = field(default_factory=list)
    conditioning: tuple[LibraryExercise, ...] = ()


@dataclass
class _Skeleton:
    sessions: list[_Session]
    items: list[_Item]
    main_slots: int


def _variation(plan: MesocyclePlan) -> int:
    """Accessories differ between mesocycles: "meso-2" → 1 (a stable checksum for other ids)."""
    match = re.search(r"(\d+)\s*$", plan.id or "")
    if match:
        return int(match.group(1)) - 1
    return sum(ord(char) for char in f"{plan.id}{plan.phase}")


def _pick(
    options: tuple[LibraryExercise, ...], role: str, offset: int, used: set[str]
) -> LibraryExercise | None:
    """Main slots take the first option (a main lift when one is available); others rotate over
    the top non-main options, skipping exercises already in the week."""
    if not options:
        return None
    if role == "main":
        return options[0]
    # Accessories prefer isolation work (one prime mover) so lagging muscles can be filled
    # without pushing the big movers past the band.
    isolation = role in ("accessory", "core")
    pool = sorted(
        (option for option in options if not option.main_lift),
        key=lambda option: (option.timed, len(option.primary) if isolation else 0, option.order),
    ) or list(options)
    width = min(len(pool), 2 if role == "secondary" else 4)
    for step in range(len(pool)):
        choice = pool[(offset + step) % width] if step < width else pool[step]
        if choice.name not in used:
            return choice
    return None


def _warmup(ctx: _Ctx, offset: int, minutes: int) -> tuple[LibraryExercise, ...]:
    count = 2 if minutes >= 45 else 1 if minutes >= 25 else 0
    options = [option for option in ctx.options("mobility") if not option.loads]
    options += [option for option in ctx.options("mobility") if option.loads]
    if not options:
        return ()
    return tuple(options[(offset + index) % len(options)] for index in range(count))


def _contributions(exercise: LibraryExercise) -> tuple[tuple[str, float], ...]:
    return tuple((muscle, 1.0) for muscle in exercise.primary) + tuple(
        (muscle, 0.5) for muscle in exercise.secondary
    )


def _lift_items(
    ctx: _Ctx, session: _Session, index: int, occurrence: int, items: list[_Item], used: set[str]
) -> None:
    variants = SESSION_SLOTS[session.variant]
    slots = variants[occurrence % len(variants)]
    in_session: set[str] = set()
    for position, (pattern, role) in enumerate(slots):
        offset = ctx.variation + occurrence + (position if role != "secondary" else 0)
        choice = _pick(ctx.options(pattern), role, offset, used | in_session)
        if choice is None and role == "main":
            continue
        if choice is None:
            choice = _pick(ctx.options(pattern), role, offset, in_session)
        if choice is None or choice.name in in_session:
            continue
        if role == "main" and choice.timed:
            role = "accessory"
        in_session.add(choice.name)
        used.add(choice.name)
        session.items.append(len(items))
        items.append(_Item(choice, role, index, _contributions(choice), choice.primary))


def _skeleton(ctx: _Ctx, split: str) -> _Skeleton:
    sessions: list[_Session] = []
    items: list[_Item] = []
    used: set[str] = set()
    occurrences: dict[str, int] = {}
    minutes = ctx.profile.minutes_per_session
    for weekday, label in enumerate(split.split("-")[:7]):
        kind, variant = session_kind(label)
        if kind == "rest":
            continue
        session = _Session(weekday, label.strip(), kind, variant)
        occurrence = occurrences.get(f"{kind}:{variant}", 0)
        occurrences[f"{kind}:{variant}"] = occurrence + 1
        if kind in ("lift", "metcon"):
            session.warmup = _warmup(ctx, ctx.variation + weekday, minutes)
        if kind == "lift":
            _lift_items(ctx, session, len(sessions), occurrence, items, used)
        elif kind == "metcon":
            session.conditioning = _conditioning_choice(ctx, occurrence)
        sessions.append(session)
    return _Skeleton(sessions, items, main_slot_count(split))


def _conditioning_choice(ctx: _Ctx, occurrence: int) -> tuple[LibraryExercise, ...]:
    options = ctx.options("conditioning")
    if not options:
        return ()
    count = min(4, len(options))
    start = (ctx.variation + occurrence) % len(options)
    return tuple(options[(start + index) % len(options)] for index in range(count))


# --- breakdown: doses -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Dose:
    week: int
    build_index: int
    deload: bool
    rir: int
    main_pct: float | None
    main_sets: int
    muscle_target: float
    target: WeeklyTarget


def _rir(ctx: _Ctx, build_index: int, deload: bool) -> int:
    """RIR ramp 3 → 2 → 1 over the build weeks (plus the phase's offset); deloads sit at 4+."""
    if deload:
        return min(5, 4 + ctx.style.rir_offset)
    return min(5, max(1, 3 - build_index) + ctx.style.rir_offset)


def _muscle_target(ctx: _Ctx, build_index: int) -> float:
    """Weekly hard sets a muscle aims for: the band's low end in week 1, +60 % of the band's width
    by the last build week."""
    low, high = HARD_SET_BANDS[ctx.profile.experience]
    progress = build_index / (ctx.builds - 1) if ctx.builds > 1 else 0.0
    return (low + (high - low) * 0.6 * progress) * VOLUME_FACTOR[ctx.program_type]


def _dose(ctx: _Ctx, target: WeeklyTarget, build_index: int, main_slots: int) -> _Dose:
    deload = target.deload
    pct = target.avg_intensity_pct_1rm
    if (
        pct is None
        and ctx.style.intensity
        and ctx.program_type
        not in (
            ProgramType.ENDURANCE,
            ProgramType.REHAB,
        )
    ):
        first, last = ctx.style.intensity
        progress = build_index / (ctx.builds - 1) if ctx.builds > 1 else 1.0
        pct = _round_pct(first + (last - first) * progress)
        pct = _round_pct(pct * DELOAD_INTENSITY) if deload else pct
    total = target.total_sets_main_lifts
    if total is None or main_slots == 0:
        per_slot = _main_sets(ctx.profile.experience, build_index)
        per_slot = max(1, _round_half_up(per_slot * 0.5)) if deload else per_slot
    else:
        per_slot = max(1, min(MAX_SETS["main"], _round_half_up(total / main_slots)))
    return _Dose(
        week=target.week_offset + 1,
        build_index=build_index,
        deload=deload,
        rir=_rir(ctx, build_index, deload),
        main_pct=pct,
        main_sets=per_slot,
        muscle_target=_muscle_target(ctx, build_index),
        target=target,
    )


def _main_reps(ctx: _Ctx, dose: _Dose, reference: _Dose | None) -> tuple[int, float]:
    """(reps, RIR) of a main lift: Epley reps-to-failure at the %1RM minus the target RIR; a deload
    keeps the last build week's reps at the lighter load."""
    if dose.main_pct is None:
        return max(3, ctx.style.accessory_reps[0] - 2), dose.rir
    failure = math.floor(epley_reps_to_failure(dose.main_pct) + 1e-9)
    if dose.deload and reference is not None and reference.main_pct is not None:
        reps = max(1, min(_main_reps(ctx, reference, None)[0], failure))
        return reps, max(0, min(DELOAD_MAX_RIR, failure - reps))
    reps = max(1, failure - dose.rir)
    return reps, max(0, min(dose.rir, failure - reps))


def _rep_range(ctx: _Ctx, role: str) -> tuple[int, int]:
    low, high = ctx.style.accessory_reps
    if role == "secondary":
        return low, min(high, low + 2)
    if role == "core":
        return 10, 15
    if role == "rehab":
        return max(low, 10), max(high, 12)
    return low, high


def _timed_minutes(item: _Item) -> float:
    return 0.75 if item.exercise.pattern == "carry" else 0.5


def _rest(ctx: _Ctx, role: str) -> int:
    return ctx.style.main_rest if role == "main" else REST_SECONDS[role]


def _set_seconds(ctx: _Ctx, item: _Item, main_reps: int) -> float:
    rest = _rest(ctx, item.role)
    if item.exercise.timed:
        return _timed_minutes(item) * 60 + rest
    if item.role == "main":
        return main_reps * 4 + rest
    low, high = _rep_range(ctx, item.role)
    return (low + high) / 2 * 4 + rest


# --- breakdown: set allocation --------------------------------------------------------------------


def _fit_main_sets(
    skeleton: _Skeleton, sets: list[int], seconds: list[float], budgets: list[float]
) -> None:
    """Cut main-lift sets (largest first) until every session fits its minutes."""
    for session_index, session in enumerate(skeleton.sessions):
        mains = [index for index in session.items if skeleton.items[index].role == "main"]
        used = sum(sets[index] * seconds[index] for index in mains)
        while used > budgets[session_index] and any(sets[index] > 0 for index in mains):
            index = max(mains, key=lambda i: (sets[i], -i))
            floor = 1 if sum(sets[i] > 0 for i in mains) == 1 else 0
            if sets[index] <= floor:
                break
            sets[index] -= 1
            used -= seconds[index]


def _muscle_totals(skeleton: _Skeleton, sets: list[int]) -> dict[str, float]:
    totals: dict[str, float] = {}
    for index, item in enumerate(skeleton.items):
        for muscle, weight in item.contributions:
            totals[muscle] = totals.get(muscle, 0.0) + weight * sets[index]
    return totals


def _allocate(
    skeleton: _Skeleton,
    start: list[int],
    seconds: list[float],
    budgets: list[float],
    target: float,
    cap: float,
    ceilings: list[int],
) -> list[int]:
    """Greedy and deterministic: add one set at a time to the exercise whose prime movers are
    furthest below the weekly target, never pushing a muscle above the band's top or a session
    past its minutes; ties go to the exercise with fewer sets (spreads volume over the week).
    Compound (secondary) slots get their first two sets before isolation work."""
    items = skeleton.items
    sets = list(start)
    totals = _muscle_totals(skeleton, sets)
    used = [0.0] * len(skeleton.sessions)
    for index, item in enumerate(items):
        used[item.session] += sets[index] * seconds[index]
    compounds = [index for index, item in enumerate(items) if item.role == "secondary"]
    others = [index for index, item in enumerate(items) if item.role != "main"]
    for pool, limit in ((compounds, 2), (others, None)):
        while True:
            best, best_key = -1, None
            for index in pool:
                item = items[index]
                ceiling = ceilings[index] if limit is None else limit
                if sets[index] >= ceiling:
                    continue
                if used[item.session] + seconds[index] > budgets[item.session]:
                    continue
                if not any(totals.get(muscle, 0.0) < target - 1e-9 for muscle in item.primary):
                    continue
                gain = 0.0
                for muscle, weight in item.contributions:
                    value = totals.get(muscle, 0.0)
                    if value + weight > cap + 1e-9:
                        gain = -1.0
                        break
                    if value < target - 1e-9:
                        gain += weight
                if gain <= 0:
                    continue
                key = (gain, -sets[index], -index)
                if best_key is None or key > best_key:
                    best, best_key = index, key
            if best < 0:
                break
            sets[best] += 1
            used[items[best].session] += seconds[best]
            for muscle, weight in items[best].contributions:
                totals[muscle] = totals.get(muscle, 0.0) + weight
    return sets


def _trim_to_cap(skeleton: _Skeleton, sets: list[int], cap: float) -> None:
    """Take accessory sets off (last slots first) while a muscle is above the band's top."""
    others = [index for index, item in enumerate(skeleton.items) if item.role != "main"]
    totals = _muscle_totals(skeleton, sets)
    for index in reversed(others):
        item = skeleton.items[index]
        while sets[index] > 0 and any(
            totals.get(muscle, 0.0) > cap + 1e-9 for muscle, _ in item.contributions
        ):
            sets[index] -= 1
            for muscle, weight in item.contributions:
                totals[muscle] -= weight


def _trim_to_budget(
    skeleton: _Skeleton, sets: list[int], seconds: list[float], budgets: list[float]
) -> None:
    """Drop accessory sets (last slots first) from any session over its minutes."""
    for session_index, session in enumerate(skeleton.sessions):
        others = [index for index in session.items if skeleton.items[index].role != "main"]
        used = sum(sets[index] * seconds[index] for index in session.items)
        for index in reversed(others):
            while used > budgets[session_index] and sets[index] > 0:
                sets[index] -= 1
                used -= seconds[index]


def _deload_sets(skeleton: _Skeleton, builds: list[list[int]], main_sets: int) -> list[int]:
    """Deload: about 55 % of the last build week's sets, and at most 60 % of the lightest build
    week's; accessories go first, every session keeps at least one exercise."""
    items = skeleton.items
    sets = [
        0
        if count == 0
        else max(1, min(main_sets, _round_half_up(count * DELOAD_VOLUME)))
        if item.role == "main"
        else _round_half_up(count * DELOAD_VOLUME)
        for item, count in zip(items, builds[-1], strict=True)
    ]
    limit = max(1, math.floor(min(sum(week) for week in builds) * 0.6))

    def reducible(index: int) -> bool:
        if sets[index] != 1:
            return sets[index] > 1
        session = skeleton.sessions[items[index].session]
        return any(sets[other] > 0 for other in session.items if other != index)

    others = [index for index, item in enumerate(items) if item.role != "main"]
    mains = [index for index, item in enumerate(items) if item.role == "main"]
    while sum(sets) > limit:
        pool = [index for index in others if reducible(index)]
        pool = pool or [index for index in mains if reducible(index)]
        if not pool:
            break
        sets[max(reversed(pool), key=lambda index: sets[index])] -= 1
    for session in skeleton.sessions:
        if session.items and all(sets[index] == 0 for index in session.items):
            sets[session.items[0]] = 1
    return sets


# --- breakdown: exercises and sessions ------------------------------------------------------------


def _one_rep_max(profile: ClientProfile, key: str | None) -> float | None:
    if key is None:
        return None
    for lift, kg in profile.one_rep_maxes.items():
        if lift.strip().lower() == key.lower():
            return kg
    return None


def _week_tag(dose: _Dose, ctx: _Ctx) -> str:
    kind = "deload" if dose.deload else "build"
    return f"week {dose.week}/{ctx.plan.weeks} {kind}"


def _main_exercise(
    ctx: _Ctx, item: _Item, sets: int, dose: _Dose, reference: _Dose | None
) -> Exercise:
    reps, rir = _main_reps(ctx, dose, reference)
    entry = item.exercise
    pct = dose.main_pct if entry.one_rm_key else None
    if pct is None:
        rir = dose.rir  # no fixed load: the coach picks the weight that leaves this RIR
    load = None
    rationale = f"{_week_tag(dose, ctx)}: "
    if pct is not None:
        one_rm = _one_rep_max(ctx.profile, entry.one_rm_key)
        load = round_to_plate(one_rm * pct / 100) if one_rm else None
        load = load or None
        source = "−15 % from the last build week" if dose.deload else "from weekly target"
        rationale += (
            f"{pct:g} % 1RM {source}; {reps} reps at RIR {rir:g} "
            f"(Epley: {math.floor(epley_reps_to_failure(pct) + 1e-9)} reps to failure)"
        )
        if load is not None:
            rationale += f"; {load:g} kg = {pct:g} % of {one_rm:g} kg, 2.5 kg plates"
    elif dose.main_pct is not None:
        rationale += (
            f"reps from {dose.main_pct:g} % 1RM (Epley) at RIR {rir:g}; no barbell 1RM for "
            f"{entry.name}, so dose by effort"
        )
    else:
        rationale += f"{reps} reps at RIR {rir:g} (RIR ramp 3→2→1, phase {ctx.plan.phase})"
    return Exercise(
        name=entry.name,
        sets=sets,
        reps=reps,
        load_kg=load,
        pct_one_rm=pct,
        rir=rir,
        rest_seconds=_rest(ctx, "main"),
        notes="main lift: same lift all block so progress is measurable",
        rationale=rationale[:300],
    )


def _other_exercise(ctx: _Ctx, item: _Item, sets: int, dose: _Dose) -> Exercise:
    entry = item.exercise
    low, high = _rep_range(ctx, item.role)
    muscles = "/".join(entry.primary)
    band_low, band_high = HARD_SET_BANDS[ctx.profile.experience]
    rationale = (
        f"{_week_tag(dose, ctx)}: {sets} sets toward {dose.muscle_target:.0f} weekly hard sets "
        f"for {muscles} ({ctx.profile.experience.value} band {band_low}–{band_high}); RIR "
        f"{dose.rir} (ramp 3→2→1)"
    )
    if dose.deload:
        rationale = (
            f"{_week_tag(dose, ctx)}: sets cut ~45 % from the last build week; RIR {dose.rir}"
        )
    timed = entry.timed
    return Exercise(
        name=entry.name,
        sets=sets,
        reps=None if timed else low,
        reps_max=None if timed or high == low else high,
        duration_minutes=_timed_minutes(item) if timed else None,
        rir=float(dose.rir),
        rest_seconds=_rest(ctx, item.role),
        notes="controlled tempo, pain-free range (≤ 3/10)" if item.role == "rehab" else None,
        rationale=rationale[:300],
    )


def _warmup_block(ctx: _Ctx, warmup: tuple[LibraryExercise, ...]) -> list[WorkoutBlock]:
    if not warmup:
        return []
    why = "warm-up: low-load mobility" + (
        " that spares the injured areas" if ctx.profile.injuries else " for the session's joints"
    )
    exercises = [
        Exercise(name=entry.name, sets=1, duration_minutes=MOBILITY_DOSE_MIN, rationale=why)
        for entry in warmup
    ]
    return [WorkoutBlock(label="Warm-up", exercises=exercises)]


def _planned_minutes(blocks: list[WorkoutBlock], pace: float | None = None) -> int:
    seconds = sum(
        exercise_seconds(exercise, pace) if pace else exercise_seconds(exercise)
        for block in blocks
        for exercise in block.exercises
    )
    return max(1, math.ceil(seconds / 60 - 1e-9))


def _lift_workout(
    ctx: _Ctx,
    skeleton: _Skeleton,
    session: _Session,
    sets: list[int],
    dose: _Dose,
    reference: _Dose | None,
    day: date,
) -> WorkoutInstance:
    main, other = [], []
    for index in session.items:
        item = skeleton.items[index]
        if sets[index] <= 0:
            continue
        if item.role == "main":
            main.append(_main_exercise(ctx, item, sets[index], dose, reference))
        else:
            other.append(_other_exercise(ctx, item, sets[index], dose))
    blocks = _warmup_block(ctx, session.warmup)
    if main:
        blocks.append(WorkoutBlock(label="Main lifts", exercises=main))
    if other:
        label = "Controlled strength" if session.variant == "rehab" else "Accessories"
        blocks.append(WorkoutBlock(label=label, exercises=other))
    if not main and not other:
        return _mobility_workout(ctx, session, day, dose, "no loadable exercise fits this day")
    hard = sum(sets[index] for index in session.items)
    title = f"{session.label}{' (deload)' if dose.deload else ''}"
    return WorkoutInstance(
        date=day,
        session_type=SessionType.LIFT,
        title=title,
        blocks=blocks,
        targets=[KeyValuePair(key="hard_sets", value=hard)],
        planned_minutes=_planned_minutes(blocks),
        target_rpe=float(10 - dose.rir),
        notes="Warm up, then main lifts fresh; stop a set early if form breaks down.",
    )


def _mobility_workout(
    ctx: _Ctx, session: _Session, day: date, dose: _Dose | None, why: str
) -> WorkoutInstance:
    minutes = min(TRANSITION_MINUTES, ctx.profile.minutes_per_session)
    options = [option for option in ctx.options("mobility") if not option.loads]
    options = options or list(ctx.options("mobility"))
    count = max(1, min(len(options), int(minutes // MOBILITY_DOSE_MIN)))
    start = (ctx.variation + day.toordinal()) % max(1, len(options))
    exercises = [
        Exercise(
            name=options[(start + index) % len(options)].name,
            sets=1,
            duration_minutes=MOBILITY_DOSE_MIN,
            rationale=f"{why}: easy mobility, RPE 2",
        )
        for index in range(count)
    ]
    blocks = [WorkoutBlock(label="Mobility", exercises=exercises)]
    title = f"{session.label}: mobility" if dose else "Transition: mobility & movement prep"
    return WorkoutInstance(
        date=day,
        session_type=SessionType.MOBILITY,
        title=title,
        blocks=blocks,
        planned_minutes=_planned_minutes(blocks),
        target_rpe=2.0,
        notes="Easy range-of-motion work; nothing should hurt.",
    )


def _metcon_rounds(ctx: _Ctx, dose: _Dose, stations: int, warmup_minutes: float) -> int:
    per_round = stations * (METCON_WORK_MIN * 60 + METCON_REST_S)
    fits = int((ctx.budget_seconds - warmup_minutes * 60) // per_round)
    wanted = min(6, 3 + dose.build_index)
    return max(1, min(wanted, fits))


def _metcon_workout(
    ctx: _Ctx, session: _Session, dose: _Dose, day: date, last_build: _Dose | None
) -> WorkoutInstance:
    stations = session.conditioning
    if not stations:
        return _mobility_workout(ctx, session, day, dose, "no conditioning option fits")
    warmup = _warmup_block(ctx, session.warmup)
    warmup_minutes = MOBILITY_DOSE_MIN * len(session.warmup)
    reference = last_build if dose.deload and last_build else dose
    rounds = _metcon_rounds(ctx, reference, len(stations), warmup_minutes)
    work = METCON_WORK_MIN
    if dose.deload:
        first = _metcon_rounds(ctx, replace(dose, build_index=0), len(stations), warmup_minutes)
        fewer = max(1, min(_round_half_up(rounds * 0.6), first - 1))
        work = METCON_WORK_MIN if fewer < first else 0.5
        rounds = fewer
    rationale = (
        f"{_week_tag(dose, ctx)}: {rounds} rounds × {work * 60:.0f} s on / {METCON_REST_S} s off"
        + ("; ~45 % less work than the last build week" if dose.deload else "; +1 round a week")
    )
    exercises = [
        Exercise(
            name=entry.name,
            sets=rounds,
            duration_minutes=work,
            rest_seconds=METCON_REST_S,
            rpe=6.0 if dose.deload else 8.0,
            rationale=rationale,
        )
        for entry in stations
    ]
    blocks = [*warmup, WorkoutBlock(label="Circuit", exercises=exercises)]
    return WorkoutInstance(
        date=day,
        session_type=SessionType.METCON,
        title=f"{session.label}{' (deload)' if dose.deload else ''}",
        blocks=blocks,
        planned_minutes=_planned_minutes(blocks),
        target_rpe=6.0 if dose.deload else 8.0,
        notes="Move continuously through the stations; rest between rounds as needed.",
    )


# --- breakdown: runs ------------------------------------------------------------------------------


def _run_distances(skeleton: _Skeleton, target: WeeklyTarget, ctx: _Ctx) -> dict[int, float]:
    """km per run session: the long run from the target, the rest shared evenly."""
    runs = [index for index, session in enumerate(skeleton.sessions) if session.kind == "run"]
    if not runs:
        return {}
    total = target.total_mileage
    if total is None:
        total = KM_PER_RUN[ProgramType.HYBRID][ctx.profile.experience] * len(runs)
    longs = [index for index in runs if skeleton.sessions[index].variant == "long"]
    long_km = target.long_run_mileage if longs and target.long_run_mileage is not None else None
    if longs and long_km is None:
        long_km = total * _long_share(len(runs))
    distances: dict[int, float] = {}
    rest = total
    if longs and long_km is not None:
        distances[longs[0]] = long_km
        rest = max(0.0, total - long_km)
    others = [index for index in runs if index not in distances]
    for index in others:
        distances[index] = rest / len(others)
    cap = _km_cap(ctx.profile)
    return {index: max(0.1, min(cap, round(km, 1))) for index, km in distances.items()}


def _run_substitute(ctx: _Ctx, name: str) -> LibraryExercise | None:
    """The run itself if it is allowed, else low-impact cross-training dosed by time."""
    options = ctx.options("run")
    for option in options:
        if option.name == name:
            return option
    timed = sorted(
        (option for option in options if option.timed),
        key=lambda option: (len(option.loads), option.order),
    )
    return timed[0] if timed else None


def _run_exercise(
    ctx: _Ctx, name: str, km: float, rpe: float, rationale: str, sets: int = 1, rest: int = 0
) -> Exercise | None:
    entry = _run_substitute(ctx, name)
    if entry is None:
        return None
    pace = PACE_MIN_PER_KM[ctx.profile.experience]
    if entry.name == name:
        return Exercise(
            name=name,
            sets=sets,
            distance_km=km,
            rpe=rpe,
            rest_seconds=rest or None,
            rationale=rationale[:300],
        )
    minutes = max(0.5, math.floor(km * pace * 2) / 2)  # half minutes, never over the run
    why = ", ".join(
        area.replace("_", " ") for area in ("knee", "ankle", "hip") if area in ctx.injuries
    )
    return Exercise(
        name=entry.name,
        sets=sets,
        duration_minutes=minutes,
        rpe=rpe,
        rest_seconds=rest or None,
        notes=f"replaces {name} ({km:g} km): running loads the injured {why or 'area'}",
        rationale=f"{rationale[:200]}; {minutes:g} min ≈ {km:g} km at {pace:g} min/km",
    )


def _quality_exercises(ctx: _Ctx, km: float, dose: _Dose, week_km: float) -> list[Exercise]:
    """Warm-up and cool-down easy, hard part ≤ 20 % of the week (80/20); intervals only when
    their recoveries still fit the session, else a tempo run."""
    hard = min(round(km * 0.6, 1), _floor_km(week_km * 0.2))
    pace = PACE_MIN_PER_KM[ctx.profile.experience]
    reps = max(2, _round_half_up(hard / 0.8))
    rest_minutes = reps * 1.5
    intervals = (
        ctx.style.quality_run == "Interval Run"
        and hard >= 1.6
        and km * pace + rest_minutes <= ctx.profile.minutes_per_session
    )
    tag = _week_tag(dose, ctx)
    if intervals:
        each = _floor_km(hard / reps)
        hard = round(each * reps, 1)
        share = f"{hard:g} km hard of {week_km:g} km weekly (≤ 20 %, 80/20 easy)"
        main = _run_exercise(ctx, "Interval Run", each, 8.0, f"{tag}: {share}", reps, 90)
    else:
        hard = max(0.1, hard)
        share = f"{hard:g} km hard of {week_km:g} km weekly (≤ 20 %, 80/20 easy)"
        main = _run_exercise(ctx, "Tempo Run", hard, 7.0, f"{tag}: {share}")
    easy = max(0.1, round((km - hard) / 2, 1))
    warm = _run_exercise(ctx, "Easy Run", easy, 3.0, "warm-up: easy pace before the hard part")
    cool = _run_exercise(ctx, "Easy Run", easy, 3.0, "cool-down: easy pace")
    return [exercise for exercise in (warm, main, cool) if exercise is not None]


def _run_workout(
    ctx: _Ctx, session: _Session, km: float, dose: _Dose, day: date
) -> WorkoutInstance:
    week_km = dose.target.total_mileage or km
    tag = _week_tag(dose, ctx)
    if session.variant == "quality" and not dose.deload:
        exercises = _quality_exercises(ctx, km, dose, week_km)
        rpe = 6.0
    elif session.variant == "long":
        pct = km / week_km * 100 if week_km else 100
        rule = " (25–35 % rule)" if 25 <= round(pct) <= 35 else ""
        exercise = _run_exercise(
            ctx,
            "Long Run",
            km,
            3.0 if dose.deload else 4.0,
            f"{tag}: long run {km:g} km = {pct:.0f} % of {week_km:g} km{rule}",
        )
        exercises = [exercise] if exercise else []
        rpe = 3.0 if dose.deload else 4.0
    else:
        exercise = _run_exercise(
            ctx,
            "Easy Run",
            km,
            2.0 if dose.deload else 3.0,
            f"{tag}: easy run {km:g} km of {week_km:g} km weekly mileage (80/20: mostly easy)",
        )
        exercises = [exercise] if exercise else []
        rpe = 2.0 if dose.deload else 3.0
    if not exercises:
        return _mobility_workout(ctx, session, day, dose, "no run or cross-training option fits")
    blocks = [WorkoutBlock(label="Run", exercises=exercises)]
    pace = PACE_MIN_PER_KM[ctx.profile.experience]
    return WorkoutInstance(
        date=day,
        session_type=SessionType.RUN,
        title=f"{session.label}{' (deload)' if dose.deload else ''}",
        blocks=blocks,
        targets=[KeyValuePair(key="distance_km", value=round(km, 1))],
        planned_minutes=_planned_minutes(blocks, pace),
        target_rpe=rpe,
        notes="Easy means conversational pace." if rpe <= 4 else "Hard part at threshold effort.",
    )


# --- breakdown: weeks -----------------------------------------------------------------------------


@dataclass
class _Progress:
    """What later weeks of a block need from earlier ones."""

    build_index: int = 0
    builds: dict[str, list[list[int]]] = field(default_factory=dict)
    last_build: _Dose | None = None


def _budgets(ctx: _Ctx, skeleton: _Skeleton) -> list[float]:
    return [
        ctx.budget_seconds - MOBILITY_DOSE_MIN * 60 * len(session.warmup)
        for session in skeleton.sessions
    ]


def _week_sets(
    ctx: _Ctx, skeleton: _Skeleton, dose: _Dose, split: str, progress: _Progress
) -> list[int]:
    main_reps = _main_reps(ctx, dose, progress.last_build)[0]
    seconds = [_set_seconds(ctx, item, main_reps) for item in skeleton.items]
    budgets = _budgets(ctx, skeleton)
    history = progress.builds.setdefault(split, [])
    if dose.deload and history:
        return _deload_sets(skeleton, history, dose.main_sets)
    previous = history[-1] if history else [0] * len(skeleton.items)
    sets = [
        dose.main_sets if item.role == "main" else previous[index]
        for index, item in enumerate(skeleton.items)
    ]
    _fit_main_sets(skeleton, sets, seconds, budgets)
    _trim_to_budget(skeleton, sets, seconds, budgets)
    high = HARD_SET_BANDS[ctx.profile.experience][1]
    _trim_to_cap(skeleton, sets, high)
    ceilings = [
        ACCESSORY_MAX_SETS[ctx.profile.experience]
        if item.role == "accessory"
        else MAX_SETS[item.role]
        for item in skeleton.items
    ]
    sets = _allocate(skeleton, sets, seconds, budgets, dose.muscle_target, high, ceilings)
    if dose.deload:
        # A deload with no build week before it (an unusual plan): deload the week-1 dose.
        return _deload_sets(skeleton, [sets], dose.main_sets)
    history.append(sets)
    return sets


def _week_metrics(workouts: list[WorkoutInstance]) -> list[KeyValuePair]:
    srpe = sum((w.target_rpe or 0) * (w.planned_minutes or 0) for w in workouts)
    minutes = sum(w.planned_minutes or 0 for w in workouts)
    return [
        KeyValuePair(key="sessions", value=len(workouts)),
        KeyValuePair(key="planned_minutes", value=minutes),
        KeyValuePair(key="planned_srpe", value=round(srpe, 1)),
    ]


def _week(
    ctx: _Ctx,
    target: WeeklyTarget,
    week: DateRange,
    progress: _Progress,
    skeletons: dict[str, _Skeleton],
) -> Microcycle:
    skeleton = skeletons.get(target.split)
    if skeleton is None:
        skeleton = skeletons[target.split] = _skeleton(ctx, target.split)
    build_index = max(0, progress.build_index - 1) if target.deload else progress.build_index
    dose = _dose(ctx, target, build_index, skeleton.main_slots)
    sets = _week_sets(ctx, skeleton, dose, target.split, progress)
    distances = _run_distances(skeleton, target, ctx)
    workouts = []
    for index, session in enumerate(skeleton.sessions):
        day = day_in_week(week, session.weekday)
        if session.kind == "lift":
            reference = progress.last_build if dose.deload else None
            workouts.append(_lift_workout(ctx, skeleton, session, sets, dose, reference, day))
        elif session.kind == "run":
            workouts.append(_run_workout(ctx, session, distances[index], dose, day))
        elif session.kind == "metcon":
            workouts.append(_metcon_workout(ctx, session, dose, day, progress.last_build))
        else:
            workouts.append(_mobility_workout(ctx, session, day, dose, "recovery day"))
    if not target.deload:
        progress.build_index += 1
        progress.last_build = dose
    return Microcycle(
        week_number=dose.week,
        start_date=week.start_date,
        end_date=week.end_date,
        deload=target.deload,
        generated_by=OFFLINE,
        metrics=_week_metrics(workouts),
        workouts=workouts,
    )


def _transition_week(ctx: _Ctx, target: WeeklyTarget, week: DateRange) -> Microcycle:
    """Week 0: light mobility on the split's training days that fall before the first Monday."""
    labels = target.split_days
    workouts = []
    for offset in range(week.days):
        day = week.start_date + timedelta(days=offset)
        label = labels[day.weekday()] if len(labels) == 7 else "Rest"
        if session_kind(label)[0] == "rest":
            continue
        session = _Session(day.weekday(), label, "mobility", "")
        why = (
            f"transition week: {WEEKDAY_NAMES[day.weekday()]} is a {label} day; light work "
            f"before week 1 starts on {week.end_date + timedelta(days=1)}"
        )
        workouts.append(_mobility_workout(ctx, session, day, None, why))
    return Microcycle(
        week_number=0,
        start_date=week.start_date,
        end_date=week.end_date,
        generated_by=OFFLINE,
        metrics=_week_metrics(workouts),
        workouts=workouts,
    )


def _context(plan: MesocyclePlan, profile: ClientProfile, program_type: ProgramType) -> _Ctx:
    return _Ctx(
        profile=profile,
        program_type=program_type,
        plan=plan,
        style=phase_style(plan.phase),
        equipment=frozenset(item.value for item in profile.equipment) - {"none"},
        injuries=frozenset(area.value for area in profile.injuries),
        variation=_variation(plan),
        budget_seconds=profile.minutes_per_session * 60,
        builds=max(1, sum(not target.deload for target in plan.weekly_targets)),
    )


class OfflineEngine:
    """The default generator: rules from DOMAIN.md §4, the exercise library, no randomness."""

    name = OFFLINE

    def outline(self, profile: ClientProfile, weeks: int, start_date: date) -> FitnessProgram:
        """Program type from the goal, blocks of 3–6 weeks, one weekly target per week."""
        program_type = program_type_for(profile.goal)
        lengths = block_lengths(weeks)
        labels = phase_labels(profile.goal, program_type, len(lengths))
        mileage = _mileage_state(profile, program_type)
        plans = [
            MesocyclePlan(
                id=f"meso-{index + 1}",
                phase=phase,
                weeks=length,
                weekly_targets=_weekly_targets(profile, program_type, phase, length, mileage),
            )
            for index, (length, phase) in enumerate(zip(lengths, labels, strict=True))
        ]
        macrocycle = Macrocycle(
            id="macro-1",
            name=f"{weeks}-week {program_type.value} macrocycle",
            length_weeks=weeks,
            mesocycles=plans,
        )
        return FitnessProgram(
            program_type=program_type,
            overview=_overview(profile, program_type, weeks, start_date, plans),
            macrocycles=[macrocycle],
        )

    def breakdown(
        self,
        plan: MesocyclePlan,
        profile: ClientProfile,
        program_type: ProgramType,
        start_date: date,
    ) -> MesocycleDetailed:
        """Dated microcycles (transition week 0 before a non-Monday start) with full sessions."""
        ctx = _context(plan, profile, program_type)
        ranges = microcycle_date_ranges(start_date, plan.weeks)
        microcycles = []
        if 0 in ranges:
            microcycles.append(_transition_week(ctx, plan.weekly_targets[0], ranges[0]))
        progress = _Progress()
        skeletons: dict[str, _Skeleton] = {}
        for target in plan.weekly_targets:
            week = ranges[target.week_offset + 1]
            microcycles.append(_week(ctx, target, week, progress, skeletons))
        span = mesocycle_date_range(start_date, plan.weeks)
        return MesocycleDetailed(
            id=plan.id,
            phase=plan.phase,
            weeks=plan.weeks,
            weekly_targets=[target.model_copy() for target in plan.weekly_targets],
            start_date=span.start_date,
            end_date=span.end_date,
            microcycles=microcycles,
        )
