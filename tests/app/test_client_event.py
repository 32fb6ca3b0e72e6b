"""The Clients form's event, age and sex: stored, shown in the roster, refused in words; the
Program page then plans to the event."""

from __future__ import annotations

from datetime import date, timedelta

from streamlit.testing.v1 import AppTest

from core.read_models import ClientRecord
from core.schemas import EventKind, Sex
from tests.factories import make_profile


def _click(at: AppTest, label: str) -> AppTest:
    for button in [*at.button, *at.get("form_submit_button")]:
        if getattr(button, "label", None) == label:
            button.click()
            return at.run()
    raise AssertionError(f"no button {label!r}")


def _fill(at: AppTest, name: str, event_day: date | None, kind: EventKind | None) -> None:
    [field] = [t for t in at.text_input if t.label == "Name"]
    field.input(name)
    [day] = [d for d in at.date_input if d.label == "Event date"]
    day.set_value(event_day)
    [what] = [s for s in at.selectbox if s.label == "Event"]
    what.set_value(kind)


def test_a_client_with_an_event_age_and_sex_is_stored_and_listed(page, wiring):
    race = date.today() + timedelta(weeks=16)
    at = page("clients")
    _fill(at, "Rita Racer", race, EventKind.HALF_MARATHON)
    [label] = [t for t in at.text_input if t.label == "Event name"]
    label.input("City Half")
    [age] = [n for n in at.number_input if n.label == "Age"]
    age.set_value(47)
    [sex] = [r for r in at.radio if r.label == "Sex"]
    sex.set_value(Sex.FEMALE)
    _click(at, "Create client")
    assert not at.exception and not at.error, [e.value for e in at.error]
    stored = wiring.storage.find_client_by_name("Rita Racer")
    assert stored is not None and stored.profile.event is not None
    assert (stored.profile.event.date, stored.profile.event.kind) == (race, EventKind.HALF_MARATHON)
    assert stored.profile.event.label == "City Half"
    assert (stored.profile.age, stored.profile.sex) == (47, Sex.FEMALE)
    roster = at.dataframe[0].value
    assert list(roster["Event"]) == [f"Half marathon, {race:%a %d %b %Y} (City Half)"]


def test_a_past_event_or_a_half_given_one_is_refused_in_words(page, wiring):
    at = page("clients")
    _fill(at, "Pat Past", date.today() - timedelta(days=3), EventKind.MEET)
    _click(at, "Create client")
    [error] = [e.value for e in at.error]
    assert "Event: the event date" in error and "must be after today" in error
    _fill(at, "Pat Past", date.today() + timedelta(weeks=8), None)
    _click(at, "Create client")
    [error] = [e.value for e in at.error]
    assert "Event: give the event's date and its kind" in error
    assert wiring.storage.count_clients() == 0


def test_the_program_page_plans_to_the_event(page, wiring):
    monday = date.today() - timedelta(days=date.today().weekday()) + timedelta(weeks=1)
    meet = monday + timedelta(weeks=11, days=5)  # Saturday of week 12
    profile = make_profile(name="Max Meet", event={"date": meet.isoformat(), "kind": "meet"})
    client = ClientRecord(wiring.storage.create_client(profile), profile)
    at = page("program", client_id=str(client.id))
    assert not at.exception
    assert any("Planned back from the meet on" in c.value for c in at.caption)
    assert not [n for n in at.number_input if n.label == "Weeks"]
    _click(at, "Create outline")
    assert not at.exception and not at.error, [e.value for e in at.error]
    [program] = wiring.storage.list_programs(client.id)
    assert program.weeks == 12
    assert program.program.macrocycles[0].mesocycles[-1].phase == "Meet week"
