"""The open preview week's insights: each of the report's weekly checks as a coloured badge and a
sentence (core/validation/week_insights.py), text escaped, no HTML."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import streamlit as st

from core.validation.week_insights import Insight, Level
from ui.markdown import md_escape

BADGES: dict[Level, tuple[str, str]] = {
    "green": ("green", "On target"),
    "amber": ("orange", "Close"),
    "red": ("red", "Off target"),
}
"""Each level's badge colour and word (the word is there for readers who do not see colour)."""

HEADING = "**Week insights**"


def insight_markdown(insight: Insight) -> str:
    """':green-badge[On target] **Hard sets** · …': the badge, the check, the sentence."""
    color, word = BADGES[insight.level]
    return f":{color}-badge[{word}] **{md_escape(insight.check)}** · {md_escape(insight.sentence)}"


def show_week_insights(insights: list[Insight], transition: bool) -> None:
    """The week's checks, one line each (red ones also count as warnings; none blocks saving)."""
    with st.container(border=True):
        if not insights:
            st.markdown(HEADING)
            st.caption(
                "The transition week is not held to the weekly checks."
                if transition
                else "No lifting or timed session to check this week."
            )
            return
        st.markdown(insights_markdown(insights))


def insights_markdown(insights: list[Insight]) -> str:
    """The heading and every check's line (``insight_markdown``) as one markdown element."""
    return "\n\n".join([HEADING, *(insight_markdown(insight) for insight in insights)])


def without_insights(problems: Iterable[Any], insights: list[Insight]) -> list[Any]:
    """The week's problems less the red insights the validator also lists (shown above)."""
    sentences = {insight.sentence for insight in insights}
    return [problem for problem in problems if getattr(problem, "message", None) not in sentences]
