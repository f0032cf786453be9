"""Service layer for violation cases (W8; Arts. 9, 24, 33, 36) and the prohibited-acts check (Art. 24)."""

from __future__ import annotations

from sqlmodel import Session, col, select

from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.db import in_division
from hunan_shared.errors import InvalidTransition, NotFound, RuleViolation
from hunan_shared.events.catalogue import Money, PenaltyDecided
from hunan_shared.legal import Basis, Decision
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id
from hunan_trees.engines import geo
from hunan_trees.models import HabitatZone, Tree, ViolationCase
from hunan_trees.rules.basis import ART24, ART33
from hunan_trees.rules.enforcement import fine_allowed
from hunan_trees.rules.habitat import ProhibitedAct, act_prohibited
from hunan_trees.rules.lifecycle import ACT_TEXT, Order, act_scope, fine_for_reference_tree, orders_valid
from hunan_trees.schemas.common import Location
from hunan_trees.schemas.violations import (
    ActCheckIn,
    ActCheckOut,
    CloseViolationIn,
    ProhibitedActOut,
    ViolationDecisionIn,
    ViolationIn,
    ViolationOut,
)

OPEN = "OPEN"
REFERRED_OTHER_LAW = "REFERRED_OTHER_LAW"
ORDERED = "ORDERED"
CLOSED = "CLOSED"
GONE = ("ARCHIVE_CANCELLED",)


def _require(decision: Decision[bool]) -> None:
    if not decision.value:
        raise RuleViolation(decision.reason, basis=decision.basis)


def prohibited_acts() -> list[ProhibitedActOut]:
    """Art. 24 / 第二十四条: every prohibited act with its item, text and where it counts."""
    return [
        ProhibitedActOut(code=act, paragraph=item, text=text, scope=act_scope(act), basis=[ART24])
        for act, (item, text) in ACT_TEXT.items()
    ]


def _inside_zone(session: Session, tree: Tree, act: ProhibitedAct, location: Location | None) -> bool | None:
    """Whether the act's place lies inside the tree's habitat zone; None when no place is given."""
    if location is None:
        if act_scope(act) == "INSIDE_HABITAT_ZONE":
            raise RuleViolation(
                f"{act} is prohibited only inside the habitat zone: give the location of the act", basis=(ART24,)
            )
        return None
    zone = session.get(HabitatZone, tree.id)
    if zone is None:
        return False
    return bool(geo.from_wkt(zone.geometry_wkt).covers(geo.point(location.longitude, location.latitude)))


def _tree(session: Session, tree_id: str) -> Tree:
    tree = session.get(Tree, tree_id)
    if tree is None or tree.status in GONE:
        raise NotFound(f"no registered tree {tree_id}")
    return tree


def check(session: Session, cmd: ActCheckIn) -> ActCheckOut:
    tree = _tree(session, cmd.tree_id)
    inside = _inside_zone(session, tree, cmd.act, cmd.location)
    decision = act_prohibited(cmd.act, bool(inside))
    return ActCheckOut(
        act=cmd.act,
        tree_id=tree.id,
        inside_habitat_zone=inside,
        prohibited=decision.value,
        reason=decision.reason,
        basis=list(decision.basis),
    )


def _out(row: ViolationCase, basis: tuple[Basis, ...] | list[Basis] = ()) -> ViolationOut:
    return ViolationOut(**row.model_dump(), basis=list(basis))


def open_case(uow: UnitOfWork, cmd: ViolationIn) -> ViolationOut:
    """Arts. 9, 24: a case is opened only for an act the Measures prohibit (24(3) acts inside the zone)."""
    if cmd.act_on > clock.now().astimezone(clock.SHANGHAI).date():
        raise RuleViolation("act_on lies in the future")
    tree = _tree(uow.session, cmd.tree_id)
    inside = _inside_zone(uow.session, tree, cmd.act, cmd.location)
    prohibited = act_prohibited(cmd.act, bool(inside))
    _require(prohibited)
    row = ViolationCase(
        id=new_id(),
        tree_id=tree.id,
        division_code=tree.division_code,
        act=cmd.act.value,
        act_on=cmd.act_on,
        inside_habitat_zone=bool(inside),
        description=cmd.description,
        offender=cmd.offender,
        state=OPEN,
        opened_at=clock.now(),
    )
    uow.session.add(row)
    uow.session.flush()
    out = _out(row, prohibited.basis)
    uow.audit("violation.open", "violation", row.id, after=out.model_dump(mode="json", exclude={"basis"}))
    return out


