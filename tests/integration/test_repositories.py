"""Every repository method of db/repositories.py, on SQLite and PostgreSQL, with value assertions."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import Engine, func, select, text, update
from sqlalchemy.exc import IntegrityError

from core.errors import NotFound
from core.records import MesocycleRows, build_mesocycle_rows
from core.schemas import KeyValuePair, SessionType, WorkoutStatus
from db.models import (
    ClientDB,
    FitnessProgramDB,
    MesocycleDB,
    MicrocycleDB,
    WorkoutInstanceDB,
)
from db.unit_of_work import SqlUnitOfWork
from tests.conftest import (
    MACROCYCLE_ID,
    ClientAndProgram,
    default_coach_id,
    store_client_and_program,
)
from tests.factories import make_mesocycle, make_profile, make_workout

NOW = datetime(2025, 1, 6, 12, 0, tzinfo=UTC)  # in the past, so later stamps exceed it
MONDAY = date(2026, 11, 30)


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes (stored in UTC); PostgreSQL aware ones."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _rows(
    ids: ClientAndProgram,
    start: date = MONDAY,
    order_index: int = 0,
    macrocycle_id: str = MACROCYCLE_ID,
    weeks: int = 2,
) -> MesocycleRows:
    return build_mesocycle_rows(
        make_mesocycle(start, weeks=weeks),
        ids.program_id,
        macrocycle_id,
        ids.client_id,
        order_index,
        start,
        NOW,
    )


def _store_through_repositories(engine: Engine, rows: MesocycleRows) -> uuid.UUID:
    """The spec's repository methods, one row at a time (the atomic save is tested elsewhere)."""
    with SqlUnitOfWork(engine, default_coach_id(engine)) as uow:
        meso_id = uow.mesocycles.create_mesocycle(MesocycleDB(**rows.mesocycle))
        for micro in rows.microcycles:
            uow.microcycles.create_microcycle(MicrocycleDB(**micro))
        for workout in rows.workouts:
            uow.workouts.create_workout_instance(WorkoutInstanceDB(**workout))
        uow.commit()
    return meso_id


def _count(engine: Engine, model: type) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(model)).scalar_one()


# clients


def test_create_and_get_client_round_trips_the_profile(engine: Engine) -> None:
    profile = make_profile(name="Jordan Lee").model_dump(mode="json")
    with SqlUnitOfWork(engine, default_coach_id(engine)) as uow:
        client_id = uow.clients.create_client("Jordan Lee", profile)
        uow.commit()
    assert isinstance(client_id, uuid.UUID)
    with SqlUnitOfWork(engine, default_coach_id(engine)) as uow:
        row = uow.clients.get_client(client_id)
        assert row is not None
        assert row.name == "Jordan Lee"
        assert row.profile == profile
        assert row.profile["oneRepMaxes"] == {
            "Back Squat": 140,
            "Bench Press": 100,
            "Deadlift": 180,
        }
        assert row.profile["timezone"] == "Europe/Berlin"
        assert _aware(row.created_at) <= datetime.now(UTC)
        assert uow.clients.get_client(uuid.uuid4()) is None
        assert uow.clients.count_clients() == 1


def test_list_search_and_find_clients(engine: Engine) -> None:
    with SqlUnitOfWork(engine, default_coach_id(engine)) as uow:
        for name in ("maria Gomez", "Alex Example", "Zoe Alexander", "Ben Ng"):
            uow.clients.create_client(name, make_profile(name=name).model_dump(mode="json"))
        uow.commit()
    with SqlUnitOfWork(engine, default_coach_id(engine)) as uow:
        names = [row.name for row in uow.clients.list_clients()]
        assert names == ["Alex Example", "Ben Ng", "maria Gomez", "Zoe Alexander"]
        assert [r.name for r in uow.clients.list_clients("alex")] == [
            "Alex Example",
            "Zoe Alexander",
        ]
        assert [r.name for r in uow.clients.list_clients("  GOMEZ ")] == ["maria Gomez"]
        assert uow.clients.list_clients("nobody") == []
        assert [r.name for r in uow.clients.list_clients("   ")] == names
        found = uow.clients.find_client_by_name("  MARIA gomez ")
        assert found is not None and found.name == "maria Gomez"
        assert uow.clients.find_client_by_name("Maria") is None
        assert uow.clients.count_clients() == 4


