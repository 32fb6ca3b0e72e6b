"""Tests of the exercise library: vocabulary, coverage of every pattern, injury and equipment."""

from __future__ import annotations

import json

import pytest

from core.exercises.exposure import (
    LADDERS,
    STEPS,
    allowed,
    exposure_note,
    phase_options,
    phase_step,
)
from core.exercises.library import (
    BODY_AREAS,
    EQUIPMENT,
    LIBRARY_PATH,
    MUSCLES,
    PATTERNS,
    LibraryExercise,
    candidates,
    find_exercise,
    load_library,
)
from core.schemas import BodyArea, Equipment, Experience

LIBRARY = load_library()

# Where avoiding an area is not reasonable: every squat and lunge bends the knee, every calf
# raise loads the ankle, every curl and triceps extension the elbow.
UNAVOIDABLE = {
    ("squat", "knee"),
    ("lunge", "knee"),
    ("lunge", "hip"),
    ("calf", "ankle"),
    ("elbow_flexion", "elbow"),
    ("elbow_extension", "elbow"),
}


def test_library_is_large_and_names_are_unique():
    assert len(LIBRARY) >= 130
    names = [exercise.name.lower() for exercise in LIBRARY]
    assert len(names) == len(set(names))


def test_raw_json_has_the_documented_fields():
    raw = json.loads(LIBRARY_PATH.read_text(encoding="utf-8"))
    required = {"name", "pattern", "primary", "secondary", "equipment", "loads", "main_lift"}
    optional = {
        "one_rm_key",
        "timed",
        "aliases",
        "regression",
        "rehab_only",
        "max_level",
        "min_level",
        "single_joint",
        "static",
        "impact",
        "facility",
    }
    levels = {level.value for level in Experience}
    for item in raw:
        assert required <= set(item), item["name"]
        assert set(item) <= required | optional, item["name"]
        assert item.get("max_level", "beginner") in levels, item["name"]
        assert item.get("min_level", "beginner") in levels, item["name"]


@pytest.mark.parametrize("exercise", LIBRARY, ids=lambda exercise: exercise.name)
def test_every_exercise_uses_the_vocabularies(exercise: LibraryExercise):
    assert exercise.pattern in PATTERNS
    assert exercise.primary, "every exercise names a prime mover"
    assert set(exercise.primary) <= set(MUSCLES)
    assert set(exercise.secondary) <= set(MUSCLES)
    assert not set(exercise.primary) & set(exercise.secondary)
    assert set(exercise.equipment) <= set(EQUIPMENT)
    assert set(exercise.loads) <= set(BODY_AREAS)


def test_vocabularies_match_the_schema_enums():
    assert set(EQUIPMENT) == {item.value for item in Equipment} - {"none"}
    assert set(BODY_AREAS) == {area.value for area in BodyArea}


def test_main_lifts_key_on_their_own_one_rep_max():
    main = {exercise.name: exercise for exercise in LIBRARY if exercise.main_lift}
    for name in ("Back Squat", "Bench Press", "Deadlift", "Overhead Press"):
        assert main[name].one_rm_key == name
    assert all(exercise.one_rm_key for exercise in main.values())


@pytest.mark.parametrize("pattern", PATTERNS)
def test_every_pattern_has_a_bodyweight_or_band_option(pattern: str):
    assert candidates(pattern, set(), set()) or candidates(pattern, {"bands"}, set())


@pytest.mark.parametrize("pattern", PATTERNS)
def test_every_pattern_has_a_truly_bodyweight_option(pattern: str):
    assert candidates(pattern, set(), set()), pattern


@pytest.mark.parametrize(
    ("pattern", "area"),
    [
        (pattern, area)
        for pattern in PATTERNS
        for area in BODY_AREAS
        if (pattern, area) not in UNAVOIDABLE
    ],
)
def test_every_pattern_avoids_each_area_where_reasonable(pattern: str, area: str):
    everything = set(EQUIPMENT)
    options = candidates(pattern, everything, {area})
    assert options, f"no {pattern} exercise spares the {area}"
    assert all(not option.loaded_areas({area}) for option in options)


@pytest.mark.parametrize("pattern", ["hinge", "horizontal_push", "vertical_push", "core"])
def test_injury_friendly_low_equipment_options(pattern: str):
    # Knee-, shoulder- and back-injured clients with only bands still get the pattern.
    for area in ("knee", "shoulder", "lower_back"):
        if pattern == "vertical_push" and area == "shoulder":
            continue
        assert candidates(pattern, {"bands", "dumbbells"}, {area}), (pattern, area)


def test_candidates_respect_equipment_and_injuries():
    found = candidates("horizontal_push", {"dumbbells"}, {"shoulder"})
    assert found
    for option in found:
        assert set(option.equipment) <= {"dumbbells"}
        assert "shoulder" not in option.loads or option.exposure_stage({"shoulder"})
    assert "Dumbbell Floor Press" in {option.name for option in found}


