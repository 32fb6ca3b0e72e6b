"""How much a coach may type into each box or grid cell: one place, shown and enforced.

Streamlit enforces ``max_chars`` in the browser; the parsers check the same numbers again on the
server, so a longer value sent some other way is refused with a sentence instead of being parsed.
"""

from __future__ import annotations

from core.password_policy import MAX_PASSWORD_CHARS

NAME_CHARS = 120
"""A client's name (the profile's own limit)."""
SEARCH_CHARS = 120
USERNAME_CHARS = 40
PASSWORD_CHARS = MAX_PASSWORD_CHARS
"""The password policy's own ceiling: a box never takes more than an account may have."""
ONE_REP_MAXES_CHARS = 2_000
"""The 1RMs box: a few dozen lifts, one per line."""
CELL_CHARS = 60
"""A parsed grid cell: reps, load, effort, block, day."""


def too_long(text: str, limit: int, what: str) -> str | None:
    """A coach-readable reason when ``text`` is over ``limit`` characters, else None."""
    if len(text) <= limit:
        return None
    return f"{what} is too long ({len(text):,} characters; at most {limit:,})"


def quoted(text: str, limit: int = 40) -> str:
    """``text`` as it may be echoed back in a message: at most ``limit`` characters."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