def test_update_client_changes_name_profile_and_stamp(engine: Engine) -> None:
    with SqlUnitOfWork(engine, default_coach_id(engine)) as uow:
        client_id = uow.clients.create_client(
            "Old", make_profile(name="Old").model_dump(mode="json")
        )
        uow.commit()
    with SqlUnitOfWork(engine, default_coach_id(engine)) as uow:
        before = uow.clients.get_client(client_id)
        assert before is not None
        created = _aware(before.updated_at)
    new_profile = make_profile(name="New Name", daysPerWeek=3).model_dump(mode="json")
    with SqlUnitOfWork(engine, default_coach_id(engine)) as uow:
        uow.clients.update_client(client_id, "New Name", new_profile)
        uow.commit()
    with SqlUnitOfWork(engine, default_coach_id(engine)) as uow:
        row = uow.clients.get_client(client_id)
        assert row is not None
        assert row.name == "New Name"
        assert row.profile["daysPerWeek"] == 3
        assert row.profile["name"] == "New Name"
        assert _aware(row.updated_at) >= created
        with pytest.raises(NotFound, match="client no longer exists"):
            uow.clients.update_client(uuid.uuid4(), "X", new_profile)


# programs


def test_create_get_and_list_programs(engine: Engine) -> None:
    first = store_client_and_program(engine, "Alex Example")
    other = store_client_and_program(engine, "Other Client")
    with SqlUnitOfWork(engine, default_coach_id(engine)) as uow:
        program = uow.programs.get_program(first.program_id)
        assert program is not None
        assert program.client_id == first.client_id
        assert program.program_type == "strength"
        assert program.start_date == MONDAY
        assert program.weeks == 12
        assert program.generated_by == "test"
        assert program.macrocycles[0]["id"] == MACROCYCLE_ID
        assert [m["phase"] for m in program.macrocycles[0]["mesocycles"]] == [
            "Hypertrophy",
            "Strength",
            "Peak",
        ]
        assert uow.programs.get_program(uuid.uuid4()) is None
        later = uow.programs.create_program(
            FitnessProgramDB(
                client_id=first.client_id,
                program_type="hybrid",
                overview="Second program",
                start_date=date(2027, 3, 1),
                weeks=8,
                macrocycles=[],
                generated_by="offline",
                created_at=datetime.now(UTC) + timedelta(minutes=5),
            )
        )
        uow.commit()
    with SqlUnitOfWork(engine, default_coach_id(engine)) as uow:
        listed = uow.programs.get_programs_by_client_id(first.client_id)
        assert [p.id for p in listed] == [later, first.program_id]  # newest first
        assert [p.id for p in uow.programs.get_programs_by_client_id(other.client_id)] == [
            other.program_id
        ]
        assert uow.programs.get_programs_by_client_id(uuid.uuid4()) == []


# mesocycles


def test_create_mesocycle_and_get_by_id(engine: Engine, client_and_program) -> None:  # type: ignore[no-untyped-def]
    rows = _rows(client_and_program, weeks=3)
    with SqlUnitOfWork(engine, default_coach_id(engine)) as uow:
        meso_id = uow.mesocycles.create_mesocycle(MesocycleDB(**rows.mesocycle))
        uow.commit()
    assert meso_id == rows.mesocycle_id
    with SqlUnitOfWork(engine, default_coach_id(engine)) as uow:
        row = uow.mesocycles.get_mesocycle_by_id(meso_id)
        assert row is not None
        assert row.fitness_program_id == client_and_program.program_id
        assert row.client_id == client_and_program.client_id
        assert (row.macrocycle_id, row.order_index, row.phase, row.weeks) == (
            MACROCYCLE_ID,
            0,
            "Strength",
            3,
        )
        assert (row.start_date, row.end_date) == (MONDAY, date(2026, 12, 20))
        assert [t["weekOffset"] for t in row.weekly_targets] == [0, 1, 2]
        assert row.weekly_targets[0]["avgIntensityPct1rm"] == 70
        assert row.weekly_targets[2]["deload"] is True
        assert uow.mesocycles.get_mesocycle_by_id(uuid.uuid4()) is None


