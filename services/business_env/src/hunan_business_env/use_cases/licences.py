"""Service layer of the electronic-licence library (R51, R52) and the planning-permit list (R57)."""

from __future__ import annotations

from sqlmodel import Session, select

from hunan_business_env.models import ElectronicLicence, PlanningPermitType
from hunan_business_env.rules.licences import PermitMode, aggregation_on_time, licence_effect, planning_permit_mode
from hunan_business_env.schemas.licences import (
    AggregationIn,
    LicenceEffectIn,
    LicenceEffectOut,
    LicenceIn,
    LicenceOut,
    PermitModeIn,
    PermitModeOut,
    PermitTypeIn,
    PermitTypeOut,
    RevocationIn,
)
from hunan_business_env.settings import BusinessEnvSettings
from hunan_shared.api import Page, PageParams
from hunan_shared.errors import Conflict, InvalidInput
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id


def _lic_out(row: ElectronicLicence, basis=()) -> LicenceOut:
    out = LicenceOut.model_validate(row, from_attributes=True)
    out.basis = list(basis)
    return out


def issue(uow: UnitOfWork, cmd: LicenceIn) -> LicenceOut:
    if uow.session.exec(select(ElectronicLicence).where(ElectronicLicence.licence_no == cmd.licence_no)).first():
        raise Conflict(f"licence {cmd.licence_no} is already recorded")
    row = uow.repo(ElectronicLicence).add(ElectronicLicence(id=new_id(), **cmd.model_dump()))
    out = _lic_out(row)
    uow.audit("licence.issue", "electronic_licence", row.id, after=out.model_dump(mode="json"))
    return out


def aggregate(uow: UnitOfWork, licence_id: str, cmd: AggregationIn, settings: BusinessEnvSettings) -> LicenceOut:
    """Art. 27 para 2 (R52): the library records the licence; the lag is judged against the setting."""
    row = uow.repo(ElectronicLicence).get(licence_id)
    if row.aggregated_at is not None:
        raise Conflict(f"licence {row.licence_no} was already aggregated at {row.aggregated_at}")
    if cmd.aggregated_at < row.issued_at:
        raise InvalidInput("aggregated_at precedes issued_at")
    decision = aggregation_on_time(
        row.issued_at, cmd.aggregated_at, settings.licence_aggregation_max_minutes, row.aggregation_exempt_basis
    )
    row.aggregated_at, row.aggregated_on_time = cmd.aggregated_at, decision.value
    uow.session.add(row)
    out = _lic_out(row, decision.basis)
    uow.audit("licence.aggregate", "electronic_licence", row.id, after=out.model_dump(mode="json"))
    return out


def revoke(uow: UnitOfWork, licence_id: str, cmd: RevocationIn) -> LicenceOut:
    row = uow.repo(ElectronicLicence).get(licence_id)
    if row.revoked_on is not None:
        raise Conflict(f"licence {row.licence_no} was already revoked on {row.revoked_on}")
    if cmd.revoked_on < row.valid_from:
        raise InvalidInput("revoked_on precedes valid_from")
    row.revoked_on = cmd.revoked_on
    uow.session.add(row)
    out = _lic_out(row)
    uow.audit("licence.revoke", "electronic_licence", row.id, after=out.model_dump(mode="json"))
    return out


def list_licences(session: Session, page: PageParams, late: bool | None) -> Page[LicenceOut]:
    """late=true: aggregated beyond the real-time limit (R52 monitoring)."""
    where = []
    if late is True:
        where.append(ElectronicLicence.aggregated_on_time.is_(False))  # type: ignore[union-attr]
    elif late is False:
        where.append(ElectronicLicence.aggregated_on_time.is_(True))  # type: ignore[union-attr]
    return Repository(session, ElectronicLicence).page(
        page, *where, order_by=ElectronicLicence.licence_no, convert=_lic_out
    )


def effect(session: Session, cmd: LicenceEffectIn) -> LicenceEffectOut:
    row = session.exec(select(ElectronicLicence).where(ElectronicLicence.licence_no == cmd.licence_no)).first()
    decision = licence_effect(
        row is not None and row.aggregated_at is not None,
        row.valid_from if row else None,
        row.valid_to if row else None,
        row.revoked_on if row else None,
        cmd.on,
    )
    return LicenceEffectOut(
        licence_no=cmd.licence_no, on=cmd.on, effect=decision.value, reason=decision.reason, basis=list(decision.basis)
    )


def _permit_out(row: PlanningPermitType) -> PermitTypeOut:
    return PermitTypeOut.model_validate(row, from_attributes=True)


def list_type(uow: UnitOfWork, cmd: PermitTypeIn) -> PermitTypeOut:
    """One province-wide list (全省统一): a project type appears once, as commitment or exempt."""
    if uow.session.exec(select(PlanningPermitType).where(PlanningPermitType.project_type == cmd.project_type)).first():
        raise Conflict(f"{cmd.project_type} is already on the province-wide list")
    row = uow.repo(PlanningPermitType).add(PlanningPermitType(id=new_id(), **cmd.model_dump()))
    out = _permit_out(row)
    uow.audit("planning_permit_type.list", "planning_permit_type", row.id, after=out.model_dump(mode="json"))
    return out


def list_types(session: Session, page: PageParams) -> Page[PermitTypeOut]:
    return Repository(session, PlanningPermitType).page(
        page, order_by=PlanningPermitType.project_type, convert=_permit_out
    )


def permit_mode(session: Session, cmd: PermitModeIn) -> PermitModeOut:
    row = session.exec(select(PlanningPermitType).where(PlanningPermitType.project_type == cmd.project_type)).first()
    decision = planning_permit_mode(PermitMode(row.mode) if row else None)
    return PermitModeOut(
        project_type=cmd.project_type,
        mode=decision.value,
        review_elements=row.review_elements if row else [],
        reason=decision.reason,
        basis=list(decision.basis),
    )
