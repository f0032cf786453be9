"""Service layer for rehabilitation 康复 and assistive-device 辅助器具 records (三(四)2, 专栏3·资金类·3)."""

from __future__ import annotations

from sqlmodel import Session, select

from hunan_disability.models import Person, ServiceRecord
from hunan_disability.rules.indicators import COLUMN_1
from hunan_disability.rules.services import assistive_device_support
from hunan_disability.schemas.service_records import ServiceRecordIn, ServiceRecordOut
from hunan_disability.use_cases.persons import get_row
from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.db import in_division
from hunan_shared.uow import UnitOfWork, new_id


def record(uow: UnitOfWork, cmd: ServiceRecordIn) -> ServiceRecordOut:
    """A need or a provision. A device provided against an assessed (recorded) need is subsidised (R8)."""
    person = get_row(uow.session, cmd.person_id)
    basis = [COLUMN_1]
    subsidised = False
    if cmd.kind == "assistive_device" and cmd.status == "provided":
        assessed = (
            uow.session.exec(
                select(ServiceRecord.id).where(
                    ServiceRecord.person_id == person.id,
                    ServiceRecord.kind == "assistive_device",
                    ServiceRecord.status == "needed",
                    ServiceRecord.recorded_on <= cmd.recorded_on,
                )
            ).first()
            is not None
        )
        decision = assistive_device_support(certified=True, device_need_assessed=assessed)
        subsidised = decision.value
        basis += list(decision.basis)
    row = ServiceRecord(id=new_id(), **cmd.model_dump(), subsidised=subsidised, created_at=clock.now())
    uow.session.add(row)
    uow.session.flush()
    out = ServiceRecordOut(**row.model_dump(), basis=basis)
    uow.audit("service_record.create", "service_record", row.id, after=out)
    return out


def list_records(
    session: Session,
    page: PageParams,
    division: str | None = None,
    person_id: str | None = None,
    kind: str | None = None,
) -> Page[ServiceRecordOut]:
    query = select(ServiceRecord)
    if division:
        query = query.join(Person, Person.id == ServiceRecord.person_id).where(
            in_division(Person.division_code, division)
        )
    query = query.order_by(ServiceRecord.recorded_on, ServiceRecord.id)
    if person_id:
        query = query.where(ServiceRecord.person_id == person_id)
    if kind:
        query = query.where(ServiceRecord.kind == kind)
    rows = session.exec(query.offset(page.offset).limit(page.limit + 1)).all()
    return page.page(rows, lambda r: ServiceRecordOut(**r.model_dump()))
