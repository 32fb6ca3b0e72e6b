"""Clients and Program draw their bulky sections only once opened (lazy expanders): an existing
client's profile form, sharing, archiving, and the new-outline form of a client with a program.
A closed section sends none of its widgets; picking a client in "Add or edit" opens their profile;
a new client's form, and the outline form of a client with no program, are drawn at once."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.app.test_pages import seed_client_and_program
from tests.factories import make_profile
from ui import shell
from ui.client_form_view import PROFILE_OPEN
from ui.client_lifecycle_view import ARCHIVE_OPEN
from ui.program_view import OUTLINE_OPEN
from ui.share_view import SHARE_OPEN


def _labels(at: AppTest) -> set[str]:
    kinds = ("number_input", "text_input", "selectbox", "button", "form_submit_button", "radio")
    return {str(getattr(e, "label", "")) for kind in kinds for e in at.get(kind)}


def _expanders(at: AppTest) -> list[str]:
    return [str(e.label) for e in at.expander]


def test_a_clients_sections_are_closed_and_send_nothing_on_arrival(page, wiring):  # type: ignore[no-untyped-def]
    client, _program = seed_client_and_program(wiring)
    at = page("clients", **{shell.CLIENT_KEY: str(client.id)})
    labels = _labels(at)
    assert {"Days per week", "Save changes", "Link name", "Archive Sam Lifter"}.isdisjoint(labels)
    assert "Add or edit" in labels  # the roster and the picker are always there
    assert [label for label in _expanders(at) if "Sam Lifter" in label] == [
        "Sam Lifter's profile",
        "Share with Sam Lifter",
        "Archive or delete Sam Lifter",
    ]
    assert len(at.dataframe) == 1  # the roster; not the (closed) list of links


def test_opened_sections_draw_their_widgets(page, wiring):  # type: ignore[no-untyped-def]
    client, _program = seed_client_and_program(wiring)
    opened = {PROFILE_OPEN: True, SHARE_OPEN: True, ARCHIVE_OPEN: True}
    at = page("clients", **{shell.CLIENT_KEY: str(client.id)}, **opened)
    labels = _labels(at)
    assert {"Days per week", "Save changes", "Link name", "Archive Sam Lifter"} <= labels


def test_picking_a_client_to_edit_opens_their_profile(page, wiring):  # type: ignore[no-untyped-def]
    client, _program = seed_client_and_program(wiring)
    wiring.storage.create_client(make_profile(name="Other Person"))
    at = page("clients", **{shell.CLIENT_KEY: str(client.id)})
    assert "Days per week" not in _labels(at)
    [picker] = [s for s in at.selectbox if s.label == "Add or edit"]
    picker.select_index(
        next(i for i, label in enumerate(picker.options) if label == "Edit Other Person")
    ).run()
    assert not at.exception
    [name] = [t for t in at.text_input if t.label == "Name"]
    assert name.value == "Other Person"
    assert "Save changes" in _labels(at)


def test_a_new_clients_form_is_drawn_at_once(page, wiring):  # type: ignore[no-untyped-def]
    at = page("clients")
    assert {"Days per week", "Create client"} <= _labels(at)


def test_the_outline_form_is_closed_once_the_client_has_a_program(page, wiring):  # type: ignore[no-untyped-def]
    client, _program = seed_client_and_program(wiring)
    at = page("program", **{shell.CLIENT_KEY: str(client.id)})
    assert "Create outline" not in _labels(at)
    assert "Create a new program outline" in _expanders(at)
    at = page("program", **{shell.CLIENT_KEY: str(client.id), OUTLINE_OPEN: True})
    assert {"Weeks", "Create outline"} <= _labels(at)


def test_the_outline_form_is_open_for_a_client_with_no_program(page, wiring):  # type: ignore[no-untyped-def]
    profile = make_profile(name="No Program")
    client_id = wiring.storage.create_client(profile)
    at = page("program", **{shell.CLIENT_KEY: str(client_id), OUTLINE_OPEN: False})
    assert {"Weeks", "Create outline"} <= _labels(at)
