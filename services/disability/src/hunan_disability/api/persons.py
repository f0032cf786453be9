"""HTTP routes for the person register (personal data masked without disability:pii)."""

from __future__ import annotations

import json

from fastapi import APIRouter, Depends, Path, Query, Request, Security
from fastapi.concurrency import run_in_threadpool
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from sqlmodel import Session

from hunan_disability.api import service_settings
from hunan_disability.schemas.persons import ImportResult, PersonIn, PersonOut, PersonPatch
from hunan_disability.settings import DisabilitySettings
from hunan_disability.use_cases import assistance, persons
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, writer
from hunan_shared.auth import Principal, current_principal
from hunan_shared.errors import InvalidInput
from hunan_shared.problems import problem_response

router = APIRouter(prefix="/v1/persons", tags=["persons"])
PII = "disability:pii"
CSV_COLUMNS = ", ".join(PersonIn.model_fields)


@router.post(
    "",
    status_code=201,
    response_model=PersonOut,
    operation_id="registerPerson",
    summary="Register a disabled person (identity and certificate checked)",
)
def register_person(
    body: PersonIn,
    write: Writer = Security(writer, scopes=["disability:write"]),
    settings: DisabilitySettings = Depends(service_settings),
):
    policy = assistance.policy_from(settings)
    stored = write.run(lambda uow: persons.register(uow, body, policy, pii=False), status_code=201, body=body)
    return _rendered_for(write, stored)


@router.post(
    "/import",
    status_code=201,
    response_model=ImportResult,
    operation_id="importPersons",
    summary="Import persons from CSV, all or nothing (per-row error report on 422)",
    description=f"Body: `text/csv` (UTF-8) with a header row. Columns: {CSV_COLUMNS}. "
    "`component_categories` as digits (e.g. `24`); booleans `true`/`false`. One bad row "
    "rejects the file: the 422 problem lists every bad row as `errors[]` (`field` = "
    "`line <n>.<column>`).",
    openapi_extra={"requestBody": {"required": True, "content": {"text/csv": {"schema": {"type": "string"}}}}},
)
async def import_persons(
    request: Request,
    write: Writer = Security(writer, scopes=["disability:write"]),
    settings: DisabilitySettings = Depends(service_settings),
):
    if request.headers.get("content-type", "").split(";")[0].strip().lower() != "text/csv":
        return problem_response(
            415, "Unsupported content type", detail="send the register as text/csv", instance=request.url.path
        )
    try:
        text = (await request.body()).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput("the CSV must be UTF-8 encoded") from None
    policy = assistance.policy_from(settings)
    can_read = write.principal.has("disability:read")
    return await run_in_threadpool(
        write.run, lambda uow: persons.import_csv(uow, text, policy, can_read=can_read), status_code=201, body=text
    )


@router.get("", response_model=Page[PersonOut], operation_id="listPersons", summary="List registered persons")
def list_persons(
    page: PageParams = Depends(page_params),
    division: str | None = Query(None, pattern=r"^43[0-9]{4}$", description="Only persons in this division"),
    principal: Principal = Security(current_principal, scopes=["disability:read"]),
    session: Session = Depends(db_session),
):
    return persons.list_persons(session, page, pii=principal.has(PII), division=division)


@router.get("/{person_id}", response_model=PersonOut, operation_id="getPerson", summary="Get one person")
def get_person(
    person_id: str,
    principal: Principal = Security(current_principal, scopes=["disability:read"]),
    session: Session = Depends(db_session),
):
    return persons.get(session, person_id, pii=principal.has(PII))


@router.patch(
    "/{person_id}",
    response_model=PersonOut,
    operation_id="updatePerson",
    summary="Change a person's mutable facts (registration checks; certificate re-derived; "
    "a newly vulnerable person in an open disaster's county gets a case)",
    description="Fields left out keep their value; `township`, `village`, `tekun_support`, phones and "
    "`contact_name` may be cleared with null. `id_number` is immutable (422). The merged "
    "record must pass the registration rules (422 problem, nothing written).",
)
def update_person(
    body: PersonPatch,
    person_id: str = Path(max_length=36),
    write: Writer = Security(writer, scopes=["disability:write"]),
    settings: DisabilitySettings = Depends(service_settings),
):
    policy = assistance.policy_from(settings)
    stored = write.run(lambda uow: persons.update(uow, person_id, body, policy, pii=False), body=body)
    return _rendered_for(write, stored)


def _rendered_for(write: Writer, stored: JSONResponse) -> JSONResponse:
    """Writes store (for Idempotency-Key replays) and audit the masked person only; a caller holding
    disability:pii gets the personal fields re-read from the register. So a replay by the same subject
    without the scope sees the masked answer, and no stored answer holds a full number (ADR 0013)."""
    if not write.principal.has(PII) or not 200 <= stored.status_code < 300:
        return stored
    data = json.loads(bytes(stored.body))
    with Session(write.platform.engine) as session:
        data |= jsonable_encoder(persons.clear_fields(persons.get_row(session, data["id"])))
    headers = {k: v for k, v in stored.headers.items() if k.lower() == "idempotent-replayed"}
    return JSONResponse(data, status_code=stored.status_code, headers=headers)
