"""HTTP routes for carrying out an approved transplant and its five-year aftercare checks (W3, Art. 28)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Request, Security
from sqlmodel import Session

from hunan_shared.api import Writer, db_session, reader, writer
from hunan_trees.schemas.transplant_execution import AftercareCheckIn, AftercareOut, ExecutionIn
from hunan_trees.use_cases import transplant_execution

router = APIRouter(prefix="/v1/transplants", tags=["transplants"])


@router.post(
    "/{application_id}/execution",
    response_model=AftercareOut,
    operation_id="recordTransplantExecution",
    summary="Record that an approved transplant was carried out at the approved site; starts five years of aftercare",
)
def record_execution(
    application_id: str, body: ExecutionIn, request: Request, write: Writer = Security(writer, scopes=["trees:write"])
):
    settings = request.app.state.settings
    return write.run(lambda uow: transplant_execution.execute(uow, application_id, body, settings), body=body)


@router.get(
    "/{application_id}/aftercare",
    response_model=AftercareOut,
    operation_id="getTransplantAftercare",
    summary="The five-year aftercare of a transplanted tree with its yearly checks",
    dependencies=[reader("trees:read")],
)
def get_aftercare(application_id: str, session: Session = Depends(db_session)):
    return transplant_execution.get(session, application_id)


@router.post(
    "/{application_id}/aftercare-checks/{year}",
    response_model=AftercareOut,
    operation_id="recordAftercareCheck",
    summary="Record the check of one aftercare year (1–5)",
)
def record_check(
    application_id: str,
    body: AftercareCheckIn,
    year: int = Path(ge=1, le=5),
    write: Writer = Security(writer, scopes=["trees:write"]),
):
    return write.run(lambda uow: transplant_execution.record_check(uow, application_id, year, body), body=body)
