"""Service layer for the sector registries of Plan 6(三): coal mines (target ≤ 80, end-2021 "strive for" ≤ 100),
fireworks producers (≤ 600) and tailings ponds (≤ 300, only decrease; 头顶库 flagged). The caps are targets for the
province's totals: every site that exists is recorded, and the count is reported against each target of its
trajectory, with breaches and any net increase (只减不增) flagged (R41, R42). Each site carries the campaign
verdicts on its facts (R36, R39, R40).

Registrations on one registry are serialised by locking its `sectorregistry` row, so the counts reported with
each registration are exact under concurrent requests on PostgreSQL as well."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlmodel import Session, select

from hunan_emergency.models import SectorRegistry, SectorSite
from hunan_emergency.rules.sectors import (
    PLAN_BASELINE,
    REGISTRY_CAPS,
    CappedRegistry,
    CapStatus,
    Hydrogeology,
    cap_trajectory,
    coal_mine_in_root_cause_campaign,
    is_overhead_tailings_pond,
    net_change,
    new_registration_check,
    registry_cap_status,
    tailings_pond_must_close,
)
from hunan_emergency.schemas.common import VerdictOut
from hunan_emergency.schemas.sector_registries import (
    DelistIn,
    MilestoneOut,
    RegistrationOut,
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


def _lock(session: Session, registry: CappedRegistry) -> None:
    """Lock the registry row: registrations and delistings on one registry are serialised."""
    if (
        session.exec(select(SectorRegistry).where(SectorRegistry.registry == registry.value).with_for_update()).first()
        is None
    ):
        raise NotFound(f"no registry {registry.value}")


def _history(session: Session, registry: CappedRegistry) -> tuple[int, int, list[int]]:
    """(active count, existing sites recorded, the ±1 steps of new sites and delistings in time order)."""
    rows = session.exec(
        select(SectorSite.existing, SectorSite.registered_at, SectorSite.delisted_at).where(
            SectorSite.registry == registry.value
        )
    ).all()
    events: list[tuple[dt.datetime, int]] = []
    for existing, registered_at, delisted_at in rows:
        if not existing:
            events.append((registered_at, 1))
        if delisted_at is not None:
            events.append((delisted_at, -1))
    events.sort(key=lambda e: (e[0], -e[1]))  # a registration and a delisting at the same instant: add first
    active = sum(1 for _, _, delisted_at in rows if delisted_at is None)
    return active, sum(1 for existing, _, _ in rows if existing), [step for _, step in events]


def _site(registry: CappedRegistry, cmd: SiteIn, now: dt.datetime, existing: bool) -> SectorSite:
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
        existing=existing,
        registered_at=now,
    )


def register(uow: UnitOfWork, registry_name: str, cmd: SiteIn) -> SiteOut:
    """Record a site — always: the caps are targets (R41, R42). The response reports the count after it against
    the end-2025 target (ABOVE_TARGET / BREACHED) and whether a new site is a net increase (只减不增); only a
    new tailings pond without a justification is refused (422)."""
    registry = REGISTRIES[registry_name]
    now = clock.now()
    site = _site(registry, cmd, now, existing=cmd.existing)
    _lock(uow.session, registry)
    count, recorded, steps = _history(uow.session, registry)
    with rule_errors():
        low = net_change(registry, recorded, steps).value.low_water
        check = new_registration_check(registry, count, now.date(), new_site=not cmd.existing, low_water=low)
    if check.value.needs_justification and not site.justification:
        raise RuleViolation(
            f"a new tailings pond needs a justification (原则上只减不增): {site.name}", basis=check.basis
        )
    uow.session.add(site)
    status = registry_cap_status(registry, count + 1, now.date())
    registration = RegistrationOut(
        count_after=count + 1,
        status=status.value,
        flagged=check.value.flagged,
        net_increase=check.value.net_increase,
        reason=check.reason,
    )
    out = _out(site, check.basis).model_copy(update={"registration": registration})
    uow.audit(
        "sector_site.register",
        "sector_site",
        site.id,
        after={**out.model_dump(mode="json", exclude={"registration"}), "count_after": count + 1},
    )
    return out


def import_sites(uow: UnitOfWork, registry_name: str, cmd: SiteImportIn) -> SiteImportOut:
    """Load the sites that exist, in one transaction (all or nothing). They are the registry's baseline, so no
    justification is asked; the count is reported against the end-2025 target, never refused (R41, R42)."""
    registry = REGISTRIES[registry_name]
    now = clock.now()
    sites = [_site(registry, s, now, existing=True) for s in cmd.sites]
    _lock(uow.session, registry)
    count, _, _ = _history(uow.session, registry)
    uow.session.add_all(sites)
    status = registry_cap_status(registry, count + len(sites), now.date())
    uow.audit(
        "sector_site.import",
        "sector_registry",
        registry.value,
        after={"registered": [s.id for s in sites], "count_after": count + len(sites), "status": status.value},
    )
    return SiteImportOut(
        registered=len(sites),
        count=count + len(sites),
        status=status.value,
        flagged=status.value is not CapStatus.WITHIN,
        reason=status.reason,
        basis=list(status.basis),
    )


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
    """R41/R42: the active count against the end-2025 target on `as_of` (WITHIN, ABOVE_TARGET, BREACHED), every
    milestone of the trajectory (coal: the end-2021 "strive for 100" too), and any net increase (只减不增)."""
    registry = REGISTRIES[registry_name]
    as_of = as_of or clock.now().date()
    count, recorded, steps = _history(session, registry)
    decision = registry_cap_status(registry, count, as_of)
    trajectory = cap_trajectory(registry, count, as_of)
    with rule_errors():
        change = net_change(registry, recorded, steps)
    cap = REGISTRY_CAPS[registry]
    flags = [
        f"{v.status.value} ≤ {v.milestone.limit} by {v.milestone.deadline}"
        for v in trajectory.value
        if v.status is not CapStatus.WITHIN
    ]
    if change.value.increase:
        flags.append(f"NET_INCREASE {change.value.increase}")
    return RegistryStatusOut(
        registry=registry_name,
        count=count,
        cap=cap.limit,
        cap_deadline=cap.deadline,
        as_of=as_of,
        status=decision.value,
        reason=f"{decision.reason}; {change.reason}",
        trajectory=[
            MilestoneOut(
                limit=v.milestone.limit,
                deadline=v.milestone.deadline,
                binding=v.milestone.binding,
                status=v.status,
                excess=v.excess,
                text=v.milestone.text,
            )
            for v in trajectory.value
        ],
        plan_baseline=PLAN_BASELINE[registry],
        recorded_existing=recorded,
        lowest_count=change.value.low_water,
        net_increase=change.value.increase,
        flags=flags,
        basis=list(decision.basis + trajectory.basis + change.basis),
    )
