"""The command line contract: JSON shape, exit codes, saving into a real SQLite file."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from cli import main
from db.accounts import authenticate, coach_by_username, local_coach
from db.engine import make_engine
from db.models import ClientDB, MesocycleDB, WorkoutInstanceDB
from db.storage import SqlStorage
from tests.factories import make_profile


@pytest.fixture
def profile_file(tmp_path: Path) -> Path:
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(make_profile().model_dump(mode="json")), encoding="utf-8")
    return path


def _run(capsys, *argv: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_plan_prints_program_mesocycle_and_problems(capsys, profile_file: Path) -> None:
    code, out, _ = _run(
        capsys, "plan", "--profile", str(profile_file), "--weeks", "12", "--start", "2026-12-02"
    )
    assert code == 0
    result = json.loads(out)
    assert set(result) == {"program", "mesocycle", "problems"}
    mesocycle = result["mesocycle"]
    assert mesocycle["startDate"] == "2026-12-02"
    assert mesocycle["microcycles"][0]["weekNumber"] == 0  # Wednesday → transition
    exercise = next(
        e
        for m in mesocycle["microcycles"]
        for w in m["workouts"]
        for b in w["blocks"]
        for e in b["exercises"]
    )
    assert {"name", "sets", "reps", "rationale"} <= set(exercise)
    assert all(p["severity"] != "error" for p in result["problems"])


def test_plan_phase_two_starts_on_a_monday(capsys, profile_file: Path) -> None:
    code, out, _ = _run(
        capsys,
        "plan",
        "--profile",
        str(profile_file),
        "--weeks",
        "12",
        "--start",
        "2026-12-02",
        "--phase",
        "2",
    )
    assert code == 0
    mesocycle = json.loads(out)["mesocycle"]
    assert mesocycle["microcycles"][0]["weekNumber"] == 1
    assert mesocycle["microcycles"][0]["startDate"] == mesocycle["startDate"]


def test_save_stores_client_program_and_mesocycle_once_per_client(
    capsys, profile_file: Path, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    args = ["plan", "--profile", str(profile_file), "--weeks", "8", "--start", "2026-12-07"]
    code, out, _ = _run(capsys, *args, "--save", "--database-url", url)
    assert code == 0
    saved = json.loads(out)["savedMesocycleId"]
    code, _, _ = _run(capsys, *args, "--save", "--database-url", url)
    assert code == 0
    engine = make_engine(url)
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(ClientDB)).scalar() == 1
        assert connection.execute(select(func.count()).select_from(MesocycleDB)).scalar() == 2
        ids = connection.execute(select(MesocycleDB.id)).scalars().all()
        assert saved.replace("-", "") in {i.hex for i in ids}
        assert connection.execute(select(func.count()).select_from(WorkoutInstanceDB)).scalar() > 0
    engine.dispose()


def test_table_format_lists_weeks_and_activities(capsys, profile_file: Path) -> None:
    code, out, _ = _run(
        capsys,
        "plan",
        "--profile",
        str(profile_file),
        "--weeks",
        "8",
        "--start",
        "2026-12-07",
        "--format",
        "table",
    )
    assert code == 0
    assert "week 1" in out and " @ " in out


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"goal": "get_huge"}, "goal"),
        ({"daysPerWeek": 9}, "daysPerWeek"),
        ({"favouriteColour": "red"}, "favouriteColour"),
        ({"timezone": "Mars/Olympus"}, "time zone"),
    ],
)
def test_invalid_profile_exits_2_with_a_clear_message(
    capsys, tmp_path: Path, change: dict, message: str
) -> None:
    data = make_profile().model_dump(mode="json") | change
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    code, out, err = _run(
        capsys, "plan", "--profile", str(path), "--weeks", "8", "--start", "2026-12-07"
    )
    assert code == 2
    assert out == ""
    assert message in err and "not a valid profile" in err


def test_missing_file_and_bad_phase_exit_2(capsys, tmp_path: Path, profile_file: Path) -> None:
    code, _, err = _run(
        capsys,
        "plan",
        "--profile",
        str(tmp_path / "nope.json"),
        "--weeks",
        "8",
        "--start",
        "2026-12-07",
    )
    assert code == 2 and "not found" in err
    code, _, err = _run(
        capsys,
        "plan",
        "--profile",
        str(profile_file),
        "--weeks",
        "8",
        "--start",
        "2026-12-07",
        "--phase",
        "9",
    )
    assert code == 2 and "--phase must be between 1 and" in err


def test_coach_commands_create_an_account_that_signs_in(
    capsys, monkeypatch, tmp_path: Path, profile_file: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'coaches.db'}"
    monkeypatch.setattr("sys.stdin", io.StringIO("a long password\n"))
    code, out, _ = _run(
        capsys,
        "coach",
        "create",
        "Mia.Coach",
        "--name",
        "Mia",
        "--password-stdin",
        "--database-url",
        url,
    )
    assert code == 0 and "coach mia.coach created" in out
    engine = make_engine(url)
    assert authenticate(engine, "mia.coach", "a long password") is not None
    assert authenticate(engine, "mia.coach", "wrong password!") is None

    monkeypatch.setattr("sys.stdin", io.StringIO("another password\n"))
    code, _, _ = _run(
        capsys, "coach", "set-password", "mia.coach", "--password-stdin", "--database-url", url
    )
    assert code == 0
    assert authenticate(engine, "mia.coach", "another password") is not None

    args = ["plan", "--profile", str(profile_file), "--weeks", "8", "--start", "2026-12-07"]
    code, _, _ = _run(capsys, *args, "--save", "--coach", "mia.coach", "--database-url", url)
    assert code == 0
    mia = coach_by_username(engine, "mia.coach")
    assert mia is not None
    assert [c.name for c in SqlStorage(engine, mia.id).list_clients()] == ["Alex Example"]
    assert SqlStorage(engine, local_coach(engine).id).list_clients() == []
    engine.dispose()


def test_the_first_coach_is_an_admin_and_admin_makes_another(
    capsys, monkeypatch, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'roles.db'}"
    made = []
    for username, extra in [("ann", []), ("ben", []), ("cat", ["--admin"])]:
        monkeypatch.setattr("sys.stdin", io.StringIO("a long password\n"))
        code, out, _ = _run(
            capsys, "coach", "create", username, "--password-stdin", "--database-url", url, *extra
        )
        assert code == 0
        made.append(out.strip())
    assert made == [
        "coach ann created (an admin)",
        "coach ben created",
        "coach cat created (an admin)",
    ]
    engine = make_engine(url)
    roles = {name: coach_by_username(engine, name) for name in ("ann", "ben", "cat")}
    assert {name: c is not None and c.is_admin for name, c in roles.items()} == {
        "ann": True,
        "ben": False,
        "cat": True,
    }
    engine.dispose()


def test_coach_create_refuses_a_short_password_and_an_unknown_coach(
    capsys, monkeypatch, tmp_path: Path, profile_file: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'coaches.db'}"
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    code, _, err = _run(capsys, "coach", "create", "mia", "--password-stdin", "--database-url", url)
    assert code == 2 and "at least 12 characters" in err
    args = ["plan", "--profile", str(profile_file), "--weeks", "8", "--start", "2026-12-07"]
    code, _, err = _run(capsys, *args, "--save", "--coach", "nobody", "--database-url", url)
    assert code == 2 and "there is no coach 'nobody'" in err


def test_a_bad_or_unreachable_database_and_a_missing_ai_server_say_so(
    capsys, monkeypatch, profile_file: Path
) -> None:
    args = ["plan", "--profile", str(profile_file), "--weeks", "8", "--start", "2026-12-07"]
    code, out, err = _run(capsys, *args, "--save", "--database-url", "not a url")
    assert (code, out) == (2, "") and "'not a url' is not a database URL" in err
    unreachable = "postgresql://nobody@127.0.0.1:1/periodize"
    code, out, err = _run(capsys, *args, "--save", "--database-url", unreachable)
    assert (code, out) == (3, "") and "Could not open the database" in err
    assert "Traceback" not in err
    for key in ("OPENAI_API_KEY", "OPENAI_BASE_URL"):
        monkeypatch.delenv(key, raising=False)
    code, out, err = _run(capsys, *args, "--generator", "openai")
    assert (code, out) == (2, "") and "--generator openai is not available" in err


def test_a_plan_that_is_not_saved_stores_nothing(capsys, profile_file: Path, tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'untouched.db'}"
    args = ["plan", "--profile", str(profile_file), "--weeks", "8", "--start", "2026-12-07"]
    code, out, _ = _run(capsys, *args, "--database-url", url)
    assert code == 0 and "savedMesocycleId" not in json.loads(out)
    assert not (tmp_path / "untouched.db").exists()


def test_the_table_shows_a_pound_clients_loads_in_lb(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    profile = make_profile(name="Sam Pounds").model_dump(mode="json")
    profile["units"] = {"load": "lb", "distance": "mi"}
    path = tmp_path / "pounds.json"
    path.write_text(json.dumps(profile), encoding="utf-8")
    code, out, _ = _run(
        capsys,
        "plan",
        "--profile",
        str(path),
        "--weeks",
        "8",
        "--start",
        "2026-12-07",
        "--format",
        "table",
    )
    assert code == 0
    loads = [line.split(" @ ")[1].split(",")[0] for line in out.splitlines() if " @ " in line]
    kg = [load for load in loads if "%" not in load]
    assert kg and all(load.endswith(" lb") for load in kg)
    assert all(float(load.removesuffix(" lb")) % 5 == 0 for load in kg)
