"""Secrets kept out of what a coach reads and what the logs keep: keys, tokens, URL credentials."""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

REDACTED = "[hidden]"
# What an API server may echo back: a bearer token, an OpenAI-style key, an Authorization header.
_TOKENS = re.compile(
    r"(?i)(?:bearer\s+[^\s\"',;]+|\bsk-[A-Za-z0-9_\-]{6,}|authorization\s*[:=]\s*[^\s\"',;]+)"
)


def redact(text: str, *secrets: str | None) -> str:
    """``text`` with every known secret and anything shaped like a token replaced."""
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, REDACTED)
    return _TOKENS.sub(REDACTED, text)


def url_without_credentials(url: str) -> str:
    """``https://user:pass@host/v1?key=x`` → ``https://host/v1`` (query and user info dropped)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return REDACTED
    host = parts.hostname or ""
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, "", ""))
