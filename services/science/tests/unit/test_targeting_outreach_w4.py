"""Pure rules added for W1 targeting and timeliness, W4 certification and subsidy, R33 grants, R34 debunks and
indicators by division: boundary cases."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from hunan_science.rules.basis import ScienceRuleError
from hunan_science.rules.campaigns import CampaignState
from hunan_science.rules.content import ContentState
from hunan_science.rules.indicators import Outcome, assess_division
from hunan_science.rules.outreach import FundingCategory, debunk, grant
from hunan_science.rules.targeting import (
    RegionRisk,
    RiskLevel,
    division_order,
    first_publication_on_time,
    publication_overdue,
    region_weights,
)
from hunan_science.rules.venues import (
    CertificationAction,
    CertificationState,
    IllegalVenueStep,
    SubsidyAction,
    SubsidyState,
    next_certification_state,
    next_subsidy_state,
)

T0 = dt.datetime(2025, 7, 1, 8, 0, tzinfo=dt.UTC)


def test_W1_region_weights():
    risks = {
        "430181": RegionRisk(RiskLevel.HIGH, frozenset({"ELDERLY", "STUDENTS"})),
        "430121": None,
        "430102": RegionRisk(RiskLevel.MEDIUM),
    }
    hazard = region_weights(True, ["ELDERLY", "STUDENTS", "PUBLIC"], risks)
    assert hazard.value == {"430102": 4, "430121": 2, "430181": 12}  # 2×2, 1×2, 3×(2+2)
    assert hazard.basis[0].article == "专栏8 (W1)"
    topic = region_weights(False, [], risks)
    assert topic.value == {"430102": 2, "430121": 1, "430181": 3}
    assert division_order(hazard.value) == ["430181", "430102", "430121"]
    assert division_order({"430121": 2, "430102": 2}) == ["430102", "430121"]  # ties by code
    with pytest.raises(ScienceRuleError):
        region_weights(True, [], {})


def test_W1_first_publication_two_hour_boundary():
    assert first_publication_on_time(T0, T0 + dt.timedelta(minutes=120), 120).value is True
    late = first_publication_on_time(T0, T0 + dt.timedelta(minutes=120, seconds=1), 120)
    assert late.value is False and "beyond 120" in late.reason
    assert first_publication_on_time(T0, T0 + dt.timedelta(minutes=30), 20).value is False  # configurable
    with pytest.raises(ScienceRuleError):
        first_publication_on_time(T0, T0, 0)


def test_W1_publication_overdue_boundary():
    due = T0 + dt.timedelta(minutes=120)
    assert publication_overdue(T0, due, None, 120).value is False  # at the target: not yet late
    assert publication_overdue(T0, due + dt.timedelta(seconds=1), None, 120).value is True
    assert publication_overdue(T0, due + dt.timedelta(hours=5), T0, 120).value is False  # something went out


def test_W4_certification_states():
    path = [
        (CertificationState.APPLIED, CertificationAction.ASSESS, CertificationState.ASSESSED),
        (CertificationState.ASSESSED, CertificationAction.CERTIFY, CertificationState.CERTIFIED),
        (CertificationState.CERTIFIED, CertificationAction.REVIEW, CertificationState.ANNUAL_REVIEW),
        (CertificationState.ANNUAL_REVIEW, CertificationAction.RENEW, CertificationState.RENEWED),
        (CertificationState.RENEWED, CertificationAction.REVIEW, CertificationState.ANNUAL_REVIEW),
        (CertificationState.ANNUAL_REVIEW, CertificationAction.REVOKE, CertificationState.REVOKED),
    ]
    for state, action, new in path:
        decision = next_certification_state(state, action)
        assert decision.value is new and decision.basis[0].article == "三(三)3 (R17)"
    for state, action in [
        (CertificationState.APPLIED, CertificationAction.CERTIFY),
        (CertificationState.CERTIFIED, CertificationAction.REVOKE),  # revoked only after a review
        (CertificationState.REVOKED, CertificationAction.REVIEW),
    ]:
        with pytest.raises(IllegalVenueStep):
            next_certification_state(state, action)


def test_W4_subsidy_states():
    assert next_subsidy_state(SubsidyState.BUILT, SubsidyAction.ACCEPT).value is SubsidyState.ACCEPTED
    assert next_subsidy_state(SubsidyState.ACCEPTED, SubsidyAction.CLAIM).value is SubsidyState.SUBSIDY_CLAIMED
    paid = next_subsidy_state(SubsidyState.SUBSIDY_CLAIMED, SubsidyAction.PAY)
    assert paid.value is SubsidyState.SUBSIDY_PAID and paid.basis[0].article == "三(三)2 (R16)"
    for state, action in [
        (SubsidyState.BUILT, SubsidyAction.CLAIM),  # 后补助: not before acceptance
        (SubsidyState.SUBSIDY_CLAIMED, SubsidyAction.CLAIM),  # one claim
        (SubsidyState.ACCEPTED, SubsidyAction.PAY),
    ]:
        with pytest.raises(IllegalVenueStep):
            next_subsidy_state(state, action)


@pytest.mark.parametrize(
    ("category", "article"),
    [
        (FundingCategory.ORIGINAL_WORK, "三(二)1 (R33)"),
        (FundingCategory.GAME, "三(二)1 (R33)"),
        (FundingCategory.SCI_FI, "三(二)2 (R33)"),
        (FundingCategory.SCI_FI_PLATFORM, "三(二)2 (R33)"),
    ],
)
def test_R33_grant_basis(category, article):
    decision = grant(category, Decimal("0.01"), None)
    assert decision.value is True and decision.basis[0].article == article


def test_R33_grant_refusals():
    assert grant(FundingCategory.SHORT_VIDEO, Decimal(1), ContentState.DRAFT).value is True  # funded before review
    assert grant(FundingCategory.SHORT_VIDEO, Decimal(1), ContentState.REJECTED).value is False
    with pytest.raises(ScienceRuleError):
        grant(FundingCategory.SHORT_VIDEO, Decimal(0), None)
    with pytest.raises(ValueError):
        grant("LOTTERY", Decimal(1), None)  # type: ignore[arg-type]


def test_R34_debunk():
    platform = ["rumour_platform"]
    assert debunk(ContentState.APPROVED, None, platform).value is True
    assert debunk(ContentState.APPROVED, CampaignState.LAUNCHED, platform).value is True
    assert debunk(ContentState.APPROVED, CampaignState.CLOSED, platform).value is False
    assert debunk(ContentState.DRAFT, None, platform).value is False
    assert debunk(ContentState.REJECTED, None, platform).value is False
    with pytest.raises(ScienceRuleError):
        debunk(ContentState.APPROVED, None, ["partner_media"])


def test_indicators_by_division():
    assert assess_division("S1", Decimal("15.01"), 2025).value is Outcome.MET
    assert assess_division("S1", Decimal("15.00"), 2025).value is Outcome.NOT_MET  # 超过 applies per division too
    contribution = assess_division("S8", Decimal(12), 2024)
    assert contribution.value is Outcome.CONTRIBUTION and contribution.basis[-1].article == "四(一)2 (R37)"
    assert assess_division("S8", None, 2024).value is Outcome.NO_DATA
    assert assess_division("S26", Decimal(1), 2025).value is Outcome.PROVINCE_ONLY
