"""PlanService: adjust a saved plan's future (edit, move, copy, remove unlogged workouts), check
it with the preview's validator, and read its history."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from datetime import date, timedelta

from core.dates import today_in
from core.errors import Conflict, InvalidInput
from core.plan_changes import (
    LOGGED,
    Author,
    ChangeKind,
    PlanChange,
    PlanRevision,
    back_to_back_warning,
    blocks_of,
)
from core.ports import Storage
from core.read_models import ClientRecord, MesocycleSummary, WorkoutRecord
from core.schemas import MesocycleDetailed, SessionType, WorkoutInstance, WorkoutStatus
from core.validation import Problem, validate_mesocycle

logger = logging.getLogger(__name__)


def as_instance(workout: WorkoutRecord, day: date | None = None) -> WorkoutInstance:
    """A stored workout as the plan model (on ``day`` if given: where it would be moved)."""
    return WorkoutInstance(
        id=workout.id,
        date=day or workout.date,
        session_type=SessionType(workout.session_type),
        title=workout.title,
        blocks=blocks_of({"blocks": workout.blocks}),
        planned_minutes=workout.planned_minutes,
        target_rpe=workout.target_rpe,
        notes=workout.notes,
    )


class PlanService:
    def __init__(self, storage: Storage) -> None:
        self.storage = storage

    def problems(
        self, client: ClientRecord, summary: MesocycleSummary, plan: MesocycleDetailed
    ) -> list[Problem]:
        """The preview's validator on a saved (or edited) plan: the same rules, the same words."""
        program = self.storage.get_program(summary.fitness_program_id).program
        return validate_mesocycle(plan, client.profile, program.program_type, summary.start_date)

    def move_warning(self, workout: WorkoutRecord, day: date) -> str | None:
        """Heavy main lifts for the same muscles on consecutive days if ``workout`` lands on ``day``."""
        assert workout.client_id is not None
        around = self.storage.workouts_for_client(
            workout.client_id, day - timedelta(days=1), day + timedelta(days=1)
        )
        others = [as_instance(w) for w in around if w.id != workout.id]
        return back_to_back_warning(as_instance(workout, day), day, others)

    def change(
        self,
        client: ClientRecord,
        mesocycle_id: uuid.UUID,
        changes: Sequence[PlanChange],
        author: Author,
    ) -> None:
        """Apply the changes as one revision each, all or nothing. A logged workout is refused
        here in words and again inside the storage's transaction (a log may land meanwhile); a
        move or copy goes to the client's today or later."""
        if not changes:
            raise InvalidInput("Nothing to change: the plan is as saved.")
        today = today_in(client.profile.timezone)
        for change in changes:
            workout = self.storage.get_workout(change.workout_id)
            if change.kind != ChangeKind.ADD and workout.status != WorkoutStatus.SCHEDULED:
                raise Conflict(LOGGED.format(title=workout.title, day=workout.date))
            if change.new_date is not None and change.new_date < today:
                raise InvalidInput(
                    f"{change.new_date:%a %d %b} has passed for the client (today is "
                    f"{today:%a %d %b}); move or copy a session to today or a later day."
                )
        self.storage.change_plan(mesocycle_id, changes, author)
        logger.info("changed the plan of mesocycle %s (%d changes)", mesocycle_id, len(changes))

    def history(self, mesocycle_id: uuid.UUID) -> list[PlanRevision]:
        return self.storage.plan_revisions(mesocycle_id)
