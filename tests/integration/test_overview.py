"""db.overview on SQLite and PostgreSQL: weekly counts, last log, phases, coach scoping, 3 queries."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from sqlalchemy import Engine, event, update

from core.attention import WeekCounts, needing_attention
from core.records import build_mesocycle_rows
from core.schemas import WorkoutStatus
from db.accounts import create_coach
from db.mesocycle_store import save_mesocycle_rows
from db.models import WorkoutInstanceDB, utc_now
from db.overview import coach_overview, week_starts
from db.storage import SqlStorage
from tests.conftest import MACROCYCLE_ID, default_coach_id, store_client_and_program
from tests.factories import make_mesocycle, make_profile

TODAY = date(2027, 1, 14)  # a Thursday; the window's weeks start Dec 14, 21, 28, Jan 4 and 11
DEC_7, DEC_21, JAN_4 = date(2026, 12, 7), date(2026, 12, 21), date(2027, 1, 4)
# make_mesocycle puts a lift session on Mon, Tue, Thu and Fri of every week.


def _client_with_phases(
    engine: Engine, coach_id: uuid.UUID, name: str, phases: list[tuple[date, str]]
) -> uuid.UUID:
    client_id, program_id = store_client_and_program(
        engine, name=name, start_date=phases[0][0] if phases else DEC_7, coach_id=coach_id
    )
    for index, (start, phase) in enumerate(phases):
        rows = build_mesocycle_rows(
            make_mesocycle(start, 4, phase),
            program_id,
            MACROCYCLE_ID,
            client_id,
            index,
            start,
            utc_now(),
        )
        save_mesocycle_rows(engine, rows, coach_id=coach_id)
    return client_id


def _log(
    storage: SqlStorage, client_id: uuid.UUID, statuses: dict[date, WorkoutStatus]
) -> dict[date, uuid.UUID]:
    by_date = {w.date: w.id for w in storage.workouts_for_client(client_id)}
    for day, status in statuses.items():
        rpe, minutes = (7.0, 60) if status == WorkoutStatus.COMPLETED else (None, None)
        storage.update_workout_status(by_date[day], status, rpe, minutes)
    return by_date


def _days(monday: date, *weekdays: int) -> list[date]:
    return [monday + timedelta(days=d) for d in weekdays]


def _seed(engine: Engine) -> tuple[uuid.UUID, uuid.UUID, dict[str, uuid.UUID]]:
    coach = default_coach_id(engine)
    other = create_coach(engine, "coach-b", "correct horse battery", "Coach B")
    storage = SqlStorage(engine, coach)
    done, skip = WorkoutStatus.COMPLETED, WorkoutStatus.SKIPPED
    ids: dict[str, uuid.UUID] = {}

    # Ann: two phases (Dec 7 – Jan 3, Jan 4 – Jan 31); steady, then dropping off.
    ids["Ann"] = _client_with_phases(
        engine, coach, "Ann Steady", [(DEC_7, "Hypertrophy"), (JAN_4, "Strength")]
    )
    statuses = {
        day: done for week in range(4) for day in _days(DEC_7 + timedelta(weeks=week), 0, 1, 3, 4)
    }
    statuses[date(2027, 1, 1)] = skip  # Fri of the Dec 28 week
    statuses.update({date(2027, 1, 4): done, date(2027, 1, 5): skip})  # Thu, Fri left: missed
    statuses[date(2027, 1, 11)] = done  # Mon; Tue left (missed); Thu is today, Fri later
    by_date = _log(storage, ids["Ann"], statuses)
    with engine.begin() as connection:  # a rest day is never due, even when left scheduled
        connection.execute(
            update(WorkoutInstanceDB)
            .where(WorkoutInstanceDB.id == by_date[date(2027, 1, 8)])
            .values(session_type="rest")
        )

    # Bob: one phase that ended on Jan 3, everything done until Fri Jan 1.
    ids["Bob"] = _client_with_phases(engine, coach, "Bob Finished", [(DEC_7, "Strength")])
    _log(
        storage,
        ids["Bob"],
        {
            day: done
            for week in range(4)
            for day in _days(DEC_7 + timedelta(weeks=week), 0, 1, 3, 4)
        },
    )

    # Cy: a phase from Dec 21 to Sun Jan 17, nothing ever logged.
    ids["Cy"] = _client_with_phases(engine, coach, "Cy Silent", [(DEC_21, "Hypertrophy")])

    # Dee: a client without any saved phase.
    ids["Dee"] = storage.create_client(make_profile(name="Dee New"))

    # Zed belongs to the other coach and is the same shape as Ann.
    ids["Zed"] = _client_with_phases(engine, other, "Zed Elsewhere", [(DEC_7, "Strength")])
    _log(SqlStorage(engine, other), ids["Zed"], {date(2026, 12, 7): done})
    return coach, other, ids


def _weeks(*counts: tuple[int, int, int]) -> tuple[WeekCounts, ...]:
    return tuple(WeekCounts(m, *c) for m, c in zip(week_starts(TODAY), counts, strict=True))


def test_coach_overview_counts_weeks_last_log_and_phases(engine: Engine) -> None:
    coach, _, ids = _seed(engine)

    overview = {item.name: item for item in coach_overview(engine, coach, TODAY)}

    assert list(overview) == ["Ann Steady", "Bob Finished", "Cy Silent", "Dee New"]
    ann, bob, cy, dee = (overview[n] for n in overview)
    assert ann.client_id == ids["Ann"]
    assert ann.weeks == _weeks((4, 0, 0), (4, 0, 0), (3, 1, 0), (1, 1, 1), (1, 0, 1))
    assert ann.last_logged == date(2027, 1, 11)
    assert (ann.phase, ann.phase_start, ann.phase_end) == ("Strength", JAN_4, date(2027, 1, 31))
    assert ann.next_phase_start is None
    assert ann.workouts == 6 * 4  # Dec 7 .. Jan 17: six weeks of four sessions
    assert ann.compliance_4_weeks == 12 / 15

    assert bob.weeks == _weeks((4, 0, 0), (4, 0, 0), (4, 0, 0), (0, 0, 0), (0, 0, 0))
    assert bob.last_logged == date(2027, 1, 1)
    assert (bob.phase, bob.phase_end, bob.next_phase_start) == (None, None, None)

    assert cy.weeks == _weeks((0, 0, 0), (0, 0, 4), (0, 0, 4), (0, 0, 4), (0, 0, 2))
    assert cy.last_logged is None
    assert (cy.phase, cy.phase_end) == ("Hypertrophy", date(2027, 1, 17))

    assert dee.weeks == _weeks(*[(0, 0, 0)] * 5)
    assert (dee.last_logged, dee.phase, dee.workouts) == (None, None, 0)

    reasons = {
        item.client.name: [r.text for r in item.reasons]
        for item in needing_attention(list(overview.values()), TODAY)
    }
    assert reasons == {
        "Ann Steady": ["compliance dropped from 92 % to 40 %"],
        "Bob Finished": ["no workout logged in 13 days", "no phase planned"],
        "Cy Silent": [
            "no workout logged yet",
            "compliance 0 % over the last 4 weeks",
            "phase 'Hypertrophy' ends in 3 days (next phase not planned)",
        ],
        "Dee New": ["no phase planned yet"],
    }


def test_another_coachs_clients_never_appear(engine: Engine) -> None:
    coach, other, ids = _seed(engine)

    mine = {item.client_id for item in coach_overview(engine, coach, TODAY)}
    theirs = coach_overview(engine, other, TODAY)

    assert ids["Zed"] not in mine
    assert [item.client_id for item in theirs] == [ids["Zed"]]
    assert theirs[0].weeks[0] == WeekCounts(date(2026, 12, 14), 0, 0, 4)
    assert theirs[0].last_logged == date(2026, 12, 7)
    assert coach_overview(engine, uuid.uuid4(), TODAY) == []


def test_the_overview_is_three_queries_whatever_the_number_of_clients(engine: Engine) -> None:
    coach, _, _ = _seed(engine)
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        assert len(coach_overview(engine, coach, TODAY)) == 4
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert len(statements) == 3  # weeks, phases, pending proposals
