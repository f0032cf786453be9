"""Checkers for foreign-investment conditions, park land, surveys and intermediaries: each verdict names the
offending condition, item, survey or service and its article. Nothing is stored; rules/project_checks.py decides."""

from __future__ import annotations

from hunan_business_env.rules.project_checks import (
    ForeignConditionFinding,
    SelectionFinding,
    SurveyKey,
    foreign_investment_condition_check,
    intermediary_selection_check,
    land_commitment_allowed,
    repeat_survey,
    technical_service_findings,
)
from hunan_business_env.schemas.project_checks import (
    ConditionVerdict,
    ForeignInvestmentConditionsIn,
    ForeignInvestmentConditionsVerdict,
    IntermediarySelectionIn,
    IntermediarySelectionVerdict,
    LandCommitmentIn,
    LandCommitmentVerdict,
    SurveyDemandsIn,
    SurveyDemandsVerdict,
    SurveyVerdict,
    TechnicalServicesIn,
    TechnicalServicesVerdict,
    TechnicalServiceVerdict,
)


def check_foreign_investment_conditions(cmd: ForeignInvestmentConditionsIn) -> ForeignInvestmentConditionsVerdict:
    """Art. 7 para 3 / 第七条第三款 (R9)."""
    verdicts = []
    for c in cmd.conditions:
        d = foreign_investment_condition_check(c.applies_only_to_foreign_invested, c.national_negative_list_item)
        if d.value is not ForeignConditionFinding.ALLOWED:
            verdicts.append(
                ConditionVerdict(number=c.number, text=c.text, finding=d.value, reason=d.reason, basis=list(d.basis))
            )
    return ForeignInvestmentConditionsVerdict(compliant=not verdicts, conditions=verdicts)


def check_land_commitment(cmd: LandCommitmentIn) -> LandCommitmentVerdict:
    """Art. 28 para 3 / 第二十八条第三款 (R56)."""
    d = land_commitment_allowed(cmd.land_obtained, cmd.regional_assessment_done, cmd.item_in_commitment_list)
    return LandCommitmentVerdict(
        item=cmd.item, allowed=not d.value, unmet=d.value, reason=d.reason, basis=list(d.basis)
    )


def check_survey_demands(cmd: SurveyDemandsIn) -> SurveyDemandsVerdict:
    """Art. 29 para 2 / 第二十九条第二款 (R59)."""
    shared = frozenset(SurveyKey(s.scope.strip(), s.survey_type.strip()) for s in cmd.shared_results)
    verdicts = []
    for s in cmd.demanded:
        d = repeat_survey(SurveyKey(s.scope, s.survey_type), shared)
        if d.value:
            verdicts.append(
                SurveyVerdict(
                    stage=s.stage,
                    scope=s.scope,
                    survey_type=s.survey_type,
                    finding="REPEAT_SURVEY",
                    reason=d.reason,
                    basis=list(d.basis),
                )
            )
    return SurveyDemandsVerdict(compliant=not verdicts, repeat_surveys=verdicts)


def check_technical_services(cmd: TechnicalServicesIn) -> TechnicalServicesVerdict:
    """Art. 31 para 2 / 第三十一条第二款 (R63)."""
    verdicts = []
    for s in cmd.services:
        d = technical_service_findings(s.paid_by, s.approval_clock_paused)
        if d.value:
            verdicts.append(
                TechnicalServiceVerdict(name=s.name, findings=d.value, reason=d.reason, basis=list(d.basis))
            )
    return TechnicalServicesVerdict(compliant=not verdicts, services=verdicts)


def check_intermediary_selection(cmd: IntermediarySelectionIn) -> IntermediarySelectionVerdict:
    """Art. 31 para 3 / 第三十一条第三款 (R65)."""
    d = intermediary_selection_check(cmd.uses_fiscal_funds, cmd.channel, cmd.legal_requirement_ref)
    return IntermediarySelectionVerdict(
        service=cmd.service,
        finding=d.value,
        compliant=d.value is SelectionFinding.ALLOWED,
        reason=d.reason,
        basis=list(d.basis),
    )
