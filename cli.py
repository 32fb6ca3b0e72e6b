"""Command line: plan a client's program and one phase (JSON or a table, optionally saved); coaches.

    python cli.py plan --profile PROFILE.json --weeks N --start YYYY-MM-DD [--phase K]
        [--generator offline|openai] [--format json|table] [--save] [--coach USERNAME]
        [--database-url URL]
    python cli.py coach create USERNAME [--name NAME] [--email EMAIL] [--admin] [--password-stdin]
    python cli.py coach set-password USERNAME [--password-stdin]

Exit codes: 0 success, 1 validation errors block saving (nothing stored), 2 bad input, 3 a service
failed (the database or the AI server; nothing stored).

The same composition root as the app (``bootstrap``) and the same service: a plan that is not saved
is previewed in a throw-away in-memory database, so ``plan`` and ``plan --save`` run one path.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Engine
from sqlalchemy.exc import ArgumentError, DBAPIError

from bootstrap import Wiring, build_wiring
from core.errors import InvalidInput, InvalidPlan, PeriodizeError, StorageUnavailable
from core.generation.base import OPENAI, MesocycleGenerator
from core.read_models import ClientRecord, CoachRecord
from core.schemas import (
    ClientProfile,
    MesocycleDetailed,
    Units,
    describe_validation_error,
    effective_units,
)
from core.service import Preview
from core.validation import Problem, has_errors
from db.accounts import (
    coach_by_id,
    coach_by_username,
    create_coach,
    local_coach,
    set_password,
)

EXIT_OK, EXIT_INVALID_PLAN, EXIT_BAD_INPUT, EXIT_SERVICE_FAILED = 0, 1, 2, 3
THROW_AWAY_DATABASE = "sqlite://"  # in memory: a plan that is only printed is stored nowhere


class BadInput(Exception):
    """Input the coach must fix: exit code 2 with this message."""


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except (BadInput, InvalidInput) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except InvalidPlan as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_INVALID_PLAN
    except PeriodizeError as error:  # the AI server or the database failed; nothing was stored
        print(f"error: {error}", file=sys.stderr)
        return EXIT_SERVICE_FAILED
    except DBAPIError as error:
        print(f"error: the database failed ({type(error.orig).__name__})", file=sys.stderr)
        return EXIT_SERVICE_FAILED


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cli.py", description="Periodize planning commands")
    commands = parser.add_subparsers(dest="command", required=True)
    plan = commands.add_parser("plan", help="outline a program and break down one phase")
    plan.add_argument("--profile", required=True, type=Path, help="ClientProfile JSON (camelCase)")
    plan.add_argument("--weeks", required=True, type=int, help="program length in weeks")
    plan.add_argument("--start", required=True, type=_parse_date, help="YYYY-MM-DD")
    plan.add_argument("--phase", type=int, default=1, help="which phase to break down (1-based)")
    plan.add_argument("--generator", choices=["offline", "openai"], default="offline")
    plan.add_argument("--format", choices=["json", "table"], default="json")
    plan.add_argument("--save", action="store_true", help="store client, program and phase")
    plan.add_argument("--coach", help="the coach to save under (default: the local coach)")
    plan.add_argument("--database-url", help="default: DATABASE_URL, then the app's SQLite file")
    plan.set_defaults(run=_plan)
    coach = commands.add_parser("coach", help="manage coach accounts")
    actions = coach.add_subparsers(dest="action", required=True)
    create = actions.add_parser("create", help="add a coach account")
    create.add_argument("username")
    create.add_argument("--name", default="", help="display name")
    create.add_argument("--email", help="the e-mail an OIDC sign-in (st.login) maps to")
    create.add_argument(
        "--admin",
        action="store_true",
        help="sees the server's settings and adds coaches (the first account always does)",
    )
    password = actions.add_parser("set-password", help="set a coach's password")
    password.add_argument("username")
    for action in (create, password):
        action.add_argument("--password-stdin", action="store_true", help="read it from stdin")
        action.add_argument("--database-url", help="default: DATABASE_URL, then the SQLite file")
    create.add_argument(
        "--no-password", action="store_true", help="an account that signs in through OIDC only"
    )
    create.set_defaults(run=_coach_create)
    password.set_defaults(run=_coach_password)
    return parser


def _parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-12-07") from None


def load_profile(path: Path) -> ClientProfile:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BadInput(f"profile file {path} not found") from None
    except json.JSONDecodeError as error:
        raise BadInput(f"{path} is not valid JSON: {error}") from None
    try:
        return ClientProfile.model_validate(data)
    except ValidationError as error:
        raise BadInput(
            f"{path} is not a valid profile:\n  " + "\n  ".join(describe_validation_error(error))
        ) from None


def _wiring(args: argparse.Namespace, url: str | None) -> Wiring:
    """The app's composition root on ``url`` (default: DATABASE_URL, then the SQLite file)."""
    environ = dict(os.environ)
    if url:
        environ["DATABASE_URL"] = url
    try:
        return build_wiring(environ)
    except ArgumentError:
        raise BadInput(f"'{url}' is not a database URL") from None
    except DBAPIError as error:
        raise StorageUnavailable(
            f"Could not open the database ({type(error.orig).__name__}): check --database-url "
            "or DATABASE_URL and that the server is running. Nothing was stored."
        ) from None


