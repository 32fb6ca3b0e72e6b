"""A workout's blocks as the coach reads them: each activity with its note and rationale below it."""

from __future__ import annotations

from core.read_models import WorkoutRecord
from core.schemas import Units, WorkoutBlock, WorkoutInstance
from ui.markdown import md_escape


def stored_blocks(workout: WorkoutRecord) -> list[WorkoutBlock]:
    """A saved workout's blocks (stored as JSON) back as models."""
    return [WorkoutBlock.model_validate(block) for block in workout.blocks]


def block_markdown(block: WorkoutBlock, units: Units, reasons: bool = True) -> str:
    """A block as a markdown list: each activity (in the client's units), its note and, with
    ``reasons``, its rationale in grey below it; a rationale every activity of the block shares
    (a warm-up's) once, under the block's label."""
    why = [exercise.rationale for exercise in block.exercises]
    shared = why[0] if reasons and len(why) > 1 and why[0] and len(set(why)) == 1 else None
    lines = [f"**{md_escape(block.label)}**", ""]
    if shared:
        lines[0] += f"  \n:gray[↳ {md_escape(shared)}]"
    for exercise in block.exercises:
        item = f"- {md_escape(exercise.describe(units))}"
        extras = [(exercise.notes, "✎")]
        if reasons and not shared:
            extras.append((exercise.rationale, "↳"))
        for extra, mark in extras:
            if extra:
                item += f"  \n  :gray[{mark} {md_escape(extra)}]"
        lines.append(item)
    return "\n".join(lines)


def session_card_markdown(
    heading: str, workout: WorkoutInstance, units: Units, reasons: bool = True
) -> str:
    """A planned session's card as one markdown element: its ``heading`` in bold, each block with
    exercises (``block_markdown``; their rationales with ``reasons``), its notes small and grey
    (one element, not one per part)."""
    parts = [f"**{md_escape(heading)}**"]
    parts += [block_markdown(block, units, reasons) for block in workout.blocks if block.exercises]
    if workout.notes:
        parts.append(f":small[:gray[{md_escape(f'Notes: {workout.notes}')}]]")
    return "\n\n".join(parts)
