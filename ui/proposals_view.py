"""The Workouts page's proposal box: after a logged week, the changes proposed for the coming week
(per exercise: before → after and the rule in words), with Accept and Dismiss (decided in the
buttons' callbacks: one run per click)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from bootstrap import Workspace
from core.errors import PeriodizeError
from core.plan_changes import Author
from core.proposals import PlanProposal, ProposalStatus
from core.read_models import ClientRecord, WorkoutsStamp
from ui import shell

CACHE = "_proposal_{client}"
"""Per client: ((stamp, today), proposal or None), so a rerun that changed no workout reads nothing."""
REFUSED = "_proposal_refused_{client}"
"""Per client: why the last Accept or Dismiss was refused, shown once on the run that follows."""


def diff_table(proposal: PlanProposal) -> pd.DataFrame:
    """One row per exercise change: session, exercise, before, after, the rule that fired."""
    return pd.DataFrame(
        [
            {
                "Session": f"{workout.date:%a %d %b} · {workout.title}",
                "Exercise": change.exercise,
                "Before": change.before,
                "After": change.after,
                "Why": change.rule,
            }
            for workout in proposal.workouts
            for change in workout.exercises
        ],
        columns=["Session", "Exercise", "Before", "After", "Why"],
    )


def _current(app: Workspace, client: ClientRecord, stamp: WorkoutsStamp) -> PlanProposal | None:
    key = CACHE.format(client=client.id)
    cached = st.session_state.get(key)
    version = (stamp, shell.client_today(client))
    if cached is not None and cached[0] == version:
        proposal: PlanProposal | None = cached[1]
        return proposal
    proposal = app.service.proposals.current(client)
    st.session_state[key] = (version, proposal)
    return proposal


def proposals_section(
    app: Workspace, client: ClientRecord, stamp: WorkoutsStamp, flash_key: str
) -> None:
    """Shown when the client's last week was logged and its proposal waits for the coach.

    Accept and Dismiss decide in their ``on_click`` callback, before the run their click starts:
    that one run already shows the message, the week and the session as changed (the decision
    moves the client's workouts stamp, so the page's caches build them again), with no second
    full-page rerun."""
    key = CACHE.format(client=client.id)
    if error := st.session_state.pop(REFUSED.format(client=client.id), None):
        shell.show_error(error)
    try:
        proposal = _current(app, client, stamp)
    except PeriodizeError as error:
        shell.show_error(error)
        return
    if proposal is None:
        return
    with st.container(border=True):
        st.subheader(f"Proposed for the week of {proposal.week_start:%a %d %b}")
        st.caption(
            "From the sets and sessions logged last week. Nothing changes until you accept; "
            "accepted changes are kept in the phase's Plan history."
        )
        st.dataframe(diff_table(proposal), hide_index=True, width="stretch")
        accept, dismiss = st.columns(2)
        accept.button(
            f"Accept {proposal.count} change(s)",
            type="primary",
            key=f"accept-{proposal.id}",
            on_click=_decide,
            args=(app, proposal, ProposalStatus.ACCEPTED, key, flash_key),
        )
        dismiss.button(
            "Dismiss",
            key=f"dismiss-{proposal.id}",
            on_click=_decide,
            args=(app, proposal, ProposalStatus.DISMISSED, key, flash_key),
        )


def _decide(
    app: Workspace,
    proposal: PlanProposal,
    decision: ProposalStatus,
    cache_key: str,
    flash_key: str,
) -> None:
    """Accept or dismiss (a button's callback: it runs before the page's run, which then reads
    the proposal again and shows the message, or the refusal, in words)."""
    author = Author(app.coach.id, app.coach.display_name)
    st.session_state.pop(cache_key, None)
    try:
        if decision == ProposalStatus.ACCEPTED:
            app.service.proposals.accept(proposal, author)
        else:
            app.service.proposals.dismiss(proposal.id, author)
    except PeriodizeError as error:
        st.session_state[REFUSED.format(client=proposal.client_id)] = error
        return
    week = f"{proposal.week_start:%a %d %b}"
    st.session_state[flash_key] = (
        f"Accepted {proposal.count} change(s) for the week of {week}: see the Plan history."
        if decision == ProposalStatus.ACCEPTED
        else f"Dismissed the proposal for the week of {week}."
    )
