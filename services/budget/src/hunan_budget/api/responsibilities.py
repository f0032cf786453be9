"""HTTP routes for the natural-resources responsibility matrix (Division Plan 二): read-only reference data."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query

from hunan_budget.api import budget_settings
from hunan_budget.rules.responsibility import ResponsibilityLevel
from hunan_budget.schemas.responsibilities import ResponsibilityOut
from hunan_budget.settings import BudgetSettings
from hunan_budget.use_cases import responsibilities
from hunan_shared.api import reader

router = APIRouter(prefix="/v1/responsibilities", tags=["responsibilities"])


@router.get(
    "",
    response_model=list[ResponsibilityOut],
    operation_id="lookupResponsibilities",
    summary="Who bears a natural-resources expenditure: look up matters by id or wording",
    dependencies=[reader("budget:read")],
)
def lookup_responsibilities(
    item: str | None = Query(
        None, min_length=2, max_length=100, description="Matter id (NR-505) or words, e.g. 矿业权许可审批"
    ),
    level: ResponsibilityLevel | None = Query(None),
    section: str | None = Query(None, max_length=10, description="Division Plan section, e.g. 二(六)"),
    settings: BudgetSettings = Depends(budget_settings),
):
    return responsibilities.lookup(settings, item, level, section)


@router.get(
    "/{matter_id}",
    response_model=ResponsibilityOut,
    operation_id="getResponsibility",
    summary="One matter of the responsibility matrix",
    dependencies=[reader("budget:read")],
)
def get_responsibility(matter_id: str, settings: BudgetSettings = Depends(budget_settings)):
    return responsibilities.get(settings, matter_id)
