"""HTTP routes for units' stock assets and their disposition ladder (R11, Opinion (五))."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_budget.schemas.oversight import DispositionIn, StockAssetIn, StockAssetOut
from hunan_budget.use_cases import assets
from hunan_shared.api import Writer, db_session, reader, writer

router = APIRouter(prefix="/v1/stock-assets", tags=["stock assets"])


@router.post(
    "",
    status_code=201,
    response_model=StockAssetOut,
    operation_id="registerStockAsset",
    summary="Register an idle, inefficient, over-standard, temporary or operating asset of a unit",
)
def register_asset(body: StockAssetIn, write: Writer = Security(writer, scopes=["budget:write"])):
    return write.run(lambda uow: assets.register(uow, body), status_code=201, body=body)


@router.post(
    "/{asset_id}/disposition",
    response_model=StockAssetOut,
    operation_id="disposeStockAsset",
    summary="Decide the asset's disposition: reallocation before disposal (R11)",
)
def dispose_asset(asset_id: str, body: DispositionIn, write: Writer = Security(writer, scopes=["budget:write"])):
    return write.run(lambda uow: assets.dispose(uow, asset_id, body), body=body)


@router.get(
    "",
    response_model=list[StockAssetOut],
    operation_id="listStockAssets",
    summary="Stock assets of a level",
    dependencies=[reader("budget:read")],
)
def list_assets(
    division_code: str = Query(pattern=r"^43\d{4}$"),
    undecided_only: bool = Query(False, description="only assets without a disposition yet"),
    session: Session = Depends(db_session),
):
    return assets.list_assets(session, division_code, undecided_only)
