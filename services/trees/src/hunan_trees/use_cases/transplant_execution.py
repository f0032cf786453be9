"""Service layer for carrying out an approved transplant (W3, Art. 28) and its five-year aftercare with yearly
checks: the tree moves to the approved site, its habitat zone is redrawn there, budget hears of it
(`hunan.trees.transplant.executed`)."""

from __future__ import annotations

import datetime as dt

from shapely import affinity
from sqlmodel import Session, select

from hunan_shared import clock
from hunan_shared.errors import InvalidTransition, NotFound, RuleViolation
from hunan_shared.events.catalogue import TransplantExecuted
from hunan_shared.legal import Basis, Decision
from hunan_shared.uow import UnitOfWork
from hunan_trees.engines import geo
from hunan_trees.models import AftercareCheck, HabitatZone, TransplantApplication, TransplantExecution, Tree
from hunan_trees.rules.habitat import zone_radius_m
from hunan_trees.rules.lifecycle import aftercare_check_dates, aftercare_check_in_window, execution_follows_plan
from hunan_trees.rules.transplant import CostBearer, aftercare_until
from hunan_trees.schemas.common import Location
from hunan_trees.schemas.transplant_execution import AftercareCheckIn, AftercareCheckOut, AftercareOut, ExecutionIn
from hunan_trees.settings import TreesSettings
from hunan_trees.use_cases.archive import record_version
from hunan_trees.use_cases.transplants import APPROVED, event_cost_bearer

EXECUTED = "EXECUTED"
AFTERCARE_COMPLETED = "AFTERCARE_COMPLETED"


def _require(decision: Decision[bool]) -> None:
    if not decision.value:
        raise RuleViolation(decision.reason, basis=decision.basis)


def _today() -> dt.date:
    return clock.now().astimezone(clock.SHANGHAI).date()


def _out(session: Session, app: TransplantApplication, basis: tuple[Basis, ...] | list[Basis] = ()) -> AftercareOut:
    execution = session.get(TransplantExecution, app.id)
    if execution is None:
        raise NotFound(f"transplant {app.id} has not been carried out")
    tree = session.get(Tree, app.tree_id)
    assert tree is not None
    checks = session.exec(
        select(AftercareCheck).where(AftercareCheck.application_id == app.id).order_by(AftercareCheck.year)
    ).all()
    today = _today()
    return AftercareOut(
        application_id=app.id,
        tree_id=app.tree_id,
        state=AFTERCARE_COMPLETED if today > execution.aftercare_until else EXECUTED,
        cost_bearer=event_cost_bearer(CostBearer(app.cost_bearer), app.applicant, tree.division_code),
        executed_on=execution.executed_on,
        site=Location(latitude=execution.latitude, longitude=execution.longitude),
        previous_site=Location(latitude=execution.from_latitude, longitude=execution.from_longitude),
        aftercare_until=execution.aftercare_until,
        checks=[
            AftercareCheckOut(
                year=c.year,
                due_on=c.due_on,
                checked_on=c.checked_on,
                condition=c.condition,
                findings=c.findings,
                overdue=c.checked_on is None and today > c.due_on,
            )
            for c in checks
        ],
        basis=list(basis),
    )


