"""A start-up migration killed midway never bricks the database, and a half-applied one is named.

A forked child runs the migration and sends itself SIGKILL (what ``kill -9`` sends) just before
its k-th SQL statement, for every k the migration has; the next start must reach head with every
row intact. Before SQLite's DDL ran inside a transaction, a kill left tables without their version
row and every later start failed "table clients already exists". A database left like that by an
older release is refused with one sentence saying how to repair it, in the app and the CLI.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic.migration import MigrationContext
from sqlalchemy import Engine, event, inspect
from sqlmodel import SQLModel

import cli
from core.errors import SchemaIncomplete
from db.engine import make_engine
from db.migrate import upgrade_to, upgrade_to_head
from tests.integration.test_migrations import HEAD_REVISION as HEAD

KILL_POINTS_AT_MOST = 24  # spread over the ~50 statements of a fresh migration: bounded time
CHILD_TIMEOUT_SECONDS = 30.0
FORK = multiprocessing.get_context("fork")


def _sqlite(path: Path) -> str:
    return f"sqlite:///{path}"


def _statements(url: str, target: str) -> int:
    """How many SQL statements migrating this database to ``target`` runs (it is migrated)."""
    engine = make_engine(url)
    seen = [0]
    event.listen(engine, "before_cursor_execute", lambda *args: seen.__setitem__(0, seen[0] + 1))
    upgrade_to(engine, target)
    engine.dispose()
    return seen[0]


def _child(url: str, kill_at: int) -> None:  # runs in the forked process only
    try:
        engine = make_engine(url)
        seen = [0]

        def before(*args: Any) -> None:
            seen[0] += 1
            if seen[0] == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)

        event.listen(engine, "before_cursor_execute", before)
        upgrade_to_head(engine)
    except BaseException:
        os._exit(3)  # the migration failed on its own: the test reports it
    os._exit(0)


def _migrate_and_kill(url: str, kill_at: int) -> int | None:
    process = FORK.Process(target=_child, args=(url, kill_at), daemon=True)
    process.start()
    process.join(CHILD_TIMEOUT_SECONDS)
    if process.is_alive():
        process.kill()
        process.join(CHILD_TIMEOUT_SECONDS)
        pytest.fail(f"the migration child killed at statement {kill_at} never ended")
    return process.exitcode


def _revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _kill_points(total: int) -> list[int]:
    if total <= KILL_POINTS_AT_MOST:
        return list(range(1, total + 1))
    step = total / KILL_POINTS_AT_MOST
    return sorted({1 + int(i * step) for i in range(KILL_POINTS_AT_MOST)} | {total})


def _fill_at_0001(url: str) -> dict[str, int]:
    """A database at 0001 (before coach accounts) with one client's logged history."""
    engine = make_engine(url)
    upgrade_to(engine, "0001")
    metadata = sa.MetaData()
    metadata.reflect(engine)
    t = metadata.tables
    now = datetime.now(UTC)
    stamps = {"created_at": now, "updated_at": now}
    # reflected on SQLite, the UUID columns are CHAR(32): the hex form SQLAlchemy's Uuid stores
    client, program, meso, micro = (uuid.uuid4().hex for _ in range(4))
    monday, sunday = date(2026, 1, 5), date(2026, 1, 11)
    with engine.begin() as connection:
        connection.execute(
            t["clients"].insert(), [{"id": client, "name": "Kept", "profile": {}, **stamps}]
        )
        connection.execute(
            t["fitness_programs"].insert(),
            [
                {
                    "id": program,
                    "client_id": client,
                    "program_type": "strength",
                    "overview": "o",
                    "start_date": monday,
                    "weeks": 1,
                    "macrocycles": [],
                    "generated_by": "offline",
                    **stamps,
                }
            ],
        )
        connection.execute(
            t["mesocycles"].insert(),
            [
                {
                    "id": meso,
                    "fitness_program_id": program,
                    "client_id": client,
                    "macrocycle_id": "m",
                    "order_index": 0,
                    "phase": "Strength",
                    "weeks": 1,
                    "weekly_targets": [],
                    "start_date": monday,
                    "end_date": sunday,
                    **stamps,
                }
            ],
        )
        connection.execute(
            t["microcycles"].insert(),
            [
                {
                    "id": micro,
                    "client_id": client,
                    "mesocycle_id": meso,
                    "week_number": 1,
                    "start_date": monday,
                    "end_date": sunday,
                    "deload": False,
                    "metrics": {},
                    **stamps,
                }
            ],
        )
        connection.execute(
            t["workout_instances"].insert(),
            [
                {
                    "id": uuid.uuid4().hex,
                    "microcycle_id": micro,
                    "client_id": client,
                    "date": monday + timedelta(days=i),
                    "day_slot": 0,
                    "session_type": "lift",
                    "title": f"Day {i}",
                    "blocks": [],
                    "targets": {},
                    "status": "completed" if i == 0 else "scheduled",
                    "session_rpe": 7.0 if i == 0 else None,
                    **stamps,
                }
                for i in range(3)
            ],
        )
    engine.dispose()
    return _counts(url)


