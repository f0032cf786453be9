"""Service layer for venues and bases 科普场馆/基地: register, read, list, and the R15 area indicator."""

from __future__ import annotations

from decimal import Decimal

from sqlmodel import Session, func, select

from hunan_science.models import Venue
from hunan_science.rules.venues import exhibition_area_per_10k, funding_level, museum_subsidy_in_scope
from hunan_science.schemas.venues import ExhibitionAreaOut, MuseumSubsidyOut, VenueIn, VenueOut
from hunan_shared import clock, divisions
from hunan_shared.api import Page, PageParams
from hunan_shared.db import in_division
from hunan_shared.errors import InvalidInput, rule_errors
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id


def _out(venue: Venue, basis=()) -> VenueOut:
    return VenueOut(**venue.model_dump(), basis=list(basis))


def create(uow: UnitOfWork, cmd: VenueIn) -> VenueOut:
    funding = funding_level(cmd.venue_type, cmd.level)
    venue = Venue(
        id=new_id(),
        **cmd.model_dump(exclude={"accessibility_features"}),
        accessibility_features=[f.value for f in cmd.accessibility_features],
        funding_level=funding.value,
        created_at=clock.now(),
    )
    uow.repo(Venue).add(venue)
    out = _out(venue, funding.basis)
    uow.audit("venue.create", "venue", venue.id, after=out)
    return out


def get(session: Session, venue_id: str) -> VenueOut:
    return _out(Repository(session, Venue).get(venue_id))


def list_venues(
    session: Session,
    page: PageParams,
    division: str | None = None,
    venue_type: str | None = None,
    emergency_role: bool | None = None,
) -> Page[VenueOut]:
    where = []
    if division:
        where.append(in_division(Venue.division_code, division))
    if venue_type:
        where.append(Venue.venue_type == venue_type)
    if emergency_role is not None:
        where.append(Venue.emergency_role == emergency_role)
    return Repository(session, Venue).page(page, *where, order_by=(Venue.created_at.desc(), Venue.id), convert=_out)


def exhibition_area(session: Session, division: str, residents: int) -> ExhibitionAreaOut:
    """R15: the exhibition-hall area of the publicly open venues in and under the division, per 10,000 residents."""
    total = session.exec(
        select(func.coalesce(func.sum(Venue.exhibition_hall_area_m2), 0)).where(
            in_division(Venue.division_code, division), Venue.open_to_public
        )
    ).one()
    area = Decimal(str(total)).quantize(Decimal("0.01"))
    decision = exhibition_area_per_10k(area, residents)
    return ExhibitionAreaOut(
        division_code=division,
        residents=residents,
        qualifying_area_m2=area,
        met=decision.value,
        reason=decision.reason,
        basis=list(decision.basis),
    )


def museum_subsidy(division: str, population: int, conditions_met: bool, accepted: bool) -> MuseumSubsidyOut:
    """R16: is a science museum of this 市州 or county in scope of the provincial post-completion subsidy?"""
    level = divisions.get(division).level
    if level is divisions.Level.PROVINCE:
        raise InvalidInput("R16 is about a 市州 or a county, not the province")
    with rule_errors():
        decision = museum_subsidy_in_scope(
            population, level is divisions.Level.PREFECTURE, accepted, conditions_met=conditions_met
        )
    return MuseumSubsidyOut(
        division_code=division,
        division_level=level.value,
        population=population,
        conditions_met=conditions_met,
        accepted=accepted,
        eligible=decision.value,
        reason=decision.reason,
        basis=list(decision.basis),
    )
