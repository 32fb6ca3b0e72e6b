"""Fuzzing the AI drafter: malformed or hostile answers are rejected readably or repaired, never a crash.

The bar: ≥ 1,000 generated malformed or hostile answers (wrong types, missing weeks, extra weeks,
negative sets, 10,000 exercises, huge strings, wrong dates, duplicate ids) → each rejected with a
clear message or repaired; no crash. Rejection is checked two ways: each targeted hostile change,
alone, must be rejected with its own reason (the ``test_each_hostile_*`` tables), and whatever the
drafter or the validator accepts must pass ``assert_sound``, a check of the rules written here
without the validator's code (so a rule that stops firing fails a test).

Example counts (``max_examples``; none of these spaces is small enough for hypothesis to stop early):

    part (i), pure parsing and conversion
      test_arbitrary_json_as_a_week_answer            250
      test_arbitrary_text_as_a_week_answer            100
      test_mutated_week_answer                        300
      test_arbitrary_json_as_an_outline_answer        100
      test_mutated_outline_answer                     100
      test_arbitrary_json_as_a_mesocycle              150
      test_mutated_mesocycle_json                     250
                                                    -----
                                                    1,250 generated answers
    part (ii), through the real SDK and the fake server
      test_hostile_answers_end_to_end                  40 blocks (a few hostile answers each)

Hostile text through the real storage (stored verbatim; a failing save stores nothing) is
``tests/integration/test_hostile_text_storage.py``, on SQLite and PostgreSQL.

Every outcome is either a valid model or a list of readable lines ("path: reason"); any other
exception type fails the test. ``derandomize=True`` keeps CI runs reproducible. The bugs this
fuzzing found (unbounded titles in problem lines, NaN metrics) each keep a regression test.
"""

from __future__ import annotations

import copy
import json
import re
import threading
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import openai
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context
from pydantic import ValidationError

from core.dates import DateRange, microcycle_date_ranges
from core.exercises.library import find_exercise
from core.generation.base import OFFLINE_FALLBACK, OPENAI
from core.generation.engine import OfflineEngine
from core.generation.errors import GenerationError
from core.generation.llm import (
    DraftOutline,
    DraftProblems,
    DraftWeek,
    OpenAIGenerator,
    draft_outline_to_program,
    draft_week_to_microcycle,
    outline_problems,
)
from core.records import assign_ids, build_mesocycle_rows
from core.schemas import (
    ClientProfile,
    FitnessProgram,
    MesocycleDetailed,
    Microcycle,
    SessionType,
    describe_validation_error,
)
from core.validation import (
    HARD_SET_BANDS,
    Problem,
    has_errors,
    is_rest_label,
    one_rep_max,
    validate_mesocycle,
    validate_mesocycle_json,
    weekly_hard_sets,
)
from tests.factories import make_profile
from tests.fake_openai import (
    FakeOpenAIServer,
    FakeResponse,
    RecordedRequest,
    content,
    draft_from_microcycle,
    finish,
    refusal,
    status,
)
from tests.fake_openai import draft_exercise as exercise


def fuzz(max_examples: int) -> settings:
    return settings(
        max_examples=max_examples,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


MONDAY = date(2025, 3, 3)
THURSDAY = date(2025, 3, 6)
SUNDAY = date(2025, 3, 9)
WEEKS = {
    "full week": (1, microcycle_date_ranges(MONDAY, 1)[1]),
    "Thu–Sun transition": (0, microcycle_date_ranges(THURSDAY, 1)[0]),
    "Sun-only transition": (0, microcycle_date_ranges(SUNDAY, 1)[0]),
}
PROFILE = make_profile()

HUGE_TEXT = "x" * 100_000
HOSTILE_STRINGS = [
    "",
    " ",
    HUGE_TEXT,
    "<script>alert('x')</script>",
    "'); DROP TABLE clients;--",
    "2025-02-30",
    "2025-13-45T25:61:00Z",
    "\x00\x01\x02",
    "Mon ",
    "Monday",
    "null",
    "NaN",
    "-1",
    "00000000-0000-0000-0000-000000000000",
    "🏋️‍♀️" * 50,
]
HOSTILE_NUMBERS: list[Any] = [
    -1,
    0,
    -(10**9),
    10**9,
    10**30,
    -(10**30),
    2**63,
    1e308,
    -1e308,
    1e-308,
    0.5,
    -0.0,
    float("inf"),
    float("-inf"),
    float("nan"),
]

json_leaves = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
)
json_values = st.recursive(
    json_leaves,
    lambda children: (
        st.lists(children, max_size=6) | st.dictionaries(st.text(max_size=12), children, max_size=6)
    ),
    max_leaves=30,
)
hostile_values = (
    json_leaves
    | st.sampled_from(HOSTILE_STRINGS)
    | st.sampled_from(HOSTILE_NUMBERS)
    | st.sampled_from([[], {}, [None], {"id": "dup"}, [[[]]]])
)


# --- valid answers to mutate ---------------------------------------------------------------------


def workout(weekday: str, title: str) -> dict[str, Any]:
    return {
        "weekday": weekday,
        "session_type": "lift",
        "title": title,
        "blocks": [
            {"label": "Main", "exercises": [exercise(), exercise("Romanian Deadlift", reps=8)]},
            {
                "label": "Accessories",
                "exercises": [
                    exercise("Plank", reps=None, reps_max=None, duration_minutes=1, pct_one_rm=None)
                ],
            },
        ],
        "targets": [{"key": "main_sets", "value": 4}],
        "planned_minutes": 60,
        "target_rpe": 7.5,
        "notes": None,
    }


def valid_week(days: tuple[str, ...] = ("Thu", "Fri", "Sun")) -> dict[str, Any]:
    """Valid in every week of ``WEEKS`` except the Sunday-only one (which only Sun fits)."""
    return {
        "week_number": 1,
        "metrics": [{"key": "hard_sets_quads", "value": 12}],
        "workouts": [workout(day, f"{day} session") for day in days],
    }


