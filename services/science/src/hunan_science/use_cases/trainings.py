"""Service layer for training records (W5): persons for counsellors and entrepreneurship leaders, person-times
for farmer and skills trainings."""

from __future__ import annotations

from sqlmodel import Session

from hunan_science.models import Training
from hunan_science.rules.programmes import training_record
from hunan_science.schemas.trainings import TrainingIn, TrainingOut
from hunan_science.use_cases import _registers
from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.errors import rule_errors
from hunan_shared.uow import UnitOfWork, new_id


def _out(row: Training) -> TrainingOut:
    return TrainingOut(**row.model_dump())


def record(uow: UnitOfWork, cmd: TrainingIn) -> TrainingOut:
    with rule_errors():
        training_record(cmd.programme, cmd.person_id, cmd.person_times)
    row = Training(id=new_id(), **cmd.model_dump(), year=cmd.trained_on.year, recorded_at=clock.now())
    return _out(_registers.record(uow, row, "training.record"))


def list_trainings(
    session: Session, page: PageParams, programme: str | None, year: int | None, division: str | None
) -> Page[TrainingOut]:
    where = [Training.programme == programme] if programme else []
    return _registers.page(
        session,
        Training,
        page,
        *where,
        convert=_out,
        division=division,
        year=year,
        order_by=(Training.trained_on.desc(), Training.id),
    )
