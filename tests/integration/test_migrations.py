"""Alembic migrations on SQLite and PostgreSQL: head creates every table, no drift, round trip."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect
from sqlmodel import SQLModel

import db.models  # noqa: F401  (registers the tables)
from db.engine import make_engine
from db.migrate import downgrade_to, upgrade_to_head
from db.settings import database_url, describe_url, normalize_url

APP_TABLES = {"clients", "fitness_programs", "mesocycles", "microcycles", "workout_instances"}


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
    assert _revision(empty_engine) == "0001"
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
    assert _revision(empty_engine) == "0001"
    assert _drift(empty_engine) == []


def test_downgrade_to_base_and_upgrade_again(empty_engine: Engine) -> None:
    upgrade_to_head(empty_engine)
    downgrade_to(empty_engine, "base")
    assert _tables(empty_engine) & APP_TABLES == set()
    assert _revision(empty_engine) is None
    upgrade_to_head(empty_engine)
    assert _tables(empty_engine) >= APP_TABLES
    assert _revision(empty_engine) == "0001"
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
