"""Service layer of the registers: competent departments and complaint routing (R99), the supervision-item catalogue
(R75), discretion benchmarks with their lists (R84, R85) and the intermediary-service list (R62)."""

from __future__ import annotations

from sqlmodel import Session, select

from hunan_business_env.models import (
    CompetentDesignation,
    Complaint,
    DiscretionBenchmark,
    IntermediaryService,
    SupervisionItem,
)
from hunan_business_env.rules.registers import (
    ART31,
    ART42_1,
    benchmark_lists_valid,
    competent_department,
    intermediary_allowed,
    penalty_treatment,
    supervision_item_missing,
)
from hunan_business_env.schemas.registers import (
    BenchmarkAdjustIn,
    BenchmarkIn,
    BenchmarkKind,
    BenchmarkOut,
    IntermediaryCheckIn,
    IntermediaryCheckOut,
    IntermediaryIn,
    IntermediaryOut,
    IntermediaryRemoveIn,
    PenaltyTreatmentIn,
    PenaltyTreatmentOut,
    PublishIn,
    RoutingOut,
    SupervisionItemIn,
    SupervisionItemOut,
)
from hunan_business_env.settings import BusinessEnvSettings
from hunan_shared import clock, divisions
from hunan_shared.api import Page, PageParams
from hunan_shared.errors import Conflict, InvalidInput, NotFound, RuleViolation
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id

# --- R99: competent departments and routing ------------------------------------------------------------------


def route(session: Session, complaint_id: str, settings: BusinessEnvSettings) -> RoutingOut:
    """Arts. 3, 50 (R99): the department that handles the complaint; 422 naming Art. 3 when the respondent's
    division has designated none."""
    complaint = Repository(session, Complaint).get(complaint_id)
    code = complaint.respondent_division_code
    # One register of designations (`/v1/competent-departments`, use_cases/competent_departments.py).
    row = session.exec(select(CompetentDesignation).where(CompetentDesignation.division_code == code)).first()
    decision = competent_department(
        code, {code: row.department} if row else {}, settings.provincial_competent_department
    )
    if decision.value is None:
        raise RuleViolation(decision.reason, basis=decision.basis, extra={"division_code": code})
    return RoutingOut(
        complaint_id=complaint.id,
        respondent_division_code=code,
        department=decision.value,
        reason=decision.reason,
        basis=list(decision.basis),
    )


# --- R75: supervision-item catalogue -------------------------------------------------------------------------


def _item_out(row: SupervisionItem) -> SupervisionItemOut:
    return SupervisionItemOut.model_validate(row, from_attributes=True)


def add_supervision_item(uow: UnitOfWork, cmd: SupervisionItemIn) -> SupervisionItemOut:
    if uow.session.exec(select(SupervisionItem).where(SupervisionItem.code == cmd.code)).first():
        raise Conflict(f"supervision item {cmd.code} is already in the catalogue")
    row = uow.repo(SupervisionItem).add(SupervisionItem(id=new_id(), **cmd.model_dump(), created_at=clock.now()))
    out = _item_out(row)
    uow.audit("supervision_item.add", "supervision_item", row.id, after=out.model_dump(mode="json"))
    return out


def update_supervision_item(uow: UnitOfWork, item_id: str, cmd: SupervisionItemIn) -> SupervisionItemOut:
    """Dynamic update (动态调整): a published item stays published only if it is still complete."""
    row = uow.repo(SupervisionItem).get(item_id)
    if cmd.code != row.code:
        raise InvalidInput("the code of a catalogue item does not change")
    before = _item_out(row).model_dump(mode="json")
    values = cmd.model_dump()
    if row.published_on is not None:
        missing = supervision_item_missing(values)
        if missing.value:
            raise RuleViolation(missing.reason, basis=missing.basis, extra={"missing": list(missing.value)})
    for key, value in values.items():
        setattr(row, key, value)
    uow.session.add(row)
    out = _item_out(row)
    uow.audit("supervision_item.update", "supervision_item", row.id, before=before, after=out.model_dump(mode="json"))
    return out