def valid_outline(weeks: int = 8) -> dict[str, Any]:
    def target(offset: int, deload: bool) -> dict[str, Any]:
        return {
            "week_offset": offset,
            "split": "Upper-Lower-Rest-Upper-Lower-Rest-Rest",
            "total_mileage": None,
            "long_run_mileage": None,
            "avg_intensity_pct_1rm": 70 + offset,
            "total_sets_main_lifts": 12 + offset,
            "deload": deload,
        }

    half = weeks // 2
    phases = [
        {
            "phase": name,
            "weeks": half,
            "weekly_targets": [target(i, i == half - 1) for i in range(half)],
        }
        for name in ("Hypertrophy", "Strength")
    ]
    return {
        "program_type": "strength",
        "overview": "Eight weeks: build, then strength.",
        "macrocycles": [{"name": "Block", "length_weeks": weeks, "mesocycles": phases}],
    }


# --- mutations -----------------------------------------------------------------------------------

JsonPath = tuple[Any, ...]


def paths(value: Any, prefix: JsonPath = ()) -> list[JsonPath]:
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found += paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += paths(child, (*prefix, index))
    return found


def parent_of(document: Any, path: JsonPath) -> tuple[Any, Any]:
    node = document
    for part in path[:-1]:
        node = node[part]
    return node, path[-1]


def mutate_at(document: Any, path: JsonPath, op: str, value: Any) -> Any:
    """One generic mutation at ``path`` (the root is replaced, never deleted)."""
    if not path:
        return value if op in ("replace", "delete") else [document, document]
    parent, key = parent_of(document, path)
    if op == "replace":
        parent[key] = value
    elif op == "delete":
        del parent[key]
    elif op == "null":
        parent[key] = None
    elif op == "wrap":
        parent[key] = [parent[key]]
    elif op == "duplicate":
        if isinstance(parent, list):
            parent.insert(key, copy.deepcopy(parent[key]))
        else:
            parent[f"{key}_copy"] = copy.deepcopy(parent[key])
    elif op == "unknown_key":
        target = parent[key]
        if isinstance(target, dict):
            target["unexpected"] = value
        else:
            parent[key] = {"value": target, "unexpected": value}
    return document


OPS = ["replace", "delete", "null", "wrap", "duplicate", "unknown_key"]


@st.composite
def mutated(draw: st.DrawFn, base: dict[str, Any], targeted: list[Any]) -> dict[str, Any]:
    """A valid answer, then one targeted hostile change and 0–3 generic ones at random paths."""
    document = copy.deepcopy(base)
    change = draw(st.sampled_from([None, *targeted]))
    if change is not None:
        document = change(document)
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 1, 2, 3]))):
        path = draw(st.sampled_from(paths(document)))
        op = draw(st.sampled_from(OPS))
        document = mutate_at(document, path, op, copy.deepcopy(draw(hostile_values)))
    return document


def _each_exercise(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for w in document["workouts"] for b in w["blocks"] for e in b["exercises"]]


def _set_all(field: str, value: Any) -> Any:
    def change(document: dict[str, Any]) -> dict[str, Any]:
        for item in _each_exercise(document):
            item[field] = value
        return document

    change.__name__ = f"set_{field}_{value!r}"[:40]
    return change


def ten_thousand_exercises(document: dict[str, Any]) -> dict[str, Any]:
    document["workouts"][0]["blocks"][0]["exercises"] = [
        exercise(f"Lift {i}") for i in range(10_000)
    ]
    return document


def huge_strings(document: dict[str, Any]) -> dict[str, Any]:
    document["workouts"][0]["title"] = HUGE_TEXT
    document["workouts"][0]["notes"] = HUGE_TEXT
    document["workouts"][0]["blocks"][0]["exercises"][0]["notes"] = HUGE_TEXT
    document["workouts"][0]["blocks"][0]["exercises"][0]["name"] = HUGE_TEXT
    return document


def hostile_text(document: dict[str, Any]) -> dict[str, Any]:
    document["workouts"][0]["title"] = "<b>Upper</b><script>alert(1)</script>"
    document["workouts"][0]["blocks"][0]["exercises"][0]["notes"] = "'); DROP TABLE clients;--"
    return document


def dated_sessions(document: dict[str, Any]) -> dict[str, Any]:
    for item, day in zip(
        document["workouts"], ["2025-02-30", "2025-03-06", "yesterday"], strict=False
    ):
        item["date"] = day
    return document


def weekday_as_date(document: dict[str, Any]) -> dict[str, Any]:
    document["workouts"][0]["weekday"] = "2025-03-06"
    return document


def every_weekday(document: dict[str, Any]) -> dict[str, Any]:
    document["workouts"] = [
        workout(day, day) for day in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    ]
    return document


def too_many_sessions(document: dict[str, Any]) -> dict[str, Any]:
    document["workouts"] = [workout("Sun", f"S{i}") for i in range(40)]
    return document


def duplicate_sessions(document: dict[str, Any]) -> dict[str, Any]:
    document["workouts"] = document["workouts"] + copy.deepcopy(document["workouts"])
    return document


def duplicate_ids(document: dict[str, Any]) -> dict[str, Any]:
    document["id"] = "week-1"
    for item in document["workouts"]:
        item["id"] = "same-id"
    return document


def no_workouts(document: dict[str, Any]) -> dict[str, Any]:
    document["workouts"] = []
    return document


def drop_dose(document: dict[str, Any]) -> dict[str, Any]:
    for item in _each_exercise(document):
        item.update(reps=None, reps_max=None, duration_minutes=None, distance_km=None)
    return document


def inverted_range(document: dict[str, Any]) -> dict[str, Any]:
    for item in _each_exercise(document):
        item.update(reps=12, reps_max=3)
    return document


def many_metrics(document: dict[str, Any]) -> dict[str, Any]:
    document["metrics"] = [{"key": f"m{i}", "value": i} for i in range(1_000)]
    document["metrics"].append({"key": HUGE_TEXT, "value": HUGE_TEXT})
    return document


