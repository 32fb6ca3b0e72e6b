"""The password rule (OWASP ASVS v4 2.1) and that every way of setting a password applies it."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.errors import InvalidInput
from core.password_policy import MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS, password_problem
from db.accounts import authenticate, create_coach, set_password
from db.engine import make_engine
from db.migrate import upgrade_to_head

GOOD = "violet anchor tundra"


@pytest.mark.parametrize(
    ("password", "words"),
    [
        (" " * 12, "only spaces"),
        ("\t" * 12, "only spaces"),
        ("\x00" * 12, "control characters"),
        ("violet\x00anchor tundra", "control characters"),
        ("violet anchor\ntundra", "control characters"),
        ("x" * (MAX_PASSWORD_CHARS + 1), "at most 128"),
        ("x" * 1_000_000, "at most 128"),
        ("short pass", "at least 12"),
        ("ab" * 5 + "é", "at least 12"),
        ("password1234", "common passwords"),
        ("Password1234!", "common passwords"),
        ("QWERTYUIOP123", "common passwords"),
        ("1q2w3e4r5t6y", "common passwords"),
        ("111111111111", "common passwords"),
    ],
)
def test_refused_passwords_say_why(password: str, words: str) -> None:
    problem = password_problem(password, "mia")
    assert problem is not None and words in problem, problem
    assert problem.endswith(".") and password not in problem


def test_the_username_is_refused_as_the_password_or_inside_it() -> None:
    assert (
        password_problem("mia.coach.2026", "mia.coach") == "A password cannot contain the username."
    )
    assert password_problem("strength-coach", "Strength-Coach") == (
        "A password cannot contain the username."
    )
    assert password_problem("MIA.COACH.FOREVER", "mia.coach") is not None
    # a two-letter username is inside too many good passphrases to refuse them
    assert password_problem("a bold passphrase", "as") is None


def test_long_passphrases_and_any_printable_unicode_are_accepted() -> None:
    assert password_problem(GOOD, "mia") is None
    assert password_problem("ü" * MIN_PASSWORD_CHARS, "mia") is None  # 12 characters, 24 bytes
    assert password_problem("🏋️ lift heavy, rest well 🏋️", "mia") is None
    assert password_problem("w" * 60 + " " + "z" * (MAX_PASSWORD_CHARS - 61), "mia") is None
    # a combining accent typed as two code points still counts as one character
    assert password_problem("e\u0301" * 11, "mia") is not None


def test_the_common_list_is_shipped_and_sizable() -> None:
    path = Path(__file__).resolve().parents[2] / "core" / "common_passwords.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) >= 2_000
    assert lines == sorted(set(lines)) and all(line == line.lower() for line in lines)


@pytest.fixture
def engine(tmp_path: Path):  # type: ignore[no-untyped-def]
    built = make_engine(f"sqlite:///{tmp_path / 'policy.db'}")
    upgrade_to_head(built)
    yield built
    built.dispose()


@pytest.mark.parametrize("password", [" " * 12, "\x00" * 12, "password1234", "x" * 1_000_000])
def test_account_creation_and_password_change_apply_the_rule(engine, password: str) -> None:
    with pytest.raises(InvalidInput) as created:
        create_coach(engine, "mia", password, "Mia")
    assert created.value.args[0] == password_problem(password, "mia")
    create_coach(engine, "mia", GOOD, "Mia")
    with pytest.raises(InvalidInput) as changed:
        set_password(engine, "mia", password)
    assert changed.value.args[0] == password_problem(password, "mia")
    assert authenticate(engine, "mia", GOOD) is not None


def test_a_password_holding_the_username_is_refused_on_change(engine) -> None:
    create_coach(engine, "mia", GOOD, "Mia")
    with pytest.raises(InvalidInput, match="cannot contain the username"):
        set_password(engine, "MIA", "mia's new password")
    assert authenticate(engine, "mia", GOOD) is not None
