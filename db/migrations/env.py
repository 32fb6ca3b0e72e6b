"""Alembic environment: runs on the connection handed over by db.migrate, or on DATABASE_URL."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection
from sqlmodel import SQLModel

import db.models  # noqa: F401  (registers the tables on the metadata)
from db.engine import make_engine
from db.settings import database_url

target_metadata = SQLModel.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER most things
        # SQLite runs DDL inside transactions once the driver's own BEGIN handling is off, which
        # db.engine does: tell Alembic, so a run outside db.migrate is atomic too.
        transactional_ddl=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    engine = make_engine(database_url())
    with engine.connect() as fresh:
        _run(fresh)
    engine.dispose()
