"""The OpenAI drafter through the real SDK against the fake server: parse, repair, fall back, raise."""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

import openai
import pytest
from openai.lib._pydantic import to_strict_json_schema

from core.dates import WEEKDAY_NAMES, day_in_week, microcycle_date_ranges
from core.generation import llm
from core.generation.base import OFFLINE, OFFLINE_FALLBACK, OPENAI
from core.generation.errors import (
    AuthenticationFailedError,
    ContentFilteredError,
    GenerationError,
    RefusalError,
    ServiceTimeoutError,
    ServiceUnavailableError,
)
from core.generation.llm import (
    DraftOutline,
    DraftWeek,
    OpenAIGenerator,
    OpenAISettings,
    openai_settings_from_env,
)
from core.generation.llm.prompt_values import training_max_text
from core.generation.prompts import PROMPT_VERSION, placeholders, render
from core.schemas import (
    ClientProfile,
    FitnessProgram,
    Macrocycle,
    MesocycleDetailed,
    MesocyclePlan,
    Microcycle,
    ProgramType,
    SessionType,
    WorkoutBlock,
    WorkoutInstance,
)
from tests.factories import SPLIT, make_exercise, make_plan, make_profile
from tests.fake_openai import (
    FakeOpenAIServer,
    FakeResponse,
    RecordedRequest,
    content,
    delayed,
    draft_from_microcycle,
    finish,
    malformed,
    refusal,
    status,
)
from tests.fake_openai import draft_exercise as exercise

API_KEY = "sk-test-SECRET-do-not-log-1234"
MONDAY = date(2025, 3, 3)
THURSDAY = date(2025, 3, 6)
TRAINING_DAYS = ("Mon", "Tue", "Thu", "Fri")  # the factories' SPLIT


# --- stand-ins for the validator and the offline engine (small, independent of theirs) ---------


@dataclass(frozen=True)
class StubProblem:
    severity: str
    path: str
    message: str


def stub_validate(
    mesocycle: MesocycleDetailed, profile: ClientProfile, program_type: ProgramType, start: date
) -> list[StubProblem]:
    """One session per training day of the week's split; a warning that must never trigger repair."""
    problems = [StubProblem("warning", "", "the stand-in always warns")]
    for index, micro in enumerate(mesocycle.microcycles):
        if micro.week_number == 0:
            continue
        split = mesocycle.weekly_targets[micro.week_number - 1].split_days
        wanted = sum(1 for label in split if label.lower() != "rest")
        if len(micro.workouts) != wanted:
            problems.append(
                StubProblem(
                    "error",
                    f"microcycles[{index}].workouts",
                    f"week {micro.week_number}: {len(micro.workouts)} sessions for {wanted} "
                    "training days",
                )
            )
    return problems


class StubEngine:
    name = OFFLINE

    def __init__(self, lift: str = "Back Squat") -> None:
        self.lift = lift
        """The main lift of every offline session (what the reference carries)."""
        self.breakdowns = 0
        self.outlines = 0

    def outline(self, profile: ClientProfile, weeks: int, start_date: date) -> FitnessProgram:
        self.outlines += 1
        plan = make_plan(weeks)
        return FitnessProgram(
            program_type=ProgramType.STRENGTH,
            overview="Offline outline.",
            macrocycles=[Macrocycle(id="m1", name="Block", length_weeks=weeks, mesocycles=[plan])],
        )

    def breakdown(
        self,
        plan: MesocyclePlan,
        profile: ClientProfile,
        program_type: ProgramType,
        start_date: date,
        training_maxes: object = None,
    ) -> MesocycleDetailed:
        self.breakdowns += 1
        microcycles = []
        for number, week in microcycle_date_ranges(start_date, plan.weeks).items():
            if number == 0:
                days = [week.start_date + timedelta(days=i) for i in range(week.days)]
            else:
                days = [day_in_week(week, WEEKDAY_NAMES.index(day)) for day in TRAINING_DAYS]
            workouts = [
                WorkoutInstance(
                    date=day,
                    session_type=SessionType.LIFT,
                    title="Offline session",
                    blocks=[WorkoutBlock(label="Main", exercises=[make_exercise(self.lift)])],
                )
                for day in days
            ]
            microcycles.append(
                Microcycle(
                    week_number=number,
                    start_date=week.start_date,
                    end_date=week.end_date,
                    generated_by=OFFLINE,
                    workouts=workouts,
                )
            )
        return MesocycleDetailed(
            phase=plan.phase,
            weeks=plan.weeks,
            weekly_targets=plan.weekly_targets,
            start_date=start_date,
            microcycles=microcycles,
        )


# --- draft answers -----------------------------------------------------------------------------


