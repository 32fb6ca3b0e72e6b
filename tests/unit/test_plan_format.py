"""The open plan format: exact round trips, the committed schema, and importing a file as a preview."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta

import jsonschema
import pytest

from core.delivery.plan_json import (
    FORMAT_VERSION,
    IMPORTED,
    MAX_IMPORT_BYTES,
    MesocycleDocument,
    ProgramDocument,
    mesocycle_json,
    plan_schema,
    program_json,
    read_plan,
    schema_text,
)
from core.errors import InvalidPlan
from core.generation.engine import OfflineEngine
from core.schemas import Exercise, MesocycleDetailed
from core.service import MesocycleGenerationService
from tests.factories import make_plan, make_profile, preview_phase
from tests.fakes import InMemoryStorage
from tools.plan_schema import SCHEMA_PATH

START = date(2026, 12, 2)  # a Wednesday: the first block opens with a transition week


@pytest.fixture
def storage() -> InMemoryStorage:
    return InMemoryStorage()


@pytest.fixture
def service(storage: InMemoryStorage) -> MesocycleGenerationService:
    return MesocycleGenerationService(storage, OfflineEngine())


def _setup(service, storage):  # type: ignore[no-untyped-def]
    client = storage.get_client(storage.create_client(make_profile()))
    program = storage.get_program(service.create_program(client, 12, START))
    return client, program


def _rich(mesocycle: MesocycleDetailed) -> MesocycleDetailed:
    """The block with one exercise using every optional field, so none is lost on the way."""
    first = mesocycle.microcycles[0].workouts[0]
    block = first.blocks[0]
    extra = Exercise(
        name="Tempo run",
        sets=3,
        reps=1,
        reps_max=2,
        load_kg=81.25,
        rpe=7.5,
        rest_seconds=90,
        duration_minutes=4.5,
        distance_km=0.8,
        notes="Zoë's note: ≤ 5 s/km drift",
        rationale="aerobic power",
    )
    blocks = [block.model_copy(update={"exercises": [*block.exercises, extra]}), *first.blocks[1:]]
    workouts = [first.model_copy(update={"blocks": blocks}), *mesocycle.microcycles[0].workouts[1:]]
    weeks = [mesocycle.microcycles[0].model_copy(update={"workouts": workouts})]
    return mesocycle.model_copy(update={"microcycles": weeks + mesocycle.microcycles[1:]})


def test_a_block_exported_and_read_back_is_the_same_model(service, storage) -> None:  # type: ignore[no-untyped-def]
    client, program = _setup(service, storage)
    mesocycle = _rich(preview_phase(service, client, program).mesocycle)
    document = read_plan(mesocycle_json(mesocycle))
    assert isinstance(document, MesocycleDocument)
    assert document.mesocycle == mesocycle
    assert document.format_version == FORMAT_VERSION


def test_a_program_exported_and_read_back_is_the_same_outline_and_blocks(service, storage) -> None:  # type: ignore[no-untyped-def]
    client, program = _setup(service, storage)
    blocks = [
        (slot.macrocycle_id, slot.order_index, preview_phase(service, client, program, i).mesocycle)
        for i, slot in enumerate(service.phases(program)[:2])
    ]
    document = read_plan(program_json(program.program, program.start_date, blocks))
    assert isinstance(document, ProgramDocument)
    assert document.program == program.program
    assert document.start_date == START
    assert [(p.macrocycle_id, p.order_index, p.mesocycle) for p in document.mesocycles] == blocks


def test_the_committed_schema_is_the_one_the_models_generate() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), (
        "run `python -m tools.plan_schema` and commit docs/plan-format/v1.schema.json"
    )


def test_every_exported_file_validates_against_the_schema_and_a_broken_one_does_not(
    service, storage
) -> None:  # type: ignore[no-untyped-def]
    client, program = _setup(service, storage)
    mesocycle = _rich(preview_phase(service, client, program).mesocycle)
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA_PATH.read_text("utf-8")))
    data = json.loads(mesocycle_json(mesocycle))
    assert list(validator.iter_errors(data)) == []
    program_data = json.loads(program_json(program.program, START, [("m1", 0, mesocycle)]))
    assert list(validator.iter_errors(program_data)) == []
    data["mesocycle"]["microcycles"][0]["workouts"][0]["blocks"][0]["exercises"][0]["sets"] = 99
    assert not validator.is_valid(data)
    assert plan_schema()["$schema"].endswith("2020-12/schema")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"{not json", "That file is not JSON (line 1, column 2"),
        ("é".encode("latin-1"), "That file is not text (UTF-8)"),
        (
            b'{"formatVersion": "other/9"}',
            "not a plan of format periodize.plan/1 (it says 'other/9')",
        ),
        (b"[1, 2]", "not a plan of format periodize.plan/1 (it has no formatVersion)"),
        (b'{"formatVersion": "periodize.plan/1", "kind": "week"}', "kind: must be 'mesocycle' or"),
        (b" " * (MAX_IMPORT_BYTES + 1), "a plan file is at most 2 MB"),
    ],
)
def test_a_file_that_is_not_a_plan_gets_one_sentence(data: bytes, expected: str) -> None:
    with pytest.raises(InvalidPlan) as raised:
        read_plan(data)
    assert expected in str(raised.value)


def test_a_plan_with_bad_values_lists_each_problem_with_its_path(service, storage) -> None:  # type: ignore[no-untyped-def]
    client, program = _setup(service, storage)
    data = json.loads(mesocycle_json(preview_phase(service, client, program).mesocycle))
    exercise = data["mesocycle"]["microcycles"][1]["workouts"][0]["blocks"][0]["exercises"][0]
    exercise["sets"] = 99
    exercise["colour"] = "red"
    with pytest.raises(InvalidPlan) as raised:
        read_plan(json.dumps(data).encode())
    where = "mesocycle › microcycles › 1 › workouts › 0 › blocks › 0 › exercises › 0"
    assert raised.value.problems == [
        f"{where} › sets: must be at most 20",
        f"{where} › colour: Extra inputs are not permitted",
    ]


def test_an_imported_file_is_a_checked_preview_with_new_ids_and_nothing_stored(
    service, storage
) -> None:  # type: ignore[no-untyped-def]
    client, program = _setup(service, storage)
    slot = service.phases(program)[0]
    original = preview_phase(service, client, program).mesocycle
    preview = service.preview_file(client, program, slot, mesocycle_json(original))
    assert storage.save_calls == 0
    assert preview.generator == IMPORTED and not preview.has_errors
    assert preview.problems == service.revalidate(preview, preview.mesocycle).problems
    imported = preview.mesocycle
    old_ids = {original.mesocycle_id} | {w.id for w in original.workouts()}
    assert not old_ids & ({imported.mesocycle_id} | {w.id for w in imported.workouts()})

    def without_ids(meso: MesocycleDetailed) -> dict:
        data = json.loads(mesocycle_json(meso))["mesocycle"]
        data.pop("mesocycleId")
        for week in data["microcycles"]:
            week.pop("id"), week.pop("generatedBy")
            for workout in week["workouts"]:
                workout.pop("id")
        return data

    assert without_ids(imported) == without_ids(original)
    assert {m.generated_by for m in imported.microcycles} == {IMPORTED}
    assert service.save(preview) == preview.mesocycle_id
    assert storage.get_mesocycle(preview.mesocycle_id).workouts() == imported.workouts()


def test_a_block_imported_into_a_later_phase_moves_by_whole_weeks(service, storage) -> None:  # type: ignore[no-untyped-def]
    client, program = _setup(service, storage)
    slots = service.phases(program)
    source = preview_phase(service, client, program, 1).mesocycle
    target = next(s for s in slots[2:] if s.plan.weeks == source.weeks)
    preview = service.preview_file(client, program, target, mesocycle_json(source))
    shift = target.start_date - slots[1].start_date
    assert shift.days % 7 == 0 and shift > timedelta(0)
    assert [w.date for w in preview.mesocycle.workouts()] == [
        w.date + shift for w in source.workouts()
    ]
    assert not [p for p in preview.problems if "start" in p.message.lower()]


def test_a_file_of_another_length_or_a_program_without_the_phase_is_refused(
    service, storage
) -> None:  # type: ignore[no-untyped-def]
    client, program = _setup(service, storage)
    slots = service.phases(program)
    source = preview_phase(service, client, program, 0).mesocycle
    other = replace(slots[0], plan=make_plan(source.weeks + 1))
    with pytest.raises(InvalidPlan, match=f"has {source.weeks} weeks, but this phase has"):
        service.preview_file(client, program, other, mesocycle_json(source))
    whole = program_json(program.program, START, [("elsewhere", 5, source)])
    with pytest.raises(InvalidPlan, match="That program file has no block for this phase"):
        service.preview_file(client, program, slots[0], whole)
    assert storage.save_calls == 0


def test_the_documented_example_is_a_valid_plan_file() -> None:
    text = (SCHEMA_PATH.parents[1] / "plan-format.md").read_text(encoding="utf-8")
    example = text.split("```json\n", 1)[1].split("```", 1)[0]
    document = read_plan(example.encode())
    assert isinstance(document, MesocycleDocument)
    assert [e.activity for w in document.mesocycle.workouts() for e in w.exercises] == [
        "Back Squat: 4x5 @ 100 kg, RIR 2, 180s rest"
    ]
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA_PATH.read_text("utf-8")))
    assert validator.is_valid(json.loads(example))
