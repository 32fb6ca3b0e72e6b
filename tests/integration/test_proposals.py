"""Autoregulation proposals on every Storage (in-memory fake, SQLite, PostgreSQL): kept once per
client and week (also when two tabs make one at the same moment), made again while pending when
last week's logs change (logged late, edited, skipped; retired when nothing is left), never once
decided; accepted as plan revisions in one transaction (a session logged meanwhile refuses all of
it), dismissed with who and when."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import timedelta

import pytest
from sqlalchemy import Engine

from core.dates import frozen_clock
from core.errors import Conflict, InvalidInput, NotFound
from core.generation.engine import OfflineEngine
from core.plan_changes import Author, blocks_of
from core.ports import Storage
from core.proposals import NewProposal, ProposalStatus
from core.schemas import WorkoutStatus
from core.service import MesocycleGenerationService
from core.session_log import SessionLog
from db.storage import SqlStorage
from tests.conftest import default_coach_id
from tests.integration.test_log_queries import counted
from tests.proposal_world import MORNING, TODAY, LoggedWeek, log_easier, logged_week

COACH = Author(None, "Casey Coach")


@pytest.fixture
def service(storage: Storage) -> Iterator[MesocycleGenerationService]:
    with frozen_clock(MORNING):
        yield MesocycleGenerationService(storage, OfflineEngine())


def _loads(storage: Storage, workout_id: object) -> list[float | None]:
    workout = storage.get_workout(workout_id)  # type: ignore[arg-type]
    return [e.load_kg for b in blocks_of({"blocks": workout.blocks}) for e in b.exercises]


def test_a_proposal_is_kept_once_per_client_and_week(
    storage: Storage, service: MesocycleGenerationService
) -> None:
    world = logged_week(storage, service)
    proposal = service.proposals.current(world.client)
    assert proposal is not None
    [kept] = storage.client_proposals(world.client.id)
    assert kept == proposal
    assert (kept.week_start, kept.status, kept.decided_at) == (TODAY, ProposalStatus.PENDING, None)
    assert kept.count == sum(len(w.exercises) for w in proposal.workouts) >= 1
    assert kept.inputs_hash is not None and len(kept.inputs_hash) == 64
    week = world.coming[0].microcycle_id
    again = storage.save_proposal(
        NewProposal(world.client.id, week, TODAY, kept.workouts[:1], kept.inputs_hash)
    )
    assert again == kept  # made from the same inputs: the first one stays, nothing is stored
    same = storage.save_proposal(NewProposal(world.client.id, week, TODAY, kept.workouts, "b" * 64))
    assert (same.id, same.workouts, same.inputs_hash) == (kept.id, kept.workouts, "b" * 64)
    other = storage.save_proposal(NewProposal(world.client.id, week, TODAY, kept.workouts[:1]))
    assert other.id != kept.id and other.workouts == kept.workouts[:1]  # other inputs: replaced
    assert storage.client_proposals(world.client.id) == [other]
    someone = logged_week(storage, service, name="Other Client")
    with pytest.raises(NotFound):  # a week of another client
        storage.save_proposal(NewProposal(someone.client.id, week, TODAY, []))


def test_accepting_applies_every_edit_as_a_revision(
    storage: Storage, service: MesocycleGenerationService
) -> None:
    world = logged_week(storage, service)
    proposal = service.proposals.current(world.client)
    assert proposal is not None
    service.proposals.accept(proposal, COACH)
    for proposed in proposal.workouts:
        stored = storage.get_workout(proposed.workout_id)
        assert stored.blocks == proposed.blocks_after
    revisions = storage.plan_revisions(proposal.mesocycle_id)
    assert [(r.author, r.workout_id) for r in revisions] == [
        ("Casey Coach", w.workout_id) for w in proposal.workouts
    ]
    assert revisions[0].after is not None and revisions[0].before is not None
    assert revisions[0].after["blocks"] == proposal.workouts[0].blocks_after
    [kept] = storage.client_proposals(world.client.id)
    assert (kept.status, kept.decided_by) == (ProposalStatus.ACCEPTED, "Casey Coach")
    with pytest.raises(Conflict, match="already accepted"):
        storage.decide_proposal(kept.id, ProposalStatus.DISMISSED, COACH)
    assert storage.client_proposals(world.client.id)[0] == kept


def test_a_session_logged_in_between_refuses_the_whole_acceptance(
    storage: Storage, service: MesocycleGenerationService
) -> None:
    world = logged_week(storage, service)
    proposal = service.proposals.current(world.client)
    assert proposal is not None and len(proposal.workouts) >= 2
    first, last = proposal.workouts[0], proposal.workouts[-1]
    before = _loads(storage, first.workout_id)
    storage.log_workout(last.workout_id, SessionLog(status=WorkoutStatus.SKIPPED), "client")
    with pytest.raises(Conflict, match="has been logged"):
        storage.decide_proposal(proposal.id, ProposalStatus.ACCEPTED, COACH)
    assert _loads(storage, first.workout_id) == before  # the first edit was rolled back
    assert storage.plan_revisions(proposal.mesocycle_id) == []
    assert storage.client_proposals(world.client.id)[0].status == ProposalStatus.PENDING
    assert storage.get_workout(last.workout_id).status == WorkoutStatus.SKIPPED


def test_a_proposal_is_never_decided_back_to_pending(
    storage: Storage, service: MesocycleGenerationService
) -> None:
    world = logged_week(storage, service)
    proposal = service.proposals.current(world.client)
    assert proposal is not None
    with pytest.raises(InvalidInput, match="accepting or dismissing"):
        storage.decide_proposal(proposal.id, ProposalStatus.PENDING, COACH)
    assert storage.client_proposals(world.client.id) == [proposal]


def test_dismissing_changes_no_workout(
    storage: Storage, service: MesocycleGenerationService
) -> None:
    world = logged_week(storage, service)
    proposal = service.proposals.current(world.client)
    assert proposal is not None
    blocks = {w.id: storage.get_workout(w.id).blocks for w in world.coming}
    service.proposals.dismiss(proposal.id, COACH)
    assert {w.id: storage.get_workout(w.id).blocks for w in world.coming} == blocks
    [kept] = storage.client_proposals(world.client.id)
    assert (kept.status, kept.decided_by) == (ProposalStatus.DISMISSED, "Casey Coach")
    assert kept.decided_at is not None
    assert storage.plan_revisions(proposal.mesocycle_id) == []
    assert service.proposals.current(world.client) is None


def test_the_overview_counts_pending_changes(
    storage: Storage, service: MesocycleGenerationService
) -> None:
    world = logged_week(storage, service)
    proposal = service.proposals.current(world.client)
    assert proposal is not None
    [row] = storage.coach_overview(TODAY)
    assert (row.proposed, row.proposed_week) == (proposal.count, TODAY)
    service.proposals.dismiss(proposal.id, COACH)
    [row] = storage.coach_overview(TODAY)
    assert (row.proposed, row.proposed_week) == (0, None)


# a pending proposal follows last week's logs as they are now


def _changes(storage: Storage, world: LoggedWeek) -> list[tuple[str, str]]:
    [kept] = storage.client_proposals(world.client.id)
    return [(c.exercise, c.rule) for w in kept.workouts for c in w.exercises]


def test_a_week_logged_out_of_order_is_proposed_from_all_of_it(
    storage: Storage, service: MesocycleGenerationService
) -> None:
    world = logged_week(storage, service)
    whole = service.proposals.current(world.client)
    # every loaded row the week logged easier: its main lifts and a loaded accessory
    assert whole is not None and whole.count == 4
    for workout in world.logged[1:]:  # as if only the first session had been logged yet
        storage.clear_log(workout.id)
    partial = service.proposals.current(world.client)
    assert partial is not None and partial.id != whole.id
    assert _changes(storage, world) == [
        ("Bench Press", "logged RIR was 3 easier than prescribed: load +5 %")
    ]
    for workout in reversed(world.logged[1:]):  # the rest logged late, last first
        log_easier(storage, workout)
    late = service.proposals.current(world.client)
    assert late is not None and late.id != partial.id
    assert late.workouts == whole.workouts and late.count == 4
    assert storage.client_proposals(world.client.id) == [late]
    assert service.proposals.current(world.client) == late  # unchanged logs: the same one


def test_a_session_marked_skipped_later_changes_the_pending_proposal(
    storage: Storage, service: MesocycleGenerationService
) -> None:
    world = logged_week(storage, service)
    first = service.proposals.current(world.client)
    assert first is not None
    skipped = world.logged[0]
    storage.log_workout(skipped.id, SessionLog(status=WorkoutStatus.SKIPPED), "coach")
    again = service.proposals.current(world.client)
    assert again is not None and again.id != first.id
    rules = [rule for _, rule in _changes(storage, world)]
    assert f"one set fewer for chest: '{skipped.title}' was skipped" in rules
    assert "logged RIR was 3 easier than prescribed: load +5 %" in rules  # the other sessions
    assert [p.id for p in storage.client_proposals(world.client.id)] == [again.id]


def test_nothing_left_to_propose_retires_the_pending_proposal(
    storage: Storage, service: MesocycleGenerationService
) -> None:
    world = logged_week(storage, service)
    assert service.proposals.current(world.client) is not None
    for workout in world.logged:  # the log corrected: every set as prescribed
        log_easier(storage, workout, extra_rir=0)
    assert service.proposals.current(world.client) is None
    assert storage.client_proposals(world.client.id) == []
    for workout in world.logged:  # and logged off target again: proposed again
        log_easier(storage, workout)
    assert service.proposals.current(world.client) is not None
    for workout in world.logged:  # the week's logs all cleared
        storage.clear_log(workout.id)
    assert service.proposals.current(world.client) is None
    assert storage.client_proposals(world.client.id) == []


@pytest.mark.parametrize("decision", [ProposalStatus.ACCEPTED, ProposalStatus.DISMISSED])
def test_a_decided_proposal_never_changes(
    storage: Storage, service: MesocycleGenerationService, decision: ProposalStatus
) -> None:
    world = logged_week(storage, service)
    proposal = service.proposals.current(world.client)
    assert proposal is not None
    if decision == ProposalStatus.ACCEPTED:
        service.proposals.accept(proposal, COACH)
    else:
        service.proposals.dismiss(proposal.id, COACH)
    [decided] = storage.client_proposals(world.client.id)
    storage.log_workout(world.logged[0].id, SessionLog(status=WorkoutStatus.SKIPPED), "coach")
    assert service.proposals.current(world.client) is None
    for workout in world.logged:
        storage.clear_log(workout.id)
    assert service.proposals.current(world.client) is None
    storage.retire_proposal(decided.id)  # retiring is for a pending one only
    assert storage.client_proposals(world.client.id) == [decided]
    assert decided.status == decision


def test_a_tab_showing_a_replaced_proposal_cannot_accept_it(
    storage: Storage, service: MesocycleGenerationService
) -> None:
    world = logged_week(storage, service)
    shown = service.proposals.current(world.client)
    assert shown is not None
    storage.log_workout(world.logged[0].id, SessionLog(status=WorkoutStatus.SKIPPED), "coach")
    assert service.proposals.current(world.client) is not None  # made again elsewhere
    blocks = {w.id: storage.get_workout(w.id).blocks for w in world.coming}
    with pytest.raises(NotFound, match="no longer exists; reload the page"):
        service.proposals.accept(shown, COACH)
    assert {w.id: storage.get_workout(w.id).blocks for w in world.coming} == blocks


def test_checking_a_pending_proposal_costs_three_reads_a_decided_one_one(
    engine: Engine,
) -> None:
    """One read once decided, three while pending (the proposals, the workouts, the sets)."""
    storage = SqlStorage(engine, default_coach_id(engine))
    with frozen_clock(MORNING):
        service = MesocycleGenerationService(storage, OfflineEngine())
        world = logged_week(storage, service)
        proposal = service.proposals.current(world.client)
        assert proposal is not None
        with counted() as pending:
            assert service.proposals.current(world.client) == proposal
        service.proposals.dismiss(proposal.id, COACH)
        with counted() as decided:
            assert service.proposals.current(world.client) is None
    assert (len(pending), len(decided)) == (3, 1)


def _together(action: Callable[[], object]) -> list[object]:
    """``action`` in two threads released at the same moment; what each returned."""
    barrier = threading.Barrier(2, timeout=10)
    results: list[object] = [None, None]

    def run(index: int) -> None:
        barrier.wait()
        results[index] = action()

    threads = [threading.Thread(target=run, args=(i,)) for i in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
        assert not thread.is_alive(), "a racing save never finished"
    return results


def test_two_tabs_making_the_proposal_at_once_keep_one(engine: Engine) -> None:
    storage = SqlStorage(engine, default_coach_id(engine))
    with frozen_clock(MORNING):
        service = MesocycleGenerationService(storage, OfflineEngine())
        world = logged_week(storage, service)
        made = service.proposals.current(world.client)
        assert made is not None
    for week in range(1, 6):
        request = NewProposal(
            world.client.id,
            world.coming[0].microcycle_id,
            TODAY + timedelta(weeks=week),
            made.workouts,
        )
        ids = _together(lambda request=request: storage.save_proposal(request).id)
        assert ids[0] == ids[1] is not None
    weeks = [p.week_start for p in storage.client_proposals(world.client.id)]
    assert len(weeks) == len(set(weeks)) == 6
