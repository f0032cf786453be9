"""HTTP routes of the checkers other agencies call (tender documents, service guides, material requests). They
store nothing: a verdict per clause or item, with its article."""

from __future__ import annotations

from fastapi import APIRouter

from hunan_business_env.schemas.checks import (
    MaterialRequestsIn,
    MaterialRequestsVerdict,
    ServiceGuideIn,
    ServiceGuideVerdict,
    TenderDocumentIn,
    TenderDocumentVerdict,
)
from hunan_business_env.use_cases import checks
from hunan_shared.api import reader

router = APIRouter(prefix="/v1/checks", tags=["checks"], dependencies=[reader("business_env:read")])


@router.post(
    "/tender-documents",
    response_model=TenderDocumentVerdict,
    operation_id="checkTenderDocument",
    summary="Check a tender or procurement document's clauses against Art. 18 (local presence, regional records)",
)
def check_tender_document(body: TenderDocumentIn):
    return checks.check_tender_document(body)


@router.post(
    "/service-guides",
    response_model=ServiceGuideVerdict,
    operation_id="checkServiceGuide",
    summary="Check a service guide's conditions and materials for vague catch-all items (Art. 22)",
)
def check_service_guide(body: ServiceGuideIn):
    return checks.check_service_guide(body)


@router.post(
    "/material-requests",
    response_model=MaterialRequestsVerdict,
    operation_id="checkMaterialRequests",
    summary="Check what a window asked for: outside the guide, verifiable online, paper licence (Arts. 22, 27)",
)
def check_material_requests(body: MaterialRequestsIn):
    return checks.check_material_requests(body)
