"""tools.random_profiles: a seed gives the same valid, varied profiles; another seed, others."""

from __future__ import annotations

import json
import random
from pathlib import Path

from core.schemas import ClientProfile, Goal
from tools.quality import load_profiles
from tools.random_profiles import random_profile, write_profiles


def test_a_seed_writes_the_same_profiles_the_quality_report_reads(tmp_path: Path) -> None:
    first = write_profiles(tmp_path / "a", count=12, seed=5)
    again = write_profiles(tmp_path / "b", count=12, seed=5)
    assert [path.read_text() for path in first] == [path.read_text() for path in again]
    loaded = load_profiles(tmp_path / "a")
    assert [name for name, _profile in loaded] == [f"unseen-{n:02d}" for n in range(1, 13)]
    assert loaded[0][1] == ClientProfile.model_validate(json.loads(first[0].read_text()))


def test_another_seed_draws_other_clients() -> None:
    one = [random_profile(random.Random(1), n) for n in range(5)]
    two = [random_profile(random.Random(2), n) for n in range(5)]
    assert one != two


def test_the_draws_cover_what_coaches_see() -> None:
    rng = random.Random(20261201)
    profiles = [random_profile(rng, n) for n in range(200)]
    assert {p.goal for p in profiles} == set(Goal)
    assert {p.days_per_week for p in profiles} == set(range(1, 8))
    assert any(p.event for p in profiles) and any(p.injuries for p in profiles)
    for profile in profiles:
        # 1RMs only with a barbell, each a plausible multiple of bodyweight
        assert not profile.one_rep_maxes or "barbell" in profile.equipment
        assert profile.bodyweight_kg is not None
        for kg in profile.one_rep_maxes.values():
            assert 0.2 * profile.bodyweight_kg <= kg <= 2.5 * profile.bodyweight_kg
