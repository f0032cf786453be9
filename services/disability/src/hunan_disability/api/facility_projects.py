"""HTTP route for the service-facility funding ranking (三(七)6, R78)."""

from __future__ import annotations

from fastapi import APIRouter

from hunan_disability.schemas.facility_projects import FacilityRankingIn, FacilityRankingOut
from hunan_disability.use_cases import facility_projects
from hunan_shared.api import reader

router = APIRouter(prefix="/v1/facility-projects", tags=["services"])


@router.post(
    "/ranking",
    response_model=FacilityRankingOut,
    operation_id="rankFacilityProjects",
    summary="Rank service-facility projects for funding by the plan's priority grounds (R78)",
    description="Grounds: priority area (革命老区、民族地区、脱贫地区); a new facility where there is none; an "
    "expansion (改扩建) of a facility built 20 or more years ago whose service is seriously deficient. More grounds "
    "rank first; the plan sets no order among them. Nothing is stored.",
    dependencies=[reader("disability:read")],
)
def rank(body: FacilityRankingIn):
    return facility_projects.rank(body)
