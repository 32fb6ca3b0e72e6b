"""Pairs in a session: a main lift's paired sets and accessories in supersets, where the week's minutes
are short (agonist-antagonist pairs save the rests, not the work)."""

from __future__ import annotations

from core.exercises.library import UPPER_BODY_PATTERNS
from core.generation.engine.sessions import (
    Item,
    Session,
)
from core.generation.engine.warmups import warmup_minutes
from core.schemas import (
    ClientProfile,
)
from core.validation.volume_floor import FLOOR_MUSCLES, level_floor, time_floor

SUPERSET_MINUTES = 60
"""Up to an hour, accessories go in pairs (supersets): the rest after the first is cut."""
STRAIGHT_SHARE = 2 / 3
"""Straight sets hold about two thirds of the hard sets an hour that supersets do (a set, 75 s
of rest and set-up alone, against a pair sharing one rest): core.validation.volume_floor's
pace of 6 sets an hour for each big mover assumes supersets."""


def short_week(profile: ClientProfile, lifts: int) -> bool:
    """The week's lifting minutes at straight sets, less the warm-ups, could not hold the
    level's floor (one 90-minute session a week for an intermediate, two of 45 minutes, three
    of 50 for an advanced lifter: the week's volume has to fit in them)."""
    session = profile.minutes_per_session
    minutes = lifts * (session - warmup_minutes(session))
    return time_floor(minutes * STRAIGHT_SHARE) < level_floor(profile)


def pairs_accessories(profile: ClientProfile, lifts: int) -> bool:
    """Accessories go in supersets in sessions of up to an hour, and in any session of a short
    week."""
    return profile.minutes_per_session <= SUPERSET_MINUTES or short_week(profile, lifts)


PAIRED_ROLES = frozenset({"secondary", "accessory"})


def pair_main_lifts(sessions: list[Session], items: list[Item]) -> None:
    """In a short week each main lift is paired with an exercise for other muscles (a press
    with a pull, a squat or a hinge with upper-body work, a pull first): a set of it straight
    after each of the main lift's sets, then the main lift's full rest. The main lift keeps
    its recovery (its rest and the partner's set) and the partner's own rests are saved:
    agonist–antagonist paired sets keep the volume load in far less time (Robbins et al. 2010;
    Weakley et al. 2017; Iversen et al. 2021 on time-efficient training)."""
    for session in sessions:
        taken: set[int] = set()
        mains = [i for i in session.items if items[i].role == "main"]
        # a press or a pull first (it needs the other side), then a squat or a hinge
        mains.sort(key=lambda i: items[i].exercise.pattern not in UPPER_BODY_PATTERNS)
        for lead in mains:
            upper = items[lead].exercise.pattern in UPPER_BODY_PATTERNS
            side = _press_or_pull(items[lead])
            free = [
                index
                for index in session.items
                if index not in taken
                and items[index].role in PAIRED_ROLES
                and items[index].exercise.pattern in UPPER_BODY_PATTERNS
                and not set(items[index].exercise.primary) & set(items[lead].exercise.primary)
                and (not upper or _press_or_pull(items[index]) == -side != 0)
            ]
            # a big mover no other exercise of the session trains first (its sets then cost
            # only their work), then a pull (the week's pull:push), a compound before isolation
            free.sort(
                key=lambda i: (
                    not _sole_trainer(items, session, i),
                    _press_or_pull(items[i]) != -1,
                    items[i].role != "secondary",
                )
            )
            if not free:
                continue
            partner = free[0]
            taken.add(partner)
            items[lead].partner = items[partner].exercise.name
            items[lead].partner_index = partner
            items[partner].between_main = True
            items[partner].main_index = lead


def _sole_trainer(items: list[Item], session: Session, index: int) -> bool:
    """The exercise is the session's only one with a big mover of its as a prime mover (a
    band overhead press in a full-body session whose other pressing is for the chest)."""
    others = {
        muscle for other in session.items if other != index for muscle in items[other].primary
    }
    return any(muscle in FLOOR_MUSCLES and muscle not in others for muscle in items[index].primary)


SUPERSET_ROLES = frozenset({"accessory", "core"})


def pair_supersets(sessions: list[Session], items: list[Item]) -> None:
    """Pair a session's accessories two by two, so the second exercise's work is the first's
    rest: the big movers' exercises first (the sets a short week most needs are the cheapest),
    each with a partner for other muscles, a press with a pull, else upper body with lower
    body, else the next in order; arms, calves and core pair among themselves last."""
    for session in sessions:
        left = sorted(
            (
                index
                for index in session.items
                if items[index].role in SUPERSET_ROLES and not items[index].between_main
            ),
            key=lambda index: not _big_mover(items[index]),
        )
        while len(left) >= 2:
            lead = left.pop(0)
            opposite = min(left, key=lambda i: _pairing_rank(items[lead], items[i]))
            left.remove(opposite)
            items[lead].partner = items[opposite].exercise.name
            items[lead].partner_index = opposite
            # the partner follows its lead directly in the session's order
            session.items.remove(opposite)
            session.items.insert(session.items.index(lead) + 1, opposite)


def _big_mover(item: Item) -> bool:
    """Trains a muscle held to the weekly floor as a prime mover (not only arms, calves, core)."""
    return any(muscle in FLOOR_MUSCLES for muscle in item.primary)


def _pairing_rank(lead: Item, other: Item) -> tuple[bool, bool, bool, bool]:
    """How good a superset partner ``other`` is for ``lead`` (lower is better): both big movers
    or neither, a press for a pull, the other half of the body, no prime mover shared."""
    side = _press_or_pull(lead)
    upper = lead.exercise.pattern in UPPER_BODY_PATTERNS
    return (
        _big_mover(other) != _big_mover(lead),
        not (side != 0 and _press_or_pull(other) == -side),
        (other.exercise.pattern in UPPER_BODY_PATTERNS) == upper,
        bool(set(other.primary) & set(lead.primary)),
    )


def _press_or_pull(item: Item) -> int:
    pattern = item.exercise.pattern
    return 1 if pattern.endswith("_push") else -1 if pattern.endswith("_pull") else 0
