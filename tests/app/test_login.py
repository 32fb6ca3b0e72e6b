"""Sign-in before any page: the first-coach form, the password form, sign-out, single-coach mode,
OIDC mode; and no password in any log record or rendered element."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete
from sqlmodel import Session, col
from streamlit.proto.TextInput_pb2 import TextInput as TextInputProto
from streamlit.testing.v1 import AppTest

from bootstrap import Wiring, build_wiring
from core.dates import frozen_clock
from db import first_account
from db.accounts import coach_by_email, count_coaches, create_coach, set_password
from db.first_account import WRONG_CODE, SetupCode
from db.models import CoachDB
from tests.app.test_isolation import all_text, rendered_texts
from tests.factories import make_profile
from ui import calendar_feed, login, session_routes
from ui.login import COACH_KEY, SINGLE_COACH

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 60
PASSWORD = "Tr0ub4dor&3-horse"  # distinctive, so a leak is unambiguous
OTHER_PASSWORD = "wrong-guess-9876"
NEW_PASSWORD = "a brand new passphrase"
START = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "not-a-real-secret",
    "client_id": "periodize",
    "client_secret": "not-a-real-client-secret",
    "server_metadata_url": "https://idp.example/.well-known/openid-configuration",
}


@pytest.fixture
def password_mode(app_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SINGLE_COACH, raising=False)
    monkeypatch.setattr(login, "_secrets", lambda: {})


@pytest.fixture(autouse=True)
def setup_code(monkeypatch: pytest.MonkeyPatch) -> SetupCode:
    """A setup code of this test alone (the real one lives as long as the server process)."""
    fresh = SetupCode()
    monkeypatch.setattr(first_account, "SETUP_CODE", fresh)
    return fresh


def logged_code(caplog: pytest.LogCaptureFixture) -> str:
    """The setup code as the server wrote it to its log."""
    [code] = set(re.findall(r"setup code for the first account is ([A-Z2-9-]{14})", caplog.text))
    return code


@pytest.fixture
def shared(app_env: Path) -> Iterator[Wiring]:
    """The process-wide wiring on the pages' SQLite file: to seed coaches and check accounts."""
    built = build_wiring()
    yield built
    built.engine.dispose()


def app(script: str = "pages/clients.py", **session: object) -> AppTest:
    """A run of the Clients page (the sign-in every page starts with), or of ``app.py``.

    The forms are driven through a page script: under AppTest a form submitted on ``app.py``
    before ``st.navigation`` ever ran is not seen as submitted (a real browser is covered by
    tests/e2e/test_journey.py). The sidebar's "Sign out" lives in ``app.py``.
    """
    at = AppTest.from_file(str(ROOT / script), default_timeout=TIMEOUT)
    for key, value in session.items():
        at.session_state[key] = value
    return at.run()


def fill(at: AppTest, **values: str) -> None:
    """Type into the text inputs, by label: fill(at, Username="x", Password="y")."""
    labels = {"Your_name": "Your name", "Repeat": "Repeat the password", "Code": "Setup code"}
    for name, value in values.items():
        label = labels.get(name, name)
        [box] = [box for box in at.text_input if box.label == label]
        box.input(value)


def submit(at: AppTest, label: str) -> AppTest:
    [button] = [b for b in at.get("form_submit_button") if b.label == label]
    button.click()
    return at.run()


def buttons(at: AppTest) -> list[str]:
    return [b.label for b in [*at.button, *at.get("form_submit_button")]]


def assert_only_the_form(at: AppTest, submit_label: str) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert [t.value for t in at.title] == ["Periodize"]
    assert submit_label in buttons(at)
    assert "Sign out" not in buttons(at)
    assert not at.dataframe and not at.get("plotly_chart")
    assert COACH_KEY not in at.session_state


def assert_signed_in(at: AppTest, *, entry: bool = False) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert [t.value for t in at.title] == ["Clients"]
    assert at.session_state[COACH_KEY]
    assert "Sign in" not in buttons(at) and "Create account" not in buttons(at)
    if entry:
        assert "Sign out" in buttons(at)


