"""No "None", "nan", "NaT" or developer words anywhere a coach reads, on any page with demo data.

Every page of ``ui.navigation.PAGE_KEYS`` runs under AppTest once per demo client, with the demo
data loaded. Every text the page renders (titles, markdown, captions, alerts, metrics, widget
labels and the options they show, expander labels) and every dataframe cell is scanned. A missing
value in a table is fine only when the table shows a placeholder of its own (blank), since
Streamlit otherwise paints it as "None".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from bootstrap import Workspace
from core.demo import load_demo_data
from ui import shell
from ui.client_form_view import PROFILE_OPEN
from ui.client_lifecycle_view import ARCHIVE_OPEN
from ui.navigation import PAGE_KEYS
from ui.program_view import OUTLINE_OPEN
from ui.share_view import SHARE_OPEN
from ui.workouts_view import TABLE_KEY

PLACEHOLDER = re.compile(r"\b(None|nan|NaN|NaT|null|undefined)\b")
# A snake_case word is an identifier leaking out (an enum value such as muscle_gain, a column name).
DEVELOPER_WORD = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
_TEXT_ATTRIBUTES = ("value", "label", "body", "help", "placeholder")


# A Material icon shortcode (":material/fitness_center:") is drawn as an icon, not read as text.
ICON = re.compile(r":material/[a-z0-9_]+:")


def offending(text: str) -> list[str]:
    """The placeholder or developer words in one rendered text."""
    text = ICON.sub("", text)
    return [m.group(0) for m in PLACEHOLDER.finditer(text)] + [
        m.group(0) for m in DEVELOPER_WORD.finditer(text)
    ]


def rendered_texts(at: AppTest) -> Iterator[tuple[str, str]]:
    """(where, text) for every text the page shows, dataframes excluded."""
    for node in at._tree:
        kind = getattr(node, "type", "?")
        if kind in ("dataframe", "arrow_data_frame", "plotly_chart"):
            continue
        if kind == "expandable":
            yield kind, str(node.proto.expandable.label)
            continue
        try:
            options = getattr(node, "options", None)
        except Exception:  # an element without that property (it raises, not returns None)
            options = None
        for attribute in _TEXT_ATTRIBUTES:
            if attribute == "value" and options is not None:
                continue  # a picker's value is an id; the coach reads its formatted options
            try:
                value = getattr(node, attribute, None)
            except Exception:
                continue
            if isinstance(value, str):
                yield f"{kind}.{attribute}", value
        if isinstance(options, list | tuple):
            for option in options:
                yield f"{kind}.options", str(option)


def dataframe_problems(at: AppTest) -> list[str]:
    """Cells that read as a placeholder or a developer word."""
    problems = []
    for index, frame in enumerate(at.dataframe):
        data: pd.DataFrame = frame.value
        shown_blank = frame.proto.HasField("placeholder")  # set: missing cells show it
        for column in data.columns:
            problems += [f"dataframe {index} header: {w}" for w in offending(str(column))]
            values: list[Any] = data[column].tolist()
            for value in values:
                if value is None or (not isinstance(value, str | list) and pd.isna(value)):
                    if not shown_blank:
                        problems.append(f"dataframe {index} column {column!r}: a missing value")
                    continue
                problems += [
                    f"dataframe {index} column {column!r}: {w}" for w in offending(str(value))
                ]
        if shown_blank:
            problems += [
                f"dataframe {index} placeholder: {w}" for w in offending(frame.proto.placeholder)
            ]
    return problems


@pytest.fixture
def demo_clients(wiring: Workspace) -> list[str]:
    return [str(client_id) for client_id in load_demo_data(wiring.storage, wiring.service)]


def test_the_scan_finds_what_it_looks_for() -> None:
    assert offending("Phase ends None") == ["None"]
    assert offending("compliance nan %") == ["nan"]
    assert offending("goal: muscle_gain") == ["muscle_gain"]
    assert offending("Last logged NaT, maintenance, Nancy, 12-week program") == ["NaT"]


OPENED: dict[str, dict[str, object]] = {
    "workouts": {TABLE_KEY: True},
    "clients": {PROFILE_OPEN: True, SHARE_OPEN: True, ARCHIVE_OPEN: True},
    "program": {OUTLINE_OPEN: True},
}
"""Parts of a page drawn only once opened, opened for the scan (the week's table, the client's
profile, sharing and archiving, the new-outline form)."""


@pytest.mark.parametrize("name", PAGE_KEYS)
def test_no_page_shows_placeholder_or_developer_text(
    page: Callable[..., AppTest], demo_clients: list[str], name: str
) -> None:
    problems: list[str] = []
    for client_id in demo_clients:
        at = page(name, **{shell.CLIENT_KEY: client_id}, **OPENED.get(name, {}))
        assert not at.exception
        problems += [
            f"{client_id[:8]} {where}: {word} in {text!r}"
            for where, text in rendered_texts(at)
            for word in offending(text)
        ]
        problems += [f"{client_id[:8]} {problem}" for problem in dataframe_problems(at)]
    assert problems == []
