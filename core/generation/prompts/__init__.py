"""Versioned prompt templates for the OpenAI drafter: text files rendered with string.Template.

A template's file name carries its version (``outline_v1.md``). Changing a prompt's wording means a
new file and a bumped constant below, so every logged failure names the exact wording that produced
it. Templates use ``$name`` placeholders; a literal dollar sign is written ``$$``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from string import Template

OUTLINE_PROMPT_VERSION = "outline_v1"
BREAKDOWN_PROMPT_VERSION = "mesocycle_breakdown_v2"
REPAIR_PROMPT_VERSION = "repair_v1"

PROMPT_VERSION: dict[str, str] = {
    "outline": OUTLINE_PROMPT_VERSION,
    "mesocycle_breakdown": BREAKDOWN_PROMPT_VERSION,
    "repair": REPAIR_PROMPT_VERSION,
}
"""Prompt name → the version in use."""

SYSTEM_PROMPT = (
    "You are an experienced strength and conditioning coach who writes periodized training plans. "
    "You answer only with JSON that matches the given schema. You write training content only: "
    "never ids and never calendar dates, which the software assigns."
)

_DIRECTORY = Path(__file__).parent


@cache
def _template(version: str) -> Template:
    path = _DIRECTORY / f"{version}.md"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in _DIRECTORY.glob("*.md")))
        raise KeyError(f"no prompt template '{version}' (known: {known})")
    return Template(path.read_text(encoding="utf-8"))


def render(name: str, **values: object) -> str:
    """Render a template by name ("outline") or exact version ("outline_v1").

    Every placeholder must be given (``Template.substitute``): a missing value raises ``KeyError``
    rather than sending the model a prompt with a hole in it.
    """
    version = PROMPT_VERSION.get(name, name)
    return _template(version).substitute({key: str(value) for key, value in values.items()})


def placeholders(name: str) -> set[str]:
    """The placeholder names a template expects (for tests and for callers building values)."""
    version = PROMPT_VERSION.get(name, name)
    return set(_template(version).get_identifiers())