def assert_no_password_shown(at: AppTest, *passwords: str) -> None:
    """No password in any element, except the masked password inputs' own (browser-side) value,
    which must not be sent back in the element's proto either."""
    masked = [b for b in at.text_input if b.proto.type == TextInputProto.PASSWORD]
    for box in masked:
        assert all(p not in box.proto.default for p in passwords)
    texts = [text for node in at._tree if node not in masked for text in rendered_texts_of(node)]
    for password in passwords:
        assert not [t for t in texts if password in t], "a password is rendered"


def rendered_texts_of(node) -> list[str]:  # type: ignore[no-untyped-def]
    one = type("One", (), {})()
    one._tree = [node]
    return rendered_texts(one)


# the first coach


def test_an_empty_database_shows_only_the_create_account_form(password_mode) -> None:
    at = app()
    assert_only_the_form(at, "Create account")
    assert "Search by name" not in all_text(at)
    assert "Load demo data" not in buttons(at)


def test_first_coach_mismatched_passwords_are_refused(password_mode, shared, caplog) -> None:
    at = app()
    fill(
        at,
        Code=logged_code(caplog),
        Username="ada",
        Your_name="Ada",
        Password=PASSWORD,
        Repeat=PASSWORD + "x",
    )
    at = submit(at, "Create account")
    assert [e.value for e in at.error] == ["The two passwords differ."]
    assert_only_the_form(at, "Create account")
    assert count_coaches(shared.engine) == 0


def test_first_coach_short_password_is_refused(password_mode, shared, caplog) -> None:
    at = app()
    fill(
        at,
        Code=logged_code(caplog),
        Username="ada",
        Your_name="Ada",
        Password="short",
        Repeat="short",
    )
    at = submit(at, "Create account")
    assert any("at least 12 characters" in e.value for e in at.error)
    assert_only_the_form(at, "Create account")
    assert count_coaches(shared.engine) == 0


def test_first_coach_bad_username_is_refused(password_mode, shared, caplog) -> None:
    at = app()
    fill(
        at,
        Code=logged_code(caplog),
        Username="<b>x</b>",
        Your_name="Ada",
        Password=PASSWORD,
        Repeat=PASSWORD,
    )
    at = submit(at, "Create account")
    assert any("username" in e.value.lower() for e in at.error)
    assert count_coaches(shared.engine) == 0


def test_first_coach_is_created_and_signed_in(password_mode, shared, caplog) -> None:
    at = app()
    fill(
        at,
        Code=logged_code(caplog),
        Username="Ada",
        Your_name="Ada Lovelace",
        Password=PASSWORD,
        Repeat=PASSWORD,
    )
    at = submit(at, "Create account")
    assert_signed_in(at)
    assert count_coaches(shared.engine) == 1
    assert_no_password_shown(at, PASSWORD)
    # The next run keeps the coach signed in; a second "first coach" form is never offered.
    at.run()
    assert_signed_in(at)
    assert "Create account" not in buttons(at)


def test_a_fresh_deployment_asks_for_the_setup_code_from_the_log(
    password_mode, shared, caplog
) -> None:
    caplog.set_level(logging.WARNING)
    at = app()
    assert "Setup code" in [box.label for box in at.text_input]
    code = logged_code(caplog)
    assert code not in all_text(at)
    fill(at, Code="ABCD-EFGH-JKMN", Username="mallory", Password=PASSWORD, Repeat=PASSWORD)
    at = submit(at, "Create account")
    assert [e.value for e in at.error] == [WRONG_CODE]
    assert count_coaches(shared.engine) == 0
    fill(at, Code=code, Username="ada", Password=PASSWORD, Repeat=PASSWORD)
    at = submit(at, "Create account")
    assert_signed_in(at)
    assert not setup_code_matches(code), "a used code is discarded"


def _start_the_server() -> None:
    """The app server's lifespan (app.py's st.App), entered and left as uvicorn does."""

    async def start_and_stop() -> None:
        async with session_routes.lifespan(object()):
            pass

    asyncio.run(start_and_stop())


