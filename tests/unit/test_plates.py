"""Load steps: rounding in the client's unit by the lift's equipment, the defaults per unit, and a
generated block for a pound client whose every load is a whole number of 5 lb jumps."""

from __future__ import annotations

from datetime import date

import pytest

from core.generation.engine import OfflineEngine
from core.plates import (
    LoadStep,
    bar_too_heavy,
    default_increments,
    equipment_kind,
    floor_to_step,
    increments_for,
    is_on_step,
    lightest_load,
    load_step,
    round_to_plate,
    round_to_step,
)
from core.schemas import ClientProfile, Increments, UnitChoice, Units, with_units
from core.service import phase_slots
from core.units import KG_PER_LB, DistanceUnit, LoadUnit, format_load, load_from_kg
from core.validation import validate_mesocycle
from tests.factories import make_profile

LB_DEFAULTS = default_increments(LoadUnit.LB)
KG_DEFAULTS = default_increments(LoadUnit.KG)
START = date(2026, 12, 7)  # a Monday


def _lb(value: float) -> float:
    return value * KG_PER_LB


def test_the_defaults_are_the_usual_gym_steps_in_each_unit() -> None:
    assert (KG_DEFAULTS.barbell, KG_DEFAULTS.dumbbell, KG_DEFAULTS.kettlebell) == (2.5, 2.0, 4.0)
    assert [format_load(kg, LoadUnit.LB) for kg in LB_DEFAULTS.model_dump().values()] == [
        "5 lb",
        "5 lb",
        "5 lb",
    ]
    assert increments_for(None, LoadUnit.LB) == LB_DEFAULTS
    own = Increments(barbell=1.25, dumbbell=2.0, kettlebell=4.0)
    assert increments_for(own, LoadUnit.LB) is own


@pytest.mark.parametrize(
    ("equipment", "kind"),
    [
        (("barbell", "bench"), "barbell"),
        (("dumbbells", "bench"), "dumbbell"),
        (("kettlebell",), "kettlebell"),
        (("machines",), "barbell"),
        ((), "barbell"),
    ],
)
def test_the_step_follows_the_lifts_equipment(equipment: tuple[str, ...], kind: str) -> None:
    assert equipment_kind(equipment) == kind


def test_a_pound_load_rounds_to_5_lb_in_pounds_and_is_stored_in_kg() -> None:
    step = load_step(("barbell",), LB_DEFAULTS, LoadUnit.LB)
    assert (step.size, step.unit, step.text) == (5.0, LoadUnit.LB, "5 lb")
    assert round_to_step(_lb(167.6), step) == pytest.approx(_lb(170))
    assert round_to_step(_lb(182.5), step) == pytest.approx(_lb(185))  # halfway rounds up
    assert round_to_step(_lb(184.9), step) == pytest.approx(_lb(185))
    assert floor_to_step(_lb(189.9), step) == pytest.approx(_lb(185))
    assert load_from_kg(round_to_step(_lb(167.6), step), LoadUnit.LB) == pytest.approx(170)
    assert is_on_step(_lb(185), step) and not is_on_step(_lb(186), step)


def test_kg_steps_per_equipment() -> None:
    assert round_to_step(81.0, load_step(("barbell",), KG_DEFAULTS, LoadUnit.KG)) == 80.0
    assert round_to_step(81.25, load_step(("barbell",), KG_DEFAULTS, LoadUnit.KG)) == 82.5
    assert round_to_step(23.0, load_step(("dumbbells",), KG_DEFAULTS, LoadUnit.KG)) == 24.0
    assert round_to_step(17.9, load_step(("kettlebell",), KG_DEFAULTS, LoadUnit.KG)) == 16.0
    fractional = Increments(barbell=1.25, dumbbell=2.0, kettlebell=4.0)
    assert round_to_step(81.0, load_step(("barbell",), fractional, LoadUnit.KG)) == 81.25
    assert round_to_plate(81.25) == 82.5  # the metric rule is unchanged


