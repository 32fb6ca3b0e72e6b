"""What every page shares: the cached wiring, the sidebar client picker and the error edge."""

from __future__ import annotations

import contextlib
import logging
import uuid
from collections.abc import Iterator, Mapping
from datetime import date
from zoneinfo import ZoneInfoNotFoundError

import streamlit as st
from pydantic import ValidationError
from streamlit.errors import StreamlitAPIException

from bootstrap import GENERATOR_LABELS, OPENAI_KEYS, Wiring, Workspace, build_wiring
from core.dates import today_in
from core.errors import PeriodizeError
from core.read_models import ClientRecord
from core.schemas import Units, describe_validation_error, effective_units
from ui import login, navigation
from ui.markdown import md_escape
from ui.navigation import page_path

log = logging.getLogger(__name__)

CLIENT_KEY = "client_id"
PROGRAM_KEY = "program_id"
PHASE_KEY = "phase_index"
GENERATOR_KEY = "generator"


def _secrets() -> Mapping[str, object]:
    """The OPENAI_* keys of ``.streamlit/secrets.toml``, or nothing when there is no such file."""
    try:
        return {key: st.secrets[key] for key in OPENAI_KEYS if key in st.secrets}
    except Exception:  # no secrets file, or one that does not parse: the environment decides
        return {}


def openai_secrets() -> Mapping[str, object]:
    """The OPENAI_* keys of ``.streamlit/secrets.toml`` (for the admin's Settings sections)."""
    return _secrets()


@st.cache_resource(show_spinner="Opening the database…")
def services() -> Wiring:
    """Built once per server process: engine, migration to head, storage, generators, service."""
    return build_wiring(secrets=_secrets())


def wiring() -> Workspace:
    """The signed-in coach's workspace; the sign-in form (and a stopped page) until there is one."""
    navigation.route_through_entrypoint()
    process = shared()
    return process.for_coach(login.signed_in_coach(process))


def shared() -> Wiring:
    """The process-wide wiring, or a readable error and a stopped page when the database fails."""
    try:
        return services()
    except PeriodizeError as error:  # a sentence written for the reader (a half-upgraded schema)
        log.exception("could not start")
        st.error(md_escape(str(error)))
        st.stop()
    except Exception as error:  # the page edge: say what failed, never a traceback
        log.exception("could not start")
        st.error(
            "Periodize could not open its database. Check DATABASE_URL (or PERIODIZE_DATA_DIR) "
            f"and that the server is reachable ({type(error).__name__}; the details are in the "
            "server log)."
        )
        st.stop()


def show_error(error: Exception) -> None:
    """A coach-readable message for an error raised by the service or by the models."""
    if isinstance(error, ValidationError):
        lines = describe_validation_error(error)
        st.error("Please fix:\n\n" + "\n".join(f"- {md_escape(line)}" for line in lines))
        return
    message = str(error)
    problems = getattr(error, "problems", None) or []
    details = [_problem_line(problem) for problem in problems]
    details = [line for line in details if line and line not in message]
    shown = md_escape(message)  # service messages quote names, titles and cells as typed
    if details:
        shown += "\n\n" + "\n".join(f"- {md_escape(line)}" for line in details[:20])
    st.error(shown)


def _problem_line(problem: object) -> str:
    if isinstance(problem, str):
        return problem
    path = getattr(problem, "path", "")
    text = getattr(problem, "message", str(problem))
    from ui.editing import path_text

    where = path_text(path)
    return f"{where}: {text}" if where else text


@contextlib.contextmanager
def page_edge() -> Iterator[None]:
    """Catch what a coach's input can cause and show it; st.stop/st.rerun pass through."""
    try:
        yield
    except (PeriodizeError, ValidationError) as error:
        show_error(error)


def client_today(client: ClientRecord) -> date:
    """'Today' in the client's time zone: what is due, missed or upcoming for that client."""
    return today_in(client.profile.timezone)


def client_units(app: Workspace, client: ClientRecord) -> Units:
    """The units the client's numbers are shown and typed in: their own, else the coach's."""
    return effective_units(client.profile, app.coach.units)


def coach_today() -> date:
    """'Today' where the coach's browser is (the Overview's "as of"); UTC when it doesn't say."""
    zone = st.context.timezone
    try:
        return today_in(zone or "UTC")
    except (ValueError, ZoneInfoNotFoundError):  # a zone name this server does not know
        return today_in("UTC")


def client_page(title: str) -> tuple[Workspace, ClientRecord]:
    """How a client's page starts: the coach's workspace, the title and the picked client (the
    page stops, saying why, when there is no client yet)."""
    app = wiring()
    st.title(title)
    client = choose_client(app)
    if client is None:
        st.stop()
    return app, client


def flash(key: str) -> None:
    """The message the previous run left under ``key`` (after a save and a rerun), shown once."""
    if message := st.session_state.pop(key, None):
        st.success(message)


def choose_client(app: Workspace, *, where: str = "sidebar") -> ClientRecord | None:
    """The sidebar client picker, shared by every page through ``st.session_state``."""
    clients = app.storage.list_clients()
    container = st.sidebar if where == "sidebar" else st.container()
    if not clients:
        container.info("No clients yet: add one on the Clients page.")
        return None
    ids = [str(client.id) for client in clients]
    names = {str(client.id): client.name for client in clients}
    current = st.session_state.get(CLIENT_KEY)
    index = ids.index(current) if current in ids else 0
    chosen = container.selectbox(
        "Client", ids, index=index, format_func=lambda value: names[value], key=f"_pick_{where}"
    )
    if chosen != current:
        st.session_state[CLIENT_KEY] = chosen
        st.session_state.pop(PROGRAM_KEY, None)
        st.session_state.pop(PHASE_KEY, None)
    return next(client for client in clients if str(client.id) == chosen)


def selected_client_id() -> uuid.UUID | None:
    value = st.session_state.get(CLIENT_KEY)
    try:
        return uuid.UUID(value) if value else None
    except ValueError:
        return None


def choose_generator(app: Workspace, *, key: str) -> str:
    """Which generator drafts: offline always, OpenAI when configured (default: the service's)."""
    names = list(app.generators)
    if len(names) == 1:
        st.caption(f"Generator: {GENERATOR_LABELS.get(names[0], names[0])}")
        return names[0]
    current = st.session_state.get(GENERATOR_KEY, app.default_generator)
    index = names.index(current) if current in names else 0
    chosen = st.radio(
        "Generator",
        names,
        index=index,
        format_func=lambda name: GENERATOR_LABELS.get(name, name),
        horizontal=True,
        key=key,
    )
    st.session_state[GENERATOR_KEY] = chosen
    return chosen


def link(page: str, label: str, icon: str | None = None) -> None:
    """A link to another page (a key of ``ui.navigation.PAGES``); a page run on its own (no
    st.navigation) shows the label as text."""
    try:
        st.page_link(page_path(page), label=label, icon=icon)
    except StreamlitAPIException:
        st.caption(label)


def go(page: str) -> None:
    """Switch to another page (a key of ``ui.navigation.PAGES``); without st.navigation, say
    where to go instead."""
    try:
        st.switch_page(page_path(page))
    except StreamlitAPIException:
        st.info(f"Open {page} to continue.")
