"""The Overview page under AppTest: clients needing attention, the all-clients table, click-through."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from core.demo import plan_phases
from core.generation.engine import OfflineEngine
from core.read_models import ClientRecord
from core.schemas import WorkoutStatus
from db.accounts import create_coach
from db.storage import SqlStorage
from tests.factories import make_profile


def _client_with_history(wiring, name: str, weeks_ago: int = 3, log: bool = True) -> ClientRecord:  # type: ignore[no-untyped-def]
    """A 12-week program that started ``weeks_ago`` Mondays ago, every begun phase saved."""
    profile = make_profile(name=name, timezone="UTC")
    client = ClientRecord(wiring.storage.create_client(profile), profile)
    today = date.today()
    start = today - timedelta(days=today.weekday(), weeks=weeks_ago)
    engine = OfflineEngine()
    program_id = wiring.service.create_program(client, 12, start, engine)
    plan_phases(
        wiring.storage,
        wiring.service,
        client,
        program_id,
        until=today + timedelta(weeks=8),
        generator=engine,
    )
    if log:  # every past session completed: on track
        for workout in wiring.storage.workouts_for_client(client.id, end=today - timedelta(days=1)):
            wiring.service.mark_workout(workout.id, WorkoutStatus.COMPLETED, 7.0, 60)
    return client


def _frame_rows(at, index: int) -> list[dict]:  # type: ignore[no-untyped-def]
    return at.dataframe[index].value.to_dict("records")


def test_an_empty_coach_sees_how_to_start(page) -> None:  # type: ignore[no-untyped-def]
    at = page("overview")
    assert [t.value for t in at.title] == ["Overview"]
    assert any("No clients yet" in info.value for info in at.info)


def test_clients_needing_attention_are_listed_with_reasons(page, wiring) -> None:  # type: ignore[no-untyped-def]
    silent = _client_with_history(wiring, "Sia Silent", log=False)
    # started last week: its first phase ends two weeks or more from today
    _client_with_history(wiring, "Olli Ontrack", weeks_ago=1, log=True)
    wiring.storage.create_client(make_profile(name="Nia New", timezone="UTC"))
    # another coach's client with the same troubles never shows up
    other = create_coach(wiring.engine, "coach-other", "correct horse battery", "Other")
    SqlStorage(wiring.engine, other).create_client(make_profile(name="Xena Elsewhere"))

    at = page("overview")

    assert not at.exception and not at.error
    attention = _frame_rows(at, 0)
    by_name = {row["Client"]: row for row in attention}
    assert set(by_name) == {"Sia Silent", "Nia New"}
    assert by_name["Sia Silent"]["Reasons"].startswith("No workout logged yet")
    assert "compliance 0 % over the last 4 weeks" in by_name["Sia Silent"]["Reasons"]
    assert by_name["Sia Silent"]["Compliance 4 wk"] == 0
    assert by_name["Nia New"]["Reasons"] == "No phase planned yet"
    assert next(h.value for h in at.subheader) == "Needs attention (2)"

    everyone = _frame_rows(at, 1)
    # the clients needing attention first, in the same order, the reason in words; then the rest
    assert [row["Client"] for row in everyone] == ["Sia Silent", "Nia New", "Olli Ontrack"]
    assert [row["Needs attention"] for row in everyone] == [
        by_name["Sia Silent"]["Reasons"],
        "No phase planned yet",
        "",
    ]
    ontrack = everyone[2]
    assert ontrack["4 wk"] == 100
    assert isinstance(ontrack["Phase"], str) and ontrack["Phase"]
    assert pd.isna(everyone[0]["Last logged"])
    # blank, not "None", where nothing was due or logged
    assert [frame.proto.placeholder for frame in at.dataframe] == ["", ""]
    # compliance coloured: Sia's 0 % red, Olli's 100 % green, nothing amber here
    styles = at.dataframe[1].proto.arrow_data.styler.styles
    assert "#f6c8a8" in styles and "#b3e0d0" in styles and "#f8e0a0" not in styles
    assert all("Xena" not in str(row) for row in attention + everyone)
    # the picker offers the flagged clients, most reasons first
    assert at.selectbox(key="_overview_client").options[0] == "Sia Silent"
    assert at.selectbox(key="_overview_client").value == str(silent.id)


def test_opening_a_flagged_client_selects_it_for_the_other_pages(page, wiring) -> None:  # type: ignore[no-untyped-def]
    silent = _client_with_history(wiring, "Sia Silent", log=False)
    wiring.storage.create_client(make_profile(name="Nia New", timezone="UTC"))
    at = page("overview")

    picker = at.selectbox(key="_overview_client")
    picker.set_value(str(silent.id)).run()
    next(b for b in at.button if b.label == "Workouts →").click().run()

    assert at.session_state["client_id"] == str(silent.id)
