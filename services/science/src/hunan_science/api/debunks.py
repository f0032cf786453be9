"""HTTP routes of rumour debunking on the science rumour-debunking platform 科学辟谣平台 (三(二)4, R34)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_science.schemas.debunks import DebunkIn, DebunkOut
from hunan_science.use_cases import debunks
from hunan_shared.api import Writer, db_session, reader, writer

router = APIRouter(prefix="/v1/debunks", tags=["content"])


@router.post(
    "",
    status_code=201,
    response_model=DebunkOut,
    operation_id="publishDebunk",
    summary="Answer a rumour with expert-approved content on the rumour-debunking platform (R34)",
)
def publish_debunk(body: DebunkIn, write: Writer = Security(writer, scopes=["science:write"])):
    return write.run(lambda uow: debunks.publish(uow, body), status_code=201, body=body)


@router.get(
    "",
    response_model=list[DebunkOut],
    operation_id="listDebunks",
    summary="List published debunks",
    dependencies=[reader("science:read")],
)
def list_debunks(
    campaign_id: str | None = Query(None, max_length=36),
    division: str | None = Query(None, pattern=r"^43\d{4}$", description="Debunks aimed at this division or inside it"),
    session: Session = Depends(db_session),
):
    return debunks.list_debunks(session, campaign_id, division)
