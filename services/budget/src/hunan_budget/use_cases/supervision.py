"""Service layer for supervision findings (R53, Opinion (二十六)): a problem found by any of the supervision channels
stays OPEN until the responsible unit or person is named, the handling decided and its result published."""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import Session

from hunan_budget.models import SupervisionFinding
from hunan_budget.rules.basis import require
from hunan_budget.rules.execution import finding_closable
from hunan_budget.schemas.oversight import SupervisionFindingCloseIn, SupervisionFindingIn, SupervisionFindingOut
from hunan_shared import clock
from hunan_shared.errors import Conflict, InvalidInput, rule_errors
from hunan_shared.legal import Basis
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id

OPEN, CLOSED = "OPEN", "CLOSED"


def _out(row: SupervisionFinding, basis: Iterable[Basis] = ()) -> SupervisionFindingOut:
    return SupervisionFindingOut(**row.model_dump(), basis=list(basis))


def record(uow: UnitOfWork, cmd: SupervisionFindingIn) -> SupervisionFindingOut:
    now = clock.now()
    row = uow.repo(SupervisionFinding).add(
        SupervisionFinding(id=new_id(), **cmd.model_dump(), state=OPEN, created_at=now, updated_at=now)
    )
    out = _out(row)
    uow.audit("supervision_finding.create", "supervision_finding", row.id, after=out)
    return out


def close(uow: UnitOfWork, finding_id: str, cmd: SupervisionFindingCloseIn) -> SupervisionFindingOut:
    row = uow.repo(SupervisionFinding, noun="finding").for_update(finding_id)
    if row.state == CLOSED:
        raise Conflict("the finding is already closed")
    if cmd.published_on is not None and cmd.published_on < row.found_on:
        raise InvalidInput("the handling cannot be published before the finding")
    with uow.audited_change("supervision_finding.close", row, render=_out) as change:
        with rule_errors():
            decision = require(finding_closable(cmd.responsible, cmd.handling_result, cmd.published_on))
        row.responsible, row.handling_result = cmd.responsible, cmd.handling_result
        row.published_on, row.publication_ref = cmd.published_on, cmd.publication_ref
        row.state, row.updated_at = CLOSED, clock.now()
        uow.session.add(row)
        change.after = out = _out(row, decision.basis)
    return out


def list_findings(session: Session, division_code: str, state: str | None) -> list[SupervisionFindingOut]:
    where = [SupervisionFinding.division_code == division_code]
    if state:
        where.append(SupervisionFinding.state == state)
    rows = Repository(session, SupervisionFinding).list(
        *where, order_by=(SupervisionFinding.found_on, SupervisionFinding.id)
    )
    return [_out(r) for r in rows]
