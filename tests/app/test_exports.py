"""The Export box on the Workouts and Plan pages, and a plan file imported into the Plan preview."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from core.delivery import files
from core.delivery.plan_json import mesocycle_json
from core.demo import load_demo_data
from core.generation.engine import OfflineEngine
from core.read_models import ClientRecord
from tests.app.test_pages import assert_no_errors, click
from tests.factories import make_profile
from ui.workouts_view import EXPORT_KEY

EXPORTS = ["PDF block", "Calendar", "JSON block", "JSON program", "CSV plan", "CSV logs"]
BUILDERS = [
    "week_pdf",
    "mesocycle_pdf",
    "mesocycle_ics",
    "mesocycle_plan_json",
    "program_plan_json",
    "mesocycle_csv",
    "client_logs_csv",
]


@pytest.fixture
def no_building(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any builder called while a page is drawn fails the run: files are built on click only."""

    def refuse(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("an export was built while the page was drawn")

    for name in BUILDERS:
        monkeypatch.setattr(files, name, refuse)


def _labels(at) -> list[str]:  # type: ignore[no-untyped-def]
    return [button.label for button in at.download_button]


def test_the_workouts_week_offers_every_export_without_building_one(
    page, wiring, no_building
) -> None:  # type: ignore[no-untyped-def]
    client_id = load_demo_data(wiring.storage, wiring.service)[0]
    at = page("workouts", client_id=str(client_id))
    assert_no_errors(at)
    assert _labels(at) == [], "the box is drawn only once its expander is opened"
    at.session_state[EXPORT_KEY] = True  # the coach opens "Export"
    at.run()
    assert_no_errors(at)
    assert _labels(at) == ["PDF week", *EXPORTS]
    assert at.get("button_group")[0].options == ["A4", "Letter"]  # type: ignore[attr-defined]


def _client_and_program(wiring):  # type: ignore[no-untyped-def]
    profile = make_profile(name="Sam Lifter", timezone="UTC")
    client = ClientRecord(wiring.storage.create_client(profile), profile)
    start = date.today() - timedelta(days=date.today().weekday()) + timedelta(weeks=1)
    program_id = wiring.service.create_program(client, 8, start, OfflineEngine())
    return client, wiring.storage.get_program(program_id)


def test_a_saved_phase_offers_its_exports_on_the_plan_page(page, wiring, no_building) -> None:  # type: ignore[no-untyped-def]
    client, program = _client_and_program(wiring)
    at = page("plan", client_id=str(client.id), program_id=str(program.id), phase_index=0)
    assert _labels(at) == []  # nothing saved yet: nothing to export
    slot = wiring.service.phases(program)[0]
    wiring.service.save(wiring.service.preview_slot(client, program, slot))
    at.run()
    assert_no_errors(at)
    assert _labels(at) == EXPORTS


def test_a_plan_file_becomes_the_preview_and_is_stored_only_on_confirm(page, wiring) -> None:  # type: ignore[no-untyped-def]
    client, program = _client_and_program(wiring)
    slot = wiring.service.phases(program)[0]
    original = wiring.service.preview_slot(client, program, slot).mesocycle
    at = page("plan", client_id=str(client.id), program_id=str(program.id), phase_index=0)
    at.file_uploader[0].set_value(("block.json", mesocycle_json(original), "application/json"))
    at.run()
    click(at, "Preview the file")
    assert_no_errors(at)
    assert at.subheader[0].value == f"{original.phase} · {original.weeks} weeks for Sam Lifter"
    assert any("a plan file (imported)" in caption.value for caption in at.caption)
    assert wiring.storage.list_mesocycles(program.id) == []
    click(at, "Confirm and save")
    assert_no_errors(at)
    [saved] = wiring.storage.list_mesocycles(program.id)
    stored = wiring.storage.get_mesocycle(saved.id)
    assert [(w.date, w.title) for w in stored.workouts()] == [
        (w.date, w.title) for w in original.workouts()
    ]
    # As shown and stored after the page's grids (which keep a %1RM only where no kg is set).
    assert [[e.activity for e in w.exercises] for w in stored.workouts()] == [
        [e.activity for e in w.exercises] for w in original.workouts()
    ]


def test_a_broken_plan_file_gets_its_problems_and_no_draft(page, wiring) -> None:  # type: ignore[no-untyped-def]
    client, program = _client_and_program(wiring)
    at = page("plan", client_id=str(client.id), program_id=str(program.id), phase_index=0)
    at.file_uploader[0].set_value(("block.json", b'{"formatVersion": "x"}', "application/json"))
    at.run()
    click(at, "Preview the file")
    assert not at.exception
    assert any("not a plan of format periodize.plan/1" in e.value for e in at.error)
    assert "drafts" not in at.session_state or at.session_state["drafts"] == {}
