"""Exact share comparisons for '不少于 N%' / '以上' thresholds (integers only, no float rounding at the boundary)."""

from __future__ import annotations

from decimal import Decimal


def share_at_least(part: int, whole: int, percent: Decimal | int) -> bool:
    """part / whole ≥ percent %, decided exactly; an empty whole never complies."""
    if part < 0 or whole < 0 or part > whole:
        raise ValueError(f"need 0 ≤ part ≤ whole, got {part}/{whole}")
    return whole > 0 and Decimal(part) * 100 >= Decimal(percent) * whole


def percent(part: int, whole: int) -> Decimal:
    """part / whole as a percentage rounded to 0.1, for reasons and reports."""
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.1")) if whole else Decimal(0)
