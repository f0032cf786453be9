"""HTTP routes of the market-entity register."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_business_env.schemas.enterprises import EnterpriseIn, EnterpriseOut
from hunan_business_env.use_cases import enterprises
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1/enterprises", tags=["enterprises"])


@router.post(
    "",
    status_code=201,
    response_model=EnterpriseOut,
    operation_id="registerEnterprise",
    summary="Register a market entity (inspection pool, policy matching); policies in force are matched at once",
)
def register(body: EnterpriseIn, write: Writer = Security(writer, scopes=["business_env:write"])):
    return write.run(lambda uow: enterprises.register(uow, body), status_code=201, body=body)


@router.get(
    "",
    response_model=Page[EnterpriseOut],
    operation_id="listEnterprises",
    summary="List registered market entities",
    dependencies=[reader("business_env:read")],
)
def list_enterprises(
    page: PageParams = Depends(page_params),
    division: str | None = Query(None, pattern=r"^43\d{4}$", description="This division and every one inside it"),
    session: Session = Depends(db_session),
):
    return enterprises.list_enterprises(session, page, division)


@router.get(
    "/{enterprise_id}",
    response_model=EnterpriseOut,
    operation_id="getEnterprise",
    summary="Get a market entity",
    dependencies=[reader("business_env:read")],
)
def get_enterprise(enterprise_id: str, session: Session = Depends(db_session)):
    return enterprises.get(session, enterprise_id)
