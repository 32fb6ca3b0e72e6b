"""Generation benchmarks: prints figures, asserts nothing.

    .venv/bin/python -m bench.bench_generation                 # everything, 1,000 clients
    .venv/bin/python bench/bench_generation.py --clients 200 --skip-llm
    .venv/bin/python -m bench.bench_generation --profile       # + cProfile of the bulk run

(a) offline engine: outline + breakdown + validate_mesocycle of one 6-week mesocycle, repeated:
    median and p95 ms (target ≤ 20 ms median); also the heaviest case, an advanced client on 6 days
    of 120 minutes (best of runs and median; the same ≤ 20 ms target).
    `--skip-bulk --skip-llm` runs (a) alone.
(b) N clients (default 1,000) generated and saved in one run on a fresh SQLite file migrated with
    db.migrate.upgrade_to_head, through MesocycleGenerationService + db.storage.SqlStorage: total
    seconds (target ≤ 30 s), the split generate / validate / save, and the rows stored.
(c) the OpenAI path against tests/fake_openai.py with a fixed delay per call, for a 6-week block:
    wall time (median of --llm-runs blocks, after one untimed warm-up block whose cold wall time is
    shown apart), calls, the most calls in flight at once, and wall time ÷ one call; the weeks go
    out in waves of max_workers calls, so the target is ≤ 1.5× one call per wave.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import logging
import math
import pstats
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import openai
from sqlalchemy import text

from core.generation.engine import OfflineEngine
from core.generation.engine.endurance import mileage_state
from core.generation.engine.outline import weekly_targets
from core.generation.llm import DEFAULT_MAX_WORKERS, OpenAIGenerator
from core.schemas import (
    BodyArea,
    ClientProfile,
    Equipment,
    Experience,
    Goal,
    MesocycleDetailed,
    MesocyclePlan,
    ProgramType,
)
from core.service import MesocycleGenerationService
from core.validation import has_errors, validate_mesocycle
from db.accounts import local_coach
from db.engine import make_engine
from db.migrate import upgrade_to_head
from db.storage import SqlStorage
from tests.fake_openai import (
    FakeOpenAIServer,
    FakeResponse,
    RecordedRequest,
    content,
    draft_from_microcycle,
)

START = date(2026, 1, 5)  # a Monday: a 6-week block is exactly six calls on the LLM path
TABLES = ("clients", "fitness_programs", "mesocycles", "microcycles", "workout_instances")


# --- the table ---------------------------------------------------------------------------------


@dataclass
class Table:
    rows: list[tuple[str, str, str, str]] = field(default_factory=list)

    def add(self, section: str, figure: str, value: str, target: str = "") -> None:
        self.rows.append((section, figure, value, target))

    def print(self) -> None:
        header = ("section", "figure", "value", "target")
        widths = [max(len(row[i]) for row in [header, *self.rows]) for i in range(4)]
        line = "  ".join("-" * width for width in widths)
        print(line)
        print("  ".join(cell.ljust(width) for cell, width in zip(header, widths, strict=True)))
        print(line)
        section = None
        for row in self.rows:
            shown = ("" if row[0] == section else row[0], *row[1:])
            section = row[0]
            print(
                "  ".join(
                    cell.rjust(width) if i == 2 else cell.ljust(width)
                    for i, (cell, width) in enumerate(zip(shown, widths, strict=True))
                ).rstrip()
            )
        print(line)


def verdict(value: float, limit: float) -> str:
    return f"≤ {limit:g}  {'met' if value <= limit else 'MISSED'}"


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


@contextmanager
def stopwatch(totals: dict[str, float], key: str) -> Iterator[None]:
    started = time.perf_counter()
    try:
        yield
    finally:
        totals[key] = totals.get(key, 0.0) + time.perf_counter() - started


# --- inputs ------------------------------------------------------------------------------------

EQUIPMENT_SETS: list[list[Equipment]] = [
    [
        Equipment.BARBELL,
        Equipment.DUMBBELLS,
        Equipment.BENCH,
        Equipment.PULL_UP_BAR,
        Equipment.CABLES,
    ],
    [Equipment.DUMBBELLS, Equipment.BENCH],
    [Equipment.NONE],
    [Equipment.KETTLEBELL, Equipment.BANDS, Equipment.PULL_UP_BAR],
    [Equipment.MACHINES, Equipment.CABLES, Equipment.TREADMILL, Equipment.BIKE, Equipment.ROWER],
    list(Equipment),
]
INJURY_SETS: list[list[BodyArea]] = [
    [],
    [],
    [BodyArea.KNEE],
    [BodyArea.SHOULDER],
    [BodyArea.LOWER_BACK],
    [BodyArea.KNEE, BodyArea.WRIST],
    [BodyArea.HIP, BodyArea.ANKLE, BodyArea.NECK],
]


def bench_profile(index: int) -> ClientProfile:
    """Deterministic and varied: every goal, level, 2–6 days, equipment subset and injury mix."""
    goals, levels = list(Goal), list(Experience)
    return ClientProfile(
        name=f"Bench Client {index:05d}",
        goal=goals[index % len(goals)],
        experience=levels[(index // len(goals)) % len(levels)],
        days_per_week=2 + index % 5,
        minutes_per_session=(45, 60, 75, 90)[index % 4],
        equipment=EQUIPMENT_SETS[index % len(EQUIPMENT_SETS)],
        injuries=INJURY_SETS[index % len(INJURY_SETS)],
        one_rep_maxes=(
            {
                "Back Squat": 60 + index % 120,
                "Bench Press": 40 + index % 80,
                "Deadlift": 80 + index % 140,
            }
            if index % 3
            else {}
        ),
        bodyweight_kg=55 + index % 50,
        timezone=("UTC", "Europe/Berlin", "America/Los_Angeles", "Australia/Sydney")[index % 4],
    )


def six_week_plan(
    engine: OfflineEngine, profile: ClientProfile
) -> tuple[MesocyclePlan, ProgramType]:
    """The engine's outlines cut programs into 3–5-week blocks; a 6-week block is built with the
    engine's own target rule (an internal helper: this is a benchmark, not an API)."""
    program = engine.outline(profile, 6, START)
    program_type = program.program_type
    phase = program.macrocycles[0].mesocycles[0].phase
    mileage = mileage_state(profile, program_type)
    targets = weekly_targets(profile, program_type, phase, 6, mileage)
    return MesocyclePlan(id="meso-6", phase=phase, weeks=6, weekly_targets=targets), program_type


