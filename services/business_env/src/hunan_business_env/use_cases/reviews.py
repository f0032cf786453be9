"""Service layer of the good/bad review 好差评 (Art. 26, W10): a bad review is investigated, rectification urged and
the rater answered by a working-day deadline; the clock announces a lapse (use_cases/oversight_clocks.py)."""

from __future__ import annotations

from sqlmodel import Session

from hunan_business_env.models import ServiceReview
from hunan_business_env.rules.reviews import SLA_REVIEW, Finding, ReviewAction, ReviewState, intake, next_state
from hunan_business_env.schemas.common import DeadlineOut
from hunan_business_env.schemas.reviews import ReviewIn, ReviewOut, ReviewStepIn
from hunan_business_env.settings import BusinessEnvSettings
from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.db import in_division
from hunan_shared.errors import InvalidInput, rule_errors
from hunan_shared.events.catalogue import BadReviewReceived
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id
from hunan_shared.workdays import add_working_days

_OPEN = {ReviewState.INVESTIGATING, ReviewState.RECTIFICATION_ORDERED, ReviewState.RECTIFIED}


def _out(row: ServiceReview, basis=()) -> ReviewOut:
    state = ReviewState(row.state)
    overdue = state in _OPEN and row.due is not None and clock.now().date() > row.due
    return ReviewOut(
        **row.model_dump(exclude={"due", "due_provisional", "overdue_announced"}),
        due=DeadlineOut(date=row.due, provisional=bool(row.due_provisional)) if row.due else None,
        overdue=overdue,
        basis=list(basis),
    )


def _render(row: ServiceReview) -> dict:
    return _out(row).model_dump(mode="json")


def rate(uow: UnitOfWork, cmd: ReviewIn, settings: BusinessEnvSettings) -> ReviewOut:
    """Art. 26 / 第二十六条 (R50): a good review closes; a bad one or a complaint opens an investigation with its
    deadline and is announced to the department's supervisors."""
    decision = intake(cmd.rating, cmd.complaint)
    basis = list(decision.basis)
    row = ServiceReview(
        id=new_id(),
        **cmd.model_dump(mode="json", exclude={"rated_on"}),
        rated_on=cmd.rated_on,
        state=decision.value.value,
        created_at=clock.now(),
    )
    if decision.value is ReviewState.CLOSED:
        row.closed_on = cmd.rated_on
    else:
        due = add_working_days(cmd.rated_on, settings.review_handling_working_days)
        row.due, row.due_provisional = due.date, due.provisional
        basis.append(SLA_REVIEW)
        uow.emit(
            BadReviewReceived(
                review_id=row.id,
                service_item=row.service_item,
                department=row.department,
                division_code=row.division_code,
                rating=row.rating,
                complaint=row.complaint,
                due=due.date,
                received_at=clock.now(),
            )
        )
    uow.repo(ServiceReview).add(row)
    out = _out(row, basis)
    uow.audit("service_review.rate", "service_review", row.id, after=out.model_dump(mode="json"))
    return out


def step(uow: UnitOfWork, review_id: str, cmd: ReviewStepIn) -> ReviewOut:
    """W10: investigation → rectification → feedback → closing; closing a bad review early is refused (409)."""
    row = uow.repo(ServiceReview).for_update(review_id)
    finding = Finding(bool(cmd.substantiated)) if cmd.action is ReviewAction.CONCLUDE_INVESTIGATION else None
    with rule_errors():
        decision = next_state(ReviewState(row.state), cmd.action, finding)
    if cmd.on < row.rated_on:
        raise InvalidInput("a step cannot precede the review")
    with uow.audited_change(f"service_review.{cmd.action.value.lower()}", row, render=_render):
        if cmd.action is ReviewAction.CONCLUDE_INVESTIGATION:
            row.finding, row.substantiated = cmd.note, cmd.substantiated
            if not cmd.substantiated:
                row.feedback = cmd.note  # the finding is the answer
        elif cmd.action is ReviewAction.CONFIRM_RECTIFICATION:
            row.rectification = cmd.note
        elif cmd.action is ReviewAction.FEEDBACK:
            row.feedback = cmd.note
        elif cmd.action is ReviewAction.CLOSE:
            row.closed_on = cmd.on
        row.state = decision.value.value
        uow.session.add(row)
    return _out(row, decision.basis)


def get(session: Session, review_id: str) -> ReviewOut:
    return _out(Repository(session, ServiceReview).get(review_id))


def list_reviews(
    session: Session, page: PageParams, division: str | None, state: ReviewState | None
) -> Page[ReviewOut]:
    where = []
    if division:
        where.append(in_division(ServiceReview.division_code, division))
    if state:
        where.append(ServiceReview.state == state.value)
    return Repository(session, ServiceReview).page(
        page, *where, order_by=(ServiceReview.created_at.desc(), ServiceReview.id), convert=_out
    )
