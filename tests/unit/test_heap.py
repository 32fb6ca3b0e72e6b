"""ui/heap.py: a served page's first run freezes the heap once; AppTest and later runs leave it."""

from __future__ import annotations

import gc
from types import SimpleNamespace

import pytest

from ui import heap


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> None:
    """A run with an HTTP request behind it (what ``streamlit run`` gives, AppTest does not)."""
    monkeypatch.setattr(heap, "st", SimpleNamespace(context=SimpleNamespace(headers={"Host": "x"})))
    monkeypatch.setattr(heap, "_settled", set())
    monkeypatch.delenv(heap.KEEP_COLLECTOR, raising=False)


def test_each_pages_first_served_run_freezes_once(served: None) -> None:
    try:
        before = gc.get_freeze_count()
        assert heap.settle("workouts") is True
        frozen = gc.get_freeze_count()
        assert frozen > before, "what was alive is out of every later collection"
        assert heap.settle("workouts") is False, "a page's later runs do nothing"
        assert gc.get_freeze_count() == frozen
        assert heap.settle("load") is True, "another page's first run (its imports) freezes again"
    finally:
        gc.unfreeze()


def test_nothing_is_frozen_without_a_request_or_when_switched_off(
    served: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(heap.KEEP_COLLECTOR, "0")
    assert heap.settle("workouts") is False
    monkeypatch.delenv(heap.KEEP_COLLECTOR)
    monkeypatch.setattr(heap, "st", SimpleNamespace(context=SimpleNamespace(headers={})))
    assert heap.settle("workouts") is False, "AppTest: no HTTP request behind the run"
    assert heap._settled == set()
