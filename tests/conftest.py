"""Shared fixtures: real SQLite files and throw-away PostgreSQL databases, empty or migrated.

Migrations run once per test session and backend, into a template: a SQLite file that each test
gets a copy of, and a PostgreSQL database each test's database is created from (``CREATE DATABASE …
TEMPLATE …``, a file-level copy). Every test still owns its database; only the migrating is shared.
Tests of the migrations themselves take the empty fixtures and migrate on their own.

Fixtures
--------
``sqlite_url``            a SQLite file URL in ``tmp_path`` (the file does not exist yet).
``pg_url``                a fresh, empty, uniquely named PostgreSQL database (dropped WITH (FORCE)
                          after). Server: ``PERIODIZE_TEST_PG_URL`` (default
                          ``postgresql://postgres@127.0.0.1:5432/postgres``; the database named
                          there is only used to run CREATE/DROP DATABASE). Unreachable server:
                          skipped, but a failure when ``CI=true``.
``backend_url``           parametrized over ["sqlite", "postgres"]: one of the two URLs above, empty.
``migrated_sqlite_url``   ``sqlite_url``'s file, now a copy of the session's migrated template.
``migrated_pg_url``       a fresh PostgreSQL database created from the session's migrated template.
``migrated_backend_url``  parametrized like ``backend_url``: one of the two migrated URLs above.
``engine``                an Engine on ``migrated_backend_url`` (migrated to head), disposed after.
``client_and_program``    stores a client and a FitnessProgramDB on ``engine``; returns
                          ``ClientAndProgram(client_id, program_id)`` (a NamedTuple, so it unpacks).

Every test that uses the ``postgres`` parameter carries the ``postgres`` marker, so
``-m "not postgres"`` runs the SQLite half only.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import NamedTuple

import psycopg
import pytest
from psycopg import sql
from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from db.accounts import coach_by_username, create_coach
from db.engine import make_engine
from db.migrate import upgrade_to_head
from db.models import FitnessProgramDB
from db.settings import normalize_url
from db.unit_of_work import SqlUnitOfWork
from tests.factories import make_plan, make_profile

DEFAULT_PG_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
MACROCYCLE_ID = "macro-1"

_pg_problem: list[str] = []  # memo: the first connection failure, so later tests skip quickly
_pg_checked: list[bool] = []


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def _pg_admin_conninfo() -> tuple[str, str]:
    """(libpq URL of the maintenance database, SQLAlchemy URL template without a database)."""
    raw = normalize_url(os.environ.get("PERIODIZE_TEST_PG_URL", "").strip() or DEFAULT_PG_URL)
    url = make_url(raw)
    admin = url.set(drivername="postgresql", database=url.database or "postgres")
    return admin.render_as_string(hide_password=False), url.render_as_string(hide_password=False)


def _connect_admin() -> psycopg.Connection:
    admin_url, _ = _pg_admin_conninfo()
    if not _pg_checked:
        _pg_checked.append(True)
        try:
            psycopg.connect(admin_url, connect_timeout=3, autocommit=True).close()
        except psycopg.OperationalError as error:
            _pg_problem.append(f"{error}".strip().splitlines()[0] if str(error) else repr(error))
    if _pg_problem:
        where = make_url(admin_url).render_as_string(hide_password=True)
        message = (
            f"PostgreSQL is not reachable at {where} ({_pg_problem[0]}). "
            "Start it or point PERIODIZE_TEST_PG_URL at a server where this user may CREATE DATABASE."
        )
        if _in_ci():
            pytest.fail(f"CI=true, so the PostgreSQL tests must run: {message}")
        pytest.skip(message)
    return psycopg.connect(admin_url, connect_timeout=5, autocommit=True)


def _pg_url_of(name: str) -> str:
    """The SQLAlchemy URL of database ``name`` on the test server."""
    _, template = _pg_admin_conninfo()
    url = make_url(template).set(drivername="postgresql+psycopg", database=name)
    return url.render_as_string(hide_password=False)


def _drop_pg_database(name: str) -> None:
    with _connect_admin() as admin:
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def _migrate(url: str) -> None:
    """Migrate the database at ``url`` to head and close every connection to it."""
    migrated = make_engine(url)
    try:
        upgrade_to_head(migrated)
    finally:
        migrated.dispose()


@pytest.fixture
def sqlite_url(tmp_path) -> str:  # type: ignore[no-untyped-def]
    return f"sqlite:///{tmp_path / 'periodize-test.db'}"


@pytest.fixture
def pg_url() -> Iterator[str]:
    name = f"periodize_test_{uuid.uuid4().hex[:16]}"
    with _connect_admin() as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield _pg_url_of(name)
    finally:
        _drop_pg_database(name)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend_url(request: pytest.FixtureRequest) -> str:
    """An empty database of each backend (not migrated)."""
    return request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url")


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated to head once per session; tests get copies, never this file."""
    path = tmp_path_factory.mktemp("template") / "periodize-template.db"
    _migrate(f"sqlite:///{path}")
    # Disposing the engine closed the last connection, which checkpoints the WAL into the file.
    assert not path.with_name(path.name + "-wal").exists(), "the template's WAL was not folded in"
    return path


