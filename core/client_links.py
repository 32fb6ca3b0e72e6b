"""A client's private links: the random token, the only thing stored of it (its hash), and the
rules that decide whether a link still opens (not revoked, not past its expiry date).

A link is a capability: whoever holds the URL sees that one client's plan (``kind = "client"``,
and may log sessions) or subscribes to its calendar (``kind = "calendar"``, read-only). The two
kinds are separate tokens, so a calendar URL handed to a calendar service cannot log workouts.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from core.errors import InvalidInput, PeriodizeError

LinkKind = Literal["client", "calendar"]
CLIENT_VIEW: LinkKind = "client"
CALENDAR_FEED: LinkKind = "calendar"
KIND_LABELS: dict[LinkKind, str] = {
    CLIENT_VIEW: "Client view (see the plan, log sessions)",
    CALENDAR_FEED: "Calendar feed (subscribe in a calendar app)",
}
TOKEN_BYTES = 32
"""``secrets.token_urlsafe(32)``: 256 random bits, 43 URL-safe characters."""
LINK_NAME_CHARS = 80
REFUSED = "This link does not work. Ask your coach for a new one."
"""The one sentence an unknown, revoked or expired link gets: it says nothing about which."""


class LinkRefused(PeriodizeError):
    """The link does not open; ``str()`` is the one sentence the browser may see."""


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    """What the database keeps: the SHA-256 of the token, as hex. A 256-bit random token needs no
    salt or slow hash (nothing to guess), and the hash is its own lookup key."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def looks_like_token(text: str) -> bool:
    """A cheap shape check before any database work: 43 URL-safe base64 characters."""
    return len(text) == 43 and all(c.isalnum() or c in "-_" for c in text)


def link_name(name: str) -> str:
    """The coach's name for a link, trimmed; one sentence when it cannot be used."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise InvalidInput("Give the link a name (for example 'Phone' or 'Google Calendar').")
    if len(cleaned) > LINK_NAME_CHARS:
        raise InvalidInput(f"A link's name has at most {LINK_NAME_CHARS} characters.")
    if "\x00" in cleaned:
        raise InvalidInput("A link's name cannot contain a NUL character.")
    return cleaned


def expiry_moment(expires_on: date | None, zone: str, today: date) -> datetime | None:
    """The moment a link chosen to last "until ``expires_on``" stops opening: the end of that
    day in the client's time zone. A date before the client's today is refused."""
    if expires_on is None:
        return None
    if expires_on < today:
        raise InvalidInput(f"The expiry date {expires_on:%d %b %Y} is already past.")
    end = datetime.combine(expires_on + timedelta(days=1), time(0), ZoneInfo(zone))
    return end.astimezone(UTC)  # stored in UTC: SQLite keeps no offset


@dataclass(frozen=True)
class ClientLink:
    """One link as the coach lists it (never its token)."""

    id: uuid.UUID
    client_id: uuid.UUID
    name: str
    kind: LinkKind
    created_at: datetime
    expires_at: datetime | None
    """When the link stops opening (the end of its last day in the client's zone); None: never."""
    revoked_at: datetime | None
    last_used_at: datetime | None

    def status(self, moment: datetime) -> str:
        return link_status(self.revoked_at, self.expires_at, moment)


def link_status(revoked_at: datetime | None, expires_at: datetime | None, moment: datetime) -> str:
    """'revoked', 'expired' or 'active': the one rule, for the coach's list and for opening."""
    if revoked_at is not None:
        return "revoked"
    if expires_at is not None and moment >= expires_at:
        return "expired"
    return "active"


@dataclass(frozen=True)
class NewLink:
    """A link just created: its token is here once, to show the coach, and is never stored."""

    link: ClientLink
    token: str


@dataclass(frozen=True)
class LinkGrant:
    """What an opened link gives access to: one coach's one client."""

    link_id: uuid.UUID
    coach_id: uuid.UUID
    client_id: uuid.UUID
    kind: LinkKind
