"""Post-disaster inspections 灾后巡查 of registered trees after a declared disaster: one set-based INSERT … SELECT."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, insert, literal, select
from sqlmodel import Session

from hunan_shared import clock, divisions
from hunan_shared.api import Page, PageParams
from hunan_shared.db import AwareDateTime, in_division
from hunan_shared.uow import UnitOfWork
from hunan_trees.models import Inspection, Tree
from hunan_trees.rules.deadlines import post_disaster_inspection_due, post_disaster_inspection_needed
from hunan_trees.schemas.inspections import InspectionOut
from hunan_trees.settings import TreesSettings
from hunan_trees.use_cases.trees import ACTIVE

SCHEDULED = "SCHEDULED"


def schedule_after_disaster(
    uow: UnitOfWork,
    disaster_id: str,
    hazard: str,
    division_codes: list[str],
    announced_at: dt.datetime,
    settings: TreesSettings,
) -> int:
    """Schedule one inspection per registered tree in the divisions, skipping trees already scheduled for this
    disaster (so a repeated or extended declaration adds only what is missing). Returns rows inserted."""
    needed = post_disaster_inspection_needed(hazard, settings.inspection_hazards)
    if not needed.value:
        return 0
    # Codes outside Hunan cannot hold registered trees; ignore them rather than fail the whole event.
    counties = divisions.expand_to_counties([c for c in division_codes if divisions.is_valid(c)])
    if not counties:
        return 0
    due = post_disaster_inspection_due(
        announced_at.astimezone(clock.SHANGHAI).date(), settings.post_disaster_inspection_working_days
    ).value
    now = clock.now()
    already = select(Inspection.tree_id).where(Inspection.disaster_id == disaster_id)
    rows = select(
        literal(disaster_id),
        Tree.id,
        Tree.division_code,
        literal(hazard.upper()),
        literal(SCHEDULED),
        literal(now, AwareDateTime()),
        literal(due.date, Date()),
        literal(due.provisional, Boolean()),
    ).where(Tree.division_code.in_(counties), Tree.status == ACTIVE, Tree.id.not_in(already))
    result = uow.session.execute(
        insert(Inspection).from_select(
            [
                "disaster_id",
                "tree_id",
                "division_code",
                "hazard",
                "status",
                "scheduled_at",
                "due_on",
                "due_provisional",
            ],
            rows,
        )
    )
    inserted = result.rowcount or 0
    uow.audit(
        "inspection.schedule",
        "disaster",
        disaster_id,
        after={
            "hazard": hazard,
            "counties": len(counties),
            "inspections": inserted,
            "due_on": due.date.isoformat(),
            "due_provisional": due.provisional,
            "reason": needed.reason,
        },
    )
    return inserted


def list_inspections(
    session: Session,
    page: PageParams,
    disaster_id: str | None = None,
    division: str | None = None,
    status: str | None = None,
) -> Page[InspectionOut]:
    query = select(Inspection).order_by(Inspection.due_on, Inspection.disaster_id, Inspection.tree_id)
    if disaster_id:
        query = query.where(Inspection.disaster_id == disaster_id)
    if division:
        query = query.where(in_division(Inspection.division_code, division))
    if status:
        query = query.where(Inspection.status == status)
    rows = session.execute(query.offset(page.offset).limit(page.limit + 1)).scalars().all()
    return page.page(list(rows), lambda row: InspectionOut.model_validate(row, from_attributes=True))
