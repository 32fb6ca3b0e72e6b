"""SqlStorage: the service's Storage port on SQLModel; one retried transaction per method."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import TypeVar

from sqlalchemy import Engine

from core.attention import ClientOverview
from core.client_links import ClientLink, LinkKind
from core.errors import NotFound
from core.load.e1rm import DatedSet
from core.plan_changes import Author, ChangeKind, PlanChange, PlanRevision
from core.proposals import NewProposal, PlanProposal, ProposalStatus
from core.read_models import (
    ClientRecord,
    MesocycleSummary,
    ProgramRecord,
    WorkoutRecord,
    WorkoutsStamp,
)
from core.records import MesocycleRows, mesocycle_from_rows
from core.schemas import ClientProfile, FitnessProgram, MesocycleDetailed, Units, WorkoutStatus
from core.session_log import LogRevision, SessionLog, SetResult
from core.templates import Template, TemplateRecord
from db.client_links import link_record
from db.mesocycle_store import save_mesocycle_rows
from db.models import (
    ClientDB,
    CoachDB,
    FitnessProgramDB,
    MesocycleDB,
    MesocycleTemplateDB,
    PlanRevisionDB,
    WorkoutInstanceDB,
)
from db.overview import coach_overview
from db.proposals import record
from db.retry import with_retry
from db.session_logs import GONE, set_result
from db.unit_of_work import SqlUnitOfWork

T = TypeVar("T")


class SqlStorage:
    """One coach's view of the database: every read and write is limited to that coach's clients."""

    def __init__(self, engine: Engine, coach_id: uuid.UUID) -> None:
        self.engine = engine
        self.coach_id = coach_id

    def _read(self, what: str, action: Callable[[SqlUnitOfWork], T]) -> T:
        def run() -> T:
            with SqlUnitOfWork(self.engine, self.coach_id) as uow:
                return action(uow)

        return with_retry(run, what=what)

    def _write(self, what: str, action: Callable[[SqlUnitOfWork], T]) -> T:
        def run() -> T:
            with SqlUnitOfWork(self.engine, self.coach_id, write=True) as uow:
                result = action(uow)
                uow.commit()
                return result

        return with_retry(run, what=what)

    # the coach's defaults

    def coach_units(self) -> Units:
        def read(uow: SqlUnitOfWork) -> Units:
            coach = uow.session.get(CoachDB, self.coach_id)
            if coach is None:
                raise NotFound("That coach account no longer exists.")
            return Units.model_validate({"load": coach.load_unit, "distance": coach.distance_unit})

        return self._read("load the coach's units", read)

    def set_coach_units(self, units: Units) -> None:
        def write(uow: SqlUnitOfWork) -> None:
            coach = uow.session.get(CoachDB, self.coach_id)
            if coach is None:
                raise NotFound("That coach account no longer exists.")
            coach.load_unit, coach.distance_unit = units.load.value, units.distance.value
            uow.session.add(coach)

        self._write("save the coach's units", write)

    # clients

    def count_clients(self, archived: bool = False) -> int:
        return self._read("count clients", lambda uow: uow.clients.count_clients(archived))

    def list_clients(self, search: str = "", archived: bool = False) -> list[ClientRecord]:
        if search.strip():
            return self._read(
                "list clients",
                lambda uow: [_client(row) for row in uow.clients.list_clients(search, archived)],
            )
        return self._read(  # every page's sidebar: the columns alone, no ORM rows
            "list clients",
            lambda uow: [
                ClientRecord(id=client_id, profile=ClientProfile.model_validate(profile))
                for client_id, profile in uow.clients.client_profiles(archived)
            ],
        )

    def set_client_archived(self, client_id: uuid.UUID, archived: bool) -> None:
        self._write(
            "archive the client" if archived else "restore the client",
            lambda uow: uow.clients.set_archived(client_id, archived),
        )

    def delete_client(self, client_id: uuid.UUID) -> None:
        self._write("delete the client", lambda uow: uow.clients.delete_client(client_id))

    def get_client(self, client_id: uuid.UUID) -> ClientRecord:
        profile = self._read("load the client", lambda uow: uow.clients.client_profile(client_id))
        if profile is None:
            raise NotFound("That client does not exist.")
        return ClientRecord(id=client_id, profile=ClientProfile.model_validate(profile))

    def find_client_by_name(self, name: str) -> ClientRecord | None:
        row = self._read("find the client", lambda uow: uow.clients.find_client_by_name(name))
        return None if row is None else _client(row)

    def create_client(self, profile: ClientProfile) -> uuid.UUID:
        data = profile.model_dump(mode="json")
        return self._write(
            f"add client {profile.name}", lambda uow: uow.clients.create_client(profile.name, data)
        )

    def update_client(self, client_id: uuid.UUID, profile: ClientProfile) -> None:
        data = profile.model_dump(mode="json")
        self._write(
            f"update client {profile.name}",
            lambda uow: uow.clients.update_client(client_id, profile.name, data),
        )

    # programs

    def create_program(
        self,
        client_id: uuid.UUID,
        program: FitnessProgram,
        start_date: date,
        weeks: int,
        generated_by: str,
    ) -> uuid.UUID:
        values = {
            "client_id": client_id,
            "program_type": program.program_type.value,
            "overview": program.overview,
            "start_date": start_date,
            "weeks": weeks,
            "macrocycles": [m.model_dump(mode="json") for m in program.macrocycles],
            "generated_by": generated_by,
        }
        return self._write("save the program", lambda uow: uow.programs.add_program(values))

    def get_program(self, program_id: uuid.UUID) -> ProgramRecord:
        row = self._read("load the program", lambda uow: uow.programs.get_program(program_id))
        if row is None:
            raise NotFound("That program does not exist.")
        return _program(row)

    def list_programs(self, client_id: uuid.UUID) -> list[ProgramRecord]:
        return self._read(
            "list programs",
            lambda uow: [_program(r) for r in uow.programs.get_programs_by_client_id(client_id)],
        )

    # mesocycles

    def save_mesocycle(self, rows: MesocycleRows, *, replace_existing: bool = False) -> uuid.UUID:
        return save_mesocycle_rows(
            self.engine, rows, coach_id=self.coach_id, replace_existing=replace_existing
        )

    def list_mesocycles(self, program_id: uuid.UUID) -> list[MesocycleSummary]:
        return self._read(
            "list saved phases",
            lambda uow: [
                _mesocycle(r) for r in uow.mesocycles.get_mesocycles_by_program_id(program_id)
            ],
        )

    def client_mesocycles(self, client_id: uuid.UUID) -> list[MesocycleSummary]:
        return self._read(
            "list saved phases",
            lambda uow: [
                _mesocycle(r) for r in uow.mesocycles.get_mesocycles_by_client_id(client_id)
            ],
        )

    def get_mesocycle(self, mesocycle_id: uuid.UUID) -> MesocycleDetailed:
        def read(uow: SqlUnitOfWork) -> MesocycleRows:
            row = uow.mesocycles.get_mesocycle_by_id(mesocycle_id)
            if row is None:
                raise NotFound("That phase has no saved plan.")
            weeks = uow.microcycles.get_microcycles_by_mesocycle_id(mesocycle_id)
            workouts = uow.workouts.get_workouts_by_mesocycle_id(mesocycle_id)
            return MesocycleRows(
                row.model_dump(),
                [week.model_dump() for week in weeks],
                [workout.model_dump() for workout in workouts],
            )

        return mesocycle_from_rows(self._read("load the saved phase", read))

    # templates

    def create_template(self, name: str, template: Template) -> uuid.UUID:
        body = template.model_dump(mode="json", exclude_none=True)
        return self._write(
            "save the template",
            lambda uow: uow.templates.create_template(
                name, template.program_type.value, template.phase, body
            ),
        )

    def list_templates(self) -> list[TemplateRecord]:
        return self._read(
            "list templates",
            lambda uow: [_template(row) for row in uow.templates.list_templates()],
        )

    def get_template(self, template_id: uuid.UUID) -> TemplateRecord:
        row = self._read("load the template", lambda uow: uow.templates.get_template(template_id))
        if row is None:
            raise NotFound("That template does not exist.")
        return _template(row)

    def delete_template(self, template_id: uuid.UUID) -> None:
        self._write("delete the template", lambda uow: uow.templates.delete_template(template_id))

    def workout_mesocycle(self, workout_id: uuid.UUID) -> MesocycleSummary:
        return self._read(
            "load the workout's phase",
            lambda uow: _mesocycle(uow.plan.mesocycle_of_workout(workout_id)),
        )

    def change_plan(
        self, mesocycle_id: uuid.UUID, changes: Sequence[PlanChange], author: Author
    ) -> None:
        self._write(
            "change the plan", lambda uow: uow.plan.apply_changes(mesocycle_id, changes, author)
        )

    def plan_revisions(self, mesocycle_id: uuid.UUID) -> list[PlanRevision]:
        return self._read(
            "load the plan's history",
            lambda uow: [_revision(row) for row in uow.plan.revisions(mesocycle_id)],
        )

    # autoregulation proposals (db.proposals)

    def save_proposal(self, proposal: NewProposal) -> PlanProposal:
        return self._write("keep the proposal", lambda uow: record(uow.proposals.save(proposal)))

    def retire_proposal(self, proposal_id: uuid.UUID) -> None:
        self._write("retire the proposal", lambda uow: uow.proposals.retire(proposal_id))

    def client_proposals(self, client_id: uuid.UUID) -> list[PlanProposal]:
        return self._read(
            "load the proposals",
            lambda uow: [record(row) for row in uow.proposals.for_client(client_id)],
        )

    def decide_proposal(
        self, proposal_id: uuid.UUID, status: ProposalStatus, author: Author
    ) -> None:
        self._write(
            "decide the proposal", lambda uow: uow.proposals.decide(proposal_id, status, author)
        )

    # workouts

    def workouts_for_client(
        self, client_id: uuid.UUID, start: date | None = None, end: date | None = None
    ) -> list[WorkoutRecord]:
        return self._read(
            "load workouts",
            lambda uow: [
                _workout(r) for r in uow.workouts.get_workouts_for_client(client_id, start, end)
            ],
        )

    def workouts_stamp(self, client_id: uuid.UUID) -> WorkoutsStamp:
        """One cheap aggregate query that changes whenever the client's workouts change."""
        return WorkoutsStamp(
            *self._read("check the workouts", lambda uow: uow.workouts.workouts_stamp(client_id))
        )

    def coach_overview(self, today: date) -> list[ClientOverview]:
        """Two aggregate queries over all of this coach's clients (see db.overview)."""
        return coach_overview(self.engine, self.coach_id, today)

    def update_workout_status(
        self,
        workout_id: uuid.UUID,
        status: WorkoutStatus,
        session_rpe: float | None = None,
        actual_minutes: int | None = None,
    ) -> None:
        self._write(
            "update the workout",
            lambda uow: uow.workouts.update_workout_status(
                workout_id, status, session_rpe, actual_minutes
            ),
        )

    # logs

    def get_workout(self, workout_id: uuid.UUID) -> WorkoutRecord:
        def read(uow: SqlUnitOfWork) -> WorkoutRecord:
            row = uow.workouts.get_workout(workout_id)
            if row is None:
                raise NotFound(GONE)
            return _workout(row)

        return self._read("load the workout", read)

    def log_workout(self, workout_id: uuid.UUID, log: SessionLog, logged_by: str) -> None:
        self._write("log the workout", lambda uow: uow.logs.record_log(workout_id, log, logged_by))

    def clear_log(self, workout_id: uuid.UUID) -> None:
        self._write("undo the log", lambda uow: uow.logs.clear_log(workout_id))

    def workout_sets(self, workout_id: uuid.UUID) -> list[SetResult]:
        return self._read(
            "load the logged sets",
            lambda uow: [set_result(row) for row in uow.logs.sets_for_workout(workout_id)],
        )

    def client_sets(
        self, client_id: uuid.UUID, start: date | None = None, end: date | None = None
    ) -> list[DatedSet]:
        return self._read(
            "load the logged sets",
            lambda uow: uow.logs.sets_for_client(client_id, start, end),
        )

    def heaviest_logged_sets(self, client_id: uuid.UUID) -> list[DatedSet]:
        return self._read(
            "load the logged sets", lambda uow: uow.logs.heaviest_sets_for_client(client_id)
        )

    def logged_tonnage(self, client_id: uuid.UUID) -> dict[str, float]:
        return self._read(
            "load the logged tonnage", lambda uow: uow.logs.tonnage_by_workout(client_id)
        )

    def log_revisions(self, workout_id: uuid.UUID) -> list[LogRevision]:
        return self._read(
            "load the log's history",
            lambda uow: [
                LogRevision(row.created_at, row.logged_by, SessionLog.model_validate(row.log))
                for row in uow.logs.revisions(workout_id)
            ],
        )

    # client links

    def create_client_link(
        self,
        client_id: uuid.UUID,
        name: str,
        kind: LinkKind,
        token_hash: str,
        expires_at: datetime | None,
    ) -> ClientLink:
        return self._write(
            "make the link",
            lambda uow: link_record(
                uow.links.create(client_id, name, kind, token_hash, expires_at)
            ),
        )

    def list_client_links(self, client_id: uuid.UUID) -> list[ClientLink]:
        return self._read(
            "list the links",
            lambda uow: [link_record(row) for row in uow.links.for_client(client_id)],
        )

    def revoke_client_link(self, link_id: uuid.UUID) -> None:
        self._write("revoke the link", lambda uow: uow.links.revoke(link_id))


