"""The OpenAI drafter: structured-output calls, code-assigned dates, validation, repair and fallback.

Modules: ``settings`` (connection settings from the environment), ``drafts`` (the strict schemas the
model answers with), ``convert`` (drafts → domain objects), ``repair`` (problems pinned on weeks, the
repair prompt), ``prompt_values`` (what fills the prompts), ``calls`` (one API call, its errors) and
``generator`` (``OpenAIGenerator``). The names of the former ``core.generation.llm`` module are
re-exported here.

How a mesocycle is drafted (docs/domain.md §6):

1. The fallback engine's own breakdown of the plan is computed first (deterministic and cheap: no
   call). Its week 1 is the reference every week's prompt carries: the block's main lifts and
   session structure, so every week keeps the same main lifts (constant within a mesocycle) and the
   block stays measurable even though weeks are separate calls. The same breakdown supplies the
   replacement for any week that stays invalid.
2. All weeks (the transition week 0 when there is one, then 1..N) are asked for at once, one call
   per week, in a bounded thread pool (``max_workers``, default 8, enough for a whole block): a
   6-week block costs about one round trip of latency, and a bad week can be repaired or replaced
   on its own.
3. Each answer is a content-only draft (``DraftWeek``): no ids, no dates, a weekday per session. Code
   turns it into a ``Microcycle`` with dates from ``core.dates``.
4. An answer that does not parse (invalid JSON, schema mismatch, cut off at the token limit) is sent
   back with a repair prompt; then the assembled mesocycle is validated and every week with errors
   gets its problems back as a repair prompt. Each week has ``max_repairs`` repairs in all.
5. Weeks still failing are replaced by the fallback engine's week (``generated_by`` =
   OFFLINE_FALLBACK); if no week survives, the whole block is the fallback's.

Refusals, the content filter, a rejected key, timeouts and an unreachable service raise a
``GenerationError`` instead: falling back silently there would hide something the coach must know.
The first such error stops the block: weeks not yet started are cancelled, weeks in flight make no
further calls (no repairs), and the error is raised once they return.
Nothing here logs the API key or request headers: failures are logged with the model, the prompt
version, the attempt, the finish reason and the problem list only.
"""

from core.generation.llm.calls import DraftT
from core.generation.llm.convert import (
    DraftProblems,
    draft_outline_to_program,
    draft_week_to_microcycle,
    outline_problems,
)
from core.generation.llm.drafts import (
    DraftBlock,
    DraftExercise,
    DraftKeyValue,
    DraftMacrocycle,
    DraftOutline,
    DraftPhase,
    DraftWeek,
    DraftWeeklyTarget,
    DraftWorkout,
    Weekday,
)
from core.generation.llm.generator import DEFAULT_MAX_WORKERS, OpenAIGenerator, Validator
from core.generation.llm.repair import MAX_PROBLEM_CHARS, MAX_PROBLEMS_IN_REPAIR, ProblemLike
from core.generation.llm.settings import (
    DEFAULT_MAX_RETRIES,
    DEFAULT_MODEL,
    DEFAULT_TIMEOUT_SECONDS,
    LOCAL_SERVER_PLACEHOLDER_KEY,
    OpenAISettings,
    openai_settings_from_env,
)

__all__ = [
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_MAX_WORKERS",
    "DEFAULT_MODEL",
    "DEFAULT_TIMEOUT_SECONDS",
    "LOCAL_SERVER_PLACEHOLDER_KEY",
    "MAX_PROBLEMS_IN_REPAIR",
    "MAX_PROBLEM_CHARS",
    "DraftBlock",
    "DraftExercise",
    "DraftKeyValue",
    "DraftMacrocycle",
    "DraftOutline",
    "DraftPhase",
    "DraftProblems",
    "DraftT",
    "DraftWeek",
    "DraftWeeklyTarget",
    "DraftWorkout",
    "OpenAIGenerator",
    "OpenAISettings",
    "ProblemLike",
    "Validator",
    "Weekday",
    "draft_outline_to_program",
    "draft_week_to_microcycle",
    "openai_settings_from_env",
    "outline_problems",
]
