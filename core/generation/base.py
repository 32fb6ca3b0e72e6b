"""The one interface both generators implement; the service depends on nothing else of theirs."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Protocol

from core.schemas import (
    ClientProfile,
    FitnessProgram,
    MesocycleDetailed,
    MesocyclePlan,
    ProgramType,
)

OFFLINE = "offline"
OPENAI = "openai"
OFFLINE_FALLBACK = "offline (fallback)"


class MesocycleGenerator(Protocol):
    """Outline (the spec's outlinePrompt) and breakdown (mesocycleBreakdownPrompt) of a program."""

    name: str

    def outline(self, profile: ClientProfile, weeks: int, start_date: date) -> FitnessProgram:
        """A FitnessProgram of ``weeks`` weeks starting on ``start_date`` for this client."""
        ...

    def breakdown(
        self,
        plan: MesocyclePlan,
        profile: ClientProfile,
        program_type: ProgramType,
        start_date: date,
        training_maxes: Mapping[str, float] | None = None,
    ) -> MesocycleDetailed:
        """The plan's microcycles with dated workouts (dates from core.dates, ids left empty).

        ``training_maxes`` (kg by lift name, lower case; core.training_max) load the main lifts;
        a lift not in it gets the planned progression.

        Each microcycle's ``generated_by`` names the generator that wrote it (OFFLINE, OPENAI or
        OFFLINE_FALLBACK for weeks an LLM could not produce validly).
        """
        ...
