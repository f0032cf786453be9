"""HTTP routes of the checkers other agencies call (tender documents, service guides, material requests). They
store nothing: a verdict per clause or item, with its article."""

from __future__ import annotations

from hunan_business_env.api.checkers import Checker, checker_router
from hunan_business_env.use_cases import checks

router = checker_router(
    Checker(
        "/tender-documents",
        "checkTenderDocument",
        checks.check_tender_document,
        "Check a tender or procurement document's clauses against Art. 18 (local presence, regional records)",
    ),
    Checker(
        "/service-guides",
        "checkServiceGuide",
        checks.check_service_guide,
        "Check a service guide's conditions and materials for vague catch-all items (Art. 22)",
    ),
    Checker(
        "/material-requests",
        "checkMaterialRequests",
        checks.check_material_requests,
        "Check what a window asked for: outside the guide, verifiable online, paper licence (Arts. 22, 27)",
    ),
)
