"""Service layer of enterprise fees and deposits (W8, Art. 15): the fee catalogue, charges accepted only against
it, and deposits in the enterprise's chosen form, returned within the prescribed working days."""

from __future__ import annotations

from sqlmodel import Session, select

from hunan_business_env.models import Deposit, FeeCharge, FeeItem
from hunan_business_env.rules.checks import FeeOutcome, fee_charge_check
from hunan_business_env.rules.fees import (
    DepositForm,
    DepositState,
    deposit_form_check,
    levy_allowed,
    next_deposit_state,
    refund_due,
)
from hunan_business_env.schemas.common import DeadlineOut
from hunan_business_env.schemas.fees import (
    DepositIn,
    DepositOut,
    FeeChargeIn,
    FeeChargeOut,
    FeeItemIn,
    FeeItemOut,
    RefundIn,
    ReleaseIn,
)
from hunan_business_env.settings import BusinessEnvSettings
from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.errors import Conflict, InvalidInput, RuleViolation, rule_errors
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id

# --- fee catalogue and charges --------------------------------------------------------------------------


def _item_out(row: FeeItem) -> FeeItemOut:
    return FeeItemOut.model_validate(row, from_attributes=True)


def add_item(uow: UnitOfWork, cmd: FeeItemIn) -> FeeItemOut:
    """涉企收费目录清单: an item enters the catalogue with its standard, scope and validity."""
    if uow.session.exec(select(FeeItem).where(FeeItem.code == cmd.code)).first():
        raise Conflict(f"fee item {cmd.code} is already in the catalogue")
    row = uow.repo(FeeItem).add(FeeItem(id=new_id(), **cmd.model_dump(), created_at=clock.now()))
    out = _item_out(row)
    uow.audit("fee_item.add", "fee_item", row.id, after=out.model_dump(mode="json"))
    return out


def list_items(session: Session, page: PageParams) -> Page[FeeItemOut]:
    return Repository(session, FeeItem).page(page, order_by=FeeItem.code, convert=_item_out)


def charge(uow: UnitOfWork, cmd: FeeChargeIn) -> FeeChargeOut:
    """Art. 15 / 第十五条 (R22): a charge is accepted only for a catalogue item valid on the charge day, charged by
    its department, at most the standard and for a matter within its scope; anything else is refused (422, the
    outcome and the article named, nothing written)."""
    if cmd.charged_on > clock.now().date():
        raise InvalidInput("charged_on lies in the future")
    levy = levy_allowed(cmd.levy)
    if not levy.value:
        raise RuleViolation(levy.reason, basis=levy.basis, extra={"outcome": cmd.levy.value})
    item = uow.session.exec(select(FeeItem).where(FeeItem.code == cmd.fee_item_code)).first()
    valid = (
        item is not None
        and item.valid_from <= cmd.charged_on
        and (item.valid_to is None or cmd.charged_on <= item.valid_to)
    )
    in_scope = item is not None and cmd.matter in item.scope and cmd.department == item.department
    check = fee_charge_check(
        listed=item is not None,
        valid_on_charge_date=valid,
        amount=cmd.amount,
        standard=item.standard if item is not None else None,
        in_scope=in_scope,
    )
    if check.value is not FeeOutcome.OK:
        raise RuleViolation(f"{check.value}: {check.reason}", basis=check.basis, extra={"outcome": check.value.value})
    assert item is not None
    row = uow.repo(FeeCharge).add(
        FeeCharge(
            id=new_id(),
            fee_item_id=item.id,
            **cmd.model_dump(exclude={"fee_item_code", "levy"}),
            created_at=clock.now(),
        )
    )
    out = FeeChargeOut(**cmd.model_dump(), id=row.id, outcome=check.value, basis=list(levy.basis + check.basis))
    uow.audit("fee_charge.accept", "fee_charge", row.id, after=out.model_dump(mode="json"))
    return out


# --- deposits -----------------------------------------------------------------------------------------------


