"""HTTP routes for donation 捐资 and adoption 认养 with limited-term naming rights (Art. 8, W11)."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Depends, Query, Request, Security
from sqlmodel import Session

from hunan_shared.api import Writer, db_session, reader, writer
from hunan_trees.schemas.participation import NamingOut, SponsorshipDecisionIn, SponsorshipIn, SponsorshipOut
from hunan_trees.use_cases import participation

router = APIRouter(prefix="/v1", tags=["donations"])


@router.post(
    "/sponsorships",
    status_code=201,
    response_model=SponsorshipOut,
    operation_id="applySponsorship",
    summary="Apply to donate to or adopt a tree, with an optional limited-term naming right (Art. 8)",
)
def apply_sponsorship(body: SponsorshipIn, request: Request, write: Writer = Security(writer, scopes=["trees:write"])):
    settings = request.app.state.settings
    return write.run(lambda uow: participation.apply_sponsorship(uow, body, settings), status_code=201, body=body)


@router.post(
    "/sponsorships/{sponsorship_id}/decision",
    response_model=SponsorshipOut,
    operation_id="decideSponsorship",
    summary="Accept or decline a donation or adoption (Art. 8)",
)
def decide_sponsorship(
    sponsorship_id: str, body: SponsorshipDecisionIn, write: Writer = Security(writer, scopes=["trees:certify"])
):
    return write.run(lambda uow: participation.decide_sponsorship(uow, sponsorship_id, body), body=body)


@router.get(
    "/sponsorships",
    response_model=list[SponsorshipOut],
    operation_id="listSponsorships",
    summary="Donations and adoptions, newest first (at most 500)",
    dependencies=[reader("trees:read")],
)
def list_sponsorships(
    tree_id: str | None = Query(None, max_length=36),
    state: str | None = Query(None, pattern=r"^(APPLIED|ACCEPTED|DECLINED)$"),
    session: Session = Depends(db_session),
):
    return participation.list_sponsorships(session, tree_id, state)


@router.get(
    "/sponsorships/{sponsorship_id}",
    response_model=SponsorshipOut,
    operation_id="getSponsorship",
    summary="One donation or adoption",
    dependencies=[reader("trees:read")],
)
def get_sponsorship(sponsorship_id: str, session: Session = Depends(db_session)):
    return participation.get_sponsorship(session, sponsorship_id)


@router.get(
    "/trees/{tree_id}/naming",
    response_model=NamingOut,
    operation_id="getTreeNaming",
    summary="The sponsors' names shown with the tree on a day (accepted naming terms only, Art. 8)",
    dependencies=[reader("trees:read")],
)
def tree_naming(tree_id: str, on: dt.date | None = Query(None), session: Session = Depends(db_session)):
    return participation.naming(session, tree_id, on)
