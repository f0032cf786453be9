"""Service layer of the province-wide service-item catalogue (Art. 22) with hall inclusion (Art. 24), pilot zones
(Art. 4) and Chang-Zhu-Tan same-city service (Art. 5), and of the stateless hall, utility, bundle and double-entry
checkers (Arts. 17, 23, 24, 25)."""

from __future__ import annotations

from sqlmodel import Session, select

from hunan_business_env.models import ServiceItem
from hunan_business_env.rules.service_items import (
    ART4_PILOT,
    ART22,
    Handling,
    Level,
    acceptance,
    bundle_findings,
    double_entry,
    hall_application_findings,
    hall_inclusion,
    utility_gaps,
    variant_differences,
)
from hunan_business_env.schemas.service_items import (
    AcceptanceIn,
    AcceptanceVerdict,
    BundleCaseIn,
    BundleCaseVerdict,
    DoubleEntryIn,
    DoubleEntryVerdict,
    HallApplicationIn,
    HallApplicationVerdict,
    PublicUtilityIn,
    PublicUtilityVerdict,
    ServiceItemIn,
    ServiceItemOut,
)
from hunan_business_env.settings import BusinessEnvSettings
from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.errors import Conflict, InvalidInput, NotFound, RuleViolation
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id

PROVINCE_DIVISION = "430000"
ELEMENTS = ("conditions", "steps", "time_limit_working_days", "materials")


def _out(row: ServiceItem) -> ServiceItemOut:
    return ServiceItemOut.model_validate(
        {**row.model_dump(), "material_count": len(row.materials)}, from_attributes=False
    )


def _find(session: Session, code: str, division: str) -> ServiceItem | None:
    query = select(ServiceItem).where(ServiceItem.code == code, ServiceItem.division == division)
    return session.exec(query).first()


def add_item(uow: UnitOfWork, cmd: ServiceItemIn, settings: BusinessEnvSettings) -> ServiceItemOut:
    """Art. 22 para 1 / 第二十二条第一款 (R39): the province entry comes first (level PROVINCE, division 430000); a
    city, county, township or village variant keeps its conditions, steps, time limit and materials, else refused
    naming the elements. Art. 24 (R44): outside the hall only with a reason. Art. 4 (R3): pilot zones are known."""
    if (cmd.level is Level.PROVINCE) != (cmd.division == PROVINCE_DIVISION):
        raise InvalidInput("the catalogue entry is level PROVINCE with division 430000; variants are local")
    unknown = [z for z in cmd.pilot_zones if z not in settings.pilot_zones]
    if unknown:
        raise InvalidInput(f"not a pilot zone: {', '.join(unknown)}", basis=(ART4_PILOT,))
    hall = hall_inclusion(cmd.hall_included, cmd.hall_exemption, cmd.hall_exemption_note)
    if not hall.value:
        raise RuleViolation(hall.reason, basis=hall.basis)
    if _find(uow.session, cmd.code, cmd.division):
        raise Conflict(f"service item {cmd.code} already has an entry for {cmd.division}")
    if cmd.level is not Level.PROVINCE:
        entry = _find(uow.session, cmd.code, PROVINCE_DIVISION)
        if entry is None:
            raise RuleViolation(f"{cmd.code} is not in the province-wide catalogue", basis=(ART22,))
        diff = variant_differences({k: getattr(entry, k) for k in ELEMENTS}, {k: getattr(cmd, k) for k in ELEMENTS})
        if diff.value:
            raise RuleViolation(
                f"a local variant {diff.reason}", basis=diff.basis, extra={"differing": list(diff.value)}
            )
    data = cmd.model_dump(mode="json")
    data["fee"] = cmd.fee
    row = uow.repo(ServiceItem).add(ServiceItem(id=new_id(), **data, created_at=clock.now()))
    out = _out(row)
    uow.audit("service_item.add", "service_item", row.id, after=out.model_dump(mode="json"))
    return out


def list_items(session: Session, page: PageParams, code: str | None) -> Page[ServiceItemOut]:
    where = (ServiceItem.code == code,) if code else ()
    return Repository(session, ServiceItem).page(
        page, *where, order_by=(ServiceItem.code, ServiceItem.division), convert=_out
    )


def check_acceptance(session: Session, code: str, cmd: AcceptanceIn) -> AcceptanceVerdict:
    item = _find(session, code, cmd.division)
    if item is None:
        raise NotFound(f"service item {code} has no entry for {cmd.division}")
    verdict = acceptance(
        item_division=item.division,
        handling=Handling(item.handling),
        czt_same_city=item.czt_same_city,
        pilot_zones=item.pilot_zones,
        applicant_division=cmd.applicant_division,
        accepting_division=cmd.accepting_division,
        accepting_zone=cmd.accepting_zone,
    )
    return AcceptanceVerdict(accepted=verdict.value, reason=verdict.reason, basis=list(verdict.basis))


def check_utility(cmd: PublicUtilityIn) -> PublicUtilityVerdict:
    d = utility_gaps(
        in_service_hall=cmd.in_service_hall,
        service_standards=cmd.publishes_service_standards,
        fee_standards=cmd.publishes_fee_standards,
        time_limits=cmd.publishes_time_limits,
        docked=cmd.docked_with_platform,
    )
    return PublicUtilityVerdict(compliant=not d.value, gaps=list(d.value), reason=d.reason, basis=list(d.basis))


def check_hall_application(cmd: HallApplicationIn) -> HallApplicationVerdict:
    if cmd.due_on < cmd.accepted_on:
        raise InvalidInput("due_on lies before accepted_on")
    d = hall_application_findings(
        accepted_on=cmd.accepted_on,
        time_limit_working_days=cmd.time_limit_working_days,
        due_on=cmd.due_on,
        receipt_voucher=cmd.receipt_voucher,
        first_inquiry_officer=cmd.first_inquiry_officer,
        notices=cmd.notices,
        materials_submitted_at=cmd.materials_submitted_after_first_notice,
    )
    return HallApplicationVerdict(compliant=not d.value, findings=list(d.value), reason=d.reason, basis=list(d.basis))


def check_bundle(cmd: BundleCaseIn) -> BundleCaseVerdict:
    d = bundle_findings(
        notices=cmd.notices,
        forms=cmd.forms,
        departments=cmd.departments,
        separate_submissions=cmd.separate_submissions,
        deliveries=cmd.deliveries,
    )
    return BundleCaseVerdict(compliant=not d.value, findings=list(d.value), reason=d.reason, basis=list(d.basis))


def check_double_entry(cmd: DoubleEntryIn) -> DoubleEntryVerdict:
    d = double_entry(cmd.platform_fields, cmd.requested_fields)
    return DoubleEntryVerdict(compliant=not d.value, asked_twice=list(d.value), reason=d.reason, basis=list(d.basis))