def workout(weekday: str, title: str = "Upper", **overrides: object) -> dict[str, object]:
    values: dict[str, object] = {
        "weekday": weekday,
        "session_type": "lift",
        "title": title,
        "blocks": [{"label": "Main", "exercises": [exercise()]}],
        "targets": [{"key": "main_sets", "value": 4}],
        "planned_minutes": 60,
        "target_rpe": 7.5,
        "notes": None,
    }
    values.update(overrides)
    return values


def week(number: int, days: tuple[str, ...] = TRAINING_DAYS) -> dict[str, object]:
    return {
        "week_number": number,
        "metrics": [{"key": "hard_sets_quads", "value": 12}],
        "workouts": [workout(day, f"{day} session") for day in days],
    }


def requested_week(request: RecordedRequest) -> int:
    """The week a breakdown request asks for (from its first user message)."""
    first_user = next(m for m in request.messages if m["role"] == "user")
    match = re.search(r"Week to write: (\d+)", first_user["content"])
    assert match, "not a breakdown request"
    return int(match.group(1))


def weekly_responder(bad_weeks: frozenset[int] = frozenset()):
    """A valid week for every request, except ``bad_weeks``, which always lack a session."""

    def respond(request: RecordedRequest) -> FakeResponse:
        number = requested_week(request)
        if number == 0:
            return content(week(0, ("Thu", "Fri")))
        if number in bad_weeks:
            return content(week(number, TRAINING_DAYS[:3]))
        return content(week(number))

    return respond


def requests_for_week(fake: FakeOpenAIServer, number: int) -> list[RecordedRequest]:
    return [r for r in fake.chat_requests() if requested_week(r) == number]


# --- fixtures ----------------------------------------------------------------------------------


@pytest.fixture
def fake() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as server:
        yield server


@pytest.fixture
def engine() -> StubEngine:
    return StubEngine()


def make_generator(
    fake: FakeOpenAIServer,
    fallback: object,
    *,
    max_retries: int = 0,
    timeout: float = 10.0,
    max_workers: int | None = None,
    validate: object = stub_validate,
    max_repairs: int = 2,
) -> OpenAIGenerator:
    client = openai.OpenAI(
        base_url=fake.url, api_key=API_KEY, max_retries=max_retries, timeout=timeout
    )
    generator = OpenAIGenerator(
        client,
        model="test-model",
        fallback=fallback,  # type: ignore[arg-type]
        validate=validate,  # type: ignore[arg-type]
        max_repairs=max_repairs,
    )
    if max_workers is not None:
        generator.max_workers = max_workers
    return generator


# --- breakdown ---------------------------------------------------------------------------------


def test_valid_answers_become_a_dated_openai_mesocycle(fake, engine):
    fake.responder = weekly_responder()
    plan = make_plan(3)

    mesocycle = make_generator(fake, engine).breakdown(
        plan, make_profile(), ProgramType.STRENGTH, MONDAY
    )

    assert [m.week_number for m in mesocycle.microcycles] == [1, 2, 3]
    assert {m.generated_by for m in mesocycle.microcycles} == {OPENAI}
    assert [m.deload for m in mesocycle.microcycles] == [False, False, True]
    week2 = mesocycle.microcycles[1]
    assert (week2.start_date, week2.end_date) == (date(2025, 3, 10), date(2025, 3, 16))
    assert [w.date for w in week2.workouts] == [
        date(2025, 3, 10),
        date(2025, 3, 11),
        date(2025, 3, 13),
        date(2025, 3, 14),
    ]
    assert all(w.id is None for w in mesocycle.workouts()) and mesocycle.mesocycle_id is None
    assert (mesocycle.start_date, mesocycle.end_date) == (MONDAY, date(2025, 3, 23))
    first = week2.workouts[0]
    assert first.exercises[0].activity.startswith("Back Squat: 4x6-8 @ 75% 1RM")
    assert first.targets[0].key == "main_sets"
    assert engine.breakdowns == 1  # computed once, up front: the reference (no week fell back)
    assert len(fake.chat_requests()) == 3


def test_requests_are_strict_and_say_content_only(fake, engine):
    fake.responder = weekly_responder()
    make_generator(fake, engine).breakdown(
        make_plan(2), make_profile(injuries=["knee"]), ProgramType.STRENGTH, MONDAY
    )

    first, second = sorted(fake.chat_requests(), key=requested_week)
    assert first.body["model"] == "test-model"
    assert first.headers["authorization"] == f"Bearer {API_KEY}"
    response_format = first.response_format
    assert response_format["type"] == "json_schema"
    assert response_format["json_schema"]["strict"] is True
    assert response_format["json_schema"]["name"] == "DraftWeek"
    assert_strict(response_format["json_schema"]["schema"])
    prompt = first.text("user")
    assert "Week to write: 1" in prompt
    for rule in ("RIR 3 → 2 → 1", "Epley", "10–16 hard sets", "40–50 %", "10 %", "25–35 %"):
        assert rule in prompt
    assert "Do not write ids, UUIDs or calendar dates" in prompt
    assert "Injured areas: knee" in prompt
    assert "- Mon: Upper\n- Tue: Lower\n- Thu: Upper\n- Fri: Lower" in prompt
    assert "Alex Example" not in prompt  # the client's name is not sent
    # every week, week 1 included, follows the offline engine's week 1 (the block's main lifts)
    for request in (first, second):
        assert "Reference: week 1 of this block" in request.text("user")
        assert "- Mon Offline session: Main: Back Squat: 4x6 @ 75% 1RM" in request.text("user")


