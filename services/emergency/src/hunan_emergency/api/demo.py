"""HTTP route that loads the demo reserve network (used by `hunan demo`)."""

from __future__ import annotations

from fastapi import APIRouter, Security

from hunan_emergency.schemas.reserves import DemoReservesOut
from hunan_emergency.use_cases import reserves
from hunan_shared.api import Writer, writer

router = APIRouter(prefix="/v1/demo", tags=["demo"])


@router.post(
    "/reserves",
    response_model=DemoReservesOut,
    operation_id="loadDemoReserves",
    summary="Load a small demo depot network with stock (Changsha, Zhuzhou, Xiangtan); idempotent",
)
def load_demo_reserves(write: Writer = Security(writer, scopes=["emergency:write"])):
    return write.run(reserves.load_demo_reserves)
