"""The first coach account of a fresh deployment: created once under a lock (two at once: one
account), a setup code only its hash is kept of, and when no code is needed."""

from __future__ import annotations

import logging
import re
import threading

import pytest
from sqlalchemy import Engine

from core.errors import InvalidInput
from db.accounts import count_coaches
from db.first_account import ALREADY_CREATED, SetupCode, code_needed, create_first_coach

PASSWORD = "violet anchor tundra"


@pytest.mark.parametrize("attempt", range(3))
def test_two_first_accounts_at_once_make_exactly_one(engine: Engine, attempt: int) -> None:
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def create(username: str) -> None:
        barrier.wait()
        try:
            create_first_coach(engine, username, PASSWORD, username.title())
            outcomes[username] = "created"
        except InvalidInput as error:
            outcomes[username] = str(error)
        except Exception as error:  # recorded, so the assertion shows it
            outcomes[username] = repr(error)

    threads = [threading.Thread(target=create, args=(name,)) for name in ("ada", "mallory")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes.values()) == sorted(["created", ALREADY_CREATED]), outcomes
    assert count_coaches(engine) == 1


def test_a_first_account_once_a_coach_exists_is_refused(engine: Engine) -> None:
    create_first_coach(engine, "ada", PASSWORD, "Ada")
    with pytest.raises(InvalidInput) as refused:
        create_first_coach(engine, "mallory", PASSWORD, "Mallory")
    assert str(refused.value) == ALREADY_CREATED
    assert count_coaches(engine) == 1


def test_the_first_account_follows_the_password_policy(engine: Engine) -> None:
    with pytest.raises(InvalidInput, match="at least 12 characters"):
        create_first_coach(engine, "ada", "short", "Ada")
    assert count_coaches(engine) == 0


def test_the_setup_code_is_logged_once_and_only_its_hash_kept(caplog) -> None:  # type: ignore[no-untyped-def]
    caplog.set_level(logging.WARNING)
    setup = SetupCode()
    assert not setup.matches("")
    setup.ensure_announced()
    setup.ensure_announced()
    [record] = [r for r in caplog.records if "setup code" in r.getMessage()]
    [code] = re.findall(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", record.getMessage())
    assert code not in repr(vars(setup))  # only a digest is held
    assert setup.matches(code) and setup.matches(f"  {code.lower()} ")
    assert setup.matches(code.replace("-", " "))
    assert not setup.matches(code[:-1] + ("2" if code[-1] != "2" else "3"))
    setup.discard()
    assert not setup.matches(code)


@pytest.mark.parametrize(
    ("environ", "address", "headers", "needed"),
    [
        ({}, "127.0.0.1", {}, False),
        ({}, "::1", {}, False),
        ({"DATABASE_URL": "postgresql://db/app"}, "127.0.0.1", {}, True),
        ({"DATABASE_URL": "sqlite:////srv/app.db"}, "127.0.0.1", {}, True),
        ({}, "203.0.113.7", {}, True),
        ({}, "192.168.1.20", {}, True),
        ({}, None, {}, True),
        ({}, "not an address", {}, True),
        ({}, "127.0.0.1", {"X-Forwarded-For": "203.0.113.7"}, True),  # a proxy on this machine
        ({}, "127.0.0.1", {"Forwarded": "for=203.0.113.7"}, True),
    ],
)
def test_a_code_is_needed_except_on_this_machine_with_the_default_file(
    environ: dict[str, str], address: str | None, headers: dict[str, str], needed: bool
) -> None:
    assert code_needed(environ, address, headers) is needed
