"""The signed-in coach is looked up once per session, not on every rerun of app.py and the page."""

from __future__ import annotations

from sqlalchemy import Engine, event

from ui.login import COACH_KEY, REMEMBERED_KEY


def test_a_rerun_does_not_look_the_coach_up_again(page, wiring) -> None:  # type: ignore[no-untyped-def]
    at = page("clients")
    assert at.session_state[REMEMBERED_KEY][1].id == wiring.coach.id
    coach_queries: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        if "FROM coaches" in statement:
            coach_queries.append(statement)

    event.listen(Engine, "before_cursor_execute", record)
    try:
        at.run()
    finally:
        event.remove(Engine, "before_cursor_execute", record)
    assert not at.exception
    assert coach_queries == []


def test_a_different_signed_in_coach_is_not_served_from_the_session(
    page, wiring, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("PERIODIZE_SINGLE_COACH")
    at = page("clients", **{COACH_KEY: "00000000-0000-0000-0000-000000000000"})
    # an unknown id gets the sign-in form: nothing is remembered and no page content is shown
    assert REMEMBERED_KEY not in at.session_state
    assert "Clients" not in [title.value for title in at.title]
