"""The API key never leaks: not into any log record (every logger at DEBUG, the SDK's and httpx's
included), not into an exception's message or its chain, not into repr/str of settings or generators.

The OpenAI path runs through the real SDK against the fake server: a success, an HTTP 500, a refusal
and a timeout, plus a settings error from the environment.
"""

from __future__ import annotations

import logging
import traceback
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import pytest

from core.dates import microcycle_date_ranges
from core.generation.base import OFFLINE
from core.generation.errors import (
    GenerationError,
    RefusalError,
    ServiceTimeoutError,
    ServiceUnavailableError,
)
from core.generation.llm import OpenAIGenerator, OpenAISettings, openai_settings_from_env
from core.schemas import (
    ClientProfile,
    FitnessProgram,
    Macrocycle,
    MesocycleDetailed,
    MesocyclePlan,
    Microcycle,
    ProgramType,
)
from tests.factories import make_plan, make_profile
from tests.fake_openai import FakeOpenAIServer, content, delayed, refusal, status

API_KEY = "sk-test-SECRET-123"
MONDAY = date(2025, 3, 3)


@dataclass(frozen=True)
class _Problem:
    severity: str
    path: str
    message: str


def _no_problems(*_args: object) -> list[_Problem]:
    return []


class _EmptyEngine:
    """A fallback that writes empty weeks: enough for this test, independent of the real engine."""

    name = OFFLINE

    def outline(self, profile: ClientProfile, weeks: int, start_date: date) -> FitnessProgram:
        plan = make_plan(weeks)
        macro = Macrocycle(id="m", name="Block", length_weeks=weeks, mesocycles=[plan])
        return FitnessProgram(program_type="strength", overview="Offline.", macrocycles=[macro])

    def breakdown(
        self,
        plan: MesocyclePlan,
        profile: ClientProfile,
        program_type: ProgramType,
        start_date: date,
        training_maxes: object = None,
    ) -> MesocycleDetailed:
        weeks = [
            Microcycle(week_number=n, start_date=r.start_date, end_date=r.end_date)
            for n, r in microcycle_date_ranges(start_date, plan.weeks).items()
        ]
        return MesocycleDetailed(
            phase=plan.phase,
            weeks=plan.weeks,
            weekly_targets=plan.weekly_targets,
            microcycles=weeks,
        )


def _week(number: int) -> dict[str, object]:
    exercise = {
        "name": "Back Squat",
        "sets": 4,
        "reps": 6,
        "reps_max": None,
        "load_kg": None,
        "pct_one_rm": 75,
        "rpe": None,
        "rir": 2,
        "rest_seconds": 180,
        "duration_minutes": None,
        "distance_km": None,
        "notes": None,
        "rationale": None,
    }
    return {
        "week_number": number,
        "metrics": [],
        "workouts": [
            {
                "weekday": day,
                "session_type": "lift",
                "title": f"{day} session",
                "blocks": [{"label": "Main", "exercises": [exercise]}],
                "targets": [],
                "planned_minutes": 60,
                "target_rpe": 7,
                "notes": None,
            }
            for day in ("Mon", "Tue", "Thu", "Fri")
        ],
    }


@pytest.fixture
def fake() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as server:
        yield server


def _settings(fake: FakeOpenAIServer, timeout: float = 10.0) -> OpenAISettings:
    environ = {
        "OPENAI_API_KEY": API_KEY,
        "OPENAI_BASE_URL": fake.url,
        "OPENAI_MODEL": "test-model",
        "OPENAI_TIMEOUT": str(timeout),
        "OPENAI_MAX_RETRIES": "0",
    }
    settings = openai_settings_from_env(environ)
    assert settings is not None and settings.api_key == API_KEY
    return settings


def _generator(settings: OpenAISettings) -> OpenAIGenerator:
    return OpenAIGenerator.from_settings(
        settings, fallback=_EmptyEngine(), validate=_no_problems, max_repairs=0
    )


def _run(generator: OpenAIGenerator, weeks: int = 1) -> MesocycleDetailed:
    return generator.breakdown(make_plan(weeks), make_profile(), ProgramType.STRENGTH, MONDAY)


def _exception_texts(error: BaseException) -> list[str]:
    """str/repr/args of the error and of every error chained to it, and the formatted traceback."""
    texts = ["".join(traceback.format_exception(error))]
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        texts += [str(current), repr(current), *(repr(arg) for arg in current.args)]
        current = current.__cause__ or current.__context__
    return texts


