"""Penalties (Art. 33) and archive cancellation after death (Art. 29)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hunan_shared.legal import Decision

from .basis import ART29, ART33
from .classification import GovernmentLevel, Grade, recognising_authority
from .deadlines import in_force_on

FINE_MIN_CNY = Decimal(500)  # 五百元以上
FINE_MAX_CNY = Decimal(5000)  # 五千元以下


def fine_allowed(fine_cny: Decimal | None, other_law_applies: bool, act_on: dt.date) -> Decision[bool]:
    """Art. 33 / 第三十三条 (R37, R44): where another law sets liability it applies and no Art. 33 fine is
    imposed; otherwise a fine is optional and lies between 500 and 5,000 CNY inclusive; never for acts
    before the Measures took effect."""
    if fine_cny is None:
        return Decision[bool](
            value=True, reason="no fine (the fine is optional; orders to stop and restore still apply)", basis=(ART33,)
        )
    if other_law_applies:
        return Decision[bool](
            value=False, reason="another law provides liability: 从其规定, no Art. 33 fine", basis=(ART33,)
        )
    in_force = in_force_on(act_on)
    if not in_force.value:
        return Decision[bool](
            value=False, reason="act before the Measures took effect", basis=(ART33,) + in_force.basis
        )
    ok = FINE_MIN_CNY <= fine_cny <= FINE_MAX_CNY
    reason = f"fine {fine_cny} CNY {'within' if ok else 'outside'} 500–5,000"
    return Decision[bool](value=ok, reason=reason, basis=(ART33,))


def may_cancel_archive(department_level: GovernmentLevel, grade: Grade | None, is_famous: bool) -> Decision[bool]:
    """Art. 29 / 第二十九条 (R33): after a confirmed death the archive is cancelled by the competent department at
    the level that matches the tree's grade (the recognising level of Art. 13)."""
    required = recognising_authority(grade, is_famous)
    ok = required.value is department_level
    reason = (
        f"{department_level} department may cancel"
        if ok
        else f"the {required.value} department must cancel, not the {department_level} department"
    )
    return Decision[bool](value=ok, reason=reason, basis=(ART29,) + required.basis)
