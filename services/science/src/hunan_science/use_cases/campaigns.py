"""Service layer for emergency science popularisation campaigns 应急科普 (W1): launch per disaster or warning,
extend to new divisions, add accessible formats, close. One campaign per disaster id and per warning id, so
a redelivered or re-published event changes nothing twice."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, select

from hunan_science.models import (
    AccessibilityNeed,
    Campaign,
    CampaignDivision,
    CampaignItem,
    ContentItem,
    RegionRisk,
)
from hunan_science.rules.campaigns import (
    CampaignAction,
    CampaignState,
    Mode,
    Topic,
    channels_for_level,
    next_campaign_state,
    normalise_hazard,
    peacetime_topics,
    required_formats,
    topics_for_hazard,
    work_streams,
)
from hunan_science.rules.content import ContentState, Medium, accessibility_gate, selects
from hunan_science.rules.targeting import RegionRisk as Risk
from hunan_science.rules.targeting import RiskLevel, division_order, first_publication_on_time, region_weights
from hunan_science.schemas.campaigns import CampaignIn, CampaignItemOut, CampaignOut, ReachIn
from hunan_shared import clock, divisions
from hunan_shared.api import Page, PageParams
from hunan_shared.db import in_division
from hunan_shared.errors import InvalidTransition, NotFound, rule_errors
from hunan_shared.events.catalogue import CampaignClosed, CampaignLaunched, CampaignUpdated, ContentPublished
from hunan_shared.legal import Decision
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


def _item_states(session: Session, campaign_id: str) -> dict[str, int]:
    states = session.exec(select(CampaignItem.state).where(CampaignItem.campaign_id == campaign_id)).all()
    return {state: states.count(state) for state in sorted(set(states))}


def _out(session: Session, campaign: Campaign, basis=()) -> CampaignOut:
    return CampaignOut(
        **campaign.model_dump(),
        division_codes=_divisions(session, campaign.id),
        items=_item_states(session, campaign.id),
        basis=list(basis),
    )


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
    response_level: str | None = None,
    at: dt.datetime | None = None,
    mode: Mode = Mode.EMERGENCY,
    title: str | None = None,
    awareness_day: str | None = None,
    topics: Decision[list[Topic]] | None = None,
    target_minutes: int = 120,
) -> Campaign | None:
    """W1 (R22–R24): launch a campaign for a disaster or a warning — once (None when one exists): its topics and
    work streams, the accessible formats, the channels of its response level, and the reserve content it
    publishes (each item through the accessibility gate)."""
    session = uow.session
    if disaster_id or warning_id:
        key = Campaign.disaster_id == disaster_id if disaster_id else Campaign.warning_id == warning_id
        if session.exec(select(Campaign.id).where(key)).first() is not None:
            return None
    topics, streams = topics or topics_for_hazard(hazard), work_streams()
    formats = required_formats(_needs(session, disaster_id))
    with rule_errors():
        channels = channels_for_level(response_level)
    now = clock.now()
    campaign = Campaign(
        id=new_id(),
        disaster_id=disaster_id,
        warning_id=warning_id,
        hazard=hazard,
        mode=mode,
        title=title,
        awareness_day=awareness_day,
        state=CampaignState.LAUNCHED,
        topics=[t.value for t in topics.value],
        work_streams=[w.value for w in streams.value],
        formats=[f.value for f in formats.value],
        response_level=response_level,
        channels=[c.value for c in channels.value],
        level_changed_at=at,
        triggered_at=at or now,
        publication_due_at=(at or now) + dt.timedelta(minutes=target_minutes),
        launched_at=now,
        updated_at=now,
    )
    uow.repo(Campaign).add(campaign)
    codes = sorted(set(division_codes))
    session.add_all(CampaignDivision(campaign_id=campaign.id, division_code=c) for c in codes)
    session.flush()
    if mode is Mode.EMERGENCY:  # the campaign events announce emergency campaigns (应急科普) only
        _emit_launched(uow, campaign, codes, now)
    selected = _select_content(uow, campaign)  # after the launch, so consumers see the campaign first
    uow.audit(
        "campaign.launch",
        "campaign",
        campaign.id,
        after={
            "mode": campaign.mode,
            "topics": campaign.topics,
            "formats": campaign.formats,
            "divisions": codes,
            "channels": campaign.channels,
            "content": selected,
            "reasons": [topics.reason, formats.reason, channels.reason],
        },
    )
    return campaign


def _emit_launched(uow: UnitOfWork, campaign: Campaign, codes: list[str], now: dt.datetime) -> None:
    uow.emit(
        CampaignLaunched(
            **_ids(campaign),
            division_codes=codes,
            formats=campaign.formats,
            launched_at=now,
            response_level=campaign.response_level,
            channels=campaign.channels,
        )
    )


def _announce_update(uow: UnitOfWork, campaign: Campaign, now: dt.datetime) -> None:
    campaign.updated_at = now
    uow.session.add(campaign)
    uow.session.flush()
    if campaign.mode != Mode.EMERGENCY:
        return
    uow.emit(
        CampaignUpdated(
            **_ids(campaign),
            division_codes=_divisions(uow.session, campaign.id),
            formats=campaign.formats,
            updated_at=now,
            response_level=campaign.response_level,
            channels=campaign.channels,
        )
    )


def extend_for_disaster(
    uow: UnitOfWork,
    disaster_id: str,
    hazard: str,
    all_codes: list[str],
    added: list[str],
    response_level: str | None = None,
    target_minutes: int = 120,
) -> None:
    """W1 step 9: new divisions join the disaster's campaign; with no campaign yet, launch one for all of them."""
    campaign = uow.session.exec(select(Campaign).where(Campaign.disaster_id == disaster_id)).first()
    if campaign is None:
        launch(
            uow,
            hazard=hazard,
            division_codes=all_codes,
            disaster_id=disaster_id,
            response_level=response_level,
            target_minutes=target_minutes,
        )
        return
    if campaign.state != CampaignState.LAUNCHED:
        return  # a closed campaign is not reopened by a late extension
    with rule_errors():
        next_campaign_state(CampaignState(campaign.state), CampaignAction.EXTEND)
    new = sorted(set(added) - set(_divisions(uow.session, campaign.id)))
    if not new:
        return
    uow.session.add_all(CampaignDivision(campaign_id=campaign.id, division_code=c) for c in new)
    uow.session.flush()
    reweigh(uow, campaign)
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
    _gate_items(uow, campaign)
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
        for item in uow.session.exec(select(CampaignItem).where(CampaignItem.campaign_id == campaign.id)).all():
            item.state, item.updated_at = "WITHDRAWN", now  # back to the reserve (W1 step 10)
            uow.session.add(item)
        uow.session.flush()
        if campaign.mode == Mode.EMERGENCY:
            uow.emit(
                CampaignClosed(**_ids(campaign), division_codes=_divisions(uow.session, campaign.id), closed_at=now)
            )
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


