"""Query plans of what the app really sends: capture the statements of an action, EXPLAIN each one.

Used by ``bench/bench_scale.py`` and ``tests/integration/test_query_plans.py`` (PostgreSQL only):

    statements = capture(engine, lambda: storage.workouts_for_client(client_id, start, end))
    for captured in statements:
        plan = explain(engine, captured, analyze=True)
        print(summary(plan), seq_scans(plan, BIG_TABLES))
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, event
from sqlalchemy.engine.interfaces import DBAPICursor, ExecutionContext

BIG_TABLES = frozenset({"workout_instances", "microcycles", "mesocycles"})
"""Tables that grow with the history: a sequential scan of one of them does not scale."""
INDEX_NODES = frozenset({"Index Scan", "Index Only Scan", "Bitmap Index Scan"})


@dataclass(frozen=True)
class Captured:
    statement: str
    parameters: Any


@dataclass(frozen=True)
class PlanNode:
    node_type: str
    relation: str | None
    index: str | None
    depth: int


def capture(engine: Engine, action: Callable[[], Any]) -> list[Captured]:
    """The SELECT statements (with parameters) ``action`` sends through ``engine``."""
    seen: list[Captured] = []

    def listen(
        _conn: Connection,
        _cursor: DBAPICursor,
        statement: str,
        parameters: Any,
        _context: ExecutionContext | None,
        executemany: bool,
    ) -> None:
        if not executemany and statement.lstrip().upper().startswith(("SELECT", "WITH")):
            seen.append(Captured(statement, parameters))

    event.listen(engine, "before_cursor_execute", listen)
    try:
        action()
    finally:
        event.remove(engine, "before_cursor_execute", listen)
    return seen


def explain(engine: Engine, captured: Captured, *, analyze: bool = False) -> dict[str, Any]:
    """The PostgreSQL plan (``EXPLAIN (FORMAT JSON)``, with ANALYZE if asked) of one statement."""
    if engine.dialect.name != "postgresql":
        raise ValueError("plans are read from PostgreSQL only")
    options = "ANALYZE, BUFFERS, FORMAT JSON" if analyze else "FORMAT JSON"
    with engine.connect() as connection:
        result = connection.exec_driver_sql(
            f"EXPLAIN ({options}) {captured.statement}", captured.parameters or {}
        ).scalar_one()
        connection.rollback()
    return result[0] if isinstance(result, list) else result


def nodes(plan: dict[str, Any]) -> list[PlanNode]:
    """Every node of a plan (sub-plans and init-plans included), depth-first."""

    def walk(node: dict[str, Any], depth: int) -> Iterator[PlanNode]:
        yield PlanNode(node["Node Type"], node.get("Relation Name"), node.get("Index Name"), depth)
        for child in node.get("Plans", []):
            yield from walk(child, depth + 1)

    return list(walk(plan["Plan"], 0))


def seq_scans(plan: dict[str, Any], tables: frozenset[str] = BIG_TABLES) -> list[str]:
    """The tables of ``tables`` this plan reads with a sequential scan."""
    return [
        n.relation
        for n in nodes(plan)
        if n.node_type == "Seq Scan" and n.relation in tables and n.relation is not None
    ]


def index_scans(plan: dict[str, Any], table: str) -> list[PlanNode]:
    """The index scans of ``table`` (the relation of a Bitmap Index Scan is its Bitmap Heap Scan)."""
    found = []
    flat = nodes(plan)
    for position, node in enumerate(flat):
        if node.node_type not in INDEX_NODES or node.index is None:
            continue
        relation = node.relation
        if relation is None:  # a Bitmap Index Scan: the heap scan above it names the table
            parents = [p for p in flat[:position] if p.depth < node.depth]
            relation = next(
                (p.relation for p in reversed(parents) if p.node_type == "Bitmap Heap Scan"),
                None,
            )
        if relation == table:
            found.append(node)
    return found


def summary(plan: dict[str, Any]) -> str:
    """One line: each scan node with its table and index, e.g. 'Index Scan workout_instances(ix_…)'."""
    parts = []
    for node in nodes(plan):
        if "Scan" not in node.node_type:
            continue
        where = node.relation or ""
        if node.index:
            where += f"({node.index})"
        parts.append(f"{node.node_type} {where}".strip())
    timing = plan.get("Execution Time")
    suffix = f" [{timing:.2f} ms]" if timing is not None else ""
    return ", ".join(parts) + suffix