WEEK_CHANGES = [
    _set_all("sets", -3),
    _set_all("sets", 0),
    _set_all("sets", 10**12),
    _set_all("reps", -1),
    _set_all("load_kg", -20),
    _set_all("load_kg", 1e308),
    _set_all("pct_one_rm", 500),
    _set_all("rpe", 11),
    _set_all("rir", -2),
    _set_all("rest_seconds", -60),
    _set_all("sets", "four"),
    _set_all("sets", 4.5),
    _set_all("sets", None),
    _set_all("name", ""),
    ten_thousand_exercises,
    huge_strings,
    hostile_text,
    dated_sessions,
    weekday_as_date,
    every_weekday,
    too_many_sessions,
    duplicate_sessions,
    duplicate_ids,
    no_workouts,
    drop_dose,
    inverted_range,
    many_metrics,
]


# --- the property: a valid model, or readable lines ----------------------------------------------

MAX_LINE = 2_000
"""A readable line is a sentence, not a 100,000-character echo of the input."""


def assert_readable(lines: list[str], *, path: re.Pattern[str] | None = None) -> None:
    assert lines, "rejected without a single reason"
    for line in lines:
        assert isinstance(line, str) and line.strip(), f"an empty problem line in {lines[:5]}"
        assert len(line) <= MAX_LINE, f"a {len(line)}-character problem line: {line[:200]}…"
        if path is not None:
            assert path.search(line), f"no path in {line!r}"


VALIDATION_LINE = re.compile(r": \S")
"""describe_validation_error's 'path: reason' (the root is called 'input'). The path may look blank
when the answer's own unknown key is blank or holds a newline (``{" ": 1}`` gives " : Extra inputs…")."""
DRAFT_LINE = re.compile(r"^(session \d+ |week \d+ ›)")


def parse_week(raw: str | bytes, week_number: int, dates: DateRange) -> Microcycle | list[str]:
    """What the drafter does with an answer: the SDK's parse, then the conversion to a Microcycle."""
    try:
        draft = DraftWeek.model_validate_json(raw)
    except ValidationError as error:
        lines = describe_validation_error(error)
        assert_readable(lines, path=VALIDATION_LINE)
        _event("week: rejected by the draft schema")
        return lines
    try:
        micro = draft_week_to_microcycle(draft, week_number, dates, deload=False)
    except DraftProblems as error:
        assert_readable(error.problems, path=DRAFT_LINE)
        assert str(error).strip()
        _event("week: parsed, rejected by the domain rules")
        return error.problems
    _event("week: became a microcycle")
    assert micro.week_number == week_number
    assert (micro.start_date, micro.end_date) == (dates.start_date, dates.end_date)
    assert all(dates.start_date <= w.date <= dates.end_date for w in micro.workouts)
    assert len(micro.workouts) == len(draft.workouts)
    return micro


def _event(label: str) -> None:
    """Outcome tally for ``--hypothesis-show-statistics`` (a no-op outside a hypothesis test)."""
    if currently_in_test_context():
        event(label)


def dumps(document: Any) -> str:
    return json.dumps(document, allow_nan=True)


week_choice = st.sampled_from(sorted(WEEKS))


# --- part (i): weeks -----------------------------------------------------------------------------


@fuzz(250)
@given(
    answer=json_values
    | st.fixed_dictionaries(
        {"week_number": json_values, "metrics": json_values, "workouts": json_values}
    )
    | st.fixed_dictionaries(
        {
            "week_number": st.integers(),
            "metrics": st.just([]),
            "workouts": st.lists(
                st.fixed_dictionaries(
                    {
                        "weekday": st.sampled_from(["Mon", "Thu", "Sun", "mon", "", "Funday"])
                        | json_leaves,
                        "session_type": json_leaves | st.just("lift"),
                        "title": json_leaves,
                        "blocks": json_values,
                        "targets": json_values,
                        "planned_minutes": json_leaves,
                        "target_rpe": json_leaves,
                        "notes": json_leaves,
                    }
                ),
                max_size=4,
            ),
        }
    ),
    which=week_choice,
)
def test_arbitrary_json_as_a_week_answer(answer: Any, which: str) -> None:
    parse_week_into_block(dumps(answer), which)


@fuzz(100)
@given(
    raw=st.text(max_size=200)
    | st.binary(max_size=200)
    | st.builds(
        lambda cut, junk: dumps(valid_week())[:cut] + junk,
        st.integers(0, 2_000),
        st.sampled_from(["", "```", "\n```json", "}}", "\x00", "\ufeff", " trailing words"]),
    )
    | st.builds(lambda text: f"```json\n{text}\n```", st.just(dumps(valid_week()))),
    which=week_choice,
)
def test_arbitrary_text_as_a_week_answer(raw: str | bytes, which: str) -> None:
    """Not JSON at all, cut off, fenced in markdown, with a BOM or trailing words."""
    parse_week_into_block(raw, which)


@fuzz(300)
@given(answer=mutated(valid_week(), WEEK_CHANGES), which=week_choice)
def test_mutated_week_answer(answer: dict[str, Any], which: str) -> None:
    parse_week_into_block(dumps(answer), which)


def test_the_unmutated_week_answer_is_valid() -> None:
    """Guard: the fuzzers' starting point converts, so their rejections come from the mutations."""
    for name in ("full week", "Thu–Sun transition"):
        assert isinstance(parse_week(dumps(valid_week()), *WEEKS[name]), Microcycle)
    assert parse_week(dumps(valid_week()), *WEEKS["Sun-only transition"])[0].startswith(
        "session 1 ('Thu session', Thu): Thu is not part of this week"
    )


def test_a_huge_title_is_not_echoed_into_every_problem() -> None:
    answer = valid_week()
    answer["workouts"][0]["title"] = HUGE_TEXT
    problems = parse_week(dumps(answer), *WEEKS["Sun-only transition"])
    assert isinstance(problems, list)
    assert max(len(line) for line in problems) <= MAX_LINE


