"""Client links on SQLite and PostgreSQL: only the token's hash is stored; unknown, revoked,
expired and wrong-kind tokens get one sentence; openings are throttled per address; a link is
one coach's (another coach cannot list or revoke it); the log never holds the token."""

from __future__ import annotations

import hashlib
import logging
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session, select

from core.client_links import CALENDAR_FEED, CLIENT_VIEW, REFUSED, LinkRefused
from core.dates import frozen_clock
from core.errors import InvalidInput, NotFound
from core.generation.engine import OfflineEngine
from core.service import MesocycleGenerationService
from db.accounts import create_coach
from db.client_links import LINK_ADDRESS_LIMIT, open_link, still_open
from db.models import ClientLinkDB
from db.storage import SqlStorage
from tests.conftest import default_coach_id, store_client_and_program

START = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
BERLIN = ZoneInfo("Europe/Berlin")  # the client's zone (make_profile)


def _service(engine: Engine, coach_id=None) -> MesocycleGenerationService:  # type: ignore[no-untyped-def]
    return MesocycleGenerationService(
        SqlStorage(engine, coach_id or default_coach_id(engine)), OfflineEngine()
    )


def _open(engine: Engine, token: str, kind=CLIENT_VIEW, address: str | None = "203.0.113.7") -> str:  # type: ignore[no-untyped-def]
    try:
        grant = open_link(engine, token, kind, address)
    except LinkRefused as refused:
        return str(refused)
    return f"client {grant.client_id}"


def test_only_the_hash_of_the_token_is_stored_and_the_token_opens_that_client(
    engine: Engine,
) -> None:
    client_id = store_client_and_program(engine).client_id
    with frozen_clock(START):
        made = _service(engine).create_link(client_id, "  Phone ", CLIENT_VIEW)
        assert _open(engine, made.token) == f"client {client_id}"
    assert len(made.token) == 43
    with Session(engine) as session:
        row = session.exec(select(ClientLinkDB)).one()
        dump = "\n".join(
            str(value)
            for table in ("client_links", "sign_in_attempts")
            for line in session.connection().execute(text(f"SELECT * FROM {table}"))
            for value in line
        )
    assert row.token_hash == hashlib.sha256(made.token.encode()).hexdigest()
    assert made.token not in dump
    assert row.name == "Phone"
    listed = SqlStorage(engine, default_coach_id(engine)).list_client_links(client_id)
    assert [(link.name, link.status(START), link.last_used_at) for link in listed] == [
        ("Phone", "active", START)
    ]


def test_unknown_revoked_expired_and_wrong_kind_tokens_get_the_same_sentence(
    engine: Engine,
) -> None:
    client_id = store_client_and_program(engine).client_id
    service = _service(engine)
    with frozen_clock(START):
        revoked = service.create_link(client_id, "Old phone", CLIENT_VIEW)
        expiring = service.create_link(client_id, "Camp", CLIENT_VIEW, date(2026, 12, 3))
        feed = service.create_link(client_id, "Calendar", CALENDAR_FEED)
        service.storage.revoke_client_link(revoked.link.id)
        service.storage.revoke_client_link(revoked.link.id)  # twice: no error, first moment kept
        assert _open(engine, revoked.token) == REFUSED
        assert _open(engine, "x" * 43) == REFUSED
        assert _open(engine, "not a token") == REFUSED
        assert _open(engine, feed.token, CLIENT_VIEW) == REFUSED
        assert _open(engine, feed.token, CALENDAR_FEED) == f"client {client_id}"
        assert _open(engine, expiring.token) == f"client {client_id}"
        assert still_open(engine, expiring.link.id) and not still_open(engine, revoked.link.id)
    with frozen_clock(datetime(2026, 12, 3, 23, 59, tzinfo=BERLIN)):  # its last day opens
        assert _open(engine, expiring.token) == f"client {client_id}"
    with frozen_clock(datetime(2026, 12, 4, 0, 0, tzinfo=BERLIN)):
        assert _open(engine, expiring.token) == REFUSED
        assert not still_open(engine, expiring.link.id)
        statuses = {
            link.name: link.status(datetime(2026, 12, 4, tzinfo=BERLIN))
            for link in service.storage.list_client_links(client_id)
        }
    assert statuses == {"Old phone": "revoked", "Camp": "expired", "Calendar": "active"}
    links = {link.name: link for link in service.storage.list_client_links(client_id)}
    assert links["Old phone"].revoked_at == START


def test_a_name_and_an_expiry_the_coach_must_fix_are_refused_in_a_sentence(
    engine: Engine,
) -> None:
    client_id = store_client_and_program(engine).client_id
    service = _service(engine)
    with frozen_clock(START), pytest.raises(InvalidInput, match="Give the link a name"):
        service.create_link(client_id, "   ", CLIENT_VIEW)
    with frozen_clock(START), pytest.raises(InvalidInput, match="already past"):
        service.create_link(client_id, "Phone", CLIENT_VIEW, date(2026, 11, 30))
    assert service.storage.list_client_links(client_id) == []


def test_failed_openings_from_one_address_lock_it_even_for_a_good_token(engine: Engine) -> None:
    client_id = store_client_and_program(engine).client_id
    with frozen_clock(START):
        good = _service(engine).create_link(client_id, "Phone", CLIENT_VIEW).token
        for _ in range(10):  # good openings give their attempt back: they never add up
            assert _open(engine, good) == f"client {client_id}"
        answers = [_open(engine, "y" * 43) for _ in range(LINK_ADDRESS_LIMIT + 2)]
        locked = "Too many failed attempts to open a link; try again in 15 minutes."
        assert answers[:LINK_ADDRESS_LIMIT] == [REFUSED] * LINK_ADDRESS_LIMIT
        assert answers[LINK_ADDRESS_LIMIT:] == [locked] * 2
        assert _open(engine, good) == locked
        assert _open(engine, good, address="198.51.100.2") == f"client {client_id}"
    with frozen_clock(START + timedelta(minutes=15, seconds=1)):
        assert _open(engine, good) == f"client {client_id}"


def test_a_link_is_one_coachs_and_the_log_never_holds_the_token(
    engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    client_id = store_client_and_program(engine).client_id
    other = create_coach(engine, "coach-b", "violet anchor tundra", "Coach B")
    caplog.set_level(logging.DEBUG)
    with frozen_clock(START):
        made = _service(engine).create_link(client_id, "Phone", CLIENT_VIEW)
        with pytest.raises(NotFound):
            _service(engine, other).create_link(client_id, "Mine now", CLIENT_VIEW)
        with pytest.raises(NotFound):
            SqlStorage(engine, other).revoke_client_link(made.link.id)
        assert SqlStorage(engine, other).list_client_links(client_id) == []
        _open(engine, made.token)
        _open(engine, made.token[:-1] + ("A" if made.token[-1] != "A" else "B"))
    assert "client link refused: address=203.0.113.7: unknown" in caplog.text
    assert made.token not in caplog.text
    assert made.token[:-1] not in caplog.text
    assert _open(engine, made.token) == f"client {client_id}"  # the other coach revoked nothing
