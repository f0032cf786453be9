"""Service layer for the responsibility matrix lookup (Division Plan 二, R54–R60): reference data, no tables."""

from __future__ import annotations

from hunan_budget.rules.responsibility import Matter, ResponsibilityLevel, find_matters, matrix, responsibility_for
from hunan_budget.schemas.responsibilities import ResponsibilityOut
from hunan_budget.settings import BudgetSettings
from hunan_shared.errors import NotFound


def _out(matter: Matter, settings: BudgetSettings) -> ResponsibilityOut:
    decision = responsibility_for(matter, settings.shared_province_shares)
    r = decision.value
    return ResponsibilityOut(
        id=matter.id,
        section=matter.section,
        area=matter.area,
        matter_zh=matter.matter_zh,
        matter_en=matter.matter_en,
        level=matter.level.value,
        umbrella=matter.umbrella,
        note=matter.note,
        payers=[p.value for p in r.payers],
        province_share=r.province_share,
        city_county_share=r.city_county_share,
        reason=decision.reason,
        basis=list(decision.basis),
    )


def lookup(
    settings: BudgetSettings, item: str | None, level: ResponsibilityLevel | None, section: str | None
) -> list[ResponsibilityOut]:
    """Rows matching an id or wording (`item`), optionally narrowed by level and section (e.g. 二(六))."""
    rows = find_matters(item) if item else list(matrix())
    if level:
        rows = [m for m in rows if m.level is level]
    if section:
        rows = [m for m in rows if m.section.startswith(section)]
    return [_out(m, settings) for m in rows]


def get(settings: BudgetSettings, matter_id: str) -> ResponsibilityOut:
    rows = [m for m in matrix() if m.id == matter_id.upper()]
    if not rows:
        raise NotFound(f"no responsibility-matrix row {matter_id}")
    return _out(rows[0], settings)
