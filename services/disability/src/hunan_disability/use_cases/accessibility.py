"""Accessibility of new construction (三同步, 三(五)1, R68): business_env checks each project at completion
acceptance and announces the result; this service keeps the list the federation follows up."""

from __future__ import annotations

from sqlmodel import Session

from hunan_disability.models import AccessibilityAcceptance
from hunan_disability.schemas.accessibility import AccessibilityAcceptanceOut
from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.db import in_division
from hunan_shared.events.catalogue import ProjectAccepted
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork


def _out(row: AccessibilityAcceptance) -> AccessibilityAcceptanceOut:
    return AccessibilityAcceptanceOut.model_validate(row, from_attributes=True)


def record(uow: UnitOfWork, event: ProjectAccepted) -> None:
    """One row per project: a project is accepted once, so a second announcement changes nothing."""
    if uow.repo(AccessibilityAcceptance).find(event.project_id) is not None:
        return
    row = uow.repo(AccessibilityAcceptance).add(
        AccessibilityAcceptance(
            project_id=event.project_id,
            name=event.project_name,
            division_code=event.division_code,
            accepted_on=event.accepted_on,
            missing=list(event.accessibility_missing),
            in_step=not event.accessibility_missing,
            received_at=clock.now(),
        )
    )
    uow.audit(
        "accessibility.record", "accessibility_acceptance", row.project_id, after=_out(row).model_dump(mode="json")
    )


def list_acceptances(
    session: Session, page: PageParams, division: str | None, in_step: bool | None
) -> Page[AccessibilityAcceptanceOut]:
    where = []
    if division:
        where.append(in_division(AccessibilityAcceptance.division_code, division))
    if in_step is not None:
        where.append(AccessibilityAcceptance.in_step == in_step)
    return Repository(session, AccessibilityAcceptance).page(
        page, *where, order_by=AccessibilityAcceptance.accepted_on, convert=_out
    )
