"""Program types, blocks, phases and splits: the shape of a program before any dose."""

from __future__ import annotations

import math
from dataclasses import dataclass

from core.generation.engine.rounding import round_half_up
from core.schemas import (
    ClientProfile,
    Experience,
    Goal,
    ProgramType,
)

MIN_WEEKS, MAX_WEEKS = 3, 52
MIN_BLOCK, MAX_BLOCK = 3, 6


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

MAX_TRAINING_DAYS = 6
REHAB_DAYS = (3, 4)


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
TWO_QUALITY_SPLITS: dict[int, str] = {
    # Intermediate and advanced runners: two quality sessions a week (Daniels; Pfitzinger),
    # never on consecutive days, the long run after an easy or rest day.
    4: "Rest-{second}-Rest-{quality}-Easy Run-Rest-Long Run",
    5: "Strength-Easy Run-{quality}-Rest-{second}-Rest-Long Run",
    6: "Strength-Easy Run-{quality}-Easy Run-{second}-Rest-Long Run",
}
SECOND_QUALITY = {"Intervals": "Tempo Run", "Tempo Run": "Hill Repeats"}
"""The week's second quality session: a different stimulus from the phase's first."""
SPLIT_FAMILY: dict[ProgramType, str] = {
    ProgramType.STRENGTH: "strength",
    ProgramType.SHRED: "shred",
    ProgramType.HYBRID: "hybrid",
    ProgramType.OTHER: "hybrid",
    ProgramType.ENDURANCE: "endurance",
    ProgramType.REHAB: "rehab",
}


def linear_progression(profile: ClientProfile, program_type: ProgramType) -> bool:
    """A novice on a lifting program progresses linearly (Rippetoe, Starting Strength): a load
    step every week at the same sets and reps, and no planned deload week; a stall resets the
    load instead (core.generation.engine.mains)."""
    return profile.experience == Experience.BEGINNER and program_type == ProgramType.STRENGTH


def program_type_for(goal: Goal) -> ProgramType:
    return PROGRAM_TYPE_BY_GOAL[goal]


def phase_style(phase: str) -> PhaseStyle:
    """The style of a phase label; unknown labels (an LLM's) match by keyword, else a default."""
    lowered = phase.lower()
    for key, style in PHASE_STYLES.items():
        if key in lowered:
            return style
    return DEFAULT_STYLE


def is_taper(phase: str) -> bool:
    """A taper phase label: it keeps the loads and cuts the volume (Bosquet et al. 2007) and its
    weekly distance falls (the engine's mileage, the report's progression and peak checks)."""
    return "taper" in phase.lower()


def block_lengths(weeks: int) -> list[int]:
    """Mesocycle lengths of 3–6 weeks adding up to ``weeks`` (4-week blocks preferred)."""
    if weeks < MIN_WEEKS:
        raise ValueError(
            f"a program needs at least {MIN_WEEKS} weeks (build weeks then a deload); got {weeks}"
        )
    if weeks > MAX_WEEKS:
        raise ValueError(f"a program covers at most {MAX_WEEKS} weeks; got {weeks}")
    count = max(math.ceil(weeks / MAX_BLOCK), min(weeks // MIN_BLOCK, round_half_up(weeks / 4)))
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
    """Every day the client asked for, up to 6 (a seventh is a rest day); rehab trains 3–4 days
    (beginners 3), at least min(days, 3) and never more than asked."""
    days = profile.days_per_week
    if program_type == ProgramType.REHAB:
        low, high = REHAB_DAYS
        wanted = low if profile.experience == Experience.BEGINNER else high
        return max(1, min(wanted, days))
    return max(1, min(days, MAX_TRAINING_DAYS))


def split_for(
    program_type: ProgramType, days: int, phase: str, experience: Experience | None = None
) -> str:
    """The week's template; an intermediate or advanced runner's has two quality sessions."""
    family = SPLIT_FAMILY[program_type]
    templates = SPLITS[family]
    days = min(days, max(templates))
    template = templates[days]
    two = family == "endurance" and experience not in (None, Experience.BEGINNER)
    if two and days in TWO_QUALITY_SPLITS:
        template = TWO_QUALITY_SPLITS[days]
    quality = "Intervals" if phase_style(phase).quality_run == "Interval Run" else "Tempo Run"
    return template.format(quality=quality, second=SECOND_QUALITY[quality])
