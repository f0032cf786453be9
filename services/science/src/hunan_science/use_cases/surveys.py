"""Service layer for survey records (W7): literacy, health literacy and resident population per division."""

from __future__ import annotations

from sqlmodel import Session

from hunan_science.models import Survey
from hunan_science.schemas.surveys import SurveyIn, SurveyOut
from hunan_science.use_cases import _registers
from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.uow import UnitOfWork, new_id


def _out(row: Survey) -> SurveyOut:
    return SurveyOut(**row.model_dump())


def record(uow: UnitOfWork, cmd: SurveyIn) -> SurveyOut:
    row = Survey(id=new_id(), **cmd.model_dump(), recorded_at=clock.now())
    return _out(_registers.record(uow, row, "survey.record"))


def list_surveys(
    session: Session, page: PageParams, kind: str | None, year: int | None, division: str | None
) -> Page[SurveyOut]:
    where = [Survey.kind == kind] if kind else []
    return _registers.page(
        session,
        Survey,
        page,
        *where,
        convert=_out,
        division=division,
        year=year,
        order_by=(Survey.year.desc(), Survey.recorded_at.desc(), Survey.id),
    )
