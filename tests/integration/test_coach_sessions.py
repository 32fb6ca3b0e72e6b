"""Sessions that last, on SQLite and PostgreSQL: a one-time code buys one cookie; the cookie
resumes its coach until sign-out, a password change, "sign out everywhere" or its expiry; only
SHA-256 digests are stored."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine
from sqlmodel import Session, select

from core.dates import frozen_clock
from db import coach_sessions
from db.accounts import create_coach, set_password
from db.models import CoachSessionDB

PASSWORD = "violet anchor tundra"
START = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def _signed_in(engine: Engine, username: str = "mia") -> tuple[coach_sessions.Started, str]:
    coach_id = create_coach(engine, username, PASSWORD, username.title())
    started = coach_sessions.start(engine, coach_id)
    cookie = coach_sessions.claim(engine, started.handoff_code)
    assert cookie is not None
    return started, cookie.value


def test_the_code_buys_one_cookie_that_resumes_its_coach(engine: Engine) -> None:
    with frozen_clock(START):
        started, cookie = _signed_in(engine)
        resumed = coach_sessions.resume(engine, cookie)
        assert resumed is not None and resumed[0] == started.session_id
        assert coach_sessions.claim(engine, started.handoff_code) is None  # spent
        assert coach_sessions.resume(engine, cookie + "x") is None
        assert coach_sessions.resume(engine, "") is None
    with Session(engine) as session:
        [row] = session.exec(select(CoachSessionDB)).all()
    assert row.token_hash == coach_sessions.digest(cookie) and cookie not in str(row.model_dump())
    assert row.handoff_hash is None


def test_a_code_expires_unclaimed(engine: Engine) -> None:
    coach_id = create_coach(engine, "mia", PASSWORD, "Mia")
    with frozen_clock(START):
        started = coach_sessions.start(engine, coach_id)
    with frozen_clock(START + coach_sessions.HANDOFF + timedelta(seconds=1)):
        assert coach_sessions.claim(engine, started.handoff_code) is None


def test_sign_out_ends_only_that_session(engine: Engine) -> None:
    with frozen_clock(START):
        started, cookie = _signed_in(engine)
        other = coach_sessions.start(engine, started_coach(engine, cookie))
        coach_sessions.end(engine, started.session_id)
        assert coach_sessions.resume(engine, cookie) is None
        coach_id = started_coach_id(engine, other.session_id)
        assert coach_sessions.live_version(engine, coach_id, other.session_id)[1] is True
        assert coach_sessions.live_version(engine, coach_id, started.session_id)[1] is False


def test_a_password_change_and_sign_out_everywhere_end_every_session(engine: Engine) -> None:
    with frozen_clock(START):
        _started, cookie = _signed_in(engine)
        set_password(engine, "mia", "a brand new passphrase")
        assert coach_sessions.resume(engine, cookie) is None
        again, cookie = _signed_in(engine, "zoe")
        coach_id = started_coach_id(engine, again.session_id)
        version = coach_sessions.live_version(engine, coach_id, None)[0]
        coach_sessions.end_all(engine, coach_id)
        assert coach_sessions.resume(engine, cookie) is None
        assert coach_sessions.live_version(engine, coach_id, None)[0] == (version or 0) + 1


def test_a_session_ends_at_its_expiry_and_is_purged(engine: Engine) -> None:
    with frozen_clock(START):
        _started, cookie = _signed_in(engine)
    later = START + coach_sessions.LIFETIME + timedelta(minutes=1)
    with frozen_clock(later):
        assert coach_sessions.resume(engine, cookie) is None
        assert coach_sessions.purge_expired(engine) == 1


def started_coach(engine: Engine, cookie: str):  # type: ignore[no-untyped-def]
    found = coach_sessions.resume(engine, cookie)
    assert found is not None
    return found[1]


def started_coach_id(engine: Engine, session_id):  # type: ignore[no-untyped-def]
    with Session(engine) as session:
        row = session.get(CoachSessionDB, session_id)
        assert row is not None
        return row.coach_id