def assert_strict(schema: dict) -> None:
    """Every object closed and with every property required, recursively ($defs included)."""
    if isinstance(schema, dict):
        if schema.get("type") == "object":
            assert schema.get("additionalProperties") is False, schema
            assert set(schema.get("required", [])) == set(schema.get("properties", {})), schema
        assert "default" not in schema or schema["default"] is None
        for value in schema.values():
            assert_strict(value)
    elif isinstance(schema, list):
        for value in schema:
            assert_strict(value)


def property_names(schema: object) -> set[str]:
    if isinstance(schema, dict):
        names = (
            set(schema.get("properties", {}))
            if isinstance(schema.get("properties"), dict)
            else set()
        )
        return names.union(*(property_names(value) for value in schema.values()))
    if isinstance(schema, list):
        return set().union(*(property_names(value) for value in schema))
    return set()


@pytest.mark.parametrize("model", [DraftWeek, DraftOutline])
def test_draft_models_are_strict_schema_compatible(model):
    schema = to_strict_json_schema(model)
    assert_strict(schema)
    drafts = [model, *(getattr(llm, name) for name in schema.get("$defs", {}))]
    for draft in drafts:
        assert all(field.is_required() for field in draft.model_fields.values()), draft
        assert draft.model_config.get("extra") == "forbid"
    names = property_names(schema)
    assert not {"id", "date", "start_date", "end_date", "mesocycle_id"} & names
    assert not any(name.endswith("_id") for name in names)


def test_transition_week_gets_code_assigned_dates(fake, engine):
    fake.responder = weekly_responder()

    mesocycle = make_generator(fake, engine).breakdown(
        make_plan(2), make_profile(), ProgramType.STRENGTH, THURSDAY
    )

    week0 = mesocycle.microcycles[0]
    assert week0.week_number == 0
    assert (week0.start_date, week0.end_date) == (THURSDAY, date(2025, 3, 9))
    assert [w.date for w in week0.workouts] == [THURSDAY, date(2025, 3, 7)]
    assert mesocycle.microcycles[1].start_date == date(2025, 3, 10)
    week0_prompt = requests_for_week(fake, 0)[0].text("user")
    assert "- Thu: Upper\n- Fri: Lower" in week0_prompt and "- Mon:" not in week0_prompt


def test_a_session_outside_the_transition_week_is_repaired(fake, engine):
    def respond(request: RecordedRequest) -> FakeResponse:
        number = requested_week(request)
        if number == 0 and "Problems:" not in request.text("user"):
            return content(week(0, ("Mon", "Thu")))  # Monday is before a Thursday start
        return content(week(number, ("Thu", "Fri") if number == 0 else TRAINING_DAYS))

    fake.responder = respond
    mesocycle = make_generator(fake, engine).breakdown(
        make_plan(1), make_profile(), ProgramType.STRENGTH, THURSDAY
    )

    assert mesocycle.microcycles[0].generated_by == OPENAI
    repair = requests_for_week(fake, 0)[1].messages[-1]["content"]
    assert "Mon is not part of this week, which runs Thu–Sun" in repair


def test_malformed_json_then_valid(fake, engine):
    fake.enqueue(malformed(), content(week(1)))

    mesocycle = make_generator(fake, engine).breakdown(
        make_plan(1), make_profile(), ProgramType.STRENGTH, MONDAY
    )

    assert mesocycle.microcycles[0].generated_by == OPENAI
    first, second = fake.chat_requests()
    assert len(second.messages) == len(first.messages) + 1  # no assistant turn to echo
    repair = second.messages[-1]
    assert repair["role"] == "user"
    assert "not valid JSON for the schema" in repair["content"]
    assert "repair_v1" in repair["content"]


def test_schema_mismatch_then_valid(fake, engine):
    broken = week(1)
    broken["workouts"][0]["weekday"] = "Someday"  # type: ignore[index]
    fake.enqueue(content(broken), content(week(1)))

    mesocycle = make_generator(fake, engine).breakdown(
        make_plan(1), make_profile(), ProgramType.STRENGTH, MONDAY
    )

    assert mesocycle.microcycles[0].generated_by == OPENAI
    assert "weekday" in fake.chat_requests()[1].messages[-1]["content"]