WEEK_REJECTIONS = [
    (_set_all("sets", -3), "› sets: must be at least 1"),
    (_set_all("sets", 0), "› sets: must be at least 1"),
    (_set_all("sets", 10**12), "› sets: must be at most 20"),
    (_set_all("reps", -1), "› reps: must be at least 1"),
    (_set_all("load_kg", -20), "› load_kg: must be at least 0"),
    (_set_all("load_kg", 1e308), "› load_kg: must be at most 600"),
    (_set_all("pct_one_rm", 500), "› pct_one_rm: must be at most 110"),
    (_set_all("rpe", 11), "› rpe: must be at most 10"),
    (_set_all("rir", -2), "› rir: must be at least 0"),
    (_set_all("rest_seconds", -60), "› rest_seconds: must be at least 0"),
    (_set_all("sets", "four"), "sets: must be a valid integer, unable to parse string"),
    (_set_all("sets", 4.5), "sets: must be a valid integer, got a number with a fraction"),
    (_set_all("sets", None), "sets: must be a valid integer"),
    (_set_all("name", ""), "› name: String should have at least 1 character"),
    (ten_thousand_exercises, "› exercises: List should have at most 30 items"),
    (huge_strings, "› title: String should have at most 120 characters"),
    (dated_sessions, "workouts › 0 › date: Extra inputs are not permitted"),
    (weekday_as_date, "weekday: must be 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat' or 'Sun'"),
    (too_many_sessions, "week 1 › workouts: List should have at most 21 items"),
    (duplicate_ids, "workouts › 0 › id: Extra inputs are not permitted"),
    (drop_dose, "'Back Squat' needs reps, a duration or a distance"),
    (inverted_range, "the rep range's top must not be below its bottom"),
    (many_metrics, "week 1 › metrics: List should have at most 30 items"),
]


@pytest.mark.parametrize(
    ("change", "reason"), WEEK_REJECTIONS, ids=[c.__name__ for c, _ in WEEK_REJECTIONS]
)
def test_each_hostile_week_answer_is_rejected_with_its_reason(change: Any, reason: str) -> None:
    """Each targeted change alone, on an answer that is valid without it: rejected, and the lines
    say where and why."""
    problems = parse_week(dumps(change(valid_week())), *WEEKS["full week"])
    assert isinstance(problems, list), f"{change.__name__} was accepted"
    assert any(reason in line for line in problems), problems[:5]


def block_with(micro: Microcycle) -> MesocycleDetailed:
    """The engine's block with this week in place of its own, as the drafter assembles a block."""
    micros = [
        micro if m.week_number == micro.week_number else m for m in VALID_MESOCYCLE.microcycles
    ]
    return VALID_MESOCYCLE.model_copy(update={"microcycles": micros})


def block_errors_with_week(answer: dict[str, Any], number: int) -> list[Problem]:
    """The block's errors once week ``number`` is this drafted answer."""
    micro = parse_week(dumps(answer), number, microcycle_date_ranges(START, PLAN.weeks)[number])
    assert isinstance(micro, Microcycle), micro
    problems = validate_mesocycle(block_with(micro), PROFILE, PROGRAM.program_type, START)
    return [problem for problem in problems if problem.severity == "error"]


BLOCK_WEEK = {"full week": 1, "Thu–Sun transition": 0}
"""Where a test week sits in the engine's block (same weekdays): week 1, or its transition week."""


def parse_week_into_block(raw: str | bytes, which: str) -> Microcycle | list[str] | list[Problem]:
    """``parse_week``, then what the drafter does next with a week that converts: put it in its
    block and validate. A block with errors is a rejection; a block without must be sound."""
    outcome = parse_week(raw, *WEEKS[which])
    number = BLOCK_WEEK.get(which)
    if not isinstance(outcome, Microcycle) or number is None:
        return outcome
    dates = microcycle_date_ranges(START, PLAN.weeks)[number]
    micro = draft_week_to_microcycle(DraftWeek.model_validate_json(raw), number, dates, False)
    block = block_with(micro)
    problems = validate_mesocycle(block, PROFILE, PROGRAM.program_type, START)
    if has_errors(problems):
        _event("week: converted, rejected in its block")
        return problems
    assert_sound(block, PROFILE, START)
    _event("week: converted, accepted in its block")
    return micro


PARSED_BUT_HOSTILE_WEEKS = [
    (every_weekday, "week 1 › sessions", "trains on 7 days, but Alex Example is available 4"),
    (duplicate_sessions, "week 1 › sessions", "Week 1 has 8 training sessions"),
    (no_workouts, "week 1 › sessions", "Week 1 has 0 training sessions"),
    (_set_all("pct_one_rm", 105), "week 1 ›", "105 % of 1RM is above a true maximum"),
    (_set_all("load_kg", 590), "week 1 ›", "590 kg is above Alex Example's"),
    (_set_all("name", "Leg Press"), "week 1 ›", "Leg Press needs machines, which Alex Example"),
    (_set_all("sets", 20), "week 1 ›", "hard sets, far above the intermediate band of 10–16"),
]


@pytest.mark.parametrize(
    ("change", "path", "reason"),
    PARSED_BUT_HOSTILE_WEEKS,
    ids=[c.__name__ for c, _, _ in PARSED_BUT_HOSTILE_WEEKS],
)
def test_a_week_that_parses_but_breaks_a_rule_is_rejected_in_its_block(
    change: Any, path: str, reason: str
) -> None:
    """The schema lets these through; the validator, run on the assembled block, must not."""
    errors = block_errors_with_week(change(copy.deepcopy(GOOD_DRAFTS[1])), 1)
    assert any(p.path.startswith(path) and reason in p.message for p in errors), errors[:5]


def test_the_engines_own_week_as_an_answer_leaves_the_block_valid() -> None:
    """Guard for the test above: the starting answer alone breaks no rule."""
    assert block_errors_with_week(copy.deepcopy(GOOD_DRAFTS[1]), 1) == []


# --- part (i): outlines --------------------------------------------------------------------------


