"""Keys, tokens and URL credentials never reach a coach's screen or the logs."""

from __future__ import annotations

from core.redaction import REDACTED, redact, url_without_credentials


def test_known_secrets_and_token_shapes_are_hidden() -> None:
    echoed = "bad request; headers: Authorization: Bearer sk-live-ABCDEF123456 (key sk-live-ABCDEF123456)"
    shown = redact(echoed, "sk-live-ABCDEF123456")
    assert "ABCDEF" not in shown and shown.count(REDACTED) >= 2
    assert (
        redact("token=custom-secret-value here", "custom-secret-value") == f"token={REDACTED} here"
    )
    assert redact("model 'gpt-x' not found") == "model 'gpt-x' not found"


def test_urls_lose_their_user_info_and_query() -> None:
    assert url_without_credentials("https://ada:pw@llm.example:8443/v1?key=x#f") == (
        "https://llm.example:8443/v1"
    )
    assert url_without_credentials("http://localhost:11434/v1") == "http://localhost:11434/v1"