def test_domain_rule_failure_in_a_draft_is_repaired(fake, engine):
    bad = week(1)
    bad["workouts"][0]["blocks"][0]["exercises"][0].update(reps=None)  # type: ignore[index]
    fake.enqueue(content(bad), content(week(1)))

    mesocycle = make_generator(fake, engine).breakdown(
        make_plan(1), make_profile(), ProgramType.STRENGTH, MONDAY
    )

    assert mesocycle.microcycles[0].generated_by == OPENAI
    assert "needs reps, a duration or a distance" in fake.chat_requests()[1].messages[-1]["content"]


def test_validator_failure_is_sent_back_and_repaired(fake, engine):
    fake.enqueue(content(week(1, TRAINING_DAYS[:3])), content(week(1)))

    mesocycle = make_generator(fake, engine).breakdown(
        make_plan(1), make_profile(), ProgramType.STRENGTH, MONDAY
    )

    assert mesocycle.microcycles[0].generated_by == OPENAI
    assert len(mesocycle.microcycles[0].workouts) == 4
    second = fake.chat_requests()[1]
    assert second.messages[-2]["role"] == "assistant"  # the previous answer, then the problems
    assert json.loads(second.messages[-2]["content"])["week_number"] == 1
    assert "week 1: 3 sessions for 4 training days" in second.messages[-1]["content"]
    assert "the stand-in always warns" not in second.messages[-1]["content"]


def test_a_week_still_invalid_after_repairs_falls_back_alone(fake, engine, caplog):
    fake.responder = weekly_responder(bad_weeks=frozenset({2}))
    caplog.set_level(logging.WARNING, logger="core.generation.llm")

    mesocycle = make_generator(fake, engine).breakdown(
        make_plan(3), make_profile(), ProgramType.STRENGTH, MONDAY
    )

    sources = {m.week_number: m.generated_by for m in mesocycle.microcycles}
    assert sources == {1: OPENAI, 2: OFFLINE_FALLBACK, 3: OPENAI}
    assert mesocycle.microcycles[1].workouts[0].title == "Offline session"
    assert len(requests_for_week(fake, 2)) == 3  # first answer + max_repairs (2)
    assert len(requests_for_week(fake, 1)) == len(requests_for_week(fake, 3)) == 1
    assert engine.breakdowns == 1
    assert "weeks [2] replaced by the offline engine" in caplog.text
    assert "prompt=mesocycle_breakdown_v2" in caplog.text and "attempt=3/3" in caplog.text


def test_an_unusable_answer_everywhere_falls_back_whole(fake, engine):
    fake.responder = lambda request: malformed()

    mesocycle = make_generator(fake, engine, max_repairs=1).breakdown(
        make_plan(2), make_profile(), ProgramType.STRENGTH, THURSDAY
    )

    assert {m.generated_by for m in mesocycle.microcycles} == {OFFLINE_FALLBACK}
    assert [m.week_number for m in mesocycle.microcycles] == [0, 1, 2]
    assert len(fake.chat_requests()) == 3 * 2


def test_block_level_problem_goes_to_every_week_then_falls_back(fake, engine):
    def validate(mesocycle, profile, program_type, start):
        if any(m.generated_by == OPENAI for m in mesocycle.microcycles):
            return [StubProblem("error", "", "the main lifts change between weeks")]
        return []

    fake.responder = weekly_responder()
    mesocycle = make_generator(fake, engine, validate=validate, max_repairs=1).breakdown(
        make_plan(2), make_profile(), ProgramType.STRENGTH, MONDAY
    )

    assert {m.generated_by for m in mesocycle.microcycles} == {OFFLINE_FALLBACK}
    for number in (1, 2):
        repair = requests_for_week(fake, number)[-1].messages[-1]["content"]
        assert "the main lifts change between weeks" in repair


def test_length_finish_reason_is_repaired(fake, engine):
    fake.enqueue(finish("length"), content(week(1)))

    mesocycle = make_generator(fake, engine).breakdown(
        make_plan(1), make_profile(), ProgramType.STRENGTH, MONDAY
    )

    assert mesocycle.microcycles[0].generated_by == OPENAI
    assert "cut off at the token limit" in fake.chat_requests()[1].messages[-1]["content"]


def test_refusal_raises_with_the_models_words(fake, engine):
    fake.enqueue(refusal("I can't help with training plans."))

    with pytest.raises(RefusalError) as caught:
        make_generator(fake, engine).breakdown(
            make_plan(1), make_profile(), ProgramType.STRENGTH, MONDAY
        )

    assert str(caught.value) == "The AI drafter refused: I can't help with training plans."
    assert caught.value.refusal == "I can't help with training plans."
    assert isinstance(caught.value, GenerationError)
    assert engine.breakdowns == 1  # the reference only: a refusal never falls back


