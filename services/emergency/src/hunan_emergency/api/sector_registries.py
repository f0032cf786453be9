"""HTTP routes for the capped sector registries: coal mines ≤ 80, fireworks producers ≤ 600, tailings ponds ≤ 300
(R41, R42), with the campaign verdicts R36, R39, R40 on each site."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_emergency.schemas.sector_registries import (
    DelistIn,
    RegistryName,
    RegistryStatusOut,
    SiteImportIn,
    SiteImportOut,
    SiteIn,
    SiteOut,
)
from hunan_emergency.use_cases import sector_registries
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1/sector-registries", tags=["sector registries"])
WRITE = ["emergency:write"]


@router.get(
    "/{registry}",
    response_model=RegistryStatusOut,
    operation_id="getSectorRegistryStatus",
    summary="Active count against the cap on a date (R41, R42)",
    dependencies=[reader("emergency:read")],
)
def get_status(
    registry: RegistryName,
    as_of: dt.date | None = Query(None, description="Default today"),
    session: Session = Depends(db_session),
):
    return sector_registries.status(session, registry, as_of)


@router.post(
    "/{registry}/sites",
    status_code=201,
    response_model=SiteOut,
    operation_id="registerSectorSite",
    summary="Register a site; refused (409) when the active count would exceed the cap",
)
def register(registry: RegistryName, body: SiteIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: sector_registries.register(uow, registry, body), status_code=201, body=body)


@router.post(
    "/{registry}/sites/import",
    status_code=201,
    response_model=SiteImportOut,
    operation_id="importSectorSites",
    summary="Load existing sites, all or nothing, within the cap",
)
def import_sites(registry: RegistryName, body: SiteImportIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: sector_registries.import_sites(uow, registry, body), status_code=201, body=body)


@router.get(
    "/{registry}/sites",
    response_model=Page[SiteOut],
    operation_id="listSectorSites",
    summary="Sites",
    dependencies=[reader("emergency:read")],
)
def list_sites(
    registry: RegistryName,
    page: PageParams = Depends(page_params),
    division: str | None = Query(None, pattern=r"^43\d{4}$"),
    state: str | None = Query(None, max_length=20),
    session: Session = Depends(db_session),
):
    return sector_registries.list_sites(session, page, registry, division, state)


@router.get(
    "/{registry}/sites/{site_id}",
    response_model=SiteOut,
    operation_id="getSectorSite",
    summary="One site",
    dependencies=[reader("emergency:read")],
)
def get_site(registry: RegistryName, site_id: str, session: Session = Depends(db_session)):
    return sector_registries.get(session, registry, site_id)


@router.post(
    "/{registry}/sites/{site_id}/delist",
    response_model=SiteOut,
    operation_id="delistSectorSite",
    summary="Delist (closed, exited): no longer counts to the cap",
)
def delist(registry: RegistryName, site_id: str, body: DelistIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: sector_registries.delist(uow, registry, site_id, body), body=body)
