"""The training maxes Generate uses, read from the table's edits as the session holds them."""

from __future__ import annotations

from core.training_max import TrainingMax
from ui.plan_view import maxes_as_edited


def _proposals() -> list[TrainingMax]:
    return [
        TrainingMax(lift="Back Squat", planned=150.0, proposed=150.0, why="planned"),
        TrainingMax(lift="Bench Press", planned=100.0, proposed=102.5, why="logged"),
    ]


def test_no_edits_keep_every_proposal() -> None:
    assert [m.proposed for m in maxes_as_edited(_proposals(), None)] == [150.0, 102.5]


def test_an_edited_row_takes_the_coachs_number_whether_its_key_is_text_or_a_number() -> None:
    for row in ("1", 1):
        edits = {"edited_rows": {row: {"Proposed (kg)": 110}}, "added_rows": []}
        assert [m.proposed for m in maxes_as_edited(_proposals(), edits)] == [150.0, 110.0]


def test_a_cleared_bad_or_out_of_range_cell_keeps_the_proposal() -> None:
    edits = {
        "edited_rows": {
            "0": {"Proposed (kg)": None},
            "1": {"Proposed (kg)": 900},
            "7": {"Proposed (kg)": 120},  # no such row
        }
    }
    assert [m.proposed for m in maxes_as_edited(_proposals(), edits)] == [150.0, 102.5]
