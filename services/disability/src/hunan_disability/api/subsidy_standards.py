"""HTTP routes for dated subsidy standards 补贴标准 (R7 dynamic adjustment, per division)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_disability.rules.subsidies import SubsidyProgram
from hunan_disability.schemas.subsidy_standards import StandardIn, StandardOut, StandardPatch
from hunan_disability.use_cases import subsidy_standards
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1/subsidy-standards", tags=["subsidies"])


@router.post(
    "",
    status_code=201,
    response_model=StandardOut,
    operation_id="createSubsidyStandard",
    summary="Set a dated monthly standard for a division",
)
def create_standard(body: StandardIn, write: Writer = Security(writer, scopes=["disability:payroll"])):
    return write.run(lambda uow: subsidy_standards.create_standard(uow, body), status_code=201, body=body)


@router.get(
    "",
    response_model=Page[StandardOut],
    operation_id="listSubsidyStandards",
    summary="List standards (with a division: those that can apply there)",
    dependencies=[reader("disability:read")],
)
def list_standards(
    page: PageParams = Depends(page_params),
    program: SubsidyProgram | None = None,
    division: str | None = Query(None, pattern=r"^43[0-9]{4}$"),
    session: Session = Depends(db_session),
):
    return subsidy_standards.list_standards(session, page, program, division)


@router.get(
    "/{standard_id}",
    response_model=StandardOut,
    operation_id="getSubsidyStandard",
    summary="Get one standard",
    dependencies=[reader("disability:read")],
)
def get_standard(standard_id: str, session: Session = Depends(db_session)):
    return subsidy_standards.get_standard(session, standard_id)


@router.patch(
    "/{standard_id}",
    response_model=StandardOut,
    operation_id="updateSubsidyStandard",
    summary="Correct a standard not yet used by a payroll",
)
def update_standard(
    standard_id: str, body: StandardPatch, write: Writer = Security(writer, scopes=["disability:payroll"])
):
    return write.run(lambda uow: subsidy_standards.update_standard(uow, standard_id, body), body=body)


@router.delete(
    "/{standard_id}", operation_id="deleteSubsidyStandard", summary="Delete a standard not yet used by a payroll"
)
def delete_standard(standard_id: str, write: Writer = Security(writer, scopes=["disability:payroll"])):
    return write.run(lambda uow: subsidy_standards.delete_standard(uow, standard_id), body=None)
