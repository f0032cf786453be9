"""Service layer of content-creation grants: the science-creation funding plan and the sci-fi support plan
(三(二)1–2, R33). The plan gives no amounts or criteria; the register keeps who was funded for what, so the
funding per category and region can be read."""

from __future__ import annotations

from decimal import Decimal

from sqlmodel import Session, func, select

from hunan_science.models import ContentGrant, ContentItem
from hunan_science.rules.content import ContentState
from hunan_science.rules.outreach import funding_basis, grant
from hunan_science.schemas.grants import GrantIn, GrantOut, GrantTotalsOut
from hunan_science.use_cases import _registers
from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.errors import RuleViolation, rule_errors
from hunan_shared.uow import UnitOfWork, new_id


def _out(row: ContentGrant, basis=()) -> GrantOut:
    return GrantOut(**row.model_dump(), basis=list(basis) or [funding_basis(row.category)])


def record(uow: UnitOfWork, cmd: GrantIn) -> GrantOut:
    work_state = None
    if cmd.content_id is not None:
        work_state = ContentState(uow.repo(ContentItem).get(cmd.content_id).state)
    with rule_errors():
        decision = grant(cmd.category, cmd.amount, work_state)
    if not decision.value:
        raise RuleViolation(f"grant refused: {decision.reason}", basis=decision.basis)
    row = ContentGrant(id=new_id(), **cmd.model_dump(), recorded_at=clock.now())
    _registers.record(uow, row, "grant.record")
    return _out(row, decision.basis)


def list_grants(
    session: Session, page: PageParams, year: int | None, division: str | None, category: str | None
) -> Page[GrantOut]:
    where = [ContentGrant.category == category] if category else []
    return _registers.page(
        session,
        ContentGrant,
        page,
        *where,
        convert=_out,
        division=division,
        year=year,
        order_by=(ContentGrant.recorded_at.desc(), ContentGrant.id),
    )


def totals(session: Session, year: int | None) -> GrantTotalsOut:
    query = select(ContentGrant.category, func.sum(ContentGrant.amount)).group_by(ContentGrant.category)
    if year is not None:
        query = query.where(ContentGrant.year == year)
    by_category = {cat: Decimal(str(amount)).quantize(Decimal("0.01")) for cat, amount in session.exec(query).all()}
    return GrantTotalsOut(
        year=year, by_category=dict(sorted(by_category.items())), total=sum(by_category.values(), Decimal("0.00"))
    )
