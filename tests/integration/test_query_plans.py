"""PostgreSQL plans of the scale-critical queries: a client's week and year, the coach overview.

About twenty seeded clients (a few thousand workouts), ANALYZE, then ``EXPLAIN (FORMAT JSON)`` of the
statements the code really sends: each must read workout_instances through one of its ``ix_``
indexes and never scan it sequentially. (At this size a few hundred mesocycles fit in a handful of
pages and a sequential scan of them is the right plan; bench/bench_scale.py checks mesocycles and
microcycles at 2,000 clients.)
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from psycopg import sql
from sqlalchemy import Engine, select
from sqlalchemy.engine import make_url

from db.engine import make_engine
from db.migrate import upgrade_to_head
from db.models import ClientDB
from db.overview import coach_overview
from db.storage import SqlStorage
from tests.conftest import _connect_admin, _pg_admin_conninfo
from tools.query_plans import capture, explain, index_scans, seq_scans, summary
from tools.seed_scale import seed_scale

pytestmark = pytest.mark.postgres

TODAY = date(2026, 6, 17)
MONDAY = TODAY - timedelta(days=TODAY.weekday())


@pytest.fixture(scope="module")
def seeded(pg_url_module: str) -> Iterator[tuple[Engine, uuid.UUID, uuid.UUID]]:
    engine = make_engine(pg_url_module)
    upgrade_to_head(engine)
    seed_scale(engine, clients=20, weeks=52, coaches=10, today=TODAY, out=lambda _: None)
    with engine.begin() as connection:
        connection.exec_driver_sql("ANALYZE")
        coach_id, client_id = connection.execute(
            select(ClientDB.coach_id, ClientDB.id).order_by(ClientDB.name).limit(1)
        ).one()
    yield engine, coach_id, client_id
    engine.dispose()


@pytest.fixture(scope="module")
def pg_url_module() -> Iterator[str]:
    """One throw-away database for the module (seeding once keeps the tests quick)."""
    name = f"periodize_test_plans_{uuid.uuid4().hex[:12]}"
    with _connect_admin() as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    _, template = _pg_admin_conninfo()
    try:
        yield (
            make_url(template)
            .set(drivername="postgresql+psycopg", database=name)
            .render_as_string(hide_password=False)
        )
    finally:
        with _connect_admin() as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def _plans(engine: Engine, action) -> list[dict]:  # type: ignore[no-untyped-def]
    statements = capture(engine, action)
    assert statements, "the action sent no SELECT"
    return [explain(engine, captured) for captured in statements]


def _check_uses_workout_index(plans: list[dict]) -> None:
    for plan in plans:
        assert seq_scans(plan, frozenset({"workout_instances"})) == [], summary(plan)
    workout_scans = [node for plan in plans for node in index_scans(plan, "workout_instances")]
    assert workout_scans, [summary(plan) for plan in plans]
    assert all(node.index and node.index.startswith("ix_") for node in workout_scans)


def test_a_clients_week_reads_the_client_date_index(seeded) -> None:  # type: ignore[no-untyped-def]
    engine, coach_id, client_id = seeded
    storage = SqlStorage(engine, coach_id)
    plans = _plans(
        engine, lambda: storage.workouts_for_client(client_id, MONDAY, MONDAY + timedelta(days=6))
    )
    _check_uses_workout_index(plans)
    indexes = {n.index for p in plans for n in index_scans(p, "workout_instances")}
    assert indexes == {"ix_workout_instances_client_id_date"}


def test_a_clients_year_uses_an_index(seeded) -> None:  # type: ignore[no-untyped-def]
    engine, coach_id, client_id = seeded
    storage = SqlStorage(engine, coach_id)
    year = (TODAY - timedelta(days=182), TODAY + timedelta(days=182))
    _check_uses_workout_index(_plans(engine, lambda: storage.workouts_for_client(client_id, *year)))
    _check_uses_workout_index(_plans(engine, lambda: storage.workouts_for_client(client_id)))


def test_the_coach_overview_uses_indexes(seeded) -> None:  # type: ignore[no-untyped-def]
    engine, coach_id, _ = seeded
    plans = _plans(engine, lambda: coach_overview(engine, coach_id, TODAY))
    assert len(plans) == 3  # weeks, phases, pending proposals
    _check_uses_workout_index(plans[:1])
    indexes = {n.index for n in index_scans(plans[0], "workout_instances")}
    assert indexes == {"ix_workout_instances_client_id_date"}
