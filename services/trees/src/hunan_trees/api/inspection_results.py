"""HTTP route to record the result of a post-disaster inspection (flow 3)."""

from __future__ import annotations

from fastapi import APIRouter, Security

from hunan_shared.api import Writer, writer
from hunan_trees.use_cases import inspection_results
from hunan_trees.use_cases.inspection_results import InspectionResultIn, InspectionResultOut

router = APIRouter(prefix="/v1/inspections", tags=["inspections"])


@router.post(
    "/{disaster_id}/{tree_id}/result",
    response_model=InspectionResultOut,
    operation_id="recordInspectionResult",
    summary="Record the result of a post-disaster inspection of one tree (in time or late)",
)
def record_result(
    disaster_id: str, tree_id: str, body: InspectionResultIn, write: Writer = Security(writer, scopes=["trees:write"])
):
    return write.run(lambda uow: inspection_results.record(uow, disaster_id, tree_id, body), body=body)