def test_mesocycle_queries_by_program_macrocycle_and_phase(
    engine: Engine, client_and_program: ClientAndProgram
) -> None:
    ids = client_and_program
    other = store_client_and_program(engine, "Other Client")
    # stored out of order on purpose
    second = _store_through_repositories(engine, _rows(ids, date(2027, 1, 4), 1))
    other_macro = _store_through_repositories(engine, _rows(ids, date(2027, 2, 1), 0, "b-macro"))
    first = _store_through_repositories(engine, _rows(ids, MONDAY, 0))
    foreign = _store_through_repositories(engine, _rows(other, MONDAY, 0))
    with SqlUnitOfWork(engine, default_coach_id(engine)) as uow:
        by_program = uow.mesocycles.get_mesocycles_by_program_id(ids.program_id)
        # ordered by macrocycle id, then order index
        assert [m.id for m in by_program] == [other_macro, first, second]
        by_macro = uow.mesocycles.get_mesocycles_by_macrocycle_id(MACROCYCLE_ID)
        assert {m.id for m in by_macro} == {first, second, foreign}
        assert [m.order_index for m in by_macro] == sorted(m.order_index for m in by_macro)
        assert [m.id for m in uow.mesocycles.get_mesocycles_by_macrocycle_id("b-macro")] == [
            other_macro
        ]
        assert uow.mesocycles.get_mesocycles_by_macrocycle_id("missing") == []
        phase = uow.mesocycles.get_mesocycle_for_phase(ids.program_id, MACROCYCLE_ID, 1)
        assert phase is not None and phase.id == second
        assert uow.mesocycles.get_mesocycle_for_phase(ids.program_id, MACROCYCLE_ID, 2) is None
        assert uow.mesocycles.get_mesocycle_for_phase(ids.program_id, "b-macro", 1) is None


def test_delete_mesocycle_removes_its_weeks_and_workouts(
    engine: Engine, client_and_program: ClientAndProgram
) -> None:
    keep = _store_through_repositories(engine, _rows(client_and_program, date(2027, 1, 4), 1))
    gone_rows = _rows(client_and_program)
    gone = _store_through_repositories(engine, gone_rows)
    assert _count(engine, WorkoutInstanceDB) == 2 * len(gone_rows.workouts)
    with SqlUnitOfWork(engine, default_coach_id(engine)) as uow:
        uow.mesocycles.delete_mesocycle(gone)
        uow.mesocycles.delete_mesocycle(uuid.uuid4())  # a missing id is a no-op
        uow.commit()
    with SqlUnitOfWork(engine, default_coach_id(engine)) as uow:
        assert uow.mesocycles.get_mesocycle_by_id(gone) is None
        assert uow.microcycles.get_microcycles_by_mesocycle_id(gone) == []
        assert uow.mesocycles.get_mesocycle_by_id(keep) is not None
        assert len(uow.microcycles.get_microcycles_by_mesocycle_id(keep)) == 2
    assert _count(engine, MicrocycleDB) == 2
    assert _count(engine, WorkoutInstanceDB) == len(gone_rows.workouts)


# microcycles


def test_create_and_list_microcycles_in_week_order(
    engine: Engine, client_and_program: ClientAndProgram
) -> None:
    wednesday = date(2026, 12, 2)
    rows = _rows(client_and_program, wednesday, weeks=2)
    with SqlUnitOfWork(engine, default_coach_id(engine)) as uow:
        uow.mesocycles.create_mesocycle(MesocycleDB(**rows.mesocycle))
        for micro in reversed(rows.microcycles):
            assert uow.microcycles.create_microcycle(MicrocycleDB(**micro)) == micro["id"]
        uow.commit()
    with SqlUnitOfWork(engine, default_coach_id(engine)) as uow:
        weeks = uow.microcycles.get_microcycles_by_mesocycle_id(rows.mesocycle_id)
        assert [(w.week_number, w.start_date, w.end_date) for w in weeks] == [
            (0, date(2026, 12, 2), date(2026, 12, 6)),
            (1, date(2026, 12, 7), date(2026, 12, 13)),
            (2, date(2026, 12, 14), date(2026, 12, 20)),
        ]
        assert [w.deload for w in weeks] == [False, False, True]
        assert all(w.client_id == client_and_program.client_id for w in weeks)
        assert all(w.generated_by == "test" and w.metrics == {} for w in weeks)
        assert uow.microcycles.get_microcycles_by_mesocycle_id(uuid.uuid4()) == []


