"""Indicator targets (S1–S23: R1, R3, R5, R13, R17, R18, R19, R38) and venue thresholds (R8, R15, R16, NR-707),
boundaries on each side; ids carry the plan section and the catalogue's conformance case."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from hunan_science.rules import indicators as i
from hunan_science.rules import venues as v
from hunan_science.rules.basis import ScienceRuleError

Outcome = i.Outcome


@pytest.mark.parametrize(
    "code, value, outcome",
    [
        ("S1", D("15.00"), Outcome.NOT_MET),
        ("S1", D("15.01"), Outcome.MET),
        ("S23", D("25.0"), Outcome.MET),
        ("S23", D("24.99"), Outcome.NOT_MET),
        ("S18", D(549_999), Outcome.NOT_MET),
        ("S18", D(550_000), Outcome.MET),
        ("S6", D(500_000), Outcome.MET),
        ("S6", D(499_999), Outcome.NOT_MET),
        ("S3", D(1_499), Outcome.WARNING),
        ("S3", D(1_500), Outcome.MET),
        ("S20", D(299), Outcome.NOT_MET),
        ("S20", D(300), Outcome.MET),
    ],
    ids=[
        "一(二)-S-T1-15.00",
        "一(二)-S-T2-15.01",
        "三(四)3-S-T3-25.0",
        "三(四)3-24.99",
        "二(三)3-S-T8-549999",
        "二(三)3-S-T8-550000",
        "二(二)2-S-T9-500000",
        "二(二)2-499999",
        "二(一)3-S-T10-warning",
        "二(一)3-1500",
        "三(三)3-299-bases",
        "三(三)3-300-bases",
    ],
)
def test_target_progress(code, value, outcome):
    assert i.target_progress(code, value).value is outcome


@pytest.mark.parametrize(
    "certified, outcome", [(42, Outcome.NOT_MET), (43, Outcome.MET)], ids=["三(四)3-S-T4-42", "三(四)3-S-T4-43"]
)
def test_R18_health_promotion_counties(certified, outcome):
    assert i.health_promotion_counties(certified).value is outcome


def test_R3_counts_persons_not_sessions_S_T7():
    sessions = [f"p{n}" for n in range(2_999)] + ["p1"] * 101
    assert i.trained_counsellors(sessions).value is Outcome.NOT_MET
    assert i.trained_counsellors([f"p{n}" for n in range(3_000)]).value is Outcome.MET


@pytest.mark.parametrize(
    "embedded, outcome", [(13, Outcome.NOT_MET), (14, Outcome.MET)], ids=["三(二)4-S-T18-13of14", "三(二)4-14of14"]
)
def test_R19_platforms(embedded, outcome):
    assert i.platforms_embedded(embedded, 14).value is outcome


@pytest.mark.parametrize(
    "year, due",
    [
        (2023, [i.Milestone.LITERACY_SURVEY, i.Milestone.MID_TERM_INSPECTION]),
        (2025, [i.Milestone.FINAL_EVALUATION]),
        (2024, []),
    ],
    ids=["四(四)-S-T21-2023", "四(四)-2025", "四(四)-2024"],
)
def test_R38_milestones(year, due):
    assert i.milestones_due(year).value == due


def test_invalid_inputs():
    with pytest.raises(ScienceRuleError):
        i.target_progress("S99", D(1))
    with pytest.raises(ScienceRuleError):
        i.share_percent(5, 0)
    with pytest.raises(ScienceRuleError):
        v.exhibition_area_per_10k(D(1), 0)


@pytest.mark.parametrize(
    "area, residents, met",
    [
        (D(15_999), 1_000_000, False),
        (D(16_000), 1_000_000, True),
        (D(160), 10_000, True),
        (D("159.99"), 10_000, False),
    ],
    ids=["三(四)3-S-T5-15999", "三(四)3-S-T5-16000", "三(四)3-160-per-10k", "三(四)3-just-below"],
)
def test_R15_exhibition_area(area, residents, met):
    assert v.exhibition_area_per_10k(area, residents).value is met


@pytest.mark.parametrize(
    "population, prefecture, conditions, accepted, eligible",
    [
        (600_000, False, True, True, True),
        (599_999, False, True, True, False),
        (600_000, False, False, True, False),
        (600_000, False, True, False, False),
        (3_000_000, True, False, True, True),
        (300_000, True, False, True, True),
        (3_000_000, True, False, False, False),
    ],
    ids=[
        "三(三)2-S-T6-county-600000-conditions-accepted",
        "三(三)2-S-T6-county-599999",
        "三(三)2-county-600000-without-conditions",
        "三(三)2-county-not-accepted",
        "三(三)2-prefecture-accepted",
        "三(三)2-prefecture-no-population-threshold",
        "三(三)2-prefecture-not-accepted",
    ],
)
def test_R16_museum_subsidy(population, prefecture, conditions, accepted, eligible):
    decision = v.museum_subsidy_in_scope(population, prefecture, accepted, conditions_met=conditions)
    assert decision.value is eligible
    assert decision.basis[0].article == "三(三)2 (R16)"


@pytest.mark.parametrize(
    "types, counted",
    [
        ({v.VenueType.SOCIETY_SERVICE_STATION}, False),
        ({v.VenueType.SOCIETY_SERVICE_STATION, v.VenueType.SCI_TOWN}, True),
    ],
    ids=["二(二)3-S-T22-station-only", "二(二)3-both"],
)
def test_R8_station_and_town(types, counted):
    assert v.county_has_station_and_town(types).value is counted


@pytest.mark.parametrize(
    "venue_type, level, funding",
    [
        (v.VenueType.NATURAL_RESOURCES_SCI_BASE, v.VenueLevel.COUNTY, "CITY_COUNTY"),
        (v.VenueType.NATURAL_RESOURCES_SCI_BASE, v.VenueLevel.PROVINCIAL, None),
        (v.VenueType.MUSEUM, v.VenueLevel.COUNTY, None),
    ],
    ids=["划分方案二(七)-NR-707-county-base", "划分方案二(七)-provincial-base", "other-venue"],
)
def test_NR707_funding_level(venue_type, level, funding):
    assert v.funding_level(venue_type, level).value == funding