def _counts(url: str) -> dict[str, int]:
    engine = make_engine(url)
    with engine.connect() as connection:
        counts = {
            name: connection.execute(
                sa.select(sa.func.count()).select_from(sa.table(name))
            ).scalar_one()
            for name in ("clients", "fitness_programs", "mesocycles", "microcycles")
        }
        counts["workout_instances"] = connection.execute(
            sa.text("SELECT count(*) FROM workout_instances")
        ).scalar_one()
        counts["completed"] = connection.execute(
            sa.text(
                "SELECT count(*) FROM workout_instances "
                "WHERE status = 'completed' AND session_rpe = 7.0"
            )
        ).scalar_one()
    engine.dispose()
    return counts


def _restart_reaches_head(url: str) -> Engine:
    engine = make_engine(url)
    upgrade_to_head(engine)
    assert _revision(engine) == HEAD
    assert set(SQLModel.metadata.tables) <= set(inspect(engine).get_table_names())
    return engine


def test_a_first_migration_killed_at_any_statement_starts_cleanly_next_time(
    tmp_path: Path,
) -> None:
    total = _statements(_sqlite(tmp_path / "count.db"), "head")
    assert total > 10
    killed, points = 0, _kill_points(total)
    for kill_at in points:
        path = tmp_path / f"fresh-{kill_at}.db"
        code = _migrate_and_kill(_sqlite(path), kill_at)
        assert code in (-signal.SIGKILL, 0), f"the migration failed by itself ({code})"
        killed += code == -signal.SIGKILL
        engine = _restart_reaches_head(_sqlite(path))
        engine.dispose()
    assert killed >= len(points) - 1  # each point killed it, but perhaps the very last


def test_an_upgrade_of_a_filled_database_killed_at_any_statement_loses_nothing(
    tmp_path: Path,
) -> None:
    filled = tmp_path / "filled-0001.db"
    before = _fill_at_0001(_sqlite(filled))
    assert before["completed"] == 1 and before["workout_instances"] == 3
    scratch = tmp_path / "count.db"
    shutil.copy(filled, scratch)
    total = _statements(_sqlite(scratch), "head")
    killed = 0
    for kill_at in _kill_points(total):
        path = tmp_path / f"filled-{kill_at}.db"
        shutil.copy(filled, path)
        code = _migrate_and_kill(_sqlite(path), kill_at)
        assert code in (-signal.SIGKILL, 0), f"the migration failed by itself ({code})"
        killed += code == -signal.SIGKILL
        _restart_reaches_head(_sqlite(path)).dispose()
        assert _counts(_sqlite(path)) == before, f"rows changed after a kill at {kill_at}"
        with make_engine(_sqlite(path)).connect() as connection:
            orphans = connection.execute(
                sa.text("SELECT count(*) FROM clients WHERE coach_id IS NULL")
            ).scalar_one()
        assert orphans == 0
    assert killed >= 1


# a schema an older release left half-applied


@pytest.fixture
def empty_engine(backend_url: str) -> Iterator[Engine]:
    created = make_engine(backend_url)
    yield created
    created.dispose()


def _expected_sentence(engine: Engine) -> str:
    url = engine.url
    where = url.database if url.get_backend_name() == "sqlite" else url.render_as_string()
    return (
        f"The database {where} was left half-upgraded by an interrupted start (it has Periodize "
        "tables but its schema version record is missing or behind them), so it was not "
        "changed: restore it from a backup, or if it holds nothing to keep, move it aside (or "
        "drop it) and start again to create a new one."
    )


def test_tables_without_a_version_row_are_refused_in_one_sentence(empty_engine: Engine) -> None:
    tables = SQLModel.metadata.tables
    SQLModel.metadata.create_all(empty_engine, tables=[tables["coaches"], tables["clients"]])
    with pytest.raises(SchemaIncomplete) as caught:
        upgrade_to_head(empty_engine)
    assert str(caught.value) == _expected_sentence(empty_engine)
    assert "\n" not in str(caught.value)
    assert "alembic_version" not in inspect(empty_engine).get_table_names()


def test_a_version_row_behind_its_tables_is_refused_and_nothing_changes(
    empty_engine: Engine,
) -> None:
    """What a kill inside 0003 left before: its index made, the version row still at 0002."""
    upgrade_to(empty_engine, "0002")
    with empty_engine.begin() as connection:
        connection.exec_driver_sql(
            "CREATE INDEX ix_mesocycles_client_id_end_date ON mesocycles (client_id, end_date)"
        )
    with pytest.raises(SchemaIncomplete) as caught:
        upgrade_to_head(empty_engine)
    assert str(caught.value) == _expected_sentence(empty_engine)
    assert _revision(empty_engine) == "0002"


def test_a_complete_database_is_not_taken_for_a_half_applied_one(empty_engine: Engine) -> None:
    upgrade_to_head(empty_engine)
    upgrade_to_head(empty_engine)
    assert _revision(empty_engine) == HEAD


def test_the_cli_says_the_sentence_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = _sqlite(tmp_path / "half.db")
    engine = make_engine(url)
    SQLModel.metadata.create_all(engine)
    engine.dispose()

    code = cli.main(["coach", "create", "newcoach", "--no-password", "--database-url", url])

    captured = capsys.readouterr()
    assert code != 0
    assert captured.err == f"error: {_expected_sentence(engine)}\n"
    assert "Traceback" not in captured.err + captured.out
