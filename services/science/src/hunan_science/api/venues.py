"""HTTP routes for science venues and bases 科普场馆/基地: translate HTTP to the service layer and back."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_science.rules.venues import VenueType
from hunan_science.schemas.venues import ExhibitionAreaOut, MuseumSubsidyOut, VenueIn, VenueOut
from hunan_science.use_cases import venues
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1/venues", tags=["venues"])


@router.post(
    "", status_code=201, response_model=VenueOut, operation_id="createVenue", summary="Register a science venue or base"
)
def create_venue(body: VenueIn, write: Writer = Security(writer, scopes=["science:write"])):
    return write.run(lambda uow: venues.create(uow, body), status_code=201, body=body)


@router.get(
    "",
    response_model=Page[VenueOut],
    operation_id="listVenues",
    summary="List venues",
    dependencies=[reader("science:read")],
)
def list_venues(
    page: PageParams = Depends(page_params),
    division: str | None = Query(None, pattern=r"^43\d{4}$", description="Only venues in this division or inside it"),
    venue_type: VenueType | None = Query(None),
    emergency_role: bool | None = Query(None),
    session: Session = Depends(db_session),
):
    return venues.list_venues(session, page, division, venue_type.value if venue_type else None, emergency_role)


@router.get(
    "/exhibition-area",
    response_model=ExhibitionAreaOut,
    operation_id="checkExhibitionArea",
    summary="R15: exhibition-hall area per 10,000 residents of a division (≥ 160 m²)",
    dependencies=[reader("science:read")],
)
def check_exhibition_area(
    division: str = Query(..., pattern=r"^43\d{4}$"),
    residents: int = Query(..., ge=1, le=200_000_000, description="Resident population of the division"),
    session: Session = Depends(db_session),
):
    return venues.exhibition_area(session, division, residents)


@router.get(
    "/museum-subsidy",
    response_model=MuseumSubsidyOut,
    operation_id="checkMuseumSubsidy",
    summary="R16: is a 市州 or county science museum in scope of the provincial post-completion subsidy",
    dependencies=[reader("science:read")],
)
def check_museum_subsidy(
    division: str = Query(..., pattern=r"^43\d{4}$", description="The 市州 or county building the museum"),
    population: int = Query(..., ge=0, le=200_000_000, description="Resident population of the division"),
    conditions_met: bool = Query(False, description="有条件: the county has the conditions in place"),
    accepted: bool = Query(False, description="The completed museum passed acceptance"),
):
    return venues.museum_subsidy(division, population, conditions_met, accepted)


@router.get(
    "/{venue_id}",
    response_model=VenueOut,
    operation_id="getVenue",
    summary="Get one venue",
    dependencies=[reader("science:read")],
)
def get_venue(venue_id: str, session: Session = Depends(db_session)):
    return venues.get(session, venue_id)
