"""Grading, protection level, recognising authority and scope (Arts. 2, 3, 10, 13, 35): TC1–TC9."""

from __future__ import annotations

import pytest

from hunan_trees.rules.classification import (
    FamousBasis,
    GovernmentLevel,
    Grade,
    ProtectionLevel,
    art35_reference_eligible,
    famous_finding_valid,
    grade_by_age,
    in_scope,
    is_ancient,
    protection_level,
    recognising_authority,
)

G1, G2, G3 = Grade.GRADE_1, Grade.GRADE_2, Grade.GRADE_3
L1, L2, L3 = ProtectionLevel.LEVEL_1, ProtectionLevel.LEVEL_2, ProtectionLevel.LEVEL_3


@pytest.mark.parametrize(
    ("age", "grade"),
    [
        pytest.param(0, None, id="Art10-age0-none"),
        pytest.param(99, None, id="Art10-age99-none"),
        pytest.param(100, G3, id="Art10-age100-grade3"),
        pytest.param(299, G3, id="Art10-age299-grade3"),
        pytest.param(300, G2, id="Art10-age300-grade2"),
        pytest.param(499, G2, id="Art10-age499-grade2"),
        pytest.param(500, G1, id="Art10-age500-grade1"),
        pytest.param(1200, G1, id="Art10-age1200-grade1"),
    ],
)
def test_grade_by_age(age, grade):
    decision = grade_by_age(age)
    assert decision.value == grade
    assert any(b.article.startswith("Art. 10") for b in decision.basis)


def test_grade_rejects_negative_age():
    with pytest.raises(ValueError):
        grade_by_age(-1)


@pytest.mark.parametrize(
    ("age", "ancient"), [pytest.param(99, False, id="Art3-age99"), pytest.param(100, True, id="Art3-age100")]
)
def test_is_ancient(age, ancient):
    assert is_ancient(age).value is ancient


@pytest.mark.parametrize(
    ("grade", "famous", "urban", "level"),
    [
        pytest.param(None, True, False, L1, id="Art10-famous-no-grade-level1"),
        pytest.param(G3, True, False, L1, id="Art10-famous-grade3-level1"),
        pytest.param(G1, False, False, L1, id="Art10-grade1-level1"),
        pytest.param(G1, False, True, L1, id="Art10-grade1-urban-level1"),
        pytest.param(G2, False, False, L2, id="Art10-grade2-level2"),
        pytest.param(G2, False, True, L1, id="Art10-grade2-urban-level1"),
        pytest.param(G3, False, False, L3, id="Art10-grade3-level3"),
        pytest.param(G3, False, True, L2, id="Art10-grade3-urban-level2"),
        pytest.param(None, False, True, None, id="Art10-neither-none"),
    ],
)
def test_protection_level(grade, famous, urban, level):
    assert protection_level(grade, famous, urban).value == level


@pytest.mark.parametrize(
    ("age", "famous", "urban", "grade", "level", "authority"),
    [
        pytest.param(100, False, False, G3, L3, GovernmentLevel.COUNTY, id="TC2-Art13-age100-county"),
        pytest.param(100, False, True, G3, L2, GovernmentLevel.COUNTY, id="TC3-Art13-urban-grade3-still-county"),
        pytest.param(299, False, False, G3, L3, GovernmentLevel.COUNTY, id="TC4-Art13-age299"),
        pytest.param(300, False, False, G2, L2, GovernmentLevel.CITY, id="TC4-Art13-age300-city"),
        pytest.param(300, False, True, G2, L1, GovernmentLevel.CITY, id="TC5-Art13-urban-grade2-city"),
        pytest.param(499, False, False, G2, L2, GovernmentLevel.CITY, id="TC6-Art13-age499"),
        pytest.param(500, False, False, G1, L1, GovernmentLevel.PROVINCE, id="TC6-Art13-age500-province"),
        pytest.param(40, True, False, None, L1, GovernmentLevel.PROVINCE, id="TC7-Art13-famous-age40-province"),
        pytest.param(350, True, False, G2, L1, GovernmentLevel.PROVINCE, id="TC8-Art13-famous-grade2-province"),
    ],
)
def test_conformance_grade_level_authority(age, famous, urban, grade, level, authority):
    g = grade_by_age(age).value
    assert g == grade
    assert protection_level(g, famous, urban).value == level
    assert recognising_authority(g, famous).value == authority


@pytest.mark.parametrize(
    ("age", "famous", "eligible"),
    [
        pytest.param(79, False, False, id="TC1-Art35-age79"),
        pytest.param(80, False, True, id="TC1-Art35-age80"),
        pytest.param(99, False, True, id="TC1-Art35-age99"),
        pytest.param(100, False, False, id="Art35-age100-ordinary-ancient"),
        pytest.param(85, True, False, id="Art35-famous-not-by-reference"),
    ],
)
def test_art35_reference(age, famous, eligible):
    assert art35_reference_eligible(age, famous).value is eligible


@pytest.mark.parametrize(
    ("famous", "bases", "ok"),
    [
        pytest.param(True, set(), False, id="Art3-famous-without-basis"),
        pytest.param(True, {FamousBasis.CULTURAL}, True, id="Art3-famous-one-basis"),
        pytest.param(False, {FamousBasis.CULTURAL}, False, id="Art3-basis-without-famous"),
        pytest.param(False, set(), True, id="Art3-not-famous"),
    ],
)
def test_famous_finding(famous, bases, ok):
    assert famous_finding_valid(famous, bases).value is ok


@pytest.mark.parametrize(
    ("primeval", "ok"),
    [
        pytest.param(True, False, id="TC9-Art2-primeval-forest-out-of-scope"),
        pytest.param(False, True, id="Art2-outside-primeval-forest"),
    ],
)
def test_scope(primeval, ok):
    assert in_scope(primeval).value is ok