def test_update_microcycle_metrics_stores_pairs_as_a_json_object(
    engine: Engine, client_and_program: ClientAndProgram
) -> None:
    rows = _rows(client_and_program)
    _store_through_repositories(engine, rows)
    week_id = rows.microcycles[0]["id"]
    metrics = [
        KeyValuePair(key="volumeLoadKg", value=18250.5),
        KeyValuePair(key="hardSets", value=42),
        KeyValuePair(key="note", value="felt heavy"),
    ]
    with SqlUnitOfWork(engine, default_coach_id(engine)) as uow:
        uow.microcycles.update_microcycle_metrics(week_id, metrics)
        uow.commit()
    with SqlUnitOfWork(engine, default_coach_id(engine)) as uow:
        weeks = uow.microcycles.get_microcycles_by_mesocycle_id(rows.mesocycle_id)
        assert weeks[0].metrics == {"volumeLoadKg": 18250.5, "hardSets": 42, "note": "felt heavy"}
        assert weeks[1].metrics == {}  # the other week is untouched
        assert _aware(weeks[0].updated_at) > NOW
    with SqlUnitOfWork(engine, default_coach_id(engine)) as uow:
        uow.microcycles.update_microcycle_metrics(week_id, [])
        uow.commit()
        with pytest.raises(NotFound, match="week no longer exists"):
            uow.microcycles.update_microcycle_metrics(uuid.uuid4(), metrics)
    with SqlUnitOfWork(engine, default_coach_id(engine)) as uow:
        assert uow.microcycles.get_microcycles_by_mesocycle_id(rows.mesocycle_id)[0].metrics == {}


# workouts


def test_create_workouts_and_list_them_by_week(
    engine: Engine, client_and_program: ClientAndProgram
) -> None:
    rows = _rows(client_and_program)
    with SqlUnitOfWork(engine, default_coach_id(engine)) as uow:
        uow.mesocycles.create_mesocycle(MesocycleDB(**rows.mesocycle))
        for micro in rows.microcycles:
            uow.microcycles.create_microcycle(MicrocycleDB(**micro))
        for workout in reversed(rows.workouts):
            assert (
                uow.workouts.create_workout_instance(WorkoutInstanceDB(**workout))
                == (workout["id"])
            )
        uow.commit()
    week_one = rows.microcycles[0]["id"]
    with SqlUnitOfWork(engine, default_coach_id(engine)) as uow:
        workouts = uow.workouts.get_workouts_by_microcycle_id(week_one)
        assert [w.date for w in workouts] == [
            date(2026, 11, 30),
            date(2026, 12, 1),
            date(2026, 12, 3),
            date(2026, 12, 4),
        ]
        assert [w.title for w in workouts] == [f"Session {i}" for i in range(1, 5)]
        first = workouts[0]
        assert first.status == "scheduled"
        assert first.session_type == "lift"
        assert first.planned_minutes == 60 and first.target_rpe == 7
        assert first.blocks[0]["label"] == "Main"
        assert first.blocks[0]["activities"] == [
            "Lift 0: 4x6 @ 75% 1RM, RIR 2, 180s rest",
            "Lift 1: 4x6 @ 75% 1RM, RIR 2, 180s rest",
        ]
        assert first.targets == {}
        assert first.completed_at is None and first.session_rpe is None
        single = uow.workouts.get_workout(first.id)
        assert single is not None and single.title == "Session 1"
        assert uow.workouts.get_workout(uuid.uuid4()) is None
        assert uow.workouts.get_workouts_by_microcycle_id(uuid.uuid4()) == []


