"""What every domain model shares: the strict camelCase base model, key/value pairs, readable validation errors."""

from __future__ import annotations

from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
)
from pydantic.alias_generators import to_camel

FiniteFloat = Annotated[float, Field(allow_inf_nan=False)]
"""NaN and ±Infinity are not valid JSON and mean nothing to a coach."""


def without_nul(text: str) -> str:
    """PostgreSQL cannot store or compare text with NUL (0x00); nobody types one on purpose."""
    if "\x00" in text:
        raise ValueError("text cannot contain the NUL character (\\0)")
    return text


class DomainModel(BaseModel):
    """Base: camelCase JSON, snake_case attributes, unknown keys rejected."""

    model_config = ConfigDict(
        alias_generator=to_camel,
        validate_by_name=True,
        validate_by_alias=True,
        serialize_by_alias=True,
        extra="forbid",
        str_strip_whitespace=True,
    )


class KeyValuePair(DomainModel):
    """Metrics and targets travel to and from the LLM as pairs; they are stored as JSON objects."""

    key: str = Field(min_length=1, max_length=80)
    value: FiniteFloat | str


def pairs_to_dict(pairs: list[KeyValuePair]) -> dict[str, float | str]:
    return {pair.key: pair.value for pair in pairs}


def dict_to_pairs(values: dict[str, float | str]) -> list[KeyValuePair]:
    return [KeyValuePair(key=key, value=value) for key, value in values.items()]


def describe_validation_error(error: ValidationError) -> list[str]:
    """Turn pydantic's error into lines a coach can read: 'sets: must be at most 20'."""
    lines = []
    for item in error.errors(include_url=False):
        path = " › ".join(_path_part(part) for part in item["loc"]) or "input"
        message = item["msg"].removeprefix("Value error, ")
        if message.startswith("Input should be "):
            message = "must be " + message.removeprefix("Input should be ")
            message = message.replace("greater than or equal to", "at least").replace(
                "less than or equal to", "at most"
            )
        lines.append(f"{path}: {message}")
    return lines


def _path_part(part: int | str) -> str:
    """Plain keys as they are; odd ones (blank, spaces, line breaks) quoted so the line stays readable."""
    text = str(part)
    return text if text.isidentifier() or text.isdigit() else repr(text)
