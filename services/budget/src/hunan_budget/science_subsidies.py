"""Budget's reaction to science's museum post-completion subsidy claims (`science.museum_subsidy.claimed`),
kept apart from handlers.py: a claim is a provincial commitment (省级财政予以后补助, science plan 三(三)2),
booked once per claim as an expenditure of the province."""

from __future__ import annotations

from hunan_budget.models import Expenditure
from hunan_budget.rules.emergency import ExpenditureStatus
from hunan_budget.use_cases.expenditures import _existing, _new
from hunan_shared.bus import Handler, HandlerContext
from hunan_shared.events import Event
from hunan_shared.events.catalogue import MuseumSubsidyClaimed
from hunan_shared.uow import UnitOfWork

SCIENCE_MUSEUM_SUBSIDY = "SCIENCE_MUSEUM_SUBSIDY"
PROVINCE = "省级财政"


def record_museum_subsidy(uow: UnitOfWork, event_id: str, event: MuseumSubsidyClaimed) -> Expenditure:
    """Science plan 三(三)2: the province owes the claimed post-completion subsidy (committed, paid later by the
    finance department); one expenditure per claim id, so a redelivered claim books nothing twice."""
    if (found := _existing(uow.session, SCIENCE_MUSEUM_SUBSIDY, event.subsidy_id)) is not None:
        return found
    expenditure = _new(
        uow,
        kind=SCIENCE_MUSEUM_SUBSIDY,
        source_ref=event.subsidy_id,
        source_event_id=event_id,
        amount=event.amount.amount,
        status=ExpenditureStatus.COMMITTED,
        reason=f"science museum post-completion subsidy (后补助), venue {event.venue_id}; {event.basis}",
        occurred_at=event.claimed_at,
        division_codes=[event.division_code],
        bearer=PROVINCE,
    )
    uow.audit(
        "expenditure.museum_subsidy",
        "expenditure",
        expenditure.id,
        after={"subsidy_id": event.subsidy_id, "venue_id": event.venue_id, "amount": str(event.amount.amount)},
    )
    return expenditure


def on_museum_subsidy_claimed(ctx: HandlerContext, event: MuseumSubsidyClaimed) -> None:
    record_museum_subsidy(ctx.uow, ctx.envelope.id, event)


SCIENCE_HANDLERS: dict[type[Event], Handler] = {MuseumSubsidyClaimed: on_museum_subsidy_claimed}
