"""HTTP routes of the competent-department register (Art. 3): who leads the work in each government, and where no
department has been designated yet."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_business_env.schemas.common import HunanDivision
from hunan_business_env.schemas.competent_departments import DesignationGapsOut, DesignationIn, DesignationOut
from hunan_business_env.use_cases import competent_departments
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1/competent-departments", tags=["competent departments"])


@router.post(
    "",
    status_code=201,
    response_model=DesignationOut,
    operation_id="designateCompetentDepartment",
    summary="Record a government's competent department (the province's must be development and reform, Art. 3)",
)
def designate(body: DesignationIn, write: Writer = Security(writer, scopes=["business_env:write"])):
    return write.run(lambda uow: competent_departments.designate(uow, body), status_code=201, body=body)


@router.get(
    "",
    response_model=Page[DesignationOut],
    operation_id="listCompetentDepartments",
    summary="The designated competent departments",
    dependencies=[reader("business_env:read")],
)
def list_designations(page: PageParams = Depends(page_params), session: Session = Depends(db_session)):
    return competent_departments.list_designations(session, page)


@router.get(
    "/gaps",
    response_model=DesignationGapsOut,
    operation_id="competentDepartmentGaps",
    summary="Governments inside a division that have designated no competent department (Art. 3 compliance gap)",
    dependencies=[reader("business_env:read")],
)
def gaps(within: HunanDivision = Query("430000"), session: Session = Depends(db_session)):
    return competent_departments.gaps(session, within)
