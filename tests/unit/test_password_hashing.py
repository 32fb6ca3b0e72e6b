"""Coach passwords are stored as argon2id hashes with the library's recommended cost (the
integration tier swaps in a cheap hasher for speed; this checks what production uses)."""

from __future__ import annotations

from db.accounts import hash_password, verify_password


def test_passwords_are_hashed_with_argon2id_at_the_recommended_cost() -> None:
    stored = hash_password("correct horse battery")
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$"), stored[:40]
    assert "correct horse battery" not in stored


def test_a_hash_verifies_its_password_only() -> None:
    stored = hash_password("correct horse battery")
    assert verify_password(stored, "correct horse battery")
    assert not verify_password(stored, "correct horse batterz")
    assert not verify_password(None, "correct horse battery")
    assert hash_password("correct horse battery") != stored  # a fresh salt every time