def test_the_setup_code_is_in_the_log_at_server_start_before_anyone_opens_the_app(
    password_mode, shared, caplog, monkeypatch
) -> None:
    caplog.set_level(logging.WARNING)
    monkeypatch.setattr(calendar_feed, "_wiring", lambda: shared)
    _start_the_server()
    code = logged_code(caplog)  # no page has run yet
    at = app()
    assert "Setup code" in [box.label for box in at.text_input]
    assert logged_code(caplog) == code  # the form asks for that one; no second code
    fill(at, Code=code, Username="ada", Password=PASSWORD, Repeat=PASSWORD)
    assert_signed_in(submit(at, "Create account"))


@pytest.mark.parametrize("mode", ["a coach exists", "single coach"])
def test_no_setup_code_at_start_when_no_first_account_is_to_be_made(
    password_mode, shared, caplog, monkeypatch, mode
) -> None:
    monkeypatch.setattr(calendar_feed, "_wiring", lambda: shared)
    if mode == "a coach exists":
        create_coach(shared.engine, "ada", PASSWORD, "Ada")
    else:
        monkeypatch.setenv(SINGLE_COACH, "1")
    _start_the_server()
    assert "setup code" not in caplog.text


def setup_code_matches(code: str) -> bool:
    return first_account.SETUP_CODE.matches(code)


def test_on_this_machine_with_the_default_file_no_code_is_asked(
    password_mode, shared, monkeypatch, caplog
) -> None:
    real = first_account.code_needed
    monkeypatch.setattr(
        first_account,
        "code_needed",
        lambda environ, _address, headers: real(environ, "::1", headers),
    )
    at = app()
    assert "Setup code" not in [box.label for box in at.text_input]
    assert "setup code" not in caplog.text
    fill(at, Username="ada", Your_name="Ada", Password=PASSWORD, Repeat=PASSWORD)
    at = submit(at, "Create account")
    assert_signed_in(at)


def test_a_first_account_made_meanwhile_refuses_the_second(password_mode, shared, caplog) -> None:
    at = app()
    create_coach(shared.engine, "ada", PASSWORD, "Ada")  # another browser, a moment earlier
    fill(at, Code=logged_code(caplog), Username="mallory", Password=PASSWORD, Repeat=PASSWORD)
    at = submit(at, "Create account")
    assert_only_the_form(at, "Sign in")  # the form is gone; no second account
    assert count_coaches(shared.engine) == 1


# signing in


def test_with_a_coach_present_the_sign_in_form_is_shown(password_mode, shared) -> None:
    create_coach(shared.engine, "ada", PASSWORD, "Ada")
    at = app()
    assert_only_the_form(at, "Sign in")
    assert "Create account" not in buttons(at)


def test_wrong_password_keeps_the_form(password_mode, shared) -> None:
    create_coach(shared.engine, "ada", PASSWORD, "Ada")
    at = app()
    fill(at, Username="ada", Password=OTHER_PASSWORD)
    at = submit(at, "Sign in")
    assert [e.value for e in at.error] == ["Unknown username or wrong password."]
    assert_only_the_form(at, "Sign in")
    assert_no_password_shown(at, OTHER_PASSWORD, PASSWORD)


def test_unknown_username_gets_the_same_message(password_mode, shared) -> None:
    create_coach(shared.engine, "ada", PASSWORD, "Ada")
    at = app()
    fill(at, Username="nobody", Password=PASSWORD)
    at = submit(at, "Sign in")
    assert [e.value for e in at.error] == ["Unknown username or wrong password."]
    assert_only_the_form(at, "Sign in")


@pytest.mark.parametrize("name", ["clients", "program", "plan", "workouts", "load", "settings"])
def test_every_page_run_alone_needs_sign_in(password_mode, shared, name: str) -> None:
    create_coach(shared.engine, "ada", PASSWORD, "Ada")
    at = AppTest.from_file(str(ROOT / "pages" / f"{name}.py"), default_timeout=TIMEOUT).run()
    assert_only_the_form(at, "Sign in")


