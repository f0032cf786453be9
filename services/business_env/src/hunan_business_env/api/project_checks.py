"""HTTP routes of the checkers for foreign-investment conditions, park land, surveys and intermediary services
(Arts. 7, 28, 29, 31). They store nothing: a verdict per condition, item, survey or service, with its article."""

from __future__ import annotations

from fastapi import APIRouter

from hunan_business_env.schemas.project_checks import (
    ForeignInvestmentConditionsIn,
    ForeignInvestmentConditionsVerdict,
    IntermediarySelectionIn,
    IntermediarySelectionVerdict,
    LandCommitmentIn,
    LandCommitmentVerdict,
    SurveyDemandsIn,
    SurveyDemandsVerdict,
    TechnicalServicesIn,
    TechnicalServicesVerdict,
)
from hunan_business_env.use_cases import project_checks
from hunan_shared.api import reader

router = APIRouter(prefix="/v1/checks", tags=["checks"], dependencies=[reader("business_env:read")])


@router.post(
    "/foreign-investment-conditions",
    response_model=ForeignInvestmentConditionsVerdict,
    operation_id="checkForeignInvestmentConditions",
    summary="Check conditions set only for foreign-invested entities against the national negative list (Art. 7)",
)
def check_foreign_investment_conditions(body: ForeignInvestmentConditionsIn):
    return project_checks.check_foreign_investment_conditions(body)


@router.post(
    "/land-commitments",
    response_model=LandCommitmentVerdict,
    operation_id="checkLandCommitment",
    summary="May an approval item on park land be handled by notification-commitment (Art. 28 para 3)",
)
def check_land_commitment(body: LandCommitmentIn):
    return project_checks.check_land_commitment(body)


@router.post(
    "/survey-demands",
    response_model=SurveyDemandsVerdict,
    operation_id="checkSurveyDemands",
    summary="Flag surveys demanded again for a scope a shared result covers (Art. 29 para 2)",
)
def check_survey_demands(body: SurveyDemandsIn):
    return project_checks.check_survey_demands(body)


@router.post(
    "/technical-services",
    response_model=TechnicalServicesVerdict,
    operation_id="checkTechnicalServices",
    summary="Agency-commissioned technical services: paid by the agency, inside the approval time (Art. 31 para 2)",
)
def check_technical_services(body: TechnicalServicesIn):
    return project_checks.check_technical_services(body)


@router.post(
    "/intermediary-selections",
    response_model=IntermediarySelectionVerdict,
    operation_id="checkIntermediarySelection",
    summary="A fiscal-funded intermediary is chosen on the online intermediary supermarket (Art. 31 para 3)",
)
def check_intermediary_selection(body: IntermediarySelectionIn):
    return project_checks.check_intermediary_selection(body)
