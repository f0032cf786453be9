"""Service layer for regular patrols and professional maintenance (Art. 20, R18): record, list, the trees whose
patrol is overdue by their level's interval (a setting), and the periodic job that announces each once."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func
from sqlmodel import Session, col, select

from hunan_shared import clock, divisions
from hunan_shared.api import Page, PageParams
from hunan_shared.db import in_division
from hunan_shared.errors import NotFound, RuleViolation
from hunan_shared.events.catalogue import TreePatrolDue
from hunan_shared.uow import UnitOfWork, new_id
from hunan_trees.models import PatrolDueNotice, Tree, TreePatrol
from hunan_trees.rules.classification import ProtectionLevel
from hunan_trees.rules.patrol import (
    ART20,
    Provider,
    VisitKind,
    patrol_due_on,
    patrol_overdue,
    provider_valid,
)
from hunan_trees.schemas.patrols import PatrolDueOut, PatrolIn, PatrolOut
from hunan_trees.settings import TreesSettings
from hunan_trees.use_cases.archive import record_version
from hunan_trees.use_cases.trees import ACTIVE


def _today(now: dt.datetime | None = None) -> dt.date:
    return (now or clock.now()).astimezone(clock.SHANGHAI).date()


def _out(row: TreePatrol) -> PatrolOut:
    return PatrolOut(**row.model_dump(), basis=[ART20])


def record(uow: UnitOfWork, tree_id: str, cmd: PatrolIn) -> PatrolOut:
    """Art. 20 / 第二十条 (R18): a department at county level or above over the tree organises the patrol or
    maintenance, by experts and technical staff or a purchased service; it is kept in the tree's archive."""
    tree = uow.repo(Tree).for_update(tree_id)
    if tree.status != ACTIVE:
        raise NotFound(f"no registered tree {tree_id} (it is {tree.status})")
    _require(provider_valid(cmd.provider, cmd.contract_ref))
    if not divisions.is_valid(cmd.organising_division):
        raise RuleViolation(f"{cmd.organising_division} is not a Hunan division code")
    if not divisions.contains(cmd.organising_division, tree.division_code):
        raise RuleViolation(
            f"tree {tree_id} lies outside the organising department's area {cmd.organising_division}",
            basis=(ART20,),
        )
    if cmd.performed_on > _today():
        raise RuleViolation("performed_on lies in the future")
    row = TreePatrol(
        id=new_id(),
        tree_id=tree.id,
        **cmd.model_dump(mode="json"),
        recorded_by=uow.actor,
        recorded_at=clock.now(),
    )
    row.performed_on = cmd.performed_on
    uow.session.add(row)
    uow.session.flush()
    out = _out(row)
    snapshot = out.model_dump(mode="json", exclude={"basis"})
    uow.audit("tree.patrol", "tree", tree.id, after=snapshot)
    record_version(
        uow,
        tree.id,
        f"{cmd.kind.value.lower()}.record",
        f"{cmd.kind.value.lower()} on {cmd.performed_on} by {cmd.performed_by}",
        (ART20,),
        {"after": {"patrol": snapshot}},
    )
    return out


def _require(decision) -> None:
    if not decision.value:
        raise RuleViolation(decision.reason, basis=decision.basis)


def list_for_tree(session: Session, tree_id: str) -> list[PatrolOut]:
    if session.get(Tree, tree_id) is None:
        raise NotFound(f"no tree {tree_id}")
    rows = session.exec(
        select(TreePatrol)
        .where(TreePatrol.tree_id == tree_id)
        .order_by(col(TreePatrol.performed_on), col(TreePatrol.recorded_at), col(TreePatrol.id))
    ).all()
    return [_out(r) for r in rows]


def _overdue(session: Session, settings: TreesSettings, today: dt.date, division: str | None) -> list[PatrolDueOut]:
    last = (
        select(TreePatrol.tree_id, func.max(TreePatrol.performed_on).label("last_on"))
        .where(TreePatrol.kind == VisitKind.PATROL.value)
        .group_by(TreePatrol.tree_id)
        .subquery()
    )
    query = (
        select(Tree, last.c.last_on)
        .join(last, last.c.tree_id == Tree.id, isouter=True)
        .where(Tree.status == ACTIVE)
        .order_by(Tree.id)
    )
    if division:
        query = query.where(in_division(Tree.division_code, division))
    out: list[PatrolDueOut] = []
    for tree, last_on in session.exec(query).all():
        level = ProtectionLevel(tree.protection_level) if tree.protection_level else None
        since = last_on or tree.created_at.astimezone(clock.SHANGHAI).date()
        due = patrol_due_on(level, since, settings.patrol_interval_days)
        late = patrol_overdue(due.value, today)
        if not late.value:
            continue
        out.append(
            PatrolDueOut(
                tree_id=tree.id,
                tree_no=tree.tree_no,
                division_code=tree.division_code,
                protection_level=level,
                interval_days=settings.patrol_interval_days[level or ProtectionLevel.LEVEL_3],
                last_patrol_on=last_on,
                since=since,
                due_on=due.value,
                days_overdue=(today - due.value).days,
                reason=f"{due.reason}; {late.reason}",
                basis=[ART20],
            )
        )
    return sorted(out, key=lambda d: (d.due_on, d.tree_id))


def due(
    session: Session, settings: TreesSettings, page: PageParams, division: str | None, on: dt.date | None = None
) -> Page[PatrolDueOut]:
    """Art. 20 / 第二十条: registered trees whose last patrol (or registration) is older than their interval."""
    rows = _overdue(session, settings, on or _today(), division)
    return page.page(rows[page.offset : page.offset + page.limit + 1])


def announce_due(uow: UnitOfWork, now: dt.datetime, settings: TreesSettings) -> int:
    """Art. 20: announce each tree whose regular patrol is overdue, once per due date (`hunan.trees.patrol.due`)."""
    announced = 0
    for item in _overdue(uow.session, settings, _today(now), None):
        if uow.session.get(PatrolDueNotice, (item.tree_id, item.due_on)) is not None:
            continue
        uow.session.add(PatrolDueNotice(tree_id=item.tree_id, due_on=item.due_on, announced_at=now))
        uow.emit(
            TreePatrolDue(
                tree_id=item.tree_id,
                division_code=item.division_code,
                protection_level=item.protection_level.value if item.protection_level else None,
                interval_days=item.interval_days,
                last_patrol_on=item.last_patrol_on,
                due_on=item.due_on,
                article=ART20.article,
                detected_at=now,
            )
        )
        uow.audit("tree.patrol_due", "tree", item.tree_id, after={"due_on": str(item.due_on), "reason": item.reason})
        announced += 1
    uow.session.flush()
    return announced


__all__ = ["Provider", "announce_due", "due", "list_for_tree", "record"]
