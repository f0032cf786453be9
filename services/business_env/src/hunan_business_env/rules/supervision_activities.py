"""Off-site supervision preferred, on-site inspections reduced (Art. 40; R81)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from hunan_shared.legal import Decision

from .basis import art

ART40 = art("Art. 40 / 第四十条", "推行以远程监管、移动监管、预警防控为特征的非现场监管，减少现场检查")


class Mode(StrEnum):
    OFF_SITE = "OFF_SITE"  # 远程监管、移动监管、预警防控
    ON_SITE = "ON_SITE"  # 现场检查


class OffSiteMethod(StrEnum):
    REMOTE = "REMOTE"  # 远程监管
    MOBILE = "MOBILE"  # 移动监管
    EARLY_WARNING = "EARLY_WARNING"  # 预警防控


def on_site_share(modes: Iterable[Mode], previous_share: Decimal | None) -> Decision[Decimal | None]:
    """Art. 40 / 第四十条 (R81): the share of on-site inspections among a department's supervision activities in a
    period (four decimals; None when there were none); the reason says whether it fell against the previous
    period's share — the article asks on-site inspections to be reduced, which this figure makes visible."""
    modes = list(modes)
    if not modes:
        return Decision(value=None, reason="no supervision activity in the period", basis=(ART40,))
    share = (Decimal(sum(1 for m in modes if m is Mode.ON_SITE)) / Decimal(len(modes))).quantize(
        Decimal("0.0001"), rounding=ROUND_HALF_UP
    )
    if previous_share is None:
        trend = "no previous period to compare"
    elif share < previous_share:
        trend = f"reduced from {previous_share}"
    elif share == previous_share:
        trend = f"unchanged from {previous_share}"
    else:
        trend = f"increased from {previous_share}: on-site inspections not reduced"
    return Decision(value=share, reason=f"on-site share {share} of {len(modes)} activities; {trend}", basis=(ART40,))