def parse_outline(raw: str) -> FitnessProgram | list[str]:
    try:
        draft = DraftOutline.model_validate_json(raw)
    except ValidationError as error:
        lines = describe_validation_error(error)
        assert_readable(lines, path=VALIDATION_LINE)
        return lines
    try:
        program = draft_outline_to_program(draft)
    except DraftProblems as error:
        assert_readable(error.problems, path=VALIDATION_LINE)
        return error.problems
    problems = outline_problems(program, 8, PROFILE)
    if problems:
        assert_readable(problems)
        return problems
    assert_sound_outline(program, 8, PROFILE)
    return program


def assert_sound_outline(program: FitnessProgram, weeks: int, profile: ClientProfile) -> None:
    """What an accepted outline must be, checked here without the drafter's own rules: the
    requested length, and splits of 7 days that never train more days than the client has."""
    assert sum(m.length_weeks for m in program.macrocycles) == weeks
    for macrocycle in program.macrocycles:
        for plan in macrocycle.mesocycles:
            for target in plan.weekly_targets:
                days = target.split.split("-")
                assert len(days) == 7, target.split
                training = sum(not is_rest_label(day) for day in days)
                assert training <= profile.days_per_week, target.split


def _phase_weeks(value: Any) -> Any:
    def change(document: dict[str, Any]) -> dict[str, Any]:
        document["macrocycles"][0]["mesocycles"][0]["weeks"] = value
        return document

    return change


def _missing_target(document: dict[str, Any]) -> dict[str, Any]:
    document["macrocycles"][0]["mesocycles"][0]["weekly_targets"].pop()
    return document


def _extra_target(document: dict[str, Any]) -> dict[str, Any]:
    targets = document["macrocycles"][0]["mesocycles"][0]["weekly_targets"]
    targets.append(copy.deepcopy(targets[-1]))
    return document


def _seven_day_split(document: dict[str, Any]) -> dict[str, Any]:
    for phase in document["macrocycles"][0]["mesocycles"]:
        for target in phase["weekly_targets"]:
            target["split"] = "A-B-C-D-E-F-G"
    return document


def _endurance_without_mileage(document: dict[str, Any]) -> dict[str, Any]:
    document["program_type"] = "endurance"
    return document


def _huge_overview(document: dict[str, Any]) -> dict[str, Any]:
    document["overview"] = HUGE_TEXT
    document["macrocycles"][0]["name"] = HUGE_TEXT
    return document


def _thousand_phases(document: dict[str, Any]) -> dict[str, Any]:
    phase = document["macrocycles"][0]["mesocycles"][0]
    document["macrocycles"][0]["mesocycles"] = [copy.deepcopy(phase) for _ in range(1_000)]
    return document


OUTLINE_CHANGES = [
    _phase_weeks(-4),
    _phase_weeks(0),
    _phase_weeks(10**6),
    _phase_weeks("four"),
    _missing_target,
    _extra_target,
    _seven_day_split,
    _endurance_without_mileage,
    _huge_overview,
    _thousand_phases,
]


@fuzz(100)
@given(
    answer=json_values
    | st.fixed_dictionaries(
        {"program_type": json_leaves, "overview": json_leaves, "macrocycles": json_values}
    )
)
def test_arbitrary_json_as_an_outline_answer(answer: Any) -> None:
    parse_outline(dumps(answer))


@fuzz(100)
@given(answer=mutated(valid_outline(), OUTLINE_CHANGES))
def test_mutated_outline_answer(answer: dict[str, Any]) -> None:
    parse_outline(dumps(answer))


def test_the_unmutated_outline_is_valid() -> None:
    assert isinstance(parse_outline(dumps(valid_outline())), FitnessProgram)


OUTLINE_REJECTIONS = [
    (_phase_weeks(-4), "mesocycles › 0 › weeks: must be at least 1"),
    (_phase_weeks(0), "mesocycles › 0 › weeks: must be at least 1"),
    (_phase_weeks(10**6), "mesocycles › 0 › weeks: must be at most 12"),
    (_phase_weeks("four"), "weeks: must be a valid integer, unable to parse string"),
    (_missing_target, "phase 'Hypertrophy' has 4 weeks but 3 weekly targets"),
    (_extra_target, "phase 'Hypertrophy' has 4 weeks but 5 weekly targets"),
    (_seven_day_split, "7 training days, but the client has only 4 a week"),
    (_endurance_without_mileage, "an endurance block needs a weekly mileage target"),
    (_huge_overview, "overview: String should have at most 4000 characters"),
    (_thousand_phases, "is 8 weeks long but its phases add up to 4000 weeks"),
    (lambda _: valid_outline(12), "the macrocycles add up to 12 weeks; the program must be 8"),
]


@pytest.mark.parametrize(
    ("change", "reason"),
    OUTLINE_REJECTIONS,
    ids=[
        "weeks_-4",
        "weeks_0",
        "weeks_1e6",
        "weeks_four",
        *(c.__name__ for c, _ in OUTLINE_REJECTIONS[4:-1]),
        "twelve_weeks_for_eight",
    ],
)
def test_each_hostile_outline_is_rejected_with_its_reason(change: Any, reason: str) -> None:
    problems = parse_outline(dumps(change(valid_outline())))
    assert isinstance(problems, list), "accepted"
    assert any(reason in line for line in problems), problems[:5]


# --- part (i): whole mesocycles (the validator's JSON entry point) --------------------------------

ENGINE = OfflineEngine()
START = THURSDAY  # a transition week 0, then full weeks
PROGRAM = ENGINE.outline(PROFILE, 12, START)
PLAN = PROGRAM.macrocycles[0].mesocycles[0]
VALID_MESOCYCLE = ENGINE.breakdown(PLAN, PROFILE, PROGRAM.program_type, START)


def valid_mesocycle_json() -> dict[str, Any]:
    """The engine's block with ids, as camelCase JSON (what an edited preview round-trips as)."""
    return assign_ids(VALID_MESOCYCLE).model_dump(mode="json")


def _micros(document: dict[str, Any]) -> list[dict[str, Any]]:
    return document["microcycles"]


def _drop_week(document: dict[str, Any]) -> dict[str, Any]:
    _micros(document).pop(2)
    return document