class PgCopies:
    """Databases copied from the migrated template, one made ahead of the test that takes it and
    each dropped after its test, in the background: creating and dropping a PostgreSQL database
    cost up to a second each, which the tests need not wait for. Copies are made one at a time
    (more at once are no faster); drops run several at a time."""

    def __init__(self, template: str) -> None:
        self.template = template
        self._creator = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pg-create")
        # A drop mostly waits (for a checkpoint); several waiting together cost about one wait.
        self._dropper = ThreadPoolExecutor(max_workers=4, thread_name_prefix="pg-drop")
        self._next: Future[str] = self._creator.submit(self._create)

    def _create(self) -> str:
        name = f"periodize_test_{uuid.uuid4().hex[:16]}"
        with _connect_admin() as admin:
            admin.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                    sql.Identifier(name), sql.Identifier(self.template)
                )
            )
        return name

    def take(self) -> str:
        """A fresh copy for one test (nobody else ever gets it); the next one starts at once."""
        name = self._next.result()
        self._next = self._creator.submit(self._create)
        return name

    def drop(self, name: str) -> None:
        self._dropper.submit(_drop_pg_database, name)

    def close(self) -> None:
        """Drop the copy made ahead and wait for every drop (the template goes after this)."""
        try:
            self.drop(self._next.result())
        finally:
            self._creator.shutdown(wait=True)
            self._dropper.shutdown(wait=True)


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    """A PostgreSQL database migrated to head once per session, the template of every
    ``migrated_pg_url`` (no connection stays open to it: CREATE DATABASE … TEMPLATE needs that)."""
    name = f"periodize_template_{uuid.uuid4().hex[:12]}"
    with _connect_admin() as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        _migrate(_pg_url_of(name))
        yield name
    finally:
        _drop_pg_database(name)


@pytest.fixture(scope="session")
def pg_copies(pg_template: str) -> Iterator[PgCopies]:
    copies = PgCopies(pg_template)
    try:
        yield copies
    finally:
        copies.close()


@pytest.fixture
def migrated_sqlite_url(sqlite_url: str, sqlite_template: Path) -> str:
    """``sqlite_url``'s file as a fresh copy of the migrated template."""
    path = make_url(sqlite_url).database
    assert path is not None
    shutil.copyfile(sqlite_template, path)
    return sqlite_url


@pytest.fixture
def migrated_pg_url(pg_copies: PgCopies) -> Iterator[str]:
    """A fresh, uniquely named PostgreSQL database copied from the migrated template."""
    name = pg_copies.take()
    try:
        yield _pg_url_of(name)
    finally:
        pg_copies.drop(name)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def migrated_backend_url(request: pytest.FixtureRequest) -> str:
    """A database of each backend, migrated to head (a copy of the session's template)."""
    return request.getfixturevalue(
        "migrated_sqlite_url" if request.param == "sqlite" else "migrated_pg_url"
    )


@pytest.fixture
def engine(migrated_backend_url: str) -> Iterator[Engine]:
    """A migrated engine on each backend; ``engine.dialect.name`` tells which."""
    created = make_engine(migrated_backend_url)
    try:
        yield created
    finally:
        created.dispose()


DEFAULT_COACH = "coach-a"


def default_coach_id(engine: Engine) -> uuid.UUID:
    """The coach the integration tests act as (created on first use in each database)."""
    coach = coach_by_username(engine, DEFAULT_COACH)
    if coach is None:
        return create_coach(engine, DEFAULT_COACH, "correct horse battery", "Coach A")
    return coach.id


class ClientAndProgram(NamedTuple):
    client_id: uuid.UUID
    program_id: uuid.UUID


def store_client_and_program(
    engine: Engine,
    name: str = "Alex Example",
    start_date: date = date(2026, 11, 30),
    coach_id: uuid.UUID | None = None,
) -> ClientAndProgram:
    """A client with a 12-week strength program (one macrocycle ``macro-1``), committed."""
    profile = make_profile(name=name)
    plans = [make_plan(4, "Hypertrophy"), make_plan(4, "Strength"), make_plan(4, "Peak")]
    macrocycle = {
        "id": MACROCYCLE_ID,
        "name": "Meet prep",
        "lengthWeeks": 12,
        "mesocycles": [plan.model_dump(mode="json") for plan in plans],
    }
    with SqlUnitOfWork(engine, coach_id or default_coach_id(engine)) as uow:
        client_id = uow.clients.create_client(profile.name, profile.model_dump(mode="json"))
        program_id = uow.programs.create_program(
            FitnessProgramDB(
                client_id=client_id,
                program_type="strength",
                overview="Twelve weeks to a meet.",
                start_date=start_date,
                weeks=12,
                macrocycles=[macrocycle],
                generated_by="test",
            )
        )
        uow.commit()
    return ClientAndProgram(client_id, program_id)


@pytest.fixture
def client_and_program(engine: Engine) -> ClientAndProgram:
    return store_client_and_program(engine)