def test_right_password_signs_in_and_pages_render(password_mode, shared) -> None:
    coach_id = create_coach(shared.engine, "ada", PASSWORD, "Ada")
    shared.for_coach(_record(shared, coach_id)).storage.create_client(make_profile(name="Sam"))
    at = app()
    fill(at, Username="  ADA ", Password=PASSWORD)
    at = submit(at, "Sign in")
    assert_signed_in(at)
    assert at.session_state[COACH_KEY] == str(coach_id)
    assert "Sam" in all_text(at)
    assert_no_password_shown(at, PASSWORD)
    for name in ("program", "plan", "workouts", "load", "settings"):
        page = AppTest.from_file(str(ROOT / "pages" / f"{name}.py"), default_timeout=TIMEOUT)
        page.session_state[COACH_KEY] = str(coach_id)
        page.run()
        assert not page.exception, (name, [e.value for e in page.exception])
        assert "Sign in" not in buttons(page), name


def _signed_in_script() -> None:
    """app.py's sign-in and sidebar without st.navigation (see ``app``'s docstring)."""
    import streamlit as st

    from ui import login, shell

    workspace = shell.wiring()
    login.account_sidebar(shell.shared(), workspace.coach)
    st.title("Clients")


def test_sign_out_clears_the_session(password_mode, shared) -> None:
    coach_id = create_coach(shared.engine, "ada", PASSWORD, "Ada Lovelace")
    at = AppTest.from_function(_signed_in_script, default_timeout=TIMEOUT)
    at.session_state[COACH_KEY] = str(coach_id)
    at.session_state["client_id"] = "something"
    at.session_state["drafts"] = {"k": 1}
    at.run()
    assert_signed_in(at, entry=True)
    assert "Ada Lovelace" in all_text(at)  # "Signed in as" in the sidebar
    [sign_out] = [b for b in at.button if b.label == "Sign out"]
    sign_out.click()
    at = at.run()
    assert_only_the_form(at, "Sign in")
    assert set(at.session_state).isdisjoint({COACH_KEY, "client_id", "drafts"})
    assert "Ada Lovelace" not in all_text(at)


def test_the_entrypoint_shows_who_is_signed_in(password_mode, shared) -> None:
    coach_id = create_coach(shared.engine, "ada", PASSWORD, "Ada Lovelace")
    at = app("app.py", **{COACH_KEY: str(coach_id)})
    assert_signed_in(at, entry=True)
    assert "Ada Lovelace" in all_text(at)


def test_sign_in_drops_what_the_previous_session_held(password_mode, shared) -> None:
    create_coach(shared.engine, "ada", PASSWORD, "Ada")
    at = app(client_id="stale-client", drafts={"x": 1})
    fill(at, Username="ada", Password=PASSWORD)
    at = submit(at, "Sign in")
    assert_signed_in(at)
    assert "drafts" not in at.session_state
    assert "client_id" not in at.session_state or at.session_state["client_id"] != "stale-client"


# throttling and sessions ended by a password change


def test_five_wrong_passwords_lock_the_account_and_the_right_one_is_refused(
    password_mode, shared
) -> None:
    create_coach(shared.engine, "ada", PASSWORD, "Ada")
    at = app()
    with frozen_clock(START):
        for _ in range(4):
            fill(at, Username="ada", Password=OTHER_PASSWORD)
            at = submit(at, "Sign in")
            assert [e.value for e in at.error] == ["Unknown username or wrong password."]
        fill(at, Username="ada", Password=OTHER_PASSWORD)
        at = submit(at, "Sign in")
        assert [e.value for e in at.error] == ["Too many failed sign-ins; try again in 15 minutes."]
    with frozen_clock(START + timedelta(minutes=1, seconds=1)):
        fill(at, Username="ada", Password=PASSWORD)
        at = submit(at, "Sign in")
        assert [e.value for e in at.error] == ["Too many failed sign-ins; try again in 14 minutes."]
        assert_only_the_form(at, "Sign in")
        assert_no_password_shown(at, PASSWORD, OTHER_PASSWORD)
    with frozen_clock(START + timedelta(minutes=15)):
        fill(at, Username="ada", Password=PASSWORD)
        at = submit(at, "Sign in")
        assert_signed_in(at)


