"""HTTP routes of the province-wide service-item catalogue (Arts. 4, 5, 22, 24) and of the hall, public-utility,
"one matter handled once" and double-entry checkers (Arts. 17, 23, 24, 25), which store nothing."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request, Security
from sqlmodel import Session

from hunan_business_env.schemas.service_items import (
    AcceptanceIn,
    AcceptanceVerdict,
    BundleCaseIn,
    BundleCaseVerdict,
    DoubleEntryIn,
    DoubleEntryVerdict,
    HallApplicationIn,
    HallApplicationVerdict,
    PublicUtilityIn,
    PublicUtilityVerdict,
    ServiceItemIn,
    ServiceItemOut,
)
from hunan_business_env.use_cases import service_items
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1", tags=["service items and hall"])
WRITE = ["business_env:write"]
READ = [reader("business_env:read")]


@router.post(
    "/service-items",
    status_code=201,
    response_model=ServiceItemOut,
    operation_id="addServiceItem",
    summary="Enter a catalogue item or a local variant: refused (422, article) unless identical to the province entry",
)
def add_item(body: ServiceItemIn, request: Request, write: Writer = Security(writer, scopes=WRITE)):
    settings = request.app.state.settings
    return write.run(lambda uow: service_items.add_item(uow, body, settings), status_code=201, body=body)


@router.get(
    "/service-items",
    response_model=Page[ServiceItemOut],
    operation_id="listServiceItems",
    summary="The province-wide service-item catalogue and its local variants, with counts of steps and materials",
    dependencies=READ,
)
def list_items(
    code: str | None = Query(None, max_length=40),
    page: PageParams = Depends(page_params),
    session: Session = Depends(db_session),
):
    return service_items.list_items(session, page, code)


@router.post(
    "/service-items/{code}/acceptance",
    response_model=AcceptanceVerdict,
    operation_id="checkServiceItemAcceptance",
    summary="Whether an office accepts an applicant for an item (pilot zones, Chang-Zhu-Tan same-city, 省内通办)",
    dependencies=READ,
)
def check_acceptance(code: str, body: AcceptanceIn, session: Session = Depends(db_session)):
    return service_items.check_acceptance(session, code, body)


@router.post(
    "/checks/public-utilities",
    response_model=PublicUtilityVerdict,
    operation_id="checkPublicUtility",
    summary="A utility's presence in the hall, its published standards, fees and time limits, its docking (Art. 17)",
    dependencies=READ,
)
def check_utility(body: PublicUtilityIn):
    return service_items.check_utility(body)


@router.post(
    "/checks/hall-applications",
    response_model=HallApplicationVerdict,
    operation_id="checkHallApplication",
    summary="Receipt voucher, first-inquiry officer, time-limited completion and one-time notice (Art. 24)",
    dependencies=READ,
)
def check_hall_application(body: HallApplicationIn):
    return service_items.check_hall_application(body)


@router.post(
    "/checks/one-thing-bundles",
    response_model=BundleCaseVerdict,
    operation_id="checkOneThingBundle",
    summary="A 'one matter, handled once' case: one notice, one form, joint handling, one delivery (Art. 23)",
    dependencies=READ,
)
def check_bundle(body: BundleCaseIn):
    return service_items.check_bundle(body)


@router.post(
    "/checks/double-entry",
    response_model=DoubleEntryVerdict,
    operation_id="checkDoubleEntry",
    summary="Fields an applicant is asked to enter although the provincial platform holds them (Art. 25)",
    dependencies=READ,
)
def check_double_entry(body: DoubleEntryIn):
    return service_items.check_double_entry(body)
