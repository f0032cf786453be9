"""Service layer for public-welfare post reports 公益性岗位 (专栏2·6, R31: ≥ 10 % for disabled persons or family)."""

from __future__ import annotations

from sqlmodel import Session, select

from hunan_disability.models import WelfarePostReport
from hunan_disability.rules.employment import public_welfare_post_share_compliant
from hunan_disability.schemas.welfare_posts import WelfarePostIn, WelfarePostOut
from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.db import in_division
from hunan_shared.uow import UnitOfWork, new_id


def report(uow: UnitOfWork, cmd: WelfarePostIn) -> WelfarePostOut:
    """Record (or correct) a county's yearly figures and decide the R31 share."""
    decision = public_welfare_post_share_compliant(cmd.total_posts, cmd.held_by_disabled_or_family)
    row = uow.session.exec(
        select(WelfarePostReport).where(
            WelfarePostReport.division_code == cmd.division_code, WelfarePostReport.year == cmd.year
        )
    ).first()
    before = _out(row) if row else None
    if row is None:
        row = WelfarePostReport(
            id=new_id(),
            division_code=cmd.division_code,
            year=cmd.year,
            total_posts=0,
            held_by_disabled_or_family=0,
            compliant=False,
            created_at=clock.now(),
        )
    row.total_posts, row.held_by_disabled_or_family = cmd.total_posts, cmd.held_by_disabled_or_family
    row.compliant = decision.value
    uow.session.add(row)
    uow.session.flush()
    out = _out(row, decision.reason, decision.basis)
    uow.audit("welfare_posts.report", "welfare_post_report", row.id, before=before, after=out)
    return out


def _out(row: WelfarePostReport, reason: str | None = None, basis=()) -> WelfarePostOut:
    if reason is None:
        decision = public_welfare_post_share_compliant(row.total_posts, row.held_by_disabled_or_family)
        reason, basis = decision.reason, decision.basis
    return WelfarePostOut(**row.model_dump(exclude={"created_at"}), reason=reason, basis=list(basis))


def list_reports(
    session: Session,
    page: PageParams,
    division: str | None = None,
    year: int | None = None,
    compliant: bool | None = None,
) -> Page[WelfarePostOut]:
    query = select(WelfarePostReport).order_by(WelfarePostReport.year, WelfarePostReport.division_code)
    if division:
        query = query.where(in_division(WelfarePostReport.division_code, division))
    if year:
        query = query.where(WelfarePostReport.year == year)
    if compliant is not None:
        query = query.where(WelfarePostReport.compliant == compliant)
    rows = session.exec(query.offset(page.offset).limit(page.limit + 1)).all()
    return page.page(rows, _out)
