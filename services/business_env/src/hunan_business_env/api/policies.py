"""HTTP routes of the pro-enterprise policy list (W7, Art. 14)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_business_env.rules.policy_benefits import Benefit
from hunan_business_env.schemas.policies import EligibilityOut, EntitlementOut, PolicyIn, PolicyOut
from hunan_business_env.use_cases import policies
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1/policies", tags=["policies"])


@router.post(
    "",
    status_code=201,
    response_model=PolicyOut,
    operation_id="publishPolicy",
    summary="Publish a pro-enterprise policy (all ten elements of Art. 14) and match it against the register",
)
def publish(body: PolicyIn, write: Writer = Security(writer, scopes=["business_env:write"])):
    return write.run(lambda uow: policies.publish(uow, body), status_code=201, body=body)


@router.get(
    "",
    response_model=Page[PolicyOut],
    operation_id="listPolicies",
    summary="List published policies (a division's own and those of the divisions containing it)",
    dependencies=[reader("business_env:read")],
)
def list_policies(
    page: PageParams = Depends(page_params),
    division: str | None = Query(None, pattern=r"^43\d{4}$"),
    benefit: Benefit | None = Query(None, description="Financing instrument (Art. 11) or talent service (Art. 12)"),
    session: Session = Depends(db_session),
):
    return policies.list_policies(session, page, division, benefit)


@router.get(
    "/{policy_id}",
    response_model=PolicyOut,
    operation_id="getPolicy",
    summary="Get a policy",
    dependencies=[reader("business_env:read")],
)
def get_policy(policy_id: str, session: Session = Depends(db_session)):
    return policies.get(session, policy_id)


@router.get(
    "/{policy_id}/entitlements",
    response_model=Page[EntitlementOut],
    operation_id="listPolicyEntitlements",
    summary="Enterprises granted the benefit or pushed to apply, each with its explanation",
    dependencies=[reader("business_env:read")],
)
def list_entitlements(policy_id: str, page: PageParams = Depends(page_params), session: Session = Depends(db_session)):
    return policies.entitlements(session, page, policy_id)


@router.get(
    "/{policy_id}/eligibility/{enterprise_id}",
    response_model=EligibilityOut,
    operation_id="getPolicyEligibility",
    summary="Whether an enterprise gets the policy today, criterion by criterion",
    dependencies=[reader("business_env:read")],
)
def get_eligibility(policy_id: str, enterprise_id: str, session: Session = Depends(db_session)):
    return policies.eligibility(session, policy_id, enterprise_id)
