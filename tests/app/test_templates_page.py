"""The Templates page under AppTest: save a phase as a template, check clients, save the ticked."""

from __future__ import annotations

from core.demo import load_demo_data
from tests.app.test_pages import assert_no_errors, click


def _demo(wiring):  # type: ignore[no-untyped-def]
    ids = load_demo_data(wiring.storage, wiring.service)
    return {wiring.storage.get_client(i).name: wiring.storage.get_client(i) for i in ids}


def _mesocycle_count(wiring, client) -> int:  # type: ignore[no-untyped-def]
    return sum(
        len(wiring.storage.list_mesocycles(program.id))
        for program in wiring.storage.list_programs(client.id)
    )


def test_without_templates_the_page_says_how_to_make_one(page, wiring):
    clients = _demo(wiring)
    at = page("templates", client_id=str(clients["Jonas Weber"].id))
    assert_no_errors(at)
    assert at.title[0].value == "Templates"
    assert any("No templates yet" in info.value for info in at.info)


def test_save_a_phase_then_apply_it_to_three_clients_with_a_report(page, wiring):
    clients = _demo(wiring)
    jonas = clients["Jonas Weber"]
    at = page("templates", client_id=str(jonas.id))
    at.text_input[0].set_value("Jonas block")
    at = click(at, "Save as template")
    assert_no_errors(at)
    assert "Saved the template 'Jonas block'." in [s.value for s in at.success]
    [record] = wiring.storage.list_templates()
    assert record.name == "Jonas block"

    at.multiselect(key="template-clients").set_value([str(c.id) for c in clients.values()]).run()
    at = click(at, "Check these clients")
    assert_no_errors(at)
    table = at.dataframe[0].value
    status = dict(zip(table["Client"], table["Status"], strict=True))
    assert status == {
        "Amara Okafor": "needs attention",
        "Jonas Weber": "ready",
        "Tom Becker": "needs attention",
    }
    to_know = dict(zip(table["Client"], table["To know"], strict=True))
    assert "which Amara Okafor does not have" in to_know["Amara Okafor"]
    ticks = {box.label: box for box in at.checkbox if box.label.startswith("Save for")}
    assert ticks["Save for Jonas Weber"].value is True
    assert all(box.disabled for label, box in ticks.items() if "Jonas" not in label)
    before = {name: _mesocycle_count(wiring, c) for name, c in clients.items()}

    at = click(at, "Save for the ticked clients")
    assert_no_errors(at)
    [saved] = [s.value for s in at.success]
    assert "Jonas Weber: Saved as" in saved
    [warning] = [w.value for w in at.warning]
    assert "Amara Okafor" in warning and "Tom Becker" in warning
    after = {name: _mesocycle_count(wiring, c) for name, c in clients.items()}
    assert after == {**before, "Jonas Weber": before["Jonas Weber"] + 1}


def test_a_taken_name_is_refused_in_a_sentence(page, wiring):
    clients = _demo(wiring)
    at = page("templates", client_id=str(clients["Jonas Weber"].id))
    at.text_input[0].set_value("Block")
    at = click(at, "Save as template")
    at.text_input[0].set_value("block")
    at = click(at, "Save as template")
    assert [e.value for e in at.error] == [
        "You already have a template named 'block'; pick another name."
    ]
    assert len(wiring.storage.list_templates()) == 1
