"""Periodize: the Streamlit entrypoint. Page config, the client's own link, sign-in, the
navigation (ui.navigation); and, imported by ``streamlit run``, the server with its feed route.

``streamlit run app.py`` finds the ``st.App`` below and serves it (Streamlit 1.67's server with
extra Starlette routes: the calendar feed, ui/calendar_feed.py; the session cookie and the
metrics guard, ui/session_routes.py). The server then runs this same
file as the page script for every browser session; Streamlit runs a script as ``__main__``
(AppTest too), while the server imports it under its own name, so each part runs where it belongs.
"""

from __future__ import annotations

import streamlit as st

if __name__ != "__main__":  # imported by the server: the ASGI app, no page is drawn
    from starlette.middleware import Middleware

    from ui import calendar_feed, session_routes

    app = st.App(
        __file__,
        routes=[*calendar_feed.routes(), *session_routes.routes()],
        middleware=[Middleware(session_routes.MetricsGuard)],
        lifespan=session_routes.lifespan,  # a fresh deployment's setup code, in the log at start
    )
else:
    from ui import client_view, heap, login, navigation, shell

    token = client_view.requested_token()
    st.set_page_config(
        page_title="Periodize",
        page_icon="🏋️",
        layout="centered" if token is not None else "wide",  # a client reads it on a phone
    )

    # The composition root, built once per process: the engine, the schema migrated to head, the
    # generators. st.navigation runs on every rerun: a client link shows only that client's page;
    # while signed out every URL shows the sign-in form (and no page name); once signed in, the
    # URL the coach opened shows its page.
    process = shell.shared()
    if token is not None:
        navigation.run(st.navigation([client_view.page(process, token)], position="hidden"))
    elif (coach := login.current_coach(process)) is None:
        signed_out = navigation.sign_in_pages(lambda: login.sign_in(process))
        navigation.run(st.navigation(signed_out, position="hidden"))
    else:
        pages = st.navigation(navigation.coach_pages())
        login.account_sidebar(process, coach)
        st.sidebar.caption("Periodize · periodized mesocycles for coaches")
        try:
            navigation.run(pages)
        finally:  # a page's first run, however it ends (st.stop, st.rerun): its imports stay put
            heap.settle(pages.url_path)
