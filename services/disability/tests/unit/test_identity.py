"""GB 11643-1999 identity numbers, third-generation certificate numbers (三(七)8, R81), PII masking."""

from __future__ import annotations

import datetime as dt

import pytest

from hunan_disability.rules.enums import DisabilityCategory, DisabilityGrade
from hunan_disability.rules.errors import InvalidCertificateNumber, InvalidIdentityNumber
from hunan_disability.rules.identity import (
    Sex,
    age_on,
    certificate_number,
    check_certificate_number,
    check_id_number,
    id_check_character,
    mask_id_number,
    mask_phone,
    parse_certificate_number,
    parse_id_number,
)

from .conftest import TODAY, make_id_number


def test_checksum_matches_the_gb_11643_annex_example():
    # GB 11643-1999 Annex A worked example: 11010519491231002 → X.
    assert id_check_character("11010519491231002") == "X"


@pytest.mark.parametrize(
    "first_17",
    [f"4301021990010112{d}" for d in "0123456789"],
    ids=[f"GB11643-order-digit-{d}" for d in "0123456789"],
)
def test_every_generated_number_passes_and_any_other_check_character_fails(first_17):
    good = first_17 + id_check_character(first_17)
    assert check_id_number(good, TODAY).value
    for wrong in "0123456789X":
        if wrong != good[-1]:
            assert not check_id_number(first_17 + wrong, TODAY).value


@pytest.mark.parametrize(
    "number, message",
    [
        (make_id_number()[:17], "17 digits followed"),
        ("430102900101123", "15-digit"),
        (make_id_number(address_code="990102"), "province prefix"),
        (make_id_number(address_code="000000"), "province prefix"),
        (make_id_number(birth="19900230"), "not a calendar date"),
        (make_id_number(birth="20240602"), "in the future"),
        (make_id_number(birth="18991231"), "before 1900"),
        (make_id_number()[:17] + "A", "17 digits followed"),
    ],
    ids=[
        "GB11643-too-short",
        "GB11643-15-digit",
        "GB11643-bad-prefix",
        "GB11643-zero-prefix",
        "GB11643-feb-30",
        "GB11643-future-birth",
        "GB11643-pre-1900",
        "GB11643-bad-char",
    ],
)
def test_invalid_identity_numbers_are_rejected_with_the_reason(number, message):
    with pytest.raises(InvalidIdentityNumber, match=message):
        parse_id_number(number, TODAY)
    decision = check_id_number(number, TODAY)
    assert not decision.value and message in decision.reason


@pytest.mark.parametrize(
    "birth, ok",
    [("20240601", True), ("20240602", False), ("19000101", True)],
    ids=["GB11643-born-today", "GB11643-born-tomorrow", "GB11643-1900-01-01"],
)
def test_birth_date_boundaries(birth, ok):
    assert check_id_number(make_id_number(birth=birth), TODAY).value is ok


def test_lowercase_x_and_spaces_are_normalized():
    first_17 = "11010519491231002"
    identity = parse_id_number(f" {first_17}x ", TODAY)
    assert identity.number == first_17 + "X"


def test_other_provinces_are_valid_but_not_registered_in_hunan():
    identity = parse_id_number(make_id_number(address_code="110105"), TODAY)
    assert not identity.registered_in_hunan
    assert parse_id_number(make_id_number(), TODAY).registered_in_hunan


@pytest.mark.parametrize("order, sex", [("121", Sex.MALE), ("122", Sex.FEMALE), ("009", Sex.MALE), ("000", Sex.FEMALE)])
def test_sex_from_the_odd_or_even_order_digit(order, sex):
    assert parse_id_number(make_id_number(order=order), TODAY).sex is sex


def test_birth_date_is_decoded():
    assert parse_id_number(make_id_number(birth="19851231"), TODAY).birth_date == dt.date(1985, 12, 31)


@pytest.mark.parametrize(
    "birth, on, age",
    [
        (dt.date(1990, 6, 1), dt.date(2024, 5, 31), 33),
        (dt.date(1990, 6, 1), dt.date(2024, 6, 1), 34),
        (dt.date(2000, 2, 29), dt.date(2023, 2, 28), 22),
        (dt.date(2000, 2, 29), dt.date(2023, 3, 1), 23),
        (dt.date(2000, 2, 29), dt.date(2024, 2, 29), 24),
    ],
    ids=["day-before-birthday", "on-birthday", "leap-feb28", "leap-mar1", "leap-on-day"],
)
def test_age_on(birth, on, age):
    assert age_on(birth, on) == age


# --- certificate (R81) -------------------------------------------------------------------------------------


def test_R81_certificate_number_appends_category_and_grade():
    id_number = make_id_number()
    number = certificate_number(id_number, DisabilityCategory.PHYSICAL, DisabilityGrade.TWO, TODAY)
    assert number == id_number + "42" and len(number) == 20
    parsed = parse_certificate_number(number, TODAY, holder_id_number=id_number)
    assert (parsed.category, parsed.grade) == (DisabilityCategory.PHYSICAL, DisabilityGrade.TWO)


@pytest.mark.parametrize(
    "suffix, ok",
    [
        ("11", True),
        ("74", True),
        ("01", False),
        ("81", False),
        ("10", False),
        ("15", False),
        ("4", False),
        ("421", False),
    ],
    ids=[
        "R81-1-1",
        "R81-7-4",
        "R81-cat0",
        "R81-cat8",
        "R81-grade0",
        "R81-grade5",
        "R81-19-chars",
        "R81-21-chars",
    ],
)
def test_R81_certificate_category_and_grade_digits(suffix, ok):
    decision = check_certificate_number(make_id_number() + suffix, TODAY)
    assert decision.value is ok
    assert decision.basis[0].article == "三(七)8 (R81)"


def test_R81_certificate_with_bad_embedded_checksum_is_rejected():
    id_number = make_id_number()
    broken = id_number[:17] + ("0" if id_number[17] != "0" else "1") + "42"
    with pytest.raises(InvalidCertificateNumber, match="embedded identity number"):
        parse_certificate_number(broken, TODAY)


def test_R81_certificate_of_another_holder_is_rejected():
    with pytest.raises(InvalidCertificateNumber, match="different identity"):
        parse_certificate_number(
            make_id_number(order="123") + "42", TODAY, holder_id_number=make_id_number(order="124")
        )


# --- masking ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, masked",
    [
        ("430102199001011234", "430102********1234"),
        ("43010219900101123X42", "430102**********3X42"),
        ("12345678901", "123456*8901"),
        ("1234567890", "**********"),
        ("", ""),
    ],
    ids=["PII-id-18", "PII-certificate-20", "PII-11-chars", "PII-too-short", "PII-empty"],
)
def test_mask_id_number_keeps_first_6_and_last_4(value, masked):
    assert mask_id_number(value) == masked


@pytest.mark.parametrize(
    "phone, masked",
    [
        ("13812341234", "138****1234"),
        ("+86 138-1234-1234", "138****1234"),
        ("0731-88881234", "********1234"),
        ("1234", "****"),
    ],
    ids=["PII-mobile", "PII-mobile-formatted", "PII-landline", "PII-short"],
)
def test_mask_phone(phone, masked):
    assert mask_phone(phone) == masked
