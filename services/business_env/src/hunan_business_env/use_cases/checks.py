"""Checkers other agencies call: each verdict names the offending clause or item and its article. Nothing is
stored; the rules decide (rules/checks.py)."""

from __future__ import annotations

from hunan_business_env.rules.checks import (
    MaterialFinding,
    MaterialRequest,
    TenderFinding,
    classify_tender_clause,
    guide_catch_all_terms,
    material_request_check,
    tender_condition_check,
)
from hunan_business_env.schemas.checks import (
    GuideFinding,
    MaterialRequestsIn,
    MaterialRequestsVerdict,
    MaterialVerdict,
    ServiceGuideIn,
    ServiceGuideVerdict,
    TenderClauseVerdict,
    TenderDocumentIn,
    TenderDocumentVerdict,
)

_BANNED = {TenderFinding.LOCAL_PRESENCE, TenderFinding.REGIONAL_OR_INDUSTRY_RECORD}


def check_tender_document(cmd: TenderDocumentIn) -> TenderDocumentVerdict:
    """Art. 18 / 第十八条 (R30): local presence and, in must-tender projects, regional or industry records."""
    verdicts = []
    for clause in cmd.clauses:
        condition = classify_tender_clause(clause.text)
        decision = tender_condition_check(condition, cmd.must_tender_by_law)
        if decision.value is not TenderFinding.ALLOWED:
            verdicts.append(
                TenderClauseVerdict(
                    number=clause.number,
                    text=clause.text,
                    condition=condition,
                    finding=decision.value,
                    reason=decision.reason,
                    basis=list(decision.basis),
                )
            )
    return TenderDocumentVerdict(compliant=not any(v.finding in _BANNED for v in verdicts), clauses=verdicts)


def check_service_guide(cmd: ServiceGuideIn) -> ServiceGuideVerdict:
    """Art. 22 / 第二十二条 (R40): no vague catch-all item in the conditions or the materials."""
    findings = []
    basis = []
    for section, text in (("conditions", cmd.conditions), ("materials", cmd.materials)):
        decision = guide_catch_all_terms(text, cmd.extra_terms)
        findings += [GuideFinding(section=section, item=item) for item in decision.value]
        basis = list(decision.basis)
    return ServiceGuideVerdict(compliant=not findings, catch_all_items=findings, basis=basis)


def check_material_requests(cmd: MaterialRequestsIn) -> MaterialRequestsVerdict:
    """Art. 22 / 第二十二条 (R41, R42) and Art. 27 / 第二十七条 (R53): what a window may ask an applicant for."""
    guide = set(cmd.guide_materials)
    verdicts = []
    for request in cmd.requested:
        decision = material_request_check(MaterialRequest(in_guide=request.name in guide, **request.model_dump()))
        verdicts.append(
            MaterialVerdict(
                name=request.name, finding=decision.value, reason=decision.reason, basis=list(decision.basis)
            )
        )
    return MaterialRequestsVerdict(
        compliant=all(v.finding is MaterialFinding.ALLOWED for v in verdicts), materials=verdicts
    )
