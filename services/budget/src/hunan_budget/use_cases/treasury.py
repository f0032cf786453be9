"""Service layer for the treasury single account (R33, Opinion (十四)): the accounts of a level (a unit special
account only with the reason it is kept), movements between them (treasury money into a special account only under
a legal basis) and the look-through statement of each account (穿透式管理)."""

from __future__ import annotations

from decimal import Decimal

from sqlmodel import Session, or_

from hunan_budget.models import TreasuryAccount, TreasuryMovement
from hunan_budget.rules.basis import require
from hunan_budget.rules.execution import AccountKind, special_account_retained, treasury_movement_allowed
from hunan_budget.schemas.oversight import AccountIn, AccountOut, AccountStatementOut, MovementIn, MovementOut
from hunan_shared import clock
from hunan_shared.errors import InvalidInput, rule_errors
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id


def open_account(uow: UnitOfWork, cmd: AccountIn) -> AccountOut:
    with rule_errors():
        decision = require(special_account_retained(cmd.kind, cmd.justification))
    row = uow.repo(TreasuryAccount).add(TreasuryAccount(id=new_id(), **cmd.model_dump(), created_at=clock.now()))
    out = AccountOut(**row.model_dump(), basis=list(decision.basis))
    uow.audit("treasury_account.create", "treasury_account", row.id, after=out)
    return out


def move(uow: UnitOfWork, cmd: MovementIn) -> MovementOut:
    accounts = uow.repo(TreasuryAccount, noun="account")
    source, target = accounts.get(cmd.from_account_id), accounts.get(cmd.to_account_id)
    if source.id == target.id:
        raise InvalidInput("a movement goes between two different accounts")
    if source.division_code != target.division_code:
        raise InvalidInput("both accounts belong to the same level (transfers to other levels: /v1/transfers)")
    with rule_errors():
        decision = require(
            treasury_movement_allowed(AccountKind(source.kind), AccountKind(target.kind), cmd.legal_basis)
        )
    row = uow.repo(TreasuryMovement).add(TreasuryMovement(id=new_id(), **cmd.model_dump(), created_at=clock.now()))
    out = MovementOut(**row.model_dump(), basis=list(decision.basis))
    uow.audit("treasury_movement.create", "treasury_movement", row.id, after=out)
    return out


def statement(session: Session, account_id: str) -> AccountStatementOut:
    account = Repository(session, TreasuryAccount, noun="account").get(account_id)
    rows = Repository(session, TreasuryMovement).list(
        or_(TreasuryMovement.from_account_id == account_id, TreasuryMovement.to_account_id == account_id),
        order_by=(TreasuryMovement.moved_on, TreasuryMovement.id),
    )
    balance = sum((r.amount if r.to_account_id == account_id else -r.amount for r in rows), Decimal(0))
    return AccountStatementOut(
        account=AccountOut(**account.model_dump()),
        balance=balance,
        movements=[MovementOut(**r.model_dump()) for r in rows],
    )
