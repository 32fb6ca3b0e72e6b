"""Sign-in throttling per account and per address, on SQLite and PostgreSQL: 50 wrong passwords
then the right one is refused; after the lockout it signs in; the counts are shared by every
engine (app replica) on the database; the log names the username and the reason, never the password."""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, func
from sqlmodel import Session, select

from core.dates import frozen_clock
from db import sign_in
from db.accounts import SignInRefused, authenticate, create_coach
from db.engine import make_engine
from db.models import SignInThrottleDB

RIGHT = "violet anchor tundra"
WRONG = "not the password at all"
START = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def _try(engine: Engine, password: str, address: str | None = None, username: str = "mia"):  # type: ignore[no-untyped-def]
    """'ok', 'wrong' or the refusal's sentence."""
    try:
        coach = authenticate(engine, username, password, address)
    except SignInRefused as refused:
        return str(refused)
    return "ok" if coach is not None else "wrong"


def test_fifty_wrong_passwords_then_the_right_one_is_refused_until_the_lockout_ends(
    engine: Engine,
) -> None:
    create_coach(engine, "mia", RIGHT, "Mia")
    with frozen_clock(START):
        answers = [_try(engine, WRONG) for _ in range(50)]
        assert answers[:4] == ["wrong"] * 4
        assert answers[4] == "Too many failed sign-ins; try again in 15 minutes."
        assert set(answers[5:]) == {"Too many failed sign-ins; try again in 15 minutes."}
        assert _try(engine, RIGHT) == "Too many failed sign-ins; try again in 15 minutes."
    with frozen_clock(START + timedelta(minutes=1, seconds=30)):
        assert _try(engine, RIGHT) == "Too many failed sign-ins; try again in 14 minutes."
    with frozen_clock(START + timedelta(minutes=15, seconds=1)):
        assert _try(engine, RIGHT) == "ok"


def test_each_lockout_lasts_twice_as_long_as_the_previous_one(engine: Engine) -> None:
    create_coach(engine, "mia", RIGHT, "Mia")
    moment = START
    for minutes in (15, 30, 60):
        with frozen_clock(moment):
            answers = [_try(engine, WRONG) for _ in range(5)]
        assert answers[-1] == f"Too many failed sign-ins; try again in {minutes} minutes."
        moment += timedelta(minutes=minutes)
        with frozen_clock(moment - timedelta(seconds=1)):
            assert _try(engine, RIGHT) != "ok"
    with frozen_clock(moment):
        assert _try(engine, RIGHT) == "ok"


def test_a_success_clears_the_failures(engine: Engine) -> None:
    create_coach(engine, "mia", RIGHT, "Mia")
    with frozen_clock(START):
        assert [_try(engine, WRONG) for _ in range(4)] == ["wrong"] * 4
        assert _try(engine, RIGHT) == "ok"
        assert [_try(engine, WRONG) for _ in range(4)] == ["wrong"] * 4
        assert _try(engine, RIGHT) == "ok"


def test_failures_older_than_the_window_do_not_count(engine: Engine) -> None:
    create_coach(engine, "mia", RIGHT, "Mia")
    with frozen_clock(START):
        assert [_try(engine, WRONG) for _ in range(4)] == ["wrong"] * 4
    with frozen_clock(START + timedelta(minutes=16)):
        assert [_try(engine, WRONG) for _ in range(4)] == ["wrong"] * 4
        assert _try(engine, RIGHT) == "ok"


def test_one_address_guessing_many_accounts_is_locked_out(engine: Engine) -> None:
    create_coach(engine, "mia", RIGHT, "Mia")
    address = "203.0.113.7"
    with frozen_clock(START):
        answers = [
            _try(engine, WRONG, address, username=f"guess{n}")
            for n in range(sign_in.ADDRESS_LIMIT + 3)
        ]
        assert answers[: sign_in.ADDRESS_LIMIT - 1] == ["wrong"] * (sign_in.ADDRESS_LIMIT - 1)
        assert answers[-1] == "Too many failed sign-ins; try again in 15 minutes."
        # that address may not try the real account either; another address may
        assert _try(engine, RIGHT, address) != "ok"
        assert _try(engine, RIGHT, "198.51.100.2") == "ok"


def test_the_counts_are_shared_by_every_replica(engine: Engine) -> None:
    create_coach(engine, "mia", RIGHT, "Mia")
    other_replica = make_engine(engine.url.render_as_string(hide_password=False))
    try:
        with frozen_clock(START):
            for replica in (engine, other_replica, engine, other_replica):
                assert _try(replica, WRONG) == "wrong"
            assert _try(other_replica, WRONG).startswith("Too many failed sign-ins")
            assert _try(engine, RIGHT).startswith("Too many failed sign-ins")
    finally:
        other_replica.dispose()


def test_fifty_guesses_at_once_check_at_most_the_limit(engine: Engine) -> None:
    create_coach(engine, "mia", RIGHT, "Mia")
    answers: list[str] = []
    lock = threading.Lock()

    def guess() -> None:
        try:
            answer = _try(engine, WRONG)
        except Exception as error:  # recorded, so the assertion shows it
            answer = repr(error)
        with lock:
            answers.append(answer)

    with frozen_clock(START):
        threads = [threading.Thread(target=guess) for _ in range(50)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert len(answers) == 50
    assert answers.count("wrong") == sign_in.ACCOUNT_LIMIT - 1
    with frozen_clock(START):
        assert _try(engine, RIGHT) != "ok"


def test_refusals_are_logged_with_the_username_and_reason_never_the_password(
    engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    create_coach(engine, "mia", RIGHT, "Mia")
    caplog.set_level(logging.DEBUG)
    with frozen_clock(START):
        for _ in range(6):
            _try(engine, WRONG, "203.0.113.7")
        _try(engine, RIGHT, "203.0.113.7")
    refused = [r for r in caplog.records if r.getMessage().startswith("sign-in refused")]
    assert len(refused) == 8  # 5 wrong (the 5th also starts the lockout) and 2 during it
    assert all("'mia'" in r.getMessage() and "203.0.113.7" in r.getMessage() for r in refused)
    assert sum("wrong password" in r.getMessage() for r in refused) == 5
    assert sum("locked out" in r.getMessage() for r in refused) == 2
    assert WRONG not in caplog.text and RIGHT not in caplog.text


def test_rows_of_keys_nobody_tried_for_a_day_are_forgotten(engine: Engine) -> None:
    with frozen_clock(START):
        for n in range(10):
            _try(engine, WRONG, username=f"guess{n}")
    with frozen_clock(START + timedelta(days=2)):
        _try(engine, WRONG, username="someone")
    with Session(engine) as session:
        keys = session.exec(select(SignInThrottleDB.key)).all()
        count = session.exec(select(func.count()).select_from(SignInThrottleDB)).one()
    assert (list(keys), count) == (["account:someone"], 1)
