"""Workouts: the client's week day by day, each session's saved prescription, and logging it
(the body: ``ui.workouts_view``)."""

from __future__ import annotations

from ui import shell
from ui.workouts_view import FLASH, workouts_page

app, client = shell.client_page("Workouts")
shell.flash(FLASH)
with shell.page_edge():
    workouts_page(app, client)
