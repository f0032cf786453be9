"""Service layer for emergency science popularisation campaigns 应急科普 (W1): launch per disaster or warning,
extend to new divisions, add accessible formats, close. One campaign per disaster id and per warning id, so
a redelivered or re-published event changes nothing twice."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, select

from hunan_science.models import AccessibilityNeed, Campaign, CampaignDivision
from hunan_science.rules.campaigns import (
    CampaignAction,
    CampaignState,
    next_campaign_state,
    required_formats,
    topics_for_hazard,
    work_streams,
)
from hunan_science.schemas.campaigns import CampaignOut
from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.db import in_division
from hunan_shared.errors import rule_errors
from hunan_shared.events.catalogue import CampaignClosed, CampaignLaunched, CampaignUpdated
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id


def _divisions(session: Session, campaign_id: str) -> list[str]:
    return list(
        session.exec(
            select(CampaignDivision.division_code)
            .where(CampaignDivision.campaign_id == campaign_id)
            .order_by(CampaignDivision.division_code)
        ).all()
    )


def _out(session: Session, campaign: Campaign, basis=()) -> CampaignOut:
    return CampaignOut(**campaign.model_dump(), division_codes=_divisions(session, campaign.id), basis=list(basis))


def _needs(session: Session, disaster_id: str | None) -> dict[str, int]:
    if disaster_id is None:
        return {}
    rows = session.exec(select(AccessibilityNeed).where(AccessibilityNeed.disaster_id == disaster_id)).all()
    return {row.channel: row.persons for row in rows}


def _ids(campaign: Campaign) -> dict:
    return {
        "campaign_id": campaign.id,
        "hazard": campaign.hazard,
        "disaster_id": campaign.disaster_id,
        "warning_id": campaign.warning_id,
    }


def launch(
    uow: UnitOfWork,
    *,
    hazard: str,
    division_codes: list[str],
    disaster_id: str | None = None,
    warning_id: str | None = None,
) -> Campaign | None:
    """W1 (R22–R24): launch a campaign for a disaster or a warning — once. Returns None when one exists."""
    session = uow.session
    key = Campaign.disaster_id == disaster_id if disaster_id else Campaign.warning_id == warning_id
    if session.exec(select(Campaign.id).where(key)).first() is not None:
        return None
    topics, streams = topics_for_hazard(hazard), work_streams()
    formats = required_formats(_needs(session, disaster_id))
    now = clock.now()
    campaign = Campaign(
        id=new_id(),
        disaster_id=disaster_id,
        warning_id=warning_id,
        hazard=hazard,
        state=CampaignState.LAUNCHED,
        topics=[t.value for t in topics.value],
        work_streams=[w.value for w in streams.value],
        formats=[f.value for f in formats.value],
        launched_at=now,
        updated_at=now,
    )
    uow.repo(Campaign).add(campaign)
    codes = sorted(set(division_codes))
    session.add_all(CampaignDivision(campaign_id=campaign.id, division_code=c) for c in codes)
    session.flush()
    uow.emit(CampaignLaunched(**_ids(campaign), division_codes=codes, formats=campaign.formats, launched_at=now))
    uow.audit(
        "campaign.launch",
        "campaign",
        campaign.id,
        after={
            "topics": campaign.topics,
            "formats": campaign.formats,
            "divisions": codes,
            "reasons": [topics.reason, formats.reason],
        },
    )
    return campaign


def _announce_update(uow: UnitOfWork, campaign: Campaign, now: dt.datetime) -> None:
    campaign.updated_at = now
    uow.session.add(campaign)
    uow.session.flush()
    uow.emit(
        CampaignUpdated(
            **_ids(campaign),
            division_codes=_divisions(uow.session, campaign.id),
            formats=campaign.formats,
            updated_at=now,
        )
    )


def extend_for_disaster(uow: UnitOfWork, disaster_id: str, hazard: str, all_codes: list[str], added: list[str]) -> None:
    """W1 step 9: new divisions join the disaster's campaign; with no campaign yet, launch one for all of them."""
    campaign = uow.session.exec(select(Campaign).where(Campaign.disaster_id == disaster_id)).first()
    if campaign is None:
        launch(uow, hazard=hazard, division_codes=all_codes, disaster_id=disaster_id)
        return
    if campaign.state != CampaignState.LAUNCHED:
        return  # a closed campaign is not reopened by a late extension
    with rule_errors():
        next_campaign_state(CampaignState(campaign.state), CampaignAction.EXTEND)
    new = sorted(set(added) - set(_divisions(uow.session, campaign.id)))
    if not new:
        return
    uow.session.add_all(CampaignDivision(campaign_id=campaign.id, division_code=c) for c in new)
    _announce_update(uow, campaign, clock.now())
    uow.audit("campaign.extend", "campaign", campaign.id, after={"added": new})