def test_a_password_change_signs_out_every_earlier_session(password_mode, shared) -> None:
    coach_id = create_coach(shared.engine, "ada", PASSWORD, "Ada")
    shared.for_coach(_record(shared, coach_id)).storage.create_client(make_profile(name="Sam"))
    at = app()
    fill(at, Username="ada", Password=PASSWORD)
    at = submit(at, "Sign in")
    assert_signed_in(at)
    at.run()
    assert_signed_in(at)
    assert "Sam" in all_text(at)

    set_password(shared.engine, "ada", NEW_PASSWORD)  # elsewhere: another browser, the CLI
    at.run()
    assert_only_the_form(at, "Sign in")
    assert [w.value for w in at.warning] == [login.PASSWORD_CHANGED]
    assert "Sam" not in all_text(at)
    at.run()  # it stays signed out
    assert_only_the_form(at, "Sign in")

    fill(at, Username="ada", Password=NEW_PASSWORD)
    at = submit(at, "Sign in")
    assert_signed_in(at)
    assert not at.warning
    at.run()
    assert_signed_in(at)


def test_a_session_of_a_deleted_account_ends(password_mode, shared) -> None:
    coach_id = create_coach(shared.engine, "ada", PASSWORD, "Ada")
    at = app(**{COACH_KEY: str(coach_id)})
    assert_signed_in(at)
    with Session(shared.engine) as session:
        session.execute(delete(CoachDB).where(col(CoachDB.id) == coach_id))
        session.commit()
    at.run()
    assert COACH_KEY not in at.session_state
    assert [t.value for t in at.title] == ["Periodize"]


# other modes


def test_single_coach_mode_needs_no_sign_in(app_env, monkeypatch, shared) -> None:
    monkeypatch.setenv(SINGLE_COACH, "1")
    monkeypatch.setattr(login, "_secrets", lambda: {})
    create_coach(shared.engine, "ada", PASSWORD, "Ada")  # other accounts do not matter
    at = app("app.py")
    assert not at.exception
    assert [t.value for t in at.title] == ["Clients"]
    assert "Sign in" not in buttons(at) and "Create account" not in buttons(at)
    assert "Sign out" not in buttons(at)


def test_single_coach_mode_from_secrets(app_env, monkeypatch) -> None:
    monkeypatch.delenv(SINGLE_COACH, raising=False)
    monkeypatch.setattr(login, "_secrets", lambda: {SINGLE_COACH: "true"})
    at = app()
    assert [t.value for t in at.title] == ["Clients"]


def test_oidc_mode_shows_only_a_log_in_button(app_env, monkeypatch, shared) -> None:
    monkeypatch.delenv(SINGLE_COACH, raising=False)
    monkeypatch.setattr(login, "_secrets", lambda: {"auth": AUTH})
    create_coach(shared.engine, "ada", PASSWORD, "Ada", email="ada@example.com")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    # What st.user reads with an [auth] section and nobody logged in (AppTest's st.secrets has
    # no [auth], so st.user would not supply is_logged_in by itself).
    at.user = {"is_logged_in": False}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert [t.value for t in at.title] == ["Periodize"]
    assert buttons(at) == ["Log in"]
    assert not at.text_input, "no password form in OIDC mode"
    assert not at.dataframe
    text = all_text(at)
    assert AUTH["client_secret"] not in text and AUTH["cookie_secret"] not in text


def test_oidc_mode_signed_in_with_a_known_email(app_env, monkeypatch, shared) -> None:
    monkeypatch.delenv(SINGLE_COACH, raising=False)
    monkeypatch.setattr(login, "_secrets", lambda: {"auth": AUTH})
    create_coach(shared.engine, "ada", None, "Ada Lovelace", email="ada@example.com")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.user = {"is_logged_in": True, "email": "ADA@example.com"}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert [t.value for t in at.title] == ["Clients"]
    assert "Log out" in buttons(at)


def test_oidc_mode_unknown_email_gets_no_pages(app_env, monkeypatch, shared) -> None:
    monkeypatch.delenv(SINGLE_COACH, raising=False)
    monkeypatch.setattr(login, "_secrets", lambda: {"auth": AUTH})
    create_coach(shared.engine, "ada", None, "Ada", email="ada@example.com")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.user = {"is_logged_in": True, "email": "mallory@example.com"}
    at.run()
    assert not at.exception
    assert any("No coach account uses this e-mail" in e.value for e in at.error)
    assert buttons(at) == ["Log out"]
    assert "Clients" not in [t.value for t in at.title]


