"""Settings of the business_env service: numbers the Provisions leave open and the trees API connection."""

from __future__ import annotations

from pydantic import Field, SecretStr

from hunan_shared.settings import ServiceSettings


class BusinessEnvSettings(ServiceSettings):
    complaint_handling_working_days: int = Field(
        15, ge=1, le=120, description="Working days from receipt to a recorded result (Art. 50 gives no number)"
    )
    complaint_feedback_working_days: int = Field(
        3, ge=1, le=30, description="Working days from result to feedback, the 'promptly' of Art. 50"
    )
    inspection_weight_reduced: int = Field(
        1, ge=1, le=100, description="Draw weight of good credit and low risk (Art. 37 'optimise' the frequency)"
    )
    inspection_weight_baseline: int = Field(2, ge=1, le=100, description="Draw weight of every other entity")
    inspection_weight_increased: int = Field(
        4, ge=1, le=100, description="Draw weight of dishonest or high-risk entities (Art. 37 'increase')"
    )
    inspection_weight_inclusive: int = Field(
        1,
        ge=1,
        le=100,
        description="Highest draw weight of a new-economy entity without a risk signal (Art. 38 包容审慎; no number)",
    )
    inspectors_per_entity: int = Field(
        2, ge=1, le=10, description="Inspectors drawn for each entity (two officers per on-site inspection)"
    )
    trees_base_url: str = Field("http://127.0.0.1:8101", description="Base URL of the trees service API")
    trees_timeout_seconds: float = Field(2.0, gt=0, le=30, description="Timeout of a habitat check call to trees")
    trees_token: SecretStr | None = Field(
        None, description="Bearer token (scope trees:read) for the trees API; unset → minted with AUTH_JWT_SECRET"
    )
    startup_working_days: int = Field(
        3, ge=1, le=30, description="Working days for the start-up bundle (Art. 10 says 一次办结 without a number)"
    )
    deregistration_notice_days: int = Field(
        20, ge=1, le=90, description="Calendar days of the simplified-deregistration public notice (Art. 20 sets none)"
    )
    commitment_verification_working_days: int = Field(
        20, ge=1, le=120, description="Working days to verify a commitment after the grant (Art. 32 sets none)"
    )
    deposit_refund_working_days: int = Field(
        5, ge=1, le=120, description="Default return time of a deposit when its own rules name none (Art. 15)"
    )
    complaint_evaluation_working_days: int = Field(
        5, ge=1, le=30, description="Working days the complainant has to rate procedure and result before closing"
    )
    complaint_unsatisfied_max_rating: int = Field(
        2,
        ge=1,
        le=4,
        description="A result rating (1–5) at or below this is unsatisfied and reopens the complaint once (Art. 50)",
    )
    complaint_reopened_working_days: int = Field(
        10, ge=1, le=120, description="Working days to handle a complaint reopened by an unsatisfied rating (Art. 50)"
    )
    fair_competition_report_working_days: int = Field(
        15, ge=1, le=120, description="Working days to handle and answer a written report with facts (Art. 44 及时)"
    )
    review_handling_working_days: int = Field(
        10, ge=1, le=60, description="Working days to investigate, rectify and answer a bad review (Art. 26)"
    )
    hotline_handling_working_days: int = Field(
        5, ge=1, le=60, description="Working days for a department to complete a dispatched 12345 appeal (Art. 35)"
    )
    evaluation_rectification_working_days: int = Field(
        60, ge=1, le=250, description="Working days for regions to rectify an evaluation's problems (Art. 6 及时)"
    )
    provincial_competent_department: str = Field(
        "湖南省发展和改革委员会",
        min_length=2,
        description="Provincial competent department of the business environment, named by Art. 3 (R99 routing)",
    )
    licence_aggregation_max_minutes: int = Field(
        60,
        ge=1,
        le=1440,
        description="Minutes within which an issued electronic licence must reach the library (Art. 27 para 2 实时)",
    )
    pilot_zones: list[str] = Field(
        ["中国(湖南)自由贸易试验区", "湖南湘江新区", "国家级园区"],
        description="Zones that try reforms first (Art. 4 para 2 names them; the list of parks is left open)",
    )
    efficiency_warning_working_days: int = Field(
        2,
        ge=0,
        le=30,
        description="Working days before a service application's due day when it is flagged DUE_SOON (Art. 26 para 2 "
        "预警; the article sets no number)",
    )
    barrier_response_working_days: int = Field(
        15,
        ge=1,
        le=120,
        description="Working days to respond to a market-access barrier report (Art. 9; no limit in text)",
    )
