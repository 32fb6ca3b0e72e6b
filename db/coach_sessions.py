"""Sessions that last: one row per signed-in browser, its cookie known only by its SHA-256.

The cookie value is 32 random bytes (``secrets.token_urlsafe``); the table keeps its SHA-256, so
a copy of the database signs nobody in. A sign-in on the page (a Streamlit session, which cannot
set an HttpOnly cookie) makes the row with a one-time code valid for ``HANDOFF``; the browser
posts that code to the app's server (ui/session_routes.py), which mints the cookie. A row ends
on sign-out, on a password change (every row of the coach goes, and the coach's session version
rises), or at ``expires_at``.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, delete
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from core.dates import now
from db.engine import WRITE_TRANSACTION
from db.models import CoachDB, CoachSessionDB
from db.retry import with_retry

LIFETIME = timedelta(days=14)
"""A session ends this long after its sign-in (OWASP ASVS v4 3.3.2: re-authenticate within 30 days)."""
HANDOFF = timedelta(minutes=2)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class Started:
    """A new session: its row, and the one-time code the browser trades for its cookie."""

    session_id: uuid.UUID
    handoff_code: str
    version: int


@dataclass(frozen=True)
class Cookie:
    """What the server sets: the cookie value and when it expires."""

    value: str
    expires_at: datetime


def start(engine: Engine, coach_id: uuid.UUID) -> Started:
    """A session of ``coach_id`` at the coach's current session version."""
    code = secrets.token_urlsafe(32)

    def insert() -> Started:
        with Session(engine, execution_options={WRITE_TRANSACTION: True}) as session:
            version = session.exec(
                select(CoachDB.session_version).where(CoachDB.id == coach_id)
            ).one()
            moment = now()
            row = CoachSessionDB(
                coach_id=coach_id,
                handoff_hash=digest(code),
                handoff_expires_at=moment + HANDOFF,
                session_version=version,
                expires_at=moment + LIFETIME,
            )
            session.add(row)
            session.commit()
            return Started(row.id, code, version)

    return with_retry(insert, what="start a session")


def claim(engine: Engine, code: str) -> Cookie | None:
    """The cookie for a session's one-time code (used up here), or None for a spent, expired or
    unknown code."""
    if not isinstance(code, str) or not code or len(code) > 100:
        return None
    value = secrets.token_urlsafe(32)

    def trade() -> Cookie | None:
        moment = now()
        with Session(engine, execution_options={WRITE_TRANSACTION: True}) as session:
            row = session.exec(
                select(CoachSessionDB)
                .where(col(CoachSessionDB.handoff_hash) == digest(code))
                .with_for_update()
            ).first()
            if row is None or row.handoff_expires_at is None:
                return None
            if _aware(row.handoff_expires_at) < moment or _aware(row.expires_at) < moment:
                return None
            row.handoff_hash, row.handoff_expires_at = None, None
            row.token_hash = digest(value)
            session.add(row)
            session.commit()
            return Cookie(value, _aware(row.expires_at))

    return with_retry(trade, what="hand over a session")


def resume(engine: Engine, cookie: str | None) -> tuple[uuid.UUID, uuid.UUID, int] | None:
    """``(session id, coach id, session version)`` of a live session's cookie, else None."""
    if not isinstance(cookie, str) or not cookie or len(cookie) > 100:
        return None

    def read() -> tuple[uuid.UUID, uuid.UUID, int] | None:
        with Session(engine) as session:
            found = session.execute(
                sa_select(
                    col(CoachSessionDB.id),
                    col(CoachSessionDB.coach_id),
                    col(CoachSessionDB.expires_at),
                    col(CoachDB.session_version),
                )
                .join(CoachDB, col(CoachDB.id) == col(CoachSessionDB.coach_id))
                .where(
                    col(CoachSessionDB.token_hash) == digest(cookie),
                    col(CoachSessionDB.session_version) == col(CoachDB.session_version),
                )
            ).first()
        if found is None or _aware(found[2]) < now():
            return None
        return found[0], found[1], found[3]

    return with_retry(read, what="check the session")


def live_version(
    engine: Engine, coach_id: uuid.UUID, session_id: uuid.UUID | None
) -> tuple[int | None, bool]:
    """The coach's session version (None: no such coach) and whether ``session_id`` is still
    live (always True for None: a session signed in without a row, as the tests do); one read."""

    def read() -> tuple[int | None, bool]:
        with Session(engine) as session:
            if session_id is None:
                version = session.exec(
                    select(CoachDB.session_version).where(CoachDB.id == coach_id)
                ).first()
                return version, True
            found = session.execute(
                sa_select(
                    col(CoachDB.session_version),
                    col(CoachSessionDB.expires_at),
                    col(CoachSessionDB.session_version),
                )
                .select_from(CoachDB)
                .outerjoin(
                    CoachSessionDB,
                    (col(CoachSessionDB.coach_id) == col(CoachDB.id))
                    & (col(CoachSessionDB.id) == session_id),
                )
                .where(col(CoachDB.id) == coach_id)
            ).first()
        if found is None:
            return None, False
        version, expires_at, row_version = found
        live = expires_at is not None and _aware(expires_at) >= now() and row_version == version
        return version, live

    return with_retry(read, what="check the session")


def end(engine: Engine, session_id: uuid.UUID) -> None:
    """Sign-out: this browser's session ends (in every tab it has open)."""

    def remove() -> None:
        with Session(engine) as session:
            session.execute(delete(CoachSessionDB).where(col(CoachSessionDB.id) == session_id))
            session.commit()

    with_retry(remove, what="end the session")


def end_all_in(session: Session, coach_id: uuid.UUID) -> None:
    """Every session of ``coach_id`` ends, inside the caller's transaction (a password change)."""
    session.execute(delete(CoachSessionDB).where(col(CoachSessionDB.coach_id) == coach_id))


def end_all(engine: Engine, coach_id: uuid.UUID) -> None:
    """ "Sign out everywhere": every session ends and the session version rises."""

    def remove() -> None:
        with Session(engine, execution_options={WRITE_TRANSACTION: True}) as session:
            row = session.get(CoachDB, coach_id, with_for_update=True)
            if row is not None:
                row.session_version += 1
                session.add(row)
            end_all_in(session, coach_id)
            session.commit()

    with_retry(remove, what="end every session")


def purge_expired(engine: Engine) -> int:
    """Drop the rows of sessions past their end (run at each sign-in); how many went."""

    def remove() -> int:
        with Session(engine) as session:
            result = session.execute(
                delete(CoachSessionDB).where(col(CoachSessionDB.expires_at) < now())
            )
            session.commit()
            return int(result.rowcount or 0)  # type: ignore[attr-defined]

    return with_retry(remove, what="forget ended sessions")


def _aware(moment: datetime) -> datetime:
    """SQLite hands timestamps back without their zone; they were stored in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
