"""Long and hostile input is refused with a sentence, never parsed in super-linear time."""

from __future__ import annotations

import pytest

from core.errors import InvalidPlan
from ui.editing.cells import parse_effort, parse_load, parse_reps, parse_weekday
from ui.limits import CELL_CHARS, quoted, too_long
from ui.profile_form import parse_one_rep_maxes

# Each of these took seconds to minutes with the earlier patterns (nested quantifiers over the
# same spaces); they are refused on length now, before any pattern runs.
HOSTILE_CELLS = ["rpe" + " " * 60_000 + "x", "8" + " " * 60_000 + "%", "1" * 60_000]


@pytest.mark.parametrize("parse", [parse_reps, parse_load, parse_effort, parse_weekday])
@pytest.mark.parametrize("text", HOSTILE_CELLS)
def test_an_over_long_cell_is_refused_by_its_length(parse, text: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match=r"too long \(60,00\d characters; at most 60\)"):
        parse(text)


def test_cells_at_the_limit_still_parse() -> None:
    padded = "RPE 8".ljust(CELL_CHARS)
    assert parse_effort(padded) == (8.0, None)
    assert parse_effort("rpe   @   7.5 · RIR 2") == (7.5, 2.0)
    assert parse_load("82,5 kg") == (82.5, None)
    assert parse_reps(" 8 – 10 ") == (8, 10)
    with pytest.raises(ValueError, match="effort must look like"):
        parse_effort("rpe" + " " * (CELL_CHARS - 3))


def test_one_rep_maxes_parse_by_the_first_separator() -> None:
    text = "Back Squat: 140\nBench Press = 100 kg;Deadlift:180,5"
    assert parse_one_rep_maxes(text) == {
        "Back Squat": 140.0,
        "Bench Press": 100.0,
        "Deadlift": 180.5,
    }


def test_a_huge_or_hostile_one_rep_max_box_gets_one_readable_line() -> None:
    with pytest.raises(InvalidPlan) as refused:
        parse_one_rep_maxes("Back Squat" + " " * 60_000)
    assert refused.value.problems == [
        "1RMs: The 1RMs box is too long (60,010 characters; at most 2,000)"
    ]
    with pytest.raises(InvalidPlan) as bad:
        parse_one_rep_maxes("Back Squat" + " " * 1_900 + "x")
    [line] = bad.value.problems
    assert line.startswith("1RMs: write one lift per line like 'Back Squat: 140', not 'Back Squat")
    assert len(line) < 120  # the coach's text is echoed back shortened


def test_too_long_and_quoted() -> None:
    assert too_long("abc", 3, "name") is None
    assert too_long("abcd", 3, "name") == "name is too long (4 characters; at most 3)"
    assert quoted("a" * 50) == "a" * 39 + "…"
    assert quoted("short") == "short"
