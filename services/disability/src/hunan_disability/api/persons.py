"""HTTP routes for the person register (personal data masked without disability:pii)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, writer
from hunan_shared.auth import Principal, current_principal
from hunan_disability import persons
from hunan_disability.schemas import PersonIn, PersonOut

router = APIRouter(prefix="/v1/persons", tags=["persons"])
PII = "disability:pii"


@router.post("", status_code=201, response_model=PersonOut, operation_id="registerPerson",
             summary="Register a disabled person (identity and certificate checked)")
def register_person(body: PersonIn, write: Writer = Security(writer, scopes=["disability:write"])):
    return write.run(lambda uow: persons.register(uow, body, pii=write.principal.has(PII)), status_code=201, body=body)


@router.get("", response_model=Page[PersonOut], operation_id="listPersons", summary="List registered persons")
def list_persons(page: PageParams = Depends(page_params),
                 division: str | None = Query(None, pattern=r"^43\d{4}$", description="Only persons in this division"),
                 principal: Principal = Security(current_principal, scopes=["disability:read"]),
                 session: Session = Depends(db_session)):
    return persons.list_persons(session, page, pii=principal.has(PII), division=division)


@router.get("/{person_id}", response_model=PersonOut, operation_id="getPerson", summary="Get one person")
def get_person(person_id: str, principal: Principal = Security(current_principal, scopes=["disability:read"]),
               session: Session = Depends(db_session)):
    return persons.get(session, person_id, pii=principal.has(PII))
