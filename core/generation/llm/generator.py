"""The OpenAI drafter: outline and per-week breakdown calls, run concurrently, repaired, or replaced.

How a block is drafted, repaired and, week by week, replaced by the fallback engine, and which
failures raise instead: see the package docstring (``core.generation.llm``).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import date

import openai
from openai.types.chat import ChatCompletionMessageParam

from core.dates import DateRange, mesocycle_date_range, microcycle_date_ranges
from core.generation.base import OFFLINE_FALLBACK, OPENAI, MesocycleGenerator
from core.generation.errors import GenerationError
from core.generation.llm.calls import Answer, structured_call
from core.generation.llm.convert import (
    DraftProblems,
    draft_outline_to_program,
    draft_week_to_microcycle,
    outline_problems,
)
from core.generation.llm.drafts import DraftOutline, DraftWeek
from core.generation.llm.prompt_values import breakdown_values, outline_values, reference_text
from core.generation.llm.repair import (
    ProblemLike,
    append_repair,
    attribute,
    describe,
    is_plan_level,
)
from core.generation.llm.settings import DEFAULT_MAX_WORKERS, DEFAULT_MODEL, OpenAISettings
from core.generation.prompts import (
    BREAKDOWN_PROMPT_VERSION,
    OUTLINE_PROMPT_VERSION,
    SYSTEM_PROMPT,
    render,
)
from core.redaction import url_without_credentials
from core.schemas import (
    ClientProfile,
    FitnessProgram,
    MesocycleDetailed,
    MesocyclePlan,
    Microcycle,
    ProgramType,
)

log = logging.getLogger(__name__)

Validator = Callable[[MesocycleDetailed, ClientProfile, ProgramType, date], Sequence[ProblemLike]]


@dataclass
class _WeekJob:
    week_number: int
    dates: DateRange
    deload: bool
    messages: list[ChatCompletionMessageParam]
    repairs_left: int
    attempts: int = 0
    microcycle: Microcycle | None = None
    last_content: str | None = None
    profile: ClientProfile | None = None
    """Whose loads the draft's are rounded for (their unit and steps)."""


@dataclass(frozen=True)
class _Fallback:
    """The fallback generator's weeks of the phase (or why it produced none)."""

    phase: str
    weeks: dict[int, Microcycle]
    error: Exception | None = None

    def week(self, number: int) -> Microcycle:
        if number not in self.weeks:
            raise GenerationError(
                f"The offline engine produced no week {number} for phase '{self.phase}'."
            ) from self.error
        return self.weeks[number].model_copy(update={"generated_by": OFFLINE_FALLBACK})


def _assemble(
    plan: MesocyclePlan, start_date: date, jobs: dict[int, _WeekJob], fallback: _Fallback
) -> MesocycleDetailed:
    """The block from its drafted weeks, the fallback's week where a draft is missing."""
    span = mesocycle_date_range(start_date, plan.weeks)
    return MesocycleDetailed(
        id=plan.id,
        phase=plan.phase,
        weeks=plan.weeks,
        weekly_targets=plan.weekly_targets,
        start_date=span.start_date,
        end_date=span.end_date,
        microcycles=[
            job.microcycle if job.microcycle is not None else fallback.week(number)
            for number, job in jobs.items()
        ],
    )


