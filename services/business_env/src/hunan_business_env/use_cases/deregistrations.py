"""Service layer of simplified deregistration (W6, Art. 20): eligibility decided at application, a public notice
period with objections, then deregistration announced to the agencies that close their records."""

from __future__ import annotations

from sqlmodel import Session, select

from hunan_business_env.models import Deregistration
from hunan_business_env.rules.checks import Settlement, simplified_deregistration_eligible
from hunan_business_env.rules.deregistration import (
    DeregistrationAction,
    DeregistrationState,
    next_deregistration_state,
    notice_until,
)
from hunan_business_env.schemas.deregistrations import (
    DeregistrationCompletionIn,
    DeregistrationIn,
    DeregistrationOut,
    ObjectionIn,
)
from hunan_business_env.settings import BusinessEnvSettings
from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.errors import Conflict, InvalidInput, rule_errors
from hunan_shared.events.catalogue import DeregistrationCompleted
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id


def _out(row: Deregistration, basis=()) -> DeregistrationOut:
    return DeregistrationOut(
        **row.model_dump(exclude={"created_at", "state"}), state=DeregistrationState(row.state), basis=list(basis)
    )


def apply(uow: UnitOfWork, cmd: DeregistrationIn, settings: BusinessEnvSettings) -> DeregistrationOut:
    """Art. 20 / 第二十条 (R36): eligible → publicly announced for the notice period; ineligible → recorded with the
    outstanding items, the enterprise goes to the ordinary procedure."""
    if cmd.applied_on > clock.now().date():
        raise InvalidInput("applied_on lies in the future")
    if cmd.commitments_signed > cmd.investors:
        raise InvalidInput(f"{cmd.commitments_signed} commitments from {cmd.investors} investors")
    open_case = select(Deregistration).where(
        Deregistration.credit_code == cmd.credit_code, Deregistration.state == DeregistrationState.NOTICE.value
    )
    if uow.session.exec(open_case).first() is not None:
        raise Conflict(f"{cmd.credit_code} already has a simplified deregistration under public notice")
    items = {k: Settlement(v) for k, v in cmd.checklist.model_dump().items()}
    eligible = simplified_deregistration_eligible(items, cmd.investors, cmd.commitments_signed)
    basis = eligible.basis
    until = None
    if eligible.value:
        period = notice_until(cmd.applied_on, settings.deregistration_notice_days)
        until, basis = period.value, basis + period.basis
    row = Deregistration(
        id=new_id(),
        credit_code=cmd.credit_code,
        enterprise_name=cmd.enterprise_name,
        division_code=cmd.division_code,
        checklist={k: v.value for k, v in items.items()},
        investors=cmd.investors,
        commitments_signed=cmd.commitments_signed,
        state=DeregistrationState.NOTICE if eligible.value else DeregistrationState.INELIGIBLE,
        reason=eligible.reason,
        applied_on=cmd.applied_on,
        notice_until=until,
        created_at=clock.now(),
    )
    uow.repo(Deregistration).add(row)
    out = _out(row, basis)
    uow.audit("deregistration.apply", "deregistration", row.id, after=out.model_dump(mode="json"))
    return out


def object_to(uow: UnitOfWork, deregistration_id: str, cmd: ObjectionIn) -> DeregistrationOut:
    """An objection during the notice period ends the simplified procedure (ordinary procedure follows)."""
    row = uow.repo(Deregistration).for_update(deregistration_id)
    with uow.audited_change("deregistration.object", row, render=_out) as change:
        if cmd.raised_on < row.applied_on or cmd.raised_on > clock.now().date():
            raise InvalidInput(f"raised_on {cmd.raised_on} must lie between the application and today")
        with rule_errors():
            step = next_deregistration_state(
                DeregistrationState(row.state), DeregistrationAction.OBJECT, cmd.raised_on, row.notice_until
            )
        row.state = step.value
        row.objection = cmd.model_dump(mode="json")
        row.reason = step.reason
        change.after = out = _out(row, step.basis)
    return out


def complete(uow: UnitOfWork, deregistration_id: str, cmd: DeregistrationCompletionIn) -> DeregistrationOut:
    """After the notice period without objection the registration authority deregisters the enterprise."""
    row = uow.repo(Deregistration).for_update(deregistration_id)
    with uow.audited_change("deregistration.complete", row, render=_out) as change:
        if cmd.deregistered_on > clock.now().date():
            raise InvalidInput("deregistered_on lies in the future")
        with rule_errors():
            step = next_deregistration_state(
                DeregistrationState(row.state), DeregistrationAction.COMPLETE, cmd.deregistered_on, row.notice_until
            )
        assert row.notice_until is not None  # NOTICE has it
        row.state = step.value
        row.deregistered_on = cmd.deregistered_on
        row.reason = step.reason
        uow.emit(
            DeregistrationCompleted(
                deregistration_id=row.id,
                enterprise_credit_code=row.credit_code,
                division_code=row.division_code,
                applied_on=row.applied_on,
                notice_until=row.notice_until,
                deregistered_on=cmd.deregistered_on,
                recorded_at=clock.now(),
            )
        )
        change.after = out = _out(row, step.basis)
    return out


def get(session: Session, deregistration_id: str) -> DeregistrationOut:
    return _out(Repository(session, Deregistration).get(deregistration_id))


def list_deregistrations(
    session: Session, page: PageParams, state: DeregistrationState | None
) -> Page[DeregistrationOut]:
    where = [Deregistration.state == state] if state else []
    return Repository(session, Deregistration).page(page, *where, order_by=Deregistration.created_at, convert=_out)
