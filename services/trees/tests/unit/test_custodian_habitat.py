"""Custodian (Art. 16–17), habitat zone (Art. 23), prohibited acts (Art. 24), construction (Art. 25)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from hunan_trees.rules.classification import GovernmentLevel, Grade
from hunan_trees.rules.custodian import CustodianCategory as C
from hunan_trees.rules.custodian import LandUse, custodian_for, training_fee_allowed
from hunan_trees.rules.habitat import (
    ConstructionOutcome,
    ProhibitedAct,
    ProjectTier,
    act_prohibited,
    construction_outcome,
    protection_plan_timely,
    zone_margin_compliant,
    zone_radius_m,
)


@pytest.mark.parametrize(
    ("land_use", "kwargs", "category"),
    [
        pytest.param(LandUse.ORG_PREMISES, {}, C.ORG_PREMISES, id="Art16(1)-unit-premises"),
        pytest.param(LandUse.TRANSPORT_WATER_INFRA, {}, C.TRANSPORT_WATER_INFRA, id="Art16(2)-railway"),
        pytest.param(LandUse.URBAN_PUBLIC_LAND, {}, C.URBAN_PUBLIC_LAND, id="Art16(4)-urban-green"),
        pytest.param(
            LandUse.RESIDENTIAL, {"property_managed": True}, C.RESIDENTIAL_MANAGED, id="Art16(5)-property-company"
        ),
        pytest.param(
            LandUse.RESIDENTIAL,
            {"property_managed": False, "in_subdistrict": True},
            C.RESIDENTIAL_UNMANAGED_SUBDISTRICT,
            id="TC14-Art16(5)-unmanaged-subdistrict",
        ),
        pytest.param(
            LandUse.RESIDENTIAL,
            {"property_managed": False, "in_subdistrict": False},
            C.RESIDENTIAL_UNMANAGED_TOWNSHIP,
            id="TC14-Art16(5)-unmanaged-township",
        ),
        pytest.param(LandUse.RESIDENTIAL, {}, C.UNDETERMINED, id="Art16(5)-unknown-management"),
        pytest.param(LandUse.RURAL_HOMESTEAD, {}, C.RURAL_HOMESTEAD, id="TC15-Art16(7)-homestead"),
        pytest.param(
            LandUse.RURAL_HOMESTEAD,
            {"under_construction": True},
            C.CONSTRUCTION_SITE,
            id="TC15-Art16(9)-construction-period",
        ),
        pytest.param(LandUse.RURAL_OTHER, {"privately_owned": True}, C.PRIVATE_OWNED, id="Art16(8)-private-tree"),
        pytest.param(LandUse.ORG_PREMISES, {"disputed": True}, C.UNDETERMINED, id="Art16-last-para-disputed"),
        pytest.param(None, {}, C.UNDETERMINED, id="Art16-last-para-unclear"),
    ],
)
def test_custodian(land_use, kwargs, category):
    decision = custodian_for(land_use, **kwargs)
    assert decision.value.category is category
    assert decision.basis[0].article.startswith("Art. 16")


@pytest.mark.parametrize(
    ("fee", "ok"),
    [pytest.param(Decimal(0), True, id="Art17-free"), pytest.param(Decimal(50), False, id="TC16-Art17-fee-50")],
)
def test_training_is_free(fee, ok):
    assert training_fee_allowed(fee).value is ok


@pytest.mark.parametrize(
    ("margin", "approved_by", "grade", "ok"),
    [
        pytest.param(5.0, None, Grade.GRADE_3, True, id="TC12-Art23-11m-for-6m-crown"),
        pytest.param(4.99, None, Grade.GRADE_3, False, id="TC12-Art23-10.99m-rejected"),
        pytest.param(3.0, GovernmentLevel.COUNTY, Grade.GRADE_2, False, id="TC13-Art23-grade2-county-approval-refused"),
        pytest.param(3.0, GovernmentLevel.CITY, Grade.GRADE_2, True, id="Art23-grade2-city-approval"),
        pytest.param(3.0, GovernmentLevel.CITY, Grade.GRADE_1, False, id="Art23-grade1-needs-province"),
    ],
)
def test_zone_margin(margin, approved_by, grade, ok):
    assert zone_margin_compliant(margin, approved_by, grade).value is ok


def test_zone_radius_adds_margin_to_crown():
    assert zone_radius_m(6.0) == 11.0


@pytest.mark.parametrize(
    ("act", "inside", "prohibited"),
    [
        pytest.param(ProhibitedAct.P3_PIPELINE_LAYING, True, True, id="TC17-Art24(3)-pipeline-inside"),
        pytest.param(ProhibitedAct.P3_PIPELINE_LAYING, False, False, id="Art24(3)-pipeline-outside"),
        pytest.param(ProhibitedAct.P2_NAILING, False, True, id="Art24(2)-nailing-anywhere"),
    ],
)
def test_prohibited_acts(act, inside, prohibited):
    assert act_prohibited(act, inside).value is prohibited


@pytest.mark.parametrize(
    ("conflict", "tier", "avoidable", "outcome"),
    [
        pytest.param(False, ProjectTier.OTHER, False, ConstructionOutcome.NO_CONFLICT, id="Art25-no-conflict"),
        pytest.param(
            True,
            ProjectTier.NATIONAL_KEY,
            True,
            ConstructionOutcome.AVOIDANCE_REQUIRED,
            id="Art25-key-must-avoid-if-can",
        ),
        pytest.param(True, ProjectTier.OTHER, True, ConstructionOutcome.AVOIDANCE_REQUIRED, id="Art25-other-avoid"),
        pytest.param(
            True,
            ProjectTier.PROVINCIAL_KEY,
            False,
            ConstructionOutcome.PROTECTION_PLAN_REQUIRED,
            id="Art25-provincial-key-plan",
        ),
        pytest.param(
            True, ProjectTier.OTHER, False, ConstructionOutcome.PROHIBITED, id="TC17-Art25-other-cannot-avoid"
        ),
    ],
)
def test_construction_outcome(conflict, tier, avoidable, outcome):
    assert construction_outcome(conflict, tier, avoidable).value is outcome


@pytest.mark.parametrize(
    ("filed", "start", "ok"),
    [
        pytest.param(dt.date(2025, 3, 2), dt.date(2025, 3, 1), False, id="TC18-Art25-plan-after-start"),
        pytest.param(dt.date(2025, 3, 1), dt.date(2025, 3, 1), False, id="Art25-plan-same-day"),
        pytest.param(dt.date(2025, 2, 28), dt.date(2025, 3, 1), True, id="Art25-plan-before-start"),
    ],
)
def test_protection_plan_timely(filed, start, ok):
    assert protection_plan_timely(filed, start).value is ok
