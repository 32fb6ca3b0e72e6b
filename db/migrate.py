"""Schema migrations: ``upgrade_to_head`` runs on start-up of the app, the CLI and the tests."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine

ALEMBIC_INI = Path(__file__).resolve().parent / "alembic.ini"
MIGRATION_LOCK = 7_301_958  # any constant shared by every Periodize process on one database


def alembic_config(engine: Engine | None = None) -> Config:
    config = Config(str(ALEMBIC_INI))
    config.attributes["engine"] = engine
    return config


def _run(engine: Engine, action, *args: str) -> None:  # type: ignore[no-untyped-def]
    config = alembic_config(engine)
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # Batch migrations rebuild SQLite tables (copy, drop, rename). With foreign keys on,
            # dropping the old parent table would cascade-delete every child row, so they are
            # switched off for the migration (the pragma only works outside a transaction) and
            # the result is checked before it is committed.
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()  # ends SQLAlchemy's autobegun block; SQLite opened none
        try:
            with connection.begin():
                if connection.dialect.name == "postgresql":
                    # Replicas starting together queue here; each then finds the schema current.
                    connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
                config.attributes["connection"] = connection
                action(config, *args)
                if sqlite:
                    _check_foreign_keys(connection)
        finally:
            if sqlite:
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                connection.commit()


def _check_foreign_keys(connection: Connection) -> None:
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise RuntimeError(f"migration left {len(broken)} rows with a broken foreign key")


def upgrade_to_head(engine: Engine) -> None:
    upgrade_to(engine, "head")


def upgrade_to(engine: Engine, revision: str) -> None:
    _run(engine, command.upgrade, revision)


def downgrade_to(engine: Engine, revision: str) -> None:
    _run(engine, command.downgrade, revision)
