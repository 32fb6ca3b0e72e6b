"""The coach overview's attention rules: compliance drop or low, inactivity, phase ending."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from core.attention import (
    ClientOverview,
    ReasonKind,
    WeekCounts,
    compliance_reasons,
    inactivity_reason,
    needing_attention,
    percent,
    phase_reason,
    pooled,
    reasons,
)

TODAY = date(2026, 3, 12)  # a Thursday
MONDAY = date(2026, 3, 9)


def weeks(*counts: tuple[int, int, int]) -> tuple[WeekCounts, ...]:
    """Five weeks ending with the current one: (completed, skipped, missed) each, oldest first."""
    start = MONDAY - timedelta(weeks=len(counts) - 1)
    return tuple(WeekCounts(start + timedelta(weeks=i), *count) for i, count in enumerate(counts))


def client(name: str = "Ann", **overrides: object) -> ClientOverview:
    values: dict[str, object] = {
        "client_id": uuid.uuid4(),
        "name": name,
        "weeks": weeks((4, 0, 0), (4, 0, 0), (4, 0, 0), (4, 0, 0), (2, 0, 0)),
        "last_logged": TODAY - timedelta(days=1),
        "phase": "Strength",
        "phase_start": TODAY - timedelta(days=10),
        "phase_end": TODAY + timedelta(days=20),
        "next_phase_start": TODAY + timedelta(days=21),
        "workouts": 40,
    }
    values.update(overrides)
    return ClientOverview(**values)  # type: ignore[arg-type]


def test_week_counts_and_pooling() -> None:
    week = WeekCounts(MONDAY, completed=3, skipped=1, missed=1)
    assert week.due == 5
    assert week.compliance == 0.6
    assert WeekCounts(MONDAY).compliance is None
    assert pooled([WeekCounts(MONDAY, 1, 0, 0), WeekCounts(MONDAY, 1, 0, 3)]) == (0.4, 5)
    assert pooled([]) == (None, 0)
    assert percent(0.904) == "90 %"


def test_a_drop_of_twenty_points_or_more_is_reported_with_both_figures() -> None:
    # before: 9 of 10 (90 %); recent (last full week + this week so far): 2 of 4 (50 %)
    found = compliance_reasons(weeks((3, 0, 0), (3, 1, 0), (3, 0, 0), (1, 1, 1), (1, 0, 0)))
    assert [(r.kind, r.text) for r in found] == [
        (ReasonKind.COMPLIANCE_DROP, "compliance dropped from 90 % to 50 %")
    ]
    assert found[0].urgency == 40


def test_a_small_drop_or_too_few_sessions_is_not_a_drop() -> None:
    # 100 % → 83 %: 17 points
    assert compliance_reasons(weeks((4, 0, 0), (4, 0, 0), (4, 0, 0), (4, 1, 0), (1, 0, 0))) == []
    # recent window has a single due session: no verdict on a drop, and 92 % overall is fine
    assert compliance_reasons(weeks((4, 0, 0), (4, 0, 0), (4, 0, 0), (0, 0, 0), (0, 1, 0))) == []


def test_low_compliance_throughout_is_reported_once() -> None:
    found = compliance_reasons(weeks((2, 2, 0), (2, 1, 1), (2, 2, 0), (2, 2, 0), (0, 0, 0)))
    assert [(r.kind, r.text) for r in found] == [
        (ReasonKind.LOW_COMPLIANCE, "compliance 50 % over the last 4 weeks")
    ]


def test_inactivity_counts_days_since_the_last_logged_session() -> None:
    due = weeks((4, 0, 0), (4, 0, 0), (2, 0, 2), (0, 0, 4), (0, 0, 3))
    reason = inactivity_reason(due, TODAY - timedelta(days=9), TODAY)
    assert reason is not None
    assert reason.text == "no workout logged in 9 days"
    assert inactivity_reason(due, TODAY - timedelta(days=6), TODAY) is None
    assert inactivity_reason(due, TODAY - timedelta(days=7), TODAY) is not None
    never = inactivity_reason(due, None, TODAY)
    assert never is not None and never.text == "no workout logged yet"
    # nothing was due (no program yet, or it starts later): nothing to report
    assert inactivity_reason(weeks(*[(0, 0, 0)] * 5), None, TODAY) is None


def test_phase_ending_soon_and_whether_the_next_one_is_planned() -> None:
    end = TODAY + timedelta(days=3)
    # the next phase is saved: nothing for the coach to do
    assert phase_reason("Strength", end, end + timedelta(days=1), TODAY) is None
    unplanned = phase_reason("Strength", end, None, TODAY)
    assert unplanned is not None
    assert unplanned.text == "phase 'Strength' ends in 3 days (next phase not planned)"
    assert phase_reason("Peak", TODAY, None, TODAY).text.startswith("phase 'Peak' ends today")  # type: ignore[union-attr]
    assert phase_reason("Peak", TODAY + timedelta(days=1), None, TODAY).text.startswith(  # type: ignore[union-attr]
        "phase 'Peak' ends tomorrow"
    )
    assert phase_reason("Peak", TODAY + timedelta(days=8), None, TODAY) is None
    # no phase today: fine if the next one is saved, else "no phase planned"
    assert phase_reason(None, None, TODAY + timedelta(days=2), TODAY) is None
    nothing = phase_reason(None, None, None, TODAY)
    assert nothing is not None and nothing.kind == ReasonKind.NO_PHASE


def test_reasons_combine_and_an_on_track_client_has_none() -> None:
    assert reasons(client(), TODAY) == []
    lapsed = client(
        weeks=weeks((4, 0, 0), (4, 0, 0), (4, 0, 0), (1, 0, 3), (0, 0, 3)),
        last_logged=TODAY - timedelta(days=9),
        phase_end=TODAY + timedelta(days=3),
        next_phase_start=None,
    )
    assert [r.text for r in reasons(lapsed, TODAY)] == [
        "no workout logged in 9 days",
        "compliance dropped from 100 % to 14 %",
        "phase 'Strength' ends in 3 days (next phase not planned)",
    ]


def test_needing_attention_sorts_most_reasons_first_and_skips_clients_on_track() -> None:
    on_track = client("Ann")
    one = client("Bea", phase_end=TODAY + timedelta(days=2), next_phase_start=None)
    two = client(
        "Cem",
        last_logged=TODAY - timedelta(days=12),
        weeks=weeks((4, 0, 0), (4, 0, 0), (4, 0, 0), (0, 0, 4), (0, 0, 3)),
    )
    flagged = needing_attention([on_track, one, two], TODAY)
    assert [item.client.name for item in flagged] == ["Cem", "Bea"]
    assert [r.kind for r in flagged[0].reasons] == [
        ReasonKind.INACTIVE,
        ReasonKind.COMPLIANCE_DROP,
    ]
