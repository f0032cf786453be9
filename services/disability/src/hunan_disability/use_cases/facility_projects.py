"""Service layer for the service-facility funding ranking (三(七)6, R78): a pure verdict on submitted projects."""

from __future__ import annotations

from hunan_disability.rules.services import FacilityProject, facility_funding_order, facility_priority_grounds
from hunan_disability.schemas.facility_projects import FacilityRankingIn, FacilityRankingOut, RankedProject
from hunan_shared.errors import InvalidInput


def rank(cmd: FacilityRankingIn) -> FacilityRankingOut:
    projects = {
        p.project_id: FacilityProject(
            p.project_id, p.priority_area, p.area_has_no_facility, p.kind, p.built_year, p.seriously_deficient
        )
        for p in cmd.projects
    }
    if len(projects) != len(cmd.projects):
        raise InvalidInput("project ids must be unique")
    decision = facility_funding_order(projects.values(), cmd.year)
    ranking = [
        RankedProject(rank=i, project_id=pid, grounds=list(facility_priority_grounds(projects[pid], cmd.year)))
        for i, pid in enumerate(decision.value, start=1)
    ]
    return FacilityRankingOut(ranking=ranking, reason=decision.reason, basis=list(decision.basis))
