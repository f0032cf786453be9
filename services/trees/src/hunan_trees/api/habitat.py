"""HTTP route for the synchronous habitat-conflict check used by business_env (Art. 25; flow 4)."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from sqlmodel import Session

from hunan_shared.api import db_session, reader
from hunan_trees.schemas.habitat import HabitatCheckOut, HabitatCheckRequest
from hunan_trees.use_cases import habitat

router = APIRouter(prefix="/v1/habitat-checks", tags=["habitat"])


@router.post(
    "",
    response_model=HabitatCheckOut,
    operation_id="checkHabitatConflict",
    summary="Which trees' habitat protection zones a construction site intersects, and what Art. 25 requires",
    dependencies=[reader("trees:read")],
)
def check_habitat(body: HabitatCheckRequest, session: Session = Depends(db_session)):
    # A query with a body: nothing is stored, so no audit entry and no Idempotency-Key handling.
    return habitat.check(session, body)