def _drop_last_week(document: dict[str, Any]) -> dict[str, Any]:
    _micros(document).pop()
    return document


def _extra_week(document: dict[str, Any]) -> dict[str, Any]:
    extra = copy.deepcopy(_micros(document)[-1])
    extra["weekNumber"] += 1
    _micros(document).append(extra)
    return document


def _duplicate_week(document: dict[str, Any]) -> dict[str, Any]:
    _micros(document).insert(1, copy.deepcopy(_micros(document)[1]))
    return document


def _swap_weeks(document: dict[str, Any]) -> dict[str, Any]:
    micros = _micros(document)
    micros[1], micros[2] = micros[2], micros[1]
    return document


def _shift_week_dates(days: int) -> Any:
    def change(document: dict[str, Any]) -> dict[str, Any]:
        micro = _micros(document)[1]
        for key in ("startDate", "endDate"):
            micro[key] = (date.fromisoformat(micro[key]) + timedelta(days=days)).isoformat()
        for item in micro["workouts"]:
            item["date"] = (date.fromisoformat(item["date"]) + timedelta(days=days)).isoformat()
        return document

    change.__name__ = f"shift_week_dates_{days}"
    return change


def _workout_in_another_week(document: dict[str, Any]) -> dict[str, Any]:
    first = _micros(document)[1]["workouts"][0]
    first["date"] = _micros(document)[2]["workouts"][0]["date"]
    return document


def _impossible_dates(document: dict[str, Any]) -> dict[str, Any]:
    document["startDate"] = "2025-02-30"
    _micros(document)[1]["workouts"][0]["date"] = "2025-13-45"
    return document


def _wrong_start(document: dict[str, Any]) -> dict[str, Any]:
    document["startDate"] = "2025-03-03"
    return document


def _duplicate_workout_ids(document: dict[str, Any]) -> dict[str, Any]:
    workouts = [w for micro in _micros(document) for w in micro["workouts"]]
    workouts[1]["id"] = workouts[0]["id"]
    return document


def _shared_id_across_levels(document: dict[str, Any]) -> dict[str, Any]:
    _micros(document)[1]["id"] = document["mesocycleId"]
    _micros(document)[2]["workouts"][0]["id"] = document["mesocycleId"]
    return document


def _llm_label_ids(document: dict[str, Any]) -> dict[str, Any]:
    _micros(document)[1]["id"] = "week-1"
    _micros(document)[1]["workouts"][0]["id"] = "w1"
    return document


def _meso_exercises(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        e
        for micro in _micros(document)
        for w in micro["workouts"]
        for b in w["blocks"]
        for e in b["exercises"]
    ]


def _meso_set_all(field: str, value: Any) -> Any:
    def change(document: dict[str, Any]) -> dict[str, Any]:
        for item in _meso_exercises(document):
            item[field] = value
        return document

    change.__name__ = f"meso_set_{field}"
    return change


def _meso_ten_thousand_exercises(document: dict[str, Any]) -> dict[str, Any]:
    block = _micros(document)[1]["workouts"][0]["blocks"][0]
    block["exercises"] = [copy.deepcopy(block["exercises"][0]) for _ in range(10_000)]
    return document


def _meso_huge_strings(document: dict[str, Any]) -> dict[str, Any]:
    document["phase"] = HUGE_TEXT
    workout_ = _micros(document)[1]["workouts"][0]
    workout_["title"] = workout_["notes"] = HUGE_TEXT
    return document


def _weeks_mismatch(document: dict[str, Any]) -> dict[str, Any]:
    document["weeks"] += 1
    return document


def _targets_missing(document: dict[str, Any]) -> dict[str, Any]:
    document["weeklyTargets"] = document["weeklyTargets"][:-1]
    document["weeks"] -= 1
    return document


def _sessions_on_rest_days(document: dict[str, Any]) -> dict[str, Any]:
    micro = _micros(document)[1]
    monday = date.fromisoformat(micro["startDate"])
    extra = copy.deepcopy(micro["workouts"][0])
    extra.pop("id", None)
    micro["workouts"] = [
        {**copy.deepcopy(extra), "date": (monday + timedelta(days=i)).isoformat()} for i in range(7)
    ]
    return document


def _snake_case_keys(document: dict[str, Any]) -> dict[str, Any]:
    document["weekly_targets"] = document.pop("weeklyTargets")
    return document


MESOCYCLE_CHANGES = [
    _drop_week,
    _drop_last_week,
    _extra_week,
    _duplicate_week,
    _swap_weeks,
    _shift_week_dates(1),
    _shift_week_dates(-7),
    _workout_in_another_week,
    _impossible_dates,
    _wrong_start,
    _duplicate_workout_ids,
    _shared_id_across_levels,
    _llm_label_ids,
    _meso_set_all("sets", -3),
    _meso_set_all("sets", 20),
    _meso_set_all("pctOneRm", 105),
    _meso_set_all("loadKg", 590),
    _meso_set_all("rir", 0),
    _meso_set_all("name", "Barbell Back Squat"),
    _meso_ten_thousand_exercises,
    _meso_huge_strings,
    _weeks_mismatch,
    _targets_missing,
    _sessions_on_rest_days,
    _snake_case_keys,
]

PROBLEM_PATH = re.compile(r"\S")


def check_mesocycle(data: Any) -> MesocycleDetailed | list[Problem]:
    """validate_mesocycle_json's outcome: no model and errors, or a model and its problems; a model
    without errors must be storable (its rows build without an InvalidPlan)."""
    mesocycle, problems = validate_mesocycle_json(data, PROFILE, PROGRAM.program_type, START)
    for problem in problems:
        assert problem.severity in ("error", "warning")
        assert isinstance(problem.path, str) and PROBLEM_PATH.search(problem.path), problem
        assert problem.message.strip(), problem
        assert len(problem.path) + len(problem.message) <= MAX_LINE, problem.message[:200]
    if mesocycle is None:
        assert has_errors(problems), "rejected without an error"
        _event("mesocycle: rejected by the schema")
        return problems
    if has_errors(problems):
        _event("mesocycle: parsed, rejected by the rules")
        return problems
    _event("mesocycle: valid")
    assert_sound(mesocycle, PROFILE, START)
    build_mesocycle_rows(mesocycle, uuid.uuid4(), "m", uuid.uuid4(), 0, START, datetime.now(UTC))
    return mesocycle


