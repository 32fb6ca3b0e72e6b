"""A NUL character in any text is refused (or, in a search, ignored) in words, never a traceback.

PostgreSQL cannot store or even compare text containing NUL (0x00): before, a client name, a
username at sign-in or a search string with one raised psycopg's DataError up to the page. Both
backends answer the same.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest
from pydantic import ValidationError
from sqlalchemy import Engine, func, select

from core.errors import InvalidInput
from core.records import assign_ids, build_mesocycle_rows
from core.schemas import ClientProfile, describe_validation_error
from db.accounts import (
    authenticate,
    coach_by_email,
    coach_by_username,
    create_coach,
    set_password,
)
from db.models import ClientDB, CoachDB, MesocycleDB
from db.storage import SqlStorage
from tests.conftest import DEFAULT_COACH, MACROCYCLE_ID, default_coach_id, store_client_and_program
from tests.factories import make_mesocycle, make_profile

NUL = "\x00"
PASSWORD = "correct horse battery"  # the conftest coach's
STORE_REFUSED = (
    "Text with a NUL character (\\0) cannot be stored or looked up; remove it and try again."
)


def _count(engine: Engine, model: type) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(model)).scalar_one()


def test_a_client_name_with_nul_is_refused_by_the_profile() -> None:
    with pytest.raises(ValidationError) as caught:
        ClientProfile.model_validate(make_profile().model_dump() | {"name": f"Ann{NUL}Lee"})
    assert describe_validation_error(caught.value) == [
        "name: text cannot contain the NUL character (\\0)"
    ]


def test_a_lift_name_with_nul_is_refused_by_the_profile() -> None:
    data = make_profile().model_dump() | {"oneRepMaxes": {f"Back{NUL} Squat": 140.0}}
    with pytest.raises(ValidationError) as caught:
        ClientProfile.model_validate(data)
    assert describe_validation_error(caught.value) == [
        "oneRepMaxes: text cannot contain the NUL character (\\0)"
    ]


def test_a_search_or_a_name_lookup_with_nul_answers_without_a_fault(engine: Engine) -> None:
    store_client_and_program(engine, name="Alice Example")
    storage = SqlStorage(engine, default_coach_id(engine))
    assert [c.profile.name for c in storage.list_clients(f"Ali{NUL}ce")] == ["Alice Example"]
    assert [c.profile.name for c in storage.list_clients(NUL)] == ["Alice Example"]
    assert storage.find_client_by_name(f"Alice Example{NUL}") is None
    assert storage.find_client_by_name("Alice Example") is not None


def test_sign_in_and_account_lookups_with_nul_find_no_one(engine: Engine) -> None:
    coach_id = default_coach_id(engine)
    assert authenticate(engine, f"{DEFAULT_COACH}{NUL}", PASSWORD) is None
    assert authenticate(engine, DEFAULT_COACH, f"{PASSWORD}{NUL}") is None
    signed_in = authenticate(engine, DEFAULT_COACH, PASSWORD)
    assert signed_in is not None and signed_in.id == coach_id
    assert coach_by_username(engine, f"{NUL}{DEFAULT_COACH}") is None
    assert coach_by_email(engine, f"a{NUL}@example.com") is None


def test_an_account_with_nul_in_its_name_or_e_mail_is_refused(engine: Engine) -> None:
    default_coach_id(engine)
    before = _count(engine, CoachDB)
    with pytest.raises(InvalidInput, match=r"^A name or e-mail cannot contain the NUL"):
        create_coach(engine, "newcoach", PASSWORD, f"New{NUL}Coach")
    with pytest.raises(InvalidInput, match=r"^A name or e-mail cannot contain the NUL"):
        create_coach(engine, "newcoach", PASSWORD, "New", f"new{NUL}@example.com")
    with pytest.raises(InvalidInput, match=r"^There is no coach with that username\.$"):
        set_password(engine, f"{DEFAULT_COACH}{NUL}", "another good password")
    assert _count(engine, CoachDB) == before


@pytest.mark.postgres
def test_on_postgresql_any_other_text_with_nul_is_refused_in_words(pg_url: str) -> None:
    """What no form checks (a plan's workout title, a profile built without validation) still
    reaches the coach as a sentence, and nothing is stored."""
    from db.engine import make_engine
    from db.migrate import upgrade_to_head

    engine = make_engine(pg_url)
    try:
        upgrade_to_head(engine)
        ids = store_client_and_program(engine)
        storage = SqlStorage(engine, default_coach_id(engine))
        unvalidated = ClientProfile.model_construct(**(make_profile().__dict__ | {"name": "B\0"}))
        with pytest.raises(InvalidInput) as caught:
            storage.create_client(unvalidated)
        assert str(caught.value) == STORE_REFUSED
        assert _count(engine, ClientDB) == 1

        mesocycle = assign_ids(make_mesocycle(date(2026, 11, 30), weeks=3))
        rows = build_mesocycle_rows(
            mesocycle,
            ids.program_id,
            MACROCYCLE_ID,
            ids.client_id,
            0,
            date(2026, 11, 30),
            datetime.now(UTC),
        )
        rows.workouts[4]["title"] = f"Squat{NUL}day"
        with pytest.raises(InvalidInput) as caught:
            storage.save_mesocycle(rows)
        assert str(caught.value) == STORE_REFUSED
        assert _count(engine, MesocycleDB) == 0
        assert uuid.UUID(str(storage.save_mesocycle(_clean(rows)))) == rows.mesocycle_id
    finally:
        engine.dispose()


def _clean(rows):  # type: ignore[no-untyped-def]
    rows.workouts[4]["title"] = "Squat day"
    return rows
