"""HTTP routes of supervision activities and the on-site share (Art. 40; R81)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_business_env.schemas.supervision_activities import ActivityIn, ActivityOut, ShareOut
from hunan_business_env.use_cases import supervision_activities
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1", tags=["off-site supervision"])
READ = "business_env:read"


@router.post(
    "/supervision-activities",
    status_code=201,
    response_model=ActivityOut,
    operation_id="recordSupervisionActivity",
    summary="Record a supervision activity, off-site (remote, mobile, early warning) or on-site (Art. 40)",
)
def record(body: ActivityIn, write: Writer = Security(writer, scopes=["business_env:write"])):
    return write.run(lambda uow: supervision_activities.record(uow, body), status_code=201, body=body)


@router.get(
    "/supervision-activities",
    response_model=Page[ActivityOut],
    operation_id="listSupervisionActivities",
    summary="Supervision activities",
    dependencies=[reader(READ)],
)
def list_activities(
    page: PageParams = Depends(page_params),
    department: str | None = Query(None, max_length=200),
    session: Session = Depends(db_session),
):
    return supervision_activities.list_activities(session, page, department)


@router.get(
    "/supervision-activities/on-site-share",
    response_model=ShareOut,
    operation_id="getOnSiteShare",
    summary="A department's on-site share in a year against the year before (Art. 40: reduce on-site inspections)",
    dependencies=[reader(READ)],
)
def on_site_share(
    department: str = Query(min_length=2, max_length=200),
    year: int = Query(ge=2022, le=2100),
    session: Session = Depends(db_session),
):
    return supervision_activities.share(session, department, year)
