"""The preview grid answers a bad cell in a coach's words and keeps the coach's last valid edit."""

from __future__ import annotations

from datetime import date

import pytest

from core.errors import InvalidPlan
from tests.factories import make_mesocycle
from ui.editing import apply_all_edits, apply_week_edits, find_week, week_frames

MONDAY = date(2026, 11, 30)


@pytest.fixture
def mesocycle():  # type: ignore[no-untyped-def]
    return make_mesocycle(MONDAY, weeks=4)


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("sets", -1, "sets: must be at least 1"),
        ("sets", 40, "sets: must be at most 20"),
        ("reps", "0", "reps: must be at least 1"),
        ("reps", "12-8", "the rep range's top must not be below its bottom"),
        ("rest_seconds", "abc", "rest must be a number, not 'abc'"),
    ],
)
def test_a_bad_cell_gets_one_line_in_plain_words(mesocycle, column, value, message) -> None:  # type: ignore[no-untyped-def]
    exercises = week_frames(mesocycle, 1).exercises.astype(object)
    exercises.loc[0, column] = value
    with pytest.raises(InvalidPlan) as refused:
        apply_week_edits(mesocycle, 1, None, exercises)
    [line] = refused.value.problems
    assert line.startswith("week 1 › Mon › Lift 0: ")
    assert message in line
    assert "pydantic" not in line and "validation error" not in line and "[type=" not in line


def test_an_unusable_edit_keeps_the_last_valid_one(mesocycle) -> None:  # type: ignore[no-untyped-def]
    good = week_frames(mesocycle, 1).exercises.astype(object)
    good.loc[0, "notes"] = "pause at the bottom"
    first, failures = apply_all_edits(mesocycle, {1: (None, good)})
    assert failures == {}
    bad = good.copy()
    bad.loc[0, "sets"] = -3
    kept, failures = apply_all_edits(mesocycle, {1: (None, bad)}, last_valid=first)
    assert set(failures) == {1}
    assert find_week(kept, 1).workouts[0].exercises[0].notes == "pause at the bottom"
    generated, _ = apply_all_edits(mesocycle, {1: (None, bad)})
    assert find_week(generated, 1) == find_week(mesocycle, 1)
