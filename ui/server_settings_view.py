"""The Settings sections about the server, drawn for admins only (pages/settings.py): the AI
drafter, the database and the environment, with every secret masked (API keys, passwords inside
URLs, query strings)."""

from __future__ import annotations

import os
from collections.abc import Mapping

import streamlit as st

from bootstrap import OPENAI_KEYS, Workspace, openai_environment
from core.client_address import TRUSTED_PROXIES
from core.redaction import url_without_credentials
from ui.login import SINGLE_COACH
from ui.markdown import md_escape
from ui.share_view import PUBLIC_URL

NOT_SET = "not set"
HIDDEN = "set (hidden)"
_VALUE_CHARS = 200
_URLS = {"OPENAI_BASE_URL", PUBLIC_URL}
_SECRETS = {"OPENAI_API_KEY"}
SERVER_VARIABLES = (
    "DATABASE_URL",
    "PERIODIZE_DATA_DIR",
    SINGLE_COACH,
    PUBLIC_URL,
    TRUSTED_PROXIES,
    *OPENAI_KEYS,
)


def environment_rows(environ: Mapping[str, str], database: str) -> dict[str, list[str]]:
    """Each setting the server reads and what an admin may see of it (secrets never);
    ``database``: the database's URL as ``Wiring.database_location`` masks it."""
    values = []
    for name in SERVER_VARIABLES:
        value = environ.get(name, "").strip()
        if not value:
            values.append(NOT_SET)
        elif name in _SECRETS:
            values.append(HIDDEN)
        elif name == "DATABASE_URL":
            values.append(database)
        elif name in _URLS:
            values.append(url_without_credentials(value))
        else:
            values.append(value[:_VALUE_CHARS])
    return {"Setting": list(SERVER_VARIABLES), "Value": values}


def server_sections(app: Workspace, secrets: Mapping[str, object]) -> None:
    """The AI drafter, the database and the environment (``secrets``: the OPENAI_* keys of
    ``.streamlit/secrets.toml``, which the environment overrides)."""
    _ai_drafter(app)
    st.subheader("Database")
    st.write(f"Stored in **{app.database_kind}**.")
    st.caption(f"Location: {md_escape(app.wiring.database_location)}")
    st.caption(
        "The operator sets DATABASE_URL (PostgreSQL or SQLite) or PERIODIZE_DATA_DIR (folder of "
        "the SQLite file); the schema is migrated to the latest version when the app starts."
    )
    st.subheader("Environment")
    st.caption("What the server reads at start (from .streamlit/secrets.toml for OPENAI_* too).")
    environ = {**os.environ, **openai_environment(os.environ, secrets)}
    st.table(environment_rows(environ, app.wiring.database_location))


def _ai_drafter(app: Workspace) -> None:
    st.subheader("OpenAI drafter")
    status = app.openai
    if status.configured:
        st.success(
            "Configured: plans can be drafted by the model, checked and repaired by the code."
        )
    else:
        st.info(
            "Not configured: set OPENAI_API_KEY (and optionally OPENAI_BASE_URL, OPENAI_MODEL) in "
            "the environment or in .streamlit/secrets.toml to enable it. The offline engine is used."
        )
    if status.error:
        st.error(f"The OpenAI settings were ignored: {md_escape(status.error)}")
    st.table(
        {
            "Setting": ["API key", "Model", "Base URL"],
            "Value": [
                "present (hidden)" if status.key_present else "not set",
                status.model or "—",
                status.base_url or ("api.openai.com (default)" if status.configured else "—"),
            ],
        }
    )
