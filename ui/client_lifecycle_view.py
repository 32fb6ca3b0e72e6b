"""Archiving and deleting a client: archive hides them everywhere and keeps every row (restorable);
delete removes them and all their rows in one transaction, after the coach types their name."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import streamlit as st

from bootstrap import Workspace
from core.errors import PeriodizeError
from core.read_models import ClientRecord
from ui import limits
from ui.markdown import md_escape
from ui.shell import CLIENT_KEY, show_error

ARCHIVE_OPEN = "_archive_open"
"""The key of the open/closed state of "Archive or delete" (a lazy expander)."""


def delete_confirmed(typed: str, client: ClientRecord) -> bool:
    """The typed confirmation matches the client's name (case and outer spaces aside)."""
    return typed.strip().casefold() == client.name.strip().casefold()


def archive_or_delete(app: Workspace, client: ClientRecord, flash_key: str) -> None:
    """Under a client's profile: archive them, or delete them for good."""
    name = md_escape(client.name)
    # Lazy, as Share above: a closed one sends none of its buttons.
    box = st.expander(f"Archive or delete {name}", key=ARCHIVE_OPEN, on_change="rerun")
    if not box.open:
        return
    with box:
        st.caption(
            "Archived clients leave the roster, the pickers and the Overview; their programs, plans "
            "and logs are all kept, and Restore brings them back."
        )
        if st.button(f"Archive {name}", key=f"archive-{client.id}"):
            _run(partial(app.storage.set_client_archived, client.id, True))
            st.session_state.pop(CLIENT_KEY, None)
            st.session_state[flash_key] = f"Archived {name}. Restore them from Archived clients."
            st.rerun()
        st.divider()
        st.caption(
            "Deleting removes the client with every program, plan, log and link of theirs. It "
            "cannot be undone."
        )
        typed = st.text_input(
            f"Type {name} to delete",
            key=f"delete-name-{client.id}",
            max_chars=limits.NAME_CHARS,
        )
        if st.button(
            f"Delete {name} permanently",
            key=f"delete-{client.id}",
            type="primary",
            disabled=not delete_confirmed(typed, client),
        ):
            _run(partial(app.storage.delete_client, client.id))
            st.session_state.pop(CLIENT_KEY, None)
            st.session_state[flash_key] = f"Deleted {name} and everything of theirs."
            st.rerun()


def archived_clients(app: Workspace, flash_key: str) -> None:
    """The archived clients, each with Restore (drawn only when there are some)."""
    archived = app.storage.list_clients(archived=True)
    if not archived:
        return
    with st.expander(f"Archived clients ({len(archived)})"):
        for client in archived:
            left, right = st.columns([4, 1])
            left.write(md_escape(client.name))
            if right.button("Restore", key=f"restore-{client.id}"):
                _run(partial(app.storage.set_client_archived, client.id, False))
                st.session_state[flash_key] = f"Restored {md_escape(client.name)}."
                st.rerun()


def _run(action: Callable[[], None]) -> None:
    """Do it, or say in a sentence why not and stop the page."""
    try:
        action()
    except PeriodizeError as error:
        show_error(error)
        st.stop()
