"""HTTP routes for the accessible warning notification lists (R-E1 (h)(i), R56, R60)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Query, Security
from sqlmodel import Session

from hunan_disability.rules.emergency_assistance import Channel
from hunan_disability.schemas.warning_notifications import WarningNotificationsOut
from hunan_disability.use_cases import warning_notifications
from hunan_shared.api import PageParams, db_session, page_params
from hunan_shared.auth import Principal, current_principal

router = APIRouter(prefix="/v1/warnings", tags=["assistance"])
PII = "disability:pii"


@router.get(
    "/{warning_id}/notifications",
    response_model=WarningNotificationsOut,
    operation_id="listWarningNotifications",
    summary="The accessible notification list of a warning (R-E1 (h)(i) and every case-worthy person)",
    description="Persons residing in the warned counties for whom R-E1 opens a case (a–g) or asks for a "
    "notification only (h visual/hearing, i elderly), each with the contact channel to try "
    "first. Counts per channel and per selection cover the whole list; phones are masked "
    "without disability:pii. Cancelled warnings keep their list with status `cancelled`.",
)
def list_notifications(
    warning_id: str = Path(max_length=36),
    page: PageParams = Depends(page_params),
    channel: Channel | None = Query(None, description="Only persons reached first this way"),
    principal: Principal = Security(current_principal, scopes=["disability:read"]),
    session: Session = Depends(db_session),
):
    return warning_notifications.notifications(
        session, warning_id, page, pii=principal.has(PII), channel=channel.value if channel else None
    )