@pytest.mark.parametrize(
    "identity",
    [
        {"is_logged_in": True},  # no e-mail claim
        {"is_logged_in": True, "email": ""},
        {"is_logged_in": True, "email": "   "},
        {"is_logged_in": True, "email": "ada@example.com", "email_verified": False},
        {"is_logged_in": True, "email": "ada@example.com", "email_verified": "false"},
    ],
)
def test_oidc_identity_without_a_verified_email_is_refused(
    app_env, monkeypatch, shared, identity
) -> None:
    monkeypatch.delenv(SINGLE_COACH, raising=False)
    monkeypatch.setattr(login, "_secrets", lambda: {"auth": AUTH})
    create_coach(shared.engine, "ada", None, "Ada", email="ada@example.com")
    create_coach(shared.engine, "blank", None, "Blank", email="   ")  # stored as no e-mail
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.user = identity
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert [e.value for e in at.error] == [
        "Your sign-in provider did not give a verified e-mail address, so this identity "
        "cannot be matched to a coach account."
    ]
    assert buttons(at) == ["Log out"]
    assert [t.value for t in at.title] == ["Periodize"]


def test_a_verified_email_claim_signs_in(app_env, monkeypatch, shared) -> None:
    monkeypatch.delenv(SINGLE_COACH, raising=False)
    monkeypatch.setattr(login, "_secrets", lambda: {"auth": AUTH})
    create_coach(shared.engine, "ada", None, "Ada", email="ada@example.com")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.user = {"is_logged_in": True, "email": "ada@example.com", "email_verified": True}
    at.run()
    assert [t.value for t in at.title] == ["Clients"]


def test_a_blank_email_matches_no_coach(shared) -> None:
    create_coach(shared.engine, "blank", None, "Blank", email="  ")
    assert coach_by_email(shared.engine, "") is None
    assert coach_by_email(shared.engine, "  ") is None
    assert login.verified_email({"email": " ADA@example.com "}) == "ada@example.com"
    assert login.verified_email({"email": "ada@example.com", "email_verified": "0"}) is None
    assert login.verified_email({"email": ["ada@example.com"]}) is None


# passwords never logged


def test_passwords_are_in_no_log_record(password_mode, shared, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    for name in ("", "sqlalchemy", "sqlalchemy.engine", "streamlit", "argon2", "login", "db"):
        caplog.set_level(logging.DEBUG, logger=name)
    at = app()
    code = logged_code(caplog)
    fill(at, Code=code, Username="ada", Your_name="Ada", Password=PASSWORD, Repeat=PASSWORD + "x")
    at = submit(at, "Create account")  # mismatch
    fill(at, Username="ada", Your_name="Ada", Password="short", Repeat="short")
    at = submit(at, "Create account")  # too short
    fill(at, Username="ada", Your_name="Ada", Password=PASSWORD, Repeat=PASSWORD)
    at = submit(at, "Create account")
    assert_signed_in(at)
    at = app()  # a new browser session
    fill(at, Username="ada", Password=OTHER_PASSWORD)
    at = submit(at, "Sign in")  # wrong password
    assert at.error
    fill(at, Username="ada", Password=PASSWORD)
    at = submit(at, "Sign in")
    assert_signed_in(at)
    assert caplog.records, "the logs were captured"
    for record in caplog.records:
        rendered = "\n".join(
            [record.getMessage(), str(record.args), record.exc_text or "", str(record.__dict__)]
        )
        for secret in (PASSWORD, OTHER_PASSWORD, PASSWORD + "x"):
            assert secret not in rendered, (record.name, record.levelname)
    assert PASSWORD not in caplog.text and OTHER_PASSWORD not in caplog.text


def _record(shared: Wiring, coach_id):  # type: ignore[no-untyped-def]
    from db.accounts import coach_by_id

    coach = coach_by_id(shared.engine, coach_id)
    assert coach is not None
    return coach
