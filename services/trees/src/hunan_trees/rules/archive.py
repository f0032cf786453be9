"""The one-tree-one-file archive (Art. 14) and its signs and protection facilities (Art. 22)."""

from __future__ import annotations

from enum import StrEnum

from hunan_shared.legal import Decision

from .recognition import ART14, ART22


class TreeOrigin(StrEnum):
    """How a tree entered the register."""

    RECOGNITION = "RECOGNITION"  # recognised through W1 in this service (Arts. 12–13)
    IMPORTED = "IMPORTED"  # recognised earlier or elsewhere and registered (single or bulk import)


class FacilityKind(StrEnum):
    """Protection facilities 保护设施 (Art. 22)."""

    SUPPORT_FRAME = "SUPPORT_FRAME"  # 支撑架
    GUARD_RAIL = "GUARD_RAIL"  # 保护栏
    LIGHTNING_PROTECTION = "LIGHTNING_PROTECTION"  # 避雷装置
    OTHER = "OTHER"  # 等必要保护设施


class AttachmentKind(StrEnum):
    """Graphic and text material of the archive 图文信息档案 (Art. 14)."""

    PHOTO = "PHOTO"
    DOCUMENT = "DOCUMENT"
    MAP = "MAP"
    OTHER = "OTHER"


def sign_number_consistent(tree_no: str | None, sign_no: str) -> Decision[bool]:
    """Art. 22 / 第二十二条 (R20): the sign carries the tree's province-wide number (统一编号); a tree without a
    number takes the sign's, a tree with one accepts only a sign bearing it."""
    if tree_no is None or tree_no == sign_no:
        return Decision[bool](value=True, reason=f"sign number {sign_no} is the tree's number", basis=(ART22,))
    return Decision[bool](
        value=False, reason=f"sign number {sign_no} differs from the tree's number {tree_no}", basis=(ART22,)
    )


def archive_change_explained(reason: str | None) -> Decision[bool]:
    """Art. 14 / 第十四条 (R11): every update of the archive states why it was made (动态更新 with a record)."""
    ok = bool(reason and reason.strip())
    return Decision[bool](
        value=ok, reason="reason stated" if ok else "an archive change needs a reason", basis=(ART14,)
    )
