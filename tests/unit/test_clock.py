"""The one clock: every "today" comes from core.dates.now, which a test can freeze."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from core.dates import frozen_clock, now, today_in

ROOT = Path(__file__).resolve().parents[2]
APP_CODE = [
    ROOT / "app.py",
    ROOT / "bootstrap.py",
    *ROOT.glob("pages/*.py"),
    *ROOT.glob("ui/**/*.py"),
    *(path for path in ROOT.glob("core/**/*.py") if path != ROOT / "core" / "dates.py"),
]
SYSTEM_CLOCK = re.compile(r"\b(?:date\.today|datetime\.now|datetime\.utcnow)\(")


def test_a_frozen_clock_sets_now_and_every_zones_today() -> None:
    moment = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)
    with frozen_clock(moment):
        assert now() == moment
        assert today_in("UTC") == date(2026, 12, 31)
        assert today_in("Europe/Berlin") == date(2027, 1, 1)
        assert today_in("America/New_York") == date(2026, 12, 31)
    assert now() != moment  # the system clock is back


def test_a_frozen_clock_needs_an_aware_moment() -> None:
    with pytest.raises(ValueError, match="aware"), frozen_clock(datetime(2026, 1, 1)):
        pass


def test_only_core_dates_reads_the_system_clock() -> None:
    readers = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in APP_CODE
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if SYSTEM_CLOCK.search(line)
    ]
    assert len(APP_CODE) > 10
    assert readers == []
