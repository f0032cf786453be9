"""Settings of the science service: numbers the plan leaves open (see RULES.md, Design choices)."""

from __future__ import annotations

from pydantic import Field

from hunan_shared.settings import ServiceSettings


class ScienceSettings(ServiceSettings):
    county_count: int = Field(
        122, ge=1, description="R18/S22: county-level divisions counted for percentage KPIs [BG: 122]"
    )
    campaign_on_warning_colours: list[str] = Field(
        ["blue", "yellow", "orange", "red"],
        description="W1: warning colours that launch an emergency science campaign (all by default)",
    )
    first_publication_target_minutes: int = Field(
        120,
        ge=1,
        description="W1: an emergency campaign's first reserve content is due this long after the declaration "
        "or warning (三(四)1 「及时」; 2 h by default)",
    )
