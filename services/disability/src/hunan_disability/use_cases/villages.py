"""Service layer for monitored villages 监测村 and their coverage (专栏2·1, R28)."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, select

from hunan_disability.models import MonitoredVillage
from hunan_disability.rules.monitoring import monitored_village_coverage
from hunan_disability.schemas.villages import VillageCoverageOut, VillageIn, VillageOut
from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.db import in_division
from hunan_shared.errors import Conflict
from hunan_shared.uow import UnitOfWork, new_id


def designate(uow: UnitOfWork, cmd: VillageIn) -> VillageOut:
    clash = uow.session.exec(
        select(MonitoredVillage.id).where(
            MonitoredVillage.division_code == cmd.division_code,
            MonitoredVillage.township == cmd.township,
            MonitoredVillage.village == cmd.village,
        )
    ).first()
    if clash:
        raise Conflict(f"the village is already monitored ({clash})")
    row = MonitoredVillage(id=new_id(), **cmd.model_dump(), created_at=clock.now())
    uow.session.add(row)
    uow.session.flush()
    out = VillageOut(**row.model_dump())
    uow.audit("village.designate", "monitored_village", row.id, after=out)
    return out


def list_villages(session: Session, page: PageParams, division: str | None = None) -> Page[VillageOut]:
    query = select(MonitoredVillage).order_by(
        MonitoredVillage.division_code, MonitoredVillage.township, MonitoredVillage.village
    )
    if division:
        query = query.where(in_division(MonitoredVillage.division_code, division))
    rows = session.exec(query.offset(page.offset).limit(page.limit + 1)).all()
    return page.page(rows, lambda r: VillageOut(**r.model_dump()))


def coverage(session: Session) -> VillageCoverageOut:
    """R28: ≥ 1 monitored village in every county and ≥ 140 in the province (T-21)."""
    counts = dict(
        session.execute(
            select(MonitoredVillage.division_code, func.count()).group_by(MonitoredVillage.division_code)
        ).all()
    )
    decision = monitored_village_coverage(counts)
    value = decision.value
    return VillageCoverageOut(
        province_total=value.province_total,
        province_compliant=value.province_compliant,
        counties_without_village=list(value.counties_without_village),
        compliant=value.compliant,
        reason=decision.reason,
        basis=list(decision.basis),
    )
