"""The page caches never show data older than the database: a log saved elsewhere (another
browser, the client's own link, another server) shows on the next run of Workouts, Progress and
the Overview, though their reads and figures are cached between runs."""

from __future__ import annotations

from core.schemas import WorkoutStatus
from core.session_log import SessionLog, planned_sets
from tests.app.test_pages import assert_no_errors, click
from tests.app.test_set_logging import _open, _seed
from ui.blocks import stored_blocks


def _done(at) -> list[str]:  # type: ignore[no-untyped-def]
    """The "Done" column of the session's planned-vs-done table; [] when there is none."""
    frames = [f.value for f in at.dataframe if "Done" in f.value.columns]
    return list(frames[0]["Done"]) if frames else []


def _log_one_set(wiring, workout, load_kg: float) -> int:  # type: ignore[no-untyped-def]
    """As another browser would: the session logged again, one set of reps alone at
    ``load_kg``; the number of its exercise (the table's "#")."""
    planned = [e for b in stored_blocks(workout) for e in b.exercises]
    first = next(s for s in planned_sets(planned) if s.reps)
    first = first.model_copy(update={"load_kg": load_kg})
    log = SessionLog(status=WorkoutStatus.COMPLETED, session_rpe=8, minutes=40, sets=[first])
    wiring.service.log_session(workout.id, log)
    return first.exercise_index + 1


def test_a_session_logged_again_elsewhere_shows_its_new_sets_on_the_next_run(page, wiring) -> None:  # type: ignore[no-untyped-def]
    client, workout = _seed(wiring)
    at = click(_open(page, client, workout), "Done as planned")
    assert_no_errors(at)
    assert _done(at) and "not logged" not in _done(at)

    number = _log_one_set(wiring, workout, load_kg=61.5)
    at.run()
    assert_no_errors(at)
    done = _done(at)
    assert "61.5" in done[number - 1], done
    others = done[: number - 1] + done[number:]
    assert others and all(cell == "not logged" for cell in others), done

    wiring.service.mark_workout(workout.id, WorkoutStatus.SCHEDULED)  # undone elsewhere
    at.run()
    assert_no_errors(at)
    assert _done(at) == []
    assert any(button.label == "Done as planned" for button in at.button)


def test_progress_shows_a_set_logged_elsewhere_on_the_next_run(page, wiring) -> None:  # type: ignore[no-untyped-def]
    client, workout = _seed(wiring)
    at = page("progress", client_id=str(client.id))
    assert any("No loaded sets logged yet" in c.value for c in at.caption)
    assert not at.dataframe

    _log_one_set(wiring, workout, load_kg=61.5)
    at.run()
    assert_no_errors(at)
    [records] = [frame.value for frame in at.dataframe]
    assert 61.5 in list(records["Kg"]), records


def test_the_overview_shows_a_log_saved_elsewhere_on_the_next_run(page, wiring) -> None:  # type: ignore[no-untyped-def]
    _client, workout = _seed(wiring)
    at = page("overview")
    grid = at.dataframe[-1].value
    assert grid["Last logged"].isna().all()

    _log_one_set(wiring, workout, load_kg=61.5)
    at.run()
    assert_no_errors(at)
    [last] = list(at.dataframe[-1].value["Last logged"])
    assert str(last).startswith(str(workout.date)), last