def _deposit_out(row: Deposit, basis=()) -> DepositOut:
    state = DepositState(row.state)
    return DepositOut(
        **row.model_dump(
            exclude={"created_at", "state", "form", "refund_due", "refund_due_provisional", "overdue_announced"}
        ),
        form=DepositForm(row.form),
        state=state,
        refund_due=DeadlineOut(date=row.refund_due, provisional=bool(row.refund_due_provisional))
        if row.refund_due
        else None,
        refunded_on_time=row.refunded_on <= row.refund_due if row.refunded_on and row.refund_due else None,
        overdue=state is DepositState.RELEASE_TRIGGERED
        and row.refund_due is not None
        and clock.now().date() > row.refund_due,
        basis=list(basis),
    )


def post_deposit(uow: UnitOfWork, cmd: DepositIn, settings: BusinessEnvSettings) -> DepositOut:
    """Art. 15 para 2 / 第十五条第二款 (R24): recorded only in a form the enterprise chose among the permitted ones,
    with a department that accepts all of them."""
    if cmd.posted_on > clock.now().date():
        raise InvalidInput("posted_on lies in the future")
    with rule_errors():
        form = deposit_form_check(cmd.form, cmd.permitted_forms, cmd.accepted_forms)
    row = Deposit(
        id=new_id(),
        **cmd.model_dump(exclude={"form", "permitted_forms", "accepted_forms", "refund_working_days"}),
        form=form.value.value,
        refund_working_days=cmd.refund_working_days or settings.deposit_refund_working_days,
        state=DepositState.HELD,
        created_at=clock.now(),
    )
    uow.repo(Deposit).add(row)
    out = _deposit_out(row, form.basis)
    uow.audit("deposit.post", "deposit", row.id, after=out.model_dump(mode="json"))
    return out


def release(uow: UnitOfWork, deposit_id: str, cmd: ReleaseIn) -> DepositOut:
    """保证事项完成或者保证事由消失: the return clock starts (R25)."""
    row = uow.repo(Deposit).for_update(deposit_id)
    with uow.audited_change("deposit.release", row, render=_deposit_out) as change:
        with rule_errors():
            step = next_deposit_state(DepositState(row.state), DepositState.RELEASE_TRIGGERED)
        if cmd.released_on < row.posted_on or cmd.released_on > clock.now().date():
            raise InvalidInput(f"released_on {cmd.released_on} must lie between posting and today")
        due = refund_due(cmd.released_on, row.refund_working_days)
        row.state = step.value
        row.released_on = cmd.released_on
        row.release_cause = cmd.cause
        row.refund_due, row.refund_due_provisional = due.value.date, due.value.provisional
        change.after = out = _deposit_out(row, step.basis + due.basis)
    return out


def refund(uow: UnitOfWork, deposit_id: str, cmd: RefundIn) -> DepositOut:
    """清退返还 (a guarantee: released); late returns are recorded as late, not refused."""
    row = uow.repo(Deposit).for_update(deposit_id)
    with uow.audited_change("deposit.refund", row, render=_deposit_out) as change:
        with rule_errors():
            step = next_deposit_state(DepositState(row.state), DepositState.REFUNDED)
        assert row.released_on is not None
        if cmd.refunded_on < row.released_on or cmd.refunded_on > clock.now().date():
            raise InvalidInput(f"refunded_on {cmd.refunded_on} must lie between the release and today")
        row.state = step.value
        row.refunded_on = cmd.refunded_on
        change.after = out = _deposit_out(row, step.basis)
    return out


def get_deposit(session: Session, deposit_id: str) -> DepositOut:
    return _deposit_out(Repository(session, Deposit).get(deposit_id))


def list_deposits(
    session: Session, page: PageParams, state: DepositState | None, credit_code: str | None
) -> Page[DepositOut]:
    where = []
    if state:
        where.append(Deposit.state == state)
    if credit_code:
        where.append(Deposit.credit_code == credit_code)
    return Repository(session, Deposit).page(page, *where, order_by=Deposit.created_at, convert=_deposit_out)
