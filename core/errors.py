"""Errors a coach can read: every failure the service reports is one of these, never a raw traceback."""

from __future__ import annotations


class PeriodizeError(Exception):
    """Base: ``str(error)`` is a sentence meant for the coach."""


class InvalidPlan(PeriodizeError):
    """A plan or edit breaks a rule; ``problems`` lists each with its path."""

    def __init__(self, message: str, problems: list | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


class NotFound(PeriodizeError):
    """A client, program, mesocycle or workout does not exist (or is not this coach's)."""


class Conflict(PeriodizeError):
    """The change clashes with stored data (a phase already planned, a logged workout)."""


class StorageUnavailable(PeriodizeError):
    """The database kept failing after bounded retries; nothing was stored."""


class InvalidInput(PeriodizeError):
    """A form or command value the coach must correct (a username, a password, a setting)."""


class SchemaIncomplete(PeriodizeError):
    """The database holds tables of an upgrade that never finished; the sentence says how to repair."""
