"""Every lift the client gave a 1RM for is a main lift somewhere in the week's skeleton: it takes
the place of a main lift the week has twice, else of a slot of its movement family, never next to
a day whose main lift trains the same muscles; a barbell lift the empty bar is too heavy for is
covered by its movement's first lift on other equipment."""

from __future__ import annotations

from core.exercises.library import LibraryExercise, find_exercise
from core.generation.engine.sessions import (
    Ctx,
    Item,
    Session,
    contributions,
    main_candidate,
    pattern_family,
)
from core.schemas import Experience
from core.validation.week_insights import PULL, PUSH


def _heavy_next_door(
    sessions: list[Session], items: list[Item], weekday: int, entry: LibraryExercise
) -> bool:
    """A main lift on the day before or after already trains one of ``entry``'s prime movers."""
    for session in sessions:
        if abs(session.weekday - weekday) != 1:
            continue
        for index in session.items:
            item = items[index]
            if item.role == "main" and set(item.exercise.primary) & set(entry.primary):
                return True
    return False


def _free_next_door(
    ctx: Ctx, sessions: list[Session], items: list[Item], index: int, entry: LibraryExercise
) -> bool:
    """Main lifts next to session ``index`` on ``entry``'s prime movers become lighter compounds
    of their pattern when the week has each of them as a main lift on another day too; False
    (nothing changed) when one cannot make way."""
    weekday = sessions[index].weekday
    near = [s for s in sessions if abs(s.weekday - weekday) == 1]
    clashes = [
        (session, items[i])
        for session in near
        for i in session.items
        if items[i].exercise.main_lift and set(items[i].exercise.primary) & set(entry.primary)
    ]
    mains = [item.exercise.name for item in items if item.role == "main"]
    swaps = []
    for session, item in clashes:
        names = {items[i].exercise.name for i in session.items}
        lighter = [
            option
            for option in ctx.options(item.exercise.pattern)
            if not option.main_lift and option.name not in names
        ]
        if mains.count(item.exercise.name) < 2 or not lighter:
            return False
        swaps.append((item, lighter[0]))
    for item, option in swaps:
        item.exercise, item.role = option, "secondary"
        item.contributions, item.primary = contributions(option), option.primary
    return bool(swaps)


def _stand_ins(ctx: Ctx) -> frozenset[str]:
    """For each given barbell lift the empty bar is too heavy for, the first multi-joint option
    of its movement the client has off the barbell (the options leave the lift itself out)."""
    names = set()
    novice = ctx.profile.experience == Experience.BEGINNER
    for lift in ctx.profile.one_rep_maxes:
        entry = find_exercise(lift)
        if entry is None or entry.name not in ctx.out_of_reach:
            continue
        stand_in = next(
            (
                option
                for option in ctx.options(entry.pattern)
                if main_candidate(option, ctx.injuries, novice)
                and not option.exposure_stage(ctx.injuries)
                and "barbell" not in option.equipment
            ),
            None,
        )
        if stand_in is not None:
            names.add(stand_in.name)
    return frozenset(names)


def cover_given_lifts(ctx: Ctx, sessions: list[Session], items: list[Item]) -> None:
    """Every lift the client gave a 1RM for (and may do) becomes a main lift somewhere in the
    week: it takes the place of a main lift the week already has twice, else of a compound or
    accessory slot of the same family (a press for a press, a pull for a pull). A barbell lift
    the empty bar is too heavy for (a 20 kg overhead press) is covered by its movement's first
    lift on other equipment (a dumbbell shoulder press), so the week still has it."""
    stand_ins = _stand_ins(ctx)
    for name in sorted(ctx.given_lifts() | stand_ins):
        entry = find_exercise(name)
        if entry is None or entry not in ctx.options(entry.pattern):
            continue
        if any(item.role == "main" and item.exercise.name == name for item in items):
            continue
        if name in stand_ins and any(
            item.role == "main" and item.exercise.pattern == entry.pattern for item in items
        ):
            continue  # the movement is in the week already (a landmine press)
        family = pattern_family(entry.pattern)
        mains = [item for item in items if item.role == "main"]
        counts: dict[str, int] = {}
        for item in mains:
            counts[item.exercise.name] = counts.get(item.exercise.name, 0) + 1
        # any time of a lift the week has twice (the later times first), it keeps the other
        repeated = [
            item
            for item in reversed(mains)
            if counts[item.exercise.name] > 1 and item.exercise.pattern in family
        ]
        others = sorted(
            (item for item in items if item.role != "main" and item.exercise.pattern in family),
            key=lambda item: (item.exercise.pattern != entry.pattern, item.role != "secondary"),
        )
        pool = repeated or others
        candidates = [
            item
            for item in pool
            if not _heavy_next_door(sessions, items, sessions[item.session].weekday, entry)
        ]
        # back-to-back days (a 6-day split): a repeated main lift next door makes way
        candidates = (
            candidates
            or [
                item for item in pool if _free_next_door(ctx, sessions, items, item.session, entry)
            ][:1]
        )
        if not candidates:
            continue
        target = candidates[0]
        in_session = {items[index].exercise.name for index in sessions[target.session].items}
        if name in in_session:
            continue
        target.exercise, target.role = entry, "main"
        target.contributions, target.primary = contributions(entry), entry.primary
        session = sessions[target.session]
        index = items.index(target)
        session.items.remove(index)
        session.items.insert(_main_position(items, session, entry), index)


def _main_position(items: list[Item], session: Session, entry: LibraryExercise) -> int:
    """Where a lift made a main lift goes among the session's main lifts: a squat or hinge after
    the session's other lower-body main lifts and before its presses and pulls (the heavy
    lower-body work first, while fresh), a press or a pull after them all."""
    mains = [
        items[index].exercise.pattern for index in session.items if items[index].role == "main"
    ]
    if entry.pattern in PUSH | PULL:
        return len(mains)
    lower = [place for place, pattern in enumerate(mains) if pattern not in PUSH | PULL]
    return lower[-1] + 1 if lower else 0
