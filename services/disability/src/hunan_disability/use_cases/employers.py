"""Service layer for employers 用人单位 and their annual proportional-employment review (R36–R38)."""

from __future__ import annotations

from sqlmodel import Session, select

from hunan_disability.models import Employer, QuotaReview
from hunan_disability.rules.employment import (
    InstitutionSubtype,
    UnitType,
    agency_quota_project,
    dpf_cadre_share_compliant,
    quota_review,
    shortfall_persons,
)
from hunan_disability.rules.enums import AdminLevel
from hunan_disability.schemas.employers import EmployerIn, EmployerOut, QuotaReviewIn, QuotaReviewOut
from hunan_disability.settings import DisabilitySettings
from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.db import in_division
from hunan_shared.errors import Conflict
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id


def _employer(session: Session, employer_id: str) -> Employer:
    return Repository(session, Employer).get(employer_id)


def create(uow: UnitOfWork, cmd: EmployerIn) -> EmployerOut:
    row = Employer(id=new_id(), **cmd.model_dump(mode="json"), created_at=clock.now())
    uow.repo(Employer).add(row)
    out = EmployerOut(**row.model_dump())
    uow.audit("employer.create", "employer", row.id, after=out)
    return out


def get(session: Session, employer_id: str) -> EmployerOut:
    return EmployerOut(**_employer(session, employer_id).model_dump())


def list_employers(session: Session, page: PageParams, division: str | None = None) -> Page[EmployerOut]:
    query = select(Employer).order_by(Employer.name, Employer.id)
    if division:
        query = query.where(in_division(Employer.division_code, division))
    rows = session.exec(query.offset(page.offset).limit(page.limit + 1)).all()
    return page.page(rows, lambda r: EmployerOut(**r.model_dump()))


def review(uow: UnitOfWork, employer_id: str, cmd: QuotaReviewIn, settings: DisabilitySettings) -> QuotaReviewOut:
    """按比例就业年审 (专栏10·6): ratio (R38 over-quota), the 2025 agency/institution project (R36) and, for a
    残联机关, the ≥ 15 % disabled cadres (R37). One review per employer and year."""
    employer = _employer(uow.session, employer_id)
    if uow.session.exec(
        select(QuotaReview.id).where(QuotaReview.employer_id == employer_id, QuotaReview.year == cmd.year)
    ).first():
        raise Conflict(f"employer {employer_id} was already reviewed for {cmd.year}")
    ratio = quota_review(
        cmd.in_post_staff, cmd.severe_disabled_employees, cmd.other_disabled_employees, ratio=settings.quota_ratio
    )
    disabled = cmd.severe_disabled_employees + cmd.other_disabled_employees
    project = agency_quota_project(
        UnitType(employer.unit_type),
        AdminLevel(employer.admin_level),
        employer.authorized_headcount,
        InstitutionSubtype(employer.institution_subtype),
        ratio.value.meets_ratio,
        disabled,
    )
    decisions = [ratio, project]
    dpf = None
    if UnitType(employer.unit_type) is UnitType.DPF_ORGAN:
        cadres = dpf_cadre_share_compliant(AdminLevel(employer.admin_level), cmd.in_post_staff, disabled)
        decisions.append(cadres)
        dpf = cadres.value
    row = QuotaReview(
        id=new_id(),
        employer_id=employer_id,
        year=cmd.year,
        in_post_staff=cmd.in_post_staff,
        severe_disabled_employees=cmd.severe_disabled_employees,
        other_disabled_employees=cmd.other_disabled_employees,
        counted=ratio.value.counted,
        required=ratio.value.required,
        meets_ratio=ratio.value.meets_ratio,
        over_quota=ratio.value.over_quota,
        shortfall=shortfall_persons(ratio.value),
        project_status=project.value,
        dpf_cadres_compliant=dpf,
        created_at=clock.now(),
    )
    uow.session.add(row)
    uow.session.flush()
    out = _review_out(row, [d.reason for d in decisions], [b for d in decisions for b in d.basis])
    uow.audit("employer.quota_review", "employer", employer_id, after=out)
    return out


def _review_out(row: QuotaReview, reasons: list[str], basis) -> QuotaReviewOut:
    return QuotaReviewOut(
        **row.model_dump(exclude={"severe_disabled_employees", "other_disabled_employees", "created_at"}),
        reasons=reasons,
        basis=list(dict.fromkeys(basis)),
    )


def list_reviews(session: Session, employer_id: str, page: PageParams) -> Page[QuotaReviewOut]:
    _employer(session, employer_id)
    rows = session.exec(
        select(QuotaReview)
        .where(QuotaReview.employer_id == employer_id)
        .order_by(QuotaReview.year)
        .offset(page.offset)
        .limit(page.limit + 1)
    ).all()
    return page.page(rows, lambda r: _review_out(r, [], []))
