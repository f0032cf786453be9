"""Service layer of the pro-enterprise policy list (W7, Art. 14): publish a complete policy, match it against the
register (set once at publication and again for each new enterprise), grant or push, explain."""

from __future__ import annotations

import dataclasses

from sqlalchemy import func
from sqlmodel import Session, select

from hunan_business_env.models import Enterprise, Entitlement, Policy
from hunan_business_env.rules.checks import POLICY_ELEMENTS, policy_complete
from hunan_business_env.rules.policies import (
    Criterion,
    Operator,
    Outcome,
    PolicyMode,
    entitlement,
    match,
    validate_criteria,
)
from hunan_business_env.rules.policy_benefits import Benefit, benefit_valid
from hunan_business_env.schemas.policies import (
    CriterionIn,
    CriterionResultOut,
    EligibilityOut,
    EntitlementOut,
    PolicyIn,
    PolicyOut,
)
from hunan_shared import clock, divisions
from hunan_shared.api import Page, PageParams
from hunan_shared.db import in_division
from hunan_shared.errors import RuleViolation, rule_errors
from hunan_shared.events.catalogue import BenefitGranted, PolicyPublished
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id

_PROFILE = ("size", "industry", "credit_class", "high_tech", "employees", "division_code", "established_on")


def _criteria(policy: Policy) -> list[Criterion]:
    return [Criterion(c["attribute"], Operator(c["op"]), c["value"]) for c in policy.criteria]


def _profile(enterprise: Enterprise) -> dict:
    return {name: getattr(enterprise, name) for name in _PROFILE}


def _out(session: Session, policy: Policy, basis=()) -> PolicyOut:
    counts = dict(
        session.exec(
            select(Entitlement.status, func.count())
            .where(Entitlement.policy_id == policy.id)
            .group_by(Entitlement.status)
        ).all()
    )
    return PolicyOut(
        **policy.model_dump(exclude={"criteria", "mode"}),
        mode=PolicyMode(policy.mode),
        criteria=[CriterionIn(**c) for c in policy.criteria],
        granted=counts.get(Outcome.GRANTED, 0),
        pushed=counts.get(Outcome.PUSHED, 0),
        basis=list(basis),
    )


def _apply(uow: UnitOfWork, policy: Policy, enterprise: Enterprise) -> Outcome:
    """Match one enterprise against one policy today; record and announce what it gets."""
    today = clock.now().date()
    results = match(_criteria(policy), _profile(enterprise), today)
    eligible = all(r.met for r in results.value)
    outcome = entitlement(PolicyMode(policy.mode), eligible, policy.valid_from, policy.valid_to, today).value
    if outcome is Outcome.NONE:
        return outcome
    uow.session.add(
        Entitlement(
            policy_id=policy.id,
            enterprise_id=enterprise.id,
            status=outcome.value,
            explanation=[dataclasses.asdict(r) for r in results.value],
            matched_at=clock.now(),
        )
    )
    if outcome is Outcome.GRANTED:
        uow.emit(
            BenefitGranted(
                policy_id=policy.id,
                enterprise_credit_code=enterprise.credit_code,
                division_code=enterprise.division_code,
                redemption_form=policy.redemption_form,
                granted_at=clock.now(),
            )
        )
    return outcome


