"""The Storage port's contract, held by every implementation: the in-memory fake, SQLite, PostgreSQL.

The service tests run on the fake; this suite runs the same calls on all three and checks the same
values, so the fake cannot drift from the real storage.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest

from core.dates import frozen_clock
from core.errors import Conflict, NotFound
from core.generation.engine import OfflineEngine
from core.load.e1rm import (
    DatedSet,
    daily_best,
    heaviest_sets,
    rep_records,
    tonnage_by_workout,
)
from core.plan_changes import Author, ChangeKind, PlanChange
from core.ports import Storage
from core.read_models import ClientRecord, MesocycleSummary, ProgramRecord, WorkoutRecord
from core.schemas import UnitChoice, Units, WorkoutStatus, effective_units
from core.service import MesocycleGenerationService, Preview
from core.session_log import SessionLog, SetResult
from core.units import DistanceUnit, LoadUnit
from tests.factories import make_profile

START = date(2026, 11, 30)  # a Monday: phase 1 has no transition week
TODAY = START + timedelta(days=9)  # Wednesday of week 2


@pytest.fixture
def service(storage: Storage) -> MesocycleGenerationService:
    return MesocycleGenerationService(storage, OfflineEngine())


def _client(storage: Storage, name: str = "Alex Example") -> ClientRecord:
    return storage.get_client(storage.create_client(make_profile(name=name)))


def _program(
    storage: Storage, service: MesocycleGenerationService, client: ClientRecord
) -> ProgramRecord:
    return storage.get_program(service.create_program(client, 12, START))


def _preview(
    service: MesocycleGenerationService, client: ClientRecord, program: ProgramRecord, phase: int
) -> Preview:
    return service.preview_slot(client, program, service.phases(program)[phase])


def test_clients_are_created_listed_searched_found_and_updated(storage: Storage) -> None:
    assert storage.count_clients() == 0
    bea = _client(storage, "Bea Runner")
    alex = _client(storage, "alex Lifter")
    assert storage.count_clients() == 2
    assert [c.name for c in storage.list_clients()] == ["alex Lifter", "Bea Runner"]
    assert [c.name for c in storage.list_clients("RUN")] == ["Bea Runner"]
    assert storage.find_client_by_name("ALEX LIFTER") == alex
    assert storage.find_client_by_name("Nobody") is None
    changed = bea.profile.model_copy(update={"days_per_week": 2})
    storage.update_client(bea.id, changed)
    assert storage.get_client(bea.id).profile.days_per_week == 2
    with pytest.raises(NotFound):
        storage.get_client(uuid.uuid4())


def test_programs_are_stored_with_their_outline(
    storage: Storage, service: MesocycleGenerationService
) -> None:
    client = _client(storage)
    program = _program(storage, service, client)
    assert (program.client_id, program.start_date, program.weeks) == (client.id, START, 12)
    assert program.generated_by == "offline"
    assert storage.list_programs(client.id) == [program]
    assert storage.list_programs(_client(storage, "Other").id) == []
    with pytest.raises(NotFound):
        storage.get_program(uuid.uuid4())


def test_a_saved_phase_is_listed_read_back_and_saved_once(
    storage: Storage, service: MesocycleGenerationService
) -> None:
    client = _client(storage)
    program = _program(storage, service, client)
    preview = _preview(service, client, program, 0)
    assert service.save(preview) == service.save(preview) == preview.mesocycle_id
    [summary] = storage.list_mesocycles(program.id)
    assert storage.client_mesocycles(client.id) == [summary]
    assert storage.client_mesocycles(_client(storage, "No Plans").id) == []
    assert (summary.id, summary.order_index, summary.start_date) == (
        preview.mesocycle_id,
        0,
        START,
    )
    workouts = storage.workouts_for_client(client.id)
    planned = [w for micro in preview.mesocycle.microcycles for w in micro.workouts]
    assert len(workouts) == len(planned)
    assert [(w.date, w.day_slot) for w in workouts] == sorted(
        (w.date, w.day_slot) for w in workouts
    )
    assert {w.status for w in workouts} == {WorkoutStatus.SCHEDULED}
    week_two = storage.workouts_for_client(client.id, START + timedelta(weeks=1), TODAY)
    assert {w.date for w in week_two} <= {START + timedelta(days=d) for d in range(7, 10)}
    assert week_two, "the engine plans sessions early in each week"


def test_a_second_plan_for_the_same_phase_needs_consent_and_never_replaces_a_logged_one(
    storage: Storage, service: MesocycleGenerationService
) -> None:
    client = _client(storage)
    program = _program(storage, service, client)
    first = _preview(service, client, program, 0)
    service.save(first)
    second = _preview(service, client, program, 0)
    with pytest.raises(Conflict):
        service.save(second)
    assert service.save(second, replace_existing=True) == second.mesocycle_id
    assert [m.id for m in storage.list_mesocycles(program.id)] == [second.mesocycle_id]

    logged = next(w for w in storage.workouts_for_client(client.id) if w.session_type != "rest")
    storage.update_workout_status(logged.id, WorkoutStatus.SKIPPED)
    third = _preview(service, client, program, 0)
    with pytest.raises(Conflict):
        service.save(third, replace_existing=True)
    kept = {w.id: w.status for w in storage.workouts_for_client(client.id)}
    assert kept[logged.id] == WorkoutStatus.SKIPPED


def test_logging_a_session_stores_its_numbers_and_moves_the_stamp(
    storage: Storage, service: MesocycleGenerationService
) -> None:
    client = _client(storage)
    program = _program(storage, service, client)
    empty = storage.workouts_stamp(client.id)
    assert (empty.count, empty.first, empty.last) == (0, None, None)
    service.save(_preview(service, client, program, 0))
    saved = storage.workouts_stamp(client.id)
    workouts = storage.workouts_for_client(client.id)
    assert (saved.count, saved.first, saved.last) == (
        len(workouts),
        workouts[0].date,
        workouts[-1].date,
    )
    session = next(w for w in workouts if w.session_type != "rest")
    storage.update_workout_status(session.id, WorkoutStatus.COMPLETED, 7.5, 52)
    logged = storage.workouts_stamp(client.id)
    assert logged != saved and logged.calendar == saved.calendar
    [done] = [w for w in storage.workouts_for_client(client.id) if w.id == session.id]
    assert (done.status, done.session_rpe, done.actual_minutes) == (
        WorkoutStatus.COMPLETED,
        7.5,
        52,
    )
    assert done.completed_at is not None
    storage.update_workout_status(session.id, WorkoutStatus.SKIPPED, 9.0, 80)
    [skipped] = [w for w in storage.workouts_for_client(client.id) if w.id == session.id]
    assert (skipped.session_rpe, skipped.actual_minutes, skipped.completed_at) == (None, None, None)
    with pytest.raises(NotFound):
        storage.update_workout_status(uuid.uuid4(), WorkoutStatus.COMPLETED, 7.0, 40)


def test_the_coach_overview_counts_the_same_weeks(
    storage: Storage, service: MesocycleGenerationService
) -> None:
    idle = _client(storage, "Zed Idle")
    client = _client(storage, "Alex Example")
    program = _program(storage, service, client)
    first = _preview(service, client, program, 0)
    service.save(first)
    sessions = [w for w in storage.workouts_for_client(client.id) if w.session_type != "rest"]
    done, skipped = sessions[0], sessions[1]
    storage.update_workout_status(done.id, WorkoutStatus.COMPLETED, 7.0, 50)
    storage.update_workout_status(skipped.id, WorkoutStatus.SKIPPED)

    alex, zed = storage.coach_overview(TODAY)
    assert (alex.name, zed.name) == ("Alex Example", "Zed Idle")
    assert zed.client_id == idle.id and zed.workouts == 0 and zed.phase is None
    assert [week.week_start for week in alex.weeks][-2:] == [START, START + timedelta(weeks=1)]
    week_one = alex.weeks[-2]
    training_week_one = [w for w in sessions if w.date < START + timedelta(weeks=1)]
    assert (week_one.completed, week_one.skipped, week_one.missed) == (
        1,
        1,
        len(training_week_one) - 2,
    )
    this_week = alex.weeks[-1]
    assert this_week.missed == sum(START + timedelta(weeks=1) <= w.date < TODAY for w in sessions)
    assert this_week.upcoming == 0
    assert alex.last_logged == max(done.date, skipped.date)
    assert (alex.phase, alex.phase_start, alex.phase_end) == (
        first.mesocycle.phase,
        START,
        first.mesocycle.end_date,
    )
    assert alex.next_phase_start is None
    assert alex.workouts == sum(
        w.date <= START + timedelta(days=13) for w in storage.workouts_for_client(client.id)
    )


def _log(sets: list[SetResult], minutes: int = 50, note: str | None = None) -> SessionLog:
    return SessionLog(
        status=WorkoutStatus.COMPLETED, session_rpe=7.5, minutes=minutes, note=note, sets=sets
    )


def test_the_heaviest_logged_sets_are_what_the_e1rm_trend_and_records_need(
    storage: Storage, service: MesocycleGenerationService
) -> None:
    client = _client(storage)
    program = _program(storage, service, client)
    service.save(_preview(service, client, program, 0))
    first, second = [w for w in storage.workouts_for_client(client.id) if w.session_type != "rest"][
        :2
    ]

    def lift(
        n: int, exercise: str, reps: int | None, kg: float | None, **effort: float
    ) -> SetResult:
        return SetResult(
            exercise_index=n, exercise=exercise, set_number=n + 1, reps=reps, load_kg=kg, **effort
        )

    storage.log_workout(
        first.id,
        _log(
            [
                lift(0, "Back Squat", 5, 100, rir=2),
                lift(1, "Back Squat", 5, 105, rir=2),  # heavier at the same reps and effort
                lift(2, "Back Squat", 5, 95, rir=1),  # lighter, another effort: kept
                lift(3, "Back Squat", 3, 110, rpe=9),
                lift(4, "Back Squat", 8, None),  # no load: neither a trend point nor a record
                lift(5, "Push-up", 12, 0),  # bodyweight: a record at 0 kg
                lift(6, "Plank", 0, 20),  # no reps
            ]
        ),
        "coach",
    )
    storage.log_workout(second.id, _log([lift(0, "Back Squat", 5, 100, rir=2)]), "coach")

    def fields(sets: list[DatedSet]) -> list[tuple[object, ...]]:
        return sorted(
            (d.day, d.result.exercise, d.result.reps, d.result.load_kg, d.result.rir, d.result.rpe)
            for d in sets
        )

    every = storage.client_sets(client.id)
    heaviest = storage.heaviest_logged_sets(client.id)
    assert fields(heaviest) == fields(heaviest_sets(every))
    assert fields(heaviest) == [
        (first.date, "Back Squat", 3, 110.0, None, 9.0),
        (first.date, "Back Squat", 5, 95.0, 1.0, None),
        (first.date, "Back Squat", 5, 105.0, 2.0, None),
        (first.date, "Push-up", 12, 0.0, None, None),
        (second.date, "Back Squat", 5, 100.0, 2.0, None),
    ]
    assert [d.day for d in heaviest] == sorted(d.day for d in heaviest)
    assert daily_best(heaviest) == daily_best(every)
    assert rep_records(heaviest) == rep_records(every)


def test_a_logged_session_keeps_its_sets_and_every_version(
    storage: Storage, service: MesocycleGenerationService
) -> None:
    client = _client(storage)
    program = _program(storage, service, client)
    service.save(_preview(service, client, program, 0))
    workouts = [w for w in storage.workouts_for_client(client.id) if w.session_type != "rest"]
    first, second = workouts[0], workouts[1]
    assert first.client_id == client.id and storage.get_workout(first.id) == first
    squat = [
        SetResult(exercise_index=0, exercise="Back Squat", set_number=n, reps=5, load_kg=100, rir=2)
        for n in (1, 2)
    ]
    storage.log_workout(first.id, _log(squat, note="felt fast"), "coach")
    heavier = [s.model_copy(update={"load_kg": 102.5}) for s in squat]
    storage.log_workout(first.id, _log(heavier, minutes=55), "client")
    storage.log_workout(second.id, _log(squat[:1]), "coach")

    assert storage.workout_sets(first.id) == heavier
    done = storage.get_workout(first.id)
    assert (done.status, done.actual_minutes, done.logged_by, done.log_note) == (
        WorkoutStatus.COMPLETED,
        55,
        "client",
        None,
    )
    history = storage.log_revisions(first.id)
    assert [(r.logged_by, r.log.minutes, r.log.note) for r in history] == [
        ("coach", 50, "felt fast"),
        ("client", 55, None),
    ]
    assert history[1].log.sets == heavier
    dated = storage.client_sets(client.id)
    assert [(d.day, d.result.load_kg) for d in dated] == [
        (first.date, 102.5),
        (first.date, 102.5),
        (second.date, 100),
    ]
    assert storage.client_sets(client.id, start=second.date) == dated[2:]
    assert [d.workout_id for d in dated] == [first.id, first.id, second.id]
    # the same sums as the sets read one by one, added up in the storage
    assert storage.logged_tonnage(client.id) == pytest.approx(tonnage_by_workout(dated))
    assert set(storage.logged_tonnage(client.id)) == {str(first.id), str(second.id)}

    storage.clear_log(first.id)
    undone = storage.get_workout(first.id)
    assert (undone.status, undone.session_rpe, undone.logged_by) == (
        WorkoutStatus.SCHEDULED,
        None,
        None,
    )
    assert storage.workout_sets(first.id) == []
    assert len(storage.log_revisions(first.id)) == 2  # the history stays
    with pytest.raises(NotFound):
        storage.log_workout(uuid.uuid4(), _log(squat), "coach")
    with pytest.raises(NotFound):
        storage.get_workout(uuid.uuid4())


COACH = Author(None, "Casey Coach")


def _saved_phase(
    storage: Storage, service: MesocycleGenerationService
) -> tuple[ClientRecord, uuid.UUID, list[WorkoutRecord]]:
    client = _client(storage)
    program = _program(storage, service, client)
    preview = _preview(service, client, program, 0)
    service.save(preview)
    sessions = [w for w in storage.workouts_for_client(client.id) if w.session_type != "rest"]
    return client, preview.mesocycle_id, sessions


def test_a_saved_phase_reads_back_as_the_plan_that_was_saved(
    storage: Storage, service: MesocycleGenerationService
) -> None:
    client = _client(storage)
    program = _program(storage, service, client)
    preview = _preview(service, client, program, 1)  # phase 2: starts on a Monday after phase 1
    service.save(preview)
    stored = storage.get_mesocycle(preview.mesocycle_id)
    # The label id is the only field not stored; everything else, ids and dates included, is.
    assert stored == preview.mesocycle.model_copy(update={"id": None})
    assert [w.id for w in stored.workouts()] == [w.id for w in preview.mesocycle.workouts()]
    with pytest.raises(NotFound):
        storage.get_mesocycle(uuid.uuid4())


def test_the_coach_default_units_start_metric_are_kept_and_fill_a_client_who_follows_them(
    storage: Storage, service: MesocycleGenerationService
) -> None:
    assert storage.coach_units() == Units(load=LoadUnit.KG, distance=DistanceUnit.KM)
    storage.set_coach_units(Units(load=LoadUnit.LB, distance=DistanceUnit.MI))
    assert storage.coach_units() == Units(load=LoadUnit.LB, distance=DistanceUnit.MI)
    follows = _client(storage, "Follows Coach")
    own = storage.get_client(
        storage.create_client(
            make_profile(name="Own Units").model_copy(
                update={"units": UnitChoice(load=LoadUnit.KG)}
            )
        )
    )
    assert storage.get_client(follows.id).profile.units == UnitChoice()  # stored as chosen
    assert effective_units(service.resolved(follows).profile) == Units(
        load=LoadUnit.LB, distance=DistanceUnit.MI
    )
    assert effective_units(service.resolved(own).profile) == Units(
        load=LoadUnit.KG, distance=DistanceUnit.MI
    )


def test_client_links_are_made_listed_newest_first_and_revoked_once(storage: Storage) -> None:
    client = _client(storage)
    other = _client(storage, "Bea Runner")
    moment = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    expires = datetime(2026, 12, 31, 23, 0, tzinfo=UTC)
    with frozen_clock(moment):
        phone = storage.create_client_link(client.id, "Phone", "client", "a" * 64, None)
    with frozen_clock(moment + timedelta(minutes=5)):
        feed = storage.create_client_link(client.id, "Calendar", "calendar", "b" * 64, expires)
    assert (phone.name, phone.kind, phone.created_at, phone.expires_at) == (
        "Phone",
        "client",
        moment,
        None,
    )
    listed = storage.list_client_links(client.id)
    assert [(link.id, link.kind, link.expires_at) for link in listed] == [
        (feed.id, "calendar", expires),
        (phone.id, "client", None),
    ]
    assert storage.list_client_links(other.id) == []
    with frozen_clock(moment + timedelta(hours=1)):
        storage.revoke_client_link(phone.id)
    with frozen_clock(moment + timedelta(hours=2)):
        storage.revoke_client_link(phone.id)
    revoked = {link.id: link.revoked_at for link in storage.list_client_links(client.id)}
    assert revoked == {phone.id: moment + timedelta(hours=1), feed.id: None}
    with pytest.raises(NotFound):
        storage.revoke_client_link(uuid.uuid4())
    with pytest.raises(NotFound):
        storage.create_client_link(uuid.uuid4(), "Ghost", "client", "c" * 64, None)


def test_a_workout_knows_its_saved_phase(
    storage: Storage, service: MesocycleGenerationService
) -> None:
    client = _client(storage)
    program = _program(storage, service, client)
    preview = _preview(service, client, program, 0)
    service.save(preview)
    plan = storage.get_mesocycle(preview.mesocycle_id)
    assert plan.model_dump(exclude={"id"}) == preview.mesocycle.model_dump(exclude={"id"})
    first = storage.workouts_for_client(client.id)[0]
    assert storage.workout_mesocycle(first.id).id == preview.mesocycle_id
    with pytest.raises(NotFound):
        storage.get_mesocycle(uuid.uuid4())
    with pytest.raises(NotFound):
        storage.workout_mesocycle(uuid.uuid4())


def test_unlogged_workouts_are_edited_moved_copied_and_removed_with_revisions(
    storage: Storage, service: MesocycleGenerationService
) -> None:
    client, mesocycle_id, sessions = _saved_phase(storage, service)
    edited, moved, copied, removed = sessions[:4]
    before = storage.workouts_stamp(client.id)
    friday = sessions[-1].date - timedelta(days=1)
    changes = [
        PlanChange(ChangeKind.EDIT, edited.id, "retitled", fields={"title": "Heavy day"}),
        PlanChange(ChangeKind.MOVE, moved.id, "moved", new_date=friday),
        PlanChange(ChangeKind.ADD, copied.id, "copied", new_date=friday, new_id=uuid.uuid4()),
        PlanChange(ChangeKind.REMOVE, removed.id, "removed"),
    ]
    storage.change_plan(mesocycle_id, changes, COACH)
    beside = PlanChange(
        ChangeKind.ADD, edited.id, "beside", new_date=edited.date, new_id=uuid.uuid4()
    )
    storage.change_plan(mesocycle_id, [beside], COACH)
    assert beside.new_id is not None
    assert storage.get_workout(beside.new_id).day_slot == edited.day_slot + 1

    after = {w.id: w for w in storage.workouts_for_client(client.id)}
    assert after[edited.id].title == "Heavy day"
    assert after[moved.id].date == friday
    new_id = changes[2].new_id
    assert new_id is not None
    assert (after[new_id].date, after[new_id].title, after[new_id].status) == (
        friday,
        copied.title,
        WorkoutStatus.SCHEDULED,
    )
    assert after[new_id].blocks == copied.blocks
    # Two sessions on Friday now: each on its own slot, in the week that holds Friday.
    friday_slots = sorted(w.day_slot for w in after.values() if w.date == friday)
    assert friday_slots == list(range(len(friday_slots))) and len(friday_slots) >= 2
    assert removed.id not in after
    assert len(after) == len(storage.workouts_for_client(client.id)) == before.count + 1
    assert storage.workouts_stamp(client.id) != before

    history = storage.plan_revisions(mesocycle_id)
    assert [(r.kind, r.summary, r.author) for r in history] == [
        (ChangeKind.EDIT, "retitled", "Casey Coach"),
        (ChangeKind.MOVE, "moved", "Casey Coach"),
        (ChangeKind.ADD, "copied", "Casey Coach"),
        (ChangeKind.REMOVE, "removed", "Casey Coach"),
        (ChangeKind.ADD, "beside", "Casey Coach"),
    ]
    edit, move, add, remove, _ = history
    assert (edit.before or {})["title"] == edited.title and (edit.after or {})[
        "title"
    ] == "Heavy day"
    assert (move.before or {})["date"] == moved.date.isoformat()
    assert (move.after or {})["date"] == friday.isoformat()
    assert add.before is None and add.workout_id == new_id
    assert remove.after is None and (remove.before or {})["title"] == removed.title
    plan = storage.get_mesocycle(mesocycle_id)
    assert {w.id for w in plan.workouts()} == set(after)


def test_a_logged_workout_is_never_changed_and_nothing_of_the_batch_is_kept(
    storage: Storage, service: MesocycleGenerationService
) -> None:
    _, mesocycle_id, sessions = _saved_phase(storage, service)
    free, logged = sessions[0], sessions[1]
    storage.log_workout(logged.id, _log([]), "coach")
    for kind in (ChangeKind.EDIT, ChangeKind.MOVE, ChangeKind.REMOVE):
        change = PlanChange(kind, logged.id, "try", new_date=free.date, fields={"title": "Changed"})
        retitle = PlanChange(ChangeKind.EDIT, free.id, "ok", fields={"title": "Kept?"})
        with pytest.raises(Conflict, match="never changed"):
            storage.change_plan(mesocycle_id, [retitle, change], COACH)
    kept = storage.get_workout(logged.id)
    assert (kept.title, kept.date, kept.status) == (
        logged.title,
        logged.date,
        WorkoutStatus.COMPLETED,
    )
    assert storage.get_workout(free.id).title == free.title  # the batch is all or nothing
    assert storage.plan_revisions(mesocycle_id) == []
    # A logged session can still be copied to a later day (the copy is a new, scheduled one).
    copy = PlanChange(
        ChangeKind.ADD, logged.id, "copied", new_date=sessions[-1].date, new_id=uuid.uuid4()
    )
    storage.change_plan(mesocycle_id, [copy], COACH)
    assert copy.new_id is not None
    assert storage.get_workout(copy.new_id).status == WorkoutStatus.SCHEDULED


def test_a_move_outside_the_phase_is_refused(
    storage: Storage, service: MesocycleGenerationService
) -> None:
    client, mesocycle_id, sessions = _saved_phase(storage, service)
    [summary] = [m for m in _phases(storage, client) if m.id == mesocycle_id]
    late = summary.end_date + timedelta(days=1)
    with pytest.raises(Conflict, match="outside this phase"):
        storage.change_plan(
            mesocycle_id, [PlanChange(ChangeKind.MOVE, sessions[0].id, "m", new_date=late)], COACH
        )
    assert storage.get_workout(sessions[0].id).date == sessions[0].date


def _phases(storage: Storage, client: ClientRecord) -> list[MesocycleSummary]:
    return [m for p in storage.list_programs(client.id) for m in storage.list_mesocycles(p.id)]


def test_an_archived_client_is_hidden_kept_and_restored(
    storage: Storage, service: MesocycleGenerationService
) -> None:
    client = _client(storage, "Ari Archived")
    other = _client(storage, "Bo Active")
    program = _program(storage, service, client)
    service.save(_preview(service, client, program, 0))
    workouts = storage.workouts_for_client(client.id)
    storage.set_client_archived(client.id, True)
    assert [c.name for c in storage.list_clients()] == ["Bo Active"]
    assert [c.name for c in storage.list_clients(archived=True)] == ["Ari Archived"]
    assert (storage.count_clients(), storage.count_clients(archived=True)) == (1, 1)
    assert [row.name for row in storage.coach_overview(START)] == ["Bo Active"]
    assert storage.workouts_for_client(client.id) == workouts  # nothing lost
    storage.set_client_archived(client.id, False)
    assert [c.name for c in storage.list_clients()] == ["Ari Archived", "Bo Active"]
    assert storage.list_clients(archived=True) == []
    assert (storage.count_clients(), storage.count_clients(archived=True)) == (2, 0)
    assert storage.get_client(other.id) == other
    with pytest.raises(NotFound):
        storage.set_client_archived(uuid.uuid4(), True)


def test_a_deleted_client_takes_every_row_of_theirs_and_nothing_else(
    storage: Storage, service: MesocycleGenerationService
) -> None:
    client = _client(storage, "Dee Deleted")
    kept = _client(storage, "Kit Kept")
    for someone in (client, kept):
        program = _program(storage, service, someone)
        service.save(_preview(service, someone, program, 0))
    session = next(w for w in storage.workouts_for_client(client.id) if w.session_type != "rest")
    storage.update_workout_status(session.id, WorkoutStatus.COMPLETED, 7.0, 45)
    kept_workouts = storage.workouts_for_client(kept.id)
    storage.delete_client(client.id)
    with pytest.raises(NotFound):
        storage.get_client(client.id)
    assert storage.workouts_for_client(client.id) == []
    assert storage.list_programs(client.id) == []
    assert [c.name for c in storage.list_clients()] == ["Kit Kept"]
    assert storage.workouts_for_client(kept.id) == kept_workouts
    with pytest.raises(NotFound):
        storage.delete_client(client.id)
