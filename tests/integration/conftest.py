"""Integration-tier fixtures (the shared database fixtures are in tests/conftest.py): cheap
password hashing, and ``storage``, the same Storage port on the fake, SQLite and PostgreSQL.

Coach accounts are created in almost every integration test, and each production argon2 hash
takes a few hundred milliseconds on purpose. Here the same argon2id algorithm runs with the
smallest cost parameters, so hashing and verifying stay real while the databases are what the
tier spends its time on; tests/unit/test_password_hashing.py checks the production parameters.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from argon2 import PasswordHasher

import db.accounts
from core.ports import Storage
from db.engine import make_engine
from db.storage import SqlStorage
from tests.conftest import default_coach_id
from tests.fakes import InMemoryStorage

CHEAP_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


@pytest.fixture(autouse=True, scope="module")
def cheap_password_hashing() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(db.accounts, "_hasher", CHEAP_HASHER)
        patch.setattr(db.accounts, "_DUMMY_HASH", CHEAP_HASHER.hash("periodize-no-such-coach"))
        yield


@pytest.fixture(params=["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def storage(request: pytest.FixtureRequest) -> Iterator[Storage]:
    if request.param == "memory":
        yield InMemoryStorage()
        return
    url = request.getfixturevalue(
        "migrated_sqlite_url" if request.param == "sqlite" else "migrated_pg_url"
    )
    engine = make_engine(url)
    try:
        yield SqlStorage(engine, default_coach_id(engine))
    finally:
        engine.dispose()