class OpenAIGenerator:
    """``MesocycleGenerator`` backed by an OpenAI-compatible chat-completions API."""

    name = OPENAI

    def __init__(
        self,
        client: openai.OpenAI,
        *,
        model: str = DEFAULT_MODEL,
        fallback: MesocycleGenerator,
        validate: Validator | None = None,
        max_repairs: int = 2,
        max_workers: int = DEFAULT_MAX_WORKERS,
    ) -> None:
        if max_repairs < 0:
            raise ValueError("max_repairs must be 0 or more")
        if max_workers < 1:
            raise ValueError("max_workers must be at least 1")
        self.client = client
        self.model = model
        self.fallback = fallback
        self._validate = validate
        self.max_repairs = max_repairs
        self.max_workers = max_workers

    @classmethod
    def from_settings(
        cls,
        settings: OpenAISettings,
        *,
        fallback: MesocycleGenerator,
        validate: Validator | None = None,
        max_repairs: int = 2,
        max_workers: int = DEFAULT_MAX_WORKERS,
    ) -> OpenAIGenerator:
        """Build the SDK client from settings (timeout and retries explicit, never the defaults)."""
        client = openai.OpenAI(
            api_key=settings.api_key,
            base_url=settings.base_url,
            timeout=settings.timeout,
            max_retries=settings.max_retries,
        )
        return cls(
            client,
            model=settings.model,
            fallback=fallback,
            validate=validate,
            max_repairs=max_repairs,
            max_workers=max_workers,
        )

    def __repr__(self) -> str:
        base_url = url_without_credentials(str(self.client.base_url))
        return f"OpenAIGenerator(model={self.model!r}, base_url={base_url!r})"

    # -- outline --

    def outline(self, profile: ClientProfile, weeks: int, start_date: date) -> FitnessProgram:
        """A program outline; after ``max_repairs`` failed repairs, the fallback's outline."""
        messages: list[ChatCompletionMessageParam] = [
            {"role": "system", "content": SYSTEM_PROMPT},
            {
                "role": "user",
                "content": render(
                    OUTLINE_PROMPT_VERSION, **outline_values(profile, weeks, start_date)
                ),
            },
        ]
        attempts = 1 + self.max_repairs
        for attempt in range(1, attempts + 1):
            answer = structured_call(
                self.client, self.model, messages, DraftOutline, subject="outline", attempt=attempt
            )
            problems = answer.problems
            if isinstance(answer.parsed, DraftOutline):
                try:
                    program = draft_outline_to_program(answer.parsed)
                    problems = outline_problems(program, weeks, profile)
                except DraftProblems as error:
                    problems = error.problems
                if not problems:
                    return program
            self._log_failure("outline", OUTLINE_PROMPT_VERSION, attempt, answer, problems)
            if attempt < attempts:
                append_repair(
                    messages, answer.content, problems, "the program outline", attempt + 1, attempts
                )
        log.warning(
            "openai outline unusable after %d attempts (model=%s prompt=%s); using the fallback",
            attempts,
            self.model,
            OUTLINE_PROMPT_VERSION,
        )
        program = self.fallback.outline(profile, weeks, start_date)
        note = "(Drafted by the offline engine: the AI outline failed validation.) "
        return program.model_copy(update={"overview": (note + program.overview)[:4000]})

    # -- breakdown --

    def breakdown(
        self,
        plan: MesocyclePlan,
        profile: ClientProfile,
        program_type: ProgramType,
        start_date: date,
        training_maxes: Mapping[str, float] | None = None,
    ) -> MesocycleDetailed:
        """The plan's weeks, drafted per week; weeks that stay invalid come from the fallback.

        Steps: the fallback's own breakdown (its week 1 is every week's reference, and its weeks
        replace the ones that stay invalid); one drafting call per week, all at once; then rounds
        of validating the assembled block and re-asking only the weeks its errors point at, until
        it is clean or the weeks' repair budgets are spent.
        """
        fallback = self._fallback(plan, profile, program_type, start_date, training_maxes)
        jobs = self._week_jobs(plan, profile, program_type, start_date, fallback, training_maxes)
        self._run_weeks(list(jobs.values()))
        mesocycle = _assemble(plan, start_date, jobs, fallback)
        # Each round repairs or drops every week it blames; a week is blamed at most
        # 1 + max_repairs times, so this many rounds always reach a block with no week to repair.
        for _ in range(len(jobs) * (1 + self.max_repairs)):
            bad = self._weeks_to_repair(mesocycle, jobs, profile, program_type, start_date)
            if not bad:
                break
            self._run_weeks(self._prepare_repairs(bad, jobs, profile))
            mesocycle = _assemble(plan, start_date, jobs, fallback)
        fallen = [number for number, job in jobs.items() if job.microcycle is None]
        if fallen:
            log.warning(
                "openai breakdown of phase %r: weeks %s replaced by the offline engine "
                "(model=%s prompt=%s)",
                plan.phase,
                fallen,
                self.model,
                BREAKDOWN_PROMPT_VERSION,
            )
        return mesocycle

    def _fallback(
        self,
        plan: MesocyclePlan,
        profile: ClientProfile,
        program_type: ProgramType,
        start: date,
        training_maxes: Mapping[str, float] | None = None,
    ) -> _Fallback:
        try:
            offline = self.fallback.breakdown(plan, profile, program_type, start, training_maxes)
        except (GenerationError, ValueError) as error:
            # The drafted weeks need no fallback; only a week that stays invalid does.
            log.warning(
                "offline breakdown of phase %r failed (%s); drafting without a reference",
                plan.phase,
                type(error).__name__,
            )
            return _Fallback(plan.phase, {}, error)
        return _Fallback(plan.phase, {micro.week_number: micro for micro in offline.microcycles})

    def _week_jobs(
        self,
        plan: MesocyclePlan,
        profile: ClientProfile,
        program_type: ProgramType,
        start_date: date,
        fallback: _Fallback,
        training_maxes: Mapping[str, float] | None = None,
    ) -> dict[int, _WeekJob]:
        """One drafting conversation per week of the plan (transition week 0 included), told the
        phase's training maxes."""
        reference = reference_text(fallback.weeks.get(1))
        jobs: dict[int, _WeekJob] = {}
        for number, dates in microcycle_date_ranges(start_date, plan.weeks).items():
            deload = number >= 1 and plan.weekly_targets[number - 1].deload
            values = breakdown_values(
                plan, profile, program_type, number, dates, reference, training_maxes
            )
            messages: list[ChatCompletionMessageParam] = [
                {"role": "system", "content": SYSTEM_PROMPT},
                {"role": "user", "content": render(BREAKDOWN_PROMPT_VERSION, **values)},
            ]
            jobs[number] = _WeekJob(
                number, dates, deload, messages, self.max_repairs, profile=profile
            )
        return jobs

    def _weeks_to_repair(
        self,
        mesocycle: MesocycleDetailed,
        jobs: dict[int, _WeekJob],
        profile: ClientProfile,
        program_type: ProgramType,
        start_date: date,
    ) -> dict[int, list[ProblemLike]]:
        """The drafted weeks the validator's errors point at, with those errors."""
        # Only errors the week content can fix go back to the model; a plan-level error
        # (a split with more days than the client has) is the plan's, not the draft's.
        errors = [
            problem
            for problem in self._validator()(mesocycle, profile, program_type, start_date)
            if problem.severity == "error" and not is_plan_level(problem)
        ]
        if not errors:
            return {}
        drafted = [number for number, job in jobs.items() if job.microcycle is not None]
        by_week, unattributed = attribute(errors, mesocycle)
        bad = {number: list(by_week[number]) for number in drafted if number in by_week}
        if unattributed:
            # A block-level problem (progression, deload) cannot be pinned on one week: every
            # drafted week hears about it; if it persists they all end up as fallback weeks.
            for number in drafted:
                bad.setdefault(number, []).extend(unattributed)
        return bad

    def _prepare_repairs(
        self, bad: dict[int, list[ProblemLike]], jobs: dict[int, _WeekJob], profile: ClientProfile
    ) -> list[_WeekJob]:
        """Each blamed week is re-asked with its problems, or, out of repairs, left to the fallback."""
        to_repair: list[_WeekJob] = []
        for number, problems in bad.items():
            job = jobs[number]
            lines = [describe(problem, profile) for problem in problems]
            self._log_failure(f"week {number}", BREAKDOWN_PROMPT_VERSION, job.attempts, None, lines)
            job.microcycle = None
            if job.repairs_left == 0:
                continue
            job.repairs_left -= 1
            append_repair(
                job.messages,
                job.last_content,
                lines,
                f"week {number}",
                job.attempts + 1,
                1 + self.max_repairs,
            )
            to_repair.append(job)
        return to_repair

    # -- internals --

    def _validator(self) -> Validator:
        if self._validate is None:
            # Imported late: the validator module depends on more of core than this one does.
            from core.validation import validate_mesocycle

            self._validate = validate_mesocycle
        return self._validate

    def _run_weeks(self, jobs: list[_WeekJob]) -> None:
        """One call per week, at most ``max_workers`` at a time; the first raised error wins.

        After that error, weeks not yet started are cancelled and weeks in flight make no
        further call; it is raised once they have returned."""
        if len(jobs) <= 1 or self.max_workers == 1:
            for job in jobs:
                self._run_week(job)
            return
        stop = threading.Event()
        executor = ThreadPoolExecutor(
            max_workers=min(self.max_workers, len(jobs)), thread_name_prefix="openai-week"
        )
        try:
            futures = [executor.submit(self._run_week, job, stop) for job in jobs]
            for future in as_completed(futures):
                future.result()
        finally:
            stop.set()
            executor.shutdown(wait=True, cancel_futures=True)

    def _run_week(self, job: _WeekJob, stop: threading.Event | None = None) -> None:
        """Ask (and re-ask, within the week's repair budget) until the week parses and converts.

        Returns early, without a call, once ``stop`` is set (another week raised)."""
        subject = f"week {job.week_number}"
        while True:
            if stop is not None and stop.is_set():
                return
            job.attempts += 1
            try:
                answer = structured_call(
                    self.client,
                    self.model,
                    job.messages,
                    DraftWeek,
                    subject=subject,
                    attempt=job.attempts,
                )
            except BaseException:
                if stop is not None:
                    stop.set()  # before this thread can pick up another week
                raise
            job.last_content = answer.content
            problems = answer.problems
            if isinstance(answer.parsed, DraftWeek):
                try:
                    job.microcycle = draft_week_to_microcycle(
                        answer.parsed, job.week_number, job.dates, job.deload, job.profile
                    )
                    return
                except DraftProblems as error:
                    problems = error.problems
            self._log_failure(subject, BREAKDOWN_PROMPT_VERSION, job.attempts, answer, problems)
            job.microcycle = None
            if job.repairs_left == 0:
                return
            job.repairs_left -= 1
            append_repair(
                job.messages,
                answer.content,
                problems,
                subject,
                job.attempts + 1,
                1 + self.max_repairs,
            )

    def _log_failure(
        self,
        subject: str,
        prompt_version: str,
        attempt: int,
        answer: Answer | None,
        problems: Sequence[str],
    ) -> None:
        log.warning(
            "openai %s failed: model=%s prompt=%s attempt=%d/%d finish_reason=%s problems=%s",
            subject,
            self.model,
            prompt_version,
            attempt,
            1 + self.max_repairs,
            answer.finish_reason if answer else None,
            list(problems),
        )