def assert_sound(mesocycle: MesocycleDetailed, profile: ClientProfile, start: date) -> None:
    """What any block the validator accepts must be, checked here without the validator's rules:
    the weeks and dates of the date rule, ids used once, no more training days than the client
    has, nothing above a true maximum or the client's 1RM, only the client's equipment, no loaded
    injured area, sessions within the client's minutes (+10 %), hard sets within 1.5× the band."""
    ranges = microcycle_date_ranges(start, mesocycle.weeks)
    assert [m.week_number for m in mesocycle.microcycles] == list(ranges)
    assert mesocycle.start_date in (None, start)
    ids = [mesocycle.mesocycle_id, *(m.id for m in mesocycle.microcycles)]
    ids += [w.id for w in mesocycle.workouts()]
    known = [value for value in ids if value is not None]
    assert len(known) == len(set(known)), "an id is used twice"
    equipment = {item.value for item in profile.equipment} - {"none"}
    injuries = {area.value for area in profile.injuries}
    top = HARD_SET_BANDS[profile.experience][1]
    for micro in mesocycle.microcycles:
        week = ranges[micro.week_number]
        assert micro.start_date in (None, week.start_date)
        assert micro.end_date in (None, week.end_date)
        training = [w for w in micro.workouts if w.session_type != SessionType.REST]
        assert all(week.start_date <= w.date <= week.end_date for w in micro.workouts)
        assert len({w.date for w in training}) <= profile.days_per_week
        if not micro.is_transition:
            assert max(weekly_hard_sets(micro.workouts).values(), default=0) <= top * 1.5
            split = mesocycle.weekly_targets[micro.week_number - 1].split.split("-")
            if len(split) == 7:
                assert len(training) == sum(not is_rest_label(day) for day in split), micro
        for workout in training:
            if workout.planned_minutes is not None:
                assert workout.planned_minutes <= profile.minutes_per_session * 1.1
            for block in workout.blocks:
                for item in block.exercises:
                    assert item.pct_one_rm is None or item.pct_one_rm <= 102.5, item
                    entry = find_exercise(item.name)
                    if entry is None:
                        continue
                    assert set(entry.equipment) <= equipment, (item.name, entry.equipment)
                    assert not entry.loaded_areas(injuries), item.name
                    one_rm = one_rep_max(profile, entry.one_rm_key)
                    if item.load_kg is not None and one_rm is not None:
                        assert item.load_kg <= one_rm * 1.025, (item.name, item.load_kg)


def test_the_unmutated_mesocycle_is_valid() -> None:
    assert isinstance(check_mesocycle(valid_mesocycle_json()), MesocycleDetailed)


@fuzz(150)
@given(
    data=json_values
    | st.fixed_dictionaries(
        {
            "phase": json_leaves,
            "weeks": json_leaves,
            "weeklyTargets": json_values,
            "microcycles": json_values,
        }
    )
)
def test_arbitrary_json_as_a_mesocycle(data: Any) -> None:
    check_mesocycle(data)


@fuzz(250)
@given(data=mutated(valid_mesocycle_json(), MESOCYCLE_CHANGES))
def test_mutated_mesocycle_json(data: dict[str, Any]) -> None:
    check_mesocycle(data)


MESOCYCLE_REJECTIONS = [
    (_drop_week, "weeks must be numbered [0, 1, 2, 3, 4] in order"),
    (_drop_last_week, "weeks must be numbered [0, 1, 2, 3, 4] in order"),
    (_extra_week, "weeks must be numbered [0, 1, 2, 3, 4] in order"),
    (_duplicate_week, "weeks must be numbered [0, 1, 2, 3, 4] in order"),
    (_swap_weeks, "weeks must be numbered [0, 1, 2, 3, 4] in order"),
    (_shift_week_dates(1), "Week 1 should run from Mon 2025-03-10 to Sun 2025-03-16"),
    (_shift_week_dates(-7), "Week 1 should run from Mon 2025-03-10 to Sun 2025-03-16"),
    (_workout_in_another_week, "is outside the week (2025-03-10 to 2025-03-16)"),
    (_impossible_dates, "must be a valid date or datetime"),
    (_wrong_start, "The block starts on 2025-03-03, but was planned to start on 2025-03-06."),
    (_duplicate_workout_ids, "is already used by week 0 › Thu"),
    (_shared_id_across_levels, "is already used by mesocycle"),
    (_llm_label_ids, "must be a valid UUID"),
    (_meso_set_all("sets", -3), "must be at least 1"),
    (_meso_set_all("sets", 20), "hard sets, far above the intermediate band of 10–16"),
    (_meso_set_all("pctOneRm", 105), "105 % of 1RM is above a true maximum"),
    (_meso_set_all("loadKg", 590), "590 kg is above Alex Example's"),
    (_meso_set_all("name", "Barbell Back Squat"), "far above the intermediate band of 10–16"),
    (_meso_ten_thousand_exercises, "List should have at most 30 items"),
    (_meso_huge_strings, "String should have at most 60 characters"),
    (_weeks_mismatch, "has 5 weeks but 4 weekly targets"),
    (_targets_missing, "weeks must be numbered [0, 1, 2, 3] in order"),
    (_sessions_on_rest_days, "trains on 7 days, but Alex Example is available 4 days a week"),
]
MESOCYCLE_REJECTION_IDS = [
    "drop_week",
    "drop_last_week",
    "extra_week",
    "duplicate_week",
    "swap_weeks",
    "shift_dates_+1",
    "shift_dates_-7",
    "workout_in_another_week",
    "impossible_dates",
    "wrong_start",
    "duplicate_workout_ids",
    "shared_id_across_levels",
    "llm_label_ids",
    "sets_-3",
    "sets_20",
    "pct_105",
    "load_590",
    "all_back_squats",
    "ten_thousand_exercises",
    "huge_strings",
    "weeks_mismatch",
    "targets_missing",
    "sessions_on_rest_days",
]


