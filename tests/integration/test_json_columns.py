"""JSON columns through ``db.engine.json_text`` (orjson): the same values back, on both backends."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import Engine

from db.engine import json_text
from db.storage import SqlStorage
from db.unit_of_work import SqlUnitOfWork
from tests.conftest import ClientAndProgram, default_coach_id
from tests.factories import make_profile


@pytest.mark.parametrize(
    "value",
    [
        {"name": "Émile Ångström", "note": '5×5 @ 80 % — ok \u2028 \t "quoted" \\ back'},
        [1, 2.5, 1e-7, 123456789.125, -0.0, True, False, None, "", [], {}],
        {"nested": [{"repsMax": None, "loadKg": 82.5, "activities": ["Back Squat: 4x6"]}]},
        {"big": 2**70, "small": -(2**70)},  # beyond 64 bits: orjson refuses, json.dumps writes it
        {1: "an integer key"},  # orjson refuses non-string keys; json.dumps makes them "1"
    ],
    ids=["text", "scalars", "blocks", "big-integers", "integer-key"],
)
def test_json_text_is_the_json_the_standard_library_would_write(value: Any) -> None:
    assert json.loads(json_text(value)) == json.loads(json.dumps(value))


def test_json_text_writes_utf_8_and_no_spaces() -> None:
    assert json_text({"name": "Émile", "sets": [1, 2]}) == '{"name":"Émile","sets":[1,2]}'


def test_a_profile_and_a_program_read_back_as_stored(
    engine: Engine, client_and_program: ClientAndProgram
) -> None:
    storage = SqlStorage(engine, default_coach_id(engine))
    profile = make_profile(name="Émile Ångström")
    client_id = storage.create_client(profile)
    assert storage.get_client(client_id).profile == profile
    with SqlUnitOfWork(engine, default_coach_id(engine)) as uow:
        row = uow.clients.get_client(client_id)
        assert row is not None and row.profile == profile.model_dump(mode="json")
        program = uow.programs.get_program(client_and_program.program_id)
        assert program is not None
        assert program.macrocycles[0]["id"] == "macro-1"
        assert [m["phase"] for m in program.macrocycles[0]["mesocycles"]] == [
            "Hypertrophy",
            "Strength",
            "Peak",
        ]