# --- (a) one 6-week mesocycle --------------------------------------------------------------------


def bench_single(table: Table, repetitions: int) -> None:
    engine = OfflineEngine()
    profile = bench_profile(1)
    plan, program_type = six_week_plan(engine, profile)
    timings: list[float] = []
    problems = []
    for _ in range(repetitions + 5):
        started = time.perf_counter()
        engine.outline(profile, 12, START)
        mesocycle = engine.breakdown(plan, profile, program_type, START)
        problems = validate_mesocycle(mesocycle, profile, program_type, START)
        timings.append((time.perf_counter() - started) * 1000)
    timings = timings[5:]  # warm-up (imports, caches) left out
    median = statistics.median(timings)
    section = "(a) 6-week block, offline"
    table.add(
        section,
        f"outline+breakdown+validate, {repetitions} runs, median ms",
        f"{median:.2f}",
        verdict(median, 20),
    )
    table.add(section, "p95 ms", f"{percentile(timings, 95):.2f}")
    table.add(section, "workouts in the block", str(len(mesocycle.workouts())))
    errors = sum(p.severity == "error" for p in problems)
    table.add(section, "validator errors / warnings", f"{errors} / {len(problems) - errors}")
    bench_heaviest(table, section, repetitions)


def heaviest_profile() -> ClientProfile:
    """The most work for the engine: advanced, 6 days of 120 minutes, a full gym, three 1RMs."""
    return ClientProfile(
        name="Heaviest",
        goal=Goal.STRENGTH,
        experience=Experience.ADVANCED,
        days_per_week=6,
        minutes_per_session=120,
        equipment=[
            Equipment.BARBELL,
            Equipment.DUMBBELLS,
            Equipment.BENCH,
            Equipment.CABLES,
            Equipment.PULL_UP_BAR,
            Equipment.MACHINES,
        ],
        one_rep_maxes={"Back Squat": 140.0, "Bench Press": 100.0, "Deadlift": 170.0},
    )


def bench_heaviest(table: Table, section: str, repetitions: int) -> None:
    """Outline + breakdown + validation of a 6-week program's first block (a Wednesday start)."""
    engine, profile, start = OfflineEngine(), heaviest_profile(), date(2024, 1, 3)
    timings: list[float] = []
    for _ in range(repetitions + 5):
        started = time.perf_counter()
        program = engine.outline(profile, 6, start)
        plan = program.macrocycles[0].mesocycles[0]
        mesocycle = engine.breakdown(plan, profile, program.program_type, start)
        validate_mesocycle(mesocycle, profile, program.program_type, start)
        timings.append((time.perf_counter() - started) * 1000)
    timings = timings[5:]
    median = statistics.median(timings)
    table.add(
        section, "advanced, 6 days × 120 min: median ms", f"{median:.2f}", verdict(median, 20)
    )
    table.add(section, "advanced, 6 days × 120 min: best ms", f"{min(timings):.2f}")


# --- (b) N clients, saved --------------------------------------------------------------------------


