"""Generate on Plan a phase goes straight to the preview: the run that makes the draft does not
draw the form again (its choices are read from the session), and a failed generation shows its
error with the form, ready for another try."""

from __future__ import annotations

import pytest

from core.errors import InvalidInput
from core.generation.engine import OfflineEngine
from tests.app.test_pages import assert_no_errors, click, seed_client_and_program


def test_the_generate_run_draws_the_preview_and_not_the_form(page, wiring) -> None:  # type: ignore[no-untyped-def]
    client, _ = seed_client_and_program(wiring)
    at = page("plan", client_id=str(client.id), phase_index=0)
    assert [b.label for b in at.button if b.label == "Generate preview"], "the form first"
    assert at.data_editor, "with its training-max table"
    at = click(at, "Generate preview")
    assert_no_errors(at)
    assert next(iter(at.session_state["drafts"].values())).preview.mesocycle.weeks
    assert "Generate preview" not in [b.label for b in at.button]
    assert not at.data_editor, "no training-max table (nor grids) in the preview's run"
    assert "Confirm and save" in [b.label for b in at.button]


def test_a_failed_generation_shows_its_error_and_the_form_again(
    page, wiring, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    client, _ = seed_client_and_program(wiring)
    at = page("plan", client_id=str(client.id), phase_index=0)

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise InvalidInput("The engine refused this phase.")

    monkeypatch.setattr(OfflineEngine, "breakdown", refuse)
    at = click(at, "Generate preview")
    assert not at.exception, [e.value for e in at.exception]
    assert any("The engine refused this phase." in e.value for e in at.error)
    assert "drafts" not in at.session_state or not at.session_state["drafts"]
    assert "Generate preview" in [b.label for b in at.button], "the form, to try again"
    assert at.data_editor, "its training-max table kept"
