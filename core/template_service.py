"""Templates for many clients: save a block as a template, check it against clients, save each.

Checking stores nothing: for each client it finds a phase to attach to, applies the template
(``core.templates``), runs the one validator through the service's preview path and lists the
equipment and injury clashes. Saving goes client by client through ``service.save``: each save is
its own atomic transaction, and its mesocycle id is derived from (template, client, phase), so
applying the same template again stores nothing twice.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass

from core.dates import mesocycle_date_range, today_in
from core.errors import PeriodizeError
from core.read_models import ClientRecord, ProgramRecord
from core.schemas import ClientProfile, MesocycleDetailed, ProgramType
from core.service import MesocycleGenerationService, PhaseSlot, Preview
from core.templates import (
    TEMPLATE_GENERATOR,
    TemplateRecord,
    apply_template,
    check_template_name,
    template_from_mesocycle,
)
from core.validation import profile_conflicts

logger = logging.getLogger(__name__)

_IDS = uuid.UUID("6f1d0c8e-5b7a-4f43-9a53-2f1f8d1e7c10")
"""Namespace of the mesocycle ids templates give (uuid5): the same inputs, the same id."""


def template_mesocycle_id(
    template_id: uuid.UUID, client_id: uuid.UUID, program_id: uuid.UUID, slot: PhaseSlot
) -> uuid.UUID:
    """The idempotency key of one template on one client's phase."""
    key = f"{template_id}/{client_id}/{program_id}/{slot.macrocycle_id}/{slot.order_index}"
    return uuid.uuid5(_IDS, key)


@dataclass(frozen=True)
class ClientCheck:
    """What applying a template to one client would store, and what stands in its way."""

    client: ClientRecord
    preview: Preview | None
    phase: str
    """The phase it attaches to ("2. Peak (4 wk, 11 Jan 2027)"), or "" when there is none."""
    conflicts: tuple[str, ...]
    """Equipment the client lacks, injured areas loaded: one sentence each."""
    attention: tuple[str, ...]
    """Anything else that blocks saving (no phase to attach to, the validator's errors)."""
    notes: tuple[str, ...] = ()
    """Worth knowing, not blocking (a template of another program type)."""
    already_saved: bool = False

    @property
    def ready(self) -> bool:
        return self.preview is not None and not self.conflicts and not self.attention

    @property
    def reason(self) -> str:
        """Why it cannot be saved, in one sentence (empty when it can)."""
        reasons = [*self.conflicts, *self.attention]
        if not reasons:
            return ""
        more = len(reasons) - 1
        first = reasons[0].rstrip(".")
        return first + (f" (and {more} more)." if more else ".")


@dataclass(frozen=True)
class ApplyResult:
    client: ClientRecord
    saved: bool
    message: str
    mesocycle_id: uuid.UUID | None = None


