"""The Workouts page shows the coming week's proposal (before → after, why) after a logged week;
Accept changes the coming sessions and records revisions, Dismiss keeps them; the Overview lists
the client with pending changes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from core.dates import frozen_clock
from core.plan_changes import blocks_of
from core.proposals import ProposalStatus
from tests.app.test_pages import assert_no_errors, click, texts
from tests.proposal_world import MORNING, TODAY, LoggedWeek, logged_week


@pytest.fixture
def world(wiring) -> Iterator[LoggedWeek]:  # type: ignore[no-untyped-def]
    with frozen_clock(MORNING):
        yield logged_week(wiring.storage, wiring.service)


def _diff(at):  # type: ignore[no-untyped-def]
    frames = [f.value for f in at.dataframe if "Why" in f.value.columns]
    assert frames, "no proposal table on the page"
    return frames[0].to_dict("records")


def test_the_workouts_page_shows_the_diff_and_accept_changes_the_week(page, wiring, world):  # type: ignore[no-untyped-def]
    at = page("workouts", client_id=str(world.client.id))
    assert_no_errors(at)
    assert f"Proposed for the week of {TODAY:%a %d %b}" in texts(at, "subheader")
    rows = _diff(at)
    [proposal] = wiring.storage.client_proposals(world.client.id)
    assert len(rows) == proposal.count
    bench = next(r for r in rows if r["Exercise"] == "Bench Press")
    assert bench["Before"] != bench["After"]
    assert bench["Why"] == "logged RIR was 3 easier than prescribed: load +5 %"
    click(at, f"Accept {proposal.count} change(s)")
    assert_no_errors(at)
    assert any("Accepted" in s for s in texts(at, "success"))
    assert not [f for f in at.dataframe if "Why" in f.value.columns]  # decided: gone
    for proposed in proposal.workouts:
        stored = wiring.storage.get_workout(proposed.workout_id)
        assert stored.blocks == proposed.blocks_after
        activities = [e.activity for b in blocks_of({"blocks": stored.blocks}) for e in b.exercises]
        assert all(change.after in activities for change in proposed.exercises)
    [kept] = wiring.storage.client_proposals(world.client.id)
    assert (kept.status, kept.decided_by) == (ProposalStatus.ACCEPTED, wiring.coach.display_name)
    assert len(wiring.storage.plan_revisions(kept.mesocycle_id)) == len(proposal.workouts)


def test_dismiss_keeps_the_week_as_planned(page, wiring, world):  # type: ignore[no-untyped-def]
    at = page("workouts", client_id=str(world.client.id))
    click(at, "Dismiss")
    assert_no_errors(at)
    [kept] = wiring.storage.client_proposals(world.client.id)
    assert kept.status == ProposalStatus.DISMISSED
    for workout in world.coming:
        assert wiring.storage.get_workout(workout.id).blocks == workout.blocks


def test_the_overview_lists_the_client_with_pending_changes(page, wiring, world):  # type: ignore[no-untyped-def]
    with frozen_clock(MORNING):
        proposal = wiring.service.proposals.current(world.client)
    assert proposal is not None
    at = page("overview")
    assert_no_errors(at)
    reasons = [
        row.get("Reasons") or row.get("Needs attention")
        for frame in at.dataframe
        for row in frame.value.to_dict("records")
    ]
    expected = f"{proposal.count} changes proposed for the week of {TODAY:%a %d %b}"
    assert any(expected in (text or "") for text in reasons), reasons
