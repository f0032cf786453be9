"""Service layer for the capped sector registries of Plan 6(三): coal mines (≤ 80), fireworks producers (≤ 600) and
tailings ponds (≤ 300, only decrease; 头顶库 flagged). A registration that would take the count of active sites
beyond the cap is refused (R41, R42); each site carries the campaign verdicts on its facts (R36, R39, R40).

Registrations on one registry are serialised by locking its `sectorregistry` row, so the cap holds under
concurrent requests on PostgreSQL as well."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlmodel import Session, func, select

from hunan_emergency.models import SectorRegistry, SectorSite
from hunan_emergency.rules.sectors import (
    REGISTRY_CAPS,
    CappedRegistry,
    Hydrogeology,
    coal_mine_in_root_cause_campaign,
    is_overhead_tailings_pond,
    new_registration_check,
    registry_cap_status,
    tailings_pond_must_close,
)
from hunan_emergency.schemas.common import VerdictOut
from hunan_emergency.schemas.sector_registries import (
    DelistIn,
    RegistryStatusOut,
    SiteImportIn,
    SiteImportOut,
    SiteIn,
    SiteOut,
)
from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.db import in_division
from hunan_shared.errors import Conflict, NotFound, RuleViolation, rule_errors
from hunan_shared.legal import Basis
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id

REGISTRIES = {
    "coal-mines": CappedRegistry.COAL_MINES,
    "fireworks-producers": CappedRegistry.FIREWORKS_PRODUCERS,
    "tailings-ponds": CappedRegistry.TAILINGS_PONDS,
}
ACTIVE, DELISTED = "ACTIVE", "DELISTED"


def _verdicts(row: SectorSite, today: dt.date) -> list[VerdictOut]:
    facts = row.details
    out = []
    if row.registry == CappedRegistry.COAL_MINES.value and facts:
        d = coal_mine_in_root_cause_campaign(
            rock_burst=facts["rock_burst"],
            coal_gas_outburst=facts["coal_gas_outburst"],
            hydrogeology=Hydrogeology(facts["hydrogeology"]),
            capacity_tpa=facts["capacity_tpa"],
        )
        out.append(
            VerdictOut(rule="R36 coal-mine root-cause campaign", value=d.value, reason=d.reason, basis=list(d.basis))
        )
    if row.registry == CappedRegistry.TAILINGS_PONDS.value and facts:
        d = is_overhead_tailings_pond(Decimal(str(facts["downstream_distance_km"])))
        out.append(VerdictOut(rule="R39 头顶库", value=d.value, reason=d.reason, basis=list(d.basis)))
        idle = facts.get("idle_since")
        d = tailings_pond_must_close(
            reached_final_design_elevation=facts["reached_final_design_elevation"],
            permanently_stopped_discharging=facts["permanently_stopped_discharging"],
            idle_since=dt.date.fromisoformat(idle) if idle else None,
            has_operator=facts["has_operator"],
            as_of=today,
        )
        out.append(
            VerdictOut(
                rule="R40 tailings-pond closure",
                value=d.value,
                compliant=not d.value or row.state == DELISTED,
                reason=d.reason,
                basis=list(d.basis),
            )
        )
    return out


def _out(row: SectorSite, basis: tuple[Basis, ...] = ()) -> SiteOut:
    registry = next(name for name, r in REGISTRIES.items() if r.value == row.registry)
    return SiteOut(
        **row.model_dump(exclude={"registry"}),
        registry=registry,
        verdicts=_verdicts(row, clock.now().date()),
        basis=list(basis),
    )


def _lock(session: Session, registry: CappedRegistry) -> int:
    """Lock the registry row and count its active sites."""
    if (
        session.exec(select(SectorRegistry).where(SectorRegistry.registry == registry.value).with_for_update()).first()
        is None
    ):
        raise NotFound(f"no registry {registry.value}")
    return session.exec(
        select(func.count())
        .select_from(SectorSite)
        .where(SectorSite.registry == registry.value, SectorSite.state == ACTIVE)
    ).one()


def _site(registry: CappedRegistry, cmd: SiteIn, now: dt.datetime) -> SectorSite:
    facts: dict = {}
    if registry is CappedRegistry.COAL_MINES:
        if cmd.coal_mine is None or cmd.tailings_pond is not None:
            raise RuleViolation("a coal mine needs `coal_mine` facts (and no `tailings_pond`)")
        facts = cmd.coal_mine.model_dump(mode="json")
    elif registry is CappedRegistry.TAILINGS_PONDS:
        if cmd.tailings_pond is None or cmd.coal_mine is not None:
            raise RuleViolation("a tailings pond needs `tailings_pond` facts (and no `coal_mine`)")
        facts = cmd.tailings_pond.model_dump(mode="json")
    elif cmd.coal_mine is not None or cmd.tailings_pond is not None:
        raise RuleViolation("a fireworks producer takes neither `coal_mine` nor `tailings_pond` facts")
    return SectorSite(
        id=new_id(),
        registry=registry.value,
        name=cmd.name,
        enterprise_id=cmd.enterprise_id,
        division_code=cmd.division_code,
        state=ACTIVE,
        details=facts,
        justification=cmd.justification,
        registered_at=now,
    )


def _check(registry: CappedRegistry, count_before: int, adding: int, sites: list[SectorSite], today: dt.date):
    """R41/R42: refuse when the count after the registration exceeds the cap (409, with the rule's status —
    ABOVE_TARGET before 2025-12-31, BREACHED from it); a new tailings pond needs a justification (422)."""
    with rule_errors():
        check = new_registration_check(registry, count_before + adding - 1, today)
    if check.value.flagged:
        cap = REGISTRY_CAPS[registry]
        raise Conflict(
            f"registration refused: {check.reason} (cap {cap.limit}, {count_before} registered)", basis=check.basis
        )
    if check.value.needs_justification:
        missing = [s.name for s in sites if not s.justification]
        if missing:
            raise RuleViolation(
                f"a new tailings pond needs a justification (只减不增): {', '.join(missing[:5])}", basis=check.basis
            )
    return check


def register(uow: UnitOfWork, registry_name: str, cmd: SiteIn) -> SiteOut:
    registry = REGISTRIES[registry_name]
    now = clock.now()
    site = _site(registry, cmd, now)
    count = _lock(uow.session, registry)
    check = _check(registry, count, 1, [site], now.date())
    uow.session.add(site)
    out = _out(site, check.basis)
    uow.audit(
        "sector_site.register", "sector_site", site.id, after={**out.model_dump(mode="json"), "count_after": count + 1}
    )
    return out


def import_sites(uow: UnitOfWork, registry_name: str, cmd: SiteImportIn) -> SiteImportOut:
    """Load existing sites in one transaction: all or nothing, refused as a whole beyond the cap."""
    registry = REGISTRIES[registry_name]
    now = clock.now()
    sites = [_site(registry, s, now) for s in cmd.sites]
    count = _lock(uow.session, registry)
    check = _check(registry, count, len(sites), sites, now.date())
    uow.session.add_all(sites)
    uow.audit(
        "sector_site.import",
        "sector_registry",
        registry.value,
        after={"registered": [s.id for s in sites], "count_after": count + len(sites)},
    )
    return SiteImportOut(registered=len(sites), count=count + len(sites), basis=list(check.basis))


def delist(uow: UnitOfWork, registry_name: str, site_id: str, cmd: DelistIn) -> SiteOut:
    registry = REGISTRIES[registry_name]
    _lock(uow.session, registry)
    row = _load(uow.session, registry, site_id)
    if row.state == DELISTED:
        raise Conflict(f"site {site_id} is already delisted")
    with uow.audited_change("sector_site.delist", row, render=_out) as change:
        row.state, row.delisted_at = DELISTED, clock.now()
        out = _out(row)
        change.after = {**out.model_dump(mode="json"), "reason": cmd.reason}
    return out


def _load(session: Session, registry: CappedRegistry, site_id: str) -> SectorSite:
    row = Repository(session, SectorSite).find(site_id)
    if row is None or row.registry != registry.value:
        raise NotFound(f"no site {site_id} on {registry.value}")
    return row


def get(session: Session, registry_name: str, site_id: str) -> SiteOut:
    return _out(_load(session, REGISTRIES[registry_name], site_id))


def list_sites(
    session: Session, page: PageParams, registry_name: str, division: str | None, state: str | None
) -> Page[SiteOut]:
    where = [SectorSite.registry == REGISTRIES[registry_name].value]
    if division:
        where.append(in_division(SectorSite.division_code, division, below_county=True))
    if state:
        where.append(SectorSite.state == state)
    order = (SectorSite.division_code, SectorSite.id)
    return Repository(session, SectorSite).page(page, *where, order_by=order, convert=_out)


def status(session: Session, registry_name: str, as_of: dt.date | None) -> RegistryStatusOut:
    """R41/R42: the count of active sites against the cap on `as_of` (WITHIN, ABOVE_TARGET, BREACHED)."""
    registry = REGISTRIES[registry_name]
    as_of = as_of or clock.now().date()
    count = session.exec(
        select(func.count())
        .select_from(SectorSite)
        .where(SectorSite.registry == registry.value, SectorSite.state == ACTIVE)
    ).one()
    decision = registry_cap_status(registry, count, as_of)
    cap = REGISTRY_CAPS[registry]
    return RegistryStatusOut(
        registry=registry_name,
        count=count,
        cap=cap.limit,
        cap_deadline=cap.deadline,
        as_of=as_of,
        status=decision.value,
        reason=decision.reason,
        basis=list(decision.basis),
    )
