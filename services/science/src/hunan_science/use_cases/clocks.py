"""Clocks that act by themselves (periodic jobs declared in app.py, hunan_shared.jobs): an emergency campaign
that has published nothing by its publication target (三(四)1 「及时」, 2 h after the declaration or warning by
default) is announced once, so the coordination mechanism learns that its content is stuck (usually behind the
accessibility gate) without asking.

Each function takes the job's `now`, is idempotent (a lapse is announced once) and returns how many it handled.
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, col, func, select

from hunan_science.models import Campaign, CampaignItem
from hunan_science.rules.campaigns import CampaignState, Mode
from hunan_science.rules.targeting import publication_overdue
from hunan_science.use_cases.campaigns import _divisions
from hunan_shared.events.catalogue import CampaignPublicationOverdue
from hunan_shared.jobs import Announcement, AuditEntry, announce_once
from hunan_shared.uow import UnitOfWork


def announce_overdue_publications(uow: UnitOfWork, now: dt.datetime) -> int:
    """W1 SLA: a running emergency campaign whose first content is not out by `publication_due_at` is overdue."""

    def announce(campaign: Campaign) -> Announcement | None:
        assert campaign.publication_due_at is not None
        triggered = campaign.triggered_at or campaign.launched_at
        target = int((campaign.publication_due_at - triggered).total_seconds() // 60)
        if not publication_overdue(triggered, now, campaign.first_published_at, target).value:
            return None
        blocked = int(
            uow.session.exec(
                select(func.count()).where(CampaignItem.campaign_id == campaign.id, CampaignItem.state == "BLOCKED")
            ).one()
        )
        return Announcement(
            campaign,
            {"publication_overdue_at": now},
            CampaignPublicationOverdue(
                campaign_id=campaign.id,
                hazard=campaign.hazard,
                division_codes=_divisions(uow.session, campaign.id),
                disaster_id=campaign.disaster_id,
                warning_id=campaign.warning_id,
                triggered_at=triggered,
                due_at=campaign.publication_due_at,
                blocked_items=blocked,
                detected_at=now,
            ),
            AuditEntry(
                "campaign.publication_overdue",
                "campaign",
                campaign.id,
                {"due_at": campaign.publication_due_at.isoformat(), "blocked_items": blocked},
            ),
        )

    lapsed = (
        select(Campaign)
        .where(
            Campaign.state == CampaignState.LAUNCHED.value,
            Campaign.mode == Mode.EMERGENCY.value,
            col(Campaign.first_published_at).is_(None),
            col(Campaign.publication_overdue_at).is_(None),
            col(Campaign.publication_due_at).is_not(None),
            col(Campaign.publication_due_at) < now,
        )
        .order_by(Campaign.id)
    )
    return announce_once(uow, lapsed, announce)


def publication_gauges(session: Session) -> dict[str, float]:
    """`hunan_science_indicator{indicator="W1_publication_overdue"}`: running emergency campaigns past their target
    with nothing published; `{indicator="W1_first_publication_late"}`: campaigns whose first content went out
    after the target."""
    running_late = session.exec(
        select(func.count()).where(
            Campaign.state == CampaignState.LAUNCHED.value,
            Campaign.mode == Mode.EMERGENCY.value,
            col(Campaign.publication_overdue_at).is_not(None),
            col(Campaign.first_published_at).is_(None),
        )
    ).one()
    late = session.exec(
        select(func.count()).where(
            Campaign.mode == Mode.EMERGENCY.value,
            col(Campaign.first_published_at).is_not(None),
            col(Campaign.publication_due_at).is_not(None),
            col(Campaign.first_published_at) > col(Campaign.publication_due_at),
        )
    ).one()
    return {"W1_publication_overdue": float(running_late), "W1_first_publication_late": float(late)}
