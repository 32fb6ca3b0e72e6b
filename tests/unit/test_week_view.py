"""The Workouts page's week: seven day columns of cards, and a saved session's prescription."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from core.read_models import WorkoutRecord
from core.schemas import Exercise, Units, WorkoutBlock, WorkoutStatus
from ui.blocks import block_markdown, stored_blocks
from ui.calendar_view import MISSED_LABEL
from ui.week_view import week_columns

MONDAY = date(2026, 11, 23)
TODAY = date(2026, 11, 25)


def record(day: date, title: str, **extra: Any) -> WorkoutRecord:
    values: dict[str, Any] = {
        "id": uuid.uuid4(),
        "microcycle_id": uuid.uuid4(),
        "date": day,
        "day_slot": 0,
        "session_type": "lift",
        "title": title,
        "blocks": [],
        "planned_minutes": 60,
        "target_rpe": 7.0,
        "notes": None,
        "status": WorkoutStatus.SCHEDULED,
        "completed_at": None,
        "session_rpe": None,
        "actual_minutes": None,
    }
    return WorkoutRecord(**(values | extra))


def test_seven_day_columns_hold_each_days_sessions_in_order() -> None:
    week = [
        record(date(2026, 11, 26), "Upper B"),
        record(MONDAY, "Lower A", status=WorkoutStatus.COMPLETED, actual_minutes=58),
        record(date(2026, 11, 24), "Upper A"),
        record(date(2026, 11, 26), "Run", day_slot=1, session_type="run", planned_minutes=30),
    ]
    columns = week_columns(week, MONDAY, TODAY)
    assert [c.heading for c in columns] == [
        "Mon 23",
        "Tue 24",
        "Wed 25 · today",
        "Thu 26",
        "Fri 27",
        "Sat 28",
        "Sun 29",
    ]
    assert [[card.title for card in c.cards] for c in columns] == [
        ["Lower A"],
        ["Upper A"],
        [],
        ["Upper B", "Run"],
        [],
        [],
        [],
    ]
    lower, upper = columns[0].cards[0], columns[1].cards[0]
    assert (lower.minutes, lower.status) == ("58 min done", "✓ completed")
    assert (upper.minutes, upper.status) == ("60 min", MISSED_LABEL)
    assert columns[3].cards[1].minutes == "30 min"


def test_a_saved_sessions_blocks_read_back_with_their_rationale() -> None:
    block = WorkoutBlock(
        label="Main",
        exercises=[
            Exercise(
                name="Back Squat", sets=4, reps=5, load_kg=120, rir=2, rationale="heavy day **x**"
            )
        ],
    )
    saved = record(MONDAY, "Lower A", blocks=[block.model_dump(mode="json")])
    [back] = stored_blocks(saved)
    assert back == block
    text = block_markdown(back, Units())
    assert text.startswith("**Main**")
    assert "Back Squat: 4x5 \\@ 120 kg, RIR 2" in text  # "@" escaped, shown as "@"
    assert "↳ heavy day \\*\\*x\\*\\*" in text


def test_a_reason_every_exercise_of_a_block_shares_is_written_once() -> None:
    warm_up = WorkoutBlock(
        label="Warm-up",
        exercises=[
            Exercise(name=name, sets=1, duration_minutes=2.5, rationale="mobility for the joints")
            for name in ("Wall Slide", "Inchworm", "Leg Swings")
        ],
    )
    text = block_markdown(warm_up, Units())
    assert text.count("mobility for the joints") == 1
    assert text.splitlines()[0] == "**Warm\\-up**  " and "↳ mobility" in text.splitlines()[1]
    assert "Inchworm" in text
    without = block_markdown(warm_up, Units(), reasons=False)
    assert "mobility" not in without and "Leg Swings" in without


def test_the_weeks_counts_read_as_one_line_and_a_day_as_one_markdown() -> None:
    from core.load.compliance import WeekCounts
    from ui.week_view import counts_markdown

    line = counts_markdown(WeekCounts(MONDAY, completed=3, skipped=0, missed=1, upcoming=2))
    assert line == (
        "**3** completed · **0** skipped · **1** missed · **2** upcoming · compliance **75%**"
    )
    assert counts_markdown(WeekCounts(MONDAY, upcoming=4)).endswith("compliance **—**")
    columns = week_columns([record(date(2026, 11, 24), "Upper A")], MONDAY, TODAY)
    assert columns[0].markdown == "**Mon 23**  \n:gray[—]"
    [card] = columns[1].cards
    assert columns[1].markdown == f"**Tue 24**\n\n{card.markdown}"
