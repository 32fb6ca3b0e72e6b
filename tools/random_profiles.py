"""Seeded random client profiles, for measuring the engine on clients it was never tuned to.

    python -m tools.random_profiles OUT_DIR [--count 40] [--seed 1]
    python -m tools.quality OUT_DIR

The shipped set (tools/profiles/) is what the rules were written against; a fresh seed gives a set
nobody looked at. Each profile is drawn from what coaches see: any goal and level, 1-7 days, 20-120
minutes, a realistic equipment set, zero to two injured areas, 1RMs for some of the barbell lifts
(scaled to bodyweight and level), sometimes an event in the program's window, sometimes age and sex.
"""

from __future__ import annotations

import argparse
import json
import random
from datetime import date, timedelta
from pathlib import Path

from core.schemas import BodyArea, ClientProfile, EventKind, Experience, Goal, Sex

FIRST_MONDAY = date(2027, 1, 4)  # the quality report's first start day
EQUIPMENT_SETS = (
    ["barbell", "bench", "dumbbells", "machines", "cables", "pull_up_bar"],
    ["barbell", "bench", "dumbbells", "machines", "cables", "pull_up_bar", "treadmill", "rower"],
    ["barbell", "bench", "pull_up_bar"],
    ["barbell", "bench"],
    ["dumbbells", "bench"],
    ["dumbbells", "kettlebell", "bands"],
    ["kettlebell"],
    ["bands"],
    ["none"],
    ["bands", "pull_up_bar"],
    ["machines", "cables", "treadmill", "bike"],
    ["dumbbells", "bench", "bike"],
    ["treadmill"],
    ["rower", "kettlebell"],
)
BARBELL_RATIOS = {  # 1RM ÷ bodyweight, a beginner's; levels add on
    "Back Squat": 1.0,
    "Bench Press": 0.75,
    "Deadlift": 1.25,
    "Overhead Press": 0.45,
    "Front Squat": 0.8,
    "Barbell Row": 0.65,
}
LEVEL_FACTOR = {Experience.BEGINNER: 1.0, Experience.INTERMEDIATE: 1.35, Experience.ADVANCED: 1.7}
RACES = (EventKind.RACE_5K, EventKind.RACE_10K, EventKind.HALF_MARATHON, EventKind.MARATHON)


def random_profile(rng: random.Random, number: int) -> ClientProfile:
    goal = rng.choice(list(Goal))
    level = rng.choice(list(Experience))
    days = rng.randint(1, 7)
    minutes = rng.choice((20, 30, 40, 45, 50, 60, 75, 90, 105, 120))
    equipment = rng.choice(EQUIPMENT_SETS)
    injured = rng.random() < (0.9 if goal is Goal.REHAB else 0.3)
    injuries = rng.sample(list(BodyArea), rng.choice((1, 1, 2))) if injured else []
    bodyweight = round(rng.uniform(50, 115), 1)
    one_rep_maxes = {}
    if "barbell" in equipment and rng.random() < 0.7:
        for lift in rng.sample(sorted(BARBELL_RATIOS), rng.randint(1, 4)):
            kg = bodyweight * BARBELL_RATIOS[lift] * LEVEL_FACTOR[level] * rng.uniform(0.85, 1.15)
            one_rep_maxes[lift] = round(kg / 2.5) * 2.5
    event = None
    if rng.random() < 0.25:
        kind = rng.choice(RACES) if goal is Goal.ENDURANCE else rng.choice(list(EventKind))
        event = {"date": FIRST_MONDAY + timedelta(days=rng.randint(6 * 7, 16 * 7)), "kind": kind}
    described = rng.random() < 0.5
    return ClientProfile.model_validate(
        {
            "name": f"Unseen {number:02d} {goal.value} {level.value} {days}d {minutes}min",
            "goal": goal,
            "experience": level,
            "days_per_week": days,
            "minutes_per_session": minutes,
            "equipment": equipment,
            "injuries": injuries,
            "one_rep_maxes": one_rep_maxes,
            "bodyweight_kg": bodyweight,
            "event": event,
            "age": rng.randint(16, 72) if described else None,
            "sex": rng.choice(list(Sex)) if described else None,
        }
    )


def write_profiles(folder: Path, count: int, seed: int) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(1, count + 1):
        profile = random_profile(rng, number)
        path = folder / f"unseen-{number:02d}.json"
        data = profile.model_dump(mode="json", by_alias=True, exclude_none=True)
        path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--count", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    paths = write_profiles(args.folder, args.count, args.seed)
    print(f"{len(paths)} profiles in {args.folder} (seed {args.seed})")


if __name__ == "__main__":
    main()
