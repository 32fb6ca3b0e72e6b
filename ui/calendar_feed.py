"""The calendar feed's HTTP route, ``GET /calendar/<token>.ics``, served by the app's own server
(Streamlit's ``st.App`` takes extra Starlette routes; app.py adds this one).

The token is a calendar link's (core.client_links): the same throttle and refusal as the client
page, and the feed lists every stored workout of that one client, so a calendar app polling it
sees each change of the plan. Neither the token nor the path is ever logged.
"""

from __future__ import annotations

import functools
import logging

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from bootstrap import Wiring, build_wiring
from core.client_address import client_address
from core.client_links import CALENDAR_FEED, REFUSED, LinkRefused
from core.dates import today_in
from core.delivery import files
from core.delivery.calendar import calendar_ics
from core.errors import NotFound, PeriodizeError
from core.ports import Storage
from core.read_models import ClientRecord
from core.schemas import with_units

log = logging.getLogger(__name__)

CALENDAR_TYPE = "text/calendar; charset=utf-8"


@functools.cache
def _wiring() -> Wiring:
    """The route's own engine (one per server process, beside the pages' st.cache_resource one:
    a route runs outside any Streamlit session). Migrations are already at head by then."""
    return build_wiring()


def route_wiring() -> Wiring:
    """The wiring every route of the app's server shares (the session routes too)."""
    return _wiring()


def feed_ics(storage: Storage, client: ClientRecord) -> bytes:
    """Every saved session of the client, through the delivery builder (core/delivery/calendar.py):
    read fresh on each request, so the feed follows every change of the plan."""
    workouts = [
        workout
        for phase in files.saved_phases(storage, client.id)
        for workout in storage.get_mesocycle(phase.id).workouts()
    ]
    today = today_in(client.profile.timezone)
    profile = with_units(client.profile, storage.coach_units())  # the coach's default units
    return calendar_ics(profile, workouts, today, profile.session_time)


def calendar_response(wiring: Wiring, token: str, address: str | None) -> Response:
    """The feed for a calendar link's token, or 404 with the one sentence (never which reason)."""
    try:
        access = wiring.open_link(token, CALENDAR_FEED, address)
        storage = access.workspace.storage
        client = storage.get_client(access.grant.client_id)
        body = feed_ics(storage, client)
    except LinkRefused as refused:
        status = 429 if str(refused) != REFUSED else 404
        return PlainTextResponse(str(refused), status_code=status)
    except NotFound:
        return PlainTextResponse(REFUSED, status_code=404)
    except PeriodizeError:  # the database stayed unavailable: the calendar app retries later
        log.exception("calendar feed failed")
        return PlainTextResponse("The calendar is unavailable; try again later.", status_code=503)
    return Response(
        body,
        media_type=CALENDAR_TYPE,
        headers={
            "Cache-Control": "private, no-store",
            "Content-Disposition": 'inline; filename="training.ics"',
            "Referrer-Policy": "no-referrer",
        },
    )


def _calendar(request: Request) -> Response:
    # a sync endpoint: Starlette runs it in its thread pool, so database calls never block the loop
    token = str(request.path_params["token"])
    wiring = _wiring()
    peer = request.client.host if request.client else None
    forwarded = request.headers.getlist("x-forwarded-for")
    return calendar_response(wiring, token, client_address(peer, forwarded, wiring.trusted_proxies))


def routes() -> list[BaseRoute]:
    return [Route("/calendar/{token}.ics", _calendar, methods=["GET"])]
