"""Division codes as the emergency rules see them: GB/T 2260 (province/city/county) plus township codes.

GB/T 2260 stops at county level; townships (乡镇、街道) and villages use the statistical division code
(统计用区划代码): 9 digits for a township, 12 for a village (its first 9 digits are its township).
The first six digits of such a code are its county, which must be a known Hunan division.
"""

from __future__ import annotations

from hunan_emergency.rules.basis import AdminLevel, InvalidInput
from hunan_shared import divisions


def normalise_division(code: str) -> str:
    """Validate a division code and return it in canonical form (12-digit township codes → 9 digits)."""
    if not code.isdigit() or len(code) not in (6, 9, 12):
        raise InvalidInput(f"{code!r} is not a 6-, 9- or 12-digit division code")
    try:
        divisions.validate(code[:6])
    except divisions.UnknownDivision as exc:
        raise InvalidInput(str(exc)) from None
    if len(code) == 6:
        return code
    if code[6:9] == "000":
        raise InvalidInput(f"{code!r}: township part is 000")
    if len(code) == 12 and code[9:] == "000":
        return code[:9]
    return code


def division_level(code: str) -> AdminLevel:
    code = normalise_division(code)
    if len(code) == 12:
        return AdminLevel.VILLAGE
    if len(code) == 9:
        return AdminLevel.TOWNSHIP
    level = divisions.get(code).level
    return {
        divisions.Level.PROVINCE: AdminLevel.PROVINCE,
        divisions.Level.PREFECTURE: AdminLevel.CITY,
        divisions.Level.COUNTY: AdminLevel.COUNTY,
    }[level]


def covers(outer: str, inner: str) -> bool:
    """True when division `inner` lies inside (or is) `outer`; a city code covers its counties' townships."""
    outer, inner = normalise_division(outer), normalise_division(inner)
    if len(outer) > 6:
        return inner.startswith(outer)
    return divisions.contains(outer, inner[:6])


def county_of(code: str) -> str:
    return normalise_division(code)[:6]