class TemplateService:
    def __init__(self, service: MesocycleGenerationService) -> None:
        self.service = service
        self.storage = service.storage

    def save_template(
        self,
        name: str,
        mesocycle: MesocycleDetailed,
        profile: ClientProfile,
        program_type: ProgramType,
    ) -> uuid.UUID:
        """Store a block as the coach's template (kg turned into % of this client's 1RM)."""
        name = check_template_name(name)
        template = template_from_mesocycle(mesocycle, profile, program_type)
        template_id = self.storage.create_template(name, template)
        logger.info("saved template %s (%d weeks)", template_id, template.weeks)
        return template_id

    def save_saved_phase(
        self, name: str, client: ClientRecord, program: ProgramRecord, mesocycle_id: uuid.UUID
    ) -> uuid.UUID:
        """``save_template`` of a phase already stored for ``client``."""
        mesocycle = self.storage.get_mesocycle(mesocycle_id)
        return self.save_template(name, mesocycle, client.profile, program.program.program_type)

    def check(self, record: TemplateRecord, clients: list[ClientRecord]) -> list[ClientCheck]:
        """Per client, before anything is stored: the phase, the preview, what blocks it."""
        return [self.check_client(record, client) for client in clients]

    def check_client(self, record: TemplateRecord, client: ClientRecord) -> ClientCheck:
        found = self._slot(record, client)
        if found is None:
            return ClientCheck(
                client,
                None,
                "",
                (),
                (
                    f"{client.name} has no program with a free {record.template.weeks}-week "
                    "phase to take this template; create an outline on the Program page.",
                ),
            )
        program, slot, mesocycle_id, already = found
        program_type = program.program.program_type
        mesocycle = apply_template(
            record.template,
            client.profile,
            slot.start_date,
            program_type=program_type,
            phase_targets=slot.plan.weekly_targets,
        ).model_copy(update={"mesocycle_id": mesocycle_id})
        preview = self.service.preview_from(
            client,
            mesocycle,
            program.id,
            slot.macrocycle_id,
            slot.order_index,
            slot.start_date,
            program_type,
            TEMPLATE_GENERATOR,
        )
        conflicts = profile_conflicts(preview.mesocycle, client.profile, program_type)
        errors = [
            problem.message
            for problem in preview.problems
            if problem.severity == "error" and problem.message not in conflicts
        ]
        notes: tuple[str, ...] = ()
        if program_type != record.template.program_type:
            notes = (
                f"This is a {record.template.program_type.value} template and "
                f"{client.name}'s program is {program_type.value}.",
            )
        return ClientCheck(
            client,
            preview,
            slot.label,
            tuple(conflicts),
            tuple(dict.fromkeys(errors)),
            notes,
            already,
        )

    def apply(self, checks: list[ClientCheck], chosen: set[uuid.UUID]) -> list[ApplyResult]:
        """Save each chosen, ready client on its own (one failing stores nothing of its plan and
        stops no other); the result says, per client, what happened."""
        results = []
        for check in checks:
            client = check.client
            if not check.ready or check.preview is None:
                results.append(ApplyResult(client, False, check.reason))
                continue
            if client.id not in chosen:
                results.append(ApplyResult(client, False, "Not ticked; nothing stored."))
                continue
            try:
                mesocycle_id = self.service.save(check.preview)
            except PeriodizeError as error:
                results.append(ApplyResult(client, False, f"{error} Nothing of it was stored."))
                continue
            logger.info("applied a template as mesocycle %s", mesocycle_id)
            message = (
                f"Already saved earlier as {check.phase}; nothing stored twice."
                if check.already_saved
                else f"Saved as {check.phase}."
            )
            results.append(ApplyResult(client, True, message, mesocycle_id))
        return results

    def _slot(
        self, record: TemplateRecord, client: ClientRecord
    ) -> tuple[ProgramRecord, PhaseSlot, uuid.UUID, bool] | None:
        """The phase this template goes to: the one that already holds it, else the first free
        phase of as many weeks that is not over yet (newest program first, the template's own
        phase name preferred)."""
        weeks = record.template.weeks
        today = today_in(client.profile.timezone)
        free: list[tuple[ProgramRecord, PhaseSlot, uuid.UUID]] = []
        programs = sorted(
            self.storage.list_programs(client.id), key=lambda p: p.created_at, reverse=True
        )
        for program in programs:
            saved = {
                (summary.macrocycle_id, summary.order_index): summary.id
                for summary in self.storage.list_mesocycles(program.id)
            }
            for slot in self.service.phases(program):
                if slot.plan.weeks != weeks:
                    continue
                mesocycle_id = template_mesocycle_id(record.id, client.id, program.id, slot)
                existing = saved.get((slot.macrocycle_id, slot.order_index))
                if existing == mesocycle_id:
                    return program, slot, mesocycle_id, True
                if (
                    existing is None
                    and mesocycle_date_range(slot.start_date, weeks).end_date >= today
                ):
                    free.append((program, slot, mesocycle_id))
        if not free:
            return None
        phase = record.template.phase.lower()
        program, slot, mesocycle_id = next(
            (item for item in free if item[1].plan.phase.lower() == phase), free[0]
        )
        return program, slot, mesocycle_id, False
