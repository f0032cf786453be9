"""Service layer for the lists a budget is compiled against: the priority guarantee list (Opinion (一)), the
fee-fund catalogue (Opinion (三)) and expenditure standards with their floors (Opinion (十一))."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from sqlmodel import Session, func, select

from hunan_budget.models import BudgetLine, ExpenditureStandard, FeeFundItem, PriorityItem
from hunan_budget.rules.basis import require
from hunan_budget.rules.budgets import PriorityFunding, mirror_allowed, standard_allowed
from hunan_budget.schemas.catalogues import (
    FeeFundItemIn,
    FeeFundItemOut,
    PriorityItemIn,
    PriorityItemOut,
    StandardIn,
    StandardOut,
)
from hunan_shared import clock, divisions
from hunan_shared.errors import Conflict, InvalidInput, rule_errors
from hunan_shared.legal import Basis
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id

PROVINCE = divisions.PROVINCE_CODE


# --- priority guarantee list ------------------------------------------------------------------------------------


def _funded(session: Session, item_id: str) -> Decimal:
    total = session.exec(
        select(func.coalesce(func.sum(BudgetLine.amount), 0)).where(BudgetLine.priority_item_id == item_id)
    ).one()
    return Decimal(total)


def _item_out(session: Session, item: PriorityItem) -> PriorityItemOut:
    funded = _funded(session, item.id)
    return PriorityItemOut(**item.model_dump(), funded_amount=funded, fully_guaranteed=funded >= item.required_amount)


def priority_funding(session: Session, division_code: str, budget_year: int) -> list[PriorityFunding]:
    """What each item of the level's list needs and has (R1)."""
    items = Repository(session, PriorityItem).list(
        PriorityItem.division_code == division_code,
        PriorityItem.budget_year == budget_year,
        order_by=PriorityItem.priority_order,
    )
    return [PriorityFunding(i.id, i.task, i.required_amount, _funded(session, i.id)) for i in items]


def add_priority_item(uow: UnitOfWork, cmd: PriorityItemIn) -> PriorityItemOut:
    """Put an item on a level's 大事要事保障清单; a local item may mirror a provincial one (R2)."""
    mirrored = uow.repo(PriorityItem, noun="priority item").get(cmd.mirrors_item_id) if cmd.mirrors_item_id else None
    if mirrored is not None and mirrored.budget_year != cmd.budget_year:
        raise InvalidInput("the mirrored provincial item belongs to another year")
    with rule_errors():
        decision = require(
            mirror_allowed(
                cmd.division_code == PROVINCE, None if mirrored is None else mirrored.division_code == PROVINCE
            )
        )
    item = uow.repo(PriorityItem).add(PriorityItem(id=new_id(), **cmd.model_dump(), created_at=clock.now()))
    out = _item_out(uow.session, item)
    uow.audit("priority_item.create", "priority_item", item.id, after={**out.model_dump(), "basis": decision.basis})
    return out


def list_priority_items(
    session: Session, division_code: str, budget_year: int, unmirrored_only: bool = False
) -> list[PriorityItemOut]:
    """The level's list in priority order; with `unmirrored_only`, the provincial items `division_code` has not
    mirrored yet (R2: each must be mirrored or consciously left out)."""
    repo = Repository(session, PriorityItem)
    if unmirrored_only:
        mirrored = {
            i.mirrors_item_id
            for i in repo.list(PriorityItem.division_code == division_code, PriorityItem.budget_year == budget_year)
        }
        rows = [
            i
            for i in repo.list(
                PriorityItem.division_code == PROVINCE,
                PriorityItem.budget_year == budget_year,
                order_by=PriorityItem.priority_order,
            )
            if i.id not in mirrored
        ]
    else:
        rows = repo.list(
            PriorityItem.division_code == division_code,
            PriorityItem.budget_year == budget_year,
            order_by=PriorityItem.priority_order,
        )
    return [_item_out(session, i) for i in rows]


# --- fee-fund catalogue -----------------------------------------------------------------------------------------


def add_fee_item(uow: UnitOfWork, cmd: FeeFundItemIn) -> FeeFundItemOut:
    """List a fee or government fund with its legal basis (Opinion (三): fees exist only on the list)."""
    if uow.repo(FeeFundItem).find(cmd.code) is not None:
        raise Conflict(f"fee-fund item {cmd.code} is already listed")
    item = uow.repo(FeeFundItem).add(FeeFundItem(**cmd.model_dump(), created_at=clock.now()))
    out = FeeFundItemOut(**item.model_dump())
    uow.audit("fee_item.create", "fee_item", item.code, after=out)
    return out


def fee_codes(session: Session) -> frozenset[str]:
    return frozenset(session.exec(select(FeeFundItem.code)).all())


def list_fee_items(session: Session) -> list[FeeFundItemOut]:
    return [FeeFundItemOut(**i.model_dump()) for i in Repository(session, FeeFundItem).list(order_by=FeeFundItem.code)]


# --- expenditure standards --------------------------------------------------------------------------------------


def upper_standard(session: Session, code: str, division_code: str, on: object) -> ExpenditureStandard | None:
    """The standard of the nearest containing government in force on `on` (latest effective_from ≤ on)."""
    for upper in divisions.ancestors(division_code):  # nearest first
        found = session.exec(
            select(ExpenditureStandard)
            .where(
                ExpenditureStandard.code == code,
                ExpenditureStandard.division_code == upper,
                ExpenditureStandard.effective_from <= on,
            )
            .order_by(ExpenditureStandard.effective_from.desc())  # type: ignore[attr-defined]
        ).first()
        if found is not None:
            return found
    return None


def _standard_out(row: ExpenditureStandard, upper: Decimal | None, basis: Iterable[Basis] = ()) -> StandardOut:
    return StandardOut(**row.model_dump(), upper_amount=upper, basis=list(basis))


def add_standard(uow: UnitOfWork, cmd: StandardIn) -> StandardOut:
    """Register a standard; a lower level's is filed upward and not below the upper level's base (R27)."""
    upper = upper_standard(uow.session, cmd.code, cmd.division_code, cmd.effective_from)
    upper_amount = upper.amount if upper is not None else None
    with rule_errors():
        decision = require(standard_allowed(cmd.amount, upper_amount, cmd.filed_with_upper))
    row = uow.repo(ExpenditureStandard).add(
        ExpenditureStandard(id=new_id(), **cmd.model_dump(), created_at=clock.now())
    )
    out = _standard_out(row, upper_amount, decision.basis)
    uow.audit("standard.create", "standard", row.id, after=out)
    return out


def list_standards(session: Session, code: str | None, division_code: str | None) -> list[StandardOut]:
    where = []
    if code:
        where.append(ExpenditureStandard.code == code)
    if division_code:
        where.append(ExpenditureStandard.division_code == division_code)
    rows = Repository(session, ExpenditureStandard).list(
        *where,
        order_by=(ExpenditureStandard.code, ExpenditureStandard.division_code, ExpenditureStandard.effective_from),
    )
    out = []
    for row in rows:
        upper = upper_standard(session, row.code, row.division_code, row.effective_from)
        out.append(_standard_out(row, upper.amount if upper else None))
    return out
