"""HTTP routes for budgets (W2) and their ledgers: compile, review, approve, disclose, pay and receive."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from fastapi import APIRouter, Depends, Query, Security
from pydantic import BaseModel, ConfigDict
from sqlmodel import Session

from hunan_budget.api import budget_settings
from hunan_budget.rules.budgets import BudgetState
from hunan_budget.schemas.budgets import (
    BudgetActionIn,
    BudgetIn,
    BudgetLineIn,
    BudgetLineOut,
    BudgetOut,
    PaymentIn,
    PaymentOut,
    ReceiptIn,
    ReceiptOut,
)
from hunan_budget.settings import BudgetSettings
from hunan_budget.use_cases import budgets
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1/budgets", tags=["budgets"])
payments_router = APIRouter(prefix="/v1/payments", tags=["budgets"])
receipts_router = APIRouter(prefix="/v1/receipts", tags=["budgets"])


class DisclosureIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    published_on: dt.date


@router.post(
    "", status_code=201, response_model=BudgetOut, operation_id="createBudget", summary="Open a unit's budget (DRAFT)"
)
def create_budget(
    body: BudgetIn,
    write: Writer = Security(writer, scopes=["budget:write"]),
    settings: BudgetSettings = Depends(budget_settings),
):
    return write.run(lambda uow: budgets.create(uow, body, settings), status_code=201, body=body)


@router.post(
    "/{budget_id}/lines",
    status_code=201,
    response_model=BudgetLineOut,
    operation_id="addBudgetLine",
    summary="Compile a line into a draft budget (priority list first, R1; project library, R16; fees, R5)",
)
def add_budget_line(budget_id: str, body: BudgetLineIn, write: Writer = Security(writer, scopes=["budget:write"])):
    return write.run(lambda uow: budgets.add_line(uow, budget_id, body), status_code=201, body=body)


@router.post(
    "/{budget_id}/actions",
    response_model=BudgetOut,
    operation_id="actOnBudget",
    summary="Review chain and approval: department_review, government_review, approve (R48)",
)
def act_on_budget(budget_id: str, body: BudgetActionIn, write: Writer = Security(writer, scopes=["budget:write"])):
    return write.run(lambda uow: budgets.act(uow, budget_id, body), body=body)


@router.post(
    "/{budget_id}/disclosure",
    response_model=BudgetOut,
    operation_id="discloseBudget",
    summary="Record the publication of an approved budget (due within 20 days, R51)",
)
def disclose_budget(budget_id: str, body: DisclosureIn, write: Writer = Security(writer, scopes=["budget:write"])):
    return write.run(lambda uow: budgets.disclose(uow, budget_id, body.published_on), body=body)


@router.get(
    "",
    response_model=Page[BudgetOut],
    operation_id="listBudgets",
    summary="List budgets",
    dependencies=[reader("budget:read")],
)
def list_budgets(
    page: PageParams = Depends(page_params),
    division: str | None = Query(None, pattern=r"^43\d{4}$"),
    budget_year: int | None = Query(None, ge=2021, le=2100),
    state: BudgetState | None = Query(None),
    session: Session = Depends(db_session),
):
    return budgets.list_budgets(session, page, division, budget_year, state)


@router.get(
    "/{budget_id}",
    response_model=BudgetOut,
    operation_id="getBudget",
    summary="One budget with its lines and ledgers",
    dependencies=[reader("budget:read")],
)
def get_budget(budget_id: str, session: Session = Depends(db_session)):
    return budgets.get(session, budget_id)


@payments_router.post(
    "",
    status_code=201,
    response_model=PaymentOut,
    operation_id="createPayment",
    summary="Pay from an approved line (R29) or as a suspense payment under an approved matter (R35)",
)
def create_payment(body: PaymentIn, write: Writer = Security(writer, scopes=["budget:write"])):
    return write.run(lambda uow: budgets.pay(uow, body), status_code=201, body=body)


@payments_router.get(
    "",
    response_model=Page[PaymentOut],
    operation_id="listPayments",
    summary="The expenditure ledger",
    dependencies=[reader("budget:read")],
)
def list_payments(
    page: PageParams = Depends(page_params),
    division: str | None = Query(None, pattern=r"^43\d{4}$"),
    line_id: str | None = Query(None, max_length=36),
    kind: Literal["BUDGETED", "SUSPENSE"] | None = Query(None),
    session: Session = Depends(db_session),
):
    return budgets.list_payments(session, page, division, line_id, kind)


@receipts_router.post(
    "",
    status_code=201,
    response_model=ReceiptOut,
    operation_id="createReceipt",
    summary="Book income against a budgeted revenue line (R6)",
)
def create_receipt(body: ReceiptIn, write: Writer = Security(writer, scopes=["budget:write"])):
    return write.run(lambda uow: budgets.receive(uow, body), status_code=201, body=body)
