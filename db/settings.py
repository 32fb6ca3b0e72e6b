"""Where the database is: DATABASE_URL from the environment, else a SQLite file under data/."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = PROJECT_ROOT / "data"


def database_url(environ: dict[str, str] | None = None) -> str:
    """``DATABASE_URL`` if set (``postgresql://`` is routed to psycopg 3), else the SQLite file.

    ``PERIODIZE_DATA_DIR`` moves the SQLite file's folder (default ``data/``).
    """
    env = os.environ if environ is None else environ
    url = env.get("DATABASE_URL", "").strip()
    if url:
        return normalize_url(url)
    data_dir = Path(env.get("PERIODIZE_DATA_DIR") or DEFAULT_DATA_DIR)
    return f"sqlite:///{data_dir / 'periodize.db'}"


def normalize_url(url: str) -> str:
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


def describe_url(url: str) -> str:
    """The URL with any password masked, for the Settings page and logs."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def masked_url(url: str) -> str:
    """What an admin may read of a database URL: the password masked and the query string (which
    may hold one, ``?password=``) dropped; ``[hidden]`` when it does not even parse."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(url).set(query={}).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return "[hidden]"
