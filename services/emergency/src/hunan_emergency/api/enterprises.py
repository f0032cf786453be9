"""HTTP routes for enterprises and their safety-duty compliance evaluation (W8, R24–R30)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_emergency.schemas.enterprises import ComplianceIn, ComplianceOut, EnterpriseIn, EnterpriseOut
from hunan_emergency.use_cases import enterprises
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1/enterprises", tags=["enterprise safety duties"])
WRITE = ["emergency:write"]


@router.post(
    "",
    status_code=201,
    response_model=EnterpriseOut,
    operation_id="registerEnterprise",
    summary="Register a production and business unit with the facts the duty rules read",
)
def register(body: EnterpriseIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: enterprises.register(uow, body), status_code=201, body=body)


@router.get(
    "",
    response_model=Page[EnterpriseOut],
    operation_id="listEnterprises",
    summary="Enterprises",
    dependencies=[reader("emergency:read")],
)
def list_enterprises(
    page: PageParams = Depends(page_params),
    division: str | None = Query(None, pattern=r"^43\d{4}$"),
    sector: str | None = Query(None, max_length=40),
    session: Session = Depends(db_session),
):
    return enterprises.list_enterprises(session, page, division, sector)


@router.get(
    "/{enterprise_id}",
    response_model=EnterpriseOut,
    operation_id="getEnterprise",
    summary="One enterprise",
    dependencies=[reader("emergency:read")],
)
def get_enterprise(enterprise_id: str, session: Session = Depends(db_session)):
    return enterprises.get(session, enterprise_id)


@router.post(
    "/{enterprise_id}/compliance-evaluations",
    status_code=201,
    response_model=ComplianceOut,
    operation_id="evaluateEnterpriseCompliance",
    summary="Evaluate the safety duties R24–R30 (each verdict with its basis) and store the evaluation",
)
def evaluate(enterprise_id: str, body: ComplianceIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: enterprises.evaluate(uow, enterprise_id, body), status_code=201, body=body)


@router.get(
    "/{enterprise_id}/compliance-evaluations",
    response_model=Page[ComplianceOut],
    operation_id="listEnterpriseComplianceEvaluations",
    summary="Past evaluations, newest first",
    dependencies=[reader("emergency:read")],
)
def evaluations(enterprise_id: str, page: PageParams = Depends(page_params), session: Session = Depends(db_session)):
    return enterprises.evaluations(session, page, enterprise_id)
