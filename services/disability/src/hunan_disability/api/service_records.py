"""HTTP routes for rehabilitation and assistive-device records."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_disability.schemas.service_records import ServiceRecordIn, ServiceRecordOut
from hunan_disability.use_cases import service_records
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1/service-records", tags=["services"])


@router.post(
    "",
    status_code=201,
    response_model=ServiceRecordOut,
    operation_id="recordService",
    summary="Record a rehabilitation or assistive-device need or provision",
)
def record(body: ServiceRecordIn, write: Writer = Security(writer, scopes=["disability:write"])):
    return write.run(lambda uow: service_records.record(uow, body), status_code=201, body=body)


@router.get(
    "",
    response_model=Page[ServiceRecordOut],
    operation_id="listServiceRecords",
    summary="List records",
    dependencies=[reader("disability:read")],
)
def list_records(
    page: PageParams = Depends(page_params),
    division: str | None = Query(None, pattern=r"^43[0-9]{4}$"),
    person_id: str | None = Query(None, max_length=36),
    kind: str | None = Query(None, pattern="^(rehabilitation|assistive_device)$"),
    session: Session = Depends(db_session),
):
    return service_records.list_records(session, page, division, person_id, kind)
