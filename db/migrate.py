"""Schema migrations: ``upgrade_to_head`` runs on start-up of the app, the CLI and the tests.

The whole upgrade is one transaction on both backends, so each revision (and the run) is atomic: a
process killed mid-migration leaves the schema it started from, version row included. On SQLite
that needs the engine's own BEGIN (db.engine): the sqlite3 driver would otherwise run every CREATE
and ALTER outside any transaction. A database left half-upgraded by an older release (tables
without their version row) is refused with one sentence instead of failing on "already exists".
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.exc import DBAPIError
from sqlmodel import SQLModel

import db.models  # noqa: F401  (registers the tables the half-applied check looks for)
from core.errors import SchemaIncomplete
from db.engine import WRITE_TRANSACTION

ALEMBIC_INI = Path(__file__).resolve().parent / "alembic.ini"
MIGRATION_LOCK = 7_301_958  # any constant shared by every Periodize process on one database
VERSION_TABLE = "alembic_version"


def alembic_config(engine: Engine | None = None) -> Config:
    config = Config(str(ALEMBIC_INI))
    config.attributes["engine"] = engine
    return config


def _run(engine: Engine, action: Callable[..., None], *args: str) -> None:
    config = alembic_config(engine)
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # Batch migrations rebuild SQLite tables (copy, drop, rename). With foreign keys on,
            # dropping the old parent table would cascade-delete every child row, so they are
            # switched off for the migration (the pragma is ignored inside a transaction, so it
            # goes straight to the driver before any BEGIN) and the result is checked before it
            # is committed. The write lock is taken at BEGIN: a second process starting at the
            # same time waits, then finds the schema current.
            _pragma(connection, "foreign_keys=OFF")
            connection = connection.execution_options(**{WRITE_TRANSACTION: True})
        try:
            with connection.begin():
                if connection.dialect.name == "postgresql":
                    # Replicas starting together queue here; each then finds the schema current.
                    connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
                _refuse_half_applied(connection)
                config.attributes["connection"] = connection
                try:
                    action(config, *args)
                except DBAPIError as error:
                    if _already_exists(error):
                        raise SchemaIncomplete(_half_applied(connection)) from error
                    raise
                if sqlite:
                    _check_foreign_keys(connection)
        finally:
            if sqlite:
                _pragma(connection, "foreign_keys=ON")


def _pragma(connection: Connection, setting: str) -> None:
    """A PRAGMA on the driver connection itself, outside any transaction."""
    assert not connection.in_transaction()
    cursor = connection.connection.cursor()
    try:
        cursor.execute(f"PRAGMA {setting}")
    finally:
        cursor.close()


def _refuse_half_applied(connection: Connection) -> None:
    """Tables of ours but no version row: an earlier, non-atomic upgrade was killed midway."""
    tables = set(inspect(connection).get_table_names())
    if not tables & set(SQLModel.metadata.tables):
        return  # a new, empty database
    recorded = (
        VERSION_TABLE in tables
        and connection.execute(text(f"SELECT count(*) FROM {VERSION_TABLE}")).scalar_one()
    )
    if not recorded:
        raise SchemaIncomplete(_half_applied(connection))


def _already_exists(error: DBAPIError) -> bool:
    """An upgrade step meeting a table, index or column it is about to create: its revision was
    applied in part before (the version row is behind the tables)."""
    message = str(error.orig).lower()
    return "already exists" in message or "duplicate column" in message


def _half_applied(connection: Connection) -> str:
    url = connection.engine.url
    where = url.database if url.get_backend_name() == "sqlite" else url.render_as_string()
    return (
        f"The database {where} was left half-upgraded by an interrupted start (it has Periodize "
        "tables but its schema version record is missing or behind them), so it was not "
        "changed: restore it from a backup, or if it holds nothing to keep, move it aside (or "
        "drop it) and start again to create a new one."
    )


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
