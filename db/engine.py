"""Engine creation: SQLite with foreign keys, WAL, a busy timeout and real transactions; PostgreSQL."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import ConnectionPoolEntry

SQLITE_BUSY_TIMEOUT_MS = 5000
WRITE_TRANSACTION = "periodize_write"
"""Execution option on a connection whose transaction will write: SQLite takes the write lock at
BEGIN (``BEGIN IMMEDIATE``), so what the transaction checks and what it changes see one state."""


def json_text(value: Any) -> str:
    """A JSON column's value as JSON text: orjson, about ten times the standard library's speed
    on a saved plan's workout blocks (a third of a save's Python time went to ``json.dumps``).

    The same JSON values either way: orjson writes UTF-8 instead of ``\\u`` escapes and no spaces
    after separators. What orjson refuses (an integer beyond 64 bits, a non-string key) goes to
    ``json.dumps`` as before.
    """
    try:
        return orjson.dumps(value).decode()
    except TypeError:  # orjson.JSONEncodeError is a TypeError
        return json.dumps(value)


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    return create_engine(
        url, pool_pre_ping=True, pool_size=5, max_overflow=10, json_serializer=json_text
    )


def _sqlite_engine(url: str) -> Engine:
    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url, connect_args={"check_same_thread": False}, json_serializer=json_text
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: ConnectionPoolEntry) -> None:
        # sqlite3's legacy transaction control emits BEGIN only before INSERT/UPDATE/DELETE:
        # SELECTs before the first write and every CREATE/ALTER ran outside any transaction (a
        # check could go stale before the write it guarded; a killed migration left tables
        # without their version row). SQLAlchemy's recipe for Python < 3.12: turn that off here
        # and emit BEGIN ourselves in the "begin" event below.
        dbapi_connection.isolation_level = None
        # Foreign keys are off by default in SQLite; ON DELETE CASCADE needs them on.
        # SQLite's lower() folds ASCII only; clients are named "Émile" and "Ångström" too.
        dbapi_connection.create_function("lower", 1, _lower, deterministic=True)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        write = connection.get_execution_options().get(WRITE_TRANSACTION, False)
        # Straight to the driver, like psycopg's implicit BEGIN on PostgreSQL: statement hooks
        # and query counts see the same statements on both backends.
        statement = "BEGIN IMMEDIATE" if write else "BEGIN"
        cursor = connection.connection.cursor()
        try:
            cursor.execute(statement)
        except sqlite3.Error as error:  # wrapped as SQLAlchemy would, so busy is retried
            raise OperationalError(statement, (), error) from error
        finally:
            cursor.close()

    return engine


def _lower(value: str | None) -> str | None:
    return None if value is None else value.lower()


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"
