"""The OpenAI drafter: structured-output calls, code-assigned dates, validation, repair and fallback.

How a mesocycle is drafted (DOMAIN.md §6):

1. The fallback engine's own breakdown of the plan is computed first (deterministic and cheap: no
   call). Its week 1 is the reference every week's prompt carries: the block's main lifts and
   session structure, so every week keeps the same main lifts (constant within a mesocycle) and the
   block stays measurable even though weeks are separate calls. The same breakdown supplies the
   replacement for any week that stays invalid.
2. All weeks (the transition week 0 when there is one, then 1..N) are asked for at once, one call
   per week, in a bounded thread pool (``max_workers``, default 8, enough for a whole block): a
   6-week block costs about one round trip of latency, and a bad week can be repaired or replaced
   on its own.
3. Each answer is a content-only draft (``DraftWeek``): no ids, no dates, a weekday per session. Code
   turns it into a ``Microcycle`` with dates from ``core.dates``.
4. An answer that does not parse (invalid JSON, schema mismatch, cut off at the token limit) is sent
   back with a repair prompt; then the assembled mesocycle is validated and every week with errors
   gets its problems back as a repair prompt. Each week has ``max_repairs`` repairs in all.
5. Weeks still failing are replaced by the fallback engine's week (``generated_by`` =
   OFFLINE_FALLBACK); if no week survives, the whole block is the fallback's.

Refusals, the content filter, a rejected key, timeouts and an unreachable service raise a
``GenerationError`` instead: falling back silently there would hide something the coach must know.
The first such error stops the block: weeks not yet started are cancelled, weeks in flight make no
further calls (no repairs), and the error is raised once they return.
Nothing here logs the API key or request headers: failures are logged with the model, the prompt
version, the attempt, the finish reason and the problem list only.
"""

from __future__ import annotations

import logging
import re
import threading
import uuid
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal, Protocol, TypeVar

import openai
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from core.dates import (
    WEEKDAY_NAMES,
    DateRange,
    day_in_week,
    mesocycle_date_range,
    microcycle_date_ranges,
)
from core.generation.base import OFFLINE_FALLBACK, OPENAI, MesocycleGenerator
from core.generation.errors import (
    AuthenticationFailedError,
    ContentFilteredError,
    GenerationError,
    RefusalError,
    ServiceRequestError,
    ServiceTimeoutError,
    ServiceUnavailableError,
)
from core.generation.prompts import (
    BREAKDOWN_PROMPT_VERSION,
    OUTLINE_PROMPT_VERSION,
    REPAIR_PROMPT_VERSION,
    SYSTEM_PROMPT,
    render,
)
from core.schemas import (
    ClientProfile,
    Experience,
    FiniteFloat,
    FitnessProgram,
    MesocycleDetailed,
    MesocyclePlan,
    Microcycle,
    ProgramType,
    WeeklyTarget,
    WorkoutInstance,
    describe_validation_error,
)

log = logging.getLogger(__name__)

DEFAULT_MODEL = "gpt-4o-mini"
DEFAULT_TIMEOUT_SECONDS = 60.0
DEFAULT_MAX_RETRIES = 2
LOCAL_SERVER_PLACEHOLDER_KEY = "not-needed"
"""Local OpenAI-compatible servers (Ollama, vLLM, LM Studio) ignore the key but the SDK wants one."""

DEFAULT_MAX_WORKERS = 8
"""Concurrent week calls: a whole block (up to 6 weeks plus a transition week) in one wave."""

MAX_PROBLEMS_IN_REPAIR = 30
MAX_PROBLEM_CHARS = 300


# --- settings ---------------------------------------------------------------------------------


@dataclass(frozen=True, repr=False)
class OpenAISettings:
    """Connection settings; ``repr`` and ``str`` never show the key."""

    api_key: str
    base_url: str | None = None
    model: str = DEFAULT_MODEL
    timeout: float = DEFAULT_TIMEOUT_SECONDS
    max_retries: int = DEFAULT_MAX_RETRIES
    """Retries the SDK itself makes on 408/409/429/5xx, timeouts and connection errors."""

    def __repr__(self) -> str:
        return (
            f"OpenAISettings(api_key='***', base_url={self.base_url!r}, model={self.model!r}, "
            f"timeout={self.timeout!r}, max_retries={self.max_retries!r})"
        )

    __str__ = __repr__


