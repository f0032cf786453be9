"""Service layer for 低保 reviews of employed persons: gradual exit 渐退期 instead of termination (三(三)1, R4)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from sqlmodel import Session, select

from hunan_disability.models import DibaoReview
from hunan_disability.rules.employment import (
    R4,
    DibaoStatus,
    dibao_review_after_employment,
    per_capita_income_after_employment_costs,
)
from hunan_disability.rules.enums import HouseholdStatus
from hunan_disability.schemas.dibao_reviews import DibaoReviewIn, DibaoReviewOut
from hunan_disability.settings import DisabilitySettings
from hunan_disability.use_cases.persons import get_row
from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.errors import RuleViolation
from hunan_shared.uow import UnitOfWork, new_id


def review(uow: UnitOfWork, cmd: DibaoReviewIn, settings: DisabilitySettings) -> DibaoReviewOut:
    """Review a 低保 household after a member found work; an exit ends the register's 低保 status."""
    person = get_row(uow.session, cmd.person_id)
    last = uow.session.exec(
        select(DibaoReview)
        .where(DibaoReview.person_id == person.id)
        .order_by(DibaoReview.reviewed_on.desc(), DibaoReview.created_at.desc())
    ).first()
    if last is None and person.household_status != HouseholdStatus.DIBAO.value:
        raise RuleViolation("the person's household is not in 低保: nothing to review", basis=(R4,))
    if last is not None and cmd.reviewed_on < last.reviewed_on:
        raise RuleViolation(f"a later review exists ({last.reviewed_on})", basis=(R4,))
    status = DibaoStatus(last.status) if last else DibaoStatus.ENROLLED
    income = per_capita_income_after_employment_costs(
        cmd.household_income, cmd.deductible_employment_costs, cmd.members
    )
    decision = dibao_review_after_employment(
        status,
        income,
        cmd.dibao_standard,
        cmd.reviewed_on,
        last.exit_on if last else None,
        settings.dibao_gradual_exit_months,
    )
    row = DibaoReview(
        id=new_id(),
        person_id=person.id,
        reviewed_on=cmd.reviewed_on,
        per_capita_income=income.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP),
        dibao_standard=cmd.dibao_standard,
        status=decision.value.status.value,
        exit_on=decision.value.exit_on,
        reason=decision.reason,
        created_at=clock.now(),
    )
    uow.session.add(row)
    if decision.value.status is DibaoStatus.EXITED and person.household_status == HouseholdStatus.DIBAO.value:
        person.household_status = HouseholdStatus.NONE.value
        uow.session.add(person)
    uow.session.flush()
    out = DibaoReviewOut(**row.model_dump(exclude={"created_at"}), basis=list(decision.basis))
    uow.audit("dibao.review", "person", person.id, before={"status": status.value}, after=out)
    return out


def list_reviews(
    session: Session, page: PageParams, person_id: str | None = None, status: DibaoStatus | None = None
) -> Page[DibaoReviewOut]:
    query = select(DibaoReview).order_by(DibaoReview.reviewed_on, DibaoReview.id)
    if person_id:
        query = query.where(DibaoReview.person_id == person_id)
    if status:
        query = query.where(DibaoReview.status == status.value)
    rows = session.exec(query.offset(page.offset).limit(page.limit + 1)).all()
    return page.page(rows, lambda r: DibaoReviewOut(**r.model_dump(exclude={"created_at"})))
