"""The Settings forms about accounts: a coach changes their own password; an admin adds a coach.
Both follow the password policy (core/password_policy.py); the current password is checked as a
sign-in is, throttled the same way (ui/login.py)."""

from __future__ import annotations

import streamlit as st

from bootstrap import Workspace
from core.password_policy import MIN_PASSWORD_CHARS
from ui import limits, login
from ui.markdown import md_escape

PASSWORD_HELP = f"at least {MIN_PASSWORD_CHARS} characters; a few unrelated words make a good one"


def password_section(app: Workspace, flash_key: str) -> None:
    """Change one's own password (password sign-in only)."""
    st.subheader("Password")
    mode = login.current_mode()
    if mode != "password":
        st.caption(
            "Your sign-in provider keeps your password."
            if mode == "oidc"
            else "This install signs nobody in (single-coach mode), so there is no password."
        )
        return
    with st.form("change-password", clear_on_submit=True):
        current = st.text_input(
            "Current password", type="password", max_chars=limits.PASSWORD_CHARS
        )
        new = st.text_input(
            "New password", type="password", help=PASSWORD_HELP, max_chars=limits.PASSWORD_CHARS
        )
        repeat = st.text_input(
            "Repeat the new password", type="password", max_chars=limits.PASSWORD_CHARS
        )
        submitted = st.form_submit_button("Change password")
    if not submitted:
        return
    problem = login.change_own_password(app.wiring, app.coach, current, new, repeat)
    if problem is not None:
        st.error(md_escape(problem))
        return
    st.session_state[flash_key] = login.PASSWORD_CHANGED_HERE
    st.rerun()


def add_coach_section(app: Workspace, flash_key: str) -> None:
    """An admin adds a coach account (with a password, or matched by e-mail under OIDC)."""
    mode = login.current_mode()
    if mode == "single":
        return
    st.subheader("Add a coach")
    with st.form("add-coach", clear_on_submit=True):
        username = st.text_input(
            "Username", help="lower-case letters, digits, . _ -", max_chars=limits.USERNAME_CHARS
        )
        name = st.text_input("Their name", max_chars=limits.NAME_CHARS)
        email = st.text_input(
            "E-mail" if mode == "oidc" else "E-mail (optional)",
            help="the address their sign-in provider gives" if mode == "oidc" else None,
            max_chars=limits.NAME_CHARS,
        )
        password = repeat = ""
        if mode == "password":
            password = st.text_input(
                "Their password",
                type="password",
                help=PASSWORD_HELP,
                max_chars=limits.PASSWORD_CHARS,
            )
            repeat = st.text_input(
                "Repeat their password", type="password", max_chars=limits.PASSWORD_CHARS
            )
        is_admin = st.checkbox(
            "Admin", help="sees the server's settings and adds coaches, as you do"
        )
        submitted = st.form_submit_button("Add coach")
    if not submitted:
        return
    if mode == "password" and password != repeat:
        st.error("The two passwords differ.")
        return
    if mode == "oidc" and not email.strip():
        st.error("An e-mail address is needed: the sign-in provider's address finds the coach.")
        return
    problem = login.add_coach(
        app.wiring, username, password if mode == "password" else None, name, email, is_admin
    )
    if problem is not None:
        st.error(md_escape(problem))
        return
    role = "an admin" if is_admin else "a coach"
    st.session_state[flash_key] = (
        f"Added {md_escape(username.strip().lower())} as {role}; they can sign in now."
    )
    st.rerun()
