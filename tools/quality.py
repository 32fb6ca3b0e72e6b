"""The project's quality report: every phase of a 12- and a 16-week program for each profile.

    python -m tools.quality [PROFILES_DIR] [--weekdays N] [--verbose]

For each ClientProfile JSON file in the folder (default: tools/profiles/), the offline engine
outlines a 12- and a 16-week program (a profile with an event: one to the event's week) starting
on each of the first N weekdays (default all 7)
and breaks down every phase; each check of tools.quality_checks reads each program. A profile
passes a check when every one of its programs does. Printed: per profile and check the figure
and pass/fail (with the first failures when --verbose), then the totals.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from core.dates import next_mesocycle_start
from core.events import program_weeks
from core.generation.engine import OfflineEngine
from core.schemas import ClientProfile
from tools.quality_checks import CHECKS, GeneratedProgram, Outcome

PROFILES_DIR = Path(__file__).with_name("profiles")
PROGRAM_WEEKS = (12, 16)
FIRST_MONDAY = date(2027, 1, 4)


def load_profiles(folder: Path) -> list[tuple[str, ClientProfile]]:
    """(file stem, profile) of every *.json file in the folder, sorted by name."""
    return [
        (path.stem, ClientProfile.model_validate(json.loads(path.read_text(encoding="utf-8"))))
        for path in sorted(folder.glob("*.json"))
    ]


def generate(
    engine: OfflineEngine, profile: ClientProfile, weeks: int, start: date
) -> GeneratedProgram:
    weeks = program_weeks(profile, start, weeks)  # to the event's week when there is one
    program = engine.outline(profile, weeks, start)
    phases = []
    phase_start = start
    for _macro, _index, plan in program.all_phases():
        phases.append(
            (phase_start, engine.breakdown(plan, profile, program.program_type, phase_start))
        )
        phase_start = next_mesocycle_start(phase_start, plan.weeks)
    return GeneratedProgram(profile, weeks, start, program, tuple(phases))


def programs_for(
    engine: OfflineEngine, profile: ClientProfile, weekdays: int
) -> list[GeneratedProgram]:
    lengths = PROGRAM_WEEKS[:1] if profile.event else PROGRAM_WEEKS  # the event sets the length
    return [
        generate(engine, profile, weeks, FIRST_MONDAY + timedelta(days=weekday))
        for weeks in lengths
        for weekday in range(weekdays)
    ]


@dataclass
class ProfileResult:
    name: str
    outcomes: dict[str, Outcome]

    @property
    def passed(self) -> bool:
        return all(outcome.passed for outcome in self.outcomes.values())


def combine(outcomes: list[Outcome]) -> Outcome:
    """One outcome over a profile's programs: passed if all passed; the first failing program's
    figure and examples, else the first program's figure."""
    failing = [outcome for outcome in outcomes if not outcome.passed]
    shown = failing[0] if failing else outcomes[0]
    return Outcome(not failing, shown.figure, shown.examples)


def evaluate(programs: list[GeneratedProgram]) -> dict[str, Outcome]:
    return {
        name: combine([check(program) for program in programs]) for name, check in CHECKS.items()
    }


def report(results: list[ProfileResult], verbose: bool) -> str:
    lines = []
    width = max(len(name) for name in CHECKS)
    for result in results:
        lines.append(f"{result.name}  {'PASS' if result.passed else 'FAIL'}")
        for name, outcome in result.outcomes.items():
            verdict = "pass" if outcome.passed else "FAIL"
            lines.append(f"  {name.ljust(width)}  {verdict}  {outcome.figure}")
            if verbose and not outcome.passed:
                lines += [f"  {''.ljust(width)}        · {example}" for example in outcome.examples]
    total = len(results)
    lines.append("")
    lines.append(f"profiles passing every check: {sum(r.passed for r in results)} of {total}")
    for name in CHECKS:
        passing = sum(result.outcomes[name].passed for result in results)
        lines.append(f"  {name.ljust(width)}  {passing} of {total}")
    return "\n".join(lines)


def run(folder: Path, weekdays: int = 7) -> list[ProfileResult]:
    engine = OfflineEngine()
    return [
        ProfileResult(name, evaluate(programs_for(engine, profile, weekdays)))
        for name, profile in load_profiles(folder)
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("profiles", nargs="?", type=Path, default=PROFILES_DIR)
    parser.add_argument("--weekdays", type=int, default=7, choices=range(1, 8))
    parser.add_argument("--verbose", action="store_true", help="list the first failures")
    args = parser.parse_args(argv)
    if not args.profiles.is_dir():
        print(f"{args.profiles} is not a folder of profile JSON files", file=sys.stderr)
        return 2
    results = run(args.profiles, args.weekdays)
    if not results:
        print(f"no *.json profiles in {args.profiles}", file=sys.stderr)
        return 2
    print(report(results, args.verbose))
    return 0 if all(result.passed for result in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
