"""HTTP routes of the registers: competent departments and complaint routing (Arts. 3, 50), the supervision-item
catalogue (Art. 36), discretion benchmarks (Art. 42) and the intermediary-service list (Art. 31)."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Depends, Query, Request, Security
from sqlmodel import Session

from hunan_business_env.schemas.registers import (
    BenchmarkAdjustIn,
    BenchmarkIn,
    BenchmarkOut,
    IntermediaryCheckIn,
    IntermediaryCheckOut,
    IntermediaryIn,
    IntermediaryOut,
    IntermediaryRemoveIn,
    PenaltyTreatmentIn,
    PenaltyTreatmentOut,
    PublishIn,
    RoutingOut,
    SupervisionItemIn,
    SupervisionItemOut,
)
from hunan_business_env.use_cases import registers
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1", tags=["registers"])
WRITE = ["business_env:write"]
READ = "business_env:read"


@router.get(
    "/complaints/{complaint_id}/routing",
    response_model=RoutingOut,
    operation_id="routeComplaint",
    summary="The competent department of the respondent's division that handles the complaint (Arts. 3, 50); "
    "422 naming Art. 3 when that division has designated none",
    dependencies=[reader(READ)],
)
def route(complaint_id: str, request: Request, session: Session = Depends(db_session)):
    return registers.route(session, complaint_id, request.app.state.settings)


@router.post(
    "/supervision-items",
    status_code=201,
    response_model=SupervisionItemOut,
    operation_id="addSupervisionItem",
    summary="Enter an item in the supervision-item catalogue (监管事项目录清单, Art. 36); a draft until published",
)
def add_item(body: SupervisionItemIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: registers.add_supervision_item(uow, body), status_code=201, body=body)


@router.put(
    "/supervision-items/{item_id}",
    response_model=SupervisionItemOut,
    operation_id="updateSupervisionItem",
    summary="Update a catalogue item (动态调整); a published item must stay complete (Art. 36)",
)
def update_item(item_id: str, body: SupervisionItemIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: registers.update_supervision_item(uow, item_id, body), body=body)


@router.post(
    "/supervision-items/{item_id}/publish",
    response_model=SupervisionItemOut,
    operation_id="publishSupervisionItem",
    summary="Publish a catalogue item: refused (422, the empty elements named) unless body, object, measures, "
    "legal basis and handling are all stated (Art. 36)",
)
def publish_item(item_id: str, body: PublishIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: registers.publish_supervision_item(uow, item_id, body), body=body)


@router.get(
    "/supervision-items",
    response_model=Page[SupervisionItemOut],
    operation_id="listSupervisionItems",
    summary="The supervision-item catalogue (published=true: what the public sees)",
    dependencies=[reader(READ)],
)
def list_items(
    page: PageParams = Depends(page_params),
    published: bool | None = Query(None),
    session: Session = Depends(db_session),
):
    return registers.list_supervision_items(session, page, published)


@router.post(
    "/discretion-benchmarks",
    status_code=201,
    response_model=BenchmarkOut,
    operation_id="addDiscretionBenchmark",
    summary="Register a published discretion benchmark; a penalty benchmark lists no-penalty and lenient matters "
    "(Art. 42)",
)
def add_benchmark(body: BenchmarkIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: registers.add_benchmark(uow, body), status_code=201, body=body)


@router.put(
    "/discretion-benchmarks/{code}",
    response_model=BenchmarkOut,
    operation_id="adjustDiscretionBenchmark",
    summary="Adjust a benchmark after a change of law (new version with its reason; Art. 42 para 1)",
)
def adjust_benchmark(code: str, body: BenchmarkAdjustIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: registers.adjust_benchmark(uow, code, body), body=body)


@router.get(
    "/discretion-benchmarks",
    response_model=Page[BenchmarkOut],
    operation_id="listDiscretionBenchmarks",
    summary="The published discretion benchmarks",
    dependencies=[reader(READ)],
)
def list_benchmarks(page: PageParams = Depends(page_params), session: Session = Depends(db_session)):
    return registers.list_benchmarks(session, page)


@router.post(
    "/checks/penalty-treatment",
    response_model=PenaltyTreatmentOut,
    operation_id="checkPenaltyTreatment",
    summary="No penalty, lighter, or the ordinary range for a matter under a benchmark (Art. 42 para 2)",
    dependencies=[reader(READ)],
)
def penalty_treatment(body: PenaltyTreatmentIn, session: Session = Depends(db_session)):
    return registers.treatment(session, body)


@router.post(
    "/intermediary-services",
    status_code=201,
    response_model=IntermediaryOut,
    operation_id="listIntermediaryService",
    summary="Enter an approval intermediary service in the province's or a city's list (Art. 31)",
)
def add_intermediary(body: IntermediaryIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: registers.list_intermediary(uow, body), status_code=201, body=body)


@router.post(
    "/intermediary-services/{code}/removal",
    response_model=IntermediaryOut,
    operation_id="removeIntermediaryService",
    summary="Take a service off the intermediary list from a day, with the reason (动态调整)",
)
def remove_intermediary(code: str, body: IntermediaryRemoveIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: registers.remove_intermediary(uow, code, body), body=body)


@router.get(
    "/intermediary-services",
    response_model=Page[IntermediaryOut],
    operation_id="listIntermediaryServices",
    summary="The intermediary-service list (on=DATE: the list in force that day)",
    dependencies=[reader(READ)],
)
def list_intermediaries(
    page: PageParams = Depends(page_params),
    on: dt.date | None = Query(None),
    session: Session = Depends(db_session),
):
    return registers.list_intermediaries(session, page, on)


@router.post(
    "/checks/intermediary-requirement",
    response_model=IntermediaryCheckOut,
    operation_id="checkIntermediaryRequirement",
    summary="May an approval require this intermediary service on that day? Only while listed (Art. 31)",
    dependencies=[reader(READ)],
)
def check_intermediary(body: IntermediaryCheckIn, session: Session = Depends(db_session)):
    return registers.check_intermediary(session, body)
