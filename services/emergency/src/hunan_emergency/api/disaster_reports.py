"""HTTP route for direct reports (直报) of disasters and accidents, before declaration (W1, R4)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Security

from hunan_emergency.api import service_settings
from hunan_emergency.schemas.disasters import DisasterOut, DisasterReport
from hunan_emergency.settings import EmergencySettings
from hunan_emergency.use_cases import disasters
from hunan_shared.api import Writer, writer

router = APIRouter(prefix="/v1/disaster-reports", tags=["disasters"])


@router.post(
    "",
    status_code=201,
    response_model=DisasterOut,
    operation_id="reportDisaster",
    summary="Directly report a disaster or accident (REPORTED); lateness is recorded (R4)",
)
def report_disaster(
    body: DisasterReport,
    write: Writer = Security(writer, scopes=["emergency:declare"]),
    settings: EmergencySettings = Depends(service_settings),
):
    return write.run(lambda uow: disasters.report(uow, body, settings), status_code=201, body=body)
