"""Clients page: archive hides a client and keeps every row, Restore brings them back, and delete
needs the client's name typed and removes every row of theirs."""

from __future__ import annotations

import uuid

from core.read_models import ClientRecord
from db.models import ClientDB, FitnessProgramDB
from tests.app.test_pages import click, count, seed_client_and_program, texts
from tests.factories import make_profile
from ui import shell
from ui.client_lifecycle_view import ARCHIVE_OPEN, delete_confirmed


def _names(at) -> list[str]:  # type: ignore[no-untyped-def]
    [picker] = [s for s in at.selectbox if s.label == "Add or edit"]
    return list(picker.options)  # AppTest lists the labels as shown


def test_archive_hides_the_client_keeps_their_rows_and_restore_brings_them_back(page, wiring):
    client, _program = seed_client_and_program(wiring)
    at = page("clients", **{shell.CLIENT_KEY: str(client.id), ARCHIVE_OPEN: True})
    at = click(at, "Archive Sam Lifter")
    assert any("Archived Sam Lifter" in text for text in texts(at, "success"))
    assert "Edit Sam Lifter" not in _names(at)
    assert wiring.storage.list_clients() == []
    assert [c.id for c in wiring.storage.list_clients(archived=True)] == [client.id]
    assert count(wiring, FitnessProgramDB) == 1  # nothing lost
    assert wiring.storage.count_clients() == 0  # the archived client is not counted
    # only archived clients: no "No clients yet" and no demo data (it would reuse their names)
    assert texts(at, "info") == [
        "No active clients: restore one from Archived clients, or add a client below."
    ]
    assert "Load demo data" not in [b.label for b in at.button]
    at = click(at, "Restore")
    assert "Edit Sam Lifter" in _names(at)
    assert [c.id for c in wiring.storage.list_clients()] == [client.id]


def test_delete_needs_the_name_typed_and_removes_every_row(page, wiring):
    client, _program = seed_client_and_program(wiring)
    at = page("clients", **{shell.CLIENT_KEY: str(client.id), ARCHIVE_OPEN: True})
    [delete] = [b for b in at.button if b.label == "Delete Sam Lifter permanently"]
    assert delete.disabled
    [typed] = [t for t in at.text_input if t.label == "Type Sam Lifter to delete"]
    typed.input("Sam Lift").run()
    [delete] = [b for b in at.button if b.label == "Delete Sam Lifter permanently"]
    assert delete.disabled
    [typed] = [t for t in at.text_input if t.label == "Type Sam Lifter to delete"]
    typed.input("  sam lifter ").run()
    at = click(at, "Delete Sam Lifter permanently")
    assert not at.exception
    assert count(wiring, ClientDB) == 0
    assert count(wiring, FitnessProgramDB) == 0


def test_the_typed_confirmation_ignores_case_and_outer_spaces_only():
    client = ClientRecord(uuid.uuid4(), make_profile(name="Ana Ösz"))
    assert delete_confirmed(" ana ösz ", client)
    assert not delete_confirmed("Ana Osz", client)
    assert not delete_confirmed("", client)
