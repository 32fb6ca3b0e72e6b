"""The open plan format: a mesocycle or a whole program as versioned JSON, its JSON Schema, its import.

A document is ``{"formatVersion": "periodize.plan/1", "kind": "mesocycle" | "program", ...}`` in
the domain models' own camelCase JSON, loads in kg and distances in km whatever the client's units
(docs/plan-format.md). The schema is generated from the same pydantic models that read a document
back, so the file, the schema and the importer cannot disagree. The format's version changes only
when an existing document would stop reading the same.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Annotated, Any, Literal

from pydantic import Field, TypeAdapter, ValidationError

from core.errors import InvalidPlan
from core.schemas import (
    DomainModel,
    Event,
    FitnessProgram,
    MesocycleDetailed,
    describe_validation_error,
)

FORMAT_VERSION = "periodize.plan/1"
SCHEMA_ID = "https://periodize.invalid/plan-format/v1.schema.json"
"""The schema's ``$id``: a name, not an address (``.invalid`` is reserved, RFC 2606)."""
MAX_IMPORT_BYTES = 2_000_000
"""A 6-week block is about 100 kB; a file 20 times that is not a plan."""

IMPORTED = "imported"
"""What a preview read from a plan file says wrote it (each week's ``generatedBy`` too)."""

FormatVersion = Literal["periodize.plan/1"]


class MesocycleDocument(DomainModel):
    """One block: its weekly targets, weeks, sessions and exercises."""

    format_version: FormatVersion = Field(alias="formatVersion")
    kind: Literal["mesocycle"]
    mesocycle: MesocycleDetailed


class PlacedMesocycle(DomainModel):
    """A saved block of a program, with the phase it plans (macrocycle id and position)."""

    macrocycle_id: str = Field(min_length=1, max_length=80)
    order_index: int = Field(ge=0, le=51)
    mesocycle: MesocycleDetailed


class ProgramDocument(DomainModel):
    """A whole program: the outline, the date it starts and the blocks planned so far."""

    format_version: FormatVersion = Field(alias="formatVersion")
    kind: Literal["program"]
    start_date: date
    program: FitnessProgram
    mesocycles: list[PlacedMesocycle] = Field(default_factory=list, max_length=60)
    event: Event | None = Field(
        default=None, description="the race, meet or test day the program is planned back to"
    )


PlanDocument = Annotated[MesocycleDocument | ProgramDocument, Field(discriminator="kind")]
_DOCUMENT: TypeAdapter[MesocycleDocument | ProgramDocument] = TypeAdapter(PlanDocument)


def _dump(document: MesocycleDocument | ProgramDocument) -> bytes:
    # ``activities`` (each block's derived text) is left out: the importer ignores it, and
    # without it every exported file also validates against the schema.
    data = document.model_dump(mode="json", exclude_none=True, exclude_computed_fields=True)
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode()


def mesocycle_json(mesocycle: MesocycleDetailed) -> bytes:
    """A block as a plan document (UTF-8 JSON)."""
    return _dump(
        MesocycleDocument(format_version=FORMAT_VERSION, kind="mesocycle", mesocycle=mesocycle)
    )


def program_json(
    program: FitnessProgram,
    start_date: date,
    mesocycles: list[tuple[str, int, MesocycleDetailed]],
    event: Event | None = None,
) -> bytes:
    """A program and its saved blocks, each as (macrocycle id, order index, block), with the
    event it is planned to when there is one."""
    document = ProgramDocument(
        format_version=FORMAT_VERSION,
        kind="program",
        start_date=start_date,
        program=program,
        mesocycles=[
            PlacedMesocycle(macrocycle_id=macro, order_index=index, mesocycle=meso)
            for macro, index, meso in mesocycles
        ],
        event=event,
    )
    return _dump(document)


def plan_schema() -> dict[str, Any]:
    """The JSON Schema of a plan document, as the importer reads it (docs/plan-format/)."""
    schema = _DOCUMENT.json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Periodize plan document",
        "description": f"A mesocycle or a whole program, format {FORMAT_VERSION}; loads in kg, distances in km.",
        **schema,
    }


