"""Service layer of the port fee catalogue (R72), approval delegations (R48) and supervisors (R94)."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, select

from hunan_business_env.models import ApprovalDelegation, PortFee, Supervisor
from hunan_business_env.rules.lists import (
    Delegation,
    delegation_support_missing,
    handling_agency,
    port_charge_listed,
    port_fee_missing,
    supervisor_may_report,
)
from hunan_business_env.schemas.complaints import ComplaintIn, ComplaintOut, ComplaintSource
from hunan_business_env.schemas.lists import (
    DelegationIn,
    DelegationOut,
    DelegationRevokeIn,
    HandlerOut,
    PortChargeIn,
    PortChargeOut,
    PortFeeIn,
    PortFeeOut,
    SupervisorIn,
    SupervisorOut,
    SupervisorReportIn,
)
from hunan_business_env.settings import BusinessEnvSettings
from hunan_business_env.use_cases import complaints
from hunan_shared.api import Page, PageParams
from hunan_shared.errors import Conflict, InvalidInput, RuleViolation
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id

# --- R72: port fees ------------------------------------------------------------------------------------------


def add_port_fee(uow: UnitOfWork, cmd: PortFeeIn) -> PortFeeOut:
    """Art. 33 para 2 / 第三十三条第二款 (R72): refused (422, blank fields named) unless item, scope, standard and
    pricing method are all disclosed."""
    missing = port_fee_missing(cmd.model_dump())
    if missing.value:
        raise RuleViolation(missing.reason, basis=missing.basis, extra={"missing": list(missing.value)})
    exists = uow.session.exec(
        select(PortFee).where(PortFee.charging_entity == cmd.charging_entity, PortFee.fee_item == cmd.fee_item)
    ).first()
    if exists:
        raise Conflict(f"{cmd.fee_item} of {cmd.charging_entity} is already in the catalogue")
    row = uow.repo(PortFee).add(PortFee(id=new_id(), **cmd.model_dump()))
    out = PortFeeOut.model_validate(row, from_attributes=True)
    uow.audit("port_fee.add", "port_fee", row.id, after=out.model_dump(mode="json"))
    return out


def list_port_fees(session: Session, page: PageParams, entity: str | None, q: str | None) -> Page[PortFeeOut]:
    """Online and searchable (可查询): by charging entity and by words of the item."""
    where = []
    if entity:
        where.append(PortFee.charging_entity == entity)
    if q:
        where.append(PortFee.fee_item.contains(q))  # type: ignore[attr-defined]
    return Repository(session, PortFee).page(
        page,
        *where,
        order_by=(PortFee.charging_entity, PortFee.fee_item),
        convert=lambda r: PortFeeOut.model_validate(r, from_attributes=True),
    )


def check_port_charge(session: Session, cmd: PortChargeIn) -> PortChargeOut:
    row = session.exec(
        select(PortFee).where(PortFee.charging_entity == cmd.charging_entity, PortFee.fee_item == cmd.fee_item)
    ).first()
    decision = port_charge_listed(row is not None, cmd.charging_entity, cmd.fee_item)
    return PortChargeOut(
        charging_entity=cmd.charging_entity,
        fee_item=cmd.fee_item,
        outcome=decision.value,
        reason=decision.reason,
        basis=list(decision.basis),
    )


# --- R48: delegations ----------------------------------------------------------------------------------------


def _del_out(row: ApprovalDelegation) -> DelegationOut:
    return DelegationOut.model_validate(row, from_attributes=True)


def delegate(uow: UnitOfWork, cmd: DelegationIn) -> DelegationOut:
    missing = delegation_support_missing(list(cmd.support))
    if missing.value:
        raise RuleViolation(missing.reason, basis=missing.basis, extra={"missing": [m.value for m in missing.value]})
    row = uow.repo(ApprovalDelegation).add(ApprovalDelegation(id=new_id(), **cmd.model_dump()))
    out = _del_out(row)
    uow.audit("delegation.add", "approval_delegation", row.id, after=out.model_dump(mode="json"))
    return out


def revoke(uow: UnitOfWork, delegation_id: str, cmd: DelegationRevokeIn) -> DelegationOut:
    row = uow.repo(ApprovalDelegation).get(delegation_id)
    if row.revoked_on is not None:
        raise Conflict(f"delegation already revoked on {row.revoked_on}")
    if cmd.revoked_on <= row.effective_from:
        raise InvalidInput("revoked_on must follow effective_from")
    before = _del_out(row).model_dump(mode="json")
    row.revoked_on = cmd.revoked_on
    uow.session.add(row)
    out = _del_out(row)
    uow.audit("delegation.revoke", "approval_delegation", row.id, before=before, after=out.model_dump(mode="json"))
    return out


def list_delegations(session: Session, page: PageParams) -> Page[DelegationOut]:
    return Repository(session, ApprovalDelegation).page(
        page, order_by=(ApprovalDelegation.matter, ApprovalDelegation.effective_from), convert=_del_out
    )


def handler(session: Session, matter: str, original_agency: str, on: dt.date) -> HandlerOut:
    rows = session.exec(
        select(ApprovalDelegation).where(
            ApprovalDelegation.matter == matter, ApprovalDelegation.original_agency == original_agency
        )
    ).all()
    decision = handling_agency(
        original_agency, [Delegation(r.receiving_agency, r.effective_from, r.revoked_on) for r in rows], on
    )
    return HandlerOut(
        matter=matter,
        original_agency=original_agency,
        on=on,
        handling_agency=decision.value,
        reason=decision.reason,
        basis=list(decision.basis),
    )


# --- R94: supervisors ----------------------------------------------------------------------------------------


def _sup_out(row: Supervisor) -> SupervisorOut:
    return SupervisorOut.model_validate(row, from_attributes=True)


def appoint(uow: UnitOfWork, cmd: SupervisorIn) -> SupervisorOut:
    row = uow.repo(Supervisor).add(Supervisor(id=new_id(), **cmd.model_dump()))
    out = _sup_out(row)
    uow.audit("supervisor.appoint", "supervisor", row.id, after=out.model_dump(mode="json"))
    return out


def dismiss(uow: UnitOfWork, supervisor_id: str, cmd: DelegationRevokeIn) -> SupervisorOut:
    row = uow.repo(Supervisor).get(supervisor_id)
    if row.dismissed_on is not None:
        raise Conflict(f"supervisor already dismissed on {row.dismissed_on}")
    if cmd.revoked_on <= row.appointed_on:
        raise InvalidInput("the dismissal must follow the appointment")
    before = _sup_out(row).model_dump(mode="json")
    row.dismissed_on = cmd.revoked_on
    uow.session.add(row)
    out = _sup_out(row)
    uow.audit("supervisor.dismiss", "supervisor", row.id, before=before, after=out.model_dump(mode="json"))
    return out


def list_supervisors(session: Session, page: PageParams) -> Page[SupervisorOut]:
    return Repository(session, Supervisor).page(
        page, order_by=(Supervisor.division_code, Supervisor.id), convert=_sup_out
    )


def report(uow: UnitOfWork, supervisor_id: str, cmd: SupervisorReportIn, settings: BusinessEnvSettings) -> ComplaintOut:
    """Art. 48 / 第四十八条 (R94): a supervisor's report enters the complaints ledger (W1) with source SUPERVISOR,
    so it is verified and rectified on the ledger's deadlines; refused (422) outside the appointment."""
    sup = uow.repo(Supervisor).get(supervisor_id)
    may = supervisor_may_report(sup.appointed_on, sup.term_ends, sup.dismissed_on, cmd.received_on)
    if not may.value:
        raise RuleViolation(may.reason, basis=may.basis)
    complaint = ComplaintIn(
        source=ComplaintSource.SUPERVISOR,
        complainant=sup.appointee,
        respondent=cmd.respondent,
        respondent_division_code=cmd.respondent_division_code,
        allegation=cmd.allegation,
        received_on=cmd.received_on,
    )
    return complaints.open_account(uow, complaint, settings)
