"""Units: loads in kg or lb and distances in km or mi, stored in kg and km, shown in the client's own.

The factors are exact by definition (the 1959 international yard and pound: 1 lb = 0.45359237 kg,
1 mi = 1.609344 km), so a value typed in pounds converts to kilograms and back to the same pounds.
"""

from __future__ import annotations

import re
from enum import StrEnum

KG_PER_LB = 0.45359237
KM_PER_MI = 1.609344


class LoadUnit(StrEnum):
    KG = "kg"
    LB = "lb"


class DistanceUnit(StrEnum):
    KM = "km"
    MI = "mi"


_LOAD_WORDS = {"kg": LoadUnit.KG, "kgs": LoadUnit.KG, "kilo": LoadUnit.KG, "kilos": LoadUnit.KG}
_LOAD_WORDS |= {"lb": LoadUnit.LB, "lbs": LoadUnit.LB, "pound": LoadUnit.LB, "pounds": LoadUnit.LB}
_DISTANCE_WORDS = {"km": DistanceUnit.KM, "kms": DistanceUnit.KM, "k": DistanceUnit.KM}
_DISTANCE_WORDS |= {"mi": DistanceUnit.MI, "mile": DistanceUnit.MI, "miles": DistanceUnit.MI}
_AMOUNT = re.compile(r"^\s*([0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)\s*([a-zA-Z]*)\s*$")


def load_from_kg(kg: float, unit: LoadUnit) -> float:
    return kg / KG_PER_LB if unit is LoadUnit.LB else kg


def load_to_kg(value: float, unit: LoadUnit) -> float:
    return value * KG_PER_LB if unit is LoadUnit.LB else value


def distance_from_km(km: float, unit: DistanceUnit) -> float:
    return km / KM_PER_MI if unit is DistanceUnit.MI else km


def distance_to_km(value: float, unit: DistanceUnit) -> float:
    return value * KM_PER_MI if unit is DistanceUnit.MI else value


def _number(value: float, digits: int) -> str:
    """At most ``digits`` decimals, no trailing zeros: 82.5, 185, 81.25."""
    text = f"{round(value, digits):.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def format_load(kg: float, unit: LoadUnit) -> str:
    """'82.5 kg', '185 lb': two decimals at most (1.25 kg plates make 81.25 kg)."""
    return f"{_number(load_from_kg(kg, unit), 2)} {unit.value}"


def format_distance(km: float, unit: DistanceUnit) -> str:
    """'5 km', '3.1 mi': two decimals at most."""
    return f"{_number(distance_from_km(km, unit), 2)} {unit.value}"


def _split(text: str, what: str) -> tuple[float, str]:
    match = _AMOUNT.match(text)
    if match is None:
        raise ValueError(
            f"'{text.strip()[:40]}' is not a {what}: write a number, like 60 or 135 lb"
        )
    return float(match.group(1).replace(",", ".")), match.group(2).lower()


def parse_load(text: str, default: LoadUnit) -> float:
    """A typed load in kg: '135 lb', '60 kg', '60' (in ``default``), '60,5kg'."""
    value, word = _split(text, "load")
    if not word:
        return load_to_kg(value, default)
    if word not in _LOAD_WORDS:
        raise ValueError(f"'{word}' is not a load unit: use kg or lb")
    return load_to_kg(value, _LOAD_WORDS[word])


def parse_distance(text: str, default: DistanceUnit) -> float:
    """A typed distance in km: '5 km', '3.1 mi', '10' (in ``default``)."""
    value, word = _split(text, "distance")
    if not word:
        return distance_to_km(value, default)
    if word not in _DISTANCE_WORDS:
        raise ValueError(f"'{word}' is not a distance unit: use km or mi")
    return distance_to_km(value, _DISTANCE_WORDS[word])
