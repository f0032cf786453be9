"""Responsibility matrix (Division Plan 二, R54–R61): the seed-loader counts, lookups and the level rules."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal as D

import pytest

from hunan_budget.rules import responsibility as r
from hunan_budget.rules.basis import BudgetRuleError

L, F = r.ResponsibilityLevel, r.FiscalLevel


def test_matrix_counts_per_level_and_area_match_the_catalogue():
    rows = r.matrix()
    assert len(rows) == 103 and len({m.id for m in rows}) == 103
    assert Counter(m.level for m in rows) == {
        L.SHARED: 47,
        L.CITY_COUNTY: 30,
        L.PROVINCE: 24,
        L.SPLIT_BY_CLASSIFICATION: 1,
        L.PER_EMERGENCY_RESCUE_PLAN: 1,
    }
    assert Counter(m.section[:4] for m in rows) == {
        "二(一)": 10,
        "二(二)": 14,
        "二(三)": 17,
        "二(四)": 23,
        "二(五)": 16,
        "二(六)": 14,
        "二(七)": 9,
    }


@pytest.mark.parametrize(
    "item, ids",
    [
        ("矿业权许可审批", ["NR-505"]),
        ("nr-505", ["NR-505"]),
        ("afforestation", ["NR-408"]),
        ("不存在", []),
    ],
    ids=["划分方案二(五)-T21-wording", "划分方案二(五)-id", "划分方案二(四)-english", "unknown"],
)
def test_R54_find(item, ids):
    assert [m.id for m in r.find_matters(item)] == ids


@pytest.mark.parametrize(
    "matter_id, payers, province_share",
    [
        ("NR-101", (r.Payer.PROVINCE,), D(1)),
        ("NR-108", (r.Payer.CITY_COUNTY,), D(0)),
        ("NR-505", (r.Payer.PROVINCE, r.Payer.CITY_COUNTY), None),
        ("NR-423", (), None),
        ("NR-709", (), None),
    ],
    ids=[
        "划分方案二(一)-province",
        "划分方案二(一)-city-county",
        "划分方案二-R60-shared-unknown",
        "划分方案二(四)-R58-national-park",
        "划分方案二(七)-T23-R57-emergency-phase",
    ],
)
def test_R54_payers(matter_id, payers, province_share):
    decision = r.responsibility_for(r.get_matter(matter_id))
    assert decision.value.payers == payers and decision.value.province_share == province_share


def test_R60_configured_share():
    shares = r.responsibility_for(r.get_matter("NR-505"), {"NR-505": D("0.3")}).value
    assert (shares.province_share, shares.city_county_share) == (D("0.3"), D("0.7"))
    with pytest.raises(BudgetRuleError):
        r.responsibility_for(r.get_matter("NR-505"), {"NR-505": D("1.5")})


@pytest.mark.parametrize(
    "cause, size, matter_id",
    [
        (r.HazardCause.NATURAL, r.HazardSize.LARGE, "NR-602"),
        (r.HazardCause.NATURAL, r.HazardSize.MEDIUM, "NR-602"),
        (r.HazardCause.NATURAL, r.HazardSize.SMALL, "NR-610"),
        (r.HazardCause.HUMAN, r.HazardSize.LARGE, None),
    ],
    ids=[
        "划分方案二(六)-large",
        "划分方案二(六)-T22-medium",
        "划分方案二(六)-T22-small",
        "划分方案二(六)-human-caused",
    ],
)
def test_R56_geological_size_split(cause, size, matter_id):
    matter = r.geological_remediation_matter(cause, size).value
    assert (matter.id if matter else None) == matter_id


@pytest.mark.parametrize(
    "code, managed, level",
    [
        ("430000", frozenset(), F.PROVINCE),
        ("430100", frozenset(), F.CITY),
        ("430181", frozenset({"430181"}), F.DIRECT_COUNTY),
        ("430102", frozenset(), F.COUNTY),
    ],
    ids=["划分方案-R55-province", "划分方案-R55-city", "划分方案-R55-direct-county", "划分方案-R55-ordinary-county"],
)
def test_R55_fiscal_level(code, managed, level):
    assert r.fiscal_level(code, managed).value is level


@pytest.mark.parametrize(
    "matter_id, level, ok",
    [
        ("NR-610", F.PROVINCE, False),
        ("NR-610", F.CITY, True),
        ("NR-610", F.DIRECT_COUNTY, True),
        ("NR-610", F.COUNTY, False),
        ("NR-101", F.PROVINCE, True),
        ("NR-101", F.CITY, False),
        ("NR-505", F.PROVINCE, True),
        ("NR-505", F.CITY, True),
        ("NR-423", F.PROVINCE, False),
    ],
    ids=[
        "划分方案三(二)-T24-NR-610-at-province",
        "划分方案三(二)-NR-610-at-city",
        "划分方案三(二)-NR-610-direct-county",
        "划分方案三(二)-NR-610-ordinary-county",
        "划分方案三(二)-province-at-province",
        "划分方案三(二)-province-at-city",
        "划分方案三(二)-shared-at-province",
        "划分方案三(二)-shared-at-city",
        "划分方案三(二)-unclassified",
    ],
)
def test_R61_budget_level(matter_id, level, ok):
    assert r.budget_level_allowed(r.get_matter(matter_id), level).value is ok
