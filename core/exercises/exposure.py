"""Graded exposure for an injured area: the ladder of regressions and the step a phase may reach.

An injured knee, hip, shoulder or elbow is trained, not left out: the library tags the exercises
that load the area under control with their step on the area's ladder (``regression`` in
exercises.json), from isometric holds (step 1) to loaded, full-range work (step 4). Exercises that
load the area without such a tag stay out. Each phase of a program may go one step further than
the last: the first phase uses steps 1–2, the second up to 3, the third and later up to 4, the
isometric → slow loaded → faster, fuller-range progression of tendon and joint rehab (Malliaras
et al. 2015; docs/engine.md).
"""

from __future__ import annotations

from core.exercises.library import LibraryExercise, candidates, level_options

LADDERS: dict[str, str] = {
    "knee": "isometric wall sit → Spanish squat → box squat to a pain-free depth → step-ups",
    "hip": "glute bridge → single-leg bridge and pull-through → hip thrust and box squat → step-ups",
    "shoulder": (
        "isometric press → band and scapular work → neutral-grip and machine pressing → push-ups"
    ),
    "elbow": "isometric holds → neutral-grip and cable work → machines and landmine → free weights",
}
"""Each area's steps in a coach's words, shown in the rationale of every step."""

AREA_PATTERNS: dict[str, str] = {
    "knee": "squat",
    "hip": "hinge",
    "shoulder": "vertical_push",
    "elbow": "elbow_flexion",
}
"""The movement that trains each area most directly: a rehab session opens with its step."""

STEPS = 4
FIRST_PHASE_STEP = 2


def phase_step(phase_index: int) -> int:
    """The highest step a phase may use: 2 in a program's first phase, one more each phase."""
    return min(STEPS, FIRST_PHASE_STEP + phase_index)


def allowed(entry: LibraryExercise, injuries: frozenset[str], phase_index: int) -> bool:
    """Not past the phase's step for any injured area it is a step for."""
    return entry.exposure_stage(injuries) <= phase_step(phase_index)


def phase_options(
    pattern: str,
    equipment: frozenset[str],
    injuries: frozenset[str],
    phase_index: int,
    level: str,
) -> tuple[LibraryExercise, ...]:
    """A phase's options for a pattern (the engine picks from these; the quality report holds
    it to them): doable with the equipment, graded-exposure steps up to the phase's step, and
    easier variations only for the level they suit (``library.fits_level``), unless nothing
    else is left."""
    found = candidates(pattern, equipment, injuries)
    if injuries:
        found = tuple(entry for entry in found if allowed(entry, injuries, phase_index))
    return level_options(found, level, injuries)


def exposure_note(entry: LibraryExercise, injuries: frozenset[str]) -> str | None:
    """The rationale's words for a graded-exposure step ("graded exposure for the injured knee,
    step 2 of 4: …"), or None when the exercise is not one for the client's injuries."""
    steps = [(area, stage) for area, stage in entry.regression if area in injuries]
    if not steps:
        return None
    area, stage = max(steps, key=lambda step: step[1])
    ladder = LADDERS.get(area, "")
    name = area.replace("_", " ")
    return f"graded exposure for the injured {name}, step {stage} of {STEPS} ({ladder})"
