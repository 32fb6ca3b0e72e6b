"""Who jumps: the rule for jumping and landing drills (burpees, squat jumps, high knees).

One rule for the engine (its circuits and finishers) and the quality report. Landing loads the
knees, hips and ankles at several times bodyweight; the NSCA advises against depth jumps for
athletes over about 100 kg and builds plyometrics up only on a base of strength (NSCA,
Essentials of Strength Training and Conditioning, 4th ed., ch. 18), and the ACSM's guidance for
heavier and older beginners is low-impact aerobic work: walking, cycling, rowing (ACSM's
Guidelines for Exercise Testing and Prescription). So a beginner, a client of 100 kg or more or
one of 60 or older gets low-impact conditioning. After a lifting session's sets, a finisher is
never a jumping drill either: landings on tired legs are where technique breaks down, and the
finisher is there for work capacity, not for more leg power.
"""

from __future__ import annotations

from core.exercises.library import find_exercise
from core.schemas import ClientProfile, Experience, SessionType, WorkoutInstance

JUMPING_MAX_BODYWEIGHT_KG = 100.0
JUMPING_MAX_AGE = 60


def jumping_suits(profile: ClientProfile) -> bool:
    """Whether jumping drills suit the client at all (not a beginner, under 100 kg, under 60)."""
    if profile.experience == Experience.BEGINNER:
        return False
    if profile.bodyweight_kg is not None and profile.bodyweight_kg >= JUMPING_MAX_BODYWEIGHT_KG:
        return False
    return profile.age is None or profile.age < JUMPING_MAX_AGE


def impact_faults(workout: WorkoutInstance, profile: ClientProfile) -> list[str]:
    """'Squat Jump for a beginner' or 'Squat Jump after the lifting' for each jumping drill the
    rule does not allow in a session."""
    suits = jumping_suits(profile)
    lifting = workout.session_type == SessionType.LIFT
    faults = []
    for exercise in workout.exercises:
        entry = find_exercise(exercise.name)
        if entry is None or not entry.impact:
            continue
        if not suits:
            faults.append(f"{entry.name}: jumping for this client (low-impact instead)")
        elif lifting:
            faults.append(f"{entry.name}: jumping after the lifting")
    return faults
