"""Units: exact conversions, round trips in the unit typed, and typed amounts with a unit suffix."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.schemas import ClientProfile, Units
from core.units import (
    DistanceUnit,
    LoadUnit,
    format_distance,
    format_load,
    load_from_kg,
    load_to_kg,
    parse_distance,
    parse_load,
)


def test_pounds_convert_by_the_exact_factor() -> None:
    assert load_to_kg(100, LoadUnit.LB) == pytest.approx(45.359237)
    assert load_from_kg(100, LoadUnit.LB) == pytest.approx(220.46226218)
    assert load_to_kg(100, LoadUnit.KG) == 100


def test_a_load_typed_in_pounds_reads_back_in_pounds() -> None:
    kg = parse_load("185 lb", LoadUnit.KG)
    assert kg == pytest.approx(83.91458845)
    assert format_load(kg, LoadUnit.LB) == "185 lb"


@given(st.integers(min_value=1, max_value=1300))
def test_every_whole_pound_value_round_trips(pounds: int) -> None:
    assert format_load(parse_load(f"{pounds} lb", LoadUnit.KG), LoadUnit.LB) == f"{pounds} lb"


@pytest.mark.parametrize(
    ("text", "default", "kg"),
    [
        ("60 kg", LoadUnit.LB, 60.0),
        ("60kg", LoadUnit.LB, 60.0),
        ("60,5 kg", LoadUnit.LB, 60.5),
        ("135 lbs", LoadUnit.KG, 61.23497),
        ("135", LoadUnit.LB, 61.23497),
        ("135", LoadUnit.KG, 135.0),
        (" 80 KG ", LoadUnit.LB, 80.0),
    ],
)
def test_typed_loads(text: str, default: LoadUnit, kg: float) -> None:
    assert parse_load(text, default) == pytest.approx(kg, abs=1e-4)


@pytest.mark.parametrize("text", ["", "heavy", "60 stone", "1e3", "-5 kg", "60 kg 5"])
def test_a_typed_load_that_is_not_one_says_so(text: str) -> None:
    with pytest.raises(ValueError, match="load"):
        parse_load(text, LoadUnit.KG)


def test_distances() -> None:
    assert parse_distance("3.1 mi", DistanceUnit.KM) == pytest.approx(4.9889664)
    assert parse_distance("5k", DistanceUnit.MI) == 5.0
    assert (
        format_distance(parse_distance("26.2 miles", DistanceUnit.KM), DistanceUnit.MI) == "26.2 mi"
    )
    assert format_distance(10, DistanceUnit.KM) == "10 km"
    with pytest.raises(ValueError, match="km or mi"):
        parse_distance("5 yards", DistanceUnit.KM)


def test_formats_drop_trailing_zeros() -> None:
    assert format_load(82.5, LoadUnit.KG) == "82.5 kg"
    assert format_load(81.25, LoadUnit.KG) == "81.25 kg"
    assert format_load(100.0, LoadUnit.KG) == "100 kg"
    assert format_load(0.0, LoadUnit.LB) == "0 lb"


def test_a_profile_without_units_is_metric_and_one_with_them_keeps_them() -> None:
    base = {"name": "A", "goal": "strength", "experience": "beginner"}
    old = ClientProfile.model_validate(base | {"daysPerWeek": 3, "minutesPerSession": 60})
    assert old.units == Units(load=LoadUnit.KG, distance=DistanceUnit.KM)
    us = ClientProfile.model_validate(
        base
        | {"daysPerWeek": 3, "minutesPerSession": 60, "units": {"load": "lb", "distance": "mi"}}
    )
    assert us.units.load is LoadUnit.LB
    assert ClientProfile.model_validate(us.model_dump(mode="json")) == us
