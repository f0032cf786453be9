"""HTTP routes for the archive (一树一档, Art. 14): history, updates, signs and facilities (Art. 22),
attachments, bulk import and export (CSV, GeoJSON)."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Query, Request, Security
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse
from sqlmodel import Session

from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer
from hunan_shared.errors import InvalidInput
from hunan_shared.problems import problem_response
from hunan_shared.types import Timestamp
from hunan_trees.schemas.archive import (
    AttachmentIn,
    AttachmentOut,
    FacilityIn,
    FacilityOut,
    ImportResult,
    SignIn,
    SignOut,
    TreeUpdate,
    TreeVersionOut,
)
from hunan_trees.schemas.trees import TreeOut
from hunan_trees.use_cases import archive, transfer

router = APIRouter(prefix="/v1/trees", tags=["archive"])
WRITE = ["trees:write"]
IMPORT_TYPES = {"text/csv": "csv", "application/geo+json": "geojson", "application/json": "geojson"}


@router.post(
    "/import",
    status_code=201,
    response_model=ImportResult,
    operation_id="importTrees",
    summary="Import already recognised trees from CSV or GeoJSON, all or nothing (per-row errors on 422)",
    description=f"Body `text/csv` (UTF-8, header row; columns {', '.join(transfer.COLUMNS)}; famous_basis "
    "separated by ';') or `application/geo+json` (a FeatureCollection of Points whose properties are the same "
    "fields). One bad row rejects the file: the 422 problem lists every problem as `errors[]` (`field` = "
    "`line <n>.<field>` or `feature <n>.<field>`). Trees are marked IMPORTED.",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "text/csv": {"schema": {"type": "string"}},
                "application/geo+json": {"schema": {"type": "object"}},
            },
        }
    },
)
async def import_trees(request: Request, write: Writer = Security(writer, scopes=WRITE)):
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    fmt = IMPORT_TYPES.get(media)
    if fmt is None:
        return problem_response(
            415, "Unsupported content type", detail="send text/csv or application/geo+json", instance=request.url.path
        )
    try:
        text = (await request.body()).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput("the file must be UTF-8 encoded") from None
    settings = request.app.state.settings
    return await run_in_threadpool(
        write.run, lambda uow: transfer.import_trees(uow, text, fmt, settings), status_code=201, body=text
    )


@router.get(
    "/export",
    operation_id="exportTrees",
    summary="Export the register as CSV or GeoJSON (the import's columns, so the file imports again); "
    "`changed_since` gives the provincial information system its increments (Art. 14)",
    dependencies=[reader("trees:read")],
    responses={200: {"content": {"text/csv": {}, "application/geo+json": {}}}},
)
def export_trees(
    request: Request,
    format: Literal["csv", "geojson"] = Query("csv"),  # noqa: A002 - the query parameter's public name
    division: str | None = Query(None, pattern=r"^43\d{4}$"),
    changed_since: Timestamp | None = Query(
        None,
        description="Only trees whose archive changed (a version recorded) at or after this moment — the "
        "incremental pull by which the provincial information system takes in the archives (Art. 14)",
    ),
):
    query = transfer.export_query(division, changed_since)
    engine = request.app.state.platform.engine
    if format == "csv":
        return StreamingResponse(
            transfer.export_csv(engine, query),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="trees.csv"'},
        )
    return StreamingResponse(
        transfer.export_geojson(engine, query),
        media_type="application/geo+json",
        headers={"Content-Disposition": 'attachment; filename="trees.geojson"'},
    )


@router.get(
    "/{tree_id}/history",
    response_model=Page[TreeVersionOut],
    operation_id="getTreeHistory",
    summary="Every version of a tree's archive: who, when, why, basis (Art. 14)",
    dependencies=[reader("trees:read")],
)
def tree_history(tree_id: str, page: PageParams = Depends(page_params), session: Session = Depends(db_session)):
    return archive.history(session, tree_id, page)


@router.patch(
    "/{tree_id}",
    response_model=TreeOut,
    operation_id="updateTree",
    summary="Update archive facts of a tree with a reason; a new version is recorded (Art. 14)",
)
def update_tree(tree_id: str, body: TreeUpdate, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: archive.update(uow, tree_id, body), body=body)


@router.post(
    "/{tree_id}/signs",
    status_code=201,
    response_model=SignOut,
    operation_id="installSign",
    summary="Register a protection sign with its number; replaces the sign in place (Art. 22)",
)
def install_sign(tree_id: str, body: SignIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: archive.install_sign(uow, tree_id, body), status_code=201, body=body)


@router.get(
    "/{tree_id}/signs",
    response_model=list[SignOut],
    operation_id="listSigns",
    summary="A tree's protection signs, current and replaced",
    dependencies=[reader("trees:read")],
)
def list_signs(tree_id: str, session: Session = Depends(db_session)):
    return archive.list_signs(session, tree_id)


@router.post(
    "/{tree_id}/facilities",
    status_code=201,
    response_model=FacilityOut,
    operation_id="addFacility",
    summary="Register a protection facility: support frame, guard rail, lightning protection … (Art. 22)",
)
def add_facility(tree_id: str, body: FacilityIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: archive.add_facility(uow, tree_id, body), status_code=201, body=body)


@router.get(
    "/{tree_id}/facilities",
    response_model=list[FacilityOut],
    operation_id="listFacilities",
    summary="A tree's protection facilities",
    dependencies=[reader("trees:read")],
)
def list_facilities(tree_id: str, session: Session = Depends(db_session)):
    return archive.list_facilities(session, tree_id)


@router.post(
    "/{tree_id}/attachments",
    status_code=201,
    response_model=AttachmentOut,
    operation_id="addAttachment",
    summary="Add a photo or document's metadata to the tree's archive (图文信息档案, Art. 14)",
)
def add_attachment(tree_id: str, body: AttachmentIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: archive.add_attachment(uow, tree_id, body), status_code=201, body=body)


@router.get(
    "/{tree_id}/attachments",
    response_model=list[AttachmentOut],
    operation_id="listAttachments",
    summary="Metadata of the tree's archive files",
    dependencies=[reader("trees:read")],
)
def list_attachments(tree_id: str, session: Session = Depends(db_session)):
    return archive.list_attachments(session, tree_id)
