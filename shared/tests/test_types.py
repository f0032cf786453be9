"""hunan_shared.types: identifier and code fields are ASCII after NFKC; other scripts' digits are refused."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, ValidationError

from hunan_shared.types import (
    AsciiDigits,
    DivisionCode,
    HunanDivisionCode,
    Identifier,
    InvalidCode,
    normalise_digits,
    normalise_identifier,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("430102199001015007", "430102199001015007"),
        ("４３０１０２１９９００１０１５００７", "430102199001015007"),  # full-width digits (IME) → ASCII
        ("43010219900101500Ｘ", "43010219900101500X"),  # full-width X
        (" 430102 ", "430102"),
        ("\u3000430102\u3000", "430102"),  # ideographic spaces around
        ("CDPF-2026-001", "CDPF-2026-001"),
    ],
)
def test_nfkc_turns_full_width_forms_into_the_same_ascii_identifier(raw, expected):
    assert normalise_identifier(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "٤٣٠١٠٢",  # Arabic-Indic digits: isdigit() is True, NFKC leaves them
        "४३०१०२",  # Devanagari
        "430１0২",  # Bengali digit among ASCII ones
        "43010２\u0663",
        "4301O2",  # letter O is allowed by Identifier but not by digits
        "",
        "430 102",
        "430102\u200b",  # zero-width space
        "43010²",  # superscript two: NFKC maps it to 2? (it does) — see below
    ],
)
def test_digits_of_other_scripts_and_stray_characters_are_refused(raw):
    if raw == "43010²":
        assert normalise_digits(raw) == "430102"  # NFKC compatibility mapping: accepted as ASCII 2
        return
    with pytest.raises(InvalidCode):
        normalise_digits(raw)


def test_non_strings_are_refused():
    with pytest.raises(InvalidCode):
        normalise_identifier(430102)


class Form(BaseModel):
    phone: AsciiDigits
    certificate: Identifier
    division: DivisionCode
    area: HunanDivisionCode


VALID = {"phone": "13800000000", "certificate": "43010219900101500741", "division": "430102", "area": "430181101"}


@pytest.mark.parametrize(
    ("field", "value", "stored"),
    [
        ("phone", "１３８００００００００", "13800000000"),
        ("division", "４３０１０２", "430102"),
        ("area", "430181101000", "430181101000"),
    ],
)
def test_annotated_types_store_the_normalised_value(field, value, stored):
    assert getattr(Form(**{**VALID, field: value}), field) == stored


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("phone", "١٣٨٠٠٠٠٠٠٠٠"),
        ("certificate", "CDPF/1"),
        ("division", "110101"),  # Beijing
        ("division", "439999"),  # not a Hunan division
        ("division", "430181101"),  # townships are not GB/T 2260 codes
        ("area", "430100101"),  # a township must lie in a county, not a prefecture
        ("area", "4301811"),
        ("area", "110101101"),
    ],
)
def test_annotated_types_refuse(field, value):
    with pytest.raises(ValidationError):
        Form(**{**VALID, field: value})


def test_json_schema_says_ascii():
    schema = Form.model_json_schema()["properties"]
    assert schema["phone"]["pattern"] == "^[0-9]+$"
    assert schema["division"]["pattern"] == "^43[0-9]{4}$"