def test_content_filter_raises(fake, engine):
    fake.enqueue(finish("content_filter"))

    with pytest.raises(ContentFilteredError, match="content filter"):
        make_generator(fake, engine).breakdown(
            make_plan(1), make_profile(), ProgramType.STRENGTH, MONDAY
        )


@pytest.mark.parametrize("code", [401, 403])
def test_rejected_key_raises(fake, engine, code):
    fake.enqueue(status(code, "Incorrect API key provided"))

    with pytest.raises(AuthenticationFailedError, match=f"HTTP {code}"):
        make_generator(fake, engine, max_retries=2).breakdown(
            make_plan(1), make_profile(), ProgramType.STRENGTH, MONDAY
        )
    assert len(fake.chat_requests()) == 1  # never retried


@pytest.mark.parametrize("code", [429, 500])
def test_sdk_retries_a_transient_status_then_succeeds(fake, engine, code):
    fake.enqueue(status(code), content(week(1)))

    mesocycle = make_generator(fake, engine, max_retries=2).breakdown(
        make_plan(1), make_profile(), ProgramType.STRENGTH, MONDAY
    )

    assert mesocycle.microcycles[0].generated_by == OPENAI
    requests = fake.chat_requests()
    assert len(requests) == 2
    assert requests[1].headers["x-stainless-retry-count"] == "1"


def test_rate_limit_outlasting_the_retries_raises(fake, engine):
    fake.enqueue(status(429), status(429), status(429))

    with pytest.raises(ServiceUnavailableError, match="rate limited") as caught:
        make_generator(fake, engine, max_retries=2).breakdown(
            make_plan(1), make_profile(), ProgramType.STRENGTH, MONDAY
        )
    assert caught.value.status_code == 429
    assert len(fake.chat_requests()) == 3


def test_timeout_raises_a_clear_error(fake, engine):
    fake.enqueue(delayed(content(week(1)), 3.0))

    with pytest.raises(ServiceTimeoutError) as caught:
        make_generator(fake, engine, timeout=0.3).breakdown(
            make_plan(1), make_profile(), ProgramType.STRENGTH, MONDAY
        )

    assert str(caught.value) == (
        "The AI service timed out after 0.3 s; try again or use the offline engine."
    )


def test_unreachable_service_raises(engine):
    with FakeOpenAIServer() as gone:
        url = gone.url
    client = openai.OpenAI(base_url=url, api_key=API_KEY, max_retries=0, timeout=2)
    generator = OpenAIGenerator(client, model="m", fallback=engine, validate=stub_validate)

    with pytest.raises(ServiceUnavailableError, match="could not connect"):
        generator.breakdown(make_plan(1), make_profile(), ProgramType.STRENGTH, MONDAY)


def test_weeks_run_concurrently_but_bounded_by_max_workers(engine):
    with FakeOpenAIServer(weekly_responder(), latency=0.3) as fake:
        mesocycle = make_generator(fake, engine, max_workers=3).breakdown(
            make_plan(6), make_profile(), ProgramType.STRENGTH, MONDAY
        )

    assert {m.generated_by for m in mesocycle.microcycles} == {OPENAI}
    assert fake.max_in_flight == 3
    assert len(fake.chat_requests()) == 6


def test_all_weeks_of_a_block_are_in_flight_together(engine):
    latency = 0.5
    with FakeOpenAIServer(weekly_responder(), latency=latency) as fake:
        generator = make_generator(fake, engine)  # the default max_workers
        assert generator.max_workers >= 7  # it covers 6 weeks and a transition week
        started = time.perf_counter()
        mesocycle = generator.breakdown(
            make_plan(6), make_profile(), ProgramType.STRENGTH, THURSDAY
        )
        wall = time.perf_counter() - started

    assert [m.week_number for m in mesocycle.microcycles] == [0, 1, 2, 3, 4, 5, 6]
    assert {m.generated_by for m in mesocycle.microcycles} == {OPENAI}
    assert len(fake.chat_requests()) == 7
    assert fake.max_in_flight == 7  # one wave: no week waits for another
    assert wall < 2 * latency  # a second wave would take at least 2 × latency


def reference_section(request: RecordedRequest) -> str:
    prompt = request.text("user")
    assert "## Reference:" in prompt
    return prompt.split("## Reference:", 1)[1].split("\n## ", 1)[0]


def test_every_weeks_prompt_carries_the_same_main_lifts(fake):
    offline = StubEngine(lift="Safety Bar Squat")
    fake.responder = weekly_responder()

    make_generator(fake, offline).breakdown(
        make_plan(4), make_profile(), ProgramType.STRENGTH, THURSDAY
    )

    requests = sorted(fake.chat_requests(), key=requested_week)
    assert [requested_week(r) for r in requests] == [0, 1, 2, 3, 4]
    sections = {reference_section(r) for r in requests}
    assert len(sections) == 1  # word for word the same in every week, week 0 and week 1 included
    (section,) = sections
    assert section.startswith(" week 1 of this block")
    assert "keeps these main lifts" in section
    for day in TRAINING_DAYS:  # the offline engine's week 1, session by session
        assert f"- {day} Offline session: Main: Safety Bar Squat: 4x6 @ 75% 1RM" in section
    assert "Back Squat" not in section  # from the fallback's plan, not from a drafted answer
    assert offline.breakdowns == 1


