"""Hostile text (HTML, script tags, SQL) in names, notes and titles: stored verbatim, shown as text.

A client named ``<script>…</script> Bob``, a program overview, workout titles and notes and
exercise notes carrying HTML and SQL are saved through the storage (and a name through the
Clients form), read back byte for byte, and every page renders them as text: found verbatim (or
markdown-escaped with ``shell.md_escape``) in an element, while no element is HTML (``st.html``,
``components.html``) and no markdown element has ``allow_html`` set. A static check makes sure no
page passes ``unsafe_allow_html`` or calls ``st.html`` at all.
"""

from __future__ import annotations

import ast
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from core.generation.engine import OfflineEngine
from core.read_models import ClientRecord
from db.models import ClientDB, WorkoutInstanceDB
from tests.app.test_isolation import rendered_texts
from tests.factories import make_profile, preview_phase
from ui import shell
from ui.navigation import PAGE_KEYS
from ui.plan_view import DRAFTS, Draft

ROOT = Path(__file__).resolve().parents[2]
NAME = "<script>alert('x')</script> Bob"
NOTES = "<b>bold</b> '); DROP TABLE clients;--"
EXERCISE_NOTES = '<img src=x onerror="alert(1)"> <a href="javascript:alert(2)">go</a> *not bold*'
OVERVIEW = "<iframe src=//evil.example></iframe> **x** '); DROP TABLE fitness_programs;--"
TITLE = "<u>Upper</u> <script>t()</script>"
FRAGMENTS = ("<script", "<b>", "<img", "<iframe", "<u>", "DROP TABLE")
PAGES = ["app", *PAGE_KEYS]
SESSION_HANDOFF = ROOT / "ui" / "session_handoff.py"
"""The one file allowed a script: constant text, only a server-made code and a path put in."""
UI_FILES = [
    ROOT / "app.py",
    *sorted(path for path in (ROOT / "ui").rglob("*.py") if path != SESSION_HANDOFF),
    *sorted((ROOT / "pages").glob("*.py")),
]

# Where each text must be visible, by page (every page must render, settings shows no client).
EXPECTED = {
    "app": [NAME],
    "clients": [NAME],
    "program": [NAME, OVERVIEW],
    "plan": [NAME, TITLE, NOTES, EXERCISE_NOTES],
    "workouts": [NAME, TITLE],
    "load": [NAME],
    "settings": [],
}


@pytest.fixture
def seeded(wiring):  # type: ignore[no-untyped-def]
    """The hostile client, a program with a hostile overview, a saved phase with hostile
    workouts, and its preview (for the Plan page's draft)."""
    storage, service = wiring.storage, wiring.service
    profile = make_profile(name=NAME, timezone="UTC")
    client = ClientRecord(storage.create_client(profile), profile)
    start = date.today() - timedelta(days=date.today().weekday())
    drafted = storage.get_program(service.create_program(client, 8, start, OfflineEngine()))
    program_id = storage.create_program(
        client.id,
        drafted.program.model_copy(update={"overview": OVERVIEW}),
        start,
        8,
        "test",
    )
    preview = preview_phase(service, client, storage.get_program(program_id), 0, OfflineEngine())
    weeks = []
    for micro in preview.mesocycle.microcycles:
        workouts = []
        for workout in micro.workouts:
            blocks = [
                block.model_copy(
                    update={
                        "exercises": [
                            exercise.model_copy(update={"notes": EXERCISE_NOTES})
                            for exercise in block.exercises
                        ]
                    }
                )
                for block in workout.blocks
            ]
            workouts.append(
                workout.model_copy(update={"title": TITLE, "notes": NOTES, "blocks": blocks})
            )
        weeks.append(micro.model_copy(update={"workouts": workouts}))
    hostile = service.revalidate(
        preview, preview.mesocycle.model_copy(update={"microcycles": weeks})
    )
    assert not hostile.has_errors, [p.message for p in hostile.problems]
    service.save(hostile)
    draft_key = f"{program_id}:{preview.macrocycle_id}:{preview.order_index}"
    session = {
        shell.CLIENT_KEY: str(client.id),
        shell.PROGRAM_KEY: str(program_id),
        shell.PHASE_KEY: 0,
        DRAFTS: {draft_key: Draft(hostile)},
    }
    return client, program_id, session


def test_hostile_text_is_stored_verbatim(wiring, seeded) -> None:
    client, program_id, _ = seeded
    storage = wiring.storage
    assert storage.get_client(client.id).name == NAME
    assert storage.find_client_by_name(NAME).id == client.id
    assert [c.id for c in storage.list_clients("<script>")] == [client.id]
    assert [c.id for c in storage.list_clients("%")] == []  # LIKE wildcards are escaped
    assert storage.get_program(program_id).program.overview == OVERVIEW
    workouts = storage.workouts_for_client(client.id)
    assert workouts and all(w.title == TITLE and w.notes == NOTES for w in workouts)
    exercise_notes = {
        exercise.get("notes")
        for w in workouts
        for block in w.blocks
        for exercise in block["exercises"]
    }
    assert exercise_notes == {EXERCISE_NOTES}
    with wiring.engine.connect() as connection:  # the "DROP TABLE" did nothing
        assert connection.execute(select(func.count()).select_from(ClientDB)).scalar_one() == 1
        assert connection.execute(
            select(func.count()).select_from(WorkoutInstanceDB)
        ).scalar_one() == len(workouts)


