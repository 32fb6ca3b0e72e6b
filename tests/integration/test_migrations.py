"""Alembic migrations on SQLite and PostgreSQL: head creates every table, no drift, round trip."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect
from sqlmodel import SQLModel

import db.models  # noqa: F401  (registers the tables)
from db.accounts import LOCAL_COACH_USERNAME, coach_by_username
from db.engine import make_engine
from db.migrate import downgrade_to, upgrade_to, upgrade_to_head
from db.settings import database_url, describe_url, normalize_url
from db.unit_of_work import SqlUnitOfWork

HEAD_REVISION = "0011"
APP_TABLES = {
    "coaches",
    "clients",
    "fitness_programs",
    "mesocycles",
    "microcycles",
    "workout_instances",
    "set_logs",
    "workout_log_revisions",
    "sign_in_attempts",
    "coach_sessions",
    "mesocycle_templates",
    "client_links",
    "plan_revisions",
    "plan_proposals",
}
TABLES_AT_0001 = APP_TABLES - {
    "coaches",
    "set_logs",
    "workout_log_revisions",
    "sign_in_attempts",
    "coach_sessions",
    "mesocycle_templates",
    "client_links",
    "plan_revisions",
    "plan_proposals",
}


@pytest.fixture
def empty_engine(backend_url: str) -> Iterator[Engine]:
    created = make_engine(backend_url)
    yield created
    created.dispose()


def _tables(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names())


def _drift(engine: Engine) -> list:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, SQLModel.metadata)


def _revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def test_the_models_cover_exactly_the_app_tables() -> None:
    assert set(SQLModel.metadata.tables) == APP_TABLES


def test_upgrade_to_head_creates_every_table_without_drift(empty_engine: Engine) -> None:
    assert _tables(empty_engine) == set()
    upgrade_to_head(empty_engine)
    assert _tables(empty_engine) == APP_TABLES | {"alembic_version"}
    assert _revision(empty_engine) == HEAD_REVISION
    assert _drift(empty_engine) == []
    inspector = inspect(empty_engine)
    workout_fks = {
        fk["referred_table"]: fk for fk in inspector.get_foreign_keys("workout_instances")
    }
    assert set(workout_fks) == {"microcycles", "clients"}
    assert all(fk["options"].get("ondelete") == "CASCADE" for fk in workout_fks.values())
    uniques = {
        tuple(u["column_names"]) for u in inspector.get_unique_constraints("workout_instances")
    }
    assert ("microcycle_id", "date", "day_slot") in uniques
    assert ("client_id", "date", "session_type") not in uniques  # the origin's broken key
    checks = inspector.get_check_constraints("workout_instances")
    assert any("status" in check["sqltext"] for check in checks)


def test_upgrading_twice_is_a_no_op(empty_engine: Engine) -> None:
    upgrade_to_head(empty_engine)
    upgrade_to_head(empty_engine)
    assert _revision(empty_engine) == HEAD_REVISION
    assert _drift(empty_engine) == []


def test_downgrade_to_base_and_upgrade_again(empty_engine: Engine) -> None:
    upgrade_to_head(empty_engine)
    downgrade_to(empty_engine, "base")
    assert _tables(empty_engine) & APP_TABLES == set()
    assert _revision(empty_engine) is None
    upgrade_to_head(empty_engine)
    assert _tables(empty_engine) >= APP_TABLES
    assert _revision(empty_engine) == HEAD_REVISION
    assert _drift(empty_engine) == []


# settings


def test_database_url_defaults_to_a_sqlite_file_under_data(tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = database_url({})
    assert url.startswith("sqlite:///") and url.endswith("/data/periodize.db")
    assert database_url({"PERIODIZE_DATA_DIR": str(tmp_path)}) == (
        f"sqlite:///{tmp_path / 'periodize.db'}"
    )
    assert database_url({"DATABASE_URL": "   ", "PERIODIZE_DATA_DIR": str(tmp_path)}) == (
        f"sqlite:///{tmp_path / 'periodize.db'}"
    )


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgres://u:pw@db:5432/app", "postgresql+psycopg://u:pw@db:5432/app"),
        ("postgresql://u@db/app", "postgresql+psycopg://u@db/app"),
        ("postgresql+psycopg://u@db/app", "postgresql+psycopg://u@db/app"),
        ("sqlite:////var/lib/periodize.db", "sqlite:////var/lib/periodize.db"),
    ],
)
def test_normalize_url_routes_postgres_to_psycopg(given: str, expected: str) -> None:
    assert normalize_url(given) == expected
    assert database_url({"DATABASE_URL": f"  {given} "}) == expected


def test_describe_url_hides_the_password() -> None:
    shown = describe_url("postgresql+psycopg://coach:s3cret-pass@db.example:5432/periodize")
    assert "s3cret-pass" not in shown
    assert shown == "postgresql+psycopg://coach:***@db.example:5432/periodize"
    assert describe_url("sqlite:////tmp/x.db") == "sqlite:////tmp/x.db"


def test_upgrading_a_filled_database_keeps_every_row_and_gives_clients_a_coach(
    empty_engine: Engine,
) -> None:
    """A database filled at 0001 (before coach accounts) upgrades with nothing lost."""
    upgrade_to(empty_engine, "0001")
    client_ids = [uuid.uuid4(), uuid.uuid4()]
    program_id, mesocycle_id, micro_id = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    now = datetime.now(UTC)
    stamps = {"created_at": now, "updated_at": now}
    tables = {name: _table_at_0001(name) for name in TABLES_AT_0001}
    with empty_engine.begin() as connection:
        connection.execute(
            tables["clients"].insert(),
            [
                {"id": cid, "name": f"Client {i}", "profile": {"name": f"Client {i}"}, **stamps}
                for i, cid in enumerate(client_ids)
            ],
        )
        connection.execute(
            tables["fitness_programs"].insert(),
            [
                {
                    "id": program_id,
                    "client_id": client_ids[0],
                    "program_type": "strength",
                    "overview": "o",
                    "start_date": date(2026, 1, 5),
                    "weeks": 4,
                    "macrocycles": [],
                    "generated_by": "offline",
                    **stamps,
                }
            ],
        )
        connection.execute(
            tables["mesocycles"].insert(),
            [
                {
                    "id": mesocycle_id,
                    "fitness_program_id": program_id,
                    "client_id": client_ids[0],
                    "macrocycle_id": "m",
                    "order_index": 0,
                    "phase": "Strength",
                    "weeks": 1,
                    "weekly_targets": [],
                    "start_date": date(2026, 1, 5),
                    "end_date": date(2026, 1, 11),
                    **stamps,
                }
            ],
        )
        connection.execute(
            tables["microcycles"].insert(),
            [
                {
                    "id": micro_id,
                    "client_id": client_ids[0],
                    "mesocycle_id": mesocycle_id,
                    "week_number": 1,
                    "start_date": date(2026, 1, 5),
                    "end_date": date(2026, 1, 11),
                    "deload": False,
                    "generated_by": "offline",
                    "metrics": {},
                    **stamps,
                }
            ],
        )
        connection.execute(
            tables["workout_instances"].insert(),
            [
                {
                    "id": uuid.uuid4(),
                    "microcycle_id": micro_id,
                    "client_id": client_ids[0],
                    "date": date(2026, 1, 5),
                    "day_slot": 0,
                    "session_type": "lift",
                    "title": "A",
                    "blocks": [],
                    "targets": {},
                    "status": "completed",
                    "session_rpe": 7.0,
                    **stamps,
                }
            ],
        )

    upgrade_to_head(empty_engine)

    with empty_engine.connect() as connection:
        counts = {
            name: connection.execute(
                sa.select(sa.func.count()).select_from(sa.table(name))
            ).scalar()
            for name in (
                "clients",
                "fitness_programs",
                "mesocycles",
                "microcycles",
                "workout_instances",
                "coaches",
            )
        }
        assert counts == {
            "clients": 2,
            "fitness_programs": 1,
            "mesocycles": 1,
            "microcycles": 1,
            "workout_instances": 1,
            "coaches": 1,
        }
        coach_ids = set(connection.execute(sa.text("SELECT coach_id FROM clients")).scalars())
        assert len(coach_ids) == 1 and None not in coach_ids
        logged = connection.execute(
            sa.text("SELECT status, session_rpe FROM workout_instances")
        ).one()
        assert tuple(logged) == ("completed", 7.0)
    local = coach_by_username(empty_engine, LOCAL_COACH_USERNAME)
    assert local is not None
    assert {c.name for c in _client_rows(empty_engine, local.id)} == {"Client 0", "Client 1"}


def _client_rows(engine: Engine, coach_id: uuid.UUID) -> list:  # type: ignore[type-arg]
    with SqlUnitOfWork(engine, coach_id) as uow:
        return uow.clients.list_clients()


def _table_at_0001(name: str) -> sa.Table:
    """The table as revision 0001 made it: today's columns minus the one 0002 added."""
    columns = SQLModel.metadata.tables[name].columns
    return sa.Table(
        name, sa.MetaData(), *[sa.Column(c.name, c.type) for c in columns if c.name != "coach_id"]
    )


