"""tools.seed_scale at a small size on SQLite: row counts, the status mix, determinism, the command."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlmodel import Session

from db.accounts import authenticate
from db.engine import make_engine
from db.models import ClientDB, CoachDB, MesocycleDB, WorkoutInstanceDB
from tools.seed_scale import COACH_PASSWORD, main, seed_scale, table_counts

TODAY = date(2026, 6, 17)


def _engine(template: Path, tmp_path: Path, name: str):  # type: ignore[no-untyped-def]
    """A migrated SQLite file of its own: a copy of the session's migrated template."""
    shutil.copyfile(template, tmp_path / name)
    return make_engine(f"sqlite:///{tmp_path / name}")


def test_seed_scale_fills_every_table_with_a_mixed_history(tmp_path, sqlite_template) -> None:  # type: ignore[no-untyped-def]
    engine = _engine(sqlite_template, tmp_path, "seed.db")
    lines: list[str] = []

    report = seed_scale(
        engine,
        clients=5,
        weeks=20,
        coaches=2,
        seed=1,
        today=TODAY,
        batch_clients=2,
        out=lines.append,
    )

    counts = table_counts(engine)
    assert counts["coaches"] == report.coaches == 2
    assert counts["clients"] == report.clients == 5
    assert counts["fitness_programs"] == report.programs == 5
    assert counts["mesocycles"] == report.mesocycles
    assert counts["microcycles"] == report.microcycles
    assert counts["workout_instances"] == report.workouts
    assert 5 * 20 * 3 <= report.workouts <= 5 * 21 * 6  # 3–6 sessions a week, week 0 maybe
    assert counts["workouts_completed"] == report.statuses["completed"]
    assert counts["workouts_skipped"] == report.statuses["skipped"]
    assert counts["workouts_scheduled"] == report.statuses["scheduled"] + report.statuses["missed"]
    # the mix: most past sessions completed, some skipped, some missed; the future scheduled
    past = report.statuses["completed"] + report.statuses["skipped"] + report.statuses["missed"]
    assert report.statuses["completed"] > 0.5 * past
    assert report.statuses["skipped"] > 0
    assert report.statuses["missed"] > 0
    assert report.statuses["scheduled"] > 0
    assert any("5/5 clients" in line for line in lines)
    assert any(COACH_PASSWORD in line for line in lines)  # the password is printed once
    assert sum(COACH_PASSWORD in line for line in lines) == 1

    with Session(engine) as session:
        # completed sessions carry the coach's RPE and minutes; no logged session in the future
        rows = session.execute(
            select(
                WorkoutInstanceDB.status,
                func.min(WorkoutInstanceDB.date),
                func.max(WorkoutInstanceDB.date),
                func.count(WorkoutInstanceDB.session_rpe),
                func.count(WorkoutInstanceDB.actual_minutes),
                func.count(),
            ).group_by(WorkoutInstanceDB.status)
        ).all()
        by_status = {row[0]: row[1:] for row in rows}
        _, last, rpes, minutes, number = by_status["completed"]
        assert rpes == minutes == number
        assert date.fromisoformat(str(last)) < TODAY
        assert date.fromisoformat(str(by_status["skipped"][1])) < TODAY
        assert date.fromisoformat(str(by_status["scheduled"][1])) >= TODAY
        # programs start about half the program's length ago: history and future
        starts = session.execute(select(func.min(MesocycleDB.start_date))).scalar_one()
        assert TODAY - timedelta(weeks=15) <= starts <= TODAY - timedelta(weeks=5)
        # clients are spread over the coaches
        per_coach = session.execute(
            select(ClientDB.coach_id, func.count()).group_by(ClientDB.coach_id)
        ).all()
        assert sorted(n for _, n in per_coach) == [2, 3]
        usernames = set(session.execute(select(CoachDB.username)).scalars())
    assert usernames == {"coach-01", "coach-02"}
    assert authenticate(engine, "coach-01", COACH_PASSWORD) is not None
    engine.dispose()


def test_the_same_seed_gives_the_same_history(tmp_path, sqlite_template) -> None:  # type: ignore[no-untyped-def]
    reports = []
    for name in ("a.db", "b.db"):
        engine = _engine(sqlite_template, tmp_path, name)
        reports.append(
            seed_scale(engine, clients=3, weeks=12, coaches=1, today=TODAY, out=lambda _: None)
        )
        with Session(engine) as session:
            names = sorted(session.execute(select(ClientDB.name)).scalars())
        engine.dispose()
    assert reports[0].statuses == reports[1].statuses
    assert reports[0].workouts == reports[1].workouts
    assert len(names) == 3


def test_the_command_seeds_the_database_it_is_given(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'cli.db'}"

    assert main(["--clients", "2", "--weeks", "8", "--coaches", "1", "--database-url", url]) == 0

    out = capsys.readouterr().out
    assert "seeded 1 coaches, 2 clients" in out
    engine = make_engine(url)
    assert table_counts(engine)["clients"] == 2
    engine.dispose()