def _generator(wiring: Wiring, name: str) -> MesocycleGenerator:
    if name in wiring.generators:
        return wiring.generators[name]
    reason = wiring.openai.error or "it needs OPENAI_API_KEY or OPENAI_BASE_URL to be set"
    raise BadInput(f"--generator {OPENAI} is not available: {reason}")


def _coach(wiring: Wiring, username: str | None) -> CoachRecord:
    coach = coach_by_username(wiring.engine, username) if username else local_coach(wiring.engine)
    if coach is None:
        raise BadInput(f"there is no coach '{username}' (add one with `cli.py coach create`)")
    return coach


def _plan(args: argparse.Namespace) -> int:
    profile = load_profile(args.profile)
    wiring = _wiring(args, args.database_url if args.save else THROW_AWAY_DATABASE)
    try:
        generator = _generator(wiring, args.generator)
        workspace = wiring.for_coach(_coach(wiring, args.coach if args.save else None))
        existing = workspace.storage.find_client_by_name(profile.name) if args.save else None
        if existing is not None:
            workspace.storage.update_client(existing.id, profile)
        client = ClientRecord(
            existing.id if existing else workspace.storage.create_client(profile), profile
        )
        try:
            program_id = workspace.service.create_program(client, args.weeks, args.start, generator)
        except ValueError as error:  # the outline refuses the length or the start
            raise BadInput(str(error)) from None
        program = workspace.storage.get_program(program_id)
        slots = workspace.service.phases(program)
        if not 1 <= args.phase <= len(slots):
            raise BadInput(f"--phase must be between 1 and {len(slots)} for this program")
        slot = slots[args.phase - 1]
        preview = workspace.service.preview_slot(client, program, slot, generator)
        result = _result(program.program.model_dump(mode="json"), preview)
        blocked = has_errors(preview.problems)
        if args.save and not blocked:
            result["savedMesocycleId"] = str(workspace.service.save(preview))
    finally:
        wiring.engine.dispose()
    units = effective_units(preview.client.profile)  # the service filled in the coach's default
    _print(result, args.format, preview.mesocycle, preview.problems, units)
    if blocked:
        print("error: validation errors block saving; nothing was stored", file=sys.stderr)
        return EXIT_INVALID_PLAN
    return EXIT_OK


def _result(program: dict[str, Any], preview: Preview) -> dict[str, Any]:
    return {
        "program": program,
        "mesocycle": preview.mesocycle.model_dump(mode="json"),
        "problems": [_problem_json(p) for p in preview.problems],
    }


def _engine(args: argparse.Namespace) -> Engine:
    return _wiring(args, args.database_url).engine


def _read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    if not sys.stdin.isatty():
        raise BadInput("no terminal to ask for a password: pass --password-stdin")
    first, second = getpass.getpass("Password: "), getpass.getpass("Repeat: ")
    if first != second:
        raise BadInput("the two passwords differ")
    return first


def _coach_create(args: argparse.Namespace) -> int:
    password = None if args.no_password else _read_password(args)
    engine = _engine(args)
    try:
        coach_id = create_coach(
            engine, args.username, password, args.name, args.email, is_admin=args.admin
        )
        created = coach_by_id(engine, coach_id)
    except InvalidInput as error:
        raise BadInput(str(error)) from None
    finally:
        engine.dispose()
    role = " (an admin)" if created is not None and created.is_admin else ""
    print(f"coach {args.username.strip().lower()} created{role}")
    return EXIT_OK


def _coach_password(args: argparse.Namespace) -> int:
    try:
        set_password(_engine(args), args.username, _read_password(args))
    except InvalidInput as error:
        raise BadInput(str(error)) from None
    print(f"password of {args.username.strip().lower()} set")
    return EXIT_OK


def _problem_json(problem: Problem) -> dict[str, str]:
    return {"severity": problem.severity, "path": problem.path, "message": problem.message}


def _print(
    result: dict[str, Any],
    fmt: str,
    mesocycle: MesocycleDetailed,
    problems: list[Problem],
    units: Units,
) -> None:
    """JSON (loads in kg, distances in km, as stored) or a table in the client's units."""
    if fmt == "json":
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return
    print(f"{mesocycle.phase}: {mesocycle.start_date} – {mesocycle.end_date}")
    for micro in mesocycle.microcycles:
        label = "transition" if micro.week_number == 0 else f"week {micro.week_number}"
        deload = " (deload)" if micro.deload else ""
        print(f"\n{label}{deload}: {micro.start_date} – {micro.end_date} [{micro.generated_by}]")
        for workout in micro.workouts:
            print(f"  {workout.date:%a %d %b}  {workout.session_type.value:<8} {workout.title}")
            for exercise in workout.exercises:
                print(f"      {exercise.describe(units)}")
    for problem in problems:
        print(f"{problem.severity.upper():8} {problem.path}: {problem.message}")
    if "savedMesocycleId" in result:
        print(f"\nsaved mesocycle {result['savedMesocycleId']}")


if __name__ == "__main__":
    sys.exit(main())
