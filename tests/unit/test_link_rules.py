"""The client link's pure rules: a 256-bit URL-safe token, its SHA-256 as the stored key, the
link's name, its last day in the client's zone, and the one status rule."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta

import pytest

from core.client_links import (
    expiry_moment,
    link_name,
    link_status,
    looks_like_token,
    new_token,
    token_hash,
)
from core.errors import InvalidInput

MOMENT = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def test_tokens_are_random_url_safe_and_only_their_hash_is_kept() -> None:
    tokens = {new_token() for _ in range(200)}
    assert len(tokens) == 200
    assert all(looks_like_token(token) for token in tokens)
    token = next(iter(tokens))
    assert token_hash(token) == hashlib.sha256(token.encode()).hexdigest()
    assert len(token_hash(token)) == 64 and token not in token_hash(token)
    assert not looks_like_token(token[:-1]) and not looks_like_token(token[:-1] + "/")


def test_a_links_name_is_trimmed_and_must_say_something() -> None:
    assert link_name("  My   phone ") == "My phone"
    with pytest.raises(InvalidInput, match="Give the link a name"):
        link_name(" \t ")
    with pytest.raises(InvalidInput, match="at most 80 characters"):
        link_name("x" * 81)


def test_the_last_day_ends_at_midnight_in_the_clients_zone() -> None:
    end = expiry_moment(date(2026, 12, 3), "America/New_York", date(2026, 12, 1))
    assert end == datetime(2026, 12, 4, 5, 0, tzinfo=UTC)
    assert expiry_moment(None, "UTC", date(2026, 12, 1)) is None
    assert expiry_moment(date(2026, 12, 1), "UTC", date(2026, 12, 1)) == datetime(
        2026, 12, 2, tzinfo=UTC
    )
    with pytest.raises(InvalidInput, match="already past"):
        expiry_moment(date(2026, 11, 30), "UTC", date(2026, 12, 1))


def test_revoked_beats_expired_and_an_expiry_is_exclusive() -> None:
    later = MOMENT + timedelta(hours=1)
    assert link_status(None, None, MOMENT) == "active"
    assert link_status(None, later, MOMENT) == "active"
    assert link_status(None, MOMENT, MOMENT) == "expired"
    assert link_status(MOMENT, later, MOMENT) == "revoked"
    assert link_status(MOMENT, MOMENT - timedelta(days=1), later) == "revoked"
