"""Service layer of government commitments and contracts (Art. 19, W12): register, track risks, change only
lawfully, record payments; overdue payments are announced by the clock (use_cases/oversight_clocks.py)."""

from __future__ import annotations

from sqlmodel import Session, select

from hunan_business_env.models import CommitmentPayment, GovCommitment
from hunan_business_env.rules.government_commitments import (
    ART19,
    ART19_1,
    ART19_2,
    ART19_5,
    GovernmentCommitmentAction,
    GovernmentCommitmentState,
    change_allowed,
    next_state,
    payment_overdue,
)
from hunan_business_env.schemas.government_commitments import (
    ChangeIn,
    FulfilmentIn,
    GovernmentCommitmentIn,
    GovernmentCommitmentOut,
    PaymentMadeIn,
    PaymentOut,
    RiskIn,
)
from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.db import in_division
from hunan_shared.errors import InvalidInput, InvalidTransition, NotFound, rule_errors
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id


def _payments(session: Session, commitment_id: str) -> list[CommitmentPayment]:
    return list(
        session.exec(
            select(CommitmentPayment)
            .where(CommitmentPayment.commitment_id == commitment_id)
            .order_by(CommitmentPayment.seq)
        ).all()
    )


def _out(session: Session, row: GovCommitment, basis=()) -> GovernmentCommitmentOut:
    today = clock.now().date()
    payments = [
        PaymentOut(
            seq=p.seq,
            category=p.category,
            amount=p.amount,
            due_on=p.due_on,
            paid_on=p.paid_on,
            overdue=payment_overdue(p.due_on, p.paid_on, today).value,
            paid_late=p.paid_on is not None and p.paid_on > p.due_on,
        )
        for p in _payments(session, row.id)
    ]
    return GovernmentCommitmentOut(
        **row.model_dump(),
        in_default=any(p.overdue for p in payments),
        payments=payments,
        basis=list(basis),
    )


def _render(session: Session):
    return lambda row: _out(session, row).model_dump(mode="json")


def register(uow: UnitOfWork, cmd: GovernmentCommitmentIn) -> GovernmentCommitmentOut:
    """Art. 19 / 第十九条 (R31): the commitment is performed and tracked from signature, under its stated authority."""
    row = GovCommitment(
        id=new_id(),
        **cmd.model_dump(mode="json", exclude={"payments", "signed_on"}),
        signed_on=cmd.signed_on,
        state=GovernmentCommitmentState.PERFORMING.value,
        risks=[],
        changes=[],
        created_at=clock.now(),
    )
    uow.repo(GovCommitment).add(row)
    for seq, p in enumerate(sorted(cmd.payments, key=lambda p: p.due_on), start=1):
        uow.session.add(
            CommitmentPayment(
                commitment_id=row.id, seq=seq, category=p.category.value, amount=p.amount, due_on=p.due_on
            )
        )
    uow.session.flush()
    out = _out(uow.session, row, (ART19, ART19_1, ART19_5))
    uow.audit("commitment.register", "commitment", row.id, after=out.model_dump(mode="json"))
    return out


def flag_risk(uow: UnitOfWork, commitment_id: str, cmd: RiskIn) -> GovernmentCommitmentOut:
    """Art. 19(2) / 第十九条第（二）项 (R31): a risk and the measure taken; resolving it resumes normal performance."""
    row = uow.repo(GovCommitment).for_update(commitment_id)
    action = GovernmentCommitmentAction.RESOLVE_RISK if cmd.resolved else GovernmentCommitmentAction.FLAG_RISK
    with rule_errors():
        decision = next_state(GovernmentCommitmentState(row.state), action)
    with uow.audited_change("commitment.risk", row, render=_render(uow.session)):
        row.risks = [*row.risks, {**cmd.model_dump(mode="json"), "recorded_at": clock.now().isoformat()}]
        row.state = decision.value.value
        uow.session.add(row)
    return _out(uow.session, row, (ART19_2,))


def change(uow: UnitOfWork, commitment_id: str, cmd: ChangeIn) -> GovernmentCommitmentOut:
    """Art. 19(3)(4) (R32, R33, B14): a prohibited ground is refused with nothing written (409); a national or
    public-interest change needs the procedure and compensation (422), else it is recorded."""
    row = uow.repo(GovCommitment).for_update(commitment_id)
    with rule_errors():
        transition = next_state(GovernmentCommitmentState(row.state), GovernmentCommitmentAction.CHANGE)
        decision = change_allowed(cmd.reason, cmd.procedure_ref, cmd.compensation_ref)
    if cmd.decided_on < row.signed_on:
        raise InvalidInput("a change cannot be decided before the commitment was signed")
    with uow.audited_change("commitment.change", row, render=_render(uow.session)):
        row.changes = [*row.changes, {**cmd.model_dump(mode="json"), "recorded_at": clock.now().isoformat()}]
        row.state = transition.value.value
        uow.session.add(row)
    return _out(uow.session, row, decision.basis)


def record_payment(uow: UnitOfWork, commitment_id: str, seq: int, cmd: PaymentMadeIn) -> GovernmentCommitmentOut:
    """Art. 19(5) (R34): a payment made; late if after its due day (the default was announced by then)."""
    row = uow.repo(GovCommitment).for_update(commitment_id)
    payment = uow.session.exec(
        select(CommitmentPayment)
        .where(CommitmentPayment.commitment_id == commitment_id, CommitmentPayment.seq == seq)
        .with_for_update()
    ).first()
    if payment is None:
        raise NotFound(f"commitment {commitment_id} has no payment {seq}")
    if payment.paid_on is not None:
        raise InvalidTransition(f"payment {seq} was already paid on {payment.paid_on}", basis=(ART19_5,))
    if cmd.paid_on < row.signed_on:
        raise InvalidInput("a payment cannot predate the commitment")
    with uow.audited_change("commitment.payment", row, render=_render(uow.session)):
        payment.paid_on = cmd.paid_on
        uow.session.add(payment)
    return _out(uow.session, row, (ART19_5,))


def fulfil(uow: UnitOfWork, commitment_id: str, cmd: FulfilmentIn) -> GovernmentCommitmentOut:
    """A commitment is fulfilled only with every payment made and no open risk."""
    row = uow.repo(GovCommitment).for_update(commitment_id)
    with rule_errors():
        decision = next_state(GovernmentCommitmentState(row.state), GovernmentCommitmentAction.FULFIL)
    unpaid = [p.seq for p in _payments(uow.session, row.id) if p.paid_on is None]
    if unpaid:
        raise InvalidTransition(f"payments {unpaid} are unpaid: the commitment is not fulfilled", basis=(ART19_5,))
    with uow.audited_change("commitment.fulfil", row, render=_render(uow.session)):
        row.state = decision.value.value
        uow.session.add(row)
    return _out(uow.session, row, decision.basis)


def get(session: Session, commitment_id: str) -> GovernmentCommitmentOut:
    return _out(session, Repository(session, GovCommitment).get(commitment_id))


def list_commitments(
    session: Session, page: PageParams, division: str | None, counterpart: str | None
) -> Page[GovernmentCommitmentOut]:
    where = []
    if division:
        where.append(in_division(GovCommitment.division_code, division))
    if counterpart:
        where.append(GovCommitment.counterpart_credit_code == counterpart)
    return Repository(session, GovCommitment).page(
        page,
        *where,
        order_by=(GovCommitment.created_at.desc(), GovCommitment.id),
        convert=lambda r: _out(session, r),
    )
