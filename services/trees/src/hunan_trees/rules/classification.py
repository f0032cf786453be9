"""Scope, definition, grading, protection level and recognising authority (Arts. 2, 3, 10, 13, 35)."""

from __future__ import annotations

from enum import StrEnum

from hunan_shared.legal import Decision

from .basis import ART2, ART3, ART10, ART13, ART35

ANCIENT_MIN_AGE = 100  # 树龄在一百年以上 (以上 includes the number)
GRADE_2_MIN_AGE = 300  # 三百年以上不满五百年
GRADE_1_MIN_AGE = 500  # 五百年以上
ART35_MIN_AGE = 80  # 八十年以上不满一百年


class Grade(StrEnum):
    """Grade of an ancient tree 古树等级."""

    GRADE_1 = "GRADE_1"  # 一级古树
    GRADE_2 = "GRADE_2"  # 二级古树
    GRADE_3 = "GRADE_3"  # 三级古树


class ProtectionLevel(StrEnum):
    """Protection level 保护等级 (derived from grade, location and fame)."""

    LEVEL_1 = "LEVEL_1"
    LEVEL_2 = "LEVEL_2"
    LEVEL_3 = "LEVEL_3"


class GovernmentLevel(StrEnum):
    PROVINCE = "PROVINCE"
    CITY = "CITY"  # 设区的市、自治州
    COUNTY = "COUNTY"


class FamousBasis(StrEnum):
    """Why a tree is famous 名木 (Art. 3)."""

    HISTORICAL = "HISTORICAL"  # 历史价值
    CULTURAL = "CULTURAL"  # 文化价值
    ORNAMENTAL = "ORNAMENTAL"  # 观赏价值
    SCIENTIFIC = "SCIENTIFIC"  # 科学价值
    COMMEMORATIVE = "COMMEMORATIVE"  # 纪念意义


def in_scope(in_primeval_forest: bool) -> Decision[bool]:
    """Art. 2 / 第二条 (R1): the Measures cover trees outside primeval forest (原始林外)."""
    if in_primeval_forest:
        return Decision[bool](value=False, reason="trees in primeval forest are outside these Measures", basis=(ART2,))
    return Decision[bool](value=True, reason="outside primeval forest", basis=(ART2,))


def is_ancient(age_years: int) -> Decision[bool]:
    """Art. 3 / 第三条 (R2): an ancient tree 古树 is at least 100 years old."""
    ancient = age_years >= ANCIENT_MIN_AGE
    reason = f"age {age_years} {'≥' if ancient else '<'} {ANCIENT_MIN_AGE} years"
    return Decision[bool](value=ancient, reason=reason, basis=(ART3,))


def famous_finding_valid(is_famous: bool, bases: frozenset[FamousBasis] | set[FamousBasis]) -> Decision[bool]:
    """Art. 3 / 第三条 (R3): a famous tree needs at least one of the listed values; any age qualifies."""
    if is_famous and not bases:
        return Decision[bool](value=False, reason="a famous tree needs at least one famous basis", basis=(ART3,))
    if not is_famous and bases:
        return Decision[bool](value=False, reason="famous bases given for a tree not found famous", basis=(ART3,))
    return Decision[bool](value=True, reason="famous finding consistent", basis=(ART3,))


def grade_by_age(age_years: int) -> Decision[Grade | None]:
    """Art. 10 / 第十条 (R4): ≥ 500 一级, 300–499 二级, 100–299 三级, under 100 no grade."""
    if age_years < 0:
        raise ValueError("age cannot be negative")
    if age_years >= GRADE_1_MIN_AGE:
        return Decision[Grade | None](value=Grade.GRADE_1, reason=f"age {age_years} ≥ 500: 一级古树", basis=(ART10,))
    if age_years >= GRADE_2_MIN_AGE:
        return Decision[Grade | None](
            value=Grade.GRADE_2, reason=f"300 ≤ age {age_years} < 500: 二级古树", basis=(ART10,)
        )
    if age_years >= ANCIENT_MIN_AGE:
        return Decision[Grade | None](
            value=Grade.GRADE_3, reason=f"100 ≤ age {age_years} < 300: 三级古树", basis=(ART10,)
        )
    return Decision[Grade | None](value=None, reason=f"age {age_years} < 100: not an ancient tree", basis=(ART3, ART10))


def protection_level(
    grade: Grade | None, is_famous: bool, in_urban_planning_area: bool
) -> Decision[ProtectionLevel | None]:
    """Art. 10 / 第十条 (R5): grade N ⇒ level N; in an urban planning area 三级 ⇒ 二级, 二级以上 ⇒ 一级; 名木 ⇒ 一级."""
    if is_famous:
        return Decision[ProtectionLevel | None](
            value=ProtectionLevel.LEVEL_1, reason="名木不受树龄限制，实行一级保护", basis=(ART10,)
        )
    if grade is None:
        return Decision[ProtectionLevel | None](
            value=None, reason="neither graded nor famous: no protection level", basis=(ART10,)
        )
    if in_urban_planning_area:
        level = ProtectionLevel.LEVEL_2 if grade is Grade.GRADE_3 else ProtectionLevel.LEVEL_1
        return Decision[ProtectionLevel | None](
            value=level, reason=f"{grade} inside the urban planning area (城市规划区内)", basis=(ART10,)
        )
    level = {
        Grade.GRADE_1: ProtectionLevel.LEVEL_1,
        Grade.GRADE_2: ProtectionLevel.LEVEL_2,
        Grade.GRADE_3: ProtectionLevel.LEVEL_3,
    }[grade]
    return Decision[ProtectionLevel | None](
        value=level, reason=f"{grade} outside the urban planning area", basis=(ART10,)
    )


def art35_reference_eligible(age_years: int, is_famous: bool) -> Decision[bool]:
    """Art. 35 / 第三十五条 (R6): trees of 80–99 years may be protected by reference; they are not 古树."""
    eligible = not is_famous and ART35_MIN_AGE <= age_years < ANCIENT_MIN_AGE
    reason = f"80 ≤ age {age_years} < 100" if eligible else f"age {age_years} outside 80–99 (or famous)"
    return Decision[bool](value=eligible, reason=reason, basis=(ART35,))


def recognising_authority(grade: Grade | None, is_famous: bool) -> Decision[GovernmentLevel | None]:
    """Art. 13 / 第十三条 (R10): 一级古树和名木 → province (层报), 二级 → city/prefecture, 三级 → county.

    Routing follows the grade, not the protection level; the 名木 clause prevails for a famous graded tree.
    """
    if is_famous or grade is Grade.GRADE_1:
        return Decision[GovernmentLevel | None](
            value=GovernmentLevel.PROVINCE, reason="一级古树或名木：县级层报省人民政府认定", basis=(ART13,)
        )
    if grade is Grade.GRADE_2:
        return Decision[GovernmentLevel | None](
            value=GovernmentLevel.CITY, reason="二级古树：报设区的市、自治州人民政府认定", basis=(ART13,)
        )
    if grade is Grade.GRADE_3:
        return Decision[GovernmentLevel | None](
            value=GovernmentLevel.COUNTY, reason="三级古树：县级人民政府认定", basis=(ART13,)
        )
    return Decision[GovernmentLevel | None](
        value=None, reason="not an ancient or famous tree: nothing to recognise", basis=(ART13,)
    )
