"""A muscle-gain client's program is named for muscle gain on the Program page, not "Strength"."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from streamlit.testing.v1 import AppTest

from bootstrap import Workspace
from core.generation.engine import OfflineEngine
from core.read_models import ClientRecord
from tests.factories import make_profile
from ui import shell


def test_the_program_page_names_the_goal(page: Callable[..., AppTest], wiring: Workspace) -> None:
    profile = make_profile(name="Gia Gain", goal="muscle_gain", timezone="UTC")
    client = ClientRecord(wiring.storage.create_client(profile), profile)
    wiring.service.create_program(client, 12, date(2026, 12, 7), OfflineEngine())

    at = page("program", **{shell.CLIENT_KEY: str(client.id)})

    program_picker = next(box for box in at.selectbox if box.label == "Program")
    assert program_picker.options == [
        "Muscle gain · 12 weeks from 07 Dec 2026 (Offline rule engine)"
    ]
    overview = next(m.value for m in at.markdown if "program for" in m.value)
    assert overview.startswith(r"12\-week muscle gain program for Gia Gain")
    phases = next(box for box in at.selectbox if box.label == "Phase")
    assert all(option.startswith("12-week muscle gain macrocycle › ") for option in phases.options)
    shown = " ".join([overview, *program_picker.options, *phases.options]).lower()
    assert "strength program" not in shown and "strength macrocycle" not in shown
