"""Service layer of the archive (一树一档, Art. 14): versioned history, archive updates, signs and facilities
(Art. 22), attachment metadata. `record_version` is the one way any use case writes a history entry."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.errors import Conflict, InvalidTransition, RuleViolation
from hunan_shared.legal import Basis
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id
from hunan_trees.models import Attachment, HabitatZone, ProtectionFacility, ProtectionSign, Tree, TreeVersion
from hunan_trees.rules.archive import archive_change_explained, sign_number_consistent
from hunan_trees.rules.classification import Grade, protection_level
from hunan_trees.rules.recognition import ART14, ART22
from hunan_trees.schemas.archive import (
    AttachmentIn,
    AttachmentOut,
    FacilityIn,
    FacilityOut,
    SignIn,
    SignOut,
    TreeUpdate,
    TreeVersionOut,
)
from hunan_trees.schemas.trees import TreeOut


def record_version(
    uow: UnitOfWork, tree_id: str, action: str, reason: str, basis: Iterable[Basis], changes: dict[str, Any]
) -> int:
    """Append the next archive version of a tree (who = the unit of work's actor, when = now)."""
    current = uow.session.exec(select(func.max(TreeVersion.version)).where(TreeVersion.tree_id == tree_id)).one()
    version = (current or 0) + 1
    uow.session.add(
        TreeVersion(
            tree_id=tree_id,
            version=version,
            at=clock.now(),
            actor=uow.actor,
            action=action,
            reason=reason,
            basis=[b.model_dump(mode="json") for b in _unique(basis)],
            changes=changes,
        )
    )
    uow.session.flush()
    return version


def _unique(basis: Iterable[Basis]) -> list[Basis]:
    seen: list[Basis] = []
    for b in basis:
        if b not in seen:
            seen.append(b)
    return seen


def _tree(session: Session, tree_id: str) -> Tree:
    return Repository(session, Tree).get(tree_id)


def history(session: Session, tree_id: str, page: PageParams) -> Page[TreeVersionOut]:
    _tree(session, tree_id)
    rows = session.exec(
        select(TreeVersion)
        .where(TreeVersion.tree_id == tree_id)
        .order_by(TreeVersion.version)
        .offset(page.offset)
        .limit(page.limit + 1)
    ).all()
    return page.page(list(rows), lambda v: TreeVersionOut(**v.model_dump(exclude={"tree_id"})))


UPDATABLE = ("tree_no", "species", "species_latin", "in_urban_planning_area")


def update(uow: UnitOfWork, tree_id: str, cmd: TreeUpdate) -> TreeOut:
    """Art. 14 / 第十四条: update the archive (动态更新) with a stated reason; a new urban-planning-area finding
    re-derives the protection level (Art. 10)."""
    from hunan_trees.use_cases import trees  # the register renders trees; it also calls record_version

    explained = archive_change_explained(cmd.reason)
    if not explained.value:
        raise RuleViolation(explained.reason, basis=explained.basis)
    tree = uow.repo(Tree).for_update(tree_id)
    wanted = {k: v for k, v in cmd.model_dump(include=set(UPDATABLE), exclude_unset=True).items() if v is not None}
    changed = {k: v for k, v in wanted.items() if getattr(tree, k) != v}
    if not changed:
        raise Conflict("nothing to change: the archive already holds these values")
    if "tree_no" in changed and uow.session.exec(select(Tree.id).where(Tree.tree_no == changed["tree_no"])).first():
        raise Conflict(f"tree number {changed['tree_no']} is already registered")
    before = {k: getattr(tree, k) for k in changed}
    basis: list[Basis] = [ART14]
    for name, value in changed.items():
        setattr(tree, name, value)
    if "in_urban_planning_area" in changed:
        level = protection_level(Grade(tree.grade) if tree.grade else None, tree.is_famous, tree.in_urban_planning_area)
        if level.value != tree.protection_level:
            before["protection_level"] = tree.protection_level
            tree.protection_level = level.value
            changed["protection_level"] = level.value
        basis.extend(level.basis)
    uow.session.add(tree)
    uow.session.flush()
    reason = cmd.reason + (f" ({cmd.document_ref})" if cmd.document_ref else "")
    uow.audit("tree.update", "tree", tree.id, before=before, after=changed)
    record_version(uow, tree.id, "tree.update", reason, basis, {"before": before, "after": changed})
    return trees.render(uow.session, tree, uow.session.get(HabitatZone, tree.id))


# --- signs and facilities (Art. 22) ----------------------------------------------------------------------


def _sign_out(sign: ProtectionSign, basis: Sequence[Basis] = (ART22,)) -> SignOut:
    return SignOut(**sign.model_dump(), basis=list(basis))


def install_sign(uow: UnitOfWork, tree_id: str, cmd: SignIn) -> SignOut:
    """Art. 22 / 第二十二条 (R20): the county government installs a sign bearing the tree's number; a new sign
    replaces the one in place (its `replaced_on` is set)."""
    tree = uow.repo(Tree).for_update(tree_id)
    consistent = sign_number_consistent(tree.tree_no, cmd.sign_no)
    if not consistent.value:
        raise RuleViolation(consistent.reason, basis=consistent.basis)
    if tree.tree_no is None:
        if uow.session.exec(select(Tree.id).where(Tree.tree_no == cmd.sign_no)).first():
            raise Conflict(f"number {cmd.sign_no} belongs to another tree")
        tree.tree_no = cmd.sign_no
        uow.session.add(tree)
    current = uow.session.exec(
        select(ProtectionSign).where(ProtectionSign.tree_id == tree.id, ProtectionSign.replaced_on.is_(None))
    ).first()
    if current is not None:
        if cmd.installed_on < current.installed_on:
            raise InvalidTransition(
                f"the sign in place was installed on {current.installed_on}; a replacement cannot predate it",
                basis=(ART22,),
            )
        current.replaced_on = cmd.installed_on
        uow.session.add(current)
    sign = ProtectionSign(id=new_id(), tree_id=tree.id, **cmd.model_dump())
    uow.session.add(sign)
    uow.session.flush()
    out = _sign_out(sign, consistent.basis)
    uow.audit("tree.sign_install", "tree", tree.id, after=out.model_dump(mode="json", exclude={"basis"}))
    reason = f"protection sign {cmd.sign_no} installed by {cmd.installed_by}" + (
        f", replacing the sign of {current.installed_on}" if current else ""
    )
    record_version(
        uow,
        tree.id,
        "sign.install",
        reason,
        consistent.basis,
        {"after": {"sign": out.model_dump(mode="json", exclude={"basis"})}},
    )
    return out


def list_signs(session: Session, tree_id: str) -> list[SignOut]:
    _tree(session, tree_id)
    rows = session.exec(
        select(ProtectionSign)
        .where(ProtectionSign.tree_id == tree_id)
        .order_by(ProtectionSign.installed_on, ProtectionSign.id)
    ).all()
    return [_sign_out(s) for s in rows]


def _facility_out(row: ProtectionFacility) -> FacilityOut:
    return FacilityOut(**row.model_dump(), basis=[ART22])


def add_facility(uow: UnitOfWork, tree_id: str, cmd: FacilityIn) -> FacilityOut:
    """Art. 22 / 第二十二条 (R20): support frames, guard rails, lightning protection … as actually needed."""
    tree = uow.repo(Tree).for_update(tree_id)
    row = ProtectionFacility(id=new_id(), tree_id=tree.id, **cmd.model_dump())
    uow.session.add(row)
    uow.session.flush()
    out = _facility_out(row)
    uow.audit("tree.facility_add", "tree", tree.id, after=out.model_dump(mode="json", exclude={"basis"}))
    record_version(
        uow,
        tree.id,
        "facility.add",
        f"{cmd.kind} installed by {cmd.installed_by}",
        (ART22,),
        {"after": {"facility": out.model_dump(mode="json", exclude={"basis"})}},
    )
    return out


def list_facilities(session: Session, tree_id: str) -> list[FacilityOut]:
    _tree(session, tree_id)
    rows = session.exec(
        select(ProtectionFacility)
        .where(ProtectionFacility.tree_id == tree_id)
        .order_by(ProtectionFacility.installed_on, ProtectionFacility.id)
    ).all()
    return [_facility_out(r) for r in rows]


# --- attachments (Art. 14 图文信息档案) ---------------------------------------------------------------------


def add_attachment(uow: UnitOfWork, tree_id: str, cmd: AttachmentIn) -> AttachmentOut:
    tree = uow.repo(Tree).for_update(tree_id)
    if uow.session.exec(
        select(Attachment.id).where(Attachment.tree_id == tree.id, Attachment.sha256 == cmd.sha256)
    ).first():
        raise Conflict("this file (same SHA-256) is already in the tree's archive")
    row = Attachment(id=new_id(), tree_id=tree.id, added_by=uow.actor, added_at=clock.now(), **cmd.model_dump())
    uow.session.add(row)
    uow.session.flush()
    out = AttachmentOut(**row.model_dump())
    uow.audit("tree.attachment_add", "tree", tree.id, after=out.model_dump(mode="json"))
    record_version(
        uow,
        tree.id,
        "attachment.add",
        f"{cmd.kind} '{cmd.title}' added to the archive",
        (ART14,),
        {"after": {"attachment": out.model_dump(mode="json")}},
    )
    return out


def list_attachments(session: Session, tree_id: str) -> list[AttachmentOut]:
    _tree(session, tree_id)
    rows = session.exec(
        select(Attachment).where(Attachment.tree_id == tree_id).order_by(Attachment.added_at, Attachment.id)
    ).all()
    return [AttachmentOut(**r.model_dump()) for r in rows]