def publish_supervision_item(uow: UnitOfWork, item_id: str, cmd: PublishIn) -> SupervisionItemOut:
    """Art. 36 / 第三十六条 (R75): publication is refused (422, the empty elements named) unless the item states the
    supervising body, supervised object, measures, legal basis and handling method."""
    row = uow.repo(SupervisionItem).get(item_id)
    if row.published_on is not None:
        raise Conflict(f"supervision item {row.code} is already published")
    missing = supervision_item_missing(_item_out(row).model_dump())
    if missing.value:
        raise RuleViolation(missing.reason, basis=missing.basis, extra={"missing": list(missing.value)})
    row.published_on = cmd.published_on
    uow.session.add(row)
    out = _item_out(row)
    uow.audit("supervision_item.publish", "supervision_item", row.id, after=out.model_dump(mode="json"))
    return out


def list_supervision_items(session: Session, page: PageParams, published: bool | None) -> Page[SupervisionItemOut]:
    where = []
    if published is True:
        where.append(SupervisionItem.published_on.is_not(None))  # type: ignore[union-attr]
    elif published is False:
        where.append(SupervisionItem.published_on.is_(None))  # type: ignore[union-attr]
    return Repository(session, SupervisionItem).page(page, *where, order_by=SupervisionItem.code, convert=_item_out)


# --- R84, R85: discretion benchmarks -------------------------------------------------------------------------


def _bench_out(row: DiscretionBenchmark) -> BenchmarkOut:
    return BenchmarkOut.model_validate(row, from_attributes=True)


def _check_lists(kind: BenchmarkKind, no_penalty: list[str], lighter: list[str]) -> None:
    if kind is BenchmarkKind.PENALTY:
        valid = benchmark_lists_valid(no_penalty, lighter)
        if not valid.value:
            raise RuleViolation(valid.reason, basis=valid.basis)
    elif no_penalty or lighter:
        raise InvalidInput("no-penalty and lenient lists belong to penalty benchmarks only")


def add_benchmark(uow: UnitOfWork, cmd: BenchmarkIn) -> BenchmarkOut:
    """Art. 42 / 第四十二条 (R84, R85): a published benchmark; a penalty benchmark lists the minor violations not
    penalised and the general violations penalised lightly, no matter on both lists."""
    if uow.session.exec(select(DiscretionBenchmark).where(DiscretionBenchmark.code == cmd.code)).first():
        raise Conflict(f"benchmark {cmd.code} is already registered")
    _check_lists(cmd.kind, cmd.no_penalty, cmd.lighter)
    row = uow.repo(DiscretionBenchmark).add(
        DiscretionBenchmark(id=new_id(), **cmd.model_dump(), version=1, updated_at=clock.now())
    )
    out = _bench_out(row)
    uow.audit("discretion_benchmark.add", "discretion_benchmark", row.id, after=out.model_dump(mode="json"))
    return out


def adjust_benchmark(uow: UnitOfWork, code: str, cmd: BenchmarkAdjustIn) -> BenchmarkOut:
    """Art. 42 para 1 / 第四十二条第一款 (R84): adjusted when laws change — a new version, published no earlier than
    the one it replaces, with the reason recorded."""
    row = uow.session.exec(select(DiscretionBenchmark).where(DiscretionBenchmark.code == code)).first()
    if row is None:
        raise NotFound(f"benchmark {code} not found")
    if cmd.published_on < row.published_on:
        raise RuleViolation(
            f"an adjustment cannot be published before version {row.version} ({row.published_on})", basis=(ART42_1,)
        )
    _check_lists(BenchmarkKind(row.kind), cmd.no_penalty, cmd.lighter)
    before = _bench_out(row).model_dump(mode="json")
    for key, value in cmd.model_dump().items():
        setattr(row, key, value)
    row.version += 1
    row.updated_at = clock.now()
    uow.session.add(row)
    out = _bench_out(row)
    uow.audit(
        "discretion_benchmark.adjust", "discretion_benchmark", row.id, before=before, after=out.model_dump(mode="json")
    )
    return out


def list_benchmarks(session: Session, page: PageParams) -> Page[BenchmarkOut]:
    return Repository(session, DiscretionBenchmark).page(page, order_by=DiscretionBenchmark.code, convert=_bench_out)


