"""HTTP routes of the reserves use case: the supplies catalogue (应急物资储备目录), depots and their stock,
reserve reports (Level-I sufficiency R14, network completeness R15) and the demo depot network (`hunan demo`)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_emergency.schemas.reserves import (
    DemoReservesOut,
    DepotIn,
    DepotOut,
    MovementOut,
    NetworkOut,
    ReplenishmentOut,
    StockMovementIn,
    StockNormIn,
    SufficiencyOut,
    SupplyItemIn,
    SupplyItemOut,
)
from hunan_emergency.use_cases import reserves
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1/reserves", tags=["reserves"])


@router.get(
    "/sufficiency",
    response_model=SufficiencyOut,
    operation_id="reserveSufficiency",
    summary="Stock against the Level-I quota per level and division (R14)",
    dependencies=[reader("emergency:read")],
)
def sufficiency(within: str | None = Query(None, pattern=r"^43\d{4}$"), session: Session = Depends(db_session)):
    return reserves.sufficiency(session, within)


@router.get(
    "/network",
    response_model=NetworkOut,
    operation_id="reserveNetworkGaps",
    summary="Missing nodes of the reserve network (R15)",
    dependencies=[reader("emergency:read")],
)
def network(
    within: str = Query("430000", pattern=r"^43\d{4}$"),
    townships_needing_point: list[str] = Query([], max_length=500, description="Remote high-risk townships (9 digits)"),
    villages_needing_point: list[str] = Query(
        [], max_length=2000, description="Remote high-risk villages and communities, 村（社区） (12 digits)"
    ),
    session: Session = Depends(db_session),
):
    return reserves.network(session, within, townships_needing_point, villages_needing_point)


supplies_router = APIRouter(prefix="/v1/supplies", tags=["reserves"])


@supplies_router.get(
    "",
    response_model=list[SupplyItemOut],
    operation_id="listSupplyItems",
    summary="The supplies catalogue",
    dependencies=[reader("emergency:read")],
)
def list_items(session: Session = Depends(db_session)):
    return reserves.list_items(session)


@supplies_router.post(
    "",
    status_code=201,
    response_model=SupplyItemOut,
    operation_id="addSupplyItem",
    summary="Add an item to the supplies catalogue",
)
def add_item(body: SupplyItemIn, write: Writer = Security(writer, scopes=["emergency:write"])):
    return write.run(lambda uow: reserves.add_item(uow, body), status_code=201, body=body)


depots_router = APIRouter(prefix="/v1/depots", tags=["reserves"])
WRITE = ["emergency:write"]


@depots_router.post(
    "",
    status_code=201,
    response_model=DepotOut,
    operation_id="createDepot",
    summary="Register a depot, station or point of the four-level reserve",
)
def create_depot(body: DepotIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: reserves.create_depot(uow, body), status_code=201, body=body)


@depots_router.get(
    "",
    response_model=Page[DepotOut],
    operation_id="listDepots",
    summary="List depots with stock",
    dependencies=[reader("emergency:read")],
)
def list_depots(
    page: PageParams = Depends(page_params),
    division: str | None = Query(None, pattern=r"^43\d{4}$", description="Depots inside this division"),
    level: str | None = Query(None, pattern=r"^(province|city|county|township|village)$"),
    session: Session = Depends(db_session),
):
    return reserves.list_depots(session, page, division, level)


@depots_router.get(
    "/{depot_id}",
    response_model=DepotOut,
    operation_id="getDepot",
    summary="Get a depot with its stock",
    dependencies=[reader("emergency:read")],
)
def get_depot(depot_id: str, session: Session = Depends(db_session)):
    return reserves.get_depot(session, depot_id)


@depots_router.post(
    "/{depot_id}/movements",
    response_model=DepotOut,
    operation_id="moveStock",
    summary="Record a receipt, return or expiry write-off",
)
def move_stock(depot_id: str, body: StockMovementIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: reserves.move_stock(uow, depot_id, body), body=body)


@depots_router.get(
    "/{depot_id}/movements",
    response_model=Page[MovementOut],
    operation_id="listStockMovements",
    summary="The depot's stock ledger, newest first",
    dependencies=[reader("emergency:read")],
)
def list_movements(depot_id: str, page: PageParams = Depends(page_params), session: Session = Depends(db_session)):
    return reserves.movements(session, depot_id, page)


@depots_router.put(
    "/{depot_id}/stock/{item}",
    response_model=DepotOut,
    operation_id="setStockNorms",
    summary="Set the safety floor and Level-I quota of an item in a depot",
)
def set_norms(depot_id: str, item: str, body: StockNormIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: reserves.set_norms(uow, depot_id, item, body), body=body)


@depots_router.post(
    "/{depot_id}/replenishment-requests",
    status_code=201,
    response_model=ReplenishmentOut | None,
    operation_id="requestReplenishment",
    summary="Ask for replenishment of what the depot lacks against its Level-I quota (R19)",
)
def request_replenishment(depot_id: str, write: Writer = Security(writer, scopes=WRITE)):
    def run(uow):
        out = reserves.request_replenishment(uow, depot_id)
        if out is None:
            uow.audit("reserve.replenishment_not_needed", "depot", depot_id)
        return out

    return write.run(run, status_code=201)


@depots_router.get(
    "/{depot_id}/replenishment-requests",
    response_model=list[ReplenishmentOut],
    operation_id="listReplenishmentRequests",
    summary="Replenishment requests of a depot",
    dependencies=[reader("emergency:read")],
)
def list_replenishments(depot_id: str, session: Session = Depends(db_session)):
    return reserves.replenishments(session, depot_id)


demo_router = APIRouter(prefix="/v1/demo", tags=["demo"])


@demo_router.post(
    "/reserves",
    response_model=DemoReservesOut,
    operation_id="loadDemoReserves",
    summary="Load a small demo depot network with stock (Changsha, Zhuzhou, Xiangtan); idempotent",
)
def load_demo_reserves(write: Writer = Security(writer, scopes=["emergency:write"])):
    return write.run(reserves.load_demo_reserves)
