"""HTTP routes for the treasury single account (R33, Opinion (十四)): accounts, movements, look-through statements."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Security
from sqlmodel import Session

from hunan_budget.schemas.oversight import AccountIn, AccountOut, AccountStatementOut, MovementIn, MovementOut
from hunan_budget.use_cases import treasury
from hunan_shared.api import Writer, db_session, reader, writer

router = APIRouter(prefix="/v1/treasury-accounts", tags=["treasury"])
movements_router = APIRouter(prefix="/v1/treasury-movements", tags=["treasury"])


@router.post(
    "",
    status_code=201,
    response_model=AccountOut,
    operation_id="openTreasuryAccount",
    summary="Register the treasury account or a special account (a unit special account needs its reason)",
)
def open_account(body: AccountIn, write: Writer = Security(writer, scopes=["budget:write"])):
    return write.run(lambda uow: treasury.open_account(uow, body), status_code=201, body=body)


@router.get(
    "/{account_id}/statement",
    response_model=AccountStatementOut,
    operation_id="treasuryAccountStatement",
    summary="Every movement in and out of the account and its balance (穿透式管理)",
    dependencies=[reader("budget:read")],
)
def account_statement(account_id: str, session: Session = Depends(db_session)):
    return treasury.statement(session, account_id)


@movements_router.post(
    "",
    status_code=201,
    response_model=MovementOut,
    operation_id="moveTreasuryMoney",
    summary="Move money between accounts of a level; treasury money into a special account "
    "only under a legal basis (R33)",
)
def move_money(body: MovementIn, write: Writer = Security(writer, scopes=["budget:write"])):
    return write.run(lambda uow: treasury.move(uow, body), status_code=201, body=body)
