"""HTTP routes of the checkers for foreign-investment conditions, park land, surveys and intermediary services
(Arts. 7, 28, 29, 31). They store nothing: a verdict per condition, item, survey or service, with its article."""

from __future__ import annotations

from hunan_business_env.api.checkers import Checker, checker_router
from hunan_business_env.use_cases import project_checks

router = checker_router(
    Checker(
        "/foreign-investment-conditions",
        "checkForeignInvestmentConditions",
        project_checks.check_foreign_investment_conditions,
        "Check conditions set only for foreign-invested entities against the national negative list (Art. 7)",
    ),
    Checker(
        "/land-commitments",
        "checkLandCommitment",
        project_checks.check_land_commitment,
        "May an approval item on park land be handled by notification-commitment (Art. 28 para 3)",
    ),
    Checker(
        "/survey-demands",
        "checkSurveyDemands",
        project_checks.check_survey_demands,
        "Flag surveys demanded again for a scope a shared result covers (Art. 29 para 2)",
    ),
    Checker(
        "/technical-services",
        "checkTechnicalServices",
        project_checks.check_technical_services,
        "Agency-commissioned technical services: paid by the agency, inside the approval time (Art. 31 para 2)",
    ),
    Checker(
        "/intermediary-selections",
        "checkIntermediarySelection",
        project_checks.check_intermediary_selection,
        "A fiscal-funded intermediary is chosen on the online intermediary supermarket (Art. 31 para 3)",
    ),
)
