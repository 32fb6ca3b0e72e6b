"""Domain schemas: camelCase JSON, unknown keys refused with a readable path, the plan's rules."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from core.schemas import (
    ClientProfile,
    Equipment,
    Exercise,
    FitnessProgram,
    KeyValuePair,
    Macrocycle,
    MesocycleDetailed,
    MesocyclePlan,
    Microcycle,
    WeeklyTarget,
    WorkoutBlock,
    WorkoutInstance,
    describe_validation_error,
    dict_to_pairs,
    pairs_to_dict,
    program_type_target_problems,
)
from tests.factories import make_mesocycle, make_profile

SPLIT = "Upper-Lower-Rest-Upper-Lower-Rest-Rest"


def _problems(model: type, data: Any) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        if isinstance(data, str):
            model.model_validate_json(data)
        else:
            model.model_validate(data)
    return describe_validation_error(caught.value)


def _target(offset: int, **extra: Any) -> dict[str, Any]:
    return {"weekOffset": offset, "split": SPLIT, **extra}


def _program(program_type: str, targets: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "programType": program_type,
        "overview": "A block.",
        "macrocycles": [
            {
                "id": "m1",
                "name": "Season",
                "lengthWeeks": len(targets),
                "mesocycles": [{"phase": "Base", "weeks": len(targets), "weeklyTargets": targets}],
            }
        ],
    }


# plans


def test_a_plan_parses_from_camel_case_json_and_dumps_back_to_it() -> None:
    text = json.dumps(
        {
            "id": "llm-label-1",
            "phase": "  Hypertrophy ",
            "weeks": 2,
            "weeklyTargets": [
                _target(0, avgIntensityPct1rm=67.5, totalSetsMainLifts=14),
                _target(1, avgIntensityPct1rm=60, totalSetsMainLifts=8, deload=True),
            ],
        }
    )
    plan = MesocyclePlan.model_validate_json(text)
    assert plan.phase == "Hypertrophy"  # whitespace stripped
    assert plan.id == "llm-label-1"
    assert plan.weekly_targets[0].avg_intensity_pct_1rm == 67.5
    assert plan.weekly_targets[1].deload is True
    assert plan.weekly_targets[0].split_days == [
        "Upper",
        "Lower",
        "Rest",
        "Upper",
        "Lower",
        "Rest",
        "Rest",
    ]
    dumped = plan.model_dump(mode="json")
    assert set(dumped) == {"id", "phase", "weeks", "weeklyTargets"}
    assert set(dumped["weeklyTargets"][0]) == {
        "weekOffset",
        "split",
        "totalMileage",
        "longRunMileage",
        "avgIntensityPct1rm",
        "totalSetsMainLifts",
        "deload",
    }
    assert MesocyclePlan.model_validate(dumped) == plan
    # snake_case names are accepted too (code builds models by name)
    assert (
        MesocyclePlan.model_validate(
            {
                "phase": "Hypertrophy",
                "weeks": 1,
                "weekly_targets": [{"week_offset": 0, "split": SPLIT}],
            }
        ).weeks
        == 1
    )


def test_unknown_keys_are_rejected_with_a_path() -> None:
    problems = _problems(
        MesocyclePlan,
        {"phase": "Base", "weeks": 1, "weeklyTargets": [_target(0, intensity=80)]},
    )
    assert problems == ["weeklyTargets › 0 › intensity: Extra inputs are not permitted"]
    assert (
        _problems(MesocyclePlan, '{"phase": "Base", "weeks": 1, "weeklyTargets": [], "x": 1}')[-1]
        == "x: Extra inputs are not permitted"
    )


def test_invalid_json_is_reported() -> None:
    problems = _problems(MesocyclePlan, '{"phase": "Base", "weeks": ')
    assert len(problems) == 1
    assert problems[0].startswith("input: Invalid JSON")


def test_field_errors_name_their_field() -> None:
    problems = _problems(
        MesocyclePlan,
        {"phase": "", "weeks": 0, "weeklyTargets": [{"weekOffset": -1, "split": SPLIT}]},
    )
    assert problems == [
        "phase: String should have at least 1 character",
        "weeks: must be at least 1",
        "weeklyTargets › 0 › weekOffset: must be at least 0",
    ]


def test_weeks_must_match_the_number_of_targets() -> None:
    problems = _problems(
        MesocyclePlan, {"phase": "Base", "weeks": 3, "weeklyTargets": [_target(0), _target(1)]}
    )
    assert problems == [
        "input: phase 'Base' has 3 weeks but 2 weekly targets; give one target per week"
    ]


def test_target_offsets_must_be_0_to_n_in_order() -> None:
    problems = _problems(
        MesocyclePlan, {"phase": "Base", "weeks": 2, "weeklyTargets": [_target(1), _target(0)]}
    )
    assert problems == [
        "input: phase 'Base': weekly targets must be numbered 0..1 in order, got [1, 0]"
    ]


def test_macrocycle_weeks_must_add_up() -> None:
    phase = {"phase": "Base", "weeks": 1, "weeklyTargets": [_target(0)]}
    problems = _problems(
        Macrocycle, {"id": "m", "name": "Season", "lengthWeeks": 3, "mesocycles": [phase]}
    )
    assert problems == [
        "input: macrocycle 'Season' is 3 weeks long but its phases add up to 1 weeks"
    ]


def test_a_strength_program_needs_intensity_and_main_lift_sets() -> None:
    problems = _problems(FitnessProgram, _program("strength", [_target(0, totalSetsMainLifts=12)]))
    assert problems == [
        "input: phase 'Base' week 1: a strength block needs an average intensity (% 1RM)"
    ]
    both = _problems(FitnessProgram, _program("strength", [_target(0), _target(1)]))
    assert both[0].count("; ") == 3
    assert "phase 'Base' week 2: a strength block needs a main-lift set target" in both[0]
    fine = FitnessProgram.model_validate(
        _program("strength", [_target(0, avgIntensityPct1rm=75, totalSetsMainLifts=12)])
    )
    assert [(m.id, i, p.phase) for m, i, p in fine.all_phases()] == [("m1", 0, "Base")]


def test_an_endurance_program_needs_mileage() -> None:
    problems = _problems(FitnessProgram, _program("endurance", [_target(0)]))
    assert problems == [
        "input: phase 'Base' week 1: an endurance block needs a weekly mileage target; "
        "phase 'Base' week 1: an endurance block needs a long-run mileage target"
    ]
    ok = _program("endurance", [_target(0, totalMileage=30, longRunMileage=10)])
    assert FitnessProgram.model_validate(ok).program_type == "endurance"


def test_other_program_types_need_no_particular_target() -> None:
    plan = MesocyclePlan(
        phase="Mixed", weeks=1, weekly_targets=[WeeklyTarget(week_offset=0, split=SPLIT)]
    )
    for program_type in ("hybrid", "shred", "rehab", "other"):
        assert program_type_target_problems(plan, program_type) == []  # type: ignore[arg-type]
    assert FitnessProgram.model_validate(_program("hybrid", [_target(0)])).overview == "A block."
    assert _problems(FitnessProgram, _program("powerlifting", [_target(0)]))[0].startswith(
        "programType: must be 'endurance', 'strength'"
    )


# mesocycles and weeks


def test_detailed_week_numbers_must_be_contiguous() -> None:
    valid = make_mesocycle(date(2026, 12, 2), weeks=2).model_dump(mode="json")
    assert [m["weekNumber"] for m in valid["microcycles"]] == [0, 1, 2]
    assert MesocycleDetailed.model_validate(valid).weeks == 2
    gap = dict(valid, microcycles=[valid["microcycles"][0], valid["microcycles"][2]])
    assert _problems(MesocycleDetailed, gap) == [
        "input: phase 'Strength': weeks must be numbered [0, 1, 2] in order "
        "(0 is the transition week), got [0, 2]"
    ]
    swapped = dict(valid, microcycles=[valid["microcycles"][i] for i in (0, 2, 1)])
    assert "got [0, 2, 1]" in _problems(MesocycleDetailed, swapped)[0]
    missing = dict(valid, microcycles=valid["microcycles"][1:2])
    assert _problems(MesocycleDetailed, missing) == [
        "input: phase 'Strength': weeks must be numbered [1, 2] in order "
        "(0 is the transition week), got [1]"
    ]


def test_a_workout_outside_its_microcycle_is_rejected() -> None:
    week = {
        "weekNumber": 1,
        "startDate": "2026-11-30",
        "endDate": "2026-12-06",
        "workouts": [
            {"date": "2026-12-06", "sessionType": "run", "title": "Long Run"},
            {"date": "2026-12-07", "sessionType": "lift", "title": "Upper"},
        ],
    }
    assert _problems(Microcycle, week) == [
        "input: week 1: workout 'Upper' on 2026-12-07 is outside the week "
        "(2026-11-30 to 2026-12-06)"
    ]
    mesocycle = make_mesocycle(weeks=1).model_dump(mode="json")
    mesocycle["microcycles"][0]["workouts"][0]["date"] = "2026-11-29"
    assert _problems(MesocycleDetailed, mesocycle) == [
        "microcycles › 0: week 1: workout 'Session 1' on 2026-11-29 is outside the week "
        "(2026-11-30 to 2026-12-06)"
    ]
    backwards = dict(week, startDate="2026-12-06", endDate="2026-11-30", workouts=[])
    assert _problems(Microcycle, backwards) == ["input: week 1 ends before it starts"]


def test_workout_vocabulary_and_camel_case() -> None:
    workout = WorkoutInstance.model_validate(
        {
            "date": "2026-12-01",
            "sessionType": "metcon",
            "title": "Engine",
            "plannedMinutes": 40,
            "targetRpe": 8,
            "targets": [{"key": "rounds", "value": 5}, {"key": "zone", "value": "Z4"}],
        }
    )
    assert workout.session_type == "metcon"
    assert pairs_to_dict(workout.targets) == {"rounds": 5, "zone": "Z4"}
    assert _problems(
        WorkoutInstance, {"date": "2026-12-01", "sessionType": "yoga", "title": "Flow"}
    ) == ["sessionType: must be 'run', 'lift', 'metcon', 'mobility', 'rest' or 'other'"]
    # an id the LLM writes is never a key: only UUIDs are accepted
    (problem,) = _problems(
        WorkoutInstance, {"date": "2026-12-01", "sessionType": "run", "title": "X", "id": "w1"}
    )
    assert problem.startswith("id: must be a valid UUID")


def test_key_value_pairs_convert_both_ways() -> None:
    pairs = dict_to_pairs({"volume": 12000.5, "note": "ok"})
    assert pairs == [
        KeyValuePair(key="volume", value=12000.5),
        KeyValuePair(key="note", value="ok"),
    ]
    assert pairs_to_dict(pairs) == {"volume": 12000.5, "note": "ok"}
    assert pairs_to_dict([]) == {}
    assert _problems(KeyValuePair, {"key": "", "value": 1}) == [
        "key: String should have at least 1 character"
    ]


# exercises and blocks


@pytest.mark.parametrize(
    ("fields", "activity"),
    [
        (
            {
                "name": "Back Squat",
                "sets": 4,
                "reps": 6,
                "pct_one_rm": 75,
                "rir": 2,
                "rest_seconds": 180,
            },
            "Back Squat: 4x6 @ 75% 1RM, RIR 2, 180s rest",
        ),
        (
            {"name": "Bench Press", "sets": 5, "reps": 5, "load_kg": 82.5, "rpe": 8},
            "Bench Press: 5x5 @ 82.5 kg, RPE 8",
        ),
        (
            {
                "name": "DB Row",
                "sets": 3,
                "reps": 8,
                "reps_max": 12,
                "load_kg": 30,
                "rest_seconds": 90,
            },
            "DB Row: 3x8-12 @ 30 kg, 90s rest",
        ),
        (
            # kg wins over %1RM, RIR over RPE; 0 s rest is not printed
            {
                "name": "Deadlift",
                "sets": 1,
                "reps": 3,
                "load_kg": 180,
                "pct_one_rm": 90,
                "rir": 1,
                "rpe": 9,
                "rest_seconds": 0,
            },
            "Deadlift: 1x3 @ 180 kg, RIR 1",
        ),
        (
            {"name": "Pull-up", "sets": 3, "reps": 10, "rir": 1.5},
            "Pull-up: 3x10, RIR 1.5",
        ),
        ({"name": "Easy Run", "sets": 1, "duration_minutes": 45}, "Easy Run: 1x45 min"),
        (
            {"name": "Row Intervals", "sets": 6, "distance_km": 0.5, "rest_seconds": 120},
            "Row Intervals: 6x0.5 km, 120s rest",
        ),
        (
            {"name": "Tempo Run", "sets": 1, "duration_minutes": 30, "distance_km": 6.4},
            "Tempo Run: 1x30 min, 6.4 km",
        ),
        (
            {"name": "Farmer Carry", "sets": 3, "reps": 2, "load_kg": 40, "distance_km": 0.04},
            "Farmer Carry: 3x2 @ 40 kg, 0.04 km",
        ),
        (
            {"name": "Plank", "sets": 3, "reps": 1, "duration_minutes": 0.75},
            "Plank: 3x1, 0.75 min",
        ),
        (
            {
                "name": "Bike Sprints",
                "sets": 8,
                "duration_minutes": 0.5,
                "rpe": 9.5,
                "rest_seconds": 90,
            },
            "Bike Sprints: 8x0.5 min, RPE 9.5, 90s rest",
        ),
    ],
)
def test_exercise_activity_strings(fields: dict[str, Any], activity: str) -> None:
    assert Exercise(**fields).activity == activity


def test_an_exercise_needs_a_dose_and_a_sane_rep_range() -> None:
    assert _problems(Exercise, {"name": "Curl", "sets": 3}) == [
        "input: 'Curl' needs reps, a duration or a distance"
    ]
    assert _problems(Exercise, {"name": "Curl", "sets": 3, "reps": 12, "repsMax": 8}) == [
        "input: 'Curl': the rep range's top must not be below its bottom"
    ]
    assert _problems(Exercise, {"name": "Curl", "sets": 3, "repsMax": 8, "durationMinutes": 2}) == [
        "input: 'Curl': the rep range's top must not be below its bottom"
    ]
    assert _problems(Exercise, {"name": "Curl", "sets": 0, "reps": 8}) == [
        "sets: must be at least 1"
    ]
    assert (
        Exercise.model_validate({"name": "Curl", "sets": 3, "reps": 8, "repsMax": 8}).reps_max == 8
    )


def test_block_activities_are_derived_and_ignored_on_input() -> None:
    block = WorkoutBlock.model_validate(
        {
            "label": "Main",
            "exercises": [
                {
                    "name": "Back Squat",
                    "sets": 4,
                    "reps": 6,
                    "pctOneRm": 75,
                    "rir": 2,
                    "restSeconds": 180,
                }
            ],
            "activities": ["Back Squat: 10x10 @ 100% 1RM"],  # stale text is not trusted
        }
    )
    assert block.activities == ["Back Squat: 4x6 @ 75% 1RM, RIR 2, 180s rest"]
    dumped = block.model_dump(mode="json")
    assert dumped["activities"] == ["Back Squat: 4x6 @ 75% 1RM, RIR 2, 180s rest"]
    assert WorkoutBlock.model_validate(dumped) == block  # a dump reads back
    assert WorkoutBlock(label="Empty").activities == []
    # an activity string is never a substitute for an exercise
    assert (
        WorkoutBlock.model_validate({"label": "Warm-up", "activities": ["Jog 5 min"]}).exercises
        == []
    )


# client profile


def test_client_profile_camel_case_and_vocabularies() -> None:
    profile = make_profile()
    assert profile.days_per_week == 4
    assert profile.equipment[0] == Equipment.BARBELL
    dumped = profile.model_dump(mode="json")
    assert dumped["daysPerWeek"] == 4
    assert dumped["oneRepMaxes"] == {"Back Squat": 140, "Bench Press": 100, "Deadlift": 180}
    assert ClientProfile.model_validate(dumped) == profile
    problems = _problems(
        ClientProfile,
        {
            "name": "A",
            "goal": "bulk",
            "experience": "pro",
            "daysPerWeek": 8,
            "minutesPerSession": 60,
            "equipment": ["barbell", "laser"],
            "injuries": ["toe"],
            "oneRepMaxes": {"Squat": -5},
        },
    )
    assert problems == [
        "goal: must be 'strength', 'muscle_gain', 'weight_loss', 'endurance', "
        "'general_fitness' or 'rehab'",
        "experience: must be 'beginner', 'intermediate' or 'advanced'",
        "daysPerWeek: must be at most 7",
        "equipment › 1: must be 'barbell', 'dumbbells', 'kettlebell', 'machines', "
        "'cables', 'pull_up_bar', 'bench', 'bands', 'treadmill', 'bike', 'rower' or 'none'",
        "injuries › 0: must be 'knee', 'shoulder', 'lower_back', 'hip', 'elbow', "
        "'wrist', 'ankle' or 'neck'",
        "oneRepMaxes: 1RM for 'Squat' must be between 0 and 600 kg, got -5.0",
    ]
    assert _problems(ClientProfile, {**dumped, "oneRepMaxes": {" ": 100}}) == [
        "oneRepMaxes: a 1RM needs a lift name"
    ]
    assert _problems(ClientProfile, {**dumped, "favouriteColour": "red"}) == [
        "favouriteColour: Extra inputs are not permitted"
    ]


def test_client_profile_timezone() -> None:
    assert make_profile().timezone == "Europe/Berlin"
    assert make_profile(timezone="America/Los_Angeles").timezone == "America/Los_Angeles"
    base = make_profile().model_dump(mode="json")
    del base["timezone"]
    assert ClientProfile.model_validate(base).timezone == "UTC"
    assert _problems(ClientProfile, {**base, "timezone": "Mars/Olympus"}) == [
        "timezone: unknown time zone 'Mars/Olympus' (use a name like Europe/Berlin)"
    ]
    assert _problems(ClientProfile, {**base, "timezone": "../etc/passwd"}) == [
        "timezone: unknown time zone '../etc/passwd' (use a name like Europe/Berlin)"
    ]


def test_a_split_must_name_seven_days() -> None:
    with pytest.raises(ValidationError) as caught:
        WeeklyTarget.model_validate({"weekOffset": 0, "split": "Upper-Lower-Rest"})
    lines = describe_validation_error(caught.value)
    assert lines == [
        "split: the split needs 7 dash-separated days Mon–Sun (e.g. "
        "'Upper-Lower-Rest-Upper-Lower-Rest-Rest'), got 3"
    ]