def publish(uow: UnitOfWork, cmd: PolicyIn) -> PolicyOut:
    """Art. 14 / 第十四条: only a policy with all ten elements enters the list (the missing ones are named); it is
    matched against every registered enterprise of its division at once."""
    complete = policy_complete(cmd.model_dump(include=set(POLICY_ELEMENTS)))
    if not complete.value:
        raise RuleViolation(complete.reason, basis=complete.basis)
    benefit = benefit_valid(cmd.benefit, cmd.collateral)
    if not benefit.value:
        raise RuleViolation(benefit.reason, basis=benefit.basis)
    criteria = [Criterion(c.attribute, c.op, c.value) for c in cmd.criteria]
    with rule_errors():
        valid = validate_criteria(criteria)
    policy = uow.repo(Policy).add(
        Policy(
            id=new_id(),
            **cmd.model_dump(exclude={"criteria", "collateral"}),
            criteria=[c.model_dump(mode="json") for c in cmd.criteria],
            collateral=[str(c) for c in cmd.collateral],
            published_at=clock.now(),
        )
    )
    enterprises = uow.session.exec(
        select(Enterprise).where(in_division(Enterprise.division_code, policy.division_code))
    ).all()
    for enterprise in enterprises:
        _apply(uow, policy, enterprise)
    uow.session.flush()
    out = _out(uow.session, policy, complete.basis + valid.basis)
    uow.emit(
        PolicyPublished(
            policy_id=policy.id,
            title=policy.title,
            division_code=policy.division_code,
            implementing_department=policy.implementing_department,
            mode=policy.mode,
            valid_from=policy.valid_from,
            valid_to=policy.valid_to,
            granted=out.granted,
            pushed=out.pushed,
            published_at=policy.published_at,
        )
    )
    uow.audit("policy.publish", "policy", policy.id, after=out.model_dump(mode="json", exclude={"basis"}))
    return out


def match_new_enterprise(uow: UnitOfWork, enterprise: Enterprise) -> None:
    """A newly registered enterprise gets what the policies in force give it (Art. 14: 主动精准推送)."""
    today = clock.now().date()
    in_force = uow.session.exec(select(Policy).where(Policy.valid_from <= today, Policy.valid_to >= today)).all()
    for policy in in_force:
        if divisions.contains(policy.division_code, enterprise.division_code):
            _apply(uow, policy, enterprise)


def get(session: Session, policy_id: str) -> PolicyOut:
    return _out(session, Repository(session, Policy).get(policy_id))


def list_policies(
    session: Session, page: PageParams, division: str | None, benefit: Benefit | None = None
) -> Page[PolicyOut]:
    where = [in_division(Policy.division_code, division, with_ancestors=True)] if division else []
    if benefit is not None:  # Arts. 11–12: the financing instruments or talent services on offer
        where.append(Policy.benefit == benefit.value)
    return Repository(session, Policy).page(
        page, *where, order_by=Policy.published_at, convert=lambda p: _out(session, p)
    )


def eligibility(session: Session, policy_id: str, enterprise_id: str) -> EligibilityOut:
    """Why an enterprise does or does not get a policy today, criterion by criterion."""
    policy = Repository(session, Policy).get(policy_id)
    enterprise = Repository(session, Enterprise).get(enterprise_id)
    today = clock.now().date()
    inside = divisions.contains(policy.division_code, enterprise.division_code)
    results = match(_criteria(policy), _profile(enterprise), today).value if inside else []
    eligible = inside and all(r.met for r in results)
    decided = entitlement(PolicyMode(policy.mode), eligible, policy.valid_from, policy.valid_to, today)
    reason = decided.reason if inside else f"{enterprise.division_code} lies outside {policy.division_code}"
    return EligibilityOut(
        policy_id=policy.id,
        enterprise_id=enterprise.id,
        eligible=eligible,
        outcome=decided.value,
        reason=reason,
        criteria=[CriterionResultOut(**dataclasses.asdict(r)) for r in results],
        basis=list(decided.basis),
    )


def entitlements(session: Session, page: PageParams, policy_id: str) -> Page[EntitlementOut]:
    Repository(session, Policy).get(policy_id)
    codes = dict(
        session.exec(
            select(Enterprise.id, Enterprise.credit_code)
            .join(Entitlement, Entitlement.enterprise_id == Enterprise.id)
            .where(Entitlement.policy_id == policy_id)
        ).all()
    )
    return Repository(session, Entitlement).page(
        page,
        Entitlement.policy_id == policy_id,
        order_by=Entitlement.id,
        convert=lambda e: EntitlementOut(
            policy_id=e.policy_id,
            enterprise_id=e.enterprise_id,
            credit_code=codes[e.enterprise_id],
            status=e.status,
            explanation=[CriterionResultOut(**r) for r in e.explanation],
            matched_at=e.matched_at,
        ),
    )
