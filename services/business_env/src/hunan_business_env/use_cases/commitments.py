"""Service layer of the notification-commitment procedure (W4, Art. 32): the matter and the applicant decide
whether a commitment replaces the proofs; granted matters are verified within a working-day period; a false
commitment is sanctioned and enters the credit record, which excludes the applicant until repaired."""

from __future__ import annotations

from sqlmodel import Session, col, select

from hunan_business_env.models import CommitmentCase, CreditRecord
from hunan_business_env.rules.checks import commitment_procedure_available
from hunan_business_env.rules.commitments import (
    ART32_FALSE,
    CommitmentState,
    MatterKind,
    Sanction,
    matter_allows_commitment,
    verification_due,
    verification_outcome,
)
from hunan_business_env.schemas.commitments import (
    CommitmentIn,
    CommitmentOut,
    CreditRecordOut,
    CreditRepairIn,
    VerificationIn,
)
from hunan_business_env.schemas.common import DeadlineOut
from hunan_business_env.settings import BusinessEnvSettings
from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.errors import InvalidInput, rule_errors
from hunan_shared.events.catalogue import CommitmentFoundFalse
from hunan_shared.legal import IllegalTransition
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id

FALSE_COMMITMENT = "FALSE_COMMITMENT"


def _out(row: CommitmentCase, basis=()) -> CommitmentOut:
    state = CommitmentState(row.state)
    return CommitmentOut(
        **row.model_dump(
            include={
                "id",
                "applicant_credit_code",
                "division_code",
                "department",
                "matter",
                "reason",
                "applied_on",
                "verified_on",
                "finding",
                "rectify_by",
            }
        ),
        kind=MatterKind(row.kind),
        state=state,
        verify_due=DeadlineOut(date=row.verify_due, provisional=bool(row.verify_due_provisional))
        if row.verify_due
        else None,
        sanctions=[Sanction(s) for s in row.sanctions],
        overdue=state is CommitmentState.GRANTED and row.verify_due is not None and clock.now().date() > row.verify_due,
        basis=list(basis),
    )


def _record_out(row: CreditRecord, basis=()) -> CreditRecordOut:
    return CreditRecordOut(**row.model_dump(exclude={"created_at"}), basis=list(basis))


def apply(uow: UnitOfWork, cmd: CommitmentIn, settings: BusinessEnvSettings) -> CommitmentOut:
    """Art. 32 / 第三十二条 (R67–R69): a commitment replaces the proofs only for a matter that allows it and an
    applicant without unrepaired serious bad credit or false commitment; otherwise the standard procedure."""
    if cmd.applied_on > clock.now().date():
        raise InvalidInput("applied_on lies in the future")
    if cmd.credit_repaired_at is not None and cmd.serious_bad_credit_at is None:
        raise InvalidInput("credit_repaired_at without the serious_bad_credit_at it repairs")
    matter = matter_allows_commitment(cmd.kind, cmd.high_risk, cmd.correctable_afterwards)
    records = uow.session.exec(
        select(CreditRecord).where(
            CreditRecord.credit_code == cmd.applicant_credit_code, col(CreditRecord.recorded_on) <= cmd.applied_on
        )
    ).all()
    unrepaired = [r for r in records if r.repaired_on is None or r.repaired_on > cmd.applied_on]
    false_at = max((r.recorded_on for r in unrepaired), default=None)
    applicant = commitment_procedure_available(cmd.serious_bad_credit_at, false_at, cmd.credit_repaired_at)
    granted = matter.value and applicant.value
    row = CommitmentCase(
        id=new_id(),
        **cmd.model_dump(exclude={"serious_bad_credit_at", "credit_repaired_at"}),
        state=CommitmentState.GRANTED if granted else CommitmentState.STANDARD_PROCEDURE,
        reason=f"{matter.reason}; applicant: {applicant.reason}",
        created_at=clock.now(),
    )
    basis = matter.basis + applicant.basis
    if granted:
        due = verification_due(cmd.applied_on, settings.commitment_verification_working_days)
        row.verify_due, row.verify_due_provisional = due.value.date, due.value.provisional
        basis += due.basis
    uow.repo(CommitmentCase).add(row)
    out = _out(row, basis)
    uow.audit("commitment.apply", "commitment", row.id, after=out.model_dump(mode="json"))
    return out


