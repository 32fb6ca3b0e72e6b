"""The one password rule (OWASP ASVS v4.0.3, section 2.1), for account creation, password change
and the command line alike.

ASVS 2.1.1–2.1.3: at least 12 characters, at least 64 allowed (we take 128), counted as Unicode
characters; 2.1.4: any printable Unicode character, spaces and emoji included; 2.1.7: refused when
it is a known common or breached password; 2.1.9: no composition rules (no "one digit, one
symbol"). Control characters (NUL, tab, line breaks) are refused because no keyboard field types
them and they are invisible in every place a coach could check what was typed.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from importlib import resources

MIN_PASSWORD_CHARS = 12
MAX_PASSWORD_CHARS = 128
# A username this short (2 letters) is inside too many good passphrases to refuse them all.
_MIN_USERNAME_TO_SEARCH = 3


def password_problem(password: str, username: str = "") -> str | None:
    """Why ``password`` may not be used by the coach ``username``, in one sentence; None if it may."""
    length = len(unicodedata.normalize("NFC", password))
    if length < MIN_PASSWORD_CHARS:
        return (
            f"A password needs at least {MIN_PASSWORD_CHARS} characters; "
            "a few unrelated words make a good one."
        )
    if length > MAX_PASSWORD_CHARS:
        return f"A password can have at most {MAX_PASSWORD_CHARS} characters."
    if not password.strip():
        return "A password cannot be only spaces."
    if any(unicodedata.category(character) == "Cc" for character in password):
        return "A password cannot contain control characters such as NUL, a tab or a line break."
    folded = password.casefold()
    name = username.strip().casefold()
    if name and (folded == name or (len(name) >= _MIN_USERNAME_TO_SEARCH and name in folded)):
        return "A password cannot contain the username."
    if folded in _common_passwords() or folded.strip() in _common_passwords():
        return "That password is on a list of common passwords that attackers try first; choose another."
    return None


@cache
def _common_passwords() -> frozenset[str]:
    """The most common passwords of public breach lists and their usual variants (lower-case)."""
    text = resources.files("core").joinpath("common_passwords.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip())