def test_every_weeks_prompt_gives_the_phases_training_maxes(fake):
    # the training maxes the coach accepted on the Plan page reach the model as well as the
    # offline fallback (a raised phase's %1RM and reps are read against them)
    offline = StubEngine(lift="Back Squat")
    fake.responder = weekly_responder()
    maxes = {"back squat": 155.0, "bench press": 107.5}

    make_generator(fake, offline).breakdown(
        make_plan(2), make_profile(), ProgramType.STRENGTH, THURSDAY, maxes
    )

    prompts = [request.text("user") for request in fake.chat_requests()]
    assert prompts
    for prompt in prompts:
        line = next(x for x in prompt.splitlines() if x.startswith("- Training maxes"))
        assert line.endswith(": Back Squat 155 kg, Bench Press 107.5 kg")
    assert training_max_text(None) == ""  # no maxes given: no line (the 1RMs line stays)


def test_a_failing_fallback_breakdown_only_drops_the_reference(fake, engine, caplog):
    def broken(*args: object) -> MesocycleDetailed:
        raise ValueError("no plan for this profile")

    engine.breakdown = broken  # type: ignore[method-assign]
    fake.responder = weekly_responder()

    mesocycle = make_generator(fake, engine).breakdown(
        make_plan(2), make_profile(), ProgramType.STRENGTH, MONDAY
    )

    assert {m.generated_by for m in mesocycle.microcycles} == {OPENAI}
    assert all("## Reference:" not in r.text("user") for r in fake.chat_requests())
    assert "drafting without a reference" in caplog.text


def test_a_service_error_cancels_weeks_not_yet_started(engine):
    def respond(request: RecordedRequest) -> FakeResponse:
        number = requested_week(request)
        if number == 1:
            return refusal("No.")
        return delayed(content(week(number)), 0.5)

    with FakeOpenAIServer(respond) as fake:
        with pytest.raises(RefusalError):
            make_generator(fake, engine, max_workers=2).breakdown(
                make_plan(6), make_profile(), ProgramType.STRENGTH, MONDAY
            )
        asked = [requested_week(r) for r in fake.chat_requests()]

    # week 1 refused at once: at most the week already in flight was asked for too
    assert 1 in asked and set(asked) <= {1, 2} and len(asked) <= 2


def test_a_service_error_in_a_concurrent_week_raises(engine):
    def respond(request: RecordedRequest) -> FakeResponse:
        if requested_week(request) == 3:
            return refusal("No.")
        return content(week(requested_week(request)))

    with FakeOpenAIServer(respond) as fake, pytest.raises(RefusalError):
        make_generator(fake, engine).breakdown(
            make_plan(4), make_profile(), ProgramType.STRENGTH, MONDAY
        )


# --- outline -----------------------------------------------------------------------------------


def outline_answer(weeks: int = 8, **overrides: object) -> dict[str, object]:
    def phase(name: str, length: int) -> dict[str, object]:
        return {
            "phase": name,
            "weeks": length,
            "weekly_targets": [
                {
                    "week_offset": i,
                    "split": SPLIT,
                    "total_mileage": None,
                    "long_run_mileage": None,
                    "avg_intensity_pct_1rm": 70 + i,
                    "total_sets_main_lifts": 40,
                    "deload": i == length - 1,
                }
                for i in range(length)
            ],
        }

    half = weeks // 2
    values: dict[str, object] = {
        "program_type": "strength",
        "overview": "Hypertrophy, then strength.",
        "macrocycles": [
            {
                "name": "Road to the meet",
                "length_weeks": weeks,
                "mesocycles": [phase("Hypertrophy", half), phase("Strength", weeks - half)],
            }
        ],
    }
    values.update(overrides)
    return values


def test_outline_becomes_a_program_with_code_assigned_ids(fake, engine):
    fake.enqueue(content(outline_answer(8)))

    program = make_generator(fake, engine).outline(make_profile(), 8, MONDAY)

    assert program.program_type == ProgramType.STRENGTH
    assert [plan.phase for _, _, plan in program.all_phases()] == ["Hypertrophy", "Strength"]
    uuid.UUID(program.macrocycles[0].id)  # assigned in code
    request = fake.chat_requests()[0]
    assert request.response_format["json_schema"]["name"] == "DraftOutline"
    assert_strict(request.response_format["json_schema"]["schema"])
    assert "8-week training program" in request.text("user")
    assert engine.outlines == 0