def openai_settings_from_env(environ: Mapping[str, str]) -> OpenAISettings | None:
    """Settings from OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_MODEL, OPENAI_TIMEOUT, OPENAI_MAX_RETRIES.

    None when neither a key nor a base URL is set (the drafter is then unavailable). A base URL
    without a key is a local server; it gets a placeholder key.
    """
    api_key = environ.get("OPENAI_API_KEY", "").strip()
    base_url = environ.get("OPENAI_BASE_URL", "").strip() or None
    if not api_key and not base_url:
        return None
    return OpenAISettings(
        api_key=api_key or LOCAL_SERVER_PLACEHOLDER_KEY,
        base_url=base_url,
        model=environ.get("OPENAI_MODEL", "").strip() or DEFAULT_MODEL,
        timeout=_positive_number(environ, "OPENAI_TIMEOUT", DEFAULT_TIMEOUT_SECONDS),
        max_retries=int(_positive_number(environ, "OPENAI_MAX_RETRIES", DEFAULT_MAX_RETRIES, 0)),
    )


def _positive_number(
    environ: Mapping[str, str], name: str, default: float, minimum: float = 0.001
) -> float:
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"{name} must be a number, got {raw!r}") from None
    if not value >= minimum or value != value:
        raise ValueError(f"{name} must be at least {minimum:g}, got {raw!r}")
    return value


# --- content-only drafts (strict structured-output schemas) -------------------------------------
# Strict mode: every field required (optional = ``T | None``), no defaults, no extra keys. No ids
# and no dates: code assigns both.

