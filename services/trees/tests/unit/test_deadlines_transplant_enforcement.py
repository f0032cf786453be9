"""Deadlines (Arts. 11, 19, 29, 36), post-disaster inspection (flow 3), transplant and felling (Arts. 26–30),
penalties and archive cancellation (Arts. 29, 33): TC10, TC11, TC19–TC25."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from hunan_trees.rules.classification import GovernmentLevel, Grade
from hunan_trees.rules.deadlines import (
    abnormality_handling_due,
    census_next_due,
    death_appraisal_due,
    in_force_on,
    post_disaster_inspection_due,
    post_disaster_inspection_needed,
)
from hunan_trees.rules.enforcement import fine_allowed, may_cancel_archive
from hunan_trees.rules.habitat import ProjectTier
from hunan_trees.rules.transplant import (
    ConsultationMode,
    CostBearer,
    FellingGround,
    SiteFacts,
    TransplantGround,
    aftercare_until,
    application_complete,
    approval_allowed,
    cost_bearer,
    felling_admissible,
    transplant_admissible,
)

D = dt.date


@pytest.mark.parametrize(
    ("received", "due"),
    [
        pytest.param(D(2024, 9, 27), D(2024, 10, 10), id="TC10-Art19-across-national-day"),
        pytest.param(D(2024, 9, 30), D(2024, 10, 12), id="Art19-Sat-12-Oct-is-a-working-day"),
        pytest.param(D(2024, 6, 3), D(2024, 6, 11), id="Art19-across-dragon-boat-10-Jun"),
    ],
)
def test_abnormality_handling_due(received, due):
    decision = abnormality_handling_due(received)
    assert decision.value.date == due and not decision.value.provisional


def test_receipt_day_counted_when_configured():
    assert abnormality_handling_due(D(2024, 6, 3), count_receipt_day=True).value.date == D(2024, 6, 7)


@pytest.mark.parametrize(
    ("received", "due"),
    [
        pytest.param(D(2025, 1, 24), D(2025, 2, 7), id="TC11-Art29-across-spring-festival"),
    ],
)
def test_death_appraisal_due(received, due):
    assert death_appraisal_due(received).value.date == due


def test_deadline_past_published_calendar_is_provisional():
    decision = abnormality_handling_due(D(2027, 12, 28))
    assert decision.value.provisional
    # fallback: weekdays without statutory holidays; New Year on Saturday 1 Jan 2028 is made up on Mon 3 Jan
    # (全国年节及纪念日放假办法 Art. 6), so the fifth working day is Wed 5 Jan
    assert decision.value.date == D(2028, 1, 5)


@pytest.mark.parametrize(
    ("started", "due"),
    [
        pytest.param(D(2021, 5, 1), D(2031, 5, 1), id="Art11-ten-years"),
        pytest.param(D(2024, 2, 29), D(2034, 2, 28), id="Art11-29-Feb"),
    ],
)
def test_census_next_due(started, due):
    assert census_next_due(started).value == due


@pytest.mark.parametrize(
    ("day", "ok"),
    [
        pytest.param(D(2022, 3, 11), False, id="Art36-day-before"),
        pytest.param(D(2022, 3, 12), True, id="Art36-in-force"),
    ],
)
def test_in_force(day, ok):
    assert in_force_on(day).value is ok


@pytest.mark.parametrize(
    ("hazard", "needed"),
    [
        pytest.param("FOREST_FIRE", True, id="flow3-Art18-forest-fire"),
        pytest.param("geological", True, id="flow3-Art18-geological-any-case"),
        pytest.param("METEOROLOGICAL", True, id="flow3-Art18-meteorological"),
        pytest.param("FLOOD_DROUGHT", False, id="flow3-Art18-flood-not-listed"),
    ],
)
def test_post_disaster_inspection_needed(hazard, needed):
    assert post_disaster_inspection_needed(hazard, ["FOREST_FIRE", "GEOLOGICAL", "METEOROLOGICAL"]).value is needed


def test_post_disaster_inspection_due_uses_working_days():
    assert post_disaster_inspection_due(D(2024, 9, 27), 5).value.date == D(2024, 10, 10)


T1, T2, T3 = (
    TransplantGround.T1_ENVIRONMENT_CHANGED,
    TransplantGround.T2_PUBLIC_LIFE_HAZARD,
    TransplantGround.T3_KEY_PROJECT,
)
KEY_UNAVOIDABLE = SiteFacts(
    project_tier=ProjectTier.PROVINCIAL_KEY, project_avoidable=False, effectively_protectable=False
)


@pytest.mark.parametrize(
    ("ground", "facts", "ok"),
    [
        pytest.param(
            T1, SiteFacts(environment_unsuitable=True, may_cause_death=True), True, id="TC19-Art26(1)-environment"
        ),
        pytest.param(T1, SiteFacts(environment_unsuitable=True), False, id="Art26(1)-no-risk-of-death"),
        pytest.param(
            T2, SiteFacts(endangers_public_life=True, hazard_removable=False), True, id="Art26(2)-life-hazard"
        ),
        pytest.param(
            T2, SiteFacts(endangers_public_life=False, hazard_removable=False), False, id="TC22-Art26(2)-property-only"
        ),
        pytest.param(T2, SiteFacts(endangers_public_life=True, hazard_removable=True), False, id="Art26(2)-removable"),
        pytest.param(T3, KEY_UNAVOIDABLE, True, id="TC20-Art26(3)-key-project"),
        pytest.param(
            T3,
            SiteFacts(project_tier=ProjectTier.OTHER, project_avoidable=False, effectively_protectable=False),
            False,
            id="Art26(3)-other-tier-never",
        ),
        pytest.param(
            T3,
            SiteFacts(project_tier=ProjectTier.NATIONAL_KEY, project_avoidable=True, effectively_protectable=False),
            False,
            id="Art26(3)-avoidable",
        ),
    ],
)
def test_transplant_grounds(ground, facts, ok):
    assert transplant_admissible(ground, facts).value is ok


@pytest.mark.parametrize(
    ("plan", "funding", "ok"),
    [
        pytest.param(True, True, True, id="Art27-complete"),
        pytest.param(True, False, False, id="Art27-no-funding"),
        pytest.param(False, True, False, id="Art27-no-plan"),
    ],
)
def test_application_complete(plan, funding, ok):
    assert application_complete(plan, funding).value is ok


@pytest.mark.parametrize(
    ("review", "mode", "closed", "ok"),
    [
        pytest.param(True, ConsultationMode.HEARING, True, True, id="Art27-review-and-hearing"),
        pytest.param(True, ConsultationMode.PUBLIC_NOTICE, True, True, id="Art27-review-and-notice"),
        pytest.param(True, None, False, False, id="TC21-Art27-no-consultation"),
        pytest.param(True, ConsultationMode.PUBLIC_NOTICE, False, False, id="Art27-notice-still-open"),
        pytest.param(False, ConsultationMode.HEARING, True, False, id="Art27-no-expert-review"),
    ],
)
def test_approval_allowed(review, mode, closed, ok):
    assert approval_allowed(review, mode, closed).value is ok


@pytest.mark.parametrize(
    ("ground", "bearer"),
    [
        pytest.param(T1, CostBearer.COUNTY_OR_ABOVE_GOVERNMENT, id="TC19-Art28-T1-government"),
        pytest.param(T2, CostBearer.COUNTY_OR_ABOVE_GOVERNMENT, id="Art28-T2-government"),
        pytest.param(T3, CostBearer.APPLICANT_UNIT, id="TC20-Art28-T3-applicant"),
    ],
)
def test_cost_bearer(ground, bearer):
    assert cost_bearer(ground).value is bearer


@pytest.mark.parametrize(
    ("executed", "until"),
    [
        pytest.param(D(2023, 4, 10), D(2028, 4, 10), id="Art28-five-years"),
        pytest.param(D(2024, 2, 29), D(2029, 2, 28), id="TC20-Art28-29-Feb"),
    ],
)
def test_aftercare_until(executed, until):
    assert aftercare_until(executed).value == until


@pytest.mark.parametrize(
    ("ground", "facts", "ok"),
    [
        pytest.param(
            FellingGround.F1_UNTRANSPLANTABLE,
            SiteFacts(environment_unsuitable=True, may_cause_death=True, species_untransplantable=True),
            False,
            id="TC23a-Art30(1)-T1-never-supports-felling",
        ),
        pytest.param(
            FellingGround.F1_UNTRANSPLANTABLE,
            SiteFacts(endangers_public_life=True, hazard_removable=False, species_untransplantable=True),
            True,
            id="Art30(1)-T2-untransplantable",
        ),
        pytest.param(
            FellingGround.F2_QUARANTINE_PEST,
            SiteFacts(quarantine_pest=True, pest_controllable=True),
            False,
            id="TC23b-Art30(2)-controllable",
        ),
        pytest.param(
            FellingGround.F2_QUARANTINE_PEST,
            SiteFacts(quarantine_pest=True, pest_controllable=False),
            True,
            id="TC23c-Art30(2)-uncontrollable",
        ),
        pytest.param(FellingGround.F3_DEAD, SiteFacts(confirmed_dead=True), True, id="Art30(3)-dead"),
    ],
)
def test_felling_grounds(ground, facts, ok):
    assert felling_admissible(ground, facts).value is ok


@pytest.mark.parametrize(
    ("fine", "other_law", "act_on", "ok"),
    [
        pytest.param(Decimal(6000), False, D(2024, 5, 1), False, id="TC25a-Art33-fine-6000"),
        pytest.param(Decimal(5001), False, D(2024, 5, 1), False, id="Art33-fine-5001"),
        pytest.param(Decimal(5000), False, D(2024, 5, 1), True, id="Art33-fine-5000"),
        pytest.param(Decimal(500), False, D(2024, 5, 1), True, id="TC25a-Art33-fine-500"),
        pytest.param(Decimal(499), False, D(2024, 5, 1), False, id="Art33-fine-499"),
        pytest.param(None, False, D(2024, 5, 1), True, id="TC25a-Art33-no-fine"),
        pytest.param(Decimal(1000), True, D(2024, 5, 1), False, id="TC25b-Art33-other-law"),
        pytest.param(Decimal(1000), False, D(2022, 3, 11), False, id="Art36-act-before-in-force"),
    ],
)
def test_fine_allowed(fine, other_law, act_on, ok):
    assert fine_allowed(fine, other_law, act_on).value is ok


@pytest.mark.parametrize(
    ("dept", "grade", "famous", "ok"),
    [
        pytest.param(GovernmentLevel.COUNTY, Grade.GRADE_3, False, True, id="TC24-Art29-grade3-county"),
        pytest.param(GovernmentLevel.COUNTY, Grade.GRADE_1, False, False, id="TC24-Art29-grade1-county-refused"),
        pytest.param(GovernmentLevel.PROVINCE, Grade.GRADE_3, True, True, id="Art29-famous-province"),
    ],
)
def test_archive_cancellation(dept, grade, famous, ok):
    assert may_cancel_archive(dept, grade, famous).value is ok
