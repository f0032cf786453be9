"""Service layer of rumour debunking 科学辟谣 (三(二)4, R34): a rumour is answered with an expert-approved library
item on the rumour-debunking platform; inside an emergency campaign it is the 舆情引导 stream (三(四)1) and takes
the campaign's hazard and divisions."""

from __future__ import annotations

from sqlmodel import Session, select

from hunan_science.models import Campaign, ContentItem, RumourDebunk
from hunan_science.rules.campaigns import CampaignState
from hunan_science.rules.content import ContentState
from hunan_science.rules.outreach import debunk
from hunan_science.schemas.debunks import DebunkIn, DebunkOut
from hunan_science.use_cases.campaigns import _divisions as campaign_divisions
from hunan_shared import clock, divisions
from hunan_shared.errors import RuleViolation, rule_errors
from hunan_shared.uow import UnitOfWork, new_id


def _out(row: RumourDebunk, basis=()) -> DebunkOut:
    return DebunkOut(**row.model_dump(), basis=list(basis))


def publish(uow: UnitOfWork, cmd: DebunkIn) -> DebunkOut:
    rebuttal = uow.repo(ContentItem).get(cmd.rebuttal_content_id)
    campaign = uow.repo(Campaign).get(cmd.campaign_id) if cmd.campaign_id else None
    channels = sorted({c.value for c in cmd.channels})
    with rule_errors():
        decision = debunk(ContentState(rebuttal.state), CampaignState(campaign.state) if campaign else None, channels)
    if not decision.value:
        raise RuleViolation(f"debunk refused: {decision.reason}", basis=decision.basis)
    codes = sorted(set(cmd.division_codes) | (set(campaign_divisions(uow.session, campaign.id)) if campaign else set()))
    row = RumourDebunk(
        id=new_id(),
        claim=cmd.claim,
        rebuttal_content_id=rebuttal.id,
        campaign_id=campaign.id if campaign else None,
        hazard=cmd.hazard or (campaign.hazard if campaign else None),
        division_codes=codes,
        channels=channels,
        published_at=clock.now(),
    )
    uow.repo(RumourDebunk).add(row)
    out = _out(row, decision.basis)
    uow.audit("debunk.publish", "debunk", row.id, after=out)
    return out


def list_debunks(session: Session, campaign_id: str | None, division: str | None) -> list[DebunkOut]:
    rows = session.exec(select(RumourDebunk).order_by(RumourDebunk.published_at.desc(), RumourDebunk.id)).all()
    out = []
    for row in rows:
        if campaign_id and row.campaign_id != campaign_id:
            continue
        if division and not any(divisions.contains(division, code) for code in row.division_codes):
            continue
        out.append(_out(row))
    return out