def test_outline_with_the_wrong_length_is_repaired(fake, engine):
    fake.enqueue(content(outline_answer(6)), content(outline_answer(8)))

    program = make_generator(fake, engine).outline(make_profile(), 8, MONDAY)

    assert program.macrocycles[0].length_weeks == 8
    repair = fake.chat_requests()[1].messages[-1]["content"]
    assert "the macrocycles add up to 6 weeks; the program must be 8" in repair


def test_outline_failing_its_schema_rules_is_repaired(fake, engine):
    missing = outline_answer(8)
    missing["macrocycles"][0]["mesocycles"][0]["weekly_targets"][0]["avg_intensity_pct_1rm"] = None  # type: ignore[index]
    fake.enqueue(content(missing), content(outline_answer(8)))

    make_generator(fake, engine).outline(make_profile(), 8, MONDAY)

    repair = fake.chat_requests()[1].messages[-1]["content"]
    assert "a strength block needs an average intensity" in repair


def test_outline_unusable_after_repairs_falls_back_with_a_note(fake, engine):
    fake.responder = lambda request: malformed("nope")

    program = make_generator(fake, engine).outline(make_profile(), 8, MONDAY)

    assert engine.outlines == 1
    assert program.overview.startswith("(Drafted by the offline engine")
    assert len(fake.chat_requests()) == 3


def test_outline_refusal_raises(fake, engine):
    fake.enqueue(refusal("Not allowed."))
    with pytest.raises(RefusalError, match="Not allowed"):
        make_generator(fake, engine).outline(make_profile(), 8, MONDAY)


# --- logging and settings ----------------------------------------------------------------------


def test_the_api_key_never_reaches_the_logs(fake, engine, caplog):
    caplog.set_level(logging.DEBUG)
    fake.enqueue(status(500), malformed(), content(week(1, TRAINING_DAYS[:2])), content(week(1)))
    generator = make_generator(fake, engine, max_retries=1)
    generator.breakdown(make_plan(1), make_profile(), ProgramType.STRENGTH, MONDAY)
    fake.enqueue(refusal("no"))
    with pytest.raises(RefusalError):
        generator.outline(make_profile(), 8, MONDAY)

    assert "openai week 1 failed" in caplog.text  # failures were logged…
    assert API_KEY not in caplog.text  # …without the key
    assert "SECRET" not in caplog.text
    assert "authorization" not in caplog.text.lower()
    assert API_KEY not in repr(generator)


def test_settings_from_env():
    assert openai_settings_from_env({}) is None
    assert openai_settings_from_env({"OPENAI_MODEL": "x"}) is None

    settings = openai_settings_from_env({"OPENAI_API_KEY": API_KEY})
    assert settings == OpenAISettings(api_key=API_KEY)
    assert (settings.model, settings.timeout, settings.max_retries) == ("gpt-4o-mini", 60.0, 2)
    assert API_KEY not in repr(settings) and API_KEY not in str(settings)

    local = openai_settings_from_env(
        {
            "OPENAI_BASE_URL": "http://localhost:11434/v1",
            "OPENAI_MODEL": "llama3.1",
            "OPENAI_TIMEOUT": "120",
            "OPENAI_MAX_RETRIES": "0",
        }
    )
    assert local is not None and local.api_key  # a placeholder: local servers need none
    assert (local.base_url, local.model, local.timeout, local.max_retries) == (
        "http://localhost:11434/v1",
        "llama3.1",
        120.0,
        0,
    )
    with pytest.raises(ValueError, match="OPENAI_TIMEOUT"):
        openai_settings_from_env({"OPENAI_API_KEY": "k", "OPENAI_TIMEOUT": "soon"})


def test_from_settings_builds_a_working_client(fake, engine):
    settings = OpenAISettings(
        api_key=API_KEY, base_url=fake.url, model="m", timeout=7, max_retries=1
    )
    generator = OpenAIGenerator.from_settings(settings, fallback=engine, validate=stub_validate)
    assert generator.client.max_retries == 1 and generator.client.timeout == 7
    fake.enqueue(content(week(1)))

    mesocycle = generator.breakdown(make_plan(1), make_profile(), ProgramType.STRENGTH, MONDAY)

    assert mesocycle.microcycles[0].generated_by == OPENAI
    assert fake.chat_requests()[0].body["model"] == "m"


def test_prompts_render_every_placeholder_and_refuse_holes():
    assert set(PROMPT_VERSION.values()) == {
        "outline_v1",
        "mesocycle_breakdown_v2",
        "repair_v1",
    }
    for name in PROMPT_VERSION:
        text = render(name, **dict.fromkeys(placeholders(name), "X"))
        assert "$" not in text
    with pytest.raises(KeyError):
        render("repair", attempt=2)


# --- with the real validator and offline engine, once they exist -------------------------------


