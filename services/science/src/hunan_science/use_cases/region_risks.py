"""Service layer of the region-risk register: the risk of a division for a hazard and its most exposed groups
(emergency plan 专栏8 「根据不同地域风险、不同人群需求……精准推送」), which weights what campaigns push where."""

from __future__ import annotations

from sqlmodel import Session, select

from hunan_science.models import RegionRisk
from hunan_science.rules.campaigns import normalise_hazard
from hunan_science.schemas.region_risks import RegionRiskIn, RegionRiskOut
from hunan_science.use_cases import campaigns
from hunan_shared import clock
from hunan_shared.db import in_division
from hunan_shared.uow import UnitOfWork


def _out(row: RegionRisk) -> RegionRiskOut:
    return RegionRiskOut(**row.model_dump())


def put(uow: UnitOfWork, cmd: RegionRiskIn) -> RegionRiskOut:
    """Record (or replace) a division's risk for a hazard; running campaigns for that hazard re-weigh their items."""
    hazard = normalise_hazard(cmd.hazard)
    audiences = sorted({a.strip().upper() for a in cmd.audiences if a.strip()})
    row = uow.session.get(RegionRisk, (cmd.division_code, hazard))
    before = _out(row).model_dump(mode="json") if row is not None else None
    if row is None:
        row = RegionRisk(division_code=cmd.division_code, hazard=hazard, level=cmd.level, source=cmd.source)
    row.level, row.audiences, row.source, row.updated_at = cmd.level.value, audiences, cmd.source, clock.now()
    uow.session.add(row)
    uow.session.flush()
    for campaign in campaigns.running_campaigns(uow.session):
        if normalise_hazard(campaign.hazard) == hazard:
            campaigns.reweigh(uow, campaign)
    out = _out(row)
    uow.audit("region_risk.put", "region_risk", f"{row.division_code}/{hazard}", before=before, after=out)
    return out


def list_risks(session: Session, division: str | None, hazard: str | None) -> list[RegionRiskOut]:
    query = select(RegionRisk).order_by(RegionRisk.division_code, RegionRisk.hazard)
    if division:
        query = query.where(in_division(RegionRisk.division_code, division))
    if hazard:
        query = query.where(RegionRisk.hazard == normalise_hazard(hazard))
    return [_out(row) for row in session.exec(query).all()]
