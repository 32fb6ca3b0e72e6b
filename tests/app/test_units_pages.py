"""A pound-and-mile client on every page: a set logged as 185 lb reads back 185 lb, the Load and
Progress pages draw lb, a run reads in mi; the coach's default units come from Settings."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from core.generation.engine import OfflineEngine
from core.read_models import ClientRecord
from core.schemas import UnitChoice, Units
from core.session_log import planned_sets
from core.units import KG_PER_LB, DistanceUnit, LoadUnit
from tests.app.test_pages import _save_first_phase, click
from tests.app.test_set_logging import by_set
from tests.factories import make_profile
from ui.blocks import stored_blocks
from ui.client_form_view import PROFILE_OPEN

LAST_MONDAY = date.today() - timedelta(days=date.today().weekday(), weeks=1)
POUNDS = UnitChoice(load=LoadUnit.LB, distance=DistanceUnit.MI)


def _seed(wiring, units: UnitChoice = POUNDS, **changes):  # type: ignore[no-untyped-def]
    profile = make_profile(name="Sam Pounds", timezone="UTC", **changes)
    profile = profile.model_copy(update={"units": units})
    client = ClientRecord(wiring.storage.create_client(profile), profile)
    program_id = wiring.service.create_program(client, 8, LAST_MONDAY, OfflineEngine())
    _save_first_phase(wiring, client, program_id)
    return client


def _first(wiring, client, session_type: str = "lift"):  # type: ignore[no-untyped-def]
    return next(
        w for w in wiring.storage.workouts_for_client(client.id) if w.session_type == session_type
    )


def _open(page, client, workout):  # type: ignore[no-untyped-def]
    at = page(
        "workouts",
        client_id=str(client.id),
        _workouts_week=workout.date - timedelta(days=workout.date.weekday()),
    )
    at.selectbox[1].set_value(str(workout.id))
    return at.run()


def _loaded_row(workout) -> int:  # type: ignore[no-untyped-def]
    """The grid row of the session's first set with a load (a warm-up comes before it)."""
    sets = planned_sets([e for b in stored_blocks(workout) for e in b.exercises])
    return next(row for row, result in enumerate(sets) if result.load_kg is not None)


def _log_185(page, wiring, client):  # type: ignore[no-untyped-def]
    workout = _first(wiring, client)
    at = by_set(click(_open(page, client, workout), "Done as planned"), workout)
    at.session_state[f"sets-{workout.id}"] = {
        "edited_rows": {_loaded_row(workout): {"Lb": 185}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at = click(at, "Save")
    assert not at.exception and not at.error, [e.value for e in at.error]
    return at, workout


def test_a_set_logged_as_185_lb_is_stored_in_kg_and_reads_back_185_lb(page, wiring) -> None:  # type: ignore[no-untyped-def]
    client = _seed(wiring)
    at, workout = _log_185(page, wiring, client)
    row = _loaded_row(workout)
    stored = wiring.storage.workout_sets(workout.id)[row]
    assert stored.load_kg == pytest.approx(185 * KG_PER_LB)
    at = by_set(_open(page, client, workout), workout)
    editor = at.dataframe[-1].value  # the logging grid, prefilled from the log
    assert editor.loc[row, "Lb"] == 185.0 and "Kg" not in editor.columns
    done = next(frame for frame in at.dataframe if "Done" in frame.value.columns).value
    line = done.loc[stored.exercise_index, "Done"]
    assert line.startswith(f"{stored.exercise}: {stored.reps} × 185 lb"), line
    prescription = " ".join(m.value for m in at.markdown)
    assert " lb" in prescription and " kg" not in prescription


def _chart_spec(at):  # type: ignore[no-untyped-def]
    [chart] = at.get("plotly_chart")
    return json.loads(chart.proto.spec)


def test_the_load_and_progress_pages_show_pounds(page, wiring) -> None:  # type: ignore[no-untyped-def]
    client = _seed(wiring)
    _log_185(page, wiring, client)
    at = page("load", client_id=str(client.id))
    assert not at.exception and not at.error
    assert _chart_spec(at)["layout"]["yaxis"]["title"]["text"] == "Σ reps × lb"
    at = page("progress", client_id=str(client.id))
    assert not at.exception and not at.error
    figures = at.get("plotly_chart")
    e1rm = json.loads(figures[0].proto.spec)
    assert e1rm["layout"]["yaxis"]["title"]["text"] == "Estimated 1RM (lb)"
    [records] = [frame.value for frame in at.dataframe]
    assert "Lb" in records.columns and 185.0 in set(records["Lb"])


def test_an_endurance_client_in_miles_reads_every_distance_in_mi(page, wiring) -> None:  # type: ignore[no-untyped-def]
    client = _seed(
        wiring,
        UnitChoice(distance=DistanceUnit.MI),
        goal="endurance",
        equipment=["treadmill"],
        oneRepMaxes={},
    )
    run = _first(wiring, client, "run")
    at = _open(page, client, run)
    text = " ".join(m.value for m in at.markdown)
    assert " mi" in text and " km" not in text


def test_the_coach_default_set_in_settings_is_what_a_following_client_is_shown_in(
    page, wiring
) -> None:  # type: ignore[no-untyped-def]
    at = page("settings")
    at.selectbox[0].set_value(LoadUnit.LB)
    at.selectbox[1].set_value(DistanceUnit.MI)
    at = click(at, "Save units")
    assert not at.exception
    assert wiring.storage.coach_units() == Units(load=LoadUnit.LB, distance=DistanceUnit.MI)
    client = _seed(wiring, UnitChoice())
    workout = _first(wiring, client)
    at = _open(page, client, workout)
    text = " ".join(m.value for m in at.markdown)
    assert " lb" in text and " kg" not in text


def test_the_client_form_takes_pounds_and_shows_them_back(page, wiring) -> None:  # type: ignore[no-untyped-def]
    at = page("clients")
    at.text_input[1].set_value("Sam Pounds")
    [load_unit] = [box for box in at.selectbox if box.label == "Load unit"]
    load_unit.set_value(LoadUnit.LB)
    [maxes] = [t for t in at.text_area if t.label.startswith("1RMs")]
    maxes.set_value("Back Squat: 315 lb\nBench Press: 100 kg")
    [barbell] = [n for n in at.number_input if n.label.startswith("Barbell jump")]
    barbell.set_value(2.5)
    at = click(at, "Create client")
    assert not at.exception and not at.error, [e.value for e in at.error]
    [client] = wiring.storage.list_clients()
    profile = client.profile
    assert profile.units == UnitChoice(load=LoadUnit.LB)
    assert profile.one_rep_maxes["Back Squat"] == pytest.approx(315 * KG_PER_LB)
    assert profile.one_rep_maxes["Bench Press"] == 100.0
    assert profile.increments is not None
    assert profile.increments.barbell == 2.5  # typed in the form's unit (kg for a new client)
    at = page("clients", client_id=str(client.id), **{PROFILE_OPEN: True})
    [maxes] = [t for t in at.text_area if t.label.startswith("1RMs in lb")]
    assert maxes.value == "Back Squat: 315 lb\nBench Press: 220.46 lb"
    [barbell] = [n for n in at.number_input if n.label == "Barbell jump (lb)"]
    assert barbell.value == pytest.approx(5.51)