def test_workouts_for_client_in_a_date_range_include_both_ends(
    engine: Engine, client_and_program: ClientAndProgram
) -> None:
    ids = client_and_program
    _store_through_repositories(engine, _rows(ids))
    other = store_client_and_program(engine, "Other Client")
    _store_through_repositories(engine, _rows(other))
    with SqlUnitOfWork(engine, default_coach_id(engine)) as uow:
        everything = uow.workouts.get_workouts_for_client(ids.client_id)
        assert len(everything) == 8
        assert all(w.client_id == ids.client_id for w in everything)
        assert [w.date for w in everything] == sorted(w.date for w in everything)
        # Tue 1 Dec and Fri 4 Dec both have a session: both ends are included
        window = uow.workouts.get_workouts_for_client(
            ids.client_id, date(2026, 12, 1), date(2026, 12, 4)
        )
        assert [w.date for w in window] == [date(2026, 12, 1), date(2026, 12, 3), date(2026, 12, 4)]
        one_day = uow.workouts.get_workouts_for_client(
            ids.client_id, date(2026, 12, 3), date(2026, 12, 3)
        )
        assert [w.date for w in one_day] == [date(2026, 12, 3)]
        from_second_week = uow.workouts.get_workouts_for_client(
            ids.client_id, start=date(2026, 12, 7)
        )
        assert [w.date.day for w in from_second_week] == [7, 8, 10, 11]
        until = uow.workouts.get_workouts_for_client(ids.client_id, end=date(2026, 11, 30))
        assert [w.date for w in until] == [date(2026, 11, 30)]
        assert (
            uow.workouts.get_workouts_for_client(
                ids.client_id, date(2026, 12, 5), date(2026, 12, 6)
            )
            == []
        )
        assert uow.workouts.get_workouts_for_client(uuid.uuid4()) == []


def test_update_workout_status_completed_then_skipped(
    engine: Engine, client_and_program: ClientAndProgram
) -> None:
    rows = _rows(client_and_program)
    _store_through_repositories(engine, rows)
    workout_id = rows.workouts[0]["id"]
    neighbour_id = rows.workouts[1]["id"]
    before = datetime.now(UTC) - timedelta(seconds=1)
    with SqlUnitOfWork(engine, default_coach_id(engine)) as uow:
        uow.workouts.update_workout_status(
            workout_id, "completed", session_rpe=7.5, actual_minutes=64
        )
        uow.commit()
    with SqlUnitOfWork(engine, default_coach_id(engine)) as uow:
        done = uow.workouts.get_workout(workout_id)
        assert done is not None
        assert done.status == "completed"
        assert done.completed_at is not None
        assert before <= _aware(done.completed_at) <= datetime.now(UTC) + timedelta(seconds=1)
        assert (done.session_rpe, done.actual_minutes) == (7.5, 64)
        untouched = uow.workouts.get_workout(neighbour_id)
        assert untouched is not None and untouched.status == "scheduled"
        assert untouched.completed_at is None
    with SqlUnitOfWork(engine, default_coach_id(engine)) as uow:
        # RPE and minutes given with a skip are not kept
        uow.workouts.update_workout_status(
            workout_id, WorkoutStatus.SKIPPED, session_rpe=5, actual_minutes=10
        )
        uow.commit()
    with SqlUnitOfWork(engine, default_coach_id(engine)) as uow:
        skipped = uow.workouts.get_workout(workout_id)
        assert skipped is not None
        assert skipped.status == "skipped"
        assert (skipped.completed_at, skipped.session_rpe, skipped.actual_minutes) == (
            None,
            None,
            None,
        )
        with pytest.raises(NotFound, match="workout no longer exists"):
            uow.workouts.update_workout_status(uuid.uuid4(), "completed")
        with pytest.raises(ValueError):
            uow.workouts.update_workout_status(workout_id, "done")


def test_count_logged_workouts_counts_completed_and_skipped_of_one_mesocycle(
    engine: Engine, client_and_program: ClientAndProgram
) -> None:
    rows = _rows(client_and_program)
    other = _rows(client_and_program, date(2027, 1, 4), 1)
    _store_through_repositories(engine, rows)
    _store_through_repositories(engine, other)
    with SqlUnitOfWork(engine, default_coach_id(engine)) as uow:
        assert uow.workouts.count_logged_workouts(rows.mesocycle_id) == 0
        uow.workouts.update_workout_status(rows.workouts[0]["id"], "completed", 8, 60)
        uow.workouts.update_workout_status(rows.workouts[5]["id"], "skipped")
        uow.workouts.update_workout_status(other.workouts[0]["id"], "completed")
        uow.commit()
    with SqlUnitOfWork(engine, default_coach_id(engine)) as uow:
        assert uow.workouts.count_logged_workouts(rows.mesocycle_id) == 2
        assert uow.workouts.count_logged_workouts(other.mesocycle_id) == 1
        assert uow.workouts.count_logged_workouts(uuid.uuid4()) == 0
        uow.workouts.update_workout_status(rows.workouts[5]["id"], "scheduled")
        uow.commit()
    with SqlUnitOfWork(engine, default_coach_id(engine)) as uow:
        assert uow.workouts.count_logged_workouts(rows.mesocycle_id) == 1