def execute(uow: UnitOfWork, application_id: str, cmd: ExecutionIn, settings: TreesSettings) -> AftercareOut:
    """Art. 28 / 第二十八条 (R30, R31): an approved transplant is carried out at the approved site; five years of
    aftercare follow, with a check due at each anniversary; the habitat zone is redrawn at the new site."""
    app = uow.repo(TransplantApplication, noun="transplant application").for_update(application_id)
    if app.state != APPROVED:
        raise InvalidTransition(f"application is {app.state}; only an approved transplant is carried out")
    if cmd.executed_on > _today():
        raise RuleViolation("executed_on lies in the future")
    planned = geo.point(app.target_longitude, app.target_latitude)
    actual = geo.point(cmd.site.longitude, cmd.site.latitude)
    follows = execution_follows_plan(geo.distance_m(planned, actual), settings.transplant_site_tolerance_m)
    _require(follows)
    tree = uow.repo(Tree).for_update(app.tree_id)
    until = aftercare_until(cmd.executed_on)
    checks = aftercare_check_dates(cmd.executed_on)
    now = clock.now()
    execution = TransplantExecution(
        application_id=app.id,
        executed_on=cmd.executed_on,
        latitude=cmd.site.latitude,
        longitude=cmd.site.longitude,
        from_latitude=tree.latitude,
        from_longitude=tree.longitude,
        aftercare_until=until.value,
        recorded_at=now,
    )
    uow.session.add(execution)
    moved_from = {"latitude": tree.latitude, "longitude": tree.longitude}
    _move(uow, tree, cmd.site, now)
    app.state = EXECUTED
    uow.session.add(app)
    for year, due in enumerate(checks.value, start=1):
        uow.session.add(AftercareCheck(application_id=app.id, year=year, due_on=due))
    uow.session.flush()
    bearer = event_cost_bearer(CostBearer(app.cost_bearer), app.applicant, tree.division_code)
    uow.emit(
        TransplantExecuted(
            application_id=app.id,
            tree_id=tree.id,
            division_code=tree.division_code,
            cost_bearer=bearer,
            executed_on=cmd.executed_on,
            aftercare_until=until.value,
            recorded_at=now,
        )
    )
    out = _out(uow.session, app, follows.basis + until.basis)
    uow.audit("transplant.execute", "transplant", app.id, after=out.model_dump(mode="json", exclude={"basis"}))
    record_version(
        uow,
        tree.id,
        "transplant.execute",
        f"transplanted on {cmd.executed_on} under application {app.id}; aftercare until {until.value}",
        follows.basis + until.basis,
        {
            "before": moved_from,
            "after": {"latitude": tree.latitude, "longitude": tree.longitude, "aftercare_until": str(until.value)},
        },
    )
    return out


def _move(uow: UnitOfWork, tree: Tree, site: Location, now: dt.datetime) -> None:
    """The tree now stands at `site`: its zone is redrawn around it (Art. 23), same crown and margin."""
    zone = uow.session.get(HabitatZone, tree.id)
    d_lon, d_lat = site.longitude - tree.longitude, site.latitude - tree.latitude
    before = {"latitude": tree.latitude, "longitude": tree.longitude}
    tree.latitude, tree.longitude = site.latitude, site.longitude
    uow.session.add(tree)
    if zone is not None:
        if zone.crown_radius_m is not None:
            geometry = geo.zone_around_point(
                site.longitude, site.latitude, zone_radius_m(zone.crown_radius_m, zone.margin_m)
            )
        else:
            geometry = affinity.translate(geo.from_wkt(zone.geometry_wkt), xoff=d_lon, yoff=d_lat)
            if zone.crown_wkt is not None:
                zone.crown_wkt = affinity.translate(geo.from_wkt(zone.crown_wkt), xoff=d_lon, yoff=d_lat).wkt
        zone.geometry_wkt = geometry.wkt
        zone.min_lon, zone.min_lat, zone.max_lon, zone.max_lat = geometry.bounds
        zone.delineated_at = now
        uow.session.add(zone)
    uow.audit(
        "tree.move", "tree", tree.id, before=before, after={"latitude": site.latitude, "longitude": site.longitude}
    )


def record_check(uow: UnitOfWork, application_id: str, year: int, cmd: AftercareCheckIn) -> AftercareOut:
    """Art. 28: the check of aftercare year N lies within that year; each year is checked once."""
    app = uow.repo(TransplantApplication, noun="transplant application").get(application_id)
    execution = uow.session.get(TransplantExecution, app.id)
    if execution is None:
        raise InvalidTransition(f"transplant {app.id} has not been carried out")
    _require(aftercare_check_in_window(execution.executed_on, year, cmd.checked_on))
    if cmd.checked_on > _today():
        raise RuleViolation("checked_on lies in the future")
    check = uow.session.get(AftercareCheck, (app.id, year), with_for_update=True)
    assert check is not None
    if check.checked_on is not None:
        raise InvalidTransition(f"the check of aftercare year {year} is already recorded")
    check.checked_on = cmd.checked_on
    check.condition = cmd.condition
    check.findings = cmd.findings
    check.recorded_at = clock.now()
    uow.session.add(check)
    uow.session.flush()
    uow.audit("transplant.aftercare_check", "transplant", app.id, after={"year": year, **cmd.model_dump(mode="json")})
    return _out(uow.session, app, aftercare_check_in_window(execution.executed_on, year, cmd.checked_on).basis)


def get(session: Session, application_id: str) -> AftercareOut:
    app = session.get(TransplantApplication, application_id)
    if app is None:
        raise NotFound(f"no transplant application {application_id}")
    return _out(session, app, aftercare_check_dates(session.get(TransplantExecution, app.id).executed_on).basis)  # type: ignore[union-attr]
