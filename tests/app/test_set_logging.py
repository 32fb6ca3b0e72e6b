"""Logging on the Workouts page: done as planned or skipped in one click, set by set once "Log set
by set" is on (and kept on across a save), swaps need a reason."""

from __future__ import annotations

from datetime import date, timedelta

from core.generation.engine import OfflineEngine
from core.read_models import ClientRecord
from core.schemas import WorkoutStatus
from core.session_log import planned_sets
from tests.app.test_pages import _save_first_phase, click
from tests.factories import make_profile
from ui.blocks import stored_blocks
from ui.log_form import BY_SET_KEY

LAST_MONDAY = date.today() - timedelta(days=date.today().weekday(), weeks=1)


def _seed(wiring):  # type: ignore[no-untyped-def]
    profile = make_profile(name="Lia Logger", timezone="UTC")
    client = ClientRecord(wiring.storage.create_client(profile), profile)
    program_id = wiring.service.create_program(client, 8, LAST_MONDAY, OfflineEngine())
    _save_first_phase(wiring, client, program_id)
    first = next(
        w for w in wiring.storage.workouts_for_client(client.id) if w.session_type == "lift"
    )
    return client, first


def _open(page, client, workout):  # type: ignore[no-untyped-def]
    at = page("workouts", client_id=str(client.id), _workouts_week=LAST_MONDAY)
    at.selectbox[1].set_value(str(workout.id))
    return at.run()


def by_set(at, workout):  # type: ignore[no-untyped-def]
    """Switch on the session's "Log set by set" (its grid and form) and rerun."""
    at.toggle(key=f"{BY_SET_KEY}-{workout.id}").set_value(True)
    return at.run()


def test_the_grid_is_drawn_once_log_set_by_set_is_on(page, wiring) -> None:  # type: ignore[no-untyped-def]
    client, workout = _seed(wiring)
    at = _open(page, client, workout)
    assert not at.data_editor
    assert "Save" not in [b.label for b in at.get("form_submit_button")]
    assert {"Done as planned", "Mark skipped"} <= {b.label for b in at.button}
    at = by_set(at, workout)
    [grid] = at.data_editor
    planned = planned_sets([e for b in stored_blocks(workout) for e in b.exercises])
    assert len(grid.value) == len(planned)
    assert "Save" in [b.label for b in at.get("form_submit_button")]


def test_mark_skipped_is_one_click(page, wiring) -> None:  # type: ignore[no-untyped-def]
    client, workout = _seed(wiring)
    at = click(_open(page, client, workout), "Mark skipped")
    assert not at.exception and not at.error
    stored = wiring.storage.get_workout(workout.id)
    assert (stored.status, stored.session_rpe, stored.logged_by) == (
        WorkoutStatus.SKIPPED,
        None,
        "coach",
    )
    assert wiring.storage.workout_sets(workout.id) == []
    assert "Mark skipped" not in [b.label for b in at.button]


def test_done_as_planned_logs_every_prescribed_set_in_one_click(page, wiring) -> None:  # type: ignore[no-untyped-def]
    client, workout = _seed(wiring)
    at = click(_open(page, client, workout), "Done as planned")
    assert not at.exception and not at.error
    stored = wiring.storage.get_workout(workout.id)
    assert (stored.status, stored.actual_minutes, stored.logged_by) == (
        WorkoutStatus.COMPLETED,
        workout.planned_minutes,
        "coach",
    )
    planned = [e for b in stored_blocks(workout) for e in b.exercises]
    assert wiring.storage.workout_sets(workout.id) == planned_sets(planned)
    [done] = [f.value for f in at.dataframe if "Done" in f.value.columns]  # planned vs done
    assert list(done.columns) == ["#", "Planned", "Done"]
    assert "not logged" not in list(done["Done"])


def test_sets_edited_in_the_grid_are_stored_and_the_old_log_is_kept(page, wiring) -> None:  # type: ignore[no-untyped-def]
    client, workout = _seed(wiring)
    at = by_set(click(_open(page, client, workout), "Done as planned"), workout)
    at.session_state[f"sets-{workout.id}"] = {
        "edited_rows": {0: {"Reps": 6, "Kg": 42.5}},
        "added_rows": [],
        "deleted_rows": [1],
    }
    at = click(at, "Save")
    assert not at.exception and not at.error, [e.value for e in at.error]
    sets = wiring.storage.workout_sets(workout.id)
    assert (sets[0].reps, sets[0].load_kg) == (6, 42.5)
    planned = planned_sets([e for b in stored_blocks(workout) for e in b.exercises])
    assert len(sets) == len(planned) - 1
    # the grid stays open after the save and shows the sets as saved
    [grid] = at.data_editor
    assert len(grid.value) == len(planned) - 1
    assert (grid.value.iloc[0]["Reps"], grid.value.iloc[0]["Kg"]) == (6, 42.5)
    history = wiring.storage.log_revisions(workout.id)
    assert [len(r.log.sets) for r in history] == [len(planned), len(planned) - 1]


def test_a_swap_without_a_reason_is_refused_and_nothing_is_stored(page, wiring) -> None:  # type: ignore[no-untyped-def]
    client, workout = _seed(wiring)
    at = by_set(_open(page, client, workout), workout)
    at.session_state[f"sets-{workout.id}"] = {
        "edited_rows": {0: {"Exercise": "Leg Press"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at = click(at, "Save")
    [error] = [e.value for e in at.error]
    assert "replaces the planned" in error and "Swap reason" in error
    assert wiring.storage.get_workout(workout.id).status == WorkoutStatus.SCHEDULED
    assert wiring.storage.log_revisions(workout.id) == []


def test_the_load_pages_frame_carries_the_tonnage_of_the_logged_sets(page, wiring) -> None:  # type: ignore[no-untyped-def]
    from ui import page_data

    client, workout = _seed(wiring)
    click(_open(page, client, workout), "Done as planned")
    sets = wiring.storage.workout_sets(workout.id)
    expected = sum(s.reps * s.load_kg for s in sets if s.reps is not None and s.load_kg is not None)
    stamp = wiring.storage.workouts_stamp(client.id)
    frame = page_data.frame(wiring, client.id, stamp)
    logged = frame.set_index("workout_id")["logged_tonnage"]
    assert logged[str(workout.id)] == expected
    assert logged.drop(str(workout.id)).isna().all()  # nothing logged elsewhere


def test_the_logs_history_is_under_log_set_by_set(page, wiring) -> None:  # type: ignore[no-untyped-def]
    client, workout = _seed(wiring)
    at = click(_open(page, client, workout), "Done as planned")
    assert "Show the log's history" not in [t.label for t in at.toggle]
    at = by_set(at, workout)
    at.toggle(key=f"history-{workout.id}").set_value(True)
    at = at.run()
    [line] = [c.value for c in at.caption if " UTC · by coach · " in c.value]
    planned = planned_sets([e for b in stored_blocks(workout) for e in b.exercises])
    assert line.endswith(
        f"completed, RPE {workout.target_rpe:g}, {workout.planned_minutes} min, {len(planned)} sets"
    )
