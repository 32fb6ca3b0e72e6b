"""The app server's side of sign-in: the route that sets the session cookie, the guard that
keeps ``/_stcore/metrics`` behind it (Streamlit 1.67's ``st.App`` routes and middleware), and the
server's start (its lifespan), which writes a fresh deployment's setup code to the log.

A Streamlit session talks over a websocket and cannot set an HttpOnly cookie, so a sign-in on the
page hands the browser a one-time code (ui/login.py) that it posts here; this answers with the
cookie (HttpOnly, SameSite=Lax, Secure over HTTPS, expiring with its session) and a redirect back
to the page the coach was on. Neither the code nor the cookie is ever logged.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from datetime import datetime
from urllib.parse import parse_qs, urlsplit

from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route
from starlette.types import ASGIApp, Receive, Scope, Send

from core.dates import now
from core.errors import PeriodizeError
from db import coach_sessions, first_account
from db.accounts import count_coaches
from ui.calendar_feed import route_wiring
from ui.login import SESSION_COOKIE, current_mode
from ui.navigation import PAGE_KEYS
from ui.session_handoff import base_path, handoff_path

log = logging.getLogger(__name__)

METRICS_PATH = "/_stcore/metrics"
METRICS_REFUSED = "Sign in to Periodize to read its metrics."
_BODY_LIMIT = 2_000


def safe_next(target: str, base: str = "") -> str:
    """Where the redirect may go: one of the app's own pages under ``base`` (the base path, as
    ``session_handoff.base_path`` gives it), with its query; else the app's first page
    (``base`` + ``/``); never another site (``//evil.example`` or ``https://…``)."""
    home = f"{base}/"
    parts = urlsplit(target or home)
    if parts.scheme or parts.netloc:
        return home
    path = parts.path
    if base and not (path == base or path.startswith(home)):
        return home
    page = path.removeprefix(base).strip("/")
    if page and page not in PAGE_KEYS:
        return home
    query = f"?{parts.query}" if parts.query else ""
    return f"{home}{page}{query}"


def _same_origin(request: Request) -> bool:
    """The post came from a page of this server (a login CSRF from another site is refused)."""
    origin = request.headers.get("origin")
    if origin is None:  # browsers send Origin on every form POST; a missing one is not ours
        return False
    return urlsplit(origin).netloc == request.headers.get("host", "")


def _is_https(request: Request) -> bool:
    return request.url.scheme == "https" or request.headers.get("x-forwarded-proto") == "https"


async def _start(request: Request) -> Response:
    body = (await request.body())[:_BODY_LIMIT].decode("utf-8", "replace")
    fields = parse_qs(body)
    base = base_path()
    target = safe_next((fields.get("next") or [""])[0], base)
    response: Response = RedirectResponse(target, status_code=303)
    if not _same_origin(request):
        return PlainTextResponse("This sign-in did not come from Periodize.", status_code=403)
    code = (fields.get("code") or [""])[0]
    cookie = await run_in_threadpool(coach_sessions.claim, route_wiring().engine, code)
    if cookie is None:  # spent or expired: the page shows the sign-in form again
        log.warning("a session hand-over was refused (spent, expired or unknown code)")
        return response
    response.set_cookie(
        SESSION_COOKIE,
        cookie.value,
        max_age=_seconds_until(cookie.expires_at),
        path=base or "/",  # the app's pages and its websocket, nothing else on the host
        secure=_is_https(request),
        httponly=True,
        samesite="lax",
    )
    response.headers["Cache-Control"] = "no-store"
    return response


def _seconds_until(moment: datetime) -> int:
    return max(0, int((moment - now()).total_seconds()))


def routes() -> list[BaseRoute]:
    """The hand-over route under ``server.baseUrlPath`` (st.App adds a route at its literal path,
    while Streamlit's own are under the base path; a proxy in front forwards only those). The
    configuration is loaded before ``streamlit run`` imports app.py, which calls this."""
    return [Route(handoff_path(base_path()), _start, methods=["POST"])]


def signed_in(cookie: str | None) -> bool:
    """The cookie belongs to a live session (an ended, expired or revoked one does not)."""
    return coach_sessions.resume(route_wiring().engine, cookie) is not None


class MetricsGuard:
    """ASGI middleware: ``/_stcore/metrics`` answers only a browser with a live session cookie
    (the metrics name the app's internals; a stranger has no use for them)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and str(scope.get("path", "")).rstrip("/").endswith(
            METRICS_PATH
        ):
            cookie = Request(scope).cookies.get(SESSION_COOKIE)
            if not await run_in_threadpool(signed_in, cookie):
                await PlainTextResponse(METRICS_REFUSED, status_code=401)(scope, receive, send)
                return
        await self.app(scope, receive, send)


@contextlib.asynccontextmanager
async def lifespan(_app: object) -> AsyncIterator[None]:
    """The server's start (app.py's ``st.App``): the setup code is in the log before anyone opens
    the app (Streamlit has no other start hook; the pages run only when a browser comes)."""
    await run_in_threadpool(announce_setup_code)
    yield


def announce_setup_code() -> bool:
    """Write the setup code for the first account to the log (db/first_account.py), with password
    sign-in and no coach account yet; whether it was. A database that cannot be read yet is not
    fatal here: the pages say what is wrong, and the form writes the code when first shown."""
    if current_mode() != "password":
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