def rescale_for_disaster(
    uow: UnitOfWork,
    disaster_id: str,
    hazard: str,
    level: str,
    all_codes: list[str],
    changed_at: dt.datetime,
    target_minutes: int = 120,
) -> None:
    """W1 / 三(四)1: the disaster's response level changed — the campaign follows it: raised, it reaches more
    channels (emergency broadcasting, volunteers, provincial TV); lowered, fewer. With no campaign yet (the
    declaration was missed), launch one at this level. A level change older than the one applied is ignored
    (events of one disaster are ordered by key, but a redelivered old change must not undo a newer one)."""
    campaign = uow.session.exec(select(Campaign).where(Campaign.disaster_id == disaster_id)).first()
    if campaign is None:
        launch(
            uow,
            hazard=hazard,
            division_codes=all_codes,
            disaster_id=disaster_id,
            response_level=level,
            at=changed_at,
            target_minutes=target_minutes,
        )
        return
    if campaign.state != CampaignState.LAUNCHED:
        return  # a closed campaign is not rescaled
    if campaign.level_changed_at is not None and changed_at <= campaign.level_changed_at:
        return
    with rule_errors():
        next_campaign_state(CampaignState(campaign.state), CampaignAction.SCALE)
        channels = channels_for_level(level)

    def render(row: Campaign) -> dict:
        return {"response_level": row.response_level, "channels": list(row.channels)}

    with uow.audited_change("campaign.scale", campaign, render=render):
        before = (campaign.response_level, list(campaign.channels))
        campaign.response_level = level
        campaign.channels = [c.value for c in channels.value]
        campaign.level_changed_at = changed_at
        if (campaign.response_level, campaign.channels) != before:
            _announce_update(uow, campaign, clock.now())
        else:
            uow.session.add(campaign)


def _approved_reserve(session: Session) -> list[ContentItem]:
    return list(
        session.exec(
            select(ContentItem)
            .where(ContentItem.state == ContentState.APPROVED, ContentItem.reserve)
            .order_by(ContentItem.created_at, ContentItem.id)
        ).all()
    )


def _risks(session: Session, hazard: str, codes: list[str]) -> dict[str, Risk | None]:
    """The recorded risk of each division for the hazard: its own record, else its city's, else the province's
    (a county inherits the risk its city recorded)."""
    code = normalise_hazard(hazard)
    rows = {row.division_code: row for row in session.exec(select(RegionRisk).where(RegionRisk.hazard == code)).all()}
    out: dict[str, Risk | None] = {}
    for division in codes:
        node: str | None = division
        found = None
        while node is not None and found is None:
            found = rows.get(node)
            node = divisions.get(node).parent if divisions.is_valid(node) else None
        out[division] = Risk(RiskLevel(found.level), frozenset(found.audiences)) if found else None
    return out


