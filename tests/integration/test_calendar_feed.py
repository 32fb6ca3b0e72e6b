"""The calendar feed route (GET /calendar/<token>.ics) on SQLite and PostgreSQL, through Starlette's
test client: a calendar link's feed has one event per stored workout and follows the plan as it
changes; a client-view, revoked or unknown token gets 404 and the one sentence; a throttled address
429; no log record at DEBUG holds the token."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine
from starlette.applications import Starlette
from starlette.testclient import TestClient

from bootstrap import Wiring
from core.client_links import CALENDAR_FEED, CLIENT_VIEW, REFUSED
from core.dates import frozen_clock
from core.generation.engine import OfflineEngine
from db.client_links import LINK_ADDRESS_LIMIT
from db.storage import SqlStorage
from tests.conftest import default_coach_id, store_client_and_program
from ui import calendar_feed

START = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def client(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    wiring = Wiring(engine=engine, generators={"offline": OfflineEngine()}, database_url="x")
    monkeypatch.setattr(calendar_feed, "_wiring", lambda: wiring)
    with frozen_clock(START), TestClient(Starlette(routes=calendar_feed.routes())) as http:
        yield http


def _server_log(caplog: pytest.LogCaptureFixture) -> str:
    """Every record but the test client's own (httpx logs the URL it requests)."""
    return "\n".join(
        record.getMessage() for record in caplog.records if not record.name.startswith("httpx")
    )


def _service(engine: Engine):  # type: ignore[no-untyped-def]
    from core.service import MesocycleGenerationService

    return MesocycleGenerationService(SqlStorage(engine, default_coach_id(engine)), OfflineEngine())


def _save_phase(engine: Engine, client_id, program_id, index: int) -> None:  # type: ignore[no-untyped-def]
    service = _service(engine)
    client = service.storage.get_client(client_id)
    program = service.storage.get_program(program_id)
    slot = service.phases(program)[index]
    service.save(service.preview_slot(client, program, slot))


def test_the_feed_has_one_event_per_workout_and_follows_the_plan(
    engine: Engine, client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    ids = store_client_and_program(engine)
    service = _service(engine)
    token = service.create_link(ids.client_id, "Calendar", CALENDAR_FEED).token
    _save_phase(engine, ids.client_id, ids.program_id, 0)
    first = client.get(f"/calendar/{token}.ics")
    workouts = service.storage.workouts_for_client(ids.client_id)
    assert first.status_code == 200
    assert first.headers["content-type"] == "text/calendar; charset=utf-8"
    assert first.headers["cache-control"] == "private, no-store"
    assert first.text.startswith("BEGIN:VCALENDAR\r\n")
    assert first.text.count("BEGIN:VEVENT") == len(workouts) > 0
    uids = {line for line in first.text.split("\r\n") if line.startswith("UID:")}
    assert {line.split(":")[1].split("@")[0] for line in uids} == {str(w.id) for w in workouts}
    _save_phase(engine, ids.client_id, ids.program_id, 1)  # the plan grows: so does the feed
    after = client.get(f"/calendar/{token}.ics")
    assert (
        after.text.count("BEGIN:VEVENT")
        == len(service.storage.workouts_for_client(ids.client_id))
        > len(workouts)
    )
    assert token not in _server_log(caplog)


def test_a_token_that_is_no_calendar_links_gets_404_and_one_sentence(
    engine: Engine, client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    ids = store_client_and_program(engine)
    service = _service(engine)
    view = service.create_link(ids.client_id, "Phone", CLIENT_VIEW).token
    revoked = service.create_link(ids.client_id, "Old", CALENDAR_FEED)
    service.storage.revoke_client_link(revoked.link.id)
    for token in (view, revoked.token, "q" * 43, "short"):
        answer = client.get(f"/calendar/{token}.ics")
        assert (answer.status_code, answer.text) == (404, REFUSED)
        assert token not in _server_log(caplog)


def test_an_address_that_keeps_failing_is_told_to_wait(engine: Engine, client: TestClient) -> None:
    ids = store_client_and_program(engine)
    good = _service(engine).create_link(ids.client_id, "Calendar", CALENDAR_FEED).token
    for _ in range(LINK_ADDRESS_LIMIT):
        assert client.get(f"/calendar/{'w' * 43}.ics").status_code == 404
    answer = client.get(f"/calendar/{good}.ics")
    assert (answer.status_code, answer.text) == (
        429,
        "Too many failed attempts to open a link; try again in 15 minutes.",
    )
