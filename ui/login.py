"""Sign-in before any page: st.login (OIDC) when [auth] is configured, else username + password.

A single-coach install may skip sign-in, but only when explicitly configured
(``PERIODIZE_SINGLE_COACH=1`` in the environment or ``PERIODIZE_SINGLE_COACH = true`` in
``.streamlit/secrets.toml``); it then works as the built-in ``local`` coach.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Mapping
from typing import Literal

import streamlit as st

from bootstrap import Wiring
from core.errors import InvalidInput
from core.password_policy import MIN_PASSWORD_CHARS, password_problem
from core.read_models import CoachRecord
from db import coach_sessions, first_account
from db.accounts import (
    SignInRefused,
    authenticate,
    coach_by_email,
    coach_by_id,
    count_coaches,
    create_coach,
    local_coach,
    set_password,
)
from ui import limits
from ui.browser_address import browser_address
from ui.markdown import md_escape
from ui.session_handoff import post_session_code

COACH_KEY = "coach_id"
REMEMBERED_KEY = "_signed_in_coach"
VERSION_KEY = "_coach_session_version"
"""The coach's session version at sign-in: a password change raises it and ends this session."""
ENDED_KEY = "_session_ended"
SESSION_KEY = "_coach_session"
"""The id of this browser's session row (db/coach_sessions.py): its sign-out ends every tab."""
HANDOFF_KEY = "_session_handoff"
"""The one-time code the next run hands the browser, which trades it for its session cookie."""
SESSION_COOKIE = "periodize_session"
PASSWORD_CHANGED = (
    "Your password was changed, so you were signed out here; sign in with the new password."
)
SIGNED_OUT = "You were signed out (in another tab or on another device); sign in again."
SINGLE_COACH = "PERIODIZE_SINGLE_COACH"
AuthMode = Literal["single", "oidc", "password"]


def auth_mode(environ: Mapping[str, str], secrets: Mapping[str, object]) -> AuthMode:
    if _truthy(environ.get(SINGLE_COACH)) or _truthy(secrets.get(SINGLE_COACH)):
        return "single"
    return "oidc" if "auth" in secrets else "password"


def _truthy(value: object) -> bool:
    return str(value).strip().lower() in {"1", "true", "yes", "on"}


def current_mode() -> AuthMode:
    """How coaches sign in on this server (the environment and ``.streamlit/secrets.toml``)."""
    return auth_mode(os.environ, _secrets())


def _secrets() -> Mapping[str, object]:
    try:
        return {key: st.secrets[key] for key in ("auth", SINGLE_COACH) if key in st.secrets}
    except Exception:  # no secrets file: the environment decides
        return {}


def signed_in_coach(wiring: Wiring) -> CoachRecord:
    """The coach of this browser session; otherwise shows the sign-in and stops the page."""
    coach = current_coach(wiring)
    if coach is None:
        sign_in(wiring)
        st.stop()
        raise AssertionError("unreachable: st.stop raises")
    return coach


def current_coach(wiring: Wiring) -> CoachRecord | None:
    """The coach this browser session is signed in as, or None; draws nothing.

    app.py and the page both ask on every rerun, so the answer is remembered in the session for
    the identity it was found for (a new sign-in or a sign-out changes that identity). With
    passwords, each run still reads the coach's session version, so a password change made
    anywhere (another browser, the command line, another replica) ends this session.
    """
    mode = auth_mode(os.environ, _secrets())
    if mode == "oidc":  # st.user decides on every run
        email = verified_email(st.user.to_dict()) if st.user.is_logged_in else None
        return coach_by_email(wiring.engine, email) if email else None
    if mode == "password" and COACH_KEY not in st.session_state:
        _resume_from_cookie(wiring)
    identity = (mode, st.session_state.get(COACH_KEY) if mode == "password" else None)
    remembered = st.session_state.get(REMEMBERED_KEY)
    if remembered is not None and remembered[0] == identity:
        coach: CoachRecord | None = remembered[1]
    else:
        coach = local_coach(wiring.engine) if mode == "single" else _stored_coach(wiring)
    if coach is not None and mode == "password" and not _session_current(wiring, coach):
        return None
    if coach is not None:
        st.session_state[REMEMBERED_KEY] = (identity, coach)
    return coach


def _resume_from_cookie(wiring: Wiring) -> None:
    """A new tab or a reload: the browser's session cookie (set by the app's server, HttpOnly,
    so only its handshake carries it) signs this Streamlit session in, if it is still live."""
    try:
        cookie = st.context.cookies.get(SESSION_COOKIE)
    except Exception:  # no request behind this session (AppTest)
        return
    if (found := coach_sessions.resume(wiring.engine, cookie)) is None:
        return
    session_id, coach_id, version = found
    st.session_state[COACH_KEY] = str(coach_id)
    st.session_state[VERSION_KEY] = version
    st.session_state[SESSION_KEY] = session_id