def decide(uow: UnitOfWork, case_id: str, cmd: ViolationDecisionIn) -> ViolationOut:
    """Art. 33 / 第三十三条 (R37, R44): where another law provides liability it applies (从其规定: referral, no
    fine); otherwise stop + restore-by-deadline or remedy, and a fine only within CNY 500–5,000 and only for an
    act on or after 2022-03-12 (Art. 36)."""
    row = uow.repo(ViolationCase, noun="violation case").for_update(case_id)
    if row.state != OPEN:
        raise InvalidTransition(f"case is {row.state}; only an open case can be decided")
    tree = uow.repo(Tree).get(row.tree_id)
    now = clock.now()
    other_law = cmd.other_law_ref is not None
    fine = fine_allowed(cmd.fine_cny, other_law, row.act_on)
    _require(fine)
    basis: list[Basis] = list(fine.basis)
    if other_law:
        if cmd.orders:
            raise RuleViolation(
                "a case referred to another law takes that law's measures, not Art. 33 orders", basis=(ART33,)
            )
        outcome = REFERRED_OTHER_LAW
    else:
        orders = orders_valid(set(cmd.orders), cmd.restore_by, now.astimezone(clock.SHANGHAI).date())
        _require(orders)
        reference = fine_for_reference_tree(tree.art35_reference, cmd.fine_cny)
        _require(reference)
        outcome = ORDERED
        basis += [b for b in orders.basis + (ART24,) if b not in basis]

    def view(r: ViolationCase) -> dict:
        return _out(r).model_dump(mode="json", exclude={"basis"})

    with uow.audited_change("violation.decide", row, render=view):
        row.state = outcome
        row.other_law_ref = cmd.other_law_ref
        row.orders = [o.value for o in cmd.orders]
        row.restore_by = cmd.restore_by if Order.RESTORE_BY_DEADLINE in cmd.orders else None
        row.fine_cny = cmd.fine_cny
        row.decision_ref = cmd.decision_ref
        row.decided_at = now
        uow.session.add(row)
        uow.session.flush()
        uow.emit(
            PenaltyDecided(
                case_id=row.id,
                tree_id=row.tree_id,
                division_code=row.division_code,
                act=row.act,
                outcome=outcome,  # type: ignore[arg-type]
                orders=row.orders,
                fine=Money(amount=cmd.fine_cny) if cmd.fine_cny is not None else None,
                legal_basis=f"{cmd.other_law_ref} (Art. 33 从其规定)" if other_law else "Art. 33 / 第三十三条",
                decided_at=now,
            )
        )
    return _out(row, basis)


def close(uow: UnitOfWork, case_id: str, cmd: CloseViolationIn) -> ViolationOut:
    """W8: an ordered case closes once the restoration or remedy is verified; a referred case closes with a note."""
    row = uow.repo(ViolationCase, noun="violation case").for_update(case_id)
    if row.state not in (ORDERED, REFERRED_OTHER_LAW):
        raise InvalidTransition(f"case is {row.state}; only a decided case can be closed")
    if row.state == ORDERED and not cmd.restoration_verified:
        raise RuleViolation("the ordered restoration or remedy is not verified yet", basis=(ART33,))
    with uow.audited_change(
        "violation.close", row, render=lambda r: _out(r).model_dump(mode="json", exclude={"basis"})
    ):
        row.state = CLOSED
        uow.session.add(row)
    return _out(row, (ART33,))


def get(session: Session, case_id: str) -> ViolationOut:
    return _out(Repository(session, ViolationCase, noun="violation case").get(case_id))


def list_cases(
    session: Session,
    page: PageParams,
    tree_id: str | None = None,
    division: str | None = None,
    state: str | None = None,
    act: ProhibitedAct | None = None,
) -> Page[ViolationOut]:
    query = select(ViolationCase).order_by(col(ViolationCase.opened_at).desc(), ViolationCase.id)
    if tree_id:
        query = query.where(ViolationCase.tree_id == tree_id)
    if division:
        query = query.where(in_division(ViolationCase.division_code, division))
    if state:
        query = query.where(ViolationCase.state == state)
    if act:
        query = query.where(ViolationCase.act == act.value)
    rows = session.exec(query.offset(page.offset).limit(page.limit + 1)).all()
    return page.page(list(rows), _out)
