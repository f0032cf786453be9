"""Shared value types for identifier and code fields, and for timestamps every backend can hold.

Identifiers and codes (ID numbers, certificate numbers, division codes, phone numbers) are compared as text,
so one person typed with a full-width digit (`４３０１…`, as Chinese input methods produce) must not become a
second person. Every such field goes through `normalise_identifier` (or one of the annotated types built on
it): the text is NFKC-normalised (full-width digits and letters become ASCII, U+3000 becomes a space), trimmed,
and then refused if anything non-ASCII remains — in particular digits of other scripts (`٤`, `४`, `𝟒`), which
`str.isdigit()` and the `\\d` of most regex engines accept and NFKC leaves alone (or maps to ASCII only for a
few). Use the same function for JSON bodies (through the types) and for CSV cells (call it directly).

Types:
- `AsciiDigits`: digits only, after normalisation (phone numbers, numeric codes).
- `Identifier`: ASCII letters, digits and `-`, after normalisation (certificate numbers, ID numbers before
  their own check digit rule).
- `DivisionCode`: a known Hunan GB/T 2260 code (430000, 43XX00, 43XXXX).
- `HunanDivisionCode`: what events carry — a GB/T 2260 code above, or a 9-digit township / 12-digit village
  statistical code whose first six digits are a Hunan county.
- `Timestamp`: a timezone-aware datetime that stays within years 1..9999 in UTC (so storing it, converting it or
  adding a day cannot overflow); anything else is a validation error (422), not a 500.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints

from hunan_shared import divisions

_IDENTIFIER = re.compile(r"[0-9A-Za-z-]+")
_DIGITS = re.compile(r"[0-9]+")
# A day's margin on each side: a stored value can still be shifted to any time zone and by a day.
EARLIEST = dt.datetime(1, 1, 2, tzinfo=dt.UTC)
LATEST = dt.datetime(9999, 12, 30, tzinfo=dt.UTC)


class InvalidCode(ValueError):
    """An identifier or code field holds characters other than those allowed (after NFKC)."""


def normalise_identifier(value: object, *, what: str = "identifier") -> str:
    """NFKC, trim, and refuse anything but ASCII letters, digits and '-' (other scripts' digits included)."""
    if not isinstance(value, str):
        raise InvalidCode(f"{what} must be a string")
    text = unicodedata.normalize("NFKC", value).strip()
    for char in text:
        if not char.isascii():
            kind = "digit" if unicodedata.category(char) == "Nd" or char.isdigit() else "character"
            raise InvalidCode(
                f"{what} contains the non-ASCII {kind} {char!r} (U+{ord(char):04X}); use ASCII digits 0-9"
            )
    if not _IDENTIFIER.fullmatch(text):
        raise InvalidCode(f"{what} may hold only ASCII letters, digits and '-'")
    return text


def normalise_digits(value: object, *, what: str = "code") -> str:
    """`normalise_identifier`, then digits only (ASCII 0-9)."""
    text = normalise_identifier(value, what=what)
    if not _DIGITS.fullmatch(text):
        raise InvalidCode(f"{what} may hold only the digits 0-9")
    return text


def validate_division_code(value: object) -> str:
    """A known Hunan GB/T 2260 code (province, prefecture or county), after normalisation."""
    code = normalise_digits(value, what="division code")
    return divisions.validate(code)


def validate_hunan_area_code(value: object) -> str:
    """A GB/T 2260 Hunan code, or a 9-digit township / 12-digit village code inside a Hunan county."""
    code = normalise_digits(value, what="division code")
    if len(code) == 6:
        return divisions.validate(code)
    if len(code) not in (9, 12):
        raise InvalidCode(f"{code!r} is not a 6-, 9- or 12-digit division code")
    county = divisions.get(code[:6])
    if county.level is not divisions.Level.COUNTY:
        raise InvalidCode(f"{code!r}: a township or village code must start with a county code")
    return code


def validate_timestamp(value: dt.datetime) -> dt.datetime:
    """Aware, and within years 1..9999 once in UTC (with a day's margin)."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("timestamp must carry a time-zone offset")
    try:
        utc = value.astimezone(dt.UTC)
    except OverflowError:
        raise ValueError("timestamp is outside the representable range (years 1..9999 in UTC)") from None
    if not (EARLIEST <= utc <= LATEST):
        raise ValueError("timestamp is outside the representable range (years 1..9999 in UTC)")
    return value


# The pattern documents the stored form in JSON Schema (OpenAPI, AsyncAPI); the before-validator runs first,
# so a full-width input is accepted once normalised.
AsciiDigits = Annotated[str, StringConstraints(pattern=r"^[0-9]+$"), BeforeValidator(normalise_digits)]
Identifier = Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z-]+$"), BeforeValidator(normalise_identifier)]
DivisionCode = Annotated[
    str,
    StringConstraints(pattern=r"^43[0-9]{4}$"),
    BeforeValidator(validate_division_code),
    Field(description="GB/T 2260 code of a Hunan division (430000, 43XX00, 43XXXX)"),
]
HunanDivisionCode = Annotated[
    str,
    StringConstraints(pattern=r"^43[0-9]{4}([0-9]{3}([0-9]{3})?)?$"),
    BeforeValidator(validate_hunan_area_code),
    Field(description="GB/T 2260 code of a Hunan division, or a 9/12-digit township/village code inside one"),
]
Timestamp = Annotated[dt.datetime, AfterValidator(validate_timestamp)]
