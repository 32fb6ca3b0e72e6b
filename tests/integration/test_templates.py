"""Templates through the Storage port on the fake, SQLite and PostgreSQL: stored per coach, applied to
the three demo clients (three plans), re-applied idempotently, one failing client storing nothing."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest

from core.dates import frozen_clock
from core.demo import load_demo_data
from core.errors import Conflict, NotFound, StorageUnavailable
from core.generation.engine import OfflineEngine
from core.ports import Storage
from core.read_models import ClientRecord, ProgramRecord
from core.schemas import ClientProfile
from core.service import MesocycleGenerationService
from core.template_service import TemplateService
from core.templates import TemplateRecord
from db.accounts import create_coach
from db.engine import make_engine
from db.storage import SqlStorage
from tests.conftest import default_coach_id

TODAY = date(2026, 12, 2)
NOON = datetime(2026, 12, 2, 12, tzinfo=UTC)
BASE = ClientProfile(
    name="Template base",
    goal="general_fitness",
    experience="beginner",
    days_per_week=3,
    minutes_per_session=40,
    equipment=["dumbbells"],
    injuries=["knee"],
)
"""A block every demo client can do: dumbbells only, three short days, nothing loading a knee."""


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with frozen_clock(NOON):
        yield


@pytest.fixture
def service(storage: Storage) -> MesocycleGenerationService:
    return MesocycleGenerationService(storage, OfflineEngine())


@pytest.fixture
def templates(service: MesocycleGenerationService) -> TemplateService:
    return TemplateService(service)


def _base_template(
    storage: Storage, service: MesocycleGenerationService, templates: TemplateService
) -> TemplateRecord:
    client = storage.get_client(storage.create_client(BASE))
    program = storage.get_program(service.create_program(client, 12, date(2026, 12, 7)))
    saved = service.save(service.preview_slot(client, program, service.phases(program)[0]))
    return storage.get_template(
        templates.save_saved_phase("Dumbbell basics", client, program, saved)
    )


def _demo_clients(storage: Storage, service: MesocycleGenerationService) -> list[ClientRecord]:
    ids = load_demo_data(storage, service, today=TODAY)
    clients = [storage.get_client(client_id) for client_id in ids]
    # Tom's program is planned to its end: the coach gives him a new outline first.
    tom = next(c for c in clients if c.name == "Tom Becker")
    service.create_program(tom, 8, date(2026, 12, 7))
    return clients


def _workout_count(storage: Storage, client: ClientRecord) -> int:
    return len(storage.workouts_for_client(client.id))


def test_templates_are_stored_listed_read_back_and_deleted(
    storage: Storage, service: MesocycleGenerationService, templates: TemplateService
):
    record = _base_template(storage, service, templates)
    assert [t.name for t in storage.list_templates()] == ["Dumbbell basics"]
    assert storage.list_templates()[0] == record
    assert record.template.weeks == 4 and record.template.phase
    with pytest.raises(Conflict, match="already have a template named 'DUMBBELL BASICS'"):
        storage.create_template("DUMBBELL BASICS", record.template)
    second = storage.create_template("Another", record.template)
    assert [t.name for t in storage.list_templates()] == ["Another", "Dumbbell basics"]
    storage.delete_template(second)
    with pytest.raises(NotFound):
        storage.get_template(second)
    with pytest.raises(NotFound):
        storage.delete_template(uuid.uuid4())


def test_a_saved_phase_reads_back_as_it_was_saved(
    storage: Storage, service: MesocycleGenerationService
):
    client = storage.get_client(storage.create_client(BASE))
    program = storage.get_program(service.create_program(client, 12, date(2026, 12, 9)))
    preview = service.preview_slot(client, program, service.phases(program)[0])
    service.save(preview)
    stored = storage.get_mesocycle(preview.mesocycle_id)
    label_free = {"id"}  # the plan's label is not a stored field
    assert stored.model_dump(mode="json", exclude=label_free) == preview.mesocycle.model_dump(
        mode="json", exclude=label_free
    )
    with pytest.raises(NotFound):
        storage.get_mesocycle(uuid.uuid4())


def test_applying_to_the_three_demo_clients_stores_three_correct_plans(
    storage: Storage, service: MesocycleGenerationService, templates: TemplateService
):
    record = _base_template(storage, service, templates)
    clients = _demo_clients(storage, service)
    before = {c.id: _workout_count(storage, c) for c in clients}
    checks = templates.check(record, clients)
    assert [c.ready for c in checks] == [True, True, True], [c.reason for c in checks]
    assert {c.id: _workout_count(storage, c) for c in clients} == before, "checking stores nothing"
    results = templates.apply(checks, {c.id for c in clients})
    assert [r.saved for r in results] == [True, True, True]
    for check, result in zip(checks, results, strict=True):
        assert check.preview is not None and result.mesocycle_id == check.preview.mesocycle_id
        stored = storage.get_mesocycle(result.mesocycle_id)
        planned = check.preview.mesocycle.workouts()
        assert [(w.date, w.title) for w in stored.workouts()] == [
            (w.date, w.title) for w in planned
        ]
        full_weeks = [w for w in stored.microcycles if w.week_number >= 1]
        assert [len(w.workouts) for w in full_weeks] == [
            len(w.sessions) for w in record.template.microcycles if w.week_number >= 1
        ]
        assert _workout_count(storage, check.client) == before[check.client.id] + len(planned)
        weekdays = {w.date.weekday() for w in stored.workouts()}
        assert weekdays <= {
            s.weekday for week in record.template.microcycles for s in week.sessions
        }


def test_reapplying_stores_nothing_twice(
    storage: Storage, service: MesocycleGenerationService, templates: TemplateService
):
    record = _base_template(storage, service, templates)
    clients = _demo_clients(storage, service)
    first = templates.apply(templates.check(record, clients), {c.id for c in clients})
    counts = {c.id: _workout_count(storage, c) for c in clients}
    again = templates.check(record, clients)
    assert all(check.already_saved for check in again)
    second = templates.apply(again, {c.id for c in clients})
    assert [r.mesocycle_id for r in second] == [r.mesocycle_id for r in first]
    assert all(r.saved and "nothing stored twice" in r.message for r in second)
    assert {c.id: _workout_count(storage, c) for c in clients} == counts


def test_conflicts_are_listed_per_client_before_anything_is_stored(
    storage: Storage, service: MesocycleGenerationService, templates: TemplateService
):
    clients = _demo_clients(storage, service)
    jonas = next(c for c in clients if c.name == "Jonas Weber")
    [program] = storage.list_programs(jonas.id)
    saved = storage.list_mesocycles(program.id)[0]
    record = storage.get_template(
        templates.save_saved_phase("Jonas block", jonas, program, saved.id)
    )
    checks = {c.client.name: c for c in templates.check(record, clients)}
    amara, tom = checks["Amara Okafor"], checks["Tom Becker"]
    assert not amara.ready and any("Amara Okafor does not have" in c for c in amara.conflicts)
    assert not tom.ready and any("Tom Becker has injured" in c for c in tom.conflicts)
    assert checks["Jonas Weber"].ready, checks["Jonas Weber"].reason
    results = {
        r.client.name: r for r in templates.apply(list(checks.values()), {c.id for c in clients})
    }
    assert not results["Amara Okafor"].saved
    assert results["Amara Okafor"].message == amara.reason
    assert results["Jonas Weber"].saved


def test_one_client_failing_stores_nothing_of_its_plan_and_stops_no_other(
    storage: Storage,
    service: MesocycleGenerationService,
    templates: TemplateService,
    monkeypatch: pytest.MonkeyPatch,
):
    record = _base_template(storage, service, templates)
    clients = _demo_clients(storage, service)
    checks = templates.check(record, clients)
    counts = {c.id: _workout_count(storage, c) for c in clients}
    amara = next(c for c in clients if c.name == "Amara Okafor")
    real_save = storage.save_mesocycle

    def failing(rows, *, replace_existing=False):  # type: ignore[no-untyped-def]
        if rows.mesocycle["client_id"] == amara.id:
            raise StorageUnavailable("The database stayed unavailable; nothing was saved.")
        return real_save(rows, replace_existing=replace_existing)

    monkeypatch.setattr(storage, "save_mesocycle", failing)
    results = {r.client.name: r for r in templates.apply(checks, {c.id for c in clients})}
    assert not results["Amara Okafor"].saved
    assert "nothing was saved" in results["Amara Okafor"].message
    assert _workout_count(storage, amara) == counts[amara.id]
    assert results["Jonas Weber"].saved and results["Tom Becker"].saved


def test_a_client_with_no_free_phase_needs_attention(
    storage: Storage, service: MesocycleGenerationService, templates: TemplateService
):
    record = _base_template(storage, service, templates)
    load_demo_data(storage, service, today=TODAY)
    tom = next(c for c in storage.list_clients() if c.name == "Tom Becker")
    [check] = templates.check(record, [tom])
    assert check.preview is None and not check.ready
    assert check.reason == (
        "Tom Becker has no program with a free 4-week phase to take this template; create an "
        "outline on the Program page."
    )


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def test_templates_belong_to_one_coach(backend: str, request: pytest.FixtureRequest):
    url = request.getfixturevalue(
        "migrated_sqlite_url" if backend == "sqlite" else "migrated_pg_url"
    )
    engine = make_engine(url)
    try:
        mine = SqlStorage(engine, default_coach_id(engine))
        other = SqlStorage(engine, create_coach(engine, "other-coach", password=None))
        service = MesocycleGenerationService(mine, OfflineEngine())
        record = _base_template(mine, service, TemplateService(service))
        assert other.list_templates() == []
        with pytest.raises(NotFound):
            other.get_template(record.id)
        with pytest.raises(NotFound):
            other.delete_template(record.id)
        other.create_template(record.name, record.template)  # the same name is free for them
        assert [t.name for t in mine.list_templates()] == [record.name]
        with pytest.raises(NotFound):
            other.get_mesocycle(_any_saved(mine))
    finally:
        engine.dispose()


def _any_saved(storage: Storage) -> uuid.UUID:
    client = storage.list_clients()[0]
    program: ProgramRecord = storage.list_programs(client.id)[0]
    return storage.list_mesocycles(program.id)[0].id
