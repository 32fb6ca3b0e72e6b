"""The Workouts page shows the coming week's proposal (before → after, why) after a logged week;
Accept changes the coming sessions and records revisions, Dismiss keeps them; the Overview lists
the client with pending changes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from core.dates import frozen_clock
from core.plan_changes import blocks_of
from core.proposals import ProposalStatus
from core.schemas import WorkoutStatus, effective_units
from core.session_log import SessionLog
from tests.app.test_pages import assert_no_errors, click, texts
from tests.proposal_world import MORNING, TODAY, LoggedWeek, logged_week
from ui import workouts_view
from ui.markdown import md_escape


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


def test_accept_shows_the_changed_session_on_the_one_run_it_costs(  # type: ignore[no-untyped-def]
    page, wiring, world, monkeypatch
):
    """The click's own run (no second full-page rerun) shows the message, no proposal, and the
    session's prescription with the accepted loads."""
    at = page("workouts", client_id=str(world.client.id))
    [proposal] = wiring.storage.client_proposals(world.client.id)
    first = proposal.workouts[0]
    session = next(box for box in at.selectbox if box.label == "Session")
    session.set_value(str(first.workout_id)).run()
    units = effective_units(world.client.profile, wiring.storage.coach_units())
    planned = {
        e.name: md_escape(e.describe(units)) for b in _blocks(first.blocks_before) for e in b
    }
    accepted = {
        e.name: md_escape(e.describe(units)) for b in _blocks(first.blocks_after) for e in b
    }
    changed = [change.exercise for change in first.exercises]
    assert all(planned[name] != accepted[name] for name in changed)
    assert all(planned[name] in _prescription(at) for name in changed)
    runs = []
    page_body = workouts_view.workouts_page
    monkeypatch.setattr(
        workouts_view, "workouts_page", lambda *args: runs.append(1) or page_body(*args)
    )
    click(at, f"Accept {proposal.count} change(s)")
    assert_no_errors(at)
    assert len(runs) == 1, "the click cost a second full-page run"
    assert any("Accepted" in s for s in texts(at, "success"))
    assert not [f for f in at.dataframe if "Why" in f.value.columns]
    shown = _prescription(at)
    for name in changed:
        assert accepted[name] in shown and planned[name] not in shown


def _blocks(blocks):  # type: ignore[no-untyped-def]
    return [b.exercises for b in blocks_of({"blocks": blocks})]


def _prescription(at) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(texts(at, "markdown"))


def test_a_refused_accept_says_why_on_the_run_of_the_click(page, wiring, world):  # type: ignore[no-untyped-def]
    at = page("workouts", client_id=str(world.client.id))
    [proposal] = wiring.storage.client_proposals(world.client.id)
    last = proposal.workouts[-1]
    wiring.storage.log_workout(last.workout_id, SessionLog(status=WorkoutStatus.SKIPPED), "client")
    click(at, f"Accept {proposal.count} change(s)")
    assert not at.exception
    assert [e.value for e in at.error] == [
        f"'{md_escape(last.title)}' on {last.date:%a %d %b} has been logged; a logged workout is "
        "never changed. Nothing was changed."
    ]
    [kept] = wiring.storage.client_proposals(world.client.id)
    assert kept.status == ProposalStatus.PENDING
