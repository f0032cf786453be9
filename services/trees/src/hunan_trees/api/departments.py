"""HTTP routes answering which competent tree department (forestry or urban greening) handles a tree (Art. 6)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from sqlmodel import Session

from hunan_shared import divisions
from hunan_shared.api import db_session, reader
from hunan_shared.errors import InvalidInput
from hunan_trees.schemas.participation import DepartmentOut
from hunan_trees.use_cases import participation

router = APIRouter(prefix="/v1", tags=["departments"])


@router.get(
    "/trees/{tree_id}/department",
    response_model=DepartmentOut,
    operation_id="getTreeDepartment",
    summary="Which department handles this tree: forestry or urban greening, by the county's setting (Art. 6)",
    dependencies=[reader("trees:read")],
)
def tree_department(tree_id: str, request: Request, session: Session = Depends(db_session)):
    return participation.tree_department(session, tree_id, request.app.state.settings)


@router.get(
    "/department-routes",
    response_model=DepartmentOut,
    operation_id="lookUpDepartment",
    summary="Which department handles trees of a county, inside or outside the urban planning area (Art. 6)",
    dependencies=[reader("trees:read")],
)
def look_up_department(
    request: Request,
    division_code: str = Query(pattern=r"^43\d{4}$", description="County-level division"),
    in_urban_planning_area: bool = Query(False),
):
    if not divisions.is_valid(division_code) or divisions.get(division_code).level is not divisions.Level.COUNTY:
        raise InvalidInput(f"{division_code} is not a Hunan county-level division")
    return participation.department(division_code, in_urban_planning_area, request.app.state.settings)
