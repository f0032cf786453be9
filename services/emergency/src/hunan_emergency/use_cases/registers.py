"""Service layer for the inspection registers of Plan 6(三): an inspector records the real objects (coal-mine checks,
non-coal mines, hazchem projects and producers, vehicles, yearly fire and special-equipment figures) and reads each
one's verdict under R37, R38, R43, R44 and R45, with its basis. Facts are stored as recorded; verdicts are computed
on read, so a corrected rule applies to the whole register at once."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from sqlmodel import Session, col

from hunan_emergency.models import RegisterEntry, SectorSite
from hunan_emergency.rules.basis import AdminLevel
from hunan_emergency.rules.sectors import (
    CappedRegistry,
    MineKind,
    fire_death_rate_met,
    four_closures_one_in_place,
    hazchem_project_controls,
    key_hazchem_equipment_gaps,
    non_coal_mine_in_campaign,
    special_equipment_death_rate_met,
    two_coach_one_danger_one_school,
)
from hunan_emergency.schemas.common import VerdictOut
from hunan_emergency.schemas.registers import FACT_FIELDS, RegisterEntryIn, RegisterEntryOut
from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.db import in_division
from hunan_shared.errors import NotFound, RuleViolation, rule_errors
from hunan_shared.legal import Decision
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id


def _verdict(rule: str, decision: Decision[Any], value: Any, compliant: bool | None) -> VerdictOut:
    return VerdictOut(rule=rule, value=value, compliant=compliant, reason=decision.reason, basis=list(decision.basis))


def _coal_mine_check(f: dict) -> list[VerdictOut]:
    d = four_closures_one_in_place(**{k: v for k, v in f.items() if k != "coal_site_id"})
    r = d.value
    value = {
        "closure_grounds": [g.value for g in r.closure_grounds],
        "must_close": r.must_close,
        "must_rectify_subcontracting": r.must_rectify_subcontracting,
        "hidden_dangers_not_rectified": r.hidden_dangers_not_rectified,
    }
    ok = not r.must_close and not r.must_rectify_subcontracting and r.hidden_dangers_not_rectified == 0
    return [_verdict("R37 四关闭一到位", d, value, ok)]


def _non_coal_mine(f: dict) -> list[VerdictOut]:
    d = non_coal_mine_in_campaign(
        MineKind(f["kind"]),
        persons_underground=f["persons_underground"],
        depth_m=Decimal(str(f["depth_m"])),
        slope_height_m=Decimal(str(f["slope_height_m"])),
    )
    return [_verdict("R38 non-coal mine root-cause campaign", d, d.value, None)]  # a target set, not a duty


def _hazchem_project(f: dict) -> list[VerdictOut]:
    d = hazchem_project_controls(
        involves_two_key_one_major=f["involves_two_key_one_major"],
        involves_three_key_one_high=f["involves_three_key_one_high"],
        controlling_level=AdminLevel(f["controlling_level"]),
    )
    value = {
        "joint_risk_control_required": d.value.joint_risk_control_required,
        "strict_licensing": d.value.strict_licensing,
        "approving_level_sufficient": d.value.approving_level_sufficient,
    }
    return [_verdict("R43 hazchem project controls", d, value, d.value.approving_level_sufficient)]


def _hazchem_producer(f: dict) -> list[VerdictOut]:
    d = key_hazchem_equipment_gaps(**f)
    return [_verdict("R43 key hazchem equipment", d, list(d.value), not d.value)]


def _vehicle(f: dict) -> list[VerdictOut]:
    d = two_coach_one_danger_one_school(
        tourist_charter=f["tourist_charter"],
        scheduled_coach_class=f["scheduled_coach_class"],
        carries_hazchem_fireworks_or_explosives=f["carries_hazchem_fireworks_or_explosives"],
        school_vehicle=f["school_vehicle"],
    )
    return [_verdict("R44 两客一危一校", d, d.value.value if d.value else None, d.value is None or f["networked"])]


def _fire(f: dict) -> list[VerdictOut]:
    d = fire_death_rate_met(f["deaths"], f["population"])
    return [_verdict("R45 fire deaths per million", d, str(d.value.rate), d.value.met)]


def _special_equipment(f: dict) -> list[VerdictOut]:
    d = special_equipment_death_rate_met(f["deaths"], f["units"])
    return [_verdict("R45 special-equipment deaths per 10 000 units", d, str(d.value.rate), d.value.met)]


VERDICTS: dict[str, Callable[[dict], list[VerdictOut]]] = {
    "coal-mine-checks": _coal_mine_check,
    "non-coal-mines": _non_coal_mine,
    "hazchem-projects": _hazchem_project,
    "hazchem-producers": _hazchem_producer,
    "vehicles": _vehicle,
    "fire-statistics": _fire,
    "special-equipment-statistics": _special_equipment,
}


def _out(row: RegisterEntry) -> RegisterEntryOut:
    with rule_errors():
        verdicts = VERDICTS[row.kind](row.facts)
    return RegisterEntryOut(
        **row.model_dump(),
        verdicts=verdicts,
        compliant=all(v.compliant is not False for v in verdicts),
    )


def record(uow: UnitOfWork, register: str, cmd: RegisterEntryIn) -> RegisterEntryOut:
    """Record one object on its register; its verdict is in the response (R37, R38, R43–R45)."""
    field, facts = cmd.facts()
    if field != FACT_FIELDS[register]:
        raise RuleViolation(f"the {register} register takes `{FACT_FIELDS[register]}` facts, not `{field}`")
    site_id = facts.get("coal_site_id")
    if site_id:
        site = uow.repo(SectorSite, noun="coal mine").get(site_id)
        if site.registry != CappedRegistry.COAL_MINES.value:
            raise RuleViolation(f"site {site_id} is not on the coal-mine registry")
    row = uow.repo(RegisterEntry).add(
        RegisterEntry(
            id=new_id(),
            kind=register,
            name=cmd.name,
            division_code=cmd.division_code,
            facts=facts,
            recorded_at=clock.now(),
        )
    )
    out = _out(row)
    uow.audit(f"register.{register}", "register_entry", row.id, after=out)
    return out


def get(session: Session, register: str, entry_id: str) -> RegisterEntryOut:
    row = Repository(session, RegisterEntry).find(entry_id)
    if row is None or row.kind != register:
        raise NotFound(f"no entry {entry_id} on {register}")
    return _out(row)


def list_entries(
    session: Session, page: PageParams, register: str, division: str | None, compliant: bool | None
) -> Page[RegisterEntryOut]:
    """Entries of a register, with verdicts; `compliant` filters on the computed verdict (evaluated in id order)."""
    where: list[Any] = [RegisterEntry.kind == register]
    if division:
        where.append(in_division(RegisterEntry.division_code, division, below_county=True))
    order = (col(RegisterEntry.recorded_at).desc(), RegisterEntry.id)
    if compliant is None:
        return Repository(session, RegisterEntry).page(page, *where, order_by=order, convert=_out)
    outs = [
        o
        for o in map(_out, Repository(session, RegisterEntry).list(*where, order_by=order))
        if o.compliant is compliant
    ]
    return page.page(outs[page.offset : page.offset + page.limit + 1])
