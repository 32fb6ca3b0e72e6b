"""In-memory Storage for fast service tests: same contract as db.storage.SqlStorage, no database."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from core.attention import ClientOverview, client_overview
from core.client_links import ClientLink, LinkKind
from core.dates import now
from core.errors import Conflict, InvalidInput, NotFound
from core.load.e1rm import DatedSet, heaviest_sets, tonnage_by_workout
from core.plan_changes import (
    LOGGED,
    Author,
    ChangeKind,
    PlanChange,
    PlanRevision,
    applied,
    outside_phase,
    snapshot,
)
from core.proposals import (
    DECIDED,
    NewProposal,
    PlanProposal,
    ProposalStatus,
)
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


class InMemoryStorage:
    def __init__(self) -> None:
        self.clients: dict[uuid.UUID, ClientRecord] = {}
        self.programs: dict[uuid.UUID, ProgramRecord] = {}
        self.mesocycles: dict[uuid.UUID, MesocycleRows] = {}
        self.workouts: dict[uuid.UUID, WorkoutRecord] = {}
        self.save_calls = 0
        self.created: dict[uuid.UUID, datetime] = {}
        self.updated: dict[uuid.UUID, datetime] = {}
        self.sets: dict[uuid.UUID, list[SetResult]] = {}
        self.revisions: dict[uuid.UUID, list[LogRevision]] = {}
        self.templates: dict[uuid.UUID, TemplateRecord] = {}
        self.units = Units()
        self.links: dict[uuid.UUID, ClientLink] = {}
        self.link_hashes: dict[uuid.UUID, str] = {}
        self.plan_history: dict[uuid.UUID, list[PlanRevision]] = {}
        self.targets: dict[uuid.UUID, dict[str, Any]] = {}
        self.archived: set[uuid.UUID] = set()
        self.proposals: dict[uuid.UUID, PlanProposal] = {}

    def coach_units(self) -> Units:
        return self.units

    def set_coach_units(self, units: Units) -> None:
        self.units = Units.model_validate(units.model_dump())

    def count_clients(self, archived: bool = False) -> int:
        return sum((c in self.archived) == archived for c in self.clients)

    def list_clients(self, search: str = "", archived: bool = False) -> list[ClientRecord]:
        found = [
            c
            for c in self.clients.values()
            if search.lower() in c.name.lower() and (c.id in self.archived) == archived
        ]
        return sorted(found, key=lambda c: c.name.lower())

    def set_client_archived(self, client_id: uuid.UUID, archived: bool) -> None:
        self.get_client(client_id)
        if archived:
            self.archived.add(client_id)
        else:
            self.archived.discard(client_id)

    def delete_client(self, client_id: uuid.UUID) -> None:
        self.get_client(client_id)
        programs = {p for p, record in self.programs.items() if record.client_id == client_id}
        for workout_id in [w for w, r in self.workouts.items() if r.client_id == client_id]:
            del self.workouts[workout_id]
            self.sets.pop(workout_id, None)
            self.revisions.pop(workout_id, None)
        for meso_id in [
            m for m, rows in self.mesocycles.items() if rows.mesocycle["client_id"] == client_id
        ]:
            del self.mesocycles[meso_id]
            self.plan_history.pop(meso_id, None)
        for program_id in programs:
            del self.programs[program_id]
        for link_id in [k for k, link in self.links.items() if link.client_id == client_id]:
            del self.links[link_id]
            self.link_hashes.pop(link_id, None)
        self.archived.discard(client_id)
        del self.clients[client_id]

    def get_client(self, client_id: uuid.UUID) -> ClientRecord:
        if client_id not in self.clients:
            raise NotFound("That client does not exist.")
        return self.clients[client_id]

    def find_client_by_name(self, name: str) -> ClientRecord | None:
        return next((c for c in self.clients.values() if c.name.lower() == name.lower()), None)

    def create_client(self, profile: ClientProfile) -> uuid.UUID:
        client_id = uuid.uuid4()
        self.clients[client_id] = ClientRecord(client_id, profile)
        return client_id

    def update_client(self, client_id: uuid.UUID, profile: ClientProfile) -> None:
        self.get_client(client_id)
        self.clients[client_id] = ClientRecord(client_id, profile)

    def create_program(
        self,
        client_id: uuid.UUID,
        program: FitnessProgram,
        start_date: date,
        weeks: int,
        generated_by: str,
    ) -> uuid.UUID:
        self.get_client(client_id)
        program_id = uuid.uuid4()
        self.programs[program_id] = ProgramRecord(
            program_id, client_id, program, start_date, weeks, generated_by, datetime.now(UTC)
        )
        return program_id

    def get_program(self, program_id: uuid.UUID) -> ProgramRecord:
        if program_id not in self.programs:
            raise NotFound("That program does not exist.")
        return self.programs[program_id]

    def list_programs(self, client_id: uuid.UUID) -> list[ProgramRecord]:
        return [p for p in self.programs.values() if p.client_id == client_id]

    def save_mesocycle(self, rows: MesocycleRows, *, replace_existing: bool = False) -> uuid.UUID:
        self.save_calls += 1
        if rows.mesocycle_id in self.mesocycles:
            return rows.mesocycle_id
        meso = rows.mesocycle
        program = self.get_program(meso["fitness_program_id"])
        if program.client_id != meso["client_id"]:
            raise NotFound("That program belongs to another client; nothing was saved.")
        for other_id, other in list(self.mesocycles.items()):
            same_slot = all(
                other.mesocycle[k] == meso[k]
                for k in ("fitness_program_id", "macrocycle_id", "order_index")
            )
            if same_slot:
                if not replace_existing:
                    raise Conflict("This phase already has a saved plan.")
                logged = [
                    row["id"]
                    for row in other.workouts
                    if self.workouts[row["id"]].status != WorkoutStatus.SCHEDULED
                ]
                if logged:
                    raise Conflict("A saved plan with logged workouts is never replaced.")
                self._delete(other_id)
        self.mesocycles[rows.mesocycle_id] = rows
        for row in rows.workouts:
            self.workouts[row["id"]] = WorkoutRecord(
                id=row["id"],
                microcycle_id=row["microcycle_id"],
                date=row["date"],
                day_slot=row["day_slot"],
                session_type=row["session_type"],
                title=row["title"],
                blocks=row["blocks"],
                planned_minutes=row["planned_minutes"],
                target_rpe=row["target_rpe"],
                notes=row["notes"],
                status=WorkoutStatus.SCHEDULED,
                completed_at=None,
                session_rpe=None,
                actual_minutes=None,
                client_id=meso["client_id"],
            )
            self.created[row["id"]] = self.updated[row["id"]] = datetime.now(UTC)
            self.targets[row["id"]] = row["targets"]
        return rows.mesocycle_id

    def _delete(self, mesocycle_id: uuid.UUID) -> None:
        rows = self.mesocycles.pop(mesocycle_id)
        for row in rows.workouts:
            self.workouts.pop(row["id"], None)

    def list_mesocycles(self, program_id: uuid.UUID) -> list[MesocycleSummary]:
        return [s for s in self._summaries() if s.fitness_program_id == program_id]

    def client_mesocycles(self, client_id: uuid.UUID) -> list[MesocycleSummary]:
        mine = {
            r.mesocycle_id
            for r in self.mesocycles.values()
            if r.mesocycle["client_id"] == client_id
        }
        return sorted(
            (s for s in self._summaries() if s.id in mine),
            key=lambda s: (s.start_date, s.order_index),
        )

    def _summaries(self) -> list[MesocycleSummary]:
        return [_summary(rows) for rows in self.mesocycles.values()]

    def get_mesocycle(self, mesocycle_id: uuid.UUID) -> MesocycleDetailed:
        if mesocycle_id not in self.mesocycles:
            raise NotFound("That phase has no saved plan.")
        rows = self.mesocycles[mesocycle_id]
        # read from the workouts as they are now (plan changes edit, move, add and remove them)
        workouts = [
            {**_row(self.workouts[row["id"]]), "targets": self.targets.get(row["id"], {})}
            for row in rows.workouts
            if row["id"] in self.workouts
        ]
        return mesocycle_from_rows(MesocycleRows(rows.mesocycle, rows.microcycles, workouts))

    def create_template(self, name: str, template: Template) -> uuid.UUID:
        if any(t.name.lower() == name.lower() for t in self.templates.values()):
            raise Conflict(f"You already have a template named '{name}'; pick another name.")
        template_id = uuid.uuid4()
        # through JSON, as the database stores it, so both hand back the same body
        body = Template.model_validate(template.model_dump(mode="json", exclude_none=True))
        self.templates[template_id] = TemplateRecord(template_id, name, body, datetime.now(UTC))
        return template_id

    def list_templates(self) -> list[TemplateRecord]:
        return sorted(self.templates.values(), key=lambda t: (t.name.lower(), t.name))

    def get_template(self, template_id: uuid.UUID) -> TemplateRecord:
        if template_id not in self.templates:
            raise NotFound("That template does not exist.")
        return self.templates[template_id]

    def delete_template(self, template_id: uuid.UUID) -> None:
        self.get_template(template_id)
        del self.templates[template_id]

    def workout_mesocycle(self, workout_id: uuid.UUID) -> MesocycleSummary:
        for rows in self.mesocycles.values():
            if any(row["id"] == workout_id for row in rows.workouts):
                return _summary(rows)
        raise NotFound("That workout is no longer in this phase.")

    def change_plan(
        self, mesocycle_id: uuid.UUID, changes: Sequence[PlanChange], author: Author
    ) -> None:
        """All or nothing, like one transaction: the changes are made on copies, kept at the end."""
        if mesocycle_id not in self.mesocycles:
            raise NotFound("That phase no longer exists; nothing was changed.")
        rows = self.mesocycles[mesocycle_id]
        meso = rows.mesocycle
        workouts = dict(self.workouts)
        ids = [row["id"] for row in rows.workouts]
        revisions = []
        for change in changes:
            if change.workout_id not in ids or change.workout_id not in workouts:
                raise NotFound("That workout is no longer in this phase; nothing was changed.")
            record = workouts[change.workout_id]
            if change.kind != ChangeKind.ADD and record.status != WorkoutStatus.SCHEDULED:
                raise Conflict(LOGGED.format(title=record.title, day=record.date))
            before = _row(record)
            after = applied(before, change)
            if change.kind in (ChangeKind.MOVE, ChangeKind.ADD):
                day = after["date"]
                if refusal := outside_phase(day, meso["start_date"], meso["end_date"]):
                    raise Conflict(refusal)
                week = next(w for w in rows.microcycles if w["start_date"] <= day <= w["end_date"])
                taken = [
                    w.day_slot
                    for w in workouts.values()
                    if w.microcycle_id == week["id"]
                    and w.date == day
                    and (change.kind == ChangeKind.ADD or w.id != record.id)
                ]
                after.update(microcycle_id=week["id"], day_slot=max(taken, default=-1) + 1)
            now = datetime.now(UTC)
            moved = {k: after[k] for k in ("microcycle_id", "date", "day_slot", *change.fields)}
            if change.kind == ChangeKind.ADD:
                assert change.new_id is not None
                workouts[change.new_id] = replace(
                    record,
                    **moved,
                    id=change.new_id,
                    status=WorkoutStatus.SCHEDULED,
                    completed_at=None,
                    session_rpe=None,
                    actual_minutes=None,
                    log_note=None,
                    logged_by=None,
                )
                ids.append(change.new_id)
                self.targets[change.new_id] = self.targets.get(record.id, {})
                self.created[change.new_id] = self.updated[change.new_id] = now
            elif change.kind == ChangeKind.REMOVE:
                workouts.pop(record.id)
                ids.remove(record.id)
            else:
                workouts[record.id] = replace(record, **moved)
                self.updated[record.id] = now
            revisions.append(
                PlanRevision(
                    now,
                    author.name,
                    change.kind,
                    change.new_id or record.id,
                    change.summary,
                    None if change.kind == ChangeKind.ADD else snapshot(before),
                    None if change.kind == ChangeKind.REMOVE else snapshot(after),
                )
            )
        self.workouts = workouts
        rows.workouts = [{"id": workout_id} for workout_id in ids]
        self.plan_history.setdefault(mesocycle_id, []).extend(revisions)

    def plan_revisions(self, mesocycle_id: uuid.UUID) -> list[PlanRevision]:
        return list(self.plan_history.get(mesocycle_id, []))

    def save_proposal(self, proposal: NewProposal) -> PlanProposal:
        rows = next(
            (
                rows
                for rows in self.mesocycles.values()
                if any(week["id"] == proposal.microcycle_id for week in rows.microcycles)
            ),
            None,
        )
        if rows is None or rows.mesocycle["client_id"] != proposal.client_id:
            raise NotFound("That client or week does not exist; nothing was saved.")
        for kept in list(self.proposals.values()):
            if kept.client_id == proposal.client_id and kept.week_start == proposal.week_start:
                if (
                    kept.status != ProposalStatus.PENDING
                    or kept.inputs_hash == proposal.inputs_hash
                ):
                    return kept
                if kept.workouts == list(proposal.workouts):  # the same changes: the same row
                    kept = replace(kept, inputs_hash=proposal.inputs_hash)
                    self.proposals[kept.id] = kept
                    return kept
                del self.proposals[kept.id]  # made from logs that changed since: made again
        kept = PlanProposal(
            uuid.uuid4(),
            proposal.client_id,
            rows.mesocycle["id"],
            proposal.week_start,
            ProposalStatus.PENDING,
            list(proposal.workouts),
            now(),
            inputs_hash=proposal.inputs_hash,
        )
        self.proposals[kept.id] = kept
        return kept

    def retire_proposal(self, proposal_id: uuid.UUID) -> None:
        kept = self.proposals.get(proposal_id)
        if kept is not None and kept.status == ProposalStatus.PENDING:
            del self.proposals[proposal_id]

    def client_proposals(self, client_id: uuid.UUID) -> list[PlanProposal]:
        mine = [p for p in self.proposals.values() if p.client_id == client_id]
        return sorted(mine, key=lambda p: p.week_start, reverse=True)

    def decide_proposal(
        self, proposal_id: uuid.UUID, status: ProposalStatus, author: Author
    ) -> None:
        if proposal_id not in self.proposals:
            raise NotFound("That proposal no longer exists; reload the page. Nothing was changed.")
        kept = self.proposals[proposal_id]
        if kept.status != ProposalStatus.PENDING:
            raise Conflict(DECIDED.format(status=kept.status.value))
        if status == ProposalStatus.PENDING:
            raise InvalidInput("A proposal is decided by accepting or dismissing it.")
        if status == ProposalStatus.ACCEPTED:
            self.change_plan(kept.mesocycle_id, kept.changes(), author)  # all or nothing
        self.proposals[proposal_id] = replace(
            kept, status=status, decided_at=now(), decided_by=author.name[:120]
        )

    def workouts_for_client(
        self, client_id: uuid.UUID, start: date | None = None, end: date | None = None
    ) -> list[WorkoutRecord]:
        mine = {
            row["id"]
            for rows in self.mesocycles.values()
            if rows.mesocycle["client_id"] == client_id
            for row in rows.workouts
        }
        return sorted(
            (
                w
                for w in self.workouts.values()
                if w.id in mine
                and (start is None or w.date >= start)
                and (end is None or w.date <= end)
            ),
            key=lambda w: (w.date, w.day_slot),
        )

    def workouts_stamp(self, client_id: uuid.UUID) -> WorkoutsStamp:
        mine = self.workouts_for_client(client_id)
        return WorkoutsStamp(
            count=len(mine),
            first=min((w.date for w in mine), default=None),
            last=max((w.date for w in mine), default=None),
            last_created=max((self.created[w.id] for w in mine), default=None),
            last_updated=max((self.updated[w.id] for w in mine), default=None),
        )

    def get_workout(self, workout_id: uuid.UUID) -> WorkoutRecord:
        if workout_id not in self.workouts:
            raise NotFound("That workout no longer exists.")
        return self.workouts[workout_id]

    def log_workout(self, workout_id: uuid.UUID, log: SessionLog, logged_by: str) -> None:
        self.update_workout_status(workout_id, log.status, log.session_rpe, log.minutes)
        self.workouts[workout_id] = replace(
            self.workouts[workout_id], log_note=log.note, logged_by=logged_by
        )
        self.sets[workout_id] = list(log.sets)
        self.revisions.setdefault(workout_id, []).append(
            LogRevision(datetime.now(UTC), logged_by, log)
        )

    def clear_log(self, workout_id: uuid.UUID) -> None:
        self.update_workout_status(workout_id, WorkoutStatus.SCHEDULED)
        self.workouts[workout_id] = replace(
            self.workouts[workout_id], log_note=None, logged_by=None
        )
        self.sets.pop(workout_id, None)

    def workout_sets(self, workout_id: uuid.UUID) -> list[SetResult]:
        return sorted(self.sets.get(workout_id, []), key=lambda s: (s.exercise_index, s.set_number))

    def client_sets(
        self, client_id: uuid.UUID, start: date | None = None, end: date | None = None
    ) -> list[DatedSet]:
        return [
            DatedSet(workout.date, result, workout.id)
            for workout in self.workouts_for_client(client_id, start, end)
            for result in self.workout_sets(workout.id)
        ]

    def heaviest_logged_sets(self, client_id: uuid.UUID) -> list[DatedSet]:
        return heaviest_sets(self.client_sets(client_id))

    def logged_tonnage(self, client_id: uuid.UUID) -> dict[str, float]:
        return tonnage_by_workout(self.client_sets(client_id))

    def log_revisions(self, workout_id: uuid.UUID) -> list[LogRevision]:
        self.get_workout(workout_id)
        return list(self.revisions.get(workout_id, []))

    def coach_overview(self, today: date) -> list[ClientOverview]:
        overviews = [
            client_overview(
                client.id,
                client.name,
                self.workouts_for_client(client.id),
                [
                    summary
                    for program in self.list_programs(client.id)
                    for summary in self.list_mesocycles(program.id)
                ],
                today,
                [
                    (p.week_start, p.count)
                    for p in self.client_proposals(client.id)
                    if p.status == ProposalStatus.PENDING
                ],
            )
            for client in self.clients.values()
            if client.id not in self.archived
        ]
        return sorted(overviews, key=lambda item: item.name.lower())

    def update_workout_status(
        self,
        workout_id: uuid.UUID,
        status: WorkoutStatus,
        session_rpe: float | None = None,
        actual_minutes: int | None = None,
    ) -> None:
        if workout_id not in self.workouts:
            raise NotFound("That workout no longer exists.")
        completed = status == WorkoutStatus.COMPLETED
        self.updated[workout_id] = datetime.now(UTC)
        self.workouts[workout_id] = replace(
            self.workouts[workout_id],
            status=status,
            completed_at=datetime.now(UTC) if completed else None,
            session_rpe=session_rpe if completed else None,
            actual_minutes=actual_minutes if completed else None,
        )

    def create_client_link(
        self,
        client_id: uuid.UUID,
        name: str,
        kind: LinkKind,
        token_hash: str,
        expires_at: datetime | None,
    ) -> ClientLink:
        if client_id not in self.clients:
            raise NotFound("That client does not exist; no link was made.")
        link = ClientLink(uuid.uuid4(), client_id, name, kind, now(), expires_at, None, None)
        self.links[link.id] = link
        self.link_hashes[link.id] = token_hash
        return link

    def list_client_links(self, client_id: uuid.UUID) -> list[ClientLink]:
        mine = [link for link in self.links.values() if link.client_id == client_id]
        return sorted(mine, key=lambda link: link.created_at, reverse=True)

    def revoke_client_link(self, link_id: uuid.UUID) -> None:
        if link_id not in self.links:
            raise NotFound("That link does not exist.")
        if self.links[link_id].revoked_at is None:
            self.links[link_id] = replace(self.links[link_id], revoked_at=now())


def _summary(rows: MesocycleRows) -> MesocycleSummary:
    meso = rows.mesocycle
    return MesocycleSummary(
        id=rows.mesocycle_id,
        fitness_program_id=meso["fitness_program_id"],
        macrocycle_id=meso["macrocycle_id"],
        order_index=meso["order_index"],
        phase=meso["phase"],
        weeks=meso["weeks"],
        start_date=meso["start_date"],
        end_date=meso["end_date"],
    )


def _row(record: WorkoutRecord) -> dict[str, Any]:
    """A workout as the database row the SQL storage reads (what a revision snapshots)."""
    return {
        "id": record.id,
        "microcycle_id": record.microcycle_id,
        "date": record.date,
        "day_slot": record.day_slot,
        "session_type": record.session_type,
        "title": record.title,
        "blocks": record.blocks,
        "planned_minutes": record.planned_minutes,
        "target_rpe": record.target_rpe,
        "notes": record.notes,
    }
