"""Resident identity numbers (公民身份号码), third-generation certificate numbers, and PII masking."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from hunan_shared.legal import Decision

from .basis import CERTIFICATE_SCHEME, GB_11643, background, plan
from .enums import DisabilityCategory, DisabilityGrade
from .errors import InvalidCertificateNumber, InvalidIdentityNumber

# GB 11643-1999 §8.2: ISO 7064 MOD 11-2 weights 2^(17-i) mod 11 for the first 17 digits.
CHECKSUM_WEIGHTS: tuple[int, ...] = tuple(pow(2, 17 - i, 11) for i in range(17))
CHECK_CHARACTERS = "10X98765432"  # indexed by (weighted sum mod 11)

# Province-level prefixes of GB/T 2260 (first two digits of the address code). A person from another
# province is still a valid applicant (跨省通办, 专栏3·资金类·2), so any PRC province is accepted.
PROVINCE_PREFIXES: frozenset[str] = frozenset(
    [
        "11",
        "12",
        "13",
        "14",
        "15",
        "21",
        "22",
        "23",
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "37",
        "41",
        "42",
        "43",
        "44",
        "45",
        "46",
        "50",
        "51",
        "52",
        "53",
        "54",
        "61",
        "62",
        "63",
        "64",
        "65",
        "71",
        "81",
        "82",
    ]
)
HUNAN_PREFIX = "43"
# [DESIGN] `earliest_birth_date`: older dates are typing errors, not people.
EARLIEST_BIRTH_DATE = dt.date(1900, 1, 1)

_ID_SHAPE = re.compile(r"^[0-9]{17}[0-9X]$")  # ASCII only: Unicode \d admits other scripts' digits


class Sex(StrEnum):
    """性别 from the order code (digit 17): odd male, even female (GB 11643-1999 §7.3)."""

    MALE = "male"
    FEMALE = "female"


@dataclass(frozen=True)
class ResidentIdentity:
    """A checked 18-digit resident identity number and what it encodes."""

    number: str
    address_code: str
    birth_date: dt.date
    sex: Sex

    @property
    def registered_in_hunan(self) -> bool:
        return self.address_code.startswith(HUNAN_PREFIX)


def normalize_id_number(number: str) -> str:
    """NFKC (full-width digits → ASCII), upper-case the check character and drop surrounding spaces (people
    type 'x'). Digits of other scripts stay non-ASCII, and the shape check refuses them."""
    return unicodedata.normalize("NFKC", number).strip().upper()


def id_check_character(first_17_digits: str) -> str:
    """ISO 7064 MOD 11-2 check character of GB 11643-1999 for the first 17 digits."""
    if not re.fullmatch(r"\d{17}", first_17_digits):
        raise InvalidIdentityNumber("the checksum needs exactly 17 digits")
    weighted = sum(int(digit) * weight for digit, weight in zip(first_17_digits, CHECKSUM_WEIGHTS, strict=True))
    return CHECK_CHARACTERS[weighted % 11]


def parse_id_number(number: str, today: dt.date) -> ResidentIdentity:
    """Check an 18-digit 公民身份号码 (shape, province prefix, birth date, checksum) and decode it.

    Raises InvalidIdentityNumber naming the first failed check.
    """
    candidate = normalize_id_number(number)
    if len(candidate) == 15 and candidate.isascii() and candidate.isdigit():
        raise InvalidIdentityNumber("15-digit first-generation number: convert it to the 18-digit form first")
    if not _ID_SHAPE.fullmatch(candidate):
        raise InvalidIdentityNumber("must be 17 digits followed by a digit or X")
    if candidate[:2] not in PROVINCE_PREFIXES:
        raise InvalidIdentityNumber(f"address code {candidate[:6]} has no PRC province prefix")
    try:
        birth_date = dt.date(int(candidate[6:10]), int(candidate[10:12]), int(candidate[12:14]))
    except ValueError:
        raise InvalidIdentityNumber(f"birth date {candidate[6:14]} is not a calendar date") from None
    if birth_date > today:
        raise InvalidIdentityNumber(f"birth date {birth_date} is in the future")
    if birth_date < EARLIEST_BIRTH_DATE:
        raise InvalidIdentityNumber(f"birth date {birth_date} is before {EARLIEST_BIRTH_DATE}")
    expected = id_check_character(candidate[:17])
    if candidate[17] != expected:
        raise InvalidIdentityNumber("check character does not match (ISO 7064 MOD 11-2)")
    sex = Sex.MALE if int(candidate[16]) % 2 == 1 else Sex.FEMALE
    return ResidentIdentity(number=candidate, address_code=candidate[:6], birth_date=birth_date, sex=sex)


def check_id_number(number: str, today: dt.date) -> Decision[bool]:
    """GB 11643-1999: is this a well-formed 18-digit resident identity number? The reason names the failure."""
    basis = (background(GB_11643, "§6–§8", "address code, birth date, order code, MOD 11-2 check"),)
    try:
        parse_id_number(number, today)
    except InvalidIdentityNumber as error:
        return Decision[bool](value=False, reason=str(error), basis=basis)
    return Decision[bool](value=True, reason="valid 18-digit resident identity number", basis=basis)


def age_on(birth_date: dt.date, on: dt.date) -> int:
    """Completed years on a date (a 29 February birthday counts on 1 March in common years)."""
    had_birthday = (on.month, on.day) >= (birth_date.month, birth_date.day)
    return on.year - birth_date.year - (0 if had_birthday else 1)


# --- Third-generation disability certificate number (第三代残疾人证, 三(七)8) -------------------------


@dataclass(frozen=True)
class CertificateNumber:
    """A 20-character 第三代残疾人证号 = 18-character identity number + category digit + grade digit."""

    number: str
    id_number: str
    category: DisabilityCategory
    grade: DisabilityGrade


def certificate_number(id_number: str, category: DisabilityCategory, grade: DisabilityGrade, today: dt.date) -> str:
    """Derive the certificate number: a multiple disability (多重) carries category 7 and its most severe grade."""
    identity = parse_id_number(id_number, today)
    return f"{identity.number}{DisabilityCategory(category).value}{DisabilityGrade(grade).value}"


def parse_certificate_number(number: str, today: dt.date, holder_id_number: str | None = None) -> CertificateNumber:
    """Check a certificate number: valid embedded identity number, category 1–7, grade 1–4, same holder."""
    candidate = normalize_id_number(number)
    if len(candidate) != 20:
        raise InvalidCertificateNumber("must be 20 characters: 18-character identity number + category + grade")
    try:
        identity = parse_id_number(candidate[:18], today)
    except InvalidIdentityNumber as error:
        raise InvalidCertificateNumber(f"embedded identity number invalid: {error}") from None
    category_digit, grade_digit = candidate[18], candidate[19]
    if category_digit not in "1234567":
        raise InvalidCertificateNumber(f"category digit {category_digit!r} must be 1–7")
    if grade_digit not in "1234":
        raise InvalidCertificateNumber(f"grade digit {grade_digit!r} must be 1–4")
    if holder_id_number is not None and normalize_id_number(holder_id_number) != identity.number:
        raise InvalidCertificateNumber("certificate belongs to a different identity number")
    return CertificateNumber(
        number=candidate,
        id_number=identity.number,
        category=DisabilityCategory(int(category_digit)),
        grade=DisabilityGrade(int(grade_digit)),
    )


def check_certificate_number(number: str, today: dt.date, holder_id_number: str | None = None) -> Decision[bool]:
    """三(七)8 (R81): 全面推行第三代残疾人证 — is the 20-character certificate number consistent?"""
    basis = (
        plan("三(七)8", "R81", "全面推行第三代残疾人证和电子证照应用"),
        background(CERTIFICATE_SCHEME, "证号 = 身份证号 + 类别 + 等级"),
    )
    try:
        parse_certificate_number(number, today, holder_id_number)
    except InvalidCertificateNumber as error:
        return Decision[bool](value=False, reason=str(error), basis=basis)
    return Decision[bool](value=True, reason="valid third-generation certificate number", basis=basis)


# --- PII masking (used when the caller lacks the disability:pii scope) ---------------------------------


def mask_id_number(number: str) -> str:
    """Keep the first 6 and last 4 characters (430102********1234); too short to mask safely → all stars."""
    text = number.strip()
    if len(text) <= 10:
        return "*" * len(text)
    return text[:6] + "*" * (len(text) - 10) + text[-4:]


def mask_phone(phone: str) -> str:
    """Mobile numbers → 138****1234; any other number keeps only its last 4 digits."""
    digits = re.sub(r"[\s\-()]", "", phone.strip())
    digits = digits.removeprefix("+86")
    if len(digits) == 11 and digits.isdigit() and digits.startswith("1"):
        return digits[:3] + "****" + digits[-4:]
    if len(digits) <= 4:
        return "*" * len(digits)
    return "*" * (len(digits) - 4) + digits[-4:]