def _client(row: ClientDB) -> ClientRecord:
    return ClientRecord(id=row.id, profile=ClientProfile.model_validate(row.profile))


def _program(row: FitnessProgramDB) -> ProgramRecord:
    program = FitnessProgram.model_validate(
        {
            "programType": row.program_type,
            "overview": row.overview,
            "macrocycles": row.macrocycles,
        }
    )
    return ProgramRecord(
        id=row.id,
        client_id=row.client_id,
        program=program,
        start_date=row.start_date,
        weeks=row.weeks,
        generated_by=row.generated_by,
        created_at=row.created_at,
    )


def _mesocycle(row: MesocycleDB) -> MesocycleSummary:
    return MesocycleSummary(
        id=row.id,
        fitness_program_id=row.fitness_program_id,
        macrocycle_id=row.macrocycle_id,
        order_index=row.order_index,
        phase=row.phase,
        weeks=row.weeks,
        start_date=row.start_date,
        end_date=row.end_date,
    )


def _revision(row: PlanRevisionDB) -> PlanRevision:
    return PlanRevision(
        created_at=row.created_at,
        author=row.author,
        kind=ChangeKind(row.kind),
        workout_id=row.workout_id,
        summary=row.summary,
        before=row.before,
        after=row.after,
    )


def _template(row: MesocycleTemplateDB) -> TemplateRecord:
    return TemplateRecord(
        id=row.id,
        name=row.name,
        template=Template.model_validate(row.body),
        created_at=row.created_at,
    )


def _workout(row: WorkoutInstanceDB) -> WorkoutRecord:
    return WorkoutRecord(
        id=row.id,
        microcycle_id=row.microcycle_id,
        date=row.date,
        day_slot=row.day_slot,
        session_type=row.session_type,
        title=row.title,
        blocks=row.blocks,
        planned_minutes=row.planned_minutes,
        target_rpe=row.target_rpe,
        notes=row.notes,
        status=WorkoutStatus(row.status),
        completed_at=row.completed_at,
        session_rpe=row.session_rpe,
        actual_minutes=row.actual_minutes,
        client_id=row.client_id,
        log_note=row.log_note,
        logged_by=row.logged_by,
    )
