"""Service layer for debt and major projects (Opinion 五): debt limits, bonds as the only borrowing (R40), refused
guarantees (R44), affordability assessments that gate major projects (R46)."""

from __future__ import annotations

from decimal import Decimal

from sqlmodel import Session, func, select

from hunan_budget.models import AffordabilityAssessment, Debt, DebtLimit, Project
from hunan_budget.rules.basis import decide, require
from hunan_budget.rules.bond_pace import issuance_pace
from hunan_budget.rules.debt import DebtKind, borrowing_allowed, new_debt_allocation_allowed, special_bond_matching
from hunan_budget.schemas.debt import AssessmentIn, AssessmentOut, DebtIn, DebtLimitIn, DebtLimitOut, DebtOut
from hunan_shared import clock
from hunan_shared.errors import Conflict, rule_errors
from hunan_shared.legal import Decision
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id


def set_limit(uow: UnitOfWork, cmd: DebtLimitIn) -> DebtLimitOut:
    """Set a level's debt limit; a HIGH-risk level's new-debt allocation must be below last year's (R42)."""
    repo = uow.repo(DebtLimit)
    if repo.list(DebtLimit.division_code == cmd.division_code, DebtLimit.budget_year == cmd.budget_year):
        raise Conflict(f"{cmd.division_code} already has a debt limit for {cmd.budget_year}")
    prior = repo.list(DebtLimit.division_code == cmd.division_code, DebtLimit.budget_year == cmd.budget_year - 1)
    with rule_errors():
        decision = require(
            new_debt_allocation_allowed(
                cmd.risk_rating, cmd.new_debt_allocation, prior[0].new_debt_allocation if prior else None
            )
        )
    row = repo.add(DebtLimit(id=new_id(), **cmd.model_dump(), created_at=clock.now()))
    out = DebtLimitOut(**row.model_dump(), basis=list(decision.basis))
    uow.audit("debt_limit.create", "debt_limit", row.id, after=out)
    return out


def _outstanding(session: Session, division_code: str, year: int) -> Decimal:
    total = session.exec(
        select(func.coalesce(func.sum(Debt.amount), 0)).where(
            Debt.division_code == division_code, Debt.budget_year == year
        )
    ).one()
    return Decimal(total)


def borrow(uow: UnitOfWork, cmd: DebtIn) -> DebtOut:
    """Register a bond within the level's limit; any other borrowing or a guarantee is refused with its basis."""
    limits = uow.repo(DebtLimit).list(
        DebtLimit.division_code == cmd.division_code, DebtLimit.budget_year == cmd.budget_year
    )
    with rule_errors():
        decision = require(
            borrowing_allowed(
                cmd.kind,
                _outstanding(uow.session, cmd.division_code, cmd.budget_year),
                cmd.amount,
                limits[0].limit if limits else None,
            )
        )
        matching = _special_bond_matching(cmd)
    row = uow.repo(Debt).add(Debt(id=new_id(), **cmd.model_dump(), created_at=clock.now()))
    out = DebtOut(
        **row.model_dump(),
        warnings=matching.value if matching else [],
        basis=list(decision.basis) + (list(matching.basis) if matching else []),
    )
    uow.audit("debt.create", "debt", row.id, after=out)
    return out


def _special_bond_matching(cmd: DebtIn) -> Decision[list[str]] | None:
    """R41 on a special bond: its financing balanced with the project's revenue and its term within the project's;
    a special bond without these figures is accepted with a warning that the matching was not shown."""
    if cmd.kind is not DebtKind.SPECIAL_BOND:
        return None
    figures = (cmd.project_revenue, cmd.debt_service, cmd.bond_term_years, cmd.project_term_years)
    if any(f is None for f in figures):
        empty = special_bond_matching(Decimal(0), Decimal(0), Decimal(0), 1, 1)
        note = "project revenue, debt service and terms not given: matching not shown"
        return _with_pace(cmd, decide([note], note, *empty.basis))
    assert cmd.project_revenue is not None and cmd.debt_service is not None
    assert cmd.bond_term_years is not None and cmd.project_term_years is not None
    matching = special_bond_matching(
        cmd.amount, cmd.project_revenue, cmd.debt_service, cmd.bond_term_years, cmd.project_term_years
    )
    return _with_pace(cmd, matching)


def _with_pace(cmd: DebtIn, matching: Decision[list[str]]) -> Decision[list[str]]:
    """R41's third match (issuance pace vs implementation), when the earlier tranches are given."""
    if cmd.earlier_tranches_issued is None:
        return matching
    pace = issuance_pace(cmd.earlier_tranches_issued, cmd.earlier_tranches_spent or Decimal(0))
    warnings = matching.value + pace.value
    return decide(warnings, "; ".join(warnings) or matching.reason, *matching.basis, *pace.basis)


def list_debts(session: Session, division_code: str, budget_year: int) -> list[DebtOut]:
    rows = Repository(session, Debt).list(
        Debt.division_code == division_code, Debt.budget_year == budget_year, order_by=Debt.issued_on
    )
    return [DebtOut(**r.model_dump()) for r in rows]


def assess(uow: UnitOfWork, project_id: str, cmd: AssessmentIn) -> AssessmentOut:
    """Record a fiscal-affordability assessment of a project; funding a major project needs the latest to be
    WITHIN_CAPACITY (R46)."""
    project = uow.repo(Project).get(project_id)
    row = uow.repo(AffordabilityAssessment).add(
        AffordabilityAssessment(id=new_id(), project_id=project.id, **cmd.model_dump(), created_at=clock.now())
    )
    out = AssessmentOut(**row.model_dump())
    uow.audit("affordability.create", "affordability", row.id, after=out)
    return out