def test_candidates_are_sorted_deterministically_main_lifts_first():
    found = candidates("squat", set(EQUIPMENT), set())
    assert found == candidates("squat", set(EQUIPMENT), set())
    assert found[0].name == "Back Squat"
    flags = [option.main_lift for option in found]
    assert flags == sorted(flags, reverse=True)
    orders = [option.order for option in found if not option.main_lift]
    assert orders == sorted(orders)


def test_none_equipment_means_bodyweight():
    assert candidates("squat", {"none"}, set()) == candidates("squat", set(), set())


def test_candidates_reject_unknown_patterns():
    with pytest.raises(ValueError, match="unknown movement pattern"):
        candidates("twerk", set(), set())


def test_find_exercise_is_case_insensitive_and_knows_aliases():
    assert find_exercise("back squat").name == "Back Squat"
    assert find_exercise("  BENCH PRESS ").name == "Bench Press"
    assert find_exercise("OHP").name == "Overhead Press"
    assert find_exercise("pull up").name == "Pull-Up"
    assert find_exercise("Underwater Basket Weaving") is None


def test_find_exercise_exposes_muscles_for_load_charts():
    entry = find_exercise("Bench Press")
    assert entry is not None
    assert entry.primary == ("chest",)
    assert "triceps" in entry.secondary


def test_load_library_is_cached():
    assert load_library() is load_library()


# --- graded exposure ------------------------------------------------------------------------------


@pytest.mark.parametrize("exercise", [e for e in LIBRARY if e.regression], ids=lambda e: e.name)
def test_a_graded_exposure_step_loads_its_area_at_steps_one_to_four(exercise: LibraryExercise):
    for area, stage in exercise.regression:
        assert area in exercise.loads and 1 <= stage <= STEPS
        assert area in LADDERS
        # a step is not a heavy load of its area, so the validator lets an injured client do it
        assert exercise.loaded_areas({area}) == ()
        assert exercise.exposure_stage({area}) == stage


@pytest.mark.parametrize("area", sorted(LADDERS))
def test_every_ladder_has_each_step_with_a_gym(area: str):
    stages = {
        entry.exposure_stage({area})
        for pattern in PATTERNS
        for entry in candidates(pattern, set(EQUIPMENT), {area})
    }
    assert set(range(1, STEPS + 1)) <= stages


def test_knee_ladder_goes_wall_sit_spanish_squat_box_squat_step_up():
    stage = {
        name: find_exercise(name).exposure_stage({"knee"})
        for name in ("Wall Sit", "Spanish Squat", "Bench Box Squat", "Step-Up")
    }
    assert stage == {"Wall Sit": 1, "Spanish Squat": 2, "Bench Box Squat": 3, "Step-Up": 4}
    # a heavy knee load is still out, and a back injury does not make the box squat a step
    assert find_exercise("Back Squat").loaded_areas({"knee"}) == ("knee",)
    assert find_exercise("Box Squat").loaded_areas({"lower_back"}) == ("lower_back",)


def test_rehab_drills_are_offered_only_to_a_client_they_are_a_step_for():
    healthy = {entry.name for entry in candidates("squat", {"bands"}, set())}
    knee = {entry.name for entry in candidates("squat", {"bands"}, {"knee"})}
    assert "Terminal Knee Extension" not in healthy
    assert "Terminal Knee Extension" in knee and "Banded Squat" not in knee


def test_a_phase_reaches_one_more_step_than_the_last():
    assert [phase_step(index) for index in range(4)] == [2, 3, 4, 4]
    step_up = find_exercise("Step-Up")
    assert not allowed(step_up, frozenset({"knee"}), 0)
    assert allowed(step_up, frozenset({"knee"}), 2)
    note = exposure_note(find_exercise("Spanish Squat"), frozenset({"knee"}))
    assert note and note.startswith("graded exposure for the injured knee, step 2 of 4")
    assert exposure_note(find_exercise("Spanish Squat"), frozenset({"elbow"})) is None


def test_the_engine_never_picks_what_needs_a_pool():
    pool = [entry for entry in LIBRARY if entry.facility == "pool"]
    assert {entry.name for entry in pool} >= {"Swimming", "Deep-Water Running"}
    everything = {item.value for item in Equipment}
    offered = candidates("run", everything, {"hip", "knee", "ankle"})
    assert offered and not any(entry.facility for entry in offered)
    assert find_exercise("Deep-Water Running") is not None  # a coach may still write it in


def test_a_harder_progression_is_not_a_beginners_while_the_movement_has_another():
    bodyweight = frozenset()
    for pattern, hard in (("squat", "Pistol Squat"), ("hinge", "Nordic Hamstring Curl")):
        beginner = {e.name for e in phase_options(pattern, bodyweight, frozenset(), 0, "beginner")}
        trained = {e.name for e in phase_options(pattern, bodyweight, frozenset(), 0, "advanced")}
        assert hard not in beginner and beginner, (pattern, beginner)
        assert hard in trained
