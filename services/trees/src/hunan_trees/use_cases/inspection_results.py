"""Results of post-disaster inspections and the clock that flags those not done in time (flow 3; the Art. 19
period applied by analogy, setting `TREES_POST_DISASTER_INSPECTION_WORKING_DAYS`)."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field
from sqlmodel import col, select

from hunan_shared import clock
from hunan_shared.errors import InvalidTransition, NotFound, RuleViolation
from hunan_shared.events.catalogue import TreeInspectionOverdue
from hunan_shared.jobs import Announcement, announce_once
from hunan_shared.legal import Basis
from hunan_shared.uow import UnitOfWork
from hunan_trees.models import Inspection, InspectionResult
from hunan_trees.rules.basis import ART19, FLOW3
from hunan_trees.rules.lifecycle import overdue

SCHEDULED = "SCHEDULED"
OVERDUE = "OVERDUE"
DONE = "DONE"


class InspectionResultIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    completed_on: dt.date
    damage_found: bool
    findings: str = Field(min_length=1, max_length=4000)


class InspectionResultOut(BaseModel):
    disaster_id: str
    tree_id: str
    status: str
    due_on: dt.date
    completed_on: dt.date
    on_time: bool
    damage_found: bool
    findings: str
    basis: list[Basis]


def record(uow: UnitOfWork, disaster_id: str, tree_id: str, cmd: InspectionResultIn) -> InspectionResultOut:
    """Record the inspection of one tree (in time up to its due day; later ones stay marked late)."""
    inspection = uow.session.get(Inspection, (disaster_id, tree_id), with_for_update=True)
    if inspection is None:
        raise NotFound(f"no inspection of tree {tree_id} for disaster {disaster_id}")
    if inspection.status not in (SCHEDULED, OVERDUE):
        raise InvalidTransition(f"inspection is {inspection.status}")
    if cmd.completed_on > clock.now().astimezone(clock.SHANGHAI).date():
        raise RuleViolation("completed_on lies in the future")
    on_time = cmd.completed_on <= inspection.due_on
    before = inspection.status
    inspection.status = DONE
    result = InspectionResult(
        disaster_id=disaster_id, tree_id=tree_id, on_time=on_time, recorded_at=clock.now(), **cmd.model_dump()
    )
    uow.session.add_all([inspection, result])
    uow.session.flush()
    out = InspectionResultOut(
        disaster_id=disaster_id,
        tree_id=tree_id,
        status=DONE,
        due_on=inspection.due_on,
        on_time=on_time,
        basis=[ART19, FLOW3],
        **cmd.model_dump(),
    )
    uow.audit(
        "inspection.result",
        "inspection",
        f"{disaster_id}:{tree_id}",
        before={"status": before},
        after=out.model_dump(mode="json", exclude={"basis"}),
    )
    return out


def announce_overdue(uow: UnitOfWork, now: dt.datetime) -> int:
    """A scheduled inspection not done by the end of its due day becomes OVERDUE, announced once as
    `hunan.trees.inspection.overdue`; one audit entry counts the batch."""
    today = now.astimezone(clock.SHANGHAI).date()

    def announce(inspection: Inspection) -> Announcement:
        assert overdue(inspection.due_on, today, acted=False).value
        return Announcement(
            inspection,
            {"status": OVERDUE},
            TreeInspectionOverdue(
                inspection_id=f"{inspection.disaster_id}:{inspection.tree_id}",
                disaster_id=inspection.disaster_id,
                tree_id=inspection.tree_id,
                division_code=inspection.division_code,
                hazard=inspection.hazard,
                due_on=inspection.due_on,
                due_provisional=inspection.due_provisional,
                detected_at=now,
            ),
        )

    lapsed = (
        select(Inspection)
        .where(Inspection.status == SCHEDULED, col(Inspection.due_on) < today)
        .order_by(Inspection.disaster_id, Inspection.tree_id)
        .limit(1000)  # small batches: the next run takes the rest
    )
    announced = announce_once(uow, lapsed, announce)
    if announced:
        uow.audit("inspection.overdue", "inspection", None, after={"count": announced, "before": str(today)})
    return announced
