"""ProposalService on the in-memory storage: after a logged week one proposal for the coming week,
made once; Accept applies it as plan revisions (refused whole when a session was logged or edited
meanwhile), Dismiss changes nothing; days the client is away are never proposed for."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta

import pytest

from core.dates import frozen_clock
from core.errors import Conflict
from core.generation.engine import OfflineEngine
from core.plan_changes import Author, blocks_of
from core.proposals import ProposalStatus, inputs_hash, proposal_weeks
from core.schemas import UnavailableDates, WorkoutStatus
from core.service import MesocycleGenerationService
from core.session_log import SessionLog
from tests.fakes import InMemoryStorage
from tests.proposal_world import MORNING, START, TODAY, LoggedWeek, logged_week

COACH = Author(uuid.uuid4(), "Coach Kim")


@pytest.fixture
def storage() -> InMemoryStorage:
    return InMemoryStorage()


@pytest.fixture
def service(storage: InMemoryStorage) -> Iterator[MesocycleGenerationService]:
    with frozen_clock(MORNING):
        yield MesocycleGenerationService(storage, OfflineEngine())


@pytest.fixture
def world(storage: InMemoryStorage, service: MesocycleGenerationService) -> LoggedWeek:
    return logged_week(storage, service)


def _loads(storage: InMemoryStorage, workout_id: uuid.UUID) -> dict[str, float | None]:
    workout = storage.get_workout(workout_id)
    return {e.name: e.load_kg for b in blocks_of({"blocks": workout.blocks}) for e in b.exercises}


def test_a_logged_week_makes_one_proposal_for_the_coming_week(
    storage: InMemoryStorage, service: MesocycleGenerationService, world: LoggedWeek
) -> None:
    proposal = service.proposals.current(world.client)
    assert proposal is not None
    assert proposal.week_start == TODAY
    assert proposal.status == ProposalStatus.PENDING
    assert {w.workout_id for w in proposal.workouts} == {w.id for w in world.coming}
    bench = next(c for w in proposal.workouts for c in w.exercises if c.exercise == "Bench Press")
    planned = next(
        e
        for w in world.coming
        for b in blocks_of({"blocks": w.blocks})
        for e in b.exercises
        if e.name == "Bench Press"
    )
    assert bench.before == planned.activity
    assert f"{planned.load_kg:g} kg" in bench.before and bench.after != bench.before
    assert bench.rule == "logged RIR was 3 easier than prescribed: load +5 %"
    again = service.proposals.current(world.client)
    assert again is not None and again.id == proposal.id  # idempotent
    assert len(storage.client_proposals(world.client.id)) == 1


def test_nothing_logged_last_week_proposes_nothing(
    storage: InMemoryStorage, service: MesocycleGenerationService, world: LoggedWeek
) -> None:
    for workout in world.logged:
        storage.clear_log(workout.id)
    assert service.proposals.current(world.client) is None
    assert storage.client_proposals(world.client.id) == []


def test_accept_applies_the_changes_as_revisions_once(
    storage: InMemoryStorage, service: MesocycleGenerationService, world: LoggedWeek
) -> None:
    proposal = service.proposals.current(world.client)
    assert proposal is not None
    before = {w.id: _loads(storage, w.id) for w in world.coming}
    service.proposals.accept(proposal, COACH)
    for proposed in proposal.workouts:
        after = _loads(storage, proposed.workout_id)
        for change in proposed.exercises:
            assert after[change.exercise] != before[proposed.workout_id][change.exercise]
            assert f"{after[change.exercise]:g} kg" in change.after
    summary = storage.workout_mesocycle(world.coming[0].id)
    revisions = storage.plan_revisions(summary.id)
    assert [r.author for r in revisions] == ["Coach Kim"] * len(proposal.workouts)
    assert [r.summary for r in revisions] == [w.summary for w in proposal.workouts]
    [kept] = storage.client_proposals(world.client.id)
    assert (kept.status, kept.decided_by) == (ProposalStatus.ACCEPTED, "Coach Kim")
    assert kept.decided_at is not None
    assert service.proposals.current(world.client) is None  # decided: no second proposal
    with pytest.raises(Conflict, match="already accepted"):
        service.proposals.accept(kept, COACH)


def test_dismiss_changes_nothing_and_is_recorded(
    storage: InMemoryStorage, service: MesocycleGenerationService, world: LoggedWeek
) -> None:
    proposal = service.proposals.current(world.client)
    assert proposal is not None
    before = {w.id: storage.get_workout(w.id).blocks for w in world.coming}
    service.proposals.dismiss(proposal.id, COACH)
    assert {w.id: storage.get_workout(w.id).blocks for w in world.coming} == before
    [kept] = storage.client_proposals(world.client.id)
    assert (kept.status, kept.decided_by) == (ProposalStatus.DISMISSED, "Coach Kim")
    assert storage.plan_revisions(storage.workout_mesocycle(world.coming[0].id).id) == []
    assert service.proposals.current(world.client) is None


def test_a_session_logged_meanwhile_refuses_the_whole_proposal(
    storage: InMemoryStorage, service: MesocycleGenerationService, world: LoggedWeek
) -> None:
    proposal = service.proposals.current(world.client)
    assert proposal is not None and len(proposal.workouts) >= 2
    first, last = proposal.workouts[0], proposal.workouts[-1]
    storage.log_workout(
        last.workout_id, SessionLog(status=WorkoutStatus.SKIPPED, note="ill"), "client"
    )
    before = _loads(storage, first.workout_id)
    with pytest.raises(Conflict) as refused:
        service.proposals.accept(proposal, COACH)
    assert str(refused.value) == (
        f"'{last.title}' on {last.date:%a %d %b} has been logged; a logged workout is never "
        "changed. Nothing was changed."
    )
    assert _loads(storage, first.workout_id) == before
    [kept] = storage.client_proposals(world.client.id)
    assert kept.status == ProposalStatus.PENDING


def test_the_storage_refuses_a_logged_session_inside_the_decision(
    storage: InMemoryStorage, service: MesocycleGenerationService, world: LoggedWeek
) -> None:
    """The service's check passed, then the log landed: the storage's own check refuses."""
    proposal = service.proposals.current(world.client)
    assert proposal is not None
    last = proposal.workouts[-1]
    storage.log_workout(last.workout_id, SessionLog(status=WorkoutStatus.SKIPPED), "client")
    with pytest.raises(Conflict, match="has been logged"):
        storage.decide_proposal(proposal.id, ProposalStatus.ACCEPTED, COACH)
    assert storage.client_proposals(world.client.id)[0].status == ProposalStatus.PENDING
    assert storage.plan_revisions(proposal.mesocycle_id) == []


def test_a_session_edited_since_the_proposal_is_not_overwritten(
    storage: InMemoryStorage, service: MesocycleGenerationService, world: LoggedWeek
) -> None:
    proposal = service.proposals.current(world.client)
    assert proposal is not None
    first = proposal.workouts[0]
    storage.workouts[first.workout_id] = replace(
        storage.workouts[first.workout_id], blocks=first.blocks_before[:1]
    )
    with pytest.raises(Conflict, match="was changed after this proposal was made"):
        service.proposals.accept(proposal, COACH)


def test_days_the_client_is_away_get_no_proposal(
    storage: InMemoryStorage, service: MesocycleGenerationService, world: LoggedWeek
) -> None:
    away = world.coming[0].date
    profile = world.client.profile.model_copy(
        update={"unavailable": [UnavailableDates(start=away, end=away, label="trip")]}
    )
    storage.update_client(world.client.id, profile)
    client = storage.get_client(world.client.id)
    proposal = service.proposals.current(client)
    assert proposal is not None
    proposed = {w.workout_id for w in proposal.workouts}
    assert world.coming[0].id not in proposed
    assert proposed == {w.id for w in world.coming[1:]}


def test_the_logged_week_is_last_week_whatever_the_day(world: LoggedWeek) -> None:
    for day in range(7):
        assert proposal_weeks(world.logged, TODAY + timedelta(days=day)) == (START, TODAY)
    assert proposal_weeks(world.logged, START + timedelta(days=6)) is None  # a week earlier
    scheduled = [replace(w, status=WorkoutStatus.SCHEDULED) for w in world.logged]
    assert proposal_weeks(scheduled, TODAY) is None


def test_the_inputs_hash_follows_what_a_proposal_reads_and_nothing_else(
    storage: InMemoryStorage, world: LoggedWeek
) -> None:
    workouts = storage.workouts_for_client(world.client.id)
    sets = storage.client_sets(world.client.id)
    made = inputs_hash(workouts, sets)
    assert len(made) == 64 and made == inputs_hash(reversed(workouts), reversed(sets))
    first = world.logged[0]
    assert first.completed_at is not None
    naive = replace(first, completed_at=first.completed_at.replace(tzinfo=None))
    as_stored = [naive if w.id == first.id else w for w in workouts]  # SQLite hands back naive
    assert inputs_hash(as_stored, sets) == made
    ints = [replace(w, session_rpe=int(w.session_rpe)) if w.session_rpe else w for w in workouts]
    assert inputs_hash(ints, sets) == made  # 6 and 6.0 are the same RPE
    renamed = [replace(w, log_note="felt good") for w in workouts]  # not an input of propose
    assert inputs_hash(renamed, sets) == made
    one_set = sets[0]
    heavier = replace(one_set, result=one_set.result.model_copy(update={"rir": 0.0}))
    assert inputs_hash(workouts, [heavier, *sets[1:]]) != made
    assert inputs_hash(workouts, sets[1:]) != made
    skipped = [
        replace(w, status=WorkoutStatus.SKIPPED) if w.id == first.id else w for w in workouts
    ]
    assert inputs_hash(skipped, sets) != made
    rated = [replace(w, session_rpe=9.0) if w.id == first.id else w for w in workouts]
    assert inputs_hash(rated, sets) != made
