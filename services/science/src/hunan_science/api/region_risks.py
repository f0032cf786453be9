"""HTTP routes of the region-risk register that weights emergency content (emergency plan 专栏8, W1)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_science.schemas.region_risks import RegionRiskIn, RegionRiskOut
from hunan_science.use_cases import region_risks
from hunan_shared.api import Writer, db_session, reader, writer

router = APIRouter(prefix="/v1/region-risks", tags=["campaigns"])


@router.put(
    "",
    response_model=RegionRiskOut,
    operation_id="putRegionRisk",
    summary="Record a division's risk for a hazard and its most exposed groups (weights campaign content)",
)
def put_region_risk(body: RegionRiskIn, write: Writer = Security(writer, scopes=["science:write"])):
    return write.run(lambda uow: region_risks.put(uow, body), body=body)


@router.get(
    "",
    response_model=list[RegionRiskOut],
    operation_id="listRegionRisks",
    summary="List recorded region risks",
    dependencies=[reader("science:read")],
)
def list_region_risks(
    division: str | None = Query(None, pattern=r"^43\d{4}$", description="Risks of this division or inside it"),
    hazard: str | None = Query(None, max_length=60),
    session: Session = Depends(db_session),
):
    return region_risks.list_risks(session, division, hazard)
