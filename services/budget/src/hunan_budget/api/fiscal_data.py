"""HTTP route for open fiscal data: a level's budgets and execution as a Fiscal Data Package."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Path
from sqlmodel import Session

from hunan_budget.use_cases import fiscal_data
from hunan_shared.api import db_session, reader

router = APIRouter(prefix="/v1/fiscal-data", tags=["fiscal-data"])


@router.get(
    "/{division_code}/{budget_year}/datapackage.json",
    response_model=dict[str, Any],
    operation_id="exportFiscalData",
    summary="Budgets and execution of a level (and the levels inside it) as a Fiscal Data Package",
    dependencies=[reader("budget:read")],
)
def export_fiscal_data(
    division_code: str = Path(pattern=r"^43\d{4}$"),
    budget_year: int = Path(ge=2021, le=2100),
    session: Session = Depends(db_session),
):
    return fiscal_data.export(session, division_code, budget_year)
