"""Settings and roles: only an admin sees the server's sections (secrets masked) and adds coaches;
every coach changes their own password (current one checked and throttled, policy applied, every
other session ended, this one kept)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from bootstrap import Wiring, build_wiring
from db import coach_sessions
from db.accounts import authenticate, coach_by_username, create_coach, verify_password
from db.models import CoachDB
from db.sign_in import ACCOUNT_LIMIT
from tests.app.test_isolation import all_text
from ui import login
from ui.login import COACH_KEY, SINGLE_COACH
from ui.server_settings_view import HIDDEN, environment_rows

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "Tr0ub4dor&3-horse"
NEW_PASSWORD = "a brand new passphrase"
SERVER_SECTIONS = {"OpenAI drafter", "Database", "Environment", "Add a coach"}


@pytest.fixture
def password_mode(app_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SINGLE_COACH, raising=False)
    monkeypatch.setattr(login, "_secrets", lambda: {})


@pytest.fixture
def shared(app_env: Path) -> Iterator[Wiring]:
    built = build_wiring()
    yield built
    built.engine.dispose()


def settings(**session: object) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / "settings.py"), default_timeout=60)
    for key, value in session.items():
        at.session_state[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def headers(at: AppTest) -> set[str]:
    return {h.value for h in at.subheader}


def fill(at: AppTest, **by_label: str) -> None:
    for label, value in by_label.items():
        [box] = [b for b in at.text_input if b.label == label]
        box.input(value)


def submit(at: AppTest, label: str) -> AppTest:
    [button] = [b for b in at.get("form_submit_button") if b.label == label]
    button.click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _two_coaches(shared: Wiring) -> tuple[str, str]:
    admin = create_coach(shared.engine, "ada", PASSWORD, "Ada")  # the first account: an admin
    coach = create_coach(shared.engine, "bob", PASSWORD, "Bob")
    return str(admin), str(coach)


# roles


def test_the_first_account_is_the_admin_and_later_ones_are_not(password_mode, shared) -> None:
    _two_coaches(shared)
    ada, bob = coach_by_username(shared.engine, "ada"), coach_by_username(shared.engine, "bob")
    assert ada is not None and ada.is_admin
    assert bob is not None and not bob.is_admin


def test_a_coach_who_is_no_admin_sees_only_their_own_settings(password_mode, shared) -> None:
    _admin, bob = _two_coaches(shared)
    at = settings(**{COACH_KEY: bob})
    assert {"Units", "Password"} <= headers(at)
    assert not headers(at) & SERVER_SECTIONS
    text = all_text(at)
    assert "periodize.db" not in text and "SQLite" not in text and "DATABASE_URL" not in text
    assert "Add coach" not in [b.label for b in at.get("form_submit_button")]


def test_an_admin_sees_the_server_with_every_secret_masked(password_mode, shared, monkeypatch):
    admin, _bob = _two_coaches(shared)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-SECRET-123456")
    monkeypatch.setenv("OPENAI_BASE_URL", "https://ada:hunter2-pass@llm.example:8443/v1?key=zz9")
    monkeypatch.setenv("PERIODIZE_PUBLIC_URL", "https://op:pub-secret@coach.example/")
    monkeypatch.setenv("PERIODIZE_TRUSTED_PROXIES", "10.0.0.0/8")
    at = settings(**{COACH_KEY: admin})
    assert headers(at) >= SERVER_SECTIONS
    text = all_text(at)
    for secret in ("SECRET", "hunter2", "zz9", "pub-secret"):
        assert secret not in text
    assert "periodize.db" in text  # the database's location, for the admin
    environment = next(t.value for t in at.table if "PERIODIZE_TRUSTED_PROXIES" in str(t.value))
    shown = dict(zip(environment["Setting"], environment["Value"], strict=True))
    assert shown["OPENAI_API_KEY"] == HIDDEN
    assert shown["OPENAI_BASE_URL"] == "https://llm.example:8443/v1"
    assert shown["PERIODIZE_PUBLIC_URL"] == "https://coach.example/"
    assert shown["PERIODIZE_TRUSTED_PROXIES"] == "10.0.0.0/8"


def test_database_urls_lose_their_passwords_and_query_strings() -> None:
    url = "postgresql+psycopg://app:s3cr3t@db.example:5432/periodize?password=q"
    location = Wiring(engine=None, generators={}, database_url=url).database_location  # type: ignore[arg-type]
    rows = environment_rows({"DATABASE_URL": url}, location)
    shown = dict(zip(rows["Setting"], rows["Value"], strict=True))
    assert shown["DATABASE_URL"] == "postgresql+psycopg://app:***@db.example:5432/periodize"
    assert shown["PERIODIZE_DATA_DIR"] == "not set"


def test_an_admin_adds_a_coach_by_the_password_policy(password_mode, shared) -> None:
    admin, _bob = _two_coaches(shared)
    at = settings(**{COACH_KEY: admin})
    form = {"Username": "Cleo", "Their name": "Cleo", "Their password": "short"}
    fill(at, **form, **{"Repeat their password": "short"})
    at = submit(at, "Add coach")
    [error] = [e.value for e in at.error]
    assert "12" in error  # the policy's sentence
    assert coach_by_username(shared.engine, "cleo") is None
    fill(at, **{**form, "Their password": NEW_PASSWORD, "Repeat their password": NEW_PASSWORD})
    [admin_box] = [c for c in at.checkbox if c.label == "Admin"]
    admin_box.check()
    at = submit(at, "Add coach")
    assert [s.value for s in at.success] == ["Added cleo as an admin; they can sign in now."]
    cleo = authenticate(shared.engine, "cleo", NEW_PASSWORD)
    assert cleo is not None and cleo.is_admin
    fill(
        at,
        Username="bob",
        **{"Their password": NEW_PASSWORD, "Repeat their password": NEW_PASSWORD},
    )
    at = submit(at, "Add coach")
    shown = [e.value.replace("\\", "") for e in at.error]  # as rendered: escapes drop out
    assert shown == ["The username 'bob' (or that e-mail) is already taken."]


# changing one's own password


def _change(at: AppTest, current: str, new: str, repeat: str | None = None) -> AppTest:
    fill(
        at,
        **{
            "Current password": current,
            "New password": new,
            "Repeat the new password": new if repeat is None else repeat,
        },
    )
    return submit(at, "Change password")


def test_a_coach_changes_their_password_and_only_this_session_stays(password_mode, shared):
    _admin, bob = _two_coaches(shared)
    bob_id = coach_by_username(shared.engine, "bob")
    assert bob_id is not None
    elsewhere = coach_sessions.start(shared.engine, bob_id.id)  # another browser, signed in
    cookie = coach_sessions.claim(shared.engine, elsewhere.handoff_code)
    assert cookie is not None
    at = settings(**{COACH_KEY: bob})
    at = _change(at, PASSWORD, NEW_PASSWORD)
    assert [s.value for s in at.success] == [login.PASSWORD_CHANGED_HERE]
    assert coach_sessions.resume(shared.engine, cookie.value) is None  # the other one ended
    at.run()  # this one stays signed in, with a fresh session and its cookie to hand over
    assert [t.value for t in at.title] == ["Settings"] and not at.warning
    assert at.session_state[login.HANDOFF_KEY]
    assert authenticate(shared.engine, "bob", PASSWORD) is None
    assert authenticate(shared.engine, "bob", NEW_PASSWORD) is not None


@pytest.mark.parametrize(
    ("current", "new", "repeat", "expected"),
    [
        ("not my password!", NEW_PASSWORD, None, login.WRONG_CURRENT),
        (PASSWORD, NEW_PASSWORD, "something else entirely", "The two new passwords differ."),
        (PASSWORD, "bob", None, None),  # the policy's own sentence
    ],
)
def test_a_refused_change_says_why_and_keeps_the_password(
    password_mode, shared, current, new, repeat, expected
) -> None:
    _admin, bob = _two_coaches(shared)
    at = _change(settings(**{COACH_KEY: bob}), current, new, repeat)
    [error] = [e.value for e in at.error]
    if expected is not None:
        assert error == expected
    else:
        assert error and "password" in error.lower()
    assert authenticate(shared.engine, "bob", PASSWORD) is not None


def test_guessing_the_current_password_is_throttled_like_a_sign_in(password_mode, shared):
    _admin, bob = _two_coaches(shared)
    at = settings(**{COACH_KEY: bob})
    for _ in range(ACCOUNT_LIMIT - 1):
        at = _change(at, "not my password!", NEW_PASSWORD)
        assert [e.value for e in at.error] == [login.WRONG_CURRENT]
    at = _change(at, "not my password!", NEW_PASSWORD)
    at = _change(at, PASSWORD, NEW_PASSWORD)  # locked: even the right one is refused
    [error] = [e.value for e in at.error]
    assert error.replace("\\", "") == "Too many failed sign-ins; try again in 15 minutes."
    with Session(shared.engine) as session:
        stored = session.exec(select(CoachDB.password_hash).where(CoachDB.username == "bob")).one()
    assert verify_password(stored, PASSWORD)  # unchanged