def test_two_sessions_of_the_same_type_on_one_day_are_stored(
    engine: Engine, client_and_program: ClientAndProgram
) -> None:
    ids = client_and_program
    mesocycle = make_mesocycle(MONDAY, weeks=1)
    week = mesocycle.microcycles[0]
    doubled = [
        make_workout(MONDAY, "AM Lift"),
        make_workout(MONDAY, "PM Lift"),
        *week.workouts[1:],
    ]
    mesocycle.microcycles[0] = week.model_copy(update={"workouts": doubled})
    rows = build_mesocycle_rows(
        mesocycle, ids.program_id, MACROCYCLE_ID, ids.client_id, 0, MONDAY, NOW
    )
    _store_through_repositories(engine, rows)
    with SqlUnitOfWork(engine, default_coach_id(engine)) as uow:
        monday = uow.workouts.get_workouts_for_client(ids.client_id, MONDAY, MONDAY)
        assert [(w.title, w.day_slot, w.session_type) for w in monday] == [
            ("AM Lift", 0, SessionType.LIFT.value),
            ("PM Lift", 1, SessionType.LIFT.value),
        ]
    # the key is (microcycle, date, slot): the same slot twice is refused
    clash = dict(rows.workouts[0], id=uuid.uuid4(), title="Third")
    with SqlUnitOfWork(engine, default_coach_id(engine)) as uow, pytest.raises(IntegrityError):
        uow.workouts.create_workout_instance(WorkoutInstanceDB(**clash))


def test_deleting_a_client_cascades_to_everything_it_owns(
    engine: Engine, client_and_program: ClientAndProgram
) -> None:
    ids = client_and_program
    other = store_client_and_program(engine, "Other Client")
    _store_through_repositories(engine, _rows(ids))
    _store_through_repositories(engine, _rows(ids, date(2027, 1, 4), 1))
    kept = _rows(other)
    _store_through_repositories(engine, kept)
    with SqlUnitOfWork(engine, default_coach_id(engine)) as uow:
        client = uow.clients.get_client(ids.client_id)
        uow.session.delete(client)
        uow.commit()
    assert _count(engine, ClientDB) == 1
    assert _count(engine, FitnessProgramDB) == 1
    assert _count(engine, MesocycleDB) == 1
    assert _count(engine, MicrocycleDB) == len(kept.microcycles)
    assert _count(engine, WorkoutInstanceDB) == len(kept.workouts)
    with SqlUnitOfWork(engine, default_coach_id(engine)) as uow:
        assert uow.programs.get_program(ids.program_id) is None
        assert uow.mesocycles.get_mesocycles_by_program_id(ids.program_id) == []
        assert uow.workouts.get_workouts_for_client(ids.client_id) == []
        assert len(uow.workouts.get_workouts_for_client(other.client_id)) == len(kept.workouts)


def test_deleting_a_client_with_a_plain_delete_statement_cascades_in_the_database(
    engine: Engine, client_and_program: ClientAndProgram
) -> None:
    """ON DELETE CASCADE lives in the schema, not only in the ORM."""
    _store_through_repositories(engine, _rows(client_and_program))
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM clients"))
    for model in (FitnessProgramDB, MesocycleDB, MicrocycleDB, WorkoutInstanceDB):
        assert _count(engine, model) == 0


def test_status_check_constraint_rejects_done(
    engine: Engine, client_and_program: ClientAndProgram
) -> None:
    rows = _rows(client_and_program)
    _store_through_repositories(engine, rows)
    with (
        SqlUnitOfWork(engine, default_coach_id(engine)) as uow,
        pytest.raises(IntegrityError, match=r"(?i)check|status"),
    ):
        uow.session.execute(
            update(WorkoutInstanceDB)
            .where(WorkoutInstanceDB.id == rows.workouts[0]["id"])
            .values(status="done")
        )
    bad = dict(rows.workouts[0], id=uuid.uuid4(), day_slot=5, status="done")
    with SqlUnitOfWork(engine, default_coach_id(engine)) as uow, pytest.raises(IntegrityError):
        uow.workouts.create_workout_instance(WorkoutInstanceDB(**bad))
    with SqlUnitOfWork(engine, default_coach_id(engine)) as uow:
        stored = uow.workouts.get_workout(rows.workouts[0]["id"])
        assert stored is not None and stored.status == "scheduled"
