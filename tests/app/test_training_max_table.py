"""Plan a phase: the proposed training maxes are shown before the preview and the coach's number
is what the engine loads the main lift from."""

from __future__ import annotations

from tests.app.test_pages import click, seed_client_and_program


def test_the_training_max_table_is_shown_and_an_edit_reaches_the_preview(page, wiring):
    client, program_id = seed_client_and_program(wiring)
    at = page("plan", client_id=str(client.id), program_id=str(program_id), phase_index=0)
    [grid] = at.data_editor
    frame = grid.value
    assert list(frame["Lift"]) == list(client.profile.one_rep_maxes)
    assert list(frame["Planned (kg)"]) == list(frame["Proposed (kg)"])  # nothing logged yet
    row = list(frame["Lift"]).index("Back Squat")
    [key] = [k for k in at.session_state if str(k).startswith("tm-")]
    at.session_state[key] = {
        "edited_rows": {row: {"Proposed (kg)": 170.0}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    click(at, "Generate preview")
    draft = next(iter(at.session_state["drafts"].values()))
    rationales = [
        e.rationale or ""
        for w in draft.preview.mesocycle.workouts()
        for e in w.exercises
        if e.name == "Back Squat"
    ]
    assert any("170 kg training max" in why for why in rationales), rationales


def test_generate_loads_the_training_maxes_the_form_showed(page, wiring, monkeypatch):
    # the table's edits are by row of the proposals shown: Generate reads those again, not the
    # logs (a set logged in between would move the rows under the coach's edit)
    import core.service

    client, program_id = seed_client_and_program(wiring)
    at = page("plan", client_id=str(client.id), program_id=str(program_id), phase_index=0)
    calls = []
    proposals = core.service.MesocycleGenerationService.training_maxes

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return proposals(*args, **kwargs)

    monkeypatch.setattr(core.service.MesocycleGenerationService, "training_maxes", counted)
    click(at, "Generate preview")
    assert "Confirm and save" in [b.label for b in at.button]
    assert calls == []
