"""HTTP routes for training records (W5; 二(一)7, 二(二)2, 二(三)3)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_science.rules.programmes import TrainingProgramme
from hunan_science.schemas.trainings import TrainingIn, TrainingOut
from hunan_science.use_cases import trainings
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1/trainings", tags=["programmes"])


@router.post(
    "",
    status_code=201,
    response_model=TrainingOut,
    operation_id="recordTraining",
    summary="Record a trained person or a class (person-times)",
)
def record_training(body: TrainingIn, write: Writer = Security(writer, scopes=["science:write"])):
    return write.run(lambda uow: trainings.record(uow, body), status_code=201, body=body)


@router.get(
    "",
    response_model=Page[TrainingOut],
    operation_id="listTrainings",
    summary="List training records",
    dependencies=[reader("science:read")],
)
def list_trainings(
    page: PageParams = Depends(page_params),
    programme: TrainingProgramme | None = Query(None),
    year: int | None = Query(None, ge=2000, le=2100),
    division: str | None = Query(None, pattern=r"^43\d{4}$"),
    session: Session = Depends(db_session),
):
    return trainings.list_trainings(session, page, programme.value if programme else None, year, division)
