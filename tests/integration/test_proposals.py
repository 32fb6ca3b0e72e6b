"""Autoregulation proposals on every Storage (in-memory fake, SQLite, PostgreSQL): kept once per
client and week (also when two tabs make one at the same moment), accepted as plan revisions in
one transaction (a session logged meanwhile refuses all of it), dismissed with who and when."""

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
from tests.proposal_world import MORNING, TODAY, logged_week

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
    again = storage.save_proposal(
        NewProposal(world.client.id, world.coming[0].microcycle_id, TODAY, kept.workouts[:1])
    )
    assert again == kept  # the first one stays, nothing new is stored
    assert len(storage.client_proposals(world.client.id)) == 1
    other = logged_week(storage, service, name="Other Client")
    with pytest.raises(NotFound):  # a week of another client
        storage.save_proposal(
            NewProposal(other.client.id, world.coming[0].microcycle_id, TODAY, [])
        )


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