def test_a_hostile_name_typed_into_the_clients_form_is_stored_verbatim(page, wiring) -> None:
    at = page("clients")
    [name] = [box for box in at.text_input if box.label == "Name"]
    name.input(NAME)
    [create] = [b for b in at.get("form_submit_button") if b.label == "Create client"]
    create.click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    [stored] = wiring.storage.list_clients()
    assert stored.name == NAME
    assert_no_html(at)
    assert_shown_as_text(at, NAME)


def assert_no_html(at: AppTest) -> None:
    """No element is HTML: no st.html, no components iframe, no markdown with allow_html."""
    for node in at._tree:
        assert node.type not in {"html", "iframe", "components_instance"}, node.type
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "DESCRIPTOR"):
            fields = {field.name for field in proto.DESCRIPTOR.fields}
            if "allow_html" in fields:
                assert not proto.allow_html, f"a {node.type} element allows HTML: {proto.body!r}"
    for html in at.get("html"):
        assert not any(fragment in html.value for fragment in FRAGMENTS)


def assert_shown_as_text(at: AppTest, text: str) -> None:
    texts = rendered_texts(at)
    escaped = shell.md_escape(text)
    assert any(text in t or escaped in t for t in texts), f"{text!r} is not shown"


@pytest.mark.parametrize("name", PAGES)
def test_every_page_shows_hostile_text_as_text(page, seeded, name: str) -> None:
    _, _, session = seeded
    at = page(name, **session)
    assert not at.exception, [e.value for e in at.exception]
    assert_no_html(at)
    for text in EXPECTED.get(name, [NAME]):  # a new page (overview) shows at least the name
        assert_shown_as_text(at, text)


def test_plan_page_escapes_the_markdown_it_builds(page, seeded) -> None:
    """Where the Plan page writes user text into markdown itself, it is md_escape'd: the raw
    ``<script>``/``<img`` never reaches a markdown body unescaped there."""
    _, _, session = seeded
    at = page("plan", **session)
    bodies = [m.value for m in at.markdown if "Upper" in m.value or "onerror" in m.value]
    assert bodies, "the session cards are drawn"
    for body in bodies:
        assert not re.search(r"(?<!\\)<", body), body  # every "<" comes backslash-escaped
    assert any(shell.md_escape(EXERCISE_NOTES) in body for body in bodies)


# static: no HTML rendering anywhere in the UI code


def _html_uses(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for keyword in node.keywords:
                if keyword.arg in {"unsafe_allow_html", "unsafe_allow_javascript"} and not (
                    isinstance(keyword.value, ast.Constant) and keyword.value.value is False
                ):
                    found.append(f"{path.name}:{node.lineno} {keyword.arg}")
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr in {"html", "iframe"}:
                found.append(f"{path.name}:{node.lineno} .{func.attr}(")
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
            "streamlit.components"
        ):
            found.append(f"{path.name}:{node.lineno} import {node.module}")
        if isinstance(node, ast.Import) and any(
            alias.name.startswith("streamlit.components") for alias in node.names
        ):
            found.append(f"{path.name}:{node.lineno} import streamlit.components")
    return found


def test_no_ui_file_renders_html() -> None:
    assert len(UI_FILES) >= 9, UI_FILES
    uses = [use for path in UI_FILES for use in _html_uses(path)]
    assert uses == [], "HTML rendering in the UI: " + ", ".join(uses)
    # And the plain-text spelling, in case a call is built some other way.
    for path in UI_FILES:
        source = path.read_text(encoding="utf-8")
        assert "unsafe_allow_html" not in source, path.name
        assert "st.html(" not in source, path.name


def test_the_session_handoff_puts_only_json_encoded_values_in_its_script() -> None:
    from ui.session_handoff import HANDOFF_SCRIPT

    assert [use.split(" ", 1)[1] for use in _html_uses(SESSION_HANDOFF)] == [
        "unsafe_allow_javascript",
        ".html(",
    ]
    source = SESSION_HANDOFF.read_text(encoding="utf-8")
    assert source.count("HANDOFF_SCRIPT.replace(") == 1
    assert '.replace("__CODE__", json.dumps(code)).replace("__PATH__", json.dumps(path))' in source
    assert "path = handoff_path(base_path())" in source  # the server's own configuration
    assert set(re.findall(r"__[A-Z]+__", HANDOFF_SCRIPT)) == {"__CODE__", "__PATH__"}


def test_the_static_check_finds_what_it_looks_for(tmp_path: Path) -> None:
    """The checker itself catches each form (so an empty result above means something)."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import streamlit as st\n"
        "import streamlit.components.v1 as components\n"
        "from streamlit.components.v1 import html\n"
        "name = 'x'\n"
        "st.markdown(name, unsafe_allow_html=True)\n"
        "st.markdown(name, unsafe_allow_html=flag)\n"
        "st.markdown(name, unsafe_allow_html=False)\n"
        "st.html(name)\n"
        "components.html(name)\n",
        encoding="utf-8",
    )
    assert len(_html_uses(sample)) == 6