def verify(uow: UnitOfWork, commitment_id: str, cmd: VerificationIn) -> CommitmentOut:
    """事中事后核查: true → VERIFIED; untrue → sanctions, a credit record and the event other agencies act on."""
    row = uow.repo(CommitmentCase).for_update(commitment_id)
    with uow.audited_change("commitment.verify", row, render=_out) as change:
        if cmd.verified_on < row.applied_on or cmd.verified_on > clock.now().date():
            raise InvalidInput(f"verified_on {cmd.verified_on} must lie between the application and today")
        with rule_errors():
            step = verification_outcome(
                CommitmentState(row.state), cmd.truthful, cmd.sanctions, cmd.verified_on, cmd.rectify_by
            )
        row.state = step.value
        row.verified_on = cmd.verified_on
        row.finding = cmd.finding
        row.sanctions = [s.value for s in dict.fromkeys(cmd.sanctions)]
        row.rectify_by = cmd.rectify_by if Sanction.RECTIFY in cmd.sanctions else None
        if step.value is CommitmentState.FALSE_COMMITMENT:
            record = uow.repo(CreditRecord).add(
                CreditRecord(
                    id=new_id(),
                    credit_code=row.applicant_credit_code,
                    kind=FALSE_COMMITMENT,
                    commitment_id=row.id,
                    recorded_on=cmd.verified_on,
                    created_at=clock.now(),
                )
            )
            uow.emit(
                CommitmentFoundFalse(
                    commitment_id=row.id,
                    applicant_credit_code=row.applicant_credit_code,
                    division_code=row.division_code,
                    department=row.department,
                    matter=row.matter,
                    sanctions=row.sanctions,  # type: ignore[arg-type]
                    rectify_by=row.rectify_by,
                    credit_record_id=record.id,
                    found_on=cmd.verified_on,
                    recorded_at=clock.now(),
                )
            )
        change.after = out = _out(row, step.basis)
    return out


def repair_credit(uow: UnitOfWork, record_id: str, cmd: CreditRepairIn) -> CreditRecordOut:
    """信用修复: from the repair day the applicant may use the commitment procedure again (Art. 32 para 3)."""
    record = uow.repo(CreditRecord).for_update(record_id)
    with uow.audited_change("credit_record.repair", record, render=_record_out) as change:
        if record.repaired_on is not None:
            with rule_errors():
                raise IllegalTransition(f"credit already repaired on {record.repaired_on}", basis=(ART32_FALSE,))
        if cmd.repaired_on < record.recorded_on or cmd.repaired_on > clock.now().date():
            raise InvalidInput(f"repaired_on {cmd.repaired_on} must lie between the record and today")
        record.repaired_on = cmd.repaired_on
        change.after = out = _record_out(record, (ART32_FALSE,))
    return out


def get(session: Session, commitment_id: str) -> CommitmentOut:
    return _out(Repository(session, CommitmentCase).get(commitment_id))


def list_commitments(session: Session, page: PageParams, state: CommitmentState | None) -> Page[CommitmentOut]:
    where = [CommitmentCase.state == state] if state else []
    return Repository(session, CommitmentCase).page(page, *where, order_by=CommitmentCase.created_at, convert=_out)


def credit_records(session: Session, page: PageParams, credit_code: str | None) -> Page[CreditRecordOut]:
    where = [CreditRecord.credit_code == credit_code] if credit_code else []
    return Repository(session, CreditRecord).page(page, *where, order_by=CreditRecord.created_at, convert=_record_out)
