"""Opening a cell editor of Streamlit's canvas data grid (glide-data-grid) from Playwright, for
the e2e tests and the browser bench.

The grid draws on a canvas: a click selects a cell only once the grid holds the focus, and a grid
redrawn under the click (a rerun arriving) loses the selection, so the editor does not open. Each
try clicks, waits for the focus, presses the keys that reach the cell and Enter, and waits for
the editor; a try that sees none presses Escape, lets the page settle and clicks again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

EDITOR = "#portal textarea, #portal input"
"""Where the grid puts its open cell editor."""


def open_cell_editor(
    page: Any,
    grid: Any,
    *,
    at: tuple[float, float],
    keys: Sequence[str] = (),
    tries: int = 3,
    timeout_ms: float = 3000,
    settle: Callable[[], None] = lambda: None,
) -> Any:
    """Click the grid at ``at`` (x, y within it), press ``keys`` then Enter, and return the open
    editor's locator; raise Playwright's TimeoutError after ``tries`` tries."""
    editor = page.locator(EDITOR).first
    for attempt in range(tries):
        grid.scroll_into_view_if_needed()
        grid.click(position={"x": at[0], "y": at[1]})
        page.wait_for_function(
            "(grid) => grid.contains(document.activeElement)", arg=grid.element_handle()
        )
        for key in keys:
            page.keyboard.press(key)
        page.keyboard.press("Enter")  # open the editor (typing straight away drops a key)
        try:
            editor.wait_for(state="visible", timeout=timeout_ms)
            return editor
        except Exception:  # Playwright's TimeoutError: select the cell again
            if attempt == tries - 1:
                raise
            page.keyboard.press("Escape")
            settle()
    raise AssertionError("unreachable: the last try raises")