@dataclass
class BulkResult:
    seconds: float
    cpu_seconds: float
    split: dict[str, float]
    saved: int
    refused: list[str]
    rows: dict[str, int]


def bench_bulk(clients: int, database: Path) -> BulkResult:
    engine_db = make_engine(f"sqlite:///{database}")
    try:
        upgrade_to_head(engine_db)
        storage = SqlStorage(engine_db, local_coach(engine_db).id)
        offline = OfflineEngine()
        service = MesocycleGenerationService(storage, offline)
        split: dict[str, float] = {}
        refused: list[str] = []
        saved = 0
        started, cpu_started = time.perf_counter(), time.process_time()
        for index in range(clients):
            profile = bench_profile(index)
            start = START + timedelta(days=index % 7)  # every weekday: transition weeks too
            weeks = (8, 12, 16)[index % 3]
            with stopwatch(split, "save"):
                client = storage.get_client(storage.create_client(profile))
            with stopwatch(split, "generate"):
                program = offline.outline(profile, weeks, start)
            with stopwatch(split, "save"):
                program_id = storage.create_program(client.id, program, start, weeks, offline.name)
            slot = service.phases(_program_record(storage, program_id))[0]
            with stopwatch(split, "generate"):
                mesocycle = offline.breakdown(slot.plan, profile, program.program_type, start)
            with stopwatch(split, "validate"):
                preview = service.preview_from(
                    client,
                    mesocycle,
                    program_id,
                    slot.macrocycle_id,
                    slot.order_index,
                    slot.start_date,
                    program.program_type,
                    offline.name,
                )
            if preview.has_errors:
                first = next(p for p in preview.problems if p.severity == "error")
                refused.append(
                    f"client {index} ({_describe(profile)}): {first.path}: {first.message}"
                )
                continue
            with stopwatch(split, "save"):
                service.save(preview)
            saved += 1
        seconds = time.perf_counter() - started
        cpu_seconds = time.process_time() - cpu_started
        with engine_db.connect() as connection:
            rows = {
                t: connection.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()
                for t in TABLES
            }
        return BulkResult(seconds, cpu_seconds, split, saved, refused, rows)
    finally:
        engine_db.dispose()


def _program_record(storage: SqlStorage, program_id):  # type: ignore[no-untyped-def]
    with stopwatch(_READS, "read"):
        return storage.get_program(program_id)


_READS: dict[str, float] = {}


def _describe(profile: ClientProfile) -> str:
    equipment = ",".join(e.value for e in profile.equipment)
    injuries = ",".join(a.value for a in profile.injuries) or "-"
    return (
        f"{profile.goal.value}/{profile.experience.value}/{profile.days_per_week}d/"
        f"eq={equipment}/inj={injuries}"
    )


def report_bulk(table: Table, result: BulkResult, clients: int) -> None:
    section = f"(b) {clients:,} clients, SQLite"
    table.add(section, "total seconds", f"{result.seconds:.2f}", verdict(result.seconds, 30))
    table.add(section, "  CPU seconds of this process", f"{result.cpu_seconds:.2f}")
    split = {**result.split, "read back program": _READS.get("read", 0.0)}
    for key in ("generate", "validate", "save", "read back program"):
        seconds = split.get(key, 0.0)
        table.add(section, f"  {key} s (share)", f"{seconds:.2f} ({seconds / result.seconds:.0%})")
    table.add(section, "per client ms", f"{result.seconds / clients * 1000:.1f}")
    table.add(
        section,
        "mesocycles saved / refused by validator",
        f"{result.saved} / {len(result.refused)}",
    )
    for name in TABLES:
        table.add(section, f"rows in {name}", f"{result.rows[name]:,}")


def profile_bulk(clients: int, database: Path, top: int = 25) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    bench_bulk(clients, database)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs().sort_stats("cumulative")
    stats.print_stats(top)
    return out.getvalue()


# --- (c) the LLM path against the fake server ------------------------------------------------------


def week_responder(reference: MesocycleDetailed) -> Callable[[RecordedRequest], FakeResponse]:
    drafts = {m.week_number: draft_from_microcycle(m) for m in reference.microcycles}

    def respond(request: RecordedRequest) -> FakeResponse:
        first_user = next(m for m in request.messages if m["role"] == "user")
        marker = "Week to write: "
        number = int(first_user["content"].split(marker, 1)[1].split()[0])
        return content(drafts[number])

    return respond


