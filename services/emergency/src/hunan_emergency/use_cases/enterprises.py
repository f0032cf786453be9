"""Service layer for enterprises and their safety duties (W8): the registry and the periodic compliance
evaluation of R24–R30, each duty's verdict with its legal basis, stored and audited."""

from __future__ import annotations

from sqlmodel import Session, col, select

from hunan_emergency.models import ComplianceEvaluation, Enterprise
from hunan_emergency.rules.classification import SafetySector
from hunan_emergency.rules.enterprise import (
    DualReportStatus,
    InsuranceRequirement,
    ProjectMilestones,
    ResponsiblePersons,
    TenOnceYearlyItem,
    dual_report_status,
    first_responsible_persons_missing,
    liability_insurance_requirement,
    professional_staffing_gaps,
    shift_record_missing,
    ten_once_gaps,
    three_simultaneities_lagging,
)
from hunan_emergency.schemas.common import VerdictOut
from hunan_emergency.schemas.enterprises import ComplianceIn, ComplianceOut, EnterpriseIn, EnterpriseOut
from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.db import in_division
from hunan_shared.errors import Conflict, RuleViolation, rule_errors
from hunan_shared.legal import Decision
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id


def _out(row: Enterprise) -> EnterpriseOut:
    return EnterpriseOut(**row.model_dump(exclude={"created_at"}))


def register(uow: UnitOfWork, cmd: EnterpriseIn) -> EnterpriseOut:
    if cmd.new_employees_trained > cmd.new_employees:
        raise RuleViolation("new_employees_trained exceeds new_employees")
    if cmd.uscc and uow.session.exec(select(Enterprise.id).where(Enterprise.uscc == cmd.uscc)).first():
        raise Conflict(f"an enterprise with USCC {cmd.uscc} is registered")
    row = Enterprise(id=new_id(), created_at=clock.now(), **cmd.model_dump())
    uow.session.add(row)
    out = _out(row)
    uow.audit("enterprise.register", "enterprise", row.id, after=out)
    return out


def _load(session: Session, enterprise_id: str) -> Enterprise:
    return Repository(session, Enterprise).get(enterprise_id)


def get(session: Session, enterprise_id: str) -> EnterpriseOut:
    return _out(_load(session, enterprise_id))


def list_enterprises(
    session: Session, page: PageParams, division: str | None, sector: str | None
) -> Page[EnterpriseOut]:
    where = []
    if division:
        where.append(in_division(Enterprise.division_code, division, below_county=True))
    if sector:
        where.append(Enterprise.sector == sector)
    order = (Enterprise.division_code, Enterprise.id)
    return Repository(session, Enterprise).page(page, *where, order_by=order, convert=_out)


def _verdict(rule: str, decision: Decision, compliant: bool | None) -> VerdictOut:
    value = decision.value
    if isinstance(value, tuple):
        value = [getattr(v, "value", v) for v in value]
    elif hasattr(value, "value"):
        value = value.value
    elif hasattr(value, "__dataclass_fields__"):
        value = {k: [getattr(i, "value", i) for i in v] if isinstance(v, tuple) else v for k, v in vars(value).items()}
    return VerdictOut(rule=rule, value=value, compliant=compliant, reason=decision.reason, basis=list(decision.basis))


def verdicts(row: Enterprise, cmd: ComplianceIn) -> list[VerdictOut]:
    """R24–R30 on the enterprise's standing facts plus the period's facts in `cmd`."""
    as_of = cmd.as_of or clock.now().date()
    with rule_errors():
        r24 = first_responsible_persons_missing(
            ResponsiblePersons(
                row.legal_representative,
                row.actual_controller,
                row.principal_responsible_person,
                frozenset(row.listed_first_responsible),
            )
        )
        r25 = dual_report_status(cmd.report_to_supervising_department, cmd.report_to_workers_congress)
        r26 = ten_once_gaps(
            cmd.year,
            cmd.inspection_dates,
            cmd.study_meeting_dates,
            {TenOnceYearlyItem(k): v for k, v in cmd.yearly_items.items()},
            as_of=as_of,
        )
        r27 = shift_record_missing(
            pre_shift_meeting=cmd.pre_shift_meeting,
            risk_card=cmd.risk_card,
            work_card=cmd.work_card,
            emergency_card=cmd.emergency_card,
        )
        r29 = liability_insurance_requirement(SafetySector(row.sector), row.liability_insured)
        r30 = professional_staffing_gaps(
            SafetySector(row.sector),
            registered_safety_engineers=row.registered_safety_engineers,
            key_sector_above_scale=row.key_sector and row.above_scale,
            new_employees=row.new_employees,
            new_employees_trained=row.new_employees_trained,
        )
    out = [
        _verdict("R24", r24, not r24.value),
        _verdict("R25", r25, r25.value is DualReportStatus.COMPLETE),
        _verdict("R26", r26, r26.value.complete),
        _verdict("R27", r27, not r27.value),
    ]
    if cmd.main_works is not None:
        safety = cmd.safety_facilities or type(cmd.main_works)()
        r28 = three_simultaneities_lagging(
            ProjectMilestones(**cmd.main_works.model_dump()), ProjectMilestones(**safety.model_dump())
        )
        out.append(_verdict("R28", r28, not r28.value))
    out.append(_verdict("R29", r29, r29.value is not InsuranceRequirement.REQUIRED_MISSING))
    out.append(_verdict("R30", r30, not r30.value))
    return out


def evaluate(uow: UnitOfWork, enterprise_id: str, cmd: ComplianceIn) -> ComplianceOut:
    """W8: evaluate and store the duties; `compliant` is true only when every duty evaluated is met."""
    row = _load(uow.session, enterprise_id)
    results = verdicts(row, cmd)
    evaluation = ComplianceEvaluation(
        id=new_id(),
        enterprise_id=enterprise_id,
        compliant=all(v.compliant is not False for v in results),
        verdicts=[v.model_dump(mode="json") for v in results],
        evaluated_at=clock.now(),
    )
    uow.session.add(evaluation)
    out = ComplianceOut(**evaluation.model_dump())
    uow.audit(
        "enterprise.evaluate_compliance",
        "enterprise",
        enterprise_id,
        after={
            "evaluation_id": evaluation.id,
            "compliant": evaluation.compliant,
            "failed": [v.rule for v in results if v.compliant is False],
        },
    )
    return out


def evaluations(session: Session, page: PageParams, enterprise_id: str) -> Page[ComplianceOut]:
    _load(session, enterprise_id)
    return Repository(session, ComplianceEvaluation).page(
        page,
        ComplianceEvaluation.enterprise_id == enterprise_id,
        order_by=(col(ComplianceEvaluation.evaluated_at).desc(), ComplianceEvaluation.id),
        convert=lambda e: ComplianceOut(**e.model_dump()),
    )
