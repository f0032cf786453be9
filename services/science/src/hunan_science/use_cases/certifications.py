"""Service layer of venue and base certification (W4, 三(三)3): apply, assess, certify, review each year, renew or
revoke. A revoked provincial base no longer counts toward the 300 (S20)."""

from __future__ import annotations

from sqlmodel import Session, select

from hunan_science.models import Certification, Venue
from hunan_science.rules.venues import CertificationAction, CertificationState, next_certification_state
from hunan_science.schemas.certifications import CertificationIn, CertificationOut, CertificationStepIn
from hunan_shared import clock
from hunan_shared.errors import Conflict, rule_errors
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id

OPEN_STATES = [s.value for s in CertificationState if s is not CertificationState.REVOKED]


def _out(row: Certification, basis=()) -> CertificationOut:
    return CertificationOut(**row.model_dump(), basis=list(basis))


def apply(uow: UnitOfWork, cmd: CertificationIn) -> CertificationOut:
    """A venue applies; one open certification per venue and level (a revoked one may apply again)."""
    uow.repo(Venue).get(cmd.venue_id)
    open_one = uow.session.exec(
        select(Certification.id).where(
            Certification.venue_id == cmd.venue_id,
            Certification.level == cmd.level.value,
            Certification.state.in_(OPEN_STATES),
        )
    ).first()
    if open_one is not None:
        raise Conflict(f"venue {cmd.venue_id} already has an open {cmd.level.value} certification {open_one}")
    now = clock.now()
    row = Certification(
        id=new_id(),
        venue_id=cmd.venue_id,
        level=cmd.level.value,
        state=CertificationState.APPLIED.value,
        created_at=now,
        updated_at=now,
    )
    uow.repo(Certification).add(row)
    out = _out(row)
    uow.audit("certification.apply", "certification", row.id, after=out)
    return out


def step(
    uow: UnitOfWork, certification_id: str, action: CertificationAction, cmd: CertificationStepIn
) -> CertificationOut:
    row = uow.repo(Certification).for_update(certification_id)
    with uow.audited_change("certification." + action.value, row, render=_out) as change:
        with rule_errors():
            decision = next_certification_state(CertificationState(row.state), action)
        row.state, row.updated_at = decision.value.value, clock.now()
        if action is CertificationAction.CERTIFY:
            row.certified_on = cmd.on
        if action is CertificationAction.REVIEW:
            row.last_review_year = cmd.on.year
        if cmd.note:
            row.note = cmd.note
        uow.session.add(row)
        out = _out(row, decision.basis)
        change.after = out
    return out


def get(session: Session, certification_id: str) -> CertificationOut:
    return _out(Repository(session, Certification).get(certification_id))


def list_certifications(session: Session, venue_id: str | None, state: str | None) -> list[CertificationOut]:
    query = select(Certification).order_by(Certification.created_at.desc(), Certification.id)
    if venue_id:
        query = query.where(Certification.venue_id == venue_id)
    if state:
        query = query.where(Certification.state == state)
    return [_out(row) for row in session.exec(query).all()]