def treatment(session: Session, cmd: PenaltyTreatmentIn) -> PenaltyTreatmentOut:
    """Art. 42 para 2 (R85): the treatment the benchmark prescribes for a matter found at an inspection."""
    row = session.exec(select(DiscretionBenchmark).where(DiscretionBenchmark.code == cmd.benchmark_code)).first()
    if row is None:
        raise NotFound(f"benchmark {cmd.benchmark_code} not found")
    if row.kind != BenchmarkKind.PENALTY.value:
        raise InvalidInput(f"benchmark {row.code} is not a penalty benchmark")
    decision = penalty_treatment(
        cmd.matter, row.no_penalty, row.lighter, first_offence=cmd.first_offence, harm_corrected=cmd.harm_corrected
    )
    return PenaltyTreatmentOut(
        benchmark_code=row.code,
        benchmark_version=row.version,
        matter=cmd.matter,
        treatment=decision.value,
        reason=decision.reason,
        basis=list(decision.basis),
    )


# --- R62: intermediary-service list --------------------------------------------------------------------------


def _inter_out(row: IntermediaryService) -> IntermediaryOut:
    return IntermediaryOut.model_validate(row, from_attributes=True)


def list_intermediary(uow: UnitOfWork, cmd: IntermediaryIn) -> IntermediaryOut:
    """Art. 31 para 1 / 第三十一条第一款 (R62): the province and the cities (市州) keep the list; a county cannot."""
    if divisions.get(cmd.issuer_division_code).level is divisions.Level.COUNTY:
        raise RuleViolation(
            "only the provincial and city (市州) governments and departments keep the intermediary list",
            basis=(ART31,),
        )
    if uow.session.exec(select(IntermediaryService).where(IntermediaryService.code == cmd.code)).first():
        raise Conflict(f"intermediary service {cmd.code} is already listed")
    row = uow.repo(IntermediaryService).add(IntermediaryService(id=new_id(), **cmd.model_dump()))
    out = _inter_out(row)
    uow.audit("intermediary_service.list", "intermediary_service", row.id, after=out.model_dump(mode="json"))
    return out


def remove_intermediary(uow: UnitOfWork, code: str, cmd: IntermediaryRemoveIn) -> IntermediaryOut:
    """Dynamic adjustment (动态调整): an entry leaves the list on a day, with the reason; history is kept."""
    row = uow.session.exec(select(IntermediaryService).where(IntermediaryService.code == code)).first()
    if row is None:
        raise NotFound(f"intermediary service {code} not found")
    if row.removed_on is not None:
        raise Conflict(f"intermediary service {code} was already removed on {row.removed_on}")
    if cmd.removed_on <= row.listed_from:
        raise InvalidInput("removed_on must follow listed_from")
    before = _inter_out(row).model_dump(mode="json")
    row.removed_on, row.removal_reason = cmd.removed_on, cmd.removal_reason
    uow.session.add(row)
    out = _inter_out(row)
    uow.audit(
        "intermediary_service.remove", "intermediary_service", row.id, before=before, after=out.model_dump(mode="json")
    )
    return out


def list_intermediaries(session: Session, page: PageParams, on: object = None) -> Page[IntermediaryOut]:
    where = []
    if on is not None:
        where.append(IntermediaryService.listed_from <= on)
        where.append(
            (IntermediaryService.removed_on.is_(None)) | (IntermediaryService.removed_on > on)  # type: ignore[union-attr,operator]
        )
    return Repository(session, IntermediaryService).page(
        page, *where, order_by=IntermediaryService.code, convert=_inter_out
    )


def check_intermediary(session: Session, cmd: IntermediaryCheckIn) -> IntermediaryCheckOut:
    """Art. 31 para 1 (R62): may an approval require this intermediary service on that day?"""
    row = session.exec(select(IntermediaryService).where(IntermediaryService.code == cmd.service_code)).first()
    decision = intermediary_allowed(row.listed_from if row else None, row.removed_on if row else None, cmd.required_on)
    return IntermediaryCheckOut(
        service_code=cmd.service_code, allowed=decision.value, reason=decision.reason, basis=list(decision.basis)
    )
