"""MesocycleGenerationService: outline, preview (no storage), save (atomic), the spec's one-call flow."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from pydantic import ValidationError

from core.client_links import (
    LinkKind,
    NewLink,
    expiry_moment,
    link_name,
    new_token,
    token_hash,
)
from core.dates import now, phase_start_dates, today_in
from core.delivery.plan_json import IMPORTED, as_new_plan, mesocycle_to_import, read_plan
from core.errors import InvalidPlan, NotFound
from core.events import program_weeks
from core.generation.base import MesocycleGenerator
from core.plan_service import PlanService
from core.ports import Storage
from core.proposal_service import ProposalService
from core.read_models import ClientRecord, ProgramRecord
from core.records import assign_ids, build_mesocycle_rows
from core.schemas import (
    FitnessProgram,
    MesocycleDetailed,
    MesocyclePlan,
    ProgramType,
    WorkoutStatus,
    describe_validation_error,
    with_units,
)
from core.session_log import SessionLog, check_log
from core.training_max import TrainingMax, phase_index, propose_training_maxes
from core.validation import Problem, has_errors, validate_mesocycle

logger = logging.getLogger(__name__)

LOGGED_BY_COACH, LOGGED_BY_CLIENT = "coach", "client"


@dataclass(frozen=True)
class PhaseSlot:
    """One phase of a stored program, with the date it starts on."""

    macrocycle_id: str
    macrocycle_name: str
    order_index: int
    plan: MesocyclePlan
    start_date: date

    @property
    def label(self) -> str:
        return f"{self.order_index + 1}. {self.plan.phase} ({self.plan.weeks} wk, {self.start_date:%d %b %Y})"


@dataclass(frozen=True)
class Preview:
    """A generated mesocycle with ids and dates, checked, not yet stored."""

    client: ClientRecord
    fitness_program_id: uuid.UUID
    macrocycle_id: str
    order_index: int
    program_type: ProgramType
    start_date: date
    mesocycle: MesocycleDetailed
    generator: str
    problems: list[Problem] = field(default_factory=list)

    @property
    def mesocycle_id(self) -> uuid.UUID:
        assert self.mesocycle.mesocycle_id is not None
        return self.mesocycle.mesocycle_id

    @property
    def has_errors(self) -> bool:
        return has_errors(self.problems)

    def week_sources(self) -> dict[int, str]:
        """Which generator wrote each week (an LLM week may have fallen back to the engine)."""
        return {m.week_number: m.generated_by or self.generator for m in self.mesocycle.microcycles}


def phase_slots(program: FitnessProgram, program_start: date) -> list[PhaseSlot]:
    """Every phase of a program with the date it starts on (the one date rule, chained)."""
    slots = program.all_phases()
    starts = phase_start_dates(program_start, [plan.weeks for _, _, plan in slots])
    return [
        PhaseSlot(macro.id, macro.name, index, plan, start)
        for (macro, index, plan), start in zip(slots, starts, strict=True)
    ]


class MesocycleGenerationService:
    def __init__(self, storage: Storage, default_generator: MesocycleGenerator) -> None:
        self.storage = storage
        self.default_generator = default_generator
        self.plan = PlanService(storage)
        self.proposals = ProposalService(storage)

    def create_program(
        self,
        client: ClientRecord,
        weeks: int,
        start_date: date,
        generator: MesocycleGenerator | None = None,
    ) -> uuid.UUID:
        """The outline (the spec's outlinePrompt job), stored in fitness_programs; a client with an
        event gets a program to the event's week (core.events), whatever ``weeks`` says."""
        generator = generator or self.default_generator
        weeks = program_weeks(client.profile, start_date, weeks)  # to the event when it has one
        program = generator.outline(self.resolved(client).profile, weeks, start_date)
        return self.storage.create_program(client.id, program, start_date, weeks, generator.name)

    def resolved(self, client: ClientRecord) -> ClientRecord:
        """The client with the coach's default units filled in where the client follows it: the
        engine, the drafter and the validator then read the units from the profile alone. A
        client whose units are both set (resolved already, or their own) needs no read."""
        units = client.profile.units
        if units.load is not None and units.distance is not None:
            return client
        return ClientRecord(client.id, with_units(client.profile, self.storage.coach_units()))

    def phases(self, program: ProgramRecord) -> list[PhaseSlot]:
        return phase_slots(program.program, program.start_date)

    def preview(
        self,
        client: ClientRecord,
        mesocycle_plan: MesocyclePlan,
        fitness_program_id: uuid.UUID,
        macrocycle_id: str,
        start_date: date,
        program_type: ProgramType,
        generator: MesocycleGenerator | None = None,
        training_maxes: Mapping[str, float] | None = None,
    ) -> Preview:
        """Generate and check a mesocycle without touching the database."""
        generator = generator or self.default_generator
        client = self.resolved(client)
        order_index = self._order_index(fitness_program_id, macrocycle_id, mesocycle_plan)
        detailed = generator.breakdown(
            mesocycle_plan, client.profile, program_type, start_date, training_maxes
        )
        return self.preview_from(
            client,
            detailed,
            fitness_program_id,
            macrocycle_id,
            order_index,
            start_date,
            program_type,
            generator.name,
        )

    def preview_slot(
        self,
        client: ClientRecord,
        program: ProgramRecord,
        slot: PhaseSlot,
        generator: MesocycleGenerator | None = None,
        training_maxes: Mapping[str, float] | None = None,
    ) -> Preview:
        """``preview`` of one phase of a stored program (its plan, macrocycle, start and type),
        with the training maxes the coach accepted (``training_maxes``; see below)."""
        return self.preview(
            client,
            slot.plan,
            program.id,
            slot.macrocycle_id,
            slot.start_date,
            program.program.program_type,
            generator,
            training_maxes,
        )

    def preview_file(
        self, client: ClientRecord, program: ProgramRecord, slot: PhaseSlot, data: bytes
    ) -> Preview:
        """A plan file (the open plan format) as a preview of one phase, checked like a draft.

        The file's block gets new ids and moves to the phase's start by whole weeks; nothing is
        stored (``save`` does that, on Confirm). ``InvalidPlan`` names each problem with its path.
        """
        document = read_plan(data)
        mesocycle = mesocycle_to_import(document, slot.macrocycle_id, slot.order_index)
        if mesocycle.weeks != slot.plan.weeks:
            raise InvalidPlan(
                f"The file's block '{mesocycle.phase}' has {mesocycle.weeks} weeks, but this phase "
                f"has {slot.plan.weeks}: pick a phase of {mesocycle.weeks} weeks."
            )
        return self.preview_from(
            client,
            as_new_plan(mesocycle, slot.start_date),
            program.id,
            slot.macrocycle_id,
            slot.order_index,
            slot.start_date,
            program.program.program_type,
            IMPORTED,
        )

    def training_maxes(
        self, client: ClientRecord, program: ProgramRecord, slot: PhaseSlot
    ) -> list[TrainingMax]:
        """The proposed training max of each main lift for ``slot``: from the sets logged in the
        phase before it (the 8 weeks before for a program's first phase), else as planned."""
        slots = self.phases(program)
        position = next(i for i, s in enumerate(slots) if s.start_date == slot.start_date)
        since = slots[position - 1].start_date if position else slot.start_date - timedelta(weeks=8)
        logged = self.storage.client_sets(client.id, since, slot.start_date - timedelta(days=1))
        return propose_training_maxes(client.profile, phase_index(slot.plan), logged)

    def preview_from(
        self,
        client: ClientRecord,
        mesocycle: MesocycleDetailed,
        fitness_program_id: uuid.UUID,
        macrocycle_id: str,
        order_index: int,
        start_date: date,
        program_type: ProgramType,
        generator_name: str,
    ) -> Preview:
        """A checked Preview of an already generated mesocycle (ids assigned, problems listed)."""
        preview = Preview(
            client=self.resolved(client),
            fitness_program_id=fitness_program_id,
            macrocycle_id=macrocycle_id,
            order_index=order_index,
            program_type=program_type,
            start_date=start_date,
            mesocycle=assign_ids(mesocycle),
            generator=generator_name,
        )
        return self.revalidate(preview, preview.mesocycle)

    def revalidate(self, preview: Preview, mesocycle: MesocycleDetailed) -> Preview:
        """The same validator after every edit; ids are kept so a re-confirm is recognised."""
        mesocycle = assign_ids(mesocycle.model_copy(update={"mesocycle_id": preview.mesocycle_id}))
        problems = validate_mesocycle(
            mesocycle, preview.client.profile, preview.program_type, preview.start_date
        )
        return replace(preview, mesocycle=mesocycle, problems=problems)

    def save(self, preview: Preview, *, replace_existing: bool = False) -> uuid.UUID:
        """Store the preview atomically; refused while it has errors; idempotent by mesocycle id."""
        if preview.has_errors:
            errors = [p for p in preview.problems if p.severity == "error"]
            raise InvalidPlan(
                f"This plan has {len(errors)} error(s) to fix before it can be saved.", errors
            )
        rows = build_mesocycle_rows(
            preview.mesocycle,
            preview.fitness_program_id,
            preview.macrocycle_id,
            preview.client.id,
            preview.order_index,
            preview.start_date,
            now=now(),
        )
        mesocycle_id = self.storage.save_mesocycle(rows, replace_existing=replace_existing)
        logger.info("saved mesocycle %s (%s)", mesocycle_id, preview.mesocycle.phase)
        return mesocycle_id

    def generate_and_store_mesocycle(
        self,
        client: ClientRecord,
        mesocycle_plan: MesocyclePlan,
        fitness_program_id: uuid.UUID,
        macrocycle_id: str,
        start_date: date,
        program_type: ProgramType,
        generator: MesocycleGenerator | None = None,
    ) -> uuid.UUID:
        """The spec's flow in one call: generate, validate, add DB fields, store, return the id."""
        preview = self.preview(
            client,
            mesocycle_plan,
            fitness_program_id,
            macrocycle_id,
            start_date,
            program_type,
            generator,
        )
        return self.save(preview)

    def log_session(
        self, workout_id: uuid.UUID, log: SessionLog, *, logged_by: str = LOGGED_BY_COACH
    ) -> None:
        """Store what was done (or that it was skipped): on or after the workout's day in the
        client's time zone, with minutes that make sense; the prescription is never changed."""
        workout = self.storage.get_workout(workout_id)
        if workout.client_id is None:
            raise NotFound("That workout no longer exists.")
        zone = self.storage.get_client(workout.client_id).profile.timezone
        check_log(log, workout.date, workout.planned_minutes, today_in(zone))
        self.storage.log_workout(workout_id, log, logged_by)
        logger.info("logged workout %s as %s (%d sets)", workout_id, log.status, len(log.sets))

    def create_link(
        self, client_id: uuid.UUID, name: str, kind: LinkKind, expires_on: date | None = None
    ) -> NewLink:
        """A new private link for the client: the token is returned once (to show the coach)
        and only its hash is stored; ``expires_on`` is the last day it opens, client's time."""
        client = self.storage.get_client(client_id)
        zone = client.profile.timezone
        expires_at = expiry_moment(expires_on, zone, today_in(zone))
        token = new_token()
        link = self.storage.create_client_link(
            client_id, link_name(name), kind, token_hash(token), expires_at
        )
        logger.info("client link %s (%s) made for client %s", link.id, kind, client_id)
        return NewLink(link, token)

    def mark_workout(
        self,
        workout_id: uuid.UUID,
        status: WorkoutStatus | str,
        session_rpe: float | None = None,
        actual_minutes: int | None = None,
    ) -> None:
        """Completed (with the session RPE and minutes), skipped, or back to scheduled (undo)."""
        status = WorkoutStatus(status)
        if status == WorkoutStatus.SCHEDULED:
            self.storage.clear_log(workout_id)
            return
        try:
            log = SessionLog(status=status, session_rpe=session_rpe, minutes=actual_minutes)
        except ValidationError as error:
            raise InvalidPlan(
                "Please fix the log: " + "; ".join(describe_validation_error(error))
            ) from None
        self.log_session(workout_id, log)

    def _order_index(self, program_id: uuid.UUID, macrocycle_id: str, plan: MesocyclePlan) -> int:
        program = self.storage.get_program(program_id)
        for macro, index, candidate in program.program.all_phases():
            if macro.id == macrocycle_id and candidate == plan:
                return index
        raise NotFound(f"Phase '{plan.phase}' is not part of this program's {macrocycle_id}.")
