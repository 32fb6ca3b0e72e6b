"""Bounded retries with backoff for transient database faults (SQLite busy, PG serialization, drops)."""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable
from typing import TypeVar

import psycopg
from sqlalchemy.exc import DBAPIError

from core.errors import InvalidInput, StorageUnavailable

log = logging.getLogger(__name__)
T = TypeVar("T")

DEFAULT_ATTEMPTS = 4
BASE_DELAY_SECONDS = 0.05

_TRANSIENT_PG = (
    psycopg.errors.SerializationFailure,
    psycopg.errors.DeadlockDetected,
    psycopg.errors.AdminShutdown,
    psycopg.errors.LockNotAvailable,
)


def is_transient(error: BaseException) -> bool:
    """True for faults where running the same transaction again may well succeed."""
    if not isinstance(error, DBAPIError):
        return False
    if error.connection_invalidated:
        return True
    original = error.orig
    if isinstance(original, sqlite3.OperationalError):
        text = str(original).lower()
        return "locked" in text or "busy" in text
    if isinstance(original, _TRANSIENT_PG):
        return True
    # A dropped or terminated connection surfaces as a plain psycopg.OperationalError.
    return isinstance(original, psycopg.OperationalError) and not isinstance(
        original, psycopg.errors.QueryCanceled
    )


def is_nul_in_text(error: BaseException) -> bool:
    """PostgreSQL refusing a NUL (0x00) in a text parameter: the input's fault, not the server's.

    Forms and accounts refuse NUL before it gets here; this is the net under text nothing
    checked (a plan drafted elsewhere), so the coach still reads a sentence.
    """
    return (
        isinstance(error, DBAPIError)
        and isinstance(error.orig, psycopg.DataError)
        and "NUL (0x00)" in str(error.orig)
    )


def with_retry(
    action: Callable[[], T],
    *,
    what: str,
    attempts: int = DEFAULT_ATTEMPTS,
    base_delay: float = BASE_DELAY_SECONDS,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """Run ``action`` (a whole transaction) again on transient faults, then report in plain words."""
    for attempt in range(1, attempts + 1):
        try:
            return action()
        except DBAPIError as error:
            if is_nul_in_text(error):
                raise InvalidInput(
                    "Text with a NUL character (\\0) cannot be stored or looked up; "
                    "remove it and try again."
                ) from error
            if not is_transient(error):
                raise
            log.warning(
                "%s: transient database fault (attempt %d/%d): %s",
                what,
                attempt,
                attempts,
                type(error.orig).__name__,
            )
            if attempt == attempts:
                raise StorageUnavailable(
                    f"The database stayed busy or unreachable while trying to {what} "
                    f"({attempts} attempts). Nothing was saved; please try again."
                ) from error
            sleep(base_delay * 2 ** (attempt - 1))
    raise AssertionError("unreachable")