def record_accessibility_needs(
    uow: UnitOfWork, disaster_id: str, channel_counts: dict[str, int], summarized_at: dt.datetime
) -> None:
    """R24: keep the latest counts per channel, then add any newly needed formats to the disaster's campaign."""
    session = uow.session
    for channel, persons in channel_counts.items():
        row = session.get(AccessibilityNeed, (disaster_id, channel))
        if row is None:
            session.add(
                AccessibilityNeed(
                    disaster_id=disaster_id, channel=channel, persons=persons, summarized_at=summarized_at
                )
            )
        elif summarized_at >= row.summarized_at:  # an older summary arriving late does not overwrite a newer one
            row.persons, row.summarized_at = persons, summarized_at
            session.add(row)
    session.flush()
    uow.audit("accessibility_needs.record", "disaster", disaster_id, after=channel_counts)
    campaign = session.exec(select(Campaign).where(Campaign.disaster_id == disaster_id)).first()
    if campaign is None or campaign.state != CampaignState.LAUNCHED:
        return  # the campaign picks the needs up when it launches
    with rule_errors():
        next_campaign_state(CampaignState(campaign.state), CampaignAction.ADD_FORMATS)
    wanted = required_formats(_needs(session, disaster_id)).value
    added = [f.value for f in wanted if f.value not in campaign.formats]
    if not added:
        return
    campaign.formats = [*campaign.formats, *added]  # formats are only ever added while a campaign runs
    _announce_update(uow, campaign, clock.now())
    uow.audit("campaign.add_formats", "campaign", campaign.id, after={"added": added})


def _close(uow: UnitOfWork, campaign: Campaign, reason: str) -> CampaignOut:
    def render(row: Campaign) -> CampaignOut:
        return _out(uow.session, row)

    with uow.audited_change("campaign.close", campaign, render=render) as change:
        with rule_errors():
            transition = next_campaign_state(CampaignState(campaign.state), CampaignAction.CLOSE)
        now = clock.now()
        campaign.state, campaign.closed_at, campaign.updated_at = transition.value, now, now
        uow.session.add(campaign)
        uow.session.flush()
        uow.emit(CampaignClosed(**_ids(campaign), division_codes=_divisions(uow.session, campaign.id), closed_at=now))
        out = _out(uow.session, campaign, transition.basis)
        change.after = {"state": out.state, "reason": reason}
    return out


def close(uow: UnitOfWork, campaign_id: str, reason: str) -> CampaignOut:
    return _close(uow, uow.repo(Campaign).for_update(campaign_id), reason)


def close_for(uow: UnitOfWork, *, disaster_id: str | None = None, warning_id: str | None = None, reason: str) -> None:
    """The disaster closed or the warning was cancelled: end its running campaign, if any."""
    key = Campaign.disaster_id == disaster_id if disaster_id else Campaign.warning_id == warning_id
    campaign = uow.session.exec(select(Campaign).where(key)).first()
    if campaign is not None and campaign.state == CampaignState.LAUNCHED:
        _close(uow, campaign, reason)


def get(session: Session, campaign_id: str) -> CampaignOut:
    return _out(session, Repository(session, Campaign).get(campaign_id))


def list_campaigns(
    session: Session,
    page: PageParams,
    division: str | None = None,
    state: str | None = None,
    disaster_id: str | None = None,
    warning_id: str | None = None,
) -> Page[CampaignOut]:
    """Campaigns, newest first; `division` matches campaigns aimed at it, inside it or at a division containing
    it (a campaign for a city reaches its counties, a county's list shows its city's and province's)."""
    where = []
    if division:
        reaching = select(CampaignDivision.campaign_id).where(
            in_division(CampaignDivision.division_code, division, with_ancestors=True)
        )
        where.append(Campaign.id.in_(reaching))
    if state:
        where.append(Campaign.state == state)
    if disaster_id:
        where.append(Campaign.disaster_id == disaster_id)
    if warning_id:
        where.append(Campaign.warning_id == warning_id)
    return Repository(session, Campaign).page(
        page,
        *where,
        order_by=(Campaign.launched_at.desc(), Campaign.id),
        convert=lambda c: _out(session, c),
    )