def _record_texts(records: list[logging.LogRecord]) -> list[str]:
    texts = []
    for record in records:
        texts += [record.getMessage(), repr(record.args), repr(record.msg)]
        if record.exc_info and record.exc_info[1] is not None:
            texts += _exception_texts(record.exc_info[1])
        if record.exc_text:
            texts.append(record.exc_text)
    return texts


def _assert_secret_free(texts: list[str]) -> None:
    leaks = [text[:300] for text in texts if API_KEY in text or "SECRET" in text]
    assert not leaks, f"the API key leaked into: {leaks}"


@pytest.fixture
def debug_everywhere(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """Every logger at DEBUG (the root, and the SDK's and transport's own loggers)."""
    caplog.set_level(logging.DEBUG)
    for name in ("openai", "httpx", "httpx2", "httpcore", "httpcore2", "core", "db"):
        caplog.set_level(logging.DEBUG, logger=name)
    return caplog


def test_success_logs_nothing_secret(fake, debug_everywhere):
    fake.enqueue(content(_week(1)))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        mesocycle = _run(_generator(_settings(fake)))

    assert [m.generated_by for m in mesocycle.microcycles] == ["openai"]
    assert fake.chat_requests()[0].headers["authorization"] == f"Bearer {API_KEY}"  # it was sent…
    sdk_debug = [r for r in debug_everywhere.records if r.name.startswith("openai")]
    assert any(r.levelno == logging.DEBUG for r in sdk_debug), "the SDK's DEBUG log was not seen"
    _assert_secret_free(_record_texts(debug_everywhere.records))  # …but never logged
    _assert_secret_free([str(w.message) for w in caught])


@pytest.mark.parametrize(
    ("scenario", "expected"),
    [
        ("http_500", ServiceUnavailableError),
        ("refusal", RefusalError),
        ("timeout", ServiceTimeoutError),
    ],
)
def test_failures_raise_and_log_without_the_key(fake, debug_everywhere, scenario, expected):
    timeout = 10.0
    if scenario == "http_500":
        fake.enqueue(status(500, "upstream exploded"))
    elif scenario == "refusal":
        fake.enqueue(refusal("I can't help with that."))
    else:
        timeout = 0.3
        fake.enqueue(delayed(content(_week(1)), 3.0))
    generator = _generator(_settings(fake, timeout))

    with pytest.raises(GenerationError) as caught:
        _run(generator)

    assert isinstance(caught.value, expected)
    assert str(caught.value).strip()  # a sentence for the coach…
    _assert_secret_free(_exception_texts(caught.value))  # …and the chain below it, key-free
    assert any("failed" in r.getMessage() for r in debug_everywhere.records)  # it was logged…
    _assert_secret_free(_record_texts(debug_everywhere.records))  # …without the key


def test_a_mixed_block_logs_nothing_secret(fake, debug_everywhere):
    """A 500 retried by the SDK, an unusable answer, a repair: the chattiest path, still key-free."""
    settings = OpenAISettings(api_key=API_KEY, base_url=fake.url, model="m", max_retries=1)
    generator = OpenAIGenerator.from_settings(
        settings, fallback=_EmptyEngine(), validate=_no_problems, max_repairs=1
    )
    fake.enqueue(status(500), content("{not json"), content(_week(1)), content(_week(2)))

    mesocycle = _run(generator, weeks=2)

    assert [m.week_number for m in mesocycle.microcycles] == [1, 2]
    assert len(fake.chat_requests()) == 4
    _assert_secret_free(_record_texts(debug_everywhere.records))


def test_repr_and_str_hide_the_key(fake):
    settings = _settings(fake)
    generator = _generator(settings)
    direct = OpenAISettings(api_key=API_KEY)
    texts = [repr(settings), str(settings), f"{settings}", repr(direct), str(direct)]
    texts += [repr(generator), str(generator), f"{generator!r}"]
    _assert_secret_free(texts)
    assert "***" in repr(settings)


def test_a_bad_setting_does_not_echo_the_key():
    environ = {"OPENAI_API_KEY": API_KEY, "OPENAI_TIMEOUT": "soon"}
    with pytest.raises(ValueError) as caught:
        openai_settings_from_env(environ)
    assert "OPENAI_TIMEOUT" in str(caught.value)
    _assert_secret_free(_exception_texts(caught.value))
