"""Service layer for enterprise–village pairings 万企兴万村 (二(二)3, R6)."""

from __future__ import annotations

from sqlmodel import Session

from hunan_science.models import Pairing
from hunan_science.schemas.pairings import PairingIn, PairingOut
from hunan_science.use_cases import _registers
from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.uow import UnitOfWork, new_id


def _out(row: Pairing) -> PairingOut:
    return PairingOut(**row.model_dump())


def record(uow: UnitOfWork, cmd: PairingIn) -> PairingOut:
    row = Pairing(id=new_id(), **cmd.model_dump(), recorded_at=clock.now())
    return _out(_registers.record(uow, row, "pairing.record"))


def list_pairings(session: Session, page: PageParams, year: int | None, division: str | None) -> Page[PairingOut]:
    return _registers.page(
        session,
        Pairing,
        page,
        convert=_out,
        division=division,
        year=year,
        order_by=(Pairing.recorded_at.desc(), Pairing.id),
    )
