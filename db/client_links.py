"""Client links in the database: the coach's side (create, list, revoke, scoped to the coach) and
opening a link by its token (no account: throttled per browser address, the token never logged).

Only ``core.client_links.token_hash(token)`` is stored and looked up; the token itself is never
written anywhere, so a copy of the database opens no link.
"""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, datetime
from typing import cast

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from core.client_links import (
    REFUSED,
    ClientLink,
    LinkGrant,
    LinkKind,
    LinkRefused,
    link_status,
    looks_like_token,
    token_hash,
)
from core.dates import now
from core.errors import NotFound
from db.engine import WRITE_TRANSACTION
from db.models import ClientLinkDB
from db.repositories import BaseRepository
from db.retry import with_retry
from db.sign_in import count_attempt, give_back, link_key

log = logging.getLogger(__name__)

LINK_ADDRESS_LIMIT = 20
"""Link openings per browser address in the throttle's window (a good one gives its attempt back);
the 21st is refused for 15 minutes, each later lockout twice as long (db/sign_in.py)."""
GONE = "That link does not exist."


class ClientLinkRepository(BaseRepository):
    """The coach's links; another coach's link is "not found"."""

    def create(
        self,
        client_id: uuid.UUID,
        name: str,
        kind: LinkKind,
        hashed: str,
        expires_at: datetime | None,
    ) -> ClientLinkDB:
        if not self._owns_client(client_id):
            raise NotFound("That client does not exist; no link was made.")
        row = ClientLinkDB(
            coach_id=self.coach_id,
            client_id=client_id,
            name=name,
            kind=kind,
            token_hash=hashed,
            created_at=now(),  # the one clock (tests freeze it)
            expires_at=expires_at,
        )
        self._add(row)
        return row

    def for_client(self, client_id: uuid.UUID) -> list[ClientLinkDB]:
        statement = (
            select(ClientLinkDB)
            .where(ClientLinkDB.client_id == client_id, ClientLinkDB.coach_id == self.coach_id)
            .order_by(col(ClientLinkDB.created_at).desc(), col(ClientLinkDB.id))
        )
        return list(self.session.exec(statement))

    def revoke(self, link_id: uuid.UUID) -> None:
        row = self.session.exec(
            select(ClientLinkDB).where(
                ClientLinkDB.id == link_id, ClientLinkDB.coach_id == self.coach_id
            )
        ).first()
        if row is None:
            raise NotFound(GONE)
        if row.revoked_at is None:  # revoking twice keeps the first moment
            row.revoked_at = now()
            self.session.add(row)
            self.session.flush()


def link_record(row: ClientLinkDB) -> ClientLink:
    return ClientLink(
        id=row.id,
        client_id=row.client_id,
        name=row.name,
        kind=cast(LinkKind, row.kind),
        created_at=_aware(row.created_at),
        expires_at=_aware_or_none(row.expires_at),
        revoked_at=_aware_or_none(row.revoked_at),
        last_used_at=_aware_or_none(row.last_used_at),
    )


def open_link(engine: Engine, token: str, kind: LinkKind, address: str | None) -> LinkGrant:
    """The coach and client a token opens, its use recorded; ``LinkRefused`` otherwise.

    Every opening is counted against the browser's address before the token is looked up (as a
    sign-in is), and a good one gives its attempt back, so only failures add up. Unknown,
    revoked, expired and wrong-kind tokens get the same sentence; the log names the address and
    the reason, never the token.
    """
    key = link_key(address)
    attempt = count_attempt(engine, {key: LINK_ADDRESS_LIMIT})
    if attempt.refused is not None:
        log.warning("client link refused: address=%s: throttled", address)
        raise LinkRefused(attempt.refused.sentence(now(), "attempts to open a link"))
    grant, reason = _use(engine, token, kind) if looks_like_token(token) else (None, "malformed")
    if grant is None:
        log.warning("client link refused: address=%s: %s", address, reason)
        raise LinkRefused(REFUSED)
    give_back(engine, key, LINK_ADDRESS_LIMIT)
    return grant


def still_open(engine: Engine, link_id: uuid.UUID) -> bool:
    """Whether a link opened earlier in this browser session still opens (one primary-key read on
    every rerun: a revoked or expired link stops at the client's next click)."""

    def read() -> bool:
        with Session(engine) as session:
            row = session.get(ClientLinkDB, link_id)
            return row is not None and _status(row, now()) == "active"

    return with_retry(read, what="check the link")


def _use(engine: Engine, token: str, kind: LinkKind) -> tuple[LinkGrant | None, str]:
    def use() -> tuple[LinkGrant | None, str]:
        moment = now()
        with Session(engine, execution_options={WRITE_TRANSACTION: True}) as session:
            row = session.exec(
                select(ClientLinkDB).where(ClientLinkDB.token_hash == token_hash(token))
            ).first()
            if row is None:
                return None, "unknown"
            status = _status(row, moment)
            if status != "active":
                return None, status
            if row.kind != kind:
                return None, f"a {row.kind} link used as a {kind} link"
            row.last_used_at = moment
            session.add(row)
            grant = LinkGrant(row.id, row.coach_id, row.client_id, kind)
            session.commit()
            return grant, "opened"

    return with_retry(use, what="open the link")


def _status(row: ClientLinkDB, moment: datetime) -> str:
    return link_status(_aware_or_none(row.revoked_at), _aware_or_none(row.expires_at), moment)


def _aware(moment: datetime) -> datetime:
    """SQLite hands timestamps back without their zone; they were stored in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _aware_or_none(moment: datetime | None) -> datetime | None:
    return None if moment is None else _aware(moment)