def schema_text() -> str:
    """The schema as committed: sorted keys, two-space indent, one trailing newline."""
    return json.dumps(plan_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def read_plan(data: bytes) -> MesocycleDocument | ProgramDocument:
    """A plan document from a file's bytes; ``InvalidPlan`` with one line per problem, with its path."""
    if len(data) > MAX_IMPORT_BYTES:
        raise InvalidPlan(
            f"That file is {len(data) // 1000} kB; a plan file is at most "
            f"{MAX_IMPORT_BYTES // 1_000_000} MB."
        )
    try:
        parsed = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InvalidPlan("That file is not text (UTF-8): export the plan as JSON again.") from None
    except json.JSONDecodeError as error:
        raise InvalidPlan(
            f"That file is not JSON (line {error.lineno}, column {error.colno}: {error.msg})."
        ) from None
    if not isinstance(parsed, dict) or parsed.get("formatVersion") != FORMAT_VERSION:
        found = parsed.get("formatVersion") if isinstance(parsed, dict) else None
        raise InvalidPlan(
            f"That file is not a plan of format {FORMAT_VERSION}"
            + (f" (it says {str(found)[:40]!r})." if found else " (it has no formatVersion).")
        )
    kind = parsed.get("kind")
    models: dict[str, type[MesocycleDocument] | type[ProgramDocument]] = {
        "mesocycle": MesocycleDocument,
        "program": ProgramDocument,
    }
    model = models.get(str(kind))
    if model is None:
        raise InvalidPlan(
            "kind: must be 'mesocycle' or 'program'"
            + (f", not {str(kind)[:40]!r}." if kind is not None else " (the file has none).")
        )
    try:
        # The model of its kind, not the tagged union: the union puts the tag in every path.
        return model.model_validate(parsed)
    except ValidationError as error:
        lines = describe_validation_error(error)
        raise InvalidPlan(
            f"That plan file has {len(lines)} problem(s): " + "; ".join(lines[:10]), lines
        ) from None


def mesocycle_to_import(
    document: MesocycleDocument | ProgramDocument, macrocycle_id: str, order_index: int
) -> MesocycleDetailed:
    """The block a document holds for one phase: a mesocycle document's, or the program's block
    for that phase. ``InvalidPlan`` when a program document has none for it."""
    if isinstance(document, MesocycleDocument):
        return document.mesocycle
    for placed in document.mesocycles:
        if (placed.macrocycle_id, placed.order_index) == (macrocycle_id, order_index):
            return placed.mesocycle
    raise InvalidPlan(
        "That program file has no block for this phase "
        f"({macrocycle_id}, phase {order_index + 1}); export the block itself and import that."
    )


def as_new_plan(mesocycle: MesocycleDetailed, start_date: date) -> MesocycleDetailed:
    """A copy with no ids (the preview assigns new ones), moved to start on ``start_date``, each
    week marked as imported.

    The ids are dropped so an imported plan is never taken for the stored one it was exported
    from (a save recognises a stored id and stores nothing). Dates move by whole weeks only:
    the sessions keep their weekdays. A shift of another size is left for the validator to
    report, with the dates it expected.
    """
    shift = timedelta(0)
    if mesocycle.start_date is not None and (start_date - mesocycle.start_date).days % 7 == 0:
        shift = start_date - mesocycle.start_date

    def moved(day: date | None) -> date | None:
        return None if day is None else day + shift

    microcycles = [
        micro.model_copy(
            update={
                "id": None,
                "generated_by": IMPORTED,
                "start_date": moved(micro.start_date),
                "end_date": moved(micro.end_date),
                "workouts": [
                    workout.model_copy(update={"id": None, "date": workout.date + shift})
                    for workout in micro.workouts
                ],
            }
        )
        for micro in mesocycle.microcycles
    ]
    return mesocycle.model_copy(
        update={
            "mesocycle_id": None,
            "start_date": moved(mesocycle.start_date),
            "end_date": moved(mesocycle.end_date),
            "microcycles": microcycles,
        }
    )
