"""HTTP routes for the supplies catalogue (应急物资储备目录)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Security
from sqlmodel import Session

from hunan_emergency.schemas.reserves import SupplyItemIn, SupplyItemOut
from hunan_emergency.use_cases import reserves
from hunan_shared.api import Writer, db_session, reader, writer

router = APIRouter(prefix="/v1/supplies", tags=["reserves"])


@router.get(
    "",
    response_model=list[SupplyItemOut],
    operation_id="listSupplyItems",
    summary="The supplies catalogue",
    dependencies=[reader("emergency:read")],
)
def list_items(session: Session = Depends(db_session)):
    return reserves.list_items(session)


@router.post(
    "",
    status_code=201,
    response_model=SupplyItemOut,
    operation_id="addSupplyItem",
    summary="Add an item to the supplies catalogue",
)
def add_item(body: SupplyItemIn, write: Writer = Security(writer, scopes=["emergency:write"])):
    return write.run(lambda uow: reserves.add_item(uow, body), status_code=201, body=body)
