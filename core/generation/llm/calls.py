"""One structured-output call to the chat-completions API, its service failures mapped to errors.

Content problems (invalid JSON, a cut-off or empty answer) come back as an ``Answer``'s
``problems`` for the repair prompt; refusals, the content filter, a rejected key, timeouts and an
unreachable service raise a ``GenerationError``. Nothing here logs the key or request headers.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TypeVar

import openai
from openai.types.chat import ChatCompletionMessageParam
from pydantic import BaseModel, ValidationError

from core.generation.errors import (
    AuthenticationFailedError,
    ContentFilteredError,
    RefusalError,
    ServiceRequestError,
    ServiceTimeoutError,
    ServiceUnavailableError,
)
from core.generation.llm.repair import MAX_PROBLEM_CHARS, short
from core.redaction import redact, url_without_credentials
from core.schemas import describe_validation_error

log = logging.getLogger(__name__)

DraftT = TypeVar("DraftT", bound=BaseModel)


@dataclass
class Answer:
    parsed: BaseModel | None
    content: str | None
    finish_reason: str | None
    problems: list[str] = field(default_factory=list)


def structured_call(
    client: openai.OpenAI,
    model: str,
    messages: list[ChatCompletionMessageParam],
    response_format: type[DraftT],
    *,
    subject: str,
    attempt: int,
) -> Answer:
    """One structured-output call. Content problems come back as ``problems``; service
    problems (refusal, filter, auth, timeout, unreachable) raise a ``GenerationError``."""
    context = (subject, attempt)
    try:
        completion = client.chat.completions.parse(
            model=model,
            messages=messages,
            response_format=response_format,
        )
    except openai.LengthFinishReasonError as error:
        content = error.completion.choices[0].message.content if error.completion.choices else None
        return Answer(
            None,
            None if content is None else content[:2000],
            "length",
            [
                "your answer was cut off at the token limit; answer again more concisely "
                "(shorter notes and rationales, no repetition)"
            ],
        )
    except openai.ContentFilterFinishReasonError:
        _log_service_failure(model, context, "content_filter")
        raise ContentFilteredError() from None
    except ValidationError as error:
        # Raised by the SDK's parser: invalid JSON, or JSON that does not match the schema.
        return Answer(
            None,
            None,
            None,
            ["the answer was not valid JSON for the schema:"]
            + [line[:MAX_PROBLEM_CHARS] for line in describe_validation_error(error)],
        )
    except openai.APITimeoutError as error:
        _log_service_failure(model, context, "timeout")
        raise ServiceTimeoutError(_timeout_seconds(client)) from error
    except openai.APIConnectionError as error:
        _log_service_failure(model, context, "connection error")
        raise ServiceUnavailableError(
            f"could not connect to {url_without_credentials(str(client.base_url))}"
        ) from error
    except (openai.AuthenticationError, openai.PermissionDeniedError) as error:
        _log_service_failure(model, context, f"HTTP {error.status_code}")
        raise AuthenticationFailedError(error.status_code) from error
    except openai.APIStatusError as error:
        _log_service_failure(model, context, f"HTTP {error.status_code}")
        retries = client.max_retries
        if error.status_code == 429:
            raise ServiceUnavailableError(
                f"rate limited, HTTP 429, after {retries} retries", 429
            ) from error
        if error.status_code >= 500 or error.status_code in (408, 409):
            raise ServiceUnavailableError(
                f"HTTP {error.status_code} after {retries} retries", error.status_code
            ) from error
        # The server's own words help ("model not found"), but a server may echo the request's
        # Authorization header: the key never reaches the page.
        detail = short(redact(str(error.message), client.api_key))
        raise ServiceRequestError(error.status_code, detail) from error

    if not completion.choices:
        return Answer(None, None, None, ["the answer had no choices; answer with the JSON object"])
    choice = completion.choices[0]
    message = choice.message
    if message.refusal:
        _log_service_failure(model, context, f"refusal: {short(redact(message.refusal))}")
        raise RefusalError(message.refusal)
    if message.parsed is None:
        return Answer(
            None,
            message.content,
            choice.finish_reason,
            ["the answer was empty; answer with the complete JSON object"],
        )
    return Answer(message.parsed, message.content, choice.finish_reason)


def _timeout_seconds(client: openai.OpenAI) -> float | None:
    timeout = client.timeout
    if isinstance(timeout, int | float):
        return float(timeout)
    return getattr(timeout, "read", None)


def _log_service_failure(model: str, context: tuple[str, int], reason: str) -> None:
    subject, attempt = context
    log.warning(
        "openai %s failed: model=%s attempt=%d reason=%s",
        subject,
        model,
        attempt,
        reason,
    )