@pytest.mark.parametrize(("change", "reason"), MESOCYCLE_REJECTIONS, ids=MESOCYCLE_REJECTION_IDS)
def test_each_hostile_block_is_rejected_with_its_reason(change: Any, reason: str) -> None:
    """Each targeted change alone, on the valid block: an error that says what is wrong."""
    _, problems = validate_mesocycle_json(
        change(valid_mesocycle_json()), PROFILE, PROGRAM.program_type, START
    )
    errors = [problem.message for problem in problems if problem.severity == "error"]
    assert any(reason in message for message in errors), errors[:5]


# --- part (ii): hostile answers through the real SDK and the fake server --------------------------

E2E_PLAN = PROGRAM.macrocycles[0].mesocycles[0]
E2E_WEEKS = sorted(micro.week_number for micro in VALID_MESOCYCLE.microcycles)


GOOD_DRAFTS = {
    micro.week_number: draft_from_microcycle(micro) for micro in VALID_MESOCYCLE.microcycles
}
SERVICE_FAILURES = ("refusal", "content_filter", "http_500", "http_400")


CONTENT_KINDS = ["good"] * 3 + ["mutated"] * 4 + ["json", "text", "cut_off", "good_but_long"]


def service_failure(kind: str) -> FakeResponse:
    if kind == "refusal":
        return refusal("I can't help with that.")
    if kind == "content_filter":
        return finish("content_filter", "")
    return status(500 if kind == "http_500" else 400, "fake failure", retry_after_ms=None)


@st.composite
def content_answer(draw: st.DrawFn, week_number: int) -> tuple[str, FakeResponse]:
    """(kind, response): a good, mutated, foreign, empty or cut-off answer for one week."""
    kind = draw(st.sampled_from(CONTENT_KINDS))
    good = GOOD_DRAFTS[week_number]
    if kind == "good":
        return kind, content(good)
    if kind == "mutated":
        return kind, content(dumps(draw(mutated(good, WEEK_CHANGES))))
    if kind == "json":
        return kind, content(dumps(draw(json_values)))
    if kind == "text":
        texts = ["", "null", "{}", "[]", "Sure! Here is your plan:", HUGE_TEXT]
        return kind, content(draw(st.sampled_from(texts)))
    if kind == "cut_off":
        return kind, finish("length", dumps(good)[: draw(st.integers(0, 400))])
    return kind, content(good, finish_reason="length")  # complete, but flagged as cut off


@st.composite
def scripts(draw: st.DrawFn) -> dict[int, list[tuple[str, FakeResponse]]]:
    """Per week, the answers to its 1st, 2nd, 3rd… call (the last one repeats); in about a third
    of the blocks one answer somewhere is a service failure instead."""
    script = {
        number: draw(st.lists(content_answer(number), min_size=1, max_size=3))
        for number in E2E_WEEKS
    }
    failure = draw(st.sampled_from([None] * 7 + list(SERVICE_FAILURES)))
    if failure is not None:
        answers = script[draw(st.sampled_from(E2E_WEEKS))]
        answers[draw(st.integers(0, len(answers) - 1))] = (failure, service_failure(failure))
    return script


class ScriptedResponder:
    def __init__(self, script: dict[int, list[tuple[str, FakeResponse]]]) -> None:
        self.script = script
        self.calls: dict[int, int] = dict.fromkeys(script, 0)
        self.served: list[str] = []
        self.lock = threading.Lock()

    def __call__(self, request: RecordedRequest) -> FakeResponse:
        first_user = next(m for m in request.messages if m["role"] == "user")
        number = int(re.search(r"Week to write: (\d+)", first_user["content"]).group(1))
        with self.lock:
            answers = self.script[number]
            kind, response = answers[min(self.calls[number], len(answers) - 1)]
            self.calls[number] += 1
            self.served.append(kind)
        return response


@pytest.fixture(scope="module")
def fake_server() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as server:
        yield server


@fuzz(40)
@given(script=scripts())
def test_hostile_answers_end_to_end(fake_server: FakeOpenAIServer, script: Any) -> None:
    """Repaired, fallen back per week, or a GenerationError — and only for a service failure."""
    responder = ScriptedResponder(script)
    fake_server.responder = responder
    generator = OpenAIGenerator(
        openai.OpenAI(base_url=fake_server.url, api_key="test-key", max_retries=0, timeout=10),
        model="fuzz-model",
        fallback=ENGINE,
        validate=validate_mesocycle,
        max_repairs=2,
    )
    try:
        mesocycle = generator.breakdown(E2E_PLAN, PROFILE, PROGRAM.program_type, START)
    except GenerationError as error:
        assert str(error).strip() and len(str(error)) <= MAX_LINE
        assert set(responder.served) & set(SERVICE_FAILURES), (
            f"{type(error).__name__} ({error}) without a service failure: {responder.served}"
        )
        _event(f"e2e: {type(error).__name__}")
        return
    assert [m.week_number for m in mesocycle.microcycles] == E2E_WEEKS
    assert {m.generated_by for m in mesocycle.microcycles} <= {OPENAI, OFFLINE_FALLBACK}
    problems = validate_mesocycle(mesocycle, PROFILE, PROGRAM.program_type, START)
    assert not has_errors(problems), [p for p in problems if p.severity == "error"]
    assert_sound(mesocycle, PROFILE, START)
    fallen = sum(m.generated_by == OFFLINE_FALLBACK for m in mesocycle.microcycles)
    _event(f"e2e: mesocycle with {fallen} fallback week(s)")


def test_a_non_finite_metric_is_rejected() -> None:
    answer = valid_week()
    answer["metrics"] = [{"key": "hard_sets_quads", "value": float("nan")}]
    assert isinstance(parse_week(dumps(answer), *WEEKS["full week"]), list)
