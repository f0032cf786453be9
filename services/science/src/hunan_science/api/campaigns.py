"""HTTP routes for emergency science popularisation campaigns 应急科普 (launched by events, closed here too)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_science.api import service_settings
from hunan_science.rules.campaigns import CampaignState
from hunan_science.schemas.campaigns import CampaignCloseIn, CampaignIn, CampaignItemOut, CampaignOut, ReachIn
from hunan_science.settings import ScienceSettings
from hunan_science.use_cases import campaigns
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1/campaigns", tags=["campaigns"])


@router.post(
    "",
    status_code=201,
    response_model=CampaignOut,
    operation_id="startCampaign",
    summary="Start a campaign by hand: emergency (coordination mechanism) or peacetime (awareness days, themes)",
)
def start_campaign(
    body: CampaignIn,
    write: Writer = Security(writer, scopes=["science:write"]),
    settings: ScienceSettings = Depends(service_settings),
):
    target = settings.first_publication_target_minutes
    return write.run(lambda uow: campaigns.start(uow, body, target), status_code=201, body=body)


@router.get(
    "",
    response_model=Page[CampaignOut],
    operation_id="listCampaigns",
    summary="List campaigns",
    dependencies=[reader("science:read")],
)
def list_campaigns(
    page: PageParams = Depends(page_params),
    division: str | None = Query(None, pattern=r"^43\d{4}$", description="Campaigns reaching this division"),
    state: CampaignState | None = Query(None),
    disaster_id: str | None = Query(None, max_length=36),
    warning_id: str | None = Query(None, max_length=36),
    session: Session = Depends(db_session),
):
    return campaigns.list_campaigns(session, page, division, state.value if state else None, disaster_id, warning_id)


@router.get(
    "/{campaign_id}",
    response_model=CampaignOut,
    operation_id="getCampaign",
    summary="Get one campaign",
    dependencies=[reader("science:read")],
)
def get_campaign(campaign_id: str, session: Session = Depends(db_session)):
    return campaigns.get(session, campaign_id)


@router.post(
    "/{campaign_id}/close",
    response_model=CampaignOut,
    operation_id="closeCampaign",
    summary="Close a running campaign (e.g. a false alarm) and announce it",
)
def close_campaign(campaign_id: str, body: CampaignCloseIn, write: Writer = Security(writer, scopes=["science:write"])):
    return write.run(lambda uow: campaigns.close(uow, campaign_id, body.reason), body=body)


@router.get(
    "/{campaign_id}/items",
    response_model=list[CampaignItemOut],
    operation_id="listCampaignItems",
    summary="The library items of a campaign with their accessibility-gate state and reach",
    dependencies=[reader("science:read")],
)
def list_campaign_items(campaign_id: str, session: Session = Depends(db_session)):
    return campaigns.items(session, campaign_id)


@router.post(
    "/{campaign_id}/reach",
    response_model=CampaignItemOut,
    operation_id="recordCampaignReach",
    summary="Report persons reached by a published item on one of the campaign's channels",
)
def record_reach(campaign_id: str, body: ReachIn, write: Writer = Security(writer, scopes=["science:write"])):
    return write.run(lambda uow: campaigns.record_reach(uow, campaign_id, body), body=body)
