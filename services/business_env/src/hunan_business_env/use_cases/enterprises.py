"""Service layer of the market-entity register: one row per unified social credit code. A new enterprise is
matched at once against the policies in force (Art. 14: entities that become eligible are pushed too)."""

from __future__ import annotations

from sqlmodel import Session, select

from hunan_business_env.models import Enterprise
from hunan_business_env.schemas.enterprises import EnterpriseIn, EnterpriseOut
from hunan_business_env.use_cases import policies
from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.db import in_division
from hunan_shared.errors import Conflict
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id


def _out(row: Enterprise) -> EnterpriseOut:
    return EnterpriseOut.model_validate(row, from_attributes=True)


def register(uow: UnitOfWork, cmd: EnterpriseIn) -> EnterpriseOut:
    if uow.session.exec(select(Enterprise).where(Enterprise.credit_code == cmd.credit_code)).first():
        raise Conflict(f"{cmd.credit_code} is already registered")
    row = uow.repo(Enterprise).add(Enterprise(id=new_id(), **cmd.model_dump(), created_at=clock.now()))
    out = _out(row)
    uow.audit("enterprise.register", "enterprise", row.id, after=out.model_dump(mode="json"))
    policies.match_new_enterprise(uow, row)
    return out


def get(session: Session, enterprise_id: str) -> EnterpriseOut:
    return _out(Repository(session, Enterprise).get(enterprise_id))


def list_enterprises(session: Session, page: PageParams, division: str | None) -> Page[EnterpriseOut]:
    where = [in_division(Enterprise.division_code, division)] if division else []
    return Repository(session, Enterprise).page(page, *where, order_by=Enterprise.credit_code, convert=_out)
