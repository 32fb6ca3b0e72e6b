"""The client's own page through app.py (``/?client=<token>``): a good link shows only that client's
today, this week and next week and logs as the client; a bad one shows one sentence and nothing else;
a link revoked while open stops at the next rerun. The clock is frozen on a Wednesday of week 2."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from streamlit.testing.v1 import AppTest

from core.client_links import CALENDAR_FEED, CLIENT_VIEW, REFUSED
from core.dates import frozen_clock
from core.generation.engine import OfflineEngine
from core.read_models import ClientRecord
from core.schemas import WorkoutStatus
from tests.app.conftest import ROOT, TIMEOUT
from tests.app.test_pages import _save_first_phase
from tests.factories import make_profile

START = date(2026, 11, 30)  # a Monday: week 1 has no transition week
WEDNESDAY = datetime(2026, 12, 9, 10, 0, tzinfo=UTC)  # week 2
THIS_MONDAY = date(2026, 12, 7)


@pytest.fixture(autouse=True)
def wednesday() -> Iterator[None]:
    with frozen_clock(WEDNESDAY):
        yield


def _seed(wiring):  # type: ignore[no-untyped-def]
    profile = make_profile(name="Lia Logger", timezone="UTC")
    client = ClientRecord(wiring.storage.create_client(profile), profile)
    program_id = wiring.service.create_program(client, 8, START, OfflineEngine())
    _save_first_phase(wiring, client, program_id)
    other = make_profile(name="Otto Other", timezone="UTC")
    other_client = ClientRecord(wiring.storage.create_client(other), other)
    _save_first_phase(
        wiring,
        other_client,
        wiring.service.create_program(other_client, 8, START, OfflineEngine()),
    )
    return client


def _open(token: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.query_params["client"] = token
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _text(at: AppTest) -> str:
    kinds = ("title", "subheader", "markdown", "caption", "info", "success", "expander")
    parts = [
        str(getattr(e, "label", None) or getattr(e, "value", "")) for k in kinds for e in at.get(k)
    ]
    return "\n".join(parts)


def test_a_good_link_shows_only_that_clients_two_weeks(wiring) -> None:  # type: ignore[no-untyped-def]
    client = _seed(wiring)
    token = wiring.service.create_link(client.id, "Phone", CLIENT_VIEW).token
    at = _open(token)
    shown = _text(at)
    assert [t.value for t in at.title] == ["Lia Logger's training"]
    assert [s.value for s in at.subheader] == ["Today", "This week", "Next week"]
    two_weeks = wiring.storage.workouts_for_client(
        client.id, THIS_MONDAY, THIS_MONDAY + timedelta(days=13)
    )
    for workout in two_weeks:
        assert f"{workout.date:%a %d %b} · {workout.title}" in shown
    earlier = wiring.storage.workouts_for_client(client.id, START, THIS_MONDAY - timedelta(days=1))
    assert not any(f"{w.date:%a %d %b}" in shown for w in earlier)
    assert "Otto Other" not in shown
    assert "Signed in as" not in shown and not at.sidebar.children  # no coach page, no picker


@pytest.mark.parametrize("case", ["unknown", "revoked", "calendar", "garbage"])
def test_a_bad_link_shows_one_sentence_and_nothing_else(wiring, case: str) -> None:  # type: ignore[no-untyped-def]
    client = _seed(wiring)
    made = wiring.service.create_link(
        client.id, "Phone", CALENDAR_FEED if case == "calendar" else CLIENT_VIEW
    )
    if case == "revoked":
        wiring.storage.revoke_client_link(made.link.id)
    token = {"unknown": "z" * 43, "garbage": "<script>"}.get(case, made.token)
    at = _open(token)
    assert [i.value for i in at.info] == [REFUSED]
    assert not at.title and not at.button and not at.text_input and not at.selectbox
    assert "Lia" not in _text(at)


def test_the_client_logs_a_session_marked_as_theirs_and_a_revoked_link_stops_next_run(
    wiring,  # type: ignore[no-untyped-def]
) -> None:
    client = _seed(wiring)
    made = wiring.service.create_link(client.id, "Phone", CLIENT_VIEW)
    at = _open(made.token)
    past = next(
        w
        for w in wiring.storage.workouts_for_client(client.id, THIS_MONDAY, WEDNESDAY.date())
        if w.session_type == "lift" and w.date < WEDNESDAY.date()
    )
    at.button(key=f"done-{past.id}").click()
    at = at.run()
    assert not at.exception and not at.error
    stored = wiring.storage.get_workout(past.id)
    assert (stored.status, stored.logged_by) == (WorkoutStatus.COMPLETED, "client")
    assert [r.logged_by for r in wiring.storage.log_revisions(past.id)] == ["client"]
    assert any(": completed" in s.value for s in at.success)
    wiring.storage.revoke_client_link(made.link.id)
    at = at.run()
    assert [i.value for i in at.info] == [REFUSED]
    assert not at.title and not at.button
