"""Service layer for the subsidy extension switches each division decides (R5, R6 "有条件的地方可…")."""

from __future__ import annotations

from collections.abc import Callable

from sqlmodel import Session, select

from hunan_disability.models import SubsidyExtension
from hunan_disability.rules.subsidies import EXTENSION_SWITCHES, extension_in_force
from hunan_disability.schemas.subsidy_extensions import ExtensionIn, ExtensionOut
from hunan_disability.settings import DisabilitySettings
from hunan_shared import clock, divisions
from hunan_shared.api import Page, PageParams
from hunan_shared.db import in_division
from hunan_shared.errors import InvalidInput
from hunan_shared.uow import UnitOfWork

# switch → {division code → enabled}: every division's decisions, loaded once per request (a small table).
Choices = dict[str, dict[str, bool]]


def _out(row: SubsidyExtension) -> ExtensionOut:
    return ExtensionOut(**row.model_dump(), basis=[EXTENSION_SWITCHES[row.switch]])


def decide(uow: UnitOfWork, division_code: str, switch: str, cmd: ExtensionIn) -> ExtensionOut:
    """A division (province, city or county) switches an extension on or off for itself and what lies below it."""
    if switch not in EXTENSION_SWITCHES:
        raise InvalidInput(f"unknown switch {switch}; one of {', '.join(EXTENSION_SWITCHES)}")
    try:
        divisions.validate(division_code)
    except divisions.UnknownDivision:
        raise InvalidInput(f"division {division_code} is not a Hunan division code (GB/T 2260)") from None
    row = uow.session.get(SubsidyExtension, (division_code, switch))
    if row is None:
        row = uow.session.merge(
            SubsidyExtension(division_code=division_code, switch=switch, enabled=cmd.enabled, updated_at=clock.now())
        )
        before = None
    else:
        before = _out(row)
    row.enabled, row.reference, row.updated_at = cmd.enabled, cmd.reference, clock.now()
    uow.session.add(row)
    uow.session.flush()
    out = _out(row)
    uow.audit("subsidy_extension.decide", "subsidy_extension", f"{division_code}/{switch}", before=before, after=out)
    return out


def list_extensions(session: Session, page: PageParams, division: str | None = None) -> Page[ExtensionOut]:
    query = select(SubsidyExtension).order_by(SubsidyExtension.division_code, SubsidyExtension.switch)
    if division:
        query = query.where(in_division(SubsidyExtension.division_code, division, with_ancestors=True))
    return page.page(session.exec(query.offset(page.offset).limit(page.limit + 1)).all(), _out)


def load_choices(session: Session) -> Choices:
    choices: Choices = {switch: {} for switch in EXTENSION_SWITCHES}
    for row in session.exec(select(SubsidyExtension)).all():
        choices[row.switch][row.division_code] = row.enabled
    return choices


def switches_for(choices: Choices, settings: DisabilitySettings) -> Callable[[str | None], dict[str, bool]]:
    """county → the switch values in force there (R5/R6 per division; the settings are the default)."""
    cache: dict[str | None, dict[str, bool]] = {}

    def resolve(county: str | None) -> dict[str, bool]:
        if county not in cache:
            chain = [county, *divisions.ancestors(county)] if county and divisions.is_valid(county) else []
            cache[county] = {
                switch: extension_in_force(switch, chain, choices[switch], getattr(settings, switch)).value
                for switch in EXTENSION_SWITCHES
            }
        return cache[county]

    return resolve