def _weigh(session: Session, campaign: Campaign, item: ContentItem, codes: list[str]) -> tuple[int, list[str]]:
    """W1 / emergency plan 专栏8: the item's weight in each division and the divisions it goes to first."""
    hazard_match = normalise_hazard(campaign.hazard) in {normalise_hazard(h) for h in item.hazards}
    with rule_errors():
        weights = region_weights(hazard_match, item.audiences, _risks(session, campaign.hazard, codes)).value
    return max(weights.values()), division_order(weights)


def reweigh(uow: UnitOfWork, campaign: Campaign) -> None:
    """The campaign's divisions changed: every item's weight and division order follow."""
    codes = _divisions(uow.session, campaign.id)
    for row in uow.session.exec(select(CampaignItem).where(CampaignItem.campaign_id == campaign.id)).all():
        item = uow.session.get(ContentItem, row.content_id)
        assert item is not None
        row.weight, row.division_order = _weigh(uow.session, campaign, item, codes)
        uow.session.add(row)
    uow.session.flush()


def _announce_published(uow: UnitOfWork, campaign: Campaign, row: CampaignItem, item: ContentItem) -> None:
    """An item went out: record the campaign's first publication and its timeliness (W1 SLA), and, for an
    emergency campaign, announce it (`science.content.published`)."""
    assert row.published_at is not None
    first = campaign.first_published_at is None
    triggered = campaign.triggered_at or campaign.launched_at
    within: bool | None = None
    if first:
        campaign.first_published_at = row.published_at
        uow.session.add(campaign)
        due = campaign.publication_due_at or triggered + dt.timedelta(minutes=120)
        target = max(1, int((due - triggered).total_seconds() // 60))
        within = first_publication_on_time(triggered, row.published_at, target).value
    if campaign.mode != Mode.EMERGENCY:
        return
    uow.emit(
        ContentPublished(
            campaign_id=campaign.id,
            content_id=item.id,
            hazard=campaign.hazard,
            division_codes=row.division_order,
            channels=campaign.channels,
            variants=item.variants,
            weight=row.weight,
            disaster_id=campaign.disaster_id,
            warning_id=campaign.warning_id,
            published_at=row.published_at,
            minutes_since_trigger=max(0, int((row.published_at - triggered).total_seconds() // 60)),
            first_in_campaign=first,
            within_target=within,
        )
    )


def _attach(uow: UnitOfWork, campaign: Campaign, item: ContentItem, now: dt.datetime) -> CampaignItem:
    missing = accessibility_gate(Medium(item.medium), item.variants, campaign.formats).value
    weight, order = _weigh(uow.session, campaign, item, _divisions(uow.session, campaign.id))
    row = CampaignItem(
        campaign_id=campaign.id,
        content_id=item.id,
        state="BLOCKED" if missing else "PUBLISHED",
        missing=missing,
        weight=weight,
        division_order=order,
        published_at=None if missing else now,
        updated_at=now,
    )
    uow.session.add(row)
    return row


def _select_content(uow: UnitOfWork, campaign: Campaign) -> dict[str, list[str]]:
    """W1 steps 4–7: draw the approved reserve items for the campaign's hazard and topics, weighted by the risk
    of each targeted region (emergency plan 专栏8); each is published only through the accessibility gate
    (R24), else held as BLOCKED with the variants it lacks. Published items are announced highest weight first."""
    now = clock.now()
    result: dict[str, list[str]] = {"PUBLISHED": [], "BLOCKED": []}
    published: list[tuple[CampaignItem, ContentItem]] = []
    for item in _approved_reserve(uow.session):
        if selects(item.hazards, item.topics, campaign.hazard, campaign.topics).value:
            row = _attach(uow, campaign, item, now)
            result[row.state].append(item.id)
            if row.state == "PUBLISHED":
                published.append((row, item))
    uow.session.flush()
    for row, item in sorted(published, key=lambda pair: -pair[0].weight):
        _announce_published(uow, campaign, row, item)
    return result


def _gate_items(uow: UnitOfWork, campaign: Campaign, content_id: str | None = None) -> None:
    """Re-run the gate on the campaign's items (its formats grew, or an item gained variants): an item that now
    lacks a required variant is blocked until it has it; a blocked item that has them all is published (and
    announced, the first time)."""
    now = clock.now()
    where = [CampaignItem.campaign_id == campaign.id, CampaignItem.state != "WITHDRAWN"]
    if content_id is not None:
        where.append(CampaignItem.content_id == content_id)
    for row in uow.session.exec(select(CampaignItem).where(*where)).all():
        item = uow.session.get(ContentItem, row.content_id)
        assert item is not None
        missing = accessibility_gate(Medium(item.medium), item.variants, campaign.formats).value
        state = "BLOCKED" if missing else "PUBLISHED"
        if (state, missing) != (row.state, row.missing):
            row.state, row.missing, row.updated_at = state, missing, now
            newly = state == "PUBLISHED" and row.published_at is None
            if newly:
                row.published_at = now
            uow.session.add(row)
            if newly:
                _announce_published(uow, campaign, row, item)
    uow.session.flush()


def running_campaigns(session: Session) -> list[Campaign]:
    return list(session.exec(select(Campaign).where(Campaign.state == CampaignState.LAUNCHED)).all())


def content_changed(uow: UnitOfWork, item: ContentItem) -> None:
    """An item was approved into the reserve or gained variants: running campaigns select it if it fits and
    re-run the gate on it."""
    now = clock.now()
    for campaign in running_campaigns(uow.session):
        existing = uow.session.get(CampaignItem, (campaign.id, item.id))
        if existing is not None:
            _gate_items(uow, campaign, item.id)
        elif item.reserve and item.state == ContentState.APPROVED:
            if selects(item.hazards, item.topics, campaign.hazard, campaign.topics).value:
                row = _attach(uow, campaign, item, now)
                if row.state == "PUBLISHED":
                    uow.session.flush()
                    _announce_published(uow, campaign, row, item)
    uow.session.flush()


def _item_out(row: CampaignItem, item: ContentItem) -> CampaignItemOut:
    return CampaignItemOut(
        content_id=item.id,
        title=item.title,
        medium=item.medium,
        variants=item.variants,
        state=row.state,
        missing=row.missing,
        reach=row.reach,
        weight=row.weight,
        division_order=row.division_order,
        published_at=row.published_at,
    )


def items(session: Session, campaign_id: str) -> list[CampaignItemOut]:
    """The library items of a campaign with their gate state, highest region-risk weight first."""
    Repository(session, Campaign).get(campaign_id)
    rows = session.exec(
        select(CampaignItem, ContentItem)
        .join(ContentItem, ContentItem.id == CampaignItem.content_id)
        .where(CampaignItem.campaign_id == campaign_id)
        .order_by(CampaignItem.weight.desc(), ContentItem.created_at, ContentItem.id)
    ).all()
    return [_item_out(row, item) for row, item in rows]


def record_reach(uow: UnitOfWork, campaign_id: str, cmd: ReachIn) -> CampaignItemOut:
    """W1: persons reached by a published item on a channel of the campaign (reported by the channel)."""
    campaign = uow.repo(Campaign).get(campaign_id)
    row = uow.session.get(CampaignItem, (campaign_id, cmd.content_id))
    if row is None:
        raise NotFound(f"content {cmd.content_id} is not part of campaign {campaign_id}")
    if row.state != "PUBLISHED":
        raise InvalidTransition(f"content {cmd.content_id} is {row.state}: only published content reaches anyone")
    if cmd.channel not in campaign.channels:
        raise InvalidTransition(f"channel {cmd.channel} is not used at level {campaign.response_level or 'IV'}")
    item = uow.repo(ContentItem).get(cmd.content_id)
    with uow.audited_change(
        "campaign.reach", row, render=lambda r: {"reach": r.reach}, target_id=campaign_id
    ) as change:
        row.reach += cmd.persons
        uow.session.add(row)
        change.after = {"reach": row.reach, "channel": cmd.channel, "content_id": cmd.content_id}
    return _item_out(row, item)


def start(uow: UnitOfWork, cmd: CampaignIn, target_minutes: int = 120) -> CampaignOut:
    """W1 manual start by the coordination mechanism (emergency), or W2 a peacetime campaign (日常宣教) for an
    awareness day or a theme: the same topics, formats, content selection and accessibility gate."""
    with rule_errors():
        topics = peacetime_topics(cmd.awareness_day, cmd.topics) if cmd.mode is Mode.PEACETIME else None
    campaign = launch(
        uow,
        hazard=cmd.hazard.strip().upper().replace(" ", "_").replace("-", "_"),
        division_codes=cmd.division_codes,
        response_level=cmd.response_level,
        mode=cmd.mode,
        title=cmd.title,
        awareness_day=cmd.awareness_day.value if cmd.awareness_day else None,
        topics=topics,
        target_minutes=target_minutes,
    )
    assert campaign is not None  # no disaster or warning key: always a new campaign
    return _out(uow.session, campaign)
