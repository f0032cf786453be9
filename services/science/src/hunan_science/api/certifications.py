"""HTTP routes of venue and base certification (W4, 三(三)3)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_science.rules.venues import CertificationAction, CertificationState
from hunan_science.schemas.certifications import CertificationIn, CertificationOut, CertificationStepIn
from hunan_science.use_cases import certifications
from hunan_shared.api import Writer, db_session, reader, writer

router = APIRouter(prefix="/v1/certifications", tags=["venues"])


@router.post(
    "",
    status_code=201,
    response_model=CertificationOut,
    operation_id="applyForCertification",
    summary="A venue applies for certification as a science base at a level (W4)",
)
def apply_for_certification(body: CertificationIn, write: Writer = Security(writer, scopes=["science:write"])):
    return write.run(lambda uow: certifications.apply(uow, body), status_code=201, body=body)


@router.post(
    "/{certification_id}/{action}",
    response_model=CertificationOut,
    operation_id="stepCertification",
    summary="Assess, certify, review (yearly), renew or revoke a certification (W4)",
)
def step_certification(
    certification_id: str,
    action: CertificationAction,
    body: CertificationStepIn,
    write: Writer = Security(writer, scopes=["science:write"]),
):
    return write.run(lambda uow: certifications.step(uow, certification_id, action, body), body=body)


@router.get(
    "",
    response_model=list[CertificationOut],
    operation_id="listCertifications",
    summary="List certifications",
    dependencies=[reader("science:read")],
)
def list_certifications(
    venue_id: str | None = Query(None, max_length=36),
    state: CertificationState | None = Query(None),
    session: Session = Depends(db_session),
):
    return certifications.list_certifications(session, venue_id, state.value if state else None)


@router.get(
    "/{certification_id}",
    response_model=CertificationOut,
    operation_id="getCertification",
    summary="Get one certification",
    dependencies=[reader("science:read")],
)
def get_certification(certification_id: str, session: Session = Depends(db_session)):
    return certifications.get(session, certification_id)
