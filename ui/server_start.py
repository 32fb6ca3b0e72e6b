"""What the app's server does once, when it starts (``st.App``'s lifespan, app.py): on a fresh
deployment, write the setup code for the first account to the log, so the operator has it before
anyone opens the app (the create-account form asks for it; db/first_account.py).

Only with password sign-in (single-coach and OIDC installs make no account here) and only while no
coach account exists. A database that cannot be read yet is not fatal here: the pages say what is
wrong, and the form writes the code to the log when it is first shown.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import AsyncIterator

from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool

from core.errors import PeriodizeError
from db import first_account
from db.accounts import count_coaches
from ui.calendar_feed import route_wiring
from ui.login import auth_mode, server_secrets

log = logging.getLogger(__name__)


@contextlib.asynccontextmanager
async def lifespan(_app: object) -> AsyncIterator[None]:
    await run_in_threadpool(announce_setup_code)
    yield


def announce_setup_code() -> bool:
    """Write the setup code to the log if a first account is still to be made; whether it was."""
    if auth_mode(os.environ, server_secrets()) != "password":
        return False
    try:
        if count_coaches(route_wiring().engine):
            return False
    except (PeriodizeError, SQLAlchemyError) as error:
        log.warning(
            "Could not check for coach accounts at start (%s); the setup code, if one is needed, "
            "is written when the create-account form is first shown.",
            type(error).__name__,
        )
        return False
    first_account.SETUP_CODE.ensure_announced()
    return True
