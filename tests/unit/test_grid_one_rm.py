"""A grid edit keeps each main lift's %1RM: rows are matched to the exercise they were drawn from by
their index label, an unchanged load keeps its %1RM exactly, and a new kg gets the %1RM of the
client's 1RM for that lift (none when that 1RM is unknown)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from core.schemas import Exercise, MesocycleDetailed, Units, WorkoutBlock
from core.units import LoadUnit
from tests.factories import make_mesocycle, make_profile
from ui.editing import apply_all_edits, apply_week_edits, find_week, week_frames
from ui.editing.rows import drawn_exercises, original_of, pct_for_load

START = date(2026, 11, 30)
PROFILE = make_profile()  # Back Squat 140, Bench Press 100, Deadlift 180 kg
LB = Units(load=LoadUnit.LB)


def _main_lifts() -> list[Exercise]:
    """A session as the engine writes it: a top set and back-off sets of the same lift (both kg
    and %1RM), another main lift, and a lift with no 1RM on record."""
    return [
        Exercise(name="Back Squat", sets=1, reps=3, load_kg=122.5, pct_one_rm=87.5, rir=1),
        Exercise(name="Back Squat", sets=3, reps=5, load_kg=110, pct_one_rm=78.6, rir=2),
        Exercise(name="Bench Press", sets=4, reps=6, load_kg=77.5, pct_one_rm=77.5, rir=2),
        Exercise(name="Romanian Deadlift", sets=3, reps=8, load_kg=90, rir=2),
    ]


def _with_main_lifts(session: int) -> MesocycleDetailed:
    """A mesocycle whose week 1 has ``_main_lifts`` as its session ``session`` (0-based)."""
    meso = make_mesocycle(START, weeks=4)
    week = find_week(meso, 1)
    workouts = list(week.workouts)
    workouts[session] = workouts[session].model_copy(
        update={"blocks": [WorkoutBlock(label="Main", exercises=_main_lifts())]}
    )
    week = week.model_copy(update={"workouts": workouts})
    return meso.model_copy(
        update={"microcycles": [week if m.week_number == 1 else m for m in meso.microcycles]}
    )


@pytest.fixture
def mesocycle() -> MesocycleDetailed:
    return _with_main_lifts(0)


def _exercises(meso: MesocycleDetailed) -> list[Exercise]:
    return drawn_exercises(find_week(meso, 1))


def _edit(meso: MesocycleDetailed, frame: pd.DataFrame, units: Units | None = None):
    return apply_week_edits(meso, 1, None, frame, units=units, profile=PROFILE)


def test_an_edit_elsewhere_keeps_every_main_lifts_pct(mesocycle) -> None:
    frame = week_frames(mesocycle, 1).exercises
    frame.loc[2, "sets"] = 5  # one cell of the bench press
    after = _exercises(apply_week_edits(mesocycle, 1, None, frame))  # no 1RM needed to keep one
    before = _exercises(mesocycle)
    assert after[2].sets == 5
    assert [e.pct_one_rm for e in after] == [e.pct_one_rm for e in before]
    assert [e.load_kg for e in after] == [e.load_kg for e in before]
    assert after[0].pct_one_rm == 87.5 and after[1].pct_one_rm == 78.6


def test_an_untouched_grid_reads_back_the_same_week(mesocycle) -> None:
    frames = week_frames(mesocycle, 1)
    result = apply_week_edits(mesocycle, 1, frames.sessions, frames.exercises, profile=PROFILE)
    assert result.model_dump() == mesocycle.model_dump()


def test_an_untouched_grid_in_lb_keeps_the_stored_kg_and_pct(mesocycle) -> None:
    frame = week_frames(mesocycle, 1, LB).exercises
    assert frame.loc[2, "load"] != "77.5 kg"  # shown in lb, rounded
    after = _exercises(_edit(mesocycle, frame, LB))
    assert [(e.load_kg, e.pct_one_rm) for e in after] == [
        (e.load_kg, e.pct_one_rm) for e in _exercises(mesocycle)
    ]


def test_a_new_kg_gets_the_pct_of_the_clients_1rm(mesocycle) -> None:
    frame = week_frames(mesocycle, 1).exercises
    frame.loc[1, "load"] = "105 kg"  # the back-off sets, not the top set of the same name
    after = _exercises(_edit(mesocycle, frame))
    assert (after[1].load_kg, after[1].pct_one_rm) == (105, 75.0)  # 105 / 140
    assert (after[0].load_kg, after[0].pct_one_rm) == (122.5, 87.5), "the top set is as it was"


def test_the_same_kg_typed_another_way_keeps_the_pct_exactly(mesocycle) -> None:
    frame = week_frames(mesocycle, 1).exercises
    frame.loc[1, "load"] = "110"  # was '110 kg'; 110 / 140 is 78.57…, stored as 78.6
    after = _exercises(_edit(mesocycle, frame))
    assert (after[1].load_kg, after[1].pct_one_rm) == (110, 78.6)


def test_a_new_kg_in_lb_follows_the_1rm(mesocycle) -> None:
    frame = week_frames(mesocycle, 1, LB).exercises
    frame.loc[2, "load"] = "185 lb"
    bench = _exercises(_edit(mesocycle, frame, LB))[2]
    assert bench.load_kg == pytest.approx(83.915, abs=1e-3)
    assert bench.pct_one_rm == 83.9  # of the 100 kg bench press


def test_a_new_kg_without_a_1rm_has_no_pct(mesocycle) -> None:
    frame = week_frames(mesocycle, 1).exercises
    frame.loc[3, "load"] = "95 kg"
    rdl = _exercises(_edit(mesocycle, frame))[3]
    assert (rdl.load_kg, rdl.pct_one_rm) == (95, None)
    bench = _exercises(apply_week_edits(mesocycle, 1, None, frame))[2]
    assert bench.pct_one_rm == 77.5, "without a profile an unchanged row still keeps it"


def test_a_kg_beyond_the_pct_the_plan_can_hold_has_no_pct(mesocycle) -> None:
    frame = week_frames(mesocycle, 1).exercises
    frame.loc[2, "load"] = "120 kg"  # 120 % of the bench press: the load check's error
    bench = _exercises(_edit(mesocycle, frame))[2]
    assert (bench.load_kg, bench.pct_one_rm) == (120, None)


def test_a_typed_pct_replaces_the_kg(mesocycle) -> None:
    frame = week_frames(mesocycle, 1).exercises
    frame.loc[2, "load"] = "70% 1RM"
    bench = _exercises(_edit(mesocycle, frame))[2]
    assert (bench.load_kg, bench.pct_one_rm) == (None, 70)


def test_a_renamed_lift_gets_the_pct_of_its_own_1rm(mesocycle) -> None:
    frame = week_frames(mesocycle, 1).exercises
    frame.loc[2, "exercise"] = "Deadlift"  # 77.5 kg of a 180 kg deadlift
    frame.loc[0, "exercise"] = "Front Squat"  # no 1RM of its own: the back squat's × its ratio
    after = _exercises(_edit(mesocycle, frame))
    assert (after[2].load_kg, after[2].pct_one_rm) == (77.5, 43.1)
    assert after[0].load_kg == 122.5
    assert after[0].pct_one_rm == pct_for_load(PROFILE, "Front Squat", 122.5) != 87.5


def test_deleted_and_added_rows_are_matched_by_label_not_position(mesocycle) -> None:
    frame = week_frames(mesocycle, 1).exercises
    frame = frame.drop(index=0)  # the top set goes: the back-off sets are now the first row
    added = frame.loc[[1]].assign(load="100 kg")  # a new set of squats at 100 kg
    added.index = [len(_exercises(mesocycle)) + 5]
    frame = pd.concat([frame, added])
    after = _exercises(_edit(mesocycle, frame))
    squats = [(e.load_kg, e.pct_one_rm) for e in after if e.name == "Back Squat"]
    assert squats == [(110, 78.6), (100, 71.4)]
    assert after[1].pct_one_rm == 77.5  # the bench press, moved up a row


def test_an_added_row_has_no_pct_unless_computable(mesocycle) -> None:
    frame = week_frames(mesocycle, 1).exercises
    row = frame.loc[3].to_dict()
    frame.loc[len(frame)] = {**row, "exercise": "Goblet Squat", "load": "24 kg"}
    frame.loc[len(frame)] = {**row, "exercise": "Deadlift", "load": "144 kg"}
    added = {e.name: e for e in _exercises(_edit(mesocycle, frame))}
    assert (added["Goblet Squat"].load_kg, added["Goblet Squat"].pct_one_rm) == (24, None)
    assert (added["Deadlift"].load_kg, added["Deadlift"].pct_one_rm) == (144, 80.0)  # of 180


def test_original_of_reads_only_labels_of_drawn_rows(mesocycle) -> None:
    drawn = _exercises(mesocycle)
    assert original_of(1, drawn) is drawn[1]
    assert original_of(1.0, drawn) is drawn[1]
    assert original_of(len(drawn), drawn) is None
    assert original_of(-1, drawn) is None
    assert original_of("0", drawn) is None
    assert original_of(True, drawn) is None


def test_pct_for_load_uses_the_clients_1rm() -> None:
    assert pct_for_load(PROFILE, "Back Squat", 105) == 75.0
    assert pct_for_load(PROFILE, "Romanian Deadlift", 90) is None
    assert pct_for_load(None, "Back Squat", 105) is None
    assert pct_for_load(PROFILE, "Not A Lift", 50) is None


def test_apply_all_edits_passes_the_profile_on(mesocycle) -> None:
    frame = week_frames(mesocycle, 1).exercises
    frame.loc[1, "load"] = "105 kg"
    edited, failures = apply_all_edits(mesocycle, {1: (None, frame)}, profile=PROFILE)
    assert not failures
    assert _exercises(edited)[1].pct_one_rm == 75.0


def test_a_row_added_in_place_of_a_deleted_last_row_is_not_taken_for_it() -> None:
    """With the last row deleted, Streamlit gives the next added row that row's label: a row of
    another lift there gets the %1RM of its own 1RM, not the deleted row's."""
    meso = _with_main_lifts(-1)  # the main lifts are the grid's last rows
    frame = week_frames(meso, 1).exercises
    last = len(frame) - 1
    assert (frame.loc[last, "exercise"], frame.loc[last, "load"]) == ("Romanian Deadlift", "90 kg")
    frame.loc[last, "exercise"] = "Deadlift"  # the RDL "deleted", a deadlift "added" at 90 kg
    deadlift = _exercises(_edit(meso, frame))[last]
    assert (deadlift.name, deadlift.load_kg, deadlift.pct_one_rm) == ("Deadlift", 90, 50.0)
