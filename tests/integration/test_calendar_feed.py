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
from core.client_address import parse_trusted_proxies
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


def _behind_proxy(engine: Engine, monkeypatch: pytest.MonkeyPatch, trusted: str) -> TestClient:
    """The route as a reverse proxy at 10.0.0.2 reaches it (every request from that address)."""
    proxies, _ = parse_trusted_proxies(trusted)
    wiring = Wiring(
        engine=engine,
        generators={"offline": OfflineEngine()},
        database_url="x",
        trusted_proxies=proxies,
    )
    monkeypatch.setattr(calendar_feed, "_wiring", lambda: wiring)
    return TestClient(Starlette(routes=calendar_feed.routes()), client=("10.0.0.2", 40000))


def _guess_until_locked(http: TestClient, forwarded_for: str) -> None:
    for _ in range(LINK_ADDRESS_LIMIT):
        http.get(f"/calendar/{'w' * 43}.ics", headers={"X-Forwarded-For": forwarded_for})


@pytest.mark.parametrize("trusted", ["10.0.0.2", "10.0.0.0/24, 192.0.2.9"])
def test_behind_a_trusted_proxy_one_guessing_browser_does_not_lock_out_the_others(
    engine: Engine, monkeypatch: pytest.MonkeyPatch, trusted: str
) -> None:
    ids = store_client_and_program(engine)
    good = _service(engine).create_link(ids.client_id, "Calendar", CALENDAR_FEED).token
    with frozen_clock(START), _behind_proxy(engine, monkeypatch, trusted) as http:
        _guess_until_locked(http, "203.0.113.66")
        locked = http.get(f"/calendar/{good}.ics", headers={"X-Forwarded-For": "203.0.113.66"})
        assert locked.status_code == 429
        # a forged left-hand entry does not escape the lockout: the proxy's own entry counts
        forged = http.get(
            f"/calendar/{good}.ics", headers={"X-Forwarded-For": "198.51.100.1, 203.0.113.66"}
        )
        assert forged.status_code == 429
        other = http.get(f"/calendar/{good}.ics", headers={"X-Forwarded-For": "203.0.113.7"})
        assert other.status_code == 200


def test_without_the_setting_x_forwarded_for_is_not_believed(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = store_client_and_program(engine)
    good = _service(engine).create_link(ids.client_id, "Calendar", CALENDAR_FEED).token
    with frozen_clock(START), _behind_proxy(engine, monkeypatch, "") as http:
        _guess_until_locked(http, "203.0.113.66")
        # every browser behind the proxy shares its address; a forged header changes nothing
        other = http.get(f"/calendar/{good}.ics", headers={"X-Forwarded-For": "203.0.113.7"})
        assert other.status_code == 429
