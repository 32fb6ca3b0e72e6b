"""Coach accounts: create, authenticate (argon2 hashes, throttled), OIDC e-mail lookup, session
versions, the single-coach mode."""

from __future__ import annotations

import contextlib
import re
import uuid

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import ColumnElement, Engine, func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from core.dates import now
from core.errors import InvalidInput
from core.password_policy import password_problem
from core.read_models import CoachRecord
from core.schemas import Units
from db import coach_sessions, sign_in
from db.engine import WRITE_TRANSACTION
from db.models import CoachDB
from db.retry import with_retry

LOCAL_COACH_USERNAME = "local"
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,39}$")
_hasher = PasswordHasher()
# Verifying against this when the username is unknown keeps the response time the same, so a
# login form does not reveal which usernames exist.
_DUMMY_HASH = _hasher.hash("periodize-no-such-coach")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_password(password: str, username: str) -> None:
    """Raise the password policy's sentence (core.password_policy) when ``password`` is refused."""
    problem = password_problem(password, username)
    if problem is not None:
        raise InvalidInput(problem)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and bool(password_hash)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def create_coach(
    engine: Engine,
    username: str,
    password: str | None,
    display_name: str = "",
    email: str | None = None,
    *,
    is_admin: bool = False,
) -> uuid.UUID:
    """A new coach; ``password`` None makes an account that can only sign in through OIDC.

    ``is_admin`` (or being the first account of the install) lets the coach see the server's
    settings and add coaches."""
    coach = _new_coach(username, password, display_name, email)  # checked once, not per retry
    coach.is_admin = is_admin

    def insert() -> uuid.UUID:
        with Session(engine) as session:
            coach_id = _insert(session, coach)
            session.commit()
            return coach_id

    return with_retry(insert, what=f"create coach {coach.username}")


def create_coach_in(
    session: Session,
    username: str,
    password: str | None,
    display_name: str = "",
    email: str | None = None,
) -> uuid.UUID:
    """``create_coach`` inside the caller's transaction (the caller commits)."""
    return _insert(session, _new_coach(username, password, display_name, email))


def _new_coach(
    username: str, password: str | None, display_name: str, email: str | None
) -> CoachDB:
    username = username.strip().lower()
    if not _USERNAME.match(username):
        raise InvalidInput(
            "A username is 2–40 characters: lower-case letters, digits, '.', '_' or '-'."
        )
    if password is not None:
        check_password(password, username)
    if _has_nul(display_name, email):
        raise InvalidInput("A name or e-mail cannot contain the NUL character (\\0).")
    return CoachDB(
        username=username,
        display_name=display_name.strip() or username,
        email=email.strip().lower() if email and email.strip() else None,
        password_hash=hash_password(password) if password is not None else None,
    )


def _insert(session: Session, coach: CoachDB) -> uuid.UUID:
    if not coach.is_admin and not session.exec(select(func.count()).select_from(CoachDB)).one():
        coach.is_admin = True  # the first account of an install is its admin
    session.add(coach)
    try:
        session.flush()
    except IntegrityError:
        raise InvalidInput(
            f"The username '{coach.username}' (or that e-mail) is already taken."
        ) from None
    return coach.id


class SignInRefused(InvalidInput):
    """Too many recent attempts: the password was not even checked (a one-sentence message)."""


def authenticate(
    engine: Engine, username: str, password: str, address: str | None = None
) -> CoachRecord | None:
    """The coach for this username and password, or None; throttled per account and per address.

    Raises SignInRefused while the account or ``address`` (the browser's IP address, when known)
    is locked out: then even the right password does not sign in.
    """
    attempt = sign_in.begin_attempt(engine, username, address)
    if attempt.refused is not None:
        verify_password(None, password)  # the same work as any other answer
        sign_in.log_refused(username, address, f"locked out ({attempt.refused.key})")
        raise SignInRefused(attempt.refused.sentence(now()))
    row = None
    if not _has_nul(username):  # no such username can exist; the same work as an unknown one
        row = _one(engine, col(CoachDB.username) == username.strip().lower())
    if not verify_password(row.password_hash if row else None, password) or row is None:
        sign_in.log_refused(username, address, "unknown username or wrong password")
        if attempt.locks is not None:
            sign_in.log_refused(username, address, f"lockout begins ({attempt.locks.key})")
            raise SignInRefused(attempt.locks.sentence(now()))
        return None
    sign_in.attempt_succeeded(engine, username, address)
    return _record(row)


