"""Service layer for fiscal support to market entities in competitive sectors (R21, Opinion (九)): a direct subsidy
by competitive review is recorded only with criteria published before the review, a regulated procedure and a
collective decision; a post-subsidy only against preset targets."""

from __future__ import annotations

from sqlmodel import Session

from hunan_budget.models import CompetitiveSupport
from hunan_budget.rules.allocation import competitive_support_allowed
from hunan_budget.rules.basis import require
from hunan_budget.schemas.oversight import SupportIn, SupportOut
from hunan_shared import clock
from hunan_shared.errors import rule_errors
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id


def grant(uow: UnitOfWork, cmd: SupportIn) -> SupportOut:
    with rule_errors():
        decision = require(
            competitive_support_allowed(
                cmd.mode,
                cmd.criteria_published_on,
                cmd.review_on,
                cmd.procedure_ref,
                cmd.collective_decision_ref,
                cmd.result_targets,
            )
        )
    row = uow.repo(CompetitiveSupport).add(CompetitiveSupport(id=new_id(), **cmd.model_dump(), created_at=clock.now()))
    out = SupportOut(**row.model_dump(), basis=list(decision.basis))
    uow.audit("competitive_support.create", "competitive_support", row.id, after=out)
    return out


def list_support(session: Session, division_code: str) -> list[SupportOut]:
    rows = Repository(session, CompetitiveSupport).list(
        CompetitiveSupport.division_code == division_code, order_by=CompetitiveSupport.created_at
    )
    return [SupportOut(**r.model_dump()) for r in rows]