Weekday = Literal["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


class _Draft(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DraftKeyValue(_Draft):
    key: str
    value: FiniteFloat | str


class DraftExercise(_Draft):
    name: str
    sets: int
    reps: int | None = Field(description="reps, or the low end of a rep range")
    reps_max: int | None = Field(description="top of the rep range, or null")
    load_kg: float | None
    pct_one_rm: float | None
    rpe: float | None
    rir: float | None
    rest_seconds: int | None
    duration_minutes: float | None
    distance_km: float | None
    notes: str | None
    rationale: str | None = Field(description="one short sentence: why this exercise and dose")


class DraftBlock(_Draft):
    label: str
    exercises: list[DraftExercise]


class DraftWorkout(_Draft):
    weekday: Weekday
    session_type: Literal["run", "lift", "metcon", "mobility", "rest", "other"]
    title: str
    blocks: list[DraftBlock]
    targets: list[DraftKeyValue]
    planned_minutes: int | None
    target_rpe: float | None
    notes: str | None


class DraftWeek(_Draft):
    week_number: int
    metrics: list[DraftKeyValue]
    workouts: list[DraftWorkout]


class DraftWeeklyTarget(_Draft):
    week_offset: int
    split: str = Field(description="seven Mon–Sun day labels joined by '-', 'Rest' for rest days")
    total_mileage: float | None
    long_run_mileage: float | None
    avg_intensity_pct_1rm: float | None
    total_sets_main_lifts: int | None
    deload: bool


class DraftPhase(_Draft):
    phase: str
    weeks: int
    weekly_targets: list[DraftWeeklyTarget]


class DraftMacrocycle(_Draft):
    name: str
    length_weeks: int
    mesocycles: list[DraftPhase]


class DraftOutline(_Draft):
    program_type: Literal["endurance", "strength", "shred", "hybrid", "rehab", "other"]
    overview: str
    macrocycles: list[DraftMacrocycle]


# --- drafts → domain ---------------------------------------------------------------------------


class DraftProblems(Exception):
    """A draft that parsed but cannot become a domain object; ``problems`` go to the repair prompt."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def draft_week_to_microcycle(
    draft: DraftWeek, week_number: int, dates: DateRange, deload: bool
) -> Microcycle:
    """Dates each session from its weekday; raises ``DraftProblems`` with readable paths."""
    problems: list[str] = []
    workouts: list[WorkoutInstance] = []
    for index, workout in enumerate(draft.workouts):
        where = f"session {index + 1} ('{_short(workout.title, 60)}', {workout.weekday})"
        day = day_in_week(dates, WEEKDAY_NAMES.index(workout.weekday))
        if not dates.start_date <= day <= dates.end_date:
            first = WEEKDAY_NAMES[dates.start_date.weekday()]
            problems.append(
                f"{where}: {workout.weekday} is not part of this week, which runs {first}–Sun; "
                "use one of the listed training days"
            )
            continue
        data = workout.model_dump(exclude={"weekday"})
        data["date"] = day
        try:
            workouts.append(WorkoutInstance.model_validate(data))
        except ValidationError as error:
            problems.extend(f"{where} › {line}" for line in describe_validation_error(error))
    if problems:
        raise DraftProblems(problems)
    workouts.sort(key=lambda item: item.date)
    try:
        return Microcycle(
            week_number=week_number,
            start_date=dates.start_date,
            end_date=dates.end_date,
            deload=deload,
            generated_by=OPENAI,
            metrics=[item.model_dump() for item in draft.metrics],
            workouts=workouts,
        )
    except ValidationError as error:
        raise DraftProblems(
            [f"week {week_number} › {line}" for line in describe_validation_error(error)]
        ) from None


def draft_outline_to_program(draft: DraftOutline) -> FitnessProgram:
    """Macrocycle ids are assigned here (labels, never keys); raises ``DraftProblems``."""
    data = draft.model_dump()
    for macrocycle in data["macrocycles"]:
        macrocycle["id"] = str(uuid.uuid4())
    try:
        return FitnessProgram.model_validate(data)
    except ValidationError as error:
        raise DraftProblems(describe_validation_error(error)) from None


def outline_problems(program: FitnessProgram, weeks: int, profile: ClientProfile) -> list[str]:
    """What a parsed outline must also satisfy: the requested length and the client's days."""
    problems: list[str] = []
    total = sum(macrocycle.length_weeks for macrocycle in program.macrocycles)
    if total != weeks:
        problems.append(f"the macrocycles add up to {total} weeks; the program must be {weeks}")
    for macrocycle in program.macrocycles:
        for plan in macrocycle.mesocycles:
            for target in plan.weekly_targets:
                where = f"'{macrocycle.name}' › '{plan.phase}' › week {target.week_offset + 1}"
                days = target.split_days
                if len(days) != 7:
                    problems.append(
                        f"{where}: the split '{target.split}' has {len(days)} days; give 7 "
                        "(Monday to Sunday, 'Rest' for rest days)"
                    )
                training = sum(1 for day in days if not _is_rest(day))
                if training > profile.days_per_week:
                    problems.append(
                        f"{where}: {training} training days, but the client has only "
                        f"{profile.days_per_week} a week"
                    )
    return problems


# --- the generator ------------------------------------------------------------------------------


class ProblemLike(Protocol):
    """What ``core.validation.Problem`` offers: severity ("error"/"warning"), path, message."""

    severity: str
    path: Any
    message: str


Validator = Callable[[MesocycleDetailed, ClientProfile, ProgramType, date], Sequence[ProblemLike]]
DraftT = TypeVar("DraftT", bound=BaseModel)


@dataclass
class _Answer:
    parsed: BaseModel | None
    content: str | None
    finish_reason: str | None
    problems: list[str] = field(default_factory=list)


@dataclass
class _WeekJob:
    week_number: int
    dates: DateRange
    deload: bool
    messages: list[dict[str, str]]
    repairs_left: int
    attempts: int = 0
    microcycle: Microcycle | None = None
    last_content: str | None = None


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
        return f"OpenAIGenerator(model={self.model!r}, base_url={str(self.client.base_url)!r})"

    # -- outline --

    def outline(self, profile: ClientProfile, weeks: int, start_date: date) -> FitnessProgram:
        """A program outline; after ``max_repairs`` failed repairs, the fallback's outline."""
        messages = [
            {"role": "system", "content": SYSTEM_PROMPT},
            {
                "role": "user",
                "content": render(
                    OUTLINE_PROMPT_VERSION, **_outline_values(profile, weeks, start_date)
                ),
            },
        ]
        attempts = 1 + self.max_repairs
        for attempt in range(1, attempts + 1):
            answer = self._call(messages, DraftOutline, subject="outline", attempt=attempt)
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
                _append_repair(
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
    ) -> MesocycleDetailed:
        """The plan's weeks, drafted per week; weeks that stay invalid come from the fallback."""
        # The fallback's breakdown first: its week 1 is every week's reference (the block's main
        # lifts) and its weeks replace the ones that stay invalid.
        fallback_weeks: dict[int, Microcycle] = {}
        fallback_error: Exception | None = None
        try:
            offline = self.fallback.breakdown(plan, profile, program_type, start_date)
            fallback_weeks.update({micro.week_number: micro for micro in offline.microcycles})
        except (GenerationError, ValueError) as error:
            # The drafted weeks need no fallback; only a week that stays invalid does.
            fallback_error = error
            log.warning(
                "offline breakdown of phase %r failed (%s); drafting without a reference",
                plan.phase,
                type(error).__name__,
            )
        reference = _reference_text(fallback_weeks.get(1))

        ranges = microcycle_date_ranges(start_date, plan.weeks)
        jobs: dict[int, _WeekJob] = {}
        for number, dates in ranges.items():
            deload = number >= 1 and plan.weekly_targets[number - 1].deload
            values = _breakdown_values(plan, profile, program_type, number, dates, reference)
            messages = [
                {"role": "system", "content": SYSTEM_PROMPT},
                {"role": "user", "content": render(BREAKDOWN_PROMPT_VERSION, **values)},
            ]
            jobs[number] = _WeekJob(number, dates, deload, messages, self.max_repairs)
        self._run_weeks(list(jobs.values()))

        def fallback_week(number: int) -> Microcycle:
            if number not in fallback_weeks:
                raise GenerationError(
                    f"The offline engine produced no week {number} for phase '{plan.phase}'."
                ) from fallback_error
            return fallback_weeks[number].model_copy(update={"generated_by": OFFLINE_FALLBACK})

        def assemble() -> MesocycleDetailed:
            microcycles = [
                job.microcycle if job.microcycle is not None else fallback_week(number)
                for number, job in jobs.items()
            ]
            span = mesocycle_date_range(start_date, plan.weeks)
            return MesocycleDetailed(
                id=plan.id,
                phase=plan.phase,
                weeks=plan.weeks,
                weekly_targets=plan.weekly_targets,
                start_date=span.start_date,
                end_date=span.end_date,
                microcycles=microcycles,
            )

        while True:
            mesocycle = assemble()
            # Only errors the week content can fix go back to the model; a plan-level error
            # (a split with more days than the client has) is the plan's, not the draft's.
            errors = [
                problem
                for problem in self._validator()(mesocycle, profile, program_type, start_date)
                if problem.severity == "error" and not _is_plan_level(problem)
            ]
            if not errors:
                break
            drafted = [number for number, job in jobs.items() if job.microcycle is not None]
            by_week, unattributed = _attribute(errors, mesocycle)
            bad = {number: by_week[number] for number in drafted if number in by_week}
            if unattributed:
                # A block-level problem (progression, deload) cannot be pinned on one week: every
                # drafted week hears about it; if it persists they all end up as fallback weeks.
                for number in drafted:
                    bad.setdefault(number, []).extend(unattributed)
            if not bad:
                break  # what remains is in the fallback's own weeks
            to_repair: list[_WeekJob] = []
            for number, problems in bad.items():
                job = jobs[number]
                lines = [_describe(problem, profile) for problem in problems]
                self._log_failure(
                    f"week {number}", BREAKDOWN_PROMPT_VERSION, job.attempts, None, lines
                )
                if job.repairs_left == 0:
                    job.microcycle = None
                    continue
                job.repairs_left -= 1
                _append_repair(
                    job.messages,
                    job.last_content,
                    lines,
                    f"week {number}",
                    job.attempts + 1,
                    1 + self.max_repairs,
                )
                job.microcycle = None
                to_repair.append(job)
            self._run_weeks(to_repair)

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
                answer = self._call(job.messages, DraftWeek, subject=subject, attempt=job.attempts)
            except BaseException:
                if stop is not None:
                    stop.set()  # before this thread can pick up another week
                raise
            job.last_content = answer.content
            problems = answer.problems
            if isinstance(answer.parsed, DraftWeek):
                try:
                    job.microcycle = draft_week_to_microcycle(
                        answer.parsed, job.week_number, job.dates, job.deload
                    )
                    return
                except DraftProblems as error:
                    problems = error.problems
            self._log_failure(subject, BREAKDOWN_PROMPT_VERSION, job.attempts, answer, problems)
            job.microcycle = None
            if job.repairs_left == 0:
                return
            job.repairs_left -= 1
            _append_repair(
                job.messages,
                answer.content,
                problems,
                subject,
                job.attempts + 1,
                1 + self.max_repairs,
            )

    def _call(
        self,
        messages: list[dict[str, str]],
        response_format: type[DraftT],
        *,
        subject: str,
        attempt: int,
    ) -> _Answer:
        """One structured-output call. Content problems come back as ``problems``; service
        problems (refusal, filter, auth, timeout, unreachable) raise a ``GenerationError``."""
        context = (subject, attempt)
        try:
            completion = self.client.chat.completions.parse(
                model=self.model,
                messages=messages,  # type: ignore[arg-type]
                response_format=response_format,
            )
        except openai.LengthFinishReasonError as error:
            content = (
                error.completion.choices[0].message.content if error.completion.choices else None
            )
            return _Answer(
                None,
                None if content is None else content[:2000],
                "length",
                [
                    "your answer was cut off at the token limit; answer again more concisely "
                    "(shorter notes and rationales, no repetition)"
                ],
            )
        except openai.ContentFilterFinishReasonError:
            self._log_service_failure(context, "content_filter")
            raise ContentFilteredError() from None
        except ValidationError as error:
            # Raised by the SDK's parser: invalid JSON, or JSON that does not match the schema.
            return _Answer(
                None,
                None,
                None,
                ["the answer was not valid JSON for the schema:"]
                + [line[:MAX_PROBLEM_CHARS] for line in describe_validation_error(error)],
            )
        except openai.APITimeoutError as error:
            self._log_service_failure(context, "timeout")
            raise ServiceTimeoutError(self._timeout_seconds()) from error
        except openai.APIConnectionError as error:
            self._log_service_failure(context, "connection error")
            raise ServiceUnavailableError(f"could not connect to {self.client.base_url}") from error
        except (openai.AuthenticationError, openai.PermissionDeniedError) as error:
            self._log_service_failure(context, f"HTTP {error.status_code}")
            raise AuthenticationFailedError(error.status_code) from error
        except openai.APIStatusError as error:
            self._log_service_failure(context, f"HTTP {error.status_code}")
            retries = self.client.max_retries
            if error.status_code == 429:
                raise ServiceUnavailableError(
                    f"rate limited, HTTP 429, after {retries} retries", 429
                ) from error
            if error.status_code >= 500 or error.status_code in (408, 409):
                raise ServiceUnavailableError(
                    f"HTTP {error.status_code} after {retries} retries", error.status_code
                ) from error
            raise ServiceRequestError(error.status_code, _short(error.message)) from error

        if not completion.choices:
            return _Answer(
                None, None, None, ["the answer had no choices; answer with the JSON object"]
            )
        choice = completion.choices[0]
        message = choice.message
        if message.refusal:
            self._log_service_failure(context, f"refusal: {_short(message.refusal)}")
            raise RefusalError(message.refusal)
        if message.parsed is None:
            return _Answer(
                None,
                message.content,
                choice.finish_reason,
                ["the answer was empty; answer with the complete JSON object"],
            )
        return _Answer(message.parsed, message.content, choice.finish_reason)

    def _timeout_seconds(self) -> float | None:
        timeout = self.client.timeout
        if isinstance(timeout, int | float):
            return float(timeout)
        return getattr(timeout, "read", None)

    def _log_failure(
        self,
        subject: str,
        prompt_version: str,
        attempt: int,
        answer: _Answer | None,
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

    def _log_service_failure(self, context: tuple[str, int], reason: str) -> None:
        subject, attempt = context
        log.warning(
            "openai %s failed: model=%s attempt=%d reason=%s",
            subject,
            self.model,
            attempt,
            reason,
        )


# --- helpers ------------------------------------------------------------------------------------

_MICROCYCLE_INDEX = re.compile(r"microcycles\W{0,4}(\d+)", re.IGNORECASE)
_WEEK_NUMBER = re.compile(r"\bweek\W{0,3}(\d+)", re.IGNORECASE)
_PLAN_LEVEL_PATH = re.compile(r"^mesocycle\b|weekly targets$|›\s*(split|targets)$", re.IGNORECASE)
"""core.validation paths of problems in the plan or block structure, which code (not the model)
owns: "mesocycle › weeks", "Strength › weekly targets", "week 2 › split", "week 2 › targets"."""


def _attribute(
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


def _path_text(path: Any) -> str:
    if path is None:
        return ""
    if isinstance(path, list | tuple):
        return ".".join(str(part) for part in path)
    return str(path)


def _is_plan_level(problem: ProblemLike) -> bool:
    return bool(_PLAN_LEVEL_PATH.search(_path_text(problem.path)))


def _describe(problem: ProblemLike, profile: ClientProfile) -> str:
    """``path: message`` for the repair prompt, with the client's name left out (it is not sent)."""
    path = _path_text(problem.path)
    text = f"{path}: {problem.message}" if path else problem.message
    return text.replace(profile.name, "the client")


def _short(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _append_repair(
    messages: list[dict[str, str]],
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
        f"- {_short(problem, MAX_PROBLEM_CHARS)}" for problem in problems[:MAX_PROBLEMS_IN_REPAIR]
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


_SETS_PER_MUSCLE = {
    Experience.BEGINNER: "8–10 hard sets",
    Experience.INTERMEDIATE: "10–16 hard sets",
    Experience.ADVANCED: "12–20 hard sets",
}
_REST_LABELS = {"rest", "off", "rest day", "recovery", ""}


def _is_rest(label: str) -> bool:
    return label.strip().lower() in _REST_LABELS


def _profile_text(profile: ClientProfile) -> str:
    # The client's name is left out on purpose: the model does not need it.
    maxes = (
        ", ".join(f"{lift} {kg:g} kg" for lift, kg in profile.one_rep_maxes.items()) or "none known"
    )
    lines = [
        f"- Goal: {profile.goal.value}",
        f"- Experience: {profile.experience.value}",
        f"- Available days a week: {profile.days_per_week}",
        f"- Minutes per session: {profile.minutes_per_session}",
        f"- Equipment: {_equipment(profile)}",
        f"- Injured areas (do not load): {_injuries(profile)}",
        f"- 1RMs: {maxes}",
    ]
    if profile.bodyweight_kg is not None:
        lines.append(f"- Bodyweight: {profile.bodyweight_kg:g} kg")
    return "\n".join(lines)


def _equipment(profile: ClientProfile) -> str:
    items = [item.value for item in profile.equipment if item.value != "none"]
    return ", ".join(items) if items else "none (bodyweight only)"


def _injuries(profile: ClientProfile) -> str:
    return ", ".join(area.value for area in profile.injuries) or "none"


def _common_values(profile: ClientProfile) -> dict[str, object]:
    return {
        "profile": _profile_text(profile),
        "experience": profile.experience.value,
        "sets_per_muscle": _SETS_PER_MUSCLE[profile.experience],
        "days_per_week": profile.days_per_week,
        "equipment": _equipment(profile),
        "injuries": _injuries(profile),
    }


def _outline_values(profile: ClientProfile, weeks: int, start_date: date) -> dict[str, object]:
    return {
        **_common_values(profile),
        "weeks": weeks,
        "goal": profile.goal.value,
        "start_weekday": start_date.strftime("%A"),
    }


def _target_text(target: WeeklyTarget) -> str:
    parts = [f"split {target.split}"]
    if target.total_mileage is not None:
        parts.append(f"{target.total_mileage:g} km total")
    if target.long_run_mileage is not None:
        parts.append(f"long run {target.long_run_mileage:g} km")
    if target.avg_intensity_pct_1rm is not None:
        parts.append(f"average intensity {target.avg_intensity_pct_1rm:g}% 1RM")
    if target.total_sets_main_lifts is not None:
        parts.append(f"{target.total_sets_main_lifts} main-lift sets")
    parts.append("DELOAD" if target.deload else "build")
    return f"Week {target.week_offset + 1}: " + "; ".join(parts)


def _training_days(split: str, weekdays: Sequence[int]) -> str:
    labels = [part.strip() for part in split.split("-")]
    if len(labels) != 7:
        return f"- follow the split '{split}' from Monday"
    days = [
        f"- {WEEKDAY_NAMES[day]}: {labels[day]}" for day in weekdays if not _is_rest(labels[day])
    ]
    return "\n".join(days) if days else "- none (a rest week: return an empty workouts list)"


def _reference_text(reference: Microcycle | None) -> str:
    """The prompt section every week of a block shares: the reference week's sessions, block by
    block, so each week keeps the same main lifts ("" without a reference)."""
    if reference is None or not reference.workouts:
        return ""
    sessions = []
    for workout in reference.workouts:
        blocks = " | ".join(
            f"{block.label}: "
            + ("; ".join(exercise.activity for exercise in block.exercises) or "no exercises")
            for block in workout.blocks
        )
        sessions.append(
            f"- {WEEKDAY_NAMES[workout.date.weekday()]} {workout.title}: {blocks or 'no exercises'}"
        )
    return (
        "## Reference: week 1 of this block, as planned\n\n"
        "Every week of this mesocycle keeps these main lifts, on the same days and in the same "
        "session structure, so progression is measurable: progress their loads, sets and effort "
        "as this week's targets say (a transition week 0 only introduces them, light). "
        "Accessories may vary.\n\n" + "\n".join(sessions)
    )


def _breakdown_values(
    plan: MesocyclePlan,
    profile: ClientProfile,
    program_type: ProgramType,
    week_number: int,
    dates: DateRange,
    reference: str,
) -> dict[str, object]:
    if week_number == 0:
        target = plan.weekly_targets[0]
        first = WEEKDAY_NAMES[dates.start_date.weekday()]
        this_week = (
            f"Week 0 is the transition week before week 1: {dates.days} day(s), {first} to Sun. "
            "Keep it light (RPE 6 or less, low volume): introduce the main lifts and movement "
            "patterns of week 1."
        )
    else:
        target = plan.weekly_targets[week_number - 1]
        this_week = _target_text(target)
        if target.deload:
            this_week += (
                "\nThis is a deload week: cut volume by 40–50 % and intensity by 10–20 % against "
                "the week before."
            )
    weekdays = range(dates.start_date.weekday(), 7) if week_number == 0 else range(7)
    return {
        **_common_values(profile),
        "week_number": week_number,
        "phase": plan.phase,
        "weeks": plan.weeks,
        "program_type": program_type.value,
        "targets": "\n".join(_target_text(item) for item in plan.weekly_targets),
        "this_week": this_week,
        "training_days": _training_days(target.split, weekdays),
        "reference": reference,
        "minutes_per_session": profile.minutes_per_session,
    }