def coach_by_id(engine: Engine, coach_id: uuid.UUID) -> CoachRecord | None:
    row = _one(engine, col(CoachDB.id) == coach_id)
    return None if row is None else _record(row)


def set_password(engine: Engine, username: str, password: str) -> None:
    if _has_nul(username):
        raise InvalidInput("There is no coach with that username.")
    check_password(password, username.strip().lower())

    def update() -> None:
        # a write transaction from its BEGIN: on SQLite the read below cannot go stale
        with Session(engine, execution_options={WRITE_TRANSACTION: True}) as session:
            row = session.exec(
                select(CoachDB).where(CoachDB.username == username.strip().lower())
            ).first()
            if row is None:
                raise InvalidInput(f"There is no coach '{username}'.")
            row.password_hash = hash_password(password)
            row.session_version += 1  # every browser session signed in before this one ends
            session.add(row)
            coach_sessions.end_all_in(session, row.id)
            session.commit()

    with_retry(update, what=f"set the password of {username}")


def session_version(engine: Engine, coach_id: uuid.UUID) -> int | None:
    """The coach's current session version (raised by each password change); None if no such coach."""

    def read() -> int | None:
        with Session(engine) as session:
            return session.exec(
                select(CoachDB.session_version).where(CoachDB.id == coach_id)
            ).first()

    return with_retry(read, what="check the session")


def coach_by_username(engine: Engine, username: str) -> CoachRecord | None:
    if _has_nul(username):
        return None
    row = _one(engine, col(CoachDB.username) == username.strip().lower())
    return None if row is None else _record(row)


def coach_by_email(engine: Engine, email: str) -> CoachRecord | None:
    """The coach an OIDC identity maps to (accounts are created by an admin, never on sign-in).

    A blank address matches nobody, not even an account stored with a blank e-mail.
    """
    if _has_nul(email) or not email.strip():
        return None
    row = _one(engine, col(CoachDB.email) == email.strip().lower())
    return None if row is None else _record(row)


def local_coach(engine: Engine) -> CoachRecord:
    """The single coach of an explicitly configured single-coach install (created on first use)."""
    row = _one(engine, col(CoachDB.username) == LOCAL_COACH_USERNAME)
    if row is None:
        with contextlib.suppress(InvalidInput):  # created concurrently by another session
            create_coach(engine, LOCAL_COACH_USERNAME, None, "Coach")
        row = _one(engine, col(CoachDB.username) == LOCAL_COACH_USERNAME)
    assert row is not None
    return _record(row)


def count_coaches(engine: Engine) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(CoachDB)).one()


def _has_nul(*texts: str | None) -> bool:
    """NUL (0x00) is in no stored name, and PostgreSQL refuses to even compare text holding it."""
    return any(text is not None and "\x00" in text for text in texts)


def _one(engine: Engine, condition: ColumnElement[bool]) -> CoachDB | None:
    def read() -> CoachDB | None:
        with Session(engine) as session:
            return session.exec(select(CoachDB).where(condition)).first()

    return with_retry(read, what="look up the coach")


def _record(row: CoachDB) -> CoachRecord:
    return CoachRecord(
        id=row.id,
        username=row.username,
        display_name=row.display_name,
        email=row.email,
        units=Units.model_validate({"load": row.load_unit, "distance": row.distance_unit}),
        is_admin=row.is_admin,
    )
