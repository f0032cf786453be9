"""HTTP routes for habitat-zone reductions (Art. 23 para 2) and construction damage claims (Art. 25 para 3)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer
from hunan_trees.schemas.habitat_zones import (
    DamageClaimIn,
    DamageClaimOut,
    ReductionDecisionIn,
    ReductionIn,
    ReductionOut,
    SettlementIn,
)
from hunan_trees.use_cases import habitat_zones

reductions = APIRouter(prefix="/v1/habitat-reductions", tags=["habitat"])
claims = APIRouter(prefix="/v1/damage-claims", tags=["habitat"])


@reductions.post(
    "",
    status_code=201,
    response_model=ReductionOut,
    operation_id="requestHabitatReduction",
    summary="Request a habitat zone below 5 m beyond the crown; names the government that must approve (Art. 23)",
)
def request_reduction(body: ReductionIn, write: Writer = Security(writer, scopes=["trees:write"])):
    return write.run(lambda uow: habitat_zones.request_reduction(uow, body), status_code=201, body=body)


@reductions.post(
    "/{reduction_id}/decision",
    response_model=ReductionOut,
    operation_id="decideHabitatReduction",
    summary="Approve or refuse a reduction — only the recognising government; approval redraws the zone",
)
def decide_reduction(
    reduction_id: str, body: ReductionDecisionIn, write: Writer = Security(writer, scopes=["trees:certify"])
):
    return write.run(lambda uow: habitat_zones.decide_reduction(uow, reduction_id, body), body=body)


@reductions.get(
    "",
    response_model=Page[ReductionOut],
    operation_id="listHabitatReductions",
    summary="List habitat-zone reduction requests",
    dependencies=[reader("trees:read")],
)
def list_reductions(
    page: PageParams = Depends(page_params),
    tree_id: str | None = Query(None, max_length=36),
    state: str | None = Query(None, max_length=20),
    session: Session = Depends(db_session),
):
    return habitat_zones.list_reductions(session, page, tree_id, state)


@reductions.get(
    "/{reduction_id}",
    response_model=ReductionOut,
    operation_id="getHabitatReduction",
    summary="Get one reduction request",
    dependencies=[reader("trees:read")],
)
def get_reduction(reduction_id: str, session: Session = Depends(db_session)):
    return habitat_zones.get_reduction(session, reduction_id)


@claims.post(
    "",
    status_code=201,
    response_model=DamageClaimOut,
    operation_id="claimDamageCosts",
    summary="Claim rejuvenation and maintenance costs from the construction unit that damaged a tree (Art. 25)",
)
def claim_damage(body: DamageClaimIn, write: Writer = Security(writer, scopes=["trees:write"])):
    return write.run(lambda uow: habitat_zones.claim_damage(uow, body), status_code=201, body=body)


@claims.post(
    "/{claim_id}/settlement",
    response_model=DamageClaimOut,
    operation_id="settleDamageClaim",
    summary="Record that the construction unit paid the claimed costs",
)
def settle_claim(claim_id: str, body: SettlementIn, write: Writer = Security(writer, scopes=["trees:write"])):
    return write.run(lambda uow: habitat_zones.settle(uow, claim_id, body), body=body)


@claims.get(
    "",
    response_model=Page[DamageClaimOut],
    operation_id="listDamageClaims",
    summary="List damage cost claims",
    dependencies=[reader("trees:read")],
)
def list_claims(
    page: PageParams = Depends(page_params),
    tree_id: str | None = Query(None, max_length=36),
    state: str | None = Query(None, max_length=20),
    session: Session = Depends(db_session),
):
    return habitat_zones.list_claims(session, page, tree_id, state)


@claims.get(
    "/{claim_id}",
    response_model=DamageClaimOut,
    operation_id="getDamageClaim",
    summary="Get one damage cost claim",
    dependencies=[reader("trees:read")],
)
def get_claim(claim_id: str, session: Session = Depends(db_session)):
    return habitat_zones.get_claim(session, claim_id)
