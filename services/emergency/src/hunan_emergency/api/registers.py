"""HTTP routes for the inspection registers behind R37, R38, R43–R45 (Plan 6(三)): record the real objects and read
each one's verdict with its basis."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_emergency.schemas.registers import RegisterEntryIn, RegisterEntryOut, RegisterName
from hunan_emergency.use_cases import registers
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1/registers", tags=["inspection registers"])


@router.post(
    "/{register}/entries",
    status_code=201,
    response_model=RegisterEntryOut,
    operation_id="recordRegisterEntry",
    summary="Record an object on an inspection register; the response carries its verdict (R37, R38, R43–R45)",
)
def record(register: RegisterName, body: RegisterEntryIn, write: Writer = Security(writer, scopes=["emergency:write"])):
    return write.run(lambda uow: registers.record(uow, register, body), status_code=201, body=body)


@router.get(
    "/{register}/entries",
    response_model=Page[RegisterEntryOut],
    operation_id="listRegisterEntries",
    summary="Entries of a register with their verdicts",
    dependencies=[reader("emergency:read")],
)
def list_entries(
    register: RegisterName,
    page: PageParams = Depends(page_params),
    division: str | None = Query(None, pattern=r"^43\d{4}$"),
    compliant: bool | None = Query(None, description="Only entries whose verdicts are (not) all compliant"),
    session: Session = Depends(db_session),
):
    return registers.list_entries(session, page, register, division, compliant)


@router.get(
    "/{register}/entries/{entry_id}",
    response_model=RegisterEntryOut,
    operation_id="getRegisterEntry",
    summary="One entry with its verdict",
    dependencies=[reader("emergency:read")],
)
def get_entry(register: RegisterName, entry_id: str, session: Session = Depends(db_session)):
    return registers.get(session, register, entry_id)
