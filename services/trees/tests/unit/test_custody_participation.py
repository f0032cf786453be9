"""Pure rules for custodians (Arts. 16(9), 16 last para, 18, 21) and participation (Arts. 6, 8, 9, 31, 32),
boundary cases included."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from hunan_trees.rules.custody import (
    Duty,
    MaintenanceCondition,
    agreement_covers_duties,
    construction_period_valid,
    decision_needed,
    dispute_decider_valid,
    subsidy_grantor_valid,
    subsidy_inputs_complete,
    within_construction_period,
)
from hunan_trees.rules.habitat import ProhibitedAct
from hunan_trees.rules.participation import (
    Branch,
    ReportSubject,
    RoutePolicy,
    SponsorshipKind,
    UtilisationKind,
    department_for,
    insurer_government_valid,
    naming_shown,
    naming_term_valid,
    policy_period_valid,
    report_routing,
    sponsorship_valid,
    utilisation_allowed,
)

D = dt.date


@pytest.mark.parametrize(
    ("on", "end", "inside"),
    [
        pytest.param(D(2025, 2, 28), D(2026, 6, 30), False, id="day-before-start"),
        pytest.param(D(2025, 3, 1), D(2026, 6, 30), True, id="first-day"),
        pytest.param(D(2026, 6, 30), D(2026, 6, 30), True, id="completion-day"),
        pytest.param(D(2026, 7, 1), D(2026, 6, 30), False, id="day-after-completion"),
        pytest.param(D(2030, 1, 1), None, True, id="open-ended"),
    ],
)
def test_construction_period_16_9(on, end, inside):
    decision = within_construction_period(on, D(2025, 3, 1), end)
    assert decision.value is inside and decision.basis[0].article.startswith("Art. 16(9)")


def test_construction_period_order():
    assert construction_period_valid(D(2025, 3, 1), D(2025, 3, 1)).value
    assert not construction_period_valid(D(2025, 3, 1), D(2025, 2, 28)).value
    assert construction_period_valid(D(2025, 3, 1), None).value


def test_dispute_decided_by_the_tree_county_only():
    assert dispute_decider_valid("430104", "430104").value
    assert not dispute_decider_valid("430100", "430104").value  # the city does not decide in its stead
    assert not dispute_decider_valid("430102", "430104").value
    assert "16 last para" in dispute_decider_valid("430102", "430104").basis[0].article


@pytest.mark.parametrize(
    ("disputed", "unclear", "needed"), [(False, False, False), (True, False, True), (False, True, True)]
)
def test_decision_needed(disputed, unclear, needed):
    assert decision_needed(disputed, unclear).value is needed


def test_agreement_duties_art18():
    assert agreement_covers_duties(set(Duty)).value
    missing = agreement_covers_duties(set(Duty) - {Duty.PATROL_HABITAT})
    assert not missing.value and "PATROL_HABITAT" in missing.reason and missing.basis[0].article == "Art. 18 / 第十八条"


@pytest.mark.parametrize(
    ("grantor", "ok"), [("430104", True), ("430100", True), ("430000", True), ("430600", False), ("430102", False)]
)
def test_subsidy_grantor_art21(grantor, ok):
    assert subsidy_grantor_valid(grantor, "430104").value is ok


def test_subsidy_inputs_art21():
    assert subsidy_inputs_complete(True, MaintenanceCondition.FAIR, Decimal(0)).value
    assert not subsidy_inputs_complete(False, MaintenanceCondition.FAIR, Decimal(1)).value
    assert not subsidy_inputs_complete(True, None, Decimal(1)).value
    assert not subsidy_inputs_complete(True, MaintenanceCondition.GOOD, None).value


@pytest.mark.parametrize(
    ("routes", "code", "urban", "branch", "source"),
    [
        pytest.param({}, "430104", True, Branch.URBAN_GREENING, "default", id="default-urban"),
        pytest.param({}, "430104", False, Branch.FORESTRY, "default", id="default-rural"),
        pytest.param({"430000": RoutePolicy.FORESTRY}, "430104", True, Branch.FORESTRY, "430000", id="province"),
        pytest.param(
            {"430000": RoutePolicy.FORESTRY, "430100": RoutePolicy.URBAN_GREENING},
            "430104",
            False,
            Branch.URBAN_GREENING,
            "430100",
            id="city-beats-province",
        ),
        pytest.param(
            {"430100": RoutePolicy.URBAN_GREENING, "430104": RoutePolicy.BY_URBAN_PLANNING_AREA},
            "430104",
            False,
            Branch.FORESTRY,
            "430104",
            id="county-beats-city",
        ),
    ],
)
def test_department_routing_art6(routes, code, urban, branch, source):
    decision, used = department_for(code, urban, routes, RoutePolicy.BY_URBAN_PLANNING_AREA)
    assert (decision.value, used) == (branch, source) and decision.basis[0].article == "Art. 6 / 第六条"


@pytest.mark.parametrize(
    ("start", "end", "ok"),
    [
        (None, None, True),
        (D(2025, 1, 1), None, False),
        (D(2025, 1, 1), D(2025, 1, 1), False),
        (D(2025, 1, 1), D(2035, 1, 1), True),  # exactly ten years
        (D(2025, 1, 1), D(2035, 1, 2), False),
        (D(2024, 2, 29), D(2034, 2, 28), True),  # 29 Feb + 10 years = 28 Feb
        (D(2024, 2, 29), D(2034, 3, 1), False),
    ],
)
def test_naming_term_art8(start, end, ok):
    assert naming_term_valid(start, end, 10).value is ok


def test_naming_shown_art8():
    assert naming_shown(D(2025, 1, 1), D(2025, 1, 1), D(2025, 12, 31), True).value
    assert naming_shown(D(2025, 12, 31), D(2025, 1, 1), D(2025, 12, 31), True).value
    assert not naming_shown(D(2026, 1, 1), D(2025, 1, 1), D(2025, 12, 31), True).value
    assert not naming_shown(D(2025, 6, 1), D(2025, 1, 1), D(2025, 12, 31), False).value


def test_sponsorship_art8():
    assert not sponsorship_valid(SponsorshipKind.DONATION, None, None).value
    assert not sponsorship_valid(SponsorshipKind.DONATION, Decimal(0), None).value
    assert sponsorship_valid(SponsorshipKind.DONATION, Decimal("0.01"), None).value
    assert not sponsorship_valid(SponsorshipKind.ADOPTION, None, None).value
    assert sponsorship_valid(SponsorshipKind.ADOPTION, None, D(2026, 1, 1)).value


def test_report_routing_art9():
    assert report_routing(ReportSubject.SIGN, ProhibitedAct.P2_NAILING).value == "VIOLATION"
    assert report_routing(ReportSubject.TREE, None).value == "ABNORMALITY"
    assert report_routing(ReportSubject.FACILITY, None).value == "FACILITY_REPAIR"


def test_insurance_art31():
    assert insurer_government_valid("430100", ["430104", "430102"]).value
    bad = insurer_government_valid("430104", ["430104", "430602"])
    assert not bad.value and "430602" in bad.reason
    assert not policy_period_valid(D(2025, 1, 1), D(2025, 1, 1)).value
    assert policy_period_valid(D(2025, 1, 1), D(2025, 1, 2)).value


@pytest.mark.parametrize(
    ("acts", "inside", "ok"),
    [
        ([], True, True),
        ([ProhibitedAct.P2_BREAKING_BRANCHES], False, False),
        ([ProhibitedAct.P3_ROAD_BUILDING], False, True),
        ([ProhibitedAct.P3_ROAD_BUILDING], True, False),
        ([ProhibitedAct.P4_OTHER_DAMAGE], False, False),
    ],
)
def test_utilisation_art32(acts, inside, ok):
    decision = utilisation_allowed(UtilisationKind.FLOWER_LEAF_FRUIT, acts, inside)
    assert decision.value is ok and decision.basis[0].article == "Art. 32 / 第三十二条"