def test_with_the_real_validator_and_offline_engine(fake):
    validation = pytest.importorskip("core.validation")
    engine_module = pytest.importorskip("core.generation.engine")
    offline = engine_module.OfflineEngine()
    profile, plan = make_profile(), make_plan(4)
    reference = offline.breakdown(plan, profile, ProgramType.STRENGTH, THURSDAY)
    by_week = {m.week_number: m for m in reference.microcycles}

    def respond(request: RecordedRequest) -> FakeResponse:
        number = requested_week(request)
        if number == 2:
            return content({"week_number": 2, "metrics": [], "workouts": []})  # always invalid
        return content(draft_from_microcycle(by_week[number]))

    fake.responder = respond
    generator = OpenAIGenerator(
        openai.OpenAI(base_url=fake.url, api_key=API_KEY, max_retries=0),
        model="m",
        fallback=offline,
        validate=validation.validate_mesocycle,
    )
    mesocycle = generator.breakdown(plan, profile, ProgramType.STRENGTH, THURSDAY)

    sources = {m.week_number: m.generated_by for m in mesocycle.microcycles}
    assert sources == {0: OPENAI, 1: OPENAI, 2: OFFLINE_FALLBACK, 3: OPENAI, 4: OPENAI}
    problems = validation.validate_mesocycle(mesocycle, profile, ProgramType.STRENGTH, THURSDAY)
    assert not validation.has_errors(problems)


def test_plan_level_problems_are_not_sent_to_the_model(fake, engine):
    def validate(mesocycle, profile, program_type, start):
        return [
            StubProblem("error", "week 1 › split", "The split trains 4 days, but Alex has 3."),
            StubProblem("error", "Strength › weekly targets", "week 1 needs an intensity"),
            StubProblem("error", "mesocycle › weeks", "wrong weeks"),
        ]

    fake.responder = weekly_responder()
    mesocycle = make_generator(fake, engine, validate=validate).breakdown(
        make_plan(2), make_profile(), ProgramType.STRENGTH, MONDAY
    )

    assert {m.generated_by for m in mesocycle.microcycles} == {OPENAI}
    assert len(fake.chat_requests()) == 2  # no repairs


def test_repair_prompts_leave_out_the_clients_name(fake, engine):
    def validate(mesocycle, profile, program_type, start):
        if len(fake.chat_requests()) > 1:
            return []
        return [StubProblem("error", "week 1 › sessions", f"{profile.name} has only 3 days.")]

    fake.responder = weekly_responder()
    make_generator(fake, engine, validate=validate).breakdown(
        make_plan(1), make_profile(name="Jamie Doe"), ProgramType.STRENGTH, MONDAY
    )

    repair = fake.chat_requests()[1].messages[-1]["content"]
    assert "week 1 › sessions: the client has only 3 days." in repair
    assert "Jamie" not in fake.chat_requests()[1].text()


def deload_week(number: int) -> dict[str, object]:
    draft = week(number)
    for session in draft["workouts"]:  # type: ignore[union-attr]
        session["blocks"][0]["exercises"][0].update(sets=2, pct_one_rm=62.5)  # type: ignore[index]
    return draft


def test_real_validator_problems_are_pinned_on_their_week(fake, engine):
    validation = pytest.importorskip("core.validation")

    def respond(request: RecordedRequest) -> FakeResponse:
        number = requested_week(request)
        if number == 3 and "Problems:" in request.text("user"):
            return content(deload_week(3))
        return content(week(number))  # week 3 is no lighter than the build weeks at first

    fake.responder = respond
    mesocycle = make_generator(fake, engine, validate=validation.validate_mesocycle).breakdown(
        make_plan(3), make_profile(), ProgramType.STRENGTH, MONDAY
    )

    assert {m.generated_by for m in mesocycle.microcycles} == {OPENAI}
    assert len(requests_for_week(fake, 1)) == len(requests_for_week(fake, 2)) == 1
    repair = requests_for_week(fake, 3)[1].messages[-1]["content"]
    assert "week 3 › deload: Week 3 is a deload but has 16 hard sets" in repair
    assert "lower intensity by 10–20 %" in repair
    assert "week 1 › Tue" not in repair  # warnings are not sent back


def test_real_validator_week_never_fixed_falls_back(fake, engine):
    validation = pytest.importorskip("core.validation")
    fake.responder = lambda request: content(week(requested_week(request)))

    mesocycle = make_generator(fake, engine, validate=validation.validate_mesocycle).breakdown(
        make_plan(3), make_profile(), ProgramType.STRENGTH, MONDAY
    )

    sources = {m.week_number: m.generated_by for m in mesocycle.microcycles}
    assert sources == {1: OPENAI, 2: OPENAI, 3: OFFLINE_FALLBACK}
    assert len(requests_for_week(fake, 3)) == 3