def forget_signed_in_coach() -> None:
    """The next run reads the coach's account again (after the coach changed its settings)."""
    st.session_state.pop(REMEMBERED_KEY, None)


def _session_current(wiring: Wiring, coach: CoachRecord) -> bool:
    """False, and the session signed out with a sentence, when the coach's password changed since
    this session signed in (one primary-key read each time it is asked: a revoked session ends
    on its next run)."""
    session_id = st.session_state.get(SESSION_KEY)
    current, live = coach_sessions.live_version(wiring.engine, coach.id, session_id)
    if current is None:  # the account is gone
        _clear_session()
        return False
    signed_in_at = st.session_state.setdefault(VERSION_KEY, current)  # unset: signed in directly
    if signed_in_at >= current and live:
        return True
    _clear_session()
    st.session_state[ENDED_KEY] = PASSWORD_CHANGED if signed_in_at < current else SIGNED_OUT
    return False


def _clear_session() -> None:
    for key in list(st.session_state):  # nothing of a previous coach's session survives
        del st.session_state[key]


def sign_in(wiring: Wiring) -> None:
    """The sign-in screen: the OIDC button, the first-account form or the password form."""
    st.title("Periodize")
    if ended := st.session_state.get(ENDED_KEY):
        st.warning(ended)
    if auth_mode(os.environ, _secrets()) == "oidc":
        _oidc_sign_in()
    elif count_coaches(wiring.engine) == 0:
        _first_coach_form(wiring)
    else:
        _login_form(wiring)


def verified_email(identity: Mapping[str, object]) -> str | None:
    """The e-mail address an OIDC identity may be matched by, or None.

    None without an ``email`` claim (or a blank one) and when the provider says
    ``email_verified`` is false: an address the provider did not check could be anyone's.
    A provider that sends no ``email_verified`` claim at all is trusted for its addresses.
    """
    email = identity.get("email")
    if not isinstance(email, str) or not email.strip():
        return None
    if str(identity.get("email_verified", True)).strip().lower() in {"false", "0", "no", ""}:
        return None
    return email.strip().lower()


def _oidc_sign_in() -> None:
    if not st.user.is_logged_in:
        st.button("Log in", type="primary", on_click=st.login)
        return
    if verified_email(st.user.to_dict()) is None:
        st.error(
            "Your sign-in provider did not give a verified e-mail address, so this identity "
            "cannot be matched to a coach account."
        )
        st.button("Log out", on_click=st.logout)
        return
    st.error(
        "No coach account uses this e-mail address. Ask your administrator to run "
        "`python cli.py coach create USERNAME --email YOUR@EMAIL`."
    )
    st.button("Log out", on_click=st.logout)


def _stored_coach(wiring: Wiring) -> CoachRecord | None:
    stored = st.session_state.get(COACH_KEY)
    if not stored:
        return None
    coach = coach_by_id(wiring.engine, uuid.UUID(stored))
    if coach is None:
        st.session_state.pop(COACH_KEY, None)
    return coach


def _login_form(wiring: Wiring) -> None:
    with st.form("login"):
        st.subheader("Sign in")
        username = st.text_input("Username", max_chars=limits.USERNAME_CHARS)
        password = st.text_input("Password", type="password", max_chars=limits.PASSWORD_CHARS)
        submitted = st.form_submit_button("Sign in", type="primary")
    if submitted:
        try:
            coach = authenticate(wiring.engine, username, password, browser_address(wiring))
        except SignInRefused as refused:
            st.error(str(refused))
            return
        if coach is None:
            st.error("Unknown username or wrong password.")
            return
        _sign_in(wiring, coach.id)


