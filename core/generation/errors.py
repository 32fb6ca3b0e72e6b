"""Errors of the AI drafter, each with a sentence a coach can read (``str(error)``)."""

from __future__ import annotations

from core.errors import PeriodizeError


class GenerationError(PeriodizeError):
    """Base: the AI drafter could not produce a plan; ``str(error)`` is meant for the coach."""


class RefusalError(GenerationError):
    """The model refused to answer; ``refusal`` holds its own words."""

    def __init__(self, refusal: str) -> None:
        super().__init__(f"The AI drafter refused: {refusal.strip()}")
        self.refusal = refusal


class ContentFilteredError(GenerationError):
    """The service's content filter blocked the answer."""

    def __init__(self) -> None:
        super().__init__(
            "The AI service's content filter blocked the answer; try again or use the offline engine."
        )


class AuthenticationFailedError(GenerationError):
    """The API key was rejected (401) or lacks permission (403)."""

    def __init__(self, status_code: int) -> None:
        super().__init__(
            f"The AI service rejected the API key (HTTP {status_code}); check OPENAI_API_KEY or use "
            "the offline engine."
        )
        self.status_code = status_code


class ServiceTimeoutError(GenerationError):
    """No answer within the configured timeout (after the SDK's own retries)."""

    def __init__(self, timeout_seconds: float | None) -> None:
        after = f" after {timeout_seconds:g} s" if timeout_seconds else ""
        super().__init__(f"The AI service timed out{after}; try again or use the offline engine.")
        self.timeout_seconds = timeout_seconds


class ServiceUnavailableError(GenerationError):
    """Connection failures, rate limits or server errors that outlasted the SDK's retries."""

    def __init__(self, reason: str, status_code: int | None = None) -> None:
        super().__init__(
            f"The AI service is unavailable ({reason}); try again later or use the offline engine."
        )
        self.status_code = status_code


class ServiceRequestError(GenerationError):
    """The service rejected the request itself (unknown model, no structured-output support…)."""

    def __init__(self, status_code: int, detail: str) -> None:
        super().__init__(
            f"The AI service rejected the request (HTTP {status_code}: {detail}); check "
            "OPENAI_MODEL / OPENAI_BASE_URL or use the offline engine."
        )
        self.status_code = status_code
