"""OpenAI connection settings: the key, base URL, model, timeout and retries, read from the environment."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from core.redaction import url_without_credentials

DEFAULT_MODEL = "gpt-4o-mini"
DEFAULT_TIMEOUT_SECONDS = 60.0
DEFAULT_MAX_RETRIES = 2
LOCAL_SERVER_PLACEHOLDER_KEY = "not-needed"
"""Local OpenAI-compatible servers (Ollama, vLLM, LM Studio) ignore the key but the SDK wants one."""

DEFAULT_MAX_WORKERS = 8
"""Concurrent week calls: a whole block (up to 6 weeks plus a transition week) in one wave."""

MAX_PROBLEMS_IN_REPAIR = 30
MAX_PROBLEM_CHARS = 300


# --- settings ---------------------------------------------------------------------------------


@dataclass(frozen=True, repr=False)
class OpenAISettings:
    """Connection settings; ``repr`` and ``str`` never show the key."""

    api_key: str
    base_url: str | None = None
    model: str = DEFAULT_MODEL
    timeout: float = DEFAULT_TIMEOUT_SECONDS
    max_retries: int = DEFAULT_MAX_RETRIES
    """Retries the SDK itself makes on 408/409/429/5xx, timeouts and connection errors."""

    def __repr__(self) -> str:
        return (
            f"OpenAISettings(api_key='***', "
            f"base_url={url_without_credentials(self.base_url) if self.base_url else None!r}, model={self.model!r}, "
            f"timeout={self.timeout!r}, max_retries={self.max_retries!r})"
        )

    __str__ = __repr__


def openai_settings_from_env(environ: Mapping[str, str]) -> OpenAISettings | None:
    """Settings from OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_MODEL, OPENAI_TIMEOUT, OPENAI_MAX_RETRIES.

    None when neither a key nor a base URL is set (the drafter is then unavailable). A base URL
    without a key is a local server; it gets a placeholder key.
    """
    api_key = environ.get("OPENAI_API_KEY", "").strip()
    base_url = environ.get("OPENAI_BASE_URL", "").strip() or None
    if not api_key and not base_url:
        return None
    return OpenAISettings(
        api_key=api_key or LOCAL_SERVER_PLACEHOLDER_KEY,
        base_url=base_url,
        model=environ.get("OPENAI_MODEL", "").strip() or DEFAULT_MODEL,
        timeout=_positive_number(environ, "OPENAI_TIMEOUT", DEFAULT_TIMEOUT_SECONDS),
        max_retries=int(_positive_number(environ, "OPENAI_MAX_RETRIES", DEFAULT_MAX_RETRIES, 0)),
    )


def _positive_number(
    environ: Mapping[str, str], name: str, default: float, minimum: float = 0.001
) -> float:
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"{name} must be a number, got {raw!r}") from None
    if not value >= minimum or value != value:
        raise ValueError(f"{name} must be at least {minimum:g}, got {raw!r}")
    return value
