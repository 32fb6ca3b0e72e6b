"""The first coach account of a fresh deployment: created once, under a lock, with a setup code.

A new install shows the create-account form to whoever opens it first. So that a stranger who
finds the URL first cannot claim it, the form asks for a one-time setup code that the server
writes to its log (only its hash is kept in memory). On one's own machine with the default
SQLite file, opened from that machine, no code is asked: the person at the keyboard owns it.
Whatever the form, the first account is created under a lock: of two at once, one is refused.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import logging
import secrets
import threading
import uuid
from collections.abc import Mapping

from sqlalchemy import Engine, func
from sqlmodel import Session, select

from core.errors import InvalidInput
from db.accounts import create_coach_in
from db.engine import WRITE_TRANSACTION, is_sqlite
from db.models import CoachDB
from db.retry import with_retry

log = logging.getLogger(__name__)

ALREADY_CREATED = (
    "The first account was created a moment ago; sign in with it, or ask its owner to add you "
    "with `cli.py coach create`."
)
WRONG_CODE = "That setup code is not the one in the server's log; copy it again from there."
_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I/L to misread
_CODE_GROUPS, _GROUP_CHARS = 3, 4  # 12 characters: about 59 bits, far beyond online guessing
_PROXY_HEADERS = ("x-forwarded-for", "forwarded", "x-real-ip")
"""A loopback address with one of these is a reverse proxy on this machine: anyone may be behind it."""


class SetupCode:
    """This server process's one-time code for the first account (only its SHA-256 is kept)."""

    def __init__(self) -> None:
        self._digest: bytes | None = None
        self._lock = threading.Lock()

    def ensure_announced(self) -> None:
        """Make a code and write it to the log, once per process while there is no coach."""
        with self._lock:
            if self._digest is not None:
                return
            code = "-".join(
                "".join(secrets.choice(_CODE_ALPHABET) for _ in range(_GROUP_CHARS))
                for _ in range(_CODE_GROUPS)
            )
            self._digest = _digest(code)
        log.warning(
            "No coach account exists yet. The setup code for the first account is %s "
            "(or create it with `cli.py coach create USERNAME`).",
            code,
        )

    def matches(self, typed: str) -> bool:
        digest = self._digest
        return digest is not None and hmac.compare_digest(digest, _digest(typed))

    def discard(self) -> None:
        with self._lock:
            self._digest = None


def _digest(code: str) -> bytes:
    normalized = "".join(code.split()).replace("-", "").upper()
    return hashlib.sha256(normalized.encode()).digest()


SETUP_CODE = SetupCode()


def code_needed(
    environ: Mapping[str, str], address: str | None, headers: Mapping[str, str]
) -> bool:
    """False only for the default SQLite file (no DATABASE_URL) opened from this very machine."""
    if environ.get("DATABASE_URL", "").strip():
        return True
    if address is None or any(name in {h.lower() for h in headers} for name in _PROXY_HEADERS):
        return True
    try:
        return not ipaddress.ip_address(address.split("%")[0]).is_loopback
    except ValueError:
        return True


def create_first_coach(
    engine: Engine, username: str, password: str, display_name: str = ""
) -> uuid.UUID:
    """The first coach, or InvalidInput (ALREADY_CREATED) when any coach exists by the time the
    lock is held: two browsers submitting at once get one account between them."""

    def insert() -> uuid.UUID:
        with Session(engine, execution_options={WRITE_TRANSACTION: True}) as session:
            if not is_sqlite(engine):  # SQLite: BEGIN IMMEDIATE already holds the write lock
                session.connection().exec_driver_sql(
                    "LOCK TABLE coaches IN SHARE ROW EXCLUSIVE MODE"
                )
            if session.exec(select(func.count()).select_from(CoachDB)).one():
                raise InvalidInput(ALREADY_CREATED)
            coach_id = create_coach_in(session, username, password, display_name)
            session.commit()
            return coach_id

    created = with_retry(insert, what=f"create the first coach {username}")
    SETUP_CODE.discard()
    return created
