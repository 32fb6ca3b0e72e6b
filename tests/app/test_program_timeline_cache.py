"""The Program page draws its timeline once per content of the phases: a rerun reuses it, saving a
phase draws it again (the figure then marks that phase as planned)."""

from __future__ import annotations

import pytest

from tests.app.test_pages import _save_first_phase, seed_client_and_program
from ui import page_data
from ui.program_view import PLANNED


def test_a_rerun_reuses_the_timeline_and_a_saved_phase_redraws_it(
    page, wiring, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    drawn: list[list[str]] = []
    draw = page_data.timeline_figure

    def counting(phases, today):  # type: ignore[no-untyped-def]
        figure = draw(phases, today)
        drawn.append(sorted({trace.name for trace in figure.data}))
        return figure

    monkeypatch.setattr(page_data, "timeline_figure", counting)
    client, program_id = seed_client_and_program(wiring)
    at = page("program", client_id=str(client.id), program_id=str(program_id))
    at.run()
    assert not at.exception
    assert len(drawn) == 1, "the rerun drew no new timeline"
    assert PLANNED not in drawn[0]
    _save_first_phase(wiring, client, program_id)
    at.run()
    assert len(drawn) == 2, "a saved phase changes the phases: drawn again"
    assert PLANNED in drawn[1]