def test_a_kg_step_shown_to_a_pound_client_keeps_its_kg_size() -> None:
    step = load_step(("kettlebell",), KG_DEFAULTS, LoadUnit.LB)
    assert step.kg == pytest.approx(4.0, abs=1e-4)
    assert round_to_step(17.0, step) == pytest.approx(16.0, abs=1e-3)


def _us_client(**changes: object) -> ClientProfile:
    profile = make_profile(
        name="Sam Pounds",
        oneRepMaxes={"Back Squat": _lb(315), "Bench Press": _lb(225), "Deadlift": _lb(405)},
        timezone="America/Chicago",
        **changes,
    )
    return profile.model_copy(
        update={"units": UnitChoice(load=LoadUnit.LB, distance=DistanceUnit.MI)}
    )


def _phases(profile: ClientProfile):  # type: ignore[no-untyped-def]
    """Every phase of a 12-week program, broken down on its own start date."""
    engine = OfflineEngine()
    program = engine.outline(profile, 12, START)
    for slot in phase_slots(program, START):
        yield engine.breakdown(slot.plan, profile, program.program_type, slot.start_date), program


def test_a_pound_client_gets_every_load_in_5_lb_jumps_with_the_rounding_in_the_rationale() -> None:
    profile = _us_client()
    loads = 0
    rationales = []
    for meso, program in _phases(profile):
        for workout in meso.workouts():
            for exercise in workout.exercises:
                if exercise.load_kg is None:
                    continue
                loads += 1
                pounds = load_from_kg(exercise.load_kg, LoadUnit.LB)
                assert pounds / 5 == pytest.approx(round(pounds / 5), abs=1e-6), (
                    exercise.name,
                    pounds,
                )
                assert " kg" not in (exercise.rationale or "") + (exercise.notes or "")
                rationales.append(exercise.rationale or "")
        problems = validate_mesocycle(meso, profile, program.program_type, meso.start_date)
        assert [p for p in problems if "match" in p.message or "1RM." in p.message] == []
    assert loads > 20
    assert any(" lb in 5 lb jumps" in text and " → " in text for text in rationales)
    assert any("315 lb 1RM" in text for text in rationales)


def test_fractional_plates_make_finer_kg_loads() -> None:
    fine = make_profile(increments={"barbell": 1.25, "dumbbell": 2, "kettlebell": 4})
    steps = set()
    for meso, _ in _phases(fine):
        for workout in meso.workouts():
            for exercise in workout.exercises:
                if exercise.load_kg is not None:
                    assert (exercise.load_kg / 1.25) == pytest.approx(
                        round(exercise.load_kg / 1.25)
                    )
                    steps.add(exercise.load_kg % 2.5)
    assert 1.25 in steps  # some load falls between two 2.5 kg steps


def test_the_coach_default_fills_the_profile_the_engine_gets() -> None:
    follows = make_profile()
    filled = with_units(follows, coach_default=_pound_coach())
    assert filled.units == UnitChoice(load=LoadUnit.LB, distance=DistanceUnit.MI)
    own = follows.model_copy(update={"units": UnitChoice(load=LoadUnit.KG)})
    assert with_units(own, _pound_coach()).units == UnitChoice(
        load=LoadUnit.KG, distance=DistanceUnit.MI
    )


def _pound_coach() -> Units:
    return Units(load=LoadUnit.LB, distance=DistanceUnit.MI)


def test_the_empty_bar_is_the_lightest_barbell_load_and_too_heavy_for_a_tiny_1rm() -> None:
    barbell = LoadStep(2.5, LoadUnit.KG, "barbell")
    dumbbell = LoadStep(2.0, LoadUnit.KG, "dumbbell")
    assert lightest_load(barbell) == 20.0
    assert lightest_load(dumbbell) == 2.0
    assert lightest_load(LoadStep(5.0, LoadUnit.LB, "barbell")) == pytest.approx(20.41, abs=0.01)
    # the bar is at most 65 % of the 1RM: 30 kg is too light a 1RM, 32.5 kg is not
    assert bar_too_heavy(20.0) and bar_too_heavy(30.0)
    assert not bar_too_heavy(32.5) and not bar_too_heavy(100.0)