def _first_coach_form(wiring: Wiring) -> None:
    needs_code = first_account.code_needed(
        os.environ, _browser_peer_address(), dict(st.context.headers or {})
    )
    if needs_code:
        first_account.SETUP_CODE.ensure_announced()
        st.info(
            "Welcome! Create the first coach account with the setup code the server wrote to its "
            "log (or create it with `cli.py coach create`); more can be added with `cli.py coach`."
        )
    else:
        st.info("Welcome! Create the first coach account; more can be added with `cli.py coach`.")
    with st.form("first_coach"):
        code = (
            st.text_input(
                "Setup code",
                help="in the server's log: 'The setup code for the first account is …'",
                max_chars=40,
            )
            if needs_code
            else ""
        )
        username = st.text_input(
            "Username", help="lower-case letters, digits, . _ -", max_chars=limits.USERNAME_CHARS
        )
        display_name = st.text_input("Your name", max_chars=limits.NAME_CHARS)
        password = st.text_input(
            "Password",
            type="password",
            help=f"at least {MIN_PASSWORD_CHARS} characters; a few unrelated words make a good one",
            max_chars=limits.PASSWORD_CHARS,
        )
        repeat = st.text_input(
            "Repeat the password", type="password", max_chars=limits.PASSWORD_CHARS
        )
        submitted = st.form_submit_button("Create account", type="primary")
    if not submitted:
        return
    if needs_code and not first_account.SETUP_CODE.matches(code):
        st.error(first_account.WRONG_CODE)
        return
    if password != repeat:
        st.error("The two passwords differ.")
        return
    try:
        coach_id = first_account.create_first_coach(wiring.engine, username, password, display_name)
    except InvalidInput as error:
        st.error(md_escape(str(error)))
        return
    _sign_in(wiring, coach_id)


def _browser_peer_address() -> str:
    """The browser's address; Streamlit documents ``st.context.ip_address`` as None exactly when
    the browser is on this machine (localhost), so None reads as the loopback address."""
    return st.context.ip_address or "127.0.0.1"


def _sign_in(wiring: Wiring, coach_id: uuid.UUID) -> None:
    _clear_session()
    start_session(wiring, coach_id)
    st.rerun()


def start_session(wiring: Wiring, coach_id: uuid.UUID) -> None:
    """This browser signed in as ``coach_id``: a session row, and its cookie handed over on the
    next run (after a sign-in, or after a password change ended the coach's other sessions)."""
    coach_sessions.purge_expired(wiring.engine)
    started = coach_sessions.start(wiring.engine, coach_id)
    st.session_state[COACH_KEY] = str(coach_id)
    st.session_state[VERSION_KEY] = started.version
    st.session_state[SESSION_KEY] = started.session_id
    st.session_state[HANDOFF_KEY] = started.handoff_code
    forget_signed_in_coach()


WRONG_CURRENT = "The current password is wrong."
PASSWORD_CHANGED_HERE = (
    "Your password was changed. Every other session of yours was signed out; this one stays "
    "signed in."
)


def change_own_password(
    wiring: Wiring, coach: CoachRecord, current: str, new: str, repeat: str
) -> str | None:
    """The signed-in coach's new password, or the sentence saying why not (None: changed).

    The current password is checked as a sign-in is, throttled the same way (so a left-open
    session cannot be used to guess it); the new one must pass the password policy. The change
    ends every session of the coach (db/accounts.py); this browser then starts a new one, so it
    stays signed in and gets a new cookie on the next run.
    """
    if new != repeat:
        return "The two new passwords differ."
    if problem := password_problem(new, coach.username):
        return problem
    try:
        checked = authenticate(wiring.engine, coach.username, current, browser_address(wiring))
    except SignInRefused as refused:
        return str(refused)
    if checked is None or checked.id != coach.id:
        return WRONG_CURRENT
    set_password(wiring.engine, coach.username, new)
    start_session(wiring, coach.id)
    return None


def add_coach(
    wiring: Wiring,
    username: str,
    password: str | None,
    display_name: str,
    email: str,
    is_admin: bool,
) -> str | None:
    """An admin's new coach account (the password policy applies), or why not in a sentence."""
    try:
        create_coach(
            wiring.engine, username, password, display_name, email or None, is_admin=is_admin
        )
    except InvalidInput as error:
        return str(error)
    return None


def account_sidebar(wiring: Wiring, coach: CoachRecord) -> None:
    """Who is signed in, and the way out (drawn once per run, by app.py)."""
    mode = auth_mode(os.environ, _secrets())
    st.sidebar.caption(f"Signed in as **{md_escape(coach.display_name)}**")
    if mode == "oidc":
        st.sidebar.button("Log out", on_click=st.logout)
    elif mode == "password":
        post_session_code(st.session_state.pop(HANDOFF_KEY, None))
        if st.sidebar.button("Sign out"):
            if (session_id := st.session_state.get(SESSION_KEY)) is not None:
                coach_sessions.end(wiring.engine, session_id)
            _clear_session()
            st.rerun()
        if st.sidebar.button("Sign out everywhere", help="ends this coach's every session"):
            coach_sessions.end_all(wiring.engine, coach.id)
            _clear_session()
            st.rerun()