@pytest.mark.postgres
def test_replicas_migrating_at_once_on_postgresql_all_succeed(pg_url: str) -> None:
    """Several app servers starting together: the advisory lock serialises their upgrades."""
    engines = [make_engine(pg_url) for _ in range(4)]
    errors: list[BaseException] = []
    barrier = threading.Barrier(len(engines), timeout=10)

    def start(engine: Engine) -> None:
        try:
            barrier.wait()
            upgrade_to_head(engine)
        except BaseException as error:  # collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=start, args=(engine,)) for engine in engines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    try:
        assert errors == []
        assert _revision(engines[0]) == HEAD_REVISION
        assert _tables(engines[0]) == APP_TABLES | {"alembic_version"}
    finally:
        for engine in engines:
            engine.dispose()


def test_0011_keeps_every_proposal_and_its_decision(empty_engine: Engine) -> None:
    """Proposals kept at 0010 come through 0011 (no inputs hash yet) and back unchanged."""
    upgrade_to(empty_engine, "0010")
    assert "inputs_hash" not in {
        c["name"] for c in inspect(empty_engine).get_columns("plan_proposals")
    }
    coach_id = uuid.uuid4()
    client_id, program_id, mesocycle_id = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    now = datetime.now(UTC)
    stamps = {"created_at": now, "updated_at": now}
    rows = [
        {
            "id": uuid.uuid4(),
            "client_id": client_id,
            "mesocycle_id": mesocycle_id,
            "week_start": date(2026, 1, 5 + 7 * i),
            "status": status,
            "items": [{"title": f"week {i}"}],
            "created_at": now,
            "decided_by": None if status == "pending" else "Coach",
        }
        for i, status in enumerate(("pending", "accepted", "dismissed"))
    ]
    tables = {
        name: _table_at_0010(name)
        for name in ("coaches", "clients", "fitness_programs", "mesocycles", "plan_proposals")
    }
    with empty_engine.begin() as connection:
        connection.execute(
            tables["coaches"].insert(),
            [
                {
                    "id": coach_id,
                    "username": "kept",
                    "display_name": "Kept",
                    "password_hash": "x",
                    "is_admin": False,
                    **stamps,
                }
            ],
        )
        connection.execute(
            tables["clients"].insert(),
            [{"id": client_id, "coach_id": coach_id, "name": "C", "profile": {}, **stamps}],
        )
        connection.execute(
            tables["fitness_programs"].insert(),
            [
                {
                    "id": program_id,
                    "client_id": client_id,
                    "program_type": "strength",
                    "overview": "o",
                    "start_date": date(2026, 1, 5),
                    "weeks": 4,
                    "macrocycles": [],
                    "generated_by": "offline",
                    **stamps,
                }
            ],
        )
        connection.execute(
            tables["mesocycles"].insert(),
            [
                {
                    "id": mesocycle_id,
                    "fitness_program_id": program_id,
                    "client_id": client_id,
                    "macrocycle_id": "m",
                    "order_index": 0,
                    "phase": "Strength",
                    "weeks": 4,
                    "weekly_targets": [],
                    "start_date": date(2026, 1, 5),
                    "end_date": date(2026, 2, 1),
                    **stamps,
                }
            ],
        )
        connection.execute(tables["plan_proposals"].insert(), rows)

    def kept() -> list[tuple[object, ...]]:
        with empty_engine.connect() as connection:
            statement = sa.text(
                "SELECT id, status, items, decided_by FROM plan_proposals ORDER BY week_start"
            )
            return [(uuid.UUID(str(r[0])), r[1], r[2], r[3]) for r in connection.execute(statement)]

    before = kept()
    assert len(before) == 3
    upgrade_to(empty_engine, "0011")
    assert kept() == before
    with empty_engine.connect() as connection:
        hashes = connection.execute(sa.text("SELECT inputs_hash FROM plan_proposals")).scalars()
        assert list(hashes) == [None, None, None]
    downgrade_to(empty_engine, "0010")
    assert kept() == before


def _table_at_0010(name: str) -> sa.Table:
    """The table as revision 0010 left it: today's columns minus the one 0011 added."""
    columns = SQLModel.metadata.tables[name].columns
    return sa.Table(
        name,
        sa.MetaData(),
        *[sa.Column(c.name, c.type) for c in columns if c.name != "inputs_hash"],
    )
