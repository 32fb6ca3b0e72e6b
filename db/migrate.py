"""Schema migrations: ``upgrade_to_head`` runs on start-up of the app, the CLI and the tests."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

ALEMBIC_INI = Path(__file__).resolve().parent / "alembic.ini"


def alembic_config(engine: Engine | None = None) -> Config:
    config = Config(str(ALEMBIC_INI))
    config.attributes["engine"] = engine
    return config


def _run(engine: Engine, action, *args: str) -> None:  # type: ignore[no-untyped-def]
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        action(config, *args)


def upgrade_to_head(engine: Engine) -> None:
    _run(engine, command.upgrade, "head")


def downgrade_to(engine: Engine, revision: str) -> None:
    _run(engine, command.downgrade, revision)
