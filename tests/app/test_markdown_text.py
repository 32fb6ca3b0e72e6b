"""User text that looks like markdown (bold, links) is shown literally, never formatted."""

from __future__ import annotations

from tests.factories import make_profile
from ui.markdown import md_escape

MARKDOWN_NAME = "**Big** [win](http://example.com) _x_"


def test_a_markdown_looking_name_reaches_the_page_escaped(page, wiring) -> None:  # type: ignore[no-untyped-def]
    client_id = wiring.storage.create_client(make_profile(name=MARKDOWN_NAME))
    for name in ("program", "plan", "workouts", "load"):
        at = page(name, client_id=str(client_id))
        shown = [element.value for element in (*at.info, *at.caption, *at.markdown)]
        mentioning = [text for text in shown if "Big" in text]
        assert mentioning, f"{name}: the client's name is not shown at all"
        assert all(md_escape(MARKDOWN_NAME) in text for text in mentioning), (name, mentioning)
