"""The quality report's checks: each a pure function of one generated program.

One module per area (program: what a check reads and returns; week, dosing, progression,
structure, schedule, injuries, endurance); ``CHECKS`` lists them in the order they print.

The per-week rules (hard sets, pull:push, session time, 1RMs) live in
core.validation.week_insights, where the Plan page's week insights read them too: the report and
the preview cannot disagree. A check reads a ``GeneratedProgram`` (the profile, the outline and every phase broken down) and
returns an ``Outcome``: passed or not, the figure it measured and a few examples of what failed.
The targets and their sources are written down in docs/engine.md.
"""

from __future__ import annotations

from tools.quality_checks.dosing import (
    check_dosing,
    check_hard_mains,
    check_no_unknown_one_rm,
    check_one_rm_use,
    dosing_problems,
)
from tools.quality_checks.endurance import check_endurance, check_event
from tools.quality_checks.injuries import check_graded_exposure
from tools.quality_checks.program import Check, GeneratedProgram, Outcome
from tools.quality_checks.progression import (
    check_level,
    check_linear_progression,
    check_no_repeats,
    check_progression,
)
from tools.quality_checks.schedule import check_load_steps, check_schedule
from tools.quality_checks.structure import (
    check_cool_down,
    check_impact,
    check_ramp_up,
    check_warmup,
    check_wording,
)
from tools.quality_checks.week import (
    check_balance,
    check_days,
    check_rests,
    check_session_time,
    check_set_counts,
    check_set_limits,
    check_volume,
)

CHECKS: dict[str, Check] = {
    "days": check_days,
    "time": check_session_time,
    "volume": check_volume,
    "set-limits": check_set_limits,
    "set-counts": check_set_counts,
    "rests": check_rests,
    "balance": check_balance,
    "dosing": check_dosing,
    "1rm-use": check_one_rm_use,
    "no-unknown-1rm": check_no_unknown_one_rm,
    "progression": check_progression,
    "linear": check_linear_progression,
    "no-repeats": check_no_repeats,
    "level": check_level,
    "impact": check_impact,
    "ramp-up": check_ramp_up,
    "warm-up": check_warmup,
    "cool-down": check_cool_down,
    "hard-mains": check_hard_mains,
    "wording": check_wording,
    "endurance": check_endurance,
    "steps": check_load_steps,
    "schedule": check_schedule,
    "injuries": check_graded_exposure,
    "event": check_event,
}
"""Every check of the report, in the order it prints."""

__all__ = [
    "CHECKS",
    "Check",
    "GeneratedProgram",
    "Outcome",
    "check_balance",
    "check_cool_down",
    "check_days",
    "check_dosing",
    "check_endurance",
    "check_event",
    "check_graded_exposure",
    "check_hard_mains",
    "check_impact",
    "check_level",
    "check_linear_progression",
    "check_load_steps",
    "check_no_repeats",
    "check_no_unknown_one_rm",
    "check_one_rm_use",
    "check_progression",
    "check_ramp_up",
    "check_rests",
    "check_schedule",
    "check_session_time",
    "check_set_counts",
    "check_set_limits",
    "check_volume",
    "check_warmup",
    "check_wording",
    "dosing_problems",
]
