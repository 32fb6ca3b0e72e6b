"""``db.session_logs.stored_set`` builds the very SetResult ``model_construct`` builds."""

from __future__ import annotations

import copy

from core.session_log import SetResult
from db.session_logs import stored_set

FIELDS = tuple(SetResult.model_fields)


def _values(**changed: object) -> dict[str, object]:
    values: dict[str, object] = dict.fromkeys(FIELDS)
    values.update(exercise_index=2, exercise="Back Squat", set_number=3, reps=5, load_kg=102.5)
    values.update(changed)
    return values


def test_a_stored_set_is_what_model_construct_makes() -> None:
    for values in (_values(rir=2.0), _values(rpe=8.5, swap_reason="knee"), _values(reps=None)):
        fast, slow = stored_set(dict(values)), SetResult.model_construct(**values)
        assert type(fast) is SetResult
        assert fast == slow and vars(fast) == vars(slow)
        for name in ("__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__"):
            assert getattr(fast, name) == getattr(slow, name), name
        assert fast.model_dump(mode="json") == slow.model_dump(mode="json")
        assert SetResult.model_validate(fast.model_dump()) == fast


def test_a_stored_set_copies_and_changes_on_its_own() -> None:
    first = stored_set(_values())
    second = stored_set(_values())
    heavier = first.model_copy(update={"load_kg": 105.0})
    assert (first.load_kg, heavier.load_kg, second.load_kg) == (102.5, 105.0, 102.5)
    assert copy.deepcopy(first) == first
    first.reps = 6  # a plain model: assignment works, on this set only
    assert (first.reps, second.reps) == (6, 5)
    assert first.__pydantic_fields_set__ is not second.__pydantic_fields_set__
