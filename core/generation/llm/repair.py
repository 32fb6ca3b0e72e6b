"""Repairs: pinning validator problems on weeks and assembling the repair prompt that lists them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from openai.types.chat import ChatCompletionMessageParam

from core.generation.prompts import REPAIR_PROMPT_VERSION, render
from core.schemas import ClientProfile, MesocycleDetailed

MAX_PROBLEMS_IN_REPAIR = 30
MAX_PROBLEM_CHARS = 300


class ProblemLike(Protocol):
    """What ``core.validation.Problem`` offers: severity ("error"/"warning"), path, message.

    Read-only, so a frozen dataclass (and a narrower severity type) satisfies it.
    """

    @property
    def severity(self) -> str: ...
    @property
    def path(self) -> object: ...
    @property
    def message(self) -> str: ...


_MICROCYCLE_INDEX = re.compile(r"microcycles\W{0,4}(\d+)", re.IGNORECASE)
_WEEK_NUMBER = re.compile(r"\bweek\W{0,3}(\d+)", re.IGNORECASE)
_PLAN_LEVEL_PATH = re.compile(r"^mesocycle\b|weekly targets$|›\s*(split|targets)$", re.IGNORECASE)
"""core.validation paths of problems in the plan or block structure, which code (not the model)
owns: "mesocycle › weeks", "Strength › weekly targets", "week 2 › split", "week 2 › targets"."""


def attribute(
    problems: Sequence[ProblemLike], mesocycle: MesocycleDetailed
) -> tuple[dict[int, list[ProblemLike]], list[ProblemLike]]:
    """Pin each problem on a week by its path (``microcycles[2]…``) or text ("week 3"), if it can."""
    numbers = [micro.week_number for micro in mesocycle.microcycles]
    by_week: dict[int, list[ProblemLike]] = {}
    unattributed: list[ProblemLike] = []
    for problem in problems:
        week = _week_of(problem, numbers)
        if week is None:
            unattributed.append(problem)
        else:
            by_week.setdefault(week, []).append(problem)
    return by_week, unattributed


def _week_of(problem: ProblemLike, numbers: list[int]) -> int | None:
    path = _path_text(problem.path)
    match = _MICROCYCLE_INDEX.search(path)
    if match and int(match.group(1)) < len(numbers):
        return numbers[int(match.group(1))]
    for text in (path, problem.message):
        match = _WEEK_NUMBER.search(text)
        if match and int(match.group(1)) in numbers:
            return int(match.group(1))
    return None


def _path_text(path: object) -> str:
    if path is None:
        return ""
    if isinstance(path, list | tuple):
        return ".".join(str(part) for part in path)
    return str(path)


def is_plan_level(problem: ProblemLike) -> bool:
    return bool(_PLAN_LEVEL_PATH.search(_path_text(problem.path)))


def describe(problem: ProblemLike, profile: ClientProfile) -> str:
    """``path: message`` for the repair prompt, with the client's name left out (it is not sent)."""
    path = _path_text(problem.path)
    text = f"{path}: {problem.message}" if path else problem.message
    return text.replace(profile.name, "the client")


def short(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def append_repair(
    messages: list[ChatCompletionMessageParam],
    content: str | None,
    problems: Sequence[str],
    subject: str,
    attempt: int,
    max_attempts: int,
) -> None:
    """The previous answer (when there was one) and the repair prompt listing its problems."""
    if content:
        messages.append({"role": "assistant", "content": content})
    shown = [
        f"- {short(problem, MAX_PROBLEM_CHARS)}" for problem in problems[:MAX_PROBLEMS_IN_REPAIR]
    ]
    if len(problems) > MAX_PROBLEMS_IN_REPAIR:
        shown.append(f"- … and {len(problems) - MAX_PROBLEMS_IN_REPAIR} more")
    messages.append(
        {
            "role": "user",
            "content": render(
                REPAIR_PROMPT_VERSION,
                attempt=attempt,
                max_attempts=max_attempts,
                subject=subject,
                problems="\n".join(shown),
            ),
        }
    )
