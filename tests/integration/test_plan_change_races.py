"""A logged workout is never changed by a plan edit: a coach logging a workout races a coach
moving, retitling or removing it, on SQLite and PostgreSQL, with real threads.

Whatever the interleaving, either the log lands first and the change is refused (nothing of it
kept), or the change lands first and the log is written on the changed (or, after a removal,
refused) workout; a logged workout's values are never overwritten and it is never deleted.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine

from core.errors import Conflict, NotFound
from core.generation.engine import OfflineEngine
from core.plan_changes import Author, ChangeKind, PlanChange
from core.schemas import WorkoutStatus
from core.service import MesocycleGenerationService
from core.session_log import SessionLog
from db.storage import SqlStorage
from tests.conftest import default_coach_id
from tests.factories import make_profile
from tests.integration.test_storage_contract import START, _preview, _program

RACES = 12
JOIN_SECONDS = 30.0
LOG = SessionLog(status=WorkoutStatus.COMPLETED, session_rpe=8.0, minutes=55)
COACH = Author(None, "Casey Coach")


def _together(first: Callable[[], Any], second: Callable[[], Any]) -> list[BaseException | None]:
    barrier = threading.Barrier(2, timeout=10)
    errors: list[BaseException | None] = [None, None]

    def run(index: int, action: Callable[[], Any]) -> None:
        barrier.wait()
        try:
            action()
        except (Conflict, NotFound) as error:
            errors[index] = error

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate((first, second))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(JOIN_SECONDS)
        assert not thread.is_alive(), "a racing write never finished"
    return errors


@pytest.mark.parametrize("kind", [ChangeKind.EDIT, ChangeKind.MOVE, ChangeKind.REMOVE])
def test_a_log_racing_a_plan_change_is_never_lost(engine: Engine, kind: ChangeKind) -> None:
    storage = SqlStorage(engine, default_coach_id(engine))
    service = MesocycleGenerationService(storage, OfflineEngine())
    client = storage.get_client(storage.create_client(make_profile()))
    program = _program(storage, service, client)
    preview = _preview(service, client, program, 0)
    service.save(preview)
    sessions = [w for w in storage.workouts_for_client(client.id) if w.session_type != "rest"]
    later: date = sessions[-1].date
    for workout in sessions[:RACES]:
        change = PlanChange(
            kind, workout.id, "race", new_date=later - timedelta(days=1), fields={"title": "X"}
        )
        log_error, change_error = _together(
            lambda w=workout: storage.log_workout(w.id, LOG, "coach"),
            lambda c=change: storage.change_plan(preview.mesocycle_id, [c], COACH),
        )
        assert (log_error is None) or (change_error is None), "one of the two must win"
        kept = {w.id: w for w in storage.workouts_for_client(client.id)}
        revisions = [
            r for r in storage.plan_revisions(preview.mesocycle_id) if r.workout_id == workout.id
        ]
        if change_error is not None:  # the log won: the workout is as planned, and logged
            assert isinstance(change_error, Conflict)
            done = kept[workout.id]
            assert (done.status, done.title, done.date) == (
                WorkoutStatus.COMPLETED,
                workout.title,
                workout.date,
            )
            assert revisions == []
        elif kind == ChangeKind.REMOVE:  # the removal won: the log was refused, nothing logged
            assert isinstance(log_error, NotFound) and workout.id not in kept
        else:  # the change won, then the log was written on the changed workout
            assert log_error is None and kept[workout.id].status == WorkoutStatus.COMPLETED
            assert len(revisions) == 1
    assert later >= START
    assert uuid.UUID(str(preview.mesocycle_id))
