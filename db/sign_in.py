"""Sign-in (and client-link) throttling per account and per client address, shared by every replica.

Each attempt is counted *before* the password is checked, in one locked transaction: fifty guesses
sent at once are serialised on the throttle row, so only the first few are ever checked. An
account gets ``ACCOUNT_LIMIT`` attempts in ``WINDOW``, an address ``ADDRESS_LIMIT`` (an office
behind one address holds several coaches); the next attempt is refused for ``FIRST_LOCKOUT``,
and each lockout after it lasts twice as long, up to ``MAX_LOCKOUT``. A successful sign-in clears
the account's attempts and gives the address back the attempt it spent. OWASP ASVS v4 2.2.1.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, delete
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from core.dates import now
from db.engine import WRITE_TRANSACTION, is_sqlite
from db.models import SignInThrottleDB
from db.retry import with_retry

log = logging.getLogger(__name__)

ACCOUNT_LIMIT = 5
ADDRESS_LIMIT = 20
WINDOW = timedelta(minutes=15)
FIRST_LOCKOUT = timedelta(minutes=15)
MAX_LOCKOUT = timedelta(hours=24)
FORGET_AFTER = timedelta(days=1)
"""A key with no attempt for this long starts again from its first lockout (and its row goes)."""
_KEY_CHARS = 200


@dataclass(frozen=True)
class Refusal:
    """Why an attempt was refused before the password was checked."""

    key: str
    locked_until: datetime

    def sentence(self, moment: datetime, what: str = "sign-ins") -> str:
        minutes = max(1, math.ceil((self.locked_until - moment).total_seconds() / 60))
        unit = "minute" if minutes == 1 else "minutes"
        return f"Too many failed {what}; try again in {minutes} {unit}."


def account_key(username: str) -> str:
    return _key("account", username.strip().lower())


def address_key(address: str) -> str:
    return _key("address", address.strip())


def link_key(address: str | None) -> str:
    """The client links' throttle key of a browser address (None: this machine)."""
    return _key("link", (address or "local").strip())


def _key(kind: str, value: str) -> str:
    # NUL is refused by PostgreSQL text; such a username cannot exist anyway
    return f"{kind}:{value.replace(chr(0), '')}"[:_KEY_CHARS]


@dataclass(frozen=True)
class Attempt:
    """The outcome of counting one attempt."""

    refused: Refusal | None
    """Set when the attempt may not even be tried: the password is not checked."""
    locks: Refusal | None
    """The lockout this attempt started (the limit was reached): it stands if the password is wrong."""


def begin_attempt(engine: Engine, username: str, address: str | None) -> Attempt:
    """Count one sign-in attempt of ``username`` from ``address`` before its password is checked."""
    limits = {account_key(username): ACCOUNT_LIMIT}
    if address:
        limits[address_key(address)] = ADDRESS_LIMIT
    return count_attempt(engine, limits)


def count_attempt(engine: Engine, limits: dict[str, int]) -> Attempt:
    """Count one attempt against each key (``{key: its limit}``), in one locked transaction; the
    sign-in and the client links (db/client_links.py) share this rule and this table."""
    keys = sorted(limits)

    def count() -> Attempt:
        moment = now()
        with Session(engine, execution_options={WRITE_TRANSACTION: True}) as session:
            rows = _locked_rows(session, keys, moment)
            refused = next(
                (
                    Refusal(row.key, _aware(row.locked_until))
                    for row in rows
                    if row.locked_until is not None and _aware(row.locked_until) > moment
                ),
                None,
            )
            locks = None
            if refused is None:
                for row in rows:
                    _count_one(row, limits[row.key], moment)
                    session.add(row)
                    if locks is None and row.locked_until is not None:
                        locks = Refusal(row.key, _aware(row.locked_until))
            session.commit()
            return Attempt(refused, locks)

    return with_retry(count, what="count an attempt")


def attempt_succeeded(engine: Engine, username: str, address: str | None) -> None:
    """The right password: the account's attempts are cleared; the address gets its one back
    (and a lockout that very attempt started is lifted)."""

    def clear() -> None:
        with Session(engine, execution_options={WRITE_TRANSACTION: True}) as session:
            session.execute(
                delete(SignInThrottleDB).where(col(SignInThrottleDB.key) == account_key(username))
            )
            if address:
                _give_back(session, address_key(address), ADDRESS_LIMIT)
            session.commit()

    with_retry(clear, what="clear the sign-in attempts")


def give_back(engine: Engine, key: str, limit: int) -> None:
    """An attempt that succeeded gives its key back the attempt it spent."""

    def clear() -> None:
        with Session(engine, execution_options={WRITE_TRANSACTION: True}) as session:
            _give_back(session, key, limit)
            session.commit()

    with_retry(clear, what="clear an attempt")


def _give_back(session: Session, key: str, limit: int) -> None:
    row = session.get(SignInThrottleDB, key, with_for_update=True)
    if row is not None and row.attempts > 0:
        if row.attempts == limit and row.locked_until is not None:
            row.locked_until, row.lockouts = None, max(0, row.lockouts - 1)
        row.attempts -= 1
        session.add(row)


def log_refused(username: str, address: str | None, reason: str) -> None:
    """One line per refused sign-in: who and why, never the password."""
    log.warning("sign-in refused: username=%r address=%s: %s", username[:60], address, reason)


def _locked_rows(session: Session, keys: list[str], moment: datetime) -> list[SignInThrottleDB]:
    """The throttle rows of ``keys``, created if missing and locked until the commit."""
    bind = session.get_bind()
    # get_bind() is typed Engine | Connection; is_sqlite reads only ``.dialect``, which both have.
    dialect = sqlite if is_sqlite(bind) else postgresql  # type: ignore[arg-type]
    fresh = [
        {
            "key": key,
            "attempts": 0,
            "window_started_at": moment,
            "lockouts": 0,
            "locked_until": None,
            "last_attempt_at": moment,
        }
        for key in keys
    ]
    session.execute(dialect.insert(SignInThrottleDB).values(fresh).on_conflict_do_nothing())
    rows = session.exec(
        select(SignInThrottleDB)
        .where(col(SignInThrottleDB.key).in_(keys))
        .order_by(col(SignInThrottleDB.key))
        .with_for_update()
    ).all()
    # Forget keys nobody tried for a day, so guessed usernames do not pile up; rows another
    # attempt holds right now are skipped (waiting for them could deadlock two attempts).
    stale = (
        select(SignInThrottleDB.key)
        .where(
            col(SignInThrottleDB.last_attempt_at) < moment - FORGET_AFTER,
            col(SignInThrottleDB.key).not_in(keys),
        )
        .with_for_update(skip_locked=True)
    )
    session.execute(
        delete(SignInThrottleDB).where(col(SignInThrottleDB.key).in_(stale.scalar_subquery())),
        execution_options={"synchronize_session": False},
    )
    return list(rows)


def _count_one(row: SignInThrottleDB, limit: int, moment: datetime) -> None:
    if _aware(row.last_attempt_at) < moment - FORGET_AFTER:
        row.lockouts = 0
    if _aware(row.window_started_at) <= moment - WINDOW or row.locked_until is not None:
        row.attempts, row.window_started_at, row.locked_until = 0, moment, None
    row.attempts += 1
    row.last_attempt_at = moment
    if row.attempts >= limit:
        lockout = min(FIRST_LOCKOUT * 2**row.lockouts, MAX_LOCKOUT)
        row.lockouts += 1
        row.locked_until = moment + lockout


def _aware(moment: datetime) -> datetime:
    """SQLite hands timestamps back without their zone; they were stored in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