def bench_llm(table: Table, delay_ms: float, workers: list[int], runs: int = 3) -> None:
    engine = OfflineEngine()
    profile = bench_profile(1)
    plan, program_type = six_week_plan(engine, profile)
    reference = engine.breakdown(plan, profile, program_type, START)
    delay = delay_ms / 1000
    section = f"(c) LLM, 6 weeks, {delay_ms:g} ms/call"
    with FakeOpenAIServer(week_responder(reference), latency=delay) as fake:
        client = openai.OpenAI(base_url=fake.url, api_key="bench-key", max_retries=0, timeout=30)
        # one call alone, through the SDK (median of 3, the first also opens the connection):
        # the unit the ratio is expressed in
        singles = []
        for _ in range(3):
            started = time.perf_counter()
            client.chat.completions.create(
                model="m", messages=[{"role": "user", "content": "Week to write: 1"}]
            )
            singles.append(time.perf_counter() - started)
        one_call = statistics.median(singles)
        table.add(section, "one call, wall ms", f"{one_call * 1000:.0f}")

        def generator(max_workers: int) -> OpenAIGenerator:
            return OpenAIGenerator(
                client,
                model="m",
                fallback=engine,
                validate=validate_mesocycle,
                max_workers=max_workers,
            )

        # the first block of the process pays one-off costs (the SDK's parsed-response types,
        # the strict schema, lazy imports): timed apart, not in the medians below
        started = time.perf_counter()
        generator(DEFAULT_MAX_WORKERS).breakdown(plan, profile, program_type, START)
        cold = time.perf_counter() - started
        table.add(
            section,
            f"first block, cold (max_workers={DEFAULT_MAX_WORKERS}): wall ms",
            f"{cold * 1000:.0f} ({cold / one_call:.2f}×)",
        )
        for max_workers in workers:
            walls = []
            for _ in range(runs):
                before = len(fake.chat_requests())
                fake.max_in_flight = 0
                started = time.perf_counter()
                mesocycle = generator(max_workers).breakdown(plan, profile, program_type, START)
                walls.append(time.perf_counter() - started)
                calls = len(fake.chat_requests()) - before
            wall = statistics.median(walls)
            sources = {m.generated_by for m in mesocycle.microcycles}
            errors = has_errors(validate_mesocycle(mesocycle, profile, program_type, START))
            label = f"max_workers={max_workers}"
            table.add(
                section,
                f"{label}: wall ms, median of {runs} (min–max)",
                f"{wall * 1000:.0f} ({min(walls) * 1000:.0f}–{max(walls) * 1000:.0f})",
            )
            table.add(section, f"{label}: calls / max in flight", f"{calls} / {fake.max_in_flight}")
            # the weeks go out in waves of max_workers calls: each wave costs at least one call
            waves = math.ceil(plan.weeks / max_workers)
            table.add(section, f"{label}: wall ÷ one call", f"{wall / one_call:.2f}×")
            table.add(
                section,
                f"{label}: wall ÷ (one call × {waves} wave{'s' if waves > 1 else ''})",
                f"{wall / one_call / waves:.2f}×",
                verdict(wall / one_call / waves, 1.5),
            )
            table.add(
                section,
                f"{label}: weeks by / errors",
                f"{','.join(sorted(map(str, sources)))} / {errors}",
            )


# --- main --------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=1000, help="clients in the bulk run (b)")
    parser.add_argument("--repetitions", type=int, default=200, help="runs of (a)")
    parser.add_argument(
        "--delay-ms", type=float, default=200.0, help="fake model latency per call (c)"
    )
    parser.add_argument(
        "--workers",
        type=int,
        nargs="+",
        default=[4, DEFAULT_MAX_WORKERS],
        help="max_workers values for (c)",
    )
    parser.add_argument("--llm-runs", type=int, default=3, help="timed blocks per value in (c)")
    parser.add_argument("--skip-llm", action="store_true", help="leave out (c)")
    parser.add_argument("--skip-bulk", action="store_true", help="leave out (b)")
    parser.add_argument(
        "--profile", action="store_true", help="cProfile the bulk run (b) and print the top"
    )
    parser.add_argument("--show-refused", type=int, default=5, help="refused mesocycles to list")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)  # the drafter's and service's INFO lines off

    table = Table()
    bench_single(table, args.repetitions)
    with tempfile.TemporaryDirectory(prefix="periodize-bench-") as folder:
        result = None
        if not args.skip_bulk:
            result = bench_bulk(args.clients, Path(folder) / "bench.db")
            report_bulk(table, result, args.clients)
        if not args.skip_llm:
            bench_llm(table, args.delay_ms, args.workers, max(1, args.llm_runs))
        table.print()
        if result is not None and result.refused:
            print(
                f"\nrefused by the validator (first {args.show_refused} of {len(result.refused)}):"
            )
            for line in result.refused[: args.show_refused]:
                print(f"  {line}")
        if args.profile and not args.skip_bulk:
            print(f"\ncProfile of (b), {args.clients:,} clients, by cumulative time:")
            print(profile_bulk(args.clients, Path(folder) / "profile.db"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
