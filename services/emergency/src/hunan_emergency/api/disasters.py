"""HTTP routes for disasters: translate HTTP to the service layer and back."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer
from hunan_emergency import disasters
from hunan_emergency.schemas import DisasterDeclaration, DisasterOut

router = APIRouter(prefix="/v1/disasters", tags=["disasters"])


@router.post("", status_code=201, response_model=DisasterOut, operation_id="declareDisaster",
             summary="Declare a disaster with its response level and affected divisions")
def declare_disaster(body: DisasterDeclaration, write: Writer = Security(writer, scopes=["emergency:declare"])):
    return write.run(lambda uow: disasters.declare(uow, body), status_code=201, body=body)


@router.get("", response_model=Page[DisasterOut], operation_id="listDisasters", summary="List disasters",
            dependencies=[reader("emergency:read")])
def list_disasters(
    page: PageParams = Depends(page_params),
    division: str | None = Query(None, pattern=r"^43\d{4}$", description="Only disasters touching this division"),
    state: str | None = Query(None, max_length=30),
    session: Session = Depends(db_session),
):
    return disasters.list_disasters(session, page, division, state)


@router.get("/{disaster_id}", response_model=DisasterOut, operation_id="getDisaster", summary="Get one disaster",
            dependencies=[reader("emergency:read")])
def get_disaster(disaster_id: str, session: Session = Depends(db_session)):
    return disasters.get(session, disaster_id)
