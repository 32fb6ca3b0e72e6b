"""Tests of the exercise library: vocabulary, coverage of every pattern, injury and equipment."""

from __future__ import annotations

import json

import pytest

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
from core.schemas import BodyArea, Equipment

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
    optional = {"one_rm_key", "timed", "aliases"}
    for item in raw:
        assert required <= set(item), item["name"]
        assert set(item) <= required | optional, item["name"]


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
    assert all(area not in option.loads for option in options)


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
        assert "shoulder" not in option.loads
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
